/* `fsqca merge` inputs: a stream file of `fsqca robust --out` (truncated,
 * foreign, corrupted), and its two texts taken apart.
 *
 * An input that starts with the stream's magic (5E 2A 4D 18) is a stream
 * file: it is written to a temporary file and read as fsqca merge reads a
 * part (fsq_robust_stream_info_read, then fsq_robust_merge_file and
 * fsq_robust_merge_finish). Any other input is the header text, a line
 * "%%", then replicate lines: fsq_robust_merge_header with the text, then
 * fsq_robust_merge_piece with the lines cut into pieces of the header's
 * "block" from its "range LO" (its "ncases" as the pieces'), so the header
 * and line parsers are reached without the zstd frames' checksums in the
 * way. A run
 * that merges is summarised (fsq_robust_run_summary, the protocol).
 * Checked besides the sanitizers: every failure sets a message. */
#include "fuzz_util.h"

static void check_message(const char *what, int rc)
{
    if (rc != 0 && !*fsq_last_error()) {
        fprintf(stderr, "fuzz_merge: %s failed without a message\n", what);
        abort();
    }
}

/* The number after `key` at the start of a line of text[0..len), or 0. */
static size_t header_number(const char *text, size_t len, const char *key)
{
    size_t kl = strlen(key);
    for (size_t i = 0; i + kl < len; i++)
        if ((i == 0 || text[i - 1] == '\n') && memcmp(text + i, key, kl) == 0)
            return (size_t)strtoull(text + i + kl, NULL, 10);
    return 0;
}

static void summarise(fsq_robust_run *run)
{
    const fsq_robust_summary *s = fsq_robust_run_summary(run);
    if (s && s->nmodels && !s->models[0].text)
        abort();
    fsq_robust_fit fit;
    int rc = fsq_robust_run_protocol(run, &fit, NULL);
    if (rc != 0 && rc != FSQ_ENOSOLUTION)
        check_message("fsq_robust_run_protocol", rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t magic[4] = {0x5E, 0x2A, 0x4D, 0x18};
    fsq_robust_merge *m = NULL;
    fsq_robust_run *run = NULL;
    int rc;
    if (fsq_robust_merge_new(&m, NULL, 1))
        abort();
    if (size >= 4 && memcmp(data, magic, 4) == 0) {
        char path[128];
        if (fuzz_temp_file(data, size, "part.jsonl.zst", path))
            goto done;
        fsq_robust_stream_info info;
        rc = fsq_robust_stream_info_read(path, &info);
        check_message("fsq_robust_stream_info_read", rc);
        if (rc == 0 && (info.lo > info.covered || info.covered > info.hi))
            abort();
        if (rc == 0) {
            rc = fsq_robust_merge_file(m, path);
            check_message("fsq_robust_merge_file", rc);
        }
        unlink(path);
    } else {
        const char *text = (const char *)data, *end = text + size, *lines = end;
        for (const char *q = text; q + 3 <= end; q++)
            if (q[0] == '%' && q[1] == '%' && q[2] == '\n' && (q == text || q[-1] == '\n')) {
                lines = q + 3;
                break;
            }
        size_t hlen = (size_t)((lines < end ? lines - 3 : end) - text);
        rc = fsq_robust_merge_header(m, text, hlen, "header");
        check_message("fsq_robust_merge_header", rc);
        /* The lines as pieces of at most one block (the header's "block"). */
        size_t block = header_number(text, hlen, "block ");
        fsq_robust_piece p;
        memset(&p, 0, sizeof p);
        p.lo = p.hi = header_number(text, hlen, "range ");
        p.ncases = header_number(text, hlen, "ncases ");
        p.lines = lines;
        for (const char *q = lines; rc == 0 && q < end; q++) {
            if (*q != '\n')
                continue;
            p.hi++;
            if (q + 1 == end || (block && p.hi % block == 0)) {
                p.len = (size_t)(q + 1 - p.lines);
                rc = fsq_robust_merge_piece(m, &p, "piece");
                check_message("fsq_robust_merge_piece", rc);
                p.lo = p.hi;
                p.lines = q + 1;
            }
        }
    }
    if (rc == 0) {
        rc = fsq_robust_merge_finish(m, &run);
        if (rc != 0)
            check_message("fsq_robust_merge_finish", rc);
        else
            summarise(run);
    }
done:
    fsq_robust_run_free(run);
    fsq_robust_merge_free(m);
    return 0;
}
