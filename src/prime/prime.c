/* Prime implicants: checks the problem and dispatches to the search.
 *
 * Contract (see prime.h): in, a problem over digit configurations; out, every
 * prime implicant that contains an ON configuration, in QCA's order, or a
 * negative FSQ_E* code with a message and an empty result. The searches live
 * in prime_remainders.c (minimal transversals, OFF explicit) and
 * prime_explicit.c (merging, ON and dc explicit).
 */
#include "prime/prime.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/error.h"

double fsq__pi_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int check_rows(const char *what, const unsigned char *rows, size_t n,
                      const unsigned char *levels, size_t k)
{
    if (n > 0 && rows == NULL)
        return fsq__error(FSQ_EINPUT, "prime implicants: %zu %s configurations but no data", n, what);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++)
            if (rows[i * k + j] >= levels[j])
                return fsq__error(FSQ_EINPUT,
                                  "prime implicants: %s configuration %zu has level %u for "
                                  "condition %zu, which has %u levels",
                                  what, i + 1, (unsigned)rows[i * k + j], j + 1,
                                  (unsigned)levels[j]);
    return 0;
}

int fsq__prime_implicants(const fsq__pi_problem *p, fsq__pi_result *out)
{
    int rc;
    if (out == NULL || p == NULL)
        return fsq__error(FSQ_EINPUT, "prime implicants: no problem or no result given");
    memset(out, 0, sizeof *out);
    if (p->k < 1)
        return fsq__error(FSQ_EINPUT, "prime implicants: no conditions");
    if (p->levels == NULL)
        return fsq__error(FSQ_EINPUT, "prime implicants: no levels given");
    for (size_t j = 0; j < p->k; j++)
        if (p->levels[j] < 2)
            return fsq__error(FSQ_EINPUT,
                              "prime implicants: condition %zu has %u levels (2 to 255 allowed)",
                              j + 1, (unsigned)p->levels[j]);
    if (p->mode != FSQ__PI_REMAINDERS && p->mode != FSQ__PI_EXPLICIT)
        return fsq__error(FSQ_EINPUT, "prime implicants: unknown mode %d", p->mode);
    if (p->on_weight && (p->mode != FSQ__PI_REMAINDERS || !(p->min_weight > 0)))
        return fsq__error(FSQ_EINPUT, "prime implicants: pricing needs mode REMAINDERS and a "
                          "positive minimum weight (%g given)", p->min_weight);
    if ((rc = check_rows("ON", p->on, p->non, p->levels, p->k)) != 0)
        return rc;
    if (p->mode == FSQ__PI_REMAINDERS)
        rc = check_rows("OFF", p->off, p->noff, p->levels, p->k);
    else
        rc = check_rows("don't-care", p->dc, p->ndc, p->levels, p->k);
    if (rc != 0)
        return rc;

    out->k = p->k;
    if (p->non == 0)
        return 0;
    rc = p->mode == FSQ__PI_REMAINDERS ? fsq__pi_search_remainders(p, out)
                                       : fsq__pi_search_explicit(p, out);
    if (rc != 0) {
        uint64_t nodes = out->nodes;
        int reached = out->max_pis_reached, nodes_reached = out->nodes_reached;
        fsq__pi_result_free(out);
        out->nodes = nodes;
        out->max_pis_reached = reached;
        out->nodes_reached = nodes_reached;
    }
    return rc;
}

void fsq__pi_result_free(fsq__pi_result *r)
{
    if (r == NULL)
        return;
    free(r->cubes);
    r->cubes = NULL;
    r->npis = 0;
}
