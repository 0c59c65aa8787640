/* Tests of fsq_calibrate() and fsq_calib_parse_thresholds().
 *
 * Golden: every JSON file in ../shared/reference/qca-calibrate (outputs of QCA 3.23's
 * calibrate() on the LR raw data) within 1e-9. Hand-worked values pin the
 * formulas at the anchors, where the arithmetic is easy to do on paper. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsqca/fsqca.h"
#include "test_util.h"

static double calib1(double x, int type, int logistic, double idm, double below, double above,
                     const double *th, size_t nth)
{
    fsq_calib_options o = FSQ_CALIB_OPTIONS_INIT;
    o.type = type;
    o.logistic = logistic;
    o.idm = idm;
    o.below = below;
    o.above = above;
    o.thresholds = th;
    o.nthresholds = nth;
    double out = -1;
    ck_assert_int_eq(fsq_calibrate(&x, 1, &o, &out), FSQ_OK);
    return out;
}

#define ASSERT_NEAR(a, b) ck_assert_msg(fsq_test_close((a), (b), 1e-12), "%.17g != %.17g", (a), (b))

START_TEST(test_calib__logistic_anchors_match_definition)
{
    const double inc[3] = {350, 550, 900}; /* e, c, i */
    const double dec[3] = {900, 550, 350}; /* e > i: decreasing */
    /* The crossover is 0.5 by construction: exp(0) = 1, 1 / (1 + 1). */
    ASSERT_NEAR(calib1(550, FSQ_CALIB_FUZZY, 1, 0.95, 1, 1, inc, 3), 0.5);
    /* At i: 1 / (1 + exp(-log(idm / (1 - idm)))) = 1 / (1 + (1 - idm) / idm) = idm. */
    ASSERT_NEAR(calib1(900, FSQ_CALIB_FUZZY, 1, 0.95, 1, 1, inc, 3), 0.95);
    ASSERT_NEAR(calib1(900, FSQ_CALIB_FUZZY, 1, 0.99, 1, 1, inc, 3), 0.99);
    /* At e: symmetric, 1 - idm. */
    ASSERT_NEAR(calib1(350, FSQ_CALIB_FUZZY, 1, 0.95, 1, 1, inc, 3), 0.05);
    /* Decreasing: at i (350) the membership is idm, at e (900) 1 - idm. */
    ASSERT_NEAR(calib1(350, FSQ_CALIB_FUZZY, 1, 0.95, 1, 1, dec, 3), 0.95);
    ASSERT_NEAR(calib1(900, FSQ_CALIB_FUZZY, 1, 0.95, 1, 1, dec, 3), 0.05);
    /* Far beyond i the membership is above 0.9999, which QCA rounds to 1;
     * far below e it rounds to 0. */
    ck_assert(calib1(5000, FSQ_CALIB_FUZZY, 1, 0.95, 1, 1, inc, 3) == 1.0);
    ck_assert(calib1(-5000, FSQ_CALIB_FUZZY, 1, 0.95, 1, 1, inc, 3) == 0.0);
}
END_TEST

START_TEST(test_calib__piecewise_values_worked_by_hand)
{
    const double inc[3] = {350, 550, 900};
    const double dec[3] = {900, 550, 350};
    /* Linear: halfway from e to c is 0.25 = ((350 - 450) / (350 - 550)) / 2;
     * halfway from c to i (725) is 0.75 = 1 - ((900 - 725) / 350) / 2. */
    ASSERT_NEAR(calib1(450, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, inc, 3), 0.25);
    ASSERT_NEAR(calib1(725, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, inc, 3), 0.75);
    ASSERT_NEAR(calib1(550, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, inc, 3), 0.5);
    ck_assert(calib1(350, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, inc, 3) == 0.0);
    ck_assert(calib1(900, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, inc, 3) == 1.0);
    /* S-shaped with below = above = 2: 0.5^2 / 2 = 0.125 and 1 - 0.125. */
    ASSERT_NEAR(calib1(450, FSQ_CALIB_FUZZY, 0, 0.95, 2, 2, inc, 3), 0.125);
    ASSERT_NEAR(calib1(725, FSQ_CALIB_FUZZY, 0, 0.95, 2, 2, inc, 3), 0.875);
    /* Decreasing linear: 450 is halfway from i (350) to c: 1 - 0.5 / 2. */
    ASSERT_NEAR(calib1(450, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, dec, 3), 0.75);
    /* A value one part in 1e10 above e counts as e (R's all.equal). */
    ck_assert(calib1(350 * (1 + 1e-10), FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, inc, 3) == 0.0);
    /* Bell: 0 outside e1..e2, 1 on i1..i2, 0.5 at both crossovers, and
     * halfway from i2 (700) to c2 (850) = 775 gives 1 - 0.5 / 2. */
    const double bell[6] = {350, 450, 550, 700, 850, 1000};
    ck_assert(calib1(300, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, bell, 6) == 0.0);
    ck_assert(calib1(600, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, bell, 6) == 1.0);
    ASSERT_NEAR(calib1(450, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, bell, 6), 0.5);
    ASSERT_NEAR(calib1(850, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, bell, 6), 0.5);
    ASSERT_NEAR(calib1(775, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, bell, 6), 0.75);
    ck_assert(calib1(1200, FSQ_CALIB_FUZZY, 0, 0.95, 1, 1, bell, 6) == 0.0);
}
END_TEST

