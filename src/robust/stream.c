/* Stream files of robustness runs: the header, pieces as they finish (with
 * resume of a prefix), and reading them back (the merge that rebuilds the
 * file and summary of one whole run from pieces in replicate order:
 * merge.c).
 *
 * Layout (fsqca.h, "Streams, shards and merge"): a skippable header frame,
 * then per piece a skippable checkpoint frame (lo, hi, nts, ncases, the
 * compressed size of the next frame, TS_min / TS_max) and the zstd frame
 * of its lines. The checkpoint comes first so a reader knows how much
 * follows; a piece cut short by a crash (checkpoint or frame incomplete)
 * is simply not there, so every prefix of a killed writer is readable.
 * Frames are compressed one-shot (ZSTD_compress2, checksum on) from the
 * piece's bytes, so equal lines at equal level give equal bytes: a merge
 * that re-blocks the lines writes exactly what one run writes. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

#include "common/buf.h"
#include "common/error.h"
#include "robust/engine.h"
#include "robust/stream.h"

#define HEADER_MAGIC UINT32_C(0x184D2A5E)
#define PIECE_MAGIC UINT32_C(0x184D2A5F)
#define PIECE_FIXED 40 /* five 8-byte fields */
#define FORMAT_LINE "fsqca-robust-stream 1\n"

/* Little-endian fields --------------------------------------------------- */

