/* The outcome memberships of a truth table (fsq_tt_outcome_memberships). */
#include "tt/tt_internal.h"

const double *fsq_tt_outcome_memberships(const fsq_tt *tt)
{
    return tt->y; /* stored negated for "~Y" (tt.c) */
}
