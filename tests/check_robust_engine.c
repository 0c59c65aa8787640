/* Robustness runs: resampling, sweeps, summaries, the replicate stream.
 *
 * Oracles: the ordinary path (a CSV written without the left-out case, or
 * with every case repeated by its multiplicity, parsed, fsq_tt_build,
 * fsq_minimize), values worked by hand for a small crisp table, and the zstd
 * library itself for the stream. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#include "common/buf.h"
#include "robust/engine.h"
#include "robust/resample.h"
#include "test_util.h"

/* A data set held as columns, written out as CSV on demand. */
typedef struct {
    size_t n, nvars;
    char **ids;
    char **names;
    double **cols;
} table;

static void table_free(table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->ids[i]);
    for (size_t v = 0; v < t->nvars; v++) {
        free(t->names[v]);
        free(t->cols[v]);
    }
    free(t->ids);
    free(t->names);
    free(t->cols);
}

/* Copies the named numeric columns of d. */
static void table_from(table *t, const fsq_data *d, const char *const *names, size_t nvars)
{
    t->n = fsq_data_ncases(d);
    t->nvars = nvars;
    t->ids = calloc(t->n, sizeof *t->ids);
    t->names = calloc(nvars, sizeof *t->names);
    t->cols = calloc(nvars, sizeof *t->cols);
    for (size_t i = 0; i < t->n; i++)
        t->ids[i] = strdup(fsq_data_case_id(d, i));
    for (size_t v = 0; v < nvars; v++) {
        long c = fsq_data_find_var(d, names[v]);
        ck_assert_int_ge(c, 0);
        t->names[v] = strdup(names[v]);
        t->cols[v] = malloc(t->n * sizeof(double));
        memcpy(t->cols[v], fsq_data_column(d, (size_t)c), t->n * sizeof(double));
    }
}

/* CSV of the table with case i repeated mult[i] times (NULL: once each);
 * %.17g keeps every membership exact. */
static fsq_data *table_data(const table *t, const uint32_t *mult)
{
    fsq__buf b = FSQ__BUF_INIT;
    fsq__buf_puts(&b, "id");
    for (size_t v = 0; v < t->nvars; v++)
        fsq__buf_printf(&b, ",%s", t->names[v]);
    fsq__buf_putc(&b, '\n');
    for (size_t i = 0; i < t->n; i++)
        for (uint32_t m = 0; m < (mult ? mult[i] : 1); m++) {
            fsq__buf_printf(&b, "%s_%u", t->ids[i], m);
            for (size_t v = 0; v < t->nvars; v++)
                fsq__buf_printf(&b, ",%.17g", t->cols[v][i]);
            fsq__buf_putc(&b, '\n');
        }
    fsq_data *d = NULL;
    fsq_csv_options co = FSQ_CSV_OPTIONS_INIT;
    int rc = fsq_data_parse_csv(&d, fsq__buf_str(&b), b.len, "generated.csv", &co);
    ck_assert_msg(rc == 0, "parse: %s", fsq_last_error());
    fsq__buf_free(&b);
    return d;
}

/* The ordinary path on a data set: its models and fits, or none. */
typedef struct {
    int status;
    size_t nsol;
    char *text[64];
    double fit[64][3];
} plain_result;

static void plain_solve(plain_result *p, const fsq_data *d, const char *outcome,
                        const char *const *conds, size_t k, const fsq_tt_options *to,
                        const fsq_min_options *mo)
{
    fsq_tt *tt = NULL;
    fsq_min *min = NULL;
    memset(p, 0, sizeof *p);
    ck_assert_msg(fsq_tt_build(&tt, d, outcome, conds, k, to) == 0, "%s", fsq_last_error());
    p->status = fsq_minimize(&min, tt, mo);
    ck_assert_msg(p->status == 0 || p->status == FSQ_ENOSOLUTION, "%s", fsq_last_error());
    if (p->status == 0) {
        p->nsol = fsq_min_nsolutions(min);
        ck_assert_uint_le(p->nsol, 64);
        for (size_t i = 0; i < p->nsol; i++) {
            p->text[i] = fsq_min_solution_text(min, i);
            fsq_min_solution_fit(min, i, &p->fit[i][0], &p->fit[i][1], &p->fit[i][2]);
        }
    }
    fsq_min_free(min);
    fsq_tt_free(tt);
}

