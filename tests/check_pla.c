/* Tests of Berkeley PLA reading and writing (src/io/pla.c) and of the
 * minimization of explicit sets (src/minimize/sets.c).
 *
 * Oracles, all independent of fsqca's search:
 *   - PLA texts and their meaning worked by hand from the format as Espresso
 *     reads it (output characters 1/4 ON, 0/3 OFF with types fr/fdr, -/2
 *     don't-care with fd/fdr, ~ nothing).
 *   - A brute-force minimizer in this file: every one of the 3^k cubes is
 *     tested against the OFF points, the maximal ones meeting ON are the
 *     prime implicants, and the minimum covers are found by trying every
 *     subset of them by increasing size (small k only).
 *   - Evaluation at all 2^k points: a PLA written by fsqca and read back
 *     describes the same function as the models it was written from.
 */
#include "fsqca/fsqca.h"
#include "test_util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------- */

static fsq_pla *parse(const char *text)
{
    fsq_pla *p = NULL;
    int rc = fsq_pla_parse(&p, text, strlen(text), "t.pla");
    ck_assert_msg(rc == 0, "parse failed: %s", fsq_last_error());
    return p;
}

/* Cube given as text "01-" -> bytes. */
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

/* Point p (k bits, input 0 most significant) is in cube c. */
static int in_cube(const unsigned char *c, size_t k, unsigned p)
{
    for (size_t j = 0; j < k; j++) {
        unsigned bit = (p >> (k - 1 - j)) & 1;
        if (c[j] != FSQ_DASH && c[j] != bit)
            return 0;
    }
    return 1;
}

static int in_any(const unsigned char *cubes, size_t n, size_t k, unsigned p)
{
    for (size_t i = 0; i < n; i++)
        if (in_cube(cubes + i * k, k, p))
            return 1;
    return 0;
}

/* ---- PLA text ------------------------------------------------------------------- */

static void expect_error(const char *text, int code, const char *msg);

START_TEST(test_pla__round_trip_every_type_and_output_character)
{
    static const char *types[] = {"f", "fd", "fr", "fdr"};
    static const fsq_pla_type codes[] = {FSQ_PLA_F, FSQ_PLA_FD, FSQ_PLA_FR, FSQ_PLA_FDR};
    for (int t = 0; t < 4; t++) {
        char text[1024];
        /* Every output character, spaces and '|' inside the parts, a comment,
         * a CRLF line: the normalised parts are worked out by hand below. */
        snprintf(text, sizeof text,
                 "# a comment\n.i 3\n.o 7\n.ilb a b c\n.ob y1 y2 y3 y4 y5 y6 y7\n.type %s\n"
                 ".p 3\n0-1 | 10-~234\n1 1 -  0~1-\t4 3 2\r\n--- 1111111\n.e\nignored after .e\n",
                 types[t]);
        fsq_pla *p = parse(text);
        ck_assert_uint_eq(fsq_pla_ninputs(p), 3);
        ck_assert_uint_eq(fsq_pla_noutputs(p), 7);
        ck_assert_int_eq(fsq_pla_get_type(p), codes[t]);
        ck_assert_str_eq(fsq_pla_type_name(fsq_pla_get_type(p)), types[t]);
        ck_assert_str_eq(fsq_pla_input_name(p, 1), "b");
        ck_assert_str_eq(fsq_pla_output_name(p, 6), "y7");
        ck_assert_uint_eq(fsq_pla_nterms(p), 3);
        ck_assert_str_eq(fsq_pla_term_inputs(p, 0), "0-1");
        ck_assert_str_eq(fsq_pla_term_outputs(p, 0), "10-~-01"); /* 2 -> -, 3 -> 0, 4 -> 1 */
        ck_assert_str_eq(fsq_pla_term_inputs(p, 1), "11-");
        ck_assert_str_eq(fsq_pla_term_outputs(p, 1), "0~1-10-");
        char *out;
        size_t len;
        ck_assert_int_eq(fsq_pla_to_text(p, &out, &len), 0);
        ck_assert_uint_eq(strlen(out), len);
        fsq_pla *q = parse(out);
        ck_assert_int_eq(fsq_pla_get_type(q), codes[t]);
        ck_assert_uint_eq(fsq_pla_nterms(q), 3);
        for (size_t i = 0; i < 3; i++) {
            ck_assert_str_eq(fsq_pla_term_inputs(q, i), fsq_pla_term_inputs(p, i));
            ck_assert_str_eq(fsq_pla_term_outputs(q, i), fsq_pla_term_outputs(p, i));
        }
        for (size_t j = 0; j < 3; j++)
            ck_assert_str_eq(fsq_pla_input_name(q, j), fsq_pla_input_name(p, j));
        char *again;
        ck_assert_int_eq(fsq_pla_to_text(q, &again, NULL), 0);
        ck_assert_str_eq(again, out);
        free(out);
        free(again);
        fsq_pla_free(p);
        fsq_pla_free(q);
    }
}
END_TEST

