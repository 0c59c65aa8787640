/* The LP branch and bound for a block's minimum (src/cover/lp_search.c).
 *
 * fsq__cover_lp_search_pis picks the search: 0 sends every block with a
 * root gap to the LP search, SIZE_MAX none. Oracles, independent of
 * src/cover/:
 *   - small random charts: every subset of the PIs enumerated by bitmask
 *     (the minimum and the number of minimum covers);
 *   - medium random charts (up to 160 PIs, 65 columns, minima with gaps
 *     over the LP): GLPK's MIP solver (glp_intopt, its own branch and cut)
 *     for the minimum; the count must agree with the column search's.
 * Half of the trials run with fsq__cover_lp_compact at 0, so the LP
 * search deletes the GLPK columns its nodes do not need as it goes. And
 * the time limit: a chart the LP search cannot finish stops at the
 * limit, within the tolerance, naming the phase. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cover/cover.h"
#include "cover/lp_search.h"
#include "fsqca/fsqca.h"
#include "test_util.h"

#include <glpk.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A chart of npis x ncols, each entry set with probability dens/1000, and
 * every column given at least one PI. */
static uint64_t *random_chart(uint64_t *st, size_t npis, size_t ncols, unsigned dens)
{
    size_t nw = (ncols + 63) / 64;
    uint64_t *bits = calloc(npis * nw + 1, sizeof *bits);
    ck_assert_ptr_nonnull(bits);
    for (size_t c = 0; c < ncols; c++) {
        int any = 0;
        for (size_t p = 0; p < npis; p++)
            if (fsq_test_rng(st) % 1000 < dens) {
                bits[p * nw + c / 64] |= UINT64_C(1) << (c % 64);
                any = 1;
            }
        if (!any) {
            size_t p = fsq_test_rng(st) % npis;
            bits[p * nw + c / 64] |= UINT64_C(1) << (c % 64);
        }
    }
    return bits;
}

/* A chart whose columns have 2 or 3 PIs each, at random (vertex cover of
 * a random (hyper)graph: the LP is often half-integral, far below the
 * minimum, so these need the search). */
static uint64_t *graph_chart(uint64_t *st, size_t npis, size_t ncols)
{
    size_t nw = (ncols + 63) / 64;
    uint64_t *bits = calloc(npis * nw + 1, sizeof *bits);
    ck_assert_ptr_nonnull(bits);
    for (size_t c = 0; c < ncols; c++) {
        size_t deg = 2 + fsq_test_rng(st) % 2;
        for (size_t t = 0; t < deg; t++) {
            size_t p = fsq_test_rng(st) % npis;
            bits[p * nw + c / 64] |= UINT64_C(1) << (c % 64);
        }
    }
    return bits;
}

/* A chart small enough to enumerate (8-17 PIs, 12-31 columns): random
 * on odd trials, a (hyper)graph's on even ones. */
static uint64_t *small_chart(uint64_t *st, int trial, size_t *npis, size_t *ncols)
{
    *npis = 8 + fsq_test_rng(st) % 10;
    *ncols = 12 + fsq_test_rng(st) % 20;
    if (trial % 2)
        return random_chart(st, *npis, *ncols, 120 + (unsigned)(fsq_test_rng(st) % 150));
    return graph_chart(st, *npis, *ncols);
}

/* threads: 2 splits the LP tree over two threads (lp_split.c). */
static int solve_listing(size_t lp_pis, const uint64_t *bits, size_t npis, size_t ncols,
                         size_t cap, double limit, int threads, fsq__cover_result *r)
{
    size_t saved = fsq__cover_lp_search_pis;
    fsq__cover_lp_search_pis = lp_pis;
    fsq__cover_problem pr = {npis, ncols, (ncols + 63) / 64, bits, cap, limit, threads};
    int rc = fsq__cover_solve(&pr, r);
    fsq__cover_lp_search_pis = saved;
    return rc;
}

/* solve_listing with the LP search deleting the columns its nodes do not
 * need whenever they are half of GLPK's (on these charts they never pass
 * the default's thousands). */
static int solve_compacting(int compact, const uint64_t *bits, size_t npis, size_t ncols,
                            size_t cap, int threads, fsq__cover_result *r)
{
    size_t saved = fsq__cover_lp_compact;
    if (compact)
        fsq__cover_lp_compact = 0;
    int rc = solve_listing(0, bits, npis, ncols, cap, 0, threads, r);
    fsq__cover_lp_compact = saved;
    return rc;
}

static int solve_with(size_t lp_pis, const uint64_t *bits, size_t npis, size_t ncols,
                      double limit, int threads, fsq__cover_result *r)
{
    return solve_listing(lp_pis, bits, npis, ncols, 1, limit, threads, r);
}

/* Subsets as bitmasks in the lexicographic order of their increasing
 * index lists: the lowest differing index decides, the set holding it first. */
static int cmp_lex(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb, d = a ^ b;
    if (!d)
        return 0;
    uint32_t low = d & -d;
    return (a & low) ? -1 : 1;
}

