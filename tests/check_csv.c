/* CSV input: RFC 4180 edge cases and every error path, with the messages. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zstd.h>

#include "test_util.h"

static fsq_data *parse(const char *text)
{
    fsq_data *d = NULL;
    int rc = fsq_data_parse_csv(&d, text, strlen(text), "t.csv", NULL);
    ck_assert_msg(rc == 0, "parse failed: %s", fsq_last_error());
    return d;
}

static void expect_error(const char *text, const char *message)
{
    fsq_data *d = NULL;
    int rc = fsq_data_parse_csv(&d, text, strlen(text), "t.csv", NULL);
    ck_assert_int_eq(rc, FSQ_EINPUT);
    ck_assert_ptr_null(d);
    ck_assert_str_eq(fsq_last_error(), message);
}

START_TEST(test_csv__text_first_column_gives_case_ids)
{
    fsq_data *d = parse("case,A,B\nx,0.25,1\ny,1,0\n");
    ck_assert_uint_eq(fsq_data_ncases(d), 2);
    ck_assert_uint_eq(fsq_data_nvars(d), 2);
    ck_assert_str_eq(fsq_data_case_id(d, 1), "y");
    ck_assert_str_eq(fsq_data_var_name(d, 0), "A");
    ck_assert(fsq_data_column(d, 0)[0] == 0.25);
    ck_assert(fsq_data_column(d, 1)[1] == 0.0);
    fsq_data_free(d);
}
END_TEST

START_TEST(test_csv__numeric_first_column_gives_row_numbers)
{
    fsq_data *d = parse("A,B\n1,0\n0,1\n1,1\n");
    ck_assert_uint_eq(fsq_data_nvars(d), 2);
    ck_assert_str_eq(fsq_data_case_id(d, 2), "3");
    fsq_data_free(d);
    /* Quoted numbers in the first column are row names, as R writes them. */
    d = parse("\"case\",\"A\",\"B\"\n\"1\",0,1\n\"2\",1,1\n");
    ck_assert_uint_eq(fsq_data_nvars(d), 2);
    ck_assert_str_eq(fsq_data_case_id(d, 1), "2");
    fsq_data_free(d);
}
END_TEST

START_TEST(test_csv__quotes_separators_newlines_crlf_and_bom)
{
    const char *text = "\xEF\xBB\xBF\"id\",\"A\",\"note\"\r\n"
                       "\"a, \"\"b\"\"\",0.5,\"two\r\nlines\"\r\n"
                       "c,\"0.75\",plain\r\n";
    fsq_data *d = parse(text);
    ck_assert_uint_eq(fsq_data_ncases(d), 2);
    ck_assert_str_eq(fsq_data_var_name(d, 0), "A");
    ck_assert_str_eq(fsq_data_case_id(d, 0), "a, \"b\"");
    ck_assert(fsq_data_column(d, 0)[1] == 0.75);
    ck_assert(!fsq_data_var_is_numeric(d, 1));
    fsq_data_free(d);
}
END_TEST

START_TEST(test_csv__semicolon_and_tab_are_detected)
{
    fsq_data *d = parse("id;A;B\nx;1;0.5\n");
    ck_assert_uint_eq(fsq_data_nvars(d), 2);
    ck_assert(fsq_data_column(d, 1)[0] == 0.5);
    fsq_data_free(d);
    d = parse("id\tA\tB\nx\t1\t0.25\n");
    ck_assert(fsq_data_column(d, 1)[0] == 0.25);
    fsq_data_free(d);
}
END_TEST

START_TEST(test_csv__id_col_option_and_unknown_id_col)
{
    fsq_csv_options o = FSQ_CSV_OPTIONS_INIT;
    o.id_col = "code";
    fsq_data *d = NULL;
    const char *text = "A,code\n1,p\n0,q\n";
    ck_assert_int_eq(fsq_data_parse_csv(&d, text, strlen(text), "t.csv", &o), 0);
    ck_assert_str_eq(fsq_data_case_id(d, 1), "q");
    ck_assert_uint_eq(fsq_data_nvars(d), 1);
    fsq_data_free(d);
    o.id_col = "nope";
    ck_assert_int_eq(fsq_data_parse_csv(&d, text, strlen(text), "t.csv", &o), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "t.csv:1: no column named \"nope\" for the case ids");
}
END_TEST

