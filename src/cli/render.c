/* One analysis's output in the format --format asked for (tt, minimize),
 * shared by the pooled analysis and each group of --by. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/format.h"
#include "cli/render.h"
#include "common/buf.h"

int fsq__cli_render_tt(const fsq__cli_common *c, const fsq_tt *tt, char **out, size_t *len)
{
    if (c->format == FSQ_CLI_FMT_TEXT) {
        fsq__buf b = FSQ__BUF_INIT;
        fsq__cli_print_tt(&b, tt, c->digits);
        int rc = fsq__buf_ok(&b);
        if (rc) {
            fsq__buf_free(&b);
            return rc;
        }
        *out = fsq__buf_detach(&b, len);
        return *out ? 0 : FSQ_ENOMEM;
    }
    return fsq_tt_render(tt, (fsq_format)c->format, c->digits, out, len);
}

/* Text, Markdown, LaTeX and HTML also get the configuration chart of every
 * intermediate model (CSV stays one table; JSON has "configurations").
 * Text is QCA's print (3 decimals); with --digits, the text tables of
 * fsq_min_render, with that many (the same numbers as every other format). */
int fsq__cli_render_min(const fsq__cli_common *c, const fsq_min *min, char **out, size_t *len)
{
    int rc = c->format == FSQ_CLI_FMT_TEXT && c->digits < 0
                 ? fsq_min_to_text(min, out, len)
                 : fsq_min_render(min, (fsq_format)c->format, c->digits, out, len);
    if (rc || c->format == FSQ_CLI_FMT_JSON || c->format == FSQ_CLI_FMT_CSV)
        return rc;
    fsq__buf b = FSQ__BUF_INIT;
    fsq__buf_append(&b, *out, *len);
    free(*out);
    *out = NULL;
    for (size_t d = 0; d < fsq_min_nsolutions(min) && !rc; d++) {
        fsq_chart *chart;
        char *text;
        size_t n;
        if (fsq_min_chart(&chart, min, d))
            break; /* not intermediate: no chart */
        rc = fsq_chart_render(chart, (fsq_format)c->format, c->digits, &text, &n);
        fsq_chart_free(chart);
        if (!rc) {
            fsq__buf_putc(&b, '\n');
            fsq__buf_append(&b, text, n);
            free(text);
        }
    }
    if (!rc)
        rc = fsq__buf_ok(&b);
    if (rc) {
        fsq__buf_free(&b);
        return rc;
    }
    *out = fsq__buf_detach(&b, len);
    return *out ? 0 : FSQ_ENOMEM;
}

int fsq__cli_write_charts(const char *command, const fsq_min *min, const char *path, int digits)
{
    size_t n = fsq_min_nsolutions(min), plen = strlen(path);
    int status = 0;
    for (size_t d = 0; d < n && !status; d++) {
        fsq_chart *chart;
        char *svg = NULL;
        size_t len;
        int rc = fsq_min_chart(&chart, min, d);
        if (!rc)
            rc = fsq_chart_render(chart, FSQ_FORMAT_SVG, digits, &svg, &len);
        fsq_chart_free(chart);
        /* Model 1 goes to PATH, model d > 1 to PATH with "_M<d>" before ".svg". */
        char *name = malloc(plen + 32);
        if (!rc && !name)
            rc = FSQ_ENOMEM;
        if (!rc) {
            size_t stem = plen >= 4 && strcmp(path + plen - 4, ".svg") == 0 ? plen - 4 : plen;
            if (d == 0)
                memcpy(name, path, plen + 1);
            else
                snprintf(name, plen + 32, "%.*s_M%zu%s", (int)stem, path, d + 1,
                         stem < plen ? ".svg" : "");
            rc = fsq__write_file_atomic(name, svg, len);
        }
        if (rc)
            status = fsq__cli_fail(command, rc);
        free(name);
        free(svg);
    }
    return status;
}

int fsq__cli_put_table(fsq__buf *b, fsq_table *t, int format)
{
    char *text = NULL;
    size_t len = 0;
    int rc = t ? fsq_table_render(t, (fsq_format)format, &text, &len) : FSQ_ENOMEM;
    if (!rc)
        rc = fsq__buf_append(b, text, len);
    free(text);
    fsq_table_free(t);
    return rc;
}
