/* --by COL (see groups.h).
 *
 * A group's analysis is the ordinary analysis of its subset of the cases:
 * the same outcome, conditions (those of the pooled table), cut-offs and
 * solution options. A group whose analysis fails (no row reaches n.cut, no
 * solution) is reported with its reason; the pooled result and the other
 * groups are still shown.
 *
 * Output, by format:
 *   json   the pooled object with "by", "groups": [{"group", "ncases", ...the
 *          usual keys...}] and for minimize "cluster" and "patterns"
 *   text, md, latex, html   a heading per analysis, then the cluster and
 *          pattern tables
 *   csv    one table: a "group" column ("pooled" or the group) before the
 *          usual columns (the cluster and pattern tables are in the others)
 *
 * Cross-group patterns, for minimize: the terms of a group are those of all
 * its models; for each pair of groups the terms both have, and those only
 * one has; with intermediate solutions the same for the core conditions of
 * each configuration (the core literals, as a conjunction); and for each
 * pooled term the groups where it holds: its between consistency in that
 * group reaches the consistency cut-off (incl.cut, with QCA's tolerance). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/format.h"
#include "cli/groups.h"
#include "cli/render.h"
#include "common/json.h"

typedef struct {
    fsq_groups *g;
    fsq_data **data;   /* per group */
    fsq_tt **tt;       /* per group, NULL when it failed */
    fsq_min **min;
    char **text;       /* rendered output, NULL when it failed */
    size_t *len;
    char **error;      /* why a group has no result */
} group_runs;

static void runs_free(group_runs *r)
{
    size_t n = r->g ? r->g->ngroups : 0;
    for (size_t j = 0; j < n; j++) {
        if (r->data)
            fsq_data_free(r->data[j]);
        if (r->min)
            fsq_min_free(r->min[j]);
        if (r->tt)
            fsq_tt_free(r->tt[j]);
        if (r->text)
            free(r->text[j]);
        if (r->error)
            free(r->error[j]);
    }
    free(r->data);
    free(r->tt);
    free(r->min);
    free(r->text);
    free(r->len);
    free(r->error);
    fsq_groups_free(r->g);
    memset(r, 0, sizeof *r);
}

static char *message(const char *fmt, const char *arg, size_t n)
{
    char buf[1024];
    snprintf(buf, sizeof buf, fmt, arg, n);
    return strdup(buf);
}

/* The groups, their data and truth tables (the pooled table's conditions). */
static int build_groups(const fsq__cli_common *c, const fsq_data *data, const fsq_tt *pooled,
                        group_runs *r)
{
    memset(r, 0, sizeof *r);
    int rc = fsq_data_groups(&r->g, data, c->by);
    if (rc)
        return fsq__cli_fail(c->command, rc);
    size_t n = r->g->ngroups, k = fsq_tt_nconditions(pooled);
    r->data = calloc(n, sizeof *r->data);
    r->tt = calloc(n, sizeof *r->tt);
    r->min = calloc(n, sizeof *r->min);
    r->text = calloc(n, sizeof *r->text);
    r->len = calloc(n, sizeof *r->len);
    r->error = calloc(n, sizeof *r->error);
    unsigned char *keep = malloc(r->g->ncases ? r->g->ncases : 1);
    const char **conds = malloc((k ? k : 1) * sizeof *conds);
    if (!r->data || !r->tt || !r->min || !r->text || !r->len || !r->error || !keep || !conds) {
        free(keep);
        free(conds);
        return fsq__cli_fail(c->command, FSQ_ENOMEM);
    }
    for (size_t j = 0; j < k; j++)
        conds[j] = fsq_tt_condition(pooled, j);
    int status = 0;
    for (size_t q = 0; q < n && !status; q++) {
        for (size_t i = 0; i < r->g->ncases; i++)
            keep[i] = r->g->group[i] == q;
        if ((rc = fsq_data_subset(&r->data[q], data, keep))) {
            status = fsq__cli_fail(c->command, rc);
            break;
        }
        rc = fsq_tt_build(&r->tt[q], r->data[q], c->outcome, conds, k, &c->tt);
        if (rc) {
            r->error[q] = message("%s", fsq_last_error(), 0);
            continue;
        }
        size_t usable = 0;
        for (size_t row = 0; row < fsq_tt_nrows(r->tt[q]); row++)
            usable += fsq_tt_row_out(r->tt[q], row) != FSQ_OUT_REM;
        if (!usable) {
            r->error[q] = message("no configuration has at least %s%zu cases (--n-cut)", "",
                                  c->tt.n_cut);
            fsq_tt_free(r->tt[q]);
            r->tt[q] = NULL;
        }
    }
    free(keep);
    free(conds);
    return status;
}

