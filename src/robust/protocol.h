/* Internal pieces of the robustness protocol (public API: fsqca.h, section 7).
 *
 * fsq__robust_classify is the per-case rule of SetMethods' rob.cases, exposed
 * so that resampling loops can classify cases without building the whole
 * fsq_robust_fit. */
#ifndef FSQ_ROBUST_PROTOCOL_H
#define FSQ_ROBUST_PROTOCOL_H

#include "fsqca/fsqca.h"

/* The class of one case from its memberships in the initial solution, the
 * minimum and maximum test solutions and the outcome. */
fsq_rob_class fsq__robust_classify(double is, double ts_min, double ts_max, double y);

#endif
