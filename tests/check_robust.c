/* Tests of src/robust: random streams, resampling schemes, the robustness
 * protocol; and of the CLI progress bar (src/cli is not part of the library,
 * so its one source file is compiled into this program). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsqca/fsqca.h"
#include "robust/protocol.h"
#include "robust/resample.h"
#include "robust/rng.h"
#include "test_util.h"

#include "cli/progress.c"

/* ------------------------------------------------------------------------- */
/* rng                                                                       */
/* ------------------------------------------------------------------------- */

START_TEST(test_rng__splitmix64_matches_published_reference_values)
{
    /* Published outputs of Vigna's splitmix64.c: seed 0 (e.g. the values
     * quoted by xoshiro ports) and seed 1234567 (Rosetta Code,
     * "Pseudo-random numbers/Splitmix64"). */
    static const uint64_t seed0[5] = {UINT64_C(0xE220A8397B1DCDAF), UINT64_C(0x6E789E6AA1B965F4),
                                      UINT64_C(0x06C45D188009454F), UINT64_C(0xF88BB8A8724C81EC),
                                      UINT64_C(0x1B39896A51A8749B)};
    static const uint64_t seed1234567[5] = {
        UINT64_C(6457827717110365317), UINT64_C(3203168211198807973),
        UINT64_C(9817491932198370423), UINT64_C(4593380528125082431),
        UINT64_C(16408922859458223821)};
    uint64_t x = 0;
    for (int i = 0; i < 5; i++)
        ck_assert_uint_eq(fsq__splitmix64(&x), seed0[i]);
    x = 1234567;
    for (int i = 0; i < 5; i++)
        ck_assert_uint_eq(fsq__splitmix64(&x), seed1234567[i]);
}
END_TEST

START_TEST(test_rng__xoshiro256starstar_matches_reference_vector)
{
    /* Reference implementation xoshiro256starstar.c from state {1, 2, 3, 4}
     * (the vector used by rand_xoshiro's tests). */
    static const uint64_t expected[10] = {
        UINT64_C(11520),
        UINT64_C(0),
        UINT64_C(1509978240),
        UINT64_C(1215971899390074240),
        UINT64_C(1216172134540287360),
        UINT64_C(607988272756665600),
        UINT64_C(16172922978634559625),
        UINT64_C(8476171486693032832),
        UINT64_C(10595114339597558777),
        UINT64_C(2904607092377533576)};
    static const uint64_t state[4] = {1, 2, 3, 4};
    fsq__rng rng;
    fsq__rng_set_state(&rng, state);
    for (int i = 0; i < 10; i++)
        ck_assert_uint_eq(fsq__rng_next_u64(&rng), expected[i]);
}
END_TEST

START_TEST(test_rng__stream_matches_documented_definition)
{
    /* Produced by an independent Python transcription of the definition in
     * rng.h (key derivation, xoshiro256**, Lemire bounded, uniform), so that
     * the documentation and the code cannot drift apart. */
    fsq__rng rng;
    fsq__rng_init(&rng, 42, 0);
    ck_assert_uint_eq(fsq__rng_next_u64(&rng), UINT64_C(0xf21ded8dbbf3abb5));
    ck_assert_uint_eq(fsq__rng_next_u64(&rng), UINT64_C(0xe7cda8808ae1ed06));
    ck_assert_uint_eq(fsq__rng_next_u64(&rng), UINT64_C(0xdf0b169d6af01977));
    fsq__rng_init(&rng, 42, 7);
    ck_assert_uint_eq(fsq__rng_next_u64(&rng), UINT64_C(0xf1a6db9242ff1b62));
    ck_assert_uint_eq(fsq__rng_next_u64(&rng), UINT64_C(0xc7d5136827f642d0));
    ck_assert_uint_eq(fsq__rng_next_u64(&rng), UINT64_C(0x5af1a65713671867));
    fsq__rng_init(&rng, 0, 0);
    ck_assert_uint_eq(fsq__rng_next_u64(&rng), UINT64_C(0xfc1b4cb03ee42296));

    static const uint64_t bounded[8] = {1, 8, 6, 8, 9, 6, 8, 7};
    fsq__rng_init(&rng, 2024, 3);
    for (int i = 0; i < 8; i++)
        ck_assert_uint_eq(fsq__rng_bounded(&rng, 10), bounded[i]);
    fsq__rng_init(&rng, 2024, 3);
    ck_assert(fsq__rng_uniform(&rng) == 0.15350763183989458);
    ck_assert(fsq__rng_uniform(&rng) == 0.8654860840984435);
}
END_TEST