START_TEST(test_lp_search__lp_tree_counts_lists_and_intersects)
{
    /* Blocks with a root gap of a PI or more are counted and listed over
     * the LP tree (count_lp.c): every minimum cover counted once, the
     * first ones (caps of 1 to 5) listed in lexicographic order, and the
     * PIs in every one found, for several leaf slacks, on one or two
     * threads, with and without deleting unneeded LP columns, against
     * every subset of the PIs. */
    uint64_t st = 4242;
    size_t treed = 0;
    double saved = fsq__cover_leaf_slack;
    uint32_t *mins = malloc(((size_t)1 << 17) * sizeof *mins);
    ck_assert_ptr_nonnull(mins);
    for (int trial = 0; trial < 900; trial++) {
        size_t npis, ncols;
        uint64_t *bits = small_chart(&st, trial, &npis, &ncols);
        size_t best = 99, nbest = 0;
        uint64_t all = ncols == 64 ? ~UINT64_C(0) : (UINT64_C(1) << ncols) - 1;
        for (uint32_t m = 0; m < (1u << npis); m++) {
            uint64_t cov = 0;
            for (size_t p = 0; p < npis; p++)
                if (m >> p & 1)
                    cov |= bits[p];
            if (cov != all)
                continue;
            size_t z = (size_t)__builtin_popcount(m);
            if (z < best) {
                best = z;
                nbest = 0;
            }
            if (z == best)
                mins[nbest++] = m;
        }
        qsort(mins, nbest, sizeof *mins, cmp_lex);
        uint32_t inter = ~0u;
        for (size_t i = 0; i < nbest; i++)
            inter &= mins[i];
        size_t cap = 1 + (size_t)trial % 5;
        fsq__cover_leaf_slack = trial % 3 == 0 ? 0.05 : trial % 3 == 1 ? 0.2 : 0.95;
        fsq__cover_result r;
        int threads = 1 + (trial / 2) % 2;
        ck_assert_int_eq(solve_compacting(trial % 4 < 2, bits, npis, ncols, cap, threads, &r),
                         0);
        ck_assert_uint_eq(r.size, best);
        char want[32];
        snprintf(want, sizeof want, "%zu", nbest);
        ck_assert_msg(strcmp(r.count, want) == 0, "trial %d: count %s, enumeration %zu", trial,
                      r.count, nbest);
        ck_assert_uint_eq(r.nsolutions, nbest < cap ? nbest : cap);
        for (size_t i = 0; i < r.nsolutions; i++) {
            uint32_t got = 0;
            for (size_t t = 0; t < r.size; t++)
                got |= 1u << r.pis[i * r.size + t];
            ck_assert_msg(got == mins[i], "trial %d: solution %zu differs", trial, i);
        }
        uint32_t ess = 0;
        for (size_t t = 0; t < r.nessential; t++)
            ess |= 1u << r.essential[t];
        ck_assert_msg(ess == inter, "trial %d: PIs in every solution %x, enumeration %x",
                      trial, ess, inter);
        treed += r.lp_bound > 0 && r.lp_bound < r.size;
        fsq__cover_result_free(&r);
        free(bits);
    }
    fsq__cover_leaf_slack = saved;
    free(mins);
    printf("lp search: 900 small charts listed and intersected as enumeration, %zu over the "
           "LP tree\n", treed);
    ck_assert_uint_gt(treed, 25); /* the LP tree did count */
}
END_TEST

START_TEST(test_lp_search__small_charts_match_subset_enumeration)
{
    uint64_t st = 2027;
    size_t checked = 0, searched = 0;
    for (int trial = 0; trial < 1200; trial++) {
        size_t npis, ncols;
        uint64_t *bits = small_chart(&st, trial, &npis, &ncols);
        size_t best = 99, nbest = 0;
        for (uint32_t s = 0; s < (1u << npis); s++) {
            uint64_t cov = 0;
            for (size_t p = 0; p < npis; p++)
                if (s >> p & 1)
                    cov |= bits[p];
            if (cov != (ncols == 64 ? ~UINT64_C(0) : (UINT64_C(1) << ncols) - 1))
                continue;
            size_t z = (size_t)__builtin_popcount(s);
            if (z < best) {
                best = z;
                nbest = 0;
            }
            nbest += z == best;
        }
        fsq__cover_result r;
        ck_assert_int_eq(
            solve_compacting(trial % 4 < 2, bits, npis, ncols, 1, 1 + (trial / 2) % 2, &r), 0);
        ck_assert_msg(r.size == best, "trial %d: minimum %zu, enumeration %zu", trial, r.size,
                      best);
        char want[32];
        snprintf(want, sizeof want, "%zu", nbest);
        ck_assert_msg(strcmp(r.count, want) == 0, "trial %d: count %s, enumeration %zu", trial,
                      r.count, nbest);
        searched += r.proof == FSQ__PROOF_SEARCH;
        checked++;
        fsq__cover_result_free(&r);
        free(bits);
    }
    printf("lp search: %zu small charts matched enumeration, %zu needed the search\n", checked,
           searched);
    ck_assert_uint_gt(searched, 25); /* the LP search did run */
}
END_TEST

