/* fsqca fit: parameters of fit of any expression (QCA's pof), XY plots. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_fit.h"
#include "cli/format.h"

static const char usage[] =
    "Usage: fsqca fit DATA --outcome Y [options] EXPR...\n"
    "\n"
    "Parameters of fit of each expression and of each of its terms, as QCA 3.23's\n"
    "pof(EXPR, Y, data, relation):\n"
    "  sufficiency (default): inclS, PRI, covS and covU (covS of the expression\n"
    "                         minus covS of its other terms) of every term, then\n"
    "                         the whole expression (with two or more terms)\n"
    "  --necessity            inclN, RoN, covN instead\n"
    "\n"
    "EXPR is a sum of products in QCA's syntax: \"DEV*~IND + URB*STB\"; ~ negates,\n"
    "multi-value levels are A[2] (or A[1,2]: any of them; for a crisp or fuzzy\n"
    "column A[1] is A and A[0] is ~A). A truth table row or a term from a report\n"
    "is an expression too, e.g. \"A*~B*C\". The outcome may be ~Y or Y[v].\n"
    "\n"
    "Options:\n"
    "  --outcome Y           the outcome (required)\n"
    "  --necessity           necessity instead of sufficiency\n"
    "  --xy FILE.svg         the XY plot of the expression (one EXPR only):\n"
    "                        membership in the expression against the outcome,\n"
    "                        with the diagonal, the 0.5 lines, the number of cases\n"
    "                        in each quadrant and case labels (up to 40 cases)\n"
    "  --sep C, --id-col NAME, --drop-missing   as for the other commands\n"
    "  --json                JSON: {\"expression\", \"outcome\", \"relation\", \"rows\":\n"
    "                        [{\"term\", \"inclS\", \"PRI\", \"covS\", \"covU\"}, ...,\n"
    "                        {\"term\": \"expression\", ...}]} (an array of these for\n"
    "                        several EXPRs)\n"
    FSQ_CLI_FORMAT_HELP
    "                        (csv: one table for several EXPRs, the expression in\n"
    "                        its first column)\n"
    "  --output FILE         write to FILE (atomically) instead of standard output\n"
    "  --help                this text\n"
    "Exit status: 0 ok, 2 bad usage or input (unknown column, syntax error).\n";

enum { OPT_NECESSITY = OPT_COMMON_END, OPT_XY };

static void print_fit(fsq__buf *b, const fsq_fit *f, int digits)
{
    int dg = digits < 0 ? 3 : digits, cw = dg + 3 > 6 ? dg + 3 : 6;
    int nec = fsq_fit_necessity(f);
    size_t w = 10;
    for (size_t r = 0; r < fsq_fit_nrows(f); r++)
        if (strlen(fsq_fit_row_at(f, r)->term) > w)
            w = strlen(fsq_fit_row_at(f, r)->term);
    fsq__buf_printf(b, "%s -> %s (%s)\n\n", fsq_fit_expression(f), fsq_fit_outcome(f),
                    nec ? "necessity" : "sufficiency");
    fsq__buf_printf(b, "%-*s  %*s  %*s  %*s", (int)w, "", cw, nec ? "inclN" : "inclS", cw,
                    nec ? "RoN" : "PRI", cw, nec ? "covN" : "covS");
    if (!nec)
        fsq__buf_printf(b, "  %*s", cw, "covU");
    fsq__buf_putc(b, '\n');
    for (size_t r = 0; r < fsq_fit_nrows(f); r++) {
        const fsq_fit_row *row = fsq_fit_row_at(f, r);
        fsq__buf_printf(b, "%-*s  %*.*f  %*.*f  %*.*f", (int)w, row->term, cw, dg, row->incl,
                        cw, dg, nec ? row->ron : row->pri, cw, dg, row->cov);
        if (!nec && !isnan(row->cov_u))
            fsq__buf_printf(b, "  %*.*f", cw, dg, row->cov_u);
        fsq__buf_putc(b, '\n');
    }
}

/* The column names the analysis uses: every expression's and the outcome's. */
static int used_columns(const char *outcome, char **exprs, size_t nexprs, fsq__cli_common *c)
{
    const char *texts[2];
    for (size_t i = 0; i <= nexprs; i++) {
        fsq_expr *e = NULL;
        texts[0] = i < nexprs ? exprs[i] : outcome;
        int rc = fsq_expr_parse(&e, texts[0]);
        if (rc)
            return fsq__cli_fail("fit", rc);
        for (size_t v = 0; v < fsq_expr_nvars(e); v++) {
            size_t j = 0;
            while (j < c->nconditions && strcmp(c->conditions[j], fsq_expr_var(e, v)) != 0)
                j++;
            if (j < c->nconditions)
                continue;
            char **grown = realloc(c->conditions, (c->nconditions + 1) * sizeof *grown);
            if (!grown || !(grown[c->nconditions] = strdup(fsq_expr_var(e, v)))) {
                if (grown)
                    c->conditions = grown;
                fsq_expr_free(e);
                return fsq__cli_fail("fit", FSQ_ENOMEM);
            }
            c->conditions = grown;
            c->nconditions++;
        }
        fsq_expr_free(e);
    }
    return 0;
}

