/* The robustness protocol of a run together with test solutions given by
 * the user (fsqca robust --test): the running minimum and maximum over the
 * replicates' test solutions and the given ones, then fsq_robust_protocol. */
#include <stdlib.h>

#include "common/error.h"
#include "robust/engine.h"

int fsq_robust_run_protocol_tests(const fsq_robust_run *run, const double *const *extra,
                                  size_t nextra, fsq_robust_fit *fit, fsq_robust_cases *cases)
{
    size_t n = run->ncases, nts = 0;
    if (!run->is_nsol)
        return fsq__error(FSQ_ENOSOLUTION, "the full data have no solution: no initial "
                          "solution to test");
    double *ts = malloc(2 * (n ? n : 1) * sizeof *ts);
    if (!ts)
        return fsq__nomem();
    for (size_t r = 0; r < run->nrep + nextra; r++) {
        const double *mem = NULL;
        if (r < run->nrep) {
            const fsq__rob_entry *e = run->reps[r].entry;
            mem = e->nsol ? e->mem : NULL;
        } else {
            mem = extra[r - run->nrep];
        }
        if (!mem)
            continue;
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