START_TEST(test_rng__same_seed_and_replicate_give_same_stream)
{
    fsq__rng a, b;
    fsq__rng_init(&a, 123456789, 99);
    fsq__rng_init(&b, 123456789, 99);
    for (int i = 0; i < 1000; i++)
        ck_assert_uint_eq(fsq__rng_next_u64(&a), fsq__rng_next_u64(&b));
}
END_TEST

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

START_TEST(test_rng__different_replicates_and_seeds_differ)
{
    /* Neighbouring replicates and seeds, including the pairs (s, r+1) and
     * (s+1, r) that a "seed + r" scheme would confuse, give different first
     * outputs. 64 x 64 pairs, all first outputs distinct. */
    enum { S = 64, R = 64 };
    uint64_t *first = malloc(sizeof *first * S * R);
    ck_assert_ptr_nonnull(first);
    for (uint64_t s = 0; s < S; s++)
        for (uint64_t r = 0; r < R; r++) {
            fsq__rng rng;
            fsq__rng_init(&rng, s, r);
            first[s * R + r] = fsq__rng_next_u64(&rng);
        }
    qsort(first, S * R, sizeof *first, cmp_u64);
    for (size_t i = 1; i < S * R; i++)
        ck_assert_msg(first[i - 1] != first[i], "two streams share a first output");
    free(first);

    /* Streams of two replicates agree in about 1/2^64 of the draws: none of
     * 1000 should match. */
    fsq__rng a, b;
    fsq__rng_init(&a, 7, 0);
    fsq__rng_init(&b, 7, 1);
    int same = 0;
    for (int i = 0; i < 1000; i++)
        same += fsq__rng_next_u64(&a) == fsq__rng_next_u64(&b);
    ck_assert_int_eq(same, 0);
}
END_TEST

/* Pearson's chi-square of observed counts against equal expectations. */
static double chi_square(const unsigned long *counts, int k, unsigned long draws)
{
    double expected = (double)draws / k, chi = 0;
    for (int i = 0; i < k; i++)
        chi += ((double)counts[i] - expected) * ((double)counts[i] - expected) / expected;
    return chi;
}

START_TEST(test_rng__bounded_is_uniform_by_chi_square)
{
    /* 10^5 draws in [0, 10): chi-square with 9 degrees of freedom has mean 9
     * and exceeds 40 with probability < 1e-5; the stream is fixed, so the
     * test is deterministic anyway. */
    unsigned long counts[10] = {0};
    fsq__rng rng;
    fsq__rng_init(&rng, 1, 0);
    for (int i = 0; i < 100000; i++) {
        uint64_t v = fsq__rng_bounded(&rng, 10);
        ck_assert_uint_lt(v, 10);
        counts[v]++;
    }
    ck_assert_double_lt(chi_square(counts, 10, 100000), 40.0);

    /* n = 3 * 2^62: plain "x mod n" would give [0, 2^62) twice the weight of
     * each other third. Lemire's rejection keeps the three thirds equal. */
    const uint64_t n = UINT64_C(3) << 62;
    unsigned long thirds[3] = {0};
    for (int i = 0; i < 100000; i++) {
        uint64_t v = fsq__rng_bounded(&rng, n);
        ck_assert_uint_lt(v, n);
        thirds[v >> 62]++;
    }
    ck_assert_double_lt(chi_square(thirds, 3, 100000), 25.0);

    ck_assert_uint_eq(fsq__rng_bounded(&rng, 1), 0);
    ck_assert_uint_eq(fsq__rng_bounded(&rng, 0), 0);
}
END_TEST

START_TEST(test_rng__uniform_lies_in_unit_interval)
{
    fsq__rng rng;
    fsq__rng_init(&rng, 99, 5);
    double sum = 0;
    unsigned long deciles[10] = {0};
    for (int i = 0; i < 100000; i++) {
        double u = fsq__rng_uniform(&rng);
        ck_assert(u >= 0.0 && u < 1.0);
        sum += u;
        deciles[(int)(u * 10)]++;
    }
    ck_assert_double_eq_tol(sum / 100000, 0.5, 0.01);
    ck_assert_double_lt(chi_square(deciles, 10, 100000), 40.0);
}
END_TEST

/* ------------------------------------------------------------------------- */
/* resample                                                                  */
/* ------------------------------------------------------------------------- */

