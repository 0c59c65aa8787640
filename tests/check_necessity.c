/* Tests of the necessity analysis (fsq_nec_*).
 *
 * Golden: every JSON file in ../shared/reference/qca-necessity (QCA 3.23's
 * superSubset(relation = "necessity") on the package data sets): the same
 * expressions in the same order, inclN / RoN / covN within 1e-9. A small crisp
 * example worked by hand pins the measures and the pruning of unions. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsqca/fsqca.h"
#include "test_util.h"

#define ASSERT_NEAR(a, b) ck_assert_msg(fsq_test_close((a), (b), 1e-12), "%.17g != %.17g", (a), (b))

/* The hand-worked data: cases (A, B, Y) = (1,0,1) (1,1,1) (0,1,0) (1,0,0). */
static const double hand_a[4] = {1, 1, 0, 1};
static const double hand_b[4] = {0, 1, 1, 0};
static const double hand_y[4] = {1, 1, 0, 0};

START_TEST(test_necessity__hand_worked_crisp_example)
{
    const double *conds[2] = {hand_a, hand_b};
    const char *names[2] = {"A", "B"};
    fsq_nec *nec = NULL;
    fsq_nec_options o = FSQ_NEC_OPTIONS_INIT; /* incl.cut = 1 */

    /* Y: A passes (inclN = 2/2; covN = 2/3; RoN = sum(1-A) / sum(1-min(A,Y))
     * = 1 / 2). ~A, B, ~B fail (0, 1/2, 1/2). At k = 2 only A + ~B and A + B
     * pass, and both contain A, so they are pruned: the answer is "A" alone. */
    ck_assert_int_eq(fsq_nec_compute_arrays(&nec, conds, names, 2, hand_y, "Y", 4, &o), FSQ_OK);
    ck_assert_uint_eq(fsq_nec_nterms(nec), 1);
    const fsq_nec_term *t = fsq_nec_term_at(nec, 0);
    ck_assert_str_eq(t->expression, "A");
    ASSERT_NEAR(t->incl, 1.0);
    ASSERT_NEAR(t->cov, 2.0 / 3.0);
    ASSERT_NEAR(t->ron, 0.5);
    fsq_nec_free(nec);

    /* ~Y = (0, 0, 1, 1): no literal reaches inclN = 1 (each covers one of the
     * two cases). Unions: ~A + ~B = (1,0,1,1) covers both (inclN 1, covN 2/3,
     * RoN 1/2); A + B = (1,1,1,1) too (covN 2/4, RoN 0/2 = 0). In QCA's order
     * (~A,~B) comes before (A,B). */
    double not_y[4];
    for (int i = 0; i < 4; i++)
        not_y[i] = 1 - hand_y[i];
    ck_assert_int_eq(fsq_nec_compute_arrays(&nec, conds, names, 2, not_y, "~Y", 4, &o), FSQ_OK);
    ck_assert_uint_eq(fsq_nec_nterms(nec), 2);
    ck_assert_str_eq(fsq_nec_term_at(nec, 0)->expression, "~A + ~B");
    ASSERT_NEAR(fsq_nec_term_at(nec, 0)->cov, 2.0 / 3.0);
    ASSERT_NEAR(fsq_nec_term_at(nec, 0)->ron, 0.5);
    ck_assert_str_eq(fsq_nec_term_at(nec, 1)->expression, "A + B");
    ASSERT_NEAR(fsq_nec_term_at(nec, 1)->cov, 0.5);
    ASSERT_NEAR(fsq_nec_term_at(nec, 1)->ron, 0.0);
    ck_assert_int_eq(fsq_nec_term_at(nec, 1)->disjunction, 1);
    fsq_nec_free(nec);

    /* ron.cut = 0.1 drops the trivial A + B; depth = 1 leaves nothing. */
    o.ron_cut = 0.1;
    ck_assert_int_eq(fsq_nec_compute_arrays(&nec, conds, names, 2, not_y, "~Y", 4, &o), FSQ_OK);
    ck_assert_uint_eq(fsq_nec_nterms(nec), 1);
    ck_assert_str_eq(fsq_nec_term_at(nec, 0)->expression, "~A + ~B");
    fsq_nec_free(nec);
    o.ron_cut = 0;
    o.depth = 1;
    ck_assert_int_eq(fsq_nec_compute_arrays(&nec, conds, names, 2, not_y, "~Y", 4, &o), FSQ_OK);
    ck_assert_uint_eq(fsq_nec_nterms(nec), 0);
    fsq_nec_free(nec);
}
END_TEST

