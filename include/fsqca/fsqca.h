/*
 * fsqca.h - Qualitative Comparative Analysis, exact and fast.
 *
 * The one installed header of libfsqca. It reads top-down like a manual:
 *   1. errors and version
 *   2. data sets (CSV in, CSV out)
 *   3. truth tables
 *   4. minimization (prime implicants, all minimum solutions, fit)
 *   5. calibration
 *   6. necessity
 *   7. robustness (resampling, sweeps, the robustness protocol)
 *
 * Conventions
 *   - Every function that can fail returns an int: 0 (FSQ_OK) on success, a
 *     negative FSQ_E* code on failure. The message that goes with the last
 *     failure on the calling thread is fsq_last_error().
 *   - Objects are opaque handles created by fsq_X_new / fsq_X_read /
 *     fsq_X_build(&out, ...) and released by a NULL-safe fsq_X_free().
 *     On failure *out is set to NULL and nothing needs freeing.
 *   - Option structs come with an FSQ_X_OPTIONS_INIT initializer; start from it
 *     so that fields added later keep their defaults.
 *   - The library never prints and never exits.
 *   - Results never depend on the number of threads.
 */
#ifndef FSQCA_FSQCA_H
#define FSQCA_FSQCA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------- */
/* 1. Errors and version                                                     */
/* ------------------------------------------------------------------------- */

enum {
    FSQ_OK = 0,
    FSQ_ENOMEM = -1,      /* out of memory */
    FSQ_EINPUT = -2,      /* bad input: data, names, options */
    FSQ_EIO = -3,         /* a file could not be read or written */
    FSQ_ENOSOLUTION = -4, /* the analysis has no answer under these settings */
    FSQ_ELIMIT = -5,      /* a user limit (time, PIs, solutions) stopped it */
    FSQ_EUNSUPPORTED = -6 /* valid but beyond what this version handles */
};

/* The message for the last failure on this thread, e.g.
 * `data.csv:17:4: expected a number, got "n/a"`. Never NULL; "" if none.
 * The string is owned by the library and valid until the next call that fails
 * on this thread. */
const char *fsq_last_error(void);

/* "0.1.0" */
const char *fsq_version(void);

/* ------------------------------------------------------------------------- */
/* 2. Data sets                                                              */
/* ------------------------------------------------------------------------- */

/* A data set: cases (rows) by variables (columns). Numeric columns hold
 * doubles (NaN where a cell is missing); a column with any non-numeric,
 * non-missing cell is a text column and cannot be used in an analysis. Each
 * case has an id (a text first column, the --id-col column, or "1", "2", ...).
 * The data set remembers where every cell came from (file, line, column) so
 * later errors can point at it. */
typedef struct fsq_data fsq_data;

typedef struct {
    char sep;            /* ',', ';' or '\t'; 0 = detect from the header line */
    const char *id_col;  /* name of the case id column; NULL = the first column
                            if it is not numeric, else row numbers */
} fsq_csv_options;
#define FSQ_CSV_OPTIONS_INIT {0, NULL}

/* Reads an RFC 4180 CSV file (LF or CRLF, optional UTF-8 BOM, quoted fields
 * with embedded separators, quotes and newlines). A name ending in ".zst" is
 * decompressed on the fly. Empty cells and NA are missing values.
 * On success *out is a new data set; free it with fsq_data_free(). */
int fsq_data_read_csv(fsq_data **out, const char *path, const fsq_csv_options *opts);

/* The same from a memory buffer; `name` is used in messages. */
int fsq_data_parse_csv(fsq_data **out, const char *text, size_t len, const char *name,
                       const fsq_csv_options *opts);

void fsq_data_free(fsq_data *data);

size_t fsq_data_ncases(const fsq_data *data);
size_t fsq_data_nvars(const fsq_data *data);
const char *fsq_data_var_name(const fsq_data *data, size_t var);
const char *fsq_data_case_id(const fsq_data *data, size_t row);
/* 1 if the column is numeric (possibly with missing cells), else 0. */
int fsq_data_var_is_numeric(const fsq_data *data, size_t var);
/* 1 if the column is taken as a condition when none are named: a numeric
 * column, or a text column that still holds some numbers (most likely a typo
 * in a numeric column, so using it fails with a message that points at the
 * bad cell rather than silently leaving the column out). Pure text columns
 * (names, groups) are left out. */
int fsq_data_var_is_default_condition(const fsq_data *data, size_t var);
/* The values of a numeric column (ncases doubles, NaN = missing); NULL for a
 * text column. Owned by the data set. */
const double *fsq_data_column(const fsq_data *data, size_t var);
/* The column index of `name`, or -1. */
long fsq_data_find_var(const fsq_data *data, const char *name);
/* The name of the source (file path) and the source line of a case. */
const char *fsq_data_source(const fsq_data *data);

/* Checks that the named columns exist, are numeric and have no missing cells.
 * A missing cell is an error naming every missing cell (up to a few) with
 * file:line:column, unless drop_missing is set: then *out is a new data set
 * without the cases that miss any of those columns, and *ndropped says how
 * many were dropped (their ids: fsq_data_dropped_id). With nothing to drop,
 * *out is still a new copy. */
int fsq_data_complete_cases(fsq_data **out, const fsq_data *data,
                            const char *const *names, size_t nnames,
                            int drop_missing, size_t *ndropped);
size_t fsq_data_ndropped(const fsq_data *data);
const char *fsq_data_dropped_id(const fsq_data *data, size_t i);

/* Appends (or replaces, if `name` exists) a numeric column. */
int fsq_data_set_column(fsq_data *data, const char *name, const double *values);

/* Writes the data set as CSV (comma separated, 15 significant digits, ids
 * first). The file is written under a temporary name and renamed when
 * complete, so a failure never leaves a partial file. */
