/* Timing helpers for the bench/ programs: a monotonic clock, medians over
 * repeats, and a checksum sink so the compiler cannot drop measured work. */
#ifndef FSQ_BENCH_TIMING_H
#define FSQ_BENCH_TIMING_H

#include <stddef.h>
#include <stdint.h>

double bench_now(void);                       /* seconds, monotonic */
double bench_median(double *values, size_t n); /* sorts values in place */
void bench_sink(uint64_t value);              /* folds into a global checksum */
uint64_t bench_checksum(void);
/* splitmix64: the data generators' fixed-seed generator. */
uint64_t bench_rand(uint64_t *state);
double bench_uniform(uint64_t *state);        /* [0, 1) */

#endif
