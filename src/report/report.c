/* The Markdown report and the XY plots of `fsqca run` (see report.h).
 *
 * The report is written for a reader, not a parser: each section says what
 * was computed and how to read it, and the tables are Markdown tables that
 * can go into a paper's appendix. Numbers are printed to 3 decimals, the
 * precision QCA prints; results.json keeps full precision.
 *
 * This file reads the minimization's internal layout (minimize_internal.h)
 * for the per-term fit and the counterfactuals, which the public API gives
 * only as JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "minimize/minimize_internal.h"

#define LIST_MAX 12 /* list case ids in a table cell up to this many */

const char *fsq__report_type_name(fsq_solution_type t)
{
    return t == FSQ_CONSERVATIVE ? "conservative" : t == FSQ_PARSIMONIOUS ? "parsimonious"
                                                                          : "intermediate";
}

char *fsq__report_plot_name(fsq_solution_type t, size_t d, char *buf, size_t size)
{
    snprintf(buf, size, "xy_%s_M%zu.svg", fsq__report_type_name(t), d + 1);
    return buf;
}

/* The model set and model index holding final model d. */
static void model_of(const fsq_min *m, size_t d, const fsq__model_set **set, size_t *s)
{
    if (m->type == FSQ_INTERMEDIATE) {
        *set = &m->keys[m->distinct_key[d]].set;
        *s = m->distinct_model[d];
    } else {
        *set = &m->main;
        *s = d;
    }
}

static const char *outcome_text(const fsq_tt *tt, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s", tt->negated ? "~" : "", tt->outcome);
    return buf;
}

int fsq__report_xy_svg(fsq__buf *b, const fsq_min *m, size_t d)
{
    const fsq_tt *tt = m->tt;
    double *x = malloc((tt->ncases ? tt->ncases : 1) * sizeof *x);
    char *formula = fsq_min_solution_text(m, d);
    int rc = 0;
    if (!x || !formula) {
        rc = fsq__nomem();
        goto done;
    }
    if ((rc = fsq_min_solution_membership(m, d, x)))
        goto done;
    char out[256], title[4096], subtitle[256], ylabel[300], xlabel[128];
    outcome_text(tt, out, sizeof out);
    double incl, pri, cov;
    fsq_min_solution_fit(m, d, &incl, &pri, &cov);
    snprintf(title, sizeof title, "%s \xe2\x86\x92 %s", formula, out);
    snprintf(subtitle, sizeof subtitle,
             "%s solution M%zu: consistency %.3f, PRI %.3f, coverage %.3f",
             m->type == FSQ_CONSERVATIVE   ? "Conservative"
             : m->type == FSQ_PARSIMONIOUS ? "Parsimonious"
                                           : "Intermediate",
             d + 1, incl, pri, cov);
    snprintf(xlabel, sizeof xlabel, "Membership in the solution (M%zu)", d + 1);
    snprintf(ylabel, sizeof ylabel, "Membership in %s", out);
    fsq__xy_plot plot = {x, tt->y, (const char *const *)tt->case_ids, tt->ncases, title,
                         subtitle, xlabel, ylabel, 40};
    rc = fsq__svg_xy(b, &plot);
done:
    free(x);
    free(formula);
    return rc;
}

/* A case id in Markdown: the characters that would end a table cell or
 * start emphasis or code escaped (report.tex reads them back). */
static void md_id(fsq__buf *b, const char *id)
{
    for (; *id; id++) {
        if (strchr("\\`*_|[]", *id))
            fsq__buf_putc(b, '\\');
        fsq__buf_putc(b, *id);
    }
}

/* Case ids in a table cell: all of them up to LIST_MAX, else the count. */
static void case_cell(fsq__buf *b, const fsq_tt *tt, const double *mem, int (*pick)(double, double))
{
    size_t n = 0;
    for (size_t i = 0; i < tt->ncases; i++)
        n += pick(mem[i], tt->y[i]);
    if (n > LIST_MAX || n == 0) {
        fsq__buf_printf(b, "%zu", n);
        return;
    }
    fsq__buf_printf(b, "%zu: ", n);
    int first = 1;
    for (size_t i = 0; i < tt->ncases; i++)
        if (pick(mem[i], tt->y[i])) {
            fsq__buf_puts(b, first ? "" : ", ");
            md_id(b, tt->case_ids[i]);
            first = 0;
        }
}

