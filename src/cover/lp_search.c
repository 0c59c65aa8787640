/* LP-based branch and bound for the minimum of one large block of the
 * chart (cover_search.c calls it where the combinatorial search would
 * take too long: many PIs and a gap between the root bound and the
 * greedy cover).
 *
 * Problem. Rows are the block's columns, variables its available PIs:
 * min sum_j x_j subject to sum_{j covers r} x_j >= 1 for every row r,
 * x_j in {0, 1}. A node of the tree fixes some variables at 0 (F0) and
 * some at 1 (F1); its LP relaxation, solved with GLPK's dual simplex from
 * the basis of its parent (only bounds change, so the basis stays dual
 * feasible), bounds every cover of the node.
 *
 * Bound. The bound used is not GLPK's objective but the one its row
 * duals prove: y clamped at 0, set to 0 on rows that F1 already covers,
 * and divided by the largest load L = max_{j free} sum_{r in j} y_r when
 * L > 1. Then every cover S of the node has
 *     |S| >= |F1| + sum_r y_r + sum_{j in S free} d_j,   d_j = 1 - load_j >= 0
 * (weak duality), whatever the simplex tolerances were; the node dies when
 * that bound, rounded up with a 1e-6 tolerance, reaches the best cover
 * found. Reduced-cost fixing: a free j with bound + d_j > best - 1 is in no
 * cover smaller than best, so it is fixed at 0 below the node. The bound
 * is valid for any y >= 0, so an LP cut short by its iteration limit (in
 * strong branching) still gives one.
 *
 * Branching. Up to SB_CANDIDATES fractional variables nearest 0.5 are
 * tried both ways with a few dual simplex iterations each (strong
 * branching); a side whose bound reaches the best is cut, fixing the
 * variable the other way at the node; otherwise the variable with the
 * best min(bound0, bound1) (then max) is branched on, the side with the
 * lower bound first; each child's LP starts from the basis its trial
 * ended at (the k = 12 parsimonious count: 2.3 s instead of 3.1, k = 16:
 * 24 s instead of 26). A node where some row has no variable left is cut
 * before any LP. Every LP solution is rounded to a cover (PIs by
 * decreasing x, then redundant ones dropped), and integral LP solutions
 * are covers themselves.
 *
 * Counting (fsq__cover_lp_count, for count.c): the same tree with the
 * cut at k + 1 instead of the best cover (nodes whose bound passes k go;
 * reduced-cost fixing and strong branching cut against it too), no
 * incumbent, and a node is a leaf, handed to a callback with its fixings
 * and duals, when its bound is within fsq__cover_leaf_slack of k or its
 * LP is integral. The leaves partition the covers of size at most k.
 * The LP leaves out each PI that another PI dominates while that one is
 * not fixed at 0 (lp_bb.h: dom): the LP's value is the same, and its
 * simplex runs over fewer columns (the k = 12 parsimonious benchmark:
 * 1,289 of 3,023; k = 16: 15,826 of 81,088). The bound, the fixings and
 * the leaves see every free PI. A variable gets a column in GLPK's
 * problem only when it first needs one (add_col): each glp_simplex call
 * costs time in proportion to the problem's columns, fixed ones too (on
 * k = 16, one iteration's call took 11 ms with all 81,088 columns, 6 ms
 * with the 15,826 undominated ones).
 *
 * The search is depth first, with an explicit stack, and deterministic
 * (GLPK is). It checks the deadline at every node and gives GLPK the time
 * that is left. lp_split.c builds the block's LP and splits the tree over
 * threads: this file is one thread's search from one node. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cover/lp_bb.h"
#include "cover/lp.h"

#include "common/bits.h"
#include "common/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { SB_CANDIDATES = 4, SB_ITERATIONS = 100 };

/* A counting node this close to k is a leaf: its LP duals leave the
 * counter few PIs. On the k = 12 parsimonious benchmark chart (3,029 PIs,
 * LP 34.69, k = 36) the whole count phase takes about 8 s from 0.02 to
 * 0.2, 13 s at 0.3 and 19 s at 0.4 (the leaves take the time). */
double fsq__cover_leaf_slack = 0.1;

size_t fsq__cover_lp_compact = 4096; /* compact_cols */

