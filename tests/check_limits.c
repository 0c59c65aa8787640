/* --time-limit in every phase (issue 8, item 5) and the parallel cover
 * search (item 6).
 *
 * Phases. The test hook fsq__test_expire_phase makes the clock of one named
 * phase read expired as soon as that phase starts: the phase must then stop
 * at its own clock check with FSQ_ELIMIT and a message naming the limit
 * (the caller's number, not what was left of it) and the phase, and no
 * result. A phase that never looked at its clock would run to the end and
 * the test would fail. Then a problem that is really slow (noisy crisp
 * data, parsimonious) must stop within the tolerance of the limit.
 *
 * Threads. Small random set-cover charts with the branch and bound split
 * over the threads at once (fsq__cover_serial_nodes = 0): the minimum must
 * equal an independent exhaustive search over subsets, and the minimum,
 * proof, count and listed covers must be the same on 1 and 2 threads; and
 * the whole minimization's JSON must be byte-identical on 1 and 2 threads. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "cover/cover.h"
#include "test_util.h"

static uint64_t rng(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Crisp data, N cases, k conditions, outcome C1*C2 + ~C3*C4 + C5*~C6*C7
 * with `flip_pct` percent of the outcomes flipped (the data of issue 8). */
static fsq_data *noisy_data(size_t k, size_t n, uint64_t seed, unsigned flip_pct)
{
    size_t cap = (n + 2) * (k * 2 + 32) + 64, len = 0;
    char *csv = malloc(cap);
    ck_assert_ptr_nonnull(csv);
    len += (size_t)snprintf(csv + len, cap - len, "id");
    for (size_t j = 0; j < k; j++)
        len += (size_t)snprintf(csv + len, cap - len, ",C%zu", j + 1);
    len += (size_t)snprintf(csv + len, cap - len, ",Y\n");
    uint64_t s = seed * 0x9E3779B97F4A7C15u + 1;
    unsigned char x[64];
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < k; j++)
            x[j] = (unsigned char)(rng(&s) >> 40 & 1);
        int y = (x[0] && x[1]) || (!x[2] && x[3]) || (x[4] && !x[5] && x[6]);
        if (rng(&s) % 100 < flip_pct)
            y = !y;
        len += (size_t)snprintf(csv + len, cap - len, "c%zu", i + 1);
        for (size_t j = 0; j < k; j++)
            len += (size_t)snprintf(csv + len, cap - len, ",%u", x[j]);
        len += (size_t)snprintf(csv + len, cap - len, ",%d\n", y);
    }
    fsq_data *d = NULL;
    ck_assert_msg(fsq_data_parse_csv(&d, csv, len, "noisy.csv", NULL) == 0, "%s",
                  fsq_last_error());
    free(csv);
    return d;
}

typedef struct {
    const char *hook;      /* the phase whose clock expires */
    size_t k, n;           /* the data */
    unsigned flip;
    fsq_solution_type type;
    int output;            /* 0: none, 1: JSON, 2: text, 3: CSV, 4: Markdown */
} phase_case;

/* Runs truth table -> minimization -> output under a limit of `limit` s
 * counted from one start; returns the first nonzero code and the seconds. */
static int run_pipeline(const phase_case *c, double limit, int threads, double *seconds,
                        char **json)
{
    fsq_data *d = noisy_data(c->k, c->n, 7, c->flip);
    double start = fsq_clock_seconds();
    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    to.incl_cut1 = 1;
    to.time_limit = limit;
    to.time_start = start;
    fsq_tt *tt = NULL;
    fsq_min *m = NULL;
    char *out = NULL;
    size_t len = 0;
    int rc = fsq_tt_build(&tt, d, "Y", NULL, 0, &to);
    if (!rc) {
        fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
        const char *exp[64];
        mo.type = c->type;
        mo.time_limit = limit;
        mo.time_start = start;
        mo.threads = threads;
        if (c->type == FSQ_INTERMEDIATE) {
            for (size_t j = 0; j < c->k; j++)
                exp[j] = "1";
            mo.dir_exp = exp;
            mo.ndir_exp = c->k;
        }
        rc = fsq_minimize(&m, tt, &mo);
        if (!rc && c->output == 1)
            rc = fsq_min_to_json(m, &out, &len);
        else if (!rc && c->output == 2)
            rc = fsq_min_to_text(m, &out, &len);
        else if (!rc && c->output >= 3) /* 3: CSV, 4: Markdown (fsq_min_render) */
            rc = fsq_min_render(m, c->output == 3 ? FSQ_FORMAT_CSV : FSQ_FORMAT_MARKDOWN, 3,
                                &out, &len);
        if (rc)
            ck_assert_msg(m == NULL || c->output, "a failed minimization returned a result");
    }
    *seconds = fsq_clock_seconds() - start;
    if (json)
        *json = out;
    else
        free(out);
    fsq_min_free(m);
    fsq_tt_free(tt);
    fsq_data_free(d);
    return rc;
}

