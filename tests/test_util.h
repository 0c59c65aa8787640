/* Helpers shared by the Check programs in tests/. */
#ifndef FSQ_TEST_UTIL_H
#define FSQ_TEST_UTIL_H

#include <check.h>
#include <cjson/cJSON.h>
#include <glpk.h>
#include <stddef.h>
#include <stdint.h>

#include "fsqca/fsqca.h"

/* Path of ../shared (the reference data), or NULL if it is absent; in that
 * case the caller prints a notice and skips (a user's clone has no shared/). */
const char *fsq_test_shared_dir(void);

/* Reads a whole file; NULL if it cannot. The caller frees. */
char *fsq_test_read_file(const char *path, size_t *len);

/* Parses a JSON file with cJSON; NULL if it cannot. cJSON_Delete frees. */
cJSON *fsq_test_load_json(const char *path);

/* The sorted list of the files in dir whose names end in suffix; returns the count. Free with
 * fsq_test_free_list. */
size_t fsq_test_list_dir(const char *dir, const char *suffix, char ***names);
void fsq_test_free_list(char **names, size_t n);

/* Runs a shell command, captures stdout (and stderr when merge_stderr) into
 * *out (malloc'ed); returns the exit status, or -1. */
int fsq_test_run(const char *cmd, int merge_stderr, char **out);

/* Runs one suite and returns the process exit status (0 if all passed). */
int fsq_test_run_suite(Suite *s);

/* |a - b| <= tol, with NaN == NaN. */
int fsq_test_close(double a, double b, double tol);

#define FSQ_TOL 1e-9

/* Builds the truth table that a QCA reference file describes: its data set,
 * outcome (negated when negate_outcome), conditions and cut-offs. Fails the
 * running test on error. */
fsq_tt *fsq_test_tt_from_reference(const cJSON *ref, const char *shared);

/* The same truth table as command-line arguments of `fsqca tt` / `fsqca
 * minimize`: 'DATA' --outcome '[~]Y' --conditions A,B --incl-cut IC1[,IC0]
 * --n-cut N --pri-cut P, written to buf (shell-quoted). */
void fsq_test_reference_cli_args(const cJSON *ref, const char *shared, char *buf, size_t size);

/* Runs `FSQCA_CLI args` and parses its stdout as JSON; fails the running
 * test unless it exits with `status` and prints JSON. cJSON_Delete frees. */
cJSON *fsq_test_cli_json(const char *args, int status);

/* A 64-bit pseudo-random number from *state (an LCG step, then a mixer):
 * the same sequence on every machine, for tests that draw random charts. */
uint64_t fsq_test_rng(uint64_t *state);

/* The set-cover ILP of a chart (npis rows of nw words over ncols columns,
 * a set bit: the PI covers the column), for GLPK's MIP solver: one binary
 * per PI, minimise their sum, every column covered at least once (rows
 * 1..ncols). An oracle independent of src/cover/. glp_delete_prob frees. */
glp_prob *fsq_test_cover_mip(const uint64_t *chart, size_t npis, size_t ncols, size_t nw);

#endif
