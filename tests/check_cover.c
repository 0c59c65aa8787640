/* Tests of the PI-chart cover solver (src/cover).
 *
 * Oracles, all independent of the solver:
 *   - Petrick's method: the product over columns of (sum of the column's
 *     PIs), expanded with absorption into the minimal covers; the products
 *     of the smallest size are the minimum solutions. Their order is then
 *     QCA's (lexicographic on the increasing PI index lists, see cover.c).
 *   - Walking every k-subset in lexicographic order for k = 0, 1, ... and
 *     keeping the covers at the first k that has one: this is literally what
 *     QCA's find_models does, so it gives set and order at once (wide charts).
 *   - QCA 3.23's own solutions in ../shared/reference/qca.
 *   - Small charts worked by hand (limits, errors). */
#include "cover/cover.h"
#include "cover/lp.h"
#include "fsqca/fsqca.h"
#include "test_util.h"

#include <gmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- chart helpers ------------------------------------------------------- */

typedef struct {
    size_t npis, ncols, nwords;
    uint64_t *bits; /* npis x nwords */
} chart;

static chart chart_new(size_t npis, size_t ncols)
{
    chart c;
    c.npis = npis;
    c.ncols = ncols;
    c.nwords = ncols ? (ncols + 63) / 64 : 1;
    c.bits = calloc(npis * c.nwords + 1, sizeof *c.bits);
    ck_assert_ptr_nonnull(c.bits);
    return c;
}

static void chart_set(chart *c, size_t pi, size_t col)
{
    c->bits[pi * c->nwords + col / 64] |= UINT64_C(1) << (col % 64);
}

static int chart_get(const chart *c, size_t pi, size_t col)
{
    return (int)((c->bits[pi * c->nwords + col / 64] >> (col % 64)) & 1);
}

/* The chart as a cover problem (no cap, no limit). */
static fsq__cover_problem lp_problem(const chart *c)
{
    fsq__cover_problem p;
    memset(&p, 0, sizeof p);
    p.npis = c->npis;
    p.ncols = c->ncols;
    p.nwords = c->nwords;
    p.chart = c->bits;
    return p;
}

static int solve(const chart *c, size_t max_solutions, double time_limit, fsq__cover_result *r)
{
    fsq__cover_problem p = lp_problem(c);
    p.max_solutions = max_solutions;
    p.time_limit = time_limit;
    return fsq__cover_solve(&p, r);
}

/* A deterministic 64-bit generator (splitmix64). */
static uint64_t rng_state;
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}
static size_t rng_below(size_t n)
{
    return (size_t)(rng_next() % n);
}

/* ---- oracle solution sets: masks over at most 32 PIs ---------------------- */

typedef struct {
    uint32_t *m;
    size_t n, cap;
} mask_list;

static void ml_push(mask_list *l, uint32_t m)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->m = realloc(l->m, l->cap * sizeof *l->m);
        ck_assert_ptr_nonnull(l->m);
    }
    l->m[l->n++] = m;
}

/* Lexicographic order of the increasing index lists of two equal-size sets:
 * the first differing position is decided by the smallest element of the
 * symmetric difference; the set holding it comes first. */
static int mask_lex_cmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    uint32_t d = x ^ y;
    if (!d)
        return 0;
    return (x & d & (~d + 1)) ? -1 : 1;
}

/* Petrick: minimal covers by absorption, then the smallest ones in order. */
static mask_list petrick(const uint32_t *colpis, size_t ncols)
{
    mask_list cur = {0}, nxt = {0};
    ml_push(&cur, 0);
    for (size_t c = 0; c < ncols; c++) {
        nxt.n = 0;
        for (size_t i = 0; i < cur.n; i++) {
            uint32_t prod = cur.m[i];
            if (prod & colpis[c]) {
                ml_push(&nxt, prod); /* absorbs every extension */
                continue;
            }
            for (uint32_t s = colpis[c]; s; s &= s - 1)
                ml_push(&nxt, prod | (s & (~s + 1)));
        }
        /* Absorption: drop duplicates and supersets of other products. */
        cur.n = 0;
        for (size_t i = 0; i < nxt.n; i++) {
            int keep = 1;
            for (size_t j = 0; j < nxt.n && keep; j++) {
                if (i == j)
                    continue;
                uint32_t a = nxt.m[i], b = nxt.m[j];
                if ((b & ~a) == 0 && (a != b || j < i))
                    keep = 0;
            }
            if (keep)
                ml_push(&cur, nxt.m[i]);
        }
    }
    free(nxt.m);
    int best = 99;
    for (size_t i = 0; i < cur.n; i++)
        if (__builtin_popcount(cur.m[i]) < best)
            best = __builtin_popcount(cur.m[i]);
    size_t o = 0;
    for (size_t i = 0; i < cur.n; i++)
        if (__builtin_popcount(cur.m[i]) == best)
            cur.m[o++] = cur.m[i];
    cur.n = o;
    qsort(cur.m, cur.n, sizeof *cur.m, mask_lex_cmp);
    return cur;
}

