/* Prime implicants when every configuration that is not OFF is a don't-care
 * (parsimonious solutions), by minimal transversals.
 *
 * Contract: in, ON and OFF configurations (digits, disjoint); out, every
 * prime implicant (a cube containing no OFF configuration, none of whose
 * literals can be dropped) in QCA's order (prime.h). The prod(levels) space
 * is never enumerated.
 *
 * Maths. Fix an ON configuration a. A cube through a is a's restriction to a
 * condition set S; it avoids the OFF configuration b iff S hits
 * D_b = {j : a_j != b_j}. So the implicants through a are the transversals of
 * {D_b : b in OFF} and the prime ones are the minimal transversals (a prime
 * implicant is a cube through each ON configuration it contains, and dropping
 * a literal from it keeps it through a). Supersets among the D_b change
 * nothing, so the family is first reduced to its minimal sets. Each prime is
 * found from every ON configuration it contains; it is kept only when a is
 * the first of them (in input order), so no global deduplication is needed:
 * a test against the earlier ON configurations is an AND of per-literal
 * bitsets over ON configurations.
 *
 * Search: MMCS (Murakami & Uno, Discrete Applied Math. 2014). A node holds a
 * minimal partial transversal S, the candidate set CAND, the uncovered edges
 * and, for each f in S, crit(f) = the edges hit by f alone. It branches on
 * the uncovered edge with the fewest candidates; adding e keeps S minimal iff
 * every crit(f) keeps an edge outside e's edges. Every minimal transversal is
 * reached exactly once. Edge sets are bitsets over the (reduced) edges, so a
 * node costs O(|S| m / 64) word operations, plus O(m) for the branching
 * choice; scratch space is per thread and allocated once.
 *
 * Threads: ON configurations are independent tasks (OpenMP, dynamic
 * schedule); per-thread result buffers are merged and sorted by QCA's
 * discovery key, so the output is identical for any thread count.
 */
#include "prime/prime.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "common/bits.h"
#include "common/error.h"

enum { STOP_NONE = 0, STOP_PIS, STOP_TIME, STOP_NOMEM, STOP_INPUT };

/* A prime implicant as found: its fixed conditions and the (first) ON
 * configuration it contains, whose levels it takes. */
typedef struct {
    uint64_t set;
    size_t on;
} found_pi;

typedef struct {
    const fsq__pi_problem *p;
    size_t k;
    size_t nplanes;            /* bit planes per configuration */
    uint64_t *on_planes;       /* non x nplanes: plane b holds bit b of every digit */
    uint64_t *off_planes;      /* noff x nplanes */
    uint64_t *on_bits;         /* (condition, level) x on_words: ON configurations at that level */
    size_t *level_offset;      /* k: first (condition, level) row of each condition */
    size_t on_words;
    double deadline;           /* 0: none */
    atomic_size_t npis;
    atomic_int stop;
    atomic_size_t bad_on;      /* first ON configuration equal to an OFF one, + 1 */
} shared_ctx;

typedef struct {
    shared_ctx *sh;
    uint64_t *edges;           /* reduced family {D_b} for the current ON configuration */
    size_t nedges, words;      /* words = bitset length over the current edges */
    size_t maxwords;           /* stride of the bitsets below */
    uint64_t *occ;             /* k x maxwords: edges containing each condition */
    uint64_t *uncov;           /* (k + 2) x maxwords: uncovered edges per depth */
    uint64_t *crit;            /* triangle: depth d holds d bitsets */
    uint64_t set;              /* current S */
    size_t on_index;
    const unsigned char *a;
    uint64_t nodes, next_check;
    found_pi *found;
    size_t nfound, capfound;
    size_t pending;            /* PIs not yet added to the shared count */
} worker;

static size_t tri(size_t d)
{
    return d * (d - 1) / 2;
}

static int stopped(const shared_ctx *sh)
{
    return atomic_load_explicit(&sh->stop, memory_order_relaxed) != STOP_NONE;
}

