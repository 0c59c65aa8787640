/* Influence matrices (network thinking): the figures, roles, loops and
 * what-if of a hand-worked matrix; Johnson's enumeration against brute
 * force over all vertex sequences; MICMAC against exact integer powers
 * computed here; every input error with its message; the SVGs and JSON. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "robust/rng.h"
#include "test_util.h"

/* The hand-worked model (row influences column):
 *
 *          A  B  C  D    AS
 *     A    0  3  2  1     6
 *     B    0  0  2  0     2
 *     C    1  2  0  2     5
 *     D    0  0  1  0     1
 *     PS   1  5  5  3    total 14, mean 14 / 4 = 3.5
 *
 * Roles: A AS 6 > 3.5, PS 1 <= 3.5: active; B AS 2, PS 5: reactive;
 * C 5 and 5: critical; D 1 and 3: buffering.
 * P = AS x PS: A 6, B 10, C 25, D 3. Q = AS / PS: A 6, B 0.4, C 1, D 1/3.
 * Direct ranks by AS (6, 2, 5, 1): A 1, B 3, C 2, D 4; by PS (1, 5, 5, 3):
 * A 4, B 1, C 1 (tie), D 3.
 * Signs: C -> B and D -> C negative, the rest positive. Delays: A -> B long
 * (3), C -> A medium (2), the rest short (1).
 * Edges: A->B, A->C, A->D, B->C, C->A, C->B, C->D, D->C. Elementary cycles:
 * length 2: A-C, B-C, C-D (B->A, D->A, D->B, B->D do not exist);
 * length 3: A->B->C->A and A->D->C->A (C -> A is the only way back into A,
 * and B, D are not adjacent, so there is no 4-cycle).
 *   A C    : sign + * +       = +1, min(2, 1) = 1, delay max(1, 2) = 2
 *   B C    : sign + * -       = -1, min(2, 2) = 2, delay 1
 *   C D    : sign + * -       = -1, min(2, 1) = 1, delay 1
 *   A B C  : sign + * + * +   = +1, min(3, 2, 1) = 1, delay max(3, 1, 2) = 3
 *   A D C  : sign + * - * +   = -1, min(1, 1, 1) = 1, delay max(1, 1, 2) = 2 */
static const char *const hand_names[] = {"A", "B", "C", "D"};
static const double hand_w[16] = {0, 3, 2, 1, 0, 0, 2, 0, 1, 2, 0, 2, 0, 0, 1, 0};
static const int hand_sign[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, -1, 1, 1, 1, 1, -1, 1};
static const int hand_delay[16] = {1, 3, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1};

static fsq_influence *hand_model(void)
{
    fsq_influence *m = NULL;
    int rc = fsq_influence_new(&m, 4, hand_names, hand_w, hand_sign, hand_delay, "hand");
    ck_assert_msg(rc == 0, "%s", fsq_last_error());
    return m;
}

static fsq_network *analyse(const fsq_influence *m, const fsq_influence_options *o)
{
    fsq_network *net = NULL;
    int rc = fsq_network_analyse(&net, &m, 1, o);
    ck_assert_msg(rc == 0, "%s", fsq_last_error());
    return net;
}

START_TEST(test_influence__hand_matrix_sums_roles_and_ranks)
{
    fsq_influence *m = hand_model();
    fsq_network *net = analyse(m, NULL);
    static const double as[4] = {6, 2, 5, 1}, ps[4] = {1, 5, 5, 3}, p[4] = {6, 10, 25, 3};
    static const double q[4] = {6, 0.4, 1, 1.0 / 3};
    static const fsq_influence_role role[4] = {FSQ_ROLE_ACTIVE, FSQ_ROLE_REACTIVE,
                                               FSQ_ROLE_CRITICAL, FSQ_ROLE_BUFFERING};
    static const size_t infl_rank[4] = {1, 3, 2, 4}, dep_rank[4] = {4, 1, 1, 3};
    ck_assert(fsq_network_total(net) == 14);
    ck_assert(fsq_network_mean(net) == 3.5);
    for (size_t i = 0; i < 4; i++) {
        const fsq_influence_element *e = fsq_network_element(net, i);
        ck_assert(e->active_sum == as[i]);
        ck_assert(e->passive_sum == ps[i]);
        ck_assert(e->product == p[i]);
        ck_assert(fsq_test_close(e->quotient, q[i], 1e-15));
        ck_assert_int_eq(e->role, role[i]);
        ck_assert_uint_eq(e->direct_influence_rank, infl_rank[i]);
        ck_assert_uint_eq(e->direct_dependence_rank, dep_rank[i]);
    }
    ck_assert_str_eq(fsq_influence_role_name(FSQ_ROLE_BUFFERING), "buffering");
    fsq_network_free(net);
    fsq_influence_free(m);
}
END_TEST

