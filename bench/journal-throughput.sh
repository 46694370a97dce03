#!/usr/bin/env bash
# Journal group commit against one fsync per entry, at 1, 16 and 256 concurrent writers, on a
# real SQLite file (WAL, synchronous=FULL) in a temporary folder.
# Usage: bench/journal-throughput.sh [SECONDS_PER_RUN] [DIR]
source "$(dirname "$0")/lib.sh"
PROG=$ROOT/build/default/bench/journal_throughput
[ -x "$PROG" ] || { echo "build first: make build" >&2; exit 2; }
dir=$(mktemp -d "${2:-/tmp}/ofpra-journal-bench.XXXX")
trap 'rm -rf "$dir"' EXIT
echo "machine: $(machine); folder on $(df --output=source,fstype "$dir" | tail -1)"
"$PROG" "$dir" "${1:-5}"
