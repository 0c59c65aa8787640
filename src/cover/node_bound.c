/* Lower bounds at the nodes of the cover search (cover_search.c): the
 * LP of a node (GLPK, lp.c) and a dual ascent from the parent's duals. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/cover_internal.h"
#include "cover/lp.h"
#include "cover/node_bound.h"

/* The chart of the columns U over the PIs outside X that touch U, as a
 * set-cover problem for lp.c / mip.c: *chart (the caller frees it), and
 * col_at (m entries: U's column -> chart column) and, if not NULL, row_pi
 * (n entries: chart row -> PI). The time limit is what is left of s's. */
static int subchart(const solver *s, const uint64_t *u, const uint64_t *x, size_t *col_at,
                    size_t *row_pi, uint64_t **chart_out, fsq__cover_problem *out)
{
    size_t nu = count_bits(u, s->cw), np = 0;
    size_t nw = fsq__words_for_bits(nu);
    size_t t = 0;
    for (size_t w = 0; w < s->cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1)
            col_at[w * 64 + (size_t)fsq__ctz64(bits)] = t++;
    for (size_t w = 0; w < s->pw; w++)
        for (uint64_t bits = ~x[w] & s->alive[w]; bits; bits &= bits - 1) {
            size_t p = w * 64 + (size_t)fsq__ctz64(bits);
            const uint64_t *pc = s->picols + p * s->cw;
            for (size_t v = 0; v < s->cw; v++)
                if (pc[v] & u[v]) {
                    np++;
                    break;
                }
        }
    uint64_t *chart = calloc(np * nw + 1, sizeof *chart);
    if (!chart)
        return fsq__nomem();
    size_t row = 0;
    for (size_t w = 0; w < s->pw; w++)
        for (uint64_t bits = ~x[w] & s->alive[w]; bits; bits &= bits - 1) {
            size_t p = w * 64 + (size_t)fsq__ctz64(bits);
            const uint64_t *pc = s->picols + p * s->cw;
            int any = 0;
            for (size_t v = 0; v < s->cw; v++)
                for (uint64_t b = pc[v] & u[v]; b; b &= b - 1) {
                    size_t c = col_at[v * 64 + (size_t)fsq__ctz64(b)];
                    chart[row * nw + c / 64] |= UINT64_C(1) << (c % 64);
                    any = 1;
                }
            if (any && row_pi)
                row_pi[row] = p;
            row += any;
        }
    memset(out, 0, sizeof *out);
    out->npis = np;
    out->ncols = nu;
    out->nwords = nw;
    out->chart = chart;
    *chart_out = chart;
    out->time_limit = fsq__cover_seconds_left(s);
    return 0;
}

/* The LP bound of the columns U over the PIs outside X (see lp.c): the
 * rounded-up LP optimum, or 0 with *rc = 0 when the LP could not run in the
 * time left (the caller then keeps its combinatorial bound). */
size_t fsq__cover_node_lp(solver *s, const uint64_t *u, const uint64_t *x, int *rc, int *ran,
                          double *value_out, double *y_out)
{
    size_t nu = count_bits(u, s->cw), bound = 0;
    *rc = 0;
    *ran = 0;
    size_t *col_at = malloc((s->m ? s->m : 1) * sizeof *col_at);
    uint64_t *chart = NULL;
    if (!col_at) {
        *rc = fsq__nomem();
        return 0;
    }
    fsq__cover_problem lp;
    if ((*rc = subchart(s, u, x, col_at, NULL, &chart, &lp)) != 0) {
        free(col_at);
        return 0;
    }
    double value = 0, *duals = y_out ? malloc((nu ? nu : 1) * sizeof *duals) : NULL;
    if (y_out && !duals) {
        free(chart);
        free(col_at);
        *rc = fsq__nomem();
        return 0;
    }
    int r = fsq__cover_lp(&lp, &value, duals);
    if (r == 0) {
        bound = fsq__cover_lp_bound(value);
        *ran = 1;
        *value_out = value;
        for (size_t w = 0; y_out && w < s->cw; w++)
            for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
                size_t c = w * 64 + (size_t)fsq__ctz64(bits);
                y_out[c] = duals[col_at[c]];
            }
    } else if (r == FSQ_ELIMIT) {
        s->limit = LIMIT_TIME;
    } else {
        *rc = r;
    }
    free(duals);
    free(chart);
    free(col_at);
    return bound;
}


/* A dual solution of the node (U, X) by ascent from the parent's: y of
 * the parent restricted to U stays feasible (X only grows, U only shrinks:
 * every PI's load can only fall), then each column of U in turn, fewest
 * PIs first, is raised by the least slack 1 - load over its available PIs.
 * Fills y (U's columns) and s->load (the available PIs touching U), scaled
 * so that no load exceeds 1 whatever the rounding; returns sum y, a lower
 * bound on every cover of U outside X (weak duality). */
double fsq__cover_dual_ascent(solver *s, const uint64_t *u, const uint64_t *x, const double *yp,
                              double *y)
{
    size_t cw = s->cw, pw = s->pw;
    double *load = s->load, total = 0, lmax = 0;
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits);
            const uint64_t *cp = s->colpis + c * pw;
            y[c] = yp[c] > 0 ? yp[c] : 0;
            for (size_t k = 0; k < pw; k++)
                for (uint64_t b = cp[k] & ~x[k]; b; b &= b - 1)
                    load[k * 64 + (size_t)fsq__ctz64(b)] = 0;
        }
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits);
            const uint64_t *cp = s->colpis + c * pw;
            if (y[c] == 0)
                continue;
            for (size_t k = 0; k < pw; k++)
                for (uint64_t b = cp[k] & ~x[k]; b; b &= b - 1)
                    load[k * 64 + (size_t)fsq__ctz64(b)] += y[c];
        }
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits);
            const uint64_t *cp = s->colpis + c * pw;
            double slack = 1;
            for (size_t k = 0; k < pw; k++)
                for (uint64_t b = cp[k] & ~x[k]; b; b &= b - 1) {
                    double l = 1 - load[k * 64 + (size_t)fsq__ctz64(b)];
                    if (l < slack)
                        slack = l;
                }
            if (slack > 1e-12) {
                y[c] += slack;
                for (size_t k = 0; k < pw; k++)
                    for (uint64_t b = cp[k] & ~x[k]; b; b &= b - 1)
                        load[k * 64 + (size_t)fsq__ctz64(b)] += slack;
            }
            total += y[c];
        }
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits);
            const uint64_t *cp = s->colpis + c * pw;
            for (size_t k = 0; k < pw; k++)
                for (uint64_t b = cp[k] & ~x[k]; b; b &= b - 1) {
                    double l = load[k * 64 + (size_t)fsq__ctz64(b)];
                    if (l > lmax)
                        lmax = l;
                }
        }
    if (lmax > 1) {
        for (size_t w = 0; w < cw; w++)
            for (uint64_t bits = u[w]; bits; bits &= bits - 1)
                y[w * 64 + (size_t)fsq__ctz64(bits)] /= lmax;
        total /= lmax;
    }
    return total;
}

