/* A smaller cover of one block by local search, before its branch and
 * bound (cover_search.c): the better the first cover, the more of the
 * tree its size cuts.
 *
 * From the greedy cover, two moves alternate. Descent: two PIs of the
 * cover are replaced by one PI that covers every column only they covered
 * (or by none), until no pair can be; redundant PIs are dropped. Kick: a
 * PI of the cover, picked at random, is swapped for a random PI on one of
 * the columns only it covered, the columns left uncovered get a random PI
 * each, and the redundant ones go; the cover can grow by a PI or two,
 * and the descent starts again from there. A cover that grew two past
 * the best goes back to the best. The search stops at the block's lower
 * bound, or after LOCAL_KICKS kicks without a smaller cover. Only the
 * PIs outside X are used (X: the dominated ones, which no minimum needs).
 *
 * The random choices come from a fixed seed: the cover found, and so the
 * search after it, do not depend on the clock or the threads. On the
 * k = 16 parsimonious benchmark chart (81,088 PIs) the greedy cover has
 * 22 PIs, the minimum 20; the LP search took 8 s to find a cover of 20
 * and 0.6 s to prove nothing smaller exists. */
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/cover_internal.h"

enum { LOCAL_KICKS = 200 };

typedef struct {
    const solver *s;
    const uint64_t *mask, *x;
    size_t cw;
    size_t *cnt;        /* per column: PIs of the cover on it */
    uint64_t *one, *two; /* cw: columns of the block covered once, twice */
    uint64_t *u;        /* cw: scratch */
    unsigned char *in;  /* n: in the cover */
    size_t *cov, ncov;  /* the cover */
    uint64_t rng;
} local;

