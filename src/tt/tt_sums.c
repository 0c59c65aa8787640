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
#include <string.h>

#include "common/clock.h"
#include "common/error.h"
#include "prime/prime.h"
#include "tt/tt_internal.h"

#ifdef _OPENMP
#include <omp.h>
#endif

enum { TILE = 1024, CUBE_BLOCK = 16 };

/* Literals the fast kernels hold; cubes with more take the slow path. */
#define MAX_FAST_LITERALS 128

/* A cube's literals prepared for the kernel: for a crisp or fuzzy condition
 * the value is a + s * x with (a, s) = (0, 1) for level 1 and (1, -1) for
 * level 0, which is exactly x or 1 - x; multi-value literals are tests. */
typedef struct {
    size_t nlit, nmv;
    const double *col[MAX_FAST_LITERALS];
    double a[MAX_FAST_LITERALS], s[MAX_FAST_LITERALS];
    const double *mv_col[MAX_FAST_LITERALS];
    double mv_level[MAX_FAST_LITERALS];
} literals;

/* Cubes with more than MAX_FAST_LITERALS literals fall back to the slow path. */
static int prepare(const fsq_tt *tt, const unsigned char *cube, literals *L)
{
    L->nlit = L->nmv = 0;
    for (size_t j = 0; j < tt->k; j++) {
        unsigned d = cube[j];
        if (d == FSQ__DASH)
            continue;
        if (L->nlit + L->nmv >= MAX_FAST_LITERALS)
            return -1;
        const double *x = tt->x + j * tt->ncases;
        if (tt->levels[j] > 2) {
            L->mv_col[L->nmv] = x;
            L->mv_level[L->nmv++] = (double)d;
        } else {
            L->col[L->nlit] = x;
            L->a[L->nlit] = d ? 0.0 : 1.0;
            L->s[L->nlit++] = d ? 1.0 : -1.0;
        }
    }
    return 0;
}

/* Case i's membership in the cube (generic C, one case). */
static inline double case_membership(const literals *L, size_t i)
{
    double mm = 1.0;
    for (size_t q = 0; q < L->nlit; q++) {
        double v = L->a[q] + L->s[q] * L->col[q][i];
        mm = v < mm ? v : mm;
    }
    for (size_t q = 0; q < L->nmv; q++)
        mm = L->mv_col[q][i] == L->mv_level[q] ? mm : 0.0;
    return mm;
}

/* The plain path, for cubes with more literals than `literals` holds. */
static double slow_membership(const fsq_tt *tt, const unsigned char *cube, size_t i)
{
    double m = 1.0;
    for (size_t j = 0; j < tt->k; j++) {
        unsigned d = cube[j];
        if (d == FSQ__DASH)
            continue;
        double x = tt->x[j * tt->ncases + i];
        double v = tt->levels[j] > 2 ? (x == (double)d ? 1.0 : 0.0) : d ? x : 1.0 - x;
        m = v < m ? v : m;
    }
    return m;
}

/* Lane discipline, the same in every code path below so that the SSE2, AVX2
 * and plain C kernels give bit-identical sums: case i0 + 4q + l is added to
 * lane l (l = 0..3) in increasing q; a tail of len % 4 cases goes to lane 0;
 * the lanes are combined as (l0 + l1) + (l2 + l3) at the very end. */
typedef struct {
    double s[3][4]; /* sum m, sum min(m, y), sum min(m, y, 1-y), by lane */
} lanes;

static void tail_sums(const literals *L, const double *y, const double *yny, const double *w,
                      size_t i, size_t end, lanes *acc)
{
    for (; i < end; i++) {
        double m = case_membership(L, i), wt = w ? w[i] : 1.0;
        acc->s[0][0] += wt * m;
        acc->s[1][0] += wt * (m < y[i] ? m : y[i]);
        acc->s[2][0] += wt * (m < yny[i] ? m : yny[i]);
    }
}

