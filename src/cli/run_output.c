/* `fsqca run`'s output directory (run_output.h): the files held in
 * memory, then written into OUTPUT.tmp.PID and renamed to OUTPUT, so a
 * failed run leaves no half-written directory. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/run_output.h"
#include "common/error.h"

/* Removes a directory tree without following symbolic links. */
static int remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *child = malloc(n);
        if (!child) {
            rc = -1;
            break;
        }
        snprintf(child, n, "%s/%s", path, e->d_name);
        if (remove_tree(child))
            rc = -1;
        free(child);
    }
    closedir(d);
    return rmdir(path) || rc ? -1 : 0;
}

/* mkdir -p of the parent directories of path. */
static int make_parents(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return -1;
    int rc = 0;
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST)
                rc = -1;
            *s = '/';
        }
    free(p);
    return rc;
}

static int write_file(const char *dir, const char *name, const char *data, size_t len)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (!path)
        return -1;
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    int rc = -1;
    if (f) {
        rc = fwrite(data, 1, len, f) == len ? 0 : -1;
        if (fclose(f) != 0)
            rc = -1;
    }
    if (rc)
        fprintf(stderr, "fsqca run: cannot write %s: %s\n", path, strerror(errno));
    free(path);
    return rc;
}

int fsq__is_report_dir(const char *dir)
{
    static const char *const marks[] = {"report.md", "results.json"};
    for (int i = 0; i < 2; i++) {
        size_t n = strlen(dir) + 16;
        char *p = malloc(n);
        if (!p)
            return 0;
        snprintf(p, n, "%s/%s", dir, marks[i]);
        struct stat st;
        int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
        free(p);
        if (ok)
            return 1;
    }
    return 0;
}

fsq__buf *fsq__out_add(fsq__out_set *o, const char *name)
{
    if (o->n == sizeof o->files / sizeof *o->files)
        return NULL;
    fsq__out_file *f = &o->files[o->n++];
    snprintf(f->name, sizeof f->name, "%s", name);
    fsq__buf init = FSQ__BUF_INIT;
    f->text = init;
    return &f->text;
}

int fsq__out_text(fsq__buf *f, int rc, char **text, const size_t *len)
{
    if (!rc)
        rc = f ? fsq__buf_append(f, *text, *len) : fsq__nomem();
    free(*text);
    *text = NULL;
    return rc;
}

int fsq__out_publish(const char *output, const fsq__out_set *o, int force)
{
    size_t n = strlen(output) + 64;
    char *tmp = malloc(n), *old = malloc(n);
    int status = FSQ_EXIT_USAGE, made = 0;
    if (!tmp || !old) {
        fprintf(stderr, "fsqca run: out of memory\n");
        status = FSQ_EXIT_ANALYSIS;
        goto done;
    }
    snprintf(tmp, n, "%s.tmp.%ld", output, (long)getpid());
    snprintf(old, n, "%s.old.%ld", output, (long)getpid());
    if (make_parents(output) || mkdir(tmp, 0777) != 0) {
        fprintf(stderr, "fsqca run: cannot create the directory %s: %s\n", tmp, strerror(errno));
        goto done;
    }
    made = 1;
    for (size_t i = 0; i < o->n; i++)
        if (write_file(tmp, o->files[i].name, o->files[i].text.data ? o->files[i].text.data : "",
                       o->files[i].text.len))
            goto done;
    struct stat st;
    int exists = lstat(output, &st) == 0;
    if (exists && !force) {
        /* Someone created it while we computed. */
        fprintf(stderr, "fsqca run: %s exists; use --force to replace it\n", output);
        goto done;
    }
    if (exists && rename(output, old) != 0) {
        fprintf(stderr, "fsqca run: cannot move %s aside: %s\n", output, strerror(errno));
        goto done;
    }
    if (rename(tmp, output) != 0) {
        fprintf(stderr, "fsqca run: cannot rename %s to %s: %s\n", tmp, output, strerror(errno));
        if (exists)
            rename(old, output); /* put the old one back */
        goto done;
    }
    made = 0;
    if (exists && remove_tree(old))
        fprintf(stderr, "fsqca run: warning: could not remove the old output %s\n", old);
    status = 0;
done:
    if (made)
        remove_tree(tmp);
    free(tmp);
    free(old);
    return status;
}
