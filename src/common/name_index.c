/* Hash index of names (see name_index.h). FNV-1a over the bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "common/name_index.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The slot holding name, or the empty slot where it would go. */
static size_t slot(const fsq__name_index *ix, const char *name)
{
    size_t mask = ix->cap - 1, i = (size_t)hash(name) & mask;
    while (ix->names[i] && strcmp(ix->names[i], name) != 0)
        i = (i + 1) & mask;
    return i;
}

static int grow(fsq__name_index *ix)
{
    size_t cap = ix->cap ? 2 * ix->cap : 16;
    fsq__name_index bigger = {calloc(cap, sizeof(const char *)), malloc(cap * sizeof(size_t)),
                              cap, ix->n};
    if (!bigger.names || !bigger.pos) {
        free(bigger.names);
        free(bigger.pos);
        return fsq__nomem();
    }
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->names[i]) {
            size_t s = slot(&bigger, ix->names[i]);
            bigger.names[s] = ix->names[i];
            bigger.pos[s] = ix->pos[i];
        }
    fsq__name_index_free(ix);
    *ix = bigger;
    return 0;
}

int fsq__name_index_add(fsq__name_index *ix, const char *name, size_t pos, size_t *first)
{
    if (2 * (ix->n + 1) > ix->cap && grow(ix))
        return FSQ_ENOMEM;
    size_t s = slot(ix, name);
    if (ix->names[s]) {
        if (first)
            *first = ix->pos[s];
        return 1;
    }
    ix->names[s] = name;
    ix->pos[s] = pos;
    ix->n++;
    return 0;
}

long fsq__name_index_find(const fsq__name_index *ix, const char *name)
{
    if (!ix->cap)
        return -1;
    size_t s = slot(ix, name);
    return ix->names[s] ? (long)ix->pos[s] : -1;
}

void fsq__name_index_free(fsq__name_index *ix)
{
    free(ix->names);
    free(ix->pos);
    ix->names = NULL;
    ix->pos = NULL;
    ix->cap = ix->n = 0;
}
