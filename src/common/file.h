/* Opening input files with a message that says why not. */
#ifndef FSQ_COMMON_FILE_H
#define FSQ_COMMON_FILE_H

#include <stdio.h>

/* Opens path for reading (binary). On failure returns FSQ_EIO with the
 * message "PATH: cannot open: <the system's reason>" or "PATH: is a
 * directory" (fopen() succeeds on a directory on Linux and only the first
 * read fails, which would otherwise read as an empty file or a bare "read
 * error"). */
int fsq__file_open_read(const char *path, FILE **out);

/* "PATH: cannot read: <the system's reason>" as FSQ_EIO; call right after
 * the failing read (it reads errno). */
int fsq__file_read_error(const char *path);

#endif
