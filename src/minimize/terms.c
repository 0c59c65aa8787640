/* The terms of the final models, one at a time (fsq_min_model_nterms,
 * fsq_min_term_text, fsq_min_term_membership in fsqca.h). */
#include <stdlib.h>

#include "common/error.h"
#include "minimize/minimize_internal.h"

static const unsigned char *term_cube(const fsq_min *m, size_t i, size_t t, size_t *nterms)
{
    const fsq__model_set *set = m->type == FSQ_INTERMEDIATE ? &m->keys[m->distinct_key[i]].set
                                                             : &m->main;
    size_t s = m->type == FSQ_INTERMEDIATE ? m->distinct_model[i] : i, size = set->cover.size;
    *nterms = size;
    return t < size ? set->pis + set->cover.pis[s * size + t] * m->tt->k : NULL;
}

size_t fsq_min_model_nterms(const fsq_min *m, size_t i)
{
    size_t n = 0;
    if (i < fsq_min_nsolutions(m))
        term_cube(m, i, 0, &n);
    return n;
}

char *fsq_min_term_text(const fsq_min *m, size_t i, size_t t)
{
    size_t n;
    const unsigned char *cube = i < fsq_min_nsolutions(m) ? term_cube(m, i, t, &n) : NULL;
    if (!cube)
        return NULL;
    fsq__buf b = FSQ__BUF_INIT;
    fsq__cube_text(m->tt, cube, &b);
    if (fsq__buf_ok(&b)) {
        fsq__buf_free(&b);
        return NULL;
    }
    return fsq__buf_detach(&b, NULL);
}

int fsq_min_term_membership(const fsq_min *m, size_t i, size_t t, double *out)
{
    size_t n;
    const unsigned char *cube = i < fsq_min_nsolutions(m) ? term_cube(m, i, t, &n) : NULL;
    if (!cube)
        return fsq__error(FSQ_EINPUT, "no term %zu in model %zu", t + 1, i + 1);
    fsq__tt_cube_membership(m->tt, cube, out);
    return 0;
}
