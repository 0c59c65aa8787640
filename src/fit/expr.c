/* Boolean expressions in QCA's syntax: parser, memberships over a data set,
 * configurations inside an expression (see expr.h for the literals).
 *
 * Grammar (blanks ignored):
 *   expr    := term ('+' term)*
 *   term    := literal ('*' literal)*
 *   literal := '~'? NAME levels?
 *   levels  := '[' int (',' int)* ']'  |  '{' int (',' int)* '}'
 * Levels are 0..63. The canonical text writes literals as parsed, terms
 * joined by " + ": "A*~B + C[1,2]". */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "fit/expr.h"
#include "io/data_internal.h"
#include "tt/tt_internal.h"

void fsq_expr_free(fsq_expr *e)
{
    if (!e)
        return;
    for (size_t t = 0; t < e->nterms; t++) {
        for (size_t l = 0; l < e->terms[t].nlits; l++)
            free(e->terms[t].lits[l].name);
        free(e->terms[t].lits);
        free(e->terms[t].text);
    }
    free(e->terms);
    for (size_t v = 0; v < e->nvars; v++)
        free(e->vars[v]);
    free(e->vars);
    free(e->text);
    free(e);
}

size_t fsq_expr_nterms(const fsq_expr *e) { return e->nterms; }
const char *fsq_expr_term_text(const fsq_expr *e, size_t t) { return e->terms[t].text; }
const char *fsq_expr_text(const fsq_expr *e) { return e->text; }
size_t fsq_expr_nvars(const fsq_expr *e) { return e->nvars; }
const char *fsq_expr_var(const fsq_expr *e, size_t i) { return e->vars[i]; }

typedef struct {
    const char *text;
    size_t pos;
} lexer;

static void skip_blanks(lexer *lx)
{
    while (lx->text[lx->pos] && isspace((unsigned char)lx->text[lx->pos]))
        lx->pos++;
}

static int is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.';
}

static int syntax_error(const lexer *lx, const char *expected)
{
    const char *at = lx->text + lx->pos;
    return fsq__error(FSQ_EINPUT, "expression \"%s\", character %zu: expected %s, got %s%.12s%s",
                      lx->text, lx->pos + 1, expected, *at ? "\"" : "the end", at,
                      *at ? "\"" : "");
}

/* One literal into *lit; appends its canonical text to b. */
static int parse_literal(lexer *lx, fsq__literal *lit, fsq__buf *b)
{
    skip_blanks(lx);
    if (lx->text[lx->pos] == '~') {
        lit->negated = 1;
        lx->pos++;
        skip_blanks(lx);
    }
    size_t start = lx->pos;
    while (is_name_char(lx->text[lx->pos]))
        lx->pos++;
    if (lx->pos == start)
        return syntax_error(lx, "a condition name");
    lit->name = strndup(lx->text + start, lx->pos - start);
    if (!lit->name)
        return fsq__nomem();
    fsq__buf_printf(b, "%s%s", lit->negated ? "~" : "", lit->name);
    skip_blanks(lx);
    char open = lx->text[lx->pos];
    if (open != '[' && open != '{') {
        lit->levels = 1u << 1;
        return 0;
    }
    char close = open == '[' ? ']' : '}';
    lit->bracket = 1;
    lx->pos++;
    fsq__buf_putc(b, '[');
    for (int first = 1;; first = 0) {
        skip_blanks(lx);
        if (!isdigit((unsigned char)lx->text[lx->pos]))
            return syntax_error(lx, "a level (0 to 63)");
        unsigned long v = strtoul(lx->text + lx->pos, NULL, 10);
        while (isdigit((unsigned char)lx->text[lx->pos]))
            lx->pos++;
        if (v > 63)
            return syntax_error(lx, "a level of at most 63");
        lit->levels |= UINT64_C(1) << v;
        fsq__buf_printf(b, "%s%lu", first ? "" : ",", v);
        skip_blanks(lx);
        if (lx->text[lx->pos] == close) {
            lx->pos++;
            break;
        }
        if (lx->text[lx->pos] != ',')
            return syntax_error(lx, open == '[' ? "',' or ']'" : "',' or '}'");
        lx->pos++;
    }
    fsq__buf_putc(b, ']');
    return 0;
}

