/* Prime implicants when only ON and the explicit don't-cares may be covered
 * (conservative and intermediate solutions), by Quine-McCluskey merging
 * generalised to multi-value conditions.
 *
 * Contract: in, ON and dc configurations (digits, disjoint, no duplicates);
 * out, every prime implicant (a cube all of whose configurations are in
 * ON u dc, none of whose literals can be dropped) that contains an ON
 * configuration, in QCA's order (prime.h).
 *
 * Rounds. A round takes the current list of cubes and, for every cube a and
 * fixed condition j such that the cubes "a with j at each of its levels" are
 * all in the list (a complete group), produces a with j free and marks the
 * whole group as merged. By induction every implicant with r free conditions
 * appears in round r, so the cubes never merged are exactly the primes.
 * The next list is the new cubes, ordered by the first pair of list
 * positions in one complete group that produced them (the order in which
 * QCA's pair loop meets them), then the unmerged cubes in their old order:
 * the final list is QCA's C_QMC list before its sort.
 *
 * Cost: per round, O(n k L) hash look-ups of k-byte keys (n cubes, L levels),
 * no pairwise comparisons; at most k rounds. Serial: the ON sets of
 * conservative and intermediate solutions are small.
 */
#include "prime/prime.h"

#include <stdlib.h>
#include <string.h>

#include "common/error.h"

/* Growable list of cubes with, per cube, whether it contains an ON
 * configuration and the pair of positions that produced it. */
typedef struct {
    unsigned char *cubes;
    unsigned char *has_on;
    size_t *key0, *key1;
    size_t n, cap;
} cube_list;

static int list_reserve(cube_list *l, size_t need, size_t k)
{
    if (need <= l->cap)
        return 0;
    size_t cap = l->cap ? l->cap : 256;
    while (cap < need)
        cap *= 2;
    unsigned char *cubes = realloc(l->cubes, cap * k);
    if (cubes)
        l->cubes = cubes;
    unsigned char *has_on = realloc(l->has_on, cap);
    if (has_on)
        l->has_on = has_on;
    size_t *key0 = realloc(l->key0, cap * sizeof *key0);
    if (key0)
        l->key0 = key0;
    size_t *key1 = realloc(l->key1, cap * sizeof *key1);
    if (key1)
        l->key1 = key1;
    if (!cubes || !has_on || !key0 || !key1)
        return fsq__nomem();
    l->cap = cap;
    return 0;
}

static void list_free(cube_list *l)
{
    free(l->cubes);
    free(l->has_on);
    free(l->key0);
    free(l->key1);
    memset(l, 0, sizeof *l);
}

/* Open-addressing set of list positions, keyed by the cube bytes. */
typedef struct {
    size_t *slot;              /* position + 1, 0 = empty */
    size_t mask;
} cube_index;

static uint64_t hash_cube(const unsigned char *c, size_t k)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ k;
    size_t j = 0;
    for (; j + 8 <= k; j += 8) {
        uint64_t x;
        memcpy(&x, c + j, 8);
        h = (h ^ x) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
    }
    for (; j < k; j++)
        h = (h ^ c[j]) * 0x94D049BB133111EBu;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    return h ^ (h >> 32);
}

static int index_build(cube_index *ix, const unsigned char *cubes, size_t n, size_t k)
{
    size_t size = 16;
    while (size < 2 * n)
        size *= 2;
    free(ix->slot);
    ix->slot = calloc(size, sizeof *ix->slot);
    if (!ix->slot)
        return fsq__nomem();
    ix->mask = size - 1;
    for (size_t i = 0; i < n; i++) {
        size_t s = hash_cube(cubes + i * k, k) & ix->mask;
        while (ix->slot[s])
            s = (s + 1) & ix->mask;
        ix->slot[s] = i + 1;
    }
    return 0;
}