static int in_set(double x, double y) { (void)y; return x > 0.5; }
static int typical(double x, double y) { return x > 0.5 && y > 0.5; }
static int deviant(double x, double y) { return x > 0.5 && y < 0.5; }
static int uncovered(double x, double y) { return x < 0.5 && y > 0.5; }

static void fit_table(fsq__buf *b, const fsq_min *m, size_t d, double *mem)
{
    const fsq_tt *tt = m->tt;
    const fsq__model_set *set;
    size_t s;
    model_of(m, d, &set, &s);
    size_t size = set->cover.size;
    fsq__buf_puts(b, "| | Term | inclS | PRI | covS | covU | Cases in term (> 0.5) |\n"
                     "|---:|:---|---:|---:|---:|---:|:---|\n");
    for (size_t q = 0; q < size; q++) {
        const unsigned char *cube = set->pis + set->cover.pis[s * size + q] * tt->k;
        const fsq__term_fit *f = &set->model_term_fit[s * size + q];
        fsq__buf_printf(b, "| %zu | `", q + 1);
        fsq__cube_text(tt, cube, b);
        fsq__buf_printf(b, "` | %.3f | %.3f | %.3f | ", f->incl, f->pri, f->cov);
        if (isnan(f->cov_u))
            fsq__buf_puts(b, "- | ");
        else
            fsq__buf_printf(b, "%.3f | ", f->cov_u);
        fsq__tt_cube_membership(tt, cube, mem);
        case_cell(b, tt, mem, in_set);
        fsq__buf_puts(b, " |\n");
    }
    double incl, pri, cov;
    fsq_min_solution_fit(m, d, &incl, &pri, &cov);
    fsq_min_solution_membership(m, d, mem);
    fsq__buf_printf(b, "| | **M%zu** | **%.3f** | **%.3f** | **%.3f** | | ", d + 1, incl, pri,
                    cov);
    case_cell(b, tt, mem, in_set);
    fsq__buf_puts(b, " |\n\n");
}

static void solution_section(fsq__buf *b, const fsq__report_input *in, fsq_solution_type t,
                             double *mem)
{
    static const char *const heading[3] = {"Conservative (complex) solution",
                                           "Parsimonious solution", "Intermediate solution"};
    static const char *const what[3] = {
        "No remainder is assumed: only the positive configurations are minimized.",
        "Every remainder (unobserved or below n_cut) may be used as a simplifying assumption.",
        "Only the remainders that agree with the directional expectations (easy "
        "counterfactuals) may be used."};
    const fsq_min *m = in->min[t];
    char out[256];
    outcome_text(in->tt, out, sizeof out);
    fsq__buf_printf(b, "### %s\n\n%s\n\n", heading[t], what[t]);
    if (!m) {
        if (in->min_error[t])
            fsq__buf_printf(b, "**No %s solution.** %s\n\n", fsq__report_type_name(t),
                            in->min_error[t]);
        else
            fsq__buf_puts(b, "Not computed: the spec gives no directional expectations "
                             "(`dir_exp`).\n\n");
        return;
    }
    size_t n = fsq_min_nsolutions(m);
    if (n > 1)
        fsq__buf_printf(b, "%zu models fit equally well (each uses the minimum number of prime "
                           "implicants):\n\n", n);
    for (size_t d = 0; d < n; d++) {
        char *text = fsq_min_solution_text(m, d);
        fsq__buf_printf(b, "- **M%zu:** `%s` → %s\n", d + 1, text ? text : "?", out);
        free(text);
    }
    fsq__buf_putc(b, '\n');
    if (t == FSQ_INTERMEDIATE)
        for (size_t q = 0; q < m->nkeys; q++) {
            const fsq__int_key *key = &m->keys[q];
            fsq__buf_printf(b, "Conservative model %zu with parsimonious model %zu: %zu easy "
                               "counterfactual%s, %zu difficult.\n",
                            key->c_model + 1, key->p_model + 1, key->ec.n,
                            key->ec.n == 1 ? "" : "s", key->dc.n);
            if (q + 1 == m->nkeys)
                fsq__buf_putc(b, '\n');
        }
    for (size_t d = 0; d < n; d++) {
        const fsq__model_set *set;
        size_t s;
        model_of(m, d, &set, &s);
        if (n > 1)
            fsq__buf_printf(b, "#### Model M%zu\n\n", d + 1);
        fit_table(b, m, d, mem);
        if (t != FSQ_INTERMEDIATE && set->assumptions) {
            size_t na = set->assumptions[s].n;
            fsq__buf_printf(b, "Simplifying assumptions (remainders covered by the model): %zu%s.\n\n",
                            na, set->assumptions[s].truncated ? " (too many to list)" : "");
        }
        fsq_min_solution_membership(m, d, mem);
        fsq__buf_puts(b, "| Cases by XY quadrant | n |\n|:---|:---|\n");
        fsq__buf_puts(b, "| typical: in solution and outcome (X > 0.5, Y > 0.5) | ");
        case_cell(b, in->tt, mem, typical);
        fsq__buf_puts(b, " |\n| deviant for consistency: in solution, not in outcome "
                         "(X > 0.5, Y < 0.5) | ");
        case_cell(b, in->tt, mem, deviant);
        fsq__buf_puts(b, " |\n| uncovered: in outcome, not in solution (X < 0.5, Y > 0.5) | ");
        case_cell(b, in->tt, mem, uncovered);
        char name[64];
        fsq__report_plot_name(t, d, name, sizeof name);
        fsq__buf_printf(b, " |\n\n![XY plot of the %s solution, model M%zu](%s)\n\n",
                        fsq__report_type_name(t), d + 1, name);
    }
}

