/* All minimum covers of a prime-implicant chart.
 *
 * Contract. In: a chart of npis rows (PIs) by ncols columns (ON rows), each
 * row a bitset of columns (fsq__cover_problem). Out: every set of PIs of the
 * smallest possible size that covers all columns, each set exactly once, as
 * sorted lists of PI indices in QCA's order, and the PIs common to all of
 * them (fsq__cover_result). A column that no PI covers has no solution.
 *
 * QCA's order. QCA 3.23 (solveChart -> C find_models, all.sol = FALSE) gets
 * the minimum size k from lp_solve, then walks every k-subset of the chart
 * rows in lexicographic order of the increasing index vector (the classic
 * "next combination" increment) and keeps those that cover every column.
 * writeSolution keeps that order, and the essential PIs it reports are the
 * rows present in every solution. So: each solution is its increasing list
 * of PI indices, and solutions are sorted lexicographically on those lists
 * (all have the same length). Confirmed on every PI chart of the reference
 * files (102 top-level charts plus the 7 per-key charts of the intermediate
 * files; d.transport_ACC_pars has 779 solutions): same sets, same order,
 * terms within a solution in PI order, essential = intersection.
 *
 * Phases (mincov style):
 *   1. reduce: columns covered by exactly one PI force that PI (essential);
 *      their columns are dropped. A column whose PI set contains another
 *      column's PI set is dropped too: covering the smaller one covers it, so
 *      the set of covers (not only the minimum ones) is unchanged. PIs that
 *      cover no remaining column cannot be in a minimum cover (it would stay
 *      a cover without them) and are dropped. PI (row) dominance is not used:
 *      it may lose minimum covers.
 *   2. partition the remaining columns into blocks that share no PI; a
 *      minimum cover is the union of one minimum cover per block.
 *   3. per block: a greedy cover, made smaller by local search
 *      (cover_local.c), gives an upper bound, the LP relaxation (lp.c) a
 *      lower bound; where they differ, a branch and bound search
 *      finds the minimum size k_b over the PIs that no other PI dominates
 *      (valid for the size only): on columns (below) for blocks of fewer
 *      than fsq__cover_lp_search_pis PIs, on variables with an LP at every
 *      node (lp_search.c, split over the threads by lp_split.c) for larger
 *      ones; then the covers of size exactly k_b, over all PIs, are
 *      counted and the first ones listed (count.c; over the LP tree where
 *      the LP bound is a PI or more below k_b, count_lp.c).
 *   4. combine: cartesian product of the block solutions plus the
 *      essentials, each row sorted, rows sorted lexicographically.
 *
 * Search invariant. A node holds the uncovered columns U and the excluded
 * PIs X. It branches on the column c of U with the fewest PIs outside X and
 * tries those PIs p_1 < p_2 < ... in turn; the branch of p_i excludes
 * p_1..p_{i-1}. Every cover of U avoiding X contains some PI of c outside X,
 * and the branch it lands in is the one of its first such PI, so each cover
 * is reached exactly once. Lower bound at a node: columns of U whose
 * available PI sets are pairwise disjoint need distinct PIs; they are picked
 * greedily, fewest PIs first (columns are numbered by ascending degree).
 *
 * At the last level (one PI left to choose) the candidates are tested
 * directly for covering all of U instead of opening a node each.
 *
 * Complexity. Set cover is NP-hard: exponential in the worst case. A node
 * costs O(|U| * npis / 64) word operations; no allocation happens per node
 * (the stacks are sized by the greedy upper bound). A stronger LP-style
 * bound (weights 1 / largest PI coverage) was tried: fewer nodes, but slower
 * overall on random charts of 100-2000 columns, so it is not used. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "cover/cover.h"
#include "cover/cover_internal.h"
#include "common/clock.h"

#include "common/bits.h"
#include "common/error.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stdio.h>

static size_t find_root(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

void fsq__cover_result_free(fsq__cover_result *r)
{
    if (!r)
        return;
    free(r->pis);
    free(r->essential);
    free(r->count);
    memset(r, 0, sizeof *r);
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) * 1e-9;
}

static const char *proof_text(int proof)
{
    return proof == FSQ__PROOF_LP ? "LP bound"
           : proof == FSQ__PROOF_SEARCH ? "exhaustive branch and bound"
                                        : "combinatorial bound";
}

/* The listed models: the first max_solutions minimum covers in QCA's order,
 * drawn from the block lists (see the top of the file), the count as the
 * product of the block counts, and the PIs in every model.
 *
 * Order. Two covers of the same size compare at the smallest PI in which
 * they differ: the one that has it comes first. The covers are products of
 * one cover per block over disjoint PI sets, so the first N of the product
 * use only block covers among the first N of their block (replacing one
 * block's part by an earlier one of the same block gives an earlier cover),
 * and they come out of a walk over the PIs in increasing index: at PI p of
 * block b, the block's covers still possible (a range of its sorted list,
 * since they agree on the PIs before p) split into those with p (first) and
 * those without. A trail undoes the range changes on backtracking. */