static void request_stop(shared_ctx *sh, int why)
{
    int none = STOP_NONE;
    atomic_compare_exchange_strong(&sh->stop, &none, why);
}

static void flush_count(worker *w)
{
    shared_ctx *sh = w->sh;
    size_t total = atomic_fetch_add_explicit(&sh->npis, w->pending, memory_order_relaxed) + w->pending;
    w->pending = 0;
    if (sh->p->max_pis && total > sh->p->max_pis)
        request_stop(sh, STOP_PIS);
}

/* Keeps S if no earlier ON configuration lies in the cube a|S. */
static void emit(worker *w)
{
    shared_ctx *sh = w->sh;
    size_t i = w->on_index;
    if (i > 0) {
        size_t last = (i - 1) / 64;
        for (size_t wi = 0; wi <= last; wi++) {
            uint64_t acc = ~UINT64_C(0);
            if (wi == last && i % 64 != 0)
                acc = (UINT64_C(1) << (i % 64)) - 1;
            for (uint64_t s = w->set; s && acc; s &= s - 1) {
                int j = fsq__ctz64(s);
                acc &= sh->on_bits[(sh->level_offset[j] + w->a[j]) * sh->on_words + wi];
            }
            if (acc)
                return; /* found (or will be) from that earlier ON configuration */
        }
    }
    if (w->nfound == w->capfound) {
        size_t cap = w->capfound ? 2 * w->capfound : 64;
        found_pi *grown = realloc(w->found, cap * sizeof *grown);
        if (grown == NULL) {
            request_stop(sh, STOP_NOMEM);
            return;
        }
        w->found = grown;
        w->capfound = cap;
    }
    w->found[w->nfound].set = w->set;
    w->found[w->nfound].on = i;
    w->nfound++;
    /* The shared count only serves --max-pis; it is updated in batches so
     * threads do not fight over its cache line. */
    if (sh->p->max_pis && ++w->pending >= 64)
        flush_count(w);
}

static void mmcs(worker *w, size_t d, uint64_t cand)
{
    shared_ctx *sh = w->sh;
    if (stopped(sh))
        return;
    if (++w->nodes >= w->next_check) {
        w->next_check = w->nodes + 4096;
        if (sh->deadline > 0 && fsq__pi_now() > sh->deadline) {
            request_stop(sh, STOP_TIME);
            return;
        }
    }
    const size_t mw = w->maxwords, nw = w->words;
    const uint64_t *uncov = w->uncov + d * mw;

    /* Branch on the uncovered edge with the fewest candidates; an edge with
     * none cannot be hit any more, so the branch is dead. */
    int best_count = 65;
    size_t best = 0;
    for (size_t wi = 0; wi < nw; wi++)
        for (uint64_t x = uncov[wi]; x; x &= x - 1) {
            size_t e = wi * 64 + (size_t)fsq__ctz64(x);
            int c = fsq__popcount64(w->edges[e] & cand);
            if (c < best_count) {
                if (c == 0)
                    return;
                best_count = c;
                best = e;
            }
        }
    if (best_count == 65) {
        emit(w);
        return;
    }

    uint64_t branch = w->edges[best] & cand;
    cand &= ~branch;
    const uint64_t *crit_d = w->crit + tri(d) * mw;
    uint64_t *crit_n = w->crit + tri(d + 1) * mw;
    uint64_t *uncov_n = w->uncov + (d + 1) * mw;
    for (uint64_t rest = branch; rest; rest &= rest - 1) {
        int e = fsq__ctz64(rest);
        const uint64_t *occ_e = w->occ + (size_t)e * mw;
        int minimal = 1;
        /* S + e stays minimal iff every f in S keeps a private edge. */
        for (size_t f = 0; f < d && minimal; f++) {
            uint64_t any = 0;
            for (size_t wi = 0; wi < nw; wi++) {
                uint64_t v = crit_d[f * mw + wi] & ~occ_e[wi];
                crit_n[f * mw + wi] = v;
                any |= v;
            }
            minimal = any != 0;
        }
        if (minimal) {
            for (size_t wi = 0; wi < nw; wi++) {
                crit_n[d * mw + wi] = uncov[wi] & occ_e[wi];
                uncov_n[wi] = uncov[wi] & ~occ_e[wi];
            }
            w->set |= UINT64_C(1) << e;
            mmcs(w, d + 1, cand);
            w->set &= ~(UINT64_C(1) << e);
            if (stopped(sh))
                return;
        }
        cand |= UINT64_C(1) << e;
    }
}

