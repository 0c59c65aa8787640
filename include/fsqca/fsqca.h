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
 *   8. configuration charts, groups and tables for papers
 *   9. expressions: fit of any expression, findRows, excluded rows
 *   10. influence matrices (network thinking: roles, MICMAC, loops, what-if)
 *   11. explicit sets and Berkeley PLA files
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
    FSQ_EUNSUPPORTED = -6, /* valid but beyond what this version handles */
    FSQ_EINTERNAL = -7     /* a solver the library relies on (GLPK) failed */
};

/* The message for the last failure on this thread, e.g.
 * `data.csv:17:4: expected a number, got "n/a"`. Never NULL; "" if none.
 * The string is owned by the library and valid until the next call that fails
 * on this thread. */
const char *fsq_last_error(void);
/* A monotonic clock in seconds: the time_start of the option structures. */
double fsq_clock_seconds(void);

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

/* Size limits of the CSV reader: a field (a cell or a column name, after
 * unquoting) of more than FSQ_CSV_MAX_FIELD bytes, or a record (one row,
 * all its physical lines) of more than FSQ_CSV_MAX_RECORD bytes, is an
 * error naming file:line:column. They bound what one cell can make the
 * program hold (a 1 GB "case id" is a damaged file, not data). */
#define FSQ_CSV_MAX_FIELD 1048576   /* 1 MiB */
#define FSQ_CSV_MAX_RECORD 67108864 /* 64 MiB */

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

/* The index of the numeric column `name` in *var, or FSQ_EINPUT with a
 * message that names the file and either lists the columns or points at the
 * column's first non-numeric cell. */
int fsq_data_numeric_var(const fsq_data *data, const char *name, size_t *var);
/* Formats v as the CSV writer does: the shortest of %.15g that reads back to
 * the same value, else %.17g; "NA" for NaN. Truncates to bufsize - 1. */
void fsq_data_format_number(char *buf, size_t bufsize, double v);

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
    /* fsq_tt_build only: seconds (0 = none) counted from time_start (a time
     * of fsq_clock_seconds(); 0 = the call); FSQ_ELIMIT when reached. */
    double time_limit;
    double time_start;
} fsq_tt_options;
#define FSQ_TT_OPTIONS_INIT {1.0, -1.0, 0.0, 1, 0, 0.0, 0.0}

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

/* Names as QCA prints them: "crisp", "fuzzy", "multi-value"; "0", "1", "C",
 * "?". Static strings. */
const char *fsq_cond_type_name(fsq_cond_type t);
const char *fsq_out_name(fsq_out o);
/* The cut-offs the rows of tt were classified with (those of fsq_tt_build,
 * fsq_tt_reweight or the last fsq_tt_reclassify). Owned by tt. */
const fsq_tt_options *fsq_tt_get_options(const fsq_tt *tt);

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
     * names it and the phase; no partial result is ever returned as complete. */
    size_t max_pis;
    /* Listing cap, not a limit: at most this many minimum models are listed
     * (the first ones in QCA's order; 0 = FSQ_MIN_DEFAULT_LISTED). Every
     * minimum model is still counted (fsq_min_model_count); listing fewer
     * than exist is not an error. */
    size_t max_solutions;
    double time_limit;          /* seconds, for the whole minimization */
    int threads;                /* 0 = OpenMP default */
    /* Rows coded as negative (QCA's exclude; section 8): QCA row indices. */
    const uint64_t *exclude;
    size_t nexclude;
    /* Where time_limit counts from: a time of fsq_clock_seconds() (0 = the
     * call). Lets one limit cover the truth table, the minimization and
     * the output built from it (fsq_min_to_json / fsq_min_to_text). */
    double time_start;
} fsq_min_options;
#define FSQ_MIN_OPTIONS_INIT {FSQ_CONSERVATIVE, 0, NULL, 0, 0, 0, 0.0, 0, NULL, 0, 0.0}
#define FSQ_MIN_DEFAULT_LISTED 1000

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
 * "solutions_from", and "configurations": per final model an array of its
 * chart terms (fsq_min_chart) {"term", "group", "conditions": {NAME: "core" |
 * "peripheral" | "core_absent" | "peripheral_absent"}, "inclS", "PRI",
 * "covS", "covU"}. *json is malloc'ed; the caller frees it. */
int fsq_min_to_json(const fsq_min *min, char **json, size_t *len);

/* Membership of every case (ncases values, in the truth table's case
 * order) in final model i: the maximum over its terms of the minimum over
 * their literals. For XY plots and the robustness protocol. */
int fsq_min_solution_membership(const fsq_min *min, size_t i, double *out);

/* A report as text, like QCA's print: models, then per model a fit table
 * with the cases of each term. Malloc'ed; the caller frees it. */
int fsq_min_to_text(const fsq_min *min, char **text, size_t *len);

/* Counting and proving the minimum (issue 8). fsq_minimize lists at most
 * max_solutions minimum models (the first ones in QCA's order) but counts
 * all of them exactly; fsq_min_nsolutions, the solution accessors, the fit
 * and the reports cover the listed models.
 *
 * Every minimum model, as a decimal string owned by the result (it may
 * exceed any integer type). Intermediate: the distinct intermediate models
 * over the listed (conservative, parsimonious) pairs, or NULL when either
 * of those lists is capped (the total is then unknown). */
const char *fsq_min_model_count(const fsq_min *min);
/* The models listed: fsq_min_nsolutions(min). */
size_t fsq_min_models_listed(const fsq_min *min);
/* The certificate of the minimum of a conservative or parsimonious
 * solution: its size (PIs per model), the lower bound that proves it and
 * how: "lp" (LP relaxation of the PI chart, rounded up: lower_bound ==
 * size), "combinatorial" (disjoint columns / largest coverages: lower_bound
 * == size) or "branch_and_bound" (the exhaustive search found no smaller
 * cover; lower_bound == size). Any output pointer may be NULL. Returns
 * FSQ_OK, or FSQ_EINPUT for an intermediate solution. */
int fsq_min_proof(const fsq_min *min, size_t *size, size_t *lower_bound, const char **method);

/* ------------------------------------------------------------------------- */
/* 5. Calibration                                                            */
/* ------------------------------------------------------------------------- */

