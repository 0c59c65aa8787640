/* Per-replicate random streams for resampling.
 *
 * Replicate r of a run with seed s draws from its own generator, initialised
 * from (s, r) alone. A replicate's draws therefore do not depend on which
 * thread runs it, in which order, or on which machine: the whole definition
 * below uses only 64-bit unsigned arithmetic (wrapping mod 2^64).
 *
 * The generator, precisely (so that anyone can reproduce a replicate):
 *
 *   gamma  = 0x9E3779B97F4A7C15
 *   mix(z) : z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
 *            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
 *            return z ^ (z >> 31)                       (splitmix64's finaliser)
 *   splitmix64(&x) : x += gamma; return mix(x)          (Vigna's splitmix64.c)
 *
 *   Stream key, a 4-round Feistel network over (a, b) = (seed, replicate):
 *     a ^= mix(b + 1*gamma);  b ^= mix(a + 2*gamma);
 *     a ^= mix(b + 3*gamma);  b ^= mix(a + 4*gamma);
 *   A Feistel network is a bijection, so distinct (seed, replicate) pairs give
 *   distinct keys (a, b), and after four rounds each half depends on both.
 *
 *   xoshiro256** state: x = a; s0 = splitmix64(&x); s1 = splitmix64(&x);
 *                       y = b; s2 = splitmix64(&y); s3 = splitmix64(&y);
 *   (s0, s1) is a bijective function of a and (s2, s3) of b, so the state is
 *   never all zero and is injective in (seed, replicate).
 *
 *   next_u64 is xoshiro256** 1.0 (Blackman & Vigna):
 *     result = rotl(s1 * 5, 7) * 9;  t = s1 << 17;
 *     s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45);
 *
 *   uniform  : (next_u64 >> 11) * 2^-53, a double in [0, 1).
 *   bounded n: Lemire's multiply-and-reject method, exactly:
 *     x = next_u64; m = x * n (128-bit); lo = low 64 bits of m;
 *     if lo < n: t = (2^64 - n) mod n; while lo < t: x = next_u64; m = x * n;
 *                lo = low 64 bits of m;
 *     return high 64 bits of m                  (uniform on [0, n), unbiased)
 *
 * Thread safety: a generator is a plain value; give each replicate its own. */
#ifndef FSQ_ROBUST_RNG_H
#define FSQ_ROBUST_RNG_H

#include <stdint.h>

typedef struct {
    uint64_t s[4];
} fsq__rng;

/* One step of the reference splitmix64 generator: advances *state, returns
 * the next output. Seeded with 0 its first output is 0xE220A8397B1DCDAF. */
uint64_t fsq__splitmix64(uint64_t *state);

/* The stream of replicate `replicate` of a run seeded with `seed`. */
void fsq__rng_init(fsq__rng *rng, uint64_t seed, uint64_t replicate);

/* Sets the raw xoshiro256** state (not all zero); used by reference tests. */
void fsq__rng_set_state(fsq__rng *rng, const uint64_t state[4]);

uint64_t fsq__rng_next_u64(fsq__rng *rng);

/* A double in [0, 1) with 53 random bits. */
double fsq__rng_uniform(fsq__rng *rng);

/* An unbiased integer in [0, n); returns 0 when n == 0 without drawing. */
uint64_t fsq__rng_bounded(fsq__rng *rng, uint64_t n);

#endif
