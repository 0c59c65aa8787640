/* Prime implicants under the LP bound: column generation.
 *
 * Contract (colgen.h): the PIs a cover needs. Small problems get the
 * complete list (src/prime/); a parsimonious problem whose full list would
 * pass FSQ__COLGEN_PI_THRESHOLD gets only the PIs that can be in a minimum
 * cover, and the minimum covers over that list are exactly the minimum
 * covers over all PIs (proof below). The result is deterministic: every
 * step is, and the searches are deterministic for any thread count.
 *
 * The LP. Set cover of the ON configurations (rows i) by PIs (columns j):
 *   min sum_j x_j  s.t.  sum_{j covers i} x_j >= 1,  x >= 0;
 *   dual: max sum_i y_i  s.t.  y(j) := sum_{i in j} y_i <= 1 for every PI j, y >= 0.
 * Column generation: the restricted master LP over the PIs generated so
 * far (initially one greedy PI per ON row) gives duals y (src/cover/lp.c
 * scales them feasible for the master); pricing lists PIs of load
 * y(j) > 1 + EPS, i.e. reduced cost 1 - y(j) < -EPS (the weighted search of
 * src/prime/prime_remainders.c, keeping the few heaviest per starting
 * row); they join the master, until none is left. Then every PI has
 * y(j) < s := 1 + EPS, so y / s is feasible for the dual over ALL PIs and
 * LB = sum_i y_i / s bounds every cover from below (weak duality).
 *
 * Reduced-cost fixing (why the final list suffices). Let y~ = y / s
 * (dual feasible over all PIs) and rc_j = 1 - y~(j) >= 0. For any cover C,
 *   |C| = sum_{j in C} (rc_j + y~(j))
 *       = sum_{j in C} rc_j + sum_i y~_i * #{j in C : j covers i}
 *      >= sum_{j in C} rc_j + LB            (each i covered at least once, y~ >= 0),
 * and every rc_j >= 0, so each j in C has rc_j <= |C| - LB. With U the
 * size of a cover the driver found (greedy over the master), every
 * minimum cover has |C| <= U, so each of its PIs has rc_j <= U - LB, i.e.
 *   y(j) >= s (1 - (U - LB)).
 * The final pricing lists every PI with that load (no per-row cap), so
 * every PI of every minimum cover is in the list, and a cover of the list
 * is a cover by PIs: the minimum over the list is the global minimum and
 * its minimum covers are all of the global ones. When U - LB >= 1 the
 * test excludes nothing (every load is >= 0): the driver then falls back
 * to the complete enumeration, under the caller's limits.
 */
#include "minimize/colgen.h"

#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/clock.h"
#include "common/error.h"
#include "cover/cover.h"
#include "cover/lp.h"

/* Reduced costs below -EPS are priced out; the bound divides by 1 + EPS. */
#define EPS 1e-7
/* PIs kept per starting row in each pricing round. */
#define PER_ROW 4
/* Master LP solves before giving up on convergence (then the bound is
 * still valid, with the largest load seen as the scale). */
#define MAX_ROUNDS 400


int fsq__pi_chart(const unsigned char *levels, size_t k, const unsigned char *on, size_t non,
                  const unsigned char *cubes, size_t npis, uint64_t **chart, size_t *nwords)
{
    return fsq__pi_chart_until(levels, k, on, non, cubes, npis, chart, nwords, 0);
}

