/* Internal pieces of the replicate stream format (stream.c, stream_parse.c);
 * the format itself is documented in include/fsqca/fsqca.h ("Streams,
 * shards and merge"). */
#ifndef FSQ_ROBUST_STREAM_H
#define FSQ_ROBUST_STREAM_H

#include <stddef.h>

#include "common/buf.h"

/* One parsed replicate line: nsol model texts, NUL-separated in texts. */
typedef struct {
    size_t replicate, nsol;
    fsq__buf texts;
    double fit0[3];
    fsq__buf skipped;           /* "skipped": why a sweep point was skipped */
    int has_skipped;
} fsq__rob_parsed;

int fsq__rob_parse_line(const char *line, size_t len, fsq__rob_parsed *out);

#endif