START_TEST(test_resample__bootstrap_sums_to_n_and_is_deterministic)
{
    enum { N = 57 };
    uint32_t a[N], b[N];
    for (uint64_t r = 0; r < 200; r++) {
        ck_assert_int_eq(fsq__resample_bootstrap(a, N, 11, r), 0);
        ck_assert_int_eq(fsq__resample_bootstrap(b, N, 11, r), 0);
        unsigned long sum = 0;
        for (int i = 0; i < N; i++)
            sum += a[i];
        ck_assert_uint_eq(sum, N);
        ck_assert_mem_eq(a, b, sizeof a);
    }
    /* Replicates differ from each other. */
    fsq__resample_bootstrap(a, N, 11, 0);
    fsq__resample_bootstrap(b, N, 11, 1);
    ck_assert(memcmp(a, b, sizeof a) != 0);

    /* The documented draw order, from the independent Python transcription:
     * seed 5, replicate 1, n = 6. */
    static const uint32_t expected[6] = {0, 2, 2, 0, 2, 0};
    uint32_t m6[6];
    ck_assert_int_eq(fsq__resample_bootstrap(m6, 6, 5, 1), 0);
    ck_assert_mem_eq(m6, expected, sizeof expected);

    ck_assert_int_eq(fsq__resample_bootstrap(m6, 0, 5, 1), FSQ_EINPUT);
}
END_TEST

START_TEST(test_resample__bootstrap_case_frequencies_are_uniform)
{
    /* Over 2000 replicates of n = 10, each case is drawn 2000 times on
     * average; chi-square over the 10 totals (9 df) stays small. */
    enum { N = 10 };
    unsigned long totals[N] = {0};
    uint32_t m[N];
    for (uint64_t r = 0; r < 2000; r++) {
        fsq__resample_bootstrap(m, N, 3, r);
        for (int i = 0; i < N; i++)
            totals[i] += m[i];
    }
    ck_assert_double_lt(chi_square(totals, N, 2000 * N), 40.0);
}
END_TEST

START_TEST(test_resample__subsample_is_zero_one_and_sums_to_m)
{
    enum { N = 40 };
    uint32_t a[N], b[N];
    for (size_t m = 0; m <= N; m += 3) {
        for (uint64_t r = 0; r < 50; r++) {
            ck_assert_int_eq(fsq__resample_subsample(a, N, m, 8, r), 0);
            ck_assert_int_eq(fsq__resample_subsample(b, N, m, 8, r), 0);
            ck_assert_mem_eq(a, b, sizeof a);
            size_t sum = 0;
            for (int i = 0; i < N; i++) {
                ck_assert_uint_le(a[i], 1);
                sum += a[i];
            }
            ck_assert_uint_eq(sum, m);
        }
    }
    ck_assert_int_eq(fsq__resample_subsample(a, N, N, 8, 0), 0);
    for (int i = 0; i < N; i++)
        ck_assert_uint_eq(a[i], 1);
    ck_assert_int_eq(fsq__resample_subsample(a, N, N + 1, 8, 0), FSQ_EINPUT);

    /* Documented draw order (Python transcription): seed 5, replicate 2,
     * 3 of 8. */
    static const uint32_t expected[8] = {0, 0, 0, 1, 1, 0, 1, 0};
    uint32_t m8[8];
    ck_assert_int_eq(fsq__resample_subsample(m8, 8, 3, 5, 2), 0);
    ck_assert_mem_eq(m8, expected, sizeof expected);
}
END_TEST

START_TEST(test_resample__subsample_draws_every_pair_equally_often)
{
    /* 2 of 5 without replacement: 10 possible subsets, each should appear
     * about 1/10 of the time. */
    unsigned long counts[32] = {0};
    uint32_t m[5];
    for (uint64_t r = 0; r < 20000; r++) {
        fsq__resample_subsample(m, 5, 2, 77, r);
        unsigned mask = 0;
        for (int i = 0; i < 5; i++)
            mask |= m[i] << i;
        counts[mask]++;
    }
    unsigned long pairs[10];
    int k = 0;
    for (unsigned mask = 0; mask < 32; mask++) {
        if (__builtin_popcount(mask) == 2)
            pairs[k++] = counts[mask];
        else
            ck_assert_uint_eq(counts[mask], 0);
    }
    ck_assert_int_eq(k, 10);
    ck_assert_double_lt(chi_square(pairs, 10, 20000), 40.0);
}
END_TEST

START_TEST(test_resample__jackknife_leaves_out_one_case)
{
    uint32_t m[6];
    for (size_t r = 0; r < 6; r++) {
        ck_assert_int_eq(fsq__resample_jackknife(m, 6, r), 0);
        for (size_t i = 0; i < 6; i++)
            ck_assert_uint_eq(m[i], i == r ? 0u : 1u);
    }
    ck_assert_int_eq(fsq__resample_jackknife(m, 6, 6), FSQ_EINPUT);
}
END_TEST