static void calibration_section(fsq__buf *b, const fsq__report_input *in)
{
    fsq__buf_puts(b, "## Calibration\n\n");
    if (!in->ncalib) {
        fsq__buf_puts(b, "No column was calibrated: the data are used as given (they must be set "
                         "memberships).\n\n");
        return;
    }
    fsq__buf_puts(b, "Raw columns were calibrated into sets with the direct method (as R's "
                     "`QCA::calibrate`). **Each calibrated set replaces its raw column under the "
                     "same name**: below, a name such as `");
    fsq__buf_puts(b, in->calib[0].column);
    fsq__buf_puts(b, "` means the calibrated set.\n\n"
                     "| Set | Method | Anchors | Cases at exactly 0.5 |\n"
                     "|:---|:---|:---|---:|\n");
    for (size_t c = 0; c < in->ncalib; c++) {
        const fsq__report_calib *cal = &in->calib[c];
        fsq__buf_printf(b, "| %s | %s | ", cal->column,
                        strcmp(cal->method, "logistic") == 0 ? "fuzzy, logistic (idm 0.95)"
                        : strcmp(cal->method, "linear") == 0 ? "fuzzy, piecewise linear"
                        : strcmp(cal->method, "bell") == 0   ? "fuzzy, bell-shaped"
                                                             : "crisp");
        static const char *const names3[] = {"e", "c", "i"};
        static const char *const names6[] = {"e1", "c1", "i1", "i2", "c2", "e2"};
        for (size_t k = 0; k < cal->nthresholds; k++) {
            const char *nm = strcmp(cal->method, "crisp") == 0 ? NULL
                             : cal->nthresholds == 3           ? names3[k]
                             : cal->nthresholds == 6           ? names6[k]
                                                               : NULL;
            if (nm)
                fsq__buf_printf(b, "%s%s = %g", k ? ", " : "", nm, cal->thresholds[k]);
            else
                fsq__buf_printf(b, "%s%g", k ? ", " : "", cal->thresholds[k]);
        }
        fsq__buf_printf(b, " | %zu |\n", cal->nhalf);
    }
    fsq__buf_putc(b, '\n');
}

static void necessity_section(fsq__buf *b, const fsq__report_input *in)
{
    char out[256];
    outcome_text(in->tt, out, sizeof out);
    fsq__buf_puts(b, "## Necessary conditions\n\n");
    if (!in->nec) {
        fsq__buf_puts(b, "Not computed.\n\n");
        return;
    }
    fsq__buf_printf(b, "Conditions, their negations, and unions and intersections of them whose "
                       "consistency of necessity for %s reaches inclN >= %g", out,
                    in->nec_incl_cut);
    if (in->nec_ron_cut > 0)
        fsq__buf_printf(b, " with RoN >= %g", in->nec_ron_cut);
    fsq__buf_puts(b, " (as `QCA::superSubset(relation = \"necessity\")`). A low relevance (RoN) "
                     "marks a trivially necessary expression.\n\n");
    size_t n = fsq_nec_nterms(in->nec);
    if (!n) {
        fsq__buf_puts(b, "**None passes**: no condition, negated condition or union of "
                         "conditions is necessary at this cut-off.\n\n");
        return;
    }
    fsq__buf_puts(b, "| Expression | inclN | RoN | covN |\n|:---|---:|---:|---:|\n");
    for (size_t i = 0; i < n; i++) {
        const fsq_nec_term *t = fsq_nec_term_at(in->nec, i);
        fsq__buf_printf(b, "| `%s` | %.3f | %.3f | %.3f |\n", t->expression, t->incl, t->ron,
                        t->cov);
    }
    fsq__buf_putc(b, '\n');
}

