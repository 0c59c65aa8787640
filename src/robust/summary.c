/* Summaries of a robustness run: the share of replicates giving each model
 * and each term (Wilson 95% intervals), R type-7 quantiles of the first
 * model's consistency and coverage, the share with no solution, and the
 * sensitivity ranges of sweeps. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/error.h"
#include "common/json.h"
#include "io/zstd_stream.h"
#include "common/quantile.h"
#include "robust/engine.h"

/* 95% Wilson score interval of x successes in n trials. */
static void wilson(size_t x, size_t n, double *share, double *lo, double *hi)
{
    const double z = 1.959963984540054;
    if (n == 0) {
        *share = *lo = *hi = NAN;
        return;
    }
    double p = (double)x / (double)n, nn = (double)n, z2 = z * z;
    double den = 1 + z2 / nn;
    double centre = (p + z2 / (2 * nn)) / den;
    double half = z / den * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    *share = p;
    *lo = centre - half < 0 ? 0 : centre - half;
    *hi = centre + half > 1 ? 1 : centre + half;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef fsq__rob_tally tally;
typedef fsq__rob_tally_list tally_list;

static int tally_add(tally_list *l, const char *s, size_t len, size_t rep)
{
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->items[i].text) == len && memcmp(l->items[i].text, s, len) == 0) {
            if (l->items[i].last_rep != rep) {
                l->items[i].count++;
                l->items[i].last_rep = rep;
            }
            return 0;
        }
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        tally *t = realloc(l->items, cap * sizeof *t);
        if (!t)
            return fsq__nomem();
        l->items = t;
        l->cap = cap;
    }
    char *d = malloc(len + 1);
    if (!d)
        return fsq__nomem();
    memcpy(d, s, len);
    d[len] = '\0';
    l->items[l->n++] = (tally){d, 1, rep};
    return 0;
}

static int cmp_tally(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->text, y->text);
}

/* Moves the tallies into shares owned by the run. */
static int tally_to_shares(fsq_robust_run *run, tally_list *l, size_t nvalid,
                           fsq_robust_share **out)
{
    if (l->n) /* qsort(NULL, 0, ...) is undefined */
        qsort(l->items, l->n, sizeof *l->items, cmp_tally);
    *out = calloc(l->n ? l->n : 1, sizeof **out);
    char **st = realloc(run->share_text, (run->nshare_text + l->n + 1) * sizeof *st);
    if (st)
        run->share_text = st;
    if (!*out || !st)
        return fsq__nomem();
    for (size_t i = 0; i < l->n; i++) {
        fsq_robust_share *s = &(*out)[i];
        s->text = l->items[i].text;
        s->count = l->items[i].count;
        wilson(s->count, nvalid, &s->share, &s->lo, &s->hi);
        run->share_text[run->nshare_text++] = l->items[i].text;
        l->items[i].text = NULL;
    }
    return 0;
}

void fsq__rob_ts_fold(double *mn, double *mx, size_t *cnt, const double *smin,
                      const double *smax, size_t scnt, size_t n)
{
    if (!scnt)
        return;
    for (size_t i = 0; i < n; i++) {
        if (*cnt == 0 || smin[i] < mn[i])
            mn[i] = smin[i];
        if (*cnt == 0 || smax[i] > mx[i])
            mx[i] = smax[i];
    }
    *cnt += scnt;
}

static void tally_free(tally_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].text);
    free(l->items);
    memset(l, 0, sizeof *l);
}

void fsq__rob_acc_free(fsq__rob_acc *a)
{
    tally_free(&a->models);
    tally_free(&a->terms);
    free(a->incl);
    free(a->cov);
    free(a->same);
    free(a->ts_min);
    free(a->ts_max);
    for (size_t i = 0; i < a->nskipped; i++)
        free(a->skip_text[i]);
    free(a->skip_text);
    free(a->skip_rep);
    memset(a, 0, sizeof *a);
}

