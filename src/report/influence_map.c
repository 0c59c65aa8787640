/* Vester's role map as SVG (fsq_network_role_map_svg).
 *
 * Passive sum on x, active sum on y, both on the same scale from 0 to a
 * round number above the largest sum, so the diagonal AS = PS (Q = 1) runs
 * at 45 degrees. The mean lines x = mean and y = mean cut the plot into the
 * four roles: active top left, critical top right, reactive bottom right,
 * buffering bottom left. Every element is one <circle> (with a <title>
 * tooltip) and a label. Plain SVG 1.1, presentation attributes only.
 * Cost O(n). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/influence_svg.h"

#define LEFT 80.0
#define TOP 64.0
#define SIZE 480.0
#define BOTTOM 64.0

const char *fsq__influence_role_colour(fsq_influence_role role)
{
    static const char *const colours[] = {"#c0392b", "#2471a3", "#d68910", "#7b8a8b"};
    return (unsigned)role < 4 ? colours[role] : "#000000";
}

int fsq__influence_svg_finish(fsq__buf *b, char **svg, size_t *len)
{
    fsq__buf_puts(b, "</svg>\n");
    return fsq__buf_hand_out(b, svg, len);
}

/* A round tick step giving about five ticks up to max. */
static double tick_step(double max)
{
    double raw = max / 5, p = pow(10, floor(log10(raw))), f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

int fsq_network_role_map_svg(const fsq_network *net, char **svg, size_t *len)
{
    const fsq_influence *m = net->matrix;
    size_t n = net->n;
    double top = net->mean;
    for (size_t i = 0; i < n; i++) {
        if (net->elements[i].active_sum > top)
            top = net->elements[i].active_sum;
        if (net->elements[i].passive_sum > top)
            top = net->elements[i].passive_sum;
    }
    if (top <= 0)
        top = 1;
    double step = tick_step(top * 1.08), max = ceil(top * 1.08 / step) * step;
#define PX(v) (LEFT + (v) / max * SIZE)
#define PY(v) (TOP + (1 - (v) / max) * SIZE)
    /* The legend on the right names the elements: room for the longest
     * name (about 6.6 px per character at 11 px) and for all rows. */
    size_t longest = 8;
    for (size_t i = 0; i < n; i++)
        if (strlen(m->names[i]) + 4 > longest)
            longest = strlen(m->names[i]) + 4;
    double width = LEFT + SIZE + 36 + 6.6 * (double)longest;
    double height = TOP + SIZE + BOTTOM;
    if (TOP + 40 + 15.0 * (double)n > height)
        height = TOP + 40 + 15.0 * (double)n;
    fsq__buf b = FSQ__BUF_INIT;
    fsq__buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                    "viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\">\n"
                    "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n", width, height,
                    width, height, FSQ__INFLUENCE_FONT);
    fsq__buf_printf(&b, "<text x=\"%.1f\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">Role "
                    "map: ", LEFT + SIZE / 2);
    fsq__xml_escape(&b, m->source);
    fsq__buf_printf(&b, "</text>\n<text x=\"%.1f\" y=\"48\" font-size=\"12\" fill=\"#555555\" "
                    "text-anchor=\"middle\">%zu elements, mean %.3g (the dashed lines)</text>\n",
                    LEFT + SIZE / 2, n, net->mean);

    /* Quadrants: tint, then names in their outer corners. */
    double mx = PX(net->mean), my = PY(net->mean);
    struct {
        fsq_influence_role role;
        double x0, y0, x1, y1, tx, ty;
        const char *anchor;
    } quad[4] = {
        {FSQ_ROLE_ACTIVE, LEFT, TOP, mx, my, LEFT + 8, TOP + 20, "start"},
        {FSQ_ROLE_CRITICAL, mx, TOP, LEFT + SIZE, my, LEFT + SIZE - 8, TOP + 20, "end"},
        {FSQ_ROLE_REACTIVE, mx, my, LEFT + SIZE, TOP + SIZE, LEFT + SIZE - 8, TOP + SIZE - 10,
         "end"},
        {FSQ_ROLE_BUFFERING, LEFT, my, mx, TOP + SIZE, LEFT + 8, TOP + SIZE - 10, "start"},
    };
    for (int q = 0; q < 4; q++) {
        const char *colour = fsq__influence_role_colour(quad[q].role);
        fsq__buf_printf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        "fill=\"%s\" fill-opacity=\"0.07\"/>\n", quad[q].x0, quad[q].y0,
                        quad[q].x1 - quad[q].x0, quad[q].y1 - quad[q].y0, colour);
        fsq__buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"15\" font-weight=\"bold\" "
                        "fill=\"%s\" text-anchor=\"%s\">%s</text>\n", quad[q].tx, quad[q].ty,
                        colour, quad[q].anchor, fsq_influence_role_name(quad[q].role));
    }

    /* Frame, ticks, the diagonal and the mean lines. */
    fsq__buf_printf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                    "stroke=\"#333333\"/>\n", LEFT, TOP, SIZE, SIZE);
    for (double v = 0; v <= max + step / 2; v += step) {
        fsq__buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        "stroke=\"#333333\"/>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                        "text-anchor=\"middle\">%g</text>\n", PX(v), TOP + SIZE, PX(v),
                        TOP + SIZE + 5, PX(v), TOP + SIZE + 18, v);
        fsq__buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        "stroke=\"#333333\"/>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                        "text-anchor=\"end\">%g</text>\n", LEFT - 5, PY(v), LEFT, PY(v),
                        LEFT - 8, PY(v) + 4, v);
    }
    fsq__buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#aaaaaa\" "
                    "stroke-dasharray=\"2 4\"/>\n", PX(0), PY(0), PX(max), PY(max));
    fsq__buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\" "
                    "stroke-dasharray=\"6 4\"/>\n", mx, TOP, mx, TOP + SIZE);
    fsq__buf_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\" "
                    "stroke-dasharray=\"6 4\"/>\n", LEFT, my, LEFT + SIZE, my);
    fsq__buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\">"
                    "passive sum PS (how strongly the element is influenced)</text>\n",
                    LEFT + SIZE / 2, TOP + SIZE + 42);
    fsq__buf_printf(&b, "<text x=\"22\" y=\"%.1f\" font-size=\"13\" text-anchor=\"middle\" "
                    "transform=\"rotate(-90 22 %.1f)\">active sum AS (how strongly it "
                    "influences)</text>\n", TOP + SIZE / 2, TOP + SIZE / 2);

    /* The elements: a point and its number; the legend on the right names
     * them (long names beside crowded points would overlap). */
    for (size_t i = 0; i < n; i++) {
        const fsq_influence_element *e = &net->elements[i];
        double x = PX(e->passive_sum), y = PY(e->active_sum);
        fsq__buf_printf(&b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\" "
                        "stroke=\"#222222\"><title>", x, y, fsq__influence_role_colour(e->role));
        fsq__xml_escape(&b, m->names[i]);
        fsq__buf_printf(&b, ": AS %g, PS %g, %s</title></circle>\n", e->active_sum,
                        e->passive_sum, fsq_influence_role_name(e->role));
        /* Points on the same spot share one label: "1, 2, 6". */
        size_t first = 0;
        while (first < i && !(net->elements[first].active_sum == e->active_sum &&
                              net->elements[first].passive_sum == e->passive_sum))
            first++;
        if (first < i)
            continue;
        fsq__buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%zu", x + 8, y - 6,
                        i + 1);
        for (size_t k = i + 1; k < n; k++)
            if (net->elements[k].active_sum == e->active_sum &&
                net->elements[k].passive_sum == e->passive_sum)
                fsq__buf_printf(&b, ", %zu", k + 1);
        fsq__buf_puts(&b, "</text>\n");
    }
    double lx = LEFT + SIZE + 16;
    fsq__buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" font-weight=\"bold\">"
                    "Elements</text>\n", lx, TOP + 10);
    for (size_t i = 0; i < n; i++) {
        fsq__buf_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\">%zu ", lx,
                        TOP + 28 + 15.0 * (double)i,
                        fsq__influence_role_colour(net->elements[i].role), i + 1);
        fsq__xml_escape(&b, m->names[i]);
        fsq__buf_puts(&b, "</text>\n");
    }
#undef PX
#undef PY
    return fsq__influence_svg_finish(&b, svg, len);
}
