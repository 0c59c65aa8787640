/* Minimization with many conditions (issue 8, item 4): k = 70, 128 and 200
 * crisp conditions, N = 300 random cases, the outcome a planted sum of 3
 * terms of 3 literals (no noise), parsimonious. The expected answer comes
 * from the construction, not from fsqca: the planted terms cover exactly
 * the positive cases, so they are a cover of 3 PIs; the test asserts that
 * the minimum is 3, proven (lower bound 3), and that the planted model is
 * among the listed minimum models. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static uint64_t rng(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static const size_t many_k[] = {70, 128, 200};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Terms of "A*~B + C" sorted, joined by " + ": a model as a set. */
static void canonical(const char *model, char *out, size_t size)
{
    char buf[4096], *terms[64];
    size_t n = 0;
    snprintf(buf, sizeof buf, "%s", model);
    for (char *t = strtok(buf, "+"); t && n < 64; t = strtok(NULL, "+")) {
        while (*t == ' ')
            t++;
        size_t l = strlen(t);
        while (l && t[l - 1] == ' ')
            t[--l] = 0;
        terms[n++] = t;
    }
    qsort(terms, n, sizeof *terms, cmp_str);
    out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        strncat(out, i ? " + " : "", size - strlen(out) - 1);
        strncat(out, terms[i], size - strlen(out) - 1);
    }
}

START_TEST(test_many_conditions__planted_model_recovered_and_proven)
{
    size_t k = many_k[_i], n = 300;
    uint64_t s = 0xC0FFEEu + k;
    int cond[3][3], val[3][3];
    for (int t = 0; t < 3; t++)
        for (int l = 0; l < 3; l++) {
            int c, dup;
            do {
                c = (int)(rng(&s) % k);
                dup = 0;
                for (int u = 0; u <= t; u++)
                    for (int q = 0; q < (u < t ? 3 : l); q++)
                        dup |= cond[u][q] == c;
            } while (dup); /* nine distinct conditions: no term implies another */
            cond[t][l] = c;
            val[t][l] = (int)(rng(&s) & 1);
        }
    size_t cap = (n + 2) * (2 * k + 16) + 8 * k, len = 0;
    char *csv = malloc(cap);
    ck_assert_ptr_nonnull(csv);
    len += (size_t)snprintf(csv + len, cap - len, "id");
    for (size_t j = 0; j < k; j++)
        len += (size_t)snprintf(csv + len, cap - len, ",X%zu", j + 1);
    len += (size_t)snprintf(csv + len, cap - len, ",Y\n");
    unsigned char x[256];
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < k; j++)
            x[j] = (unsigned char)(rng(&s) >> 33 & 1);
        int y = 0;
        for (int t = 0; t < 3; t++)
            y |= x[cond[t][0]] == val[t][0] && x[cond[t][1]] == val[t][1] &&
                 x[cond[t][2]] == val[t][2];
        len += (size_t)snprintf(csv + len, cap - len, "c%zu", i + 1);
        for (size_t j = 0; j < k; j++)
            len += (size_t)snprintf(csv + len, cap - len, ",%u", x[j]);
        len += (size_t)snprintf(csv + len, cap - len, ",%d\n", y);
    }
    fsq_data *d = NULL;
    ck_assert_msg(fsq_data_parse_csv(&d, csv, len, "planted.csv", NULL) == 0, "%s",
                  fsq_last_error());
    free(csv);
    fsq_tt *tt = NULL;
    ck_assert_msg(fsq_tt_build(&tt, d, "Y", NULL, 0, NULL) == 0, "%s", fsq_last_error());

    /* The planted model as fsqca writes it: literals in condition order. */
    char terms[3][256], planted[1024], want[1024], got[1024];
    for (int t = 0; t < 3; t++) {
        int order[3] = {0, 1, 2};
        for (int a = 0; a < 3; a++)
            for (int b = a + 1; b < 3; b++)
                if (cond[t][order[b]] < cond[t][order[a]]) {
                    int tmp = order[a];
                    order[a] = order[b];
                    order[b] = tmp;
                }
        terms[t][0] = 0;
        for (int l = 0; l < 3; l++) {
            char lit[32];
            snprintf(lit, sizeof lit, "%s%sX%d", l ? "*" : "", val[t][order[l]] ? "" : "~",
                     cond[t][order[l]] + 1);
            strcat(terms[t], lit);
        }
    }
    snprintf(planted, sizeof planted, "%s + %s + %s", terms[0], terms[1], terms[2]);
    canonical(planted, want, sizeof want);

    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
    mo.type = FSQ_PARSIMONIOUS;
    mo.time_limit = 300;
    fsq_min *m = NULL;
    ck_assert_msg(fsq_minimize(&m, tt, &mo) == 0, "k %zu: %s", k, fsq_last_error());
    size_t size = 0, lb = 0;
    ck_assert_int_eq(fsq_min_proof(m, &size, &lb, NULL), 0);
    ck_assert_msg(size == 3 && lb == 3, "k %zu: minimum %zu, lower bound %zu", k, size, lb);
    int found = 0;
    for (size_t i = 0; i < fsq_min_nsolutions(m) && !found; i++) {
        char *text = fsq_min_solution_text(m, i);
        canonical(text, got, sizeof got);
        found = strcmp(got, want) == 0;
        free(text);
    }
    ck_assert_msg(found, "k %zu: the planted model %s is not among the %zu listed", k, want,
                  fsq_min_nsolutions(m));
    fsq_min_free(m);
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

static Suite *many_suite(void)
{
    Suite *s = suite_create("many_conditions");
    TCase *tc = tcase_create("planted");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, test_many_conditions__planted_model_recovered_and_proven, 0, 3);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(many_suite());
}
