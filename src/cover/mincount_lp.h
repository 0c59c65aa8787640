/* LP bounds of subproblems of a block's chart (internal interface of
 * src/cover/; see mincount_lp.c). */
#ifndef FSQ_COVER_MINCOUNT_LP_H
#define FSQ_COVER_MINCOUNT_LP_H

#include <stddef.h>
#include <stdint.h>

typedef struct fsq__mc_lp fsq__mc_lp;

/* The LP of a chart of m rows and n PIs (picols: n x cw words, borrowed).
 * Returns 0, FSQ_ENOMEM or FSQ_EUNSUPPORTED (too many entries for GLPK). */
int fsq__mc_lp_new(fsq__mc_lp **out, size_t m, size_t n, const uint64_t *picols);
void fsq__mc_lp_free(fsq__mc_lp *lp);
/* Drops the GLPK problem without deleting it: after a GLPK failure
 * elsewhere on the thread freed GLPK's environment, and with it the
 * problem. Later queries answer "no bound". */
void fsq__mc_lp_forget(fsq__mc_lp *lp);

/* Dual values y (m) of the LP relaxation of covering rows U by PIs F,
 * dual feasible (every PI of F has y(p & U) <= 1, y = 0 outside U), and
 * their sum y(U), a lower bound on every cover of U by F. -1 when there is
 * no bound (GLPK failed or ran out of its `seconds`, 0 = no limit); y is
 * then undefined. */
double fsq__mc_lp_duals(fsq__mc_lp *lp, const uint64_t *u, const uint64_t *f, double *y,
                        double seconds);

#endif
