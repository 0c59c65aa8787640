/* Minimization through the public API on cases worked by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static fsq_tt *crisp_table(const char *csv)
{
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, strlen(csv), "t.csv", NULL), 0);
    fsq_tt *tt = NULL;
    ck_assert_msg(fsq_tt_build(&tt, d, "Y", NULL, 0, NULL) == 0, "%s", fsq_last_error());
    fsq_data_free(d);
    return tt;
}

/* DESIGN.md: ON rows 1011111 and 0111111; OFF rows 0011111 with one of C..G
 * cleared. QCA's search stops early and answers A + B (two terms); the one
 * term C*D*E*F*G covers both ON rows and no OFF row, so it is the only
 * minimum solution. */
START_TEST(test_minimize__design_case_is_one_term_not_qca_heuristic)
{
    fsq_tt *tt = crisp_table("id,A,B,C,D,E,F,G,Y\n"
                             "on1,1,0,1,1,1,1,1,1\n"
                             "on2,0,1,1,1,1,1,1,1\n"
                             "off1,0,0,0,1,1,1,1,0\n"
                             "off2,0,0,1,0,1,1,1,0\n"
                             "off3,0,0,1,1,0,1,1,0\n"
                             "off4,0,0,1,1,1,0,1,0\n"
                             "off5,0,0,1,1,1,1,0,0\n");
    fsq_min_options o = FSQ_MIN_OPTIONS_INIT;
    o.type = FSQ_PARSIMONIOUS;
    fsq_min *m = NULL;
    ck_assert_msg(fsq_minimize(&m, tt, &o) == 0, "%s", fsq_last_error());
    ck_assert_uint_eq(fsq_min_nsolutions(m), 1);
    char *text = fsq_min_solution_text(m, 0);
    ck_assert_str_eq(text, "C*D*E*F*G");
    free(text);
    /* Its membership: 1 for the two ON cases, 0 for every OFF case. */
    double mem[7];
    ck_assert_int_eq(fsq_min_solution_membership(m, 0, mem), 0);
    for (int i = 0; i < 7; i++)
        ck_assert(mem[i] == (i < 2 ? 1.0 : 0.0));
    double incl, pri, cov;
    fsq_min_solution_fit(m, 0, &incl, &pri, &cov);
    ck_assert(incl == 1.0 && cov == 1.0);
    fsq_min_free(m);
    fsq_tt_free(tt);
}
END_TEST

/* Conservative: no remainder may be assumed. Rows 110 and 111 are ON, 000
 * and 011 OFF: the one PI is A*B (it holds only the two ON rows). */
START_TEST(test_minimize__conservative_covers_only_positive_rows)
{
    fsq_tt *tt = crisp_table("id,A,B,C,Y\nw,1,1,0,1\nx,1,1,1,1\ny,0,0,0,0\nz,0,1,1,0\n");
    fsq_min *m = NULL;
    ck_assert_int_eq(fsq_minimize(&m, tt, NULL), 0);
    char *text = fsq_min_solution_text(m, 0);
    ck_assert_str_eq(text, "A*B");
    free(text);
    fsq_min_free(m);
    /* Parsimonious: A alone avoids both OFF rows (A = 0 in each). */
    fsq_min_options o = FSQ_MIN_OPTIONS_INIT;
    o.type = FSQ_PARSIMONIOUS;
    ck_assert_int_eq(fsq_minimize(&m, tt, &o), 0);
    text = fsq_min_solution_text(m, 0);
    ck_assert_str_eq(text, "A");
    free(text);
    fsq_min_free(m);
    fsq_tt_free(tt);
}
END_TEST

START_TEST(test_minimize__no_positive_row_is_an_analysis_error)
{
    fsq_tt *tt = crisp_table("id,A,B,Y\nx,1,0,0\ny,0,1,0\n");
    fsq_min *m = NULL;
    ck_assert_int_eq(fsq_minimize(&m, tt, NULL), FSQ_ENOSOLUTION);
    ck_assert_ptr_null(m);
    ck_assert_str_eq(fsq_last_error(), "no configuration has OUT = 1: nothing to minimize (check "
                                       "--incl-cut, --pri-cut and --n-cut)");
    /* Intermediate without one expectation per condition is bad input. */
    fsq_min_options o = FSQ_MIN_OPTIONS_INIT;
    o.type = FSQ_INTERMEDIATE;
    ck_assert_int_eq(fsq_minimize(&m, tt, &o), FSQ_EINPUT);
    fsq_tt_free(tt);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("minimize");
    TCase *tc = tcase_create("minimize");
    tcase_add_test(tc, test_minimize__design_case_is_one_term_not_qca_heuristic);
    tcase_add_test(tc, test_minimize__conservative_covers_only_positive_rows);
    tcase_add_test(tc, test_minimize__no_positive_row_is_an_analysis_error);
    suite_add_tcase(s, tc);
    return fsq_test_run_suite(s);
}
