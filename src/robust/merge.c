/* The merge of robustness stream files: one whole run's file and summary
 * rebuilt from its pieces (shards, resumed parts) in replicate order, the
 * lines re-blocked exactly as one run blocks them (see stream.c for the
 * layout). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zstd.h>

#include "common/buf.h"
#include "common/error.h"
#include "robust/engine.h"
#include "robust/stream.h"

struct fsq_robust_merge {
    char *out_path, *tmp_path;
    FILE *f;
    ZSTD_CCtx *cctx;
    fsq__buf cbuf;
    fsq__rob_hdr h;                  /* of the first part: the run */
    char *common;
    size_t pos;                /* next replicate expected */
    fsq__buf block;            /* lines of the block being rebuilt */
    size_t block_lo, bnts;
    double *bmin, *bmax;
    fsq__rob_parsed parsed;
    char **texts;
    size_t ntexts_cap;
    char *first_name;          /* where the first header came from */
};

int fsq_robust_merge_new(fsq_robust_merge **out, const char *out_path, int zstd_level)
{
    fsq_robust_merge *m = calloc(1, sizeof *m);
    *out = NULL;
    if (!m || !(m->cctx = fsq__rob_new_cctx(zstd_level)))
        goto nomem;
    if (out_path) {
        size_t n = strlen(out_path) + 32;
        if (!(m->out_path = strdup(out_path)) || !(m->tmp_path = malloc(n)))
            goto nomem;
        snprintf(m->tmp_path, n, "%s.tmp.%ld", out_path, (long)getpid());
        if (!(m->f = fopen(m->tmp_path, "wb"))) {
            int rc = fsq__error(FSQ_EIO, "%s: cannot create: %s", out_path, strerror(errno));
            fsq_robust_merge_free(m);
            return rc;
        }
    }
    *out = m;
    return 0;
nomem:
    fsq_robust_merge_free(m);
    return fsq__nomem();
}

void fsq_robust_merge_free(fsq_robust_merge *m)
{
    if (!m)
        return;
    if (m->f) {
        fclose(m->f);
        remove(m->tmp_path);
    }
    free(m->out_path);
    free(m->tmp_path);
    ZSTD_freeCCtx(m->cctx);
    fsq__buf_free(&m->cbuf);
    fsq__rob_hdr_free(&m->h);
    free(m->common);
    fsq__buf_free(&m->block);
    free(m->bmin);
    free(m->bmax);
    fsq__buf_free(&m->parsed.texts);
    fsq__buf_free(&m->parsed.skipped);
    free(m->texts);
    free(m->first_name);
    free(m);
}

int fsq_robust_merge_header(fsq_robust_merge *m, const char *text, size_t len, const char *name)
{
    fsq__rob_hdr h;
    int rc = fsq__rob_hdr_parse(text, len, name, &h);
    if (rc)
        return rc;
    if (m->h.run) {
        int same = h.common_len == strlen(m->common) && memcmp(text, m->common, h.common_len) == 0;
        size_t nshards = h.nshards;
        int same_n = nshards == m->h.nshards;
        fsq__rob_hdr_free(&h);
        if (!same)
            return fsq__error(FSQ_EINPUT, "%s: not a part of the same run as %s (data, options, "
                              "seed or replicate count differ)", name, m->first_name);
        if (!same_n)
            return fsq__error(FSQ_EINPUT, "%s: a shard of %zu parts, %s of %zu", name, nshards,
                              m->first_name, m->h.nshards);
        return 0;
    }
    m->h = h;
    if (!(m->first_name = strdup(name)))
        return fsq__nomem();
    size_t nc = h.run->ncases ? h.run->ncases : 1;
    if (!(m->common = strndup(text, h.common_len)) || !(m->bmin = malloc(nc * sizeof *m->bmin)) ||
        !(m->bmax = malloc(nc * sizeof *m->bmax)))
        return fsq__nomem();
    if (m->f) {
        fsq__buf hb = FSQ__BUF_INIT;
        if (!(rc = fsq__rob_header(h.run, h.identity, 0, h.run->nrep, 1, 1, &hb)))
            rc = fsq__rob_write_header_frame(m->f, hb.data, hb.len, m->out_path);
        fsq__buf_free(&hb);
    }
    return rc;
}

static int flush_block(fsq_robust_merge *m)
{
    fsq_robust_run *run = m->h.run;
    fsq_robust_piece p = {m->block_lo, m->pos, m->block.data ? m->block.data : "", m->block.len,
                          m->bnts, run->ncases, m->bmin, m->bmax};
    int rc = fsq__buf_ok(&m->block);
    if (!rc && m->f)
        rc = fsq__rob_write_piece(m->f, m->cctx, &m->cbuf, &p, m->out_path);
    m->block.len = 0;
    m->bnts = 0;
    return rc;
}

