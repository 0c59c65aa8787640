/* fsqca merge: the parts of a sharded `fsqca robust --shard I/N` run
 * joined into the stream and summary one run would have written. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/robust_out.h"

static const char usage[] =
    "Usage: fsqca merge --out ALL.jsonl.zst PART... [--json] [--protocol] [--output FILE]\n"
    "\n"
    "Joins the N parts written by `fsqca robust ... --shard I/N --out PART` (any\n"
    "order) into ALL.jsonl.zst, byte for byte the stream one `fsqca robust` run\n"
    "writes, and prints the run's summary, as fsqca robust would. The parts must\n"
    "come from the same data (checksum), options, seed and N, and every shard\n"
    "1..N must be there exactly once and complete; a missing, repeated, foreign\n"
    "or incomplete part is an error that names it (exit status 2). Nothing is\n"
    "written then.\n"
    "\n"
    "  --out FILE            the merged stream (written atomically)\n"
    "  --json                the summary as JSON\n"
    "  --protocol            add the robustness protocol\n"
    "  --output FILE         write the summary to FILE instead of standard output\n"
    "  --quiet               accepted for symmetry with fsqca robust\n"
    "  --help                this text\n";

typedef struct {
    const char *path;
    fsq_robust_stream_info info;
} part;

static int by_start(const void *a, const void *b)
{
    const part *x = a, *y = b;
    if (x->info.lo != y->info.lo)
        return x->info.lo < y->info.lo ? -1 : 1;
    return x->info.shard < y->info.shard ? -1 : x->info.shard > y->info.shard;
}

int fsq__cli_merge(int argc, char **argv)
{
    enum { M_OUT = 1, M_JSON, M_PROTOCOL, M_OUTPUT, M_QUIET, M_HELP };
    static const struct option longopts[] = {
        {"out", required_argument, NULL, M_OUT},     {"json", no_argument, NULL, M_JSON},
        {"protocol", no_argument, NULL, M_PROTOCOL}, {"output", required_argument, NULL, M_OUTPUT},
        {"quiet", no_argument, NULL, M_QUIET},       {"help", no_argument, NULL, M_HELP},
        {NULL, 0, NULL, 0}};
    fsq__cli_common c;
    fsq__cli_common_init(&c, "merge");
    const char *out = NULL;
    int protocol = 0, opt, status = 0, rc;
    part *parts = NULL;
    fsq_robust_merge *m = NULL;
    fsq_robust_run *run = NULL;
    optind = 1;
    while ((opt = fsq__cli_getopt("merge", argc, argv, "", longopts)) != -1) {
        switch (opt) {
        case M_OUT: out = optarg; break;
        case M_JSON: c.json = 1; break;
        case M_PROTOCOL: protocol = 1; break;
        case M_OUTPUT: c.output = optarg; break;
        case M_QUIET: break;
        case M_HELP:
            fputs(usage, stdout);
            goto done;
        default: /* '?': fsq__cli_getopt has said why */
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }
    size_t nparts = (size_t)(argc - optind);
    if (!out || nparts == 0) {
        status = fsq__cli_usage_error("merge", "give --out FILE and at least one part");
        goto done;
    }
    if (!(parts = calloc(nparts, sizeof *parts))) {
        status = fsq__cli_fail("merge", FSQ_ENOMEM);
        goto done;
    }
    for (size_t i = 0; i < nparts; i++) {
        parts[i].path = argv[optind + (int)i];
        if ((rc = fsq_robust_stream_info_read(parts[i].path, &parts[i].info))) {
            status = fsq__cli_fail("merge", rc);
            goto done;
        }
        if (!parts[i].info.complete) {
            status = fsq__cli_error("merge", "%s: incomplete: holds replicates [%zu, %zu) of its "
                                    "shard's [%zu, %zu) (run that shard again with --resume)",
                                    parts[i].path, parts[i].info.lo, parts[i].info.covered,
                                    parts[i].info.lo, parts[i].info.hi);
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }
    /* Every shard 1..N once, N the same everywhere. */
    size_t N = parts[0].info.nshards;
    unsigned char *seen = calloc(N + 1, 1);
    if (!seen) {
        status = fsq__cli_fail("merge", FSQ_ENOMEM);
        goto done;
    }
    for (size_t i = 0; i < nparts && !status; i++) {
        const fsq_robust_stream_info *f = &parts[i].info;
        if (f->nshards != N)
            status = fsq__cli_usage_error("merge", "%s is shard %zu of %zu, %s of %zu: parts of "
                                          "different splits", parts[i].path, f->shard, f->nshards,
                                          parts[0].path, N);
        else if (seen[f->shard]++)
            status = fsq__cli_usage_error("merge", "%s: shard %zu of %zu given twice",
                                          parts[i].path, f->shard, N);
    }
    for (size_t s = 1; s <= N && !status; s++)
        if (!seen[s])
            status = fsq__cli_usage_error("merge", "shard %zu of %zu is missing (%zu part%s "
                                          "given)", s, N, nparts, nparts == 1 ? "" : "s");
    free(seen);
    if (status)
        goto done;
    qsort(parts, nparts, sizeof *parts, by_start);
    if ((rc = fsq_robust_merge_new(&m, out, 0))) {
        status = fsq__cli_fail("merge", rc);
        goto done;
    }
    for (size_t i = 0; i < nparts && !status; i++)
        if ((rc = fsq_robust_merge_file(m, parts[i].path)))
            status = fsq__cli_fail("merge", rc);
    if (!status && (rc = fsq_robust_merge_finish(m, &run)))
        status = fsq__cli_fail("merge", rc);
    if (!status)
        status = fsq__cli_robust_report(&c, run, protocol, NULL);
done:
    fsq_robust_merge_free(m);
    fsq_robust_run_free(run);
    free(parts);
    fsq__cli_common_free(&c);
    return status;
}