static void put_le(unsigned char *p, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static double bitsd(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* Header ------------------------------------------------------------------ */

static void put_doubles(fsq__buf *b, const char *key, const double *v, size_t n)
{
    fsq__buf_puts(b, key);
    for (size_t i = 0; i < n; i++)
        fsq__buf_printf(b, " %a", v[i]);
    fsq__buf_putc(b, '\n');
}

int fsq__rob_header(const fsq_robust_run *run, const char *identity, size_t lo, size_t hi,
                    size_t shard, size_t nshards, fsq__buf *b)
{
    fsq__buf_puts(b, FORMAT_LINE);
    fsq__buf_puts(b, "identity ");
    for (const char *p = identity ? identity : ""; *p; p++)
        fsq__buf_putc(b, *p == '\n' ? ' ' : *p);
    fsq__buf_printf(b, "\nreplicates %zu\nblock %zu\nscheme %d\nseed %llu\nsubsample %zu\n"
                    "leave_out %zu\nncases %zu\ninitial %zu\n",
                    run->nrep, run->block, (int)run->scheme, (unsigned long long)run->seed,
                    run->subsample, run->leave_out, run->ncases, run->is_nsol);
    for (size_t i = 0; i < run->is_nsol; i++)
        fsq__buf_printf(b, "%s\n", run->is_text[i]);
    fsq__buf_printf(b, "axes %zu\n", run->naxes);
    for (size_t a = 0; a < run->naxes; a++) {
        fsq__buf_printf(b, "axis %s\t%a\t%zu\t", run->axis_name[a], run->given[a], run->axis_n[a]);
        put_doubles(b, "values", run->axis_values[a], run->axis_n[a]);
    }
    put_doubles(b, "y", run->y, run->ncases);
    if (run->is_nsol)
        put_doubles(b, "is_mem", run->is_mem, run->ncases);
    /* The case ids, one a line ('\\' and newline escaped), so a merged run
     * names the cases of each protocol class as the run itself does. */
    fsq__buf_puts(b, "case_ids\n");
    for (size_t i = 0; i < run->ncases; i++) {
        for (const char *q = run->case_ids ? run->case_ids[i] : ""; *q; q++)
            fsq__buf_puts(b, *q == '\\' ? "\\\\" : *q == '\n' ? "\\n" : (char[2]){*q, 0});
        fsq__buf_putc(b, '\n');
    }
    fsq__buf_printf(b, "shard %zu %zu\nrange %zu %zu\n", shard, nshards, lo, hi);
    return fsq__buf_ok(b);
}

int fsq_robust_run_stream_header(const fsq_robust_run *run, const char *identity, char **text,
                                 size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    int rc = fsq__rob_header(run, identity, 0, run->nrep, 1, 1, &b);
    *text = rc ? NULL : fsq__buf_detach(&b, len);
    fsq__buf_free(&b);
    return rc;
}


void fsq__rob_hdr_free(fsq__rob_hdr *h)
{
    fsq_robust_run_free(h->run);
    free(h->identity);
    memset(h, 0, sizeof *h);
}

static int next_line(const char **p, const char *end, const char **line, size_t *n)
{
    if (*p >= end)
        return 0;
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    *line = *p;
    *n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
    *p = nl ? nl + 1 : end;
    return 1;
}

static int read_doubles(const char *s, const char *key, double *v, size_t n)
{
    size_t kl = strlen(key);
    if (strncmp(s, key, kl) != 0)
        return -1;
    char *q = (char *)s + kl;
    for (size_t i = 0; i < n; i++) {
        char *e;
        v[i] = strtod(q, &e);
        if (e == q)
            return -1;
        q = e;
    }
    return 0;
}

int fsq__rob_hdr_parse(const char *text, size_t len, const char *name, fsq__rob_hdr *h)
{
    const char *p = text, *end = text + len, *ln;
    size_t n;
    char *line = NULL;
    int rc = 0;
    memset(h, 0, sizeof *h);
    fsq_robust_run *run = calloc(1, sizeof *run);
    if (!run)
        return fsq__nomem();
    h->run = run;
#define BAD(what)                                                                         \
    do {                                                                                  \
        rc = fsq__error(FSQ_EINPUT, "%s: not an fsqca robust stream header (%s)", name, what); \
        goto done;                                                                        \
    } while (0)
#define LINE()                                                                            \
    do {                                                                                  \
        if (!next_line(&p, end, &ln, &n))                                                 \
            BAD("ends early");                                                            \
        free(line);                                                                       \
        if (!(line = strndup(ln, n))) {                                                   \
            rc = fsq__nomem();                                                            \
            goto done;                                                                    \
        }                                                                                 \
    } while (0)
    if (len < strlen(FORMAT_LINE) || memcmp(text, FORMAT_LINE, strlen(FORMAT_LINE)) != 0)
        BAD("format line");
    LINE();
    LINE();
    if (strncmp(line, "identity ", 9) != 0 || !(h->identity = strdup(line + 9)))
        BAD("identity");
    int scheme = 0;
    unsigned long long seed = 0;
    LINE();
    if (sscanf(line, "replicates %zu", &run->nrep) != 1)
        BAD("replicates");
    LINE();
    if (sscanf(line, "block %zu", &run->block) != 1)
        BAD("block");
    LINE();
    if (sscanf(line, "scheme %d", &scheme) != 1)
        BAD("scheme");
    LINE();
    if (sscanf(line, "seed %llu", &seed) != 1)
        BAD("seed");
    LINE();
    if (sscanf(line, "subsample %zu", &run->subsample) != 1)
        BAD("subsample");
    LINE();
    if (sscanf(line, "leave_out %zu", &run->leave_out) != 1)
        BAD("leave_out");
    LINE();
    /* Counts are bounded by the text that must list them (no allocation
     * beyond the header's own size). */
    if (sscanf(line, "ncases %zu", &run->ncases) != 1 || run->ncases > len)
        BAD("ncases");
    run->scheme = (fsq_robust_scheme)scheme;
    run->seed = seed;
    size_t nis = 0, nc = run->ncases ? run->ncases : 1;
    LINE();
    if (sscanf(line, "initial %zu", &nis) != 1 || nis > 1000000 || nis > len)
        BAD("initial");
    if (!(run->is_text = calloc(nis ? nis : 1, sizeof *run->is_text)) ||
        !(run->is_mem = calloc(nc, sizeof *run->is_mem)) ||
        !(run->y = calloc(nc, sizeof *run->y)) ||
        !(run->acc.ts_min = malloc(nc * sizeof *run->acc.ts_min)) ||
        !(run->acc.ts_max = malloc(nc * sizeof *run->acc.ts_max))) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < nis; i++) {
        LINE();
        run->is_text[i] = line;
        line = NULL;
        run->is_nsol = i + 1;
    }
    LINE();
    if (sscanf(line, "axes %zu", &run->naxes) != 1 || run->naxes > 3)
        BAD("axes");
    for (size_t a = 0; a < run->naxes; a++) {
        LINE();
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL,
             *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
        if (strncmp(line, "axis ", 5) != 0 || !t3)
            BAD("axis");
        *t1 = '\0';
        char **st = realloc(run->share_text, (run->nshare_text + 1) * sizeof *st);
        if (!st) {
            rc = fsq__nomem();
            goto done;
        }
        run->share_text = st;
        if (!(st[run->nshare_text] = strdup(line + 5))) {
            rc = fsq__nomem();
            goto done;
        }
        run->axis_name[a] = st[run->nshare_text++];
        run->given[a] = strtod(t1 + 1, NULL);
        run->axis_n[a] = strtoull(t2 + 1, NULL, 10);
        if (run->axis_n[a] > len)
            BAD("axis values");
        if (!(run->axis_values[a] = malloc((run->axis_n[a] ? run->axis_n[a] : 1) * sizeof(double)))) {
            rc = fsq__nomem();
            goto done;
        }
        if (read_doubles(t3 + 1, "values", run->axis_values[a], run->axis_n[a]))
            BAD("axis values");
    }
    LINE();
    if (read_doubles(line, "y", run->y, run->ncases))
        BAD("y");
    if (nis) {
        LINE();
        if (read_doubles(line, "is_mem", run->is_mem, run->ncases))
            BAD("is_mem");
    }
    LINE();
    if (strcmp(line, "case_ids") != 0)
        BAD("case_ids");
    if (!(run->case_ids = calloc(nc, sizeof *run->case_ids))) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < run->ncases; i++) {
        LINE();
        char *w = line;
        for (const char *q = line; *q; q++)
            *w++ = q[0] == '\\' && q[1] ? (*++q == 'n' ? '\n' : *q) : *q;
        *w = '\0';
        run->case_ids[i] = line;
        line = NULL;
    }
    h->common_len = (size_t)(p - text);
    LINE();
    if (sscanf(line, "shard %zu %zu", &h->shard, &h->nshards) != 2)
        BAD("shard");
    LINE();
    if (sscanf(line, "range %zu %zu", &h->lo, &h->hi) != 2 || h->lo > h->hi || h->hi > run->nrep)
        BAD("range");
    if (run->block != fsq_robust_block_size(run->nrep))
        BAD("block size");
    run->range_lo = h->lo;
    run->range_hi = h->hi;
    run->shard = h->shard;
    run->nshards = h->nshards;
done:
#undef LINE
#undef BAD
    free(line);
    if (rc)
        fsq__rob_hdr_free(h);
    return rc;
}

