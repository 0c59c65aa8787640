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
 *        bench_minimize --class sparse [--repeats R] [--limit SECONDS] [--k K]
 *        bench_minimize --class noisy [--repeats R] [--limit SECONDS] [--k K]
 *
 * Classes "sparse" and "noisy" (issue 8): see bench_sparse, bench_noisy below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/clock.h"
#include "cover/lp.h"
#include "io/data_internal.h"
#include "minimize/colgen.h"
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

/* The truth table of d on every condition, outcome Y, incl.cut incl (NULL
 * with the message printed on failure); *non = its positive rows. */
static fsq_tt *table_of(const fsq_data *d, double incl, size_t *non)
{
    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    to.incl_cut1 = incl;
    fsq_tt *tt = NULL;
    if (!d || fsq_tt_build(&tt, d, "Y", NULL, 0, &to)) {
        fprintf(stderr, "bench_minimize: %s\n", fsq_last_error());
        return NULL;
    }
    *non = 0;
    for (size_t r = 0; r < tt->nrows; r++)
        *non += tt->row_out[r] == FSQ_OUT_1;
    return tt;
}

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

/* ---- class sparse: many conditions, few cases, a planted answer ---------
 *
 * N = 300 cases, each a uniformly random crisp configuration of k
 * conditions (so nearly every case is its own row), outcome = a planted
 * sum of 3 terms of 3 literals on random conditions, no noise;
 * parsimonious solution, incl.cut 1. Measured per k, median of R runs, 1
 * and 2 threads: the whole fsq_minimize (PI phase by column generation
 * when the PIs are too many, proven minimum, every minimum model, fit);
 * the PI phase alone; the columns generated and the PIs listed; the
 * minimum, its LP bound and the models. Baselines in the same run, where
 * they finish within the time limit: the complete PI enumeration (the PI
 * total and its time) and CBC (`cbc`, coinor-cbc) solving the complete PI
 * chart as a set-cover ILP for the minimum size (time includes writing
 * the LP file). */

static fsq_data *generate_sparse(size_t n, size_t k, uint64_t seed, int cond[3][3], int val[3][3])
{
    uint64_t st = seed;
    for (int t = 0; t < 3; t++)
        for (int l = 0; l < 3; l++) {
            int c, dup;
            do {
                c = (int)(bench_rand(&st) % k);
                dup = 0;
                for (int q = 0; q < l; q++)
                    dup |= cond[t][q] == c;
            } while (dup);
            cond[t][l] = c;
            val[t][l] = (int)(bench_rand(&st) & 1);
        }
    fsq_data *d = bench_data_new(n, k, "X");
    if (!d)
        return NULL;
    unsigned char *cases = bench_random_types(n, k, &st);
    for (size_t i = 0; i < n; i++) {
        const unsigned char *bits = cases + i * k;
        int y = 0;
        for (int t = 0; t < 3 && !y; t++)
            y = bits[cond[t][0]] == val[t][0] && bits[cond[t][1]] == val[t][1] &&
                bits[cond[t][2]] == val[t][2];
        for (size_t j = 0; j <= k; j++)
            bench_data_values(d, j)[i] = j < k ? bits[j] : y;
    }
    free(cases);
    return d;
}

