/* Tables in text, Markdown, LaTeX, HTML and CSV (see table.h).
 *
 * Text pads columns to their display width, counting UTF-8 code points (the
 * chart's symbols are one column each). Markdown escapes | * _; LaTeX
 * escapes its ten special characters and writes "~" as $\sim$; HTML escapes
 * & < > "; CSV quotes a field holding a comma, quote or line break and
 * doubles its quotes (RFC 4180). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/table.h"

int fsq__table_digits(int d)
{
    return d < 0 ? 3 : d > 17 ? 17 : d;
}

static char *dup_text(fsq__table *t, const char *s)
{
    char *copy = strdup(s ? s : "");
    if (!copy)
        t->failed = 1;
    return copy;
}

int fsq__table_init(fsq__table *t, size_t ncols, const char *caption)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->cap = 8;
    t->cells = calloc(t->cap * ncols, sizeof *t->cells);
    t->align = malloc(ncols ? ncols : 1);
    if (!t->cells || !t->align) {
        fsq__table_free(t);
        return fsq__nomem();
    }
    memset(t->align, 'l', ncols);
    if (caption)
        t->caption = dup_text(t, caption);
    return t->failed ? fsq__nomem() : 0;
}

void fsq__table_free(fsq__table *t)
{
    if (t->cells)
        for (size_t i = 0; i < (1 + t->nrows) * t->ncols; i++)
            free(t->cells[i]);
    free(t->cells);
    free(t->align);
    free(t->caption);
    for (size_t i = 0; i < t->nnotes; i++)
        free(t->notes[i]);
    free(t->notes);
    memset(t, 0, sizeof *t);
}

static void set_cell(fsq__table *t, size_t row, size_t c, char *text)
{
    if (!text || c >= t->ncols) {
        free(text);
        return;
    }
    free(t->cells[row * t->ncols + c]);
    t->cells[row * t->ncols + c] = text;
}

void fsq__table_column(fsq__table *t, size_t c, const char *header, char align)
{
    set_cell(t, 0, c, dup_text(t, header));
    if (c < t->ncols)
        t->align[c] = align == 'r' ? 'r' : 'l';
}

void fsq__table_row(fsq__table *t)
{
    if (t->failed)
        return;
    if (1 + t->nrows + 1 > t->cap) {
        size_t cap = 2 * t->cap;
        char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
        if (!cells) {
            t->failed = 1;
            return;
        }
        memset(cells + t->cap * t->ncols, 0, (cap - t->cap) * t->ncols * sizeof *cells);
        t->cells = cells;
        t->cap = cap;
    }
    t->nrows++;
}

void fsq__table_cell(fsq__table *t, size_t c, const char *text)
{
    if (!t->failed && t->nrows)
        set_cell(t, t->nrows, c, dup_text(t, text));
}

static char *vformat(fsq__table *t, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    else
        t->failed = 1;
    return s;
}

void fsq__table_cellf(fsq__table *t, size_t c, const char *fmt, ...)
{
    if (t->failed || !t->nrows)
        return;
    va_list ap;
    va_start(ap, fmt);
    set_cell(t, t->nrows, c, vformat(t, fmt, ap));
    va_end(ap);
}

void fsq__table_number(fsq__table *t, size_t c, double v, int digits)
{
    if (isnan(v))
        fsq__table_cell(t, c, "-");
    else
        fsq__table_cellf(t, c, "%.*f", fsq__table_digits(digits), v);
}

void fsq__table_note(fsq__table *t, const char *fmt, ...)
{
    if (t->failed)
        return;
    char **notes = realloc(t->notes, (t->nnotes + 1) * sizeof *notes);
    if (!notes) {
        t->failed = 1;
        return;
    }
    t->notes = notes;
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(t, fmt, ap);
    va_end(ap);
    if (s)
        t->notes[t->nnotes++] = s;
}

static const char *cell(const fsq__table *t, size_t row, size_t c)
{
    const char *s = t->cells[row * t->ncols + c];
    return s ? s : "";
}

/* Display width: UTF-8 code points. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

void fsq__latex_escape(fsq__buf *b, const char *s)
{
    for (; s && *s; s++)
        switch (*s) {
        case '~': fsq__buf_puts(b, "$\\sim$"); break;
        case '\\': fsq__buf_puts(b, "\\textbackslash{}"); break;
        case '^': fsq__buf_puts(b, "\\textasciicircum{}"); break;
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            fsq__buf_putc(b, '\\');
            fsq__buf_putc(b, *s);
            break;
        case '<': fsq__buf_puts(b, "$<$"); break;
        case '>': fsq__buf_puts(b, "$>$"); break;
        default: fsq__buf_putc(b, *s);
        }
}

void fsq__html_escape(fsq__buf *b, const char *s)
{
    for (; s && *s; s++)
        switch (*s) {
        case '&': fsq__buf_puts(b, "&amp;"); break;
        case '<': fsq__buf_puts(b, "&lt;"); break;
        case '>': fsq__buf_puts(b, "&gt;"); break;
        case '"': fsq__buf_puts(b, "&quot;"); break;
        default: fsq__buf_putc(b, *s);
        }
}

void fsq__csv_field(fsq__buf *b, const char *s)
{
    if (!s || !strpbrk(s, ",\"\r\n")) {
        fsq__buf_puts(b, s ? s : "");
        return;
    }
    fsq__buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            fsq__buf_putc(b, '"');
        fsq__buf_putc(b, *s);
    }
    fsq__buf_putc(b, '"');
}

/* "|" would split a cell, "*" and "_" start emphasis (A*B*C): escaped. */
static void md_escape(fsq__buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '|' || *s == '*' || *s == '_')
            fsq__buf_putc(b, '\\');
        fsq__buf_putc(b, *s == '\n' ? ' ' : *s);
    }
}

