/* Berkeley PLA files, as `fsqca minimize FILE.pla` reads them: fsq_pla_parse
 * -> for each of the first outputs fsq_pla_output_sets -> fsq_minimize_sets
 * (small limits) -> the models; and the writer: fsq_pla_to_text of what was
 * read must read back to the same text (a round trip).
 * Checked besides the sanitizers: every failure sets a message; the round
 * trip holds. */
#include "fuzz_util.h"

#define FUZZ_MAX_OUTPUTS 4

static void check_message(const char *what, int rc)
{
    if (rc != 0 && !*fsq_last_error()) {
        fprintf(stderr, "fuzz_pla: %s failed without a message\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fsq_pla *pla = NULL, *again = NULL;
    char *text = NULL, *text2 = NULL;
    size_t len = 0, len2 = 0;
    int rc = fsq_pla_parse(&pla, (const char *)data, size, "fuzz.pla");
    check_message("fsq_pla_parse", rc);
    if (rc)
        return 0;
    size_t k = fsq_pla_ninputs(pla);
    fsq_pla_type type = fsq_pla_get_type(pla);
    for (size_t o = 0; o < fsq_pla_noutputs(pla) && o < FUZZ_MAX_OUTPUTS; o++) {
        unsigned char *on, *off, *dc;
        size_t non, noff, ndc;
        rc = fsq_pla_output_sets(pla, o, &on, &non, &off, &noff, &dc, &ndc);
        check_message("fsq_pla_output_sets", rc);
        if (rc)
            break;
        fsq_sets_options so = FSQ_SETS_OPTIONS_INIT;
        so.off_given = (type & 4) != 0;
        so.max_points = 1u << 14;
        so.max_pis = 2000;
        so.max_solutions = 64;
        so.time_limit = 0.25;
        so.threads = 1;
        fsq_sets *sets = NULL;
        rc = fsq_minimize_sets(&sets, k, on, non, off, noff, dc, ndc, &so);
        check_message("fsq_minimize_sets", rc);
        for (size_t s = 0; sets && s < fsq_sets_nsolutions(sets) && s < 4; s++) {
            const size_t *terms = fsq_sets_solution(sets, s);
            for (size_t t = 0; t < fsq_sets_solution_size(sets); t++)
                if (terms[t] >= fsq_sets_npis(sets))
                    abort(); /* a model names a prime implicant that is not there */
        }
        fsq_sets_free(sets);
        free(on);
        free(off);
        free(dc);
    }
    /* The writer's text reads back, and writes the same text again. */
    rc = fsq_pla_to_text(pla, &text, &len);
    check_message("fsq_pla_to_text", rc);
    if (rc == 0) {
        if (fsq_pla_parse(&again, text, len, "round-trip.pla") != 0) {
            fprintf(stderr, "fuzz_pla: the writer's text does not read back: %s\n%s",
                    fsq_last_error(), text);
            abort();
        }
        if (fsq_pla_to_text(again, &text2, &len2) != 0 || len2 != len ||
            memcmp(text, text2, len) != 0) {
            fprintf(stderr, "fuzz_pla: the round trip changed the PLA\n%s---\n%s", text,
                    text2 ? text2 : "");
            abort();
        }
    }
    free(text);
    free(text2);
    fsq_pla_free(again);
    fsq_pla_free(pla);
    return 0;
}
