/* Prime implicant search: brute-force oracle, the DESIGN.md example, and
 * QCA 3.23's reference prime implicants.
 *
 * The oracles here share no code with src/prime/: the set of prime
 * implicants comes from a dynamic programme over every cube of a small
 * space, and the order from a literal transcription of QCA's own loops (its
 * pairwise Quine-McCluskey for the EXPLICIT list and its selection sorts for
 * the final order; CCubes' discovery order for REMAINDERS). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsqca/fsqca.h"
#include "prime/prime.h"
#include "test_util.h"

#define DASH FSQ__DASH

enum { ST_REM = 0, ST_ON, ST_OFF, ST_DC };

/* ---- problems ---------------------------------------------------------- */

typedef struct {
    size_t k;
    unsigned char levels[16];
    int mode;
    size_t non, noff, ndc;
    unsigned char *on, *off, *dc;
} problem;

static void problem_free(problem *pr)
{
    free(pr->on);
    free(pr->off);
    free(pr->dc);
    memset(pr, 0, sizeof *pr);
}

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static size_t space_size(const problem *pr)
{
    size_t n = 1;
    for (size_t j = 0; j < pr->k; j++)
        n *= pr->levels[j];
    return n;
}

/* Configuration number idx as digits, first condition most significant. */
static void decode(const problem *pr, size_t idx, unsigned char *cfg)
{
    for (size_t j = pr->k; j-- > 0;) {
        cfg[j] = (unsigned char)(idx % pr->levels[j]);
        idx /= pr->levels[j];
    }
}

static size_t encode(const problem *pr, const unsigned char *cfg)
{
    size_t idx = 0;
    for (size_t j = 0; j < pr->k; j++)
        idx = idx * pr->levels[j] + cfg[j];
    return idx;
}

static void shuffle(unsigned char *rows, size_t n, size_t k, uint64_t *s)
{
    unsigned char tmp[64];
    for (size_t i = n; i > 1; i--) {
        size_t j = rng_next(s) % i;
        memcpy(tmp, rows + (i - 1) * k, k);
        memcpy(rows + (i - 1) * k, rows + j * k, k);
        memcpy(rows + j * k, tmp, k);
    }
}

/* A random problem: every configuration is ON, OFF, dc or a remainder. */
static void random_problem(problem *pr, uint64_t seed, int mode)
{
    uint64_t s = seed;
    memset(pr, 0, sizeof *pr);
    pr->mode = mode;
    int multi = rng_next(&s) % 2;
    size_t maxk = multi ? 6 : 10;
    pr->k = 1 + rng_next(&s) % maxk;
    for (size_t j = 0; j < pr->k; j++)
        pr->levels[j] = multi ? (unsigned char)(2 + rng_next(&s) % 3) : 2;
    size_t n = space_size(pr);
    /* EXPLICIT: keep ON u dc small enough for the quadratic QCA oracle. */
    double p_on = 0.05 + (double)(rng_next(&s) % 50) / 100.0;
    double p_off = (double)(rng_next(&s) % 60) / 100.0;
    if (mode == FSQ__PI_EXPLICIT && p_on * n > 120)
        p_on = 120.0 / n;
    double p_dc = mode == FSQ__PI_EXPLICIT ? p_on * (double)(rng_next(&s) % 100) / 100.0 : 0;
    pr->on = malloc(n * pr->k);
    pr->off = malloc(n * pr->k);
    pr->dc = malloc(n * pr->k);
    unsigned char cfg[16];
    for (size_t idx = 0; idx < n; idx++) {
        double u = (double)(rng_next(&s) >> 11) / 9007199254740992.0;
        decode(pr, idx, cfg);
        if (u < p_on)
            memcpy(pr->on + pr->non++ * pr->k, cfg, pr->k);
        else if (mode == FSQ__PI_REMAINDERS && u < p_on + p_off)
            memcpy(pr->off + pr->noff++ * pr->k, cfg, pr->k);
        else if (mode == FSQ__PI_EXPLICIT && u < p_on + p_dc)
            memcpy(pr->dc + pr->ndc++ * pr->k, cfg, pr->k);
    }
    if (pr->non == 0) {
        decode(pr, n - 1, cfg);
        /* Move the last configuration to ON, wherever it was. */
        for (size_t i = 0; i < pr->noff; i++)
            if (memcmp(pr->off + i * pr->k, cfg, pr->k) == 0)
                memcpy(pr->off + i * pr->k, pr->off + --pr->noff * pr->k, pr->k);
        for (size_t i = 0; i < pr->ndc; i++)
            if (memcmp(pr->dc + i * pr->k, cfg, pr->k) == 0)
                memcpy(pr->dc + i * pr->k, pr->dc + --pr->ndc * pr->k, pr->k);
        memcpy(pr->on, cfg, pr->k);
        pr->non = 1;
    }
    shuffle(pr->on, pr->non, pr->k, &s);
    shuffle(pr->off, pr->noff, pr->k, &s);
    shuffle(pr->dc, pr->ndc, pr->k, &s);
}

static int run_problem(const problem *pr, int threads, fsq__pi_result *res)
{
    fsq__pi_problem p;
    memset(&p, 0, sizeof p);
    p.k = pr->k;
    p.levels = pr->levels;
    p.mode = pr->mode;
    p.non = pr->non;
    p.on = pr->on;
    p.noff = pr->noff;
    p.off = pr->off;
    p.ndc = pr->ndc;
    p.dc = pr->dc;
    p.threads = threads;
    return fsq__prime_implicants(&p, res);
}

/* ---- oracle 1: the set of prime implicants, by brute force -------------- */

/* Every cube of the space, numbered in base (levels + 1), digit levels[j]
 * meaning free. bad = the cube holds a configuration it must not (OFF for
 * REMAINDERS; anything outside ON u dc for EXPLICIT); on = it holds an ON
 * configuration. A cube with a free condition j is the union of the cubes
 * with j fixed, which have smaller numbers: one pass in increasing order.
 * Returns the list of prime implicants (cube digits, DASH = free) that hold
 * an ON configuration, in cube-number order; *with_dc_only also gets the
 * primes holding no ON configuration (for the QMC oracle). */
