/* Counting the minimum covers of a residual chart.
 *
 * Contract (mincount.h): for rows U, allowed PIs F and a budget b, the
 * minimum size m of a cover of U by F when m <= b, and the number of
 * covers of size m; else "more than b". Exact; memory bounded by the cache
 * cap and the search depth.
 *
 * The maths. Write N(U, F) for the covers of size m(U, F). Then:
 *  - a row of U with no PI of F: no cover; with exactly one, p: every
 *    cover holds p, N(U, F) = N(U - p, F - p), m one more (unit rows);
 *  - a PI of F that touches no row of U is in no minimum cover (dropping
 *    it leaves a smaller cover), so only F restricted to the PIs touching
 *    U matters;
 *  - components: when U splits into parts that share no PI of F, a cover
 *    is one cover per part, m is the sum of the parts' minima and N the
 *    product of their counts (a cover that is not minimum on one part
 *    cannot be minimum on the whole);
 *  - row dominance: a row whose PIs include all of another row's is
 *    covered whenever that one is: dropping it keeps every cover;
 *  - branching on one PI p: the covers with p, N(U - p, F - p) one PI
 *    more, and those without, N(U, F - p). When the slack b - y(U) is at
 *    most 1 (LP = m - 1 blocks: each cover wastes at most one PI's worth
 *    over the dual) p is the PI of the largest positive reduced cost
 *    1 - y(p & U), if any: taking it spends that much of the slack, so the
 *    child drops every PI it can no longer afford and stays narrow; else
 *    p is the PI on the most rows of U (which splits components fastest;
 *    also better on large slacks, where one PI spends little); or, in
 *    components of many PIs (where that recursion would go deep),
 *    on the row c of U with the fewest PIs p_1 < ... < p_d (in
 *    the order tried): every cover holds some p_i, and the first one it
 *    holds is unique, so the covers split into those through p_i that
 *    avoid p_1..p_{i-1}: children (U - p_i, F - {p_1..p_i}), each with one
 *    PI fewer to spend; m is 1 + the least child minimum and N sums the
 *    counts of the children that reach it;
 *  - bounds: rows whose PI sets are pairwise disjoint need one PI each;
 *    and with dual feasible LP values y (every PI's rows sum to <= 1), any
 *    cover S of U has |S| >= y(U) + sum over p in S of (1 - y(p & U))
 *    (weak duality: each row of U is covered at least once). So m >=
 *    ceil(y(U)), and a PI whose reduced cost 1 - y(p & U) exceeds the
 *    slack b - y(U) is in no cover within the budget: it is dropped (exact
 *    for the count within the budget, which is all that is asked). Each
 *    subproblem raises y greedily on its rows, rows with fewer PIs first,
 *    while every PI it may still use stays within 1 (dual ascent: the PIs
 *    it excluded and the rows covered free room), so bounds tighten down
 *    the search.
 * Subproblems recur along different paths: each connected (U, F) after
 * the unit rows is cached under the exact list of its rows and PIs, with
 * either its exact (m, N) or the lower bound "m > b" that a failed search
 * proved (reused while the budget asked stays below it). The cache has a
 * memory cap; when full it is emptied (results stay exact).
 *
 * Budgets. The search is a branch and bound: a child gets the best total
 * found so far minus one (ties still count), components get the budget
 * less the other components' lower bounds (or exact minima once known).
 *
 * Decisions (fsq__mc_decide: is there a cover within the budget?) run the
 * same search but return at the first cover that fits; a component whose
 * minimum the others' budgets need is decided at budgets rising from its
 * lower bound (the first that fits is its minimum). A failed decision is
 * exhaustive, so its lower bound is cached as in a count; a cover found
 * is not (its size is not known to be the minimum).
 *
 * Complexity: exponential in the worst case (counting set covers is
 * #P-hard); a node costs O(|U| * |F| / 64) word operations. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cover/mincount.h"
#include "cover/mincount_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/cover_internal.h"

#define EPS 1e-6
#define CHUNK_WORDS ((size_t)1 << 16)
/* Components with at most this many PIs branch on one PI (with, without):
 * that depth grows with the PIs, so larger ones branch on a row (depth at
 * most the budget). */
#define BINARY_MAX_PIS 2000

typedef struct {
    size_t cur, off, ints;
} mc_mark;

static mc_mark mark(const fsq__mc *s)
{
    return (mc_mark){s->cur, s->off, s->ints_used};
}

static void release(fsq__mc *s, mc_mark k)
{
    s->cur = k.cur;
    s->off = k.off;
    s->ints_used = k.ints;
}

