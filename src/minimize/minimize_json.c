/* Minimization results as JSON, in the schema of the QCA reference files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/error.h"
#include "minimize/minimize_internal.h"
#include "prime/prime.h"

/* The term text of a PI, in a reusable buffer. */
static const char *term(const fsq_tt *tt, const unsigned char *cube, fsq__buf *b)
{
    b->len = 0;
    fsq__cube_text(tt, cube, b);
    return fsq__buf_str(b);
}

static void index_array(fsq__json *j, const fsq_tt *tt, const unsigned char *cfgs, size_t n)
{
    char num[700];
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (size_t i = 0; i < n; i++)
        fsq__json_raw(j, fsq__tt_index_text(cfgs + i * tt->k, tt->levels, tt->k, num, sizeof num));
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);
}

/* What one JSON result may list of configurations in all (simplifying
 * assumptions, EC and DC, over every model): a small input with many models
 * could otherwise make megabytes of index lists. A list that does not fit
 * what is left is replaced by a note; its length is still given in the
 * "..._count" key and "..._listed" says which lists are complete. */
#define FSQ__MAX_JSON_CONFIGS 200000

/* 1 if the list fits in *left (and takes its share), else 0. */
static int fits(const fsq__cfg_list *l, size_t *left)
{
    if (l->truncated || l->n > *left)
        return 0;
    *left -= l->n;
    return 1;
}

/* A list, or the note saying why it is not listed. */
static void config_list(fsq__json *j, const fsq_tt *tt, const fsq__cfg_list *l, int listed)
{
    if (listed)
        index_array(j, tt, l->cfg, l->n);
    else if (l->truncated)
        fsq__json_string(j, "not listed: more than 200000 configurations, or past the "
                            "2000000 one minimization enumerates in all");
    else
        fsq__json_string(j, "not listed: this result lists at most 200000 configurations in all "
                            "(see the _count keys)");
}

/* The count of a list: null when too many to enumerate. */
static void config_count(fsq__json *j, const fsq__cfg_list *l)
{
    if (l->truncated)
        fsq__json_null(j);
    else
        fsq__json_uint(j, l->n);
}

/* {"key": value, ...} on one line. NaN is written as null (QCA's NA). */
static void number_object(fsq__json *j, const char *const *keys, const double *values, size_t n)
{
    fsq__json_compact(j, 1);
    fsq__json_begin_object(j);
    for (size_t i = 0; i < n; i++) {
        fsq__json_key(j, keys[i]);
        fsq__json_number(j, values[i]);
    }
    fsq__json_end_object(j);
    fsq__json_compact(j, 0);
}

static void fit_object(fsq__json *j, const fsq__term_fit *f)
{
    static const char *const keys[] = {"inclS", "PRI", "covS", "covU"};
    const double values[] = {f->incl, f->pri, f->cov, f->cov_u};
    number_object(j, keys, values, 4);
}

static void sol_fit_object(fsq__json *j, const fsq__sol_fit *f)
{
    static const char *const keys[] = {"incl", "PRI", "cov"};
    const double values[] = {f->incl, f->pri, f->cov};
    number_object(j, keys, values, 3);
}

/* [["A*B", "C"], ...]: the models of a set, terms in cover order. */
/* Whether the output's deadline has passed (checked at every `every`-th
 * item i, every a power of two); the loops then stop and the writer fails. */
static int late(fsq__json *j, size_t i, size_t every)
{
    if (!j->late && (i & (every - 1)) == 0 && fsq__past(j->deadline))
        j->late = 1;
    return j->late;
}

static void models(fsq__json *j, const fsq_tt *tt, const fsq__model_set *set, fsq__buf *b)
{
    size_t size = set->cover.size;
    fsq__json_begin_array(j);
    for (size_t s = 0; s < set->cover.nsolutions && !late(j, s, 16); s++) {
        fsq__json_compact(j, 1);
        fsq__json_begin_array(j);
        for (size_t t = 0; t < size; t++)
            fsq__json_string(j, term(tt, set->pis + set->cover.pis[s * size + t] * tt->k, b));
        fsq__json_end_array(j);
        fsq__json_compact(j, 0);
    }
    fsq__json_end_array(j);
}