/* One row per phase, on a problem where that phase has work to do. */
static const phase_case phases[] = {
    {"the truth table", 8, 300, 3, FSQ_CONSERVATIVE, 0},
    {"the prime implicant search", 8, 300, 3, FSQ_PARSIMONIOUS, 0},
    {"the PI chart", 8, 300, 3, FSQ_CONSERVATIVE, 0},
    {"the cover search", 8, 300, 3, FSQ_PARSIMONIOUS, 0},
    {"counting the minimum models", 8, 300, 3, FSQ_PARSIMONIOUS, 0},
    {"combining the blocks", 8, 300, 3, FSQ_CONSERVATIVE, 0},
    {"the simplifying assumptions", 8, 300, 3, FSQ_PARSIMONIOUS, 0},
    {"the fit", 8, 300, 3, FSQ_CONSERVATIVE, 0},
    {"the intermediate models", 6, 200, 3, FSQ_INTERMEDIATE, 0},
    {"the JSON output", 8, 300, 3, FSQ_CONSERVATIVE, 1},
    {"the text report", 8, 300, 3, FSQ_CONSERVATIVE, 2},
    {"the table report", 8, 300, 3, FSQ_CONSERVATIVE, 3},
    {"the table report", 8, 300, 3, FSQ_PARSIMONIOUS, 4},
};

START_TEST(test_limits__every_phase_stops_at_its_clock)
{
    const phase_case *c = &phases[_i];
    double seconds;
    /* Without the hook the problem is solved well within the limit. */
    fsq__test_expire_phase(NULL);
    ck_assert_msg(run_pipeline(c, 300, 1, &seconds, NULL) == 0, "%s: %s", c->hook,
                  fsq_last_error());
    fsq__test_expire_phase(c->hook);
    int rc = run_pipeline(c, 300, 1, &seconds, NULL);
    fsq__test_expire_phase(NULL);
    ck_assert_msg(rc == FSQ_ELIMIT, "%s: rc %d (%s)", c->hook, rc, fsq_last_error());
    const char *msg = fsq_last_error();
    ck_assert_msg(strstr(msg, "time limit of 300 s") && strstr(msg, c->hook),
                  "hook \"%s\": message \"%s\"", c->hook, msg);
    /* It stopped at once, not at the end of its work or of the limit. */
    ck_assert_msg(seconds < 30, "%s: %.2f s", c->hook, seconds);
}
END_TEST

/* The PLA path (fsq_minimize_sets): every phase under the same hook, in
 * point and cube mode. The function is the noisy one above on k = 8 inputs,
 * with 60% of the configurations listed as ON or OFF (.type fr). */
static const struct {
    const char *hook;
    int mode;
} sets_phases[] = {
    {"the PLA points", FSQ_SETS_POINTS},
    {"the prime implicant search", FSQ_SETS_POINTS},
    {"the PLA columns", FSQ_SETS_POINTS},
    {"the PI chart", FSQ_SETS_POINTS},
    {"the cover search", FSQ_SETS_POINTS},
    {"the prime implicants in cube mode", FSQ_SETS_CUBES},
    {"the PLA columns", FSQ_SETS_CUBES},
    {"the PI chart", FSQ_SETS_CUBES},
    {"the cover search", FSQ_SETS_CUBES},
};