/* nw scratch words, or NULL (and the memory limit) without memory. */
static uint64_t *scratch(fsq__mc *s, size_t nw)
{
    if (s->off + nw > s->chunk_size[s->cur]) {
        size_t next = s->cur + 1, want = nw > CHUNK_WORDS ? nw : CHUNK_WORDS;
        if (next == s->nchunks) {
            uint64_t **chunk = realloc(s->chunk, (next + 1) * sizeof *chunk);
            size_t *size = chunk ? realloc(s->chunk_size, (next + 1) * sizeof *size) : NULL;
            if (chunk)
                s->chunk = chunk;
            if (size)
                s->chunk_size = size;
            if (!chunk || !size || !(s->chunk[next] = malloc(want * sizeof(uint64_t)))) {
                s->limit = LIMIT_NOMEM;
                return NULL;
            }
            s->chunk_size[next] = want;
            s->nchunks++;
        } else if (s->chunk_size[next] < want) {
            uint64_t *grown = realloc(s->chunk[next], want * sizeof *grown);
            if (!grown) {
                s->limit = LIMIT_NOMEM;
                return NULL;
            }
            s->chunk[next] = grown;
            s->chunk_size[next] = want;
        }
        s->cur = next;
        s->off = 0;
    }
    uint64_t *p = s->chunk[s->cur] + s->off;
    s->off += nw;
    return p;
}

static mpz_ptr int_push(fsq__mc *s)
{
    if (s->ints_used == s->nints) {
        size_t grow = s->nints ? s->nints * 2 : 64;
        mpz_ptr *ints = realloc(s->ints, grow * sizeof *ints);
        if (!ints) {
            s->limit = LIMIT_NOMEM;
            return NULL;
        }
        s->ints = ints;
        for (; s->nints < grow; s->nints++) {
            if (!(ints[s->nints] = malloc(sizeof(mpz_t)))) {
                s->limit = LIMIT_NOMEM;
                return NULL;
            }
            mpz_init(ints[s->nints]);
        }
    }
    return s->ints[s->ints_used++];
}

static int tick(fsq__mc *s)
{
    if (s->limit)
        return 1;
    if ((++s->nodes & 1023) == 0 && s->has_deadline) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec > s->deadline.tv_sec ||
            (now.tv_sec == s->deadline.tv_sec && now.tv_nsec >= s->deadline.tv_nsec))
            s->limit = LIMIT_TIME;
    }
    return s->limit != 0;
}

/* ---- the search --------------------------------------------------------- */

static size_t solve(fsq__mc *s, const uint64_t *u_in, const uint64_t *f_in, const double *y_in,
                    size_t budget, mpz_ptr out);

typedef struct {
    uint64_t *u, *f;
    size_t rows, lb;
} mc_part;

