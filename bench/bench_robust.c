/* bench_robust: bootstrap replicates per second, fsqca's engine against the
 * naive loop.
 *
 * Data (fixed seed):
 *   generated  500 cases x 6 fuzzy conditions; each case near one of 24
 *              prototype configurations (memberships in (0.55, 1) or
 *              (0, 0.45)), outcome 0.85 * max(min(C0, C1), min(C2, ~C3))
 *              + 0.15 * noise, so the data have a solution to find;
 *   survey     datasets/survey.csv (path argument, default
 *              "datasets/survey.csv"), every scale calibrated with
 *              e=2, c=4.5, i=6; outcome DSO, conditions TF AD AG RB CF.
 * incl.cut 0.8, parsimonious solutions, seed 1.
 *
 * Measured (wall time of the whole run, median over R repeats):
 *   fsqca-1T     fsq_robust_resample on one thread (reuse of identical
 *                tables on, as by default)
 *   fsqca-NT     the same on all threads
 *   no-reuse-1T  one thread with reuse off: every replicate minimized
 *   naive        for each replicate: a new fsq_data holding the resampled
 *                cases (case i repeated by its multiplicity), fsq_tt_build,
 *                fsq_minimize, one at a time on one thread; run on at most
 *                `naive_max` replicates and reported per replicate
 * Replicates per second = B / time. The naive loop and the engine see the
 * same replicates (the same generator); their solutions are compared and
 * the count of mismatches printed (expected 0). Everything feeds the
 * checksum.
 *
 * Usage: bench_robust [--quick] [--repeats R] [SURVEY.csv]
 *
 * Streaming (issue 9): bench_robust --stream B --data survey|generated
 *   [--threads T] runs B bootstrap replicates with bounded memory
 *   (options.keep = 0) into a stream file, reports replicates per second and
 *   the process's peak resident memory (getrusage; one run per process, so
 *   the peak is this run's), then times fsq_robust_merge of that file into a
 *   second one and checks the two are byte-identical.
 * bench_robust --write-csv FILE writes the generated 500 x 6 data set (for
 *   bench/bench_mpi.sh, which times the CLI under mpirun).
 */
#include <sys/resource.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/data_internal.h"
#include "robust/resample.h"
#include "datagen.h"
#include "timing.h"

#ifdef _OPENMP
#include <omp.h>
#endif

enum { PROTOTYPES = 24 };

static fsq_data *generate(size_t n, size_t k, uint64_t seed)
{
    fsq_data *d = bench_data_new(n, k, "C");
    if (!d)
        return NULL;
    uint64_t st = seed;
    unsigned char *proto = bench_random_types(PROTOTYPES, k, &st);
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = proto + (bench_rand(&st) % PROTOTYPES) * k;
        double *x = malloc(k * sizeof *x);
        for (size_t j = 0; j < k; j++) {
            double u = bench_uniform(&st);
            x[j] = p[j] ? 0.55 + 0.45 * u : 0.45 * u;
            bench_data_values(d, j)[i] = x[j];
        }
        double a = x[0] < x[1] ? x[0] : x[1], b = x[2] < 1 - x[3] ? x[2] : 1 - x[3];
        bench_data_values(d, k)[i] = 0.85 * (a > b ? a : b) + 0.15 * bench_uniform(&st);
        free(x);
    }
    free(proto);
    return d;
}

static const char *const sv_vars[] = {"TF", "AD", "AG", "RB", "CF", "DSO"};

static fsq_data *load_survey(const char *path)
{
    fsq_data *d = NULL;
    fsq_csv_options co = FSQ_CSV_OPTIONS_INIT;
    if (fsq_data_read_csv(&d, path, &co)) {
        fprintf(stderr, "bench_robust: %s\n", fsq_last_error());
        return NULL;
    }
    double th[3] = {2, 4.5, 6};
    fsq_calib_options cal = FSQ_CALIB_OPTIONS_INIT;
    cal.nthresholds = 3;
    cal.thresholds = th;
    size_t n = fsq_data_ncases(d);
    double *v = malloc(n * sizeof *v);
    for (size_t j = 0; j < 6; j++) {
        long c = fsq_data_find_var(d, sv_vars[j]);
        if (c < 0 || fsq_calibrate(fsq_data_column(d, (size_t)c), n, &cal, v) ||
            fsq_data_set_column(d, sv_vars[j], v)) {
            fprintf(stderr, "bench_robust: calibrating %s: %s\n", sv_vars[j], fsq_last_error());
            fsq_data_free(d);
            free(v);
            return NULL;
        }
    }
    free(v);
    return d;
}