static int run_sets(int mode, double *seconds)
{
    enum { K = 8 };
    unsigned char on[256 * K], off[256 * K];
    size_t non = 0, noff = 0;
    uint64_t st = 12345;
    for (unsigned x = 0; x < 256; x++) {
        unsigned char b[K];
        for (int j = 0; j < K; j++)
            b[j] = (unsigned char)(x >> (K - 1 - j) & 1);
        int y = (b[0] && b[1]) || (!b[2] && b[3]) || (b[4] && !b[5] && b[6]);
        if (rng(&st) % 100 < 3)
            y = !y;
        if (rng(&st) % 100 >= 60)
            continue;
        memcpy(y ? on + non++ * K : off + noff++ * K, b, K);
    }
    fsq_sets_options o = FSQ_SETS_OPTIONS_INIT;
    o.off_given = 1;
    o.mode = mode;
    o.time_limit = 300;
    o.time_start = fsq_clock_seconds();
    fsq_sets *res = NULL;
    int rc = fsq_minimize_sets(&res, K, on, non, off, noff, NULL, 0, &o);
    *seconds = fsq_clock_seconds() - o.time_start;
    ck_assert_msg(rc ? res == NULL : res != NULL, "a failed minimization returned a result");
    fsq_sets_free(res);
    return rc;
}

START_TEST(test_limits__every_pla_phase_stops_at_its_clock)
{
    const char *hook = sets_phases[_i].hook;
    int mode = sets_phases[_i].mode;
    double seconds;
    fsq__test_expire_phase(NULL);
    ck_assert_msg(run_sets(mode, &seconds) == 0, "%s: %s", hook, fsq_last_error());
    fsq__test_expire_phase(hook);
    int rc = run_sets(mode, &seconds);
    fsq__test_expire_phase(NULL);
    ck_assert_msg(rc == FSQ_ELIMIT, "%s (mode %d): rc %d (%s)", hook, mode, rc, fsq_last_error());
    const char *msg = fsq_last_error();
    ck_assert_msg(strstr(msg, "time limit of 300 s") && strstr(msg, hook),
                  "hook \"%s\" (mode %d): message \"%s\"", hook, mode, msg);
    ck_assert_msg(seconds < 30, "%s: %.2f s", hook, seconds);
}
END_TEST

/* Runs `slow` under `limit` seconds on 1 and 2 threads: it must stop at
 * the limit, within max(5%, 0.5 s) plus a margin for a loaded machine and
 * the sanitizers, with a message that names it and passes `check` (NULL:
 * no more checks). */
static void check_stops_in_time(const phase_case *slow, double limit,
                                void (*check)(const char *msg))
{
    char want[64];
    snprintf(want, sizeof want, "time limit of %g s reached", limit);
    for (int threads = 1; threads <= 2; threads++) {
        double seconds;
        int rc = run_pipeline(slow, limit, threads, &seconds, NULL);
        ck_assert_msg(rc == FSQ_ELIMIT, "threads %d: rc %d (%s)", threads, rc, fsq_last_error());
        const char *msg = fsq_last_error();
        ck_assert_msg(strstr(msg, want), "%s", msg);
        if (check)
            check(msg);
        printf("limits: k = %zu, %d thread(s), limit %g s: stopped after %.2f s: %s\n",
               slow->k, threads, limit, seconds, msg);
        ck_assert_msg(seconds >= limit - 0.01 && seconds < limit + 0.5 + 2.0,
                      "threads %d: stopped after %.2f s (limit %.1f s)", threads, seconds,
                      limit);
    }
}

/* A minimum search cut short in its last block says what it knows: the
 * size of a cover found and a lower bound no larger than it. No minimal
 * cover needs more PIs than there are ON rows (495 here). */
static void minimum_bounded(const char *msg)
{
    const char *at = strstr(msg, "the best cover found has ");
    if (!strstr(msg, "cover search for the minimum") || !at)
        return; /* stopped before the last block's root bound (the sanitizers) */
    unsigned best = 0, lower = 0;
    ck_assert_msg(sscanf(at, "the best cover found has %u PIs, the minimum is at least %u",
                         &best, &lower) == 2,
                  "%s", msg);
    ck_assert_msg(lower >= 1 && lower <= best && best <= 495, "%s", msg);
}

