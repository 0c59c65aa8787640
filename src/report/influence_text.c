/* The analysis of an influence model as a text report (fsq_network_to_text):
 * the figures and roles, the direct and MICMAC rankings side by side, the
 * loops, the what-if trajectories and, for several cases, the mean and
 * median matrices and every element's role per case. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "network/network_internal.h"

/* The text lists this many loops; the JSON has all of them. */
#define TEXT_MAX_LOOPS 200

static const char *delay_name(int d)
{
    return d == 1 ? "short" : d == 2 ? "medium" : "long";
}

/* A file name without its directories (the column heads of the case table). */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int name_width(const fsq_influence *m)
{
    size_t w = 7;
    for (size_t i = 0; i < m->n; i++)
        if (strlen(m->names[i]) > w)
            w = strlen(m->names[i]);
    return (int)(w > 32 ? 32 : w);
}

static void matrix_table(fsq__buf *b, const fsq_influence *m, const char *title, int nw)
{
    size_t n = m->n;
    fsq__buf_printf(b, "\n%s (row influences column; columns numbered as the rows):\n", title);
    fsq__buf_printf(b, "  %-*s ", nw + 4, "");
    for (size_t j = 0; j < n; j++)
        fsq__buf_printf(b, " %5zu", j + 1);
    fsq__buf_putc(b, '\n');
    for (size_t i = 0; i < n; i++) {
        fsq__buf_printf(b, "  %2zu  %-*.*s ", i + 1, nw, nw, m->names[i]);
        for (size_t j = 0; j < n; j++)
            fsq__buf_printf(b, " %5.4g", m->w[i * n + j]);
        fsq__buf_putc(b, '\n');
    }
}

