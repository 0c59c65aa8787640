/* Configurations covered by a model that are not positive rows: QCA's
 * simplifying assumptions (remainders, and C rows used as don't-cares), and
 * the sets of counterfactuals of intermediate solutions.
 *
 * A cube with free conditions F holds prod_{j in F} levels[j]
 * configurations; they are enumerated in index order (an odometer over F,
 * last condition fastest). A model whose cubes hold more than
 * FSQ__MAX_LISTED_CONFIGS configurations in all is marked truncated instead
 * of being listed: with dozens of conditions the list would be astronomically
 * long, and saying so beats a partial list that looks complete. Where
 * the configurations fit a 64-bit index (the product of the levels below
 * 2^63) the points are handled as indices: deduplicated by a bitmap or a
 * sort of numbers, the ON rows dropped by a merge with theirs (on the
 * k = 12 noisy benchmark, whose 1,000 listed models each cover thousands
 * of configurations, a fifth of the time that sorting k-byte records
 * took, by perf: 0.26 s of 6.5 s in all against 1.2 s of 9.5).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "minimize/minimize_internal.h"
#include "prime/prime.h"

static size_t sort_k; /* qsort has no context argument; set just before use */

static int cmp_cfg(const void *a, const void *b)
{
    return memcmp(a, b, sort_k);
}

void fsq__cfg_list_normalize(fsq__cfg_list *l, size_t k)
{
    if (l->n < 2)
        return;
    sort_k = k;
    qsort(l->cfg, l->n, k, cmp_cfg);
    size_t w = 1;
    for (size_t r = 1; r < l->n; r++)
        if (memcmp(l->cfg + r * k, l->cfg + (w - 1) * k, k) != 0)
            memmove(l->cfg + w++ * k, l->cfg + r * k, k);
    l->n = w;
}

