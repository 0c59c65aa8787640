/* Calibration of raw values into set memberships, exactly as QCA 3.23's
 * calibrate() (method = "direct").
 *
 * Contract
 *   in : n raw values x (NaN = missing) and the options (type, thresholds,
 *        logistic, idm, below, above).
 *   out: n memberships. Fuzzy: values in [0, 1]; crisp: the number of
 *        thresholds <= x (0 .. nthresholds). NaN in gives NaN out.
 *   invariant: validation runs before anything is written, so on failure
 *        `out` is untouched; out may alias x (each output depends only on the
 *        input at the same position and on the thresholds).
 *   complexity: O(n) (crisp: O(n log t) with t thresholds).
 *
 * The maths (e = exclusion, c = crossover, i = inclusion anchor)
 *   logistic:  with L = log(idm / (1 - idm)) and a = i for x >= c, a = e for
 *              x < c, m = 1 / (1 + exp(-(x - c) * L / (a - c))), so m(c) = 0.5,
 *              m(i) = idm and m(e) = 1 - idm. A decreasing set (e > i) is
 *              calibrated as the increasing one with e and i swapped, then
 *              complemented.
 *   linear / s-shaped (logistic = 0), increasing:
 *              x <= e: 0;  x <= c: ((e - x) / (e - c))^below / 2;
 *              x <= i: 1 - ((i - x) / (i - c))^above / 2;  else 1.
 *              below = above = 1 is linear; other exponents bend the curve.
 *   bell (6 thresholds e1 c1 i1 i2 c2 e2): the rising piece on (e1, i1), full
 *              membership on [i1, i2], the falling piece on (i2, e2); with
 *              i1 < c1 < e1 <= e2 < c2 < i2 the shape is the inverse (a U).
 *   finally, as QCA does, memberships below 1e-4 become 0 and above 0.9999
 *   become 1.
 * "x <= t" above is QCA's test x < t or all.equal(x, t): equal within a
 * relative tolerance of 1.5e-8, so values a rounding error away from an anchor
 * land on the anchor's side, as they do in R. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "common/quantile.h"

/* R's all.equal(target, current) for two finite scalars: the difference
 * relative to |target| (absolute when |target| is tiny) within 1.5e-8. */
static int r_all_equal(double target, double current)
{
    const double tolerance = 1.5e-8;
    double diff = fabs(target - current);
    double scale = fabs(target);
    if (scale > tolerance)
        diff /= scale;
    return diff <= tolerance;
}

/* QCA's `x < t | check.equal(x, t)`. */
static int at_most(double x, double t)
{
    return x < t || r_all_equal(x, t);
}

static double clamp_tails(double m)
{
    if (m < 0.0001)
        return 0.0;
    if (m > 0.9999)
        return 1.0;
    return m;
}

static double logistic_member(double x, double e, double c, double i, double idm)
{
    double increasing_e = e, increasing_i = i;
    int decreasing = e > i;
    if (decreasing) {
        increasing_e = i;
        increasing_i = e;
    }
    double log_odds = log(idm / (1 - idm));
    double m;
    /* An anchor equal to the crossover (QCA accepts it): a step there. Past
     * the crossover on that side the membership is full (or none); at the
     * crossover itself it is 0.5, as everywhere. */
    if (x == c)
        return 0.5;
    if (x > c && increasing_i == c)
        return decreasing ? 0.0 : 1.0;
    if (x < c && increasing_e == c)
        return decreasing ? 1.0 : 0.0;
    /* Same evaluation order as R: ((s * (x - c)) * L) / (a - c). */
    if (x < c)
        m = 1 / (1 + exp(1 * (x - c) * log_odds / (increasing_e - c)));
    else
        m = 1 / (1 + exp(-1 * (x - c) * log_odds / (increasing_i - c)));
    if (decreasing)
        m = 1 - m;
    return m;
}

static double rising(double x, double e, double c, double below)
{
    return pow((e - x) / (e - c), below) / 2;
}

static double falling_to_full(double x, double i, double c, double above)
{
    return 1 - pow((i - x) / (i - c), above) / 2;
}

static double linear_member(double x, double e, double c, double i, double below,
                            double above)
{
    if (e < i) {
        if (at_most(x, e))
            return 0;
        if (at_most(x, c))
            return rising(x, e, c, below);
        if (at_most(x, i))
            return falling_to_full(x, i, c, above);
        return 1;
    }
    if (at_most(x, i))
        return 1;
    if (at_most(x, c))
        return falling_to_full(x, i, c, above);
    if (at_most(x, e))
        return rising(x, e, c, below);
    return 0;
}

