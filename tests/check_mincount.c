/* The minimum-cover counter of src/cover/mincount.c, queried directly:
 * fsq__mc_solve (the minimum within a budget and the number of covers of
 * that size) and fsq__mc_decide (is there a cover within the budget?).
 *
 * Oracle, independent of src/cover/: for a random chart and a random
 * query (rows U, PIs F, budget b), every subset of F is enumerated by
 * bitmask; the least size of one that covers U, and how many of that size
 * do. Queries run in sequence on one counter, decisions and counts mixed,
 * so answers cached by one kind of query are read by the other; with and
 * without dual values, and with a cache small enough to be emptied many
 * times. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cover/mincount.h"
#include "test_util.h"

#include <gmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ROWS = 14, MAX_PIS = 13 };

typedef struct {
    size_t m, n;
    uint32_t pirows[MAX_PIS]; /* rows of each PI, as a mask */
    uint64_t colpis[MAX_ROWS]; /* one word: n <= 64 */
    uint64_t picols[MAX_PIS];  /* one word: m <= 64 */
    double y[MAX_ROWS];
} chart;

static void random_chart(uint64_t *st, chart *c)
{
    memset(c, 0, sizeof *c);
    c->m = 3 + fsq_test_rng(st) % (MAX_ROWS - 2);
    c->n = 3 + fsq_test_rng(st) % (MAX_PIS - 2);
    unsigned dens = 150 + (unsigned)(fsq_test_rng(st) % 350);
    size_t widest = 1;
    for (size_t p = 0; p < c->n; p++) {
        for (size_t r = 0; r < c->m; r++)
            if (fsq_test_rng(st) % 1000 < dens)
                c->pirows[p] |= UINT32_C(1) << r;
        if (!c->pirows[p])
            c->pirows[p] = UINT32_C(1) << (fsq_test_rng(st) % c->m);
        c->picols[p] = c->pirows[p];
        for (size_t r = 0; r < c->m; r++)
            if (c->pirows[p] >> r & 1)
                c->colpis[r] |= UINT64_C(1) << p;
        size_t w = (size_t)__builtin_popcount(c->pirows[p]);
        if (w > widest)
            widest = w;
    }
    /* Dual feasible: every PI's rows sum to at most 1. */
    for (size_t r = 0; r < c->m; r++)
        c->y[r] = 1.0 / (double)widest;
}

/* Minimum size of a cover of u by PIs of f (by subsets), and how many
 * covers have it; SIZE_MAX when none. */
static size_t brute(const chart *c, uint32_t u, uint32_t f, unsigned long *count)
{
    size_t best = SIZE_MAX;
    *count = 0;
    for (uint32_t sub = 0; sub < (UINT32_C(1) << c->n); sub++) {
        if (sub & ~f)
            continue;
        uint32_t cov = 0;
        for (size_t p = 0; p < c->n; p++)
            if (sub >> p & 1)
                cov |= c->pirows[p];
        if ((u & ~cov) != 0)
            continue;
        size_t size = (size_t)__builtin_popcount(sub);
        if (size < best) {
            best = size;
            *count = 0;
        }
        if (size == best)
            (*count)++;
    }
    return best;
}

