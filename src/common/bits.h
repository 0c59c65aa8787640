/* Bit kernels shared by the truth table, the prime-implicant search and the
 * cover solver.
 *
 * Layout. A configuration over k conditions is a row of bits: condition j
 * occupies a field of w_j bits (w_j = 1 for binary conditions, enough bits for
 * the largest level of a multi-value one), fields packed from bit 0 upward in
 * condition order, spilling into further 64-bit words when needed. A cube
 * (implicant) is a pair of rows (care, value): care has every bit of each
 * fixed condition's field set, value holds the fixed levels. Cube c contains
 * configuration m iff ((m ^ c.value) & c.care) == 0 in every word. */
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

static inline int fsq__cube_contains(const uint64_t *care, const uint64_t *value,
                                     const uint64_t *m, size_t nwords)
{
    uint64_t diff = 0;
    for (size_t w = 0; w < nwords; w++)
        diff |= (m[w] ^ value[w]) & care[w];
    return diff == 0;
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

/* Reads and writes a w-bit field at bit offset `off` in a row. Fields never
 * straddle words: the packer starts a new word when a field does not fit. */
static inline unsigned fsq__field_get(const uint64_t *row, unsigned off, unsigned w)
{
    return (unsigned)((row[off >> 6] >> (off & 63)) & ((UINT64_C(1) << w) - 1));
}

static inline void fsq__field_set(uint64_t *row, unsigned off, unsigned w, unsigned v)
{
    uint64_t mask = ((UINT64_C(1) << w) - 1) << (off & 63);
    row[off >> 6] = (row[off >> 6] & ~mask) | (((uint64_t)v << (off & 63)) & mask);
}

#endif
