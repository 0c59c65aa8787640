/* Counting and listing the minimum covers of one block of the chart.
 *
 * Contract. In: a block (its columns in `mask`) whose minimum cover size k
 * is known (cover_search.c). Out: the exact number of covers of size k
 * (GMP integer), the first max_solutions of them in lexicographic order of
 * their increasing PI index lists (QCA's order), and the PIs that are in
 * every one of them. Memory does not grow with the number of covers beyond
 * the listing cap.
 *
 * The block is copied into a chart of its own (its columns by ascending
 * degree, its PIs in the solver's order, so lexicographic order carries
 * over), without the PIs whose LP reduced cost exceeds the gap k - LP (in
 * no cover of size k: see solver.y). The counter of mincount.c answers
 * "the minimum and the number of minimum covers of rows U by PIs F" on it.
 *
 * Counting: one query, all rows by all PIs with budget k; or, when the
 * block's LP bound is a PI or more below k (the counter's bounds then
 * leave it a search too wide to finish), over the LP branch and bound
 * (count_lp.c), whose leaves also list the first covers and find the
 * PIs in every one.
 *
 * Listing. A depth-first walk that picks the PIs of a cover in increasing
 * order: the child of PI p covers U minus p's columns with the PIs after p.
 * Children are visited in increasing p, so covers come out in
 * lexicographic order and the walk stops at the cap. A child is opened
 * only when the counter decides (fsq__mc_decide: one cover found is
 * enough) that its rows have a cover of the PIs left in the budget left,
 * so every node opened leads to a listed cover: the walk
 * costs at most cap x k x (PIs per step) queries, most answered from the
 * counter's cache. p never passes the smallest, over the columns of U, of
 * the column's highest PI (after that some column has no PI left).
 *
 * PIs in every minimum cover (without the LP tree): the candidates are
 * the PIs of every listed cover, each tested, unless every cover is
 * listed, with one decision: is there a cover of size k without it? */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdlib.h>
#include <string.h>

#include "common/bits.h"
#include "common/error.h"
#include "cover/cover.h"
#include "cover/cover_internal.h"
#include "cover/count_internal.h"

static void chart_free(block_chart *b)
{
    fsq__mc_free(b->mc);
    free(b->colpis);
    free(b->picols);
    free(b->y);
    free(b->pi_of);
    free(b->col_of);
    free(b->col_last);
    free(b->stk_u);
    free(b->above);
    free(b->chosen);
}

/* The block `mask` of s without the PIs of root_x, as a chart of its own. */
static int chart_build(const solver *s, const uint64_t *mask, const uint64_t *root_x,
                       int with_y, size_t k, block_chart *b)
{
    size_t cw = s->cw, pw = s->pw, m = count_bits(mask, cw), n = 0, nc = 0;
    int rc = 0;
    rank_key *cols = malloc((m ? m : 1) * sizeof *cols);
    size_t *col_new = malloc((s->m ? s->m : 1) * sizeof *col_new);
    b->pi_of = malloc((s->n ? s->n : 1) * sizeof *b->pi_of);
    if (!cols || !col_new || !b->pi_of) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t w = 0; w < cw; w++)
        for (uint64_t bits = mask[w]; bits; bits &= bits - 1) {
            size_t c = w * 64 + (size_t)fsq__ctz64(bits), deg = 0;
            const uint64_t *cp = s->colpis + c * pw;
            for (size_t v = 0; v < pw; v++)
                deg += (size_t)fsq__popcount64(cp[v] & ~root_x[v]);
            cols[nc++] = (rank_key){deg, c};
        }
    qsort(cols, m, sizeof *cols, cmp_rank_key);
    for (size_t j = 0; j < m; j++)
        col_new[cols[j].index] = j;
    for (size_t p = 0; p < s->n; p++) {
        const uint64_t *pc = s->picols + p * cw;
        uint64_t any = 0;
        for (size_t w = 0; w < cw && !any; w++)
            any = pc[w] & mask[w];
        if (any && !bit_get(root_x, p))
            b->pi_of[n++] = p;
    }
    b->m = m;
    b->n = n;
    b->k = k;
    b->cw = fsq__words_for_bits(m);
    b->pw = fsq__words_for_bits(n);
    b->colpis = calloc(m * b->pw + 1, sizeof *b->colpis);
    b->picols = calloc(n * b->cw + 1, sizeof *b->picols);
    b->col_last = calloc(m + 1, sizeof *b->col_last);
    b->col_of = calloc(m + 1, sizeof *b->col_of);
    b->stk_u = calloc((k + 1) * b->cw + 1, sizeof *b->stk_u);
    b->above = calloc(b->pw + 1, sizeof *b->above);
    b->chosen = calloc(k + 1, sizeof *b->chosen);
    if (with_y)
        b->y = calloc(m + 1, sizeof *b->y);
    if (!b->colpis || !b->picols || !b->col_last || !b->col_of || !b->stk_u || !b->above ||
        !b->chosen || (with_y && !b->y)) {
        rc = fsq__nomem();
        goto done;
    }
    chart_fill(b, s->picols, cw, b->pi_of, mask, col_new);
    for (size_t j = 0; j < m; j++)
        b->col_of[j] = cols[j].index;
    for (size_t j = 0; with_y && j < m; j++)
        b->y[j] = s->y[cols[j].index];
    const struct timespec *deadline = s->has_deadline ? &s->deadline : NULL;
    rc = fsq__mc_new(&b->mc, m, n, b->colpis, b->picols, b->y, FSQ__COUNT_CACHE_BYTES,
                     deadline);
