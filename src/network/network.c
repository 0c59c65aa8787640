/* The analysis of an influence model, or of several models of the same
 * system (one per case study): the element-wise mean and median matrices,
 * every element's figures and role, both rankings, the loops and the
 * what-if trajectories (see fsqca.h, section 8).
 *
 * Several cases: cell (i, j) of the mean matrix is the mean over the cases
 * of their intensities, of the median matrix their median (the mean of the
 * two middle values for an even number of cases). A sign or delay is taken
 * from the cases that have the influence; two such cases that disagree are
 * an error, since the mean of a positive and a negative influence has no
 * meaning in the model. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "network/network_internal.h"

void fsq_network_free(fsq_network *net)
{
    if (!net)
        return;
    fsq_influence_free(net->matrix);
    fsq_influence_free(net->median);
    free(net->elements);
    free(net->loops);
    free(net->loop_elements);
    free(net->traj);
    free(net->impulse);
    if (net->case_sources)
        for (size_t c = 0; c < net->ncases; c++)
            free(net->case_sources[c]);
    free(net->case_sources);
    free(net->case_elements);
    free(net);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The mean and median models of the cases (checked to share their names). */
static int combine(const fsq_influence *const *cases, size_t ncases, fsq_influence **mean,
                   fsq_influence **median)
{
    const fsq_influence *first = cases[0];
    size_t n = first->n;
    for (size_t c = 1; c < ncases; c++) {
        if (cases[c]->n != n)
            return fsq__error(FSQ_EINPUT, "%s: %zu elements, but %s has %zu (every case must "
                              "model the same elements)", cases[c]->source, cases[c]->n,
                              first->source, n);
        for (size_t i = 0; i < n; i++)
            if (strcmp(cases[c]->names[i], first->names[i]) != 0)
                return fsq__error(FSQ_EINPUT, "%s: element %zu is \"%s\", but in %s it is "
                                  "\"%s\" (every case must list the same elements in the same "
                                  "order)", cases[c]->source, i + 1, cases[c]->names[i],
                                  first->source, first->names[i]);
    }
    int rc = fsq__influence_alloc(mean, n, (const char *const *)first->names, "mean of the cases");
    if (!rc)
        rc = fsq__influence_alloc(median, n, (const char *const *)first->names,
                                  "median of the cases");
    for (size_t c = 0; !rc && c < ncases; c++) {
        (*mean)->has_signs |= cases[c]->has_signs;
        (*mean)->has_delays |= cases[c]->has_delays;
    }
    if (!rc) {
        (*median)->has_signs = (*mean)->has_signs;
        (*median)->has_delays = (*mean)->has_delays;
    }
    double *values = malloc(ncases * sizeof *values);
    if (!rc && !values)
        rc = fsq__nomem();
    for (size_t cell = 0; !rc && cell < n * n; cell++) {
        double sum = 0;
        int sign = 0, delay = 0;
        size_t from = 0;
        for (size_t c = 0; c < ncases && !rc; c++) {
            const fsq_influence *m = cases[c];
            values[c] = m->w[cell];
            sum += m->w[cell];
            if (m->w[cell] <= 0)
                continue;
            if (sign && (m->sign[cell] != sign || m->delay[cell] != delay))
                rc = fsq__error(FSQ_EINPUT, "%s: the influence of %s on %s has sign %+d and "
                                "delay %d, but in %s sign %+d and delay %d (cases must agree on "
                                "how an element acts)", m->source, m->names[cell / n],
                                m->names[cell % n], m->sign[cell], m->delay[cell],
                                cases[from]->source, sign, delay);
            if (!sign) {
                sign = m->sign[cell];
                delay = m->delay[cell];
                from = c;
            }
        }
        qsort(values, ncases, sizeof *values, cmp_double);
        (*mean)->w[cell] = sum / (double)ncases;
        (*median)->w[cell] = ncases % 2 ? values[ncases / 2]
                                        : (values[ncases / 2 - 1] + values[ncases / 2]) / 2;
        if (sign) {
            (*mean)->sign[cell] = (*median)->sign[cell] = sign;
            (*mean)->delay[cell] = (*median)->delay[cell] = delay;
        }
    }
    free(values);
    return rc;
}

static int copy_model(const fsq_influence *m, fsq_influence **out)
{
    int rc = fsq__influence_alloc(out, m->n, (const char *const *)m->names, m->source);
    if (rc)
        return rc;
    memcpy((*out)->w, m->w, m->n * m->n * sizeof *m->w);
    memcpy((*out)->sign, m->sign, m->n * m->n * sizeof *m->sign);
    memcpy((*out)->delay, m->delay, m->n * m->n * sizeof *m->delay);
    (*out)->has_signs = m->has_signs;
    (*out)->has_delays = m->has_delays;
    return 0;
}