/* The resampled data set: case i repeated mult[i] times. */
static fsq_data *resampled(const fsq_data *d, const long *cols, size_t ncols,
                           const uint32_t *mult)
{
    size_t n = fsq_data_ncases(d), m = 0;
    for (size_t i = 0; i < n; i++)
        m += mult[i];
    fsq_data *r = NULL;
    if (fsq__data_alloc(&r, "resample", ncols, m))
        return NULL;
    for (size_t j = 0; j < ncols; j++) {
        r->vars[j].name = strdup(fsq_data_var_name(d, (size_t)cols[j]));
        r->vars[j].file_col = j + 2;
        r->vars[j].values = malloc((m ? m : 1) * sizeof(double));
    }
    size_t at = 0;
    for (size_t i = 0; i < n; i++)
        for (uint32_t c = 0; c < mult[i]; c++, at++) {
            r->ids[at] = strdup(fsq_data_case_id(d, i));
            r->lines[at] = at + 2;
            for (size_t j = 0; j < ncols; j++)
                r->vars[j].values[at] = fsq_data_column(d, (size_t)cols[j])[i];
        }
    return r;
}

typedef struct {
    const char *name;
    fsq_data *data;
    const char *outcome;
    const char *const *conds;
    size_t k;
} dataset;

static int run_engine(const fsq_tt *tt, size_t B, int threads, int reuse, double *secs,
                      const fsq_robust_run **keep, fsq_robust_run **owned)
{
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    o.replicates = B;
    o.seed = 1;
    o.threads = threads;
    o.reuse = reuse;
    fsq_robust_run *run = NULL;
    double t0 = bench_now();
    if (fsq_robust_resample(&run, tt, &o)) {
        fprintf(stderr, "bench_robust: %s\n", fsq_last_error());
        return 1;
    }
    *secs = bench_now() - t0;
    for (size_t r = 0; r < B; r++) {
        bench_sink(fsq_robust_run_nsolutions(run, r));
        if (fsq_robust_run_nsolutions(run, r)) {
            double a, b, c;
            fsq_robust_run_fit(run, r, 0, &a, &b, &c);
            bench_sink((uint64_t)(a * 1e12));
        }
    }
    if (keep) {
        fsq_robust_run_free(*owned);
        *owned = run;
        *keep = run;
    } else {
        fsq_robust_run_free(run);
    }
    return 0;
}

/* The naive loop over the first nb replicates; counts solution mismatches
 * against the engine's run. */
static int run_naive(const dataset *ds, size_t nb, const fsq_robust_run *ref, double *secs,
                     size_t *mismatches)
{
    size_t n = fsq_data_ncases(ds->data), ncols = ds->k + 1;
    long cols[16];
    for (size_t j = 0; j < ds->k; j++)
        cols[j] = fsq_data_find_var(ds->data, ds->conds[j]);
    cols[ds->k] = fsq_data_find_var(ds->data, ds->outcome);
    uint32_t *mult = malloc(n * sizeof *mult);
    *mismatches = 0;
    double t0 = bench_now();
    for (size_t r = 0; r < nb; r++) {
        fsq__resample_bootstrap(mult, n, 1, r);
        fsq_data *d = resampled(ds->data, cols, ncols, mult);
        fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
        to.incl_cut1 = 0.8;
        to.threads = 1;
        fsq_tt *tt = NULL;
        fsq_min *min = NULL;
        if (!d || fsq_tt_build(&tt, d, ds->outcome, ds->conds, ds->k, &to)) {
            fprintf(stderr, "bench_robust: naive: %s\n", fsq_last_error());
            return 1;
        }
        fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
        mo.type = FSQ_PARSIMONIOUS;
        mo.threads = 1;
        int rc = fsq_minimize(&min, tt, &mo);
        size_t nsol = rc ? 0 : fsq_min_nsolutions(min);
        bench_sink(nsol);
        if (nsol != fsq_robust_run_nsolutions(ref, r))
            ++*mismatches;
        else if (nsol) {
            char *t = fsq_min_solution_text(min, 0);
            *mismatches += strcmp(t, fsq_robust_run_solution(ref, r, 0)) != 0;
            free(t);
            double a, b, c;
            fsq_min_solution_fit(min, 0, &a, &b, &c);
            bench_sink((uint64_t)(a * 1e12));
        }
        fsq_min_free(min);
        fsq_tt_free(tt);
        fsq_data_free(d);
    }
    *secs = bench_now() - t0;
    free(mult);
    return 0;
}

