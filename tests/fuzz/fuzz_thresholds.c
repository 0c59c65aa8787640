/* Calibration thresholds, as `fsqca calibrate --thresholds`, the spec's
 * [calibrate] entries and `robust --calibrate COL=...` take them:
 * fsq_calib_parse_thresholds, then fsq_calibrate of a fixed column with the
 * parsed values (first byte: crisp / logistic / linear, and idm). Checked:
 * parsed values are finite; fuzzy memberships lie in [0, 1], crisp ones are
 * whole numbers 0..nthresholds. */
#include <math.h>

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    char *text = fuzz_cstr(data + 1, size - 1);
    double th[16];
    size_t n = 0;
    int named = 0;
    if (fsq_calib_parse_thresholds(text, th, 16, &n, &named) == 0) {
        if (n < 1 || n > 16)
            abort();
        for (size_t i = 0; i < n; i++)
            if (!isfinite(th[i]))
                abort();
        static const double x[12] = {-1e300, -5, 0, 0.5, 1, 2, 3, 10, 100, 1e6, 1e300, NAN};
        double out[12];
        fsq_calib_options o = FSQ_CALIB_OPTIONS_INIT;
        o.type = mode & 1 ? FSQ_CALIB_CRISP : FSQ_CALIB_FUZZY;
        o.logistic = (mode & 2) != 0;
        o.idm = mode & 4 ? 0.99 : 0.95;
        o.below = mode & 8 ? 2.0 : 1.0;
        o.thresholds = th;
        o.nthresholds = n;
        if (fsq_calibrate(x, 12, &o, out) == 0)
            for (size_t i = 0; i < 11; i++) {
                if (o.type == FSQ_CALIB_FUZZY && !(out[i] >= 0 && out[i] <= 1))
                    abort();
                if (o.type == FSQ_CALIB_CRISP &&
                    !(out[i] >= 0 && out[i] <= (double)n && out[i] == floor(out[i])))
                    abort();
            }
    }
    free(text);
    return 0;
}
