/* The configuration chart (Ragin & Fiss 2008; Fiss 2011) of an intermediate
 * model: conditions as rows, configurations as columns, core / peripheral
 * presence and absence as large / small filled and crossed circles, and the
 * fit of each configuration and of the solution underneath
 * (fsq_chart_render in fsqca.h; the classification is src/minimize/chart.c).
 *
 * SVG layout: a label column of LABEL_W pixels, one column of COL_W per
 * configuration, a header row with the family labels (1a, 1b, 2, ...), one
 * ROW_H row per condition, then the four fit rows, the solution's fit and
 * a legend. Plain SVG 1.1 with presentation attributes only, as svg.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/table.h"

#define LABEL_W 170.0
#define COL_W 76.0
#define ROW_H 34.0
#define TOP 64.0
#define R_CORE 10.0
#define R_PERI 5.5
#define FONT "Helvetica, Arial, sans-serif"

/* Symbols of the tables, by status (blank first). */
static const char *const utf8_symbol[] = {"", "\xe2\x97\x8f", "\xe2\x80\xa2", "\xe2\x8a\x97",
                                          "\xe2\x8a\x98"};
/* "\\\\" marks a cell as LaTeX already (table.c). */
static const char *const latex_symbol[] = {"", "\\\\{\\Large$\\bullet$}", "\\\\$\\bullet$",
                                           "\\\\{\\Large$\\otimes$}", "\\\\$\\otimes$"};

static const char *outcome(const fsq_chart *c, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s", c->negated ? "~" : "", c->outcome);
    return buf;
}

static int chart_table(const fsq_chart *c, fsq_format f, int digits, fsq__buf *b)
{
    char caption[1024], y[300];
    snprintf(caption, sizeof caption, "Configurations for %s (intermediate solution %s)",
             outcome(c, y, sizeof y), c->key);
    fsq__table t;
    int rc = fsq__table_init(&t, 1 + c->nterms, caption);
    if (rc)
        return rc;
    fsq__table_column(&t, 0, "", 'l');
    for (size_t q = 0; q < c->nterms; q++)
        fsq__table_column(&t, 1 + q, c->terms[q].group, f == FSQ_FORMAT_CSV ? 'l' : 'r');
    for (size_t j = 0; j < c->nconditions; j++) {
        fsq__table_row(&t);
        fsq__table_cell(&t, 0, c->conditions[j]);
        for (size_t q = 0; q < c->nterms; q++) {
            unsigned s = c->terms[q].status[j];
            fsq__table_cell(&t, 1 + q, f == FSQ_FORMAT_CSV     ? fsq_chart_status_name(s)
                                       : f == FSQ_FORMAT_LATEX ? latex_symbol[s]
                                                               : utf8_symbol[s]);
        }
    }
    static const char *const labels[] = {"Consistency", "PRI", "Raw coverage", "Unique coverage"};
    for (int r = 0; r < 4; r++) {
        fsq__table_row(&t);
        fsq__table_cell(&t, 0, labels[r]);
        for (size_t q = 0; q < c->nterms; q++) {
            const fsq_chart_term *term = &c->terms[q];
            double v = r == 0 ? term->incl : r == 1 ? term->pri : r == 2 ? term->cov : term->cov_u;
            fsq__table_number(&t, 1 + q, v, digits);
        }
    }
    fsq__table_row(&t);
    fsq__table_cell(&t, 0, "Solution consistency");
    fsq__table_number(&t, 1, c->incl, digits);
    fsq__table_row(&t);
    fsq__table_cell(&t, 0, "Solution coverage");
    fsq__table_number(&t, 1, c->cov, digits);
    if (f != FSQ_FORMAT_CSV) {
        if (f == FSQ_FORMAT_LATEX)
            fsq__table_note(&t, "\\\\{\\Large$\\bullet$} core condition present, $\\bullet$ "
                            "peripheral present, {\\Large$\\otimes$} core absent, $\\otimes$ "
                            "peripheral absent, blank: does not matter. Core conditions are "
                            "those of the parsimonious solution.");
        else
            fsq__table_note(&t, "%s core condition present, %s peripheral present, %s core "
                            "absent, %s peripheral absent, blank: does not matter. Core "
                            "conditions are those of the parsimonious solution (%s).",
                            utf8_symbol[1], utf8_symbol[2], utf8_symbol[3], utf8_symbol[4],
                            c->parsimonious);
        for (size_t q = 0; q < c->nterms; q++)
            fsq__table_note(&t, "%s: %s", c->terms[q].group, c->terms[q].term);
    }
    rc = fsq__table_write(b, &t, f);
    fsq__table_free(&t);
    return rc;
}

static void svg_text(fsq__buf *b, double x, double y, const char *anchor, double size,
                     const char *weight, const char *text)
{
    fsq__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%.0f\""
                    "%s%s%s>", x, y, anchor, size, weight ? " font-weight=\"" : "",
                    weight ? weight : "", weight ? "\"" : "");
    fsq__xml_escape(b, text);
    fsq__buf_puts(b, "</text>\n");
}

/* One symbol centred at (cx, cy): filled circle, or circle with an X. */
static void svg_symbol(fsq__buf *b, double cx, double cy, unsigned status)
{
    if (status == FSQ_CHART_BLANK)
        return;
    int core = status == FSQ_CHART_CORE || status == FSQ_CHART_CORE_ABSENT;
    double r = core ? R_CORE : R_PERI;
    if (status == FSQ_CHART_CORE || status == FSQ_CHART_PERIPHERAL) {
        fsq__buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#111\"/>\n", cx, cy,
                        r);
        return;
    }
    double d = r * 0.7071;
    fsq__buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"white\" stroke=\"#111\" "
                    "stroke-width=\"1.6\"/>\n", cx, cy, r);
    fsq__buf_printf(b, "<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"#111\" "
                    "stroke-width=\"1.6\"/>\n", cx - d, cy - d, cx + d, cy + d, cx - d, cy + d,
                    cx + d, cy - d);
}