int fsq__pi_chart_until(const unsigned char *levels, size_t k, const unsigned char *on,
                        size_t non, const unsigned char *cubes, size_t npis, uint64_t **chart,
                        size_t *nwords, double deadline)
{
    /* Row i is the AND, over the PI's literals, of the bitset of ON rows
     * that have that literal: O(literals x words) per PI instead of
     * O(ON rows x k). */
    size_t nw = fsq__words_for_bits(non);
    *nwords = nw;
    *chart = calloc(npis ? npis * nw : 1, sizeof **chart);
    size_t nlit = 0, *lit_at = malloc((k ? k : 1) * sizeof *lit_at);
    for (size_t j = 0; lit_at && j < k; j++) {
        lit_at[j] = nlit;
        nlit += levels[j];
    }
    uint64_t *lit_rows = lit_at ? calloc(nlit * nw + 1, sizeof *lit_rows) : NULL;
    if (!*chart || !lit_at || !lit_rows) {
        free(*chart);
        *chart = NULL;
        free(lit_at);
        free(lit_rows);
        return fsq__nomem();
    }
    for (size_t c = 0; c < non; c++)
        for (size_t j = 0; j < k; j++)
            lit_rows[(lit_at[j] + on[c * k + j]) * nw + c / 64] |= UINT64_C(1) << (c % 64);
    for (size_t i = 0; i < npis; i++) {
        uint64_t *row = *chart + i * nw;
        const unsigned char *cube = cubes + i * k;
        if ((i & 255) == 0 && fsq__past(deadline)) {
            free(*chart);
            *chart = NULL;
            free(lit_at);
            free(lit_rows);
            return FSQ_ELIMIT; /* the caller names the limit and the phase */
        }
        for (size_t w = 0; w < nw; w++)
            row[w] = w + 1 < nw || non % 64 == 0 ? ~UINT64_C(0) : (UINT64_C(1) << (non % 64)) - 1;
        if (non == 0)
            row[0] = 0;
        for (size_t j = 0; j < k; j++)
            if (cube[j] != FSQ__DASH) {
                const uint64_t *lr = lit_rows + (lit_at[j] + cube[j]) * nw;
                for (size_t w = 0; w < nw; w++)
                    row[w] &= lr[w];
            }
    }
    free(lit_at);
    free(lit_rows);
    return 0;
}

/* ---- the master's columns ----------------------------------------------- */

typedef struct {
    size_t k, n, cap;
    unsigned char *cubes;
} cube_pool;

static int pool_add(cube_pool *pool, const unsigned char *cubes, size_t n)
{
    if (pool->n + n > pool->cap) {
        size_t cap = pool->cap ? pool->cap : 256;
        while (cap < pool->n + n)
            cap *= 2;
        unsigned char *grown = realloc(pool->cubes, cap * pool->k);
        if (!grown)
            return fsq__nomem();
        pool->cubes = grown;
        pool->cap = cap;
    }
    memcpy(pool->cubes + pool->n * pool->k, cubes, n * pool->k);
    pool->n += n;
    return 0;
}

/* Initial columns, two per ON configuration a. First, grow the cube {a} (an
 * implicant: a is not OFF) by merging the nearest ON configuration (fewest
 * fixed conditions to free; ties: the first) whose merge lets in no OFF
 * configuration, until none can be merged; then free the remaining
 * conditions one at a time, first condition first, while no OFF
 * configuration gets in: a prime implicant (Espresso's EXPAND in spirit).
 * The OFF test is an AND of per-literal bitsets over OFF. */
static int off_free(const uint64_t *off_lit, const size_t *lit_at, const unsigned char *cube,
                    size_t k, size_t ow, uint64_t *acc)
{
    for (size_t w = 0; w < ow; w++)
        acc[w] = ~UINT64_C(0);
    for (size_t j = 0; j < k; j++)
        if (cube[j] != FSQ__DASH) {
            const uint64_t *lr = off_lit + (lit_at[j] + cube[j]) * ow;
            uint64_t any = 0;
            for (size_t w = 0; w < ow; w++)
                any |= acc[w] &= lr[w];
            if (!any)
                return 1;
        }
    for (size_t w = 0; w < ow; w++)
        if (acc[w])
            return 0;
    return 1;
}

/* Frees the conditions of an OFF-free cube one at a time, first condition
 * first, while no OFF configuration gets in: a prime implicant. */
static void make_prime(unsigned char *cube, const uint64_t *off_lit, const size_t *lit_at,
                       size_t k, size_t ow, uint64_t *acc)
{
    for (size_t j = 0; j < k; j++) {
        if (cube[j] == FSQ__DASH)
            continue;
        unsigned char keep = cube[j];
        cube[j] = FSQ__DASH;
        if (!off_free(off_lit, lit_at, cube, k, ow, acc))
            cube[j] = keep;
    }
}

