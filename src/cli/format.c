/* The format names of --format (see format.h). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/format.h"

static const struct {
    const char *name;
    int id;
} formats[] = {
    {"text", FSQ_CLI_FMT_TEXT}, {"json", FSQ_CLI_FMT_JSON}, {"md", FSQ_CLI_FMT_MD},
    {"markdown", FSQ_CLI_FMT_MD}, {"latex", FSQ_CLI_FMT_LATEX}, {"tex", FSQ_CLI_FMT_LATEX},
    {"html", FSQ_CLI_FMT_HTML}, {"csv", FSQ_CLI_FMT_CSV},
    {"pla", FSQ_CLI_FMT_PLA},
};

int fsq__cli_parse_format(const char *command, const char *arg, unsigned accepted, int *format)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(arg, formats[i].name) == 0 && (accepted >> formats[i].id & 1u)) {
            *format = formats[i].id;
            return 0;
        }
    char names[256] = "";
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (accepted >> formats[i].id & 1u) {
            size_t len = strlen(names);
            snprintf(names + len, sizeof names - len, "%s%s", len ? ", " : "", formats[i].name);
        }
    fsq__cli_usage_error(command, "--format expects one of %s, got \"%s\"", names, arg);
    return -1;
}

int fsq__cli_parse_digits(const char *command, const char *arg, int *digits)
{
    size_t d;
    if (fsq__cli_parse_size(command, "--digits", arg, &d))
        return -1;
    if (d > 17) {
        fsq__cli_usage_error(command, "--digits expects 0 to 17, got \"%s\"", arg);
        return -1;
    }
    *digits = (int)d;
    return 0;
}
