/* Per-replicate random streams: splitmix64-derived keys feeding xoshiro256**.
 *
 * Contract: fsq__rng_init(seed, replicate) fixes the whole stream; the exact
 * definition, including the bounded-integer and uniform transforms, is in
 * rng.h so that results can be reproduced outside fsqca.
 * Complexity: O(1) per draw; fsq__rng_bounded rejects with probability
 * < n / 2^64 per draw. */
#include "robust/rng.h"

#define GAMMA UINT64_C(0x9E3779B97F4A7C15)

static uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t fsq__splitmix64(uint64_t *state)
{
    *state += GAMMA;
    return mix(*state);
}

void fsq__rng_init(fsq__rng *rng, uint64_t seed, uint64_t replicate)
{
    uint64_t a = seed, b = replicate;
    a ^= mix(b + 1 * GAMMA);
    b ^= mix(a + 2 * GAMMA);
    a ^= mix(b + 3 * GAMMA);
    b ^= mix(a + 4 * GAMMA);
    rng->s[0] = fsq__splitmix64(&a);
    rng->s[1] = fsq__splitmix64(&a);
    rng->s[2] = fsq__splitmix64(&b);
    rng->s[3] = fsq__splitmix64(&b);
}

void fsq__rng_set_state(fsq__rng *rng, const uint64_t state[4])
{
    for (int i = 0; i < 4; i++)
        rng->s[i] = state[i];
}

uint64_t fsq__rng_next_u64(fsq__rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double fsq__rng_uniform(fsq__rng *rng)
{
    return (double)(fsq__rng_next_u64(rng) >> 11) * 0x1.0p-53;
}

/* The full 128-bit product x * n as (hi, lo). */
static void mul_64x64(uint64_t x, uint64_t n, uint64_t *hi, uint64_t *lo)
{
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 u128;
    u128 m = (u128)x * n;
    *hi = (uint64_t)(m >> 64);
    *lo = (uint64_t)m;
#else
    uint64_t x0 = x & 0xFFFFFFFFu, x1 = x >> 32;
    uint64_t n0 = n & 0xFFFFFFFFu, n1 = n >> 32;
    uint64_t p00 = x0 * n0, p01 = x0 * n1, p10 = x1 * n0, p11 = x1 * n1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFFu) + (p10 & 0xFFFFFFFFu);
    *lo = (mid << 32) | (p00 & 0xFFFFFFFFu);
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
#endif
}

uint64_t fsq__rng_bounded(fsq__rng *rng, uint64_t n)
{
    if (n == 0)
        return 0;
    uint64_t hi, lo;
    mul_64x64(fsq__rng_next_u64(rng), n, &hi, &lo);
    if (lo < n) {
        /* (2^64 - n) mod n: the number of low products that would make some
         * outcome one more likely than the others; reject those. */
        uint64_t threshold = (0 - n) % n;
        while (lo < threshold)
            mul_64x64(fsq__rng_next_u64(rng), n, &hi, &lo);
    }
    return hi;
}
