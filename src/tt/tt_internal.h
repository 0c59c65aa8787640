/* The truth table object (internal layout, shared by tt/, fit/, prime/ glue,
 * robust/).
 *
 * Memberships are stored column-wise (structure of arrays): x[j * ncases + i]
 * is case i's value in condition j: a membership in [0, 1] for crisp and fuzzy
 * conditions, the level itself for multi-value ones. y[i] is the outcome
 * membership, already negated when the outcome was given as "~Y", and
 * yny[i] = min(y, 1 - y), precomputed for PRI.
 *
 * Configurations are "digit" rows: k bytes, digit j in 0..levels[j]-1, the
 * same representation src/prime/ works on. Rows are the observed
 * configurations (n >= 1) in ascending QCA index order, which is the
 * lexicographic order of their digit rows (first condition most significant).
 */
#ifndef FSQ_TT_TT_INTERNAL_H
#define FSQ_TT_TT_INTERNAL_H

#include "common/buf.h"
#include "fsqca/fsqca.h"
#include "common/json.h"

struct fsq_tt {
    /* A reweighted table (fsq_tt_reweight) borrows everything up to and
     * including `half_cases` from its base and owns only the rows. */
    const fsq_tt *base;
    double *weights;        /* reweighted tables: ncases case weights */
    size_t k, ncases;
    char **conditions;      /* k names */
    char *outcome;          /* name without "~" */
    int negated;
    char *source;           /* data file name, for messages */
    fsq_cond_type type;
    unsigned char *levels;  /* k: 2, or the number of multi-value levels */
    unsigned char *fuzzy;   /* k: 1 if condition j has a value strictly in (0, 1) */
    double *x;              /* k x ncases, column-wise */
    double *y;              /* ncases */
    double *yny;            /* ncases: min(y, 1 - y) */
    double sum_y;           /* sum of y over all cases */
    char **case_ids;        /* ncases */
    unsigned char *half;    /* ncases: 1 if some fuzzy value is exactly 0.5 */
    size_t *half_cases, nhalf;
    fsq_tt_options opts;

    size_t nrows;
    unsigned char *rows;    /* nrows x k digits */
    size_t *row_n;
    double *row_incl, *row_pri;
    unsigned char *row_out; /* fsq_out */
    size_t *row_start;      /* nrows + 1: CSR offsets into row_cases */
    size_t *row_cases;      /* case indices, each row's in data order */
};

/* Sums over all cases of a set of cubes' memberships (digit rows, FSQ__DASH
 * for a free condition; a row is a cube without dashes):
 *   sums[3c]   = sum w_i m_ic
 *   sums[3c+1] = sum w_i min(m_ic, y_i)
 *   sums[3c+2] = sum w_i min(m_ic, y_i, 1 - y_i)
 * with case weights w (NULL = all 1: the plain sums; a bootstrap replicate
 * passes its case multiplicities). Vectorized over tiles of cases, parallel
 * over blocks of cubes; each cube's sums are accumulated in the same order
 * whatever the thread count, so results are bit-identical. */
int fsq__tt_cube_sums(const fsq_tt *tt, const unsigned char *cubes, size_t ncubes,
                      const double *w, double *sums, int threads);
/* The same, stopping with FSQ_ELIMIT (no message) once `deadline`
 * (fsq__now() seconds, 0 = none) has passed. */
int fsq__tt_cube_sums_until(const fsq_tt *tt, const unsigned char *cubes, size_t ncubes,
                            const double *w, double *sums, int threads, double deadline);

/* The membership of every case in one cube (out: ncases values). */
void fsq__tt_cube_membership(const fsq_tt *tt, const unsigned char *cube, double *out);

/* Consistency and PRI from the three sums, as QCA computes them. */
double fsq__incl_from_sums(const double *s3);
double fsq__pri_from_sums(const double *s3);

/* QCA's OUT for a row with n cases, consistency incl and PRI pri. */
fsq_out fsq__tt_classify(const fsq_tt_options *o, double n, double incl, double pri);

/* The QCA index of a digit row, 1-based, as decimal text. */
char *fsq__tt_index_text(const unsigned char *digits, const unsigned char *levels, size_t k,
                         char *buf, size_t size);

/* Holm's step-down adjustment of m p-values (src/robust/permutation.c). */
void fsq__holm(const double *p, size_t m, double *adjusted);

/* Names as QCA prints them: "crisp" / "fuzzy" / "multi-value"; "0" "1" "C" "?". */
const char *fsq__tt_type_name(fsq_cond_type t);
const char *fsq__out_name(fsq_out o);

/* A digit row as text ("0120", or "0,12,0" when some condition has more
 * than ten levels). */
void fsq__tt_row_text(const fsq_tt *tt, const unsigned char *digits, fsq__buf *b);
/* Writes the truth table's keys into the currently open JSON object. */
void fsq__tt_json_fields(const fsq_tt *tt, fsq__json *j);

#endif
