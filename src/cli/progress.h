/* A one-line progress bar on stderr for long runs (bootstrap, sweeps).
 *
 *   replicates  1234/10000  12.3%  456.7/s  ETA 0:19
 *
 * It draws only when enabled by the caller (not --quiet) and stderr is a
 * terminal, at most about 10 times per second, and fsq__progress_finish ends
 * the line with the total count and elapsed time. When disabled every call
 * is a cheap no-op, so callers need no conditionals.
 *
 * Threads: a progress bar is a plain struct without locks. Call it from one
 * thread only (e.g. the thread that collects finished replicates, or inside
 * `#pragma omp master` with a shared atomic counter read there). */
#ifndef FSQ_CLI_PROGRESS_H
#define FSQ_CLI_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

typedef struct {
    FILE *out;          /* NULL = disabled */
    const char *label;  /* not copied: must outlive the bar */
    uint64_t total;     /* 0 = unknown: no percentage or ETA */
    uint64_t done;
    double start;       /* seconds, monotonic clock */
    double last_draw;   /* time of the last drawing; < 0 before the first */
    int width;          /* length of the last line drawn, to blank leftovers */
} fsq__progress;

/* Minimum time between two drawings, in seconds. */
#define FSQ__PROGRESS_INTERVAL 0.1

/* Starts a bar on stderr; it draws only if `enabled` and stderr is a tty. */
void fsq__progress_init(fsq__progress *p, uint64_t total, const char *label, int enabled);

/* Starts a bar that always draws on `out` (NULL = disabled): for tests and
 * for callers that decide about terminals themselves. */
void fsq__progress_init_file(fsq__progress *p, uint64_t total, const char *label, FILE *out);

/* Records that `done` units are complete and redraws if the last drawing is
 * at least FSQ__PROGRESS_INTERVAL old. */
void fsq__progress_update(fsq__progress *p, uint64_t done);

/* The same with an explicit time in seconds on the monotonic clock used by
 * fsq__progress_now (tests drive the throttle with it). */
void fsq__progress_update_at(fsq__progress *p, uint64_t done, double now);

/* Draws the final state and ends the line ("label  N/N  100.0%  in 1.2s,
 * 456.7/s"). Draws nothing if the bar is disabled. */
void fsq__progress_finish(fsq__progress *p);
void fsq__progress_finish_at(fsq__progress *p, double now);

/* Seconds on a monotonic clock. */
double fsq__progress_now(void);

#endif
