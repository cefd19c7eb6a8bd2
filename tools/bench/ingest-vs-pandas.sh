#!/usr/bin/env bash
# Ingest against pandas.read_csv (issue 17), in one invocation, both from a warm page cache:
# an ICIO-2023-layout year at n = 3645 (77 countries, CHN and MEX split into CN1/CN2 and MX1/MX2:
# 81 blocks x 45 industries; 3645 + 462 + 1 columns; ~290 MB of CSV, generated once with
# IcioFiles as tools/bench/ingest.sh does), then
#   1. pandas.read_csv(file, index_col=0)           (C engine: the target; engine="pyarrow" too with PYARROW=1)
#   2. bin/tiva ingest --format icio                (whole command: JVM + Spark start, parse, write)
#      and the parse / write phases from its log line "ingested ...: parse X s, write Y s"
#      once with the JVM's default JIT and once with the quick JIT only (-XX:TieredStopAtLevel=1),
#      which bin/tiva uses for an ingest of less than 1 GiB of local input (docs/performance.md, tenth pass)
#   3. optionally the same with an older build (BEFORE_JAR=path/to/tiva-jobs.jar and
#      BEFORE_CP=its launcher-classpath.txt), for a before/after table
# Prints wall and CPU seconds (user + sys: less sensitive than wall time to a loaded machine),
# ratios to pandas, store rows written per second and the load average next to each timing.
# Usage: tools/bench/ingest-vs-pandas.sh [WORKDIR]   (default target/bench-ingest)
#   PYTHON=...   a python with pandas + pyarrow (default: a venv under target/bench-venv, made
#                with pip install pandas pyarrow when missing)
#   REPEAT=N     runs of each side (default 2; the best is reported)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-$ROOT/target/bench-ingest}"
REPEAT="${REPEAT:-2}"
mkdir -p "$WORK"
cd "$ROOT"
if [ -z "${PYTHON:-}" ]; then
  if [ ! -x target/bench-venv/bin/python ]; then
    python3 -m venv target/bench-venv
    target/bench-venv/bin/pip install -q pandas pyarrow
  fi
  PYTHON="$ROOT/target/bench-venv/bin/python"
fi
if [ ! -f jobs/target/launcher-classpath.txt ] || [ -z "$(ls jobs/target/tiva-jobs-*.jar 2>/dev/null)" ]; then
  mvn -q -B -o -DskipTests package >&2
fi
JAR="$(ls jobs/target/tiva-jobs-*.jar | grep -v -- '-all\.jar$' | head -n 1)"
CP="$JAR:$(cat jobs/target/launcher-classpath.txt)"
CSV="$WORK/in/ICIO2023_2020.csv"
if [ ! -f "$CSV" ]; then
  java -Xmx3g -cp "$CP" io.tivaspark.common.io.IcioFiles --out "$WORK/in" --regions 77 --industries 45 \
    --years 2020-2020 --edition 2023
fi
ROWS=$(($(wc -l < "$CSV") - 1))
echo "file: $CSV ($(du -m "$CSV" | cut -f1) MB, $ROWS data rows, $(head -1 "$CSV" | tr ',' '\n' | wc -l) columns incl. the label column)"
cat "$CSV" > /dev/null # warm page cache for every side
load() { cut -d' ' -f1-3 /proc/loadavg; }

# pandas: best of REPEAT, C engine and pyarrow engine
PANDAS_OUT=$("$PYTHON" - "$CSV" "$REPEAT" "${PYARROW:-0}" <<'PY'
import sys, time
import pandas as pd
engines = ("c", "pyarrow") if sys.argv[3] == "1" else ("c",)
best = {e: (1e9, 1e9) for e in ("c", "pyarrow")}
for _ in range(int(sys.argv[2])):
    for eng in engines:
        t, c = time.time(), time.process_time()
        df = pd.read_csv(sys.argv[1], index_col=0, engine=eng)
        best[eng] = min(best[eng], (time.time() - t, time.process_time() - c))
print(f"{best['c'][0]:.2f} {best['c'][1]:.2f} {best['pyarrow'][0]:.2f} {pd.__version__} {df.shape[0]}x{df.shape[1]}")
PY
)
read -r PANDAS PANDAS_CPU PANDAS_PA PD_VERSION PD_SHAPE <<< "$PANDAS_OUT"
PANDAS_LOAD=$(load)

