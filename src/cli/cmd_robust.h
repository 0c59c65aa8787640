/* fsqca robust: resampling, sensitivity sweeps and the robustness protocol. */
#ifndef FSQ_CLI_CMD_ROBUST_H
#define FSQ_CLI_CMD_ROBUST_H

/* argv[0] is "robust". Returns the exit status (0, 1 analysis error,
 * 2 usage or input error). */
int fsq__cli_robust(int argc, char **argv);

#endif
