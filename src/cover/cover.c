/* All minimum covers of a prime-implicant chart.
 *
 * Contract. In: a chart of npis rows (PIs) by ncols columns (ON rows), each
 * row a bitset of columns (fsq__cover_problem). Out: every set of PIs of the
 * smallest possible size that covers all columns, each set exactly once, as
 * sorted lists of PI indices in QCA's order, and the PIs common to all of
 * them (fsq__cover_result). A column that no PI covers has no solution.
 *
 * QCA's order. QCA 3.23 (solveChart -> C find_models, all.sol = FALSE) gets
 * the minimum size k from lp_solve, then walks every k-subset of the chart
 * rows in lexicographic order of the increasing index vector (the classic
 * "next combination" increment) and keeps those that cover every column.
 * writeSolution keeps that order, and the essential PIs it reports are the
 * rows present in every solution. So: each solution is its increasing list
 * of PI indices, and solutions are sorted lexicographically on those lists
 * (all have the same length). Confirmed on every PI chart of the reference
 * files (102 top-level charts plus the 7 per-key charts of the intermediate
 * files; d.transport_ACC_pars has 779 solutions): same sets, same order,
 * terms within a solution in PI order, essential = intersection.
 *
 * Phases (mincov style):
 *   1. reduce: columns covered by exactly one PI force that PI (essential);
 *      their columns are dropped. A column whose PI set contains another
 *      column's PI set is dropped too: covering the smaller one covers it, so
 *      the set of covers (not only the minimum ones) is unchanged. PIs that
 *      cover no remaining column cannot be in a minimum cover (it would stay
 *      a cover without them) and are dropped. PI (row) dominance is not used:
 *      it may lose minimum covers.
 *   2. partition the remaining columns into blocks that share no PI; a
 *      minimum cover is the union of one minimum cover per block.
 *   3. per block: a greedy cover gives an upper bound; a branch and bound
 *      search finds the minimum size k_b over the PIs that no other PI
 *      dominates (valid for the size only); a second search over all PIs
 *      enumerates every cover of size exactly k_b.
 *   4. combine: cartesian product of the block solutions plus the
 *      essentials, each row sorted, rows sorted lexicographically.
 *
 * Search invariant. A node holds the uncovered columns U and the excluded
 * PIs X. It branches on the column c of U with the fewest PIs outside X and
 * tries those PIs p_1 < p_2 < ... in turn; the branch of p_i excludes
 * p_1..p_{i-1}. Every cover of U avoiding X contains some PI of c outside X,
 * and the branch it lands in is the one of its first such PI, so each cover
 * is reached exactly once. Lower bound at a node: columns of U whose
 * available PI sets are pairwise disjoint need distinct PIs; they are picked
 * greedily, fewest PIs first (columns are numbered by ascending degree).
 *
 * At the last level (one PI left to choose) the candidates are tested
 * directly for covering all of U instead of opening a node each.
 *
 * Complexity. Set cover is NP-hard: exponential in the worst case. A node
 * costs O(|U| * npis / 64) word operations; no allocation happens per node
 * (the stacks are sized by the greedy upper bound). A stronger LP-style
 * bound (weights 1 / largest PI coverage) was tried: fewer nodes, but slower
 * overall on random charts of 100-2000 columns, so it is not used. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cover/cover.h"

#include "common/bits.h"
#include "common/error.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { LIMIT_NONE, LIMIT_SOLUTIONS, LIMIT_TIME };

typedef struct {
    /* The reduced chart: kept columns 0..m-1 (ascending degree) and kept PIs
     * 0..n-1 (ascending original index, so orders carry over). */
    size_t m, cw;         /* columns, words per column bitset */
    size_t n, pw;         /* PIs, words per PI bitset */
    uint64_t *colpis;     /* m x pw: PIs covering each column */
    uint64_t *picols;     /* n x cw: columns each PI covers */
    size_t *pi_orig;      /* n: index in the caller's chart */
    size_t maxdeg;        /* largest number of PIs on one column */

    /* Search stacks, `levels` deep. */
    size_t levels;
    uint64_t *stk_u;      /* levels x cw: uncovered columns */
    uint64_t *stk_x;      /* levels x pw: excluded PIs */
    size_t *stk_cand;     /* levels x maxdeg: PIs to branch on */
    size_t *stk_score;    /* levels x maxdeg: new columns of each (pass 1) */
    uint64_t *acc;        /* pw: PIs used by the lower-bound columns */
    uint64_t *alive;      /* pw: the PIs that exist (bits below n) */
    size_t *hist;         /* m + 1: coverage histogram for the second bound */
    size_t *chosen;       /* levels: PIs chosen on the current path */

    size_t best;          /* pass 1: smallest cover found so far */
    size_t root_lb;       /* pass 1: stop once best reaches it */
    size_t target;        /* pass 2: the size to enumerate */
    int stop;             /* pass 1 is done */
    int limit;            /* LIMIT_* that stopped the search */

    size_t *sols;         /* pass 2: nsols x target kept-PI indices */
    size_t nsols, cap;

    size_t max_solutions;
    int has_deadline;
    struct timespec deadline;
    uint64_t nodes;
} solver;

