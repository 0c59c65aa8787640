/* `fsqca run`: the configuration charts and the groups (spec key `by`).
 *
 * report.md gets a "Configuration chart" section (the chart table of every
 * intermediate model, linked to chart_M<d>.svg) and, with by = COL, a
 * "Groups" section: the solutions of the pooled data and of each group side
 * by side, the cluster diagnostics of the pooled solution and the
 * cross-group patterns (the same tables as `minimize --by COL --format md`).
 * results.json gets "groups": the object `minimize --by COL --json` writes.
 * Groups use the intermediate solution when dir_exp is given, else the
 * parsimonious one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/format.h"
#include "cli/groups.h"
#include "cli/render.h"
#include "cli/run_groups.h"

void fsq__run_extras_free(fsq__run_extras *x)
{
    for (size_t i = 0; i < x->ncharts; i++)
        free(x->chart_svg[i]);
    free(x->groups_json);
    memset(x, 0, sizeof *x);
}

static int charts(const fsq_min *min, fsq__buf *md, fsq__run_extras *x)
{
    fsq__buf_puts(md, "\n## Configuration chart\n\n"
                      "Core and peripheral conditions of the intermediate solution (Fiss 2011): "
                      "a condition is core when it is in the parsimonious term that the "
                      "intermediate term refines, peripheral when only in the intermediate "
                      "term. Configurations with the same core conditions share a number "
                      "(1a, 1b).\n\n");
    for (size_t d = 0; d < fsq_min_nsolutions(min); d++) {
        fsq_chart *chart;
        char *text = NULL;
        size_t len;
        int rc = fsq_min_chart(&chart, min, d);
        if (!rc)
            rc = fsq_chart_render(chart, FSQ_FORMAT_MARKDOWN, -1, &text, &len);
        if (!rc && x->ncharts < FSQ__RUN_MAX_CHARTS) {
            size_t i = x->ncharts;
            snprintf(x->chart_name[i], sizeof x->chart_name[i], "chart_M%zu.svg", d + 1);
            rc = fsq_chart_render(chart, FSQ_FORMAT_SVG, -1, &x->chart_svg[i], &x->chart_len[i]);
            if (!rc) {
                x->ncharts++;
                fsq__buf_printf(md, "![Configuration chart of M%zu](%s)\n\n", d + 1,
                                x->chart_name[i]);
            }
        }
        fsq_chart_free(chart);
        if (rc) {
            free(text);
            return rc;
        }
        fsq__buf_append(md, text, len);
        fsq__buf_putc(md, '\n');
        free(text);
    }
    return fsq__buf_ok(md);
}

int fsq__run_extras_make(const fsq__spec *spec, const fsq_data *data, const fsq_tt *tt,
                         fsq_min *const min[3], int threads, fsq__buf *md, fsq__run_extras *x)
{
    memset(x, 0, sizeof *x);
    int rc;
    if (min[FSQ_INTERMEDIATE] && (rc = charts(min[FSQ_INTERMEDIATE], md, x)))
        return fsq__cli_fail("run", rc);
    if (!spec->by)
        return 0;
    int t = min[FSQ_INTERMEDIATE] ? FSQ_INTERMEDIATE : min[FSQ_PARSIMONIOUS] ? FSQ_PARSIMONIOUS
                                                                             : FSQ_CONSERVATIVE;
    if (!min[t]) {
        fsq__buf_puts(md, "\n## Groups\n\nNo solution of the pooled data to compare across "
                          "groups.\n");
        return 0;
    }
    fsq_groups *g = NULL;
    if ((rc = fsq_data_groups(&g, data, spec->by)))
        return fsq__spec_error(spec, spec->by_line, "by: %s", fsq_last_error());
    fsq_groups_free(g);
    fsq__cli_common c;
    fsq__cli_common_init(&c, "run");
    c.outcome = spec->outcome;
    c.tt = spec->tt;
    c.by = spec->by;
    c.unit_id = spec->unit_id;
    c.threads = threads;
    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
    mo.type = (fsq_solution_type)t;
    mo.threads = threads;
    if (t == FSQ_INTERMEDIATE) {
        mo.dir_exp = (const char *const *)spec->dir_exp;
        mo.ndir_exp = spec->nconditions;
    }
    const char *type = t == FSQ_INTERMEDIATE   ? "intermediate"
                       : t == FSQ_PARSIMONIOUS ? "parsimonious"
                                               : "conservative";
    int status = 0;
    for (int pass = 0; pass < 2 && !status; pass++) {
        c.format = pass ? FSQ_CLI_FMT_JSON : FSQ_CLI_FMT_MD;
        c.json = pass;
        char *text = NULL;
        size_t len;
        fsq__buf out = FSQ__BUF_INIT;
        if ((rc = fsq__cli_render_min(&c, min[t], &text, &len)))
            status = fsq__cli_fail("run", rc);
        else
            status = fsq__cli_groups_minimize(&c, data, tt, min[t], &mo, text, len, &out);
        free(text);
        if (!status && pass) {
            x->groups_json = fsq__buf_detach(&out, NULL);
        } else if (!status) {
            fsq__buf_printf(md, "\n## Groups (by = %s)\n\nThe %s solution of the pooled data "
                            "and of each group of %s, then the cluster diagnostics of the "
                            "pooled solution (SetMethods' cluster(): consistency and coverage "
                            "per group, dBP the distance of the group consistencies from "
                            "their mean share) and the cross-group patterns.\n\n",
                            spec->by, type, spec->by);
            fsq__buf_append(md, out.data, out.len);
        }
        fsq__buf_free(&out);
    }
    fsq__cli_common_free(&c);
    if (!status && fsq__buf_ok(md))
        status = fsq__cli_fail("run", FSQ_ENOMEM);
    return status;
}
