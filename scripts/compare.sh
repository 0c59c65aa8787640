#!/usr/bin/env bash
# compare.sh: run one QCA minimization through fsqca and every comparable tool
# installed on this machine, and say whether they agree.
#
#   scripts/compare.sh DATA.csv --outcome Y [fsqca minimize options]
#   scripts/compare.sh FILE.pla [fsqca minimize options]
#
# Tools (each found on the PATH or through an environment variable; a tool
# that is absent is listed as "not installed", never dropped):
#   fsqca        FSQCA (default: build/fsqca next to this script, else fsqca)
#   QCA (R)      FSQCA_RSCRIPT (default Rscript) with library(QCA):
#                truthTable() + minimize() with the same cut-offs, include
#                and dir.exp. CSV input only.
#   Espresso     FSQCA_ESPRESSO (default espresso): espresso -Dexact on the
#                truth table written by `fsqca tt --format pla` (.type fr for
#                parsimonious, .type f for conservative), or on each output
#                of the PLA file. Not for intermediate solutions or C rows as
#                don't-cares (Espresso has no such notions).
#   CCubes       FSQCA_CCUBES (default ccubes / CCubes on the PATH), called
#                like Espresso (CCUBES FILE.pla, a PLA cover on stdout).
# Set a variable to "none" to leave a tool out (it is listed as such).
# FSQCA_COMPARE_TIMEOUT=SECONDS stops a peer that runs longer (timeout(1));
# its row then says "no answer in N s", which is neither agreement nor
# disagreement (the exit status ignores it). FSQCA_COMPARE_ROWS=FILE also
# writes the table's rows there, '|'-separated (for bench/compare/run.sh).
#
# What is compared is what each tool promises:
#   fsqca      every minimum model (the reference row);
#   QCA        every minimum model over the prime implicants its search found.
#              Its search stops after two complexity levels without a new
#              PI (a heuristic), so fewer or larger models from QCA are
#              reported as "early stop (PI heuristic)", not as disagreement;
#              models fsqca does not list, of the same size, are a
#              disagreement.
#   Espresso   one minimum cover (-Dexact): it agrees when that cover is one
#              of fsqca's models.
# Fit: the largest absolute difference of a model's inclS, PRI or covS from
# fsqca's for the same model (QCA only; Espresso computes no fit).
#
# Output: one table (tool, version, solutions, models, fit, wall time,
# agree), the differences under it, and a last line "agree: ...".
# Exit status: 0 every installed tool agrees, 1 a tool differs (or fsqca
# fails on the analysis), 2 bad usage.
set -u

die_usage() {
  echo "compare.sh: $*" >&2
  echo "usage: scripts/compare.sh DATA.csv --outcome Y [fsqca minimize options]" >&2
  echo "       scripts/compare.sh FILE.pla [fsqca minimize options]" >&2
  exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${FSQCA:-}" ]; then fsqca=$FSQCA
elif [ -x "$here/../build/fsqca" ]; then fsqca="$here/../build/fsqca"
else fsqca=fsqca; fi
command -v "$fsqca" >/dev/null 2>&1 || die_usage "fsqca not found (set FSQCA)"
command -v jq >/dev/null 2>&1 || die_usage "jq is needed to read fsqca's JSON (apt-get install jq)"

# ---- arguments ---------------------------------------------------------------
data="" outcome="" conditions="" incl_cut="1" n_cut="1" pri_cut="0" include="" dir_exp=""
fsqca_args=()
[ $# -ge 1 ] || die_usage "no DATA file"
while [ $# -gt 0 ]; do
  case $1 in
    --help|-h) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    --outcome|--conditions|--incl-cut|--n-cut|--pri-cut|--include|--dir-exp|--sep|--id-col|--threads|--max-pis|--max-solutions|--time-limit)
      [ $# -ge 2 ] || die_usage "$1 needs a value"
      case $1 in
        --outcome) outcome=$2 ;; --conditions) conditions=$2 ;; --incl-cut) incl_cut=$2 ;;
        --n-cut) n_cut=$2 ;; --pri-cut) pri_cut=$2 ;; --include) include=$2 ;;
        --dir-exp) dir_exp=$2 ;;
      esac
      fsqca_args+=("$1" "$2"); shift 2 ;;
    --drop-missing) fsqca_args+=("$1"); shift ;;
    --json|--output|--format|--all) die_usage "$1: the harness chooses fsqca's output itself" ;;
    -*) die_usage "unknown option $1" ;;
    *) [ -z "$data" ] || die_usage "more than one DATA file ($data, $1)"; data=$1; shift ;;
  esac
