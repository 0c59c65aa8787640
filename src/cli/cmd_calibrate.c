/* `fsqca calibrate`: raw values -> set memberships (QCA's calibrate()).
 *
 * Reads a data set, calibrates one or more of its columns with the same
 * thresholds, and either prints a table, prints JSON (--json) or writes the
 * data set with the new columns to a CSV file (-o, written atomically). */
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_calib_nec.h"
#include "common/buf.h"
#include "fsqca/fsqca.h"
#include "common/json.h"

#define MAX_THRESHOLDS 64

static const char usage_text[] =
    "Usage: fsqca calibrate DATA --var NAME[,NAME...] --thresholds LIST [options]\n"
    "\n"
    "Calibrates raw values into set memberships, exactly as R's QCA::calibrate()\n"
    "(direct method). DATA is a CSV file (.csv or .csv.zst).\n"
    "\n"
    "Required:\n"
    "  --var NAME[,NAME...]  column(s) to calibrate; several columns share the\n"
    "                        same thresholds (handy for items on one scale)\n"
    "  --thresholds LIST     fuzzy, 3 anchors: e=350,c=550,i=900 (exclusion,\n"
    "                        crossover, inclusion; names in any order) or\n"
    "                        350,550,900 in that order. e < i gives an\n"
    "                        increasing set, e > i a decreasing one.\n"
    "                        fuzzy, bell-shaped: e1=..,c1=..,i1=..,i2=..,c2=..,e2=..\n"
    "                        crisp: one or more cut points, 550 or 500,800;\n"
    "                        the result counts the cut points <= x (0, 1, 2, ...)\n"
    "                        Any anchor may be a percentile of the column: pN\n"
    "                        (e=p5,c=p50,i=p95) is R's quantile(x, N/100), its\n"
    "                        default type 7: with the m non-missing values sorted,\n"
    "                        h = 1 + (m-1) N/100, interpolate linearly between\n"
    "                        the values at floor(h) and ceiling(h)\n"
    "                        The inclusion (or exclusion) anchor may equal the\n"
    "                        crossover (e=400,c=550,i=550), as QCA allows: a step\n"
    "                        at c\n"
    "Options:\n"
    "  --type fuzzy|crisp    calibration type (default fuzzy)\n"
    "  --linear              piecewise (linear / s-shaped) instead of logistic\n"
    "                        (QCA's logistic = FALSE); bell shapes are always\n"
    "                        piecewise\n"
    "  --idm X               inclusion degree of membership at the anchors of\n"
    "                        the logistic curve, 0.5 < X < 1 (default 0.95)\n"
    "  --below X             exponent on the exclusion side of the piecewise\n"
    "                        curve (default 1 = linear; 2 = s-shaped)\n"
    "  --above X             exponent on the inclusion side (default 1)\n"
    "  --name NEW            name of the new column (one --var only); default\n"
    "                        NAME plus the suffix, e.g. DEV_c; give NAME itself\n"
    "                        to replace the raw column\n"
    "  --suffix S            suffix of the new columns' names (default _c);\n"
    "                        --suffix '' replaces the raw columns\n"
    "  -o, --output OUT.csv  write DATA plus the new column(s) to OUT.csv\n"
    "                        (written to a temporary file, then renamed)\n"
    "  --json                print {\"variable\", \"type\", \"thresholds\", \"cases\",\n"
    "                        \"output\"} (an array of such objects for several\n"
    "                        variables) instead of the table\n"
    "  --sep C               field separator of DATA: ',', ';' or 'tab'\n"
    "                        (default: detected from the header)\n"
    "  --id-col NAME         column holding the case ids (default: the first\n"
    "                        column when it is not numeric)\n"
    "  -h, --help            this help\n"
    "\n"
    "Without -o or --json a table (case, raw value, membership) is printed.\n"
    "Missing values stay missing. Memberships below 0.0001 are 0 and above\n"
    "0.9999 are 1, as in QCA.\n"
    "\n"
    "Examples:\n"
    "  fsqca calibrate LR.csv --var DEV --thresholds e=350,c=550,i=900\n"
    "  fsqca calibrate survey.csv --var TF,AD,AG,RB,CF,DSO \\\n"
    "      --thresholds e=2,c=4.5,i=6 --suffix '' -o survey_fuzzy.csv\n"
    "\n"
    "Exit status: 0 ok, 2 bad usage or input.\n";

