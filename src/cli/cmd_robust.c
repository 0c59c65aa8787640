/* fsqca robust: bootstrap, subsampling, jackknife, leave-k-out and sweeps of
 * cut-offs and calibration anchors, with summaries and the protocol. */
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_robust.h"
#include "cli/robust_by.h"
#include "cli/robust_tests.h"
#include "cli/robust_out.h"
#include "common/buf.h"
#include "common/json.h"

static const char usage[] =
    "Usage: fsqca robust DATA --outcome Y [options] (--bootstrap B | --subsample M |\n"
    "                    --jackknife | --leave-out K | --sweep SPEC | --test SPEC...)\n"
    "\n"
    "Re-analyses the truth table many times and reports how stable the solution\n"
    "is. Every replicate rebuilds the table with the same cut-offs and minimizes it\n"
    "with the chosen solution type (conservative, as in fsqca minimize and QCA,\n"
    "unless --include / --dir-exp say otherwise).\n"
    "\n"
    "Scheme (exactly one):\n"
    "  --bootstrap B         B resamples of the N cases with replacement\n"
    "  --subsample M         --replicates B samples of M cases without replacement\n"
    "  --replicates B        number of subsamples (default 1000)\n"
    "  --jackknife           N replicates, each leaving one case out\n"
    "  --leave-out K         every subset of K cases left out: C(N, K) replicates,\n"
    "                        in lexicographic order of the left-out cases\n"
    "  --sweep SPEC          a grid of parameters, items separated by commas:\n"
    "                          incl-cut=0.70:0.95:0.01  n-cut=1:5  pri-cut=0.5:0.8:0.05\n"
    "                          COL.ANCHOR=LO:HI:STEP (a calibration anchor of a column\n"
    "                          calibrated with --calibrate; ANCHOR e, c, i, or e1 c1 i1\n"
    "                          i2 c2 e2, or t1, t2.. for crisp thresholds)\n"
    "                        LO:HI means step 1, a single number one value. Cut-off\n"
    "                        items combine into a full grid; a calibration anchor is\n"
    "                        swept alone (other items are not allowed with it).\n"
    "                        Values are finite, cut-offs in [0, 1], n-cut whole (1 to\n"
    "                        1e15), at most 10^7 values per item.\n"
    "  --permutations P      instead of resampling: a permutation test of every\n"
    "                        truth-table row (the outcome shuffled across cases P\n"
    "                        times; p = (1 + #{permuted incl >= observed}) / (1 + P),\n"
    "                        with Holm-adjusted p-values); runs on its own\n"
    "Randomness:\n"
    "  --seed S              64-bit seed (default 0). Replicate r draws from its own\n"
    "                        generator seeded by (S, r): xoshiro256** keyed by a\n"
    "                        Feistel mix of (S, r), documented bit for bit in\n"
    "                        src/robust/rng.h (and the order of draws in\n"
    "                        src/robust/resample.h). Results are identical for any\n"
    "                        --threads and machine.\n"
    "Solution:\n"
    "                        (default: conservative, as fsqca minimize and QCA)\n"
    "  --include ?           parsimonious\n"
    "  --include ?,C         ... with contradictions as don't-cares\n"
    "  --include none        conservative; --include C: conservative, C don't-cares\n"
    "  --exclude ROWS|csa|EXPR  rows coded negative in every replicate, as in\n"
    "                        fsqca minimize --exclude (found on the full data)\n"
    "  --dir-exp A=1,B=0     intermediate solution with these expectations\n"
    "Calibration:\n"
    "  --calibrate COL=TH    calibrate COL before the analysis (repeatable), TH as\n"
    "                        in fsqca calibrate: e=2,c=4.5,i=6 or 2,4.5,6 (fuzzy,\n"
    "                        logistic); the calibrated column replaces the raw one\n"
    "Output:\n"
    "  --out FILE.jsonl.zst  every replicate as one JSON line, zstd-compressed\n"
    "                        (read it with `zstd -dc FILE`); written atomically.\n"
    "                        Keys: replicate (0-based), left_out (case ids; jackknife\n"
    "                        and leave-out), params (sweeps), solutions (models as\n"
    "                        lists of terms, as fsqca minimize --json), solution_fit\n"
    "                        ([{incl, PRI, cov}] per model). Bootstrap and subsample\n"
    "                        lines carry no multiplicities: they follow from the seed\n"
    "                        and the replicate number.\n"
    "  --protocol            add the robustness protocol (Oana & Schneider) of the\n"
    "                        initial solution against all test solutions, with the\n"
    "                        cases of each class (SetMethods' rob.cases)\n"
    "  --test SPEC           a test solution of your own (repeatable): the IS's\n"
    "                        settings with these changes, items separated by ';':\n"
    "                        incl-cut=0.75  n-cut=2  pri-cut=0.6  include=?|?,C|C|none\n"
    "                        exclude=ROWS|csa|EXPR  COL=e=..,c=..,i=.. (a calibration;\n"
    "                        percentile anchors pN allowed). Without a scheme the\n"
    "                        protocol runs on these alone; with one, on the\n"
    "                        replicates' test solutions and these together. Each is\n"
    "                        also compared alone with the IS: its SC and RCC_Rank\n"
    "                        (SetMethods' rob.singletest; given order, not sorted)\n"
    "  --test-set FILE       one SPEC per line (# comments, blank lines skipped)\n"
    "  --quiet               no progress bar (it is drawn only when stderr is a\n"
    "                        terminal anyway)\n"
    FSQ_ROBUST_BATCH_HELP FSQ_ROBUST_BY_HELP
    "\n" FSQ_CLI_COMMON_HELP
    "\n"
    "Summary: the initial solution (IS: the first model of the full data), the\n"
    "share of replicates giving each distinct model and each term with a 95%\n"
    "Wilson interval, the share without a solution (no positive row, or nothing\n"
    "left to minimize: a result, not an error), 2.5% / 50% / 97.5% percentiles\n"
    "(R's type 7) of the consistency and coverage of each replicate's first\n"
    "model, and for sweeps the sensitivity range of each parameter: the grid\n"
    "values around the given one, the others fixed at theirs, within which every\n"
    "model stays the IS's (SetMethods' rob.inclrange / rob.ncutrange /\n"
    "rob.calibrange over the whole grid, not capped at 20 steps).\n"
    "Protocol: each replicate's test solution (TS) is its first model, with\n"
    "memberships over ALL original cases. fsqca combines ALL test solutions into\n"
    "TS_min and TS_max; SetMethods 3.x combines only the first and the last, so the\n"
    "two agree only for at most two test solutions.\n"
    "Exit status: 0 ok, 1 analysis error (the full data have no solution with\n"
    "--protocol, a limit reached), 2 bad usage or input.\n";

