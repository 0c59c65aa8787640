/* Tests of fsq_minimize_sets in cube mode (src/prime/prime_cubes.c): PLA
 * problems whose cubes hold far too many points to enumerate.
 *
 * Oracles:
 *   - Hand-worked functions embedded in 40 inputs: the extra inputs are
 *     free in every cube, so the primes and minimum covers are those of the
 *     small function with dashes added (worked by hand below; QCA's order by
 *     the rule in src/prime/prime.h).
 *   - Random small problems (k <= 5) embedded at random positions in 40
 *     inputs, against the same problem solved in point mode, which
 *     check_pla.c checks against a brute-force minimizer; and against a
 *     brute-force evaluation of the function at all 2^k points (every PI
 *     avoids OFF, every model covers ON).
 */
#include "fsqca/fsqca.h"
#include "test_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BIG 40

static void cube_from(const char *s, unsigned char *out)
{
    for (size_t j = 0; s[j]; j++)
        out[j] = s[j] == '-' ? FSQ_DASH : (unsigned char)(s[j] - '0');
}

static void cube_to(const unsigned char *c, size_t k, char *out)
{
    for (size_t j = 0; j < k; j++)
        out[j] = c[j] == FSQ_DASH ? '-' : (char)('0' + c[j]);
    out[k] = '\0';
}

/* "ab-" at inputs 0..2 of BIG, the rest free. */
static void big_cube(const char *small, unsigned char *out)
{
    memset(out, FSQ_DASH, BIG);
    cube_from(small, out);
}

static void big_cubes(const char *const *small, size_t n, unsigned char *out)
{
    for (size_t i = 0; i < n; i++)
        big_cube(small[i], out + i * BIG);
}

/* The PIs of s, small parts (first len inputs) joined with ' ', and a check
 * that the other inputs are free. */
static void pis_text(const fsq_sets *s, size_t len, char *buf)
{
    buf[0] = '\0';
    for (size_t i = 0; i < fsq_sets_npis(s); i++) {
        char c[BIG + 1];
        cube_to(fsq_sets_pi(s, i), BIG, c);
        for (size_t j = len; j < BIG; j++)
            ck_assert_int_eq(c[j], '-');
        c[len] = '\0';
        if (i)
            strcat(buf, " ");
        strcat(buf, c);
    }
}

/* ON = 00- + 010 + 101 over (a, b, c), 37 more inputs free: the primes are
 * 00- (a'b'), 0-0 (a'c'), -01 (b'c); 101 needs -01, 010 needs 0-0, and
 * those two cover 00- too: one minimum model of two terms, which covers
 * the ON cube 00- with two PIs, neither of which contains it. As type f
 * (OFF = the rest) and as type fr (OFF = 011, 100, 110, 111 listed). */
START_TEST(test_cubes__on_cube_needing_two_pis_in_40_inputs)
{
    const char *on_s[] = {"00-", "010", "101"}, *off_s[] = {"011", "1-0", "111"};
    unsigned char on[3 * BIG], off[3 * BIG];
    big_cubes(on_s, 3, on);
    big_cubes(off_s, 3, off);
    for (int off_given = 0; off_given <= 1; off_given++) {
        fsq_sets_options o = FSQ_SETS_OPTIONS_INIT;
        o.off_given = off_given;
        fsq_sets *s = NULL;
        int rc = fsq_minimize_sets(&s, BIG, on, 3, off, 3, NULL, 0, &o);
        ck_assert_msg(rc == 0, "%s", fsq_last_error());
        ck_assert_int_eq(fsq_sets_cube_mode(s), 1); /* 2^38 points: not enumerable */
        char buf[64];
        pis_text(s, 3, buf);
        ck_assert_str_eq(buf, "00- 0-0 -01");
        ck_assert_uint_eq(fsq_sets_nsolutions(s), 1);
        ck_assert_uint_eq(fsq_sets_solution_size(s), 2);
        ck_assert_uint_eq(fsq_sets_solution(s, 0)[0], 1);
        ck_assert_uint_eq(fsq_sets_solution(s, 0)[1], 2);
        /* 00- split on c by the PIs 0-0 and -01: 4 columns. */
        ck_assert_uint_eq(fsq_sets_ncolumns(s), 4);
        size_t non, noff, ndc;
        fsq_sets_npoints(s, &non, &noff, &ndc);
        ck_assert_uint_eq(non, 3);
        ck_assert_uint_eq(noff, off_given ? 3 : 0);
        fsq_sets_free(s);
    }
}
END_TEST