#define fail(...) fsq__cli_error("calibrate", __VA_ARGS__)

static int parse_sep(const char *text, char *sep)
{
    if (strcmp(text, "tab") == 0 || strcmp(text, "\\t") == 0) {
        *sep = '\t';
        return 0;
    }
    if (strlen(text) == 1 && (text[0] == ',' || text[0] == ';' || text[0] == '\t')) {
        *sep = text[0];
        return 0;
    }
    return fail("--sep expects ',', ';' or 'tab', got \"%s\"", text);
}

/* Splits "A,B,C" into a NULL-terminated array of strings in one allocation
 * owned by *names_out (free it alone). */
static int split_list(const char *text, char ***names_out, size_t *n_out)
{
    size_t n = 1, len = strlen(text);
    for (const char *p = text; *p; p++)
        n += *p == ',';
    char **names = malloc((n + 1) * sizeof *names + len + 1);
    if (!names)
        return -1;
    char *copy = (char *)(names + n + 1);
    memcpy(copy, text, len + 1);
    size_t k = 0;
    for (char *tok = copy;; ) {
        char *comma = strchr(tok, ',');
        if (comma)
            *comma = '\0';
        while (*tok == ' ')
            tok++;
        size_t tl = strlen(tok);
        while (tl > 0 && tok[tl - 1] == ' ')
            tok[--tl] = '\0';
        names[k++] = tok;
        if (!comma)
            break;
        tok = comma + 1;
    }
    names[k] = NULL;
    *names_out = names;
    *n_out = k;
    return 0;
}

static void json_one(fsq__json *j, const fsq_data *data, const char *var, const char *type,
                     const double *th, size_t nth, const double *values)
{
    size_t n = fsq_data_ncases(data);
    fsq__json_begin_object(j);
    fsq__json_key(j, "variable");
    fsq__json_string(j, var);
    fsq__json_key(j, "type");
    fsq__json_string(j, type);
    fsq__json_key(j, "thresholds");
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (size_t t = 0; t < nth; t++)
        fsq__json_number(j, th[t]);
    fsq__json_end_array(j);
    fsq__json_key(j, "cases");
    fsq__json_begin_array(j);
    for (size_t i = 0; i < n; i++)
        fsq__json_string(j, fsq_data_case_id(data, i));
    fsq__json_end_array(j);
    fsq__json_key(j, "output");
    fsq__json_begin_array(j);
    for (size_t i = 0; i < n; i++)
        fsq__json_number(j, values[i]); /* NaN is written as null */
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);
    fsq__json_end_object(j);
}