/* Calibration turns raw values into set memberships, exactly as QCA's
 * calibrate(x, type, method = "direct", thresholds, logistic, idm, below,
 * above).
 *
 * Fuzzy, 3 thresholds {e, c, i} (exclusion, crossover, inclusion), strictly
 * monotone: e < c < i gives an increasing set, e > c > i a decreasing one.
 *   The inclusion (or exclusion) anchor may equal the crossover, as QCA
 *   accepts: a step at c (i == c: full membership for every x past c; e == c:
 *   none for every x before c; at c itself 0.5 with the logistic curve).
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

/* The same, and an anchor may be a percentile of the raw values x[0..n):
 * "e=p5,c=p50,i=p95" takes R's quantile(x, N / 100, type = 7) (R's default
 * definition) over the non-missing values: with the m values sorted,
 * index = 1 + (m - 1) N / 100 and linear interpolation between the values
 * at floor(index) and ceiling(index). N may be a decimal, 0 to 100. With x
 * NULL a percentile anchor is an error (fsq_calib_parse_thresholds). */
int fsq_calib_parse_thresholds_data(const char *text, const double *x, size_t nx,
                                    double *thresholds, size_t max, size_t *n, int *named);

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
     {FSQ_PARSIMONIOUS, 0, NULL, 0, 0, 0, 0.0, 1, NULL, 0, 0.0}, 0, 1, NULL, NULL,    \
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
 * whose thresholds are invalid (e.g. not monotone) is skipped, not fatal:
 * its status is FSQ_EINPUT and fsq_robust_run_skipped says why. */
int fsq_robust_sweep_calib(fsq_robust_run **out, const fsq_data *raw, const char *outcome,
                           const char *const *conditions, size_t nconditions,
                           const fsq_tt_options *tt_opts, const fsq_robust_calib *calibs,
                           size_t ncalibs, size_t which, size_t anchor, const double *values,
                           size_t nvalues, const fsq_robust_options *opts);

void fsq_robust_run_free(fsq_robust_run *run);

size_t fsq_robust_run_nreplicates(const fsq_robust_run *run);
/* The cases of the original data (also of a merged run: the stream header
 * carries their ids); ids owned by run. */
size_t fsq_robust_run_ncases(const fsq_robust_run *run);
const char *fsq_robust_run_case_id(const fsq_robust_run *run, size_t i);
/* The per-replicate accessors below (status, nsolutions, solution, fit,
 * replicate_json) need a run made with options.keep = 1 (the default); a
 * streamed run (keep = 0) or a merged one keeps only its summary. */
/* FSQ_OK, or FSQ_ENOSOLUTION when replicate r has no solution. */
int fsq_robust_run_status(const fsq_robust_run *run, size_t r);
/* Why point r of a calibration sweep was skipped ("DEV.i = 500: invalid
 * anchors, skipped (...)"; its status is FSQ_EINPUT), or NULL. Owned by run. */
const char *fsq_robust_run_skipped(const fsq_robust_run *run, size_t r);
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
    /* Calibration sweeps: points skipped for invalid anchors (see
     * fsq_robust_run_skipped); shares are over the other points. */
    size_t nskipped;
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

/* The same over the run's test solutions and `nextra` more, given as
 * membership vectors over the run's cases (a user's own test solutions:
 * other cut-offs, calibrations, exclusions). */
int fsq_robust_run_protocol_tests(const fsq_robust_run *run, const double *const *extra,
                                  size_t nextra, fsq_robust_fit *fit, fsq_robust_cases *cases);

/* SetMethods' rob.singletest: each test solution alone against the IS,
 * sc[t] = sum min(IS, TS_t) / sum max(IS, TS_t) (RF_SC with that one test
 * solution) and rank[t] its RCC_Rank (1..4), for t < nts (caller arrays).
 * SetMethods lists them ordered by decreasing rank, then increasing SC;
 * here they stay in the given order. */
int fsq_robust_singletest(const double *is, const double *const *ts, size_t nts, const double *y,
                          size_t ncases, double *sc, int *rank);


/* ------------------------------------------------------------------------- */
/* 8. Configuration charts, groups and tables for papers                     */
/* ------------------------------------------------------------------------- */

/* Core and peripheral conditions (Fiss 2011, "Building better causal
 * theories", AMJ). For an intermediate model, each literal of each term is
 *   core        when it is a literal of a parsimonious term that the
 *               intermediate term refines (the parsimonious term's literals
 *               are a subset of the intermediate term's), the parsimonious
 *               model being that of the model's intermediate key (CiPj:
 *               parsimonious model j); when several parsimonious terms are
 *               refined, the union of their literals is core;
 *   peripheral  when it is in the intermediate term only.
 * Presence is value 1 (for multi-value conditions any level > 0), absence
 * value 0 (the literal ~A; A[0]). Conditions a term does not use are blank.
 * A term that refines no parsimonious term (possible when the parsimonious
 * model covers it only by a union of its terms) has only peripheral
 * literals and nrefined = 0.
 * Terms with the same core literals form one configuration family: families
 * are numbered 1, 2, ... in order of first appearance, and a family of more
 * than one term is lettered 1a, 1b, ... (terms stay in model order within a
 * family; the chart lists families in number order). */
typedef enum {
    FSQ_CHART_BLANK = 0,
    FSQ_CHART_CORE = 1,
    FSQ_CHART_PERIPHERAL = 2,
    FSQ_CHART_CORE_ABSENT = 3,
    FSQ_CHART_PERIPHERAL_ABSENT = 4
} fsq_chart_status;

/* "core", "peripheral", "core_absent", "peripheral_absent"; "" for blank. */
const char *fsq_chart_status_name(fsq_chart_status s);

typedef struct {
    char *term;             /* "DEV*URB*LIT*STB" */
    char group[24];         /* "1", "2a", ... */
    unsigned char *status;  /* per condition, fsq_chart_status */
    unsigned char *level;   /* per condition, the term's level (when not blank) */
    double incl, pri, cov, cov_u; /* the term's inclS, PRI, covS, covU in the model */
    size_t nrefined;        /* parsimonious terms it refines */
} fsq_chart_term;

typedef struct {
    size_t nconditions;
    const char *const *conditions; /* borrowed from the truth table */
    const char *outcome;           /* borrowed; without "~" */
    int negated;
    size_t nterms;
    fsq_chart_term *terms;  /* in chart order (families together) */
    char *solution;         /* the intermediate model, "A*B + C" */
    char *parsimonious;     /* the parsimonious model its key refines */
    char key[48];           /* "C1P1" */
    double incl, pri, cov;  /* the model's fit */
} fsq_chart;

/* The configuration chart of final model `model` of an intermediate
 * minimization. FSQ_EINPUT if min is not intermediate or the model does not
 * exist. *out is malloc'ed; free it with fsq_chart_free (NULL-safe). min's
 * truth table must outlive the chart. */
int fsq_min_chart(fsq_chart **out, const fsq_min *min, size_t model);
void fsq_chart_free(fsq_chart *chart);


