/* MICMAC (Godet): indirect influence from the powers of the matrix.
 *
 * (M^k)_ij is the total weight of the directed paths of exactly k steps from
 * i to j (a path's weight is the product of its intensities), so the row
 * sums of M^k measure how much an element influences the system through
 * chains of length k, the column sums how much it depends on it. Powers are
 * taken for k = 2, 3, ... until the ranking by both equals that of k - 1
 * (status STABLE, power k), until M^k = 0 (NILPOTENT: the graph has no
 * cycle; power k - 1, the last nonzero one), or until k = max_power (LIMIT).
 *
 * Each power is rescaled by a power of two so that its largest entry lies
 * in [0.5, 1): the scaling is exact in binary floating point, leaves ratios
 * and rankings unchanged and keeps the entries far from overflow. The
 * reported scores are shares of the power's total (they sum to 1).
 * Cost O(n^3) per power. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "network/network_internal.h"

/* Row and column sums of p, as shares of the total; ranks of both. Returns
 * 0 when p is all zero. */
static int scores(const double *p, size_t n, double *row, double *col, size_t *row_rank,
                  size_t *col_rank)
{
    double total = 0;
    for (size_t i = 0; i < n; i++)
        row[i] = col[i] = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            row[i] += p[i * n + j];
            col[j] += p[i * n + j];
            total += p[i * n + j];
        }
    if (total == 0)
        return 0;
    fsq__rank(row, n, row_rank);
    fsq__rank(col, n, col_rank);
    for (size_t i = 0; i < n; i++) {
        row[i] /= total;
        col[i] /= total;
    }
    return 1;
}

/* Power k's scores and ranks into el[]. */
static void store(fsq_influence_element *el, size_t n, const double *row, const double *col,
                  const size_t *row_rank, const size_t *col_rank)
{
    for (size_t i = 0; i < n; i++) {
        el[i].micmac_influence = row[i];
        el[i].micmac_dependence = col[i];
        el[i].micmac_influence_rank = row_rank[i];
        el[i].micmac_dependence_rank = col_rank[i];
    }
}

int fsq__micmac(const fsq_influence *m, size_t max_power, fsq_influence_element *el,
                size_t *power, fsq_micmac_status *status)
{
    size_t n = m->n;
    int rc = 0;
    double *p = malloc(n * n * sizeof *p), *q = malloc(n * n * sizeof *q);
    double *row = malloc(2 * n * sizeof *row), *col = row + n;
    size_t *rank = malloc(4 * n * sizeof *rank);
    if (!p || !q || !row || !rank) {
        rc = fsq__nomem();
        goto done;
    }
    size_t *row_rank = rank, *col_rank = rank + n, *prev_row = rank + 2 * n,
           *prev_col = rank + 3 * n;
    if (max_power < 2)
        max_power = 2;
    memcpy(p, m->w, n * n * sizeof *p);
    *power = 1;
    *status = FSQ_MICMAC_LIMIT;
    if (!scores(p, n, row, col, row_rank, col_rank)) {
        /* No influence at all: every power is 0. */
        *status = FSQ_MICMAC_NILPOTENT;
        for (size_t i = 0; i < n; i++) {
            el[i].micmac_influence = el[i].micmac_dependence = 0;
            el[i].micmac_influence_rank = el[i].micmac_dependence_rank = 1;
        }
        goto done;
    }
    store(el, n, row, col, row_rank, col_rank);
    for (size_t k = 2; k <= max_power; k++) {
        /* q = p * M, then scale q by 2^-e so that max |q| lies in [0.5, 1). */
        double big = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                double s = 0;
                for (size_t l = 0; l < n; l++)
                    s += p[i * n + l] * m->w[l * n + j];
                q[i * n + j] = s;
                if (s > big)
                    big = s;
            }
        if (big > 0) {
            int e;
            frexp(big, &e);
            for (size_t c = 0; c < n * n; c++)
                q[c] = ldexp(q[c], -e);
        }
        memcpy(prev_row, row_rank, n * sizeof *row_rank);
        memcpy(prev_col, col_rank, n * sizeof *col_rank);
        if (!scores(q, n, row, col, row_rank, col_rank)) {
            *status = FSQ_MICMAC_NILPOTENT; /* el[] keeps power k - 1 */
            goto done;
        }
        *power = k;
        store(el, n, row, col, row_rank, col_rank);
        if (!memcmp(prev_row, row_rank, n * sizeof *row_rank) &&
            !memcmp(prev_col, col_rank, n * sizeof *col_rank)) {
            *status = FSQ_MICMAC_STABLE;
            goto done;
        }
        double *t = p;
        p = q;
        q = t;
    }
done:
    free(p);
    free(q);
    free(row);
    free(rank);
    return rc;
}
