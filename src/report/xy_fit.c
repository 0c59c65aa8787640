/* The XY plot of any expression or term (fsqca fit --xy): the membership in
 * the term against the outcome membership, drawn by the same SVG code as
 * the XY plots of `fsqca run` (fsq__svg_xy). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "io/data_internal.h"
#include "report/report.h"

int fsq_fit_xy_svg(const fsq_fit *f, size_t r, const fsq_data *data, char **svg, size_t *len)
{
    *svg = NULL;
    if (r >= fsq_fit_nrows(f))
        return fsq__error(FSQ_EINPUT, "no fit row %zu (there are %zu)", r + 1, fsq_fit_nrows(f));
    const fsq_fit_row *row = fsq_fit_row_at(f, r);
    /* The last row is the whole expression (or its only term). */
    const char *formula = row->term;
    char title[4096], subtitle[256], xlabel[300], ylabel[300];
    const char *expr_text = fsq_fit_expression(f), *out = fsq_fit_outcome(f);
    int whole = r + 1 == fsq_fit_nrows(f);
    snprintf(title, sizeof title, "%s \xe2\x86\x92 %s", whole ? expr_text : formula, out);
    if (fsq_fit_necessity(f))
        snprintf(subtitle, sizeof subtitle, "Necessity: inclN %.3f, RoN %.3f, covN %.3f",
                 row->incl, row->ron, row->cov);
    else
        snprintf(subtitle, sizeof subtitle, "Sufficiency: inclS %.3f, PRI %.3f, covS %.3f",
                 row->incl, row->pri, row->cov);
    snprintf(xlabel, sizeof xlabel, "Membership in %s", whole ? "the expression" : formula);
    snprintf(ylabel, sizeof ylabel, "Membership in %s", out);
    fsq__xy_plot plot = {fsq_fit_x(f, r), fsq_fit_y(f), (const char *const *)data->ids,
                         fsq_fit_ncases(f), title, subtitle, xlabel, ylabel, 40};
    fsq__buf b = FSQ__BUF_INIT;
    int rc = fsq__svg_xy(&b, &plot);
    if (!rc)
        rc = fsq__buf_ok(&b);
    if (rc) {
        fsq__buf_free(&b);
        return rc;
    }
    *svg = fsq__buf_detach(&b, len);
    return 0;
}
