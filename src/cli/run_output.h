/* `fsqca run`'s output directory (src/cli/run_output.c). */
#ifndef FSQ_CLI_RUN_OUTPUT_H
#define FSQ_CLI_RUN_OUTPUT_H

#include "common/buf.h"

/* One output file, held in memory until everything is computed. */
typedef struct {
    char name[64];
    fsq__buf text;
} fsq__out_file;

typedef struct {
    size_t n;
    fsq__out_file files[256];
} fsq__out_set;

/* A new file named `name` in o (its text empty); NULL when o is full. */
fsq__buf *fsq__out_add(fsq__out_set *o, const char *name);

/* Appends the text of a writer that returned rc (*text malloc'ed, *len
 * bytes) to file f, frees it and resets *text: 0, rc, or FSQ_ENOMEM (no room
 * for another file, or out of memory). */
int fsq__out_text(fsq__buf *f, int rc, char **text, const size_t *len);

/* Writes the files into OUTPUT.tmp.PID and renames it to OUTPUT (replacing
 * an old OUTPUT when force is set). Returns an exit status (after printing
 * the error). */
int fsq__out_publish(const char *output, const fsq__out_set *o, int force);

/* A directory an earlier run wrote (report.md or results.json in it), so
 * --force may replace it. */
int fsq__is_report_dir(const char *dir);

#endif
