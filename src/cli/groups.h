/* --by COL: the pooled analysis and one per group, side by side; for
 * minimize also the cluster diagnostics of the pooled solution and the
 * cross-group patterns (src/cli/groups.c). */
#ifndef FSQ_CLI_GROUPS_H
#define FSQ_CLI_GROUPS_H

#include "cli/cli.h"
#include "common/buf.h"

#define FSQ_CLI_GROUP_HELP                                                              \
    "Groups:\n"                                                                         \
    "  --by COL              also analyse each group of cases with the same value of\n" \
    "                        COL (a text column or whole numbers), beside the pooled\n"  \
    "                        result (JSON: \"groups\": [{\"group\", \"ncases\", ...}])\n"   \
    "  --unit-id COL         panel data: the unit of each case, for the within-unit\n"  \
    "                        cluster diagnostics (minimize --by)\n"

/* tt --by: the pooled output (text, len) and each group's, into out.
 * Returns an exit status. */
int fsq__cli_groups_tt(const fsq__cli_common *c, const fsq_data *data, const fsq_tt *pooled,
                       const char *text, size_t len, fsq__buf *out);

/* minimize --by: the same, then the cluster diagnostics of every pooled
 * model and term, and the cross-group patterns. */
int fsq__cli_groups_minimize(const fsq__cli_common *c, const fsq_data *data,
                             const fsq_tt *pooled_tt, const fsq_min *pooled,
                             const fsq_min_options *mo, const char *text, size_t len,
                             fsq__buf *out);

/* The pooled output (text, len) and each group's (texts[q], lens[q], or
 * errors[q] when it has none) in c's format: JSON the pooled object with
 * "by" and "groups": [{"group", "ncases", ...}], CSV one table with a
 * "group" column, the others a heading per analysis; then `extra` (JSON:
 * `,\n  "key": value` members; others: text). Returns an exit status. */
int fsq__cli_groups_combine(const fsq__cli_common *c, const fsq_groups *g, char *const *texts,
                            const size_t *lens, char *const *errors, size_t pooled_ncases,
                            const char *text, size_t len, const char *extra, fsq__buf *out);

#endif
