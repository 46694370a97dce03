#!/usr/bin/env bash
# What a system call costs on this machine (bench/syscall_cost.cpp), three rounds of a
# million calls each. With SYSCALLS=1, bench/verification.sh counts the calls each server
# makes per request; the two together say what the difference in calls costs here.
# What it says here: docs/PERFORMANCE.md, "Host probes".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
probe=$ROOT/build/default/bench/syscall_cost
[ -x "$probe" ] || { echo "build first: make build" >&2; exit 2; }
"$probe"
