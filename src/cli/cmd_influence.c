/* `fsqca influence MATRIX.csv [MORE.csv ...]`: network thinking on an
 * influence matrix (Vester's sensitivity model): sums, roles, MICMAC, loops,
 * what-if, role map and influence graph as SVG (see fsqca.h, section 8). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_influence.h"

static const char usage[] =
    "Usage: fsqca influence MATRIX.csv [MORE.csv ...] [--sign SIGNS.csv]\n"
    "                       [--delay DELAYS.csv] [--json] [--svg MAP.svg]\n"
    "                       [--graph-svg GRAPH.svg] [--max-loop L] [--impulse NAME=V]\n"
    "                       [--steps T]\n"
    "\n"
    "Network thinking (Probst & Gomez; Vester's sensitivity model) on an influence\n"
    "matrix: cell (i, j) is the intensity of the influence of element i on element\n"
    "j (0..3 on Vester's scale; any number >= 0), the header and the first column\n"
    "name the elements in the same order, the diagonal is 0 (or empty).\n"
    "\n"
    "Per element: active sum AS (row sum), passive sum PS (column sum), P = AS x PS\n"
    "(how involved), Q = AS / PS (how active), and the role against the mean\n"
    "(total intensity / number of elements): active (AS above the mean, PS not),\n"
    "reactive (PS above, AS not), critical (both above), buffering (neither).\n"
    "MICMAC (Godet): the ranking by the row and column sums of the powers M^k,\n"
    "taken until the ranking stops changing, beside the direct ranking, so the\n"
    "elements whose influence is mostly indirect stand out.\n"
    "Feedback loops: every elementary directed cycle of up to L elements, exactly\n"
    "(Johnson's algorithm with a depth bound), with its sign (the product of its\n"
    "signs: reinforcing +, balancing -), weakest intensity and slowest delay.\n"
    "\n"
    "Options:\n"
    "  --sign FILE        signs of the influences, same shape and names: +1 / -1\n"
    "                     (or + / -); empty or 0 where there is no influence\n"
    "                     (default: every influence positive)\n"
    "  --delay FILE       time behaviour: 1 / 2 / 3 or short / medium / long\n"
    "                     (default: every influence short)\n"
    "  --max-loop L       longest loop listed, in elements (default 6; 0 = none)\n"
    "  --max-loops N      stop after N loops (default 100000): the list is then\n"
    "                     marked incomplete and the exit status is 1\n"
    "  --max-power K      MICMAC: highest power tried (default 32); a ranking still\n"
    "                     changing at M^K is marked NOT STABLE (exit status 1)\n"
    "  --impulse NAME=V   what-if: change element NAME by V (e.g. +1) at step 0;\n"
    "                     repeat for several elements\n"
    "  --steps T          what-if: steps to follow (default 10)\n"
    "  --json             JSON instead of text\n"
    "  --output FILE      write the text or JSON to FILE (atomically)\n"
    "  --svg FILE         the role map (PS on x, AS on y, the mean lines, the\n"
    "                     quadrant names, one labelled point per element)\n"
    "  --graph-svg FILE   the influence graph (elements on a circle, arrow width by\n"
    "                     intensity, dashed for negative influences)\n"
    "  --help             this text\n"
    "\n"
    "What-if assumes a linear pulse process (Roberts): a change c of element i at\n"
    "step t changes each element j that i influences by sign x intensity / AS_max\n"
    "x c at step t + delay (short 1, medium 2, long 3 steps), AS_max being the\n"
    "largest active sum (so no element passes on more change than it received);\n"
    "changes add up and never saturate, and an element's level is the sum of its\n"
    "changes so far. It shows directions and timing, not magnitudes of a real\n"
    "system.\n"
    "\n"
    "Several matrices (one per case study, the same elements in the same order):\n"
    "the analysis is that of the element-wise mean matrix; the output adds the\n"
    "mean and median matrices and every element's role in each case. --sign and\n"
    "--delay then apply to every case.\n"
    "\n"
    "Errors name FILE:LINE:COLUMN and the value (exit status 2; nothing is\n"
    "written). Exit status: 0 ok, 1 a limit cut a result short, 2 bad input.\n";

enum {
    OPT_SIGN = OPT_COMMON_END + 300, OPT_DELAY, OPT_SVG, OPT_GRAPH_SVG, OPT_MAX_LOOP,
    OPT_MAX_LOOPS, OPT_MAX_POWER, OPT_IMPULSE, OPT_STEPS
};

/* Parses "NAME=VALUE" items into impulse[n] (against the model's names). */
static int parse_impulses(const char *command, const fsq__influence_job *job,
                          const fsq_influence *m, double *impulse)
{
    size_t n = fsq_influence_size(m);
    for (size_t k = 0; k < job->nimpulses; k++) {
        const char *item = job->impulses[k], *eq = strrchr(item, '=');
        if (!eq || eq == item)
            return fsq__cli_usage_error(command, "--impulse expects NAME=VALUE, got \"%s\"",
                                        item);
        size_t i = 0, len = (size_t)(eq - item);
        while (i < n && !(strlen(fsq_influence_name(m, i)) == len &&
                          strncmp(fsq_influence_name(m, i), item, len) == 0))
            i++;
        if (i == n)
            return fsq__cli_usage_error(command, "--impulse: \"%.*s\" is not an element of %s",
                                        (int)len, item, fsq_influence_source(m));
        double v;
        if (fsq__cli_parse_double(command, "--impulse", eq + 1, &v))
            return FSQ_EXIT_USAGE;
        impulse[i] += v;
    }
    return 0;
}