typedef struct {
    size_t n;
    unsigned char *cubes;
} cube_set;

static void cube_set_free(cube_set *c)
{
    free(c->cubes);
    c->cubes = NULL;
    c->n = 0;
}

static int cube_set_has(const cube_set *c, const unsigned char *cube, size_t k)
{
    for (size_t i = 0; i < c->n; i++)
        if (memcmp(c->cubes + i * k, cube, k) == 0)
            return 1;
    return 0;
}

static void brute_force_primes(const problem *pr, cube_set *primes, cube_set *all_primes)
{
    const size_t k = pr->k, npoints = space_size(pr);
    size_t ncubes = 1, base[16];
    for (size_t j = k; j-- > 0;) {
        base[j] = ncubes;
        ncubes *= (size_t)pr->levels[j] + 1;
    }
    unsigned char *status = calloc(npoints, 1);
    for (size_t i = 0; i < pr->non; i++)
        status[encode(pr, pr->on + i * k)] = ST_ON;
    for (size_t i = 0; i < pr->noff; i++)
        status[encode(pr, pr->off + i * k)] = ST_OFF;
    for (size_t i = 0; i < pr->ndc; i++)
        status[encode(pr, pr->dc + i * k)] = ST_DC;
    unsigned char *bad = malloc(ncubes), *on = malloc(ncubes);
    unsigned char digits[16];
    for (size_t c = 0; c < ncubes; c++) {
        size_t rest = c, free_j = SIZE_MAX;
        for (size_t j = 0; j < k; j++) {
            digits[j] = (unsigned char)(rest / base[j]);
            rest %= base[j];
            if (digits[j] == pr->levels[j] && free_j == SIZE_MAX)
                free_j = j;
        }
        if (free_j == SIZE_MAX) {
            unsigned char st = status[encode(pr, digits)];
            bad[c] = pr->mode == FSQ__PI_REMAINDERS ? st == ST_OFF : (st != ST_ON && st != ST_DC);
            on[c] = st == ST_ON;
        } else {
            bad[c] = 0;
            on[c] = 0;
            for (size_t v = 0; v < pr->levels[free_j]; v++) {
                size_t sub = c - (pr->levels[free_j] - v) * base[free_j];
                bad[c] |= bad[sub];
                on[c] |= on[sub];
            }
        }
    }
    primes->n = 0;
    primes->cubes = malloc(ncubes * k);
    if (all_primes) {
        all_primes->n = 0;
        all_primes->cubes = malloc(ncubes * k);
    }
    for (size_t c = 0; c < ncubes; c++) {
        if (bad[c])
            continue;
        int prime = 1;
        size_t rest = c;
        for (size_t j = 0; j < k; j++) {
            digits[j] = (unsigned char)(rest / base[j]);
            rest %= base[j];
        }
        for (size_t j = 0; j < k && prime; j++)
            if (digits[j] != pr->levels[j]) {
                size_t up = c + (pr->levels[j] - digits[j]) * base[j];
                if (!bad[up])
                    prime = 0;
            }
        if (!prime)
            continue;
        for (size_t j = 0; j < k; j++)
            if (digits[j] == pr->levels[j])
                digits[j] = DASH;
        if (on[c])
            memcpy(primes->cubes + primes->n++ * k, digits, k);
        if (all_primes)
            memcpy(all_primes->cubes + all_primes->n++ * k, digits, k);
    }
    free(status);
    free(bad);
    free(on);
}

/* ---- oracle 2: QCA's order, transcribed from its loops ------------------ */

static int qv(const unsigned char *cube, size_t j)
{
    return cube[j] == DASH ? 0 : cube[j] + 1;
}

static int nlits(const unsigned char *cube, size_t k)
{
    int n = 0;
    for (size_t j = 0; j < k; j++)
        n += cube[j] != DASH;
    return n;
}

/* QCA's sort_matrix: selection sorts with shifting, condition by condition
 * from the last, then by complexity. Reorders cubes (n x k) in place. */
static void qca_sort_matrix(unsigned char *cubes, size_t n, size_t k)
{
    size_t *ix = malloc((n ? n : 1) * sizeof *ix);
    for (size_t i = 0; i < n; i++)
        ix[i] = i;
    for (size_t jj = k; jj-- > 0;) {
        for (size_t c1 = 0; c1 < n; c1++)
            for (size_t c2 = c1 + 1; c2 < n; c2++)
                if (qv(cubes + ix[c1] * k, jj) < qv(cubes + ix[c2] * k, jj)) {
                    size_t t = ix[c2];
                    memmove(ix + c1 + 1, ix + c1, (c2 - c1) * sizeof *ix);
                    ix[c1] = t;
                }
        int nonzero = 1;
        size_t zeroidx = 0;
        while (zeroidx < n && nonzero) {
            nonzero = qv(cubes + ix[zeroidx] * k, jj) != 0;
            zeroidx++;
        }
        zeroidx--;
        for (size_t c1 = 0; c1 < zeroidx; c1++)
            for (size_t c2 = c1 + 1; c2 < zeroidx; c2++)
                if (qv(cubes + ix[c1] * k, jj) > qv(cubes + ix[c2] * k, jj)) {
                    size_t t = ix[c2];
                    memmove(ix + c1 + 1, ix + c1, (c2 - c1) * sizeof *ix);
                    ix[c1] = t;
                }
    }
    for (size_t c1 = 0; c1 < n; c1++)
        for (size_t c2 = c1 + 1; c2 < n; c2++)
            if (nlits(cubes + ix[c1] * k, k) > nlits(cubes + ix[c2] * k, k)) {
                size_t t = ix[c2];
                memmove(ix + c1 + 1, ix + c1, (c2 - c1) * sizeof *ix);
                ix[c1] = t;
            }
    unsigned char *copy = malloc(n * k + 1);
    memcpy(copy, cubes, n * k);
    for (size_t i = 0; i < n; i++)
        memcpy(cubes + i * k, copy + ix[i] * k, k);
    free(copy);
    free(ix);
}