/* Nodes whose bound reaches this have nothing to search (search: a cover
 * smaller than the best; counting: covers of size k). */
static size_t cut(const lpbb *b)
{
    if (b->counting)
        return b->k + 1;
    if (!b->sh)
        return b->s->best;
    size_t best;
#pragma omp atomic read
    best = b->sh->best;
    return best;
}

static size_t bound_int(double z)
{
    return z > 0 ? (size_t)ceil(z - 1e-6) : 0;
}

/* Whether the LP has free variable j (lp_bb.h: dom). */
static int in_lp(const lpbb *b, size_t j)
{
    return !b->dom || b->dom[j] == SIZE_MAX || b->fix[b->dom[j]] == 0;
}

/* Whether variable j needs a column in the LP: fixed at 1, or free and
 * in the LP. */
static int needs_col(const lpbb *b, size_t j)
{
    return b->fix[j] == 1 || (b->fix[j] < 0 && in_lp(b, j));
}

/* Appends variable j's column to the LP (fixed at 0, nonbasic). */
static void add_col(lpbb *b, size_t j)
{
    int c = glp_add_cols(b->lp, 1), len = 0;
    for (size_t t = b->cstart[j]; t < b->cstart[j + 1]; t++) {
        b->mind[++len] = (int)b->crow[t] + 1;
        b->mval[len] = 1.0;
    }
    glp_set_mat_col(b->lp, c, len, b->mind, b->mval);
    glp_set_obj_coef(b->lp, c, 1.0);
    b->gcol[j] = c;
    b->gvar[c] = j;
    b->ngcol = c;
}

/* Deletes the nonbasic columns of the variables that need none (fixed at
 * 0, or out of the LP) when there are thousands of them
 * (fsq__cover_lp_compact more than the columns needed), most of the
 * problem's: a simplex call's time grows with all its columns (the k = 16
 * parsimonious count: 53,000 columns per call on average, 2,100 of them
 * needed; its LPs took 26 s instead of 37). Fewer are not worth the
 * refactorization a deletion costs (on k = 12, 1,900 columns per call,
 * 400 needed: 6% slower). A variable freed again gets its column back
 * (set_bounds). */
static void compact_cols(lpbb *b)
{
    int live = 0;
    for (int c = 1; c <= b->ngcol; c++)
        live += needs_col(b, b->gvar[c]) || glp_get_col_stat(b->lp, c) == GLP_BS;
    if ((size_t)b->ngcol < 2 * (size_t)live + fsq__cover_lp_compact)
        return;
    int ndel = 0, kept = 0;
    for (int c = 1; c <= b->ngcol; c++) {
        size_t j = b->gvar[c];
        if (!needs_col(b, j) && glp_get_col_stat(b->lp, c) != GLP_BS) {
            b->mind[++ndel] = c;
            b->gcol[j] = 0;
        } else {
            b->gvar[++kept] = j; /* GLPK renumbers the columns left, in order */
            b->gcol[j] = kept;
        }
    }
    glp_del_cols(b->lp, ndel, b->mind);
    b->ngcol = kept;
}

void fsq__lpbb_root_cols(lpbb *b)
{
    memset(b->gcol, 0, b->nc * sizeof *b->gcol);
    b->ngcol = 0;
    for (size_t j = 0; j < b->nc; j++)
        if (needs_col(b, j)) {
            add_col(b, j);
            glp_set_col_bnds(b->lp, b->gcol[j], GLP_LO, 0.0, 0.0);
        }
}

/* GLPK's bounds of variable j, from its fixing (its column made if it
 * needs one). */
static void set_bounds(lpbb *b, size_t j)
{
    if (!b->gcol[j]) {
        if (!needs_col(b, j))
            return;
        add_col(b, j);
    }
    int col = b->gcol[j];
    if (b->fix[j] >= 0)
        glp_set_col_bnds(b->lp, col, GLP_FX, (double)b->fix[j], (double)b->fix[j]);
    else if (in_lp(b, j))
        glp_set_col_bnds(b->lp, col, GLP_LO, 0.0, 0.0);
    else
        glp_set_col_bnds(b->lp, col, GLP_FX, 0.0, 0.0);
}

