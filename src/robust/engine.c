/* Robustness runs: case resampling with reuse of identical minimizations
 * (the parallel driver shared with sweeps: drive.c; summaries: summary.c;
 * JSON lines, the zstd stream and the protocol: output.c).
 *
 * In:  a truth table (memberships, cut-offs), a scheme (bootstrap B,
 *      subsample m of n, jackknife, leave-k-out), a seed, solution options.
 * Out: per replicate (in replicate order) its models and their fit; a
 *      summary (shares of models and terms with Wilson intervals, quantiles
 *      of the first model's fit, share without solution); the protocol of
 *      the IS against all test solutions.
 * Invariant: replicate r depends only on (seed, r) and the table, never on
 *      the thread that runs it: multiplicities come from fsq__rng_init(seed,
 *      r); models of a table are a function of its ON / OFF / C rows (the
 *      reuse key); fit is recomputed per replicate by fixed-order sums.
 * Cost per replicate: O(N) for the multiplicities, one fsq_tt_reweight
 *      (O(N) crisp, O(N rows k) fuzzy), a hash of the rows, then either a
 *      cache hit (compare the key) or one single-threaded fsq_minimize; the
 *      fit is O(N) per model from cached memberships.
 */
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "robust/engine.h"
#include "robust/resample.h"

/* Entries and workers ----------------------------------------------------- */

static void entry_free(fsq__rob_entry *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nsol; i++)
        free(e->text[i]);
    free(e->text);
    free(e->mem);
    free(e->key);
    free(e);
}

void fsq__rob_entries_free(fsq__rob_entry *e)
{
    while (e) {
        fsq__rob_entry *next = e->next;
        entry_free(e);
        e = next;
    }
}

static void worker_free(fsq__rob_worker *w, fsq__rob_scratch_free_fn fini)
{
    fsq__rob_entries_free(w->owned);
    fsq__rob_entries_free(w->retired);
    free(w->bucket);
    free(w->key);
    if (fini && w->scratch)
        fini(w->scratch);
    memset(w, 0, sizeof *w);
}

/* FNV-1a, 64 bits: the key is short (rows x (k + 1) bytes) and only picks a
 * bucket; a hit is confirmed by comparing the whole key. */
static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

/* The reuse key of a table: its rows that are not remainders, with OUT.
 * Remainders are implicit in every solution type, so two tables with the
 * same key have the same models. */
static int make_key(fsq__rob_worker *w, const fsq_tt *rt, size_t *len)
{
    size_t need = rt->nrows * (rt->k + 1) + 1;
    if (need > w->keycap) {
        unsigned char *k = realloc(w->key, need);
        if (!k)
            return fsq__nomem();
        w->key = k;
        w->keycap = need;
    }
    size_t n = 0;
    for (size_t r = 0; r < rt->nrows; r++) {
        if (rt->row_out[r] == FSQ_OUT_REM)
            continue;
        memcpy(w->key + n, rt->rows + r * rt->k, rt->k);
        n += rt->k;
        w->key[n++] = rt->row_out[r];
    }
    *len = n;
    return 0;
}

static int cache_insert(fsq__rob_worker *w, fsq__rob_entry *e)
{
    if (w->nentries + 1 > w->nbuckets / 2) {
        size_t nb = w->nbuckets ? 2 * w->nbuckets : 64;
        fsq__rob_entry **b = calloc(nb, sizeof *b);
        if (!b)
            return fsq__nomem();
        for (size_t i = 0; i < w->nbuckets; i++)
            for (fsq__rob_entry *x = w->bucket[i], *nx; x; x = nx) {
                nx = x->chain;
                x->chain = b[x->hash & (nb - 1)];
                b[x->hash & (nb - 1)] = x;
            }
        free(w->bucket);
        w->bucket = b;
        w->nbuckets = nb;
    }
    e->chain = w->bucket[e->hash & (w->nbuckets - 1)];
    w->bucket[e->hash & (w->nbuckets - 1)] = e;
    w->nentries++;
    return 0;
}