START_TEST(test_necessity__incl_cut_has_qca_tolerance)
{
    /* sum min(A, Y) = 1 + 0.5 + 0 = 1.5 and sum Y = 2: inclN = 0.75. A cut
     * 1.4e-8 above it still passes (tolerance 1.49e-8), 2e-8 above fails. */
    const double a[3] = {1, 1, 0}, y[3] = {1, 0.5, 0.5};
    const double *conds[1] = {a};
    const char *names[1] = {"A"};
    fsq_nec *nec = NULL;
    fsq_nec_options o = FSQ_NEC_OPTIONS_INIT;
    o.incl_cut = 0.75 + 1.4e-8;
    ck_assert_int_eq(fsq_nec_compute_arrays(&nec, conds, names, 1, y, "Y", 3, &o), FSQ_OK);
    ck_assert_uint_eq(fsq_nec_nterms(nec), 1);
    ASSERT_NEAR(fsq_nec_term_at(nec, 0)->incl, 0.75);
    fsq_nec_free(nec);
    o.incl_cut = 0.75 + 2e-8;
    ck_assert_int_eq(fsq_nec_compute_arrays(&nec, conds, names, 1, y, "Y", 3, &o), FSQ_OK);
    ck_assert_uint_eq(fsq_nec_nterms(nec), 0);
    fsq_nec_free(nec);
}
END_TEST

START_TEST(test_necessity__bad_input_is_rejected)
{
    const double a[2] = {0.5, NAN}, y[2] = {0.2, 0.3}, bad_y[2] = {0.2, 1.5};
    const double b[2] = {0.5, 0.2};
    const double *conds[1] = {a};
    const char *names[1] = {"A"};
    fsq_nec *nec = (fsq_nec *)1;
    ck_assert_int_eq(fsq_nec_compute_arrays(&nec, conds, names, 1, y, "Y", 2, NULL), FSQ_EINPUT);
    ck_assert(nec == NULL);
    ck_assert(strstr(fsq_last_error(), "missing") != NULL);
    conds[0] = b;
    ck_assert_int_eq(fsq_nec_compute_arrays(&nec, conds, names, 1, bad_y, "Y", 2, NULL),
                     FSQ_EINPUT);
    ck_assert_int_eq(fsq_nec_compute_arrays(&nec, conds, names, 0, y, "Y", 2, NULL), FSQ_EINPUT);
}
END_TEST

