/* Boolean expressions in QCA's syntax (internal layout, shared by src/fit/
 * and src/minimize/findrows.c).
 *
 * An expression is a sum of products: terms separated by '+', literals by
 * '*'. A literal names a column and says which of its values it stands for:
 *   NAME       presence: membership x (crisp or fuzzy columns only)
 *   ~NAME      absence: 1 - x
 *   NAME[v]    level v (multi-value: 1 when x == v, else 0; crisp/fuzzy:
 *              [1] = x, [0] = 1 - x); NAME[v,w] or NAME{v,w}: any of them
 *   ~NAME[v]   not level v
 * A literal's `levels` is a bitmask over levels 0..63; `bracket` says
 * whether it was written with levels (plain NAME is levels {1}, ~NAME the
 * same with `negated`). */
#ifndef FSQ_FIT_EXPR_H
#define FSQ_FIT_EXPR_H

#include <stdint.h>

#include "fsqca/fsqca.h"

typedef struct {
    char *name;
    uint64_t levels;
    int negated;
    int bracket;
} fsq__literal;

typedef struct {
    size_t nlits;
    fsq__literal *lits;
    char *text;          /* canonical: "A*~B", "A[2]*B[0,1]" */
} fsq__term;

struct fsq_expr {
    size_t nterms;
    fsq__term *terms;
    char *text;          /* canonical: terms joined by " + " */
    size_t nvars;
    char **vars;         /* distinct names, in order of first use */
};

/* Binds the expression to the conditions of a truth table: cond[t][l] is
 * the condition of literal l of term t (a malloc'ed array of nterms arrays;
 * free with fsq__expr_unbind). Fails with FSQ_EINPUT when a name is not a
 * condition of tt, a plain literal names a multi-value condition, or a level
 * is out of range. */
int fsq__expr_bind_tt(const fsq_expr *e, const fsq_tt *tt, size_t ***cond);
void fsq__expr_unbind(const fsq_expr *e, size_t **cond);

/* 1 when the configuration (one digit per condition of the bound table) is
 * inside term t (t == FSQ_EXPR_ALL: inside some term), else 0. */
int fsq__expr_covers(const fsq_expr *e, size_t t, size_t *const *cond,
                     const unsigned char *digits);

#endif