/* QCA's walk: k-subsets in lexicographic order, first k with covers. */
static mask_list combination_walk(const chart *c)
{
    mask_list out = {0};
    size_t n = c->npis, idx[32];
    for (size_t k = 0; k <= n && out.n == 0; k++) {
        for (size_t i = 0; i < k; i++)
            idx[i] = i;
        for (;;) {
            int covers = 1;
            for (size_t col = 0; col < c->ncols && covers; col++) {
                int hit = 0;
                for (size_t i = 0; i < k && !hit; i++)
                    hit = chart_get(c, idx[i], col);
                covers = hit;
            }
            if (covers) {
                uint32_t m = 0;
                for (size_t i = 0; i < k; i++)
                    m |= UINT32_C(1) << idx[i];
                ml_push(&out, m);
            }
            size_t i = k;
            while (i > 0 && idx[i - 1] == n - k + i - 1)
                i--;
            if (i == 0)
                break;
            idx[i - 1]++;
            for (size_t j = i; j < k; j++)
                idx[j] = idx[j - 1] + 1;
        }
    }
    return out;
}

/* Checks a solver result against an ordered oracle list of PI masks. */
static void assert_matches(const chart *c, const fsq__cover_result *r, const mask_list *want,
                           const char *what)
{
    ck_assert_msg(r->nsolutions == want->n, "%s: %zu solutions, oracle %zu", what,
                  r->nsolutions, want->n);
    char count[32];
    snprintf(count, sizeof count, "%zu", want->n);
    ck_assert_msg(r->count && strcmp(r->count, count) == 0, "%s: counted %s, oracle %s", what,
                  r->count ? r->count : "(none)", count);
    uint32_t all = UINT32_MAX;
    for (size_t s = 0; s < r->nsolutions; s++) {
        const size_t *row = r->pis + s * r->size;
        uint32_t m = 0;
        for (size_t i = 0; i < r->size; i++) {
            ck_assert(row[i] < c->npis);
            if (i > 0)
                ck_assert_msg(row[i - 1] < row[i], "%s: row %zu not increasing", what, s);
            m |= UINT32_C(1) << row[i];
        }
        ck_assert_msg(m == want->m[s], "%s: solution %zu is %#x, oracle %#x", what, s, m,
                      want->m[s]);
        for (size_t col = 0; col < c->ncols; col++) {
            int hit = 0;
            for (size_t i = 0; i < r->size && !hit; i++)
                hit = chart_get(c, row[i], col);
            ck_assert_msg(hit, "%s: solution %zu misses column %zu", what, s, col);
        }
        all &= m;
    }
    uint32_t ess = 0;
    for (size_t i = 0; i < r->nessential; i++)
        ess |= UINT32_C(1) << r->essential[i];
    ck_assert_msg(ess == all, "%s: essentials %#x, intersection %#x", what, ess, all);
}

/* A random chart: density per chart, some duplicate PI rows and columns. */
static chart random_chart(size_t npis, size_t ncols)
{
    chart c = chart_new(npis, ncols);
    unsigned density = 10 + (unsigned)rng_below(60); /* percent */
    for (size_t i = 0; i < npis; i++)
        for (size_t j = 0; j < ncols; j++)
            if (rng_below(100) < density)
                chart_set(&c, i, j);
    if (npis > 1 && rng_below(3) == 0) { /* duplicate a PI row */
        size_t from = rng_below(npis), to = rng_below(npis);
        memcpy(c.bits + to * c.nwords, c.bits + from * c.nwords, c.nwords * sizeof *c.bits);
    }
    if (ncols > 1 && rng_below(3) == 0) { /* duplicate a column */
        size_t from = rng_below(ncols), to = rng_below(ncols);
        for (size_t i = 0; i < npis; i++) {
            c.bits[i * c.nwords + to / 64] &= ~(UINT64_C(1) << (to % 64));
            if (chart_get(&c, i, from))
                chart_set(&c, i, to);
        }
    }
    /* Mostly solvable: give an empty column a PI, except now and then. */
    for (size_t j = 0; j < ncols; j++) {
        int any = 0;
        for (size_t i = 0; i < npis; i++)
            any |= chart_get(&c, i, j);
        if (!any && npis > 0 && rng_below(10) != 0)
            chart_set(&c, rng_below(npis), j);
    }
    return c;
}