int fsq_data_write_csv(const fsq_data *data, const char *path);

/* ------------------------------------------------------------------------- */
/* 3. Truth tables                                                           */
/* ------------------------------------------------------------------------- */

/* Condition kinds, as QCA detects them from the data: crisp (0/1), fuzzy
 * (any value strictly between 0 and 1), multi-value (integer levels 0..L-1,
 * L > 2). A truth table is crisp if all its conditions are crisp, fuzzy if any
 * is fuzzy, else multi-value (fuzzy and multi-value cannot be mixed). */
typedef enum { FSQ_CRISP = 0, FSQ_FUZZY = 1, FSQ_MULTIVALUE = 2 } fsq_cond_type;

/* Row outcome codes, as QCA prints them. */
typedef enum {
    FSQ_OUT_0 = 0,  /* negative */
    FSQ_OUT_1 = 1,  /* positive */
    FSQ_OUT_C = 2,  /* contradiction: ic0 <= incl < ic1 */
    FSQ_OUT_REM = 3 /* "?": fewer cases than n_cut (or unobserved) */
} fsq_out;

typedef struct {
    double incl_cut1;  /* a row is positive when incl >= incl_cut1 ...      */
    double incl_cut0;  /* ... a contradiction when incl_cut0 <= incl < incl_cut1;
                          negative = a single cut-off: no row is ever C */
    double pri_cut;    /* ... and PRI >= pri_cut                             */
    size_t n_cut;      /* rows with fewer cases are remainders               */
    int threads;       /* 0 = OpenMP default; 1 = serial                     */
} fsq_tt_options;
#define FSQ_TT_OPTIONS_INIT {1.0, -1.0, 0.0, 1, 0}

/* QCA's tolerance for comparisons with cut-offs: x >= cut holds when
 * x >= cut - FSQ_TOLERANCE. */
#define FSQ_TOLERANCE 1.490116119384765625e-08

typedef struct fsq_tt fsq_tt;

/* Builds the truth table of `outcome` (a column name; "~Y" negates it) on the
 * conditions (column names, in that order; NULL/0 = every other numeric
 * column). Only observed configurations are stored. The data must have no
 * missing value in these columns (see fsq_data_complete_cases). The truth
 * table keeps a copy of the memberships it needs; `data` may be freed after. */
int fsq_tt_build(fsq_tt **out, const fsq_data *data, const char *outcome,
                 const char *const *conditions, size_t nconditions,
                 const fsq_tt_options *opts);
void fsq_tt_free(fsq_tt *tt);

size_t fsq_tt_nconditions(const fsq_tt *tt);
const char *fsq_tt_condition(const fsq_tt *tt, size_t j);
/* The outcome's name as given, without "~". */
const char *fsq_tt_outcome(const fsq_tt *tt);
int fsq_tt_outcome_negated(const fsq_tt *tt);
fsq_cond_type fsq_tt_type(const fsq_tt *tt);
/* Number of levels of condition j (2 for crisp and fuzzy). */
unsigned fsq_tt_levels(const fsq_tt *tt, size_t j);
size_t fsq_tt_ncases(const fsq_tt *tt);
const char *fsq_tt_case_id(const fsq_tt *tt, size_t i);

/* Observed rows, in QCA's order (ascending index). */
size_t fsq_tt_nrows(const fsq_tt *tt);
/* The level of condition j in row r. */
unsigned fsq_tt_row_value(const fsq_tt *tt, size_t r, size_t j);
/* QCA's row index (1 + the configuration as a mixed-radix number, first
 * condition most significant) as decimal text in buf; returns buf. It may
 * exceed 64 bits, hence text. */
char *fsq_tt_row_index(const fsq_tt *tt, size_t r, char *buf, size_t bufsize);
size_t fsq_tt_row_n(const fsq_tt *tt, size_t r);
double fsq_tt_row_incl(const fsq_tt *tt, size_t r);
double fsq_tt_row_pri(const fsq_tt *tt, size_t r);
fsq_out fsq_tt_row_out(const fsq_tt *tt, size_t r);
/* The cases (indices into the case list) in row r. */
const size_t *fsq_tt_row_cases(const fsq_tt *tt, size_t r, size_t *ncases);
/* Number of configurations that no case occupies, as decimal text. */
char *fsq_tt_remainders(const fsq_tt *tt, char *buf, size_t bufsize);
/* Cases with a fuzzy membership of exactly 0.5 in some condition: they belong
 * to no row (but still count in every incl / PRI sum). */
const size_t *fsq_tt_half_cases(const fsq_tt *tt, size_t *ncases);

/* The truth table of a resample of the same cases: case i counts
 * weights[i] times (a bootstrap multiplicity; 0 leaves the case out). The
 * result shares the memberships of `base`, which must outlive it; only the
 * rows are recomputed (n = total weight of a row's cases; incl and PRI as
 * weighted sums over all cases; rows with no weight vanish). opts NULL keeps
 * the cut-offs of base. Free with fsq_tt_free(). */
int fsq_tt_reweight(fsq_tt **out, const fsq_tt *base, const double *weights,
                    const fsq_tt_options *opts);

/* Applies new cut-offs (incl, n, pri) to the rows of tt in place: no sum is
 * recomputed, so a sweep over cut-offs costs O(rows) per point. */
int fsq_tt_reclassify(fsq_tt *tt, const fsq_tt_options *opts);

/* Permutation test of every observed row's consistency: the outcome is
 * shuffled across cases `permutations` times (permutation q draws from the
 * generator of (seed, q), see src/robust/permutation.c), and
 *   p[r] = (1 + #{permutations with incl(r) >= the observed incl(r)}) / (1 + P),
 * p_holm[r] the same after Holm's step-down adjustment over the rows. Both
 * arrays have fsq_tt_nrows(tt) entries, allocated by the caller. Identical
 * for any thread count. */
