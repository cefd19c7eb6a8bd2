#!/usr/bin/env bash
# The run path against its math (issue 17, docs/performance.md "The run path (issue 17)"), in one
# invocation on the same machine at the same time:
#   1. IcioBench `all` (YearSystem build + core + gvc, rows to a sink that consumes them) at n = BENCH_N (3645),
#      with the 23 OECD industry aggregates the run writes by default (-Dbench.aggregates=true), once with one
#      country group (EU27) and once with the five the run computes by default (-Dbench.groups=run);
#   2. `bin/tiva run` of 2 generated years (BENCH_REGIONS, default 79, regions x 45 industries, CHN and MEX split: n = 3645),
#      the two year tasks at once (local[2]), with this tree's jar ("after") and, when BEFORE_DIR holds
#      a jar + launcher-classpath.txt of an earlier build, with that one too ("before").
# Prints the year-task seconds, year-task / math ratio, the step breakdown each task logs
# ("year Y steps: ..."), the warehouse bytes per year, with /proc/loadavg beside every timing.
#   tools/bench/issue17-run.sh            # REPS (default 1) runs per side; BENCH_OUT (target/bench17)
#   BEFORE_DIR=/tmp/before tools/bench/issue17-run.sh
#   RUN_YEARS=2021 tools/bench/issue17-run.sh   # one year task alone (`run --years 2021-2021`): the year task
#     against its math with the whole machine to itself (default: both years, two tasks at once)
#   BENCH_REGIONS=40 BENCH_N=1890 BENCH_OUT=target/bench17-small tools/bench/issue17-run.sh  # smaller: (regions + 2 split) x 45;
#     BENCH_N must match (regions + 2) x 45; BENCH_OUT a directory of its own (the store is kept there)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${BENCH_OUT:-$ROOT/target/bench17}"
REPS="${REPS:-1}"; RUN_YEARS="${RUN_YEARS:-}"; NYEARS=$([ -n "$RUN_YEARS" ] && echo 1 || echo 2); N="${BENCH_N:-3645}"; REGIONS="${BENCH_REGIONS:-79}"
mkdir -p "$OUT"
say() { echo "$*   [loadavg $(cut -d' ' -f1-3 /proc/loadavg)]"; }

# icio_all GROUPS: IcioBench's `all` (build + core + gvc) at n = N with the run's industry aggregates; GROUPS
# "eu27" (one country group, as the issue's target was set) or "run" (the five groups `run` computes by default)
icio_all() {
  local math
  math=$(cd "$ROOT" && TIVA_BENCH=1 mvn -q -B -o -pl common test -Dtest=IcioBench -Dbench.sizes="$N" \
    -Dbench.reps="${MATH_REPS:-2}" -Dbench.aggregates=true -Dbench.groups="$1" -Dsurefire.failIfNoSpecifiedTests=false \
    2>/dev/null | grep '^RESULT java' || true)
  echo "$math" | grep -E " (yearsystem|core|gvc|all) " | sed "s/^/   [$1] /" >&2 || true
  echo "$math" | awk '$4 == "all" {print $5}'
}
say "== 1. math: IcioBench all, n = $N, with one country group (EU27) and with the run's five"
ALL=$(icio_all eu27)
ALL_RUN=$(icio_all run)
say "math all = ${ALL:-?} s (EU27 only), ${ALL_RUN:-?} s (the run's groups: EU27, OECD, G20, ASEAN, USMCA)"

if [ ! -f "$OUT/store/mrio.json" ]; then
  TIVA_NO_BUILD=1 "$ROOT/bin/tiva" generate --out "$OUT/store" --regions "$REGIONS" --industries 45 --years 2020-2021 \
    --overwrite > "$OUT/generate.log" 2>&1
fi

# run SIDE JAR CPFILE: one `run` of the two years
run_side() {
  local side=$1 jar=$2 cp=$3 rep=$4
  rm -rf "$OUT/wh-$side"
  local t0 t1; t0=$(date +%s.%N)
  SPARK_LOCAL_IP=127.0.0.1 java $(cat "$ROOT/conf/jvmflags.txt") -Xss16m -Xmx"${TIVA_DRIVER_MEMORY:-8g}" \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dtiva.defaults="$ROOT/conf/application.conf" \
    -cp "$jar:$(cat "$cp")" io.tivaspark.jobs.Main run --input "$OUT/store" --warehouse "$OUT/wh-$side" \
    ${RUN_YEARS:+--years "$RUN_YEARS-$RUN_YEARS"} > "$OUT/run-$side.log" 2>&1
  t1=$(date +%s.%N)
  local bytes; bytes=$(du -sb --exclude=_delta_log "$OUT/wh-$side" | cut -f1)
  say "-- $side rep $rep: run wall $(printf %.1f "$(echo "$t1 - $t0" | bc)") s, warehouse $((bytes / NYEARS / 1048576)) MB per year"
  grep -o 'year [0-9]* computed in [0-9.]* s' "$OUT/run-$side.log" | while read -r _ y _ _ s _; do
    echo "   year $y task $s s, ratio to math all: $(echo "scale=2; $s / ${ALL:-0}" | bc 2>/dev/null || echo ?)," \
      "with the run's groups: $(echo "scale=2; $s / ${ALL_RUN:-0}" | bc 2>/dev/null || echo ?)"
  done
  grep -o 'year [0-9]* steps:.*' "$OUT/run-$side.log" | sed 's/^/   /' || true
  grep -o 'rows {[^}]*}' "$OUT/run-$side.log" | tail -1 | sed 's/^/   /' || true
  for t in "$OUT/wh-$side"/*/; do
    [ -d "$t" ] && printf '   %-28s %6d KB per year\n' "$(basename "$t")" \
      $(( $(du -sb --exclude=_delta_log "$t" | cut -f1) / NYEARS / 1024 ))
  done
}

AFTER_JAR=$(ls "$ROOT"/jobs/target/tiva-jobs-*.jar | grep -v -- '-all\.jar$' | head -1)
for rep in $(seq 1 "$REPS"); do
  if [ -n "${BEFORE_DIR:-}" ]; then
    run_side before "$(ls "$BEFORE_DIR"/tiva-jobs-*.jar | head -1)" "$BEFORE_DIR/launcher-classpath.txt" "$rep"
  fi
  run_side after "$AFTER_JAR" "$ROOT/jobs/target/launcher-classpath.txt" "$rep"
done
