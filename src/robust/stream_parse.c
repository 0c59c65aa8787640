/* Reading back the replicate lines of a stream (fsq__rob_line's format:
 * {"replicate":R, ["left_out":[...],] ["params":{...},] "solutions":
 * [[terms], ...], "solution_fit":[{"incl":x,"PRI":y,"cov":z}, ...]}), for
 * the summary of merged, resumed and gathered runs. Only what the summary
 * needs is kept: R, each model's text (terms joined by " + ", as
 * fsq_min_solution_text) and the first model's fit. Numbers were written
 * with the shortest digits that read back to the same double, so strtod
 * gives the computed values bit for bit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "robust/stream.h"

typedef struct {
    const char *p, *end;
} cursor;

/* The line is not NUL-terminated: quote at most 20 bytes before its end. */
static int bad(const cursor *c, const char *what)
{
    int n = c->p < c->end ? (int)(c->end - c->p < 20 ? c->end - c->p : 20) : 0;
    return fsq__error(FSQ_EINPUT, "replicate line: %s at \"%.*s\"", what, n, n ? c->p : "");
}

static int eat(cursor *c, char ch)
{
    if (c->p < c->end && *c->p == ch) {
        c->p++;
        return 1;
    }
    return 0;
}

/* A JSON string (the escapes fsq__json_escape writes) appended to b, or
 * skipped when b is NULL. */
static int string(cursor *c, fsq__buf *b)
{
    if (!eat(c, '"'))
        return bad(c, "expected a string");
    while (c->p < c->end && *c->p != '"') {
        char ch = *c->p++;
        if (ch == '\\') {
            if (c->p >= c->end)
                return bad(c, "bad escape");
            char e = *c->p++;
            ch = e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
            if (e == 'u') {
                if (c->end - c->p < 4)
                    return bad(c, "bad \\u escape");
                char hex[5] = {c->p[0], c->p[1], c->p[2], c->p[3], 0};
                ch = (char)strtol(hex, NULL, 16);
                c->p += 4;
            }
        }
        if (ch == '\0') /* the texts are NUL-separated */
            return bad(c, "NUL in a string");
        if (b)
            fsq__buf_putc(b, ch);
    }
    return eat(c, '"') ? 0 : bad(c, "unterminated string");
}

static int number(cursor *c, double *v)
{
    char tok[64];
    size_t n = 0;
    while (c->p + n < c->end && n < sizeof tok - 1 && strchr("+-.0123456789eE", c->p[n]))
        n++;
    if (n == 0 && c->end - c->p >= 4 && memcmp(c->p, "null", 4) == 0) {
        c->p += 4;
        *v = NAN;
        return 0;
    }
    if (n == 0)
        return bad(c, "expected a number");
    memcpy(tok, c->p, n);
    tok[n] = '\0';
    *v = strtod(tok, NULL);
    c->p += n;
    return 0;
}

static int skip_value(cursor *c, int depth)
{
    if (c->p >= c->end)
        return bad(c, "expected a value");
    if (depth > 64)
        return bad(c, "nested too deeply");
    if (*c->p == '"')
        return string(c, NULL);
    if (*c->p == '[' || *c->p == '{') {
        char close = *c->p == '[' ? ']' : '}';
        int obj = *c->p == '{';
        c->p++;
        if (eat(c, close))
            return 0;
        do {
            int rc;
            if (obj && ((rc = string(c, NULL)) || (!eat(c, ':') && (rc = bad(c, "expected :")))))
                return rc;
            if ((rc = skip_value(c, depth + 1)))
                return rc;
        } while (eat(c, ','));
        return eat(c, close) ? 0 : bad(c, "unterminated list");
    }
    double v;
    return number(c, &v);
}