static int add_var(fsq_expr *e, const char *name)
{
    for (size_t v = 0; v < e->nvars; v++)
        if (strcmp(e->vars[v], name) == 0)
            return 0;
    char **vars = realloc(e->vars, (e->nvars + 1) * sizeof *vars);
    if (!vars)
        return fsq__nomem();
    e->vars = vars;
    if (!(e->vars[e->nvars] = strdup(name)))
        return fsq__nomem();
    e->nvars++;
    return 0;
}

int fsq_expr_parse(fsq_expr **out, const char *text)
{
    *out = NULL;
    fsq_expr *e = calloc(1, sizeof *e);
    fsq__buf all = FSQ__BUF_INIT;
    lexer lx = {text ? text : "", 0};
    int rc = 0;
    if (!e)
        return fsq__nomem();
    for (;;) {
        fsq__term *terms = realloc(e->terms, (e->nterms + 1) * sizeof *terms);
        if (!terms) {
            rc = fsq__nomem();
            goto done;
        }
        e->terms = terms;
        fsq__term *t = &e->terms[e->nterms++];
        memset(t, 0, sizeof *t);
        fsq__buf tb = FSQ__BUF_INIT;
        for (;;) {
            fsq__literal *lits = realloc(t->lits, (t->nlits + 1) * sizeof *lits);
            if (!lits) {
                fsq__buf_free(&tb);
                rc = fsq__nomem();
                goto done;
            }
            t->lits = lits;
            fsq__literal *lit = &t->lits[t->nlits++];
            memset(lit, 0, sizeof *lit);
            if (t->nlits > 1)
                fsq__buf_putc(&tb, '*');
            if ((rc = parse_literal(&lx, lit, &tb)) || (rc = add_var(e, lit->name))) {
                fsq__buf_free(&tb);
                goto done;
            }
            skip_blanks(&lx);
            if (lx.text[lx.pos] != '*')
                break;
            lx.pos++;
        }
        if ((rc = fsq__buf_ok(&tb))) {
            fsq__buf_free(&tb);
            goto done;
        }
        t->text = fsq__buf_detach(&tb, NULL);
        fsq__buf_printf(&all, "%s%s", e->nterms > 1 ? " + " : "", t->text);
        if (lx.text[lx.pos] == '\0')
            break;
        if (lx.text[lx.pos] != '+') {
            rc = syntax_error(&lx, "'*', '+' or the end");
            goto done;
        }
        lx.pos++;
    }
    if ((rc = fsq__buf_ok(&all)))
        goto done;
    e->text = fsq__buf_detach(&all, NULL);
    *out = e;
    e = NULL;
done:
    fsq__buf_free(&all);
    fsq_expr_free(e);
    return rc;
}

/* ---- memberships over a data set ---------------------------------------- */

/* Column facts for evaluating literals: multi-value when every value is an
 * integer >= 0 and some exceeds 1. */
typedef struct {
    const double *x;
    int multi;
    unsigned max_level;
} column_info;

static int column_for(const fsq_data *d, const char *name, column_info *ci)
{
    long col;
    int rc = fsq__data_numeric_column(d, name, &col);
    if (rc)
        return rc;
    const fsq__column *c = &d->vars[col];
    int integral = 1;
    double max = 0;
    for (size_t i = 0; i < d->ncases; i++) {
        double v = c->values[i];
        if (isnan(v))
            return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: column \"%s\" has a missing value (case "
                              "\"%s\")", d->source, d->lines[i], c->file_col, name, d->ids[i]);
        if (v < 0 || v != floor(v))
            integral = 0;
        if (v > max)
            max = v;
    }
    ci->x = c->values;
    ci->multi = integral && max > 1;
    ci->max_level = (unsigned)(ci->multi ? max : 1);
    if (!ci->multi)
        for (size_t i = 0; i < d->ncases; i++)
            if (c->values[i] < 0 || c->values[i] > 1)
                return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: column \"%s\" value %g is not a set "
                                  "membership in [0, 1] (case \"%s\")", d->source, d->lines[i],
                                  c->file_col, name, c->values[i], d->ids[i]);
    return 0;
}

static int literal_check(const fsq__literal *lit, const column_info *ci, unsigned nlevels)
{
    (void)ci;
    if (!lit->bracket && nlevels > 2)
        return fsq__error(FSQ_EINPUT, "\"%s\" is multi-value (levels 0 to %u): name a level, "
                          "e.g. %s[1]", lit->name, nlevels - 1, lit->name);
    if (nlevels < 64 && (lit->levels >> nlevels) != 0)
        return fsq__error(FSQ_EINPUT, "\"%s\" has levels 0 to %u only", lit->name, nlevels - 1);
    return 0;
}