int fsq_tt_permutation_test(const fsq_tt *tt, size_t permutations, uint64_t seed, int threads,
                            double *p, double *p_holm);

/* The truth table as JSON (the "truth_table" schema of the reference files):
 * {"outcome", "negate_outcome", "conditions", "condition_type", "incl_cut",
 *  "n_cut", "pri_cut", "remainder_rows", "half_membership_cases",
 *  "truth_table": [{index,row,OUT,n,incl,PRI,cases}]}.
 * *json is malloc'ed, NUL-terminated; the caller frees it. */
int fsq_tt_to_json(const fsq_tt *tt, char **json, size_t *len);

/* ------------------------------------------------------------------------- */
/* 4. Minimization                                                           */
/* ------------------------------------------------------------------------- */

/* Which solution. Conservative (complex): no remainder is assumed.
 * Parsimonious: every remainder is a don't-care. Intermediate: only the
 * remainders that agree with the directional expectations (the easy
 * counterfactuals) are, per pair of conservative and parsimonious model. */
typedef enum {
    FSQ_CONSERVATIVE = 0,
    FSQ_PARSIMONIOUS = 1,
    FSQ_INTERMEDIATE = 2
} fsq_solution_type;

typedef struct {
    fsq_solution_type type;
    int include_contradictions; /* C rows are don't-cares (QCA include = "?,C") */
    /* Intermediate only: directional expectations, one per condition in the
     * truth table's order, as text: "1", "0", "-" (no expectation), or for
     * a multi-value condition a list of levels "1;2". NULL entries = "-". */
    const char *const *dir_exp;
    size_t ndir_exp;
    /* Limits, 0 = none. Hitting one fails with FSQ_ELIMIT and a message that
     * names it; no partial result is ever returned as complete. */
    size_t max_pis;
    size_t max_solutions;
    double time_limit;          /* seconds, per search */
    int threads;                /* 0 = OpenMP default */
} fsq_min_options;
#define FSQ_MIN_OPTIONS_INIT {FSQ_CONSERVATIVE, 0, NULL, 0, 0, 0, 0.0, 0}

typedef struct fsq_min fsq_min;

/* Minimizes the positive rows (OUT = 1) of a truth table: all prime
 * implicants, the PI chart, every minimum solution (fewest PIs) in QCA's
 * order, the essential PIs, fit from the raw memberships, and the
 * simplifying assumptions; for intermediate solutions also the easy and
 * difficult counterfactuals of every (conservative, parsimonious) pair.
 * Exact: no heuristic stops the search. Fails with FSQ_ENOSOLUTION when
 * there is nothing to minimize (no positive row) or nothing left of it
 * (every configuration positive or a don't-care), FSQ_ELIMIT at a limit.
 * `tt` must outlive the result; free it with fsq_min_free(). */
int fsq_minimize(fsq_min **out, const fsq_tt *tt, const fsq_min_options *opts);
void fsq_min_free(fsq_min *min);

/* The final models: for conservative and parsimonious the minimum covers,
 * for intermediate the distinct intermediate models over all pairs. */
size_t fsq_min_nsolutions(const fsq_min *min);
/* Model i as text, "A*~B + C" (terms in QCA's order), in a malloc'ed string
 * the caller frees; NULL if out of memory. */
char *fsq_min_solution_text(const fsq_min *min, size_t i);
/* Fit of model i: consistency, PRI and coverage of the union of its terms. */
void fsq_min_solution_fit(const fsq_min *min, size_t i, double *incl, double *pri, double *cov);

/* Everything as JSON, with the keys of the QCA reference files: the truth
 * table fields, "solutions", "essential", "prime_implicants", "pi_chart",
 * "pi_chart_columns", "solution_fit", "term_fit", "solution_term_fit",
 * "simplifying_assumptions", "term_cases"; for intermediate solutions also
 * "parsimonious", "intermediate" (key, EC, DC, c_sol, p_sol, ...) and
 * "solutions_from". *json is malloc'ed; the caller frees it. */
int fsq_min_to_json(const fsq_min *min, char **json, size_t *len);

/* Membership of every case (ncases values, in the truth table's case
 * order) in final model i: the maximum over its terms of the minimum over
 * their literals. For XY plots and the robustness protocol. */
int fsq_min_solution_membership(const fsq_min *min, size_t i, double *out);

/* A report as text, like QCA's print: models, then per model a fit table
 * with the cases of each term. Malloc'ed; the caller frees it. */
int fsq_min_to_text(const fsq_min *min, char **text, size_t *len);

/* ------------------------------------------------------------------------- */
/* 5. Calibration                                                            */
/* ------------------------------------------------------------------------- */

/* Calibration turns raw values into set memberships, exactly as QCA's
 * calibrate(x, type, method = "direct", thresholds, logistic, idm, below,
 * above).
 *
 * Fuzzy, 3 thresholds {e, c, i} (exclusion, crossover, inclusion), strictly
 * monotone: e < c < i gives an increasing set, e > c > i a decreasing one.
 *   logistic = 1: the logistic curve through m(c) = 0.5 and m(i) = idm,
 *                 m(e) = 1 - idm (Ragin's direct method; idm = 0.95 gives the
 *                 classic log-odds of 3 at the anchors).
 *   logistic = 0: piecewise curves, 0 up to e, 0.5 at c, 1 from i on; linear
 *                 when below = above = 1, s-shaped (or bent the other way)
 *                 with other positive exponents (below on the e..c side,
 *                 above on the c..i side).
 * Fuzzy, 6 thresholds {e1, c1, i1, i2, c2, e2}: bell-shaped (e1 < c1 < i1 <=
 *   i2 < c2 < e2: full membership between i1 and i2) or its inverse
 *   (i1 < c1 < e1 <= e2 < c2 < i2), with the piecewise curves of logistic = 0
 *   (the logistic flag is ignored, as in QCA).
 * Every fuzzy membership below 0.0001 becomes 0, above 0.9999 becomes 1.
 * Crisp, 1 or more thresholds in any order: the output is the number of
 *   thresholds <= x (0/1 for one threshold, 0/1/2 for two, ...). Every
 *   threshold must lie within [min x, max x], as QCA requires.
 * Missing values (NaN) give NaN. */