/* CCubes' discovery order: complexity, then the set of fixed conditions
 * (combinations in lexicographic order), then the first ON row (in input
 * order) whose projection gives the cube. */
static const problem *disc_pr;
static size_t first_on(const unsigned char *cube)
{
    for (size_t i = 0; i < disc_pr->non; i++)
        if (fsq__cube_contains_digits(cube, disc_pr->on + i * disc_pr->k, disc_pr->k))
            return i;
    return SIZE_MAX;
}

static int cmp_discovery(const void *x, const void *y)
{
    const unsigned char *a = x, *b = y;
    size_t k = disc_pr->k;
    int na = nlits(a, k), nb = nlits(b, k);
    if (na != nb)
        return na - nb;
    /* Fixed-condition index lists, compared lexicographically. */
    size_t ia[16], ib[16], n = 0, m = 0;
    for (size_t j = 0; j < k; j++) {
        if (a[j] != DASH)
            ia[n++] = j;
        if (b[j] != DASH)
            ib[m++] = j;
    }
    for (size_t t = 0; t < n; t++)
        if (ia[t] != ib[t])
            return ia[t] < ib[t] ? -1 : 1;
    size_t fa = first_on(a), fb = first_on(b);
    return fa < fb ? -1 : fa > fb;
}

/* QCA's C_QMC, loop for loop: pairs in combination order, a merge when the
 * two differ in one fixed condition and every level of it is present, new
 * cubes appended when not already found, then the unmerged ones. */
static void qca_qmc(const problem *pr, cube_set *out)
{
    const size_t k = pr->k;
    size_t n = pr->non + pr->ndc;
    unsigned char *cur = malloc(n * k + 1);
    memcpy(cur, pr->on, pr->non * k);
    memcpy(cur + pr->non * k, pr->dc, pr->ndc * k);
    size_t found = 1;
    while (found > 0 && n > 1) {
        found = 0;
        unsigned char *minimized = calloc(n, 1);
        size_t cap = 64;
        unsigned char *pimat = malloc(cap * k);
        unsigned char tmp[16];
        for (size_t c0 = 0; c0 < n; c0++)
            for (size_t c1 = c0 + 1; c1 < n; c1++) {
                const unsigned char *x = cur + c0 * k, *y = cur + c1 * k;
                int diffs = 0, comparable = 1;
                size_t which = 0;
                for (size_t r = 0; r < k && diffs < 2 && comparable; r++) {
                    tmp[r] = x[r];
                    if (x[r] != y[r]) {
                        comparable = x[r] != DASH && y[r] != DASH;
                        diffs++;
                        which = r;
                        tmp[r] = DASH;
                    }
                }
                if (diffs != 1 || !comparable)
                    continue;
                size_t rows[8] = {c0, c1};
                size_t nrows = 2;
                for (size_t c = 0; c < n && nrows < pr->levels[which]; c++) {
                    if (c == c0 || c == c1)
                        continue;
                    int equal = 1;
                    for (size_t r = 0; r < k && equal; r++)
                        if (r != which)
                            equal = tmp[r] == cur[c * k + r];
                    if (equal)
                        rows[nrows++] = c;
                }
                if (nrows != pr->levels[which])
                    continue;
                for (size_t i = 0; i < nrows; i++)
                    minimized[rows[i]] = 1;
                int unique = 1;
                for (size_t f = 0; f < found && unique; f++)
                    unique = memcmp(pimat + f * k, tmp, k) != 0;
                if (unique) {
                    if (found == cap) {
                        cap *= 2;
                        pimat = realloc(pimat, cap * k);
                    }
                    memcpy(pimat + found++ * k, tmp, k);
                }
            }
        size_t nonmin = 0;
        for (size_t i = 0; i < n; i++)
            nonmin += !minimized[i];
        unsigned char *next = malloc((found + nonmin) * k + 1);
        memcpy(next, pimat, found * k);
        size_t m = found;
        for (size_t i = 0; i < n; i++)
            if (!minimized[i])
                memcpy(next + m++ * k, cur + i * k, k);
        free(cur);
        free(pimat);
        free(minimized);
        cur = next;
        n = m;
    }
    out->n = n;
    out->cubes = cur;
}

/* The expected output: the primes with an ON row, in QCA's order. */
static void expected_list(const problem *pr, cube_set *expect, cube_set *brute_all)
{
    const size_t k = pr->k;
    cube_set brute = {0};
    brute_force_primes(pr, &brute, brute_all);
    if (pr->mode == FSQ__PI_REMAINDERS) {
        disc_pr = pr;
        qsort(brute.cubes, brute.n, k, cmp_discovery);
        qca_sort_matrix(brute.cubes, brute.n, k);
        *expect = brute;
        return;
    }
    cube_set qmc = {0};
    qca_qmc(pr, &qmc);
    /* QCA's QMC list must be exactly the primes of ON u dc. */
    ck_assert_uint_eq(qmc.n, brute_all->n);
    for (size_t i = 0; i < qmc.n; i++)
        ck_assert(cube_set_has(brute_all, qmc.cubes + i * k, k));
    qca_sort_matrix(qmc.cubes, qmc.n, k);
    size_t m = 0;
    for (size_t i = 0; i < qmc.n; i++) {
        int has_on = 0;
        for (size_t o = 0; o < pr->non && !has_on; o++)
            has_on = fsq__cube_contains_digits(qmc.cubes + i * k, pr->on + o * k, k);
        if (has_on)
            memmove(qmc.cubes + m++ * k, qmc.cubes + i * k, k);
    }
    qmc.n = m;
    ck_assert_uint_eq(m, brute.n);
    cube_set_free(&brute);
    *expect = qmc;
}

