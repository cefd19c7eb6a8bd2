#!/usr/bin/env bash
# The driver's Delta work of `tiva run` before/after, on one store, in one invocation:
#   BEFORE_DIR=<jobs/target of the old build> STORE=<store> [YEAR=2021] tools/bench/commit.sh
# Per side, in a fresh warehouse: (1) a first run of YEAR (creates every table), (2) --incremental
# with nothing changed (every year skipped: the plan's cost), (3) a rerun of YEAR (replaces it).
# Prints per step the wall seconds, the commit seconds (sum of the "committed <table> ... in X s"
# lines) and the seconds from the run's first line to its plan line, with the load average.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BEFORE_DIR="${BEFORE_DIR:?set BEFORE_DIR to the jobs/target directory of the old build}"
STORE="${STORE:?set STORE to a store (bin/tiva generate or ingest)}"
YEAR="${YEAR:-2021}"
OUT="${OUT:-$ROOT/target/bench-commit}"
FLAGS="$(tr '\n' ' ' < conf/jvmflags.txt)"
rm -rf "$OUT" && mkdir -p "$OUT"

jar_of() { ls "$1"/tiva-jobs-*.jar | grep -v -- '-all\.jar$' | head -n 1; }

tiva() { # side, log, args...
  local dir="$1" log="$2"; shift 2
  # shellcheck disable=SC2086
  java $FLAGS -Xss16m -Xmx12g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    -Dtiva.defaults="$ROOT/conf/application.conf" -cp "$(jar_of "$dir"):$(cat "$dir/launcher-classpath.txt")" \
    io.tivaspark.jobs.Main "$@" > "$log" 2>&1
}

secs() { date +%s.%N; }

report() { # side step log wall
  local commit plan
  commit=$( (grep -oE 'committed [a-z_]+: .* in [0-9.]+ s' "$3" || true) | awk '{s += $(NF-1)} END {print s + 0}')
  plan=$( (grep -E 'RunJob: run [0-9TZa-f-]+: |RunJob: run [0-9TZa-f-]+ plan:' "$3" || true) | cut -c1-8 | \
    awk -F: '{t=$1*3600+$2*60+$3; if (NR==1) a=t; else b=t} END {print b-a}')
  printf '%-6s %-22s wall %6.1f s  commit %6.1f s  start-to-plan %3s s  load %s\n' "$1" "$2" "$4" "${commit:-0}" \
    "$plan" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

for side in before after; do
  dir="$BEFORE_DIR"; [ "$side" = after ] && dir="$ROOT/jobs/target"
  wh="$OUT/wh-$side"
  for step in first incremental rerun; do
    args=(run --input "$STORE" --warehouse "$wh" --years "$YEAR")
    [ "$step" = incremental ] && args+=(--incremental)
    t0=$(secs)
    tiva "$dir" "$OUT/$side-$step.log" "${args[@]}"
    report "$side" "$step" "$OUT/$side-$step.log" "$(echo "$(secs) - $t0" | bc)"
  done
done
