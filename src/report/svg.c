/* XY plots as SVG (see report.h).
 *
 * Layout: a square plot area of PLOT x PLOT pixels with margins for the
 * title (top), tick labels and axis labels (left, bottom). Data coordinates
 * map as px = left + x * PLOT, py = top + (1 - y) * PLOT. Output is plain
 * SVG 1.1 with presentation attributes only (no CSS, no scripts), so it
 * renders the same in browsers, Inkscape and rsvg, and can be pasted into a
 * paper. Cost: O(n) in the number of cases. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"

#define PLOT 440.0
#define LEFT 78.0
#define RIGHT 40.0
#define BOTTOM 64.0
#define TITLE_CHARS 64   /* wrap titles longer than this at " + " */
#define FONT "Helvetica, Arial, sans-serif"

void fsq__xml_escape(fsq__buf *b, const char *s)
{
    for (; s && *s; s++)
        switch (*s) {
        case '&': fsq__buf_puts(b, "&amp;"); break;
        case '<': fsq__buf_puts(b, "&lt;"); break;
        case '>': fsq__buf_puts(b, "&gt;"); break;
        case '"': fsq__buf_puts(b, "&quot;"); break;
        case '\'': fsq__buf_puts(b, "&apos;"); break;
        default:
            /* Control characters are not allowed in XML 1.0 text. */
            if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
                fsq__buf_putc(b, '?');
            else
                fsq__buf_putc(b, *s);
        }
}

static double clamp01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

/* Splits the title into lines of at most TITLE_CHARS at " + " separators
 * (a single term longer than that stays on one line). Appends <tspan>s. */
static size_t title_lines(fsq__buf *b, const char *title, double cx, double y0, double dy)
{
    size_t nlines = 0, len = strlen(title), start = 0;
    while (start < len) {
        size_t end = len;
        if (len - start > TITLE_CHARS) {
            /* The last " + " that keeps the line short enough, else the first. */
            size_t best = 0;
            for (size_t i = start + 1; i + 3 <= len; i++)
                if (strncmp(title + i, " + ", 3) == 0) {
                    if (i - start <= TITLE_CHARS || !best)
                        best = i;
                    if (i - start > TITLE_CHARS)
                        break;
                }
            if (best)
                end = best + 2; /* keep "+" at the end of the line */
        }
        char line[1024];
        size_t n = end - start < sizeof line - 1 ? end - start : sizeof line - 1;
        memcpy(line, title + start, n);
        line[n] = '\0';
        while (n && line[n - 1] == ' ')
            line[--n] = '\0';
        fsq__buf_printf(b, "<tspan x=\"%.1f\" y=\"%.1f\">", cx, y0 + dy * (double)nlines);
        fsq__xml_escape(b, line);
        fsq__buf_puts(b, "</tspan>");
        nlines++;
        start = end;
        while (start < len && title[start] == ' ')
            start++;
    }
    return nlines;
}

static size_t count_title_lines(const char *title)
{
    /* Cheap dry run into a scratch buffer. */
    fsq__buf scratch = FSQ__BUF_INIT;
    size_t n = title_lines(&scratch, title, 0, 0, 0);
    fsq__buf_free(&scratch);
    return n ? n : 1;
}