static void sums_c(const literals *L, const double *y, const double *yny, const double *w,
                   size_t i0, size_t len, lanes *acc)
{
    size_t i = i0, end = i0 + len - len % 4;
    for (; i < end; i += 4)
        for (int l = 0; l < 4; l++) {
            double m = case_membership(L, i + l), wt = w ? w[i + l] : 1.0;
            acc->s[0][l] += wt * m;
            acc->s[1][l] += wt * (m < y[i + l] ? m : y[i + l]);
            acc->s[2][l] += wt * (m < yny[i + l] ? m : yny[i + l]);
        }
    tail_sums(L, y, yny, w, i, i0 + len, acc);
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* _mm_min_pd(v, m) is exactly `v < m ? v : m`, the C path's minimum. */
static void sums_sse2(const literals *L, const double *y, const double *yny, const double *w,
                      size_t i0, size_t len, lanes *acc)
{
    __m128d s0lo = _mm_loadu_pd(&acc->s[0][0]), s0hi = _mm_loadu_pd(&acc->s[0][2]);
    __m128d s1lo = _mm_loadu_pd(&acc->s[1][0]), s1hi = _mm_loadu_pd(&acc->s[1][2]);
    __m128d s2lo = _mm_loadu_pd(&acc->s[2][0]), s2hi = _mm_loadu_pd(&acc->s[2][2]);
    const __m128d one = _mm_set1_pd(1.0);
    size_t i = i0, end = i0 + len - len % 4;
    for (; i < end; i += 4) {
        __m128d lo = one, hi = one;
        for (size_t q = 0; q < L->nlit; q++) {
            const double *x = L->col[q] + i;
            __m128d a = _mm_set1_pd(L->a[q]), sg = _mm_set1_pd(L->s[q]);
            lo = _mm_min_pd(_mm_add_pd(a, _mm_mul_pd(sg, _mm_loadu_pd(x))), lo);
            hi = _mm_min_pd(_mm_add_pd(a, _mm_mul_pd(sg, _mm_loadu_pd(x + 2))), hi);
        }
        for (size_t q = 0; q < L->nmv; q++) {
            const double *x = L->mv_col[q] + i;
            __m128d lv = _mm_set1_pd(L->mv_level[q]);
            lo = _mm_and_pd(lo, _mm_cmpeq_pd(_mm_loadu_pd(x), lv));
            hi = _mm_and_pd(hi, _mm_cmpeq_pd(_mm_loadu_pd(x + 2), lv));
        }
        __m128d wlo = w ? _mm_loadu_pd(w + i) : one, whi = w ? _mm_loadu_pd(w + i + 2) : one;
        s0lo = _mm_add_pd(s0lo, _mm_mul_pd(wlo, lo));
        s0hi = _mm_add_pd(s0hi, _mm_mul_pd(whi, hi));
        s1lo = _mm_add_pd(s1lo, _mm_mul_pd(wlo, _mm_min_pd(lo, _mm_loadu_pd(y + i))));
        s1hi = _mm_add_pd(s1hi, _mm_mul_pd(whi, _mm_min_pd(hi, _mm_loadu_pd(y + i + 2))));
        s2lo = _mm_add_pd(s2lo, _mm_mul_pd(wlo, _mm_min_pd(lo, _mm_loadu_pd(yny + i))));
        s2hi = _mm_add_pd(s2hi, _mm_mul_pd(whi, _mm_min_pd(hi, _mm_loadu_pd(yny + i + 2))));
    }
    _mm_storeu_pd(&acc->s[0][0], s0lo), _mm_storeu_pd(&acc->s[0][2], s0hi);
    _mm_storeu_pd(&acc->s[1][0], s1lo), _mm_storeu_pd(&acc->s[1][2], s1hi);
    _mm_storeu_pd(&acc->s[2][0], s2lo), _mm_storeu_pd(&acc->s[2][2], s2hi);
    tail_sums(L, y, yny, w, i, i0 + len, acc);
}

__attribute__((target("avx2"))) static void sums_avx2(const literals *L, const double *y,
                                                       const double *yny, const double *w,
                                                       size_t i0, size_t len, lanes *acc)
{
    __m256d s0 = _mm256_loadu_pd(acc->s[0]), s1 = _mm256_loadu_pd(acc->s[1]);
    __m256d s2 = _mm256_loadu_pd(acc->s[2]);
    const __m256d one = _mm256_set1_pd(1.0);
    size_t i = i0, end = i0 + len - len % 4;
    /* Two blocks of four cases per step for instruction-level parallelism;
     * block A is added before block B, keeping each lane's order. */
    for (; i + 8 <= end; i += 8) {
        __m256d ma = one, mb = one;
        for (size_t q = 0; q < L->nlit; q++) {
            const double *x = L->col[q] + i;
            __m256d a = _mm256_set1_pd(L->a[q]), sg = _mm256_set1_pd(L->s[q]);
            ma = _mm256_min_pd(_mm256_add_pd(a, _mm256_mul_pd(sg, _mm256_loadu_pd(x))), ma);
            mb = _mm256_min_pd(_mm256_add_pd(a, _mm256_mul_pd(sg, _mm256_loadu_pd(x + 4))), mb);
        }
        for (size_t q = 0; q < L->nmv; q++) {
            const double *x = L->mv_col[q] + i;
            __m256d lv = _mm256_set1_pd(L->mv_level[q]);
            ma = _mm256_and_pd(ma, _mm256_cmp_pd(_mm256_loadu_pd(x), lv, _CMP_EQ_OQ));
            mb = _mm256_and_pd(mb, _mm256_cmp_pd(_mm256_loadu_pd(x + 4), lv, _CMP_EQ_OQ));
        }
        __m256d wa = w ? _mm256_loadu_pd(w + i) : one, wb = w ? _mm256_loadu_pd(w + i + 4) : one;
        s0 = _mm256_add_pd(s0, _mm256_mul_pd(wa, ma));
        s1 = _mm256_add_pd(s1, _mm256_mul_pd(wa, _mm256_min_pd(ma, _mm256_loadu_pd(y + i))));
        s2 = _mm256_add_pd(s2, _mm256_mul_pd(wa, _mm256_min_pd(ma, _mm256_loadu_pd(yny + i))));
        s0 = _mm256_add_pd(s0, _mm256_mul_pd(wb, mb));
        s1 = _mm256_add_pd(s1, _mm256_mul_pd(wb, _mm256_min_pd(mb, _mm256_loadu_pd(y + i + 4))));
        s2 = _mm256_add_pd(s2,
                           _mm256_mul_pd(wb, _mm256_min_pd(mb, _mm256_loadu_pd(yny + i + 4))));
    }
    _mm256_storeu_pd(acc->s[0], s0);
    _mm256_storeu_pd(acc->s[1], s1);
    _mm256_storeu_pd(acc->s[2], s2);
    /* A last block of four, then the tail, through the portable path. */
    sums_c(L, y, yny, w, i, i0 + len - i, acc);
}
#endif

typedef void (*sums_fn)(const literals *, const double *, const double *, const double *, size_t,
                        size_t, lanes *);

static sums_fn pick_kernel(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2"))
        return sums_avx2;
    return sums_sse2;
#else
    return sums_c;
#endif
}

void fsq__tt_cube_membership(const fsq_tt *tt, const unsigned char *cube, double *out)
{
    literals L;
    int ok = prepare(tt, cube, &L) == 0;
    for (size_t i = 0; i < tt->ncases; i++)
        out[i] = ok ? case_membership(&L, i) : slow_membership(tt, cube, i);
}

int fsq__tt_cube_sums(const fsq_tt *tt, const unsigned char *cubes, size_t ncubes,
                      const double *w, double *sums, int threads)
{
    return fsq__tt_cube_sums_until(tt, cubes, ncubes, w, sums, threads, 0);
}

int fsq__tt_cube_sums_until(const fsq_tt *tt, const unsigned char *cubes, size_t ncubes,
                            const double *w, double *sums, int threads, double deadline)
{
    int late = 0;
    size_t nblocks = (ncubes + CUBE_BLOCK - 1) / CUBE_BLOCK;
    sums_fn kernel = pick_kernel();
    /* Tiny problems run on one thread: the fork costs more than the work. */
    int nthreads = threads;
#ifdef _OPENMP
    if (nthreads <= 0)
        nthreads = omp_get_max_threads();
#endif
    if ((double)ncubes * (double)tt->ncases < 2e5 || nblocks < 2)
        nthreads = 1;
    (void)nthreads;

#pragma omp parallel for num_threads(nthreads) schedule(dynamic, 1)
    for (size_t b = 0; b < nblocks; b++) {
        int stop;
#pragma omp atomic read
        stop = late;
        if (stop)
            continue;
        if (fsq__past(deadline)) {
#pragma omp atomic write
            late = 1;
            continue;
        }
        size_t c0 = b * CUBE_BLOCK;
        size_t nc = ncubes - c0 < CUBE_BLOCK ? ncubes - c0 : CUBE_BLOCK;
        lanes acc[CUBE_BLOCK];
        literals L[CUBE_BLOCK];
        int ok[CUBE_BLOCK];
        memset(acc, 0, sizeof acc);
        for (size_t c = 0; c < nc; c++)
            ok[c] = prepare(tt, cubes + (c0 + c) * tt->k, &L[c]) == 0;
        /* Tiles of cases, all cubes of the block per tile: the tile's
         * columns stay in cache while the block's cubes read them. */
        for (size_t i0 = 0; i0 < tt->ncases; i0 += TILE) {
            size_t len = tt->ncases - i0 < TILE ? tt->ncases - i0 : TILE;
            for (size_t c = 0; c < nc; c++) {
                if (ok[c]) {
                    kernel(&L[c], tt->y, tt->yny, w, i0, len, &acc[c]);
                    continue;
                }
                for (size_t i = i0; i < i0 + len; i++) {
                    double m = slow_membership(tt, cubes + (c0 + c) * tt->k, i);
                    double wt = w ? w[i] : 1.0;
                    acc[c].s[0][0] += wt * m;
                    acc[c].s[1][0] += wt * (m < tt->y[i] ? m : tt->y[i]);
                    acc[c].s[2][0] += wt * (m < tt->yny[i] ? m : tt->yny[i]);
                }
            }
        }
        for (size_t c = 0; c < nc; c++)
            for (int s = 0; s < 3; s++)
                sums[3 * (c0 + c) + s] = (acc[c].s[s][0] + acc[c].s[s][1]) +
                                         (acc[c].s[s][2] + acc[c].s[s][3]);
    }
    return late ? FSQ_ELIMIT : 0;
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
