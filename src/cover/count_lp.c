/* Counting the covers of size k of a block over the LP branch and bound
 * (count.c decides when: the block's LP bound is a PI or more below k,
 * where the counter's bounds alone leave a search too wide to finish).
 *
 * The tree (lp_search.c, lp_split.c) cuts the nodes whose bound passes k
 * and hands each node within fsq__cover_leaf_slack of k to on_leaf with
 * that node's LP duals (the PIs it fixed at 1 taken, those at 0 gone),
 * where the reduced costs leave the counter few PIs. Every cover of size
 * k is in exactly one leaf, so the leaves' counts add up. The tree runs
 * on the solver's threads, each with a leaf context of its own; the sum,
 * and the PIs kept by every thread, do not depend on which thread took
 * which leaf. Each leaf is counted on a chart of its own (leaf_chart):
 * its rows left and the PIs its reduced costs allow, in the block's
 * order, with a counter over just those, whose bit sets span the leaf and
 * not the block (the k = 16 parsimonious benchmark: 81,088 PIs in the
 * block, a few hundred in a leaf; its leaves took 26 s on the block's
 * counter, 1.1 s on their own).
 *
 * Listing at the leaves. Each thread keeps the first max_solutions
 * covers of its leaves in lexicographic order (all of them at 0). A
 * leaf's covers are walked in that order (lex_leaf, as count.c's walk:
 * the PIs of a cover in increasing order, a child opened only when the
 * counter, with the leaf's duals, decides it has a cover; a cover of the
 * leaf's PIs fixed at 1 and its chosen ones compares with another as its
 * chosen ones do), until one comes after a full list. Every cover is in
 * one leaf, so the first covers of the block are the first of the
 * threads' lists merged. Each leaf with covers costs at least the walk to
 * its first one; no decision needs an LP of its own.
 *
 * PIs in every minimum cover. The candidates start as every PI of the
 * block; each cover walked drops those it does not hold. A leaf whose
 * covers were not all walked then drops each candidate that some cover
 * of it avoids (not taken and not free there, or a decision finds a cover
 * of the leaf without it). */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/count_internal.h"
#include "cover/lp_search.h"

/* One thread's leaves of the LP tree (fsq__cover_lp_count): counted,
 * listed, and their candidates tested. */
typedef struct {
    block_chart *block;
    fsq__mc *mc;     /* the leaf's counter, over its chart */
    const struct timespec *deadline;
    uint64_t mc_nodes; /* of the leaves' counters */
    int limit, rc;
    size_t k;        /* the block's minimum */
    mpz_t total, part;
    uint64_t *bu, *bf; /* the leaf's rows and PIs, in the block's indices */
    double *by;        /* its duals, by block row */
    size_t *rmap, *pmap; /* block row -> leaf row; leaf PI -> block PI */
    block_chart lb;    /* the leaf's chart (leaf_chart), within the block's */
    uint64_t *u, *f;   /* all its rows and PIs */
    double *y;         /* its duals (lb.y) */
    size_t *always, nalways; /* counting: the PIs in every cover so far */
    /* Counting: the first `cap` covers (0: all) of this thread's leaves in
     * lexicographic order. */
    size_t cap;
    size_t *sols, nsols, solcap; /* nsols x k solver PI indices, sorted */
    uint64_t *lstk;  /* (k + 2) x (cw + pw): the walk's levels (lex_leaf) */
    size_t *lchosen; /* k: the leaf's PIs chosen, block indices */
    size_t *row;     /* k: a cover being offered */
    size_t produced; /* covers of the leaf walked */
    int leaf_stop;   /* the leaf's next covers are past the list */
    size_t spw;      /* words of a solver PI set */
} lp_leaves;

/* Drops from c->always the PIs that some cover of the leaf (its rows
 * c->u, PIs c->f, PIs `in` taken, duals c->y) avoids. */
