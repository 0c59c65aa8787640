/* Lower bounds at the nodes of the cover search (internal to src/cover/). */
#ifndef FSQ_COVER_NODE_BOUND_H
#define FSQ_COVER_NODE_BOUND_H

#include "cover/cover_internal.h"

/* The LP bound of the columns U over the PIs outside X (see lp.c): the
 * rounded-up LP optimum with *ran = 1, its value and duals (y_out, per
 * kept column, U's entries set); or 0 with *ran = 0 (s->limit set at the
 * time limit, *rc an error code otherwise). */
size_t fsq__cover_node_lp(solver *s, const uint64_t *u, const uint64_t *x, int *rc, int *ran,
                          double *value_out, double *y_out);

/* A dual solution of the node (U, X) by ascent from the parent's duals yp
 * into y (U's columns), s->load set for the available PIs touching U;
 * returns sum y, a lower bound on every cover of U outside X. */
double fsq__cover_dual_ascent(solver *s, const uint64_t *u, const uint64_t *x, const double *yp,
                              double *y);

#endif
