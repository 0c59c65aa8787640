/* The LP branch and bound of one block (lp_search.h): the block's LP, and
 * the split of its tree over threads. lp_search.c searches from a node.
 *
 * Threads. On more than one thread the tree is split breadth first: the
 * nodes of one depth are tasks, and each thread evaluates the tasks it
 * takes (dynamic schedule) and records their children as the next
 * depth's tasks, until there are TASKS_PER_THREAD per thread (or the
 * depth reaches MAX_SPLIT, or no node is left); then each thread searches
 * the subtrees of the tasks it takes to the end. A task is the node's
 * fixings from the root and the basis of its parent, so any thread's LP
 * can start from it. Each thread has its own GLPK problem (GLPK's
 * environment is per thread), its own node state and, when counting, its
 * own leaf context. The minimum search shares its best cover size, so a
 * cover found by one thread cuts the others' nodes.
 *
 * Determinism. The tree depends on the thread count (a task's LP starts
 * from a loaded basis, not from the one its parent's solve left), the
 * results do not: the minimum is the minimum; the leaves of a count
 * partition the covers of size at most k whatever the tree, and their
 * counts add up in any order.
 *
 * GLPK's fatal errors jump back through its error hook (as in lp.c): the
 * thread's GLPK environment is then freed, with its problems, and the
 * library returns FSQ_EINTERNAL. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cover/lp_bb.h"
#include "cover/lp.h"

#include "common/bits.h"
#include "common/error.h"

#ifdef _OPENMP
#include <omp.h>
#endif
#include <stdlib.h>
#include <string.h>

enum { TASKS_PER_THREAD = 8, MAX_SPLIT = 10 };

static void glpk_failed(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

/* Calls fn(b) behind GLPK's error hook. What this file and lp_search.c
 * allocate with malloc hangs off b (on the heap), so a jump out of GLPK
 * leaks nothing of ours; GLPK's objects go with its environment. */
static void guarded(lpbb *b, void (*fn)(lpbb *))
{
    if (setjmp(*b->env)) {
        glp_error_hook(NULL, NULL);
        glp_free_env();
        b->lp = NULL;
        b->rc = fsq__error(FSQ_EINTERNAL, "cover LP search: GLPK failed (out of memory or an "
                                          "internal error) on a block of %zu PIs x %zu columns",
                           b->nc, b->nr);
        return;
    }
    glp_error_hook(glpk_failed, b->env);
    fn(b);
    glp_error_hook(NULL, NULL);
}

/* The block's LP, in the calling thread's GLPK environment. */
static void build_lp(lpbb *b)
{
    glp_term_out(GLP_OFF);
    b->lp = glp_create_prob();
    glp_set_obj_dir(b->lp, GLP_MIN);
    glp_add_rows(b->lp, (int)b->nr);
    for (size_t r = 0; r < b->nr; r++)
        glp_set_row_bnds(b->lp, (int)r + 1, GLP_LO, 1.0, 0.0);
    fsq__lpbb_root_cols(b);
    fsq__lpbb_init_params(b);
}

static void drop_lp(lpbb *b)
{
    if (b->lp)
        glp_delete_prob(b->lp);
    b->lp = NULL;
}

/* The dominators of the counting LP (lp_bb.h: dom). The variables are
 * taken by decreasing row count (ties by index), so a dominator comes
 * before what it dominates; a variable is dominated when one of the
 * undominated variables before it has all its rows (dominance is
 * transitive: an undominated dominator exists whenever a dominator
 * does). The candidates are the undominated variables on the variable's
 * row that has the fewest, listed per row. 0, or -1 without memory (b->dom
 * stays NULL) or at the time limit (b->limit). */
