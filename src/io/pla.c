/* Berkeley PLA files: reading and writing (no minimization here).
 *
 * The format is the one Espresso reads (see fsqca.h, "Berkeley PLA"). A PLA
 * is kept as text: per term, the input part ("01-", ninputs characters) and
 * the output part ("1~0-", noutputs characters, normalised to 0 1 - ~), one
 * NUL-terminated string of ninputs + 1 + noutputs + 1 bytes per term. The
 * reader checks every character and names file:line:column on error.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/error.h"
#include "fsqca/fsqca.h"

struct fsq_pla {
    size_t ninputs, noutputs;
    fsq_pla_type type;
    char **input_names;   /* ninputs entries, NULL = unnamed */
    char **output_names;  /* noutputs entries */
    size_t nterms, cap;
    char *terms;          /* nterms x stride: inputs NUL outputs NUL */
};

static size_t stride(const fsq_pla *p)
{
    return p->ninputs + p->noutputs + 2;
}

static void free_names(char **names, size_t n)
{
    if (names)
        for (size_t i = 0; i < n; i++)
            free(names[i]);
    free(names);
}

void fsq_pla_free(fsq_pla *p)
{
    if (!p)
        return;
    free_names(p->input_names, p->ninputs);
    free_names(p->output_names, p->noutputs);
    free(p->terms);
    free(p);
}

static int valid_type(fsq_pla_type t)
{
    return t == FSQ_PLA_F || t == FSQ_PLA_FD || t == FSQ_PLA_FR || t == FSQ_PLA_FDR;
}

int fsq_pla_new(fsq_pla **out, size_t ninputs, size_t noutputs, fsq_pla_type type)
{
    *out = NULL;
    if (ninputs < 1 || ninputs > 64)
        return fsq__error(FSQ_EINPUT, "a PLA needs 1 to 64 inputs, got %zu", ninputs);
    if (noutputs < 1)
        return fsq__error(FSQ_EINPUT, "a PLA needs at least one output");
    if (!valid_type(type))
        return fsq__error(FSQ_EINPUT, "unknown PLA type %d", (int)type);
    fsq_pla *p = calloc(1, sizeof *p);
    if (!p)
        return fsq__nomem();
    p->ninputs = ninputs;
    p->noutputs = noutputs;
    p->type = type;
    p->input_names = calloc(ninputs, sizeof *p->input_names);
    p->output_names = calloc(noutputs, sizeof *p->output_names);
    if (!p->input_names || !p->output_names) {
        fsq_pla_free(p);
        return fsq__nomem();
    }
    *out = p;
    return 0;
}

size_t fsq_pla_ninputs(const fsq_pla *p) { return p->ninputs; }
size_t fsq_pla_noutputs(const fsq_pla *p) { return p->noutputs; }
fsq_pla_type fsq_pla_get_type(const fsq_pla *p) { return p->type; }
size_t fsq_pla_nterms(const fsq_pla *p) { return p->nterms; }

const char *fsq_pla_type_name(fsq_pla_type t)
{
    switch (t) {
    case FSQ_PLA_F: return "f";
    case FSQ_PLA_FD: return "fd";
    case FSQ_PLA_FR: return "fr";
    case FSQ_PLA_FDR: return "fdr";
    }
    return "?";
}

const char *fsq_pla_input_name(const fsq_pla *p, size_t j)
{
    return j < p->ninputs ? p->input_names[j] : NULL;
}

const char *fsq_pla_output_name(const fsq_pla *p, size_t o)
{
    return o < p->noutputs ? p->output_names[o] : NULL;
}

static int set_name(char **slot, const char *name)
{
    if (!*name)
        return fsq__error(FSQ_EINPUT, "a PLA name cannot be empty");
    for (const char *c = name; *c; c++)
        if (isspace((unsigned char)*c))
            return fsq__error(FSQ_EINPUT, "a PLA name cannot contain whitespace: \"%s\"", name);
    char *copy = malloc(strlen(name) + 1);
    if (!copy)
        return fsq__nomem();
    strcpy(copy, name);
    free(*slot);
    *slot = copy;
    return 0;
}

int fsq_pla_set_input_name(fsq_pla *p, size_t j, const char *name)
{
    if (j >= p->ninputs)
        return fsq__error(FSQ_EINPUT, "no PLA input %zu (there are %zu)", j + 1, p->ninputs);
    return set_name(&p->input_names[j], name);
}

