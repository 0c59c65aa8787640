/* Minimum covers of a residual chart, counted exactly (internal interface
 * of src/cover/, used by count.c). See mincount.c for the algorithm.
 *
 * A chart of m rows (the columns of the cover problem: ON rows) and n PIs,
 * given both ways as bitsets: colpis (m x pw words: the PIs covering each
 * row) and picols (n x cw words: the rows each PI covers), borrowed, not
 * copied. A query is a residual problem: the rows U still to cover, the
 * PIs F allowed, and a budget b; the answer is the minimum size of a cover
 * of U by PIs of F when it is at most b, and the number of covers of that
 * size (a GMP integer), or "more than b". */
#ifndef FSQ_COVER_MINCOUNT_H
#define FSQ_COVER_MINCOUNT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <gmp.h>

typedef struct fsq__mc fsq__mc;

/* "More than the budget": no cover of U by F within it. */
#define FSQ__MC_NONE SIZE_MAX

/* A counter for the chart. y: m dual values of the chart's LP relaxation,
 * dual feasible (every PI's rows sum to at most 1), or NULL; they give the
 * lower bound sum of y over U (weak duality) and prune PIs by reduced cost.
 * cache_bytes caps the memory of the cache of counted subproblems (the
 * cache is emptied when it fills: slower, never wrong). deadline: NULL or
 * a CLOCK_MONOTONIC time after which queries stop (fsq__mc_limit). Returns
 * 0 or FSQ_ENOMEM. */
int fsq__mc_new(fsq__mc **out, size_t m, size_t n, const uint64_t *colpis,
                const uint64_t *picols, const double *y, size_t cache_bytes,
                const struct timespec *deadline);
void fsq__mc_free(fsq__mc *mc);

/* The minimum size of a cover of U (cw words) by PIs of F (pw words) if it
 * is at most budget, with the number of covers of that size in count;
 * otherwise FSQ__MC_NONE (count 0). After a limit (time, memory: see
 * fsq__mc_limit) the answer is FSQ__MC_NONE and means nothing. */
size_t fsq__mc_solve(fsq__mc *mc, const uint64_t *u, const uint64_t *f, size_t budget,
                     mpz_t count);

/* fsq__mc_solve with the dual values y (m, dual feasible for U and F)
 * instead of the counter's own, for this query only (the cache's answers
 * do not depend on the duals: they only bound the search). */
size_t fsq__mc_solve_with(fsq__mc *mc, const uint64_t *u, const uint64_t *f, size_t budget,
                          const double *y, mpz_t count);

/* Whether U has a cover by PIs of F within the budget: the size of one
 * that fits (not always the minimum) or FSQ__MC_NONE. Cheaper than
 * fsq__mc_solve: it stops at the first cover found and counts nothing. */
size_t fsq__mc_decide(fsq__mc *s, const uint64_t *u, const uint64_t *f, size_t budget);

/* fsq__mc_decide with the dual values y instead of the counter's own. */
size_t fsq__mc_decide_with(fsq__mc *s, const uint64_t *u, const uint64_t *f, size_t budget,
                           const double *y);

/* 0, or the LIMIT_* (cover_internal.h) that stopped a query. */
int fsq__mc_limit(const fsq__mc *mc);
/* Search nodes so far (for benchmarks and the time check). */
uint64_t fsq__mc_nodes(const fsq__mc *mc);

#endif
