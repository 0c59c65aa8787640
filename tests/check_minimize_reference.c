/* Minimization against QCA 3.23: every file in ../shared/reference/qca/.
 *
 * fsqca's JSON is compared with the reference file, twice: as the library
 * writes it (fsq_min_to_json) and as the command writes it (`fsqca minimize
 * DATA ... --json`, the arguments built from the file's call):
 *   - the same set of models, each the same set of terms; their order too
 *     (QCA's order), counted and asserted;
 *   - essential PIs, the PI chart of every QCA PI, simplifying assumptions;
 *   - solution_fit, term_fit, solution_term_fit within 1e-9;
 *   - prime implicants: every QCA PI is found; a PI QCA does not list is
 *     accepted only if a direct check against the truth table shows it is a
 *     genuine prime implicant (QCA's search stops on a heuristic, DESIGN.md);
 *   - intermediate files: per key the EC, DC, c_sol, p_sol and models;
 *   - files that record a QCA error: fsqca refuses too, with FSQ_ENOSOLUTION.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minimize/minimize_internal.h"
#include "prime/prime.h"
#include "test_util.h"

static const char *cur_file;

static int str_in(const cJSON *arr, const char *s)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, arr) if (strcmp(e->valuestring, s) == 0) return 1;
    return 0;
}

/* The same set of strings. */
static int same_set(const cJSON *a, const cJSON *b)
{
    if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
        return 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, a) if (!str_in(b, e->valuestring)) return 0;
    return 1;
}

static int same_numbers(const cJSON *a, const cJSON *b)
{
    if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
        return 0;
    for (int i = 0; i < cJSON_GetArraySize(a); i++)
        if (cJSON_GetArrayItem(a, i)->valuedouble != cJSON_GetArrayItem(b, i)->valuedouble)
            return 0;
    return 1;
}

static int find_model(const cJSON *models, const cJSON *model)
{
    for (int i = 0; i < cJSON_GetArraySize(models); i++)
        if (same_set(cJSON_GetArrayItem(models, i), model))
            return i;
    return -1;
}

static void check_fit_object(const cJSON *mine, const cJSON *ref, const char *what)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, ref)
    {
        const cJSON *m = cJSON_GetObjectItem(mine, e->string);
        ck_assert_msg(m != NULL, "%s: %s: no %s", cur_file, what, e->string);
        if (cJSON_IsNull(e)) { /* QCA reports no covU for a one-term model */
            ck_assert_msg(cJSON_IsNull(m), "%s: %s %s should be null", cur_file, what, e->string);
            continue;
        }
        ck_assert_msg(fsq_test_close(m->valuedouble, e->valuedouble, FSQ_TOL),
                      "%s: %s %s = %.15g, QCA %.15g", cur_file, what, e->string, m->valuedouble,
                      e->valuedouble);
    }
}

/* Parses "A*~B" or "A[1]*B[0]" into a digit cube of tt. */
static void parse_term(const fsq_tt *tt, const char *text, unsigned char *cube)
{
    memset(cube, FSQ__DASH, tt->k);
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    for (char *lit = strtok(buf, "*"); lit; lit = strtok(NULL, "*")) {
        unsigned level = 1;
        if (lit[0] == '~') {
            level = 0;
            lit++;
        }
        char *br = strchr(lit, '[');
        if (br) {
            level = (unsigned)atoi(br + 1);
            *br = '\0';
        }
        size_t j = 0;
        while (j < tt->k && strcmp(tt->conditions[j], lit) != 0)
            j++;
        ck_assert_msg(j < tt->k, "%s: unknown literal %s", cur_file, lit);
        cube[j] = (unsigned char)level;
    }
}

/* Is configuration cfg allowed inside an implicant? ON always; a remainder
 * only when remainders are don't-cares; C when contradictions are. */
