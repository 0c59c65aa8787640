/* Influence matrices from CSV (see fsq_influence_read_csv in fsqca.h).
 *
 * This lives in network/, above io/: it builds a model (fsq_influence_new)
 * from what the io layer reads. Each file is read with the project's CSV
 * reader (fsq_data_read_csv), so separators, quoting, a BOM and .zst work
 * as for data sets; the first column holds the row names (it becomes the
 * case ids) and the header the column names. This file then checks the shape and the names and takes
 * the cells apart, naming file:line:column and the value of the first bad
 * cell in reading order (row by row). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "io/data_internal.h"

enum { KIND_INTENSITY, KIND_SIGN, KIND_DELAY };

/* Reads a square matrix file whose names match ref's (NULL: any names). */
static int read_square(const char *path, const fsq_data *ref, fsq_data **out)
{
    fsq_data *d = NULL;
    int rc = fsq_data_read_csv(&d, path, NULL);
    if (!rc && !d->id_name && d->nvars > 0) {
        /* A numeric first column (element names like "1", "2") under a
         * named header cell: take it as the names all the same. */
        fsq_csv_options o = FSQ_CSV_OPTIONS_INIT;
        char *first = strdup(d->vars[0].name);
        fsq_data_free(d);
        d = NULL;
        if (!first)
            return fsq__nomem();
        o.id_col = first;
        rc = fsq_data_read_csv(&d, path, &o);
        free(first);
    }
    if (rc)
        return rc;
    size_t n = d->nvars;
    if (n == 0)
        rc = fsq__error(FSQ_EINPUT, "%s:1: the header names no elements", path);
    else if (d->ncases < n)
        rc = fsq__error(FSQ_EINPUT, "%s:1:%zu: the matrix is not square: %zu element columns "
                        "but %zu rows (column \"%s\" has no row)", path,
                        d->vars[d->ncases].file_col, n, d->ncases, d->vars[d->ncases].name);
    else if (d->ncases > n)
        rc = fsq__error(FSQ_EINPUT, "%s:%zu:1: the matrix is not square: %zu element columns "
                        "but %zu rows (row \"%s\" has no column)", path, d->lines[n], n,
                        d->ncases, d->ids[n]);
    for (size_t i = 0; !rc && i < n; i++)
        if (strcmp(d->ids[i], d->vars[i].name) != 0)
            rc = fsq__error(FSQ_EINPUT, "%s:%zu:1: row %zu is \"%s\" but column %zu of the "
                            "header is \"%s\" (rows and columns must name the elements in the "
                            "same order)", path, d->lines[i], i + 1, d->ids[i],
                            d->vars[i].file_col, d->vars[i].name);
    if (!rc && ref && ref->nvars != n)
        rc = fsq__error(FSQ_EINPUT, "%s:1: %zu elements, but %s has %zu", path, n, ref->source,
                        ref->nvars);
    for (size_t j = 0; !rc && ref && j < n; j++)
        if (strcmp(d->vars[j].name, ref->vars[j].name) != 0)
            rc = fsq__error(FSQ_EINPUT, "%s:1:%zu: element \"%s\" should be \"%s\" as in %s "
                            "(every matrix must name the same elements in the same order)",
                            path, d->vars[j].file_col, d->vars[j].name, ref->vars[j].name,
                            ref->source);
    if (rc) {
        fsq_data_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

/* Cell (i, j) as written (a numeric column's value formatted back). */
static const char *cell_text(const fsq_data *d, size_t i, size_t j, char *buf, size_t size)
{
    const fsq__column *c = &d->vars[j];
    if (c->cells)
        return c->cells[i];
    if (isnan(c->values[i]))
        return "";
    fsq__format_double(buf, size, c->values[i]);
    return buf;
}

/* The cell trimmed and lower-cased into buf; NULL if it does not fit. */
static const char *token(const char *s, char *buf, size_t size)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n >= size)
        return NULL;
    for (size_t k = 0; k < n; k++)
        buf[k] = (char)tolower((unsigned char)s[k]);
    buf[n] = '\0';
    return buf;
}

static int one_of(const char *t, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(t, *words) == 0)
            return 1;
    return 0;
}

/* Parses sign or delay cell text into *v (0 = none given); 0 or -1. */
static int parse_code(int kind, const char *text, int *v)
{
    static const char *const none[] = {"", "0", "na", "nan", NULL};
    static const char *const plus[] = {"+", "+1", "1", NULL};
    static const char *const minus[] = {"-", "-1", NULL};
    static const char *const delays[3][4] = {
        {"1", "short", "s", NULL}, {"2", "medium", "m", NULL}, {"3", "long", "l", NULL}};
    char buf[16];
    const char *t = token(text, buf, sizeof buf);
    if (!t)
        return -1;
    if (one_of(t, none)) {
        *v = 0;
        return 0;
    }
    if (kind == KIND_SIGN) {
        *v = one_of(t, plus) ? 1 : one_of(t, minus) ? -1 : 0;
        return *v ? 0 : -1;
    }
    for (int k = 0; k < 3; k++)
        if (one_of(t, delays[k])) {
            *v = k + 1;
            return 0;
        }
    return -1;
}

