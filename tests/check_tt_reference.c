/* Truth tables against QCA 3.23: every file in ../shared/reference/qca/.
 *
 * For each file: read its data set, build the truth table with the file's
 * outcome (and negation), conditions and cut-offs, and check the same rows
 * in the same order, with the same index, digits, OUT, n and cases, incl and
 * PRI within 1e-9, and the same number of remainder rows: once through the
 * library, once through `fsqca tt --json` as a user runs it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"
#include "tt/tt_internal.h"

static void check_one(const char *file, const char *shared)
{
    cJSON *ref = fsq_test_load_json(file);
    ck_assert_msg(ref != NULL, "cannot parse %s", file);
    fsq_tt *tt = fsq_test_tt_from_reference(ref, shared);

    const cJSON *rows = cJSON_GetObjectItem(ref, "truth_table");
    ck_assert_msg(fsq_tt_nrows(tt) == (size_t)cJSON_GetArraySize(rows),
                  "%s: %zu rows, QCA has %d", file, fsq_tt_nrows(tt), cJSON_GetArraySize(rows));
    const char *type = cJSON_GetObjectItem(ref, "condition_type")->valuestring;
    ck_assert_str_eq(fsq__tt_type_name(fsq_tt_type(tt)), type);

    char buf[700];
    fsq__buf row = FSQ__BUF_INIT;
    for (size_t r = 0; r < fsq_tt_nrows(tt); r++) {
        const cJSON *q = cJSON_GetArrayItem(rows, (int)r);
        snprintf(buf, sizeof buf, "%.0f", cJSON_GetObjectItem(q, "index")->valuedouble);
        char mine[700];
        ck_assert_str_eq(fsq_tt_row_index(tt, r, mine, sizeof mine), buf);
        row.len = 0;
        fsq__tt_row_text(tt, tt->rows + r * tt->k, &row);
        ck_assert_str_eq(fsq__buf_str(&row), cJSON_GetObjectItem(q, "row")->valuestring);
        ck_assert_msg(strcmp(fsq__out_name(fsq_tt_row_out(tt, r)),
                             cJSON_GetObjectItem(q, "OUT")->valuestring) == 0,
                      "%s row %s: OUT %s, QCA %s", file, buf,
                      fsq__out_name(fsq_tt_row_out(tt, r)),
                      cJSON_GetObjectItem(q, "OUT")->valuestring);
        ck_assert_uint_eq(fsq_tt_row_n(tt, r),
                          (size_t)cJSON_GetObjectItem(q, "n")->valuedouble);
        double incl = cJSON_GetObjectItem(q, "incl")->valuedouble;
        double pri = cJSON_GetObjectItem(q, "PRI")->valuedouble;
        ck_assert_msg(fsq_test_close(fsq_tt_row_incl(tt, r), incl, FSQ_TOL),
                      "%s row %s: incl %.15g, QCA %.15g", file, buf, fsq_tt_row_incl(tt, r), incl);
        ck_assert_msg(fsq_test_close(fsq_tt_row_pri(tt, r), pri, FSQ_TOL),
                      "%s row %s: PRI %.15g, QCA %.15g", file, buf, fsq_tt_row_pri(tt, r), pri);
        size_t ncases;
        const size_t *cases = fsq_tt_row_cases(tt, r, &ncases);
        const cJSON *qc = cJSON_GetObjectItem(q, "cases");
        ck_assert_uint_eq(ncases, (size_t)cJSON_GetArraySize(qc));
        for (size_t c = 0; c < ncases; c++)
            ck_assert_str_eq(fsq_tt_case_id(tt, cases[c]),
                             cJSON_GetArrayItem(qc, (int)c)->valuestring);
    }
    snprintf(buf, sizeof buf, "%.0f", cJSON_GetObjectItem(ref, "remainder_rows")->valuedouble);
    char mine[700];
    ck_assert_str_eq(fsq_tt_remainders(tt, mine, sizeof mine), buf);
    fsq__buf_free(&row);
    fsq_tt_free(tt);
    cJSON_Delete(ref);
}

/* The same file through the command line: `fsqca tt ... --json`. */
static void check_one_cli(const char *file, const char *shared)
{
    cJSON *ref = fsq_test_load_json(file);
    ck_assert_msg(ref != NULL, "cannot parse %s", file);
    char args[4096];
    fsq_test_reference_cli_args(ref, shared, args, sizeof args - 16);
    strcat(args, " --json");
    memmove(args + 3, args, strlen(args) + 1);
    memcpy(args, "tt ", 3);
    cJSON *got = fsq_test_cli_json(args, 0);
    ck_assert_str_eq(cJSON_GetObjectItem(got, "condition_type")->valuestring,
                     cJSON_GetObjectItem(ref, "condition_type")->valuestring);
    ck_assert_msg(cJSON_GetObjectItem(got, "remainder_rows")->valuedouble ==
                      cJSON_GetObjectItem(ref, "remainder_rows")->valuedouble,
                  "%s: remainder rows differ", file);
    const cJSON *rows = cJSON_GetObjectItem(ref, "truth_table");
    const cJSON *mine = cJSON_GetObjectItem(got, "truth_table");
    ck_assert_msg(cJSON_GetArraySize(mine) == cJSON_GetArraySize(rows), "%s: %d rows, QCA has %d",
                  file, cJSON_GetArraySize(mine), cJSON_GetArraySize(rows));
    for (int r = 0; r < cJSON_GetArraySize(rows); r++) {
        const cJSON *q = cJSON_GetArrayItem(rows, r), *m = cJSON_GetArrayItem(mine, r);
        static const char *exact[] = {"index", "n"};
        for (int e = 0; e < 2; e++)
            ck_assert_msg(cJSON_GetObjectItem(m, exact[e])->valuedouble ==
                              cJSON_GetObjectItem(q, exact[e])->valuedouble,
                          "%s row %d: %s differs", file, r, exact[e]);
        ck_assert_str_eq(cJSON_GetObjectItem(m, "row")->valuestring,
                         cJSON_GetObjectItem(q, "row")->valuestring);
        ck_assert_str_eq(cJSON_GetObjectItem(m, "OUT")->valuestring,
                         cJSON_GetObjectItem(q, "OUT")->valuestring);
        static const char *fit[] = {"incl", "PRI"};
        for (int e = 0; e < 2; e++)
            ck_assert_msg(fsq_test_close(cJSON_GetObjectItem(m, fit[e])->valuedouble,
                                         cJSON_GetObjectItem(q, fit[e])->valuedouble, FSQ_TOL),
                          "%s row %d: %s %.15g, QCA %.15g", file, r, fit[e],
                          cJSON_GetObjectItem(m, fit[e])->valuedouble,
                          cJSON_GetObjectItem(q, fit[e])->valuedouble);
        const cJSON *mc = cJSON_GetObjectItem(m, "cases"), *qc = cJSON_GetObjectItem(q, "cases");
        ck_assert_int_eq(cJSON_GetArraySize(mc), cJSON_GetArraySize(qc));
        for (int c = 0; c < cJSON_GetArraySize(qc); c++)
            ck_assert_str_eq(cJSON_GetArrayItem(mc, c)->valuestring,
                             cJSON_GetArrayItem(qc, c)->valuestring);
    }
    cJSON_Delete(got);
    cJSON_Delete(ref);
}

