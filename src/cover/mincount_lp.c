/* LP bounds of the subproblems of a block's chart (count.c: the listing's
 * decisions on blocks counted over the LP tree).
 *
 * The counter's own bound, y(U) for the duals y it was given raised by a
 * greedy dual ascent, is weak where many PIs overlap; the LP relaxation of
 * the subproblem (U, F) is the best bound of its kind: min sum_{p in F} x_p
 * subject to sum_{p in F, p covers r} x_p >= 1 for every row r of U,
 * x >= 0 (x <= 1 is implied, as in lp.c). One GLPK problem over the whole
 * chart serves every query: a row outside U gets the right-hand side 0
 * (x >= 0 satisfies it) and a PI outside F is fixed at 0. Both are bound
 * changes that keep the type of a row's bound, so the basis of the last
 * query stays dual feasible apart from PIs freed again, and GLPK's dual
 * simplex (primal as the fallback) restarts from it in a few pivots.
 *
 * Certificate. The duals returned are made feasible whatever the simplex
 * tolerances were: clamped at 0, set to 0 outside U, and divided by the
 * largest load max_{p in F} y(p & U) when it exceeds 1. Then y(U) bounds
 * every cover of U by F (weak duality), which is all the counter uses.
 *
 * Failures. A query that GLPK cannot finish (its time limit, a numerical
 * failure, a fatal error caught by the error hook) answers "no bound"; the
 * caller then goes on with the bounds it has, so results never depend on
 * the LP, only the speed does. After a fatal error the LP is switched off. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cover/mincount_lp.h"

#include <glpk.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/cover_internal.h"
#include "cover/lp.h"

struct fsq__mc_lp {
    size_t m, n, cw, pw;
    const uint64_t *picols;
    glp_prob *lp;
    uint64_t *in_u, *in_f; /* the rows and PIs of the problem as GLPK has it */
    glp_smcp parm;
    jmp_buf env;
};

