#include "datagen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/data_internal.h"
#include "timing.h"

fsq_data *bench_data_new(size_t n, size_t k, const char *prefix)
{
    fsq_data *d = NULL;
    if (fsq__data_alloc(&d, "generated", k + 1, n))
        return NULL;
    for (size_t j = 0; j <= k; j++) {
        char name[64];
        if (j < k)
            snprintf(name, sizeof name, "%s%zu", prefix, j + 1);
        else
            snprintf(name, sizeof name, "Y");
        d->vars[j].name = strdup(name);
        d->vars[j].file_col = j + 2;
        d->vars[j].values = malloc((n ? n : 1) * sizeof(double));
        if (!d->vars[j].name || !d->vars[j].values) {
            fsq_data_free(d);
            return NULL;
        }
    }
    for (size_t i = 0; i < n; i++) {
        char id[24];
        snprintf(id, sizeof id, "c%zu", i + 1);
        if (!(d->ids[i] = strdup(id))) {
            fsq_data_free(d);
            return NULL;
        }
        d->lines[i] = i + 2;
    }
    return d;
}

double *bench_data_values(fsq_data *d, size_t var)
{
    return d->vars[var].values;
}

unsigned char *bench_random_types(size_t ntypes, size_t k, uint64_t *state)
{
    unsigned char *types = malloc(ntypes * k + 1);
    for (size_t p = 0; types && p < ntypes * k; p++)
        types[p] = (unsigned char)(bench_rand(state) & 1);
    return types;
}