static void column_masks(const chart *c, uint32_t *colpis)
{
    for (size_t j = 0; j < c->ncols; j++) {
        colpis[j] = 0;
        for (size_t i = 0; i < c->npis; i++)
            if (chart_get(c, i, j))
                colpis[j] |= UINT32_C(1) << i;
    }
}

/* ---- random charts against Petrick ---------------------------------------- */

START_TEST(test_cover__random_charts_match_petrick)
{
    rng_state = 12345;
    size_t checked = 0, nosolution = 0;
    for (int iter = 0; iter < 4000; iter++) {
        size_t npis = 1 + rng_below(14), ncols = rng_below(13);
        chart c = random_chart(npis, ncols);
        uint32_t colpis[16];
        column_masks(&c, colpis);
        mask_list want = petrick(colpis, ncols);
        fsq__cover_result r;
        int rc = solve(&c, 0, 0, &r);
        char what[64];
        snprintf(what, sizeof what, "chart %d (%zu x %zu)", iter, npis, ncols);
        if (want.n == 0) {
            ck_assert_msg(rc == FSQ_ENOSOLUTION, "%s: rc %d, expected no solution", what, rc);
            nosolution++;
        } else {
            ck_assert_msg(rc == 0, "%s: rc %d (%s)", what, rc, fsq_last_error());
            assert_matches(&c, &r, &want, what);
            checked++;
        }
        fsq__cover_result_free(&r);
        free(want.m);
        free(c.bits);
    }
    printf("cover: %zu random charts matched Petrick, %zu without a solution\n", checked,
           nosolution);
    ck_assert(checked > 3000 && nosolution > 10);
}
END_TEST

/* Wide charts (several column words) against QCA's combination walk. */
START_TEST(test_cover__wide_charts_match_combination_walk)
{
    rng_state = 777;
    for (int iter = 0; iter < 300; iter++) {
        size_t npis = 2 + rng_below(11), ncols = 60 + rng_below(140);
        chart c = random_chart(npis, ncols);
        /* Sparse chart so the minimum is not tiny. */
        mask_list want = combination_walk(&c);
        fsq__cover_result r;
        int rc = solve(&c, 0, 0, &r);
        char what[64];
        snprintf(what, sizeof what, "wide chart %d (%zu x %zu)", iter, npis, ncols);
        if (want.n == 0) {
            ck_assert_int_eq(rc, FSQ_ENOSOLUTION);
        } else {
            ck_assert_msg(rc == 0, "%s: rc %d (%s)", what, rc, fsq_last_error());
            assert_matches(&c, &r, &want, what);
        }
        fsq__cover_result_free(&r);
        free(want.m);
        free(c.bits);
    }
}
END_TEST

/* Many PIs (several PI words) in independent blocks: the minimum solutions
 * are the products of each block's (Petrick) solutions, in lexicographic
 * order of the merged index lists. PI and column numbers are shuffled so the
 * blocks interleave. */
typedef struct {
    size_t *rows;
    size_t n, k;
} row_list;

