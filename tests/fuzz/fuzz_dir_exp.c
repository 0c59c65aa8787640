/* Directional expectations, as `--dir-exp A=1,B=0,M=1;2` and the spec's
 * dir_exp take them: the command's parser fsq__cli_parse_dir_exp against a
 * fixed truth table (crisp A, B, C and a three-level M), then the library's
 * intermediate minimization with the result, which parses each value. */
#include "fuzz_util.h"
#include "cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const fsq_tt *tt = fuzz_small_tt(NULL);
    char *text = fuzz_cstr(bytes, size);
    char **exp = NULL;
    size_t k = fsq_tt_nconditions(tt);
    if (fsq__cli_parse_dir_exp("fuzz", text, tt, &exp) == 0) {
        fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
        mo.type = FSQ_INTERMEDIATE;
        mo.dir_exp = (const char *const *)exp;
        mo.ndir_exp = k;
        mo.time_limit = 0.25;
        mo.threads = 1;
        fsq_min *min = NULL;
        if (fsq_minimize(&min, tt, &mo) == 0) {
            char *json;
            size_t len;
            if (fsq_min_to_json(min, &json, &len) == 0)
                free(json);
        } else if (!*fsq_last_error()) {
            abort();
        }
        fsq_min_free(min);
    }
    if (exp)
        for (size_t j = 0; j < k; j++)
            free(exp[j]);
    free(exp);
    free(text);
    return 0;
}