int fsq_network_analyse(fsq_network **out, const fsq_influence *const *cases, size_t ncases,
                        const fsq_influence_options *opts)
{
    fsq_influence_options defaults = FSQ_INFLUENCE_OPTIONS_INIT;
    if (!opts)
        opts = &defaults;
    *out = NULL;
    if (ncases == 0)
        return fsq__error(FSQ_EINPUT, "no influence matrix given");
    fsq_network *net = calloc(1, sizeof *net);
    if (!net)
        return fsq__nomem();
    int rc = ncases > 1 ? combine(cases, ncases, &net->matrix, &net->median)
                        : copy_model(cases[0], &net->matrix);
    if (rc)
        goto done;
    const fsq_influence *m = net->matrix;
    size_t n = net->n = m->n;
    net->ncases = ncases;
    net->max_loop = opts->max_loop;

    /* 1. Direct figures and rankings. */
    net->elements = calloc(n, sizeof *net->elements);
    double *score = malloc(2 * n * sizeof *score);
    size_t *rank = malloc(2 * n * sizeof *rank);
    if (!net->elements || !score || !rank) {
        free(score);
        free(rank);
        rc = fsq__nomem();
        goto done;
    }
    fsq__influence_sums(m, net->elements, &net->total);
    net->mean = net->total / (double)n;
    for (size_t i = 0; i < n; i++) {
        score[i] = net->elements[i].active_sum;
        score[n + i] = net->elements[i].passive_sum;
    }
    fsq__rank(score, n, rank);
    fsq__rank(score + n, n, rank + n);
    for (size_t i = 0; i < n; i++) {
        net->elements[i].direct_influence_rank = rank[i];
        net->elements[i].direct_dependence_rank = rank[n + i];
    }
    free(score);
    free(rank);

    /* 2. Indirect: MICMAC. 3. Loops. */
    if ((rc = fsq__micmac(m, opts->max_power, net->elements, &net->micmac_power,
                          &net->micmac_status)))
        goto done;
    if ((rc = fsq__loops(m, opts->max_loop, opts->max_loops, &net->loops, &net->loop_elements,
                         &net->nloops, &net->loops_complete)))
        goto done;

    /* 4. What-if. */
    if (opts->impulse) {
        net->steps = opts->steps;
        net->impulse = malloc(n * sizeof *net->impulse);
        net->traj = malloc((opts->steps + 1) * n * sizeof *net->traj);
        if (!net->impulse || !net->traj) {
            rc = fsq__nomem();
            goto done;
        }
        memcpy(net->impulse, opts->impulse, n * sizeof *net->impulse);
        for (size_t i = 0; i < n; i++)
            if (!isfinite(net->impulse[i])) {
                rc = fsq__error(FSQ_EINPUT, "the impulse on %s is not a finite number",
                                m->names[i]);
                goto done;
            }
        if ((rc = fsq__impulse(m, net->impulse, net->steps, net->traj)))
            goto done;
    }

    /* 5. Several cases: every case's own figures and roles. */
    if (ncases > 1) {
        net->case_sources = calloc(ncases, sizeof *net->case_sources);
        net->case_elements = calloc(ncases * n, sizeof *net->case_elements);
        if (!net->case_sources || !net->case_elements) {
            rc = fsq__nomem();
            goto done;
        }
        for (size_t c = 0; c < ncases; c++) {
            double total;
            if (!(net->case_sources[c] = strdup(cases[c]->source))) {
                rc = fsq__nomem();
                goto done;
            }
            fsq__influence_sums(cases[c], net->case_elements + c * n, &total);
        }
    }
    *out = net;
    net = NULL;
done:
    fsq_network_free(net);
    return rc;
}

const fsq_influence *fsq_network_matrix(const fsq_network *net) { return net->matrix; }
const fsq_influence *fsq_network_median(const fsq_network *net) { return net->median; }
size_t fsq_network_nelements(const fsq_network *net) { return net->n; }
const fsq_influence_element *fsq_network_element(const fsq_network *net, size_t i)
{
    return &net->elements[i];
}
double fsq_network_total(const fsq_network *net) { return net->total; }
double fsq_network_mean(const fsq_network *net) { return net->mean; }

size_t fsq_network_micmac_power(const fsq_network *net, fsq_micmac_status *status)
{
    if (status)
        *status = net->micmac_status;
    return net->micmac_power;
}

size_t fsq_network_nloops(const fsq_network *net) { return net->nloops; }
const fsq_influence_loop *fsq_network_loop(const fsq_network *net, size_t i)
{
    return &net->loops[i];
}
int fsq_network_loops_complete(const fsq_network *net) { return net->loops_complete; }
size_t fsq_network_max_loop(const fsq_network *net) { return net->max_loop; }

const double *fsq_network_trajectory(const fsq_network *net, size_t *steps)
{
    if (steps)
        *steps = net->steps;
    return net->traj;
}

size_t fsq_network_ncases(const fsq_network *net) { return net->ncases; }
const char *fsq_network_case_source(const fsq_network *net, size_t c)
{
    return net->case_sources ? net->case_sources[c] : NULL;
}
const fsq_influence_element *fsq_network_case_element(const fsq_network *net, size_t c,
                                                      size_t i)
{
    return net->case_elements ? &net->case_elements[c * net->n + i] : NULL;
}
