#!/usr/bin/env bash
# bin/tiva sql at the volume of 26 years without computing them: from a one-year warehouse
# (e.g. one n = 3645 year: tools/bench/issue15.sh), builds DIR with its runs, quality_checks, va_final_demand (one year) and
# indicators tables, the indicators year's data file hard-linked (no extra disk) under 25 more
# year=YYYY directories and added to the Delta log in one commit (12 M rows a year -> 313 M rows),
# then times five queries through both engines (tools/bench/sql.sh), with the load average.
#   tools/bench/sql-26-years.sh ONE_YEAR_WAREHOUSE DIR
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SRC="$1"; DIR="$2"
rm -rf "$DIR"; mkdir -p "$DIR"
cp -r "$SRC/runs" "$SRC/quality_checks" "$SRC/va_final_demand" "$SRC/indicators" "$DIR/"
python3 - "$DIR/indicators" <<'PY'
import glob, json, os, sys, time
t = sys.argv[1]
(f,) = glob.glob(os.path.join(t, "year=*", "*.parquet"))
year = int(os.path.basename(os.path.dirname(f)).split("=")[1])
logs = sorted(glob.glob(os.path.join(t, "_delta_log", "*.json")))
version = int(os.path.basename(logs[-1]).split(".")[0]) + 1
now = int(time.time() * 1000)
lines = [json.dumps({"commitInfo": {"timestamp": now, "operation": "WRITE", "operationParameters": {"mode": "Append"},
                                    "readVersion": version - 1, "isBlindAppend": True}})]
for y in range(year - 25, year):
    d = os.path.join(t, f"year={y}")
    os.makedirs(d)
    os.link(f, os.path.join(d, os.path.basename(f)))
    lines.append(json.dumps({"add": {"path": f"year={y}/{os.path.basename(f)}", "partitionValues": {"year": str(y)},
                                     "size": os.path.getsize(f), "modificationTime": now, "dataChange": True}}))
with open(os.path.join(t, "_delta_log", f"{version:020d}.json"), "w") as out:
    out.write("\n".join(lines) + "\n")
PY
"$ROOT/bin/tiva" sql --warehouse "$DIR" --engine duckdb "SELECT count(*) AS indicator_rows, count(DISTINCT year) AS years FROM indicators"
"$ROOT/tools/bench/sql.sh" "$DIR"