static void pi_list(fsq__json *j, const fsq_tt *tt, const fsq__model_set *set, fsq__buf *b)
{
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (size_t i = 0; i < set->npis && !late(j, i, 1024); i++)
        fsq__json_string(j, term(tt, set->pis + i * tt->k, b));
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);
    /* Column generation lists only the PIs that can be in a minimum model
     * (src/minimize/colgen.c); the total is then unknown. */
    fsq__json_key(j, "prime_implicants_complete");
    fsq__json_bool(j, set->pi_info.complete);
    if (!set->pi_info.complete) {
        fsq__json_key(j, "prime_implicants_total");
        fsq__json_null(j);
        fsq__json_key(j, "pi_generation");
        fsq__json_compact(j, 1);
        fsq__json_begin_object(j);
        fsq__json_key(j, "method");
        fsq__json_string(j, "column_generation");
        fsq__json_key(j, "lp_bound");
        fsq__json_number(j, set->pi_info.lp_bound);
        fsq__json_key(j, "columns_generated");
        fsq__json_uint(j, set->pi_info.generated);
        fsq__json_key(j, "lp_rounds");
        fsq__json_uint(j, set->pi_info.rounds);
        fsq__json_end_object(j);
        fsq__json_compact(j, 0);
    }
}

/* Every key of a model set. */
static void write_set(fsq__json *j, const fsq_tt *tt, const fsq__model_set *set, fsq__buf *b,
                      size_t *left)
{
    size_t k = tt->k, size = set->cover.size, nsol = set->cover.nsolutions;
    char num[700];
    fsq__json_key(j, "solutions");
    models(j, tt, set, b);
    fsq__json_key(j, "essential");
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (size_t e = 0; e < set->cover.nessential; e++)
        fsq__json_string(j, term(tt, set->pis + set->cover.essential[e] * k, b));
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);
    fsq__json_key(j, "prime_implicants");
    pi_list(j, tt, set, b);
    fsq__json_key(j, "pi_chart_columns");
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (size_t c = 0; c < set->ncols; c++)
        fsq__json_raw(j, fsq_tt_row_index(tt, set->cols[c], num, sizeof num));
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);
    fsq__json_key(j, "pi_chart");
    fsq__json_begin_object(j);
    for (size_t i = 0; i < set->npis && !late(j, i, 64); i++) {
        fsq__json_key(j, term(tt, set->pis + i * k, b));
        fsq__json_compact(j, 1);
        fsq__json_begin_array(j);
        for (size_t c = 0; c < set->ncols; c++)
            if (set->chart[i * set->nwords + c / 64] >> (c % 64) & 1)
                fsq__json_raw(j, fsq_tt_row_index(tt, set->cols[c], num, sizeof num));
        fsq__json_end_array(j);
        fsq__json_compact(j, 0);
    }
    fsq__json_end_object(j);
    fsq__json_key(j, "solution_fit");
    fsq__json_begin_array(j);
    for (size_t s = 0; s < nsol && !late(j, s, 64); s++)
        sol_fit_object(j, &set->sol_fit[s]);
    fsq__json_end_array(j);

    /* Terms of any model, in PI order. */
    unsigned char *in_model = calloc(set->npis ? set->npis : 1, 1);
    for (size_t e = 0; in_model && e < nsol * size; e++)
        in_model[set->cover.pis[e]] = 1;
    fsq__json_key(j, "term_fit");
    fsq__json_begin_object(j);
    for (size_t i = 0; in_model && i < set->npis; i++)
        if (in_model[i]) {
            fsq__json_key(j, term(tt, set->pis + i * k, b));
            fit_object(j, &set->term_fit[i]);
        }
    fsq__json_end_object(j);
    fsq__json_key(j, "solution_term_fit");
    fsq__json_begin_array(j);
    for (size_t s = 0; s < nsol && !late(j, s, 8); s++) {
        fsq__json_begin_object(j);
        for (size_t t = 0; t < size; t++) {
            fsq__json_key(j, term(tt, set->pis + set->cover.pis[s * size + t] * k, b));
            fit_object(j, &set->model_term_fit[s * size + t]);
        }
        fsq__json_end_object(j);
    }
    fsq__json_end_array(j);
    unsigned char *listed = malloc(nsol ? nsol : 1);
    if (!listed)
        j->out->failed = 1;
    for (size_t s = 0; listed && s < nsol; s++)
        listed[s] = (unsigned char)fits(&set->assumptions[s], left);
    for (int part = 0; listed && part < 3; part++) {
        static const char *const keys[3] = {"simplifying_assumptions",
                                            "simplifying_assumptions_count",
                                            "simplifying_assumptions_listed"};
        fsq__json_key(j, keys[part]);
        fsq__json_compact(j, part > 0);
        fsq__json_begin_object(j);
        for (size_t s = 0; s < nsol && !late(j, s, 8); s++) {
            char name[32];
            snprintf(name, sizeof name, "M%zu", s + 1);
            fsq__json_key(j, name);
            if (part == 0)
                config_list(j, tt, &set->assumptions[s], listed[s]);
            else if (part == 1)
                config_count(j, &set->assumptions[s]);
            else
                fsq__json_bool(j, listed[s]);
        }
        fsq__json_end_object(j);
        fsq__json_compact(j, 0);
    }
    free(listed);
    /* The cases with membership above 0.5 in each term. */
    fsq__json_key(j, "term_cases");
    fsq__json_begin_object(j);
    double *mem = malloc((tt->ncases ? tt->ncases : 1) * sizeof *mem);
    for (size_t i = 0; in_model && mem && i < set->npis && !late(j, i, 16); i++) {
        if (!in_model[i])
            continue;
        fsq__json_key(j, term(tt, set->pis + i * k, b));
        fsq__tt_cube_membership(tt, set->pis + i * k, mem);
        fsq__json_compact(j, 1);
        fsq__json_begin_array(j);
        for (size_t c = 0; c < tt->ncases; c++)
            if (mem[c] > 0.5)
                fsq__json_string(j, tt->case_ids[c]);
        fsq__json_end_array(j);
        fsq__json_compact(j, 0);
    }
    fsq__json_end_object(j);
    if (!in_model || !mem)
        j->out->failed = 1;
    free(mem);
    free(in_model);
}

