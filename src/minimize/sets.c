/* Minimization of explicitly given ON, OFF and don't-care sets (PLA-style
 * problems), on top of the same prime and cover machinery as fsq_minimize.
 *
 * In:  k binary inputs; ON, OFF and dc as cubes (k bytes: 0, 1, FSQ_DASH).
 * Out: every prime implicant that meets ON (QCA's order) and every minimum
 *      cover of ON (QCA's order).
 *
 * 1. Points (point mode). Cubes are expanded into configurations, held as
 *    k-bit numbers with condition 0 most significant (so numeric order =
 *    QCA's row order), sorted and deduplicated: ON minus dc, OFF (when
 *    given), dc. max_points bounds this phase.
 * 2. Prime implicants: FSQ__PI_REMAINDERS with the OFF points when OFF is
 *    given (everything else is a don't-care), else FSQ__PI_EXPLICIT with the
 *    dc points (everything else is OFF): src/prime/.
 *    Cube mode (too many points, or asked for) skips step 1: the primes of
 *    the cover ON + dc, or of the complement of OFF, are computed on cubes
 *    (src/prime/prime_cubes.c), and those that meet no ON configuration
 *    outside dc are dropped; they are then put in
 *    QCA's order as FSQ__PI_REMAINDERS finds them (literals, fixed set,
 *    first ON configuration) before QCA's sort.
 * 3. Columns. Each ON cube is split, halving it on an input it leaves free,
 *    while the PIs and dc cubes that contain part of it but not all of it
 *    cover it together. A finished piece is inside a dc cube (dropped:
 *    nothing to cover) or has a point outside dc that only the PIs
 *    containing the whole piece contain; so "a PI covers the piece" is "the
 *    PI contains the piece", the piece's other points being covered by
 *    those PIs too, and covering the pieces is covering ON exactly.
 * 4. The chart (PI x piece) and every minimum cover: src/cover/.
 */
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/clock.h"
#include "common/error.h"
#include "cover/cover.h"
#include "fsqca/fsqca.h"
#include "minimize/minimize_internal.h"
#include "prime/prime.h"
#include "prime/prime_cubes.h"

#if FSQ_DASH != FSQ__DASH
#error "the public and internal dash codes differ"
#endif

struct fsq_sets {
    size_t k;
    size_t npis;
    unsigned char *pis;       /* npis x k */
    size_t ncols;
    size_t npoints[3];        /* ON (minus dc), OFF, dc; cube mode: cubes */
    int cube_mode;
    fsq__cover_result cover;
};

typedef fsq__bcube mcube;     /* bit k-1-j = input j */

/* --time-limit: one clock for every phase, from opts->time_start (0 = the
 * call); each phase takes its deadline from it and looks at it. */
typedef struct {
    double limit, start;
} sets_clock;

static int phase_start(const sets_clock *c, const char *phase, double *deadline)
{
    return fsq__phase_deadline(c->limit, c->start, phase, deadline);
}

/* A search below (PI search, cover) reports the seconds it was given; the
 * message names the caller's limit and the phase instead. */
static int restate_limit(const sets_clock *c, const char *phase, int rc)
{
    if (rc == FSQ_ELIMIT && c->limit > 0 && strstr(fsq_last_error(), "time limit of"))
        return fsq__time_error(c->limit, phase);
    return rc;
}

void fsq_sets_free(fsq_sets *s)
{
    if (!s)
        return;
    free(s->pis);
    fsq__cover_result_free(&s->cover);
    free(s);
}

size_t fsq_sets_ninputs(const fsq_sets *s) { return s->k; }
size_t fsq_sets_npis(const fsq_sets *s) { return s->npis; }
size_t fsq_sets_nsolutions(const fsq_sets *s) { return s->cover.nsolutions; }
size_t fsq_sets_solution_size(const fsq_sets *s) { return s->cover.size; }
size_t fsq_sets_ncolumns(const fsq_sets *s) { return s->ncols; }
int fsq_sets_cube_mode(const fsq_sets *s) { return s->cube_mode; }

const unsigned char *fsq_sets_pi(const fsq_sets *s, size_t i)
{
    return i < s->npis ? s->pis + i * s->k : NULL;
}

