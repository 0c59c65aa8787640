/* Streaming robustness runs: pieces in replicate order, shards, block
 * interleaves, stops, the merge.
 *
 * Oracles: the per-replicate accessors of a run that keeps every replicate
 * (keep = 1), from which this test counts models and terms and computes R's
 * type-7 quantiles itself; the documented shard formula
 * [floor((I-1) R / N), floor(I R / N)) and block size clamp(ceil(R/64), 8,
 * 4096), evaluated here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static const char *const sv_vars[] = {"TF", "AD", "AG", "RB", "CF", "DSO"};
static const char *const sv_conds[] = {"TF", "AD", "AG", "RB", "CF"};

/* The shipped survey, every scale calibrated e=2, c=4.5, i=6; incl.cut 0.8. */
static fsq_tt *survey_tt(void)
{
    fsq_data *d = NULL;
    fsq_csv_options co = FSQ_CSV_OPTIONS_INIT;
    ck_assert_msg(fsq_data_read_csv(&d, FSQCA_SOURCE_DIR "/datasets/survey.csv", &co) == 0, "%s",
                  fsq_last_error());
    size_t n = fsq_data_ncases(d);
    double th[3] = {2, 4.5, 6}, *v = malloc(n * sizeof *v);
    fsq_calib_options cal = FSQ_CALIB_OPTIONS_INIT;
    cal.thresholds = th;
    cal.nthresholds = 3;
    for (size_t j = 0; j < 6; j++) {
        long c = fsq_data_find_var(d, sv_vars[j]);
        ck_assert_int_ge(c, 0);
        ck_assert_int_eq(fsq_calibrate(fsq_data_column(d, (size_t)c), n, &cal, v), 0);
        ck_assert_int_eq(fsq_data_set_column(d, sv_vars[j], v), 0);
    }
    free(v);
    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    to.incl_cut1 = 0.8;
    fsq_tt *tt = NULL;
    ck_assert_int_eq(fsq_tt_build(&tt, d, "DSO", sv_conds, 5, &to), 0);
    fsq_data_free(d);
    return tt;
}

/* A sink keeping every piece's range and lines. */
typedef struct {
    size_t n, lo[4096], hi[4096], nts[4096];
    char *lines;
    size_t len;
    size_t stop_after; /* pieces; 0 = never */
} pieces;

static int collect(void *ctx, const fsq_robust_run *run, const fsq_robust_piece *p)
{
    pieces *c = ctx;
    (void)run;
    ck_assert_uint_lt(c->n, 4096);
    c->lo[c->n] = p->lo;
    c->hi[c->n] = p->hi;
    c->nts[c->n++] = p->nts;
    c->lines = realloc(c->lines, c->len + p->len + 1);
    memcpy(c->lines + c->len, p->lines, p->len);
    c->len += p->len;
    c->lines[c->len] = '\0';
    return 0;
}

static void pieces_free(pieces *c)
{
    free(c->lines);
    free(c);
}

static int stop_when(void *ctx)
{
    const pieces *c = ctx;
    return c->stop_after && c->n >= c->stop_after;
}

static fsq_robust_run *bootstrap(const fsq_tt *tt, size_t B, int keep, int threads, pieces *c,
                                 size_t shard, size_t nshards, size_t stride, size_t offset)
{
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    fsq_robust_piece_sink sink = {collect, c};
    o.replicates = B;
    o.seed = 17;
    o.threads = threads;
    o.keep = keep;
    o.shard = shard;
    o.nshards = nshards;
    o.block_stride = stride;
    o.block_offset = offset;
    if (c) {
        o.sink = &sink;
        o.stop = stop_when;
        o.stop_ctx = c;
    }
    fsq_robust_run *run = NULL;
    ck_assert_msg(fsq_robust_resample(&run, tt, &o) == 0, "%s", fsq_last_error());
    return run;
}

