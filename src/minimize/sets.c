/* Minimization of explicitly given ON, OFF and don't-care sets (PLA-style
 * problems), on top of the same prime and cover machinery as fsq_minimize.
 *
 * In:  k binary inputs; ON, OFF and dc as cubes (k bytes: 0, 1, FSQ_DASH).
 * Out: every prime implicant that meets ON (QCA's order) and every minimum
 *      cover of ON (QCA's order).
 *
 * 1. Points. Cubes are expanded into configurations, held as k-bit numbers
 *    with condition 0 most significant (so numeric order = QCA's row order),
 *    sorted and deduplicated: ON minus dc, OFF (when given), dc. The PI
 *    search needs points; max_points bounds this phase.
 * 2. Prime implicants: FSQ__PI_REMAINDERS with the OFF points when OFF is
 *    given (everything else is a don't-care), else FSQ__PI_EXPLICIT with the
 *    dc points (everything else is OFF): src/prime/.
 * 3. Columns. Each ON cube is split, halving it on an input it leaves free,
 *    while some PI or some dc cube contains part of it but not all of it.
 *    A finished piece is then, for every PI, inside it or disjoint from it,
 *    and inside a dc cube (dropped: nothing to cover) or disjoint from all
 *    of them; so "a PI covers the piece" is "the PI covers each of its
 *    points", and covering the pieces is covering ON exactly.
 * 4. The chart (PI x piece) and every minimum cover: src/cover/.
 */
#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/cover.h"
#include "fsqca/fsqca.h"
#include "minimize/minimize_internal.h"
#include "prime/prime.h"

#if FSQ_DASH != FSQ__DASH
#error "the public and internal dash codes differ"
#endif

struct fsq_sets {
    size_t k;
    size_t npis;
    unsigned char *pis;       /* npis x k */
    size_t ncols;
    size_t npoints[3];        /* ON (minus dc), OFF, dc */
    fsq__cover_result cover;
};

typedef struct {
    uint64_t care, value;     /* bit k-1-j = input j */
} mcube;

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
                  size_t *budget, uint64_t **out, size_t *nout)
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
    mcube *cols;
    size_t ncols, cap;
} splitter;

static int meets(mcube a, mcube b)
{
    return ((a.value ^ b.value) & a.care & b.care) == 0;
}

/* The free input of q that c fixes while meeting q without containing it
 * (a bit), or 0 when c contains q or misses it. */
static uint64_t partial_bit(mcube c, mcube q)
{
    if (!meets(c, q))
        return 0;
    uint64_t extra = c.care & ~q.care;
    return extra & -extra;
}

static int contains(mcube c, mcube q)
{
    return meets(c, q) && (c.care & ~q.care) == 0;
}