/* Groups and cluster diagnostics ------------------------------------------
 *
 * Groups (--by): the analysis of a group is the ordinary analysis of that
 * subset of the cases. A group column is a text column or a numeric one with
 * whole values (crisp or multi-value); groups are its distinct values,
 * numbers ascending, text in byte order (strcmp). */
typedef struct {
    size_t ngroups;
    char **names;      /* ngroups: the value as text ("operations", "1") */
    size_t *sizes;     /* ngroups: cases per group */
    size_t ncases;
    size_t *group;     /* ncases: the group of each case (0-based) */
} fsq_groups;

/* The groups of `column`. FSQ_EINPUT when there is no such column, a cell is
 * missing (naming file:line) or a numeric value is not whole. Free with
 * fsq_groups_free (NULL-safe). */
int fsq_data_groups(fsq_groups **out, const fsq_data *data, const char *column);
void fsq_groups_free(fsq_groups *groups);

/* A new data set holding the cases with keep[i] != 0 (every column), in
 * order. Free with fsq_data_free. */
int fsq_data_subset(fsq_data **out, const fsq_data *data, const unsigned char *keep);

/* Cluster diagnostics (SetMethods' cluster(), Garcia-Castro & Arino 2016,
 * "A general approach to panel data set-theoretic research"): for a term or
 * model X and outcome Y over cases that fall into J groups (clusters, e.g.
 * years or organizational units) and optionally U units (e.g. firms observed
 * in every group):
 *   pooled   incl = sum_i min(X,Y) / sum_i X,  cov = sum_i min(X,Y) / sum_i Y
 *   between  for group j the same sums over the cases of group j only: b_j
 *   within   for unit u the same sums over the cases of unit u only: w_u
 *   dBP = sqrt(sum_j (b_j / sum_l b_l - 1/J)^2)  (consistencies b_j)
 *   dWP = sqrt(sum_u (w_u / sum_l w_l - 1/U)^2)  (consistencies w_u)
 * A group whose sum X (or Y) is 0 has a NaN consistency (coverage), and
 * then dBP (dWP) is NaN too, as R computes it. For necessity pass the
 * roles swapped (X = outcome, Y = condition): consistency of necessity is
 * the coverage formula. */
typedef struct {
    double pooled_incl, pooled_cov;
    double *between_incl, *between_cov; /* caller-allocated, ngroups each */
    double dbp;
    double *within_incl, *within_cov;   /* caller-allocated, nunits each (may be
                                           NULL when nunits = 0) */
    double dwp;                         /* NaN without units */
} fsq_cluster;

/* Computes the diagnostics for memberships x, y over ncases cases; group[i]
 * < ngroups, and unit[i] < nunits when unit is not NULL. Allocates nothing.
 * FSQ_EINPUT for an out-of-range group or unit. */
int fsq_cluster_compute(fsq_cluster *out, const double *x, const double *y, size_t ncases,
                        const size_t *group, size_t ngroups, const size_t *unit, size_t nunits);

/* For cluster diagnostics and charts of a minimization's terms. */
/* The outcome memberships of the truth table's cases (negated when the
 * outcome is), ncases values owned by tt. */
const double *fsq_tt_outcome_memberships(const fsq_tt *tt);
/* Number of terms of final model i. */
size_t fsq_min_model_nterms(const fsq_min *min, size_t i);
/* Term t of final model i as text (malloc'ed; the caller frees; NULL if out
 * of memory) and the membership of every case in it (ncases values). */
char *fsq_min_term_text(const fsq_min *min, size_t i, size_t t);
int fsq_min_term_membership(const fsq_min *min, size_t i, size_t t, double *out);

/* Tables for papers ------------------------------------------------------
 *
 * The results as tables in the formats papers and their supplements use.
 * Every writer returns a malloc'ed, NUL-terminated string in *out (*len
 * bytes when len is not NULL) that the caller frees; 0 or FSQ_ENOMEM /
 * FSQ_EINPUT (a format the writer does not offer). Numbers are printed with
 * `digits` decimals (0..17; negative = 3, QCA's print); JSON (fsq_*_to_json)
 * keeps full precision.
 *   TEXT      aligned columns for a terminal
 *   MARKDOWN  pipe tables (GitHub / pandoc), a caption line above
 *   LATEX     a table environment with a tabular (plain LaTeX: no package
 *             needed; "~" is written $\sim$), to \input into a paper
 *   HTML      a fragment: <table> with <caption>, entities escaped
 *   CSV       RFC 4180, one header line, no caption or notes
 *   SVG       charts only (fsq_chart_render) */
typedef enum {
    FSQ_FORMAT_TEXT = 0,
    FSQ_FORMAT_JSON = 1,
    FSQ_FORMAT_MARKDOWN = 2,
    FSQ_FORMAT_LATEX = 3,
    FSQ_FORMAT_HTML = 4,
    FSQ_FORMAT_CSV = 5,
    FSQ_FORMAT_SVG = 6
} fsq_format;

/* The truth table (index, conditions, OUT, n, incl, PRI, cases). */
int fsq_tt_render(const fsq_tt *tt, fsq_format format, int digits, char **out, size_t *len);
/* Per model a fit table (term, inclS, PRI, covS, covU, cases), the model's
 * fit underneath; CSV has one table with a "model" column. */
int fsq_min_render(const fsq_min *min, fsq_format format, int digits, char **out, size_t *len);
/* The necessity table (expression, inclN, RoN, covN). */
int fsq_nec_render(const fsq_nec *nec, fsq_format format, int digits, char **out, size_t *len);
/* The configuration chart: conditions as rows, configurations as columns,
 * and under them each configuration's consistency, PRI, raw and unique
 * coverage and the model's consistency and coverage. SVG draws Fiss's
 * symbols: large filled circle = core presence, small filled = peripheral
 * presence, large crossed circle = core absence, small crossed = peripheral
 * absence; the tables use the characters of the legend they print
 * (Markdown, HTML, text: U+25CF, U+2022, U+2297, U+2298 ...; LaTeX: sized
 * $\bullet$ and $\otimes$). */
int fsq_chart_render(const fsq_chart *chart, fsq_format format, int digits, char **out,
                     size_t *len);

/* Reports (fsqca run) ----------------------------------------------------
 *
 * The report directory of `fsqca run` as texts: report.md, report.tex and
 * the XY plots. Like the table writers, each returns a malloc'ed,
 * NUL-terminated string in *out (*len bytes when len is not NULL) that the
 * caller frees; 0 or FSQ_ENOMEM. None touches the file system. */