/* th = e1 c1 i1 i2 c2 e2. QCA tests "x < i1" (resp. "x < e1") without the
 * tolerance in the third branch; kept so results agree at the anchor. */
static double bell_member(double x, const double *th, int ushape, double below, double above)
{
    double e1 = th[0], c1 = th[1], i1 = th[2], i2 = th[3], c2 = th[4], e2 = th[5];
    if (!ushape) {
        if (at_most(x, e1))
            return 0;
        if (at_most(x, c1))
            return rising(x, e1, c1, below);
        if (x < i1)
            return falling_to_full(x, i1, c1, above);
        if (at_most(x, i2))
            return 1;
        if (at_most(x, c2))
            return falling_to_full(x, i2, c2, above);
        if (at_most(x, e2))
            return rising(x, e2, c2, below);
        return 0;
    }
    if (at_most(x, i1))
        return 1;
    if (at_most(x, c1))
        return falling_to_full(x, i1, c1, above);
    if (x < e1)
        return rising(x, e1, c1, below);
    if (at_most(x, e2))
        return 0;
    if (at_most(x, c2))
        return rising(x, e2, c2, below);
    if (at_most(x, i2))
        return falling_to_full(x, i2, c2, above);
    return 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int calibrate_crisp(const double *x, size_t n, const fsq_calib_options *opts, double *out)
{
    int rc = FSQ_OK;
    size_t nth = opts->nthresholds;
    double *sorted = NULL;
    double lo = INFINITY, hi = -INFINITY;

    if (nth < 1)
        return fsq__error(FSQ_EINPUT, "crisp calibration needs at least one threshold");
    for (size_t t = 0; t < nth; t++)
        if (!isfinite(opts->thresholds[t]))
            return fsq__error(FSQ_EINPUT, "threshold %zu is not a finite number", t + 1);
    for (size_t k = 0; k < n; k++) {
        if (isnan(x[k]))
            continue;
        if (x[k] < lo)
            lo = x[k];
        if (x[k] > hi)
            hi = x[k];
    }
    /* QCA refuses thresholds that no value reaches: such a set would have an
     * empty (or full) category by construction. */
    for (size_t t = 0; t < nth; t++)
        if (opts->thresholds[t] < lo || opts->thresholds[t] > hi)
            return fsq__error(FSQ_EINPUT,
                              "threshold %g is outside the range of the values [%g, %g]",
                              opts->thresholds[t], lo, hi);

    sorted = malloc(nth * sizeof *sorted);
    if (!sorted) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t t = 0; t < nth; t++)
        sorted[t] = opts->thresholds[t];
    qsort(sorted, nth, sizeof *sorted, cmp_double);

    /* R's findInterval(): the number of sorted thresholds <= x. */
    for (size_t k = 0; k < n; k++) {
        double v = x[k];
        if (isnan(v)) {
            out[k] = NAN;
            continue;
        }
        size_t lo_i = 0, hi_i = nth;
        while (lo_i < hi_i) {
            size_t mid = lo_i + (hi_i - lo_i) / 2;
            if (sorted[mid] <= v)
                lo_i = mid + 1;
            else
                hi_i = mid;
        }
        out[k] = (double)lo_i;
    }

done:
    free(sorted);
    return rc;
}

/* Checks the three fuzzy anchors: monotone, e != i. The inclusion (or
 * exclusion) anchor may equal the crossover, as QCA accepts: a step
 * function on that side (full membership right past c when i == c, none
 * right before c when e == c). Other orders QCA silently misreads; fsqca
 * refuses them, since no such calibration is meaningful. */
static int check_three(const double *th)
{
    double e = th[0], c = th[1], i = th[2];
    if (e != i && ((e <= c && c <= i) || (e >= c && c >= i)))
        return FSQ_OK;
    return fsq__error(FSQ_EINPUT,
                      "fuzzy thresholds e=%g, c=%g, i=%g must be monotone with e != i: "
                      "e < c < i (increasing set), e > c > i (decreasing set), or "
                      "c equal to e or i (a step at c)",
                      e, c, i);
}

