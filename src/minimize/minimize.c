/* Minimization of a truth table: QCA's minimize(), exact.
 *
 * In:  a truth table and the solution type.
 * Out: prime implicants, PI chart, every minimum model, essentials, fit,
 *      simplifying assumptions (and, for intermediate solutions, the work of
 *      intermediate.c on top of the conservative and parsimonious sets).
 * The sets, as DESIGN.md defines them:
 *   ON  = rows with OUT = 1;
 *   OFF = rows with OUT = 0, and C rows unless they are don't-cares;
 *   conservative: PIs may cover ON (and C rows when included) only;
 *   parsimonious: PIs may cover anything not OFF (remainders implicit).
 * The PI search is src/prime/, the cover src/cover/, the fit src/fit/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/bits.h"
#include "common/clock.h"
#include "common/error.h"
#include "minimize/minimize_internal.h"
#include "prime/prime.h"

void fsq__cfg_list_free(fsq__cfg_list *l)
{
    free(l->cfg);
    memset(l, 0, sizeof *l);
}

void fsq__model_set_free(fsq__model_set *s)
{
    size_t nsol = s->cover.nsolutions;
    if (s->assumptions)
        for (size_t i = 0; i < nsol; i++)
            fsq__cfg_list_free(&s->assumptions[i]);
    free(s->assumptions);
    free(s->pis);
    free(s->cols);
    free(s->chart);
    free(s->sol_fit);
    free(s->term_fit);
    free(s->model_term_fit);
    fsq__cover_result_free(&s->cover);
    memset(s, 0, sizeof *s);
}

void fsq_min_free(fsq_min *m)
{
    if (!m)
        return;
    fsq__model_set_free(&m->main);
    fsq__model_set_free(&m->cons);
    fsq__model_set_free(&m->pars);
    for (size_t i = 0; i < m->nkeys; i++) {
        fsq__cfg_list_free(&m->keys[i].ec);
        fsq__cfg_list_free(&m->keys[i].dc);
        fsq__model_set_free(&m->keys[i].set);
    }
    free(m->keys);
    free(m->distinct_key);
    free(m->distinct_model);
    free(m->intermediate_count);
    if (m->expect)
        for (size_t j = 0; j < m->tt->k; j++)
            free(m->expect[j]);
    free(m->expect);
    free(m);
}

void fsq__cube_text(const fsq_tt *tt, const unsigned char *cube, fsq__buf *b)
{
    int first = 1;
    for (size_t j = 0; j < tt->k; j++) {
        if (cube[j] == FSQ__DASH)
            continue;
        if (!first)
            fsq__buf_putc(b, '*');
        first = 0;
        if (tt->type == FSQ_MULTIVALUE)
            fsq__buf_printf(b, "%s[%u]", tt->conditions[j], cube[j]);
        else
            fsq__buf_printf(b, "%s%s", cube[j] ? "" : "~", tt->conditions[j]);
    }
    if (first)
        fsq__buf_putc(b, '1');
}

/* A phase of the minimization: its deadline under o->time_limit, which
 * counts from o->time_start (set by fsq_minimize: every phase, and every
 * key of an intermediate solution, shares one deadline). */
static int phase_deadline(const fsq_min_options *o, const char *phase, double *deadline)
{
    return fsq__phase_deadline(o->time_limit, o->time_start, phase, deadline);
}

/* A phase below (PI search, cover) states its limit as the seconds it was
 * given; the message names the user's limit instead. */
static int restate_limit(const fsq_min_options *o, int rc)
{
    static const char head[] = "time limit of ";
    const char *msg = fsq_last_error(), *rest = NULL;
    if (rc != FSQ_ELIMIT || o->time_limit <= 0 || strncmp(msg, head, sizeof head - 1) != 0 ||
        !(rest = strstr(msg, " s ")))
        return rc;
    return fsq__error(FSQ_ELIMIT, "time limit of %g%s", o->time_limit, rest);
}

/* Rows of tt with the given OUT codes, as a digit array. */
static int rows_with(const fsq_tt *tt, int want_0, int want_1, int want_c, unsigned char **out,
                     size_t *n)
{
    *n = 0;
    *out = malloc((tt->nrows ? tt->nrows : 1) * tt->k);
    if (!*out)
        return fsq__nomem();
    for (size_t r = 0; r < tt->nrows; r++) {
        int o = tt->row_out[r];
        if ((o == FSQ_OUT_0 && want_0) || (o == FSQ_OUT_1 && want_1) || (o == FSQ_OUT_C && want_c))
            memcpy(*out + (*n)++ * tt->k, tt->rows + r * tt->k, tt->k);
    }
    return 0;
}