/* How a column was calibrated, for the report. */
typedef struct {
    const char *column;
    const char *method;       /* "logistic", "linear", "bell", "crisp" */
    size_t nthresholds;
    const double *thresholds;
    size_t nhalf;             /* cases with a membership of exactly 0.5 */
} fsq_report_calib;

/* Everything the Markdown report shows. Solutions are indexed by
 * fsq_solution_type (conservative, parsimonious, intermediate): min[t] is the
 * result, or NULL with min_error[t] saying why there is none (NULL too when
 * it was not asked for: an intermediate solution needs dir_exp). */
typedef struct {
    const char *spec_path;
    const char *data_path;
    size_t ncases_read;       /* cases in the file */
    size_t ndropped;          /* dropped for missing values */
    const fsq_data *data;     /* after dropping: its dropped ids are listed */
    const fsq_report_calib *calib;
    size_t ncalib;
    const fsq_nec *nec;
    double nec_incl_cut, nec_ron_cut;
    const fsq_tt *tt;
    const char *dir_exp_text; /* as written in the spec, NULL = none */
    const fsq_min *min[3];
    const char *min_error[3];
    const uint64_t *csa;      /* contradictory simplifying assumptions (row indices) */
    size_t ncsa;
    const uint64_t *excluded; /* rows coded negative (spec key exclude) */
    size_t nexcluded;
} fsq_report_input;

/* "conservative", "parsimonious", "intermediate" (file names, JSON keys). */
const char *fsq_solution_type_name(fsq_solution_type t);
/* The file name of the XY plot of model d (0-based) of solution type t:
 * "xy_parsimonious_M1.svg". Writes into buf; returns buf. */
char *fsq_report_plot_name(fsq_solution_type t, size_t d, char *buf, size_t bufsize);
/* report.md: what was run, calibration, necessity, the truth table, the
 * three solutions with fit tables, case counts and links to the XY plots,
 * and notes (dropped cases, cases at 0.5, ...). */
int fsq_report_markdown(const fsq_report_input *in, char **out, size_t *len);
/* report.tex: the Markdown report md[0..n) (as fsqca writes it) typeset as
 * a standalone LaTeX document for pdflatex with the packages of every TeX
 * installation; the configuration charts as tables with Fiss's symbols. */
int fsq_report_latex(const char *md, size_t n, char **out, size_t *len);
/* The XY plot (SVG) of model d of a minimization: solution membership
 * against outcome membership, the outcome negated when the truth table's
 * is; case ids as tooltips. */
int fsq_report_xy_svg(const fsq_min *min, size_t d, char **out, size_t *len);

/* Tables of your own -------------------------------------------------------
 *
 * The writer behind the tables above, for tables a caller composes (the
 * CLI's group comparisons): a caption, a header row, body rows of text
 * cells, per-column alignment and notes (lines under the table; CSV drops
 * caption and notes). Cells are copied. An allocation failure is recorded
 * in the table and reported by fsq_table_render, so builders check once. */
typedef struct fsq_table fsq_table;

/* A table of ncols columns, all left-aligned; caption may be NULL. */
int fsq_table_new(fsq_table **out, size_t ncols, const char *caption);
void fsq_table_free(fsq_table *t);
/* Header cell and alignment ('l' or 'r') of column c. */
void fsq_table_column(fsq_table *t, size_t c, const char *header, char align);
/* Starts a new body row (cells empty). */
void fsq_table_row(fsq_table *t);
/* Cell c of the last row. */
void fsq_table_cell(fsq_table *t, size_t c, const char *text);
/* A number with `digits` decimals (negative = 3); NaN as "-". */
void fsq_table_number(fsq_table *t, size_t c, double v, int digits);
void fsq_table_note(fsq_table *t, const char *text);
/* The table in TEXT, MARKDOWN, LATEX, HTML or CSV (FSQ_EINPUT for another
 * format), as the writers above return their text. */
int fsq_table_render(const fsq_table *t, fsq_format format, char **out, size_t *len);
/* s escaped for `format` as the tables escape their cells: LaTeX ("~" as
 * $\sim$), HTML entities, a CSV field (quoted when needed); other formats
 * copy s. Malloc'ed (the caller frees); NULL if out of memory. */
char *fsq_format_escape(fsq_format format, const char *s);
/* ------------------------------------------------------------------------- */
/* 9. Expressions: fit of any expression, findRows, excluded rows            */
/* ------------------------------------------------------------------------- */

/* A Boolean expression in QCA's syntax, a sum of products:
 * "DEV*~IND + URB*STB", multi-value "A[2]*B[0,1]" (also "B{0,1}"). A literal
 * is NAME (presence), ~NAME (absence), NAME[v] (level v; for a crisp or
 * fuzzy column [1] is NAME and [0] is ~NAME) or ~NAME[v]. Names are made of
 * letters, digits, '_' and '.'; blanks are ignored. */
typedef struct fsq_expr fsq_expr;

/* Sentinel term index: the whole expression (the union of its terms). */
#define FSQ_EXPR_ALL ((size_t)-1)

/* Parses text. Returns FSQ_OK and a new expression in *out (free with
 * fsq_expr_free), or FSQ_EINPUT with a message giving the character
 * position and what was expected. */
int fsq_expr_parse(fsq_expr **out, const char *text);
void fsq_expr_free(fsq_expr *e);
size_t fsq_expr_nterms(const fsq_expr *e);
/* Canonical text of term t ("A*~B") and of the whole expression
 * ("A*~B + C"); owned by e. */
const char *fsq_expr_term_text(const fsq_expr *e, size_t t);
const char *fsq_expr_text(const fsq_expr *e);
/* The distinct column names used, in order of first use; owned by e. */
size_t fsq_expr_nvars(const fsq_expr *e);
const char *fsq_expr_var(const fsq_expr *e, size_t i);

/* Membership of every case of data in term t (minimum over its literals) or,
 * with t = FSQ_EXPR_ALL, in the expression (maximum over its terms), into
 * out[0..ncases). A column is multi-value when all its values are integers
 * >= 0 and some exceeds 1; a plain NAME of such a column is an error (say
 * NAME[v]). Fails with FSQ_EINPUT for an unknown or text column, a missing
 * cell, a value outside [0, 1] in a crisp/fuzzy column, a level out of
 * range; the message names the file, line and column. */
int fsq_expr_membership(const fsq_expr *e, size_t t, const fsq_data *data, double *out);