static void set_fix(lpbb *b, size_t j, int value)
{
    int was0 = b->fix[j] == 0;
    if (b->fix[j] == 0 || value == 0) {
        int drop = value == 0;
        for (size_t t = b->cstart[j]; t < b->cstart[j + 1]; t++) {
            size_t r = b->crow[t];
            if (drop)
                b->ndead += --b->avail[r] == 0;
            else
                b->ndead -= b->avail[r]++ == 0;
        }
    }
    if (b->fix[j] == 1 || value == 1) {
        size_t delta = value == 1 ? 1 : (size_t)-1;
        for (size_t t = b->cstart[j]; t < b->cstart[j + 1]; t++)
            b->cov1[b->crow[t]] += delta;
        b->nf1 += delta;
    }
    b->fix[j] = (signed char)value;
    set_bounds(b, j);
    if (b->dom && was0 != (value == 0))
        for (size_t t = b->dstart[j]; t < b->dstart[j + 1]; t++)
            if (b->fix[b->dlist[t]] < 0)
                set_bounds(b, b->dlist[t]); /* in or out of the LP with j */
}

void fsq__lpbb_trail_fix(lpbb *b, size_t j, int value)
{
    set_fix(b, j, value);
    b->trail[b->ntrail++] = j;
}

void fsq__lpbb_trail_undo(lpbb *b, size_t mark)
{
    while (b->ntrail > mark)
        set_fix(b, b->trail[--b->ntrail], -1);
}

/* A basis is kept as its nr basic variables (rows 0..nr-1, PI j as
 * nr + j): every other one is nonbasic at its only possible bound (rows
 * at 1, free PIs at 0, fixed PIs at their value), so the list says it all
 * and a level costs nr entries, not nr + nc. */
static void save_basis(const lpbb *b, int *basic)
{
    size_t t = 0;
    for (size_t r = 0; r < b->nr && t < b->nr; r++)
        if (glp_get_row_stat(b->lp, (int)r + 1) == GLP_BS)
            basic[t++] = (int)r;
    for (int c = 1; c <= b->ngcol && t < b->nr; c++)
        if (glp_get_col_stat(b->lp, c) == GLP_BS)
            basic[t++] = (int)(b->nr + b->gvar[c]);
    while (t < b->nr)
        basic[t++] = -1; /* cannot happen: GLPK's bases have nr basics */
}

void fsq__lpbb_load_basis(lpbb *b, const int *basic)
{
    for (size_t r = 0; r < b->nr; r++)
        glp_set_row_stat(b->lp, (int)r + 1, GLP_NL);
    for (int c = 1; c <= b->ngcol; c++) {
        size_t j = b->gvar[c];
        glp_set_col_stat(b->lp, c, b->fix[j] >= 0 || !in_lp(b, j) ? GLP_NS : GLP_NL);
    }
    for (size_t t = 0; t < b->nr; t++) {
        int v = basic[t];
        if (v < 0)
            continue;
        if ((size_t)v < b->nr) {
            glp_set_row_stat(b->lp, v + 1, GLP_BS);
            continue;
        }
        size_t j = (size_t)v - b->nr;
        if (!b->gcol[j]) {
            /* Basic at the node it was saved at, in another thread's LP. */
            add_col(b, j);
            set_bounds(b, j);
        }
        glp_set_col_stat(b->lp, b->gcol[j], GLP_BS);
    }
}

/* Solves the node's LP; 1 when it has a solution to read (optimal, or cut
 * short by the iteration limit with a dual feasible basis), -1 when cut
 * short without one (nothing proven), 0 when the node has no cover (some
 * row has no variable left: counted, not left to the simplex) or a limit
 * or an error stopped it (b->limit, b->rc). */
