/* Feedback loops: every elementary directed cycle of at most L elements.
 *
 * Johnson's algorithm (SIAM J. Comput. 4(1), 1975): for each start s in
 * increasing order, search the cycles through s whose other elements are
 * all > s, so every cycle is found exactly once, from its lowest element. A
 * vertex whose search found no way back to s stays blocked until a vertex
 * on the stack it depends on is unblocked (the B lists), which keeps the
 * search from walking into dead ends again.
 *
 * The length bound: a path is never extended beyond L elements. A search
 * that was cut by the bound cannot prove that its vertex has no way back to
 * s, so it is treated as if it had found a cycle and unblocks the vertex.
 * Blocking therefore only records what it records in Johnson's algorithm
 * (every path from the vertex to s meets the stack), and the enumeration
 * stays exact; only Johnson's time bound O((V + E)(C + 1)) is lost, since
 * cut searches may repeat.
 *
 * At most max_loops loops are kept; finding one more stops the search and
 * marks the list incomplete. The result is sorted by length, then by the
 * element sequence. Memory O(n^2) for the B lists. */
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "network/network_internal.h"

typedef struct {
    const fsq_influence *m;
    size_t n, start, max_loop, max_loops;
    size_t *adj, *nadj;           /* adj[v * n + k]: successors of v, ascending */
    unsigned char *blocked;
    unsigned char *blist;         /* blist[w * n + v]: v waits for w to be unblocked */
    size_t *stack, depth;
    size_t *pool, pool_len, pool_cap;   /* the loops' elements, one after the other */
    size_t *offsets, nloops, offsets_cap; /* loop k starts at pool[offsets[k]] */
    int full;                     /* one more loop than max_loops was found */
    int rc;
} search;

static void unblock(search *s, size_t u)
{
    s->blocked[u] = 0;
    for (size_t v = 0; v < s->n; v++)
        if (s->blist[u * s->n + v]) {
            s->blist[u * s->n + v] = 0;
            if (s->blocked[v])
                unblock(s, v);
        }
}

static void emit(search *s)
{
    if (s->nloops == s->max_loops) {
        s->full = 1;
        return;
    }
    if (s->pool_len + s->depth > s->pool_cap) {
        size_t cap = s->pool_cap ? 2 * s->pool_cap : 256;
        while (cap < s->pool_len + s->depth)
            cap *= 2;
        size_t *p = realloc(s->pool, cap * sizeof *p);
        if (!p) {
            s->rc = fsq__nomem();
            return;
        }
        s->pool = p;
        s->pool_cap = cap;
    }
    if (s->nloops + 1 > s->offsets_cap) {
        size_t cap = s->offsets_cap ? 2 * s->offsets_cap : 64;
        size_t *o = realloc(s->offsets, cap * sizeof *o);
        if (!o) {
            s->rc = fsq__nomem();
            return;
        }
        s->offsets = o;
        s->offsets_cap = cap;
    }
    s->offsets[s->nloops++] = s->pool_len;
    memcpy(s->pool + s->pool_len, s->stack, s->depth * sizeof *s->stack);
    s->pool_len += s->depth;
}

/* Johnson's CIRCUIT(v) with the bound; returns 1 if v may lie on a cycle
 * through the start avoiding the stack (a cycle was found, or the bound cut
 * the search). */
static int circuit(search *s, size_t v)
{
    int found = 0;
    s->stack[s->depth++] = v;
    s->blocked[v] = 1;
    for (size_t k = 0; k < s->nadj[v] && !s->full && !s->rc; k++) {
        size_t w = s->adj[v * s->n + k];
        if (w < s->start)
            continue;
        if (w == s->start) {
            emit(s);
            found = 1;
        } else if (!s->blocked[w]) {
            if (s->depth < s->max_loop)
                found |= circuit(s, w);
            else
                found = 1; /* cut by the bound: not a proof of a dead end */
        }
    }
    if (found) {
        unblock(s, v);
    } else {
        for (size_t k = 0; k < s->nadj[v]; k++) {
            size_t w = s->adj[v * s->n + k];
            if (w >= s->start)
                s->blist[w * s->n + v] = 1;
        }
    }
    s->depth--;
    return found;
}