/* Parameters of fit of an expression and of each of its terms, as QCA's
 * pof(expression, outcome, data, relation). The outcome is an expression
 * of one literal ("Y", "~Y", "Y[2]"). With X the membership in a term (or
 * the expression) and Y in the outcome, over all cases:
 *   sufficiency: inclS = sum min(X,Y) / sum X,
 *                PRI = (sum min(X,Y) - sum min(X,Y,1-Y)) /
 *                      (sum X - sum min(X,Y,1-Y)),
 *                covS = sum min(X,Y) / sum Y,
 *                covU(t) = covS(expression) - covS(expression without t)
 *   necessity:   inclN = sum min(X,Y) / sum Y, covN = sum min(X,Y) / sum X,
 *                RoN = sum (1-X) / sum (1 - min(X,Y))
 * Rows: one per term, then (with two or more terms) the whole expression
 * as term "expression", whose covU is NaN, as is the covU of a lone term.
 * A ratio with a zero denominator is NaN. */
typedef struct fsq_fit fsq_fit;

typedef struct {
    const char *term;        /* canonical term text, or "expression"      */
    double incl, pri, cov, cov_u; /* sufficiency (pri, cov_u NaN for necessity) */
    double ron;              /* necessity only (NaN for sufficiency)      */
} fsq_fit_row;

/* Computes the fit of `expression` for `outcome` on data (the columns used
 * must be complete: see fsq_data_complete_cases). necessity = 0 sufficiency,
 * 1 necessity. *out: free with fsq_fit_free. */
int fsq_fit_compute(fsq_fit **out, const fsq_data *data, const char *expression,
                    const char *outcome, int necessity);
void fsq_fit_free(fsq_fit *fit);
size_t fsq_fit_nrows(const fsq_fit *fit);
const fsq_fit_row *fsq_fit_row_at(const fsq_fit *fit, size_t r);
/* The per-case memberships of row r (x) and of the outcome (y), ncases each;
 * owned by fit. */
size_t fsq_fit_ncases(const fsq_fit *fit);
const double *fsq_fit_x(const fsq_fit *fit, size_t r);
const double *fsq_fit_y(const fsq_fit *fit);
/* The expression and outcome (canonical text) and the relation (1 for
 * necessity); owned by fit. */
const char *fsq_fit_expression(const fsq_fit *fit);
const char *fsq_fit_outcome(const fsq_fit *fit);
int fsq_fit_necessity(const fsq_fit *fit);
/* As JSON, the shape of QCA's pof reference files: {"expression",
 * "outcome", "relation", "rows": [{"term", "inclS", "PRI", "covS", "covU"}
 * or {"term", "inclN", "RoN", "covN"}]} (NaN written as null). Malloc'ed. */
int fsq_fit_to_json(const fsq_fit *fit, char **json, size_t *len);
/* The XY plot of row r (X against the outcome, diagonal, 0.5 lines,
 * quadrant counts, case labels) as an SVG document. Malloc'ed. */
int fsq_fit_xy_svg(const fsq_fit *fit, size_t r, const fsq_data *data, char **svg, size_t *len);
/* The fit table (term, inclS, PRI, covS, covU or term, inclN, RoN, covN)
 * in any table format of fsq_format (section 8), `digits` decimals; NaN as
 * "-"; CSV has the expression in a first column. Malloc'ed. */
int fsq_fit_render(const fsq_fit *fit, fsq_format format, int digits, char **out, size_t *len);

/* QCA's findRows() on a truth table:
 *   FSQ_FINDROWS_SUBSET (type 1): the remainders (OUT "?": unobserved, or
 *       fewer cases than n.cut) inside `expr`;
 *   FSQ_FINDROWS_CSA (type 2): contradictory simplifying assumptions, the
 *       remainders used by some parsimonious model of the outcome and by
 *       some parsimonious model of its negation (the table rebuilt from
 *       `data` with the outcome negated and the same cut-offs);
 *   FSQ_FINDROWS_SSR (type 3): simultaneous subset relations, observed rows
 *       with OUT = 1 in the table of the outcome and of its negation.
 * *rows is a malloc'ed ascending list of QCA row indices (1-based); the
 * caller frees it. Type 1 enumerates configurations and fails with
 * FSQ_EUNSUPPORTED beyond 2^26 of them. `data` is needed for types 2 and 3
 * (the data the table was built from), `expr` for type 1. */
typedef enum {
    FSQ_FINDROWS_SUBSET = 1,
    FSQ_FINDROWS_CSA = 2,
    FSQ_FINDROWS_SSR = 3
} fsq_findrows_type;
int fsq_findrows(const fsq_tt *tt, const fsq_data *data, fsq_findrows_type type,
                 const fsq_expr *expr, uint64_t **rows, size_t *nrows);

/* Parses an exclusion as the command line and specs take it: a list of row
 * indices "3,7,12", "csa" (the contradictory simplifying assumptions), or an
 * expression whose remainders are untenable ("A*~B + C"), into an ascending
 * list of row indices (malloc'ed, the caller frees). */
int fsq_exclude_rows(const fsq_tt *tt, const fsq_data *data, const char *spec, uint64_t **rows,
                     size_t *nrows);

/* Set in fsq_min_options.exclude: these rows (QCA indices) are coded as
 * negative, as QCA's minimize(exclude = ) and SetMethods' esa(): no
 * remainder among them may be used as a simplifying assumption. A row that
 * is positive in the table is an error (FSQ_EINPUT). */
/* ------------------------------------------------------------------------- */
/* 10. Influence matrices (network thinking)                                 */
/* ------------------------------------------------------------------------- */

/* Network thinking (Probst & Gomez) and Vester's sensitivity model describe a
 * system by its elements and the influences between them. An influence
 * matrix M holds in cell (i, j) the intensity of the influence of element i
 * on element j (Vester's scale 0..3; any non-negative number is accepted,
 * 0 = none, the diagonal is 0), with a sign (+1 the two move together, -1
 * they move in opposite directions) and a time behaviour (delay 1 short,
 * 2 medium, 3 long) for every influence.
 *
 * Per element: active sum AS = row sum, passive sum PS = column sum,
 * product P = AS x PS (how involved), quotient Q = AS / PS (how active).
 * The mean is the total intensity divided by the number of elements n; an
 * element's role in Vester's role map is
 *   active     AS above the mean, PS at or below it
 *   reactive   AS at or below,   PS above
 *   critical   both above
 *   buffering  both at or below.
 * "Above" is decided on n x AS > total (exact for integer intensities; a
 * relative tolerance of 1e-12 absorbs rounding in averaged matrices).
 *
 * MICMAC (Godet): the powers M^k count the weighted paths of length k, so
 * the row sums of M^k (influence) and column sums (dependence) measure
 * indirect influence. Powers are taken until the ranking by both stops
 * changing (the ranking of M^k equals that of M^(k-1)), or a limit.
 *
 * Feedback loops are the elementary directed cycles of the graph of the
 * influences with intensity > 0, listed exactly up to a length limit
 * (Johnson's algorithm, 1975, with a depth bound: a vertex whose search was
 * cut by the bound is never left blocked, so no cycle is lost). */
