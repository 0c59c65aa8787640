/* Minimization results as a text report, like QCA's print of minimize():
 * each model as "M1: A*~B + C -> Y", then a fit table per model with the
 * cases of each term (membership above 0.5). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/error.h"
#include "minimize/minimize_internal.h"

enum { MAX_LISTED = 12 };

/* The cases of each PI of one model set (membership above 0.5, at most
 * MAX_LISTED ids), made once per PI: the same PIs recur in many models. */
typedef struct {
    const fsq__model_set *set;
    char **text;  /* set->npis, NULL until made */
    double *mem;  /* ncases scratch */
    int nomem;
} case_lists;

static void case_lists_free(case_lists *cl)
{
    for (size_t i = 0; cl->text && i < cl->set->npis; i++)
        free(cl->text[i]);
    free(cl->text);
    cl->text = NULL;
    cl->set = NULL;
}

static const char *pi_cases(case_lists *cl, const fsq_tt *tt, const fsq__model_set *set,
                            size_t pi)
{
    if (cl->set != set) {
        case_lists_free(cl);
        if (!(cl->text = calloc(set->npis ? set->npis : 1, sizeof *cl->text))) {
            cl->nomem = 1;
            return "";
        }
        cl->set = set;
    }
    if (cl->text[pi])
        return cl->text[pi];
    fsq__buf t = FSQ__BUF_INIT;
    fsq__tt_cube_membership(tt, set->pis + pi * tt->k, cl->mem);
    size_t shown = 0, total = 0;
    for (size_t c = 0; c < tt->ncases; c++)
        if (cl->mem[c] > 0.5 && total++ < MAX_LISTED)
            fsq__buf_printf(&t, "%s%s", shown++ ? "," : "", tt->case_ids[c]);
    if (total > shown)
        fsq__buf_printf(&t, " ... (%zu cases in all)", total);
    if (fsq__buf_hand_out(&t, &cl->text[pi], NULL)) {
        cl->nomem = 1;
        return "";
    }
    return cl->text[pi];
}

static void fit_table(fsq__buf *b, const fsq_tt *tt, const fsq__model_set *set, size_t s,
                      const char *label, case_lists *cl)
{
    size_t size = set->cover.size, k = tt->k, width = 8;
    fsq__buf t = FSQ__BUF_INIT;
    for (size_t q = 0; q < size; q++) {
        t.len = 0;
        fsq__cube_text(tt, set->pis + set->cover.pis[s * size + q] * k, &t);
        if (t.len > width)
            width = t.len;
    }
    fsq__buf_printf(b, "\n%-*s   inclS    PRI   covS   covU  cases\n", (int)(width + 4), "");
    for (size_t q = 0; q < size; q++) {
        const unsigned char *cube = set->pis + set->cover.pis[s * size + q] * k;
        const fsq__term_fit *f = &set->model_term_fit[s * size + q];
        t.len = 0;
        fsq__cube_text(tt, cube, &t);
        fsq__buf_printf(b, "%2zu  %-*s  %6.3f %6.3f %6.3f ", q + 1, (int)width,
                        fsq__buf_str(&t), f->incl, f->pri, f->cov);
        if (isnan(f->cov_u))
            fsq__buf_puts(b, "     -  ");
        else
            fsq__buf_printf(b, "%6.3f  ", f->cov_u);
        /* At most MAX_LISTED ids on a line; --json lists every case. */
        fsq__buf_puts(b, pi_cases(cl, tt, set, set->cover.pis[s * size + q]));
        fsq__buf_putc(b, '\n');
    }
    const fsq__sol_fit *sf = &set->sol_fit[s];
    fsq__buf_printf(b, "    %-*s  %6.3f %6.3f %6.3f\n", (int)width, label, sf->incl, sf->pri,
                    sf->cov);
    fsq__buf_free(&t);
}

static void model_line(fsq__buf *b, const fsq_tt *tt, const fsq__model_set *set, size_t s,
                       const char *label)
{
    fsq__buf_printf(b, "%s: ", label);
    for (size_t q = 0; q < set->cover.size; q++) {
        if (q)
            fsq__buf_puts(b, " + ");
        fsq__cube_text(tt, set->pis + set->cover.pis[s * set->cover.size + q] * tt->k, b);
    }
    fsq__buf_printf(b, " -> %s%s\n", tt->negated ? "~" : "", tt->outcome);
}

