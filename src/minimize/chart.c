/* Core and peripheral conditions of intermediate models (Fiss 2011), the
 * classification behind the configuration chart (fsqca.h, section 8).
 *
 * For final model d: its intermediate key CiPj names parsimonious model j.
 * An intermediate term T refines a parsimonious term P when every literal of
 * P is a literal of T (fsq__cube_subsumes(P, T)). A literal of T is core when
 * some refined P has it, else peripheral. Cost: O(terms x parsimonious terms
 * x k) per model, negligible beside the minimization. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "minimize/minimize_internal.h"
#include "prime/prime.h"

const char *fsq_chart_status_name(fsq_chart_status s)
{
    switch (s) {
    case FSQ_CHART_CORE: return "core";
    case FSQ_CHART_PERIPHERAL: return "peripheral";
    case FSQ_CHART_CORE_ABSENT: return "core_absent";
    case FSQ_CHART_PERIPHERAL_ABSENT: return "peripheral_absent";
    default: return "";
    }
}

void fsq_chart_free(fsq_chart *c)
{
    if (!c)
        return;
    for (size_t t = 0; t < c->nterms; t++) {
        free(c->terms[t].term);
        free(c->terms[t].status);
        free(c->terms[t].level);
    }
    free(c->terms);
    free(c->solution);
    free(c->parsimonious);
    free(c);
}

static int is_core(unsigned char s)
{
    return s == FSQ_CHART_CORE || s == FSQ_CHART_CORE_ABSENT;
}

/* 1 when terms a and b have the same core literals (same conditions, same
 * levels). */
static int same_core(const fsq_chart_term *a, const fsq_chart_term *b, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        int ca = is_core(a->status[j]), cb = is_core(b->status[j]);
        if (ca != cb || (ca && a->level[j] != b->level[j]))
            return 0;
    }
    return 1;
}

/* Numbers the families (terms with the same core literals) and sorts the
 * terms by family, stable within one. */
static int group_terms(fsq_chart *c)
{
    size_t n = c->nterms, k = c->nconditions;
    size_t *family = malloc((n ? n : 1) * sizeof *family);
    size_t *size = calloc(n ? n : 1, sizeof *size);
    fsq_chart_term *sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!family || !size || !sorted) {
        free(family);
        free(size);
        free(sorted);
        return fsq__nomem();
    }
    size_t nfam = 0;
    for (size_t t = 0; t < n; t++) {
        size_t f = 0;
        while (f < t && !(family[f] < nfam && same_core(&c->terms[f], &c->terms[t], k)))
            f++;
        family[t] = f < t ? family[f] : nfam++;
        size[family[t]]++;
    }
    size_t out = 0;
    for (size_t f = 0; f < nfam; f++) {
        size_t member = 0;
        for (size_t t = 0; t < n; t++) {
            if (family[t] != f)
                continue;
            fsq_chart_term *term = &c->terms[t];
            if (size[f] > 1) {
                /* a..z, then aa, ab, ... (never needed in practice). */
                char letters[8];
                size_t m = member++, len = 0;
                do {
                    letters[len++] = (char)('a' + m % 26);
                    m = m / 26;
                } while (m && len < 7);
                letters[len] = '\0';
                for (size_t i = 0; i < len / 2; i++) {
                    char tmp = letters[i];
                    letters[i] = letters[len - 1 - i];
                    letters[len - 1 - i] = tmp;
                }
                /* Families number fewer than the terms, far below 2^32:
                 * 10 digits + 7 letters fit in group[24]. */
                snprintf(term->group, sizeof term->group, "%u%s", (unsigned)(f + 1), letters);
            } else {
                snprintf(term->group, sizeof term->group, "%zu", f + 1);
            }
            sorted[out++] = *term;
        }
    }
    memcpy(c->terms, sorted, n * sizeof *sorted);
    free(family);
    free(size);
    free(sorted);
    return 0;
}

