/* The options every analysis command shares (src/cli/cli_common.c:
 * --outcome, --conditions, --incl-cut IC1[,IC0], --n-cut, --pri-cut, --sep,
 * --id-col, --threads), each value followed by building the truth table of a
 * fixed data set with the options so parsed; and the outcome language of
 * necessity ("Y", "~Y", "M{1,2}", "M[2]"). The first byte picks the option.
 * Checked: accepted cut-offs are in [0, 1], threads in 1..4096. */
#include "fuzz_util.h"
#include "cli/cli.h"

static fsq_data *data;

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    static const int opts[] = {OPT_OUTCOME, OPT_CONDITIONS, OPT_INCL_CUT, OPT_N_CUT,
                               OPT_PRI_CUT, OPT_SEP,        OPT_ID_COL,   OPT_THREADS};
    if (size < 1)
        return 0;
    if (!data)
        data = fuzz_small_data();
    unsigned which = bytes[0] % 9;
    char *text = fuzz_cstr(bytes + 1, size - 1);
    if (which == 8) {
        /* Necessity's outcome: a name, ~name, or name{levels} / name[levels]. */
        static const char *const conds[] = {"A", "B", "M"};
        fsq_nec_options no = FSQ_NEC_OPTIONS_INIT;
        no.depth = 2;
        fsq_nec *nec = NULL;
        if (fsq_nec_compute(&nec, data, text, conds, 3, &no) != 0 && !*fsq_last_error())
            abort();
        fsq_nec_free(nec);
        free(text);
        return 0;
    }
    fsq__cli_common c;
    fsq__cli_common_init(&c, "fuzz");
    c.outcome = "Y";
    if (fsq__cli_common_option(&c, opts[which], text) == 1) {
        const fsq_tt_options *t = &c.tt;
        if (!(t->incl_cut1 >= 0 && t->incl_cut1 <= 1) || !(t->pri_cut >= 0 && t->pri_cut <= 1) ||
            (t->incl_cut0 != -1.0 && !(t->incl_cut0 >= 0 && t->incl_cut0 <= 1)))
            abort();
        if (opts[which] == OPT_THREADS && !(c.threads >= 1 && c.threads <= 4096))
            abort();
        fsq_tt *tt = NULL;
        fsq_tt_options to = c.tt;
        to.threads = 1;
        if (fsq_tt_build(&tt, data, c.outcome, (const char *const *)c.conditions, c.nconditions,
                         &to) != 0 && !*fsq_last_error())
            abort();
        fsq_tt_free(tt);
    }
    fsq__cli_common_free(&c);
    free(text);
    return 0;
}
