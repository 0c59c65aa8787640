/* LP-based branch and bound for the minimum of one block of the chart
 * (internal interface of src/cover/; see lp_search.c). */
#ifndef FSQ_COVER_LP_SEARCH_H
#define FSQ_COVER_LP_SEARCH_H

#include "cover/cover_internal.h"

/* Searches the block's columns `mask` over the PIs outside X for a cover
 * smaller than s->best, lowering s->best to each one found. With 0
 * returned and s->limit unset, the search was exhaustive: s->best is the
 * minimum. At the deadline s->limit = LIMIT_TIME (LIMIT_NOMEM without
 * memory for the search stack). Adds its nodes to s->nodes. Returns 0,
 * FSQ_ENOMEM, FSQ_EUNSUPPORTED (a block too big for GLPK) or
 * FSQ_EINTERNAL (GLPK failed). */
int fsq__cover_lp_search(solver *s, const uint64_t *mask, const uint64_t *x);

#endif
