/* `fsqca run`: configuration charts and groups (src/cli/run_groups.c). */
#ifndef FSQ_CLI_RUN_GROUPS_H
#define FSQ_CLI_RUN_GROUPS_H

#include "cli/spec.h"
#include "common/buf.h"

#define FSQ__RUN_MAX_CHARTS 16

typedef struct {
    size_t ncharts;                     /* chart_M<d>.svg files */
    char chart_name[FSQ__RUN_MAX_CHARTS][32];
    char *chart_svg[FSQ__RUN_MAX_CHARTS];
    size_t chart_len[FSQ__RUN_MAX_CHARTS];
    char *groups_json;                  /* results.json "groups", NULL = none */
} fsq__run_extras;

/* Appends the chart and groups sections to the report (md) and fills x.
 * Returns an exit status (after printing the error). */
int fsq__run_extras_make(const fsq__spec *spec, const fsq_data *data, const fsq_tt *tt,
                         fsq_min *const min[3], int threads, fsq__buf *md, fsq__run_extras *x);
void fsq__run_extras_free(fsq__run_extras *x);

#endif
