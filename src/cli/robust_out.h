/* Where a robustness run's replicates go: the stream file (written as
 * replicates finish, resumable, one shard of a job array), MPI ranks
 * gathered by rank 0, and the summary report shared with fsqca merge. */
#ifndef FSQ_CLI_ROBUST_OUT_H
#define FSQ_CLI_ROBUST_OUT_H

#include <stddef.h>

#include "cli/cli.h"
#include "cli/robust_tests.h"
#include "fsqca/fsqca.h"

#define FSQ_ROBUST_BATCH_HELP                                                               \
    "Batch jobs (see scripts/slurm/ and README \"Clusters\"):\n"                           \
    "  --shard I/N           run only shard I of N (1 <= I <= N): replicates\n"            \
    "                        floor((I-1) R / N) .. floor(I R / N) - 1 of R, into --out;\n"  \
    "                        join the N parts with `fsqca merge`\n"                        \
    "  --resume              continue FILE.partial, the prefix a killed run left (SIGTERM\n" \
    "                        or SIGINT write every finished replicate to it; a crash\n"     \
    "                        keeps all complete blocks); the result is byte for byte\n"     \
    "                        that of an uninterrupted run\n"                                \
    "  mpirun -np R fsqca robust ...  splits the blocks of replicates over R ranks\n"      \
    "                        (interleaved); rank 0 gathers them in order and alone\n"      \
    "                        prints and writes: output identical to one process\n"   \
    FSQ_ROBUST_MPI_BUILT

#ifdef FSQCA_HAVE_MPI
#define FSQ_ROBUST_MPI_BUILT "                        (this build: with MPI)\n"
#else
#define FSQ_ROBUST_MPI_BUILT "                        (this build: without MPI, one process)\n"
#endif

typedef struct fsq__robust_mpi fsq__robust_mpi;

typedef struct {
    const char *out_path;       /* --out, or NULL */
    char *partial;              /* out_path + ".partial" */
    char *identity;             /* data checksum + options, in the header */
    size_t shard, nshards;
    int resume, quiet, shard_note;
    const char *group;          /* robust --by: the group this run is of (identity) */
    fsq__robust_mpi *mpi;       /* under mpirun with more than one rank */
} fsq__robust_out;

void fsq__robust_out_init(fsq__robust_out *s);
void fsq__robust_out_free(fsq__robust_out *s);
/* --shard / --resume: 1 ok, -1 after a usage error. */
int fsq__robust_out_option(fsq__robust_out *s, const char *name, const char *arg);
/* Before the run: sets o's streaming fields (bounded memory, the partial
 * file, SIGTERM, MPI). Returns an exit status (0 = go on). */
int fsq__robust_out_setup(fsq__robust_out *s, fsq_robust_options *o, const fsq__cli_common *c,
                          int argc, char **argv);
/* After the run (rc its result): gathers ranks, finishes the stream file,
 * and may replace *run by the merged run whose summary is to be reported. */
int fsq__robust_out_finish(fsq__robust_out *s, fsq_robust_run **run, int rc);
/* 0 on MPI ranks other than 0: they neither print nor write. */
int fsq__robust_out_prints(const fsq__robust_out *s);
/* What a shard run prints instead of a summary. */
int fsq__robust_out_shard_note(const fsq__robust_out *s, const fsq__cli_common *c,
                               const fsq_robust_run *run);

/* The summary (text or --json) and, with protocol, the robustness protocol
 * of a run, through fsq__cli_emit (robust_summary.c). */
/* extra (may be NULL): the user's test solutions (--test) and the case ids
 * that name the cases of each class. */
int fsq__cli_robust_report(const fsq__cli_common *c, const fsq_robust_run *run, int protocol,
                           const fsq__rob_protocol_extra *extra);
/* The same into out (appended) instead of through fsq__cli_emit. */
#include "common/buf.h"
int fsq__cli_robust_render(const fsq__cli_common *c, const fsq_robust_run *run, int protocol,
                           const fsq__rob_protocol_extra *extra, fsq__buf *out);

/* MPI (robust_mpi.c; stubs when built without MPI). */
int fsq__mpi_init(int *argc, char ***argv);
void fsq__mpi_finalize(void);
int fsq__mpi_rank(void);
int fsq__mpi_size(void);
/* Ends every rank with exit status `code` (after rank 0 printed why). */
void fsq__mpi_abort(int code);
int fsq__robust_mpi_setup(fsq__robust_mpi **out, fsq_robust_options *o, const char *identity,
                          const char *out_path);
int fsq__robust_mpi_finish(fsq__robust_mpi *m, fsq_robust_run **run, int rc);
void fsq__robust_mpi_free(fsq__robust_mpi *m);
/* fsq_tt_permutation_test with the permutations split over the ranks
 * (rank j: [P j / R, P (j+1) / R)), counts summed exactly on every rank. */
int fsq__robust_mpi_permutations(const fsq_tt *tt, size_t permutations, uint64_t seed,
                                 int threads, double *p, double *p_holm);

/* fsqca run with several specs or under mpirun (run_many.c): argv[first..]
 * are the specs, argv[1..first-1] the options. Returns the largest status. */
int fsq__cli_run_many(int argc, char **argv, int first);
/* 1 while run_many runs one spec (so fsq__cli_run does not recurse). */
int fsq__cli_run_many_active(void);

/* fsqca merge (cmd_merge.c). */
int fsq__cli_merge(int argc, char **argv);

#endif