int fsq_pla_set_output_name(fsq_pla *p, size_t o, const char *name)
{
    if (o >= p->noutputs)
        return fsq__error(FSQ_EINPUT, "no PLA output %zu (there are %zu)", o + 1, p->noutputs);
    return set_name(&p->output_names[o], name);
}

const char *fsq_pla_term_inputs(const fsq_pla *p, size_t t)
{
    return p->terms + t * stride(p);
}

const char *fsq_pla_term_outputs(const fsq_pla *p, size_t t)
{
    return p->terms + t * stride(p) + p->ninputs + 1;
}

/* The normalised output character, or 0 if c is not one. */
static char output_char(char c)
{
    switch (c) {
    case '1': case '4': return '1';
    case '0': case '3': return '0';
    case '-': case '2': return '-';
    case '~': return '~';
    }
    return 0;
}

/* Appends a term whose parts are already checked and normalised. */
static int push_term(fsq_pla *p, const char *inputs, const char *outputs)
{
    size_t s = stride(p);
    if (p->nterms == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 16;
        char *t = realloc(p->terms, cap * s);
        if (!t)
            return fsq__nomem();
        p->terms = t;
        p->cap = cap;
    }
    char *t = p->terms + p->nterms++ * s;
    memcpy(t, inputs, p->ninputs);
    t[p->ninputs] = '\0';
    memcpy(t + p->ninputs + 1, outputs, p->noutputs);
    t[s - 1] = '\0';
    return 0;
}

int fsq_pla_add_term(fsq_pla *p, const char *inputs, const char *outputs)
{
    if (strlen(inputs) != p->ninputs || strlen(outputs) != p->noutputs)
        return fsq__error(FSQ_EINPUT, "a PLA term needs %zu input and %zu output characters, "
                          "got \"%s\" \"%s\"", p->ninputs, p->noutputs, inputs, outputs);
    char *norm = malloc(p->noutputs + 1);
    if (!norm)
        return fsq__nomem();
    for (size_t j = 0; j < p->ninputs; j++)
        if (inputs[j] != '0' && inputs[j] != '1' && inputs[j] != '-') {
            free(norm);
            return fsq__error(FSQ_EINPUT, "PLA input part \"%s\": '%c' is not 0, 1 or -",
                              inputs, inputs[j]);
        }
    for (size_t o = 0; o < p->noutputs; o++)
        if (!(norm[o] = output_char(outputs[o]))) {
            free(norm);
            return fsq__error(FSQ_EINPUT, "PLA output part \"%s\": '%c' is not 0, 1, -, ~, "
                              "2, 3 or 4", outputs, outputs[o]);
        }
    int rc = push_term(p, inputs, norm);
    free(norm);
    return rc;
}

/* ---- Reading ------------------------------------------------------------ */

typedef struct {
    const char *name;
    size_t line;
    const char *text, *end;   /* the current line, without its newline */
} line_ctx;

static int perr(const line_ctx *l, const char *at, const char *fmt, const char *what)
{
    size_t col = at ? (size_t)(at - l->text) + 1 : 1;
    return fsq__error(FSQ_EINPUT, "%s:%zu:%zu: %s%s", l->name, l->line, col, fmt,
                      what ? what : "");
}

/* The next whitespace-separated word of the line at *pos, or NULL. */
static const char *next_word(const line_ctx *l, const char **pos, size_t *len)
{
    const char *c = *pos;
    while (c < l->end && isspace((unsigned char)*c))
        c++;
    if (c == l->end) {
        *pos = c;
        return NULL;
    }
    const char *w = c;
    while (c < l->end && !isspace((unsigned char)*c))
        c++;
    *len = (size_t)(c - w);
    *pos = c;
    return w;
}

static int parse_count(const line_ctx *l, const char **pos, const char *keyword, size_t min,
                       size_t max, size_t *out)
{
    size_t len;
    const char *w = next_word(l, pos, &len);
    char buf[64];
    if (!w)
        return perr(l, *pos, keyword, " expects a number");
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, w, len);
    buf[len] = '\0';
    char *endp;
    errno = 0;
    unsigned long long v = strtoull(buf, &endp, 10);
    if (*endp || errno || buf[0] == '-' || v < min || v > max) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s expects a number from %zu to %zu, got \"", keyword, min,
                 max);
        fsq__buf b = FSQ__BUF_INIT;
        fsq__buf_printf(&b, "%s\"", buf);
        int rc = perr(l, w, msg, fsq__buf_str(&b));
        fsq__buf_free(&b);
        return rc;
    }
    *out = (size_t)v;
    return 0;
}