START_TEST(test_resample__binomial_counts_and_overflow)
{
    uint64_t c;
    ck_assert_int_eq(fsq__binomial(&c, 5, 2), 0);
    ck_assert_uint_eq(c, 10);
    ck_assert_int_eq(fsq__binomial(&c, 52, 5), 0);
    ck_assert_uint_eq(c, 2598960);
    ck_assert_int_eq(fsq__binomial(&c, 7, 0), 0);
    ck_assert_uint_eq(c, 1);
    ck_assert_int_eq(fsq__binomial(&c, 7, 7), 0);
    ck_assert_uint_eq(c, 1);
    ck_assert_int_eq(fsq__binomial(&c, 100, 3), 0);
    ck_assert_uint_eq(c, 161700);
    /* Values from Python's math.comb: C(67, 33) is the largest central
     * binomial below 2^64, C(68, 34) the first above. */
    ck_assert_int_eq(fsq__binomial(&c, 64, 32), 0);
    ck_assert_uint_eq(c, UINT64_C(1832624140942590534));
    ck_assert_int_eq(fsq__binomial(&c, 67, 33), 0);
    ck_assert_uint_eq(c, UINT64_C(14226520737620288370));
    ck_assert_int_eq(fsq__binomial(&c, 68, 34), FSQ_ELIMIT);
    ck_assert_int_eq(fsq__binomial(&c, 1000, 500), FSQ_ELIMIT);
    ck_assert_int_eq(fsq__binomial(&c, 3, 4), FSQ_EINPUT);
}
END_TEST

/* Advances a[0..k-1] to the next k-subset of {0..n-1} in lexicographic
 * order (the textbook algorithm, used as the oracle); 0 after the last. */
static int next_combination(size_t *a, size_t n, size_t k)
{
    size_t i = k;
    while (i > 0 && a[i - 1] == n - k + i - 1)
        i--;
    if (i == 0)
        return 0;
    a[i - 1]++;
    for (size_t j = i; j < k; j++)
        a[j] = a[j - 1] + 1;
    return 1;
}

START_TEST(test_resample__leave_k_out_enumerates_every_subset_once)
{
    enum { N = 9 };
    for (size_t k = 0; k <= N; k++) {
        uint64_t total;
        ck_assert_int_eq(fsq__binomial(&total, N, k), 0);
        unsigned char seen[1 << N] = {0};
        size_t oracle[N], got[N];
        for (size_t i = 0; i < k; i++)
            oracle[i] = i;
        for (uint64_t r = 0; r < total; r++) {
            uint32_t m[N];
            ck_assert_int_eq(fsq__resample_leave_k_out(m, N, k, r), 0);
            ck_assert_int_eq(fsq__combination_unrank(got, N, k, r), 0);
            unsigned mask = 0;
            for (size_t i = 0; i < N; i++)
                if (m[i] == 0)
                    mask |= 1u << i;
                else
                    ck_assert_uint_eq(m[i], 1);
            ck_assert_int_eq(__builtin_popcount(mask), (int)k);
            ck_assert_msg(!seen[mask], "k=%zu: subset %x repeated at r=%llu", k, mask,
                          (unsigned long long)r);
            seen[mask] = 1;
            /* r-th subset in lexicographic order, as the oracle lists them */
            for (size_t i = 0; i < k; i++) {
                ck_assert_uint_eq(got[i], oracle[i]);
                ck_assert_uint_eq(m[oracle[i]], 0);
            }
            int more = next_combination(oracle, N, k);
            ck_assert_int_eq(more, r + 1 < total);
        }
        size_t nseen = 0;
        for (unsigned mask = 0; mask < (1u << N); mask++)
            nseen += seen[mask];
        ck_assert_uint_eq(nseen, total);
        uint32_t m[N];
        ck_assert_int_eq(fsq__resample_leave_k_out(m, N, k, total), FSQ_EINPUT);
    }
}
END_TEST

START_TEST(test_resample__leave_k_out_unranks_large_counts)
{
    /* C(60, 30) = 118264581564861424 (Python math.comb). The last replicate
     * leaves out the last 30 cases, the first the first 30. */
    uint32_t m[60];
    uint64_t total;
    ck_assert_int_eq(fsq__binomial(&total, 60, 30), 0);
    ck_assert_uint_eq(total, UINT64_C(118264581564861424));
    ck_assert_int_eq(fsq__resample_leave_k_out(m, 60, 30, total - 1), 0);
    for (int i = 0; i < 60; i++)
        ck_assert_uint_eq(m[i], i < 30 ? 1u : 0u);
    ck_assert_int_eq(fsq__resample_leave_k_out(m, 60, 30, 0), 0);
    for (int i = 0; i < 60; i++)
        ck_assert_uint_eq(m[i], i < 30 ? 0u : 1u);
    /* Replicate C(59, 29) is the first subset without case 0: {1..30}. */
    uint64_t first_without_0;
    ck_assert_int_eq(fsq__binomial(&first_without_0, 59, 29), 0);
    size_t sub[30];
    ck_assert_int_eq(fsq__combination_unrank(sub, 60, 30, first_without_0), 0);
    for (int i = 0; i < 30; i++)
        ck_assert_uint_eq(sub[i], (size_t)i + 1);
}
END_TEST

