/* Tests of `fsqca run` (src/cli/cmd_run.c, spec.c) and its writers
 * (src/report/report.c, svg.c).
 *
 * Independent sources: the planted structure is the generator's own record
 * (`gen_survey --truth`, built next to the fsqca binary); the number of cases
 * is counted from the CSV's lines; SVG well-formedness is judged by a small
 * XML checker written here (not by the writer); spec line numbers are those
 * of the spec texts below, counted by hand; quadrant counts of the unit plot
 * are worked by hand in a comment. */
#include <check.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report.h"
#include "test_util.h"

/* ---- a tiny XML well-formedness checker ------------------------------------ */

static int is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == ':' || c == '.';
}

/* An entity reference at p ("&amp;" ...): its length, or 0 if invalid. */
static size_t entity_len(const char *p)
{
    static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
    for (int i = 0; i < 5; i++)
        if (strncmp(p, ents[i], strlen(ents[i])) == 0)
            return strlen(ents[i]);
    if (p[1] == '#') {
        size_t i = 2;
        while (p[i] >= '0' && p[i] <= '9')
            i++;
        return i > 2 && p[i] == ';' ? i + 1 : 0;
    }
    return 0;
}

/* Returns NULL if well-formed, else a static message. Counts elements named
 * `count_name` in *count. */