static int cmp_edge(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    int pa = fsq__popcount64(a), pb = fsq__popcount64(b);
    if (pa != pb)
        return pa < pb ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* Builds the minimal difference sets of ON configuration i and runs MMCS. */
static void search_from(worker *w, size_t i)
{
    shared_ctx *sh = w->sh;
    const fsq__pi_problem *p = sh->p;
    const size_t np = sh->nplanes, k = sh->k;
    const uint64_t *a_planes = sh->on_planes + i * np;
    size_t m = 0;

    for (size_t b = 0; b < p->noff; b++) {
        const uint64_t *b_planes = sh->off_planes + b * np;
        uint64_t diff = 0;
        for (size_t q = 0; q < np; q++)
            diff |= a_planes[q] ^ b_planes[q];
        if (diff == 0) {
            size_t none = 0;
            atomic_compare_exchange_strong(&sh->bad_on, &none, i + 1);
            request_stop(sh, STOP_INPUT);
            return;
        }
        w->edges[m++] = diff;
    }
    /* Keep the minimal sets: sorted by size, a set survives when it equals
     * no earlier one and contains no kept smaller one. */
    qsort(w->edges, m, sizeof *w->edges, cmp_edge);
    size_t kept = 0, same_size_from = 0;
    for (size_t e = 0; e < m; e++) {
        uint64_t d = w->edges[e];
        if (kept > 0 && w->edges[kept - 1] == d)
            continue;
        if (kept > 0 && fsq__popcount64(w->edges[kept - 1]) != fsq__popcount64(d))
            same_size_from = kept;
        int redundant = 0;
        for (size_t s = 0; s < same_size_from; s++)
            if ((w->edges[s] & ~d) == 0) {
                redundant = 1;
                break;
            }
        if (!redundant)
            w->edges[kept++] = d;
    }
    w->nedges = kept;
    w->words = fsq__words_for_bits(kept);

    const size_t mw = w->maxwords;
    for (size_t j = 0; j < k; j++)
        memset(w->occ + j * mw, 0, w->words * sizeof *w->occ);
    for (size_t e = 0; e < kept; e++)
        for (uint64_t x = w->edges[e]; x; x &= x - 1)
            w->occ[(size_t)fsq__ctz64(x) * mw + e / 64] |= UINT64_C(1) << (e % 64);
    for (size_t wi = 0; wi < w->words; wi++) {
        size_t bits = kept - wi * 64;
        w->uncov[wi] = bits >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << bits) - 1;
    }
    if (kept == 0)
        w->uncov[0] = 0;

    w->on_index = i;
    w->a = p->on + i * k;
    w->set = 0;
    uint64_t all = k == 64 ? ~UINT64_C(0) : (UINT64_C(1) << k) - 1;
    mmcs(w, 0, all);
    if (w->pending)
        flush_count(w);
}

static int worker_init(worker *w, shared_ctx *sh)
{
    size_t k = sh->k;
    memset(w, 0, sizeof *w);
    w->sh = sh;
    w->maxwords = fsq__words_for_bits(sh->p->noff);
    w->edges = malloc((sh->p->noff ? sh->p->noff : 1) * sizeof *w->edges);
    w->occ = malloc(k * w->maxwords * sizeof *w->occ);
    w->uncov = malloc((k + 2) * w->maxwords * sizeof *w->uncov);
    w->crit = malloc((tri(k + 2) + 1) * w->maxwords * sizeof *w->crit);
    w->next_check = 4096;
    return (w->edges && w->occ && w->uncov && w->crit) ? 0 : -1;
}