int fsq__build_chart(const fsq_tt *tt, const fsq_min_options *o, int mode,
                     const unsigned char *off, size_t noff, const unsigned char *dc, size_t ndc,
                     fsq__model_set *set)
{
    size_t k = tt->k;
    unsigned char *on = NULL;
    fsq__pi_result pis = {0};
    int rc;
    memset(set, 0, sizeof *set);

    /* Chart columns: the ON rows, in index order. */
    set->cols = malloc((tt->nrows ? tt->nrows : 1) * sizeof *set->cols);
    on = malloc((tt->nrows ? tt->nrows : 1) * k);
    if (!set->cols || !on) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t r = 0; r < tt->nrows; r++)
        if (tt->row_out[r] == FSQ_OUT_1) {
            memcpy(on + set->ncols * k, tt->rows + r * k, k);
            set->cols[set->ncols++] = r;
        }

    /* The prime implicants: every one (src/prime/). This is the spot where
     * a generator that prices PIs against the cover LP would produce them
     * instead (set->npis, set->pis, then the chart below). */
    fsq__pi_problem p = {0};
    p.k = k;
    p.levels = tt->levels;
    p.mode = mode;
    p.non = set->ncols;
    p.on = on;
    p.noff = noff;
    p.off = off;
    p.ndc = ndc;
    p.dc = dc;
    p.max_pis = o->max_pis;
    p.threads = o->threads;
    double deadline;
    if ((rc = phase_deadline(o, "the prime implicant search", &deadline)))
        goto done;
    p.time_limit = fsq__seconds_left(deadline);
    if ((rc = restate_limit(o, fsq__colgen_prime_implicants(&p, &pis, &set->pi_info))))
        goto done;
    set->npis = pis.npis;
    set->pis = pis.cubes;
    set->pi_nodes = pis.nodes + set->pi_info.other_nodes;
    pis.cubes = NULL;

    /* The PI chart: bit c of row i is set when PI i covers ON row c. */
    if ((rc = phase_deadline(o, "the PI chart", &deadline)))
        goto done;
    rc = fsq__pi_chart_until(tt->levels, k, on, set->ncols, set->pis, set->npis, &set->chart,
                             &set->nwords, deadline);
    if (rc == FSQ_ELIMIT)
        rc = fsq__time_error(o->time_limit, "the PI chart");

done:
    free(on);
    fsq__pi_result_free(&pis);
    if (rc)
        fsq__model_set_free(set);
    return rc;
}

int fsq__solve_set(const fsq_tt *tt, const fsq_min_options *o, int mode,
                   const unsigned char *off, size_t noff, const unsigned char *dc, size_t ndc,
                   fsq__model_set *set)
{
    size_t k = tt->k;
    int rc;
    double deadline;
    if ((rc = fsq__build_chart(tt, o, mode, off, noff, dc, ndc, set)))
        return rc;
    if ((rc = phase_deadline(o, "the cover search", &deadline)))
        goto done;
    fsq__cover_problem cp = {0};
    cp.npis = set->npis;
    cp.ncols = set->ncols;
    cp.nwords = set->nwords;
    cp.chart = set->chart;
    cp.max_solutions = o->max_solutions ? o->max_solutions : FSQ_MIN_DEFAULT_LISTED;
    cp.time_limit = fsq__seconds_left(deadline);
    cp.threads = o->threads;
    if ((rc = restate_limit(o, fsq__cover_solve(&cp, &set->cover))))
        goto done;
    if ((rc = phase_deadline(o, "the simplifying assumptions", &deadline)))
        goto done;

    /* Simplifying assumptions of each model. */
    size_t nsol = set->cover.nsolutions, size = set->cover.size;
    set->assumptions = calloc(nsol ? nsol : 1, sizeof *set->assumptions);
    unsigned char *model = malloc((size ? size : 1) * k);
    if (!set->assumptions || !model) {
        free(model);
        rc = fsq__nomem();
        goto done;
    }
    size_t budget = FSQ__MAX_ENUMERATED_CONFIGS; /* for all models together */
    for (size_t s = 0; s < nsol && !rc; s++) {
        if (fsq__past(deadline)) {
            rc = fsq__time_error(o->time_limit, "the simplifying assumptions");
            break;
        }
        if (budget == 0) {
            set->assumptions[s].truncated = 1;
            continue;
        }
        for (size_t t = 0; t < size; t++)
            memcpy(model + t * k, set->pis + set->cover.pis[s * size + t] * k, k);
        rc = fsq__covered_non_on(tt, model, size, &set->assumptions[s]);
        budget -= set->assumptions[s].n < budget ? set->assumptions[s].n : budget;
    }
    free(model);
    if (rc || (rc = phase_deadline(o, "the fit", &deadline)))
        goto done;
    if ((rc = fsq__fit_model_set(tt, set, o->threads, deadline)) == FSQ_ELIMIT)
        rc = fsq__time_error(o->time_limit, "the fit");
done:
    if (rc)
        fsq__model_set_free(set);
    return rc;
}

