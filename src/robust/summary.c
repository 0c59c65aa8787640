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
#include "io/json.h"
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

/* Distinct strings with counts (one count per replicate at most). */
typedef struct {
    char *text;
    size_t count, last_rep;
} tally;

typedef struct {
    tally *items;
    size_t n, cap;
} tally_list;

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

int fsq__rob_compute_summary(fsq_robust_run *run)
{
    tally_list models = {0}, terms = {0};
    double *incl = NULL, *cov = NULL;
    size_t nsolved = 0, nnone = 0, nskipped = 0;
    int rc = 0;
    incl = malloc((run->nrep ? run->nrep : 1) * sizeof *incl);
    cov = malloc((run->nrep ? run->nrep : 1) * sizeof *cov);
    if (!incl || !cov) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t r = 0; r < run->nrep && !rc; r++) {
        const fsq__rob_entry *e = run->reps[r].entry;
        if (run->reps[r].skipped) {
            nskipped++;
            continue;
        }
        if (!e->nsol) {
            nnone++;
            continue;
        }
        incl[nsolved] = run->reps[r].fit[0];
        cov[nsolved++] = run->reps[r].fit[2];
        for (size_t i = 0; i < e->nsol && !rc; i++) {
            const char *t = e->text[i];
            rc = tally_add(&models, t, strlen(t), r);
            while (!rc && *t) {
                const char *end = strstr(t, " + ");
                size_t len = end ? (size_t)(end - t) : strlen(t);
                rc = tally_add(&terms, t, len, r);
                t += len + (end ? 3 : 0);
            }
        }
    }
    /* Shares are over the points that were analysed (skipped ones aside). */
    size_t nvalid = run->nrep - nskipped;
    if (rc || (rc = tally_to_shares(run, &models, nvalid, &run->models)) ||
        (rc = tally_to_shares(run, &terms, nvalid, &run->terms)))
        goto done;
    fsq_robust_summary *s = &run->summary;
    s->nreplicates = run->nrep;
    s->no_solution.text = "no solution";
    s->no_solution.count = nnone;
    s->nskipped = nskipped;
    wilson(nnone, nvalid, &s->no_solution.share, &s->no_solution.lo, &s->no_solution.hi);
    s->nmodels = models.n;
    s->models = run->models;
    s->nterms = terms.n;
    s->terms = run->terms;
    qsort(incl, nsolved, sizeof *incl, cmp_double);
    qsort(cov, nsolved, sizeof *cov, cmp_double);
    const double p[3] = {0.025, 0.5, 0.975};
    for (int q = 0; q < 3; q++) {
        s->incl_q[q] = fsq__quantile7(incl, nsolved, p[q]);
        s->cov_q[q] = fsq__quantile7(cov, nsolved, p[q]);
    }
    if (run->naxes)
        fsq__rob_ranges(run);
    s->nranges = run->naxes;
    s->ranges = run->ranges;
done:
    for (size_t i = 0; i < models.n; i++)
        free(models.items[i].text);
    for (size_t i = 0; i < terms.n; i++)
        free(terms.items[i].text);
    free(models.items);
    free(terms.items);
    free(incl);
    free(cov);
    return rc;
}

/* Accessors --------------------------------------------------------------- */
