#!/usr/bin/env bash
# Before/after of the math at one size, alternating JVMs (same table, same process layout):
#   BEFORE=<dir of old common classes> [N=3645] [ROUNDS=2] tools/bench/before_after.sh
# e.g. copy common/target/classes to target/bench/classes-before before changing the code.
# The IcioBench of the current test-classes drives both (it uses only API that predates issue 7).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BEFORE="${BEFORE:?set BEFORE to a directory of old common classes}"
N="${N:-3645}"
mkdir -p target/bench
mvn -q -B -o -pl common test-compile
mvn -q -B -o -pl common dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/cp.txt >/dev/null
DEP=$(cat target/bench/cp.txt)
for r in $(seq 1 "${ROUNDS:-2}"); do
  for v in before after; do
    if [ $v = before ]; then C="$BEFORE"; else C=common/target/classes; fi
    echo "== $v round $r"
    java -Xss16m -Xmx6g --add-modules=jdk.incubator.vector -cp "$C:common/target/test-classes:$DEP" \
      io.tivaspark.common.math.IcioBench --sizes "$N" --reps "${REPS:-2}" 2>&1 \
      | grep -v -e WARNING -e InstanceBuilder -e "INFO: Using"
  done
done
