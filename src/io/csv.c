/* CSV input (RFC 4180) into a data set.
 *
 * Accepts LF or CRLF line ends, a UTF-8 byte order mark, quoted fields with
 * embedded separators, doubled quotes and line breaks, and ',' ';' or tab as
 * the separator (detected from the header line unless given). Files whose
 * name ends in ".zst" are decompressed first.
 *
 * Two passes over the text: the first counts the records and finds out which
 * columns are numeric (every non-missing cell parses as a finite number), the
 * second fills the columns. So a 10^6-case file needs no per-cell allocation
 * for numeric columns, and a column that turns out to be text keeps its cells
 * exactly as written.
 *
 * The case ids are the --id-col column, or the first column when its header
 * is empty, when it is not numeric, or when every cell of it is quoted (R's
 * write.csv quotes row names and leaves numbers bare).
 *
 * Errors name file:line:column and the offending text: a ragged row, an
 * unterminated quote, a duplicate or empty column name, an unknown --id-col,
 * a field longer than FSQ_CSV_MAX_FIELD or a record (all its physical lines)
 * longer than FSQ_CSV_MAX_RECORD bytes, a NUL byte in a field (it would cut
 * the field short). Column names are found through a hash index, so a
 * header of 100,000 columns costs no more than its length.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/file.h"
#include "io/data_internal.h"
#include "io/zstd_stream.h"

typedef struct {
    const char *text;
    size_t len, pos;
    size_t line;        /* current physical line, 1-based */
    char sep;
    const char *name;
    fsq__buf cells;     /* the current record's unescaped fields, NUL-separated */
    size_t *starts;     /* offsets of the fields in `cells` */
    unsigned char *quoted; /* per field: 1 if it was written in quotes */
    size_t nfields, cap;
    size_t record_line; /* line where the current record starts */
} parser;

static int push_field_start(parser *p)
{
    if (p->nfields == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 16;
        size_t *s = realloc(p->starts, cap * sizeof *s);
        if (!s)
            return fsq__nomem();
        p->starts = s;
        unsigned char *q = realloc(p->quoted, cap);
        if (!q)
            return fsq__nomem();
        p->quoted = q;
        p->cap = cap;
    }
    p->quoted[p->nfields] = 0;
    p->starts[p->nfields++] = p->cells.len;
    return 0;
}

static int field_too_long(const parser *p, size_t line, size_t col)
{
    return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: field longer than %d bytes", p->name, line, col,
                      FSQ_CSV_MAX_FIELD);
}

/* A NUL byte would end the field's C string early and silently cut it. */
static int nul_byte(const parser *p, size_t col)
{
    return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: NUL byte in a field (a binary file, or UTF-16?)",
                      p->name, p->line, col);
}

/* Reads one record. Returns 1 if a record was read, 0 at the end of input,
 * or a negative error code. Blank lines are skipped. */
static int next_record(parser *p)
{
    p->cells.len = 0;
    p->nfields = 0;
    while (p->pos < p->len && (p->text[p->pos] == '\n' || p->text[p->pos] == '\r')) {
        if (p->text[p->pos] == '\n')
            p->line++;
        p->pos++;
    }
    if (p->pos >= p->len)
        return 0;
    p->record_line = p->line;
    size_t record_start = p->pos;
    for (;;) {
        if (push_field_start(p))
            return FSQ_ENOMEM;
        size_t field_col = p->nfields;
        size_t field_start = p->cells.len;
        if (p->pos - record_start > FSQ_CSV_MAX_RECORD)
            return fsq__error(FSQ_EINPUT, "%s:%zu: record longer than %d bytes", p->name,
                              p->record_line, FSQ_CSV_MAX_RECORD);
        if (p->pos < p->len && p->text[p->pos] == '"') {
            size_t quote_line = p->line;
            p->quoted[field_col - 1] = 1;
            p->pos++;
            for (;;) {
                if (p->pos >= p->len)
                    return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: unterminated quoted field",
                                      p->name, quote_line, field_col);
                char c = p->text[p->pos++];
                if (c == '"') {
                    if (p->pos < p->len && p->text[p->pos] == '"') {
                        fsq__buf_putc(&p->cells, '"');
                        p->pos++;
                        continue;
                    }
                    break;
                }
                if (c == '\n')
                    p->line++;
                if (c == '\0')
                    return nul_byte(p, field_col);
                fsq__buf_putc(&p->cells, c);
                if (p->cells.len - field_start > FSQ_CSV_MAX_FIELD)
                    return field_too_long(p, quote_line, field_col);
            }
            /* Only a separator or the end of the line may follow. */
            if (p->pos < p->len && p->text[p->pos] != p->sep && p->text[p->pos] != '\n' &&
                p->text[p->pos] != '\r')
                return fsq__error(FSQ_EINPUT,
                                  "%s:%zu:%zu: unexpected character '%c' after a quoted field",
                                  p->name, p->line, field_col, p->text[p->pos]);
        } else {
            while (p->pos < p->len) {
                char c = p->text[p->pos];
                if (c == p->sep || c == '\n' || c == '\r')
                    break;
                if (c == '\0')
                    return nul_byte(p, field_col);
                fsq__buf_putc(&p->cells, c);
                p->pos++;
                if (p->cells.len - field_start > FSQ_CSV_MAX_FIELD)
                    return field_too_long(p, p->line, field_col);
            }
        }
        fsq__buf_putc(&p->cells, '\0');
        if (fsq__buf_ok(&p->cells))
            return FSQ_ENOMEM;
        if (p->pos < p->len && p->text[p->pos] == p->sep) {
            p->pos++;
            continue;
        }
        /* End of record: consume CR LF / LF. */
        if (p->pos < p->len && p->text[p->pos] == '\r')
            p->pos++;
        if (p->pos < p->len && p->text[p->pos] == '\n') {
            p->pos++;
            p->line++;
        }
        return 1;
    }
}

