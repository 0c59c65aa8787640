/* Feedback loops: every elementary directed cycle of at most L elements.
 *
 * Johnson's algorithm (SIAM J. Comput. 4(1), 1975): for each start s in
 * increasing order, search the cycles through s whose other elements are
 * all > s, so every cycle is found exactly once, from its lowest element. A
 * vertex whose search found no way back to s stays blocked until a vertex
 * on the stack it depends on is unblocked (the B lists), which keeps the
 * search from walking into dead ends again.
 *
 * The length bound: dist[w] is the length of the shortest path from w back
 * to s through vertices >= s (a breadth-first search on the reversed edges
 * per start). With `depth` elements on the stack, w can close a cycle of at
 * most L elements only if depth + dist[w] <= L, so the path is extended to
 * w only then; a w that cannot reach s at all is skipped like a blocked
 * vertex. A search that was cut by the bound cannot prove that its vertex
 * has no way back to s, so it is treated as if it had found a cycle and
 * unblocks the vertex. Blocking therefore only records what it records in
 * Johnson's algorithm (every path from the vertex to s meets the stack),
 * and the enumeration stays exact; only Johnson's time bound
 * O((V + E)(C + 1)) is lost, since cut searches may repeat.
 *
 * At most max_loops loops are kept; finding one more stops the search and
 * marks the list incomplete. The result is sorted by length, then by the
 * element sequence (a counting sort: see the end of fsq__loops). Memory
 * O(n^2) for the B lists. */
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "network/network_internal.h"

typedef struct {
    const fsq_influence *m;
    size_t n, start, max_loop, max_loops;
    size_t *adj, *nadj;           /* adj[v * n + k]: successors of v, ascending */
    size_t *radj, *nradj;         /* predecessors, the same way */
    size_t *dist;                 /* steps from a vertex back to start; n = unreachable */
    size_t *queue;
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
        } else if (!s->blocked[w] && s->dist[w] < s->n) {
            if (s->depth + s->dist[w] <= s->max_loop)
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
    s.adj = malloc(n * n * sizeof *s.adj);
    s.nadj = calloc(n, sizeof *s.nadj);
    s.blocked = malloc(n);
    s.blist = malloc(n * n);
    s.stack = malloc(n * sizeof *s.stack);
    s.radj = malloc(n * n * sizeof *s.radj);
    s.nradj = calloc(n, sizeof *s.nradj);
    s.dist = malloc(n * sizeof *s.dist);
    s.queue = malloc(n * sizeof *s.queue);
    if (!s.adj || !s.nadj || !s.blocked || !s.blist || !s.stack || !s.radj || !s.nradj ||
        !s.dist || !s.queue) {
        s.rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (i != j && m->w[i * n + j] > 0) {
                s.adj[i * n + s.nadj[i]++] = j;
                s.radj[j * n + s.nradj[j]++] = i;
            }

    for (s.start = 0; s.max_loop >= 2 && s.start < n && !s.full && !s.rc; s.start++) {
        memset(s.blocked, 0, n);
        memset(s.blist, 0, n * n);
        /* Breadth-first search back from the start over vertices >= start. */
        for (size_t v = 0; v < n; v++)
            s.dist[v] = n;
        size_t head = 0, tail = 0;
        s.dist[s.start] = 0;
        s.queue[tail++] = s.start;
        while (head < tail) {
            size_t x = s.queue[head++];
            for (size_t k = 0; k < s.nradj[x]; k++) {
                size_t u = s.radj[x * n + k];
                if (u > s.start && s.dist[u] == n) {
                    s.dist[u] = s.dist[x] + 1;
                    s.queue[tail++] = u;
                }
            }
        }
        circuit(&s, s.start);
    }
    if (s.rc)
        goto done;

    /* Sort by length, stably: the search emits the loops of each start in
     * lexicographic order (successors are tried in ascending order, and the
     * start, the smallest allowed successor, closes a cycle before any path
     * goes on), and the starts ascend, so a counting sort by length gives
     * the documented order in O(loops). */
    size_t nlen = s.max_loop + 2;
    size_t *at_len = calloc(nlen, sizeof *at_len);   /* at_len[len + 1]: loops of length len */
    size_t *slot = malloc(nlen * sizeof *slot);       /* next loop index per length */
    loops = malloc((s.nloops ? s.nloops : 1) * sizeof *loops);
    pool = malloc((s.pool_len ? s.pool_len : 1) * sizeof *pool);
    if (!at_len || !slot || !loops || !pool) {
        free(at_len);
        free(slot);
        s.rc = fsq__nomem();
        goto done;
    }
    for (size_t k = 0; k < s.nloops; k++) {
        size_t end = k + 1 < s.nloops ? s.offsets[k + 1] : s.pool_len;
        at_len[end - s.offsets[k] + 1]++;
    }
    slot[0] = 0;
    for (size_t len = 1; len < nlen; len++)
        slot[len] = slot[len - 1] + at_len[len];
    /* slot[len] is now the index of the first loop of length len; the pool
     * offsets follow from the same counts. */
    size_t *pool_at = at_len;
    pool_at[0] = 0;
    for (size_t len = 1; len < nlen; len++)
        pool_at[len] = pool_at[len - 1] + (slot[len] - slot[len - 1]) * (len - 1);
    for (size_t k = 0; k < s.nloops; k++) {
        size_t end = k + 1 < s.nloops ? s.offsets[k + 1] : s.pool_len;
        size_t len = end - s.offsets[k], dst = slot[len]++;
        const size_t *e = s.pool + s.offsets[k];
        memcpy(pool + pool_at[len], e, len * sizeof *pool);
        loops[dst].elements = pool + pool_at[len];
        pool_at[len] += len;
        fsq_influence_loop *l = &loops[dst];
        l->length = len;
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
    }
    free(at_len);
    free(slot);
    *loops_out = loops;
    *pool_out = pool;
    *nloops_out = s.nloops;
    *complete = !s.full;
    loops = NULL;
    pool = NULL;
done:
    free(loops);
    free(pool);
    free(s.adj);
    free(s.nadj);
    free(s.blocked);
    free(s.blist);
    free(s.stack);
    free(s.radj);
    free(s.nradj);
    free(s.dist);
    free(s.queue);
    free(s.pool);
    free(s.offsets);
    return s.rc;
}
