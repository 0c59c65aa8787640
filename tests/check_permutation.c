/* The permutation test of truth-table rows, against exact probabilities and
 * Holm's adjustment worked by hand. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "tt/tt_internal.h"

/* Holm by hand: p = (0.01, 0.04, 0.03), m = 3. Sorted: 0.01 * 3 = 0.03;
 * 0.03 * 2 = 0.06; 0.04 * 1 = 0.04, raised to the running maximum 0.06. */
START_TEST(test_permutation__holm_matches_hand_worked_values)
{
    const double p[3] = {0.01, 0.04, 0.03};
    double a[3];
    fsq__holm(p, 3, a);
    ck_assert(fsq_test_close(a[0], 0.03, 1e-15));
    ck_assert(fsq_test_close(a[1], 0.06, 1e-15));
    ck_assert(fsq_test_close(a[2], 0.06, 1e-15));
    const double big[2] = {0.6, 0.7};
    fsq__holm(big, 2, a); /* capped at 1 */
    ck_assert(a[0] == 1.0 && a[1] == 1.0);
}
END_TEST

/* Six crisp cases, rows A=1 (cases a, b, c) and A=0 (d, e, f); the outcome
 * is 1 exactly for a, b, c. Row A=1 has incl 1; a permutation keeps it at 1
 * only when the three ones land on a, b, c: probability 1 / C(6,3) = 1/20.
 * So p -> 1/20 as P grows (with P = 40000 the standard error is 0.0011;
 * the tolerance is 0.006). Row A=0 has incl 0: every permutation reaches
 * it, p = 1. */
START_TEST(test_permutation__p_value_matches_exact_probability)
{
    const char *csv = "id,A,Y\na,1,1\nb,1,1\nc,1,1\nd,0,0\ne,0,0\nf,0,0\n";
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, strlen(csv), "t.csv", NULL), 0);
    fsq_tt *tt = NULL;
    ck_assert_int_eq(fsq_tt_build(&tt, d, "Y", NULL, 0, NULL), 0);
    double p[2], holm[2], p2[2], holm2[2];
    ck_assert_int_eq(fsq_tt_permutation_test(tt, 40000, 7, 1, p, holm), 0);
    ck_assert_msg(fabs(p[1] - 1.0 / 20) < 0.006, "p = %g, exact 0.05", p[1]);
    ck_assert(p[0] == 1.0);
    ck_assert(holm[1] == fmin(1.0, 2 * p[1]));
    /* Identical for two threads, and for the same seed twice. */
    ck_assert_int_eq(fsq_tt_permutation_test(tt, 40000, 7, 2, p2, holm2), 0);
    ck_assert(p[0] == p2[0] && p[1] == p2[1] && holm[1] == holm2[1]);
    ck_assert_int_eq(fsq_tt_permutation_test(tt, 0, 7, 1, p2, holm2), FSQ_EINPUT);
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("permutation");
    TCase *tc = tcase_create("permutation");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_permutation__holm_matches_hand_worked_values);
    tcase_add_test(tc, test_permutation__p_value_matches_exact_probability);
    suite_add_tcase(s, tc);
    return fsq_test_run_suite(s);
}
