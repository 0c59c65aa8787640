/* Output of one analysis in the --format asked for (src/cli/render.c). */
#ifndef FSQ_CLI_RENDER_H
#define FSQ_CLI_RENDER_H

#include "cli/cli.h"
#include "common/buf.h"

/* *out is malloc'ed (*len bytes); returns 0 or a library error code. */
int fsq__cli_render_tt(const fsq__cli_common *c, const fsq_tt *tt, char **out, size_t *len);
int fsq__cli_render_min(const fsq__cli_common *c, const fsq_min *min, char **out, size_t *len);

/* --chart-svg PATH: the configuration chart of every intermediate model as
 * SVG, model 1 to PATH, model d to PATH_Md.svg. Returns an exit status. */
int fsq__cli_write_charts(const char *command, const fsq_min *min, const char *path, int digits);

/* Appends table t in format f (TEXT, MARKDOWN, LATEX, HTML, CSV) to b, then
 * frees t (NULL: a table that could not be made, FSQ_ENOMEM). Returns 0 or
 * a library error code. */
int fsq__cli_put_table(fsq__buf *b, fsq_table *t, int format);

#endif
