/* Cube helpers over digit cubes, and QCA's order of prime implicants.
 *
 * Contract: a cube is k bytes, a level or FSQ__DASH (see prime.h). The
 * helpers are O(k). fsq__cube_sort_qca reorders n cubes in place exactly as
 * QCA 3.23 orders its implicant matrix (C functions sort_matrix / sort_cols):
 * for each condition from the last to the first, a stable sort by that
 * condition's value (fixed levels ascending, free last), then a stable sort
 * by the number of literals. One quirk is reproduced on purpose: when every
 * cube fixes the condition being sorted, QCA's loop leaves the LAST cube
 * holding the smallest level (in the current order) at the very end. Without
 * the quirk the result is the order of fsq__cube_compare; with it, the
 * result depends on the order of the input, so callers pass their cubes in
 * the order QCA discovers them (see prime.h). O(k (n + 256)) time, O(n) space.
 */
#include "prime/prime.h"

#include <stdlib.h>
#include <string.h>

#include "common/error.h"

int fsq__cube_contains_digits(const unsigned char *cube, const unsigned char *cfg, size_t k)
{
    for (size_t j = 0; j < k; j++)
        if (cube[j] != FSQ__DASH && cube[j] != cfg[j])
            return 0;
    return 1;
}

int fsq__cube_subsumes(const unsigned char *a, const unsigned char *b, size_t k)
{
    for (size_t j = 0; j < k; j++)
        if (a[j] != FSQ__DASH && a[j] != b[j])
            return 0;
    return 1;
}

int fsq__cube_nliterals(const unsigned char *cube, size_t k)
{
    int n = 0;
    for (size_t j = 0; j < k; j++)
        n += cube[j] != FSQ__DASH;
    return n;
}

int fsq__cube_compare(const unsigned char *a, const unsigned char *b, size_t k)
{
    int na = fsq__cube_nliterals(a, k), nb = fsq__cube_nliterals(b, k);
    if (na != nb)
        return na < nb ? -1 : 1;
    /* Condition by condition: a fixed condition sorts before a free one, a
     * lower level before a higher one (FSQ__DASH is 0xFF, above any level). */
    for (size_t j = 0; j < k; j++)
        if (a[j] != b[j])
            return a[j] < b[j] ? -1 : 1;
    return 0;
}

/* Sort key of one condition as QCA stores it: 0 free, level + 1 fixed. */
static unsigned qca_value(unsigned char digit)
{
    return digit == FSQ__DASH ? 0u : (unsigned)digit + 1u;
}

/* Stable counting sort of order[0..n) by key[order[i]] (keys < 258). */
static void counting_sort(size_t *order, size_t *tmp, const unsigned *key, size_t n)
{
    size_t count[259];
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++)
        count[key[order[i]] + 1]++;
    for (size_t v = 1; v < 259; v++)
        count[v] += count[v - 1];
    for (size_t i = 0; i < n; i++)
        tmp[count[key[order[i]]]++] = order[i];
    memcpy(order, tmp, n * sizeof *order);
}

int fsq__cube_sort_qca(unsigned char *cubes, size_t n, size_t k, size_t *perm)
{
    int rc = 0;
    size_t *order = NULL, *tmp = NULL;
    unsigned *key = NULL;
    unsigned char *copy = NULL;
    if (n < 2) {
        if (n == 1 && perm)
            perm[0] = 0;
        return 0;
    }
    order = malloc(n * sizeof *order);
    tmp = malloc(n * sizeof *tmp);
    key = malloc(n * sizeof *key);
    copy = malloc(n * k);
    if (!order || !tmp || !key || !copy) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = i;

    for (size_t jj = k; jj-- > 0;) {
        int any_free = 0;
        for (size_t i = 0; i < n; i++) {
            key[i] = qca_value(cubes[i * k + jj]);
            any_free |= key[i] == 0;
        }
        if (any_free) {
            /* QCA: descending pass, then ascending over the fixed prefix:
             * fixed levels ascending, free cubes last, all stable. */
            for (size_t i = 0; i < n; i++)
                if (key[i] == 0)
                    key[i] = 257;
            counting_sort(order, tmp, key, n);
        } else {
            /* QCA's ascending pass stops one short of the end, so the last
             * cube of the descending pass (the last one, in current order,
             * holding the smallest level) stays at the end. */
            unsigned min = 256;
            size_t last = 0;
            for (size_t i = 0; i < n; i++)
                if (key[order[i]] <= min) {
                    min = key[order[i]];
                    last = i;
                }
            size_t held = order[last];
            memmove(order + last, order + last + 1, (n - last - 1) * sizeof *order);
            counting_sort(order, tmp, key, n - 1);
            order[n - 1] = held;
        }
    }
    for (size_t i = 0; i < n; i++)
        key[i] = (unsigned)fsq__cube_nliterals(cubes + i * k, k);
    counting_sort(order, tmp, key, n);

    memcpy(copy, cubes, n * k);
    for (size_t i = 0; i < n; i++)
        memcpy(cubes + i * k, copy + order[i] * k, k);
    if (perm)
        memcpy(perm, order, n * sizeof *perm);
done:
    free(order);
    free(tmp);
    free(key);
    free(copy);
    return rc;
}
