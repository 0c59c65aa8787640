/* Truth tables: formulas against values worked by hand, kinds of conditions,
 * cut-offs and QCA's tolerance, big indices, errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "tt/tt_internal.h"

static fsq_tt *build(const char *csv, const char *outcome, const fsq_tt_options *o)
{
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, strlen(csv), "t.csv", NULL), 0);
    fsq_tt *tt = NULL;
    int rc = fsq_tt_build(&tt, d, outcome, NULL, 0, o);
    ck_assert_msg(rc == 0, "%s", fsq_last_error());
    fsq_data_free(d);
    return tt;
}

/* Four cases, two fuzzy conditions. Worked by hand:
 *   case  A    B    Y    row
 *   c1   0.8  0.3  0.9   10
 *   c2   0.6  0.7  0.4   11
 *   c3   0.2  0.9  0.6   01
 *   c4   0.5  0.1  0.2   none (A = 0.5)
 * Row 01 (~A*B): X = .2 .4 .8 .1 (sum 1.5); min(X,Y) = .2 .4 .6 .1 (1.3);
 *   min(X,Y,1-Y) = .1 .4 .4 .1 (1.0): incl = 1.3/1.5, PRI = .3/.5 = 0.6.
 * Row 10 (A*~B): X = .7 .3 .1 .5 (1.6); min(X,Y) = .7 .3 .1 .2 (1.3);
 *   min(X,Y,1-Y) = .1 .3 .1 .2 (0.7): incl = 0.8125, PRI = .6/.9.
 * Row 11 (A*B): X = .3 .6 .2 .1 (1.2); min(X,Y) = .3 .4 .2 .1 (1.0);
 *   min(X,Y,1-Y) = .1 .4 .2 .1 (0.8): incl = 1/1.2, PRI = .2/.4 = 0.5. */
static const char fuzzy_csv[] = "id,A,B,Y\nc1,0.8,0.3,0.9\nc2,0.6,0.7,0.4\nc3,0.2,0.9,0.6\n"
                                "c4,0.5,0.1,0.2\n";

START_TEST(test_tt__fuzzy_row_consistency_matches_formula)
{
    fsq_tt_options o = FSQ_TT_OPTIONS_INIT;
    o.incl_cut1 = 0.82;
    fsq_tt *tt = build(fuzzy_csv, "Y", &o);
    ck_assert_int_eq(fsq_tt_type(tt), FSQ_FUZZY);
    ck_assert_uint_eq(fsq_tt_nrows(tt), 3);
    char buf[64];
    const char *index[] = {"2", "3", "4"};
    const double incl[] = {1.3 / 1.5, 0.8125, 1.0 / 1.2};
    const double pri[] = {0.6, 0.6 / 0.9, 0.5};
    const fsq_out out[] = {FSQ_OUT_1, FSQ_OUT_0, FSQ_OUT_1};
    const char *cases[] = {"c3", "c1", "c2"};
    for (size_t r = 0; r < 3; r++) {
        ck_assert_str_eq(fsq_tt_row_index(tt, r, buf, sizeof buf), index[r]);
        ck_assert(fsq_test_close(fsq_tt_row_incl(tt, r), incl[r], 1e-12));
        ck_assert(fsq_test_close(fsq_tt_row_pri(tt, r), pri[r], 1e-12));
        ck_assert_int_eq(fsq_tt_row_out(tt, r), out[r]);
        size_t n;
        const size_t *c = fsq_tt_row_cases(tt, r, &n);
        ck_assert_uint_eq(n, 1);
        ck_assert_str_eq(fsq_tt_case_id(tt, c[0]), cases[r]);
    }
    size_t nhalf;
    const size_t *half = fsq_tt_half_cases(tt, &nhalf);
    ck_assert_uint_eq(nhalf, 1);
    ck_assert_str_eq(fsq_tt_case_id(tt, half[0]), "c4");
    ck_assert_str_eq(fsq_tt_remainders(tt, buf, sizeof buf), "1");
    fsq_tt_free(tt);
}
END_TEST

