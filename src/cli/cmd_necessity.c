/* `fsqca necessity`: necessary conditions and unions (QCA's superSubset()
 * with relation = "necessity"), printed as an aligned table or as JSON. */
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_calib_nec.h"
#include "cli/format.h"
#include "common/error.h"
#include "fsqca/fsqca.h"

static const char usage_text[] =
    "Usage: fsqca necessity DATA --outcome Y [options]\n"
    "\n"
    "Tests which conditions, negated conditions and unions of them are\n"
    "necessary for the outcome, exactly as R's QCA::superSubset(relation =\n"
    "\"necessity\"). DATA is a CSV file (.csv or .csv.zst) of calibrated sets:\n"
    "fuzzy memberships in [0, 1], crisp 0/1, or multi-value levels 0, 1, 2, ...\n"
    "\n"
    "  --outcome Y           the outcome column; ~Y for its negation (1 - Y);\n"
    "                        Y[1] or Y{1,2} for levels of a multi-value outcome\n"
    "  --conditions A,B,...  the conditions, in this order (default: every other\n"
    "                        numeric column)\n"
    "  --incl-cut X          keep expressions with inclN >= X (default 0.9;\n"
    "                        QCA's own default is 1). Compared with QCA's\n"
    "                        tolerance of 1.49e-8.\n"
    "  --cov-cut X           ... and covN >= X (default 0)\n"
    "  --ron-cut X           ... and RoN >= X (default 0)\n"
    "  --depth D             unions / intersections of at most D conditions\n"
    "                        (default: all, as QCA)\n"
    "  --json                print JSON: {\"outcome\", \"conditions\", \"relation\",\n"
    "                        \"incl_cut\", \"cov_cut\", \"ron_cut\", \"depth\",\n"
    "                        \"results\": [{\"expression\", \"inclN\", \"RoN\", \"covN\"}]}\n"
FSQ_CLI_FORMAT_HELP
    "  --sep C               field separator of DATA: ',', ';' or 'tab'\n"
    "  --id-col NAME         column holding the case ids\n"
    "  --drop-missing        drop cases with a missing value in a used column\n"
    "                        (listwise) and name them on stderr; without it a\n"
    "                        missing value is an error\n"
    "  -h, --help            this help\n"
    "\n"
    "Measures, with X the expression's membership and Y the outcome's:\n"
    "  inclN = sum min(X,Y) / sum Y   (consistency of necessity)\n"
    "  RoN   = sum (1-X) / sum (1 - min(X,Y))   (relevance of necessity)\n"
    "  covN  = sum min(X,Y) / sum X   (coverage of necessity)\n"
    "Expressions: ~A not A, A*B intersection, A + B union, A[2] level 2 of A.\n"
    "A union is not listed when a smaller expression inside it already passes.\n"
    "\n"
    "Example:\n"
    "  fsqca necessity LF.csv --outcome SURV --incl-cut 0.9\n"
    "\n"
    "Exit status: 0 ok, 1 no expression passes the cut-offs, 2 bad usage or\n"
    "input.\n";

#define fail(...) fsq__cli_error("necessity", __VA_ARGS__)

/* Splits "A,B,C" in place into *names (malloc'ed array of pointers into
 * text). */
static int split_list(char *text, const char ***names, size_t *n)
{
    size_t count = 1;
    for (const char *p = text; *p; p++)
        count += *p == ',';
    *names = malloc(count * sizeof **names);
    if (!*names)
        return -1;
    *n = 0;
    for (char *tok = text;;) {
        char *comma = strchr(tok, ',');
        if (comma)
            *comma = '\0';
        while (*tok == ' ')
            tok++;
        size_t len = strlen(tok);
        while (len > 0 && tok[len - 1] == ' ')
            tok[--len] = '\0';
        (*names)[(*n)++] = tok;
        if (!comma)
            break;
        tok = comma + 1;
    }
    return 0;
}

static void print_table(const fsq_nec *nec, const fsq_nec_options *o, size_t ncases, int digits)
{
    int dg = digits < 0 ? 3 : digits, cw = dg + 3 > 6 ? dg + 3 : 6;
    size_t n = fsq_nec_nterms(nec);
    size_t w = strlen("expression");
    for (size_t t = 0; t < n; t++) {
        size_t len = strlen(fsq_nec_term_at(nec, t)->expression);
        if (len > w)
            w = len;
    }
    printf("Necessity for %s (%zu cases; incl.cut = %g, cov.cut = %g, ron.cut = %g", 
           fsq_nec_outcome(nec), ncases, o->incl_cut, o->cov_cut, o->ron_cut);
    if (o->depth > 0)
        printf(", depth = %d", o->depth);
    printf(")\nConditions:");
    for (size_t c = 0; c < fsq_nec_nconditions(nec); c++)
        printf(" %s", fsq_nec_condition(nec, c));
    printf("\n\n");
    printf("     %-*s  %*s  %*s  %*s\n", (int)w, "expression", cw, "inclN", cw, "RoN", cw, "covN");
    for (size_t t = 0; t < n; t++) {
        const fsq_nec_term *term = fsq_nec_term_at(nec, t);
        printf("%3zu  %-*s  %*.*f  %*.*f  %*.*f\n", t + 1, (int)w, term->expression, cw, dg,
               term->incl, cw, dg, term->ron, cw, dg, term->cov);
    }
}