static int allowed(const fsq_tt *tt, const unsigned char *cfg, int remainders, int c_dc)
{
    for (size_t r = 0; r < tt->nrows; r++)
        if (memcmp(tt->rows + r * tt->k, cfg, tt->k) == 0) {
            int o = tt->row_out[r];
            return o == FSQ_OUT_1 || (o == FSQ_OUT_C && c_dc) || (o == FSQ_OUT_REM && remainders);
        }
    return remainders;
}

/* Brute force over every configuration of the cube. */
static int cube_is_implicant(const fsq_tt *tt, const unsigned char *cube, int remainders,
                             int c_dc)
{
    unsigned char cfg[64];
    size_t k = tt->k;
    for (size_t j = 0; j < k; j++)
        cfg[j] = cube[j] == FSQ__DASH ? 0 : cube[j];
    for (;;) {
        if (!allowed(tt, cfg, remainders, c_dc))
            return 0;
        int carry = 1;
        for (size_t j = k; carry && j-- > 0;) {
            if (cube[j] != FSQ__DASH)
                continue;
            if (++cfg[j] < tt->levels[j])
                carry = 0;
            else
                cfg[j] = 0;
        }
        if (carry)
            return 1;
    }
}

/* A genuine PI: an implicant that covers an ON row, and no literal can go. */
static int is_genuine_pi(const fsq_tt *tt, const unsigned char *cube, int remainders, int c_dc)
{
    if (!cube_is_implicant(tt, cube, remainders, c_dc))
        return 0;
    int covers_on = 0;
    for (size_t r = 0; r < tt->nrows; r++)
        if (tt->row_out[r] == FSQ_OUT_1 &&
            fsq__cube_contains_digits(cube, tt->rows + r * tt->k, tt->k))
            covers_on = 1;
    if (!covers_on)
        return 0;
    unsigned char wider[64];
    for (size_t j = 0; j < tt->k; j++) {
        if (cube[j] == FSQ__DASH)
            continue;
        memcpy(wider, cube, tt->k);
        wider[j] = FSQ__DASH;
        if (cube_is_implicant(tt, wider, remainders, c_dc))
            return 0;
    }
    return 1;
}

static size_t models_in_order, models_total, extra_pis;

/* The combined term table: inclS, PRI, covS and covU of every term (covU
 * against every other term of every model) must match per term. */
static void check_term_fit(const cJSON *mine, const cJSON *ref)
{
    const cJSON *term;
    cJSON_ArrayForEach(term, ref)
    {
        const cJSON *m = cJSON_GetObjectItem(mine, term->string);
        ck_assert_msg(m != NULL, "%s: term_fit: no %s", cur_file, term->string);
        check_fit_object(m, term, "term_fit");
    }
}

