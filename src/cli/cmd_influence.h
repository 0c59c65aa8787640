/* `fsqca influence` and the [influence] section of `fsqca run` share the
 * reading and analysis of influence matrices (cmd_influence.c). */
#ifndef FSQ_CLI_CMD_INFLUENCE_H
#define FSQ_CLI_CMD_INFLUENCE_H

#include <stddef.h>

#include "fsqca/fsqca.h"

typedef struct {
    const char *const *matrices;   /* one intensity matrix per case */
    size_t nmatrices;
    const char *sign, *delay;      /* NULL = all positive / all short */
    fsq_influence_options opts;    /* opts.impulse is filled from impulses */
    const char *const *impulses;   /* "NAME=VALUE" items */
    size_t nimpulses;
} fsq__influence_job;

/* Reads the matrices and analyses them. On failure prints
 * "fsqca COMMAND: message" and returns the exit status (2 for bad input). */
int fsq__cli_influence_analyse(const char *command, const fsq__influence_job *job,
                               fsq_network **out);

/* 1 when a limit cut a result short (loops, MICMAC), after saying so on
 * stderr as "fsqca COMMAND: ..."; else 0. */
int fsq__cli_influence_limits(const char *command, const fsq_network *net);

int fsq__cli_influence(int argc, char **argv);

#endif