static size_t cmp_k;
static int cmp_rows(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    for (size_t i = 0; i < cmp_k; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}
static int cmp_sz(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static void shuffle(size_t *v, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = rng_below(i), t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

static int lex_less(const size_t *a, const size_t *b, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (a[i] != b[i])
            return a[i] < b[i];
    return 0;
}

START_TEST(test_cover__interleaved_blocks_match_product_of_petrick)
{
    rng_state = 4242;
    for (int iter = 0; iter < 150; iter++) {
        size_t nblocks = 2 + rng_below(12), npis = 0, ncols = 0;
        size_t bp[16], bc[16];
        for (size_t b = 0; b < nblocks; b++) {
            bp[b] = 1 + rng_below(9);
            bc[b] = 1 + rng_below(7);
            npis += bp[b];
            ncols += bc[b];
        }
        size_t *pperm = malloc(npis * sizeof *pperm), *cperm = malloc(ncols * sizeof *cperm);
        for (size_t i = 0; i < npis; i++)
            pperm[i] = i;
        for (size_t j = 0; j < ncols; j++)
            cperm[j] = j;
        shuffle(pperm, npis);
        shuffle(cperm, ncols);
        chart c = chart_new(npis, ncols);
        row_list prod = {malloc(sizeof(size_t)), 1, 0};
        size_t po = 0, co = 0;
        mpz_t count; /* product of the blocks' Petrick counts */
        mpz_init_set_ui(count, 1);
        int too_many = 0;
        for (size_t b = 0; b < nblocks; b++) {
            chart sub = random_chart(bp[b], bc[b]);
            for (size_t j = 0; j < bc[b]; j++) { /* keep every block solvable */
                int any = 0;
                for (size_t i = 0; i < bp[b]; i++)
                    any |= chart_get(&sub, i, j);
                if (!any)
                    chart_set(&sub, rng_below(bp[b]), j);
            }
            for (size_t i = 0; i < bp[b]; i++)
                for (size_t j = 0; j < bc[b]; j++)
                    if (chart_get(&sub, i, j))
                        chart_set(&c, pperm[po + i], cperm[co + j]);
            uint32_t colpis[16];
            column_masks(&sub, colpis);
            mask_list sols = petrick(colpis, bc[b]);
            size_t kb = (size_t)__builtin_popcount(sols.m[0]);
            mpz_mul_ui(count, count, (unsigned long)sols.n);
            if (prod.n * sols.n > 20000)
                too_many = 1;
            if (!too_many) {
                row_list nx = {malloc((prod.n * sols.n * (prod.k + kb) + 1) * sizeof(size_t)),
                               prod.n * sols.n, prod.k + kb};
                for (size_t a = 0; a < prod.n; a++)
                    for (size_t s = 0; s < sols.n; s++) {
                        size_t *row = nx.rows + (a * sols.n + s) * nx.k;
                        memcpy(row, prod.rows + a * prod.k, prod.k * sizeof *row);
                        size_t o = prod.k;
                        for (size_t i = 0; i < bp[b]; i++)
                            if (sols.m[s] >> i & 1)
                                row[o++] = pperm[po + i];
                    }
                free(prod.rows);
                prod = nx;
            }
            free(sols.m);
            free(sub.bits);
            po += bp[b];
            co += bc[b];
        }
        fsq__cover_result r;
        size_t cap = too_many ? 1 + rng_below(300) : 0;
        int rc = solve(&c, cap, 0, &r);
        ck_assert_msg(rc == 0, "blocks %d: rc %d (%s)", iter, rc, fsq_last_error());
        char *want_count = mpz_get_str(NULL, 10, count);
        ck_assert_str_eq(r.count, want_count);
        free(want_count);
        mpz_clear(count);
        if (too_many) {
            /* Listed: cap rows, increasing, lexicographically increasing. */
            ck_assert_uint_eq(r.nsolutions, cap);
            for (size_t a = 1; a < r.nsolutions; a++)
                ck_assert(lex_less(r.pis + (a - 1) * r.size, r.pis + a * r.size, r.size));
        }
        if (!too_many) {
            for (size_t a = 0; a < prod.n; a++)
                qsort(prod.rows + a * prod.k, prod.k, sizeof(size_t), cmp_sz);
            cmp_k = prod.k;
            qsort(prod.rows, prod.n, prod.k * sizeof(size_t), cmp_rows);
            ck_assert_uint_eq(r.nsolutions, prod.n);
            ck_assert_uint_eq(r.size, prod.k);
            ck_assert_msg(memcmp(r.pis, prod.rows, prod.n * prod.k * sizeof(size_t)) == 0,
                          "blocks %d: solutions differ from the product", iter);
            /* Essentials: PIs in every product row. */
            size_t ness = 0;
            for (size_t i = 0; i < npis; i++) {
                size_t hits = 0;
                for (size_t a = 0; a < prod.n; a++)
                    for (size_t t = 0; t < prod.k; t++)
                        hits += prod.rows[a * prod.k + t] == i;
                if (hits == prod.n) {
                    ck_assert_uint_lt(ness, r.nessential);
                    ck_assert_uint_eq(r.essential[ness], i);
                    ness++;
                }
            }
            ck_assert_uint_eq(ness, r.nessential);
            /* A cap lists the first rows of the same order, same essentials. */
            fsq__cover_result capped;
            size_t first = 1 + rng_below(prod.n);
            ck_assert_int_eq(solve(&c, first, 0, &capped), 0);
            ck_assert_uint_eq(capped.nsolutions, first);
            ck_assert_str_eq(capped.count, r.count);
            ck_assert(memcmp(capped.pis, prod.rows, first * prod.k * sizeof(size_t)) == 0);
            ck_assert_uint_eq(capped.nessential, r.nessential);
            ck_assert(memcmp(capped.essential, r.essential, ness * sizeof(size_t)) == 0);
            fsq__cover_result_free(&capped);
        }
        fsq__cover_result_free(&r);
        free(prod.rows);
        free(c.bits);
        free(pperm);
        free(cperm);
    }
}
END_TEST

/* ---- QCA's reference charts ------------------------------------------------ */

static int name_index(cJSON *names, const char *name)
{
    int i = 0;
    cJSON *it;
    cJSON_ArrayForEach(it, names)
    {
        if (cJSON_IsString(it) && strcmp(it->valuestring, name) == 0)
            return i;
        i++;
    }
    return -1;
}

/* Solves one chart object (prime_implicants, pi_chart, pi_chart_columns,
 * solutions, essential) and compares with QCA. */
static void check_reference_chart(cJSON *e, const char *where)
{
    cJSON *pis = cJSON_GetObjectItem(e, "prime_implicants");
    cJSON *pic = cJSON_GetObjectItem(e, "pi_chart");
    cJSON *cols = cJSON_GetObjectItem(e, "pi_chart_columns");
    cJSON *sols = cJSON_GetObjectItem(e, "solutions");
    cJSON *ess = cJSON_GetObjectItem(e, "essential");
    ck_assert_msg(pis && pic && cols && sols && ess, "%s: missing keys", where);
    size_t npis = (size_t)cJSON_GetArraySize(pis), ncols = (size_t)cJSON_GetArraySize(cols);
    chart c = chart_new(npis, ncols);
    for (size_t i = 0; i < npis; i++) {
        const char *name = cJSON_GetArrayItem(pis, (int)i)->valuestring;
        cJSON *covered = cJSON_GetObjectItem(pic, name), *id;
        ck_assert_msg(covered != NULL, "%s: no chart row for %s", where, name);
        cJSON_ArrayForEach(id, covered)
        {
            size_t j = 0;
            while (j < ncols && cJSON_GetArrayItem(cols, (int)j)->valuedouble != id->valuedouble)
                j++;
            ck_assert_msg(j < ncols, "%s: column %g unknown", where, id->valuedouble);
            chart_set(&c, i, j);
        }
    }
    fsq__cover_result r;
    int rc = solve(&c, 0, 0, &r);
    ck_assert_msg(rc == 0, "%s: rc %d (%s)", where, rc, fsq_last_error());
    ck_assert_msg(r.nsolutions == (size_t)cJSON_GetArraySize(sols), "%s: %zu solutions, QCA %d",
                  where, r.nsolutions, cJSON_GetArraySize(sols));
    for (size_t s = 0; s < r.nsolutions; s++) {
        cJSON *sol = cJSON_GetArrayItem(sols, (int)s);
        ck_assert_msg((size_t)cJSON_GetArraySize(sol) == r.size, "%s: solution %zu size", where,
                      s + 1);
        for (size_t t = 0; t < r.size; t++) {
            const char *want = cJSON_GetArrayItem(sol, (int)t)->valuestring;
            const char *got = cJSON_GetArrayItem(pis, (int)r.pis[s * r.size + t])->valuestring;
            ck_assert_msg(strcmp(want, got) == 0, "%s: solution %zu term %zu is %s, QCA %s",
                          where, s + 1, t + 1, got, want);
        }
    }
    ck_assert_msg(r.nessential == (size_t)cJSON_GetArraySize(ess), "%s: %zu essentials, QCA %d",
                  where, r.nessential, cJSON_GetArraySize(ess));
    cJSON *it;
    cJSON_ArrayForEach(it, ess)
    {
        int idx = name_index(pis, it->valuestring);
        int found = 0;
        for (size_t i = 0; i < r.nessential; i++)
            found |= idx >= 0 && r.essential[i] == (size_t)idx;
        ck_assert_msg(found, "%s: essential %s missing", where, it->valuestring);
    }
    fsq__cover_result_free(&r);
    free(c.bits);
}

START_TEST(test_cover__reference_solutions_and_order_match_qca)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared) {
        printf("cover: ../shared absent, QCA reference test skipped\n");
        return;
    }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/reference/qca", shared);
    char **files;
    size_t nfiles = fsq_test_list_dir(dir, ".json", &files), nfile_charts = 0, ncharts = 0;
    for (size_t f = 0; f < nfiles; f++) {
        cJSON *j = fsq_test_load_json(files[f]);
        ck_assert_msg(j != NULL, "cannot read %s", files[f]);
        if (!cJSON_GetObjectItem(j, "error")) {
            int counted = 0;
            if (cJSON_GetObjectItem(j, "pi_chart")) {
                check_reference_chart(j, files[f]);
                counted = 1;
                ncharts++;
            }
            cJSON *inter = cJSON_GetObjectItem(j, "intermediate"), *e;
            cJSON_ArrayForEach(e, inter)
            {
                if (!cJSON_GetObjectItem(e, "pi_chart"))
                    continue;
                char where[1200];
                cJSON *key = cJSON_GetObjectItem(e, "key");
                snprintf(where, sizeof where, "%s [%s]", files[f],
                         key && cJSON_IsString(key) ? key->valuestring : "?");
                check_reference_chart(e, where);
                counted = 1;
                ncharts++;
            }
            nfile_charts += (size_t)counted;
        }
        cJSON_Delete(j);
    }
    fsq_test_free_list(files, nfiles);
    printf("cover: %zu QCA reference charts from %zu files matched (solutions, order, "
           "essentials)\n",
           ncharts, nfile_charts);
    ck_assert(ncharts > 0);
}
END_TEST

/* ---- limits, errors, edge cases (worked by hand) ---------------------------- */

/* Four columns, each with three PIs of its own (PI 3j+t covers column j):
 * every minimum solution takes one PI per column, 3^4 = 81 of them, size 4. */
static chart private_pis_chart(void)
{
    chart c = chart_new(12, 4);
    for (size_t j = 0; j < 4; j++)
        for (size_t t = 0; t < 3; t++)
            chart_set(&c, 3 * j + t, j);
    return c;
}

START_TEST(test_cover__listing_cap_lists_first_and_counts_all)
{
    chart c = private_pis_chart();
    fsq__cover_result r;
    /* Cap 10: the first 10 of the 81 in lexicographic order, counted 81.
     * By hand: {0,3,6,9}, {0,3,6,10}, {0,3,6,11}, {0,3,7,9}, ... the 10th
     * is {0,4,6,9} (the 4th PI runs fastest, then the 3rd, ...). */
    ck_assert_int_eq(solve(&c, 10, 0, &r), 0);
    ck_assert_uint_eq(r.nsolutions, 10);
    ck_assert_str_eq(r.count, "81");
    size_t tenth[4] = {0, 4, 6, 9};
    ck_assert_mem_eq(r.pis + 9 * 4, tenth, sizeof tenth);
    ck_assert_uint_eq(r.nessential, 0);
    fsq__cover_result_free(&r);

    ck_assert_int_eq(solve(&c, 81, 0, &r), 0);
    ck_assert_uint_eq(r.nsolutions, 81);
    ck_assert_str_eq(r.count, "81");
    ck_assert_uint_eq(r.size, 4);
    ck_assert_uint_eq(r.nessential, 0);
    /* First and last in lexicographic order: {0,3,6,9} and {2,5,8,11}. */
    ck_assert_uint_eq(r.pis[0], 0);
    ck_assert_uint_eq(r.pis[3], 9);
    ck_assert_uint_eq(r.pis[80 * 4], 2);
    ck_assert_uint_eq(r.pis[80 * 4 + 3], 11);
    fsq__cover_result_free(&r);
    free(c.bits);

    /* One block: a 6-cycle, PI i covers columns i and i+1 (mod 6). The
     * minimum is 3 and exactly {0,2,4} and {1,3,5} reach it. */
    chart ring = chart_new(6, 6);
    for (size_t i = 0; i < 6; i++) {
        chart_set(&ring, i, i);
        chart_set(&ring, i, (i + 1) % 6);
    }
    ck_assert_int_eq(solve(&ring, 1, 0, &r), 0);
    ck_assert_uint_eq(r.nsolutions, 1);
    ck_assert_str_eq(r.count, "2");
    ck_assert_uint_eq(r.nessential, 0); /* {0,2,4} alone would say all three */
    fsq__cover_result_free(&r);
    ck_assert_int_eq(solve(&ring, 2, 0, &r), 0);
    ck_assert_uint_eq(r.nsolutions, 2);
    size_t want[6] = {0, 2, 4, 1, 3, 5};
    ck_assert_mem_eq(r.pis, want, sizeof want);
    fsq__cover_result_free(&r);
    free(ring.bits);

    /* 40 blocks of 3 private PIs: 3^40 = 12157665459056928801 minimum
     * covers (worked with bc), counted exactly, 5 listed. */
    chart big = chart_new(120, 40);
    for (size_t j = 0; j < 40; j++)
        for (size_t t = 0; t < 3; t++)
            chart_set(&big, 3 * j + t, j);
    ck_assert_int_eq(solve(&big, 5, 0, &r), 0);
    ck_assert_str_eq(r.count, "12157665459056928801");
    ck_assert_uint_eq(r.nsolutions, 5);
    ck_assert_uint_eq(r.size, 40);
    ck_assert_uint_eq(r.pis[4 * 40 + 39], 3 * 39 + 1); /* 5th: ..., 114, 118 */
    ck_assert_uint_eq(r.pis[4 * 40 + 38], 3 * 38 + 1);
    fsq__cover_result_free(&r);
    free(big.bits);
}
END_TEST

START_TEST(test_cover__time_limit_reports_option)
{
    chart c = private_pis_chart();
    fsq__cover_result r;
    ck_assert_int_eq(solve(&c, 0, 1e-12, &r), FSQ_ELIMIT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "--time-limit"));
    fsq__cover_result_free(&r);
    free(c.bits);
}
END_TEST

