/* The robustness protocol of Oana & Schneider (SetMethods rob.fit, rob.corefit,
 * rob.cases), on plain membership vectors.
 *
 * Contract: inputs are the initial solution IS, m >= 1 test solutions and the
 * outcome Y, each ncases memberships in [0, 1]. Output: the fit measures,
 * class counts and case ratios defined in fsqca.h section 7, plus optional
 * per-case TS_min, TS_max, core and class. Where SetMethods differs (it
 * combines only the first and last test solutions into TS_min / TS_max, and
 * rounds), fsqca.h says so.
 * Complexity: O(ncases * m) time, O(1) extra memory (one pass per case). */
#include <math.h>

#include "common/error.h"
#include "robust/protocol.h"

/* R's division: 0/0 is NaN, x/0 is +Inf (all sums here are >= 0). */
static double ratio(double num, double den)
{
    if (den != 0)
        return num / den;
    return num == 0 ? NAN : INFINITY;
}

static double min2(double a, double b)
{
    return a < b ? a : b;
}

static double max2(double a, double b)
{
    return a > b ? a : b;
}

fsq_rob_class fsq__robust_classify(double is, double ts_min, double ts_max, double y)
{
    int typical = y > 0.5, deviant = y < 0.5;
    if (!typical && !deviant)
        return FSQ_ROB_UNCLASSIFIED;
    /* The four intersections with IS in / out are disjoint as crisp sets: at
     * most one of min(IS, T) and min(IS, 1-T) exceeds 0.5, and none when a
     * membership is exactly 0.5. */
    if (min2(is, ts_min) > 0.5)
        return typical ? FSQ_ROB_ROBUST_TYPICAL : FSQ_ROB_ROBUST_DEVIANT;
    if (min2(is, 1 - ts_min) > 0.5)
        return typical ? FSQ_ROB_SHAKY_TYPICAL : FSQ_ROB_SHAKY_DEVIANT;
    if (min2(1 - is, ts_max) > 0.5)
        return typical ? FSQ_ROB_POSSIBLE_TYPICAL : FSQ_ROB_POSSIBLE_DEVIANT;
    if (min2(1 - is, 1 - ts_max) > 0.5)
        return typical ? FSQ_ROB_EXTREME_DEVIANT_COVERAGE : FSQ_ROB_IRRELEVANT;
    return FSQ_ROB_UNCLASSIFIED;
}

static int check_membership(const char *what, size_t which, size_t i, double v)
{
    if (v >= 0 && v <= 1)  /* false for NaN */
        return 0;
    if (which == (size_t)-1)
        return fsq__error(FSQ_EINPUT,
                          "robustness: %s of case %zu is %g, not a membership in [0, 1]",
                          what, i + 1, v);
    return fsq__error(FSQ_EINPUT,
                      "robustness: %s %zu of case %zu is %g, not a membership in [0, 1]",
                      what, which + 1, i + 1, v);
}

