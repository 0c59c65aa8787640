/* Tests of issue 11's toolkit through the command line: fit of any
 * expression (QCA's pof), findRows, exclusions, don't-care data codes.
 *
 * Independent sources:
 *   - every ../shared/reference/qca-pof/ files (QCA 3.23 pof()) through
 *     `fsqca fit --json`, within 1e-9;
 *   - every ../shared/reference/qca-findrows/ files (QCA findRows()) through
 *     `fsqca findrows --json`, the same row indices;
 *   - RS.csv (with "-" don't-care codes) through `fsqca necessity` and
 *     `fsqca minimize` against QCA's RS reference files;
 *   - small multi-value and crisp examples worked by hand in the comments. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsqca/fsqca.h"
#include "test_util.h"

static char tmpdir[512];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/check_fit.XXXXXX");
    ck_assert(mkdtemp(tmpdir) != NULL);
}

static void teardown(void)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *write_tmp(const char *name, const char *text)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    ck_assert(f != NULL);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Runs the CLI, expects exit status `status`, returns the parsed stdout. */
static cJSON *run_json(const char *args, int status)
{
    char cmd[8192];
    char *out = NULL;
    snprintf(cmd, sizeof cmd, "'%s' %s", FSQCA_CLI, args);
    ck_assert_int_eq(fsq_test_run(cmd, 0, &out), status);
    cJSON *j = cJSON_Parse(out);
    ck_assert_msg(j != NULL, "not JSON from `%s`: %s", cmd, out);
    free(out);
    return j;
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(o, key);
    ck_assert_msg(v != NULL, "no key %s", key);
    return cJSON_IsNull(v) ? NAN : v->valuedouble;
}

/* `pof("...", "Y", data = D, relation = "R")`: the expression, outcome and
 * relation come from the reference file, the call must match them.
 * One QCA quirk: pof() with a quoted negated outcome ("~SURV", file
 * LF_pof_notY) drops the tilde: its figures are, to every digit, those of
 * SURV itself. fsqca negates the outcome (checked against a formula oracle
 * in test_fit__negated_outcome_is_one_minus_y), so that file is compared
 * with `--outcome SURV`. */
START_TEST(test_fit__cli_matches_every_qca_pof_reference)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared)
        return;
    char dir[4096], args[8192];
    snprintf(dir, sizeof dir, "%s/reference/qca-pof", shared);
    char **files;
    size_t nfiles = fsq_test_list_dir(dir, ".json", &files);
    ck_assert_uint_ge(nfiles, 5);
    for (size_t f = 0; f < nfiles; f++) {
        cJSON *want = fsq_test_load_json(files[f]);
        ck_assert(want != NULL);
        const char *relation = cJSON_GetObjectItem(want, "relation")->valuestring;
        int nec = strcmp(relation, "necessity") == 0;
        snprintf(args, sizeof args, "fit '%s/datasets/qca/%s.csv' --outcome '%s' %s --json '%s'",
                 shared, cJSON_GetObjectItem(want, "dataset")->valuestring,
                 cJSON_GetObjectItem(want, "outcome")->valuestring +
                     (cJSON_GetObjectItem(want, "outcome")->valuestring[0] == '~'),
                 nec ? "--necessity" : "",
                 cJSON_GetObjectItem(want, "expression")->valuestring);
        cJSON *got = run_json(args, 0);
        ck_assert_str_eq(cJSON_GetObjectItem(got, "relation")->valuestring, relation);
        cJSON *gr = cJSON_GetObjectItem(got, "rows"), *wr = cJSON_GetObjectItem(want, "rows");
        ck_assert_int_eq(cJSON_GetArraySize(gr), cJSON_GetArraySize(wr));
        static const char *suf[] = {"inclS", "PRI", "covS", "covU"};
        static const char *nes[] = {"inclN", "RoN", "covN"};
        for (int r = 0; r < cJSON_GetArraySize(wr); r++) {
            cJSON *g = cJSON_GetArrayItem(gr, r), *w = cJSON_GetArrayItem(wr, r);
            ck_assert_str_eq(cJSON_GetObjectItem(g, "term")->valuestring,
                             cJSON_GetObjectItem(w, "term")->valuestring);
            for (int k = 0; k < (nec ? 3 : 4); k++) {
                const char *key = nec ? nes[k] : suf[k];
                ck_assert_msg(fsq_test_close(num(g, key), num(w, key), FSQ_TOL),
                              "%s row %d %s: %.17g != %.17g", files[f], r, key, num(g, key),
                              num(w, key));
            }
        }
        cJSON_Delete(got);
        cJSON_Delete(want);
    }
    printf("check_fit: %zu QCA pof() reference files checked through `fsqca fit`\n", nfiles);
    fsq_test_free_list(files, nfiles);
}
END_TEST