START_TEST(test_cover__uncovered_column_has_no_solution)
{
    chart c = chart_new(3, 4);
    chart_set(&c, 0, 0);
    chart_set(&c, 1, 1);
    chart_set(&c, 2, 3); /* column 2: no PI */
    fsq__cover_result r;
    ck_assert_int_eq(solve(&c, 0, 0, &r), FSQ_ENOSOLUTION);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "column 2"));
    fsq__cover_result_free(&r);
    free(c.bits);

    chart none = chart_new(0, 2);
    ck_assert_int_eq(solve(&none, 0, 0, &r), FSQ_ENOSOLUTION);
    fsq__cover_result_free(&r);
    free(none.bits);
}
END_TEST

START_TEST(test_cover__no_columns_gives_one_empty_solution)
{
    chart c = chart_new(3, 0);
    fsq__cover_result r;
    ck_assert_int_eq(solve(&c, 0, 0, &r), 0);
    ck_assert_uint_eq(r.nsolutions, 1);
    ck_assert_uint_eq(r.size, 0);
    ck_assert_uint_eq(r.nessential, 0);
    fsq__cover_result_free(&r);
    free(c.bits);
}
END_TEST

/* Essentials and dominance by hand: columns {a:0}, {b:1,2}, {c:1,2,3}.
 * PI 0 is essential; column c is dominated by b; minimum size 2,
 * solutions {0,1} and {0,2}; essential {0}. Stray bits past ncols in the
 * last word are ignored. */