static void check_random(int mode, int batch)
{
    const int per_batch = 250;
    for (int t = 0; t < per_batch; t++) {
        problem pr;
        uint64_t seed = (uint64_t)mode * 1000003u + (uint64_t)batch * per_batch + (uint64_t)t;
        random_problem(&pr, seed, mode);
        cube_set expect = {0}, all = {0};
        expected_list(&pr, &expect, &all);
        fsq__pi_result res, res4;
        ck_assert_int_eq(run_problem(&pr, 1, &res), 0);
        ck_assert_int_eq(run_problem(&pr, 4, &res4), 0);
        ck_assert_uint_eq(res.k, pr.k);
        if (res.npis != expect.n || memcmp(res.cubes, expect.cubes, expect.n * pr.k) != 0)
            ck_abort_msg("seed %llu mode %d k %zu: %zu PIs, expected %zu (or order differs)",
                         (unsigned long long)seed, mode, pr.k, res.npis, expect.n);
        ck_assert_uint_eq(res4.npis, res.npis);
        ck_assert(memcmp(res4.cubes, res.cubes, res.npis * pr.k) == 0);
        fsq__pi_result_free(&res);
        fsq__pi_result_free(&res4);
        cube_set_free(&expect);
        cube_set_free(&all);
        problem_free(&pr);
    }
}

START_TEST(test_prime__remainders_match_bruteforce_and_qca_order)
{
    check_random(FSQ__PI_REMAINDERS, _i);
}
END_TEST

START_TEST(test_prime__explicit_match_bruteforce_and_qca_qmc_order)
{
    check_random(FSQ__PI_EXPLICIT, _i);
}
END_TEST

/* ---- many conditions: small problems spread over several words ----------
 *
 * A small random problem (oracle: brute force above) is embedded in K
 * conditions: each small condition j gets one or two "copies" at random
 * positions (the same digit in every row), every other position is a
 * constant 0. REMAINDERS: a constant condition never separates ON from
 * OFF, so it is in no minimal transversal, and the two copies of j lie in
 * exactly the same difference sets, so a minimal transversal picks one of
 * them wherever the small one picks j. The PIs are therefore exactly: for
 * each small PI, every choice of one copy per literal, all else free.
 * EXPLICIT (merging): a constant condition has one level only in ON u dc,
 * so it can never be freed: the PIs are the small PIs with every constant
 * position fixed to 0 (no copies here: two copies can never be freed one
 * at a time). Compared as sets (the order rule is checked above). */

static int cmp_bytes_k;
static int cmp_cube_bytes(const void *a, const void *b)
{
    return memcmp(a, b, (size_t)cmp_bytes_k);
}

static void sort_cubes(unsigned char *cubes, size_t n, size_t k)
{
    cmp_bytes_k = (int)k;
    qsort(cubes, n, k, cmp_cube_bytes);
}

typedef struct {
    size_t K;
    size_t ncopies[16];
    size_t pos[16][2];
    unsigned char big_levels[256];
} embedding;

static void make_embedding(embedding *em, const problem *pr, size_t K, int copies, uint64_t *s)
{
    unsigned char used[256] = {0};
    em->K = K;
    for (size_t j = 0; j < K; j++)
        em->big_levels[j] = 2;
    for (size_t j = 0; j < pr->k; j++) {
        em->ncopies[j] = copies ? 1 + rng_next(s) % 2 : 1;
        for (size_t c = 0; c < em->ncopies[j]; c++) {
            size_t at;
            do
                at = rng_next(s) % K;
            while (used[at]);
            used[at] = 1;
            em->pos[j][c] = at;
            em->big_levels[at] = pr->levels[j];
        }
    }
}

static unsigned char *embed_rows(const embedding *em, const problem *pr, const unsigned char *rows,
                                 size_t n)
{
    unsigned char *big = calloc(n * em->K + 1, 1);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < pr->k; j++)
            for (size_t c = 0; c < em->ncopies[j]; c++)
                big[i * em->K + em->pos[j][c]] = rows[i * pr->k + j];
    return big;
}

/* Every big cube of small cube `cube` (one copy per literal); appends. */
static void expand_cube(const embedding *em, const problem *pr, const unsigned char *cube,
                        int explicit_mode, cube_set *out)
{
    size_t lits[16], nl = 0;
    for (size_t j = 0; j < pr->k; j++)
        if (cube[j] != DASH)
            lits[nl++] = j;
    size_t choices = 1;
    for (size_t l = 0; l < nl; l++)
        choices *= em->ncopies[lits[l]];
    for (size_t ch = 0; ch < choices; ch++) {
        unsigned char *big = out->cubes + out->n++ * em->K;
        memset(big, explicit_mode ? 0 : DASH, em->K);
        for (size_t j = 0; j < pr->k; j++)
            for (size_t c = 0; c < em->ncopies[j]; c++)
                big[em->pos[j][c]] = DASH;
        size_t rest = ch;
        for (size_t l = 0; l < nl; l++) {
            size_t j = lits[l], c = rest % em->ncopies[j];
            rest /= em->ncopies[j];
            big[em->pos[j][c]] = cube[j];
        }
    }
}

