/* Shared option handling and output for the fsqca subcommands. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/format.h"
#include "common/buf.h"

void fsq__cli_common_init(fsq__cli_common *c, const char *command)
{
    fsq_csv_options csv = FSQ_CSV_OPTIONS_INIT;
    fsq_tt_options tt = FSQ_TT_OPTIONS_INIT;
    memset(c, 0, sizeof *c);
    c->command = command;
    c->csv = csv;
    c->tt = tt;
    c->formats = FSQ_CLI_FMT_TABLES;
    c->digits = -1;
}

void fsq__cli_common_free(fsq__cli_common *c)
{
    fsq__cli_free_list(c->conditions, c->nconditions);
    c->conditions = NULL;
    c->nconditions = 0;
}

int fsq__cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "fsqca %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (see 'fsqca %s --help')\n", command);
    return FSQ_EXIT_USAGE;
}

int fsq__cli_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "fsqca %s: ", command);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return FSQ_EXIT_USAGE;
}

int fsq__cli_fail(const char *command, int rc)
{
    fprintf(stderr, "fsqca %s: %s\n", command, fsq_last_error());
    return rc == FSQ_EINPUT || rc == FSQ_EIO ? FSQ_EXIT_USAGE : FSQ_EXIT_ANALYSIS;
}

int fsq__cli_parse_double(const char *command, const char *option, const char *arg,
                          double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (end == arg || *end || errno || !isfinite(v)) {
        fsq__cli_usage_error(command, "%s expects a number, got \"%s\"", option, arg);
        return -1;
    }
    *out = v;
    return 0;
}

int fsq__cli_parse_include(const char *text, fsq_solution_type *type, int *include_contradictions)
{
    static const struct {
        const char *text;
        fsq_solution_type type;
        int contradictions;
    } forms[] = {{"?", FSQ_PARSIMONIOUS, 0}, {"?,C", FSQ_PARSIMONIOUS, 1},
                 {"C,?", FSQ_PARSIMONIOUS, 1}, {"C", FSQ_CONSERVATIVE, 1},
                 {"none", FSQ_CONSERVATIVE, 0}, {"", FSQ_CONSERVATIVE, 0}};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (strcmp(text, forms[i].text) == 0) {
            *type = forms[i].type;
            *include_contradictions = forms[i].contradictions;
            return 0;
        }
    return -1;
}

int fsq__cli_parse_size(const char *command, const char *option, const char *arg, size_t *out)
{
    uint64_t v;
    if (fsq__cli_parse_u64(command, option, arg, &v))
        return -1;
    if (v > SIZE_MAX) {
        fsq__cli_usage_error(command, "%s: %s is too large", option, arg);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

int fsq__cli_split_list(const char *arg, char sep, char ***items, size_t *nitems)
{
    *items = NULL;
    *nitems = 0;
    size_t cap = 1;
    for (const char *p = arg; *p; p++)
        cap += *p == sep;
    char **list = calloc(cap, sizeof *list);
    if (!list)
        return -1;
    size_t n = 0;
    const char *p = arg;
    for (;;) {
        const char *e = strchr(p, sep);
        size_t len = e ? (size_t)(e - p) : strlen(p);
        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len) {
            list[n] = malloc(len + 1);
            if (!list[n]) {
                fsq__cli_free_list(list, n);
                return -1;
            }
            memcpy(list[n], p, len);
            list[n++][len] = '\0';
        }
        if (!e)
            break;
        p = e + 1;
    }
    *items = list;
    *nitems = n;
    return 0;
}

void fsq__cli_free_list(char **items, size_t nitems)
{
    if (!items)
        return;
    for (size_t i = 0; i < nitems; i++)
        free(items[i]);
    free(items);
}

int fsq__cli_common_option(fsq__cli_common *c, int opt, const char *arg)
{
    switch (opt) {
    case OPT_OUTCOME:
        c->outcome = arg;
        return 1;
    case OPT_CONDITIONS:
        fsq__cli_free_list(c->conditions, c->nconditions);
        if (fsq__cli_split_list(arg, ',', &c->conditions, &c->nconditions) || !c->nconditions) {
            fsq__cli_usage_error(c->command, "--conditions expects names separated by commas, "
                                 "got \"%s\"", arg);
            return -1;
        }
        return 1;
    case OPT_INCL_CUT: {
        char **parts;
        size_t n;
        double v[2];
        if (fsq__cli_split_list(arg, ',', &parts, &n))
            return -1;
        int bad = n < 1 || n > 2;
        for (size_t i = 0; !bad && i < n; i++)
            bad = fsq__cli_parse_number(c->command, "--incl-cut", parts[i], 0, 1, &v[i]) != 0;
        fsq__cli_free_list(parts, n);
        if (bad) {
            if (n < 1 || n > 2)
                fsq__cli_usage_error(c->command, "--incl-cut expects one or two numbers "
                                     "(IC1 or IC1,IC0), got \"%s\"", arg);
            return -1;
        }
        c->tt.incl_cut1 = v[0];
        c->tt.incl_cut0 = n == 2 ? v[1] : -1.0;
        return 1;
    }
    case OPT_N_CUT:
        return fsq__cli_parse_size(c->command, "--n-cut", arg, &c->tt.n_cut) ? -1 : 1;
    case OPT_PRI_CUT:
        return fsq__cli_parse_number(c->command, "--pri-cut", arg, 0, 1, &c->tt.pri_cut) ? -1 : 1;
    case OPT_SEP:
        if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
            c->csv.sep = '\t';
        else if (strlen(arg) == 1 && (arg[0] == ',' || arg[0] == ';' || arg[0] == '\t'))
            c->csv.sep = arg[0];
        else {
            fsq__cli_usage_error(c->command, "--sep expects ',', ';' or 'tab', got \"%s\"", arg);
            return -1;
        }
        return 1;
    case OPT_ID_COL:
        c->csv.id_col = arg;
        return 1;
    case OPT_DROP_MISSING:
        c->drop_missing = 1;
        return 1;
    case OPT_JSON:
        c->json = 1;
        c->format = FSQ_CLI_FMT_JSON;
        return 1;
    case OPT_FORMAT:
        if (fsq__cli_parse_format(c->command, arg, c->formats, &c->format))
            return -1;
        c->json = c->format == FSQ_CLI_FMT_JSON;
        return 1;
    case OPT_DIGITS:
        return fsq__cli_parse_digits(c->command, arg, &c->digits) ? -1 : 1;
    case OPT_BY:
        c->by = arg;
        return 1;
    case OPT_UNIT_ID:
        c->unit_id = arg;
        return 1;
    case OPT_THREADS: {
        size_t t = 0;
        if (fsq__cli_parse_size(c->command, "--threads", arg, &t) || t == 0 || t > 4096) {
            if (t == 0 || t > 4096)
                fsq__cli_usage_error(c->command, "--threads expects 1 to 4096, got \"%s\"", arg);
            return -1;
        }
        c->threads = (int)t;
        c->tt.threads = (int)t;
        return 1;
    }
    case OPT_OUTPUT:
        c->output = arg;
        return 1;
    default:
        return 0;
    }
}

/* The message for what getopt_long refused (opterr = 0, so getopt itself
 * says nothing): argv[optind - 1] is the word it stopped at. */
