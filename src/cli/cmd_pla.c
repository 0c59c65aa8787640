/* Berkeley PLA in and out for fsqca tt and fsqca minimize.
 *
 *   fsqca minimize FILE.pla      each output minimized as its own function
 *   fsqca minimize ... --format pla   the models as a PLA (.type f)
 *   fsqca tt ... --format pla    the truth table as a PLA (.type fr)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_pla.h"
#include "common/buf.h"
#include "common/error.h"
#include "common/json.h"

int fsq__cli_is_pla_path(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n > 4 && (strcmp(path + n - 4, ".pla") == 0 || strcmp(path + n - 4, ".PLA") == 0);
}

/* Emits a PLA through --output / standard output. */
static int emit_pla(const fsq__cli_common *c, const fsq_pla *pla)
{
    char *text;
    size_t len;
    int rc = fsq_pla_to_text(pla, &text, &len);
    if (rc)
        return fsq__cli_fail(c->command, rc);
    int status = fsq__cli_emit(c, text, len);
    free(text);
    return status;
}

/* The truth table as .type fr: OUT = 1 rows ON, OUT = 0 and C rows OFF (as
 * fsq_minimize treats C rows unless they are included), remainders left
 * out, so they are the don't-cares. */
int fsq__cli_tt_pla(const fsq__cli_common *c, const fsq_tt *tt)
{
    size_t k = fsq_tt_nconditions(tt);
    fsq_pla *pla = NULL;
    char outname[1024];
    int rc;
    if (fsq_tt_type(tt) == FSQ_MULTIVALUE) {
        fprintf(stderr, "fsqca %s: --format pla writes binary conditions only; this truth "
                "table is multi-value\n", c->command);
        return FSQ_EXIT_ANALYSIS;
    }
    snprintf(outname, sizeof outname, "%s%s", fsq_tt_outcome_negated(tt) ? "~" : "",
             fsq_tt_outcome(tt));
    char *in = malloc(k + 1);
    if (!in)
        rc = fsq__nomem();
    else if (!(rc = fsq_pla_new(&pla, k, 1, FSQ_PLA_FR)))
        rc = fsq_pla_set_output_name(pla, 0, outname);
    for (size_t j = 0; j < k && !rc; j++)
        rc = fsq_pla_set_input_name(pla, j, fsq_tt_condition(tt, j));
    for (size_t r = 0; r < fsq_tt_nrows(tt) && !rc; r++) {
        fsq_out o = fsq_tt_row_out(tt, r);
        if (o == FSQ_OUT_REM)
            continue;
        for (size_t j = 0; j < k; j++)
            in[j] = (char)('0' + fsq_tt_row_value(tt, r, j));
        in[k] = '\0';
        rc = fsq_pla_add_term(pla, in, o == FSQ_OUT_1 ? "1" : "0");
    }
    free(in);
    int status = rc ? fsq__cli_fail(c->command, rc) : emit_pla(c, pla);
    fsq_pla_free(pla);
    return status;
}

/* A cover as PLA rows: one output column per model; terms with the same
 * input part share a row. `terms` holds nterms cubes of k bytes, column
 * col[t] says which output term t belongs to. */
static int add_cover(fsq_pla *pla, const unsigned char *terms, const size_t *col, size_t nterms,
                     size_t k, size_t ncols)
{
    char *in = malloc(k + 1), *out = malloc(ncols + 1);
    unsigned char *done = calloc(nterms ? nterms : 1, 1);
    int rc = in && out && done ? 0 : fsq__nomem();
    for (size_t t = 0; t < nterms && !rc; t++) {
        if (done[t])
            continue;
        memset(out, '0', ncols);
        out[ncols] = '\0';
        for (size_t u = t; u < nterms; u++)
            if (!done[u] && memcmp(terms + u * k, terms + t * k, k) == 0) {
                out[col[u]] = '1';
                done[u] = 1;
            }
        for (size_t j = 0; j < k; j++)
            in[j] = terms[t * k + j] == FSQ_DASH ? '-' : (char)('0' + terms[t * k + j]);
        in[k] = '\0';
        rc = fsq_pla_add_term(pla, in, out);
    }
    free(in);
    free(out);
    free(done);
    return rc;
}

/* Output column names: NAME, or NAME.M1, NAME.M2, ... with --all. */
static int name_column(fsq_pla *pla, size_t col, const char *name, size_t model, int all)
{
    fsq__buf b = FSQ__BUF_INIT;
    if (all)
        fsq__buf_printf(&b, "%s.M%zu", name, model + 1);
    else
        fsq__buf_puts(&b, name);
    int rc = fsq__buf_ok(&b);
    if (!rc)
        rc = fsq_pla_set_output_name(pla, col, fsq__buf_str(&b));
    fsq__buf_free(&b);
    return rc;
}

