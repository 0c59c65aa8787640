/* QCA's findRows() and exclusions (minimize(exclude = ), SetMethods' esa()).
 *
 * Row indices are QCA's: 1 + the configuration read as a mixed-radix number,
 * first condition most significant; here they must fit 63 bits.
 *   subset (type 1): the remainders inside an expression, by walking all
 *     configurations in index order (at most 2^26 of them) next to the
 *     sorted observed rows;
 *   CSA (type 2): the remainders used by some parsimonious model of Y and
 *     by some parsimonious model of ~Y (the table rebuilt with the outcome
 *     negated, the same cut-offs), QCA's contradictory simplifying
 *     assumptions;
 *   SSR (type 3): observed rows with OUT = 1 for both Y and ~Y.
 * Exclusions code the listed rows as negative before minimizing: they join
 * the OFF set (and leave the don't-cares). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit/expr.h"
#include "minimize/minimize_internal.h"

#define MAX_ENUMERATED (UINT64_C(1) << 26)

/* The number of configurations, or 0 if it exceeds 2^62. */
static uint64_t nconfigs(const fsq_tt *tt)
{
    uint64_t n = 1;
    for (size_t j = 0; j < tt->k; j++) {
        if (n > (UINT64_C(1) << 62) / tt->levels[j])
            return 0;
        n *= tt->levels[j];
    }
    return n;
}

static uint64_t index_of(const fsq_tt *tt, const unsigned char *digits)
{
    uint64_t v = 0;
    for (size_t j = 0; j < tt->k; j++)
        v = v * tt->levels[j] + digits[j];
    return v + 1;
}

static void digits_of(const fsq_tt *tt, uint64_t index, unsigned char *digits)
{
    uint64_t v = index - 1;
    for (size_t j = tt->k; j-- > 0;) {
        digits[j] = (unsigned char)(v % tt->levels[j]);
        v /= tt->levels[j];
    }
}

static int check_size(const fsq_tt *tt, uint64_t limit, const char *what)
{
    uint64_t n = nconfigs(tt);
    if (n == 0 || n > limit)
        return fsq__error(FSQ_EUNSUPPORTED, "%s: the truth table has more than %llu "
                          "configurations", what, (unsigned long long)(n ? limit : UINT64_C(1) << 62));
    return 0;
}

typedef struct {
    uint64_t *v;
    size_t n, cap;
} u64_list;

static int push(u64_list *l, uint64_t x)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        uint64_t *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return fsq__nomem();
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = x;
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Sorts and removes duplicates. */
static void normalize(u64_list *l)
{
    if (l->n == 0)
        return;
    qsort(l->v, l->n, sizeof *l->v, cmp_u64);
    size_t o = 1;
    for (size_t i = 1; i < l->n; i++)
        if (l->v[i] != l->v[o - 1])
            l->v[o++] = l->v[i];
    l->n = o;
}

static int find_subset(const fsq_tt *tt, const fsq_expr *e, u64_list *out)
{
    size_t **cond = NULL;
    int rc = check_size(tt, MAX_ENUMERATED, "findrows subset");
    if (rc || (rc = fsq__expr_bind_tt(e, tt, &cond)))
        return rc;
    size_t k = tt->k, r = 0;
    uint64_t n = nconfigs(tt);
    unsigned char *d = calloc(k ? k : 1, 1);
    if (!d) {
        fsq__expr_unbind(e, cond);
        return fsq__nomem();
    }
    for (uint64_t idx = 1; idx <= n && !rc; idx++) {
        /* Observed rows come in the same (index) order. */
        int observed = r < tt->nrows && memcmp(tt->rows + r * k, d, k) == 0;
        int remainder = !observed || tt->row_out[r] == FSQ_OUT_REM;
        if (observed)
            r++;
        if (remainder && fsq__expr_covers(e, FSQ_EXPR_ALL, cond, d))
            rc = push(out, idx);
        for (size_t j = k; j-- > 0;) {
            if (++d[j] < tt->levels[j])
                break;
            d[j] = 0;
        }
    }
    free(d);
    fsq__expr_unbind(e, cond);
    return rc;
}

