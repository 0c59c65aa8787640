#include "common/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fsq__json_init(fsq__json *j, fsq__buf *out, int pretty)
{
    memset(j, 0, sizeof *j);
    j->out = out;
    j->pretty = pretty;
    j->inline_from = FSQ__JSON_MAX_DEPTH;
}

static void newline(fsq__json *j)
{
    if (!j->pretty || j->depth >= j->inline_from)
        return;
    fsq__buf_putc(j->out, '\n');
    for (int i = 0; i < j->depth; i++)
        fsq__buf_puts(j->out, "  ");
}

/* Called before every value or key: the comma and the line break. */
static void before_item(fsq__json *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth > 0) {
        if (j->has_items[j->depth])
            fsq__buf_putc(j->out, ',');
        if (j->has_items[j->depth] && j->depth >= j->inline_from)
            fsq__buf_putc(j->out, ' ');
        j->has_items[j->depth] = 1;
        newline(j);
    }
}

static void open(fsq__json *j, char c)
{
    before_item(j);
    fsq__buf_putc(j->out, c);
    if (j->depth + 1 < FSQ__JSON_MAX_DEPTH)
        j->depth++;
    j->has_items[j->depth] = 0;
}

static void close(fsq__json *j, char c)
{
    int had = j->has_items[j->depth];
    int inline_here = j->depth >= j->inline_from;
    if (j->depth > 0)
        j->depth--;
    if (had && !inline_here)
        newline(j);
    fsq__buf_putc(j->out, c);
}

void fsq__json_begin_object(fsq__json *j) { open(j, '{'); }
void fsq__json_end_object(fsq__json *j) { close(j, '}'); }
void fsq__json_begin_array(fsq__json *j) { open(j, '['); }
void fsq__json_end_array(fsq__json *j) { close(j, ']'); }

void fsq__json_compact(fsq__json *j, int on)
{
    j->inline_from = on ? (unsigned char)(j->depth + 1) : FSQ__JSON_MAX_DEPTH;
}

void fsq__json_escape(fsq__buf *b, const char *s)
{
    fsq__buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fsq__buf_puts(b, "\\\""); break;
        case '\\': fsq__buf_puts(b, "\\\\"); break;
        case '\n': fsq__buf_puts(b, "\\n"); break;
        case '\r': fsq__buf_puts(b, "\\r"); break;
        case '\t': fsq__buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20)
                fsq__buf_printf(b, "\\u%04x", *p);
            else
                fsq__buf_putc(b, (char)*p);
        }
    }
    fsq__buf_putc(b, '"');
}

void fsq__json_key(fsq__json *j, const char *key)
{
    before_item(j);
    fsq__json_escape(j->out, key);
    fsq__buf_puts(j->out, j->pretty ? ": " : ":");
    j->after_key = 1;
}

void fsq__json_string(fsq__json *j, const char *s)
{
    before_item(j);
    fsq__json_escape(j->out, s);
}

void fsq__json_number(fsq__json *j, double v)
{
    before_item(j);
    if (!isfinite(v))
        fsq__buf_puts(j->out, "null");
    else if (v == 0)
        fsq__buf_putc(j->out, '0');
    else if (v == floor(v) && fabs(v) < 1e15)
        fsq__buf_printf(j->out, "%.0f", v);
    else {
        /* The shortest of 15, 16, 17 significant digits that reads back to
         * the same double: exact, and no noise digits like 0.80000000000000004. */
        char text[40];
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(text, sizeof text, "%.*g", prec, v);
            if (strtod(text, NULL) == v)
                break;
        }
        fsq__buf_puts(j->out, text);
    }
}

void fsq__json_int(fsq__json *j, long long v)
{
    before_item(j);
    fsq__buf_printf(j->out, "%lld", v);
}

void fsq__json_uint(fsq__json *j, unsigned long long v)
{
    before_item(j);
    fsq__buf_printf(j->out, "%llu", v);
}

void fsq__json_bool(fsq__json *j, int v)
{
    before_item(j);
    fsq__buf_puts(j->out, v ? "true" : "false");
}

void fsq__json_null(fsq__json *j)
{
    before_item(j);
    fsq__buf_puts(j->out, "null");
}

void fsq__json_raw(fsq__json *j, const char *text)
{
    before_item(j);
    fsq__buf_puts(j->out, text);
}