typedef struct fsq_influence fsq_influence;

/* Reads a model from CSV files: the intensity matrix (square: the header
 * and the first column name the elements in the same order; the header's
 * first cell is free), and optionally a sign matrix (+1 / -1, or + / -) and
 * a delay matrix (1 / 2 / 3, or short / medium / long, case-insensitive)
 * of the same shape and names. A sign or delay cell may be empty (or 0)
 * only where there is no influence; without the file every influence is
 * positive / short. An empty intensity cell is an error (write 0), except
 * on the diagonal. Separators, quotes, a BOM and .zst compression as in
 * fsq_data_read_csv. Errors name file:line:column and the value: a
 * non-square matrix, names that differ between header and rows (or from
 * the intensity matrix), a self-influence that is not 0, a negative or
 * non-numeric intensity, a bad sign or delay. On success *out is a new
 * model; free it with fsq_influence_free(). */
int fsq_influence_read_csv(fsq_influence **out, const char *matrix_path, const char *sign_path,
                           const char *delay_path);

/* A model from arrays: n names, intensity n x n row-major (cell i*n + j is
 * the influence of i on j), sign and delay likewise (NULL = all +1 / all 1).
 * Checks what fsq_influence_read_csv checks; `source` names the model in
 * messages and output (may be NULL). Copies everything. */
int fsq_influence_new(fsq_influence **out, size_t n, const char *const *names,
                      const double *intensity, const int *sign, const int *delay,
                      const char *source);
void fsq_influence_free(fsq_influence *model);

size_t fsq_influence_size(const fsq_influence *model);
const char *fsq_influence_name(const fsq_influence *model, size_t i);
/* The file (or source) the model came from. */
const char *fsq_influence_source(const fsq_influence *model);
double fsq_influence_intensity(const fsq_influence *model, size_t i, size_t j);
/* +1 or -1 (+1 where there is no influence). */
int fsq_influence_sign(const fsq_influence *model, size_t i, size_t j);
/* 1, 2 or 3 (1 where there is no influence). */
int fsq_influence_delay(const fsq_influence *model, size_t i, size_t j);

typedef enum {
    FSQ_ROLE_ACTIVE = 0,
    FSQ_ROLE_REACTIVE = 1,
    FSQ_ROLE_CRITICAL = 2,
    FSQ_ROLE_BUFFERING = 3
} fsq_influence_role;

/* "active", "reactive", "critical", "buffering"; NULL if out of range. */
const char *fsq_influence_role_name(fsq_influence_role role);

typedef struct {
    size_t max_loop;       /* longest loop listed, in elements (default 6; 0 = no loops) */
    size_t max_loops;      /* stop listing after this many loops (default 100000) */
    size_t max_power;      /* MICMAC: the highest power of M tried (default 32) */
    /* What-if: impulse[i] is the change of element i at step 0 (n values;
     * NULL = no what-if), followed for `steps` steps. */
    const double *impulse;
    size_t steps;          /* default 10 */
} fsq_influence_options;
#define FSQ_INFLUENCE_OPTIONS_INIT {6, 100000, 32, NULL, 10}

/* One element's figures. Ranks are 1 for the highest score; tied scores
 * share the best rank (1, 2, 2, 4). */
typedef struct {
    double active_sum, passive_sum;
    double product;                    /* AS x PS */
    double quotient;                   /* AS / PS; NaN when PS = 0 */
    fsq_influence_role role;
    size_t direct_influence_rank;      /* by AS */
    size_t direct_dependence_rank;     /* by PS */
    double micmac_influence;           /* row sum of M^k / total of M^k */
    double micmac_dependence;          /* column sum of M^k / total of M^k */
    size_t micmac_influence_rank;
    size_t micmac_dependence_rank;
} fsq_influence_element;

/* An elementary directed cycle: elements[0..length-1] in the order the
 * influence flows (element[length-1] influences element[0]), starting at
 * its lowest element index. sign = product of the signs (+1 reinforcing,
 * -1 balancing); min_intensity = its weakest influence; delay = its slowest
 * (largest) delay. */
typedef struct {
    size_t length;
    const size_t *elements;
    int sign;
    double min_intensity;
    int delay;
} fsq_influence_loop;

/* How the MICMAC powers ended. */
typedef enum {
    FSQ_MICMAC_STABLE = 0,     /* the ranking of M^power equals that of M^(power-1) */
    FSQ_MICMAC_NILPOTENT = 1,  /* M^(power+1) = 0 (no feedback loop reaches any
                                  path of that length): the last nonzero power */
    FSQ_MICMAC_LIMIT = 2       /* max_power reached without a stable ranking */
} fsq_micmac_status;

typedef struct fsq_network fsq_network;

/* Analyses one model (ncases = 1), or several models of the same system
 * (one per case study: the same element names in the same order, else
 * FSQ_EINPUT naming the file and the element): then the analysis is that of
 * the element-wise mean matrix (signs and delays must agree wherever two
 * cases both have an influence), and the result also holds the element-wise
 * median matrix and every element's sums and role in each case. Computes
 * the sums and roles, both rankings, the loops and, with opts->impulse, the
 * trajectories. Reaching max_loops is not an error: the loop list is then
 * marked incomplete (fsq_network_loops_complete). The models may be freed
 * after the call. Free the result with fsq_network_free(). */
int fsq_network_analyse(fsq_network **out, const fsq_influence *const *cases, size_t ncases,
                        const fsq_influence_options *opts);
void fsq_network_free(fsq_network *net);

/* The analysed matrix (the model, or the mean of the cases); owned by net. */
const fsq_influence *fsq_network_matrix(const fsq_network *net);
/* The element-wise median matrix of several cases; NULL for one case. */
const fsq_influence *fsq_network_median(const fsq_network *net);
size_t fsq_network_nelements(const fsq_network *net);
/* Element i's figures (0 <= i < n); owned by net. */
const fsq_influence_element *fsq_network_element(const fsq_network *net, size_t i);
double fsq_network_total(const fsq_network *net);   /* sum of all intensities */
double fsq_network_mean(const fsq_network *net);    /* total / n */

/* The power k of M whose ranking is reported, and why the powers stopped. */
size_t fsq_network_micmac_power(const fsq_network *net, fsq_micmac_status *status);