static void bad_option(const char *command, int ret, int argc, char **argv,
                       const struct option *longopts)
{
    const char *word = optind >= 1 && optind <= argc ? argv[optind - 1] : "?";
    char name[128];
    size_t n = strcspn(word, "=");
    snprintf(name, sizeof name, "%.*s", (int)(n < 100 ? n : 100), word);
    fprintf(stderr, "fsqca %s: ", command);
    if (ret == ':') {
        fprintf(stderr, "option %s needs a value", name);
    } else if (optopt && optopt < 256 && strncmp(word, "--", 2) != 0) {
        fprintf(stderr, "unknown option -%c", optopt);
    } else if (optopt) {
        fprintf(stderr, "option %s takes no value", name);
    } else {
        /* An unknown long option, or a prefix of several. */
        size_t nmatch = 0, len = strlen(name + 2);
        for (const struct option *o = longopts; o && o->name; o++)
            nmatch += strncmp(o->name, name + 2, len) == 0;
        if (strncmp(name, "--", 2) == 0 && nmatch > 1) {
            fprintf(stderr, "ambiguous option %s (", name);
            const char *sep = "";
            for (const struct option *o = longopts; o->name; o++)
                if (strncmp(o->name, name + 2, len) == 0) {
                    fprintf(stderr, "%s--%s", sep, o->name);
                    sep = ", ";
                }
            fputc(')', stderr);
        } else {
            fprintf(stderr, "unknown option %s", name);
        }
    }
    fprintf(stderr, " (see 'fsqca %s --help')\n", command);
}