static void write_text(fsq__buf *b, const fsq__table *t)
{
    size_t *w = calloc(t->ncols ? t->ncols : 1, sizeof *w);
    if (!w) {
        b->failed = 1;
        fsq__nomem();
        return;
    }
    for (size_t r = 0; r <= t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++)
            if (width(cell(t, r, c)) > w[c])
                w[c] = width(cell(t, r, c));
    if (t->caption)
        fsq__buf_printf(b, "%s\n\n", t->caption);
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = cell(t, r, c);
            size_t pad = w[c] - width(s);
            int last = c + 1 == t->ncols;
            if (c)
                fsq__buf_puts(b, "  ");
            if (t->align[c] == 'r')
                fsq__buf_printf(b, "%*s%s", (int)pad, "", s);
            else
                fsq__buf_printf(b, "%s%*s", s, last ? 0 : (int)pad, "");
        }
        fsq__buf_putc(b, '\n');
        if (r == 0) {
            size_t total = 0;
            for (size_t c = 0; c < t->ncols; c++)
                total += w[c] + (c ? 2 : 0);
            for (size_t i = 0; i < total; i++)
                fsq__buf_putc(b, '-');
            fsq__buf_putc(b, '\n');
        }
    }
    for (size_t i = 0; i < t->nnotes; i++)
        fsq__buf_printf(b, "%s%s\n", i ? "" : "\n", t->notes[i]);
    free(w);
}

static void write_markdown(fsq__buf *b, const fsq__table *t)
{
    if (t->caption) {
        fsq__buf_puts(b, "**");
        md_escape(b, t->caption);
        fsq__buf_puts(b, "**\n\n");
    }
    for (size_t r = 0; r <= t->nrows; r++) {
        fsq__buf_putc(b, '|');
        for (size_t c = 0; c < t->ncols; c++) {
            fsq__buf_putc(b, ' ');
            md_escape(b, cell(t, r, c));
            fsq__buf_puts(b, " |");
        }
        fsq__buf_putc(b, '\n');
        if (r == 0) {
            fsq__buf_putc(b, '|');
            for (size_t c = 0; c < t->ncols; c++)
                fsq__buf_puts(b, t->align[c] == 'r' ? "---:|" : "---|");
            fsq__buf_putc(b, '\n');
        }
    }
    for (size_t i = 0; i < t->nnotes; i++) {
        fsq__buf_puts(b, i ? "\n" : "\n");
        md_escape(b, t->notes[i]);
        fsq__buf_putc(b, '\n');
    }
}

