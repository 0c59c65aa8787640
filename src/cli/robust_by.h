/* fsqca robust: one robustness run (the replicates, the stream file, the
 * summary), and --by COL: the pooled run and one per group of COL, side by
 * side (src/cli/robust_by.c). */
#ifndef FSQ_CLI_ROBUST_BY_H
#define FSQ_CLI_ROBUST_BY_H

#include "cli/robust_out.h"
#include "common/buf.h"

#define FSQ_ROBUST_BY_HELP                                                                  \
    "Groups:\n"                                                                             \
    "  --by COL              also run the same scheme on each group of cases with the\n"  \
    "                        same value of COL (a text column or whole numbers): the\n"   \
    "                        pooled summary, each group's, and a table of them side\n"    \
    "                        by side (JSON: \"by\" and \"groups\": [{\"group\", \"ncases\",\n" \
    "                        ...the usual keys...}]; a group whose run fails has\n"      \
    "                        \"error\"). A group's run is the run on its subset of the\n" \
    "                        cases: calibration anchors, --exclude rows and --dir-exp\n"  \
    "                        as for the pooled data (percentile anchors resolved on\n"    \
    "                        them), the same seed. With --out FILE the pooled stream\n"   \
    "                        goes to FILE and group G's to FILE with \".G\" before\n"      \
    "                        \".jsonl\" (out.jsonl.zst -> out.sales.jsonl.zst; other\n"    \
    "                        characters than letters, digits, '-' and '_' become '_').\n" \
    "                        Not with --permutations, --test, --shard or --resume.\n"

/* Everything a run needs besides its data, fixed by the options. */
typedef struct {
    const fsq__cli_common *c;
    fsq_robust_options o;           /* scheme, replicates, seed, solution */
    const fsq_robust_grid *grid;    /* a cut-off sweep, or NULL */
    const double *anchors;          /* a calibration sweep (values), or NULL */
    size_t nanchors, which, anchor;
    const fsq_robust_calib *rcal;
    size_t ncal;
    const fsq__robust_out *batch;   /* --shard, --resume */
    const fsq__rob_protocol_extra *px;
    int protocol, quiet, argc;
    char **argv;
} fsq__rob_job;

/* One run on raw (complete cases, before calibration: calibration sweeps)
 * and tt. report == NULL: the summary is emitted (or the shard note);
 * else appended to report, and the run kept in *keep when keep is given.
 * With group_error, a failed analysis is recorded there (malloc'ed) and
 * gives 0. Returns an exit status. */
int fsq__rob_run_one(const fsq__rob_job *j, const fsq_data *raw, const fsq_tt *tt,
                     const char *out_path, const char *group, fsq__buf *report,
                     fsq_robust_run **keep, char **group_error);

/* --by: the pooled run and one per group of c->by, emitted together.
 * raw and calibrated hold the same cases (calibrated: after --calibrate). */
int fsq__rob_by(const fsq__rob_job *j, const fsq_data *raw, const fsq_data *calibrated,
                const fsq_tt *tt, const char *out_path);

/* The default conditions with --by: every numeric column but the outcome
 * and the --by / --unit-id columns, into c->conditions. Exit status. */
int fsq__rob_by_conditions(fsq__cli_common *c, const fsq_data *data);

#endif