/* --drop-missing: replaces *data by its complete cases over the outcome and
 * the conditions (every numeric column when none are named) and lists the
 * dropped case ids on stderr. Returns 0 or exit status 2. */
static int drop_incomplete(fsq_data **data, const char *outcome, const char **conditions,
                           size_t nconditions)
{
    size_t nvars = fsq_data_nvars(*data), n = 0;
    const char **names = malloc((nconditions + nvars + 1) * sizeof *names);
    char *yname = malloc(strlen(outcome) + 1);
    fsq_data *complete = NULL;
    int status = 0;
    if (!names || !yname) {
        status = fail("out of memory");
        goto done;
    }
    const char *y = outcome[0] == '~' ? outcome + 1 : outcome;
    size_t ylen = strcspn(y, "[{");
    memcpy(yname, y, ylen);
    yname[ylen] = '\0';
    names[n++] = yname;
    if (conditions) {
        for (size_t c = 0; c < nconditions; c++)
            names[n++] = conditions[c];
    } else {
        for (size_t v = 0; v < nvars; v++)
            if (fsq_data_var_is_numeric(*data, v) &&
                strcmp(fsq_data_var_name(*data, v), yname) != 0)
                names[n++] = fsq_data_var_name(*data, v);
    }
    size_t ndropped = 0;
    if (fsq_data_complete_cases(&complete, *data, names, n, 1, &ndropped) != FSQ_OK) {
        status = fail("%s", fsq_last_error());
        goto done;
    }
    if (ndropped) {
        fprintf(stderr, "fsqca necessity: dropped %zu case%s with missing values:", ndropped,
                ndropped == 1 ? "" : "s");
        for (size_t i = 0; i < ndropped; i++)
            fprintf(stderr, " %s", fsq_data_dropped_id(complete, i));
        fputc('\n', stderr);
    }
    fsq_data_free(*data);
    *data = complete;
    complete = NULL;

done:
    fsq_data_free(complete);
    free(names);
    free(yname);
    return status;
}