static void key_name(char *buf, size_t size, const fsq__int_key *key)
{
    snprintf(buf, size, "C%zuP%zu", key->c_model + 1, key->p_model + 1);
}

/* A list of distinct term strings in order of first appearance. */
typedef struct {
    char **items;
    size_t n, cap;
} strset;

static void strset_add(strset *s, const char *t)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->items[i], t) == 0)
            return;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        char **p = realloc(s->items, cap * sizeof *p);
        if (!p)
            return;
        s->items = p;
        s->cap = cap;
    }
    s->items[s->n] = malloc(strlen(t) + 1);
    if (s->items[s->n])
        strcpy(s->items[s->n++], t);
}

static void strset_write(fsq__json *j, strset *s)
{
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (size_t i = 0; i < s->n; i++) {
        fsq__json_string(j, s->items[i]);
        free(s->items[i]);
    }
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);
    free(s->items);
    memset(s, 0, sizeof *s);
}

static void write_intermediate(fsq__json *j, const fsq_min *m, fsq__buf *b, size_t *left)
{
    const fsq_tt *tt = m->tt;
    size_t k = tt->k;
    char name[64];
    fsq__json_key(j, "dir_exp");
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (size_t c = 0; c < k; c++) {
        b->len = 0;
        if (!m->expect[c])
            fsq__buf_putc(b, '-');
        for (unsigned l = 0; m->expect[c] && l < tt->levels[c]; l++)
            if (m->expect[c][l])
                fsq__buf_printf(b, "%s%u", b->len ? ";" : "", l);
        fsq__json_string(j, fsq__buf_str(b));
    }
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);

    /* The distinct models and where each came from. */
    fsq__json_key(j, "solutions");
    fsq__json_begin_array(j);
    for (size_t d = 0; d < m->ndistinct; d++) {
        const fsq__model_set *set = &m->keys[m->distinct_key[d]].set;
        size_t s = m->distinct_model[d], size = set->cover.size;
        fsq__json_compact(j, 1);
        fsq__json_begin_array(j);
        for (size_t t = 0; t < size; t++)
            fsq__json_string(j, term(tt, set->pis + set->cover.pis[s * size + t] * k, b));
        fsq__json_end_array(j);
        fsq__json_compact(j, 0);
    }
    fsq__json_end_array(j);
    fsq__json_key(j, "solutions_from");
    fsq__json_begin_array(j);
    for (size_t d = 0; d < m->ndistinct; d++) {
        const fsq__model_set *ds = &m->keys[m->distinct_key[d]].set;
        fsq__json_compact(j, 1);
        fsq__json_begin_array(j);
        for (size_t q = 0; q < m->nkeys; q++)
            for (size_t s = 0; s < m->keys[q].set.cover.nsolutions; s++) {
                int same = fsq__same_model(k, ds, m->distinct_model[d], &m->keys[q].set, s);
                if (same) {
                    key_name(name, sizeof name, &m->keys[q]);
                    fsq__json_string(j, name);
                }
            }
        fsq__json_end_array(j);
        fsq__json_compact(j, 0);
    }
    fsq__json_end_array(j);
    fsq__json_key(j, "solution_fit");
    fsq__json_begin_array(j);
    for (size_t d = 0; d < m->ndistinct; d++)
        sol_fit_object(j, &m->keys[m->distinct_key[d]].set.sol_fit[m->distinct_model[d]]);
    fsq__json_end_array(j);

    /* Per distinct model its own term table; the combined table takes each
     * term from the first model it appears in (as QCA does). */
    fsq__json_key(j, "solution_term_fit");
    fsq__json_begin_array(j);
    for (size_t d = 0; d < m->ndistinct; d++) {
        const fsq__model_set *set = &m->keys[m->distinct_key[d]].set;
        size_t s = m->distinct_model[d], size = set->cover.size;
        fsq__json_begin_object(j);
        for (size_t t = 0; t < size; t++) {
            fsq__json_key(j, term(tt, set->pis + set->cover.pis[s * size + t] * k, b));
            fit_object(j, &set->model_term_fit[s * size + t]);
        }
        fsq__json_end_object(j);
    }
    fsq__json_end_array(j);
    strset seen = {0};
    fsq__json_key(j, "term_fit");
    fsq__json_begin_object(j);
    for (size_t d = 0; d < m->ndistinct; d++) {
        const fsq__model_set *set = &m->keys[m->distinct_key[d]].set;
        size_t s = m->distinct_model[d], size = set->cover.size;
        for (size_t t = 0; t < size; t++) {
            const char *name = term(tt, set->pis + set->cover.pis[s * size + t] * k, b);
            size_t before = seen.n;
            strset_add(&seen, name);
            if (seen.n == before)
                continue;
            fsq__json_key(j, name);
            fit_object(j, &set->model_term_fit[s * size + t]);
        }
    }
    fsq__json_end_object(j);
    for (size_t i = 0; i < seen.n; i++)
        free(seen.items[i]);
    free(seen.items);

    strset ess = {0}, pis = {0};
    for (size_t q = 0; q < m->nkeys; q++) {
        const fsq__model_set *set = &m->keys[q].set;
        for (size_t e = 0; e < set->cover.nessential; e++)
            strset_add(&ess, term(tt, set->pis + set->cover.essential[e] * k, b));
        for (size_t i = 0; i < set->npis; i++)
            strset_add(&pis, term(tt, set->pis + i * k, b));
    }
    fsq__json_key(j, "essential");
    strset_write(j, &ess);
    fsq__json_key(j, "prime_implicants");
    strset_write(j, &pis);

    fsq__json_key(j, "conservative");
    fsq__json_begin_object(j);
    fsq__json_key(j, "solutions");
    models(j, tt, &m->cons, b);
    fsq__json_key(j, "prime_implicants");
    pi_list(j, tt, &m->cons, b);
    fsq__json_end_object(j);
    fsq__json_key(j, "parsimonious");
    fsq__json_begin_object(j);
    fsq__json_key(j, "solutions");
    models(j, tt, &m->pars, b);
    fsq__json_key(j, "prime_implicants");
    pi_list(j, tt, &m->pars, b);
    fsq__json_end_object(j);

    fsq__json_key(j, "intermediate");
    fsq__json_begin_array(j);
    for (size_t q = 0; q < m->nkeys; q++) {
        const fsq__int_key *key = &m->keys[q];
        fsq__json_begin_object(j);
        fsq__json_key(j, "key");
        key_name(name, sizeof name, key);
        fsq__json_string(j, name);
        write_set(j, tt, &key->set, b, left);
        int ec = fits(&key->ec, left), dc = fits(&key->dc, left);
        fsq__json_key(j, "EC");
        config_list(j, tt, &key->ec, ec);
        fsq__json_key(j, "DC");
        config_list(j, tt, &key->dc, dc);
        fsq__json_key(j, "EC_count");
        config_count(j, &key->ec);
        fsq__json_key(j, "DC_count");
        config_count(j, &key->dc);
        fsq__json_key(j, "EC_DC_listed");
        fsq__json_bool(j, ec && dc);
        const fsq__model_set *sets[2] = {&m->cons, &m->pars};
        size_t which[2] = {key->c_model, key->p_model};
        for (int w = 0; w < 2; w++) {
            const fsq__model_set *set = sets[w];
            fsq__json_key(j, w ? "p_sol" : "c_sol");
            fsq__json_compact(j, 1);
            fsq__json_begin_array(j);
            for (size_t t = 0; t < set->cover.size; t++)
                fsq__json_string(j, term(tt, set->pis + set->cover.pis[which[w] * set->cover.size +
                                                                        t] * k, b));
            fsq__json_end_array(j);
            fsq__json_compact(j, 0);
        }
        fsq__json_end_object(j);
    }
    fsq__json_end_array(j);
}