/* Test hook (common/clock.h): the clock of `phase` reads expired from now. */
static void hook_phase(solver *s, const char *phase)
{
    if (s->has_deadline && fsq__phase_hooked(phase))
        clock_gettime(CLOCK_MONOTONIC, &s->deadline);
}

static int combine(const solver *s, const fsq__cover_problem *p, const block_result *blocks,
                   size_t nblocks, const size_t *ess_list, size_t ness, size_t k,
                   fsq__cover_result *out)
{
    int rc = 0;
    size_t cap = p->max_solutions ? p->max_solutions : SIZE_MAX;
    size_t *lo = calloc(nblocks + 1, sizeof *lo), *hi = calloc(nblocks + 1, sizeof *hi);
    size_t *pos = calloc(nblocks + 1, sizeof *pos);
    size_t ntrail = 0, nframes = 0, trail_cap = 2 * (s->n + nblocks + 1);
    struct trail {
        size_t b, lo, hi, pos;
    } *trail = malloc(trail_cap * sizeof *trail);
    struct frame {
        size_t b, mid, hi, pos, trail;
    } *frames = malloc(trail_cap * sizeof *frames);
    size_t listed_cap = 16, nlisted = 0;
    size_t *listed = malloc(listed_cap * (k ? k : 1) * sizeof *listed);
    mpz_t total;
    mpz_init_set_ui(total, 1);
    if (!lo || !hi || !pos || !trail || !frames || !listed) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t b = 0; b < nblocks; b++) {
        mpz_mul(total, total, blocks[b].count);
        hi[b] = blocks[b].nsols;
    }
    for (;;) {
        /* The next PI that splits some block's range. */
        size_t q = SIZE_MAX, qb = 0;
        for (size_t b = 0; b < nblocks; b++)
            if (hi[b] - lo[b] > 1) {
                size_t e = blocks[b].sols[lo[b] * blocks[b].k + pos[b]];
                if (e < q)
                    q = e, qb = b;
            }
        if (q == SIZE_MAX) {
            /* Every range is one cover: a model. */
            if ((nlisted & 1023) == 0 && fsq__cover_timed_out(s)) {
                rc = fsq__error(FSQ_ELIMIT, "time limit of %g s reached in combining the "
                                "blocks' minimum covers into models (--time-limit)",
                                p->time_limit);
                goto done;
            }
            if (nlisted == listed_cap) {
                listed_cap *= 2;
                size_t *grown = realloc(listed, listed_cap * (k ? k : 1) * sizeof *grown);
                if (!grown) {
                    rc = fsq__nomem();
                    goto done;
                }
                listed = grown;
            }
            size_t *row = listed + nlisted * k, o = 0;
            memcpy(row, ess_list, ness * sizeof *row);
            o = ness;
            for (size_t b = 0; b < nblocks; b++)
                for (size_t t = 0; t < blocks[b].k; t++)
                    row[o++] = s->pi_orig[blocks[b].sols[lo[b] * blocks[b].k + t]];
            if (nblocks > 1 || ness > 0)
                qsort(row, k, sizeof *row, cmp_size);
            nlisted++;
            if (nlisted >= cap || nframes == 0)
                break;
            /* Backtrack to the latest split: now its covers without the PI. */
            struct frame f = frames[--nframes];
            while (ntrail > f.trail) {
                struct trail t = trail[--ntrail];
                lo[t.b] = t.lo, hi[t.b] = t.hi, pos[t.b] = t.pos;
            }
            trail[ntrail++] = (struct trail){f.b, lo[f.b], hi[f.b], pos[f.b]};
            lo[f.b] = f.mid, hi[f.b] = f.hi, pos[f.b] = f.pos;
            continue;
        }
        const block_result *br = &blocks[qb];
        size_t mid = lo[qb];
        while (mid < hi[qb] && br->sols[mid * br->k + pos[qb]] == q)
            mid++;
        if (mid < hi[qb])
            frames[nframes++] = (struct frame){qb, mid, hi[qb], pos[qb], ntrail};
        trail[ntrail++] = (struct trail){qb, lo[qb], hi[qb], pos[qb]};
        hi[qb] = mid;
        pos[qb]++;
    }

    out->nsolutions = nlisted;
    out->pis = listed;
    listed = NULL;
    out->count = mpz_get_str(NULL, 10, total);
    /* The PIs in every minimum model: the essentials and, per block, the
     * PIs in every minimum cover of the block. */
    size_t nall = ness;
    for (size_t b = 0; b < nblocks; b++)
        nall += blocks[b].nalways;
    out->essential = malloc((nall ? nall : 1) * sizeof *out->essential);
    if (!out->count || !out->essential) {
        rc = fsq__nomem();
        goto done;
    }
    memcpy(out->essential, ess_list, ness * sizeof *ess_list);
    out->nessential = ness;
    for (size_t b = 0; b < nblocks; b++)
        for (size_t t = 0; t < blocks[b].nalways; t++)
            out->essential[out->nessential++] = s->pi_orig[blocks[b].always[t]];
    qsort(out->essential, out->nessential, sizeof *out->essential, cmp_size);