static void worker_free_scratch(worker *w)
{
    free(w->edges);
    free(w->occ);
    free(w->uncov);
    free(w->crit);
    w->edges = w->occ = w->uncov = w->crit = NULL;
}

/* QCA's discovery order (prime.h): literals, fixed set, first ON row. */
static int cmp_found(const void *x, const void *y)
{
    const found_pi *a = x, *b = y;
    int pa = fsq__popcount64(a->set), pb = fsq__popcount64(b->set);
    if (pa != pb)
        return pa < pb ? -1 : 1;
    if (a->set != b->set) {
        /* Equal sizes: the lexicographically smaller index list holds the
         * lowest condition on which the two sets differ. */
        uint64_t diff = a->set ^ b->set;
        return (a->set & diff & (~diff + 1)) ? -1 : 1;
    }
    return a->on < b->on ? -1 : a->on > b->on;
}

int fsq__pi_search_remainders(const fsq__pi_problem *p, fsq__pi_result *out)
{
    int rc = 0;
    const size_t k = p->k, non = p->non, noff = p->noff;
    shared_ctx sh;
    worker *workers = NULL;
    found_pi *all = NULL;
    int nthreads = 1;

    memset(&sh, 0, sizeof sh);
    sh.p = p;
    sh.k = k;
    atomic_init(&sh.npis, 0);
    atomic_init(&sh.stop, STOP_NONE);
    atomic_init(&sh.bad_on, 0);

    /* 1. Bit planes of ON and OFF, per-literal bitsets over ON. */
    unsigned maxlevel = 2;
    for (size_t j = 0; j < k; j++)
        if (p->levels[j] > maxlevel)
            maxlevel = p->levels[j];
    sh.nplanes = fsq__bits_for_levels(maxlevel);
    sh.on_words = fsq__words_for_bits(non);
    sh.level_offset = malloc(k * sizeof *sh.level_offset);
    size_t nliterals = 0;
    if (sh.level_offset)
        for (size_t j = 0; j < k; j++) {
            sh.level_offset[j] = nliterals;
            nliterals += p->levels[j];
        }
    sh.on_planes = calloc(non * sh.nplanes, sizeof *sh.on_planes);
    sh.off_planes = calloc((noff ? noff : 1) * sh.nplanes, sizeof *sh.off_planes);
    sh.on_bits = calloc(nliterals * sh.on_words + 1, sizeof *sh.on_bits);
    if (!sh.level_offset || !sh.on_planes || !sh.off_planes || !sh.on_bits) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < non; i++)
        for (size_t j = 0; j < k; j++) {
            unsigned v = p->on[i * k + j];
            for (size_t q = 0; q < sh.nplanes; q++)
                sh.on_planes[i * sh.nplanes + q] |= (uint64_t)((v >> q) & 1u) << j;
            sh.on_bits[(sh.level_offset[j] + v) * sh.on_words + i / 64] |= UINT64_C(1) << (i % 64);
        }
    for (size_t b = 0; b < noff; b++)
        for (size_t j = 0; j < k; j++) {
            unsigned v = p->off[b * k + j];
            for (size_t q = 0; q < sh.nplanes; q++)
                sh.off_planes[b * sh.nplanes + q] |= (uint64_t)((v >> q) & 1u) << j;
        }
    sh.deadline = p->time_limit > 0 ? fsq__pi_now() + p->time_limit : 0;

    /* 2. Threads: from the caller, capped by the number of tasks; tiny
     * problems run serially. */
#ifdef _OPENMP
    nthreads = p->threads > 0 ? p->threads : omp_get_max_threads();
    if (p->threads <= 0 && (double)non * (double)(noff + 1) < 65536.0)
        nthreads = 1;
