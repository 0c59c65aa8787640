/* The analysis spec of `fsqca run` (see spec.h).
 *
 * Format: one `key = value` per line; `#` starts a comment (at the start of a
 * line or after a space); blank lines are ignored; keys are case-sensitive.
 * Keys before any section:
 *
 *   data = survey.csv          required; relative to the spec file's directory
 *   outcome = DSO              required; ~DSO for the negated outcome
 *   conditions = TF, AD, AG    required; in this order
 *   output = results/survey    output directory, relative to the spec file
 *                              (default: <spec name>_results beside the spec)
 *   incl_cut = 0.8             or "0.8, 0.6" (IC1, IC0); default 1
 *   n_cut = 2                  default 1
 *   pri_cut = 0.5              default 0
 *   dir_exp = TF=1, AD=0, RB=- directional expectations (1, 0, -; conditions
 *                              not named get -); without it no intermediate
 *                              solution is computed
 *   necessity_incl_cut = 0.9   default 0.9
 *   necessity_ron_cut = 0.5    default 0
 *   id_col = resp              the case id column (default: a text first column)
 *   drop_missing = yes         drop cases with missing values (default no)
 *   by = unit                  also analyse each group of this column (a text
 *                              column or whole numbers): per-group solutions,
 *                              cluster diagnostics, cross-group patterns
 *   unit_id = firm             panel data: the unit column, for the within-unit
 *                              cluster diagnostics (with by)
 *   exclude = csa              rows coded negative in every minimization (QCA's
 *                              exclude, SetMethods' esa()): row indices "3, 7",
 *                              csa, or an expression of untenable remainders
 *
 * Section [calibrate]: one line per raw column to calibrate, NAME = FORM:
 *
 *   TF = 2, 4.5, 6             fuzzy, direct method, logistic: e, c, i
 *   TF = e=2, c=4.5, i=6       the same with named anchors (any order)
 *   TF = linear: 2, 4.5, 6     piecewise linear instead of logistic
 *   TF = bell: 1,2,3,5,6,7     bell-shaped: e1, c1, i1, i2, c2, e2
 *   TF = crisp: 4              crisp: 1 if x >= 4 (several cut points: levels)
 *   TF = e=p5, c=p50, i=p95    anchors as percentiles of the raw column (R's
 *                              quantile type 7), computed when the data are read
 *
 * The calibrated column replaces the raw one under the same name.
 *
 * Section [influence] (optional): influence matrices analysed beside the QCA,
 * as `fsqca influence` does, written into the report directory:
 *
 *   matrix = sales.csv         required; several files (one per case) with commas
 *   sign = signs.csv           optional, as --sign
 *   delay = delays.csv         optional, as --delay
 *   max_loop = 6               default 6
 *   impulse = Pricing=+1       optional what-if, as --impulse (commas between items)
 *   steps = 10                 default 10
 *
 * Every error
 * is reported as SPEC:LINE: message (exit status 2); errors about the whole
 * file (a missing required key) point at its last line. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/spec.h"
#include "common/file.h"

int fsq__spec_error(const fsq__spec *spec, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "fsqca run: %s:%d: ", spec->path ? spec->path : "SPEC", line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return FSQ_EXIT_USAGE;
}

void fsq__spec_free(fsq__spec *s)
{
    free(s->path);
    free(s->dir);
    free(s->data);
    free(s->output);
    free(s->outcome);
    free(s->id_col);
    free(s->by);
    free(s->unit_id);
    if (s->dir_exp)
        for (size_t j = 0; j < s->nconditions; j++)
            free(s->dir_exp[j]);
    free(s->dir_exp);
    free(s->dir_exp_text);
    free(s->exclude);
    fsq__cli_free_list(s->conditions, s->nconditions);
    for (size_t c = 0; c < s->ncalib; c++)
        free(s->calib[c].column), free(s->calib[c].percentiles);
    free(s->calib);
    fsq__cli_free_list(s->influence.matrices, s->influence.nmatrices);
    fsq__cli_free_list(s->influence.impulses, s->influence.nimpulses);
    free(s->influence.sign);
    free(s->influence.delay);
    memset(s, 0, sizeof *s);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* A path from the spec, relative to the spec's directory unless absolute. */
