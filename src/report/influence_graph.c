/* The influence graph as SVG (fsq_network_graph_svg).
 *
 * Element i sits at angle -90 + 360 i / n degrees on a circle, as a disc
 * filled with its role's colour and numbered; its name stands outside the
 * circle. Every influence i -> j is an arrow whose width grows linearly
 * with the intensity (0.8 px at the smallest possible, 4.3 px at the
 * largest of the matrix), solid when positive and dashed (and red) when
 * negative. When j also influences i the two arrows bend to their own right
 * side, so they do not cover each other. Plain SVG 1.1 with markers for the
 * arrowheads. Cost O(n^2). */
#include <math.h>
#include <stdlib.h>

#include "report/influence_svg.h"

#define WIDTH 960.0
#define RADIUS 250.0
#define CX (WIDTH / 2)
#define CY (80 + RADIUS + 30)
#define NODE 15.0
#define BEND 28.0

static const double pi = 3.14159265358979323846;

typedef struct {
    double x, y;
} point;

static point node_at(size_t i, size_t n)
{
    double a = -pi / 2 + 2 * pi * (double)i / (double)n;
    return (point){CX + RADIUS * cos(a), CY + RADIUS * sin(a)};
}

/* p moved by d towards q. */
static point toward(point p, point q, double d)
{
    double dx = q.x - p.x, dy = q.y - p.y, len = sqrt(dx * dx + dy * dy);
    if (len == 0)
        return p;
    return (point){p.x + dx / len * d, p.y + dy / len * d};
}

int fsq_network_graph_svg(const fsq_network *net, char **svg, size_t *len)
{
    const fsq_influence *m = net->matrix;
    size_t n = net->n;
    double w_max = 0;
    for (size_t c = 0; c < n * n; c++)
        if (m->w[c] > w_max)
            w_max = m->w[c];
    double height = CY + RADIUS + 110;
    fsq__buf b = FSQ__BUF_INIT;
    fsq__buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                    "viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\">\n"
                    "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n", WIDTH, height,
                    WIDTH, height, FSQ__INFLUENCE_FONT);
    static const struct {
        const char *id, *colour;
    } markers[2] = {{"pos", "#404040"}, {"neg", "#c0392b"}};
    fsq__buf_puts(&b, "<defs>\n");
    for (int k = 0; k < 2; k++)
        fsq__buf_printf(&b, "<marker id=\"arrow-%s\" viewBox=\"0 0 10 10\" refX=\"10\" "
                        "refY=\"5\" markerWidth=\"11\" markerHeight=\"11\" "
                        "markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 "
                        "L0,10 z\" fill=\"%s\"/></marker>\n", markers[k].id, markers[k].colour);
    fsq__buf_puts(&b, "</defs>\n");
    fsq__buf_printf(&b, "<text x=\"%.1f\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">"
                    "Influence graph: ", CX);
    fsq__xml_escape(&b, m->source);
    fsq__buf_printf(&b, "</text>\n<text x=\"%.1f\" y=\"48\" font-size=\"12\" fill=\"#555555\" "
                    "text-anchor=\"middle\">arrow width by intensity (max %g); dashed red = "
                    "negative; discs coloured by role</text>\n", CX, w_max);

    /* Arrows first, so the discs cover their ends. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double w = m->w[i * n + j];
            if (w <= 0 || i == j)
                continue;
            int neg = m->sign[i * n + j] < 0;
            double width = 0.8 + 3.5 * w / w_max;
            point p = node_at(i, n), q = node_at(j, n);
            fsq__buf_printf(&b, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\" "
                            "stroke-opacity=\"0.8\"%s marker-end=\"url(#arrow-%s)\" d=\"",
                            markers[neg].colour, width,
                            neg ? " stroke-dasharray=\"7 4\"" : "", markers[neg].id);
            if (m->w[j * n + i] > 0) {
                /* Both directions: bend to the right of i -> j. */
                double dx = q.x - p.x, dy = q.y - p.y, l = sqrt(dx * dx + dy * dy);
                point ctl = {(p.x + q.x) / 2 - dy / l * BEND, (p.y + q.y) / 2 + dx / l * BEND};
                point s = toward(p, ctl, NODE), e = toward(q, ctl, NODE + 1);
                fsq__buf_printf(&b, "M%.1f,%.1f Q%.1f,%.1f %.1f,%.1f", s.x, s.y, ctl.x, ctl.y,
                                e.x, e.y);
            } else {
                point s = toward(p, q, NODE), e = toward(q, p, NODE + 1);
                fsq__buf_printf(&b, "M%.1f,%.1f L%.1f,%.1f", s.x, s.y, e.x, e.y);
            }
            fsq__buf_puts(&b, "\"><title>");
            fsq__xml_escape(&b, m->names[i]);
            fsq__buf_puts(&b, " -> ");
            fsq__xml_escape(&b, m->names[j]);
            fsq__buf_printf(&b, ": %g, %s, delay %d</title></path>\n", w, neg ? "-" : "+",
                            m->delay[i * n + j]);
        }

    /* The elements. */
    for (size_t i = 0; i < n; i++) {
        point p = node_at(i, n);
        const fsq_influence_element *e = &net->elements[i];
        fsq__buf_printf(&b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.0f\" fill=\"%s\" "
                        "stroke=\"#222222\"><title>", p.x, p.y, NODE,
                        fsq__influence_role_colour(e->role));
        fsq__xml_escape(&b, m->names[i]);
        fsq__buf_printf(&b, ": %s</title></circle>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
                        "fill=\"#ffffff\" font-weight=\"bold\" text-anchor=\"middle\">%zu</text>\n",
                        fsq_influence_role_name(e->role), p.x, p.y + 4, i + 1);
        double a = -pi / 2 + 2 * pi * (double)i / (double)n, c = cos(a);
        point t = {CX + (RADIUS + NODE + 8) * c, CY + (RADIUS + NODE + 8) * sin(a) + 4};
        const char *anchor = c > 0.2 ? "start" : c < -0.2 ? "end" : "middle";
        if (fabs(c) <= 0.2)
            t.y += sin(a) > 0 ? 10 : -6;
        fsq__buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"%s\">",
                        t.x, t.y, anchor);
        fsq__xml_escape(&b, m->names[i]);
        fsq__buf_puts(&b, "</text>\n");
    }

    /* Legend: roles (squares, so every <circle> is an element), then the
     * arrow widths of the intensities 1, 2, 3 (scaled like the arrows) and
     * the dashing of negative influences. */
    double y = height - 40;
    for (int r = 0; r < 4; r++) {
        double x = 40 + 110.0 * r;
        fsq__buf_printf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">%s</text>\n", x, y - 10,
                        fsq__influence_role_colour((fsq_influence_role)r), x + 18, y,
                        fsq_influence_role_name((fsq_influence_role)r));
    }
    for (int k = 0; k < 4; k++) {
        double x = 500 + 95.0 * k, level = k < 3 ? w_max * (k + 1) / 3 : w_max;
        fsq__buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                        "stroke-width=\"%.2f\"%s/><text x=\"%.1f\" y=\"%.1f\" font-size=\"12\">",
                        x, y - 4, x + 34, y - 4, markers[k == 3].colour,
                        0.8 + 3.5 * (w_max > 0 ? level / w_max : 1),
                        k == 3 ? " stroke-dasharray=\"7 4\"" : "", x + 40, y);
        if (k < 3)
            fsq__buf_printf(&b, "%.3g</text>\n", level);
        else
            fsq__buf_puts(&b, "negative</text>\n");
    }
    return fsq__influence_svg_finish(&b, svg, len);
}
