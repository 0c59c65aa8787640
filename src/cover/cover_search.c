/* The branch and bound searches of the cover solver on one block of the
 * chart: pass 1 finds the minimum cover size, pass 2 lists every cover of
 * that size exactly once (see the invariant in cover.c). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/cover.h"
#include "cover/cover_internal.h"

static int timed_out(solver *s)
{
    struct timespec now;
    if (!s->has_deadline)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > s->deadline.tv_sec ||
           (now.tv_sec == s->deadline.tv_sec && now.tv_nsec >= s->deadline.tv_nsec);
}

/* Counts a node; checks the clock every 1024 nodes. Returns 1 to unwind. */
static int tick(solver *s)
{
    if (s->limit)
        return 1;
    s->nodes++;
    if ((s->nodes & 1023) == 0 && timed_out(s))
        s->limit = LIMIT_TIME;
    return s->limit != LIMIT_NONE;
}

/* Scans U with X excluded. Returns 0 when some column of U has no PI left
 * (a dead end); otherwise sets *branch to the column with the fewest
 * available PIs (the first one on ties) and *lb to the size of a greedy set
 * of columns whose available PI sets are pairwise disjoint. */
static int evaluate(solver *s, const uint64_t *u, const uint64_t *x, size_t *branch,
                    size_t *lb)
{
    size_t pw = s->pw, fewest = SIZE_MAX, bound = 0;
    memset(s->acc, 0, pw * sizeof *s->acc);
    for (size_t w = 0; w < s->cw; w++) {
        uint64_t bits = u[w];
        while (bits) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits);
            const uint64_t *cp = s->colpis + c * pw;
            size_t cnt = 0;
            uint64_t clash = 0;
            bits &= bits - 1;
            for (size_t k = 0; k < pw; k++) {
                uint64_t avail = cp[k] & ~x[k];
                cnt += (size_t)fsq__popcount64(avail);
                clash |= avail & s->acc[k];
            }
            if (cnt == 0)
                return 0;
            if (cnt < fewest) {
                fewest = cnt;
                *branch = c;
            }
            if (!clash) {
                bound++;
                for (size_t k = 0; k < pw; k++)
                    s->acc[k] |= cp[k] & ~x[k];
            }
        }
    }
    /* A second bound: even the PIs that cover the most columns of U need
     * t picks, t the fewest whose largest coverages add up to |U|. Strong
     * where PIs are small and the disjoint columns are few. Coverage counts
     * are bucketed (counting sort), so this costs one pass over the PIs. */
    size_t nu = count_bits(u, s->cw), need = 0, t = 0;
    if (nu > 1 && bound < nu) {
        size_t *hist = s->hist;
        memset(hist, 0, (nu + 1) * sizeof *hist);
        for (size_t w = 0; w < pw; w++)
            for (uint64_t bits = ~x[w] & s->alive[w]; bits; bits &= bits - 1) {
                size_t p = w * 64 + (size_t)fsq__ctz64(bits);
                const uint64_t *pc = s->picols + p * s->cw;
                size_t c = 0;
                for (size_t v = 0; v < s->cw; v++)
                    c += (size_t)fsq__popcount64(pc[v] & u[v]);
                hist[c]++;
            }
        for (size_t c = nu; c > 0 && need < nu; c--)
            for (size_t h = hist[c]; h > 0 && need < nu; h--) {
                need += c;
                t++;
            }
        if (t > bound)
            bound = t;
    }
    *lb = bound;
    return 1;
}

/* Lists the PIs of column c outside X into cand; returns how many. */
static size_t list_candidates(const solver *s, size_t c, const uint64_t *x, size_t *cand)
{
    const uint64_t *cp = s->colpis + c * s->pw;
    size_t nc = 0;
    for (size_t w = 0; w < s->pw; w++) {
        uint64_t bits = cp[w] & ~x[w];
        while (bits) {
            cand[nc++] = w * 64 + (size_t)fsq__ctz64(bits);
            bits &= bits - 1;
        }
    }
    return nc;
}