static void check_embedded(size_t K, int mode, int batch)
{
    for (int t = 0; t < 12; t++) {
        uint64_t seed = 77000u + (uint64_t)K * 131u + (uint64_t)mode * 7919u +
                        (uint64_t)batch * 12u + (uint64_t)t;
        problem pr;
        random_problem(&pr, seed, mode);
        uint64_t s = seed ^ 0x5555u;
        embedding em;
        make_embedding(&em, &pr, K, mode == FSQ__PI_REMAINDERS, &s);
        cube_set small = {0};
        brute_force_primes(&pr, &small, NULL);
        cube_set expect = {0};
        expect.cubes = malloc(small.n * 1024 * K + 1);
        for (size_t i = 0; i < small.n; i++)
            expand_cube(&em, &pr, small.cubes + i * pr.k, mode == FSQ__PI_EXPLICIT, &expect);
        problem big;
        memset(&big, 0, sizeof big);
        big.k = K;
        big.mode = mode;
        big.non = pr.non;
        big.noff = pr.noff;
        big.ndc = pr.ndc;
        big.on = embed_rows(&em, &pr, pr.on, pr.non);
        big.off = embed_rows(&em, &pr, pr.off, pr.noff);
        big.dc = embed_rows(&em, &pr, pr.dc, pr.ndc);
        fsq__pi_problem p;
        memset(&p, 0, sizeof p);
        p.k = K;
        p.levels = em.big_levels;
        p.mode = mode;
        p.non = big.non;
        p.on = big.on;
        p.noff = big.noff;
        p.off = big.off;
        p.ndc = big.ndc;
        p.dc = big.dc;
        fsq__pi_result res, res2;
        p.threads = 1;
        ck_assert_int_eq(fsq__prime_implicants(&p, &res), 0);
        p.threads = 2;
        ck_assert_int_eq(fsq__prime_implicants(&p, &res2), 0);
        ck_assert_uint_eq(res2.npis, res.npis);
        ck_assert(memcmp(res2.cubes, res.cubes, res.npis * K) == 0);
        /* QCA order, where no condition is fixed in every cube (else QCA's
         * quirk moves a cube; EXPLICIT always fixes the constants). */
        int quirk = 0;
        for (size_t j = 0; j < K && !quirk; j++) {
            int every = 1;
            for (size_t i = 0; i < res.npis && every; i++)
                every = res.cubes[i * K + j] != DASH;
            quirk = every;
        }
        for (size_t i = 1; i < res.npis && !quirk; i++)
            ck_assert_int_le(fsq__cube_compare(res.cubes + (i - 1) * K, res.cubes + i * K, K), 0);
        ck_assert_msg(res.npis == expect.n, "seed %llu K %zu mode %d: %zu PIs, expected %zu",
                      (unsigned long long)seed, K, mode, res.npis, expect.n);
        sort_cubes(res.cubes, res.npis, K);
        sort_cubes(expect.cubes, expect.n, K);
        ck_assert(memcmp(res.cubes, expect.cubes, expect.n * K) == 0);
        fsq__pi_result_free(&res);
        fsq__pi_result_free(&res2);
        cube_set_free(&small);
        cube_set_free(&expect);
        problem_free(&big);
        problem_free(&pr);
    }
}

static const size_t many_k[] = {70, 128, 200};

START_TEST(test_prime__many_conditions_remainders_match_embedded_bruteforce)
{
    check_embedded(many_k[_i % 3], FSQ__PI_REMAINDERS, _i / 3);
}
END_TEST

START_TEST(test_prime__many_conditions_explicit_match_embedded_bruteforce)
{
    check_embedded(many_k[_i % 3], FSQ__PI_EXPLICIT, _i / 3);
}
END_TEST

/* ---- pricing: the PIs of enough ON weight --------------------------------
 *
 * With on_weight, the search must list exactly the prime implicants (brute
 * force) whose ON configurations weigh at least min_weight. Weights are
 * multiples of 1/8 (many zero), so sums are exact in binary. Also over the
 * embedded K = 70 problems (weights follow the ON rows). */
static void check_pricing(size_t K, uint64_t seed)
{
    problem pr;
    random_problem(&pr, seed, FSQ__PI_REMAINDERS);
    uint64_t s = seed ^ 0xABCDu;
    double *weight = calloc(pr.non, sizeof *weight), total = 0;
    for (size_t i = 0; i < pr.non; i++) {
        weight[i] = rng_next(&s) % 3 == 0 ? (double)(1 + rng_next(&s) % 8) / 8.0 : 0.0;
        total += weight[i];
    }
    if (total == 0) {
        weight[0] = 1;
        total = 1;
    }
    double min_weight = (double)(1 + rng_next(&s) % 8) / 8.0;
    if (min_weight > total)
        min_weight = total;
    cube_set small = {0}, expect = {0};
    brute_force_primes(&pr, &small, NULL);
    embedding em;
    if (K == 0) {
        em.K = pr.k;
        for (size_t j = 0; j < pr.k; j++) {
            em.ncopies[j] = 1;
            em.pos[j][0] = j;
            em.big_levels[j] = pr.levels[j];
        }
    } else {
        make_embedding(&em, &pr, K, 1, &s);
    }
    expect.cubes = malloc(small.n * 1024 * em.K + 1);
    for (size_t i = 0; i < small.n; i++) {
        double w = 0;
        for (size_t o = 0; o < pr.non; o++)
            if (fsq__cube_contains_digits(small.cubes + i * pr.k, pr.on + o * pr.k, pr.k))
                w += weight[o];
        if (w >= min_weight)
            expand_cube(&em, &pr, small.cubes + i * pr.k, 0, &expect);
    }
    unsigned char *on = embed_rows(&em, &pr, pr.on, pr.non);
    unsigned char *off = embed_rows(&em, &pr, pr.off, pr.noff);
    fsq__pi_problem p;
    memset(&p, 0, sizeof p);
    p.k = em.K;
    p.levels = em.big_levels;
    p.mode = FSQ__PI_REMAINDERS;
    p.non = pr.non;
    p.on = on;
    p.noff = pr.noff;
    p.off = off;
    p.on_weight = weight;
    p.min_weight = min_weight;
    p.threads = 1;
    fsq__pi_result res;
    ck_assert_int_eq(fsq__prime_implicants(&p, &res), 0);
    ck_assert_msg(res.npis == expect.n, "seed %llu K %zu: %zu priced PIs, expected %zu",
                  (unsigned long long)seed, em.K, res.npis, expect.n);
    sort_cubes(res.cubes, res.npis, em.K);
    sort_cubes(expect.cubes, expect.n, em.K);
    ck_assert(memcmp(res.cubes, expect.cubes, expect.n * em.K) == 0);
    fsq__pi_result_free(&res);
    cube_set_free(&small);
    cube_set_free(&expect);
    free(on);
    free(off);
    free(weight);
    problem_free(&pr);
}

