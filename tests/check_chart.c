/* Core and peripheral conditions (fsq_min_chart), the chart's renderings,
 * and cluster diagnostics (fsq_cluster_compute), against cases worked by
 * hand and against the intermediate and parsimonious models of QCA's
 * reference files (the expected classification is derived here from the
 * reference's term strings, not from fsqca). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static fsq_tt *table(const char *csv)
{
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, strlen(csv), "t.csv", NULL), 0);
    fsq_tt *tt = NULL;
    ck_assert_msg(fsq_tt_build(&tt, d, "Y", NULL, 0, NULL) == 0, "%s", fsq_last_error());
    fsq_data_free(d);
    return tt;
}

static fsq_min *intermediate(const fsq_tt *tt, const char *const *exp, size_t k)
{
    fsq_min_options o = FSQ_MIN_OPTIONS_INIT;
    o.type = FSQ_INTERMEDIATE;
    o.dir_exp = exp;
    o.ndir_exp = k;
    fsq_min *m = NULL;
    ck_assert_msg(fsq_minimize(&m, tt, &o) == 0, "%s", fsq_last_error());
    return m;
}

/* "A=core B=peripheral" -> the chart term's statuses must be exactly these. */
static void expect_term(const fsq_chart *c, size_t t, const char *term, const char *group,
                        const char *statuses)
{
    ck_assert_uint_lt(t, c->nterms);
    ck_assert_str_eq(c->terms[t].term, term);
    ck_assert_str_eq(c->terms[t].group, group);
    for (size_t j = 0; j < c->nconditions; j++) {
        char want[64];
        const char *p = strstr(statuses, c->conditions[j]);
        /* Condition names are single letters here: "A=" finds A's entry. */
        while (p && (p[1] != '=' || (p > statuses && p[-1] != ' ')))
            p = strstr(p + 1, c->conditions[j]);
        if (p) {
            sscanf(p + 2, "%63s", want);
        } else {
            want[0] = '\0';
        }
        ck_assert_msg(strcmp(fsq_chart_status_name(c->terms[t].status[j]), want) == 0,
                      "%s, %s: got \"%s\", want \"%s\"", term, c->conditions[j],
                      fsq_chart_status_name(c->terms[t].status[j]), want);
    }
}

/* ON rows 110 and 111, OFF 000 and 011. Parsimonious: A (it holds 100,
 * 101, 110, 111 and no OFF row; no other single cube holds both ON rows
 * without an OFF row). Conservative: A*B. With B expected present, B is
 * kept: intermediate A*B refines A, so A is core and B peripheral. */
START_TEST(test_chart__kept_literal_is_peripheral)
{
    fsq_tt *tt = table("id,A,B,C,Y\nw,1,1,0,1\nx,1,1,1,1\ny,0,0,0,0\nz,0,1,1,0\n");
    const char *exp[] = {"1", "1", "-"};
    fsq_min *m = intermediate(tt, exp, 3);
    fsq_chart *c = NULL;
    ck_assert_int_eq(fsq_min_chart(&c, m, 0), 0);
    ck_assert_str_eq(c->parsimonious, "A");
    ck_assert_uint_eq(c->nterms, 1);
    expect_term(c, 0, "A*B", "1", "A=core B=peripheral");
    ck_assert_uint_eq(c->terms[0].nrefined, 1);
    fsq_chart_free(c);
    fsq_min_free(m);
    /* With B expected absent, B is dropped: the intermediate term is A, all core. */
    const char *exp0[] = {"1", "0", "-"};
    m = intermediate(tt, exp0, 3);
    ck_assert_int_eq(fsq_min_chart(&c, m, 0), 0);
    expect_term(c, 0, "A", "1", "A=core");
    fsq_chart_free(c);
    fsq_min_free(m);
    /* Not intermediate: no chart. */
    fsq_min_options o = FSQ_MIN_OPTIONS_INIT;
    ck_assert_int_eq(fsq_minimize(&m, tt, &o), 0);
    ck_assert_int_eq(fsq_min_chart(&c, m, 0), FSQ_EINPUT);
    ck_assert_ptr_null(c);
    fsq_min_free(m);
    fsq_tt_free(tt);
}
END_TEST

