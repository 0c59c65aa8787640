/* Influence matrices, as `fsqca influence MATRIX.csv --sign S.csv --delay
 * D.csv` reads them: the input is up to three CSV files separated by a line
 * "%%\n" (matrix, then signs, then delays; an empty part is not given),
 * each written to a temporary file and read with fsq_influence_read_csv; a
 * model that reads is analysed (fsq_network_analyse: sums, roles, MICMAC,
 * loops up to length 4 and at most 2000 of them, a what-if of 5 steps on
 * the first element) and written as JSON and text.
 * Checked besides the sanitizers: every failure sets a message. */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[3] = {"matrix.csv", "signs.csv", "delays.csv"};
    char paths[3][128];
    const char *path[3] = {NULL, NULL, NULL};
    const uint8_t *part = data, *end = data + size;
    for (int f = 0; f < 3 && part <= end; f++) {
        const uint8_t *sep = NULL;
        for (const uint8_t *q = part; q + 3 <= end; q++)
            if (q[0] == '%' && q[1] == '%' && q[2] == '\n' && (q == part || q[-1] == '\n')) {
                sep = q;
                break;
            }
        size_t n = (size_t)((sep ? sep : end) - part);
        if (n || f == 0) { /* an empty sign or delay part: not given */
            if (fuzz_temp_file(part, n, names[f], paths[f]))
                goto done;
            path[f] = paths[f];
        }
        if (!sep)
            break;
        part = sep + 3;
    }
    fsq_influence *model = NULL;
    int rc = fsq_influence_read_csv(&model, path[0], path[1], path[2]);
    if (rc != 0 && !*fsq_last_error())
        abort();
    if (rc == 0) {
        size_t n = fsq_influence_size(model);
        double *impulse = calloc(n ? n : 1, sizeof *impulse);
        if (!impulse)
            abort();
        impulse[0] = 1;
        fsq_influence_options o = FSQ_INFLUENCE_OPTIONS_INIT;
        o.max_loop = 4;
        o.max_loops = 2000;
        o.impulse = impulse;
        o.steps = 5;
        fsq_network *net = NULL;
        const fsq_influence *cases[1] = {model};
        int arc = fsq_network_analyse(&net, cases, 1, &o);
        if (arc != 0 && !*fsq_last_error())
            abort();
        char *out = NULL;
        size_t len;
        if (arc == 0 && fsq_network_to_json(net, &out, &len) == 0)
            free(out);
        if (arc == 0 && fsq_network_to_text(net, &out, &len) == 0)
            free(out);
        fsq_network_free(net);
        free(impulse);
    }
    fsq_influence_free(model);
done:
    for (int f = 0; f < 3; f++)
        if (path[f])
            unlink(path[f]);
    return 0;
}
