/* The fsqca command: shared option handling for the subcommands.
 *
 * Every subcommand is a function `int fsq__cli_<name>(int argc, char **argv)`
 * that returns the process exit status: 0 ok, 1 analysis error (no solution,
 * a limit reached), 2 bad usage or bad input. Only this layer prints. */
#ifndef FSQ_CLI_CLI_H
#define FSQ_CLI_CLI_H

#include <getopt.h>
#include <stddef.h>

#include "fsqca/fsqca.h"

enum { FSQ_EXIT_OK = 0, FSQ_EXIT_ANALYSIS = 1, FSQ_EXIT_USAGE = 2 };

/* Options shared by the commands that read a data set and build a truth
 * table. Long-option codes >= 1000 so commands can add their own. */
enum {
    OPT_OUTCOME = 1000, OPT_CONDITIONS, OPT_INCL_CUT, OPT_N_CUT, OPT_PRI_CUT, OPT_SEP,
    OPT_ID_COL, OPT_DROP_MISSING, OPT_JSON, OPT_THREADS, OPT_OUTPUT, OPT_HELP,
    OPT_FORMAT, OPT_DIGITS, OPT_BY, OPT_UNIT_ID, /* FSQ_CLI_TABLE/GROUP_LONGOPTS */
    OPT_COMMON_END
};

#define FSQ_CLI_COMMON_LONGOPTS                                                    \
    {"outcome", required_argument, NULL, OPT_OUTCOME},                             \
    {"conditions", required_argument, NULL, OPT_CONDITIONS},                       \
    {"incl-cut", required_argument, NULL, OPT_INCL_CUT},                           \
    {"n-cut", required_argument, NULL, OPT_N_CUT},                                 \
    {"pri-cut", required_argument, NULL, OPT_PRI_CUT},                             \
    {"sep", required_argument, NULL, OPT_SEP},                                     \
    {"id-col", required_argument, NULL, OPT_ID_COL},                               \
    {"drop-missing", no_argument, NULL, OPT_DROP_MISSING},                         \
    {"json", no_argument, NULL, OPT_JSON},                                         \
    {"threads", required_argument, NULL, OPT_THREADS},                             \
    {"output", required_argument, NULL, OPT_OUTPUT},                               \
    {"help", no_argument, NULL, OPT_HELP}

/* --format / --digits (src/cli/format.h), for the commands that write tables. */
#define FSQ_CLI_TABLE_LONGOPTS                                                     \
    {"format", required_argument, NULL, OPT_FORMAT},                               \
    {"digits", required_argument, NULL, OPT_DIGITS}

/* --by / --unit-id (src/cli/groups.c), for the commands that analyse groups. */
#define FSQ_CLI_GROUP_LONGOPTS                                                     \
    {"by", required_argument, NULL, OPT_BY},                                       \
    {"unit-id", required_argument, NULL, OPT_UNIT_ID}

/* Help text for the shared options, for the commands' --help. */
#define FSQ_CLI_COMMON_HELP                                                                 \
    "Data:\n"                                                                               \
    "  DATA                  a CSV file (.csv, or .csv.zst compressed with zstd); the\n"    \
    "                        separator (',' ';' or tab) is detected from the header;\n"     \
    "                        a field may hold at most 1 MiB, a row 64 MiB\n"                \
    "  --sep C               force the separator: ',', ';' or 'tab'\n"                      \
    "  --id-col NAME         column with the case ids (default: a text first column)\n"     \
    "  --drop-missing        drop cases with a missing value in a used column (listwise)\n" \
    "                        and report them; without it a missing value is an error\n"     \
    "Truth table:\n"                                                                        \
    "  --outcome Y           the outcome column; ~Y for its negation (required)\n"          \
    "  --conditions A,B,C    the conditions, in this order (default: every other\n"         \
    "                        numeric column)\n"                                             \
    "  --incl-cut IC1[,IC0]  consistency cut-off for OUT = 1 (default 1); with IC0,\n"      \
    "                        rows with IC0 <= incl < IC1 are contradictions (C)\n"          \
    "  --n-cut N             rows with fewer than N cases are remainders (default 1)\n"     \
    "  --pri-cut P           PRI cut-off for OUT = 1 (default 0); cut-offs lie in [0, 1]\n" \
    "Output:\n"                                                                             \
    "  --json                JSON instead of text\n"                                        \
    "  --output FILE         write to FILE (atomically) instead of standard output\n"       \
    "  --threads N           number of threads (default: all cores; results do not\n"       \
    "                        depend on it)\n"                                               \
    "  --help                this text\n"

typedef struct {
    const char *command;     /* "tt", "minimize", ... for messages */
    const char *data_path;
    const char *outcome;
    char **conditions;       /* parsed from --conditions, NULL = default */
    size_t nconditions;
    fsq_csv_options csv;
    fsq_tt_options tt;
    int drop_missing;
    int json;
    int threads;
    const char *output;
    int format;              /* FSQ_CLI_FMT_* (--format; --json sets json) */
    unsigned formats;        /* the formats the command accepts (mask) */
    int digits;              /* --digits, -1 = default */
    const char *by;          /* --by COL: per-group analyses */
    const char *unit_id;     /* --unit-id COL: panel units (cluster within) */
} fsq__cli_common;