static int find_dominators(lpbb *b)
{
    size_t nr = b->nr, nc = b->nc;
    rank_key *ord = malloc((nc + 1) * sizeof *ord);
    size_t *dom = malloc((nc + 1) * sizeof *dom);
    size_t *rstart = calloc(nr + 1, sizeof *rstart), *rlen = calloc(nr + 1, sizeof *rlen);
    size_t *rlist = malloc((b->ne + 1) * sizeof *rlist);
    unsigned char *mark = calloc(nr + 1, 1);
    b->dstart = calloc(nc + 1, sizeof *b->dstart);
    b->dlist = malloc((nc + 1) * sizeof *b->dlist);
    int rc = -1;
    if (!ord || !dom || !rstart || !rlen || !rlist || !mark || !b->dstart || !b->dlist)
        goto done;
    for (size_t j = 0; j < nc; j++)
        ord[j] = (rank_key){nr - (b->cstart[j + 1] - b->cstart[j]), j}; /* most rows first */
    qsort(ord, nc, sizeof *ord, cmp_rank_key);
    for (size_t e = 0; e < b->ne; e++)
        rstart[b->crow[e] + 1]++;
    for (size_t r = 0; r < nr; r++)
        rstart[r + 1] += rstart[r];
    for (size_t i = 0; i < nc; i++) {
        if (i % 1024 == 0 && fsq__cover_timed_out(b->s)) {
            b->limit = LIMIT_TIME;
            goto done;
        }
        size_t j = ord[i].index, deg = b->cstart[j + 1] - b->cstart[j];
        size_t probe = b->crow[b->cstart[j]];
        for (size_t t = b->cstart[j]; t < b->cstart[j + 1]; t++) {
            mark[b->crow[t]] = 1;
            if (rlen[b->crow[t]] < rlen[probe])
                probe = b->crow[t];
        }
        dom[j] = SIZE_MAX;
        for (size_t u = rstart[probe]; u < rstart[probe] + rlen[probe] && dom[j] == SIZE_MAX;
             u++) {
            size_t q = rlist[u], hits = 0;
            for (size_t t = b->cstart[q]; t < b->cstart[q + 1]; t++)
                hits += mark[b->crow[t]];
            if (hits == deg)
                dom[j] = q;
        }
        for (size_t t = b->cstart[j]; t < b->cstart[j + 1]; t++) {
            size_t r = b->crow[t];
            mark[r] = 0;
            if (dom[j] == SIZE_MAX)
                rlist[rstart[r] + rlen[r]++] = j;
        }
        if (dom[j] != SIZE_MAX)
            b->dstart[dom[j] + 1]++;
    }
    for (size_t j = 0; j < nc; j++)
        b->dstart[j + 1] += b->dstart[j];
    for (size_t j = 0; j < nc; j++)
        if (dom[j] != SIZE_MAX)
            b->dlist[b->dstart[dom[j]]++] = j;
    for (size_t j = nc; j > 0; j--)
        b->dstart[j] = b->dstart[j - 1]; /* the fill moved each start to the next */
    b->dstart[0] = 0;
    rc = 0;
done:
    free(ord);
    free(rstart);
    free(rlen);
    free(rlist);
    free(mark);
    if (rc)
        free(dom);
    else
        b->dom = dom;
    return rc;
}

/* One thread: the LP, the search from the root, the LP gone. */
static void search_serial(lpbb *b)
{
    build_lp(b);
    fsq__lpbb_search(b);
    drop_lp(b);
}

/* The node state and scratch of a search; 0 or -1 without memory. The
 * state starts at the root: nothing fixed. */
static int alloc_node(lpbb *b)
{
    size_t nr = b->nr, nc = b->nc;
    const solver *s = b->s;
    b->fix = malloc(nc + 1);
    b->cov1 = calloc(nr + 1, sizeof *b->cov1);
    b->avail = calloc(nr + 1, sizeof *b->avail);
    b->trail = malloc((nc + 1) * sizeof *b->trail);
    b->x = malloc((nc + 1) * sizeof *b->x);
    b->y = malloc((nr + 1) * sizeof *b->y);
    b->d = malloc((nc + 1) * sizeof *b->d);
    b->order = malloc((nc + 1) * sizeof *b->order);
    b->cnt = malloc((nr + 1) * sizeof *b->cnt);
    b->rank = malloc((nc + 1) * sizeof *b->rank);
    b->pick = malloc(nc + 1);
    b->leaf_in = malloc((s->pw + 1) * sizeof *b->leaf_in);
    b->leaf_free = malloc((s->pw + 1) * sizeof *b->leaf_free);
    b->leaf_y = malloc((s->m + 1) * sizeof *b->leaf_y);
    b->env = malloc(sizeof *b->env);
    b->gcol = calloc(nc + 1, sizeof *b->gcol);
    b->gvar = malloc((nc + 1) * sizeof *b->gvar);
    b->mind = malloc(((nr > nc ? nr : nc) + 1) * sizeof *b->mind); /* compact_cols too */
    b->mval = malloc((nr + 1) * sizeof *b->mval);
    b->tb[0] = malloc(2 * (nr + 1) * sizeof *b->tb[0]);
    b->tb[1] = b->tb[0] ? b->tb[0] + nr + 1 : NULL;
    if (!b->fix || !b->cov1 || !b->avail || !b->trail || !b->x || !b->y || !b->d ||
        !b->order || !b->cnt || !b->rank || !b->pick || !b->leaf_in || !b->leaf_free ||
        !b->leaf_y || !b->env || !b->gcol || !b->gvar || !b->mind || !b->mval || !b->tb[0])
        return -1;
    memset(b->fix, -1, nc);
    b->ndead = 0;
    for (size_t e = 0; e < b->ne; e++)
        b->avail[b->crow[e]]++;
    for (size_t r = 0; r < nr; r++)
        b->ndead += b->avail[r] == 0;
    return 0;
}