static size_t block_of(size_t R)
{
    size_t b = (R + 63) / 64;
    return b < 8 ? 8 : b > 4096 ? 4096 : b;
}

/* lines holds exactly the kept run's lines of replicates [lo, hi). */
static void expect_lines(const fsq_robust_run *kept, const char *lines, size_t lo, size_t hi)
{
    const char *p = lines;
    for (size_t r = lo; r < hi; r++) {
        char *line = NULL;
        size_t len = 0;
        ck_assert_int_eq(fsq_robust_run_replicate_json(kept, r, &line, &len), 0);
        ck_assert_msg(strncmp(p, line, len) == 0 && p[len] == '\n', "replicate %zu differs", r);
        p += len + 1;
        free(line);
    }
    ck_assert_int_eq(*p, '\0');
}

/* R's type-7 quantile of sorted v[0..n-1] (Hyndman & Fan's definition 7). */
static double q7(const double *v, size_t n, double prob)
{
    double h = (double)(n - 1) * prob;
    size_t lo = (size_t)floor(h);
    return lo + 1 >= n ? v[n - 1] : v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]);
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The summary s equals counts and quantiles computed here from the kept
 * run's accessors. */
static void expect_summary_of(const fsq_robust_summary *s, const fsq_robust_run *kept)
{
    size_t R = fsq_robust_run_nreplicates(kept), nsolved = 0, none = 0;
    double *incl = malloc(R * sizeof *incl);
    for (size_t r = 0; r < R; r++) {
        if (fsq_robust_run_nsolutions(kept, r) == 0) {
            none++;
            continue;
        }
        double pri, cov;
        fsq_robust_run_fit(kept, r, 0, &incl[nsolved++], &pri, &cov);
    }
    ck_assert_uint_eq(s->nreplicates, R);
    ck_assert_uint_eq(s->no_solution.count, none);
    for (size_t m = 0; m < s->nmodels; m++) {
        size_t count = 0;
        for (size_t r = 0; r < R; r++)
            for (size_t i = 0; i < fsq_robust_run_nsolutions(kept, r); i++)
                if (strcmp(fsq_robust_run_solution(kept, r, i), s->models[m].text) == 0) {
                    count++;
                    break;
                }
        ck_assert_uint_eq(s->models[m].count, count);
    }
    qsort(incl, nsolved, sizeof *incl, cmp_d);
    ck_assert(s->incl_q[0] == q7(incl, nsolved, 0.025));
    ck_assert(s->incl_q[1] == q7(incl, nsolved, 0.5));
    ck_assert(s->incl_q[2] == q7(incl, nsolved, 0.975));
    free(incl);
}

/* Pieces arrive in replicate order, never straddle a block, and their
 * lines are the kept replicates' JSON lines. */
START_TEST(test_robust_stream__pieces_are_the_kept_lines_in_order)
{
    fsq_tt *tt = survey_tt();
    pieces *c = calloc(1, sizeof *c);
    const size_t R = 300, B = block_of(R);
    ck_assert_uint_eq(fsq_robust_block_size(R), B);
    fsq_robust_run *run = bootstrap(tt, R, 1, 2, c, 0, 0, 0, 0);
    size_t pos = 0;
    for (size_t i = 0; i < c->n; i++) {
        ck_assert_uint_eq(c->lo[i], pos);
        ck_assert_uint_eq(c->lo[i] / B, (c->hi[i] - 1) / B);
        pos = c->hi[i];
    }
    ck_assert_uint_eq(pos, R);
    expect_lines(run, c->lines, 0, R);
    printf("robust_stream: %zu pieces of <= %zu replicates, lines == kept replicates\n", c->n, B);
    fsq_robust_run_free(run);
    pieces_free(c);
    fsq_tt_free(tt);
}
END_TEST

/* Without keep (bounded memory) the summary is the kept run's, computed
 * independently here; so is a merge of the pieces (parsed back from their
 * lines); a piece out of order or repeated is refused. */