/* The parts shared by a whole file and an intermediate key. */
static void check_set(const cJSON *mine, const cJSON *ref, const fsq_tt *tt, int remainders,
                      int c_dc, int verify_extra)
{
    const cJSON *rs = cJSON_GetObjectItem(ref, "solutions");
    const cJSON *ms = cJSON_GetObjectItem(mine, "solutions");
    ck_assert_msg(cJSON_GetArraySize(ms) == cJSON_GetArraySize(rs), "%s: %d models, QCA %d",
                  cur_file, cJSON_GetArraySize(ms), cJSON_GetArraySize(rs));
    for (int i = 0; i < cJSON_GetArraySize(rs); i++) {
        const cJSON *model = cJSON_GetArrayItem(rs, i);
        int at = find_model(ms, model);
        char *txt = cJSON_PrintUnformatted(model);
        ck_assert_msg(at >= 0, "%s: QCA model %s not found", cur_file, txt);
        free(txt);
        models_total++;
        models_in_order += at == i;
        ck_assert_msg(at == i, "%s: QCA's model %d is fsqca's model %d (order)", cur_file, i + 1,
                      at + 1);
        const cJSON *rf = cJSON_GetObjectItem(ref, "solution_fit");
        if (rf)
            check_fit_object(cJSON_GetArrayItem(cJSON_GetObjectItem(mine, "solution_fit"), at),
                             cJSON_GetArrayItem(rf, i), "solution_fit");
        const cJSON *rst = cJSON_GetObjectItem(ref, "solution_term_fit");
        if (rst && cJSON_GetArraySize(rst) > i) {
            const cJSON *term, *mst = cJSON_GetArrayItem(
                                    cJSON_GetObjectItem(mine, "solution_term_fit"), at);
            cJSON_ArrayForEach(term, cJSON_GetArrayItem(rst, i))
                check_fit_object(cJSON_GetObjectItem(mst, term->string), term,
                                 "solution_term_fit");
        }
        const cJSON *rsa = cJSON_GetObjectItem(ref, "simplifying_assumptions");
        if (rsa && cJSON_GetObjectItem(rsa, "M1")) {
            char name[32];
            snprintf(name, sizeof name, "M%d", i + 1);
            char mname[32];
            snprintf(mname, sizeof mname, "M%d", at + 1);
            ck_assert_msg(same_numbers(cJSON_GetObjectItem(cJSON_GetObjectItem(mine,
                                       "simplifying_assumptions"), mname),
                                       cJSON_GetObjectItem(rsa, name)),
                          "%s: simplifying assumptions of %s differ", cur_file, name);
        }
    }
    const cJSON *rtf = cJSON_GetObjectItem(ref, "term_fit");
    if (rtf)
        check_term_fit(cJSON_GetObjectItem(mine, "term_fit"), rtf);
    ck_assert_msg(same_set(cJSON_GetObjectItem(mine, "essential"),
                           cJSON_GetObjectItem(ref, "essential")), "%s: essentials differ",
                  cur_file);

    const cJSON *rp = cJSON_GetObjectItem(ref, "prime_implicants");
    const cJSON *mp = cJSON_GetObjectItem(mine, "prime_implicants"), *e;
    cJSON_ArrayForEach(e, rp)
        ck_assert_msg(str_in(mp, e->valuestring), "%s: QCA's PI %s not found", cur_file,
                      e->valuestring);
    cJSON_ArrayForEach(e, mp)
    {
        if (str_in(rp, e->valuestring))
            continue;
        ck_assert_msg(verify_extra, "%s: extra PI %s", cur_file, e->valuestring);
        unsigned char cube[64];
        parse_term(tt, e->valuestring, cube);
        ck_assert_msg(is_genuine_pi(tt, cube, remainders, c_dc),
                      "%s: %s is not a prime implicant", cur_file, e->valuestring);
        extra_pis++;
    }
    const cJSON *rc = cJSON_GetObjectItem(ref, "pi_chart");
    const cJSON *mc = cJSON_GetObjectItem(mine, "pi_chart");
    if (rc)
        cJSON_ArrayForEach(e, rc)
            ck_assert_msg(same_numbers(cJSON_GetObjectItem(mc, e->string), e),
                          "%s: PI chart row %s differs", cur_file, e->string);
}

/* `fsqca minimize` arguments for the reference file's call. */
static void cli_args(const cJSON *ref, const char *shared, char *args, size_t size)
{
    char tt_args[4096];
    fsq_test_reference_cli_args(ref, shared, tt_args, sizeof tt_args);
    const char *include = cJSON_GetObjectItem(ref, "include")->valuestring;
    int n = snprintf(args, size, "minimize %s --json", tt_args);
    if (include[0])
        n += snprintf(args + n, size - (size_t)n, " --include '%s'", include);
    const cJSON *dir = cJSON_GetObjectItem(ref, "dir_exp");
    const cJSON *conds = cJSON_GetObjectItem(ref, "conditions");
    if (cJSON_IsArray(dir))
        for (int j = 0; j < cJSON_GetArraySize(dir); j++)
            n += snprintf(args + n, size - (size_t)n, "%s%s=%s", j ? "," : " --dir-exp '",
                          cJSON_GetArrayItem(conds, j)->valuestring,
                          cJSON_GetArrayItem(dir, j)->valuestring);
    if (cJSON_IsArray(dir))
        n += snprintf(args + n, size - (size_t)n, "'");
    ck_assert((size_t)n < size);
}