static int check_limits(const fsq_tt *tt, const fsq_min_options *o)
{
    if (o->type == FSQ_INTERMEDIATE && o->ndir_exp != tt->k)
        return fsq__error(FSQ_EINPUT, "intermediate solutions need one directional expectation "
                          "per condition (%zu given, %zu conditions)", o->ndir_exp, tt->k);
    return 0;
}

int fsq_minimize(fsq_min **out, const fsq_tt *tt, const fsq_min_options *opts)
{
    fsq_min_options defaults = FSQ_MIN_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    *out = NULL;
    unsigned char *off = NULL, *dc = NULL;
    size_t noff = 0, ndc = 0, non = 0;
    int rc;
    if ((rc = check_limits(tt, opts)))
        return rc;
    fsq_min *m = calloc(1, sizeof *m);
    if (!m)
        return fsq__nomem();
    m->tt = tt;
    m->opts = *opts;
    m->opts.dir_exp = NULL; /* not kept: parsed into m->expect */
    /* One clock for every phase (and, when the caller gave time_start, for
     * the output built from the result: m->opts keeps it as given). */
    fsq_min_options o1 = *opts;
    double given_start = o1.time_start;
    if (o1.time_start <= 0)
        o1.time_start = fsq__now();
    m->opts.time_start = o1.time_start; /* intermediate.c's keys use m->opts */
    opts = &o1;
    m->type = opts->type;

    for (size_t r = 0; r < tt->nrows; r++)
        non += tt->row_out[r] == FSQ_OUT_1;
    if (non == 0) {
        rc = fsq__error(FSQ_ENOSOLUTION, "no configuration has OUT = 1: nothing to minimize "
                        "(check --incl-cut, --pri-cut and --n-cut)");
        goto done;
    }
    int c_dc = opts->include_contradictions;
    if ((rc = rows_with(tt, 1, 0, !c_dc, &off, &noff)) ||
        (rc = rows_with(tt, 0, 0, c_dc, &dc, &ndc)) ||
        (rc = fsq__apply_exclude(tt, opts, &off, &noff, dc, &ndc)))
        goto done;
    if (opts->type != FSQ_CONSERVATIVE && noff == 0) {
        rc = fsq__error(FSQ_ENOSOLUTION, "all truth table configurations are positive or "
                        "don't-cares: every condition is minimized away (the solution would be "
                        "the tautology); check the truth table");
        goto done;
    }
    switch (opts->type) {
    case FSQ_CONSERVATIVE:
        rc = fsq__solve_set(tt, opts, FSQ__PI_EXPLICIT, NULL, 0, dc, ndc, &m->main);
        break;
    case FSQ_PARSIMONIOUS:
        rc = fsq__solve_set(tt, opts, FSQ__PI_REMAINDERS, off, noff, NULL, 0, &m->main);
        break;
    case FSQ_INTERMEDIATE:
        if ((rc = fsq__solve_set(tt, opts, FSQ__PI_EXPLICIT, NULL, 0, dc, ndc, &m->cons)) ||
            (rc = fsq__solve_set(tt, opts, FSQ__PI_REMAINDERS, off, noff, NULL, 0, &m->pars)))
            break;
        m->opts.dir_exp = opts->dir_exp;
        rc = fsq__intermediate(m);
        m->opts.dir_exp = NULL;

        if (!rc) {
            char n[32];
            snprintf(n, sizeof n, "%zu", m->ndistinct);
            if (!(m->intermediate_count = strdup(n)))
                rc = fsq__nomem();
        }
        break;
    default:
        rc = fsq__error(FSQ_EINPUT, "unknown solution type %d", (int)opts->type);
    }
    m->opts.time_start = given_start;
done:
    free(off);
    free(dc);
    if (rc) {
        fsq_min_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

/* The final models, whatever the type. */
static const fsq__model_set *model_of(const fsq_min *m, size_t i, size_t *model)
{
    if (m->type != FSQ_INTERMEDIATE) {
        *model = i;
        return &m->main;
    }
    *model = m->distinct_model[i];
    return &m->keys[m->distinct_key[i]].set;
}

const fsq__model_set *fsq__min_model(const fsq_min *m, size_t i, size_t *model)
{
    return model_of(m, i, model);
}

size_t fsq_min_nsolutions(const fsq_min *m)
{
    return m->type == FSQ_INTERMEDIATE ? m->ndistinct : m->main.cover.nsolutions;
}

char *fsq_min_solution_text(const fsq_min *m, size_t i)
{
    size_t s;
    const fsq__model_set *set = model_of(m, i, &s);
    fsq__buf b = FSQ__BUF_INIT;
    for (size_t t = 0; t < set->cover.size; t++) {
        if (t)
            fsq__buf_puts(&b, " + ");
        fsq__cube_text(m->tt, set->pis + set->cover.pis[s * set->cover.size + t] * m->tt->k, &b);
    }
    if (fsq__buf_ok(&b)) {
        fsq__buf_free(&b);
        return NULL;
    }
    return fsq__buf_detach(&b, NULL);
}

void fsq_min_solution_fit(const fsq_min *m, size_t i, double *incl, double *pri, double *cov)
{
    size_t s;
    const fsq__model_set *set = model_of(m, i, &s);
    *incl = set->sol_fit[s].incl;
    *pri = set->sol_fit[s].pri;
    *cov = set->sol_fit[s].cov;
}

int fsq_min_solution_membership(const fsq_min *m, size_t i, double *out)
{
    const fsq_tt *tt = m->tt;
    if (i >= fsq_min_nsolutions(m))
        return fsq__error(FSQ_EINPUT, "no model %zu (there are %zu)", i + 1,
                          fsq_min_nsolutions(m));
    size_t s;
    const fsq__model_set *set = model_of(m, i, &s);
    double *term = malloc((tt->ncases ? tt->ncases : 1) * sizeof *term);
    if (!term)
        return fsq__nomem();
    for (size_t c = 0; c < tt->ncases; c++)
        out[c] = 0.0;
    for (size_t t = 0; t < set->cover.size; t++) {
        fsq__tt_cube_membership(tt, set->pis + set->cover.pis[s * set->cover.size + t] * tt->k,
                                term);
        for (size_t c = 0; c < tt->ncases; c++)
            out[c] = term[c] > out[c] ? term[c] : out[c];
    }
    free(term);
    return 0;
}

/* ---- Counting and proof (issue 8) ----------------------------------------- */

const char *fsq__proof_method(int proof)
{
    return proof == FSQ__PROOF_LP ? "lp"
           : proof == FSQ__PROOF_SEARCH ? "branch_and_bound"
                                        : "combinatorial";
}

int fsq__set_complete(const fsq__model_set *set)
{
    char listed[32];
    snprintf(listed, sizeof listed, "%zu", set->cover.nsolutions);
    return set->cover.count && strcmp(set->cover.count, listed) == 0;
}

const char *fsq_min_model_count(const fsq_min *m)
{
    if (m->type != FSQ_INTERMEDIATE)
        return m->main.cover.count;
    return fsq__set_complete(&m->cons) && fsq__set_complete(&m->pars) ? m->intermediate_count
                                                                      : NULL;
}

size_t fsq_min_models_listed(const fsq_min *m)
{
    return fsq_min_nsolutions(m);
}

int fsq_min_proof(const fsq_min *m, size_t *size, size_t *lower_bound, const char **method)
{
    if (m->type == FSQ_INTERMEDIATE)
        return fsq__error(FSQ_EINPUT, "intermediate models are not minimum covers: ask the "
                                      "conservative or parsimonious solution for a proof");
    if (size)
        *size = m->main.cover.size;
    if (lower_bound)
        *lower_bound = m->main.cover.lower_bound;
    if (method)
        *method = fsq__proof_method(m->main.cover.proof);
    return 0;
}
