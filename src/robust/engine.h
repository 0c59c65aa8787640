/* Internal layout of a robustness run (src/robust/engine.c, sweep.c).
 *
 * A run is a list of replicates (resamples or grid points) in replicate
 * order. Each replicate points at an "entry": the models of one distinct
 * truth table (their texts and case memberships), owned by the worker
 * (thread) that computed it and shared by every replicate of that thread
 * whose table had the same ON, OFF and C rows. The replicate itself holds
 * only its own fit (nsol x {incl, PRI, cov}).
 *
 * The driver fsq__rob_drive runs a point function for every replicate in
 * parallel (dynamic schedule); each thread owns one worker (cache, scratch),
 * no lock is taken in the hot path, and results land in run->reps[r]
 * whatever thread computed them. */
#ifndef FSQ_ROBUST_ENGINE_H
#define FSQ_ROBUST_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "fsqca/fsqca.h"
#include "common/buf.h"
#include "tt/tt_internal.h"

typedef struct fsq__rob_entry {
    struct fsq__rob_entry *next;   /* the worker's list of entries it owns */
    struct fsq__rob_entry *chain;  /* hash-bucket chain */
    uint64_t hash;
    size_t keylen;
    unsigned char *key;            /* (k digits, OUT) of every non-remainder row */
    int status;                    /* FSQ_OK or FSQ_ENOSOLUTION */
    size_t nsol;
    char **text;                   /* nsol model texts */
    size_t ncases;
    double *mem;                   /* nsol x ncases memberships */
} fsq__rob_entry;

typedef struct {
    const fsq__rob_entry *entry;   /* NULL until computed */
    double *fit;                   /* nsol x 3: incl, PRI, cov */
    int reused;
    char *skipped;                 /* a sweep point skipped: why (malloc'ed) */
} fsq__rob_rep;

/* The entry of a skipped sweep point: status FSQ_EINPUT, no model. */
extern const fsq__rob_entry fsq__rob_skipped_entry;

typedef struct {
    fsq__rob_entry *owned;         /* every entry this worker made */
    fsq__rob_entry *retired;       /* dropped from the cache, still referenced */
    size_t retire_stamp;           /* free `retired` once this many are emitted */
    size_t bytes;                  /* memory held by `owned` */
    size_t last_seq;               /* sequence number of its last replicate */
    fsq__rob_entry **bucket;       /* reuse cache: open hash of chains */
    size_t nbuckets, nentries;
    unsigned char *key;            /* scratch key */
    size_t keycap;
    void *scratch;                 /* the scheme's per-thread state */
} fsq__rob_worker;

/* Distinct strings with counts (one count per replicate at most). */
typedef struct {
    char *text;
    size_t count, last_rep;
} fsq__rob_tally;

typedef struct {
    fsq__rob_tally *items;
    size_t n, cap;
} fsq__rob_tally_list;

/* The summary's running state, fed in replicate order (summary.c): the
 * same from replicates in memory, from stream lines, on every path. */
typedef struct {
    fsq__rob_tally_list models, terms;
    double *incl, *cov;            /* first model's fit, replicates with one */
    size_t nsolved, cap, nnone, nadded;
    unsigned char *same;           /* sweeps: models are the IS's (nrep) */
    double *ts_min, *ts_max;       /* protocol: over first models (ncases) */
    size_t nts;
    /* Calibration sweeps: points skipped for invalid anchors, ascending. */
    size_t nskipped, skip_cap;
    size_t *skip_rep;
    char **skip_text;
} fsq__rob_acc;

struct fsq_robust_run {
    fsq_robust_scheme scheme;
    uint64_t seed;
    size_t ncases, nrep, subsample, leave_out;
    char **case_ids;               /* ncases copies */
    double *y;                     /* original outcome (negated if asked) */
    fsq__rob_rep *reps;
    fsq__rob_worker *workers;
    size_t nworkers;
    /* Initial solution. */
    size_t is_nsol;
    char **is_text;
    double *is_mem;                /* first model's membership, ncases */
    /* Sweeps: up to three axes; point r's coordinates by mixed radix. */
    size_t naxes;
    const char *axis_name[3];
    double *axis_values[3];
    size_t axis_n[3];
    double given[3];
    /* Summary. */
    fsq_robust_summary summary;
    fsq_robust_share *models, *terms;
    fsq_robust_range ranges[3];
    char **share_text;             /* strings the shares point to */
    size_t nshare_text;
    /* Streaming (stream.c, engine.c). */
    fsq__rob_acc acc;
    size_t nslots;                 /* reps: nrep (keep) or the reorder window */
    int keep;
    size_t nreused;
    size_t block;                  /* replicates per block */
    size_t range_lo, range_hi, resumed_from, shard, nshards;
};