START_TEST(test_csv__ragged_row_is_an_error_with_its_line)
{
    expect_error("id,A,B\nx,1,0\ny,1\n", "t.csv:3: expected 3 fields as in the header, found 2");
}
END_TEST

START_TEST(test_csv__duplicate_and_empty_column_names)
{
    expect_error("id,A,A\nx,1,0\n", "t.csv:1:3: duplicate column name \"A\"");
    expect_error("id,,B\nx,1,0\n", "t.csv:1:2: empty column name");
}
END_TEST

START_TEST(test_csv__unterminated_quote_and_junk_after_quote)
{
    expect_error("id,A\nx,\"1\n", "t.csv:2:2: unterminated quoted field");
    expect_error("id,A\nx,\"1\"z\n", "t.csv:2:2: unexpected character 'z' after a quoted field");
    expect_error("", "t.csv: the file is empty (no header line)");
}
END_TEST

START_TEST(test_csv__bad_number_is_named_when_the_column_is_used)
{
    fsq_data *d = parse("id,A,B,T\nx,1,0,p\ny,n/a,1,q\n");
    ck_assert(!fsq_data_var_is_numeric(d, 0));
    /* A column of numbers with one typo is a default condition (and fails
     * loudly); a column of names is not. */
    ck_assert(fsq_data_var_is_default_condition(d, 0));
    ck_assert(!fsq_data_var_is_default_condition(d, 2));
    fsq_tt *dflt = NULL;
    ck_assert_int_eq(fsq_tt_build(&dflt, d, "B", NULL, 0, NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "t.csv:3:2: column \"A\" is not numeric: \"n/a\"");
    const char *names[] = {"A", "B"};
    fsq_data *c = NULL;
    ck_assert_int_eq(fsq_data_complete_cases(&c, d, names, 2, 0, NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "t.csv:3:2: column \"A\" is not numeric: \"n/a\"");
    fsq_tt *tt = NULL;
    ck_assert_int_eq(fsq_tt_build(&tt, d, "B", names, 1, NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "t.csv:3:2: column \"A\" is not numeric: \"n/a\"");
    const char *unknown[] = {"Z"};
    ck_assert_int_eq(fsq_data_complete_cases(&c, d, unknown, 1, 0, NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "t.csv:1: no column named \"Z\" (columns: A, B, T)");
    fsq_data_free(d);
}
END_TEST

START_TEST(test_csv__missing_values_error_or_dropped_listwise)
{
    fsq_data *d = parse("id,A,B,C\nx,1,0,\ny,NA,1,1\nz,1,1,1\nw,0,,1\n");
    ck_assert(isnan(fsq_data_column(d, 2)[0]));
    const char *names[] = {"A", "B"};
    fsq_data *c = NULL;
    ck_assert_int_eq(fsq_data_complete_cases(&c, d, names, 2, 0, NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(),
                     "2 cases with missing values: t.csv:3:2 (case \"y\", column \"A\"); "
                     "t.csv:5:3 (case \"w\", column \"B\") (use --drop-missing to drop such "
                     "cases)");
    size_t dropped = 0;
    ck_assert_int_eq(fsq_data_complete_cases(&c, d, names, 2, 1, &dropped), 0);
    ck_assert_uint_eq(dropped, 2);
    ck_assert_uint_eq(fsq_data_ncases(c), 2);
    ck_assert_str_eq(fsq_data_case_id(c, 1), "z");
    ck_assert_str_eq(fsq_data_dropped_id(c, 0), "y");
    ck_assert_str_eq(fsq_data_dropped_id(c, 1), "w");
    /* Column C is not used: its missing cell in case x does not drop x. */
    ck_assert_str_eq(fsq_data_case_id(c, 0), "x");
    fsq_data_free(c);
    fsq_data_free(d);
}
END_TEST

START_TEST(test_csv__zstd_compressed_file_reads_the_same)
{
    const char *text = "id,A,B\nx,0.25,1\ny,1,0\n";
    size_t cap = ZSTD_compressBound(strlen(text));
    char *z = malloc(cap);
    size_t zlen = ZSTD_compress(z, cap, text, strlen(text), 3);
    ck_assert(!ZSTD_isError(zlen));
    char path[64];
    snprintf(path, sizeof path, "/tmp/fsqca_csv_%ld.csv.zst", (long)getpid());
    FILE *f = fopen(path, "wb");
    fwrite(z, 1, zlen, f);
    fclose(f);
    free(z);
    fsq_data *d = NULL;
    ck_assert_msg(fsq_data_read_csv(&d, path, NULL) == 0, "%s", fsq_last_error());
    ck_assert(fsq_data_column(d, 0)[0] == 0.25);
    ck_assert_str_eq(fsq_data_case_id(d, 1), "y");
    fsq_data_free(d);
    remove(path);
}
END_TEST

START_TEST(test_csv__write_keeps_text_and_adds_column_atomically)
{
    fsq_data *d = parse("id,A,note\nx,0.1,\"a,b\"\ny,,c\n");
    double v[2] = {0.123456789012345, 1};
    ck_assert_int_eq(fsq_data_set_column(d, "A_c", v), 0);
    char path[64];
    snprintf(path, sizeof path, "/tmp/fsqca_out_%ld.csv", (long)getpid());
    ck_assert_int_eq(fsq_data_write_csv(d, path), 0);
    char *back = fsq_test_read_file(path, NULL);
    ck_assert_str_eq(back, "id,A,note,A_c\nx,0.1,\"a,b\",0.123456789012345\ny,,c,1\n");
    free(back);
    remove(path);
    /* A directory that does not exist: an error, and no file anywhere. */
    ck_assert_int_eq(fsq_data_write_csv(d, "/nonexistent-dir/x.csv"), FSQ_EIO);
    fsq_data_free(d);
}
END_TEST

START_TEST(test_csv__missing_file_is_an_io_error)
{
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_read_csv(&d, "/nonexistent/file.csv", NULL), FSQ_EIO);
    /* The system's reason, from strerror itself. */
    char want[256];
    snprintf(want, sizeof want, "/nonexistent/file.csv: cannot open: %s", strerror(ENOENT));
    ck_assert_str_eq(fsq_last_error(), want);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("csv");
    tcase_add_test(tc, test_csv__text_first_column_gives_case_ids);
    tcase_add_test(tc, test_csv__numeric_first_column_gives_row_numbers);
    tcase_add_test(tc, test_csv__quotes_separators_newlines_crlf_and_bom);
    tcase_add_test(tc, test_csv__semicolon_and_tab_are_detected);
    tcase_add_test(tc, test_csv__id_col_option_and_unknown_id_col);
    tcase_add_test(tc, test_csv__ragged_row_is_an_error_with_its_line);
    tcase_add_test(tc, test_csv__duplicate_and_empty_column_names);
    tcase_add_test(tc, test_csv__unterminated_quote_and_junk_after_quote);
    tcase_add_test(tc, test_csv__bad_number_is_named_when_the_column_is_used);
    tcase_add_test(tc, test_csv__missing_values_error_or_dropped_listwise);
    tcase_add_test(tc, test_csv__zstd_compressed_file_reads_the_same);
    tcase_add_test(tc, test_csv__write_keeps_text_and_adds_column_atomically);
    tcase_add_test(tc, test_csv__missing_file_is_an_io_error);
    suite_add_tcase(s, tc);
    return fsq_test_run_suite(s);
}