int fsq__cli_necessity(int argc, char **argv)
{
    enum { OPT_OUTCOME = 256, OPT_CONDITIONS, OPT_INCL, OPT_COV, OPT_RON, OPT_DEPTH, OPT_JSON,
           OPT_SEP, OPT_IDCOL, OPT_DROP, OPT_FORMAT, OPT_DIGITS };
    static const struct option long_options[] = {
        {"outcome", required_argument, NULL, OPT_OUTCOME},
        {"conditions", required_argument, NULL, OPT_CONDITIONS},
        {"incl-cut", required_argument, NULL, OPT_INCL},
        {"cov-cut", required_argument, NULL, OPT_COV},
        {"ron-cut", required_argument, NULL, OPT_RON},
        {"depth", required_argument, NULL, OPT_DEPTH},
        {"json", no_argument, NULL, OPT_JSON},
        {"sep", required_argument, NULL, OPT_SEP},
        {"id-col", required_argument, NULL, OPT_IDCOL},
        {"drop-missing", no_argument, NULL, OPT_DROP},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"digits", required_argument, NULL, OPT_DIGITS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *outcome = NULL;
    char *conditions_text = NULL;
    const char **conditions = NULL;
    size_t nconditions = 0;
    int json = 0, status = 0, drop_missing = 0, format = FSQ_CLI_FMT_TEXT, digits = -1;
    fsq_nec_options o = FSQ_NEC_OPTIONS_INIT;
    fsq_csv_options csv = FSQ_CSV_OPTIONS_INIT;
    fsq_data *data = NULL;
    fsq_nec *nec = NULL;
    char *text = NULL;
    double depth = 0;

    o.incl_cut = 0.9; /* the conventional threshold for necessity */
    optind = 0;
    opterr = 0;
    int c;
    while ((c = fsq__cli_getopt("necessity", argc, argv, ":h", long_options)) != -1) {
        switch (c) {
        case OPT_OUTCOME: outcome = optarg; break;
        case OPT_CONDITIONS:
            free(conditions_text);
            conditions_text = malloc(strlen(optarg) + 1);
            if (!conditions_text) {
                status = fail("out of memory");
                goto done;
            }
            strcpy(conditions_text, optarg);
            break;
        case OPT_INCL:
            if ((status = (fsq__cli_parse_double("necessity", "--incl-cut", optarg, &o.incl_cut) ? FSQ_EXIT_USAGE : 0)))
                goto done;
            break;
        case OPT_COV:
            if ((status = (fsq__cli_parse_double("necessity", "--cov-cut", optarg, &o.cov_cut) ? FSQ_EXIT_USAGE : 0)))
                goto done;
            break;
        case OPT_RON:
            if ((status = (fsq__cli_parse_double("necessity", "--ron-cut", optarg, &o.ron_cut) ? FSQ_EXIT_USAGE : 0)))
                goto done;
            break;
        case OPT_DEPTH:
            if ((status = (fsq__cli_parse_double("necessity", "--depth", optarg, &depth) ? FSQ_EXIT_USAGE : 0)))
                goto done;
            if (depth < 1 || depth > 64 || depth != floor(depth)) {
                status = fail("--depth expects a whole number from 1 to 64, got \"%s\"", optarg);
                goto done;
            }
            o.depth = (int)depth;
            break;
        case OPT_JSON: json = 1; format = FSQ_CLI_FMT_JSON; break;
        case OPT_FORMAT:
            if (fsq__cli_parse_format("necessity", optarg, FSQ_CLI_FMT_TABLES, &format)) {
                status = FSQ_EXIT_USAGE;
                goto done;
            }
            json = format == FSQ_CLI_FMT_JSON;
            break;
        case OPT_DIGITS:
            if (fsq__cli_parse_digits("necessity", optarg, &digits)) {
                status = FSQ_EXIT_USAGE;
                goto done;
            }
            break;
        case OPT_SEP:
            if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\\t") == 0)
                csv.sep = '\t';
            else if (strlen(optarg) == 1 && strchr(",;\t", optarg[0]))
                csv.sep = optarg[0];
            else {
                status = fail("--sep expects ',', ';' or 'tab', got \"%s\"", optarg);
                goto done;
            }
            break;
        case OPT_IDCOL: csv.id_col = optarg; break;
        case OPT_DROP: drop_missing = 1; break;
        case 'h':
            fputs(usage_text, stdout);
            goto done;
        default: /* '?': fsq__cli_getopt has said why */
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }
    if (optind >= argc) {
        status = fail("no data file given (see --help)");
        goto done;
    }
    if (optind + 1 < argc) {
        status = fail("unexpected argument \"%s\" (one data file only)", argv[optind + 1]);
        goto done;
    }
    if (!outcome) {
        status = fail("--outcome is required (see --help)");
        goto done;
    }
    if (conditions_text && split_list(conditions_text, &conditions, &nconditions) != 0) {
        status = fail("out of memory");
        goto done;
    }
    if (fsq_data_read_csv(&data, argv[optind], &csv) != FSQ_OK) {
        status = fail("%s", fsq_last_error());
        goto done;
    }
    if (drop_missing && (status = drop_incomplete(&data, outcome, conditions, nconditions)))
        goto done;
    int rc = fsq_nec_compute(&nec, data, outcome, conditions, nconditions, &o);
    if (rc != FSQ_OK) {
        status = rc == FSQ_EINPUT || rc == FSQ_EIO ? fail("%s", fsq_last_error()) : 1;
        if (status == 1)
            fprintf(stderr, "fsqca necessity: %s\n", fsq_last_error());
        goto done;
    }
    if (fsq_nec_nterms(nec) == 0) {
        /* QCA stops with an error here too; say which cut-offs were used. */
        fprintf(stderr,
                "fsqca necessity: no expression passes incl.cut = %g, cov.cut = %g, "
                "ron.cut = %g%s\n",
                o.incl_cut, o.cov_cut, o.ron_cut,
                o.incl_cut > 0.5 ? " (try a lower --incl-cut)" : "");
        status = 1;
        goto done;
    }
    if (json) {
        if (fsq_nec_to_json(nec, &text, NULL) != FSQ_OK) {
            status = fail("%s", fsq_last_error());
            goto done;
        }
        fputs(text, stdout);
    } else if (format != FSQ_CLI_FMT_TEXT) {
        if (fsq_nec_render(nec, (fsq_format)format, digits, &text, NULL) != FSQ_OK) {
            status = fail("%s", fsq_last_error());
            goto done;
        }
        fputs(text, stdout);
    } else {
        print_table(nec, &o, fsq_data_ncases(data), digits);
    }
    fflush(stdout);

done:
    free(text);
    fsq_nec_free(nec);
    fsq_data_free(data);
    free(conditions);
    free(conditions_text);
    return status;
}
