/* Numbers in option values and in the small option languages (--sweep
 * ranges, --seed, ...): every value must be finite, inside the range the
 * option allows, and whole where a count is meant; otherwise the message
 * names the option and the value as typed.
 *
 * strtod() happily returns inf, nan and values that overflowed (1e999);
 * strtoull() accepts " -1" (and wraps it to 2^64 - 1). Nothing here trusts
 * either: a number is accepted only when the whole text was read, nothing
 * overflowed, and the value is finite and in range. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int fsq__cli_parse_number(const char *command, const char *option, const char *arg, double lo,
                          double hi, double *out)
{
    if (fsq__cli_parse_double(command, option, arg, out))
        return -1;
    if (!(*out >= lo && *out <= hi)) {
        fsq__cli_usage_error(command, "%s must lie between %g and %g, got \"%s\"", option, lo, hi,
                             arg);
        return -1;
    }
    return 0;
}

int fsq__cli_parse_u64(const char *command, const char *option, const char *arg, uint64_t *out)
{
    char *end;
    errno = 0;
    /* strtoull skips blanks and takes a sign; a count is digits only. */
    unsigned long long v = arg[0] >= '0' && arg[0] <= '9' ? strtoull(arg, &end, 10) : 0;
    if (!(arg[0] >= '0' && arg[0] <= '9') || *end || errno == ERANGE) {
        fsq__cli_usage_error(command, "%s expects a whole number from 0 to %llu, got \"%s\"",
                             option, (unsigned long long)UINT64_MAX, arg);
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

int fsq__cli_parse_range(const char *command, const char *item, const char *text, double lo,
                         double hi, int whole, double **vals, size_t *n)
{
    double a[3] = {0, 0, 1};
    int na = 0;
    const char *p = text;
    *vals = NULL;
    *n = 0;
    while (na < 3) {
        char *end;
        errno = 0;
        a[na++] = strtod(p, &end);
        if (end == p || (*end && *end != ':') || errno == ERANGE || !isfinite(a[na - 1]))
            return fsq__cli_usage_error(command, "%s: expected LO:HI:STEP, LO:HI or V (finite "
                                        "numbers), got \"%s\"", item, text);
        if (!*end)
            break;
        if (na == 3)
            return fsq__cli_usage_error(command, "%s: expected LO:HI:STEP, got \"%s\"", item,
                                        text);
        p = end + 1;
    }
    if (na == 1)
        a[1] = a[0];
    if (!(a[2] > 0) || !(a[1] >= a[0]))
        return fsq__cli_usage_error(command, "%s: need LO <= HI and STEP > 0 (\"%s\")", item,
                                    text);
    if (!(a[0] >= lo && a[1] <= hi))
        return fsq__cli_usage_error(command, "%s: values must lie between %g and %g (\"%s\")",
                                    item, lo, hi, text);
    /* With finite LO <= HI and STEP > 0 the quotient is >= 0, or +inf when
     * it overflows; never NaN. The test is written so NaN would fail it. */
    double steps = floor((a[1] - a[0]) / a[2] + 1e-9);
    if (!(steps <= 1e7))
        return fsq__cli_usage_error(command, "%s: more than 10^7 values (\"%s\")", item, text);
    size_t count = (size_t)steps + 1;
    double *v = malloc(count * sizeof *v);
    if (!v)
        return fsq__cli_error(command, "out of memory");
    for (size_t i = 0; i < count; i++) {
        double x = a[0] + (double)i * a[2];
        /* 0.7 + 3 * 0.01 is 0.73, not 0.73000000000000009; only where the
         * scaling cannot overflow. */
        if (fabs(x) < 1e6)
            x = round(x * 1e12) / 1e12;
        if (x > a[1])
            x = a[1];
        if (whole && x != floor(x)) {
            free(v);
            return fsq__cli_usage_error(command, "%s: %g is not a whole number (\"%s\")", item, x,
                                        text);
        }
        v[i] = x;
    }
    *vals = v;
    *n = count;
    return 0;
}