static void lpbb_free(lpbb *b)
{
    if (!b)
        return;
    if (!b->worker) {
        free(b->cstart);
        free(b->crow);
        free(b->row_col);
        free(b->var_pi);
        free(b->dom);
        free(b->dstart);
        free(b->dlist);
    }
    free(b->fix);
    free(b->cov1);
    free(b->avail);
    free(b->trail);
    free(b->x);
    free(b->y);
    free(b->d);
    free(b->order);
    free(b->cnt);
    free(b->rank);
    free(b->pick);
    free(b->leaf_in);
    free(b->leaf_free);
    free(b->leaf_y);
    free(b->env);
    free(b->gcol);
    free(b->gvar);
    free(b->mind);
    free(b->mval);
    free(b->tb[0]);
    for (size_t i = 0; i < b->cap; i++)
        free(b->lv[i].basis);
    free(b->lv);
    free(b);
}

/* A thread's copy of b: the block shared, the node state its own. */
static lpbb *worker_new(const lpbb *b, void *ctx)
{
    lpbb *w = malloc(sizeof *w);
    if (!w)
        return NULL;
    *w = *b;
    w->worker = 1;
    w->ctx = ctx;
    w->fix = NULL;
    w->cov1 = w->avail = w->trail = w->order = w->cnt = NULL;
    w->x = w->y = w->d = w->leaf_y = NULL;
    w->rank = NULL;
    w->pick = NULL;
    w->leaf_in = w->leaf_free = NULL;
    w->env = NULL;
    w->gcol = NULL;
    w->gvar = NULL;
    w->mind = NULL;
    w->mval = NULL;
    w->tb[0] = w->tb[1] = NULL;
    w->lv = NULL;
    w->nlv = w->cap = 0;
    w->ntrail = w->nf1 = 0;
    w->nodes = 0;
    w->lp = NULL;
    if (alloc_node(w)) {
        lpbb_free(w);
        return NULL;
    }
    return w;
}

static int by_key(const void *a, const void *b)
{
    size_t x = ((const lp_task *)a)->key, y = ((const lp_task *)b)->key;
    return (x > y) - (x < y);
}

static void tasks_clear(lp_tasks *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].fix);
        free(t->v[i].basis);
    }
    t->n = 0;
}

/* Sets up the task's node (its fixings, its basis) and searches from it;
 * the fixings are undone after. */
static void run_task(lpbb *b)
{
    const lp_task *t = b->task;
    fsq__lpbb_trail_undo(b, 0);
    for (size_t i = 0; i < t->nfix; i++)
        fsq__lpbb_trail_fix(b, t->fix[i] / 2, (int)(t->fix[i] & 1));
    if (t->basis)
        fsq__lpbb_load_basis(b, t->basis);
    else
        glp_std_basis(b->lp);
    fsq__lpbb_search(b);
    fsq__lpbb_trail_undo(b, 0);
}

/* The search on nt threads, b (the first thread's) and a copy per other
 * thread; ctx[t] is thread t's leaf context. */