START_TEST(test_calib__crisp_counts_thresholds_at_or_below)
{
    const double x[6] = {100, 499, 500, 799, 800, 900};
    const double th[2] = {800, 500}; /* any order */
    const double want[6] = {0, 0, 1, 1, 2, 2};
    double out[6];
    fsq_calib_options o = FSQ_CALIB_OPTIONS_INIT;
    o.type = FSQ_CALIB_CRISP;
    o.thresholds = th;
    o.nthresholds = 2;
    ck_assert_int_eq(fsq_calibrate(x, 6, &o, out), FSQ_OK);
    for (int k = 0; k < 6; k++)
        ck_assert(out[k] == want[k]);
}
END_TEST

START_TEST(test_calib__nan_in_nan_out_and_in_place)
{
    double x[3] = {350, NAN, 900};
    const double th[3] = {350, 550, 900};
    fsq_calib_options o = FSQ_CALIB_OPTIONS_INIT;
    o.thresholds = th;
    o.nthresholds = 3;
    ck_assert_int_eq(fsq_calibrate(x, 3, &o, x), FSQ_OK);
    ASSERT_NEAR(x[0], 0.05);
    ck_assert(isnan(x[1]));
    ASSERT_NEAR(x[2], 0.95);
    o.type = FSQ_CALIB_CRISP;
    o.nthresholds = 1;
    double y[2] = {NAN, 400}, out[2];
    const double one[1] = {400};
    o.thresholds = one;
    ck_assert_int_eq(fsq_calibrate(y, 2, &o, out), FSQ_OK);
    ck_assert(isnan(out[0]));
    ck_assert(out[1] == 1.0);
}
END_TEST

START_TEST(test_calib__bad_thresholds_are_input_errors)
{
    const double x[2] = {1, 10};
    double out[2] = {-7, -7};
    fsq_calib_options o = FSQ_CALIB_OPTIONS_INIT;
    const double two[2] = {2, 5};
    const double unordered[3] = {2, 9, 5};
    const double tie[3] = {2, 5, 2}; /* e == i: no direction (e == c alone is a step, see check_calib_anchors) */
    const double badbell[6] = {1, 2, 3, 4, 6, 5};
    const double outside[1] = {11};

    ck_assert_int_eq(fsq_calibrate(x, 2, &o, out), FSQ_EINPUT); /* no thresholds */
    o.thresholds = two;
    o.nthresholds = 2;
    ck_assert_int_eq(fsq_calibrate(x, 2, &o, out), FSQ_EINPUT);
    ck_assert(strstr(fsq_last_error(), "3 thresholds") != NULL);
    o.thresholds = unordered;
    o.nthresholds = 3;
    ck_assert_int_eq(fsq_calibrate(x, 2, &o, out), FSQ_EINPUT);
    ck_assert(strstr(fsq_last_error(), "monotone") != NULL);
    o.thresholds = tie;
    o.logistic = 0;
    ck_assert_int_eq(fsq_calibrate(x, 2, &o, out), FSQ_EINPUT);
    o.thresholds = badbell;
    o.nthresholds = 6;
    ck_assert_int_eq(fsq_calibrate(x, 2, &o, out), FSQ_EINPUT);
    o.thresholds = two;
    o.nthresholds = 3;
    o.thresholds = (const double[3]){2, 5, 9};
    o.logistic = 1;
    o.idm = 0.5;
    ck_assert_int_eq(fsq_calibrate(x, 2, &o, out), FSQ_EINPUT);
    o.idm = 0.95;
    o.logistic = 0;
    o.below = 0;
    ck_assert_int_eq(fsq_calibrate(x, 2, &o, out), FSQ_EINPUT);
    o.below = 1;
    o.type = FSQ_CALIB_CRISP;
    o.thresholds = outside;
    o.nthresholds = 1;
    ck_assert_int_eq(fsq_calibrate(x, 2, &o, out), FSQ_EINPUT);
    ck_assert(strstr(fsq_last_error(), "outside the range") != NULL);
    /* Failure leaves the output untouched. */
    ck_assert(out[0] == -7 && out[1] == -7);
}
END_TEST

