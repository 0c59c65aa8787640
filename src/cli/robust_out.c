/* fsqca robust's batch-job plumbing: the identity of a run (data checksum
 * and options) written into its stream header, --shard and --resume,
 * SIGTERM / SIGINT turned into a clean stop with a resumable prefix, and
 * the end of a run: the partial file renamed (or, after a resume, merged
 * into the canonical layout), or the ranks of an MPI job gathered. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/robust_out.h"
#include "common/buf.h"
#include "common/error.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static int should_stop(void *ctx)
{
    (void)ctx;
    return stop_requested != 0;
}

void fsq__robust_out_init(fsq__robust_out *s) { memset(s, 0, sizeof *s); }

void fsq__robust_out_free(fsq__robust_out *s)
{
    free(s->partial);
    free(s->identity);
    fsq__robust_mpi_free(s->mpi);
    memset(s, 0, sizeof *s);
}

int fsq__robust_out_option(fsq__robust_out *s, const char *name, const char *arg)
{
    if (strcmp(name, "--resume") == 0) {
        s->resume = 1;
        return 1;
    }
    char *end;
    unsigned long long i = strtoull(arg, &end, 10), n = 0;
    int ok = end != arg && *end == '/' && arg[0] != '-';
    if (ok) {
        const char *q = end + 1;
        n = strtoull(q, &end, 10);
        ok = end != q && !*end && *q != '-' && i >= 1 && i <= n;
    }
    if (!ok)
        return fsq__cli_usage_error("robust", "--shard expects I/N with 1 <= I <= N, got \"%s\"",
                                    arg) ? -1 : -1;
    s->shard = (size_t)i;
    s->nshards = (size_t)n;
    return 1;
}

/* FNV-1a of the data file's bytes: the "data checksum" of the identity. */
static int file_hash(const char *path, uint64_t *h)
{
    FILE *f = fopen(path, "rb");
    unsigned char buf[65536];
    size_t n;
    *h = UINT64_C(0xcbf29ce484222325);
    if (!f)
        return -1;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (size_t i = 0; i < n; i++) {
            *h ^= buf[i];
            *h *= UINT64_C(0x100000001b3);
        }
    fclose(f);
    return 0;
}

/* The options that do not change the replicates' lines are left out of the
 * identity: output, threads, progress, shard and resume, the summary's
 * form (--json, --output, --protocol), and the data path (its bytes count). */
static char *identity(const fsq__cli_common *c, int argc, char **argv, const char *group)
{
    static const char *const with_value[] = {"--out", "--shard", "--threads", "--output"};
    static const char *const flags[] = {"--resume", "--quiet", "--json", "--protocol"};
    fsq__buf b = FSQ__BUF_INIT;
    uint64_t h;
    if (file_hash(c->data_path, &h))
        h = 0;
    fsq__buf_printf(&b, "data=%016llx args=", (unsigned long long)h);
    for (int i = 1; i < argc; i++) {
        int skip = c->data_path && strcmp(argv[i], c->data_path) == 0;
        for (size_t k = 0; !skip && k < sizeof with_value / sizeof *with_value; k++) {
            size_t n = strlen(with_value[k]);
            if (strcmp(argv[i], with_value[k]) == 0)
                skip = 2;
            else if (strncmp(argv[i], with_value[k], n) == 0 && argv[i][n] == '=')
                skip = 1;
        }
        for (size_t k = 0; !skip && k < sizeof flags / sizeof *flags; k++)
            skip = strcmp(argv[i], flags[k]) == 0;
        if (skip == 2)
            i++;
        if (!skip)
            fsq__buf_printf(&b, " %s", argv[i]);
    }
    if (group) {
        fsq__buf_puts(&b, " by-group=");
        fsq__buf_puts(&b, group);
    }
    if (fsq__buf_ok(&b)) {
        fsq__buf_free(&b);
        return NULL;
    }
    return fsq__buf_detach(&b, NULL);
}