static void reindent(fsq__buf *b, const char *s, size_t len, const char *indent)
{
    for (size_t i = 0; i < len; i++) {
        fsq__buf_putc(b, s[i]);
        if (s[i] == '\n' && i + 1 < len)
            fsq__buf_puts(b, indent);
    }
}

/* Strips trailing white space and the final '}' of a JSON object. */
static size_t open_object(const char *s, size_t len)
{
    while (len && (s[len - 1] == '\n' || s[len - 1] == ' ' || s[len - 1] == '}'))
        if (s[--len] == '}')
            break;
    while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
        len--;
    return len;
}

/* Appends s escaped for format (fsq_format_escape); an allocation failure
 * fails b. */
static void put_escaped(fsq__buf *b, int format, const char *s)
{
    char *e = fsq_format_escape((fsq_format)format, s);
    if (e)
        fsq__buf_puts(b, e);
    else
        b->failed = 1;
    free(e);
}

/* Prefixes every CSV record of s with a "group" field (the header with
 * "group"); records are split at line breaks outside quotes. */
static void csv_prefixed(fsq__buf *b, const char *s, size_t len, const char *group, int header)
{
    int quoted = 0, start = 1, first = 1;
    for (size_t i = 0; i < len; i++) {
        if (start) {
            if (!(first && !header)) {
                put_escaped(b, FSQ_FORMAT_CSV, first ? "group" : group);
                fsq__buf_putc(b, ',');
            }
            start = 0;
        }
        if (!(first && !header))
            fsq__buf_putc(b, s[i]);
        if (s[i] == '"')
            quoted = !quoted;
        if (s[i] == '\n' && !quoted) {
            start = 1;
            first = 0;
        }
    }
}

static void heading(fsq__buf *b, int format, const char *text)
{
    switch (format) {
    case FSQ_CLI_FMT_MD:
        fsq__buf_printf(b, "### %s\n\n", text);
        break;
    case FSQ_CLI_FMT_LATEX:
        fsq__buf_puts(b, "\\subsection*{");
        put_escaped(b, format, text);
        fsq__buf_puts(b, "}\n\n");
        break;
    case FSQ_CLI_FMT_HTML:
        fsq__buf_puts(b, "<h2>");
        put_escaped(b, format, text);
        fsq__buf_puts(b, "</h2>\n");
        break;
    default:
        fsq__buf_printf(b, "== %s ==\n\n", text);
    }
}

/* The pooled output, each group's, and the extra sections (JSON: `extra`
 * holds `"key": value` members; other formats: rendered tables). */
static int combine(const fsq__cli_common *c, const group_runs *r, size_t pooled_ncases,
                   const char *text, size_t len, const char *extra, fsq__buf *out)
{
    return fsq__cli_groups_combine(c, r->g, r->text, r->len, r->error, pooled_ncases, text, len,
                                   extra, out);
}