static int parse_names(const line_ctx *l, const char *pos, const char *keyword, char **names,
                       size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const char *w = next_word(l, &pos, &len);
        if (!w)
            return perr(l, pos, keyword, ": fewer names than declared");
        char *copy = malloc(len + 1);
        if (!copy)
            return fsq__nomem();
        memcpy(copy, w, len);
        copy[len] = '\0';
        free(names[i]);
        names[i] = copy;
    }
    size_t len;
    const char *w = next_word(l, &pos, &len);
    if (w)
        return perr(l, w, keyword, ": more names than declared");
    return 0;
}

/* Reads term characters from one line. A term may continue on the next
 * lines (Espresso accepts that too): *ni and *no count the characters read
 * so far; when the term is complete it is stored and both are reset. */
static int parse_term(fsq_pla *p, const line_ctx *l, char *inputs, char *outputs, size_t *ni,
                      size_t *no)
{
    for (const char *c = l->text; c < l->end; c++) {
        char ch = *c;
        if (ch == ' ' || ch == '\t' || ch == '|' || ch == '\r')
            continue;
        if (*ni == p->ninputs && *no == p->noutputs)
            return perr(l, c, "more characters than .i + .o", NULL);
        if (*ni < p->ninputs) {
            if (ch != '0' && ch != '1' && ch != '-') {
                char what[8] = {'\'', ch, '\'', '\0'};
                return perr(l, c, "input part: expected 0, 1 or -, got ", what);
            }
            inputs[(*ni)++] = ch;
        } else {
            char o = output_char(ch);
            if (!o) {
                char what[8] = {'\'', ch, '\'', '\0'};
                return perr(l, c, "output part: expected 0, 1, -, ~, 2, 3 or 4, got ", what);
            }
            outputs[(*no)++] = o;
        }
    }
    if (*ni < p->ninputs || *no < p->noutputs)
        return 0;
    *ni = *no = 0;
    return push_term(p, inputs, outputs);
}

/* The error for a term cut short by a keyword or the end of the file. */
static int short_term(const fsq_pla *p, const line_ctx *l, size_t found)
{
    char msg[160];
    snprintf(msg, sizeof msg, "a term needs %zu input and %zu output characters, found %zu",
             p->ninputs, p->noutputs, found);
    return perr(l, l->end, msg, NULL);
}

