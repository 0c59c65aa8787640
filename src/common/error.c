#include "common/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last_message[1024];

int fsq__error(int code, const char *fmt, ...)
{
    /* Format into a scratch buffer first: the arguments may include
     * fsq_last_error() itself (a message prefixed with more context), and
     * formatting into the buffer being read garbles it. */
    char message[sizeof last_message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    memcpy(last_message, message, sizeof last_message);
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