const size_t *fsq_sets_solution(const fsq_sets *s, size_t i)
{
    return i < s->cover.nsolutions ? s->cover.pis + i * s->cover.size : NULL;
}

void fsq_sets_npoints(const fsq_sets *s, size_t *on, size_t *off, size_t *dc)
{
    *on = s->npoints[0];
    *off = s->npoints[1];
    *dc = s->npoints[2];
}

static int to_masks(const char *what, const unsigned char *cubes, size_t n, size_t k,
                    mcube *out)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t care = 0, value = 0;
        for (size_t j = 0; j < k; j++) {
            unsigned char d = cubes[i * k + j];
            uint64_t bit = UINT64_C(1) << (k - 1 - j);
            if (d == FSQ__DASH)
                continue;
            if (d > 1)
                return fsq__error(FSQ_EINPUT, "%s cube %zu, input %zu: %u is not 0, 1 or "
                                  "FSQ_DASH", what, i + 1, j + 1, d);
            care |= bit;
            if (d)
                value |= bit;
        }
        out[i].care = care;
        out[i].value = value;
    }
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The points of n cubes, sorted and unique, in a malloc'ed array. The
 * total count so far (*budget) may not exceed max. */
static int expand(const char *what, const mcube *c, size_t n, size_t k, size_t max,
                  size_t *budget, uint64_t **out, size_t *nout, double deadline)
{
    uint64_t full = k == 64 ? ~UINT64_C(0) : (UINT64_C(1) << k) - 1;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        int free_bits = fsq__popcount64(full & ~c[i].care);
        if (free_bits >= 63 || (UINT64_C(1) << free_bits) > max - *budget - total)
            return fsq__error(FSQ_ELIMIT, "the %s cubes have more than %zu points in all "
                              "(max_points; cube %zu alone has 2^%d)", what, max, i + 1,
                              free_bits);
        total += (size_t)1 << free_bits;
    }
    *budget += total;
    *out = malloc((total ? total : 1) * sizeof **out);
    if (!*out)
        return fsq__nomem();
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t f = full & ~c[i].care, s = 0;
        if ((i & 255) == 0 && fsq__past(deadline))
            return FSQ_ELIMIT; /* the caller names the phase */
        do {
            (*out)[m++] = c[i].value | s;
            s = (s - f) & f; /* next subset of the free inputs */
        } while (s);
    }
    qsort(*out, m, sizeof **out, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < m; i++)
        if (u == 0 || (*out)[u - 1] != (*out)[i])
            (*out)[u++] = (*out)[i];
    *nout = u;
    return 0;
}

/* Removes from a (sorted) the points also in b; with `fail` set, a common
 * point is an error instead. */
static int subtract(uint64_t *a, size_t *na, const uint64_t *b, size_t nb, size_t k,
                    const char *fail)
{
    size_t i = 0, j = 0, u = 0;
    while (i < *na) {
        while (j < nb && b[j] < a[i])
            j++;
        if (j < nb && b[j] == a[i]) {
            if (fail) {
                char cfg[65];
                for (size_t t = 0; t < k; t++)
                    cfg[t] = (char)('0' + ((a[i] >> (k - 1 - t)) & 1));
                cfg[k] = '\0';
                return fsq__error(FSQ_EINPUT, "configuration %s is in both the %s", cfg, fail);
            }
            i++;
            continue;
        }
        a[u++] = a[i++];
    }
    *na = u;
    return 0;
}

static unsigned char *to_digits(const uint64_t *pts, size_t n, size_t k)
{
    unsigned char *d = malloc((n ? n : 1) * k);
    if (d)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < k; j++)
                d[i * k + j] = (unsigned char)((pts[i] >> (k - 1 - j)) & 1);
    return d;
}

/* ---- Columns: ON cubes split until every PI and dc cube is all or none ---- */

typedef struct {
    const mcube *pis, *dc;
    size_t npis, ndc;
    size_t max;               /* columns allowed */
    size_t k;
    mcube *cols;
    size_t ncols, cap;
    double deadline;          /* "the PLA columns" */
    const sets_clock *clock;
} splitter;

