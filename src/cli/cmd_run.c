/* `fsqca run SPEC`: the whole analysis in one command.
 *
 * data -> calibrate -> necessity -> truth table -> conservative, parsimonious
 * and intermediate solutions -> fit -> a report directory:
 *   report.md      for a reader (Markdown tables, links to the plots)
 *   report.tex     report.md typeset as a standalone LaTeX document
 *   results.json   {"spec", "necessity", "conservative", "parsimonious",
 *                   "intermediate", "errors"}: the library's JSON texts
 *   xy_<type>_M<d>.svg   one XY plot per model of each solution type
 *   influence.txt, influence.json, influence_map.svg, influence_graph.svg
 *                  with an [influence] section (`fsqca influence`)
 *
 * Everything is computed in memory first; then the files are written into a
 * temporary sibling directory OUTPUT.tmp.PID which is renamed to OUTPUT
 * (run_output.c), so a failed run leaves no half-written directory. An
 * existing OUTPUT is refused unless --force, and --force only replaces a
 * directory that holds a previous report (report.md or results.json), never
 * an arbitrary directory.
 *
 * Exit status: 0 when at least one solution type has a solution; 1 when the
 * truth table has nothing to minimize or no solution type has a solution (the
 * report is still written in the second case: it documents why); 2 for a bad
 * spec, bad data or an output directory that is in the way. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/cmd_influence.h"
#include "cli/robust_out.h"
#include "cli/spec.h"
#include "common/buf.h"
#include "common/json.h"
#include "cli/run_groups.h"
#include "cli/run_output.h"

static const char usage[] =
    "Usage: fsqca run SPEC [--output DIR] [--force] [--threads N]\n"
    "       fsqca run SPEC1 SPEC2 ... [--force] [--threads N]   (also under mpirun)\n"
    "\n"
    "Runs a whole analysis described in the spec file SPEC: calibration,\n"
    "necessity, truth table, the conservative, parsimonious and intermediate\n"
    "solutions with their fit, and writes a report directory:\n"
    "  report.md           the report (Markdown tables, ready for an appendix)\n"
    "  report.tex          the same report as a standalone LaTeX document (pdflatex\n"
    "                      report.tex; plain LaTeX packages only): its tables, the\n"
    "                      configuration charts with Fiss's circles, the groups\n"
    "  results.json        every result as JSON (the schema of `minimize --json`\n"
    "                      and `necessity --json`, under \"conservative\",\n"
    "                      \"parsimonious\", \"intermediate\", \"necessity\")\n"
    "  xy_<type>_M<n>.svg  XY plot of each model: solution against outcome\n"
    "  chart_M<n>.svg      configuration chart of each intermediate model (core and\n"
    "                      peripheral conditions, Fiss 2011)\n"
    "  influence.*         with an [influence] section: the text, JSON, role map\n"
    "                      and graph of `fsqca influence` on its matrices\n"
    "\n"
    "Spec format: one `key = value` per line, `#` comments, then a [calibrate]\n"
    "section. Paths are relative to the spec file's directory.\n"
    "  data = survey.csv            the data (CSV or .csv.zst)        required\n"
    "  outcome = DSO                the outcome; ~DSO for its negation required\n"
    "  conditions = TF, AD, AG      the conditions, in this order     required\n"
    "  output = results/survey      output directory (default: <spec name>_results)\n"
    "  incl_cut = 0.8               or 0.8, 0.6 (IC1, IC0)            default 1\n"
    "  n_cut = 2                                                      default 1\n"
    "  pri_cut = 0.5                                                  default 0\n"
    "  dir_exp = TF=1, AD=1, RB=-   expectations (1, 0, -) for the intermediate\n"
    "                               solution; without it there is none\n"
    "  necessity_incl_cut = 0.9                                       default 0.9\n"
    "  necessity_ron_cut = 0.5                                        default 0\n"
    "  id_col = resp                case id column (default: a text first column)\n"
    "  drop_missing = yes           drop cases with missing values    default no\n"
    "  by = unit                    also each group of this column: per-group\n"
    "                               solutions, cluster diagnostics, patterns\n"
    "                               (report.md \"Groups\", results.json \"groups\")\n"
    "  unit_id = firm               panel units, for within-unit diagnostics\n"
    "  exclude = csa                rows coded negative (QCA exclude, esa()): row\n"
    "                               indices \"3, 7\", csa, or an expression\n"
    "  [calibrate]\n"
    "  TF = 2, 4.5, 6               fuzzy, logistic: e, c, i (or e=2, c=4.5, i=6)\n"
    "  AD = linear: 2, 4.5, 6       fuzzy, piecewise linear\n"
    "  AG = bell: 1, 2, 3, 5, 6, 7  fuzzy, bell-shaped: e1, c1, i1, i2, c2, e2\n"
    "  RB = crisp: 4                crisp: 1 if x >= 4\n"
    "  [influence]                  optional: influence matrices (fsqca influence)\n"
    "  matrix = sales.csv           one file, or several (one per case) with commas\n"
    "  sign = signs.csv             optional; delay = delays.csv optional\n"
    "  max_loop = 6                 longest loop listed                default 6\n"
    "  impulse = Pricing=+1         optional what-if; steps = 10       default 10\n"
    "A calibrated column replaces the raw one under the same name. Columns not\n"
    "calibrated are used as they are (they must be set memberships).\n"
    "Errors in the spec are reported as SPEC:LINE: message.\n"
    "\n"
    "Options:\n"
    "  --output DIR   write here instead of the spec's output (relative to the\n"
    "                 current directory)\n"
    "  --force        replace an existing output directory of an earlier run\n"
    "  --threads N    number of threads (results do not depend on it)\n"
    "  --help         this text\n"
    "\n"
    "Several specs: each analysis as if run alone (its spec's output directory;\n"
    "--output is refused), their messages in spec order, exit status the\n"
    "largest. Under `mpirun -np R` spec i runs on rank i mod R; each rank writes\n"
    "its specs' directories, rank 0 prints every spec's messages in order.\n"
    "\n"
    "The directory is written atomically: into DIR.tmp.PID, then renamed.\n"
    "Exit status: 0 ok (at least one solution type has a solution); 1 nothing\n"
    "to minimize, or no solution of any type (the report is still written and\n"
    "says why); 2 bad spec, bad data, or DIR exists without --force.\n";

enum { OPT_FORCE = OPT_COMMON_END + 100 };

/* results.json: the spec, then the library's JSON texts embedded as values. */
static void results_json(fsq__buf *b, const fsq__spec *s, const char *output, size_t ncases,
                         size_t ndropped, const char *nec_json, char *const min_json[3],
                         const char *const min_error[3], const char *groups_json)
{
    fsq__json j;
    fsq__json_init(&j, b, 1);
    fsq__json_begin_object(&j);
    fsq__json_key(&j, "spec");
    fsq__json_begin_object(&j);
    fsq__json_key(&j, "file");
    fsq__json_string(&j, s->path);
    fsq__json_key(&j, "data");
    fsq__json_string(&j, s->data);
    fsq__json_key(&j, "cases");
    fsq__json_uint(&j, ncases);
    fsq__json_key(&j, "dropped");
    fsq__json_uint(&j, ndropped);
    fsq__json_key(&j, "output");
    fsq__json_string(&j, output);
    fsq__json_key(&j, "outcome");
    fsq__json_string(&j, s->outcome);
    fsq__json_key(&j, "conditions");
    fsq__json_compact(&j, 1);
    fsq__json_begin_array(&j);
    for (size_t c = 0; c < s->nconditions; c++)
        fsq__json_string(&j, s->conditions[c]);
    fsq__json_end_array(&j);
    fsq__json_compact(&j, 0);
    fsq__json_key(&j, "incl_cut");
    fsq__json_compact(&j, 1);
    fsq__json_begin_array(&j);
    fsq__json_number(&j, s->tt.incl_cut1);
    if (s->tt.incl_cut0 >= 0)
        fsq__json_number(&j, s->tt.incl_cut0);
    fsq__json_end_array(&j);
    fsq__json_compact(&j, 0);
    fsq__json_key(&j, "n_cut");
    fsq__json_uint(&j, s->tt.n_cut);
    fsq__json_key(&j, "pri_cut");
    fsq__json_number(&j, s->tt.pri_cut);
    fsq__json_key(&j, "dir_exp");
    if (s->dir_exp) {
        fsq__json_compact(&j, 1);
        fsq__json_begin_object(&j);
        for (size_t c = 0; c < s->nconditions; c++) {
            fsq__json_key(&j, s->conditions[c]);
            fsq__json_string(&j, s->dir_exp[c]);
        }
        fsq__json_end_object(&j);
        fsq__json_compact(&j, 0);
    } else {
        fsq__json_null(&j);
    }
    fsq__json_key(&j, "necessity_incl_cut");
    fsq__json_number(&j, s->nec_incl_cut);
    fsq__json_key(&j, "necessity_ron_cut");
    fsq__json_number(&j, s->nec_ron_cut);
    fsq__json_key(&j, "calibrate");
    fsq__json_begin_object(&j);
    for (size_t c = 0; c < s->ncalib; c++) {
        fsq__json_key(&j, s->calib[c].column);
        fsq__json_compact(&j, 1);
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "method");
        fsq__json_string(&j, s->calib[c].method);
        fsq__json_key(&j, "thresholds");
        fsq__json_begin_array(&j);
        for (size_t k = 0; k < s->calib[c].nthresholds; k++)
            fsq__json_number(&j, s->calib[c].thresholds[k]);
        fsq__json_end_array(&j);
        fsq__json_end_object(&j);
        fsq__json_compact(&j, 0);
    }
    fsq__json_end_object(&j);
    fsq__json_end_object(&j);
    fsq__json_key(&j, "necessity");
    if (nec_json)
        fsq__json_raw(&j, nec_json);
    else
        fsq__json_null(&j);
    for (int t = 0; t < 3; t++) {
        fsq__json_key(&j, fsq_solution_type_name((fsq_solution_type)t));
        if (min_json[t])
            fsq__json_raw(&j, min_json[t]);
        else
            fsq__json_null(&j);
    }
    if (groups_json) { /* by = COL: see run_groups.c */
        fsq__json_key(&j, "groups");
        fsq__json_raw(&j, groups_json);
    }
    /* Why a solution type is null: a message, or null when not asked for. */
    fsq__json_key(&j, "errors");
    fsq__json_begin_object(&j);
    for (int t = 0; t < 3; t++) {
        fsq__json_key(&j, fsq_solution_type_name((fsq_solution_type)t));
        if (min_error[t])
            fsq__json_string(&j, min_error[t]);
        else
            fsq__json_null(&j);
    }
    fsq__json_end_object(&j);
    fsq__json_end_object(&j);
    fsq__buf_putc(b, '\n');
}

