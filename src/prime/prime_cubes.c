/* Cube mode: complement and prime implicants of covers (prime_cubes.h). */
#include "prime/prime_cubes.h"

#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "prime/prime.h"

void fsq__bcover_free(fsq__bcover *c)
{
    free(c->c);
    c->c = NULL;
    c->n = c->cap = 0;
}

int fsq__bcover_push(fsq__bcover *c, fsq__bcube q)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        fsq__bcube *p = realloc(c->c, cap * sizeof *p);
        if (!p)
            return fsq__nomem();
        c->c = p;
        c->cap = cap;
    }
    c->c[c->n++] = q;
    return 0;
}

static int check_limits(const fsq__bcube_limits *lim, size_t n, const char *what)
{
    if (lim->max_cubes && n > lim->max_cubes)
        return fsq__error(FSQ_ELIMIT, "cube mode: the %s needs more than %zu cubes (max_points)",
                          what, lim->max_cubes);
    if (lim->time_limit > 0 && fsq__pi_now() - lim->start > lim->time_limit)
        return fsq__error(FSQ_ELIMIT, "cube mode: time limit of %g s reached (%s)",
                          lim->time_limit, what);
    return 0;
}

/* Bigger cubes (fewer literals) first, then by masks, for SCC. */
static int cmp_size(const void *pa, const void *pb)
{
    const fsq__bcube *a = pa, *b = pb;
    int la = fsq__popcount64(a->care), lb = fsq__popcount64(b->care);
    if (la != lb)
        return la < lb ? -1 : 1;
    if (a->care != b->care)
        return a->care < b->care ? -1 : 1;
    return a->value < b->value ? -1 : a->value > b->value;
}

/* Single-cube containment: drops every cube contained in another one (and
 * duplicates), in place. The survivors are sorted by cmp_size. */
static void scc(fsq__bcover *f)
{
    if (f->n < 2)
        return;
    qsort(f->c, f->n, sizeof *f->c, cmp_size);
    size_t u = 0;
    for (size_t i = 0; i < f->n; i++) {
        fsq__bcube q = f->c[i];
        int dropped = 0;
        for (size_t j = 0; j < u && !dropped; j++)
            dropped = fsq__bcube_contains(f->c[j], q);
        if (!dropped)
            f->c[u++] = q;
    }
    f->n = u;
}

/* The most binate input of f (a bit), or, when f is unate, 0 (with
 * *any_literal set to the input fixed most often, 0 when none is). */
static uint64_t split_var(const fsq__bcover *f, size_t k, uint64_t *any_literal)
{
    uint64_t best = 0, most = 0;
    size_t best_n = 0, most_n = 0;
    for (size_t j = 0; j < k; j++) {
        uint64_t bit = UINT64_C(1) << (k - 1 - j);
        size_t n0 = 0, n1 = 0;
        for (size_t i = 0; i < f->n; i++)
            if (f->c[i].care & bit) {
                if (f->c[i].value & bit)
                    n1++;
                else
                    n0++;
            }
        if (n0 && n1 && n0 + n1 > best_n)
            best = bit, best_n = n0 + n1;
        if (n0 + n1 > most_n)
            most = bit, most_n = n0 + n1;
    }
    *any_literal = most;
    return best;
}

/* The cofactor of f with respect to the input `bit` set to val (0 or bit). */
static int cofactor(const fsq__bcover *f, uint64_t bit, uint64_t val, fsq__bcover *out)
{
    for (size_t i = 0; i < f->n; i++) {
        fsq__bcube q = f->c[i];
        if ((q.care & bit) && (q.value & bit) != val)
            continue;
        q.care &= ~bit;
        q.value &= ~bit;
        int rc = fsq__bcover_push(out, q);
        if (rc)
            return rc;
    }
    return 0;
}

static int has_universe(const fsq__bcover *f)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->c[i].care == 0)
            return 1;
    return 0;
}

typedef int (*recurse_fn)(fsq__bcover *f, const fsq__bcube_limits *lim, fsq__bcover *out);

/* Both cofactors of f on `bit`, each through fn. */
static int both_halves(const fsq__bcover *f, uint64_t bit, recurse_fn fn,
                       const fsq__bcube_limits *lim, fsq__bcover *r0, fsq__bcover *r1)
{
    fsq__bcover f0 = {0}, f1 = {0};
    int rc = cofactor(f, bit, 0, &f0);
    if (!rc)
        rc = fn(&f0, lim, r0);
    fsq__bcover_free(&f0);
    if (!rc)
        rc = cofactor(f, bit, bit, &f1);
    if (!rc)
        rc = fn(&f1, lim, r1);
    fsq__bcover_free(&f1);
    return rc;
}

/* ---- Complement ------------------------------------------------------------ */