/* Minimizes rt single-threaded into a new entry (models, texts, memberships
 * over all cases of rt). FSQ_ENOSOLUTION becomes an entry without models. */
static int new_entry(const fsq_tt *rt, const fsq_min_options *mo, fsq__rob_entry **out)
{
    fsq_min_options o = *mo;
    o.threads = 1;
    fsq_min *min = NULL;
    int rc;
    fsq__rob_entry *e = calloc(1, sizeof *e);
    if (!e)
        return fsq__nomem();
    e->ncases = rt->ncases;
    rc = fsq_minimize(&min, rt, &o);
    if (rc == FSQ_ENOSOLUTION) {
        e->status = FSQ_ENOSOLUTION;
        rc = 0;
        goto done;
    }
    if (rc)
        goto done;
    size_t nsol = fsq_min_nsolutions(min);
    e->text = calloc(nsol ? nsol : 1, sizeof *e->text);
    e->mem = malloc((nsol * rt->ncases + 1) * sizeof *e->mem);
    if (!e->text || !e->mem) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < nsol; i++) {
        e->nsol = i + 1;
        if (!(e->text[i] = fsq_min_solution_text(min, i))) {
            rc = fsq__nomem();
            goto done;
        }
        if ((rc = fsq_min_solution_membership(min, i, e->mem + i * rt->ncases)))
            goto done;
    }
done:
    fsq_min_free(min);
    if (rc) {
        entry_free(e);
        return rc;
    }
    *out = e;
    return 0;
}

/* Fit of a model from its membership m, exactly the sums of src/fit/fit.c
 * (cases in order, weights multiplied in, the same divisions), so the
 * figures equal fsq_min_solution_fit on the replicate's own table. */
static void model_fit(const fsq_tt *rt, const double *m, const double *w, double *fit)
{
    double sx = 0, sxy = 0, sxyny = 0, sum_y = 0;
    for (size_t i = 0; i < rt->ncases; i++) {
        double wi = w ? w[i] : 1.0, y = rt->y[i], z = rt->yny[i];
        sx += wi * m[i];
        sxy += wi * (m[i] < y ? m[i] : y);
        sxyny += wi * (m[i] < z ? m[i] : z);
    }
    if (w)
        for (size_t i = 0; i < rt->ncases; i++)
            sum_y += w[i] * rt->y[i];
    else
        sum_y = rt->sum_y;
    fit[0] = sx > 0 ? sxy / sx : 0.0;
    double den = sx - sxyny;
    fit[1] = den > 0 ? (sxy - sxyny) / den : 0.0;
    fit[2] = sum_y > 0 ? sxy / sum_y : 0.0;
}

int fsq__rob_solve(fsq__rob_worker *w, const fsq_tt *rt, const fsq_min_options *mo,
                   int use_cache, const double *weights, fsq__rob_rep *rep)
{
    fsq__rob_entry *e = NULL;
    size_t keylen = 0;
    uint64_t h = 0;
    int rc;
    if (use_cache) {
        if ((rc = make_key(w, rt, &keylen)))
            return rc;
        h = hash_bytes(w->key, keylen);
        if (w->nbuckets)
            for (e = w->bucket[h & (w->nbuckets - 1)]; e; e = e->chain)
                if (e->hash == h && e->keylen == keylen && memcmp(e->key, w->key, keylen) == 0)
                    break;
        rep->reused = e != NULL;
    }
    if (!e) {
        if ((rc = new_entry(rt, mo, &e)))
            return rc;
        e->next = w->owned;
        w->owned = e;
        w->bytes += sizeof *e + e->nsol * (e->ncases * sizeof(double) + 64);
        for (size_t i = 0; i < e->nsol; i++)
            w->bytes += strlen(e->text[i]);
        if (use_cache) {
            e->hash = h;
            e->keylen = keylen;
            if (!(e->key = malloc(keylen ? keylen : 1)))
                return fsq__nomem();
            memcpy(e->key, w->key, keylen);
            w->bytes += keylen;
            if ((rc = cache_insert(w, e)))
                return rc;
        }
    }
    rep->entry = e;
    if (e->nsol) {
        if (!(rep->fit = malloc(3 * e->nsol * sizeof *rep->fit)))
            return fsq__nomem();
        for (size_t i = 0; i < e->nsol; i++)
            model_fit(rt, e->mem + i * e->ncases, weights, rep->fit + 3 * i);
    }
    return 0;
}

