#include "common/buf.h"
#include "common/file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fsq__buf_reserve(fsq__buf *b, size_t extra)
{
    if (b->failed)
        return FSQ_ENOMEM;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return fsq__nomem();
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

int fsq__buf_append(fsq__buf *b, const void *bytes, size_t n)
{
    if (fsq__buf_reserve(b, n))
        return FSQ_ENOMEM;
    if (n)
        memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int fsq__buf_puts(fsq__buf *b, const char *s)
{
    return fsq__buf_append(b, s, strlen(s));
}

int fsq__buf_putc(fsq__buf *b, char c)
{
    return fsq__buf_append(b, &c, 1);
}

int fsq__buf_printf(fsq__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || fsq__buf_reserve(b, (size_t)n))
        return FSQ_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int fsq__buf_ok(const fsq__buf *b)
{
    return b->failed ? fsq__nomem() : 0;
}

const char *fsq__buf_str(fsq__buf *b)
{
    return b->data ? b->data : "";
}

char *fsq__buf_detach(fsq__buf *b, size_t *len)
{
    if (!b->data) {
        if (fsq__buf_reserve(b, 0))
            return NULL;
        b->data[0] = '\0'; /* an empty buffer hands out "" */
    }
    char *p = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

int fsq__buf_hand_out(fsq__buf *b, char **out, size_t *len)
{
    *out = NULL;
    int rc = fsq__buf_ok(b);
    if (!rc && !(*out = fsq__buf_detach(b, len)))
        rc = fsq__nomem();
    fsq__buf_free(b);
    return rc;
}

void fsq__buf_free(fsq__buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

int fsq__write_file_atomic(const char *path, const void *data, size_t len)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp)
        return fsq__nomem();
    snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        int rc = fsq__error(FSQ_EIO, "%s: cannot create: %s", path, strerror(errno));
        free(tmp);
        return rc;
    }
    int ok = fwrite(data, 1, len, f) == len;
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        int rc = fsq__error(FSQ_EIO, "%s: cannot write: %s", path, strerror(errno));
        remove(tmp);
        free(tmp);
        return rc;
    }
    free(tmp);
    return 0;
}

int fsq__read_file(const char *path, char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    FILE *f;
    int rc = fsq__file_open_read(path, &f);
    if (rc)
        return rc;
    fsq__buf b = FSQ__BUF_INIT;
    char chunk[65536];
    size_t got;
    errno = 0;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        fsq__buf_append(&b, chunk, got);
    int err = ferror(f);
    rc = err ? fsq__file_read_error(path) : fsq__buf_ok(&b);
    fclose(f);
    if (rc) {
        fsq__buf_free(&b);
        return rc;
    }
    *text = fsq__buf_detach(&b, len);
    if (!*text)
        return fsq__nomem();
    (*text)[*len] = '\0';
    return 0;
}