static int same_files(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    while (same) {
        int ca = getc(fa), cb = getc(fb);
        same = ca == cb;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* --stream: one bounded-memory run into a file, then a merge of it. */
static int stream_bench(const fsq_data *data, const char *name, const char *outcome,
                        const char *const *conds, size_t k, size_t B, int threads)
{
    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    to.incl_cut1 = 0.8;
    fsq_tt *tt = NULL;
    fsq_robust_run *run = NULL, *merged = NULL;
    fsq_robust_merge *m = NULL;
    char path[64], path2[64];
    snprintf(path, sizeof path, "bench_stream.%ld.jsonl.zst", (long)getpid());
    snprintf(path2, sizeof path2, "bench_merged.%ld.jsonl.zst", (long)getpid());
    if (fsq_tt_build(&tt, data, outcome, conds, k, &to))
        goto fail;
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    o.replicates = B;
    o.seed = 1;
    o.threads = threads;
    o.keep = 0;
    o.stream_path = path;
    o.stream_identity = "bench";
    struct rusage ru0, ru;
    getrusage(RUSAGE_SELF, &ru0);
    double t0 = bench_now();
    if (fsq_robust_resample(&run, tt, &o))
        goto fail;
    double t1 = bench_now();
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)(ru.ru_utime.tv_sec - ru0.ru_utime.tv_sec + ru.ru_stime.tv_sec -
                          ru0.ru_stime.tv_sec) +
                 1e-6 * (double)(ru.ru_utime.tv_usec - ru0.ru_utime.tv_usec + ru.ru_stime.tv_usec -
                                 ru0.ru_stime.tv_usec);
    if (fsq_robust_merge_new(&m, path2, 0) || fsq_robust_merge_file(m, path) ||
        fsq_robust_merge_finish(m, &merged))
        goto fail;
    double t2 = bench_now();
    bench_sink(fsq_robust_run_summary(merged)->nmodels);
    printf("%-9s B %8zu threads %d | %8.2f s %8.0f rep/s | CPU %7.2f s %8.0f rep/CPU-s | peak "
           "RSS %6.1f MB | merge %6.2f s (%8.0f rep/s) | merged == stream: %s\n", name, B,
           threads, t1 - t0, (double)B / (t1 - t0), cpu, (double)B / cpu,
           (double)ru.ru_maxrss / 1024.0, t2 - t1, (double)B / (t2 - t1),
           same_files(path, path2) ? "yes" : "NO");
    remove(path);
    remove(path2);
    fsq_robust_merge_free(m);
    fsq_robust_run_free(run);
    fsq_robust_run_free(merged);
    fsq_tt_free(tt);
    return 0;
fail:
    fprintf(stderr, "bench_robust: %s\n", fsq_last_error());
    remove(path);
    remove(path2);
    return 1;
}

static int write_csv(const fsq_data *d, const char *path)
{
    FILE *f = fopen(path, "w");
    size_t n = fsq_data_ncases(d), k = fsq_data_nvars(d);
    if (!f)
        return 1;
    fputs("id", f);
    for (size_t j = 0; j < k; j++)
        fprintf(f, ",%s", fsq_data_var_name(d, j));
    fputc('\n', f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "c%zu", i + 1);
        for (size_t j = 0; j < k; j++)
            fprintf(f, ",%.17g", fsq_data_column(d, j)[i]);
        fputc('\n', f);
    }
    return fclose(f) != 0;
}