size_t fsq_network_nloops(const fsq_network *net);
/* Loops sorted by length, then by their element sequence; owned by net. */
const fsq_influence_loop *fsq_network_loop(const fsq_network *net, size_t i);
/* 1 if every loop up to max_loop elements is listed, 0 if max_loops cut
 * the enumeration short. */
int fsq_network_loops_complete(const fsq_network *net);
size_t fsq_network_max_loop(const fsq_network *net);

/* What-if trajectories: the level of element i after step t (0 <= t <=
 * steps) is traj[t * n + i], or NULL without an impulse. The propagation is
 * Roberts' pulse process on the signed, weighted, delayed graph: the impulse
 * is the change at step 0; a change c of element i at step t changes element
 * j at step t + delay(i, j) by sign(i, j) x intensity(i, j) / AS_max x c,
 * AS_max being the largest active sum, so no element passes on more change
 * in total than it received (changes do not grow by themselves; feedback
 * loops can still make them accumulate); changes add up (linear, no
 * saturation, no thresholds), and an element's level is the sum of its
 * changes so far. */
const double *fsq_network_trajectory(const fsq_network *net, size_t *steps);

/* Several cases: their number, the source of case c, and element i's
 * figures in case c (its own sums, mean and role; the rankings and MICMAC
 * fields are 0). NULL for one case. */
size_t fsq_network_ncases(const fsq_network *net);
const char *fsq_network_case_source(const fsq_network *net, size_t c);
const fsq_influence_element *fsq_network_case_element(const fsq_network *net, size_t c,
                                                      size_t i);

/* Everything as JSON: {"source", "elements": [{"name", "active_sum",
 * "passive_sum", "product", "quotient" (null when PS = 0), "role",
 * "direct_rank": {"influence", "dependence"}, "micmac": {"influence",
 * "dependence", "influence_rank", "dependence_rank"}}], "total", "mean",
 * "micmac": {"power", "status"}, "loops": [{"elements": [names], "length",
 * "sign", "min_intensity", "delay"}], "loops_complete", "max_loop",
 * "impulse": {"steps", "start": {name: change}, "trajectories": {name:
 * [levels]}} or null, and for several cases "cases": [sources], "mean_matrix"
 * and "median_matrix" (rows of numbers), "case_roles": {name: [roles]}}.
 * *json is malloc'ed and NUL-terminated (*len bytes if len is not NULL); the
 * caller frees it. */
int fsq_network_to_json(const fsq_network *net, char **json, size_t *len);

/* The same as a text report for a reader (tables of the figures, the
 * rankings side by side, the loops, the trajectories, the per-case roles).
 * Malloc'ed; the caller frees it. */
int fsq_network_to_text(const fsq_network *net, char **text, size_t *len);

/* Vester's role map as SVG: passive sum on x, active sum on y, the two mean
 * lines, the quadrant names, one labelled point (<circle> with a <title>)
 * per element. Malloc'ed; the caller frees it. */
int fsq_network_role_map_svg(const fsq_network *net, char **svg, size_t *len);

/* The influence graph as SVG: the elements on a circle (coloured by role),
 * one arrow per influence, its width growing with the intensity, dashed when
 * negative. Malloc'ed; the caller frees it. */
int fsq_network_graph_svg(const fsq_network *net, char **svg, size_t *len);
/* ------------------------------------------------------------------------- */
/* 11. Explicit sets and Berkeley PLA files                                   */
/* ------------------------------------------------------------------------- */

/* Logic minimizers (Espresso, ABC, CCubes) exchange problems as Berkeley
 * PLA files. This section reads and writes them and minimizes functions
 * given as explicit ON, OFF and don't-care sets, so fsqca can be checked
 * against those tools on the same problem.
 *
 * Cubes. A cube over k binary inputs is k bytes: 0, 1, or FSQ_DASH (the
 * input is free). A configuration (a point) is a cube without FSQ_DASH. */
#define FSQ_DASH 0xFF

/* Options of fsq_minimize_sets. */
typedef struct {
    /* 1: `off` is the OFF set and every configuration in neither ON nor
     *    OFF is a don't-care (QCA's parsimonious setting; PLA .type fr/fdr);
     *    `dc` only removes configurations from ON.
     * 0: the OFF set is the complement of ON and `dc` (QCA's conservative
     *    setting with dc as don't-cares; PLA .type f/fd); `off` is ignored. */
    int off_given;
    /* Point mode: the prime implicant search works on configurations, the
     * cubes are expanded into their points first; more than max_points
     * points in ON, OFF and dc together fails with FSQ_ELIMIT.
     * Cube mode: everything stays a cube (src/prime/prime_cubes.h); the
     * primes are those of the cover ON + dc (off_given 0) or of the
     * complement of OFF, computed as cubes (off_given 1); max_points then
     * bounds every intermediate cover and the chart's columns. (0 = 1 << 22) */
    size_t max_points;
    size_t max_pis;        /* as in fsq_min_options; 0 = none */
    size_t max_solutions;
    double time_limit;     /* seconds, from time_start (below) */
    int threads;           /* 0 = OpenMP default (point mode) */
    /* FSQ_SETS_AUTO: point mode while ON, OFF and dc hold at most
     * max_points points, else cube mode; FSQ_SETS_POINTS, FSQ_SETS_CUBES:
     * that mode. Both give the same PIs and minimum covers (the order of
     * the PIs can differ only by QCA's sort quirk, see src/prime/prime.h,
     * in the off_given 0 case). */
    int mode;
    /* Where time_limit counts from: a time of fsq_clock_seconds() (0 = the
     * call). One limit for every phase (points, PIs, columns, chart, cover). */
    double time_start;
} fsq_sets_options;
#define FSQ_SETS_OPTIONS_INIT {1, 0, 0, 0, 0.0, 0, 0, 0.0}
enum { FSQ_SETS_AUTO = 0, FSQ_SETS_POINTS = 1, FSQ_SETS_CUBES = 2 };

typedef struct fsq_sets fsq_sets;

/* Minimizes the function with the ON set `on` (non cubes of k bytes each),
 * OFF set `off` (noff cubes) and don't-cares `dc` (ndc cubes), 1 <= k <= 64:
 * every prime implicant that meets ON, in QCA's order, and every minimum
 * cover of ON (fewest prime implicants), in QCA's order. A configuration in
 * both ON and dc is a don't-care (as Espresso reads a PLA); one in ON and
 * OFF, or in OFF and dc, is FSQ_EINPUT.
 *
 * The ON set is covered exactly, cubes and all: the chart's columns are the
 * ON cubes, each split (halved on a free input) until no prime implicant
 * and no don't-care cube contains only part of it, so that every column is
 * covered by a PI exactly when all of its points are. Such columns are as
 * good as points, and there are usually far fewer of them.
 *
 * An empty ON set (after removing dc) has one solution with no term (the
 * constant 0); when nothing is OFF the one solution is the empty cube (the
 * constant 1). Exact: FSQ_ELIMIT at a limit, never a partial answer.
 * On success *out is a new result; free it with fsq_sets_free(). */
