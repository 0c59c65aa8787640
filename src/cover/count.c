/* Counting and listing the minimum covers of one block of the chart.
 *
 * Contract. In: a block (its columns in `mask`) whose minimum cover size k
 * is known (cover_search.c). Out: the exact number of covers of size k
 * (GMP integer), the first max_solutions of them in lexicographic order of
 * their increasing PI index lists (QCA's order), and the PIs that are in
 * every one of them. Memory does not grow with the number of covers beyond
 * the listing cap.
 *
 * Counting. The search of cover.c (branch on the column c of U with the
 * fewest available PIs; the branch of its i-th PI excludes the PIs before
 * it) reaches every cover of size k exactly once, so the count of a node is
 * the sum of its children's counts. A node is a residual subproblem: cover
 * U with exactly r more PIs from the available ones. Only the available PIs
 * that touch U matter (in a cover of minimum size every PI covers a column
 * no other PI of it covers, and that column is still uncovered when the PI
 * is chosen), so (U, available PIs touching U, r) identifies the
 * subproblem, and its count is cached under that key (as model counters
 * cache components): equal residual problems reached along different paths
 * are counted once. The cache has a fixed size; when full, new results are
 * not stored (slower, never wrong). Nodes whose lower bound exceeds r count
 * 0; at r = 1 the count is the number of available PIs covering all of U.
 *
 * Listing. A depth-first walk that picks the PIs of a cover in increasing
 * order: the child of PI p covers U minus p's columns with the PIs after p.
 * Children are visited in increasing p, so covers come out in
 * lexicographic order and the walk stops at the cap. A child is opened only
 * when the bound allows r - 1 more PIs to cover the rest; p never passes
 * the smallest, over the columns of U, of the column's highest PI (after
 * that some column has no PI left).
 *
 * PIs in every minimum cover: when every cover is listed, the intersection
 * of the listed ones; otherwise each PI of the listed intersection is
 * tested by a search for a cover of size k that avoids it. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/cover.h"
#include "cover/cover_internal.h"

/* Cache memory: at most this many bytes of keys per block. */
#define CACHE_BYTES (64u << 20)

static uint64_t hash_key(const uint64_t *key, size_t kw, size_t r)
{
    uint64_t h = UINT64_C(0x9e3779b97f4a7c15) ^ (uint64_t)r;
    for (size_t w = 0; w < kw; w++) {
        h ^= key[w];
        h *= UINT64_C(0xff51afd7ed558ccd);
        h ^= h >> 32;
    }
    return h;
}

static void cache_free(count_cache *c)
{
    for (size_t i = 0; c->budget && i < c->slots; i++)
        if (c->budget[i])
            mpz_clear(c->value[i]);
    free(c->keys);
    free(c->budget);
    free(c->value);
    memset(c, 0, sizeof *c);
}

/* Sizes the cache for keys of kw words; without memory, no cache. */
static void cache_init(count_cache *c, size_t kw)
{
    memset(c, 0, sizeof *c);
    size_t per = kw * sizeof(uint64_t) + sizeof(uint32_t) + sizeof(mpz_t);
    size_t slots = 1024;
    while (slots * 2 * per <= CACHE_BYTES && slots < (1u << 20))
        slots *= 2;
    c->kw = kw;
    c->keys = malloc(slots * kw * sizeof *c->keys);
    c->budget = calloc(slots, sizeof *c->budget);
    c->value = malloc(slots * sizeof *c->value);
    if (!c->keys || !c->budget || !c->value) {
        cache_free(c);
        return;
    }
    c->slots = slots;
}

/* The slot of (key, r): the one holding it, or the empty one where it would
 * go; SIZE_MAX when the probe finds neither (a full neighbourhood). */
static size_t cache_slot(const count_cache *c, const uint64_t *key, size_t r)
{
    size_t mask = c->slots - 1, i = (size_t)hash_key(key, c->kw, r) & mask;
    for (size_t probe = 0; probe < 64; probe++, i = (i + 1) & mask) {
        if (!c->budget[i])
            return i;
        if (c->budget[i] == r + 1 && memcmp(c->keys + i * c->kw, key, c->kw * sizeof *key) == 0)
            return i;
    }
    return SIZE_MAX;
}

/* Number of available PIs that cover all of U. */
static size_t count_one(const solver *s, const uint64_t *u, const uint64_t *x)
{
    size_t cw = s->cw, c = 0, found = 0;
    for (size_t w = 0; w < cw; w++)
        if (u[w]) {
            c = w * 64 + (size_t)fsq__ctz64(u[w]);
            break;
        }
    const uint64_t *cp = s->colpis + c * s->pw;
    for (size_t w = 0; w < s->pw; w++)
        for (uint64_t bits = cp[w] & ~x[w]; bits; bits &= bits - 1) {
            const uint64_t *pc = s->picols + (w * 64 + (size_t)fsq__ctz64(bits)) * cw;
            uint64_t missed = 0;
            for (size_t v = 0; v < cw && !missed; v++)
                missed = u[v] & ~pc[v];
            found += !missed;
        }
    return found;
}