/* x0 XOR x39 in 40 inputs, ON given by its two primes and two redundant
 * subcubes of them. As type f, and as type fr with OFF = x0 x39 + x0' x39',
 * the primes are x0 x39' and x0' x39, one model of both. Their order is
 * QCA's sort quirk (every PI fixes x0, see src/prime/cube.c): R's QCA 3.23
 * lists A*~B before ~A*B for Y = A xor B (checked by hand with
 * truthTable + minimize). As type fd with dc = x0 x39 the primes are x0
 * and x39 (x0 first: it fixes condition 0), one model x0 + x39.
 * Hand-worked. */
START_TEST(test_cubes__xor_of_far_inputs)
{
    unsigned char on[4 * BIG], dc[BIG], off[2 * BIG];
    for (int i = 0; i < 4; i++)
        memset(on + i * BIG, FSQ_DASH, BIG);
    on[0] = 1, on[BIG - 1] = 0;                   /* x0 x39' */
    on[BIG] = 0, on[2 * BIG - 1] = 1;             /* x0' x39 */
    on[2 * BIG] = 1, on[2 * BIG + 5] = 1, on[3 * BIG - 1] = 0; /* inside the first */
    on[3 * BIG] = 0, on[3 * BIG + 7] = 0, on[4 * BIG - 1] = 1; /* inside the second */
    memset(dc, FSQ_DASH, BIG);
    dc[0] = 1, dc[BIG - 1] = 1;
    memset(off, FSQ_DASH, 2 * BIG);
    off[0] = 1, off[BIG - 1] = 1, off[BIG] = 0, off[2 * BIG - 1] = 0;
    for (int variant = 0; variant < 3; variant++) {
        fsq_sets_options o = FSQ_SETS_OPTIONS_INIT;
        o.off_given = variant == 2;
        o.mode = FSQ_SETS_CUBES;
        fsq_sets *s = NULL;
        /* 0: type f, no dc; 1: type fd with dc x0 x39; 2: type fr. */
        int rc = fsq_minimize_sets(&s, BIG, on, 4, off, variant == 2 ? 2 : 0, dc,
                                   variant == 1, &o);
        ck_assert_msg(rc == 0, "%s", fsq_last_error());
        ck_assert_uint_eq(fsq_sets_nsolutions(s), 1);
        ck_assert_uint_eq(fsq_sets_solution_size(s), 2);
        ck_assert_uint_eq(fsq_sets_npis(s), 2);
        char a[BIG + 1], b[BIG + 1];
        cube_to(fsq_sets_pi(s, 0), BIG, a);
        cube_to(fsq_sets_pi(s, 1), BIG, b);
        if (variant != 1) { /* x0 x39' before x0' x39 */
            ck_assert_int_eq(a[0], '1');
            ck_assert_int_eq(a[BIG - 1], '0');
            ck_assert_int_eq(b[0], '0');
            ck_assert_int_eq(b[BIG - 1], '1');
        } else { /* x0 (fixes condition 0) before x39 */
            ck_assert_int_eq(a[0], '1');
            ck_assert_int_eq(a[BIG - 1], '-');
            ck_assert_int_eq(b[0], '-');
            ck_assert_int_eq(b[BIG - 1], '1');
        }
        for (size_t j = 1; j + 1 < BIG; j++)
            ck_assert(a[j] == '-' && b[j] == '-');
        fsq_sets_free(s);
    }
}
END_TEST