/* The free input of q that c fixes while meeting q without containing it
 * (a bit), or 0 when c contains q or misses it. */
static uint64_t partial_bit(mcube c, mcube q)
{
    if (!fsq__bcube_meets(c, q))
        return 0;
    uint64_t extra = c.care & ~q.care;
    return extra & -extra;
}

/* Splits q, or emits it as a column. A column needs a point (outside dc)
 * that only the PIs containing the whole column contain: then covering the
 * column is exactly covering that point, and every other point of it lies
 * in those PIs too (its constraint is weaker). So q is emitted as it is
 * when the PIs and dc cubes that meet q without containing it leave some
 * point of q uncovered (a tautology check); otherwise it is halved on an
 * input one of them fixes. */
static int split(splitter *s, mcube q)
{
    fsq__bcover part = {0};
    uint64_t bit = 0;
    int rc = 0, covered = 0;
    if (fsq__past(s->deadline))
        return fsq__time_error(s->clock->limit, "the PLA columns");
    for (size_t i = 0; i < s->ndc && !rc; i++) {
        if (fsq__bcube_contains(s->dc[i], q))
            goto done; /* nothing to cover */
        uint64_t b = partial_bit(s->dc[i], q);
        if (b && !bit)
            bit = b;
        if (b)
            rc = fsq__bcover_push(&part, s->dc[i]);
    }
    for (size_t i = 0; i < s->npis && !rc; i++) {
        uint64_t b = partial_bit(s->pis[i], q);
        if (b && !bit)
            bit = b;
        if (b)
            rc = fsq__bcover_push(&part, s->pis[i]);
    }
    if (!rc && bit)
        rc = fsq__bcubes_cover_cube(part.c, part.n, q, s->k, &covered);
    if (rc)
        goto done;
    if (covered) {
        mcube lo = {q.care | bit, q.value & ~bit}, hi = {q.care | bit, q.value | bit};
        fsq__bcover_free(&part);
        rc = split(s, lo);
        if (!rc)
            rc = split(s, hi);
        goto done;
    }
    if (s->ncols == s->max) {
        rc = fsq__error(FSQ_ELIMIT, "the ON cubes split into more than %zu columns "
                        "(max_points)", s->max);
        goto done;
    }
    if (s->ncols == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        mcube *c = realloc(s->cols, cap * sizeof *c);
        if (!c) {
            rc = fsq__nomem();
            goto done;
        }
        s->cols = c;
        s->cap = cap;
    }
    s->cols[s->ncols++] = q;
done:
    fsq__bcover_free(&part);
    return rc;
}

static int split_all(splitter *sp, const mcube *on, size_t non)
{
    int rc = phase_start(sp->clock, "the PLA columns", &sp->deadline);
    for (size_t i = 0; i < non && !rc; i++)
        rc = split(sp, on[i]);
    return rc;
}

/* ---- Results without a search ---------------------------------------------- */

static int constant0(fsq_sets *s) /* one solution without terms */
{
    s->cover.nsolutions = 1;
    s->cover.pis = malloc(sizeof *s->cover.pis);
    return s->cover.pis ? 0 : fsq__nomem();
}

static int constant1(fsq_sets *s) /* the empty cube */
{
    s->npis = 1;
    s->pis = malloc(s->k);
    s->cover.nsolutions = s->cover.size = s->cover.nessential = 1;
    s->cover.pis = calloc(1, sizeof *s->cover.pis);
    s->cover.essential = calloc(1, sizeof *s->cover.essential);
    if (!s->pis || !s->cover.pis || !s->cover.essential)
        return fsq__nomem();
    memset(s->pis, FSQ__DASH, s->k);
    return 0;
}

/* ---- Chart and cover ------------------------------------------------------- */

