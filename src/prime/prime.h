/* Prime implicant search (internal interface of src/prime/).
 *
 * Problems are stated over "digit" configurations: a configuration of k
 * conditions is k bytes, digit j in 0..levels[j]-1 (levels 2 for crisp and
 * fuzzy conditions, more for multi-value ones). A cube (implicant) is also k
 * bytes: a level, or FSQ__DASH where the condition is free. A cube with the
 * literal set S contains configuration m iff m agrees with it on every j in S.
 * Implicants only ever fix a condition to a single level, as QCA does.
 *
 * Two modes:
 *   FSQ__PI_REMAINDERS   every configuration that is not OFF is a don't-care
 *                        (parsimonious solutions). Remainders are implicit:
 *                        the 2^k (prod levels) space is never enumerated.
 *   FSQ__PI_EXPLICIT     only ON and the explicit don't-care list dc may be
 *                        covered (conservative: dc empty; intermediate: dc =
 *                        the easy counterfactuals). OFF is then implicit.
 * The result lists every prime implicant that contains at least one ON
 * configuration (a PI covering only don't-cares is of no use to a cover),
 * in QCA's order: fewer literals first, then condition by condition (first
 * condition first): a cube fixing the condition comes before one leaving it
 * free, and a lower level before a higher one. (Checked on the reference
 * files: "indices of the fixed conditions first, then levels" is NOT QCA's
 * rule, e.g. d.transport_ACC_pars lists FIN[0]*DIS[1]*EXP[0] before
 * FIN[1]*URB[0]*HIS[1].) One quirk of QCA's sort can move a cube when
 * every PI fixes some condition; fsq__prime_implicants reproduces it too,
 * see fsq__cube_sort_qca below.
 */
#ifndef FSQ_PRIME_PRIME_H
#define FSQ_PRIME_PRIME_H

#include <stddef.h>
#include <stdint.h>

#define FSQ__DASH 0xFF

enum { FSQ__PI_REMAINDERS = 0, FSQ__PI_EXPLICIT = 1 };

typedef struct {
    size_t k;                    /* number of conditions, any number >= 1 */
    const unsigned char *levels; /* k entries, each >= 2 */
    int mode;                    /* FSQ__PI_REMAINDERS or FSQ__PI_EXPLICIT */
    size_t non;                  /* ON configurations, non x k digits */
    const unsigned char *on;
    size_t noff;                 /* OFF configurations (mode REMAINDERS) */
    const unsigned char *off;
    size_t ndc;                  /* explicit don't-cares (mode EXPLICIT) */
    const unsigned char *dc;
    /* Limits (0 = none). Reaching one returns FSQ_ELIMIT with a message
     * naming the limit; no partial result is returned. */
    size_t max_pis;
    double time_limit;           /* seconds of wall time */
    int threads;                 /* 0 = OpenMP default, 1 = serial */
    /* Pricing (mode REMAINDERS only; NULL = every PI). With on_weight
     * (non entries, each >= 0) only the PIs whose ON configurations weigh
     * at least min_weight (> 0) in all are listed: the PIs of reduced cost
     * 1 - weight <= 1 - min_weight, for column generation (see
     * src/minimize/colgen.c). Such a PI contains an ON configuration of
     * positive weight, so the search starts only from those. The order of
     * the output is the same rule as without weights (QCA's sort). */
    const double *on_weight;
    double min_weight;
    /* Pricing only: keep, from each starting ON configuration, only the
     * max_per_row PIs of largest weight (0 = all); ties keep the one found
     * first. The search then prunes below the weight of the smallest kept
     * one. Deterministic: each row's search is sequential. */
    size_t max_per_row;
    /* Search nodes allowed (0 = none), REMAINDERS only: a work budget that
     * stops with FSQ_ELIMIT and nodes_reached = 1. Whether it is reached
     * does not depend on the thread count (each row's nodes are counted
     * once, only completed counts are compared). */
    uint64_t max_nodes;
} fsq__pi_problem;

typedef struct {
    size_t k;
    size_t npis;
    unsigned char *cubes;        /* npis x k digits (FSQ__DASH = free) */
    uint64_t nodes;              /* search nodes visited (for benchmarks) */
    int max_pis_reached;         /* set (even on error) when max_pis stopped the search */
    int nodes_reached;           /* set (even on error) when max_nodes stopped it */
} fsq__pi_result;

/* Computes all prime implicants. ON and OFF (or dc) must be disjoint and free
 * of duplicates; a digit out of range is FSQ_EINPUT. Deterministic: the
 * same output for any thread count. Frees nothing of the problem; the caller
 * frees the result with fsq__pi_result_free. */
int fsq__prime_implicants(const fsq__pi_problem *p, fsq__pi_result *out);
void fsq__pi_result_free(fsq__pi_result *r);

/* Cube helpers shared with cover, fit and intermediate solutions. */
int fsq__cube_contains_digits(const unsigned char *cube, const unsigned char *cfg, size_t k);
/* 1 if every literal of a is also a literal of b (a is a superset cube). */
int fsq__cube_subsumes(const unsigned char *a, const unsigned char *b, size_t k);
int fsq__cube_nliterals(const unsigned char *cube, size_t k);
/* QCA's PI order without the quirk (see above): <0, 0, >0. It is what
 * QCA's sort gives whenever no condition is fixed by every cube. */
int fsq__cube_compare(const unsigned char *a, const unsigned char *b, size_t k);

/* ---- Internal to src/prime/ (added below the agreed interface) ----------
 *
 * The exact order of fsq__prime_implicants' output. QCA sorts its implicant
 * matrix with a column-wise stable sort whose result is fsq__cube_compare's
 * order, except for one quirk (see cube.c): when every cube fixes a
 * condition, one cube can end up out of place, and which one depends on the
 * order the cubes had before sorting. fsq__prime_implicants reproduces it
 * exactly by passing its cubes to fsq__cube_sort_qca in the order QCA finds
 * them:
 *   REMAINDERS (QCA's CCubes): by number of literals, then by the set of
 *     fixed conditions (lexicographic), then by the first ON configuration
 *     (in input order) the cube contains;
 *   EXPLICIT (QCA's C_QMC over ON then dc, in input order): the list left by
 *     the merging rounds, each round's new cubes first (in order of the first
 *     pair of input positions that produced them), then the unmerged cubes
 *     in their previous order; PIs covering no ON configuration are dropped
 *     after the sort, as QCA does.
 * So the caller should pass ON (and dc) configurations in QCA's truth-table
 * order (row index ascending; dc = easy counterfactuals in QCA's order).
 * Checked against all 89 conservative and parsimonious reference files.
 *
 * fsq__cube_sort_qca reorders n cubes in place; if perm is not NULL it
 * receives, for each output position, the input position of that cube.
 * Returns 0 or FSQ_ENOMEM. */
int fsq__cube_sort_qca(unsigned char *cubes, size_t n, size_t k, size_t *perm);

/* The two searches behind fsq__prime_implicants (problem already checked). */
int fsq__pi_search_remainders(const fsq__pi_problem *p, fsq__pi_result *out);
int fsq__pi_search_explicit(const fsq__pi_problem *p, fsq__pi_result *out);
/* Monotonic wall-clock seconds, for time limits. */
double fsq__pi_now(void);

#endif
