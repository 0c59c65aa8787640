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
#include <stdio.h>

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

/* Sizes the cache for keys of kw words, about `want` slots (at most
 * CACHE_BYTES); without memory, no cache. */
static void cache_init(count_cache *c, size_t kw, size_t want)
{
    memset(c, 0, sizeof *c);
    size_t per = kw * sizeof(uint64_t) + sizeof(uint32_t) + sizeof(mpz_t);
    size_t slots = 1024;
    while (slots < want && slots * 2 * per <= CACHE_BYTES && slots < (1u << 22))
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

/* The columns of U joined to U's first column through available PIs,
 * into comp (cw words); 1 when that is all of U. */
static int first_component(solver *s, const uint64_t *u, const uint64_t *x, uint64_t *comp)
{
    size_t cw = s->cw, pw = s->pw;
    uint64_t *pis = s->comp_pis, *fresh = s->comp_fresh;
    memset(comp, 0, cw * sizeof *comp);
    memset(pis, 0, pw * sizeof *pis);
    memset(fresh, 0, cw * sizeof *fresh);
    for (size_t w = 0; w < cw; w++)
        if (u[w]) {
            fresh[w] = u[w] & (~u[w] + 1);
            break;
        }
    for (;;) {
        uint64_t grew = 0;
        for (size_t w = 0; w < cw; w++) {
            comp[w] |= fresh[w];
            for (uint64_t bits = fresh[w]; bits; bits &= bits - 1) {
                const uint64_t *cp = s->colpis + (w * 64 + (size_t)fsq__ctz64(bits)) * pw;
                for (size_t v = 0; v < pw; v++)
                    pis[v] |= cp[v] & ~x[v];
            }
        }
        /* Columns of U that the component's PIs reach and it lacks. */
        memset(fresh, 0, cw * sizeof *fresh);
        for (size_t v = 0; v < pw; v++)
            for (uint64_t bits = pis[v]; bits; bits &= bits - 1) {
                const uint64_t *pc = s->picols + (v * 64 + (size_t)fsq__ctz64(bits)) * cw;
                for (size_t w = 0; w < cw; w++)
                    fresh[w] |= pc[w];
            }
        for (size_t w = 0; w < cw; w++) {
            fresh[w] &= u[w] & ~comp[w];
            grew |= fresh[w];
        }
        if (!grew)
            break;
        memset(pis, 0, pw * sizeof *pis); /* only the new columns' PIs next */
    }
    for (size_t w = 0; w < cw; w++)
        if (comp[w] != u[w])
            return 0;
    return 1;
}

static void count_node(solver *s, size_t depth, size_t from, size_t r);

/* Whether waste pruning (solver.y) may cut below this depth: not under a
 * component split, where a component is counted on its own and its covers
 * need not extend to a cover of size target with the prefix above. */
#define NO_WASTE (-1.0)

/* Excludes in x the PIs that share an exact column (see the top of the
 * file) with PI p: a minimum cover covers such a column once. */
static void exclude_exact(const solver *s, size_t p, uint64_t *x)
{
    const uint64_t *pc = s->picols + p * s->cw;
    for (size_t w = 0; w < s->cw; w++)
        for (uint64_t bits = pc[w] & s->exact[w]; bits; bits &= bits - 1) {
            const uint64_t *cp = s->colpis + (w * 64 + (size_t)fsq__ctz64(bits)) * s->pw;
            for (size_t v = 0; v < s->pw; v++)
                x[v] |= cp[v];
        }
}

/* x plus every PI numbered below `from`, into px. */
static void with_prefix(const solver *s, const uint64_t *x, size_t from, uint64_t *px)
{
    for (size_t v = 0; v < s->pw; v++) {
        uint64_t below = v * 64 + 64 <= from ? ~UINT64_C(0)
                         : v * 64 >= from    ? 0
                                             : (UINT64_C(1) << (from - v * 64)) - 1;
        px[v] = x[v] | below;
    }
}

/* U splits into components that share no available PI: a cover of U is
 * one cover per component, and every minimum one uses exactly m_j PIs in
 * component j, m_j the component's minimum (sum m_j = r, or nothing has
 * size r: no residual problem has a cover smaller than its budget). m_j is
 * the smallest budget whose count is not 0. px: the unavailable PIs. */
static void count_components(solver *s, size_t depth, size_t from, size_t r,
                             const uint64_t *px)
{
    s->dbg_comp++;
    size_t cw = s->cw, pw = s->pw, used = 0;
    const uint64_t *x = s->stk_x + depth * pw;
    uint64_t *rest = s->stk_rest + depth * s->rest_w;
    uint64_t *uc = s->stk_u + (depth + 1) * cw, *xc = s->stk_x + (depth + 1) * pw;
    mpz_ptr out = s->cnt[depth];
    mpz_set_ui(out, 1);
    memcpy(rest, s->stk_u + depth * cw, cw * sizeof *rest);
    memcpy(xc, x, pw * sizeof *xc); /* the children read level depth + 1 only */
    while (!is_empty(rest, cw)) {
        first_component(s, rest, px, uc);
        for (size_t w = 0; w < cw; w++)
            rest[w] &= ~uc[w];
        size_t later = is_empty(rest, cw) ? 0 : 1; /* another component needs >= 1 */
        int found = 0;
        for (size_t b = 1; used + b + later <= r && !found; b++) {
            s->waste[depth + 1] = NO_WASTE;
            count_node(s, depth + 1, from, b);
            if (s->limit)
                return;
            if (mpz_sgn(s->cnt[depth + 1]) > 0) {
                mpz_mul(out, out, s->cnt[depth + 1]);
                used += b;
                found = 1;
            }
        }
        if (!found) {
            mpz_set_ui(out, 0);
            return;
        }
    }
    if (used != r)
        mpz_set_ui(out, 0);
}

/* s->cnt[depth] = the number of sets of r PIs, numbered `from` or more and
 * outside X, that cover U (stack level depth), each PI covering a column
 * the PIs before it leave uncovered. X holds the PIs of root_x and those
 * that share an exact column already covered, so it is a function of U:
 * the count is one of (U, from, r), the cache key. Children are the first
 * PI j of the set: U minus j's columns, from j + 1, r - 1. */
static void count_node(solver *s, size_t depth, size_t from, size_t r)
{
    size_t cw = s->cw, pw = s->pw, branch = 0, lb = 0;
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
    size_t last = SIZE_MAX;
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t hi = s->col_last[w * 64 + (size_t)fsq__ctz64(bits)];
            if (hi < last)
                last = hi;
        }
    if (last < from)
        return; /* some column has no PI left */
    if (r == 1) {
        unsigned long n = 0;
        for (size_t j = from; j <= last; j++) {
            if (bit_get(x, j))
                continue;
            const uint64_t *pc = s->picols + j * cw;
            uint64_t missed = 0;
            for (size_t w = 0; w < cw && !missed; w++)
                missed = u[w] & ~pc[w];
            n += !missed;
        }
        mpz_set_ui(out, n);
        return;
    }

    /* The key: U, then from and r. */
    uint64_t *key = s->stk_key + depth * s->cache.kw;
    size_t slot = SIZE_MAX;
    if (s->cache.slots) {
        memcpy(key, u, cw * sizeof *key);
        key[cw] = (uint64_t)from;
        slot = cache_slot(&s->cache, key, r);
        if (slot != SIZE_MAX && s->cache.budget[slot]) {
            mpz_set(out, s->cache.value[slot]); s->dbg_hits++;
            return;
        }
    }
    uint64_t *px = s->stk_px + depth * pw;
    with_prefix(s, x, from, px);
    if (!fsq__cover_evaluate(s, u, px, &branch, &lb) || lb > r) {
        s->dbg_dead++;
        goto store;
    }

    uint64_t *uc = s->stk_u + (depth + 1) * cw, *xc = s->stk_x + (depth + 1) * pw;
    if (!first_component(s, u, px, uc)) {
        count_components(s, depth, from, r, px);
        if (s->limit)
            return;
        goto store;
    }
    for (size_t j = from; j <= last; j++) {
        if (bit_get(x, j))
            continue;
        const uint64_t *pc = s->picols + j * cw;
        uint64_t any = 0;
        for (size_t w = 0; w < cw; w++) {
            any |= pc[w] & u[w];
            uc[w] = u[w] & ~pc[w];
        }
        if (!any)
            continue;
        if (s->waste[depth] != NO_WASTE) {
            /* Every set this child counts extends, with the PIs above, to
             * a cover of size target, whose waste is exactly gap: a child
             * past the gap counts 0, so cutting it leaves every count (and
             * so the cache) exact. */
            double waste = s->waste[depth] + pi_waste(s, j, u);
            if (waste > s->gap)
                continue;
            s->waste[depth + 1] = waste;
        } else {
            s->waste[depth + 1] = NO_WASTE;
        }
        memcpy(xc, x, pw * sizeof *xc);
        if (s->any_exact)
            exclude_exact(s, j, xc);
        count_node(s, depth + 1, j + 1, r - 1);
        if (s->limit)
            return;
        mpz_add(out, out, s->cnt[depth + 1]);
    }
store:
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
    uint64_t *before = s->stk_rest + depth * s->rest_w;
    memcpy(before, x, pw * sizeof *before);
    double gap = s->gap;
    for (size_t p = from; p <= last && p < s->n; p++) {
        const uint64_t *pc = s->picols + p * cw;
        uint64_t any = 0, left = 0;
        int skip = bit_get(before, p);
        bit_set(before, p); /* the child chooses after p only */
        if (skip)
            continue;
        for (size_t w = 0; w < cw; w++)
            any |= pc[w] & u[w];
        if (!any)
            continue;
        double waste = s->waste[depth] + pi_waste(s, p, u);
        if (waste > gap)
            continue; /* no cover of size target through here (solver.y) */
        for (size_t w = 0; w < cw; w++) {
            uc[w] = u[w] & ~pc[w];
            left |= uc[w];
        }
        s->chosen[depth] = p;
        if (r == 1) {
            if (!left) {
                record(s, depth + 1);
                if (s->list_full || s->limit)
                    return;
            }
            continue;
        }
        if (!left)
            continue;
        memcpy(xc, before, pw * sizeof *xc);
        if (s->any_exact)
            exclude_exact(s, p, xc);
        size_t branch = 0, lb = 0;
        if (!fsq__cover_evaluate(s, uc, xc, &branch, &lb) || lb + 1 > r)
            continue;
        s->waste[depth + 1] = waste;
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
    free(s->stk_rest);
    s->stk_rest = NULL;
    free(s->stk_px);
    s->stk_px = NULL;
    free(s->comp_pis);
    free(s->comp_fresh);
    s->comp_pis = s->comp_fresh = NULL;
    cache_free(&s->cache);
}

/* The counting stacks and cache of a solver for blocks of up to k. */
static int count_stacks(solver *s, size_t k)
{
    size_t cw = s->cw, pw = s->pw, levels = 2 * k + 3; /* see below */
    int rc;
    /* A component split adds one level without a PI, and never twice in a
     * row, so the counting goes at most 2k + 2 deep. */
    s->rest_w = cw > pw ? cw : pw;
    if ((rc = fsq__cover_ensure_levels(s, levels)) != 0)
        return rc;
    if (s->cnt_levels < levels) {
        mpz_t *grown = realloc(s->cnt, levels * sizeof *grown);
        uint64_t *rest = realloc(s->stk_rest, levels * s->rest_w * sizeof *rest);
        uint64_t *px = realloc(s->stk_px, levels * pw * sizeof *px);
        if (grown)
            s->cnt = grown;
        if (rest)
            s->stk_rest = rest;
        if (px)
            s->stk_px = px;
        if (!grown || !rest || !px)
            return fsq__nomem();
        for (size_t d = s->cnt_levels; d < levels; d++)
            mpz_init(s->cnt[d]);
        s->cnt_levels = levels;
    }
    if (!s->comp_pis) {
        s->comp_pis = malloc((pw ? pw : 1) * sizeof *s->comp_pis);
        s->comp_fresh = malloc((cw ? cw : 1) * sizeof *s->comp_fresh);
        if (!s->comp_pis || !s->comp_fresh)
            return fsq__nomem();
    }
    if (!s->cache.kw)
        cache_init(&s->cache, cw + 1, s->m * s->n * 16);
    if (s->cache.slots) {
        uint64_t *keys = realloc(s->stk_key, levels * s->cache.kw * sizeof *keys);
        if (!keys)
            return fsq__nomem();
        s->stk_key = keys;
    }
    return 0;
}

typedef struct {
    size_t rank, index;
} order_key;

static int cmp_order(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    if (x->rank != y->rank)
        return (x->rank > y->rank) - (x->rank < y->rank);
    return (x->index > y->index) - (x->index < y->index);
}

/* Counts the covers of size k of the block `mask` avoiding root_x into
 * count. The count does not depend on how PIs are numbered, and the walk
 * of count_node branches on the first PIs in number: so the block is
 * copied with its columns numbered by ascending degree and its PIs by
 * their first column in that order (the walk then branches on the most
 * constrained columns first), into a solver of its own size. */
static int count_block(solver *s, const uint64_t *mask, const uint64_t *root_x, size_t k,
                       mpz_t count)
{
    solver t;
    memset(&t, 0, sizeof t);
    int rc = 0;
    size_t cw = s->cw, m = count_bits(mask, cw), n = 0;
    order_key *cols = malloc((m ? m : 1) * sizeof *cols);
    order_key *pis = malloc((s->n ? s->n : 1) * sizeof *pis);
    size_t *col_new = malloc((s->m ? s->m : 1) * sizeof *col_new);
    if (!cols || !pis || !col_new) {
        rc = fsq__nomem();
        goto done;
    }
    size_t nc = 0;
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = mask[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits), deg = 0;
            const uint64_t *cp = s->colpis + c * s->pw;
            for (size_t v = 0; v < s->pw; v++)
                deg += (size_t)fsq__popcount64(cp[v] & ~root_x[v]);
            cols[nc++] = (order_key){deg, c};
        }
    qsort(cols, m, sizeof *cols, cmp_order);
    for (size_t j = 0; j < m; j++)
        col_new[cols[j].index] = j;
    for (size_t p = 0; p < s->n; p++) {
        if (bit_get(root_x, p))
            continue;
        const uint64_t *pc = s->picols + p * cw;
        size_t first = SIZE_MAX;
        for (size_t w = 0; w < cw; w++)
            for (uint64_t bits = pc[w] & mask[w]; bits; bits &= bits - 1) {
                size_t r = col_new[w * 64 + (size_t)fsq__ctz64(bits)];
                if (r < first)
                    first = r;
            }
        if (first != SIZE_MAX)
            pis[n++] = (order_key){first, p};
    }
    qsort(pis, n, sizeof *pis, cmp_order);

    t.m = m;
    t.n = n;
    t.cw = fsq__words_for_bits(m);
    t.pw = fsq__words_for_bits(n);
    t.colpis = calloc(m * t.pw + 1, sizeof *t.colpis);
    t.picols = calloc(n * t.cw + 1, sizeof *t.picols);
    t.acc = calloc(t.pw + 1, sizeof *t.acc);
    t.alive = calloc(t.pw + 1, sizeof *t.alive);
    t.hist = calloc(m + 2, sizeof *t.hist);
    t.col_last = calloc(m + 1, sizeof *t.col_last);
    t.y = calloc(m + 1, sizeof *t.y);
    t.dred = calloc(n + 1, sizeof *t.dred);
    t.exact = calloc(t.cw + 1, sizeof *t.exact);
    uint64_t *all = calloc(t.cw + 1, sizeof *all);
    if (!t.colpis || !t.picols || !t.acc || !t.alive || !t.hist || !t.col_last || !t.y ||
        !t.dred || !t.exact || !all) {
        free(all);
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        size_t p = pis[i].index;
        const uint64_t *pc = s->picols + p * cw;
        bit_set(t.alive, i);
        t.dred[i] = s->dred[p];
        for (size_t w = 0; w < cw; w++)
            for (uint64_t bits = pc[w] & mask[w]; bits; bits &= bits - 1) {
                size_t j = col_new[w * 64 + (size_t)fsq__ctz64(bits)];
                bit_set(t.picols + i * t.cw, j);
                bit_set(t.colpis + j * t.pw, i);
                t.col_last[j] = i; /* i ascending: ends at the highest */
            }
    }
    for (size_t j = 0; j < m; j++) {
        size_t deg = count_bits(t.colpis + j * t.pw, t.pw);
        if (deg > t.maxdeg)
            t.maxdeg = deg;
        t.y[j] = s->y[cols[j].index];
        if (bit_get(s->exact, cols[j].index)) {
            bit_set(t.exact, j);
            t.any_exact = 1;
        }
        bit_set(all, j);
    }
    t.mask = all;
    t.has_deadline = s->has_deadline;
    t.deadline = s->deadline;
    t.nodes = s->nodes;
    t.gap = s->gap;
    t.lp_value = s->lp_value;
    t.target = k;
    if ((rc = count_stacks(&t, k)) == 0) {
        memcpy(t.stk_u, all, t.cw * sizeof *t.stk_u);
        memset(t.stk_x, 0, t.pw * sizeof *t.stk_x);
        t.waste[0] = 0;
        count_node(&t, 0, 0, k);
        mpz_set(count, t.cnt[0]);
    }
    s->nodes = t.nodes;
    if (t.limit)
        s->limit = t.limit;
    free(all);
done:
    fsq__cover_solver_count_free(&t);
    free(t.colpis);
    free(t.picols);
    free(t.acc);
    free(t.alive);
    free(t.hist);
    free(t.col_last);
    free(t.y);
    free(t.dred);
    free(t.exact);
    free(t.stk_u);
    free(t.stk_x);
    free(t.stk_cand);
    free(t.stk_score);
    free(t.chosen);
    free(t.waste);
    free(t.node_y);
    free(cols);
    free(pis);
    free(col_new);
    return rc;
}