int fsq_minimize_sets(fsq_sets **out, size_t k, const unsigned char *on, size_t non,
                      const unsigned char *off, size_t noff, const unsigned char *dc,
                      size_t ndc, const fsq_sets_options *opts);
void fsq_sets_free(fsq_sets *sets);

size_t fsq_sets_ninputs(const fsq_sets *sets);
size_t fsq_sets_npis(const fsq_sets *sets);
/* Prime implicant i as k bytes (0, 1, FSQ_DASH), owned by sets. */
const unsigned char *fsq_sets_pi(const fsq_sets *sets, size_t i);
size_t fsq_sets_nsolutions(const fsq_sets *sets);
/* Every solution has the same number of terms (the minimum). */
size_t fsq_sets_solution_size(const fsq_sets *sets);
/* The PI indices (ascending) of solution s: fsq_sets_solution_size
 * entries, owned by sets. */
const size_t *fsq_sets_solution(const fsq_sets *sets, size_t s);
/* Columns of the chart (ON cubes after splitting) and the points the
 * search saw (ON after removing dc, OFF or dc), for reports and benches. */
size_t fsq_sets_ncolumns(const fsq_sets *sets);
void fsq_sets_npoints(const fsq_sets *sets, size_t *on, size_t *off, size_t *dc);
/* 1 if the result was computed in cube mode: fsq_sets_npoints then gives
 * numbers of cubes as given (OFF 0 when it is the complement), not of
 * points. */
int fsq_sets_cube_mode(const fsq_sets *sets);

/* The terms of model i of a minimization (fsq_minimize) as cubes, for
 * writers like PLA: fsq_min_solution_nterms terms; term t is written to
 * levels[0..k) (k = fsq_tt_nconditions) as the condition's level, or
 * FSQ_DASH where the term leaves it free. */
size_t fsq_min_solution_nterms(const fsq_min *min, size_t i);
int fsq_min_solution_term(const fsq_min *min, size_t i, size_t t, unsigned char *levels);

/* Berkeley PLA ----------------------------------------------------------
 *
 * The format (as Espresso reads it): keywords .i N (inputs), .o M
 * (outputs), .ilb and .ob (names), .p P (number of terms; checked), .type
 * f | fd | fr | fdr, .e or .end; '#' starts a comment line. Every other line
 * is a term: N input characters (0, 1, -) then M output characters, spaces,
 * tabs and '|' anywhere between them. An output character means, for that
 * output:
 *   1 or 4   the cube is in the ON set
 *   0 or 3   ... in the OFF set (types fr, fdr; else nothing)
 *   - or 2   ... a don't-care (types fd, fdr; else nothing)
 *   ~        nothing
 * With type f or fd, every configuration not ON or don't-care is OFF; with
 * fr or fdr every configuration not ON or OFF is a don't-care. The default
 * type is fd, as in Espresso. Multiple-valued PLAs (.mv) and other
 * keywords are FSQ_EUNSUPPORTED with the line. */
typedef enum {
    FSQ_PLA_F = 1,    /* ON set; OFF = the complement */
    FSQ_PLA_FD = 3,   /* ON and don't-cares; OFF = the rest */
    FSQ_PLA_FR = 5,   /* ON and OFF; don't-care = the rest */
    FSQ_PLA_FDR = 7   /* all three given; unlisted = don't-care */
} fsq_pla_type;

typedef struct fsq_pla fsq_pla;

/* Reads a PLA file (errors name file:line:column and the character). */
int fsq_pla_read(fsq_pla **out, const char *path);
/* The same from memory; `name` is used in messages. */
int fsq_pla_parse(fsq_pla **out, const char *text, size_t len, const char *name);
/* An empty PLA to fill with fsq_pla_add_term (1 <= ninputs <= 64). */
int fsq_pla_new(fsq_pla **out, size_t ninputs, size_t noutputs, fsq_pla_type type);
void fsq_pla_free(fsq_pla *pla);

size_t fsq_pla_ninputs(const fsq_pla *pla);
size_t fsq_pla_noutputs(const fsq_pla *pla);
fsq_pla_type fsq_pla_get_type(const fsq_pla *pla);
/* "f", "fd", "fr" or "fdr". */
const char *fsq_pla_type_name(fsq_pla_type type);
/* The names of .ilb / .ob, or NULL when the file gave none. */
const char *fsq_pla_input_name(const fsq_pla *pla, size_t j);
const char *fsq_pla_output_name(const fsq_pla *pla, size_t o);
/* Sets a name (copied; no whitespace allowed: FSQ_EINPUT). */
int fsq_pla_set_input_name(fsq_pla *pla, size_t j, const char *name);
int fsq_pla_set_output_name(fsq_pla *pla, size_t o, const char *name);

size_t fsq_pla_nterms(const fsq_pla *pla);
/* Term t's input part (ninputs characters 0 1 -) and output part (noutputs
 * characters 0 1 - ~, normalised: 4 -> 1, 3 -> 0, 2 -> -), NUL-terminated,
 * owned by pla. */
const char *fsq_pla_term_inputs(const fsq_pla *pla, size_t t);
const char *fsq_pla_term_outputs(const fsq_pla *pla, size_t t);
/* Appends a term; the parts are checked as the reader checks them. */
int fsq_pla_add_term(fsq_pla *pla, const char *inputs, const char *outputs);

/* The ON, OFF and don't-care cubes of output o under the PLA's type, ready
 * for fsq_minimize_sets (with off_given = 1 for fr / fdr). Each *set is a
 * malloc'ed array of n x ninputs bytes (0, 1, FSQ_DASH) the caller frees. */
int fsq_pla_output_sets(const fsq_pla *pla, size_t o, unsigned char **on, size_t *non,
                        unsigned char **off, size_t *noff, unsigned char **dc, size_t *ndc);

/* The PLA as text (.i, .o, .ilb/.ob if named, .type, .p, terms, .e);
 * *text is malloc'ed and NUL-terminated, the caller frees it. */
int fsq_pla_to_text(const fsq_pla *pla, char **text, size_t *len);
/* Writes it to path atomically (temporary name, then rename). */
int fsq_pla_write(const fsq_pla *pla, const char *path);

#ifdef __cplusplus
}
#endif
#endif /* FSQCA_FSQCA_H */
