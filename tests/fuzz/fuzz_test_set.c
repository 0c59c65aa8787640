/* The user's own test solutions of `fsqca robust --test-set FILE` (one
 * SPEC a line: "incl-cut=0.75; n-cut=2; F=e=0.2,c=0.5,i=0.8; include=?;
 * exclude=csa"): the bytes are written to a temporary file and read with
 * the command's parser (src/cli/robust_tests.c); when at most 8 tests read,
 * each is computed against a fixed initial solution (crisp A, B, fuzzy F;
 * outcome Y; small limits). Errors are printed by the command's code: run
 * with -close_fd_mask=2 to keep them off the terminal.
 * Checked besides the sanitizers: a test that computes has a model text and
 * memberships in [0, 1]. */
#include "fuzz_util.h"
#include "cli/robust_tests.h"

static fsq_data *data;

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static const char *const conds[] = {"A", "B", "F"};
    if (!data)
        data = fuzz_small_data();
    char path[128];
    if (fuzz_temp_file(bytes, size, "tests.txt", path))
        return 0;
    fsq__rob_tests tests = {NULL, 0};
    if (fsq__cli_rob_test_file(&tests, path) == 0 && tests.ntests <= 8) {
        fsq__rob_base base;
        memset(&base, 0, sizeof base);
        fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
        fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
        to.threads = 1;
        mo.max_pis = 2000;
        mo.max_solutions = 64;
        mo.time_limit = 0.25;
        mo.threads = 1;
        base.raw = data;
        base.outcome = "Y";
        base.conditions = conds;
        base.nconditions = 3;
        base.tt = to;
        base.min = mo;
        if (fsq__cli_rob_tests_run(&tests, &base) == 0) {
            size_t n = fsq_data_ncases(data);
            for (size_t t = 0; t < tests.ntests; t++) {
                if (!tests.tests[t].model || !tests.tests[t].mem)
                    abort();
                for (size_t i = 0; i < n; i++)
                    if (!(tests.tests[t].mem[i] >= 0 && tests.tests[t].mem[i] <= 1))
                        abort();
            }
        }
    }
    fsq__cli_rob_tests_free(&tests);
    unlink(path);
    return 0;
}
