/* Minimization results (internal layout shared by src/minimize/ and src/fit/).
 *
 * A "model set" is the outcome of one minimization of the ON rows of a truth
 * table with a given set of don't-cares: its prime implicants (digit cubes,
 * QCA's order), the PI chart over the ON rows, every minimum cover (the
 * models), the essential PIs, the fit of each model and term, and the
 * simplifying assumptions (the non-ON configurations each model covers).
 * A conservative or parsimonious analysis has one model set; an intermediate
 * analysis has the conservative and parsimonious sets and one set per pair
 * (conservative model i, parsimonious model j), QCA's "CiPj" keys.
 */
#ifndef FSQ_MINIMIZE_MINIMIZE_INTERNAL_H
#define FSQ_MINIMIZE_MINIMIZE_INTERNAL_H

#include <stdint.h>

#include "common/buf.h"
#include "cover/cover.h"
#include "fsqca/fsqca.h"
#include "common/json.h"
#include "minimize/colgen.h"
#include "tt/tt_internal.h"

/* Sorted, duplicate-free list of configurations (k digits each). */
typedef struct {
    size_t n;
    unsigned char *cfg;
    int truncated; /* 1: too many to list (see FSQ__MAX_LISTED_CONFIGS) */
} fsq__cfg_list;

/* More configurations than this in one list are counted, not listed. */
#define FSQ__MAX_LISTED_CONFIGS 200000
/* One model set enumerates at most about this many in all (the models'
 * lists together): a 472-byte CSV with 729 models used to take 2.6 GB and
 * 26 s here. Models past it are marked truncated without being enumerated. */
#define FSQ__MAX_ENUMERATED_CONFIGS 2000000

typedef struct {
    double incl, pri, cov;
} fsq__sol_fit;

typedef struct {
    double incl, pri, cov, cov_u;
} fsq__term_fit;

typedef struct {
    size_t npis;
    unsigned char *pis;        /* npis x k, QCA order */
    size_t ncols;
    size_t *cols;              /* ON rows (tt row numbers) = chart columns */
    size_t nwords;
    uint64_t *chart;           /* npis x nwords */
    fsq__cover_result cover;   /* models (PI indices), essentials */
    fsq__sol_fit *sol_fit;     /* per model */
    fsq__term_fit *term_fit;   /* per PI used in some model: covU over all models */
    fsq__term_fit *model_term_fit; /* nsolutions x size: covU within the model */
    fsq__cfg_list *assumptions;    /* per model: non-ON configurations covered */
    uint64_t pi_nodes;
    fsq__pi_info pi_info;      /* complete list, or column generation (colgen.h) */
} fsq__model_set;

typedef struct {
    size_t c_model, p_model;   /* indices into the conservative / parsimonious sets */
    fsq__cfg_list ec, dc;      /* easy and difficult counterfactuals */
    fsq__model_set set;
} fsq__int_key;

struct fsq_min {
    const fsq_tt *tt;          /* borrowed: must outlive the result */
    fsq_min_options opts;
    fsq_solution_type type;
    fsq__model_set main;       /* conservative or parsimonious result */
    /* Intermediate only: */
    fsq__model_set cons, pars;
    size_t nkeys;
    fsq__int_key *keys;
    size_t ndistinct;          /* distinct intermediate models ... */
    size_t *distinct_key;      /* ... first seen in key distinct_key[d], */
    size_t *distinct_model;    /* ... as model distinct_model[d] there */
    char *intermediate_count;  /* ndistinct as a decimal string */
    unsigned char **expect;    /* k: per condition, levels[j] flags (NULL = "-") */
};

/* Solves the ON rows of tt with the given don't-cares: `mode` REMAINDERS
 * (every configuration not in off is a don't-care) or EXPLICIT (only dc).
 * Fills the model set including fit and simplifying assumptions. */
int fsq__solve_set(const fsq_tt *tt, const fsq_min_options *o, int mode,
                   const unsigned char *off, size_t noff, const unsigned char *dc, size_t ndc,
                   fsq__model_set *set);
void fsq__model_set_free(fsq__model_set *set);
/* The first half of fsq__solve_set: the prime implicants and the PI chart
 * (set->pis, cols, chart), nothing solved. */
int fsq__build_chart(const fsq_tt *tt, const fsq_min_options *o, int mode,
                     const unsigned char *off, size_t noff, const unsigned char *dc, size_t ndc,
                     fsq__model_set *set);

/* Fit of every model and term of a set (src/fit/fit.c). */
int fsq__fit_model_set(const fsq_tt *tt, fsq__model_set *set, int threads, double deadline);

/* Configurations covered by the given cubes that are not ON rows of tt:
 * the simplifying assumptions of a model (src/minimize/assumptions.c). */
int fsq__covered_non_on(const fsq_tt *tt, const unsigned char *cubes, size_t ncubes,
                        fsq__cfg_list *out);
void fsq__cfg_list_free(fsq__cfg_list *l);
/* Sorts and deduplicates l in place. */
void fsq__cfg_list_normalize(fsq__cfg_list *l, size_t k);
int fsq__cfg_list_contains(const fsq__cfg_list *l, const unsigned char *cfg, size_t k);

/* Adds the rows of o->exclude to the OFF configurations (reallocating
 * *off) and removes them from the don't-cares dc (src/minimize/findrows.c). */
int fsq__apply_exclude(const fsq_tt *tt, const fsq_min_options *o, unsigned char **off,
                       size_t *noff, unsigned char *dc, size_t *ndc);
/* "lp", "combinatorial", "branch_and_bound" for an FSQ__PROOF_* value. */
const char *fsq__proof_method(int proof);
/* 1 when every minimum model of the set is listed. */
int fsq__set_complete(const fsq__model_set *set);

/* Intermediate solutions (src/minimize/intermediate.c). */
int fsq__intermediate(fsq_min *m);
/* 1 when model sa of set a and model sb of set b have the same terms. */
int fsq__same_model(size_t k, const fsq__model_set *a, size_t sa, const fsq__model_set *b,
                    size_t sb);

/* The model set that holds final model i and its index there. */
const fsq__model_set *fsq__min_model(const fsq_min *m, size_t i, size_t *model);

/* A cube in QCA's syntax: "A*~B" (crisp/fuzzy) or "A[1]*B[0]" (multi-value);
 * "1" for the empty cube. Appends to b. */
void fsq__cube_text(const fsq_tt *tt, const unsigned char *cube, fsq__buf *b);

#endif