int fsq_influence_read_csv(fsq_influence **out, const char *matrix_path, const char *sign_path,
                           const char *delay_path)
{
    *out = NULL;
    fsq_data *files[3] = {NULL, NULL, NULL};
    const char *paths[3] = {matrix_path, sign_path, delay_path};
    double *w = NULL;
    int *code[3] = {NULL, NULL, NULL}; /* code[KIND_SIGN], code[KIND_DELAY] */
    const char **names = NULL;
    int rc = 0;
    /* The intensities first, all of them, then the sign and delay files. */
    if ((rc = read_square(matrix_path, NULL, &files[0])))
        goto done;
    const fsq_data *m = files[0];
    size_t n = m->nvars;
    w = malloc(n * n * sizeof *w);
    code[1] = malloc(n * n * sizeof *code[1]);
    code[2] = malloc(n * n * sizeof *code[2]);
    names = malloc(n * sizeof *names);
    if (!w || !code[1] || !code[2] || !names) {
        rc = fsq__nomem();
        goto done;
    }
    for (size_t j = 0; j < n; j++)
        names[j] = m->vars[j].name;
    char num[64];
    for (size_t i = 0; i < n && !rc; i++)
        for (size_t j = 0; j < n && !rc; j++) {
            size_t c = i * n + j, line = m->lines[i], col = m->vars[j].file_col;
            const char *t = cell_text(m, i, j, num, sizeof num);
            double v = 0;
            if (fsq__csv_cell_missing(t)) {
                if (i != j)
                    rc = fsq__error(FSQ_EINPUT, "%s:%zu:%zu: missing intensity of \"%s\" on "
                                    "\"%s\" (write 0 for no influence)", matrix_path, line, col,
                                    names[i], names[j]);
            } else if (!fsq__csv_cell_number(t, &v)) {
                rc = fsq__error(FSQ_EINPUT, "%s:%zu:%zu: expected an intensity (a number >= 0), "
                                "got \"%s\"", matrix_path, line, col, t);
            } else if (v < 0) {
                rc = fsq__error(FSQ_EINPUT, "%s:%zu:%zu: the intensity of \"%s\" on \"%s\" must "
                                "not be negative, got \"%s\"", matrix_path, line, col, names[i],
                                names[j], t);
            } else if (i == j && v != 0) {
                rc = fsq__error(FSQ_EINPUT, "%s:%zu:%zu: the self-influence of \"%s\" must be 0, "
                                "got \"%s\"", matrix_path, line, col, names[i], t);
            }
            w[c] = v;
        }
    for (int k = KIND_SIGN; k <= KIND_DELAY && !rc; k++)
        if (paths[k])
            rc = read_square(paths[k], files[0], &files[k]);
    static const char *const what[3] = {NULL, "sign (+1, -1, + or -)",
                                        "delay (1, 2, 3 or short, medium, long)"};
    for (int k = KIND_SIGN; k <= KIND_DELAY && !rc; k++)
        for (size_t i = 0; i < n && !rc; i++)
            for (size_t j = 0; j < n && !rc; j++) {
                size_t c = i * n + j;
                code[k][c] = 1;
                if (!files[k])
                    continue;
                const fsq_data *d = files[k];
                size_t line = d->lines[i], col = d->vars[j].file_col;
                const char *t = cell_text(d, i, j, num, sizeof num);
                int v;
                if (parse_code(k, t, &v))
                    rc = fsq__error(FSQ_EINPUT, "%s:%zu:%zu: expected a %s, got \"%s\"",
                                    paths[k], line, col, what[k], t);
                else if (w[c] > 0 && v == 0)
                    rc = fsq__error(FSQ_EINPUT, "%s:%zu:%zu: the influence of \"%s\" on \"%s\" "
                                    "(intensity %g in %s) has no %s", paths[k], line, col,
                                    names[i], names[j], w[c], matrix_path,
                                    k == KIND_SIGN ? "sign" : "delay");
                else if (v)
                    code[k][c] = v;
            }
    if (!rc)
        rc = fsq_influence_new(out, n, names, w, files[KIND_SIGN] ? code[KIND_SIGN] : NULL,
                               files[KIND_DELAY] ? code[KIND_DELAY] : NULL, matrix_path);
done:
    for (int k = 0; k < 3; k++)
        fsq_data_free(files[k]);
    free(w);
    free(code[1]);
    free(code[2]);
    free(names);
    return rc;
}