/* ON rows 1100 and 1010, OFF 0000 and 0110. Parsimonious: A (A*~D would
 * need remainder 1000 too, ~D holds OFF 0000). Conservative: A*B*~C*~D +
 * A*~B*C*~D. Expectations A, B, C present, D absent: in the first term ~C
 * contradicts C=1 and goes, B and ~D agree and stay (A*B*~D); in the second
 * ~B goes (A*C*~D). The easy counterfactuals are what those two cover
 * beyond ON: 1110 (1000 is covered by neither). With only 1110 as a
 * don't-care no cube holds both ON rows (A*~D would need 1000), so the
 * model is A*B*~D + A*C*~D. Both refine A: one family, 1a and 1b, core A,
 * peripheral B (C) and an absent peripheral D. */
START_TEST(test_chart__same_core_is_one_family)
{
    fsq_tt *tt = table("id,A,B,C,D,Y\nw,1,1,0,0,1\nx,1,0,1,0,1\ny,0,0,0,0,0\nz,0,1,1,0,0\n");
    const char *exp[] = {"1", "1", "1", "0"};
    fsq_min *m = intermediate(tt, exp, 4);
    ck_assert_uint_eq(fsq_min_nsolutions(m), 1);
    fsq_chart *c = NULL;
    ck_assert_int_eq(fsq_min_chart(&c, m, 0), 0);
    ck_assert_str_eq(c->solution, "A*B*~D + A*C*~D");
    ck_assert_uint_eq(c->nterms, 2);
    expect_term(c, 0, "A*B*~D", "1a", "A=core B=peripheral D=peripheral_absent");
    expect_term(c, 1, "A*C*~D", "1b", "A=core C=peripheral D=peripheral_absent");
    fsq_chart_free(c);
    fsq_min_free(m);
    fsq_tt_free(tt);
    /* The mirror image (A flipped): parsimonious ~A, core absent. */
    tt = table("id,A,B,C,D,Y\nw,0,1,0,0,1\nx,0,0,1,0,1\ny,1,0,0,0,0\nz,1,1,1,0,0\n");
    const char *exp2[] = {"0", "1", "1", "0"};
    m = intermediate(tt, exp2, 4);
    ck_assert_int_eq(fsq_min_chart(&c, m, 0), 0);
    expect_term(c, 0, "~A*B*~D", "1a", "A=core_absent B=peripheral D=peripheral_absent");
    expect_term(c, 1, "~A*C*~D", "1b", "A=core_absent C=peripheral D=peripheral_absent");
    fsq_chart_free(c);
    fsq_min_free(m);
    fsq_tt_free(tt);
}
END_TEST

/* Literals of a term string "DEV*~IND" or "DEV[1]*LIT[0]": tokens split at '*'. */
static size_t literals(const char *term, char out[][64], size_t max)
{
    size_t n = 0;
    const char *p = term;
    while (*p && n < max) {
        size_t len = strcspn(p, "*");
        snprintf(out[n++], 64, "%.*s", (int)len, p);
        p += len;
        if (*p == '*')
            p++;
    }
    return n;
}

static int has_literal(char lits[][64], size_t n, const char *lit)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(lits[i], lit) == 0)
            return 1;
    return 0;
}

/* The literal of condition `cond` in the term, or NULL. */
static const char *literal_of(char lits[][64], size_t n, const char *cond)
{
    for (size_t i = 0; i < n; i++) {
        const char *name = lits[i][0] == '~' ? lits[i] + 1 : lits[i];
        size_t len = strcspn(name, "[");
        if (strlen(cond) == len && strncmp(name, cond, len) == 0)
            return lits[i];
    }
    return NULL;
}

static int model_matches(const cJSON *terms, const char *solution)
{
    char buf[4096];
    buf[0] = '\0';
    for (int t = 0; t < cJSON_GetArraySize(terms); t++) {
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "%s%s", t ? " + " : "",
                 cJSON_GetArrayItem(terms, t)->valuestring);
    }
    return strcmp(buf, solution) == 0;
}

/* For every intermediate reference file: the expected status of each
 * condition of each term, from the reference's own intermediate and
 * parsimonious models: a literal is core when some term of the key's
 * parsimonious model (p_sol) has only literals of the intermediate term and
 * has it. */