/* Computes point r into rep using worker w. */
typedef int (*fsq__rob_point_fn)(void *ctx, fsq__rob_worker *w, size_t r, fsq__rob_rep *rep);
/* Creates / frees a worker's scratch (may be NULL). */
typedef int (*fsq__rob_scratch_fn)(void *ctx, void **scratch);
typedef void (*fsq__rob_scratch_free_fn)(void *scratch);

/* A run with nrep empty replicates and the original cases of tt. */
int fsq__rob_run_new(fsq_robust_run **out, const fsq_tt *tt, size_t nrep,
                     const fsq_robust_options *o);

/* The initial solution: minimizes tt (threads as given) and keeps its models
 * and the first model's membership. No solution is not an error. */
int fsq__rob_initial(fsq_robust_run *run, const fsq_tt *tt, const fsq_robust_options *o);

/* Frees a list of entries (next-linked) and what they hold. */
void fsq__rob_entries_free(fsq__rob_entry *e);

/* Runs fn over every replicate in parallel, then computes the summary. */
int fsq__rob_drive(fsq_robust_run *run, const fsq_robust_options *o, fsq__rob_point_fn fn,
                   void *ctx, fsq__rob_scratch_fn init, fsq__rob_scratch_free_fn fini);

/* The models of table rt (reused from w's cache when use_cache and an entry
 * with the same key exists) and the replicate's fit with case weights
 * (NULL = 1) over rt's outcome. */
int fsq__rob_solve(fsq__rob_worker *w, const fsq_tt *rt, const fsq_min_options *mo,
                   int use_cache, const double *weights, fsq__rob_rep *rep);

/* Accumulator (summary.c): replicate r's models (texts "A*B + C") and the
 * first model's fit (NULL when nsol = 0); skipped (or NULL): why sweep
 * point r was skipped (copied), then it counts in no share. */
int fsq__rob_acc_add(fsq_robust_run *run, size_t r, size_t nsol, char *const *texts,
                     const double *fit0, const char *skipped);
/* Folds (smin, smax, scnt) into (mn, mx, cnt) over n cases. */
void fsq__rob_ts_fold(double *mn, double *mx, size_t *cnt, const double *smin,
                      const double *smax, size_t scnt, size_t n);
void fsq__rob_acc_free(fsq__rob_acc *a);

/* Replicate r (slot rep) as a JSON line appended to b, with '\n' if nl. */
int fsq__rob_line(const fsq_robust_run *run, size_t r, const fsq__rob_rep *rep, fsq__buf *b,
                  int nl);

/* Stream files (stream.c). */
struct fsq__rob_stream;
typedef struct fsq__rob_stream fsq__rob_stream;
/* Opens o->stream_path for the run's range: a fresh file with its header,
 * or with o->resume the existing prefix of this run (truncated after its
 * last complete piece); *start is where computing starts. */
int fsq__rob_stream_open(fsq__rob_stream **out, fsq_robust_run *run,
                         const fsq_robust_options *o, size_t *start);
int fsq__rob_stream_piece(fsq__rob_stream *s, const fsq_robust_piece *p);
/* Closes (the file stays: complete or a resumable prefix). */
int fsq__rob_stream_close(fsq__rob_stream *s);
/* The header text of run for range [lo, hi) of shard of nshards. */
int fsq__rob_header(const fsq_robust_run *run, const char *identity, size_t lo, size_t hi,
                    size_t shard, size_t nshards, fsq__buf *b);

/* Sensitivity ranges of a sweep (sweep.c), after the summary. */
void fsq__rob_ranges(fsq_robust_run *run);

/* 1 if replicate r's models are exactly the IS's. */
int fsq__rob_same_as_initial(const fsq_robust_run *run, size_t r);

/* Every replicate's JSON line (fsq_robust_run_replicate_json + "\n"), in
 * replicate order, into the zstd file `path` (written atomically: a
 * temporary file renamed when complete). level as fsq__zstd_writer_open. */
int fsq__rob_write_replicates(const fsq_robust_run *run, const char *path, int level);

/* Fills run->summary from the replicates (summary.c). */
int fsq__rob_compute_summary(fsq_robust_run *run);

#endif
