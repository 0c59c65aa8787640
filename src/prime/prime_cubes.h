/* Prime implicants of functions given as covers of cubes (cube mode).
 *
 * For two-level problems whose cubes hold too many points to enumerate (a
 * PLA with 40 inputs and ON cubes full of dashes): the function is a cover,
 * a list of cubes over k <= 64 binary inputs, and everything is computed on
 * cubes by Shannon recursion (the unate recursive paradigm of Brayton et
 * al., "Logic Minimization Algorithms for VLSI Synthesis", 1984):
 *
 *   complement(F) = x' complement(F_x') + x complement(F_x)
 *   primes(F)     = SCC(x' primes(F_x') + x primes(F_x)
 *                       + { p q : p in primes(F_x'), q in primes(F_x) })
 *
 * splitting on the most binate input; a unate cover that no cube of it
 * contains another ("SCC-minimal") is the set of all its primes, which ends
 * the prime recursion, and a single cube's complement is De Morgan's.
 * Exact: every prime is found. Limits: max_cubes bounds every intermediate
 * cover and time_limit the wall time; reaching one is FSQ_ELIMIT naming
 * it, with no partial result.
 */
#ifndef FSQ_PRIME_PRIME_CUBES_H
#define FSQ_PRIME_PRIME_CUBES_H

#include <stddef.h>
#include <stdint.h>

/* A cube as two masks, bit k-1-j = input j (so a point's numeric order is
 * QCA's row order): the input is fixed where care has a 1, to value's bit. */
typedef struct {
    uint64_t care, value;
} fsq__bcube;

typedef struct {
    fsq__bcube *c;
    size_t n, cap;
} fsq__bcover;

typedef struct {
    size_t k;          /* 1..64 inputs */
    size_t max_cubes;  /* 0 = none */
    double time_limit; /* seconds, 0 = none */
    double start;      /* fsq__pi_now() at the start (set by the caller) */
} fsq__bcube_limits;

static inline int fsq__bcube_meets(fsq__bcube a, fsq__bcube b)
{
    return ((a.value ^ b.value) & a.care & b.care) == 0;
}

/* 1 if a contains b (every point of b is in a). */
static inline int fsq__bcube_contains(fsq__bcube a, fsq__bcube b)
{
    return (a.care & ~b.care) == 0 && ((a.value ^ b.value) & a.care) == 0;
}

void fsq__bcover_free(fsq__bcover *c);
int fsq__bcover_push(fsq__bcover *c, fsq__bcube q);

/* The complement of the n cubes f as a new cover in *out (SCC-minimal). */
int fsq__bcubes_complement(const fsq__bcube *f, size_t n, const fsq__bcube_limits *lim,
                           fsq__bcover *out);
/* Every prime implicant of the function covered by the n cubes f, as a new
 * cover in *out (order unspecified). */
int fsq__bcubes_primes(const fsq__bcube *f, size_t n, const fsq__bcube_limits *lim,
                       fsq__bcover *out);

/* *covered = 1 if the cube q lies inside the union of the n cubes f. */
int fsq__bcubes_cover_cube(const fsq__bcube *f, size_t n, fsq__bcube q, size_t k, int *covered);

#endif