done:
    mpz_clear(total);
    free(lo);
    free(hi);
    free(pos);
    free(trail);
    free(frames);
    free(listed);
    return rc;
}

int fsq__cover_solve(const fsq__cover_problem *p, fsq__cover_result *out)
{
    int rc = 0;
    solver s;
    memset(&s, 0, sizeof s);
    size_t npis = p ? p->npis : 0, ncols = p ? p->ncols : 0;
    size_t ow = fsq__words_for_bits(npis);  /* words per set of original PIs */
    size_t ocw = fsq__words_for_bits(ncols); /* words per set of original columns */
    uint64_t *ocolpis = NULL, *essential = NULL, *covered = NULL, *mask = NULL, *left = NULL;
    size_t *kept_cols = NULL, *pi_new = NULL, *heads = NULL, *next = NULL, *parent = NULL;
    size_t *block_of = NULL, *block_start = NULL, *block_cols = NULL, *picks = NULL;
    size_t *ess_list = NULL, nmpz = 0;
    rank_key *keys = NULL;
    block_result *blocks = NULL;
    size_t nblocks = 0, ness = 0;

    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    if (!p || !out)
        return fsq__error(FSQ_EINPUT, "cover: no problem or no result given");
    memset(out, 0, sizeof *out);
    if (ncols > 0 && npis > 0 && (!p->chart || p->nwords < (ncols + 63) / 64))
        return fsq__error(FSQ_EINPUT, "cover: the chart needs %zu words per row, got %zu",
                          (ncols + 63) / 64, p->nwords);
    if (ncols == 0) {
        /* Nothing to cover: the empty set is the one minimum cover. */
        out->nsolutions = 1;
        out->count = strdup("1");
        return out->count ? 0 : fsq__nomem();
    }
    s.max_solutions = p->max_solutions;
    s.time_limit = p->time_limit;
    s.threads = p->threads;
    if (p->time_limit > 0 && p->time_limit < 1e9) {
        clock_gettime(CLOCK_MONOTONIC, &s.deadline);
        double whole = (double)(time_t)p->time_limit;
        s.deadline.tv_sec += (time_t)whole;
        s.deadline.tv_nsec += (long)((p->time_limit - whole) * 1e9);
        if (s.deadline.tv_nsec >= 1000000000L) {
            s.deadline.tv_sec++;
            s.deadline.tv_nsec -= 1000000000L;
        }
        s.has_deadline = 1;
    }

    /* 1. Reduce. Column -> PI sets over the caller's PIs. */
    ocolpis = calloc(ncols * ow, sizeof *ocolpis);
    essential = calloc(ow, sizeof *essential);
    covered = calloc(ocw, sizeof *covered);
    keys = malloc(ncols * sizeof *keys);
    if (!ocolpis || !essential || !covered || !keys) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < npis; i++) {
        const uint64_t *row = p->chart + i * p->nwords;
        for (size_t w = 0; w < ocw; w++) {
            uint64_t bits = row[w];
            if (w == ocw - 1 && (ncols & 63))
                bits &= (UINT64_C(1) << (ncols & 63)) - 1; /* ignore stray bits */
            while (bits) {
                size_t c = w * 64 + (size_t)fsq__ctz64(bits);
                bits &= bits - 1;
                bit_set(ocolpis + c * ow, i);
            }
        }
    }
    for (size_t c = 0; c < ncols; c++) {
        size_t deg = count_bits(ocolpis + c * ow, ow);
        if (deg == 0) {
            rc = fsq__error(FSQ_ENOSOLUTION,
                            "column %zu of the PI chart is covered by no prime implicant: "
                            "there is no solution",
                            c);
            goto done;
        }
        if (deg == 1) {
            /* Essential: its only PI is in every cover. */
            const uint64_t *cp = ocolpis + c * ow;
            for (size_t w = 0; w < ow; w++)
                essential[w] |= cp[w];
        }
        keys[c].rank = deg;
        keys[c].index = c;
    }
    for (size_t i = 0; i < npis; i++) {
        if (!bit_get(essential, i))
            continue;
        ness++;
        const uint64_t *row = p->chart + i * p->nwords;
        for (size_t w = 0; w < ocw; w++)
            covered[w] |= row[w];
    }

    /* Column dominance. Visit the uncovered columns by ascending degree; a
     * column is dropped when an already kept column's PI set is a subset of
     * its own (equal sets: the first one stays). A subset's first PI lies in
     * the superset, so only kept columns filed under one of this column's
     * PIs (by their first PI) need a check. */
    qsort(keys, ncols, sizeof *keys, cmp_rank_key);
    kept_cols = malloc(ncols * sizeof *kept_cols);
    heads = malloc((npis ? npis : 1) * sizeof *heads);
    next = malloc(ncols * sizeof *next);
    if (!kept_cols || !heads || !next) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < npis; i++)
        heads[i] = SIZE_MAX;
    for (size_t k = 0; k < ncols; k++) {
        size_t c = keys[k].index;
        if (bit_get(covered, c))
            continue;
        const uint64_t *cp = ocolpis + c * ow;
        int dominated = 0;
        for (size_t w = 0; w < ow && !dominated; w++) {
            uint64_t bits = cp[w];
            while (bits && !dominated) {
                size_t pi = w * 64 + (size_t)fsq__ctz64(bits);
                bits &= bits - 1;
                for (size_t d = heads[pi]; d != SIZE_MAX && !dominated; d = next[d]) {
                    const uint64_t *dp = ocolpis + kept_cols[d] * ow;
                    int subset = 1;
                    for (size_t v = 0; v < ow && subset; v++)
                        subset = (dp[v] & ~cp[v]) == 0;
                    dominated = subset;
                }
            }
        }
        if (dominated)
            continue;
        size_t first = 0;
        for (size_t w = 0; w < ow; w++)
            if (cp[w]) {
                first = w * 64 + (size_t)fsq__ctz64(cp[w]);
                break;
            }
        kept_cols[s.m] = c;
        next[s.m] = heads[first];
        heads[first] = s.m;
        s.m++;
    }

    /* Keep the PIs that cover a kept column, in the caller's order. */
    pi_new = malloc((npis ? npis : 1) * sizeof *pi_new);
    s.pi_orig = malloc((npis ? npis : 1) * sizeof *s.pi_orig);
    if (!pi_new || !s.pi_orig) {
        rc = fsq__nomem();
        goto done;
    }
    {
        uint64_t *used = essential; /* reuse as scratch after saving the list */
        ess_list = malloc((ness ? ness : 1) * sizeof *ess_list);
        if (!ess_list) {
            rc = fsq__nomem();
            goto done;
        }
        ness = 0;
        for (size_t i = 0; i < npis; i++)
            if (bit_get(essential, i))
                ess_list[ness++] = i;
        memset(used, 0, ow * sizeof *used);
        for (size_t j = 0; j < s.m; j++)
            for (size_t w = 0; w < ow; w++)
                used[w] |= ocolpis[kept_cols[j] * ow + w];
        for (size_t i = 0; i < npis; i++) {
            pi_new[i] = SIZE_MAX;
            if (bit_get(used, i)) {
                pi_new[i] = s.n;
                s.pi_orig[s.n++] = i;
            }
        }
    }
    s.cw = fsq__words_for_bits(s.m);
    s.pw = fsq__words_for_bits(s.n);
    s.colpis = calloc(s.m * s.pw + 1, sizeof *s.colpis);
    s.picols = calloc(s.n * s.cw + 1, sizeof *s.picols);
    s.acc = calloc(s.pw, sizeof *s.acc);
    s.alive = calloc(s.pw, sizeof *s.alive);
    s.hist = calloc(s.m + 2, sizeof *s.hist);
    if (!s.colpis || !s.picols || !s.acc || !s.alive || !s.hist) {
        rc = fsq__nomem();
        goto done;
    }
    s.y = calloc(s.m + 1, sizeof *s.y);
    s.dred = malloc((s.n + 1) * sizeof *s.dred);
    if (!s.y || !s.dred) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t i = 0; i < s.n; i++) {
        bit_set(s.alive, i);
        s.dred[i] = 1; /* no LP: y = 0 */
    }
    for (size_t j = 0; j < s.m; j++) {
        const uint64_t *cp = ocolpis + kept_cols[j] * ow;
        for (size_t i = 0; i < npis; i++)
            if (bit_get(cp, i)) {
                bit_set(s.colpis + j * s.pw, pi_new[i]);
                bit_set(s.picols + pi_new[i] * s.cw, j);
            }
        size_t deg = count_bits(s.colpis + j * s.pw, s.pw);
        if (deg > s.maxdeg)
            s.maxdeg = deg;
    }
    free(ocolpis);
    ocolpis = NULL;

    /* 2. Blocks: columns joined by a shared PI (union-find). */
    parent = malloc((s.m ? s.m : 1) * sizeof *parent);
    block_of = malloc((s.m ? s.m : 1) * sizeof *block_of);
    block_start = calloc(s.m + 2, sizeof *block_start);
    block_cols = malloc((s.m ? s.m : 1) * sizeof *block_cols);
    picks = malloc((s.m ? s.m : 1) * sizeof *picks);
    mask = calloc(s.cw, sizeof *mask);
    left = calloc(s.cw, sizeof *left);
    if (!parent || !block_of || !block_start || !block_cols || !picks || !mask || !left) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t j = 0; j < s.m; j++)
        parent[j] = j;
    for (size_t i = 0; i < s.n; i++) {
        const uint64_t *pc = s.picols + i * s.cw;
        size_t first = SIZE_MAX;
        for (size_t w = 0; w < s.cw; w++) {
            uint64_t bits = pc[w];
            while (bits) {
                size_t c = w * 64 + (size_t)fsq__ctz64(bits);
                bits &= bits - 1;
                if (first == SIZE_MAX) {
                    first = find_root(parent, c);
                } else {
                    size_t r = find_root(parent, c);
                    if (r != first)
                        parent[r] = first;
                }
            }
        }
    }
    for (size_t j = 0; j < s.m; j++) {
        size_t r = find_root(parent, j);
        if (r == j)
            block_of[j] = nblocks++;
    }
    for (size_t j = 0; j < s.m; j++) {
        block_of[j] = block_of[find_root(parent, j)];
        block_start[block_of[j] + 1]++;
    }
    for (size_t b = 0; b < nblocks; b++)
        block_start[b + 1] += block_start[b];
    memset(parent, 0, s.m * sizeof *parent); /* now a fill count per block */
    for (size_t j = 0; j < s.m; j++) {
        size_t b = block_of[j];
        block_cols[block_start[b] + parent[b]++] = j;
    }

    /* 3. The minimum of each block, with its proof. */
    blocks = calloc(nblocks ? nblocks : 1, sizeof *blocks);
    s.col_last = malloc((s.m ? s.m : 1) * sizeof *s.col_last);
    if (!blocks || !s.col_last) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t j = 0; j < s.m; j++) {
        s.col_last[j] = 0;
        for (size_t w = s.pw; w-- > 0;)
            if (s.colpis[j * s.pw + w]) {
                s.col_last[j] = w * 64 + 63 - (size_t)__builtin_clzll(s.colpis[j * s.pw + w]);
                break;
            }
    }
    size_t k = ness, lower = ness, lp_sum = ness, searched = 0;
    int proof = FSQ__PROOF_COMBINATORIAL, any_lp = 0;
    for (size_t b = 0; b < nblocks && !rc && !s.limit; b++, searched++) {
        for (size_t t = block_start[b]; t < block_start[b + 1]; t++)
            bit_set(mask, block_cols[t]);
        rc = fsq__cover_block_minimum(&s, mask, picks, left, &blocks[b]);
        for (size_t t = block_start[b]; t < block_start[b + 1]; t++)
            bit_clear(mask, block_cols[t]);
        k += blocks[b].k;
        lower += blocks[b].lb;
        lp_sum += blocks[b].lp ? blocks[b].lp : blocks[b].lb;
        any_lp |= blocks[b].lp > 0;
        if (blocks[b].proof > proof)
            proof = blocks[b].proof;
    }
    out->nodes = s.nodes;
    if (rc)
        goto done;
    if (s.limit == LIMIT_TIME) {
        /* Stopped in the last block, after its greedy cover and root bound:
         * what is known of the minimum (the blocks before are solved). */
        const block_result *last = searched ? &blocks[searched - 1] : NULL;
        size_t solved = k - (last ? last->k : 0);
        if (searched == nblocks && last && last->k > 0 && last->lb > 0)
            rc = fsq__error(FSQ_ELIMIT,
                            "time limit of %g s reached in the cover search for the minimum "
                            "(--time-limit): the best cover found has %zu PIs, the minimum "
                            "is at least %zu",
                            p->time_limit, k, solved + last->lb);
        else
            rc = fsq__error(FSQ_ELIMIT,
                            "time limit of %g s reached in the cover search for the minimum "
                            "(--time-limit)",
                            p->time_limit);
        goto done;
    }
    out->size = k;
    out->lower_bound = proof == FSQ__PROOF_SEARCH ? k : lower;
    out->lp_bound = any_lp ? lp_sum : 0;
    out->proof = proof;
    out->seconds_minimum = seconds_since(&start);

    /* 4. Count and list the minimum covers of each block. */
    hook_phase(&s, "counting the minimum models");
    for (size_t b = 0; b < nblocks && !rc && !s.limit; b++) {
        if (fsq__cover_timed_out(&s)) {
            s.limit = LIMIT_TIME;
            break;
        }
        for (size_t t = block_start[b]; t < block_start[b + 1]; t++)
            bit_set(mask, block_cols[t]);
        rc = fsq__cover_block_count(&s, mask, &blocks[b]);
        nmpz = b + 1;
        for (size_t t = block_start[b]; t < block_start[b + 1]; t++)
            bit_clear(mask, block_cols[t]);
    }
    out->nodes = s.nodes;
    if (rc)
        goto done;
    if (s.limit == LIMIT_TIME) {
        rc = fsq__error(FSQ_ELIMIT,
                        "time limit of %g s reached while counting the minimum models "
                        "(--time-limit): the minimum, %zu PIs, is proven (%s), but the "
                        "count is not finished",
                        p->time_limit, k, proof_text(proof));
        goto done;
    }
    if (s.limit == LIMIT_NOMEM) {
        rc = fsq__nomem();
        goto done;
    }
    hook_phase(&s, "combining the blocks");
    rc = combine(&s, p, blocks, nblocks, ess_list, ness, k, out);
    out->seconds_count = seconds_since(&start);