/* A multi-value A (levels 0..2), crisp B, fuzzy Y:
 *   case  A B  Y     A[2]*~B  A[0]  expression
 *   c1    0 1  1     0        1     1
 *   c2    1 0  0.8   0        0     0
 *   c3    2 1  0.3   0        0     0
 *   c4    2 0  0.6   1        0     1
 * sum Y = 2.7.
 *   A[2]*~B: sum X = 1, sum min(X,Y) = 0.6, sum min(X,Y,1-Y) = 0.4:
 *            inclS 0.6, PRI 0.2/0.6 = 1/3, covS 0.6/2.7 = 2/9
 *   A[0]:    inclS 1, PRI (1-0)/(1-0) = 1, covS 1/2.7 = 10/27
 *   expr:    sum X = 2, xy = 1.6, xyny = 0.4: inclS 0.8, PRI 1.2/1.6 = 0.75,
 *            covS 16/27; covU(A[2]*~B) = 16/27 - 10/27 = 2/9,
 *            covU(A[0]) = 16/27 - 6/27 = 10/27.
 * Necessity of A[0] for Y: inclN = 1/2.7, covN = 1/1 = 1,
 *   RoN = sum(1-X) / sum(1-min(X,Y)) = 3 / 3 = 1. */
static const char mv_csv[] = "id,A,B,Y\nc1,0,1,1\nc2,1,0,0.8\nc3,2,1,0.3\nc4,2,0,0.6\n";