static const char *xml_check(const char *s, const char *count_name, size_t *count)
{
    const char *stack[64];
    size_t depth = 0, nroots = 0, cnlen = strlen(count_name);
    *count = 0;
    const char *p = s;
    if (strncmp(p, "<?xml", 5) == 0) {
        p = strstr(p, "?>");
        if (!p)
            return "unterminated XML declaration";
        p += 2;
    }
    while (*p) {
        if (*p == '<') {
            if (p[1] == '/') {
                const char *n = p + 2, *e = n;
                while (is_name_char(*e))
                    e++;
                if (*e != '>' || !depth)
                    return "bad end tag";
                size_t len = (size_t)(e - n);
                if (strncmp(stack[depth - 1], n, len) != 0 || is_name_char(stack[depth - 1][len]))
                    return "mismatched end tag";
                depth--;
                p = e + 1;
                continue;
            }
            const char *n = p + 1, *e = n;
            while (is_name_char(*e))
                e++;
            if (e == n)
                return "empty element name";
            if (depth == 0 && ++nroots > 1)
                return "more than one root element";
            if ((size_t)(e - n) == cnlen && strncmp(n, count_name, cnlen) == 0)
                (*count)++;
            const char *name = n;
            p = e;
            for (;;) { /* attributes */
                while (*p == ' ' || *p == '\n' || *p == '\t')
                    p++;
                if (*p == '>' || (p[0] == '/' && p[1] == '>'))
                    break;
                const char *an = p;
                while (is_name_char(*p))
                    p++;
                if (p == an || *p != '=' || (p[1] != '"' && p[1] != '\''))
                    return "bad attribute";
                char q = p[1];
                p += 2;
                while (*p && *p != q) {
                    if (*p == '<')
                        return "'<' in an attribute value";
                    if (*p == '&') {
                        size_t l = entity_len(p);
                        if (!l)
                            return "bad entity in an attribute";
                        p += l;
                    } else {
                        p++;
                    }
                }
                if (!*p)
                    return "unterminated attribute";
                p++;
            }
            if (*p == '/') {
                p += 2; /* empty element; text after a root is caught below */
            } else {
                if (depth == 64)
                    return "too deep";
                stack[depth++] = name;
                p++;
            }
            continue;
        }
        if (*p == '&') {
            size_t l = entity_len(p);
            if (!l)
                return "bad entity in text";
            p += l;
            continue;
        }
        if (depth == 0 && !(*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
            return "text outside the root element";
        p++;
    }
    if (depth)
        return "unclosed element";
    return nroots == 1 ? NULL : "no root element";
}

static size_t count_substr(const char *s, const char *sub)
{
    size_t n = 0;
    for (const char *p = strstr(s, sub); p; p = strstr(p + 1, sub))
        n++;
    return n;
}

/* ---- helpers ------------------------------------------------------------------ */

static char tmpdir[256];

static void make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/check_run.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tmpdir(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Any entry in dir whose name contains ".tmp." or ".old."? */
static int has_leftovers(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        found |= strstr(e->d_name, ".tmp.") != NULL || strstr(e->d_name, ".old.") != NULL;
    closedir(d);
    return found;
}

/* Runs `fsqca run ARGS`; stdout and stderr captured in *out. */
static int run_fsqca(const char *args, char **out)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' run %s", FSQCA_CLI, args);
    return fsq_test_run(cmd, 1, out);
}

static char *join_solution(const cJSON *min)
{
    const cJSON *sols = cJSON_GetObjectItem(min, "solutions");
    ck_assert(cJSON_IsArray(sols));
    ck_assert_int_ge(cJSON_GetArraySize(sols), 1);
    const cJSON *first = cJSON_GetArrayItem(sols, 0);
    static char text[1024];
    text[0] = '\0';
    for (int i = 0; i < cJSON_GetArraySize(first); i++) {
        if (i)
            strcat(text, " + ");
        strcat(text, cJSON_GetArrayItem(first, i)->valuestring);
    }
    return text;
}

/* ---- the SVG writer ---------------------------------------------------------------- */

/* Five cases: (0.8, 0.9) upper right, (0.7, 0.2) lower right, (0.2, 0.9)
 * upper left, (0.1, 0.1) lower left, (0.5, 0.3) on the x = 0.5 line: one
 * case in each quadrant, one on a line. Ids need escaping. */
START_TEST(test_run__svg_counts_quadrants_and_escapes_text)
{
    const double x[] = {0.8, 0.7, 0.2, 0.1, 0.5}, y[] = {0.9, 0.2, 0.9, 0.1, 0.3};
    const char *ids[] = {"a&b", "<c>", "d\"e", "f'g", "h"};
    fsq__buf b = FSQ__BUF_INIT;
    fsq__xy_plot p = {x, y, ids, 5, "A*~B + C & D <x>", "consistency 1", "X", "Y \"q\"", 40};
    ck_assert_int_eq(fsq__svg_xy(&b, &p), 0);
    const char *svg = fsq__buf_str(&b);
    size_t ncircles;
    const char *err = xml_check(svg, "circle", &ncircles);
    ck_assert_msg(err == NULL, "not well-formed: %s", err ? err : "");
    ck_assert_uint_eq(ncircles, 5);
    ck_assert_uint_eq(count_substr(svg, "n = 1<"), 4);
    ck_assert_ptr_nonnull(strstr(svg, "1 case on a 0.5 line"));
    /* 5 cases <= 40: each id appears in its <title> and as a label. */
    ck_assert_uint_eq(count_substr(svg, "a&amp;b"), 2);
    ck_assert_ptr_nonnull(strstr(svg, "A*~B + C &amp; D &lt;x&gt;"));
    fsq__buf_free(&b);
}
END_TEST

/* n cases with hostile ids: well-formed, exactly n circles, labels only when
 * n <= 40. */
static const size_t svg_sizes[] = {0, 1, 40, 41, 600};

START_TEST(test_run__svg_is_well_formed_with_one_circle_per_case)
{
    size_t n = svg_sizes[_i];
    double *x = malloc((n + 1) * sizeof *x), *y = malloc((n + 1) * sizeof *y);
    char **ids = malloc((n + 1) * sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)(i % 11) / 10.0;
        y[i] = (double)(i % 7) / 6.0;
        ids[i] = malloc(32);
        snprintf(ids[i], 32, "c<%zu>&\"", i);
    }
    fsq__buf b = FSQ__BUF_INIT;
    fsq__xy_plot p = {x, y, (const char *const *)ids, n,
                      "TF*AG + AD*~RB*CF + TF*AD*AG*RB*CF + ~TF*~AD*~AG*~RB*~CF + AD*AG*RB",
                      NULL, "X", "Y", 40};
    ck_assert_int_eq(fsq__svg_xy(&b, &p), 0);
    size_t ncircles;
    const char *err = xml_check(fsq__buf_str(&b), "circle", &ncircles);
    ck_assert_msg(err == NULL, "n = %zu: not well-formed: %s", n, err ? err : "");
    ck_assert_uint_eq(ncircles, n);
    if (n) /* title + label, or title only */
        ck_assert_uint_eq(count_substr(fsq__buf_str(&b), ">c&lt;0&gt;&amp;&quot;"),
                          n <= 40 ? 2 : 1);
    fsq__buf_free(&b);
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    free(x);
    free(y);
}
END_TEST

/* ---- the whole run on the shipped survey ------------------------------------------- */

START_TEST(test_run__survey_recovers_planted_structure)
{
    make_tmpdir();
    /* The generator's own record of what it planted. */
    char gen[1024], cmd[1200], *truth = NULL, *out = NULL;
    snprintf(gen, sizeof gen, "%s", FSQCA_CLI);
    char *slash = strrchr(gen, '/');
    ck_assert_ptr_nonnull(slash);
    strcpy(slash + 1, "gen_survey");
    ck_assert_msg(access(gen, X_OK) == 0, "gen_survey not found next to fsqca: %s", gen);
    snprintf(cmd, sizeof cmd, "'%s' --truth", gen);
    ck_assert_int_eq(fsq_test_run(cmd, 0, &truth), 0);
    /* "operations: EXPR\nsales: EXPR\n": the planted structure per unit. */
    char unit_truth[2][256];
    ck_assert_int_eq(sscanf(truth, "operations: %255[^\n]\nsales: %255[^\n]", unit_truth[0],
                            unit_truth[1]), 2);
    ck_assert_str_eq(unit_truth[0], "TF*AG + AD*~RB*CF"); /* README's record agrees */
    ck_assert_str_eq(unit_truth[1], "TF*AG + AD*CF");

    char args[1024], path[1024];
    snprintf(args, sizeof args, "'%s/datasets/survey.spec' --output '%s/out'", FSQCA_SOURCE_DIR,
             tmpdir);
    int status = run_fsqca(args, &out);
    ck_assert_msg(status == 0, "fsqca run failed (%d): %s", status, out);
    ck_assert_ptr_nonnull(strstr(out, "report written to"));

    snprintf(path, sizeof path, "%s/out/results.json", tmpdir);
    cJSON *res = fsq_test_load_json(path);
    ck_assert_ptr_nonnull(res);
    /* The spec has by = unit: each unit's intermediate solution is its own
     * planted structure (all 32 configurations are observed in each unit
     * with n.cut = 2, so no remainder: conservative = intermediate). */
    const cJSON *groups = cJSON_GetObjectItem(cJSON_GetObjectItem(res, "groups"), "groups");
    ck_assert_int_eq(cJSON_GetArraySize(groups), 2);
    for (int u = 0; u < 2; u++) {
        const cJSON *g = cJSON_GetArrayItem(groups, u);
        ck_assert_str_eq(cJSON_GetObjectItem(g, "group")->valuestring, u ? "sales" : "operations");
        ck_assert_str_eq(join_solution(g), unit_truth[u]);
    }
    /* Pooled: a row's consistency is a mediant of the units' (sums over
     * both), so the shared path TF*AG, positive in both units, is positive
     * pooled and is a term of the pooled solution. */
    ck_assert_ptr_nonnull(strstr(join_solution(cJSON_GetObjectItem(res, "parsimonious")),
                                 "TF*AG"));
    ck_assert(cJSON_IsObject(cJSON_GetObjectItem(res, "necessity")));
    ck_assert(cJSON_IsObject(cJSON_GetObjectItem(res, "spec")));

    /* One circle per case: the cases are the data lines of the CSV. */
    snprintf(path, sizeof path, "%s/datasets/survey.csv", FSQCA_SOURCE_DIR);
    size_t len;
    char *csv = fsq_test_read_file(path, &len);
    ck_assert_ptr_nonnull(csv);
    size_t ncases = count_substr(csv, "\n") - 1;
    ck_assert_uint_eq(ncases, 534);
    free(csv);
    snprintf(path, sizeof path, "%s/out/xy_parsimonious_M1.svg", tmpdir);
    char *svg = fsq_test_read_file(path, &len);
    ck_assert_ptr_nonnull(svg);
    size_t ncircles;
    const char *err = xml_check(svg, "circle", &ncircles);
    ck_assert_msg(err == NULL, "not well-formed: %s", err ? err : "");
    ck_assert_uint_eq(ncircles, ncases);
    free(svg);

    snprintf(path, sizeof path, "%s/out/report.md", tmpdir);
    char *md = fsq_test_read_file(path, &len);
    ck_assert_ptr_nonnull(md);
    ck_assert_ptr_nonnull(strstr(md, "## Groups (by = unit)"));
    ck_assert_ptr_nonnull(strstr(md, "TF\\*AG + AD\\*CF")); /* sales, Markdown-escaped */
    ck_assert_ptr_nonnull(strstr(md, "(chart_M1.svg)"));
    ck_assert_ptr_nonnull(strstr(md, "replaces its raw column under the same name"));
    ck_assert_ptr_nonnull(strstr(md, "(xy_parsimonious_M1.svg)"));
    free(md);
    ck_assert(!has_leftovers(tmpdir));
    cJSON_Delete(res);
    free(truth);
    free(out);
    remove_tmpdir();
}
END_TEST

/* ---- spec errors -------------------------------------------------------------------- */

/* Each spec is written as bad.spec; %s is replaced by the survey's path. The
 * expected message names the line (counted by hand). */
static const struct {
    const char *spec;
    const char *expect;
} spec_errors[] = {
    {"data = %s\noutcome = DSO\ncolour = blue\nconditions = TF\n",
     "bad.spec:3: unknown key \"colour\""},
    {"data = %s\noutcome = DSO\nconditions = TF\nincl_cut = high\n",
     "bad.spec:4: incl_cut expects a number, got \"high\""},
    {"data = %s\n# no outcome\nconditions = TF, AD\n",
     "bad.spec:3: missing required key \"outcome\""},
    {"data = %s\noutcome = DSO\nconditions = TF, XX\n",
     "bad.spec:3: condition \"XX\" is not a column"},
    {"data = %s\noutcome = DSO\nconditions = TF\nn_cut = 2\nn_cut = 3\n",
     "bad.spec:5: n_cut is given twice (first on line 4)"},
    {"data = %s\noutcome = DSO\nconditions = TF\n\n[calibrate]\nQQ = 2, 4.5, 6\n",
     "bad.spec:6: [calibrate] \"QQ\" is not a column"},
    {"data = %s\noutcome = DSO\nconditions = TF\n[calibrate]\nTF = 2, 4.5, 6\nTF = 1, 4, 6\n",
     "bad.spec:6: [calibrate] TF is given twice (first on line 5)"},
    {"data = %s\noutcome = DSO\nconditions = TF\n[calibrate]\nTF = 2, 6, 4.5\n",
     "bad.spec:5: [calibrate] TF: "},
    {"data = %s\noutcome = DSO\nconditions = TF\n[calibrate]\nTF = crisp: 9\n",
     "bad.spec:5: [calibrate] TF: "},
    {"data = %s\noutcome = DSO\nconditions = TF, AD\ndir_exp = TF=1, AG=1\n",
     "bad.spec:4: dir_exp names \"AG\", which is not one of the conditions"},
    {"data = %s\noutcome = DSO\nconditions = TF\n[calib]\n", "bad.spec:4: unknown section [calib]"},
    {"data = %s\noutcome = DSO\nconditions = TF\npri_cut = 1.5\n",
     "bad.spec:4: pri_cut must lie between 0 and 1"},
    {"data = %s\noutcome = DSO\nconditions = TF\njust some words\n",
     "bad.spec:4: expected KEY = VALUE"},
    {"data = %s\noutcome = ~NOPE\nconditions = TF\n", "bad.spec:2: outcome \"NOPE\" is not a column"},
};

START_TEST(test_run__spec_errors_name_the_line_and_leave_no_output)
{
    make_tmpdir();
    char survey[1024], spec[4096], path[1024], args[2048], *out = NULL;
    snprintf(survey, sizeof survey, "%s/datasets/survey.csv", FSQCA_SOURCE_DIR);
    snprintf(spec, sizeof spec, spec_errors[_i].spec, survey);
    snprintf(path, sizeof path, "%s/bad.spec", tmpdir);
    write_text(path, spec);
    snprintf(args, sizeof args, "'%s' --output '%s/out'", path, tmpdir);
    int status = run_fsqca(args, &out);
    ck_assert_msg(status == 2, "case %d: status %d, output: %s", _i, status, out);
    ck_assert_msg(strstr(out, spec_errors[_i].expect) != NULL, "case %d: expected \"%s\" in: %s",
                  _i, spec_errors[_i].expect, out);
    snprintf(path, sizeof path, "%s/out", tmpdir);
    ck_assert(!exists(path));
    ck_assert(!has_leftovers(tmpdir));
    free(out);
    remove_tmpdir();
}
END_TEST

/* ---- the output directory ------------------------------------------------------------- */

static void write_good_spec(const char *path)
{
    char survey[1024], spec[2048];
    snprintf(survey, sizeof survey, "%s/datasets/survey.csv", FSQCA_SOURCE_DIR);
    snprintf(spec, sizeof spec,
             "data = %s\noutput = res/survey\noutcome = DSO\nconditions = TF, AG\n"
             "incl_cut = 0.8\n[calibrate]\nTF = 2, 4.5, 6\nAG = 2, 4.5, 6\nDSO = 2, 4.5, 6\n",
             survey);
    write_text(path, spec);
}

START_TEST(test_run__existing_output_is_refused_without_force)
{
    make_tmpdir();
    char spec[512], dir[512], parent[512], marker[600], report[600], *out = NULL;
    snprintf(spec, sizeof spec, "%s/good.spec", tmpdir);
    snprintf(dir, sizeof dir, "%s/res/survey", tmpdir); /* output relative to the spec */
    snprintf(parent, sizeof parent, "%s/res", tmpdir);
    snprintf(marker, sizeof marker, "%s/marker", dir);
    snprintf(report, sizeof report, "%s/report.md", dir);
    write_good_spec(spec);

    char args[2048];
    snprintf(args, sizeof args, "'%s'", spec);
    ck_assert_int_eq(run_fsqca(args, &out), 0);
    free(out);
    ck_assert(exists(report));
    write_text(marker, "mine\n");

    ck_assert_int_eq(run_fsqca(args, &out), 2);
    ck_assert_ptr_nonnull(strstr(out, "exists; use --force"));
    free(out);
    ck_assert(exists(marker));

    snprintf(args, sizeof args, "'%s' --force", spec);
    ck_assert_int_eq(run_fsqca(args, &out), 0);
    free(out);
    ck_assert(!exists(marker));
    ck_assert(exists(report));
    ck_assert(!has_leftovers(parent));

    /* --force never replaces a directory that is not an earlier report. */
    char other[600], keep[700];
    snprintf(other, sizeof other, "%s/notes", tmpdir);
    snprintf(keep, sizeof keep, "%s/keep.txt", other);
    ck_assert_int_eq(mkdir(other, 0777), 0);
    write_text(keep, "precious\n");
    snprintf(args, sizeof args, "'%s' --force --output '%s'", spec, other);
    ck_assert_int_eq(run_fsqca(args, &out), 2);
    ck_assert_ptr_nonnull(strstr(out, "not the output of an earlier run"));
    free(out);
    ck_assert(exists(keep));
    remove_tmpdir();
}
END_TEST

/* Crisp data, conditions A, B: row 11 holds 3 cases with Y = 1; rows 00, 01,
 * 10 one case each with Y = 0. With n_cut = 2 those three are remainders, so
 * the only positive row is 11 and the conservative solution is A*B; the
 * parsimonious one has nothing left to minimize (every configuration is
 * positive or a don't-care) and so no solution. */
START_TEST(test_run__missing_solution_type_is_reported_and_run_completes)
{
    make_tmpdir();
    char csv[512], spec[512], path[600], args[1024], *out = NULL;
    snprintf(csv, sizeof csv, "%s/d.csv", tmpdir);
    write_text(csv, "id,A,B,Y\nc1,1,1,1\nc2,1,1,1\nc3,1,1,1\nc4,0,0,0\nc5,0,1,0\nc6,1,0,0\n");
    snprintf(spec, sizeof spec, "%s/d.spec", tmpdir);
    write_text(spec, "data = d.csv\noutput = out\noutcome = Y\nconditions = A, B\n"
                     "incl_cut = 1\nn_cut = 2\n");
    snprintf(args, sizeof args, "'%s'", spec);
    int status = run_fsqca(args, &out);
    ck_assert_msg(status == 0, "status %d: %s", status, out);
    free(out);
    snprintf(path, sizeof path, "%s/out/results.json", tmpdir);
    cJSON *res = fsq_test_load_json(path);
    ck_assert_ptr_nonnull(res);
    ck_assert_str_eq(join_solution(cJSON_GetObjectItem(res, "conservative")), "A*B");
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(res, "parsimonious")));
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(res, "intermediate")));
    const cJSON *errs = cJSON_GetObjectItem(res, "errors");
    ck_assert(cJSON_IsString(cJSON_GetObjectItem(errs, "parsimonious")));
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(errs, "intermediate")));
    cJSON_Delete(res);
    size_t len;
    snprintf(path, sizeof path, "%s/out/report.md", tmpdir);
    char *md = fsq_test_read_file(path, &len);
    ck_assert_ptr_nonnull(md);
    ck_assert_ptr_nonnull(strstr(md, "**No parsimonious solution.**"));
    ck_assert_ptr_nonnull(strstr(md, "Not computed: the spec gives no directional expectations"));
    free(md);

    /* With no positive row at all, no type has a solution: exit 1, and the
     * report is still written to say so. */
    write_text(csv, "id,A,B,Y\nc1,1,1,0\nc2,1,1,0\nc3,1,1,0\nc4,0,0,0\nc5,0,1,1\nc6,1,0,0\n");
    snprintf(args, sizeof args, "'%s' --force", spec);
    ck_assert_int_eq(run_fsqca(args, &out), 1);
    free(out);
    md = fsq_test_read_file(path, &len);
    ck_assert_ptr_nonnull(md);
    ck_assert_ptr_nonnull(strstr(md, "**No conservative solution.**"));
    free(md);
    remove_tmpdir();
}
END_TEST

static Suite *run_suite(void)
{
    Suite *s = suite_create("run");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_run__svg_counts_quadrants_and_escapes_text);
    tcase_add_loop_test(tc, test_run__svg_is_well_formed_with_one_circle_per_case, 0,
                        (int)(sizeof svg_sizes / sizeof *svg_sizes));
    tcase_add_test(tc, test_run__survey_recovers_planted_structure);
    tcase_add_loop_test(tc, test_run__spec_errors_name_the_line_and_leave_no_output, 0,
                        (int)(sizeof spec_errors / sizeof *spec_errors));
    tcase_add_test(tc, test_run__existing_output_is_refused_without_force);
    tcase_add_test(tc, test_run__missing_solution_type_is_reported_and_run_completes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(run_suite());
}