static int solve_lp(lpbb *b, const glp_smcp *parm)
{
    if (b->ndead)
        return 0;
    glp_smcp p = *parm;
    double left = fsq__cover_seconds_left(b->s);
    if (left > 0)
        p.tm_lim = left * 1000.0 < 2e9 ? (int)(left * 1000.0) + 1 : INT32_MAX;
    int ret = glp_simplex(b->lp, &p);
    int status = glp_get_status(b->lp);
    if (ret == GLP_ETMLIM) {
        b->limit = LIMIT_TIME;
        return 0;
    }
    if (ret == GLP_EITLIM && p.it_lim < INT32_MAX)
        return glp_get_dual_stat(b->lp) == GLP_FEAS ? 1 : -1;
    if (ret != 0 || status != GLP_OPT) {
        /* A numerically troubled LP (a feasible one reported infeasible,
         * too): retry from a fresh basis once, with Harris's ratio test. */
        glp_std_basis(b->lp);
        p.r_test = GLP_RT_HAR;
        ret = glp_simplex(b->lp, &p);
        status = glp_get_status(b->lp);
        if (ret == GLP_ETMLIM) {
            b->limit = LIMIT_TIME;
            return 0;
        }
        if (ret != 0 || status != GLP_OPT) {
            b->rc = fsq__error(FSQ_EINTERNAL,
                               "cover LP search: GLPK's simplex ended with code %d, status %d "
                               "on a block of %zu PIs x %zu columns",
                               ret, status, b->nc, b->nr);
            return 0;
        }
    }
    return 1;
}

/* The bound the current row duals prove (see the top of the file), with
 * each free variable's reduced cost in b->d. */
static double dual_bound(lpbb *b)
{
    double lmax = 0;
    for (size_t r = 0; r < b->nr; r++) {
        double v = b->cov1[r] ? 0 : glp_get_row_dual(b->lp, (int)r + 1);
        b->y[r] = v > 0 ? v : 0;
    }
    for (size_t j = 0; j < b->nc; j++) {
        double load = 0;
        if (b->fix[j] < 0)
            for (size_t t = b->cstart[j]; t < b->cstart[j + 1]; t++)
                load += b->y[b->crow[t]];
        b->d[j] = load;
        if (load > lmax)
            lmax = load;
    }
    double scale = lmax > 1 ? 1 / lmax : 1, total = fsq__cover_lp_scale_duals(b->y, b->nr, lmax);
    for (size_t j = 0; j < b->nc; j++)
        b->d[j] = b->fix[j] < 0 ? 1 - b->d[j] * scale : 0;
    return (double)b->nf1 + total;
}

static int by_x_desc(const void *pa, const void *pb)
{
    const lp_ranked *a = pa, *b = pb;
    if (a->x != b->x)
        return a->x > b->x ? -1 : 1;
    return a->j < b->j ? -1 : a->j > b->j;
}

/* A cover of size < best: the new best. */
static void improve(lpbb *b, size_t size)
{
    if (!b->counting && !b->sh && size < b->s->best)
        b->s->best = size;
    if (!b->counting && b->sh) {
#pragma omp critical(fsq_lp_best)
        if (size < b->sh->best)
            b->sh->best = size;
    }
}

/* Rounds the LP solution b->x to a cover: the variables with x > 0 by
 * decreasing x (ties by index) while they cover new rows, then the
 * redundant ones dropped, last added first. */
static void round_to_cover(lpbb *b)
{
    size_t n = 0, left = b->nr, size = 0;
    for (size_t j = 0; j < b->nc; j++)
        if (b->x[j] > 1e-9)
            b->rank[n++] = (lp_ranked){b->x[j], j};
    qsort(b->rank, n, sizeof *b->rank, by_x_desc);
    for (size_t i = 0; i < n; i++)
        b->order[i] = b->rank[i].j;
    memset(b->cnt, 0, b->nr * sizeof *b->cnt);
    memset(b->pick, 0, b->nc);
    for (size_t i = 0; i < n && left > 0; i++) {
        size_t j = b->order[i];
        int adds = 0;
        for (size_t t = b->cstart[j]; t < b->cstart[j + 1] && !adds; t++)
            adds = b->cnt[b->crow[t]] == 0;
        if (!adds)
            continue;
        b->pick[j] = 1;
        size++;
        for (size_t t = b->cstart[j]; t < b->cstart[j + 1]; t++)
            if (b->cnt[b->crow[t]]++ == 0)
                left--;
    }
    if (left > 0)
        return; /* cannot happen for a feasible LP solution */
    for (size_t i = n; i-- > 0;) {
        size_t j = b->order[i];
        if (!b->pick[j])
            continue;
        int needed = 0;
        for (size_t t = b->cstart[j]; t < b->cstart[j + 1] && !needed; t++)
            needed = b->cnt[b->crow[t]] == 1;
        if (needed)
            continue;
        b->pick[j] = 0;
        size--;
        for (size_t t = b->cstart[j]; t < b->cstart[j + 1]; t++)
            b->cnt[b->crow[t]]--;
    }
    improve(b, size);
}

