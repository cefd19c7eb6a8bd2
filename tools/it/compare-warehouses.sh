#!/usr/bin/env bash
# Compares the curated tables of two warehouses computed from the same input, for a refactoring
# that must not change results: every table's rows must match on their keys (every column but
# value and run_id) and every value must agree to TOL relative (|a - b| <= TOL * max(1, |a|);
# NULL only where the other is NULL). quality_checks: same checks and the same passed flag.
#   tools/it/compare-warehouses.sh WAREHOUSE_A WAREHOUSE_B [TOL (default 1e-12)]
# Prints one line per table and exits 1 when any table differs. Uses bin/tiva sql (TIVA_NO_BUILD
# and the rest of bin/tiva's environment apply).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
A="$(cd "$1" && pwd)"; B="$(cd "$2" && pwd)"; TOL="${3:-1e-12}"
declare -A KEYS=(
  [indicators]="year, indicator, country, partner, industry, unit"
  [va_final_demand]="year, source_country, source_industry, demand_country"
  [va_origin_exports]="year, source_country, source_industry, exporter, export_industry"
  [va_origin_imports]="year, source_country, source_industry, importer, partner, import_industry"
  [va_final_demand_product]="year, source_country, source_industry, demand_country, product_industry"
  [va_exports_destination]="year, source_country, exporter, export_industry, destination, flow"
  [export_decomposition]="year, method, exporter, importer, industry, term"
  [export_decomposition_third]="year, method, exporter, importer, third_country, industry, term"
  [gvc_measures]="year, measure, country, industry"
  [footprints]="year, stressor, account, country, partner, unit"
  [footprint_coefficients]="year, stressor, coefficient, country, industry, unit"
)
q=""
for t in "${!KEYS[@]}"; do
  k="${KEYS[$t]}"
  on="$(echo "$k" | sed -E 's/([a-z_]+)/a.\1 <=> b.\1/g; s/,/ AND/g')"
  q+="${q:+ UNION ALL }SELECT '$t' AS tbl, count(*) AS rows_a_or_b,
    sum(CASE WHEN a.year IS NULL OR b.year IS NULL THEN 1 ELSE 0 END) AS unmatched,
    sum(CASE WHEN (a.value IS NULL) <> (b.value IS NULL)
      OR abs(a.value - b.value) > $TOL * greatest(1D, abs(a.value)) THEN 1 ELSE 0 END) AS differ,
    max(abs(a.value - b.value) / greatest(1D, abs(a.value))) AS max_rel
    FROM delta.\`$A/$t\` a FULL OUTER JOIN delta.\`$B/$t\` b ON $on"
done
q+=" UNION ALL SELECT 'quality_checks', count(*), sum(CASE WHEN a.year IS NULL OR b.year IS NULL THEN 1 ELSE 0 END),
    sum(CASE WHEN a.passed <> b.passed THEN 1 ELSE 0 END), CAST(NULL AS DOUBLE)
    FROM delta.\`$A/quality_checks\` a FULL OUTER JOIN delta.\`$B/quality_checks\` b
    ON a.year = b.year AND a.check = b.check AND a.scope = b.scope AND a.family = b.family"
out="$("$ROOT/bin/tiva" sql --warehouse "$A" "SELECT * FROM ($q) ORDER BY tbl")"
echo "$out"
echo "$out" | awk -F, 'NR > 1 && ($3 != 0 || $4 != 0) { bad = 1 } END { if (bad) { print "compare-warehouses: DIFFERENT"; exit 1 } print "compare-warehouses: same rows, values within tolerance" }'