START_TEST(test_tt__pri_cut_and_contradictions)
{
    fsq_tt_options o = FSQ_TT_OPTIONS_INIT;
    o.incl_cut1 = 0.82;
    o.pri_cut = 0.55; /* row 11 has PRI 0.5: no longer positive */
    fsq_tt *tt = build(fuzzy_csv, "Y", &o);
    ck_assert_int_eq(fsq_tt_row_out(tt, 0), FSQ_OUT_1);
    ck_assert_int_eq(fsq_tt_row_out(tt, 2), FSQ_OUT_0);
    fsq_tt_free(tt);
    o.pri_cut = 0;
    o.incl_cut1 = 0.85;
    o.incl_cut0 = 0.8; /* 0.8125 and 0.8333 are contradictions */
    tt = build(fuzzy_csv, "Y", &o);
    ck_assert_int_eq(fsq_tt_row_out(tt, 0), FSQ_OUT_1);
    ck_assert_int_eq(fsq_tt_row_out(tt, 1), FSQ_OUT_C);
    ck_assert_int_eq(fsq_tt_row_out(tt, 2), FSQ_OUT_C);
    fsq_tt_free(tt);
}
END_TEST

START_TEST(test_tt__negated_outcome_uses_one_minus_y)
{
    fsq_tt *tt = build(fuzzy_csv, "~Y", NULL);
    ck_assert(fsq_tt_outcome_negated(tt));
    ck_assert_str_eq(fsq_tt_outcome(tt), "Y");
    /* Row 10 with 1-Y = .1 .6 .4 .8: min(X,1-Y) = .1 .3 .1 .5 = 1.0 of 1.6. */
    ck_assert(fsq_test_close(fsq_tt_row_incl(tt, 1), 1.0 / 1.6, 1e-12));
    fsq_tt_free(tt);
}
END_TEST

START_TEST(test_tt__cut_offs_allow_qca_tolerance)
{
    fsq_tt_options o = FSQ_TT_OPTIONS_INIT;
    o.incl_cut1 = 0.8;
    ck_assert_int_eq(fsq__tt_classify(&o, 1, 0.8 - 1e-9, 1), FSQ_OUT_1);
    ck_assert_int_eq(fsq__tt_classify(&o, 1, 0.8 - 1e-7, 1), FSQ_OUT_0);
    o.pri_cut = 0.7;
    ck_assert_int_eq(fsq__tt_classify(&o, 1, 0.9, 0.7 - 1e-9), FSQ_OUT_1);
    ck_assert_int_eq(fsq__tt_classify(&o, 1, 0.9, 0.69), FSQ_OUT_0);
    o.n_cut = 2;
    ck_assert_int_eq(fsq__tt_classify(&o, 1, 0.9, 0.9), FSQ_OUT_REM);
    /* As in QCA, C is tested on the raw value: just below ic1 is C, not 1. */
    o.n_cut = 1;
    o.pri_cut = 0;
    o.incl_cut0 = 0.6;
    ck_assert_int_eq(fsq__tt_classify(&o, 1, 0.8 - 1e-9, 1), FSQ_OUT_C);
    ck_assert_int_eq(fsq__tt_classify(&o, 1, 0.6 - 1e-9, 1), FSQ_OUT_C);
    ck_assert_int_eq(fsq__tt_classify(&o, 1, 0.59, 1), FSQ_OUT_0);
}
END_TEST

/* Multi-value: A has levels 0..2. Rows by hand: 00 (index 1, incl 0),
 * 11 (index 1*2 + 1 + 1 = 4, incl 1), 21 (index 6, two cases, incl 0.5). */
START_TEST(test_tt__multivalue_rows_and_indices)
{
    fsq_tt *tt = build("id,A,B,Y\nw,2,1,1\nx,2,1,0\ny,0,0,0\nz,1,1,1\n", "Y", NULL);
    ck_assert_int_eq(fsq_tt_type(tt), FSQ_MULTIVALUE);
    ck_assert_uint_eq(fsq_tt_levels(tt, 0), 3);
    ck_assert_uint_eq(fsq_tt_levels(tt, 1), 2);
    ck_assert_uint_eq(fsq_tt_nrows(tt), 3);
    char buf[64];
    ck_assert_str_eq(fsq_tt_row_index(tt, 0, buf, sizeof buf), "1");
    ck_assert_str_eq(fsq_tt_row_index(tt, 1, buf, sizeof buf), "4");
    ck_assert_str_eq(fsq_tt_row_index(tt, 2, buf, sizeof buf), "6");
    ck_assert(fsq_tt_row_incl(tt, 2) == 0.5);
    ck_assert_uint_eq(fsq_tt_row_n(tt, 2), 2);
    ck_assert_int_eq(fsq_tt_row_out(tt, 1), FSQ_OUT_1);
    ck_assert_str_eq(fsq_tt_remainders(tt, buf, sizeof buf), "3");
    fsq_tt_free(tt);
}
END_TEST