enum {
    OPT_INCLUDE = OPT_COMMON_END, OPT_DIR_EXP, OPT_BOOTSTRAP, OPT_SUBSAMPLE, OPT_REPLICATES,
    OPT_JACKKNIFE, OPT_LEAVE_OUT, OPT_SWEEP, OPT_SEED, OPT_OUT, OPT_PROTOCOL, OPT_QUIET,
    OPT_CALIBRATE, OPT_PERMUTATIONS, OPT_EXCLUDE, OPT_TEST, OPT_TEST_SET, OPT_SHARD,
    OPT_RESUME
};


typedef struct {
    double *incl, *pri, *anchor;
    size_t nincl, npri, nanchor;
    size_t *ncut;
    size_t nncut;
    char *anchor_col;  /* COL of COL.ANCHOR */
    char *anchor_name; /* ANCHOR */
} sweep_spec;

static void sweep_free(sweep_spec *s)
{
    free(s->incl);
    free(s->pri);
    free(s->anchor);
    free(s->ncut);
    free(s->anchor_col);
    free(s->anchor_name);
}

static int parse_sweep(const char *arg, sweep_spec *s)
{
    char **items;
    size_t n;
    int status = 0;
    if (fsq__cli_split_list(arg, ',', &items, &n))
        return FSQ_EXIT_USAGE;
    for (size_t i = 0; i < n && !status; i++) {
        char *eq = strchr(items[i], '=');
        if (!eq) {
            status = fsq__cli_usage_error("robust", "--sweep expects NAME=LO:HI:STEP items, got "
                                          "\"%s\"", items[i]);
            break;
        }
        *eq = '\0';
        const char *name = items[i], *val = eq + 1;
        double *v = NULL;
        size_t nv = 0;
        /* Cut-offs lie in [0, 1]; n.cut is a whole number of cases. */
        int cut = strcmp(name, "incl-cut") == 0 || strcmp(name, "pri-cut") == 0;
        int ncut = strcmp(name, "n-cut") == 0;
        char what[64];
        snprintf(what, sizeof what, "--sweep %.40s", name);
        if ((status = fsq__cli_parse_range("robust", what, val, ncut ? 1 : cut ? 0 : -DBL_MAX,
                                           ncut ? 1e15 : cut ? 1 : DBL_MAX, ncut, &v, &nv)))
            break;
        if (strcmp(name, "incl-cut") == 0 && !s->incl) {
            s->incl = v, s->nincl = nv;
        } else if (strcmp(name, "pri-cut") == 0 && !s->pri) {
            s->pri = v, s->npri = nv;
        } else if (strcmp(name, "n-cut") == 0 && !s->ncut) {
            s->ncut = malloc(nv * sizeof *s->ncut);
            for (size_t j = 0; s->ncut && j < nv; j++)
                s->ncut[j] = (size_t)v[j]; /* whole, in [1, 1e15]: checked above */
            s->nncut = nv;
            free(v);
        } else if (strchr(name, '.') && !s->anchor) {
            char *dot = strrchr(name, '.');
            s->anchor_col = strndup(name, (size_t)(dot - name));
            s->anchor_name = strdup(dot + 1);
            s->anchor = v, s->nanchor = nv;
        } else {
            free(v);
            status = fsq__cli_usage_error("robust", "--sweep: unknown or repeated item \"%s\" "
                                          "(incl-cut, n-cut, pri-cut or COL.ANCHOR)", name);
        }
    }
    if (!status && s->anchor && (s->incl || s->pri || s->ncut))
        status = fsq__cli_usage_error("robust", "--sweep: a calibration anchor is swept alone");
    fsq__cli_free_list(items, n);
    return status;
}

