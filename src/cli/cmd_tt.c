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
    size_t k = fsq_tt_nconditions(tt), nrows = fsq_tt_nrows(tt), nhalf;
    const fsq_tt_options *opts = fsq_tt_get_options(tt);
    const size_t *half = fsq_tt_half_cases(tt, &nhalf);
    char num[700];
    fsq__buf_printf(b, "Truth table: outcome %s%s, %s conditions",
                    fsq_tt_outcome_negated(tt) ? "~" : "", fsq_tt_outcome(tt),
                    fsq_cond_type_name(fsq_tt_type(tt)));
    fsq__buf_printf(b, ", incl.cut = %g", opts->incl_cut1);
    if (opts->incl_cut0 >= 0)
        fsq__buf_printf(b, ",%g", opts->incl_cut0);
    fsq__buf_printf(b, ", n.cut = %zu, pri.cut = %g\n", opts->n_cut, opts->pri_cut);
    fsq__buf_printf(b, "%zu cases in %zu observed rows; %s remainder rows\n\n",
                    fsq_tt_ncases(tt), nrows, fsq_tt_remainders(tt, num, sizeof num));

    size_t idx_w = 5;
    for (size_t r = 0; r < nrows; r++) {
        size_t w = strlen(fsq_tt_row_index(tt, r, num, sizeof num));
        if (w > idx_w)
            idx_w = w;
    }
    fsq__buf_printf(b, "%*s ", (int)idx_w, "index");
    for (size_t j = 0; j < k; j++)
        fsq__buf_printf(b, " %s", fsq_tt_condition(tt, j));
    fsq__buf_printf(b, "  OUT     n  %*s  %*s  cases\n", cw, "incl", cw, "PRI");
    for (size_t r = 0; r < nrows; r++) {
        fsq__buf_printf(b, "%*s ", (int)idx_w, fsq_tt_row_index(tt, r, num, sizeof num));
        for (size_t j = 0; j < k; j++) {
            int w = (int)strlen(fsq_tt_condition(tt, j));
            fsq__buf_printf(b, " %*u", w, fsq_tt_row_value(tt, r, j));
        }
        fsq__buf_printf(b, "  %3s %5zu  %*.*f  %*.*f  ", fsq_out_name(fsq_tt_row_out(tt, r)),
                        fsq_tt_row_n(tt, r), cw, dg, fsq_tt_row_incl(tt, r), cw, dg,
                        fsq_tt_row_pri(tt, r));
        size_t nc;
        const size_t *cases = fsq_tt_row_cases(tt, r, &nc);
        for (size_t t = 0; t < nc; t++)
            fsq__buf_printf(b, "%s%s", t ? "," : "", fsq_tt_case_id(tt, cases[t]));
        fsq__buf_putc(b, '\n');
    }
    if (nhalf) {
        fsq__buf_puts(b, "\nIn no row (a fuzzy membership of exactly 0.5):");
        for (size_t h = 0; h < nhalf; h++)
            fsq__buf_printf(b, "%s%s", h ? ", " : " ", fsq_tt_case_id(tt, half[h]));
        fsq__buf_putc(b, '\n');
    }
}

/* QCA refuses a truth table where every observed row is below n.cut. */
int fsq__cli_check_rows(const char *command, const fsq_tt *tt)
{
    for (size_t r = 0; r < fsq_tt_nrows(tt); r++)
        if (fsq_tt_row_out(tt, r) != FSQ_OUT_REM)
            return 0;
    size_t n_cut = fsq_tt_get_options(tt)->n_cut;
    fprintf(stderr, "fsqca %s: there are no configurations with at least %zu case%s "
            "(--n-cut); nothing to analyse\n", command, n_cut, n_cut == 1 ? "" : "s");
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
