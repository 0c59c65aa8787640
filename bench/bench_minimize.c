/* bench_minimize: exact minimization on generated data.
 *
 * Data (fixed seed per cell): N cases x k conditions. As in real QCA data
 * (limited diversity) the cases share a limited number of configurations:
 * TYPES random configurations (each condition 1 with probability 1/2), each
 * case one of them at random. The outcome is a planted sum of 3 or 4 terms
 * of 2 to 4 literals on random conditions, flipped for 5% of the cases
 * (noise). Crisp data use the values as they are; fuzzy data map a 1 to a
 * membership uniform in (0.95, 1) and a 0 to one in (0, 0.05), for the
 * conditions and the outcome alike, as calibrated data near their anchors.
 * (With memberships spread towards 0.5, every case's small membership in
 * every row dominates the row sums and every row passes incl.cut: nothing
 * would be left to minimize.) incl.cut = 0.8 for both, so noise does
 * not decide a row. (Uniformly random configurations, every case its own
 * row, give tens of millions of prime implicants at k = 40: a property of
 * such data, not a useful benchmark of QCA practice.)
 *
 * Measured per cell, median of R runs, one thread and all threads:
 * the whole fsq_minimize (PI search, chart, every minimum cover, fit,
 * simplifying assumptions) for the parsimonious and the conservative
 * solution; the number of PIs, of minimum solutions and of PI-search nodes
 * per second. Baseline in the same run, where it finishes within the time
 * limit: plain Quine-McCluskey, merging cubes level by level over the ON
 * rows (conservative) or over ON rows plus every remainder of the 2^k space
 * (parsimonious: only feasible for small k), PI generation only.
 *
 * Usage: bench_minimize [--quick] [--repeats R] [--limit SECONDS] [--k K]
 *                       [--data crisp|fuzzy]   (the last two select cells)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/data_internal.h"
#include "minimize/minimize_internal.h"
#include "datagen.h"
#include "timing.h"

#ifdef _OPENMP
#include <omp.h>
#endif

enum { TYPES = 256 };

typedef struct {
    int nterms;
    int nlit[4];
    int cond[4][4];
    int val[4][4];
} planted;

static fsq_data *generate(size_t n, size_t k, int fuzzy, uint64_t seed, planted *pl)
{
    uint64_t st = seed;
    pl->nterms = 3 + (int)(bench_rand(&st) % 2);
    for (int t = 0; t < pl->nterms; t++) {
        pl->nlit[t] = 2 + (int)(bench_rand(&st) % 3);
        for (int l = 0; l < pl->nlit[t]; l++) {
            int c, dup;
            do {
                c = (int)(bench_rand(&st) % k);
                dup = 0;
                for (int q = 0; q < l; q++)
                    dup |= pl->cond[t][q] == c;
            } while (dup);
            pl->cond[t][l] = c;
            pl->val[t][l] = (int)(bench_rand(&st) & 1);
        }
    }
    fsq_data *d = bench_data_new(n, k, "X");
    if (!d)
        return NULL;
    unsigned char *types = bench_random_types(TYPES, k, &st);
    for (size_t i = 0; i < n; i++) {
        const unsigned char *bits = types + (bench_rand(&st) % TYPES) * k;
        int y = 0;
        for (int t = 0; t < pl->nterms && !y; t++) {
            int all = 1;
            for (int l = 0; l < pl->nlit[t]; l++)
                all &= bits[pl->cond[t][l]] == pl->val[t][l];
            y = all;
        }
        if (bench_uniform(&st) < 0.05)
            y = !y;
        for (size_t j = 0; j <= k; j++) {
            int b = j < k ? bits[j] : y;
            double u = bench_uniform(&st);
            bench_data_values(d, j)[i] = !fuzzy ? b : b ? 0.95 + 0.05 * u : 0.05 * u;
        }
    }
    free(types);
    return d;
}

/* Plain Quine-McCluskey over binary points (k <= 24): cubes are (value, mask)
 * pairs of 32-bit words; level by level, two cubes with the same mask whose
 * values differ in one unmasked bit merge. Returns the number of PIs, or -1
 * when it ran out of time. */
typedef struct {
    uint32_t value, mask;
    unsigned char merged;
} qm_cube;

static int cmp_cube(const void *a, const void *b)
{
    const qm_cube *x = a, *y = b;
    if (x->mask != y->mask)
        return x->mask < y->mask ? -1 : 1;
    return x->value < y->value ? -1 : x->value > y->value;
}