int main(int argc, char **argv)
{
    int quick = 0, repeats = 1, sthreads = 0;
    size_t stream_B = 0;
    const char *survey = "datasets/survey.csv", *sdata = "survey", *csv = NULL;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--stream") == 0 && a + 1 < argc)
            stream_B = (size_t)strtoull(argv[++a], NULL, 10);
        else if (strcmp(argv[a], "--data") == 0 && a + 1 < argc)
            sdata = argv[++a];
        else if (strcmp(argv[a], "--threads") == 0 && a + 1 < argc)
            sthreads = atoi(argv[++a]);
        else if (strcmp(argv[a], "--write-csv") == 0 && a + 1 < argc)
            csv = argv[++a];
        else if (strcmp(argv[a], "--quick") == 0)
            quick = 1;
        else if (strcmp(argv[a], "--repeats") == 0 && a + 1 < argc)
            repeats = atoi(argv[++a]);
        else if (argv[a][0] != '-')
            survey = argv[a];
        else {
            fprintf(stderr, "usage: bench_robust [--quick] [--repeats R] [SURVEY.csv]\n"
                            "       bench_robust --stream B [--data survey|generated] [--threads T]\n"
                            "       bench_robust --write-csv FILE\n");
            return 2;
        }
    }
    if (repeats < 1 || repeats > 15)
        repeats = 1;
    int threads = 1;
#ifdef _OPENMP
    threads = omp_get_max_threads();
#endif
    static const char *const gen_conds[] = {"C1", "C2", "C3", "C4", "C5", "C6"};
    static const char *const sv_conds[] = {"TF", "AD", "AG", "RB", "CF"};
    dataset sets[2] = {{"generated", generate(500, 6, 20240601), "Y", gen_conds, 6},
                       {"survey", load_survey(survey), "DSO", sv_conds, 5}};
    if (!sets[0].data || !sets[1].data)
        return 1;
    if (csv)
        return write_csv(sets[0].data, csv);
    if (stream_B) {
        int s = strcmp(sdata, "generated") == 0 ? 0 : 1;
        return stream_bench(sets[s].data, sets[s].name, sets[s].outcome, sets[s].conds,
                            sets[s].k, stream_B, sthreads);
    }
    const size_t Bs[2] = {quick ? 200 : 1000, quick ? 1000 : 10000};
    const size_t naive_max = quick ? 100 : 1000;
    printf("bench_robust: bootstrap, parsimonious, incl.cut 0.8, seed 1; median of %d; %d "
           "threads available\n", repeats, threads);
    printf("%-9s %4s %6s | %9s %9s %9s | %10s %10s %10s %10s | %8s %8s | %s\n", "data", "N",
           "B", "1T s", "NT s", "noreuse s", "1T rep/s", "NT rep/s", "noreuse/s", "naive/s",
           "1T/naive", "NT/naive", "naive B, mism.");
    for (int s = 0; s < 2; s++) {
        fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
        to.incl_cut1 = 0.8;
        fsq_tt *tt = NULL;
        if (fsq_tt_build(&tt, sets[s].data, sets[s].outcome, sets[s].conds, sets[s].k, &to)) {
            fprintf(stderr, "bench_robust: %s\n", fsq_last_error());
            return 1;
        }
        for (int bi = 0; bi < 2; bi++) {
            size_t B = Bs[bi];
            double t1[15], tn[15], tr[15];
            const fsq_robust_run *ref = NULL;
            fsq_robust_run *owned = NULL;
            for (int r = 0; r < repeats; r++)
                if (run_engine(tt, B, 1, 1, &t1[r], &ref, &owned) ||
                    run_engine(tt, B, threads, 1, &tn[r], NULL, NULL) ||
                    run_engine(tt, B, 1, 0, &tr[r], NULL, NULL))
                    return 1;
            size_t nb = B < naive_max ? B : naive_max, mism;
            double tv;
            if (run_naive(&sets[s], nb, ref, &tv, &mism))
                return 1;
            double m1 = bench_median(t1, (size_t)repeats), mn = bench_median(tn, (size_t)repeats);
            double mr = bench_median(tr, (size_t)repeats), naive_rate = (double)nb / tv;
            printf("%-9s %4zu %6zu | %9.3f %9.3f %9.3f | %10.0f %10.0f %10.0f %10.0f | %8.1f "
                   "%8.1f | %zu, %zu\n", sets[s].name, fsq_data_ncases(sets[s].data), B, m1, mn,
                   mr, (double)B / m1, (double)B / mn, (double)B / mr, naive_rate,
                   (double)B / m1 / naive_rate, (double)B / mn / naive_rate, nb, mism);
            fflush(stdout);
            fsq_robust_run_free(owned);
        }
        fsq_tt_free(tt);
    }
    fsq_data_free(sets[0].data);
    fsq_data_free(sets[1].data);
    printf("checksum %016llx\n", (unsigned long long)bench_checksum());
    return 0;
}