/* Writing pieces ----------------------------------------------------------- */

static int write_all(FILE *f, const void *p, size_t n, const char *path)
{
    if (n && fwrite(p, 1, n, f) != n)
        return fsq__error(FSQ_EIO, "%s: cannot write: %s", path, strerror(errno));
    return 0;
}

int fsq__rob_write_header_frame(FILE *f, const char *text, size_t len, const char *path)
{
    unsigned char h[8];
    put_le(h, HEADER_MAGIC, 4);
    put_le(h + 4, len, 4);
    int rc = write_all(f, h, 8, path);
    return rc ? rc : write_all(f, text, len, path);
}

ZSTD_CCtx *fsq__rob_new_cctx(int level)
{
    ZSTD_CCtx *c = ZSTD_createCCtx();
    if (c && (ZSTD_isError(ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level ? level : 3)) ||
              ZSTD_isError(ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1)))) {
        ZSTD_freeCCtx(c);
        c = NULL;
    }
    return c;
}

int fsq__rob_write_piece(FILE *f, ZSTD_CCtx *cctx, fsq__buf *cbuf, const fsq_robust_piece *p,
                       const char *path)
{
    size_t bound = ZSTD_compressBound(p->len);
    cbuf->len = 0;
    if (fsq__buf_reserve(cbuf, bound + 1))
        return fsq__nomem();
    size_t csize = ZSTD_compress2(cctx, cbuf->data, bound + 1, p->lines, p->len);
    if (ZSTD_isError(csize))
        return fsq__error(FSQ_EIO, "%s: zstd: %s", path, ZSTD_getErrorName(csize));
    size_t nts = p->nts && p->ts_min ? p->nts : 0;
    size_t plen = PIECE_FIXED + (nts ? 16 * p->ncases : 0);
    unsigned char *h = malloc(8 + plen);
    if (!h)
        return fsq__nomem();
    put_le(h, PIECE_MAGIC, 4);
    put_le(h + 4, plen, 4);
    put_le(h + 8, p->lo, 8);
    put_le(h + 16, p->hi, 8);
    put_le(h + 24, nts, 8);
    put_le(h + 32, p->ncases, 8);
    put_le(h + 40, csize, 8);
    for (size_t i = 0; nts && i < p->ncases; i++) {
        put_le(h + 48 + 8 * i, dbits(p->ts_min[i]), 8);
        put_le(h + 48 + 8 * (p->ncases + i), dbits(p->ts_max[i]), 8);
    }
    int rc = write_all(f, h, 8 + plen, path);
    free(h);
    if (!rc)
        rc = write_all(f, cbuf->data, csize, path);
    if (!rc && fflush(f) != 0)
        rc = fsq__error(FSQ_EIO, "%s: cannot write: %s", path, strerror(errno));
    return rc;
}