done
[ -n "$data" ] || die_usage "no DATA file"
[ -r "$data" ] || die_usage "cannot read $data"
pla_input=0
case $data in *.pla|*.PLA) pla_input=1 ;; esac
if [ $pla_input = 0 ] && [ -z "$outcome" ]; then die_usage "--outcome is required for a CSV file"; fi
case $include in ""|"?"|"?,C"|"C,?"|"C") ;; *) die_usage "--include expects ?, ?,C or C" ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
peer_timeout=${FSQCA_COMPARE_TIMEOUT:-}
case $peer_timeout in ""|*[!0-9.]*) peer_timeout="" ;; esac
# Runs a peer under the time limit, if any: status 124 when it was stopped.
peer() { if [ -n "$peer_timeout" ]; then timeout "$peer_timeout" "$@"; else "$@"; fi; }
noanswer=()
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f s", b - a }'; }

# A model in canonical form: terms sorted, joined with " + ".
canon() { tr -d '\r' | awk -F' \\+ ' '{ n = split($0, t, / \+ /); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (t[j] < t[i]) { x = t[i]; t[i] = t[j]; t[j] = x }
  s = t[1]; for (i = 2; i <= n; i++) s = s " + " t[i]; print s }'; }

# Rows of the table: tool|version|solutions|models|fit|time|agree
rows=() agreed=() early=() status=0
: >"$tmp/notes"
note() { printf 'difference: %s\n' "$1" >>"$tmp/notes"; }
add_row() { rows+=("$1|$2|$3|$4|$5|$6|$7"); }
short() { # the first model and how many more
  local first more
  first=$(head -n 1 "$1"); more=$(($(wc -l <"$1") - 1))
  [ -z "$first" ] && first="(none)"
  [ ${#first} -le 72 ] || first="${first:0:69}..."
  if [ "$more" -gt 0 ]; then echo "$first (+$more more)"; else echo "$first"; fi
}
# Splits a canonical model into its size (number of terms; 0 for "0").
model_size() { awk -F' \\+ ' '{ print ($0 == "0" ? 0 : NF) }'; }

# ---- fsqca -----------------------------------------------------------------------
fsqca_version=$("$fsqca" --version | awk '{ print $2 }')
t0=$(now)
"$fsqca" minimize "$data" "${fsqca_args[@]}" --json >"$tmp/fsqca.json" 2>"$tmp/fsqca.err"
rc=$?
t1=$(now)
if [ $rc != 0 ]; then
  cat "$tmp/fsqca.err" >&2
  [ $rc = 2 ] && exit 2
  echo "agree: none (fsqca: $(head -n 1 "$tmp/fsqca.err"))"
  exit 1
fi
fsqca_time=$(elapsed "$t0" "$t1")
# Per output (one for CSV data): the models, canonical and sorted.
if [ $pla_input = 1 ]; then
  jq -r '.outputs[].output' "$tmp/fsqca.json" >"$tmp/outputs"
else
  echo "$outcome" >"$tmp/outputs"
fi
nout=$(wc -l <"$tmp/outputs")
for o in $(seq 1 "$nout"); do
  if [ $pla_input = 1 ]; then
    jq -r ".outputs[$((o - 1))].solutions[] | if length == 0 then \"0\" else join(\" + \") end" "$tmp/fsqca.json"
  else
    jq -r '.solutions[] | join(" + ")' "$tmp/fsqca.json"
  fi | canon | sort >"$tmp/fsqca.$o"
done
if [ $pla_input = 0 ]; then
  # model<TAB>incl<TAB>PRI<TAB>cov, for the fit comparison
  jq -r '[.solutions, .solution_fit] | transpose[] | [(.[0] | join(" + ")), .[1].incl, .[1].PRI, .[1].cov] | @tsv' \
    "$tmp/fsqca.json" | while IFS=$'\t' read -r m a b c; do printf '%s\t%s\t%s\t%s\n' "$(echo "$m" | canon)" "$a" "$b" "$c"; done >"$tmp/fsqca.fit"
fi
models_of() { # total models over outputs
  cat "$tmp/$1".[0-9]* 2>/dev/null | wc -l | tr -d " "
}
fsqca_sols=$(if [ "$nout" = 1 ]; then short "$tmp/fsqca.1"; else echo "$nout outputs"; fi)
# More models than --max-solutions (default 1000): fsqca counts them all but
# lists the first ones only.
model_count=$(models_of fsqca) truncated=0
if [ $pla_input = 0 ]; then
  mc=$(jq -r '.model_count // empty' "$tmp/fsqca.json")
  if [ -n "$mc" ] && [ "$mc" != "$model_count" ]; then truncated=1; fi
fi
if [ $truncated = 1 ]; then
  add_row "fsqca" "$fsqca_version" "$fsqca_sols" "$mc (exact; $model_count listed)" "reference" "$fsqca_time" "reference"
else
  add_row "fsqca" "$fsqca_version" "$fsqca_sols" "$model_count (all, exact)" "reference" "$fsqca_time" "reference"
fi
agreed+=("fsqca")

# ---- QCA (R) ------------------------------------------------------------------------
rscript=${FSQCA_RSCRIPT:-Rscript}
run_qca() {
  if [ $pla_input = 1 ]; then add_row "QCA (R)" "-" "-" "-" "-" "-" "n/a (PLA input)"; return; fi
  if [ "$rscript" = none ] || ! command -v "$rscript" >/dev/null 2>&1; then
    add_row "QCA (R)" "-" "-" "-" "-" "-" "not installed"; return
  fi
  cat >"$tmp/run.R" <<'REOF'
# Every name is prefixed: QCA's minimize() evaluates some of its arguments
# in the caller's frame, where short names like "outcome" would clash.
fsq_args <- commandArgs(TRUE)
if (!suppressWarnings(suppressPackageStartupMessages(requireNamespace("QCA", quietly = TRUE)))) {
  cat("NOTINSTALLED\n"); quit(status = 3)
}
suppressPackageStartupMessages(library(QCA))
fsq_incl <- as.numeric(strsplit(fsq_args[4], ",")[[1]])
fsq_data <- read.csv(fsq_args[1], check.names = FALSE)
if (!is.numeric(fsq_data[[1]])) {
  # Case names as text: read.csv would make Namibia's "NA" (HarKem) a
  # missing value, which rownames<- refuses. The reference files name the
  # cases as QCA's own data sets do (data(HarKem): rownames "NA" included).
  fsq_ids <- read.csv(fsq_args[1], check.names = FALSE, colClasses = "character",
                      na.strings = character(0))[[1]]
  if (!anyDuplicated(fsq_ids)) rownames(fsq_data) <- fsq_ids
  fsq_data <- fsq_data[-1]
}
cat("VERSION\t", as.character(packageVersion("QCA")), "\n", sep = "")
fsq_t0 <- proc.time()[["elapsed"]]
fsq_targs <- list(fsq_data, outcome = fsq_args[2], incl.cut = fsq_incl,
                  n.cut = as.numeric(fsq_args[5]), pri.cut = as.numeric(fsq_args[6]))
if (nchar(fsq_args[3]) > 0) fsq_targs$conditions <- fsq_args[3]
fsq_tt <- do.call(truthTable, fsq_targs)
# minimize() reads dir.exp unevaluated (substitute), so the call is built as text.
fsq_call <- "minimize(fsq_tt"
if (nchar(fsq_args[7]) > 0)
  fsq_call <- paste0(fsq_call, ", include = c(", paste0('"', strsplit(fsq_args[7], ",")[[1]], '"', collapse = ", "), ")")
if (nchar(fsq_args[8]) > 0) fsq_call <- paste0(fsq_call, ", dir.exp = \"", fsq_args[8], "\"")
fsq_sol <- eval(parse(text = paste0(fsq_call, ")")))
fsq_t1 <- proc.time()[["elapsed"]]
fsq_emit <- function(sols, ic) {
  for (i in seq_along(sols)) {
    f <- if (length(sols) == 1) ic$sol.incl.cov else ic$individual[[i]]$sol.incl.cov
    cat("MODEL\t", paste(sols[[i]], collapse = " + "), "\t", sprintf("%.17g", f[1, 1]), "\t",
        sprintf("%.17g", f[1, 2]), "\t", sprintf("%.17g", f[1, 3]), "\n", sep = "")
  }
}
if (is.null(fsq_sol$i.sol)) fsq_emit(fsq_sol$solution, fsq_sol$IC) else
  for (fsq_k in names(fsq_sol$i.sol)) fsq_emit(fsq_sol$i.sol[[fsq_k]]$solution, fsq_sol$i.sol[[fsq_k]]$IC)
cat("TIME\t", fsq_t1 - fsq_t0, "\n", sep = "")
REOF
  # QCA's dir.exp: "A, ~B" from fsqca's A=1,B=0,C=-; multi-value A=1;2 -> A[1,2]
  local qdir=""
  if [ -n "$dir_exp" ]; then
    qdir=$(echo "$dir_exp" | tr ',' '\n' | awk -F= '$2 == "1" { o = o (o ? ", " : "") $1 } $2 == "0" { o = o (o ? ", " : "") "~" $1 }
      $2 ~ /;/ { v = $2; gsub(/;/, ",", v); o = o (o ? ", " : "") $1 "[" v "]" } END { print o }')
  fi
  local inc=$include
  [ "$inc" = "C,?" ] && inc="?,C"
  [ -n "$dir_exp" ] && [ -z "$inc" ] && inc="?"  # fsqca's --dir-exp implies --include ?
  local t0 t1 rc
  t0=$(now)
  peer "$rscript" "$tmp/run.R" "$data" "$outcome" "$conditions" "$incl_cut" "$n_cut" "$pri_cut" "$inc" "$qdir" \
    >"$tmp/qca.out" 2>"$tmp/qca.err"
  rc=$?
  t1=$(now)
  if [ $rc = 124 ] && [ -n "$peer_timeout" ]; then
    add_row "QCA (R)" "-" "-" "-" "-" "$(elapsed "$t0" "$t1")" "no answer in $peer_timeout s"
    noanswer+=("QCA (R)"); return
  fi
  if grep -q '^NOTINSTALLED' "$tmp/qca.out"; then
    add_row "QCA (R)" "-" "-" "-" "-" "-" "not installed"; return
  fi
  local ver
  ver=$(awk -F'\t' '$1 == "VERSION" { print $2 }' "$tmp/qca.out")
  if [ $rc != 0 ] || ! grep -q '^MODEL' "$tmp/qca.out"; then
    add_row "QCA (R)" "${ver:--}" "error" "-" "-" "$(elapsed "$t0" "$t1")" "no"
    note "QCA (R) failed: $(grep -v '^ *$' "$tmp/qca.err" | tail -n 2 | tr '\n' ' ')"
    status=1; return
  fi
  awk -F'\t' '$1 == "MODEL" { print $2 }' "$tmp/qca.out" | canon | sort -u >"$tmp/qca.1"
  awk -F'\t' '$1 == "MODEL"' "$tmp/qca.out" | while IFS=$'\t' read -r _ m a b c; do
    printf '%s\t%s\t%s\t%s\n' "$(echo "$m" | canon)" "$a" "$b" "$c"; done >"$tmp/qca.fit"
  local rtime fit
  rtime=$(awk -F'\t' '$1 == "TIME" { printf "%.2f s", $2 }' "$tmp/qca.out")
  fit=$(awk -F'\t' 'NR == FNR { f[$1] = $2 "\t" $3 "\t" $4; next }
    ($1 in f) { split(f[$1], g, "\t"); for (i = 1; i <= 3; i++) { d = $(i + 1) - g[i]; if (d < 0) d = -d; if (d > m) m = d } n++ }
    END { if (n) printf "%.1e", m; else print "n/a" }' "$tmp/fsqca.fit" "$tmp/qca.fit")
  local verdict
  verdict=$(classify qca "QCA (R)")
  if [ "$verdict" = yes ] || [ "${verdict#yes (}" != "$verdict" ]; then
    if [ "$fit" != n/a ] && awk -v f="$fit" 'BEGIN { exit !(f > 1e-6) }'; then
      verdict="no (fit differs)"
      note "QCA (R): the fit of the same model differs from fsqca's by up to $fit"
    fi
  fi
  add_row "QCA (R)" "$ver" "$(short "$tmp/qca.1")" "$(wc -l <"$tmp/qca.1" | tr -d ' ')" "$fit" \
    "$rtime ($(elapsed "$t0" "$t1") with R start-up)" "$verdict"
  case $verdict in no*) status=1 ;; early*) early+=("QCA $ver (R)") ;; *) agreed+=("QCA $ver (R)") ;; esac
}

# classify TOOLFILE LABEL: QCA's promise against fsqca's models (output 1).
classify() {
  local a="$tmp/fsqca.1" b="$tmp/$1.1" label=$2
  if cmp -s "$a" "$b"; then echo "yes"; return; fi
  local fsize bsize only_b only_a
  fsize=$(head -n 1 "$a" | model_size); bsize=$(head -n 1 "$b" | model_size)
  only_b=$(comm -13 "$a" "$b"); only_a=$(comm -23 "$a" "$b")
  if [ -z "$only_b" ] && [ "$bsize" = "$fsize" ]; then
    echo "yes (early stop: lists $(wc -l <"$b" | tr -d ' ') of $(wc -l <"$a" | tr -d ' ') models, PI heuristic)"
    note "$label: models fsqca also lists but $label does not: $(echo "$only_a" | paste -sd ';' | sed 's/;/; /g')"
    return
  fi
  if [ -n "$bsize" ] && [ -n "$fsize" ] && [ "$bsize" -gt "$fsize" ]; then
    echo "early stop (PI heuristic: $bsize terms, the minimum is $fsize)"
    return
  fi
  note "$label: models only in $label: $(printf '%s\n' "$only_b" | paste -sd ';' | sed 's/;/; /g'); only in fsqca: $(printf '%s\n' "$only_a" | paste -sd ';' | sed 's/;/; /g')"
  echo "no"
}

# ---- Espresso and CCubes: PLA minimizers -----------------------------------------------
# One single-output PLA per output: from the truth table or the PLA file.
make_plas() {
  if [ $pla_input = 1 ]; then
    local o
    for o in $(seq 1 "$nout"); do
      awk -v o="$o" '
        /^[ \t]*#/ || /^[ \t]*$/ { next }
        /^[ \t]*\.i[ \t]/ { ni = $2; print; next }
        /^[ \t]*\.o[ \t]/ { no = $2; print ".o 1"; next }
        /^[ \t]*\.ob[ \t]/ { print ".ob", $(o + 1); next }
        /^[ \t]*\.p[ \t]/ { next }
        /^[ \t]*\.e/ { exit }
        # .type fdr: every configuration not ON or OFF is a dont-care (fsqca,
        # the issue); Espresso takes only the listed ones as such; as .type fr
        # (dont-cares = the rest) with the - rows left out, it reads the same.
        /^[ \t]*\.type[ \t]+fdr/ { fdr = 1; print ".type fr"; next }
        /^[ \t]*\./ { print; next }
        { s = $0; gsub(/[ \t|]/, "", s); c = substr(s, ni + o, 1)
          if (fdr && (c == "-" || c == "2")) next
          print substr(s, 1, ni), c }
        END { print ".e" }' "$data" >"$tmp/in.$o.pla"
    done
    return 0
  fi
  local tt_args=() skip=0 a
  for a in "${fsqca_args[@]}"; do  # tt takes the truth-table options only
    if [ $skip = 1 ]; then skip=0; continue; fi
    case $a in --include|--dir-exp|--max-pis|--max-solutions|--time-limit) skip=1; continue ;; esac
    tt_args+=("$a")
  done
  "$fsqca" tt "$data" "${tt_args[@]}" --format pla >"$tmp/in.1.pla" 2>"$tmp/tt.err" || return 1
  # Conservative: the ON rows with .type f (every other configuration OFF).
  case $include in "?"|"?,C"|"C,?") ;; *) sed -i 's/^\.type fr$/.type f/' "$tmp/in.1.pla" ;; esac
  return 0
}