int fsq__svg_xy(fsq__buf *b, const fsq__xy_plot *p)
{
    const char *title = p->title ? p->title : "";
    size_t ntitle = count_title_lines(title);
    double top = 36.0 + 18.0 * (double)ntitle + (p->subtitle ? 20.0 : 0.0);
    double width = LEFT + PLOT + RIGHT, height = top + PLOT + BOTTOM;
    double cx = LEFT + PLOT / 2, tcx = width / 2;

    fsq__buf_printf(b,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                    "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                    "font-family=\"%s\">\n",
                    width, height, width, height, FONT);
    fsq__buf_puts(b, "<title>");
    fsq__xml_escape(b, title);
    fsq__buf_puts(b, "</title>\n");
    fsq__buf_printf(b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n",
                    width, height);

    /* Title and subtitle. */
    fsq__buf_printf(b, "<text text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" "
                       "fill=\"#111111\">");
    title_lines(b, title, tcx, 30.0, 18.0);
    fsq__buf_puts(b, "</text>\n");
    if (p->subtitle) {
        fsq__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12.5\" "
                           "fill=\"#333333\">", tcx, 30.0 + 18.0 * (double)ntitle + 4.0);
        fsq__xml_escape(b, p->subtitle);
        fsq__buf_puts(b, "</text>\n");
    }

    /* Grid, frame, ticks. */
    fsq__buf_puts(b, "<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n");
    for (int t = 1; t < 5; t++) {
        double v = t * 0.2;
        fsq__buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                        LEFT + v * PLOT, top, LEFT + v * PLOT, top + PLOT);
        fsq__buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", LEFT,
                        top + (1 - v) * PLOT, LEFT + PLOT, top + (1 - v) * PLOT);
    }
    fsq__buf_puts(b, "</g>\n");
    fsq__buf_printf(b, "<g stroke=\"#333333\" stroke-width=\"1\" font-size=\"11\" fill=\"#333333\">\n");
    for (int t = 0; t <= 5; t++) {
        double v = t * 0.2, px = LEFT + v * PLOT, py = top + (1 - v) * PLOT;
        char lab[8];
        snprintf(lab, sizeof lab, t == 0 ? "0" : t == 5 ? "1" : "%.1f", v);
        fsq__buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", px,
                        top + PLOT, px, top + PLOT + 5);
        fsq__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" stroke=\"none\">%s"
                           "</text>\n", px, top + PLOT + 18, lab);
        fsq__buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", LEFT - 5,
                        py, LEFT, py);
        fsq__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" stroke=\"none\">%s"
                           "</text>\n", LEFT - 8, py + 4, lab);
    }
    fsq__buf_puts(b, "</g>\n");

    /* Diagonal and the 0.5 lines. */
    fsq__buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#777777\" "
                       "stroke-width=\"1\"/>\n", LEFT, top + PLOT, LEFT + PLOT, top);
    fsq__buf_printf(b, "<g stroke=\"#999999\" stroke-width=\"1\" stroke-dasharray=\"5,4\">\n"
                       "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n"
                       "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n</g>\n",
                    LEFT + PLOT / 2, top, LEFT + PLOT / 2, top + PLOT, LEFT, top + PLOT / 2,
                    LEFT + PLOT, top + PLOT / 2);

    /* Points: one circle per case, drawn semi-transparent so that stacked
     * cases (Likert data repeat values) show as darker dots. */
    size_t quad[4] = {0, 0, 0, 0}, online = 0, nmissing = 0;
    fsq__buf_puts(b, "<g fill=\"#1f4e79\" fill-opacity=\"0.30\" stroke=\"#1f4e79\" "
                     "stroke-opacity=\"0.8\" stroke-width=\"0.7\">\n");
    for (size_t i = 0; i < p->n; i++) {
        double x = p->x[i], y = p->y[i];
        if (isnan(x) || isnan(y)) {
            nmissing++;
            continue;
        }
        if (x == 0.5 || y == 0.5)
            online++;
        else
            quad[(x > 0.5) + 2 * (y > 0.5)]++;
        fsq__buf_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3.5\"><title>",
                        LEFT + clamp01(x) * PLOT, top + (1 - clamp01(y)) * PLOT);
        if (p->ids)
            fsq__xml_escape(b, p->ids[i]);
        else
            fsq__buf_printf(b, "%zu", i + 1);
        fsq__buf_printf(b, " (x = %.3f, y = %.3f)</title></circle>\n", x, y);
    }
    fsq__buf_puts(b, "</g>\n");
    if (p->n <= p->label_max && p->n) {
        /* Greedy placement: each label tries above-right, below-right,
         * above-left, below-left of its point and takes the first spot that
         * overlaps no label placed before (boxes estimated from the text
         * length); with no free spot it takes the first in the frame. */
        double box[40][4];
        size_t nbox = 0;
        fsq__buf label = FSQ__BUF_INIT;
        fsq__buf_puts(b, "<g font-size=\"9.5\" fill=\"#222222\">\n");
        for (size_t i = 0; i < p->n; i++) {
            if (isnan(p->x[i]) || isnan(p->y[i]))
                continue;
            /* Cases at the same point share one label ("NL, UK"), written
             * at the first of them. */
            int seen = 0;
            for (size_t h = 0; h < i && !seen; h++)
                seen = p->x[h] == p->x[i] && p->y[h] == p->y[i];
            if (seen)
                continue;
            label.len = 0;
            for (size_t h = i, first = 1; h < p->n; h++) {
                if (p->x[h] != p->x[i] || p->y[h] != p->y[i])
                    continue;
                fsq__buf_puts(&label, first ? "" : ", ");
                first = 0;
                if (p->ids)
                    fsq__xml_escape(&label, p->ids[h]);
                else
                    fsq__buf_printf(&label, "%zu", h + 1);
            }
            double px = LEFT + clamp01(p->x[i]) * PLOT, py = top + (1 - clamp01(p->y[i])) * PLOT;
            double w = 5.6 * (double)label.len + 3.0, h = 10.0;
            const double dx[4] = {5, 5, -5 - w, -5 - w}, dy[4] = {-4, 12, -4, 12};
            int pick = -1;
            for (int c = 0; c < 4 && pick < 0; c++) {
                double x0 = px + dx[c], y0 = py + dy[c] - h;
                if (x0 < LEFT || x0 + w > LEFT + PLOT + RIGHT - 2)
                    continue;
                int clash = 0;
                for (size_t q = 0; q < nbox && !clash; q++)
                    clash = x0 < box[q][2] && box[q][0] < x0 + w && y0 < box[q][3] &&
                            box[q][1] < y0 + h;
                if (!clash)
                    pick = c;
            }
            if (pick < 0)
                pick = px + 5 + w > LEFT + PLOT + RIGHT - 2 ? 2 : 0;
            double x0 = px + dx[pick], y0 = py + dy[pick];
            if (nbox < 40) {
                box[nbox][0] = x0, box[nbox][1] = y0 - h;
                box[nbox][2] = x0 + w, box[nbox][3] = y0;
                nbox++;
            }
            fsq__buf_printf(b, "<text x=\"%.2f\" y=\"%.2f\">%s</text>\n", x0, y0,
                            fsq__buf_str(&label));
        }
        fsq__buf_puts(b, "</g>\n");
        if (fsq__buf_ok(&label))
            b->failed = 1;
        fsq__buf_free(&label);
    }

    /* Quadrant counts, at the inner corner of each quadrant next to the
     * crossing of the 0.5 lines: calibrated data avoid the crossover, so
     * points crowd the outer corners and the middle stays readable. A white
     * halo keeps the numbers legible over any point. */
    fsq__buf_puts(b, "<g font-size=\"12.5\" font-weight=\"bold\" fill=\"#8b1a1a\" "
                     "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">\n");
    double mx = LEFT + PLOT / 2, my = top + PLOT / 2;
    const struct {
        int q;
        double x, y;
        const char *anchor;
    } corners[4] = {
        {2, mx - 8, my - 8, "end"},     /* x < .5, y > .5 */
        {3, mx + 8, my - 8, "start"},   /* x > .5, y > .5 */
        {0, mx - 8, my + 19, "end"},    /* x < .5, y < .5 */
        {1, mx + 8, my + 19, "start"},  /* x > .5, y < .5 */
    };
    for (int c = 0; c < 4; c++)
        fsq__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">n = %zu</text>\n",
                        corners[c].x, corners[c].y, corners[c].anchor, quad[corners[c].q]);
    fsq__buf_puts(b, "</g>\n");
    fsq__buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                       "stroke=\"#333333\" stroke-width=\"1\"/>\n", LEFT, top, PLOT, PLOT);

    /* Axis labels. */
    fsq__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" "
                       "fill=\"#111111\">", cx, top + PLOT + 40);
    fsq__xml_escape(b, p->xlabel);
    fsq__buf_puts(b, "</text>\n");
    fsq__buf_printf(b, "<text x=\"0\" y=\"0\" transform=\"translate(%.1f %.1f) rotate(-90)\" "
                       "text-anchor=\"middle\" font-size=\"13\" fill=\"#111111\">",
                    LEFT - 44, top + PLOT / 2);
    fsq__xml_escape(b, p->ylabel);
    fsq__buf_puts(b, "</text>\n");
    if (online || nmissing) {
        fsq__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\" "
                           "fill=\"#555555\">", LEFT + PLOT, top + PLOT + 58);
        if (online)
            fsq__buf_printf(b, "%zu case%s on a 0.5 line (in no quadrant)", online,
                            online == 1 ? "" : "s");
        if (nmissing)
            fsq__buf_printf(b, "%s%zu case%s not drawn (missing)", online ? "; " : "", nmissing,
                            nmissing == 1 ? "" : "s");
        fsq__buf_puts(b, "</text>\n");
    }
    fsq__buf_puts(b, "</svg>\n");
    return fsq__buf_ok(b);
}
