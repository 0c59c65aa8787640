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

enum { STOP_NONE = 0, STOP_PIS, STOP_TIME, STOP_NOMEM, STOP_INPUT, STOP_NODES };

/* Weights are compared with this slack, so a PI of weight exactly
 * min_weight (up to rounding) is kept. */
#define WEIGHT_TOL 1e-9

typedef struct {
    const fsq__pi_problem *p;
    size_t k, cw;              /* conditions, words per condition set */
    size_t nplanes;            /* bit planes per configuration */
    uint64_t *on_planes;       /* non x nplanes x cw: plane b holds bit b of every digit */
    uint64_t *off_planes;      /* noff x nplanes x cw */
    uint64_t *on_bits;         /* (condition, level) x on_words: ON configurations at that level */
    size_t *level_offset;      /* k: first (condition, level) row of each condition */
    size_t on_words;
    uint64_t *start_rows;      /* on_words: ON configurations searched from (pricing) */
    double deadline;           /* 0: none */
    atomic_size_t npis;
    atomic_int stop;
    atomic_size_t bad_on;      /* first ON configuration equal to an OFF one, + 1 */
    atomic_uint_fast64_t nodes; /* nodes counted against max_nodes */
} shared_ctx;

/* A prime implicant as found is a record of 1 + cw words: the (first) ON
 * configuration it contains, whose levels it takes, then its fixed
 * conditions. */
