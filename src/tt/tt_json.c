/* The truth table as JSON, in the schema of the QCA reference files. */
#include <stdio.h>
#include <string.h>

#include "common/json.h"
#include "tt/tt_internal.h"

static const char *const type_names[] = {"crisp", "fuzzy", "multi-value"};
static const char *const out_names[] = {"0", "1", "C", "?"};

const char *fsq__tt_type_name(fsq_cond_type t)
{
    return type_names[t];
}

const char *fsq__out_name(fsq_out o)
{
    return out_names[o];
}

/* Digits as text: "0120"; with more than ten levels somewhere, "0,12,0". */
void fsq__tt_row_text(const fsq_tt *tt, const unsigned char *digits, fsq__buf *b)
{
    int wide = 0;
    for (size_t j = 0; j < tt->k; j++)
        wide |= tt->levels[j] > 10;
    for (size_t j = 0; j < tt->k; j++) {
        if (wide && j)
            fsq__buf_putc(b, ',');
        fsq__buf_printf(b, "%u", digits[j]);
    }
}

/* The body of one truth table as keys of the currently open object. */
void fsq__tt_json_fields(const fsq_tt *tt, fsq__json *j)
{
    char num[700];
    fsq__json_key(j, "outcome");
    fsq__json_string(j, tt->outcome);
    fsq__json_key(j, "negate_outcome");
    fsq__json_bool(j, tt->negated);
    fsq__json_key(j, "conditions");
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (size_t c = 0; c < tt->k; c++)
        fsq__json_string(j, tt->conditions[c]);
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);
    fsq__json_key(j, "condition_type");
    fsq__json_string(j, type_names[tt->type]);
    fsq__json_key(j, "incl_cut");
    if (tt->opts.incl_cut0 >= 0) {
        fsq__json_compact(j, 1);
        fsq__json_begin_array(j);
        fsq__json_number(j, tt->opts.incl_cut1);
        fsq__json_number(j, tt->opts.incl_cut0);
        fsq__json_end_array(j);
        fsq__json_compact(j, 0);
    } else {
        fsq__json_number(j, tt->opts.incl_cut1);
    }
    fsq__json_key(j, "n_cut");
    fsq__json_uint(j, tt->opts.n_cut);
    fsq__json_key(j, "pri_cut");
    fsq__json_number(j, tt->opts.pri_cut);
    fsq__json_key(j, "remainder_rows");
    fsq__json_raw(j, fsq_tt_remainders(tt, num, sizeof num));
    fsq__json_key(j, "half_membership_cases");
    fsq__json_compact(j, 1);
    fsq__json_begin_array(j);
    for (size_t h = 0; h < tt->nhalf; h++)
        fsq__json_string(j, tt->case_ids[tt->half_cases[h]]);
    fsq__json_end_array(j);
    fsq__json_compact(j, 0);
    fsq__json_key(j, "truth_table");
    fsq__json_begin_array(j);
    fsq__buf row = FSQ__BUF_INIT;
    for (size_t r = 0; r < tt->nrows; r++) {
        fsq__json_compact(j, 1);
        fsq__json_begin_object(j);
        fsq__json_key(j, "index");
        fsq__json_raw(j, fsq_tt_row_index(tt, r, num, sizeof num));
        fsq__json_key(j, "row");
        row.len = 0;
        fsq__tt_row_text(tt, tt->rows + r * tt->k, &row);
        fsq__json_string(j, fsq__buf_str(&row));
        fsq__json_key(j, "OUT");
        fsq__json_string(j, out_names[tt->row_out[r]]);
        fsq__json_key(j, "n");
        fsq__json_uint(j, tt->row_n[r]);
        fsq__json_key(j, "incl");
        fsq__json_number(j, tt->row_incl[r]);
        fsq__json_key(j, "PRI");
        fsq__json_number(j, tt->row_pri[r]);
        fsq__json_key(j, "cases");
        fsq__json_begin_array(j);
        for (size_t t = tt->row_start[r]; t < tt->row_start[r + 1]; t++)
            fsq__json_string(j, tt->case_ids[tt->row_cases[t]]);
        fsq__json_end_array(j);
        fsq__json_end_object(j);
        fsq__json_compact(j, 0);
    }
    fsq__buf_free(&row);
    fsq__json_end_array(j);
}

int fsq_tt_to_json(const fsq_tt *tt, char **json, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    fsq__json j;
    fsq__json_init(&j, &b, 1);
    fsq__json_begin_object(&j);
    fsq__tt_json_fields(tt, &j);
    fsq__json_end_object(&j);
    fsq__buf_putc(&b, '\n');
    return fsq__buf_hand_out(&b, json, len);
}