int fsq__cli_fit(int argc, char **argv)
{
    static const struct option longopts[] = {
        FSQ_CLI_COMMON_LONGOPTS,
        {"necessity", no_argument, NULL, OPT_NECESSITY},
        {"xy", required_argument, NULL, OPT_XY},
        FSQ_CLI_TABLE_LONGOPTS,
        {NULL, 0, NULL, 0}};
    fsq__cli_common c;
    fsq__cli_common_init(&c, "fit");
    fsq_data *data = NULL;
    fsq_fit *fit = NULL;
    fsq__buf b = FSQ__BUF_INIT;
    const char *xy = NULL, *outcome = NULL;
    int nec = 0, status = 0, opt;

    optind = 1;
    while ((opt = fsq__cli_getopt("fit", argc, argv, "", longopts)) != -1) {
        int r = 1;
        switch (opt) {
        case OPT_HELP:
            fputs(usage, stdout);
            goto done;
        case OPT_NECESSITY:
            nec = 1;
            break;
        case OPT_XY:
            xy = optarg;
            break;
        case OPT_CONDITIONS:
        case OPT_INCL_CUT:
        case OPT_N_CUT:
        case OPT_PRI_CUT:
            r = fsq__cli_usage_error("fit", "this option has no meaning for fit: the expressions "
                                     "name the conditions") ? -1 : -1;
            break;
        default:
            r = fsq__cli_shared_option(&c, opt, optarg);
        }
        if (r < 0) {
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }
    if (optind >= argc) {
        status = fsq__cli_usage_error("fit", "no DATA file given");
        goto done;
    }
    c.data_path = argv[optind++];
    char **exprs = argv + optind;
    size_t nexprs = (size_t)(argc - optind);
    if (!c.outcome) {
        status = fsq__cli_usage_error("fit", "--outcome is required");
        goto done;
    }
    if (nexprs == 0) {
        status = fsq__cli_usage_error("fit", "no EXPR given (e.g. \"A*~B + C\")");
        goto done;
    }
    if (xy && nexprs > 1) {
        status = fsq__cli_usage_error("fit", "--xy plots one expression; %zu given", nexprs);
        goto done;
    }
    /* The data layer checks the columns the expressions and outcome use. */
    outcome = c.outcome;
    c.outcome = NULL;
    if ((status = used_columns(outcome, exprs, nexprs, &c)) || (status = fsq__cli_load_data(&c, &data)))
        goto done;
    if (c.json && nexprs > 1)
        fsq__buf_puts(&b, "[\n");
    for (size_t i = 0; i < nexprs; i++) {
        int rc = fsq_fit_compute(&fit, data, exprs[i], outcome, nec);
        if (rc) {
            status = fsq__cli_fail("fit", rc);
            goto done;
        }
        if (c.json) {
            char *json = NULL;
            size_t len;
            if ((rc = fsq_fit_to_json(fit, &json, &len))) {
                status = fsq__cli_fail("fit", rc);
                goto done;
            }
            if (nexprs > 1 && len && json[len - 1] == '\n')
                json[--len] = '\0';
            fsq__buf_printf(&b, "%s%s", json, nexprs > 1 && i + 1 < nexprs ? ",\n" : "");
            free(json);
        } else if (c.format != FSQ_CLI_FMT_TEXT) {
            char *table = NULL;
            size_t len, skip = 0;
            if ((rc = fsq_fit_render(fit, (fsq_format)c.format, c.digits, &table, &len))) {
                status = fsq__cli_fail("fit", rc);
                goto done;
            }
            /* CSV: one table, its header once; the others a table each. */
            if (c.format == FSQ_CLI_FMT_CSV && i)
                while (skip < len && table[skip++] != '\n')
                    ;
            else if (i)
                fsq__buf_putc(&b, '\n');
            fsq__buf_append(&b, table + skip, len - skip);
            free(table);
        } else {
            if (i)
                fsq__buf_putc(&b, '\n');
            print_fit(&b, fit, c.digits);
        }
        if (xy) {
            char *svg = NULL;
            size_t len;
            rc = fsq_fit_xy_svg(fit, fsq_fit_nrows(fit) - 1, data, &svg, &len);
            if (!rc)
                rc = fsq__write_file_atomic(xy, svg, len);
            free(svg);
            if (rc) {
                status = fsq__cli_fail("fit", rc);
                goto done;
            }
        }
        fsq_fit_free(fit);
        fit = NULL;
    }
    if (c.json && nexprs > 1)
        fsq__buf_puts(&b, "\n]\n");
    if (fsq__buf_ok(&b)) {
        status = fsq__cli_fail("fit", FSQ_ENOMEM);
        goto done;
    }
    status = fsq__cli_emit(&c, fsq__buf_str(&b), b.len);
done:
    fsq__buf_free(&b);
    fsq_fit_free(fit);
    fsq_data_free(data);
    fsq__cli_common_free(&c);
    return status;
}
