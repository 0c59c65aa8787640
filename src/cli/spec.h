/* The analysis spec of `fsqca run`: a small INI-like text file that names the
 * data, the outcome and conditions, the calibration of each raw column, the
 * truth-table cut-offs and the directional expectations. The format is
 * documented at the top of spec.c and in `fsqca run --help`.
 *
 * Every value keeps the line it came from, so errors found later (a column
 * the data does not have, a calibration the data does not allow) still point
 * at the spec line as "SPEC:LINE: message". */
#ifndef FSQ_CLI_SPEC_H
#define FSQ_CLI_SPEC_H

#include <stddef.h>

#include "fsqca/fsqca.h"

#define FSQ__SPEC_MAX_THRESHOLDS 16
/* A spec line (with its line break) may hold at most this many bytes. */
#define FSQ__SPEC_MAX_LINE 1048576

/* One [calibrate] entry: NAME = [crisp:|linear:|logistic:|bell:] THRESHOLDS. */
typedef struct {
    char *column;
    int line;
    int type;                  /* FSQ_CALIB_FUZZY or FSQ_CALIB_CRISP */
    int logistic;              /* fuzzy with 3 anchors: 1 logistic, 0 linear */
    const char *method;        /* "logistic", "linear", "bell", "crisp" (static) */
    size_t nthresholds;
    double thresholds[FSQ__SPEC_MAX_THRESHOLDS];
    char *percentiles;         /* the anchors as written when some are pN: computed
                                  from the data when it is read; NULL otherwise */
} fsq__spec_calib;

/* The [influence] section: influence matrices analysed beside the QCA
 * (see `fsqca influence`). line = 0 when the spec has none. */
typedef struct {
    int line;                  /* the section header */
    char **matrices;           /* resolved against the spec's directory */
    size_t nmatrices;
    char *sign, *delay;        /* resolved; NULL = none */
    size_t max_loop, steps;
    char **impulses;           /* "NAME=VALUE" items */
    size_t nimpulses;
    int matrix_line, sign_line, delay_line, max_loop_line, impulse_line, steps_line;
} fsq__spec_influence;

typedef struct {
    char *path;                /* the spec file as given */
    char *dir;                 /* its directory ("." if none) */
    int nlines;                /* lines read (for errors at end of file) */

    char *data;                /* resolved against dir */
    int data_line;
    char *output;              /* resolved against dir; NULL = <dir>/<stem>_results */
    int output_line;
    char *outcome;             /* as written, possibly "~Y" */
    int outcome_line;
    char **conditions;
    size_t nconditions;
    int conditions_line;
    char *id_col;              /* NULL = the data set's default */
    int id_col_line;
    int drop_missing;
    int drop_missing_line;
    fsq_tt_options tt;         /* incl_cut, n_cut, pri_cut */
    int incl_cut_line, n_cut_line, pri_cut_line;
    char **dir_exp;            /* nconditions entries ("1", "0", "-"); NULL = none */
    char *dir_exp_text;        /* as written, for the report */
    int dir_exp_line;
    double nec_incl_cut;       /* necessity_incl_cut, default 0.9 */
    double nec_ron_cut;        /* necessity_ron_cut, default 0 */
    int nec_line, nec_ron_line;
    fsq__spec_calib *calib;
    size_t ncalib;
    char *by;                  /* by = COL: per-group analyses, NULL = none */
    int by_line;
    char *unit_id;             /* unit_id = COL (panels, with by) */
    int unit_id_line;
    char *exclude;             /* rows coded negative: "3, 7", "csa" or an expression */
    int exclude_line;
    fsq__spec_influence influence;
} fsq__spec;

/* Parses the spec file. On failure prints "fsqca run: SPEC:LINE: message" to
 * stderr and returns the exit status (2); 0 on success. Always free with
 * fsq__spec_free (also after a failure). */
int fsq__spec_read(const char *path, fsq__spec *spec);
void fsq__spec_free(fsq__spec *spec);

/* Prints "fsqca run: SPEC:LINE: message" and returns FSQ_EXIT_USAGE (2). */
int fsq__spec_error(const fsq__spec *spec, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* `fsqca run SPEC [--force] [--output DIR] [--threads N]`; argv[0] is "run". */
int fsq__cli_run(int argc, char **argv);

#endif
