/* The robustness protocol of a run together with test solutions given by
 * the user (fsqca robust --test): the running minimum and maximum over the
 * replicates' test solutions (kept by the run's accumulator, so a streamed
 * or merged run has them too) folded with the given ones, then
 * fsq_robust_protocol. */
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "robust/engine.h"

int fsq_robust_run_protocol_tests(const fsq_robust_run *run, const double *const *extra,
                                  size_t nextra, fsq_robust_fit *fit, fsq_robust_cases *cases)
{
    size_t n = run->ncases, nts = run->acc.nts;
    if (!run->is_nsol)
        return fsq__error(FSQ_ENOSOLUTION, "the full data have no solution: no initial "
                          "solution to test");
    double *ts = malloc(2 * (n ? n : 1) * sizeof *ts);
    if (!ts)
        return fsq__nomem();
    if (nts) {
        memcpy(ts, run->acc.ts_min, n * sizeof *ts);
        memcpy(ts + n, run->acc.ts_max, n * sizeof *ts);
    }
    for (size_t t = 0; t < nextra; t++) {
        const double *mem = extra[t];
        for (size_t i = 0; i < n; i++) {
            if (nts == 0 || mem[i] < ts[i])
                ts[i] = mem[i];
            if (nts == 0 || mem[i] > ts[n + i])
                ts[n + i] = mem[i];
        }
        nts++;
    }
    int rc;
    if (nts == 0) {
        rc = fsq__error(FSQ_ENOSOLUTION, "no replicate has a solution: no test solution");
    } else {
        const double *tsv[2] = {ts, ts + n};
        rc = fsq_robust_protocol(fit, run->is_mem, tsv, 2, run->y, n, cases);
    }
    free(ts);
    return rc;
}
