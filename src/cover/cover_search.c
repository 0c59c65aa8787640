/* The branch and bound search of the cover solver on one block of the
 * chart: the minimum cover size and its proof (see the invariant in
 * cover.c). Counting and listing the covers of that size is count.c. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdio.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/cover.h"
#include "cover/cover_internal.h"
#include "cover/lp.h"
#include "cover/lp_search.h"
#include "cover/node_bound.h"

#ifdef _OPENMP
#include <omp.h>
#endif

int fsq__cover_timed_out(const solver *s)
{
    struct timespec now;
    if (!s->has_deadline)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > s->deadline.tv_sec ||
           (now.tv_sec == s->deadline.tv_sec && now.tv_nsec >= s->deadline.tv_nsec);
}

double fsq__cover_seconds_left(const solver *s)
{
    if (!s->has_deadline)
        return 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double t = (double)(s->deadline.tv_sec - now.tv_sec) +
               (double)(s->deadline.tv_nsec - now.tv_nsec) * 1e-9;
    return t > 0.001 ? t : 0.001;
}

int fsq__cover_tick(solver *s)
{
    if (s->limit)
        return 1;
    s->nodes++;
    if ((s->nodes & 1023) == 0 && fsq__cover_timed_out(s))
        s->limit = LIMIT_TIME;
    return s->limit != LIMIT_NONE;
}

/* Scans U with X excluded. Returns 0 when some column of U has no PI left
 * (a dead end); otherwise sets *branch to the column with the fewest
 * available PIs (the first one on ties) and *lb to the size of a greedy set
 * of columns whose available PI sets are pairwise disjoint. */
int fsq__cover_evaluate(solver *s, const uint64_t *u, const uint64_t *x, size_t *branch,
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
    if (nu > 1 && bound < nu && !s->lp_nodes) {
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

size_t fsq__cover_candidates(const solver *s, size_t c, const uint64_t *x, size_t *cand)
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

/* Whether one available PI covers all of U. This is the last level of the
 * search: it replaces a node per candidate by a subset test per candidate. */
static int finish_with_one(solver *s, const uint64_t *u, const uint64_t *x)
{
    size_t cw = s->cw, c = 0;
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
            if (!missed)
                return 1;
        }
    return 0;
}


/* ---- Parallel pass 1 -------------------------------------------------------
 * The tree is cut at a fixed depth: the nodes there (the frontier, found by
 * expanding level by level in the serial order) are independent subtrees,
 * searched by the threads with one copy of the search stacks each. What
 * the threads share is the best size found so far, `stop` and `limit`
 * (struct cover_shared). Pass 1 only yields the minimum size and whether
 * the search was exhaustive, and every subtree is searched to the end
 * (pruned only by bounds valid for any best), so the result is the same
 * for any thread count and any order in which the subtrees finish. */
struct cover_shared {
    size_t best;
    int stop, limit;
};

struct cover_frontier {
    size_t n, cap;
    uint64_t *ux;   /* n x (cw + pw): U then X of each node */
    double *waste;  /* n */
};

/* A cover of `size` PIs was found. */
static void improve(solver *s, size_t size)
{
    if (size < s->best)
        s->best = size;
    if (s->best <= s->root_lb)
        s->stop = 1;
    if (s->sh) {
#pragma omp critical(fsq_cover_best)
        {
            size_t b;
#pragma omp atomic read
            b = s->sh->best;
            if (s->best < b) {
#pragma omp atomic write
                s->sh->best = s->best;
            }
            if (s->stop) {
#pragma omp atomic write
                s->sh->stop = 1;
            }
        }
    }
}

/* A worker takes what the others found; 1 when it should unwind. */
static int sync_shared(solver *s)
{
    size_t b;
    int st, lim;
#pragma omp atomic read
    b = s->sh->best;
#pragma omp atomic read
    st = s->sh->stop;
#pragma omp atomic read
    lim = s->sh->limit;
    if (b < s->best)
        s->best = b;
    if (st)
        s->stop = 1;
    if (lim && !s->limit)
        s->limit = lim;
    return s->stop || s->limit;
}

/* Records the node at `depth` of s's stacks in the frontier. */
static int frontier_push(solver *s, size_t depth)
{
    struct cover_frontier *f = s->fr;
    size_t w = s->cw + s->pw;
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 64;
        uint64_t *ux = realloc(f->ux, cap * (w ? w : 1) * sizeof *ux);
        if (ux)
            f->ux = ux;
        double *waste = realloc(f->waste, cap * sizeof *waste);
        if (waste)
            f->waste = waste;
        if (!ux || !waste)
            return -1;
        f->cap = cap;
    }
    memcpy(f->ux + f->n * w, s->stk_u + depth * s->cw, s->cw * sizeof *f->ux);
    memcpy(f->ux + f->n * w + s->cw, s->stk_x + depth * s->pw, s->pw * sizeof *f->ux);
    f->waste[f->n++] = s->waste[depth];
    return 0;
}

