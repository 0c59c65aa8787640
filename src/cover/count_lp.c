/* Counting the covers of size k of a block over the LP branch and bound
 * (count.c decides when: the block's LP bound is a PI or more below k,
 * where the counter's bounds alone leave a search too wide to finish).
 *
 * The tree (lp_search.c, lp_split.c) cuts the nodes whose bound passes k
 * and hands each node within fsq__cover_leaf_slack of k to on_leaf with
 * that node's LP duals (the PIs it fixed at 1 taken, those at 0 gone),
 * where the reduced costs leave the counter few PIs. Every cover of size
 * k is in exactly one leaf, so the leaves' counts add up. The tree runs
 * on the solver's threads, each with a leaf context and a counter of its
 * own; the sum, and the PIs kept by every thread, do not depend on which
 * thread took which leaf.
 *
 * Listing at the leaves. While a thread's leaves have at most
 * max_solutions covers in all, it lists them (list_leaf: branching on
 * the row with the fewest PIs, each child opened only when the counter,
 * with the leaf's duals, decides it has a cover). If no thread passes the
 * cap, these are every cover of the block, and sorted they are the
 * listing: a block with few minimum covers is listed without the walk's
 * decisions (count.c), which on a large block each take an LP tree.
 *
 * PIs in every minimum cover. The candidates start as every PI of the
 * block. A leaf whose covers are listed keeps those in all of them;
 * past the cap, a leaf keeps those in one cover it lists, then drops
 * each one that a cover of the leaf avoids (not taken and not free
 * there, or a decision finds a cover of the leaf without it).
 *
 * Decisions over the tree (fsq__count_decide_by_lp, for the walk): the
 * same tree as a decision, ended by the first cover its rounding or a
 * leaf finds. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/count_internal.h"
#include "cover/lp_search.h"

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
    /* Counting: the covers of this thread's leaves, while they number at
     * most `cap` (0: no cap); `listing` falls to 0 past it. */
    int listing;
    size_t cap;
    size_t *sols, nsols, solcap; /* nsols x k solver PI indices, rows sorted */
    uint64_t *lstk;  /* (k + 1) x (cw + pw): rows and PIs left per depth */
    size_t *lchosen; /* k: the leaf's PIs chosen, block indices */
    size_t lmax;     /* list_leaf stops after this many covers */
    size_t spw;      /* words of a solver PI set */
} lp_leaves;

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

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Appends a cover of the leaf: its n_in PIs `in` (solver indices) and the
 * depth PIs chosen, sorted. */
static void leaf_record(lp_leaves *c, const uint64_t *in, size_t n_in, size_t depth)
{
    size_t k = c->k;
    if (n_in + depth != k) {
        c->rc = fsq__error(FSQ_EINTERNAL, "cover: a cover listed at a leaf of the counting "
                                          "tree has %zu PIs, not %zu", n_in + depth, k);
        return;
    }
    if (c->nsols == c->solcap) {
        size_t cap = c->solcap ? 2 * c->solcap : 16;
        size_t *grown = realloc(c->sols, cap * (k ? k : 1) * sizeof *grown);
        if (!grown) {
            c->limit = LIMIT_NOMEM;
            return;
        }
        c->sols = grown;
        c->solcap = cap;
    }
    size_t *row = c->sols + c->nsols * k, t = 0;
    for (size_t w = 0; w < c->spw; w++)
        for (uint64_t bits = in[w]; bits; bits &= bits - 1)
            row[t++] = w * 64 + (size_t)fsq__ctz64(bits);
    for (size_t a = 0; a < depth; a++)
        row[t++] = c->b->pi_of[c->lchosen[a]];
    qsort(row, k, sizeof *row, cmp_size);
    c->nsols++;
}

/* Lists the covers of the leaf's rows c->u by its PIs c->f with `budget`
 * PIs (the leaf's minimum), up to c->lmax of them: branching on the PIs
 * of the row with the fewest, the i-th PI taken with the ones before it
 * left out, so each cover comes once; a child is opened only when the
 * counter decides it has a cover (the leaf's duals bound it). Level d of
 * c->lstk holds the rows and PIs left at depth d; a child writes only the
 * levels below its own. */
static void list_leaf(lp_leaves *c, const uint64_t *in, size_t n_in, size_t budget,
                      size_t depth)
{
    block_chart *b = c->b;
    size_t cw = b->cw, pw = b->pw, step = cw + pw;
    uint64_t *u = c->lstk + depth * step, *f = u + cw;
    if (depth == 0) {
        memcpy(u, c->u, cw * sizeof *u);
        memcpy(f, c->f, pw * sizeof *f);
    }
    if (budget == 0) {
        if (is_empty(u, cw))
            leaf_record(c, in, n_in, depth);
        return;
    }
    /* The row of U with the fewest PIs of F. */
    size_t row = SIZE_MAX, fewest = SIZE_MAX;
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t j = w * 64 + (size_t)fsq__ctz64(bits);
            size_t deg = count_common(b->colpis + j * pw, f, pw);
            if (deg < fewest) {
                fewest = deg;
                row = j;
            }
        }
    if (row == SIZE_MAX)
        return; /* U covered with budget left: no cover of exactly `budget` here */
    uint64_t *uc = u + step, *fc = uc + cw;
    memcpy(fc, f, pw * sizeof *f);
    const uint64_t *rp = b->colpis + row * pw;
    for (size_t v = 0; v < pw; v++)
        for (uint64_t bits = rp[v] & f[v]; bits; bits &= bits - 1) {
            size_t i = v * 64 + (size_t)fsq__ctz64(bits);
            bit_clear(fc, i); /* taken here, left out of the later siblings */
            for (size_t w = 0; w < cw; w++)
                uc[w] = u[w] & ~b->picols[i * cw + w];
            c->lchosen[depth] = i;
            int open = budget == 1 || fsq__mc_decide_with(c->mc, uc, fc, budget - 1, c->y) !=
                                          FSQ__MC_NONE;
            if ((c->limit = fsq__mc_limit(c->mc)) != 0)
                return;
            if (open)
                list_leaf(c, in, n_in, budget - 1, depth + 1);
            if (c->rc || c->limit || c->nsols >= c->lmax)
                return;
        }
}

