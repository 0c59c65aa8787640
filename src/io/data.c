/* The data set: accessors, complete cases, new columns, CSV output. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "io/data_internal.h"

int fsq__data_alloc(fsq_data **out, const char *source, size_t nvars, size_t ncases)
{
    *out = NULL;
    fsq_data *d = calloc(1, sizeof *d);
    if (!d)
        return fsq__nomem();
    d->nvars = nvars;
    d->ncases = ncases;
    d->source = strdup(source ? source : "");
    d->vars = calloc(nvars ? nvars : 1, sizeof *d->vars);
    d->ids = calloc(ncases ? ncases : 1, sizeof *d->ids);
    d->lines = calloc(ncases ? ncases : 1, sizeof *d->lines);
    if (!d->source || !d->vars || !d->ids || !d->lines) {
        fsq_data_free(d);
        return fsq__nomem();
    }
    *out = d;
    return 0;
}

static void free_column(fsq__column *c, size_t ncases)
{
    free(c->name);
    free(c->values);
    if (c->cells)
        for (size_t i = 0; i < ncases; i++)
            free(c->cells[i]);
    free(c->cells);
    free(c->bad_value);
}

void fsq_data_free(fsq_data *d)
{
    if (!d)
        return;
    for (size_t j = 0; j < d->nvars; j++)
        free_column(&d->vars[j], d->ncases);
    for (size_t i = 0; i < d->ncases; i++)
        free(d->ids[i]);
    for (size_t i = 0; i < d->ndropped; i++)
        free(d->dropped[i]);
    free(d->dropped);
    free(d->vars);
    free(d->ids);
    free(d->lines);
    free(d->id_name);
    free(d->source);
    fsq__name_index_free(&d->index);
    free(d);
}

int fsq__data_index_names(fsq_data *d)
{
    fsq__name_index_free(&d->index);
    for (size_t j = 0; j < d->nvars; j++) {
        size_t first;
        int rc = fsq__name_index_add(&d->index, d->vars[j].name, j, &first);
        if (rc == 1)
            return fsq__error(FSQ_EINPUT, "%s: duplicate column name \"%s\" (columns %zu and %zu)",
                              d->source, d->vars[j].name, first + 1, j + 1);
        if (rc)
            return rc;
    }
    return 0;
}

size_t fsq_data_ncases(const fsq_data *d) { return d->ncases; }
size_t fsq_data_nvars(const fsq_data *d) { return d->nvars; }
const char *fsq_data_var_name(const fsq_data *d, size_t var) { return d->vars[var].name; }
const char *fsq_data_case_id(const fsq_data *d, size_t row) { return d->ids[row]; }
int fsq_data_var_is_numeric(const fsq_data *d, size_t var) { return d->vars[var].values != NULL; }

int fsq_data_var_is_default_condition(const fsq_data *d, size_t var)
{
    return d->vars[var].values != NULL || d->vars[var].numeric_cells > 0;
}
const double *fsq_data_column(const fsq_data *d, size_t var) { return d->vars[var].values; }
const char *fsq_data_source(const fsq_data *d) { return d->source; }
size_t fsq_data_ndropped(const fsq_data *d) { return d->ndropped; }
const char *fsq_data_dropped_id(const fsq_data *d, size_t i) { return d->dropped[i]; }

long fsq_data_find_var(const fsq_data *d, const char *name)
{
    /* O(1) through the index; a scan only for a data set built without one. */
    if (d->index.n == d->nvars)
        return fsq__name_index_find(&d->index, name);
    for (size_t j = 0; j < d->nvars; j++)
        if (strcmp(d->vars[j].name, name) == 0)
            return (long)j;
    return -1;
}

int fsq__data_numeric_column(const fsq_data *d, const char *name, long *col)
{
    *col = fsq_data_find_var(d, name);
    if (*col < 0) {
        fsq__buf list = FSQ__BUF_INIT;
        for (size_t j = 0; j < d->nvars && j < 40; j++)
            fsq__buf_printf(&list, "%s%s", j ? ", " : "", d->vars[j].name);
        int rc = fsq__error(FSQ_EINPUT, "%s:1: no column named \"%s\" (columns: %s)", d->source,
                            name, fsq__buf_str(&list));
        fsq__buf_free(&list);
        return rc;
    }
    const fsq__column *c = &d->vars[*col];
    if (!c->values)
        return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: column \"%s\" is not numeric: \"%s\"",
                          d->source, c->bad_line, c->file_col, c->name, c->bad_value);
    return 0;
}

