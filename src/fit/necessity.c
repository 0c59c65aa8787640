/* Necessity analysis, exactly as QCA 3.23's superSubset(relation = "necessity").
 *
 * Contract
 *   in : k conditions (fuzzy memberships, or crisp / multi-value levels
 *        0..L-1), an outcome Y in [0, 1], cut-offs incl, cov, ron and a depth.
 *   out: the necessary expressions, in QCA's order, each with
 *          inclN = sum min(X, Y) / sum Y
 *          covN  = sum min(X, Y) / sum X
 *          RoN   = sum (1 - X) / sum (1 - min(X, Y))
 *        (a ratio 0/0 is reported as 0, as QCA does).
 *
 * The search (QCA's C_superSubset, reproduced step by step because its order
 * and pruning define the answer):
 *   for k = 1, 2, ... up to depth:
 *     for every k-subset of conditions, in lexicographic order, and every
 *     combination of their levels (last condition varying fastest; for a
 *     binary condition level 0 is its negation, so ~A comes before A):
 *       X = the conjunction (min over the k literals).
 *       If inclN(X) and covN(X) pass, X is kept as a conjunction. Supersets
 *       of a kept conjunction are not pruned: "A" and "A*B" are both listed.
 *       Otherwise X = the disjunction (max over the literals); it is kept if it
 *       passes and no expression kept at a smaller k has all its literals
 *       among this one's (a union containing a necessary union or a necessary
 *       literal is trivially necessary).
 *     From k = 4 on, once anything has been found, the search continues to
 *     k + 1 only if level k found something (QCA's stopping rule).
 *   Kept conjunctions are listed first, then kept disjunctions, each in the
 *   order found; finally expressions with RoN < ron_cut are dropped (after
 *   the pruning, so they still prune their supersets, as in QCA).
 * Cut-offs: inclN >= incl_cut - FSQ_TOLERANCE; covN >= cov_cut - FSQ_TOLERANCE
 * when cov_cut > 0 (else covN >= 0); RoN >= ron_cut with no tolerance (QCA
 * applies none to ron.cut).
 *
 * Complexity: sum over k <= depth of C(n, k) * prod(levels) expressions, each
 * O(ncases * k) with the literal membership vectors precomputed; for binary
 * conditions and full depth that is at most 3^n * ncases * n. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/error.h"
#include "io/data_internal.h"
#include "common/json.h"

typedef struct {
    size_t nliterals;
    int disjunction;
    double incl, ron, cov;
    size_t *conds;    /* condition index of each literal, ascending */
    unsigned *levels; /* its level (binary: 0 = negated, 1 = plain) */
} found_term;

struct fsq_nec {
    char *outcome;        /* as given, e.g. "~SURV" */
    size_t nconditions;
    char **conditions;
    fsq_nec_options opts;
    size_t nterms;
    fsq_nec_term *terms;  /* public view, expression strings owned here */
};

void fsq_nec_free(fsq_nec *nec)
{
    if (!nec)
        return;
    free(nec->outcome);
    for (size_t j = 0; j < nec->nconditions; j++)
        free(nec->conditions[j]);
    free(nec->conditions);
    for (size_t t = 0; t < nec->nterms; t++)
        free((char *)nec->terms[t].expression);
    free(nec->terms);
    free(nec);
}

size_t fsq_nec_nterms(const fsq_nec *nec) { return nec->nterms; }
const fsq_nec_term *fsq_nec_term_at(const fsq_nec *nec, size_t i) { return &nec->terms[i]; }
const char *fsq_nec_outcome(const fsq_nec *nec) { return nec->outcome; }
size_t fsq_nec_nconditions(const fsq_nec *nec) { return nec->nconditions; }
const char *fsq_nec_condition(const fsq_nec *nec, size_t j) { return nec->conditions[j]; }

/* A growable list of kept expressions. */
typedef struct {
    found_term *items;
    size_t n, cap;
} term_list;

static void term_list_free(term_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].conds);
        free(l->items[i].levels);
    }
    free(l->items);
}

