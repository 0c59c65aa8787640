/* The truth table, the minimization's fit tables and the necessity table
 * as tables for papers (fsq_tt_render, fsq_min_render, fsq_nec_render and
 * fsq_fit_render in
 * fsqca.h). Each builds one fsq__table per table and writes it with
 * fsq__table_write; JSON goes to the modules' own fsq_*_to_json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "minimize/minimize_internal.h"
#include "report/table.h"

/* Case lists in a cell: every case in CSV (data for a program), the first
 * MAX_IDS and a count elsewhere (a table for a page). */
#define MAX_IDS 12

static void case_list(fsq__buf *s, const char *id, size_t *n, fsq_format f)
{
    if (f == FSQ_FORMAT_CSV || *n < MAX_IDS)
        fsq__buf_printf(s, "%s%s", *n ? "," : "", id);
    else if (*n == MAX_IDS)
        fsq__buf_puts(s, ",...");
    ++*n;
}

static void case_count(fsq__buf *s, size_t n, fsq_format f)
{
    if (f != FSQ_FORMAT_CSV && n > MAX_IDS)
        fsq__buf_printf(s, " (%zu cases)", n);
}

/* JSON is the modules' own; SVG is for charts. */
static int json_elsewhere(fsq_format f, int (*to_json)(const void *, char **, size_t *),
                          const void *obj, char **out, size_t *len, int *done)
{
    *done = 1;
    if (f == FSQ_FORMAT_JSON)
        return to_json(obj, out, len);
    if (f == FSQ_FORMAT_SVG)
        return fsq__error(FSQ_EINPUT, "SVG is for charts; tables are text, md, latex, html, "
                          "csv or json");
    *done = 0;
    return 0;
}

static int tt_json(const void *tt, char **out, size_t *len)
{
    return fsq_tt_to_json(tt, out, len);
}

static int min_json(const void *m, char **out, size_t *len)
{
    return fsq_min_to_json(m, out, len);
}

static int nec_json(const void *n, char **out, size_t *len)
{
    return fsq_nec_to_json(n, out, len);
}

static int fit_json(const void *f, char **out, size_t *len)
{
    return fsq_fit_to_json(f, out, len);
}

static const char *outcome_text(const fsq_tt *tt, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s", tt->negated ? "~" : "", tt->outcome);
    return buf;
}

int fsq_tt_render(const fsq_tt *tt, fsq_format f, int digits, char **out, size_t *len)
{
    int done, rc = json_elsewhere(f, tt_json, tt, out, len, &done);
    if (done)
        return rc;
    size_t k = tt->k;
    char caption[512], num[700], y[300];
    snprintf(caption, sizeof caption, "Truth table of %s (%zu cases; incl.cut = %g, n.cut = %zu)",
             outcome_text(tt, y, sizeof y), tt->ncases, tt->opts.incl_cut1, tt->opts.n_cut);
    fsq__table t;
    if ((rc = fsq__table_init(&t, k + 6, caption)))
        return rc;
    fsq__table_column(&t, 0, "index", 'r');
    for (size_t j = 0; j < k; j++)
        fsq__table_column(&t, 1 + j, tt->conditions[j], 'r');
    fsq__table_column(&t, k + 1, "OUT", 'r');
    fsq__table_column(&t, k + 2, "n", 'r');
    fsq__table_column(&t, k + 3, "incl", 'r');
    fsq__table_column(&t, k + 4, "PRI", 'r');
    fsq__table_column(&t, k + 5, "cases", 'l');
    fsq__buf cases = FSQ__BUF_INIT, b = FSQ__BUF_INIT;
    for (size_t r = 0; r < tt->nrows; r++) {
        fsq__table_row(&t);
        fsq__table_cell(&t, 0, fsq_tt_row_index(tt, r, num, sizeof num));
        for (size_t j = 0; j < k; j++)
            fsq__table_cellf(&t, 1 + j, "%u", tt->rows[r * k + j]);
        fsq__table_cell(&t, k + 1, fsq__out_name(tt->row_out[r]));
        fsq__table_cellf(&t, k + 2, "%zu", tt->row_n[r]);
        fsq__table_number(&t, k + 3, tt->row_incl[r], digits);
        fsq__table_number(&t, k + 4, tt->row_pri[r], digits);
        cases.len = 0;
        size_t shown = 0;
        for (size_t q = tt->row_start[r]; q < tt->row_start[r + 1]; q++)
            case_list(&cases, tt->case_ids[tt->row_cases[q]], &shown, f);
        case_count(&cases, shown, f);
        fsq__table_cell(&t, k + 5, fsq__buf_str(&cases));
    }
    if (tt->nhalf)
        fsq__table_note(&t, "%zu case%s with a membership of exactly 0.5 belong%s to no row.",
                        tt->nhalf, tt->nhalf == 1 ? "" : "s", tt->nhalf == 1 ? "s" : "");
    rc = fsq__buf_ok(&cases);
    if (!rc)
        rc = fsq__table_write(&b, &t, f);
    fsq__buf_free(&cases);
    fsq__table_free(&t);
    if (rc) {
        fsq__buf_free(&b);
        return rc;
    }
    return fsq__table_finish(&b, out, len);
}