START_TEST(test_robust_stream__streamed_and_merged_summaries_match_brute_force)
{
    fsq_tt *tt = survey_tt();
    const size_t R = 240;
    fsq_robust_run *kept = bootstrap(tt, R, 1, 1, NULL, 0, 0, 0, 0);
    pieces *c = calloc(1, sizeof *c);
    fsq_robust_run *streamed = bootstrap(tt, R, 0, 2, c, 0, 0, 0, 0);
    expect_summary_of(fsq_robust_run_summary(streamed), kept);
    expect_summary_of(fsq_robust_run_summary(kept), kept);

    fsq_robust_merge *m = NULL;
    char *hdr = NULL;
    size_t hlen = 0;
    ck_assert_int_eq(fsq_robust_merge_new(&m, NULL, 0), 0);
    ck_assert_int_eq(fsq_robust_run_stream_header(streamed, "test", &hdr, &hlen), 0);
    ck_assert_int_eq(fsq_robust_merge_header(m, hdr, hlen, "test"), 0);
    const char *p = c->lines;
    for (size_t i = 0; i < c->n; i++) {
        size_t len = 0;
        for (size_t r = c->lo[i]; r < c->hi[i]; r++)
            len += strcspn(p + len, "\n") + 1;
        fsq_robust_piece pc = {c->lo[i], c->hi[i], p, len, 0, fsq_tt_ncases(tt), NULL, NULL};
        if (i == 1) {
            fsq_robust_piece later = pc;
            later.lo += 1000;
            later.hi += 1000;
            ck_assert_int_eq(fsq_robust_merge_piece(m, &later, "later"), FSQ_EINPUT);
        }
        ck_assert_msg(fsq_robust_merge_piece(m, &pc, "test") == 0, "%s", fsq_last_error());
        if (i == 1)
            ck_assert_int_eq(fsq_robust_merge_piece(m, &pc, "again"), FSQ_EINPUT);
        p += len;
    }
    fsq_robust_run *merged = NULL;
    ck_assert_msg(fsq_robust_merge_finish(m, &merged) == 0, "%s", fsq_last_error());
    expect_summary_of(fsq_robust_run_summary(merged), kept);
    printf("robust_stream: streamed and merged summaries of %zu replicates == brute force\n", R);
    fsq_robust_merge_free(m);
    free(hdr);
    fsq_robust_run_free(merged);
    fsq_robust_run_free(streamed);
    fsq_robust_run_free(kept);
    pieces_free(c);
    fsq_tt_free(tt);
}
END_TEST

/* Shard I of N computes exactly [floor((I-1) R / N), floor(I R / N)), with
 * the lines of the whole run (loop index = I - 1, N = 7). */
START_TEST(test_robust_stream__shards_follow_the_formula)
{
    fsq_tt *tt = survey_tt();
    const size_t R = 100, N = 7, I = (size_t)_i + 1;
    fsq_robust_run *kept = bootstrap(tt, R, 1, 1, NULL, 0, 0, 0, 0);
    pieces *c = calloc(1, sizeof *c);
    fsq_robust_run *part = bootstrap(tt, R, 0, 2, c, I, N, 0, 0);
    size_t lo, hi, from, want_lo = (I - 1) * R / N, want_hi = I * R / N;
    fsq_robust_run_range(part, &lo, &hi, &from);
    ck_assert_uint_eq(lo, want_lo);
    ck_assert_uint_eq(hi, want_hi);
    ck_assert_uint_eq(c->n ? c->lo[0] : lo, want_lo);
    ck_assert_uint_eq(c->n ? c->hi[c->n - 1] : hi, want_hi);
    expect_lines(kept, c->lines ? c->lines : "", want_lo, want_hi);
    fsq_robust_run_free(part);
    fsq_robust_run_free(kept);
    pieces_free(c);
    fsq_tt_free(tt);
}
END_TEST

/* A block interleave (stride 3, offset 1) computes exactly the blocks
 * b = 1 mod 3, whole. */
