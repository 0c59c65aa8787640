#!/usr/bin/env bash
# Installs the Debian packages fsqca needs to build and test, if missing.
# Runs apt-get as root, or through sudo when not root.
set -euo pipefail
# Build and test: compiler, zstd, Check, cJSON; GLPK (LP bounds of the cover
# solver), GMP (exact model counts), Open MPI (robust runs across ranks),
# clang with its sanitizer/fuzzer runtime (the fuzz smoke), CBC (the
# minimization benchmark's ILP baseline), jq (scripts/compare.sh reads fsqca's JSON).
packages=(cmake make gcc pkg-config libzstd-dev zstd check libsubunit-dev libcjson-dev
          libglpk-dev libgmp-dev libopenmpi-dev openmpi-bin clang libclang-rt-14-dev coinor-cbc jq)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "fsqca: installing ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