static const char *field(const parser *p, size_t i)
{
    return p->cells.data + p->starts[i];
}

/* Missing: empty (after trimming blanks), NA or NaN. */
static int is_missing(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n == 0 || (n == 2 && strncmp(s, "NA", 2) == 0) || (n == 3 && strncmp(s, "NaN", 3) == 0);
}

/* Parses a finite decimal number filling the whole field (blanks around are
 * allowed). Returns 1 and sets *v, or 0. */
static int parse_number(const char *s, double *v)
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return 0;
    for (const char *q = s; *q; q++)
        if (*q == 'x' || *q == 'X' || *q == 'n' || *q == 'N' || *q == 'i' || *q == 'I')
            return 0; /* no hex, inf or nan spellings */
    char *end;
    double x = strtod(s, &end);
    if (end == s)
        return 0;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end || !isfinite(x))
        return 0;
    *v = x;
    return 1;
}

int fsq__csv_cell_value(const char *s, double *v)
{
    if (is_missing(s)) {
        *v = NAN;
        return 1;
    }
    return parse_number(s, v);
}

static char detect_sep(const char *text, size_t len)
{
    size_t counts[3] = {0, 0, 0};
    const char seps[3] = {',', ';', '\t'};
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted)
            for (int s = 0; s < 3; s++)
                counts[s] += c == seps[s];
    }
    int best = 0;
    for (int s = 1; s < 3; s++)
        if (counts[s] > counts[best])
            best = s;
    return seps[best];
}