/* ------------------------------------------------------------------------- */
/* protocol                                                                  */
/* ------------------------------------------------------------------------- */

/* Worked by hand. Ten cases, two test solutions.
 *
 *  case  IS   TS1  TS2  Y    TS_min TS_max core=min(IS,TS_min)  class
 *   1    .9   .8   .7   .8   .7     .8     .7   min(IS,TSmin)=.7, Y>.5: robust typical
 *   2    .8   .6   .9   .3   .6     .9     .6   min(IS,TSmin)=.6, Y<.5: robust deviant
 *   3    .7   .2   .6   .9   .2     .6     .2   min(IS,1-TSmin)=.7, Y>.5: shaky typical
 *   4    .6   .7   .4   .2   .4     .7     .4   min(IS,1-TSmin)=.6, Y<.5: shaky deviant
 *   5    .3   .6   .2   .7   .2     .6     .2   min(1-IS,TSmax)=.6, Y>.5: possible typical
 *   6    .2   .7   .8   .1   .7     .8     .2   min(1-IS,TSmax)=.8, Y<.5: possible deviant
 *   7    .1   .3   .2   .6   .2     .3     .1   min(1-IS,1-TSmax)=.7, Y>.5: extreme dev. cov.
 *   8    .4   .1   .3   .4   .1     .3     .1   min(1-IS,1-TSmax)=.6, Y<.5: irrelevant
 *   9    .9   .9  1.0  1.0   .9    1.0     .9   min(IS,TSmin)=.9, Y>.5: robust typical
 *  10    .7   .3   .8   .5   .3     .8     .3   shaky (min(IS,1-TSmin)=.7) but Y = .5:
 *                                              unclassified
 *
 *  sum IS = 5.6, sum Y = 5.5, sum min(IS,Y) = .8+.3+.7+.2+.3+.1+.1+.4+.9+.5 = 4.3
 *  sum core = 3.7, sum min(core,Y) = .7+.3+.2+.2+.2+.1+.1+.1+.9+.3 = 3.1
 *  incl(IS) = 4.3/5.6, cov(IS) = 4.3/5.5, incl(core) = 3.1/3.7, cov(core) = 3.1/5.5
 *  RF_cov  = cov(core)/cov(IS) = 3.1/4.3 = 0.72093...
 *  RF_cons = incl(IS)/incl(core) = (4.3*3.7)/(5.6*3.1) = 15.91/17.36 = 0.91647...
 *  RF_SC_min = sum min(IS,TSmin) / sum max(IS,TSmin) = 3.7 / 6.2
 *     (max: .9+.8+.7+.6+.3+.7+.2+.4+.9+.7 = 6.2)
 *  RF_SC_max = sum min(IS,TSmax) / sum max(IS,TSmax) = 5.3 / 7.1
 *     (min: .8+.8+.6+.6+.3+.2+.1+.3+.9+.7 = 5.3; max: .9+.9+.7+.7+.6+.8+.3+.4+1+.8 = 7.1)
 *  Classes: robust typical 2 (cases 1, 9), one each of the other seven, one
 *  unclassified (case 10). shaky (any Y) = 3 (cases 3, 4, 10), possible = 2
 *  (cases 5, 6).
 *  RCR_typ = 2 / (1 + 1 + 2) = 0.5; RCR_dev = 1 / (1 + 1 + 1) = 1/3;
 *  RCC_Rank = 4 (shaky and possible cases both exist). */
static const double hand_is[10] = {.9, .8, .7, .6, .3, .2, .1, .4, .9, .7};
static const double hand_ts1[10] = {.8, .6, .2, .7, .6, .7, .3, .1, .9, .3};
static const double hand_ts2[10] = {.7, .9, .6, .4, .2, .8, .2, .3, 1.0, .8};
static const double hand_y[10] = {.8, .3, .9, .2, .7, .1, .6, .4, 1.0, .5};