static void run_queries(uint64_t seed, int with_y, size_t cache_bytes, size_t rounds)
{
    uint64_t st = seed;
    mpz_t got;
    mpz_init(got);
    size_t decided = 0, refused = 0;
    for (size_t t = 0; t < rounds; t++) {
        chart c;
        random_chart(&st, &c);
        fsq__mc *mc = NULL;
        ck_assert_int_eq(fsq__mc_new(&mc, c.m, c.n, c.colpis, c.picols, with_y ? c.y : NULL,
                                     cache_bytes, NULL),
                         0);
        uint32_t u = 0, f = 0;
        for (size_t q = 0; q < 12; q++) {
            /* Pairs: a decision, then a count of the same rows and PIs
             * (reading what the decision cached), or fresh ones. */
            if (q % 2 == 0 || fsq_test_rng(&st) % 2) {
                u = (uint32_t)fsq_test_rng(&st) & ((UINT32_C(1) << c.m) - 1);
                f = (uint32_t)fsq_test_rng(&st) & ((UINT32_C(1) << c.n) - 1);
                if (q % 3 == 0)
                    f = (UINT32_C(1) << c.n) - 1; /* all PIs: the count of the block */
            }
            size_t budget = fsq_test_rng(&st) % (c.n + 1);
            unsigned long want_n;
            size_t want = brute(&c, u, f, &want_n);
            uint64_t uw = u, fw = f;
            if (q % 2 == 0) {
                size_t r = fsq__mc_decide(mc, &uw, &fw, budget);
                if (want <= budget) {
                    ck_assert_msg(r != FSQ__MC_NONE && r >= want && r <= budget,
                                  "seed %llu round %zu: decide says %zu, minimum %zu, budget %zu",
                                  (unsigned long long)seed, t, r, want, budget);
                    decided++;
                } else {
                    ck_assert_msg(r == FSQ__MC_NONE,
                                  "seed %llu round %zu: decide finds %zu, minimum %zu > %zu",
                                  (unsigned long long)seed, t, r, want, budget);
                    refused++;
                }
            } else {
                size_t r = fsq__mc_solve(mc, &uw, &fw, budget, got);
                if (want <= budget) {
                    ck_assert_uint_eq(r, want);
                    ck_assert_msg(mpz_cmp_ui(got, want_n) == 0,
                                  "seed %llu round %zu: %lu covers of %zu, counted %s",
                                  (unsigned long long)seed, t, want_n, want,
                                  mpz_get_str(NULL, 10, got));
                } else {
                    ck_assert_uint_eq(r, FSQ__MC_NONE);
                    ck_assert(mpz_sgn(got) == 0);
                }
            }
            ck_assert_int_eq(fsq__mc_limit(mc), 0);
        }
        fsq__mc_free(mc);
    }
    /* Both answers of a decision were exercised. */
    ck_assert_uint_gt(decided, rounds);
    ck_assert_uint_gt(refused, rounds / 4);
    mpz_clear(got);
}

START_TEST(test_mincount__queries_match_subset_enumeration)
{
    run_queries(11, 0, (size_t)64 << 20, 1500);
}
END_TEST

START_TEST(test_mincount__queries_with_duals_match_subset_enumeration)
{
    run_queries(23, 1, (size_t)64 << 20, 1500);
}
END_TEST

START_TEST(test_mincount__small_cache_emptied_keeps_answers)
{
    /* 4096 slots' worth: the smallest cache that exists, emptied often. */
    run_queries(37, 1, 4096 * 16, 800);
}
END_TEST

START_TEST(test_mincount__repeated_count_is_read_from_the_cache)
{
    /* A count searched once is cached whole: asked again, each connected
     * part of the rows is one cache lookup (one node). */
    uint64_t st = 51;
    mpz_t a, b;
    mpz_init(a);
    mpz_init(b);
    uint64_t first = 0, again = 0;
    for (size_t t = 0; t < 300; t++) {
        chart c;
        random_chart(&st, &c);
        fsq__mc *mc = NULL;
        ck_assert_int_eq(fsq__mc_new(&mc, c.m, c.n, c.colpis, c.picols, c.y, (size_t)1 << 24,
                                     NULL),
                         0);
        uint64_t u = (UINT64_C(1) << c.m) - 1, f = (UINT64_C(1) << c.n) - 1;
        uint64_t n0 = fsq__mc_nodes(mc);
        size_t r1 = fsq__mc_solve(mc, &u, &f, c.n, a);
        uint64_t n1 = fsq__mc_nodes(mc);
        size_t r2 = fsq__mc_solve(mc, &u, &f, c.n, b);
        uint64_t n2 = fsq__mc_nodes(mc);
        ck_assert_uint_eq(r1, r2);
        ck_assert(mpz_cmp(a, b) == 0);
        ck_assert_uint_le(n2 - n1, c.m);
        first += n1 - n0;
        again += n2 - n1;
        fsq__mc_free(mc);
    }
    ck_assert_uint_gt(first, 4 * again);
    mpz_clear(a);
    mpz_clear(b);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("mincount");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_mincount__queries_match_subset_enumeration);
    tcase_add_test(tc, test_mincount__queries_with_duals_match_subset_enumeration);
    tcase_add_test(tc, test_mincount__small_cache_emptied_keeps_answers);
    tcase_add_test(tc, test_mincount__repeated_count_is_read_from_the_cache);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(suite());
}