int fsq_data_parse_csv(fsq_data **out, const char *text, size_t len, const char *name,
                       const fsq_csv_options *opts)
{
    fsq_csv_options defaults = FSQ_CSV_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    *out = NULL;
    fsq_data *d = NULL;
    parser p = {0};
    size_t nfields = 0, ncases = 0;
    char **header = NULL;
    int *numeric = NULL;
    size_t *bad_line = NULL, *numeric_cells = NULL;
    char **bad_value = NULL;
    long id_field = -1;
    fsq__name_index names = FSQ__NAME_INDEX_INIT; /* header name -> field */
    int first_all_quoted = 1; /* R writes row names quoted, numbers bare */
    int rc = 0;

    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    p.text = text;
    p.len = len;
    p.line = 1;
    p.name = name;
    p.sep = opts->sep ? opts->sep : detect_sep(text, len);
    if (p.sep != ',' && p.sep != ';' && p.sep != '\t') {
        rc = fsq__error(FSQ_EINPUT, "%s: unsupported separator '%c' (use ',', ';' or tab)",
                        name, p.sep);
        goto done;
    }

    /* The header. */
    rc = next_record(&p);
    if (rc <= 0) {
        if (rc == 0)
            rc = fsq__error(FSQ_EINPUT, "%s: the file is empty (no header line)", name);
        goto done;
    }
    rc = 0;
    nfields = p.nfields;
    header = calloc(nfields, sizeof *header);
    numeric = malloc(nfields * sizeof *numeric);
    bad_line = calloc(nfields, sizeof *bad_line);
    bad_value = calloc(nfields, sizeof *bad_value);
    numeric_cells = calloc(nfields, sizeof *numeric_cells);
    if (!header || !numeric || !bad_line || !bad_value || !numeric_cells) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t j = 0; j < nfields; j++) {
        numeric[j] = 1;
        if (!(header[j] = strdup(field(&p, j)))) {
            rc = fsq__nomem();
            goto done;
        }
        if (header[j][0] == '\0' && j > 0) {
            rc = fsq__error(FSQ_EINPUT, "%s:%zu:%zu: empty column name", name, p.record_line,
                            j + 1);
            goto done;
        }
        if ((rc = fsq__name_index_add(&names, header[j], j, NULL)) == 1)
            rc = fsq__error(FSQ_EINPUT, "%s:%zu:%zu: duplicate column name \"%s\"", name,
                            p.record_line, j + 1, header[j]);
        if (rc)
            goto done;
    }
    size_t body = p.pos, body_line = p.line;

    /* Pass 1: count records, check their width, find the text columns. */
    while ((rc = next_record(&p)) == 1) {
        if (p.nfields != nfields) {
            rc = fsq__error(FSQ_EINPUT, "%s:%zu: expected %zu fields as in the header, found %zu",
                            name, p.record_line, nfields, p.nfields);
            goto done;
        }
        first_all_quoted &= nfields > 0 && p.quoted[0];
        for (size_t j = 0; j < nfields; j++) {
            double v;
            if (is_missing(field(&p, j)))
                continue;
            if (parse_number(field(&p, j), &v)) {
                numeric_cells[j]++;
            } else if (numeric[j]) {
                numeric[j] = 0;
                bad_line[j] = p.record_line;
                if (!(bad_value[j] = strdup(field(&p, j)))) {
                    rc = fsq__nomem();
                    goto done;
                }
            }
        }
        ncases++;
    }
    if (rc < 0)
        goto done;
    rc = 0;

    /* The id column: --id-col, an unnamed first column, or a text first column. */
    if (opts->id_col) {
        id_field = fsq__name_index_find(&names, opts->id_col);
        if (id_field < 0) {
            rc = fsq__error(FSQ_EINPUT, "%s:1: no column named \"%s\" for the case ids", name,
                            opts->id_col);
            goto done;
        }
    } else if (nfields > 0 && (header[0][0] == '\0' || !numeric[0] ||
                               (first_all_quoted && ncases > 0))) {
        id_field = 0;
    }

    rc = fsq__data_alloc(&d, name, nfields - (id_field >= 0), ncases);
    if (rc)
        goto done;
    if (id_field >= 0 && !(d->id_name = strdup(header[id_field]))) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t j = 0, v = 0; j < nfields; j++) {
        if ((long)j == id_field)
            continue;
        fsq__column *c = &d->vars[v++];
        c->name = header[j];
        header[j] = NULL;
        c->file_col = j + 1;
        if (numeric[j]) {
            c->values = malloc((ncases ? ncases : 1) * sizeof *c->values);
        } else {
            c->cells = calloc(ncases ? ncases : 1, sizeof *c->cells);
            c->bad_line = bad_line[j];
            c->numeric_cells = numeric_cells[j];
            c->bad_value = bad_value[j];
            bad_value[j] = NULL;
        }
        if (!c->values && !c->cells) {
            rc = fsq__nomem();
            goto done;
        }
    }

    /* Pass 2: fill. */
    p.pos = body;
    p.line = body_line;
    for (size_t i = 0; i < ncases; i++) {
        if ((rc = next_record(&p)) != 1) {
            if (rc == 0)
                rc = fsq__error(FSQ_EINPUT, "%s: the file changed while it was read", name);
            goto done;
        }
        rc = 0;
        d->lines[i] = p.record_line;
        if (id_field >= 0) {
            d->ids[i] = strdup(field(&p, (size_t)id_field));
        } else {
            char num[32];
            snprintf(num, sizeof num, "%zu", i + 1);
            d->ids[i] = strdup(num);
        }
        if (!d->ids[i]) {
            rc = fsq__nomem();
            goto done;
        }
        for (size_t v = 0; v < d->nvars; v++) {
            fsq__column *c = &d->vars[v];
            const char *s = field(&p, c->file_col - 1);
            if (c->values) {
                double x = NAN;
                if (!is_missing(s))
                    parse_number(s, &x);
                c->values[i] = x;
            } else if (!(c->cells[i] = strdup(s))) {
                rc = fsq__nomem();
                goto done;
            }
        }
    }
    if ((rc = fsq__data_index_names(d)) || (rc = fsq__data_dont_care(d)))
        goto done;
    *out = d;
    d = NULL;

done:
    fsq__name_index_free(&names);
    if (header)
        for (size_t j = 0; j < nfields; j++)
            free(header[j]);
    if (bad_value)
        for (size_t j = 0; j < nfields; j++)
            free(bad_value[j]);
    free(header);
    free(numeric);
    free(bad_line);
    free(bad_value);
    free(numeric_cells);
    free(p.starts);
    free(p.quoted);
    fsq__buf_free(&p.cells);
    fsq_data_free(d);
    return rc;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int fsq_data_read_csv(fsq_data **out, const char *path, const fsq_csv_options *opts)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    int rc;
    if (ends_with(path, ".zst")) {
        rc = fsq__zstd_read_file(path, &text, &len);
        if (rc)
            return rc;
    } else {
        if ((rc = fsq__read_file(path, &text, &len)))
            return rc;
    }
    rc = fsq_data_parse_csv(out, text, len, path, opts);
    free(text);
    return rc;
}

/* The cell rules above, for readers that take a data set's text cells
 * apart themselves (the influence matrices of src/network/influence_csv.c). */
int fsq__csv_cell_number(const char *s, double *v)
{
    return parse_number(s, v);
}

int fsq__csv_cell_missing(const char *s)
{
    return is_missing(s);
}