int fsq__data_copy_cases(const fsq_data *d, const unsigned char *keep, int record_dropped,
                         fsq_data **out)
{
    size_t nkeep = 0;
    fsq_data *n = NULL;
    int rc = 0;
    *out = NULL;
    for (size_t i = 0; i < d->ncases; i++)
        nkeep += keep[i] != 0;
    /* Copy the kept cases, every column, so later steps may use any of them. */
    if ((rc = fsq__data_alloc(&n, d->source, d->nvars, nkeep)))
        goto done;
    n->ndropped = record_dropped ? d->ncases - nkeep : 0;
    n->dropped = calloc(n->ndropped ? n->ndropped : 1, sizeof *n->dropped);
    if (!n->dropped || (d->id_name && !(n->id_name = strdup(d->id_name)))) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t j = 0; j < d->nvars; j++) {
        const fsq__column *s = &d->vars[j];
        fsq__column *c = &n->vars[j];
        c->file_col = s->file_col;
        c->bad_line = s->bad_line;
        c->numeric_cells = s->numeric_cells;
        c->name = strdup(s->name);
        c->bad_value = s->bad_value ? strdup(s->bad_value) : NULL;
        if (s->values)
            c->values = malloc((nkeep ? nkeep : 1) * sizeof *c->values);
        else
            c->cells = calloc(nkeep ? nkeep : 1, sizeof *c->cells);
        if (!c->name || (!c->values && !c->cells) || (s->bad_value && !c->bad_value)) {
            rc = fsq__nomem();
            goto done;
        }
    }
    for (size_t i = 0, o = 0, x = 0; i < d->ncases; i++) {
        if (!keep[i]) {
            if (record_dropped && !(n->dropped[x++] = strdup(d->ids[i]))) {
                rc = fsq__nomem();
                goto done;
            }
            continue;
        }
        n->lines[o] = d->lines[i];
        if (!(n->ids[o] = strdup(d->ids[i]))) {
            rc = fsq__nomem();
            goto done;
        }
        for (size_t j = 0; j < d->nvars; j++) {
            if (d->vars[j].values)
                n->vars[j].values[o] = d->vars[j].values[i];
            else if (!(n->vars[j].cells[o] = strdup(d->vars[j].cells[i]))) {
                rc = fsq__nomem();
                goto done;
            }
        }
        o++;
    }
    if ((rc = fsq__data_index_names(n)))
        goto done;
    *out = n;
    n = NULL;
done:
    fsq_data_free(n);
    return rc;
}

int fsq_data_complete_cases(fsq_data **out, const fsq_data *d, const char *const *names,
                            size_t nnames, int drop_missing, size_t *ndropped)
{
    *out = NULL;
    if (ndropped)
        *ndropped = 0;
    long *cols = calloc(nnames ? nnames : 1, sizeof *cols);
    unsigned char *keep = malloc(d->ncases ? d->ncases : 1);
    fsq_data *n = NULL;
    fsq__buf msg = FSQ__BUF_INIT;
    int rc = 0;
    if (!cols || !keep) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t k = 0; k < nnames; k++)
        if ((rc = fsq__data_numeric_column(d, names[k], &cols[k])))
            goto done;

    size_t nmissing = 0;
    for (size_t i = 0; i < d->ncases; i++) {
        keep[i] = 1;
        for (size_t k = 0; k < nnames; k++) {
            const fsq__column *c = &d->vars[cols[k]];
            if (isnan(c->values[i])) {
                if (keep[i] && nmissing < 5)
                    fsq__buf_printf(&msg, "%s%s:%zu:%zu (case \"%s\", column \"%s\")",
                                    nmissing ? "; " : "", d->source, d->lines[i], c->file_col,
                                    d->ids[i], c->name);
                nmissing += keep[i];
                keep[i] = 0;
            }
        }
    }
    if (nmissing && !drop_missing) {
        rc = fsq__error(FSQ_EINPUT, "%zu case%s with missing values: %s%s (use --drop-missing to "
                        "drop such cases)", nmissing, nmissing == 1 ? "" : "s",
                        fsq__buf_str(&msg), nmissing > 5 ? "; ..." : "");
        goto done;
    }

    if ((rc = fsq__data_copy_cases(d, keep, 1, &n)))
        goto done;
    if (ndropped)
        *ndropped = n->ndropped;
    *out = n;
    n = NULL;
done:
    fsq__buf_free(&msg);
    fsq_data_free(n);
    free(cols);
    free(keep);
    return rc;
}

