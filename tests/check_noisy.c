/* Counting every minimum model on hard charts (issue 8).
 *
 * Oracles, all independent of src/cover/:
 *   - random small charts (many blocks, many ties): every subset of the PIs
 *     enumerated by bitmask; the minimum covers, their count, their order
 *     (lexicographic on increasing index lists) and the PIs in all of them;
 *   - noisy crisp data as in the issue (N = 1000 uniform cases, outcome the
 *     planted C1*C2 + ~C3*C4 + C5*~C6*C7 with 3% flipped, incl.cut 1), made
 *     here with a fixed seed: the truth table, the prime implicants (every
 *     cube of the 3^k tested naively: an implicant holds no OFF row, and for
 *     the conservative solution only ON rows; prime: freeing any literal
 *     breaks that) and the chart are computed by this file; the minimum and
 *     the count per block of the chart (union-find on shared PIs) by
 *     subset enumeration when the block is small, else by GLPK's MIP solver
 *     with no-good cuts (each minimum cover found is forbidden and the MIP
 *     solved again until the optimum grows), multiplied over the blocks.
 * The k = 10 and 12 cases are not here: this MIP oracle takes
 * minutes on them (their blocks have up to ~10^6 minimum covers). */
#include "cover/cover.h"
#include "fsqca/fsqca.h"
#include "test_util.h"

#include <glpk.h>
#include <gmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- random small charts against subset enumeration --------------------- */

START_TEST(test_noisy__random_charts_match_subset_enumeration)
{
    uint64_t st = 8008;
    size_t checked = 0, many = 0;
    for (int trial = 0; trial < 3000; trial++) {
        size_t npis = 2 + fsq_test_rng(&st) % 15, ncols = 1 + fsq_test_rng(&st) % 24;
        uint32_t cols[24] = {0}; /* per column: the PIs covering it */
        /* Several blocks: PIs and columns split into groups; within a group
         * a PI covers a column with probability 1/4 .. 3/4 (ties galore). */
        size_t groups = 1 + fsq_test_rng(&st) % 4;
        unsigned dens = 1 + (unsigned)(fsq_test_rng(&st) % 3);
        for (size_t c = 0; c < ncols; c++) {
            size_t g = c % groups;
            for (size_t p = 0; p < npis; p++)
                if (p % groups == g && fsq_test_rng(&st) % 4 < dens)
                    cols[c] |= 1u << p;
            if (!cols[c])
                cols[c] = 1u << (fsq_test_rng(&st) % npis);
        }
        /* Oracle: the smallest size with a cover, every cover of it. */
        size_t best = 99, nbest = 0;
        uint32_t *list = malloc(((size_t)1 << npis) * sizeof *list);
        ck_assert_ptr_nonnull(list);
        for (uint32_t s = 0; s < (1u << npis); s++) {
            int ok = 1;
            for (size_t c = 0; c < ncols && ok; c++)
                ok = (cols[c] & s) != 0;
            if (!ok)
                continue;
            size_t z = (size_t)__builtin_popcount(s);
            if (z < best) {
                best = z;
                nbest = 0;
            }
            if (z == best)
                list[nbest++] = s;
        }
        /* Lexicographic order of increasing index lists: for two sets of
         * one size, the one holding the smallest differing PI comes first. */
        for (size_t i = 1; i < nbest; i++)
            for (size_t j = i; j > 0; j--) {
                uint32_t a = list[j - 1], b = list[j], d = a ^ b;
                if (!(b & d & (~d + 1)))
                    break;
                list[j - 1] = b;
                list[j] = a;
            }
        uint32_t always = nbest ? list[0] : 0;
        for (size_t i = 0; i < nbest; i++)
            always &= list[i];

        uint64_t *bits = calloc(npis + 1, sizeof *bits);
        for (size_t c = 0; c < ncols; c++)
            for (size_t p = 0; p < npis; p++)
                if (cols[c] >> p & 1)
                    bits[p] |= UINT64_C(1) << c;
        size_t cap = trial % 3 == 0 ? 1 + fsq_test_rng(&st) % 4 : 0;
        fsq__cover_problem pr = {npis, ncols, 1, bits, cap, 0, 1};
        fsq__cover_result r;
        ck_assert_int_eq(fsq__cover_solve(&pr, &r), 0);
        char want[32];
        snprintf(want, sizeof want, "%zu", nbest);
        ck_assert_msg(strcmp(r.count, want) == 0, "trial %d: counted %s, enumeration %zu", trial,
                      r.count, nbest);
        ck_assert_uint_eq(r.size, best);
        size_t listed = cap && cap < nbest ? cap : nbest;
        ck_assert_uint_eq(r.nsolutions, listed);
        for (size_t i = 0; i < listed; i++) {
            uint32_t s = 0;
            for (size_t t = 0; t < best; t++) {
                if (t)
                    ck_assert_uint_lt(r.pis[i * best + t - 1], r.pis[i * best + t]);
                s |= 1u << r.pis[i * best + t];
            }
            ck_assert_msg(s == list[i], "trial %d: model %zu differs", trial, i);
        }
        uint32_t ess = 0;
        for (size_t i = 0; i < r.nessential; i++)
            ess |= 1u << r.essential[i];
        ck_assert_msg(ess == always, "trial %d: PIs in every model differ", trial);
        many += nbest > 10;
        checked++;
        fsq__cover_result_free(&r);
        free(bits);
        free(list);
    }
    ck_assert_uint_eq(checked, 3000);
    ck_assert_uint_gt(many, 100); /* the charts do have many ties */
}
END_TEST

