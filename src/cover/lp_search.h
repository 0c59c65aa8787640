/* LP-based branch and bound for the minimum of one block of the chart
 * (internal interface of src/cover/; see lp_search.c). */
#ifndef FSQ_COVER_LP_SEARCH_H
#define FSQ_COVER_LP_SEARCH_H

#include "cover/cover_internal.h"

/* The threads the LP search runs on: the solver's (fsq__cover_threads),
 * or 1 inside a parallel region. */
int fsq__cover_lp_threads(const solver *s);

/* Searches the block's columns `mask` over the PIs outside X for a cover
 * smaller than s->best, on fsq__cover_lp_threads(s) threads, lowering
 * s->best to the smallest one found. With 0 returned and s->limit unset,
 * the search was exhaustive: s->best is the minimum. At the deadline
 * s->limit = LIMIT_TIME (LIMIT_NOMEM without memory for the search
 * stack). Adds its nodes to s->nodes. Returns 0, FSQ_ENOMEM,
 * FSQ_EUNSUPPORTED (a block too big for GLPK) or FSQ_EINTERNAL (GLPK
 * failed). */
int fsq__cover_lp_search(solver *s, const uint64_t *mask, const uint64_t *x);

/* A leaf of the counting tree: the covers of size k that hold every PI of
 * in (n_in of them) and otherwise only PIs of free_pis (s->pw words
 * each); y (s->m, by solver column, 0 outside the block and on the columns
 * in covers) is dual feasible for the rows left and the free PIs. Returns
 * 0 to go on, 1 to end the search (the callback keeps why). */
typedef int (*fsq__cover_lp_leaf)(void *ctx, const uint64_t *in, size_t n_in,
                                  const uint64_t *free_pis, const double *y);

/* How close to k a counting node's bound is for it to be a leaf (PIs). */
extern double fsq__cover_leaf_slack;

/* The LP search deletes the GLPK columns its node does not need (fixed
 * at 0, or dominated) when they pass those it needs by this many. */
extern size_t fsq__cover_lp_compact;

/* Splits the covers of size at most k of the block `mask` over the PIs
 * outside X by the same branch and bound: nodes whose bound passes k are
 * cut, and a node whose bound is within fsq__cover_leaf_slack of k (or
 * whose LP is integral) is a leaf, handed to `leaf`. Every cover of size
 * at most k is in exactly one leaf. The tree runs on nctx threads, thread
 * t calling `leaf` with ctx[t] (ctx[0] from the calling thread), so each
 * context sees the leaves of its thread only. Returns as
 * fsq__cover_lp_search (s->limit set at a limit). */
int fsq__cover_lp_count(solver *s, const uint64_t *mask, const uint64_t *x, size_t k,
                        fsq__cover_lp_leaf leaf, void *const *ctx, int nctx);

#endif