/* (U, F) connected, without unit rows, F touching U only: see solve. */
static size_t solve_component(fsq__mc *s, const uint64_t *u, const uint64_t *f,
                              const double *y, size_t budget, mpz_ptr out)
{
    size_t cw = s->cw, pw = s->pw, result = FSQ__MC_NONE, known = 0, slot = 0;
    mc_mark mk = mark(s);
    mpz_set_ui(out, 0);
    if (tick(s))
        return FSQ__MC_NONE;
    size_t len = fsq__mc_make_key(s, u, f);
    uint64_t hash = fsq__mc_hash(s->key, len);
    const uint64_t *e = fsq__mc_cache_find(s, len, hash, &slot);
    if (e) {
        size_t m = (size_t)(e[1] >> 1);
        if (e[1] & 1) {
            if (m > budget)
                return FSQ__MC_NONE;
            fsq__mc_entry_count(e, out);
            return m;
        }
        if (m > budget)
            return FSQ__MC_NONE;
        known = m;
    }
    uint64_t *scr = scratch(s, pw + pw + cw);
    mpz_ptr child = int_push(s);
    if (!scr || !child)
        goto done;
    uint64_t *fx = scr, *acc = scr + pw, *uc = scr + 2 * pw;
    size_t lb = fsq__mc_disjoint_bound(s, u, f, acc), yb = fsq__mc_y_bound(s, y, u);
    if (yb > lb)
        lb = yb;
    if (known > lb)
        lb = known;
    if (lb > budget)
        goto store;

    /* Reduced costs within the budget (see the top of the file). */
    memcpy(fx, f, pw * sizeof *fx);
    size_t costly = SIZE_MAX; /* the PI of the largest positive reduced cost */
    double costly_d = EPS, slack = 0;
    if (y) {
        slack = (double)budget - fsq__mc_y_sum(s, y, u);
        int dropped = 0;
        for (size_t v = 0; v < pw; v++)
            for (uint64_t bits = f[v]; bits; bits &= bits - 1) {
                size_t p = v * 64 + (size_t)fsq__ctz64(bits);
                double load = fsq__mc_pi_load(s, y, p, u);
                if (1 - load > slack + EPS) {
                    bit_clear(fx, p);
                    dropped = 1;
                } else if (1 - load > costly_d + EPS) {
                    costly_d = 1 - load;
                    costly = p;
                }
            }
        if (dropped) {
            result = solve(s, u, fx, y, budget, out);
            goto store;
        }
    }

    /* One PI for all of U? */
    if (lb <= 1) {
        unsigned long n1 = 0;
        for (size_t v = 0; v < pw; v++)
            for (uint64_t bits = f[v]; bits; bits &= bits - 1) {
                const uint64_t *pc = s->picols + (v * 64 + (size_t)fsq__ctz64(bits)) * cw;
                uint64_t missed = 0;
                for (size_t w = 0; w < cw && !missed; w++)
                    missed = u[w] & ~pc[w];
                n1 += !missed;
            }
        if (n1) {
            mpz_set_ui(out, n1);
            result = 1;
            goto store;
        }
        if (budget < 2)
            goto store;
        lb = 2;
    }

    if (count_bits(f, pw) <= BINARY_MAX_PIS) {
        /* The PI on the most rows of U, with it and without it. */
        size_t hub = 0, most = 0;
        for (size_t v = 0; v < pw; v++)
            for (uint64_t bits = f[v]; bits; bits &= bits - 1) {
                size_t p = v * 64 + (size_t)fsq__ctz64(bits), sc = fsq__mc_pi_rows(s, p, u);
                if (sc > most) {
                    most = sc;
                    hub = p;
                }
            }
        if (costly != SIZE_MAX && slack <= 1 + EPS)
            hub = costly;
        const uint64_t *pc = s->picols + hub * cw;
        bit_clear(fx, hub);
        for (size_t w = 0; w < cw; w++)
            uc[w] = u[w] & ~pc[w];
        size_t best = FSQ__MC_NONE, allowed = budget;
        size_t r = solve(s, uc, fx, y, budget - 1, child);
        if (s->limit)
            goto done;
        if (r != FSQ__MC_NONE) {
            best = allowed = r + 1;
            mpz_set(out, child);
            if (s->decide) {
                result = best;
                goto store;
            }
        }
        r = solve(s, u, fx, y, allowed, child);
        if (s->limit)
            goto done;
        if (r != FSQ__MC_NONE) {
            if (r < best) {
                best = r;
                mpz_set(out, child);
            } else if (r == best) {
                mpz_add(out, out, child);
            }
        }
        result = best;
        goto store;
    }
    /* Branch on the row with the fewest PIs. */
    size_t branch = 0, fewest = SIZE_MAX;
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = u[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits), deg = fsq__mc_row_degree(s, c, f);
            if (deg < fewest) {
                fewest = deg;
                branch = c;
            }
        }
    /* Candidates, most rows of U first (ties: lower PI first). */
    size_t *cand = (size_t *)scratch(s, 2 * fewest);
    if (!cand)
        goto done;
    size_t *score = cand + fewest, nc = 0;
    const uint64_t *bp = s->colpis + branch * pw;
    for (size_t v = 0; v < pw; v++)
        for (uint64_t bits = bp[v] & f[v]; bits; bits &= bits - 1) {
            size_t p = v * 64 + (size_t)fsq__ctz64(bits), j = nc++;
            size_t sc = fsq__mc_pi_rows(s, p, u);
            while (j > 0 && score[j - 1] < sc) {
                score[j] = score[j - 1];
                cand[j] = cand[j - 1];
                j--;
            }
            score[j] = sc;
            cand[j] = p;
        }
    size_t best = FSQ__MC_NONE, allowed = budget;
    for (size_t i = 0; i < nc; i++) {
        size_t p = cand[i];
        const uint64_t *pc = s->picols + p * cw;
        bit_clear(fx, p);
        for (size_t w = 0; w < cw; w++)
            uc[w] = u[w] & ~pc[w];
        size_t r = solve(s, uc, fx, y, allowed - 1, child);
        if (s->limit)
            goto done;
        if (r == FSQ__MC_NONE)
            continue;
        if (r + 1 < best) {
            best = r + 1;
            allowed = best;
            mpz_set(out, child);
        } else if (r + 1 == best) {
            mpz_add(out, out, child);
        }
        if (s->decide)
            break;
    }
    result = best;
