/* Parameters of fit of models and their terms, from the raw memberships.
 *
 * For a set X (a term: minimum over its literals; a model: maximum over its
 * terms) and the outcome Y over all cases:
 *   inclS = sum min(X,Y) / sum X
 *   PRI   = (sum min(X,Y) - sum min(X,Y,1-Y)) / (sum X - sum min(X,Y,1-Y))
 *   covS  = sum min(X,Y) / sum Y
 *   covU(t in M) = covS(M) - covS(M without t)
 * QCA reports covU twice: within each model, and in the combined table of
 * all models, where "the others" are every other term of every model.
 * Cost: one membership vector per term used (N doubles each), then O(N) per
 * model and per (model, term) pair. Sums run over cases in order: the
 * result does not depend on the thread count. A reweighted truth table (a
 * resample) weights every sum by the case multiplicities.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/error.h"
#include "minimize/minimize_internal.h"

#ifdef _OPENMP
#include <omp.h>
#endif

typedef struct {
    double x, xy, xyny; /* sum X, sum min(X,Y), sum min(X,Y,1-Y) */
} sums3;

static void fit_from(const sums3 *s, double sum_y, double *incl, double *pri, double *cov)
{
    *incl = s->x > 0 ? s->xy / s->x : 0.0;
    double den = s->x - s->xyny;
    *pri = den > 0 ? (s->xy - s->xyny) / den : 0.0;
    *cov = sum_y > 0 ? s->xy / sum_y : 0.0;
}

/* Adds case i with set membership m to the three sums. */
static void add_case(const fsq_tt *tt, size_t i, double m, sums3 *s)
{
    double y = tt->y[i], z = tt->yny[i], w = tt->weights ? tt->weights[i] : 1.0;
    s->x += w * m;
    s->xy += w * (m < y ? m : y);
    s->xyny += w * (m < z ? m : z);
}

/* For every case: the largest (best[2c]) and second largest (best[2c+1])
 * membership among the vectors, and which vector holds the largest. The
 * union without vector t is then best[2c+1] where arg[c] == t, else best[2c]
 * (ties make the two equal, so either reading is right). */
static void top_two(const double *const *vec, size_t nvec, size_t n, double *best, size_t *arg)
{
    for (size_t c = 0; c < n; c++) {
        best[2 * c] = best[2 * c + 1] = 0;
        arg[c] = SIZE_MAX;
    }
    for (size_t t = 0; t < nvec; t++)
        for (size_t c = 0; c < n; c++) {
            double v = vec[t][c];
            if (v > best[2 * c]) {
                best[2 * c + 1] = best[2 * c];
                best[2 * c] = v;
                arg[c] = t;
            } else if (v > best[2 * c + 1]) {
                best[2 * c + 1] = v;
            }
        }
}

/* Sums of the union (maximum) of the listed membership vectors, skipping
 * vector `skip` (or none when skip >= n). */
static sums3 union_sums(const fsq_tt *tt, const double *const *vec, size_t n, size_t skip)
{
    sums3 s = {0, 0, 0};
    for (size_t i = 0; i < tt->ncases; i++) {
        double m = 0;
        for (size_t t = 0; t < n; t++)
            if (t != skip && vec[t][i] > m)
                m = vec[t][i];
        add_case(tt, i, m, &s);
    }
    return s;
}

/* In a parallel loop over PIs: 1 once the deadline has passed (looked at
 * every 64 iterations; *late tells the other threads). */
static int give_up(int *late, size_t i, double deadline)
{
    int stop;
#pragma omp atomic read
    stop = *late;
    if (!stop && (i & 63) == 0 && fsq__past(deadline)) {
#pragma omp atomic write
        *late = 1;
        stop = 1;
    }
    return stop;
}