static size_t check_one(const char *file, const char *shared, int via_cli)
{
    cur_file = strrchr(file, '/') + 1;
    cJSON *ref = fsq_test_load_json(file);
    ck_assert_ptr_nonnull(ref);
    fsq_tt *tt = fsq_test_tt_from_reference(ref, shared);
    const char *include = cJSON_GetObjectItem(ref, "include")->valuestring;
    const cJSON *dir = cJSON_GetObjectItem(ref, "dir_exp");
    fsq_min_options o = FSQ_MIN_OPTIONS_INIT;
    o.include_contradictions = strchr(include, 'C') != NULL;
    o.type = include[0] == '?' ? FSQ_PARSIMONIOUS : FSQ_CONSERVATIVE;
    const char *exps[64];
    if (cJSON_IsArray(dir)) {
        o.type = FSQ_INTERMEDIATE;
        o.ndir_exp = (size_t)cJSON_GetArraySize(dir);
        for (size_t j = 0; j < o.ndir_exp; j++)
            exps[j] = cJSON_GetArrayItem(dir, (int)j)->valuestring;
        o.dir_exp = exps;
    }
    fsq_min *min = NULL;
    int rc = fsq_minimize(&min, tt, &o);
    char args[8192];
    cli_args(ref, shared, args, sizeof args);
    if (via_cli && cJSON_GetObjectItem(ref, "error")) {
        char cmd[8300];
        snprintf(cmd, sizeof cmd, "'%s' %s", FSQCA_CLI, args);
        ck_assert_msg(fsq_test_run(cmd, 0, NULL) == 1, "%s: QCA refused; `%s` did not exit 1",
                      cur_file, cmd);
    }
    if (cJSON_GetObjectItem(ref, "error")) {
        ck_assert_msg(rc == FSQ_ENOSOLUTION, "%s: QCA refused (%s); fsqca gave %d", cur_file,
                      cJSON_GetObjectItem(ref, "error")->valuestring, rc);
        fsq_tt_free(tt);
        cJSON_Delete(ref);
        return 1;
    }
    ck_assert_msg(rc == 0, "%s: %s", cur_file, fsq_last_error());
    cJSON *mine;
    if (via_cli) {
        mine = fsq_test_cli_json(args, 0);
    } else {
        char *json;
        size_t len;
        ck_assert_int_eq(fsq_min_to_json(min, &json, &len), 0);
        mine = cJSON_Parse(json);
        ck_assert_msg(mine != NULL, "%s: fsqca wrote invalid JSON", cur_file);
        free(json);
    }

    if (o.type != FSQ_INTERMEDIATE) {
        check_set(mine, ref, tt, o.type == FSQ_PARSIMONIOUS, o.include_contradictions, 1);
    } else {
        const cJSON *rs = cJSON_GetObjectItem(ref, "solutions");
        const cJSON *ms = cJSON_GetObjectItem(mine, "solutions");
        ck_assert_int_eq(cJSON_GetArraySize(ms), cJSON_GetArraySize(rs));
        for (int i = 0; i < cJSON_GetArraySize(rs); i++) {
            ck_assert_msg(find_model(ms, cJSON_GetArrayItem(rs, i)) == i,
                          "%s: intermediate model %d", cur_file, i + 1);
            check_fit_object(cJSON_GetArrayItem(cJSON_GetObjectItem(mine, "solution_fit"), i),
                             cJSON_GetArrayItem(cJSON_GetObjectItem(ref, "solution_fit"), i),
                             "solution_fit");
            const cJSON *term;
            cJSON_ArrayForEach(term, cJSON_GetArrayItem(cJSON_GetObjectItem(ref,
                                                        "solution_term_fit"), i))
                check_fit_object(cJSON_GetObjectItem(cJSON_GetArrayItem(
                                     cJSON_GetObjectItem(mine, "solution_term_fit"), i),
                                     term->string), term, "solution_term_fit");
        }
        check_term_fit(cJSON_GetObjectItem(mine, "term_fit"), cJSON_GetObjectItem(ref, "term_fit"));
        const cJSON *rp = cJSON_GetObjectItem(ref, "parsimonious");
        const cJSON *mp = cJSON_GetObjectItem(mine, "parsimonious");
        for (int i = 0; i < cJSON_GetArraySize(cJSON_GetObjectItem(rp, "solutions")); i++)
            ck_assert(find_model(cJSON_GetObjectItem(mp, "solutions"),
                                 cJSON_GetArrayItem(cJSON_GetObjectItem(rp, "solutions"), i)) ==
                      i);
        const cJSON *rkeys = cJSON_GetObjectItem(ref, "intermediate");
        const cJSON *mkeys = cJSON_GetObjectItem(mine, "intermediate");
        ck_assert_int_eq(cJSON_GetArraySize(mkeys), cJSON_GetArraySize(rkeys));
        for (int q = 0; q < cJSON_GetArraySize(rkeys); q++) {
            const cJSON *rk = cJSON_GetArrayItem(rkeys, q), *mk = NULL, *e;
            cJSON_ArrayForEach(e, mkeys) if (strcmp(cJSON_GetObjectItem(e, "key")->valuestring,
                                                    cJSON_GetObjectItem(rk, "key")->valuestring) ==
                                             0) mk = e;
            ck_assert_msg(mk != NULL, "%s: no key %s", cur_file,
                          cJSON_GetObjectItem(rk, "key")->valuestring);
            ck_assert_msg(same_numbers(cJSON_GetObjectItem(mk, "EC"), cJSON_GetObjectItem(rk, "EC")),
                          "%s %s: easy counterfactuals differ", cur_file,
                          cJSON_GetObjectItem(rk, "key")->valuestring);
            ck_assert_msg(same_numbers(cJSON_GetObjectItem(mk, "DC"), cJSON_GetObjectItem(rk, "DC")),
                          "%s: difficult counterfactuals differ", cur_file);
            ck_assert(same_set(cJSON_GetObjectItem(mk, "c_sol"), cJSON_GetObjectItem(rk, "c_sol")));
            ck_assert(same_set(cJSON_GetObjectItem(mk, "p_sol"), cJSON_GetObjectItem(rk, "p_sol")));
            check_set(mk, rk, tt, 0, 0, 0);
        }
    }
    cJSON_Delete(mine);
    cJSON_Delete(ref);
    fsq_min_free(min);
    fsq_tt_free(tt);
    return 1;
}

START_TEST(test_minimize__every_reference_file_matches_qca)
{
    const char *shared = fsq_test_shared_dir();
    if (!shared) {
        printf("NOTICE: ../shared is absent; QCA reference minimizations not checked\n");
        return;
    }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/reference/qca", shared);
    char **files;
    size_t n = fsq_test_list_dir(dir, ".json", &files), checked = 0;
    ck_assert(n > 0);
    for (int via_cli = 0; via_cli < 2; via_cli++) {
        models_total = models_in_order = extra_pis = checked = 0;
        for (size_t i = 0; i < n; i++)
            checked += check_one(files[i], shared, via_cli);
        printf("checked the minimizations of %zu QCA reference files %s: %zu models, %zu in QCA's "
               "order; %zu prime implicants beyond QCA's lists, each verified\n", checked,
               via_cli ? "through `fsqca minimize --json`" : "through the library", models_total,
               models_in_order, extra_pis);
    }
    fsq_test_free_list(files, n);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("minimize_reference");
    TCase *tc = tcase_create("qca");
    tcase_set_timeout(tc, 900);
    tcase_add_test(tc, test_minimize__every_reference_file_matches_qca);
    suite_add_tcase(s, tc);
    return fsq_test_run_suite(s);
}