int fsq__cli_min_pla(const fsq__cli_common *c, const fsq_tt *tt, const fsq_min *min, int all)
{
    size_t k = fsq_tt_nconditions(tt), nmodels = all ? fsq_min_nsolutions(min) : 1;
    fsq_pla *pla = NULL;
    unsigned char *terms = NULL;
    size_t *col = NULL, nterms = 0, cap = 0;
    char outname[1024];
    int rc;
    if (fsq_tt_type(tt) == FSQ_MULTIVALUE) {
        fprintf(stderr, "fsqca %s: --format pla writes binary conditions only; this truth "
                "table is multi-value\n", c->command);
        return FSQ_EXIT_ANALYSIS;
    }
    snprintf(outname, sizeof outname, "%s%s", fsq_tt_outcome_negated(tt) ? "~" : "",
             fsq_tt_outcome(tt));
    if ((rc = fsq_pla_new(&pla, k, nmodels, FSQ_PLA_F)))
        goto done;
    for (size_t j = 0; j < k && !rc; j++)
        rc = fsq_pla_set_input_name(pla, j, fsq_tt_condition(tt, j));
    for (size_t m = 0; m < nmodels && !rc; m++) {
        if ((rc = name_column(pla, m, outname, m, all)))
            break;
        for (size_t t = 0; t < fsq_min_solution_nterms(min, m) && !rc; t++) {
            if (nterms == cap) {
                cap = cap ? 2 * cap : 16;
                unsigned char *nt = realloc(terms, cap * k);
                size_t *nc = realloc(col, cap * sizeof *col);
                if (nt)
                    terms = nt;
                if (nc)
                    col = nc;
                if (!nt || !nc) {
                    rc = fsq__nomem();
                    break;
                }
            }
            col[nterms] = m;
            rc = fsq_min_solution_term(min, m, t, terms + nterms++ * k);
        }
    }
    if (!rc)
        rc = add_cover(pla, terms, col, nterms, k, nmodels);
done:;
    int status = rc ? fsq__cli_fail(c->command, rc) : emit_pla(c, pla);
    free(terms);
    free(col);
    fsq_pla_free(pla);
    return status;
}

/* ---- fsqca minimize FILE.pla ---------------------------------------------- */

static void name_of(const fsq_pla *pla, int input, size_t i, char *buf, size_t size)
{
    const char *n = input ? fsq_pla_input_name(pla, i) : fsq_pla_output_name(pla, i);
    if (n)
        snprintf(buf, size, "%s", n);
    else
        snprintf(buf, size, "%s%zu", input ? "x" : "y", i + 1);
}

static void cube_text(const fsq_pla *pla, const unsigned char *cube, fsq__buf *b)
{
    size_t k = fsq_pla_ninputs(pla);
    int first = 1;
    char name[1024];
    for (size_t j = 0; j < k; j++) {
        if (cube[j] == FSQ_DASH)
            continue;
        name_of(pla, 1, j, name, sizeof name);
        fsq__buf_printf(b, "%s%s%s", first ? "" : "*", cube[j] ? "" : "~", name);
        first = 0;
    }
    if (first)
        fsq__buf_putc(b, '1');
}

static void model_text(const fsq_pla *pla, const fsq_sets *s, size_t m, fsq__buf *b)
{
    size_t size = fsq_sets_solution_size(s);
    const size_t *pis = fsq_sets_solution(s, m);
    for (size_t t = 0; t < size; t++) {
        if (t)
            fsq__buf_puts(b, " + ");
        cube_text(pla, fsq_sets_pi(s, pis[t]), b);
    }
    if (size == 0)
        fsq__buf_putc(b, '0');
}

