/* The block chart that counting and listing work on, shared by count.c
 * (the chart, the listing walk, the block's count) and count_lp.c (the
 * count over the LP tree and its leaves). Internal to src/cover/. */
#ifndef FSQ_COVER_COUNT_INTERNAL_H
#define FSQ_COVER_COUNT_INTERNAL_H

#include <stdlib.h>

#include "cover/cover_internal.h"
#include "cover/mincount.h"

/* Memory of a counter's cache (one per block, and one per leaf of the LP
 * tree while that leaf is counted). */
#define FSQ__COUNT_CACHE_BYTES ((size_t)256 << 20)

/* The block's own chart, with the listing's stacks. */
typedef struct {
    size_t m, n, cw, pw, k;
    uint64_t *colpis;   /* m x pw */
    uint64_t *picols;   /* n x cw */
    double *y;          /* m LP duals, or NULL */
    size_t *pi_of;      /* n: the solver's PI index */
    size_t *col_of;     /* m: the solver's column */
    size_t *col_last;   /* m: highest PI on each column */
    uint64_t *stk_u;    /* (k + 1) x cw: uncovered columns per depth */
    uint64_t *above;    /* pw: PIs after the current one */
    size_t *chosen;     /* k */
    fsq__mc *mc;
} block_chart;

/* The chart's index of the solver's PI p, SIZE_MAX when p is not one of
 * its PIs (pi_of ascends). */
static inline size_t block_index(const block_chart *b, size_t p)
{
    const size_t *hit = bsearch(&p, b->pi_of, b->n, sizeof *b->pi_of, cmp_size);
    return hit ? (size_t)(hit - b->pi_of) : SIZE_MAX;
}

/* The chart's incidence (b->picols, b->colpis, b->col_last; the first two
 * zeroed, b->m, b->n, b->cw, b->pw set) from a larger chart's: PI i of b
 * is PI src[i] there (rows of scw words in spicols), its rows those of
 * `rows` there, row r becoming row_new[r]. */
static inline void chart_fill(block_chart *b, const uint64_t *spicols, size_t scw,
                              const size_t *src, const uint64_t *rows, const size_t *row_new)
{
    for (size_t i = 0; i < b->n; i++) {
        const uint64_t *pc = spicols + src[i] * scw;
        for (size_t w = 0; w < scw; w++)
            for (uint64_t bits = pc[w] & rows[w]; bits; bits &= bits - 1) {
                size_t j = row_new[w * 64 + (size_t)fsq__ctz64(bits)];
                bit_set(b->picols + i * b->cw, j);
                bit_set(b->colpis + j * b->pw, i);
                b->col_last[j] = i; /* i ascending: ends at the highest */
            }
    }
}

/* Room in *rows (*cap rows of k, n used) for one more: doubled when full,
 * never past max rows (0: no cap; the caller stops at it). 0, or -1
 * without memory (*rows unchanged). */
static inline int grow_rows(size_t **rows, size_t n, size_t *cap, size_t k, size_t max)
{
    if (n < *cap)
        return 0;
    size_t want = *cap ? 2 * *cap : 64;
    if (max && want > max)
        want = max;
    size_t *grown = realloc(*rows, want * (k ? k : 1) * sizeof *grown);
    if (!grown)
        return -1;
    *rows = grown;
    *cap = want;
    return 0;
}

/* The listing walks (count.c's of the block, count_lp.c's of a leaf) take
 * the PIs of a cover in increasing order. At rows U, no PI past the
 * smallest, over the columns of U, of the column's highest PI can be
 * next (some column would have no PI left). */
static inline size_t walk_last(const block_chart *b, const uint64_t *u)
{
    size_t last = SIZE_MAX;
    for (size_t w = 0; w < b->cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t hi = b->col_last[w * 64 + (size_t)fsq__ctz64(bits)];
            if (hi < last)
                last = hi;
        }
    return last;
}

/* The rows U without PI p's into uc; whether p is a step of a walk with
 * r PIs to go: it covers a row of U, and the last ones iff r is 1. */
static inline int walk_step(const block_chart *b, const uint64_t *u, size_t p, size_t r,
                            uint64_t *uc)
{
    const uint64_t *pc = b->picols + p * b->cw;
    uint64_t any = 0, left = 0;
    for (size_t w = 0; w < b->cw; w++) {
        any |= pc[w] & u[w];
        uc[w] = u[w] & ~pc[w];
        left |= uc[w];
    }
    return any && (r == 1) == !left;
}

/* The PIs of `of` (b->pw words; NULL: all b->n) after p, into out. */
static inline void pis_after(const block_chart *b, const uint64_t *of, size_t p, uint64_t *out)
{
    for (size_t v = 0; v < b->pw; v++) {
        uint64_t all = v + 1 < b->pw || !(b->n & 63) ? ~UINT64_C(0)
                                                      : (UINT64_C(1) << (b->n & 63)) - 1;
        uint64_t in = of ? of[v] : all;
        out[v] = v * 64 >= p + 1        ? in
                 : v * 64 + 64 <= p + 1 ? 0
                                        : in & ~((UINT64_C(1) << (p + 1 - v * 64)) - 1);
    }
}

/* Counts the covers of size b->k of the block `mask` (without the PIs of
 * root_x) over the LP tree, on its threads, into br->count, and drops
 * from br->always (every candidate a solver PI index of the block) the
 * PIs some cover avoids; the leaves list the first max_solutions covers
 * in lexicographic order into br->sols (s->list_full set at the cap).
 * Returns 0 or an FSQ_E* code (a limit: s->limit). */
int fsq__count_by_lp(solver *s, block_chart *b, const uint64_t *mask, const uint64_t *root_x,
                     block_result *br);

#endif
