/* zstd streams: a compressing writer with an all-or-nothing output file, and
 * a whole-file reader for .zst inputs.
 *
 * Writer. Bytes (typically JSON lines) are compressed with zstd's streaming
 * API (ZSTD_compressStream2, content checksum on) into "path.tmp.PID"; only
 * fsq__zstd_writer_close, after the frame is finished and the file closed
 * without error, renames it to `path`. An error on the way, or
 * fsq__zstd_writer_abort, removes the temporary file, so `path` is either the
 * complete stream or untouched. One writer must be used by one thread at a
 * time (calls are not synchronised); workers hand their lines to the owner.
 *
 * Reader. fsq__zstd_read_file decompresses a whole .zst file (any number of
 * concatenated frames, skippable frames allowed) into memory. */
#ifndef FSQ_IO_ZSTD_STREAM_H
#define FSQ_IO_ZSTD_STREAM_H

#include <stddef.h>
#include <stdint.h>

typedef struct fsq__zstd_writer fsq__zstd_writer;

/* Creates "path.tmp.PID" and a compression context at `level` (zstd levels,
 * 1..19 typical; 0 = zstd's default 3). On success *out is the writer; on
 * failure *out is NULL and nothing is left on disk. */
int fsq__zstd_writer_open(fsq__zstd_writer **out, const char *path, int level);

/* Compresses len bytes. FSQ_EIO on a write or compression error; after an
 * error the writer is failed: later writes return the same error, and close
 * removes the temporary file and returns it. */
int fsq__zstd_writer_write(fsq__zstd_writer *w, const void *bytes, size_t len);

/* Writes a NUL-terminated string. */
int fsq__zstd_writer_puts(fsq__zstd_writer *w, const char *s);

/* Uncompressed bytes accepted so far. */
uint64_t fsq__zstd_writer_bytes_in(const fsq__zstd_writer *w);

/* Ends the frame, closes and renames the file to its final path, and frees
 * the writer (always, also on failure, when the temporary file is removed).
 * NULL-safe (returns 0). */
int fsq__zstd_writer_close(fsq__zstd_writer *w);

/* Drops everything: closes and removes the temporary file, frees the writer.
 * NULL-safe. */
void fsq__zstd_writer_abort(fsq__zstd_writer *w);

/* Decompresses the zstd file `path` into *buf (malloc'ed, NUL-terminated for
 * convenience; *len excludes the NUL). The caller frees *buf. Errors:
 * FSQ_EIO if the file cannot be read, FSQ_EINPUT with "path: not a zstd
 * stream", "path: truncated zstd stream" or "path: corrupt zstd stream: ...".
 * On failure *buf is NULL and *len 0. */
int fsq__zstd_read_file(const char *path, char **buf, size_t *len);

/* The same from memory; `name` is used in messages. */
int fsq__zstd_decompress(const void *src, size_t srclen, const char *name, char **buf,
                         size_t *len);

/* 1 if the bytes start with a zstd frame (or skippable frame) magic number. */
int fsq__zstd_is_stream(const void *src, size_t srclen);

#endif