/* A level of more cubes than this counts as not finishing (memory). */
#define QM_MAX_CUBES ((size_t)50 * 1000 * 1000)

static long quine_mccluskey(qm_cube *level, size_t n, size_t k, double deadline)
{
    long primes = 0;
    while (n > 0) {
        qsort(level, n, sizeof *level, cmp_cube);
        size_t m = 0, cap = n;
        qm_cube *next = malloc(cap * sizeof *next);
        for (size_t a = 0; a < n; a++) {
            if (bench_now() > deadline || m > QM_MAX_CUBES) {
                free(next);
                free(level);
                return -1;
            }
            /* Partners differ in one free bit: look each up by binary search. */
            for (size_t j = 0; j < k; j++) {
                uint32_t bit = 1u << j;
                if ((level[a].mask & bit) || (level[a].value & bit))
                    continue;
                qm_cube key = {level[a].value | bit, level[a].mask, 0};
                qm_cube *hit = bsearch(&key, level, n, sizeof *level, cmp_cube);
                if (!hit)
                    continue;
                level[a].merged = hit->merged = 1;
                if (m == cap) {
                    cap *= 2;
                    next = realloc(next, cap * sizeof *next);
                }
                next[m++] = (qm_cube){level[a].value, level[a].mask | bit, 0};
            }
        }
        for (size_t a = 0; a < n; a++)
            primes += !level[a].merged;
        if (m > QM_MAX_CUBES) { /* the next level would not fit: give up */
            free(next);
            free(level);
            return -1;
        }
        /* Deduplicate the next level. */
        qsort(next, m, sizeof *next, cmp_cube);
        size_t w = 0;
        for (size_t a = 0; a < m; a++)
            if (w == 0 || cmp_cube(&next[a], &next[w - 1]) != 0)
                next[w++] = next[a];
        free(level);
        level = next;
        n = w;
    }
    free(level);
    return primes;
}

/* The baseline's input: ON rows (conservative) or ON rows plus all
 * remainders (parsimonious), from the truth table. */
static long baseline(const fsq_tt *tt, int parsimonious, double limit, double *seconds)
{
    size_t k = tt->k;
    if (k > 24 || (parsimonious && k > 16)) {
        *seconds = -1;
        return -1;
    }
    size_t cap = parsimonious ? (size_t)1 << k : tt->nrows + 1, n = 0;
    qm_cube *pts = malloc(cap * sizeof *pts);
    double t0 = bench_now();
    if (parsimonious) {
        unsigned char *off = calloc((size_t)1 << k, 1);
        for (size_t r = 0; r < tt->nrows; r++)
            if (tt->row_out[r] != FSQ_OUT_1) {
                uint32_t v = 0;
                for (size_t j = 0; j < k; j++)
                    v = v << 1 | tt->rows[r * k + j];
                off[v] = 1;
            }
        for (uint32_t v = 0; v < (1u << k); v++)
            if (!off[v])
                pts[n++] = (qm_cube){v, 0, 0};
        free(off);
    } else {
        for (size_t r = 0; r < tt->nrows; r++)
            if (tt->row_out[r] == FSQ_OUT_1) {
                uint32_t v = 0;
                for (size_t j = 0; j < k; j++)
                    v = v << 1 | tt->rows[r * k + j];
                pts[n++] = (qm_cube){v, 0, 0};
            }
    }
    long primes = quine_mccluskey(pts, n, k, t0 + limit);
    *seconds = primes < 0 ? -1 : bench_now() - t0;
    return primes;
}

int main(int argc, char **argv)
{
    int quick = 0, repeats = 3, only_data = -1;
    size_t only_k = 0;
    double limit = 60;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--quick") == 0)
            quick = 1;
        else if (strcmp(argv[a], "--repeats") == 0 && a + 1 < argc)
            repeats = atoi(argv[++a]);
        else if (strcmp(argv[a], "--limit") == 0 && a + 1 < argc)
            limit = atof(argv[++a]);
        else if (strcmp(argv[a], "--k") == 0 && a + 1 < argc)
            only_k = (size_t)atoi(argv[++a]);
        else if (strcmp(argv[a], "--data") == 0 && a + 1 < argc)
            only_data = strcmp(argv[++a], "fuzzy") == 0 ? 1 : 0;
        else {
            fprintf(stderr, "usage: bench_minimize [--quick] [--repeats R] [--limit SECONDS] "
                            "[--k K] [--data crisp|fuzzy]\n");
            return 2;
        }
    }
    if (repeats < 1 || repeats > 15)
        repeats = 3;
    const size_t ks[] = {12, 16, 20, 24, 32, 40};
    const size_t ns[] = {1000, 10000, 100000};
    int threads = 1;
