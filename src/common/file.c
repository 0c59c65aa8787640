/* Opening input files (see file.h). */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "common/error.h"
#include "common/file.h"

int fsq__file_open_read(const char *path, FILE **out)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fsq__error(FSQ_EIO, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return fsq__error(FSQ_EIO, "%s: is a directory", path);
    }
    *out = f;
    return 0;
}

int fsq__file_read_error(const char *path)
{
    return fsq__error(FSQ_EIO, "%s: cannot read: %s", path, strerror(errno ? errno : EIO));
}
