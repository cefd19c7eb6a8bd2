#!/usr/bin/env bash
# Bundled OpenBLAS and its thread count (issue 17; docs/performance.md "Native BLAS with no install"):
# IcioBench's `all` (build + core + gvc of one year) at n = N, the system library hidden so that the
# bundled OpenBLAS is loaded (NativeBlas), in three set-ups on the same machine, one after another:
#   alone      one JVM, tiva.blas.threads = cores
#   two-c      two JVMs at once, each with tiva.blas.threads = cores (oversubscribed: 2c threads)
#   two-c/2    two JVMs at once, each with tiva.blas.threads = max(1, cores / 2) (NativeBlas.threadsFor)
#   then alone with cores again, and alone with cores / 2
# and prints each RESULT line with the load average next to it.
#   tools/bench/blas-threads.sh [WORKDIR]    N=3645 REPS=1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mkdir -p "${1:-$ROOT/target/bench-threads}" && cd "${1:-$ROOT/target/bench-threads}" && pwd)"
N="${N:-3645}"
REPS="${REPS:-1}"
C="$(nproc)"
HALF=$(( C / 2 > 0 ? C / 2 : 1 ))
cd "$ROOT"
mvn -q -B -o -pl common test-compile
mvn -q -B -o -pl common dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="$ROOT/common/target/classes:$ROOT/common/target/test-classes:$(cat "$WORK/cp.txt")"
HIDE=(-Ddev.ludovic.netlib.lapack.nativeLib=libhidden.so.3 -Ddev.ludovic.netlib.blas.nativeLib=libhidden.so.3)
bench() { # label threads
  java -Xss16m -Xmx4g --add-modules=jdk.incubator.vector "${HIDE[@]}" -Dtiva.blas.threads="$2" -cp "$CP" \
    io.tivaspark.common.math.IcioBench --sizes "$N" --reps "$REPS" 2>&1 \
    | grep -e 'RESULT java [0-9]* all ' -e 'bundled' | sed "s/^/$1 /"
}
echo "cores $C; load before: $(cat /proc/loadavg)"
bench "alone threads=$C" "$C"
echo "load: $(cat /proc/loadavg)"
bench "two-at-once#1 threads=$C" "$C" & bench "two-at-once#2 threads=$C" "$C" & wait
echo "load: $(cat /proc/loadavg)"
bench "two-at-once#1 threads=$HALF" "$HALF" & bench "two-at-once#2 threads=$HALF" "$HALF" & wait
echo "load: $(cat /proc/loadavg)"
bench "alone threads=$C (again)" "$C"
echo "load: $(cat /proc/loadavg)"
bench "alone threads=$HALF" "$HALF"
echo "load after: $(cat /proc/loadavg)"