/* Puts frontier node i on s's stacks at `depth`. */
static void frontier_load(solver *s, const struct cover_frontier *f, size_t i, size_t depth)
{
    size_t w = s->cw + s->pw;
    memcpy(s->stk_u + depth * s->cw, f->ux + i * w, s->cw * sizeof *s->stk_u);
    memcpy(s->stk_x + depth * s->pw, f->ux + i * w + s->cw, s->pw * sizeof *s->stk_x);
    s->waste[depth] = f->waste[i];
    if (depth > 0) /* the parent's duals are not kept: the root's hold too */
        memcpy(s->node_y + (depth - 1) * s->m, s->y, s->m * sizeof *s->node_y);
}

/* Pass 1: branch and bound for the minimum size. Only strictly smaller
 * covers are of interest, so a node dies when depth + lb >= best. */
static void search_min(solver *s, size_t depth)
{
    size_t cw = s->cw, pw = s->pw, branch = 0, lb = 0;
    const uint64_t *u = s->stk_u + depth * cw, *x = s->stk_x + depth * pw;
    if (s->stop || s->paused || fsq__cover_tick(s))
        return;
    if (s->sh && sync_shared(s))
        return;
    if (s->node_budget && s->nodes >= s->node_budget) {
        s->paused = 1;
        return;
    }
    if (is_empty(u, cw)) {
        improve(s, depth);
        return;
    }
    if (depth + 2 == s->best) {
        /* Only a cover of size depth + 1 would improve. */
        if (finish_with_one(s, u, x))
            improve(s, depth + 1);
        return;
    }
    if (!fsq__cover_evaluate(s, u, x, &branch, &lb))
        return;
    if (depth + lb >= s->best)
        return;
    /* The parent's duals, raised where X and U allow (fsq__cover_dual_ascent), bound
     * the node; where they leave a gap, the LP of the node (U over the PIs
     * outside X) may close it. The duals then prune children by reduced
     * cost: a cover through PI p has at least value - load_p more PIs. */
    double node_lp = -1, *ynode = s->node_y + depth * s->m;
    const double *yp = depth > 0 ? s->node_y + (depth - 1) * s->m : s->y;
    size_t asc = lb;
    if (s->lp_nodes && s->load) {
        double value = fsq__cover_dual_ascent(s, u, x, yp, ynode);
        asc = fsq__cover_lp_bound(value);
        if (depth + asc >= s->best)
            return;
        node_lp = value;
        if (asc < lb)
            asc = lb;
    }
    if (s->lp_nodes && depth + asc + 1 <= s->best && count_bits(u, cw) >= 8) {
        int lrc = 0, ran = 0;
        double value = 0;
        memset(ynode, 0, s->m * sizeof *ynode);
        size_t b = fsq__cover_node_lp(s, u, x, &lrc, &ran, &value, ynode);
        if (s->limit)
            return;
        if (!lrc && ran) {
            if (depth + b >= s->best)
                return;
            node_lp = value;
        } else if (s->load) {
            node_lp = fsq__cover_dual_ascent(s, u, x, yp, ynode);
        } else {
            node_lp = -1;
        }
    }

    size_t *cand = s->stk_cand + depth * s->maxdeg;
    size_t *score = s->stk_score + depth * s->maxdeg;
    size_t nc = fsq__cover_candidates(s, branch, x, cand);
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
        /* LP + waste is a lower bound on every cover through this child
         * (see solver.y); only covers of size best - 1 or less matter. */
        double waste = s->waste[depth] + pi_waste(s, cand[i], u);
        if (s->lp_value + waste > (double)s->best - 1 + 1e-6) {
            bit_set(xc, cand[i]);
            continue;
        }
        if (node_lp >= 0) {
            double load = 0;
            for (size_t w = 0; w < cw; w++)
                for (uint64_t bits = pc[w] & u[w]; bits; bits &= bits - 1)
                    load += ynode[w * 64 + (size_t)fsq__ctz64(bits)];
            if ((double)depth + node_lp + (load < 1 ? 1 - load : 0) > (double)s->best - 1 + 1e-6) {
                bit_set(xc, cand[i]);
                continue;
            }
        }
        s->waste[depth + 1] = waste;
        for (size_t w = 0; w < cw; w++)
            uc[w] = u[w] & ~pc[w];
        s->chosen[depth] = cand[i];
        if (s->fr && depth + 1 == s->split_depth) {
            if (frontier_push(s, depth + 1)) {
                s->limit = LIMIT_NOMEM;
                return;
            }
        } else {
            search_min(s, depth + 1);
        }
        if (s->stop || s->limit || s->paused || depth + lb >= s->best)
            return;
        bit_set(xc, cand[i]); /* later branches exclude this PI */
    }
}