/* Limits and conflicts in cube mode. */
START_TEST(test_cubes__limits_and_conflicts)
{
    /* x0 x1 + x2 x3 + ... + x22 x23: 12 primes, more than max_points = 10. */
    unsigned char on[12 * BIG];
    memset(on, FSQ_DASH, sizeof on);
    for (int i = 0; i < 12; i++)
        on[i * BIG + 2 * i] = on[i * BIG + 2 * i + 1] = 1;
    fsq_sets_options o = FSQ_SETS_OPTIONS_INIT;
    o.off_given = 0;
    o.max_points = 10;
    fsq_sets *s = NULL;
    ck_assert_int_eq(fsq_minimize_sets(&s, BIG, on, 12, NULL, 0, NULL, 0, &o), FSQ_ELIMIT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "max_points"));
    ck_assert_ptr_null(s);
    o.max_points = 0;
    ck_assert_int_eq(fsq_minimize_sets(&s, BIG, on, 12, NULL, 0, NULL, 0, &o), 0);
    ck_assert_uint_eq(fsq_sets_npis(s), 12);
    ck_assert_uint_eq(fsq_sets_nsolutions(s), 1);
    ck_assert_uint_eq(fsq_sets_solution_size(s), 12);
    fsq_sets_free(s);
    o.max_pis = 11;
    ck_assert_int_eq(fsq_minimize_sets(&s, BIG, on, 12, NULL, 0, NULL, 0, &o), FSQ_ELIMIT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "max_pis"));
    /* ON x0 x1 and OFF x1 x2' meet: named by their first common point. */
    unsigned char off[BIG];
    memset(off, FSQ_DASH, BIG);
    off[1] = 1, off[2] = 0;
    o = (fsq_sets_options)FSQ_SETS_OPTIONS_INIT;
    o.mode = FSQ_SETS_CUBES;
    ck_assert_int_eq(fsq_minimize_sets(&s, BIG, on, 1, off, 1, NULL, 0, &o), FSQ_EINPUT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "configuration 110000"));
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "ON and the OFF sets"));
    ck_assert_int_eq(fsq_minimize_sets(&s, BIG, on + BIG, 1, off, 1, off, 1, &o), FSQ_EINPUT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "OFF and the don't-care sets"));
    o.mode = 7;
    ck_assert_int_eq(fsq_minimize_sets(&s, BIG, on, 1, NULL, 0, NULL, 0, &o), FSQ_EINPUT);
}
END_TEST

/* ---- random small problems embedded in 40 inputs ---------------------------- */

static uint64_t rng = 0x2545f4914f6cdd1dU;
static uint64_t next(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return rng;
}

static int in_cube(const unsigned char *c, size_t k, unsigned p)
{
    for (size_t j = 0; j < k; j++)
        if (c[j] != FSQ_DASH && c[j] != ((p >> (k - 1 - j)) & 1))
            return 0;
    return 1;
}

static int in_any(const unsigned char *cubes, size_t n, size_t k, unsigned p)
{
    for (size_t i = 0; i < n; i++)
        if (in_cube(cubes + i * k, k, p))
            return 1;
    return 0;
}

/* Small cube c (k inputs) at positions pos[] of a BIG cube. */
static void embed(const unsigned char *c, size_t k, const size_t *pos, unsigned char *out)
{
    memset(out, FSQ_DASH, BIG);
    for (size_t j = 0; j < k; j++)
        out[pos[j]] = c[j];
}

