/* Configurations covered by a model that are not positive rows: QCA's
 * simplifying assumptions (remainders, and C rows used as don't-cares), and
 * the sets of counterfactuals of intermediate solutions.
 *
 * A cube with free conditions F holds prod_{j in F} levels[j]
 * configurations; they are enumerated in index order (an odometer over F,
 * last condition fastest). A model whose cubes hold more than
 * FSQ__MAX_LISTED_CONFIGS configurations in all is marked truncated instead
 * of being listed: with dozens of conditions the list would be astronomically
 * long, and saying so beats a partial list that looks complete.
 */
#include <stdlib.h>
#include <string.h>

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
    out->cfg = malloc(((size_t)total ? (size_t)total : 1) * k);
    unsigned char *cur = malloc(k ? k : 1);
    if (!out->cfg || !cur) {
        free(cur);
        fsq__cfg_list_free(out);
        return fsq__nomem();
    }
    for (size_t c = 0; c < ncubes; c++) {
        const unsigned char *cube = cubes + c * k;
        for (size_t j = 0; j < k; j++)
            cur[j] = cube[j] == FSQ__DASH ? 0 : cube[j];
        for (;;) {
            if (!is_on_row(tt, cur))
                memcpy(out->cfg + out->n++ * k, cur, k);
            /* Odometer over the free conditions, last one fastest; a carry
             * out of the first free condition means every point was seen. */
            int carry = 1;
            for (size_t j = k; carry && j-- > 0;) {
                if (cube[j] != FSQ__DASH)
                    continue;
                if (++cur[j] < tt->levels[j])
                    carry = 0;
                else
                    cur[j] = 0;
            }
            if (carry)
                break;
        }
    }
    free(cur);
    fsq__cfg_list_normalize(out, k);
    return 0;
}