typedef struct {
    shared_ctx *sh;
    size_t cw;
    uint64_t *edges;           /* m x cw: reduced family {D_b} of the current ON configuration */
    size_t nedges, words;      /* words = bitset length over the current edges */
    size_t maxwords;           /* stride of the bitsets below */
    uint64_t *occ;             /* k x maxwords: edges containing each condition */
    uint64_t *uncov;           /* (k + 2) x maxwords: uncovered edges per depth */
    uint64_t *crit;            /* triangle: depth d holds d bitsets */
    uint64_t *cand;            /* (k + 2) x cw: candidates per depth */
    uint64_t *branch;          /* (k + 2) x cw: the branching edge's candidates per depth */
    uint64_t *cov;             /* (k + 2) x on_words: ON configurations in a|S (pricing) */
    uint64_t *set;             /* cw: current S */
    size_t on_index;
    const unsigned char *a;
    uint64_t nodes, next_check;
    uint64_t row_nodes, row_counted; /* the current row's nodes, and those counted */
    uint64_t *found;           /* nfound records of 1 + cw words */
    double *found_weight;      /* pricing: the weight of each record */
    size_t nfound, capfound;
    size_t row_first;          /* first record of the current ON configuration */
    double floor;              /* pricing: branches lighter than this are cut */
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

static int set_popcount(const uint64_t *x, size_t cw)
{
    int c = 0;
    for (size_t q = 0; q < cw; q++)
        c += fsq__popcount64(x[q]);
    return c;
}

/* Weight of the ON configurations in the bitset. */
static double weight_of(const shared_ctx *sh, const uint64_t *rows)
{
    double s = 0;
    for (size_t wi = 0; wi < sh->on_words; wi++)
        for (uint64_t x = rows[wi] & sh->start_rows[wi]; x; x &= x - 1)
            s += sh->p->on_weight[wi * 64 + (size_t)fsq__ctz64(x)];
    return s;
}

/* 1 if an ON configuration before i, among those searched from, lies in
 * the cube a|S: the PI is (or will be) found from that one. */
static int found_earlier(const worker *w, size_t depth)
{
    const shared_ctx *sh = w->sh;
    size_t i = w->on_index;
    if (i == 0)
        return 0;
    if (sh->start_rows) {
        const uint64_t *cov = w->cov + depth * sh->on_words;
        for (size_t wi = 0; wi <= (i - 1) / 64; wi++) {
            uint64_t acc = cov[wi] & sh->start_rows[wi];
            if (wi == i / 64)
                acc &= (UINT64_C(1) << (i % 64)) - 1;
            if (acc)
                return 1;
        }
        return 0;
    }
    size_t last = (i - 1) / 64;
    for (size_t wi = 0; wi <= last; wi++) {
        uint64_t acc = ~UINT64_C(0);
        if (wi == last && i % 64 != 0)
            acc = (UINT64_C(1) << (i % 64)) - 1;
        for (size_t q = 0; q < w->cw && acc; q++)
            for (uint64_t s = w->set[q]; s && acc; s &= s - 1) {
                size_t j = q * 64 + (size_t)fsq__ctz64(s);
                acc &= sh->on_bits[(sh->level_offset[j] + w->a[j]) * sh->on_words + wi];
            }
        if (acc)
            return 1;
    }
    return 0;
}

static void emit(worker *w, size_t depth)
{
    shared_ctx *sh = w->sh;
    if (found_earlier(w, depth))
        return;
    const size_t rec = 1 + w->cw, limit = sh->p->max_per_row;
    double weight = 0;
    if (sh->start_rows) {
        weight = weight_of(sh, w->cov + depth * sh->on_words);
        if (weight < w->floor)
            return;
        if (limit && w->nfound - w->row_first == limit) {
            /* Full: the new PI replaces the lightest (the last of equal
             * ones), and the floor rises to the new lightest. */
            size_t at = w->row_first;
            for (size_t f = w->row_first; f < w->nfound; f++)
                if (w->found_weight[f] <= w->found_weight[at])
                    at = f;
            w->found[at * rec] = w->on_index;
            memcpy(w->found + at * rec + 1, w->set, w->cw * sizeof *w->found);
            w->found_weight[at] = weight;
            double lightest = weight;
            for (size_t f = w->row_first; f < w->nfound; f++)
                if (w->found_weight[f] < lightest)
                    lightest = w->found_weight[f];
            w->floor = lightest + WEIGHT_TOL;
            return;
        }
    }
    if (w->nfound == w->capfound) {
        size_t cap = w->capfound ? 2 * w->capfound : 64;
        uint64_t *grown = realloc(w->found, cap * rec * sizeof *grown);
        if (grown)
            w->found = grown;
        double *grown_w = realloc(w->found_weight, cap * sizeof *grown_w);
        if (grown_w)
            w->found_weight = grown_w;
        if (grown == NULL || grown_w == NULL) {
            request_stop(sh, STOP_NOMEM);
            return;
        }
        w->capfound = cap;
    }
    w->found_weight[w->nfound] = weight;
    if (limit && w->nfound + 1 - w->row_first == limit) {
        double lightest = weight;
        for (size_t f = w->row_first; f < w->nfound; f++)
            if (w->found_weight[f] < lightest)
                lightest = w->found_weight[f];
        w->floor = lightest + WEIGHT_TOL;
    }
    uint64_t *r = w->found + w->nfound * rec;
    r[0] = w->on_index;
    memcpy(r + 1, w->set, w->cw * sizeof *r);
    w->nfound++;
    /* The shared count only serves --max-pis; it is updated in batches so
     * threads do not fight over its cache line. */
    if (sh->p->max_pis && ++w->pending >= 64)
        flush_count(w);
}

static void mmcs(worker *w, size_t d)
{
    shared_ctx *sh = w->sh;
    if (stopped(sh))
        return;
    w->row_nodes++;
    if (++w->nodes >= w->next_check) {
        w->next_check = w->nodes + 4096;
        if (sh->p->max_nodes) {
            uint64_t add = w->row_nodes - w->row_counted;
            w->row_counted = w->row_nodes;
            if (atomic_fetch_add(&sh->nodes, add) + add > sh->p->max_nodes) {
                request_stop(sh, STOP_NODES);
                return;
            }
        }
        if (sh->deadline > 0 && fsq__pi_now() > sh->deadline) {
            request_stop(sh, STOP_TIME);
            return;
        }
    }
    const size_t mw = w->maxwords, nw = w->words, cw = w->cw, ow = sh->on_words;
    const uint64_t *uncov = w->uncov + d * mw;
    uint64_t *cand = w->cand + d * cw;

    /* Branch on the uncovered edge with the fewest candidates; an edge with
     * none cannot be hit any more, so the branch is dead. */
    int best_count = -1;
    size_t best = 0;
    for (size_t wi = 0; wi < nw; wi++)
        for (uint64_t x = uncov[wi]; x; x &= x - 1) {
            size_t e = wi * 64 + (size_t)fsq__ctz64(x);
            const uint64_t *edge = w->edges + e * cw;
            int c = 0;
            for (size_t q = 0; q < cw; q++)
                c += fsq__popcount64(edge[q] & cand[q]);
            if (best_count < 0 || c < best_count) {
                if (c == 0)
                    return;
                best_count = c;
                best = e;
            }
        }
    if (best_count < 0) {
        emit(w, d);
        return;
    }

    uint64_t *branch = w->branch + d * cw;
    for (size_t q = 0; q < cw; q++) {
        branch[q] = w->edges[best * cw + q] & cand[q];
        cand[q] &= ~branch[q];
    }
    const uint64_t *crit_d = w->crit + tri(d) * mw;
    uint64_t *crit_n = w->crit + tri(d + 1) * mw;
    uint64_t *uncov_n = w->uncov + (d + 1) * mw;
    for (size_t q = 0; q < cw; q++)
        for (uint64_t rest = branch[q]; rest; rest &= rest - 1) {
            size_t e = q * 64 + (size_t)fsq__ctz64(rest);
            uint64_t ebit = UINT64_C(1) << (e % 64);
            const uint64_t *occ_e = w->occ + e * mw;
            int keep = 1;
            if (sh->start_rows) {
                /* Pricing: the weight inside a|S only falls as S grows. */
                const uint64_t *lit = sh->on_bits + (sh->level_offset[e] + w->a[e]) * ow;
                const uint64_t *cov_d = w->cov + d * ow;
                uint64_t *cov_n = w->cov + (d + 1) * ow;
                for (size_t wi = 0; wi < ow; wi++)
                    cov_n[wi] = cov_d[wi] & lit[wi];
                keep = weight_of(sh, cov_n) >= w->floor;
            }
            /* S + e stays minimal iff every f in S keeps a private edge. */
            for (size_t f = 0; f < d && keep; f++) {
                uint64_t any = 0;
                for (size_t wi = 0; wi < nw; wi++) {
                    uint64_t v = crit_d[f * mw + wi] & ~occ_e[wi];
                    crit_n[f * mw + wi] = v;
                    any |= v;
                }
                keep = any != 0;
            }
            if (keep) {
                for (size_t wi = 0; wi < nw; wi++) {
                    crit_n[d * mw + wi] = uncov[wi] & occ_e[wi];
                    uncov_n[wi] = uncov[wi] & ~occ_e[wi];
                }
                memcpy(w->cand + (d + 1) * cw, cand, cw * sizeof *cand);
                w->set[q] |= ebit;
                mmcs(w, d + 1);
                w->set[q] &= ~ebit;
                if (stopped(sh))
                    return;
            }
            cand[q] |= ebit;
        }
}

/* Edges by size, then word by word (any total order that puts equal sets
 * side by side and smaller sets first will do). */
static int cmp_edge(const uint64_t *a, const uint64_t *b, size_t cw)
{
    int pa = set_popcount(a, cw), pb = set_popcount(b, cw);
    if (pa != pb)
        return pa < pb ? -1 : 1;
    for (size_t q = 0; q < cw; q++)
        if (a[q] != b[q])
            return a[q] < b[q] ? -1 : 1;
    return 0;
}

/* QCA's discovery order (prime.h): literals, fixed set, first ON row. */
static int cmp_found(const uint64_t *a, const uint64_t *b, size_t cw)
{
    int pa = set_popcount(a + 1, cw), pb = set_popcount(b + 1, cw);
    if (pa != pb)
        return pa < pb ? -1 : 1;
    for (size_t q = 1; q <= cw; q++)
        if (a[q] != b[q]) {
            /* Equal sizes: the lexicographically smaller index list holds
             * the lowest condition on which the two sets differ. */
            uint64_t diff = a[q] ^ b[q];
            return (a[q] & diff & (~diff + 1)) ? -1 : 1;
        }
    return a[0] < b[0] ? -1 : a[0] > b[0];
}

/* Stable merge sort of n records of `stride` words by cmp (qsort has no
 * context argument for the record length). tmp holds n records. */
static void sort_records(uint64_t *rec, uint64_t *tmp, size_t n, size_t stride, size_t cw,
                         int (*cmp)(const uint64_t *, const uint64_t *, size_t))
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi) {
                if (cmp(rec + j * stride, rec + i * stride, cw) < 0)
                    memcpy(tmp + o++ * stride, rec + j++ * stride, stride * sizeof *rec);
                else
                    memcpy(tmp + o++ * stride, rec + i++ * stride, stride * sizeof *rec);
            }
            if (i < mid)
                memcpy(tmp + o * stride, rec + i * stride, (mid - i) * stride * sizeof *rec);
            else if (j < hi)
                memcpy(tmp + o * stride, rec + j * stride, (hi - j) * stride * sizeof *rec);
        }
        memcpy(rec, tmp, n * stride * sizeof *rec);
    }
}