int fsq_min_to_text(const fsq_min *m, char **text, size_t *len)
{
    const fsq_tt *tt = m->tt;
    fsq__buf b = FSQ__BUF_INIT;
    static const char phase[] = "the text report";
    double deadline;
    int late = 0;
    int rc = fsq__phase_deadline(m->opts.time_start > 0 ? m->opts.time_limit : 0,
                                 m->opts.time_start, phase, &deadline);
    if (rc)
        return rc;
    double *mem = malloc((tt->ncases ? tt->ncases : 1) * sizeof *mem);
    if (!mem)
        return fsq__nomem();
    case_lists cl = {NULL, NULL, mem, 0};
    const char *kind = m->type == FSQ_CONSERVATIVE   ? "Conservative (complex)"
                       : m->type == FSQ_PARSIMONIOUS ? "Parsimonious"
                                                     : "Intermediate";
    size_t n = fsq_min_nsolutions(m);
    const char *count = fsq_min_model_count(m);
    fsq__buf_printf(&b, "%s solution%s of %s%s (%s model%s, exact):\n", kind, n == 1 ? "" : "s",
                    tt->negated ? "~" : "", tt->outcome, count ? count : "?",
                    count && strcmp(count, "1") == 0 ? "" : "s");
    if (m->type != FSQ_INTERMEDIATE) {
        const fsq__cover_result *c = &m->main.cover;
        fsq__buf_printf(&b, "minimum %zu PI%s, proven: %s %zu\n", c->size, c->size == 1 ? "" : "s",
                        c->proof == FSQ__PROOF_LP       ? "LP bound"
                        : c->proof == FSQ__PROOF_SEARCH ? "exhaustive branch and bound, LP bound"
                                                        : "combinatorial bound",
                        c->proof == FSQ__PROOF_SEARCH ? c->lp_bound : c->lower_bound);
    }
    if (!count)
        fsq__buf_printf(&b, "listing the %zu distinct models of the listed conservative and "
                        "parsimonious models (at least one of them is capped by "
                        "--max-solutions)\n", n);
    else if (strcmp(count, "0") != 0 && !(m->type == FSQ_INTERMEDIATE || fsq__set_complete(&m->main)))
        fsq__buf_printf(&b, "listing the first %zu of %s minimum models (--max-solutions); the "
                        "fit tables cover the listed ones\n", n, count);
    fsq__buf_putc(&b, '\n');
    char label[32];
    for (size_t d = 0; d < n && !(late = (d & 255) == 0 && fsq__past(deadline)); d++) {
        const fsq__model_set *set = m->type == FSQ_INTERMEDIATE ? &m->keys[m->distinct_key[d]].set
                                                                : &m->main;
        size_t s = m->type == FSQ_INTERMEDIATE ? m->distinct_model[d] : d;
        snprintf(label, sizeof label, "M%zu", d + 1);
        model_line(&b, tt, set, s, label);
    }
    if (m->type == FSQ_INTERMEDIATE)
        for (size_t q = 0; q < m->nkeys; q++) {
            const fsq__int_key *key = &m->keys[q];
            fsq__buf_printf(&b, "\nC%zuP%zu: %zu easy counterfactual%s, %zu difficult\n",
                            key->c_model + 1, key->p_model + 1, key->ec.n,
                            key->ec.n == 1 ? "" : "s", key->dc.n);
        }
    for (size_t d = 0; d < n && !late && !(late = (d & 15) == 0 && fsq__past(deadline)); d++) {
        const fsq__model_set *set = m->type == FSQ_INTERMEDIATE ? &m->keys[m->distinct_key[d]].set
                                                                : &m->main;
        size_t s = m->type == FSQ_INTERMEDIATE ? m->distinct_model[d] : d;
        snprintf(label, sizeof label, "M%zu", d + 1);
        fit_table(&b, tt, set, s, label, &cl);
    }
    const fsq__model_set *ms = m->type == FSQ_INTERMEDIATE ? NULL : &m->main;
    if (ms && ms->cover.nessential < ms->cover.size && n > 1) {
        fsq__buf_puts(&b, "\nEssential (in every model):");
        for (size_t e = 0; e < ms->cover.nessential; e++) {
            fsq__buf_puts(&b, e ? ", " : " ");
            fsq__cube_text(tt, ms->pis + ms->cover.essential[e] * tt->k, &b);
        }
        if (!ms->cover.nessential)
            fsq__buf_puts(&b, " none");
        fsq__buf_putc(&b, '\n');
    }
    case_lists_free(&cl);
    free(mem);
    if (cl.nomem) {
        fsq__buf_free(&b);
        return fsq__nomem();
    }
    if (late) {
        fsq__buf_free(&b);
        return fsq__time_error(m->opts.time_limit, phase);
    }
    return fsq__buf_hand_out(&b, text, len);
}
