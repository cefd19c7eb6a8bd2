#!/usr/bin/env bash
# End-to-end benchmark of a multi-year `bin/tiva run` (issue 7's target: 26 years at n = 3645,
# local[2], Delta writes included, under 10 minutes). Generates the synthetic store when it is
# missing, runs `bin/tiva run` into a fresh warehouse, and prints the wall time, the seconds per
# year, the ratio to the target, the phase breakdown from the run's log, and the load average
# before and after (the reference machine's 2 cores are shared: read every figure next to it).
#
#   tools/bench/multiyear.sh [WORKDIR]     (default WORKDIR: ${TMPDIR:-/tmp}/tiva-multiyear)
#
#   REGIONS=81 INDUSTRIES=45 YEARS=1995-2020 SEED=42   the store (WORKDIR/store-RxI-YEARS)
#   RUN_YEARS=1995-2000   compute only these years of the store (--years), e.g. to extrapolate
#   TARGET_S=600          the target wall time of the whole run
#   KEEP_WAREHOUSE=1      keep WORKDIR/warehouse afterwards (default: deleted, it is ~250 MB a year)
#   REUSE_WAREHOUSE=1     run into the warehouse left by a KEEP_WAREHOUSE=1 run (the nightly case:
#                         every year replaced) instead of a fresh one; implies KEEP_WAREHOUSE=1
#   TIVA_DRIVER_MEMORY    heap of the run's JVM (bin/tiva's default 4g)
#   FROM_ZIP=1            the whole nightly path (issue 17): an OECD-style zip of ICIO-2023-extended CSVs
#                         (REGIONS countries, CHN and MEX split: REGIONS + 4 blocks; default 77 x 45, n = 3645;
#                         generated once with IcioFiles and `zip -1`, one member per year, ~290 MB of CSV a
#                         year at that size) goes through `bin/tiva ingest` into a fresh store, then `run`;
#                         prints the ingest's, the run's and the total wall time against TARGET_S
#   MATH=1                after the run, IcioBench's `all` at the same n with the run's five country groups
#                         (min of MATH_REPS, default 3) in the same invocation, and the ratio of the nightly
#                         (ingest + run, or the run) to the years' math: issue 17's target on a slower machine
#                         is <= 1.5
#   any further arguments after WORKDIR go to `bin/tiva run` (e.g. --only core)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-${TMPDIR:-/tmp}/tiva-multiyear}"
shift || true
if [ "${FROM_ZIP:-0}" = "1" ]; then REGIONS="${REGIONS:-77}"; fi
REGIONS="${REGIONS:-81}" INDUSTRIES="${INDUSTRIES:-45}" YEARS="${YEARS:-1995-2020}" SEED="${SEED:-42}"
TARGET_S="${TARGET_S:-600}"
STORE="$WORK/store-${REGIONS}x${INDUSTRIES}-${YEARS}"
WH="$WORK/warehouse"
mkdir -p "$WORK"

