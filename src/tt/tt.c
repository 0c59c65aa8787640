/* Truth table construction, exactly as QCA 3.23's truthTable().
 *
 * In:  a data set, the outcome (optionally "~Y"), the conditions, cut-offs.
 * Out: the observed configurations (rows) in QCA index order, each with n,
 *      incl, PRI, OUT and its cases.
 * Steps:
 *   1. resolve the columns, detect each condition's kind (crisp, fuzzy,
 *      multi-value), copy the memberships column-wise;
 *   2. give every case its configuration: the level of a crisp or
 *      multi-value condition, 1 if a fuzzy membership is > 0.5, 0 if < 0.5;
 *      a case with a fuzzy value of exactly 0.5 belongs to no row;
 *   3. group cases into rows with a stable LSD radix sort on the digits, so
 *      rows come out in index order and cases in data order: O(N k);
 *   4. sums over ALL cases for every row (tt_sums.c); for a table of crisp
 *      and multi-value conditions only a row's own cases have a nonzero
 *      membership, so the sums are O(N) over the groups;
 *   5. OUT from the cut-offs with QCA's tolerance.
 * The 2^k (or prod levels) space is never allocated.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/clock.h"
#include "common/error.h"
#include "io/data_internal.h"
#include "tt/tt_internal.h"

#define MAX_LEVELS 100

static void free_rows(fsq_tt *tt)
{
    free(tt->rows);
    free(tt->row_n);
    free(tt->row_incl);
    free(tt->row_pri);
    free(tt->row_out);
    free(tt->row_start);
    free(tt->row_cases);
    free(tt->weights);
}

void fsq_tt_free(fsq_tt *tt)
{
    if (!tt)
        return;
    free_rows(tt);
    if (tt->base) {
        free(tt);
        return;
    }
    if (tt->conditions)
        for (size_t j = 0; j < tt->k; j++)
            free(tt->conditions[j]);
    if (tt->case_ids)
        for (size_t i = 0; i < tt->ncases; i++)
            free(tt->case_ids[i]);
    free(tt->conditions);
    free(tt->case_ids);
    free(tt->outcome);
    free(tt->source);
    free(tt->levels);
    free(tt->fuzzy);
    free(tt->x);
    free(tt->y);
    free(tt->yny);
    free(tt->half);
    free(tt->half_cases);
    free(tt);
}

fsq_out fsq__tt_classify(const fsq_tt_options *o, double n, double incl, double pri)
{
    double ic1 = o->incl_cut1;
    if (n < (double)o->n_cut)
        return FSQ_OUT_REM;
    /* As in QCA: "C" is tested on the raw incl < ic1 and overrides a 1 that
     * passed ic1 only thanks to the tolerance. With a single cut there is no
     * ic0 and no contradiction. */
    if (o->incl_cut0 >= 0 && incl < ic1 && incl >= o->incl_cut0 - FSQ_TOLERANCE)
        return FSQ_OUT_C;
    if (incl >= ic1 - FSQ_TOLERANCE && pri >= o->pri_cut - FSQ_TOLERANCE)
        return FSQ_OUT_1;
    return FSQ_OUT_0;
}

static int check_options(const fsq_tt_options *o)
{
    if (!(o->incl_cut1 >= 0 && o->incl_cut1 <= 1))
        return fsq__error(FSQ_EINPUT, "incl.cut %g is not in [0, 1]", o->incl_cut1);
    if (o->incl_cut0 >= 0 && !(o->incl_cut0 <= o->incl_cut1))
        return fsq__error(FSQ_EINPUT,
                          "the second incl.cut (%g, for contradictions) must not exceed the first "
                          "(%g)", o->incl_cut0, o->incl_cut1);
    if (!(o->pri_cut >= 0 && o->pri_cut <= 1))
        return fsq__error(FSQ_EINPUT, "pri.cut %g is not in [0, 1]", o->pri_cut);
    return 0;
}

