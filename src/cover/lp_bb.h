/* State of the LP branch and bound, shared by its two files (internal to
 * src/cover/): lp_search.c (a node: its LP, bound, rounding, fixings and
 * branching; the depth-first search) and lp_split.c (the block's LP, the
 * split of the tree over threads, the entry points of lp_search.h). */
#ifndef FSQ_COVER_LP_BB_H
#define FSQ_COVER_LP_BB_H

#include "cover/lp_search.h"

#include <glpk.h>
#include <setjmp.h>

/* A variable and its LP value, for sorting by decreasing x. */
typedef struct {
    double x;
    size_t j;
} lp_ranked;

/* One level of the depth-first stack. */
typedef struct {
    size_t trail_mark;   /* fixings made at this node start here on the trail */
    int var;             /* branching variable (0-based), -1 before branching */
    int second;          /* value of the second child, -1 once it is taken */
    double second_bound; /* the second child's bound (strong branching) */
    int *basis;          /* the node's optimal basis (lp_search.c: save_basis) */
    int *child[2];       /* where var's trials at 0 and 1 ended (in basis's allocation) */
    int child_ok[2];     /* ... when they had a solution */
} lp_level;

/* A node left for a thread: its fixings from the root (2 j + value each),
 * the basis its LP starts from (nr entries; NULL: GLPK's standard basis)
 * and its place among the tasks of its depth (2 x its parent's, + 1 for
 * the second child). */
typedef struct {
    size_t nfix;
    size_t *fix;
    int *basis;
    size_t key;
} lp_task;

typedef struct {
    lp_task *v;
    size_t n, cap;
} lp_tasks;

/* What the threads of one search share: the best cover size (the minimum
 * search) and whether to stop (a limit, an error or a leaf's callback
 * ended one of them). Read and written atomically. */
typedef struct {
    size_t best;
    int stop;
} lp_shared;

typedef struct {
    solver *s;
    glp_prob *lp;
    size_t nr, nc;    /* LP rows (block columns), LP variables (PIs) */
    /* The block, read only (a thread's copy shares them with the first). */
    size_t *cstart;   /* nc + 1: CSR of each variable's rows */
    size_t *crow;
    size_t *row_col, *var_pi; /* nr: solver column; nc: solver PI */
    size_t ne;
    /* Counting: a PI whose rows are all on another one, its dominator,
     * is left out of the LP while the dominator is not fixed at 0 (the
     * LP's value is the same: a dominated PI's weight moves to its
     * dominator, or its rows are covered); it is free all the same (the
     * bound, the fixings and the leaves see it). dom: the dominator of
     * each variable, SIZE_MAX for none (NULL: none has one); dstart,
     * dlist: CSR of the variables each one dominates. */
    size_t *dom, *dstart, *dlist;
    int worker;       /* a thread's copy: the arrays above are not its own */
    /* The thread's GLPK problem has a column only for the variables that
     * needed one (fixed at 1, or free and in the LP) since it was built:
     * gcol[j] is j's column (0: none), gvar[c] the variable of column c
     * (1-based), ngcol the columns; mind, mval: scratch for
     * glp_set_mat_col (nr + 1) and glp_del_cols (mind: nc + 1). */
    int *gcol;
    size_t *gvar;
    int ngcol;
    int *mind;
    double *mval;
    /* The node. */
    signed char *fix; /* nc: -1 free, 0 or 1 fixed */
    size_t *cov1;     /* nr: variables fixed at 1 covering the row */
    size_t *avail;    /* nr: variables not fixed at 0 covering the row */
    size_t ndead;     /* rows with avail 0: the node has no cover */
    size_t nf1;       /* variables fixed at 1 */
    size_t *trail;    /* fixed variables, in order (at most nc) */
    size_t ntrail;
    double *x, *y, *d;
    size_t *order, *cnt; /* heuristic scratch: nc, nr */
    lp_ranked *rank;     /* nc */
    unsigned char *pick;
    lp_level *lv;
    size_t nlv, cap;
    int *tb[2], tb_ok[2]; /* the last trials' bases at 0 and 1 (nr each) */
    glp_smcp parm, sbparm;
    int limit, rc;
    uint64_t nodes;
    jmp_buf *env;     /* GLPK's error hook jumps here (lp_split.c) */
    /* Counting (fsq__cover_lp_count): the size k counted and the leaves'
     * callback, with its scratch in the solver's indices. */
    int counting, stopped; /* stopped: by the leaf callback */
    size_t k;
    fsq__cover_lp_leaf leaf;
    void *ctx;
    uint64_t *leaf_in, *leaf_free; /* s->pw words each */
    double *leaf_y;                /* s->m */
    /* Threads (lp_split.c): the shared state (NULL on one thread); a
     * search from `split_depth` levels down records the nodes there in
     * `out` instead of searching them (0: searches all). */
    lp_shared *sh;
    size_t split_depth;
    lp_tasks *out;
    const lp_task *task; /* the one to search next */
} lpbb;

/* The search from the node set up in b (its fixings on the trail, its
 * basis loaded). */
void fsq__lpbb_search(lpbb *b);

/* Fixes variable j at value (0 or 1) on the trail; undoes the fixings on
 * the trail after `mark`. */
void fsq__lpbb_trail_fix(lpbb *b, size_t j, int value);
void fsq__lpbb_trail_undo(lpbb *b, size_t mark);

/* The simplex's parameters: b->parm for a node's LP, b->sbparm for the
 * strong branching's trials. */
void fsq__lpbb_init_params(lpbb *b);

/* Loads a basis saved by the search (nr basic variables). */
void fsq__lpbb_load_basis(lpbb *b, const int *basic);

/* The columns of the root's LP, in b->lp (its rows made): those of the
 * variables in it with nothing fixed. */
void fsq__lpbb_root_cols(lpbb *b);

#endif
