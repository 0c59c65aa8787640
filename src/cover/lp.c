/* LP relaxation of the set cover of a PI chart, solved with GLPK.
 *
 * Model. Rows of the LP are the chart's columns (ON configurations), LP
 * variables are the PIs: min sum_i x_i subject to sum_{i covers c} x_i >= 1
 * for every column c, x_i >= 0. The bound x_i <= 1 of the relaxation is
 * implied (lowering an x_i above 1 to 1 keeps every constraint and lowers
 * the objective), so it is left out: the duals y_c >= 0 then satisfy
 * sum_{c in i} y_c <= 1 for every PI i and sum_c y_c equals the optimum.
 *
 * Certificate. The value returned is not GLPK's objective but the bound
 * the duals prove: y is clamped at 0 and divided by the largest PI load
 * max_i sum_{c in i} y_c when that exceeds 1, which makes y feasible for
 * the dual LP whatever the simplex tolerances were, so sum_c y_c is a valid
 * lower bound on every cover (weak duality). At an optimum it equals the LP
 * value up to rounding.
 *
 * GLPK reports fatal errors (out of memory, internal failures) through an
 * error hook and otherwise aborts the process; the hook here jumps back
 * and frees GLPK's environment of this thread, so the library returns
 * FSQ_EINTERNAL instead. GLPK's terminal output is switched off. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cover/lp.h"

#include "common/bits.h"
#include "common/clock.h"
#include "common/error.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

size_t fsq__cover_lp_bound(double value)
{
    if (!(value > 0))
        return 0;
    return (size_t)ceil(value - 1e-6);
}

double fsq__cover_lp_scale_duals(double *y, size_t n, double max_load)
{
    double scale = max_load > 1 ? 1 / max_load : 1, total = 0;
    for (size_t i = 0; i < n; i++) {
        y[i] *= scale;
        total += y[i];
    }
    return total;
}

static void glpk_failed(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

/* Builds and solves the LP; on success fills *objective and y (ncols). */
static int solve_lp(const fsq__cover_problem *p, int *ia, int *ja, double *ar, double *y,
                    double *objective)
{
    int rc = 0;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_rows(lp, (int)p->ncols);
    glp_add_cols(lp, (int)p->npis);
    for (size_t c = 0; c < p->ncols; c++)
        glp_set_row_bnds(lp, (int)c + 1, GLP_LO, 1.0, 0.0);
    for (size_t i = 0; i < p->npis; i++) {
        glp_set_col_bnds(lp, (int)i + 1, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef(lp, (int)i + 1, 1.0);
    }
    size_t ne = 0;
    for (size_t i = 0; i < p->npis; i++) {
        const uint64_t *row = p->chart + i * p->nwords;
        for (size_t w = 0; w < p->nwords; w++)
            for (uint64_t bits = row[w]; bits; bits &= bits - 1) {
                size_t c = w * 64 + (size_t)fsq__ctz64(bits);
                if (c >= p->ncols)
                    break;
                ne++;
                ia[ne] = (int)c + 1;
                ja[ne] = (int)i + 1;
                ar[ne] = 1.0;
            }
    }
    glp_load_matrix(lp, (int)ne, ia, ja, ar);

    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    /* Dual simplex: the all-zero point is dual feasible (every reduced
     * cost is 1), so no phase 1 is needed. */
    parm.meth = GLP_DUALP;
    if (p->time_limit > 0)
        parm.tm_lim = p->time_limit * 1000.0 < 2e9 ? (int)(p->time_limit * 1000.0) + 1 : INT32_MAX;
    int ret = glp_simplex(lp, &parm);
    int status = glp_get_status(lp);
    if (ret == GLP_ETMLIM) {
        rc = fsq__error(FSQ_ELIMIT, "time limit of %g s reached in the cover LP (--time-limit)",
                        p->time_limit);
    } else if (status == GLP_NOFEAS || status == GLP_INFEAS) {
        rc = fsq__error(FSQ_ENOSOLUTION, "cover LP: some column of the PI chart is covered by "
                                         "no prime implicant: there is no solution");
    } else if (ret != 0 || status != GLP_OPT) {
        rc = fsq__error(FSQ_EINTERNAL, "cover LP: GLPK's simplex ended with code %d, status %d "
                                       "on a chart of %zu PIs x %zu columns",
                        ret, status, p->npis, p->ncols);
    } else {
        *objective = glp_get_obj_val(lp);
        for (size_t c = 0; c < p->ncols; c++)
            y[c] = glp_get_row_dual(lp, (int)c + 1);
    }
    glp_delete_prob(lp);
    return rc;
}

/* solve_lp behind GLPK's error hook. Everything solve_lp allocates with
 * malloc belongs to the caller, so a jump out of GLPK leaks nothing of
 * ours; GLPK's own objects go with its environment. */
static int solve(const fsq__cover_problem *p, int *ia, int *ja, double *ar, double *y,
                 double *objective, jmp_buf *env)
{
    if (setjmp(*env)) {
        glp_error_hook(NULL, NULL);
        glp_free_env(); /* the only safe recovery after a GLPK error */
        return fsq__error(FSQ_EINTERNAL, "cover LP: GLPK failed (out of memory or an internal "
                                         "error) on a chart of %zu PIs x %zu columns",
                          p->npis, p->ncols);
    }
    glp_error_hook(glpk_failed, env);
    glp_term_out(GLP_OFF);
    int rc = solve_lp(p, ia, ja, ar, y, objective);
    glp_error_hook(NULL, NULL);
    return rc;
}

void fsq__cover_lp_thread_done(void)
{
    glp_free_env();
}

/* The load of PI i under y: the sum over its columns. */
static double pi_load(const fsq__cover_problem *p, size_t i, const double *y)
{
    const uint64_t *row = p->chart + i * p->nwords;
    double load = 0;
    for (size_t w = 0; w < p->nwords; w++)
        for (uint64_t bits = row[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits);
            if (c < p->ncols)
                load += y[c];
        }
    return load;
}

typedef struct {
    double load;
    size_t i;
} priced;

static int by_load_desc(const void *pa, const void *pb)
{
    const priced *a = pa, *b = pb;
    if (a->load != b->load)
        return a->load > b->load ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

size_t fsq__cover_lp_sift_pis = 40000;

/* Sifting, for charts of more than fsq__cover_lp_sift_pis PIs (the root
 * of a block of 10^6 PIs did not finish in 30 s in one simplex): the LP
 * over a working set of PIs (at first, on each column the PI covering the
 * most columns), whose duals price every PI; the PIs they price below 0
 * (load above 1), the heaviest first, up to SIFT_ADD per round, join the
 * set, until none is left. The duals are then feasible over all PIs; if
 * the rounds run out first, they are scaled by the largest load, as
 * fsq__cover_lp's always are, so the value is a bound either way. */
enum { SIFT_ADD = 2000, SIFT_ROUNDS = 200 };

static int lp_solve(const fsq__cover_problem *p, double *value, double *duals, int may_sift);

static int sifted_lp(const fsq__cover_problem *p, double *value, double *duals)
{
    size_t n = p->npis, nc = p->ncols, nw = p->nwords, nws = 0;
    double start = fsq__now();
    unsigned char *in = calloc(n, 1);
    size_t *best = malloc(nc * sizeof *best), *deg = malloc(n * sizeof *deg), cap = 2 * nc;
    double *y = malloc(nc * sizeof *y);
    priced *viol = malloc(n * sizeof *viol);
    uint64_t *sub = malloc(cap * nw * sizeof *sub); /* the working set's rows */
    int rc = 0;
    if (!in || !best || !deg || !y || !viol || !sub) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t c = 0; c < nc; c++)
        best[c] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        const uint64_t *row = p->chart + i * nw;
        deg[i] = 0;
        for (size_t w = 0; w < nw; w++) {
            uint64_t bits = row[w];
            if (w * 64 + 64 > nc)
                bits &= nc > w * 64 ? (UINT64_C(1) << (nc - w * 64)) - 1 : 0;
            deg[i] += (size_t)fsq__popcount64(bits); /* its columns */
        }
        for (size_t w = 0; w < nw; w++)
            for (uint64_t bits = row[w]; bits; bits &= bits - 1) {
                size_t c = w * 64 + (size_t)fsq__ctz64(bits);
                if (c < nc && (best[c] == SIZE_MAX || deg[i] > deg[best[c]]))
                    best[c] = i;
            }
    }
    for (size_t c = 0; c < nc; c++) {
        if (best[c] == SIZE_MAX) {
            rc = fsq__error(FSQ_ENOSOLUTION, "cover LP: some column of the PI chart is covered "
                                             "by no prime implicant: there is no solution");
            goto done;
        }
        if (!in[best[c]]) {
            in[best[c]] = 1;
            memcpy(sub + nws++ * nw, p->chart + best[c] * nw, nw * sizeof *sub);
        }
    }
    double v = 0, lmax = 0;
    for (size_t round = 0;; round++) {
        fsq__cover_problem q = *p;
        q.npis = nws;
        q.chart = sub;
        if (p->time_limit > 0) {
            q.time_limit = p->time_limit - (fsq__now() - start);
            if (q.time_limit <= 0) {
                rc = fsq__error(FSQ_ELIMIT, "time limit of %g s reached in the cover LP "
                                            "(--time-limit)", p->time_limit);
                goto done;
            }
        }
        if ((rc = lp_solve(&q, &v, y, 0)) != 0)
            goto done;
        size_t nv = 0;
        lmax = 0;
        for (size_t i = 0; i < n; i++) {
            double load = pi_load(p, i, y);
            if (load > lmax)
                lmax = load;
            if (!in[i] && load > 1 + 1e-9)
                viol[nv++] = (priced){load, i};
        }
        if (nv == 0 || round + 1 >= SIFT_ROUNDS)
            break;
        qsort(viol, nv, sizeof *viol, by_load_desc);
        size_t add = nv < SIFT_ADD ? nv : SIFT_ADD;
        if (nws + add > cap) {
            cap = 2 * (nws + add);
            uint64_t *grown = realloc(sub, cap * nw * sizeof *sub);
            if (!grown) {
                rc = fsq__nomem();
                goto done;
            }
            sub = grown;
        }
        for (size_t t = 0; t < add; t++) {
            in[viol[t].i] = 1;
            memcpy(sub + nws++ * nw, p->chart + viol[t].i * nw, nw * sizeof *sub);
        }
    }
    *value = fsq__cover_lp_scale_duals(y, nc, lmax);
    if (duals)
        memcpy(duals, y, nc * sizeof *duals);
done:
    free(in);
    free(best);
    free(deg);
    free(y);
    free(viol);
    free(sub);
    return rc;
}