/* Reading ------------------------------------------------------------------ */

void fsq__rob_reader_close(fsq__rob_reader *r)
{
    if (r->f)
        fclose(r->f);
    free(r->header);
    ZSTD_freeDCtx(r->dctx);
    free(r->cbuf);
    free(r->pbuf);
    free(r->lines);
    free(r->ts);
    memset(r, 0, sizeof *r);
}

static int grow(void **p, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    void *q = realloc(*p, need);
    if (!q)
        return fsq__nomem();
    *p = q;
    *cap = need;
    return 0;
}

int fsq__rob_reader_open(fsq__rob_reader *r, const char *path)
{
    unsigned char h[8];
    memset(r, 0, sizeof *r);
    r->path = path;
    if (!(r->f = fopen(path, "rb")))
        return fsq__error(FSQ_EIO, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(r->f), &st) != 0 || S_ISDIR(st.st_mode)) {
        int err = errno;
        fsq__rob_reader_close(r);
        return S_ISDIR(st.st_mode) ? fsq__error(FSQ_EIO, "%s: is a directory", path)
                                   : fsq__error(FSQ_EIO, "%s: %s", path, strerror(err));
    }
    r->size = (uint64_t)st.st_size;
    if (fread(h, 1, 8, r->f) != 8 || get_le(h, 4) != HEADER_MAGIC) {
        fsq__rob_reader_close(r);
        return fsq__error(FSQ_EINPUT, "%s: not an fsqca robust stream (no header frame)", path);
    }
    r->header_len = (size_t)get_le(h + 4, 4);
    if (r->header_len > r->size - 8) {
        fsq__rob_reader_close(r);
        return fsq__error(FSQ_EINPUT, "%s: truncated header", path);
    }
    if (!(r->header = malloc(r->header_len + 1)) || !(r->dctx = ZSTD_createDCtx())) {
        fsq__rob_reader_close(r);
        return fsq__nomem();
    }
    if (fread(r->header, 1, r->header_len, r->f) != r->header_len) {
        fsq__rob_reader_close(r);
        return fsq__error(FSQ_EINPUT, "%s: truncated header", path);
    }
    r->header[r->header_len] = '\0';
    r->good_end = (long)(8 + r->header_len);
    return 0;
}

/* The next complete piece into *p (its arrays owned by the reader): 1, or 0
 * at the end (r->truncated if the end cut a piece), or an error. */