typedef struct {
    char *column;
    double th[6];
    size_t nth;
    const char *text;   /* as given: percentile anchors (p50) need the data */
} calib_arg;

/* Index of the named anchor in a calibration with nth thresholds. */
static long anchor_index(const char *name, size_t nth)
{
    static const char *const n3[] = {"e", "c", "i"};
    static const char *const n6[] = {"e1", "c1", "i1", "i2", "c2", "e2"};
    for (size_t i = 0; nth == 3 && i < 3; i++)
        if (strcmp(name, n3[i]) == 0)
            return (long)i;
    for (size_t i = 0; nth == 6 && i < 6; i++)
        if (strcmp(name, n6[i]) == 0)
            return (long)i;
    if (name[0] == 't' && atol(name + 1) >= 1 && (size_t)atol(name + 1) <= nth)
        return atol(name + 1) - 1;
    return -1;
}

/* --permutations: the permutation test of every row, as text or JSON. */
static int permutation_report(const fsq__cli_common *c, const fsq_tt *tt, size_t permutations,
                              uint64_t seed)
{
    size_t nrows = fsq_tt_nrows(tt);
    double *p = malloc((nrows ? nrows : 1) * sizeof *p);
    double *holm = malloc((nrows ? nrows : 1) * sizeof *holm);
    fsq__buf b = FSQ__BUF_INIT;
    int status = 0, rc;
    if (!p || !holm) {
        rc = FSQ_ENOMEM;
    } else {
        rc = fsq__robust_mpi_permutations(tt, permutations, seed, c->threads, p, holm);
    }
    if (rc) {
        status = fsq__cli_fail("robust", rc);
        goto done;
    }
    char idx[700];
    if (c->json) {
        fsq__json j;
        fsq__json_init(&j, &b, 1);
        fsq__json_begin_object(&j);
        fsq__json_key(&j, "permutations");
        fsq__json_uint(&j, permutations);
        fsq__json_key(&j, "seed");
        fsq__json_uint(&j, seed);
        fsq__json_key(&j, "rows");
        fsq__json_begin_array(&j);
        for (size_t r = 0; r < nrows; r++) {
            fsq__json_compact(&j, 1);
            fsq__json_begin_object(&j);
            fsq__json_key(&j, "index");
            fsq__json_raw(&j, fsq_tt_row_index(tt, r, idx, sizeof idx));
            fsq__json_key(&j, "OUT");
            fsq__json_string(&j, fsq_out_name(fsq_tt_row_out(tt, r)));
            fsq__json_key(&j, "n");
            fsq__json_uint(&j, fsq_tt_row_n(tt, r));
            fsq__json_key(&j, "incl");
            fsq__json_number(&j, fsq_tt_row_incl(tt, r));
            fsq__json_key(&j, "p");
            fsq__json_number(&j, p[r]);
            fsq__json_key(&j, "p_holm");
            fsq__json_number(&j, holm[r]);
            fsq__json_end_object(&j);
            fsq__json_compact(&j, 0);
        }
        fsq__json_end_array(&j);
        fsq__json_end_object(&j);
        fsq__buf_putc(&b, '\n');
    } else {
        fsq__buf_printf(&b, "Permutation test of row consistency: %zu permutations of the "
                        "outcome across cases, seed %llu.\np = (1 + #{permuted incl >= "
                        "observed}) / (1 + permutations); Holm-adjusted over the %zu rows.\n\n",
                        permutations, (unsigned long long)seed, nrows);
        fsq__buf_printf(&b, "%8s  OUT %6s %7s %9s %9s\n", "index", "n", "incl", "p", "p Holm");
        for (size_t r = 0; r < nrows; r++)
            fsq__buf_printf(&b, "%8s  %3s %6zu %7.3f %9.4f %9.4f\n",
                            fsq_tt_row_index(tt, r, idx, sizeof idx),
                            fsq_out_name(fsq_tt_row_out(tt, r)), fsq_tt_row_n(tt, r),
                            fsq_tt_row_incl(tt, r), p[r], holm[r]);
    }
    if (fsq__mpi_rank() == 0)
        status = fsq__buf_ok(&b) ? fsq__cli_fail("robust", FSQ_ENOMEM) : fsq__cli_emit(c, b.data, b.len);
done:
    fsq__buf_free(&b);
    free(p);
    free(holm);
    return status;
}

