/* Sensitivity sweeps: grids of cut-offs and of calibration anchors, and the
 * ranges within which the solution stays the initial one.
 *
 * Cut-offs. Every grid point reclassifies the rows of a per-thread copy of
 * the table (fsq_tt_reclassify: O(rows), no sum recomputed; the copy keeps
 * the base table's incl and PRI bit for bit) and minimizes it. Points whose
 * tables have the same ON / OFF / C rows share one minimization (the reuse
 * cache of engine.c); fit does not depend on cut-offs.
 * Calibration. Every point recalibrates the raw data (one anchor of one
 * variable replaced by the grid value), rebuilds the table and minimizes
 * it: memberships change, so nothing is reused.
 * Ranges. Along each axis, with the other parameters at their given values,
 * the run of consecutive grid values around the given one whose models are
 * exactly the IS's (SetMethods' rob.inclrange / rob.ncutrange /
 * rob.calibrange, over the whole grid instead of at most 20 steps).
 * Grid values are sorted ascending and deduplicated first.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "robust/engine.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The axis values: the list sorted and deduplicated, or just `given`. */
static int set_axis(fsq_robust_run *run, size_t a, const char *name, const double *v, size_t n,
                    double given)
{
    double *vals = malloc((n ? n : 1) * sizeof *vals);
    if (!vals)
        return fsq__nomem();
    size_t m = 0;
    if (n == 0) {
        vals[m++] = given;
    } else {
        memcpy(vals, v, n * sizeof *vals);
        qsort(vals, n, sizeof *vals, cmp_double);
        for (size_t i = 0; i < n; i++)
            if (m == 0 || vals[i] != vals[m - 1])
                vals[m++] = vals[i];
    }
    run->axis_name[a] = name;
    run->axis_values[a] = vals;
    run->axis_n[a] = m;
    run->given[a] = given;
    return 0;
}

/* Index of the given value on axis a, or SIZE_MAX. */
static size_t given_index(const fsq_robust_run *run, size_t a)
{
    for (size_t i = 0; i < run->axis_n[a]; i++)
        if (fabs(run->axis_values[a][i] - run->given[a]) <= 1e-12 * (1 + fabs(run->given[a])))
            return i;
    return SIZE_MAX;
}

void fsq__rob_ranges(fsq_robust_run *run)
{
    size_t g[3] = {0, 0, 0};
    int all_on_grid = 1;
    for (size_t a = 0; a < run->naxes; a++)
        if ((g[a] = given_index(run, a)) == SIZE_MAX)
            all_on_grid = 0;
    for (size_t a = 0; a < run->naxes; a++) {
        fsq_robust_range *rg = &run->ranges[a];
        rg->name = run->axis_name[a];
        rg->given = run->given[a];
        rg->lo = rg->hi = NAN;
        rg->defined = 0;
        if (!all_on_grid)
            continue;
        size_t idx[3] = {g[0], g[1], g[2]};
        size_t stride = 1;
        for (size_t b = a + 1; b < run->naxes; b++)
            stride *= run->axis_n[b];
        size_t base = 0;
        for (size_t b = 0; b < run->naxes; b++)
            base = base * run->axis_n[b] + (b == a ? 0 : idx[b]);
        if (!fsq__rob_same_as_initial(run, base + g[a] * stride))
            continue;
        size_t lo = g[a], hi = g[a];
        while (lo > 0 && fsq__rob_same_as_initial(run, base + (lo - 1) * stride))
            lo--;
        while (hi + 1 < run->axis_n[a] && fsq__rob_same_as_initial(run, base + (hi + 1) * stride))
            hi++;
        rg->lo = run->axis_values[a][lo];
        rg->hi = run->axis_values[a][hi];
        rg->defined = 1;
    }
}

/* Coordinates of point r (mixed radix, last axis fastest). */
static void point_of(const fsq_robust_run *run, size_t r, double *val)
{
    for (size_t a = run->naxes; a-- > 0;) {
        val[a] = run->axis_values[a][r % run->axis_n[a]];
        r /= run->axis_n[a];
    }
}

/* Cut-off sweeps ---------------------------------------------------------- */

