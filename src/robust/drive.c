/* The parallel driver of robustness runs and sweeps (fsq__rob_drive; the
 * schemes that call it: engine.c, sweep.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "common/buf.h"
#include "common/error.h"
#include "robust/engine.h"

/* The driver --------------------------------------------------------------
 *
 * Replicates of the selection (the run's range, or a shard of it, minus a
 * resumed prefix, optionally every stride-th block) get sequence numbers
 * 0..nseq-1 in replicate order. Threads take the next sequence number
 * (dynamic, one at a time), compute it into its slot of a reorder window
 * of W slots and mark it ready; whoever holds the emit lock hands the ready
 * prefix on in order: to the summary accumulator, to the piece being built
 * (its JSON lines and TS_min / TS_max), and, at a block's end, to the
 * stream file and the sink. A thread does not start sequence number i
 * before i - W has been emitted, so memory is O(W + the caches), whatever
 * the number of replicates. Without `keep`, emitted slots are cleared and a
 * worker whose cache passes CACHE_BYTES retires it (freed once every
 * replicate that may point into it has been emitted). */

#define CACHE_BYTES ((size_t)16 << 20)

size_t fsq_robust_block_size(size_t nrep)
{
    size_t b = nrep / 64 + (nrep % 64 != 0);
    return b < 8 ? 8 : b > 4096 ? 4096 : b;
}

typedef struct {
    size_t lo, hi, start; /* replicates [lo, hi), sequence number of lo */
} segment;

typedef struct {
    fsq_robust_run *run;
    const fsq_robust_options *o;
    fsq__rob_stream *stream;
    segment *seg;
    size_t nseg, nseq, window, emit_seg;
    unsigned char *ready;
    size_t next, emitted;
    fsq__buf lines;
    size_t piece_lo, piece_n, pnts;
    double *pmin, *pmax;
    int failed, stopped, err_rc, err_plain;
    size_t err_r;
    char err_msg[512];
#ifdef _OPENMP
    omp_lock_t lock;
#endif
} driver;

static size_t seq_rep(const driver *d, size_t i)
{
    size_t a = 0, b = d->nseg;
    while (b - a > 1) {
        size_t m = (a + b) / 2;
        if (d->seg[m].start <= i)
            a = m;
        else
            b = m;
    }
    return d->seg[a].lo + (i - d->seg[a].start);
}

static fsq__rob_rep *slot(const driver *d, size_t i, size_t r)
{
    return d->run->keep ? &d->run->reps[r] : &d->run->reps[i % d->window];
}

/* The first failing replicate's error; plain: the message needs no
 * "replicate r:" (a failure of the stream or the sink, not of r). */
static void set_error(driver *d, size_t r, int rc, int plain)
{
#pragma omp critical(fsq_rob_error)
    {
        if (!d->err_rc || r < d->err_r) {
            d->err_r = r;
            d->err_rc = rc;
            d->err_plain = plain;
            snprintf(d->err_msg, sizeof d->err_msg, "%s", fsq_last_error());
        }
    }
#pragma omp atomic write
    d->failed = 1;
}

static int flush_piece(driver *d)
{
    fsq_robust_run *run = d->run;
    if (!d->piece_n)
        return 0;
    fsq_robust_piece p = {d->piece_lo, d->piece_lo + d->piece_n, d->lines.data ? d->lines.data : "",
                          d->lines.len, d->pnts, run->ncases, d->pnts ? d->pmin : NULL,
                          d->pnts ? d->pmax : NULL};
    int rc = fsq__buf_ok(&d->lines);
    if (!rc && d->stream)
        rc = fsq__rob_stream_piece(d->stream, &p);
    if (!rc && d->o->sink)
        rc = d->o->sink->fn(d->o->sink->ctx, run, &p);
    d->lines.len = 0;
    d->piece_n = d->pnts = 0;
    return rc;
}