int fsq__cli_groups_combine(const fsq__cli_common *c, const fsq_groups *g, char *const *texts,
                            const size_t *lens, char *const *errors, size_t pooled_ncases,
                            const char *text, size_t len, const char *extra, fsq__buf *out)
{
    struct {
        char *const *text;
        const size_t *len;
        char *const *error;
    } rr = {texts, lens, errors}, *r = &rr;
    char title[1024];
    if (c->format == FSQ_CLI_FMT_JSON) {
        fsq__buf_append(out, text, open_object(text, len));
        fsq__buf_puts(out, ",\n  \"by\": ");
        fsq__json_escape(out, c->by);
        fsq__buf_puts(out, ",\n  \"groups\": [");
        for (size_t q = 0; q < g->ngroups; q++) {
            fsq__buf_puts(out, q ? ",\n    {\n      \"group\": " : "\n    {\n      \"group\": ");
            fsq__json_escape(out, g->names[q]);
            fsq__buf_printf(out, ",\n      \"ncases\": %zu", g->sizes[q]);
            if (r->error[q]) {
                fsq__buf_puts(out, ",\n      \"error\": ");
                fsq__json_escape(out, r->error[q]);
                fsq__buf_puts(out, "\n    }");
                continue;
            }
            const char *body = strchr(r->text[q], '{');
            size_t blen = body ? open_object(body + 1, r->len[q] - (size_t)(body + 1 - r->text[q]))
                               : 0;
            fsq__buf_putc(out, ',');
            reindent(out, body + 1, blen, "    ");
            fsq__buf_puts(out, "\n    }");
        }
        fsq__buf_puts(out, "\n  ]");
        if (extra)
            fsq__buf_puts(out, extra);
        fsq__buf_puts(out, "\n}\n");
        return fsq__buf_ok(out) ? FSQ_EXIT_ANALYSIS : 0;
    }
    if (c->format == FSQ_CLI_FMT_CSV) {
        csv_prefixed(out, text, len, "pooled", 1);
        for (size_t q = 0; q < g->ngroups; q++)
            if (r->text[q])
                csv_prefixed(out, r->text[q], r->len[q], g->names[q], 0);
        return fsq__buf_ok(out) ? FSQ_EXIT_ANALYSIS : 0;
    }
    snprintf(title, sizeof title, "Pooled (%zu cases)", pooled_ncases);
    heading(out, c->format, title);
    fsq__buf_append(out, text, len);
    for (size_t q = 0; q < g->ngroups; q++) {
        snprintf(title, sizeof title, "%s = %s (%zu cases)", c->by, g->names[q], g->sizes[q]);
        fsq__buf_putc(out, '\n');
        heading(out, c->format, title);
        if (r->error[q]) {
            if (c->format == FSQ_CLI_FMT_LATEX) {
                fsq__buf_puts(out, "No result: ");
                put_escaped(out, c->format, r->error[q]);
                fsq__buf_puts(out, "\n");
            } else if (c->format == FSQ_CLI_FMT_HTML) {
                fsq__buf_puts(out, "<p>No result: ");
                put_escaped(out, c->format, r->error[q]);
                fsq__buf_puts(out, "</p>\n");
            } else {
                fsq__buf_printf(out, "No result: %s\n", r->error[q]);
            }
        } else {
            fsq__buf_append(out, r->text[q], r->len[q]);
        }
    }
    if (extra)
        fsq__buf_puts(out, extra);
    return fsq__buf_ok(out) ? FSQ_EXIT_ANALYSIS : 0;
}

int fsq__cli_groups_tt(const fsq__cli_common *c, const fsq_data *data, const fsq_tt *pooled,
                       const char *text, size_t len, fsq__buf *out)
{
    group_runs r;
    int status = build_groups(c, data, pooled, &r);
    for (size_t q = 0; !status && q < r.g->ngroups; q++)
        if (r.tt[q]) {
            int rc = fsq__cli_render_tt(c, r.tt[q], &r.text[q], &r.len[q]);
            if (rc)
                status = fsq__cli_fail(c->command, rc);
        }
    if (!status)
        status = combine(c, &r, fsq_tt_ncases(pooled), text, len, NULL, out);
    runs_free(&r);
    return status;
}

