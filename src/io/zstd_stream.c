/* zstd streams: compressing writer (temp file + rename) and whole-file reader.
 *
 * Contract: see zstd_stream.h. Writer invariant: the final path is created
 * only by the rename in fsq__zstd_writer_close after ZSTD_e_end has flushed
 * the whole frame and fclose succeeded; every failure path removes the
 * temporary file. Reader invariant: output is accepted only if the last
 * frame ended exactly at the end of the input.
 * Complexity: linear in the data; memory O(output) for the reader and one
 * ZSTD_CStreamOutSize() buffer (~128 KiB) for the writer. */
#include "io/zstd_stream.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#include "common/buf.h"
#include "common/error.h"
#include "common/file.h"

struct fsq__zstd_writer {
    ZSTD_CCtx *cctx;
    FILE *file;
    char *path;      /* final name */
    char *tmp_path;  /* "path.tmp.PID" */
    void *out;       /* compressed bytes waiting for fwrite */
    size_t out_size;
    uint64_t bytes_in;
    int error;       /* first error code, 0 while healthy */
};

static void writer_free(fsq__zstd_writer *w)
{
    if (!w)
        return;
    if (w->file) {
        fclose(w->file);
        remove(w->tmp_path);
    }
    ZSTD_freeCCtx(w->cctx);
    free(w->out);
    free(w->path);
    free(w->tmp_path);
    free(w);
}

int fsq__zstd_writer_open(fsq__zstd_writer **out, const char *path, int level)
{
    int rc = 0;
    fsq__zstd_writer *w = NULL;
    *out = NULL;
    if (!path || !*path) {
        rc = fsq__error(FSQ_EINPUT, "zstd writer: empty output path");
        goto done;
    }
    w = calloc(1, sizeof *w);
    if (!w) {
        rc = fsq__nomem();
        goto done;
    }
    size_t tmp_len = strlen(path) + 32;
    w->path = strdup(path);
    w->tmp_path = malloc(tmp_len);
    w->out_size = ZSTD_CStreamOutSize();
    w->out = malloc(w->out_size);
    w->cctx = ZSTD_createCCtx();
    if (!w->path || !w->tmp_path || !w->out || !w->cctx) {
        rc = fsq__nomem();
        goto done;
    }
    snprintf(w->tmp_path, tmp_len, "%s.tmp.%ld", path, (long)getpid());
    if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel()) {
        rc = fsq__error(FSQ_EINPUT, "%s: zstd level %d outside %d..%d", path, level,
                        ZSTD_minCLevel(), ZSTD_maxCLevel());
        goto done;
    }
    size_t zr = ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_compressionLevel, level);
    if (!ZSTD_isError(zr))
        zr = ZSTD_CCtx_setParameter(w->cctx, ZSTD_c_checksumFlag, 1);
    if (ZSTD_isError(zr)) {
        rc = fsq__error(FSQ_EINPUT, "%s: zstd: %s", path, ZSTD_getErrorName(zr));
        goto done;
    }
    w->file = fopen(w->tmp_path, "wb");
    if (!w->file) {
        rc = fsq__error(FSQ_EIO, "%s: cannot create: %s", w->tmp_path, strerror(errno));
        goto done;
    }
    *out = w;
    w = NULL;

done:
    writer_free(w);
    return rc;
}

/* Feeds `in` to the compressor with the given directive and writes whatever
 * it produces. For ZSTD_e_end it loops until the frame is complete. */
static int pump(fsq__zstd_writer *w, ZSTD_inBuffer *in, ZSTD_EndDirective mode)
{
    for (;;) {
        ZSTD_outBuffer o = {w->out, w->out_size, 0};
        size_t remaining = ZSTD_compressStream2(w->cctx, &o, in, mode);
        if (ZSTD_isError(remaining))
            return w->error = fsq__error(FSQ_EIO, "%s: zstd compression failed: %s", w->path,
                                         ZSTD_getErrorName(remaining));
        if (o.pos && fwrite(w->out, 1, o.pos, w->file) != o.pos)
            return w->error =
                       fsq__error(FSQ_EIO, "%s: cannot write: %s", w->tmp_path, strerror(errno));
        if (mode == ZSTD_e_end ? remaining == 0 : in->pos == in->size)
            return 0;
    }
}

int fsq__zstd_writer_write(fsq__zstd_writer *w, const void *bytes, size_t len)
{
    if (w->error)
        return fsq__error(w->error, "%s: writing after an earlier error", w->path);
    ZSTD_inBuffer in = {bytes, len, 0};
    int rc = pump(w, &in, ZSTD_e_continue);
    if (!rc)
        w->bytes_in += len;
    return rc;
}

int fsq__zstd_writer_puts(fsq__zstd_writer *w, const char *s)
{
    return fsq__zstd_writer_write(w, s, strlen(s));
}

uint64_t fsq__zstd_writer_bytes_in(const fsq__zstd_writer *w)
{
    return w->bytes_in;
}