int fsq__cli_influence_analyse(const char *command, const fsq__influence_job *job,
                               fsq_network **out)
{
    *out = NULL;
    fsq_influence **models = calloc(job->nmatrices ? job->nmatrices : 1, sizeof *models);
    double *impulse = NULL;
    int status = 0, rc;
    if (!models)
        return fsq__cli_fail(command, FSQ_ENOMEM);
    for (size_t c = 0; c < job->nmatrices && !status; c++)
        if ((rc = fsq_influence_read_csv(&models[c], job->matrices[c], job->sign, job->delay)))
            status = fsq__cli_fail(command, rc);
    fsq_influence_options opts = job->opts;
    if (!status && job->nimpulses) {
        impulse = calloc(fsq_influence_size(models[0]), sizeof *impulse);
        if (!impulse)
            status = fsq__cli_fail(command, FSQ_ENOMEM);
        else
            status = parse_impulses(command, job, models[0], impulse);
        opts.impulse = impulse;
    }
    if (!status && (rc = fsq_network_analyse(out, (const fsq_influence *const *)models,
                                             job->nmatrices, &opts)))
        status = fsq__cli_fail(command, rc);
    for (size_t c = 0; c < job->nmatrices; c++)
        fsq_influence_free(models[c]);
    free(models);
    free(impulse);
    return status;
}

int fsq__cli_influence_limits(const char *command, const fsq_network *net)
{
    int cut = 0;
    fsq_micmac_status st;
    size_t power = fsq_network_micmac_power(net, &st);
    if (!fsq_network_loops_complete(net)) {
        fprintf(stderr, "fsqca %s: the loop list is incomplete: the limit of %zu loops was "
                "reached (raise --max-loops or lower --max-loop)\n", command,
                fsq_network_nloops(net));
        cut = 1;
    }
    if (st == FSQ_MICMAC_LIMIT) {
        fprintf(stderr, "fsqca %s: the MICMAC ranking still changed at M^%zu (the limit); it "
                "is shown as not stable\n", command, power);
        cut = 1;
    }
    return cut;
}

/* Writes a library-made text (SVG) to path atomically. */
static int write_out(const char *path, char *text, size_t len)
{
    fsq__cli_common c;
    fsq__cli_common_init(&c, "influence");
    c.output = path;
    int status = fsq__cli_emit(&c, text, len);
    fsq__cli_common_free(&c);
    return status;
}

