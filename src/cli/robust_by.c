/* One robustness run, and robust --by (see robust_by.h).
 *
 * --by runs the pooled analysis, then each group's in the groups' order
 * (fsq_data_groups: numbers ascending, text in byte order), one after the
 * other with the same options and seed: every rank of an MPI job runs the
 * same sequence, and each run is deterministic for any --threads, so the
 * whole output is too. A group's run is the run on the subset of its
 * cases: its truth table has the pooled table's conditions and cut-offs;
 * calibration (the anchors as numbers, percentiles resolved on the pooled
 * data) is pointwise, so its calibrated subset equals the subset of the
 * calibrated data. A group whose run fails (too few cases for --subsample,
 * no row reaching --n-cut, ...) is reported with the reason; the others
 * still are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/format.h"
#include "cli/groups.h"
#include "cli/progress.h"
#include "cli/robust_by.h"
#include "cli/render.h"

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)total;
    fsq__progress_update(ctx, done);
}

int fsq__rob_run_one(const fsq__rob_job *j, const fsq_data *raw, const fsq_tt *tt,
                     const char *out_path, const char *group, fsq__buf *report,
                     fsq_robust_run **keep, char **group_error)
{
    const fsq__cli_common *c = j->c;
    fsq_robust_options o = j->o;
    fsq_robust_run *run = NULL;
    fsq__robust_out ro;
    fsq__progress bar;
    fsq__robust_out_init(&ro);
    ro.out_path = out_path;
    ro.quiet = j->quiet;
    ro.group = group;
    ro.shard = j->batch->shard;
    ro.nshards = j->batch->nshards;
    ro.resume = j->batch->resume;
    uint64_t total = o.scheme == FSQ_ROBUST_JACKKNIFE ? fsq_tt_ncases(tt) : o.replicates;
    if (j->grid || j->anchors || o.scheme == FSQ_ROBUST_LEAVE_K_OUT)
        total = 0;
    int status = fsq__robust_out_setup(&ro, &o, c, j->argc, j->argv), rc;
    if (status)
        goto done;
    fsq__progress_init(&bar, total, "replicates", !j->quiet && fsq__robust_out_prints(&ro));
    o.progress = on_progress;
    o.progress_ctx = &bar;
    if (j->anchors) {
        size_t k = fsq_tt_nconditions(tt);
        const char **conds = malloc((k ? k : 1) * sizeof *conds);
        for (size_t v = 0; conds && v < k; v++)
            conds[v] = fsq_tt_condition(tt, v);
        rc = !conds ? FSQ_ENOMEM
                    : fsq_robust_sweep_calib(&run, raw, c->outcome, conds, k, &c->tt, j->rcal,
                                             j->ncal, j->which, j->anchor, j->anchors,
                                             j->nanchors, &o);
        free(conds);
    } else if (j->grid) {
        rc = fsq_robust_sweep_cuts(&run, tt, j->grid, &o);
    } else {
        rc = fsq_robust_resample(&run, tt, &o);
    }
    fsq__progress_finish(&bar);
    rc = fsq__robust_out_finish(&ro, &run, rc);
    if (rc && group_error) {
        /* Every rank records it and goes on to the next group. */
        *group_error = strdup(fsq_last_error());
        status = *group_error ? 0 : fsq__cli_fail("robust", FSQ_ENOMEM);
        goto done;
    }
    if (!fsq__robust_out_prints(&ro)) {
        status = rc ? FSQ_EXIT_ANALYSIS : 0;
        goto done;
    }
    if (rc) {
        status = fsq__cli_fail("robust", rc);
        goto done;
    }
    if (report)
        status = fsq__cli_robust_render(c, run, j->protocol, j->px, report);
    else if (ro.shard_note)
        status = fsq__robust_out_shard_note(&ro, c, run);
    else
        status = fsq__cli_robust_report(c, run, j->protocol, j->px);
    if (keep) {
        *keep = run;
        run = NULL;
    }
done:
    fsq_robust_run_free(run);
    fsq__robust_out_free(&ro);
    return status;
}

