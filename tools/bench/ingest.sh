#!/usr/bin/env bash
# Ingest speed benchmark (issue 4): an ICIO-2023-size table (extended layout: 77 countries with
# CHN and MEX split into CN1/CN2 and MX1/MX2 -> 81 blocks x 45 industries = 3645 rows,
# 3645 + 462 + 1 = 4108 columns, ~300 MB of CSV), generated with the generator and
# IcioEdition.write, then timed side by side:
#   1. bin/tiva ingest --format icio (parse + write the Parquet store, whole CLI incl. JVM + Spark start)
#   2. pandas.read_csv on the same file (parse only, into a DataFrame)
# Target: (1) under 30 s on 2 cores. Not a unit test; run by hand:
#   tools/bench/ingest.sh [WORKDIR]     (default target/bench-ingest; PYTHON=... to choose python)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-$ROOT/target/bench-ingest}"
PY="${PYTHON:-/work/main/.venv/bin/python}"
mkdir -p "$WORK"
cd "$ROOT"
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
echo "file: $CSV ($(du -m "$CSV" | cut -f1) MB, $(($(wc -l < "$CSV") - 1)) data rows, $(head -1 "$CSV" | tr ',' '\n' | wc -l) columns incl. the label column)"
rm -rf "$WORK/store"
t0=$(date +%s.%N)
TIVA_NO_BUILD=1 TIVA_SPARK_MASTER="local[2]" bin/tiva ingest --format icio --in "$CSV" --out "$WORK/store"
t1=$(date +%s.%N)
TIVA=$(echo "$t1 - $t0" | bc -l)
PANDAS=$("$PY" - "$CSV" <<'PY'
import sys, time
import pandas as pd
t = time.time()
df = pd.read_csv(sys.argv[1], index_col=0)
el = time.time() - t
print(f"{el:.2f}", file=sys.stdout)
print(f"pandas {pd.__version__}: read_csv -> DataFrame {df.shape[0]} x {df.shape[1]}", file=sys.stderr)
PY
)
printf 'tiva ingest (CLI end to end, local[2]): %.1f s\n' "$TIVA"
printf 'pandas.read_csv (parse only):           %.1f s\n' "$PANDAS"
printf 'ratio tiva / pandas:                     %.2f\n' "$(echo "$TIVA / $PANDAS" | bc -l)"
awk -v t="$TIVA" 'BEGIN { if (t < 30) print "target < 30 s: met"; else print "target < 30 s: MISSED" }'
