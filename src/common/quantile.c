#include "common/quantile.h"

#include <math.h>

double fsq__quantile7(const double *v, size_t n, double p)
{
    if (n == 0)
        return NAN;
    double index = 1 + (double)(n - 1) * p;
    double lo = floor(index), hi = ceil(index);
    double q = v[(size_t)lo - 1];
    double xhi = v[(size_t)hi - 1];
    if (index > lo && xhi != q) {
        double h = index - lo;
        q = (1 - h) * q + h * xhi;
    }
    return q;
}