static void report_text(fsq__buf *b, const char *path, const fsq_pla *pla, fsq_sets **res)
{
    size_t no = fsq_pla_noutputs(pla);
    char name[1024];
    fsq__buf_printf(b, "PLA %s: %zu inputs, %zu output%s, type %s (%s)\n", path,
                    fsq_pla_ninputs(pla), no, no == 1 ? "" : "s",
                    fsq_pla_type_name(fsq_pla_get_type(pla)),
                    fsq_pla_get_type(pla) & 4 ? "unlisted configurations are don't-cares"
                                              : "unlisted configurations are OFF");
    for (size_t o = 0; o < no; o++) {
        size_t on, off, dc, ns = fsq_sets_nsolutions(res[o]);
        fsq_sets_npoints(res[o], &on, &off, &dc);
        name_of(pla, 0, o, name, sizeof name);
        fsq__buf_printf(b, "\nOutput %s: %zu ON, %zu OFF, %zu don't-care %s; "
                        "%zu prime implicants; %zu minimum model%s of %zu term%s\n", name, on,
                        off, dc, fsq_sets_cube_mode(res[o]) ? "cubes (cube mode)" : "configurations",
                        fsq_sets_npis(res[o]), ns, ns == 1 ? "" : "s",
                        fsq_sets_solution_size(res[o]),
                        fsq_sets_solution_size(res[o]) == 1 ? "" : "s");
        for (size_t m = 0; m < ns; m++) {
            fsq__buf_printf(b, "M%zu: ", m + 1);
            model_text(pla, res[o], m, b);
            fsq__buf_printf(b, " -> %s\n", name);
        }
    }
}

static void report_json(fsq__buf *b, const char *path, const fsq_pla *pla, fsq_sets **res)
{
    fsq__json j;
    fsq__buf t = FSQ__BUF_INIT;
    char name[1024];
    fsq__json_init(&j, b, 1);
    fsq__json_begin_object(&j);
    fsq__json_key(&j, "pla");
    fsq__json_string(&j, path);
    fsq__json_key(&j, "type");
    fsq__json_string(&j, fsq_pla_type_name(fsq_pla_get_type(pla)));
    fsq__json_key(&j, "inputs");
    fsq__json_compact(&j, 1);
    fsq__json_begin_array(&j);
    for (size_t i = 0; i < fsq_pla_ninputs(pla); i++) {
        name_of(pla, 1, i, name, sizeof name);
        fsq__json_string(&j, name);
    }
    fsq__json_end_array(&j);
    fsq__json_compact(&j, 0);
    fsq__json_key(&j, "outputs");
    fsq__json_begin_array(&j);
    for (size_t o = 0; o < fsq_pla_noutputs(pla); o++) {
        size_t on, off, dc;
        fsq_sets_npoints(res[o], &on, &off, &dc);
        fsq__json_begin_object(&j);
        name_of(pla, 0, o, name, sizeof name);
        fsq__json_key(&j, "output");
        fsq__json_string(&j, name);
        fsq__json_key(&j, "on");
        fsq__json_uint(&j, on);
        fsq__json_key(&j, "off");
        fsq__json_uint(&j, off);
        fsq__json_key(&j, "dc");
        fsq__json_uint(&j, dc);
        fsq__json_key(&j, "counts");
        fsq__json_string(&j, fsq_sets_cube_mode(res[o]) ? "cubes" : "configurations");
        fsq__json_key(&j, "columns");
        fsq__json_uint(&j, fsq_sets_ncolumns(res[o]));
        fsq__json_key(&j, "prime_implicants");
        fsq__json_compact(&j, 1);
        fsq__json_begin_array(&j);
        for (size_t i = 0; i < fsq_sets_npis(res[o]); i++) {
            t.len = 0;
            cube_text(pla, fsq_sets_pi(res[o], i), &t);
            fsq__json_string(&j, fsq__buf_str(&t));
        }
        fsq__json_end_array(&j);
        fsq__json_compact(&j, 0);
        fsq__json_key(&j, "solutions");
        fsq__json_begin_array(&j);
        for (size_t m = 0; m < fsq_sets_nsolutions(res[o]); m++) {
            fsq__json_compact(&j, 1);
            fsq__json_begin_array(&j);
            const size_t *pis = fsq_sets_solution(res[o], m);
            for (size_t s = 0; s < fsq_sets_solution_size(res[o]); s++) {
                t.len = 0;
                cube_text(pla, fsq_sets_pi(res[o], pis[s]), &t);
                fsq__json_string(&j, fsq__buf_str(&t));
            }
            fsq__json_end_array(&j);
            fsq__json_compact(&j, 0);
        }
        fsq__json_end_array(&j);
        fsq__json_end_object(&j);
    }
    fsq__json_end_array(&j);
    fsq__json_end_object(&j);
    fsq__buf_putc(b, '\n');
    fsq__buf_free(&t);
}

/* The models as a PLA: the PLA's inputs; per output its first model (or, with
 * all, every model as NAME.M1, NAME.M2, ...). */