/* Drops from c->always the PIs missing from some cover listed from row
 * `first` on. */
static void keep_listed(lp_leaves *c, size_t first)
{
    size_t kept = 0, k = c->k;
    for (size_t t = 0; t < c->nalways; t++) {
        size_t p = c->always[t];
        int in_all = 1;
        for (size_t i = first; i < c->nsols && in_all; i++) {
            const size_t *row = c->sols + i * k;
            in_all = bsearch(&p, row, k, sizeof *row, cmp_size) != NULL;
        }
        if (in_all)
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
    size_t first = c->nsols;
    if (c->listing && (c->cap == 0 || mpz_cmp_ui(c->part, (unsigned long)(c->cap - first)) <= 0)) {
        /* Every cover of the leaf listed: the candidates are kept by all. */
        c->lmax = SIZE_MAX;
        list_leaf(c, in, n_in, budget, 0);
        if (!c->rc && !c->limit && mpz_cmp_ui(c->part, (unsigned long)(c->nsols - first)) != 0)
            c->rc = fsq__error(FSQ_EINTERNAL, "cover: a leaf of the counting tree lists %zu "
                                              "covers and counts more or fewer",
                               c->nsols - first);
        keep_listed(c, first);
    } else {
        /* Past the cap: this thread lists no more (the listing walk will),
         * and one cover of the leaf, then decisions, test the candidates. */
        c->listing = 0;
        c->nsols = first = 0;
        c->lmax = 1;
        list_leaf(c, in, n_in, budget, 0);
        keep_listed(c, first);
        c->nsols = 0;
        if (!c->rc && !c->limit)
            leaf_always(c, in, budget);
    }
    if (c->rc)
        return 1;
    if (c->limit || (c->limit = fsq__mc_limit(c->mc)) != 0)
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
        int rc = fsq__mc_new(&c->mc, b->m, b->n, b->colpis, b->picols, b->y, FSQ__COUNT_CACHE_BYTES,
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
    c->lstk = malloc(((b->k + 1) * (b->cw + b->pw) + 1) * sizeof *c->lstk);
    c->lchosen = malloc((b->k + 1) * sizeof *c->lchosen);
    c->spw = s->pw;
    return !c->u || !c->f || !c->y || !c->mask || !c->x || !c->lstk || !c->lchosen
               ? fsq__nomem()
               : 0;
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
    free(c->sols);
    free(c->lstk);
    free(c->lchosen);
}

/* A decision over the LP tree: whether U has a cover by F within the
 * budget (FSQ__MC_NONE or the budget). */
size_t fsq__count_decide_by_lp(solver *s, block_chart *b, const uint64_t *u, const uint64_t *f,
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

/* A listed cover, for sorting. */
typedef struct {
    const size_t *row;
    size_t k;
} cover_row;

static int cmp_cover(const void *pa, const void *pb)
{
    const cover_row *a = pa, *b = pb;
    for (size_t t = 0; t < a->k; t++)
        if (a->row[t] != b->row[t])
            return a->row[t] < b->row[t] ? -1 : 1;
    return 0;
}

/* The covers the threads listed (all of the block's), in lexicographic
 * order, the first max_solutions of them into br. */
static int merge_listed(solver *s, const lp_leaves *c, int nt, block_result *br)
{
    size_t n = 0, k = br->k;
    for (int t = 0; t < nt; t++)
        n += c[t].nsols;
    size_t keep = s->max_solutions && n > s->max_solutions ? s->max_solutions : n;
    cover_row *rows = malloc((n + 1) * sizeof *rows);
    br->sols = malloc((keep * k + 1) * sizeof *br->sols);
    if (!rows || !br->sols) {
        free(rows);
        return fsq__nomem();
    }
    size_t r = 0;
    for (int t = 0; t < nt; t++)
        for (size_t i = 0; i < c[t].nsols; i++)
            rows[r++] = (cover_row){c[t].sols + i * k, k};
    qsort(rows, n, sizeof *rows, cmp_cover);
    for (size_t i = 0; i < keep; i++)
        memcpy(br->sols + i * k, rows[i].row, k * sizeof *br->sols);
    br->nsols = keep;
    s->list_full = s->max_solutions && keep >= s->max_solutions;
    free(rows);
    return 0;
}

/* Counts the covers of size k of the block over the LP tree, on the
 * tree's threads, each with a leaf context (and a counter) of its own:
 * the count is the sum of the leaves', and a PI stays in br->always if no
 * leaf of any thread has a cover without it. */
int fsq__count_by_lp(solver *s, block_chart *b, const uint64_t *mask, const uint64_t *root_x,
                     block_result *br, int *listed)
{
    *listed = 0;
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
        t->listing = 1;
        t->cap = s->max_solutions;
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
    /* Every thread listed all its leaves' covers: the first ones of the
     * block are the first of them all. */
    *listed = 1;
    for (int t = 0; t < nt; t++)
        *listed &= c[t].listing;
    if (*listed)
        rc = merge_listed(s, c, nt, br);
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
