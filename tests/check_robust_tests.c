/* fsqca robust with the user's own test solutions (--test), worked by hand.
 *
 * Crisp data (A, B, Y): c1 (1,1,1) c2 (1,1,1) c3 (1,0,1) c4 (0,1,1)
 * c5 (0,0,0) c6 (1,0,0). Rows: 11 (n 2, incl 1), 10 (n 2, incl 1/2),
 * 01 (n 1, incl 1), 00 (n 1, incl 0).
 *   IS, conservative (the default), incl.cut 1: ON = {11, 01}: B.
 *   TS1, incl.cut 0.5: ON = {11, 10, 01}: A + B.
 *   TS2, n.cut 2: 01 and 00 become remainders, ON = {11}: A*B.
 * Memberships, cases c1..c6: IS = 1 1 0 1 0 0, TS1 = 1 1 1 1 0 1,
 * TS2 = 1 1 0 0 0 0; TS_min = TS2, TS_max = TS1; Y = 1 1 1 1 0 0.
 * Classes: c1, c2 robust typical (IS and TS_min in, Y in); c4 shaky typical
 * (IS in, TS_min out); c3 possible typical (IS out, TS_max in, Y in); c6
 * possible deviant (Y out); c5 irrelevant.
 *   RCR_typ = 2 / (2 + 1 + 1) = 0.5; RCC_Rank 4 (shaky and possible cases).
 *   RF_SC_min = sum min(IS, TS2) / sum max = 2 / 3; RF_SC_max = 3 / 5.
 *   core = min(IS, TS_min) = TS2: RF_cov = (2/4) / (3/4) = 2/3, RF_cons = 1/1.
 * rob.singletest: TS1 alone: SC = 3/5, no shaky case, possible c3, c6: rank 2;
 *   TS2 alone: SC = 2/3, shaky c4, no possible case: rank 3. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsqca/fsqca.h"
#include "test_util.h"

static double num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItem(o, k);
    ck_assert_msg(v != NULL, "no %s", k);
    return v->valuedouble;
}

static void names_are(const cJSON *names, const char *cls, const char *want)
{
    char got[256] = "";
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(names, cls))
    {
        if (got[0])
            strcat(got, ",");
        strcat(got, c->valuestring);
    }
    ck_assert_msg(strcmp(got, want) == 0, "%s: %s, want %s", cls, got, want);
}

START_TEST(test_robust__user_test_solutions_worked_by_hand)
{
    char dir[] = "/tmp/check_robust_tests.XXXXXX", path[256], cmd[1024];
    ck_assert(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/d.csv", dir);
    FILE *f = fopen(path, "w");
    ck_assert(f != NULL);
    fputs("id,A,B,Y\nc1,1,1,1\nc2,1,1,1\nc3,1,0,1\nc4,0,1,1\nc5,0,0,0\nc6,1,0,0\n", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "'%s' robust '%s' --outcome Y --test 'incl-cut=0.5' "
             "--test 'n-cut=2' --json", FSQCA_CLI, path);
    char *out = NULL;
    ck_assert_int_eq(fsq_test_run(cmd, 0, &out), 0);
    cJSON *j = cJSON_Parse(out);
    ck_assert_msg(j != NULL, "%s", out);
    ck_assert_str_eq(cJSON_GetObjectItem(j, "initial_solution")->valuestring, "B");
    cJSON *p = cJSON_GetObjectItem(j, "protocol");
    ck_assert(fsq_test_close(num(p, "RCR_typ"), 0.5, 1e-12));
    ck_assert(fsq_test_close(num(p, "RF_SC_min"), 2.0 / 3, 1e-12));
    ck_assert(fsq_test_close(num(p, "RF_SC_max"), 0.6, 1e-12));
    ck_assert(fsq_test_close(num(p, "RF_cov"), 2.0 / 3, 1e-12));
    ck_assert(fsq_test_close(num(p, "RF_cons"), 1, 1e-12));
    ck_assert_int_eq((int)num(p, "RCC_Rank"), 4);
    cJSON *names = cJSON_GetObjectItem(p, "case_names");
    names_are(names, "robust typical", "c1,c2");
    names_are(names, "shaky typical", "c4");
    names_are(names, "possible typical", "c3");
    names_are(names, "possible deviant", "c6");
    names_are(names, "irrelevant", "c5");
    names_are(names, "robust deviant", "");
    cJSON *tests = cJSON_GetObjectItem(p, "tests");
    ck_assert_int_eq(cJSON_GetArraySize(tests), 2);
    cJSON *t1 = cJSON_GetArrayItem(tests, 0), *t2 = cJSON_GetArrayItem(tests, 1);
    ck_assert_str_eq(cJSON_GetObjectItem(t1, "model")->valuestring, "A + B");
    ck_assert_str_eq(cJSON_GetObjectItem(t2, "model")->valuestring, "A*B");
    ck_assert(fsq_test_close(num(t1, "SC"), 0.6, 1e-12));
    ck_assert(fsq_test_close(num(t2, "SC"), 2.0 / 3, 1e-12));
    ck_assert_int_eq((int)num(t1, "RCC_Rank"), 2);
    ck_assert_int_eq((int)num(t2, "RCC_Rank"), 3);
    cJSON_Delete(j);
    free(out);

    /* The same tests from a file; a bad item is a usage error. */
    snprintf(path, sizeof path, "%s/tests.txt", dir);
    f = fopen(path, "w");
    fputs("# two test solutions\nincl-cut=0.5\n\nn-cut=2\n", f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "'%s' robust '%s/d.csv' --outcome Y --test-set '%s' --json",
             FSQCA_CLI, dir, path);
    ck_assert_int_eq(fsq_test_run(cmd, 0, &out), 0);
    j = cJSON_Parse(out);
    ck_assert(j && cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "protocol"),
                                                          "tests")) == 2);
    cJSON_Delete(j);
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' robust '%s/d.csv' --outcome Y --test 'frobnicate'",
             FSQCA_CLI, dir);
    ck_assert_int_eq(fsq_test_run(cmd, 1, &out), 2);
    free(out);

    /* The default solution type is conservative, and --help says so. */
    snprintf(cmd, sizeof cmd, "'%s' robust --help", FSQCA_CLI);
    ck_assert_int_eq(fsq_test_run(cmd, 0, &out), 0);
    ck_assert(strstr(out, "default: conservative") != NULL);
    free(out);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *fsq_robust_tests_suite(void)
{
    Suite *s = suite_create("robust_tests");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_robust__user_test_solutions_worked_by_hand);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_robust_tests_suite());
}
