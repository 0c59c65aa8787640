/* Error reporting inside libfsqca.
 *
 * A failing function records a message with fsq__error() and returns its
 * negative FSQ_E* code; the public fsq_last_error() hands the message out.
 * The message lives in thread-local storage, so threads do not overwrite
 * each other's errors. */
#ifndef FSQ_COMMON_ERROR_H
#define FSQ_COMMON_ERROR_H

#include "fsqca/fsqca.h"

#if defined(__GNUC__)
#define FSQ__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FSQ__PRINTF(a, b)
#endif

/* Records the message and returns `code`, so callers can write
 * `return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: ...", ...);`. */
int fsq__error(int code, const char *fmt, ...) FSQ__PRINTF(2, 3);

/* Records "out of memory" and returns FSQ_ENOMEM. */
int fsq__nomem(void);

#endif
