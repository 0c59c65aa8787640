/* Output of a robustness run: one replicate as a JSON line, the zstd stream
 * of all replicates (written atomically), and the robustness protocol of the
 * initial solution against the test solutions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/error.h"
#include "common/json.h"
#include "io/zstd_stream.h"
#include "robust/engine.h"
#include "robust/resample.h"

int fsq_robust_run_replicate_json(const fsq_robust_run *run, size_t r, char **json, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    *json = NULL;
    if (r >= run->nrep)
        return fsq__error(FSQ_EINPUT, "no replicate %zu (there are %zu)", r, run->nrep);
    if (!run->keep || !run->reps[r].entry)
        return fsq__error(FSQ_EINPUT, "replicate %zu was streamed, not kept", r);
    int rc = fsq__rob_line(run, r, &run->reps[r], &b, 0);
    if (!rc)
        *json = fsq__buf_detach(&b, len);
    fsq__buf_free(&b);
    return rc;
}

int fsq__rob_line(const fsq_robust_run *run, size_t r, const fsq__rob_rep *rep, fsq__buf *out,
                  int nl)
{
    fsq__buf b = FSQ__BUF_INIT;
    fsq__json j;
    size_t *subset = NULL;
    int rc = 0;
    fsq__json_init(&j, &b, 0);
    fsq__json_begin_object(&j);
    fsq__json_key(&j, "replicate");
    fsq__json_uint(&j, r);
    if (run->scheme == FSQ_ROBUST_JACKKNIFE || run->scheme == FSQ_ROBUST_LEAVE_K_OUT) {
        size_t k = run->scheme == FSQ_ROBUST_JACKKNIFE ? 1 : run->leave_out;
        if (!(subset = malloc(k * sizeof *subset))) {
            rc = fsq__nomem();
            goto done;
        }
        if (run->scheme == FSQ_ROBUST_JACKKNIFE)
            subset[0] = r;
        else if ((rc = fsq__combination_unrank(subset, run->ncases, k, r)))
            goto done;
        fsq__json_key(&j, "left_out");
        fsq__json_begin_array(&j);
        for (size_t i = 0; i < k; i++)
            fsq__json_string(&j, run->case_ids[subset[i]]);
        fsq__json_end_array(&j);
    }
    if (run->naxes) {
        fsq__json_key(&j, "params");
        fsq__json_begin_object(&j);
        size_t rest = r;
        size_t idx[3] = {0, 0, 0};
        for (size_t a = run->naxes; a-- > 0;) {
            idx[a] = rest % run->axis_n[a];
            rest /= run->axis_n[a];
        }
        for (size_t a = 0; a < run->naxes; a++) {
            fsq__json_key(&j, run->axis_name[a]);
            fsq__json_number(&j, run->axis_values[a][idx[a]]);
        }
        fsq__json_end_object(&j);
    }
    const fsq__rob_entry *e = rep->entry;
    if (rep->skipped) {
        fsq__json_key(&j, "skipped");
        fsq__json_string(&j, rep->skipped);
    }
    fsq__json_key(&j, "solutions");
    fsq__json_begin_array(&j);
    for (size_t i = 0; i < e->nsol; i++) {
        fsq__json_begin_array(&j);
        const char *t = e->text[i];
        while (*t) {
            const char *end = strstr(t, " + ");
            size_t n = end ? (size_t)(end - t) : strlen(t);
            char *term = malloc(n + 1);
            if (!term) {
                rc = fsq__nomem();
                goto done;
            }
            memcpy(term, t, n);
            term[n] = '\0';
            fsq__json_string(&j, term);
            free(term);
            t += n + (end ? 3 : 0);
        }
        fsq__json_end_array(&j);
    }
    fsq__json_end_array(&j);
    fsq__json_key(&j, "solution_fit");
    fsq__json_begin_array(&j);
    for (size_t i = 0; i < e->nsol; i++) {
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "incl");
        fsq__json_number(&j, rep->fit[3 * i]);
        fsq__json_key(&j, "PRI");
        fsq__json_number(&j, rep->fit[3 * i + 1]);
        fsq__json_key(&j, "cov");
        fsq__json_number(&j, rep->fit[3 * i + 2]);
        fsq__json_end_object(&j);
    }
    fsq__json_end_array(&j);
    fsq__json_end_object(&j);
    if (nl)
        fsq__buf_putc(&b, '\n');
    if ((rc = fsq__buf_ok(&b)))
        goto done;
    rc = fsq__buf_append(out, b.data, b.len);
done:
    free(subset);
    fsq__buf_free(&b);
    return rc;
}

int fsq_robust_run_protocol(const fsq_robust_run *run, fsq_robust_fit *fit,
                            fsq_robust_cases *cases)
{
    if (!run->is_nsol)
        return fsq__error(FSQ_ENOSOLUTION, "the full data have no solution: no initial "
                          "solution to test");
    /* TS_min and TS_max over all test solutions equal those over the two
     * vectors (running minimum, running maximum), kept by the accumulator. */
    if (run->acc.nts == 0)
        return fsq__error(FSQ_ENOSOLUTION, "no replicate has a solution: no test solution");
    const double *tsv[2] = {run->acc.ts_min, run->acc.ts_max};
    return fsq_robust_protocol(fit, run->is_mem, tsv, 2, run->y, run->ncases, cases);
}

int fsq__rob_write_replicates(const fsq_robust_run *run, const char *path, int level)
{
    fsq__zstd_writer *w = NULL;
    int rc = fsq__zstd_writer_open(&w, path, level);
    if (rc)
        return rc;
    for (size_t r = 0; r < run->nrep && !rc; r++) {
        char *line = NULL;
        size_t len = 0;
        if (!(rc = fsq_robust_run_replicate_json(run, r, &line, &len)) &&
            !(rc = fsq__zstd_writer_write(w, line, len)))
            rc = fsq__zstd_writer_write(w, "\n", 1);
        free(line);
    }
    if (rc) {
        fsq__zstd_writer_abort(w);
        return rc;
    }
    return fsq__zstd_writer_close(w);
}