/* Stores the current path (a cover of size target) as a sorted row. */
static void record(solver *s, size_t depth)
{
    if (s->max_solutions && s->nsols >= s->max_solutions) {
        s->limit = LIMIT_SOLUTIONS;
        return;
    }
    if (s->nsols == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        size_t *grown = realloc(s->sols, cap * (depth ? depth : 1) * sizeof *grown);
        if (!grown) {
            s->limit = -1; /* out of memory, reported by the caller */
            return;
        }
        s->sols = grown;
        s->cap = cap;
    }
    size_t *row = s->sols + s->nsols * depth;
    for (size_t i = 0; i < depth; i++) {
        size_t v = s->chosen[i], j = i;
        while (j > 0 && row[j - 1] > v) {
            row[j] = row[j - 1];
            j--;
        }
        row[j] = v;
    }
    s->nsols++;
}

/* Whether one available PI covers all of U; with `all`, records every
 * such PI as the last choice of a pass 2 cover instead of stopping at the
 * first. This is the last level of both searches: it replaces a node per
 * candidate by a subset test per candidate. */
static int finish_with_one(solver *s, size_t depth, const uint64_t *u, const uint64_t *x,
                           int all)
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
            size_t p = w * 64 + (size_t)fsq__ctz64(bits);
            const uint64_t *pc = s->picols + p * cw;
            uint64_t missed = 0;
            for (size_t v = 0; v < cw && !missed; v++)
                missed = u[v] & ~pc[v];
            if (missed)
                continue;
            found++;
            if (!all)
                return 1;
            s->chosen[depth] = p;
            record(s, depth + 1);
            if (s->limit)
                return 1;
        }
    return found > 0;
}

/* Pass 1: branch and bound for the minimum size. Only strictly smaller
 * covers are of interest, so a node dies when depth + lb >= best. */
static void search_min(solver *s, size_t depth)
{
    size_t cw = s->cw, pw = s->pw, branch = 0, lb = 0;
    const uint64_t *u = s->stk_u + depth * cw, *x = s->stk_x + depth * pw;
    if (s->stop || tick(s))
        return;
    if (is_empty(u, cw)) {
        if (depth < s->best)
            s->best = depth;
        if (s->best <= s->root_lb)
            s->stop = 1;
        return;
    }
    if (depth + 2 == s->best) {
        /* Only a cover of size depth + 1 would improve. */
        if (finish_with_one(s, depth, u, x, 0)) {
            s->best = depth + 1;
            if (s->best <= s->root_lb)
                s->stop = 1;
        }
        return;
    }
    if (!evaluate(s, u, x, &branch, &lb))
        return;
    if (depth + lb >= s->best)
        return;

    size_t *cand = s->stk_cand + depth * s->maxdeg;
    size_t *score = s->stk_score + depth * s->maxdeg;
    size_t nc = list_candidates(s, branch, x, cand);
    /* Try the PIs that cover the most uncovered columns first: good covers
     * early tighten the bound. Insertion sort, stable on PI index. */
    for (size_t i = 0; i < nc; i++) {
        const uint64_t *pc = s->picols + cand[i] * cw;
        size_t sc = 0;
        for (size_t w = 0; w < cw; w++)
            sc += (size_t)fsq__popcount64(pc[w] & u[w]);
        size_t j = i, p = cand[i];
        while (j > 0 && score[j - 1] < sc) {
            score[j] = score[j - 1];
            cand[j] = cand[j - 1];
            j--;
        }
        score[j] = sc;
        cand[j] = p;
    }

    uint64_t *uc = s->stk_u + (depth + 1) * cw, *xc = s->stk_x + (depth + 1) * pw;
    memcpy(xc, x, pw * sizeof *xc);
    for (size_t i = 0; i < nc; i++) {
        const uint64_t *pc = s->picols + cand[i] * cw;
        for (size_t w = 0; w < cw; w++)
            uc[w] = u[w] & ~pc[w];
        s->chosen[depth] = cand[i];
        search_min(s, depth + 1);
        if (s->stop || s->limit || depth + lb >= s->best)
            return;
        bit_set(xc, cand[i]); /* later branches exclude this PI */
    }
}

/* Pass 2: every cover of size exactly target. A node dies when
 * depth + lb > target; no cover is smaller than target, so an empty U is
 * reached exactly at depth target. */