static int greedy_columns(const fsq__pi_problem *p, cube_pool *pool)
{
    int rc = 0;
    const size_t k = p->k, non = p->non, noff = p->noff;
    const size_t ow = fsq__words_for_bits(noff);
    size_t nlit = 0, *lit_at = malloc(k * sizeof *lit_at);
    for (size_t j = 0; lit_at && j < k; j++) {
        lit_at[j] = nlit;
        nlit += p->levels[j];
    }
    const size_t nw = fsq__words_for_bits(non);
    uint64_t *off_lit = lit_at ? calloc(nlit * ow + 1, sizeof *off_lit) : NULL;
    uint64_t *on_lit = lit_at ? calloc(nlit * nw + 1, sizeof *on_lit) : NULL;
    uint64_t *acc = malloc(ow * sizeof *acc), *off_cur = malloc(ow * sizeof *off_cur);
    uint64_t *on_cur = malloc(nw * sizeof *on_cur);
    size_t *dist = malloc(non * sizeof *dist);
    unsigned char *cube = malloc(k), *trial = malloc(k);
    if (!lit_at || !off_lit || !on_lit || !acc || !off_cur || !on_cur || !dist || !cube ||
        !trial) {
        rc = fsq__nomem();
        goto done;
    }
    /* Only the last word may hold bits past noff: keep them clear. */
    for (size_t b = 0; b < noff; b++)
        for (size_t j = 0; j < k; j++)
            off_lit[(lit_at[j] + p->off[b * k + j]) * ow + b / 64] |= UINT64_C(1) << (b % 64);
    for (size_t c = 0; c < non; c++)
        for (size_t j = 0; j < k; j++)
            on_lit[(lit_at[j] + p->on[c * k + j]) * nw + c / 64] |= UINT64_C(1) << (c % 64);

    for (size_t a = 0; a < non; a++) {
        memcpy(cube, p->on + a * k, k);
        for (;;) {
            for (size_t c = 0; c < non; c++) {
                const unsigned char *pc = p->on + c * k;
                size_t d = 0;
                for (size_t j = 0; j < k; j++)
                    d += cube[j] != FSQ__DASH && cube[j] != pc[j];
                dist[c] = d;
            }
            int merged = 0;
            for (;;) {
                size_t best = SIZE_MAX;
                for (size_t c = 0; c < non; c++)
                    if (dist[c] > 0 && dist[c] != SIZE_MAX &&
                        (best == SIZE_MAX || dist[c] < dist[best]))
                        best = c;
                if (best == SIZE_MAX)
                    break;
                const unsigned char *pc = p->on + best * k;
                for (size_t j = 0; j < k; j++)
                    trial[j] = cube[j] == pc[j] ? cube[j] : FSQ__DASH;
                if (off_free(off_lit, lit_at, trial, k, ow, acc)) {
                    memcpy(cube, trial, k);
                    merged = 1;
                    break;
                }
                dist[best] = SIZE_MAX; /* cannot join: try the next nearest */
            }
            if (!merged)
                break;
        }
        make_prime(cube, off_lit, lit_at, k, ow, acc);
        if ((rc = pool_add(pool, cube, 1)) != 0)
            goto done;

        /* Second column, top-down: from the whole space, fix a's literal
         * that keeps the largest share of the ON configurations still in
         * the cube minus the share of the OFF ones, until no OFF one is
         * left (ties: the first condition). */
        memset(cube, FSQ__DASH, k);
        for (size_t w = 0; w < nw; w++)
            on_cur[w] = w + 1 < nw || non % 64 == 0 ? ~UINT64_C(0) : (UINT64_C(1) << (non % 64)) - 1;
        for (size_t w = 0; w < ow; w++)
            off_cur[w] = w + 1 < ow || noff % 64 == 0 ? ~UINT64_C(0) : (UINT64_C(1) << (noff % 64)) - 1;
        size_t on_n = non, off_n = noff;
        const unsigned char *pa = p->on + a * k;
        while (off_n > 0) {
            size_t best = SIZE_MAX;
            double best_score = 0;
            for (size_t j = 0; j < k; j++) {
                if (cube[j] != FSQ__DASH)
                    continue;
                const uint64_t *ol = on_lit + (lit_at[j] + pa[j]) * nw;
                const uint64_t *fl = off_lit + (lit_at[j] + pa[j]) * ow;
                size_t on_kept = 0, off_kept = 0;
                for (size_t w = 0; w < nw; w++)
                    on_kept += (size_t)fsq__popcount64(on_cur[w] & ol[w]);
                for (size_t w = 0; w < ow; w++)
                    off_kept += (size_t)fsq__popcount64(off_cur[w] & fl[w]);
                if (off_kept == off_n)
                    continue; /* removes no OFF configuration */
                double score = (double)on_kept / (double)on_n - (double)off_kept / (double)off_n;
                if (best == SIZE_MAX || score > best_score) {
                    best = j;
                    best_score = score;
                }
            }
            if (best == SIZE_MAX)
                break; /* cannot happen: a differs from every OFF configuration */
            cube[best] = pa[best];
            const uint64_t *ol = on_lit + (lit_at[best] + pa[best]) * nw;
            const uint64_t *fl = off_lit + (lit_at[best] + pa[best]) * ow;
            on_n = off_n = 0;
            for (size_t w = 0; w < nw; w++)
                on_n += (size_t)fsq__popcount64(on_cur[w] &= ol[w]);
            for (size_t w = 0; w < ow; w++)
                off_n += (size_t)fsq__popcount64(off_cur[w] &= fl[w]);
        }
        make_prime(cube, off_lit, lit_at, k, ow, acc);
        if ((rc = pool_add(pool, cube, 1)) != 0)
            goto done;
    }
done:
    free(lit_at);
    free(off_lit);
    free(on_lit);
    free(off_cur);
    free(on_cur);
    free(acc);
    free(dist);
    free(cube);
    free(trial);
    return rc;
}