/* ---- cluster diagnostics ------------------------------------------------ */

typedef struct {
    char *label;          /* "M1" or the term */
    int is_model;
    fsq_cluster fit;
} cluster_row;

static void cluster_json(fsq__json *j, const cluster_row *row, const fsq_groups *g,
                         const fsq_groups *u)
{
    const fsq_cluster *f = &row->fit;
    fsq__json_begin_object(j);
    fsq__json_key(j, "pooled");
    fsq__json_compact(j, 1);
    fsq__json_begin_object(j);
    fsq__json_key(j, "incl");
    fsq__json_number(j, f->pooled_incl);
    fsq__json_key(j, "cov");
    fsq__json_number(j, f->pooled_cov);
    fsq__json_end_object(j);
    fsq__json_compact(j, 0);
    const fsq_groups *parts[2] = {g, u};
    const double *incl[2] = {f->between_incl, f->within_incl};
    const double *cov[2] = {f->between_cov, f->within_cov};
    for (int w = 0; w < (u ? 2 : 1); w++) {
        fsq__json_key(j, w ? "within" : "between");
        fsq__json_begin_array(j);
        for (size_t q = 0; q < parts[w]->ngroups; q++) {
            fsq__json_compact(j, 1);
            fsq__json_begin_object(j);
            fsq__json_key(j, w ? "unit" : "group");
            fsq__json_string(j, parts[w]->names[q]);
            fsq__json_key(j, "incl");
            fsq__json_number(j, incl[w][q]);
            fsq__json_key(j, "cov");
            fsq__json_number(j, cov[w][q]);
            fsq__json_end_object(j);
            fsq__json_compact(j, 0);
        }
        fsq__json_end_array(j);
        fsq__json_key(j, w ? "dWP" : "dBP");
        fsq__json_number(j, w ? f->dwp : f->dbp);
    }
    fsq__json_end_object(j);
}

/* The diagnostics of every pooled model and term: rows[] in order M1,
 * its terms, M2, ... */
static int cluster_rows(const fsq_min *m, const fsq_tt *tt, const fsq_groups *g,
                        const fsq_groups *u, cluster_row **rows_out, size_t *nrows_out)
{
    size_t n = fsq_tt_ncases(tt), nrows = 0, cap = 0;
    for (size_t d = 0; d < fsq_min_nsolutions(m); d++)
        cap += 1 + fsq_min_model_nterms(m, d);
    cluster_row *rows = calloc(cap ? cap : 1, sizeof *rows);
    double *x = malloc((n ? n : 1) * sizeof *x);
    const double *y = fsq_tt_outcome_memberships(tt);
    int rc = rows && x ? 0 : FSQ_ENOMEM;
    for (size_t d = 0; !rc && d < fsq_min_nsolutions(m); d++)
        for (size_t t = 0; !rc && t <= fsq_min_model_nterms(m, d); t++) {
            cluster_row *row = &rows[nrows++];
            char label[32];
            snprintf(label, sizeof label, "M%zu", d + 1);
            row->is_model = t == 0;
            row->label = t == 0 ? strdup(label) : fsq_min_term_text(m, d, t - 1);
            row->fit.between_incl = malloc(g->ngroups * sizeof(double));
            row->fit.between_cov = malloc(g->ngroups * sizeof(double));
            if (u) {
                row->fit.within_incl = malloc(u->ngroups * sizeof(double));
                row->fit.within_cov = malloc(u->ngroups * sizeof(double));
            }
            if (!row->label || !row->fit.between_incl || !row->fit.between_cov ||
                (u && (!row->fit.within_incl || !row->fit.within_cov))) {
                rc = FSQ_ENOMEM;
                break;
            }
            rc = t == 0 ? fsq_min_solution_membership(m, d, x)
                        : fsq_min_term_membership(m, d, t - 1, x);
            if (!rc)
                rc = fsq_cluster_compute(&row->fit, x, y, n, g->group, g->ngroups,
                                         u ? u->group : NULL, u ? u->ngroups : 0);
        }
    free(x);
    *rows_out = rows;
    *nrows_out = nrows;
    return rc;
}

