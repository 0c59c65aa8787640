/* The `fsqca calibrate` and `fsqca necessity` commands.
 *
 * Each takes the command's own argument vector: argv[0] is the command name
 * (ignored, as a program name is), the options and operands follow. Each
 * prints its results to stdout and its errors to stderr as
 * "fsqca <command>: <message>", never exits, and returns the exit status:
 * 0 ok, 1 analysis error (necessity: nothing passes the cut-offs),
 * 2 bad usage or bad input (including a file that cannot be read or
 * written). `--help` prints the usage and returns 0. */
#ifndef FSQ_CLI_CMD_CALIB_NEC_H
#define FSQ_CLI_CMD_CALIB_NEC_H

int fsq__cli_calibrate(int argc, char **argv);
int fsq__cli_necessity(int argc, char **argv);

#endif
