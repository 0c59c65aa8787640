/* Report writers of `fsqca run` (internal): the Markdown report and the XY
 * plots of solution membership against outcome membership as SVG.
 *
 * Both append to an fsq__buf and return 0 or FSQ_ENOMEM; neither touches the
 * file system (the command writes the files, atomically, as a directory). */
#ifndef FSQ_REPORT_REPORT_H
#define FSQ_REPORT_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"
#include "fsqca/fsqca.h"

/* ---- svg.c ---------------------------------------------------------------- */

/* An XY plot: one point per case at (x[i], y[i]), both in [0, 1] (values
 * outside are clamped to the frame; NaN cases are not drawn but counted in
 * `nmissing`). The plot has the diagonal y = x, the lines x = 0.5 and
 * y = 0.5 dividing it into four quadrants with the number of cases strictly
 * inside each, axis ticks at 0, 0.2, ..., 1, axis labels, a title (wrapped at
 * " + " when long) and a subtitle. Every point is a <circle> with a <title>
 * child holding the case id (tooltips in a browser); with at most
 * `label_max` cases the ids are also drawn beside the points. All text is
 * XML-escaped, so the output is well-formed XML for any ids. */
typedef struct {
    const double *x, *y;
    const char *const *ids;   /* n case ids (may be NULL: "1", "2", ...) */
    size_t n;
    const char *title;        /* e.g. "TF*AG + AD*~RB*CF -> DSO" */
    const char *subtitle;     /* e.g. "consistency 0.913, coverage 0.868" */
    const char *xlabel, *ylabel;
    size_t label_max;         /* draw case labels when n <= label_max */
} fsq__xy_plot;

int fsq__svg_xy(fsq__buf *b, const fsq__xy_plot *plot);

/* Appends s with & < > " ' replaced by XML entities. */
void fsq__xml_escape(fsq__buf *b, const char *s);

/* ---- report.c ------------------------------------------------------------- */

/* The report's input (fsqca.h, "Reports"), under its internal names. */
typedef fsq_report_calib fsq__report_calib;
typedef fsq_report_input fsq__report_input;

/* A note "- WHAT (n rows): 3, 7, ..." (nothing when n is 0); rows_note.c. */
void fsq__report_rows_note(fsq__buf *b, const char *what, const uint64_t *rows, size_t n);

/* Names used in file names and JSON keys: "conservative", "parsimonious",
 * "intermediate". */
const char *fsq__report_type_name(fsq_solution_type t);

/* The file name of the XY plot of model d (0-based) of solution type t:
 * "xy_parsimonious_M1.svg". Writes into buf; returns buf. */
char *fsq__report_plot_name(fsq_solution_type t, size_t d, char *buf, size_t size);

/* The XY plot of model d of a minimization (solution membership against
 * outcome membership, the outcome negated when the truth table's is). */
int fsq__report_xy_svg(fsq__buf *b, const fsq_min *min, size_t d);

/* The report as Markdown: what was run, calibration, necessity, the truth
 * table, the three solutions with fit tables, case counts and links to the
 * XY plots, and notes (dropped cases, cases at 0.5, ...). */
int fsq__report_markdown(fsq__buf *b, const fsq__report_input *in);

/* ---- report_tex.c --------------------------------------------------------- */

/* report.tex: the Markdown report md[0..n) (as fsqca writes it) typeset as
 * a standalone LaTeX document for pdflatex with the packages of every TeX
 * installation; the configuration charts as tables with Fiss's symbols. */
int fsq__report_latex(fsq__buf *b, const char *md, size_t n);

#endif