/* "configurations": one array per final intermediate model of its chart
 * terms (fsq_min_chart): [{"term", "group", "conditions": {NAME: status},
 * "inclS", "PRI", "covS", "covU"}], conditions a term does not use left out. */
static int write_configurations(fsq__json *j, const fsq_min *m)
{
    fsq__json_key(j, "configurations");
    fsq__json_begin_array(j);
    for (size_t d = 0; d < m->ndistinct; d++) {
        fsq_chart *c;
        int rc = fsq_min_chart(&c, m, d);
        if (rc)
            return rc;
        fsq__json_begin_array(j);
        for (size_t t = 0; t < c->nterms; t++) {
            const fsq_chart_term *term = &c->terms[t];
            fsq__json_begin_object(j);
            fsq__json_key(j, "term");
            fsq__json_string(j, term->term);
            fsq__json_key(j, "group");
            fsq__json_string(j, term->group);
            fsq__json_key(j, "conditions");
            fsq__json_compact(j, 1);
            fsq__json_begin_object(j);
            for (size_t q = 0; q < c->nconditions; q++)
                if (term->status[q] != FSQ_CHART_BLANK) {
                    fsq__json_key(j, c->conditions[q]);
                    fsq__json_string(j, fsq_chart_status_name(term->status[q]));
                }
            fsq__json_end_object(j);
            fsq__json_compact(j, 0);
            static const char *const keys[] = {"inclS", "PRI", "covS", "covU"};
            const double values[] = {term->incl, term->pri, term->cov, term->cov_u};
            for (int v = 0; v < 4; v++) {
                fsq__json_key(j, keys[v]);
                fsq__json_number(j, values[v]);
            }
            fsq__json_end_object(j);
        }
        fsq__json_end_array(j);
        fsq_chart_free(c);
    }
    fsq__json_end_array(j);
    return 0;
}