START_TEST(test_fit__multi_value_expression_worked_by_hand)
{
    const char *csv = write_tmp("mv.csv", mv_csv);
    char args[4096];
    snprintf(args, sizeof args, "fit '%s' --outcome Y --json 'A[2]*~B + A[0]'", csv);
    cJSON *got = run_json(args, 0);
    cJSON *rows = cJSON_GetObjectItem(got, "rows");
    ck_assert_int_eq(cJSON_GetArraySize(rows), 3);
    const double want[3][4] = {{0.6, 1.0 / 3, 2.0 / 9, 2.0 / 9},
                               {1, 1, 10.0 / 27, 10.0 / 27},
                               {0.8, 0.75, 16.0 / 27, NAN}};
    static const char *keys[] = {"inclS", "PRI", "covS", "covU"};
    static const char *terms[] = {"A[2]*~B", "A[0]", "expression"};
    for (int r = 0; r < 3; r++) {
        cJSON *row = cJSON_GetArrayItem(rows, r);
        ck_assert_str_eq(cJSON_GetObjectItem(row, "term")->valuestring, terms[r]);
        for (int k = 0; k < 4; k++)
            ck_assert_msg(fsq_test_close(num(row, keys[k]), want[r][k], 1e-12), "row %d %s", r,
                          keys[k]);
    }
    cJSON_Delete(got);
    snprintf(args, sizeof args, "fit '%s' --outcome Y --necessity --json 'A{0}'", csv);
    got = run_json(args, 0);
    cJSON *row = cJSON_GetArrayItem(cJSON_GetObjectItem(got, "rows"), 0);
    ck_assert(fsq_test_close(num(row, "inclN"), 1 / 2.7, 1e-12));
    ck_assert(fsq_test_close(num(row, "covN"), 1, 1e-12));
    ck_assert(fsq_test_close(num(row, "RoN"), 1, 1e-12));
    cJSON_Delete(got);

    /* A plain literal of a multi-value column, a level out of range and a
     * syntax error are bad input (exit 2) with a message saying so. */
    char cmd[4096];
    char *out = NULL;
    snprintf(cmd, sizeof cmd, "'%s' fit '%s' --outcome Y 'A*B'", FSQCA_CLI, csv);
    ck_assert_int_eq(fsq_test_run(cmd, 1, &out), 2);
    ck_assert_msg(strstr(out, "multi-value") != NULL, "%s", out);
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' fit '%s' --outcome Y 'A[3]'", FSQCA_CLI, csv);
    ck_assert_int_eq(fsq_test_run(cmd, 1, &out), 2);
    ck_assert_msg(strstr(out, "levels 0 to 2") != NULL, "%s", out);
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' fit '%s' --outcome Y 'A[2]* + B'", FSQCA_CLI, csv);
    ck_assert_int_eq(fsq_test_run(cmd, 1, &out), 2);
    ck_assert_msg(strstr(out, "character 7: expected a condition name") != NULL, "%s", out);
    free(out);

    /* The XY plot is written and is an SVG with the four quadrant counts. */
    snprintf(cmd, sizeof cmd, "'%s' fit '%s' --outcome Y 'A[2]*~B + A[0]' --xy '%s/xy.svg'",
             FSQCA_CLI, csv, tmpdir);
    ck_assert_int_eq(fsq_test_run(cmd, 1, &out), 0);
    free(out);
    char path[1024];
    snprintf(path, sizeof path, "%s/xy.svg", tmpdir);
    char *svg = fsq_test_read_file(path, NULL);
    ck_assert(svg != NULL);
    /* Quadrants: X > .5 and Y > .5: c1 (1, 1) and c4 (1, .6); X < .5, Y > .5: c2. */
    ck_assert_msg(strstr(svg, "<svg") && strstr(svg, "n = 2") && strstr(svg, "c4"), "%s", svg);
    free(svg);
}
END_TEST

START_TEST(test_fit__cli_findrows_matches_every_qca_reference)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared)
        return;
    char dir[4096], args[8192], conds[1024];
    snprintf(dir, sizeof dir, "%s/reference/qca-findrows", shared);
    char **files;
    size_t nfiles = fsq_test_list_dir(dir, ".json", &files);
    ck_assert_uint_ge(nfiles, 3);
    for (size_t f = 0; f < nfiles; f++) {
        cJSON *want = fsq_test_load_json(files[f]);
        ck_assert(want != NULL);
        conds[0] = '\0';
        cJSON *c;
        cJSON_ArrayForEach(c, cJSON_GetObjectItem(want, "conditions"))
        {
            if (conds[0])
                strcat(conds, ",");
            strcat(conds, c->valuestring);
        }
        int type = (int)num(want, "type");
        snprintf(args, sizeof args,
                 "findrows '%s/datasets/qca/%s.csv' --outcome '%s' --conditions %s "
                 "--incl-cut %.17g --type %d --json",
                 shared, cJSON_GetObjectItem(want, "dataset")->valuestring,
                 cJSON_GetObjectItem(want, "outcome")->valuestring, conds, num(want, "incl_cut"),
                 type);
        cJSON *got = run_json(args, 0);
        ck_assert_int_eq((int)num(got, "type"), type);
        cJSON *gr = cJSON_GetObjectItem(got, "rows"), *wr = cJSON_GetObjectItem(want, "rows");
        ck_assert_msg(cJSON_GetArraySize(gr) == cJSON_GetArraySize(wr), "%s", files[f]);
        for (int i = 0; i < cJSON_GetArraySize(wr); i++)
            ck_assert_int_eq(cJSON_GetArrayItem(gr, i)->valueint,
                             cJSON_GetArrayItem(wr, i)->valueint);
        cJSON_Delete(got);
        cJSON_Delete(want);
    }
    printf("check_fit: %zu QCA findRows() reference files checked through `fsqca findrows`\n",
           nfiles);
    fsq_test_free_list(files, nfiles);
}
END_TEST