int fsq__cover_lp(const fsq__cover_problem *p, double *value, double *duals)
{
    return lp_solve(p, value, duals, 1);
}

/* fsq__cover_lp, by sifting (may_sift) or in one simplex. */
static int lp_solve(const fsq__cover_problem *p, double *value, double *duals, int may_sift)
{
    int rc = 0;
    int *ia = NULL, *ja = NULL;
    double *ar = NULL, *y = NULL;
    jmp_buf *env = NULL;
    if (!p || !value)
        return fsq__error(FSQ_EINPUT, "cover LP: no problem or no result given");
    *value = 0;
    if (p->ncols == 0)
        return 0;
    if (p->npis == 0)
        return fsq__error(FSQ_ENOSOLUTION, "cover LP: a chart with columns and no prime "
                                           "implicant has no solution");
    if (!p->chart || p->nwords < (p->ncols + 63) / 64)
        return fsq__error(FSQ_EINPUT, "cover LP: the chart needs %zu words per row, got %zu",
                          (p->ncols + 63) / 64, p->nwords);
    if (may_sift && p->npis > fsq__cover_lp_sift_pis)
        return sifted_lp(p, value, duals);
    size_t ne = 0;
    for (size_t i = 0; i < p->npis; i++) {
        const uint64_t *row = p->chart + i * p->nwords;
        for (size_t w = 0; w < p->nwords; w++) {
            uint64_t bits = row[w];
            if (w == p->nwords - 1 || w * 64 + 64 > p->ncols) {
                size_t top = p->ncols > w * 64 ? p->ncols - w * 64 : 0;
                if (top < 64)
                    bits &= (UINT64_C(1) << top) - 1;
            }
            ne += (size_t)fsq__popcount64(bits);
        }
    }
    if (ne >= (size_t)INT32_MAX || p->npis >= (size_t)INT32_MAX)
        return fsq__error(FSQ_EUNSUPPORTED, "cover LP: the chart has %zu entries; GLPK takes "
                                            "fewer than 2^31",
                          ne);
    ia = malloc((ne + 1) * sizeof *ia);
    ja = malloc((ne + 1) * sizeof *ja);
    ar = malloc((ne + 1) * sizeof *ar);
    y = malloc(p->ncols * sizeof *y);
    env = malloc(sizeof *env);
    if (!ia || !ja || !ar || !y || !env) {
        rc = fsq__nomem();
        goto done;
    }
    double objective = 0;
    if ((rc = solve(p, ia, ja, ar, y, &objective, env)) != 0)
        goto done;

    /* Make y dual feasible (see the top of the file) and sum it. */
    double load_max = 0;
    for (size_t c = 0; c < p->ncols; c++)
        if (!(y[c] > 0))
            y[c] = 0;
    for (size_t i = 0; i < p->npis; i++) {
        double load = pi_load(p, i, y);
        if (load > load_max)
            load_max = load;
    }
    (void)objective;
    *value = fsq__cover_lp_scale_duals(y, p->ncols, load_max);
    if (duals)
        memcpy(duals, y, p->ncols * sizeof *duals);
done:
    free(ia);
    free(ja);
    free(ar);
    free(y);
    free(env);
    return rc;
}