/* Reads the LP solution into b->x; 1 when it is integral (then it is a
 * cover, recorded: an optimal LP solution that is integral solves the
 * node). */
static int read_solution(lpbb *b)
{
    int integral = 1;
    size_t size = 0;
    memset(b->x, 0, b->nc * sizeof *b->x); /* the variables without a column */
    for (int c = 1; c <= b->ngcol; c++) {
        double v = glp_get_col_prim(b->lp, c);
        b->x[b->gvar[c]] = v;
        if (v > 1e-9 && v < 1 - 1e-9)
            integral = 0;
        size += v > 0.5;
    }
    if (integral)
        improve(b, size);
    return integral;
}

/* Bound of the node with variable j fixed at `value`, by a few dual
 * simplex iterations from the node's basis `st` (restored after). The
 * basis the trial ended at goes to b->tb[value] (b->tb_ok[value] set)
 * when it has a solution: the child's LP starts there. */
static double trial(lpbb *b, size_t j, int value, const int *st)
{
    set_fix(b, j, value);
    int solved = solve_lp(b, &b->sbparm);
    double z = solved > 0 ? dual_bound(b) : solved < 0 ? -HUGE_VAL : HUGE_VAL;
    b->tb_ok[value] = solved > 0;
    if (solved > 0)
        save_basis(b, b->tb[value]);
    set_fix(b, j, -1);
    fsq__lpbb_load_basis(b, st);
    return z;
}

/* The basis a child of the level (value v of its variable) starts from:
 * its trial's, else the level's. */
static const int *child_basis(const lp_level *lv, int v)
{
    return lv->child_ok[v] ? lv->child[v] : lv->basis;
}

/* Hands the node, of bound z, to the counter: its PIs fixed at 1, its free
 * PIs that a cover of size k can hold (z + d_j <= k, as in reduced-cost
 * fixing) and its duals, in the solver's indices. */
static void count_leaf(lpbb *b, double z)
{
    const solver *s = b->s;
    memset(b->leaf_in, 0, s->pw * sizeof *b->leaf_in);
    memset(b->leaf_free, 0, s->pw * sizeof *b->leaf_free);
    memset(b->leaf_y, 0, s->m * sizeof *b->leaf_y);
    for (size_t j = 0; j < b->nc; j++) {
        if (b->fix[j] > 0)
            bit_set(b->leaf_in, b->var_pi[j]);
        else if (b->fix[j] < 0 && bound_int(z + b->d[j]) <= b->k)
            bit_set(b->leaf_free, b->var_pi[j]);
    }
    for (size_t r = 0; r < b->nr; r++)
        b->leaf_y[b->row_col[r]] = b->y[r];
    b->stopped = b->leaf(b->ctx, b->leaf_in, b->nf1, b->leaf_free, b->leaf_y) != 0;
}

enum { NODE_PRUNED, NODE_BRANCH };

/* The node on top of the stack: its LP, bound, heuristic, fixings and
 * strong branching, to NODE_PRUNED (nothing below it can beat the best)
 * or NODE_BRANCH (lv->var set, the first child's value returned in
 * *first). */