START_TEST(test_prime__pricing_lists_the_primes_of_enough_weight)
{
    for (int t = 0; t < 100; t++)
        check_pricing(_i == 0 ? 0 : 70, 99000u + (uint64_t)_i * 1000u + (uint64_t)t);
}
END_TEST

/* ---- DESIGN.md's example where QCA's heuristic stops too early ---------- */

START_TEST(test_prime__design_example_finds_cdefg)
{
    /* Conditions A..G. ON: 1011111, 0111111. OFF: 0011111 with one of C..G
     * cleared. Worked by hand: A (1------) and B (-1-----) hold no OFF row
     * (all have A = B = 0) and are prime; --11111 holds only 0011111 besides
     * the ON rows, a remainder, and dropping any of C..G lets in the OFF row
     * with that condition cleared, so C*D*E*F*G is prime. A PI holding both
     * ON rows must leave A and B free, so it is --11111 or wider, and every
     * wider cube holds an OFF row: C*D*E*F*G is the only one. */
    static const char *on_rows[] = {"1011111", "0111111"};
    static const char *off_rows[] = {"0001111", "0010111", "0011011", "0011101", "0011110"};
    unsigned char levels[7], on[2 * 7], off[5 * 7];
    for (int j = 0; j < 7; j++)
        levels[j] = 2;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 7; j++)
            on[i * 7 + j] = (unsigned char)(on_rows[i][j] - '0');
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 7; j++)
            off[i * 7 + j] = (unsigned char)(off_rows[i][j] - '0');
    fsq__pi_problem p;
    memset(&p, 0, sizeof p);
    p.k = 7;
    p.levels = levels;
    p.mode = FSQ__PI_REMAINDERS;
    p.non = 2;
    p.on = on;
    p.noff = 5;
    p.off = off;
    fsq__pi_result res;
    ck_assert_int_eq(fsq__prime_implicants(&p, &res), 0);
    const unsigned char cdefg[7] = {DASH, DASH, 1, 1, 1, 1, 1};
    const unsigned char a[7] = {1, DASH, DASH, DASH, DASH, DASH, DASH};
    const unsigned char b[7] = {DASH, 1, DASH, DASH, DASH, DASH, DASH};
    int seen_cdefg = 0, seen_a = 0, seen_b = 0, both = 0;
    for (size_t i = 0; i < res.npis; i++) {
        const unsigned char *c = res.cubes + i * 7;
        seen_cdefg |= memcmp(c, cdefg, 7) == 0;
        seen_a |= memcmp(c, a, 7) == 0;
        seen_b |= memcmp(c, b, 7) == 0;
        both += fsq__cube_contains_digits(c, on, 7) && fsq__cube_contains_digits(c, on + 7, 7);
    }
    ck_assert(seen_cdefg && seen_a && seen_b);
    ck_assert_int_eq(both, 1);
    /* QCA's order puts the one-literal terms first. */
    ck_assert(memcmp(res.cubes, a, 7) == 0);
    ck_assert(memcmp(res.cubes + 7, b, 7) == 0);
    fsq__pi_result_free(&res);
}
END_TEST

/* ---- limits and bad input ------------------------------------------------ */

START_TEST(test_prime__max_pis_limit_names_option)
{
    /* Parity over 6 conditions: ON = even weight, OFF = odd weight. Every
     * ON row is its own prime implicant (32 of them), so max_pis = 5 must
     * stop the search. */
    unsigned char levels[6] = {2, 2, 2, 2, 2, 2}, on[32 * 6], off[32 * 6];
    size_t non = 0, noff = 0;
    for (unsigned m = 0; m < 64; m++) {
        unsigned char *row = __builtin_popcount(m) % 2 ? off + noff++ * 6 : on + non++ * 6;
        for (int j = 0; j < 6; j++)
            row[j] = (m >> (5 - j)) & 1;
    }
    fsq__pi_problem p;
    memset(&p, 0, sizeof p);
    p.k = 6;
    p.levels = levels;
    p.mode = FSQ__PI_REMAINDERS;
    p.non = non;
    p.on = on;
    p.noff = noff;
    p.off = off;
    fsq__pi_result res;
    ck_assert_int_eq(fsq__prime_implicants(&p, &res), 0);
    ck_assert_uint_eq(res.npis, 32);
    fsq__pi_result_free(&res);
    p.max_pis = 5;
    ck_assert_int_eq(fsq__prime_implicants(&p, &res), FSQ_ELIMIT);
    ck_assert_ptr_null(res.cubes);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "--max-pis"));
    p.mode = FSQ__PI_EXPLICIT;
    p.noff = 0;
    ck_assert_int_eq(fsq__prime_implicants(&p, &res), FSQ_ELIMIT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "--max-pis"));
}
END_TEST

START_TEST(test_prime__time_limit_names_option)
{
    /* 40 binary conditions, 400 random ON and 400 random OFF rows: far
     * more minimal transversals than a microsecond allows. */
    enum { K = 40, N = 400 };
    unsigned char levels[K], *on = malloc(N * K), *off = malloc(N * K);
    uint64_t s = 42;
    for (int j = 0; j < K; j++)
        levels[j] = 2;
    for (int i = 0; i < N * K; i++) {
        on[i] = rng_next(&s) & 1;
        off[i] = rng_next(&s) & 1;
    }
    fsq__pi_problem p;
    memset(&p, 0, sizeof p);
    p.k = K;
    p.levels = levels;
    p.mode = FSQ__PI_REMAINDERS;
    p.non = N;
    p.on = on;
    p.noff = N;
    p.off = off;
    p.time_limit = 1e-6;
    fsq__pi_result res;
    ck_assert_int_eq(fsq__prime_implicants(&p, &res), FSQ_ELIMIT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "--time-limit"));
    free(on);
    free(off);
}
END_TEST