static void search_parallel(lpbb *b, int nt, void *const *ctx)
{
    lpbb **w = calloc((size_t)nt, sizeof *w);
    lp_tasks cur = {0}, *outs = calloc((size_t)nt, sizeof *outs);
    lp_shared sh = {b->s->best, 0};
    int ok = w && outs;
    for (int t = 0; ok && t < nt; t++) {
        w[t] = t == 0 ? b : worker_new(b, ctx ? ctx[t] : NULL);
        ok = w[t] != NULL;
        if (ok) {
            w[t]->sh = &sh;
            w[t]->out = &outs[t];
        }
    }
    if (ok) {
        /* The root: a task with nothing fixed, from GLPK's standard basis. */
        cur.v = malloc(sizeof *cur.v);
        ok = cur.v != NULL;
        if (ok) {
            cur.v[0] = (lp_task){0, NULL, NULL, 0};
            cur.n = cur.cap = 1;
        }
    }
    if (!ok) {
        b->limit = LIMIT_NOMEM;
        goto done;
    }

    size_t depth = 0;
    int go = 0, last = 0; /* this round has tasks; it searches them to the end */
#pragma omp parallel num_threads(nt)
    {
        int t = 0;
#ifdef _OPENMP
        t = omp_get_thread_num();
#endif
        lpbb *me = w[t];
        guarded(me, build_lp);
        if (me->rc) {
#pragma omp atomic write
            sh.stop = 1;
        }
        for (;;) {
#pragma omp single
            {
                /* The tasks of this round: the children recorded last round. */
                if (depth > 0) {
                    tasks_clear(&cur);
                    for (int u = 0; u < nt; u++) {
                        for (size_t i = 0; i < outs[u].n && !sh.stop; i++) {
                            if (cur.n == cur.cap) {
                                size_t cap = 2 * cur.cap + 16;
                                lp_task *v = realloc(cur.v, cap * sizeof *v);
                                if (!v) {
                                    sh.stop = 1;
                                    b->limit = LIMIT_NOMEM;
                                    break;
                                }
                                cur.v = v;
                                cur.cap = cap;
                            }
                            cur.v[cur.n++] = outs[u].v[i];
                            outs[u].v[i] = (lp_task){0, NULL, NULL, 0};
                        }
                        tasks_clear(&outs[u]);
                    }
                }
                /* In the order of their parents, so the tree does not depend
                 * on which thread took which task. */
                qsort(cur.v, cur.n, sizeof *cur.v, by_key);
                for (size_t i = 0; i < cur.n; i++)
                    cur.v[i].key = i;
                go = cur.n > 0 && !sh.stop;
                last = cur.n >= (size_t)nt * TASKS_PER_THREAD || depth >= MAX_SPLIT;
                depth++;
            }
            /* Read before the loop: the next round's single may change them
             * while this thread is still here. */
            int round_go = go, round_last = last;
            if (!round_go)
                break;
            me->split_depth = round_last ? 0 : 1;
#pragma omp for schedule(dynamic, 1)
            for (size_t i = 0; i < cur.n; i++) {
                int stop;
#pragma omp atomic read
                stop = sh.stop;
                if (!me->lp || stop)
                    continue;
                me->task = &cur.v[i];
                guarded(me, run_task);
                if (me->limit || me->rc || me->stopped) {
#pragma omp atomic write
                    sh.stop = 1;
                }
            }
            if (round_last)
                break;
        }
        drop_lp(me);
#ifdef _OPENMP
        if (t != 0)
            fsq__cover_lp_thread_done();
#endif
    }

    /* Results, the first thread's first (errors, limits). */
    for (int t = 0; t < nt; t++) {
        lpbb *x = w[t];
        if (!b->rc && x->rc)
            b->rc = x->rc;
        if (!b->limit && x->limit)
            b->limit = x->limit;
        b->stopped |= x->stopped;
        if (t > 0)
            b->nodes += x->nodes;
    }
    if (!b->counting && sh.best < b->s->best)
        b->s->best = sh.best;
done:
    for (int t = 1; w && t < nt; t++)
        lpbb_free(w[t]);
    free(w);
    tasks_clear(&cur);
    free(cur.v);
    for (int t = 0; outs && t < nt; t++) {
        tasks_clear(&outs[t]);
        free(outs[t].v);
    }
    free(outs);
    b->sh = NULL;
    b->out = NULL;
}