int fsq_min_chart(fsq_chart **out, const fsq_min *m, size_t d)
{
    *out = NULL;
    if (m->type != FSQ_INTERMEDIATE)
        return fsq__error(FSQ_EINPUT, "a configuration chart needs an intermediate solution "
                          "(directional expectations)");
    if (d >= m->ndistinct)
        return fsq__error(FSQ_EINPUT, "no intermediate model %zu (there are %zu)", d + 1,
                          m->ndistinct);
    const fsq_tt *tt = m->tt;
    size_t k = tt->k;
    const fsq__int_key *key = &m->keys[m->distinct_key[d]];
    const fsq__model_set *set = &key->set, *ps = &m->pars;
    size_t s = m->distinct_model[d], size = set->cover.size, psize = ps->cover.size;
    fsq__buf b = FSQ__BUF_INIT;
    int rc = 0;

    fsq_chart *c = calloc(1, sizeof *c);
    if (!c || !(c->terms = calloc(size ? size : 1, sizeof *c->terms))) {
        free(c);
        return fsq__nomem();
    }
    c->nconditions = k;
    c->conditions = (const char *const *)tt->conditions;
    c->outcome = tt->outcome;
    c->negated = tt->negated;
    snprintf(c->key, sizeof c->key, "C%zuP%zu", key->c_model + 1, key->p_model + 1);
    c->solution = fsq_min_solution_text(m, d);
    for (size_t t = 0; t < psize; t++) {
        if (t)
            fsq__buf_puts(&b, " + ");
        fsq__cube_text(tt, ps->pis + ps->cover.pis[key->p_model * psize + t] * k, &b);
    }
    if ((rc = fsq__buf_ok(&b)) || !c->solution || !(c->parsimonious = fsq__buf_detach(&b, NULL))) {
        rc = rc ? rc : fsq__nomem();
        goto done;
    }
    const fsq__sol_fit *sf = &set->sol_fit[s];
    c->incl = sf->incl;
    c->pri = sf->pri;
    c->cov = sf->cov;

    for (size_t t = 0; t < size; t++, c->nterms++) {
        const unsigned char *cube = set->pis + set->cover.pis[s * size + t] * k;
        fsq_chart_term *term = &c->terms[t];
        const fsq__term_fit *f = &set->model_term_fit[s * size + t];
        term->incl = f->incl;
        term->pri = f->pri;
        term->cov = f->cov;
        term->cov_u = f->cov_u;
        term->status = calloc(k ? k : 1, 1);
        term->level = calloc(k ? k : 1, 1);
        b.len = 0;
        fsq__cube_text(tt, cube, &b);
        if ((rc = fsq__buf_ok(&b)) || !term->status || !term->level ||
            !(term->term = strdup(fsq__buf_str(&b)))) {
            rc = rc ? rc : fsq__nomem();
            c->nterms++;
            goto done;
        }
        unsigned char *core = term->level; /* scratch: 1 where a refined P fixes j */
        for (size_t q = 0; q < psize; q++) {
            const unsigned char *p = ps->pis + ps->cover.pis[key->p_model * psize + q] * k;
            if (!fsq__cube_subsumes(p, cube, k))
                continue;
            term->nrefined++;
            for (size_t j = 0; j < k; j++)
                if (p[j] != FSQ__DASH)
                    core[j] = 1;
        }
        for (size_t j = 0; j < k; j++) {
            if (cube[j] == FSQ__DASH) {
                term->status[j] = FSQ_CHART_BLANK;
            } else {
                int present = cube[j] > 0;
                term->status[j] = core[j] ? (present ? FSQ_CHART_CORE : FSQ_CHART_CORE_ABSENT)
                                          : (present ? FSQ_CHART_PERIPHERAL
                                                     : FSQ_CHART_PERIPHERAL_ABSENT);
            }
            term->level[j] = cube[j] == FSQ__DASH ? 0 : cube[j];
        }
    }
    rc = group_terms(c);
done:
    fsq__buf_free(&b);
    if (rc) {
        fsq_chart_free(c);
        return rc;
    }
    *out = c;
    return 0;
}