static void tt_section(fsq__buf *b, const fsq__report_input *in)
{
    const fsq_tt *tt = in->tt;
    char rem[64], idx[64];
    fsq__buf_puts(b, "## Truth table\n\n");
    fsq_tt_remainders(tt, rem, sizeof rem);
    size_t counts[4] = {0, 0, 0, 0};
    for (size_t r = 0; r < tt->nrows; r++)
        counts[tt->row_out[r]]++;
    fsq__buf_printf(b, "%zu observed configuration%s (%zu positive, %zu negative, %zu "
                       "contradictory, %zu below n_cut); %s configuration%s without any case. "
                       "A case belongs to the row where all its memberships are above 0.5; incl "
                       "and PRI are computed over all cases. OUT: 1 positive, 0 negative, C "
                       "contradiction, ? remainder. Rows in QCA's order.\n\n",
                    tt->nrows, tt->nrows == 1 ? "" : "s", counts[FSQ_OUT_1], counts[FSQ_OUT_0],
                    counts[FSQ_OUT_C], counts[FSQ_OUT_REM], rem,
                    strcmp(rem, "1") == 0 ? "" : "s");
    fsq__buf_puts(b, "| Row |");
    for (size_t j = 0; j < tt->k; j++)
        fsq__buf_printf(b, " %s |", tt->conditions[j]);
    fsq__buf_puts(b, " OUT | n | incl | PRI |\n|---:|");
    for (size_t j = 0; j < tt->k; j++)
        fsq__buf_puts(b, ":---:|");
    fsq__buf_puts(b, ":---:|---:|---:|---:|\n");
    for (size_t r = 0; r < tt->nrows; r++) {
        fsq__buf_printf(b, "| %s |", fsq_tt_row_index(tt, r, idx, sizeof idx));
        for (size_t j = 0; j < tt->k; j++)
            fsq__buf_printf(b, " %u |", fsq_tt_row_value(tt, r, j));
        fsq__buf_printf(b, " %s | %zu | %.3f | %.3f |\n", fsq__out_name(tt->row_out[r]),
                        tt->row_n[r], tt->row_incl[r], tt->row_pri[r]);
    }
    fsq__buf_putc(b, '\n');
}

