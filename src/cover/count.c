/* Counting and listing the minimum covers of one block of the chart.
 *
 * Contract. In: a block (its columns in `mask`) whose minimum cover size k
 * is known (cover_search.c). Out: the exact number of covers of size k
 * (GMP integer), the first max_solutions of them in lexicographic order of
 * their increasing PI index lists (QCA's order), and the PIs that are in
 * every one of them. Memory does not grow with the number of covers beyond
 * the listing cap.
 *
 * The block is copied into a chart of its own (its columns by ascending
 * degree, its PIs in the solver's order, so lexicographic order carries
 * over), without the PIs whose LP reduced cost exceeds the gap k - LP (in
 * no cover of size k: see solver.y). The counter of mincount.c answers
 * "the minimum and the number of minimum covers of rows U by PIs F" on it.
 *
 * Counting: one query, all rows by all PIs with budget k; or, when the
 * block's LP bound is a PI or more below k (the counter's bounds then
 * leave it a search too wide to finish), over the LP branch and bound of
 * lp_search.c: its tree cuts the nodes whose bound passes k and hands each
 * node within fsq__cover_leaf_slack of k to the counter with that node's
 * LP duals (the PIs it fixed at 1 taken, those at 0 gone), where the
 * reduced costs leave few PIs. Every cover of size k is in exactly one
 * leaf, so the leaves' counts add up. The tree runs on the solver's
 * threads (lp_split.c), each thread's leaves counted by a counter of its
 * own; the sum and the PIs kept by every thread do not depend on which
 * thread took which leaf.
 *
 * Listing. A depth-first walk that picks the PIs of a cover in increasing
 * order: the child of PI p covers U minus p's columns with the PIs after p.
 * Children are visited in increasing p, so covers come out in
 * lexicographic order and the walk stops at the cap. A child is opened
 * only when the counter decides (fsq__mc_decide: one cover found is
 * enough) that its rows have a cover of the PIs left in the budget left,
 * so every node opened leads to a listed cover: the walk
 * costs at most cap x k x (PIs per step) queries, most answered from the
 * counter's cache. p never passes the smallest, over the columns of U, of
 * the column's highest PI (after that some column has no PI left). Blocks
 * counted over the LP tree decide with LP bounds too: the root duals
 * (their bound may settle it; within a leaf slack of the budget the
 * counter decides with them), then the child's own LP (mincount_lp.c;
 * same), then the counter with the child's duals, or, when that LP is
 * still a leaf slack or more under the budget, a decision over the LP
 * tree (ended by the first cover its rounding or a leaf finds).
 *
 * PIs in every minimum cover: the candidates are the PIs of every listed
 * cover (all of them, when every cover is listed). Otherwise, over the LP
 * tree, each leaf with covers drops the candidates that one of its covers
 * avoids (not taken and not free there, or a decision finds a cover of the
 * leaf without it); without the tree, each candidate is tested with one
 * decision: is there a cover of size k without it? */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/cover.h"
#include "cover/cover_internal.h"
#include "cover/lp.h"
#include "cover/lp_search.h"
#include "cover/mincount.h"
#include "cover/mincount_lp.h"

/* Memory of the counter's cache, per block. */
#define CACHE_BYTES ((size_t)256 << 20)

/* The block's own chart, with the listing's stacks. */
typedef struct {
    size_t m, n, cw, pw, k;
    uint64_t *colpis;   /* m x pw */
    uint64_t *picols;   /* n x cw */
    double *y;          /* m LP duals, or NULL */
    size_t *pi_of;      /* n: the solver's PI index */
    size_t *col_of;     /* m: the solver's column */
    size_t *col_last;   /* m: highest PI on each column */
    uint64_t *stk_u;    /* (k + 1) x cw: uncovered columns per depth */
    uint64_t *above;    /* pw: PIs after the current one */
    size_t *chosen;     /* k */
    fsq__mc *mc;
    fsq__mc_lp *lp;     /* LP bounds of the decisions, or NULL */
    double *ylp;        /* m: their duals */
    int rc;             /* an error in a decision */
} block_chart;

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

static void chart_free(block_chart *b)
{
    fsq__mc_free(b->mc);
    fsq__mc_lp_free(b->lp);
    free(b->ylp);
    free(b->colpis);
    free(b->picols);
    free(b->y);
    free(b->pi_of);
    free(b->col_of);
    free(b->col_last);
    free(b->stk_u);
    free(b->above);
    free(b->chosen);
}