store:
    if (s->limit)
        goto done;
    /* The children built their keys in the same buffer: build ours again. */
    fsq__mc_make_key(s, u, f);
    if (result != FSQ__MC_NONE) {
        if (!s->decide) /* a decision's size is an upper bound only */
            fsq__mc_cache_store(s, len, hash, result, 1, out);
    } else
        fsq__mc_cache_store(s, len, hash, lb > budget + 1 ? lb : budget + 1, 0, NULL);
done:
    release(s, mk);
    if (s->limit) {
        mpz_set_ui(out, 0);
        return FSQ__MC_NONE;
    }
    if (result == FSQ__MC_NONE)
        mpz_set_ui(out, 0);
    return result;
}

/* The unit rows, then the components of what is left. */
static size_t solve(fsq__mc *s, const uint64_t *u_in, const uint64_t *f_in, const double *y_in,
                    size_t budget, mpz_ptr out)
{
    size_t cw = s->cw, pw = s->pw, forced = 0, result = FSQ__MC_NONE;
    mc_mark mk = mark(s);
    mpz_set_ui(out, 0);
    uint64_t *u = scratch(s, cw), *f = scratch(s, pw), *touch = scratch(s, pw);
    if (!u || !f || !touch)
        goto done;
    memcpy(u, u_in, cw * sizeof *u);
    memcpy(f, f_in, pw * sizeof *f);
    if (!fsq__mc_propagate(s, u, f, budget, &forced))
        goto done;
    if (is_empty(u, cw)) {
        mpz_set_ui(out, 1);
        result = forced;
        goto done;
    }
    budget -= forced;
    fsq__mc_restrict_to_rows(s, u, f, touch);
    double *y = NULL;
    if (y_in) {
        if (!(y = (double *)scratch(s, s->m)))
            goto done;
        memcpy(y, y_in, s->m * sizeof *y);
    }
    if (fsq__mc_drop_dominated_rows(s, u, f, y))
        fsq__mc_restrict_to_rows(s, u, f, touch);
    if (y)
        fsq__mc_dual_ascent(s, u, f, y);

    uint64_t *comp = scratch(s, cw), *cpis = scratch(s, pw), *fresh = scratch(s, cw);
    if (!comp || !cpis || !fresh)
        goto done;
    if (fsq__mc_component(s, u, f, comp, cpis, fresh, touch)) {
        size_t r = solve_component(s, u, f, y, budget, out);
        result = r == FSQ__MC_NONE ? r : r + forced;
        goto done;
    }

    /* Several components: each with its rows, PIs and lower bound. */
    size_t nu = count_bits(u, cw), nparts = 0, sum_lb = 0;
    mc_part *parts = (mc_part *)scratch(s, (nu * sizeof(mc_part) + 7) / 8);
    if (!parts)
        goto done;
    uint64_t *rest = u; /* consumed part by part */
    while (!is_empty(rest, cw)) {
        mc_part *pt = &parts[nparts++];
        pt->u = scratch(s, cw);
        pt->f = scratch(s, pw);
        if (!pt->u || !pt->f)
            goto done;
        fsq__mc_component(s, rest, f, pt->u, pt->f, fresh, touch);
        for (size_t w = 0; w < cw; w++)
            rest[w] &= ~pt->u[w];
        pt->rows = count_bits(pt->u, cw);
        pt->lb = fsq__mc_disjoint_bound(s, pt->u, pt->f, touch);
        size_t yb = fsq__mc_y_bound(s, y, pt->u);
        if (yb > pt->lb)
            pt->lb = yb;
        sum_lb += pt->lb;
    }
    if (sum_lb > budget)
        goto done;
    /* Smallest parts first: their exact minima tighten the others' budgets. */
    for (size_t i = 1; i < nparts; i++) {
        mc_part t = parts[i];
        size_t j = i;
        while (j > 0 && parts[j - 1].rows > t.rows) {
            parts[j] = parts[j - 1];
            j--;
        }
        parts[j] = t;
    }
    mpz_ptr part = int_push(s);
    if (!part)
        goto done;
    size_t total = 0;
    mpz_set_ui(out, 1);
    for (size_t i = 0; i < nparts; i++) {
        sum_lb -= parts[i].lb;
        size_t allowed = budget - total - sum_lb, r;
        if (s->decide && i + 1 < nparts) {
            /* The others' budgets need this part's minimum: the least
             * budget from its lower bound up that it fits in. */
            r = FSQ__MC_NONE;
            for (size_t b = parts[i].lb; b <= allowed && r == FSQ__MC_NONE && !s->limit; b++)
                if (solve_component(s, parts[i].u, parts[i].f, y, b, part) != FSQ__MC_NONE)
                    r = b;
        } else {
            r = solve_component(s, parts[i].u, parts[i].f, y, allowed, part);
        }
        if (r == FSQ__MC_NONE) {
            mpz_set_ui(out, 0);
            goto done;
        }
        total += r;
        mpz_mul(out, out, part);
    }
    result = total + forced;
done:
    release(s, mk);
    if (s->limit || result == FSQ__MC_NONE) {
        mpz_set_ui(out, 0);
        return FSQ__MC_NONE;
    }
    return result;
}

