#!/usr/bin/env bash
# The identity matcher against a Fellegi–Sunter baseline (bench/fellegi_sunter_baseline.mjs, a
# straightforward Splink-style linker: Jaro-Winkler levels, term frequencies, EM-estimated m,
# swap mixture), on the three labelled sets of `make test`: hand-written hard cases, the
# synthetic set drawn from the generator's pools, and the independent set from romanisation
# tables (tests/matching/romanisation). Both read the same registry (exported as JSON Lines) and
# queries. Prints, for each set: wrong persons, recall, ambiguous rate and queries per second of
# each; for the baseline also the recall it reaches when its threshold is tuned on the set itself
# to name nobody wrongly.
# Usage: bench/matching-sets.sh [PERSONS]   (PERSONS: the registries' size, 4000 by default;
#        the hard cases always hold their 16 persons)
source "$(dirname "$0")/lib.sh"
PERSONS=${1:-4000}
tmp=$(mktemp -d /tmp/ofpra-matching.XXXX)
trap 'rm -rf "$tmp"' EXIT

registry_of() { # name: export the registry of $tmp/name.db to $tmp/name.jsonl
  "$BIN" export --db "sqlite:$tmp/$1.db" --operator bench "$tmp/$1.jsonl" >/dev/null
}

# hard cases
"$BIN" import --db "sqlite:$tmp/hard.db" "$ROOT/tests/matching/data/hard_registry.jsonl" >/dev/null
cp "$ROOT/tests/matching/data/hard_queries.jsonl" "$tmp/hard-queries.jsonl"
registry_of hard
# synthetic, from the generator's pools
"$BIN" seed --db "sqlite:$tmp/synthetic.db" --persons "$PERSONS" --seed 7 >/dev/null
"$BIN" match-queries --db "sqlite:$tmp/synthetic.db" --count 1300 --seed 3 "$tmp/synthetic-queries.jsonl"
registry_of synthetic
# independent, from romanisation tables
node "$ROOT/tests/matching/make-romanised-set.mjs" --persons "$PERSONS" --seed 1 --max-queries 1500 \
  --registry "$tmp/romanised.jsonl" --queries "$tmp/romanised-queries.jsonl" 2>/dev/null
"$BIN" import --db "sqlite:$tmp/romanised.db" "$tmp/romanised.jsonl" >/dev/null

echo "machine: $(machine); registries of $PERSONS persons (hard cases: 16)"
printf '%-11s %8s | %-40s | %-58s\n' set queries "ofpra-connect: wrong, recall, ambiguous, q/s" \
  "Fellegi-Sunter baseline: wrong, recall, ambiguous, q/s; tuned"
for set in hard synthetic romanised; do
  "$BIN" match-eval --db "sqlite:$tmp/$set.db" "$tmp/$set-queries.jsonl" --json --timings \
    >"$tmp/ours.json" 2>"$tmp/ours.err"
  node "$ROOT/bench/fellegi_sunter_baseline.mjs" "$tmp/$set.jsonl" "$tmp/$set-queries.jsonl" --json >"$tmp/fs.json"
  python3 - "$set" "$tmp/ours.json" "$tmp/ours.err" "$tmp/fs.json" <<'PY'
import json, re, sys
name, ours, err, fs = sys.argv[1:]
o = json.load(open(ours)); b = json.load(open(fs))
qps = re.search(r'([0-9]+) queries/s', open(err).read())
amb_b = b['ambiguous'] / b['queries'] if b['queries'] else 0
print(f"{name:<11} {o['total']['requetes']:>8} | {o['personnes_erronees']:>4} {o['rappel']:.3f} {o['taux_ambigu']:.3f} "
      f"{int(qps.group(1)) if qps else 0:>9}/s        | {b['wrong']:>4} {b['recall']:.3f} {amb_b:.3f} "
      f"{b['queries_per_second']:>7.0f}/s; 0 wrong: {b['recall_at_zero_wrong']:.3f}")
PY
done