/* The block `mask` of s without the PIs of root_x, as a chart of its own. */
static int chart_build(const solver *s, const uint64_t *mask, const uint64_t *root_x,
                       int with_y, size_t k, block_chart *b)
{
    size_t cw = s->cw, pw = s->pw, m = count_bits(mask, cw), n = 0, nc = 0;
    int rc = 0;
    order_key *cols = malloc((m ? m : 1) * sizeof *cols);
    size_t *col_new = malloc((s->m ? s->m : 1) * sizeof *col_new);
    b->pi_of = malloc((s->n ? s->n : 1) * sizeof *b->pi_of);
    if (!cols || !col_new || !b->pi_of) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = mask[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits), deg = 0;
            const uint64_t *cp = s->colpis + c * pw;
            for (size_t v = 0; v < pw; v++)
                deg += (size_t)fsq__popcount64(cp[v] & ~root_x[v]);
            cols[nc++] = (order_key){deg, c};
        }
    qsort(cols, m, sizeof *cols, cmp_order);
    for (size_t j = 0; j < m; j++)
        col_new[cols[j].index] = j;
    for (size_t p = 0; p < s->n; p++) {
        const uint64_t *pc = s->picols + p * cw;
        uint64_t any = 0;
        for (size_t w = 0; w < cw && !any; w++)
            any = pc[w] & mask[w];
        if (any && !bit_get(root_x, p))
            b->pi_of[n++] = p;
    }
    b->m = m;
    b->n = n;
    b->k = k;
    b->cw = fsq__words_for_bits(m);
    b->pw = fsq__words_for_bits(n);
    b->colpis = calloc(m * b->pw + 1, sizeof *b->colpis);
    b->picols = calloc(n * b->cw + 1, sizeof *b->picols);
    b->col_last = calloc(m + 1, sizeof *b->col_last);
    b->col_of = calloc(m + 1, sizeof *b->col_of);
    b->stk_u = calloc((k + 1) * b->cw + 1, sizeof *b->stk_u);
    b->above = calloc(b->pw + 1, sizeof *b->above);
    b->chosen = calloc(k + 1, sizeof *b->chosen);
    if (with_y)
        b->y = calloc(m + 1, sizeof *b->y);
    if (!b->colpis || !b->picols || !b->col_last || !b->col_of || !b->stk_u || !b->above ||
        !b->chosen || (with_y && !b->y)) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const uint64_t *pc = s->picols + b->pi_of[i] * cw;
        for (size_t w = 0; w < cw; w++)
            for (uint64_t bits = pc[w] & mask[w]; bits; bits &= bits - 1) {
                size_t j = col_new[w * 64 + (size_t)fsq__ctz64(bits)];
                bit_set(b->picols + i * b->cw, j);
                bit_set(b->colpis + j * b->pw, i);
                b->col_last[j] = i; /* i ascending: ends at the highest */
            }
    }
    for (size_t j = 0; j < m; j++)
        b->col_of[j] = cols[j].index;
    for (size_t j = 0; with_y && j < m; j++)
        b->y[j] = s->y[cols[j].index];
    const struct timespec *deadline = s->has_deadline ? &s->deadline : NULL;
    rc = fsq__mc_new(&b->mc, m, n, b->colpis, b->picols, b->y, CACHE_BYTES, deadline);
done:
    free(cols);
    free(col_new);
    return rc;
}

/* The leaves of the LP tree (fsq__cover_lp_count): counted, or decided
 * (one cover found ends the search). */
typedef struct {
    block_chart *b;
    fsq__mc *mc;     /* the counter: the block's, or a thread's own */
    int own_mc;
    int deciding, found, limit, rc;
    size_t k;        /* the tree's budget */
    mpz_t total, part;
    uint64_t *u, *f; /* the leaf's rows and PIs, in the block's indices */
    double *y;       /* its duals, by block row */
    uint64_t *mask, *x; /* a decision's rows and excluded PIs, the solver's */
    size_t *always, nalways; /* counting: the PIs in every cover so far */
} lp_leaves;

/* The block's index of the solver's PI p (one of the block's). */
static size_t block_index(const block_chart *b, size_t p)
{
    size_t i = 0;
    while (b->pi_of[i] != p)
        i++;
    return i;
}