done:
    free(cols);
    free(col_new);
    return rc;
}

/* Appends the chosen PIs (increasing already) to the listed covers. */
static void record(solver *s, const block_chart *b)
{
    size_t k = b->k;
    if (grow_rows(&s->sols, s->nsols, &s->cap, k, s->max_solutions)) {
        s->limit = LIMIT_NOMEM;
        return;
    }
    for (size_t t = 0; t < k; t++)
        s->sols[s->nsols * k + t] = b->pi_of[b->chosen[t]];
    s->nsols++;
    if (s->max_solutions && s->nsols >= s->max_solutions)
        s->list_full = 1;
}

/* Lists the covers of U (level depth) with k - depth PIs numbered `from`
 * or more, in lexicographic order; the counter has shown there is one. */
static void list_node(solver *s, block_chart *b, size_t depth, size_t from)
{
    size_t cw = b->cw, r = b->k - depth;
    const uint64_t *u = b->stk_u + depth * cw;
    uint64_t *uc = b->stk_u + (depth + 1) * cw;
    size_t last = walk_last(b, u);
    for (size_t p = from; p <= last && p < b->n; p++) {
        if (!walk_step(b, u, p, r, uc))
            continue;
        b->chosen[depth] = p;
        if (r == 1) {
            record(s, b);
        } else {
            pis_after(b, NULL, p, b->above);
            /* A cover of fewer PIs would make one of fewer than k. */
            if (fsq__mc_decide(b->mc, uc, b->above, r - 1) != FSQ__MC_NONE)
                list_node(s, b, depth + 1, p + 1);
            else if (fsq__mc_limit(b->mc))
                s->limit = fsq__mc_limit(b->mc);
        }
        if (s->list_full || s->limit)
            return;
    }
}

/* The first covers of the block in lexicographic order, by the walk,
 * into br (k is the block's minimum: there is one). */
static void list_first(solver *s, block_chart *b, block_result *br)
{
    s->nsols = 0;
    s->list_full = 0;
    list_node(s, b, 0, 0);
    br->nsols = s->nsols;
    br->sols = s->sols;
    s->sols = NULL;
    s->nsols = s->cap = 0;
}