/* Builds the minimal difference sets of ON configuration i and runs MMCS. */
static void search_from(worker *w, size_t i, uint64_t *sort_tmp)
{
    shared_ctx *sh = w->sh;
    const fsq__pi_problem *p = sh->p;
    const size_t np = sh->nplanes, k = sh->k, cw = w->cw;
    const uint64_t *a_planes = sh->on_planes + i * np * cw;
    size_t m = 0;

    for (size_t b = 0; b < p->noff; b++) {
        const uint64_t *b_planes = sh->off_planes + b * np * cw;
        uint64_t *diff = w->edges + m * cw, any = 0;
        for (size_t q = 0; q < cw; q++) {
            diff[q] = 0;
            for (size_t pl = 0; pl < np; pl++)
                diff[q] |= a_planes[pl * cw + q] ^ b_planes[pl * cw + q];
            any |= diff[q];
        }
        if (any == 0) {
            size_t none = 0;
            atomic_compare_exchange_strong(&sh->bad_on, &none, i + 1);
            request_stop(sh, STOP_INPUT);
            return;
        }
        m++;
    }
    /* Keep the minimal sets: sorted by size, a set survives when it equals
     * no earlier one and contains no kept smaller one. */
    sort_records(w->edges, sort_tmp, m, cw, cw, cmp_edge);
    size_t kept = 0, same_size_from = 0;
    for (size_t e = 0; e < m; e++) {
        const uint64_t *d = w->edges + e * cw;
        if (kept > 0 && cmp_edge(w->edges + (kept - 1) * cw, d, cw) == 0)
            continue;
        if (kept > 0 && set_popcount(w->edges + (kept - 1) * cw, cw) != set_popcount(d, cw))
            same_size_from = kept;
        int redundant = 0;
        for (size_t s = 0; s < same_size_from && !redundant; s++) {
            const uint64_t *small = w->edges + s * cw;
            uint64_t out = 0;
            for (size_t q = 0; q < cw; q++)
                out |= small[q] & ~d[q];
            redundant = out == 0;
        }
        if (!redundant) {
            memmove(w->edges + kept * cw, d, cw * sizeof *d);
            kept++;
        }
    }
    w->nedges = kept;
    w->words = fsq__words_for_bits(kept);

    const size_t mw = w->maxwords;
    for (size_t j = 0; j < k; j++)
        memset(w->occ + j * mw, 0, w->words * sizeof *w->occ);
    for (size_t e = 0; e < kept; e++)
        for (size_t q = 0; q < cw; q++)
            for (uint64_t x = w->edges[e * cw + q]; x; x &= x - 1)
                w->occ[(q * 64 + (size_t)fsq__ctz64(x)) * mw + e / 64] |= UINT64_C(1) << (e % 64);
    for (size_t wi = 0; wi < w->words; wi++) {
        size_t bits = kept - wi * 64;
        w->uncov[wi] = bits >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << bits) - 1;
    }
    if (kept == 0)
        w->uncov[0] = 0;

    w->on_index = i;
    w->a = p->on + i * k;
    memset(w->set, 0, cw * sizeof *w->set);
    for (size_t q = 0; q < cw; q++) {
        size_t bits = k - q * 64;
        w->cand[q] = bits >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << bits) - 1;
    }
    if (sh->start_rows) {
        for (size_t wi = 0; wi < sh->on_words; wi++) {
            size_t bits = p->non - wi * 64;
            w->cov[wi] = bits >= 64 ? ~UINT64_C(0) : (UINT64_C(1) << bits) - 1;
        }
        w->floor = p->min_weight - WEIGHT_TOL;
        w->row_first = w->nfound;
        if (weight_of(sh, w->cov) < w->floor)
            return; /* not even the whole space weighs enough */
    }
    w->row_nodes = w->row_counted = 0;
    mmcs(w, 0);
    if (w->pending)
        flush_count(w);
    if (p->max_nodes && w->row_nodes > w->row_counted &&
        atomic_fetch_add(&sh->nodes, w->row_nodes - w->row_counted) +
                (w->row_nodes - w->row_counted) > p->max_nodes)
        request_stop(sh, STOP_NODES);
}