START_TEST(test_tt__every_reference_truth_table_matches_qca)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared) {
        printf("NOTICE: ../shared is absent; QCA reference truth tables not checked\n");
        return;
    }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/reference/qca", shared);
    char **files;
    size_t n = fsq_test_list_dir(dir, ".json", &files);
    ck_assert_msg(n > 0, "no reference files in %s", dir);
    for (size_t i = 0; i < n; i++) {
        check_one(files[i], shared);
        check_one_cli(files[i], shared);
    }
    printf("checked the truth tables of %zu QCA reference files, through the library and "
           "through `fsqca tt --json`\n", n);
    fsq_test_free_list(files, n);
}
END_TEST

/* Threads do not change a single bit of the output. */
START_TEST(test_tt__json_identical_for_one_and_two_threads)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared) {
        printf("NOTICE: ../shared is absent; thread determinism on reference data skipped\n");
        return;
    }
    const char *ids[] = {"LF_SURV_pars", "d.napoleon_O_cons", "HarKem_PB_pars", "CVF_PROTEST_int"};
    for (size_t f = 0; f < sizeof ids / sizeof *ids; f++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/reference/qca/%s.json", shared, ids[f]);
        cJSON *ref = fsq_test_load_json(path);
        ck_assert_ptr_nonnull(ref);
        char *json[2];
        for (int t = 0; t < 2; t++) {
            fsq_tt *tt = fsq_test_tt_from_reference(ref, shared);
            tt->opts.threads = t + 1;
            /* Rebuild the sums with the given thread count. */
            double *sums = malloc(3 * tt->nrows * sizeof *sums);
            ck_assert_int_eq(fsq__tt_cube_sums(tt, tt->rows, tt->nrows, NULL, sums, t + 1), 0);
            for (size_t r = 0; r < tt->nrows; r++)
                ck_assert(tt->type != FSQ_FUZZY ||
                          fsq__incl_from_sums(sums + 3 * r) == tt->row_incl[r]);
            free(sums);
            size_t len;
            ck_assert_int_eq(fsq_tt_to_json(tt, &json[t], &len), 0);
            fsq_tt_free(tt);
        }
        ck_assert_str_eq(json[0], json[1]);
        free(json[0]);
        free(json[1]);
        cJSON_Delete(ref);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tt_reference");
    TCase *tc = tcase_create("qca");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_tt__every_reference_truth_table_matches_qca);
    tcase_add_test(tc, test_tt__json_identical_for_one_and_two_threads);
    suite_add_tcase(s, tc);
    return fsq_test_run_suite(s);
}