START_TEST(test_protocol__hand_worked_example)
{
    const double *ts[2] = {hand_ts1, hand_ts2};
    double ts_min[10], ts_max[10], core[10];
    unsigned char cls[10];
    fsq_robust_cases cases = {ts_min, ts_max, core, cls};
    fsq_robust_fit fit;
    ck_assert_int_eq(fsq_robust_protocol(&fit, hand_is, ts, 2, hand_y, 10, &cases), 0);

    const double tol = 1e-12;
    ck_assert_uint_eq(fit.ncases, 10);
    ck_assert_double_eq_tol(fit.incl_is, 4.3 / 5.6, tol);
    ck_assert_double_eq_tol(fit.cov_is, 4.3 / 5.5, tol);
    ck_assert_double_eq_tol(fit.incl_core, 3.1 / 3.7, tol);
    ck_assert_double_eq_tol(fit.cov_core, 3.1 / 5.5, tol);
    ck_assert_double_eq_tol(fit.rf_cov, 3.1 / 4.3, tol);
    ck_assert_double_eq_tol(fit.rf_cons, 15.91 / 17.36, tol);
    ck_assert_double_eq_tol(fit.rf_sc_min, 3.7 / 6.2, tol);
    ck_assert_double_eq_tol(fit.rf_sc_max, 5.3 / 7.1, tol);

    ck_assert_uint_eq(fit.nclass[FSQ_ROB_ROBUST_TYPICAL], 2);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_ROBUST_DEVIANT], 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_SHAKY_TYPICAL], 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_SHAKY_DEVIANT], 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_POSSIBLE_TYPICAL], 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_POSSIBLE_DEVIANT], 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_EXTREME_DEVIANT_COVERAGE], 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_IRRELEVANT], 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_UNCLASSIFIED], 1);
    ck_assert_uint_eq(fit.nshaky, 3);
    ck_assert_uint_eq(fit.npossible, 2);
    ck_assert_double_eq_tol(fit.rcr_typ, 0.5, tol);
    ck_assert_double_eq_tol(fit.rcr_dev, 1.0 / 3.0, tol);
    ck_assert_int_eq(fit.rcc_rank, 4);

    static const double e_min[10] = {.7, .6, .2, .4, .2, .7, .2, .1, .9, .3};
    static const double e_max[10] = {.8, .9, .6, .7, .6, .8, .3, .3, 1.0, .8};
    static const double e_core[10] = {.7, .6, .2, .4, .2, .2, .1, .1, .9, .3};
    static const unsigned char e_cls[10] = {
        FSQ_ROB_ROBUST_TYPICAL,   FSQ_ROB_ROBUST_DEVIANT,
        FSQ_ROB_SHAKY_TYPICAL,    FSQ_ROB_SHAKY_DEVIANT,
        FSQ_ROB_POSSIBLE_TYPICAL, FSQ_ROB_POSSIBLE_DEVIANT,
        FSQ_ROB_EXTREME_DEVIANT_COVERAGE, FSQ_ROB_IRRELEVANT,
        FSQ_ROB_ROBUST_TYPICAL,   FSQ_ROB_UNCLASSIFIED};
    for (int i = 0; i < 10; i++) {
        ck_assert(ts_min[i] == e_min[i]);
        ck_assert(ts_max[i] == e_max[i]);
        ck_assert(core[i] == e_core[i]);
        ck_assert_uint_eq(cls[i], e_cls[i]);
    }
    ck_assert_str_eq(fsq_robust_class_name(FSQ_ROB_SHAKY_DEVIANT), "shaky deviant");
    ck_assert_str_eq(fsq_robust_class_key(FSQ_ROB_POSSIBLE_TYPICAL), "s1S2Y");
    ck_assert_str_eq(fsq_robust_class_key(FSQ_ROB_IRRELEVANT), "s1s2y");
    ck_assert_ptr_null(fsq_robust_class_name(FSQ_ROB_NCLASSES));

    /* Without the optional outputs the measures are the same. */
    fsq_robust_fit again;
    ck_assert_int_eq(fsq_robust_protocol(&again, hand_is, ts, 2, hand_y, 10, NULL), 0);
    ck_assert(again.rf_cons == fit.rf_cons && again.rcc_rank == fit.rcc_rank);
}
END_TEST