START_TEST(test_calib__parse_thresholds_reorders_named_anchors)
{
    double th[6];
    size_t n;
    int named;
    ck_assert_int_eq(fsq_calib_parse_thresholds("i=350, c=550,e=900", th, 6, &n, &named), FSQ_OK);
    ck_assert(n == 3 && named == 1);
    ck_assert(th[0] == 900 && th[1] == 550 && th[2] == 350);
    ck_assert_int_eq(fsq_calib_parse_thresholds("500,800", th, 6, &n, &named), FSQ_OK);
    ck_assert(n == 2 && named == 0 && th[0] == 500 && th[1] == 800);
    ck_assert_int_eq(
        fsq_calib_parse_thresholds("e2=1000,e1=350,c1=450,i1=550,i2=700,c2=850", th, 6, &n, NULL),
        FSQ_OK);
    ck_assert(n == 6 && th[0] == 350 && th[3] == 700 && th[5] == 1000);
    ck_assert_int_eq(fsq_calib_parse_thresholds("e=1,c=2", th, 6, &n, NULL), FSQ_EINPUT);
    ck_assert_int_eq(fsq_calib_parse_thresholds("e=1,c=2,x=3", th, 6, &n, NULL), FSQ_EINPUT);
    ck_assert_int_eq(fsq_calib_parse_thresholds("e=1,c=2,c=3", th, 6, &n, NULL), FSQ_EINPUT);
    ck_assert_int_eq(fsq_calib_parse_thresholds("e=1,2,i=3", th, 6, &n, NULL), FSQ_EINPUT);
    ck_assert_int_eq(fsq_calib_parse_thresholds("1,abc", th, 6, &n, NULL), FSQ_EINPUT);
    ck_assert_int_eq(fsq_calib_parse_thresholds("", th, 6, &n, NULL), FSQ_EINPUT);
}
END_TEST

START_TEST(test_calib__survey_anchors_never_give_half_membership)
{
    /* datasets/survey.csv holds integer answers 1..7; with the anchors its
     * README suggests (e = 2, c = 4.5, i = 6) answer k has membership
     * 1 / (1 + exp(-(k - 4.5) * log(19) / a)), a = 2.5 below c and 1.5 above:
     * 4 -> 1 / (1 + exp(0.5 * 2.944 / 2.5)) = 0.357, 5 -> 0.727, so no
     * respondent sits at 0.5 and 5 is the first answer "more in than out". */
    fsq_data *d = NULL;
    fsq_csv_options co = FSQ_CSV_OPTIONS_INIT;
    ck_assert_msg(fsq_data_read_csv(&d, FSQCA_SOURCE_DIR "/datasets/survey.csv", &co) == FSQ_OK,
                  "%s", fsq_last_error());
    ck_assert_uint_eq(fsq_data_ncases(d), 534);
    const double th[3] = {2, 4.5, 6};
    fsq_calib_options o = FSQ_CALIB_OPTIONS_INIT;
    o.thresholds = th;
    o.nthresholds = 3;
    const char *items[6] = {"TF", "AD", "AG", "RB", "CF", "DSO"};
    double *m = malloc(534 * sizeof *m);
    for (int v = 0; v < 6; v++) {
        long col = fsq_data_find_var(d, items[v]);
        ck_assert_msg(col >= 0, "no column %s", items[v]);
        const double *x = fsq_data_column(d, (size_t)col);
        ck_assert_int_eq(fsq_calibrate(x, 534, &o, m), FSQ_OK);
        for (size_t i = 0; i < 534; i++) {
            ck_assert(x[i] >= 1 && x[i] <= 7 && x[i] == floor(x[i]));
            ck_assert(m[i] != 0.5);
            ck_assert_int_eq(m[i] > 0.5, x[i] >= 5);
        }
        if (v == 0) {
            double four = 4, five = 5, mf;
            fsq_calibrate(&four, 1, &o, &mf);
            ck_assert(fabs(mf - 0.357) < 5e-4);
            fsq_calibrate(&five, 1, &o, &mf);
            ck_assert(fabs(mf - 0.727) < 5e-4);
        }
    }
    free(m);
    fsq_data_free(d);
}
END_TEST