/* Step 1: one condition column, its kind and its number of levels. */
static int load_condition(fsq_tt *tt, const fsq_data *d, long col, size_t j)
{
    const fsq__column *c = &d->vars[col];
    double *x = tt->x + j * tt->ncases;
    double maxv = 0;
    int fuzzy = 0;
    for (size_t i = 0; i < tt->ncases; i++) {
        double v = c->values[i];
        if (isnan(v))
            return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: missing value in condition \"%s\" (case "
                              "\"%s\"; use --drop-missing)", d->source, d->lines[i], c->file_col,
                              c->name, d->ids[i]);
        int integral = v == floor(v);
        if (v < 0 || (!integral && v > 1))
            return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: condition \"%s\" has the value %g: neither "
                              "a membership in [0, 1] nor a multi-value level 0, 1, 2, ...",
                              d->source, d->lines[i], c->file_col, c->name, v);
        if (v >= MAX_LEVELS)
            return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: condition \"%s\" has the level %g; at "
                              "most %d levels are supported", d->source, d->lines[i],
                              c->file_col, c->name, v, MAX_LEVELS);
        fuzzy |= !integral;
        if (v > maxv)
            maxv = v;
        x[i] = v;
    }
    tt->fuzzy[j] = (unsigned char)fuzzy;
    tt->levels[j] = (unsigned char)(fuzzy || maxv < 2 ? 2 : (unsigned)maxv + 1);
    return 0;
}

static int load_outcome(fsq_tt *tt, const fsq_data *d, long col)
{
    const fsq__column *c = &d->vars[col];
    tt->sum_y = 0;
    for (size_t i = 0; i < tt->ncases; i++) {
        double v = c->values[i];
        if (isnan(v))
            return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: missing value in the outcome \"%s\" (case "
                              "\"%s\"; use --drop-missing)", d->source, d->lines[i], c->file_col,
                              c->name, d->ids[i]);
        if (v < 0 || v > 1)
            return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: the outcome \"%s\" has the value %g, not a "
                              "membership in [0, 1]", d->source, d->lines[i], c->file_col,
                              c->name, v);
        double y = tt->negated ? 1.0 - v : v;
        tt->y[i] = y;
        tt->yny[i] = y < 1.0 - y ? y : 1.0 - y;
        tt->sum_y += y;
    }
    return 0;
}

/* Steps 2 and 3: digits per case, then a stable LSD radix sort of the cases
 * that are in some row; returns the sorted case order in *order (nin cases). */
static int group_cases(fsq_tt *tt, unsigned char *digits, size_t **order_out, size_t *nin_out,
                       double deadline)
{
    size_t n = tt->ncases, k = tt->k, nin = 0;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    size_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!order || !tmp) {
        free(order);
        free(tmp);
        return fsq__nomem();
    }
    for (size_t i = 0; i < n; i++) {
        if ((i & 4095) == 0 && fsq__past(deadline)) {
            free(order);
            free(tmp);
            return FSQ_ELIMIT;
        }
        tt->half[i] = 0;
        for (size_t j = 0; j < k; j++) {
            double v = tt->x[j * n + i];
            unsigned dg;
            if (tt->levels[j] > 2 || !tt->fuzzy[j])
                dg = (unsigned)v;
            else if (v == 0.5)
                tt->half[i] = 1, dg = 0;
            else
                dg = v > 0.5;
            digits[i * k + j] = (unsigned char)dg;
        }
        if (!tt->half[i])
            order[nin++] = i;
    }
    for (size_t jj = k; nin > 0 && jj-- > 0;) {
        size_t count[MAX_LEVELS + 1] = {0};
        for (size_t t = 0; t < nin; t++)
            count[digits[order[t] * k + jj] + 1]++;
        if (count[digits[order[0] * k + jj] + 1] == nin)
            continue; /* a constant digit leaves the order as it is */
        for (size_t l = 1; l <= MAX_LEVELS; l++)
            count[l] += count[l - 1];
        for (size_t t = 0; t < nin; t++)
            tmp[count[digits[order[t] * k + jj]]++] = order[t];
        size_t *s = order;
        order = tmp;
        tmp = s;
    }
    free(tmp);
    *order_out = order;
    *nin_out = nin;
    return 0;
}