/* s->cnt[depth] = the number of covers of U (stack level depth) with
 * exactly target - depth PIs outside X. */
static void count_node(solver *s, size_t depth)
{
    size_t cw = s->cw, pw = s->pw, branch = 0, lb = 0, r = s->target - depth;
    const uint64_t *u = s->stk_u + depth * cw, *x = s->stk_x + depth * pw;
    mpz_ptr out = s->cnt[depth];
    mpz_set_ui(out, 0);
    if (fsq__cover_tick(s))
        return;
    if (is_empty(u, cw)) {
        if (r == 0)
            mpz_set_ui(out, 1);
        return;
    }
    if (r == 0)
        return;
    if (r == 1) {
        mpz_set_ui(out, (unsigned long)count_one(s, u, x));
        return;
    }
    if (!fsq__cover_evaluate(s, u, x, &branch, &lb) || lb > r)
        return;

    /* The key: U, then the available PIs touching U. */
    uint64_t *key = s->stk_key + depth * s->cache.kw;
    size_t slot = SIZE_MAX;
    if (s->cache.slots) {
        memcpy(key, u, cw * sizeof *key);
        uint64_t *touch = key + cw;
        memset(touch, 0, pw * sizeof *touch);
        for (size_t w = 0; w < cw; w++)
            for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
                const uint64_t *cp = s->colpis + (w * 64 + (size_t)fsq__ctz64(bits)) * pw;
                for (size_t v = 0; v < pw; v++)
                    touch[v] |= cp[v];
            }
        for (size_t v = 0; v < pw; v++)
            touch[v] &= ~x[v];
        slot = cache_slot(&s->cache, key, r);
        if (slot != SIZE_MAX && s->cache.budget[slot]) {
            mpz_set(out, s->cache.value[slot]);
            return;
        }
    }

    size_t *cand = s->stk_cand + depth * s->maxdeg;
    size_t nc = fsq__cover_candidates(s, branch, x, cand);
    uint64_t *uc = s->stk_u + (depth + 1) * cw, *xc = s->stk_x + (depth + 1) * pw;
    memcpy(xc, x, pw * sizeof *xc);
    for (size_t i = 0; i < nc; i++) {
        const uint64_t *pc = s->picols + cand[i] * cw;
        for (size_t w = 0; w < cw; w++)
            uc[w] = u[w] & ~pc[w];
        count_node(s, depth + 1);
        if (s->limit)
            return;
        mpz_add(out, out, s->cnt[depth + 1]);
        bit_set(xc, cand[i]);
    }
    if (slot != SIZE_MAX && s->cache.used * 4 < s->cache.slots * 3 &&
        (!s->cache.budget[slot] || (slot = cache_slot(&s->cache, key, r)) != SIZE_MAX)) {
        /* (The children may have taken the slot found before them.) */
        memcpy(s->cache.keys + slot * s->cache.kw, key, s->cache.kw * sizeof *key);
        s->cache.budget[slot] = (uint32_t)(r + 1);
        mpz_init_set(s->cache.value[slot], out);
        s->cache.used++;
    }
}

/* Appends chosen[0..depth) (increasing already) to the listed covers. */
static void record(solver *s, size_t depth)
{
    if (s->nsols == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        if (s->max_solutions && cap > s->max_solutions)
            cap = s->max_solutions;
        size_t *grown = realloc(s->sols, cap * (depth ? depth : 1) * sizeof *grown);
        if (!grown) {
            s->limit = LIMIT_NOMEM;
            return;
        }
        s->sols = grown;
        s->cap = cap;
    }
    memcpy(s->sols + s->nsols * depth, s->chosen, depth * sizeof *s->chosen);
    s->nsols++;
    if (s->max_solutions && s->nsols >= s->max_solutions)
        s->list_full = 1;
}

/* Lists the covers of U (level depth) with target - depth PIs from those
 * numbered `from` or more, in lexicographic order. */
