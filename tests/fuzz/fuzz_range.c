/* The --sweep value language of `fsqca robust` (LO:HI:STEP, LO:HI, V) and
 * the number options (fsq__cli_parse_number / _u64 / _size), through the
 * command's parsers in src/cli/parse_num.c. The first byte picks the item:
 * incl-cut / pri-cut ([0, 1]), n-cut (whole, [1, 1e15]) or an anchor (any
 * finite number). Checked: on success every value is finite, in range,
 * whole where asked, and there are at most 10^7 + 1 of them. */
#include <math.h>
#include <float.h>

#include "fuzz_util.h"
#include "cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned which = data[0] % 3;
    char *text = fuzz_cstr(data + 1, size - 1);
    static const double lo[3] = {0, 1, -DBL_MAX}, hi[3] = {1, 1e15, DBL_MAX};
    double *v = NULL;
    size_t n = 0;
    if (fsq__cli_parse_range("fuzz", "--sweep x", text, lo[which], hi[which], which == 1, &v,
                             &n) == 0) {
        if (n < 1 || n > 10000001)
            abort();
        for (size_t i = 0; i < n; i++)
            if (!isfinite(v[i]) || v[i] < lo[which] || v[i] > hi[which] ||
                (which == 1 && v[i] != floor(v[i])))
                abort();
    }
    free(v);

    double x;
    if (fsq__cli_parse_number("fuzz", "--x", text, lo[which], hi[which], &x) == 0 &&
        !(isfinite(x) && x >= lo[which] && x <= hi[which]))
        abort();
    uint64_t u;
    if (fsq__cli_parse_u64("fuzz", "--seed", text, &u) == 0 && !(text[0] >= '0' && text[0] <= '9'))
        abort();
    size_t s;
    fsq__cli_parse_size("fuzz", "--n", text, &s);
    free(text);
    return 0;
}