/* The table of the negated outcome, same conditions and cut-offs. */
static int negated_table(const fsq_tt *tt, const fsq_data *data, fsq_tt **neg)
{
    if (!data)
        return fsq__error(FSQ_EINPUT, "findrows: CSAs and SSRs need the data set");
    size_t len = strlen(tt->outcome) + 2;
    char *name = malloc(len);
    if (!name)
        return fsq__nomem();
    snprintf(name, len, "%s%s", tt->negated ? "" : "~", tt->outcome);
    int rc = fsq_tt_build(neg, data, name, (const char *const *)tt->conditions, tt->k, &tt->opts);
    free(name);
    return rc;
}

/* Every simplifying assumption of every parsimonious model of tt. */
static int assumptions(const fsq_tt *tt, u64_list *out)
{
    fsq_min_options o = FSQ_MIN_OPTIONS_INIT;
    o.type = FSQ_PARSIMONIOUS;
    o.threads = tt->opts.threads;
    fsq_min *m = NULL;
    int rc = fsq_minimize(&m, tt, &o);
    if (rc == FSQ_ENOSOLUTION)
        return 0; /* no model, so no assumption */
    if (rc)
        return rc;
    for (size_t s = 0; s < m->main.cover.nsolutions && !rc; s++) {
        const fsq__cfg_list *l = &m->main.assumptions[s];
        if (l->truncated) {
            rc = fsq__error(FSQ_ELIMIT, "findrows csa: a model uses more than %d simplifying "
                            "assumptions", FSQ__MAX_LISTED_CONFIGS);
            break;
        }
        for (size_t i = 0; i < l->n && !rc; i++)
            rc = push(out, index_of(tt, l->cfg + i * tt->k));
    }
    fsq_min_free(m);
    if (!rc)
        normalize(out);
    return rc;
}

static int find_csa(const fsq_tt *tt, const fsq_data *data, u64_list *out)
{
    fsq_tt *neg = NULL;
    u64_list a = {0}, b = {0};
    int rc = check_size(tt, UINT64_C(1) << 62, "findrows csa");
    if (rc || (rc = negated_table(tt, data, &neg)) || (rc = assumptions(tt, &a)) ||
        (rc = assumptions(neg, &b)))
        goto done;
    for (size_t i = 0, j = 0; i < a.n && j < b.n && !rc;) {
        if (a.v[i] == b.v[j]) {
            rc = push(out, a.v[i]);
            i++, j++;
        } else if (a.v[i] < b.v[j]) {
            i++;
        } else {
            j++;
        }
    }
done:
    free(a.v);
    free(b.v);
    fsq_tt_free(neg);
    return rc;
}

static int find_ssr(const fsq_tt *tt, const fsq_data *data, u64_list *out)
{
    fsq_tt *neg = NULL;
    int rc = check_size(tt, UINT64_C(1) << 62, "findrows ssr");
    if (rc || (rc = negated_table(tt, data, &neg)))
        return rc;
    size_t k = tt->k;
    for (size_t r = 0, s = 0; r < tt->nrows && s < neg->nrows && !rc;) {
        int c = memcmp(tt->rows + r * k, neg->rows + s * k, k);
        if (c == 0) {
            if (tt->row_out[r] == FSQ_OUT_1 && neg->row_out[s] == FSQ_OUT_1)
                rc = push(out, index_of(tt, tt->rows + r * k));
            r++, s++;
        } else if (c < 0) {
            r++;
        } else {
            s++;
        }
    }
    fsq_tt_free(neg);
    return rc;
}

int fsq_findrows(const fsq_tt *tt, const fsq_data *data, fsq_findrows_type type,
                 const fsq_expr *expr, uint64_t **rows, size_t *nrows)
{
    *rows = NULL;
    *nrows = 0;
    u64_list l = {0};
    int rc;
    switch (type) {
    case FSQ_FINDROWS_SUBSET:
        rc = expr ? find_subset(tt, expr, &l)
                  : fsq__error(FSQ_EINPUT, "findrows subset needs an expression");
        break;
    case FSQ_FINDROWS_CSA:
        rc = find_csa(tt, data, &l);
        break;
    case FSQ_FINDROWS_SSR:
        rc = find_ssr(tt, data, &l);
        break;
    default:
        rc = fsq__error(FSQ_EINPUT, "findrows: unknown type %d (1 subset, 2 csa, 3 ssr)",
                        (int)type);
    }
    if (rc) {
        free(l.v);
        return rc;
    }
    *rows = l.v ? l.v : malloc(sizeof **rows);
    *nrows = l.n;
    return *rows ? 0 : fsq__nomem();
}