static int solve(fsq_sets *s, const mcube *pis, const mcube *cols, size_t ncols,
                 const fsq_sets_options *opts, const sets_clock *clk)
{
    static const char chart_phase[] = "the PI chart", cover_phase[] = "the cover search";
    size_t nw = fsq__words_for_bits(ncols);
    double deadline;
    int rc = phase_start(clk, chart_phase, &deadline);
    if (rc)
        return rc;
    uint64_t *chart = calloc((s->npis ? s->npis : 1) * nw, sizeof *chart);
    if (!chart)
        return fsq__nomem();
    for (size_t i = 0; i < s->npis; i++) {
        if ((i & 63) == 0 && fsq__past(deadline)) {
            free(chart);
            return fsq__time_error(clk->limit, chart_phase);
        }
        for (size_t c = 0; c < ncols; c++)
            if (fsq__bcube_contains(pis[i], cols[c]))
                chart[i * nw + c / 64] |= UINT64_C(1) << (c % 64);
    }
    fsq__cover_problem cp = {0};
    cp.npis = s->npis;
    cp.ncols = ncols;
    cp.nwords = nw;
    cp.chart = chart;
    cp.max_solutions = opts->max_solutions;
    if (!(rc = phase_start(clk, cover_phase, &deadline))) {
        cp.time_limit = fsq__seconds_left(deadline);
        rc = restate_limit(clk, cover_phase, fsq__cover_solve(&cp, &s->cover));
    }
    free(chart);
    return rc;
}

/* ---- Point mode ------------------------------------------------------------ */

typedef struct {
    const mcube *on, *off, *dc;
    size_t non, noff, ndc, k, max;
    const sets_clock *clock;
} sets_in;

/* Points of ON, OFF and dc; the PI search; PIs as masks in *m_pis. Sets
 * *trivial to 1 when the answer is a constant (already stored in s). */
static int point_pis(fsq_sets *s, const sets_in *in, const fsq_sets_options *opts,
                     mcube **m_pis, int *trivial)
{
    size_t k = in->k, budget = 0, n_on = 0, n_off = 0, n_dc = 0;
    uint64_t *p_on = NULL, *p_off = NULL, *p_dc = NULL;
    unsigned char *d_on = NULL, *d_off = NULL, *d_dc = NULL, *levels = NULL;
    fsq__pi_result pis = {0};
    static const char points_phase[] = "the PLA points", pi_phase[] = "the prime implicant search";
    double deadline;
    int rc = phase_start(in->clock, points_phase, &deadline);
    if (rc ||
        (rc = expand("ON", in->on, in->non, k, in->max, &budget, &p_on, &n_on, deadline)) ||
        (rc = expand("OFF", in->off, in->noff, k, in->max, &budget, &p_off, &n_off, deadline)) ||
        (rc = expand("don't-care", in->dc, in->ndc, k, in->max, &budget, &p_dc, &n_dc,
                     deadline)) ||
        (rc = fsq__past(deadline) ? FSQ_ELIMIT : 0)) {
        if (rc == FSQ_ELIMIT && deadline > 0 && fsq__past(deadline))
            rc = fsq__time_error(in->clock->limit, points_phase);
        goto done;
    }
    if ((rc = subtract(p_off, &n_off, p_dc, n_dc, k, "OFF and the don't-care sets")))
        goto done;
    subtract(p_on, &n_on, p_dc, n_dc, k, NULL);
    if ((rc = subtract(p_on, &n_on, p_off, n_off, k, "ON and the OFF sets")))
        goto done;
    s->npoints[0] = n_on, s->npoints[1] = n_off, s->npoints[2] = n_dc;
    if (n_on == 0 || (opts->off_given && n_off == 0)) {
        *trivial = 1;
        rc = n_on == 0 ? constant0(s) : constant1(s);
        goto done;
    }
    d_on = to_digits(p_on, n_on, k);
    d_off = to_digits(p_off, n_off, k);
    d_dc = to_digits(p_dc, n_dc, k);
    levels = malloc(k);
    if (!d_on || !d_off || !d_dc || !levels) {
        rc = fsq__nomem();
        goto done;
    }
    memset(levels, 2, k);
    fsq__pi_problem p = {0};
    p.k = k;
    p.levels = levels;
    p.mode = opts->off_given ? FSQ__PI_REMAINDERS : FSQ__PI_EXPLICIT;
    p.non = n_on;
    p.on = d_on;
    if (opts->off_given) {
        p.noff = n_off;
        p.off = d_off;
    } else {
        p.ndc = n_dc;
        p.dc = d_dc;
    }
    p.max_pis = opts->max_pis;
    p.threads = opts->threads;
    if ((rc = phase_start(in->clock, pi_phase, &deadline)))
        goto done;
    p.time_limit = fsq__seconds_left(deadline);
    if ((rc = restate_limit(in->clock, pi_phase, fsq__prime_implicants(&p, &pis))))
        goto done;
    s->npis = pis.npis;
    s->pis = pis.cubes;
    pis.cubes = NULL;
    *m_pis = malloc((s->npis ? s->npis : 1) * sizeof **m_pis);
    if (!*m_pis)
        rc = fsq__nomem();
    else
        rc = to_masks("PI", s->pis, s->npis, k, *m_pis);
done:
    free(p_on);
    free(p_off);
    free(p_dc);
    free(d_on);
    free(d_off);
    free(d_dc);
    free(levels);
    fsq__pi_result_free(&pis);
    return rc;
}