/* Hands sequence number i on (emit lock held, i ready). */
static int emit_one(driver *d, size_t i)
{
    fsq_robust_run *run = d->run;
    size_t r = seq_rep(d, i);
    fsq__rob_rep *rep = slot(d, i, r);
    const fsq__rob_entry *e = rep->entry;
    size_t n = run->ncases;
    int rc = fsq__rob_acc_add(run, r, e->nsol, e->text, e->nsol ? rep->fit : NULL, rep->skipped);
    run->nreused += rep->reused != 0;
    if (e->nsol)
        fsq__rob_ts_fold(run->acc.ts_min, run->acc.ts_max, &run->acc.nts, e->mem, e->mem, 1, n);
    if (!rc && (d->stream || d->o->sink)) {
        if (!d->piece_n)
            d->piece_lo = r;
        rc = fsq__rob_line(run, r, rep, &d->lines, 1);
        if (e->nsol)
            fsq__rob_ts_fold(d->pmin, d->pmax, &d->pnts, e->mem, e->mem, 1, n);
        d->piece_n++;
        while (d->emit_seg + 1 < d->nseg && d->seg[d->emit_seg].hi <= r)
            d->emit_seg++;
        if (!rc && ((r + 1) % run->block == 0 || r + 1 == d->seg[d->emit_seg].hi))
            rc = flush_piece(d);
    }
    if (!run->keep) {
        free(rep->fit);
        free(rep->skipped);
        memset(rep, 0, sizeof *rep);
    }
    if (d->o->progress)
        d->o->progress(d->o->progress_ctx, i + 1, d->nseq);
    return rc;
}

static void emit_ready(driver *d)
{
    for (;;) {
        size_t i = d->emitted;
        int f;
#pragma omp atomic read
        f = d->failed;
        if (i >= d->nseq || f)
            return;
        unsigned char rd;
#pragma omp atomic read seq_cst
        rd = d->ready[i % d->window];
        if (!rd)
            return;
        int rc = emit_one(d, i);
#pragma omp atomic write seq_cst
        d->ready[i % d->window] = 0;
#pragma omp atomic write seq_cst
        d->emitted = i + 1;
        if (rc) {
            set_error(d, seq_rep(d, i), rc, 1);
            return;
        }
    }
}

static void try_emit(driver *d)
{
#ifdef _OPENMP
    if (!omp_test_lock(&d->lock))
        return;
    emit_ready(d);
    omp_unset_lock(&d->lock);
#else
    emit_ready(d);
#endif
}

static void nap(void)
{
    struct timespec ts = {0, 100000};
    nanosleep(&ts, NULL);
}

/* Computes sequence number i with worker w. */
static void compute(driver *d, fsq__rob_worker *w, size_t i, fsq__rob_point_fn fn, void *ctx)
{
    fsq_robust_run *run = d->run;
    for (;;) {
        size_t e;
        int f;
#pragma omp atomic read seq_cst
        e = d->emitted;
#pragma omp atomic read
        f = d->failed;
        if (f)
            return;
        if (w->retired && e >= w->retire_stamp) {
            fsq__rob_entries_free(w->retired);
            w->retired = NULL;
        }
        if (i < e + d->window)
            break;
        try_emit(d);
        nap();
    }
    size_t r = seq_rep(d, i);
    int prc = fn(ctx, w, r, slot(d, i, r));
    if (prc) {
        set_error(d, r, prc, 0);
        return;
    }
    w->last_seq = i;
    if (!run->keep && w->bytes > CACHE_BYTES && !w->retired) {
        w->retired = w->owned;
        w->owned = NULL;
        w->retire_stamp = i + 1;
        if (w->bucket)
            memset(w->bucket, 0, w->nbuckets * sizeof *w->bucket);
        w->nentries = 0;
        w->bytes = 0;
    }
#pragma omp atomic write seq_cst
    d->ready[i % d->window] = 1;
    try_emit(d);
}

/* The selection's segments: blocks of the range from `start` on. */
static int select_segments(driver *d, const fsq_robust_options *o, size_t start, size_t hi)
{
    size_t F = d->run->block, stride = o->block_stride > 1 ? o->block_stride : 1;
    size_t nb = hi > start ? (hi - 1) / F - start / F + 1 : 0;
    d->seg = malloc((nb ? nb : 1) * sizeof *d->seg);
    if (!d->seg)
        return fsq__nomem();
    for (size_t b = start / F; nb && b * F < hi; b++) {
        if (stride > 1 && b % stride != o->block_offset % stride)
            continue;
        size_t lo = b * F > start ? b * F : start, top = (b + 1) * F < hi ? (b + 1) * F : hi;
        if (lo >= top)
            continue;
        d->seg[d->nseg++] = (segment){lo, top, d->nseq};
        d->nseq += top - lo;
    }
    return 0;
}