static int check_six(const double *th, int *ushape)
{
    double e1 = th[0], c1 = th[1], i1 = th[2], i2 = th[3], c2 = th[4], e2 = th[5];
    if (e1 < c1 && c1 < i1 && i1 <= i2 && i2 < c2 && c2 < e2) {
        *ushape = 0;
        return FSQ_OK;
    }
    if (i1 < c1 && c1 < e1 && e1 <= e2 && e2 < c2 && c2 < i2) {
        *ushape = 1;
        return FSQ_OK;
    }
    return fsq__error(FSQ_EINPUT,
                      "bell-shaped thresholds e1=%g, c1=%g, i1=%g, i2=%g, c2=%g, e2=%g "
                      "must satisfy e1 < c1 < i1 <= i2 < c2 < e2 (bell) or "
                      "i1 < c1 < e1 <= e2 < c2 < i2 (inverted bell)",
                      e1, c1, i1, i2, c2, e2);
}

int fsq_calibrate(const double *x, size_t n, const fsq_calib_options *opts, double *out)
{
    static const fsq_calib_options defaults = FSQ_CALIB_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    if ((n > 0 && (!x || !out)) || (opts->nthresholds > 0 && !opts->thresholds))
        return fsq__error(FSQ_EINPUT, "fsq_calibrate: NULL values, output or thresholds");

    if (opts->type == FSQ_CALIB_CRISP)
        return calibrate_crisp(x, n, opts, out);
    if (opts->type != FSQ_CALIB_FUZZY)
        return fsq__error(FSQ_EINPUT, "unknown calibration type %d", opts->type);

    size_t nth = opts->nthresholds;
    const double *th = opts->thresholds;
    if (nth != 3 && nth != 6)
        return fsq__error(FSQ_EINPUT,
                          "fuzzy calibration needs 3 thresholds (e, c, i) or 6 (e1, c1, i1, "
                          "i2, c2, e2), got %zu",
                          nth);
    for (size_t t = 0; t < nth; t++)
        if (!isfinite(th[t]))
            return fsq__error(FSQ_EINPUT, "threshold %zu is not a finite number", t + 1);
    if (!(opts->idm > 0.5 && opts->idm < 1))
        return fsq__error(FSQ_EINPUT,
                          "the inclusion degree of membership (idm) must be > 0.5 and < 1, "
                          "got %g",
                          opts->idm);
    int logistic = nth == 3 && opts->logistic;
    if (!logistic && !(opts->below > 0 && opts->above > 0))
        return fsq__error(FSQ_EINPUT, "the exponents below (%g) and above (%g) must be positive",
                          opts->below, opts->above);

    int ushape = 0;
    int rc = nth == 3 ? check_three(th) : check_six(th, &ushape);
    if (rc)
        return rc;

    for (size_t k = 0; k < n; k++) {
        double v = x[k];
        double m;
        if (isnan(v)) {
            out[k] = NAN;
            continue;
        }
        if (nth == 6)
            m = bell_member(v, th, ushape, opts->below, opts->above);
        else if (logistic)
            m = logistic_member(v, th[0], th[1], th[2], opts->idm);
        else
            m = linear_member(v, th[0], th[1], th[2], opts->below, opts->above);
        out[k] = clamp_tails(m);
    }
    return FSQ_OK;
}

/* Threshold text ------------------------------------------------------------ */

static const char *const names3[3] = {"e", "c", "i"};
static const char *const names6[6] = {"e1", "c1", "i1", "i2", "c2", "e2"};

static int name_slot(const char *name, size_t len, size_t count)
{
    const char *const *names = count == 3 ? names3 : names6;
    for (size_t s = 0; s < count; s++)
        if (strlen(names[s]) == len && strncmp(names[s], name, len) == 0)
            return (int)s;
    return -1;
}

/* An anchor written as a percentile, "p5" or "p97.5": R's quantile(x,
 * N / 100, type = 7) over the non-missing values of x. Returns 1 and sets
 * *v, 0 if the text is no percentile, -1 (with a message) if it is one that
 * cannot be computed. */