typedef enum { FSQ_CALIB_FUZZY = 0, FSQ_CALIB_CRISP = 1 } fsq_calib_type;

typedef struct {
    int type;                 /* FSQ_CALIB_FUZZY or FSQ_CALIB_CRISP            */
    int logistic;             /* fuzzy, 3 thresholds: 1 logistic, 0 piecewise */
    double idm;               /* inclusion degree of membership, 0.5 < idm < 1 */
    double below, above;      /* exponents of the piecewise curves, > 0        */
    size_t nthresholds;       /* 3 or 6 (fuzzy), >= 1 (crisp)                  */
    const double *thresholds; /* fuzzy: e, c, i or e1, c1, i1, i2, c2, e2     */
} fsq_calib_options;
#define FSQ_CALIB_OPTIONS_INIT {FSQ_CALIB_FUZZY, 1, 0.95, 1.0, 1.0, 0, NULL}

/* Calibrates x[0..n) into out[0..n) (the caller's array; out may be x itself).
 * opts NULL means the defaults, which have no thresholds and so fail.
 * Returns FSQ_OK, or FSQ_EINPUT (wrong number or order of thresholds, idm or
 * exponents out of range, a crisp threshold outside the data) with a message;
 * on failure out is left untouched. Allocates nothing the caller must free. */
int fsq_calibrate(const double *x, size_t n, const fsq_calib_options *opts, double *out);

/* Parses a threshold list as the command line takes it: "350,550,900",
 * "550", or named anchors in any order, "e=350,c=550,i=900" or
 * "e1=..,c1=..,i1=..,i2=..,c2=..,e2=..". Named anchors are stored in the
 * canonical order (e, c, i / e1, c1, i1, i2, c2, e2) ready for
 * fsq_calib_options.thresholds; unnamed ones in the order given. Writes at
 * most `max` values to thresholds, their count to *n and, if named is not
 * NULL, whether they were named to *named. Returns FSQ_OK or FSQ_EINPUT (not
 * a number, unknown or repeated name, names on some values only, too many). */
int fsq_calib_parse_thresholds(const char *text, double *thresholds, size_t max, size_t *n,
                               int *named);

/* ------------------------------------------------------------------------- */
/* 6. Necessity                                                              */
/* ------------------------------------------------------------------------- */

/* Necessity: which conditions, negated conditions, and unions (or
 * intersections) of them is the outcome a subset of? Exactly QCA's
 * superSubset(relation = "necessity"): the same expressions, in the same
 * order, with
 *   inclN = sum min(X, Y) / sum Y          (consistency of necessity)
 *   covN  = sum min(X, Y) / sum X          (coverage of necessity)
 *   RoN   = sum (1 - X) / sum (1 - min(X, Y))  (relevance of necessity)
 * Literals, then intersections ("A*B", kept even when A alone passes) and
 * unions ("A + ~B", not listed when a smaller union or literal inside them
 * already passes) of up to `depth` conditions are tried; see
 * src/fit/necessity.c for the exact search order and QCA's stopping rule.
 * Conditions may be fuzzy (values in [0, 1]), crisp (0/1) or multi-value
 * (integer levels 0..L-1; then expressions read "A[2] + B[0]"). */
typedef struct {
    double incl_cut;  /* keep inclN >= incl_cut (QCA's default 1)            */
    double cov_cut;   /* ... and covN >= cov_cut (default 0)                 */
    double ron_cut;   /* ... and RoN >= ron_cut (default 0; no tolerance)   */
    int depth;        /* at most this many literals; 0 = all (QCA's default) */
    int mv_notation;  /* 1 = always write A[1] / A[0]; set by an outcome Y[..] */
} fsq_nec_options;
#define FSQ_NEC_OPTIONS_INIT {1.0, 0.0, 0.0, 0, 0}
/* inclN and covN are compared with QCA's tolerance (FSQ_TOLERANCE, the
 * latter only when cov_cut > 0); RoN exactly, as QCA does. */

typedef struct fsq_nec fsq_nec;

/* One necessary expression. */
typedef struct {
    const char *expression; /* "A", "~A", "A*B", "A + ~B", "A[1] + B[0]"      */
    double incl;            /* inclN */
    double ron;             /* RoN   */
    double cov;             /* covN  */
    size_t nliterals;       /* 1 for a single literal                        */
    int disjunction;        /* 1 for a union "A + B", 0 otherwise            */
} fsq_nec_term;

/* Necessity analysis on a data set. `outcome` names a numeric column with
 * values in [0, 1]; "~Y" uses 1 - Y; "Y[1]" or "Y{1,2}" uses membership in
 * those levels of a multi-value Y. `conditions` are column names in the
 * order wanted (NULL = every other numeric column; text columns are skipped).
 * Cells must not be missing. On success *out holds the result (possibly with
 * no expression at all: nothing passed the cut-offs); free it with
 * fsq_nec_free(). Returns FSQ_OK, FSQ_EINPUT (unknown or text column, missing
 * cell, outcome outside [0, 1], bad options) or FSQ_ENOMEM. */