int fsq_network_to_text(const fsq_network *net, char **text, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    const fsq_influence *m = net->matrix;
    size_t n = net->n;
    int nw = name_width(m);
    if (net->ncases > 1) {
        fsq__buf_printf(&b, "Influence matrices of %zu cases:", net->ncases);
        for (size_t c = 0; c < net->ncases; c++)
            fsq__buf_printf(&b, " %s", net->case_sources[c]);
        fsq__buf_puts(&b, "\nThe analysis below is that of the element-wise mean matrix.\n");
    } else {
        fsq__buf_printf(&b, "Influence matrix %s\n", m->source);
    }
    fsq__buf_printf(&b, "%zu elements, total intensity %.4g, mean %.4g per element (the "
                    "line between high and low sums)\n\n", n, net->total, net->mean);

    /* 1. Figures, roles and rankings. */
    fsq__buf_printf(&b, "  %-*s %7s %7s %8s %6s  %-9s  %-11s %-11s\n", nw, "", "", "", "", "",
                    "", "direct rank", "MICMAC rank");
    fsq__buf_printf(&b, "  %-*s %7s %7s %8s %6s  %-9s  %5s %5s %5s %5s\n", nw, "element", "AS",
                    "PS", "P", "Q", "role", "infl", "dep", "infl", "dep");
    for (size_t i = 0; i < n; i++) {
        const fsq_influence_element *e = &net->elements[i];
        char q[16];
        if (isnan(e->quotient))
            snprintf(q, sizeof q, "-");
        else
            snprintf(q, sizeof q, "%.2f", e->quotient);
        fsq__buf_printf(&b, "  %-*.*s %7.4g %7.4g %8.4g %6s  %-9s  %5zu %5zu %5zu %5zu\n", nw, nw,
                        m->names[i], e->active_sum, e->passive_sum, e->product, q,
                        fsq_influence_role_name(e->role), e->direct_influence_rank,
                        e->direct_dependence_rank, e->micmac_influence_rank,
                        e->micmac_dependence_rank);
    }
    fsq__buf_puts(&b, "AS active sum (row), PS passive sum (column), P = AS x PS, Q = AS / PS "
                      "(- when PS = 0).\nRoles against the mean: active (AS high, PS not), "
                      "reactive (PS high, AS not),\ncritical (both high), buffering (neither).\n");
    if (net->micmac_status == FSQ_MICMAC_STABLE)
        fsq__buf_printf(&b, "MICMAC: ranking by the row and column sums of M^%zu, the first "
                        "power whose\nranking equals that of the power before (stable).\n",
                        net->micmac_power);
    else if (net->micmac_status == FSQ_MICMAC_NILPOTENT)
        fsq__buf_printf(&b, "MICMAC: M^%zu = 0 (no feedback loop keeps long chains alive); "
                        "the ranking\nis that of M^%zu, the last nonzero power.\n",
                        net->micmac_power + 1, net->micmac_power);
    else
        fsq__buf_printf(&b, "MICMAC: NOT STABLE: the ranking still changed at M^%zu, the "
                        "limit (--max-power);\nshown is the ranking of M^%zu.\n", net->micmac_power,
                        net->micmac_power);
    int moved = 0;
    for (size_t i = 0; i < n; i++) {
        const fsq_influence_element *e = &net->elements[i];
        long d = (long)e->direct_influence_rank - (long)e->micmac_influence_rank;
        if (d >= 2 || d <= -2) {
            if (!moved)
                fsq__buf_puts(&b, "Influence ranks that move by 2 or more from direct to "
                                  "indirect (rising: the element\nacts mostly through others; "
                                  "falling: mostly directly):\n");
            fsq__buf_printf(&b, "  %-*.*s %zu -> %zu (%s)\n", nw, nw, m->names[i],
                            e->direct_influence_rank, e->micmac_influence_rank,
                            d > 0 ? "rises" : "falls");
            moved = 1;
        }
    }

    /* 2. Loops. */
    size_t reinforcing = 0;
    for (size_t l = 0; l < net->nloops; l++)
        reinforcing += net->loops[l].sign > 0;
    fsq__buf_printf(&b, "\nFeedback loops (elementary cycles of up to %zu elements): %zu "
                    "(%zu reinforcing, %zu balancing)%s\n", net->max_loop, net->nloops,
                    reinforcing, net->nloops - reinforcing,
                    net->loops_complete ? "" : "\nINCOMPLETE: the limit --max-loops was reached; "
                                               "more loops exist");
    if (!m->has_signs || !m->has_delays)
        fsq__buf_printf(&b, "(no %s given: every influence is taken as %s)\n",
                        !m->has_signs && !m->has_delays ? "sign or delay matrix"
                        : !m->has_signs                 ? "sign matrix"
                                                        : "delay matrix",
                        !m->has_signs && !m->has_delays ? "positive and short"
                        : !m->has_signs                 ? "positive, so every loop reinforces"
                                                        : "short");
    if (net->nloops)
        fsq__buf_printf(&b, "  %5s %4s %-11s %5s %-6s  %s\n", "#", "len", "sign", "min",
                        "delay", "loop");
    for (size_t l = 0; l < net->nloops && l < TEXT_MAX_LOOPS; l++) {
        const fsq_influence_loop *lp = &net->loops[l];
        fsq__buf_printf(&b, "  %5zu %4zu %-11s %5.4g %-6s  ", l + 1, lp->length,
                        lp->sign > 0 ? "reinforcing" : "balancing", lp->min_intensity,
                        delay_name(lp->delay));
        for (size_t k = 0; k < lp->length; k++)
            fsq__buf_printf(&b, "%s -> ", m->names[lp->elements[k]]);
        fsq__buf_printf(&b, "%s\n", m->names[lp->elements[0]]);
    }
    if (net->nloops > TEXT_MAX_LOOPS)
        fsq__buf_printf(&b, "  ... and %zu more loops (--json lists them all)\n",
                        net->nloops - TEXT_MAX_LOOPS);

    /* 3. What-if. */
    if (net->traj) {
        fsq__buf_puts(&b, "\nWhat-if (linear pulse process; short = 1 step, medium 2, long 3):");
        for (size_t i = 0; i < n; i++)
            if (net->impulse[i] != 0)
                fsq__buf_printf(&b, " %s %+g", m->names[i], net->impulse[i]);
        fsq__buf_puts(&b, " at step 0\nLevel of each element after each step:\n");
        fsq__buf_printf(&b, "  %-*s", nw, "step");
        for (size_t t = 0; t <= net->steps; t++)
            fsq__buf_printf(&b, " %7zu", t);
        fsq__buf_putc(&b, '\n');
        for (size_t i = 0; i < n; i++) {
            fsq__buf_printf(&b, "  %-*.*s", nw, nw, m->names[i]);
            for (size_t t = 0; t <= net->steps; t++) {
                /* Cancelled changes leave rounding dust like 5.6e-17. */
                double v = net->traj[t * n + i];
                fsq__buf_printf(&b, " %7.3g", fabs(v) < 1e-12 ? 0.0 : v);
            }
            fsq__buf_putc(&b, '\n');
        }
    }

    /* 4. Several cases. */
    if (net->ncases > 1) {
        matrix_table(&b, net->matrix, "Mean matrix", nw);
        matrix_table(&b, net->median, "Median matrix", nw);
        fsq__buf_printf(&b, "\nRoles per case (each case against its own mean):\n  %-*s %-9s",
                        nw, "element", "mean");
        for (size_t c = 0; c < net->ncases; c++)
            fsq__buf_printf(&b, " %-9.9s", base_name(net->case_sources[c]));
        fsq__buf_puts(&b, " agree\n");
        for (size_t i = 0; i < n; i++) {
            fsq_influence_role r = net->elements[i].role;
            size_t agree = 0;
            fsq__buf_printf(&b, "  %-*.*s %-9s", nw, nw, m->names[i], fsq_influence_role_name(r));
            for (size_t c = 0; c < net->ncases; c++) {
                fsq_influence_role rc = net->case_elements[c * n + i].role;
                agree += rc == r;
                fsq__buf_printf(&b, " %-9s", fsq_influence_role_name(rc));
            }
            fsq__buf_printf(&b, " %zu/%zu\n", agree, net->ncases);
        }
        fsq__buf_puts(&b, "agree: the cases in which the element has the role it has in the "
                          "mean matrix.\n");
    }
    return fsq__buf_hand_out(&b, text, len);
}
