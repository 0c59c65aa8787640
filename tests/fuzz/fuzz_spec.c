/* The analysis spec of `fsqca run` (an INI-like file): the bytes are
 * written to a temporary file and parsed with the command's own parser,
 * fsq__spec_read (src/cli/spec.c). Errors are printed by the parser; run
 * with -close_fd_mask=2 to keep them off the terminal. */
#include "fuzz_util.h"
#include "cli/spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[128];
    if (fuzz_temp_file(data, size, "spec.ini", path))
        return 0;
    fsq__spec spec;
    fsq__spec_read(path, &spec);
    fsq__spec_free(&spec);
    unlink(path);
    return 0;
}