/* A worker's copy of s: its own search stacks and scratch, the chart and
 * the LP data shared (read only). 0, or -1 without memory. */
static int clone_solver(const solver *s, solver *w)
{
    *w = *s;
    size_t L = s->levels;
    w->stk_u = malloc(L * s->cw * sizeof *w->stk_u + 1);
    w->stk_x = malloc(L * s->pw * sizeof *w->stk_x + 1);
    w->stk_cand = malloc(L * s->maxdeg * sizeof *w->stk_cand + 1);
    w->stk_score = malloc(L * s->maxdeg * sizeof *w->stk_score + 1);
    w->chosen = malloc(L * sizeof *w->chosen + 1);
    w->waste = malloc(L * sizeof *w->waste + 1);
    w->node_y = malloc(L * (s->m ? s->m : 1) * sizeof *w->node_y);
    w->acc = malloc(s->pw * sizeof *w->acc + 1);
    w->hist = malloc((s->m + 2) * sizeof *w->hist);
    w->load = s->load ? malloc((s->n + 1) * sizeof *w->load) : NULL;
    w->fr = NULL;
    w->node_budget = 0;
    return w->stk_u && w->stk_x && w->stk_cand && w->stk_score && w->chosen && w->waste &&
                   w->node_y && w->acc && w->hist && (w->load || !s->load)
               ? 0
               : -1;
}

static void clone_free(solver *w)
{
    free(w->stk_u);
    free(w->stk_x);
    free(w->stk_cand);
    free(w->stk_score);
    free(w->chosen);
    free(w->waste);
    free(w->node_y);
    free(w->acc);
    free(w->hist);
    free(w->load);
}

/* Pass 1 from the root (s's stacks at depth 0), on s->threads threads when
 * the search is big: a serial try of SERIAL_NODES nodes first (most blocks
 * end in it, and it finds a good cover), then the frontier at the depth
 * where it has FRONTIER_PER_THREAD nodes per thread (or MAX_SPLIT), and
 * the threads take its subtrees in turn. */
enum { FRONTIER_PER_THREAD = 32, MAX_SPLIT = 6 };
size_t fsq__cover_serial_nodes = 1000;