START_TEST(test_chart__reference_intermediate_models)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared) {
        printf("check_chart: ../shared not found, reference test skipped\n");
        return;
    }
    static const char *const files[] = {"LF_SURV_int", "CVF_PROTEST_int", "HC_VOTE_int",
                                        "Krook_WNP_int", "NF_W_int", "LC_notSURV_int",
                                        "d.jobsecurity_JSR_int", "LM_SURV_int"};
    size_t checked = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/reference/qca/%s.json", shared, files[f]);
        cJSON *ref = fsq_test_load_json(path);
        ck_assert_msg(ref != NULL, "%s", path);
        fsq_tt *tt = fsq_test_tt_from_reference(ref, shared);
        const cJSON *de = cJSON_GetObjectItem(ref, "dir_exp");
        size_t k = fsq_tt_nconditions(tt);
        const char **exp = calloc(k, sizeof *exp);
        for (size_t j = 0; j < k; j++)
            exp[j] = cJSON_GetArrayItem(de, (int)j)->valuestring;
        fsq_min *m = intermediate(tt, exp, k);
        const cJSON *sols = cJSON_GetObjectItem(ref, "solutions");
        const cJSON *from = cJSON_GetObjectItem(ref, "solutions_from");
        const cJSON *keys = cJSON_GetObjectItem(ref, "intermediate");
        ck_assert_uint_eq(fsq_min_nsolutions(m), (size_t)cJSON_GetArraySize(sols));
        for (size_t d = 0; d < fsq_min_nsolutions(m); d++) {
            fsq_chart *c = NULL;
            ck_assert_int_eq(fsq_min_chart(&c, m, d), 0);
            int r = 0;
            while (r < cJSON_GetArraySize(sols) &&
                   !model_matches(cJSON_GetArrayItem(sols, r), c->solution))
                r++;
            ck_assert_msg(r < cJSON_GetArraySize(sols), "%s: model %s not in the reference",
                          files[f], c->solution);
            const char *key = cJSON_GetArrayItem(cJSON_GetArrayItem(from, r), 0)->valuestring;
            const cJSON *psol = NULL;
            for (int q = 0; q < cJSON_GetArraySize(keys); q++)
                if (strcmp(cJSON_GetObjectItem(cJSON_GetArrayItem(keys, q), "key")->valuestring,
                           key) == 0)
                    psol = cJSON_GetObjectItem(cJSON_GetArrayItem(keys, q), "p_sol");
            ck_assert_ptr_nonnull(psol);
            ck_assert_str_eq(c->key, key);
            for (size_t t = 0; t < c->nterms; t++) {
                char lits[64][64], plits[64][64], core[64][64];
                size_t n = literals(c->terms[t].term, lits, 64), ncore = 0;
                for (int p = 0; p < cJSON_GetArraySize(psol); p++) {
                    size_t np = literals(cJSON_GetArrayItem(psol, p)->valuestring, plits, 64);
                    int subset = 1;
                    for (size_t i = 0; i < np && subset; i++)
                        subset = has_literal(lits, n, plits[i]);
                    for (size_t i = 0; subset && i < np; i++)
                        if (!has_literal(core, ncore, plits[i]))
                            memcpy(core[ncore++], plits[i], 64);
                }
                for (size_t j = 0; j < k; j++) {
                    const char *lit = literal_of(lits, n, c->conditions[j]);
                    const char *want = "";
                    if (lit) {
                        /* Absent: "~A" or level [0]. */
                        int absent = lit[0] == '~' || strstr(lit, "[0]") != NULL;
                        int is_core = has_literal(core, ncore, lit);
                        want = is_core ? (absent ? "core_absent" : "core")
                                       : (absent ? "peripheral_absent" : "peripheral");
                    }
                    ck_assert_msg(strcmp(fsq_chart_status_name(c->terms[t].status[j]), want) == 0,
                                  "%s %s, %s: got %s, want %s", files[f], c->terms[t].term,
                                  c->conditions[j], fsq_chart_status_name(c->terms[t].status[j]),
                                  want);
                }
                checked++;
            }
            fsq_chart_free(c);
        }
        free(exp);
        fsq_min_free(m);
        fsq_tt_free(tt);
        cJSON_Delete(ref);
    }
    ck_assert_uint_gt(checked, 15);
}
END_TEST

/* LF (QCA's book example), by hand from LF_SURV_int.json: DEV*URB*LIT*STB
 * refines URB*STB (core URB, STB); DEV*LIT*~IND*STB refines DEV*~IND (core
 * DEV, ~IND). Different cores: families 1 and 2. */