static void plain_free(plain_result *p)
{
    for (size_t i = 0; i < p->nsol; i++)
        free(p->text[i]);
}

static void assert_same(const fsq_robust_run *run, size_t r, const plain_result *p, double tol)
{
    ck_assert_int_eq(fsq_robust_run_status(run, r), p->status);
    ck_assert_uint_eq(fsq_robust_run_nsolutions(run, r), p->nsol);
    for (size_t i = 0; i < p->nsol; i++) {
        ck_assert_str_eq(fsq_robust_run_solution(run, r, i), p->text[i]);
        double f[3];
        fsq_robust_run_fit(run, r, i, &f[0], &f[1], &f[2]);
        for (int q = 0; q < 3; q++)
            ck_assert_msg(fsq_test_close(f[q], p->fit[i][q], tol),
                          "replicate %zu model %zu fit %d: %.17g vs %.17g", r, i, q, f[q],
                          p->fit[i][q]);
    }
}

/* LF (Lipset's survival data, fuzzy): 18 cases, 5 conditions. */
static const char *const lf_conds[] = {"DEV", "URB", "LIT", "IND", "STB"};
static const char *const lf_vars[] = {"DEV", "URB", "LIT", "IND", "STB", "SURV"};
static const char *const ones[] = {"1", "1", "1", "1", "1"};

static int load_lf(table *t)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared)
        return 0;
    char path[1024];
    snprintf(path, sizeof path, "%s/datasets/qca/LF.csv", shared);
    fsq_data *d = NULL;
    fsq_csv_options co = FSQ_CSV_OPTIONS_INIT;
    ck_assert_msg(fsq_data_read_csv(&d, path, &co) == 0, "%s", fsq_last_error());
    table_from(t, d, lf_vars, 6);
    fsq_data_free(d);
    return 1;
}

/* The jackknife equals leave-one-out data sets through the ordinary path,
 * for each solution type (loop index = fsq_solution_type). */
START_TEST(test_robust__jackknife_matches_leave_one_out_loop)
{
    table t;
    if (!load_lf(&t)) {
        printf("robust: ../shared absent, jackknife reference skipped\n");
        return;
    }
    fsq_data *full = table_data(&t, NULL);
    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    to.incl_cut1 = 0.8;
    fsq_tt *tt = NULL;
    ck_assert_int_eq(fsq_tt_build(&tt, full, "SURV", lf_conds, 5, &to), 0);
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    o.scheme = FSQ_ROBUST_JACKKNIFE;
    o.min.type = (fsq_solution_type)_i;
    if (_i == FSQ_INTERMEDIATE) {
        o.min.dir_exp = ones;
        o.min.ndir_exp = 5;
    }
    o.threads = 2;
    fsq_robust_run *run = NULL;
    ck_assert_msg(fsq_robust_resample(&run, tt, &o) == 0, "%s", fsq_last_error());
    ck_assert_uint_eq(fsq_robust_run_nreplicates(run), t.n);
    uint32_t *mult = malloc(t.n * sizeof *mult);
    for (size_t r = 0; r < t.n; r++) {
        for (size_t i = 0; i < t.n; i++)
            mult[i] = i != r;
        fsq_data *d = table_data(&t, mult);
        plain_result p;
        fsq_min_options mo = o.min;
        plain_solve(&p, d, "SURV", lf_conds, 5, &to, &mo);
        assert_same(run, r, &p, 1e-12);
        plain_free(&p);
        fsq_data_free(d);
    }
    printf("robust: jackknife type %d: %zu leave-one-out replicates checked (%zu reused)\n",
           _i, t.n, fsq_robust_run_nreused(run));
    free(mult);
    fsq_robust_run_free(run);
    fsq_tt_free(tt);
    fsq_data_free(full);
    table_free(&t);
}
END_TEST