int fsq__cli_robust(int argc, char **argv)
{
    static const struct option longopts[] = {
        FSQ_CLI_COMMON_LONGOPTS,
        {"include", required_argument, NULL, OPT_INCLUDE},
        {"dir-exp", required_argument, NULL, OPT_DIR_EXP},
        {"bootstrap", required_argument, NULL, OPT_BOOTSTRAP},
        {"subsample", required_argument, NULL, OPT_SUBSAMPLE},
        {"replicates", required_argument, NULL, OPT_REPLICATES},
        {"jackknife", no_argument, NULL, OPT_JACKKNIFE},
        {"leave-out", required_argument, NULL, OPT_LEAVE_OUT},
        {"sweep", required_argument, NULL, OPT_SWEEP},
        {"seed", required_argument, NULL, OPT_SEED},
        {"out", required_argument, NULL, OPT_OUT},
        {"protocol", no_argument, NULL, OPT_PROTOCOL},
        {"permutations", required_argument, NULL, OPT_PERMUTATIONS},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"calibrate", required_argument, NULL, OPT_CALIBRATE},
        {"exclude", required_argument, NULL, OPT_EXCLUDE},
        {"test", required_argument, NULL, OPT_TEST},
        {"test-set", required_argument, NULL, OPT_TEST_SET},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"resume", no_argument, NULL, OPT_RESUME},
        {"by", required_argument, NULL, OPT_BY},
        {NULL, 0, NULL, 0}};
    fsq__cli_common c;
    fsq__cli_common_init(&c, "robust");
    fsq_robust_options o = FSQ_ROBUST_OPTIONS_INIT;
    o.min.type = FSQ_CONSERVATIVE; /* as fsqca minimize and QCA */
    const char *exclude = NULL;
    uint64_t *excluded = NULL;
    fsq__rob_tests tests = {NULL, 0};
    fsq_data *calibrated = NULL;
    double *is_mem = NULL, *y_mem = NULL, *sc = NULL;
    int *rank = NULL;
    unsigned char *case_class = NULL;
    const char **case_ids = NULL;
    fsq_min *is_min = NULL;
    const char *dir_exp = NULL, *out_path = NULL, *sweep_arg = NULL;
    int nschemes = 0, protocol = 0, quiet = 0, status = 0, opt;
    sweep_spec sw = {0};
    calib_arg *cal = NULL;
    size_t ncal = 0, permutations = 0;
    fsq_data *data = NULL;
    fsq_tt *tt = NULL;
    fsq_robust_calib *rcal = NULL;
    char **exp = NULL;
    fsq__buf b = FSQ__BUF_INIT;
    fsq__robust_out ro;
    fsq__robust_out_init(&ro);

    optind = 1;
    while ((opt = fsq__cli_getopt("robust", argc, argv, "", longopts)) != -1) {
        int r = 1;
        switch (opt) {
        case OPT_HELP:
            fputs(usage, stdout);
            goto done;
        case OPT_INCLUDE:
            if (fsq__cli_parse_include(optarg, &o.min.type, &o.min.include_contradictions))
                r = fsq__cli_usage_error("robust", "--include expects ?, ?,C, C or none, got "
                                         "\"%s\"", optarg) ? -1 : -1;
            break;
        case OPT_DIR_EXP:
            dir_exp = optarg;
            break;
        case OPT_EXCLUDE:
            exclude = optarg;
            break;
        case OPT_TEST:
            r = fsq__cli_rob_test_add(&tests, optarg) ? -1 : 1;
            break;
        case OPT_TEST_SET:
            r = fsq__cli_rob_test_file(&tests, optarg) ? -1 : 1;
            break;
        case OPT_BOOTSTRAP:
            o.scheme = FSQ_ROBUST_BOOTSTRAP, nschemes++;
            r = fsq__cli_parse_size("robust", "--bootstrap", optarg, &o.replicates) ? -1 : 1;
            break;
        case OPT_SUBSAMPLE:
            o.scheme = FSQ_ROBUST_SUBSAMPLE, nschemes++;
            r = fsq__cli_parse_size("robust", "--subsample", optarg, &o.subsample) ? -1 : 1;
            break;
        case OPT_REPLICATES:
            r = fsq__cli_parse_size("robust", "--replicates", optarg, &o.replicates) ? -1 : 1;
            break;
        case OPT_JACKKNIFE:
            o.scheme = FSQ_ROBUST_JACKKNIFE, nschemes++;
            break;
        case OPT_LEAVE_OUT:
            o.scheme = FSQ_ROBUST_LEAVE_K_OUT, nschemes++;
            r = fsq__cli_parse_size("robust", "--leave-out", optarg, &o.leave_out) ? -1 : 1;
            break;
        case OPT_SWEEP:
            sweep_arg = optarg, nschemes++;
            break;
        case OPT_SEED: {
            uint64_t s = 0;
            r = fsq__cli_parse_u64("robust", "--seed", optarg, &s) ? -1 : 1;
            o.seed = s;
            break;
        }
        case OPT_OUT:
            out_path = optarg;
            break;
        case OPT_PERMUTATIONS:
            r = fsq__cli_parse_size("robust", "--permutations", optarg, &permutations) ? -1 : 1;
            if (r > 0 && permutations == 0)
                r = fsq__cli_usage_error("robust", "--permutations must be at least 1") ? -1 : -1;
            break;
        case OPT_PROTOCOL:
            protocol = 1;
            break;
        case OPT_QUIET:
            quiet = 1;
            break;
        case OPT_SHARD:
        case OPT_RESUME:
            r = fsq__robust_out_option(&ro, opt == OPT_SHARD ? "--shard" : "--resume", optarg);
            break;
        case OPT_CALIBRATE: {
            const char *eq = strchr(optarg, '=');
            calib_arg *nc = realloc(cal, (ncal + 1) * sizeof *cal);
            if (!nc) {
                status = fsq__cli_fail("robust", FSQ_ENOMEM);
                goto done;
            }
            cal = nc;
            if (!eq || eq == optarg) {
                r = fsq__cli_usage_error("robust", "--calibrate expects COL=THRESHOLDS, got "
                                         "\"%s\"", optarg) ? -1 : -1;
                break;
            }
            calib_arg *a = &cal[ncal];
            a->column = strndup(optarg, (size_t)(eq - optarg));
            a->text = eq + 1;
            ncal++;
            if (!strpbrk(a->text, "pP") && fsq_calib_parse_thresholds(eq + 1, a->th, 6, &a->nth, NULL))
                r = fsq__cli_usage_error("robust", "--calibrate %s: %s", a->column,
                                         fsq_last_error()) ? -1 : -1;
            break;
        }
        default:
            r = fsq__cli_shared_option(&c, opt, optarg);
        }
        if (r < 0) {
            status = FSQ_EXIT_USAGE;
            goto done;
        }
    }
    if (fsq__cli_take_data(&c, argc, argv)) {
        status = FSQ_EXIT_USAGE;
        goto done;
    }
    if (permutations && nschemes) {
        status = fsq__cli_usage_error("robust", "--permutations runs on its own: give no "
                                      "resampling scheme with it");
        goto done;
    }
    if (nschemes > 1 || (nschemes == 0 && !permutations && !tests.ntests)) {
        status = fsq__cli_usage_error("robust", "give exactly one of --bootstrap, --subsample, "
                                      "--jackknife, --leave-out, --sweep, --permutations");
        goto done;
    }
    if (!c.outcome) {
        status = fsq__cli_usage_error("robust", "--outcome is required");
        goto done;
    }
    if (c.by && (permutations || tests.ntests || ro.nshards || ro.resume)) {
        status = fsq__cli_usage_error("robust", "--by does not go with --permutations, --test, "
                                      "--test-set, --shard or --resume");
        goto done;
    }
    if (sweep_arg && (status = parse_sweep(sweep_arg, &sw)))
        goto done;
    if ((status = fsq__cli_load_data(&c, &data)))
        goto done;
    if (c.by && (status = fsq__rob_by_conditions(&c, data)))
        goto done;
    /* Calibration: the IS data, and the specs a calibration sweep varies. */
    rcal = calloc(ncal ? ncal : 1, sizeof *rcal);
    if (!rcal) {
        status = fsq__cli_fail("robust", FSQ_ENOMEM);
        goto done;
    }
    for (size_t i = 0; i < ncal; i++) {
        fsq_calib_options co = FSQ_CALIB_OPTIONS_INIT;
        co.nthresholds = cal[i].nth;
        co.thresholds = cal[i].th;
        rcal[i].column = cal[i].column;
        rcal[i].calib = co;
    }
    fsq_data *raw = data;
    int rc = fsq_data_complete_cases(&calibrated, raw, NULL, 0, 0, NULL);
    size_t n = fsq_data_ncases(raw);
    double *v = malloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < ncal && !rc; i++) {
        long col = fsq_data_find_var(raw, cal[i].column);
        if (col < 0 || !fsq_data_column(raw, (size_t)col)) {
            fsq_data_free(calibrated);
            free(v);
            status = fsq__cli_usage_error("robust", "--calibrate: no numeric column \"%s\"",
                                          cal[i].column);
            goto done;
        }
        if (fsq_calib_parse_thresholds_data(cal[i].text, fsq_data_column(raw, (size_t)col), n,
                                            cal[i].th, 6, &cal[i].nth, NULL)) {
            fsq_data_free(calibrated);
            free(v);
            status = fsq__cli_usage_error("robust", "--calibrate %s: %s", cal[i].column,
                                          fsq_last_error());
            goto done;
        }
        rcal[i].calib.nthresholds = cal[i].nth;
        if (!v)
            rc = FSQ_ENOMEM;
        else if (!(rc = fsq_calibrate(fsq_data_column(raw, (size_t)col), n, &rcal[i].calib, v)))
            rc = fsq_data_set_column(calibrated, cal[i].column, v);
    }
    free(v);
    if (!rc)
        rc = fsq_tt_build(&tt, calibrated, c.outcome, (const char *const *)c.conditions,
                          c.nconditions, &c.tt);
    /* Excluded rows (csa: of the calibrated data), the same in every replicate. */
    if (!rc && exclude && !(rc = fsq_exclude_rows(tt, calibrated, exclude, &excluded,
                                                  &o.min.nexclude)))
        o.min.exclude = excluded;
    if (rc) {
        status = fsq__cli_fail("robust", rc);
        goto done;
    }
    o.threads = c.threads;
    if (dir_exp) {
        if ((status = fsq__cli_parse_dir_exp("robust", dir_exp, tt, &exp)))
            goto done;
        o.min.type = FSQ_INTERMEDIATE;
        o.min.dir_exp = (const char *const *)exp;
        o.min.ndir_exp = fsq_tt_nconditions(tt);
    }

    if (tests.ntests) {
        /* The user's test solutions, and what the protocol compares them
         * with: the IS (first model of the full data) and the outcome. */
        protocol = 1;
        fsq__rob_base base = {raw, rcal, ncal, c.outcome, (const char *const *)c.conditions,
                              c.nconditions, c.tt, o.min};
        if ((status = fsq__cli_rob_tests_run(&tests, &base)))
            goto done;
        size_t nc = fsq_tt_ncases(tt);
        is_mem = malloc((nc ? nc : 1) * sizeof *is_mem);
        y_mem = malloc((nc ? nc : 1) * sizeof *y_mem);
        sc = malloc(tests.ntests * sizeof *sc);
        rank = malloc(tests.ntests * sizeof *rank);
        case_class = malloc(nc ? nc : 1);
        case_ids = malloc((nc ? nc : 1) * sizeof *case_ids);
        fsq_expr *oe = NULL;
        if (!is_mem || !y_mem || !sc || !rank || !case_class || !case_ids)
            rc = FSQ_ENOMEM;
        else if (!(rc = fsq_minimize(&is_min, tt, &o.min)) &&
                 !(rc = fsq_min_solution_membership(is_min, 0, is_mem)) &&
                 !(rc = fsq_expr_parse(&oe, c.outcome)))
            rc = fsq_expr_membership(oe, FSQ_EXPR_ALL, calibrated, y_mem);
        fsq_expr_free(oe);
        const double **tsv = malloc(tests.ntests * sizeof *tsv);
        for (size_t t = 0; tsv && t < tests.ntests; t++)
            tsv[t] = tests.tests[t].mem;
        if (!rc && !tsv)
            rc = FSQ_ENOMEM;
        if (!rc)
            rc = fsq_robust_singletest(is_mem, tsv, tests.ntests, y_mem, nc, sc, rank);
        for (size_t i = 0; !rc && i < nc; i++)
            case_ids[i] = fsq_tt_case_id(tt, i);
        if (!rc && nschemes == 0) {
            /* The protocol over the given test solutions alone. */
            fsq_robust_fit pf;
            fsq_robust_cases rc_cases = {NULL, NULL, NULL, case_class};
            fsq__rob_protocol_extra px = {&tests, sc, rank, case_class, case_ids, nc};
            rc = fsq_robust_protocol(&pf, is_mem, tsv, tests.ntests, y_mem, nc, &rc_cases);
            if (!rc) {
                char *is_text = fsq_min_solution_text(is_min, 0);
                if (c.json) {
                    fsq__json j;
                    fsq__json_init(&j, &b, 1);
                    fsq__json_begin_object(&j);
                    fsq__json_key(&j, "scheme");
                    fsq__json_string(&j, "tests");
                    fsq__json_key(&j, "initial_solution");
                    fsq__json_string(&j, is_text ? is_text : "");
                    fsq__json_key(&j, "protocol");
                    fsq__json_begin_object(&j);
                    fsq__cli_protocol_json(&j, &pf, &px);
                    fsq__json_end_object(&j);
                    fsq__json_end_object(&j);
                    fsq__buf_putc(&b, '\n');
                } else {
                    fsq__buf_printf(&b, "Robustness protocol: %zu test solution%s given\n\n"
                                    "Initial solution (full data):\n  M1: %s\n", tests.ntests,
                                    tests.ntests == 1 ? "" : "s", is_text ? is_text : "?");
                    fsq__cli_protocol_text(&b, &pf, &px);
                }
                free(is_text);
            }
        }
        free(tsv);
        if (rc) {
            status = fsq__cli_fail("robust", rc);
            goto done;
        }
        if (nschemes == 0) {
            status = fsq__buf_ok(&b) ? fsq__cli_fail("robust", FSQ_ENOMEM)
                                     : fsq__cli_emit(&c, b.data, b.len);
            goto done;
        }
    }

    if (permutations) {
        /* Under mpirun the ranks split the permutations (robust_mpi.c). */
        status = permutation_report(&c, tt, permutations, o.seed);
        goto done;
    }

    fsq__rob_job job = {&c, o, NULL, NULL, 0, 0, 0, rcal, ncal, &ro, NULL, protocol, quiet,
                        argc, argv};
    fsq_robust_grid grid = {sw.incl, sw.nincl, sw.ncut, sw.nncut, sw.pri, sw.npri};
    fsq__rob_protocol_extra px = {&tests, sc, rank, NULL, NULL, 0};
    job.px = &px; /* case classes are named whenever the protocol runs (the run's ids) */
    if (sw.anchor) {
        size_t which = 0;
        while (which < ncal && strcmp(cal[which].column, sw.anchor_col) != 0)
            which++;
        if (which == ncal) {
            status = fsq__cli_usage_error("robust", "--sweep %s.%s: calibrate %s with "
                                          "--calibrate first", sw.anchor_col, sw.anchor_name,
                                          sw.anchor_col);
            goto done;
        }
        long a = anchor_index(sw.anchor_name, cal[which].nth);
        if (a < 0) {
            status = fsq__cli_usage_error("robust", "--sweep: %s has no anchor \"%s\"",
                                          sw.anchor_col, sw.anchor_name);
            goto done;
        }
        job.anchors = sw.anchor, job.nanchors = sw.nanchor;
        job.which = which, job.anchor = (size_t)a;
    } else if (sweep_arg) {
        job.grid = &grid;
    }
    status = c.by ? fsq__rob_by(&job, raw, calibrated, tt, out_path)
                  : fsq__rob_run_one(&job, raw, tt, out_path, NULL, NULL, NULL, NULL);
done:
    if (exp && tt)
        for (size_t j = 0; j < fsq_tt_nconditions(tt); j++)
            free(exp[j]);
    free(exp);
    free(excluded);
    fsq__cli_rob_tests_free(&tests);
    fsq_data_free(calibrated);
    fsq_min_free(is_min);
    free(is_mem);
    free(y_mem);
    free(sc);
    free(rank);
    free(case_class);
    free(case_ids);
    for (size_t i = 0; i < ncal; i++)
        free(cal[i].column);
    free(cal);
    free(rcal);
    sweep_free(&sw);
    fsq__buf_free(&b);
    fsq__robust_out_free(&ro);
    fsq_tt_free(tt);
    fsq_data_free(data);
    fsq__cli_common_free(&c);
    return status;
}
