/* fsqca robust --test / --test-set (see robust_tests.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/robust_tests.h"
#include "common/buf.h"

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static void test_free(fsq__rob_test *t)
{
    free(t->text);
    free(t->where);
    free(t->exclude);
    for (size_t i = 0; i < t->ncal; i++) {
        free(t->cal_col[i]);
        free(t->cal_text[i]);
    }
    free(t->cal_col);
    free(t->cal_text);
    free(t->mem);
    free(t->model);
}

void fsq__cli_rob_tests_free(fsq__rob_tests *t)
{
    for (size_t i = 0; i < t->ntests; i++)
        test_free(&t->tests[i]);
    free(t->tests);
    t->tests = NULL;
    t->ntests = 0;
}

/* Where a test's setting came from, for its messages: --test "SPEC", or
 * --test-set FILE:LINE:COLUMN (the column of the item or value in the line). */
typedef struct {
    const char *spec, *path, *base; /* base: the parsed copy of spec */
    size_t line, col0;              /* col0: spec's first column in the line */
} where_t;

static char *label(const where_t *w, const char *at)
{
    size_t n = strlen(w->path ? w->path : w->spec) + 64;
    char *s = malloc(n);
    if (s && w->path)
        snprintf(s, n, "--test-set %s:%zu:%zu", w->path, w->line,
                 w->col0 + (size_t)(at - w->base));
    else if (s)
        snprintf(s, n, "--test \"%s\"", w->spec);
    return s;
}

static int parse_num(const where_t *w, const char *key, char *val, int is_size, double *d,
                     size_t *z)
{
    char *lab = label(w, val);
    size_t n = lab ? strlen(lab) + strlen(key) + 3 : 0;
    char *opt = lab ? malloc(n) : NULL;
    if (!opt) {
        free(lab);
        return fsq__cli_fail("robust", FSQ_ENOMEM);
    }
    snprintf(opt, n, "%s: %s", lab, key);
    int bad = is_size ? fsq__cli_parse_size("robust", opt, val, z)
                      : fsq__cli_parse_double("robust", opt, val, d);
    free(opt);
    free(lab);
    return bad ? FSQ_EXIT_USAGE : 0;
}

static int parse_item(fsq__rob_test *t, const where_t *w, char *key, char *val)
{
    const char *cmd = "robust";
    if (strcmp(key, "incl-cut") == 0) {
        char *comma = strchr(val, ',');
        if (comma)
            *comma = '\0';
        if (parse_num(w, key, trim(val), 0, &t->incl_cut1, NULL) ||
            (comma && parse_num(w, key, trim(comma + 1), 0, &t->incl_cut0, NULL)))
            return FSQ_EXIT_USAGE;
        if (!comma)
            t->incl_cut0 = -1.0;
        t->set_incl = 1;
    } else if (strcmp(key, "n-cut") == 0) {
        if (parse_num(w, key, val, 1, NULL, &t->n_cut))
            return FSQ_EXIT_USAGE;
        t->set_n = 1;
    } else if (strcmp(key, "pri-cut") == 0) {
        if (parse_num(w, key, val, 0, &t->pri_cut, NULL))
            return FSQ_EXIT_USAGE;
        t->set_pri = 1;
    } else if (strcmp(key, "include") == 0) {
        t->set_include = 1;
        if (fsq__cli_parse_include(val, &t->type, &t->include_contradictions)) {
            char *lab = label(w, val);
            int rc = lab ? fsq__cli_usage_error(cmd, "%s: include expects ?, ?,C, C or none, "
                                                "got \"%s\"", lab, val)
                         : fsq__cli_fail(cmd, FSQ_ENOMEM);
            free(lab);
            return rc;
        }
    } else if (strcmp(key, "exclude") == 0) {
        free(t->exclude);
        if (!(t->exclude = strdup(val)))
            return fsq__cli_fail(cmd, FSQ_ENOMEM);
    } else if (*key && !strpbrk(key, " \t")) {
        char **cc = realloc(t->cal_col, (t->ncal + 1) * sizeof *cc);
        if (cc)
            t->cal_col = cc;
        char **ct = cc ? realloc(t->cal_text, (t->ncal + 1) * sizeof *ct) : NULL;
        if (ct)
            t->cal_text = ct;
        if (!cc || !ct)
            return fsq__cli_fail(cmd, FSQ_ENOMEM);
        t->cal_col[t->ncal] = strdup(key);
        t->cal_text[t->ncal] = strdup(val);
        t->ncal++;
        if (!t->cal_col[t->ncal - 1] || !t->cal_text[t->ncal - 1])
            return fsq__cli_fail(cmd, FSQ_ENOMEM);
    } else {
        char *lab = label(w, key);
        int rc = lab ? fsq__cli_usage_error(cmd, "%s: expected KEY=VALUE items separated by "
                                            "';' (incl-cut, n-cut, pri-cut, include, exclude, "
                                            "or a column's calibration COL=e=..,c=..,i=..), "
                                            "got \"%s\"", lab, key)
                     : fsq__cli_fail(cmd, FSQ_ENOMEM);
        free(lab);
        return rc;
    }
    return 0;
}

