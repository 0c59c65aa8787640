/* Calibration anchors (issue 11): percentile anchors, an anchor equal to
 * the crossover (a step), and calibration sweeps that skip invalid points.
 * Every expected value is worked by hand in the comments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsqca/fsqca.h"
#include "test_util.h"

#define NEAR(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-12, "%.17g != %.17g", (double)(a), (double)(b))

/* R's quantile(x, p, type = 7) on x = 8, 1, 4, NA, 2: sorted 1 2 4 8 (m = 4),
 * index h = 1 + 3p, value (1 - f) x[floor h] + f x[ceiling h], f = h - floor h:
 *   p10: h = 1.3 -> 0.7 * 1 + 0.3 * 2 = 1.3
 *   p25: h = 1.75 -> 0.25 * 1 + 0.75 * 2 = 1.75
 *   p50: h = 2.5 -> (2 + 4) / 2 = 3
 *   p90: h = 3.7 -> 0.3 * 4 + 0.7 * 8 = 6.8
 *   p0 = 1, p100 = 8. */
START_TEST(test_calib__percentile_anchors_are_r_type_7)
{
    const double x[5] = {8, 1, 4, NAN, 2};
    double th[6];
    size_t n;
    int named;
    ck_assert_int_eq(fsq_calib_parse_thresholds_data("e=p10, c=p50, i=p90", x, 5, th, 6, &n,
                                                     &named), FSQ_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert(named);
    NEAR(th[0], 1.3);
    NEAR(th[1], 3.0);
    NEAR(th[2], 6.8);
    ck_assert_int_eq(fsq_calib_parse_thresholds_data("p0,p25,p100", x, 5, th, 6, &n, NULL), FSQ_OK);
    NEAR(th[0], 1.0);
    NEAR(th[1], 1.75);
    NEAR(th[2], 8.0);
    /* Mixed with plain numbers, in any order of names. */
    ck_assert_int_eq(fsq_calib_parse_thresholds_data("i=7,e=p10,c=3.5", x, 5, th, 6, &n, NULL),
                     FSQ_OK);
    NEAR(th[0], 1.3);
    NEAR(th[1], 3.5);
    NEAR(th[2], 7.0);
    /* Out of range, and without data. */
    ck_assert_int_eq(fsq_calib_parse_thresholds_data("p101,p50,p90", x, 5, th, 6, &n, NULL),
                     FSQ_EINPUT);
    ck_assert_msg(strstr(fsq_last_error(), "p0 to p100") != NULL, "%s", fsq_last_error());
    ck_assert_int_eq(fsq_calib_parse_thresholds("p10,p50,p90", th, 6, &n, NULL), FSQ_EINPUT);
    ck_assert_msg(strstr(fsq_last_error(), "needs the data") != NULL, "%s", fsq_last_error());
}
END_TEST

/* Logistic, idm 0.95, L = log(19). Increasing e < c: for x < c,
 * m = 1 / (1 + exp(-(x - c) L / (c - e))), so m(e) = 1/20.
 *   i == c (e=400, c=550, i=550): x = 475 is half-way from c to e:
 *     m = 1 / (1 + exp(L / 2)) = 1 / (1 + sqrt 19); x = 550: 0.5; x = 551: 1.
 *   e == c (e=550, c=550, i=700): x = 500: 0; x = 550: 0.5;
 *     x = 625, half-way to i: m = 1 / (1 + exp(-L / 2)) = sqrt 19 / (1 + sqrt 19).
 * Linear (logistic = 0), i == c: x = 475: ((400 - 475)/(400 - 550))^1 / 2 =
 *   0.25; x = 550: 0.5; x = 551: 1.
 * e == c == i, and i below c, are refused. */
START_TEST(test_calib__anchor_equal_to_crossover_is_a_step)
{
    const double s19 = sqrt(19.0);
    fsq_calib_options o = FSQ_CALIB_OPTIONS_INIT;
    double th[3] = {400, 550, 550}, x[3] = {475, 550, 551}, m[3];
    o.nthresholds = 3;
    o.thresholds = th;
    ck_assert_int_eq(fsq_calibrate(x, 3, &o, m), FSQ_OK);
    NEAR(m[0], 1 / (1 + s19));
    NEAR(m[1], 0.5);
    NEAR(m[2], 1.0);
    o.logistic = 0;
    ck_assert_int_eq(fsq_calibrate(x, 3, &o, m), FSQ_OK);
    NEAR(m[0], 0.25);
    NEAR(m[1], 0.5);
    NEAR(m[2], 1.0);
    o.logistic = 1;
    double th2[3] = {550, 550, 700}, x2[3] = {500, 550, 625};
    o.thresholds = th2;
    ck_assert_int_eq(fsq_calibrate(x2, 3, &o, m), FSQ_OK);
    NEAR(m[0], 0.0);
    NEAR(m[1], 0.5);
    NEAR(m[2], s19 / (1 + s19));
    /* A decreasing set with i == c mirrors the first: x = 625 is half-way
     * from c = 550 to e = 700, so m = 1 - 1 / (1 + sqrt 19) ... complemented:
     * membership 1 / (1 + sqrt 19) on the e side; full membership below c. */
    double th3[3] = {700, 550, 550}, x3[2] = {625, 500};
    o.thresholds = th3;
    ck_assert_int_eq(fsq_calibrate(x3, 2, &o, m), FSQ_OK);
    NEAR(m[0], 1 / (1 + s19));
    NEAR(m[1], 1.0);
    double bad1[3] = {550, 550, 550}, bad2[3] = {400, 550, 500};
    o.thresholds = bad1;
    ck_assert_int_eq(fsq_calibrate(x, 3, &o, m), FSQ_EINPUT);
    o.thresholds = bad2;
    ck_assert_int_eq(fsq_calibrate(x, 3, &o, m), FSQ_EINPUT);
}
END_TEST

/* A calibration sweep of DEV.i over 0.4, 0.5, 0.6 with e = 0.2, c = 0.5:
 * i = 0.4 is below c (invalid: skipped and reported, once, legibly),
 * i = 0.5 is the step, i = 0.6 ordinary; the run succeeds. */
START_TEST(test_calib__sweep_skips_invalid_points)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared)
        return;
    char cmd[8192];
    char *out = NULL;
    snprintf(cmd, sizeof cmd,
             "'%s' robust '%s/datasets/qca/LF.csv' --outcome SURV --incl-cut 0.8 "
             "--calibrate DEV=e=0.2,c=0.5,i=0.8 --sweep DEV.i=0.4:0.6:0.1 --json",
             FSQCA_CLI, shared);
    ck_assert_int_eq(fsq_test_run(cmd, 0, &out), 0);
    cJSON *j = cJSON_Parse(out);
    ck_assert_msg(j != NULL, "%s", out);
    cJSON *sk = cJSON_GetObjectItem(j, "skipped");
    ck_assert_int_eq(cJSON_GetArraySize(sk), 1);
    const char *msg = cJSON_GetArrayItem(sk, 0)->valuestring;
    ck_assert_msg(strncmp(msg, "DEV.i = 0.4: invalid anchors, skipped (", 39) == 0, "%s", msg);
    /* Not garbled: the anchors appear once. */
    const char *first = strstr(msg, "e=0.2, c=0.5, i=0.4");
    ck_assert(first && !strstr(first + 1, "e=0.2, c=0.5, i=0.4"));
    cJSON_Delete(j);
    free(out);
}
END_TEST

static Suite *fsq_calib_anchors_suite(void)
{
    Suite *s = suite_create("calib_anchors");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_calib__percentile_anchors_are_r_type_7);
    tcase_add_test(tc, test_calib__anchor_equal_to_crossover_is_a_step);
    tcase_add_test(tc, test_calib__sweep_skips_invalid_points);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_calib_anchors_suite());
}