START_TEST(test_influence__hand_matrix_loops_signs_intensities_delays)
{
    static const size_t want[5][3] = {{0, 2}, {1, 2}, {2, 3}, {0, 1, 2}, {0, 3, 2}};
    static const size_t len[5] = {2, 2, 2, 3, 3};
    static const int sign[5] = {1, -1, -1, 1, -1}, delay[5] = {2, 1, 1, 3, 2};
    static const double min[5] = {1, 2, 1, 1, 1};
    fsq_influence *m = hand_model();
    fsq_network *net = analyse(m, NULL);
    ck_assert_uint_eq(fsq_network_nloops(net), 5);
    ck_assert(fsq_network_loops_complete(net));
    for (size_t l = 0; l < 5; l++) {
        const fsq_influence_loop *lp = fsq_network_loop(net, l);
        ck_assert_uint_eq(lp->length, len[l]);
        for (size_t k = 0; k < len[l]; k++)
            ck_assert_uint_eq(lp->elements[k], want[l][k]);
        ck_assert_int_eq(lp->sign, sign[l]);
        ck_assert_int_eq(lp->delay, delay[l]);
        ck_assert(lp->min_intensity == min[l]);
    }
    fsq_network_free(net);
    /* --max-loop 2 keeps the three 2-cycles only. */
    fsq_influence_options o = FSQ_INFLUENCE_OPTIONS_INIT;
    o.max_loop = 2;
    net = analyse(m, &o);
    ck_assert_uint_eq(fsq_network_nloops(net), 3);
    fsq_network_free(net);
    fsq_influence_free(m);
}
END_TEST

/* The impulse A = +1 on the hand matrix. AS_max = 6, so an influence passes
 * sign x w / 6 of a change, after its delay (A -> B 3 steps, C -> A 2).
 *   step 0: A 1
 *   step 1: C += 2/6 * 1 = 1/3 (A -> C), D += 1/6 (A -> D)
 *   step 2: from the step-1 changes: C -> B -2/6 * 1/3 = -1/9,
 *           C -> D 2/6 * 1/3 = 1/9, D -> C -1/6 * 1/6 = -1/36;
 *           C -> A needs a change of C at step 0: none.
 *   levels after step 2: A 1, B -1/9, C 1/3 - 1/36 = 11/36, D 1/6 + 1/9 = 5/18
 *   step 3: A += 1/6 * 1/3 (C -> A, from step 1) = 1/18; B += 3/6 * 1
 *           (A -> B, from step 0) + (-2/6)(-1/36) (C -> B) = 1/2 + 1/108;
 *           so B after step 3 = -1/9 + 1/2 + 1/108 = 43/108. */
START_TEST(test_influence__impulse_follows_the_pulse_process_by_hand)
{
    fsq_influence *m = hand_model();
    double impulse[4] = {1, 0, 0, 0};
    fsq_influence_options o = FSQ_INFLUENCE_OPTIONS_INIT;
    o.impulse = impulse;
    o.steps = 3;
    fsq_network *net = analyse(m, &o);
    size_t steps;
    const double *x = fsq_network_trajectory(net, &steps);
    ck_assert_uint_eq(steps, 3);
    const double want2[4] = {1, -1.0 / 9, 11.0 / 36, 5.0 / 18};
    for (size_t i = 0; i < 4; i++) {
        ck_assert(x[0 * 4 + i] == (i == 0));
        ck_assert_msg(fsq_test_close(x[2 * 4 + i], want2[i], 1e-14), "element %zu: %g", i,
                      x[2 * 4 + i]);
    }
    ck_assert(fsq_test_close(x[3 * 4 + 0], 1 + 1.0 / 18, 1e-14));
    ck_assert(fsq_test_close(x[3 * 4 + 1], 43.0 / 108, 1e-14));
    fsq_network_free(net);
    /* Without an impulse there is no trajectory. */
    net = analyse(m, NULL);
    ck_assert_ptr_null(fsq_network_trajectory(net, NULL));
    fsq_network_free(net);
    fsq_influence_free(m);
}
END_TEST

/* The random graphs come from the project's splitmix64, seeded here. */
static uint64_t rng_state;
static uint64_t next_random(void)
{
    return fsq__splitmix64(&rng_state);
}

static fsq_influence *random_model(size_t n, unsigned density_pct, int max_w)
{
    char names[8][24];
    const char *np[8];
    double w[64];
    int sign[64], delay[64];
    for (size_t i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "E%zu", i);
        np[i] = names[i];
    }
    for (size_t c = 0; c < n * n; c++) {
        int on = c / n != c % n && next_random() % 100 < density_pct;
        w[c] = on ? (double)(1 + next_random() % (unsigned)max_w) : 0;
        sign[c] = next_random() % 3 == 0 ? -1 : 1;
        delay[c] = 1 + (int)(next_random() % 3);
    }
    fsq_influence *m = NULL;
    ck_assert(fsq_influence_new(&m, n, np, w, sign, delay, "random") == 0);
    return m;
}

/* Brute force: every sequence v0 < v1..vk-1 (v0 the smallest, the others
 * distinct and in any order) with edges along it and back to v0, for
 * k = 2 .. L, in the library's order (by length, then lexicographic). */
typedef struct {
    size_t len, v[8];
} seq;

