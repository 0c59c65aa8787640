/* Intermediate solutions, as QCA 3.23 computes them (DESIGN.md).
 *
 * For every pair (conservative model i, parsimonious model j), key "CiPj":
 *   1. pair every conservative term C with each parsimonious term P whose
 *      literals are all literals of C; from C drop each literal that is not
 *      in P and whose level contradicts its condition's directional
 *      expectation (keep it when it agrees, or when there is none);
 *   2. the easy counterfactuals EC are the configurations covered by the
 *      terms so obtained that the parsimonious model also uses (its
 *      simplifying assumptions); the difficult ones DC are the rest of those;
 *   3. minimize the positive rows with only EC as don't-cares: all prime
 *      implicants, every minimum cover.
 * The final models are the distinct ones over all keys, in order of first
 * appearance (keys in order C1P1, C1P2, ..., C2P1, ...).
 */
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/error.h"
#include "minimize/minimize_internal.h"
#include "prime/prime.h"

/* Parses one expectation: "1", "0", "-" / "" / NULL, or levels "1;2". */
static int parse_expectation(const fsq_tt *tt, size_t j, const char *text, unsigned char **out)
{
    *out = NULL;
    if (!text || !*text || strcmp(text, "-") == 0)
        return 0;
    unsigned char *flags = calloc(tt->levels[j], 1);
    if (!flags)
        return fsq__nomem();
    const char *p = text;
    while (*p) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p || v < 0 || v >= tt->levels[j] || (*end && *end != ';' && *end != ',')) {
            free(flags);
            return fsq__error(FSQ_EINPUT, "directional expectation \"%s\" for condition \"%s\": "
                              "expected 1, 0, - or levels like 1;2 (0 to %u)", text,
                              tt->conditions[j], tt->levels[j] - 1u);
        }
        flags[v] = 1;
        p = *end ? end + 1 : end;
    }
    *out = flags;
    return 0;
}

/* Step 1 for one pair of models: the candidate terms. */
static int candidate_terms(const fsq_min *m, size_t ci, size_t pj, unsigned char **out,
                           size_t *nout)
{
    const fsq_tt *tt = m->tt;
    size_t k = tt->k;
    const fsq__model_set *cs = &m->cons, *ps = &m->pars;
    size_t csize = cs->cover.size, psize = ps->cover.size;
    unsigned char *terms = malloc((csize * (psize + 1) + 1) * k);
    if (!terms)
        return fsq__nomem();
    size_t n = 0;
    for (size_t a = 0; a < csize; a++) {
        const unsigned char *c = cs->pis + cs->cover.pis[ci * csize + a] * k;
        int paired = 0;
        for (size_t b = 0; b < psize; b++) {
            const unsigned char *p = ps->pis + ps->cover.pis[pj * psize + b] * k;
            if (!fsq__cube_subsumes(p, c, k))
                continue;
            paired = 1;
            unsigned char *t = terms + n++ * k;
            for (size_t j = 0; j < k; j++) {
                int drop = c[j] != FSQ__DASH && p[j] == FSQ__DASH && m->expect[j] &&
                           !m->expect[j][c[j]];
                t[j] = drop ? FSQ__DASH : c[j];
            }
        }
        if (!paired)
            memcpy(terms + n++ * k, c, k);
    }
    *out = terms;
    *nout = n;
    return 0;
}

int fsq__same_model(size_t k, const fsq__model_set *a, size_t sa, const fsq__model_set *b,
                    size_t sb)
{
    if (a->cover.size != b->cover.size)
        return 0;
    for (size_t t = 0; t < a->cover.size; t++) {
        const unsigned char *ta = a->pis + a->cover.pis[sa * a->cover.size + t] * k;
        int found = 0;
        for (size_t u = 0; u < b->cover.size && !found; u++)
            found = memcmp(ta, b->pis + b->cover.pis[sb * b->cover.size + u] * k, k) == 0;
        if (!found)
            return 0;
    }
    return 1;
}

