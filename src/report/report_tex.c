/* report.tex: the report of `fsqca run` as a standalone LaTeX document
 * (see report.h).
 *
 * It is report.md typeset, so the two always say the same: the Markdown
 * that fsqca writes uses a small dialect (headings #..####, paragraphs,
 * "- " lists, pipe tables with an alignment row, `code`, **bold**, [text](url)
 * links, ![alt](file) images on a line of their own, backslash escapes of
 * punctuation) and this file translates exactly that dialect:
 *   headings      \section* .. \paragraph*
 *   lists         itemize
 *   tables        tabular (hlines under the header and at the end), scaled
 *                 down to the line width when wider; more than LONG_ROWS
 *                 rows: a longtable that breaks across pages
 *   images        SVG cannot go into plain pdflatex: a line naming the file
 *                 beside report.tex
 *   text          every LaTeX special character escaped; the chart's
 *                 symbols become the ones fsq_chart_render's LaTeX uses
 *                 ({\Large$\bullet$} core present, $\bullet$ peripheral
 *                 present, {\Large$\otimes$} core absent, $\otimes$
 *                 peripheral absent), arrows and relations math symbols,
 *                 Latin letters with accents kept (utf8 inputenc, T1),
 *                 any other character written as [U+XXXX].
 * The packages are those of every TeX installation (texlive-latex-base):
 * inputenc, fontenc, graphicx, longtable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/table.h"

enum { LONG_ROWS = 45 };

/* One UTF-8 character at s (n bytes left): its code point and length. */
static unsigned long utf8_char(const unsigned char *s, size_t n, size_t *len)
{
    unsigned long c = s[0];
    size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (need > n)
        need = 1;
    if (need == 1) {
        *len = 1;
        return c;
    }
    c &= 0x3f >> (need - 1);
    for (size_t i = 1; i < need; i++)
        c = c << 6 | (s[i] & 0x3f);
    *len = need;
    return c;
}

static void non_ascii(fsq__buf *b, const unsigned char *s, size_t n, size_t *len)
{
    unsigned long c = utf8_char(s, n, len);
    switch (c) {
    case 0x25cf: fsq__buf_puts(b, "{\\Large$\\bullet$}"); return;   /* core present */
    case 0x2022: fsq__buf_puts(b, "$\\bullet$"); return;            /* peripheral present */
    case 0x2297: fsq__buf_puts(b, "{\\Large$\\otimes$}"); return;   /* core absent */
    case 0x2298: fsq__buf_puts(b, "$\\otimes$"); return;            /* peripheral absent */
    case 0x2192: fsq__buf_puts(b, "$\\rightarrow$"); return;
    case 0x2265: fsq__buf_puts(b, "$\\geq$"); return;
    case 0x2264: fsq__buf_puts(b, "$\\leq$"); return;
    case 0x2013: fsq__buf_puts(b, "--"); return;
    case 0x2014: fsq__buf_puts(b, "---"); return;
    case 0x00a0: fsq__buf_putc(b, '~'); return;
    default:
        break;
    }
    /* Latin-1 letters and Latin Extended-A: T1 has them. */
    if ((c >= 0xc0 && c <= 0x17f && c != 0xd7 && c != 0xf7) && *len > 1)
        fsq__buf_append(b, (const char *)s, *len);
    else
        fsq__buf_printf(b, "[U+%04lX]", c);
}

/* One character of text, escaped; returns the bytes it used. */
static size_t text_char(fsq__buf *b, const char *s, size_t n)
{
    unsigned char ch = (unsigned char)*s;
    size_t len = 1;
    if (ch >= 0x80) {
        non_ascii(b, (const unsigned char *)s, n, &len);
    } else if (ch == '|') {
        fsq__buf_puts(b, "\\textbar{}");
    } else if (ch == '"') {
        fsq__buf_puts(b, "\\textquotedbl{}");
    } else {
        char one[2] = {(char)ch, 0};
        fsq__latex_escape(b, one);
    }
    return len;
}

static int is_punct(char c) { return c && strchr("\\`*_{}[]()#+-.!|<>~$%&^\"'", c) != NULL; }

