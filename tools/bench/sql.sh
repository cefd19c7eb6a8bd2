#!/usr/bin/env bash
# bin/tiva sql wall times, old path (Spark: --engine spark) vs new (auto: DuckDB on the current
# Delta files of the named tables), five queries, cold JVM each, with /proc/loadavg per timing.
#   tools/bench/sql.sh WAREHOUSE            (an existing warehouse), or
#   tools/bench/sql.sh --generate DIR R N A-B  (generate R regions x N industries, years A-B, run, then time)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TIVA="$ROOT/bin/tiva"
if [ "${1:-}" = "--generate" ]; then
  DIR="$2"; "$TIVA" generate --out "$DIR/store" --regions "$3" --industries "$4" --years "$5" --overwrite
  "$TIVA" run --input "$DIR/store" --warehouse "$DIR/wh"; WH="$DIR/wh"
else
  WH="$1"
fi
Q=(
  "SELECT count(*) AS n FROM runs"
  "SELECT year, count(*) AS n FROM indicators GROUP BY year ORDER BY year"
  "SELECT year, country, round(value, 2) AS dva_pct FROM indicators WHERE indicator = 'EXGR_DVASH' AND partner = 'WLD' AND industry = '_T' ORDER BY country, year LIMIT 20"
  "SELECT source_country, sum(value) AS va FROM va_final_demand WHERE year = (SELECT max(year) FROM va_final_demand) GROUP BY 1 ORDER BY va DESC LIMIT 5"
  "SELECT year, \`check\`, max(max_rel_error) AS worst FROM quality_checks GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 10"
)
echo "warehouse $WH ($(du -sh "$WH" | cut -f1))"
for q in "${Q[@]}"; do
  for engine in spark auto; do
    s=$(date +%s.%N)
    "$TIVA" sql --warehouse "$WH" --engine "$engine" --format csv "$q" > /tmp/tiva-sql-bench.out 2>/dev/null || echo "FAILED: $q"
    e=$(date +%s.%N)
    printf '%-5s %6.2f s  rows %-4s load %s  %s\n' "$engine" "$(echo "$e - $s" | bc)" \
      "$(($(wc -l < /tmp/tiva-sql-bench.out) - 1))" "$(cut -d' ' -f1-3 /proc/loadavg)" "${q:0:60}"
  done
done