typedef struct {
    const fsq_tt *tt;
    const fsq_robust_options *o;
    const fsq_robust_run *run;
} cuts_ctx;

/* A private copy of the table whose rows can be reclassified: the
 * reweighting with unit weights keeps every row; incl and PRI are then
 * copied from the base so they are bit-identical to it. */
static int cuts_init(void *ctx, void **scratch)
{
    const cuts_ctx *c = ctx;
    double *ones = malloc((c->tt->ncases ? c->tt->ncases : 1) * sizeof *ones);
    fsq_tt *copy = NULL;
    if (!ones)
        return fsq__nomem();
    for (size_t i = 0; i < c->tt->ncases; i++)
        ones[i] = 1.0;
    fsq_tt_options to = c->tt->opts;
    to.threads = 1;
    int rc = fsq_tt_reweight(&copy, c->tt, ones, &to);
    free(ones);
    if (rc)
        return rc;
    if (copy->nrows != c->tt->nrows) {
        fsq_tt_free(copy);
        return fsq__error(FSQ_EINPUT, "internal: copy of the truth table lost rows");
    }
    memcpy(copy->row_incl, c->tt->row_incl, c->tt->nrows * sizeof *copy->row_incl);
    memcpy(copy->row_pri, c->tt->row_pri, c->tt->nrows * sizeof *copy->row_pri);
    *scratch = copy;
    return 0;
}

static void cuts_fini(void *scratch) { fsq_tt_free(scratch); }

static int cuts_point(void *ctx, fsq__rob_worker *w, size_t r, fsq__rob_rep *rep)
{
    const cuts_ctx *c = ctx;
    fsq_tt *copy = w->scratch;
    double v[3];
    point_of(c->run, r, v);
    fsq_tt_options to = c->tt->opts;
    to.incl_cut1 = v[0];
    if (to.incl_cut0 >= 0 && to.incl_cut0 > to.incl_cut1)
        to.incl_cut0 = to.incl_cut1;
    to.n_cut = (size_t)v[1];
    to.pri_cut = v[2];
    to.threads = 1;
    int rc = fsq_tt_reclassify(copy, &to);
    if (rc)
        return rc;
    return fsq__rob_solve(w, copy, &c->o->min, c->o->reuse, NULL, rep);
}

int fsq_robust_sweep_cuts(fsq_robust_run **out, const fsq_tt *tt, const fsq_robust_grid *grid,
                          const fsq_robust_options *opts)
{
    fsq_robust_options o = opts ? *opts : (fsq_robust_options)FSQ_ROBUST_OPTIONS_INIT;
    fsq_robust_grid none = {NULL, 0, NULL, 0, NULL, 0};
    fsq_robust_run *run = NULL;
    double *ncuts = NULL;
    int rc;
    *out = NULL;
    if (!grid)
        grid = &none;
    o.scheme = FSQ_ROBUST_SWEEP_CUTS;
    if (tt->base)
        return fsq__error(FSQ_EINPUT, "a sweep needs the full truth table, not a resample");
    for (size_t i = 0; i < grid->nincl_cut; i++)
        if (!(grid->incl_cut[i] >= 0 && grid->incl_cut[i] <= 1))
            return fsq__error(FSQ_EINPUT, "incl.cut %g is not in [0, 1]", grid->incl_cut[i]);
    for (size_t i = 0; i < grid->npri_cut; i++)
        if (!(grid->pri_cut[i] >= 0 && grid->pri_cut[i] <= 1))
            return fsq__error(FSQ_EINPUT, "pri.cut %g is not in [0, 1]", grid->pri_cut[i]);
    if (!(ncuts = malloc((grid->nn_cut ? grid->nn_cut : 1) * sizeof *ncuts)))
        return fsq__nomem();
    for (size_t i = 0; i < grid->nn_cut; i++)
        ncuts[i] = (double)grid->n_cut[i];
    size_t ni = grid->nincl_cut ? grid->nincl_cut : 1, nn = grid->nn_cut ? grid->nn_cut : 1,
           np = grid->npri_cut ? grid->npri_cut : 1;
    if (ni > SIZE_MAX / nn / np) {
        rc = fsq__error(FSQ_ELIMIT, "the grid has too many points");
        goto done;
    }
    if ((rc = fsq__rob_run_new(&run, tt, 1, &o)))
        goto done;
    run->naxes = 3;
    if ((rc = set_axis(run, 0, "incl_cut", grid->incl_cut, grid->nincl_cut, tt->opts.incl_cut1)) ||
        (rc = set_axis(run, 1, "n_cut", ncuts, grid->nn_cut, (double)tt->opts.n_cut)) ||
        (rc = set_axis(run, 2, "pri_cut", grid->pri_cut, grid->npri_cut, tt->opts.pri_cut)))
        goto done;
    size_t nrep = run->axis_n[0] * run->axis_n[1] * run->axis_n[2];
    fsq__rob_rep *reps = realloc(run->reps, nrep * sizeof *reps);
    if (!reps) {
        rc = fsq__nomem();
        goto done;
    }
    memset(reps, 0, nrep * sizeof *reps);
    run->reps = reps;
    run->nrep = run->nslots = nrep;
    if ((rc = fsq__rob_initial(run, tt, &o)))
        goto done;
    cuts_ctx c = {tt, &o, run};
    rc = fsq__rob_drive(run, &o, cuts_point, &c, cuts_init, cuts_fini);
done:
    free(ncuts);
    if (rc) {
        fsq_robust_run_free(run);
        return rc;
    }
    *out = run;
    return 0;
}

