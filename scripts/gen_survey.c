/* gen_survey: the synthetic survey shipped as datasets/survey.csv.
 *
 * Usage: gen_survey [--seed N] [OUT.csv]   writes the CSV (stdout by default)
 *        gen_survey --truth                 prints the planted solution
 *
 * The data are SYNTHETIC. They mirror the design of a study of digital service
 * orientation among the employees of a manufacturer: 534 respondents, 270 in
 * service operations and 264 in service sales, each answering 7-point Likert
 * items (1 = strongly disagree .. 7 = strongly agree) on
 *   TF  technology foresight      AD  adaptability        AG  agility
 *   RB  rule-bending              CF  customer focus
 *   DSO digital service orientation (the outcome).
 *
 * How a respondent is made (all randomness from splitmix64, seed 20240611):
 *   1. Latent memberships in the five condition sets. Each set is "high" for
 *      a respondent with a probability that depends a little on the unit
 *      (operations: AD 0.55, CF 0.45; sales: AD 0.45, CF 0.55; TF, AG, RB 0.5).
 *      A high membership is uniform on [0.65, 1], a low one on [0, 0.35].
 *   2. The planted configurational structure, in fuzzy-set algebra; the two
 *      units share one path and differ in the other:
 *         operations: DSO = (TF AND AG) OR (AD AND NOT RB AND CF)
 *         sales:      DSO = (TF AND AG) OR (AD AND CF)
 *      i.e. dso = max(min(TF, AG), min(AD, 1 - RB, CF)) in operations and
 *      max(min(TF, AG), min(AD, CF)) in sales, on the latent scores: in
 *      operations bending the rules undoes what adaptability and customer
 *      focus achieve, in sales it does not matter. The configurations
 *      positive in both units are those of TF*AG + AD*~RB*CF; AD*RB*CF
 *      outside TF*AG is positive in sales only.
 *      2% of respondents answer the DSO items at random instead (noise
 *      respondents that weaken consistency as real data would).
 *   3. Each Likert item = round(1 + 6 * membership + noise), noise normal with
 *      sd 0.45, clamped to 1..7.
 * With the suggested calibration (direct, logistic, e = 2, c = 4.5, i = 6;
 * no integer answer sits at the crossover, so no membership is exactly 0.5)
 * every one of the 32 configurations is observed, the truth table at
 * incl.cut = 0.8 marks exactly the configurations of the planted structure
 * positive, and the minimization returns TF*AG + AD*~RB*CF; by unit (--by
 * unit, same cut-offs) each unit's own structure. `--truth` prints one line
 * per unit, "operations: ...", "sales: ...", so tests can compare against
 * the generator's own record. (A pooled row's consistency is a mediant of
 * the units' -- sum over both / sum over both -- so a configuration
 * positive in both units is positive pooled; configurations positive in one
 * unit only may go either way, which is why the pooled solution has more
 * terms than the shared TF*AG, and why the study analyses each unit.)
 *
 * Standalone: no dependency on libfsqca. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_OPERATIONS 270
#define N_SALES 264
#define DEFAULT_SEED 20240611u
#define PLANTED_OPERATIONS "TF*AG + AD*~RB*CF"
#define PLANTED_SALES "TF*AG + AD*CF"

enum { TF, AD, AG, RB, CF, NCOND };
static const char *const cond_names[NCOND] = {"TF", "AD", "AG", "RB", "CF"};

/* splitmix64 (Steele, Lea, Flood 2014): a tiny generator with a 64-bit state
 * whose output is fixed for a given seed on every platform. */
static uint64_t rng_state;

static uint64_t splitmix64(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform on [0, 1) with 53 random bits. */
static double uniform(void)
{
    return (double)(splitmix64() >> 11) * 0x1.0p-53;
}

/* Standard normal by Box-Muller (one value per call; simple and exact
 * enough for noise). */
static double normal(void)
{
    double u1 = uniform(), u2 = uniform();
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static double fmin2(double a, double b) { return a < b ? a : b; }
static double fmax2(double a, double b) { return a > b ? a : b; }

static int likert(double membership, double noise_sd)
{
    double v = 1.0 + 6.0 * membership + noise_sd * normal();
    long r = lround(v);
    if (r < 1)
        r = 1;
    if (r > 7)
        r = 7;
    return (int)r;
}

static int write_survey(FILE *out, uint64_t seed)
{
    rng_state = seed;
    fprintf(out, "resp,unit");
    for (int c = 0; c < NCOND; c++)
        fprintf(out, ",%s", cond_names[c]);
    fprintf(out, ",DSO\n");
    for (int r = 0; r < N_OPERATIONS + N_SALES; r++) {
        int sales = r >= N_OPERATIONS;
        double p_high[NCOND] = {0.5, sales ? 0.45 : 0.55, 0.5, 0.5, sales ? 0.55 : 0.45};
        double m[NCOND];
        for (int c = 0; c < NCOND; c++) {
            int high = uniform() < p_high[c];
            double u = uniform();
            m[c] = high ? 0.65 + 0.35 * u : 0.35 * u;
        }
        double second = sales ? fmin2(m[AD], m[CF]) : fmin2(m[AD], fmin2(1.0 - m[RB], m[CF]));
        double dso = fmax2(fmin2(m[TF], m[AG]), second);
        if (uniform() < 0.02)
            dso = uniform();
        fprintf(out, "R%03d,%s", r + 1, sales ? "sales" : "operations");
        for (int c = 0; c < NCOND; c++)
            fprintf(out, ",%d", likert(m[c], 0.45));
        fprintf(out, ",%d\n", likert(dso, 0.45));
    }
    return ferror(out) ? -1 : 0;
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    uint64_t seed = DEFAULT_SEED;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--truth") == 0) {
            printf("operations: %s\nsales: %s\n", PLANTED_OPERATIONS, PLANTED_SALES);
            return 0;
        } else if (strcmp(argv[a], "--seed") == 0 && a + 1 < argc) {
            char *end;
            seed = strtoull(argv[++a], &end, 10);
            if (*end) {
                fprintf(stderr, "gen_survey: --seed expects a number\n");
                return 2;
            }
        } else if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
            printf("Usage: gen_survey [--seed N] [OUT.csv]   (default seed %u, stdout)\n"
                   "       gen_survey --truth                 print the planted structure:\n"
                   "                                          shared, then per unit\n",
                   DEFAULT_SEED);
            return 0;
        } else if (argv[a][0] == '-' && argv[a][1]) {
            fprintf(stderr, "gen_survey: unknown option %s\n", argv[a]);
            return 2;
        } else {
            path = argv[a];
        }
    }
    if (!path || strcmp(path, "-") == 0)
        return write_survey(stdout, seed) == 0 ? 0 : 1;

    /* Write to a temporary name and rename, so a failure leaves no half file. */
    size_t len = strlen(path) + 8;
    char *tmp = malloc(len);
    if (!tmp)
        return 1;
    snprintf(tmp, len, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    int rc = 1;
    if (f) {
        int bad = write_survey(f, seed) != 0;
        bad |= fclose(f) != 0;
        if (!bad && rename(tmp, path) == 0)
            rc = 0;
        else
            remove(tmp);
    }
    if (rc)
        fprintf(stderr, "gen_survey: cannot write %s\n", path);
    free(tmp);
    return rc;
}
