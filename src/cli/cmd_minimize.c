/* fsqca minimize: prime implicants, every minimum solution, fit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "Usage: fsqca minimize DATA --outcome Y [options]\n"
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
    "Every minimum model is counted exactly; the minimum is proven (LP bound,\n"
    "combinatorial bound or exhaustive branch and bound, as the report says).\n"
    "  --max-solutions N     list at most N models, the first in QCA's order\n"
    "                        (default 1000); the report says how many exist\n"
    "Limits (default none; reaching one is an error, exit 1, naming the limit\n"
    "and the phase, never a partial answer shown as complete):\n"
    "  --max-pis N           stop if there are more than N prime implicants\n"
    "  --time-limit S        stop the whole minimization after S seconds\n"
    "\n" FSQ_CLI_COMMON_HELP
    "\n"
    "Text output lists the models (M1: A*~B + C -> Y) and a fit table per model\n"
    "(inclS, PRI, covS, covU, and the cases with membership above 0.5 in each\n"
    "term). --json writes the schema of QCA's reference files.\n"
    "Exit status: 0 ok, 1 no solution or a limit reached, 2 bad usage or input.\n";

enum { OPT_INCLUDE = OPT_COMMON_END, OPT_DIR_EXP, OPT_MAX_PIS, OPT_MAX_SOLUTIONS, OPT_TIME_LIMIT };

int fsq__cli_minimize(int argc, char **argv)
{
    static const struct option longopts[] = {
        FSQ_CLI_COMMON_LONGOPTS,
        {"include", required_argument, NULL, OPT_INCLUDE},
        {"dir-exp", required_argument, NULL, OPT_DIR_EXP},
        {"max-pis", required_argument, NULL, OPT_MAX_PIS},
        {"max-solutions", required_argument, NULL, OPT_MAX_SOLUTIONS},
        {"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
        {NULL, 0, NULL, 0}};
    fsq__cli_common c;
    fsq__cli_common_init(&c, "minimize");
    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
    const char *dir_exp = NULL;
    fsq_data *data = NULL;
    fsq_tt *tt = NULL;
    fsq_min *min = NULL;
    char **exp = NULL;
    char *out = NULL;
    int status = 0, opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int r = 1;
        switch (opt) {
        case OPT_HELP:
            fputs(usage, stdout);
            goto done;
        case OPT_INCLUDE:
            if (strcmp(optarg, "?") == 0)
                mo.type = FSQ_PARSIMONIOUS;
            else if (strcmp(optarg, "?,C") == 0 || strcmp(optarg, "C,?") == 0)
                mo.type = FSQ_PARSIMONIOUS, mo.include_contradictions = 1;
            else if (strcmp(optarg, "C") == 0)
                mo.include_contradictions = 1;
            else if (strcmp(optarg, "") != 0)
                r = fsq__cli_usage_error("minimize", "--include expects ?, ?,C or C, got \"%s\"",
                                         optarg) ? -1 : -1;
            break;
        case OPT_DIR_EXP:
            dir_exp = optarg;
            break;
        case OPT_MAX_PIS:
            r = fsq__cli_parse_size("minimize", "--max-pis", optarg, &mo.max_pis) ? -1 : 1;
            break;
        case OPT_MAX_SOLUTIONS:
            r = fsq__cli_parse_size("minimize", "--max-solutions", optarg, &mo.max_solutions)
                    ? -1 : 1;
            break;
        case OPT_TIME_LIMIT:
            r = fsq__cli_parse_double("minimize", "--time-limit", optarg, &mo.time_limit) ? -1
                                                                                        : 1;
            if (r > 0 && mo.time_limit <= 0)
                r = fsq__cli_usage_error("minimize", "--time-limit must be positive") ? -1 : -1;
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
    int rc = fsq_minimize(&min, tt, &mo);
    if (rc) {
        status = fsq__cli_fail("minimize", rc);
        goto done;
    }
    size_t len;
    rc = c.json ? fsq_min_to_json(min, &out, &len) : fsq_min_to_text(min, &out, &len);
    status = rc ? fsq__cli_fail("minimize", rc) : fsq__cli_emit(&c, out, len);
done:
    if (exp && tt)
        for (size_t j = 0; j < fsq_tt_nconditions(tt); j++)
            free(exp[j]);
    free(exp);
    free(out);
    fsq_min_free(min);
    fsq_tt_free(tt);
    fsq_data_free(data);
    fsq__cli_common_free(&c);
    return status;
}
