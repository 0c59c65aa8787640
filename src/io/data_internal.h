/* The data set object (internal layout shared by src/io/).
 *
 * Columns are stored column-wise. A numeric column is an array of ncases
 * doubles (NaN = missing); a text column keeps its cells as strings so that
 * writing the data back loses nothing, and remembers its first non-numeric
 * cell so an analysis that tries to use it can point at that cell.
 * Every case remembers the line of the file it came from, every variable its
 * 1-based field position, so errors can say file:line:column. */
#ifndef FSQ_IO_DATA_INTERNAL_H
#define FSQ_IO_DATA_INTERNAL_H

#include "common/name_index.h"
#include "fsqca/fsqca.h"

typedef struct {
    char *name;
    size_t file_col;     /* 1-based field number in the source */
    double *values;      /* numeric column: ncases values; NULL for text */
    char **cells;        /* text column: ncases strings; NULL for numeric */
    size_t bad_line;     /* text column: where the first non-number is ... */
    char *bad_value;     /* ... and what it says */
    size_t numeric_cells; /* text column: how many cells are numbers all the same */
} fsq__column;

struct fsq_data {
    char *source;        /* file name used in messages */
    size_t ncases, nvars;
    fsq__column *vars;
    char **ids;          /* ncases case ids */
    char *id_name;       /* header of the id column, NULL if ids are numbers */
    size_t *lines;       /* ncases source lines */
    char **dropped;      /* ids of cases dropped for missing values */
    size_t ndropped;
    fsq__name_index index; /* column name -> position (fsq__data_index_names) */
};

/* A new, empty data set with room for nvars columns and ncases cases. */
int fsq__data_alloc(fsq_data **out, const char *source, size_t nvars, size_t ncases);

/* A new data set of the cases with keep[i] != 0, every column copied. With
 * record_dropped the others are listed as dropped (fsq_data_dropped_id). */
int fsq__data_copy_cases(const fsq_data *d, const unsigned char *keep, int record_dropped,
                         fsq_data **out);

/* Indexes the column names for fsq_data_find_var (call once every column is
 * named). Fails with a message on a duplicate name or out of memory. */
int fsq__data_index_names(fsq_data *data);

/* Resolves a column name to a numeric column (*col), or fails with a message
 * that names the file and either lists the columns or points at the first
 * non-numeric cell. */
int fsq__data_numeric_column(const fsq_data *data, const char *name, long *col);

/* A CSV cell as a number: 1 and *v (NaN for a missing cell: empty, NA,
 * NaN), or 0 when the cell is not a number (src/io/csv.c). */
int fsq__csv_cell_value(const char *s, double *v);

/* QCA's don't-care codes: a text column whose cells are numbers, missing,
 * or the codes "-" / "dc" (and at least one code) becomes numeric, each
 * code replaced by the column's largest number + 1 (0 if it has none), as
 * admisc's getInfo() recodes them for QCA. Called by the CSV reader. */
int fsq__data_dont_care(fsq_data *data);

/* Formats a double as the CSV writer and the text reports do: the shortest
 * of %.15g that reads back to the same value when possible, else %.17g. */
void fsq__format_double(char *buf, size_t size, double v);

/* The CSV reader's cell rules (csv.c): a finite number filling the cell
 * (blanks around allowed): 1 and *v set, else 0; a missing cell (empty, NA,
 * NaN): 1, else 0. */
int fsq__csv_cell_number(const char *s, double *v);
int fsq__csv_cell_missing(const char *s);

#endif