START_TEST(test_protocol__min_and_max_combine_all_test_solutions)
{
    /* One case, three test solutions. SetMethods would combine only TS1 and
     * TS3 (min .7: robust typical); fsqca takes all three: TS_min = .2, so
     * the case is shaky typical, and TS_max = .9. By hand: core = min(.8, .2)
     * = .2; incl(core) = min(.2,.9)/.2 = 1; incl(IS) = .8/.8 = 1 -> RF_cons
     * = 1; cov(core) = .2/.9, cov(IS) = .8/.9 -> RF_cov = .25;
     * RF_SC_min = .2/.8 = .25; RF_SC_max = .8/.9. */
    static const double is[1] = {.8}, y[1] = {.9};
    static const double t1[1] = {.9}, t2[1] = {.2}, t3[1] = {.7};
    const double *ts[3] = {t1, t2, t3};
    double lo, hi;
    unsigned char cls;
    fsq_robust_cases cases = {&lo, &hi, NULL, &cls};
    fsq_robust_fit fit;
    ck_assert_int_eq(fsq_robust_protocol(&fit, is, ts, 3, y, 1, &cases), 0);
    ck_assert(lo == .2 && hi == .9);
    ck_assert_uint_eq(cls, FSQ_ROB_SHAKY_TYPICAL);
    ck_assert_double_eq_tol(fit.rf_cons, 1.0, 1e-12);
    ck_assert_double_eq_tol(fit.rf_cov, 0.25, 1e-12);
    ck_assert_double_eq_tol(fit.rf_sc_min, 0.25, 1e-12);
    ck_assert_double_eq_tol(fit.rf_sc_max, .8 / .9, 1e-12);
    /* shaky, no possible case: rank 3; RCR_typ = 0 / (1 + 0 + 0) = 0;
     * no deviant case at all: RCR_dev = 0/0 = NaN, as in R. */
    ck_assert_int_eq(fit.rcc_rank, 3);
    ck_assert_double_eq(fit.rcr_typ, 0.0);
    ck_assert(isnan(fit.rcr_dev));
}
END_TEST

START_TEST(test_protocol__identical_solutions_are_fully_robust)
{
    /* TS = IS: the core is IS, every fit ratio is 1, no shaky or possible
     * case (rank 1), every typical case is robust (RCR_typ = 1). */
    static const double is[4] = {.9, .7, .2, .1}, y[4] = {.8, .3, .6, .4};
    const double *ts[1] = {is};
    fsq_robust_fit fit;
    ck_assert_int_eq(fsq_robust_protocol(&fit, is, ts, 1, y, 4, NULL), 0);
    ck_assert_double_eq_tol(fit.rf_cov, 1, 1e-15);
    ck_assert_double_eq_tol(fit.rf_cons, 1, 1e-15);
    ck_assert_double_eq_tol(fit.rf_sc_min, 1, 1e-15);
    ck_assert_double_eq_tol(fit.rf_sc_max, 1, 1e-15);
    ck_assert_int_eq(fit.rcc_rank, 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_ROBUST_TYPICAL], 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_ROBUST_DEVIANT], 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_EXTREME_DEVIANT_COVERAGE], 1);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_IRRELEVANT], 1);
    ck_assert_double_eq(fit.rcr_typ, 1.0);
    ck_assert_double_eq(fit.rcr_dev, 1.0);

    /* A larger test solution: possible cases only -> rank 2. */
    static const double wide[4] = {.9, .7, .8, .1};
    ts[0] = wide;
    ck_assert_int_eq(fsq_robust_protocol(&fit, is, ts, 1, y, 4, NULL), 0);
    ck_assert_int_eq(fit.rcc_rank, 2);
    ck_assert_uint_eq(fit.nclass[FSQ_ROB_POSSIBLE_TYPICAL], 1);  /* case 3 */
}
END_TEST

START_TEST(test_protocol__rejects_values_outside_unit_interval)
{
    static const double is[2] = {.5, 1.2}, y[2] = {.5, .5}, ok[2] = {.1, .2};
    const double *ts[1] = {ok};
    fsq_robust_fit fit;
    ck_assert_int_eq(fsq_robust_protocol(&fit, is, ts, 1, y, 2, NULL), FSQ_EINPUT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "case 2"));
    static const double nan_ts[2] = {.1, NAN};
    ts[0] = nan_ts;
    ck_assert_int_eq(fsq_robust_protocol(&fit, ok, ts, 1, y, 2, NULL), FSQ_EINPUT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "test solution 1"));
    ck_assert_int_eq(fsq_robust_protocol(&fit, ok, ts, 0, y, 2, NULL), FSQ_EINPUT);
}
END_TEST

/* ------------------------------------------------------------------------- */
/* progress bar                                                              */
/* ------------------------------------------------------------------------- */

static char *read_back(FILE *f)
{
    long n = ftell(f);
    char *s = calloc((size_t)n + 1, 1);
    rewind(f);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n)
        s[0] = '\0';
    return s;
}