int fsq__rob_drive(fsq_robust_run *run, const fsq_robust_options *o, fsq__rob_point_fn fn,
                   void *ctx, fsq__rob_scratch_fn init, fsq__rob_scratch_free_fn fini)
{
    driver d;
    memset(&d, 0, sizeof d);
    d.run = run;
    d.o = o;
    size_t n = run->ncases ? run->ncases : 1, lo = 0, hi = run->nrep, start;
    int rc = 0;
    if (o->nshards) {
        if (o->shard < 1 || o->shard > o->nshards)
            return fsq__error(FSQ_EINPUT, "shard %zu of %zu: must be between 1 and %zu",
                              o->shard, o->nshards, o->nshards);
        lo = (size_t)((uint64_t)run->nrep * (o->shard - 1) / o->nshards);
        hi = (size_t)((uint64_t)run->nrep * o->shard / o->nshards);
    }
    run->block = fsq_robust_block_size(run->nrep);
    run->range_lo = lo;
    run->range_hi = hi;
    run->shard = o->nshards ? o->shard : 1;
    run->nshards = o->nshards ? o->nshards : 1;
    run->acc.ts_min = malloc(n * sizeof *run->acc.ts_min);
    run->acc.ts_max = malloc(n * sizeof *run->acc.ts_max);
    d.pmin = malloc(n * sizeof *d.pmin);
    d.pmax = malloc(n * sizeof *d.pmax);
    if (!run->acc.ts_min || !run->acc.ts_max || !d.pmin || !d.pmax) {
        rc = fsq__nomem();
        goto done;
    }
    start = lo;
    if (o->stream_path && (rc = fsq__rob_stream_open(&d.stream, run, o, &start)))
        goto done;
    run->resumed_from = start;
    if ((rc = select_segments(&d, o, start, hi)))
        goto done;

    int nthreads = 1;
#ifdef _OPENMP
    nthreads = o->threads > 0 ? o->threads : omp_get_max_threads();
#endif
    if ((size_t)nthreads > d.nseq)
        nthreads = d.nseq ? (int)d.nseq : 1;
    d.window = 256 + 64 * (size_t)nthreads;
    if (!run->keep) {
        free(run->reps);
        run->nslots = d.window;
        if (!(run->reps = calloc(d.window, sizeof *run->reps))) {
            run->nslots = 0;
            rc = fsq__nomem();
            goto done;
        }
    }
    d.ready = calloc(d.window, 1);
    run->workers = calloc((size_t)nthreads, sizeof *run->workers);
    if (!d.ready || !run->workers) {
        rc = fsq__nomem();
        goto done;
    }
    run->nworkers = (size_t)nthreads;
    for (int t = 0; t < nthreads && !rc; t++)
        if (init)
            rc = init(ctx, &run->workers[t].scratch);
    if (rc)
        goto done;
#ifdef _OPENMP
    omp_init_lock(&d.lock);
#endif

#pragma omp parallel num_threads(nthreads) if (nthreads > 1)
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        fsq__rob_worker *w = &run->workers[tid];
        for (;;) {
            int f, s;
#pragma omp atomic read
            f = d.failed;
#pragma omp atomic read
            s = d.stopped;
            if (f || s)
                break;
            if (o->stop && o->stop(o->stop_ctx)) {
#pragma omp atomic write
                d.stopped = 1;
                break;
            }
            size_t i;
#pragma omp atomic capture
            i = d.next++;
            if (i >= d.nseq)
                break;
            compute(&d, w, i, fn, ctx);
        }
    }
#ifdef _OPENMP
    omp_destroy_lock(&d.lock);
#endif
    emit_ready(&d);
    if (d.err_rc) {
        rc = d.err_plain ? fsq__error(d.err_rc, "%s", d.err_msg)
                         : fsq__error(d.err_rc, "replicate %zu: %s", d.err_r, d.err_msg);
        goto done;
    }
    if (d.emitted < d.nseq) {
        /* Stopped: the prefix emitted so far becomes a (short) piece, so
         * the stream holds every finished replicate. */
        size_t upto = d.emitted ? seq_rep(&d, d.emitted - 1) + 1 : start;
        if ((rc = flush_piece(&d)))
            goto done;
        rc = fsq__error(FSQ_ELIMIT, "interrupted: %zu of %zu replicates done ([%zu, %zu))%s",
                        d.emitted, d.nseq, start, upto,
                        d.stream ? "; the stream holds them: run again with --resume" : "");
        goto done;
    }
    if ((rc = flush_piece(&d)))
        goto done;
    rc = fsq__rob_compute_summary(run);
done:
    if (d.stream) {
        int crc = fsq__rob_stream_close(d.stream);
        if (!rc)
            rc = crc;
    }
    if (fini)
        for (size_t t = 0; t < run->nworkers; t++) {
            if (run->workers[t].scratch)
                fini(run->workers[t].scratch);
            run->workers[t].scratch = NULL;
        }
    fsq__buf_free(&d.lines);
    free(d.seg);
    free(d.ready);
    free(d.pmin);
    free(d.pmax);
    return rc;
}