static void leaf_always(lp_leaves *c, const uint64_t *in, size_t budget)
{
    block_chart *b = &c->lb;
    size_t kept = 0;
    for (size_t t = 0; t < c->nalways; t++) {
        size_t p = c->always[t], i = block_index(b, p);
        int avoided = 0;
        if (!bit_get(in, p)) {
            avoided = i == SIZE_MAX;
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

/* Two sorted covers of k PIs in lexicographic order. */
static int cmp_rows(const size_t *a, const size_t *b, size_t k)
{
    for (size_t t = 0; t < k; t++)
        if (a[t] != b[t])
            return a[t] < b[t] ? -1 : 1;
    return 0;
}

/* Offers a cover of the leaf (its n_in PIs `in`, solver indices, and the
 * depth PIs chosen) to the thread's list, which keeps its first `cap`
 * covers in lexicographic order, sorted (all of them when cap is 0). A
 * cover that comes after a full list ends the leaf's walk: the leaf's
 * next ones come after it. The candidates missing from it are dropped. */
static void offer(lp_leaves *c, const uint64_t *in, size_t n_in, size_t depth)
{
    size_t k = c->k;
    if (n_in + depth != k) {
        c->rc = fsq__error(FSQ_EINTERNAL, "cover: a cover listed at a leaf of the counting "
                                          "tree has %zu PIs, not %zu", n_in + depth, k);
        return;
    }
    size_t *row = c->row, t = 0;
    for (size_t w = 0; w < c->spw; w++)
        for (uint64_t bits = in[w]; bits; bits &= bits - 1)
            row[t++] = w * 64 + (size_t)fsq__ctz64(bits);
    for (size_t a = 0; a < depth; a++)
        row[t++] = c->lb.pi_of[c->lchosen[a]];
    qsort(row, k, sizeof *row, cmp_size);
    c->produced++;
    size_t kept = 0;
    for (size_t i = 0; i < c->nalways; i++)
        if (bsearch(&c->always[i], row, k, sizeof *row, cmp_size))
            c->always[kept++] = c->always[i];
    c->nalways = kept;

    /* Its place in the sorted list: after every row before it. */
    size_t lo = 0, hi = c->nsols;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_rows(c->sols + mid * k, row, k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int full = c->cap && c->nsols == c->cap;
    if (full && lo == c->nsols) {
        c->leaf_stop = 1;
        return;
    }
    if (!full && grow_rows(&c->sols, c->nsols, &c->solcap, k, c->cap)) {
        c->limit = LIMIT_NOMEM;
        return;
    }
    size_t n = full ? c->nsols - 1 : c->nsols; /* a full list drops its last */
    memmove(c->sols + (lo + 1) * k, c->sols + lo * k, (n - lo) * k * sizeof *c->sols);
    memcpy(c->sols + lo * k, row, k * sizeof *row);
    c->nsols = n + 1;
}

/* Walks the covers of the leaf's rows by its PIs c->f with `budget` PIs
 * (the leaf's minimum) in lexicographic order, as count.c's listing walk
 * does the block's: the PIs of a cover in increasing order, from `from`,
 * a child opened only when the counter (with the leaf's duals) decides it
 * has a cover. Level d of c->lstk holds the rows left at depth d and the
 * PIs after the last one chosen. Ends at the leaf's last cover, or when
 * offer() says the next ones are past the thread's list. */
static void lex_leaf(lp_leaves *c, const uint64_t *in, size_t n_in, size_t budget, size_t depth,
                     size_t from)
{
    block_chart *b = &c->lb;
    size_t cw = b->cw, pw = b->pw, step = cw + pw;
    uint64_t *u = c->lstk + depth * step, *uc = u + step, *fc = uc + cw;
    if (budget == 0) {
        offer(c, in, n_in, depth); /* the PIs taken cover the leaf */
        return;
    }
    if (depth == 0)
        memcpy(u, c->u, cw * sizeof *u);
    size_t last = walk_last(b, u);
    for (size_t p = from; p <= last && p < b->n; p++) {
        if (!bit_get(c->f, p) || !walk_step(b, u, p, budget, uc))
            continue;
        c->lchosen[depth] = p;
        if (budget == 1) {
            offer(c, in, n_in, depth + 1);
        } else {
            pis_after(b, c->f, p, fc);
            size_t r = fsq__mc_decide_with(c->mc, uc, fc, budget - 1, c->y);
            if ((c->limit = fsq__mc_limit(c->mc)) != 0)
                return;
            if (r != FSQ__MC_NONE)
                lex_leaf(c, in, n_in, budget - 1, depth + 1, p + 1);
        }
        if (c->rc || c->limit || c->leaf_stop)
            return;
    }
}

/* Counts and lists the covers of the leaf's chart with `budget` PIs (its
 * minimum), and tests the candidates; 1 to stop the search. */
static int leaf_count(lp_leaves *c, const uint64_t *in, size_t n_in, size_t budget)
{
    size_t r = fsq__mc_solve_with(c->mc, c->u, c->f, budget, c->y, c->part);
    if ((c->limit = fsq__mc_limit(c->mc)) != 0)
        return 1;
    if (r == FSQ__MC_NONE)
        return 0;
    if (r != budget) {
        c->rc = fsq__error(FSQ_EINTERNAL, "cover: a leaf of the counting tree has a cover "
                                          "smaller than the block's minimum %zu", c->k);
        return 1;
    }
    mpz_add(c->total, c->total, c->part);
    /* The leaf's first covers into the thread's list; if the walk did not
     * see them all, decisions test the candidates left. */
    c->produced = 0;
    c->leaf_stop = 0;
    lex_leaf(c, in, n_in, budget, 0, 0);
    if (!c->rc && !c->limit && c->produced == 0)
        c->rc = fsq__error(FSQ_EINTERNAL, "cover: a leaf of the counting tree lists none of "
                                          "its covers");
    if (!c->rc && !c->limit && mpz_cmp_ui(c->part, (unsigned long)c->produced) != 0)
        leaf_always(c, in, budget);
    if (c->rc)
        return 1;
    if (c->limit || (c->limit = fsq__mc_limit(c->mc)) != 0)
        return 1;
    return 0;
}

/* The leaf's own chart c->lb: the block's rows c->bu and the PIs of
 * c->bf on them, in the block's order (so the walk's lexicographic order
 * and the counter's choices are the block's), with the duals c->by; all
 * its rows in c->u, all its PIs in c->f. Its counter's bit sets are as
 * wide as the leaf, not the block: the leaf's duals leave it few PIs. */
static void leaf_chart(lp_leaves *c)
{
    const block_chart *b = c->block;
    block_chart *l = &c->lb;
    size_t nu = 0, nf = 0;
    for (size_t w = 0; w < b->cw; w++)
        for (uint64_t bits = c->bu[w]; bits; bits &= bits - 1)
            c->rmap[w * 64 + (size_t)fsq__ctz64(bits)] = nu++;
    for (size_t v = 0; v < b->pw; v++)
        for (uint64_t bits = c->bf[v]; bits; bits &= bits - 1) {
            size_t i = v * 64 + (size_t)fsq__ctz64(bits);
            const uint64_t *pc = b->picols + i * b->cw;
            uint64_t any = 0;
            for (size_t w = 0; w < b->cw && !any; w++)
                any = pc[w] & c->bu[w];
            if (any) {
                l->pi_of[nf] = b->pi_of[i];
                c->pmap[nf++] = i;
            }
        }
    l->m = nu;
    l->n = nf;
    l->cw = fsq__words_for_bits(nu);
    l->pw = fsq__words_for_bits(nf);
    memset(l->colpis, 0, nu * l->pw * sizeof *l->colpis);
    memset(l->picols, 0, nf * l->cw * sizeof *l->picols);
    chart_fill(l, b->picols, b->cw, c->pmap, c->bu, c->rmap);
    for (size_t w = 0; w < b->cw; w++)
        for (uint64_t bits = c->bu[w]; bits; bits &= bits - 1) {
            size_t r = w * 64 + (size_t)fsq__ctz64(bits);
            l->y[c->rmap[r]] = c->by[r];
        }
    memset(c->f, 0, l->pw * sizeof *c->f);
    for (size_t t = 0; t < nf; t++)
        bit_set(c->f, t);
    memset(c->u, 0, l->cw * sizeof *c->u);
    for (size_t r = 0; r < nu; r++)
        bit_set(c->u, r);
}

/* A leaf of the counting tree: its PIs `in` taken, its free PIs and duals
 * (solver indices). Counted and listed on a chart of its own. */
static int on_leaf(void *ctx, const uint64_t *in, size_t n_in, const uint64_t *free_pis,
                   const double *y)
{
    lp_leaves *c = ctx;
    block_chart *b = c->block;
    if (n_in > c->k)
        return 0; /* cannot happen: the leaf's bound is at most k */
    memcpy(c->bu, b->stk_u, b->cw * sizeof *c->bu);
    memset(c->bf, 0, b->pw * sizeof *c->bf);
    for (size_t i = 0; i < b->n; i++) {
        if (bit_get(in, b->pi_of[i])) {
            for (size_t w = 0; w < b->cw; w++)
                c->bu[w] &= ~b->picols[i * b->cw + w];
        } else if (bit_get(free_pis, b->pi_of[i])) {
            bit_set(c->bf, i);
        }
    }
    for (size_t j = 0; j < b->m; j++)
        c->by[j] = y[b->col_of[j]];
    leaf_chart(c);
    int rc = fsq__mc_new(&c->mc, c->lb.m, c->lb.n, c->lb.colpis, c->lb.picols, c->lb.y,
                         FSQ__COUNT_CACHE_BYTES, c->deadline);
    if (rc) {
        c->rc = rc;
        return 1;
    }
    int stop = leaf_count(c, in, n_in, c->k - n_in);
    c->mc_nodes += fsq__mc_nodes(c->mc);
    fsq__mc_free(c->mc);
    c->mc = NULL;
    return stop;
}

/* A thread's leaf context for the block b. */
static int leaves_init(lp_leaves *c, const solver *s, block_chart *b)
{
    memset(c, 0, sizeof *c);
    c->block = b;
    c->deadline = s->has_deadline ? &s->deadline : NULL;
    mpz_init(c->total);
    mpz_init(c->part);
    size_t m = b->m, n = b->n, cw = b->cw, pw = b->pw;
    c->bu = malloc((cw + 1) * sizeof *c->bu);
    c->bf = malloc((pw + 1) * sizeof *c->bf);
    c->by = malloc((m + 1) * sizeof *c->by);
    c->rmap = malloc((m + 1) * sizeof *c->rmap);
    c->pmap = malloc((n + 1) * sizeof *c->pmap);
    c->lb.pi_of = malloc((n + 1) * sizeof *c->lb.pi_of);
    c->lb.colpis = malloc((m * pw + 1) * sizeof *c->lb.colpis);
    c->lb.picols = malloc((n * cw + 1) * sizeof *c->lb.picols);
    c->lb.col_last = malloc((m + 1) * sizeof *c->lb.col_last);
    c->lb.y = malloc((m + 1) * sizeof *c->lb.y);
    c->u = malloc((cw + 1) * sizeof *c->u);
    c->f = malloc((pw + 1) * sizeof *c->f);
    c->y = c->lb.y;
    c->lstk = malloc(((b->k + 2) * (cw + pw) + 1) * sizeof *c->lstk);
    c->lchosen = malloc((b->k + 1) * sizeof *c->lchosen);
    c->row = malloc((b->k + 1) * sizeof *c->row);
    c->spw = s->pw;
    return !c->bu || !c->bf || !c->by || !c->rmap || !c->pmap || !c->lb.pi_of ||
                   !c->lb.colpis || !c->lb.picols || !c->lb.col_last || !c->lb.y || !c->u ||
                   !c->f || !c->lstk || !c->lchosen || !c->row
               ? fsq__nomem()
               : 0;
}

static void leaves_free(lp_leaves *c)
{
    if (!c->block)
        return;
    mpz_clear(c->total);
    mpz_clear(c->part);
    free(c->bu);
    free(c->bf);
    free(c->by);
    free(c->rmap);
    free(c->pmap);
    free(c->lb.pi_of);
    free(c->lb.colpis);
    free(c->lb.picols);
    free(c->lb.col_last);
    free(c->lb.y);
    free(c->u);
    free(c->f);
    free(c->sols);
    free(c->lstk);
    free(c->lchosen);
    free(c->row);
}

/* A listed cover, for sorting. */
typedef struct {
    const size_t *row;
    size_t k;
} cover_row;

static int cmp_cover(const void *pa, const void *pb)
{
    const cover_row *a = pa, *b = pb;
    return cmp_rows(a->row, b->row, a->k);
}

/* The covers the threads listed (each its first max_solutions), in
 * lexicographic order, the first max_solutions of them into br. */
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
        if ((rc = leaves_init(t, s, b)) != 0)
            goto done;
        t->k = b->k;
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
    rc = fsq__cover_lp_count(s, mask, root_x, b->k, on_leaf, ctx, nt);
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
    /* Each thread listed the first covers of its leaves: the block's first
     * are the first of them all. */
    rc = merge_listed(s, c, nt, br);
done:
    for (int t = 0; c && t < made; t++) {
        if (t > 0)
            free(c[t].always);
        s->nodes += c[t].mc_nodes;
        leaves_free(&c[t]);
    }
    free(c);
    free(ctx);
    return rc;
}
