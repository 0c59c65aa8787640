/* fsqca findrows: QCA's findRows() (remainders in an expression,
 * contradictory simplifying assumptions, simultaneous subset relations). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_fit.h"

static const char usage[] =
    "Usage: fsqca findrows DATA --outcome Y --type csa|ssr|subset [options] [EXPR]\n"
    "\n"
    "Rows of the truth table, as QCA 3.23's findRows(expression, obj, type):\n"
    "  --type subset (1)  the remainders (unobserved rows, or fewer cases than\n"
    "                     --n-cut) inside EXPR, e.g. \"A*~B + C\" (A[2] for a\n"
    "                     level of a multi-value condition): untenable assumptions\n"
    "  --type csa (2)     contradictory simplifying assumptions: remainders used\n"
    "                     by a parsimonious model of Y and by one of ~Y (the ~Y\n"
    "                     table has the same conditions and cut-offs)\n"
    "  --type ssr (3)     simultaneous subset relations: observed rows with OUT = 1\n"
    "                     for both Y and ~Y\n"
    "Exclude the rows found from a minimization with minimize --exclude (a list\n"
    "of rows, csa, or an expression), as QCA's exclude and SetMethods' esa().\n"
    "\n" FSQ_CLI_COMMON_HELP
    "\n"
    "Text output lists the row indices (QCA's numbering, 1 + the configuration\n"
    "read as a number) and their configurations; --json writes {\"type\": 1|2|3,\n"
    "\"rows\": [indices]}.\n"
    "Exit status: 0 ok (also when no row is found), 1 analysis error, 2 bad usage.\n";

enum { OPT_TYPE = OPT_COMMON_END };

static void print_rows(fsq__buf *b, const fsq_tt *tt, int type, const uint64_t *rows, size_t n)
{
    static const char *names[] = {"", "remainders inside the expression",
                                  "contradictory simplifying assumptions",
                                  "simultaneous subset relations"};
    size_t k = fsq_tt_nconditions(tt);
    fsq__buf_printf(b, "%s: %zu row%s\n", names[type], n, n == 1 ? "" : "s");
    if (n == 0)
        return;
    fsq__buf_printf(b, "%10s  ", "row");
    for (size_t j = 0; j < k; j++)
        fsq__buf_printf(b, "%s%s", j ? " " : "", fsq_tt_condition(tt, j));
    fsq__buf_putc(b, '\n');
    for (size_t i = 0; i < n; i++) {
        /* The configuration, digit by digit, from the mixed-radix index. */
        unsigned char *d = malloc(k ? k : 1);
        if (!d)
            return;
        uint64_t v = rows[i] - 1;
        for (size_t j = k; j-- > 0;) {
            d[j] = (unsigned char)(v % fsq_tt_levels(tt, j));
            v /= fsq_tt_levels(tt, j);
        }
        fsq__buf_printf(b, "%10" PRIu64 "  ", rows[i]);
        for (size_t j = 0; j < k; j++)
            fsq__buf_printf(b, "%s%*u", j ? " " : "", (int)strlen(fsq_tt_condition(tt, j)), d[j]);
        fsq__buf_putc(b, '\n');
        free(d);
    }
}

int fsq__cli_findrows(int argc, char **argv)
{
    static const struct option longopts[] = {
        FSQ_CLI_COMMON_LONGOPTS,
        {"type", required_argument, NULL, OPT_TYPE},
        {NULL, 0, NULL, 0}};
    fsq__cli_common c;
    fsq__cli_common_init(&c, "findrows");
    fsq_data *data = NULL;
    fsq_tt *tt = NULL;
    fsq_expr *expr = NULL;
    uint64_t *rows = NULL;
    size_t nrows = 0;
    fsq__buf b = FSQ__BUF_INIT;
    int type = 0, status = 0, opt;

    optind = 1;
    while ((opt = fsq__cli_getopt("findrows", argc, argv, "", longopts)) != -1) {
        int r = 1;
        switch (opt) {
        case OPT_HELP:
            fputs(usage, stdout);
            goto done;
        case OPT_TYPE:
            type = strcmp(optarg, "subset") == 0 || strcmp(optarg, "1") == 0 ? 1
                   : strcmp(optarg, "csa") == 0 || strcmp(optarg, "2") == 0  ? 2
                   : strcmp(optarg, "ssr") == 0 || strcmp(optarg, "3") == 0  ? 3
                                                                             : 0;
            if (!type)
                r = fsq__cli_usage_error("findrows", "--type expects csa, ssr or subset, got "
                                         "\"%s\"", optarg) ? -1 : -1;
            break;
        default:
            r = fsq__cli_shared_option(&c, opt, optarg);
        }
        if (r < 0) {
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }
    if (!type) {
        status = fsq__cli_usage_error("findrows", "--type is required (csa, ssr or subset)");
        goto done;
    }
    if (optind >= argc) {
        status = fsq__cli_usage_error("findrows", "no DATA file given");
        goto done;
    }
    c.data_path = argv[optind++];
    if (type == 1 && optind + 1 != argc) {
        status = fsq__cli_usage_error("findrows", "--type subset needs one EXPR");
        goto done;
    }
    if (type != 1 && optind != argc) {
        status = fsq__cli_usage_error("findrows", "unexpected argument \"%s\"", argv[optind]);
        goto done;
    }
    int rc;
    if (type == 1 && (rc = fsq_expr_parse(&expr, argv[optind]))) {
        status = fsq__cli_fail("findrows", rc);
        goto done;
    }
    if ((status = fsq__cli_build_tt(&c, &data, &tt)) || (status = fsq__cli_check_rows("findrows", tt)))
        goto done;
    if ((rc = fsq_findrows(tt, data, (fsq_findrows_type)type, expr, &rows, &nrows))) {
        status = fsq__cli_fail("findrows", rc);
        goto done;
    }
    if (c.json) {
        fsq__buf_printf(&b, "{\"type\": %d, \"rows\": [", type);
        for (size_t i = 0; i < nrows; i++)
            fsq__buf_printf(&b, "%s%" PRIu64, i ? ", " : "", rows[i]);
        fsq__buf_puts(&b, "]}\n");
    } else {
        print_rows(&b, tt, type, rows, nrows);
    }
    status = fsq__buf_ok(&b) ? fsq__cli_fail("findrows", FSQ_ENOMEM)
                             : fsq__cli_emit(&c, fsq__buf_str(&b), b.len);
done:
    free(rows);
    fsq__buf_free(&b);
    fsq_expr_free(expr);
    fsq_tt_free(tt);
    fsq_data_free(data);
    fsq__cli_common_free(&c);
    return status;
}
