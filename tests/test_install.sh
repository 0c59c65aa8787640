#!/usr/bin/env bash
# cmake --install gives a usable library: a tiny consumer builds against the
# installed tree with find_package(fsqca) and with pkg-config, and runs.
# Usage: test_install.sh FSQCA SOURCE_DIR BUILD_DIR
set -eu
build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
test -f "$tmp/prefix/include/fsqca/fsqca.h"
test -x "$tmp/prefix/bin/fsqca"
ls "$tmp/prefix"/lib*/libfsqca.a "$tmp/prefix"/lib*/libfsqca.so >/dev/null

mkdir "$tmp/consumer"
cat >"$tmp/consumer/main.c" <<'C'
#include <fsqca/fsqca.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    const char *csv = "id,A,B,Y\nx,1,0,1\ny,0,1,0\nz,1,1,1\n";
    fsq_data *d = NULL;
    fsq_tt *tt = NULL;
    if (fsq_data_parse_csv(&d, csv, strlen(csv), "mem", NULL) ||
        fsq_tt_build(&tt, d, "Y", NULL, 0, NULL)) {
        fprintf(stderr, "%s\n", fsq_last_error());
        return 1;
    }
    printf("fsqca %s: %zu rows\n", fsq_version(), fsq_tt_nrows(tt));
    fsq_tt_free(tt);
    fsq_data_free(d);
    return 0;
}
C
cat >"$tmp/consumer/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.18)
project(consumer C)
find_package(fsqca REQUIRED)
add_executable(consumer main.c)
target_link_libraries(consumer PRIVATE fsqca::fsqca)
CM
cmake -S "$tmp/consumer" -B "$tmp/consumer/build" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/consumer/build" >/dev/null
LD_LIBRARY_PATH="$tmp/prefix/lib:$tmp/prefix/lib64:${LD_LIBRARY_PATH:-}" "$tmp/consumer/build/consumer" | grep -q "3 rows"
echo "find_package(fsqca) consumer: ok"

pc=$(ls "$tmp/prefix"/lib*/pkgconfig/fsqca.pc)
PKG_CONFIG_PATH=$(dirname "$pc") cc "$tmp/consumer/main.c" -o "$tmp/consumer/pc" \
  $(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags --libs --static fsqca)
"$tmp/consumer/pc" | grep -q "3 rows" || {
  # --static pkg-config flags still link the shared library when both exist.
  LD_LIBRARY_PATH=$(dirname "$(dirname "$pc")") "$tmp/consumer/pc" | grep -q "3 rows"; }
echo "pkg-config consumer: ok"
echo "2 passed, 0 failed"
