/* Tests of src/io/zstd_stream: the compressing writer (temp file + rename)
 * and the .zst reader. The writer's output is decoded independently with
 * libzstd's own streaming decoder and, when installed, the zstd command. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "fsqca/fsqca.h"
#include "io/zstd_stream.h"
#include "test_util.h"

/* A private scratch directory, named once in main() so that the forked
 * test processes share it and main() can remove it at the end. */
static char scratch[256];

static void make_scratch(void)
{
    if (!scratch[0])
        snprintf(scratch, sizeof scratch, "/tmp/fsq_check_zstd.%ld", (long)getpid());
    mkdir(scratch, 0700);
}

static void path_in_scratch(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", scratch, name);
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Number of entries in the scratch directory whose name starts with prefix. */
static int count_files(const char *prefix)
{
    char **names = NULL;
    size_t n = fsq_test_list_dir(scratch, "", &names);
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        const char *base = strrchr(names[i], '/');
        base = base ? base + 1 : names[i];
        count += strncmp(base, prefix, strlen(prefix)) == 0;
    }
    fsq_test_free_list(names, n);
    return count;
}

/* The expected text: `lines` JSON lines, deterministic and varied enough
 * that compression is not trivial. */
static char *make_lines(int lines, size_t *len)
{
    size_t cap = (size_t)lines * 96 + 1, n = 0;
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    for (int i = 0; i < lines; i++)
        n += (size_t)snprintf(s + n, cap - n,
                              "{\"replicate\":%d,\"solution\":\"A*~B + C%d\",\"incl\":%.6f}\n", i,
                              i % 7, (double)(i * 7919 % 1000) / 1000.0);
    *len = n;
    return s;
}

/* Decodes a whole file with ZSTD_decompressStream, independently of the
 * reader under test. */
static char *decode_with_libzstd(const char *path, size_t *len)
{
    size_t clen;
    char *comp = fsq_test_read_file(path, &clen);
    ck_assert_ptr_nonnull(comp);
    ZSTD_DCtx *d = ZSTD_createDCtx();
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    ZSTD_inBuffer in = {comp, clen, 0};
    size_t ret = 1;
    while (in.pos < in.size) {
        if (cap - n < ZSTD_DStreamOutSize()) {
            cap *= 2;
            out = realloc(out, cap);
            ck_assert_ptr_nonnull(out);
        }
        ZSTD_outBuffer o = {out + n, cap - n, 0};
        ret = ZSTD_decompressStream(d, &o, &in);
        ck_assert_msg(!ZSTD_isError(ret), "libzstd: %s", ZSTD_getErrorName(ret));
        n += o.pos;
    }
    ck_assert_uint_eq(ret, 0); /* the frame is complete */
    ZSTD_freeDCtx(d);
    free(comp);
    *len = n;
    return out;
}

static void write_lines_file(const char *path, const char *text, size_t len, int level)
{
    fsq__zstd_writer *w;
    ck_assert_int_eq(fsq__zstd_writer_open(&w, path, level), 0);
    /* Write line by line, as a replicate loop would. */
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = (size_t)(nl - (text + pos)) + 1;
        ck_assert_int_eq(fsq__zstd_writer_write(w, text + pos, n), 0);
        pos += n;
    }
    ck_assert_uint_eq(fsq__zstd_writer_bytes_in(w), len);
    ck_assert(!file_exists(path)); /* nothing at the final name before close */
    ck_assert_int_eq(fsq__zstd_writer_close(w), 0);
}

START_TEST(test_zstd_stream__writer_output_decodes_with_libzstd)
{
    make_scratch();
    char path[512];
    path_in_scratch(path, sizeof path, "lines.jsonl.zst");
    size_t len;
    char *text = make_lines(20000, &len); /* ~1 MB: several internal blocks */
    write_lines_file(path, text, len, 3);
    ck_assert(file_exists(path));
    ck_assert_int_eq(count_files("lines.jsonl.zst.tmp"), 0);

    size_t got_len;
    char *got = decode_with_libzstd(path, &got_len);
    ck_assert_uint_eq(got_len, len);
    ck_assert(memcmp(got, text, len) == 0);

    /* Compressed well below the input: the stream really is compressed. */
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_uint_lt((size_t)st.st_size, len / 4);
    free(got);
    free(text);
    remove(path);
}
END_TEST