/* Position of cube c in the indexed list, or SIZE_MAX. */
static size_t index_find(const cube_index *ix, const unsigned char *cubes, size_t k,
                         const unsigned char *c)
{
    size_t s = hash_cube(c, k) & ix->mask;
    while (ix->slot[s]) {
        size_t pos = ix->slot[s] - 1;
        if (memcmp(cubes + pos * k, c, k) == 0)
            return pos;
        s = (s + 1) & ix->mask;
    }
    return SIZE_MAX;
}

/* A new cube of a round and the pair of positions that produced it. */
typedef struct {
    size_t key0, key1, index;
} pair_ref;

static int cmp_pair(const void *x, const void *y)
{
    const pair_ref *a = x, *b = y;
    if (a->key0 != b->key0)
        return a->key0 < b->key0 ? -1 : 1;
    return a->key1 < b->key1 ? -1 : a->key1 > b->key1;
}

int fsq__pi_search_explicit(const fsq__pi_problem *p, fsq__pi_result *out)
{
    int rc = 0;
    const size_t k = p->k;
    cube_list cur = {0}, found = {0}, next = {0};
    cube_index cur_ix = {0}, found_ix = {0};
    unsigned char *merged = NULL, *probe = NULL;
    pair_ref *order = NULL;
    size_t *perm = NULL;
    double deadline = p->time_limit > 0 ? fsq__pi_now() + p->time_limit : 0;

    /* 1. Round 0: ON then dc, in input order. */
    size_t n0 = p->non + p->ndc;
    probe = malloc(k);
    if (!probe || (rc = list_reserve(&cur, n0, k)) != 0) {
        rc = rc ? rc : fsq__nomem();
        goto done;
    }
    memcpy(cur.cubes, p->on, p->non * k);
    if (p->ndc)
        memcpy(cur.cubes + p->non * k, p->dc, p->ndc * k);
    memset(cur.has_on, 1, p->non);
    memset(cur.has_on + p->non, 0, p->ndc);
    cur.n = n0;
    if ((rc = index_build(&cur_ix, cur.cubes, cur.n, k)) != 0)
        goto done;
    for (size_t i = 0; i < cur.n; i++)
        if (index_find(&cur_ix, cur.cubes, k, cur.cubes + i * k) != i) {
            rc = fsq__error(FSQ_EINPUT,
                            "prime implicants: configuration %zu of ON + don't-cares is listed twice",
                            i + 1);
            goto done;
        }

    /* 2. Merging rounds until nothing merges. */
    while (cur.n > 1) {
        free(merged);
        merged = calloc(cur.n, 1);
        if (!merged) {
            rc = fsq__nomem();
            goto done;
        }
        found.n = 0;
        if ((rc = index_build(&found_ix, NULL, 0, k)) != 0)
            goto done;
        for (size_t pos = 0; pos < cur.n; pos++) {
            const unsigned char *a = cur.cubes + pos * k;
            out->nodes++;
            if (deadline > 0 && (pos & 1023) == 0 && fsq__pi_now() > deadline) {
                rc = fsq__error(FSQ_ELIMIT,
                                "time limit of %g s reached in the prime implicant search (--time-limit)",
                                p->time_limit);
                goto done;
            }
            for (size_t j = 0; j < k; j++) {
                if (a[j] == FSQ__DASH)
                    continue;
                /* The group of a along j; a is visited as its first member. */
                size_t first = SIZE_MAX, second = SIZE_MAX;
                unsigned char on = 0;
                int complete = 1;
                memcpy(probe, a, k);
                for (unsigned v = 0; v < p->levels[j] && complete; v++) {
                    probe[j] = (unsigned char)v;
                    size_t at = v == a[j] ? pos : index_find(&cur_ix, cur.cubes, k, probe);
                    if (at == SIZE_MAX) {
                        complete = 0;
                    } else {
                        on |= cur.has_on[at];
                        if (at < first) {
                            second = first;
                            first = at;
                        } else if (at < second) {
                            second = at;
                        }
                    }
                }
                if (!complete || first != pos)
                    continue;
                for (unsigned v = 0; v < p->levels[j]; v++) {
                    probe[j] = (unsigned char)v;
                    merged[v == a[j] ? pos : index_find(&cur_ix, cur.cubes, k, probe)] = 1;
                }
                probe[j] = FSQ__DASH;
                /* The same cube can come from several groups: keep the first
                 * pair QCA would meet. */
                size_t at = found.n ? index_find(&found_ix, found.cubes, k, probe) : SIZE_MAX;
                if (at != SIZE_MAX) {
                    if (first < found.key0[at] || (first == found.key0[at] && second < found.key1[at])) {
                        found.key0[at] = first;
                        found.key1[at] = second;
                    }
                    found.has_on[at] |= on;
                    continue;
                }
                if ((rc = list_reserve(&found, found.n + 1, k)) != 0)
                    goto done;
                memcpy(found.cubes + found.n * k, probe, k);
                found.has_on[found.n] = on;
                found.key0[found.n] = first;
                found.key1[found.n] = second;
                found.n++;
                if (2 * found.n > found_ix.mask) {
                    if ((rc = index_build(&found_ix, found.cubes, found.n, k)) != 0)
                        goto done;
                } else {
                    size_t s = hash_cube(probe, k) & found_ix.mask;
                    while (found_ix.slot[s])
                        s = (s + 1) & found_ix.mask;
                    found_ix.slot[s] = found.n;
                }
            }
        }
        if (found.n == 0)
            break;

        /* Next list: new cubes by producing pair, then the unmerged ones. */
        free(order);
        order = malloc(found.n * sizeof *order);
        if (!order) {
            rc = fsq__nomem();
            goto done;
        }
        for (size_t i = 0; i < found.n; i++) {
            order[i].key0 = found.key0[i];
            order[i].key1 = found.key1[i];
            order[i].index = i;
        }
        qsort(order, found.n, sizeof *order, cmp_pair);
        next.n = 0;
        if ((rc = list_reserve(&next, found.n + cur.n, k)) != 0)
            goto done;
        for (size_t i = 0; i < found.n; i++) {
            memcpy(next.cubes + next.n * k, found.cubes + order[i].index * k, k);
            next.has_on[next.n++] = found.has_on[order[i].index];
        }
        for (size_t i = 0; i < cur.n; i++)
            if (!merged[i]) {
                memcpy(next.cubes + next.n * k, cur.cubes + i * k, k);
                next.has_on[next.n++] = cur.has_on[i];
            }
        cube_list swap = cur;
        cur = next;
        next = swap;
        if ((rc = index_build(&cur_ix, cur.cubes, cur.n, k)) != 0)
            goto done;
    }

    /* 3. QCA's sort over all primes, then drop those covering no ON row. */
    perm = malloc((cur.n ? cur.n : 1) * sizeof *perm);
    if (!perm) {
        rc = fsq__nomem();
        goto done;
    }
    if ((rc = fsq__cube_sort_qca(cur.cubes, cur.n, k, perm)) != 0)
        goto done;
    size_t npis = 0;
    for (size_t i = 0; i < cur.n; i++)
        if (cur.has_on[perm[i]]) {
            memmove(cur.cubes + npis * k, cur.cubes + i * k, k);
            npis++;
        }
    if (p->max_pis && npis > p->max_pis) {
        out->max_pis_reached = 1;
        rc = fsq__error(FSQ_ELIMIT,
                        "prime implicant search stopped: more than %zu prime implicants (--max-pis)",
                        p->max_pis);
        goto done;
    }
    out->cubes = malloc(npis ? npis * k : 1);
    if (!out->cubes) {
        rc = fsq__nomem();
        goto done;
    }
    memcpy(out->cubes, cur.cubes, npis * k);
    out->npis = npis;

done:
    list_free(&cur);
    list_free(&found);
    list_free(&next);
    free(cur_ix.slot);
    free(found_ix.slot);
    free(merged);
    free(probe);
    free(order);
    free(perm);
    return rc;
}
