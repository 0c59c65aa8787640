/* zstd-compressed CSV files (DATA.csv.zst): the bytes are written to a
 * temporary .csv.zst file and read back with fsq_data_read_csv, so the
 * streaming decompressor and its error paths (a truncated or foreign frame,
 * trailing garbage) are exercised; a data set that parses goes on to a truth
 * table. Seeds: the shipped data sets compressed with zstd. */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    if (fuzz_temp_file(data, size, "input.csv.zst", path))
        return 0;
    fsq_data *d = NULL;
    int rc = fsq_data_read_csv(&d, path, NULL);
    unlink(path);
    if (rc) {
        if (!*fsq_last_error())
            abort();
        return 0;
    }
    size_t nv = fsq_data_nvars(d);
    if (nv >= 2 && fsq_data_var_is_numeric(d, nv - 1)) {
        fsq_data *c = NULL;
        const char *y = fsq_data_var_name(d, nv - 1);
        if (fsq_data_complete_cases(&c, d, &y, 1, 1, NULL) == 0) {
            fsq_tt *tt = NULL;
            fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
            to.threads = 1;
            if (fsq_data_nvars(c) <= 24 && fsq_tt_build(&tt, c, y, NULL, 0, &to) == 0)
                fsq_tt_free(tt);
        }
        fsq_data_free(c);
    }
    fsq_data_free(d);
    return 0;
}