/* Drops from c->always the PIs that some cover of the leaf (its rows
 * c->u, PIs c->f, PIs `in` taken, duals c->y) avoids. */
static void leaf_always(lp_leaves *c, const uint64_t *in, size_t budget)
{
    block_chart *b = c->b;
    size_t kept = 0;
    for (size_t t = 0; t < c->nalways; t++) {
        size_t p = c->always[t], i = block_index(b, p);
        int avoided = 0;
        if (!bit_get(in, p)) {
            avoided = !bit_get(c->f, i);
            if (!avoided) {
                bit_clear(c->f, i);
                avoided = fsq__mc_decide_with(c->mc, c->u, c->f, budget, c->y) != FSQ__MC_NONE;
                bit_set(c->f, i);
                if (fsq__mc_limit(c->mc))
                    return;
            }
        }
        if (!avoided)
            c->always[kept++] = p;
    }
    c->nalways = kept;
}

static int on_leaf(void *ctx, const uint64_t *in, size_t n_in, const uint64_t *free_pis,
                   const double *y)
{
    lp_leaves *c = ctx;
    block_chart *b = c->b;
    if (n_in > c->k)
        return 0; /* cannot happen: the leaf's bound is at most k */
    memcpy(c->u, c->deciding ? c->u + b->cw : b->stk_u, b->cw * sizeof *c->u);
    memset(c->f, 0, b->pw * sizeof *c->f);
    for (size_t i = 0; i < b->n; i++) {
        if (bit_get(in, b->pi_of[i])) {
            for (size_t w = 0; w < b->cw; w++)
                c->u[w] &= ~b->picols[i * b->cw + w];
        } else if (bit_get(free_pis, b->pi_of[i])) {
            bit_set(c->f, i);
        }
    }
    for (size_t j = 0; j < b->m; j++)
        c->y[j] = y[b->col_of[j]];
    size_t budget = c->k - n_in, r;
    if (c->deciding)
        r = fsq__mc_decide_with(c->mc, c->u, c->f, budget, c->y);
    else
        r = fsq__mc_solve_with(c->mc, c->u, c->f, budget, c->y, c->part);
    if ((c->limit = fsq__mc_limit(c->mc)) != 0)
        return 1;
    if (r == FSQ__MC_NONE)
        return 0;
    if (c->deciding)
        return c->found = 1;
    if (r != budget) {
        c->rc = fsq__error(FSQ_EINTERNAL, "cover: a leaf of the counting tree has a cover "
                                          "smaller than the block's minimum %zu", c->k);
        return 1;
    }
    mpz_add(c->total, c->total, c->part);
    leaf_always(c, in, budget);
    if ((c->limit = fsq__mc_limit(c->mc)) != 0)
        return 1;
    return 0;
}

/* A leaf context for the block's counter, or (own_mc) for a counter of
 * its own: another thread's. */
static int leaves_init(lp_leaves *c, const solver *s, block_chart *b, int own_mc)
{
    memset(c, 0, sizeof *c);
    c->b = b;
    c->mc = b->mc;
    if (own_mc) {
        const struct timespec *deadline = s->has_deadline ? &s->deadline : NULL;
        int rc = fsq__mc_new(&c->mc, b->m, b->n, b->colpis, b->picols, b->y, CACHE_BYTES,
                             deadline);
        if (rc) {
            c->b = NULL;
            return rc;
        }
        c->own_mc = 1;
    }
    mpz_init(c->total);
    mpz_init(c->part);
    c->u = malloc((2 * b->cw + 1) * sizeof *c->u); /* the leaf's, a decision's */
    c->f = malloc((b->pw + 1) * sizeof *c->f);
    c->y = malloc((b->m + 1) * sizeof *c->y);
    c->mask = malloc((s->cw + 1) * sizeof *c->mask);
    c->x = malloc((s->pw + 1) * sizeof *c->x);
    return !c->u || !c->f || !c->y || !c->mask || !c->x ? fsq__nomem() : 0;
}

static void leaves_free(lp_leaves *c)
{
    if (!c->b)
        return;
    if (c->own_mc)
        fsq__mc_free(c->mc);
    mpz_clear(c->total);
    mpz_clear(c->part);
    free(c->u);
    free(c->f);
    free(c->y);
    free(c->mask);
    free(c->x);
}

/* A decision over the LP tree: whether U has a cover by F within the
 * budget (FSQ__MC_NONE or the budget). */
