/* Bad and oversized input found by fuzzing (issue 14), at the library:
 * bounded JSON listings, O(1) column look-ups, field limits, read errors.
 * Independent sources: counts worked out by hand from the construction of
 * each data set (see the comments), the system's strerror text, and a wall
 * clock bound far above linear cost and far below the old quadratic one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "test_util.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* 18 crisp conditions A, B, C3..C18 and 12 cases with B = A and Y = A (the
 * C's from a fixed LCG). The parsimonious models are "A" and "B". Each
 * covers the 2^17 configurations with that literal = 1; the ON rows are the
 * distinct observed configurations with A = 1 (all have B = 1 too), so each
 * model has 2^17 - nON simplifying assumptions: two lists of ~131,000, more
 * than the 200,000 one JSON result may list in all. The first is listed,
 * the second is replaced by a note, and both counts are given. */
START_TEST(test_bad_input__json_lists_at_most_200000_configurations)
{
    enum { K = 18, N = 12 };
    unsigned char x[N][K];
    unsigned long long s = 12345;
    char csv[4096];
    size_t len = 0;
    len += (size_t)snprintf(csv + len, sizeof csv - len, "id,A,B");
    for (int j = 3; j <= K; j++)
        len += (size_t)snprintf(csv + len, sizeof csv - len, ",C%d", j);
    len += (size_t)snprintf(csv + len, sizeof csv - len, ",Y\n");
    for (int i = 0; i < N; i++) {
        x[i][0] = x[i][1] = (unsigned char)(i % 2);
        for (int j = 2; j < K; j++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            x[i][j] = (unsigned char)(s >> 63);
        }
        len += (size_t)snprintf(csv + len, sizeof csv - len, "c%d", i);
        for (int j = 0; j < K; j++)
            len += (size_t)snprintf(csv + len, sizeof csv - len, ",%d", x[i][j]);
        len += (size_t)snprintf(csv + len, sizeof csv - len, ",%d\n", x[i][0]);
    }
    /* Distinct ON configurations, by brute force. */
    size_t non = 0;
    for (int i = 0; i < N; i++) {
        int first = x[i][0] == 1;
        for (int h = 0; first && h < i; h++)
            first = memcmp(x[h], x[i], K) != 0;
        non += first;
    }
    const long long want = (1ll << 17) - (long long)non;

    fsq_data *d = NULL;
    fsq_tt *tt = NULL;
    fsq_min *min = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, len, "amp.csv", NULL), 0);
    ck_assert_int_eq(fsq_tt_build(&tt, d, "Y", NULL, 0, NULL), 0);
    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
    mo.type = FSQ_PARSIMONIOUS;
    ck_assert_int_eq(fsq_minimize(&min, tt, &mo), 0);
    ck_assert_uint_eq(fsq_min_nsolutions(min), 2);
    char *json;
    size_t jlen;
    ck_assert_int_eq(fsq_min_to_json(min, &json, &jlen), 0);
    cJSON *root = cJSON_Parse(json);
    ck_assert_ptr_nonnull(root);
    cJSON *sa = cJSON_GetObjectItem(root, "simplifying_assumptions");
    cJSON *count = cJSON_GetObjectItem(root, "simplifying_assumptions_count");
    cJSON *listed = cJSON_GetObjectItem(root, "simplifying_assumptions_listed");
    ck_assert_ptr_nonnull(sa);
    ck_assert_ptr_nonnull(count);
    ck_assert_ptr_nonnull(listed);
    ck_assert(cJSON_IsArray(cJSON_GetObjectItem(sa, "M1")));
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(sa, "M1")), want);
    ck_assert(cJSON_IsString(cJSON_GetObjectItem(sa, "M2")));
    ck_assert_ptr_nonnull(strstr(cJSON_GetObjectItem(sa, "M2")->valuestring, "not listed"));
    ck_assert_int_eq((long long)cJSON_GetObjectItem(count, "M1")->valuedouble, want);
    ck_assert_int_eq((long long)cJSON_GetObjectItem(count, "M2")->valuedouble, want);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(listed, "M1")));
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(listed, "M2")));
    /* M1's list holds configurations with A = 1: index - 1 >= 2^17. */
    cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItem(sa, "M1"), 0);
    ck_assert(first->valuedouble - 1 >= (double)(1 << 17));
    cJSON_Delete(root);
    free(json);
    fsq_min_free(min);
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

/* "V1,...,V<ncol>" (the last name replaced by `last` if not NULL) and three
 * rows of 0/1; malloc'ed, length in *len. */