static void search_all(solver *s, size_t depth)
{
    size_t cw = s->cw, pw = s->pw, branch = 0, lb = 0;
    const uint64_t *u = s->stk_u + depth * cw, *x = s->stk_x + depth * pw;
    if (tick(s))
        return;
    if (is_empty(u, cw)) {
        record(s, depth);
        return;
    }
    if (depth + 1 == s->target) {
        finish_with_one(s, depth, u, x, 1);
        return;
    }
    if (!evaluate(s, u, x, &branch, &lb))
        return;
    if (depth + lb > s->target)
        return;

    size_t *cand = s->stk_cand + depth * s->maxdeg;
    size_t nc = list_candidates(s, branch, x, cand);
    uint64_t *uc = s->stk_u + (depth + 1) * cw, *xc = s->stk_x + (depth + 1) * pw;
    memcpy(xc, x, pw * sizeof *xc);
    for (size_t i = 0; i < nc; i++) {
        const uint64_t *pc = s->picols + cand[i] * cw;
        for (size_t w = 0; w < cw; w++)
            uc[w] = u[w] & ~pc[w];
        s->chosen[depth] = cand[i];
        search_all(s, depth + 1);
        if (s->limit)
            return;
        bit_set(xc, cand[i]);
    }
}

/* A greedy cover of the columns in `mask` (most new columns first, then
 * redundant picks removed); returns its size. picks and left are scratch
 * (m entries, cw words). */
static size_t greedy_cover(const solver *s, const uint64_t *mask, size_t *picks,
                           uint64_t *left)
{
    size_t cw = s->cw, npicks = 0;
    memcpy(left, mask, cw * sizeof *left);
    while (!is_empty(left, cw)) {
        size_t best_p = 0, best_sc = 0;
        for (size_t p = 0; p < s->n; p++) {
            const uint64_t *pc = s->picols + p * cw;
            size_t sc = 0;
            for (size_t w = 0; w < cw; w++)
                sc += (size_t)fsq__popcount64(pc[w] & left[w]);
            if (sc > best_sc) {
                best_sc = sc;
                best_p = p;
            }
        }
        /* best_sc > 0: every column has a PI (checked before). */
        picks[npicks++] = best_p;
        for (size_t w = 0; w < cw; w++)
            left[w] &= ~s->picols[best_p * cw + w];
    }
    /* Drop picks whose columns the others cover, last picks first. */
    for (size_t i = npicks; i-- > 0;) {
        memset(left, 0, cw * sizeof *left);
        for (size_t j = 0; j < npicks; j++)
            if (j != i)
                for (size_t w = 0; w < cw; w++)
                    left[w] |= s->picols[picks[j] * cw + w];
        int covers = 1;
        for (size_t w = 0; w < cw; w++)
            if (mask[w] & ~left[w])
                covers = 0;
        if (covers) {
            memmove(picks + i, picks + i + 1, (npicks - i - 1) * sizeof *picks);
            npicks--;
        }
    }
    return npicks;
}

/* Makes the stacks at least `levels` deep. */
static int ensure_levels(solver *s, size_t levels)
{
    if (levels <= s->levels)
        return 0;
    uint64_t *u = realloc(s->stk_u, levels * s->cw * sizeof *u);
    if (u)
        s->stk_u = u;
    uint64_t *x = realloc(s->stk_x, levels * s->pw * sizeof *x);
    if (x)
        s->stk_x = x;
    size_t *cand = realloc(s->stk_cand, levels * s->maxdeg * sizeof *cand);
    if (cand)
        s->stk_cand = cand;
    size_t *score = realloc(s->stk_score, levels * s->maxdeg * sizeof *score);
    if (score)
        s->stk_score = score;
    size_t *chosen = realloc(s->chosen, levels * sizeof *chosen);
    if (chosen)
        s->chosen = chosen;
    if (!u || !x || !cand || !score || !chosen)
        return fsq__nomem();
    s->levels = levels;
    return 0;
}

