/* The public pieces the CLI uses instead of internal headers (fsqca.h):
 * truth-table names and cut-offs, the data column check and number format,
 * the table writer and escapes, and the run report's entry points. Expected
 * values are written here by hand from the header's documentation and a
 * four-case data set worked on paper. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static const char csv[] = "id,A,B,Y,name\n"
                          "c1,0,1,1,x\n"
                          "c2,1,0,0,y\n"
                          "c3,1,1,1,z\n"
                          "c4,1,1,1,w\n";

static fsq_data *data4(void)
{
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, strlen(csv), "mem.csv", NULL), 0);
    return d;
}

START_TEST(test_public_api__names)
{
    ck_assert_str_eq(fsq_out_name(FSQ_OUT_0), "0");
    ck_assert_str_eq(fsq_out_name(FSQ_OUT_1), "1");
    ck_assert_str_eq(fsq_out_name(FSQ_OUT_C), "C");
    ck_assert_str_eq(fsq_out_name(FSQ_OUT_REM), "?");
    ck_assert_str_eq(fsq_cond_type_name(FSQ_CRISP), "crisp");
    ck_assert_str_eq(fsq_cond_type_name(FSQ_FUZZY), "fuzzy");
    ck_assert_str_eq(fsq_cond_type_name(FSQ_MULTIVALUE), "multi-value");
    ck_assert_str_eq(fsq_solution_type_name(FSQ_CONSERVATIVE), "conservative");
    ck_assert_str_eq(fsq_solution_type_name(FSQ_PARSIMONIOUS), "parsimonious");
    ck_assert_str_eq(fsq_solution_type_name(FSQ_INTERMEDIATE), "intermediate");
    char name[64];
    ck_assert_str_eq(fsq_report_plot_name(FSQ_PARSIMONIOUS, 0, name, sizeof name),
                     "xy_parsimonious_M1.svg");
    ck_assert_str_eq(fsq_report_plot_name(FSQ_CONSERVATIVE, 2, name, sizeof name),
                     "xy_conservative_M3.svg");
}
END_TEST

START_TEST(test_public_api__tt_options)
{
    fsq_data *d = data4();
    const char *conds[] = {"A", "B"};
    fsq_tt_options o = FSQ_TT_OPTIONS_INIT;
    o.incl_cut1 = 0.8;
    o.n_cut = 2;
    fsq_tt *tt = NULL;
    ck_assert_int_eq(fsq_tt_build(&tt, d, "Y", conds, 2, &o), 0);
    const fsq_tt_options *got = fsq_tt_get_options(tt);
    ck_assert(got->incl_cut1 == 0.8 && got->incl_cut0 == -1.0 && got->n_cut == 2);
    ck_assert_str_eq(fsq_cond_type_name(fsq_tt_type(tt)), "crisp");
    /* Rows 01 (c1), 10 (c2), 11 (c3, c4): only 11 has two cases; incl 1. */
    ck_assert_uint_eq(fsq_tt_nrows(tt), 3);
    ck_assert_str_eq(fsq_out_name(fsq_tt_row_out(tt, 0)), "?");
    ck_assert_str_eq(fsq_out_name(fsq_tt_row_out(tt, 1)), "?");
    ck_assert_str_eq(fsq_out_name(fsq_tt_row_out(tt, 2)), "1");
    o.n_cut = 1;
    ck_assert_int_eq(fsq_tt_reclassify(tt, &o), 0);
    ck_assert_uint_eq(fsq_tt_get_options(tt)->n_cut, 1);
    ck_assert_str_eq(fsq_out_name(fsq_tt_row_out(tt, 0)), "1");
    ck_assert_str_eq(fsq_out_name(fsq_tt_row_out(tt, 1)), "0");
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

START_TEST(test_public_api__data)
{
    fsq_data *d = data4();
    size_t var = 99;
    ck_assert_int_eq(fsq_data_numeric_var(d, "B", &var), 0);
    ck_assert_uint_eq(var, 1);
    ck_assert_int_eq(fsq_data_numeric_var(d, "name", &var), FSQ_EINPUT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "mem.csv:2:5: column \"name\" is not numeric"));
    ck_assert_int_eq(fsq_data_numeric_var(d, "Q", &var), FSQ_EINPUT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "no column named \"Q\" (columns: A, B, Y, name)"));
    fsq_data_free(d);

    char buf[40];
    fsq_data_format_number(buf, sizeof buf, 0.1);
    ck_assert_str_eq(buf, "0.1");
    fsq_data_format_number(buf, sizeof buf, 2.5);
    ck_assert_str_eq(buf, "2.5");
    fsq_data_format_number(buf, sizeof buf, 1.0 / 3.0); /* %.15g does not read back */
    ck_assert_str_eq(buf, "0.33333333333333331");
    fsq_data_format_number(buf, sizeof buf, NAN);
    ck_assert_str_eq(buf, "NA");
}
END_TEST