/* A greedy cover of the chart (most new rows first, lowest PI on ties),
 * made irredundant (a PI whose rows the others cover is dropped, last
 * chosen first): its size, and in ycov the cover's dual guess: each PI's
 * private rows (covered by no other PI of the cover) share a weight of 1.
 * If the guess has no load above s over all PIs, it proves |cover| / s.
 * Returns SIZE_MAX when out of memory. */
static size_t greedy_cover(const uint64_t *chart, size_t npis, size_t non, size_t nw,
                           double *ycov)
{
    uint64_t *left = calloc(nw, sizeof *left);
    size_t *chosen = malloc((non ? non : 1) * sizeof *chosen);
    unsigned char *times = calloc(non ? non : 1, 1);
    size_t size = 0, remaining = non;
    if (!left || !chosen || !times) {
        size = SIZE_MAX;
        goto done;
    }
    for (size_t c = 0; c < non; c++)
        left[c / 64] |= UINT64_C(1) << (c % 64);
    while (remaining > 0) {
        size_t best = SIZE_MAX, gain = 0;
        for (size_t i = 0; i < npis; i++) {
            size_t g = 0;
            for (size_t w = 0; w < nw; w++)
                g += (size_t)fsq__popcount64(chart[i * nw + w] & left[w]);
            if (g > gain) {
                gain = g;
                best = i;
            }
        }
        if (best == SIZE_MAX)
            break; /* cannot happen: every row has its greedy column */
        for (size_t w = 0; w < nw; w++)
            left[w] &= ~chart[best * nw + w];
        remaining -= gain;
        chosen[size++] = best;
    }
    /* times[c] = how many chosen PIs cover c (capped at 2). */
    for (size_t t = 0; t < size; t++)
        for (size_t c = 0; c < non; c++)
            if ((chart[chosen[t] * nw + c / 64] >> (c % 64)) & 1 && times[c] < 2)
                times[c]++;
    for (size_t t = size; t-- > 0;) {
        int redundant = 1;
        for (size_t c = 0; c < non && redundant; c++)
            if ((chart[chosen[t] * nw + c / 64] >> (c % 64)) & 1)
                redundant = times[c] >= 2;
        if (!redundant)
            continue;
        /* Recount the rows it covered (exact counts may exceed 2). */
        memmove(chosen + t, chosen + t + 1, (size - t - 1) * sizeof *chosen);
        size--;
        memset(times, 0, non);
        for (size_t u = 0; u < size; u++)
            for (size_t c = 0; c < non; c++)
                if ((chart[chosen[u] * nw + c / 64] >> (c % 64)) & 1 && times[c] < 2)
                    times[c]++;
    }
    for (size_t c = 0; c < non; c++)
        ycov[c] = 0;
    for (size_t t = 0; t < size; t++) {
        size_t nprivate = 0;
        for (int pass = 0; pass < 2; pass++)
            for (size_t c = 0; c < non; c++)
                if ((chart[chosen[t] * nw + c / 64] >> (c % 64)) & 1 && times[c] == 1) {
                    if (pass == 0)
                        nprivate++;
                    else
                        ycov[c] = 1.0 / (double)nprivate;
                }
    }
done:
    free(left);
    free(chosen);
    free(times);
    return size;
}

