/* Influence models and their analysis (internal layout shared by
 * src/network/ and the writers in src/report/).
 *
 * A model of n elements keeps three n x n row-major matrices: cell i*n + j
 * is the influence of element i on element j (intensity >= 0, sign +1/-1,
 * delay 1..3; sign and delay are +1 and 1 where the intensity is 0). */
#ifndef FSQ_NETWORK_INTERNAL_H
#define FSQ_NETWORK_INTERNAL_H

#include <stddef.h>

#include "fsqca/fsqca.h"

struct fsq_influence {
    char *source;
    size_t n;
    char **names;
    double *w;       /* intensity */
    int *sign;
    int *delay;
    int has_signs, has_delays;   /* 0: none were given (all +1 / all short) */
};

struct fsq_network {
    fsq_influence *matrix;        /* the model, or the mean of the cases */
    fsq_influence *median;        /* several cases only */
    size_t n;
    fsq_influence_element *elements;
    double total, mean;
    size_t micmac_power;
    fsq_micmac_status micmac_status;
    size_t nloops;
    fsq_influence_loop *loops;    /* elements point into loop_elements */
    size_t *loop_elements;
    int loops_complete;
    size_t max_loop;
    double *traj;                 /* (steps + 1) x n, NULL without an impulse */
    double *impulse;              /* n */
    size_t steps;
    size_t ncases;                /* 1 for a single model */
    char **case_sources;          /* several cases: ncases */
    fsq_influence_element *case_elements; /* several cases: ncases x n */
};

/* A new model of n elements with names copied and all intensities 0, signs
 * +1, delays 1. */
int fsq__influence_alloc(fsq_influence **out, size_t n, const char *const *names,
                         const char *source);

/* Active and passive sums, P, Q and roles of every element of m into el[n]
 * (the rank and MICMAC fields are left alone); *total gets the total
 * intensity. */
void fsq__influence_sums(const fsq_influence *m, fsq_influence_element *el, double *total);

/* Competition ranks (1 = highest; scores within a relative 1e-12 of each
 * other tie) of score[0..n-1] into rank[]. */
void fsq__rank(const double *score, size_t n, size_t *rank);

/* MICMAC: fills the micmac_* fields of el[] from the powers of m, and the
 * power reported and why the powers stopped. */
int fsq__micmac(const fsq_influence *m, size_t max_power, fsq_influence_element *el,
                size_t *power, fsq_micmac_status *status);

/* Every elementary cycle of at most max_loop elements, sorted (see
 * fsq_network_loop), at most max_loops of them (*complete = 0 when more
 * exist). The arrays are malloc'ed: *loops (nloops entries) point into
 * *pool. */
int fsq__loops(const fsq_influence *m, size_t max_loop, size_t max_loops,
               fsq_influence_loop **loops, size_t **pool, size_t *nloops, int *complete);

/* The pulse process (see fsq_network_trajectory) into traj[(steps+1) x n]. */
int fsq__impulse(const fsq_influence *m, const double *impulse, size_t steps, double *traj);

#endif