/* Membership of one case in a literal. */
static double literal_value(const fsq__literal *lit, const column_info *ci, size_t i)
{
    double x = ci->x[i], m;
    if (ci->multi)
        m = (lit->levels >> (unsigned)x) & 1 ? 1.0 : 0.0;
    else {
        m = 0.0;
        if (lit->levels & 2)
            m = x;
        if ((lit->levels & 1) && 1.0 - x > m)
            m = 1.0 - x;
    }
    return lit->negated ? 1.0 - m : m;
}

static int term_membership(const fsq__term *t, const fsq_data *d, double *out)
{
    for (size_t i = 0; i < d->ncases; i++)
        out[i] = 1.0;
    for (size_t l = 0; l < t->nlits; l++) {
        column_info ci = {NULL, 0, 0};
        int rc = column_for(d, t->lits[l].name, &ci);
        if (!rc)
            rc = literal_check(&t->lits[l], &ci, ci.multi ? ci.max_level + 1 : 2);
        if (rc)
            return rc;
        for (size_t i = 0; i < d->ncases; i++) {
            double m = literal_value(&t->lits[l], &ci, i);
            if (m < out[i])
                out[i] = m;
        }
    }
    return 0;
}

int fsq_expr_membership(const fsq_expr *e, size_t t, const fsq_data *d, double *out)
{
    if (t != FSQ_EXPR_ALL) {
        if (t >= e->nterms)
            return fsq__error(FSQ_EINPUT, "no term %zu in \"%s\"", t + 1, e->text);
        return term_membership(&e->terms[t], d, out);
    }
    double *tm = malloc((d->ncases ? d->ncases : 1) * sizeof *tm);
    if (!tm)
        return fsq__nomem();
    int rc = 0;
    for (size_t i = 0; i < d->ncases; i++)
        out[i] = 0.0;
    for (size_t k = 0; k < e->nterms && !rc; k++) {
        if ((rc = term_membership(&e->terms[k], d, tm)))
            break;
        for (size_t i = 0; i < d->ncases; i++)
            if (tm[i] > out[i])
                out[i] = tm[i];
    }
    free(tm);
    return rc;
}

/* ---- configurations of a truth table ------------------------------------ */

void fsq__expr_unbind(const fsq_expr *e, size_t **cond)
{
    if (!cond)
        return;
    for (size_t t = 0; t < e->nterms; t++)
        free(cond[t]);
    free(cond);
}

int fsq__expr_bind_tt(const fsq_expr *e, const fsq_tt *tt, size_t ***out)
{
    *out = NULL;
    size_t **cond = calloc(e->nterms, sizeof *cond);
    if (!cond)
        return fsq__nomem();
    int rc = 0;
    for (size_t t = 0; t < e->nterms && !rc; t++) {
        const fsq__term *term = &e->terms[t];
        if (!(cond[t] = malloc(term->nlits * sizeof **cond))) {
            rc = fsq__nomem();
            break;
        }
        for (size_t l = 0; l < term->nlits && !rc; l++) {
            size_t j = 0;
            while (j < tt->k && strcmp(tt->conditions[j], term->lits[l].name) != 0)
                j++;
            if (j == tt->k) {
                rc = fsq__error(FSQ_EINPUT, "\"%s\" in \"%s\" is not a condition of the truth "
                                "table", term->lits[l].name, e->text);
                break;
            }
            cond[t][l] = j;
            column_info ci = {NULL, tt->levels[j] > 2, tt->levels[j] - 1u};
            rc = literal_check(&term->lits[l], &ci, tt->levels[j]);
        }
    }
    if (rc) {
        fsq__expr_unbind(e, cond);
        return rc;
    }
    *out = cond;
    return 0;
}

static int term_covers(const fsq__term *t, const size_t *cond, const unsigned char *digits)
{
    for (size_t l = 0; l < t->nlits; l++) {
        int in = (t->lits[l].levels >> digits[cond[l]]) & 1;
        if (in == t->lits[l].negated)
            return 0;
    }
    return 1;
}

int fsq__expr_covers(const fsq_expr *e, size_t t, size_t *const *cond,
                     const unsigned char *digits)
{
    if (t != FSQ_EXPR_ALL)
        return term_covers(&e->terms[t], cond[t], digits);
    for (size_t k = 0; k < e->nterms; k++)
        if (term_covers(&e->terms[k], cond[k], digits))
            return 1;
    return 0;
}