START_TEST(test_necessity__data_api_outcome_syntax_and_json)
{
    /* Same hand-worked data through fsq_data, with a text column that the
     * default condition list must skip, and the outcome negated by name. */
    const char *csv = "id,grp,A,B,Y\nc1,x,1,0,1\nc2,x,1,1,1\nc3,y,0,1,0\nc4,y,1,0,0\n";
    fsq_data *d = NULL;
    fsq_csv_options co = FSQ_CSV_OPTIONS_INIT;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, strlen(csv), "hand.csv", &co), FSQ_OK);
    fsq_nec *nec = NULL;
    ck_assert_msg(fsq_nec_compute(&nec, d, "~Y", NULL, 0, NULL) == FSQ_OK, "%s", fsq_last_error());
    ck_assert_uint_eq(fsq_nec_nconditions(nec), 2);
    ck_assert_uint_eq(fsq_nec_nterms(nec), 2);
    ck_assert_str_eq(fsq_nec_term_at(nec, 0)->expression, "~A + ~B");
    char *json = NULL;
    ck_assert_int_eq(fsq_nec_to_json(nec, &json, NULL), FSQ_OK);
    cJSON *j = cJSON_Parse(json);
    ck_assert(j != NULL);
    ck_assert_str_eq(cJSON_GetObjectItem(j, "outcome")->valuestring, "~Y");
    cJSON *res = cJSON_GetObjectItem(j, "results");
    ck_assert_int_eq(cJSON_GetArraySize(res), 2);
    ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(res, 1), "expression")->valuestring,
                     "A + B");
    ck_assert(cJSON_GetObjectItem(cJSON_GetArrayItem(res, 1), "covN")->valuedouble == 0.5);
    cJSON_Delete(j);
    free(json);
    fsq_nec_free(nec);

    /* Y[1] on a crisp outcome is the same set as Y, written in mv notation. */
    const char *conds[2] = {"A", "B"};
    ck_assert_int_eq(fsq_nec_compute(&nec, d, "Y[1]", conds, 2, NULL), FSQ_OK);
    ck_assert_uint_eq(fsq_nec_nterms(nec), 1);
    ck_assert_str_eq(fsq_nec_term_at(nec, 0)->expression, "A[1]");
    fsq_nec_free(nec);

    fsq_data_free(d);
    /* A missing cell is an input error that points at the file. */
    const char *holes = "id,A,B,Y\nc1,1,0,1\nc2,,1,1\n";
    ck_assert_int_eq(fsq_data_parse_csv(&d, holes, strlen(holes), "holes.csv", &co), FSQ_OK);
    ck_assert_int_eq(fsq_nec_compute(&nec, d, "Y", NULL, 0, NULL), FSQ_EINPUT);
    ck_assert_msg(strstr(fsq_last_error(), "holes.csv") != NULL, "%s", fsq_last_error());
    ck_assert(nec == NULL);
    fsq_data_free(d);
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, strlen(csv), "hand.csv", &co), FSQ_OK);

    const char *text_cond[1] = {"grp"};
    ck_assert_int_eq(fsq_nec_compute(&nec, d, "Y", text_cond, 1, NULL), FSQ_EINPUT);
    ck_assert_int_eq(fsq_nec_compute(&nec, d, "Nope", NULL, 0, NULL), FSQ_EINPUT);
    fsq_data_free(d);
}
END_TEST

/* A minimal reader for the reference CSVs (quoted header, first column =
 * case names, numbers or quoted text, no embedded separators). Returns the
 * column of `name` as doubles; the text codes "-" and "dc" are QCA's
 * "don't care", which admisc::getInfo() recodes as a new level max + 1. */
static double *read_column(const char *path, const char *name, size_t *ncases)
{
    char *text = fsq_test_read_file(path, NULL);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    char *save = NULL;
    char *line = strtok_r(text, "\r\n", &save);
    int want = -1, col = 0;
    for (char *p = line; p;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        char *f = p;
        if (*f == '"')
            f++;
        size_t len = strlen(f);
        if (len && f[len - 1] == '"')
            f[len - 1] = '\0';
        if (strcmp(f, name) == 0)
            want = col;
        col++;
        p = comma ? comma + 1 : NULL;
    }
    ck_assert_msg(want >= 0, "no column %s in %s", name, path);
    size_t n = 0, cap = 64;
    double *v = malloc(cap * sizeof *v);
    int *dc = malloc(cap * sizeof *dc);
    double max = 0;
    while ((line = strtok_r(NULL, "\r\n", &save))) {
        char *p = line;
        for (int c = 0; c < want; c++)
            p = strchr(p, ',') + 1;
        char *end = strchr(p, ',');
        if (end)
            *end = '\0';
        if (n == cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof *v);
            dc = realloc(dc, cap * sizeof *dc);
        }
        dc[n] = strcmp(p, "\"-\"") == 0 || strcmp(p, "\"dc\"") == 0;
        if (*p == '"')
            p++;
        v[n] = dc[n] ? 0 : strtod(p, NULL);
        if (!dc[n] && v[n] > max)
            max = v[n];
        n++;
    }
    for (size_t i = 0; i < n; i++)
        if (dc[i])
            v[i] = max + 1;
    free(dc);
    free(text);
    *ncases = n;
    return v;
}