/* Output sets: one output, one term per output character. By the format:
 *   f    ON = {1, 4}
 *   fd   ON = {1, 4}, DC = {-, 2}
 *   fr   ON = {1, 4}, OFF = {0, 3}
 *   fdr  ON = {1, 4}, OFF = {0, 3}, DC = {-, 2};  ~ is never anything. */
START_TEST(test_pla__output_sets_follow_the_type)
{
    static const char *types[] = {"f", "fd", "fr", "fdr"};
    static const size_t want[4][3] = {{2, 0, 0}, {2, 0, 2}, {2, 2, 0}, {2, 2, 2}};
    for (int t = 0; t < 4; t++) {
        char text[512];
        snprintf(text, sizeof text,
                 ".i 3\n.o 1\n.type %s\n000 1\n001 0\n010 -\n011 ~\n100 4\n101 3\n110 2\n",
                 types[t]);
        fsq_pla *p = parse(text);
        unsigned char *on, *off, *dc;
        size_t non, noff, ndc;
        ck_assert_int_eq(fsq_pla_output_sets(p, 0, &on, &non, &off, &noff, &dc, &ndc), 0);
        ck_assert_uint_eq(non, want[t][0]);
        ck_assert_uint_eq(noff, want[t][1]);
        ck_assert_uint_eq(ndc, want[t][2]);
        char s[4];
        cube_to(on, 3, s);
        ck_assert_str_eq(s, "000");
        cube_to(on + 3, 3, s);
        ck_assert_str_eq(s, "100");
        if (noff) {
            cube_to(off + 3, 3, s);
            ck_assert_str_eq(s, "101");
        }
        if (ndc) {
            cube_to(dc, 3, s);
            ck_assert_str_eq(s, "010");
        }
        free(on);
        free(off);
        free(dc);
        fsq_pla_free(p);
    }
    /* A term may span lines, as Espresso allows. */
    fsq_pla *m = parse(".i 3\n.o 2\n01\n1 1\n0\n.e\n");
    ck_assert_uint_eq(fsq_pla_nterms(m), 1);
    ck_assert_str_eq(fsq_pla_term_inputs(m, 0), "011");
    ck_assert_str_eq(fsq_pla_term_outputs(m, 0), "10");
    fsq_pla_free(m);
    expect_error(".i 3\n.o 2\n01\n1 1\n.e\n", FSQ_EINPUT, "bad.pla:4:4: a term needs 3 input and 2 output characters, found 4");
    /* No .type: Espresso's default, fd. */
    fsq_pla *p = parse(".i 1\n.o 1\n1 1\n");
    ck_assert_int_eq(fsq_pla_get_type(p), FSQ_PLA_FD);
    fsq_pla_free(p);
    /* ".p 0": no terms, as the writer writes an empty PLA (fuzz_pla found
     * that the writer's text did not read back). */
    p = parse(".i 2\n.o 1\n.p 0\n.e\n");
    ck_assert_uint_eq(fsq_pla_nterms(p), 0);
    fsq_pla_free(p);
    expect_error(".i 2\n.o 1\n.p 0\n01 1\n", FSQ_EINPUT, ".p declares 0 terms, the file has 1");
    /* A NUL byte is a located error, not the end of the line. */
    static const char nul[] = ".i 2\n.o 1\n.ilb a\000b c\n01 1\n";
    fsq_pla *z = NULL;
    ck_assert_int_eq(fsq_pla_parse(&z, nul, sizeof nul - 1, "bad.pla"), FSQ_EINPUT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "bad.pla:3:7: NUL byte"));
}
END_TEST

