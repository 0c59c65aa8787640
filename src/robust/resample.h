/* Resampling schemes as case multiplicities.
 *
 * Memberships do not change under resampling, so a replicate is a vector of
 * case multiplicities mult[0..n-1] (how many times case i is in the sample);
 * truth-table sums become weighted sums. Each random scheme is deterministic
 * in (seed, replicate): it draws only from fsq__rng_init(seed, replicate),
 * in the documented order, so any thread may compute any replicate.
 *
 * All functions return 0 or FSQ_EINPUT (bad sizes) / FSQ_ELIMIT (a count
 * that does not fit in 64 bits), with the message set. `mult` must hold n
 * entries; it is overwritten. n must be at most UINT32_MAX. */
#ifndef FSQ_ROBUST_RESAMPLE_H
#define FSQ_ROBUST_RESAMPLE_H

#include <stddef.h>
#include <stdint.h>

/* Bootstrap with replacement: n draws; draw j adds 1 to
 * mult[fsq__rng_bounded(rng, n)], j = 0..n-1. sum(mult) == n. n >= 1. */
int fsq__resample_bootstrap(uint32_t *mult, size_t n, uint64_t seed, uint64_t replicate);

/* m of n cases without replacement (Floyd's algorithm): for j = n-m .. n-1,
 * t = fsq__rng_bounded(rng, j + 1); if case t is already chosen choose case
 * j, else choose t. mult is 0/1 with sum m. 0 <= m <= n. */
int fsq__resample_subsample(uint32_t *mult, size_t n, size_t m, uint64_t seed,
                            uint64_t replicate);

/* Jackknife leave-one-out: every case once except case `left_out` (0-based,
 * < n), which is 0. */
int fsq__resample_jackknife(uint32_t *mult, size_t n, size_t left_out);

/* *out = C(n, k), the number of leave-k-out replicates; FSQ_ELIMIT if it
 * exceeds 2^64 - 1, FSQ_EINPUT if k > n. */
int fsq__binomial(uint64_t *out, uint64_t n, uint64_t k);

/* Leave-k-out: replicate r (0-based, r < C(n, k)) leaves out the r-th k-subset
 * of {0..n-1} in lexicographic order ({0..k-1} first, {n-k..n-1} last);
 * every other case is once in the sample. */
int fsq__resample_leave_k_out(uint32_t *mult, size_t n, size_t k, uint64_t replicate);

/* The r-th k-subset of {0..n-1} in lexicographic order, ascending, into
 * subset[0..k-1]. Same rules as fsq__resample_leave_k_out. */
int fsq__combination_unrank(size_t *subset, size_t n, size_t k, uint64_t r);

#endif