done:
    if (rc) {
        /* Only the scalars of a proven minimum outlive a failed count. */
        fsq__cover_result kept = *out;
        fsq__cover_result_free(out);
        out->nodes = kept.nodes;
        if (kept.seconds_minimum > 0) {
            out->size = kept.size;
            out->lower_bound = kept.lower_bound;
            out->lp_bound = kept.lp_bound;
            out->proof = kept.proof;
            out->seconds_minimum = kept.seconds_minimum;
        }
    }
    for (size_t b = 0; blocks && b < nblocks; b++) {
        free(blocks[b].sols);
        free(blocks[b].always);
        if (b < nmpz)
            mpz_clear(blocks[b].count);
    }
    free(blocks);
    free(s.root_x);
    free(s.exact);
    free(s.col_last);
    free(ocolpis);
    free(essential);
    free(covered);
    free(keys);
    free(kept_cols);
    free(pi_new);
    free(heads);
    free(next);
    free(parent);
    free(block_of);
    free(block_start);
    free(block_cols);
    free(picks);
    free(mask);
    free(left);
    free(ess_list);
    free(s.colpis);
    free(s.picols);
    free(s.pi_orig);
    free(s.stk_u);
    free(s.stk_x);
    free(s.stk_cand);
    free(s.stk_score);
    free(s.acc);
    free(s.alive);
    free(s.hist);
    free(s.chosen);
    free(s.sols);
    free(s.y);
    free(s.dred);
    free(s.waste);
    free(s.node_y);
    return rc;
}