static void brute(const fsq_influence *m, size_t n, size_t k, size_t *cur, size_t depth,
                  unsigned used, seq *out, size_t *nout)
{
    if (depth == k) {
        if (fsq_influence_intensity(m, cur[k - 1], cur[0]) > 0) {
            out[*nout].len = k;
            memcpy(out[*nout].v, cur, k * sizeof *cur);
            (*nout)++;
        }
        return;
    }
    for (size_t v = cur[0] + 1; v < n; v++)
        if (!(used & (1u << v)) && fsq_influence_intensity(m, cur[depth - 1], v) > 0) {
            cur[depth] = v;
            brute(m, n, k, cur, depth + 1, used | (1u << v), out, nout);
        }
}

START_TEST(test_influence__johnson_matches_brute_force_on_random_graphs)
{
    /* At most sum_k C(8,k) (k-1)! = 8018 cycles on 8 vertices. */
    seq *want = malloc(9000 * sizeof *want);
    rng_state = 12345;
    size_t total = 0;
    for (int g = 0; g < 200; g++) {
        size_t n = 1 + next_random() % 8, max_loop = 2 + next_random() % 8;
        unsigned density = (unsigned)(10 + next_random() % 91);
        fsq_influence *m = random_model(n, density, 3);
        size_t nwant = 0, cur[8];
        for (size_t k = 2; k <= max_loop && k <= n; k++)
            for (size_t s = 0; s < n; s++) {
                cur[0] = s;
                brute(m, n, k, cur, 1, 1u << s, want, &nwant);
            }
        /* brute() emits by length, then by start, then in lexicographic
         * order of the rest: exactly the documented sort. */
        fsq_influence_options o = FSQ_INFLUENCE_OPTIONS_INIT;
        o.max_loop = max_loop;
        fsq_network *net = analyse(m, &o);
        ck_assert_msg(fsq_network_nloops(net) == nwant, "graph %d (n %zu, L %zu): %zu loops, "
                      "brute force %zu", g, n, max_loop, fsq_network_nloops(net), nwant);
        ck_assert(fsq_network_loops_complete(net));
        for (size_t l = 0; l < nwant; l++) {
            const fsq_influence_loop *lp = fsq_network_loop(net, l);
            ck_assert_uint_eq(lp->length, want[l].len);
            int sign = 1, delay = 0;
            double min = INFINITY;
            for (size_t k = 0; k < lp->length; k++) {
                size_t a = want[l].v[k], b = want[l].v[(k + 1) % lp->length];
                ck_assert_uint_eq(lp->elements[k], a);
                sign *= fsq_influence_sign(m, a, b);
                if (fsq_influence_delay(m, a, b) > delay)
                    delay = fsq_influence_delay(m, a, b);
                if (fsq_influence_intensity(m, a, b) < min)
                    min = fsq_influence_intensity(m, a, b);
            }
            ck_assert_int_eq(lp->sign, sign);
            ck_assert_int_eq(lp->delay, delay);
            ck_assert(lp->min_intensity == min);
        }
        total += nwant;
        fsq_network_free(net);
        fsq_influence_free(m);
    }
    ck_assert_uint_gt(total, 1000); /* the graphs did have cycles */
    free(want);
}
END_TEST

START_TEST(test_influence__loop_limit_says_the_list_is_incomplete)
{
    /* The complete graph on 5 vertices has C(5,2) 1! + C(5,3) 2! + C(5,4) 3! +
     * C(5,5) 4! = 10 + 20 + 30 + 24 = 84 elementary cycles. */
    const char *names[5] = {"a", "b", "c", "d", "e"};
    double w[25];
    for (size_t c = 0; c < 25; c++)
        w[c] = c / 5 != c % 5;
    fsq_influence *m = NULL;
    ck_assert(fsq_influence_new(&m, 5, names, w, NULL, NULL, NULL) == 0);
    fsq_influence_options o = FSQ_INFLUENCE_OPTIONS_INIT;
    o.max_loops = 84;
    fsq_network *net = analyse(m, &o);
    ck_assert_uint_eq(fsq_network_nloops(net), 84);
    ck_assert(fsq_network_loops_complete(net));
    fsq_network_free(net);
    o.max_loops = 83;
    net = analyse(m, &o);
    ck_assert_uint_eq(fsq_network_nloops(net), 83);
    ck_assert(!fsq_network_loops_complete(net));
    fsq_network_free(net);
    fsq_influence_free(m);
}
END_TEST

/* MICMAC oracle: exact integer powers M^k, row and column sums, ranks by
 * the documented rule (score s_k beats s_i when s_k - s_i > 1e-12 s_i), the
 * first k >= 2 whose ranks equal those of k - 1. */
static void oracle_ranks(const uint64_t *p, size_t n, size_t *row_rank, size_t *col_rank,
                         int *zero)
{
    long double row[8] = {0}, col[8] = {0};
    *zero = 1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            row[i] += (long double)p[i * n + j];
            col[j] += (long double)p[i * n + j];
            *zero &= p[i * n + j] == 0;
        }
    for (size_t i = 0; i < n; i++) {
        row_rank[i] = col_rank[i] = 1;
        for (size_t k = 0; k < n; k++) {
            row_rank[i] += row[k] - row[i] > 1e-12L * row[i];
            col_rank[i] += col[k] - col[i] > 1e-12L * col[i];
        }
    }
}

