/* Exclusions, as `minimize --exclude ROWS|csa|EXPR` and the spec's exclude
 * take them: fsq_exclude_rows against a fixed truth table (crisp A, B, C, a
 * three-level M; outcome Y), then a parsimonious fsq_minimize that codes
 * those rows as negative (small limits), written as JSON.
 * Checked besides the sanitizers: every failure sets a message; the rows
 * are ascending QCA row indices of the table (1 .. 2*2*2*3). */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const fsq_data *data;
    const fsq_tt *tt = fuzz_small_tt(&data);
    char *text = fuzz_cstr(bytes, size);
    uint64_t *rows = NULL;
    size_t nrows = 0;
    int rc = fsq_exclude_rows(tt, data, text, &rows, &nrows);
    if (rc != 0 && !*fsq_last_error())
        abort();
    if (rc == 0) {
        for (size_t i = 0; i < nrows; i++)
            if (rows[i] < 1 || rows[i] > 24 || (i && rows[i] <= rows[i - 1])) {
                fprintf(stderr, "fuzz_exclude: row %llu at %zu\n", (unsigned long long)rows[i], i);
                abort();
            }
        fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
        mo.type = FSQ_PARSIMONIOUS;
        mo.exclude = rows;
        mo.nexclude = nrows;
        mo.max_pis = 2000;
        mo.max_solutions = 64;
        mo.time_limit = 0.25;
        mo.threads = 1;
        fsq_min *min = NULL;
        int mrc = fsq_minimize(&min, tt, &mo);
        if (mrc != 0 && !*fsq_last_error())
            abort();
        char *json;
        size_t len;
        if (mrc == 0 && fsq_min_to_json(min, &json, &len) == 0)
            free(json);
        fsq_min_free(min);
    }
    free(rows);
    free(text);
    return 0;
}