/* "model_count" (every minimum model, exact, a decimal string),
 * "models_listed" and the certificate of the minimum. For intermediate
 * solutions the count is of the distinct models over the listed
 * (conservative, parsimonious) pairs, null when either list is capped. */
static void write_count(fsq__json *j, const fsq_min *m)
{
    const char *count = fsq_min_model_count(m);
    fsq__json_key(j, "model_count");
    if (count)
        fsq__json_string(j, count);
    else
        fsq__json_null(j);
    fsq__json_key(j, "models_listed");
    fsq__json_uint(j, fsq_min_nsolutions(m));
    const fsq__model_set *sets[2] = {&m->main, NULL};
    const char *names[2] = {"minimum_proof", NULL};
    if (m->type == FSQ_INTERMEDIATE) {
        sets[0] = &m->cons, sets[1] = &m->pars;
        names[0] = "conservative_minimum_proof", names[1] = "parsimonious_minimum_proof";
    }
    for (int i = 0; i < 2 && sets[i]; i++) {
        const fsq__cover_result *c = &sets[i]->cover;
        fsq__json_key(j, names[i]);
        fsq__json_compact(j, 1);
        fsq__json_begin_object(j);
        fsq__json_key(j, "size");
        fsq__json_uint(j, c->size);
        fsq__json_key(j, "lower_bound");
        fsq__json_uint(j, c->lower_bound);
        fsq__json_key(j, "method");
        fsq__json_string(j, fsq__proof_method(c->proof));
        if (c->lp_bound) {
            fsq__json_key(j, "lp_bound");
            fsq__json_uint(j, c->lp_bound);
        }
        if (m->type == FSQ_INTERMEDIATE) {
            fsq__json_key(j, "model_count");
            fsq__json_string(j, c->count ? c->count : "0");
            fsq__json_key(j, "models_listed");
            fsq__json_uint(j, c->nsolutions);
        }
        fsq__json_end_object(j);
        fsq__json_compact(j, 0);
    }
}