START_TEST(test_prime__bad_input_is_rejected)
{
    unsigned char levels[2] = {2, 3}, on[2] = {1, 3}, ok_on[2] = {1, 2}, off[2] = {1, 2};
    fsq__pi_problem p;
    memset(&p, 0, sizeof p);
    p.k = 2;
    p.levels = levels;
    p.mode = FSQ__PI_REMAINDERS;
    p.non = 1;
    p.on = on;
    fsq__pi_result res;
    ck_assert_int_eq(fsq__prime_implicants(&p, &res), FSQ_EINPUT); /* level 3 of 3 */
    p.on = ok_on;
    p.noff = 1;
    p.off = off;
    ck_assert_int_eq(fsq__prime_implicants(&p, &res), FSQ_EINPUT); /* ON == OFF */
    p.mode = FSQ__PI_EXPLICIT; /* ON and dc overlap */
    p.noff = 0;
    p.ndc = 1;
    p.dc = ok_on;
    ck_assert_int_eq(fsq__prime_implicants(&p, &res), FSQ_EINPUT);
    p.k = 0;
    ck_assert_int_eq(fsq__prime_implicants(&p, &res), FSQ_EINPUT);
}
END_TEST

START_TEST(test_prime__cube_helpers)
{
    /* Hand-worked: A*~C over three binary conditions. */
    const unsigned char ac[3] = {1, DASH, 0}, a[3] = {1, DASH, DASH};
    const unsigned char in[3] = {1, 1, 0}, outside[3] = {1, 1, 1};
    ck_assert(fsq__cube_contains_digits(ac, in, 3));
    ck_assert(!fsq__cube_contains_digits(ac, outside, 3));
    ck_assert(fsq__cube_subsumes(a, ac, 3));
    ck_assert(!fsq__cube_subsumes(ac, a, 3));
    ck_assert_int_eq(fsq__cube_nliterals(ac, 3), 2);
    /* QCA (RS_REC_pars): ~P*A, ~P*S, P*E, E*A over P, E, A, S. */
    const unsigned char np_a[4] = {0, DASH, 1, DASH}, np_s[4] = {0, DASH, DASH, 1};
    const unsigned char p_e[4] = {1, 1, DASH, DASH}, e_a[4] = {DASH, 1, 1, DASH};
    ck_assert_int_lt(fsq__cube_compare(np_a, np_s, 4), 0);
    ck_assert_int_lt(fsq__cube_compare(np_s, p_e, 4), 0);
    ck_assert_int_lt(fsq__cube_compare(p_e, e_a, 4), 0);
    ck_assert_int_gt(fsq__cube_compare(e_a, np_a, 4), 0);
    ck_assert_int_eq(fsq__cube_compare(e_a, e_a, 4), 0);
    ck_assert_int_lt(fsq__cube_compare(a, ac, 3), 0);
}
END_TEST

/* ---- QCA 3.23 reference files -------------------------------------------- */

/* Largest value of each named column of a dataset CSV (header quoted). */
static int csv_column_max(const char *path, cJSON *names, double *maxv)
{
    char *text = fsq_test_read_file(path, NULL);
    if (!text)
        return -1;
    int ncols = 0, map[64];
    int nnames = cJSON_GetArraySize(names);
    for (int i = 0; i < nnames; i++)
        maxv[i] = -1;
    char *line = text, *next;
    int row = 0;
    while (line && *line) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        int col = 0, inq = 0;
        char field[256];
        size_t flen = 0;
        for (char *c = line;; c++) {
            if (*c == '"') {
                inq = !inq;
                continue;
            }
            if ((*c == ',' && !inq) || *c == '\0' || *c == '\r') {
                field[flen] = '\0';
                if (row == 0) {
                    if (col < 64) {
                        map[col] = -1;
                        for (int i = 0; i < nnames; i++)
                            if (strcmp(field, cJSON_GetArrayItem(names, i)->valuestring) == 0)
                                map[col] = i;
                    }
                    ncols = col + 1;
                } else if (col < ncols && col < 64 && map[col] >= 0 && flen > 0) {
                    double v = atof(field);
                    if (v > maxv[map[col]])
                        maxv[map[col]] = v;
                }
                flen = 0;
                col++;
                if (*c != ',')
                    break;
                continue;
            }
            if (flen < sizeof field - 1)
                field[flen++] = *c;
        }
        row++;
        line = next;
    }
    free(text);
    return 0;
}

static void format_term(const unsigned char *cube, size_t k, cJSON *conds, int mv, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < k; j++) {
        if (cube[j] == DASH)
            continue;
        const char *name = cJSON_GetArrayItem(conds, (int)j)->valuestring;
        if (len)
            len += (size_t)snprintf(buf + len, cap - len, "*");
        if (mv)
            len += (size_t)snprintf(buf + len, cap - len, "%s[%u]", name, (unsigned)cube[j]);
        else
            len += (size_t)snprintf(buf + len, cap - len, "%s%s", cube[j] ? "" : "~", name);
    }
}