START_TEST(test_cubes__embedded_random_problems_match_point_mode)
{
    size_t checked = 0;
    for (int trial = 0; trial < 300; trial++) {
        size_t k = 2 + next() % 4;
        int off_given = (int)(next() % 2);
        unsigned npts = 1u << k;
        int cls[32];
        for (unsigned p = 0; p < npts; p++)
            cls[p] = (int)(next() % 4); /* 0 unlisted, 1 ON, 2 OFF, 3 dc */
        unsigned char on[24 * 5], off[24 * 5], dc[24 * 5];
        size_t non = 0, noff = 0, ndc = 0;
        for (int draw = 0; draw < 30; draw++) {
            unsigned char c[5];
            for (size_t j = 0; j < k; j++) {
                unsigned r = (unsigned)(next() % 3);
                c[j] = r == 2 ? FSQ_DASH : (unsigned char)r;
            }
            int ok_on = 1, ok_off = 1, ok_dc = 1;
            for (unsigned p = 0; p < npts; p++)
                if (in_cube(c, k, p)) {
                    ok_on &= cls[p] == 1 || cls[p] == 3;
                    ok_off &= cls[p] == 2;
                    ok_dc &= cls[p] == 3;
                }
            if (ok_on && non < 24)
                memcpy(on + non++ * k, c, k);
            else if (ok_off && noff < 24)
                memcpy(off + noff++ * k, c, k);
            else if (ok_dc && ndc < 24)
                memcpy(dc + ndc++ * k, c, k);
        }
        /* Positions: k distinct inputs of 40, in increasing order (so QCA's
         * order of the small problem carries over). */
        size_t pos[5];
        for (size_t j = 0; j < k;) {
            size_t p = next() % BIG, dup = 0;
            for (size_t t = 0; t < j; t++)
                dup |= pos[t] == p;
            if (!dup)
                pos[j++] = p;
        }
        for (size_t a = 1; a < k; a++)
            for (size_t b = a; b > 0 && pos[b - 1] > pos[b]; b--) {
                size_t t = pos[b];
                pos[b] = pos[b - 1];
                pos[b - 1] = t;
            }
        unsigned char bon[24 * BIG], boff[24 * BIG], bdc[24 * BIG];
        for (size_t i = 0; i < non; i++)
            embed(on + i * k, k, pos, bon + i * BIG);
        for (size_t i = 0; i < noff; i++)
            embed(off + i * k, k, pos, boff + i * BIG);
        for (size_t i = 0; i < ndc; i++)
            embed(dc + i * k, k, pos, bdc + i * BIG);

        fsq_sets_options o = FSQ_SETS_OPTIONS_INIT;
        o.off_given = off_given;
        o.mode = FSQ_SETS_POINTS;
        fsq_sets *small = NULL, *big = NULL;
        ck_assert_int_eq(fsq_minimize_sets(&small, k, on, non, off, noff, dc, ndc, &o), 0);
        o.mode = FSQ_SETS_AUTO; /* 2^35 points per cube at least: cube mode */
        int rc = fsq_minimize_sets(&big, BIG, bon, non, boff, noff, bdc, ndc, &o);
        ck_assert_msg(rc == 0, "trial %d: %s", trial, fsq_last_error());
        ck_assert_int_eq(fsq_sets_cube_mode(big), non + (off_given ? noff : 0) + ndc > 0);
        ck_assert_uint_eq(fsq_sets_npis(big), fsq_sets_npis(small));
        ck_assert_uint_eq(fsq_sets_nsolutions(big), fsq_sets_nsolutions(small));
        ck_assert_uint_eq(fsq_sets_solution_size(big), fsq_sets_solution_size(small));
        for (size_t i = 0; i < fsq_sets_npis(big); i++) {
            unsigned char want[BIG];
            embed(fsq_sets_pi(small, i), k, pos, want);
            ck_assert_msg(memcmp(fsq_sets_pi(big, i), want, BIG) == 0,
                          "trial %d: PI %zu differs", trial, i + 1);
        }
        for (size_t m = 0; m < fsq_sets_nsolutions(big); m++) {
            const size_t *a = fsq_sets_solution(big, m), *b = fsq_sets_solution(small, m);
            for (size_t t = 0; t < fsq_sets_solution_size(big); t++)
                ck_assert_uint_eq(a[t], b[t]);
            /* Brute force: the model covers ON outside dc and avoids OFF. */
            for (unsigned p = 0; p < npts; p++) {
                int v = 0;
                for (size_t t = 0; t < fsq_sets_solution_size(small); t++)
                    v |= in_cube(fsq_sets_pi(small, b[t]), k, p);
                int is_dc = in_any(dc, ndc, k, p), is_on = in_any(on, non, k, p) && !is_dc;
                int is_off = off_given ? in_any(off, noff, k, p) : !is_on && !is_dc;
                if (is_on)
                    ck_assert_int_eq(v, 1);
                if (is_off)
                    ck_assert_int_eq(v, 0);
            }
        }
        checked += fsq_sets_cube_mode(big);
        fsq_sets_free(small);
        fsq_sets_free(big);
    }
    ck_assert_uint_gt(checked, 200);
}
END_TEST

static Suite *cubes_suite(void)
{
    Suite *s = suite_create("pla_cubes");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_cubes__on_cube_needing_two_pis_in_40_inputs);
    tcase_add_test(tc, test_cubes__xor_of_far_inputs);
    tcase_add_test(tc, test_cubes__limits_and_conflicts);
    tcase_add_test(tc, test_cubes__embedded_random_problems_match_point_mode);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(cubes_suite());
}