int fsq__zstd_writer_close(fsq__zstd_writer *w)
{
    int rc = 0;
    if (!w)
        goto done;
    if (w->error) {
        rc = fsq__error(w->error, "%s: not written because of an earlier error", w->path);
        goto done;
    }
    ZSTD_inBuffer in = {NULL, 0, 0};
    rc = pump(w, &in, ZSTD_e_end);
    if (rc)
        goto done;
    FILE *f = w->file;
    w->file = NULL;  /* closed below whatever happens; writer_free must not */
    if (fclose(f) != 0) {
        rc = fsq__error(FSQ_EIO, "%s: cannot write: %s", w->tmp_path, strerror(errno));
        remove(w->tmp_path);
        goto done;
    }
    if (rename(w->tmp_path, w->path) != 0) {
        rc = fsq__error(FSQ_EIO, "%s: cannot rename %s: %s", w->path, w->tmp_path,
                        strerror(errno));
        remove(w->tmp_path);
        goto done;
    }

done:
    writer_free(w);  /* removes the temporary file if it is still open */
    return rc;
}

void fsq__zstd_writer_abort(fsq__zstd_writer *w)
{
    writer_free(w);
}

/* ------------------------------------------------------------------------- */

int fsq__zstd_is_stream(const void *src, size_t srclen)
{
    if (srclen < 4)
        return 0;
    const unsigned char *p = src;
    uint32_t magic = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                     (uint32_t)p[3] << 24;
    return magic == ZSTD_MAGICNUMBER || (magic & ZSTD_MAGIC_SKIPPABLE_MASK) ==
                                            ZSTD_MAGIC_SKIPPABLE_START;
}

/* Decompresses `in` completely into `out`; *pending is the last return value
 * of ZSTD_decompressStream (0 = a frame just ended, nothing buffered). */
static int feed(ZSTD_DCtx *dctx, ZSTD_inBuffer *in, fsq__buf *out, size_t *pending,
                const char *name)
{
    size_t chunk = ZSTD_DStreamOutSize();
    for (;;) {
        if (fsq__buf_reserve(out, chunk))
            return FSQ_ENOMEM;
        /* reserve keeps one byte for the terminating NUL */
        ZSTD_outBuffer o = {out->data + out->len, out->cap - out->len - 1, 0};
        size_t ret = ZSTD_decompressStream(dctx, &o, in);
        if (ZSTD_isError(ret))
            return fsq__error(FSQ_EINPUT, "%s: corrupt zstd stream: %s", name,
                              ZSTD_getErrorName(ret));
        out->len += o.pos;
        *pending = ret;
        /* A full output buffer may leave data inside the context: go again. */
        if (in->pos == in->size && o.pos < o.size)
            return 0;
    }
}

static int finish(fsq__buf *out, size_t pending, const char *name, char **buf, size_t *len)
{
    if (pending != 0)
        return fsq__error(FSQ_EINPUT, "%s: truncated zstd stream", name);
    if (fsq__buf_reserve(out, 0))
        return FSQ_ENOMEM;
    out->data[out->len] = '\0';
    *buf = fsq__buf_detach(out, len);
    return 0;
}

int fsq__zstd_decompress(const void *src, size_t srclen, const char *name, char **buf,
                         size_t *len)
{
    int rc = 0;
    fsq__buf out = FSQ__BUF_INIT;
    ZSTD_DCtx *dctx = NULL;
    size_t pending = 0;
    *buf = NULL;
    *len = 0;
    if (!fsq__zstd_is_stream(src, srclen)) {
        rc = fsq__error(FSQ_EINPUT, "%s: not a zstd stream", name);
        goto done;
    }
    dctx = ZSTD_createDCtx();
    if (!dctx) {
        rc = fsq__nomem();
        goto done;
    }
    ZSTD_inBuffer in = {src, srclen, 0};
    if ((rc = feed(dctx, &in, &out, &pending, name)) != 0)
        goto done;
    rc = finish(&out, pending, name, buf, len);

done:
    ZSTD_freeDCtx(dctx);
    fsq__buf_free(&out);
    return rc;
}

int fsq__zstd_read_file(const char *path, char **buf, size_t *len)
{
    int rc = 0;
    fsq__buf out = FSQ__BUF_INIT;
    ZSTD_DCtx *dctx = NULL;
    void *chunk = NULL;
    size_t pending = 0, chunk_size = ZSTD_DStreamInSize();
    int first = 1;
    *buf = NULL;
    *len = 0;
    FILE *f;
    if ((rc = fsq__file_open_read(path, &f)))
        goto done;
    dctx = ZSTD_createDCtx();
    chunk = malloc(chunk_size);
    if (!dctx || !chunk) {
        rc = fsq__nomem();
        goto done;
    }
    for (;;) {
        size_t got = fread(chunk, 1, chunk_size, f);
        if (ferror(f)) {
            rc = fsq__error(FSQ_EIO, "%s: cannot read: %s", path, strerror(errno));
            goto done;
        }
        if (first && !fsq__zstd_is_stream(chunk, got)) {
            rc = fsq__error(FSQ_EINPUT, "%s: not a zstd stream", path);
            goto done;
        }
        first = 0;
        if (got == 0)
            break;
        ZSTD_inBuffer in = {chunk, got, 0};
        if ((rc = feed(dctx, &in, &out, &pending, path)) != 0)
            goto done;
    }
    rc = finish(&out, pending, path, buf, len);

done:
    if (f)
        fclose(f);
    free(chunk);
    ZSTD_freeDCtx(dctx);
    fsq__buf_free(&out);
    return rc;
}