static int evaluate(lpbb *b, lp_level *lv, int *first)
{
    for (;;) {
        b->nodes++;
        if (fsq__cover_timed_out(b->s))
            b->limit = LIMIT_TIME;
        if (b->sh && !b->stopped) {
#pragma omp atomic read
            b->stopped = b->sh->stop; /* another thread ended the search */
        }
        if (!b->ndead)
            compact_cols(b);
        if (b->limit || b->rc || b->stopped || solve_lp(b, &b->parm) <= 0)
            return NODE_PRUNED;
        double z = dual_bound(b);
        if (bound_int(z) >= cut(b))
            return NODE_PRUNED;
        int integral = read_solution(b);
        if (b->stopped)
            return NODE_PRUNED;
        if (b->counting && (integral || (double)b->k - z < fsq__cover_leaf_slack - 1e-6)) {
            /* Within the leaf slack of k (or integral): the node's duals
             * leave the counter few PIs. */
            count_leaf(b, z);
            return NODE_PRUNED;
        }
        if (integral)
            return NODE_PRUNED;
        if (!b->counting)
            round_to_cover(b);
        if (b->stopped)
            return NODE_PRUNED;
        if (bound_int(z) >= cut(b))
            return NODE_PRUNED;

        /* Reduced-cost fixing: j free with z + d_j > cut - 1 is in no
         * cover smaller than the cut. Fixing a nonbasic variable at its
         * value keeps the basis optimal. */
        for (size_t j = 0; j < b->nc; j++)
            if (b->fix[j] < 0 && b->x[j] < 1e-9 && z + b->d[j] > (double)cut(b) - 1 + 1e-6)
                fsq__lpbb_trail_fix(b, j, 0);

        /* The fractional variables nearest 0.5. */
        size_t cand[SB_CANDIDATES], nc = 0;
        double cf[SB_CANDIDATES];
        for (size_t j = 0; j < b->nc; j++) {
            if (b->fix[j] >= 0)
                continue;
            double f = b->x[j] < 1 - b->x[j] ? b->x[j] : 1 - b->x[j];
            if (f < 1e-9)
                continue;
            size_t t = nc < SB_CANDIDATES ? nc++ : SB_CANDIDATES;
            while (t > 0 && cf[t - 1] < f) {
                if (t < SB_CANDIDATES) {
                    cf[t] = cf[t - 1];
                    cand[t] = cand[t - 1];
                }
                t--;
            }
            if (t < SB_CANDIDATES) {
                cf[t] = f;
                cand[t] = j;
            }
        }
        if (nc == 0) {
            /* Integral up to the tolerance: recorded, or counted. */
            if (b->counting)
                count_leaf(b, z);
            return NODE_PRUNED;
        }

        save_basis(b, lv->basis);
        int changed = 0;
        double best_score = -HUGE_VAL;
        lv->var = (int)cand[0]; /* kept if no trial proves anything */
        lv->second_bound = z;
        lv->child_ok[0] = lv->child_ok[1] = 0;
        *first = 1;
        for (size_t i = 0; i < nc && !changed; i++) {
            double z0 = trial(b, cand[i], 0, lv->basis);
            if (b->limit || b->rc)
                return NODE_PRUNED;
            double z1 = trial(b, cand[i], 1, lv->basis);
            if (b->limit || b->rc)
                return NODE_PRUNED;
            int dead0 = bound_int(z0) >= cut(b), dead1 = bound_int(z1) >= cut(b);
            if (dead0 && dead1)
                return NODE_PRUNED;
            if (dead0 || dead1) {
                /* One side is cut: the variable takes the other value,
                 * from where its trial ended. */
                int v = dead0 ? 1 : 0;
                fsq__lpbb_trail_fix(b, cand[i], v);
                if (b->tb_ok[v])
                    fsq__lpbb_load_basis(b, b->tb[v]);
                changed = 1;
                break;
            }
            double lo = z0 < z1 ? z0 : z1, hi = z0 < z1 ? z1 : z0;
            double score = lo * 1000 + hi;
            if (score > best_score) {
                best_score = score;
                lv->var = (int)cand[i];
                *first = z1 <= z0 ? 1 : 0;
                lv->second_bound = hi > z ? hi : z;
                for (int v = 0; v < 2; v++) {
                    lv->child_ok[v] = b->tb_ok[v];
                    if (b->tb_ok[v])
                        memcpy(lv->child[v], b->tb[v], b->nr * sizeof *lv->child[v]);
                }
            }
        }
        if (!changed)
            return NODE_BRANCH;
        /* Re-solve with the new fixing. */
    }
}

/* Makes room for one more level; 0 or -1 without memory. */
static int push_level(lpbb *b)
{
    if (b->nlv == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        lp_level *lv = realloc(b->lv, cap * sizeof *lv);
        if (!lv)
            return -1;
        for (size_t i = b->cap; i < cap; i++)
            lv[i].basis = NULL;
        b->lv = lv;
        b->cap = cap;
    }
    lp_level *lv = &b->lv[b->nlv];
    if (!lv->basis && !(lv->basis = malloc(3 * (b->nr + 1) * sizeof *lv->basis)))
        return -1;
    lv->child[0] = lv->basis + b->nr + 1;
    lv->child[1] = lv->child[0] + b->nr + 1;
    lv->child_ok[0] = lv->child_ok[1] = 0;
    lv->trail_mark = b->ntrail;
    lv->var = -1;
    lv->second = -1;
    b->nlv++;
    return 0;
}

