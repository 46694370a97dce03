#!/usr/bin/env bash
# What the alert rules cost per journal entry, against recounting at each entry (bench/alert_rules.cpp),
# three rounds. What it says here: docs/PERFORMANCE.md, "Alert rules".
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
probe=$ROOT/build/default/bench/alert_rules
[ -x "$probe" ] || { echo "build first: make build" >&2; exit 2; }
for round in 1 2 3; do "$probe" "${ENTRIES:-1000000}" "${PARTNERS:-200}"; done