/* 1 if the fsqca command knows `calibrate` (the dispatcher wires it in). */
static int cli_has_command(const char *command)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' %s --help", FSQCA_CLI, command);
    char *out = NULL;
    int status = fsq_test_run(cmd, 1, &out);
    int ok = status == 0 && out && strstr(out, "Usage: fsqca") != NULL;
    free(out);
    if (!ok)
        printf("check_calib: %s does not offer `%s` yet; CLI test skipped\n", FSQCA_CLI, command);
    return ok;
}

START_TEST(test_calib__cli_json_matches_qca_and_errors_exit_2)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared || !cli_has_command("calibrate"))
        return;
    char cmd[8192], path[4096];
    snprintf(cmd, sizeof cmd,
             "'%s' calibrate '%s/datasets/qca/LR.csv' --var DEV --thresholds i=350,c=550,e=900 "
             "--json",
             FSQCA_CLI, shared);
    char *out = NULL;
    ck_assert_int_eq(fsq_test_run(cmd, 0, &out), 0);
    cJSON *got = cJSON_Parse(out);
    ck_assert_msg(got != NULL, "not JSON: %s", out);
    snprintf(path, sizeof path, "%s/reference/qca-calibrate/LR_DEV_fuzzy_direct_dec.json", shared);
    cJSON *want = fsq_test_load_json(path);
    ck_assert(want != NULL);
    ck_assert_str_eq(cJSON_GetObjectItem(got, "variable")->valuestring, "DEV");
    cJSON *go = cJSON_GetObjectItem(got, "output"), *wo = cJSON_GetObjectItem(want, "output");
    cJSON *gc = cJSON_GetObjectItem(got, "cases"), *wc = cJSON_GetObjectItem(want, "cases");
    ck_assert_int_eq(cJSON_GetArraySize(go), cJSON_GetArraySize(wo));
    for (int k = 0; k < cJSON_GetArraySize(wo); k++) {
        ck_assert_str_eq(cJSON_GetArrayItem(gc, k)->valuestring,
                         cJSON_GetArrayItem(wc, k)->valuestring);
        ck_assert(fsq_test_close(cJSON_GetArrayItem(go, k)->valuedouble,
                                 cJSON_GetArrayItem(wo, k)->valuedouble, FSQ_TOL));
    }
    cJSON_Delete(got);
    cJSON_Delete(want);
    free(out);

    /* Two anchors are not a fuzzy calibration: usage error, exit 2. */
    snprintf(cmd, sizeof cmd,
             "'%s' calibrate '%s/datasets/qca/LR.csv' --var DEV --thresholds 350,550", FSQCA_CLI,
             shared);
    ck_assert_int_eq(fsq_test_run(cmd, 1, &out), 2);
    ck_assert_msg(strncmp(out, "fsqca calibrate: ", 17) == 0, "%s", out);
    free(out);
}
END_TEST