int fsq__intermediate(fsq_min *m)
{
    const fsq_tt *tt = m->tt;
    size_t k = tt->k;
    int rc = 0;
    unsigned char *terms = NULL, *dc = NULL;
    fsq__cfg_list covered = {0};

    m->expect = calloc(k, sizeof *m->expect);
    if (!m->expect)
        return fsq__nomem();
    for (size_t j = 0; j < k; j++)
        if ((rc = parse_expectation(tt, j, m->opts.dir_exp[j], &m->expect[j])))
            return rc;

    size_t nc = m->cons.cover.nsolutions, np = m->pars.cover.nsolutions;
    m->keys = calloc(nc * np + 1, sizeof *m->keys);
    if (!m->keys)
        return fsq__nomem();
    size_t cap = 0;
    static const char phase[] = "the intermediate models";
    double deadline;
    if ((rc = fsq__phase_deadline(m->opts.time_limit, m->opts.time_start, phase, &deadline)))
        return rc;

    for (size_t ci = 0; ci < nc && !rc; ci++)
        for (size_t pj = 0; pj < np && !rc; pj++) {
            fsq__int_key *key = &m->keys[m->nkeys];
            /* Each key is a minimization of its own (with the same
             * deadline); the pairs are at most the listing cap squared. */
            if (fsq__past(deadline)) {
                rc = fsq__time_error(m->opts.time_limit, phase);
                break;
            }
            key->c_model = ci;
            key->p_model = pj;
            const fsq__cfg_list *sa = &m->pars.assumptions[pj];
            if (sa->truncated) {
                rc = fsq__error(FSQ_EUNSUPPORTED, "intermediate solutions: the parsimonious "
                                "models use too many remainders to list (more than %d in a "
                                "model, or %d in all)", FSQ__MAX_LISTED_CONFIGS,
                                FSQ__MAX_ENUMERATED_CONFIGS);
                break;
            }
            size_t nterms = 0;
            if ((rc = candidate_terms(m, ci, pj, &terms, &nterms)) ||
                (rc = fsq__covered_non_on(tt, terms, nterms, &covered)))
                break;
            if (covered.truncated) {
                rc = fsq__error(FSQ_EUNSUPPORTED, "intermediate solutions: the easy "
                                "counterfactuals are more than %d configurations, too many to "
                                "list", FSQ__MAX_LISTED_CONFIGS);
                break;
            }
            /* Step 2: EC and DC partition the parsimonious assumptions. */
            key->ec.cfg = malloc((sa->n ? sa->n : 1) * k);
            key->dc.cfg = malloc((sa->n ? sa->n : 1) * k);
            if (!key->ec.cfg || !key->dc.cfg) {
                rc = fsq__nomem();
                break;
            }
            for (size_t q = 0; q < sa->n; q++) {
                const unsigned char *cfg = sa->cfg + q * k;
                fsq__cfg_list *to = fsq__cfg_list_contains(&covered, cfg, k) ? &key->ec : &key->dc;
                memcpy(to->cfg + to->n++ * k, cfg, k);
            }
            /* Step 3: don't-cares = EC (and C rows when they are included). */
            dc = malloc(((key->ec.n + tt->nrows) ? key->ec.n + tt->nrows : 1) * k);
            if (!dc) {
                rc = fsq__nomem();
                break;
            }
            size_t ndc = 0;
            memcpy(dc, key->ec.cfg, key->ec.n * k);
            ndc = key->ec.n;
            if (m->opts.include_contradictions)
                for (size_t r = 0; r < tt->nrows; r++)
                    if (tt->row_out[r] == FSQ_OUT_C &&
                        !fsq__cfg_list_contains(&key->ec, tt->rows + r * k, k))
                        memcpy(dc + ndc++ * k, tt->rows + r * k, k);
            rc = fsq__solve_set(tt, &m->opts, FSQ__PI_EXPLICIT, NULL, 0, dc, ndc, &key->set);
            m->nkeys++;
            if (!rc)
                for (size_t s = 0; s < key->set.cover.nsolutions; s++) {
                    int seen = 0;
                    for (size_t d = 0; d < m->ndistinct && !seen; d++)
                        seen = fsq__same_model(k, &m->keys[m->distinct_key[d]].set,
                                               m->distinct_model[d], &key->set, s);
                    if (!seen && m->ndistinct == cap) {
                        cap = cap ? 2 * cap : 16;
                        size_t *dk = realloc(m->distinct_key, cap * sizeof *dk);
                        if (dk)
                            m->distinct_key = dk;
                        size_t *dm = realloc(m->distinct_model, cap * sizeof *dm);
                        if (dm)
                            m->distinct_model = dm;
                        if (!dk || !dm) {
                            rc = fsq__nomem();
                            break;
                        }
                    }
                    if (!seen) {
                        m->distinct_key[m->ndistinct] = m->nkeys - 1;
                        m->distinct_model[m->ndistinct++] = s;
                    }
                }
            free(terms);
            free(dc);
            terms = dc = NULL;
            fsq__cfg_list_free(&covered);
        }
    free(terms);
    free(dc);
    fsq__cfg_list_free(&covered);
    return rc;
}