void fsq__cli_common_init(fsq__cli_common *c, const char *command);
void fsq__cli_common_free(fsq__cli_common *c);

/* Handles one shared option. Returns 1 if `opt` was one of them and was
 * valid, 0 if it is not a shared option, -1 after printing a usage error. */
int fsq__cli_common_option(fsq__cli_common *c, int opt, const char *arg);

/* The same for the last case of a command's option switch: an option that
 * is neither the command's nor a shared one is reported ("unknown option")
 * and gives -1. */
int fsq__cli_shared_option(fsq__cli_common *c, int opt, const char *arg);

/* getopt_long for the commands' option loops, with one clear line on
 * standard error for what it refuses: an unknown or ambiguous option, a
 * missing value, a value given to a flag, each named. It then returns '?'
 * (which fsq__cli_shared_option turns into -1 without a second message).
 * shortopts as for getopt_long (a leading ':' is implied). */
int fsq__cli_getopt(const char *command, int argc, char **argv, const char *shortopts,
                    const struct option *longopts);

/* Takes the DATA operand from argv[optind]; prints an error and returns -1
 * if it is missing or if extra operands follow. */
int fsq__cli_take_data(fsq__cli_common *c, int argc, char **argv);

/* Reads the data set and drops incomplete cases as asked (reporting the
 * dropped ones on stderr). On failure prints the error and returns the exit
 * status (2); 0 on success. `extra` columns (may be NULL) are checked too. */
int fsq__cli_load_data(const fsq__cli_common *c, fsq_data **out);

/* Loads the data and builds the truth table. Returns an exit status. */
int fsq__cli_build_tt(const fsq__cli_common *c, fsq_data **data, fsq_tt **tt);

/* Prints "fsqca CMD: <fsq_last_error()>" and returns the exit status that
 * goes with library code rc. */
int fsq__cli_fail(const char *command, int rc);

/* Prints "fsqca CMD: message" and returns FSQ_EXIT_USAGE. */
int fsq__cli_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The same, with a pointer to the command's --help on the same line. */
int fsq__cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes text to --output (atomically) or to standard output. */
int fsq__cli_emit(const fsq__cli_common *c, const char *text, size_t len);

/* Parses numbers for options, printing an error naming the option. */
int fsq__cli_parse_double(const char *command, const char *option, const char *arg,
                          double *out);
int fsq__cli_parse_size(const char *command, const char *option, const char *arg, size_t *out);

/* QCA's include argument, the same in every command and in specs: "?"
 * parsimonious, "?,C" (or "C,?") parsimonious with contradictions as
 * don't-cares, "C" conservative with contradictions as don't-cares, "" or
 * "none" conservative. 0 on success, -1 (nothing set) for any other text. */
int fsq__cli_parse_include(const char *text, fsq_solution_type *type, int *include_contradictions);

/* Stricter number parsing (src/cli/parse_num.c), for options and the small
 * option languages; each prints a usage error naming the option and returns
 * -1 on failure, 0 on success.
 * fsq__cli_parse_number: a finite number in [lo, hi].
 * fsq__cli_parse_u64: digits only, 0 to 2^64 - 1 (no sign, no blanks).
 * fsq__cli_parse_range: "LO:HI:STEP", "LO:HI" (step 1) or "V", all finite,
 *   LO <= HI, STEP > 0, every value in [lo, hi] (and whole if `whole`), at
 *   most 10^7 values, into a malloc'ed list (*vals, *n) the caller frees.
 *   `item` names the range in messages ("--sweep incl-cut"). Returns 0 or
 *   an exit status (2, after printing). */
#include <stdint.h>
int fsq__cli_parse_number(const char *command, const char *option, const char *arg, double lo,
                          double hi, double *out);
int fsq__cli_parse_u64(const char *command, const char *option, const char *arg, uint64_t *out);
int fsq__cli_parse_range(const char *command, const char *item, const char *text, double lo,
                         double hi, int whole, double **vals, size_t *n);

/* Parses --dir-exp "A=1,B=0,C=1;2" into one malloc'ed expectation string
 * per condition of tt (*exp has nconditions entries, NULL = none given).
 * Prints the error and returns an exit status on failure, else 0. The caller
 * frees the entries and the array. */
int fsq__cli_parse_dir_exp(const char *command, const char *arg, const fsq_tt *tt, char ***exp);

/* Splits "A,B, C" into a malloc'ed array of malloc'ed trimmed strings. */
int fsq__cli_split_list(const char *arg, char sep, char ***items, size_t *nitems);
void fsq__cli_free_list(char **items, size_t nitems);

/* The truth table as a text table like QCA's print, incl and PRI with
 * `digits` decimals (negative: 3, QCA's). */
#include "common/buf.h"
void fsq__cli_print_tt(fsq__buf *b, const fsq_tt *tt, int digits);
/* Fails (exit 1, with a message) when no row reaches --n-cut, as QCA does. */
int fsq__cli_check_rows(const char *command, const fsq_tt *tt);

/* The subcommands. */
int fsq__cli_tt(int argc, char **argv);
int fsq__cli_minimize(int argc, char **argv);

#endif