static void expect_error(const char *text, int code, const char *msg)
{
    fsq_pla *p = NULL;
    int rc = fsq_pla_parse(&p, text, strlen(text), "bad.pla");
    ck_assert_int_eq(rc, code);
    ck_assert_ptr_null(p);
    ck_assert_msg(strstr(fsq_last_error(), msg) != NULL, "message \"%s\" lacks \"%s\"",
                  fsq_last_error(), msg);
}

START_TEST(test_pla__errors_name_line_column_and_character)
{
    expect_error(".i 3\n.o 1\n0x1 1\n", FSQ_EINPUT, "bad.pla:3:2: input part: expected 0, 1 or -, got 'x'");
    expect_error(".i 2\n.o 2\n01 1z\n", FSQ_EINPUT, "bad.pla:3:5: output part");
    expect_error(".i 2\n.o 1\n01\n", FSQ_EINPUT, "bad.pla:3:3: a term needs 2 input and 1 output");
    expect_error(".i 2\n.o 1\n01 11\n", FSQ_EINPUT, "bad.pla:3:5: more characters than .i + .o");
    expect_error(".i 2\n.o 1\n.p 2\n01 1\n", FSQ_EINPUT, ".p declares 2 terms, the file has 1");
    expect_error(".o 1\n01 1\n", FSQ_EINPUT, "bad.pla:2:1: a term before .i");
    expect_error(".i 0\n", FSQ_EINPUT, "bad.pla:1:4: .i expects a number from 1 to 64, got \"0\"");
    expect_error(".i 65\n", FSQ_EINPUT, "got \"65\"");
    expect_error(".i 2\n.o 1\n.mv 3 1 2\n", FSQ_EUNSUPPORTED, "bad.pla:3:1: keyword .mv is not supported");
    expect_error(".i 2\n.o 1\n.type r\n", FSQ_EUNSUPPORTED, "bad.pla:3:7: .type: fsqca reads f, fd, fr and fdr");
    expect_error(".i 2\n.o 1\n.ilb a\n01 1\n", FSQ_EINPUT, "bad.pla:3:7: .ilb: fewer names than declared");
    expect_error(".i 2\n", FSQ_EINPUT, "bad.pla: no .o declaration");
    fsq_pla *p = NULL;
    ck_assert_int_eq(fsq_pla_read(&p, "/nonexistent/x.pla"), FSQ_EIO);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "/nonexistent/x.pla: cannot open"));
    ck_assert_int_eq(fsq_pla_new(&p, 2, 1, FSQ_PLA_FR), 0);
    ck_assert_int_eq(fsq_pla_add_term(p, "0x", "1"), FSQ_EINPUT);
    ck_assert_int_eq(fsq_pla_add_term(p, "01", "12"), FSQ_EINPUT); /* two outputs for one */
    ck_assert_int_eq(fsq_pla_add_term(p, "01", "1"), 0);
    ck_assert_int_eq(fsq_pla_set_input_name(p, 0, "has space"), FSQ_EINPUT);
    fsq_pla_free(p);
}
END_TEST

/* ---- explicit sets ------------------------------------------------------------- */

/* Worked by hand: f = ON {000, 001, 010, 101}, type f (the rest OFF), the
 * ON set given as the cubes 00-, 010, 101. Prime implicants: ~a*~b (00-),
 * ~a*~c (0-0), ~b*c (-01). 010 lies only in ~a*~c and 101 only in ~b*c;
 * these two cover 000 and 001 as well, so the one minimum model is
 * ~a*~c + ~b*c: the ON cube 00- is covered by two PIs and by neither of them
 * alone (000 by ~a*~c, 001 by ~b*c). Covering the cube 00- by ~a*~b instead
 * would need three terms. */
