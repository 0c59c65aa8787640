# gen.awk: the generated workloads of bench/compare/run.sh, deterministic
# for a seed on any awk (own Park-Miller generator, integer arithmetic exact
# in doubles; awk's rand() differs between implementations).
#
#   awk -f gen.awk -v kind=noisy  -v k=K -v n=N -v types=T -v seed=S   CSV
#   awk -f gen.awk -v kind=sparse -v k=K -v n=N -v seed=S              CSV
#   awk -f gen.awk -v kind=cubes  -v k=K -v n=N -v lits=L -v type=f|fr [-v noff=F] -v seed=S
#   awk -f gen.awk -v kind=multi  -v k=K -v n=N -v outs=M -v seed=S     PLA
#
# noisy  (as bench_minimize's crisp cells): N cases over T random
#        configurations of K conditions X1..XK, outcome Y = a planted sum of
#        3 terms of 2 to 4 literals, flipped for 5% of the cases.
# sparse (as bench_minimize --class sparse): N uniformly random cases,
#        Y = a planted sum of 3 terms of 3 literals, no noise.
# cubes  a single-output PLA over K inputs whose cubes are far too large to
#        expand into points (fsqca's cube mode): N ON cubes, each a planted
#        term (3 terms of 3 literals) with L - 3 more random literals, plus
#        (type fr) F (default N) OFF cubes of L random literals that miss
#        every planted term; unlisted configurations are OFF (f) or don't-cares (fr).
# multi  a K-input PLA with M outputs, .type fdr: N distinct random points,
#        each output character one of 1 0 - ~ (ON, OFF, don't-care, nothing).
function rnd() { seed = (seed * 16807) % 2147483647; return seed }
function rint(m) { return rnd() % m }
function plant(nterms, nlits,    t, l, c, dup, q) {
    for (t = 1; t <= nterms; t++) {
        nl[t] = nlits ? nlits : 2 + rint(3)
        for (l = 1; l <= nl[t]; l++) {
            do {
                c = 1 + rint(k); dup = 0
                for (q = 1; q < l; q++) if (pc[t, q] == c) dup = 1
            } while (dup)
            pc[t, l] = c; pv[t, l] = rint(2)
        }
    }
    np = nterms
}
function planted_value(row,    t, l, ok) { # row[1..k] in 0/1
    for (t = 1; t <= np; t++) {
        ok = 1
        for (l = 1; l <= nl[t]; l++) if (row[pc[t, l]] != pv[t, l]) ok = 0
        if (ok) return 1
    }
    return 0
}
function header(    j, s) {
    s = "case"
    for (j = 1; j <= k; j++) s = s ",X" j
    print s ",Y"
}
function ilb(    j, s) {
    s = ".ilb"
    for (j = 1; j <= k; j++) s = s " X" j
    print s
}
BEGIN {
    seed = seed ? seed : 1
    for (i = 0; i < 10; i++) rnd()
    if (kind == "noisy" || kind == "sparse") {
        plant(3, kind == "sparse" ? 3 : 0)
        if (kind == "noisy")
            for (t = 1; t <= types; t++) for (j = 1; j <= k; j++) ty[t, j] = rint(2)
        header()
        for (i = 1; i <= n; i++) {
            t = 1 + rint(types ? types : 1)
            for (j = 1; j <= k; j++) row[j] = kind == "noisy" ? ty[t, j] : rint(2)
            y = planted_value(row)
            if (kind == "noisy" && rint(100) < 5) y = 1 - y
            s = "c" i
            for (j = 1; j <= k; j++) s = s "," row[j]
            print s "," y
        }
    } else if (kind == "cubes") {
        plant(3, 3)
        print ".i " k; print ".o 1"; ilb(); print ".ob Y"; print ".type " type
        for (i = 1; i <= n; i++) {
            for (j = 1; j <= k; j++) cube[j] = "-"
            t = 1 + rint(np)
            for (l = 1; l <= nl[t]; l++) cube[pc[t, l]] = pv[t, l]
            for (e = 3; e < lits; e++) cube[1 + rint(k)] = rint(2)
            for (l = 1; l <= nl[t]; l++) cube[pc[t, l]] = pv[t, l]
            s = ""; for (j = 1; j <= k; j++) s = s cube[j]
            print s " 1"
        }
        if (type == "fr")
            for (i = 1; i <= (noff ? noff : n); i++) {
                do {
                    for (j = 1; j <= k; j++) cube[j] = "-"
                    for (e = 0; e < lits; e++) cube[1 + rint(k)] = rint(2)
                    hits = 0 # does the cube meet a planted term?
                    for (t = 1; t <= np; t++) {
                        meet = 1
                        for (l = 1; l <= nl[t]; l++)
                            if (cube[pc[t, l]] != "-" && cube[pc[t, l]] != pv[t, l]) meet = 0
                        if (meet) hits = 1
                    }
                } while (hits)
                s = ""; for (j = 1; j <= k; j++) s = s cube[j]
                print s " 0"
            }
        print ".e"
    } else if (kind == "multi") {
        print ".i " k; print ".o " outs; ilb(); print ".type fdr"
        split("1 0 - ~", oc, " ")
        for (i = 1; i <= n; i++) {
            do { s = ""; for (j = 1; j <= k; j++) s = s rint(2) } while (s in seen)
            seen[s] = 1
            o = ""; for (m = 1; m <= outs; m++) o = o oc[1 + rint(4)]
            print s " " o
        }
        print ".e"
    } else {
        print "gen.awk: kind must be noisy, sparse, cubes or multi" > "/dev/stderr"
        exit 2
    }
}