static int percentile_anchor(const char *num, const char *end, const double *x, size_t n,
                             double *v)
{
    while (num < end && isspace((unsigned char)*num))
        num++;
    if (num >= end || (*num != 'p' && *num != 'P'))
        return 0;
    char *stop;
    errno = 0;
    double pct = strtod(num + 1, &stop);
    while (stop < end && isspace((unsigned char)*stop))
        stop++;
    if (stop == num + 1 || stop != end || errno == ERANGE || !(pct >= 0 && pct <= 100)) {
        fsq__error(FSQ_EINPUT, "percentile anchor \"%.*s\" must be p0 to p100", (int)(end - num),
                   num);
        return -1;
    }
    if (!x) {
        fsq__error(FSQ_EINPUT, "percentile anchor \"%.*s\" needs the data (calibrate a column)",
                   (int)(end - num), num);
        return -1;
    }
    double *sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted) {
        fsq__nomem();
        return -1;
    }
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (!isnan(x[k]))
            sorted[m++] = x[k];
    if (m == 0) {
        free(sorted);
        fsq__error(FSQ_EINPUT, "percentile anchor \"%.*s\": the column has no value",
                   (int)(end - num), num);
        return -1;
    }
    qsort(sorted, m, sizeof *sorted, cmp_double);
    *v = fsq__quantile7(sorted, m, pct / 100);
    free(sorted);
    return 1;
}

int fsq_calib_parse_thresholds(const char *text, double *thresholds, size_t max, size_t *n,
                               int *named_out)
{
    return fsq_calib_parse_thresholds_data(text, NULL, 0, thresholds, max, n, named_out);
}

int fsq_calib_parse_thresholds_data(const char *text, const double *x, size_t nx,
                                    double *thresholds, size_t max, size_t *n, int *named_out)
{
    enum { MAXT = 64 };
    double values[MAXT];
    const char *name_at[MAXT];
    size_t name_len[MAXT];
    size_t count = 0, named = 0;
    const char *p = text;

    *n = 0;
    if (named_out)
        *named_out = 0;
    if (!text || !*text)
        return fsq__error(FSQ_EINPUT, "empty threshold list");
    for (;;) {
        const char *end = p + strcspn(p, ",");
        const char *eq = memchr(p, '=', (size_t)(end - p));
        const char *num = eq ? eq + 1 : p;
        if (count == MAXT)
            return fsq__error(FSQ_EINPUT, "too many thresholds (more than %d)", MAXT);
        name_at[count] = NULL;
        name_len[count] = 0;
        if (eq) {
            const char *a = p, *b = eq;
            while (a < b && isspace((unsigned char)*a))
                a++;
            while (b > a && isspace((unsigned char)b[-1]))
                b--;
            name_at[count] = a;
            name_len[count] = (size_t)(b - a);
            named++;
        }
        char *stop;
        double v;
        int pc = percentile_anchor(num, end, x, nx, &v);
        if (pc < 0)
            return FSQ_EINPUT;
        errno = 0;
        if (!pc)
            v = strtod(num, &stop);
        while (!pc && stop < end && isspace((unsigned char)*stop))
            stop++;
        if (!pc && (stop == num || stop != end || errno == ERANGE || !isfinite(v)))
            return fsq__error(FSQ_EINPUT, "threshold \"%.*s\" is not a number", (int)(end - p), p);
        values[count++] = v;
        if (!*end)
            break;
        p = end + 1;
    }
    if (named && named != count)
        return fsq__error(FSQ_EINPUT,
                          "name either every threshold (e=..,c=..,i=..) or none, in \"%s\"", text);
    if (count > max)
        return fsq__error(FSQ_EINPUT, "too many thresholds: %zu (at most %zu)", count, max);

    if (named) {
        /* Named anchors may come in any order; they are stored in the
         * canonical order e, c, i (or e1, c1, i1, i2, c2, e2), as QCA does. */
        if (count != 3 && count != 6)
            return fsq__error(FSQ_EINPUT,
                              "named thresholds must be e, c, i or e1, c1, i1, i2, c2, e2; "
                              "got %zu in \"%s\"",
                              count, text);
        int seen[6] = {0};
        for (size_t t = 0; t < count; t++) {
            int s = name_slot(name_at[t], name_len[t], count);
            if (s < 0 || seen[s])
                return fsq__error(FSQ_EINPUT, "%s threshold name \"%.*s\" in \"%s\" (expected %s)",
                                  s < 0 ? "unknown" : "repeated", (int)name_len[t], name_at[t],
                                  text, count == 3 ? "e, c, i" : "e1, c1, i1, i2, c2, e2");
            seen[s] = 1;
            thresholds[s] = values[t];
        }
    } else {
        for (size_t t = 0; t < count; t++)
            thresholds[t] = values[t];
    }
    *n = count;
    if (named_out)
        *named_out = named > 0;
    return FSQ_OK;
}
