/* Wall-clock limits (--time-limit), the same for every phase.
 *
 * A limit of L seconds counted from a start time gives each phase a
 * deadline (absolute fsq__now() seconds; 0 = no limit). Long loops check it
 * every few hundred iterations (fsq__past), and hitting it fails with
 * FSQ_ELIMIT and a message naming the limit and the phase
 * (fsq__time_error). Test hook: fsq__test_expire_phase makes the clock of
 * one named phase report expiry as soon as the phase starts, so a test can
 * prove that phase looks at its clock without making it slow. */
#ifndef FSQ_COMMON_CLOCK_H
#define FSQ_COMMON_CLOCK_H

/* CLOCK_MONOTONIC, in seconds. */
double fsq__now(void);

/* Test hook (tests only; not thread-safe to change while a minimization
 * runs): the phase whose name contains `phase` starts with its time used
 * up. NULL turns it off. */
void fsq__test_expire_phase(const char *phase);
/* 1 when the hook names `phase`. */
int fsq__phase_hooked(const char *phase);

/* The deadline of `phase` under `limit` seconds counted from `start`
 * (limit <= 0: none, *deadline = 0). FSQ_ELIMIT when no time is left before
 * it begins. With the test hook on the phase, the deadline is now. */
int fsq__phase_deadline(double limit, double start, const char *phase, double *deadline);

/* Seconds left until `deadline` for an API that takes a duration: 0 when
 * there is no deadline, else at least 1e-9 (an expired one stays positive,
 * so the callee stops at its first check instead of running unlimited). */
double fsq__seconds_left(double deadline);

/* Whether `deadline` (0 = none) has passed. */
int fsq__past(double deadline);

/* Records "time limit of <limit> s reached in <phase> (--time-limit)" and
 * returns FSQ_ELIMIT. */
int fsq__time_error(double limit, const char *phase);

#endif