int fsq__cli_getopt(const char *command, int argc, char **argv, const char *shortopts,
                    const struct option *longopts)
{
    char opts[64] = ":";
    snprintf(opts + 1, sizeof opts - 1, "%s", shortopts[0] == ':' ? shortopts + 1 : shortopts);
    opterr = 0;
    int ret = getopt_long(argc, argv, opts, longopts, NULL);
    if (ret == '?' || ret == ':') {
        bad_option(command, ret, argc, argv, longopts);
        return '?';
    }
    return ret;
}

int fsq__cli_shared_option(fsq__cli_common *c, int opt, const char *arg)
{
    if (opt == '?')
        return -1; /* fsq__cli_getopt has said why */
    int r = fsq__cli_common_option(c, opt, arg);
    if (r == 0) {
        fsq__cli_usage_error(c->command, "unknown option");
        r = -1;
    }
    return r;
}

int fsq__cli_take_data(fsq__cli_common *c, int argc, char **argv)
{
    if (optind >= argc) {
        fsq__cli_usage_error(c->command, "no DATA file given");
        return -1;
    }
    c->data_path = argv[optind++];
    if (optind < argc) {
        fsq__cli_usage_error(c->command, "unexpected argument \"%s\"", argv[optind]);
        return -1;
    }
    return 0;
}

/* The --by and --unit-id columns are never default conditions. */
static int is_group_column(const fsq__cli_common *c, const char *name)
{
    return (c->by && strcmp(c->by, name) == 0) || (c->unit_id && strcmp(c->unit_id, name) == 0);
}

int fsq__cli_load_data(const fsq__cli_common *c, fsq_data **out)
{
    *out = NULL;
    fsq_data *raw = NULL;
    int rc = fsq_data_read_csv(&raw, c->data_path, &c->csv);
    if (rc)
        return fsq__cli_fail(c->command, rc);
    /* The columns the analysis uses: the outcome and the conditions (all
     * numeric columns when none are named). */
    size_t nnames = 0;
    const char **names = malloc((fsq_data_nvars(raw) + c->nconditions + 1) * sizeof *names);
    if (!names) {
        fsq_data_free(raw);
        return fsq__cli_fail(c->command, FSQ_ENOMEM);
    }
    if (c->outcome)
        names[nnames++] = c->outcome[0] == '~' ? c->outcome + 1 : c->outcome;
    if (c->nconditions) {
        for (size_t j = 0; j < c->nconditions; j++)
            names[nnames++] = c->conditions[j];
    } else {
        for (size_t v = 0; v < fsq_data_nvars(raw); v++)
            if (fsq_data_var_is_default_condition(raw, v) &&
                !(nnames && strcmp(fsq_data_var_name(raw, v), names[0]) == 0) &&
                !is_group_column(c, fsq_data_var_name(raw, v)))
                names[nnames++] = fsq_data_var_name(raw, v);
    }
    size_t ndropped = 0;
    rc = fsq_data_complete_cases(out, raw, names, nnames, c->drop_missing, &ndropped);
    free(names);
    if (rc) {
        fsq_data_free(raw);
        return fsq__cli_fail(c->command, rc);
    }
    if (ndropped) {
        fprintf(stderr, "fsqca %s: dropped %zu case%s with missing values:", c->command, ndropped,
                ndropped == 1 ? "" : "s");
        for (size_t i = 0; i < ndropped && i < 20; i++)
            fprintf(stderr, "%s%s", i ? ", " : " ", fsq_data_dropped_id(*out, i));
        if (ndropped > 20)
            fprintf(stderr, " and %zu more", ndropped - 20);
        fputc('\n', stderr);
    }
    fsq_data_free(raw);
    return 0;
}

