/* Prime implicants under the LP bound: column generation (internal to
 * src/minimize/). See colgen.c for the method and the proof. */
#ifndef FSQ_MINIMIZE_COLGEN_H
#define FSQ_MINIMIZE_COLGEN_H

#include <stddef.h>
#include <stdint.h>

#include "prime/prime.h"

/* Full enumerations that would list more PIs than this switch to column
 * generation (parsimonious problems only); below it the PI list is
 * complete, as QCA's (the reference tests check it). */
#define FSQ__COLGEN_PI_THRESHOLD 100000
/* ... or would take more search nodes than this (a few seconds; a work
 * count, not a clock, so the choice is the same on every machine). */
#define FSQ__COLGEN_NODE_THRESHOLD ((uint64_t)5 * 1000 * 1000)
/* What the PI phase did. complete = 1: every prime implicant is listed
 * (total = npis). complete = 0: column generation; the list holds only the
 * PIs that pass the reduced-cost test, which every PI of every minimum
 * cover passes, and total = 0 (unknown). */
typedef struct {
    int complete;
    size_t total;
    size_t generated;      /* columns generated before the final pricing */
    size_t rounds;         /* LP solves */
    double lp_bound;       /* LP bound valid over all PIs (0 when complete) */
    size_t upper;          /* size of the best cover found by the driver */
    uint64_t other_nodes;    /* search nodes not counted in the result (pricing rounds) */
} fsq__pi_info;

/* The PIs of problem p for the cover: the complete list when it has at
 * most FSQ__COLGEN_PI_THRESHOLD PIs and FSQ__COLGEN_NODE_THRESHOLD nodes
 * (or when p->max_pis is at most the PI threshold), else (mode
 * REMAINDERS) the PIs that can be in a minimum cover, by column
 * generation. Same contract and errors as fsq__prime_implicants; *info is
 * filled on success. p->max_pis also caps the PIs column generation keeps. */
int fsq__colgen_prime_implicants(const fsq__pi_problem *p, fsq__pi_result *out,
                                 fsq__pi_info *info);

/* The PI chart: row i (nwords = ceil(non / 64) words) has bit c set when
 * cube i contains ON configuration c. *chart is malloc'ed (the caller
 * frees). Returns 0 or FSQ_ENOMEM. */
int fsq__pi_chart(const unsigned char *levels, size_t k, const unsigned char *on, size_t non,
                  const unsigned char *cubes, size_t npis, uint64_t **chart, size_t *nwords);
/* The same, stopping with FSQ_ELIMIT (no message; *chart NULL) once
 * `deadline` (fsq__now() seconds, 0 = none) has passed. */
int fsq__pi_chart_until(const unsigned char *levels, size_t k, const unsigned char *on,
                        size_t non, const unsigned char *cubes, size_t npis, uint64_t **chart,
                        size_t *nwords, double deadline);

#endif