/* The shipped survey data calibrated as DESIGN's example (e=2, c=4.5, i=6). */
static const char *const sv_conds[] = {"TF", "AD", "AG", "RB", "CF"};
static const char *const sv_vars[] = {"TF", "AD", "AG", "RB", "CF", "DSO"};

static fsq_data *load_survey(void)
{
    fsq_data *d = NULL;
    fsq_csv_options co = FSQ_CSV_OPTIONS_INIT;
    ck_assert_msg(fsq_data_read_csv(&d, FSQCA_SOURCE_DIR "/datasets/survey.csv", &co) == 0, "%s",
                  fsq_last_error());
    double th[3] = {2, 4.5, 6};
    fsq_calib_options cal = FSQ_CALIB_OPTIONS_INIT;
    cal.nthresholds = 3;
    cal.thresholds = th;
    size_t n = fsq_data_ncases(d);
    double *v = malloc(n * sizeof *v);
    for (size_t j = 0; j < 6; j++) {
        long c = fsq_data_find_var(d, sv_vars[j]);
        ck_assert_int_ge(c, 0);
        ck_assert_int_eq(fsq_calibrate(fsq_data_column(d, (size_t)c), n, &cal, v), 0);
        ck_assert_int_eq(fsq_data_set_column(d, sv_vars[j], v), 0);
    }
    free(v);
    return d;
}

static char *all_lines(const fsq_robust_run *run)
{
    fsq__buf b = FSQ__BUF_INIT;
    for (size_t r = 0; r < fsq_robust_run_nreplicates(run); r++) {
        char *line;
        size_t len;
        ck_assert_int_eq(fsq_robust_run_replicate_json(run, r, &line, &len), 0);
        fsq__buf_append(&b, line, len);
        fsq__buf_putc(&b, '\n');
        free(line);
    }
    return fsq__buf_detach(&b, NULL);
}

static fsq_robust_run *survey_bootstrap(const fsq_tt *tt, int threads, int reuse, size_t B)
{
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    o.replicates = B;
    o.seed = 20240601;
    o.threads = threads;
    o.reuse = reuse;
    fsq_robust_run *run = NULL;
    ck_assert_msg(fsq_robust_resample(&run, tt, &o) == 0, "%s", fsq_last_error());
    return run;
}

static fsq_tt *survey_tt(fsq_data **d)
{
    *d = load_survey();
    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    to.incl_cut1 = 0.8;
    fsq_tt *tt = NULL;
    ck_assert_msg(fsq_tt_build(&tt, *d, "DSO", sv_conds, 5, &to) == 0, "%s", fsq_last_error());
    return tt;
}

/* Fixed seed: the stream is byte-identical for 1 and 2 threads, across
 * runs, and with or without reuse of identical tables. */
