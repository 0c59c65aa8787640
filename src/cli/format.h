/* --format and --digits: the output formats of the commands that write
 * tables (tt, minimize, necessity).
 *
 * One table of names serves every command; a command says which formats it
 * accepts with a mask of (1u << id). To add a format (e.g. "pla"), add an id
 * below and a row to the table in format.c, and accept it in the commands
 * that write it. The ids of the library's formats equal fsq_format. */
#ifndef FSQ_CLI_FORMAT_H
#define FSQ_CLI_FORMAT_H

#include "fsqca/fsqca.h"

enum {
    FSQ_CLI_FMT_TEXT = FSQ_FORMAT_TEXT,
    FSQ_CLI_FMT_JSON = FSQ_FORMAT_JSON,
    FSQ_CLI_FMT_MD = FSQ_FORMAT_MARKDOWN,
    FSQ_CLI_FMT_LATEX = FSQ_FORMAT_LATEX,
    FSQ_CLI_FMT_HTML = FSQ_FORMAT_HTML,
    FSQ_CLI_FMT_CSV = FSQ_FORMAT_CSV,
    /* CLI-only formats (not tables of the library) */
    FSQ_CLI_FMT_PLA = FSQ_FORMAT_SVG + 1, /* Berkeley PLA: tt and minimize (cli/cmd_pla.c) */
    FSQ_CLI_FMT_END
};

#define FSQ_CLI_FMT_TABLES                                                              \
    ((1u << FSQ_CLI_FMT_TEXT) | (1u << FSQ_CLI_FMT_JSON) | (1u << FSQ_CLI_FMT_MD) |     \
     (1u << FSQ_CLI_FMT_LATEX) | (1u << FSQ_CLI_FMT_HTML) | (1u << FSQ_CLI_FMT_CSV))

/* Help lines for --format / --digits. */
#define FSQ_CLI_FORMAT_HELP                                                             \
    "  --format F            text (default), json, md (Markdown), latex, html or csv\n"  \
    "                        tables for papers; --json is --format json\n"               \
    "  --digits N            decimals of the numbers in every format but JSON (default\n" \
    "                        3, as QCA prints; JSON always has full precision); with\n"   \
    "                        minimize's text, the text tables of the other formats\n"

/* Parses a format name among those in `accepted`. Prints a usage error
 * naming the accepted ones and returns -1 when it is not one, else 0. */
int fsq__cli_parse_format(const char *command, const char *arg, unsigned accepted, int *format);

/* Parses --digits (0 to 17). Prints an error and returns -1 when bad. */
int fsq__cli_parse_digits(const char *command, const char *arg, int *digits);

#endif