int fsq_robust_protocol(fsq_robust_fit *fit, const double *is, const double *const *ts,
                        size_t nts, const double *y, size_t ncases, fsq_robust_cases *cases)
{
    int rc = 0;
    fsq_robust_fit r = {0};

    /* 1. Check inputs. */
    if (!fit || !is || !ts || !y || nts == 0 || ncases == 0) {
        rc = fsq__error(FSQ_EINPUT, "robustness: need an initial solution, at least one "
                                    "test solution, the outcome and at least one case");
        goto done;
    }
    for (size_t t = 0; t < nts; t++)
        if (!ts[t]) {
            rc = fsq__error(FSQ_EINPUT, "robustness: test solution %zu is missing", t + 1);
            goto done;
        }
    for (size_t i = 0; i < ncases; i++) {
        if ((rc = check_membership("initial solution", (size_t)-1, i, is[i])) != 0 ||
            (rc = check_membership("outcome", (size_t)-1, i, y[i])) != 0)
            goto done;
        for (size_t t = 0; t < nts; t++)
            if ((rc = check_membership("test solution", t, i, ts[t][i])) != 0)
                goto done;
    }

    /* 2. One pass over the cases: TS_min/TS_max over all test solutions, the
     * sums of the fit measures, and the class of each case. */
    double sum_is = 0, sum_y = 0, sum_is_y = 0, sum_core = 0, sum_core_y = 0;
    double sum_max_min = 0, sum_min_max = 0, sum_max_max = 0;
    for (size_t i = 0; i < ncases; i++) {
        double lo = ts[0][i], hi = ts[0][i];
        for (size_t t = 1; t < nts; t++) {
            lo = min2(lo, ts[t][i]);
            hi = max2(hi, ts[t][i]);
        }
        double core = min2(is[i], lo);
        sum_is += is[i];
        sum_y += y[i];
        sum_is_y += min2(is[i], y[i]);
        sum_core += core;
        sum_core_y += min2(core, y[i]);
        sum_max_min += max2(is[i], lo);
        sum_min_max += min2(is[i], hi);
        sum_max_max += max2(is[i], hi);

        fsq_rob_class c = fsq__robust_classify(is[i], lo, hi, y[i]);
        r.nclass[c]++;
        r.nshaky += min2(is[i], 1 - lo) > 0.5;
        r.npossible += min2(1 - is[i], hi) > 0.5;
        if (cases) {
            if (cases->ts_min)
                cases->ts_min[i] = lo;
            if (cases->ts_max)
                cases->ts_max[i] = hi;
            if (cases->core)
                cases->core[i] = core;
            if (cases->case_class)
                cases->case_class[i] = (unsigned char)c;
        }
    }

    /* 3. Fit measures (rob.fit / rob.corefit) and case ratios (rob.cases). */
    r.ncases = ncases;
    r.incl_is = ratio(sum_is_y, sum_is);
    r.cov_is = ratio(sum_is_y, sum_y);
    r.incl_core = ratio(sum_core_y, sum_core);
    r.cov_core = ratio(sum_core_y, sum_y);
    r.rf_cov = ratio(r.cov_core, r.cov_is);
    r.rf_cons = ratio(r.incl_is, r.incl_core);
    r.rf_sc_min = ratio(sum_core, sum_max_min); /* sum min(IS, TS_min) is the core's sum */
    r.rf_sc_max = ratio(sum_min_max, sum_max_max);
    r.rcr_typ = ratio((double)r.nclass[FSQ_ROB_ROBUST_TYPICAL],
                      (double)(r.nclass[FSQ_ROB_SHAKY_TYPICAL] +
                               r.nclass[FSQ_ROB_POSSIBLE_TYPICAL] +
                               r.nclass[FSQ_ROB_ROBUST_TYPICAL]));
    r.rcr_dev = ratio((double)r.nclass[FSQ_ROB_ROBUST_DEVIANT],
                      (double)(r.nclass[FSQ_ROB_SHAKY_DEVIANT] +
                               r.nclass[FSQ_ROB_POSSIBLE_DEVIANT] +
                               r.nclass[FSQ_ROB_ROBUST_DEVIANT]));
    if (r.nshaky == 0)
        r.rcc_rank = r.npossible == 0 ? 1 : 2;
    else
        r.rcc_rank = r.npossible == 0 ? 3 : 4;
    *fit = r;

done:
    return rc;
}

static const char *const class_names[FSQ_ROB_NCLASSES] = {
    "unclassified",     "robust typical",   "robust deviant",
    "shaky typical",    "shaky deviant",    "possible typical",
    "possible deviant", "extreme deviant coverage", "irrelevant"};

/* SetMethods' names of the intersections: S1 = IS, S2 = the test solution
 * (TS_min for IS-members, TS_max otherwise), lower case = negation, Y/y =
 * outcome above/below 0.5. */
static const char *const class_keys[FSQ_ROB_NCLASSES] = {
    "", "S1S2Y", "S1S2y", "S1s2Y", "S1s2y", "s1S2Y", "s1S2y", "s1s2Y", "s1s2y"};

const char *fsq_robust_class_name(fsq_rob_class c)
{
    return (unsigned)c < FSQ_ROB_NCLASSES ? class_names[c] : NULL;
}

const char *fsq_robust_class_key(fsq_rob_class c)
{
    return (unsigned)c < FSQ_ROB_NCLASSES ? class_keys[c] : NULL;
}

/* rob.singletest: each test solution alone against the IS. With one test
 * solution TS_min = TS_max = TS, so RF_SC_min is its set coincidence. */
int fsq_robust_singletest(const double *is, const double *const *ts, size_t nts, const double *y,
                          size_t ncases, double *sc, int *rank)
{
    for (size_t t = 0; t < nts; t++) {
        fsq_robust_fit fit;
        const double *one[1] = {ts[t]};
        int rc = fsq_robust_protocol(&fit, is, one, 1, y, ncases, NULL);
        if (rc)
            return rc;
        sc[t] = fit.rf_sc_min;
        rank[t] = fit.rcc_rank;
    }
    return 0;
}