/* ---- noisy crisp data --------------------------------------------------- */

typedef struct {
    size_t k, non, npis, nw;
    unsigned char *state;    /* 2^k: 0 unobserved, 1 ON, 2 OFF */
    uint32_t *pi_care, *pi_val;
    uint64_t *chart;         /* npis x nw over the ON configurations */
    uint32_t *on;            /* the ON configurations, ascending */
} noisy;

/* The data: writes the CSV and notes each configuration's state
 * under incl.cut 1 (ON when every case has Y = 1). */
static void noisy_data(size_t k, uint64_t seed, const char *path, noisy *nz)
{
    uint64_t st = seed;
    size_t nconf = (size_t)1 << k;
    unsigned *ones = calloc(nconf, sizeof *ones), *all = calloc(nconf, sizeof *all);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "id");
    for (size_t j = 0; j < k; j++)
        fprintf(f, ",C%zu", j + 1);
    fprintf(f, ",Y\n");
    for (int c = 0; c < 1000; c++) {
        uint32_t x = 0;
        for (size_t j = 0; j < k; j++)
            x |= (uint32_t)(fsq_test_rng(&st) & 1) << j;
#define B(j) ((x >> (j)) & 1)
        int y = (B(0) && B(1)) || (!B(2) && B(3)) || (B(4) && !B(5) && B(6));
#undef B
        if (fsq_test_rng(&st) % 100 < 3)
            y = !y;
        fprintf(f, "c%d", c + 1);
        for (size_t j = 0; j < k; j++)
            fprintf(f, ",%u", (unsigned)(x >> j & 1));
        fprintf(f, ",%d\n", y);
        all[x]++;
        ones[x] += (unsigned)y;
    }
    fclose(f);
    nz->k = k;
    nz->state = calloc(nconf, 1);
    for (size_t x = 0; x < nconf; x++)
        nz->state[x] = all[x] == 0 ? 0 : ones[x] == all[x] ? 1 : 2;
    free(ones);
    free(all);
}

/* Every prime implicant, by testing the 3^k cubes (cube index: base 3,
 * digit 2 = free), then the chart. */
static void noisy_pis(noisy *nz, int pars)
{
    size_t k = nz->k, ncube = 1, nconf = (size_t)1 << k;
    for (size_t j = 0; j < k; j++)
        ncube *= 3;
    unsigned char *impl = calloc(ncube, 1);
    uint32_t *care = malloc(ncube * sizeof *care), *val = malloc(ncube * sizeof *val);
    for (size_t c = 0; c < ncube; c++) {
        size_t t = c;
        care[c] = val[c] = 0;
        for (size_t j = 0; j < k; j++, t /= 3)
            if (t % 3 != 2) {
                care[c] |= 1u << j;
                val[c] |= (uint32_t)(t % 3) << j;
            }
        /* Walk the configurations inside: submasks of the free bits. */
        uint32_t fr = ~care[c] & (uint32_t)(nconf - 1), sub = 0;
        int ok = 1, any_on = 0;
        do {
            unsigned char s = nz->state[val[c] | sub];
            any_on |= s == 1;
            ok = pars ? s != 2 : s == 1;
            sub = (sub - fr) & fr;
        } while (ok && sub);
        impl[c] = (unsigned char)(ok && any_on);
    }
    nz->pi_care = malloc(ncube * sizeof *nz->pi_care);
    nz->pi_val = malloc(ncube * sizeof *nz->pi_val);
    nz->npis = 0;
    size_t pow3[32];
    pow3[0] = 1;
    for (size_t j = 1; j <= k; j++)
        pow3[j] = pow3[j - 1] * 3;
    for (size_t c = 0; c < ncube; c++) {
        if (!impl[c])
            continue;
        int prime = 1;
        for (size_t j = 0; j < k && prime; j++)
            if (care[c] >> j & 1)
                prime = !impl[c + (2 - (val[c] >> j & 1)) * pow3[j]];
        if (prime) {
            nz->pi_care[nz->npis] = care[c];
            nz->pi_val[nz->npis++] = val[c];
        }
    }
    nz->on = malloc(nconf * sizeof *nz->on);
    nz->non = 0;
    for (size_t x = 0; x < nconf; x++)
        if (nz->state[x] == 1)
            nz->on[nz->non++] = (uint32_t)x;
    nz->nw = (nz->non + 63) / 64;
    nz->chart = calloc(nz->npis * nz->nw + 1, sizeof *nz->chart);
    for (size_t p = 0; p < nz->npis; p++)
        for (size_t c = 0; c < nz->non; c++)
            if ((nz->on[c] & nz->pi_care[p]) == nz->pi_val[p])
                nz->chart[p * nz->nw + c / 64] |= UINT64_C(1) << (c % 64);
    free(impl);
    free(care);
    free(val);
}