static int count_char(const char *s, char c)
{
    int n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

START_TEST(test_progress__draws_throttled_counts_rate_and_eta)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    fsq__progress p;
    fsq__progress_init_file(&p, 10, "replicates", f);
    p.start = 100.0; /* drive the clock by hand */
    fsq__progress_update_at(&p, 2, 101.0);  /* first update draws: 2/s, 8 left: ETA 0:04 */
    fsq__progress_update_at(&p, 3, 101.05); /* < 0.1 s later: throttled */
    fsq__progress_update_at(&p, 5, 101.09); /* still throttled */
    fsq__progress_update_at(&p, 6, 102.0);  /* draws: 3/s, ETA 0:01 (4/3 s) */
    fsq__progress_finish_at(&p, 105.0);     /* 6/10 in 5 s */
    fsq__progress_update_at(&p, 7, 110.0);  /* after finish: nothing */
    char *s = read_back(f);
    fclose(f);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(count_char(s, '\r'), 3);
    ck_assert_int_eq(count_char(s, '\n'), 1);
    ck_assert_ptr_nonnull(strstr(s, "replicates  2/10  20.0%  2.0/s  ETA 0:04"));
    ck_assert_ptr_nonnull(strstr(s, "replicates  6/10  60.0%  3.0/s  ETA 0:01"));
    /* one space pads over the longer previous line */
    ck_assert_ptr_nonnull(strstr(s, "\rreplicates  6/10  60.0%  in 0:05, 1.2/s \n"));
    ck_assert_ptr_null(strstr(s, "3/10"));
    ck_assert_ptr_null(strstr(s, "7/10"));
    ck_assert_int_eq(s[strlen(s) - 1], '\n');
    free(s);
}
END_TEST

START_TEST(test_progress__disabled_bar_writes_nothing)
{
    /* Under ctest stderr is not a terminal, so an enabled bar is silent too;
     * a NULL stream is the explicit off switch. */
    fsq__progress p;
    fsq__progress_init_file(&p, 5, "x", NULL);
    fsq__progress_update(&p, 3);
    fsq__progress_finish(&p);
    ck_assert_ptr_null(p.out);
    fsq__progress_init(&p, 5, "x", 0);
    ck_assert_ptr_null(p.out);
    fsq__progress_update(&p, 5);
    fsq__progress_finish(&p);
}
END_TEST

START_TEST(test_progress__shorter_line_is_padded_over_longer_one)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    fsq__progress p;
    fsq__progress_init_file(&p, 0, "n", f); /* unknown total: count and rate */
    p.start = 0;
    fsq__progress_update_at(&p, 123456, 1.0); /* "n  123456  123456.0/s" */
    fsq__progress_update_at(&p, 123456, 100.0); /* "n  123456  1234.6/s" + 2 spaces */
    char *s = read_back(f);
    fclose(f);
    ck_assert_str_eq(s, "\rn  123456  123456.0/s\rn  123456  1234.6/s  ");
    free(s);
}
END_TEST

static Suite *robust_suite(void)
{
    Suite *s = suite_create("fsq_robust");
    TCase *rng = tcase_create("rng");
    tcase_add_test(rng, test_rng__splitmix64_matches_published_reference_values);
    tcase_add_test(rng, test_rng__xoshiro256starstar_matches_reference_vector);
    tcase_add_test(rng, test_rng__stream_matches_documented_definition);
    tcase_add_test(rng, test_rng__same_seed_and_replicate_give_same_stream);
    tcase_add_test(rng, test_rng__different_replicates_and_seeds_differ);
    tcase_add_test(rng, test_rng__bounded_is_uniform_by_chi_square);
    tcase_add_test(rng, test_rng__uniform_lies_in_unit_interval);
    suite_add_tcase(s, rng);

    TCase *rs = tcase_create("resample");
    tcase_add_test(rs, test_resample__bootstrap_sums_to_n_and_is_deterministic);
    tcase_add_test(rs, test_resample__bootstrap_case_frequencies_are_uniform);
    tcase_add_test(rs, test_resample__subsample_is_zero_one_and_sums_to_m);
    tcase_add_test(rs, test_resample__subsample_draws_every_pair_equally_often);
    tcase_add_test(rs, test_resample__jackknife_leaves_out_one_case);
    tcase_add_test(rs, test_resample__binomial_counts_and_overflow);
    tcase_add_test(rs, test_resample__leave_k_out_enumerates_every_subset_once);
    tcase_add_test(rs, test_resample__leave_k_out_unranks_large_counts);
    suite_add_tcase(s, rs);

    TCase *pr = tcase_create("protocol");
    tcase_add_test(pr, test_protocol__hand_worked_example);
    tcase_add_test(pr, test_protocol__min_and_max_combine_all_test_solutions);
    tcase_add_test(pr, test_protocol__identical_solutions_are_fully_robust);
    tcase_add_test(pr, test_protocol__rejects_values_outside_unit_interval);
    suite_add_tcase(s, pr);

    TCase *pg = tcase_create("progress");
    tcase_add_test(pg, test_progress__draws_throttled_counts_rate_and_eta);
    tcase_add_test(pg, test_progress__disabled_bar_writes_nothing);
    tcase_add_test(pg, test_progress__shorter_line_is_padded_over_longer_one);
    suite_add_tcase(s, pg);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(robust_suite());
}