int fsq__rob_reader_next(fsq__rob_reader *r, fsq_robust_piece *p)
{
    unsigned char h[8];
    size_t got = fread(h, 1, 8, r->f);
    if (got == 0)
        return 0;
    if (got < 8) {
        r->truncated = 1;
        return 0;
    }
    if (get_le(h, 4) != PIECE_MAGIC)
        return fsq__error(FSQ_EINPUT, "%s: corrupt stream at byte %ld (no piece frame)", r->path,
                          r->good_end);
    size_t plen = (size_t)get_le(h + 4, 4);
    int rc;
    if (plen < PIECE_FIXED)
        return fsq__error(FSQ_EINPUT, "%s: corrupt piece at byte %ld", r->path, r->good_end);
    /* Sizes beyond the end of the file: a piece cut short (never allocated). */
    uint64_t left = r->size - ((uint64_t)r->good_end + 8);
    if (plen > left) {
        r->truncated = 1;
        return 0;
    }
    if ((rc = grow((void **)&r->pbuf, &r->pcap, plen)))
        return rc;
    if (fread(r->pbuf, 1, plen, r->f) != plen) {
        r->truncated = 1;
        return 0;
    }
    p->lo = (size_t)get_le(r->pbuf, 8);
    p->hi = (size_t)get_le(r->pbuf + 8, 8);
    p->nts = (size_t)get_le(r->pbuf + 16, 8);
    p->ncases = (size_t)get_le(r->pbuf + 24, 8);
    size_t csize = (size_t)get_le(r->pbuf + 32, 8);
    if (p->hi < p->lo ||
        (p->nts && ((plen - PIECE_FIXED) % 16 || (plen - PIECE_FIXED) / 16 != p->ncases)))
        return fsq__error(FSQ_EINPUT, "%s: corrupt piece at byte %ld", r->path, r->good_end);
    p->ts_min = p->ts_max = NULL;
    if (p->nts) {
        free(r->ts);
        if (!(r->ts = malloc(2 * (p->ncases ? p->ncases : 1) * sizeof *r->ts)))
            return fsq__nomem();
        for (size_t i = 0; i < 2 * p->ncases; i++)
            r->ts[i] = bitsd(get_le(r->pbuf + PIECE_FIXED + 8 * i, 8));
        p->ts_min = r->ts;
        p->ts_max = r->ts + p->ncases;
    }
    if (csize > left - plen) {
        r->truncated = 1;
        return 0;
    }
    if ((rc = grow((void **)&r->cbuf, &r->ccap, csize ? csize : 1)))
        return rc;
    if (fread(r->cbuf, 1, csize, r->f) != csize) {
        r->truncated = 1;
        return 0;
    }
    /* The size the frame declares, before anything that large is allocated:
     * no zstd frame expands more than 32,768 times (its best block, RLE,
     * holds 128 KiB in 4 bytes), so a larger one is corrupt. */
    unsigned long long content = ZSTD_getFrameContentSize(r->cbuf, csize);
    if (content == ZSTD_CONTENTSIZE_ERROR || content == ZSTD_CONTENTSIZE_UNKNOWN)
        return fsq__error(FSQ_EINPUT, "%s: corrupt zstd frame at byte %ld", r->path, r->good_end);
    if (content > ((size_t)1 << 34) || content > (unsigned long long)csize * 32768)
        return fsq__error(FSQ_EINPUT,
                          "%s: corrupt zstd frame at byte %ld: it declares %llu bytes in %zu",
                          r->path, r->good_end, content, csize);
    if ((rc = grow((void **)&r->lines, &r->lcap, (size_t)content + 1)))
        return rc;
    size_t d = ZSTD_decompressDCtx(r->dctx, r->lines, (size_t)content + 1, r->cbuf, csize);
    if (ZSTD_isError(d) || d != content)
        return fsq__error(FSQ_EINPUT, "%s: corrupt zstd frame at byte %ld: %s", r->path,
                          r->good_end, ZSTD_isError(d) ? ZSTD_getErrorName(d) : "short");
    r->lines[d] = '\0';
    p->lines = r->lines;
    p->len = d;
    r->good_end = ftell(r->f);
    return 1;
}