/* Largest load y(j) over the chart's rows. */
static double max_load(const uint64_t *chart, size_t npis, size_t nw, const double *y)
{
    double best = 0;
    for (size_t i = 0; i < npis; i++) {
        double load = 0;
        for (size_t w = 0; w < nw; w++)
            for (uint64_t bits = chart[i * nw + w]; bits; bits &= bits - 1)
                load += y[w * 64 + (size_t)fsq__ctz64(bits)];
        if (load > best)
            best = load;
    }
    return best;
}

static double remaining_time(double deadline)
{
    if (deadline <= 0)
        return 0;
    double left = deadline - fsq__pi_now();
    return left > 1e-3 ? left : 1e-3;
}

/* The largest load over ALL PIs when it exceeds 1 + EPS, else 1 + EPS:
 * pricing that keeps the heaviest PI of each starting row. */
static int load_scale(const fsq__pi_problem *p, const double *y, double deadline, double *scale,
                      fsq__pi_info *info)
{
    fsq__pi_problem q = *p;
    fsq__pi_result heavy = {0};
    uint64_t *chart = NULL;
    size_t nw;
    q.on_weight = y;
    q.min_weight = 1 + EPS;
    q.max_per_row = 1;
    q.max_pis = 0;
    q.time_limit = remaining_time(deadline);
    *scale = 1 + EPS;
    int rc = fsq__prime_implicants(&q, &heavy);
    info->other_nodes += heavy.nodes;
    if (rc == 0 && heavy.npis > 0 &&
        (rc = fsq__pi_chart(p->levels, p->k, p->on, p->non, heavy.cubes, heavy.npis, &chart,
                            &nw)) == 0) {
        double load = max_load(chart, heavy.npis, nw, y);
        *scale = load > *scale ? load : *scale;
    }
    free(chart);
    fsq__pi_result_free(&heavy);
    return rc;
}

static double sum_of(const double *y, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += y[i];
    return s;
}

/* Column generation (the top of the file). Returns 0 with the fixed list,
 * 1 when the fixing would exclude nothing (U - LB >= 1), or an error.
 *
 * Two certificates are tried. (a) The master's duals once pricing finds
 * no PI heavier than 1 + EPS: the LP optimum over all PIs. (b) Each
 * round, when the master's value leaves room to prove the greedy cover's
 * size U (value > U - 1), the cover's own dual guess (greedy_cover),
 * scaled by its largest load over all PIs: on sparse data the master's
 * duals are extreme points that put a whole unit on single rows, every
 * PI through two such rows is too heavy and the LP converges slowly,
 * while the cover's guess spreads each unit over a term's private rows
 * and is often feasible at once. Either is a y >= 0 with known scale s,
 * which is all the proof at the top needs. */