START_TEST(test_zstd_stream__zstd_command_decodes_writer_output)
{
    if (system("command -v zstd >/dev/null 2>&1") != 0) {
        printf("notice: zstd command not installed; skipping the `zstd -dc` check\n");
        return;
    }
    make_scratch();
    char path[512], cmd[1100];
    path_in_scratch(path, sizeof path, "cmd.jsonl.zst");
    size_t len;
    char *text = make_lines(3000, &len);
    write_lines_file(path, text, len, 19);
    snprintf(cmd, sizeof cmd, "zstd -q -dc '%s'", path);
    char *out = NULL;
    ck_assert_int_eq(fsq_test_run(cmd, 0, &out), 0);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(strlen(out), len);
    ck_assert(memcmp(out, text, len) == 0);
    /* The content checksum is on: `zstd -t` verifies it. */
    snprintf(cmd, sizeof cmd, "zstd -q -t '%s'", path);
    free(out);
    out = NULL;
    ck_assert_int_eq(fsq_test_run(cmd, 1, &out), 0);
    printf("zstd -dc decoded %zu bytes written by fsq__zstd_writer\n", len);
    free(out);
    free(text);
    remove(path);
}
END_TEST

START_TEST(test_zstd_stream__abort_leaves_no_file)
{
    make_scratch();
    char path[512];
    path_in_scratch(path, sizeof path, "aborted.zst");
    fsq__zstd_writer *w;
    ck_assert_int_eq(fsq__zstd_writer_open(&w, path, 1), 0);
    ck_assert_int_eq(count_files("aborted.zst.tmp."), 1); /* the temporary exists */
    size_t len;
    char *text = make_lines(5000, &len);
    ck_assert_int_eq(fsq__zstd_writer_write(w, text, len), 0);
    fsq__zstd_writer_abort(w);
    ck_assert(!file_exists(path));
    ck_assert_int_eq(count_files("aborted.zst"), 0);
    fsq__zstd_writer_abort(NULL);
    ck_assert_int_eq(fsq__zstd_writer_close(NULL), 0);
    free(text);

    /* An existing file at the final path survives an aborted rewrite. */
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs("old", f);
    fclose(f);
    ck_assert_int_eq(fsq__zstd_writer_open(&w, path, 1), 0);
    ck_assert_int_eq(fsq__zstd_writer_puts(w, "new\n"), 0);
    fsq__zstd_writer_abort(w);
    size_t n;
    char *old = fsq_test_read_file(path, &n);
    ck_assert_str_eq(old, "old");
    free(old);
    remove(path);
}
END_TEST

START_TEST(test_zstd_stream__open_fails_cleanly)
{
    fsq__zstd_writer *w = (fsq__zstd_writer *)1;
    ck_assert_int_eq(fsq__zstd_writer_open(&w, "/nonexistent-dir/x.zst", 3), FSQ_EIO);
    ck_assert_ptr_null(w);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "/nonexistent-dir/x.zst"));
    make_scratch();
    char path[512];
    path_in_scratch(path, sizeof path, "badlevel.zst");
    ck_assert_int_eq(fsq__zstd_writer_open(&w, path, 1000), FSQ_EINPUT);
    ck_assert_ptr_null(w);
    ck_assert_int_eq(count_files("badlevel"), 0);
}
END_TEST

START_TEST(test_zstd_stream__reader_reads_writer_output)
{
    make_scratch();
    char path[512];
    path_in_scratch(path, sizeof path, "roundtrip.csv.zst");
    size_t len;
    char *text = make_lines(40000, &len); /* larger than one read chunk */
    write_lines_file(path, text, len, 1);
    char *buf;
    size_t got;
    ck_assert_int_eq(fsq__zstd_read_file(path, &buf, &got), 0);
    ck_assert_uint_eq(got, len);
    ck_assert(memcmp(buf, text, len) == 0);
    ck_assert_int_eq(buf[got], '\0');
    free(buf);

    /* An empty stream is an empty text. */
    fsq__zstd_writer *w;
    ck_assert_int_eq(fsq__zstd_writer_open(&w, path, 3), 0);
    ck_assert_int_eq(fsq__zstd_writer_close(w), 0);
    ck_assert_int_eq(fsq__zstd_read_file(path, &buf, &got), 0);
    ck_assert_uint_eq(got, 0);
    ck_assert_str_eq(buf, "");
    free(buf);
    free(text);
    remove(path);
}
END_TEST