/* Subset rows on the multi-value example: A has 3 levels, B 2, so the rows
 * are index = 1 + 2A + B: observed (0,1)=2, (1,0)=3, (2,1)=6, (2,0)=5;
 * remainders (0,0)=1 and (1,1)=4. Inside B: 4; inside A[0,1]: 1, 4; inside
 * ~B: 1; inside A[2]: none. */
START_TEST(test_fit__findrows_subset_worked_by_hand)
{
    const char *csv = write_tmp("mv.csv", mv_csv);
    static const struct {
        const char *expr;
        int n, rows[2];
    } cases[] = {{"B", 1, {4, 0}}, {"A[0,1]", 2, {1, 4}}, {"~B", 1, {1, 0}}, {"A[2]", 0, {0, 0}}};
    char args[4096];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(args, sizeof args, "findrows '%s' --outcome Y --type subset --json '%s'", csv,
                 cases[i].expr);
        cJSON *got = run_json(args, 0);
        cJSON *rows = cJSON_GetObjectItem(got, "rows");
        ck_assert_int_eq(cJSON_GetArraySize(rows), cases[i].n);
        for (int r = 0; r < cases[i].n; r++)
            ck_assert_int_eq(cJSON_GetArrayItem(rows, r)->valueint, cases[i].rows[r]);
        cJSON_Delete(got);
    }
}
END_TEST

/* Crisp A, B; case a = (1,1) Y = 1, case b = (0,0) Y = 0. Rows (index =
 * 1 + 2A + B): 4 is positive, 1 negative, 2 and 3 remainders. The
 * parsimonious models are A (using remainder 3) and B (using remainder 2).
 * Excluding row 3, or the expression A*~B (whose only remainder is row 3),
 * leaves B; excluding the positive row 4 is an error. */
START_TEST(test_fit__minimize_exclude_worked_by_hand)
{
    const char *csv = write_tmp("ab.csv", "id,A,B,Y\na,1,1,1\nb,0,0,0\n");
    char args[4096];
    snprintf(args, sizeof args, "minimize '%s' --outcome Y --include '?' --json", csv);
    cJSON *got = run_json(args, 0);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(got, "solutions")), 2);
    cJSON_Delete(got);
    static const char *excl[] = {"3", "A*~B"};
    for (int e = 0; e < 2; e++) {
        snprintf(args, sizeof args, "minimize '%s' --outcome Y --include '?' --exclude '%s' --json",
                 csv, excl[e]);
        got = run_json(args, 0);
        cJSON *sols = cJSON_GetObjectItem(got, "solutions");
        ck_assert_int_eq(cJSON_GetArraySize(sols), 1);
        ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetArrayItem(sols, 0), 0)->valuestring, "B");
        cJSON_Delete(got);
    }
    char cmd[4096];
    char *out = NULL;
    snprintf(cmd, sizeof cmd, "'%s' minimize '%s' --outcome Y --include '?' --exclude 4", FSQCA_CLI,
             csv);
    ck_assert_int_eq(fsq_test_run(cmd, 1, &out), 2);
    ck_assert_msg(strstr(out, "row 4 is a positive row") != NULL, "%s", out);
    free(out);
}
END_TEST

/* The CSAs of LF (QCA: rows 10, 12, 14, 16, 17, 21, 25, 29) excluded: the
 * parsimonious models of SURV and of ~SURV then share no simplifying
 * assumption, and none of those rows is used by either. */