/* CBC on the chart as an ILP: returns the minimum or -1 (time, failure). */
static long cbc_minimum(const fsq__model_set *set, double limit, double *seconds)
{
    char lp_path[] = "/tmp/bench_minimize_cbcXXXXXX";
    int fd = mkstemp(lp_path);
    if (fd < 0)
        return -1;
    close(fd);
    char lp_file[64], sol_file[64];
    snprintf(lp_file, sizeof lp_file, "%s.lp", lp_path);
    snprintf(sol_file, sizeof sol_file, "%s.sol", lp_path);
    double t0 = bench_now();
    FILE *f = fopen(lp_file, "w");
    if (!f)
        return -1;
    fprintf(f, "Minimize\n obj:");
    for (size_t i = 0; i < set->npis; i++)
        fprintf(f, "%s x%zu%s", i ? " +" : "", i, i % 16 == 15 ? "\n" : "");
    fprintf(f, "\nSubject To\n");
    for (size_t c = 0; c < set->ncols; c++) {
        fprintf(f, " r%zu:", c);
        int first = 1;
        for (size_t i = 0; i < set->npis; i++)
            if ((set->chart[i * set->nwords + c / 64] >> (c % 64)) & 1) {
                fprintf(f, "%s x%zu", first ? "" : " +", i);
                first = 0;
            }
        fprintf(f, " >= 1\n");
    }
    fprintf(f, "Binary\n");
    for (size_t i = 0; i < set->npis; i++)
        fprintf(f, " x%zu\n", i);
    fprintf(f, "End\n");
    fclose(f);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cbc %s sec %.0f solve solu %s > /dev/null 2>&1", lp_file,
             limit, sol_file);
    long best = -1;
    if (system(cmd) == 0 && (f = fopen(sol_file, "r"))) {
        char line[256];
        double obj;
        if (fgets(line, sizeof line, f) && strncmp(line, "Optimal", 7) == 0 &&
            sscanf(strstr(line, "value") ? strstr(line, "value") + 5 : "", "%lf", &obj) == 1)
            best = (long)(obj + 0.5);
        fclose(f);
    }
    *seconds = bench_now() - t0;
    remove(lp_file);
    remove(sol_file);
    remove(lp_path);
    return best;
}

