/* Resampling schemes: bootstrap, subsampling, jackknife, leave-k-out.
 *
 * Contract: each function fills mult[0..n-1] with case multiplicities; the
 * random ones draw from fsq__rng_init(seed, replicate) in the order written
 * in resample.h, so a replicate is reproducible on its own.
 * Invariants: bootstrap sums to n; subsample is 0/1 and sums to m; jackknife
 * and leave-k-out are 0/1 with exactly 1 and k zeros.
 * Complexity: bootstrap O(n), subsample O(n) (clear) + O(m) draws,
 * leave-k-out O(n * min(k, n-k)) for the unranking. */
#include <stdlib.h>
#include "robust/resample.h"

#include <string.h>

#include "common/error.h"
#include "robust/rng.h"

static int check_size(size_t n)
{
    if (n == 0)
        return fsq__error(FSQ_EINPUT, "resample: no cases");
    if ((uint64_t)n > UINT32_MAX)
        return fsq__error(FSQ_EINPUT, "resample: %zu cases exceed the limit of %lu", n,
                          (unsigned long)UINT32_MAX);
    return 0;
}

int fsq__resample_bootstrap(uint32_t *mult, size_t n, uint64_t seed, uint64_t replicate)
{
    int rc = check_size(n);
    if (rc)
        return rc;
    fsq__rng rng;
    fsq__rng_init(&rng, seed, replicate);
    memset(mult, 0, n * sizeof *mult);
    for (size_t j = 0; j < n; j++)
        mult[fsq__rng_bounded(&rng, n)]++;
    return 0;
}

int fsq__resample_subsample(uint32_t *mult, size_t n, size_t m, uint64_t seed,
                            uint64_t replicate)
{
    int rc = check_size(n);
    if (rc)
        return rc;
    if (m > n)
        return fsq__error(FSQ_EINPUT, "subsample: cannot draw %zu of %zu cases", m, n);
    fsq__rng rng;
    fsq__rng_init(&rng, seed, replicate);
    memset(mult, 0, n * sizeof *mult);
    /* Floyd: after the step for j, exactly j - (n - m) + 1 of cases 0..j are
     * chosen, each (j+1 choose that many) subset equally likely. */
    for (size_t j = n - m; j < n; j++) {
        size_t t = (size_t)fsq__rng_bounded(&rng, (uint64_t)j + 1);
        if (mult[t])
            mult[j] = 1;
        else
            mult[t] = 1;
    }
    return 0;
}

int fsq__resample_jackknife(uint32_t *mult, size_t n, size_t left_out)
{
    int rc = check_size(n);
    if (rc)
        return rc;
    if (left_out >= n)
        return fsq__error(FSQ_EINPUT, "jackknife: case %zu out of range (%zu cases)",
                          left_out, n);
    for (size_t i = 0; i < n; i++)
        mult[i] = 1;
    mult[left_out] = 0;
    return 0;
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

int fsq__binomial(uint64_t *out, uint64_t n, uint64_t k)
{
    *out = 0;
    if (k > n)
        return fsq__error(FSQ_EINPUT, "C(%llu, %llu): k exceeds n", (unsigned long long)n,
                          (unsigned long long)k);
    if (k > n - k)
        k = n - k;
    /* c_i = C(n-k+i, i) for i = 0..k; c_{i+1} = c_i * (n-k+i+1) / (i+1).
     * Dividing c_i and i+1 by their gcd first keeps every intermediate at most
     * the final value times (n-k+i+1)/((i+1)/g) exactly, and the division exact
     * ((i+1)/g is coprime to c_i/g, so it divides n-k+i+1). */
    uint64_t c = 1;
    for (uint64_t i = 0; i < k; i++) {
        uint64_t num = n - k + i + 1, den = i + 1;
        uint64_t g = gcd(c, den);
        uint64_t cg = c / g, dg = den / g;
        uint64_t q = num / dg;
        if (cg != 0 && q > UINT64_MAX / cg)
            return fsq__error(FSQ_ELIMIT,
                              "C(%llu, %llu) exceeds 2^64: too many leave-k-out replicates",
                              (unsigned long long)n, (unsigned long long)k);
        c = cg * q;
    }
    *out = c;
    return 0;
}

int fsq__combination_unrank(size_t *subset, size_t n, size_t k, uint64_t r)
{
    uint64_t total;
    int rc = fsq__binomial(&total, n, k);
    if (rc)
        return rc;
    if (r >= total)
        return fsq__error(FSQ_EINPUT, "leave-%zu-out: replicate %llu out of range (%llu)", k,
                          (unsigned long long)r, (unsigned long long)total);
    /* Position i takes the smallest c >= previous + 1 such that r falls
     * among the C(n-c-1, k-i-1) subsets that continue with c; each skipped c
     * subtracts its block. Every block size is <= C(n, k), so no overflow. */
    size_t c = 0;
    for (size_t i = 0; i < k; i++, c++) {
        for (;;) {
            uint64_t block;
            rc = fsq__binomial(&block, n - c - 1, k - i - 1);
            if (rc)
                return rc;
            if (r < block)
                break;
            r -= block;
            c++;
        }
        subset[i] = c;
    }
    return 0;
}

int fsq__resample_leave_k_out(uint32_t *mult, size_t n, size_t k, uint64_t replicate)
{
    int rc = check_size(n);
    if (rc)
        return rc;
    if (k > n)
        return fsq__error(FSQ_EINPUT, "leave-%zu-out: only %zu cases", k, n);
    /* The r-th subset (range checked there), then zeros at its cases. */
    size_t *subset = malloc((k ? k : 1) * sizeof *subset);
    if (!subset)
        return fsq__nomem();
    rc = fsq__combination_unrank(subset, n, k, replicate);
    if (!rc) {
        for (size_t i = 0; i < n; i++)
            mult[i] = 1;
        for (size_t i = 0; i < k; i++)
            mult[subset[i]] = 0;
    }
    free(subset);
    return rc;
}