typedef struct {
    size_t k;             /* size of each block solution */
    size_t nsols;
    size_t *sols;         /* nsols x k kept-PI indices, each row sorted */
} block_result;

static inline int bit_get(const uint64_t *set, size_t i)
{
    return (int)((set[i >> 6] >> (i & 63)) & 1);
}

static inline void bit_set(uint64_t *set, size_t i)
{
    set[i >> 6] |= UINT64_C(1) << (i & 63);
}

static inline void bit_clear(uint64_t *set, size_t i)
{
    set[i >> 6] &= ~(UINT64_C(1) << (i & 63));
}

static int is_empty(const uint64_t *set, size_t nwords)
{
    for (size_t w = 0; w < nwords; w++)
        if (set[w])
            return 0;
    return 1;
}

static size_t count_bits(const uint64_t *set, size_t nwords)
{
    size_t c = 0;
    for (size_t w = 0; w < nwords; w++)
        c += (size_t)fsq__popcount64(set[w]);
    return c;
}

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
 * covers that contain dominated PIs too. O(n^2 * words) in the worst case,
 * so very large charts skip it. */
static void mark_dominated(const solver *s, const uint64_t *mask, uint64_t *x)
{
    size_t n = s->n, cw = s->cw;
    if (n > 30000)
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
        const uint64_t *pc = s->picols + p * cw;
        for (size_t q = 0; q < n; q++) {
            if (q == p || deg[q] < deg[p] || (deg[q] == deg[p] && q > p) || bit_get(x, q))
                continue;
            const uint64_t *qc = s->picols + q * cw;
            uint64_t missing = 0;
            for (size_t w = 0; w < cw && !missing; w++)
                missing = pc[w] & mask[w] & ~qc[w];
            if (!missing) {
                bit_set(x, p);
                break;
            }
        }
    }
    free(deg);
}