static int column_generation(const fsq__pi_problem *p, double deadline, fsq__pi_result *out,
                             fsq__pi_info *info)
{
    int rc = 0;
    const size_t k = p->k, non = p->non;
    cube_pool pool = {k, 0, 0, NULL};
    uint64_t *chart = NULL, *new_chart = NULL;
    size_t nw = 0, upper = 0;
    double *y = calloc(non, sizeof *y), *ycov = calloc(non, sizeof *ycov);
    const double *cert = y;
    fsq__pi_result priced = {0};
    if (!y || !ycov) {
        rc = fsq__nomem();
        goto done;
    }
    if ((rc = greedy_columns(p, &pool)) != 0)
        goto done;

    double value = 0, scale = 1 + EPS;
    size_t round = 0;
    for (;;) {
        free(chart);
        chart = NULL;
        if ((rc = fsq__pi_chart(p->levels, k, p->on, non, pool.cubes, pool.n, &chart, &nw)) != 0)
            goto done;
        fsq__cover_problem cp;
        memset(&cp, 0, sizeof cp);
        cp.npis = pool.n;
        cp.ncols = non;
        cp.nwords = nw;
        cp.chart = chart;
        cp.time_limit = remaining_time(deadline);
        if ((rc = fsq__cover_lp(&cp, &value, y)) != 0)
            goto done;
        round++;
        if ((upper = greedy_cover(chart, pool.n, non, nw, ycov)) == SIZE_MAX) {
            rc = fsq__nomem();
            goto done;
        }

        /* (b) the cover's dual guess. */
        if (value > (double)upper - 1 + 1e-9) {
            double s;
            if ((rc = load_scale(p, ycov, deadline, &s, info)) != 0)
                goto done;
            if (sum_of(ycov, non) / s > (double)upper - 1 + 1e-9) {
                cert = ycov;
                scale = s;
                break;
            }
        }

        /* (a) pricing with the master's duals. */
        fsq__pi_problem q = *p;
        q.on_weight = y;
        q.min_weight = 1 + EPS;
        q.max_per_row = PER_ROW;
        q.max_pis = 0;
        q.time_limit = remaining_time(deadline);
        if ((rc = fsq__prime_implicants(&q, &priced)) != 0)
            goto done;
        info->other_nodes += priced.nodes;
        if (priced.npis == 0)
            break; /* every load is < 1 + EPS: the LP is optimal over all PIs */
        if (round >= MAX_ROUNDS) {
            /* Not converged: the heaviest PI of every starting row is among
             * those priced, so the largest load over all PIs is known. */
            free(new_chart);
            new_chart = NULL;
            size_t nw2;
            if ((rc = fsq__pi_chart(p->levels, k, p->on, non, priced.cubes, priced.npis,
                                    &new_chart, &nw2)) != 0)
                goto done;
            double load = max_load(new_chart, priced.npis, nw2, y);
            scale = load > scale ? load : scale;
            fsq__pi_result_free(&priced);
            break;
        }
        if ((rc = pool_add(&pool, priced.cubes, priced.npis)) != 0)
            goto done;
        fsq__pi_result_free(&priced);
    }

    /* The bound over all PIs and the fixing threshold. */
    double lb = sum_of(cert, non) / scale;
    info->generated = pool.n;
    info->rounds = round;
    info->lp_bound = lb;
    info->upper = upper;
    double gap = (double)upper - lb;
    if (gap >= 1 - 1e-9) {
        rc = 1;
        goto done;
    }
    fsq__pi_problem q = *p;
    q.on_weight = cert;
    q.min_weight = scale * (1 - gap) - 1e-9;
    q.max_per_row = 0;
    q.time_limit = remaining_time(deadline);
    if ((rc = fsq__prime_implicants(&q, out)) != 0)
        goto done;
    info->complete = 0;
    info->total = 0;
done:
    free(pool.cubes);
    free(chart);
    free(new_chart);
    free(y);
    free(ycov);
    fsq__pi_result_free(&priced);
    return rc;
}

int fsq__colgen_prime_implicants(const fsq__pi_problem *p, fsq__pi_result *out,
                                 fsq__pi_info *info)
{
    memset(info, 0, sizeof *info);
    double start = fsq__pi_now();
    double deadline = p->time_limit > 0 ? start + p->time_limit : 0;
    int small_cap = p->max_pis && p->max_pis <= FSQ__COLGEN_PI_THRESHOLD;
    fsq__pi_problem full = *p;
    if (p->mode == FSQ__PI_REMAINDERS && !small_cap) {
        full.max_pis = FSQ__COLGEN_PI_THRESHOLD;
        full.max_nodes = FSQ__COLGEN_NODE_THRESHOLD;
    }
    int rc = fsq__prime_implicants(&full, out);
    if (rc == 0 || p->mode != FSQ__PI_REMAINDERS || small_cap ||
        !(out->max_pis_reached || out->nodes_reached)) {
        if (rc == 0) {
            info->complete = 1;
            info->total = out->npis;
        }
        return rc;
    }
    /* Too many to list: generate them under the bound. */
    uint64_t nodes = out->nodes;
    fsq__pi_problem cg = *p;
    rc = column_generation(&cg, deadline, out, info);
    info->other_nodes += nodes;
    if (rc == FSQ_ELIMIT && deadline > 0 && fsq__pi_now() >= deadline - 1e-3)
        rc = fsq__error(FSQ_ELIMIT, "time limit of %g s reached in the prime implicant search "
                        "(column generation) (--time-limit)", p->time_limit);
    if (rc == 1) {
        /* The bound leaves a gap of a whole PI: nothing can be excluded. */
        fsq__pi_info cg_info = *info;
        full = *p;
        full.time_limit = remaining_time(deadline);
        rc = fsq__prime_implicants(&full, out);
        *info = cg_info;
        if (rc == 0) {
            info->complete = 1;
            info->total = out->npis;
        }
    }
    return rc;
}
