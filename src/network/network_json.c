/* The analysis as JSON (schema in fsqca.h, fsq_network_to_json). */
#include <stdlib.h>

#include "common/buf.h"
#include "common/json.h"
#include "network/network_internal.h"

static const char *micmac_status_name(fsq_micmac_status s)
{
    return s == FSQ_MICMAC_STABLE ? "stable" : s == FSQ_MICMAC_NILPOTENT ? "nilpotent" : "limit";
}

static void matrix_rows(fsq__json *j, const fsq_influence *m)
{
    fsq__json_begin_array(j);
    fsq__json_compact(j, 1);
    for (size_t i = 0; i < m->n; i++) {
        fsq__json_begin_array(j);
        for (size_t k = 0; k < m->n; k++)
            fsq__json_number(j, m->w[i * m->n + k]);
        fsq__json_end_array(j);
    }
    fsq__json_compact(j, 0);
    fsq__json_end_array(j);
}

int fsq_network_to_json(const fsq_network *net, char **json, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    fsq__json j;
    const fsq_influence *m = net->matrix;
    size_t n = net->n;
    fsq__json_init(&j, &b, 1);
    fsq__json_begin_object(&j);
    fsq__json_key(&j, "source");
    fsq__json_string(&j, m->source);
    fsq__json_key(&j, "elements");
    fsq__json_begin_array(&j);
    for (size_t i = 0; i < n; i++) {
        const fsq_influence_element *e = &net->elements[i];
        fsq__json_compact(&j, 1);
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "name");
        fsq__json_string(&j, m->names[i]);
        fsq__json_key(&j, "active_sum");
        fsq__json_number(&j, e->active_sum);
        fsq__json_key(&j, "passive_sum");
        fsq__json_number(&j, e->passive_sum);
        fsq__json_key(&j, "product");
        fsq__json_number(&j, e->product);
        fsq__json_key(&j, "quotient");
        fsq__json_number(&j, e->quotient); /* NaN is written as null */
        fsq__json_key(&j, "role");
        fsq__json_string(&j, fsq_influence_role_name(e->role));
        fsq__json_key(&j, "direct_rank");
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "influence");
        fsq__json_uint(&j, e->direct_influence_rank);
        fsq__json_key(&j, "dependence");
        fsq__json_uint(&j, e->direct_dependence_rank);
        fsq__json_end_object(&j);
        fsq__json_key(&j, "micmac");
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "influence");
        fsq__json_number(&j, e->micmac_influence);
        fsq__json_key(&j, "dependence");
        fsq__json_number(&j, e->micmac_dependence);
        fsq__json_key(&j, "influence_rank");
        fsq__json_uint(&j, e->micmac_influence_rank);
        fsq__json_key(&j, "dependence_rank");
        fsq__json_uint(&j, e->micmac_dependence_rank);
        fsq__json_end_object(&j);
        fsq__json_end_object(&j);
        fsq__json_compact(&j, 0);
    }
    fsq__json_end_array(&j);
    fsq__json_key(&j, "total");
    fsq__json_number(&j, net->total);
    fsq__json_key(&j, "mean");
    fsq__json_number(&j, net->mean);
    fsq__json_key(&j, "micmac");
    fsq__json_compact(&j, 1);
    fsq__json_begin_object(&j);
    fsq__json_key(&j, "power");
    fsq__json_uint(&j, net->micmac_power);
    fsq__json_key(&j, "status");
    fsq__json_string(&j, micmac_status_name(net->micmac_status));
    fsq__json_end_object(&j);
    fsq__json_compact(&j, 0);
    fsq__json_key(&j, "loops");
    fsq__json_begin_array(&j);
    for (size_t l = 0; l < net->nloops; l++) {
        const fsq_influence_loop *lp = &net->loops[l];
        fsq__json_compact(&j, 1);
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "elements");
        fsq__json_begin_array(&j);
        for (size_t k = 0; k < lp->length; k++)
            fsq__json_string(&j, m->names[lp->elements[k]]);
        fsq__json_end_array(&j);
        fsq__json_key(&j, "length");
        fsq__json_uint(&j, lp->length);
        fsq__json_key(&j, "sign");
        fsq__json_int(&j, lp->sign);
        fsq__json_key(&j, "min_intensity");
        fsq__json_number(&j, lp->min_intensity);
        fsq__json_key(&j, "delay");
        fsq__json_int(&j, lp->delay);
        fsq__json_end_object(&j);
        fsq__json_compact(&j, 0);
    }
    fsq__json_end_array(&j);
    fsq__json_key(&j, "loops_complete");
    fsq__json_bool(&j, net->loops_complete);
    fsq__json_key(&j, "max_loop");
    fsq__json_uint(&j, net->max_loop);
    fsq__json_key(&j, "impulse");
    if (net->traj) {
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "steps");
        fsq__json_uint(&j, net->steps);
        fsq__json_key(&j, "start");
        fsq__json_compact(&j, 1);
        fsq__json_begin_object(&j);
        for (size_t i = 0; i < n; i++)
            if (net->impulse[i] != 0) {
                fsq__json_key(&j, m->names[i]);
                fsq__json_number(&j, net->impulse[i]);
            }
        fsq__json_end_object(&j);
        fsq__json_compact(&j, 0);
        fsq__json_key(&j, "trajectories");
        fsq__json_begin_object(&j);
        for (size_t i = 0; i < n; i++) {
            fsq__json_key(&j, m->names[i]);
            fsq__json_compact(&j, 1);
            fsq__json_begin_array(&j);
            for (size_t t = 0; t <= net->steps; t++)
                fsq__json_number(&j, net->traj[t * n + i]);
            fsq__json_end_array(&j);
            fsq__json_compact(&j, 0);
        }
        fsq__json_end_object(&j);
        fsq__json_end_object(&j);
    } else {
        fsq__json_null(&j);
    }
    if (net->ncases > 1) {
        fsq__json_key(&j, "cases");
        fsq__json_compact(&j, 1);
        fsq__json_begin_array(&j);
        for (size_t c = 0; c < net->ncases; c++)
            fsq__json_string(&j, net->case_sources[c]);
        fsq__json_end_array(&j);
        fsq__json_compact(&j, 0);
        fsq__json_key(&j, "mean_matrix");
        matrix_rows(&j, net->matrix);
        fsq__json_key(&j, "median_matrix");
        matrix_rows(&j, net->median);
        fsq__json_key(&j, "case_roles");
        fsq__json_begin_object(&j);
        for (size_t i = 0; i < n; i++) {
            fsq__json_key(&j, m->names[i]);
            fsq__json_compact(&j, 1);
            fsq__json_begin_array(&j);
            for (size_t c = 0; c < net->ncases; c++)
                fsq__json_string(&j, fsq_influence_role_name(net->case_elements[c * n + i].role));
            fsq__json_end_array(&j);
            fsq__json_compact(&j, 0);
        }
        fsq__json_end_object(&j);
    }
    fsq__json_end_object(&j);
    fsq__buf_putc(&b, '\n');
    return fsq__buf_hand_out(&b, json, len);
}