int fsq__robust_out_setup(fsq__robust_out *s, fsq_robust_options *o, const fsq__cli_common *c,
                          int argc, char **argv)
{
    o->keep = 0; /* the CLI never asks for a replicate after the run */
    if ((s->nshards || s->resume) && !s->out_path)
        return fsq__cli_usage_error("robust", "--shard and --resume need --out FILE");
    if (!(s->identity = identity(c, argc, argv, s->group)))
        return fsq__cli_fail("robust", FSQ_ENOMEM);
    if (fsq__mpi_size() > 1) {
        if (s->nshards || s->resume)
            return fsq__cli_usage_error("robust", "--shard and --resume are for runs without "
                                        "mpirun (a job array); under mpirun the ranks share "
                                        "the whole run");
        int rc = fsq__robust_mpi_setup(&s->mpi, o, s->identity, s->out_path);
        return rc ? fsq__cli_fail("robust", rc) : 0;
    }
    o->shard = s->shard;
    o->nshards = s->nshards;
    if (s->out_path) {
        size_t n = strlen(s->out_path) + 9;
        if (!(s->partial = malloc(n)))
            return fsq__cli_fail("robust", FSQ_ENOMEM);
        snprintf(s->partial, n, "%s.partial", s->out_path);
        o->stream_path = s->partial;
        o->stream_identity = s->identity;
        o->resume = s->resume;
        o->stop = should_stop;
        signal(SIGTERM, on_signal);
        signal(SIGINT, on_signal);
    }
    return 0;
}

int fsq__robust_out_prints(const fsq__robust_out *s) { return fsq__mpi_rank() == 0 || !s->mpi; }

int fsq__robust_out_finish(fsq__robust_out *s, fsq_robust_run **run, int rc)
{
    if (s->mpi)
        return fsq__robust_mpi_finish(s->mpi, run, rc);
    if (!rc && !s->quiet)
        fprintf(stderr, "fsqca robust: %zu minimizations reused (depends on threads and cache "
                "limits)\n", fsq_robust_run_nreused(*run));
    if (!s->partial)
        return rc;
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    if (rc) {
        /* Stopped: the partial file is the resumable prefix. Failed: a
         * resume would fail the same way, so nothing is left. */
        if (!stop_requested)
            remove(s->partial);
        return rc;
    }
    size_t lo, hi, from;
    fsq_robust_run_range(*run, &lo, &hi, &from);
    if (s->nshards || from == lo) {
        /* One uninterrupted pass writes the final layout directly. */
        s->shard_note = s->nshards != 0;
        if (rename(s->partial, s->out_path) != 0)
            return fsq__error(FSQ_EIO, "%s: cannot rename to %s", s->partial, s->out_path);
        return 0;
    }
    /* A resumed run: pieces cut at the interruption are re-blocked. */
    fsq_robust_merge *m = NULL;
    fsq_robust_run *merged = NULL;
    if (!(rc = fsq_robust_merge_new(&m, s->out_path, 0)) &&
        !(rc = fsq_robust_merge_file(m, s->partial)) && !(rc = fsq_robust_merge_finish(m, &merged))) {
        fsq_robust_run_free(*run);
        *run = merged;
        remove(s->partial);
    }
    fsq_robust_merge_free(m);
    return rc;
}

int fsq__robust_out_shard_note(const fsq__robust_out *s, const fsq__cli_common *c,
                               const fsq_robust_run *run)
{
    size_t lo, hi, from;
    fsq__buf b = FSQ__BUF_INIT;
    fsq_robust_run_range(run, &lo, &hi, &from);
    if (c->json)
        fsq__buf_printf(&b, "{\"shard\": %zu, \"shards\": %zu, \"first\": %zu, \"end\": %zu, "
                        "\"replicates\": %zu, \"out\": \"%s\"}\n", s->shard, s->nshards, lo, hi,
                        fsq_robust_run_nreplicates(run), s->out_path);
    else
        fsq__buf_printf(&b, "Shard %zu of %zu: replicates [%zu, %zu) of %zu written to %s.\n"
                        "Join the %zu parts with: fsqca merge --out ALL.jsonl.zst PART...\n",
                        s->shard, s->nshards, lo, hi, fsq_robust_run_nreplicates(run),
                        s->out_path, s->nshards);
    int status = fsq__buf_ok(&b) ? fsq__cli_fail("robust", FSQ_ENOMEM) : fsq__cli_emit(c, b.data, b.len);
    fsq__buf_free(&b);
    return status;
}
