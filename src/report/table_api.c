/* The table writer as public presentation API (fsqca.h, section 8 "Tables
 * of your own"): an opaque handle over fsq__table (table.c), so that callers
 * above the library (the CLI's --by and robust --by tables) lay out their
 * tables with the same writer, in every format, without report/table.h. */
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "report/table.h"

struct fsq_table {
    fsq__table t;
};

int fsq_table_new(fsq_table **out, size_t ncols, const char *caption)
{
    *out = NULL;
    fsq_table *t = malloc(sizeof *t);
    if (!t)
        return fsq__nomem();
    int rc = fsq__table_init(&t->t, ncols, caption);
    if (rc) {
        free(t);
        return rc;
    }
    *out = t;
    return 0;
}

void fsq_table_free(fsq_table *t)
{
    if (!t)
        return;
    fsq__table_free(&t->t);
    free(t);
}

void fsq_table_column(fsq_table *t, size_t c, const char *header, char align)
{
    fsq__table_column(&t->t, c, header, align);
}

void fsq_table_row(fsq_table *t)
{
    fsq__table_row(&t->t);
}

void fsq_table_cell(fsq_table *t, size_t c, const char *text)
{
    fsq__table_cell(&t->t, c, text);
}

void fsq_table_number(fsq_table *t, size_t c, double v, int digits)
{
    fsq__table_number(&t->t, c, v, digits);
}

void fsq_table_note(fsq_table *t, const char *text)
{
    fsq__table_note(&t->t, "%s", text);
}

int fsq_table_render(const fsq_table *t, fsq_format format, char **out, size_t *len)
{
    return fsq__table_hand_out(&t->t, format, out, len);
}

char *fsq_format_escape(fsq_format format, const char *s)
{
    fsq__buf b = FSQ__BUF_INIT;
    switch (format) {
    case FSQ_FORMAT_LATEX: fsq__latex_escape(&b, s); break;
    case FSQ_FORMAT_HTML: fsq__html_escape(&b, s); break;
    case FSQ_FORMAT_CSV: fsq__csv_field(&b, s); break;
    default: fsq__buf_puts(&b, s ? s : "");
    }
    char *out;
    return fsq__table_finish(&b, &out, NULL) ? NULL : out;
}