static char *resolve(const fsq__spec *s, const char *value)
{
    if (value[0] == '/' || strcmp(s->dir, ".") == 0)
        return strdup(value);
    size_t n = strlen(s->dir) + strlen(value) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", s->dir, value);
    return p;
}

static int parse_number(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == text || *end || errno || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int parse_unit(const fsq__spec *s, int line, const char *key, const char *v, double *out)
{
    if (parse_number(v, out))
        return fsq__spec_error(s, line, "%s expects a number, got \"%s\"", key, v);
    if (*out < 0 || *out > 1)
        return fsq__spec_error(s, line, "%s must lie between 0 and 1, got %s", key, v);
    return 0;
}

static int parse_calib(fsq__spec *s, int line, const char *name, char *value)
{
    for (size_t c = 0; c < s->ncalib; c++)
        if (strcmp(s->calib[c].column, name) == 0)
            return fsq__spec_error(s, line, "[calibrate] %s is given twice (first on line %d)",
                                   name, s->calib[c].line);
    fsq__spec_calib *grown = realloc(s->calib, (s->ncalib + 1) * sizeof *grown);
    if (!grown)
        return fsq__spec_error(s, line, "out of memory");
    s->calib = grown;
    fsq__spec_calib *cal = &s->calib[s->ncalib];
    memset(cal, 0, sizeof *cal);
    cal->column = strdup(name);
    if (!cal->column)
        return fsq__spec_error(s, line, "out of memory");
    s->ncalib++;
    cal->line = line;
    cal->type = FSQ_CALIB_FUZZY;
    cal->logistic = 1;
    const char *form = NULL;
    char *colon = strchr(value, ':');
    if (colon) {
        *colon = '\0';
        form = trim(value);
        value = trim(colon + 1);
    }
    /* Percentile anchors are computed from the data later; a stand-in
     * column here gives their number. */
    const double standin = 0;
    if (strpbrk(value, "pP") && !(cal->percentiles = strdup(value)))
        return fsq__spec_error(s, line, "out of memory");
    if (fsq_calib_parse_thresholds_data(value, &standin, 1, cal->thresholds,
                                        FSQ__SPEC_MAX_THRESHOLDS, &cal->nthresholds, NULL))
        return fsq__spec_error(s, line, "[calibrate] %s: %s", name, fsq_last_error());
    size_t n = cal->nthresholds;
    if (!form) {
        if (n == 3)
            cal->method = "logistic";
        else if (n == 6)
            cal->method = "bell", cal->logistic = 0;
        else
            return fsq__spec_error(s, line, "[calibrate] %s: expected 3 anchors (e, c, i) or 6 "
                                   "(bell: e1, c1, i1, i2, c2, e2), got %zu; write \"crisp: ...\" "
                                   "for crisp cut points", name, n);
    } else if (strcmp(form, "crisp") == 0) {
        cal->type = FSQ_CALIB_CRISP;
        cal->logistic = 0;
        cal->method = "crisp";
    } else if (strcmp(form, "logistic") == 0 || strcmp(form, "linear") == 0) {
        cal->logistic = form[1] == 'o';
        cal->method = cal->logistic ? "logistic" : "linear";
        if (n != 3)
            return fsq__spec_error(s, line, "[calibrate] %s: %s calibration expects 3 anchors "
                                   "(e, c, i), got %zu", name, form, n);
    } else if (strcmp(form, "bell") == 0) {
        cal->logistic = 0;
        cal->method = "bell";
        if (n != 6)
            return fsq__spec_error(s, line, "[calibrate] %s: bell calibration expects 6 anchors "
                                   "(e1, c1, i1, i2, c2, e2), got %zu", name, n);
    } else {
        return fsq__spec_error(s, line, "[calibrate] %s: unknown form \"%s\" (expected "
                               "logistic, linear, bell or crisp)", name, form);
    }
    /* Check the anchors now, on a dummy value, so an order error points at
     * this line before any data is read. Crisp cut points are checked
     * against the data later (they must lie within its range). */
    if (cal->type == FSQ_CALIB_FUZZY && !cal->percentiles) {
        fsq_calib_options o = FSQ_CALIB_OPTIONS_INIT;
        o.logistic = cal->logistic;
        o.nthresholds = n;
        o.thresholds = cal->thresholds;
        double x = cal->thresholds[0], y;
        if (fsq_calibrate(&x, 1, &o, &y))
            return fsq__spec_error(s, line, "[calibrate] %s: %s", name, fsq_last_error());
    }
    return 0;
}

/* Resolves "A=1, B=0" against the conditions (after the whole file is read,
 * since dir_exp may come before conditions). */
static int resolve_dir_exp(fsq__spec *s)
{
    char **items = NULL;
    size_t n = 0;
    int status = 0;
    s->dir_exp = calloc(s->nconditions, sizeof *s->dir_exp);
    if (!s->dir_exp || fsq__cli_split_list(s->dir_exp_text, ',', &items, &n))
        return fsq__spec_error(s, s->dir_exp_line, "out of memory");
    for (size_t i = 0; i < n && !status; i++) {
        char *eq = strchr(items[i], '=');
        if (!eq) {
            status = fsq__spec_error(s, s->dir_exp_line, "dir_exp expects NAME=1, NAME=0 or "
                                     "NAME=- items, got \"%s\"", items[i]);
            break;
        }
        *eq = '\0';
        char *name = trim(items[i]), *val = trim(eq + 1);
        size_t j = 0;
        while (j < s->nconditions && strcmp(s->conditions[j], name) != 0)
            j++;
        if (j == s->nconditions) {
            status = fsq__spec_error(s, s->dir_exp_line, "dir_exp names \"%s\", which is not one "
                                     "of the conditions", name);
            break;
        }
        if (s->dir_exp[j]) {
            status = fsq__spec_error(s, s->dir_exp_line, "dir_exp names \"%s\" twice", name);
            break;
        }
        int ok = val[0] != '\0';
        for (const char *p = val; *p; p++)
            ok &= (*p >= '0' && *p <= '9') || *p == ';';
        if (!ok && strcmp(val, "-") != 0) {
            status = fsq__spec_error(s, s->dir_exp_line, "dir_exp: the expectation for %s must be "
                                     "1, 0 or - (levels like 1;2 for multi-value), got \"%s\"",
                                     name, val);
            break;
        }
        if (!(s->dir_exp[j] = strdup(val)))
            status = fsq__spec_error(s, s->dir_exp_line, "out of memory");
    }
    for (size_t j = 0; j < s->nconditions && !status; j++)
        if (!s->dir_exp[j] && !(s->dir_exp[j] = strdup("-")))
            status = fsq__spec_error(s, s->dir_exp_line, "out of memory");
    fsq__cli_free_list(items, n);
    return status;
}

/* Handles one top-level key. */
static int set_key(fsq__spec *s, int line, const char *key, char *value)
{
    /* The line each key was first set on, to report duplicates. */
    struct {
        const char *name;
        int *line;
    } keys[] = {
        {"data", &s->data_line},
        {"output", &s->output_line},
        {"outcome", &s->outcome_line},
        {"conditions", &s->conditions_line},
        {"id_col", &s->id_col_line},
        {"incl_cut", &s->incl_cut_line},
        {"n_cut", &s->n_cut_line},
        {"pri_cut", &s->pri_cut_line},
        {"dir_exp", &s->dir_exp_line},
        {"necessity_incl_cut", &s->nec_line},
        {"necessity_ron_cut", &s->nec_ron_line},
        {"drop_missing", &s->drop_missing_line},
        {"by", &s->by_line},
        {"unit_id", &s->unit_id_line},
        {"exclude", &s->exclude_line},
    };
    int *seen = NULL;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(key, keys[i].name) == 0)
            seen = keys[i].line;
    if (!seen)
        return fsq__spec_error(s, line, "unknown key \"%s\" (expected data, output, outcome, "
                               "conditions, incl_cut, n_cut, pri_cut, dir_exp, "
                               "necessity_incl_cut, necessity_ron_cut, id_col, drop_missing, "
                               "by, unit_id, exclude, or a [calibrate] section)", key);
    if (*seen)
        return fsq__spec_error(s, line, "%s is given twice (first on line %d)", key, *seen);
    *seen = line;

    if (strcmp(key, "data") == 0 || strcmp(key, "output") == 0) {
        char **dst = key[0] == 'd' ? &s->data : &s->output;
        if (!(*dst = resolve(s, value)))
            return fsq__spec_error(s, line, "out of memory");
    } else if (strcmp(key, "outcome") == 0 || strcmp(key, "id_col") == 0 ||
               strcmp(key, "by") == 0 || strcmp(key, "unit_id") == 0) {
        if (strpbrk(value, ", \t") || !*value)
            return fsq__spec_error(s, line, "%s expects one column name, got \"%s\"", key, value);
        char **dst = key[0] == 'o' ? &s->outcome : key[0] == 'b' ? &s->by
                     : key[0] == 'u' ? &s->unit_id : &s->id_col;
        if (!(*dst = strdup(value)))
            return fsq__spec_error(s, line, "out of memory");
    } else if (strcmp(key, "conditions") == 0) {
        if (fsq__cli_split_list(value, ',', &s->conditions, &s->nconditions))
            return fsq__spec_error(s, line, "out of memory");
        for (size_t j = 0; j < s->nconditions; j++) {
            if (strpbrk(s->conditions[j], " \t~=") || s->conditions[j][0] == '\0')
                return fsq__spec_error(s, line, "conditions: \"%s\" is not a column name "
                                       "(separate names with commas)", s->conditions[j]);
            for (size_t i = 0; i < j; i++)
                if (strcmp(s->conditions[i], s->conditions[j]) == 0)
                    return fsq__spec_error(s, line, "conditions: %s is listed twice",
                                           s->conditions[j]);
        }
    } else if (strcmp(key, "incl_cut") == 0) {
        char *comma = strchr(value, ',');
        if (comma)
            *comma = '\0';
        if (parse_unit(s, line, key, trim(value), &s->tt.incl_cut1))
            return FSQ_EXIT_USAGE;
        s->tt.incl_cut0 = -1.0;
        if (comma) {
            if (parse_unit(s, line, "incl_cut (second value)", trim(comma + 1), &s->tt.incl_cut0))
                return FSQ_EXIT_USAGE;
            if (s->tt.incl_cut0 > s->tt.incl_cut1)
                return fsq__spec_error(s, line, "incl_cut: the second value (IC0) must not exceed "
                                       "the first (IC1)");
        }
    } else if (strcmp(key, "n_cut") == 0) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(value, &end, 10);
        if (end == value || *end || errno || value[0] == '-' || v == 0)
            return fsq__spec_error(s, line, "n_cut expects a whole number >= 1, got \"%s\"", value);
        s->tt.n_cut = (size_t)v;
    } else if (strcmp(key, "pri_cut") == 0) {
        return parse_unit(s, line, key, value, &s->tt.pri_cut);
    } else if (strcmp(key, "necessity_incl_cut") == 0) {
        return parse_unit(s, line, key, value, &s->nec_incl_cut);
    } else if (strcmp(key, "necessity_ron_cut") == 0) {
        return parse_unit(s, line, key, value, &s->nec_ron_cut);
    } else if (strcmp(key, "dir_exp") == 0) {
        if (!(s->dir_exp_text = strdup(value)))
            return fsq__spec_error(s, line, "out of memory");
    } else if (strcmp(key, "exclude") == 0) {
        if (!(s->exclude = strdup(value)))
            return fsq__spec_error(s, line, "out of memory");
    } else if (strcmp(key, "drop_missing") == 0) {
        if (!strcmp(value, "yes") || !strcmp(value, "true") || !strcmp(value, "1"))
            s->drop_missing = 1;
        else if (!strcmp(value, "no") || !strcmp(value, "false") || !strcmp(value, "0"))
            s->drop_missing = 0;
        else
            return fsq__spec_error(s, line, "drop_missing expects yes or no, got \"%s\"", value);
    }
    return 0;
}