/* The minimum by GLPK's MIP solver. */
static size_t mip_minimum(const uint64_t *bits, size_t npis, size_t ncols)
{
    glp_prob *lp = fsq_test_cover_mip(bits, npis, ncols, (ncols + 63) / 64);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    ck_assert_int_eq(glp_intopt(lp, &parm), 0);
    ck_assert_int_eq(glp_mip_status(lp), GLP_OPT);
    size_t z = (size_t)(glp_mip_obj_val(lp) + 0.5);
    glp_delete_prob(lp);
    return z;
}

START_TEST(test_lp_search__medium_charts_match_mip)
{
    uint64_t st = 31337;
    size_t gaps = 0;
    for (int trial = 0; trial < 30; trial++) {
        size_t npis = 30 + fsq_test_rng(&st) % 130, ncols = 15 + fsq_test_rng(&st) % 50;
        unsigned dens = 60 + (unsigned)(fsq_test_rng(&st) % 100);
        uint64_t *bits = trial % 3 == 0 ? graph_chart(&st, npis, ncols)
                                        : random_chart(&st, npis, ncols, dens);
        size_t want = mip_minimum(bits, npis, ncols);
        fsq__cover_result lp, col;
        ck_assert_int_eq(solve_compacting(trial % 4 < 2, bits, npis, ncols, 1, 1 + trial % 2, &lp),
                         0);
        ck_assert_msg(lp.size == want, "trial %d (%zu x %zu): LP search %zu, MIP %zu", trial,
                      npis, ncols, lp.size, want);
        ck_assert_uint_eq(lp.lower_bound, lp.size);
        int gap = lp.proof == FSQ__PROOF_SEARCH;
        gaps += gap;
        if (npis <= 120) {
            ck_assert_int_eq(solve_with(SIZE_MAX, bits, npis, ncols, 0, 1, &col), 0);
            ck_assert_uint_eq(col.size, want);
            ck_assert_str_eq(col.count, lp.count);
            fsq__cover_result_free(&col);
        }
        fsq__cover_result_free(&lp);
        /* With a root gap (the LP tree counts and lists): one thread and
         * two give the same count, the same first 50 models in the same
         * order, the same PIs in every model. */
        if (gap) {
            fsq__cover_result one, two;
            ck_assert_int_eq(solve_listing(0, bits, npis, ncols, 50, 0, 1, &one), 0);
            ck_assert_int_eq(solve_listing(0, bits, npis, ncols, 50, 0, 2, &two), 0);
            ck_assert_str_eq(one.count, two.count);
            ck_assert_uint_eq(one.nsolutions, two.nsolutions);
            ck_assert_uint_eq(one.nessential, two.nessential);
            size_t nl = one.nsolutions * one.size;
            ck_assert(memcmp(one.pis, two.pis, nl * sizeof *one.pis) == 0);
            ck_assert(memcmp(one.essential, two.essential,
                             one.nessential * sizeof *one.essential) == 0);
            fsq__cover_result_free(&one);
            fsq__cover_result_free(&two);
        }
        free(bits);
    }
    printf("lp search: 30 medium charts matched the MIP, %zu with a root gap\n", gaps);
    ck_assert_uint_gt(gaps, 3);
}
END_TEST

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

START_TEST(test_lp_search__time_limit_holds)
{
    /* 3000 PIs x 400 columns at 1.5%: far beyond the limit for the LP
     * search (its root gap is several PIs). */
    uint64_t st = 99;
    size_t npis = 3000, ncols = 400;
    uint64_t *bits = random_chart(&st, npis, ncols, 15);
    for (int threads = 1; threads <= 2; threads++) {
        fsq__cover_result r;
        double limit = 0.5, t0 = now_seconds();
        int rc = solve_with(0, bits, npis, ncols, limit, threads, &r);
        double took = now_seconds() - t0;
        ck_assert_int_eq(rc, FSQ_ELIMIT);
        ck_assert_msg(strstr(fsq_last_error(), "cover search for the minimum") != NULL, "%s",
                      fsq_last_error());
        /* Within 5% or 0.5 s, whichever is larger. */
        ck_assert_msg(took < limit + 0.5, "%d threads: stopped after %.3f s for a limit of %g s",
                      threads, took, limit);
        fsq__cover_result_free(&r);
    }
    free(bits);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lp_search");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_lp_search__small_charts_match_subset_enumeration);
    tcase_add_test(tc, test_lp_search__medium_charts_match_mip);
    tcase_add_test(tc, test_lp_search__lp_tree_counts_lists_and_intersects);
    tcase_add_test(tc, test_lp_search__time_limit_holds);
    suite_add_tcase(s, tc);
    return fsq_test_run_suite(s);
}
