/* Bounds and reductions of one subproblem (U, F) of the minimum-cover
 * counter (mincount.c explains the maths); each works on the counter's
 * chart and scratch arrays only. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <math.h>
#include <string.h>

#include "common/bits.h"
#include "cover/cover_internal.h"
#include "cover/mincount.h"
#include "cover/mincount_internal.h"

#define EPS 1e-6

double fsq__mc_y_sum(const fsq__mc *s, const double *y, const uint64_t *u)
{
    double t = 0;
    for (size_t w = 0; w < s->cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1)
            t += y[w * 64 + (size_t)fsq__ctz64(bits)];
    return t;
}

double fsq__mc_pi_load(const fsq__mc *s, const double *y, size_t p, const uint64_t *u)
{
    const uint64_t *pc = s->picols + p * s->cw;
    double t = 0;
    for (size_t w = 0; w < s->cw; w++)
        for (uint64_t b = pc[w] & u[w]; b; b &= b - 1)
            t += y[w * 64 + (size_t)fsq__ctz64(b)];
    return t;
}

size_t fsq__mc_row_degree(const fsq__mc *s, size_t c, const uint64_t *f)
{
    return count_common(s->colpis + c * s->pw, f, s->pw);
}

size_t fsq__mc_pi_rows(const fsq__mc *s, size_t p, const uint64_t *u)
{
    return count_common(s->picols + p * s->cw, u, s->cw);
}

size_t fsq__mc_y_bound(const fsq__mc *s, const double *y, const uint64_t *u)
{
    if (!y)
        return 0;
    double t = fsq__mc_y_sum(s, y, u) - EPS;
    return t > 0 ? (size_t)ceil(t) : 0;
}

/* Rows of U with pairwise disjoint PI sets (greedy, in row order). */
size_t fsq__mc_disjoint_bound(const fsq__mc *s, const uint64_t *u, const uint64_t *f,
                              uint64_t *acc)
{
    size_t bound = 0, pw = s->pw;
    memset(acc, 0, pw * sizeof *acc);
    for (size_t w = 0; w < s->cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            const uint64_t *cp = s->colpis + (w * 64 + (size_t)fsq__ctz64(bits)) * pw;
            uint64_t clash = 0;
            for (size_t v = 0; v < pw && !clash; v++)
                clash = cp[v] & f[v] & acc[v];
            if (clash)
                continue;
            bound++;
            for (size_t v = 0; v < pw; v++)
                acc[v] |= cp[v] & f[v];
        }
    return bound;
}

/* Unit rows until none is left, then F restricted to the PIs touching U.
 * Returns 0 when some row has no PI or the forced PIs pass the budget. */
int fsq__mc_propagate(const fsq__mc *s, uint64_t *u, uint64_t *f, size_t budget,
                      size_t *forced)
{
    size_t cw = s->cw, pw = s->pw;
    int again = 1;
    while (again) {
        again = 0;
        for (size_t w = 0; w < cw; w++)
            for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
                const uint64_t *cp = s->colpis + (w * 64 + (size_t)fsq__ctz64(bits)) * pw;
                size_t deg = 0, p = 0;
                for (size_t v = 0; v < pw && deg < 2; v++) {
                    uint64_t a = cp[v] & f[v];
                    if (a) {
                        deg += (size_t)fsq__popcount64(a);
                        p = v * 64 + (size_t)fsq__ctz64(a);
                    }
                }
                if (deg == 0)
                    return 0;
                if (deg > 1)
                    continue;
                if (++*forced > budget)
                    return 0;
                const uint64_t *pc = s->picols + p * cw;
                for (size_t x = 0; x < cw; x++)
                    u[x] &= ~pc[x];
                bit_clear(f, p);
                bits &= u[w] | (bits & (~bits + 1)); /* keep the loop's own step */
                again = 1;
            }
    }
    return 1;
}

/* Row dominance: a row r1 whose PIs (in F) include all of another row
 * r2's is covered whenever r2 is, so it is dropped: the covers of U are
 * those of U - r1. Its dual value moves to r2, which stays dual feasible
 * (every PI on r2 is on r1) and keeps y(U). A dominator r2 shares its
 * first PI with r1: only that PI's rows are looked at. Returns 1 when a
 * row was dropped. */
int fsq__mc_drop_dominated_rows(const fsq__mc *s, uint64_t *u, const uint64_t *f, double *y)
{
    size_t cw = s->cw, pw = s->pw;
    int dropped = 0;
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t r2 = w * 64 + (size_t)fsq__ctz64(bits), q = SIZE_MAX;
            const uint64_t *a2 = s->colpis + r2 * pw;
            for (size_t v = 0; v < pw && q == SIZE_MAX; v++)
                if (a2[v] & f[v])
                    q = v * 64 + (size_t)fsq__ctz64(a2[v] & f[v]);
            const uint64_t *qc = s->picols + q * cw;
            for (size_t x = 0; x < cw; x++)
                for (uint64_t rb = qc[x] & u[x]; rb; rb &= rb - 1) {
                    size_t r1 = x * 64 + (size_t)fsq__ctz64(rb);
                    if (r1 == r2)
                        continue;
                    const uint64_t *a1 = s->colpis + r1 * pw;
                    uint64_t extra = 0;
                    for (size_t v = 0; v < pw && !extra; v++)
                        extra = a2[v] & f[v] & ~a1[v];
                    if (extra)
                        continue;
                    bit_clear(u, r1);
                    if (y) {
                        y[r2] += y[r1];
                        y[r1] = 0;
                    }
                    dropped = 1;
                }
            bits &= u[w] | (bits & (~bits + 1)); /* r2's own word may have lost rows */
        }
    return dropped;
}