int fsq__rob_acc_add(fsq_robust_run *run, size_t r, size_t nsol, char *const *texts,
                     const double *fit0, const char *skipped)
{
    fsq__rob_acc *a = &run->acc;
    int rc = 0;
    a->nadded++;
    if (skipped) {
        if (a->nskipped == a->skip_cap) {
            size_t cap = a->skip_cap ? 2 * a->skip_cap : 16;
            size_t *r2 = realloc(a->skip_rep, cap * sizeof *r2);
            if (r2)
                a->skip_rep = r2;
            char **t2 = realloc(a->skip_text, cap * sizeof *t2);
            if (t2)
                a->skip_text = t2;
            if (!r2 || !t2)
                return fsq__nomem();
            a->skip_cap = cap;
        }
        if (!(a->skip_text[a->nskipped] = strdup(skipped)))
            return fsq__nomem();
        a->skip_rep[a->nskipped++] = r;
        return 0;
    }
    if (run->naxes) {
        if (!a->same && !(a->same = calloc(run->nrep ? run->nrep : 1, 1)))
            return fsq__nomem();
        int same = nsol == run->is_nsol && nsol > 0;
        for (size_t i = 0; same && i < nsol; i++)
            same = strcmp(texts[i], run->is_text[i]) == 0;
        if (r < run->nrep)
            a->same[r] = (unsigned char)same;
    }
    if (!nsol) {
        a->nnone++;
        return 0;
    }
    if (a->nsolved == a->cap) {
        size_t cap = a->cap ? 2 * a->cap : 1024;
        double *i2 = realloc(a->incl, cap * sizeof *i2);
        if (i2)
            a->incl = i2;
        double *c2 = realloc(a->cov, cap * sizeof *c2);
        if (c2)
            a->cov = c2;
        if (!i2 || !c2)
            return fsq__nomem();
        a->cap = cap;
    }
    a->incl[a->nsolved] = fit0[0];
    a->cov[a->nsolved++] = fit0[2];
    for (size_t i = 0; i < nsol && !rc; i++) {
        const char *t = texts[i];
        rc = tally_add(&a->models, t, strlen(t), r);
        while (!rc && *t) {
            const char *end = strstr(t, " + ");
            size_t len = end ? (size_t)(end - t) : strlen(t);
            rc = tally_add(&a->terms, t, len, r);
            t += len + (end ? 3 : 0);
        }
    }
    return rc;
}

int fsq__rob_compute_summary(fsq_robust_run *run)
{
    fsq__rob_acc *a = &run->acc;
    int rc;
    /* Shares are over the points that were analysed (skipped ones aside). */
    size_t nvalid = run->nrep - a->nskipped;
    if ((rc = tally_to_shares(run, &a->models, nvalid, &run->models)) ||
        (rc = tally_to_shares(run, &a->terms, nvalid, &run->terms)))
        return rc;
    fsq_robust_summary *s = &run->summary;
    s->nreplicates = run->nrep;
    s->no_solution.text = "no solution";
    s->no_solution.count = a->nnone;
    s->nskipped = a->nskipped;
    wilson(a->nnone, nvalid, &s->no_solution.share, &s->no_solution.lo, &s->no_solution.hi);
    s->nmodels = a->models.n;
    s->models = run->models;
    s->nterms = a->terms.n;
    s->terms = run->terms;
    if (a->nsolved) {
        qsort(a->incl, a->nsolved, sizeof *a->incl, cmp_double);
        qsort(a->cov, a->nsolved, sizeof *a->cov, cmp_double);
    }
    const double p[3] = {0.025, 0.5, 0.975};
    for (int q = 0; q < 3; q++) {
        s->incl_q[q] = fsq__quantile7(a->incl, a->nsolved, p[q]);
        s->cov_q[q] = fsq__quantile7(a->cov, a->nsolved, p[q]);
    }
    if (run->naxes)
        fsq__rob_ranges(run);
    s->nranges = run->naxes;
    s->ranges = run->ranges;
    /* The texts moved to the shares; the lists are spent. */
    for (size_t i = 0; i < a->models.n; i++)
        free(a->models.items[i].text);
    for (size_t i = 0; i < a->terms.n; i++)
        free(a->terms.items[i].text);
    a->models.n = a->terms.n = 0;
    return 0;
}

/* Accessors --------------------------------------------------------------- */