static int bench_sparse(int repeats, double limit, size_t only_k)
{
    const size_t ks[] = {30, 40, 64, 100, 200};
    const size_t n = 300;
    printf("bench_minimize --class sparse: N = %zu random crisp cases, planted 3 terms x 3 "
           "literals, no noise, parsimonious; median of %d runs, limit %.0f s\n", n, repeats,
           limit);
    printf("%4s %4s | %8s %8s %6s %5s %6s %8s | %8s %8s %8s | %8s %9s | %8s %4s\n", "k", "ON",
           "1T s", "2T s", "min", "LP", "models", "planted", "PI 1T s", "columns", "listed",
           "PIs all", "enum s", "CBC s", "CBC");
    printf("     (then, 1 thread: cover phase seconds to the proven minimum and to the exact "
           "count, and the exact model count)\n");
    for (size_t a = 0; a < sizeof ks / sizeof *ks; a++) {
        size_t k = ks[a];
        double cover_min_s = 0, cover_count_s = 0;
        char exact[64] = "-";
        if (only_k && k != only_k)
            continue;
        int cond[3][3], val[3][3];
        fsq_data *d = generate_sparse(n, k, 4242 + k, cond, val);
        size_t non;
        fsq_tt *tt = table_of(d, 1, &non);
        if (!tt)
            return 1;
        double t1[15], t2[15], tp[15];
        int status = 0;
        size_t size = 0, listed = 0, generated = 0, nmodels = 0;
        double lp = 0;
        int planted_found = 0;
        char why[512] = "";
        for (int r = 0; r < repeats && !status; r++)
            for (int mode = 0; mode < 2 && !status; mode++) {
                fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
                mo.type = FSQ_PARSIMONIOUS;
                mo.threads = mode + 1;
                mo.time_limit = limit;
                fsq_min *m = NULL;
                double t0 = bench_now();
                status = fsq_minimize(&m, tt, &mo);
                (mode ? t2 : t1)[r] = bench_now() - t0;
                if (status)
                    snprintf(why, sizeof why, "%s", fsq_last_error());
                if (!status) {
                    const fsq__model_set *set = &m->main;
                    size = set->cover.size;
                    nmodels = set->cover.nsolutions;
                    listed = set->npis;
                    generated = set->pi_info.generated;
                    lp = set->pi_info.lp_bound;
                    if (mode == 0) {
                        cover_min_s = set->cover.seconds_minimum;
                        cover_count_s = set->cover.seconds_count;
                        snprintf(exact, sizeof exact, "%s", set->cover.count);
                    }
                    /* The planted terms among the minimum models' terms? */
                    planted_found = 0;
                    for (int t = 0; t < 3; t++)
                        for (size_t s = 0; s < nmodels; s++)
                            for (size_t q = 0; q < size; q++) {
                                const unsigned char *cube =
                                    set->pis + set->cover.pis[s * size + q] * k;
                                int lits = 0, match = 1;
                                for (size_t j = 0; j < k; j++)
                                    lits += cube[j] != FSQ__DASH;
                                for (int l = 0; l < 3; l++)
                                    match &= cube[cond[t][l]] == val[t][l];
                                if (match && lits == 3) {
                                    planted_found++;
                                    s = nmodels;
                                    break;
                                }
                            }
                    bench_sink(size * 31 + nmodels + listed);
                }
                fsq_min_free(m);
            }
        /* The PI phase alone (column generation when needed), one thread. */
        unsigned char *on = NULL, *off = NULL;
        size_t non2 = 0, noff = 0;
        on = malloc(tt->nrows * k + 1);
        off = malloc(tt->nrows * k + 1);
        for (size_t r = 0; r < tt->nrows; r++)
            memcpy(tt->row_out[r] == FSQ_OUT_1 ? on + non2++ * k : off + noff++ * k,
                   tt->rows + r * k, k);
        fsq__pi_problem p;
        memset(&p, 0, sizeof p);
        p.k = k;
        p.levels = tt->levels;
        p.mode = FSQ__PI_REMAINDERS;
        p.non = non2;
        p.on = on;
        p.noff = noff;
        p.off = off;
        p.threads = 1;
        p.time_limit = limit;
        for (int r = 0; r < repeats && !status; r++) {
            fsq__pi_result res = {0};
            fsq__pi_info info;
            double t0 = bench_now();
            int rc = fsq__colgen_prime_implicants(&p, &res, &info);
            tp[r] = bench_now() - t0;
            if (rc)
                tp[r] = -1;
            fsq__pi_result_free(&res);
        }
        /* Baselines: the complete enumeration, then CBC on its chart. */
        double enum_s = -1, cbc_s = -1;
        long cbc = -1;
        size_t total = 0;
        {
            fsq__pi_result res = {0};
            p.max_pis = 3000000;
            double t0 = bench_now();
            if (fsq__prime_implicants(&p, &res) == 0) {
                enum_s = bench_now() - t0;
                total = res.npis;
                fsq__model_set set;
                memset(&set, 0, sizeof set);
                set.npis = res.npis;
                set.pis = res.cubes;
                set.ncols = non2;
                if (fsq__pi_chart(tt->levels, k, on, non2, res.cubes, res.npis, &set.chart,
                                  &set.nwords) == 0 && res.npis <= 300000)
                    cbc = cbc_minimum(&set, limit, &cbc_s);
                free(set.chart);
            }
            fsq__pi_result_free(&res);
        }
        free(on);
        free(off);
        if (status) {
            printf("%4zu %4zu | %s\n", k, non, why);
        } else {
            char tot[32], es[32], cs[32], cv[32];
            snprintf(tot, sizeof tot, total ? "%zu" : "-", total);
            snprintf(es, sizeof es, enum_s >= 0 ? "%.3f" : "> limit", enum_s);
            snprintf(cs, sizeof cs, cbc_s >= 0 ? "%.3f" : "-", cbc_s);
            snprintf(cv, sizeof cv, cbc >= 0 ? "%ld" : "-", cbc);
            printf("%4zu %4zu | %8.3f %8.3f %6zu %5.2f %6zu %6d/3 | %8.3f %8zu %8zu | %8s %9s | "
                   "%8s %4s | %.4f %.4f %s\n", k, non, bench_median(t1, (size_t)repeats),
                   bench_median(t2, (size_t)repeats), size, lp, nmodels, planted_found,
                   bench_median(tp, (size_t)repeats), generated, listed, tot, es, cs, cv,
                   cover_min_s, cover_count_s, exact);
        }
        fflush(stdout);
        fsq_tt_free(tt);
        fsq_data_free(d);
    }
    printf("checksum %016llx\n", (unsigned long long)bench_checksum());
    return 0;
}

