/* The block chart that counting and listing work on, shared by count.c
 * (the chart, the listing walk, the block's count) and count_lp.c (the
 * count over the LP tree and its leaves). Internal to src/cover/. */
#ifndef FSQ_COVER_COUNT_INTERNAL_H
#define FSQ_COVER_COUNT_INTERNAL_H

#include "cover/cover_internal.h"
#include "cover/mincount.h"

/* Memory of a counter's cache (one per block, and per thread of the LP
 * tree). */
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
    int rc;             /* an error in a decision */
} block_chart;

/* The block's index of the solver's PI p (one of the block's). */
static inline size_t block_index(const block_chart *b, size_t p)
{
    size_t i = 0;
    while (b->pi_of[i] != p)
        i++;
    return i;
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