/* splitmix64: the search's random numbers, from a fixed seed. */
static uint64_t next_random(local *l)
{
    uint64_t z = (l->rng += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static size_t pick_below(local *l, size_t n)
{
    return (size_t)(next_random(l) % n);
}

/* Updates the counts of p's columns by +1 or -1. */
static void touch(local *l, size_t p, int add)
{
    const uint64_t *pc = l->s->picols + p * l->cw;
    for (size_t w = 0; w < l->cw; w++)
        for (uint64_t bits = pc[w] & l->mask[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits);
            uint64_t bit = UINT64_C(1) << (c & 63);
            size_t n = add ? ++l->cnt[c] : --l->cnt[c];
            l->one[w] = n == 1 ? l->one[w] | bit : l->one[w] & ~bit;
            l->two[w] = n == 2 ? l->two[w] | bit : l->two[w] & ~bit;
        }
}

static void add_pi(local *l, size_t p)
{
    touch(l, p, 1);
    l->in[p] = 1;
    l->cov[l->ncov++] = p;
}

/* Drops the i-th PI of the cover. */
static void drop_at(local *l, size_t i)
{
    size_t p = l->cov[i];
    touch(l, p, 0);
    l->in[p] = 0;
    l->cov[i] = l->cov[--l->ncov];
}

/* Whether the cover's i-th PI covers a column no other one does. */
static int needed(const local *l, size_t i)
{
    const uint64_t *pc = l->s->picols + l->cov[i] * l->cw;
    for (size_t w = 0; w < l->cw; w++)
        if (pc[w] & l->mask[w] & l->one[w])
            return 1;
    return 0;
}

/* Drops redundant PIs, from a random place in the cover. */
static void drop_redundant(local *l)
{
    if (l->ncov == 0)
        return;
    for (size_t t = 0, i = pick_below(l, l->ncov); t < l->ncov; t++) {
        if (i >= l->ncov)
            i = 0;
        if (!needed(l, i))
            drop_at(l, i); /* its place now holds the last PI: look at it next */
        else
            i++;
    }
}

/* A PI outside the cover and X covering every column of l->u (not empty,
 * its first column c); SIZE_MAX for none. */
static size_t cover_of(const local *l, size_t c)
{
    const solver *s = l->s;
    const uint64_t *cand = s->colpis + c * s->pw;
    for (size_t v = 0; v < s->pw; v++)
        for (uint64_t bits = cand[v] & ~l->x[v]; bits; bits &= bits - 1) {
            size_t q = v * 64 + (size_t)fsq__ctz64(bits);
            if (l->in[q])
                continue;
            const uint64_t *qc = s->picols + q * l->cw;
            uint64_t missing = 0;
            for (size_t w = 0; w < l->cw && !missing; w++)
                missing = l->u[w] & ~qc[w];
            if (!missing)
                return q;
        }
    return SIZE_MAX;
}

/* One descent step: a pair of the cover replaced by one PI (or none); 1
 * when the cover shrank. */
static int two_for_one(local *l)
{
    size_t cw = l->cw;
    for (size_t i = 0; i < l->ncov; i++)
        for (size_t j = i + 1; j < l->ncov; j++) {
            const uint64_t *pa = l->s->picols + l->cov[i] * cw;
            const uint64_t *pb = l->s->picols + l->cov[j] * cw;
            size_t first = SIZE_MAX;
            for (size_t w = 0; w < cw; w++) {
                l->u[w] = ((pa[w] | pb[w]) & l->one[w]) | (pa[w] & pb[w] & l->two[w]);
                l->u[w] &= l->mask[w];
                if (l->u[w] && first == SIZE_MAX)
                    first = w * 64 + (size_t)fsq__ctz64(l->u[w]);
            }
            size_t q = first == SIZE_MAX ? SIZE_MAX : cover_of(l, first);
            if (first != SIZE_MAX && q == SIZE_MAX)
                continue;
            drop_at(l, j); /* j > i: i keeps its place */
            drop_at(l, i);
            if (q != SIZE_MAX)
                add_pi(l, q);
            return 1;
        }
    return 0;
}

/* A random PI outside X on column c. */
static size_t random_on(local *l, size_t c)
{
    const solver *s = l->s;
    const uint64_t *cand = s->colpis + c * s->pw;
    size_t n = 0;
    for (size_t v = 0; v < s->pw; v++)
        n += (size_t)fsq__popcount64(cand[v] & ~l->x[v]);
    size_t t = pick_below(l, n);
    for (size_t v = 0; v < s->pw; v++)
        for (uint64_t bits = cand[v] & ~l->x[v]; bits; bits &= bits - 1)
            if (t-- == 0)
                return v * 64 + (size_t)fsq__ctz64(bits);
    return SIZE_MAX; /* cannot happen: every column has a PI outside X */
}

/* The kick: a random PI of the cover swapped for a random one on a
 * column only it covered, the columns it leaves uncovered given a random
 * PI each, the redundant ones dropped. */
static void kick(local *l)
{
    size_t cw = l->cw, i = pick_below(l, l->ncov), a = l->cov[i];
    const uint64_t *pa = l->s->picols + a * cw;
    size_t nuniq = 0;
    for (size_t w = 0; w < cw; w++) {
        l->u[w] = pa[w] & l->mask[w] & l->one[w];
        nuniq += (size_t)fsq__popcount64(l->u[w]);
    }
    if (nuniq == 0) {
        drop_at(l, i);
        return;
    }
    size_t t = pick_below(l, nuniq), c = SIZE_MAX;
    for (size_t w = 0; w < cw && c == SIZE_MAX; w++)
        for (uint64_t bits = l->u[w]; bits; bits &= bits - 1)
            if (t-- == 0) {
                c = w * 64 + (size_t)fsq__ctz64(bits);
                break;
            }
    drop_at(l, i);
    size_t q = random_on(l, c);
    if (q != SIZE_MAX && !l->in[q])
        add_pi(l, q);
    /* The columns a alone covered, if q left some. */
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = pa[w] & l->mask[w]; bits; bits &= bits - 1) {
            size_t r = w * 64 + (size_t)fsq__ctz64(bits);
            if (l->cnt[r] == 0 && (q = random_on(l, r)) != SIZE_MAX)
                add_pi(l, q);
        }
    drop_redundant(l);
}

/* Sets the cover to the n PIs of `picks`. */
static void load_cover(local *l, const size_t *picks, size_t n)
{
    while (l->ncov > 0)
        drop_at(l, l->ncov - 1);
    for (size_t i = 0; i < n; i++)
        add_pi(l, picks[i]);
}

size_t fsq__cover_local_search(solver *s, const uint64_t *mask, const uint64_t *x, size_t *picks,
                               size_t npicks, size_t lb)
{
    if (npicks <= lb || npicks < 2)
        return npicks;
    local l = {s, mask, x, s->cw, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0x5EED};
    l.cnt = calloc(s->m + 1, sizeof *l.cnt);
    l.one = calloc(3 * s->cw + 1, sizeof *l.one);
    l.in = calloc(s->n + 1, 1);
    l.cov = malloc((s->m + 2) * sizeof *l.cov); /* see kick: at most m + 1 */
    size_t *best = malloc((s->m + 2) * sizeof *best), nbest = npicks;
    if (!l.cnt || !l.one || !l.in || !l.cov || !best)
        goto done; /* an optimisation only: without memory, the greedy cover */
    l.two = l.one + s->cw;
    l.u = l.two + s->cw;
    memcpy(best, picks, npicks * sizeof *best);
    load_cover(&l, picks, npicks);
    for (size_t since = 0; since < LOCAL_KICKS && nbest > lb; since++) {
        while (l.ncov > 1 && two_for_one(&l))
            ;
        drop_redundant(&l);
        if (l.ncov < nbest) {
            nbest = l.ncov;
            memcpy(best, l.cov, nbest * sizeof *best);
            since = 0;
        } else if (l.ncov > nbest + 1) {
            load_cover(&l, best, nbest);
        }
        if (fsq__cover_timed_out(s))
            break; /* the search after it sees the limit */
        kick(&l);
    }
    memcpy(picks, best, nbest * sizeof *picks);
done:
    free(l.cnt);
    free(l.one);
    free(l.in);
    free(l.cov);
    free(best);
    return nbest;
}
