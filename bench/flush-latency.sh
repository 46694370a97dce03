#!/usr/bin/env bash
# How long this machine's disk takes to make a write durable: fdatasync after appending
# BYTES (default 65,536: a journal batch's WAL frames at 64 connections), COUNT times, in the
# folder the registry lives in. Every answer waits for one such flush (DESIGN: an answer
# leaves only once its journal entry is on disk): the flush's own latency is a floor under
# the verification's.
# What it says here: docs/PERFORMANCE.md, "Host probes".
# Usage: bench/flush-latency.sh [BYTES] [COUNT]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$ROOT/var/bench"
python3 - "${1:-65536}" "${2:-1000}" "$ROOT/var/bench/flush-probe" <<'PY'
import os, sys, time
size, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
block, took = b"x" * size, []
try:
    for i in range(count):
        os.pwrite(fd, block, i * size)
        start = time.perf_counter()
        os.fdatasync(fd)
        took.append((time.perf_counter() - start) * 1000)
finally:
    os.close(fd)
    os.unlink(path)
took.sort()
pick = lambda q: took[min(len(took) - 1, int(q * len(took)))]
print(f"fdatasync after appending {size} bytes, {count} times: "
      f"p50 {pick(0.5):.2f} ms, p90 {pick(0.9):.2f} ms, p99 {pick(0.99):.2f} ms, max {took[-1]:.2f} ms")
PY