/* One model's rows: term, fit, cases above 0.5. CSV puts the model label
 * first (its single table). */
static void model_rows(fsq__table *t, const fsq_min *m, size_t d, int digits, fsq_format f,
                       double *mem, fsq__buf *s)
{
    const fsq_tt *tt = m->tt;
    const fsq__model_set *set = m->type == FSQ_INTERMEDIATE ? &m->keys[m->distinct_key[d]].set
                                                             : &m->main;
    size_t sol = m->type == FSQ_INTERMEDIATE ? m->distinct_model[d] : d, size = set->cover.size;
    int model_col = f == FSQ_FORMAT_CSV;
    size_t c0 = model_col ? 1 : 0;
    for (size_t q = 0; q < size; q++) {
        const unsigned char *cube = set->pis + set->cover.pis[sol * size + q] * tt->k;
        const fsq__term_fit *fit = &set->model_term_fit[sol * size + q];
        fsq__table_row(t);
        if (model_col)
            fsq__table_cellf(t, 0, "M%zu", d + 1);
        s->len = 0;
        fsq__cube_text(tt, cube, s);
        fsq__table_cell(t, c0, fsq__buf_str(s));
        fsq__table_number(t, c0 + 1, fit->incl, digits);
        fsq__table_number(t, c0 + 2, fit->pri, digits);
        fsq__table_number(t, c0 + 3, fit->cov, digits);
        fsq__table_number(t, c0 + 4, fit->cov_u, digits);
        fsq__tt_cube_membership(tt, cube, mem);
        s->len = 0;
        size_t shown = 0;
        for (size_t c = 0; c < tt->ncases; c++)
            if (mem[c] > 0.5)
                case_list(s, tt->case_ids[c], &shown, f);
        case_count(s, shown, f);
        fsq__table_cell(t, c0 + 5, fsq__buf_str(s));
    }
    const fsq__sol_fit *sf = &set->sol_fit[sol];
    fsq__table_row(t);
    if (model_col)
        fsq__table_cellf(t, 0, "M%zu", d + 1);
    fsq__table_cellf(t, c0, "M%zu (solution)", d + 1);
    fsq__table_number(t, c0 + 1, sf->incl, digits);
    fsq__table_number(t, c0 + 2, sf->pri, digits);
    fsq__table_number(t, c0 + 3, sf->cov, digits);
}

static void fit_columns(fsq__table *t, size_t c0)
{
    static const char *const heads[] = {"term", "inclS", "PRI", "covS", "covU", "cases"};
    for (size_t c = 0; c < 6; c++)
        fsq__table_column(t, c0 + c, heads[c], c == 0 || c == 5 ? 'l' : 'r');
}

