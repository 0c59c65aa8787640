/* A smaller cover of one block by local search, before its branch and
 * bound (cover_search.c): the better the first cover, the more of the
 * tree its size cuts.
 *
 * Row weighting local search (Gao, Weise and Li 2015, "An efficient local
 * search heuristic with row weighting for the unicost set covering
 * problem"), from the greedy cover. Each column of the block has a weight,
 * 1 at the start. Whenever the set of PIs is a cover, it is recorded and
 * its cheapest PI goes (the one whose columns covered by it alone weigh
 * least), so the set is one PI short of the best cover found. Each step
 * then drops the cheapest PI (not the one added last), adds, among the PIs
 * on a random uncovered column, the one covering the most weight of the
 * uncovered columns (not the one dropped last), and adds 1 to the weight
 * of every column left uncovered: the columns that stay uncovered pull the
 * set towards them. Ties go to the PI whose last move is oldest. The
 * search stops at the block's lower bound, or LOCAL_STEPS steps after
 * it last found a smaller cover. Only the PIs outside X are used (X: the
 * dominated ones, which no minimum needs).
 *
 * The random choices come from a fixed seed: the cover found, and so the
 * search after it, do not depend on the threads, nor on the clock short
 * of the time limit (which ends the run). On the
 * noisy benchmark charts (bench_minimize --class noisy) the greedy covers
 * of 43, 35 and 22 PIs (k = 12, 14, 16 parsimonious) become 36, 31 and 20
 * in 0.02, 0.04 and 0.1 s; 36 and 20 are the minima, and CBC's best for
 * k = 14 after 670 s is 31. The LP search took 8 s to find a cover of 20
 * on k = 16, and 0.6 s more to prove nothing smaller exists. */
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "cover/cover_internal.h"

enum { LOCAL_STEPS = 10000 };

typedef struct {
    const solver *s;
    const uint64_t *mask, *x;
    size_t cw;
    size_t *cnt;         /* per column: PIs of the set on it */
    uint64_t *one, *zero; /* cw: columns of the block covered once, not at all */
    uint64_t *wt;        /* per column: its weight */
    uint64_t *stamp;     /* per PI: the step of its last move */
    size_t *set, nset;   /* the PIs of the set */
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
            l->zero[w] = n == 0 ? l->zero[w] | bit : l->zero[w] & ~bit;
        }
}

static void add_pi(local *l, size_t p, size_t step)
{
    touch(l, p, 1);
    l->set[l->nset++] = p;
    l->stamp[p] = step;
}

/* Drops the i-th PI of the set; returns it. */
static size_t drop_at(local *l, size_t i, size_t step)
{
    size_t p = l->set[i];
    touch(l, p, 0);
    l->set[i] = l->set[--l->nset];
    l->stamp[p] = step;
    return p;
}

/* The weight of the columns of PI p in `cols` (cw words). */
static uint64_t weight_on(const local *l, size_t p, const uint64_t *cols)
{
    const uint64_t *pc = l->s->picols + p * l->cw;
    uint64_t sum = 0;
    for (size_t w = 0; w < l->cw; w++)
        for (uint64_t bits = pc[w] & cols[w]; bits; bits &= bits - 1)
            sum += l->wt[w * 64 + (size_t)fsq__ctz64(bits)];
    return sum;
}

/* The place in the set of its cheapest PI other than `keep` (SIZE_MAX for
 * none). */
static size_t cheapest(const local *l, size_t keep)
{
    size_t pick = SIZE_MAX;
    uint64_t low = 0;
    for (size_t i = 0; i < l->nset; i++) {
        size_t p = l->set[i];
        if (p == keep)
            continue;
        uint64_t loss = weight_on(l, p, l->one);
        if (pick == SIZE_MAX || loss < low ||
            (loss == low && l->stamp[p] < l->stamp[l->set[pick]])) {
            pick = i;
            low = loss;
        }
    }
    return pick;
}

