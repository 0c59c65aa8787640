/* Progress bar on stderr: counts, rate, ETA; throttled; tty only.
 *
 * Contract: see progress.h. Invariant: a disabled bar (out == NULL) never
 * touches any stream. Every drawing starts with '\r' and pads with spaces
 * to the previous line's width, so a shorter line leaves no stale characters.
 * Complexity: O(1) per call; at most one fprintf per FSQ__PROGRESS_INTERVAL. */
#include "cli/progress.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

double fsq__progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void fsq__progress_init_file(fsq__progress *p, uint64_t total, const char *label, FILE *out)
{
    memset(p, 0, sizeof *p);
    p->out = out;
    p->label = label ? label : "";
    p->total = total;
    p->start = fsq__progress_now();
    p->last_draw = -1;
}

void fsq__progress_init(fsq__progress *p, uint64_t total, const char *label, int enabled)
{
    FILE *out = enabled && isatty(fileno(stderr)) ? stderr : NULL;
    fsq__progress_init_file(p, total, label, out);
}

/* "1:02:03" or "2:03" */
static void format_duration(char *buf, size_t size, double seconds)
{
    if (!(seconds >= 0) || seconds > 359999999.0) {
        snprintf(buf, size, "--:--");
        return;
    }
    unsigned long s = (unsigned long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(buf, size, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%lu:%02lu", s / 60, s % 60);
}

static void draw(fsq__progress *p, double now, int final)
{
    char line[256];
    double elapsed = now - p->start;
    double rate = elapsed > 0 ? (double)p->done / elapsed : 0;
    int n;
    if (p->total) {
        double pct = 100.0 * (double)p->done / (double)p->total;
        char when[32];
        if (final) {
            format_duration(when, sizeof when, elapsed);
            n = snprintf(line, sizeof line, "%s  %llu/%llu  %.1f%%  in %s, %.1f/s", p->label,
                         (unsigned long long)p->done, (unsigned long long)p->total, pct, when,
                         rate);
        } else {
            double eta = rate > 0 && p->done <= p->total
                             ? (double)(p->total - p->done) / rate
                             : -1;
            format_duration(when, sizeof when, eta);
            n = snprintf(line, sizeof line, "%s  %llu/%llu  %.1f%%  %.1f/s  ETA %s", p->label,
                         (unsigned long long)p->done, (unsigned long long)p->total, pct, rate,
                         when);
        }
    } else {
        n = snprintf(line, sizeof line, "%s  %llu  %.1f/s", p->label,
                     (unsigned long long)p->done, rate);
    }
    if (n < 0)
        return;
    if (n >= (int)sizeof line)
        n = (int)sizeof line - 1;
    int pad = p->width > n ? p->width - n : 0;
    fprintf(p->out, "\r%s%*s%s", line, pad, "", final ? "\n" : "");
    fflush(p->out);
    p->width = n;
    p->last_draw = now;
}

void fsq__progress_update_at(fsq__progress *p, uint64_t done, double now)
{
    if (!p->out)
        return;
    p->done = done;
    if (p->last_draw >= 0 && now - p->last_draw < FSQ__PROGRESS_INTERVAL)
        return;
    draw(p, now, 0);
}

void fsq__progress_update(fsq__progress *p, uint64_t done)
{
    if (p->out)
        fsq__progress_update_at(p, done, fsq__progress_now());
}

void fsq__progress_finish_at(fsq__progress *p, double now)
{
    if (!p->out)
        return;
    draw(p, now, 1);
    p->out = NULL;  /* finished: later calls are no-ops */
}

void fsq__progress_finish(fsq__progress *p)
{
    if (p->out)
        fsq__progress_finish_at(p, fsq__progress_now());
}