int fsq_data_set_column(fsq_data *d, const char *name, const double *values)
{
    long j = fsq_data_find_var(d, name);
    double *copy = malloc((d->ncases ? d->ncases : 1) * sizeof *copy);
    if (!copy)
        return fsq__nomem();
    memcpy(copy, values, d->ncases * sizeof *copy);
    if (j >= 0) {
        fsq__column *c = &d->vars[j];
        free(c->values);
        if (c->cells)
            for (size_t i = 0; i < d->ncases; i++)
                free(c->cells[i]);
        free(c->cells);
        free(c->bad_value);
        c->cells = NULL;
        c->bad_value = NULL;
        c->values = copy;
        return 0;
    }
    fsq__column *vars = realloc(d->vars, (d->nvars + 1) * sizeof *vars);
    char *nm = strdup(name);
    if (!vars || !nm) {
        free(copy);
        free(nm);
        if (vars)
            d->vars = vars;
        return fsq__nomem();
    }
    d->vars = vars;
    fsq__column *c = &d->vars[d->nvars];
    memset(c, 0, sizeof *c);
    c->name = nm;
    c->values = copy;
    c->file_col = d->nvars + (d->id_name ? 2 : 1);
    int indexed = d->index.n == d->nvars;
    d->nvars++;
    if (indexed && fsq__name_index_add(&d->index, nm, d->nvars - 1, NULL) < 0)
        fsq__name_index_free(&d->index); /* find_var falls back to a scan */
    return 0;
}

void fsq__format_double(char *buf, size_t size, double v)
{
    if (isnan(v)) {
        snprintf(buf, size, "NA");
        return;
    }
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
}

/* A CSV field: quoted when it holds a separator, quote or line break. */
static void csv_field(fsq__buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fsq__buf_puts(b, s);
        return;
    }
    fsq__buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            fsq__buf_putc(b, '"');
        fsq__buf_putc(b, *s);
    }
    fsq__buf_putc(b, '"');
}

int fsq_data_write_csv(const fsq_data *d, const char *path)
{
    fsq__buf b = FSQ__BUF_INIT;
    int first = 1;
    if (d->id_name) {
        csv_field(&b, d->id_name);
        first = 0;
    }
    for (size_t j = 0; j < d->nvars; j++) {
        if (!first)
            fsq__buf_putc(&b, ',');
        csv_field(&b, d->vars[j].name);
        first = 0;
    }
    fsq__buf_putc(&b, '\n');
    for (size_t i = 0; i < d->ncases; i++) {
        first = 1;
        if (d->id_name) {
            csv_field(&b, d->ids[i]);
            first = 0;
        }
        for (size_t j = 0; j < d->nvars; j++) {
            if (!first)
                fsq__buf_putc(&b, ',');
            first = 0;
            if (d->vars[j].values) {
                char num[40];
                fsq__format_double(num, sizeof num, d->vars[j].values[i]);
                if (isnan(d->vars[j].values[i]))
                    num[0] = '\0'; /* missing stays an empty cell */
                fsq__buf_puts(&b, num);
            } else {
                csv_field(&b, d->vars[j].cells[i]);
            }
        }
        fsq__buf_putc(&b, '\n');
    }
    int rc = fsq__buf_ok(&b);
    if (!rc)
        rc = fsq__write_file_atomic(path, fsq__buf_str(&b), b.len);
    fsq__buf_free(&b);
    return rc;
}

/* The data layer's rule for QCA's don't-care codes (see data_internal.h). */
static int is_dont_care(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return (n == 1 && s[0] == '-') || (n == 2 && strncmp(s, "dc", 2) == 0);
}

int fsq__data_dont_care(fsq_data *d)
{
    for (size_t j = 0; j < d->nvars; j++) {
        fsq__column *c = &d->vars[j];
        if (!c->cells)
            continue;
        size_t ncodes = 0;
        int ok = 1;
        double max = -1, v;
        for (size_t i = 0; i < d->ncases && ok; i++) {
            if (is_dont_care(c->cells[i]))
                ncodes++;
            else if (!fsq__csv_cell_value(c->cells[i], &v))
                ok = 0;
            else if (!isnan(v) && v > max)
                max = v;
        }
        if (!ok || ncodes == 0)
            continue;
        double *values = malloc((d->ncases ? d->ncases : 1) * sizeof *values);
        if (!values)
            return fsq__nomem();
        for (size_t i = 0; i < d->ncases; i++) {
            if (is_dont_care(c->cells[i]))
                values[i] = max + 1;
            else
                fsq__csv_cell_value(c->cells[i], &values[i]);
            free(c->cells[i]);
        }
        free(c->cells);
        free(c->bad_value);
        c->cells = NULL;
        c->bad_value = NULL;
        c->values = values;
    }
    return 0;
}

int fsq_data_numeric_var(const fsq_data *d, const char *name, size_t *var)
{
    long col;
    int rc = fsq__data_numeric_column(d, name, &col);
    if (!rc)
        *var = (size_t)col;
    return rc;
}

void fsq_data_format_number(char *buf, size_t bufsize, double v)
{
    fsq__format_double(buf, bufsize, v);
}