static size_t decide_by_lp(solver *s, block_chart *b, const uint64_t *u, const uint64_t *f,
                           size_t budget)
{
    lp_leaves c;
    size_t r = FSQ__MC_NONE;
    void *ctx = &c;
    int rc = leaves_init(&c, s, b, 0);
    if (rc)
        goto done;
    c.k = budget;
    c.deciding = 1;
    memcpy(c.u + b->cw, u, b->cw * sizeof *u);
    memset(c.mask, 0, s->cw * sizeof *c.mask);
    for (size_t j = 0; j < b->m; j++)
        if (bit_get(u, j))
            bit_set(c.mask, b->col_of[j]);
    memset(c.x, 0xff, s->pw * sizeof *c.x);
    for (size_t i = 0; i < b->n; i++)
        if (bit_get(f, i))
            bit_clear(c.x, b->pi_of[i]);
    if ((rc = fsq__cover_lp_count(s, c.mask, c.x, budget, &c.found, on_leaf, &ctx, 1)) ==
        FSQ_EINTERNAL)
        fsq__mc_lp_forget(b->lp); /* GLPK may have freed its environment */
    if (!rc)
        rc = c.rc;
    if (!rc && c.limit)
        s->limit = c.limit;
    else if (!rc && c.found)
        r = budget;
done:
    b->rc = rc;
    leaves_free(&c);
    return r;
}

/* Appends the chosen PIs (increasing already) to the listed covers. */
static void record(solver *s, const block_chart *b)
{
    size_t k = b->k;
    if (s->nsols == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        if (s->max_solutions && cap > s->max_solutions)
            cap = s->max_solutions;
        size_t *grown = realloc(s->sols, cap * (k ? k : 1) * sizeof *grown);
        if (!grown) {
            s->limit = LIMIT_NOMEM;
            return;
        }
        s->sols = grown;
        s->cap = cap;
    }
    for (size_t t = 0; t < k; t++)
        s->sols[s->nsols * k + t] = b->pi_of[b->chosen[t]];
    s->nsols++;
    if (s->max_solutions && s->nsols >= s->max_solutions)
        s->list_full = 1;
}

/* Whether U has a cover by F within the budget: with the LP, its bound
 * first, then the counter's decision with its duals. */
static size_t decide(solver *s, block_chart *b, const uint64_t *u, const uint64_t *f,
                     size_t budget)
{
    if (b->lp) {
        /* The root duals first: they settle most queries for free. */
        double yu = 0;
        for (size_t w = 0; w < b->cw; w++)
            for (uint64_t bits = u[w]; bits; bits &= bits - 1)
                yu += b->y[w * 64 + (size_t)fsq__ctz64(bits)];
        if (fsq__cover_lp_bound(yu) > budget)
            return FSQ__MC_NONE;
        if ((double)budget - yu < fsq__cover_leaf_slack)
            return fsq__mc_decide(b->mc, u, f, budget); /* as narrow as a leaf */
        double v = fsq__mc_lp_duals(b->lp, u, f, b->ylp, fsq__cover_seconds_left(s));
        if (v >= 0) {
            if (fsq__cover_lp_bound(v) > budget)
                return FSQ__MC_NONE;
            if ((double)budget - v >= fsq__cover_leaf_slack)
                return decide_by_lp(s, b, u, f, budget);
            return fsq__mc_decide_with(b->mc, u, f, budget, b->ylp);
        }
    }
    return fsq__mc_decide(b->mc, u, f, budget);
}

/* Lists the covers of U (level depth) with k - depth PIs numbered `from`
 * or more, in lexicographic order; the counter has shown there is one. */