/* Really slow: noisy crisp N = 1000, k = 14, parsimonious. Its minimum
 * takes minutes. */
START_TEST(test_limits__slow_cover_search_stops_in_time)
{
    static const phase_case slow = {"", 14, 1000, 3, FSQ_PARSIMONIOUS, 1};
    check_stops_in_time(&slow, 2.0, minimum_bounded);
}
END_TEST

/* A count cut short says the minimum is proven and the count not done. */
static void count_not_finished(const char *msg)
{
    if (strstr(msg, "counting the minimum models"))
        ck_assert_msg(strstr(msg, "is proven") && strstr(msg, "not finished"), "%s", msg);
}

/* Slow to count: noisy crisp N = 1000, k = 12, parsimonious. Its minimum
 * (29 PIs) is proven in a fraction of a second; the whole run, counting
 * its 202,816,192 models over the LP tree, takes about 4.2 s on 1 thread
 * and 2.6 s on 2 on the development machine. A limit of 1.5 s stops the
 * count on both. (Under the sanitizers the minimum itself may be what the
 * limit stops.) */
START_TEST(test_limits__slow_count_stops_in_time)
{
    static const phase_case slow = {"", 12, 1000, 3, FSQ_PARSIMONIOUS, 1};
    check_stops_in_time(&slow, 1.5, count_not_finished);
}
END_TEST

/* ---- the parallel cover search -------------------------------------------- */

static uint64_t *random_chart(size_t npis, size_t ncols, unsigned per_mille, uint64_t seed,
                              size_t *nwords)
{
    size_t nw = (ncols + 63) / 64;
    uint64_t *chart = calloc(npis * nw + 1, sizeof *chart), s = seed * 2654435761u + 17;
    ck_assert_ptr_nonnull(chart);
    for (size_t i = 0; i < npis; i++)
        for (size_t c = 0; c < ncols; c++)
            if (rng(&s) % 1000 < per_mille)
                chart[i * nw + c / 64] |= UINT64_C(1) << (c % 64);
    for (size_t c = 0; c < ncols; c++) { /* every column coverable */
        size_t i = rng(&s) % npis;
        chart[i * nw + c / 64] |= UINT64_C(1) << (c % 64);
    }
    *nwords = nw;
    return chart;
}

/* The minimum by exhaustive search over subsets of growing size. */
static size_t brute_minimum(const uint64_t *chart, size_t npis, size_t ncols, size_t nw)
{
    size_t idx[32];
    uint64_t acc[8][32];
    for (size_t r = 1; r <= npis && r < 32; r++) {
        for (size_t t = 0; t < r; t++)
            idx[t] = t;
        for (;;) {
            for (size_t t = 0; t < r; t++)
                for (size_t w = 0; w < nw; w++)
                    acc[w][t] = (t ? acc[w][t - 1] : 0) | chart[idx[t] * nw + w];
            int all = 1;
            for (size_t c = 0; c < ncols && all; c++)
                all = acc[c / 64][r - 1] >> (c % 64) & 1;
            if (all)
                return r;
            size_t t = r;
            while (t > 0 && idx[t - 1] == npis - r + t - 1)
                t--;
            if (t == 0)
                break;
            idx[t - 1]++;
            for (size_t u = t; u < r; u++)
                idx[u] = idx[u - 1] + 1;
        }
    }
    return SIZE_MAX;
}

static void solve(const uint64_t *chart, size_t npis, size_t ncols, size_t nw, int threads,
                  fsq__cover_result *r)
{
    fsq__cover_problem p = {npis, ncols, nw, chart, 0, 0, threads};
    ck_assert_msg(fsq__cover_solve(&p, r) == 0, "%s", fsq_last_error());
}

