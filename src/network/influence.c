/* Influence models (Vester's sensitivity model): construction, checks, and
 * the direct figures of every element.
 *
 * AS_i = sum_j w_ij, PS_j = sum_i w_ij, P = AS x PS, Q = AS / PS, and the
 * role from the comparison of AS and PS with the mean total / n, decided as
 * n x AS > total (so integer matrices compare exactly). Cost O(n^2). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "network/network_internal.h"

/* Relative tolerance of "above the mean" and of ties in rankings: averaged
 * matrices carry rounding of a few ulps, far below it. */
#define REL_TOL 1e-12

static const char *const role_names[] = {"active", "reactive", "critical", "buffering"};

const char *fsq_influence_role_name(fsq_influence_role role)
{
    return (unsigned)role < 4 ? role_names[role] : NULL;
}

void fsq_influence_free(fsq_influence *m)
{
    if (!m)
        return;
    if (m->names)
        for (size_t i = 0; i < m->n; i++)
            free(m->names[i]);
    free(m->names);
    free(m->source);
    free(m->w);
    free(m->sign);
    free(m->delay);
    free(m);
}

int fsq__influence_alloc(fsq_influence **out, size_t n, const char *const *names,
                         const char *source)
{
    *out = NULL;
    fsq_influence *m = calloc(1, sizeof *m);
    if (!m)
        return fsq__nomem();
    m->n = n;
    size_t cells = n ? n * n : 1;
    m->source = strdup(source ? source : "matrix");
    m->names = calloc(n ? n : 1, sizeof *m->names);
    m->w = calloc(cells, sizeof *m->w);
    m->sign = malloc(cells * sizeof *m->sign);
    m->delay = malloc(cells * sizeof *m->delay);
    int ok = m->source && m->names && m->w && m->sign && m->delay;
    for (size_t i = 0; ok && i < n; i++)
        ok = (m->names[i] = strdup(names[i])) != NULL;
    if (!ok) {
        fsq_influence_free(m);
        return fsq__nomem();
    }
    for (size_t c = 0; c < n * n; c++) {
        m->sign[c] = 1;
        m->delay[c] = 1;
    }
    *out = m;
    return 0;
}

int fsq_influence_new(fsq_influence **out, size_t n, const char *const *names,
                      const double *intensity, const int *sign, const int *delay,
                      const char *source)
{
    *out = NULL;
    const char *src = source ? source : "matrix";
    if (n == 0)
        return fsq__error(FSQ_EINPUT, "%s: the model has no elements", src);
    for (size_t i = 0; i < n; i++) {
        if (!names[i] || !names[i][0])
            return fsq__error(FSQ_EINPUT, "%s: element %zu has no name", src, i + 1);
        for (size_t k = 0; k < i; k++)
            if (strcmp(names[k], names[i]) == 0)
                return fsq__error(FSQ_EINPUT, "%s: element \"%s\" is named twice (%zu and %zu)",
                                  src, names[i], k + 1, i + 1);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            size_t c = i * n + j;
            double w = intensity[c];
            if (!isfinite(w) || w < 0)
                return fsq__error(FSQ_EINPUT, "%s: the intensity of %s on %s must be a number "
                                  ">= 0, got %g", src, names[i], names[j], w);
            if (i == j && w != 0)
                return fsq__error(FSQ_EINPUT, "%s: the self-influence of %s must be 0, got %g",
                                  src, names[i], w);
            if (sign && w > 0 && sign[c] != 1 && sign[c] != -1)
                return fsq__error(FSQ_EINPUT, "%s: the sign of %s on %s must be +1 or -1, got %d",
                                  src, names[i], names[j], sign[c]);
            if (delay && w > 0 && (delay[c] < 1 || delay[c] > 3))
                return fsq__error(FSQ_EINPUT, "%s: the delay of %s on %s must be 1, 2 or 3, "
                                  "got %d", src, names[i], names[j], delay[c]);
        }
    fsq_influence *m;
    int rc = fsq__influence_alloc(&m, n, names, src);
    if (rc)
        return rc;
    m->has_signs = sign != NULL;
    m->has_delays = delay != NULL;
    for (size_t c = 0; c < n * n; c++) {
        m->w[c] = intensity[c];
        if (intensity[c] > 0) {
            m->sign[c] = sign ? sign[c] : 1;
            m->delay[c] = delay ? delay[c] : 1;
        }
    }
    *out = m;
    return 0;
}

size_t fsq_influence_size(const fsq_influence *m) { return m->n; }
const char *fsq_influence_name(const fsq_influence *m, size_t i) { return m->names[i]; }
const char *fsq_influence_source(const fsq_influence *m) { return m->source; }
double fsq_influence_intensity(const fsq_influence *m, size_t i, size_t j)
{
    return m->w[i * m->n + j];
}
int fsq_influence_sign(const fsq_influence *m, size_t i, size_t j) { return m->sign[i * m->n + j]; }
int fsq_influence_delay(const fsq_influence *m, size_t i, size_t j)
{
    return m->delay[i * m->n + j];
}

/* x > y beyond the tolerance (y >= 0). */
static int above(double x, double y)
{
    return x - y > REL_TOL * fabs(y);
}

void fsq__influence_sums(const fsq_influence *m, fsq_influence_element *el, double *total)
{
    size_t n = m->n;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        el[i].active_sum = 0;
        el[i].passive_sum = 0;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double w = m->w[i * n + j];
            el[i].active_sum += w;
            el[j].passive_sum += w;
            sum += w;
        }
    for (size_t i = 0; i < n; i++) {
        fsq_influence_element *e = &el[i];
        e->product = e->active_sum * e->passive_sum;
        e->quotient = e->passive_sum > 0 ? e->active_sum / e->passive_sum : NAN;
        int as_high = above((double)n * e->active_sum, sum);
        int ps_high = above((double)n * e->passive_sum, sum);
        e->role = as_high ? (ps_high ? FSQ_ROLE_CRITICAL : FSQ_ROLE_ACTIVE)
                          : (ps_high ? FSQ_ROLE_REACTIVE : FSQ_ROLE_BUFFERING);
    }
    *total = sum;
}

void fsq__rank(const double *score, size_t n, size_t *rank)
{
    for (size_t i = 0; i < n; i++) {
        rank[i] = 1;
        for (size_t k = 0; k < n; k++)
            rank[i] += above(score[k], score[i]);
    }
}