int fsq_tt_build(fsq_tt **out, const fsq_data *d, const char *outcome,
                 const char *const *conditions, size_t nconditions, const fsq_tt_options *opts)
{
    fsq_tt_options defaults = FSQ_TT_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    *out = NULL;
    fsq_tt *tt = NULL;
    long *cols = NULL;
    unsigned char *digits = NULL;
    size_t *order = NULL;
    double *sums = NULL;
    unsigned char *seen = NULL;
    int rc;

    if ((rc = check_options(opts)))
        return rc;
    static const char phase[] = "the truth table";
    double deadline;
    if ((rc = fsq__phase_deadline(opts->time_limit,
                                  opts->time_start > 0 ? opts->time_start : fsq__now(), phase,
                                  &deadline)))
        return rc;
    if (!outcome || !*outcome || (outcome[0] == '~' && !outcome[1]))
        return fsq__error(FSQ_EINPUT, "no outcome given");
    tt = calloc(1, sizeof *tt);
    if (!tt)
        return fsq__nomem();
    tt->opts = *opts;
    tt->negated = outcome[0] == '~';
    tt->outcome = strdup(outcome + tt->negated);
    tt->source = strdup(d->source);
    if (!tt->outcome || !tt->source) {
        rc = fsq__nomem();
        goto done;
    }
    long ycol;
    if ((rc = fsq__data_numeric_column(d, tt->outcome, &ycol)))
        goto done;

    /* The conditions: as given, or every other numeric column. */
    size_t k = nconditions;
    cols = malloc((d->nvars + nconditions + 1) * sizeof *cols);
    if (!cols) {
        rc = fsq__nomem();
        goto done;
    }
    if (conditions && nconditions) {
        if (!(seen = calloc(d->nvars ? d->nvars : 1, 1))) {
            rc = fsq__nomem();
            goto done;
        }
        for (size_t j = 0; j < k; j++) {
            if ((rc = fsq__data_numeric_column(d, conditions[j], &cols[j])))
                goto done;
            if (cols[j] == ycol) {
                rc = fsq__error(FSQ_EINPUT, "\"%s\" is the outcome and cannot also be a "
                                "condition", conditions[j]);
                goto done;
            }
            /* seen[] (one byte per column) keeps this O(k), not O(k^2). */
            if (seen[cols[j]]++) {
                rc = fsq__error(FSQ_EINPUT, "condition \"%s\" is given twice", conditions[j]);
                goto done;
            }
        }
    } else {
        k = 0;
        for (size_t v = 0; v < d->nvars; v++) {
            if ((long)v == ycol || !fsq_data_var_is_default_condition(d, v))
                continue;
            if ((rc = fsq__data_numeric_column(d, d->vars[v].name, &cols[k])))
                goto done;
            k++;
        }
    }
    if (k == 0) {
        rc = fsq__error(FSQ_EINPUT, "%s: no condition columns", d->source);
        goto done;
    }
    if (d->ncases == 0) {
        rc = fsq__error(FSQ_EINPUT, "%s: the data set has no cases", d->source);
        goto done;
    }
    tt->k = k;
    tt->ncases = d->ncases;
    size_t n = d->ncases;
    tt->conditions = calloc(k, sizeof *tt->conditions);
    tt->levels = calloc(k, 1);
    tt->fuzzy = calloc(k, 1);
    tt->x = malloc(k * n * sizeof *tt->x);
    tt->y = malloc(n * sizeof *tt->y);
    tt->yny = malloc(n * sizeof *tt->yny);
    tt->case_ids = calloc(n, sizeof *tt->case_ids);
    tt->half = calloc(n, 1);
    digits = malloc(n * k);
    if (!tt->conditions || !tt->levels || !tt->fuzzy || !tt->x || !tt->y || !tt->yny ||
        !tt->case_ids || !tt->half || !digits) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if (!(tt->case_ids[i] = strdup(d->ids[i]))) {
            rc = fsq__nomem();
            goto done;
        }
    int any_fuzzy = 0, any_mv = 0;
    long first_fuzzy = -1, first_mv = -1;
    for (size_t j = 0; j < k; j++) {
        if (!(tt->conditions[j] = strdup(d->vars[cols[j]].name))) {
            rc = fsq__nomem();
            goto done;
        }
        if ((rc = load_condition(tt, d, cols[j], j)))
            goto done;
        if (tt->fuzzy[j] && first_fuzzy < 0)
            first_fuzzy = (long)j;
        if (tt->levels[j] > 2 && first_mv < 0)
            first_mv = (long)j;
        any_fuzzy |= tt->fuzzy[j];
        any_mv |= tt->levels[j] > 2;
    }
    if (any_fuzzy && any_mv) {
        rc = fsq__error(FSQ_EINPUT, "condition \"%s\" is fuzzy and \"%s\" is multi-value; QCA "
                        "cannot mix the two in one truth table", tt->conditions[first_fuzzy],
                        tt->conditions[first_mv]);
        goto done;
    }
    tt->type = any_fuzzy ? FSQ_FUZZY : any_mv ? FSQ_MULTIVALUE : FSQ_CRISP;
    if ((rc = load_outcome(tt, d, ycol)))
        goto done;

    size_t nin = 0;
    if ((rc = group_cases(tt, digits, &order, &nin, deadline)))
        goto done;

    /* Rows: runs of equal digits in the sorted order. */
    size_t nrows = 0;
    for (size_t t = 0; t < nin; t++)
        nrows += t == 0 || memcmp(digits + order[t] * k, digits + order[t - 1] * k, k) != 0;
    tt->nrows = nrows;
    tt->rows = malloc((nrows ? nrows : 1) * k);
    tt->row_n = calloc(nrows ? nrows : 1, sizeof *tt->row_n);
    tt->row_incl = calloc(nrows ? nrows : 1, sizeof *tt->row_incl);
    tt->row_pri = calloc(nrows ? nrows : 1, sizeof *tt->row_pri);
    tt->row_out = calloc(nrows ? nrows : 1, 1);
    tt->row_start = calloc(nrows + 1, sizeof *tt->row_start);
    tt->row_cases = order;
    order = NULL;
    sums = calloc(3 * (nrows ? nrows : 1), sizeof *sums);
    if (!tt->rows || !tt->row_n || !tt->row_incl || !tt->row_pri || !tt->row_out ||
        !tt->row_start || !sums) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t t = 0, r = 0; t < nin; t++) {
        const unsigned char *dg = digits + tt->row_cases[t] * k;
        if (t > 0 && memcmp(dg, digits + tt->row_cases[t - 1] * k, k) != 0)
            r++;
        if (tt->row_n[r]++ == 0) {
            memcpy(tt->rows + r * k, dg, k);
            tt->row_start[r] = t;
        }
    }
    tt->row_start[nrows] = nin;

    tt->nhalf = 0;
    for (size_t i = 0; i < n; i++)
        tt->nhalf += tt->half[i];
    tt->half_cases = malloc((tt->nhalf ? tt->nhalf : 1) * sizeof *tt->half_cases);
    if (!tt->half_cases) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0, h = 0; i < n; i++)
        if (tt->half[i])
            tt->half_cases[h++] = i;

    /* Step 4. */
    if (tt->type == FSQ_FUZZY) {
        if ((rc = fsq__tt_cube_sums_until(tt, tt->rows, nrows, NULL, sums, opts->threads,
                                          deadline)))
            goto done;
    } else {
        for (size_t r = 0; r < nrows; r++)
            for (size_t t = tt->row_start[r]; t < tt->row_start[r + 1]; t++) {
                size_t i = tt->row_cases[t];
                sums[3 * r] += 1.0;
                sums[3 * r + 1] += tt->y[i];
                sums[3 * r + 2] += tt->yny[i];
            }
    }
    /* Step 5. */
    for (size_t r = 0; r < nrows; r++) {
        tt->row_incl[r] = fsq__incl_from_sums(sums + 3 * r);
        tt->row_pri[r] = fsq__pri_from_sums(sums + 3 * r);
        tt->row_out[r] = (unsigned char)fsq__tt_classify(opts, (double)tt->row_n[r],
                                                         tt->row_incl[r], tt->row_pri[r]);
    }
    *out = tt;
    tt = NULL;