START_TEST(test_sets__on_cube_covered_by_several_pis)
{
    fsq_pla *p = parse(".i 3\n.o 1\n.ilb a b c\n.type f\n00- 1\n010 1\n101 1\n.e\n");
    unsigned char *on, *off, *dc;
    size_t non, noff, ndc;
    ck_assert_int_eq(fsq_pla_output_sets(p, 0, &on, &non, &off, &noff, &dc, &ndc), 0);
    fsq_sets_options o = FSQ_SETS_OPTIONS_INIT;
    o.off_given = 0;
    fsq_sets *s = NULL;
    ck_assert_int_eq(fsq_minimize_sets(&s, 3, on, non, off, noff, dc, ndc, &o), 0);
    ck_assert_uint_eq(fsq_sets_npis(s), 3);
    ck_assert_uint_eq(fsq_sets_nsolutions(s), 1);
    ck_assert_uint_eq(fsq_sets_solution_size(s), 2);
    char a[4], b[4];
    cube_to(fsq_sets_pi(s, fsq_sets_solution(s, 0)[0]), 3, a);
    cube_to(fsq_sets_pi(s, fsq_sets_solution(s, 0)[1]), 3, b);
    ck_assert_msg((strcmp(a, "0-0") == 0 && strcmp(b, "-01") == 0) ||
                      (strcmp(a, "-01") == 0 && strcmp(b, "0-0") == 0),
                  "model %s + %s", a, b);
    /* The cube 00- was split into its two points: 4 columns for 3 cubes. */
    ck_assert_uint_eq(fsq_sets_ncolumns(s), 4);
    size_t pon, poff, pdc;
    fsq_sets_npoints(s, &pon, &poff, &pdc);
    ck_assert_uint_eq(pon, 4);
    fsq_sets_free(s);
    free(on);
    free(off);
    free(dc);
    fsq_pla_free(p);
}
END_TEST

/* Conflicts, constants and limits, by the contract in fsqca.h. */
START_TEST(test_sets__conflicts_constants_and_limits)
{
    unsigned char on[3], off[3], dc[3];
    fsq_sets *s = NULL;
    fsq_sets_options o = FSQ_SETS_OPTIONS_INIT;
    cube_from("1-1", on);
    cube_from("11-", off);
    ck_assert_int_eq(fsq_minimize_sets(&s, 3, on, 1, off, 1, NULL, 0, &o), FSQ_EINPUT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "configuration 111 is in both the ON and the OFF"));
    /* ON inside dc: nothing to cover, the constant 0 (one model, no term). */
    cube_from("1--", dc);
    ck_assert_int_eq(fsq_minimize_sets(&s, 3, on, 1, NULL, 0, dc, 1, &o), 0);
    ck_assert_uint_eq(fsq_sets_nsolutions(s), 1);
    ck_assert_uint_eq(fsq_sets_solution_size(s), 0);
    fsq_sets_free(s);
    /* Nothing OFF: the constant 1, the empty cube. */
    ck_assert_int_eq(fsq_minimize_sets(&s, 3, on, 1, NULL, 0, NULL, 0, &o), 0);
    ck_assert_uint_eq(fsq_sets_solution_size(s), 1);
    char c[4];
    cube_to(fsq_sets_pi(s, 0), 3, c);
    ck_assert_str_eq(c, "---");
    fsq_sets_free(s);
    /* The point budget. */
    unsigned char big[40];
    memset(big, FSQ_DASH, 40);
    o.max_points = 1000;
    o.mode = FSQ_SETS_POINTS;
    ck_assert_int_eq(fsq_minimize_sets(&s, 40, big, 1, NULL, 0, NULL, 0, &o), FSQ_ELIMIT);
    ck_assert_ptr_nonnull(strstr(fsq_last_error(), "max_points"));
    ck_assert_ptr_null(s);
    /* ... which FSQ_SETS_AUTO passes in cube mode: the constant 1. */
    o.mode = FSQ_SETS_AUTO;
    ck_assert_int_eq(fsq_minimize_sets(&s, 40, big, 1, NULL, 0, NULL, 0, &o), 0);
    ck_assert_int_eq(fsq_sets_cube_mode(s), 1);
    ck_assert_uint_eq(fsq_sets_npis(s), 1);
    ck_assert_uint_eq(fsq_sets_solution_size(s), 1);
    ck_assert_int_eq(fsq_sets_pi(s, 0)[39], FSQ_DASH);
    fsq_sets_free(s);
    s = NULL;
    unsigned char bad[3] = {0, 2, 1};
    ck_assert_int_eq(fsq_minimize_sets(&s, 3, bad, 1, NULL, 0, NULL, 0, NULL), FSQ_EINPUT);
}
END_TEST