/* Appends the test SPEC; path NULL for --test, else its FILE, LINE and the
 * column where SPEC starts. */
static int test_add(fsq__rob_tests *t, const char *spec, const char *path, size_t line,
                    size_t col0)
{
    fsq__rob_test *grown = realloc(t->tests, (t->ntests + 1) * sizeof *grown);
    if (!grown)
        return fsq__cli_fail("robust", FSQ_ENOMEM);
    t->tests = grown;
    fsq__rob_test *ts = &t->tests[t->ntests++];
    memset(ts, 0, sizeof *ts);
    char *copy = strdup(spec);
    size_t wn = path ? strlen(path) + 32 : 0;
    if (!copy || !(ts->text = strdup(spec)) || (path && !(ts->where = malloc(wn)))) {
        free(copy);
        return fsq__cli_fail("robust", FSQ_ENOMEM);
    }
    if (path)
        snprintf(ts->where, wn, "%s:%zu", path, line);
    where_t w = {spec, path, copy, line, col0};
    int status = 0;
    size_t nitems = 0;
    for (char *save = NULL, *item = strtok_r(copy, ";", &save); item && !status;
         item = strtok_r(NULL, ";", &save)) {
        item = trim(item);
        if (!*item)
            continue;
        char *eq = strchr(item, '=');
        if (!eq) {
            char *lab = label(&w, item);
            status = lab ? fsq__cli_usage_error("robust", "%s: \"%s\" is not KEY=VALUE", lab, item)
                         : fsq__cli_fail("robust", FSQ_ENOMEM);
            free(lab);
            break;
        }
        *eq = '\0';
        status = parse_item(ts, &w, trim(item), trim(eq + 1));
        nitems++;
    }
    if (!status && nitems == 0) {
        char *lab = label(&w, copy);
        status = lab ? fsq__cli_usage_error("robust", "%s: no setting given", lab)
                     : fsq__cli_fail("robust", FSQ_ENOMEM);
        free(lab);
    }
    free(copy);
    return status;
}

int fsq__cli_rob_test_add(fsq__rob_tests *t, const char *spec)
{
    return test_add(t, spec, NULL, 0, 0);
}

int fsq__cli_rob_test_file(fsq__rob_tests *t, const char *path)
{
    char *text;
    size_t len;
    if (fsq__read_file(path, &text, &len)) /* names the reason, "is a directory" */
        return fsq__cli_error("robust", "--test-set %s", fsq_last_error());
    int status = 0;
    size_t line = 0;
    for (char *s = text, *end = text + len; s < end && !status; line++) {
        char *nl = memchr(s, '\n', (size_t)(end - s)), *e = nl ? nl : end;
        char *nul = memchr(s, '\0', (size_t)(e - s));
        if (nul) {
            status = fsq__cli_error("robust", "--test-set %s:%zu:%zu: NUL byte (a binary file, "
                                    "or UTF-16?)", path, line + 1, (size_t)(nul - s) + 1);
            break;
        }
        *e = '\0';
        char *item = trim(s);
        if (*item && *item != '#')
            status = test_add(t, item, path, line + 1, (size_t)(item - s) + 1);
        s = e + 1;
    }
    free(text);
    return status;
}

/* "--test \"SPEC\"" or "--test-set FILE:LINE: test \"SPEC\"", for the
 * messages of a test that was parsed but fails to run. */
#define TEST_FMT "%s%s%s\"%s\""
#define TEST_ARGS(t) (t)->where ? "--test-set " : "--test ", (t)->where ? (t)->where : "", \
                     (t)->where ? ": test " : "", (t)->text