/* Checks that a column named on spec line `line` exists and is numeric. */
static int check_column(const fsq__spec *s, const fsq_data *data, int line, const char *what,
                        const char *name)
{
    long v = fsq_data_find_var(data, name);
    if (v < 0)
        return fsq__spec_error(s, line, "%s \"%s\" is not a column of %s", what, name, s->data);
    if (!fsq_data_var_is_numeric(data, (size_t)v))
        return fsq__spec_error(s, line, "%s \"%s\" is a text column of %s, not numbers", what,
                               name, s->data);
    return 0;
}

int fsq__cli_run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, OPT_OUTPUT},
        {"threads", required_argument, NULL, OPT_THREADS},
        {"force", no_argument, NULL, OPT_FORCE},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}};
    fsq__spec spec;
    memset(&spec, 0, sizeof spec);
    const char *output = NULL;
    int force = 0, threads = 0, status = 0, opt, rc;
    fsq_data *raw = NULL, *data = NULL;
    fsq_nec *nec = NULL;
    fsq_tt *tt = NULL;
    fsq_min *min[3] = {NULL, NULL, NULL};
    char *min_error[3] = {NULL, NULL, NULL};
    uint64_t *excluded = NULL, *csa = NULL;
    size_t nexcluded = 0;
    char *min_json[3] = {NULL, NULL, NULL};
    char *nec_json = NULL;
    const char **names = NULL;
    double *col = NULL;
    fsq_report_calib *rcal = NULL;
    fsq__out_set *files = NULL;
    fsq__run_extras extras = {0};
    fsq_network *net = NULL;
    char *piece = NULL;    /* a writer's text, appended to its file */
    size_t piece_len = 0;

    optind = 1;
    while ((opt = fsq__cli_getopt("run", argc, argv, "", longopts)) != -1) {
        switch (opt) {
        case OPT_HELP:
            fputs(usage, stdout);
            goto done;
        case OPT_OUTPUT:
            output = optarg;
            break;
        case OPT_FORCE:
            force = 1;
            break;
        case OPT_THREADS: {
            size_t t = 0;
            if (fsq__cli_parse_size("run", "--threads", optarg, &t)) {
                status = FSQ_EXIT_USAGE;
                goto done;
            }
            if (t == 0 || t > 4096) {
                status = fsq__cli_usage_error("run", "--threads expects 1 to 4096, got \"%s\"",
                                              optarg);
                goto done;
            }
            threads = (int)t;
            break;
        }
        default: /* '?': fsq__cli_getopt has said why */
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }
    if (optind >= argc) {
        status = fsq__cli_usage_error("run", "no SPEC file given");
        goto done;
    }
    if ((optind + 1 < argc || fsq__mpi_size() > 1) && !fsq__cli_run_many_active()) {
        /* Several specs, or MPI ranks: one analysis per spec (run_many.c). */
        status = fsq__cli_run_many(argc, argv, optind);
        goto done;
    }

    /* 1. The spec, and the output directory (checked before any work). */
    if ((status = fsq__spec_read(argv[optind], &spec)))
        goto done;
    if (!output)
        output = spec.output;
    struct stat st;
    if (lstat(output, &st) == 0) {
        if (!force) {
            fprintf(stderr, "fsqca run: %s exists; use --force to replace it\n", output);
            status = FSQ_EXIT_USAGE;
            goto done;
        }
        if (!S_ISDIR(st.st_mode) || !fsq__is_report_dir(output)) {
            fprintf(stderr, "fsqca run: %s exists and is not the output of an earlier run (no "
                    "report.md or results.json in it); not replacing it even with --force\n",
                    output);
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }

    /* 2. The data: every column the spec names must exist and be numeric. */
    fsq_csv_options csv = FSQ_CSV_OPTIONS_INIT;
    csv.id_col = spec.id_col;
    if ((rc = fsq_data_read_csv(&raw, spec.data, &csv))) {
        fprintf(stderr, "fsqca run: %s\n(the data file is named on %s:%d)\n", fsq_last_error(),
                spec.path, spec.data_line);
        status = FSQ_EXIT_USAGE;
        goto done;
    }
    const char *outcome_col = spec.outcome + (spec.outcome[0] == '~');
    size_t nnames = 0;
    names = malloc((spec.nconditions + spec.ncalib + 1) * sizeof *names);
    if (!names) {
        status = fsq__cli_fail("run", fsq__nomem());
        goto done;
    }
    if ((status = check_column(&spec, raw, spec.outcome_line, "outcome", outcome_col)))
        goto done;
    names[nnames++] = outcome_col;
    for (size_t j = 0; j < spec.nconditions; j++) {
        if ((status = check_column(&spec, raw, spec.conditions_line, "condition",
                                   spec.conditions[j])))
            goto done;
        names[nnames++] = spec.conditions[j];
    }
    for (size_t c = 0; c < spec.ncalib; c++) {
        if ((status = check_column(&spec, raw, spec.calib[c].line, "[calibrate]",
                                   spec.calib[c].column)))
            goto done;
        names[nnames++] = spec.calib[c].column;
    }
    size_t ndropped = 0;
    if ((rc = fsq_data_complete_cases(&data, raw, names, nnames, spec.drop_missing, &ndropped))) {
        status = fsq__cli_fail("run", rc);
        goto done;
    }

    /* 3. Calibration: each calibrated set replaces its raw column. */
    size_t ncases = fsq_data_ncases(data);
    col = malloc((ncases ? ncases : 1) * sizeof *col);
    rcal = calloc(spec.ncalib ? spec.ncalib : 1, sizeof *rcal);
    if (!col || !rcal) {
        status = fsq__cli_fail("run", fsq__nomem());
        goto done;
    }
    for (size_t c = 0; c < spec.ncalib; c++) {
        const fsq__spec_calib *cal = &spec.calib[c];
        fsq_calib_options co = FSQ_CALIB_OPTIONS_INIT;
        co.type = cal->type;
        co.logistic = cal->logistic;
        co.nthresholds = cal->nthresholds;
        co.thresholds = cal->thresholds;
        const double *x = fsq_data_column(data, (size_t)fsq_data_find_var(data, cal->column));
        if (cal->percentiles &&
            fsq_calib_parse_thresholds_data(cal->percentiles, x, ncases, spec.calib[c].thresholds,
                                            FSQ__SPEC_MAX_THRESHOLDS, &spec.calib[c].nthresholds,
                                            NULL)) {
            status = fsq__spec_error(&spec, cal->line, "[calibrate] %s: %s", cal->column,
                                     fsq_last_error());
            goto done;
        }
        if (fsq_calibrate(x, ncases, &co, col)) {
            status = fsq__spec_error(&spec, cal->line, "[calibrate] %s: %s", cal->column,
                                     fsq_last_error());
            goto done;
        }
        if ((rc = fsq_data_set_column(data, cal->column, col))) {
            status = fsq__cli_fail("run", rc);
            goto done;
        }
        rcal[c] = (fsq_report_calib){cal->column, cal->method, cal->nthresholds, cal->thresholds,
                                      0};
        for (size_t i = 0; i < ncases; i++)
            rcal[c].nhalf += col[i] == 0.5;
    }

    /* 4. Necessity. */
    fsq_nec_options no = FSQ_NEC_OPTIONS_INIT;
    no.incl_cut = spec.nec_incl_cut;
    no.ron_cut = spec.nec_ron_cut;
    if ((rc = fsq_nec_compute(&nec, data, spec.outcome, (const char *const *)spec.conditions,
                              spec.nconditions, &no)) ||
        (rc = fsq_nec_to_json(nec, &nec_json, NULL))) {
        status = fsq__cli_fail("run", rc);
        goto done;
    }

    /* 5. Truth table. */
    spec.tt.threads = threads;
    if ((rc = fsq_tt_build(&tt, data, spec.outcome, (const char *const *)spec.conditions,
                           spec.nconditions, &spec.tt))) {
        status = fsq__cli_fail("run", rc);
        goto done;
    }
    if ((status = fsq__cli_check_rows("run", tt)))
        goto done;

    /* 6. The three solutions. A solution type without a solution is
     * reported, not fatal. */
    if (spec.exclude && (rc = fsq_exclude_rows(tt, data, spec.exclude, &excluded, &nexcluded))) {
        status = fsq__spec_error(&spec, spec.exclude_line, "exclude: %s", fsq_last_error());
        goto done;
    }
    size_t nsolved = 0;
    for (int t = 0; t < 3; t++) {
        if (t == FSQ_INTERMEDIATE && !spec.dir_exp)
            continue;
        fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
        mo.type = (fsq_solution_type)t;
        mo.threads = threads;
        mo.exclude = excluded;
        mo.nexclude = nexcluded;
        if (t == FSQ_INTERMEDIATE) {
            mo.dir_exp = (const char *const *)spec.dir_exp;
            mo.ndir_exp = spec.nconditions;
        }
        rc = fsq_minimize(&min[t], tt, &mo);
        if (rc == FSQ_ENOSOLUTION || rc == FSQ_ELIMIT) {
            if (!(min_error[t] = strdup(fsq_last_error()))) {
                status = fsq__cli_fail("run", fsq__nomem());
                goto done;
            }
            continue;
        }
        if (rc || (rc = fsq_min_to_json(min[t], &min_json[t], NULL))) {
            status = fsq__cli_fail("run", rc);
            goto done;
        }
        nsolved++;
    }

    /* 6b. The influence matrices of an [influence] section. */
    if (spec.influence.line) {
        fsq__influence_job job;
        memset(&job, 0, sizeof job);
        fsq_influence_options io = FSQ_INFLUENCE_OPTIONS_INIT;
        job.opts = io;
        job.opts.max_loop = spec.influence.max_loop;
        job.opts.steps = spec.influence.steps;
        job.matrices = (const char *const *)spec.influence.matrices;
        job.nmatrices = spec.influence.nmatrices;
        job.sign = spec.influence.sign;
        job.delay = spec.influence.delay;
        job.impulses = (const char *const *)spec.influence.impulses;
        job.nimpulses = spec.influence.nimpulses;
        if ((status = fsq__cli_influence_analyse("run", &job, &net))) {
            fprintf(stderr, "(in the [influence] section of %s, line %d)\n", spec.path,
                    spec.influence.line);
            goto done;
        }
    }

    /* 7. The files, in memory. */
    files = calloc(1, sizeof *files);
    if (!files) {
        status = fsq__cli_fail("run", fsq__nomem());
        goto done;
    }
    fsq_report_input in;
    memset(&in, 0, sizeof in);
    in.spec_path = spec.path;
    in.data_path = spec.data;
    in.ncases_read = fsq_data_ncases(raw);
    in.ndropped = ndropped;
    in.data = data;
    in.calib = rcal;
    in.ncalib = spec.ncalib;
    in.nec = nec;
    in.nec_incl_cut = spec.nec_incl_cut;
    in.nec_ron_cut = spec.nec_ron_cut;
    in.tt = tt;
    in.dir_exp_text = spec.dir_exp_text;
    for (int t = 0; t < 3; t++) {
        in.min[t] = min[t];
        in.min_error[t] = min_error[t];
    }
    /* CSAs for the report's notes; a table too big to search has none listed. */
    if (fsq_findrows(tt, data, FSQ_FINDROWS_CSA, NULL, &csa, &in.ncsa) != FSQ_OK)
        in.ncsa = 0;
    in.csa = csa;
    in.excluded = excluded;
    in.nexcluded = nexcluded;
    fsq__buf *b = fsq__out_add(files, "report.md");
    rc = fsq_report_markdown(&in, &piece, &piece_len);
    if ((rc = fsq__out_text(b, rc, &piece, &piece_len))) {
        status = fsq__cli_fail("run", rc);
        goto done;
    }
    if ((status = fsq__run_extras_make(&spec, data, tt, min, threads, b, &extras)))
        goto done;
    for (size_t i = 0; i < extras.ncharts; i++) {
        fsq__buf *svg = fsq__out_add(files, extras.chart_name[i]);
        if (svg)
            fsq__buf_append(svg, extras.chart_svg[i], extras.chart_len[i]);
    }
    if (net) {
        /* The influence analysis: its files, and a pointer from the report. */
        static const char *const names[4] = {"influence.txt", "influence.json",
                                             "influence_map.svg", "influence_graph.svg"};
        int (*const writers[4])(const fsq_network *, char **, size_t *) = {
            fsq_network_to_text, fsq_network_to_json, fsq_network_role_map_svg,
            fsq_network_graph_svg};
        for (int k = 0; k < 4; k++) {
            fsq__buf *f = fsq__out_add(files, names[k]);
            rc = writers[k](net, &piece, &piece_len);
            if ((rc = fsq__out_text(f, rc, &piece, &piece_len))) {
                status = fsq__cli_fail("run", rc);
                goto done;
            }
        }
        fsq__buf_puts(b, "\n## Influence matrix (network thinking)\n\n"
                         "Role map: ![role map](influence_map.svg)\n\n"
                         "Influence graph: ![influence graph](influence_graph.svg)\n\n"
                         "Figures, rankings, loops and what-if: [influence.txt](influence.txt) "
                         "(all of it as JSON in influence.json).\n");
    }
    /* report.tex: the finished report.md, typeset. */
    fsq__buf *tex = fsq__out_add(files, "report.tex");
    rc = fsq_report_latex(b->data, b->len, &piece, &piece_len);
    if ((rc = fsq__out_text(tex, rc, &piece, &piece_len))) {
        status = fsq__cli_fail("run", rc);
        goto done;
    }
    b = fsq__out_add(files, "results.json");
    results_json(b, &spec, output, ncases, ndropped, nec_json, min_json,
                 (const char *const *)min_error, extras.groups_json);
    if ((rc = fsq__buf_ok(b))) {
        status = fsq__cli_fail("run", rc);
        goto done;
    }
    size_t nplots = 0;
    for (int t = 0; t < 3; t++)
        for (size_t d = 0; min[t] && d < fsq_min_nsolutions(min[t]); d++) {
            char name[64];
            fsq_report_plot_name((fsq_solution_type)t, d, name, sizeof name);
            if (!(b = fsq__out_add(files, name))) {
                /* More models than files: the report lists them all; plots
                 * stop here, and we say so. */
                fprintf(stderr, "fsqca run: note: too many models; XY plots written for the "
                        "first %zu only\n", nplots);
                t = 3;
                break;
            }
            rc = fsq_report_xy_svg(min[t], d, &piece, &piece_len);
            if ((rc = fsq__out_text(b, rc, &piece, &piece_len))) {
                status = fsq__cli_fail("run", rc);
                goto done;
            }
            nplots++;
        }

    /* 8. Publish atomically. */
    if ((status = fsq__out_publish(output, files, force)))
        goto done;
    printf("fsqca run: report written to %s/report.md (and report.tex; %zu XY plot%s, "
           "results.json)\n", output,
           nplots, nplots == 1 ? "" : "s");
    for (int t = 0; t < 3; t++) {
        if (!min[t]) {
            printf("  %-13s %s\n", fsq_solution_type_name((fsq_solution_type)t),
                   min_error[t] ? "no solution" : "not computed (no dir_exp)");
            continue;
        }
        for (size_t d = 0; d < fsq_min_nsolutions(min[t]); d++) {
            char *text = fsq_min_solution_text(min[t], d);
            printf("  %-13s M%zu: %s -> %s\n", d ? "" : fsq_solution_type_name((fsq_solution_type)t),
                   d + 1, text ? text : "?", spec.outcome);
            free(text);
        }
    }
    if (net) {
        printf("  influence     %zu elements, %zu loops: influence.txt, influence.json, "
               "influence_map.svg, influence_graph.svg\n", fsq_network_nelements(net),
               fsq_network_nloops(net));
        if (fsq__cli_influence_limits("run", net))
            status = FSQ_EXIT_ANALYSIS;
    }
    if (!nsolved) {
        fprintf(stderr, "fsqca run: no solution of any type (see the report for why)\n");
        status = FSQ_EXIT_ANALYSIS;
    }
done:
    fsq__run_extras_free(&extras);
    free(excluded);
    free(csa);
    if (files)
        for (size_t i = 0; i < files->n; i++)
            fsq__buf_free(&files->files[i].text);
    free(files);
    fsq_network_free(net);
    for (int t = 0; t < 3; t++) {
        fsq_min_free(min[t]);
        free(min_error[t]);
        free(min_json[t]);
    }
    free(nec_json);
    fsq_nec_free(nec);
    fsq_tt_free(tt);
    free(rcal);
    free(col);
    free(names);
    fsq_data_free(data);
    fsq_data_free(raw);
    fsq__spec_free(&spec);
    return status;
}
