/* bench_influence: feedback-loop enumeration (src/network/loops.c).
 *
 * Graphs (fixed seed): n elements, each influence i -> j (i != j) present
 * with probability p, intensity 1..3, and "layered" graphs whose influences
 * run mostly forward (i -> j for j > i with probability p, backward with
 * probability 0.05), the shape of a model with a few feedbacks.
 *
 * Measured, as medians over repeats:
 *   fsqca      fsq_network_analyse with max_loop L (loops only: the rest of
 *              the analysis is O(n^3) and negligible here)
 *   dfs        the baseline: a plain depth-first search over every simple
 *              path of at most L vertices from each start through larger
 *              vertices, closing a cycle whenever an edge leads back (the
 *              test suite's brute force, without blocking or distance bound)
 * Both counts are compared (they must agree) and feed the checksum.
 *
 * Usage: bench_influence [--quick] [--repeats R]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsqca/fsqca.h"
#include "timing.h"

static fsq_influence *make_graph(size_t n, double p, int layered, uint64_t seed)
{
    uint64_t st = seed;
    double *w = calloc(n * n, sizeof *w);
    char **names = malloc(n * sizeof *names);
    for (size_t i = 0; i < n; i++) {
        names[i] = malloc(32);
        snprintf(names[i], 32, "E%zu", i);
        for (size_t j = 0; j < n; j++) {
            double q = !layered ? p : j > i ? p : 0.05;
            if (i != j && bench_uniform(&st) < q)
                w[i * n + j] = (double)(1 + bench_rand(&st) % 3);
        }
    }
    fsq_influence *m = NULL;
    if (fsq_influence_new(&m, n, (const char *const *)names, w, NULL, NULL, "bench"))
        fprintf(stderr, "bench_influence: %s\n", fsq_last_error());
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(w);
    return m;
}

static uint64_t dfs(const fsq_influence *m, size_t n, size_t start, size_t v, size_t depth,
                    size_t max_loop, unsigned char *on_path)
{
    uint64_t count = 0;
    for (size_t w = start; w < n; w++) {
        if (fsq_influence_intensity(m, v, w) <= 0)
            continue;
        if (w == start)
            count++;
        else if (!on_path[w] && depth < max_loop) {
            on_path[w] = 1;
            count += dfs(m, n, start, w, depth + 1, max_loop, on_path);
            on_path[w] = 0;
        }
    }
    return count;
}

static uint64_t baseline(const fsq_influence *m, size_t max_loop)
{
    size_t n = fsq_influence_size(m);
    unsigned char *on_path = calloc(n, 1);
    uint64_t count = 0;
    for (size_t s = 0; s < n; s++) {
        on_path[s] = 1;
        count += dfs(m, n, s, s, 1, max_loop, on_path);
        on_path[s] = 0;
    }
    free(on_path);
    return count;
}

int main(int argc, char **argv)
{
    int quick = 0, repeats = 5;
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--quick"))
            quick = 1, repeats = 3;
        else if (!strcmp(argv[a], "--repeats") && a + 1 < argc)
            repeats = atoi(argv[++a]);
        else {
            fprintf(stderr, "usage: bench_influence [--quick] [--repeats R]\n");
            return 2;
        }
    }
    struct {
        size_t n;
        double p;
        int layered;
        size_t max_loop;
    } cases[] = {{11, 0.9, 0, 6}, {20, 0.3, 0, 6}, {30, 0.15, 0, 7}, {40, 0.3, 1, 6},
                 {60, 0.3, 1, 6}};
    size_t ncases = quick ? 3 : sizeof cases / sizeof *cases;
    printf("%-28s %10s %12s %12s %8s\n", "graph", "loops", "fsqca s", "dfs s", "speedup");
    for (size_t c = 0; c < ncases; c++) {
        fsq_influence *m = make_graph(cases[c].n, cases[c].p, cases[c].layered, 42 + c);
        if (!m)
            return 1;
        double tf[16], tb[16];
        size_t nloops = 0;
        uint64_t base = 0;
        fsq_influence_options o = FSQ_INFLUENCE_OPTIONS_INIT;
        o.max_loop = cases[c].max_loop;
        o.max_loops = (size_t)-1;
        o.max_power = 2;
        for (int r = 0; r < repeats && r < 16; r++) {
            double t0 = bench_now();
            fsq_network *net = NULL;
            if (fsq_network_analyse(&net, (const fsq_influence *const *)&m, 1, &o)) {
                fprintf(stderr, "bench_influence: %s\n", fsq_last_error());
                return 1;
            }
            nloops = fsq_network_nloops(net);
            fsq_network_free(net);
            tf[r] = bench_now() - t0;
            t0 = bench_now();
            base = baseline(m, cases[c].max_loop);
            tb[r] = bench_now() - t0;
        }
        bench_sink(nloops);
        bench_sink(base);
        double mf = bench_median(tf, (size_t)repeats), mb = bench_median(tb, (size_t)repeats);
        char label[64];
        snprintf(label, sizeof label, "n=%zu p=%.2f%s L=%zu", cases[c].n, cases[c].p,
                 cases[c].layered ? " layered" : "", cases[c].max_loop);
        printf("%-28s %10zu %12.4f %12.4f %7.1fx%s\n", label, nloops, mf, mb, mb / mf,
               (uint64_t)nloops == base ? "" : "  COUNTS DIFFER");
        fsq_influence_free(m);
    }
    printf("checksum %016llx\n", (unsigned long long)bench_checksum());
    return 0;
}
