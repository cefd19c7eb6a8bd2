#!/usr/bin/env bash
# Math benchmark suite (issue 7; docs/performance.md): ours (IcioBench, in-process, native BLAS when
# installed) side by side with numpy (tools/bench/numpy_baseline.py) on the SAME generated table,
# written to disk once per size as a binary dump. Rounds alternate Java / numpy processes; each
# process takes the min of REPS repetitions after a warm-up; the summary takes the min over rounds.
#   tools/bench/run.sh [WORKDIR]          (default target/bench)
#   SIZES="1435 2464 3645" ROUNDS=2 REPS=2 BM_SAMPLE=2 PYTHON=/work/main/.venv/bin/python
#   MEMORY=1 (default) also runs one n = 3645 year under -Xmx = 10 n^2 doubles (the memory target).
# Not a unit test; the machine's other load makes single numbers noisy: compare within one run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mkdir -p "${1:-$ROOT/target/bench}" && cd "${1:-$ROOT/target/bench}" && pwd)"
PY="${PYTHON:-/work/main/.venv/bin/python}"
SIZES="${SIZES:-1435 2464 3645}"
ROUNDS="${ROUNDS:-2}"
REPS="${REPS:-2}"
BM_SAMPLE="${BM_SAMPLE:-2}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-2}"
cd "$ROOT"
mvn -q -B -o -pl common test-compile
mvn -q -B -o -pl common dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="$ROOT/common/target/classes:$ROOT/common/target/test-classes:$(cat "$WORK/cp.txt")"
JAVA=(java -Xss16m --add-modules=jdk.incubator.vector -cp "$CP")
LOG="$WORK/results.txt"
: > "$LOG"
for n in $SIZES; do
  "${JAVA[@]}" -Xmx6g io.tivaspark.common.math.IcioBench --sizes "$n" --dump-dir "$WORK" --dump-only
  for r in $(seq 1 "$ROUNDS"); do
    echo "== n = $n round $r/$ROUNDS: ours"
    "${JAVA[@]}" -Xmx6g io.tivaspark.common.math.IcioBench --sizes "$n" --reps "$REPS" 2>&1 \
      | grep -v -e '^WARNING' -e 'InstanceBuilder' -e '^INFO: Using' | tee -a "$LOG"
    echo "== n = $n round $r/$ROUNDS: numpy"
    "$PY" "$ROOT/tools/bench/numpy_baseline.py" "$WORK/table-$n.bin" --reps "$REPS" --bm-sample "$BM_SAMPLE" | tee -a "$LOG"
  done
done
if [ "${MEMORY:-1}" = "1" ]; then
  for n in 3645; do
    XMX=$(( 10 * 8 * n * n / 1048576 ))
    echo "== memory: one n = $n year (build + core + gvc) under -Xmx${XMX}m = 10 n^2 doubles"
    if "${JAVA[@]}" -Xmx${XMX}m io.tivaspark.common.math.IcioBench --sizes "$n" --memory 2>&1 \
        | grep -v -e '^WARNING' -e 'InstanceBuilder' -e '^INFO: Using' | tee -a "$LOG"; then
      echo "RESULT java $n memory_10n2_ok 1" | tee -a "$LOG"
    else
      echo "RESULT java $n memory_10n2_ok 0" | tee -a "$LOG"
    fi
  done
fi
"$PY" - "$LOG" <<'PY'
import sys, collections
best = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 5 and p[0] == "RESULT":
        who, n, step, val = p[1], int(p[2]), p[3], float(p[4])
        d = best[(who, n)]
        d[step] = min(d.get(step, val), val) if not step.startswith("memory") else val
sizes = sorted({n for _, n in best})
print("\nSummary (seconds, min over rounds x reps; ratio = numpy / ours, target >= 3):")
print(f"{'n':>5} {'step':<34} {'ours':>8} {'numpy':>8} {'ratio':>7}")
rows = [("Leontief: A and B (yearsystem | A + inv)", "yearsystem", "leontief"),
        ("core TiVA set (core | VBY, VA-origin, DVA/FVA)", "core", "core"),
        ("core products (VBY+exports+va tables | same)", "core_products", "core"),
        ("decompositions (gvc | KWW)", "gvc", "kww"),
        ("decompositions (gvc | KWW + BM extraction)", "gvc", None),
        ("every family (all | A,B + core + KWW)", "all", "all_kww"),
        ("every family (all | ... + BM extraction)", "all", "all_kww_bm")]
for n in sizes:
    j, p = best.get(("java", n), {}), best.get(("numpy", n), {})
    if "bare" in j:
        print(f"{n:>5} {'B / bare dgetrf+dgetri (target <= 1.15)':<34} {j['B']:8.2f} {j['bare']:8.2f} {j['B']/j['bare']:7.2f}")
    for label, jk, pk in rows:
        pv = p.get(pk) if pk else (p.get("kww", 0) + p.get("bm", 0) if "kww" in p else None)
        jv = j.get(jk)
        if jv is None or pv is None:
            continue
        print(f"{n:>5} {label:<34.34} {jv:8.2f} {pv:8.2f} {pv / jv:7.2f}")
    if "peak_heap_n2" in j:
        print(f"{n:>5} {'peak heap of a year, n^2 doubles':<34} {j['peak_heap_n2']:8.2f}   (target < 10; ran under -Xmx {j.get('xmx_n2', 0):.2f} n^2: {'ok' if j.get('memory_10n2_ok') else 'FAILED'})")
PY
