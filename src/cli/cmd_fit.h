/* The subcommands of issue 11: fit of any expression, findRows. */
#ifndef FSQ_CLI_CMD_FIT_H
#define FSQ_CLI_CMD_FIT_H

int fsq__cli_fit(int argc, char **argv);
int fsq__cli_findrows(int argc, char **argv);

#endif