/* The PI to add: on a random uncovered column, outside X, the one
 * covering the most uncovered weight, `avoid` only if it is alone. */
static size_t best_addition(local *l, size_t avoid)
{
    const solver *s = l->s;
    size_t t = (size_t)(next_random(l) % count_bits(l->zero, l->cw)), c = 0;
    for (size_t w = 0; w < l->cw; w++) {
        size_t here = (size_t)fsq__popcount64(l->zero[w]);
        if (t >= here) {
            t -= here;
            continue;
        }
        uint64_t bits = l->zero[w];
        while (t-- > 0)
            bits &= bits - 1;
        c = w * 64 + (size_t)fsq__ctz64(bits);
        break;
    }
    const uint64_t *cand = s->colpis + c * s->pw;
    size_t q = SIZE_MAX;
    uint64_t high = 0;
    for (size_t v = 0; v < s->pw; v++)
        for (uint64_t bits = cand[v] & ~l->x[v]; bits; bits &= bits - 1) {
            size_t p = v * 64 + (size_t)fsq__ctz64(bits);
            if (p == avoid && q != SIZE_MAX)
                continue;
            uint64_t gain = weight_on(l, p, l->zero);
            if (q == SIZE_MAX || q == avoid || gain > high ||
                (gain == high && l->stamp[p] < l->stamp[q])) {
                q = p;
                high = gain;
            }
        }
    return q; /* not SIZE_MAX: every column has a PI outside X */
}

size_t fsq__cover_local_search(solver *s, const uint64_t *mask, const uint64_t *x, size_t *picks,
                               size_t npicks, size_t lb)
{
    if (npicks <= lb || npicks < 2)
        return npicks;
    size_t cw = s->cw, nbest = npicks;
    local l = {s, mask, x, cw, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0x5EED};
    l.cnt = calloc(s->m + 1, sizeof *l.cnt);
    l.one = calloc(2 * cw + 1, sizeof *l.one);
    l.wt = malloc((s->m + 1) * sizeof *l.wt);
    l.stamp = calloc(s->n + 1, sizeof *l.stamp);
    l.set = malloc((npicks + 1) * sizeof *l.set); /* the set never passes the greedy cover */
    if (!l.cnt || !l.one || !l.wt || !l.stamp || !l.set)
        goto done; /* an optimisation only: without memory, the greedy cover */
    l.zero = l.one + cw;
    memcpy(l.zero, mask, cw * sizeof *l.zero);
    for (size_t c = 0; c < s->m; c++)
        l.wt[c] = 1;
    for (size_t i = 0; i < npicks; i++)
        add_pi(&l, picks[i], 0);
    size_t added = SIZE_MAX, dropped = SIZE_MAX;
    for (size_t step = 1, last = 0; step <= last + LOCAL_STEPS; step++) {
        if ((step & 63) == 0 && fsq__cover_timed_out(s))
            break; /* the search after it sees the limit */
        while (is_empty(l.zero, cw)) {
            if (l.nset < nbest) {
                nbest = l.nset;
                memcpy(picks, l.set, nbest * sizeof *picks);
                last = step;
                if (nbest <= lb)
                    goto done;
            }
            size_t i = cheapest(&l, SIZE_MAX);
            if (i == SIZE_MAX)
                goto done; /* cannot happen: the block has columns */
            drop_at(&l, i, step);
        }
        size_t i = cheapest(&l, added);
        if (i != SIZE_MAX)
            dropped = drop_at(&l, i, step);
        added = best_addition(&l, dropped);
        add_pi(&l, added, step);
        for (size_t w = 0; w < cw; w++)
            for (uint64_t bits = l.zero[w]; bits; bits &= bits - 1)
                l.wt[w * 64 + (size_t)fsq__ctz64(bits)]++;
    }
done:
    free(l.cnt);
    free(l.one);
    free(l.wt);
    free(l.stamp);
    free(l.set);
    return nbest;
}