int fsq_robust_stream_info_read(const char *path, fsq_robust_stream_info *info)
{
    fsq__rob_reader r;
    fsq__rob_hdr h;
    fsq_robust_piece p;
    int rc, more;
    memset(info, 0, sizeof *info);
    if ((rc = fsq__rob_reader_open(&r, path)))
        return rc;
    if ((rc = fsq__rob_hdr_parse(r.header, r.header_len, path, &h))) {
        fsq__rob_reader_close(&r);
        return rc;
    }
    info->nrep = h.run->nrep;
    info->block = h.run->block;
    info->shard = h.shard;
    info->nshards = h.nshards;
    info->lo = h.lo;
    info->hi = h.hi;
    info->covered = h.lo;
    /* A piece past the header's range ends the coverage (as resume does). */
    while ((more = fsq__rob_reader_next(&r, &p)) == 1 && p.lo == info->covered && p.hi <= info->hi)
        info->covered = p.hi;
    rc = more < 0 ? more : 0;
    info->complete = !rc && info->covered == info->hi && !r.truncated;
    fsq__rob_hdr_free(&h);
    fsq__rob_reader_close(&r);
    return rc;
}

/* The engine's stream ------------------------------------------------------ */

struct fsq__rob_stream {
    FILE *f;
    char *path;
    ZSTD_CCtx *cctx;
    fsq__buf cbuf;
};

int fsq__rob_stream_open(fsq__rob_stream **out, fsq_robust_run *run,
                         const fsq_robust_options *o, size_t *start)
{
    fsq__buf hb = FSQ__BUF_INIT;
    fsq__rob_stream *s = calloc(1, sizeof *s);
    int rc;
    *out = NULL;
    *start = run->range_lo;
    if (!s || !(s->path = strdup(o->stream_path)) ||
        !(s->cctx = fsq__rob_new_cctx(o->zstd_level))) {
        rc = fsq__nomem();
        goto fail;
    }
    if ((rc = fsq__rob_header(run, o->stream_identity, run->range_lo, run->range_hi, run->shard,
                              run->nshards, &hb)))
        goto fail;
    fsq__rob_reader r;
    if (o->resume && access(s->path, F_OK) == 0) {
        if ((rc = fsq__rob_reader_open(&r, s->path)))
            goto fail;
        if (r.header_len != hb.len || memcmp(r.header, hb.data, hb.len) != 0) {
            fsq__rob_reader_close(&r);
            rc = fsq__error(FSQ_EINPUT, "%s holds another run (different data, options, shard "
                            "or count): remove it, or run without --resume", s->path);
            goto fail;
        }
        fsq_robust_piece p;
        size_t pos = run->range_lo;
        int more;
        while ((more = fsq__rob_reader_next(&r, &p)) == 1 && p.lo == pos && p.hi <= run->range_hi)
            pos = p.hi;
        long keep = r.good_end;
        fsq__rob_reader_close(&r);
        if (more < 0) {
            rc = more;
            goto fail;
        }
        if (truncate(s->path, keep) != 0 || !(s->f = fopen(s->path, "ab"))) {
            rc = fsq__error(FSQ_EIO, "%s: cannot resume: %s", s->path, strerror(errno));
            goto fail;
        }
        *start = pos;
    } else {
        if (!(s->f = fopen(s->path, "wb"))) {
            rc = fsq__error(FSQ_EIO, "%s: cannot create: %s", s->path, strerror(errno));
            goto fail;
        }
        if ((rc = fsq__rob_write_header_frame(s->f, hb.data, hb.len, s->path)) ||
            (fflush(s->f) != 0 && (rc = fsq__error(FSQ_EIO, "%s: cannot write", s->path))))
            goto fail;
    }
    fsq__buf_free(&hb);
    *out = s;
    return 0;
fail:
    fsq__buf_free(&hb);
    fsq__rob_stream_close(s);
    return rc;
}

int fsq__rob_stream_piece(fsq__rob_stream *s, const fsq_robust_piece *p)
{
    return fsq__rob_write_piece(s->f, s->cctx, &s->cbuf, p, s->path);
}

int fsq__rob_stream_close(fsq__rob_stream *s)
{
    int rc = 0;
    if (!s)
        return 0;
    if (s->f && fclose(s->f) != 0)
        rc = fsq__error(FSQ_EIO, "%s: cannot write: %s", s->path, strerror(errno));
    ZSTD_freeCCtx(s->cctx);
    fsq__buf_free(&s->cbuf);
    free(s->path);
    free(s);
    return rc;
}
