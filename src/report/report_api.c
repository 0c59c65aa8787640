/* The public entry points of the run report (fsqca.h, section 8 "Reports"):
 * the writers of report.c, report_tex.c and svg.c, handing their text out
 * as the table writers do, so that the CLI needs only the public header. */
#include <stdlib.h>

#include "report/report.h"

const char *fsq_solution_type_name(fsq_solution_type t)
{
    return fsq__report_type_name(t);
}

char *fsq_report_plot_name(fsq_solution_type t, size_t d, char *buf, size_t bufsize)
{
    return fsq__report_plot_name(t, d, buf, bufsize);
}

/* The end of every writer here: the text on success, nothing on failure. */
static int hand_out(fsq__buf *b, int rc, char **out, size_t *len)
{
    if (rc) {
        fsq__buf_free(b);
        *out = NULL;
        return rc;
    }
    return fsq__buf_hand_out(b, out, len);
}

int fsq_report_markdown(const fsq_report_input *in, char **out, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    return hand_out(&b, fsq__report_markdown(&b, in), out, len);
}

int fsq_report_latex(const char *md, size_t n, char **out, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    return hand_out(&b, fsq__report_latex(&b, md, n), out, len);
}

int fsq_report_xy_svg(const fsq_min *min, size_t d, char **out, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    return hand_out(&b, fsq__report_xy_svg(&b, min, d), out, len);
}
