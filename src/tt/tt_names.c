/* Public names and settings of a truth table (fsqca.h, section 3): thin
 * wrappers over the internal helpers, so that callers above the library
 * (the CLI) need not include tt/tt_internal.h. */
#include "tt/tt_internal.h"

const char *fsq_cond_type_name(fsq_cond_type t)
{
    return fsq__tt_type_name(t);
}

const char *fsq_out_name(fsq_out o)
{
    return fsq__out_name(o);
}

const fsq_tt_options *fsq_tt_get_options(const fsq_tt *tt)
{
    return &tt->opts;
}
