/* CSV bytes through the whole pipeline: parse -> complete cases -> truth
 * table -> minimize (small limits) -> JSON and text; also necessity.
 *
 * An input that starts with a byte below 8 uses it as an option byte:
 *   bit 0  drop cases with missing values (else they are an error)
 *   bit 1  parsimonious (include = ?), bit 2 with C rows as don't-cares
 * and incl.cut 0.8 when bit 1 and 2 are both set. Plain CSV seeds use the
 * defaults (conservative, incl.cut 1).
 * Properties checked besides the sanitizers: every call either succeeds or
 * sets a message; no output exceeds FUZZ_MAX_OUTPUT bytes (what one small
 * input can make the program write is bounded). */
#include "fuzz_util.h"

#define FUZZ_MAX_CONDITIONS 16
#define FUZZ_MAX_OUTPUT (64u << 20)

static void check_output(const char *what, int rc, size_t len)
{
    if (rc == 0 && len > FUZZ_MAX_OUTPUT) {
        fprintf(stderr, "fuzz_csv: %s wrote %zu bytes\n", what, len);
        abort();
    }
    if (rc != 0 && !*fsq_last_error()) {
        fprintf(stderr, "fuzz_csv: %s failed without a message\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned flags = 0;
    if (size && data[0] < 8) {
        flags = data[0];
        data++, size--;
    }
    fsq_data *raw = NULL, *d = NULL;
    fsq_tt *tt = NULL;
    fsq_min *min = NULL;
    fsq_nec *nec = NULL;
    char *text = NULL;
    size_t len = 0;
    const char *names[FUZZ_MAX_CONDITIONS];
    const char *outcome = NULL;
    size_t k = 0;

    int rc = fsq_data_parse_csv(&raw, (const char *)data, size, "fuzz.csv", NULL);
    check_output("fsq_data_parse_csv", rc, 0);
    if (rc)
        goto done;
    /* Outcome: the last column that could be a condition; conditions: the
     * other such columns, at most FUZZ_MAX_CONDITIONS. */
    for (size_t v = fsq_data_nvars(raw); v-- > 0;)
        if (fsq_data_var_is_default_condition(raw, v)) {
            outcome = fsq_data_var_name(raw, v);
            break;
        }
    if (!outcome)
        goto done;
    for (size_t v = 0; v < fsq_data_nvars(raw) && k < FUZZ_MAX_CONDITIONS; v++)
        if (fsq_data_var_is_default_condition(raw, v) && fsq_data_var_name(raw, v) != outcome)
            names[k++] = fsq_data_var_name(raw, v);
    if (fsq_data_find_var(raw, outcome) < 0)
        abort(); /* a column is always found by its own name */

    const char *used[FUZZ_MAX_CONDITIONS + 1];
    memcpy(used, names, k * sizeof *names);
    used[k] = outcome;
    size_t ndropped = 0;
    rc = fsq_data_complete_cases(&d, raw, used, k + 1, flags & 1, &ndropped);
    check_output("fsq_data_complete_cases", rc, 0);
    if (rc)
        goto done;

    fsq_tt_options to = FSQ_TT_OPTIONS_INIT;
    if ((flags & 6) == 6)
        to.incl_cut1 = 0.8;
    to.threads = 1;
    rc = fsq_tt_build(&tt, d, outcome, k ? names : NULL, k, &to);
    check_output("fsq_tt_build", rc, 0);
    if (rc)
        goto done;
    rc = fsq_tt_to_json(tt, &text, &len);
    check_output("fsq_tt_to_json", rc, len);
    free(text), text = NULL;

    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
    mo.type = flags & 2 ? FSQ_PARSIMONIOUS : FSQ_CONSERVATIVE;
    mo.include_contradictions = (flags & 4) != 0;
    mo.max_pis = 2000;
    mo.max_solutions = 64;
    mo.time_limit = 0.25;
    mo.threads = 1;
    rc = fsq_minimize(&min, tt, &mo);
    check_output("fsq_minimize", rc, 0);
    if (rc == 0) {
        rc = fsq_min_to_json(min, &text, &len);
        check_output("fsq_min_to_json", rc, len);
        free(text), text = NULL;
        rc = fsq_min_to_text(min, &text, &len);
        check_output("fsq_min_to_text", rc, len);
        free(text), text = NULL;
        for (size_t i = 0; i < fsq_min_nsolutions(min) && i < 4; i++)
            free(fsq_min_solution_text(min, i));
    }

    fsq_nec_options no = FSQ_NEC_OPTIONS_INIT;
    no.depth = 2;
    if (k && fsq_nec_compute(&nec, d, outcome, names, k < 6 ? k : 6, &no) == 0) {
        rc = fsq_nec_to_json(nec, &text, &len);
        check_output("fsq_nec_to_json", rc, len);
        free(text), text = NULL;
    }
done:
    fsq_nec_free(nec);
    fsq_min_free(min);
    fsq_tt_free(tt);
    fsq_data_free(d);
    fsq_data_free(raw);
    return 0;
}
