/* Internal layout of the minimum-cover counter (mincount.c) and its cache
 * of counted subproblems (mincount_cache.c). */
#ifndef FSQ_COVER_MINCOUNT_INTERNAL_H
#define FSQ_COVER_MINCOUNT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <gmp.h>

typedef struct {
    uint64_t hash;
    size_t off; /* entry offset in the pool + 1; 0 = empty slot */
} mc_slot;

struct fsq__mc {
    size_t m, n, cw, pw;
    const uint64_t *colpis, *picols;
    const double *y;
    int has_deadline;
    struct timespec deadline;
    int limit;
    int decide; /* in fsq__mc_decide: any cover within the budget will do */
    uint64_t nodes;

    /* Scratch words, allocated and released last in, first out. */
    uint64_t **chunk;
    size_t *chunk_size, nchunks, cur, off;

    /* Integers for the children's counts, a stack too. */
    mpz_ptr *ints;
    size_t nints, ints_used;

    /* The cache: slots index entries in the pool, each entry
     * [keylen << 32 | nlimbs][m << 1 | exact][key, 2 per word][limbs]. */
    mc_slot *slots;
    size_t nslots, used;
    uint64_t *pool;
    size_t pool_used, pool_cap, cache_bytes;
    uint32_t *key; /* 1 + m + n: the key being built */
    double *load;  /* n: PI loads of the dual ascent */
    size_t *deg;   /* m: row degrees of the dual ascent */
};

/* The key of (U, F) into s->key (|U|, U's rows, F's PIs); its length. */
size_t fsq__mc_make_key(fsq__mc *s, const uint64_t *u, const uint64_t *f);
uint64_t fsq__mc_hash(const uint32_t *key, size_t len);
/* The entry of the key (s->key, len), or NULL; *slot: where it is or goes. */
const uint64_t *fsq__mc_cache_find(const fsq__mc *s, size_t len, uint64_t hash, size_t *slot);
/* Stores (key, m, exact, count): see mincount_cache.c. */
void fsq__mc_cache_store(fsq__mc *s, size_t len, uint64_t hash, size_t m, int exact,
                         mpz_srcptr count);
/* The count of an exact entry into out. */
void fsq__mc_entry_count(const uint64_t *e, mpz_ptr out);

/* Bounds and reductions of a subproblem (mincount_reduce.c). */
double fsq__mc_y_sum(const fsq__mc *s, const double *y, const uint64_t *u);
/* y over the rows of U that PI p covers (its load). */
double fsq__mc_pi_load(const fsq__mc *s, const double *y, size_t p, const uint64_t *u);
/* PIs of F on row c; rows of U that PI p covers. */
size_t fsq__mc_row_degree(const fsq__mc *s, size_t c, const uint64_t *f);
size_t fsq__mc_pi_rows(const fsq__mc *s, size_t p, const uint64_t *u);
/* ceil(y(U)) (with a tolerance), 0 without y. */
size_t fsq__mc_y_bound(const fsq__mc *s, const double *y, const uint64_t *u);
/* Rows of U with pairwise disjoint PI sets in F (acc: pw scratch words). */
size_t fsq__mc_disjoint_bound(const fsq__mc *s, const uint64_t *u, const uint64_t *f,
                              uint64_t *acc);
/* Unit rows forced into the cover (counted in *forced); 0 when some row
 * has no PI or the forced PIs pass the budget. */
int fsq__mc_propagate(const fsq__mc *s, uint64_t *u, uint64_t *f, size_t budget,
                      size_t *forced);
/* Drops the rows of U that another row dominates; 1 when one was. */
int fsq__mc_drop_dominated_rows(const fsq__mc *s, uint64_t *u, const uint64_t *f, double *y);
/* Raises y on U while every PI of F stays dual feasible. */
void fsq__mc_dual_ascent(fsq__mc *s, const uint64_t *u, const uint64_t *f, double *y);
/* F restricted to the PIs touching U (touch: pw scratch words). */
void fsq__mc_restrict_to_rows(const fsq__mc *s, const uint64_t *u, uint64_t *f,
                              uint64_t *touch);
/* U's first row's component into comp (rows) and cpis (PIs); 1 when it is
 * all of U (fresh: cw, newp: pw scratch words). */
int fsq__mc_component(const fsq__mc *s, const uint64_t *u, const uint64_t *f, uint64_t *comp,
                      uint64_t *cpis, uint64_t *fresh, uint64_t *newp);

#endif
