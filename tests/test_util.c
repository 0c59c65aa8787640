#include "test_util.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

const char *fsq_test_shared_dir(void)
{
    struct stat st;
    if (stat(FSQCA_SHARED_DIR "/reference/qca", &st) == 0 && S_ISDIR(st.st_mode))
        return FSQCA_SHARED_DIR;
    return NULL;
}

char *fsq_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

cJSON *fsq_test_load_json(const char *path)
{
    char *text = fsq_test_read_file(path, NULL);
    if (!text)
        return NULL;
    cJSON *j = cJSON_Parse(text);
    free(text);
    return j;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t fsq_test_list_dir(const char *dir, const char *suffix, char ***names)
{
    *names = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0, cap = 0, slen = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < slen || strcmp(e->d_name + len - slen, suffix) != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            *names = realloc(*names, cap * sizeof **names);
        }
        size_t plen = strlen(dir) + len + 2;
        (*names)[n] = malloc(plen);
        snprintf((*names)[n], plen, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(*names, n, sizeof **names, cmp_str);
    return n;
}

void fsq_test_free_list(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

int fsq_test_run(const char *cmd, int merge_stderr, char **out)
{
    size_t len = strlen(cmd) + 16;
    char *full = malloc(len);
    snprintf(full, len, "%s%s", cmd, merge_stderr ? " 2>&1" : "");
    FILE *p = popen(full, "r");
    free(full);
    if (!p)
        return -1;
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);
    while ((got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    buf[n] = '\0';
    int status = pclose(p);
    if (out)
        *out = buf;
    else
        free(buf);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int fsq_test_run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? 0 : 1;
}

int fsq_test_close(double a, double b, double tol)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return fabs(a - b) <= tol;
}

/* Builds the truth table that reference file `ref` describes. */
fsq_tt *fsq_test_tt_from_reference(const cJSON *ref, const char *shared)
{
    const char *dataset = cJSON_GetObjectItem(ref, "dataset")->valuestring;
    char path[1024];
    snprintf(path, sizeof path, "%s/datasets/qca/%s.csv", shared, dataset);
    fsq_data *data = NULL;
    ck_assert_msg(fsq_data_read_csv(&data, path, NULL) == 0, "%s: %s", path, fsq_last_error());

    const cJSON *conds = cJSON_GetObjectItem(ref, "conditions");
    size_t k = (size_t)cJSON_GetArraySize(conds);
    const char **names = malloc(k * sizeof *names);
    for (size_t j = 0; j < k; j++)
        names[j] = cJSON_GetArrayItem(conds, (int)j)->valuestring;

    fsq_tt_options o = FSQ_TT_OPTIONS_INIT;
    const cJSON *ic = cJSON_GetObjectItem(ref, "incl_cut");
    if (cJSON_IsArray(ic)) {
        o.incl_cut1 = cJSON_GetArrayItem(ic, 0)->valuedouble;
        o.incl_cut0 = cJSON_GetArrayItem(ic, 1)->valuedouble;
    } else {
        o.incl_cut1 = ic->valuedouble;
    }
    o.n_cut = (size_t)cJSON_GetObjectItem(ref, "n_cut")->valuedouble;
    o.pri_cut = cJSON_GetObjectItem(ref, "pri_cut")->valuedouble;

    char outcome[256];
    snprintf(outcome, sizeof outcome, "%s%s",
             cJSON_IsTrue(cJSON_GetObjectItem(ref, "negate_outcome")) ? "~" : "",
             cJSON_GetObjectItem(ref, "outcome")->valuestring);
    fsq_tt *tt = NULL;
    int rc = fsq_tt_build(&tt, data, outcome, names, k, &o);
    ck_assert_msg(rc == 0, "%s: %s", cJSON_GetObjectItem(ref, "id")->valuestring,
                  fsq_last_error());
    free(names);
    fsq_data_free(data);
    return tt;
}


void fsq_test_reference_cli_args(const cJSON *ref, const char *shared, char *buf, size_t size)
{
    const cJSON *ic = cJSON_GetObjectItem(ref, "incl_cut"), *conds = cJSON_GetObjectItem(ref,
                                                                                        "conditions");
    char cut[64];
    if (cJSON_IsArray(ic))
        snprintf(cut, sizeof cut, "%.17g,%.17g", cJSON_GetArrayItem(ic, 0)->valuedouble,
                 cJSON_GetArrayItem(ic, 1)->valuedouble);
    else
        snprintf(cut, sizeof cut, "%.17g", ic->valuedouble);
    size_t n = (size_t)snprintf(buf, size, "'%s/datasets/qca/%s.csv' --outcome '%s%s' --conditions ",
                                shared, cJSON_GetObjectItem(ref, "dataset")->valuestring,
                                cJSON_IsTrue(cJSON_GetObjectItem(ref, "negate_outcome")) ? "~" : "",
                                cJSON_GetObjectItem(ref, "outcome")->valuestring);
    for (int j = 0; j < cJSON_GetArraySize(conds) && n < size; j++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", j ? "," : "",
                              cJSON_GetArrayItem(conds, j)->valuestring);
    if (n < size)
        n += (size_t)snprintf(buf + n, size - n, " --incl-cut %s --n-cut %.0f --pri-cut %.17g", cut,
                              cJSON_GetObjectItem(ref, "n_cut")->valuedouble,
                              cJSON_GetObjectItem(ref, "pri_cut")->valuedouble);
    ck_assert_msg(n < size, "command line too long");
}

cJSON *fsq_test_cli_json(const char *args, int status)
{
    size_t len = strlen(args) + strlen(FSQCA_CLI) + 8;
    char *cmd = malloc(len), *out = NULL;
    snprintf(cmd, len, "'%s' %s", FSQCA_CLI, args);
    int got = fsq_test_run(cmd, 0, &out);
    ck_assert_msg(got == status, "`%s` exited %d, not %d", cmd, got, status);
    cJSON *j = cJSON_Parse(out);
    ck_assert_msg(j != NULL, "not JSON from `%s`: %.200s", cmd, out);
    free(out);
    free(cmd);
    return j;
}

glp_prob *fsq_test_cover_mip(const uint64_t *chart, size_t npis, size_t ncols, size_t nw)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, (int)npis);
    for (size_t p = 0; p < npis; p++) {
        glp_set_col_kind(lp, (int)p + 1, GLP_BV);
        glp_set_obj_coef(lp, (int)p + 1, 1);
    }
    int *ind = malloc((npis + 1) * sizeof *ind);
    double *one = malloc((npis + 1) * sizeof *one);
    ck_assert(ind && one);
    for (size_t p = 0; p <= npis; p++)
        one[p] = 1;
    if (ncols)
        glp_add_rows(lp, (int)ncols);
    for (size_t c = 0; c < ncols; c++) {
        int len = 0;
        for (size_t p = 0; p < npis; p++)
            if (chart[p * nw + c / 64] >> (c % 64) & 1)
                ind[++len] = (int)p + 1;
        glp_set_mat_row(lp, (int)c + 1, len, ind, one);
        glp_set_row_bnds(lp, (int)c + 1, GLP_LO, 1, 0);
    }
    free(ind);
    free(one);
    return lp;
}

uint64_t fsq_test_rng(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    uint64_t x = *state;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}
