#!/usr/bin/env bash
# Ingest of an OECD-style multi-year zip (issue 17: the first half of the 26-year nightly path),
# this build against an older one in the same invocation, alternating, from a warm page cache.
#   tools/bench/ingest-zip.sh ZIP [WORKDIR]      (WORKDIR default target/bench-ingest-zip)
#   BEFORE_JAR=... BEFORE_CP=...   an older build (its jar and launcher-classpath.txt)
#   REPEAT=N                       runs of each build (default 1)
# The zip: e.g. the one `FROM_ZIP=1 tools/bench/multiyear.sh` generates (26 ICIO-2023 CSVs at
# n = 3645, 3.8 GB). Prints the wall and CPU seconds of each run with the load average beside it,
# the parse and write seconds summed over the years (from the per-year log lines) and the ratio.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ZIP="${1:?usage: tools/bench/ingest-zip.sh ZIP [WORKDIR]}"
WORK="${2:-$ROOT/target/bench-ingest-zip}"
REPEAT="${REPEAT:-1}"
mkdir -p "$WORK"
cd "$ROOT"
JAR="$(ls jobs/target/tiva-jobs-*.jar | grep -v -- '-all\.jar$' | head -n 1)"
CP="$JAR:$(cat jobs/target/launcher-classpath.txt)"
cat "$ZIP" > /dev/null
one() { # $1 = classpath, $2 = label
  rm -rf "$WORK/store"
  local t0 t1 log="$WORK/ingest-$2.log" load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  t0=$(date +%s.%N)
  SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -f "cpu %U %S" java $(cat conf/jvmflags.txt) -Xss16m -Xmx4g \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dtiva.defaults="$ROOT/conf/application.conf" \
    -Dspark.master="local[2]" -cp "$1" io.tivaspark.jobs.Main ingest --format icio --in "$ZIP" --out "$WORK/store" \
    > "$log" 2>&1 || { tail -n 5 "$log"; exit 1; }
  t1=$(date +%s.%N)
  python3 - "$log" "$2" "$(echo "$t1 - $t0" | bc -l)" "$load" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import re, sys
log, label, wall, lb, la = sys.argv[1:]
text = open(log).read()
ph = re.findall(r"(?:parse|read) ([\d.]+) s, write ([\d.]+) s", text)
cpu = re.search(r"^cpu ([\d.]+) ([\d.]+)", text, re.M)
rows = re.search(r"(\d+) rows$", text, re.M)
print(f"{label:<8} whole {float(wall):6.1f} s  cpu {float(cpu[1]) + float(cpu[2]):6.1f} s  years {len(ph)}  "
      f"parse {sum(float(p) for p, _ in ph):6.1f} s  write {sum(float(w) for _, w in ph):6.1f} s (summed over years)  "
      f"rows {rows[1] if rows else '?'}  load before {lb}, after {la}")
PY
}
for i in $(seq "$REPEAT"); do
  [ -n "${BEFORE_JAR:-}" ] && one "$BEFORE_JAR:$(cat "${BEFORE_CP:?BEFORE_CP}")" before
  one "$CP" after
done
echo "zip: $ZIP ($(du -m "$ZIP" | cut -f1) MB); cores: $(nproc)"