static int term_list_push(term_list *l, size_t k, const size_t *combo, const unsigned *lev,
                          int disjunction, double incl, double ron, double cov)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        found_term *p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return fsq__nomem();
        l->items = p;
        l->cap = cap;
    }
    found_term *t = &l->items[l->n];
    t->conds = malloc(k * sizeof *t->conds);
    t->levels = malloc(k * sizeof *t->levels);
    if (!t->conds || !t->levels) {
        free(t->conds);
        free(t->levels);
        return fsq__nomem();
    }
    memcpy(t->conds, combo, k * sizeof *combo);
    memcpy(t->levels, lev, k * sizeof *lev);
    t->nliterals = k;
    t->disjunction = disjunction;
    t->incl = incl;
    t->ron = ron;
    t->cov = cov;
    l->n++;
    return FSQ_OK;
}

/* 1 if one of the first `upto` terms has all its literals (same condition,
 * same level) in the current expression; `level_of[c]` is the current level
 * of condition c, or -1 if c is not in it. */
static int contains_earlier(const term_list *l, size_t upto, const int *level_of)
{
    for (size_t i = 0; i < upto; i++) {
        const found_term *t = &l->items[i];
        size_t v = 0;
        while (v < t->nliterals && level_of[t->conds[v]] == (int)t->levels[v])
            v++;
        if (v == t->nliterals)
            return 1;
    }
    return 0;
}

static double ratio(double num, double den)
{
    return (num == 0 && den == 0) ? 0.0 : num / den;
}

/* How QCA (admisc::getLevels) sees a column: fuzzy if any value has a
 * fractional part (2 levels), else max + 1 levels (at least 2). */
static int condition_levels(const double *x, size_t ncases, const char *name, unsigned *levels,
                            int *fuzzy)
{
    double max = 0;
    int frac = 0;
    for (size_t i = 0; i < ncases; i++) {
        double v = x[i];
        if (isnan(v))
            return fsq__error(FSQ_EINPUT, "condition %s has a missing value (case %zu)", name,
                              i + 1);
        if (v < 0)
            return fsq__error(FSQ_EINPUT, "condition %s has a negative value %g (case %zu)",
                              name, v, i + 1);
        if (v != floor(v))
            frac = 1;
        if (v > max)
            max = v;
    }
    if (frac && max > 1)
        return fsq__error(FSQ_EINPUT,
                          "condition %s has fractional values above 1 (max %g): calibrate it "
                          "into a fuzzy set first",
                          name, max);
    if (!frac && max > 4096)
        return fsq__error(FSQ_EINPUT, "condition %s has %g levels; is it calibrated?", name,
                          max + 1);
    *fuzzy = frac;
    *levels = frac ? 2u : (unsigned)max + 1u;
    if (*levels < 2)
        *levels = 2;
    return FSQ_OK;
}

static int write_expression(fsq__buf *b, const found_term *t, char *const *names, int mv)
{
    for (size_t v = 0; v < t->nliterals; v++) {
        if (v)
            fsq__buf_puts(b, t->disjunction ? " + " : "*");
        const char *nm = names[t->conds[v]];
        if (mv)
            fsq__buf_printf(b, "%s[%u]", nm, t->levels[v]);
        else
            fsq__buf_printf(b, "%s%s", t->levels[v] == 0 ? "~" : "", nm);
    }
    return fsq__buf_ok(b);
}

