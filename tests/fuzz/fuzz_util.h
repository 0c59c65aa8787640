/* Helpers shared by the libFuzzer harnesses (header only, static). */
#ifndef FSQ_FUZZ_UTIL_H
#define FSQ_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsqca/fsqca.h"

/* A NUL-terminated copy of the input (inputs with a NUL byte are cut there,
 * as a C string argument would be). Abort on out of memory. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Writes the input to a file named `name` ("input.csv.zst") in this
 * process's own temporary directory (made once, removed at exit); its path
 * goes to path[0..128). Returns 0 or -1. */
static char fuzz_dir[64];
static void fuzz_remove_dir(void)
{
    rmdir(fuzz_dir);
}
static inline int fuzz_temp_file(const uint8_t *data, size_t size, const char *name,
                                 char path[128])
{
    if (!fuzz_dir[0]) {
        snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/fsqca-fuzz-XXXXXX");
        if (!mkdtemp(fuzz_dir))
            abort();
        atexit(fuzz_remove_dir);
    }
    snprintf(path, 128, "%s/%s", fuzz_dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int bad = fwrite(data, 1, size, f) != size;
    bad |= fclose(f) != 0;
    if (bad)
        unlink(path);
    return bad ? -1 : 0;
}

/* A small fixed data set: three crisp conditions, one multi-value (M, levels
 * 0..2), one fuzzy (F), a crisp outcome Y and a fuzzy outcome Z. */
static const char fuzz_small_csv[] =
    "id,A,B,C,M,F,Y,Z\n"
    "a,0,0,0,0,0.1,0,0.2\n"
    "b,0,0,1,1,0.3,0,0.1\n"
    "c,0,1,0,2,0.7,1,0.8\n"
    "d,0,1,1,0,0.9,1,0.9\n"
    "e,1,0,0,1,0.2,0,0.3\n"
    "f,1,0,1,2,0.6,1,0.7\n"
    "g,1,1,0,0,0.8,1,0.6\n"
    "h,1,1,1,1,0.4,1,0.95\n"
    "i,1,1,1,2,0.95,1,0.85\n";

static inline fsq_data *fuzz_small_data(void)
{
    fsq_data *d = NULL;
    if (fsq_data_parse_csv(&d, fuzz_small_csv, sizeof fuzz_small_csv - 1, "small.csv", NULL))
        abort();
    return d;
}

/* The small data set's truth table on crisp A, B, C and the three-level M,
 * outcome Y, one thread; *data_out gets the data. Built once per process. */
static inline const fsq_tt *fuzz_small_tt(const fsq_data **data_out)
{
    static fsq_data *data;
    static fsq_tt *tt;
    if (!data) {
        static const char *const conds[] = {"A", "B", "C", "M"};
        fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
        to.threads = 1;
        data = fuzz_small_data();
        if (fsq_tt_build(&tt, data, "Y", conds, 4, &to))
            abort();
    }
    if (data_out)
        *data_out = data;
    return tt;
}

#endif
