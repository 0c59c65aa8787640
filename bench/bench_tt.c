/* bench_tt: truth-table construction on generated fuzzy data.
 *
 * Data (fixed seed): N cases x k fuzzy conditions and a fuzzy outcome. Each
 * case is drawn around one of P = 128 prototype configurations: a membership
 * is uniform in (0.55, 1) where the prototype has a 1 and in (0, 0.45) where
 * it has a 0, so the data have min(P, 2^k) observed rows and every case has
 * a nonzero membership in every row (the general fuzzy case: no sum can be
 * skipped). The outcome is uniform in (0, 1).
 *
 * Measured, as medians over repeats:
 *   fsqca-1T   fsq_tt_build with one thread (grouping + all sums)
 *   fsqca-NT   fsq_tt_build with all threads
 *   scalar     a plain loop, row at a time, case at a time, over a case-major
 *              matrix: the sums alone, with the rows handed to it for free
 * and case-rows per second = N x rows / time. The scalar loop's incl values
 * are compared with fsqca's (max abs difference printed) and both feed the
 * checksum so no work can be dropped.
 *
 * Usage: bench_tt [--quick] [--repeats R]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/data_internal.h"
#include "datagen.h"
#include "timing.h"
#include "tt/tt_internal.h"

#ifdef _OPENMP
#include <omp.h>
#endif

enum { PROTOTYPES = 128 };

static fsq_data *generate(size_t n, size_t k, uint64_t seed, double **case_major)
{
    fsq_data *d = bench_data_new(n, k, "C");
    if (!d)
        return NULL;
    uint64_t st = seed;
    unsigned char *proto = bench_random_types(PROTOTYPES, k, &st);
    *case_major = malloc(n * (k + 1) * sizeof **case_major);
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = proto + (bench_rand(&st) % PROTOTYPES) * k;
        for (size_t j = 0; j < k; j++) {
            double u = bench_uniform(&st);
            double x = p[j] ? 0.55 + 0.45 * u : 0.45 * u;
            bench_data_values(d, j)[i] = x;
            (*case_major)[i * (k + 1) + j] = x;
        }
        double y = bench_uniform(&st);
        bench_data_values(d, k)[i] = y;
        (*case_major)[i * (k + 1) + k] = y;
    }
    free(proto);
    return d;
}

/* The naive way: for each row, for each case, the minimum over conditions. */
static void scalar_sums(const double *cm, size_t n, size_t k, const unsigned char *rows,
                        size_t nrows, double *incl)
{
    for (size_t r = 0; r < nrows; r++) {
        double sx = 0, sxy = 0;
        for (size_t i = 0; i < n; i++) {
            const double *c = cm + i * (k + 1);
            double m = 1;
            for (size_t j = 0; j < k; j++) {
                double v = rows[r * k + j] ? c[j] : 1 - c[j];
                m = v < m ? v : m;
            }
            double y = c[k];
            sx += m;
            sxy += m < y ? m : y;
        }
        incl[r] = sxy / sx;
    }
}

int main(int argc, char **argv)
{
    int quick = 0, repeats = 0;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--quick") == 0)
            quick = 1;
        else if (strcmp(argv[a], "--repeats") == 0 && a + 1 < argc)
            repeats = atoi(argv[++a]);
        else {
            fprintf(stderr, "usage: bench_tt [--quick] [--repeats R]\n");
            return 2;
        }
    }
    const size_t ns[] = {10000, 100000, 1000000};
    const size_t ks[] = {8, 16, 32};
    int threads = 1;
#ifdef _OPENMP
    threads = omp_get_max_threads();
#endif
    printf("bench_tt: truth-table build, fuzzy data, %d prototypes, median of R runs; "
           "%d threads available\n", PROTOTYPES, threads);
    printf("%8s %3s %5s %2s | %10s %10s %10s | %12s %12s %12s | %7s %7s | %s\n", "N", "k", "rows",
           "R", "fsqca-1T s", "fsqca-NT s", "scalar s", "1T c-r/s", "NT c-r/s", "scalar c-r/s",
           "1T/sc", "NT/sc", "max|diff|");
    for (size_t a = 0; a < (quick ? 2 : 3); a++) {
        for (size_t b = 0; b < 3; b++) {
            size_t n = ns[a], k = ks[b];
            int reps = repeats > 0 ? repeats : (n >= 1000000 ? 3 : 5);
            double *cm = NULL;
            fsq_data *d = generate(n, k, 42 + 1000 * a + b, &cm);
            double t1[16], tn[16], ts[16];
            fsq_tt *tt = NULL;
            for (int r = 0; r < reps; r++) {
                for (int mode = 0; mode < 2; mode++) {
                    fsq_tt_options o = FSQ_TT_OPTIONS_INIT;
                    o.threads = mode == 0 ? 1 : 0;
                    fsq_tt_free(tt);
                    tt = NULL;
                    double t0 = bench_now();
                    if (fsq_tt_build(&tt, d, "Y", NULL, 0, &o)) {
                        fprintf(stderr, "bench_tt: %s\n", fsq_last_error());
                        return 1;
                    }
                    (mode == 0 ? t1 : tn)[r] = bench_now() - t0;
                }
            }
            size_t nrows = fsq_tt_nrows(tt);
            double *incl = malloc(nrows * sizeof *incl);
            for (int r = 0; r < reps; r++) {
                double t0 = bench_now();
                scalar_sums(cm, n, k, tt->rows, nrows, incl);
                ts[r] = bench_now() - t0;
            }
            double maxdiff = 0;
            for (size_t r = 0; r < nrows; r++) {
                double dlt = fabs(incl[r] - fsq_tt_row_incl(tt, r));
                maxdiff = dlt > maxdiff ? dlt : maxdiff;
                bench_sink((uint64_t)(incl[r] * 1e12) ^ (uint64_t)(fsq_tt_row_incl(tt, r) * 1e12));
            }
            double m1 = bench_median(t1, (size_t)reps), mn = bench_median(tn, (size_t)reps);
            double ms = bench_median(ts, (size_t)reps), cr = (double)n * (double)nrows;
            printf("%8zu %3zu %5zu %2d | %10.4f %10.4f %10.4f | %12.3e %12.3e %12.3e | %7.1f %7.1f "
                   "| %.1e\n", n, k, nrows, reps, m1, mn, ms, cr / m1, cr / mn, cr / ms, ms / m1,
                   ms / mn, maxdiff);
            fflush(stdout);
            free(incl);
            free(cm);
            fsq_tt_free(tt);
            fsq_data_free(d);
        }
    }
    printf("checksum %016llx\n", (unsigned long long)bench_checksum());
    return 0;
}