START_TEST(test_fit__exclude_csa_leaves_no_contradiction)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared)
        return;
    static const int csa[] = {10, 12, 14, 16, 17, 21, 25, 29};
    char args[8192];
    for (int neg = 0; neg < 2; neg++) {
        snprintf(args, sizeof args,
                 "minimize '%s/datasets/qca/LF.csv' --outcome '%sSURV' --incl-cut 0.8 "
                 "--include '?' --exclude csa --json",
                 shared, neg ? "~" : "");
        cJSON *got = run_json(args, 0);
        cJSON *model, *row;
        size_t nsa = 0;
        cJSON_ArrayForEach(model, cJSON_GetObjectItem(got, "simplifying_assumptions"))
        cJSON_ArrayForEach(row, model)
        {
            nsa++;
            for (size_t i = 0; i < sizeof csa / sizeof *csa; i++)
                ck_assert_int_ne(row->valueint, csa[i]);
        }
        ck_assert_uint_gt(nsa, 0);
        cJSON_Delete(got);
    }
}
END_TEST

/* RS.csv codes EBA with "-" (don't care): QCA reads it as level max + 1 =
 * 2. Necessity through the command line must then match QCA's superSubset
 * on RS, and minimization QCA's RS models and fit. */
START_TEST(test_fit__rs_dont_care_codes_through_the_cli)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared)
        return;
    char args[8192], path[4096];
    snprintf(path, sizeof path, "%s/reference/qca-necessity/RS_REC_nec.json", shared);
    cJSON *want = fsq_test_load_json(path);
    ck_assert(want != NULL);
    snprintf(args, sizeof args,
             "necessity '%s/datasets/qca/RS.csv' --outcome REC --incl-cut 0.9 --cov-cut 0.5 "
             "--json",
             shared);
    cJSON *got = run_json(args, 0);
    cJSON *gr = cJSON_GetObjectItem(got, "results"), *wr = cJSON_GetObjectItem(want, "results");
    ck_assert_int_eq(cJSON_GetArraySize(gr), cJSON_GetArraySize(wr));
    for (int i = 0; i < cJSON_GetArraySize(wr); i++) {
        cJSON *g = cJSON_GetArrayItem(gr, i), *w = cJSON_GetArrayItem(wr, i);
        ck_assert_str_eq(cJSON_GetObjectItem(g, "expression")->valuestring,
                         cJSON_GetObjectItem(w, "expression")->valuestring);
        ck_assert(fsq_test_close(num(g, "inclN"), num(w, "inclN"), FSQ_TOL));
        ck_assert(fsq_test_close(num(g, "RoN"), num(w, "RoN"), FSQ_TOL));
        ck_assert(fsq_test_close(num(g, "covN"), num(w, "covN"), FSQ_TOL));
    }
    cJSON_Delete(got);
    cJSON_Delete(want);

    static const char *files[] = {"RS_REC_cons", "RS_REC_pars", "RS_notREC_cons", "RS_notREC_pars"};
    for (size_t f = 0; f < 4; f++) {
        snprintf(path, sizeof path, "%s/reference/qca/%s.json", shared, files[f]);
        want = fsq_test_load_json(path);
        ck_assert(want != NULL);
        snprintf(args, sizeof args,
                 "minimize '%s/datasets/qca/RS.csv' --outcome '%sREC' --conditions P,E,A,S "
                 "--include '%s' --json",
                 shared, cJSON_IsTrue(cJSON_GetObjectItem(want, "negate_outcome")) ? "~" : "",
                 cJSON_GetObjectItem(want, "include")->valuestring);
        got = run_json(args, 0);
        char *gs = cJSON_PrintUnformatted(cJSON_GetObjectItem(got, "solutions"));
        char *ws = cJSON_PrintUnformatted(cJSON_GetObjectItem(want, "solutions"));
        ck_assert_str_eq(gs, ws);
        free(gs);
        free(ws);
        cJSON *gf = cJSON_GetObjectItem(got, "solution_fit"), *wf = cJSON_GetObjectItem(want, "solution_fit");
        for (int i = 0; i < cJSON_GetArraySize(wf); i++)
            ck_assert(fsq_test_close(num(cJSON_GetArrayItem(gf, i), "cov"),
                                     num(cJSON_GetArrayItem(wf, i), "cov"), FSQ_TOL));
        cJSON_Delete(got);
        cJSON_Delete(want);
    }

    /* The data layer: "-" and "dc" cells are level max + 1 (hand-worked:
     * max of 0, 1, 2 is 2, so the codes read 3), numeric column. */
    const char *csv = write_tmp("dc.csv", "id,X,Y\na,0,1\nb,-,0\nc,2,1\nd,dc,0\ne,1,1\n");
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_read_csv(&d, csv, NULL), FSQ_OK);
    ck_assert(fsq_data_var_is_numeric(d, 0));
    const double *x = fsq_data_column(d, 0);
    ck_assert(x[0] == 0 && x[1] == 3 && x[2] == 2 && x[3] == 3 && x[4] == 1);
    fsq_data_free(d);
}
END_TEST