START_TEST(test_cover__essential_and_dominated_columns)
{
    chart c = chart_new(4, 3);
    chart_set(&c, 0, 0);
    chart_set(&c, 1, 1);
    chart_set(&c, 2, 1);
    chart_set(&c, 1, 2);
    chart_set(&c, 2, 2);
    chart_set(&c, 3, 2);
    c.bits[3] |= UINT64_C(1) << 40; /* PI 3, beyond column 2: ignored */
    fsq__cover_result r;
    ck_assert_int_eq(solve(&c, 0, 0, &r), 0);
    ck_assert_uint_eq(r.nsolutions, 2);
    ck_assert_uint_eq(r.size, 2);
    size_t want[4] = {0, 1, 0, 2};
    ck_assert_mem_eq(r.pis, want, sizeof want);
    ck_assert_uint_eq(r.nessential, 1);
    ck_assert_uint_eq(r.essential[0], 0);
    fsq__cover_result_free(&r);
    free(c.bits);
}
END_TEST


/* ---- LP relaxation --------------------------------------------------------- */

/* Weak duality's condition: every PI's load under y is at most 1. */
static void check_loads(const chart *c, const double *y, int iter)
{
    for (size_t i = 0; i < c->npis; i++) {
        double load = 0;
        for (size_t j = 0; j < c->ncols; j++)
            if (chart_get(c, i, j))
                load += y[j];
        ck_assert_msg(load <= 1 + 1e-9, "chart %d: PI %zu has dual load %g", iter, i, load);
    }
}