/* Runs ------------------------------------------------------------------- */

int fsq__rob_run_new(fsq_robust_run **out, const fsq_tt *tt, size_t nrep,
                     const fsq_robust_options *o)
{
    *out = NULL;
    fsq_robust_run *run = calloc(1, sizeof *run);
    if (!run)
        return fsq__nomem();
    run->scheme = o->scheme;
    run->seed = o->seed;
    run->subsample = o->subsample;
    run->leave_out = o->leave_out;
    run->ncases = tt->ncases;
    run->nrep = nrep;
    run->nslots = nrep;
    run->keep = o->keep;
    run->reps = calloc(nrep ? nrep : 1, sizeof *run->reps);
    run->case_ids = calloc(tt->ncases ? tt->ncases : 1, sizeof *run->case_ids);
    run->y = malloc((tt->ncases ? tt->ncases : 1) * sizeof *run->y);
    if (!run->reps || !run->case_ids || !run->y)
        goto fail;
    for (size_t i = 0; i < tt->ncases; i++)
        if (!(run->case_ids[i] = strdup(tt->case_ids[i])))
            goto fail;
    memcpy(run->y, tt->y, tt->ncases * sizeof *run->y);
    *out = run;
    return 0;
fail:
    fsq_robust_run_free(run);
    return fsq__nomem();
}

int fsq__rob_initial(fsq_robust_run *run, const fsq_tt *tt, const fsq_robust_options *o)
{
    fsq_min_options mo = o->min;
    mo.threads = o->threads;
    fsq_min *min = NULL;
    int rc = fsq_minimize(&min, tt, &mo);
    if (rc == FSQ_ENOSOLUTION)
        return 0;
    if (rc)
        return rc;
    size_t nsol = fsq_min_nsolutions(min);
    run->is_text = calloc(nsol ? nsol : 1, sizeof *run->is_text);
    run->is_mem = malloc((tt->ncases ? tt->ncases : 1) * sizeof *run->is_mem);
    if (!run->is_text || !run->is_mem) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < nsol; i++) {
        run->is_nsol = i + 1;
        if (!(run->is_text[i] = fsq_min_solution_text(min, i))) {
            rc = fsq__nomem();
            goto done;
        }
    }
    if (nsol)
        rc = fsq_min_solution_membership(min, 0, run->is_mem);
done:
    fsq_min_free(min);
    return rc;
}

const fsq__rob_entry fsq__rob_skipped_entry = {.status = FSQ_EINPUT};

void fsq_robust_run_free(fsq_robust_run *run)
{
    if (!run)
        return;
    for (size_t r = 0; r < run->nslots && run->reps; r++) {
        free(run->reps[r].fit);
        free(run->reps[r].skipped);
    }
    fsq__rob_acc_free(&run->acc);
    free(run->reps);
    for (size_t t = 0; t < run->nworkers; t++)
        worker_free(&run->workers[t], NULL);
    free(run->workers);
    for (size_t i = 0; i < run->ncases && run->case_ids; i++)
        free(run->case_ids[i]);
    free(run->case_ids);
    free(run->y);
    for (size_t i = 0; i < run->is_nsol; i++)
        free(run->is_text[i]);
    free(run->is_text);
    free(run->is_mem);
    for (size_t a = 0; a < 3; a++)
        free(run->axis_values[a]);
    free(run->models);
    free(run->terms);
    for (size_t i = 0; i < run->nshare_text; i++)
        free(run->share_text[i]);
    free(run->share_text);
    free(run);
}