int fsq_min_render(const fsq_min *m, fsq_format f, int digits, char **out, size_t *len)
{
    int done, rc = json_elsewhere(f, min_json, m, out, len, &done);
    if (done)
        return rc;
    const fsq_tt *tt = m->tt;
    const char *kind = m->type == FSQ_CONSERVATIVE   ? "Conservative"
                       : m->type == FSQ_PARSIMONIOUS ? "Parsimonious"
                                                     : "Intermediate";
    static const char phase[] = "the table report";
    double deadline, limit = m->opts.time_start > 0 ? m->opts.time_limit : 0;
    if ((rc = fsq__phase_deadline(limit, m->opts.time_start, phase, &deadline)))
        return rc;
    double *mem = malloc((tt->ncases ? tt->ncases : 1) * sizeof *mem);
    if (!mem)
        return fsq__nomem();
    fsq__buf b = FSQ__BUF_INIT, s = FSQ__BUF_INIT;
    char caption[8192], y[300];
    outcome_text(tt, y, sizeof y);
    size_t n = fsq_min_nsolutions(m);
    fsq__table t;
    if (f == FSQ_FORMAT_CSV) {
        if (!(rc = fsq__table_init(&t, 7, NULL))) {
            fsq__table_column(&t, 0, "model", 'l');
            fit_columns(&t, 1);
            for (size_t d = 0; d < n && !rc; d++)
                if (!(rc = fsq__past(deadline) ? fsq__time_error(limit, phase) : 0))
                    model_rows(&t, m, d, digits, f, mem, &s);
            if (!rc)
                rc = fsq__table_write(&b, &t, f);
            fsq__table_free(&t);
        }
    } else {
        for (size_t d = 0; d < n && !rc; d++) {
            if (fsq__past(deadline)) {
                rc = fsq__time_error(limit, phase);
                break;
            }
            char *text = fsq_min_solution_text(m, d);
            snprintf(caption, sizeof caption, "%s solution M%zu of %s: %s", kind, d + 1, y,
                     text ? text : "");
            free(text);
            if ((rc = fsq__table_init(&t, 6, caption)))
                break;
            fit_columns(&t, 0);
            model_rows(&t, m, d, digits, f, mem, &s);
            if (d)
                fsq__buf_putc(&b, '\n');
            rc = fsq__table_write(&b, &t, f);
            fsq__table_free(&t);
        }
    }
    if (!rc)
        rc = fsq__buf_ok(&s);
    free(mem);
    fsq__buf_free(&s);
    if (rc) {
        fsq__buf_free(&b);
        return rc;
    }
    return fsq__table_finish(&b, out, len);
}

int fsq_nec_render(const fsq_nec *nec, fsq_format f, int digits, char **out, size_t *len)
{
    int done, rc = json_elsewhere(f, nec_json, nec, out, len, &done);
    if (done)
        return rc;
    char caption[512];
    snprintf(caption, sizeof caption, "Necessity for %s", fsq_nec_outcome(nec));
    fsq__table t;
    if ((rc = fsq__table_init(&t, 4, caption)))
        return rc;
    fsq__table_column(&t, 0, "expression", 'l');
    fsq__table_column(&t, 1, "inclN", 'r');
    fsq__table_column(&t, 2, "RoN", 'r');
    fsq__table_column(&t, 3, "covN", 'r');
    for (size_t i = 0; i < fsq_nec_nterms(nec); i++) {
        const fsq_nec_term *term = fsq_nec_term_at(nec, i);
        fsq__table_row(&t);
        fsq__table_cell(&t, 0, term->expression);
        fsq__table_number(&t, 1, term->incl, digits);
        fsq__table_number(&t, 2, term->ron, digits);
        fsq__table_number(&t, 3, term->cov, digits);
    }
    rc = fsq__table_hand_out(&t, f, out, len);
    fsq__table_free(&t);
    return rc;
}

int fsq_fit_render(const fsq_fit *fit, fsq_format f, int digits, char **out, size_t *len)
{
    int done, rc = json_elsewhere(f, fit_json, fit, out, len, &done);
    if (done)
        return rc;
    int nec = fsq_fit_necessity(fit);
    char caption[1024];
    snprintf(caption, sizeof caption, "%s of %s for %s", nec ? "Necessity" : "Sufficiency",
             fsq_fit_expression(fit), fsq_fit_outcome(fit));
    fsq__table t;
    /* CSV (no caption) names the expression in a first column, so that the
     * tables of several expressions make one. */
    size_t x = f == FSQ_FORMAT_CSV;
    if ((rc = fsq__table_init(&t, (nec ? 4 : 5) + x, caption)))
        return rc;
    if (x)
        fsq__table_column(&t, 0, "expression", 'l');
    fsq__table_column(&t, x, "term", 'l');
    fsq__table_column(&t, x + 1, nec ? "inclN" : "inclS", 'r');
    fsq__table_column(&t, x + 2, nec ? "RoN" : "PRI", 'r');
    fsq__table_column(&t, x + 3, nec ? "covN" : "covS", 'r');
    if (!nec)
        fsq__table_column(&t, x + 4, "covU", 'r');
    for (size_t r = 0; r < fsq_fit_nrows(fit); r++) {
        const fsq_fit_row *row = fsq_fit_row_at(fit, r);
        fsq__table_row(&t);
        if (x)
            fsq__table_cell(&t, 0, fsq_fit_expression(fit));
        fsq__table_cell(&t, x, row->term);
        fsq__table_number(&t, x + 1, row->incl, digits);
        fsq__table_number(&t, x + 2, nec ? row->ron : row->pri, digits);
        fsq__table_number(&t, x + 3, row->cov, digits);
        if (!nec)
            fsq__table_number(&t, x + 4, row->cov_u, digits);
    }
    rc = fsq__table_hand_out(&t, f, out, len);
    fsq__table_free(&t);
    return rc;
}
