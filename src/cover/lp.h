/* LP relaxation of a PI chart's set cover (internal interface of src/cover/).
 *
 * Solved with GLPK's simplex. The optimum is a lower bound on the size of
 * every cover, used to prove a cover minimum; the duals price PIs for column
 * generation (a PI's reduced cost is 1 minus the dual weight of the columns
 * it covers). */
#ifndef FSQ_COVER_LP_H
#define FSQ_COVER_LP_H

#include "cover/cover.h"

/* Frees the calling thread's GLPK environment (a worker thread that ran
 * LPs calls it when done; the next LP on the thread makes a new one). */
void fsq__cover_lp_thread_done(void);

/* LP relaxation of the set cover of a chart: min sum_i x_i subject to, for every
 * column c, sum over PIs i covering c of x_i >= 1, 0 <= x_i <= 1.
 * On success *value is the LP optimum (a lower bound on any cover's size, ceil it
 * with a 1e-6 tolerance), and if duals is not NULL it receives the ncols dual values y_c >= 0
 * of the column constraints (sum y_c = *value at optimality). time_limit in seconds (0 = none).
 * Returns 0, FSQ_ELIMIT (time), FSQ_ENOMEM, or FSQ_EINTERNAL when GLPK fails. */
int fsq__cover_lp(const fsq__cover_problem *p, double *value, double *duals);

/* Charts with more PIs than this are solved by sifting (lp.c): the same
 * value and duals, from LPs over working sets of PIs. */
extern size_t fsq__cover_lp_sift_pis;

/* The smallest integer at least `value`, allowing 1e-6 of rounding error
 * (an LP optimum of 20.9999999 proves 21). */
size_t fsq__cover_lp_bound(double value);

/* Divides the duals y (n of them, >= 0) by the largest PI load when it
 * passes 1, which makes them dual feasible; returns their sum, the bound
 * they prove. */
double fsq__cover_lp_scale_duals(double *y, size_t n, double max_load);

#endif