int fsq__cli_calibrate(int argc, char **argv)
{
    enum { OPT_VAR = 256, OPT_THRESHOLDS, OPT_TYPE, OPT_LINEAR, OPT_IDM, OPT_BELOW, OPT_ABOVE,
           OPT_JSON, OPT_NAME, OPT_SUFFIX, OPT_SEP, OPT_IDCOL };
    static const struct option long_options[] = {
        {"var", required_argument, NULL, OPT_VAR},
        {"thresholds", required_argument, NULL, OPT_THRESHOLDS},
        {"type", required_argument, NULL, OPT_TYPE},
        {"linear", no_argument, NULL, OPT_LINEAR},
        {"idm", required_argument, NULL, OPT_IDM},
        {"below", required_argument, NULL, OPT_BELOW},
        {"above", required_argument, NULL, OPT_ABOVE},
        {"json", no_argument, NULL, OPT_JSON},
        {"output", required_argument, NULL, 'o'},
        {"name", required_argument, NULL, OPT_NAME},
        {"suffix", required_argument, NULL, OPT_SUFFIX},
        {"sep", required_argument, NULL, OPT_SEP},
        {"id-col", required_argument, NULL, OPT_IDCOL},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *var_text = NULL, *threshold_text = NULL, *output = NULL, *new_name = NULL;
    const char *suffix = "_c";
    int json = 0, status = 0, named = 0;
    fsq_calib_options copts = FSQ_CALIB_OPTIONS_INIT;
    fsq_csv_options csv = FSQ_CSV_OPTIONS_INIT;
    double thresholds[MAX_THRESHOLDS];
    size_t nthresholds = 0;
    char **vars = NULL;
    size_t nvars = 0;
    fsq_data *data = NULL;
    double *values = NULL;
    char *colname = NULL;
    fsq__buf out = FSQ__BUF_INIT;

    optind = 0; /* full reset: the dispatcher or a test may have used getopt */
    opterr = 0;
    int c;
    while ((c = fsq__cli_getopt("calibrate", argc, argv, ":o:h", long_options)) != -1) {
        switch (c) {
        case OPT_VAR: var_text = optarg; break;
        case OPT_THRESHOLDS: threshold_text = optarg; break;
        case OPT_TYPE:
            if (strcmp(optarg, "fuzzy") == 0)
                copts.type = FSQ_CALIB_FUZZY;
            else if (strcmp(optarg, "crisp") == 0)
                copts.type = FSQ_CALIB_CRISP;
            else {
                status = fail("--type must be fuzzy or crisp, got \"%s\"", optarg);
                goto done;
            }
            break;
        case OPT_LINEAR: copts.logistic = 0; break;
        case OPT_IDM:
            if ((status = (fsq__cli_parse_double("calibrate", "--idm", optarg, &copts.idm) ? FSQ_EXIT_USAGE : 0)))
                goto done;
            break;
        case OPT_BELOW:
            if ((status = (fsq__cli_parse_double("calibrate", "--below", optarg, &copts.below) ? FSQ_EXIT_USAGE : 0)))
                goto done;
            break;
        case OPT_ABOVE:
            if ((status = (fsq__cli_parse_double("calibrate", "--above", optarg, &copts.above) ? FSQ_EXIT_USAGE : 0)))
                goto done;
            break;
        case OPT_JSON: json = 1; break;
        case 'o': output = optarg; break;
        case OPT_NAME: new_name = optarg; break;
        case OPT_SUFFIX: suffix = optarg; break;
        case OPT_SEP:
            if ((status = parse_sep(optarg, &csv.sep)))
                goto done;
            break;
        case OPT_IDCOL: csv.id_col = optarg; break;
        case 'h':
            fputs(usage_text, stdout);
            goto done;
        default: /* '?': fsq__cli_getopt has said why */
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }
    if (optind >= argc) {
        status = fail("%s", "no data file given (see --help)");
        goto done;
    }
    if (optind + 1 < argc) {
        status = fail("unexpected argument \"%s\" (one data file only)", argv[optind + 1]);
        goto done;
    }
    if (!var_text || !threshold_text) {
        status = fail("%s", "--var and --thresholds are required (see --help)");
        goto done;
    }
    /* The thresholds are parsed per column below: percentile anchors (p50)
     * depend on the column's values. */
    copts.thresholds = thresholds;
    if (split_list(var_text, &vars, &nvars) != 0) {
        status = fail("%s", "out of memory");
        goto done;
    }
    if (new_name && nvars > 1) {
        status = fail("--name works with a single --var, got \"%s\"", var_text);
        goto done;
    }

    if (fsq_data_read_csv(&data, argv[optind], &csv) != FSQ_OK) {
        status = fail("%s", fsq_last_error());
        goto done;
    }
    size_t ncases = fsq_data_ncases(data);
    values = malloc((ncases ? ncases : 1) * sizeof *values);
    if (!values) {
        status = fail("%s", "out of memory");
        goto done;
    }

    fsq__json j;
    fsq__json_init(&j, &out, 1);
    if (json && nvars > 1)
        fsq__json_begin_array(&j);
    const char *type = copts.type == FSQ_CALIB_CRISP ? "crisp" : "fuzzy";
    for (size_t v = 0; v < nvars; v++) {
        size_t col;
        if (fsq_data_numeric_var(data, vars[v], &col) != FSQ_OK) {
            status = fail("%s", fsq_last_error());
            goto done;
        }
        if (fsq_calib_parse_thresholds_data(threshold_text, fsq_data_column(data, col),
                                            ncases, thresholds, MAX_THRESHOLDS, &nthresholds,
                                            &named) != FSQ_OK) {
            status = fail("--thresholds: %s", fsq_last_error());
            goto done;
        }
        if (named && copts.type == FSQ_CALIB_CRISP) {
            status = fail("named thresholds (\"%s\") are for fuzzy calibration; give crisp cut "
                          "points as plain numbers",
                          threshold_text);
            goto done;
        }
        copts.nthresholds = nthresholds;
        if (fsq_calibrate(fsq_data_column(data, col), ncases, &copts, values) != FSQ_OK) {
            fprintf(stderr, "fsqca calibrate: %s: %s\n", vars[v], fsq_last_error());
            status = 2;
            goto done;
        }
        if (json)
            json_one(&j, data, vars[v], type, thresholds, nthresholds, values);
        if (!json && !output) {
            /* The table: case id, raw value, membership. */
            const double *raw = fsq_data_column(data, col);
            size_t idw = 4;
            for (size_t i = 0; i < ncases; i++)
                if (strlen(fsq_data_case_id(data, i)) > idw)
                    idw = strlen(fsq_data_case_id(data, i));
            if (v)
                fsq__buf_putc(&out, '\n');
            fsq__buf_printf(&out, "%s calibration of %s, thresholds %s\n\n", type, vars[v],
                            threshold_text);
            fsq__buf_printf(&out, "%-*s  %12s  %10s\n", (int)idw, "case", vars[v], "membership");
            for (size_t i = 0; i < ncases; i++) {
                char a[40], b[40];
                fsq_data_format_number(a, sizeof a, raw[i]);
                if (isnan(values[i]))
                    snprintf(b, sizeof b, "NA");
                else if (copts.type == FSQ_CALIB_CRISP)
                    snprintf(b, sizeof b, "%.0f", values[i]);
                else
                    snprintf(b, sizeof b, "%.3f", values[i]);
                fsq__buf_printf(&out, "%-*s  %12s  %10s\n", (int)idw, fsq_data_case_id(data, i),
                                a, b);
            }
        }
        if (output) {
            free(colname);
            colname = NULL;
            if (new_name) {
                colname = malloc(strlen(new_name) + 1);
                if (colname)
                    strcpy(colname, new_name);
            } else {
                colname = malloc(strlen(vars[v]) + strlen(suffix) + 1);
                if (colname)
                    sprintf(colname, "%s%s", vars[v], suffix);
            }
            if (!colname || fsq_data_set_column(data, colname, values) != FSQ_OK) {
                status = fail("%s", "out of memory");
                goto done;
            }
        }
    }
    if (json && nvars > 1)
        fsq__json_end_array(&j);
    if (json)
        fsq__buf_putc(&out, '\n');
    if (fsq__buf_ok(&out) != FSQ_OK) {
        status = fail("%s", "out of memory");
        goto done;
    }
    if (output && fsq_data_write_csv(data, output) != FSQ_OK) {
        status = fail("%s", fsq_last_error());
        goto done;
    }
    fwrite(fsq__buf_str(&out), 1, out.len, stdout);
    fflush(stdout);

done:
    fsq__buf_free(&out);
    free(colname);
    free(values);
    free(vars);
    fsq_data_free(data);
    return status;
}