#ifdef _OPENMP
    threads = omp_get_max_threads();
#endif
    printf("bench_minimize: %d configuration types, planted 3-4 terms + 5%% noise; median of %d "
           "runs, time limit %.0f s per search, %d threads available\n", TYPES, repeats, limit,
           threads);
    printf("%-5s %-4s %3s %7s %6s %6s | %6s %9s %9s %11s %11s | %9s\n", "data", "sol", "k", "N",
           "rows", "ON", "PIs", "solutions", "1T s", "NT s", "nodes/s 1T", "QM s");
    for (int fuzzy = 0; fuzzy < 2; fuzzy++)
        for (size_t a = 0; a < sizeof ks / sizeof *ks; a++)
            for (size_t b = 0; b < (quick ? 2 : 3); b++) {
                size_t k = ks[a], n = ns[b];
                if ((quick && k > 24) || (only_k && k != only_k) ||
                    (only_data >= 0 && fuzzy != only_data))
                    continue;
                planted pl;
                fsq_data *d = generate(n, k, fuzzy, 1000 * k + n + (size_t)fuzzy, &pl);
                fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
                to.incl_cut1 = 0.8;
                fsq_tt *tt = NULL;
                if (fsq_tt_build(&tt, d, "Y", NULL, 0, &to)) {
                    fprintf(stderr, "bench_minimize: %s\n", fsq_last_error());
                    return 1;
                }
                size_t non = 0;
                for (size_t r = 0; r < tt->nrows; r++)
                    non += tt->row_out[r] == FSQ_OUT_1;
                for (int pars = 1; pars >= 0; pars--) {
                    double t1[15], tn[15];
                    size_t npis = 0, nsol = 0;
                    uint64_t nodes = 0;
                    int status = 0;
                    for (int r = 0; r < repeats && !status; r++)
                        for (int mode = 0; mode < 2 && !status; mode++) {
                            fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
                            mo.type = pars ? FSQ_PARSIMONIOUS : FSQ_CONSERVATIVE;
                            mo.threads = mode == 0 ? 1 : 0;
                            mo.time_limit = limit;
                            fsq_min *m = NULL;
                            double t0 = bench_now();
                            status = fsq_minimize(&m, tt, &mo);
                            (mode ? tn : t1)[r] = bench_now() - t0;
                            if (!status) {
                                npis = m->main.npis;
                                nsol = m->main.cover.nsolutions;
                                nodes = m->main.pi_nodes + m->main.cover.nodes;
                                bench_sink(npis * 31 + nsol);
                            }
                            fsq_min_free(m);
                        }
                    double qm_s;
                    long qm = baseline(tt, pars, limit, &qm_s);
                    if (qm >= 0)
                        bench_sink((uint64_t)qm);
                    char qm_text[32];
                    if (qm_s < 0)
                        snprintf(qm_text, sizeof qm_text, k > 24 || (pars && k > 16)
                                                               ? "n/a" : "> limit");
                    else
                        snprintf(qm_text, sizeof qm_text, "%.4f", qm_s);
                    if (status) {
                        printf("%-5s %-4s %3zu %7zu %6zu %6zu | %s\n", fuzzy ? "fuzzy" : "crisp",
                               pars ? "pars" : "cons", k, n, tt->nrows, non,
                               status == FSQ_ELIMIT ? "stopped at the time limit"
                                                    : fsq_last_error());
                    } else {
                        double m1 = bench_median(t1, (size_t)repeats);
                        double mn = bench_median(tn, (size_t)repeats);
                        printf("%-5s %-4s %3zu %7zu %6zu %6zu | %6zu %9zu %9.4f %11.4f %11.3e | "
                               "%9s\n", fuzzy ? "fuzzy" : "crisp", pars ? "pars" : "cons", k, n,
                               tt->nrows, non, npis, nsol, m1, mn, (double)nodes / m1, qm_text);
                    }
                    fflush(stdout);
                }
                fsq_tt_free(tt);
                fsq_data_free(d);
            }
    printf("checksum %016llx\n", (unsigned long long)bench_checksum());
    return 0;
}