static void check_reference_file(const char *shared, const char *path)
{
    cJSON *j = fsq_test_load_json(path);
    ck_assert_msg(j != NULL, "cannot parse %s", path);
    char csv[4096];
    snprintf(csv, sizeof csv, "%s/datasets/qca/%s.csv", shared,
             cJSON_GetObjectItem(j, "dataset")->valuestring);
    const char *outcome = cJSON_GetObjectItem(j, "outcome")->valuestring;
    int negate = outcome[0] == '~';
    cJSON *jconds = cJSON_GetObjectItem(j, "conditions");
    size_t ncond = (size_t)cJSON_GetArraySize(jconds);

    const char **names = malloc(ncond * sizeof *names);
    double **cols = malloc(ncond * sizeof *cols);
    size_t ncases = 0, n;
    for (size_t c = 0; c < ncond; c++) {
        names[c] = cJSON_GetArrayItem(jconds, (int)c)->valuestring;
        cols[c] = read_column(csv, names[c], &n);
        ncases = n;
    }
    double *y = read_column(csv, outcome + negate, &n);
    ck_assert(n == ncases);
    for (size_t i = 0; i < n; i++)
        if (negate)
            y[i] = 1 - y[i];

    fsq_nec_options o = FSQ_NEC_OPTIONS_INIT;
    o.incl_cut = cJSON_GetObjectItem(j, "incl_cut")->valuedouble;
    o.cov_cut = cJSON_GetObjectItem(j, "cov_cut")->valuedouble;
    o.ron_cut = cJSON_GetObjectItem(j, "ron_cut")->valuedouble;
    cJSON *depth = cJSON_GetObjectItem(j, "depth");
    o.depth = cJSON_IsNumber(depth) ? depth->valueint : 0;

    fsq_nec *nec = NULL;
    ck_assert_msg(fsq_nec_compute_arrays(&nec, (const double *const *)cols, names, ncond, y,
                                         outcome, ncases, &o) == FSQ_OK,
                  "%s: %s", path, fsq_last_error());
    cJSON *res = cJSON_GetObjectItem(j, "results");
    size_t want = (size_t)cJSON_GetArraySize(res);
    for (size_t t = 0; t < want && t < fsq_nec_nterms(nec); t++) {
        cJSON *r = cJSON_GetArrayItem(res, (int)t);
        const fsq_nec_term *got = fsq_nec_term_at(nec, t);
        const char *expr = cJSON_GetObjectItem(r, "expression")->valuestring;
        ck_assert_msg(strcmp(got->expression, expr) == 0, "%s result %zu: got %s, QCA %s", path,
                      t + 1, got->expression, expr);
        ck_assert_msg(fsq_test_close(got->incl, cJSON_GetObjectItem(r, "inclN")->valuedouble,
                                     FSQ_TOL), "%s %s inclN", path, expr);
        ck_assert_msg(fsq_test_close(got->ron, cJSON_GetObjectItem(r, "RoN")->valuedouble,
                                     FSQ_TOL), "%s %s RoN", path, expr);
        ck_assert_msg(fsq_test_close(got->cov, cJSON_GetObjectItem(r, "covN")->valuedouble,
                                     FSQ_TOL), "%s %s covN", path, expr);
    }
    ck_assert_msg(fsq_nec_nterms(nec) == want, "%s: %zu expressions, QCA has %zu", path,
                  fsq_nec_nterms(nec), want);
    fsq_nec_free(nec);
    for (size_t c = 0; c < ncond; c++)
        free(cols[c]);
    free(cols);
    free(names);
    free(y);
    cJSON_Delete(j);
}