static void cluster_rows_free(cluster_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++) {
        free(rows[i].label);
        free(rows[i].fit.between_incl);
        free(rows[i].fit.between_cov);
        free(rows[i].fit.within_incl);
        free(rows[i].fit.within_cov);
    }
    free(rows);
}

static int cluster_table(fsq__buf *b, const fsq__cli_common *c, const cluster_row *rows,
                         size_t nrows, const fsq_groups *g, const fsq_groups *u)
{
    size_t ncols = 4 + 2 * g->ngroups + (u ? 1 : 0);
    fsq_table *t;
    int rc = fsq_table_new(&t, ncols, "Cluster diagnostics of the pooled solution (between "
                                      "groups: consistency and coverage per group; dBP = "
                                      "distance of the between consistencies from the pooled)");
    if (rc)
        return rc;
    fsq_table_column(t, 0, "model / term", 'l');
    fsq_table_column(t, 1, "pooled incl", 'r');
    fsq_table_column(t, 2, "pooled cov", 'r');
    char head[512];
    for (size_t q = 0; q < g->ngroups; q++) {
        snprintf(head, sizeof head, "incl %s", g->names[q]);
        fsq_table_column(t, 3 + q, head, 'r');
        snprintf(head, sizeof head, "cov %s", g->names[q]);
        fsq_table_column(t, 3 + g->ngroups + q, head, 'r');
    }
    fsq_table_column(t, 3 + 2 * g->ngroups, "dBP", 'r');
    if (u)
        fsq_table_column(t, 4 + 2 * g->ngroups, "dWP", 'r');
    for (size_t i = 0; i < nrows; i++) {
        const fsq_cluster *f = &rows[i].fit;
        fsq_table_row(t);
        fsq_table_cell(t, 0, rows[i].label);
        fsq_table_number(t, 1, f->pooled_incl, c->digits);
        fsq_table_number(t, 2, f->pooled_cov, c->digits);
        for (size_t q = 0; q < g->ngroups; q++) {
            fsq_table_number(t, 3 + q, f->between_incl[q], c->digits);
            fsq_table_number(t, 3 + g->ngroups + q, f->between_cov[q], c->digits);
        }
        fsq_table_number(t, 3 + 2 * g->ngroups, f->dbp, c->digits);
        if (u)
            fsq_table_number(t, 4 + 2 * g->ngroups, f->dwp, c->digits);
    }
    if (u) {
        fsq__buf note = FSQ__BUF_INIT;
        fsq__buf_printf(&note, "dWP: distance of the within consistencies of the %zu units "
                        "(--unit-id %s) from the pooled; the per-unit values are in --json.",
                        u->ngroups, c->unit_id);
        if ((rc = fsq__buf_ok(&note))) {
            fsq__buf_free(&note);
            fsq_table_free(t);
            return rc;
        }
        fsq_table_note(t, fsq__buf_str(&note));
        fsq__buf_free(&note);
    }
    return fsq__cli_put_table(b, t, c->format);
}

/* ---- cross-group patterns ----------------------------------------------- */

typedef struct {
    char **items;
    size_t n;
} str_list;

static int list_has(const str_list *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i], s) == 0)
            return 1;
    return 0;
}

/* Adds a copy of s unless present; takes ownership of `own` when given. */
static int list_add(str_list *l, const char *s)
{
    if (list_has(l, s))
        return 0;
    char **items = realloc(l->items, (l->n + 1) * sizeof *items);
    if (!items)
        return FSQ_ENOMEM;
    l->items = items;
    if (!(l->items[l->n] = strdup(s)))
        return FSQ_ENOMEM;
    l->n++;
    return 0;
}