START_TEST(test_zstd_stream__reader_accepts_concatenated_frames)
{
    /* Two frames made by libzstd's one-shot API, back to back (what
     * `cat a.zst b.zst` gives), decode to the concatenated text. */
    const char *a = "id,A,B\n1,0.2,0.9\n", *b = "2,0.7,0.1\n";
    size_t cap = ZSTD_compressBound(64) * 2;
    char *comp = malloc(cap);
    size_t na = ZSTD_compress(comp, cap, a, strlen(a), 3);
    ck_assert(!ZSTD_isError(na));
    size_t nb = ZSTD_compress(comp + na, cap - na, b, strlen(b), 9);
    ck_assert(!ZSTD_isError(nb));
    char *buf;
    size_t len;
    ck_assert_int_eq(fsq__zstd_decompress(comp, na + nb, "mem", &buf, &len), 0);
    ck_assert_str_eq(buf, "id,A,B\n1,0.2,0.9\n2,0.7,0.1\n");
    ck_assert_uint_eq(len, strlen(buf));
    free(buf);

    make_scratch();
    char path[512];
    path_in_scratch(path, sizeof path, "two.zst");
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(comp, 1, na + nb, f), na + nb);
    fclose(f);
    ck_assert_int_eq(fsq__zstd_read_file(path, &buf, &len), 0);
    ck_assert_str_eq(buf, "id,A,B\n1,0.2,0.9\n2,0.7,0.1\n");
    free(buf);

    /* Truncated: the last frame lacks its end. */
    ck_assert_int_eq(fsq__zstd_decompress(comp, na + nb - 3, "cut.zst", &buf, &len),
                     FSQ_EINPUT);
    ck_assert_ptr_null(buf);
    ck_assert_str_eq(fsq_last_error(), "cut.zst: truncated zstd stream");
    free(comp);
    remove(path);
}
END_TEST

START_TEST(test_zstd_stream__reader_rejects_non_zstd_input)
{
    make_scratch();
    char path[512];
    path_in_scratch(path, sizeof path, "plain.csv.zst");
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs("id,A\n1,0.5\n", f);
    fclose(f);
    char *buf = (char *)1;
    size_t len = 99;
    ck_assert_int_eq(fsq__zstd_read_file(path, &buf, &len), FSQ_EINPUT);
    ck_assert_ptr_null(buf);
    ck_assert_uint_eq(len, 0);
    char expect[600];
    snprintf(expect, sizeof expect, "%s: not a zstd stream", path);
    ck_assert_str_eq(fsq_last_error(), expect);

    /* Empty file. */
    f = fopen(path, "wb");
    fclose(f);
    ck_assert_int_eq(fsq__zstd_read_file(path, &buf, &len), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), expect);

    /* A valid zstd frame followed by garbage: corrupt. */
    char comp[256];
    size_t n = ZSTD_compress(comp, sizeof comp, "abc", 3, 1);
    ck_assert(!ZSTD_isError(n));
    memcpy(comp + n, "garbage!", 8);
    ck_assert_int_eq(fsq__zstd_decompress(comp, n + 8, "g.zst", &buf, &len), FSQ_EINPUT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "g.zst: corrupt zstd stream"));

    /* Missing file. */
    ck_assert_int_eq(fsq__zstd_read_file("/nonexistent-dir/none.zst", &buf, &len), FSQ_EIO);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "none.zst: cannot open"));
    remove(path);
}
END_TEST

static Suite *zstd_stream_suite(void)
{
    Suite *s = suite_create("fsq_zstd_stream");
    TCase *tc = tcase_create("zstd_stream");
    tcase_add_test(tc, test_zstd_stream__writer_output_decodes_with_libzstd);
    tcase_add_test(tc, test_zstd_stream__zstd_command_decodes_writer_output);
    tcase_add_test(tc, test_zstd_stream__abort_leaves_no_file);
    tcase_add_test(tc, test_zstd_stream__open_fails_cleanly);
    tcase_add_test(tc, test_zstd_stream__reader_reads_writer_output);
    tcase_add_test(tc, test_zstd_stream__reader_accepts_concatenated_frames);
    tcase_add_test(tc, test_zstd_stream__reader_rejects_non_zstd_input);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    make_scratch();
    int rc = fsq_test_run_suite(zstd_stream_suite());
    rmdir(scratch); /* empty unless a failed test left files to inspect */
    return rc;
}