static int chart_svg(const fsq_chart *c, int digits, fsq__buf *b)
{
    size_t n = c->nterms, k = c->nconditions;
    int dg = fsq__table_digits(digits);
    double width = LABEL_W + COL_W * (double)(n ? n : 1) + 30.0;
    if (width < 640)
        width = 640;
    double grid_top = TOP + ROW_H, fit_top = grid_top + ROW_H * (double)k;
    double height = fit_top + ROW_H * 4 + 120.0 + 14.0 * (double)((n + 1) / 2);
    char y[300], title[1024], num[64];
    fsq__buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.0f\" "
                    "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\">\n",
                    width, height, width, height, FONT);
    fsq__buf_printf(b, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n", width, height);
    snprintf(title, sizeof title, "Configurations for %s", outcome(c, y, sizeof y));
    svg_text(b, 16, 28, "start", 17, "bold", title);
    snprintf(title, sizeof title, "intermediate solution %s: %s", c->key, c->solution);
    svg_text(b, 16, 48, "start", 12, NULL, title);
    /* Header: family labels; a line under it and above the fit rows. */
    for (size_t q = 0; q < n; q++)
        svg_text(b, LABEL_W + COL_W * ((double)q + 0.5), TOP + ROW_H * 0.65, "middle", 14, "bold",
                 c->terms[q].group);
    double right = LABEL_W + COL_W * (double)n;
    fsq__buf_printf(b, "<path d=\"M10 %.1fH%.1fM10 %.1fH%.1f\" stroke=\"#111\" "
                    "stroke-width=\"1\"/>\n", grid_top, right, fit_top, right);
    for (size_t j = 0; j < k; j++) {
        double cy = grid_top + ROW_H * ((double)j + 0.5);
        if (j % 2)
            fsq__buf_printf(b, "<rect x=\"10\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                            "fill=\"#f2f2f2\"/>\n", cy - ROW_H / 2, right - 10, ROW_H);
        svg_text(b, 16, cy + 5, "start", 13, NULL, c->conditions[j]);
        for (size_t q = 0; q < n; q++)
            svg_symbol(b, LABEL_W + COL_W * ((double)q + 0.5), cy, c->terms[q].status[j]);
    }
    static const char *const labels[] = {"Consistency", "PRI", "Raw coverage", "Unique coverage"};
    for (int r = 0; r < 4; r++) {
        double cy = fit_top + ROW_H * ((double)r + 0.5);
        svg_text(b, 16, cy + 5, "start", 13, NULL, labels[r]);
        for (size_t q = 0; q < n; q++) {
            const fsq_chart_term *t = &c->terms[q];
            double v = r == 0 ? t->incl : r == 1 ? t->pri : r == 2 ? t->cov : t->cov_u;
            if (isnan(v))
                snprintf(num, sizeof num, "-");
            else
                snprintf(num, sizeof num, "%.*f", dg, v);
            svg_text(b, LABEL_W + COL_W * ((double)q + 0.5), cy + 5, "middle", 13, NULL, num);
        }
    }
    double sy = fit_top + ROW_H * 4;
    fsq__buf_printf(b, "<path d=\"M10 %.1fH%.1f\" stroke=\"#111\" stroke-width=\"1\"/>\n", sy,
                    right);
    snprintf(title, sizeof title, "Solution consistency %.*f, PRI %.*f, coverage %.*f", dg, c->incl,
             dg, c->pri, dg, c->cov);
    svg_text(b, 16, sy + 24, "start", 13, "bold", title);
    /* Legend: the four symbols. */
    static const char *const legend[] = {"core present", "peripheral present", "core absent",
                                         "peripheral absent"};
    for (int s = 0; s < 4; s++) {
        double lx = 26 + 150.0 * s, ly = sy + 58;
        svg_symbol(b, lx, ly, (unsigned)(s == 0   ? FSQ_CHART_CORE
                                         : s == 1 ? FSQ_CHART_PERIPHERAL
                                         : s == 2 ? FSQ_CHART_CORE_ABSENT
                                                  : FSQ_CHART_PERIPHERAL_ABSENT));
        svg_text(b, lx + 16, ly + 4, "start", 11, NULL, legend[s]);
    }
    snprintf(title, sizeof title, "Core: in the parsimonious solution %s. Blank: does not matter.",
             c->parsimonious);
    svg_text(b, 16, sy + 92, "start", 11, NULL, title);
    for (size_t q = 0; q < n; q++) {
        snprintf(title, sizeof title, "%s: %s", c->terms[q].group, c->terms[q].term);
        svg_text(b, 16 + 250.0 * (double)(q % 2), sy + 110 + 14.0 * (double)(q / 2), "start", 10,
                 NULL, title);
    }
    fsq__buf_puts(b, "</svg>\n");
    return fsq__buf_ok(b);
}

int fsq_chart_render(const fsq_chart *c, fsq_format f, int digits, char **out, size_t *len)
{
    *out = NULL;
    fsq__buf b = FSQ__BUF_INIT;
    int rc = f == FSQ_FORMAT_SVG ? chart_svg(c, digits, &b)
             : f == FSQ_FORMAT_JSON
                 ? fsq__error(FSQ_EINPUT, "the chart's JSON is the \"configurations\" key of "
                              "fsq_min_to_json")
                 : chart_table(c, f, digits, &b);
    if (rc) {
        fsq__buf_free(&b);
        return rc;
    }
    return fsq__table_finish(&b, out, len);
}