/* The LP bound never exceeds the true minimum (Petrick's smallest product),
 * and the duals prove it: y >= 0, every PI's load sum_{c in i} y_c <= 1
 * (weak duality), and sum y_c = the value returned; half of the charts go
 * through the sifting that large charts take (lp.c). A chart whose columns
 * are pairwise PI-disjoint has LP value = minimum = ncols (worked by hand:
 * each column needs its own PI). */
START_TEST(test_cover__lp_bound_never_exceeds_minimum)
{
    rng_state = 4242;
    size_t checked = 0, tight = 0;
    for (int iter = 0; iter < 3000; iter++) {
        size_t npis = 1 + rng_below(14), ncols = 1 + rng_below(12);
        chart c = random_chart(npis, ncols);
        uint32_t colpis[16];
        column_masks(&c, colpis);
        mask_list want = petrick(colpis, ncols);
        fsq__cover_problem p = lp_problem(&c);
        double value = -1, duals[16];
        size_t sift = fsq__cover_lp_sift_pis;
        if (iter % 2)
            fsq__cover_lp_sift_pis = 0; /* half of them by sifting */
        int rc = fsq__cover_lp(&p, &value, duals);
        fsq__cover_lp_sift_pis = sift;
        if (want.n == 0) {
            ck_assert_msg(rc == FSQ_ENOSOLUTION, "chart %d: rc %d, expected no solution", iter,
                          rc);
        } else {
            ck_assert_msg(rc == 0, "chart %d: rc %d (%s)", iter, rc, fsq_last_error());
            size_t minimum = (size_t)__builtin_popcount(want.m[0]);
            size_t bound = fsq__cover_lp_bound(value);
            ck_assert_msg(bound <= minimum, "chart %d: LP bound %zu (%.9f) > minimum %zu", iter,
                          bound, value, minimum);
            ck_assert_msg(bound >= 1, "chart %d: LP bound 0 with %zu columns", iter, ncols);
            double sum = 0;
            for (size_t j = 0; j < ncols; j++) {
                ck_assert(duals[j] >= 0);
                sum += duals[j];
            }
            ck_assert_msg(sum > value - 1e-9 && sum < value + 1e-9, "chart %d: duals sum %g, "
                          "value %g", iter, sum, value);
            check_loads(&c, duals, iter);
            checked++;
            tight += bound == minimum;
        }
        free(want.m);
        free(c.bits);
    }
    printf("cover LP: %zu charts, bound <= minimum on all, tight on %zu\n", checked, tight);
    ck_assert(checked > 2500 && tight > checked / 2);

    chart d = chart_new(6, 3); /* columns {0,1}, {2,3}, {4,5}: disjoint */
    for (size_t j = 0; j < 3; j++) {
        chart_set(&d, 2 * j, j);
        chart_set(&d, 2 * j + 1, j);
    }
    fsq__cover_problem p = lp_problem(&d);
    double value = 0;
    ck_assert_int_eq(fsq__cover_lp(&p, &value, NULL), 0);
    ck_assert_uint_eq(fsq__cover_lp_bound(value), 3);
    free(d.bits);
}
END_TEST

