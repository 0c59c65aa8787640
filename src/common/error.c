#include "common/error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_message[1024];

int fsq__error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    return code;
}

int fsq__nomem(void)
{
    return fsq__error(FSQ_ENOMEM, "out of memory");
}

const char *fsq_last_error(void)
{
    return last_message;
}

const char *fsq_version(void)
{
    return FSQCA_VERSION_STRING;
}
