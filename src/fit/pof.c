/* Parameters of fit of any expression: QCA's pof(expression, outcome, data,
 * relation). The formulas are in fsqca.h (section 8).
 *
 * One membership vector per term (N doubles each) plus the expression's;
 * covU of term t is covS(expression) - covS(union of the other terms),
 * computed with one pass over the cases per term. Sums run over the cases
 * in order, so results are deterministic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "fit/expr.h"
#include "io/data_internal.h"
#include "common/json.h"

struct fsq_fit {
    char *expression, *outcome;
    int necessity;
    size_t ncases, nrows;
    fsq_fit_row *rows;
    double *x;      /* nrows x ncases */
    double *y;      /* ncases */
};

void fsq_fit_free(fsq_fit *f)
{
    if (!f)
        return;
    for (size_t r = 0; r < f->nrows; r++)
        free((char *)f->rows[r].term);
    free(f->rows);
    free(f->x);
    free(f->y);
    free(f->expression);
    free(f->outcome);
    free(f);
}

size_t fsq_fit_nrows(const fsq_fit *f) { return f->nrows; }
const fsq_fit_row *fsq_fit_row_at(const fsq_fit *f, size_t r) { return &f->rows[r]; }
size_t fsq_fit_ncases(const fsq_fit *f) { return f->ncases; }
const double *fsq_fit_x(const fsq_fit *f, size_t r) { return f->x + r * f->ncases; }
const double *fsq_fit_y(const fsq_fit *f) { return f->y; }

static double ratio(double a, double b)
{
    return b != 0 ? a / b : NAN;
}

static void sufficiency(fsq_fit_row *row, const double *x, const double *y, size_t n)
{
    double sx = 0, sy = 0, sxy = 0, sxyny = 0;
    for (size_t i = 0; i < n; i++) {
        double m = x[i] < y[i] ? x[i] : y[i];
        double ny = 1.0 - y[i];
        sx += x[i];
        sy += y[i];
        sxy += m;
        sxyny += m < ny ? m : ny;
    }
    row->incl = ratio(sxy, sx);
    row->pri = ratio(sxy - sxyny, sx - sxyny);
    row->cov = ratio(sxy, sy);
    row->cov_u = NAN;
    row->ron = NAN;
}

static void necessity(fsq_fit_row *row, const double *x, const double *y, size_t n)
{
    double sx = 0, sy = 0, sxy = 0, snx = 0, snxy = 0;
    for (size_t i = 0; i < n; i++) {
        double m = x[i] < y[i] ? x[i] : y[i];
        sx += x[i];
        sy += y[i];
        sxy += m;
        snx += 1.0 - x[i];
        snxy += 1.0 - m;
    }
    row->incl = ratio(sxy, sy);
    row->cov = ratio(sxy, sx);
    row->ron = ratio(snx, snxy);
    row->pri = NAN;
    row->cov_u = NAN;
}

/* covS of the union of all term vectors but `skip`. */
static double cov_without(const double *x, size_t nterms, size_t skip, const double *y, size_t n)
{
    double sy = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        double m = 0;
        for (size_t t = 0; t < nterms; t++)
            if (t != skip && x[t * n + i] > m)
                m = x[t * n + i];
        sy += y[i];
        sxy += m < y[i] ? m : y[i];
    }
    return ratio(sxy, sy);
}

int fsq_fit_compute(fsq_fit **out, const fsq_data *data, const char *expression,
                    const char *outcome, int nec)
{
    *out = NULL;
    fsq_expr *e = NULL, *oe = NULL;
    fsq_fit *f = calloc(1, sizeof *f);
    int rc;
    if (!f)
        return fsq__nomem();
    if ((rc = fsq_expr_parse(&e, expression)) || (rc = fsq_expr_parse(&oe, outcome)))
        goto done;
    if (oe->nterms != 1 || oe->terms[0].nlits != 1) {
        rc = fsq__error(FSQ_EINPUT, "the outcome \"%s\" must be a single literal (Y, ~Y or Y[v])",
                        outcome);
        goto done;
    }
    size_t n = data->ncases, nt = e->nterms;
    f->necessity = nec;
    f->ncases = n;
    f->nrows = nt + (nt > 1);
    f->expression = strdup(e->text);
    f->outcome = strdup(oe->text);
    f->rows = calloc(f->nrows, sizeof *f->rows);
    f->x = malloc((f->nrows * n + 1) * sizeof *f->x);
    f->y = malloc((n + 1) * sizeof *f->y);
    if (!f->expression || !f->outcome || !f->rows || !f->x || !f->y) {
        rc = fsq__nomem();
        goto done;
    }
    if ((rc = fsq_expr_membership(oe, FSQ_EXPR_ALL, data, f->y)))
        goto done;
    for (size_t t = 0; t < nt; t++)
        if ((rc = fsq_expr_membership(e, t, data, f->x + t * n)))
            goto done;
    if (nt > 1)
        for (size_t i = 0; i < n; i++) {
            double m = 0;
            for (size_t t = 0; t < nt; t++)
                if (f->x[t * n + i] > m)
                    m = f->x[t * n + i];
            f->x[nt * n + i] = m;
        }
    for (size_t r = 0; r < f->nrows; r++) {
        f->rows[r].term = strdup(r < nt ? e->terms[r].text : "expression");
        if (!f->rows[r].term) {
            rc = fsq__nomem();
            goto done;
        }
        (nec ? necessity : sufficiency)(&f->rows[r], f->x + r * n, f->y, n);
    }
    if (!nec && nt > 1)
        for (size_t t = 0; t < nt; t++)
            f->rows[t].cov_u = f->rows[nt].cov - cov_without(f->x, nt, t, f->y, n);
    *out = f;
    f = NULL;
done:
    fsq_expr_free(e);
    fsq_expr_free(oe);
    fsq_fit_free(f);
    return rc;
}

int fsq_fit_to_json(const fsq_fit *f, char **json, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    fsq__json j;
    fsq__json_init(&j, &b, 1);
    fsq__json_begin_object(&j);
    fsq__json_key(&j, "expression");
    fsq__json_string(&j, f->expression);
    fsq__json_key(&j, "outcome");
    fsq__json_string(&j, f->outcome);
    fsq__json_key(&j, "relation");
    fsq__json_string(&j, f->necessity ? "necessity" : "sufficiency");
    fsq__json_key(&j, "rows");
    fsq__json_begin_array(&j);
    for (size_t r = 0; r < f->nrows; r++) {
        const fsq_fit_row *row = &f->rows[r];
        fsq__json_compact(&j, 1);
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "term");
        fsq__json_string(&j, row->term);
        fsq__json_key(&j, f->necessity ? "inclN" : "inclS");
        fsq__json_number(&j, row->incl);
        fsq__json_key(&j, f->necessity ? "RoN" : "PRI");
        fsq__json_number(&j, f->necessity ? row->ron : row->pri);
        fsq__json_key(&j, f->necessity ? "covN" : "covS");
        fsq__json_number(&j, row->cov);
        if (!f->necessity) {
            fsq__json_key(&j, "covU");
            fsq__json_number(&j, row->cov_u);
        }
        fsq__json_end_object(&j);
        fsq__json_compact(&j, 0);
    }
    fsq__json_end_array(&j);
    fsq__json_end_object(&j);
    fsq__buf_putc(&b, '\n');
    return fsq__buf_hand_out(&b, json, len);
}

const char *fsq_fit_expression(const fsq_fit *f) { return f->expression; }
const char *fsq_fit_outcome(const fsq_fit *f) { return f->outcome; }
int fsq_fit_necessity(const fsq_fit *f) { return f->necessity; }
