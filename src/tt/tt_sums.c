/* Membership sums of cubes over all cases: the kernel behind truth-table
 * consistency, PRI and every parameter of fit.
 *
 * Contract: see fsq__tt_cube_sums in tt_internal.h.
 * Maths: case i's membership in a cube is the minimum over the fixed
 * conditions j of x_ij (level 1), 1 - x_ij (level 0), or [x_ij == level] for a
 * multi-value condition; 1 for a cube with no literal.
 * Cost: O(ncubes x ncases x literals), streamed in tiles of TILE cases so the
 * tile of every column stays in cache while all cubes of a block use it.
 * Determinism: the four partial accumulators of a cube always see the same
 * cases in the same order; the thread count only decides who computes which
 * cube.
 */
#include <stdlib.h>

#include "common/error.h"
#include "prime/prime.h"
#include "tt/tt_internal.h"

#ifdef _OPENMP
#include <omp.h>
#endif

enum { TILE = 1024, CUBE_BLOCK = 4 };

/* m[0..len) = membership of cases [i0, i0+len) in the cube. */
static void tile_membership(const fsq_tt *tt, const unsigned char *cube, size_t i0, size_t len,
                            double *m)
{
    for (size_t t = 0; t < len; t++)
        m[t] = 1.0;
    for (size_t j = 0; j < tt->k; j++) {
        unsigned d = cube[j];
        if (d == FSQ__DASH)
            continue;
        const double *x = tt->x + j * tt->ncases + i0;
        if (tt->levels[j] > 2) {
            double level = (double)d;
            for (size_t t = 0; t < len; t++)
                m[t] = x[t] == level ? m[t] : 0.0;
        } else if (d) {
            for (size_t t = 0; t < len; t++)
                m[t] = x[t] < m[t] ? x[t] : m[t];
        } else {
            for (size_t t = 0; t < len; t++) {
                double v = 1.0 - x[t];
                m[t] = v < m[t] ? v : m[t];
            }
        }
    }
}

void fsq__tt_cube_membership(const fsq_tt *tt, const unsigned char *cube, double *out)
{
    for (size_t i0 = 0; i0 < tt->ncases; i0 += TILE) {
        size_t len = tt->ncases - i0 < TILE ? tt->ncases - i0 : TILE;
        tile_membership(tt, cube, i0, len, out + i0);
    }
}

/* Adds one tile's contribution to a cube's lane accumulators acc[3][4]. */
static void accumulate(const double *m, const double *y, const double *yny, const double *w,
                       size_t len, double acc[3][4])
{
    size_t t = 0;
    if (w) {
        for (; t + 4 <= len; t += 4)
            for (int l = 0; l < 4; l++) {
                double mv = m[t + l], yv = y[t + l], zv = yny[t + l], wv = w[t + l];
                acc[0][l] += wv * mv;
                acc[1][l] += wv * (mv < yv ? mv : yv);
                acc[2][l] += wv * (mv < zv ? mv : zv);
            }
        for (; t < len; t++) {
            acc[0][0] += w[t] * m[t];
            acc[1][0] += w[t] * (m[t] < y[t] ? m[t] : y[t]);
            acc[2][0] += w[t] * (m[t] < yny[t] ? m[t] : yny[t]);
        }
        return;
    }
    for (; t + 4 <= len; t += 4)
        for (int l = 0; l < 4; l++) {
            double mv = m[t + l], yv = y[t + l], zv = yny[t + l];
            acc[0][l] += mv;
            acc[1][l] += mv < yv ? mv : yv;
            acc[2][l] += mv < zv ? mv : zv;
        }
    for (; t < len; t++) {
        acc[0][0] += m[t];
        acc[1][0] += m[t] < y[t] ? m[t] : y[t];
        acc[2][0] += m[t] < yny[t] ? m[t] : yny[t];
    }
}

int fsq__tt_cube_sums(const fsq_tt *tt, const unsigned char *cubes, size_t ncubes,
                      const double *w, double *sums, int threads)
{
    size_t nblocks = (ncubes + CUBE_BLOCK - 1) / CUBE_BLOCK;
    int failed = 0;
    /* Tiny problems run on one thread: the fork costs more than the work. */
    int nthreads = threads;
#ifdef _OPENMP
    if (nthreads <= 0)
        nthreads = omp_get_max_threads();
#endif
    if ((double)ncubes * (double)tt->ncases < 2e5 || nblocks < 2)
        nthreads = 1;
    (void)nthreads;

#pragma omp parallel num_threads(nthreads) reduction(| : failed)
    {
        double *m = malloc(CUBE_BLOCK * TILE * sizeof *m);
        if (!m)
            failed = 1;
#pragma omp for schedule(dynamic, 1)
        for (size_t b = 0; b < nblocks; b++) {
            if (!m)
                continue;
            size_t c0 = b * CUBE_BLOCK;
            size_t nc = ncubes - c0 < CUBE_BLOCK ? ncubes - c0 : CUBE_BLOCK;
            double acc[CUBE_BLOCK][3][4] = {{{0}}};
            for (size_t i0 = 0; i0 < tt->ncases; i0 += TILE) {
                size_t len = tt->ncases - i0 < TILE ? tt->ncases - i0 : TILE;
                for (size_t c = 0; c < nc; c++) {
                    tile_membership(tt, cubes + (c0 + c) * tt->k, i0, len, m + c * TILE);
                    accumulate(m + c * TILE, tt->y + i0, tt->yny + i0, w ? w + i0 : NULL, len,
                               acc[c]);
                }
            }
            for (size_t c = 0; c < nc; c++)
                for (int s = 0; s < 3; s++)
                    sums[3 * (c0 + c) + s] =
                        (acc[c][s][0] + acc[c][s][1]) + (acc[c][s][2] + acc[c][s][3]);
        }
        free(m);
    }
    return failed ? fsq__nomem() : 0;
}

double fsq__incl_from_sums(const double *s3)
{
    return s3[0] > 0 ? s3[1] / s3[0] : 0.0;
}

double fsq__pri_from_sums(const double *s3)
{
    double den = s3[0] - s3[2];
    return den > 0 ? (s3[1] - s3[2]) / den : 0.0;
}