START_TEST(test_robust__bootstrap_identical_for_any_threads)
{
    fsq_data *d;
    fsq_tt *tt = survey_tt(&d);
    fsq_robust_run *a = survey_bootstrap(tt, 1, 1, 300), *b = survey_bootstrap(tt, 2, 1, 300),
                   *c = survey_bootstrap(tt, 2, 1, 300), *e = survey_bootstrap(tt, 2, 0, 300);
    char *la = all_lines(a), *lb = all_lines(b), *lc = all_lines(c), *le = all_lines(e);
    ck_assert_str_eq(la, lb);
    ck_assert_str_eq(lb, lc);
    ck_assert_str_eq(la, le);
    ck_assert_uint_eq(fsq_robust_run_nreused(e), 0);
    printf("robust: bootstrap 300 replicates identical for 1/2 threads, two runs, reuse on/off "
           "(%zu reused with 1 thread)\n", fsq_robust_run_nreused(a));
    free(la);
    free(lb);
    free(lc);
    free(le);
    fsq_robust_run_free(a);
    fsq_robust_run_free(b);
    fsq_robust_run_free(c);
    fsq_robust_run_free(e);
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

/* Bootstrap replicates equal the resampled data (case i written mult[i]
 * times) through the ordinary path; the multiplicities come from the
 * documented generator (seed, r). */
START_TEST(test_robust__bootstrap_matches_resampled_data)
{
    fsq_data *d;
    fsq_tt *tt = survey_tt(&d);
    fsq_robust_run *run = survey_bootstrap(tt, 2, 1, 40);
    table t;
    table_from(&t, d, sv_vars, 6);
    uint32_t *mult = malloc(t.n * sizeof *mult);
    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    to.incl_cut1 = 0.8;
    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
    mo.type = FSQ_PARSIMONIOUS;
    for (size_t r = 0; r < 40; r++) {
        ck_assert_int_eq(fsq__resample_bootstrap(mult, t.n, 20240601, r), 0);
        fsq_data *rd = table_data(&t, mult);
        plain_result p;
        plain_solve(&p, rd, "DSO", sv_conds, 5, &to, &mo);
        /* Repeated cases are summed twice instead of weighted by 2: the
         * same numbers up to rounding. */
        assert_same(run, r, &p, 1e-10);
        plain_free(&p);
        fsq_data_free(rd);
    }
    printf("robust: 40 bootstrap replicates of survey match the resampled data\n");
    free(mult);
    table_free(&t);
    fsq_robust_run_free(run);
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

/* The zstd stream decodes with libzstd into one line per replicate, each
 * the replicate's JSON. */
START_TEST(test_robust__stream_decodes_one_line_per_replicate)
{
    fsq_data *d;
    fsq_tt *tt = survey_tt(&d);
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    o.scheme = FSQ_ROBUST_LEAVE_K_OUT;
    o.leave_out = 1;
    o.threads = 2;
    fsq_robust_run *run = NULL;
    ck_assert_int_eq(fsq_robust_resample(&run, tt, &o), 0);
    char path[] = "/tmp/fsq_robust_streamXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_msg(fsq__rob_write_replicates(run, path, 3) == 0, "%s", fsq_last_error());
    size_t clen;
    char *comp = fsq_test_read_file(path, &clen);
    ck_assert_ptr_nonnull(comp);
    ZSTD_DStream *ds = ZSTD_createDStream();
    fsq__buf plain = FSQ__BUF_INIT;
    char chunk[65536];
    ZSTD_inBuffer in = {comp, clen, 0};
    while (in.pos < in.size) {
        ZSTD_outBuffer out = {chunk, sizeof chunk, 0};
        size_t ret = ZSTD_decompressStream(ds, &out, &in);
        ck_assert_msg(!ZSTD_isError(ret), "%s", ZSTD_getErrorName(ret));
        fsq__buf_append(&plain, chunk, out.pos);
    }
    ZSTD_freeDStream(ds);
    char *expect = all_lines(run);
    ck_assert_str_eq(fsq__buf_str(&plain), expect);
    size_t lines = 0;
    for (size_t i = 0; i < plain.len; i++)
        lines += plain.data[i] == '\n';
    ck_assert_uint_eq(lines, fsq_robust_run_nreplicates(run));
    /* Leave-1-out replicate 3 leaves out the fourth case. */
    char *l3;
    ck_assert_int_eq(fsq_robust_run_replicate_json(run, 3, &l3, NULL), 0);
    char want[64];
    snprintf(want, sizeof want, "\"left_out\":[\"%s\"]", fsq_data_case_id(d, 3));
    ck_assert_ptr_nonnull(strstr(l3, want));
    printf("robust: zstd stream of %zu replicates decoded\n", lines);
    free(l3);
    free(expect);
    fsq__buf_free(&plain);
    free(comp);
    unlink(path);
    fsq_robust_run_free(run);
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

/* A crisp table worked by hand (conditions A, B; outcome Y):
 *   row AB=11: 4 cases, Y 1,1,1,1   incl 1.00
 *   row AB=10: 4 cases, Y 1,1,1,0   incl 0.75
 *   row AB=01: 4 cases, Y 1,0,0,0   incl 0.25
 *   row AB=00: 2 cases, Y 0,0       incl 0
 * Parsimonious solutions: incl.cut in (0.75, 1]: ON {11} -> A*B;
 * (0.25, 0.75]: ON {11, 10}, OFF {01, 00} -> A; (0, 0.25]: OFF {00} -> A + B.
 * At incl.cut 0.8: n.cut 1..4 keeps A*B (n.cut 3, 4 make 00 a remainder, and
 * 11 still differs from 10 and 01 in one condition each), n.cut 5 leaves no
 * positive row; PRI equals incl for crisp rows, so every pri.cut in [0, 1]
 * keeps row 11 (PRI 1) positive. */
static fsq_tt *hand_tt(fsq_data **d)
{
    static const char csv[] = "id,A,B,Y\n"
                              "a1,1,1,1\na2,1,1,1\na3,1,1,1\na4,1,1,1\n"
                              "b1,1,0,1\nb2,1,0,1\nb3,1,0,1\nb4,1,0,0\n"
                              "c1,0,1,1\nc2,0,1,0\nc3,0,1,0\nc4,0,1,0\n"
                              "d1,0,0,0\nd2,0,0,0\n";
    fsq_csv_options co = FSQ_CSV_OPTIONS_INIT;
    ck_assert_int_eq(fsq_data_parse_csv(d, csv, sizeof csv - 1, "hand.csv", &co), 0);
    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    to.incl_cut1 = 0.8;
    fsq_tt *tt = NULL;
    ck_assert_int_eq(fsq_tt_build(&tt, *d, "Y", NULL, 0, &to), 0);
    return tt;
}

START_TEST(test_robust__sweep_ranges_by_hand)
{
    fsq_data *d;
    fsq_tt *tt = hand_tt(&d);
    double incl[11];
    for (int i = 0; i <= 10; i++)
        incl[i] = 0.5 + 0.05 * i; /* 0.50 .. 1.00 */
    size_t ncut[5] = {1, 2, 3, 4, 5};
    double pri[5] = {0, 0.25, 0.5, 0.75, 1};
    fsq_robust_grid g = {incl, 11, ncut, 5, pri, 5};
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    o.threads = 2;
    fsq_robust_run *run = NULL;
    ck_assert_msg(fsq_robust_sweep_cuts(&run, tt, &g, &o) == 0, "%s", fsq_last_error());
    ck_assert_uint_eq(fsq_robust_run_nreplicates(run), 11 * 5 * 5);
    ck_assert_str_eq(fsq_robust_run_initial(run, 0), "A*B");
    const fsq_robust_summary *s = fsq_robust_run_summary(run);
    ck_assert_uint_eq(s->nranges, 3);
    ck_assert_str_eq(s->ranges[0].name, "incl_cut");
    ck_assert(s->ranges[0].defined);
    ck_assert(fsq_test_close(s->ranges[0].lo, 0.8, 1e-12));
    ck_assert(fsq_test_close(s->ranges[0].hi, 1.0, 1e-12));
    ck_assert(s->ranges[1].defined);
    ck_assert(fsq_test_close(s->ranges[1].lo, 1, 0) && fsq_test_close(s->ranges[1].hi, 4, 0));
    ck_assert(s->ranges[2].defined);
    ck_assert(fsq_test_close(s->ranges[2].lo, 0, 0) && fsq_test_close(s->ranges[2].hi, 1, 0));
    /* Point (incl 0.75, n.cut 1, pri 0) = r (5 * 5 + 0) * 5 + 0 gives A. */
    ck_assert_str_eq(fsq_robust_run_solution(run, (5 * 5 + 0) * 5, 0), "A");
    /* n.cut 5: no solution, for each of 11 x 5 (incl, pri) points. */
    ck_assert_uint_eq(s->no_solution.count, 11 * 5);
    fsq_robust_run_free(run);
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

/* Shares on the hand table with incl.cut in {0.2, 0.5, 0.8, 0.9}: models
 * A + B, A, A*B, A*B. Y has 8 members of 14 cases.
 *   A + B: cases of rows 11, 10, 01: 12, of which 8 in Y: incl 2/3, cov 1
 *   A:     8 cases, 7 in Y: incl 7/8, cov 7/8
 *   A*B:   4 cases, 4 in Y: incl 1, cov 1/2
 * incl sorted 2/3, 7/8, 1, 1: R's type-7 quantiles: 2.5% = 2/3 + 0.075 *
 * (7/8 - 2/3) = 0.68229166..., 50% = 7/8 + 0.5 * 1/8 = 0.9375, 97.5% = 1.
 * cov sorted 1/2, 1/2, 7/8, 1: 2.5% = 1/2, 50% = 0.6875, 97.5% = 7/8 +
 * 0.925 * 1/8 = 0.990625.
 * Wilson 95% for 2 of 4 (z = 1.959963984540054): centre 0.5, half width
 * z / (1 + z^2/4) * sqrt(1/16 + z^2/64) = 0.3499610..., so
 * [0.1500390, 0.8499610]; for 1 of 4 (term B): [0.0455873, 0.6993582]. */
START_TEST(test_robust__summary_shares_by_hand)
{
    fsq_data *d;
    fsq_tt *tt = hand_tt(&d);
    double incl[4] = {0.9, 0.2, 0.5, 0.8};
    fsq_robust_grid g = {incl, 4, NULL, 0, NULL, 0};
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    o.threads = 1;
    fsq_robust_run *run = NULL;
    ck_assert_int_eq(fsq_robust_sweep_cuts(&run, tt, &g, &o), 0);
    const fsq_robust_summary *s = fsq_robust_run_summary(run);
    ck_assert_uint_eq(s->nreplicates, 4);
    ck_assert_uint_eq(s->no_solution.count, 0);
    ck_assert_uint_eq(s->nmodels, 3);
    ck_assert_str_eq(s->models[0].text, "A*B");
    ck_assert_uint_eq(s->models[0].count, 2);
    ck_assert(fsq_test_close(s->models[0].share, 0.5, 1e-15));
    ck_assert(fsq_test_close(s->models[0].lo, 0.1500390, 1e-6));
    ck_assert(fsq_test_close(s->models[0].hi, 0.8499610, 1e-6));
    /* Terms: A (2), A*B (2), B (1); ties in text order. */
    ck_assert_uint_eq(s->nterms, 3);
    ck_assert_str_eq(s->terms[0].text, "A");
    ck_assert_uint_eq(s->terms[0].count, 2);
    ck_assert_str_eq(s->terms[1].text, "A*B");
    ck_assert_str_eq(s->terms[2].text, "B");
    ck_assert(fsq_test_close(s->terms[2].lo, 0.0455873, 1e-6));
    ck_assert(fsq_test_close(s->terms[2].hi, 0.6993582, 1e-6));
    ck_assert(fsq_test_close(s->incl_q[0], 2.0 / 3 + 0.075 * (7.0 / 8 - 2.0 / 3), 1e-12));
    ck_assert(fsq_test_close(s->incl_q[1], 0.9375, 1e-12));
    ck_assert(fsq_test_close(s->incl_q[2], 1.0, 1e-12));
    ck_assert(fsq_test_close(s->cov_q[0], 0.5, 1e-12));
    ck_assert(fsq_test_close(s->cov_q[1], 0.6875, 1e-12));
    ck_assert(fsq_test_close(s->cov_q[2], 0.990625, 1e-12));
    /* Protocol: IS = A*B (incl.cut 0.8); TS_min = A*B, TS_max = A + B. Core =
     * A*B, so RF_cov = RF_cons = 1 and RF_SC_min = 1; RF_SC_max = 4 / 12. */
    fsq_robust_fit f;
    ck_assert_int_eq(fsq_robust_run_protocol(run, &f, NULL), 0);
    ck_assert(fsq_test_close(f.rf_cov, 1, 1e-12));
    ck_assert(fsq_test_close(f.rf_cons, 1, 1e-12));
    ck_assert(fsq_test_close(f.rf_sc_min, 1, 1e-12));
    ck_assert(fsq_test_close(f.rf_sc_max, 4.0 / 12, 1e-12));
    fsq_robust_run_free(run);
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

/* Calibration sweep on survey: every point equals calibrating the data with
 * that anchor and running the ordinary path. */
START_TEST(test_robust__calibration_sweep_matches_recalibrated_data)
{
    fsq_data *raw = NULL;
    fsq_csv_options co = FSQ_CSV_OPTIONS_INIT;
    ck_assert_int_eq(fsq_data_read_csv(&raw, FSQCA_SOURCE_DIR "/datasets/survey.csv", &co), 0);
    double th[6][3];
    fsq_robust_calib cal[6];
    for (int j = 0; j < 6; j++) {
        th[j][0] = 2, th[j][1] = 4.5, th[j][2] = 6;
        fsq_calib_options c = FSQ_CALIB_OPTIONS_INIT;
        c.nthresholds = 3;
        c.thresholds = th[j];
        cal[j].column = sv_vars[j];
        cal[j].calib = c;
    }
    double values[4] = {4.0, 4.25, 4.5, 4.75};
    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    to.incl_cut1 = 0.8;
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    o.threads = 2;
    fsq_robust_run *run = NULL;
    ck_assert_msg(fsq_robust_sweep_calib(&run, raw, "DSO", sv_conds, 5, &to, cal, 6, 0, 1, values,
                                         4, &o) == 0, "%s", fsq_last_error());
    ck_assert_uint_eq(fsq_robust_run_nreplicates(run), 4);
    size_t n = fsq_data_ncases(raw);
    double *v = malloc(n * sizeof *v);
    for (size_t r = 0; r < 4; r++) {
        fsq_data *d = NULL;
        ck_assert_int_eq(fsq_data_complete_cases(&d, raw, NULL, 0, 0, NULL), 0);
        for (int j = 0; j < 6; j++) {
            double t3[3] = {2, j == 0 ? values[r] : 4.5, 6};
            fsq_calib_options c = FSQ_CALIB_OPTIONS_INIT;
            c.nthresholds = 3;
            c.thresholds = t3;
            ck_assert_int_eq(fsq_calibrate(fsq_data_column(d, (size_t)fsq_data_find_var(d,
                                           sv_vars[j])), n, &c, v), 0);
            ck_assert_int_eq(fsq_data_set_column(d, sv_vars[j], v), 0);
        }
        plain_result p;
        fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
        mo.type = FSQ_PARSIMONIOUS;
        plain_solve(&p, d, "DSO", sv_conds, 5, &to, &mo);
        assert_same(run, r, &p, 1e-12);
        plain_free(&p);
        fsq_data_free(d);
    }
    const fsq_robust_summary *s = fsq_robust_run_summary(run);
    ck_assert_uint_eq(s->nranges, 1);
    ck_assert_str_eq(s->ranges[0].name, "TF.c");
    ck_assert(fsq_test_close(s->ranges[0].given, 4.5, 0));
    printf("robust: calibration sweep TF.c: 4 points checked, range [%g, %g]\n", s->ranges[0].lo,
           s->ranges[0].hi);
    free(v);
    fsq_robust_run_free(run);
    fsq_data_free(raw);
}
END_TEST

static Suite *fsq_robust_engine_suite(void)
{
    Suite *s = suite_create("robust_engine");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, test_robust__jackknife_matches_leave_one_out_loop, 0, 3);
    tcase_add_test(tc, test_robust__bootstrap_identical_for_any_threads);
    tcase_add_test(tc, test_robust__bootstrap_matches_resampled_data);
    tcase_add_test(tc, test_robust__stream_decodes_one_line_per_replicate);
    tcase_add_test(tc, test_robust__sweep_ranges_by_hand);
    tcase_add_test(tc, test_robust__summary_shares_by_hand);
    tcase_add_test(tc, test_robust__calibration_sweep_matches_recalibrated_data);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_robust_engine_suite());
}
