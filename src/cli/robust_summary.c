/* fsqca robust's summary of a run: text or JSON (shares of models and
 * terms with their intervals, quantiles of the fit, the protocol), for
 * cmd_robust.c, --by (robust_by.c) and fsqca merge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/robust_out.h"
#include "cli/robust_tests.h"
#include "common/buf.h"
#include "common/json.h"

static const char *scheme_name(fsq_robust_scheme s)
{
    static const char *const names[] = {"bootstrap", "subsample", "jackknife", "leave-k-out",
                                        "sweep", "calibration sweep"};
    return (unsigned)s < 6 ? names[s] : "?";
}

static void share_json(fsq__json *j, const fsq_robust_share *s, int with_text)
{
    fsq__json_compact(j, 1);
    fsq__json_begin_object(j);
    if (with_text) {
        fsq__json_key(j, "text");
        fsq__json_string(j, s->text);
    }
    fsq__json_key(j, "count");
    fsq__json_uint(j, s->count);
    fsq__json_key(j, "share");
    fsq__json_number(j, s->share);
    fsq__json_key(j, "ci95");
    fsq__json_begin_array(j);
    fsq__json_number(j, s->lo);
    fsq__json_number(j, s->hi);
    fsq__json_end_array(j);
    fsq__json_end_object(j);
    fsq__json_compact(j, 0);
}

static void quantiles_json(fsq__json *j, const char *key, const double *q)
{
    fsq__json_key(j, key);
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (int i = 0; i < 3; i++)
        fsq__json_number(j, q[i]);
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);
}

static void summary_json(fsq__buf *b, const fsq_robust_run *run, const fsq_robust_fit *pf,
                         const fsq__rob_protocol_extra *px)
{
    fsq_robust_scheme scheme = fsq_robust_run_scheme(run);
    uint64_t seed = fsq_robust_run_seed(run);
    const fsq_robust_summary *s = fsq_robust_run_summary(run);
    fsq__json j;
    fsq__json_init(&j, b, 1);
    fsq__json_begin_object(&j);
    fsq__json_key(&j, "scheme");
    fsq__json_string(&j, scheme_name(scheme));
    fsq__json_key(&j, "replicates");
    fsq__json_uint(&j, s->nreplicates);
    fsq__json_key(&j, "seed");
    fsq__json_uint(&j, seed);
    fsq__json_key(&j, "initial_solutions");
    fsq__json_compact(&j, 1);
    fsq__json_begin_array(&j);
    for (size_t i = 0; i < fsq_robust_run_initial_nsolutions(run); i++)
        fsq__json_string(&j, fsq_robust_run_initial(run, i));
    fsq__json_end_array(&j);
    fsq__json_compact(&j, 0);
    if (s->nskipped) {
        fsq__json_key(&j, "skipped");
        fsq__json_begin_array(&j);
        for (size_t r = 0; r < fsq_robust_run_nreplicates(run); r++)
            if (fsq_robust_run_skipped(run, r))
                fsq__json_string(&j, fsq_robust_run_skipped(run, r));
        fsq__json_end_array(&j);
    }
    fsq__json_key(&j, "no_solution");
    share_json(&j, &s->no_solution, 0);
    fsq__json_key(&j, "models");
    fsq__json_begin_array(&j);
    for (size_t i = 0; i < s->nmodels; i++)
        share_json(&j, &s->models[i], 1);
    fsq__json_end_array(&j);
    fsq__json_key(&j, "terms");
    fsq__json_begin_array(&j);
    for (size_t i = 0; i < s->nterms; i++)
        share_json(&j, &s->terms[i], 1);
    fsq__json_end_array(&j);
    fsq__json_key(&j, "percentiles");
    fsq__json_compact(&j, 1);
    fsq__json_begin_array(&j);
    fsq__json_number(&j, 0.025);
    fsq__json_number(&j, 0.5);
    fsq__json_number(&j, 0.975);
    fsq__json_end_array(&j);
    fsq__json_compact(&j, 0);
    quantiles_json(&j, "incl", s->incl_q);
    quantiles_json(&j, "cov", s->cov_q);
    if (s->nranges) {
        fsq__json_key(&j, "ranges");
        fsq__json_begin_array(&j);
        for (size_t a = 0; a < s->nranges; a++) {
            fsq__json_compact(&j, 1);
            fsq__json_begin_object(&j);
            fsq__json_key(&j, "parameter");
            fsq__json_string(&j, s->ranges[a].name);
            fsq__json_key(&j, "given");
            fsq__json_number(&j, s->ranges[a].given);
            fsq__json_key(&j, "lo");
            fsq__json_number(&j, s->ranges[a].lo);
            fsq__json_key(&j, "hi");
            fsq__json_number(&j, s->ranges[a].hi);
            fsq__json_end_object(&j);
            fsq__json_compact(&j, 0);
        }
        fsq__json_end_array(&j);
    }
    if (pf) {
        fsq__json_key(&j, "protocol");
        fsq__json_begin_object(&j);
        fsq__cli_protocol_json(&j, pf, px);
        fsq__json_end_object(&j);
    }
    fsq__json_end_object(&j);
    fsq__buf_putc(b, '\n');
}

static void share_text(fsq__buf *b, const fsq_robust_share *s, const char *text)
{
    fsq__buf_printf(b, "  %-40s %6zu  %6.3f  [%.3f, %.3f]\n", text, s->count, s->share, s->lo,
                    s->hi);
}

static void summary_text(fsq__buf *b, const fsq_robust_run *run, const fsq_robust_fit *pf,
                         const fsq__rob_protocol_extra *px)
{
    fsq_robust_scheme scheme = fsq_robust_run_scheme(run);
    uint64_t seed = fsq_robust_run_seed(run);
    const fsq_robust_summary *s = fsq_robust_run_summary(run);
    fsq__buf_printf(b, "Robustness: %s, %zu replicates", scheme_name(scheme), s->nreplicates);
    if (scheme == FSQ_ROBUST_BOOTSTRAP || scheme == FSQ_ROBUST_SUBSAMPLE)
        fsq__buf_printf(b, ", seed %llu", (unsigned long long)seed);
    /* The reuse count depends on threads, ranks and cache limits (one
     * capped cache per thread): a diagnostic, on stderr (report below). */
    fsq__buf_puts(b, "\n\n");
    size_t nis = fsq_robust_run_initial_nsolutions(run);
    fsq__buf_puts(b, "Initial solution (full data):");
    if (!nis)
        fsq__buf_puts(b, " none\n");
    else
        fsq__buf_putc(b, '\n');
    for (size_t i = 0; i < nis; i++)
        fsq__buf_printf(b, "  M%zu: %s\n", i + 1, fsq_robust_run_initial(run, i));
    fsq__buf_printf(b, "\n  %-40s %6s  %6s  %s\n", "Models", "count", "share", "95% Wilson");
    for (size_t i = 0; i < s->nmodels; i++)
        share_text(b, &s->models[i], s->models[i].text);
    share_text(b, &s->no_solution, "(no solution)");
    for (size_t r = 0; s->nskipped && r < fsq_robust_run_nreplicates(run); r++)
        if (fsq_robust_run_skipped(run, r))
            fsq__buf_printf(b, "  %s\n", fsq_robust_run_skipped(run, r));
    fsq__buf_printf(b, "\n  %-40s %6s  %6s  %s\n", "Terms", "count", "share", "95% Wilson");
    for (size_t i = 0; i < s->nterms; i++)
        share_text(b, &s->terms[i], s->terms[i].text);
    fsq__buf_printf(b, "\n  First model's fit   %8s %8s %8s\n", "2.5%", "50%", "97.5%");
    fsq__buf_printf(b, "  consistency         %8.3f %8.3f %8.3f\n", s->incl_q[0], s->incl_q[1],
                    s->incl_q[2]);
    fsq__buf_printf(b, "  coverage            %8.3f %8.3f %8.3f\n", s->cov_q[0], s->cov_q[1],
                    s->cov_q[2]);
    if (s->nranges) {
        fsq__buf_puts(b, "\n  Sensitivity ranges (same models as the IS)\n");
        for (size_t a = 0; a < s->nranges; a++) {
            const fsq_robust_range *r = &s->ranges[a];
            if (r->defined)
                fsq__buf_printf(b, "  %-12s given %-8g range [%g, %g]\n", r->name, r->given,
                                r->lo, r->hi);
            else
                fsq__buf_printf(b, "  %-12s given %-8g range undefined (given value off the "
                                "grid, or the IS differs there)\n", r->name, r->given);
        }
    }
    if (pf)
        fsq__cli_protocol_text(b, pf, px);
}