/* ---- Cube mode ------------------------------------------------------------- */

static void example_point(mcube a, mcube b, size_t k, char *cfg)
{
    uint64_t v = a.value | b.value; /* the first point of a and b */
    for (size_t t = 0; t < k; t++)
        cfg[t] = (char)('0' + ((v >> (k - 1 - t)) & 1));
    cfg[k] = '\0';
}

static int disjoint(const mcube *a, size_t na, const mcube *b, size_t nb, size_t k,
                    const char *what)
{
    char cfg[65];
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (fsq__bcube_meets(a[i], b[j])) {
                example_point(a[i], b[j], k, cfg);
                return fsq__error(FSQ_EINPUT, "configuration %s is in both the %s", cfg, what);
            }
    return 0;
}

typedef struct {
    mcube pi;
    uint64_t first;           /* its first ON configuration (outside dc) */
} found_pi;

/* QCA's discovery order in FSQ__PI_REMAINDERS (prime.h): fewer literals,
 * then the lexicographically smaller list of fixed conditions (condition 0
 * is the highest bit, so the larger mask), then the first ON row. */
static int cmp_found(const void *pa, const void *pb)
{
    const found_pi *a = pa, *b = pb;
    int la = fsq__popcount64(a->pi.care), lb = fsq__popcount64(b->pi.care);
    if (la != lb)
        return la < lb ? -1 : 1;
    if (a->pi.care != b->pi.care)
        return a->pi.care > b->pi.care ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* The first point of r (in numeric order) outside the dc cubes, if any:
 * halving on the most significant free input, the lower half first, each
 * half tested for lying inside dc (a tautology check). */
static int first_point(mcube r, const mcube *dc, size_t ndc, size_t k, int *found,
                       uint64_t *pt)
{
    int inside = 0, rc = fsq__bcubes_cover_cube(dc, ndc, r, k, &inside);
    if (rc || inside) {
        *found = 0;
        return rc;
    }
    uint64_t full = k == 64 ? ~UINT64_C(0) : (UINT64_C(1) << k) - 1;
    for (;;) {
        uint64_t free_bits = full & ~r.care;
        int meets = 0;
        for (size_t i = 0; i < ndc && !meets; i++)
            meets = fsq__bcube_meets(dc[i], r);
        if (!free_bits || !meets)
            break;
        uint64_t bit = UINT64_C(1) << (63 - __builtin_clzll(free_bits));
        mcube lo = {r.care | bit, r.value};
        if ((rc = fsq__bcubes_cover_cube(dc, ndc, lo, k, &inside)))
            return rc;
        r = inside ? (mcube){r.care | bit, r.value | bit} : lo;
    }
    *found = 1;
    *pt = r.value;
    return 0;
}

/* Primes on cubes, columns against them, then the PIs that meet ON (outside
 * dc) in QCA's order, as digits in s and masks in *m_pis. */
static int cube_pis(fsq_sets *s, const sets_in *in, const fsq_sets_options *opts,
                    splitter *sp, mcube **m_pis, int *trivial)
{
    size_t k = in->k;
    static const char cube_phase[] = "the prime implicants in cube mode";
    double deadline;
    int rc = phase_start(in->clock, cube_phase, &deadline);
    if (rc)
        return rc;
    fsq__bcube_limits lim = {k, in->max, fsq__seconds_left(deadline), fsq__pi_now()};
    fsq__bcover f = {0}, primes = {0};
    found_pi *found = NULL;
    s->cube_mode = 1;
    s->npoints[0] = in->non, s->npoints[1] = in->noff, s->npoints[2] = in->ndc;
    if (opts->off_given &&
        ((rc = disjoint(in->off, in->noff, in->dc, in->ndc, k, "OFF and the don't-care sets")) ||
         (rc = disjoint(in->on, in->non, in->off, in->noff, k, "ON and the OFF sets"))))
        return rc;
    if (opts->off_given)
        rc = fsq__bcubes_complement(in->off, in->noff, &lim, &f);
    else
        for (size_t i = 0; i < in->non + in->ndc && !rc; i++)
            rc = fsq__bcover_push(&f, i < in->non ? in->on[i] : in->dc[i - in->non]);
    if (!rc)
        rc = fsq__bcubes_primes(f.c, f.n, &lim, &primes);
    if (!rc && fsq__past(deadline))
        rc = FSQ_ELIMIT;
    if (rc) {
        if (rc == FSQ_ELIMIT && fsq__past(deadline))
            rc = fsq__time_error(in->clock->limit, cube_phase);
        goto done;
    }
    sp->pis = primes.c, sp->npis = primes.n;
    if ((rc = split_all(sp, in->on, in->non)))
        goto done;
    if (sp->ncols == 0) {
        *trivial = 1;
        rc = constant0(s);
        goto done;
    }
    found = malloc(primes.n * sizeof *found);
    if (!found) {
        rc = fsq__nomem();
        goto done;
    }
    size_t n = 0;
    for (size_t i = 0; i < primes.n && !rc; i++) {
        if ((i & 63) == 0 && fsq__past(deadline)) {
            rc = fsq__time_error(in->clock->limit, cube_phase);
            break;
        }
        int any = 0;
        uint64_t first = 0, pt;
        for (size_t c = 0; c < in->non && !rc; c++) {
            if (!fsq__bcube_meets(primes.c[i], in->on[c]))
                continue;
            mcube r = {primes.c[i].care | in->on[c].care, primes.c[i].value | in->on[c].value};
            int hit = 0;
            rc = first_point(r, in->dc, in->ndc, k, &hit, &pt);
            if (!rc && hit && (!any || pt < first))
                any = 1, first = pt;
        }
        if (any)
            found[n++] = (found_pi){primes.c[i], first};
    }
    if (rc)
        goto done;
    if (opts->max_pis && n > opts->max_pis) {
        rc = fsq__error(FSQ_ELIMIT, "more than %zu prime implicants (max_pis)", opts->max_pis);
        goto done;
    }
    qsort(found, n, sizeof *found, cmp_found);
    s->npis = n;
    s->pis = malloc(n * k);
    *m_pis = malloc(n * sizeof **m_pis);
    if (!s->pis || !*m_pis) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++) {
            uint64_t bit = UINT64_C(1) << (k - 1 - j);
            s->pis[i * k + j] = found[i].pi.care & bit ? (found[i].pi.value & bit) != 0 : FSQ__DASH;
        }
    if ((rc = fsq__cube_sort_qca(s->pis, n, k, NULL)))
        goto done;
    rc = to_masks("PI", s->pis, n, k, *m_pis);
done:
    sp->pis = NULL, sp->npis = 0;
    fsq__bcover_free(&f);
    fsq__bcover_free(&primes);
    free(found);
    return rc;
}

