/* Groups of cases by a column's values, and subsets of a data set
 * (fsq_data_groups, fsq_data_subset in fsqca.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "io/data_internal.h"

void fsq_groups_free(fsq_groups *g)
{
    if (!g)
        return;
    for (size_t j = 0; j < g->ngroups; j++)
        free(g->names[j]);
    free(g->names);
    free(g->sizes);
    free(g->group);
    free(g);
}

int fsq_data_subset(fsq_data **out, const fsq_data *data, const unsigned char *keep)
{
    return fsq__data_copy_cases(data, keep, 0, out);
}

static int blank(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return !*s || strcmp(s, "NA") == 0;
}

/* A case's group value, sortable without context (C11 qsort has none). */
typedef struct {
    double value;      /* numeric columns */
    const char *text;  /* text columns, else NULL */
    size_t case_index;
} keyed_case;

static int by_value(const void *a, const void *b)
{
    const keyed_case *x = a, *y = b;
    int c = x->text ? strcmp(x->text, y->text) : (x->value > y->value) - (x->value < y->value);
    return c ? c : (x->case_index > y->case_index) - (x->case_index < y->case_index);
}

static int same_value(const keyed_case *x, const keyed_case *y)
{
    return x->text ? strcmp(x->text, y->text) == 0 : x->value == y->value;
}

int fsq_data_groups(fsq_groups **out, const fsq_data *d, const char *column)
{
    *out = NULL;
    long v = fsq_data_find_var(d, column);
    /* The case id column may serve too (panel units named by the ids). */
    fsq__column ids = {0};
    if (v < 0 && d->id_name && strcmp(d->id_name, column) == 0) {
        ids.cells = d->ids;
        ids.file_col = 1;
    } else if (v < 0) {
        return fsq__error(FSQ_EINPUT, "%s: no column named \"%s\" to group by", d->source, column);
    }
    const fsq__column *col = v < 0 ? &ids : &d->vars[v];
    for (size_t i = 0; i < d->ncases; i++) {
        if (col->values ? isnan(col->values[i]) : blank(col->cells[i]))
            return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: case \"%s\" has no value in the group "
                              "column \"%s\"", d->source, d->lines[i], col->file_col, d->ids[i],
                              column);
        if (col->values && col->values[i] != floor(col->values[i]))
            return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: the group column \"%s\" holds %g; groups "
                              "are text or whole numbers (crisp or multi-value)", d->source,
                              d->lines[i], col->file_col, column, col->values[i]);
    }
    fsq_groups *g = calloc(1, sizeof *g);
    size_t n = d->ncases;
    keyed_case *order = malloc((n ? n : 1) * sizeof *order);
    if (!g || !order || !(g->group = malloc((n ? n : 1) * sizeof *g->group)) ||
        !(g->names = calloc(n ? n : 1, sizeof *g->names)) ||
        !(g->sizes = calloc(n ? n : 1, sizeof *g->sizes))) {
        free(order);
        fsq_groups_free(g);
        return fsq__nomem();
    }
    g->ncases = n;
    for (size_t i = 0; i < n; i++)
        order[i] = (keyed_case){col->values ? col->values[i] : 0.0,
                                col->values ? NULL : col->cells[i], i};
    qsort(order, n, sizeof *order, by_value);
    int rc = 0;
    for (size_t q = 0; q < n; q++) {
        size_t i = order[q].case_index;
        if (q == 0 || !same_value(&order[q - 1], &order[q])) {
            char num[64];
            if (col->values)
                snprintf(num, sizeof num, "%.0f", col->values[i]);
            if (!(g->names[g->ngroups++] = strdup(col->values ? num : col->cells[i]))) {
                rc = fsq__nomem();
                break;
            }
        }
        g->group[i] = g->ngroups - 1;
        g->sizes[g->ngroups - 1]++;
    }
    free(order);
    if (rc) {
        fsq_groups_free(g);
        return rc;
    }
    *out = g;
    return 0;
}
