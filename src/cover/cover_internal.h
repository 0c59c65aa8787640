/* Internal layout of the cover solver, shared by cover.c (reduction,
 * blocks, combination: the driver), cover_search.c (the branch and bound
 * for the minimum of one block) and count.c (counting and listing the
 * minimum covers of one block). See cover.c for the algorithm. */
#ifndef FSQ_COVER_COVER_INTERNAL_H
#define FSQ_COVER_COVER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <gmp.h>

#include "common/bits.h"

enum { LIMIT_NONE, LIMIT_TIME, LIMIT_NOMEM = -1 };

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

    size_t max_solutions; /* listing cap per block (0 = all) */
    int has_deadline;
    struct timespec deadline;
    double time_limit;
    uint64_t nodes;

    /* LP duals (per kept column, 0 where no LP ran) and reduced costs
     * d_p = 1 - sum of y over p's columns (per kept PI, 1 without an LP).
     * For every cover S of a block: |S| = LP + waste(S), waste(S) = sum
     * of d_p over S + sum of y_c (times c is covered - 1) >= 0, so a
     * partial cover whose waste exceeds (target - LP) is dead. */
    double *y, *dred;
    double *waste;        /* levels: waste of the PIs chosen above each depth */
    double lp_value;      /* LP value of the current block (0 without) */
    double gap;           /* target - lp_value, plus a rounding tolerance */
    int lp_nodes;         /* pass 1 solves LPs at its nodes */
    double *node_y;       /* levels x m: each node's dual solution (LP or ascent) */
    double *load;         /* n: scratch, dual load of each PI (cover_search.c) */
    const uint64_t *mask; /* the current block's columns */

    /* Counting and listing (count.c). */
    size_t *col_last;     /* m: highest PI index on each column */
    uint64_t *root_x;     /* pw: PIs in no minimum cover (reduced cost) */
    uint64_t *exact;      /* cw: columns every minimum cover covers once */
    int list_full;        /* the listing reached its cap */

    /* Parallel pass 1 (cover_search.c): threads (0 = OpenMP default); a
     * worker's copy shares the best size, stop and limit through `sh`;
     * `paused` unwinds a search that reached node_budget; frontier
     * collection records the nodes at split_depth instead of searching. */
    int threads;
    struct cover_shared *sh;
    uint64_t node_budget;
    int paused;
    size_t split_depth;
    struct cover_frontier *fr;
} solver;

typedef struct {
    size_t k;             /* size of each block solution */
    size_t nsols;         /* listed: the first ones in lexicographic order */
    size_t *sols;         /* nsols x k kept-PI indices, each row sorted */
    mpz_t count;          /* every minimum cover of the block */
    size_t nalways;       /* kept PIs in every minimum cover of the block */
    size_t *always;
    size_t lb;            /* root lower bound: max(combinatorial, LP) */
    size_t lp;            /* the LP bound, when it was computed (else 0) */
    double lp_value;      /* its LP value (0 without) */
    int proof;            /* FSQ__PROOF_* */
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

/* qsort order of size_t values, ascending. */
static inline int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* A sort key: rank, then index, ascending (cmp_rank_key). */
typedef struct {
    size_t rank, index;
} rank_key;

static inline int cmp_rank_key(const void *a, const void *b)
{
    const rank_key *x = a, *y = b;
    if (x->rank != y->rank)
        return (x->rank > y->rank) - (x->rank < y->rank);
    return (x->index > y->index) - (x->index < y->index);
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

/* Bits set in both a and b. */
static inline size_t count_common(const uint64_t *a, const uint64_t *b, size_t nwords)
{
    size_t c = 0;
    for (size_t w = 0; w < nwords; w++)
        c += (size_t)fsq__popcount64(a[w] & b[w]);
    return c;
}

int fsq__cover_timed_out(const solver *s);

/* The threads the solver's parallel phases run on: s->threads, or
 * OpenMP's default when it is 0 (1 without OpenMP). */
int fsq__cover_threads(const solver *s);
/* Seconds left before the deadline, at least 1 ms (0: no deadline), for
 * the time limit of a GLPK call. */
double fsq__cover_seconds_left(const solver *s);
/* Counts a node; checks the clock every 1024 nodes. Returns 1 to unwind. */
int fsq__cover_tick(solver *s);
/* Scans U with X excluded: 0 when some column of U has no PI left, else
 * the column to branch on and a lower bound (cover_search.c). */
int fsq__cover_evaluate(solver *s, const uint64_t *u, const uint64_t *x, size_t *branch,
                        size_t *lb);
/* The waste (see solver.y) that choosing PI p adds when U is uncovered. */
static inline double pi_waste(const solver *s, size_t p, const uint64_t *u)
{
    double w = s->dred[p];
    const uint64_t *pc = s->picols + p * s->cw;
    for (size_t v = 0; v < s->cw; v++)
        for (uint64_t bits = pc[v] & s->mask[v] & ~u[v]; bits; bits &= bits - 1)
            w += s->y[v * 64 + (size_t)fsq__ctz64(bits)];
    return w;
}

/* Lists the PIs of column c outside X into cand; returns how many. */
size_t fsq__cover_candidates(const solver *s, size_t c, const uint64_t *x, size_t *cand);
/* Makes the search stacks at least `levels` deep. */
int fsq__cover_ensure_levels(solver *s, size_t levels);

/* The minimum size of one block (its columns in `mask`) into br->k, with
 * its proof (cover_search.c). picks and left are scratch of n and cw
 * entries. */
int fsq__cover_block_minimum(solver *s, const uint64_t *mask, size_t *picks, uint64_t *left,
                             block_result *br);
/* A cover of the block smaller than the n PIs of `picks` (a cover of it,
 * without redundant PIs), by local search over the PIs outside X, into
 * picks; returns its size, at least lb (cover_local.c). */
size_t fsq__cover_local_search(solver *s, const uint64_t *mask, const uint64_t *x, size_t *picks,
                               size_t n, size_t lb);
/* Counts every cover of size br->k of the block and lists the first
 * s->max_solutions of them in lexicographic order (count.c). */
int fsq__cover_block_count(solver *s, const uint64_t *mask, block_result *br);

#endif