/* Cells starting with "\\" are LaTeX already (the chart's symbols). */
static void latex_cell(fsq__buf *b, const char *s)
{
    if (strncmp(s, "\\\\", 2) == 0)
        fsq__buf_puts(b, s + 2);
    else
        fsq__latex_escape(b, s);
}

static void write_latex(fsq__buf *b, const fsq__table *t)
{
    fsq__buf_puts(b, "\\begin{table}[htbp]\n\\centering\n");
    if (t->caption) {
        fsq__buf_puts(b, "\\caption{");
        fsq__latex_escape(b, t->caption);
        fsq__buf_puts(b, "}\n");
    }
    fsq__buf_puts(b, "\\begin{tabular}{");
    for (size_t c = 0; c < t->ncols; c++)
        fsq__buf_putc(b, t->align[c]);
    fsq__buf_puts(b, "}\n\\hline\n");
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                fsq__buf_puts(b, " & ");
            latex_cell(b, cell(t, r, c));
        }
        fsq__buf_puts(b, r == 0 ? " \\\\\n\\hline\n" : " \\\\\n");
    }
    fsq__buf_puts(b, "\\hline\n\\end{tabular}\n");
    for (size_t i = 0; i < t->nnotes; i++) {
        fsq__buf_puts(b, "\n\\smallskip\\footnotesize ");
        latex_cell(b, t->notes[i]);
        fsq__buf_putc(b, '\n');
    }
    fsq__buf_puts(b, "\\end{table}\n");
}

static void write_html(fsq__buf *b, const fsq__table *t)
{
    fsq__buf_puts(b, "<table>\n");
    if (t->caption) {
        fsq__buf_puts(b, "<caption>");
        fsq__html_escape(b, t->caption);
        fsq__buf_puts(b, "</caption>\n");
    }
    for (size_t r = 0; r <= t->nrows; r++) {
        fsq__buf_puts(b, r == 0 ? "<thead><tr>" : "<tr>");
        for (size_t c = 0; c < t->ncols; c++) {
            const char *tag = r == 0 ? "th" : "td";
            fsq__buf_printf(b, "<%s%s>", tag, t->align[c] == 'r' ? " style=\"text-align:right\"" : "");
            fsq__html_escape(b, cell(t, r, c));
            fsq__buf_printf(b, "</%s>", tag);
        }
        fsq__buf_puts(b, r == 0 ? "</tr></thead>\n<tbody>\n" : "</tr>\n");
    }
    if (t->nrows == 0)
        fsq__buf_puts(b, "<tr></tr>\n");
    fsq__buf_puts(b, "</tbody>\n</table>\n");
    for (size_t i = 0; i < t->nnotes; i++) {
        fsq__buf_puts(b, "<p>");
        fsq__html_escape(b, t->notes[i]);
        fsq__buf_puts(b, "</p>\n");
    }
}

static void write_csv(fsq__buf *b, const fsq__table *t)
{
    for (size_t r = 0; r <= t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c)
                fsq__buf_putc(b, ',');
            fsq__csv_field(b, cell(t, r, c));
        }
        fsq__buf_puts(b, "\r\n");
    }
}

int fsq__table_write(fsq__buf *b, const fsq__table *t, fsq_format f)
{
    if (t->failed)
        return fsq__nomem();
    switch (f) {
    case FSQ_FORMAT_TEXT: write_text(b, t); break;
    case FSQ_FORMAT_MARKDOWN: write_markdown(b, t); break;
    case FSQ_FORMAT_LATEX: write_latex(b, t); break;
    case FSQ_FORMAT_HTML: write_html(b, t); break;
    case FSQ_FORMAT_CSV: write_csv(b, t); break;
    default: return fsq__error(FSQ_EINPUT, "tables are written as text, md, latex, html or csv");
    }
    return fsq__buf_ok(b);
}

int fsq__table_finish(fsq__buf *b, char **out, size_t *len)
{
    return fsq__buf_hand_out(b, out, len);
}

int fsq__table_hand_out(const fsq__table *t, fsq_format f, char **out, size_t *len)
{
    fsq__buf b = FSQ__BUF_INIT;
    int rc = fsq__table_write(&b, t, f);
    if (rc) {
        fsq__buf_free(&b);
        *out = NULL;
        return rc;
    }
    return fsq__buf_hand_out(&b, out, len);
}