# one ingest: whole-command wall seconds, parse and write seconds from the log, CPU seconds, store rows
ingest() { # $1 = classpath, $2 = log file, $3 = extra JVM flags
  rm -rf "$WORK/store"
  local t0 t1
  t0=$(date +%s.%N)
  SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -f "cpu %U %S" java $(cat conf/jvmflags.txt) ${3:-} -Xss16m -Xmx4g \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dtiva.defaults="$ROOT/conf/application.conf" \
    -Dspark.master="local[2]" -cp "$1" io.tivaspark.jobs.Main ingest --format icio --in "$CSV" --out "$WORK/store" \
    > "$2" 2>&1
  t1=$(date +%s.%N)
  local phases cpu rows
  phases=$(grep -o 'parse [0-9.]* s, write [0-9.]* s' "$2" | tail -1 | awk '{print $2, $5}')
  cpu=$(grep '^cpu ' "$2" | tail -1 | awk '{print $2 + $3}')
  rows=$(grep -o '[0-9]* rows$' "$2" | tail -1 | cut -d' ' -f1)
  echo "$(echo "$t1 - $t0" | bc -l) ${phases:-0 0} ${cpu:-0} ${rows:-0}"
}
best_of() { # $1 = classpath, $2 = label, $3 = extra JVM flags: best whole-command run of REPEAT
  local best="" line
  for i in $(seq "$REPEAT"); do
    line=$(ingest "$1" "$WORK/ingest-$2-$i.log" "${3:-}")
    if [ -z "$best" ] || [ "$(echo "${line%% *} < ${best%% *}" | bc -l)" = 1 ]; then best="$line"; fi
  done
  echo "$best"
}
report() { # label, "whole parse write cpu rows", load
  read -r whole parse write cpu rows <<< "$2"
  printf '%-26s whole %6.1f s (cpu %6.1f s)  parse %5s s  write %5s s  whole/pandas %5.2f  (parse+write)/pandas %5.2f  %5.2f M store rows/s of parse+write  load %s\n' \
    "$1" "$whole" "$cpu" "$parse" "$write" "$(echo "$whole / $PANDAS" | bc -l)" \
    "$(echo "($parse + $write) / $PANDAS" | bc -l)" "$(echo "$rows / ($parse + $write + 0.001) / 1000000" | bc -l)" "$3"
}
AFTER=$(best_of "$CP" after)
AFTER_LOAD=$(load)
QUICK=$(best_of "$CP" quick -XX:TieredStopAtLevel=1)
QUICK_LOAD=$(load)
if [ -n "${BEFORE_JAR:-}" ]; then
  BEFORE=$(best_of "$BEFORE_JAR:$(cat "${BEFORE_CP:?BEFORE_CP: the launcher-classpath.txt of BEFORE_JAR}")" before)
  BEFORE_LOAD=$(load)
fi
echo "pandas $PD_VERSION read_csv -> $PD_SHAPE (best of $REPEAT)"
printf '%-26s %6.2f s (cpu %.2f s)%s  load %s\n' "pandas.read_csv" "$PANDAS" "$PANDAS_CPU" \
  "$([ "${PYARROW:-0}" = 1 ] && echo " (engine=pyarrow: $PANDAS_PA s)")" "$PANDAS_LOAD"
[ -n "${BEFORE:-}" ] && report "tiva ingest (before)" "$BEFORE" "$BEFORE_LOAD"
report "tiva ingest (this build)" "$AFTER" "$AFTER_LOAD"
report "  with the quick JIT only" "$QUICK" "$QUICK_LOAD"
echo "cores: $(nproc); loadavg now: $(cat /proc/loadavg)"