/* ---- class noisy: ordinary crisp data, noisy outcome ------------------
 *
 * N = 1000 cases, k conditions uniformly random 0/1, outcome the planted
 * C1*C2 + ~C3*C4 + C5*~C6*C7 with 3% of the outcomes flipped, incl.cut 1;
 * conservative and parsimonious. Per cell, median of R runs, 1 and 2
 * threads: the whole fsq_minimize, and within it the time to the proven
 * minimum and to the exact count (the cover phase, measured inside; the
 * first run's figures); the PIs, the minimum, the model count. Baseline in
 * the same run: CBC on the same PI chart as a set-cover ILP (the minimum
 * only; time includes writing the LP file). A run that fails is shown by
 * its message, or, when the cover solver on the same chart (1 thread)
 * proves the minimum and only the count is cut short, by that minimum and
 * the time to it ("min s", the cover phase alone). */

static fsq_data *generate_noisy(size_t n, size_t k, uint64_t seed)
{
    uint64_t st = seed;
    fsq_data *d = bench_data_new(n, k, "C");
    if (!d)
        return NULL;
    unsigned char *cases = bench_random_types(n, k, &st);
    for (size_t i = 0; i < n; i++) {
        const unsigned char *b = cases + i * k;
        int y = (b[0] && b[1]) || (!b[2] && b[3]) || (b[4] && !b[5] && b[6]);
        if (bench_uniform(&st) < 0.03)
            y = !y;
        for (size_t j = 0; j <= k; j++)
            bench_data_values(d, j)[i] = j < k ? b[j] : y;
    }
    free(cases);
    return d;
}