int fsq_exclude_rows(const fsq_tt *tt, const fsq_data *data, const char *spec, uint64_t **rows,
                     size_t *nrows)
{
    *rows = NULL;
    *nrows = 0;
    while (*spec == ' ')
        spec++;
    if (strcmp(spec, "csa") == 0)
        return fsq_findrows(tt, data, FSQ_FINDROWS_CSA, NULL, rows, nrows);
    int numbers = *spec != '\0';
    for (const char *p = spec; *p; p++)
        numbers &= isdigit((unsigned char)*p) || *p == ',' || *p == ' ';
    if (!numbers) {
        fsq_expr *e = NULL;
        int rc = fsq_expr_parse(&e, spec);
        if (!rc)
            rc = fsq_findrows(tt, data, FSQ_FINDROWS_SUBSET, e, rows, nrows);
        fsq_expr_free(e);
        return rc;
    }
    int rc = check_size(tt, UINT64_C(1) << 62, "exclude");
    if (rc)
        return rc;
    uint64_t max = nconfigs(tt);
    u64_list l = {0};
    for (const char *p = spec; *p && !rc;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        char *end;
        unsigned long long v = strtoull(p, &end, 10);
        if (v < 1 || v > max)
            rc = fsq__error(FSQ_EINPUT, "exclude: row %.*s is not between 1 and %llu",
                            (int)(end - p), p, (unsigned long long)max);
        else
            rc = push(&l, v);
        p = end;
    }
    if (rc) {
        free(l.v);
        return rc;
    }
    normalize(&l);
    *rows = l.v ? l.v : malloc(sizeof **rows);
    *nrows = l.n;
    return *rows ? 0 : fsq__nomem();
}

int fsq__apply_exclude(const fsq_tt *tt, const fsq_min_options *o, unsigned char **off,
                       size_t *noff, unsigned char *dc, size_t *ndc)
{
    size_t k = tt->k;
    if (o->nexclude == 0)
        return 0;
    int rc = check_size(tt, UINT64_C(1) << 62, "exclude");
    if (rc)
        return rc;
    uint64_t max = nconfigs(tt);
    unsigned char *grown = realloc(*off, (*noff + o->nexclude) * k + 1);
    if (!grown)
        return fsq__nomem();
    *off = grown;
    for (size_t x = 0; x < o->nexclude; x++) {
        uint64_t idx = o->exclude[x];
        if (idx < 1 || idx > max)
            return fsq__error(FSQ_EINPUT, "exclude: row %llu is not between 1 and %llu",
                              (unsigned long long)idx, (unsigned long long)max);
        unsigned char *d = *off + *noff * k;
        digits_of(tt, idx, d);
        int skip = 0;
        for (size_t r = 0; r < tt->nrows; r++)
            if (memcmp(tt->rows + r * k, d, k) == 0) {
                if (tt->row_out[r] == FSQ_OUT_1)
                    return fsq__error(FSQ_EINPUT, "exclude: row %llu is a positive row (OUT = "
                                      "1); only remainders and contradictions can be excluded",
                                      (unsigned long long)idx);
                skip = tt->row_out[r] == FSQ_OUT_0; /* already negative */
            }
        for (size_t i = 0; i < *noff && !skip; i++)
            skip = memcmp(*off + i * k, d, k) == 0;
        if (skip)
            continue;
        (*noff)++;
        for (size_t i = 0; dc && i < *ndc; i++)
            if (memcmp(dc + i * k, d, k) == 0) {
                memmove(dc + i * k, dc + (i + 1) * k, (*ndc - i - 1) * k);
                (*ndc)--;
                break;
            }
    }
    return 0;
}
