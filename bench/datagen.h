/* Generated data sets for the bench/ programs. */
#ifndef FSQ_BENCH_DATAGEN_H
#define FSQ_BENCH_DATAGEN_H

#include <stddef.h>
#include <stdint.h>

#include "fsqca/fsqca.h"

/* A data set of n cases ("c1".."cN") by k conditions named prefix1..prefixK
 * and an outcome "Y" (column k), its values left for the caller to fill
 * (fsq_data_column is read-only, so generators write through
 * bench_data_values). NULL if out of memory. */
fsq_data *bench_data_new(size_t n, size_t k, const char *prefix);
double *bench_data_values(fsq_data *d, size_t var);

/* ntypes random binary configurations of k conditions (each condition 1
 * with probability 1/2), drawn from *state with bench_rand: ntypes x k
 * bytes, malloc'ed (the caller frees), NULL if out of memory. */
unsigned char *bench_random_types(size_t ntypes, size_t k, uint64_t *state);

#endif