static char *wide_csv(int ncol, const char *last, size_t *len)
{
    size_t cap = (size_t)ncol * 24 + 64, n = 0;
    char *csv = malloc(cap);
    ck_assert_ptr_nonnull(csv);
    for (int j = 1; j <= ncol; j++) {
        if (j == ncol && last)
            n += (size_t)snprintf(csv + n, cap - n, ",%s", last);
        else
            n += (size_t)snprintf(csv + n, cap - n, "%sV%d", j > 1 ? "," : "", j);
    }
    csv[n++] = '\n';
    for (int r = 0; r < 3; r++) {
        for (int j = 1; j <= ncol; j++)
            n += (size_t)snprintf(csv + n, cap - n, "%s%d", j > 1 ? "," : "", (j + r) % 2);
        csv[n++] = '\n';
    }
    *len = n;
    return csv;
}

/* 18 crisp conditions: three pairs (A_p, B_p), each side in three identical
 * copies A_p_0..2, B_p_0..2. Cases: per pair, A_p and B_p = 1 (Y = 1), only
 * A_p = 1 (Y = 0), only B_p = 1 (Y = 0); and all zero (Y = 0). Each positive
 * row needs both literals of its pair, so the parsimonious models choose one
 * copy of each of the six sides: 3^6 = 729 models of three 2-literal terms.
 * A model covers 2^18 (1 - (3/4)^3) = 151552 configurations, 3 of them the
 * positive rows: 151549 simplifying assumptions each, 110 million in all.
 * One minimization enumerates at most 2,000,000 (the first 14 models:
 * 13 * 151549 < 2e6 <= 14 * 151549) and lists at most 200,000 (only M1). */
START_TEST(test_bad_input__many_models_enumerate_a_bounded_number_of_assumptions)
{
    char csv[2048];
    size_t len = 0;
    static const char side[2] = {'A', 'B'};
    for (int p = 0; p < 3; p++)
        for (int s = 0; s < 2; s++)
            for (int c = 0; c < 3; c++)
                len += (size_t)snprintf(csv + len, sizeof csv - len, "%c%d_%d,", side[s], p, c);
    len += (size_t)snprintf(csv + len, sizeof csv - len, "Y\n");
    for (int p = 0; p < 3; p++)
        for (int kind = 0; kind < 3; kind++) { /* both sides, A only, B only */
            for (int q = 0; q < 3; q++)
                for (int s = 0; s < 2; s++)
                    for (int c = 0; c < 3; c++)
                        len += (size_t)snprintf(csv + len, sizeof csv - len, "%d,",
                                                q == p && (kind == 0 || kind == s + 1));
            len += (size_t)snprintf(csv + len, sizeof csv - len, "%d\n", kind == 0);
        }
    for (int j = 0; j < 18; j++)
        len += (size_t)snprintf(csv + len, sizeof csv - len, "0,");
    len += (size_t)snprintf(csv + len, sizeof csv - len, "0\n");

    fsq_data *d = NULL;
    fsq_tt *tt = NULL;
    fsq_min *min = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, len, "pairs.csv", NULL), 0);
    ck_assert_int_eq(fsq_tt_build(&tt, d, "Y", NULL, 0, NULL), 0);
    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
    mo.type = FSQ_PARSIMONIOUS;
    ck_assert_int_eq(fsq_minimize(&min, tt, &mo), 0);
    ck_assert_uint_eq(fsq_min_nsolutions(min), 729);
    char *json;
    size_t jlen;
    ck_assert_int_eq(fsq_min_to_json(min, &json, &jlen), 0);
    cJSON *root = cJSON_Parse(json);
    ck_assert_ptr_nonnull(root);
    cJSON *sa = cJSON_GetObjectItem(root, "simplifying_assumptions");
    cJSON *count = cJSON_GetObjectItem(root, "simplifying_assumptions_count");
    cJSON *listed = cJSON_GetObjectItem(root, "simplifying_assumptions_listed");
    ck_assert_int_eq(cJSON_GetArraySize(count), 729);
    for (int m = 0; m < 729; m++) {
        cJSON *c = cJSON_GetArrayItem(count, m), *l = cJSON_GetArrayItem(listed, m);
        cJSON *a = cJSON_GetArrayItem(sa, m);
        if (m < 14)
            ck_assert_int_eq((long long)c->valuedouble, 151549);
        else
            ck_assert(cJSON_IsNull(c));
        ck_assert(cJSON_IsTrue(l) == (m == 0));
        ck_assert(cJSON_IsArray(a) == (m == 0));
    }
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(sa, "M1")), 151549);
    cJSON_Delete(root);
    free(json);
    fsq_min_free(min);
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