static void same_result(const fsq__cover_result *a, const fsq__cover_result *b, const char *what)
{
    ck_assert_msg(a->size == b->size, "%s: size %zu vs %zu", what, a->size, b->size);
    ck_assert_msg(a->proof == b->proof && a->lower_bound == b->lower_bound &&
                      a->lp_bound == b->lp_bound,
                  "%s: proof differs", what);
    ck_assert_msg(strcmp(a->count, b->count) == 0, "%s: count %s vs %s", what, a->count,
                  b->count);
    ck_assert_uint_eq(a->nsolutions, b->nsolutions);
    ck_assert(memcmp(a->pis, b->pis, a->nsolutions * a->size * sizeof *a->pis) == 0);
    ck_assert_uint_eq(a->nessential, b->nessential);
}

/* Small charts, the search split over the threads at once (the serial try
 * off): the minimum equals the exhaustive one, and 1 and 2 threads agree on
 * the minimum, its proof, the count, the listed covers and the PIs in
 * every minimum cover. */
START_TEST(test_limits__parallel_cover_matches_brute_force_and_one_thread)
{
    fsq__cover_serial_nodes = 0;
    for (uint64_t seed = 0; seed < 30; seed++) {
        size_t nw, npis = 22 + seed % 5, ncols = 30 + seed % 17;
        uint64_t *chart = random_chart(npis, ncols, 100 + 5 * (unsigned)(seed % 7), 900 + seed,
                                       &nw);
        fsq__cover_result one = {0}, two = {0};
        solve(chart, npis, ncols, nw, 1, &one);
        solve(chart, npis, ncols, nw, 2, &two);
        size_t want = brute_minimum(chart, npis, ncols, nw);
        ck_assert_msg(two.size == want, "seed %llu: %zu, brute force %zu",
                      (unsigned long long)seed, two.size, want);
        char what[64];
        snprintf(what, sizeof what, "seed %llu", (unsigned long long)seed);
        same_result(&one, &two, what);
        fsq__cover_result_free(&one);
        fsq__cover_result_free(&two);
        free(chart);
    }
    fsq__cover_serial_nodes = 1000;
}
END_TEST

/* Identical JSON for 1 and 2 threads through the whole minimization, with
 * the search split at once and with the default serial try. */
START_TEST(test_limits__minimize_json_same_for_1_and_2_threads)
{
    static const phase_case cases[] = {
        {"", 8, 300, 3, FSQ_PARSIMONIOUS, 1},
        {"", 8, 300, 3, FSQ_CONSERVATIVE, 1},
        {"", 9, 400, 2, FSQ_PARSIMONIOUS, 1},
    };
    const phase_case *c = &cases[_i % 3];
    fsq__cover_serial_nodes = _i < 3 ? 0 : 1000;
    char *a = NULL, *b = NULL;
    double s1, s2;
    ck_assert_msg(run_pipeline(c, 0, 1, &s1, &a) == 0, "%s", fsq_last_error());
    ck_assert_msg(run_pipeline(c, 0, 2, &s2, &b) == 0, "%s", fsq_last_error());
    fsq__cover_serial_nodes = 1000;
    ck_assert_msg(strcmp(a, b) == 0, "case %d: the JSON differs between 1 and 2 threads", _i);
    free(a);
    free(b);
}
END_TEST

static Suite *limits_suite(void)
{
    Suite *s = suite_create("limits");
    TCase *tc[4];
    static const char *const names[4] = {"phases", "slow", "cover_threads", "json_threads"};
    for (int i = 0; i < 4; i++) {
        tc[i] = tcase_create(names[i]);
        tcase_set_timeout(tc[i], 600);
        suite_add_tcase(s, tc[i]);
    }
    tcase_add_loop_test(tc[0], test_limits__every_phase_stops_at_its_clock, 0,
                        (int)(sizeof phases / sizeof phases[0]));
    tcase_add_test(tc[1], test_limits__slow_cover_search_stops_in_time);
    tcase_add_test(tc[1], test_limits__slow_count_stops_in_time);
    tcase_add_test(tc[2], test_limits__parallel_cover_matches_brute_force_and_one_thread);
    tcase_add_loop_test(tc[3], test_limits__minimize_json_same_for_1_and_2_threads, 0, 6);
    tcase_add_loop_test(tc[0], test_limits__every_pla_phase_stops_at_its_clock, 0,
                        (int)(sizeof sets_phases / sizeof sets_phases[0]));
    return s;
}

int main(void)
{
    return fsq_test_run_suite(limits_suite());
}