int fsq_nec_compute(fsq_nec **out, const fsq_data *data, const char *outcome,
                    const char *const *conditions, size_t nconditions,
                    const fsq_nec_options *opts);

/* The same on plain arrays: conditions[c][i] is case i's value of condition
 * c (named names[c]), outcome[i] the outcome membership (already negated if
 * wanted), ncases cases. outcome_name is only recorded (for the JSON). */
int fsq_nec_compute_arrays(fsq_nec **out, const double *const *conditions,
                           const char *const *names, size_t nconditions,
                           const double *outcome, const char *outcome_name, size_t ncases,
                           const fsq_nec_options *opts);

void fsq_nec_free(fsq_nec *nec);

size_t fsq_nec_nterms(const fsq_nec *nec);
/* Term i (0 <= i < fsq_nec_nterms), owned by nec. */
const fsq_nec_term *fsq_nec_term_at(const fsq_nec *nec, size_t i);
/* The outcome as given ("~SURV") and the conditions analysed. */
const char *fsq_nec_outcome(const fsq_nec *nec);
size_t fsq_nec_nconditions(const fsq_nec *nec);
const char *fsq_nec_condition(const fsq_nec *nec, size_t j);

/* The result as JSON, the schema of the QCA reference files:
 * {"outcome", "conditions", "relation": "necessity", "incl_cut", "cov_cut",
 *  "ron_cut", "depth" (null = all), "results": [{"expression", "inclN",
 *  "RoN", "covN"}]}. *json is malloc'ed and NUL-terminated (*len bytes if len
 * is not NULL); the caller frees it. */
int fsq_nec_to_json(const fsq_nec *nec, char **json, size_t *len);

/* ------------------------------------------------------------------------- */
/* 7. Robustness                                                             */
/* ------------------------------------------------------------------------- */

/* The robustness protocol of Oana & Schneider (2021, "A Robustness Test
 * Protocol for Applied QCA", Sociological Methods & Research; SetMethods
 * functions rob.fit, rob.corefit and rob.cases). A researcher's initial
 * solution (IS) is compared with test solutions TS_1..TS_m obtained under
 * other plausible choices (calibration anchors, incl.cut, n.cut, ...). All
 * inputs are per-case memberships in [0, 1] (a solution's membership is the
 * maximum over its terms), all of length ncases:
 *
 *   TS_min = min over ALL test solutions, TS_max = max over ALL of them.
 *            (SetMethods 3.x combines only the first and the last test
 *            solution, a loop `for (i in length(test_sol))`; the two agree
 *            for m <= 2.)
 *   core   = min(IS, TS_min), the robust core (= SetMethods rob.corefit,
 *            which takes the minimum over all solutions).
 *   incl(X) = sum min(X, Y) / sum X,  cov(X) = sum min(X, Y) / sum Y.
 *   RF_cov    = cov(core) / cov(IS)
 *   RF_cons   = incl(IS) / incl(core)
 *   RF_SC_min = sum min(IS, TS_min) / sum max(IS, TS_min)
 *   RF_SC_max = sum min(IS, TS_max) / sum max(IS, TS_max)
 *
 * Case classes (rob.cases): a case is in a set when its membership is
 * > 0.5 and typical/deviant when Y > 0.5 / Y < 0.5 (strictly); cases with
 * a deciding membership of exactly 0.5 are unclassified. Cases with
 * IS > 0.5 are judged against TS_min, cases with IS < 0.5 against TS_max:
 *
 *   robust typical    min(IS, TS_min) > .5,    Y > .5   (SetMethods S1S2Y)
 *   robust deviant    min(IS, TS_min) > .5,    Y < .5   (S1S2y)
 *   shaky typical     min(IS, 1-TS_min) > .5,  Y > .5   (S1s2Y)
 *   shaky deviant     min(IS, 1-TS_min) > .5,  Y < .5   (S1s2y)
 *   possible typical  min(1-IS, TS_max) > .5,  Y > .5   (s1S2Y)
 *   possible deviant  min(1-IS, TS_max) > .5,  Y < .5   (s1S2y)
 *   extreme deviant coverage  min(1-IS, 1-TS_max) > .5, Y > .5  (s1s2Y)
 *   irrelevant        min(1-IS, 1-TS_max) > .5, Y < .5  (s1s2y)
 *
 *   RCR_typ = robust typical / (shaky typical + possible typical + robust typical)
 *   RCR_dev = robust deviant / (shaky deviant + possible deviant + robust deviant)
 *   RCC_Rank: with shaky = #{min(IS, 1-TS_min) > .5} and
 *             possible = #{min(1-IS, TS_max) > .5}, whatever Y:
 *             1 if both are 0, 2 if only possible > 0, 3 if only shaky > 0,
 *             4 if both > 0.
 *
 * Ratios follow R's arithmetic: 0/0 is NaN, x/0 is +Inf. fsqca does not
 * round; SetMethods prints RF_* and RCR_* rounded to 3 decimals (and rounds
 * the consistencies inside RF_cons to 3 significant digits first), so its
 * figures can differ from these in the third decimal. */
typedef enum {
    FSQ_ROB_UNCLASSIFIED = 0,          /* a deciding membership is exactly 0.5 */
    FSQ_ROB_ROBUST_TYPICAL,
    FSQ_ROB_ROBUST_DEVIANT,
    FSQ_ROB_SHAKY_TYPICAL,
    FSQ_ROB_SHAKY_DEVIANT,
    FSQ_ROB_POSSIBLE_TYPICAL,
    FSQ_ROB_POSSIBLE_DEVIANT,
    FSQ_ROB_EXTREME_DEVIANT_COVERAGE,
    FSQ_ROB_IRRELEVANT,
    FSQ_ROB_NCLASSES
} fsq_rob_class;