/* Raises y on the rows of U while every PI of F stays within 1 (loads
 * over U only: the subproblem's dual has no constraint for the PIs it
 * cannot use or rows it has covered), so y(U) bounds the subproblem more
 * tightly than the root's duals do. */
void fsq__mc_dual_ascent(fsq__mc *s, const uint64_t *u, const uint64_t *f, double *y)
{
    size_t cw = s->cw, pw = s->pw;
    double *load = s->load;
    for (size_t v = 0; v < pw; v++)
        for (uint64_t bits = f[v]; bits; bits &= bits - 1) {
            size_t p = v * 64 + (size_t)fsq__ctz64(bits);
            load[p] = fsq__mc_pi_load(s, y, p, u);
        }
    /* Rows with fewer PIs first: each raise then blocks fewer rows. */
    size_t *deg = s->deg, maxdeg = 0;
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits), d = fsq__mc_row_degree(s, c, f);
            deg[c] = d;
            if (d > maxdeg)
                maxdeg = d;
        }
    for (size_t d = 1; d <= maxdeg; d++)
        for (size_t w = 0; w < cw; w++)
            for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
                size_t c = w * 64 + (size_t)fsq__ctz64(bits);
                if (deg[c] != d)
                    continue;
                const uint64_t *cp = s->colpis + c * pw;
                double room = 1;
                for (size_t v = 0; v < pw; v++)
                    for (uint64_t b = cp[v] & f[v]; b; b &= b - 1) {
                        double r = 1 - load[v * 64 + (size_t)fsq__ctz64(b)];
                        if (r < room)
                            room = r;
                    }
                if (room <= 1e-9)
                    continue;
                room -= 1e-12; /* stay inside the constraints despite rounding */
                y[c] += room;
                for (size_t v = 0; v < pw; v++)
                    for (uint64_t b = cp[v] & f[v]; b; b &= b - 1)
                        load[v * 64 + (size_t)fsq__ctz64(b)] += room;
            }
}

/* F restricted to the PIs touching U, into f (touch: pw scratch words). */
void fsq__mc_restrict_to_rows(const fsq__mc *s, const uint64_t *u, uint64_t *f,
                             uint64_t *touch)
{
    size_t pw = s->pw;
    memset(touch, 0, pw * sizeof *touch);
    for (size_t w = 0; w < s->cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            const uint64_t *cp = s->colpis + (w * 64 + (size_t)fsq__ctz64(bits)) * pw;
            for (size_t v = 0; v < pw; v++)
                touch[v] |= cp[v];
        }
    for (size_t v = 0; v < pw; v++)
        f[v] &= touch[v];
}

/* The rows of U joined to U's first row through PIs of F, into comp, and
 * those PIs into cpis; 1 when that is all of U. fresh: cw, newp: pw
 * scratch words. */
int fsq__mc_component(const fsq__mc *s, const uint64_t *u, const uint64_t *f, uint64_t *comp,
                      uint64_t *cpis, uint64_t *fresh, uint64_t *newp)
{
    size_t cw = s->cw, pw = s->pw;
    memset(comp, 0, cw * sizeof *comp);
    memset(cpis, 0, pw * sizeof *cpis);
    memset(fresh, 0, cw * sizeof *fresh);
    for (size_t w = 0; w < cw; w++)
        if (u[w]) {
            fresh[w] = u[w] & (~u[w] + 1);
            break;
        }
    for (;;) {
        memset(newp, 0, pw * sizeof *newp);
        for (size_t w = 0; w < cw; w++) {
            comp[w] |= fresh[w];
            for (uint64_t bits = fresh[w]; bits; bits &= bits - 1) {
                const uint64_t *cp = s->colpis + (w * 64 + (size_t)fsq__ctz64(bits)) * pw;
                for (size_t v = 0; v < pw; v++)
                    newp[v] |= cp[v] & f[v] & ~cpis[v];
            }
        }
        uint64_t any = 0;
        for (size_t v = 0; v < pw; v++) {
            cpis[v] |= newp[v];
            any |= newp[v];
        }
        if (!any)
            break;
        memset(fresh, 0, cw * sizeof *fresh);
        for (size_t v = 0; v < pw; v++)
            for (uint64_t bits = newp[v]; bits; bits &= bits - 1) {
                const uint64_t *pc = s->picols + (v * 64 + (size_t)fsq__ctz64(bits)) * cw;
                for (size_t w = 0; w < cw; w++)
                    fresh[w] |= pc[w];
            }
        uint64_t grew = 0;
        for (size_t w = 0; w < cw; w++) {
            fresh[w] &= u[w] & ~comp[w];
            grew |= fresh[w];
        }
        if (!grew)
            break;
    }
    for (size_t w = 0; w < cw; w++)
        if (comp[w] != u[w])
            return 0;
    return 1;
}
