/* One table, written in any of the formats of fsq_format (internal).
 *
 * A table is a caption, a header row, body rows of text cells, per-column
 * alignment, and notes (lines printed under it; CSV drops caption and notes,
 * so its output is one header line and the body). Cells are copied. Every
 * function records an allocation failure in the table and fsq__table_write
 * reports it, so builders check once. */
#ifndef FSQ_REPORT_TABLE_H
#define FSQ_REPORT_TABLE_H

#include <stddef.h>

#include "common/buf.h"
#include "fsqca/fsqca.h"

typedef struct {
    size_t ncols, nrows;      /* nrows body rows */
    char **cells;             /* (1 + nrows) x ncols, row 0 the header */
    size_t cap;               /* rows allocated */
    char *align;              /* ncols: 'l' or 'r' */
    char *caption;
    char **notes;
    size_t nnotes;
    int failed;
} fsq__table;

/* A table of ncols columns, all left-aligned; caption may be NULL. */
int fsq__table_init(fsq__table *t, size_t ncols, const char *caption);
void fsq__table_free(fsq__table *t);
/* Header cell and alignment of column c. */
void fsq__table_column(fsq__table *t, size_t c, const char *header, char align);
/* Starts a new body row (cells empty). */
void fsq__table_row(fsq__table *t);
/* Cell c of the last row. */
void fsq__table_cell(fsq__table *t, size_t c, const char *text);
void fsq__table_cellf(fsq__table *t, size_t c, const char *fmt, ...) FSQ__PRINTF(3, 4);
/* A number with `digits` decimals; NaN as "-". */
void fsq__table_number(fsq__table *t, size_t c, double v, int digits);
void fsq__table_note(fsq__table *t, const char *fmt, ...) FSQ__PRINTF(2, 3);

/* Appends the table in format f (TEXT, MARKDOWN, LATEX, HTML, CSV).
 * Returns 0, FSQ_ENOMEM, or FSQ_EINPUT for another format. */
int fsq__table_write(fsq__buf *b, const fsq__table *t, fsq_format f);

/* The digits to print: d, or 3 when d < 0; at most 17. */
int fsq__table_digits(int d);

/* Escapes for the formats (append s to b). "~" in LaTeX becomes $\sim$. */
void fsq__latex_escape(fsq__buf *b, const char *s);
void fsq__html_escape(fsq__buf *b, const char *s);
void fsq__csv_field(fsq__buf *b, const char *s);

/* Hands b's contents to *out / *len (the common tail of the render
 * functions): 0, or the buffer's error. */
int fsq__table_finish(fsq__buf *b, char **out, size_t *len);

/* Writes t in format f and hands the text out as fsq__table_finish does. */
int fsq__table_hand_out(const fsq__table *t, fsq_format f, char **out, size_t *len);

#endif