typedef struct {
    size_t ncases;
    double incl_is, cov_is;            /* fit of the initial solution      */
    double incl_core, cov_core;        /* fit of the robust core           */
    double rf_cov, rf_cons;            /* robustness fit, formulas above   */
    double rf_sc_min, rf_sc_max;
    size_t nclass[FSQ_ROB_NCLASSES];   /* cases per class                  */
    size_t nshaky, npossible;          /* for RCC_Rank, whatever Y         */
    double rcr_typ, rcr_dev;
    int rcc_rank;                      /* 1..4                             */
} fsq_robust_fit;

/* Optional per-case outputs of fsq_robust_protocol: each pointer may be NULL,
 * else it is caller-allocated with ncases entries. */
typedef struct {
    double *ts_min;
    double *ts_max;
    double *core;
    unsigned char *case_class;         /* fsq_rob_class values */
} fsq_robust_cases;

/* Computes the protocol for an initial solution `is`, `nts` >= 1 test
 * solutions ts[0..nts-1] and the outcome `y` (use 1 - y for a negated
 * outcome). Every membership must be a number in [0, 1], else FSQ_EINPUT
 * names the first offender. `cases` may be NULL. Allocates nothing. */
int fsq_robust_protocol(fsq_robust_fit *fit, const double *is, const double *const *ts,
                        size_t nts, const double *y, size_t ncases, fsq_robust_cases *cases);

/* A class's name ("robust typical", ...) and SetMethods' key ("S1S2Y", ...);
 * "unclassified" / "" for FSQ_ROB_UNCLASSIFIED, NULL if out of range. */
const char *fsq_robust_class_name(fsq_rob_class c);
const char *fsq_robust_class_key(fsq_rob_class c);

/* Resampling and sensitivity sweeps ----------------------------------------
 *
 * A run re-analyses one truth table many times: case resampling (bootstrap,
 * subsampling, jackknife, leave-k-out: each replicate is the same cases with
 * multiplicities, rebuilt with fsq_tt_reweight under the same cut-offs and
 * minimized), grids of cut-offs (fsq_tt_reclassify, then minimize), or
 * grids of one calibration anchor (recalibrate, rebuild, minimize).
 *
 * Randomness: replicate r draws from its own generator seeded by (seed, r)
 * (src/robust/rng.h documents it bit for bit; src/robust/resample.h the
 * order of draws), so every number of a run is identical for any thread
 * count and machine. Replicates run in parallel (OpenMP, dynamic schedule),
 * each minimization single-threaded; results are stored in replicate order.
 *
 * Reuse: two replicates whose tables have the same ON, OFF and C rows
 * (remainders being implicit) have the same models, so the models, their
 * texts and their case memberships are computed once per distinct table and
 * thread. Fit is never reused: it is recomputed for every replicate from the
 * model memberships with that replicate's case weights (the same sums, in
 * the same order, as fsq_min_solution_fit, so the figures are identical to
 * those of an ordinary fsq_tt_build + fsq_minimize of the resampled data).
 *
 * "No solution" (fsq_minimize's FSQ_ENOSOLUTION: no positive row, or
 * nothing left to minimize) is a replicate outcome, not an error.
 *
 * The initial solution (IS) is the first model of the minimization of the
 * full data (the table given, or the given anchors); a replicate's test
 * solution (TS) is its first model, with memberships over ALL cases of the
 * original data. */
typedef enum {
    FSQ_ROBUST_BOOTSTRAP = 0,  /* `replicates` draws of n cases with replacement */
    FSQ_ROBUST_SUBSAMPLE = 1,  /* `replicates` samples of `subsample` cases, without */
    FSQ_ROBUST_JACKKNIFE = 2,  /* n replicates, replicate r leaves out case r */
    FSQ_ROBUST_LEAVE_K_OUT = 3, /* C(n, k) replicates, k-subsets in lexicographic order */
    FSQ_ROBUST_SWEEP_CUTS = 4,  /* grid of incl.cut x n.cut x pri.cut */
    FSQ_ROBUST_SWEEP_CALIB = 5  /* grid of one calibration anchor */
} fsq_robust_scheme;

/* Called from one thread with the number of finished replicates. */
typedef void (*fsq_robust_progress_fn)(void *ctx, uint64_t done, uint64_t total);

typedef struct {
    fsq_robust_scheme scheme;  /* set by the function for sweeps */
    size_t replicates;         /* bootstrap, subsample: B */
    size_t subsample;          /* subsample: m (1 <= m <= n) */
    size_t leave_out;          /* leave-k-out: k (1 <= k < n) */
    uint64_t seed;
    fsq_min_options min;       /* solution type etc.; min.threads is forced to 1 */
    int threads;               /* over replicates; 0 = OpenMP default */
    int reuse;                 /* 1: reuse models of identical tables (default) */
    fsq_robust_progress_fn progress;
    void *progress_ctx;
    /* Streaming, shards and resume (see "Streams, shards and merge" below). */
    int keep;                  /* 1 (default): keep every replicate for the
                                * per-replicate accessors; 0: bounded memory,
                                * replicates are dropped once streamed */
    size_t shard, nshards;     /* run only shard `shard` (1-based) of `nshards`
                                * (0 = the whole run) */
    size_t block_stride, block_offset; /* only blocks b with b % stride ==
                                * offset (stride 0 or 1: every block) */
    const char *stream_path;   /* write the stream here as replicates finish */
    const char *stream_identity; /* one line naming the inputs and options */
    int resume;                /* continue stream_path if it holds a prefix */
    int zstd_level;            /* 0 = 3 */
    struct fsq_robust_piece_sink *sink; /* receives each finished piece */
    int (*stop)(void *ctx);    /* polled; nonzero: stop at the next replicate */
    void *stop_ctx;
} fsq_robust_options;
#define FSQ_ROBUST_OPTIONS_INIT                                                        \
    {FSQ_ROBUST_BOOTSTRAP, 1000, 0, 1, 0,                                              \
     {FSQ_PARSIMONIOUS, 0, NULL, 0, 0, 0, 0.0, 1}, 0, 1, NULL, NULL,                   \
     1, 0, 0, 0, 0, NULL, NULL, 0, 0, NULL, NULL, NULL}

