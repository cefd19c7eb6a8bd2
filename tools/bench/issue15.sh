#!/usr/bin/env bash
# Before/after of the OECD-release additions (issue 15: industry aggregates, the cubes
# va_origin_imports, va_final_demand_product, va_exports_destination), measured in one script on the
# same machine at the same time (docs/performance.md, "The OECD release"):
#   1. the math: Issue15Bench (one JVM, off and on alternating, rows a year to a counting sink);
#   2. one year task through bin/tiva run (read the store, every family, stage to Parquet, commit),
#      with the additions off (a --conf turning them off) and on (the defaults), alternating, and the
#      warehouse bytes of each.
#   tools/bench/issue15.sh   # math at BENCH_N = 3645; the run on a generated REGIONS x INDUSTRIES store
#                            # (81 x 45 with CHN and MEX split: n = 3735); REPS (default 2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${BENCH_OUT:-$ROOT/target/bench15}"
REGIONS="${REGIONS:-81}"; INDUSTRIES="${INDUSTRIES:-45}"; REPS="${REPS:-2}"
TIVA="$ROOT/bin/tiva"
mkdir -p "$OUT"
echo "loadavg: $(cat /proc/loadavg)"

echo "== 1. math (Issue15Bench, n = ${BENCH_N:-3645}: IcioBench's table, 80 countries x 45 with CHN split)"
(cd "$ROOT" && TIVA_BENCH=1 mvn -q -B -o -pl common test -Dtest=Issue15Bench -Dbench.sizes="${BENCH_N:-3645}" \
  -Dbench.reps="$REPS" -Dsurefire.failIfNoSpecifiedTests=false 2>/dev/null | grep -v '^WARNING\|^Dec\|^INFO' ) || true

echo "== 2. one year task through bin/tiva run (loadavg: $(cat /proc/loadavg))"
"$TIVA" generate --out "$OUT/store" --regions "$REGIONS" --industries "$INDUSTRIES" --years 2020 --overwrite > "$OUT/generate.log" 2>&1
cat > "$OUT/off.conf" <<'CONF'
tiva.industry-hierarchy = "none"
tiva.run.va-origin-imports = "off"
tiva.run.va-final-demand-product = false
tiva.run.exports-destination = "off"
CONF
for rep in $(seq 1 "$REPS"); do
  for side in off on; do
    rm -rf "$OUT/wh-$side"
    conf=(); [ "$side" = off ] && conf=(--conf "$OUT/off.conf")
    t0=$(date +%s.%N)
    "$TIVA" run "${conf[@]}" --input "$OUT/store" --warehouse "$OUT/wh-$side" > "$OUT/run-$side.log" 2>&1
    t1=$(date +%s.%N)
    task=$(grep -o 'year 2020 computed in [0-9.]* s' "$OUT/run-$side.log" | head -1)
    rows=$(grep -o 'rows {[^}]*}' "$OUT/run-$side.log" | tail -1)
    bytes=$(du -sb "$OUT/wh-$side" | cut -f1)
    printf 'rep %s %-3s: run %.1f s wall, %s, warehouse %d MB, loadavg %s\n  %s\n' "$rep" "$side" \
      "$(echo "$t1 - $t0" | bc)" "$task" $((bytes / 1048576)) "$(cut -d' ' -f1-3 /proc/loadavg)" "$rows"
  done
done