int fsq_pla_parse(fsq_pla **out, const char *text, size_t len, const char *name)
{
    *out = NULL;
    size_t ninputs = 0, noutputs = 0, declared_p = 0;
    int have_p = 0, rc = 0;
    fsq_pla_type type = FSQ_PLA_FD;
    fsq_pla *p = NULL;
    char *inputs = NULL, *outputs = NULL;
    /* .ilb / .ob lines are kept and parsed once the PLA exists (after the
     * whole file: .i may come after them). */
    const char *ilb = NULL, *ob = NULL;
    size_t ilb_line = 0, ob_line = 0;
    const char *ilb_end = NULL, *ob_end = NULL, *ilb_line_text = NULL, *ob_line_text = NULL;
    line_ctx l = {name, 0, text, text}, term_line = l;
    const char *end = text + len;
    size_t ni = 0, no = 0; /* characters of an unfinished term */

    for (const char *s = text; s < end && rc == 0;) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        l.line++;
        l.text = s;
        l.end = e > s && e[-1] == '\r' ? e - 1 : e;
        s = nl ? nl + 1 : end;

        const char *nul = memchr(l.text, '\0', (size_t)(l.end - l.text));
        if (nul) { /* it would cut a name or keyword short */
            rc = perr(&l, nul, "NUL byte (a binary file, or UTF-16?)", NULL);
            break;
        }
        const char *c = l.text;
        while (c < l.end && isspace((unsigned char)*c))
            c++;
        if (c == l.end || *c == '#')
            continue;
        if (*c == '.') {
            if (ni + no) {
                rc = short_term(p, &term_line, ni + no);
                break;
            }
            const char *pos = c;
            size_t wl = 0;
            const char *w = next_word(&l, &pos, &wl);
            char kw[16] = {0};
            memcpy(kw, w, wl < sizeof kw - 1 ? wl : sizeof kw - 1);
            if (wl >= sizeof kw - 1)
                kw[sizeof kw - 1] = '\0';
            if (strcmp(kw, ".e") == 0 || strcmp(kw, ".end") == 0)
                break;
            if (strcmp(kw, ".i") == 0) {
                if (p)
                    rc = perr(&l, c, ".i after the first term", NULL);
                else
                    rc = parse_count(&l, &pos, ".i", 1, 64, &ninputs);
            } else if (strcmp(kw, ".o") == 0) {
                if (p)
                    rc = perr(&l, c, ".o after the first term", NULL);
                else
                    rc = parse_count(&l, &pos, ".o", 1, 1u << 20, &noutputs);
            } else if (strcmp(kw, ".p") == 0) {
                /* .p 0: no terms (what the writer writes for an empty PLA). */
                rc = parse_count(&l, &pos, ".p", 0, (size_t)-1, &declared_p);
                have_p = 1;
            } else if (strcmp(kw, ".ilb") == 0) {
                ilb = pos, ilb_end = l.end, ilb_line = l.line, ilb_line_text = l.text;
            } else if (strcmp(kw, ".ob") == 0) {
                ob = pos, ob_end = l.end, ob_line = l.line, ob_line_text = l.text;
            } else if (strcmp(kw, ".type") == 0) {
                size_t tl;
                const char *t = next_word(&l, &pos, &tl);
                if (t && tl == 1 && t[0] == 'f')
                    type = FSQ_PLA_F;
                else if (t && tl == 2 && memcmp(t, "fd", 2) == 0)
                    type = FSQ_PLA_FD;
                else if (t && tl == 2 && memcmp(t, "fr", 2) == 0)
                    type = FSQ_PLA_FR;
                else if (t && tl == 3 && memcmp(t, "fdr", 3) == 0)
                    type = FSQ_PLA_FDR;
                else {
                    rc = perr(&l, t ? t : pos, ".type: fsqca reads f, fd, fr and fdr", NULL);
                    rc = FSQ_EUNSUPPORTED;
                }
            } else {
                char msg[128];
                snprintf(msg, sizeof msg, "keyword %s is not supported (fsqca reads .i .o "
                         ".ilb .ob .p .type .e)", kw);
                perr(&l, c, msg, NULL);
                rc = FSQ_EUNSUPPORTED;
            }
            continue;
        }
        if (!p) {
            if (!ninputs || !noutputs) {
                rc = perr(&l, c, ninputs ? "a term before .o" : "a term before .i", NULL);
                break;
            }
            if ((rc = fsq_pla_new(&p, ninputs, noutputs, type)))
                break;
            inputs = malloc(ninputs + 1);
            outputs = malloc(noutputs + 1);
            if (!inputs || !outputs) {
                rc = fsq__nomem();
                break;
            }
        }
        rc = parse_term(p, &l, inputs, outputs, &ni, &no);
        term_line = l;
    }
    if (!rc && ni + no)
        rc = short_term(p, &term_line, ni + no);
    if (rc)
        goto done;
    if (!p) {
        if (!ninputs || !noutputs) {
            rc = fsq__error(FSQ_EINPUT, "%s: no %s declaration", name, ninputs ? ".o" : ".i");
            goto done;
        }
        if ((rc = fsq_pla_new(&p, ninputs, noutputs, type)))
            goto done;
    }
    p->type = type;
    if (ilb) {
        line_ctx nl = {name, ilb_line, ilb_line_text, ilb_end};
        if ((rc = parse_names(&nl, ilb, ".ilb", p->input_names, p->ninputs)))
            goto done;
    }
    if (ob) {
        line_ctx nl = {name, ob_line, ob_line_text, ob_end};
        if ((rc = parse_names(&nl, ob, ".ob", p->output_names, p->noutputs)))
            goto done;
    }
    if (have_p && declared_p != p->nterms) {
        rc = fsq__error(FSQ_EINPUT, "%s: .p declares %zu terms, the file has %zu", name,
                        declared_p, p->nterms);
        goto done;
    }