/* ---- brute force ------------------------------------------------------------- */

#define MAXK 5
#define NCUBES 243 /* 3^5 */

typedef struct {
    size_t k;
    unsigned char cube[NCUBES][MAXK];
    size_t n;
} all_cubes;

static void enumerate(all_cubes *a, size_t k)
{
    size_t total = 1;
    for (size_t j = 0; j < k; j++)
        total *= 3;
    a->k = k;
    a->n = total;
    for (size_t i = 0; i < total; i++) {
        size_t x = i;
        for (size_t j = 0; j < k; j++, x /= 3)
            a->cube[i][k - 1 - j] = x % 3 == 2 ? FSQ_DASH : (unsigned char)(x % 3);
    }
}

static uint64_t cube_points(const unsigned char *c, size_t k)
{
    uint64_t m = 0;
    for (unsigned p = 0; p < (1u << k); p++)
        if (in_cube(c, k, p))
            m |= UINT64_C(1) << p;
    return m;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A model as the sorted list of its cube strings joined with '+'. */
static char *model_key(char **terms, size_t n)
{
    qsort(terms, n, sizeof *terms, cmp_str);
    char *key = calloc(n * (MAXK + 1) + 2, 1);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(key, "+");
        strcat(key, terms[i]);
    }
    return key;
}

/* Random ON/OFF/dc cubes over k inputs: each point gets a class (0 unlisted,
 * 1 ON, 2 OFF, 3 dc) and cubes are drawn at random and kept for a class when
 * all their points allow it (ON cubes may run into dc: those points are
 * don't-cares by the contract). */