int fsq_nec_compute_arrays(fsq_nec **out, const double *const *conditions,
                           const char *const *names, size_t nconditions, const double *outcome,
                           const char *outcome_name, size_t ncases, const fsq_nec_options *opts)
{
    static const fsq_nec_options defaults = FSQ_NEC_OPTIONS_INIT;
    int rc = FSQ_OK;
    fsq_nec *nec = NULL;
    unsigned *nlevels = NULL;
    int *fuzzy = NULL;
    size_t *literal_base = NULL;
    double *literal = NULL;     /* membership of every (condition, level) */
    size_t *combo = NULL;
    unsigned *lev = NULL;
    int *level_of = NULL;
    term_list conj = {0}, disj = {0};
    fsq__buf text = FSQ__BUF_INIT;

    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (nconditions == 0)
        return fsq__error(FSQ_EINPUT, "necessity needs at least one condition");
    if (ncases == 0)
        return fsq__error(FSQ_EINPUT, "necessity needs at least one case");
    if (!conditions || !names || !outcome)
        return fsq__error(FSQ_EINPUT, "fsq_nec_compute_arrays: NULL input");
    if (opts->depth < 0)
        return fsq__error(FSQ_EINPUT, "depth must be >= 0 (0 = all conditions), got %d",
                          opts->depth);
    if (!isfinite(opts->incl_cut) || !isfinite(opts->cov_cut) || !isfinite(opts->ron_cut))
        return fsq__error(FSQ_EINPUT, "cut-offs must be finite numbers");
    for (size_t i = 0; i < ncases; i++)
        if (!(outcome[i] >= 0 && outcome[i] <= 1))
            return fsq__error(FSQ_EINPUT, "outcome %s: value %g of case %zu is not in [0, 1]",
                              outcome_name ? outcome_name : "", outcome[i], i + 1);

    /* 1. Levels and literal membership vectors. */
    nlevels = malloc(nconditions * sizeof *nlevels);
    fuzzy = malloc(nconditions * sizeof *fuzzy);
    literal_base = malloc(nconditions * sizeof *literal_base);
    if (!nlevels || !fuzzy || !literal_base) {
        rc = fsq__nomem();
        goto done;
    }
    size_t nliteral_vectors = 0;
    int mv = 0;
    for (size_t c = 0; c < nconditions; c++) {
        rc = condition_levels(conditions[c], ncases, names[c], &nlevels[c], &fuzzy[c]);
        if (rc)
            goto done;
        literal_base[c] = nliteral_vectors;
        nliteral_vectors += nlevels[c];
        if (nlevels[c] > 2)
            mv = 1;
    }
    /* QCA writes every expression in multi-value notation (A[1]) as soon as
     * one condition, or the outcome selection Y[..], is multi-value. */
    if (opts->mv_notation)
        mv = 1;
    literal = malloc(nliteral_vectors * ncases * sizeof *literal);
    if (!literal) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t c = 0; c < nconditions; c++)
        for (unsigned l = 0; l < nlevels[c]; l++) {
            double *m = literal + (literal_base[c] + l) * ncases;
            for (size_t i = 0; i < ncases; i++) {
                double v = conditions[c][i];
                if (fuzzy[c])
                    m[i] = l == 0 ? 1 - v : v;
                else
                    m[i] = v == (double)l ? 1.0 : 0.0;
            }
        }

    double sum_y = 0;
    for (size_t i = 0; i < ncases; i++)
        sum_y += outcome[i];

    double incl_cut = opts->incl_cut - FSQ_TOLERANCE;
    double cov_cut = opts->cov_cut > 0 ? opts->cov_cut - FSQ_TOLERANCE : opts->cov_cut;
    size_t depth = opts->depth == 0 || (size_t)opts->depth > nconditions ? nconditions
                                                                          : (size_t)opts->depth;

    combo = malloc(depth * sizeof *combo);
    lev = malloc(depth * sizeof *lev);
    level_of = malloc(nconditions * sizeof *level_of);
    if (!combo || !lev || !level_of) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t c = 0; c < nconditions; c++)
        level_of[c] = -1;

    /* 2. The level-wise search. */
    size_t conj_before = 0, disj_before = 0; /* kept at smaller k */
    int keep_going = 1;
    for (size_t k = 1; k <= depth && keep_going; k++) {
        if (conj.n + disj.n > 0 && k > 3)
            keep_going = 0; /* QCA's stopping rule; set again by a find */
        for (size_t j = 0; j < k; j++)
            combo[j] = j;
        for (;;) {
            for (size_t j = 0; j < k; j++)
                lev[j] = 0;
            for (;;) {
                for (size_t j = 0; j < k; j++)
                    level_of[combo[j]] = (int)lev[j];

                /* Sums in case order, as QCA accumulates them. */
                double sum_min = 0, sum_max = 0, sum_min_y_min = 0, sum_min_y_max = 0;
                double sum_1_min = 0, sum_1_max = 0, sum_1_min_y_min = 0, sum_1_min_y_max = 0;
                for (size_t i = 0; i < ncases; i++) {
                    double lo = 1000000, hi = 0;
                    for (size_t j = 0; j < k; j++) {
                        double v = literal[(literal_base[combo[j]] + lev[j]) * ncases + i];
                        if (v < lo)
                            lo = v;
                        if (v > hi)
                            hi = v;
                    }
                    double y = outcome[i];
                    double my_lo = lo < y ? lo : y, my_hi = hi < y ? hi : y;
                    sum_min += lo;
                    sum_max += hi;
                    sum_min_y_min += my_lo;
                    sum_min_y_max += my_hi;
                    sum_1_min += 1 - lo;
                    sum_1_max += 1 - hi;
                    sum_1_min_y_min += 1 - my_lo;
                    sum_1_min_y_max += 1 - my_hi;
                }
                double incl_and = ratio(sum_min_y_min, sum_y);
                double cov_and = ratio(sum_min_y_min, sum_min);
                double ron_and = ratio(sum_1_min, sum_1_min_y_min);

                if (incl_and >= incl_cut && cov_and >= cov_cut) {
                    rc = term_list_push(&conj, k, combo, lev, 0, incl_and, ron_and, cov_and);
                    if (rc)
                        goto done;
                    keep_going = 1;
                } else {
                    double incl_or = ratio(sum_min_y_max, sum_y);
                    double cov_or = ratio(sum_min_y_max, sum_max);
                    double ron_or = ratio(sum_1_max, sum_1_min_y_max);
                    if (incl_or >= incl_cut && cov_or >= cov_cut &&
                        !contains_earlier(&conj, conj_before, level_of) &&
                        !contains_earlier(&disj, disj_before, level_of)) {
                        rc = term_list_push(&disj, k, combo, lev, 1, incl_or, ron_or, cov_or);
                        if (rc)
                            goto done;
                        keep_going = 1;
                    }
                }
                for (size_t j = 0; j < k; j++)
                    level_of[combo[j]] = -1;

                /* Next level combination, last condition fastest. */
                size_t j = k;
                while (j > 0 && lev[j - 1] + 1 == nlevels[combo[j - 1]])
                    lev[--j] = 0;
                if (j == 0)
                    break;
                lev[j - 1]++;
            }
            /* Next k-subset in lexicographic order. */
            size_t j = k;
            while (j > 0 && combo[j - 1] == nconditions - k + (j - 1))
                j--;
            if (j == 0)
                break;
            combo[j - 1]++;
            for (size_t m = j; m < k; m++)
                combo[m] = combo[m - 1] + 1;
        }
        conj_before = conj.n;
        disj_before = disj.n;
    }

    /* 3. The result: conjunctions, then disjunctions, minus low RoN. */
    nec = calloc(1, sizeof *nec);
    if (!nec) {
        rc = fsq__nomem();
        goto done;
    }
    nec->opts = *opts;
    nec->outcome = strdup(outcome_name ? outcome_name : "");
    nec->conditions = calloc(nconditions, sizeof *nec->conditions);
    nec->terms = calloc(conj.n + disj.n + 1, sizeof *nec->terms);
    if (!nec->outcome || !nec->conditions || !nec->terms) {
        rc = fsq__nomem();
        goto done;
    }
    nec->nconditions = nconditions;
    for (size_t c = 0; c < nconditions; c++)
        if (!(nec->conditions[c] = strdup(names[c]))) {
            rc = fsq__nomem();
            goto done;
        }
    for (int pass = 0; pass < 2; pass++) {
        const term_list *l = pass == 0 ? &conj : &disj;
        for (size_t t = 0; t < l->n; t++) {
            const found_term *ft = &l->items[t];
            if (!(ft->ron >= opts->ron_cut))
                continue;
            text.len = 0;
            rc = write_expression(&text, ft, nec->conditions, mv);
            if (rc)
                goto done;
            fsq_nec_term *pt = &nec->terms[nec->nterms];
            pt->expression = strdup(fsq__buf_str(&text));
            if (!pt->expression) {
                rc = fsq__nomem();
                goto done;
            }
            pt->incl = ft->incl;
            pt->ron = ft->ron;
            pt->cov = ft->cov;
            pt->nliterals = ft->nliterals;
            pt->disjunction = ft->disjunction && ft->nliterals > 1;
            nec->nterms++;
        }
    }
    *out = nec;
    nec = NULL;

