/* A growable byte buffer, used to build text (JSON, CSV, reports) and as a
 * simple dynamic array. The contents are always NUL-terminated when len > 0
 * or after fsq__buf_str(). Functions return 0 or FSQ_ENOMEM; after a failed
 * append the buffer is marked failed and later appends are no-ops, so a
 * writer can append many pieces and check once with fsq__buf_ok(). */
#ifndef FSQ_COMMON_BUF_H
#define FSQ_COMMON_BUF_H

#include <stddef.h>

#include "common/error.h"

typedef struct {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} fsq__buf;

#define FSQ__BUF_INIT {NULL, 0, 0, 0}

int fsq__buf_reserve(fsq__buf *b, size_t extra);
int fsq__buf_append(fsq__buf *b, const void *bytes, size_t n);
int fsq__buf_puts(fsq__buf *b, const char *s);
int fsq__buf_putc(fsq__buf *b, char c);
int fsq__buf_printf(fsq__buf *b, const char *fmt, ...) FSQ__PRINTF(2, 3);
/* 0 if every append succeeded, else FSQ_ENOMEM (with the message set). */
int fsq__buf_ok(const fsq__buf *b);
/* The NUL-terminated contents ("" for an empty buffer). */
const char *fsq__buf_str(fsq__buf *b);
/* Hands the malloc'ed contents to the caller and resets the buffer. */
char *fsq__buf_detach(fsq__buf *b, size_t *len);
void fsq__buf_free(fsq__buf *b);
/* The end of a writer that hands its text to a caller: on success *out is
 * the malloc'ed contents (*len bytes if len is not NULL); after a failed
 * append *out is NULL and FSQ_ENOMEM is returned. The buffer is reset
 * either way. */
int fsq__buf_hand_out(fsq__buf *b, char **out, size_t *len);

/* Writes `len` bytes to `path` atomically: to "path.tmp.PID" first, then
 * rename(). On failure the temporary file is removed and nothing is left. */
int fsq__write_file_atomic(const char *path, const void *data, size_t len);

/* Reads the whole file `path` into *text (malloc'ed, NUL-terminated; *len
 * excludes the NUL). FSQ_EIO "path: cannot open the file" / "read error". */
int fsq__read_file(const char *path, char **text, size_t *len);

#endif