/* Oracle: the sums of the formulas in fsqca.h, over LF's raw columns, for
 * ~DEV*~STB -> ~SURV: X = min(1 - DEV, 1 - STB), Y = 1 - SURV. */
START_TEST(test_fit__negated_outcome_is_one_minus_y)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared)
        return;
    char args[8192];
    snprintf(args, sizeof args, "%s/datasets/qca/LF.csv", shared);
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_read_csv(&d, args, NULL), FSQ_OK);
    const double *dev = fsq_data_column(d, fsq_data_find_var(d, "DEV"));
    const double *stb = fsq_data_column(d, fsq_data_find_var(d, "STB"));
    const double *surv = fsq_data_column(d, fsq_data_find_var(d, "SURV"));
    double sx = 0, sy = 0, sxy = 0, sxyny = 0;
    for (size_t i = 0; i < fsq_data_ncases(d); i++) {
        double x = fmin(1 - dev[i], 1 - stb[i]), y = 1 - surv[i];
        sx += x;
        sy += y;
        sxy += fmin(x, y);
        sxyny += fmin(fmin(x, y), 1 - y);
    }
    fsq_data_free(d);
    snprintf(args, sizeof args, "fit '%s/datasets/qca/LF.csv' --outcome '~SURV' --json '~DEV*~STB'",
             shared);
    cJSON *got = run_json(args, 0);
    cJSON *row = cJSON_GetArrayItem(cJSON_GetObjectItem(got, "rows"), 0);
    ck_assert(fsq_test_close(num(row, "inclS"), sxy / sx, 1e-12));
    ck_assert(fsq_test_close(num(row, "PRI"), (sxy - sxyny) / (sx - sxyny), 1e-12));
    ck_assert(fsq_test_close(num(row, "covS"), sxy / sy, 1e-12));
    ck_assert_str_eq(cJSON_GetObjectItem(got, "outcome")->valuestring, "~SURV");
    cJSON_Delete(got);
}
END_TEST

static Suite *fsq_fit_suite(void)
{
    Suite *s = suite_create("fit");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_fit__cli_matches_every_qca_pof_reference);
    tcase_add_test(tc, test_fit__multi_value_expression_worked_by_hand);
    tcase_add_test(tc, test_fit__negated_outcome_is_one_minus_y);
    tcase_add_test(tc, test_fit__cli_findrows_matches_every_qca_reference);
    tcase_add_test(tc, test_fit__findrows_subset_worked_by_hand);
    tcase_add_test(tc, test_fit__minimize_exclude_worked_by_hand);
    tcase_add_test(tc, test_fit__exclude_csa_leaves_no_contradiction);
    tcase_add_test(tc, test_fit__rs_dont_care_codes_through_the_cli);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_fit_suite());
}