/* Points of the n cubes (SIZE_MAX when more). */
static size_t count_points(const mcube *c, size_t n, size_t k)
{
    uint64_t full = k == 64 ? ~UINT64_C(0) : (UINT64_C(1) << k) - 1;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        int free_bits = fsq__popcount64(full & ~c[i].care);
        if (free_bits >= 63 || (UINT64_C(1) << free_bits) > SIZE_MAX - total)
            return SIZE_MAX;
        total += (size_t)1 << free_bits;
    }
    return total;
}

int fsq_minimize_sets(fsq_sets **out, size_t k, const unsigned char *on, size_t non,
                      const unsigned char *off, size_t noff, const unsigned char *dc,
                      size_t ndc, const fsq_sets_options *opts)
{
    fsq_sets_options defaults = FSQ_SETS_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    *out = NULL;
    if (k < 1 || k > 64)
        return fsq__error(FSQ_EINPUT, "fsq_minimize_sets: 1 to 64 inputs, got %zu", k);
    if (opts->mode < FSQ_SETS_AUTO || opts->mode > FSQ_SETS_CUBES)
        return fsq__error(FSQ_EINPUT, "fsq_minimize_sets: mode %d is not FSQ_SETS_AUTO, "
                          "FSQ_SETS_POINTS or FSQ_SETS_CUBES", opts->mode);
    if (!opts->off_given)
        noff = 0;
    size_t max = opts->max_points ? opts->max_points : (size_t)1 << 22;
    mcube *m_on = malloc((non ? non : 1) * sizeof *m_on);
    mcube *m_off = malloc((noff ? noff : 1) * sizeof *m_off);
    mcube *m_dc = malloc((ndc ? ndc : 1) * sizeof *m_dc);
    mcube *m_pis = NULL;
    splitter sp = {0};
    int rc, trivial = 0;
    fsq_sets *s = calloc(1, sizeof *s);
    if (!s || !m_on || !m_off || !m_dc) {
        rc = fsq__nomem();
        goto done;
    }
    s->k = k;
    if ((rc = to_masks("ON", on, non, k, m_on)) || (rc = to_masks("OFF", off, noff, k, m_off)) ||
        (rc = to_masks("don't-care", dc, ndc, k, m_dc)))
        goto done;
    sets_clock clk = {opts->time_limit, opts->time_start > 0 ? opts->time_start : fsq__now()};
    sets_in in = {m_on, m_off, m_dc, non, noff, ndc, k, max, &clk};
    int cubes = opts->mode == FSQ_SETS_CUBES;
    if (opts->mode == FSQ_SETS_AUTO) {
        size_t a = count_points(m_on, non, k), b = count_points(m_off, noff, k),
               c = count_points(m_dc, ndc, k);
        cubes = a > max || b > max - a || c > max - a - b;
    }
    sp.dc = m_dc, sp.ndc = ndc, sp.max = max, sp.k = k, sp.clock = &clk;
    rc = cubes ? cube_pis(s, &in, opts, &sp, &m_pis, &trivial)
               : point_pis(s, &in, opts, &m_pis, &trivial);
    if (rc || trivial)
        goto done;
    if (!cubes) {
        sp.pis = m_pis, sp.npis = s->npis;
        if ((rc = split_all(&sp, m_on, non)))
            goto done;
    }
    s->ncols = sp.ncols;
    rc = solve(s, m_pis, sp.cols, sp.ncols, opts, &clk);
done:
    free(m_on);
    free(m_off);
    free(m_dc);
    free(m_pis);
    free(sp.cols);
    if (rc) {
        fsq_sets_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

/* ---- Terms of a truth-table model as cubes (for the PLA writer) ---------- */

size_t fsq_min_solution_nterms(const fsq_min *m, size_t i)
{
    size_t s;
    return i < fsq_min_nsolutions(m) ? fsq__min_model(m, i, &s)->cover.size : 0;
}

int fsq_min_solution_term(const fsq_min *m, size_t i, size_t t, unsigned char *levels)
{
    if (i >= fsq_min_nsolutions(m))
        return fsq__error(FSQ_EINPUT, "no model %zu (there are %zu)", i + 1,
                          fsq_min_nsolutions(m));
    size_t s;
    const fsq__model_set *set = fsq__min_model(m, i, &s);
    if (t >= set->cover.size)
        return fsq__error(FSQ_EINPUT, "model %zu has no term %zu", i + 1, t + 1);
    memcpy(levels, set->pis + set->cover.pis[s * set->cover.size + t] * m->tt->k, m->tt->k);
    return 0;
}
