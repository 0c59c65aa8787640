/* R's sample quantiles. */
#ifndef FSQ_COMMON_QUANTILE_H
#define FSQ_COMMON_QUANTILE_H

#include <stddef.h>

/* R's quantile(x, p, type = 7) of the ascending values v[0..n-1], with R's
 * arithmetic: index = 1 + (n - 1) p, lo = floor(index), hi = ceiling(index),
 * h = index - lo, q = (1 - h) v[lo] + h v[hi] (1-based; q = v[lo] when h is 0
 * or the two values are equal). NaN when n is 0. */
double fsq__quantile7(const double *v, size_t n, double p);

#endif
