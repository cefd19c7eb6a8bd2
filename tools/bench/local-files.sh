#!/usr/bin/env bash
# Hadoop's local file systems against tiva's (store.LocalFiles: no chmod or readlink process per
# file), in one invocation, alternating: per side ms per mkdirs and per FileContext create + rename
# (LocalFilesBench). With BEFORE_DIR=<jobs/target of a build without LocalFiles>, also
# `tiva demo` of that build and of this one, alternating (PAIRS, default 3): wall, CPU (user + sys)
# and the sum of the run's table commits. The load average is printed beside each line.
#   tools/bench/local-files.sh                       the file-system calls only
#   BEFORE_DIR=/old/jobs/target tools/bench/local-files.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
[ -f jobs/target/launcher-classpath.txt ] && [ -d jobs/target/test-classes ] \
  || { echo "local-files.sh: build first (mvn -DskipTests package; mvn -pl jobs test-compile)"; exit 2; }
CP="$ROOT/jobs/target/classes:$ROOT/jobs/target/test-classes:$(cat jobs/target/launcher-classpath.txt)"
load() { cut -d' ' -f1-3 /proc/loadavg; }
for side in hadoop ours hadoop ours; do
  java -Xmx1g -cp "$CP" io.tivaspark.jobs.store.LocalFilesBench "$side" 2>/dev/null | sed "s/\$/  load $(load)/"
done
[ -n "${BEFORE_DIR:-}" ] || exit 0
OUT="$ROOT/target/bench-local-files"
FLAGS="$(tr '\n' ' ' < conf/jvmflags.txt)"
jar_of() { ls "$1"/tiva-jobs-*.jar | grep -v -- '-all\.jar$' | head -n 1; }
for i in $(seq "${PAIRS:-3}"); do
  for side in before after; do
    dir="$BEFORE_DIR"; [ "$side" = after ] && dir="$ROOT/jobs/target"
    rm -rf "$OUT/$side" && mkdir -p "$OUT/$side"
    l="$(load)"
    # bin/tiva's JVM line for the demo (the quick JIT), with that side's jar
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S" -o "$OUT/time" java $FLAGS -XX:TieredStopAtLevel=1 -Xss16m -Xmx4g \
      -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dtiva.defaults="$ROOT/conf/application.conf" \
      -cp "$(jar_of "$dir"):$(cat "$dir/launcher-classpath.txt")" io.tivaspark.jobs.Main demo \
      --input "$OUT/$side/data" --warehouse "$OUT/$side/wh" > /dev/null 2> "$OUT/$side.log"
    commits=$( (grep -oE 'committed [a-z_]+: .* in [0-9.]+ s' "$OUT/$side.log" || true) | awk '{s += $(NF-1)} END {print s + 0}')
    read -r wall user sys < "$OUT/time"
    printf 'demo %-6s wall %5.1f s  cpu %5.1f s (sys %4.1f)  table commits %4.1f s  load %s\n' "$side" "$wall" \
      "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" "$sys" "$commits" "$l"
  done
done