/* Solves one block (its columns in `mask`) into *br. */
static int solve_block(solver *s, const uint64_t *mask, size_t *picks, uint64_t *left,
                       block_result *br)
{
    size_t cw = s->cw, pw = s->pw, branch = 0;
    int rc = 0;
    size_t ub = greedy_cover(s, mask, picks, left);
    if ((rc = ensure_levels(s, ub + 1)) != 0)
        goto done;

    memcpy(s->stk_u, mask, cw * sizeof *s->stk_u);
    memset(s->stk_x, 0, pw * sizeof *s->stk_x);
    mark_dominated(s, mask, s->stk_x); /* pass 1 only: see mark_dominated */
    evaluate(s, s->stk_u, s->stk_x, &branch, &s->root_lb);
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

/* Lexicographic merge sort of row indices (rows of length k). */
static int row_less(const size_t *rows, size_t k, size_t a, size_t b)
{
    const size_t *ra = rows + a * k, *rb = rows + b * k;
    for (size_t i = 0; i < k; i++)
        if (ra[i] != rb[i])
            return ra[i] < rb[i];
    return 0;
}

static void sort_rows(const size_t *rows, size_t k, size_t *perm, size_t *tmp, size_t n)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                tmp[o++] = row_less(rows, k, perm[j], perm[i]) ? perm[j++] : perm[i++];
            while (i < mid)
                tmp[o++] = perm[i++];
            while (j < hi)
                tmp[o++] = perm[j++];
        }
        memcpy(perm, tmp, n * sizeof *perm);
    }
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static size_t find_root(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/* Sort key for column dominance: degree, then index. */
typedef struct {
    size_t deg, col;
} col_key;

static int cmp_col_key(const void *a, const void *b)
{
    const col_key *x = a, *y = b;
    if (x->deg != y->deg)
        return (x->deg > y->deg) - (x->deg < y->deg);
    return (x->col > y->col) - (x->col < y->col);
}

void fsq__cover_result_free(fsq__cover_result *r)
{
    if (!r)
        return;
    free(r->pis);
    free(r->essential);
    memset(r, 0, sizeof *r);
}

int fsq__cover_solve(const fsq__cover_problem *p, fsq__cover_result *out)
{
    int rc = 0;
    solver s;
    memset(&s, 0, sizeof s);
    size_t npis = p ? p->npis : 0, ncols = p ? p->ncols : 0;
    size_t ow = fsq__words_for_bits(npis);  /* words per set of original PIs */
    size_t ocw = fsq__words_for_bits(ncols); /* words per set of original columns */
    uint64_t *ocolpis = NULL, *essential = NULL, *covered = NULL, *mask = NULL, *left = NULL;
    size_t *kept_cols = NULL, *pi_new = NULL, *heads = NULL, *next = NULL, *parent = NULL;
    size_t *block_of = NULL, *block_start = NULL, *block_cols = NULL, *picks = NULL;
    size_t *count = NULL, *rows = NULL, *perm = NULL, *tmp = NULL, *ess_list = NULL;
    col_key *keys = NULL;
    block_result *blocks = NULL;
    size_t nblocks = 0, ness = 0;

    if (!p || !out)
        return fsq__error(FSQ_EINPUT, "cover: no problem or no result given");
    memset(out, 0, sizeof *out);
    if (ncols > 0 && npis > 0 && (!p->chart || p->nwords < (ncols + 63) / 64))
        return fsq__error(FSQ_EINPUT, "cover: the chart needs %zu words per row, got %zu",
                          (ncols + 63) / 64, p->nwords);
    if (ncols == 0) {
        /* Nothing to cover: the empty set is the one minimum cover. */
        out->nsolutions = 1;
        return 0;
    }
    s.max_solutions = p->max_solutions;
    if (p->time_limit > 0 && p->time_limit < 1e9) {
        clock_gettime(CLOCK_MONOTONIC, &s.deadline);
        double whole = (double)(time_t)p->time_limit;
        s.deadline.tv_sec += (time_t)whole;
        s.deadline.tv_nsec += (long)((p->time_limit - whole) * 1e9);
        if (s.deadline.tv_nsec >= 1000000000L) {
            s.deadline.tv_sec++;
            s.deadline.tv_nsec -= 1000000000L;
        }
        s.has_deadline = 1;
    }

    /* 1. Reduce. Column -> PI sets over the caller's PIs. */
    ocolpis = calloc(ncols * ow, sizeof *ocolpis);
    essential = calloc(ow, sizeof *essential);
    covered = calloc(ocw, sizeof *covered);
    keys = malloc(ncols * sizeof *keys);
    if (!ocolpis || !essential || !covered || !keys) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < npis; i++) {
        const uint64_t *row = p->chart + i * p->nwords;
        for (size_t w = 0; w < ocw; w++) {
            uint64_t bits = row[w];
            if (w == ocw - 1 && (ncols & 63))
                bits &= (UINT64_C(1) << (ncols & 63)) - 1; /* ignore stray bits */
            while (bits) {
                size_t c = w * 64 + (size_t)fsq__ctz64(bits);
                bits &= bits - 1;
                bit_set(ocolpis + c * ow, i);
            }
        }
    }
    for (size_t c = 0; c < ncols; c++) {
        size_t deg = count_bits(ocolpis + c * ow, ow);
        if (deg == 0) {
            rc = fsq__error(FSQ_ENOSOLUTION,
                            "column %zu of the PI chart is covered by no prime implicant: "
                            "there is no solution",
                            c);
            goto done;
        }
        if (deg == 1) {
            /* Essential: its only PI is in every cover. */
            const uint64_t *cp = ocolpis + c * ow;
            for (size_t w = 0; w < ow; w++)
                essential[w] |= cp[w];
        }
        keys[c].deg = deg;
        keys[c].col = c;
    }
    for (size_t i = 0; i < npis; i++) {
        if (!bit_get(essential, i))
            continue;
        ness++;
        const uint64_t *row = p->chart + i * p->nwords;
        for (size_t w = 0; w < ocw; w++)
            covered[w] |= row[w];
    }

    /* Column dominance. Visit the uncovered columns by ascending degree; a
     * column is dropped when an already kept column's PI set is a subset of
     * its own (equal sets: the first one stays). A subset's first PI lies in
     * the superset, so only kept columns filed under one of this column's
     * PIs (by their first PI) need a check. */
    qsort(keys, ncols, sizeof *keys, cmp_col_key);
    kept_cols = malloc(ncols * sizeof *kept_cols);
    heads = malloc((npis ? npis : 1) * sizeof *heads);
    next = malloc(ncols * sizeof *next);
    if (!kept_cols || !heads || !next) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < npis; i++)
        heads[i] = SIZE_MAX;
    for (size_t k = 0; k < ncols; k++) {
        size_t c = keys[k].col;
        if (bit_get(covered, c))
            continue;
        const uint64_t *cp = ocolpis + c * ow;
        int dominated = 0;
        for (size_t w = 0; w < ow && !dominated; w++) {
            uint64_t bits = cp[w];
            while (bits && !dominated) {
                size_t pi = w * 64 + (size_t)fsq__ctz64(bits);
                bits &= bits - 1;
                for (size_t d = heads[pi]; d != SIZE_MAX && !dominated; d = next[d]) {
                    const uint64_t *dp = ocolpis + kept_cols[d] * ow;
                    int subset = 1;
                    for (size_t v = 0; v < ow && subset; v++)
                        subset = (dp[v] & ~cp[v]) == 0;
                    dominated = subset;
                }
            }
        }
        if (dominated)
            continue;
        size_t first = 0;
        for (size_t w = 0; w < ow; w++)
            if (cp[w]) {
                first = w * 64 + (size_t)fsq__ctz64(cp[w]);
                break;
            }
        kept_cols[s.m] = c;
        next[s.m] = heads[first];
        heads[first] = s.m;
        s.m++;
    }

    /* Keep the PIs that cover a kept column, in the caller's order. */
    pi_new = malloc((npis ? npis : 1) * sizeof *pi_new);
    s.pi_orig = malloc((npis ? npis : 1) * sizeof *s.pi_orig);
    if (!pi_new || !s.pi_orig) {
        rc = fsq__nomem();
        goto done;
    }
    {
        uint64_t *used = essential; /* reuse as scratch after saving the list */
        ess_list = malloc((ness ? ness : 1) * sizeof *ess_list);
        if (!ess_list) {
            rc = fsq__nomem();
            goto done;
        }
        ness = 0;
        for (size_t i = 0; i < npis; i++)
            if (bit_get(essential, i))
                ess_list[ness++] = i;
        memset(used, 0, ow * sizeof *used);
        for (size_t j = 0; j < s.m; j++)
            for (size_t w = 0; w < ow; w++)
                used[w] |= ocolpis[kept_cols[j] * ow + w];
        for (size_t i = 0; i < npis; i++) {
            pi_new[i] = SIZE_MAX;
            if (bit_get(used, i)) {
                pi_new[i] = s.n;
                s.pi_orig[s.n++] = i;
            }
        }
    }
    s.cw = fsq__words_for_bits(s.m);
    s.pw = fsq__words_for_bits(s.n);
    s.colpis = calloc(s.m * s.pw + 1, sizeof *s.colpis);
    s.picols = calloc(s.n * s.cw + 1, sizeof *s.picols);
    s.acc = calloc(s.pw, sizeof *s.acc);
    s.alive = calloc(s.pw, sizeof *s.alive);
    s.hist = calloc(s.m + 2, sizeof *s.hist);
    if (!s.colpis || !s.picols || !s.acc || !s.alive || !s.hist) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < s.n; i++)
        bit_set(s.alive, i);
    for (size_t j = 0; j < s.m; j++) {
        const uint64_t *cp = ocolpis + kept_cols[j] * ow;
        for (size_t i = 0; i < npis; i++)
            if (bit_get(cp, i)) {
                bit_set(s.colpis + j * s.pw, pi_new[i]);
                bit_set(s.picols + pi_new[i] * s.cw, j);
            }
        size_t deg = count_bits(s.colpis + j * s.pw, s.pw);
        if (deg > s.maxdeg)
            s.maxdeg = deg;
    }
    free(ocolpis);
    ocolpis = NULL;

    /* 2. Blocks: columns joined by a shared PI (union-find). */
    parent = malloc((s.m ? s.m : 1) * sizeof *parent);
    block_of = malloc((s.m ? s.m : 1) * sizeof *block_of);
    block_start = calloc(s.m + 2, sizeof *block_start);
    block_cols = malloc((s.m ? s.m : 1) * sizeof *block_cols);
    picks = malloc((s.m ? s.m : 1) * sizeof *picks);
    mask = calloc(s.cw, sizeof *mask);
    left = calloc(s.cw, sizeof *left);
    if (!parent || !block_of || !block_start || !block_cols || !picks || !mask || !left) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t j = 0; j < s.m; j++)
        parent[j] = j;
    for (size_t i = 0; i < s.n; i++) {
        const uint64_t *pc = s.picols + i * s.cw;
        size_t first = SIZE_MAX;
        for (size_t w = 0; w < s.cw; w++) {
            uint64_t bits = pc[w];
            while (bits) {
                size_t c = w * 64 + (size_t)fsq__ctz64(bits);
                bits &= bits - 1;
                if (first == SIZE_MAX) {
                    first = find_root(parent, c);
                } else {
                    size_t r = find_root(parent, c);
                    if (r != first)
                        parent[r] = first;
                }
            }
        }
    }
    for (size_t j = 0; j < s.m; j++) {
        size_t r = find_root(parent, j);
        if (r == j)
            block_of[j] = nblocks++;
    }
    for (size_t j = 0; j < s.m; j++) {
        block_of[j] = block_of[find_root(parent, j)];
        block_start[block_of[j] + 1]++;
    }
    for (size_t b = 0; b < nblocks; b++)
        block_start[b + 1] += block_start[b];
    memset(parent, 0, s.m * sizeof *parent); /* now a fill count per block */
    for (size_t j = 0; j < s.m; j++) {
        size_t b = block_of[j];
        block_cols[block_start[b] + parent[b]++] = j;
    }

    /* 3. Solve each block. */
    blocks = calloc(nblocks ? nblocks : 1, sizeof *blocks);
    if (!blocks) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t b = 0; b < nblocks; b++) {
        for (size_t t = block_start[b]; t < block_start[b + 1]; t++)
            bit_set(mask, block_cols[t]);
        rc = solve_block(&s, mask, picks, left, &blocks[b]);
        for (size_t t = block_start[b]; t < block_start[b + 1]; t++)
            bit_clear(mask, block_cols[t]);
        if (rc)
            goto done;
        if (s.limit)
            break;
    }
    out->nodes = s.nodes;
    if (s.limit == LIMIT_TIME) {
        rc = fsq__error(FSQ_ELIMIT,
                        "time limit of %g s reached in the cover search (--time-limit)",
                        p->time_limit);
        goto done;
    }
    if (s.limit == LIMIT_SOLUTIONS) {
        rc = fsq__error(FSQ_ELIMIT, "more than %zu minimum solutions (--max-solutions)",
                        s.max_solutions);
        goto done;
    }

    /* 4. Combine: every choice of one solution per block, plus the
     * essentials; each row sorted, then the rows in QCA's order. */
    size_t total = 1, k = ness;
    for (size_t b = 0; b < nblocks; b++) {
        if (blocks[b].nsols > SIZE_MAX / total / (s.m + ness + 1)) {
            rc = fsq__nomem(); /* far more solutions than memory could hold */
            goto done;
        }
        if (s.max_solutions && total * blocks[b].nsols > s.max_solutions) {
            rc = fsq__error(FSQ_ELIMIT, "more than %zu minimum solutions (--max-solutions)",
                            s.max_solutions);
            goto done;
        }
        total *= blocks[b].nsols;
        k += blocks[b].k;
    }
    size_t cells = (total * k) > 0 ? total * k : 1;
    rows = malloc(cells * sizeof *rows);
    perm = malloc(total * sizeof *perm);
    tmp = malloc(total * sizeof *tmp);
    count = calloc(npis ? npis : 1, sizeof *count);
    if (!rows || !perm || !tmp || !count) {
        rc = fsq__nomem();
        goto done;
    }
    memset(parent, 0, nblocks * sizeof *parent); /* mixed-radix counter */
    for (size_t r = 0; r < total; r++) {
        size_t *row = rows + r * k, o = 0;
        memcpy(row, ess_list, ness * sizeof *row);
        o = ness;
        for (size_t b = 0; b < nblocks; b++) {
            const size_t *part = blocks[b].sols + parent[b] * blocks[b].k;
            for (size_t t = 0; t < blocks[b].k; t++)
                row[o++] = s.pi_orig[part[t]];
        }
        if (nblocks > 1 || ness > 0)
            qsort(row, k, sizeof *row, cmp_size);
        for (size_t t = 0; t < k; t++)
            count[row[t]]++;
        perm[r] = r;
        for (size_t b = nblocks; b-- > 0;) {
            if (++parent[b] < blocks[b].nsols)
                break;
            parent[b] = 0;
        }
    }
    sort_rows(rows, k, perm, tmp, total);

    out->pis = malloc(cells * sizeof *out->pis);
    if (!out->pis) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t r = 0; r < total; r++)
        memcpy(out->pis + r * k, rows + perm[r] * k, k * sizeof *out->pis);
    out->nsolutions = total;
    out->size = k;
    for (size_t i = 0; i < npis; i++)
        if (count[i] == total)
            out->nessential++;
    out->essential = malloc((out->nessential ? out->nessential : 1) * sizeof *out->essential);
    if (!out->essential) {
        rc = fsq__nomem();
        goto done;
    }
    out->nessential = 0;
    for (size_t i = 0; i < npis; i++)
        if (count[i] == total)
            out->essential[out->nessential++] = i;

done:
    if (rc) {
        uint64_t nodes = out->nodes;
        fsq__cover_result_free(out);
        out->nodes = nodes;
    }
    for (size_t b = 0; blocks && b < nblocks; b++)
        free(blocks[b].sols);
    free(blocks);
    free(ocolpis);
    free(essential);
    free(covered);
    free(keys);
    free(kept_cols);
    free(pi_new);
    free(heads);
    free(next);
    free(parent);
    free(block_of);
    free(block_start);
    free(block_cols);
    free(picks);
    free(mask);
    free(left);
    free(count);
    free(rows);
    free(perm);
    free(tmp);
    free(ess_list);
    free(s.colpis);
    free(s.picols);
    free(s.pi_orig);
    free(s.stk_u);
    free(s.stk_x);
    free(s.stk_cand);
    free(s.stk_score);
    free(s.acc);
    free(s.alive);
    free(s.hist);
    free(s.chosen);
    free(s.sols);
    return rc;
}
