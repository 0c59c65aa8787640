/* Cluster diagnostics (SetMethods' cluster(); Garcia-Castro & Arino 2016),
 * the formulas written out in fsqca.h (fsq_cluster):
 *   b_j = sum_{i in group j} min(x_i, y_i) / sum_{i in group j} x_i
 *   dBP = sqrt(sum_j (b_j / sum_l b_l - 1/J)^2)
 * and the same over units for the within consistencies and dWP.
 * For each group (unit) a pass over the cases accumulates sum min(x, y),
 * sum x and sum y in case order, so results do not depend on anything but
 * the input. O(ncases x (J + U)); allocates nothing. */
#include <math.h>

#include "common/error.h"

/* sqrt(sum_j (v_j / sum v - 1/J)^2); NaN propagates (R's arithmetic). */
static double distance(const double *v, size_t n)
{
    if (n == 0)
        return NAN;
    double total = 0;
    for (size_t j = 0; j < n; j++)
        total += v[j];
    double d = 0;
    for (size_t j = 0; j < n; j++) {
        double e = v[j] / total - 1.0 / (double)n;
        d += e * e;
    }
    return sqrt(d);
}

/* Per-part consistency and coverage: the sums of the cases with part[i] = p. */
static void parts(const double *x, const double *y, size_t ncases, const size_t *part,
                  size_t nparts, double *incl, double *cov)
{
    for (size_t p = 0; p < nparts; p++) {
        double sxy = 0, sx = 0, sy = 0;
        for (size_t i = 0; i < ncases; i++)
            if (part[i] == p) {
                sxy += x[i] < y[i] ? x[i] : y[i];
                sx += x[i];
                sy += y[i];
            }
        incl[p] = sx > 0 ? sxy / sx : NAN;
        cov[p] = sy > 0 ? sxy / sy : NAN;
    }
}

int fsq_cluster_compute(fsq_cluster *out, const double *x, const double *y, size_t ncases,
                        const size_t *group, size_t ngroups, const size_t *unit, size_t nunits)
{
    for (size_t i = 0; i < ncases; i++) {
        if (group[i] >= ngroups)
            return fsq__error(FSQ_EINPUT, "cluster diagnostics: case %zu is in group %zu of %zu",
                              i + 1, group[i] + 1, ngroups);
        if (unit && unit[i] >= nunits)
            return fsq__error(FSQ_EINPUT, "cluster diagnostics: case %zu is in unit %zu of %zu",
                              i + 1, unit[i] + 1, nunits);
    }
    double sxy = 0, sx = 0, sy = 0;
    for (size_t i = 0; i < ncases; i++) {
        sxy += x[i] < y[i] ? x[i] : y[i];
        sx += x[i];
        sy += y[i];
    }
    out->pooled_incl = sx > 0 ? sxy / sx : NAN;
    out->pooled_cov = sy > 0 ? sxy / sy : NAN;
    parts(x, y, ncases, group, ngroups, out->between_incl, out->between_cov);
    out->dbp = distance(out->between_incl, ngroups);
    out->dwp = NAN;
    if (unit && nunits && out->within_incl && out->within_cov) {
        parts(x, y, ncases, unit, nunits, out->within_incl, out->within_cov);
        out->dwp = distance(out->within_incl, nunits);
    }
    return 0;
}
