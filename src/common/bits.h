/* Bit helpers shared by the prime-implicant search, the cover solver and
 * the minimization driver: one wrapper per hardware operation.
 *
 * Layouts they serve: a set of up to 64 conditions is one uint64_t (bit j =
 * condition j: the PI search's difference sets and candidate sets); a set of
 * rows or PIs is an array of uint64_t words (bit i of word i / 64: the PI
 * chart, per-literal row sets). Configurations and cubes themselves are
 * "digit" rows, one byte per condition (see src/prime/prime.h). */
#ifndef FSQ_COMMON_BITS_H
#define FSQ_COMMON_BITS_H

#include <stddef.h>
#include <stdint.h>

static inline int fsq__popcount64(uint64_t x)
{
    return __builtin_popcountll(x);
}

/* Index of the lowest set bit; x must be nonzero. */
static inline int fsq__ctz64(uint64_t x)
{
    return __builtin_ctzll(x);
}

/* Number of 64-bit words for nbits bits (at least 1). */
static inline size_t fsq__words_for_bits(size_t nbits)
{
    return nbits ? (nbits + 63) / 64 : 1;
}

/* Bits needed to store levels 0..levels-1 (1 for binary). */
static inline unsigned fsq__bits_for_levels(unsigned levels)
{
    unsigned b = 1;
    while ((1u << b) < levels)
        b++;
    return b;
}

#endif