INGEST_S=""
if [ "${FROM_ZIP:-0}" = "1" ]; then
  ZIP="$WORK/zip-${REGIONS}x${INDUSTRIES}-${YEARS}/ICIO2023_${YEARS}.zip"
  if [ ! -f "$ZIP" ]; then
    echo "generating $ZIP ..."
    CSVS="$(dirname "$ZIP")/csv"
    JAR="$(ls "$ROOT"/jobs/target/tiva-jobs-*.jar | grep -v -- '-all\.jar$' | head -n 1)"
    java -Xmx6g -cp "$JAR:$(cat "$ROOT/jobs/target/launcher-classpath.txt")" io.tivaspark.common.io.IcioFiles \
      --out "$CSVS" --regions "$REGIONS" --industries "$INDUSTRIES" --years "$YEARS" --edition 2023 --seed "$SEED"
    (cd "$CSVS" && zip -q -1 "$ZIP.tmp" ./*.csv && mv "$ZIP.tmp" "$ZIP")
    rm -rf "$CSVS"
  fi
  STORE="$WORK/store-icio-${REGIONS}x${INDUSTRIES}-${YEARS}"
  rm -rf "$STORE"
  cat "$ZIP" > /dev/null # the zip from the page cache, as the run's store will be
  echo "ingest of $ZIP ($(du -m "$ZIP" | cut -f1) MB), load $(cut -d' ' -f1-3 /proc/loadavg) ..."
  ti0=$(date +%s.%N)
  "$ROOT/bin/tiva" ingest --format icio --in "$ZIP" --out "$STORE" > "$WORK/ingest.log" 2>&1 \
    || { tail -n 20 "$WORK/ingest.log" >&2; exit 1; }
  INGEST_S=$(echo "$(date +%s.%N) - $ti0" | bc -l)
  printf 'ingest: %.1f s (%s); load %s\n' "$INGEST_S" "$(tail -n 1 "$WORK/ingest.log" | cut -c1-120)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
fi
if [ ! -f "$STORE/mrio.json" ]; then
  echo "generating $STORE ..."
  "$ROOT/bin/tiva" generate --out "$STORE" --overwrite --regions "$REGIONS" --industries "$INDUSTRIES" --years "$YEARS" \
    --seed "$SEED" 2>&1 | grep -v '^WARNING' | tail -n 1
fi
if [ "${REUSE_WAREHOUSE:-0}" = "1" ]; then
  KEEP_WAREHOUSE=1
else
  rm -rf "$WH"
fi
args=(run --input "$STORE" --warehouse "$WH")
[ -n "${RUN_YEARS:-}" ] && args+=(--years "$RUN_YEARS")
args+=("$@")
LOG="$WORK/run-$(date +%Y%m%dT%H%M%S).log"

# the store's blocks: REGIONS, or REGIONS + 4 for ICIO files (CHN and MEX each split in two)
mrio_blocks() { if [ "${FROM_ZIP:-0}" = "1" ]; then echo $((REGIONS + 4)); else echo "$REGIONS"; fi; }
load_before="$(uptime | sed 's/.*load average: //')"
t0=$(date +%s.%N)
set +e
"$ROOT/bin/tiva" "${args[@]}" >"$LOG" 2>&1
rc=$?
set -e
t1=$(date +%s.%N)
load_after="$(uptime | sed 's/.*load average: //')"
if [ "$rc" -ne 0 ]; then
  echo "bin/tiva run failed (exit $rc); log: $LOG" >&2
  tail -n 20 "$LOG" >&2
  exit "$rc"
fi
[ "${KEEP_WAREHOUSE:-0}" = "1" ] || rm -rf "$WH"

if [ -n "$INGEST_S" ]; then
  printf 'ingest + run: %.0f s = %.1f min (ingest %.0f s, run %.0f s); ratio to the %s s target: %.2f\n' \
    "$(echo "$INGEST_S + $t1 - $t0" | bc -l)" "$(echo "($INGEST_S + $t1 - $t0) / 60" | bc -l)" "$INGEST_S" \
    "$(echo "$t1 - $t0" | bc -l)" "$TARGET_S" "$(echo "($INGEST_S + $t1 - $t0) / $TARGET_S" | bc -l)"
fi
python3 - "$LOG" "$t0" "$t1" "$TARGET_S" "$load_before" "$load_after" "$(mrio_blocks)" "$INDUSTRIES" <<'EOF'
import re, sys
log, t0, t1, target, lb, la, r, i = sys.argv[1:]
t0, t1, target = float(t0), float(t1), float(target)
lines = open(log).read().splitlines()
def clock(line):
    m = re.match(r"(\d\d):(\d\d):(\d\d)", line)
    return int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]) if m else None
wall = t1 - t0
years = [int(m[1]) for l in lines for m in [re.search(r"RunJob: year (\d+) computed in", l)] if m]
per_year = [float(m[1]) for l in lines for m in [re.search(r"RunJob: year \d+ computed in ([\d.]+) s", l)] if m]
compute = next((float(m[1]) for l in lines for m in [re.search(r"compute and staging: \d+ years in ([\d.]+) s", l)] if m), None)
commits = [(m[1], int(m[2]), float(m[3]), m[4]) for l in lines
           for m in [re.search(r"RunJob: committed (\S+): (\d+) rows for years \S+ in ([\d.]+) s \((.*)\)", l)] if m]
first = next((clock(l) for l in lines if "RunJob: run " in l), None)
started = next((clock(l) for l in lines if re.search(r"RunJob: year \d+ started", l)), None)
last_commit = max((clock(l) for l in lines if "RunJob: committed " in l), default=None)
done = next((clock(l) for l in lines if re.search(r"RunJob: run \S+ (SUCCEEDED|PARTIAL)", l)), None)
n = len(years)
print(f"store {r} x {i} (n = {int(r) * int(i)}), {n} years computed; log {log}")
print(f"load average before: {lb}; after: {la}")
print(f"wall time {wall:.0f} s = {wall / 60:.1f} min; {wall / max(n, 1):.1f} s per year; "
      f"ratio to the {target:.0f} s target: {wall / target:.2f}"
      + (f"; 26 years at this rate: {wall / n * 26 / 60:.1f} min (linear extrapolation of the wall time)"
         if n and n != 26 else ""))
import datetime
d0 = datetime.datetime.fromtimestamp(t0)
sod0 = d0.hour * 3600 + d0.minute * 60 + d0.second + d0.microsecond / 1e6
if started:
    print(f"  startup (JVM, Spark, lock, warehouse state) until the first year task: {started - sod0:.0f} s")
if not commits:  # logs of versions before the per-phase timings: seconds between the log lines
    prev = max((clock(l) for l in lines if re.search(r"RunJob: year \d+ computed in", l)), default=None)
    for l in lines:
        m = re.search(r"RunJob: committed (\S+): (\d+) rows", l)
        if m and prev is not None:
            commits.append((m[1], int(m[2]), float(clock(l) - prev), "from log clock, 1 s resolution"))
            prev = clock(l)
    if compute is None and started and prev is not None:
        compute = float(max(clock(l) for l in lines if re.search(r"RunJob: year \d+ computed in", l)) - started)
if compute is not None:
    print(f"  compute + staging: {compute:.1f} s ({compute / max(n, 1):.1f} s per year wall, "
          f"{sum(per_year) / max(len(per_year), 1):.1f} s per year task, 2 tasks at a time)")
tot = 0.0
for t, rows, s, how in commits:
    tot += s
    print(f"  commit {t:<22} {s:6.1f} s  {rows:>11} rows  ({how})")
print(f"  commits in all: {tot:.1f} s")
if last_commit and done:
    print(f"  staging cleanup + runs row: {done - last_commit} s; JVM exit: {t1 - t0 - (done - sod0):.0f} s")
EOF
if [ "${MATH:-0}" = "1" ]; then
  NB=$(mrio_blocks); N=$((NB * INDUSTRIES)); NY=$(grep -c "RunJob: year [0-9]* computed in" "$LOG" || true)
  echo "math: IcioBench all at n = $N with the run's five groups, load $(cut -d' ' -f1-3 /proc/loadavg) ..."
  ALL=$(cd "$ROOT" && TIVA_BENCH=1 mvn -q -B -o -pl common test -Dtest=IcioBench -Dbench.sizes="$N" \
    -Dbench.reps="${MATH_REPS:-3}" -Dbench.aggregates=true -Dbench.groups=run -Dsurefire.failIfNoSpecifiedTests=false \
    2>/dev/null | grep '^RESULT java' | awk '$4 == "all" {print $5}')
  WHOLE=$(echo "${INGEST_S:-0} + $t1 - $t0" | bc -l)
  printf 'math all = %s s a year (min of %s reps; load %s); %d years of math = %.0f s; nightly / math = %.2f (target <= 1.5)\n' \
    "${ALL:-?}" "${MATH_REPS:-3}" "$(cut -d' ' -f1-3 /proc/loadavg)" "$NY" "$(echo "$NY * ${ALL:-0}" | bc -l)" \
    "$(echo "$WHOLE / ($NY * ${ALL:-1})" | bc -l)"
fi