#endif
    if ((size_t)nthreads > non)
        nthreads = (int)non;
    if (nthreads < 1)
        nthreads = 1;
    workers = calloc((size_t)nthreads, sizeof *workers);
    if (!workers) {
        rc = fsq__nomem();
        goto done;
    }

    /* 3. One MMCS per ON configuration. */
#ifdef _OPENMP
#pragma omp parallel num_threads(nthreads)
#endif
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        worker *w = &workers[tid];
        if (worker_init(w, &sh) != 0)
            request_stop(&sh, STOP_NOMEM);
#ifdef _OPENMP
#pragma omp barrier
#pragma omp for schedule(dynamic, 1)
#endif
        for (size_t i = 0; i < non; i++) {
            if (stopped(&sh))
                continue;
            if (sh.deadline > 0 && fsq__pi_now() > sh.deadline) {
                request_stop(&sh, STOP_TIME);
                continue;
            }
            search_from(w, i);
        }
        worker_free_scratch(w);
    }

    for (int t = 0; t < nthreads; t++)
        out->nodes += workers[t].nodes;
    size_t total = 0;
    for (int t = 0; t < nthreads; t++)
        total += workers[t].nfound;
    if (p->max_pis && total > p->max_pis)
        request_stop(&sh, STOP_PIS);
    switch (atomic_load(&sh.stop)) {
    case STOP_NOMEM:
        rc = fsq__nomem();
        goto done;
    case STOP_INPUT:
        rc = fsq__error(FSQ_EINPUT,
                        "prime implicants: ON configuration %zu is also an OFF configuration",
                        atomic_load(&sh.bad_on));
        goto done;
    case STOP_PIS:
        rc = fsq__error(FSQ_ELIMIT,
                        "prime implicant search stopped: more than %zu prime implicants (--max-pis)",
                        p->max_pis);
        goto done;
    case STOP_TIME:
        rc = fsq__error(FSQ_ELIMIT,
                        "prime implicant search stopped: time limit of %g s reached (--time-limit)",
                        p->time_limit);
        goto done;
    default:
        break;
    }

    /* 4. Merge, put in QCA's discovery order, write the cubes, sort as QCA. */
    all = malloc((total ? total : 1) * sizeof *all);
    out->cubes = malloc((total ? total : 1) * k);
    if (!all || !out->cubes) {
        rc = fsq__nomem();
        goto done;
    }
    total = 0;
    for (int t = 0; t < nthreads; t++) {
        if (workers[t].nfound)
            memcpy(all + total, workers[t].found, workers[t].nfound * sizeof *all);
        total += workers[t].nfound;
    }
    /* The input order matters to QCA's sort only when some condition is
     * fixed by every PI (cube.c); otherwise the sort is total by itself. */
    uint64_t ever_free = 0, every = k == 64 ? ~UINT64_C(0) : (UINT64_C(1) << k) - 1;
    for (size_t i = 0; i < total && ever_free != every; i++)
        ever_free |= ~all[i].set & every;
    if (ever_free != every)
        qsort(all, total, sizeof *all, cmp_found);
    for (size_t i = 0; i < total; i++) {
        unsigned char *cube = out->cubes + i * k;
        const unsigned char *a = p->on + all[i].on * k;
        for (size_t j = 0; j < k; j++)
            cube[j] = (all[i].set >> j) & 1 ? a[j] : FSQ__DASH;
    }
    out->npis = total;
    rc = fsq__cube_sort_qca(out->cubes, total, k, NULL);

done:
    if (workers)
        for (int t = 0; t < nthreads; t++) {
            worker_free_scratch(&workers[t]);
            free(workers[t].found);
        }
    free(workers);
    free(all);
    free(sh.level_offset);
    free(sh.on_planes);
    free(sh.off_planes);
    free(sh.on_bits);
    return rc;
}