# A PLA cover (a minimizer's stdout) as a canonical model, with the input
# names of the PLA it came from.
pla_model() { # FILE.pla(in) OUTPUT(stdout of the tool)
  awk 'NR == FNR { if ($1 == ".ilb") for (i = 2; i <= NF; i++) name[i - 1] = $i; if ($1 == ".i") ni = $2; next }
    /^[ \t]*[.#]/ || /^[ \t]*$/ { next }
    { s = $0; gsub(/[ \t|]/, "", s); if (substr(s, ni + 1, 1) != "1") next
      t = ""; for (j = 1; j <= ni; j++) { c = substr(s, j, 1); nm = (j in name) ? name[j] : "x" j
        if (c == "1") t = t (t ? "*" : "") nm; else if (c == "0") t = t (t ? "*" : "") "~" nm }
      terms[++n] = (t == "" ? "1" : t) }
    END { if (!n) { print "0"; exit } s = terms[1]; for (i = 2; i <= n; i++) s = s " + " terms[i]; print s }' "$1" "$2" | canon
}

run_pla_tool() { # LABEL COMMAND-VAR-VALUE ARGS...
  local label=$1 cmd=$2; shift 2
  if [ "$cmd" = none ] || [ -z "$cmd" ] || ! command -v "$cmd" >/dev/null 2>&1; then
    add_row "$label" "-" "-" "-" "-" "-" "not installed"; return
  fi
  if [ $pla_input = 0 ] && { [ -n "$dir_exp" ] || [ "$include" = "C" ] || [ "$include" = "?,C" ] || [ "$include" = "C,?" ]; }; then
    add_row "$label" "-" "-" "-" "-" "-" "n/a (no intermediate solutions or C rows as don't-cares)"; return
  fi
  if [ ! -e "$tmp/in.1.pla" ] && ! make_plas; then
    add_row "$label" "-" "-" "-" "-" "-" "n/a (no PLA: $(head -n 1 "$tmp/tt.err"))"; return
  fi
  local ver key t0 t1 o rc=0 verdict="yes" sols="" fsize tsize bad=0 unlisted=0
  ver=$("$cmd" --version 2>&1 </dev/null | grep -o 'Version #\?[0-9][0-9.]*' | head -n 1 | sed 's/Version #\{0,1\}//')
  key=$(echo "$label" | tr -dc 'a-zA-Z')
  t0=$(now)
  for o in $(seq 1 "$nout"); do
    peer "$cmd" "$@" "$tmp/in.$o.pla" >"$tmp/$key.out.$o" 2>"$tmp/$key.err.$o" || rc=$?
    [ "$rc" = 124 ] && [ -n "$peer_timeout" ] && break
  done
  t1=$(now)
  if [ "$rc" = 124 ] && [ -n "$peer_timeout" ]; then
    add_row "$label" "${ver:--}" "-" "-" "n/a" "$(elapsed "$t0" "$t1")" "no answer in $peer_timeout s"
    noanswer+=("$label"); return
  fi
  if [ $rc != 0 ]; then
    add_row "$label" "${ver:--}" "error" "-" "n/a" "$(elapsed "$t0" "$t1")" "no"
    note "$label failed (status $rc): $(head -n 2 "$tmp/$key.err.1" | tr '\n' ' ')"
    status=1; return
  fi
  for o in $(seq 1 "$nout"); do
    pla_model "$tmp/in.$o.pla" "$tmp/$key.out.$o" >"$tmp/$key.$o"
    local m
    m=$(cat "$tmp/$key.$o")
    [ -n "$sols" ] || sols=$m
    if ! grep -qxF -- "$m" "$tmp/fsqca.$o"; then
      fsize=$(head -n 1 "$tmp/fsqca.$o" | model_size); tsize=$(echo "$m" | model_size)
      if [ $truncated = 1 ] && [ "$tsize" = "$fsize" ]; then
        unlisted=1
        note "$label: its cover has the minimum size ($tsize terms) but is not among the $model_count models fsqca listed of $mc (raise --max-solutions to check it)"
        continue
      fi
      bad=1
      local oname
      oname=$(sed -n "${o}p" "$tmp/outputs")
      note "$label, $oname: its cover $m ($tsize terms) is not one of fsqca's minimum models ($fsize terms: $(head -n 3 "$tmp/fsqca.$o" | paste -sd ';' | sed 's/;/; /g'))"
    fi
  done
  [ ${#sols} -le 72 ] || sols="${sols:0:69}..."
  [ "$nout" = 1 ] || sols="$nout outputs"
  if [ $bad = 1 ]; then verdict="no"; status=1
  elif [ "${unlisted:-0}" = 1 ]; then verdict="yes in size (its cover is not among the models listed)"; agreed+=("$label${ver:+ $ver}")
  else verdict="yes (its single cover is one of fsqca's models)"; agreed+=("$label${ver:+ $ver}"); fi
  add_row "$label" "${ver:--}" "$sols" "1 (single cover)" "n/a" "$(elapsed "$t0" "$t1")" "$verdict"
}

run_qca
run_pla_tool "Espresso" "${FSQCA_ESPRESSO:-espresso}" -Dexact
ccubes=${FSQCA_CCUBES:-}
if [ -z "$ccubes" ]; then ccubes=$(command -v ccubes || command -v CCubes || echo ccubes); fi
run_pla_tool "CCubes" "$ccubes"

# ---- the table ------------------------------------------------------------------------------
[ -z "${FSQCA_COMPARE_ROWS:-}" ] || printf '%s\n' "${rows[@]}" >"$FSQCA_COMPARE_ROWS"
{
  echo "tool|version|solutions|models|fit (max diff)|wall time|agree"
  printf '%s\n' "${rows[@]}"
} | awk -F'|' '{ for (i = 1; i <= NF; i++) { c[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR; nf = NF }
  END { for (r = 1; r <= n; r++) { line = ""; for (i = 1; i <= nf; i++) line = line sprintf("%-" w[i] "s", c[r, i]) (i < nf ? " | " : "")
        sub(/ +$/, "", line); print line
        if (r == 1) { line = ""; for (i = 1; i <= nf; i++) { d = ""; for (j = 0; j < w[i]; j++) d = d "-"; line = line d (i < nf ? "-|-" : "") } print line } } }'
if [ "$nout" = 1 ] && [ "$(wc -l <"$tmp/fsqca.1")" -gt 1 ]; then
  echo
  echo "fsqca's models:"
  sed 's/^/  /' "$tmp/fsqca.1"
fi
if [ -s "$tmp/notes" ]; then
  echo
  cat "$tmp/notes"
fi
echo "Times are wall-clock on this machine, one run each; fsqca's includes reading the data."
[ ${#noanswer[@]} -eq 0 ] || echo "no answer within ${peer_timeout} s (neither agreement nor disagreement): $(printf '%s\n' "${noanswer[@]}" | paste -sd ',' | sed 's/,/, /g')"
[ ${#early[@]} -eq 0 ] || echo "stopped early (known, not a disagreement): $(printf '%s\n' "${early[@]}" | paste -sd ',' | sed 's/,/, /g')"
echo "agree: $(printf '%s\n' "${agreed[@]}" | paste -sd ',' | sed 's/,/, /g')"
exit $status