/* Builds the block's matrix (rows: the block's columns; variables: the
 * PIs outside X touching it) and searches on nt threads. */
static int lp_run(lpbb *b, const uint64_t *mask, const uint64_t *x, int nt, void *const *ctx)
{
    solver *s = b->s;
    int rc = 0;
    size_t *row_of = malloc((s->m ? s->m : 1) * sizeof *row_of);
    if (!row_of) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t w = 0; w < s->cw; w++)
        for (uint64_t bits = mask[w]; bits; bits &= bits - 1)
            row_of[w * 64 + (size_t)fsq__ctz64(bits)] = b->nr++;
    size_t ne = 0;
    for (size_t p = 0; p < s->n; p++) {
        if (bit_get(x, p))
            continue;
        const uint64_t *pc = s->picols + p * s->cw;
        size_t deg = 0;
        for (size_t w = 0; w < s->cw; w++)
            deg += (size_t)fsq__popcount64(pc[w] & mask[w]);
        b->nc += deg > 0;
        ne += deg;
    }
    if (ne >= (size_t)INT32_MAX || b->nc >= (size_t)INT32_MAX) {
        rc = fsq__error(FSQ_EUNSUPPORTED, "cover LP search: the block has %zu entries; GLPK "
                                          "takes fewer than 2^31", ne);
        goto done;
    }
    size_t nr = b->nr, nc = b->nc;
    b->ne = ne;
    b->cstart = malloc((nc + 1) * sizeof *b->cstart);
    b->crow = malloc((ne + 1) * sizeof *b->crow);
    b->row_col = malloc((nr + 1) * sizeof *b->row_col);
    b->var_pi = malloc((nc + 1) * sizeof *b->var_pi);
    if (!b->cstart || !b->crow || !b->row_col || !b->var_pi) {
        rc = fsq__nomem();
        goto done;
    }
    size_t j = 0, t = 0;
    for (size_t p = 0; p < s->n; p++) {
        if (bit_get(x, p))
            continue;
        const uint64_t *pc = s->picols + p * s->cw;
        size_t start = t;
        for (size_t w = 0; w < s->cw; w++)
            for (uint64_t bits = pc[w] & mask[w]; bits; bits &= bits - 1)
                b->crow[t++] = row_of[w * 64 + (size_t)fsq__ctz64(bits)];
        if (t == start)
            continue;
        b->cstart[j] = start;
        b->var_pi[j] = p;
        j++;
    }
    b->cstart[nc] = ne;
    for (size_t c = 0; c < s->m; c++)
        if (bit_get(mask, c))
            b->row_col[row_of[c]] = c;
    if (alloc_node(b) || (b->counting && find_dominators(b))) {
        rc = b->limit ? 0 : fsq__nomem();
        if (b->limit)
            s->limit = b->limit;
        goto done;
    }

    if (nt > 1)
        search_parallel(b, nt, ctx);
    else
        guarded(b, search_serial);
    s->nodes += b->nodes;
    rc = b->rc;
    if (!rc && b->limit)
        s->limit = b->limit;
done:
    free(row_of);
    return rc;
}

int fsq__cover_lp_threads(const solver *s)
{
#ifdef _OPENMP
    if (omp_in_parallel())
        return 1;
#endif
    return fsq__cover_threads(s);
}

int fsq__cover_lp_search(solver *s, const uint64_t *mask, const uint64_t *x)
{
    lpbb *b = calloc(1, sizeof *b);
    if (!b)
        return fsq__nomem();
    b->s = s;
    int rc = lp_run(b, mask, x, fsq__cover_lp_threads(s), NULL);
    lpbb_free(b);
    return rc;
}

int fsq__cover_lp_count(solver *s, const uint64_t *mask, const uint64_t *x, size_t k,
                        fsq__cover_lp_leaf leaf, void *const *ctx, int nctx)
{
    lpbb *b = calloc(1, sizeof *b);
    if (!b)
        return fsq__nomem();
    b->s = s;
    b->counting = 1;
    b->k = k;
    b->leaf = leaf;
    b->ctx = ctx[0];
    int rc = lp_run(b, mask, x, nctx, ctx);
    lpbb_free(b);
    return rc;
}