int fsq__report_markdown(fsq__buf *b, const fsq__report_input *in)
{
    const fsq_tt *tt = in->tt;
    char out[256];
    outcome_text(tt, out, sizeof out);
    double *mem = malloc((tt->ncases ? tt->ncases : 1) * sizeof *mem);
    if (!mem)
        return fsq__nomem();

    fsq__buf_printf(b, "# QCA of %s\n\nProduced by fsqca %s (`fsqca run %s`); the numbers "
                       "follow the definitions of R's QCA 3.23. Machine-readable results: "
                       "`results.json`.\n\n", out, fsq_version(), in->spec_path);
    fsq__buf_puts(b, "## What was run\n\n| Setting | Value |\n|:---|:---|\n");
    fsq__buf_printf(b, "| Data | `%s`: %zu cases", in->data_path, in->ncases_read);
    if (in->ndropped)
        fsq__buf_printf(b, ", %zu dropped for missing values, %zu analysed", in->ndropped,
                        tt->ncases);
    fsq__buf_printf(b, " |\n| Outcome | %s |\n| Conditions | ", out);
    for (size_t j = 0; j < tt->k; j++)
        fsq__buf_printf(b, "%s%s", j ? ", " : "", tt->conditions[j]);
    fsq__buf_printf(b, " (%zu, %s sets) |\n", tt->k, fsq__tt_type_name(tt->type));
    fsq__buf_printf(b, "| Truth table | incl.cut = %g", tt->opts.incl_cut1);
    if (tt->opts.incl_cut0 >= 0)
        fsq__buf_printf(b, ", %g", tt->opts.incl_cut0);
    fsq__buf_printf(b, "; n.cut = %zu; pri.cut = %g |\n", tt->opts.n_cut, tt->opts.pri_cut);
    fsq__buf_printf(b, "| Directional expectations | %s |\n",
                    in->dir_exp_text ? in->dir_exp_text : "none (no intermediate solution)");
    fsq__buf_printf(b, "| Necessity | inclN >= %g", in->nec_incl_cut);
    if (in->nec_ron_cut > 0)
        fsq__buf_printf(b, ", RoN >= %g", in->nec_ron_cut);
    fsq__buf_puts(b, " |\n\n");

    /* The solutions first in a summary, since that is what a reader wants. */
    fsq__buf_puts(b, "## Summary of solutions\n\n| Solution | Model | inclS | PRI | covS |\n"
                     "|:---|:---|---:|---:|---:|\n");
    for (int t = 0; t < 3; t++) {
        const fsq_min *m = in->min[t];
        if (!m) {
            fsq__buf_printf(b, "| %s | %s | | | |\n", fsq__report_type_name((fsq_solution_type)t),
                            in->min_error[t] ? "no solution" : "not computed");
            continue;
        }
        for (size_t d = 0; d < fsq_min_nsolutions(m); d++) {
            char *text = fsq_min_solution_text(m, d);
            double incl, pri, cov;
            fsq_min_solution_fit(m, d, &incl, &pri, &cov);
            fsq__buf_printf(b, "| %s | M%zu: `%s` | %.3f | %.3f | %.3f |\n",
                            d ? "" : fsq__report_type_name((fsq_solution_type)t), d + 1,
                            text ? text : "?", incl, pri, cov);
            free(text);
        }
    }
    fsq__buf_putc(b, '\n');

    calibration_section(b, in);
    necessity_section(b, in);
    tt_section(b, in);
    fsq__buf_puts(b, "## Sufficiency: solutions\n\n"
                     "Fit is computed from the set memberships of all cases: inclS "
                     "(consistency), PRI (proportional reduction in inconsistency), covS "
                     "(raw coverage) and covU (unique coverage within the model). The cases "
                     "column counts the cases with a membership above 0.5 in the term (listed "
                     "when there are few).\n\n");
    for (int t = 0; t < 3; t++)
        solution_section(b, in, (fsq_solution_type)t, mem);

    fsq__buf_puts(b, "## Notes\n\n");
    if (in->ncalib)
        fsq__buf_printf(b, "- Calibrated columns replace the raw columns under the same name; "
                           "the raw values are not used after calibration.\n");
    else
        fsq__buf_puts(b, "- No column was calibrated: the data were used as set memberships as "
                         "given.\n");
    if (in->ndropped && in->data) {
        fsq__buf_printf(b, "- %zu case%s with missing values %s dropped (listwise):", in->ndropped,
                        in->ndropped == 1 ? "" : "s", in->ndropped == 1 ? "was" : "were");
        for (size_t i = 0; i < fsq_data_ndropped(in->data); i++)
            fsq__buf_printf(b, "%s%s", i ? ", " : " ", fsq_data_dropped_id(in->data, i));
        fsq__buf_puts(b, ".\n");
    }
    if (tt->nhalf) {
        fsq__buf_printf(b, "- %zu case%s with a membership of exactly 0.5 in some condition "
                           "belong%s to no truth table row (%s still count in every consistency "
                           "and coverage sum):", tt->nhalf, tt->nhalf == 1 ? "" : "s",
                        tt->nhalf == 1 ? "s" : "", tt->nhalf == 1 ? "it" : "they");
        for (size_t h = 0; h < tt->nhalf && h < 50; h++)
            fsq__buf_printf(b, "%s%s", h ? ", " : " ", tt->case_ids[tt->half_cases[h]]);
        fsq__buf_puts(b, tt->nhalf > 50 ? ", ...\n" : ".\n");
    } else {
        fsq__buf_puts(b, "- No case has a membership of exactly 0.5 in a condition: every case "
                         "belongs to a truth table row.\n");
    }
    size_t yhalf = 0;
    for (size_t i = 0; i < tt->ncases; i++)
        yhalf += tt->y[i] == 0.5;
    if (yhalf)
        fsq__buf_printf(b, "- %zu case%s a membership of exactly 0.5 in the outcome: in no XY "
                           "quadrant.\n", yhalf, yhalf == 1 ? " has" : "s have");
    fsq__report_rows_note(b, "Contradictory simplifying assumptions: remainders used by the "
                          "parsimonious models of the outcome and of its negation (findrows "
                          "--type csa; exclude them with exclude = csa)", in->csa, in->ncsa);
    fsq__report_rows_note(b, "Rows coded negative (exclude)", in->excluded, in->nexcluded);
    fsq__buf_puts(b, "- Solutions are exact: every prime implicant and every minimum model is "
                     "listed (no search heuristic).\n");
    free(mem);
    return fsq__buf_ok(b);
}