done:
    free(inputs);
    free(outputs);
    if (rc) {
        fsq_pla_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

int fsq_pla_read(fsq_pla **out, const char *path)
{
    *out = NULL;
    char *text;
    size_t len;
    int rc = fsq__read_file(path, &text, &len);
    if (rc)
        return rc;
    rc = fsq_pla_parse(out, text, len, path);
    free(text);
    return rc;
}

/* ---- The sets of one output ---------------------------------------------- */

int fsq_pla_output_sets(const fsq_pla *p, size_t o, unsigned char **on, size_t *non,
                        unsigned char **off, size_t *noff, unsigned char **dc, size_t *ndc)
{
    *on = *off = *dc = NULL;
    *non = *noff = *ndc = 0;
    if (o >= p->noutputs)
        return fsq__error(FSQ_EINPUT, "no PLA output %zu (there are %zu)", o + 1, p->noutputs);
    size_t k = p->ninputs, n = p->nterms ? p->nterms : 1;
    unsigned char *sets[3];
    size_t counts[3] = {0, 0, 0};
    for (int s = 0; s < 3; s++)
        sets[s] = malloc(n * k);
    if (!sets[0] || !sets[1] || !sets[2]) {
        for (int s = 0; s < 3; s++)
            free(sets[s]);
        return fsq__nomem();
    }
    int has_d = (p->type & 2) != 0, has_r = (p->type & 4) != 0;
    for (size_t t = 0; t < p->nterms; t++) {
        char c = fsq_pla_term_outputs(p, t)[o];
        int s = c == '1' ? 0 : c == '0' && has_r ? 1 : c == '-' && has_d ? 2 : -1;
        if (s < 0)
            continue;
        const char *in = fsq_pla_term_inputs(p, t);
        unsigned char *cube = sets[s] + counts[s]++ * k;
        for (size_t j = 0; j < k; j++)
            cube[j] = in[j] == '-' ? FSQ_DASH : (unsigned char)(in[j] - '0');
    }
    *on = sets[0], *non = counts[0];
    *off = sets[1], *noff = counts[1];
    *dc = sets[2], *ndc = counts[2];
    return 0;
}

/* ---- Writing --------------------------------------------------------------- */

int fsq_pla_to_text(const fsq_pla *p, char **text, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    *text = NULL;
    fsq__buf_printf(&b, ".i %zu\n.o %zu\n", p->ninputs, p->noutputs);
    int named = 0;
    for (size_t j = 0; j < p->ninputs; j++)
        named |= p->input_names[j] != NULL;
    if (named) {
        fsq__buf_puts(&b, ".ilb");
        for (size_t j = 0; j < p->ninputs; j++) {
            if (p->input_names[j])
                fsq__buf_printf(&b, " %s", p->input_names[j]);
            else
                fsq__buf_printf(&b, " x%zu", j + 1);
        }
        fsq__buf_putc(&b, '\n');
    }
    named = 0;
    for (size_t o = 0; o < p->noutputs; o++)
        named |= p->output_names[o] != NULL;
    if (named) {
        fsq__buf_puts(&b, ".ob");
        for (size_t o = 0; o < p->noutputs; o++) {
            if (p->output_names[o])
                fsq__buf_printf(&b, " %s", p->output_names[o]);
            else
                fsq__buf_printf(&b, " y%zu", o + 1);
        }
        fsq__buf_putc(&b, '\n');
    }
    fsq__buf_printf(&b, ".type %s\n.p %zu\n", fsq_pla_type_name(p->type), p->nterms);
    for (size_t t = 0; t < p->nterms; t++)
        fsq__buf_printf(&b, "%s %s\n", fsq_pla_term_inputs(p, t), fsq_pla_term_outputs(p, t));
    fsq__buf_puts(&b, ".e\n");
    int rc = fsq__buf_ok(&b);
    if (rc) {
        fsq__buf_free(&b);
        return rc;
    }
    *text = fsq__buf_detach(&b, len);
    return *text ? 0 : fsq__nomem();
}

int fsq_pla_write(const fsq_pla *p, const char *path)
{
    char *text;
    size_t len;
    int rc = fsq_pla_to_text(p, &text, &len);
    if (rc)
        return rc;
    rc = fsq__write_file_atomic(path, text, len);
    free(text);
    return rc;
}