/* Sorting without globals: each key carries its loop's elements. */
typedef struct {
    const size_t *elements;
    size_t length;
} loop_key;

static int cmp_loops(const void *a, const void *b)
{
    const loop_key *x = a, *y = b;
    if (x->length != y->length)
        return x->length < y->length ? -1 : 1;
    for (size_t i = 0; i < x->length; i++)
        if (x->elements[i] != y->elements[i])
            return x->elements[i] < y->elements[i] ? -1 : 1;
    return 0;
}

int fsq__loops(const fsq_influence *m, size_t max_loop, size_t max_loops,
               fsq_influence_loop **loops_out, size_t **pool_out, size_t *nloops_out,
               int *complete)
{
    size_t n = m->n;
    search s;
    memset(&s, 0, sizeof s);
    s.m = m;
    s.n = n;
    s.max_loop = max_loop < n ? max_loop : n;
    s.max_loops = max_loops;
    *loops_out = NULL;
    *pool_out = NULL;
    *nloops_out = 0;
    *complete = 1;
    fsq_influence_loop *loops = NULL;
    size_t *pool = NULL;
    loop_key *keys = NULL;
    s.adj = malloc(n * n * sizeof *s.adj);
    s.nadj = calloc(n, sizeof *s.nadj);
    s.blocked = malloc(n);
    s.blist = malloc(n * n);
    s.stack = malloc(n * sizeof *s.stack);
    if (!s.adj || !s.nadj || !s.blocked || !s.blist || !s.stack) {
        s.rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (i != j && m->w[i * n + j] > 0)
                s.adj[i * n + s.nadj[i]++] = j;

    for (s.start = 0; s.max_loop >= 2 && s.start < n && !s.full && !s.rc; s.start++) {
        memset(s.blocked, 0, n);
        memset(s.blist, 0, n * n);
        circuit(&s, s.start);
    }
    if (s.rc)
        goto done;

    /* Sort, then lay the loops out in that order with their attributes. */
    keys = malloc((s.nloops ? s.nloops : 1) * sizeof *keys);
    loops = malloc((s.nloops ? s.nloops : 1) * sizeof *loops);
    pool = malloc((s.pool_len ? s.pool_len : 1) * sizeof *pool);
    if (!keys || !loops || !pool) {
        s.rc = fsq__nomem();
        goto done;
    }
    for (size_t k = 0; k < s.nloops; k++) {
        size_t end = k + 1 < s.nloops ? s.offsets[k + 1] : s.pool_len;
        keys[k] = (loop_key){s.pool + s.offsets[k], end - s.offsets[k]};
    }
    qsort(keys, s.nloops, sizeof *keys, cmp_loops);
    size_t at = 0;
    for (size_t k = 0; k < s.nloops; k++) {
        size_t len = keys[k].length;
        const size_t *e = keys[k].elements;
        memcpy(pool + at, e, len * sizeof *pool);
        fsq_influence_loop *l = &loops[k];
        l->length = len;
        l->elements = pool + at;
        l->sign = 1;
        l->min_intensity = 0;
        l->delay = 0;
        for (size_t i = 0; i < len; i++) {
            size_t c = e[i] * n + e[(i + 1) % len];
            l->sign *= m->sign[c];
            if (i == 0 || m->w[c] < l->min_intensity)
                l->min_intensity = m->w[c];
            if (m->delay[c] > l->delay)
                l->delay = m->delay[c];
        }
        at += len;
    }
    *loops_out = loops;
    *pool_out = pool;
    *nloops_out = s.nloops;
    *complete = !s.full;
    loops = NULL;
    pool = NULL;
done:
    free(keys);
    free(loops);
    free(pool);
    free(s.adj);
    free(s.nadj);
    free(s.blocked);
    free(s.blist);
    free(s.stack);
    free(s.pool);
    free(s.offsets);
    return s.rc;
}