done:
    fsq_nec_free(nec);
    free(nlevels);
    free(fuzzy);
    free(literal_base);
    free(literal);
    free(combo);
    free(lev);
    free(level_of);
    term_list_free(&conj);
    term_list_free(&disj);
    fsq__buf_free(&text);
    return rc;
}

/* Outcome syntax: "Y", "~Y", "Y[1]" or "Y{1,2}" (membership 1 where Y takes
 * one of the listed levels), "~Y[1]". */
static int parse_outcome(const char *spec, char **name, int *negate, double **levels,
                         size_t *nlevels)
{
    *name = NULL;
    *levels = NULL;
    *nlevels = 0;
    *negate = 0;
    while (*spec == ' ')
        spec++;
    if (*spec == '~') {
        *negate = 1;
        spec++;
    }
    size_t len = strcspn(spec, "[{");
    while (len > 0 && spec[len - 1] == ' ')
        len--;
    if (len == 0)
        return fsq__error(FSQ_EINPUT, "no outcome name in \"%s\"", spec);
    *name = malloc(len + 1);
    if (!*name)
        return fsq__nomem();
    memcpy(*name, spec, len);
    (*name)[len] = '\0';
    const char *open = spec + strcspn(spec, "[{");
    if (!*open)
        return FSQ_OK;
    char close = *open == '[' ? ']' : '}';
    const char *p = open + 1;
    const char *end = strchr(p, close);
    if (!end || end[1] != '\0')
        return fsq__error(FSQ_EINPUT, "outcome \"%s\": expected %c...%c at the end", spec, *open,
                          close);
    *levels = malloc(((size_t)(end - p) / 2 + 2) * sizeof **levels);
    if (!*levels)
        return fsq__nomem();
    while (p < end) {
        char *stop;
        double v = strtod(p, &stop);
        if (stop == p || stop > end || !isfinite(v))
            return fsq__error(FSQ_EINPUT, "outcome \"%s\": level list is not numeric", spec);
        (*levels)[(*nlevels)++] = v;
        p = stop;
        while (p < end && (*p == ' ' || *p == ','))
            p++;
    }
    if (*nlevels == 0)
        return fsq__error(FSQ_EINPUT, "outcome \"%s\": empty level list", spec);
    return FSQ_OK;
}