int fsq__cfg_list_contains(const fsq__cfg_list *l, const unsigned char *cfg, size_t k)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = memcmp(l->cfg + mid * k, cfg, k);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* 1 if cfg is a row of tt with OUT = 1 (rows are sorted by digits). */
static int is_on_row(const fsq_tt *tt, const unsigned char *cfg)
{
    size_t lo = 0, hi = tt->nrows, k = tt->k;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = memcmp(tt->rows + mid * k, cfg, k);
        if (c == 0)
            return tt->row_out[mid] == FSQ_OUT_1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* The cube's first point into cur (its free conditions at 0). */
static void first_point(const fsq_tt *tt, const unsigned char *cube, unsigned char *cur)
{
    for (size_t j = 0; j < tt->k; j++)
        cur[j] = cube[j] == FSQ__DASH ? 0 : cube[j];
}

/* The cube's next point in index order: an odometer over the free
 * conditions, last one fastest; 0 once every point was seen (a carry out
 * of the first free condition). */
static int next_point(const fsq_tt *tt, const unsigned char *cube, unsigned char *cur)
{
    for (size_t j = tt->k; j-- > 0;) {
        if (cube[j] != FSQ__DASH)
            continue;
        if (++cur[j] < tt->levels[j])
            return 1;
        cur[j] = 0;
    }
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The number of configurations of tt (the product of the levels) when it
 * is below 2^63, so that they fit a 64-bit index; 0 when not. The index
 * (first condition most significant) orders configurations as their
 * digits do. */
static uint64_t index_span(const fsq_tt *tt)
{
    uint64_t span = 1;
    for (size_t j = 0; j < tt->k; j++) {
        if (tt->levels[j] == 0 || span > (UINT64_C(1) << 63) / tt->levels[j])
            return 0;
        span *= tt->levels[j];
    }
    return span;
}

static uint64_t cfg_index(const fsq_tt *tt, const unsigned char *cfg)
{
    uint64_t v = 0;
    for (size_t j = 0; j < tt->k; j++)
        v = v * tt->levels[j] + cfg[j];
    return v;
}

/* fsq__covered_non_on on 64-bit indices below span: the ON rows' indices (sorted, as
 * the rows are), each cube's points by index, sorted and deduplicated as
 * numbers (through a bitmap of every index when that is not much larger
 * than the points), then written out as digits. */
static int covered_by_index(const fsq_tt *tt, uint64_t span, const unsigned char *cubes,
                            size_t ncubes, size_t total, fsq__cfg_list *out)
{
    size_t k = tt->k, non = 0, n = 0;
    int rc = 0;
    uint64_t *on = malloc((tt->nrows + 1) * sizeof *on), *pts = malloc((total + 1) * sizeof *pts);
    uint64_t *seen = NULL; /* the bitmap, when span <= 64 x (total + 1024) */
    unsigned char *cur = malloc(k + 1);
    if (!on || !pts || !cur) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t r = 0; r < tt->nrows; r++)
        if (tt->row_out[r] == FSQ_OUT_1)
            on[non++] = cfg_index(tt, tt->rows + r * k);
    if (span / 64 <= total + 1024 && !(seen = calloc(span / 64 + 1, sizeof *seen))) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t c = 0; c < ncubes; c++) {
        const unsigned char *cube = cubes + c * k;
        first_point(tt, cube, cur);
        do {
            uint64_t v = cfg_index(tt, cur);
            if (seen)
                seen[v / 64] |= UINT64_C(1) << (v % 64);
            else
                pts[n++] = v;
        } while (next_point(tt, cube, cur));
    }
    if (seen) {
        for (size_t w = 0; w <= span / 64; w++)
            for (uint64_t bits = seen[w]; bits; bits &= bits - 1)
                pts[n++] = w * 64 + (uint64_t)fsq__ctz64(bits);
    } else {
        qsort(pts, n, sizeof *pts, cmp_u64);
    }
    size_t kept = 0;
    for (size_t i = 0, o = 0; i < n; i++) {
        if (i > 0 && pts[i] == pts[i - 1])
            continue;
        while (o < non && on[o] < pts[i])
            o++;
        if (o < non && on[o] == pts[i])
            continue; /* a positive row */
        pts[kept++] = pts[i];
    }
    if (!(out->cfg = malloc(kept * k + 1))) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < kept; i++) {
        uint64_t v = pts[i];
        for (size_t j = k; j-- > 0;) {
            out->cfg[i * k + j] = (unsigned char)(v % tt->levels[j]);
            v /= tt->levels[j];
        }
    }
    out->n = kept;
done:
    free(on);
    free(pts);
    free(seen);
    free(cur);
    return rc;
}

int fsq__covered_non_on(const fsq_tt *tt, const unsigned char *cubes, size_t ncubes,
                        fsq__cfg_list *out)
{
    size_t k = tt->k;
    memset(out, 0, sizeof *out);
    double total = 0;
    for (size_t c = 0; c < ncubes; c++) {
        double points = 1;
        for (size_t j = 0; j < k; j++)
            if (cubes[c * k + j] == FSQ__DASH)
                points *= tt->levels[j];
        total += points;
    }
    if (total > FSQ__MAX_LISTED_CONFIGS) {
        out->truncated = 1;
        return 0;
    }
    uint64_t span = index_span(tt);
    if (span)
        return covered_by_index(tt, span, cubes, ncubes, (size_t)total, out);
    out->cfg = malloc(((size_t)total ? (size_t)total : 1) * k);
    unsigned char *cur = malloc(k ? k : 1);
    if (!out->cfg || !cur) {
        free(cur);
        fsq__cfg_list_free(out);
        return fsq__nomem();
    }
    for (size_t c = 0; c < ncubes; c++) {
        const unsigned char *cube = cubes + c * k;
        first_point(tt, cube, cur);
        do {
            if (!is_on_row(tt, cur))
                memcpy(out->cfg + out->n++ * k, cur, k);
        } while (next_point(tt, cube, cur));
    }
    free(cur);
    fsq__cfg_list_normalize(out, k);
    return 0;
}