int fsq__cli_robust_report(const fsq__cli_common *c, const fsq_robust_run *run, int protocol,
                           const fsq__rob_protocol_extra *extra)
{
    fsq__buf b = FSQ__BUF_INIT;
    int status = fsq__cli_robust_render(c, run, protocol, extra, &b);
    if (!status)
        status = fsq__cli_emit(c, b.data, b.len);
    fsq__buf_free(&b);
    return status;
}

int fsq__cli_robust_render(const fsq__cli_common *c, const fsq_robust_run *run, int protocol,
                           const fsq__rob_protocol_extra *extra, fsq__buf *out)
{
    fsq__buf b = FSQ__BUF_INIT;
    fsq_robust_fit pf;
    fsq__rob_protocol_extra px = {NULL, NULL, NULL, NULL, NULL, 0};
    unsigned char *case_class = NULL;
    const double **tsv = NULL;
    int rc = 0, status;
    const char **ids = NULL;
    if (extra)
        px = *extra;
    if (protocol && !px.ids) {
        /* The run's own case ids (a merged run's come from its header). */
        px.ncases = fsq_robust_run_ncases(run);
        if ((ids = malloc((px.ncases ? px.ncases : 1) * sizeof *ids)))
            for (size_t i = 0; i < px.ncases; i++)
                ids[i] = fsq_robust_run_case_id(run, i);
        px.ids = ids;
    }
    if (protocol) {
        /* The run's test solutions and the user's own (--test), the cases
         * of each class named when the caller knows their ids. */
        size_t ntests = px.tests ? px.tests->ntests : 0;
        tsv = malloc((ntests + 1) * sizeof *tsv);
        if (px.ids)
            case_class = malloc(px.ncases ? px.ncases : 1);
        for (size_t t = 0; tsv && t < ntests; t++)
            tsv[t] = px.tests->tests[t].mem;
        fsq_robust_cases pc = {NULL, NULL, NULL, case_class};
        rc = !tsv || (px.ids && !case_class)
                 ? FSQ_ENOMEM
                 : fsq_robust_run_protocol_tests(run, tsv, ntests, &pf, case_class ? &pc : NULL);
        px.case_class = case_class;
    }
    if (!rc) {
        if (c->json)
            summary_json(&b, run, protocol ? &pf : NULL, &px);
        else
            summary_text(&b, run, protocol ? &pf : NULL, &px);
    }
    status = rc ? fsq__cli_fail(c->command, rc)
                : fsq__buf_ok(&b) ? fsq__cli_fail(c->command, FSQ_ENOMEM) : 0;
    if (!status) {
        fsq__buf_append(out, b.data, b.len);
        if (fsq__buf_ok(out))
            status = fsq__cli_fail(c->command, FSQ_ENOMEM);
    }
    free(tsv);
    free(case_class);
    free(ids);
    fsq__buf_free(&b);
    return status;
}