int fsq_nec_compute(fsq_nec **out, const fsq_data *data, const char *outcome,
                    const char *const *conditions, size_t nconditions, const fsq_nec_options *opts)
{
    static const fsq_nec_options defaults = FSQ_NEC_OPTIONS_INIT;
    int rc = FSQ_OK;
    char *yname = NULL;
    double *ylevels = NULL;
    size_t nylevels = 0;
    int negate = 0;
    const double **columns = NULL;
    const char **names = NULL;
    double *y = NULL;
    size_t ncases = fsq_data_ncases(data);
    fsq_nec_options o = opts ? *opts : defaults;

    *out = NULL;
    if (!outcome)
        return fsq__error(FSQ_EINPUT, "no outcome given");
    rc = parse_outcome(outcome, &yname, &negate, &ylevels, &nylevels);
    if (rc)
        goto done;
    long ycol;
    rc = fsq__data_numeric_column(data, yname, &ycol);
    if (rc)
        goto done;

    size_t nvars = fsq_data_nvars(data);
    size_t cap = (conditions ? nconditions : nvars) + 1;
    columns = malloc(cap * sizeof *columns);
    names = malloc(cap * sizeof *names);
    y = malloc((ncases ? ncases : 1) * sizeof *y);
    if (!columns || !names || !y) {
        rc = fsq__nomem();
        goto done;
    }
    size_t nc = 0;
    if (conditions) {
        for (size_t c = 0; c < nconditions; c++) {
            long col;
            rc = fsq__data_numeric_column(data, conditions[c], &col);
            if (rc)
                goto done;
            if (col == ycol) {
                rc = fsq__error(FSQ_EINPUT, "%s is both the outcome and a condition",
                                conditions[c]);
                goto done;
            }
            for (size_t d = 0; d < nc; d++)
                if (strcmp(names[d], conditions[c]) == 0) {
                    rc = fsq__error(FSQ_EINPUT, "condition %s is listed twice", conditions[c]);
                    goto done;
                }
            columns[nc] = fsq_data_column(data, (size_t)col);
            names[nc++] = fsq_data_var_name(data, (size_t)col);
        }
    } else {
        /* Every other numeric column; text columns (labels, groups) are
         * skipped rather than refused. */
        for (size_t v = 0; v < nvars; v++) {
            if ((long)v == ycol || !fsq_data_var_is_numeric(data, v))
                continue;
            columns[nc] = fsq_data_column(data, v);
            names[nc++] = fsq_data_var_name(data, v);
        }
    }

    /* A missing cell is an error, as in QCA; the data layer words it with
     * file:line:column for every missing cell. */
    const double *ycolumn = fsq_data_column(data, (size_t)ycol);
    int missing = 0;
    for (size_t i = 0; i < ncases && !missing; i++) {
        missing = isnan(ycolumn[i]);
        for (size_t c = 0; c < nc; c++)
            missing |= isnan(columns[c][i]);
    }
    if (missing) {
        fsq_data *complete = NULL;
        names[nc] = yname; /* room: cap >= nc + 1 */
        rc = fsq_data_complete_cases(&complete, data, names, nc + 1, 0, NULL);
        fsq_data_free(complete);
        if (rc == FSQ_OK)
            rc = fsq__error(FSQ_EINPUT, "%s: missing values in the outcome or conditions",
                            fsq_data_source(data));
        goto done;
    }
    for (size_t i = 0; i < ncases; i++) {
        double v = ycolumn[i];
        if (!nylevels && !(v >= 0 && v <= 1)) {
            rc = fsq__error(FSQ_EINPUT,
                            "%s: outcome %s of case %s is %g, not a set membership in [0, 1] "
                            "(calibrate it first)",
                            fsq_data_source(data), yname, fsq_data_case_id(data, i), v);
            goto done;
        }
        if (nylevels) {
            int hit = 0;
            for (size_t l = 0; l < nylevels; l++)
                hit |= v == ylevels[l];
            v = hit;
        }
        y[i] = negate ? 1 - v : v;
    }
    if (nylevels)
        o.mv_notation = 1;

    rc = fsq_nec_compute_arrays(out, columns, names, nc, y, outcome, ncases, &o);

done:
    free(yname);
    free(ylevels);
    free(columns);
    free(names);
    free(y);
    return rc;
}