static void noisy_free(noisy *nz)
{
    free(nz->state);
    free(nz->pi_care);
    free(nz->pi_val);
    free(nz->chart);
    free(nz->on);
}

static int covers(const noisy *nz, size_t p, size_t c)
{
    return (int)(nz->chart[p * nz->nw + c / 64] >> (c % 64) & 1);
}

/* Minimum covers of one block (columns cols, PIs pis) by GLPK MIP with
 * no-good cuts: returns the minimum, adds the count to total. */
static size_t block_by_mip(const noisy *nz, const size_t *cols, size_t nc, const size_t *pis,
                           size_t np, mpz_t total)
{
    size_t nw = (nc + 63) / 64;
    uint64_t *sub = calloc(np * nw + 1, sizeof *sub);
    ck_assert_ptr_nonnull(sub);
    for (size_t i = 0; i < np; i++)
        for (size_t r = 0; r < nc; r++)
            if (covers(nz, pis[i], cols[r]))
                sub[i * nw + r / 64] |= UINT64_C(1) << (r % 64);
    glp_prob *lp = fsq_test_cover_mip(sub, np, nc, nw);
    free(sub);
    int *ind = malloc((np + 1) * sizeof *ind);
    double *one = malloc((np + 1) * sizeof *one);
    for (size_t i = 0; i <= np; i++)
        one[i] = 1;
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    size_t minimum = 0, found = 0;
    for (;;) {
        ck_assert_int_eq(glp_intopt(lp, &parm), 0);
        if (glp_mip_status(lp) != GLP_OPT)
            break;
        size_t z = (size_t)(glp_mip_obj_val(lp) + 0.5);
        if (found && z > minimum)
            break;
        minimum = z;
        found++;
        ck_assert_uint_lt(found, 5000); /* the oracle is for modest counts */
        int len = 0;
        for (size_t i = 0; i < np; i++)
            if (glp_mip_col_val(lp, (int)i + 1) > 0.5)
                ind[++len] = (int)i + 1;
        int row = glp_add_rows(lp, 1);
        glp_set_mat_row(lp, row, len, ind, one);
        glp_set_row_bnds(lp, row, GLP_UP, 0, (double)len - 1);
    }
    mpz_mul_ui(total, total, (unsigned long)found);
    free(ind);
    free(one);
    glp_delete_prob(lp);
    return minimum;
}

/* The minimum and the count of the chart, block by block. */
static size_t oracle(const noisy *nz, mpz_t total)
{
    size_t m = nz->non, n = nz->npis, size = 0;
    size_t *parent = malloc(m * sizeof *parent);
    for (size_t c = 0; c < m; c++)
        parent[c] = c;
    for (size_t p = 0; p < n; p++) {
        size_t first = SIZE_MAX;
        for (size_t c = 0; c < m; c++)
            if (covers(nz, p, c)) {
                size_t r = c;
                while (parent[r] != r)
                    r = parent[r];
                if (first == SIZE_MAX)
                    first = r;
                else if (r != first)
                    parent[r] = first;
            }
    }
    mpz_set_ui(total, 1);
    size_t *cols = malloc(m * sizeof *cols), *pis = malloc(n * sizeof *pis);
    for (size_t root = 0; root < m; root++) {
        size_t nc = 0, np = 0;
        for (size_t c = 0; c < m; c++) {
            size_t r = c;
            while (parent[r] != r)
                r = parent[r];
            if (r == root)
                cols[nc++] = c;
        }
        if (!nc)
            continue;
        for (size_t p = 0; p < n; p++)
            for (size_t t = 0; t < nc; t++)
                if (covers(nz, p, cols[t])) {
                    pis[np++] = p;
                    break;
                }
        if (np > 20) {
            size += block_by_mip(nz, cols, nc, pis, np, total);
            continue;
        }
        size_t best = 99, cnt = 0;
        for (uint32_t s = 1; s < (1u << np); s++) {
            size_t z = (size_t)__builtin_popcount(s);
            if (z > best)
                continue;
            int ok = 1;
            for (size_t t = 0; t < nc && ok; t++) {
                ok = 0;
                for (size_t i = 0; i < np && !ok; i++)
                    ok = (s >> i & 1) && covers(nz, pis[i], cols[t]);
            }
            if (!ok)
                continue;
            if (z < best) {
                best = z;
                cnt = 0;
            }
            cnt++;
        }
        size += best;
        mpz_mul_ui(total, total, (unsigned long)cnt);
    }
    free(parent);
    free(cols);
    free(pis);
    return size;
}