/* Inline Markdown of s[0..n): escapes, `code`, **bold**, [text](url). */
static void inline_md(fsq__buf *b, const char *s, size_t n)
{
    int bold = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '\\' && i + 1 < n && is_punct(s[i + 1])) {
            i += 1 + text_char(b, s + i + 1, n - i - 1);
        } else if (s[i] == '`') {
            const char *end = memchr(s + i + 1, '`', n - i - 1);
            if (!end) {
                i += text_char(b, s + i, n - i);
                continue;
            }
            fsq__buf_puts(b, "\\texttt{");
            for (const char *p = s + i + 1; p < end;)
                p += text_char(b, p, (size_t)(end - p));
            fsq__buf_putc(b, '}');
            i = (size_t)(end - s) + 1;
        } else if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
            fsq__buf_puts(b, bold ? "}" : "\\textbf{");
            bold = !bold;
            i += 2;
        } else if (s[i] == '[') {
            const char *close = memchr(s + i, ']', n - i);
            const char *rp = close && close + 1 < s + n && close[1] == '('
                                 ? memchr(close, ')', (size_t)(s + n - close))
                                 : NULL;
            if (!rp) {
                i += text_char(b, s + i, n - i);
                continue;
            }
            inline_md(b, s + i + 1, (size_t)(close - s - i - 1));
            fsq__buf_puts(b, " (\\texttt{");
            for (const char *p = close + 2; p < rp;)
                p += text_char(b, p, (size_t)(rp - p));
            fsq__buf_puts(b, "})");
            i = (size_t)(rp - s) + 1;
        } else {
            i += text_char(b, s + i, n - i);
        }
    }
    if (bold)
        fsq__buf_putc(b, '}');
}

/* The cells of a table line "| a | b |": split at the '|' not escaped by a
 * backslash, trimmed; nothing after the last '|'. */
static size_t split_cells(const char *s, size_t n, const char **cell, size_t *len,
                          size_t max)
{
    size_t nc = 0, start = 1;
    for (size_t i = 1; i <= n; i++) {
        int sep = i == n || (s[i] == '|' && s[i - 1] != '\\');
        if (!sep)
            continue;
        size_t a = start, e = i;
        while (a < e && s[a] == ' ')
            a++;
        while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\r'))
            e--;
        if (!(i == n && a == e) && nc < max) {
            cell[nc] = s + a;
            len[nc++] = e - a;
        }
        start = i + 1;
    }
    return nc;
}

/* Returns 0 or FSQ_ENOMEM. */
static int table(fsq__buf *b, const char *const *line, const size_t *llen, size_t nlines)
{
    /* At most one cell per '|' of the widest line. */
    size_t max = 1;
    for (size_t l = 0; l < nlines; l++) {
        size_t bars = 1;
        for (size_t i = 0; i < llen[l]; i++)
            bars += line[l][i] == '|';
        if (bars > max)
            max = bars;
    }
    const char **cell = malloc(max * sizeof *cell);
    size_t *len = malloc(max * sizeof *len);
    char *align = malloc(max + 1);
    if (!cell || !len || !align) {
        free(cell);
        free(len);
        free(align);
        return FSQ_ENOMEM;
    }
    size_t ncols = split_cells(line[0], llen[0], cell, len, max);
    if (!ncols) { /* a lone "|": nothing to typeset */
        free(cell);
        free(len);
        free(align);
        return 0;
    }
    size_t na = nlines > 1 ? split_cells(line[1], llen[1], cell, len, max) : 0;
    for (size_t c = 0; c < ncols; c++) {
        const char *a = c < na ? cell[c] : "";
        size_t al = c < na ? len[c] : 0;
        int left = al && a[0] == ':', right = al && a[al - 1] == ':';
        align[c] = left && right ? 'c' : right ? 'r' : 'l';
    }
    align[ncols] = 0;
    /* The configuration chart's symbol columns are centred. */
    for (size_t l = 2; l < nlines; l++) {
        size_t nc = split_cells(line[l], llen[l], cell, len, max);
        for (size_t c = 0; c < nc && c < ncols; c++)
            for (size_t i = 0; i + 3 <= len[c]; i++)
                if (memcmp(cell[c] + i, "\xe2\x97\x8f", 3) == 0 ||
                    memcmp(cell[c] + i, "\xe2\x80\xa2", 3) == 0 ||
                    memcmp(cell[c] + i, "\xe2\x8a\x97", 3) == 0 ||
                    memcmp(cell[c] + i, "\xe2\x8a\x98", 3) == 0)
                    align[c] = 'c';
    }
    size_t nbody = nlines > 2 ? nlines - 2 : 0;
    int longt = nbody > LONG_ROWS;
    if (longt)
        fsq__buf_printf(b, "{\\footnotesize\n\\begin{longtable}{%s}\n\\hline\n", align);
    else
        fsq__buf_printf(b, "\\begin{center}\n\\resizebox{\\ifdim\\width>\\linewidth\\linewidth"
                           "\\else\\width\\fi}{!}{%%\n\\begin{tabular}{%s}\n\\hline\n", align);
    for (size_t l = 0; l < nlines; l++) {
        if (l == 1)
            continue; /* the alignment row */
        size_t nc = split_cells(line[l], llen[l], cell, len, max);
        for (size_t c = 0; c < ncols; c++) {
            if (c)
                fsq__buf_puts(b, " & ");
            if (c < nc)
                inline_md(b, cell[c], len[c]);
        }
        fsq__buf_puts(b, " \\\\\n");
        if (l == 0)
            fsq__buf_puts(b, longt ? "\\hline\n\\endhead\n" : "\\hline\n");
    }
    fsq__buf_puts(b, longt ? "\\hline\n\\end{longtable}\n}\n\n"
                           : "\\hline\n\\end{tabular}}\n\\end{center}\n\n");
    free(cell);
    free(len);
    free(align);
    return 0;
}