static void list_node(solver *s, block_chart *b, size_t depth, size_t from)
{
    size_t cw = b->cw, pw = b->pw, r = b->k - depth;
    const uint64_t *u = b->stk_u + depth * cw;
    uint64_t *uc = b->stk_u + (depth + 1) * cw;
    size_t last = SIZE_MAX;
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t hi = b->col_last[w * 64 + (size_t)fsq__ctz64(bits)];
            if (hi < last)
                last = hi;
        }
    for (size_t p = from; p <= last && p < b->n; p++) {
        const uint64_t *pc = b->picols + p * cw;
        uint64_t any = 0, left = 0;
        for (size_t w = 0; w < cw; w++) {
            any |= pc[w] & u[w];
            uc[w] = u[w] & ~pc[w];
            left |= uc[w];
        }
        if (!any || (r == 1) != !left)
            continue;
        b->chosen[depth] = p;
        if (r == 1) {
            record(s, b);
        } else {
            /* The PIs after p. */
            for (size_t v = 0; v < pw; v++)
                b->above[v] = v * 64 >= p + 1 ? ~UINT64_C(0)
                              : v * 64 + 64 <= p + 1
                                  ? 0
                                  : ~((UINT64_C(1) << (p + 1 - v * 64)) - 1);
            if (b->n & 63)
                b->above[pw - 1] &= (UINT64_C(1) << (b->n & 63)) - 1;
            /* A cover of fewer PIs would make one of fewer than k. */
            if (decide(s, b, uc, b->above, r - 1) != FSQ__MC_NONE)
                list_node(s, b, depth + 1, p + 1);
            else if (fsq__mc_limit(b->mc))
                s->limit = fsq__mc_limit(b->mc);
        }
        if (s->list_full || s->limit || b->rc)
            return;
    }
}

/* Counts the covers of size k of the block over the LP tree, on the
 * tree's threads, each with a leaf context (and a counter) of its own:
 * the count is the sum of the leaves', and a PI stays in br->always if no
 * leaf of any thread has a cover without it. */
static int count_by_lp(solver *s, block_chart *b, const uint64_t *mask, const uint64_t *root_x,
                       block_result *br)
{
    int nt = fsq__cover_lp_threads(s), made = 0, rc = 0;
    lp_leaves *c = calloc((size_t)nt, sizeof *c);
    void **ctx = calloc((size_t)nt, sizeof *ctx);
    if (!c || !ctx) {
        rc = fsq__nomem();
        goto done;
    }
    while (made < nt) {
        lp_leaves *t = &c[made];
        ctx[made++] = t;
        if ((rc = leaves_init(t, s, b, t != c)) != 0)
            goto done;
        t->k = b->k;
        t->nalways = br->nalways;
        if (t == c) {
            t->always = br->always; /* the first thread's, dropped in place */
            continue;
        }
        if (!(t->always = malloc((br->nalways + 1) * sizeof *t->always))) {
            rc = fsq__nomem();
            goto done;
        }
        memcpy(t->always, br->always, br->nalways * sizeof *t->always);
    }
    rc = fsq__cover_lp_count(s, mask, root_x, b->k, NULL, on_leaf, ctx, nt);
    if (rc == FSQ_EINTERNAL)
        fsq__mc_lp_forget(b->lp); /* GLPK may have freed its environment */
    for (int t = 0; t < nt && !rc; t++) {
        rc = c[t].rc;
        if (!s->limit && c[t].limit)
            s->limit = c[t].limit;
    }
    if (rc || s->limit)
        goto done;
    /* The sum of the counts; the PIs every thread kept, in the listing's order. */
    mpz_set(br->count, c[0].total);
    size_t kept = 0;
    for (size_t i = 0; i < c[0].nalways; i++) {
        size_t p = c[0].always[i];
        int in_all = 1;
        for (int t = 1; t < nt && in_all; t++) {
            in_all = 0;
            for (size_t j = 0; j < c[t].nalways && !in_all; j++)
                in_all = c[t].always[j] == p;
        }
        if (in_all)
            br->always[kept++] = p;
    }
    br->nalways = kept;
    for (int t = 1; t < nt; t++)
        mpz_add(br->count, br->count, c[t].total);
done:
    for (int t = 0; c && t < made; t++) {
        if (t > 0) {
            free(c[t].always);
            if (c[t].own_mc)
                s->nodes += fsq__mc_nodes(c[t].mc);
        }
        leaves_free(&c[t]);
    }
    free(c);
    free(ctx);
    return rc;
}