int fsq_robust_merge_piece(fsq_robust_merge *m, const fsq_robust_piece *p, const char *name)
{
    fsq_robust_run *run = m->h.run;
    int rc;
    if (!run)
        return fsq__error(FSQ_EINPUT, "%s: a piece before any header", name);
    if (p->lo > m->pos)
        return fsq__error(FSQ_EINPUT, "%s: replicates %zu..%zu are missing before it (a part "
                          "not given?)", name, m->pos, p->lo - 1);
    if (p->lo < m->pos)
        return fsq__error(FSQ_EINPUT, "%s: replicate %zu comes twice (a part given twice?)", name,
                          p->lo);
    size_t F = run->block;
    if (p->hi > run->nrep || (p->hi > p->lo && p->lo / F != (p->hi - 1) / F) ||
        p->ncases != run->ncases)
        return fsq__error(FSQ_EINPUT, "%s: piece %zu..%zu does not fit the run", name, p->lo,
                          p->hi);
    const char *s = p->lines, *end = p->lines + p->len;
    for (size_t r = p->lo; r < p->hi; r++) {
        const char *nl = s < end ? memchr(s, '\n', (size_t)(end - s)) : NULL;
        if (!nl)
            return fsq__error(FSQ_EINPUT, "%s: piece %zu..%zu has too few lines", name, p->lo,
                              p->hi);
        if ((rc = fsq__rob_parse_line(s, (size_t)(nl - s), &m->parsed)))
            return fsq__error(rc, "%s: replicate %zu: %s", name, r, fsq_last_error());
        if (m->parsed.replicate != r)
            return fsq__error(FSQ_EINPUT, "%s: line of replicate %zu where %zu was due", name,
                              m->parsed.replicate, r);
        if (m->parsed.nsol > m->ntexts_cap) {
            char **t = realloc(m->texts, m->parsed.nsol * sizeof *t);
            if (!t)
                return fsq__nomem();
            m->texts = t;
            m->ntexts_cap = m->parsed.nsol;
        }
        char *q = m->parsed.texts.data;
        for (size_t i = 0; i < m->parsed.nsol; i++) {
            m->texts[i] = q;
            q += strlen(q) + 1;
        }
        if ((rc = fsq__rob_acc_add(run, r, m->parsed.nsol, m->texts, m->parsed.fit0,
                                    m->parsed.has_skipped ? m->parsed.skipped.data : NULL)))
            return rc;
        s = nl + 1;
    }
    if (s != end)
        return fsq__error(FSQ_EINPUT, "%s: piece %zu..%zu has too many lines", name, p->lo, p->hi);
    if (p->nts && p->ts_min) {
        fsq__rob_ts_fold(run->acc.ts_min, run->acc.ts_max, &run->acc.nts, p->ts_min, p->ts_max,
                         p->nts, run->ncases);
        fsq__rob_ts_fold(m->bmin, m->bmax, &m->bnts, p->ts_min, p->ts_max, p->nts, run->ncases);
    }
    if (m->block.len == 0)
        m->block_lo = p->lo;
    fsq__buf_append(&m->block, p->lines, p->len);
    m->pos = p->hi;
    if (m->pos > m->block_lo && (m->pos % F == 0 || m->pos == run->nrep))
        return flush_block(m);
    return fsq__buf_ok(&m->block);
}

int fsq_robust_merge_file(fsq_robust_merge *m, const char *path)
{
    fsq__rob_reader r;
    fsq_robust_piece p;
    int rc, more;
    if ((rc = fsq__rob_reader_open(&r, path)))
        return rc;
    fsq__rob_hdr h;
    if ((rc = fsq__rob_hdr_parse(r.header, r.header_len, path, &h)))
        goto done;
    size_t lo = h.lo, hi = h.hi;
    fsq__rob_hdr_free(&h);
    if ((rc = fsq_robust_merge_header(m, r.header, r.header_len, path)))
        goto done;
    if (lo != m->pos) {
        rc = fsq__error(FSQ_EINPUT, lo > m->pos ? "%s starts at replicate %zu: replicates "
                        "%zu.. are missing (a part not given?)" : "%s starts at replicate %zu, "
                        "already merged up to %zu (a part given twice?)", path, lo, m->pos);
        goto done;
    }
    while ((more = fsq__rob_reader_next(&r, &p)) == 1)
        if ((rc = fsq_robust_merge_piece(m, &p, path)))
            goto done;
    if (more < 0) {
        rc = more;
        goto done;
    }
    if (m->pos != hi)
        rc = fsq__error(FSQ_EINPUT, "%s: holds replicates %zu..%zu of its range %zu..%zu: an "
                        "incomplete part (run it again with --resume)", path, lo, m->pos, lo, hi);
done:
    fsq__rob_reader_close(&r);
    return rc;
}

int fsq_robust_merge_finish(fsq_robust_merge *m, fsq_robust_run **out)
{
    fsq_robust_run *run = m->h.run;
    int rc;
    *out = NULL;
    if (!run)
        return fsq__error(FSQ_EINPUT, "nothing to merge");
    if (m->pos != run->nrep)
        return fsq__error(FSQ_EINPUT, "replicates %zu..%zu of %zu are missing (a part not "
                          "given, or the last part incomplete)", m->pos, run->nrep - 1, run->nrep);
    if (m->block.len && (rc = flush_block(m)))
        return rc;
    if (m->f) {
        int ok = fclose(m->f) == 0;
        m->f = NULL;
        if (!ok || rename(m->tmp_path, m->out_path) != 0) {
            rc = fsq__error(FSQ_EIO, "%s: cannot write: %s", m->out_path, strerror(errno));
            remove(m->tmp_path);
            return rc;
        }
    }
    run->range_lo = 0;
    run->range_hi = run->nrep;
    run->shard = run->nshards = 1;
    if ((rc = fsq__rob_compute_summary(run)))
        return rc;
    *out = run;
    m->h.run = NULL;
    return 0;
}
