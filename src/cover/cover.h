/* Exact cover of a prime-implicant chart (internal interface of src/cover/).
 *
 * The chart has npis rows (prime implicants) and ncols columns (ON
 * configurations); chart[i] is the set of columns PI i covers, as a bitset of
 * ceil(ncols/64) words. A solution is a set of PIs that covers every column
 * and has the minimum possible number of PIs. fsq__cover_solve lists every
 * minimum solution exactly once.
 *
 * Order of the solutions: each solution is a sorted list of PI indices (the
 * PIs arrive in QCA's order); solutions are listed in QCA's order (see
 * cover.c for the rule and how it was checked against the reference files).
 *
 * Algorithm (mincov style): essential PIs; column dominance (a column whose
 * PI set is a superset of another's can be dropped: it keeps every minimum
 * cover); a lower bound from disjoint columns; then depth-first branching on
 * the column with the fewest PIs, pruning any branch that cannot stay within
 * the minimum. PI (row) dominance is NOT applied: it may lose minimum covers.
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
    /* Limits (0 = none): reaching one returns FSQ_ELIMIT with a message. */
    size_t max_solutions;
    double time_limit;       /* seconds */
} fsq__cover_problem;

typedef struct {
    size_t nsolutions;
    size_t size;             /* number of PIs in each (minimum) solution */
    size_t *pis;             /* nsolutions x size PI indices, each row sorted */
    size_t nessential;       /* PIs common to every solution */
    size_t *essential;       /* sorted */
    uint64_t nodes;          /* search nodes (for benchmarks) */
} fsq__cover_result;

/* Returns 0, FSQ_ENOSOLUTION when some column is covered by no PI, FSQ_ELIMIT
 * or FSQ_ENOMEM. The caller frees the result with fsq__cover_result_free. */
int fsq__cover_solve(const fsq__cover_problem *p, fsq__cover_result *out);
void fsq__cover_result_free(fsq__cover_result *r);

#endif