static void glpk_failed(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

int fsq__mc_lp_new(fsq__mc_lp **out, size_t m, size_t n, const uint64_t *picols)
{
    *out = NULL;
    fsq__mc_lp *l = calloc(1, sizeof *l);
    if (!l)
        return fsq__nomem();
    l->m = m;
    l->n = n;
    l->cw = fsq__words_for_bits(m);
    l->pw = fsq__words_for_bits(n);
    l->picols = picols;
    l->in_u = malloc((l->cw + 1) * sizeof *l->in_u);
    l->in_f = malloc((l->pw + 1) * sizeof *l->in_f);
    size_t ne = 0;
    for (size_t i = 0; i < n * l->cw; i++)
        ne += (size_t)fsq__popcount64(picols[i]);
    int *ia = malloc((ne + 1) * sizeof *ia), *ja = malloc((ne + 1) * sizeof *ja);
    double *ar = malloc((ne + 1) * sizeof *ar);
    int rc = 0;
    if (ne >= (size_t)INT32_MAX) {
        rc = fsq__error(FSQ_EUNSUPPORTED, "cover: a chart of %zu entries; GLPK takes fewer "
                                          "than 2^31", ne);
        goto done;
    }
    if (!l->in_u || !l->in_f || !ia || !ja || !ar) {
        rc = fsq__nomem();
        goto done;
    }
    size_t e = 0;
    for (size_t p = 0; p < n; p++)
        for (size_t w = 0; w < l->cw; w++)
            for (uint64_t bits = picols[p * l->cw + w]; bits; bits &= bits - 1) {
                e++;
                ia[e] = (int)(w * 64 + (size_t)fsq__ctz64(bits)) + 1;
                ja[e] = (int)p + 1;
                ar[e] = 1.0;
            }
    if (setjmp(l->env)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        l->lp = NULL;
        goto done;
    }
    glp_error_hook(glpk_failed, &l->env);
    glp_term_out(GLP_OFF);
    l->lp = glp_create_prob();
    glp_set_obj_dir(l->lp, GLP_MIN);
    glp_add_rows(l->lp, (int)m);
    glp_add_cols(l->lp, (int)n);
    for (size_t r = 0; r < m; r++)
        glp_set_row_bnds(l->lp, (int)r + 1, GLP_LO, 1.0, 0.0);
    for (size_t p = 0; p < n; p++) {
        glp_set_col_bnds(l->lp, (int)p + 1, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(l->lp, (int)p + 1, 1.0);
    }
    glp_load_matrix(l->lp, (int)ne, ia, ja, ar);
    glp_error_hook(NULL, NULL);
    memset(l->in_u, 0xff, (l->cw + 1) * sizeof *l->in_u);
    memset(l->in_f, 0xff, (l->pw + 1) * sizeof *l->in_f);
    glp_init_smcp(&l->parm);
    l->parm.msg_lev = GLP_MSG_OFF;
    l->parm.meth = GLP_DUALP;
done:
    free(ia);
    free(ja);
    free(ar);
    if (rc) {
        fsq__mc_lp_free(l);
        return rc;
    }
    *out = l;
    return 0;
}

void fsq__mc_lp_free(fsq__mc_lp *l)
{
    if (!l)
        return;
    if (l->lp)
        glp_delete_prob(l->lp);
    free(l->in_u);
    free(l->in_f);
    free(l);
}

void fsq__mc_lp_forget(fsq__mc_lp *l)
{
    if (l)
        l->lp = NULL;
}

/* Sets GLPK's bounds to (U, F), changing only what differs. */
static void set_problem(fsq__mc_lp *l, const uint64_t *u, const uint64_t *f)
{
    for (size_t w = 0; w < l->cw; w++)
        for (uint64_t diff = u[w] ^ l->in_u[w]; diff; diff &= diff - 1) {
            size_t r = w * 64 + (size_t)fsq__ctz64(diff);
            if (r < l->m)
                glp_set_row_bnds(l->lp, (int)r + 1, GLP_LO, bit_get(u, r) ? 1.0 : 0.0, 0.0);
        }
    for (size_t v = 0; v < l->pw; v++)
        for (uint64_t diff = f[v] ^ l->in_f[v]; diff; diff &= diff - 1) {
            size_t p = v * 64 + (size_t)fsq__ctz64(diff);
            if (p >= l->n)
                continue;
            if (bit_get(f, p))
                glp_set_col_bnds(l->lp, (int)p + 1, GLP_LO, 0.0, 0.0);
            else
                glp_set_col_bnds(l->lp, (int)p + 1, GLP_FX, 0.0, 0.0);
        }
    memcpy(l->in_u, u, l->cw * sizeof *u);
    memcpy(l->in_f, f, l->pw * sizeof *f);
}

double fsq__mc_lp_duals(fsq__mc_lp *l, const uint64_t *u, const uint64_t *f, double *y,
                        double seconds)
{
    if (!l || !l->lp)
        return -1;
    if (setjmp(l->env)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        l->lp = NULL;
        return -1;
    }
    glp_error_hook(glpk_failed, &l->env);
    set_problem(l, u, f);
    glp_smcp p = l->parm;
    if (seconds > 0)
        p.tm_lim = seconds * 1000.0 < 2e9 ? (int)(seconds * 1000.0) + 1 : INT32_MAX;
    int ret = glp_simplex(l->lp, &p);
    if (ret == 0 && glp_get_status(l->lp) != GLP_OPT)
        ret = -1;
    if (ret != 0 && ret != GLP_ETMLIM) {
        /* Numerical trouble: once more from a fresh basis. */
        glp_std_basis(l->lp);
        ret = glp_simplex(l->lp, &p);
        if (ret == 0 && glp_get_status(l->lp) != GLP_OPT)
            ret = -1;
    }
    if (ret != 0) {
        glp_error_hook(NULL, NULL);
        return -1;
    }
    for (size_t r = 0; r < l->m; r++) {
        double v = bit_get(u, r) ? glp_get_row_dual(l->lp, (int)r + 1) : 0;
        y[r] = v > 0 ? v : 0;
    }
    glp_error_hook(NULL, NULL);
    double lmax = 0;
    for (size_t v = 0; v < l->pw; v++)
        for (uint64_t bits = f[v]; bits; bits &= bits - 1) {
            const uint64_t *pc = l->picols + (v * 64 + (size_t)fsq__ctz64(bits)) * l->cw;
            double load = 0;
            for (size_t w = 0; w < l->cw; w++)
                for (uint64_t b = pc[w] & u[w]; b; b &= b - 1)
                    load += y[w * 64 + (size_t)fsq__ctz64(b)];
            if (load > lmax)
                lmax = load;
        }
    return fsq__cover_lp_scale_duals(y, l->m, lmax);
}