static void list_free(str_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

/* The terms of every model of m; with cores, the core literals of every
 * configuration ("TF*AG"; intermediate solutions only). */
static int group_terms(const fsq_min *m, str_list *terms, str_list *cores)
{
    int rc = 0;
    for (size_t d = 0; m && !rc && d < fsq_min_nsolutions(m); d++) {
        for (size_t t = 0; !rc && t < fsq_min_model_nterms(m, d); t++) {
            char *s = fsq_min_term_text(m, d, t);
            rc = s ? list_add(terms, s) : FSQ_ENOMEM;
            free(s);
        }
        fsq_chart *chart;
        if (rc || fsq_min_chart(&chart, m, d))
            continue;
        for (size_t t = 0; !rc && t < chart->nterms; t++) {
            fsq__buf b = FSQ__BUF_INIT;
            const fsq_chart_term *term = &chart->terms[t];
            for (size_t j = 0; j < chart->nconditions; j++)
                if (term->status[j] == FSQ_CHART_CORE || term->status[j] == FSQ_CHART_CORE_ABSENT)
                    fsq__buf_printf(&b, "%s%s%s", b.len ? "*" : "",
                                    term->status[j] == FSQ_CHART_CORE_ABSENT ? "~" : "",
                                    chart->conditions[j]);
            rc = fsq__buf_ok(&b) ? FSQ_ENOMEM : list_add(cores, b.len ? fsq__buf_str(&b) : "1");
            fsq__buf_free(&b);
        }
        fsq_chart_free(chart);
    }
    return rc;
}

static void join(fsq__buf *b, const str_list *l, const str_list *filter, int in_filter)
{
    size_t shown = 0;
    for (size_t i = 0; i < l->n; i++)
        if (!filter || list_has(filter, l->items[i]) == in_filter)
            fsq__buf_printf(b, "%s%s", shown++ ? ", " : "", l->items[i]);
    if (!shown)
        fsq__buf_puts(b, "none");
}

static void json_list(fsq__json *j, const str_list *l, const str_list *filter, int in_filter)
{
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (size_t i = 0; i < l->n; i++)
        if (!filter || list_has(filter, l->items[i]) == in_filter)
            fsq__json_string(j, l->items[i]);
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);
}

static int holds(double incl, double cut)
{
    return !isnan(incl) && incl >= cut - FSQ_TOLERANCE;
}