/* Resampling ------------------------------------------------------------- */

typedef struct {
    const fsq_tt *tt;
    const fsq_robust_options *o;
} resample_ctx;

typedef struct {
    uint32_t *mult;
    double *weights;
} resample_scratch;

static int resample_init(void *ctx, void **scratch)
{
    const resample_ctx *c = ctx;
    size_t n = c->tt->ncases ? c->tt->ncases : 1;
    resample_scratch *s = calloc(1, sizeof *s);
    if (!s)
        return fsq__nomem();
    s->mult = malloc(n * sizeof *s->mult);
    s->weights = malloc(n * sizeof *s->weights);
    *scratch = s;
    if (!s->mult || !s->weights)
        return fsq__nomem();
    return 0;
}

static void resample_fini(void *scratch)
{
    resample_scratch *s = scratch;
    free(s->mult);
    free(s->weights);
    free(s);
}

static int multiplicities(const fsq_robust_options *o, size_t n, size_t r, uint32_t *mult)
{
    switch (o->scheme) {
    case FSQ_ROBUST_BOOTSTRAP:
        return fsq__resample_bootstrap(mult, n, o->seed, r);
    case FSQ_ROBUST_SUBSAMPLE:
        return fsq__resample_subsample(mult, n, o->subsample, o->seed, r);
    case FSQ_ROBUST_JACKKNIFE:
        return fsq__resample_jackknife(mult, n, r);
    case FSQ_ROBUST_LEAVE_K_OUT:
        return fsq__resample_leave_k_out(mult, n, o->leave_out, r);
    default:
        return fsq__error(FSQ_EINPUT, "not a resampling scheme: %d", (int)o->scheme);
    }
}

static int resample_point(void *ctx, fsq__rob_worker *w, size_t r, fsq__rob_rep *rep)
{
    const resample_ctx *c = ctx;
    resample_scratch *s = w->scratch;
    size_t n = c->tt->ncases;
    fsq_tt *rt = NULL;
    int rc = multiplicities(c->o, n, r, s->mult);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        s->weights[i] = (double)s->mult[i];
    fsq_tt_options to = c->tt->opts;
    to.threads = 1;
    if ((rc = fsq_tt_reweight(&rt, c->tt, s->weights, &to)))
        return rc;
    rc = fsq__rob_solve(w, rt, &c->o->min, c->o->reuse, s->weights, rep);
    fsq_tt_free(rt);
    return rc;
}

int fsq_robust_resample(fsq_robust_run **out, const fsq_tt *tt, const fsq_robust_options *opts)
{
    fsq_robust_options o = opts ? *opts : (fsq_robust_options)FSQ_ROBUST_OPTIONS_INIT;
    fsq_robust_run *run = NULL;
    size_t n = tt->ncases, nrep = 0;
    int rc;
    *out = NULL;
    if (tt->base)
        return fsq__error(FSQ_EINPUT, "resampling needs the full truth table, not a resample");
    if (n == 0)
        return fsq__error(FSQ_EINPUT, "resampling needs at least one case");
    switch (o.scheme) {
    case FSQ_ROBUST_BOOTSTRAP:
        nrep = o.replicates;
        break;
    case FSQ_ROBUST_SUBSAMPLE:
        if (o.subsample < 1 || o.subsample > n)
            return fsq__error(FSQ_EINPUT, "subsample size %zu: must be between 1 and the "
                              "number of cases (%zu)", o.subsample, n);
        nrep = o.replicates;
        break;
    case FSQ_ROBUST_JACKKNIFE:
        nrep = n;
        break;
    case FSQ_ROBUST_LEAVE_K_OUT: {
        uint64_t b;
        if (o.leave_out < 1 || o.leave_out >= n)
            return fsq__error(FSQ_EINPUT, "leave-%zu-out: k must be between 1 and the number "
                              "of cases minus one (%zu)", o.leave_out, n - 1);
        if ((rc = fsq__binomial(&b, n, o.leave_out)))
            return rc;
        if (b > (uint64_t)(SIZE_MAX / sizeof(fsq__rob_rep)) || b > UINT64_C(100000000))
            return fsq__error(FSQ_ELIMIT, "leave-%zu-out of %zu cases has %llu replicates; "
                              "at most 100000000 are supported", o.leave_out, n,
                              (unsigned long long)b);
        nrep = (size_t)b;
        break;
    }
    default:
        return fsq__error(FSQ_EINPUT, "not a resampling scheme: %d", (int)o.scheme);
    }
    if (nrep == 0)
        return fsq__error(FSQ_EINPUT, "no replicates asked for");
    if (o.min.type == FSQ_INTERMEDIATE && o.min.ndir_exp != tt->k)
        return fsq__error(FSQ_EINPUT, "intermediate solutions need one directional expectation "
                          "per condition (%zu given, %zu conditions)", o.min.ndir_exp, tt->k);
    if ((rc = fsq__rob_run_new(&run, tt, nrep, &o)) || (rc = fsq__rob_initial(run, tt, &o)))
        goto done;
    resample_ctx c = {tt, &o};
    rc = fsq__rob_drive(run, &o, resample_point, &c, resample_init, resample_fini);
done:
    if (rc) {
        fsq_robust_run_free(run);
        return rc;
    }
    *out = run;
    return 0;
}

