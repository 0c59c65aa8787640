/* fsqca tt: the truth table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/format.h"
#include "cli/groups.h"
#include "cli/render.h"
#include "cli/cmd_pla.h"
#include "common/buf.h"
#include "tt/tt_internal.h"

static const char usage[] =
    "Usage: fsqca tt DATA --outcome Y [options]\n"
    "\n"
    "Builds the truth table of outcome Y, exactly as QCA 3.23's truthTable():\n"
    "the observed configurations of the conditions, each with its number of\n"
    "cases (n), sufficiency consistency (incl) and PRI computed over all cases,\n"
    "and OUT (1, 0, C for a contradiction, ? for a row below --n-cut).\n"
    "A case with a fuzzy membership of exactly 0.5 belongs to no row; the\n"
    "command names such cases on standard error.\n"
    "\n" FSQ_CLI_COMMON_HELP FSQ_CLI_FORMAT_HELP
    "  --format pla          the truth table as a Berkeley PLA (.type fr: OUT = 1 rows\n"
    "                        ON, OUT = 0 and C rows OFF, remainders left out as\n"
    "                        don't-cares), for Espresso and other logic minimizers;\n"
    "                        binary conditions only\n"
    FSQ_CLI_GROUP_HELP
    "\n"
    "Exit status: 0 ok, 1 no row passes --n-cut, 2 bad usage or bad input.\n";

/* The truth table as a text table like QCA's print. */
void fsq__cli_print_tt(fsq__buf *b, const fsq_tt *tt, int digits)
{
    int dg = digits < 0 ? 3 : digits, cw = dg + 2 > 5 ? dg + 2 : 5;
    size_t k = tt->k;
    char num[700];
    fsq__buf_printf(b, "Truth table: outcome %s%s, %s conditions", tt->negated ? "~" : "",
                    tt->outcome, fsq__tt_type_name(tt->type));
    fsq__buf_printf(b, ", incl.cut = %g", tt->opts.incl_cut1);
    if (tt->opts.incl_cut0 >= 0)
        fsq__buf_printf(b, ",%g", tt->opts.incl_cut0);
    fsq__buf_printf(b, ", n.cut = %zu, pri.cut = %g\n", tt->opts.n_cut, tt->opts.pri_cut);
    fsq__buf_printf(b, "%zu cases in %zu observed rows; %s remainder rows\n\n", tt->ncases,
                    tt->nrows, fsq_tt_remainders(tt, num, sizeof num));

    size_t idx_w = 5;
    for (size_t r = 0; r < tt->nrows; r++) {
        size_t w = strlen(fsq_tt_row_index(tt, r, num, sizeof num));
        if (w > idx_w)
            idx_w = w;
    }
    fsq__buf_printf(b, "%*s ", (int)idx_w, "index");
    for (size_t j = 0; j < k; j++)
        fsq__buf_printf(b, " %s", tt->conditions[j]);
    fsq__buf_printf(b, "  OUT     n  %*s  %*s  cases\n", cw, "incl", cw, "PRI");
    for (size_t r = 0; r < tt->nrows; r++) {
        fsq__buf_printf(b, "%*s ", (int)idx_w, fsq_tt_row_index(tt, r, num, sizeof num));
        for (size_t j = 0; j < k; j++) {
            int w = (int)strlen(tt->conditions[j]);
            fsq__buf_printf(b, " %*u", w, tt->rows[r * k + j]);
        }
        fsq__buf_printf(b, "  %3s %5zu  %*.*f  %*.*f  ", fsq__out_name(tt->row_out[r]),
                        tt->row_n[r], cw, dg, tt->row_incl[r], cw, dg, tt->row_pri[r]);
        for (size_t t = tt->row_start[r]; t < tt->row_start[r + 1]; t++)
            fsq__buf_printf(b, "%s%s", t > tt->row_start[r] ? "," : "",
                            tt->case_ids[tt->row_cases[t]]);
        fsq__buf_putc(b, '\n');
    }
    if (tt->nhalf) {
        fsq__buf_puts(b, "\nIn no row (a fuzzy membership of exactly 0.5):");
        for (size_t h = 0; h < tt->nhalf; h++)
            fsq__buf_printf(b, "%s%s", h ? ", " : " ", tt->case_ids[tt->half_cases[h]]);
        fsq__buf_putc(b, '\n');
    }
}

/* QCA refuses a truth table where every observed row is below n.cut. */
int fsq__cli_check_rows(const char *command, const fsq_tt *tt)
{
    for (size_t r = 0; r < tt->nrows; r++)
        if (tt->row_out[r] != FSQ_OUT_REM)
            return 0;
    fprintf(stderr, "fsqca %s: there are no configurations with at least %zu case%s "
            "(--n-cut); nothing to analyse\n", command, tt->opts.n_cut,
            tt->opts.n_cut == 1 ? "" : "s");
    return FSQ_EXIT_ANALYSIS;
}

int fsq__cli_tt(int argc, char **argv)
{
    static const struct option longopts[] = {FSQ_CLI_COMMON_LONGOPTS, FSQ_CLI_TABLE_LONGOPTS,
                                             FSQ_CLI_GROUP_LONGOPTS, {NULL, 0, NULL, 0}};
    fsq__cli_common c;
    fsq__cli_common_init(&c, "tt");
    c.formats |= 1u << FSQ_CLI_FMT_PLA;
    fsq_data *data = NULL;
    fsq_tt *tt = NULL;
    fsq__buf out = FSQ__BUF_INIT;
    int status = 0, opt;

    optind = 1;
    while ((opt = fsq__cli_getopt("tt", argc, argv, "", longopts)) != -1) {
        if (opt == OPT_HELP) {
            fputs(usage, stdout);
            goto done;
        }
        if (fsq__cli_shared_option(&c, opt, optarg) < 0) {
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }
    if (fsq__cli_take_data(&c, argc, argv)) {
        status = FSQ_EXIT_USAGE;
        goto done;
    }
    if ((status = fsq__cli_build_tt(&c, &data, &tt)))
        goto done;
    if ((status = fsq__cli_check_rows("tt", tt)))
        goto done;
    if (c.format == FSQ_CLI_FMT_PLA) {
        status = c.by ? fsq__cli_usage_error("tt", "--format pla does not go with --by")
                      : fsq__cli_tt_pla(&c, tt);
        goto done;
    }
    char *text = NULL;
    size_t len = 0;
    int rc = fsq__cli_render_tt(&c, tt, &text, &len);
    if (rc) {
        status = fsq__cli_fail("tt", rc);
        goto done;
    }
    if (c.by) {
        status = fsq__cli_groups_tt(&c, data, tt, text, len, &out);
        if (!status)
            status = fsq__cli_emit(&c, out.data, out.len);
    } else {
        status = fsq__cli_emit(&c, text, len);
    }
    free(text);
done:
    fsq__buf_free(&out);
    fsq_tt_free(tt);
    fsq_data_free(data);
    fsq__cli_common_free(&c);
    return status;
}
