/* fsqca: the command-line front end. Dispatches to the subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_calib_nec.h"
#include "cli/cmd_fit.h"
#include "cli/cmd_influence.h"
#include "cli/cmd_robust.h"
#include "cli/robust_out.h"
#include "cli/spec.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"calibrate", fsq__cli_calibrate, "calibrate raw values into set memberships"},
    {"findrows", fsq__cli_findrows, "remainders in an expression, CSAs, SSRs (findRows)"},
    {"fit", fsq__cli_fit, "fit of any expression and its terms, XY plot (pof)"},
    {"influence", fsq__cli_influence, "network thinking: roles, MICMAC, loops, what-if of an influence matrix"},
    {"merge", fsq__cli_merge, "join the parts of a sharded robust run (job arrays)"},
    {"minimize", fsq__cli_minimize, "prime implicants, every minimum solution, fit"},
    {"necessity", fsq__cli_necessity, "necessary conditions and their unions (superSubset)"},
    {"robust", fsq__cli_robust, "bootstrap, jackknife, subsamples, sweeps, robustness protocol"},
    {"run", fsq__cli_run, "the whole analysis from a spec file, as a report directory"},
    {"tt", fsq__cli_tt, "build the truth table of an outcome"},
};

static void print_help(FILE *f)
{
    fprintf(f,
            "fsqca %s - Qualitative Comparative Analysis, exact and fast\n"
            "\n"
            "Usage: fsqca <command> [options]\n"
            "       fsqca <command> --help\n"
            "       fsqca --version\n"
            "\n"
            "Commands:\n",
            fsq_version());
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\n"
            "Results match the R package QCA 3.23. Exit status: 0 ok, 1 analysis error\n"
            "(no solution, a limit reached), 2 bad usage or bad input.\n");
}

static int dispatch(int argc, char **argv);

/* Under mpirun every rank runs main; robust and run share the work, any
 * other command runs on rank 0 alone. */
int main(int argc, char **argv)
{
    if (fsq__mpi_init(&argc, &argv)) {
        fprintf(stderr, "fsqca: MPI_Init failed\n");
        return FSQ_EXIT_ANALYSIS;
    }
    int status = 0;
    if (fsq__mpi_rank() == 0 || (argc > 1 && (strcmp(argv[1], "robust") == 0 ||
                                              strcmp(argv[1], "run") == 0)))
        status = dispatch(argc, argv);
    fsq__mpi_finalize();
    return status;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return FSQ_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return FSQ_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("fsqca %s\n", fsq_version());
        return FSQ_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "fsqca: unknown command \"%s\" (see 'fsqca --help')\n", argv[1]);
    return FSQ_EXIT_USAGE;
}