/* Calibration sweeps ------------------------------------------------------ */

typedef struct {
    const fsq_data *raw;
    const char *outcome;
    const char *const *conditions;
    size_t nconditions;
    fsq_tt_options tt_opts;
    const fsq_robust_calib *calibs;
    size_t ncalibs, which, anchor;
    const fsq_robust_options *o;
    const fsq_robust_run *run;
} calib_ctx;

/* The raw data calibrated with every spec, anchor `anchor` of spec `which`
 * set to value (or as given when use_value is 0), and its truth table. */
static int calibrated_tt(const calib_ctx *c, int use_value, double value, int threads,
                         fsq_tt **out)
{
    fsq_data *copy = NULL;
    double *vals = NULL, *th = NULL;
    size_t n = fsq_data_ncases(c->raw);
    int rc;
    *out = NULL;
    if ((rc = fsq_data_complete_cases(&copy, c->raw, NULL, 0, 0, NULL)))
        return rc;
    vals = malloc((n ? n : 1) * sizeof *vals);
    if (!vals) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t s = 0; s < c->ncalibs; s++) {
        const fsq_robust_calib *cb = &c->calibs[s];
        long col = fsq_data_find_var(c->raw, cb->column);
        const double *x = col >= 0 ? fsq_data_column(c->raw, (size_t)col) : NULL;
        if (!x) {
            rc = fsq__error(FSQ_EINPUT, "calibration: no numeric column \"%s\"", cb->column);
            goto done;
        }
        fsq_calib_options co = cb->calib;
        free(th);
        th = malloc((co.nthresholds ? co.nthresholds : 1) * sizeof *th);
        if (!th) {
            rc = fsq__nomem();
            goto done;
        }
        memcpy(th, co.thresholds, co.nthresholds * sizeof *th);
        if (use_value && s == c->which)
            th[c->anchor] = value;
        co.thresholds = th;
        if ((rc = fsq_calibrate(x, n, &co, vals)))
            goto done;
        if ((rc = fsq_data_set_column(copy, cb->column, vals)))
            goto done;
    }
    fsq_tt_options to = c->tt_opts;
    to.threads = threads;
    rc = fsq_tt_build(out, copy, c->outcome, c->conditions, c->nconditions, &to);
done:
    free(vals);
    free(th);
    fsq_data_free(copy);
    return rc;
}

