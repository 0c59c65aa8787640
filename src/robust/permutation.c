/* Permutation test for truth-table rows.
 *
 * Null hypothesis for a row: its cases' outcome values are no more
 * consistent with it than chance, i.e. the outcome is exchangeable across
 * cases. Permutation q (0-based) shuffles the outcome over the cases with
 * Fisher-Yates driven by the generator of (seed ^ FSQ__PERM_DOMAIN, q), so it
 * never shares a stream with bootstrap replicate q of the same seed, and
 * recomputes every observed row's consistency over all cases with the
 * memberships unchanged. For row r:
 *   p_r = (1 + #{q : incl_q(r) >= incl(r)}) / (1 + P)
 * (the +1 counts the observed data as one permutation, so p > 0). Holm's
 * step-down adjustment over the rows controls the family-wise error rate.
 * Counts are integers summed over threads: the p-values are identical for
 * any thread count. Cost: P passes of the sums kernel over rows x cases.
 */
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "robust/rng.h"
#include "tt/tt_internal.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#define FSQ__PERM_DOMAIN UINT64_C(0x7065726d75746531) /* "permute1" */

void fsq__holm(const double *p, size_t m, double *adjusted)
{
    size_t *order = malloc((m ? m : 1) * sizeof *order);
    if (!order) {
        for (size_t i = 0; i < m; i++)
            adjusted[i] = 1.0; /* the conservative answer without memory */
        return;
    }
    for (size_t i = 0; i < m; i++)
        order[i] = i;
    /* Insertion sort by p, stable on the row order (m is the row count). */
    for (size_t i = 1; i < m; i++) {
        size_t v = order[i], j = i;
        while (j > 0 && p[order[j - 1]] > p[v]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    double running = 0;
    for (size_t j = 0; j < m; j++) {
        double a = (double)(m - j) * p[order[j]];
        if (a > 1)
            a = 1;
        if (a > running)
            running = a;
        adjusted[order[j]] = running;
    }
    free(order);
}

int fsq_tt_permutation_test(const fsq_tt *tt, size_t permutations, uint64_t seed, int threads,
                            double *p, double *p_holm)
{
    if (permutations == 0)
        return fsq__error(FSQ_EINPUT, "the permutation test needs at least one permutation");
    size_t *count = calloc(tt->nrows ? tt->nrows : 1, sizeof *count);
    if (!count)
        return fsq__nomem();
    int rc = fsq_tt_permutation_counts(tt, 0, permutations, seed, threads, count);
    if (!rc)
        fsq_tt_permutation_pvalues(tt, count, permutations, p, p_holm);
    free(count);
    return rc;
}

void fsq_tt_permutation_pvalues(const fsq_tt *tt, const size_t *count, size_t permutations,
                                double *p, double *p_holm)
{
    for (size_t r = 0; r < tt->nrows; r++)
        p[r] = (1.0 + (double)count[r]) / (1.0 + (double)permutations);
    fsq__holm(p, tt->nrows, p_holm);
}

int fsq_tt_permutation_counts(const fsq_tt *tt, size_t q_lo, size_t q_hi, uint64_t seed,
                              int threads, size_t *count)
{
    size_t n = tt->ncases, nrows = tt->nrows;
    int failed = 0;
    int nthreads = threads;
#ifdef _OPENMP
    if (nthreads <= 0)
        nthreads = omp_get_max_threads();
#endif
    (void)nthreads;
#pragma omp parallel num_threads(nthreads) reduction(| : failed)
    {
        size_t *mine = calloc(nrows ? nrows : 1, sizeof *mine);
        size_t *perm = malloc((n ? n : 1) * sizeof *perm);
        double *y = malloc((n ? n : 1) * sizeof *y);
        double *yny = malloc((n ? n : 1) * sizeof *yny);
        double *sums = malloc(3 * (nrows ? nrows : 1) * sizeof *sums);
        if (!mine || !perm || !y || !yny || !sums)
            failed = 1;
        fsq_tt shuffled = *tt;
        shuffled.y = y;
        shuffled.yny = yny;
#pragma omp for schedule(dynamic, 8)
        for (size_t q = q_lo; q < q_hi; q++) {
            if (failed)
                continue;
            fsq__rng rng;
            fsq__rng_init(&rng, seed ^ FSQ__PERM_DOMAIN, q);
            for (size_t i = 0; i < n; i++)
                perm[i] = i;
            for (size_t i = n; i > 1; i--) {
                size_t j = (size_t)fsq__rng_bounded(&rng, i);
                size_t t = perm[i - 1];
                perm[i - 1] = perm[j];
                perm[j] = t;
            }
            for (size_t i = 0; i < n; i++) {
                y[i] = tt->y[perm[i]];
                yny[i] = tt->yny[perm[i]];
            }
            if (fsq__tt_cube_sums(&shuffled, tt->rows, nrows, tt->weights, sums, 1)) {
                failed = 1;
                continue;
            }
            for (size_t r = 0; r < nrows; r++)
                mine[r] += fsq__incl_from_sums(sums + 3 * r) >= tt->row_incl[r];
        }
        if (mine) {
#pragma omp critical
            for (size_t r = 0; r < nrows; r++)
                count[r] += mine[r];
        }
        free(mine);
        free(perm);
        free(y);
        free(yny);
        free(sums);
    }
    return failed ? fsq__nomem() : 0;
}
