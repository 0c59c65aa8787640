/* fsqca robust --test: the user's own test solutions for the robustness
 * protocol, and the protocol's report (fit, case classes with their cases,
 * rob.singletest per test solution). */
#ifndef FSQ_CLI_ROBUST_TESTS_H
#define FSQ_CLI_ROBUST_TESTS_H

#include <stddef.h>

#include "common/buf.h"
#include "fsqca/fsqca.h"
#include "common/json.h"

/* One test solution: the IS's settings with the SPEC's changes. */
typedef struct {
    char *text;                /* the SPEC as given */
    char *where;               /* "FILE:LINE" for --test-set, else NULL */
    int set_incl, set_n, set_pri, set_include;
    double incl_cut1, incl_cut0, pri_cut;
    size_t n_cut;
    fsq_solution_type type;
    int include_contradictions;
    char *exclude;             /* NULL = the IS's */
    size_t ncal;
    char **cal_col, **cal_text;/* COL=THRESHOLDS overrides / additions */
    double *mem;               /* results: first model's membership */
    char *model;               /* and its text */
} fsq__rob_test;

typedef struct {
    fsq__rob_test *tests;
    size_t ntests;
} fsq__rob_tests;

/* Parses one SPEC ("incl-cut=0.75; n-cut=2; DEV=e=300,c=550,i=900;
 * include=?; exclude=csa") and appends it. Prints usage errors; returns an
 * exit status. */
int fsq__cli_rob_test_add(fsq__rob_tests *t, const char *spec);
/* Reads one SPEC per line of FILE (blank lines and # comments skipped). */
int fsq__cli_rob_test_file(fsq__rob_tests *t, const char *path);
void fsq__cli_rob_tests_free(fsq__rob_tests *t);

/* What the IS was built with, for the tests to start from. */
typedef struct {
    const fsq_data *raw;       /* complete cases, before calibration */
    const fsq_robust_calib *calibs;
    size_t ncalibs;
    const char *outcome;
    const char *const *conditions;
    size_t nconditions;
    fsq_tt_options tt;
    fsq_min_options min;
} fsq__rob_base;

/* Computes every test solution (mem, model). Prints errors; returns an exit
 * status (1 when a test solution has no solution). */
int fsq__cli_rob_tests_run(fsq__rob_tests *t, const fsq__rob_base *base);

/* The protocol's extra output: tests (may be NULL), per-case classes (may be
 * NULL) of the cases named by ids. */
typedef struct {
    const fsq__rob_tests *tests;
    const double *sc;          /* per test: rob.singletest */
    const int *rank;
    const unsigned char *case_class;
    const char *const *ids;
    size_t ncases;
} fsq__rob_protocol_extra;

/* The "protocol" object's members (fit, RCC_Rank, case counts, case ids
 * per class, tests) into the open JSON object. */
void fsq__cli_protocol_json(fsq__json *j, const fsq_robust_fit *pf,
                            const fsq__rob_protocol_extra *x);
/* The same as text. */
void fsq__cli_protocol_text(fsq__buf *b, const fsq_robust_fit *pf,
                            const fsq__rob_protocol_extra *x);

#endif