/* One key of the [influence] section. */
static int influence_key(fsq__spec *s, int line, const char *key, const char *value)
{
    fsq__spec_influence *in = &s->influence;
    struct {
        const char *name;
        int *line;
    } keys[] = {{"matrix", &in->matrix_line}, {"sign", &in->sign_line},
                {"delay", &in->delay_line},   {"max_loop", &in->max_loop_line},
                {"impulse", &in->impulse_line}, {"steps", &in->steps_line}};
    int *seen = NULL;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(key, keys[i].name) == 0)
            seen = keys[i].line;
    if (!seen)
        return fsq__spec_error(s, line, "[influence]: unknown key \"%s\" (expected matrix, sign, "
                               "delay, max_loop, impulse or steps)", key);
    if (*seen)
        return fsq__spec_error(s, line, "[influence] %s is given twice (first on line %d)", key,
                               *seen);
    *seen = line;
    if (strcmp(key, "matrix") == 0) {
        if (fsq__cli_split_list(value, ',', &in->matrices, &in->nmatrices))
            return fsq__spec_error(s, line, "out of memory");
        for (size_t c = 0; c < in->nmatrices; c++) {
            char *p = resolve(s, in->matrices[c]);
            if (!p)
                return fsq__spec_error(s, line, "out of memory");
            free(in->matrices[c]);
            in->matrices[c] = p;
        }
    } else if (strcmp(key, "sign") == 0 || strcmp(key, "delay") == 0) {
        char **dst = key[0] == 's' ? &in->sign : &in->delay;
        if (!(*dst = resolve(s, value)))
            return fsq__spec_error(s, line, "out of memory");
    } else if (strcmp(key, "impulse") == 0) {
        if (fsq__cli_split_list(value, ',', &in->impulses, &in->nimpulses))
            return fsq__spec_error(s, line, "out of memory");
    } else {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(value, &end, 10);
        if (end == value || *end || errno || value[0] == '-' || v > 100000)
            return fsq__spec_error(s, line, "[influence] %s expects a whole number from 0 to "
                                   "100000, got \"%s\"", key, value);
        *(key[0] == 'm' ? &in->max_loop : &in->steps) = (size_t)v;
    }
    return 0;
}

