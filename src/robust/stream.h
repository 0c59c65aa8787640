/* Internal pieces of the replicate stream format (stream.c, stream_parse.c);
 * the format itself is documented in include/fsqca/fsqca.h ("Streams,
 * shards and merge"). */
#ifndef FSQ_ROBUST_STREAM_H
#define FSQ_ROBUST_STREAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <zstd.h>

#include "common/buf.h"
#include "fsqca/fsqca.h"

/* One parsed replicate line: nsol model texts, NUL-separated in texts. */
typedef struct {
    size_t replicate, nsol;
    fsq__buf texts;
    double fit0[3];
    fsq__buf skipped;           /* "skipped": why a sweep point was skipped */
    int has_skipped;
} fsq__rob_parsed;

int fsq__rob_parse_line(const char *line, size_t len, fsq__rob_parsed *out);

/* A parsed header: a summary-only run plus where the identity ends. */
typedef struct {
    fsq_robust_run *run;
    char *identity;
    size_t common_len; /* bytes before "shard ": what every part shares */
    size_t shard, nshards, lo, hi;
} fsq__rob_hdr;

/* A stream file open for reading, piece by piece. */
typedef struct {
    FILE *f;
    const char *path;
    char *header;
    size_t header_len;
    ZSTD_DCtx *dctx;
    unsigned char *cbuf, *pbuf;
    size_t ccap, pcap;
    char *lines;
    size_t lcap;
    double *ts;
    long good_end;     /* file offset after the last complete piece */
    uint64_t size;     /* of the file when opened: no frame may claim more */
    int truncated;     /* the file ends inside a piece */
} fsq__rob_reader;

/* Between stream.c (which defines them) and merge.c. */
void fsq__rob_hdr_free(fsq__rob_hdr *h);
/* Parses a header text (len bytes) read from `name` into *h. */
int fsq__rob_hdr_parse(const char *text, size_t len, const char *name, fsq__rob_hdr *h);
/* A compression context at `level` (0: 3) with checksums; NULL without memory. */
ZSTD_CCtx *fsq__rob_new_cctx(int level);
int fsq__rob_write_header_frame(FILE *f, const char *text, size_t len, const char *path);
/* Writes piece p (checkpoint frame, then its lines compressed). */
int fsq__rob_write_piece(FILE *f, ZSTD_CCtx *cctx, fsq__buf *cbuf, const fsq_robust_piece *p,
                         const char *path);
int fsq__rob_reader_open(fsq__rob_reader *r, const char *path);
/* The next complete piece into p: 1, 0 at the end; or an FSQ_E* error. */
int fsq__rob_reader_next(fsq__rob_reader *r, fsq_robust_piece *p);
void fsq__rob_reader_close(fsq__rob_reader *r);

#endif