int fsq_nec_to_json(const fsq_nec *nec, char **json, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    fsq__json j;
    *json = NULL;
    if (len)
        *len = 0;
    fsq__json_init(&j, &b, 1);
    fsq__json_begin_object(&j);
    fsq__json_key(&j, "outcome");
    fsq__json_string(&j, nec->outcome);
    fsq__json_key(&j, "conditions");
    fsq__json_compact(&j, 1);
    fsq__json_begin_array(&j);
    for (size_t c = 0; c < nec->nconditions; c++)
        fsq__json_string(&j, nec->conditions[c]);
    fsq__json_end_array(&j);
    fsq__json_compact(&j, 0);
    fsq__json_key(&j, "relation");
    fsq__json_string(&j, "necessity");
    fsq__json_key(&j, "incl_cut");
    fsq__json_number(&j, nec->opts.incl_cut);
    fsq__json_key(&j, "cov_cut");
    fsq__json_number(&j, nec->opts.cov_cut);
    fsq__json_key(&j, "ron_cut");
    fsq__json_number(&j, nec->opts.ron_cut);
    fsq__json_key(&j, "depth");
    if (nec->opts.depth > 0)
        fsq__json_int(&j, nec->opts.depth);
    else
        fsq__json_null(&j);
    fsq__json_key(&j, "results");
    fsq__json_begin_array(&j);
    for (size_t t = 0; t < nec->nterms; t++) {
        const fsq_nec_term *pt = &nec->terms[t];
        fsq__json_compact(&j, 1);
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "expression");
        fsq__json_string(&j, pt->expression);
        fsq__json_key(&j, "inclN");
        fsq__json_number(&j, pt->incl);
        fsq__json_key(&j, "RoN");
        fsq__json_number(&j, pt->ron);
        fsq__json_key(&j, "covN");
        fsq__json_number(&j, pt->cov);
        fsq__json_end_object(&j);
        fsq__json_compact(&j, 0);
    }
    fsq__json_end_array(&j);
    fsq__json_end_object(&j);
    fsq__buf_putc(&b, '\n');
    return fsq__buf_hand_out(&b, json, len);
}