START_TEST(test_chart__lf_by_hand)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared)
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s/reference/qca/LF_SURV_int.json", shared);
    cJSON *ref = fsq_test_load_json(path);
    fsq_tt *tt = fsq_test_tt_from_reference(ref, shared);
    const char *exp[] = {"1", "1", "1", "1", "1"};
    fsq_min *m = intermediate(tt, exp, 5);
    fsq_chart *c = NULL;
    ck_assert_int_eq(fsq_min_chart(&c, m, 0), 0);
    /* Condition names are words here; compare statuses directly. */
    ck_assert_str_eq(c->terms[0].term, "DEV*URB*LIT*STB");
    ck_assert_str_eq(c->terms[0].group, "1");
    static const unsigned char t0[] = {FSQ_CHART_PERIPHERAL, FSQ_CHART_CORE, FSQ_CHART_PERIPHERAL,
                                       FSQ_CHART_BLANK, FSQ_CHART_CORE};
    static const unsigned char t1[] = {FSQ_CHART_CORE, FSQ_CHART_BLANK, FSQ_CHART_PERIPHERAL,
                                       FSQ_CHART_CORE_ABSENT, FSQ_CHART_PERIPHERAL};
    ck_assert_mem_eq(c->terms[0].status, t0, 5);
    ck_assert_str_eq(c->terms[1].term, "DEV*LIT*~IND*STB");
    ck_assert_str_eq(c->terms[1].group, "2");
    ck_assert_mem_eq(c->terms[1].status, t1, 5);
    /* Fit as in the reference's term_fit. */
    const cJSON *tf = cJSON_GetObjectItem(ref, "term_fit");
    const cJSON *f0 = cJSON_GetObjectItem(tf, "DEV*URB*LIT*STB");
    ck_assert(fsq_test_close(c->terms[0].incl, cJSON_GetObjectItem(f0, "inclS")->valuedouble, 1e-9));
    ck_assert(fsq_test_close(c->terms[0].cov_u, cJSON_GetObjectItem(f0, "covU")->valuedouble, 1e-9));

    /* The renderings are well-formed enough to check here: the SVG has one
     * large filled circle per core presence (r = 10: URB, STB, DEV = 3) and
     * one crossed large circle (~IND), plus the legend's one of each. */
    char *svg = NULL;
    ck_assert_int_eq(fsq_chart_render(c, FSQ_FORMAT_SVG, 3, &svg, NULL), 0);
    size_t filled_core = 0, crossed_core = 0;
    for (const char *p = svg; (p = strstr(p, "r=\"10.0\"")); p++)
        strncmp(p + 9, "fill=\"#111\"", 11) == 0 ? filled_core++ : crossed_core++;
    ck_assert_uint_eq(filled_core, 3 + 1);
    ck_assert_uint_eq(crossed_core, 1 + 1);
    ck_assert_ptr_nonnull(strstr(svg, "</svg>"));
    free(svg);
    char *tex = NULL;
    ck_assert_int_eq(fsq_chart_render(c, FSQ_FORMAT_LATEX, 2, &tex, NULL), 0);
    ck_assert_ptr_nonnull(strstr(tex, "\\begin{tabular}{lrr}"));
    ck_assert_ptr_nonnull(strstr(tex, "0.90 & 0.81")); /* consistency to 2 digits */
    free(tex);
    fsq_chart_free(c);
    fsq_min_free(m);
    fsq_tt_free(tt);
    cJSON_Delete(ref);
}
END_TEST

/* Cluster diagnostics worked by hand. Six cases, two groups (g0: cases
 * 0-2, g1: 3-5), three units (u0: 0,3; u1: 1,4; u2: 2,5).
 *   x = .8 .6 .2 | .9 .4 .3     y = .9 .3 .4 | .6 .8 .1
 *   min(x,y) = .8 .3 .2 | .6 .4 .1
 * pooled: incl = 2.4 / 3.2 = .75, cov = 2.4 / 3.1
 * between g0: incl = 1.3 / 1.6 = .8125, cov = 1.3 / 1.6 = .8125
 *         g1: incl = 1.1 / 1.6 = .6875, cov = 1.1 / 1.5
 * dBP: b / sum b = .8125 / 1.5, .6875 / 1.5 = .541667, .458333;
 *      minus 1/2: +.041667, -.041667; sqrt(2 x .041667^2) = .058926
 * within u0: 1.4 / 1.7, u1: .7 / 1.0 = .7, u2: .3 / .5 = .6
 *   sum = .823529 + .7 + .6 = 2.123529; shares .387812 .329640 .282548;
 *   minus 1/3: .054479 -.003693 -.050785; squares .0029680 .0000136 .0025791;
 *   dWP = sqrt(.0055607) = .07457 */