START_TEST(test_prime__reference_prime_implicants_match_qca)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared) {
        printf("check_prime: ../shared absent, QCA reference test skipped\n");
        return;
    }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/reference/qca", shared);
    char **names;
    size_t nfiles = fsq_test_list_dir(dir, ".json", &names);
    ck_assert_uint_gt(nfiles, 0);
    size_t checked = 0, longer = 0;
    for (size_t f = 0; f < nfiles; f++) {
        if (strstr(names[f], "_int"))
            continue;
        cJSON *doc = fsq_test_load_json(names[f]);
        ck_assert_ptr_nonnull(doc);
        if (cJSON_GetObjectItem(doc, "error")) {
            cJSON_Delete(doc);
            continue;
        }
        const char *type = cJSON_GetObjectItem(doc, "condition_type")->valuestring;
        int mv = strcmp(type, "multi-value") == 0;
        if (!mv && strcmp(type, "crisp") != 0 && strcmp(type, "fuzzy") != 0) {
            cJSON_Delete(doc);
            continue;
        }
        cJSON *conds = cJSON_GetObjectItem(doc, "conditions");
        const char *include = cJSON_GetObjectItem(doc, "include")->valuestring;
        problem pr;
        memset(&pr, 0, sizeof pr);
        pr.k = (size_t)cJSON_GetArraySize(conds);
        ck_assert_uint_le(pr.k, 16);
        for (size_t j = 0; j < pr.k; j++)
            pr.levels[j] = 2;
        if (mv) {
            char csv[1024];
            double maxv[64];
            snprintf(csv, sizeof csv, "%s/datasets/qca/%s.csv", shared,
                     cJSON_GetObjectItem(doc, "dataset")->valuestring);
            ck_assert_int_eq(csv_column_max(csv, conds, maxv), 0);
            for (size_t j = 0; j < pr.k; j++) {
                ck_assert(maxv[j] >= 1);
                pr.levels[j] = (unsigned char)(maxv[j] + 1.5);
            }
        }
        /* The space must match the observed rows plus QCA's remainders. */
        cJSON *tt = cJSON_GetObjectItem(doc, "truth_table");
        size_t nrows = (size_t)cJSON_GetArraySize(tt);
        ck_assert_uint_eq(space_size(&pr),
                          nrows + (size_t)cJSON_GetObjectItem(doc, "remainder_rows")->valuedouble);
        pr.mode = include[0] == '\0' ? FSQ__PI_EXPLICIT : FSQ__PI_REMAINDERS;
        int c_is_dc = strstr(include, "C") != NULL;
        pr.on = malloc(nrows * pr.k + 1);
        pr.off = malloc(nrows * pr.k + 1);
        pr.dc = malloc(nrows * pr.k + 1);
        for (size_t r = 0; r < nrows; r++) {
            cJSON *row = cJSON_GetArrayItem(tt, (int)r);
            const char *digits = cJSON_GetObjectItem(row, "row")->valuestring;
            const char *out = cJSON_GetObjectItem(row, "OUT")->valuestring;
            ck_assert_uint_eq(strlen(digits), pr.k);
            unsigned char *dst = NULL;
            if (strcmp(out, "1") == 0)
                dst = pr.on + pr.non++ * pr.k;
            else if (pr.mode == FSQ__PI_REMAINDERS &&
                     (strcmp(out, "0") == 0 || (strcmp(out, "C") == 0 && !c_is_dc)))
                dst = pr.off + pr.noff++ * pr.k;
            if (dst)
                for (size_t j = 0; j < pr.k; j++)
                    dst[j] = (unsigned char)(digits[j] - '0');
        }
        fsq__pi_result res;
        ck_assert_int_eq(run_problem(&pr, 0, &res), 0);
        cJSON *ref = cJSON_GetObjectItem(doc, "prime_implicants");
        size_t nref = (size_t)cJSON_GetArraySize(ref);
        char term[512];
        int same = res.npis == nref;
        for (size_t i = 0; i < nref && same; i++) {
            format_term(res.cubes + i * pr.k, pr.k, conds, mv, term, sizeof term);
            same = strcmp(term, cJSON_GetArrayItem(ref, (int)i)->valuestring) == 0;
        }
        if (!same) {
            /* Allowed only when QCA's heuristic cut its list short: every
             * QCA term is ours, and every extra one is a genuine PI. */
            cube_set brute = {0};
            brute_force_primes(&pr, &brute, NULL);
            ck_assert_msg(res.npis > nref, "%s: %zu PIs, QCA lists %zu", names[f], res.npis, nref);
            for (size_t i = 0; i < nref; i++) {
                int found = 0;
                for (size_t g = 0; g < res.npis && !found; g++) {
                    format_term(res.cubes + g * pr.k, pr.k, conds, mv, term, sizeof term);
                    found = strcmp(term, cJSON_GetArrayItem(ref, (int)i)->valuestring) == 0;
                }
                ck_assert_msg(found, "%s: QCA's PI %s missing", names[f],
                              cJSON_GetArrayItem(ref, (int)i)->valuestring);
            }
            for (size_t g = 0; g < res.npis; g++)
                ck_assert_msg(cube_set_has(&brute, res.cubes + g * pr.k, pr.k),
                              "%s: PI %zu is not a prime implicant", names[f], g);
            cube_set_free(&brute);
            longer++;
        }
        checked++;
        fsq__pi_result_free(&res);
        problem_free(&pr);
        cJSON_Delete(doc);
    }
    fsq_test_free_list(names, nfiles);
    printf("check_prime: %zu QCA reference files checked (%zu with a longer, verified list)\n",
           checked, longer);
    ck_assert_uint_gt(checked, 80);
}
END_TEST

static Suite *fsq_prime_suite(void)
{
    Suite *s = suite_create("prime");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, test_prime__remainders_match_bruteforce_and_qca_order, 0, 8);
    tcase_add_loop_test(tc, test_prime__explicit_match_bruteforce_and_qca_qmc_order, 0, 8);
    tcase_add_loop_test(tc, test_prime__many_conditions_remainders_match_embedded_bruteforce, 0, 6);
    tcase_add_loop_test(tc, test_prime__many_conditions_explicit_match_embedded_bruteforce, 0, 6);
    tcase_add_loop_test(tc, test_prime__pricing_lists_the_primes_of_enough_weight, 0, 2);
    tcase_add_test(tc, test_prime__design_example_finds_cdefg);
    tcase_add_test(tc, test_prime__max_pis_limit_names_option);
    tcase_add_test(tc, test_prime__time_limit_names_option);
    tcase_add_test(tc, test_prime__bad_input_is_rejected);
    tcase_add_test(tc, test_prime__cube_helpers);
    tcase_add_test(tc, test_prime__reference_prime_implicants_match_qca);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_prime_suite());
}