START_TEST(test_necessity__matches_qca_reference)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared) {
        printf("check_necessity: ../shared absent, reference comparison skipped\n");
        return;
    }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/reference/qca-necessity", shared);
    char **files;
    size_t nfiles = fsq_test_list_dir(dir, ".json", &files);
    ck_assert_msg(nfiles > 0, "no reference files in %s", dir);
    for (size_t f = 0; f < nfiles; f++)
        check_reference_file(shared, files[f]);
    fsq_test_free_list(files, nfiles);
    printf("check_necessity: %zu QCA superSubset() reference files checked: same expressions, "
           "same order, measures within 1e-9\n",
           nfiles);
}
END_TEST

START_TEST(test_necessity__cli_json_matches_qca_and_exit_codes)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared)
        return;
    char cmd[8192], path[4096];
    char *out = NULL;
    snprintf(cmd, sizeof cmd, "'%s' necessity --help", FSQCA_CLI);
    if (fsq_test_run(cmd, 1, &out) != 0 || !strstr(out, "Usage: fsqca")) {
        printf("check_necessity: %s does not offer `necessity` yet; CLI test skipped\n",
               FSQCA_CLI);
        free(out);
        return;
    }
    free(out);
    snprintf(cmd, sizeof cmd,
             "'%s' necessity '%s/datasets/qca/LF.csv' --outcome '~SURV' --incl-cut 0.9 --json",
             FSQCA_CLI, shared);
    ck_assert_int_eq(fsq_test_run(cmd, 0, &out), 0);
    cJSON *got = cJSON_Parse(out);
    ck_assert_msg(got != NULL, "not JSON: %s", out);
    snprintf(path, sizeof path, "%s/reference/qca-necessity/LF_notSURV_nec.json", shared);
    cJSON *want = fsq_test_load_json(path);
    ck_assert(want != NULL);
    cJSON *gr = cJSON_GetObjectItem(got, "results"), *wr = cJSON_GetObjectItem(want, "results");
    ck_assert_int_eq(cJSON_GetArraySize(gr), cJSON_GetArraySize(wr));
    for (int t = 0; t < cJSON_GetArraySize(wr); t++) {
        cJSON *g = cJSON_GetArrayItem(gr, t), *w = cJSON_GetArrayItem(wr, t);
        ck_assert_str_eq(cJSON_GetObjectItem(g, "expression")->valuestring,
                         cJSON_GetObjectItem(w, "expression")->valuestring);
        ck_assert(fsq_test_close(cJSON_GetObjectItem(g, "RoN")->valuedouble,
                                 cJSON_GetObjectItem(w, "RoN")->valuedouble, FSQ_TOL));
    }
    cJSON_Delete(got);
    cJSON_Delete(want);
    free(out);

    /* Nothing can reach inclN >= 1.5: analysis error, exit 1. */
    snprintf(cmd, sizeof cmd, "'%s' necessity '%s/datasets/qca/LF.csv' --outcome SURV --incl-cut 1.5",
             FSQCA_CLI, shared);
    ck_assert_int_eq(fsq_test_run(cmd, 1, &out), 1);
    ck_assert_msg(strstr(out, "fsqca necessity: no expression passes") != NULL, "%s", out);
    free(out);
    /* Raw (uncalibrated) outcome: bad input, exit 2, naming the case. */
    snprintf(cmd, sizeof cmd, "'%s' necessity '%s/datasets/qca/LR.csv' --outcome SURV", FSQCA_CLI,
             shared);
    ck_assert_int_eq(fsq_test_run(cmd, 1, &out), 2);
    ck_assert_msg(strstr(out, "case AU") != NULL, "%s", out);
    free(out);
}
END_TEST

static Suite *fsq_necessity_suite(void)
{
    Suite *s = suite_create("necessity");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_necessity__hand_worked_crisp_example);
    tcase_add_test(tc, test_necessity__incl_cut_has_qca_tolerance);
    tcase_add_test(tc, test_necessity__bad_input_is_rejected);
    tcase_add_test(tc, test_necessity__data_api_outcome_syntax_and_json);
    tcase_add_test(tc, test_necessity__matches_qca_reference);
    tcase_add_test(tc, test_necessity__cli_json_matches_qca_and_exit_codes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_necessity_suite());
}