int fsq__cli_build_tt(const fsq__cli_common *c, fsq_data **data, fsq_tt **tt)
{
    *tt = NULL;
    if (!c->outcome)
        return fsq__cli_usage_error(c->command, "--outcome is required");
    int status = fsq__cli_load_data(c, data);
    if (status)
        return status;
    /* With --by / --unit-id and no --conditions, the default conditions
     * leave those columns out (fsq_tt_build's default would take them). */
    const char **names = NULL;
    size_t nnames = c->nconditions;
    if (!c->nconditions && (c->by || c->unit_id)) {
        const char *y = c->outcome[0] == '~' ? c->outcome + 1 : c->outcome;
        names = malloc((fsq_data_nvars(*data) + 1) * sizeof *names);
        if (!names)
            return fsq__cli_fail(c->command, FSQ_ENOMEM);
        for (size_t v = 0; v < fsq_data_nvars(*data); v++) {
            const char *name = fsq_data_var_name(*data, v);
            if (fsq_data_var_is_default_condition(*data, v) && strcmp(name, y) != 0 &&
                !is_group_column(c, name))
                names[nnames++] = name;
        }
    }
    int rc = fsq_tt_build(tt, *data, c->outcome,
                          names ? names : (const char *const *)c->conditions, nnames, &c->tt);
    free(names);
    if (rc)
        return fsq__cli_fail(c->command, rc);
    size_t nhalf;
    const size_t *half = fsq_tt_half_cases(*tt, &nhalf);
    if (nhalf) {
        fprintf(stderr, "fsqca %s: note: %zu case%s with a membership of exactly 0.5 belong%s to "
                "no truth table row (they still count in every consistency sum):", c->command,
                nhalf, nhalf == 1 ? "" : "s", nhalf == 1 ? "s" : "");
        for (size_t h = 0; h < nhalf && h < 20; h++)
            fprintf(stderr, "%s%s", h ? ", " : " ", fsq_tt_case_id(*tt, half[h]));
        if (nhalf > 20)
            fprintf(stderr, " and %zu more (all in --json: half_membership_cases)", nhalf - 20);
        fputc('\n', stderr);
    }
    return 0;
}

int fsq__cli_emit(const fsq__cli_common *c, const char *text, size_t len)
{
    if (c->output) {
        int rc = fsq__write_file_atomic(c->output, text, len);
        return rc ? fsq__cli_fail(c->command, rc) : 0;
    }
    if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
        fprintf(stderr, "fsqca %s: cannot write to standard output\n", c->command);
        return FSQ_EXIT_ANALYSIS;
    }
    return 0;
}

int fsq__cli_parse_dir_exp(const char *command, const char *arg, const fsq_tt *tt, char ***exp)
{
    size_t k = fsq_tt_nconditions(tt), n;
    char **items;
    *exp = NULL;
    if (fsq__cli_split_list(arg, ',', &items, &n))
        return FSQ_EXIT_ANALYSIS;
    *exp = calloc(k ? k : 1, sizeof **exp);
    int status = *exp ? 0 : FSQ_EXIT_ANALYSIS;
    for (size_t i = 0; i < n && !status; i++) {
        char *eq = strchr(items[i], '=');
        if (!eq) {
            status = fsq__cli_usage_error(command, "--dir-exp expects NAME=VALUE items, got "
                                          "\"%s\"", items[i]);
            break;
        }
        *eq = '\0';
        size_t j = 0;
        while (j < k && strcmp(fsq_tt_condition(tt, j), items[i]) != 0)
            j++;
        if (j == k) {
            status = fsq__cli_usage_error(command, "--dir-exp names \"%s\", which is not a "
                                          "condition", items[i]);
            break;
        }
        free((*exp)[j]);
        if (!((*exp)[j] = strdup(eq + 1)))
            status = FSQ_EXIT_ANALYSIS;
    }
    fsq__cli_free_list(items, n);
    return status;
}