int fsq__rob_by_conditions(fsq__cli_common *c, const fsq_data *data)
{
    if (c->nconditions)
        return 0;
    const char *y = c->outcome[0] == '~' ? c->outcome + 1 : c->outcome;
    size_t nv = fsq_data_nvars(data);
    c->conditions = calloc(nv ? nv : 1, sizeof *c->conditions);
    if (!c->conditions)
        return fsq__cli_fail("robust", FSQ_ENOMEM);
    for (size_t v = 0; v < nv; v++) {
        const char *name = fsq_data_var_name(data, v);
        if (!fsq_data_var_is_default_condition(data, v) || strcmp(name, y) == 0 ||
            strcmp(name, c->by) == 0 || (c->unit_id && strcmp(name, c->unit_id) == 0))
            continue;
        if (!(c->conditions[c->nconditions++] = strdup(name)))
            return fsq__cli_fail("robust", FSQ_ENOMEM);
    }
    return 0;
}

/* FILE with ".NAME" before ".jsonl" (or at the end), NAME made safe for a
 * file name: letters, digits, '-' and '_' kept, anything else '_'. */
static char *group_path(const char *path, const char *name)
{
    size_t plen = strlen(path), nlen = strlen(name);
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path, *ext = NULL;
    for (const char *p = base; (p = strstr(p, ".jsonl")); p++)
        ext = p;
    size_t stem = ext ? (size_t)(ext - path) : plen;
    char *out = malloc(plen + nlen + 3);
    if (!out)
        return NULL;
    memcpy(out, path, stem);
    out[stem] = '.';
    for (size_t i = 0; i < nlen; i++) {
        unsigned char ch = (unsigned char)name[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '-' || ch == '_';
        out[stem + 1 + i] = ok ? (char)ch : '_';
    }
    if (!nlen)
        out[stem + 1 + nlen++] = '_';
    memcpy(out + stem + 1 + nlen, path + stem, plen - stem + 1);
    return out;
}

/* The side-by-side table of the text output: one row per analysis. */
static void side_row(fsq_table *t, const char *name, size_t ncases, const fsq_robust_run *run,
                     const char *error)
{
    char num[32];
    fsq_table_row(t);
    fsq_table_cell(t, 0, name);
    snprintf(num, sizeof num, "%zu", ncases);
    fsq_table_cell(t, 1, num);
    if (!run) {
        fsq__buf why = FSQ__BUF_INIT;
        fsq__buf_printf(&why, "no result: %s", error ? error : "?");
        fsq_table_cell(t, 2, fsq__buf_str(&why));
        fsq__buf_free(&why);
        return;
    }
    const fsq_robust_summary *s = fsq_robust_run_summary(run);
    snprintf(num, sizeof num, "%zu", s->nreplicates);
    fsq_table_cell(t, 2, num);
    fsq_table_cell(t, 3, fsq_robust_run_initial_nsolutions(run) ? fsq_robust_run_initial(run, 0)
                                                                : "(none)");
    if (s->nmodels) {
        fsq_table_cell(t, 4, s->models[0].text);
        fsq_table_number(t, 5, s->models[0].share, 3);
    }
    fsq_table_number(t, 6, s->no_solution.share, 3);
    fsq_table_number(t, 7, s->incl_q[1], 3);
    fsq_table_number(t, 8, s->cov_q[1], 3);
}

int fsq__rob_by(const fsq__rob_job *j, const fsq_data *raw, const fsq_data *calibrated,
                const fsq_tt *tt, const char *out_path)
{
    const fsq__cli_common *c = j->c;
    fsq_groups *g = NULL;
    int rc = fsq_data_groups(&g, raw, c->by);
    if (rc)
        return fsq__cli_fail("robust", rc);
    size_t n = g->ngroups, k = fsq_tt_nconditions(tt);
    char **text = calloc(n, sizeof *text), **error = calloc(n, sizeof *error);
    char **paths = calloc(n, sizeof *paths);
    size_t *len = calloc(n, sizeof *len);
    fsq_robust_run **runs = calloc(n + 1, sizeof *runs);
    unsigned char *keep = malloc(g->ncases ? g->ncases : 1);
    const char **conds = malloc((k ? k : 1) * sizeof *conds);
    fsq__buf pooled = FSQ__BUF_INIT, one = FSQ__BUF_INIT, out = FSQ__BUF_INIT, side = FSQ__BUF_INIT;
    int status = 0;
    if (!text || !error || !paths || !len || !runs || !keep || !conds) {
        status = fsq__cli_fail("robust", FSQ_ENOMEM);
        goto done;
    }
    for (size_t v = 0; v < k; v++)
        conds[v] = fsq_tt_condition(tt, v);
    /* Stream file names first: two groups must not share one. */
    for (size_t q = 0; out_path && q < n && !status; q++) {
        if (!(paths[q] = group_path(out_path, g->names[q])))
            status = fsq__cli_fail("robust", FSQ_ENOMEM);
        for (size_t p = 0; !status && p < q; p++)
            if (strcmp(paths[p], paths[q]) == 0)
                status = fsq__cli_usage_error("robust", "--by %s: groups \"%s\" and \"%s\" would "
                                              "share the stream file %s", c->by, g->names[p],
                                              g->names[q], paths[q]);
        if (!status && strcmp(paths[q], out_path) == 0)
            status = fsq__cli_usage_error("robust", "--by %s: group \"%s\" would write the "
                                          "pooled stream file %s", c->by, g->names[q], out_path);
    }
    if (status)
        goto done;
    if ((status = fsq__rob_run_one(j, raw, tt, out_path, NULL, &pooled, &runs[n], NULL)))
        goto done;
    for (size_t q = 0; q < n && !status; q++) {
        fsq_data *raw_q = NULL, *cal_q = NULL;
        fsq_tt *tt_q = NULL;
        for (size_t i = 0; i < g->ncases; i++)
            keep[i] = g->group[i] == q;
        if ((rc = fsq_data_subset(&raw_q, raw, keep)) ||
            (rc = fsq_data_subset(&cal_q, calibrated, keep))) {
            status = fsq__cli_fail("robust", rc);
        } else if ((rc = fsq_tt_build(&tt_q, cal_q, c->outcome, conds, k, &c->tt))) {
            error[q] = strdup(fsq_last_error());
        } else {
            one.len = 0;
            status = fsq__rob_run_one(j, raw_q, tt_q, paths[q], g->names[q], &one, &runs[q],
                                      &error[q]);
            if (!status && !error[q] && fsq__mpi_rank() == 0) {
                len[q] = one.len;
                if (!(text[q] = fsq__buf_detach(&one, NULL)))
                    status = fsq__cli_fail("robust", FSQ_ENOMEM);
            }
        }
        fsq_tt_free(tt_q);
        fsq_data_free(cal_q);
        fsq_data_free(raw_q);
    }
    if (status || fsq__mpi_rank() != 0)
        goto done;
    if (!c->json) {
        fsq_table *t;
        rc = fsq_table_new(&t, 9, "Side by side (shares of the replicates; fit: the first "
                                  "model's median over the replicates)");
        if (!rc) {
            static const char *const head[] = {"", "cases", "replicates", "initial (M1)",
                                               "most frequent model", "share", "no solution",
                                               "incl 50%", "cov 50%"};
            for (size_t col = 0; col < 9; col++)
                fsq_table_column(t, col, head[col], col == 0 || col == 3 || col == 4 ? 'l'
                                                                                    : 'r');
            side_row(t, "pooled", fsq_tt_ncases(tt), runs[n], NULL);
            for (size_t q = 0; q < n; q++) {
                char name[300];
                snprintf(name, sizeof name, "%s = %s", c->by, g->names[q]);
                side_row(t, name, g->sizes[q], runs[q], error[q]);
            }
            fsq__buf_putc(&side, '\n');
            rc = fsq__cli_put_table(&side, t, FSQ_FORMAT_TEXT);
        }
        if (rc) {
            status = fsq__cli_fail("robust", rc);
            goto done;
        }
    }
    if (!(status = fsq__cli_groups_combine(c, g, text, len, error, fsq_tt_ncases(tt),
                                           pooled.data, pooled.len,
                                           side.len ? fsq__buf_str(&side) : NULL, &out)))
        status = fsq__cli_emit(c, out.data, out.len);
done:
    for (size_t q = 0; g && q < n; q++) {
        if (text)
            free(text[q]);
        if (error)
            free(error[q]);
        if (paths)
            free(paths[q]);
        if (runs)
            fsq_robust_run_free(runs[q]);
    }
    if (runs)
        fsq_robust_run_free(runs[n]);
    free(text);
    free(error);
    free(paths);
    free(len);
    free(runs);
    free(keep);
    free(conds);
    fsq__buf_free(&pooled);
    fsq__buf_free(&one);
    fsq__buf_free(&out);
    fsq__buf_free(&side);
    fsq_groups_free(g);
    return status;
}