/* Records the child (0 first, 1 second) of the node on top of the stack,
 * with variable j at value, as a task: the fixings on the trail and that
 * one, and the node's basis. */
static void record_child(lpbb *b, const lp_level *lv, size_t j, int value, size_t child)
{
    lp_tasks *out = b->out;
    if (out->n == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 16;
        lp_task *v = realloc(out->v, cap * sizeof *v);
        if (!v) {
            b->limit = LIMIT_NOMEM;
            return;
        }
        out->v = v;
        out->cap = cap;
    }
    lp_task *t = &out->v[out->n];
    t->nfix = b->ntrail + 1;
    t->fix = malloc(t->nfix * sizeof *t->fix);
    t->basis = malloc((b->nr + 1) * sizeof *t->basis);
    if (!t->fix || !t->basis) {
        free(t->fix);
        free(t->basis);
        b->limit = LIMIT_NOMEM;
        return;
    }
    for (size_t i = 0; i < b->ntrail; i++)
        t->fix[i] = 2 * b->trail[i] + (b->fix[b->trail[i]] > 0);
    t->fix[b->ntrail] = 2 * j + (size_t)value;
    memcpy(t->basis, child_basis(lv, value), b->nr * sizeof *t->basis);
    t->key = 2 * (b->task ? b->task->key : 0) + child;
    out->n++;
}

void fsq__lpbb_search(lpbb *b)
{
    b->nlv = 0;
    if (push_level(b)) {
        b->limit = LIMIT_NOMEM;
        return;
    }
    for (;;) {
        lp_level *lv = &b->lv[b->nlv - 1];
        int first = 0, branch = evaluate(b, lv, &first) == NODE_BRANCH;
        if (branch && b->nlv == b->split_depth) {
            /* At the split's depth the children are tasks for the threads. */
            record_child(b, lv, (size_t)lv->var, first, 0);
            if (bound_int(lv->second_bound) < cut(b) && !b->limit)
                record_child(b, lv, (size_t)lv->var, 1 - first, 1);
            branch = 0;
        }
        if (branch) {
            lv->second = 1 - first;
            fsq__lpbb_trail_fix(b, (size_t)lv->var, first);
            if (lv->child_ok[first])
                fsq__lpbb_load_basis(b, lv->child[first]);
            if (push_level(b)) {
                b->limit = LIMIT_NOMEM;
                return;
            }
            continue;
        }
        /* Back up to the deepest level with a second child worth taking. */
        for (;;) {
            lp_level *top = &b->lv[b->nlv - 1];
            fsq__lpbb_trail_undo(b, top->trail_mark);
            if (--b->nlv == 0 || b->limit || b->rc || b->stopped)
                return;
            lp_level *up = &b->lv[b->nlv - 1];
            if (up->second >= 0 && bound_int(up->second_bound) < cut(b)) {
                /* The trail above up's mark ends with the first child's
                 * fixing of up->var: undo it, take the other side. */
                fsq__lpbb_trail_undo(b, b->ntrail - 1);
                fsq__lpbb_load_basis(b, child_basis(up, up->second));
                fsq__lpbb_trail_fix(b, (size_t)up->var, up->second);
                up->second = -1;
                if (push_level(b)) {
                    b->limit = LIMIT_NOMEM;
                    return;
                }
                break;
            }
        }
    }
}

void fsq__lpbb_init_params(lpbb *b)
{
    glp_init_smcp(&b->parm);
    b->parm.msg_lev = GLP_MSG_OFF;
    b->parm.meth = GLP_DUALP; /* every bound change keeps the basis dual feasible */
    /* The textbook ratio test: Harris's two passes cost more here than
     * they save (the k = 12 parsimonious benchmark: the minimum 0.45 s
     * instead of 0.78, the count 6.9 s instead of 9.0); the bounds do not
     * depend on the simplex's accuracy (dual_bound), and a failed solve is
     * retried from a fresh basis with Harris's test (solve_lp). */
    b->parm.r_test = GLP_RT_STD;
    b->sbparm = b->parm;
    b->sbparm.it_lim = SB_ITERATIONS;
}