START_TEST(test_sets__random_problems_match_brute_force)
{
    uint64_t rng = 0x9e3779b97f4a7c15u;
#define NEXT() (rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17, rng)
    all_cubes all;
    size_t checked = 0;
    for (int trial = 0; trial < 400; trial++) {
        size_t k = 2 + NEXT() % 4;
        int off_given = (int)(NEXT() % 2);
        unsigned npts = 1u << k;
        int cls[32];
        for (unsigned p = 0; p < npts; p++)
            cls[p] = (int)(NEXT() % 4);
        enumerate(&all, k);
        unsigned char on[64 * MAXK], off[64 * MAXK], dc[64 * MAXK];
        size_t non = 0, noff = 0, ndc = 0;
        for (int draw = 0; draw < 40; draw++) {
            const unsigned char *c = all.cube[NEXT() % all.n];
            int ok_on = 1, ok_off = 1, ok_dc = 1;
            for (unsigned p = 0; p < npts; p++)
                if (in_cube(c, k, p)) {
                    ok_on &= cls[p] == 1 || cls[p] == 3;
                    ok_off &= cls[p] == 2;
                    ok_dc &= cls[p] == 3;
                }
            if (ok_on && non < 64)
                memcpy(on + non++ * k, c, k);
            else if (ok_off && noff < 64)
                memcpy(off + noff++ * k, c, k);
            else if (ok_dc && ndc < 64)
                memcpy(dc + ndc++ * k, c, k);
        }
        /* The function the contract defines. */
        uint64_t on_m = 0, off_m = 0, dc_m = 0, full = npts == 64 ? ~UINT64_C(0) : (UINT64_C(1) << npts) - 1;
        for (size_t i = 0; i < non; i++)
            on_m |= cube_points(on + i * k, k);
        for (size_t i = 0; i < ndc; i++)
            dc_m |= cube_points(dc + i * k, k);
        for (size_t i = 0; i < noff; i++)
            off_m |= cube_points(off + i * k, k);
        on_m &= ~dc_m;
        if (!off_given)
            off_m = full & ~on_m & ~dc_m;
        /* Brute force: implicants avoid OFF; primes are maximal; keep those
         * meeting ON. */
        size_t prime[NCUBES], nprime = 0;
        for (size_t i = 0; i < all.n; i++) {
            uint64_t pi = cube_points(all.cube[i], k);
            if ((pi & off_m) || !(pi & on_m))
                continue;
            int maximal = 1;
            for (size_t j = 0; j < all.n && maximal; j++) {
                uint64_t pj = cube_points(all.cube[j], k);
                if (j != i && !(pj & off_m) && (pi & ~pj) == 0 && pj != pi)
                    maximal = 0;
            }
            if (maximal)
                prime[nprime++] = i;
        }
        fsq_sets_options o = FSQ_SETS_OPTIONS_INIT;
        o.off_given = off_given;
        o.threads = 1;
        o.mode = _i; /* a loop test: FSQ_SETS_POINTS, then FSQ_SETS_CUBES */
        fsq_sets *s = NULL;
        int rc = fsq_minimize_sets(&s, k, on, non, off, noff, dc, ndc, &o);
        ck_assert_msg(rc == 0, "trial %d: %s", trial, fsq_last_error());
        if (on_m == 0) {
            ck_assert_uint_eq(fsq_sets_nsolutions(s), 1);
            ck_assert_uint_eq(fsq_sets_solution_size(s), 0);
            fsq_sets_free(s);
            continue;
        }
        if (off_m == 0 && off_given) {
            ck_assert_uint_eq(fsq_sets_solution_size(s), 1);
            fsq_sets_free(s);
            continue;
        }
        /* Same prime implicants. */
        ck_assert_uint_eq(fsq_sets_npis(s), nprime);
        for (size_t i = 0; i < nprime; i++) {
            int found = 0;
            for (size_t j = 0; j < fsq_sets_npis(s) && !found; j++)
                found = memcmp(fsq_sets_pi(s, j), all.cube[prime[i]], k) == 0;
            ck_assert_msg(found, "trial %d: a prime implicant is missing", trial);
        }
        if (nprime > 16) {
            fsq_sets_free(s);
            continue;
        }
        /* Minimum covers of ON by subsets of the primes. */
        size_t best = 0;
        char *keys[4096];
        size_t nkeys = 0;
        for (size_t size = 1; size <= nprime && !nkeys; size++) {
            for (uint32_t sub = 0; sub < (1u << nprime); sub++) {
                if ((size_t)__builtin_popcount(sub) != size)
                    continue;
                uint64_t cov = 0;
                for (size_t i = 0; i < nprime; i++)
                    if (sub >> i & 1)
                        cov |= cube_points(all.cube[prime[i]], k);
                if ((cov & on_m) != on_m)
                    continue;
                char term[16][MAXK + 1], *t[16];
                size_t nt = 0;
                for (size_t i = 0; i < nprime; i++)
                    if (sub >> i & 1) {
                        cube_to(all.cube[prime[i]], k, term[nt]);
                        t[nt] = term[nt];
                        nt++;
                    }
                if (nkeys < 4096)
                    keys[nkeys++] = model_key(t, nt);
                best = size;
            }
        }
        ck_assert_uint_eq(fsq_sets_solution_size(s), best);
        ck_assert_uint_eq(fsq_sets_nsolutions(s), nkeys);
        for (size_t m = 0; m < fsq_sets_nsolutions(s); m++) {
            char term[64][MAXK + 1], *t[64];
            for (size_t i = 0; i < best; i++) {
                cube_to(fsq_sets_pi(s, fsq_sets_solution(s, m)[i]), k, term[i]);
                t[i] = term[i];
            }
            char *key = model_key(t, best);
            int found = 0;
            for (size_t i = 0; i < nkeys && !found; i++)
                found = strcmp(keys[i], key) == 0;
            ck_assert_msg(found, "trial %d: model %s is not a minimum cover", trial, key);
            free(key);
        }
        for (size_t i = 0; i < nkeys; i++)
            free(keys[i]);
        checked++;
        fsq_sets_free(s);
    }
    ck_assert_uint_gt(checked, 100);
#undef NEXT
}
END_TEST

/* A PLA written from the models and read back describes the same functions:
 * every model evaluated at all 2^k points equals the read-back ON cubes of
 * its column, and agrees with the original function on every ON and OFF
 * point. The PLA is built as fsqca minimize --format pla --all builds it. */