/* ---- interface ---------------------------------------------------------- */

size_t fsq__mc_solve(fsq__mc *s, const uint64_t *u, const uint64_t *f, size_t budget,
                     mpz_t count)
{
    return fsq__mc_solve_with(s, u, f, budget, s->y, count);
}

size_t fsq__mc_solve_with(fsq__mc *s, const uint64_t *u, const uint64_t *f, size_t budget,
                          const double *y, mpz_t count)
{
    mpz_set_ui(count, 0);
    if (s->limit)
        return FSQ__MC_NONE;
    return solve(s, u, f, y, budget, count);
}

size_t fsq__mc_decide(fsq__mc *s, const uint64_t *u, const uint64_t *f, size_t budget)
{
    return fsq__mc_decide_with(s, u, f, budget, s->y);
}

size_t fsq__mc_decide_with(fsq__mc *s, const uint64_t *u, const uint64_t *f, size_t budget,
                           const double *y)
{
    if (s->limit)
        return FSQ__MC_NONE;
    mpz_ptr unused = int_push(s);
    if (!unused)
        return FSQ__MC_NONE;
    s->decide = 1;
    size_t r = solve(s, u, f, y, budget, unused);
    s->decide = 0;
    s->ints_used--;
    return r;
}

int fsq__mc_limit(const fsq__mc *s)
{
    return s->limit;
}

uint64_t fsq__mc_nodes(const fsq__mc *s)
{
    return s->nodes;
}

void fsq__mc_free(fsq__mc *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nchunks; i++)
        free(s->chunk[i]);
    free(s->chunk);
    free(s->chunk_size);
    for (size_t i = 0; i < s->nints; i++) {
        mpz_clear(s->ints[i]);
        free(s->ints[i]);
    }
    free(s->ints);
    free(s->slots);
    free(s->pool);
    free(s->key);
    free(s->load);
    free(s->deg);
    free(s);
}

int fsq__mc_new(fsq__mc **out, size_t m, size_t n, const uint64_t *colpis,
                const uint64_t *picols, const double *y, size_t cache_bytes,
                const struct timespec *deadline)
{
    fsq__mc *s = calloc(1, sizeof *s);
    *out = NULL;
    if (!s)
        return fsq__nomem();
    s->m = m;
    s->n = n;
    s->cw = fsq__words_for_bits(m);
    s->pw = fsq__words_for_bits(n);
    s->colpis = colpis;
    s->picols = picols;
    s->y = y;
    if (deadline) {
        s->has_deadline = 1;
        s->deadline = *deadline;
    }
    s->cache_bytes = cache_bytes;
    s->chunk = malloc(sizeof *s->chunk);
    s->chunk_size = malloc(sizeof *s->chunk_size);
    s->key = malloc((1 + m + n) * sizeof *s->key);
    s->load = malloc((n + 1) * sizeof *s->load);
    s->deg = malloc((m + 1) * sizeof *s->deg);
    s->nslots = cache_bytes >= 4096 * sizeof(mc_slot) ? 1024 : 0;
    s->slots = s->nslots ? calloc(s->nslots, sizeof *s->slots) : NULL;
    if (!s->chunk || !s->chunk_size || !s->key || !s->load || !s->deg || (s->nslots && !s->slots) ||
        !(s->chunk[0] = malloc(CHUNK_WORDS * sizeof(uint64_t)))) {
        if (s->chunk)
            s->chunk[0] = NULL;
        s->nchunks = s->chunk ? 1 : 0;
        fsq__mc_free(s);
        return fsq__nomem();
    }
    s->chunk_size[0] = CHUNK_WORDS;
    s->nchunks = 1;
    *out = s;
    return 0;
}