/* The raw data calibrated as the IS was, with the test's changes. */
static int test_data(const fsq__rob_test *t, const fsq__rob_base *b, fsq_data **out)
{
    size_t n = fsq_data_ncases(b->raw);
    double *v = malloc((n ? n : 1) * sizeof *v), th[6];
    int rc = fsq_data_complete_cases(out, b->raw, NULL, 0, 0, NULL);
    size_t ncols = b->ncalibs + t->ncal;
    for (size_t k = 0; k < ncols && !rc; k++) {
        const char *col = k < b->ncalibs ? b->calibs[k].column : t->cal_col[k - b->ncalibs];
        fsq_calib_options co = FSQ_CALIB_OPTIONS_INIT;
        const char *text = NULL;
        size_t over = 0;
        while (over < t->ncal && strcmp(t->cal_col[over], col) != 0)
            over++;
        if (k < b->ncalibs) {
            co = b->calibs[k].calib;
            if (over < t->ncal)
                text = t->cal_text[over];
        } else {
            size_t s = 0;
            while (s < b->ncalibs && strcmp(b->calibs[s].column, col) != 0)
                s++;
            if (s < b->ncalibs || over < k - b->ncalibs)
                continue; /* done above, or named twice: the first wins */
            text = t->cal_text[k - b->ncalibs];
        }
        long c = fsq_data_find_var(b->raw, col);
        const double *x = c >= 0 ? fsq_data_column(b->raw, (size_t)c) : NULL;
        if (!x) {
            rc = fsq__cli_error("robust", TEST_FMT ": no numeric column \"%s\"", TEST_ARGS(t), col);
            break;
        }
        if (text) {
            if (fsq_calib_parse_thresholds_data(text, x, n, th, 6, &co.nthresholds, NULL)) {
                rc = fsq__cli_error("robust", TEST_FMT ": %s: %s", TEST_ARGS(t), col,
                                    fsq_last_error());
                break;
            }
            co.thresholds = th;
        }
        if (!v || fsq_calibrate(x, n, &co, v) || fsq_data_set_column(*out, col, v)) {
            rc = v ? fsq__cli_error("robust", TEST_FMT ": %s: %s", TEST_ARGS(t), col,
                                    fsq_last_error())
                   : fsq__cli_fail("robust", FSQ_ENOMEM);
            break;
        }
    }
    free(v);
    if (rc) {
        fsq_data_free(*out);
        *out = NULL;
    }
    return rc;
}

static int run_one(fsq__rob_test *t, const fsq__rob_base *b)
{
    fsq_data *d = NULL;
    fsq_tt *tt = NULL;
    fsq_min *m = NULL;
    uint64_t *excluded = NULL;
    int status = test_data(t, b, &d), rc = 0;
    if (status)
        return status;
    fsq_tt_options to = b->tt;
    if (t->set_incl)
        to.incl_cut1 = t->incl_cut1, to.incl_cut0 = t->incl_cut0;
    if (t->set_n)
        to.n_cut = t->n_cut;
    if (t->set_pri)
        to.pri_cut = t->pri_cut;
    fsq_min_options mo = b->min;
    if (t->set_include) {
        mo.type = t->type;
        mo.include_contradictions = t->include_contradictions;
    }
    if ((rc = fsq_tt_build(&tt, d, b->outcome, b->conditions, b->nconditions, &to)))
        goto done;
    if (t->exclude) {
        if ((rc = fsq_exclude_rows(tt, d, t->exclude, &excluded, &mo.nexclude)))
            goto done;
        mo.exclude = excluded;
    }
    if ((rc = fsq_minimize(&m, tt, &mo)))
        goto done;
    t->mem = malloc((fsq_tt_ncases(tt) ? fsq_tt_ncases(tt) : 1) * sizeof *t->mem);
    if (!t->mem || !(t->model = fsq_min_solution_text(m, 0))) {
        rc = FSQ_ENOMEM;
        goto done;
    }
    rc = fsq_min_solution_membership(m, 0, t->mem);
done:
    if (rc) {
        fprintf(stderr, "fsqca robust: " TEST_FMT ": %s\n", TEST_ARGS(t), fsq_last_error());
        status = rc == FSQ_EINPUT ? FSQ_EXIT_USAGE : FSQ_EXIT_ANALYSIS;
    }
    free(excluded);
    fsq_min_free(m);
    fsq_tt_free(tt);
    fsq_data_free(d);
    return status;
}

int fsq__cli_rob_tests_run(fsq__rob_tests *t, const fsq__rob_base *base)
{
    int status = 0;
    for (size_t i = 0; i < t->ntests && !status; i++)
        status = run_one(&t->tests[i], base);
    return status;
}

