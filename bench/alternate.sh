#!/usr/bin/env bash
# Runs one benchmark script with two server binaries in turn, several times, so that a busy
# host's drift (steal time, a neighbour's load) falls on both alike: on a shared virtual
# machine one run of each, minutes apart, says little.
# Usage: bench/alternate.sh BINARY_A BINARY_B RUNS SCRIPT [SCRIPT ARGUMENTS...]
# e.g.   bench/alternate.sh /tmp/before build/default/ofpra-connect 3 verification.sh 1000000 10 64
set -euo pipefail
[ $# -ge 4 ] || { sed -n '2,6p' "$0" >&2; exit 2; }
a=$(realpath "$1"); b=$(realpath "$2"); runs=$3; script=$4; shift 4
for bin in "$a" "$b"; do [ -x "$bin" ] || { echo "not an executable: $bin" >&2; exit 2; }; done
cd "$(dirname "$0")"
for i in $(seq "$runs"); do
  for bin in "$a" "$b"; do
    echo "== run $i: $bin"
    OFPRA_CONNECT_BIN=$bin "./$script" "$@"
  done
done
