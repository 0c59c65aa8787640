/* Internal layout of the cover solver, shared by cover.c (reduction,
 * blocks, combination: the driver) and cover_search.c (the branch and bound
 * searches on one block). See cover.c for the algorithm. */
#ifndef FSQ_COVER_COVER_INTERNAL_H
#define FSQ_COVER_COVER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "common/bits.h"

enum { LIMIT_NONE, LIMIT_SOLUTIONS, LIMIT_TIME };

typedef struct {
    /* The reduced chart: kept columns 0..m-1 (ascending degree) and kept PIs
     * 0..n-1 (ascending original index, so orders carry over). */
    size_t m, cw;         /* columns, words per column bitset */
    size_t n, pw;         /* PIs, words per PI bitset */
    uint64_t *colpis;     /* m x pw: PIs covering each column */
    uint64_t *picols;     /* n x cw: columns each PI covers */
    size_t *pi_orig;      /* n: index in the caller's chart */
    size_t maxdeg;        /* largest number of PIs on one column */

    /* Search stacks, `levels` deep. */
    size_t levels;
    uint64_t *stk_u;      /* levels x cw: uncovered columns */
    uint64_t *stk_x;      /* levels x pw: excluded PIs */
    size_t *stk_cand;     /* levels x maxdeg: PIs to branch on */
    size_t *stk_score;    /* levels x maxdeg: new columns of each (pass 1) */
    uint64_t *acc;        /* pw: PIs used by the lower-bound columns */
    uint64_t *alive;      /* pw: the PIs that exist (bits below n) */
    size_t *hist;         /* m + 1: coverage histogram for the second bound */
    size_t *chosen;       /* levels: PIs chosen on the current path */

    size_t best;          /* pass 1: smallest cover found so far */
    size_t root_lb;       /* pass 1: stop once best reaches it */
    size_t target;        /* pass 2: the size to enumerate */
    int stop;             /* pass 1 is done */
    int limit;            /* LIMIT_* that stopped the search */

    size_t *sols;         /* pass 2: nsols x target kept-PI indices */
    size_t nsols, cap;

    size_t max_solutions;
    int has_deadline;
    struct timespec deadline;
    uint64_t nodes;
} solver;

typedef struct {
    size_t k;             /* size of each block solution */
    size_t nsols;
    size_t *sols;         /* nsols x k kept-PI indices, each row sorted */
} block_result;

static inline int bit_get(const uint64_t *set, size_t i)
{
    return (int)((set[i >> 6] >> (i & 63)) & 1);
}

static inline void bit_set(uint64_t *set, size_t i)
{
    set[i >> 6] |= UINT64_C(1) << (i & 63);
}

static inline void bit_clear(uint64_t *set, size_t i)
{
    set[i >> 6] &= ~(UINT64_C(1) << (i & 63));
}

static inline int is_empty(const uint64_t *set, size_t nwords)
{
    for (size_t w = 0; w < nwords; w++)
        if (set[w])
            return 0;
    return 1;
}

static inline size_t count_bits(const uint64_t *set, size_t nwords)
{
    size_t c = 0;
    for (size_t w = 0; w < nwords; w++)
        c += (size_t)fsq__popcount64(set[w]);
    return c;
}

/* Solves one block (its columns in `mask`) into *br: the minimum size, then
 * every cover of that size (cover_search.c). picks and left are scratch of
 * n and cw entries. */
int fsq__cover_solve_block(solver *s, const uint64_t *mask, size_t *picks, uint64_t *left,
                           block_result *br);

#endif
