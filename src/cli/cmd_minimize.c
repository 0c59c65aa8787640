/* fsqca minimize: prime implicants, every minimum solution, fit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/format.h"
#include "cli/groups.h"
#include "cli/render.h"
#include "cli/cmd_pla.h"

static const char usage[] =
    "Usage: fsqca minimize DATA --outcome Y [options]\n"
    "       fsqca minimize FILE.pla [options]\n"
    "\n"
    "Minimizes the positive rows of the truth table, exactly as QCA 3.23's\n"
    "minimize() defines the solutions, but exact where QCA stops on a heuristic:\n"
    "every prime implicant and every minimum solution (fewest prime implicants)\n"
    "is found, or the command says which limit stopped it.\n"
    "\n"
    "Solution:\n"
    "  --include ?           parsimonious: every remainder is a don't-care\n"
    "  --include ?,C         ... and contradictions (C rows) too\n"
    "  --include C           conservative, with C rows as don't-cares\n"
    "                        (default: conservative, no don't-cares)\n"
    "  --dir-exp A=1,B=0,C=- intermediate solution with these directional\n"
    "                        expectations (1 presence, 0 absence, - none; for a\n"
    "                        multi-value condition levels like A=1;2); conditions\n"
    "                        not named get -. Implies --include ?\n"
    "  --exclude ROWS|csa|EXPR  code these rows as negative, as QCA's exclude and\n"
    "                        SetMethods' esa(): row indices (\"3,7,12\"), csa (the\n"
    "                        contradictory simplifying assumptions, see findrows),\n"
    "                        or an expression whose remainders are untenable\n"
    "                        (\"A*~B\"); no simplifying assumption uses them\n"
    "Every minimum model is counted exactly; the minimum is proven (LP bound,\n"
    "combinatorial bound or exhaustive branch and bound, as the report says).\n"
    "  --max-solutions N     list at most N models, the first in QCA's order\n"
    "                        (default 1000); the report says how many exist\n"
    "Limits (default none; reaching one is an error, exit 1, naming the limit\n"
    "and the phase, never a partial answer shown as complete):\n"
    "  --max-pis N           stop if there are more than N prime implicants\n"
    "  --time-limit S        stop the whole minimization after S seconds\n"
    "                        (0 < S <= 3.2e7)\n"
    "Configuration chart (intermediate solutions; Fiss 2011 core and peripheral\n"
    "conditions: core = in the parsimonious term the intermediate term refines):\n"
    "  --chart-svg FILE      write the chart of model 1 to FILE as SVG (model d to\n"
    "                        FILE_Md.svg); md, latex, html and text output include\n"
    "                        the chart as a table, JSON as \"configurations\"\n"
    "Berkeley PLA:\n"
    "  FILE.pla              minimize each output of a PLA file as its own function:\n"
    "                        .type fr/fdr = parsimonious (unlisted configurations are\n"
    "                        don't-cares), f/fd = conservative (unlisted ones are OFF,\n"
    "                        '-' outputs of fd/fdr are don't-cares); cubes with '-'\n"
    "                        are covered exactly; the points of the cubes must not\n"
    "                        exceed 4194304\n"
    "  --format pla          (or FILE.pla) write the models as a PLA (.type f) that\n"
    "                        Espresso reads: the first minimum model of each output\n"
    "  --all                 with --format pla: every model, as outputs Y.M1, Y.M2, ...\n"
    "\n" FSQ_CLI_COMMON_HELP FSQ_CLI_FORMAT_HELP FSQ_CLI_GROUP_HELP
    "\n"
    "Text output lists the models (M1: A*~B + C -> Y) and a fit table per model\n"
    "(inclS, PRI, covS, covU, and the cases with membership above 0.5 in each\n"
    "term). --json writes the schema of QCA's reference files.\n"
    "Exit status: 0 ok, 1 no solution or a limit reached, 2 bad usage or input.\n";

enum { OPT_INCLUDE = OPT_COMMON_END, OPT_DIR_EXP, OPT_MAX_PIS, OPT_MAX_SOLUTIONS, OPT_TIME_LIMIT,
       OPT_CHART_SVG, OPT_EXCLUDE, OPT_ALL };

int fsq__cli_minimize(int argc, char **argv)
{
    static const struct option longopts[] = {
        FSQ_CLI_COMMON_LONGOPTS,
        {"include", required_argument, NULL, OPT_INCLUDE},
        {"dir-exp", required_argument, NULL, OPT_DIR_EXP},
        {"max-pis", required_argument, NULL, OPT_MAX_PIS},
        {"max-solutions", required_argument, NULL, OPT_MAX_SOLUTIONS},
        {"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
        FSQ_CLI_TABLE_LONGOPTS,
        FSQ_CLI_GROUP_LONGOPTS,
        {"chart-svg", required_argument, NULL, OPT_CHART_SVG},
        {"exclude", required_argument, NULL, OPT_EXCLUDE},
        {"all", no_argument, NULL, OPT_ALL},
        {NULL, 0, NULL, 0}};
    fsq__cli_common c;
    fsq__cli_common_init(&c, "minimize");
    c.formats |= 1u << FSQ_CLI_FMT_PLA;
    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
    const char *dir_exp = NULL, *chart_svg = NULL, *exclude = NULL;
    uint64_t *excluded = NULL;
    fsq_data *data = NULL;
    fsq_tt *tt = NULL;
    fsq_min *min = NULL;
    char **exp = NULL;
    char *out = NULL;
    int status = 0, opt, format_pla = 0, all = 0, include_given = 0;

    optind = 1;
    while ((opt = fsq__cli_getopt("minimize", argc, argv, "", longopts)) != -1) {
        int r = 1;
        switch (opt) {
        case OPT_HELP:
            fputs(usage, stdout);
            goto done;
        case OPT_INCLUDE:
            include_given = 1;
            if (fsq__cli_parse_include(optarg, &mo.type, &mo.include_contradictions))
                r = fsq__cli_usage_error("minimize", "--include expects ?, ?,C, C or none, got "
                                         "\"%s\"", optarg) ? -1 : -1;
            break;
        case OPT_DIR_EXP:
            dir_exp = optarg;
            break;
        case OPT_CHART_SVG:
            chart_svg = optarg;
            break;
        case OPT_EXCLUDE:
            exclude = optarg;
            break;
        case OPT_MAX_PIS:
            r = fsq__cli_parse_size("minimize", "--max-pis", optarg, &mo.max_pis) ? -1 : 1;
            break;
        case OPT_MAX_SOLUTIONS:
            r = fsq__cli_parse_size("minimize", "--max-solutions", optarg, &mo.max_solutions)
                    ? -1 : 1;
            break;
        case OPT_TIME_LIMIT:
            /* Up to a year of seconds: beyond, the deadline arithmetic means nothing. */
            r = fsq__cli_parse_number("minimize", "--time-limit", optarg, 0, 3.2e7,
                                      &mo.time_limit) ? -1 : 1;
            if (r > 0 && mo.time_limit <= 0)
                r = fsq__cli_usage_error("minimize", "--time-limit must be positive") ? -1 : -1;
            break;
        case OPT_ALL:
            all = 1;
            break;
        default:
            r = fsq__cli_shared_option(&c, opt, optarg);
        }
        if (r < 0) {
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }
    if (fsq__cli_take_data(&c, argc, argv)) {
        status = FSQ_EXIT_USAGE;
        goto done;
    }
    format_pla = c.format == FSQ_CLI_FMT_PLA;
    if (all && !format_pla) {
        status = fsq__cli_usage_error("minimize", "--all goes with --format pla");
        goto done;
    }
    if (fsq__cli_is_pla_path(c.data_path)) {
        fsq_sets_options so = FSQ_SETS_OPTIONS_INIT;
        so.max_pis = mo.max_pis, so.max_solutions = mo.max_solutions;
        so.time_limit = mo.time_limit, so.threads = c.threads;
        so.time_start = mo.time_limit > 0 ? fsq_clock_seconds() : 0; /* one clock, all outputs */
        status = include_given || dir_exp
                     ? fsq__cli_usage_error("minimize", "the .type of a PLA file decides the "
                                            "don't-cares: --include and --dir-exp do not apply")
                     : fsq__cli_minimize_pla(&c, &so, format_pla, all);
        goto done;
    }
    /* --time-limit covers the truth table, the minimization and the output. */
    if (mo.time_limit > 0) {
        mo.time_start = fsq_clock_seconds();
        c.tt.time_limit = mo.time_limit;
        c.tt.time_start = mo.time_start;
    }
    if ((status = fsq__cli_build_tt(&c, &data, &tt)) || (status = fsq__cli_check_rows("minimize", tt)))
        goto done;
    mo.threads = c.threads;
    if (dir_exp) {
        if ((status = fsq__cli_parse_dir_exp("minimize", dir_exp, tt, &exp)))
            goto done;
        mo.type = FSQ_INTERMEDIATE;
        mo.dir_exp = (const char *const *)exp;
        mo.ndir_exp = fsq_tt_nconditions(tt);
    }
    if (exclude) {
        int xrc = fsq_exclude_rows(tt, data, exclude, &excluded, &mo.nexclude);
        if (xrc) {
            status = fsq__cli_fail("minimize", xrc);
            goto done;
        }
        mo.exclude = excluded;
    }
    int rc = fsq_minimize(&min, tt, &mo);
    if (rc) {
        status = fsq__cli_fail("minimize", rc);
        goto done;
    }
    if (format_pla) {
        status = fsq__cli_min_pla(&c, tt, min, all);
        goto done;
    }
    if (chart_svg && !dir_exp) {
        status = fsq__cli_usage_error("minimize", "--chart-svg needs an intermediate solution "
                                      "(--dir-exp)");
        goto done;
    }
    size_t len;
    rc = fsq__cli_render_min(&c, min, &out, &len);
    if (rc) {
        status = fsq__cli_fail("minimize", rc);
        goto done;
    }
    if (chart_svg && (status = fsq__cli_write_charts("minimize", min, chart_svg, c.digits)))
        goto done;
    if (c.by) {
        fsq__buf all = FSQ__BUF_INIT;
        status = fsq__cli_groups_minimize(&c, data, tt, min, &mo, out, len, &all);
        if (!status)
            status = fsq__cli_emit(&c, all.data, all.len);
        fsq__buf_free(&all);
    } else {
        status = fsq__cli_emit(&c, out, len);
    }
done:
    if (exp && tt)
        for (size_t j = 0; j < fsq_tt_nconditions(tt); j++)
            free(exp[j]);
    free(exp);
    free(excluded);
    free(out);
    fsq_min_free(min);
    fsq_tt_free(tt);
    fsq_data_free(data);
    fsq__cli_common_free(&c);
    return status;
}