START_TEST(test_pla__written_models_read_back_as_the_same_function)
{
    const char *src =
        ".i 4\n.o 2\n.ilb A B C D\n.ob y z\n.type fr\n"
        "0000 10\n0011 11\n01-1 10\n1100 01\n1-10 0-\n1000 00\n0110 01\n1111 0~\n0001 01\n.e\n";
    fsq_pla *p = parse(src);
    size_t k = 4;
    fsq_pla *w = NULL;
    size_t ncols = 0;
    fsq_sets *res[2];
    for (size_t o = 0; o < 2; o++) {
        unsigned char *on, *off, *dc;
        size_t non, noff, ndc;
        ck_assert_int_eq(fsq_pla_output_sets(p, o, &on, &non, &off, &noff, &dc, &ndc), 0);
        fsq_sets_options opt = FSQ_SETS_OPTIONS_INIT;
        ck_assert_int_eq(fsq_minimize_sets(&res[o], k, on, non, off, noff, dc, ndc, &opt), 0);
        ncols += fsq_sets_nsolutions(res[o]);
        free(on);
        free(off);
        free(dc);
    }
    ck_assert_int_eq(fsq_pla_new(&w, k, ncols, FSQ_PLA_F), 0);
    size_t col = 0;
    for (size_t o = 0; o < 2; o++)
        for (size_t m = 0; m < fsq_sets_nsolutions(res[o]); m++, col++)
            for (size_t t = 0; t < fsq_sets_solution_size(res[o]); t++) {
                char in[8], out[16];
                cube_to(fsq_sets_pi(res[o], fsq_sets_solution(res[o], m)[t]), k, in);
                memset(out, '0', ncols);
                out[ncols] = '\0';
                out[col] = '1';
                ck_assert_int_eq(fsq_pla_add_term(w, in, out), 0);
            }
    char *text;
    ck_assert_int_eq(fsq_pla_to_text(w, &text, NULL), 0);
    fsq_pla *r = parse(text);
    ck_assert_int_eq(fsq_pla_get_type(r), FSQ_PLA_F);
    col = 0;
    for (size_t o = 0; o < 2; o++) {
        unsigned char *on0, *off0, *dc0;
        size_t non0, noff0, ndc0;
        ck_assert_int_eq(fsq_pla_output_sets(p, o, &on0, &non0, &off0, &noff0, &dc0, &ndc0), 0);
        for (size_t m = 0; m < fsq_sets_nsolutions(res[o]); m++, col++) {
            unsigned char *on, *off, *dc;
            size_t non, noff, ndc;
            ck_assert_int_eq(fsq_pla_output_sets(r, col, &on, &non, &off, &noff, &dc, &ndc), 0);
            ck_assert_uint_eq(noff + ndc, 0);
            for (unsigned pt = 0; pt < 16; pt++) {
                int model = 0;
                for (size_t t = 0; t < fsq_sets_solution_size(res[o]); t++)
                    model |= in_cube(fsq_sets_pi(res[o], fsq_sets_solution(res[o], m)[t]), k, pt);
                ck_assert_int_eq(in_any(on, non, k, pt), model);
                if (in_any(on0, non0, k, pt) && !in_any(dc0, ndc0, k, pt))
                    ck_assert_int_eq(model, 1);
                if (in_any(off0, noff0, k, pt))
                    ck_assert_int_eq(model, 0);
            }
            free(on);
            free(off);
            free(dc);
        }
        free(on0);
        free(off0);
        free(dc0);
        fsq_sets_free(res[o]);
    }
    free(text);
    fsq_pla_free(p);
    fsq_pla_free(w);
    fsq_pla_free(r);
}
END_TEST

static Suite *fsq_pla_suite(void)
{
    Suite *s = suite_create("pla");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_pla__round_trip_every_type_and_output_character);
    tcase_add_test(tc, test_pla__output_sets_follow_the_type);
    tcase_add_test(tc, test_pla__errors_name_line_column_and_character);
    tcase_add_test(tc, test_sets__on_cube_covered_by_several_pis);
    tcase_add_test(tc, test_sets__conflicts_constants_and_limits);
    tcase_add_loop_test(tc, test_sets__random_problems_match_brute_force, FSQ_SETS_POINTS,
                        FSQ_SETS_CUBES + 1);
    tcase_add_test(tc, test_pla__written_models_read_back_as_the_same_function);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return fsq_test_run_suite(fsq_pla_suite());
}
