/* A small streaming JSON writer over fsq__buf.
 *
 * It inserts commas and indentation itself: callers open and close objects
 * and arrays and write keys and values in order. Numbers are written with
 * %.17g (round-trip exact) unless a value is integral, and NaN/Inf as null,
 * so the output is deterministic and loses nothing. */
#ifndef FSQ_COMMON_JSON_H
#define FSQ_COMMON_JSON_H

#include <stddef.h>

#include "common/buf.h"

#define FSQ__JSON_MAX_DEPTH 32

typedef struct {
    fsq__buf *out;
    int depth;
    int pretty;                           /* newline + indent per element */
    unsigned char has_items[FSQ__JSON_MAX_DEPTH];
    unsigned char after_key;
    unsigned char inline_from;            /* depth from which no newlines */
    double deadline;                      /* writers' loops stop past it (0 = none) */
    int late;                             /* ... and set this */
} fsq__json;

void fsq__json_init(fsq__json *j, fsq__buf *out, int pretty);
void fsq__json_begin_object(fsq__json *j);
void fsq__json_end_object(fsq__json *j);
void fsq__json_begin_array(fsq__json *j);
void fsq__json_end_array(fsq__json *j);
/* Arrays/objects opened while "compact" is on are written on one line. */
void fsq__json_compact(fsq__json *j, int on);
void fsq__json_key(fsq__json *j, const char *key);
void fsq__json_string(fsq__json *j, const char *s);
void fsq__json_number(fsq__json *j, double v);
void fsq__json_int(fsq__json *j, long long v);
void fsq__json_uint(fsq__json *j, unsigned long long v);
void fsq__json_bool(fsq__json *j, int v);
void fsq__json_null(fsq__json *j);
/* A value already formatted as JSON (e.g. a big integer as digits). */
void fsq__json_raw(fsq__json *j, const char *text);

/* Appends s to b as a JSON string literal with quotes and escapes. */
void fsq__json_escape(fsq__buf *b, const char *s);

#endif