START_TEST(test_public_api__table)
{
    fsq_table *t = NULL;
    ck_assert_int_eq(fsq_table_new(&t, 2, "Fit of A_1"), 0);
    fsq_table_column(t, 0, "term", 'l');
    fsq_table_column(t, 1, "incl", 'r');
    fsq_table_row(t);
    fsq_table_cell(t, 0, "A*B");
    fsq_table_number(t, 1, 0.91234, 3);
    fsq_table_row(t);
    fsq_table_cell(t, 0, "x|y");
    fsq_table_number(t, 1, NAN, 3);
    fsq_table_note(t, "n = 2 (100%)");
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(fsq_table_render(t, FSQ_FORMAT_MARKDOWN, &out, &len), 0);
    ck_assert_str_eq(out, "**Fit of A\\_1**\n\n| term | incl |\n|---|---:|\n| A\\*B | 0.912 |\n"
                          "| x\\|y | - |\n\nn = 2 (100%)\n");
    ck_assert_uint_eq(len, strlen(out));
    free(out);
    ck_assert_int_eq(fsq_table_render(t, FSQ_FORMAT_CSV, &out, NULL), 0);
    ck_assert_str_eq(out, "term,incl\r\nA*B,0.912\r\nx|y,-\r\n");
    free(out);
    out = (char *)"x";
    ck_assert_int_eq(fsq_table_render(t, FSQ_FORMAT_JSON, &out, &len), FSQ_EINPUT);
    ck_assert_ptr_null(out);
    fsq_table_free(t);
    fsq_table_free(NULL);
}
END_TEST

static void escaped(fsq_format f, const char *s, const char *want)
{
    char *e = fsq_format_escape(f, s);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e, want);
    free(e);
}

START_TEST(test_public_api__escape)
{
    escaped(FSQ_FORMAT_LATEX, "~A_1&", "$\\sim$A\\_1\\&");
    escaped(FSQ_FORMAT_HTML, "<a&\"b\">", "&lt;a&amp;&quot;b&quot;&gt;");
    escaped(FSQ_FORMAT_CSV, "a,\"b", "\"a,\"\"b\"");
    escaped(FSQ_FORMAT_CSV, "plain", "plain");
    escaped(FSQ_FORMAT_TEXT, "a<b", "a<b");
    escaped(FSQ_FORMAT_LATEX, "", "");
}
END_TEST

START_TEST(test_public_api__report)
{
    char *tex = NULL;
    size_t len = 0;
    const char md[] = "# QCA of Y\n\nText.\n";
    ck_assert_int_eq(fsq_report_latex(md, strlen(md), &tex, &len), 0);
    ck_assert_uint_eq(len, strlen(tex));
    ck_assert_ptr_nonnull(strstr(tex, "\\documentclass"));
    ck_assert_ptr_nonnull(strstr(tex, "\\section*{QCA of Y}\n"));
    ck_assert_ptr_nonnull(strstr(tex, "\\end{document}"));
    free(tex);

    /* The XY plot of Y = A*B on the four cases: a point (with its id as a
     * tooltip) per case. */
    fsq_data *d = data4();
    const char *conds[] = {"A", "B"};
    fsq_tt_options o = FSQ_TT_OPTIONS_INIT;
    fsq_tt *tt = NULL;
    ck_assert_int_eq(fsq_tt_build(&tt, d, "Y", conds, 2, &o), 0);
    fsq_min_options mo = FSQ_MIN_OPTIONS_INIT;
    fsq_min *min = NULL;
    ck_assert_int_eq(fsq_minimize(&min, tt, &mo), 0);
    char *svg = NULL;
    ck_assert_int_eq(fsq_report_xy_svg(min, 0, &svg, &len), 0);
    ck_assert_uint_eq(len, strlen(svg));
    ck_assert_ptr_nonnull(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
    const char *p = svg;
    size_t circles = 0;
    while ((p = strstr(p, "<circle ")))
        circles++, p++;
    ck_assert_uint_eq(circles, 4);
    ck_assert_ptr_nonnull(strstr(svg, "c3"));
    ck_assert_str_eq(svg + len - 7, "</svg>\n");
    free(svg);
    fsq_min_free(min);
    fsq_tt_free(tt);
    fsq_data_free(d);
}
END_TEST

static Suite *fsq_public_api_suite(void)
{
    Suite *s = suite_create("public_api");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_public_api__names);
    tcase_add_test(tc, test_public_api__tt_options);
    tcase_add_test(tc, test_public_api__data);
    tcase_add_test(tc, test_public_api__table);
    tcase_add_test(tc, test_public_api__escape);
    tcase_add_test(tc, test_public_api__report);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_public_api_suite());
}