START_TEST(test_influence__micmac_matches_exact_matrix_powers)
{
    rng_state = 777;
    const size_t max_power = 10; /* entries <= (3 x 5)^10 < 2^40: exact everywhere */
    size_t nstable = 0, nnil = 0, nlimit = 0;
    for (int g = 0; g < 200; g++) {
        size_t n = 2 + next_random() % 5;
        fsq_influence *m = random_model(n, (unsigned)(15 + next_random() % 70), 3);
        uint64_t a[64], p[64], q[64];
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++)
                a[i * n + j] = (uint64_t)fsq_influence_intensity(m, i, j);
        memcpy(p, a, sizeof a);
        size_t rr[8], cr[8], prr[8], pcr[8], power = 1;
        int zero, status = FSQ_MICMAC_LIMIT;
        oracle_ranks(p, n, rr, cr, &zero);
        if (zero)
            status = FSQ_MICMAC_NILPOTENT;
        for (size_t k = 2; k <= max_power && !zero; k++) {
            for (size_t i = 0; i < n; i++)
                for (size_t j = 0; j < n; j++) {
                    q[i * n + j] = 0;
                    for (size_t l = 0; l < n; l++)
                        q[i * n + j] += p[i * n + l] * a[l * n + j];
                }
            memcpy(prr, rr, sizeof rr);
            memcpy(pcr, cr, sizeof cr);
            size_t tr[8], tc[8];
            oracle_ranks(q, n, tr, tc, &zero);
            if (zero) {
                status = FSQ_MICMAC_NILPOTENT;
                break;
            }
            memcpy(rr, tr, sizeof tr);
            memcpy(cr, tc, sizeof tc);
            memcpy(p, q, sizeof q);
            power = k;
            if (!memcmp(rr, prr, n * sizeof *rr) && !memcmp(cr, pcr, n * sizeof *cr)) {
                status = FSQ_MICMAC_STABLE;
                break;
            }
        }
        fsq_influence_options o = FSQ_INFLUENCE_OPTIONS_INIT;
        o.max_power = max_power;
        o.max_loop = 0;
        fsq_network *net = analyse(m, &o);
        fsq_micmac_status st;
        ck_assert_uint_eq(fsq_network_micmac_power(net, &st), power);
        ck_assert_int_eq(st, status);
        long double total = 0;
        for (size_t c = 0; c < n * n; c++)
            total += (long double)p[c];
        for (size_t i = 0; i < n; i++) {
            const fsq_influence_element *e = fsq_network_element(net, i);
            ck_assert_uint_eq(e->micmac_influence_rank, rr[i]);
            ck_assert_uint_eq(e->micmac_dependence_rank, cr[i]);
            long double row = 0;
            for (size_t j = 0; j < n; j++)
                row += (long double)p[i * n + j];
            if (total > 0)
                ck_assert(fsq_test_close(e->micmac_influence, (double)(row / total), 1e-12));
        }
        nstable += st == FSQ_MICMAC_STABLE;
        nnil += st == FSQ_MICMAC_NILPOTENT;
        nlimit += st == FSQ_MICMAC_LIMIT;
        fsq_network_free(net);
        fsq_influence_free(m);
    }
    ck_assert_uint_gt(nstable, 50);
    ck_assert_uint_gt(nnil, 0);
}
END_TEST

START_TEST(test_influence__micmac_nilpotent_and_periodic_cases)
{
    /* A chain a -> b -> c: M^2 has only a -> c, M^3 = 0, so power 2 is
     * the last nonzero one: influence a 1, b 0, c 0 (ranks 1, 2, 2). */
    const char *names[3] = {"a", "b", "c"};
    double chain[9] = {0, 1, 0, 0, 0, 1, 0, 0, 0};
    fsq_influence *m = NULL;
    ck_assert(fsq_influence_new(&m, 3, names, chain, NULL, NULL, NULL) == 0);
    fsq_network *net = analyse(m, NULL);
    fsq_micmac_status st;
    ck_assert_uint_eq(fsq_network_micmac_power(net, &st), 2);
    ck_assert_int_eq(st, FSQ_MICMAC_NILPOTENT);
    ck_assert_uint_eq(fsq_network_element(net, 0)->micmac_influence_rank, 1);
    ck_assert_uint_eq(fsq_network_element(net, 1)->micmac_influence_rank, 2);
    ck_assert(fsq_network_element(net, 0)->micmac_influence == 1);
    /* a has no incoming influence: Q is undefined. */
    ck_assert(isnan(fsq_network_element(net, 0)->quotient));
    ck_assert_uint_eq(fsq_network_nloops(net), 0);
    fsq_network_free(net);
    fsq_influence_free(m);
    /* a <-> b with weights 1 and 2: row sums alternate (1, 2), (2, 2), (2, 4),
     * (4, 4), ... so the ranking never settles: the limit is reported. */
    double two[4] = {0, 1, 2, 0};
    ck_assert(fsq_influence_new(&m, 2, names, two, NULL, NULL, NULL) == 0);
    fsq_influence_options o = FSQ_INFLUENCE_OPTIONS_INIT;
    o.max_power = 9;
    net = analyse(m, &o);
    ck_assert_uint_eq(fsq_network_micmac_power(net, &st), 9);
    ck_assert_int_eq(st, FSQ_MICMAC_LIMIT);
    fsq_network_free(net);
    fsq_influence_free(m);
}
END_TEST