static int models_pla(const fsq_pla *src, fsq_sets **res, int all, fsq_pla **out)
{
    size_t k = fsq_pla_ninputs(src), no = fsq_pla_noutputs(src), ncols = 0, nterms = 0;
    char name[1024];
    for (size_t o = 0; o < no; o++) {
        size_t m = all ? fsq_sets_nsolutions(res[o]) : 1;
        ncols += m;
        nterms += m * fsq_sets_solution_size(res[o]);
    }
    unsigned char *terms = malloc((nterms ? nterms : 1) * k);
    size_t *col = malloc((nterms ? nterms : 1) * sizeof *col);
    int rc = terms && col ? fsq_pla_new(out, k, ncols, FSQ_PLA_F) : fsq__nomem();
    for (size_t j = 0; j < k && !rc; j++)
        if (fsq_pla_input_name(src, j))
            rc = fsq_pla_set_input_name(*out, j, fsq_pla_input_name(src, j));
    size_t c = 0, t = 0;
    for (size_t o = 0; o < no && !rc; o++) {
        size_t nm = all ? fsq_sets_nsolutions(res[o]) : 1, size = fsq_sets_solution_size(res[o]);
        name_of(src, 0, o, name, sizeof name);
        for (size_t m = 0; m < nm && !rc; m++, c++) {
            rc = name_column(*out, c, name, m, all);
            const size_t *pis = fsq_sets_solution(res[o], m);
            for (size_t s = 0; s < size; s++, t++) {
                memcpy(terms + t * k, fsq_sets_pi(res[o], pis[s]), k);
                col[t] = c;
            }
        }
    }
    if (!rc)
        rc = add_cover(*out, terms, col, nterms, k, ncols);
    free(terms);
    free(col);
    return rc;
}

int fsq__cli_minimize_pla(const fsq__cli_common *c, const fsq_sets_options *base, int format_pla,
                          int all)
{
    fsq_pla *pla = NULL, *outpla = NULL;
    fsq_sets **res = NULL;
    fsq__buf b = FSQ__BUF_INIT;
    int rc, status = 0;
    size_t no = 0;
    if (c->outcome || c->conditions)
        return fsq__cli_usage_error(c->command, "a PLA file names its own inputs and outputs: "
                                    "--outcome and --conditions do not apply");
    if ((rc = fsq_pla_read(&pla, c->data_path)))
        return fsq__cli_fail(c->command, rc);
    no = fsq_pla_noutputs(pla);
    res = calloc(no, sizeof *res);
    if (!res) {
        status = fsq__cli_error(c->command, "out of memory");
        goto done;
    }
    for (size_t o = 0; o < no; o++) {
        unsigned char *on, *off, *dc;
        size_t non, noff, ndc;
        fsq_sets_options so = *base;
        so.off_given = (fsq_pla_get_type(pla) & 4) != 0;
        if ((rc = fsq_pla_output_sets(pla, o, &on, &non, &off, &noff, &dc, &ndc)))
            break;
        rc = fsq_minimize_sets(&res[o], fsq_pla_ninputs(pla), on, non, off, noff, dc, ndc, &so);
        free(on);
        free(off);
        free(dc);
        if (rc) {
            char name[1024];
            name_of(pla, 0, o, name, sizeof name);
            fprintf(stderr, "fsqca %s: %s, output %s: %s\n", c->command, c->data_path, name,
                    fsq_last_error());
            status = rc == FSQ_EINPUT ? FSQ_EXIT_USAGE : FSQ_EXIT_ANALYSIS;
            goto done;
        }
    }
    if (rc) {
        status = fsq__cli_fail(c->command, rc);
        goto done;
    }
    if (base->time_limit > 0 && fsq_clock_seconds() - base->time_start >= base->time_limit) {
        fprintf(stderr, "fsqca %s: time limit of %g s reached in the PLA output "
                "(--time-limit)\n", c->command, base->time_limit);
        status = FSQ_EXIT_ANALYSIS;
        goto done;
    }
    if (format_pla) {
        if ((rc = models_pla(pla, res, all, &outpla)))
            status = fsq__cli_fail(c->command, rc);
        else
            status = emit_pla(c, outpla);
        goto done;
    }
    if (c->json)
        report_json(&b, c->data_path, pla, res);
    else
        report_text(&b, c->data_path, pla, res);
    status = fsq__buf_ok(&b) ? fsq__cli_error(c->command, "out of memory")
                             : fsq__cli_emit(c, b.data, b.len);
done:
    if (res)
        for (size_t o = 0; o < no; o++)
            fsq_sets_free(res[o]);
    free(res);
    fsq__buf_free(&b);
    fsq_pla_free(outpla);
    fsq_pla_free(pla);
    return status;
}
