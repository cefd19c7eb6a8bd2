#!/usr/bin/env bash
# Headline TiVA figures from real data: the WIOD 2013 release, 1995-2009 (41 regions x 35
# industries), through the whole tiva-spark pipeline: ingest -> run -> sql. See docs/wiod-headlines.md.
#
#   tools/wiod/headlines.sh            # from the repository root (any cwd works)
#
# Environment:
#   TIVA_SHARED_DIR  the shared data directory (default: <repo>/../shared, as the Maven build);
#                    the tables are in $TIVA_SHARED_DIR/data/wiod2013/wiot_YYYY.csv.gz
#   WIOD_OUT         where the store, the warehouse and the logs go (default: <repo>/target/wiod);
#                    it is deleted and rebuilt on every run
#   TIVA_NO_BUILD=1  passed to bin/tiva: fail instead of building when the jar is stale
#
# Prints the headline table (CSV) and the wall time of each step; also writes them to
# $WIOD_OUT/headlines.csv, $WIOD_OUT/checks.csv and $WIOD_OUT/timings.txt. Everything bin/tiva logs
# goes to $WIOD_OUT/<step>.log.
#
# Run settings are the defaults of conf/application.conf: x = Z1 + y ("row-sums"), va = x - Z'1 (so
# WIOD's residual VA, which holds taxes less subsidies on products and the international transport
# margins, not only value added at basic prices), groups EU27, OECD, G20, ASEAN, USMCA (members
# absent from WIOD are ignored). fail-on-check stays false: WIOD fails I1 (row balance) by design.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="${TIVA_SHARED_DIR:-$ROOT/../shared}"
DATA="$SHARED/data/wiod2013"
OUT="${WIOD_OUT:-$ROOT/target/wiod}"
TIVA="$ROOT/bin/tiva"

[ -f "$DATA/wiot_1995.csv.gz" ] || { echo "headlines: no WIOD data in $DATA (set TIVA_SHARED_DIR)" >&2; exit 2; }
rm -rf "$OUT"
mkdir -p "$OUT"
: > "$OUT/timings.txt"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
step_time() { # name start
  local t; t="$(elapsed "$2" "$(now)")"
  echo "$1: $t s" | tee -a "$OUT/timings.txt" >&2
}

# ---- 1. ingest: 15 ICIO-layout CSV files -> canonical Parquet store ----------------------------
t0="$(now)"
set +e
"$TIVA" ingest --format icio --in "$DATA" --out "$OUT/store" > "$OUT/ingest.log" 2>&1
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  # Known issue: a directory --in takes every *.csv / *.csv.gz in it, and the WIOD folder also holds
  # industries.csv and fd_categories.csv (no year in the name) -> exit 3. Pass the tables instead.
  echo "headlines: ingest of the directory failed (exit $rc): $(grep -m1 '^tiva:' "$OUT/ingest.log" || tail -n1 "$OUT/ingest.log")" >&2
  echo "headlines: retrying with the 15 wiot_YYYY.csv.gz files" >&2
  rm -rf "$OUT/store"
  "$TIVA" ingest --format icio --in "$DATA"/wiot_*.csv.gz --out "$OUT/store" > "$OUT/ingest.log" 2>&1 \
    || { echo "headlines: ingest failed, see $OUT/ingest.log:" >&2; tail -n 5 "$OUT/ingest.log" >&2; exit 1; }
fi
step_time "ingest (15 years)" "$t0"

# ---- 2. run: every indicator of every year -> Delta tables ---------------------------------------
t0="$(now)"
"$TIVA" run --input "$OUT/store" --warehouse "$OUT/warehouse" > "$OUT/run.log" 2>&1 \
  || { echo "headlines: run failed, see $OUT/run.log:" >&2; tail -n 5 "$OUT/run.log" >&2; exit 1; }
step_time "run (15 years, all indicators)" "$t0"

# ---- 3. sql: the headline figures ----------------------------------------------------------------
# EXGR_DVASH: domestic value added in gross exports, % of gross exports, to all partners (WLD),
# all industries (_T). VAX_RATIO of country WLD: world value-added exports / world gross exports.
QUERY="
SELECT year,
  ROUND(MAX(CASE WHEN indicator = 'EXGR_DVASH' AND country = 'CHN'   THEN value END), 2) AS chn_exgr_dvash,
  ROUND(MAX(CASE WHEN indicator = 'EXGR_DVASH' AND country = 'DEU'   THEN value END), 2) AS deu_exgr_dvash,
  ROUND(MAX(CASE WHEN indicator = 'EXGR_DVASH' AND country = 'USA'   THEN value END), 2) AS usa_exgr_dvash,
  ROUND(MAX(CASE WHEN indicator = 'EXGR_DVASH' AND country = 'EU27'  THEN value END), 2) AS eu27_exgr_dvash,
  ROUND(MAX(CASE WHEN indicator = 'VAX_RATIO'  AND country = 'CHN'   THEN value END), 4) AS chn_vax_ratio,
  ROUND(MAX(CASE WHEN indicator = 'VAX_RATIO'  AND country = 'WLD'   THEN value END), 4) AS wld_vax_ratio
FROM indicators
WHERE partner = 'WLD' AND industry = '_T' AND indicator IN ('EXGR_DVASH', 'VAX_RATIO')
GROUP BY year
ORDER BY year"
t0="$(now)"
"$TIVA" sql --warehouse "$OUT/warehouse" "$QUERY" > "$OUT/headlines.csv" 2> "$OUT/sql.log" \
  || { echo "headlines: sql failed, see $OUT/sql.log:" >&2; tail -n 5 "$OUT/sql.log" >&2; exit 1; }
step_time "sql (headlines)" "$t0"

# Which identity checks failed, per year (expected: I1 row balance, the I2 flags, and T1/T7/T8 in
# the years with "ghost" sectors, see docs/wiod-headlines.md).
CHECKS="
SELECT year, check, scope, ROUND(max_abs_error, 3) AS max_abs_error, worst
FROM quality_checks
WHERE NOT passed
ORDER BY year, check, scope"
"$TIVA" sql --warehouse "$OUT/warehouse" "$CHECKS" > "$OUT/checks.csv" 2>> "$OUT/sql.log" \
  || { echo "headlines: sql (checks) failed, see $OUT/sql.log" >&2; exit 1; }

echo "== WIOD 2013 headline figures (EXGR_DVASH in %, partner WLD, all industries) =="
cat "$OUT/headlines.csv"
echo
echo "== failed quality checks: $(($(wc -l < "$OUT/checks.csv") - 1)) rows, in $OUT/checks.csv; by check:"
awk -F, 'NR > 1 { n[$2]++ } END { for (c in n) printf "  %s: %d\n", c, n[c] }' "$OUT/checks.csv" | sort
echo
echo "== wall times =="
cat "$OUT/timings.txt"