/* Runs one reference file; returns 1 if it was checked. */
static int check_reference_file(const char *path)
{
    cJSON *j = fsq_test_load_json(path);
    ck_assert_msg(j != NULL, "cannot parse %s", path);
    const char *type = cJSON_GetObjectItem(j, "type")->valuestring;
    cJSON *names = cJSON_GetObjectItem(j, "threshold_names");
    cJSON *values = cJSON_GetObjectItem(j, "thresholds");
    cJSON *input = cJSON_GetObjectItem(j, "input");
    cJSON *output = cJSON_GetObjectItem(j, "output");
    cJSON *logistic = cJSON_GetObjectItem(j, "logistic");
    cJSON *idm = cJSON_GetObjectItem(j, "idm");

    /* Build the threshold text the way a user would type it, so the parser's
     * reordering of named anchors (i=..,c=..,e=.. -> e, c, i) is exercised. */
    char text[512] = "";
    size_t nth = (size_t)cJSON_GetArraySize(values);
    for (size_t t = 0; t < nth; t++) {
        const char *nm = cJSON_GetArrayItem(names, (int)t)->valuestring;
        char piece[64];
        snprintf(piece, sizeof piece, "%s%s%s%.17g", t ? "," : "", nm, *nm ? "=" : "",
                 cJSON_GetArrayItem(values, (int)t)->valuedouble);
        strcat(text, piece);
    }
    double th[6];
    size_t n;
    ck_assert_int_eq(fsq_calib_parse_thresholds(text, th, 6, &n, NULL), FSQ_OK);
    ck_assert(n == nth);

    fsq_calib_options o = FSQ_CALIB_OPTIONS_INIT;
    o.type = strcmp(type, "crisp") == 0 ? FSQ_CALIB_CRISP : FSQ_CALIB_FUZZY;
    o.logistic = cJSON_IsTrue(logistic);
    if (cJSON_IsNumber(idm))
        o.idm = idm->valuedouble;
    o.below = cJSON_GetObjectItem(j, "below")->valuedouble;
    o.above = cJSON_GetObjectItem(j, "above")->valuedouble;
    o.thresholds = th;
    o.nthresholds = n;

    size_t ncases = (size_t)cJSON_GetArraySize(input);
    double *x = malloc(ncases * sizeof *x), *got = malloc(ncases * sizeof *got);
    for (size_t k = 0; k < ncases; k++)
        x[k] = cJSON_IsNumber(cJSON_GetArrayItem(input, (int)k))
                   ? cJSON_GetArrayItem(input, (int)k)->valuedouble
                   : NAN;
    ck_assert_msg(fsq_calibrate(x, ncases, &o, got) == FSQ_OK, "%s: %s", path, fsq_last_error());
    for (size_t k = 0; k < ncases; k++) {
        cJSON *w = cJSON_GetArrayItem(output, (int)k);
        double want = cJSON_IsNumber(w) ? w->valuedouble : NAN;
        ck_assert_msg(fsq_test_close(got[k], want, FSQ_TOL), "%s case %zu (x = %g): got %.17g, QCA %.17g",
                      path, k + 1, x[k], got[k], want);
    }
    free(x);
    free(got);
    cJSON_Delete(j);
    return 1;
}

START_TEST(test_calib__matches_qca_reference)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared) {
        printf("check_calib: ../shared absent, reference comparison skipped\n");
        return;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/reference/qca-calibrate", shared);
    char **files;
    size_t nfiles = fsq_test_list_dir(dir, ".json", &files);
    ck_assert_msg(nfiles > 0, "no reference files in %s", dir);
    int checked = 0;
    for (size_t f = 0; f < nfiles; f++)
        checked += check_reference_file(files[f]);
    fsq_test_free_list(files, nfiles);
    printf("check_calib: %d QCA calibrate() reference files checked, all within 1e-9\n", checked);
    ck_assert_int_eq(checked, (int)nfiles);
}
END_TEST

static Suite *fsq_calib_suite(void)
{
    Suite *s = suite_create("calib");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_calib__logistic_anchors_match_definition);
    tcase_add_test(tc, test_calib__piecewise_values_worked_by_hand);
    tcase_add_test(tc, test_calib__crisp_counts_thresholds_at_or_below);
    tcase_add_test(tc, test_calib__nan_in_nan_out_and_in_place);
    tcase_add_test(tc, test_calib__bad_thresholds_are_input_errors);
    tcase_add_test(tc, test_calib__parse_thresholds_reorders_named_anchors);
    tcase_add_test(tc, test_calib__survey_anchors_never_give_half_membership);
    tcase_add_test(tc, test_calib__matches_qca_reference);
    tcase_add_test(tc, test_calib__cli_json_matches_qca_and_errors_exit_2);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_calib_suite());
}
