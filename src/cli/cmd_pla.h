/* Berkeley PLA in and out for the tt and minimize commands (cmd_pla.c). */
#ifndef FSQ_CLI_CMD_PLA_H
#define FSQ_CLI_CMD_PLA_H

#include "cli/cli.h"

/* 1 if the DATA operand names a PLA file (".pla"). */
int fsq__cli_is_pla_path(const char *path);

/* fsqca minimize FILE.pla: every output minimized (type fr/fdr: parsimonious,
 * f/fd: conservative), reported as text, --json, or with format_pla as a
 * PLA of the first model per output (every model with all). Returns an exit
 * status. */
int fsq__cli_minimize_pla(const fsq__cli_common *c, const fsq_sets_options *opts,
                          int format_pla, int all);

/* fsqca tt --format pla: the truth table as .type fr. */
int fsq__cli_tt_pla(const fsq__cli_common *c, const fsq_tt *tt);

/* fsqca minimize DATA --format pla: the models as .type f. */
int fsq__cli_min_pla(const fsq__cli_common *c, const fsq_tt *tt, const fsq_min *min, int all);

#endif