/* f is consumed (reordered); the complement is appended to out. */
static int complement_rec(fsq__bcover *f, const fsq__bcube_limits *lim, fsq__bcover *out)
{
    int rc = check_limits(lim, out->n, "complement");
    if (rc)
        return rc;
    scc(f);
    if (f->n == 0)
        return fsq__bcover_push(out, (fsq__bcube){0, 0});
    if (has_universe(f))
        return 0;
    if (f->n == 1) { /* De Morgan: one cube per literal, negated */
        uint64_t care = f->c[0].care, value = f->c[0].value;
        while (care) {
            uint64_t bit = care & -care;
            care &= care - 1;
            if ((rc = fsq__bcover_push(out, (fsq__bcube){bit, ~value & bit})))
                return rc;
        }
        return 0;
    }
    uint64_t any, bit = split_var(f, lim->k, &any);
    if (!bit)
        bit = any;
    fsq__bcover c0 = {0}, c1 = {0};
    rc = both_halves(f, bit, complement_rec, lim, &c0, &c1);
    /* x' c0 + x c1, a cube found on both sides without the literal. */
    scc(&c0);
    scc(&c1);
    size_t j = 0;
    for (size_t i = 0; i < c0.n && !rc; i++) {
        while (j < c1.n && cmp_size(&c1.c[j], &c0.c[i]) < 0)
            j++;
        int both = j < c1.n && cmp_size(&c1.c[j], &c0.c[i]) == 0;
        fsq__bcube q = c0.c[i];
        if (both)
            c1.c[j++].care |= bit; /* marked: not added again below */
        else
            q.care |= bit;
        rc = fsq__bcover_push(out, q);
    }
    for (size_t i = 0; i < c1.n && !rc; i++) {
        fsq__bcube q = c1.c[i];
        if (q.care & bit) /* marked: merged above */
            continue;
        q.care |= bit, q.value |= bit;
        rc = fsq__bcover_push(out, q);
    }
    fsq__bcover_free(&c0);
    fsq__bcover_free(&c1);
    return rc;
}

/* Runs rec on a copy of f (rec consumes its input); on failure out is
 * freed. */
static int on_copy(const fsq__bcube *f, size_t n, const fsq__bcube_limits *lim, fsq__bcover *out,
                   int (*rec)(fsq__bcover *, const fsq__bcube_limits *, fsq__bcover *))
{
    fsq__bcover in = {0};
    *out = (fsq__bcover){0};
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++)
        rc = fsq__bcover_push(&in, f[i]);
    if (!rc)
        rc = rec(&in, lim, out);
    fsq__bcover_free(&in);
    if (rc)
        fsq__bcover_free(out);
    return rc;
}

int fsq__bcubes_complement(const fsq__bcube *f, size_t n, const fsq__bcube_limits *lim,
                           fsq__bcover *out)
{
    int rc = on_copy(f, n, lim, out, complement_rec);
    if (!rc) {
        scc(out);
        if ((rc = check_limits(lim, out->n, "complement")))
            fsq__bcover_free(out);
    }
    return rc;
}

/* ---- Primes ---------------------------------------------------------------- */

/* f is consumed (reordered); its primes are appended to out (empty). */
static int primes_rec(fsq__bcover *f, const fsq__bcube_limits *lim, fsq__bcover *out)
{
    int rc = check_limits(lim, f->n, "prime implicants");
    if (rc)
        return rc;
    scc(f);
    if (f->n == 0)
        return 0;
    if (has_universe(f))
        return fsq__bcover_push(out, (fsq__bcube){0, 0});
    uint64_t any, bit = split_var(f, lim->k, &any);
    if (!bit) { /* unate and SCC-minimal: these are all the primes */
        for (size_t i = 0; i < f->n && !rc; i++)
            rc = fsq__bcover_push(out, f->c[i]);
        return rc;
    }
    fsq__bcover p0 = {0}, p1 = {0};
    rc = both_halves(f, bit, primes_rec, lim, &p0, &p1);
    for (size_t i = 0; i < p0.n && !rc; i++)
        rc = fsq__bcover_push(out, (fsq__bcube){p0.c[i].care | bit, p0.c[i].value});
    for (size_t i = 0; i < p1.n && !rc; i++)
        rc = fsq__bcover_push(out, (fsq__bcube){p1.c[i].care | bit, p1.c[i].value | bit});
    for (size_t i = 0; i < p0.n && !rc; i++) {
        for (size_t j = 0; j < p1.n && !rc; j++)
            if (fsq__bcube_meets(p0.c[i], p1.c[j]))
                rc = fsq__bcover_push(out, (fsq__bcube){p0.c[i].care | p1.c[j].care,
                                                        p0.c[i].value | p1.c[j].value});
        if (!rc)
            rc = check_limits(lim, out->n, "prime implicants");
    }
    fsq__bcover_free(&p0);
    fsq__bcover_free(&p1);
    if (!rc)
        scc(out);
    return rc;
}

int fsq__bcubes_primes(const fsq__bcube *f, size_t n, const fsq__bcube_limits *lim,
                       fsq__bcover *out)
{
    return on_copy(f, n, lim, out, primes_rec);
}

/* ---- Tautology ------------------------------------------------------------- */

/* f is consumed (reordered). */
static int tautology_rec(fsq__bcover *f, size_t k, int *out)
{
    if (has_universe(f)) {
        *out = 1;
        return 0;
    }
    uint64_t any, bit = f->n ? split_var(f, k, &any) : 0;
    if (!bit) { /* empty, or unate without the universal cube: not a tautology */
        *out = 0;
        return 0;
    }
    int rc = 0;
    for (int side = 0; side < 2 && !rc; side++) {
        fsq__bcover h = {0};
        rc = cofactor(f, bit, side ? bit : 0, &h);
        if (!rc)
            rc = tautology_rec(&h, k, out);
        fsq__bcover_free(&h);
        if (!rc && !*out)
            break;
    }
    return rc;
}

int fsq__bcubes_cover_cube(const fsq__bcube *f, size_t n, fsq__bcube q, size_t k, int *covered)
{
    fsq__bcover h = {0};
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++)
        if (fsq__bcube_meets(f[i], q))
            rc = fsq__bcover_push(&h, (fsq__bcube){f[i].care & ~q.care, f[i].value & ~q.care});
    if (!rc)
        rc = tautology_rec(&h, k, covered);
    fsq__bcover_free(&h);
    return rc;
}