static int bench_noisy(int repeats, double limit, size_t only_k)
{
    const size_t ks[] = {10, 12, 14, 16, 20};
    printf("bench_minimize --class noisy: N = 1000 uniform crisp cases, planted C1*C2 + ~C3*C4 + "
           "C5*~C6*C7, 3%% flipped, incl.cut 1; median of %d runs, limit %.0f s\n", repeats, limit);
    printf("%3s %4s %4s | %8s %8s %8s %8s | %7s %5s %22s | %8s %4s\n", "k", "sol", "ON", "1T s",
           "2T s", "min s", "count s", "PIs", "min", "models", "CBC s", "CBC");
    for (size_t a = 0; a < sizeof ks / sizeof *ks; a++) {
        size_t k = ks[a];
        if (only_k && k != only_k)
            continue;
        fsq_data *d = generate_noisy(1000, k, 777 + k);
        size_t non;
        fsq_tt *tt = table_of(d, 1, &non);
        if (!tt)
            return 1;
        for (int pars = 0; pars < 2; pars++) {
            double t1[15], t2[15], tmin = -1, tcount = -1;
            int status = 0;
            size_t size = 0, npis = 0;
            char count[64] = "-", why[512] = "";
            for (int r = 0; r < repeats && !status; r++)
                for (int mode = 0; mode < 2 && !status; mode++) {
                    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
                    mo.type = pars ? FSQ_PARSIMONIOUS : FSQ_CONSERVATIVE;
                    mo.threads = mode + 1;
                    mo.time_limit = limit;
                    fsq_min *m = NULL;
                    double t0 = bench_now();
                    status = fsq_minimize(&m, tt, &mo);
                    (mode ? t2 : t1)[r] = bench_now() - t0;
                    if (status) {
                        snprintf(why, sizeof why, "%s", fsq_last_error());
                    } else {
                        const fsq__model_set *set = &m->main;
                        size = set->cover.size;
                        npis = set->npis;
                        snprintf(count, sizeof count, "%s", set->cover.count);
                        if (r == 0 && mode == 0) {
                            tmin = set->cover.seconds_minimum;
                            tcount = set->cover.seconds_count;
                        }
                        bench_sink(size * 31 + npis);
                    }
                    fsq_min_free(m);
                }
            /* CBC on the chart (built again, outside the timing above). */
            double cbc_s = -1, chart_min_s = -1;
            long cbc = -1;
            size_t chart_min = 0, chart_pis = 0;
            {
                fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
                mo.type = pars ? FSQ_PARSIMONIOUS : FSQ_CONSERVATIVE;
                mo.time_limit = limit;
                mo.time_start = fsq__now(); /* the chart phases count from here */
                unsigned char *off = malloc(tt->nrows * k + 1);
                size_t noff = 0;
                for (size_t r = 0; r < tt->nrows; r++)
                    if (tt->row_out[r] != FSQ_OUT_1)
                        memcpy(off + noff++ * k, tt->rows + r * k, k);
                fsq__model_set set;
                int rc = pars ? fsq__build_chart(tt, &mo, FSQ__PI_REMAINDERS, off, noff, NULL, 0,
                                                 &set)
                              : fsq__build_chart(tt, &mo, FSQ__PI_EXPLICIT, NULL, 0, NULL, 0, &set);
                if (rc == 0) {
                    if (set.npis <= 300000)
                        cbc = cbc_minimum(&set, limit, &cbc_s);
                    if (status) {
                        /* The run failed: did it prove the minimum, and when? The
                         * cover solver on the same chart keeps that through a count
                         * cut short (1 thread, the same limit). */
                        fsq__cover_problem cp = {set.npis, set.ncols, set.nwords, set.chart,
                                                 1, limit, 1};
                        fsq__cover_result cr;
                        fsq__cover_solve(&cp, &cr);
                        if (cr.seconds_minimum > 0) {
                            chart_min_s = cr.seconds_minimum;
                            chart_min = cr.size;
                        }
                        chart_pis = set.npis;
                        fsq__cover_result_free(&cr);
                    }
                    fsq__model_set_free(&set);
                }
                free(off);
            }
            char cs[32], cv[32];
            snprintf(cs, sizeof cs, cbc_s >= 0 ? "%.3f" : "-", cbc_s);
            snprintf(cv, sizeof cv, cbc >= 0 ? "%ld" : "-", cbc);
            if (status && chart_min_s > 0)
                printf("%3zu %4s %4zu | %8s %8s %8.3f %8s | %7zu %5zu %22s | %8s %4s\n", k,
                       pars ? "pars" : "cons", non, "-", "-", chart_min_s, "limit", chart_pis,
                       chart_min, "(count: time limit)", cs, cv);
            else if (status)
                printf("%3zu %4s %4zu | %-60.60s | %8s %4s\n", k, pars ? "pars" : "cons", non, why,
                       cs, cv);
            else
                printf("%3zu %4s %4zu | %8.3f %8.3f %8.3f %8.3f | %7zu %5zu %22s | %8s %4s\n", k,
                       pars ? "pars" : "cons", non, bench_median(t1, (size_t)repeats),
                       bench_median(t2, (size_t)repeats), tmin, tcount, npis, size, count, cs, cv);
            fflush(stdout);
        }
        fsq_tt_free(tt);
        fsq_data_free(d);
    }
    printf("checksum %016llx\n", (unsigned long long)bench_checksum());
    return 0;
}

int main(int argc, char **argv)
{
    int quick = 0, repeats = 3, only_data = -1, sparse = 0, noisy = 0;
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
        else if (strcmp(argv[a], "--class") == 0 && a + 1 < argc && strcmp(argv[a + 1], "sparse") == 0)
            sparse = ++a;
        else if (strcmp(argv[a], "--class") == 0 && a + 1 < argc && strcmp(argv[a + 1], "noisy") == 0)
            noisy = ++a;
        else {
            fprintf(stderr, "usage: bench_minimize [--quick] [--repeats R] [--limit SECONDS] "
                            "[--k K] [--data crisp|fuzzy] [--class sparse|noisy]\n");
            return 2;
        }
    }
    if (repeats < 1 || repeats > 15)
        repeats = 3;
    if (sparse)
        return bench_sparse(repeats, limit, only_k);
    if (noisy)
        return bench_noisy(repeats, limit, only_k);
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
                size_t non;
                fsq_tt *tt = table_of(d, 0.8, &non);
                if (!tt)
                    return 1;
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