int fsq__cover_block_count(solver *s, const uint64_t *mask, block_result *br)
{
    size_t pw = s->pw, k = br->k;
    int rc = 0;
    block_chart b;
    memset(&b, 0, sizeof b);
    mpz_init(br->count);
    if (!s->root_x) {
        s->root_x = malloc((pw ? pw : 1) * sizeof *s->root_x);
        if (!s->root_x) {
            rc = fsq__nomem();
            goto done;
        }
    }
    /* The LP duals of the block (cover_search.c), if any: a PI with
     * d_p > gap = k - LP is in no cover of size k (see solver.y). */
    double gap = (double)k - br->lp_value + 1e-7;
    uint64_t *root_x = s->root_x;
    memset(root_x, 0, pw * sizeof *root_x);
    if (br->lp_value > 0)
        for (size_t p = 0; p < s->n; p++)
            if (s->dred[p] > gap)
                bit_set(root_x, p);
    if ((rc = chart_build(s, mask, root_x, br->lp_value > 0, k, &b)) != 0)
        goto done;
    uint64_t *all_pis = b.above;
    memset(b.stk_u, 0, b.cw * sizeof *b.stk_u);
    for (size_t j = 0; j < b.m; j++)
        bit_set(b.stk_u, j);
    /* A PI or more between the LP bound and k: the LP tree splits the
     * count and lists at its leaves. */
    int by_lp = br->lp_value > 0 && (double)k - br->lp_value >= 1 - 1e-6 &&
                b.n >= fsq__cover_lp_search_pis;

    size_t min = k;
    s->list_full = 0;
    if (by_lp) {
        /* Count and list over the LP tree. Its leaves test the candidates
         * for the PIs in every cover: every PI of the block at the start. */
        br->always = malloc((b.n + 1) * sizeof *br->always);
        if (!br->always) {
            rc = fsq__nomem();
            goto done;
        }
        for (size_t i = 0; i < b.n; i++)
            br->always[i] = b.pi_of[i];
        br->nalways = b.n;
        if ((rc = fsq__count_by_lp(s, &b, mask, root_x, br)) != 0 || s->limit)
            goto done;
        if (mpz_sgn(br->count) == 0)
            min = FSQ__MC_NONE;
    } else {
        /* 1. List the first covers in lexicographic order (k is the
         * block's minimum: there is one). */
        list_first(s, &b, br);
        if (s->limit)
            goto done;

        /* 2. The PIs in every listed cover: those that can be in every one. */
        br->always = malloc((k ? k : 1) * sizeof *br->always);
        if (!br->always) {
            rc = fsq__nomem();
            goto done;
        }
        br->nalways = 0;
        for (size_t t = 0; t < k && br->nsols > 0; t++) {
            size_t p = br->sols[t];
            int in_all = 1;
            for (size_t i = 1; i < br->nsols && in_all; i++) {
                const size_t *row = br->sols + i * k;
                in_all = 0;
                for (size_t j = 0; j < k; j++)
                    in_all |= row[j] == p;
            }
            if (in_all)
                br->always[br->nalways++] = p;
        }

        /* 3. Count. */
        memset(all_pis, 0, b.pw * sizeof *all_pis);
        for (size_t i = 0; i < b.n; i++)
            bit_set(all_pis, i);
        min = fsq__mc_solve(b.mc, b.stk_u, all_pis, k, br->count);
    }
    if (fsq__mc_limit(b.mc)) {
        s->limit = fsq__mc_limit(b.mc);
        goto done;
    }
    if (min != k) {
        rc = fsq__error(FSQ_EINTERNAL, "cover: the counter finds no cover of %zu PIs for a "
                                       "block whose minimum is %zu", k, k);
        goto done;
    }
    if (mpz_cmp_ui(br->count, (unsigned long)br->nsols) < 0 ||
        (!s->list_full && mpz_cmp_ui(br->count, (unsigned long)br->nsols) != 0)) {
        rc = fsq__error(FSQ_EINTERNAL, "cover: the count of the minimum covers of a block "
                                       "disagrees with the %zu listed",
                        br->nsols);
        goto done;
    }

    /* 4. Without the LP tree, and not every cover listed: each candidate
     * is in every cover of size k iff no cover avoids it. */
    if (!by_lp && mpz_cmp_ui(br->count, (unsigned long)br->nsols) != 0) {
        size_t kept = 0;
        for (size_t t = 0; t < br->nalways; t++) {
            size_t i = block_index(&b, br->always[t]);
            memset(all_pis, 0, b.pw * sizeof *all_pis);
            for (size_t q = 0; q < b.n; q++)
                if (q != i)
                    bit_set(all_pis, q);
            int in_all = fsq__mc_decide(b.mc, b.stk_u, all_pis, k) == FSQ__MC_NONE;
            if (fsq__mc_limit(b.mc)) {
                s->limit = fsq__mc_limit(b.mc);
                goto done;
            }
            if (in_all)
                br->always[kept++] = br->always[t];
        }
        br->nalways = kept;
    }
done:
    if (b.mc)
        s->nodes += fsq__mc_nodes(b.mc);
    chart_free(&b);
    if (!rc && s->limit == LIMIT_NOMEM)
        rc = fsq__nomem();
    return rc;
}