static int worker_init(worker *w, shared_ctx *sh)
{
    size_t k = sh->k, cw = sh->cw;
    memset(w, 0, sizeof *w);
    w->sh = sh;
    w->cw = cw;
    w->maxwords = fsq__words_for_bits(sh->p->noff);
    w->edges = malloc((sh->p->noff ? sh->p->noff : 1) * cw * sizeof *w->edges);
    w->occ = malloc(k * w->maxwords * sizeof *w->occ);
    w->uncov = malloc((k + 2) * w->maxwords * sizeof *w->uncov);
    w->crit = malloc((tri(k + 2) + 1) * w->maxwords * sizeof *w->crit);
    w->cand = malloc((k + 2) * cw * sizeof *w->cand);
    w->branch = malloc((k + 2) * cw * sizeof *w->branch);
    w->cov = malloc((k + 2) * sh->on_words * sizeof *w->cov);
    w->set = malloc(cw * sizeof *w->set);
    w->next_check = 4096;
    return (w->edges && w->occ && w->uncov && w->crit && w->cand && w->branch && w->cov &&
            w->set) ? 0 : -1;
}

static void worker_free_scratch(worker *w)
{
    free(w->edges);
    free(w->occ);
    free(w->uncov);
    free(w->crit);
    free(w->cand);
    free(w->branch);
    free(w->cov);
    free(w->set);
    w->edges = w->occ = w->uncov = w->crit = w->cand = w->branch = w->cov = w->set = NULL;
}