done:
    if (rc == FSQ_ELIMIT)
        rc = fsq__time_error(opts->time_limit, phase);
    free(cols);
    free(seen);
    free(digits);
    free(order);
    free(sums);
    fsq_tt_free(tt);
    return rc;
}

/* Reweighting: the truth table of a resample ------------------------------

 * A replicate of a bootstrap or jackknife is the same cases with other
 * multiplicities. Memberships do not change, so the replicate borrows them
 * and recomputes only the rows: a row's n is the total weight of its cases,
 * rows whose cases all have weight 0 vanish, and incl / PRI are the weighted
 * sums over all cases. Cost: O(N) for crisp and multi-value tables, one pass
 * of the sums kernel for fuzzy ones. */
int fsq_tt_reweight(fsq_tt **out, const fsq_tt *base, const double *weights,
                    const fsq_tt_options *opts)
{
    *out = NULL;
    if (base->base)
        base = base->base;
    fsq_tt_options o = opts ? *opts : base->opts;
    int rc;
    if ((rc = check_options(&o)))
        return rc;
    for (size_t i = 0; i < base->ncases; i++)
        if (!(weights[i] >= 0))
            return fsq__error(FSQ_EINPUT, "case weight %zu is %g; weights must be >= 0", i,
                              weights[i]);
    fsq_tt *tt = malloc(sizeof *tt);
    double *sums = NULL, *wn = NULL;
    if (!tt)
        return fsq__nomem();
    *tt = *base;
    tt->base = base;
    tt->opts = o;
    tt->rows = NULL;
    tt->row_n = NULL;
    tt->row_incl = tt->row_pri = NULL;
    tt->row_out = NULL;
    tt->row_start = tt->row_cases = NULL;
    size_t k = base->k, nb = base->nrows;
    tt->weights = malloc((base->ncases ? base->ncases : 1) * sizeof *tt->weights);
    tt->rows = malloc((nb ? nb : 1) * k);
    tt->row_n = calloc(nb ? nb : 1, sizeof *tt->row_n);
    tt->row_incl = calloc(nb ? nb : 1, sizeof *tt->row_incl);
    tt->row_pri = calloc(nb ? nb : 1, sizeof *tt->row_pri);
    tt->row_out = calloc(nb ? nb : 1, 1);
    tt->row_start = calloc(nb + 1, sizeof *tt->row_start);
    tt->row_cases = malloc((base->row_start[nb] ? base->row_start[nb] : 1) * sizeof(size_t));
    wn = calloc(nb ? nb : 1, sizeof *wn);
    sums = calloc(3 * (nb ? nb : 1), sizeof *sums);
    if (!tt->weights || !tt->rows || !tt->row_n || !tt->row_incl || !tt->row_pri ||
        !tt->row_out || !tt->row_start || !tt->row_cases || !wn || !sums) {
        rc = fsq__nomem();
        goto done;
    }
    memcpy(tt->weights, weights, base->ncases * sizeof *weights);
    tt->sum_y = 0;
    for (size_t i = 0; i < base->ncases; i++)
        tt->sum_y += weights[i] * base->y[i];
    size_t nrows = 0, ncases_in = 0;
    for (size_t r = 0; r < nb; r++) {
        double n = 0;
        for (size_t t = base->row_start[r]; t < base->row_start[r + 1]; t++)
            n += weights[base->row_cases[t]];
        if (n <= 0)
            continue;
        memcpy(tt->rows + nrows * k, base->rows + r * k, k);
        tt->row_start[nrows] = ncases_in;
        for (size_t t = base->row_start[r]; t < base->row_start[r + 1]; t++) {
            size_t i = base->row_cases[t];
            if (weights[i] > 0) {
                tt->row_cases[ncases_in++] = i;
                sums[3 * nrows] += weights[i];
                sums[3 * nrows + 1] += weights[i] * base->y[i];
                sums[3 * nrows + 2] += weights[i] * base->yny[i];
            }
        }
        wn[nrows] = n;
        tt->row_n[nrows] = (size_t)(n + 0.5);
        nrows++;
    }
    tt->nrows = nrows;
    tt->row_start[nrows] = ncases_in;
    if (base->type == FSQ_FUZZY &&
        (rc = fsq__tt_cube_sums(base, tt->rows, nrows, weights, sums, o.threads)))
        goto done;
    for (size_t r = 0; r < nrows; r++) {
        tt->row_incl[r] = fsq__incl_from_sums(sums + 3 * r);
        tt->row_pri[r] = fsq__pri_from_sums(sums + 3 * r);
        tt->row_out[r] = (unsigned char)fsq__tt_classify(&o, wn[r], tt->row_incl[r],
                                                         tt->row_pri[r]);
    }
    *out = tt;
    tt = NULL;
done:
    free(sums);
    free(wn);
    fsq_tt_free(tt);
    return rc;
}