int fsq__cover_block_count(solver *s, const uint64_t *mask, block_result *br)
{
    size_t cw = s->cw, pw = s->pw, k = br->k;
    int rc = 0;
    size_t levels = k + 2;
    mpz_init(br->count);
    if ((rc = fsq__cover_ensure_levels(s, levels)) != 0)
        return rc;
    /* The listing's per-depth excluded PIs. */
    uint64_t *before = realloc(s->stk_rest, levels * pw * sizeof *before);
    if (!before)
        return fsq__nomem();
    s->stk_rest = before;
    s->rest_w = pw;
    if (!s->root_x) {
        s->root_x = malloc((pw ? pw : 1) * sizeof *s->root_x);
        s->exact = malloc((cw ? cw : 1) * sizeof *s->exact);
        if (!s->root_x || !s->exact)
            return fsq__nomem();
    }
    /* The LP duals of the block (cover_search.c), if any: a PI with
     * d_p > gap = k - LP is in no cover of size k, and a column with
     * y_c > gap is covered exactly once by each (see solver.y). */
    double gap = (double)k - br->lp_value + 1e-7;
    uint64_t *root_x = s->root_x;
    memset(root_x, 0, pw * sizeof *root_x);
    memset(s->exact, 0, cw * sizeof *s->exact);
    s->any_exact = 0;
    s->mask = mask;
    s->lp_value = br->lp_value;
    if (br->lp_value > 0) {
        for (size_t p = 0; p < s->n; p++)
            if (s->dred[p] > gap)
                bit_set(root_x, p);
        for (size_t w = 0; w < cw; w++)
            for (uint64_t bits = mask[w]; bits; bits &= bits - 1) {
                size_t c = w * 64 + (size_t)fsq__ctz64(bits);
                if (s->y[c] > gap) {
                    bit_set(s->exact, c);
                    s->any_exact = 1;
                }
            }
    }

    /* 1. Count, on a copy of the block in counting order. */
    s->gap = (double)k - br->lp_value + 1e-6;
    s->target = k;
    if ((rc = count_block(s, mask, root_x, k, br->count)) != 0)
        return rc;
    if (s->limit)
        return s->limit == LIMIT_NOMEM ? fsq__nomem() : 0;

    /* 2. List the first covers in lexicographic order. */
    s->nsols = 0;
    s->list_full = 0;
    memcpy(s->stk_u, mask, cw * sizeof *s->stk_u);
    memcpy(s->stk_x, root_x, pw * sizeof *s->stk_x);
    s->waste[0] = 0;
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
