/* Exact cover of a prime-implicant chart (internal interface of src/cover/).
 *
 * The chart has npis rows (prime implicants) and ncols columns (ON
 * configurations); chart[i] is the set of columns PI i covers, as a bitset of
 * ceil(ncols/64) words. A solution is a set of PIs that covers every column
 * and has the minimum possible number of PIs. fsq__cover_solve lists every
 * minimum solution exactly once, up to a listing cap, and counts them all.
 *
 * Order of the solutions: each solution is a sorted list of PI indices (the
 * PIs arrive in QCA's order); solutions are listed in QCA's order (see
 * cover.c for the rule and how it was checked against the reference files).
 *
 * Algorithm (mincov style): essential PIs; column dominance (a column whose
 * PI set is a superset of another's can be dropped: it keeps every minimum
 * cover); lower bounds from disjoint columns and the LP relaxation; then
 * depth-first branching on the column with the fewest PIs (or, in blocks of
 * many PIs, an LP branch and bound on the PIs: lp_search.c), pruning any
 * branch that cannot stay within the minimum; then counting (count.c).
 * PI (row) dominance is applied to the minimum's size only: listing it
 * would lose minimum covers.
 */
#ifndef FSQ_COVER_COVER_H
#define FSQ_COVER_COVER_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t npis;
    size_t ncols;
    size_t nwords;           /* words per chart row: (ncols + 63) / 64 */
    const uint64_t *chart;   /* npis x nwords */
    /* max_solutions: list at most this many of the minimum solutions (the
     * first ones in QCA's order; 0 = all). Listing fewer is not an error:
     * the result counts every one. time_limit (seconds, 0 = none): reaching
     * it returns FSQ_ELIMIT with a message naming the phase. */
    size_t max_solutions;
    double time_limit;
    int threads;             /* OpenMP threads for the searches (0 = default) */
} fsq__cover_problem;

/* How the minimum size was proven. */
enum {
    FSQ__PROOF_COMBINATORIAL, /* disjoint columns / largest coverages bound */
    FSQ__PROOF_LP,            /* LP relaxation (GLPK), rounded up */
    FSQ__PROOF_SEARCH         /* exhaustive branch and bound below the bound */
};

typedef struct {
    size_t nsolutions;       /* solutions listed (at most the cap) */
    size_t size;             /* number of PIs in each (minimum) solution */
    size_t *pis;             /* nsolutions x size PI indices, each row sorted */
    size_t nessential;       /* PIs common to every minimum solution */
    size_t *essential;       /* sorted */
    char *count;             /* every minimum solution, as a decimal string */
    /* Certificate of the minimum: root bounds summed over the blocks (plus
     * the essentials), and the strongest method any block needed. */
    size_t lower_bound;      /* == size unless proof is FSQ__PROOF_SEARCH */
    size_t lp_bound;         /* essentials + per-block LP bounds; 0: LP not needed */
    int proof;               /* FSQ__PROOF_* */
    uint64_t nodes;          /* search nodes (for benchmarks) */
    double seconds_minimum;  /* time to the proven minimum (for benchmarks) */
    double seconds_count;    /* time to the exact count */
} fsq__cover_result;

/* Returns 0, FSQ_ENOSOLUTION when some column is covered by no PI, FSQ_ELIMIT
 * (time: the message names the phase, and says when the minimum was proven
 * but the count not finished), FSQ_EINTERNAL (GLPK) or FSQ_ENOMEM. The
 * caller frees the result with fsq__cover_result_free.
 * On an error the result holds no list and no count; when the minimum was
 * proven before it (seconds_minimum > 0), size, lower_bound, lp_bound,
 * proof and seconds_minimum still hold it (for benchmarks). */
int fsq__cover_solve(const fsq__cover_problem *p, fsq__cover_result *out);
void fsq__cover_result_free(fsq__cover_result *r);

/* Nodes of the serial try before the branch and bound splits over the
 * threads (default 1000). Tests set it to 0 (split at once) so that small
 * charts, checkable by brute force, take the parallel path. */
extern size_t fsq__cover_serial_nodes;

/* Blocks with a gap at the root and at least this many PIs (after
 * dominance) are searched by the LP branch and bound (lp_search.c), the
 * others by branching on columns (default 100). Tests set it to 0 or
 * SIZE_MAX to check either search against brute force on small charts. */
extern size_t fsq__cover_lp_search_pis;

#endif