START_TEST(test_chart__cluster_diagnostics_by_hand)
{
    const double x[] = {.8, .6, .2, .9, .4, .3}, y[] = {.9, .3, .4, .6, .8, .1};
    const size_t group[] = {0, 0, 0, 1, 1, 1}, unit[] = {0, 1, 2, 0, 1, 2};
    double bi[2], bc[2], wi[3], wc[3];
    fsq_cluster f = {0};
    f.between_incl = bi;
    f.between_cov = bc;
    f.within_incl = wi;
    f.within_cov = wc;
    ck_assert_int_eq(fsq_cluster_compute(&f, x, y, 6, group, 2, unit, 3), 0);
    ck_assert(fsq_test_close(f.pooled_incl, 0.75, 1e-12));
    ck_assert(fsq_test_close(f.pooled_cov, 2.4 / 3.1, 1e-12));
    ck_assert(fsq_test_close(bi[0], 0.8125, 1e-12));
    ck_assert(fsq_test_close(bi[1], 0.6875, 1e-12));
    ck_assert(fsq_test_close(bc[1], 1.1 / 1.5, 1e-12));
    ck_assert(fsq_test_close(f.dbp, 0.058926, 1e-6));
    ck_assert(fsq_test_close(wi[0], 1.4 / 1.7, 1e-12));
    ck_assert(fsq_test_close(wi[2], 0.6, 1e-12));
    ck_assert(fsq_test_close(f.dwp, 0.07457, 1e-5));
    /* Out-of-range group. */
    const size_t bad[] = {0, 0, 0, 1, 1, 2};
    ck_assert_int_eq(fsq_cluster_compute(&f, x, y, 6, bad, 2, NULL, 0), FSQ_EINPUT);
}
END_TEST

/* fsq_data_groups: text groups in byte order, whole numbers ascending,
 * missing and fractional values refused with the cell's place. */
START_TEST(test_chart__groups_of_a_column)
{
    const char *csv = "id,unit,wave,X,Y\na,sales,2,0.1,1\nb,ops,1,0.2,0\nc,sales,10,0.3,1\n"
                      "d,ops,2,0.4,0\n";
    fsq_data *d = NULL;
    ck_assert_int_eq(fsq_data_parse_csv(&d, csv, strlen(csv), "g.csv", NULL), 0);
    fsq_groups *g = NULL;
    ck_assert_int_eq(fsq_data_groups(&g, d, "unit"), 0);
    ck_assert_uint_eq(g->ngroups, 2);
    ck_assert_str_eq(g->names[0], "ops");
    ck_assert_str_eq(g->names[1], "sales");
    ck_assert_uint_eq(g->group[0], 1);
    ck_assert_uint_eq(g->group[1], 0);
    fsq_groups_free(g);
    ck_assert_int_eq(fsq_data_groups(&g, d, "wave"), 0);
    ck_assert_uint_eq(g->ngroups, 3);
    ck_assert_str_eq(g->names[2], "10"); /* numerically, not as text */
    ck_assert_uint_eq(g->sizes[1], 2);
    fsq_groups_free(g);
    ck_assert_int_eq(fsq_data_groups(&g, d, "X"), FSQ_EINPUT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "g.csv:2:4"));
    ck_assert_int_eq(fsq_data_groups(&g, d, "nope"), FSQ_EINPUT);
    fsq_data_free(d);
}
END_TEST

static Suite *fsq_chart_suite(void)
{
    Suite *s = suite_create("chart");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_chart__kept_literal_is_peripheral);
    tcase_add_test(tc, test_chart__same_core_is_one_family);
    tcase_add_test(tc, test_chart__reference_intermediate_models);
    tcase_add_test(tc, test_chart__lf_by_hand);
    tcase_add_test(tc, test_chart__cluster_diagnostics_by_hand);
    tcase_add_test(tc, test_chart__groups_of_a_column);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_chart_suite());
}