/* Patterns as JSON ("patterns": {...}) into j, or as a table into b. */
static int patterns(const fsq__cli_common *c, const group_runs *r, const cluster_row *rows,
                    size_t nrows, fsq__json *j, fsq__buf *b)
{
    const fsq_groups *g = r->g;
    size_t n = g->ngroups;
    str_list *terms = calloc(n ? n : 1, sizeof *terms), *cores = calloc(n ? n : 1, sizeof *cores);
    int rc = terms && cores ? 0 : FSQ_ENOMEM;
    int any_core = 0;
    for (size_t q = 0; !rc && q < n; q++) {
        rc = group_terms(r->min[q], &terms[q], &cores[q]);
        any_core |= cores[q].n > 0;
    }
    fsq_table *t = NULL;
    if (!rc && !j)
        rc = fsq_table_new(&t, 2, "Cross-group patterns (terms of all models of each group; "
                                  "pooled terms hold in a group when its consistency there "
                                  "reaches incl.cut)");
    if (rc) {
        free(terms);
        free(cores);
        return rc;
    }
    if (j) {
        fsq__json_begin_object(j);
        fsq__json_key(j, "pairs");
        fsq__json_begin_array(j);
    } else {
        fsq_table_column(t, 0, "pattern", 'l');
        fsq_table_column(t, 1, "terms", 'l');
    }
    fsq__buf cell = FSQ__BUF_INIT;
    char label[1024];
    for (size_t a = 0; a < n; a++)
        for (size_t e = a + 1; e < n; e++) {
            if (!r->min[a] || !r->min[e])
                continue;
            if (j) {
                fsq__json_begin_object(j);
                fsq__json_key(j, "groups");
                fsq__json_compact(j, 1);
                fsq__json_begin_array(j);
                fsq__json_string(j, g->names[a]);
                fsq__json_string(j, g->names[e]);
                fsq__json_end_array(j);
                fsq__json_compact(j, 0);
                fsq__json_key(j, "shared");
                json_list(j, &terms[a], &terms[e], 1);
                fsq__json_key(j, "only_first");
                json_list(j, &terms[a], &terms[e], 0);
                fsq__json_key(j, "only_second");
                json_list(j, &terms[e], &terms[a], 0);
                if (any_core) {
                    fsq__json_key(j, "shared_core");
                    json_list(j, &cores[a], &cores[e], 1);
                    fsq__json_key(j, "core_only_first");
                    json_list(j, &cores[a], &cores[e], 0);
                    fsq__json_key(j, "core_only_second");
                    json_list(j, &cores[e], &cores[a], 0);
                }
                fsq__json_end_object(j);
                continue;
            }
            for (int kind = 0; kind < (any_core ? 6 : 3); kind++) {
                const str_list *l = kind % 3 == 2 ? (kind < 3 ? &terms[e] : &cores[e])
                                                  : (kind < 3 ? &terms[a] : &cores[a]);
                const str_list *other = kind % 3 == 2 ? (kind < 3 ? &terms[a] : &cores[a])
                                                      : (kind < 3 ? &terms[e] : &cores[e]);
                const char *what = kind < 3 ? "" : "core ";
                if (kind % 3 == 0)
                    snprintf(label, sizeof label, "%sshared by %s and %s", what, g->names[a],
                             g->names[e]);
                else
                    snprintf(label, sizeof label, "%s%s only", what,
                             g->names[kind % 3 == 1 ? a : e]);
                cell.len = 0;
                join(&cell, l, other, kind % 3 == 0);
                fsq_table_row(t);
                fsq_table_cell(t, 0, label);
                fsq_table_cell(t, 1, fsq__buf_str(&cell));
            }
        }
    if (j) {
        fsq__json_end_array(j);
        fsq__json_key(j, "pooled_terms");
        fsq__json_begin_array(j);
    }
    str_list seen = {0};
    for (size_t i = 0; !rc && i < nrows; i++) {
        if (rows[i].is_model || list_has(&seen, rows[i].label))
            continue;
        rc = list_add(&seen, rows[i].label);
        str_list in = {0}, out = {0};
        for (size_t q = 0; !rc && q < n; q++)
            rc = list_add(holds(rows[i].fit.between_incl[q], c->tt.incl_cut1) ? &in : &out,
                          g->names[q]);
        if (j) {
            fsq__json_begin_object(j);
            fsq__json_key(j, "term");
            fsq__json_string(j, rows[i].label);
            fsq__json_key(j, "holds_in");
            json_list(j, &in, NULL, 0);
            fsq__json_key(j, "fails_in");
            json_list(j, &out, NULL, 0);
            fsq__json_end_object(j);
        } else {
            snprintf(label, sizeof label, "pooled %s holds in", rows[i].label);
            cell.len = 0;
            join(&cell, &in, NULL, 0);
            fsq_table_row(t);
            fsq_table_cell(t, 0, label);
            fsq_table_cell(t, 1, fsq__buf_str(&cell));
        }
        list_free(&in);
        list_free(&out);
    }
    list_free(&seen);
    if (j) {
        fsq__json_end_array(j);
        fsq__json_end_object(j);
    } else {
        if (!rc)
            rc = fsq__cli_put_table(b, t, c->format);
        else
            fsq_table_free(t);
    }
    if (!rc && fsq__buf_ok(&cell))
        rc = FSQ_ENOMEM;
    fsq__buf_free(&cell);
    for (size_t q = 0; q < n; q++) {
        list_free(&terms[q]);
        list_free(&cores[q]);
    }
    free(terms);
    free(cores);
    return rc;
}