START_TEST(test_robust_stream__interleave_takes_every_third_block)
{
    fsq_tt *tt = survey_tt();
    const size_t R = 200, B = block_of(R);
    pieces *c = calloc(1, sizeof *c);
    fsq_robust_run *run = bootstrap(tt, R, 1, 2, c, 0, 0, 3, 1);
    size_t k = 0;
    for (size_t b = 1; b * B < R; b += 3, k++) {
        ck_assert_uint_lt(k, c->n);
        ck_assert_uint_eq(c->lo[k], b * B);
        ck_assert_uint_eq(c->hi[k], (b + 1) * B < R ? (b + 1) * B : R);
    }
    ck_assert_uint_eq(c->n, k);
    fsq_robust_run_free(run);
    pieces_free(c);
    fsq_tt_free(tt);
}
END_TEST

/* A stop request ends the run with FSQ_ELIMIT after handing on a prefix. */
START_TEST(test_robust_stream__stop_hands_on_a_prefix)
{
    fsq_tt *tt = survey_tt();
    pieces *c = calloc(1, sizeof *c);
    c->stop_after = 2;
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    fsq_robust_piece_sink sink = {collect, c};
    o.replicates = 400;
    o.seed = 17;
    o.threads = 2;
    o.keep = 0;
    o.sink = &sink;
    o.stop = stop_when;
    o.stop_ctx = c;
    fsq_robust_run *run = NULL;
    ck_assert_int_eq(fsq_robust_resample(&run, tt, &o), FSQ_ELIMIT);
    ck_assert(strstr(fsq_last_error(), "interrupted") != NULL);
    ck_assert_uint_ge(c->n, 2);
    size_t pos = 0;
    for (size_t i = 0; i < c->n; i++) {
        ck_assert_uint_eq(c->lo[i], pos);
        pos = c->hi[i];
    }
    ck_assert_uint_lt(pos, 400);
    pieces_free(c);
    fsq_tt_free(tt);
}
END_TEST

/* A piece whose zstd frame declares more than any frame of its size can
 * hold (no block expands more than 32,768 times: an RLE block holds
 * 128 KiB in 4 bytes) is corrupt, said before anything that large is
 * allocated: the fuzzer's input of 794 bytes declared 16 GiB. */
START_TEST(test_robust_stream__frame_declaring_too_much_is_corrupt)
{
    const char *path = FSQCA_SOURCE_DIR "/tests/fuzz/regressions/merge/piece_declares_16gb.zst";
    fsq_robust_stream_info info;
    ck_assert_int_eq(fsq_robust_stream_info_read(path, &info), FSQ_EINPUT);
    const char *msg = fsq_last_error(), *at = strstr(msg, "corrupt zstd frame at byte ");
    ck_assert_msg(at != NULL, "%s", msg);
    long byte = 0;
    unsigned long long declared = 0;
    size_t csize = 0;
    ck_assert_msg(sscanf(at, "corrupt zstd frame at byte %ld: it declares %llu bytes in %zu", &byte,
                         &declared, &csize) == 3,
                  "%s", msg);
    ck_assert_msg(byte > 0 && csize > 0 && csize < 794 && declared > 32768ull * csize, "%s", msg);
}
END_TEST

static Suite *fsq_robust_stream_suite(void)
{
    Suite *s = suite_create("robust_stream");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_robust_stream__pieces_are_the_kept_lines_in_order);
    tcase_add_test(tc, test_robust_stream__streamed_and_merged_summaries_match_brute_force);
    tcase_add_loop_test(tc, test_robust_stream__shards_follow_the_formula, 0, 7);
    tcase_add_test(tc, test_robust_stream__interleave_takes_every_third_block);
    tcase_add_test(tc, test_robust_stream__stop_hands_on_a_prefix);
    tcase_add_test(tc, test_robust_stream__frame_declaring_too_much_is_corrupt);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_robust_stream_suite());
}