int fsq__spec_read(const char *path, fsq__spec *s)
{
    fsq_tt_options tt = FSQ_TT_OPTIONS_INIT;
    memset(s, 0, sizeof *s);
    s->tt = tt;
    s->nec_incl_cut = 0.9;
    FILE *f = NULL;
    char *buf = NULL;
    size_t cap = 0;
    int status = 0, line = 0, in_calib = 0, section = 0; /* 1 [calibrate], 2 [influence] */
    s->influence.max_loop = 6;
    s->influence.steps = 10;

    s->path = strdup(path);
    const char *slash = strrchr(path, '/');
    s->dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (!s->path || !s->dir) {
        fprintf(stderr, "fsqca run: out of memory\n");
        status = FSQ_EXIT_ANALYSIS;
        goto done;
    }
    if (fsq__file_open_read(path, &f)) {
        fprintf(stderr, "fsqca run: the spec file %s\n", fsq_last_error());
        status = FSQ_EXIT_USAGE;
        goto done;
    }
    ssize_t got;
    while ((got = getline(&buf, &cap, f)) != -1) {
        line++;
        char *p = buf;
        if (got > FSQ__SPEC_MAX_LINE) {
            status = fsq__spec_error(s, line, "line longer than %d bytes", FSQ__SPEC_MAX_LINE);
            goto done;
        }
        const char *nul = memchr(buf, '\0', (size_t)got);
        if (nul) { /* it would end the line's C string early and cut the value */
            fprintf(stderr, "fsqca run: %s:%d:%zu: NUL byte in the spec file (a binary file, or "
                    "UTF-16?)\n", path, line, (size_t)(nul - buf) + 1);
            status = FSQ_EXIT_USAGE;
            goto done;
        }
        if (line == 1 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
            (unsigned char)p[2] == 0xBF)
            p += 3;
        /* A comment starts at '#' at the beginning or after a blank, so a
         * '#' inside a name (rare, but legal in CSV headers) survives. */
        for (char *h = p; *h; h++)
            if (*h == '#' && (h == p || h[-1] == ' ' || h[-1] == '\t')) {
                *h = '\0';
                break;
            }
        p = trim(p);
        if (!*p)
            continue;
        if (*p == '[') {
            size_t n = strlen(p);
            if (p[n - 1] != ']') {
                status = fsq__spec_error(s, line, "a section header must end with ']': \"%s\"", p);
                goto done;
            }
            p[n - 1] = '\0';
            char *name = trim(p + 1);
            if (strcmp(name, "influence") == 0) {
                if (s->influence.line) {
                    status = fsq__spec_error(s, line, "[influence] is given twice");
                    goto done;
                }
                s->influence.line = line;
                section = 2;
                continue;
            }
            if (strcmp(name, "calibrate") != 0) {
                status = fsq__spec_error(s, line, "unknown section [%s] (the sections are "
                                         "[calibrate] and [influence])", name);
                goto done;
            }
            section = 1;
            if (in_calib) {
                status = fsq__spec_error(s, line, "[calibrate] is given twice");
                goto done;
            }
            in_calib = 1;
            continue;
        }
        char *eq = strchr(p, '=');
        if (!eq) {
            status = fsq__spec_error(s, line, "expected KEY = VALUE, got \"%s\"", p);
            goto done;
        }
        *eq = '\0';
        char *key = trim(p), *value = trim(eq + 1);
        if (!*key) {
            status = fsq__spec_error(s, line, "a line starts with '=' (no key)");
            goto done;
        }
        if (!*value) {
            status = fsq__spec_error(s, line, "%s has no value", key);
            goto done;
        }
        status = section == 2 ? influence_key(s, line, key, value)
                 : section == 1 ? parse_calib(s, line, key, value)
                                : set_key(s, line, key, value);
        if (status)
            goto done;
    }
    if (ferror(f)) {
        fprintf(stderr, "fsqca run: %s: cannot read the spec file: %s\n", path, strerror(errno));
        status = FSQ_EXIT_USAGE;
        goto done;
    }
    s->nlines = line;
    static const char *const required[] = {"data", "outcome", "conditions"};
    const int lines[] = {s->data_line, s->outcome_line, s->conditions_line};
    for (size_t r = 0; r < 3; r++)
        if (!lines[r]) {
            status = fsq__spec_error(s, line, "missing required key \"%s\" (the spec ends here "
                                     "without it)", required[r]);
            goto done;
        }
    if (s->outcome[0] == '~' ? !s->outcome[1] : 0) {
        status = fsq__spec_error(s, s->outcome_line, "outcome \"~\" names no column");
        goto done;
    }
    for (size_t j = 0; j < s->nconditions; j++)
        if (strcmp(s->conditions[j], s->outcome + (s->outcome[0] == '~')) == 0) {
            status = fsq__spec_error(s, s->conditions_line, "the outcome %s is also listed as a "
                                     "condition", s->conditions[j]);
            goto done;
        }
    if (s->dir_exp_text && (status = resolve_dir_exp(s)))
        goto done;
    if (s->influence.line && !s->influence.nmatrices) {
        status = fsq__spec_error(s, s->influence.line, "[influence] needs matrix = FILE.csv");
        goto done;
    }
    if (!s->output) {
        /* <spec name without extension>_results beside the spec. */
        const char *base = slash ? slash + 1 : path;
        const char *dot = strrchr(base, '.');
        size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
        size_t n = strlen(s->dir) + stem + 16;
        if (!(s->output = malloc(n))) {
            status = fsq__spec_error(s, line, "out of memory");
            goto done;
        }
        snprintf(s->output, n, "%s/%.*s_results", s->dir, (int)stem, base);
    }
done:
    free(buf);
    if (f)
        fclose(f);
    return status;
}
