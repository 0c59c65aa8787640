/* What-if: Roberts' pulse process on the signed, weighted, delayed graph.
 *
 * Pulses p_t (the changes at step t): p_0 = the impulse; for t >= 1
 *   p_t[j] = sum_i sign_ij * (w_ij / AS_max) * p_(t - d_ij)[i]   (t - d_ij >= 0)
 * where d_ij is the delay in steps (short 1, medium 2, long 3) and AS_max the
 * largest active sum (row sum), so an element passes on at most the change
 * it received, split over the elements it influences by intensity: the
 * absolute changes passed on never add up to more than the change itself,
 * and only feedback makes levels pile up (a scale tied to the largest single
 * intensity would let dense Vester matrices blow up geometrically within a
 * few steps). The level of element j after step t is sum_(u <= t) p_u[j].
 * Linear: the response to several impulses is the sum of the responses.
 * Cost O(steps x n^2); memory (steps + 1) x n pulses. */
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "network/network_internal.h"

int fsq__impulse(const fsq_influence *m, const double *impulse, size_t steps, double *traj)
{
    size_t n = m->n;
    double as_max = 0;
    for (size_t i = 0; i < n; i++) {
        double as = 0;
        for (size_t j = 0; j < n; j++)
            as += m->w[i * n + j];
        if (as > as_max)
            as_max = as;
    }
    double *pulse = calloc((steps + 1) * n, sizeof *pulse);
    if (!pulse)
        return fsq__nomem();
    memcpy(pulse, impulse, n * sizeof *pulse);
    for (size_t t = 1; t <= steps && as_max > 0; t++)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                size_t c = i * n + j, d = (size_t)m->delay[c];
                if (m->w[c] > 0 && d <= t)
                    pulse[t * n + j] += m->sign[c] * (m->w[c] / as_max) * pulse[(t - d) * n + i];
            }
    for (size_t j = 0; j < n; j++) {
        double level = 0;
        for (size_t t = 0; t <= steps; t++) {
            level += pulse[t * n + j];
            traj[t * n + j] = level;
        }
    }
    free(pulse);
    return 0;
}