/* Marks in x the PIs that are dominated within the block's columns `mask`:
 * PI p is dominated when another PI q covers every column of the block that
 * p covers (and more, or the same and q comes first). Pass 1 may ignore such
 * PIs: swapping p for q in any cover gives a cover of the same size, so the
 * minimum size is unchanged. Pass 2 does not use this: it must list the
 * covers that contain dominated PIs too. Each PI is compared only with the
 * PIs of its first column: O(n * column degree * words). */
static void mark_dominated(solver *s, const uint64_t *mask, uint64_t *x)
{
    size_t n = s->n, cw = s->cw;
    /* Only an optimisation: skipped on huge charts, and it stops at the
     * time limit like the searches do (the caller then sees the limit). */
    if (n > 200000)
        return;
    size_t *deg = malloc((n ? n : 1) * sizeof *deg);
    if (!deg)
        return; /* an optimisation only: without memory, search without it */
    for (size_t p = 0; p < n; p++) {
        const uint64_t *pc = s->picols + p * cw;
        deg[p] = 0;
        for (size_t w = 0; w < cw; w++)
            deg[p] += (size_t)fsq__popcount64(pc[w] & mask[w]);
    }
    for (size_t p = 0; p < n; p++) {
        if (deg[p] == 0)
            continue;
        if ((p & 1023) == 0 && timed_out(s)) {
            s->limit = LIMIT_TIME;
            break;
        }
        const uint64_t *pc = s->picols + p * cw;
        /* A dominator covers p's first column of the block: only the PIs
         * of that column need a look. */
        size_t first = 0;
        for (size_t w = 0; w < cw; w++)
            if (pc[w] & mask[w]) {
                first = w * 64 + (size_t)fsq__ctz64(pc[w] & mask[w]);
                break;
            }
        const uint64_t *cand = s->colpis + first * s->pw;
        int dominated = 0;
        for (size_t v = 0; v < s->pw && !dominated; v++)
            for (uint64_t bits = cand[v]; bits && !dominated; bits &= bits - 1) {
                size_t q = v * 64 + (size_t)fsq__ctz64(bits);
                if (q == p || deg[q] < deg[p] || (deg[q] == deg[p] && q > p) || bit_get(x, q))
                    continue;
                const uint64_t *qc = s->picols + q * cw;
                uint64_t missing = 0;
                for (size_t w = 0; w < cw && !missing; w++)
                    missing = pc[w] & mask[w] & ~qc[w];
                dominated = !missing;
            }
        if (dominated)
            bit_set(x, p);
    }
    free(deg);
}

/* Solves one block (its columns in `mask`) into *br. */
int fsq__cover_solve_block(solver *s, const uint64_t *mask, size_t *picks, uint64_t *left,
                           block_result *br)
{
    size_t cw = s->cw, pw = s->pw, branch = 0;
    int rc = 0;
    size_t ub = greedy_cover(s, mask, picks, left);
    if ((rc = ensure_levels(s, ub + 1)) != 0)
        goto done;

    memcpy(s->stk_u, mask, cw * sizeof *s->stk_u);
    memset(s->stk_x, 0, pw * sizeof *s->stk_x);
    evaluate(s, s->stk_u, s->stk_x, &branch, &s->root_lb);
    if (ub > s->root_lb) {
        /* Pass 1 has work to do: search the non-dominated PIs only (see
         * mark_dominated), whose bound can only be higher. */
        mark_dominated(s, mask, s->stk_x);
        if (s->limit)
            goto done;
        evaluate(s, s->stk_u, s->stk_x, &branch, &s->root_lb);
    }
    s->best = ub;
    s->stop = ub <= s->root_lb;
    if (timed_out(s))
        s->limit = LIMIT_TIME;
    if (!s->stop)
        search_min(s, 0);
    if (s->limit)
        goto done;

    s->target = s->best;
    s->nsols = 0;
    memcpy(s->stk_u, mask, cw * sizeof *s->stk_u);
    memset(s->stk_x, 0, pw * sizeof *s->stk_x);
    search_all(s, 0);
    if (s->limit)
        goto done;
    br->k = s->target;
    br->nsols = s->nsols;
    br->sols = s->sols;
    s->sols = NULL;
    s->nsols = s->cap = 0;
done:
    if (s->limit == -1)
        rc = fsq__nomem();
    return rc;
}