static void list_node(solver *s, size_t depth, size_t from)
{
    size_t cw = s->cw, pw = s->pw, r = s->target - depth;
    const uint64_t *u = s->stk_u + depth * cw, *x = s->stk_x + depth * pw;
    if (s->list_full || fsq__cover_tick(s))
        return;
    if (is_empty(u, cw)) {
        if (r == 0)
            record(s, depth);
        return;
    }
    if (r == 0)
        return;
    size_t last = SIZE_MAX;
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t hi = s->col_last[w * 64 + (size_t)fsq__ctz64(bits)];
            if (hi < last)
                last = hi;
        }
    uint64_t *uc = s->stk_u + (depth + 1) * cw, *xc = s->stk_x + (depth + 1) * pw;
    memcpy(xc, x, pw * sizeof *xc);
    for (size_t p = from; p <= last && p < s->n; p++) {
        const uint64_t *pc = s->picols + p * cw;
        uint64_t any = 0, left = 0;
        bit_set(xc, p); /* the child chooses after p only */
        for (size_t w = 0; w < cw; w++) {
            any |= pc[w] & u[w];
            uc[w] = u[w] & ~pc[w];
            left |= uc[w];
        }
        if (!any)
            continue;
        s->chosen[depth] = p;
        if (r == 1) {
            if (!left) {
                record(s, depth + 1);
                if (s->list_full || s->limit)
                    return;
            }
            continue;
        }
        size_t branch = 0, lb = 0;
        if (!left || !fsq__cover_evaluate(s, uc, xc, &branch, &lb) || lb + 1 > r)
            continue;
        list_node(s, depth + 1, p + 1);
        if (s->list_full || s->limit)
            return;
    }
}

void fsq__cover_solver_count_free(solver *s)
{
    for (size_t d = 0; s->cnt && d < s->cnt_levels; d++)
        mpz_clear(s->cnt[d]);
    free(s->cnt);
    s->cnt = NULL;
    s->cnt_levels = 0;
    free(s->stk_key);
    s->stk_key = NULL;
    cache_free(&s->cache);
}

int fsq__cover_block_count(solver *s, const uint64_t *mask, block_result *br)
{
    size_t cw = s->cw, pw = s->pw, k = br->k;
    int rc = 0;
    mpz_init(br->count);
    if ((rc = fsq__cover_ensure_levels(s, k + 1)) != 0)
        return rc;
    if (s->cnt_levels < k + 1) {
        mpz_t *grown = realloc(s->cnt, (k + 1) * sizeof *grown);
        if (!grown)
            return fsq__nomem();
        s->cnt = grown;
        for (size_t d = s->cnt_levels; d < k + 1; d++)
            mpz_init(s->cnt[d]);
        s->cnt_levels = k + 1;
    }
    /* The cache outlives the block: a count depends only on its key (U,
     * the available PIs touching U, r), whatever block or path led there. */
    if (!s->cache.kw)
        cache_init(&s->cache, cw + pw);
    s->cache.kw = cw + pw;
    if (s->cache.slots) {
        uint64_t *keys = realloc(s->stk_key, (k + 1) * s->cache.kw * sizeof *keys);
        if (!keys)
            return fsq__nomem();
        s->stk_key = keys;
    }

    /* 1. Count. */
    s->target = k;
    memcpy(s->stk_u, mask, cw * sizeof *s->stk_u);
    memset(s->stk_x, 0, pw * sizeof *s->stk_x);
    count_node(s, 0);
    if (s->limit)
        return s->limit == LIMIT_NOMEM ? fsq__nomem() : 0;
    mpz_set(br->count, s->cnt[0]);

    /* 2. List the first covers in lexicographic order. */
    s->nsols = 0;
    s->list_full = 0;
    memcpy(s->stk_u, mask, cw * sizeof *s->stk_u);
    memset(s->stk_x, 0, pw * sizeof *s->stk_x);
    list_node(s, 0, 0);
    if (s->limit)
        return s->limit == LIMIT_NOMEM ? fsq__nomem() : 0;
    br->nsols = s->nsols;
    br->sols = s->sols;
    s->sols = NULL;
    s->nsols = s->cap = 0;
    if (mpz_cmp_ui(br->count, (unsigned long)br->nsols) < 0 ||
        (!s->list_full && mpz_cmp_ui(br->count, (unsigned long)br->nsols) != 0))
        return fsq__error(FSQ_EINTERNAL, "cover: the count of the minimum covers of a block "
                                         "disagrees with the %zu listed",
                          br->nsols);

    /* 3. The PIs in every minimum cover of the block. */
    br->always = malloc((k ? k : 1) * sizeof *br->always);
    if (!br->always)
        return fsq__nomem();
    br->nalways = 0;
    for (size_t t = 0; t < k && br->nsols > 0; t++) {
        size_t p = br->sols[t];
        int in_all = 1;
        for (size_t i = 1; i < br->nsols && in_all; i++) {
            const size_t *row = br->sols + i * k;
            in_all = 0;
            for (size_t j = 0; j < k; j++)
                in_all |= row[j] == p;
        }
        if (in_all && mpz_cmp_ui(br->count, (unsigned long)br->nsols) != 0) {
            int avoids = 0;
            if ((rc = fsq__cover_block_avoids(s, mask, br, p, &avoids)) != 0)
                return rc;
            if (s->limit)
                return 0;
            in_all = !avoids;
        }
        if (in_all)
            br->always[br->nalways++] = p;
    }
    return 0;
}