static int calib_point(void *ctx, fsq__rob_worker *w, size_t r, fsq__rob_rep *rep)
{
    const calib_ctx *c = ctx;
    fsq_tt *tt = NULL;
    double v = c->run->axis_values[0][r];
    int rc = calibrated_tt(c, 1, v, 1, &tt);
    if (rc == FSQ_EINPUT) {
        /* Invalid anchors at this point (say i < c): skipped and reported,
         * the rest of the sweep goes on. */
        size_t len = strlen(fsq_last_error()) + strlen(c->run->axis_name[0]) + 64;
        if (!(rep->skipped = malloc(len)))
            return fsq__nomem();
        snprintf(rep->skipped, len, "%s = %g: invalid anchors, skipped (%s)",
                 c->run->axis_name[0], v, fsq_last_error());
        rep->entry = &fsq__rob_skipped_entry;
        return 0;
    }
    if (rc)
        return fsq__error(rc, "%s = %g: %s", c->run->axis_name[0], v, fsq_last_error());
    rc = fsq__rob_solve(w, tt, &c->o->min, 0, NULL, rep);
    fsq_tt_free(tt);
    return rc;
}

int fsq_robust_sweep_calib(fsq_robust_run **out, const fsq_data *raw, const char *outcome,
                           const char *const *conditions, size_t nconditions,
                           const fsq_tt_options *tt_opts, const fsq_robust_calib *calibs,
                           size_t ncalibs, size_t which, size_t anchor, const double *values,
                           size_t nvalues, const fsq_robust_options *opts)
{
    static const char *const names3[] = {"e", "c", "i"};
    static const char *const names6[] = {"e1", "c1", "i1", "i2", "c2", "e2"};
    fsq_robust_options o = opts ? *opts : (fsq_robust_options)FSQ_ROBUST_OPTIONS_INIT;
    fsq_tt_options tdef = FSQ_TT_OPTIONS_INIT;
    fsq_robust_run *run = NULL;
    fsq_tt *tt = NULL;
    int rc;
    *out = NULL;
    o.scheme = FSQ_ROBUST_SWEEP_CALIB;
    if (which >= ncalibs || anchor >= calibs[which].calib.nthresholds)
        return fsq__error(FSQ_EINPUT, "calibration sweep: no anchor %zu of calibration %zu",
                          anchor, which);
    if (nvalues == 0)
        return fsq__error(FSQ_EINPUT, "calibration sweep: no values");
    calib_ctx c = {raw, outcome, conditions, nconditions, tt_opts ? *tt_opts : tdef,
                   calibs, ncalibs, which, anchor, &o, NULL};
    if ((rc = calibrated_tt(&c, 0, 0.0, o.threads, &tt)) || (rc = fsq__rob_run_new(&run, tt, 1, &o)))
        goto done;
    /* The axis name "COLUMN.anchor", kept with the run's strings. */
    const fsq_calib_options *co = &calibs[which].calib;
    const char *an = co->type == FSQ_CALIB_FUZZY && co->nthresholds == 3   ? names3[anchor]
                     : co->type == FSQ_CALIB_FUZZY && co->nthresholds == 6 ? names6[anchor]
                                                                           : NULL;
    char abuf[32];
    if (!an) {
        snprintf(abuf, sizeof abuf, "t%zu", anchor + 1);
        an = abuf;
    }
    size_t len = strlen(calibs[which].column) + strlen(an) + 2;
    char *name = malloc(len);
    char **st = realloc(run->share_text, (run->nshare_text + 1) * sizeof *st);
    if (st)
        run->share_text = st;
    if (!name || !st) {
        free(name);
        rc = fsq__nomem();
        goto done;
    }
    snprintf(name, len, "%s.%s", calibs[which].column, an);
    run->share_text[run->nshare_text++] = name;
    run->naxes = 1;
    if ((rc = set_axis(run, 0, name, values, nvalues, co->thresholds[anchor])))
        goto done;
    fsq__rob_rep *reps = realloc(run->reps, run->axis_n[0] * sizeof *reps);
    if (!reps) {
        rc = fsq__nomem();
        goto done;
    }
    memset(reps, 0, run->axis_n[0] * sizeof *reps);
    run->reps = reps;
    run->nrep = run->nslots = run->axis_n[0];
    if ((rc = fsq__rob_initial(run, tt, &o)))
        goto done;
    c.run = run;
    rc = fsq__rob_drive(run, &o, calib_point, &c, NULL, NULL);
done:
    fsq_tt_free(tt);
    if (rc) {
        fsq_robust_run_free(run);
        return rc;
    }
    *out = run;
    return 0;
}
