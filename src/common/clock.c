#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "common/clock.h"

#include <string.h>
#include <time.h>

#include "common/error.h"

static const char *expire_phase;

double fsq__now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void fsq__test_expire_phase(const char *phase)
{
    expire_phase = phase;
}

int fsq__phase_hooked(const char *phase)
{
    return expire_phase && phase && strstr(phase, expire_phase) != NULL;
}

int fsq__phase_deadline(double limit, double start, const char *phase, double *deadline)
{
    *deadline = 0;
    if (limit <= 0)
        return 0;
    double now = fsq__now();
    *deadline = start + limit;
    if (now >= *deadline)
        return fsq__time_error(limit, phase);
    if (fsq__phase_hooked(phase))
        *deadline = now;
    return 0;
}

double fsq__seconds_left(double deadline)
{
    if (deadline <= 0)
        return 0;
    double left = deadline - fsq__now();
    return left > 1e-9 ? left : 1e-9;
}

int fsq__past(double deadline)
{
    return deadline > 0 && fsq__now() >= deadline;
}

int fsq__time_error(double limit, const char *phase)
{
    return fsq__error(FSQ_ELIMIT, "time limit of %g s reached in %s (--time-limit)", limit,
                      phase);
}

double fsq_clock_seconds(void)
{
    return fsq__now();
}