/* A header of 100,000 columns V1..V100000 and three rows. Reading it and
 * finding every column by name is linear with the hash index; the pairwise
 * comparisons it replaces took minutes (30,000 columns: 9 s, issue 14). */
START_TEST(test_bad_input__hundred_thousand_columns_are_read_in_linear_time)
{
    enum { NCOL = 100000 };
    size_t len;
    char *csv = wide_csv(NCOL, NULL, &len);
    double t0 = now();
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, len, "wide.csv", NULL), 0);
    ck_assert_uint_eq(fsq_data_nvars(d), NCOL);
    char name[32];
    for (int j = 1; j <= NCOL; j++) {
        snprintf(name, sizeof name, "V%d", j);
        ck_assert_int_eq(fsq_data_find_var(d, name), j - 1);
    }
    ck_assert_int_eq(fsq_data_find_var(d, "V0"), -1);
    ck_assert_int_eq(fsq_data_find_var(d, "V100001"), -1);
    /* Conditions given twice among 50,000: found without comparing pairs. */
    const char **conds = malloc(50001 * sizeof *conds);
    for (int j = 0; j < 50000; j++)
        conds[j] = fsq_data_var_name(d, (size_t)j + 1);
    conds[50000] = conds[123];
    fsq_tt *tt = NULL;
    ck_assert_int_eq(fsq_tt_build(&tt, d, "V1", conds, 50001, NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "condition \"V125\" is given twice");
    free(conds);
    /* The index follows a new column and a copy without some cases. */
    double *col = calloc(3, sizeof *col);
    ck_assert_int_eq(fsq_data_set_column(d, "NEW", col), 0);
    ck_assert_int_eq(fsq_data_find_var(d, "NEW"), NCOL);
    free(col);
    fsq_data *c = NULL;
    const char *used[1] = {"V7"};
    ck_assert_int_eq(fsq_data_complete_cases(&c, d, used, 1, 0, NULL), 0);
    ck_assert_int_eq(fsq_data_find_var(c, "V99999"), 99998);
    ck_assert_int_eq(fsq_data_find_var(c, "NEW"), NCOL);
    fsq_data_free(c);
    fsq_data_free(d);
    double secs = now() - t0;
    ck_assert_msg(secs < 20, "100,000 columns took %.1f s", secs);

    /* A duplicate at the very end is found, and located. */
    free(csv);
    csv = wide_csv(NCOL, "V99999", &len);
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, len, "wide.csv", NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "wide.csv:1:100000: duplicate column name \"V99999\"");
    free(csv);
}
END_TEST

/* FSQ_CSV_MAX_FIELD bytes are accepted, one more is an error at the field. */
START_TEST(test_bad_input__field_longer_than_the_limit_is_located)
{
    size_t n = FSQ_CSV_MAX_FIELD + 64, len = 0;
    char *csv = malloc(n);
    len += (size_t)snprintf(csv, n, "A,id\n1,");
    memset(csv + len, 'x', FSQ_CSV_MAX_FIELD);
    len += FSQ_CSV_MAX_FIELD;
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, len, "f.csv", NULL), 0);
    fsq_data_free(d);
    csv[len++] = 'x';
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, len, "f.csv", NULL), FSQ_EINPUT);
    char want[128];
    snprintf(want, sizeof want, "f.csv:2:2: field longer than %d bytes", FSQ_CSV_MAX_FIELD);
    ck_assert_str_eq(fsq_last_error(), want);
    free(csv);
}
END_TEST

/* Read errors carry the system's reason; a directory is named as one. */
START_TEST(test_bad_input__read_errors_say_why)
{
    fsq_data *d = NULL;
    char want[256];
    ck_assert_int_eq(fsq_data_read_csv(&d, "/", NULL), FSQ_EIO);
    ck_assert_str_eq(fsq_last_error(), "/: is a directory");
    ck_assert_int_eq(fsq_data_read_csv(&d, "/nonexistent/x.csv.zst", NULL), FSQ_EIO);
    snprintf(want, sizeof want, "/nonexistent/x.csv.zst: cannot open: %s", strerror(ENOENT));
    ck_assert_str_eq(fsq_last_error(), want);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("bad_input");
    TCase *tc = tcase_create("bad_input");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_bad_input__json_lists_at_most_200000_configurations);
    tcase_add_test(tc, test_bad_input__many_models_enumerate_a_bounded_number_of_assumptions);
    tcase_add_test(tc, test_bad_input__hundred_thousand_columns_are_read_in_linear_time);
    tcase_add_test(tc, test_bad_input__field_longer_than_the_limit_is_located);
    tcase_add_test(tc, test_bad_input__read_errors_say_why);
    suite_add_tcase(s, tc);
    return fsq_test_run_suite(s);
}