int fsq_tt_reclassify(fsq_tt *tt, const fsq_tt_options *opts)
{
    int rc = check_options(opts);
    if (rc)
        return rc;
    tt->opts = *opts;
    for (size_t r = 0; r < tt->nrows; r++) {
        double n = (double)tt->row_n[r];
        if (tt->weights) {
            n = 0;
            for (size_t t = tt->row_start[r]; t < tt->row_start[r + 1]; t++)
                n += tt->weights[tt->row_cases[t]];
        }
        tt->row_out[r] = (unsigned char)fsq__tt_classify(opts, n, tt->row_incl[r], tt->row_pri[r]);
    }
    return 0;
}

/* Accessors ----------------------------------------------------------------- */

size_t fsq_tt_nconditions(const fsq_tt *tt) { return tt->k; }
const char *fsq_tt_condition(const fsq_tt *tt, size_t j) { return tt->conditions[j]; }
const char *fsq_tt_outcome(const fsq_tt *tt) { return tt->outcome; }
int fsq_tt_outcome_negated(const fsq_tt *tt) { return tt->negated; }
fsq_cond_type fsq_tt_type(const fsq_tt *tt) { return tt->type; }
unsigned fsq_tt_levels(const fsq_tt *tt, size_t j) { return tt->levels[j]; }
size_t fsq_tt_ncases(const fsq_tt *tt) { return tt->ncases; }
const char *fsq_tt_case_id(const fsq_tt *tt, size_t i) { return tt->case_ids[i]; }
size_t fsq_tt_nrows(const fsq_tt *tt) { return tt->nrows; }
unsigned fsq_tt_row_value(const fsq_tt *tt, size_t r, size_t j) { return tt->rows[r * tt->k + j]; }
size_t fsq_tt_row_n(const fsq_tt *tt, size_t r) { return tt->row_n[r]; }
double fsq_tt_row_incl(const fsq_tt *tt, size_t r) { return tt->row_incl[r]; }
double fsq_tt_row_pri(const fsq_tt *tt, size_t r) { return tt->row_pri[r]; }
fsq_out fsq_tt_row_out(const fsq_tt *tt, size_t r) { return (fsq_out)tt->row_out[r]; }

