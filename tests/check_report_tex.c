/* report.tex (fsq__report_latex): the Markdown dialect of report.md
 * translated into LaTeX, against output written here by hand for each
 * construct: headings, paragraphs, lists, pipe tables (alignment, escaped
 * pipes, the long-table switch), inline code, bold, links, images, the
 * chart's symbols, and LaTeX's special characters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "test_util.h"

static char *convert(const char *md)
{
    fsq__buf b = FSQ__BUF_INIT;
    ck_assert_int_eq(fsq__report_latex(&b, md, strlen(md)), 0);
    char *out = fsq__buf_detach(&b, NULL);
    ck_assert_ptr_nonnull(out);
    return out;
}

static void has(const char *tex, const char *want)
{
    ck_assert_msg(strstr(tex, want) != NULL, "missing:\n%s\nin:\n%s", want, tex);
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

START_TEST(test_report_tex__document_and_blocks)
{
    char *tex = convert("# QCA of Y\n\nA paragraph with `A*~B` and **bold** text.\n\n"
                        "## Notes\n\n- first & second\n- 50% of #3\n\nAfter.\n"
                        "### Deeper\n#### Deepest\n");
    ck_assert_ptr_nonnull(strstr(tex, "\\documentclass"));
    ck_assert_uint_eq(count(tex, "\\begin{document}"), 1);
    has(tex, "\\section*{QCA of Y}\n");
    has(tex, "A paragraph with \\texttt{A*$\\sim$B} and \\textbf{bold} text.\n");
    has(tex, "\\subsection*{Notes}\n");
    has(tex, "\\begin{itemize}\n\\item first \\& second\n\\item 50\\% of \\#3\n"
             "\\end{itemize}\n");
    has(tex, "\\subsubsection*{Deeper}\n\\paragraph*{Deepest}\n");
    size_t n = strlen(tex);
    ck_assert_str_eq(tex + n - strlen("\\end{document}\n"), "\\end{document}\n");
    free(tex);
}
END_TEST

START_TEST(test_report_tex__tables)
{
    char *tex = convert("| Set | n | mid |\n|:---|---:|:---:|\n| a\\_b \\| c | 3 | x |\n"
                        "| {d} | 4 |  |\n\nText.\n");
    has(tex, "\\begin{tabular}{lrc}\n\\hline\nSet & n & mid \\\\\n\\hline\n"
             "a\\_b \\textbar{} c & 3 & x \\\\\n\\{d\\} & 4 &  \\\\\n\\hline\n\\end{tabular}}\n");
    has(tex, "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n");
    free(tex);
    /* More than 45 body rows: a longtable, its header repeated on each page. */
    fsq__buf md = FSQ__BUF_INIT;
    fsq__buf_puts(&md, "| i | v |\n|---:|---:|\n");
    for (int i = 0; i < 46; i++)
        fsq__buf_printf(&md, "| %d | 0.5 |\n", i);
    tex = convert(fsq__buf_str(&md));
    has(tex, "\\begin{longtable}{rr}\n\\hline\ni & v \\\\\n\\hline\n\\endhead\n0 & 0.5 \\\\\n");
    ck_assert_uint_eq(count(tex, "\\begin{tabular}"), 0);
    ck_assert_uint_eq(count(tex, " \\\\\n"), 47);
    free(tex);
    fsq__buf_free(&md);
    /* A wide table (panel data: a column per unit) keeps every column. */
    fsq__buf wide = FSQ__BUF_INIT;
    for (int row = 0; row < 3; row++) {
        for (int c = 0; c < 300; c++)
            fsq__buf_puts(&wide, row == 1 ? "|---:" : "| 1 ");
        fsq__buf_puts(&wide, "|\n");
    }
    tex = convert(fsq__buf_str(&wide));
    ck_assert_uint_eq(count(tex, " & "), 2 * 299);
    ck_assert_uint_eq(count(tex, "rrrrrrrrrr"), 30);
    free(tex);
    fsq__buf_free(&wide);
}
END_TEST

START_TEST(test_report_tex__chart_symbols_links_images)
{
    /* ● core present, • peripheral, ⊗ core absent, ⊘ peripheral absent. */
    char *tex = convert("|  | 1 | 2 |\n|---|---:|---:|\n| A | \xe2\x97\x8f | \xe2\x80\xa2 |\n"
                        "| B | \xe2\x8a\x97 | \xe2\x8a\x98 |\n\n"
                        "![Chart of M1](chart_M1.svg)\n\nSee [the data](data_1.csv) "
                        "\xe2\x86\x92 Y, S\xc3\xa3o Paulo, \xe2\x9c\x93.\n");
    has(tex, "\\begin{tabular}{lcc}\n"); /* symbol columns centred */
    has(tex, "A & {\\Large$\\bullet$} & $\\bullet$ \\\\\n");
    has(tex, "B & {\\Large$\\otimes$} & $\\otimes$ \\\\\n");
    has(tex, "\\emph{Figure: Chart of M1} (SVG beside this file: \\texttt{chart\\_M1.svg})\n");
    has(tex, "See the data (\\texttt{data\\_1.csv}) $\\rightarrow$ Y, S\xc3\xa3o Paulo, "
             "[U+2713].\n");
    free(tex);
}
END_TEST

static Suite *fsq_report_tex_suite(void)
{
    Suite *s = suite_create("report_tex");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_report_tex__document_and_blocks);
    tcase_add_test(tc, test_report_tex__tables);
    tcase_add_test(tc, test_report_tex__chart_symbols_links_images);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_report_tex_suite());
}