int fsq__fit_model_set(const fsq_tt *tt, fsq__model_set *set, int threads, double deadline)
{
    int late = 0; /* the deadline passed: the loops skip what is left */
    size_t nsol = set->cover.nsolutions, size = set->cover.size, k = tt->k, n = tt->ncases;
    size_t *used = NULL;     /* PI index -> slot of its membership vector, or SIZE_MAX */
    double *mem = NULL;
    const double **vec = NULL;
    int rc = 0;

    set->sol_fit = calloc(nsol ? nsol : 1, sizeof *set->sol_fit);
    set->term_fit = calloc(set->npis ? set->npis : 1, sizeof *set->term_fit);
    set->model_term_fit = calloc(nsol * size + 1, sizeof *set->model_term_fit);
    used = malloc((set->npis ? set->npis : 1) * sizeof *used);
    if (!set->sol_fit || !set->term_fit || !set->model_term_fit || !used) {
        rc = fsq__nomem();
        goto done;
    }
    size_t nused = 0;
    for (size_t i = 0; i < set->npis; i++)
        used[i] = SIZE_MAX;
    for (size_t e = 0; e < nsol * size; e++)
        if (used[set->cover.pis[e]] == SIZE_MAX)
            used[set->cover.pis[e]] = nused++;
    mem = malloc((nused * n + 1) * sizeof *mem);
    vec = calloc(nused + size + 1, sizeof *vec);
    if (!mem || !vec) {
        rc = fsq__nomem();
        goto done;
    }
    /* Terms are independent: threads split them, each term's sums run over
     * the cases in order, so the numbers do not depend on the threads. */
    int nthreads = threads;
#ifdef _OPENMP
    if (nthreads <= 0)
        nthreads = omp_get_max_threads();
#endif
    if ((double)set->npis * (double)n < 1e6)
        nthreads = 1;
    (void)nthreads;
#pragma omp parallel for num_threads(nthreads) schedule(dynamic, 4)
    for (size_t i = 0; i < set->npis; i++) {
        if (give_up(&late, i, deadline) || used[i] == SIZE_MAX)
            continue;
        fsq__tt_cube_membership(tt, set->pis + i * k, mem + used[i] * n);
    }
    if (late) {
        rc = FSQ_ELIMIT;
        goto done;
    }

    /* Terms: inclS, PRI, covS; covU against every other term of every model.
     * One pass finds each case's largest and second largest term membership
     * and which term holds the largest: the union without term t is then the
     * largest unless t holds it, else the second. O(terms x N), not
     * O(terms^2 x N). The sums without t are accumulated in case order, as
     * union_sums would, so the numbers are the same. */
    double *best = malloc(2 * (n ? n : 1) * sizeof *best);
    size_t *arg = malloc((n ? n : 1) * sizeof *arg);
    if (!best || !arg) {
        free(best);
        free(arg);
        rc = fsq__nomem();
        goto done;
    }
    for (size_t slot = 0; slot < nused; slot++)
        vec[slot] = mem + slot * n;
    top_two(vec, nused, n, best, arg);
    double cov_all = 0, d1, d2;
    {
        sums3 everything = {0, 0, 0};
        for (size_t c = 0; c < n; c++)
            add_case(tt, c, best[2 * c], &everything);
        fit_from(&everything, tt->sum_y, &d1, &d2, &cov_all);
    }
#pragma omp parallel for num_threads(nthreads) schedule(dynamic, 4)
    for (size_t i = 0; i < set->npis; i++) {
        if (give_up(&late, i, deadline) || used[i] == SIZE_MAX)
            continue;
        double d1, d2;
        const double *one[1] = {mem + used[i] * n};
        sums3 s = union_sums(tt, one, 1, SIZE_MAX);
        fsq__term_fit *f = &set->term_fit[i];
        fit_from(&s, tt->sum_y, &f->incl, &f->pri, &f->cov);
        sums3 rest = {0, 0, 0};
        for (size_t c = 0; c < n; c++)
            add_case(tt, c, arg[c] == used[i] ? best[2 * c + 1] : best[2 * c], &rest);
        double cov_rest;
        fit_from(&rest, tt->sum_y, &d1, &d2, &cov_rest);
        f->cov_u = nused > 1 ? cov_all - cov_rest : NAN;
    }

    /* Models: the union of their terms; covU within the model. */
    for (size_t s = 0; s < nsol && !late; s++) {
        if ((s & 15) == 0 && fsq__past(deadline))
            late = 1;
        for (size_t t = 0; t < size; t++)
            vec[t] = mem + used[set->cover.pis[s * size + t]] * n;
        top_two(vec, size, n, best, arg);
        sums3 model = {0, 0, 0};
        for (size_t c = 0; c < n; c++)
            add_case(tt, c, best[2 * c], &model);
        fsq__sol_fit *sf = &set->sol_fit[s];
        fit_from(&model, tt->sum_y, &sf->incl, &sf->pri, &sf->cov);
        for (size_t t = 0; t < size; t++) {
            fsq__term_fit *f = &set->model_term_fit[s * size + t];
            *f = set->term_fit[set->cover.pis[s * size + t]];
            sums3 rest = {0, 0, 0};
            for (size_t c = 0; c < n; c++)
                add_case(tt, c, arg[c] == t ? best[2 * c + 1] : best[2 * c], &rest);
            double cov_rest;
            fit_from(&rest, tt->sum_y, &d1, &d2, &cov_rest);
            /* A one-term model has no unique coverage to speak of: QCA
             * reports none (NA), and so does fsqca (NaN, null in JSON). */
            f->cov_u = size > 1 ? sf->cov - cov_rest : NAN;
        }
    }
    free(best);
    free(arg);
    if (late)
        rc = FSQ_ELIMIT; /* the caller names the limit and the phase */
done:
    free(used);
    free(mem);
    free(vec);
    return rc;
}