/* 70 conditions: more than one 64-bit word, and indices beyond 64 bits.
 * All ones: index = 2^70 = 1180591620717411303424; remainders 2^70 - 1. */
START_TEST(test_tt__seventy_conditions_and_big_indices)
{
    char csv[2048] = "id";
    size_t pos = 2;
    for (int j = 0; j < 70; j++)
        pos += (size_t)snprintf(csv + pos, sizeof csv - pos, ",C%d", j);
    pos += (size_t)snprintf(csv + pos, sizeof csv - pos, ",Y\nx");
    for (int j = 0; j < 71; j++)
        pos += (size_t)snprintf(csv + pos, sizeof csv - pos, ",1");
    snprintf(csv + pos, sizeof csv - pos, "\n");
    fsq_tt *tt = build(csv, "Y", NULL);
    ck_assert_uint_eq(fsq_tt_nconditions(tt), 70);
    char buf[128];
    ck_assert_str_eq(fsq_tt_row_index(tt, 0, buf, sizeof buf), "1180591620717411303424");
    ck_assert_str_eq(fsq_tt_remainders(tt, buf, sizeof buf), "1180591620717411303423");
    fsq_tt_free(tt);
}
END_TEST

START_TEST(test_tt__bad_values_are_named)
{
    const char *cases[][2] = {
        {"id,A,Y\nx,1.5,1\n",
         "t.csv:2:2: condition \"A\" has the value 1.5: neither a membership in [0, 1] nor a "
         "multi-value level 0, 1, 2, ..."},
        {"id,A,Y\nx,1,2\n", "t.csv:2:3: the outcome \"Y\" has the value 2, not a membership in "
                            "[0, 1]"},
        {"id,A,B,Y\nx,0.3,2,1\n", "condition \"A\" is fuzzy and \"B\" is multi-value; QCA cannot "
                                  "mix the two in one truth table"},
        {"id,A,Y\nx,-1,1\n", "t.csv:2:2: condition \"A\" has the value -1: neither a membership "
                             "in [0, 1] nor a multi-value level 0, 1, 2, ..."},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        fsq_data *d = NULL;
        ck_assert_int_eq(fsq_data_parse_csv(&d, cases[c][0], strlen(cases[c][0]), "t.csv", NULL),
                         0);
        fsq_tt *tt = NULL;
        ck_assert_int_eq(fsq_tt_build(&tt, d, "Y", NULL, 0, NULL), FSQ_EINPUT);
        ck_assert_ptr_null(tt);
        ck_assert_str_eq(fsq_last_error(), cases[c][1]);
        fsq_data_free(d);
    }
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, fuzzy_csv, strlen(fuzzy_csv), "t.csv", NULL), 0);
    fsq_tt *tt = NULL;
    const char *conds[] = {"A", "Y"};
    ck_assert_int_eq(fsq_tt_build(&tt, d, "Y", conds, 2, NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "\"Y\" is the outcome and cannot also be a condition");
    const char *twice[] = {"A", "A"};
    ck_assert_int_eq(fsq_tt_build(&tt, d, "Y", twice, 2, NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "condition \"A\" is given twice");
    fsq_tt_options o = FSQ_TT_OPTIONS_INIT;
    o.incl_cut1 = 1.2;
    ck_assert_int_eq(fsq_tt_build(&tt, d, "Y", NULL, 0, &o), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "incl.cut 1.2 is not in [0, 1]");
    fsq_data_free(d);
}
END_TEST

/* Case weights: weight 2 on c1 gives the sums of the data with c1 twice. */
START_TEST(test_tt__weighted_sums_equal_duplicated_cases)
{
    fsq_tt *tt = build(fuzzy_csv, "Y", NULL);
    char dup[256];
    snprintf(dup, sizeof dup, "%sc1b,0.8,0.3,0.9\n", fuzzy_csv);
    fsq_tt *tt2 = build(dup, "Y", NULL);
    double w[4] = {2, 1, 1, 1}, s1[9], s2[9];
    ck_assert_int_eq(fsq__tt_cube_sums(tt, tt->rows, 3, w, s1, 1), 0);
    ck_assert_int_eq(fsq__tt_cube_sums(tt2, tt->rows, 3, NULL, s2, 1), 0);
    for (int i = 0; i < 9; i++)
        ck_assert(fsq_test_close(s1[i], s2[i], 1e-12));
    /* A cube with a free condition: A alone, X = .8 .6 .2 .5 = 2.1. */
    unsigned char cube[2] = {1, 0xFF};
    double s3[3];
    ck_assert_int_eq(fsq__tt_cube_sums(tt, cube, 1, NULL, s3, 1), 0);
    ck_assert(fsq_test_close(s3[0], 2.1, 1e-12));
    fsq_tt_free(tt);
    fsq_tt_free(tt2);
}
END_TEST

/* A jackknife replicate (weight 0 for c2) is the table of the data without
 * c2; a bootstrap weight of 2 is the case listed twice; cut-offs re-apply. */
START_TEST(test_tt__reweight_equals_rebuilt_data)
{
    fsq_tt_options o = FSQ_TT_OPTIONS_INIT;
    o.incl_cut1 = 0.82;
    fsq_tt *base = build(fuzzy_csv, "Y", &o);
    const char *variants[2] = {
        "id,A,B,Y\nc1,0.8,0.3,0.9\nc3,0.2,0.9,0.6\nc4,0.5,0.1,0.2\n",
        "id,A,B,Y\nc1,0.8,0.3,0.9\nc2,0.6,0.7,0.4\nc3,0.2,0.9,0.6\nc4,0.5,0.1,0.2\n"
        "c3b,0.2,0.9,0.6\n"};
    double w[2][4] = {{1, 0, 1, 1}, {1, 1, 2, 1}};
    for (int v = 0; v < 2; v++) {
        fsq_tt *rw = NULL;
        ck_assert_int_eq(fsq_tt_reweight(&rw, base, w[v], NULL), 0);
        fsq_tt *ref = build(variants[v], "Y", &o);
        ck_assert_uint_eq(fsq_tt_nrows(rw), fsq_tt_nrows(ref));
        for (size_t r = 0; r < fsq_tt_nrows(ref); r++) {
            ck_assert_int_eq(memcmp(rw->rows + r * 2, ref->rows + r * 2, 2), 0);
            ck_assert_uint_eq(fsq_tt_row_n(rw, r), fsq_tt_row_n(ref, r));
            ck_assert(fsq_test_close(fsq_tt_row_incl(rw, r), fsq_tt_row_incl(ref, r), 1e-12));
            ck_assert(fsq_test_close(fsq_tt_row_pri(rw, r), fsq_tt_row_pri(ref, r), 1e-12));
            ck_assert_int_eq(fsq_tt_row_out(rw, r), fsq_tt_row_out(ref, r));
        }
        fsq_tt_free(ref);
        /* New cut-offs without new sums: row 01 (incl 0.8667) drops at 0.9. */
        fsq_tt_options o2 = o;
        o2.incl_cut1 = 0.9;
        ck_assert_int_eq(fsq_tt_reclassify(rw, &o2), 0);
        for (size_t r = 0; r < fsq_tt_nrows(rw); r++)
            ck_assert_int_ne(fsq_tt_row_out(rw, r), FSQ_OUT_1);
        fsq_tt_free(rw);
    }
    fsq_tt_free(base);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tt");
    TCase *tc = tcase_create("tt");
    tcase_add_test(tc, test_tt__fuzzy_row_consistency_matches_formula);
    tcase_add_test(tc, test_tt__pri_cut_and_contradictions);
    tcase_add_test(tc, test_tt__negated_outcome_uses_one_minus_y);
    tcase_add_test(tc, test_tt__cut_offs_allow_qca_tolerance);
    tcase_add_test(tc, test_tt__multivalue_rows_and_indices);
    tcase_add_test(tc, test_tt__seventy_conditions_and_big_indices);
    tcase_add_test(tc, test_tt__bad_values_are_named);
    tcase_add_test(tc, test_tt__weighted_sums_equal_duplicated_cases);
    tcase_add_test(tc, test_tt__reweight_equals_rebuilt_data);
    suite_add_tcase(s, tc);
    return fsq_test_run_suite(s);
}