/* Sifting (the LP over working sets of PIs, for large charts) reaches the
 * value of one simplex over the whole chart, with duals feasible for every
 * PI, on random charts of up to 600 PIs. */
START_TEST(test_cover__sifted_lp_matches_one_simplex)
{
    rng_state = 777;
    size_t rounds = 0;
    for (int iter = 0; iter < 200; iter++) {
        size_t npis = 20 + rng_below(580), ncols = 5 + rng_below(60);
        chart c = random_chart(npis, ncols);
        fsq__cover_problem p = lp_problem(&c);
        double whole = -1, sifted = -1, *y = malloc(ncols * sizeof *y);
        size_t sift = fsq__cover_lp_sift_pis;
        fsq__cover_lp_sift_pis = SIZE_MAX;
        int rc1 = fsq__cover_lp(&p, &whole, NULL);
        fsq__cover_lp_sift_pis = 0;
        int rc2 = fsq__cover_lp(&p, &sifted, y);
        fsq__cover_lp_sift_pis = sift;
        ck_assert_int_eq(rc1, rc2);
        if (rc1 == 0) {
            ck_assert_msg(sifted > whole - 1e-6 && sifted < whole + 1e-6,
                          "chart %d (%zu x %zu): sifted %.9f, one simplex %.9f", iter, npis,
                          ncols, sifted, whole);
            check_loads(&c, y, iter);
            rounds++;
        } else {
            ck_assert_int_eq(rc1, FSQ_ENOSOLUTION);
        }
        free(y);
        free(c.bits);
    }
    printf("cover LP: %zu charts sifted to the value of one simplex\n", rounds);
    ck_assert_uint_gt(rounds, 150);
}
END_TEST

static Suite *fsq_cover_suite(void)
{
    Suite *s = suite_create("cover");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_cover__random_charts_match_petrick);
    tcase_add_test(tc, test_cover__wide_charts_match_combination_walk);
    tcase_add_test(tc, test_cover__interleaved_blocks_match_product_of_petrick);
    tcase_add_test(tc, test_cover__reference_solutions_and_order_match_qca);
    tcase_add_test(tc, test_cover__listing_cap_lists_first_and_counts_all);
    tcase_add_test(tc, test_cover__time_limit_reports_option);
    tcase_add_test(tc, test_cover__uncovered_column_has_no_solution);
    tcase_add_test(tc, test_cover__no_columns_gives_one_empty_solution);
    tcase_add_test(tc, test_cover__essential_and_dominated_columns);
    tcase_add_test(tc, test_cover__lp_bound_never_exceeds_minimum);
    tcase_add_test(tc, test_cover__sifted_lp_matches_one_simplex);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_cover_suite());
}