static void check_noisy_case(size_t k, int pars)
{
    char path[] = "/tmp/check_noisy_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    noisy nz;
    memset(&nz, 0, sizeof nz);
    noisy_data(k, 1000 + k, path, &nz);
    noisy_pis(&nz, pars);
    mpz_t want;
    mpz_init(want);
    size_t want_size = oracle(&nz, want);

    fsq_data *d = NULL;
    fsq_tt *tt = NULL;
    fsq_min *m = NULL;
    ck_assert_int_eq(fsq_data_read_csv(&d, path, NULL), 0);
    remove(path);
    const char *conds[32];
    char names[32][24];
    for (size_t j = 0; j < k; j++) {
        snprintf(names[j], sizeof names[j], "C%zu", j + 1);
        conds[j] = names[j];
    }
    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    ck_assert_int_eq(fsq_tt_build(&tt, d, "Y", conds, k, &to), 0);
    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
    mo.type = pars ? FSQ_PARSIMONIOUS : FSQ_CONSERVATIVE;
    mo.threads = 1;
    mo.time_limit = 600;
    ck_assert_msg(fsq_minimize(&m, tt, &mo) == 0, "k = %zu: %s", k, fsq_last_error());
    size_t size = 0;
    ck_assert_int_eq(fsq_min_proof(m, &size, NULL, NULL), 0);
    ck_assert_uint_eq(size, want_size);
    char *w = mpz_get_str(NULL, 10, want);
    ck_assert_msg(strcmp(fsq_min_model_count(m), w) == 0, "k = %zu %s: counted %s, oracle %s", k,
                  pars ? "pars" : "cons", fsq_min_model_count(m), w);
    size_t listed = fsq_min_models_listed(m);
    ck_assert_uint_eq(listed, mpz_cmp_ui(want, 1000) > 0 ? 1000 : mpz_get_ui(want));
    /* Every listed model: prime implicants of this file's list that cover
     * every ON configuration, no two models alike. */
    unsigned char lv[32];
    uint64_t *sig = calloc(listed + 1, sizeof *sig);
    for (size_t i = 0; i < listed; i++) {
        ck_assert_uint_eq(fsq_min_solution_nterms(m, i), size);
        uint64_t *cov = calloc(nz.nw + 1, sizeof *cov);
        for (size_t t = 0; t < size; t++) {
            ck_assert_int_eq(fsq_min_solution_term(m, i, t, lv), 0);
            uint32_t care = 0, val = 0;
            for (size_t j = 0; j < k; j++)
                if (lv[j] != FSQ_DASH) {
                    care |= 1u << j;
                    val |= (uint32_t)lv[j] << j;
                }
            size_t p = 0;
            while (p < nz.npis && (nz.pi_care[p] != care || nz.pi_val[p] != val))
                p++;
            ck_assert_msg(p < nz.npis, "k = %zu: a term is not a prime implicant", k);
            for (size_t v = 0; v < nz.nw; v++)
                cov[v] |= nz.chart[p * nz.nw + v];
            sig[i] = sig[i] * 1000003u + p;
        }
        for (size_t c = 0; c < nz.non; c++)
            ck_assert(cov[c / 64] >> (c % 64) & 1);
        for (size_t j = 0; j < i; j++)
            ck_assert(sig[j] != sig[i]);
        free(cov);
    }
    free(sig);
    free(w);
    mpz_clear(want);
    fsq_min_free(m);
    fsq_tt_free(tt);
    fsq_data_free(d);
    noisy_free(&nz);
}

START_TEST(test_noisy__k8_conservative_and_parsimonious)
{
    check_noisy_case(8, 0);
    check_noisy_case(8, 1);
}
END_TEST

static void add(Suite *s, const char *name, const TTest *test)
{
    TCase *tc = tcase_create(name);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test);
    suite_add_tcase(s, tc);
}

int main(void)
{
    Suite *s = suite_create("noisy");
    add(s, "charts", test_noisy__random_charts_match_subset_enumeration);
    add(s, "k8", test_noisy__k8_conservative_and_parsimonious);
    return fsq_test_run_suite(s);
}