int fsq__pi_search_remainders(const fsq__pi_problem *p, fsq__pi_result *out)
{
    int rc = 0;
    const size_t k = p->k, non = p->non, noff = p->noff;
    shared_ctx sh;
    worker *workers = NULL;
    uint64_t *all = NULL, *sort_tmp = NULL;
    int nthreads = 1;

    memset(&sh, 0, sizeof sh);
    sh.p = p;
    sh.k = k;
    sh.cw = fsq__words_for_bits(k);
    const size_t cw = sh.cw, rec = 1 + cw;
    atomic_init(&sh.npis, 0);
    atomic_init(&sh.stop, STOP_NONE);
    atomic_init(&sh.bad_on, 0);
    atomic_init(&sh.nodes, 0);

    /* 1. Bit planes of ON and OFF, per-literal bitsets over ON. */
    unsigned maxlevel = 2;
    for (size_t j = 0; j < k; j++)
        if (p->levels[j] > maxlevel)
            maxlevel = p->levels[j];
    sh.nplanes = fsq__bits_for_levels(maxlevel);
    const size_t np = sh.nplanes;
    sh.on_words = fsq__words_for_bits(non);
    sh.level_offset = malloc(k * sizeof *sh.level_offset);
    size_t nliterals = 0;
    if (sh.level_offset)
        for (size_t j = 0; j < k; j++) {
            sh.level_offset[j] = nliterals;
            nliterals += p->levels[j];
        }
    sh.on_planes = calloc(non * np * cw, sizeof *sh.on_planes);
    sh.off_planes = calloc((noff ? noff : 1) * np * cw, sizeof *sh.off_planes);
    sh.on_bits = calloc(nliterals * sh.on_words + 1, sizeof *sh.on_bits);
    if (!sh.level_offset || !sh.on_planes || !sh.off_planes || !sh.on_bits) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < non; i++)
        for (size_t j = 0; j < k; j++) {
            unsigned v = p->on[i * k + j];
            for (size_t q = 0; q < np; q++)
                sh.on_planes[(i * np + q) * cw + j / 64] |= (uint64_t)((v >> q) & 1u) << (j % 64);
            sh.on_bits[(sh.level_offset[j] + v) * sh.on_words + i / 64] |= UINT64_C(1) << (i % 64);
        }
    for (size_t b = 0; b < noff; b++)
        for (size_t j = 0; j < k; j++) {
            unsigned v = p->off[b * k + j];
            for (size_t q = 0; q < np; q++)
                sh.off_planes[(b * np + q) * cw + j / 64] |= (uint64_t)((v >> q) & 1u) << (j % 64);
        }
    if (p->on_weight) {
        sh.start_rows = calloc(sh.on_words, sizeof *sh.start_rows);
        if (!sh.start_rows) {
            rc = fsq__nomem();
            goto done;
        }
        for (size_t i = 0; i < non; i++)
            if (p->on_weight[i] > 0)
                sh.start_rows[i / 64] |= UINT64_C(1) << (i % 64);
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

    /* 3. One MMCS per ON configuration (of positive weight, when pricing). */
#ifdef _OPENMP
#pragma omp parallel num_threads(nthreads)
#endif
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        worker *w = &workers[tid];
        uint64_t *tmp = malloc((noff ? noff : 1) * cw * sizeof *tmp);
        if (worker_init(w, &sh) != 0 || !tmp)
            request_stop(&sh, STOP_NOMEM);
#ifdef _OPENMP
#pragma omp barrier
#pragma omp for schedule(dynamic, 1)
#endif
        for (size_t i = 0; i < non; i++) {
            if (stopped(&sh))
                continue;
            if (sh.start_rows && !((sh.start_rows[i / 64] >> (i % 64)) & 1))
                continue;
            if (sh.deadline > 0 && fsq__pi_now() > sh.deadline) {
                request_stop(&sh, STOP_TIME);
                continue;
            }
            search_from(w, i, tmp);
        }
        worker_free_scratch(w);
        free(tmp);
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
        out->max_pis_reached = 1;
        rc = fsq__error(FSQ_ELIMIT,
                        "prime implicant search stopped: more than %zu prime implicants (--max-pis)",
                        p->max_pis);
        goto done;
    case STOP_NODES:
        out->nodes_reached = 1;
        rc = fsq__error(FSQ_ELIMIT, "prime implicant search stopped: more than %llu search "
                        "nodes", (unsigned long long)p->max_nodes);
        goto done;
    case STOP_TIME:
        rc = fsq__error(FSQ_ELIMIT,
                        "time limit of %g s reached in the prime implicant search (--time-limit)",
                        p->time_limit);
        goto done;
    default:
        break;
    }

    /* 4. Merge, put in QCA's discovery order, write the cubes, sort as QCA. */
    all = malloc((total ? total : 1) * rec * sizeof *all);
    out->cubes = malloc((total ? total : 1) * k);
    if (!all || !out->cubes) {
        rc = fsq__nomem();
        goto done;
    }
    total = 0;
    for (int t = 0; t < nthreads; t++) {
        if (workers[t].nfound)
            memcpy(all + total * rec, workers[t].found, workers[t].nfound * rec * sizeof *all);
        total += workers[t].nfound;
    }
    /* The input order matters to QCA's sort only when some condition is
     * fixed by every PI (cube.c); otherwise the sort is total by itself. */
    int fixed_by_all = 0;
    for (size_t j = 0; j < k && !fixed_by_all; j++) {
        int every = 1;
        for (size_t i = 0; i < total && every; i++)
            every = (all[i * rec + 1 + j / 64] >> (j % 64)) & 1;
        fixed_by_all = every;
    }
    if (fixed_by_all && total > 1) {
        sort_tmp = malloc(total * rec * sizeof *sort_tmp);
        if (!sort_tmp) {
            rc = fsq__nomem();
            goto done;
        }
        sort_records(all, sort_tmp, total, rec, cw, cmp_found);
    }
    for (size_t i = 0; i < total; i++) {
        unsigned char *cube = out->cubes + i * k;
        const uint64_t *r = all + i * rec;
        const unsigned char *a = p->on + r[0] * k;
        for (size_t j = 0; j < k; j++)
            cube[j] = (r[1 + j / 64] >> (j % 64)) & 1 ? a[j] : FSQ__DASH;
    }
    out->npis = total;
    rc = fsq__cube_sort_qca(out->cubes, total, k, NULL);

done:
    if (workers)
        for (int t = 0; t < nthreads; t++) {
            worker_free_scratch(&workers[t]);
            free(workers[t].found);
            free(workers[t].found_weight);
        }
    free(workers);
    free(all);
    free(sort_tmp);
    free(sh.level_offset);
    free(sh.on_planes);
    free(sh.off_planes);
    free(sh.on_bits);
    free(sh.start_rows);
    return rc;
}
