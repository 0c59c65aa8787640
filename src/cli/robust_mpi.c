/* MPI transport of fsqca robust (compiled with MPI when CMake found it:
 * FSQCA_HAVE_MPI; otherwise the stubs at the end, and one rank).
 *
 * Work split: the library cuts the replicates into blocks of B
 * (fsq_robust_block_size); rank j of R computes the blocks b with
 * b % R == j (options.block_stride / block_offset), each rank with its
 * OpenMP threads. Every finished piece (one block) of rank j > 0 goes to
 * rank 0 as one message: 5 x uint64 (lo, hi, len, nts, ncases), the lines,
 * then 2 x ncases doubles of TS_min / TS_max when nts > 0. Rank 0 merges
 * the blocks in replicate order (its own as they finish, block b waiting
 * for rank b % R's message), through the same fsq_robust_merge as
 * `fsqca merge`, so file and summary equal a one-process run's. A rank's
 * failure travels as a DONE message with its status and message; rank 0
 * prints it and aborts the job with that exit status, before renaming its
 * output (so no file is left). Ranks other than 0 print nothing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/robust_out.h"
#include "common/error.h"

#ifdef FSQCA_HAVE_MPI
#include <mpi.h>

enum { TAG_PIECE = 1, TAG_DONE = 2 };

static int mpi_on, mpi_rank, mpi_size = 1;

int fsq__mpi_init(int *argc, char ***argv)
{
    /* Only under a launcher: a plain `fsqca` never touches MPI. */
    if (!getenv("OMPI_COMM_WORLD_SIZE") && !getenv("PMI_SIZE") && !getenv("PMIX_RANK"))
        return 0;
    if (MPI_Init(argc, argv) != MPI_SUCCESS)
        return -1;
    mpi_on = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &mpi_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &mpi_size);
    if (mpi_rank > 0 && mpi_size > 1) {
        /* Only rank 0 prints: the others' messages reach it by MPI. */
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
            return -1;
    }
    return 0;
}

void fsq__mpi_finalize(void)
{
    if (mpi_on)
        MPI_Finalize();
    mpi_on = 0;
}

int fsq__mpi_rank(void) { return mpi_rank; }

int fsq__mpi_size(void) { return mpi_size; }

void fsq__mpi_abort(int code)
{
    if (mpi_on)
        MPI_Abort(MPI_COMM_WORLD, code);
    exit(code);
}

/* Blocks a rank may have in flight to rank 0 (MPI_Isend) before it waits:
 * rank 0 takes blocks in order, so without them a rank would stall in a
 * send until rank 0 reaches that block. */
#define INFLIGHT 8

struct fsq__robust_mpi {
    fsq_robust_piece_sink sink;
    MPI_Request req[INFLIGHT];
    unsigned char *buf[INFLIGHT];
    size_t bufcap[INFLIGHT];
    int nreq;
    fsq_robust_merge *merge;
    const char *identity, *out_path;
    size_t next_block;          /* rank 0: next block to merge */
    unsigned char *msg;
    size_t msgcap;
    int header_done;
};

static int grow(fsq__robust_mpi *m, size_t need)
{
    if (need <= m->msgcap)
        return 0;
    unsigned char *p = realloc(m->msg, need);
    if (!p)
        return fsq__nomem();
    m->msg = p;
    m->msgcap = need;
    return 0;
}

/* Rank j > 0: a piece to rank 0. */
static int send_piece(void *ctx, const fsq_robust_run *run, const fsq_robust_piece *p)
{
    fsq__robust_mpi *m = ctx;
    (void)run;
    const char *fail = getenv("FSQCA_TEST_FAIL_RANK"); /* tests: a failing rank */
    if (fail && atoi(fail) == mpi_rank)
        return fsq__error(FSQ_EINPUT, "rank %d: failure injected by FSQCA_TEST_FAIL_RANK",
                          mpi_rank);
    size_t nd = p->nts ? 2 * p->ncases : 0, len = 40 + p->len + 8 * nd;
    if (len > INT32_MAX)
        return fsq__error(FSQ_ELIMIT, "a block of %zu bytes is too large for one message", len);
    int k = m->nreq;
    if (k == INFLIGHT)
        MPI_Waitany(INFLIGHT, m->req, &k, MPI_STATUS_IGNORE);
    else
        m->nreq++;
    if (len > m->bufcap[k]) {
        unsigned char *b = realloc(m->buf[k], len);
        if (!b)
            return fsq__nomem();
        m->buf[k] = b;
        m->bufcap[k] = len;
    }
    unsigned char *msg = m->buf[k];
    uint64_t head[5] = {p->lo, p->hi, p->len, p->nts, p->ncases};
    memcpy(msg, head, 40);
    memcpy(msg + 40, p->lines, p->len);
    if (nd) {
        memcpy(msg + 40 + p->len, p->ts_min, 8 * p->ncases);
        memcpy(msg + 40 + p->len + 8 * p->ncases, p->ts_max, 8 * p->ncases);
    }
    MPI_Isend(msg, (int)len, MPI_BYTE, 0, TAG_PIECE, MPI_COMM_WORLD, &m->req[k]);
    return 0;
}

