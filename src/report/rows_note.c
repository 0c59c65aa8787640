/* Report notes on rows of the truth table found by findRows: the
 * contradictory simplifying assumptions and the rows excluded from the
 * minimizations (fsqca run). */
#include <inttypes.h>

#include "report/report.h"

void fsq__report_rows_note(fsq__buf *b, const char *what, const uint64_t *rows, size_t n)
{
    if (!n)
        return;
    fsq__buf_printf(b, "- %s (%zu row%s):", what, n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n && i < 100; i++)
        fsq__buf_printf(b, "%s%" PRIu64, i ? ", " : " ", rows[i]);
    fsq__buf_puts(b, n > 100 ? ", ...\n" : ".\n");
}