/* Summary ----------------------------------------------------------------- */

size_t fsq_robust_run_nreplicates(const fsq_robust_run *run) { return run->nrep; }

size_t fsq_robust_run_ncases(const fsq_robust_run *run) { return run->ncases; }

const char *fsq_robust_run_case_id(const fsq_robust_run *run, size_t i)
{
    return run->case_ids ? run->case_ids[i] : NULL;
}

int fsq_robust_run_status(const fsq_robust_run *run, size_t r)
{
    return run->reps[r].entry->status;
}

const char *fsq_robust_run_skipped(const fsq_robust_run *run, size_t r)
{
    /* The accumulator keeps every skipped point (in replicate order), so
     * streamed and merged runs answer too. */
    const fsq__rob_acc *a = &run->acc;
    size_t lo = 0, hi = a->nskipped;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->skip_rep[mid] < r)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->nskipped && a->skip_rep[lo] == r ? a->skip_text[lo] : NULL;
}

size_t fsq_robust_run_nsolutions(const fsq_robust_run *run, size_t r)
{
    return run->reps[r].entry->nsol;
}

const char *fsq_robust_run_solution(const fsq_robust_run *run, size_t r, size_t i)
{
    return run->reps[r].entry->text[i];
}

void fsq_robust_run_fit(const fsq_robust_run *run, size_t r, size_t i, double *incl,
                        double *pri, double *cov)
{
    const double *f = run->reps[r].fit + 3 * i;
    *incl = f[0];
    *pri = f[1];
    *cov = f[2];
}

size_t fsq_robust_run_nreused(const fsq_robust_run *run) { return run->nreused; }

size_t fsq_robust_run_initial_nsolutions(const fsq_robust_run *run) { return run->is_nsol; }

const char *fsq_robust_run_initial(const fsq_robust_run *run, size_t i)
{
    return i < run->is_nsol ? run->is_text[i] : NULL;
}

const fsq_robust_summary *fsq_robust_run_summary(const fsq_robust_run *run)
{
    return &run->summary;
}

int fsq__rob_same_as_initial(const fsq_robust_run *run, size_t r)
{
    return run->acc.same && r < run->nrep && run->acc.same[r];
}

fsq_robust_scheme fsq_robust_run_scheme(const fsq_robust_run *run) { return run->scheme; }

uint64_t fsq_robust_run_seed(const fsq_robust_run *run) { return run->seed; }

void fsq_robust_run_range(const fsq_robust_run *run, size_t *lo, size_t *hi,
                          size_t *resumed_from)
{
    *lo = run->range_lo;
    *hi = run->range_hi;
    *resumed_from = run->resumed_from;
}