int fsq__cover_threads(const solver *s)
{
#ifdef _OPENMP
    return s->threads > 0 ? s->threads : omp_get_max_threads();
#else
    (void)s;
    return 1;
#endif
}

static void search_root(solver *s)
{
    int nthreads = fsq__cover_threads(s);
    if (nthreads <= 1) {
        search_min(s, 0);
        return;
    }
    s->node_budget = s->nodes + (fsq__cover_serial_nodes ? fsq__cover_serial_nodes : 1);
    s->paused = 0;
    search_min(s, 0);
    s->node_budget = 0;
    if (!s->paused)
        return;
    s->paused = 0;

    struct cover_frontier cur = {0}, next = {0};
    s->fr = &cur;
    if (frontier_push(s, 0))
        s->limit = LIMIT_NOMEM;
    size_t depth = 0;
    while (cur.n > 0 && cur.n < (size_t)nthreads * FRONTIER_PER_THREAD && depth < MAX_SPLIT &&
           depth + 1 < s->best && !s->stop && !s->limit) {
        next.n = 0;
        s->fr = &next;
        s->split_depth = depth + 1;
        for (size_t i = 0; i < cur.n && !s->stop && !s->limit; i++) {
            frontier_load(s, &cur, i, depth);
            search_min(s, depth);
        }
        struct cover_frontier t = cur;
        cur = next;
        next = t;
        depth++;
    }
    s->fr = NULL;

    struct cover_shared sh = {s->best, s->stop, s->limit};
    uint64_t nodes = 0;
    if (!sh.stop && !sh.limit && cur.n > 0) {
#pragma omp parallel num_threads(nthreads) reduction(+ : nodes)
        {
            solver w;
            int ok = clone_solver(s, &w) == 0;
            w.sh = &sh;
            w.nodes = 0;
            if (!ok) {
#pragma omp atomic write
                sh.limit = LIMIT_NOMEM;
            }
#pragma omp for schedule(dynamic, 1)
            for (size_t i = 0; i < cur.n; i++) {
                if (!ok || sync_shared(&w))
                    continue;
                frontier_load(&w, &cur, i, depth);
                search_min(&w, depth);
                if (w.limit) {
#pragma omp atomic write
                    sh.limit = w.limit;
                }
            }
            nodes += w.nodes;
            clone_free(&w);
#ifdef _OPENMP
            if (omp_get_thread_num() != 0)
                fsq__cover_lp_thread_done();
#endif
        }
    }
    s->nodes += nodes;
    s->best = sh.best < s->best ? sh.best : s->best;
    s->stop = sh.stop;
    if (sh.limit && !s->limit)
        s->limit = sh.limit;
    free(cur.ux);
    free(cur.waste);
    free(next.ux);
    free(next.waste);
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

int fsq__cover_ensure_levels(solver *s, size_t levels)
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
    double *waste = realloc(s->waste, levels * sizeof *waste);
    if (waste)
        s->waste = waste;
    double *node_y = realloc(s->node_y, levels * (s->m ? s->m : 1) * sizeof *node_y);
    if (node_y)
        s->node_y = node_y;
    if (!u || !x || !cand || !score || !chosen || !waste || !node_y)
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
        if ((p & 1023) == 0 && fsq__cover_timed_out(s)) {
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


/* The PIs outside X that cover a column of the block. */
static size_t count_avail(const solver *s, const uint64_t *mask, const uint64_t *x)
{
    size_t n = 0;
    for (size_t p = 0; p < s->n; p++) {
        const uint64_t *pc = s->picols + p * s->cw;
        int touches = 0;
        for (size_t w = 0; w < s->cw && !touches; w++)
            touches = (pc[w] & mask[w]) != 0;
        n += touches && !bit_get(x, p);
    }
    return n;
}

/* Blocks with at least this many available PIs and a gap at the root go
 * to the LP search. */
size_t fsq__cover_lp_search_pis = 100;

int fsq__cover_block_minimum(solver *s, const uint64_t *mask, size_t *picks, uint64_t *left,
                             block_result *br)
{
    size_t cw = s->cw, pw = s->pw, branch = 0, comb = 0;
    int rc = 0;
    size_t ub = greedy_cover(s, mask, picks, left);
    if ((rc = fsq__cover_ensure_levels(s, ub + 1)) != 0)
        return rc;

    memcpy(s->stk_u, mask, cw * sizeof *s->stk_u);
    memset(s->stk_x, 0, pw * sizeof *s->stk_x);
    fsq__cover_evaluate(s, s->stk_u, s->stk_x, &branch, &comb);
    br->proof = FSQ__PROOF_COMBINATORIAL;
    br->lp = 0;
    if (ub > comb) {
        /* Search the non-dominated PIs only (see mark_dominated): their
         * bounds can only be higher, and the LP optimum is the same (a
         * dominated PI's weight moves to its dominator). */
        mark_dominated(s, mask, s->stk_x);
        if (s->limit)
            return 0;
        fsq__cover_evaluate(s, s->stk_u, s->stk_x, &branch, &comb);
    }
    s->root_lb = comb;
    s->mask = mask;
    s->lp_value = 0;
    br->lp_value = 0;
    if (ub > comb || count_bits(mask, cw) >= 16) {
        /* The LP bound: at the root of every block that the greedy cover
         * does not already match, and of every larger block for the duals
         * that prune the counting (one simplex: milliseconds here). */
        int ran = 0;
        double value = 0;
        size_t lp = fsq__cover_node_lp(s, s->stk_u, s->stk_x, &rc, &ran, &value, s->y);
        if (rc || s->limit)
            return rc;
        if (ran) {
            br->lp = lp;
            br->lp_value = s->lp_value = value;
            if (lp > s->root_lb) {
                s->root_lb = lp;
                br->proof = FSQ__PROOF_LP;
            }
            /* Reduced costs of the block's PIs (dominated ones too: a
             * dominated PI's load is at most its dominator's, <= 1). */
            for (size_t p = 0; p < s->n; p++) {
                const uint64_t *pc = s->picols + p * cw;
                double load = 0;
                int touches = 0;
                for (size_t v = 0; v < cw; v++)
                    for (uint64_t bits = pc[v] & mask[v]; bits; bits &= bits - 1) {
                        load += s->y[v * 64 + (size_t)fsq__ctz64(bits)];
                        touches = 1;
                    }
                if (touches)
                    s->dred[p] = load < 1 ? 1 - load : 0;
            }
        }
    }
    br->lb = s->root_lb;
    /* Many PIs and a gap: branching on variables with an LP at every node
     * beats branching on columns (lp_search.c), and a better first cover
     * than the greedy one (cover_local.c) pays. */
    int lp_search = ub > s->root_lb && br->lp > 0 &&
                    count_avail(s, mask, s->stk_x) >= fsq__cover_lp_search_pis;
    if (lp_search && !s->limit)
        ub = fsq__cover_local_search(s, mask, s->stk_x, picks, ub, s->root_lb);
    s->best = ub;
    s->stop = ub <= s->root_lb;
    if (fsq__cover_timed_out(s))
        s->limit = LIMIT_TIME;
    if (!s->stop && !s->limit) {
        s->waste[0] = 0;
        s->lp_nodes = br->lp > 0;
        if (lp_search) {
            if ((rc = fsq__cover_lp_search(s, mask, s->stk_x)) != 0)
                return rc;
        } else {
            s->load = malloc((s->n + 1) * sizeof *s->load); /* without it: no ascent */
            search_root(s);
            free(s->load);
            s->load = NULL;
            s->lp_nodes = 0;
        }
        if (!s->limit && s->best > s->root_lb)
            br->proof = FSQ__PROOF_SEARCH; /* the search exhausted every smaller cover */
    }
    br->k = s->best;
    return 0;
}