/* A key, compared in place (fsq__rob_line writes plain ASCII keys). */
static int key(cursor *c, const char **k, size_t *n)
{
    if (!eat(c, '"'))
        return bad(c, "expected a key");
    *k = c->p;
    while (c->p < c->end && *c->p != '"' && *c->p != '\\')
        c->p++;
    *n = (size_t)(c->p - *k);
    if (!eat(c, '"') || !eat(c, ':'))
        return bad(c, "bad key");
    return 0;
}

static int is(const char *k, size_t n, const char *name)
{
    return strlen(name) == n && memcmp(k, name, n) == 0;
}

int fsq__rob_parse_line(const char *line, size_t len, fsq__rob_parsed *out)
{
    cursor c = {line, line + len};
    int rc = 0, seen_fit = 0;
    out->texts.len = 0;
    out->skipped.len = 0;
    out->has_skipped = 0;
    out->nsol = 0;
    out->replicate = SIZE_MAX;
    out->fit0[0] = out->fit0[1] = out->fit0[2] = NAN;
    if (!eat(&c, '{'))
        return bad(&c, "expected {");
    do {
        const char *k;
        size_t kn;
        if ((rc = key(&c, &k, &kn)))
            return rc;
        if (is(k, kn, "replicate")) {
            double v;
            if (!(rc = number(&c, &v)) && !(v >= 0 && v < 1e15 && v == floor(v)))
                rc = bad(&c, "the replicate number is not a count");
            if (!rc)
                out->replicate = (size_t)v;
        } else if (is(k, kn, "skipped")) {
            out->has_skipped = 1;
            if (!(rc = string(&c, &out->skipped)))
                fsq__buf_append(&out->skipped, "", 1);
        } else if (is(k, kn, "solutions")) {
            if (!eat(&c, '['))
                rc = bad(&c, "expected [");
            if (!rc && !eat(&c, ']')) {
                do {
                    if (!eat(&c, '[')) {
                        rc = bad(&c, "expected a model");
                        break;
                    }
                    size_t nterms = 0;
                    if (!eat(&c, ']')) {
                        do {
                            if (nterms++)
                                fsq__buf_puts(&out->texts, " + ");
                            if ((rc = string(&c, &out->texts)))
                                break;
                        } while (eat(&c, ','));
                        if (!rc && !eat(&c, ']'))
                            rc = bad(&c, "expected ]");
                    }
                    fsq__buf_append(&out->texts, "", 1);
                    out->nsol++;
                } while (!rc && eat(&c, ','));
                if (!rc && !eat(&c, ']'))
                    rc = bad(&c, "expected ]");
            }
        } else if (is(k, kn, "solution_fit") && !seen_fit) {
            seen_fit = 1;
            if (!eat(&c, '['))
                rc = bad(&c, "expected [");
            if (!rc && !eat(&c, ']')) {
                if (!eat(&c, '{'))
                    rc = bad(&c, "expected {");
                while (!rc) {
                    const char *f;
                    size_t fn;
                    double v = NAN;
                    if (!(rc = key(&c, &f, &fn)) && !(rc = number(&c, &v))) {
                        int slot = is(f, fn, "incl") ? 0 : is(f, fn, "PRI") ? 1
                                   : is(f, fn, "cov") ? 2 : -1;
                        if (slot >= 0)
                            out->fit0[slot] = v;
                    }
                    if (!eat(&c, ','))
                        break;
                }
                if (!rc && !eat(&c, '}'))
                    rc = bad(&c, "expected }");
                while (!rc && eat(&c, ','))
                    rc = skip_value(&c, 0);
                if (!rc && !eat(&c, ']'))
                    rc = bad(&c, "expected ]");
            }
        } else {
            rc = skip_value(&c, 0);
        }
    } while (!rc && eat(&c, ','));
    if (!rc && !eat(&c, '}'))
        rc = bad(&c, "expected }");
    if (!rc && out->replicate == SIZE_MAX)
        rc = bad(&c, "no replicate number");
    if (!rc)
        rc = fsq__buf_ok(&out->texts);
    return rc;
}