int fsq__cli_influence(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"sign", required_argument, NULL, OPT_SIGN},
        {"delay", required_argument, NULL, OPT_DELAY},
        {"svg", required_argument, NULL, OPT_SVG},
        {"graph-svg", required_argument, NULL, OPT_GRAPH_SVG},
        {"max-loop", required_argument, NULL, OPT_MAX_LOOP},
        {"max-loops", required_argument, NULL, OPT_MAX_LOOPS},
        {"max-power", required_argument, NULL, OPT_MAX_POWER},
        {"impulse", required_argument, NULL, OPT_IMPULSE},
        {"steps", required_argument, NULL, OPT_STEPS},
        {"json", no_argument, NULL, OPT_JSON},
        {"output", required_argument, NULL, OPT_OUTPUT},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}};
    const char *cmd = "influence", *svg_path = NULL, *graph_path = NULL;
    fsq__cli_common c;
    fsq__cli_common_init(&c, cmd);
    fsq__influence_job job;
    memset(&job, 0, sizeof job);
    fsq_influence_options defaults = FSQ_INFLUENCE_OPTIONS_INIT;
    job.opts = defaults;
    const char **impulses = calloc((size_t)argc + 1, sizeof *impulses);
    fsq_network *net = NULL;
    char *text = NULL, *svg = NULL, *graph = NULL;
    size_t text_len = 0, svg_len = 0, graph_len = 0;
    int status = 0, opt, rc;
    if (!impulses)
        return fsq__cli_fail(cmd, FSQ_ENOMEM);

    optind = 1;
    while ((opt = fsq__cli_getopt(cmd, argc, argv, "", longopts)) != -1) {
        size_t *size_opt = NULL;
        const char *size_name = NULL;
        switch (opt) {
        case OPT_HELP:
            fputs(usage, stdout);
            goto done;
        case OPT_SIGN:
            job.sign = optarg;
            break;
        case OPT_DELAY:
            job.delay = optarg;
            break;
        case OPT_SVG:
            svg_path = optarg;
            break;
        case OPT_GRAPH_SVG:
            graph_path = optarg;
            break;
        case OPT_IMPULSE:
            impulses[job.nimpulses++] = optarg;
            break;
        case OPT_MAX_LOOP:
            size_opt = &job.opts.max_loop, size_name = "--max-loop";
            break;
        case OPT_MAX_LOOPS:
            size_opt = &job.opts.max_loops, size_name = "--max-loops";
            break;
        case OPT_MAX_POWER:
            size_opt = &job.opts.max_power, size_name = "--max-power";
            break;
        case OPT_STEPS:
            size_opt = &job.opts.steps, size_name = "--steps";
            break;
        case OPT_JSON:
            c.json = 1;
            break;
        case OPT_OUTPUT:
            c.output = optarg;
            break;
        default: /* '?': fsq__cli_getopt has said why */
            status = FSQ_EXIT_USAGE;
            goto done;
        }
        if (size_opt && fsq__cli_parse_size(cmd, size_name, optarg, size_opt)) {
            status = FSQ_EXIT_USAGE;
            goto done;
        }
        if (size_opt == &job.opts.steps && job.opts.steps > 100000) {
            status = fsq__cli_usage_error(cmd, "--steps expects at most 100000, got %s", optarg);
            goto done;
        }
        if (size_opt == &job.opts.max_power && job.opts.max_power < 2) {
            status = fsq__cli_usage_error(cmd, "--max-power expects at least 2, got %s", optarg);
            goto done;
        }
    }
    if (optind >= argc) {
        status = fsq__cli_usage_error(cmd, "no MATRIX.csv given");
        goto done;
    }
    job.matrices = (const char *const *)argv + optind;
    job.nmatrices = (size_t)(argc - optind);
    job.impulses = impulses;

    /* Everything is computed before anything is written. */
    if ((status = fsq__cli_influence_analyse(cmd, &job, &net)))
        goto done;
    rc = c.json ? fsq_network_to_json(net, &text, &text_len)
                : fsq_network_to_text(net, &text, &text_len);
    if (!rc && svg_path)
        rc = fsq_network_role_map_svg(net, &svg, &svg_len);
    if (!rc && graph_path)
        rc = fsq_network_graph_svg(net, &graph, &graph_len);
    if (rc) {
        status = fsq__cli_fail(cmd, rc);
        goto done;
    }
    if ((svg && (status = write_out(svg_path, svg, svg_len))) ||
        (graph && (status = write_out(graph_path, graph, graph_len))) ||
        (status = fsq__cli_emit(&c, text, text_len)))
        goto done;
    if (fsq__cli_influence_limits(cmd, net))
        status = FSQ_EXIT_ANALYSIS;
done:
    free(text);
    free(svg);
    free(graph);
    free(impulses);
    fsq_network_free(net);
    fsq__cli_common_free(&c);
    return status;
}