int fsq_min_to_json(const fsq_min *m, char **json, size_t *len)
{
    fsq__buf out = FSQ__BUF_INIT, b = FSQ__BUF_INIT;
    fsq__json j;
    fsq__json_init(&j, &out, 1);
    int rc = fsq__phase_deadline(m->opts.time_start > 0 ? m->opts.time_limit : 0,
                                 m->opts.time_start, "the JSON output", &j.deadline);
    if (rc)
        return rc;
    fsq__json_begin_object(&j);
    fsq__tt_json_fields(m->tt, &j);
    fsq__json_key(&j, "solution_type");
    fsq__json_string(&j, m->type == FSQ_CONSERVATIVE   ? "conservative"
                          : m->type == FSQ_PARSIMONIOUS ? "parsimonious"
                                                        : "intermediate");
    fsq__json_key(&j, "include");
    fsq__json_string(&j, m->type == FSQ_CONSERVATIVE
                             ? (m->opts.include_contradictions ? "C" : "")
                             : (m->opts.include_contradictions ? "?,C" : "?"));
    /* fsqca's search is exact: never cut short by a heuristic. */
    fsq__json_key(&j, "exact");
    fsq__json_bool(&j, 1);
    size_t left = FSQ__MAX_JSON_CONFIGS;
    write_count(&j, m);
    if (m->type == FSQ_INTERMEDIATE) {
        write_intermediate(&j, m, &b, &left);
        rc = write_configurations(&j, m);
    } else
        write_set(&j, m->tt, &m->main, &b, &left);
    fsq__json_end_object(&j);
    fsq__buf_putc(&out, '\n');
    fsq__buf_free(&b);
    if (!rc && j.late)
        rc = fsq__time_error(m->opts.time_limit, "the JSON output");
    if (!rc)
        rc = fsq__buf_ok(&out);
    if (rc) {
        fsq__buf_free(&out);
        *json = NULL;
        return rc;
    }
    *json = fsq__buf_detach(&out, len);
    return *json ? 0 : fsq__nomem();
}