typedef struct fsq_robust_run fsq_robust_run;

/* Case resampling of tt (opts->scheme one of the first four). tt may be
 * freed after the call (the run copies what it keeps). Fails with
 * FSQ_EINPUT (bad sizes), FSQ_ELIMIT (too many replicates, or a
 * minimization limit in some replicate), FSQ_ENOMEM. */
int fsq_robust_resample(fsq_robust_run **out, const fsq_tt *tt, const fsq_robust_options *opts);

/* Cut-off grid: every combination of the listed values (an empty list =
 * tt's own value), incl_cut outermost, pri_cut innermost: point
 * r = (i * n_n + j) * n_pri + l. A table built with incl_cut0 keeps it
 * (lowered to the swept incl_cut1 when above it). */
typedef struct {
    const double *incl_cut;
    size_t nincl_cut;
    const size_t *n_cut;
    size_t nn_cut;
    const double *pri_cut;
    size_t npri_cut;
} fsq_robust_grid;
int fsq_robust_sweep_cuts(fsq_robust_run **out, const fsq_tt *tt, const fsq_robust_grid *grid,
                          const fsq_robust_options *opts);

/* How one raw column becomes a condition (or the outcome): calibrated with
 * `calib` into a column of the same name. */
typedef struct {
    const char *column;
    fsq_calib_options calib;
} fsq_robust_calib;

/* Calibration grid: the raw data are calibrated with calibs[0..ncalibs-1],
 * except that threshold `anchor` of calibs[which] takes each of values[]
 * in turn; the table is rebuilt (tt_opts, outcome, conditions as in
 * fsq_tt_build) and minimized. The IS uses the anchors as given. A point
 * whose thresholds are invalid (e.g. not monotone) fails the run with
 * FSQ_EINPUT naming it. */
int fsq_robust_sweep_calib(fsq_robust_run **out, const fsq_data *raw, const char *outcome,
                           const char *const *conditions, size_t nconditions,
                           const fsq_tt_options *tt_opts, const fsq_robust_calib *calibs,
                           size_t ncalibs, size_t which, size_t anchor, const double *values,
                           size_t nvalues, const fsq_robust_options *opts);

void fsq_robust_run_free(fsq_robust_run *run);

size_t fsq_robust_run_nreplicates(const fsq_robust_run *run);
/* The per-replicate accessors below (status, nsolutions, solution, fit,
 * replicate_json) need a run made with options.keep = 1 (the default); a
 * streamed run (keep = 0) or a merged one keeps only its summary. */
/* FSQ_OK, or FSQ_ENOSOLUTION when replicate r has no solution. */
int fsq_robust_run_status(const fsq_robust_run *run, size_t r);
size_t fsq_robust_run_nsolutions(const fsq_robust_run *run, size_t r);
/* Model i of replicate r as text ("A*~B + C"); owned by the run. */
const char *fsq_robust_run_solution(const fsq_robust_run *run, size_t r, size_t i);
void fsq_robust_run_fit(const fsq_robust_run *run, size_t r, size_t i, double *incl,
                        double *pri, double *cov);
/* Replicates whose models came from the reuse cache. */
size_t fsq_robust_run_nreused(const fsq_robust_run *run);
/* The initial solution's models (0 when the full data have no solution). */
size_t fsq_robust_run_initial_nsolutions(const fsq_robust_run *run);
const char *fsq_robust_run_initial(const fsq_robust_run *run, size_t i);

/* Replicate r as one JSON line (no newline): {"replicate": r, "left_out":
 * [case ids] (jackknife, leave-k-out), "params": {...} (sweeps),
 * "solutions": [[terms of model 1], ...], "solution_fit": [{"incl", "PRI",
 * "cov"}, ...]}. Bootstrap and subsample lines carry no multiplicities:
 * they follow from (seed, replicate). *json is malloc'ed; the caller frees. */
int fsq_robust_run_replicate_json(const fsq_robust_run *run, size_t r, char **json,
                                  size_t *len);

/* A share of replicates with its 95% Wilson score interval. */
typedef struct {
    const char *text;          /* model or term; owned by the run */
    size_t count;
    double share, lo, hi;
} fsq_robust_share;

/* Sensitivity range of a swept parameter: the grid values around the given
 * value (the IS's) reached by moving along that parameter's axis (the other
 * parameters at their given values) while every model stays the same as the
 * IS's. defined = 0 when the given value is not on the grid. */
typedef struct {
    const char *name;          /* "incl_cut", "n_cut", "pri_cut", "anchor" */
    double given, lo, hi;
    int defined;
} fsq_robust_range;

typedef struct {
    size_t nreplicates;
    fsq_robust_share no_solution;
    size_t nmodels;            /* distinct models, most frequent first */
    const fsq_robust_share *models;
    size_t nterms;             /* distinct terms, most frequent first */
    const fsq_robust_share *terms;
    /* R's type-7 quantiles (2.5%, 50%, 97.5%) of the first model's
     * consistency and coverage over replicates with a solution (NaN if none). */
    double incl_q[3], cov_q[3];
    size_t nranges;            /* sweeps only */
    const fsq_robust_range *ranges;
} fsq_robust_summary;

/* The summary, computed when the run finished; owned by the run. */
const fsq_robust_summary *fsq_robust_run_summary(const fsq_robust_run *run);