void fsq__cli_protocol_json(fsq__json *j, const fsq_robust_fit *pf,
                            const fsq__rob_protocol_extra *x)
{
    const struct {
        const char *key;
        double v;
    } f[] = {{"incl_IS", pf->incl_is}, {"cov_IS", pf->cov_is}, {"incl_core", pf->incl_core},
             {"cov_core", pf->cov_core}, {"RF_cov", pf->rf_cov}, {"RF_cons", pf->rf_cons},
             {"RF_SC_min", pf->rf_sc_min}, {"RF_SC_max", pf->rf_sc_max},
             {"RCR_typ", pf->rcr_typ}, {"RCR_dev", pf->rcr_dev}};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        fsq__json_key(j, f[i].key);
        fsq__json_number(j, f[i].v);
    }
    fsq__json_key(j, "RCC_Rank");
    fsq__json_int(j, pf->rcc_rank);
    fsq__json_key(j, "cases");
    fsq__json_begin_object(j);
    for (int c = 1; c < FSQ_ROB_NCLASSES; c++) {
        fsq__json_key(j, fsq_robust_class_key((fsq_rob_class)c));
        fsq__json_uint(j, pf->nclass[c]);
    }
    fsq__json_end_object(j);
    if (x && x->case_class) {
        /* rob.cases: the cases of each class, by class name. */
        fsq__json_key(j, "case_names");
        fsq__json_begin_object(j);
        for (int c = 1; c < FSQ_ROB_NCLASSES; c++) {
            fsq__json_key(j, fsq_robust_class_name((fsq_rob_class)c));
            fsq__json_compact(j, 1);
            fsq__json_begin_array(j);
            for (size_t i = 0; i < x->ncases; i++)
                if (x->case_class[i] == c)
                    fsq__json_string(j, x->ids[i]);
            fsq__json_end_array(j);
            fsq__json_compact(j, 0);
        }
        fsq__json_end_object(j);
    }
    if (x && x->tests && x->tests->ntests) {
        /* rob.singletest, in the order the tests were given. */
        fsq__json_key(j, "tests");
        fsq__json_begin_array(j);
        for (size_t t = 0; t < x->tests->ntests; t++) {
            fsq__json_compact(j, 1);
            fsq__json_begin_object(j);
            fsq__json_key(j, "test");
            fsq__json_string(j, x->tests->tests[t].text);
            fsq__json_key(j, "model");
            fsq__json_string(j, x->tests->tests[t].model);
            fsq__json_key(j, "SC");
            fsq__json_number(j, x->sc[t]);
            fsq__json_key(j, "RCC_Rank");
            fsq__json_int(j, x->rank[t]);
            fsq__json_end_object(j);
            fsq__json_compact(j, 0);
        }
        fsq__json_end_array(j);
    }
}

void fsq__cli_protocol_text(fsq__buf *b, const fsq_robust_fit *pf,
                            const fsq__rob_protocol_extra *x)
{
    fsq__buf_puts(b, "\n  Robustness protocol (IS vs all test solutions)\n");
    fsq__buf_printf(b, "  RF_cov %.3f  RF_cons %.3f  RF_SC_min %.3f  RF_SC_max %.3f\n",
                    pf->rf_cov, pf->rf_cons, pf->rf_sc_min, pf->rf_sc_max);
    fsq__buf_printf(b, "  RCR_typ %.3f  RCR_dev %.3f  RCC_Rank %d\n", pf->rcr_typ, pf->rcr_dev,
                    pf->rcc_rank);
    for (int c = 1; c < FSQ_ROB_NCLASSES; c++) {
        fsq__buf_printf(b, "  %-28s %-6s %zu", fsq_robust_class_name((fsq_rob_class)c),
                        fsq_robust_class_key((fsq_rob_class)c), pf->nclass[c]);
        size_t shown = 0;
        for (size_t i = 0; x && x->case_class && i < x->ncases; i++)
            if (x->case_class[i] == c && shown++ < 20)
                fsq__buf_printf(b, "%s%s", shown == 1 ? "  " : ", ", x->ids[i]);
        fsq__buf_puts(b, shown > 20 ? ", ...\n" : "\n");
    }
    if (x && x->tests && x->tests->ntests) {
        fsq__buf_puts(b, "\n  Test solutions one by one (rob.singletest)\n");
        fsq__buf_printf(b, "  %4s  %6s  %8s  %s\n", "", "SC", "RCC_Rank", "test: model");
        for (size_t t = 0; t < x->tests->ntests; t++)
            fsq__buf_printf(b, "  TS%-2zu  %6.3f  %8d  %s: %s\n", t + 1, x->sc[t], x->rank[t],
                            x->tests->tests[t].text, x->tests->tests[t].model);
    }
}