int fsq__cover_block_count(solver *s, const uint64_t *mask, block_result *br)
{
    size_t pw = s->pw, k = br->k;
    int rc = 0;
    block_chart b;
    memset(&b, 0, sizeof b);
    mpz_init(br->count);
    if (!s->root_x) {
        s->root_x = malloc((pw ? pw : 1) * sizeof *s->root_x);
        if (!s->root_x) {
            rc = fsq__nomem();
            goto done;
        }
    }
    /* The LP duals of the block (cover_search.c), if any: a PI with
     * d_p > gap = k - LP is in no cover of size k (see solver.y). */
    double gap = (double)k - br->lp_value + 1e-7;
    uint64_t *root_x = s->root_x;
    memset(root_x, 0, pw * sizeof *root_x);
    if (br->lp_value > 0)
        for (size_t p = 0; p < s->n; p++)
            if (s->dred[p] > gap)
                bit_set(root_x, p);
    if ((rc = chart_build(s, mask, root_x, br->lp_value > 0, k, &b)) != 0)
        goto done;
    uint64_t *all_pis = b.above;
    memset(b.stk_u, 0, b.cw * sizeof *b.stk_u);
    for (size_t j = 0; j < b.m; j++)
        bit_set(b.stk_u, j);
    /* A PI or more between the LP bound and k: the LP tree splits the
     * count, and the listing's decisions get LP bounds. */
    int by_lp = br->lp_value > 0 && (double)k - br->lp_value >= 1 - 1e-6 &&
                b.n >= fsq__cover_lp_search_pis;
    if (by_lp) {
        b.ylp = malloc((b.m + 1) * sizeof *b.ylp);
        if ((rc = b.ylp ? fsq__mc_lp_new(&b.lp, b.m, b.n, b.picols) : fsq__nomem()) != 0)
            goto done;
    }

    /* 1. List the first covers in lexicographic order (k is the block's
     * minimum: there is one). */
    s->nsols = 0;
    s->list_full = 0;
    list_node(s, &b, 0, 0);
    if ((rc = b.rc) != 0 || s->limit)
        goto done;
    br->nsols = s->nsols;
    br->sols = s->sols;
    s->sols = NULL;
    s->nsols = s->cap = 0;

    /* 2. The PIs in every listed cover: those that can be in every one. */
    br->always = malloc((k ? k : 1) * sizeof *br->always);
    if (!br->always) {
        rc = fsq__nomem();
        goto done;
    }
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
        if (in_all)
            br->always[br->nalways++] = p;
    }

    /* 3. Count; the LP tree's leaves also test the candidates. */
    size_t min = k;
    if (by_lp) {
        if ((rc = count_by_lp(s, &b, mask, root_x, br)) != 0 || s->limit)
            goto done;
        if (mpz_sgn(br->count) == 0)
            min = FSQ__MC_NONE;
    } else {
        memset(all_pis, 0, b.pw * sizeof *all_pis);
        for (size_t i = 0; i < b.n; i++)
            bit_set(all_pis, i);
        min = fsq__mc_solve(b.mc, b.stk_u, all_pis, k, br->count);
    }
    if (fsq__mc_limit(b.mc)) {
        s->limit = fsq__mc_limit(b.mc);
        goto done;
    }
    if (min != k) {
        rc = fsq__error(FSQ_EINTERNAL, "cover: the counter finds no cover of %zu PIs for a "
                                       "block whose minimum is %zu", k, k);
        goto done;
    }
    if (mpz_cmp_ui(br->count, (unsigned long)br->nsols) < 0 ||
        (!s->list_full && mpz_cmp_ui(br->count, (unsigned long)br->nsols) != 0)) {
        rc = fsq__error(FSQ_EINTERNAL, "cover: the count of the minimum covers of a block "
                                       "disagrees with the %zu listed",
                        br->nsols);
        goto done;
    }

    /* 4. Without the LP tree, and not every cover listed: each candidate
     * is in every cover of size k iff no cover avoids it. */
    if (!by_lp && mpz_cmp_ui(br->count, (unsigned long)br->nsols) != 0) {
        size_t kept = 0;
        for (size_t t = 0; t < br->nalways; t++) {
            size_t i = block_index(&b, br->always[t]);
            memset(all_pis, 0, b.pw * sizeof *all_pis);
            for (size_t q = 0; q < b.n; q++)
                if (q != i)
                    bit_set(all_pis, q);
            int in_all = fsq__mc_decide(b.mc, b.stk_u, all_pis, k) == FSQ__MC_NONE;
            if (fsq__mc_limit(b.mc)) {
                s->limit = fsq__mc_limit(b.mc);
                goto done;
            }
            if (in_all)
                br->always[kept++] = br->always[t];
        }
        br->nalways = kept;
    }
done:
    if (b.mc)
        s->nodes += fsq__mc_nodes(b.mc);
    chart_free(&b);
    if (!rc && s->limit == LIMIT_NOMEM)
        rc = fsq__nomem();
    return rc;
}