int fsq__cli_groups_minimize(const fsq__cli_common *c, const fsq_data *data,
                             const fsq_tt *pooled_tt, const fsq_min *pooled,
                             const fsq_min_options *mo, const char *text, size_t len,
                             fsq__buf *out)
{
    group_runs r;
    fsq_groups *units = NULL;
    cluster_row *rows = NULL;
    size_t nrows = 0;
    fsq__buf extra = FSQ__BUF_INIT;
    int status = build_groups(c, data, pooled_tt, &r), rc = 0;
    if (status)
        goto done;
    if (c->unit_id && (rc = fsq_data_groups(&units, data, c->unit_id))) {
        status = fsq__cli_fail(c->command, rc);
        goto done;
    }
    for (size_t q = 0; q < r.g->ngroups; q++) {
        if (!r.tt[q])
            continue;
        rc = fsq_minimize(&r.min[q], r.tt[q], mo);
        if (rc == FSQ_ENOMEM) {
            status = fsq__cli_fail(c->command, rc);
            goto done;
        }
        if (rc) {
            r.error[q] = message("%s", fsq_last_error(), 0);
            continue;
        }
        if ((rc = fsq__cli_render_min(c, r.min[q], &r.text[q], &r.len[q]))) {
            status = fsq__cli_fail(c->command, rc);
            goto done;
        }
    }
    if ((rc = cluster_rows(pooled, pooled_tt, r.g, units, &rows, &nrows))) {
        status = fsq__cli_fail(c->command, rc);
        goto done;
    }
    if (c->format == FSQ_CLI_FMT_JSON) {
        fsq__buf body = FSQ__BUF_INIT;
        fsq__json j;
        fsq__json_init(&j, &body, 1);
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "cluster");
        fsq__json_begin_array(&j);
        for (size_t i = 0; i < nrows;) {
            fsq__json_begin_object(&j);
            fsq__json_key(&j, "model");
            fsq__json_string(&j, rows[i].label);
            fsq__json_key(&j, "cluster");
            cluster_json(&j, &rows[i], r.g, units);
            fsq__json_key(&j, "terms");
            fsq__json_begin_array(&j);
            for (i++; i < nrows && !rows[i].is_model; i++) {
                fsq__json_begin_object(&j);
                fsq__json_key(&j, "term");
                fsq__json_string(&j, rows[i].label);
                fsq__json_key(&j, "cluster");
                cluster_json(&j, &rows[i], r.g, units);
                fsq__json_end_object(&j);
            }
            fsq__json_end_array(&j);
            fsq__json_end_object(&j);
        }
        fsq__json_end_array(&j);
        fsq__json_key(&j, "patterns");
        rc = patterns(c, &r, rows, nrows, &j, NULL);
        fsq__json_end_object(&j);
        /* Members of that object, after the pooled ones. */
        if (!rc && !(rc = fsq__buf_ok(&body))) {
            const char *s = fsq__buf_str(&body);
            const char *open = strchr(s, '{');
            fsq__buf_putc(&extra, ',');
            fsq__buf_append(&extra, open + 1, open_object(open + 1, strlen(open + 1)));
        }
        fsq__buf_free(&body);
    } else if (c->format != FSQ_CLI_FMT_CSV) {
        fsq__buf_putc(&extra, '\n');
        heading(&extra, c->format, "Cluster diagnostics and cross-group patterns");
        rc = cluster_table(&extra, c, rows, nrows, r.g, units);
        if (!rc) {
            fsq__buf_putc(&extra, '\n');
            rc = patterns(c, &r, rows, nrows, NULL, &extra);
        }
    }
    if (rc) {
        status = fsq__cli_fail(c->command, rc);
        goto done;
    }
    status = combine(c, &r, fsq_tt_ncases(pooled_tt), text, len,
                     extra.len ? fsq__buf_str(&extra) : NULL, out);
done:
    cluster_rows_free(rows, nrows);
    fsq__buf_free(&extra);
    fsq_groups_free(units);
    runs_free(&r);
    return status;
}