const size_t *fsq_tt_row_cases(const fsq_tt *tt, size_t r, size_t *ncases)
{
    *ncases = tt->row_start[r + 1] - tt->row_start[r];
    return tt->row_cases + tt->row_start[r];
}

const size_t *fsq_tt_half_cases(const fsq_tt *tt, size_t *ncases)
{
    *ncases = tt->nhalf;
    return tt->half_cases;
}

/* Decimal big numbers for row indices and remainder counts, which can exceed
 * 64 bits: little-endian limbs of base 10^9. */
enum { LIMBS = 64 };
typedef struct {
    uint32_t limb[LIMBS];
    int n;
} bignum;

static void big_muladd(bignum *b, unsigned mul, unsigned add)
{
    uint64_t carry = add;
    for (int i = 0; i < b->n; i++) {
        uint64_t v = (uint64_t)b->limb[i] * mul + carry;
        b->limb[i] = (uint32_t)(v % 1000000000u);
        carry = v / 1000000000u;
    }
    while (carry && b->n < LIMBS) {
        b->limb[b->n++] = (uint32_t)(carry % 1000000000u);
        carry /= 1000000000u;
    }
}

static void big_sub(bignum *b, size_t sub)
{
    uint64_t borrow = sub;
    for (int i = 0; i < b->n && borrow; i++) {
        uint64_t part = borrow % 1000000000u;
        borrow /= 1000000000u;
        if (b->limb[i] >= part) {
            b->limb[i] -= (uint32_t)part;
        } else {
            b->limb[i] = (uint32_t)(b->limb[i] + 1000000000u - part);
            borrow++;
        }
    }
    while (b->n > 1 && b->limb[b->n - 1] == 0)
        b->n--;
}

static char *big_text(const bignum *b, char *buf, size_t size)
{
    size_t pos = 0;
    int top = b->n ? b->n - 1 : 0;
    pos += (size_t)snprintf(buf, size, "%u", b->n ? b->limb[top] : 0u);
    for (int i = top - 1; i >= 0 && pos < size; i--)
        pos += (size_t)snprintf(buf + pos, size - pos, "%09u", b->limb[i]);
    return buf;
}

char *fsq__tt_index_text(const unsigned char *digits, const unsigned char *levels, size_t k,
                         char *buf, size_t size)
{
    bignum b = {{0}, 1};
    for (size_t j = 0; j < k; j++)
        big_muladd(&b, levels[j], digits[j]);
    big_muladd(&b, 1, 1);
    return big_text(&b, buf, size);
}

char *fsq_tt_row_index(const fsq_tt *tt, size_t r, char *buf, size_t size)
{
    return fsq__tt_index_text(tt->rows + r * tt->k, tt->levels, tt->k, buf, size);
}

char *fsq_tt_remainders(const fsq_tt *tt, char *buf, size_t size)
{
    bignum b = {{1}, 1};
    for (size_t j = 0; j < tt->k; j++)
        big_muladd(&b, tt->levels[j], 0);
    big_sub(&b, tt->nrows);
    return big_text(&b, buf, size);
}