int fsq__report_latex(fsq__buf *b, const char *md, size_t n)
{
    static const char *const heads[] = {"\\section*{", "\\subsection*{", "\\subsubsection*{",
                                        "\\paragraph*{"};
    fsq__buf_puts(b, "% The report of fsqca run as a standalone LaTeX document: report.md\n"
                     "% typeset (pdflatex report.tex). The SVG figures are the files beside it.\n"
                     "\\documentclass[10pt,a4paper]{article}\n"
                     "\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n"
                     "\\usepackage{graphicx}\n\\usepackage{longtable}\n"
                     "\\setlength{\\textwidth}{16cm}\\setlength{\\oddsidemargin}{0cm}\n"
                     "\\setlength{\\evensidemargin}{0cm}\\setlength{\\parindent}{0pt}\n"
                     "\\setlength{\\parskip}{0.6ex}\n"
                     "\\begin{document}\n\n");
    /* Lines; a table is a run of lines starting with '|'. */
    const char **line = NULL;
    size_t *llen = NULL, nl = 0, cap = 0;
    for (size_t i = 0; i < n;) {
        const char *e = memchr(md + i, '\n', n - i);
        size_t len = e ? (size_t)(e - md - i) : n - i;
        if (nl == cap) {
            cap = cap ? 2 * cap : 256;
            const char **nline = realloc(line, cap * sizeof *line);
            size_t *nlen = nline ? realloc(llen, cap * sizeof *llen) : NULL;
            if (nline)
                line = nline;
            if (!nlen) {
                free(line);
                free(llen);
                return FSQ_ENOMEM;
            }
            llen = nlen;
        }
        line[nl] = md + i;
        llen[nl++] = len;
        i += len + 1;
    }
    int items = 0;
    for (size_t l = 0; l < nl;) {
        const char *s = line[l];
        size_t len = llen[l];
        int item = len >= 2 && s[0] == '-' && s[1] == ' ';
        if (items && !item) {
            fsq__buf_puts(b, "\\end{itemize}\n");
            items = 0;
        }
        if (len && s[0] == '|') {
            size_t end = l;
            while (end < nl && llen[end] && line[end][0] == '|')
                end++;
            if (table(b, line + l, llen + l, end - l)) {
                free(line);
                free(llen);
                return FSQ_ENOMEM;
            }
            l = end;
            continue;
        }
        size_t h = 0;
        while (h < len && h < 4 && s[h] == '#')
            h++;
        if (h && h < len && s[h] == ' ') {
            fsq__buf_puts(b, heads[h - 1]);
            inline_md(b, s + h + 1, len - h - 1);
            fsq__buf_puts(b, "}\n");
        } else if (item) {
            if (!items)
                fsq__buf_puts(b, "\\begin{itemize}\n");
            items = 1;
            fsq__buf_puts(b, "\\item ");
            inline_md(b, s + 2, len - 2);
            fsq__buf_putc(b, '\n');
        } else if (len > 4 && s[0] == '!' && s[1] == '[' && s[len - 1] == ')' &&
                   memchr(s, ']', len)) {
            const char *close = memchr(s, ']', len);
            fsq__buf_puts(b, "\\emph{Figure: ");
            inline_md(b, s + 2, (size_t)(close - s - 2));
            fsq__buf_puts(b, "} (SVG beside this file: \\texttt{");
            for (const char *p = close + 2; p < s + len - 1;)
                p += text_char(b, p, (size_t)(s + len - 1 - p));
            fsq__buf_puts(b, "})\n");
        } else {
            inline_md(b, s, len);
            fsq__buf_putc(b, '\n');
        }
        l++;
    }
    if (items)
        fsq__buf_puts(b, "\\end{itemize}\n");
    fsq__buf_puts(b, "\n\\end{document}\n");
    free(line);
    free(llen);
    return fsq__buf_ok(b);
}