/* The robustness protocol between the IS and ALL test solutions of the run
 * (replicates without a solution are left out), over the original cases and
 * outcome. FSQ_ENOSOLUTION if the IS or every replicate has no solution. */
int fsq_robust_run_protocol(const fsq_robust_run *run, fsq_robust_fit *fit,
                            fsq_robust_cases *cases);

/* ---------------------------------------------------------------------------
 * Streams, shards and merge (batch jobs: job arrays, MPI, resume)
 *
 * Replicates are cut into blocks of B consecutive replicates,
 * B = fsq_robust_block_size(nrep) (a function of the count only). As
 * replicates finish, a reorder buffer hands them on in replicate order; a
 * "piece" (at most one block, never straddling two) is passed to
 * options.sink and/or appended to options.stream_path, so memory is bounded
 * by the threads' work and the reuse caches (capped), not by the count.
 *
 * The stream file (.jsonl.zst, `zstd -dc` prints its JSON lines):
 *   a skippable frame (magic 0x184D2A5E) with a text header: the run's
 *   identity (options.stream_identity), replicate count, block size, the
 *   initial solution, sweep axes, outcome and IS memberships, then
 *   "shard I N" and "range LO HI";
 *   per piece, a skippable frame (magic 0x184D2A5F) with 8-byte
 *   little-endian lo, hi, nts, ncases, compressed size, then nts > 0:
 *   2 x ncases doubles (TS_min, TS_max of the piece's first models, IEEE bit
 *   patterns little-endian), followed by one zstd frame of the piece's lines.
 * One complete run has one piece per block. Shard I of N holds replicates
 * [floor((I-1) nrep / N), floor(I nrep / N)). fsq_robust_merge_* rebuilds
 * from pieces in order the file one run writes, byte for byte. */
typedef struct {
    size_t lo, hi;              /* replicates lo..hi-1 */
    const char *lines;          /* their JSON lines, each ending in '\n' */
    size_t len;
    size_t nts, ncases;         /* replicates with a solution; cases */
    const double *ts_min, *ts_max; /* ncases each (NULL when nts == 0) */
} fsq_robust_piece;

/* A piece receiver: fn is called in replicate order from one thread at a
 * time; nonzero stops the run with that code (fsq_last_error() kept). */
typedef struct fsq_robust_piece_sink {
    int (*fn)(void *ctx, const fsq_robust_run *run, const fsq_robust_piece *piece);
    void *ctx;
} fsq_robust_piece_sink;

/* B for a run of nrep replicates: clamp(ceil(nrep / 64), 8, 4096). */
size_t fsq_robust_block_size(size_t nrep);

/* Replicates [lo, hi) this run computed into its stream (after a resume,
 * lo is where the stream started, resumed_from where computing started). */
void fsq_robust_run_range(const fsq_robust_run *run, size_t *lo, size_t *hi,
                          size_t *resumed_from);

/* The header of the whole run's stream (shard 1 of 1, range 0..nrep), as
 * written by a complete run; *text malloc'ed, the caller frees. */
int fsq_robust_run_stream_header(const fsq_robust_run *run, const char *identity, char **text,
                                 size_t *len);

/* What a stream file holds: its header fields and complete pieces.
 * complete = the pieces cover [lo, hi) exactly. */
typedef struct {
    size_t nrep, block, shard, nshards, lo, hi;
    size_t covered;             /* end of the contiguous pieces from lo */
    int complete;
} fsq_robust_stream_info;
int fsq_robust_stream_info_read(const char *path, fsq_robust_stream_info *info);

/* A merge: headers and pieces in replicate order into out_path (NULL: no
 * file, the summary only), written atomically. */
typedef struct fsq_robust_merge fsq_robust_merge;
int fsq_robust_merge_new(fsq_robust_merge **out, const char *out_path, int zstd_level);
/* The first header fixes the run; a later one must agree on everything but
 * its shard and range (FSQ_EINPUT naming `name` otherwise). */
int fsq_robust_merge_header(fsq_robust_merge *m, const char *text, size_t len, const char *name);
/* The next piece: must start where the previous one ended. */
int fsq_robust_merge_piece(fsq_robust_merge *m, const fsq_robust_piece *p, const char *name);
/* A stream file: its header, then its pieces (FSQ_EINPUT if they do not
 * cover its range: an incomplete part). */
int fsq_robust_merge_file(fsq_robust_merge *m, const char *path);
/* Checks that every replicate arrived, finishes the file and returns a run
 * holding the summary and protocol data (no replicates: keep = 0). */
int fsq_robust_merge_finish(fsq_robust_merge *m, fsq_robust_run **run);
/* Drops a merge (removes its temporary file). NULL-safe. */
void fsq_robust_merge_free(fsq_robust_merge *m);

/* The permutation test in parts (for MPI ranks): count[r] += the number of
 * permutations q in [q_lo, q_hi) with incl(r) >= the observed incl(r)
 * (count has fsq_tt_nrows(tt) entries, zeroed by the caller); then the
 * p-values of fsq_tt_permutation_test from the summed counts. */
int fsq_tt_permutation_counts(const fsq_tt *tt, size_t q_lo, size_t q_hi, uint64_t seed,
                              int threads, size_t *count);
void fsq_tt_permutation_pvalues(const fsq_tt *tt, const size_t *count, size_t permutations,
                                double *p, double *p_holm);

/* A summary-only run's scheme and seed (as in its header). */
fsq_robust_scheme fsq_robust_run_scheme(const fsq_robust_run *run);
uint64_t fsq_robust_run_seed(const fsq_robust_run *run);

#ifdef __cplusplus
}
#endif
#endif /* FSQCA_FSQCA_H */