/* ---- CSV input and its errors --------------------------------------------- */

static char tmpdir[64];

static const char *put(const char *name, const char *text)
{
    static char path[8][128];
    static int slot;
    char *p = path[slot++ % 8];
    snprintf(p, 128, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/check_influence.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Reading fails with FSQ_EINPUT and "<dir>/<file><message>". */
static void expect_error(const char *m, const char *s, const char *d, const char *file,
                         const char *message)
{
    fsq_influence *model = NULL;
    ck_assert_int_eq(fsq_influence_read_csv(&model, m, s, d), FSQ_EINPUT);
    ck_assert_ptr_null(model);
    char want[512];
    snprintf(want, sizeof want, "%s/%s%s", tmpdir, file, message);
    ck_assert_str_eq(fsq_last_error(), want);
}

START_TEST(test_influence__csv_reads_matrix_signs_and_delays)
{
    const char *m = put("m.csv", "\"\";A;B;C\nA;;3;0\nB;1;;2\nC;0;1;0\n");
    const char *s = put("s.csv", ",A,B,C\nA,,-,\nB,+1,,-1\nC,0,+,\n");
    const char *d = put("d.csv", ",A,B,C\nA,,Long,\nB,1,,medium\nC,,s,\n");
    fsq_influence *model = NULL;
    int rc = fsq_influence_read_csv(&model, m, s, d);
    ck_assert_msg(rc == 0, "%s", fsq_last_error());
    ck_assert_uint_eq(fsq_influence_size(model), 3);
    ck_assert_str_eq(fsq_influence_name(model, 2), "C");
    ck_assert(fsq_influence_intensity(model, 0, 1) == 3);
    ck_assert(fsq_influence_intensity(model, 0, 0) == 0); /* empty diagonal */
    ck_assert_int_eq(fsq_influence_sign(model, 0, 1), -1);
    ck_assert_int_eq(fsq_influence_sign(model, 1, 0), 1);
    ck_assert_int_eq(fsq_influence_sign(model, 1, 2), -1);
    ck_assert_int_eq(fsq_influence_delay(model, 0, 1), 3);
    ck_assert_int_eq(fsq_influence_delay(model, 1, 2), 2);
    ck_assert_int_eq(fsq_influence_delay(model, 2, 1), 1);
    fsq_influence_free(model);
    /* Without sign and delay files: all positive and short. */
    ck_assert(fsq_influence_read_csv(&model, m, NULL, NULL) == 0);
    ck_assert_int_eq(fsq_influence_sign(model, 0, 1), 1);
    ck_assert_int_eq(fsq_influence_delay(model, 0, 1), 1);
    fsq_influence_free(model);
    /* Numeric element names under a named header cell. */
    m = put("n.csv", "id,1,2\n1,0,2\n2,1,0\n");
    ck_assert_msg(fsq_influence_read_csv(&model, m, NULL, NULL) == 0, "%s", fsq_last_error());
    ck_assert_str_eq(fsq_influence_name(model, 1), "2");
    fsq_influence_free(model);
}
END_TEST

START_TEST(test_influence__every_input_error_names_file_line_column_and_value)
{
    /* The intensity matrix alone: file, text, message after "file". */
    static const char *const cases[][3] = {
        {"wide.csv", "x,A,B,C\nA,0,1,2\nB,1,0,2\n",
         ":1:4: the matrix is not square: 3 element columns but 2 rows (column \"C\" has no row)"},
        {"long.csv", "x,A,B\nA,0,1\nB,1,0\nC,1,1\n",
         ":4:1: the matrix is not square: 2 element columns but 3 rows (row \"C\" has no column)"},
        {"names.csv", "x,A,B\nA,0,1\nC,1,0\n",
         ":3:1: row 2 is \"C\" but column 3 of the header is \"B\" (rows and columns must name "
         "the elements in the same order)"},
        {"self.csv", "x,A,B\nA,2,1\nB,1,0\n",
         ":2:2: the self-influence of \"A\" must be 0, got \"2\""},
        {"text.csv", "x,A,B\nA,0,lots\nB,1,0\n",
         ":2:3: expected an intensity (a number >= 0), got \"lots\""},
        {"neg.csv", "x,A,B\nA,0,-1\nB,1,0\n",
         ":2:3: the intensity of \"A\" on \"B\" must not be negative, got \"-1\""},
        {"hole.csv", "x,A,B\nA,0,\nB,1,0\n",
         ":2:3: missing intensity of \"A\" on \"B\" (write 0 for no influence)"},
        {"none.csv", "x\n", ":1: the header names no elements"},
        /* The CSV reader's own errors (here a ragged row) keep their form. */
        {"ragged.csv", "x,A,B\nA,0,1\nB,1\n", ":3: expected 3 fields as in the header, found 2"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++)
        expect_error(put(cases[c][0], cases[c][1]), NULL, NULL, cases[c][0], cases[c][2]);

    const char *m;
    m = put("m.csv", "x,A,B\nA,0,2\nB,1,0\n");
    const char *s = put("sbad.csv", "x,A,B\nA,,+\nB,up,\n");
    expect_error(m, s, NULL, "sbad.csv", ":3:2: expected a sign (+1, -1, + or -), got \"up\"");
    s = put("snone.csv", "x,A,B\nA,,+\nB,,\n");
    char msg[256];
    snprintf(msg, sizeof msg, ":3:2: the influence of \"B\" on \"A\" (intensity 1 in %s) has no "
             "sign", m);
    expect_error(m, s, NULL, "snone.csv", msg);
    s = put("sname.csv", "x,A,C\nA,,+\nC,+,\n");
    snprintf(msg, sizeof msg, ":1:3: element \"C\" should be \"B\" as in %s (every matrix must "
             "name the same elements in the same order)", m);
    expect_error(m, s, NULL, "sname.csv", msg);
    s = put("ssize.csv", "x,A\nA,\n");
    snprintf(msg, sizeof msg, ":1: 1 elements, but %s has 2", m);
    expect_error(m, s, NULL, "ssize.csv", msg);
    const char *d = put("dbad.csv", "x,A,B\nA,,short\nB,4,\n");
    expect_error(m, NULL, d, "dbad.csv", ":3:2: expected a delay (1, 2, 3 or short, medium, "
                 "long), got \"4\"");
    d = put("dnone.csv", "x,A,B\nA,,\nB,long,\n");
    snprintf(msg, sizeof msg, ":2:3: the influence of \"A\" on \"B\" (intensity 2 in %s) has no "
             "delay", m);
    expect_error(m, NULL, d, "dnone.csv", msg);
}
END_TEST

START_TEST(test_influence__array_constructor_checks_its_input)
{
    const char *names[2] = {"A", "B"}, *dup[2] = {"A", "A"};
    double w[4] = {0, 1, 1, 0}, self[4] = {1, 1, 1, 0}, neg[4] = {0, -2, 1, 0};
    int sign[4] = {1, 0, 1, 1}, delay[4] = {1, 4, 1, 1};
    fsq_influence *m = NULL;
    ck_assert_int_eq(fsq_influence_new(&m, 2, dup, w, NULL, NULL, "x"), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "x: element \"A\" is named twice (1 and 2)");
    ck_assert_int_eq(fsq_influence_new(&m, 2, names, self, NULL, NULL, "x"), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "x: the self-influence of A must be 0, got 1");
    ck_assert_int_eq(fsq_influence_new(&m, 2, names, neg, NULL, NULL, "x"), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "x: the intensity of A on B must be a number >= 0, got -2");
    ck_assert_int_eq(fsq_influence_new(&m, 2, names, w, sign, NULL, "x"), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "x: the sign of A on B must be +1 or -1, got 0");
    ck_assert_int_eq(fsq_influence_new(&m, 2, names, w, NULL, delay, "x"), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "x: the delay of A on B must be 1, 2 or 3, got 4");
    ck_assert_int_eq(fsq_influence_new(&m, 0, names, w, NULL, NULL, "x"), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "x: the model has no elements");
    ck_assert_ptr_null(m);
}
END_TEST

/* ---- several cases ---------------------------------------------------------- */

START_TEST(test_influence__several_cases_mean_median_and_roles)
{
    /* Three cases of a 3-element model; cell a -> b is 1, 2, 3 (mean 2,
     * median 2), b -> c 0, 0, 3 (mean 1, median 0), c -> a 3, 3, 0 (mean 2,
     * median 3), a -> c 0, 2, 2 (mean 4/3, median 2).
     * Case 1: a->b 1, c->a 3: AS (1, 0, 3), PS (3, 1, 0), mean 4/3:
     *   a: AS 1 low, PS 3 high -> reactive; b: buffering; c: active.
     * Case 3: a->b 3, b->c 3, a->c 2: AS (5, 3, 0), PS (0, 3, 5), mean 8/3:
     *   a active, b critical, c reactive. */
    const char *names[3] = {"a", "b", "c"};
    double w[3][9] = {{0, 1, 0, 0, 0, 0, 3, 0, 0},
                      {0, 2, 2, 0, 0, 0, 3, 0, 0},
                      {0, 3, 2, 0, 0, 3, 0, 0, 0}};
    fsq_influence *m[3];
    const char *src[3] = {"one", "two", "three"};
    for (int c = 0; c < 3; c++)
        ck_assert(fsq_influence_new(&m[c], 3, names, w[c], NULL, NULL, src[c]) == 0);
    fsq_network *net = NULL;
    ck_assert(fsq_network_analyse(&net, (const fsq_influence *const *)m, 3, NULL) == 0);
    const fsq_influence *mean = fsq_network_matrix(net), *median = fsq_network_median(net);
    ck_assert(fsq_influence_intensity(mean, 0, 1) == 2);
    ck_assert(fsq_influence_intensity(median, 0, 1) == 2);
    ck_assert(fsq_influence_intensity(mean, 1, 2) == 1);
    ck_assert(fsq_influence_intensity(median, 1, 2) == 0);
    ck_assert(fsq_influence_intensity(mean, 2, 0) == 2);
    ck_assert(fsq_influence_intensity(median, 2, 0) == 3);
    ck_assert(fsq_test_close(fsq_influence_intensity(mean, 0, 2), 4.0 / 3, 1e-15));
    ck_assert(fsq_influence_intensity(median, 0, 2) == 2);
    ck_assert_uint_eq(fsq_network_ncases(net), 3);
    ck_assert_str_eq(fsq_network_case_source(net, 2), "three");
    ck_assert_int_eq(fsq_network_case_element(net, 0, 0)->role, FSQ_ROLE_REACTIVE);
    ck_assert_int_eq(fsq_network_case_element(net, 0, 1)->role, FSQ_ROLE_BUFFERING);
    ck_assert_int_eq(fsq_network_case_element(net, 0, 2)->role, FSQ_ROLE_ACTIVE);
    ck_assert_int_eq(fsq_network_case_element(net, 2, 0)->role, FSQ_ROLE_ACTIVE);
    ck_assert_int_eq(fsq_network_case_element(net, 2, 1)->role, FSQ_ROLE_CRITICAL);
    ck_assert_int_eq(fsq_network_case_element(net, 2, 2)->role, FSQ_ROLE_REACTIVE);
    /* The JSON carries the per-case roles and both matrices. */
    char *json = NULL;
    ck_assert(fsq_network_to_json(net, &json, NULL) == 0);
    cJSON *root = cJSON_Parse(json);
    ck_assert_ptr_nonnull(root);
    cJSON *roles = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "case_roles"), "b");
    ck_assert_str_eq(cJSON_GetArrayItem(roles, 2)->valuestring, "critical");
    cJSON *med = cJSON_GetObjectItem(root, "median_matrix");
    ck_assert(cJSON_GetArrayItem(cJSON_GetArrayItem(med, 2), 0)->valuedouble == 3);
    cJSON_Delete(root);
    free(json);
    fsq_network_free(net);

    /* Cases that disagree: other names, or opposite signs of one influence. */
    const char *other[3] = {"a", "x", "c"};
    fsq_influence *bad = NULL;
    ck_assert(fsq_influence_new(&bad, 3, other, w[0], NULL, NULL, "bad") == 0);
    const fsq_influence *pair[2] = {m[0], bad};
    ck_assert_int_eq(fsq_network_analyse(&net, pair, 2, NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "bad: element 2 is \"x\", but in one it is \"b\" (every "
                     "case must list the same elements in the same order)");
    fsq_influence_free(bad);
    int sign[9] = {1, -1, 1, 1, 1, 1, 1, 1, 1};
    ck_assert(fsq_influence_new(&bad, 3, names, w[1], sign, NULL, "neg") == 0);
    pair[1] = bad;
    ck_assert_int_eq(fsq_network_analyse(&net, pair, 2, NULL), FSQ_EINPUT);
    ck_assert_str_eq(fsq_last_error(), "neg: the influence of a on b has sign -1 and delay 1, "
                     "but in one sign +1 and delay 1 (cases must agree on how an element acts)");
    fsq_influence_free(bad);
    for (int c = 0; c < 3; c++)
        fsq_influence_free(m[c]);
}
END_TEST

/* ---- output ------------------------------------------------------------------- */

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

START_TEST(test_influence__svgs_have_one_point_per_element_and_escape_names)
{
    const char *names[4] = {"R&D", "<Sales>", "\"Q\"", "D"};
    fsq_influence *m = NULL;
    ck_assert(fsq_influence_new(&m, 4, names, hand_w, hand_sign, hand_delay, "a&b.csv") == 0);
    fsq_network *net = analyse(m, NULL);
    char *svg = NULL, *graph = NULL;
    size_t len;
    ck_assert(fsq_network_role_map_svg(net, &svg, &len) == 0);
    ck_assert_uint_eq(strlen(svg), len);
    ck_assert_uint_eq(count(svg, "<circle"), 4);
    ck_assert_uint_eq(count(svg, "</circle>"), 4);
    ck_assert_ptr_nonnull(strstr(svg, "R&amp;D"));
    ck_assert_ptr_nonnull(strstr(svg, "&lt;Sales&gt;"));
    ck_assert_ptr_null(strstr(svg, "<Sales>"));
    ck_assert_ptr_nonnull(strstr(svg, ">critical</text>")); /* the quadrant names */
    ck_assert_ptr_nonnull(strstr(svg, ">buffering</text>"));
    ck_assert_uint_eq(count(svg, "<svg"), 1);
    ck_assert_uint_eq(count(svg, "</svg>"), 1);
    ck_assert(fsq_network_graph_svg(net, &graph, &len) == 0);
    ck_assert_uint_eq(count(graph, "<circle"), 4);
    /* One arrow per influence (8), two of them dashed (C -> B, D -> C). */
    ck_assert_uint_eq(count(graph, "marker-end="), 8);
    ck_assert_uint_eq(count(graph, "<path fill=\"none\" stroke=\"#c0392b\""), 2);
    /* Well-formed: xmllint when the machine has it. */
    if (access("/usr/bin/xmllint", X_OK) == 0) {
        FILE *f = fopen("/tmp/check_influence_map.svg", "w");
        fputs(svg, f);
        fclose(f);
        f = fopen("/tmp/check_influence_graph.svg", "w");
        fputs(graph, f);
        fclose(f);
        ck_assert_int_eq(system("xmllint --noout /tmp/check_influence_map.svg "
                                "/tmp/check_influence_graph.svg"), 0);
        unlink("/tmp/check_influence_map.svg");
        unlink("/tmp/check_influence_graph.svg");
    }
    free(svg);
    free(graph);
    fsq_network_free(net);
    fsq_influence_free(m);
}
END_TEST

START_TEST(test_influence__json_has_the_documented_fields)
{
    const char *names[3] = {"a", "b", "c"};
    double chain[9] = {0, 1, 0, 0, 0, 1, 0, 0, 0};
    fsq_influence *m = NULL;
    ck_assert(fsq_influence_new(&m, 3, names, chain, NULL, NULL, "chain") == 0);
    fsq_network *net = analyse(m, NULL);
    char *json = NULL;
    ck_assert(fsq_network_to_json(net, &json, NULL) == 0);
    cJSON *root = cJSON_Parse(json);
    ck_assert_ptr_nonnull(root);
    cJSON *el = cJSON_GetObjectItem(root, "elements");
    ck_assert_int_eq(cJSON_GetArraySize(el), 3);
    cJSON *a = cJSON_GetArrayItem(el, 0);
    ck_assert_str_eq(cJSON_GetObjectItem(a, "name")->valuestring, "a");
    ck_assert(cJSON_GetObjectItem(a, "active_sum")->valuedouble == 1);
    ck_assert(cJSON_GetObjectItem(a, "passive_sum")->valuedouble == 0);
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(a, "quotient"))); /* PS = 0 */
    ck_assert(cJSON_GetObjectItem(cJSON_GetArrayItem(el, 1), "quotient")->valuedouble == 1);
    /* mean 2/3: a AS 1 > 2/3, PS 0 -> active; b 1, 1 -> critical; c PS 1 -> reactive */
    ck_assert_str_eq(cJSON_GetObjectItem(a, "role")->valuestring, "active");
    ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(el, 1), "role")->valuestring,
                     "critical");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root, "loops")), 0);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(root, "loops_complete")));
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(root, "impulse")));
    ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "micmac"), "status")
                         ->valuestring, "nilpotent");
    cJSON_Delete(root);
    free(json);
    fsq_network_free(net);
    fsq_influence_free(m);

    m = hand_model();
    net = analyse(m, NULL);
    ck_assert(fsq_network_to_json(net, &json, NULL) == 0);
    root = cJSON_Parse(json);
    cJSON *loop = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "loops"), 4); /* A D C */
    ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(loop, "elements"), 1)->valuestring,
                     "D");
    ck_assert_int_eq(cJSON_GetObjectItem(loop, "length")->valueint, 3);
    ck_assert_int_eq(cJSON_GetObjectItem(loop, "sign")->valueint, -1);
    ck_assert_int_eq(cJSON_GetObjectItem(loop, "delay")->valueint, 2);
    ck_assert(cJSON_GetObjectItem(loop, "min_intensity")->valuedouble == 1);
    cJSON_Delete(root);
    free(json);
    fsq_network_free(net);
    fsq_influence_free(m);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("influence");
    TCase *tc = tcase_create("influence");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_influence__hand_matrix_sums_roles_and_ranks);
    tcase_add_test(tc, test_influence__hand_matrix_loops_signs_intensities_delays);
    tcase_add_test(tc, test_influence__impulse_follows_the_pulse_process_by_hand);
    tcase_add_test(tc, test_influence__johnson_matches_brute_force_on_random_graphs);
    tcase_add_test(tc, test_influence__loop_limit_says_the_list_is_incomplete);
    tcase_add_test(tc, test_influence__micmac_matches_exact_matrix_powers);
    tcase_add_test(tc, test_influence__micmac_nilpotent_and_periodic_cases);
    tcase_add_test(tc, test_influence__csv_reads_matrix_signs_and_delays);
    tcase_add_test(tc, test_influence__every_input_error_names_file_line_column_and_value);
    tcase_add_test(tc, test_influence__array_constructor_checks_its_input);
    tcase_add_test(tc, test_influence__several_cases_mean_median_and_roles);
    tcase_add_test(tc, test_influence__svgs_have_one_point_per_element_and_escape_names);
    tcase_add_test(tc, test_influence__json_has_the_documented_fields);
    suite_add_tcase(s, tc);
    return fsq_test_run_suite(s);
}