static void send_done(int rc)
{
    char buf[600];
    int n = snprintf(buf, sizeof buf, "%d %s", rc, rc ? fsq_last_error() : "");
    MPI_Send(buf, n + 1, MPI_CHAR, 0, TAG_DONE, MPI_COMM_WORLD);
}

static int ensure_header(fsq__robust_mpi *m, const fsq_robust_run *run)
{
    if (m->header_done)
        return 0;
    char *h = NULL;
    size_t len = 0;
    int rc = fsq_robust_run_stream_header(run, m->identity, &h, &len);
    if (!rc)
        rc = fsq_robust_merge_header(m->merge, h, len, "rank 0");
    free(h);
    m->header_done = !rc;
    return rc;
}

/* Rank 0: receives block b from its rank and merges it. */
static int recv_block(fsq__robust_mpi *m, size_t b)
{
    int src = (int)(b % (size_t)mpi_size), count;
    MPI_Status st;
    MPI_Probe(src, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    MPI_Get_count(&st, MPI_BYTE, &count);
    int rc = grow(m, (size_t)count + 1);
    if (rc)
        return rc;
    MPI_Recv(m->msg, count, MPI_BYTE, src, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    char name[32];
    snprintf(name, sizeof name, "rank %d", src);
    if (st.MPI_TAG == TAG_DONE) {
        m->msg[count] = '\0';
        int code = atoi((char *)m->msg);
        const char *msg = strchr((char *)m->msg, ' ');
        return fsq__error(code ? code : FSQ_EINPUT, "%s: %s", name,
                          code ? (msg ? msg + 1 : "") : "ended before sending all its blocks");
    }
    uint64_t head[5];
    memcpy(head, m->msg, 40);
    fsq_robust_piece p = {(size_t)head[0], (size_t)head[1], (const char *)m->msg + 40,
                          (size_t)head[2], (size_t)head[3], (size_t)head[4], NULL, NULL};
    double *ts = NULL;
    if (p.nts) {
        if (!(ts = malloc(16 * (p.ncases ? p.ncases : 1))))
            return fsq__nomem();
        memcpy(ts, m->msg + 40 + p.len, 16 * p.ncases);
        p.ts_min = ts;
        p.ts_max = ts + p.ncases;
    }
    rc = fsq_robust_merge_piece(m->merge, &p, name);
    free(ts);
    return rc;
}

/* Rank 0's own pieces: first every earlier block of the other ranks. */
static int own_piece(void *ctx, const fsq_robust_run *run, const fsq_robust_piece *p)
{
    fsq__robust_mpi *m = ctx;
    size_t B = fsq_robust_block_size(fsq_robust_run_nreplicates(run)), b = p->lo / B;
    int rc = ensure_header(m, run);
    while (!rc && m->next_block < b)
        rc = recv_block(m, m->next_block++);
    /* Under MPI every piece is a whole block (no shard, no resume). */
    if (!rc && !(rc = fsq_robust_merge_piece(m->merge, p, "rank 0")))
        m->next_block = b + 1;
    return rc;
}

int fsq__robust_mpi_setup(fsq__robust_mpi **out, fsq_robust_options *o, const char *identity,
                          const char *out_path)
{
    fsq__robust_mpi *m = calloc(1, sizeof *m);
    *out = m;
    if (!m)
        return fsq__nomem();
    m->identity = identity;
    m->out_path = out_path;
    o->block_stride = (size_t)mpi_size;
    o->block_offset = (size_t)mpi_rank;
    m->sink.ctx = m;
    m->sink.fn = mpi_rank == 0 ? own_piece : send_piece;
    o->sink = &m->sink;
    if (mpi_rank == 0)
        return fsq_robust_merge_new(&m->merge, out_path, 0);
    return 0;
}

int fsq__robust_mpi_finish(fsq__robust_mpi *m, fsq_robust_run **run, int rc)
{
    if (mpi_rank > 0) {
        MPI_Waitall(m->nreq, m->req, MPI_STATUSES_IGNORE);
        m->nreq = 0;
        send_done(rc);
        return rc;
    }
    fsq_robust_run *merged = NULL;
    if (!rc) {
        size_t nrep = fsq_robust_run_nreplicates(*run), B = fsq_robust_block_size(nrep);
        size_t nblocks = (nrep + B - 1) / B;
        rc = ensure_header(m, *run);
        while (!rc && m->next_block < nblocks)
            rc = recv_block(m, m->next_block++);
        /* Every other rank's DONE (its status, 0 after all its blocks). */
        for (int src = 1; !rc && src < mpi_size; src++) {
            char buf[600];
            MPI_Status st;
            MPI_Recv(buf, sizeof buf, MPI_CHAR, src, TAG_DONE, MPI_COMM_WORLD, &st);
            buf[sizeof buf - 1] = '\0';
            if (atoi(buf))
                rc = fsq__error(atoi(buf), "rank %d: %s", src, strchr(buf, ' ') + 1);
        }
        if (!rc)
            rc = fsq_robust_merge_finish(m->merge, &merged);
    }
    if (rc) {
        /* The usual message and exit status, then every rank ends; the
         * merge's temporary file goes first: no partial output. */
        fsq_robust_merge_free(m->merge);
        m->merge = NULL;
        int status = fsq__cli_fail("robust", rc);
        fflush(stderr);
        fsq__mpi_abort(status);
    }
    fsq_robust_run_free(*run);
    *run = merged;
    return 0;
}

void fsq__robust_mpi_free(fsq__robust_mpi *m)
{
    if (!m)
        return;
    fsq_robust_merge_free(m->merge);
    free(m->msg);
    for (int k = 0; k < INFLIGHT; k++)
        free(m->buf[k]);
    free(m);
}

int fsq__robust_mpi_permutations(const fsq_tt *tt, size_t permutations, uint64_t seed,
                                 int threads, double *p, double *p_holm)
{
    if (mpi_size <= 1 || permutations == 0)
        return fsq_tt_permutation_test(tt, permutations, seed, threads, p, p_holm);
    size_t nrows = fsq_tt_nrows(tt), R = (size_t)mpi_size, j = (size_t)mpi_rank;
    size_t lo = (size_t)((uint64_t)permutations * j / R);
    size_t hi = (size_t)((uint64_t)permutations * (j + 1) / R);
    size_t *count = calloc(nrows ? nrows : 1, sizeof *count);
    unsigned long long *mine = calloc(nrows + 1, sizeof *mine), *sum = calloc(nrows + 1, sizeof *sum);
    int rc = !count || !mine || !sum ? FSQ_ENOMEM
                                     : fsq_tt_permutation_counts(tt, lo, hi, seed, threads, count);
    /* The last slot carries a failure, so every rank learns of it. */
    for (size_t r = 0; count && mine && r < nrows; r++)
        mine[r] = count[r];
    if (mine)
        mine[nrows] = rc != 0;
    if (mine && sum)
        MPI_Allreduce(mine, sum, (int)nrows + 1, MPI_UNSIGNED_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
    if (!rc && sum && sum[nrows])
        rc = fsq__error(FSQ_ENOMEM, "a rank ran out of memory in the permutation test");
    if (!rc) {
        for (size_t r = 0; r < nrows; r++)
            count[r] = (size_t)sum[r];
        fsq_tt_permutation_pvalues(tt, count, permutations, p, p_holm);
    }
    free(count);
    free(mine);
    free(sum);
    return rc;
}

#else /* one process */

int fsq__robust_mpi_permutations(const fsq_tt *tt, size_t permutations, uint64_t seed,
                                 int threads, double *p, double *p_holm)
{
    return fsq_tt_permutation_test(tt, permutations, seed, threads, p, p_holm);
}


int fsq__mpi_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

void fsq__mpi_finalize(void) {}

int fsq__mpi_rank(void) { return 0; }

int fsq__mpi_size(void) { return 1; }

void fsq__mpi_abort(int code) { exit(code); }

int fsq__robust_mpi_setup(fsq__robust_mpi **out, fsq_robust_options *o, const char *identity,
                          const char *out_path)
{
    (void)o;
    (void)identity;
    (void)out_path;
    *out = NULL;
    return fsq__error(FSQ_EUNSUPPORTED, "this fsqca was built without MPI");
}

int fsq__robust_mpi_finish(fsq__robust_mpi *m, fsq_robust_run **run, int rc)
{
    (void)m;
    (void)run;
    return rc;
}

void fsq__robust_mpi_free(fsq__robust_mpi *m) { (void)m; }

#endif
