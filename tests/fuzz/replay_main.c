/* Runs a harness over files, without libFuzzer: every file named on the
 * command line, and every file in every directory named, is passed once to
 * LLVMFuzzerTestOneInput. The ordinary test suite builds each harness with
 * this driver (gcc, and the ASan + UBSan build) and replays its seed corpus
 * and its regressions/ directory: a reproducer dropped into
 * tests/fuzz/regressions/<name>/ becomes a regression test. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 4096, len = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        return -1;
    /* A copy of exactly the input's size, so ASan sees reads past its end. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact)
        return -1;
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

int main(int argc, char **argv)
{
    size_t n = 0;
    for (int a = 1; a < argc; a++) {
        struct stat st;
        if (stat(argv[a], &st) != 0)
            continue; /* an absent regressions/ directory is fine */
        if (!S_ISDIR(st.st_mode)) {
            if (run_file(argv[a]))
                return 1;
            n++;
            continue;
        }
        DIR *d = opendir(argv[a]);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[a], e->d_name);
            if (run_file(path))
                return 1;
            n++;
        }
        if (d)
            closedir(d);
    }
    printf("%s: %zu inputs replayed\n", argv[0], n);
    return n ? 0 : 1;
}