static int split(splitter *s, mcube q)
{
    uint64_t bit = 0;
    for (size_t i = 0; i < s->ndc && !bit; i++) {
        if (contains(s->dc[i], q))
            return 0; /* nothing to cover */
        bit = partial_bit(s->dc[i], q);
    }
    for (size_t i = 0; i < s->npis && !bit; i++)
        bit = partial_bit(s->pis[i], q);
    if (bit) {
        mcube lo = {q.care | bit, q.value & ~bit}, hi = {q.care | bit, q.value | bit};
        int rc = split(s, lo);
        return rc ? rc : split(s, hi);
    }
    if (s->ncols == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        mcube *c = realloc(s->cols, cap * sizeof *c);
        if (!c)
            return fsq__nomem();
        s->cols = c;
        s->cap = cap;
    }
    s->cols[s->ncols++] = q;
    return 0;
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
    if (!opts->off_given)
        noff = 0;
    size_t max = opts->max_points ? opts->max_points : (size_t)1 << 22, budget = 0;
    mcube *m_on = malloc((non ? non : 1) * sizeof *m_on);
    mcube *m_off = malloc((noff ? noff : 1) * sizeof *m_off);
    mcube *m_dc = malloc((ndc ? ndc : 1) * sizeof *m_dc);
    mcube *m_pis = NULL;
    uint64_t *p_on = NULL, *p_off = NULL, *p_dc = NULL, *chart = NULL;
    size_t n_on = 0, n_off = 0, n_dc = 0;
    unsigned char *d_on = NULL, *d_off = NULL, *d_dc = NULL, *levels = NULL;
    fsq__pi_result pis = {0};
    splitter sp = {0};
    int rc;
    fsq_sets *s = calloc(1, sizeof *s);
    if (!s || !m_on || !m_off || !m_dc) {
        rc = fsq__nomem();
        goto done;
    }
    s->k = k;
    if ((rc = to_masks("ON", on, non, k, m_on)) || (rc = to_masks("OFF", off, noff, k, m_off)) ||
        (rc = to_masks("don't-care", dc, ndc, k, m_dc)))
        goto done;

    /* 1. Points. */
    if ((rc = expand("ON", m_on, non, k, max, &budget, &p_on, &n_on)) ||
        (rc = expand("OFF", m_off, noff, k, max, &budget, &p_off, &n_off)) ||
        (rc = expand("don't-care", m_dc, ndc, k, max, &budget, &p_dc, &n_dc)))
        goto done;
    if ((rc = subtract(p_off, &n_off, p_dc, n_dc, k, "OFF and the don't-care sets")))
        goto done;
    subtract(p_on, &n_on, p_dc, n_dc, k, NULL);
    if ((rc = subtract(p_on, &n_on, p_off, n_off, k, "ON and the OFF sets")))
        goto done;
    s->npoints[0] = n_on, s->npoints[1] = n_off, s->npoints[2] = n_dc;

    if (n_on == 0) { /* the constant 0: one solution without terms */
        s->cover.nsolutions = 1;
        s->cover.pis = malloc(sizeof *s->cover.pis);
        if (!s->cover.pis)
            rc = fsq__nomem();
        goto done;
    }
    if (opts->off_given && n_off == 0) { /* the constant 1: the empty cube */
        s->npis = 1;
        s->pis = malloc(k);
        s->cover.nsolutions = s->cover.size = s->cover.nessential = 1;
        s->cover.pis = calloc(1, sizeof *s->cover.pis);
        s->cover.essential = calloc(1, sizeof *s->cover.essential);
        if (!s->pis || !s->cover.pis || !s->cover.essential)
            rc = fsq__nomem();
        else
            memset(s->pis, FSQ__DASH, k);
        goto done;
    }

    /* 2. Prime implicants. */
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
    p.time_limit = opts->time_limit;
    p.threads = opts->threads;
    if ((rc = fsq__prime_implicants(&p, &pis)))
        goto done;
    s->npis = pis.npis;
    s->pis = pis.cubes;
    pis.cubes = NULL;

    /* 3. Columns. */
    m_pis = malloc((s->npis ? s->npis : 1) * sizeof *m_pis);
    if (!m_pis) {
        rc = fsq__nomem();
        goto done;
    }
    if ((rc = to_masks("PI", s->pis, s->npis, k, m_pis)))
        goto done;
    sp.pis = m_pis, sp.npis = s->npis, sp.dc = m_dc, sp.ndc = ndc;
    for (size_t i = 0; i < non && !rc; i++)
        rc = split(&sp, m_on[i]);
    if (rc)
        goto done;
    s->ncols = sp.ncols;

    /* 4. Chart and cover. */
    size_t nw = fsq__words_for_bits(sp.ncols);
    chart = calloc(s->npis * nw, sizeof *chart);
    if (!chart) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < s->npis; i++)
        for (size_t c = 0; c < sp.ncols; c++)
            if (contains(m_pis[i], sp.cols[c]))
                chart[i * nw + c / 64] |= UINT64_C(1) << (c % 64);
    fsq__cover_problem cp = {0};
    cp.npis = s->npis;
    cp.ncols = sp.ncols;
    cp.nwords = nw;
    cp.chart = chart;
    cp.max_solutions = opts->max_solutions;
    cp.time_limit = opts->time_limit;
    rc = fsq__cover_solve(&cp, &s->cover);
done:
    free(m_on);
    free(m_off);
    free(m_dc);
    free(m_pis);
    free(p_on);
    free(p_off);
    free(p_dc);
    free(d_on);
    free(d_off);
    free(d_dc);
    free(levels);
    free(chart);
    free(sp.cols);
    fsq__pi_result_free(&pis);
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
