#!/usr/bin/env bash
# The fat jar under the real spark-submit path (org.apache.spark.deploy.SparkSubmit, --master
# local[2]) with only Spark's own jars on the classpath: proves the jar bundles everything else
# (Delta, Typesafe Config, tiva-common) and that generate + run + sql work as a data engineer
# would submit them. Used by bin/test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
FAT="$(ls jobs/target/tiva-jobs-*-all.jar | head -n 1)"
# Spark (and what Spark ships) only: drop our modules and every dependency Spark does not ship
# (Delta, Unity Catalog, Config, POI and its helpers, the bundled OpenBLAS: the fat jar must bring
# them; DuckDB and JLine: left out of the fat jar on purpose, so `sql` answers through Spark here)
SPARK_CP="$(tr ':' '\n' < jobs/target/launcher-classpath.txt \
  | grep -vE '/io/delta/|/io/unitycatalog/|/com/typesafe/config/|tiva-common|/common/target/|/org/apache/poi/|/org/apache/xmlbeans/|/com/zaxxer/|/com/github/virtuald/|/org/bytedeco/|/org/duckdb/|/org/jline/' \
  | paste -sd: -)"
# the quick JIT (as bin/tiva gives small inputs, and as the cluster scripts do): these are short JVMs
# on a tiny store; the whole script took 93 s instead of 109 s (load 1.4-1.9)
FLAGS="$(cat conf/jvmflags.txt) -XX:TieredStopAtLevel=1"
WORK="$ROOT/target/spark-submit-it"
rm -rf "$WORK"; mkdir -p "$WORK"
# submit ARGS...: the fat jar through SparkSubmit; JVM_EXTRA adds JVM flags (e.g. system properties)
submit() {
  # shellcheck disable=SC2086
  java $FLAGS ${JVM_EXTRA:-} -Xss16m -Xmx2g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$SPARK_CP" \
    org.apache.spark.deploy.SparkSubmit --master 'local[2]' \
    --conf spark.databricks.delta.snapshotPartitions=2 --conf spark.ui.enabled=false \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --class io.tivaspark.jobs.Main "$FAT" "$@"
}
submit generate --out "$WORK/store" --regions 4 --industries 3 --years 2001-2002 --seed 5
submit run --input "$WORK/store" --warehouse "$WORK/warehouse"
out="$(submit sql --warehouse "$WORK/warehouse" "SELECT year, count(*) AS n FROM indicators GROUP BY year ORDER BY year")"
echo "$out"
[ "$(echo "$out" | grep -cE '^200[12],[0-9]+$')" = "2" ] || { echo "spark-submit-local: unexpected sql output" >&2; exit 1; }
# a node without a system OpenBLAS (hidden, not uninstalled: netlib's library names point at files
# that do not exist): the years must still run on native code, the OpenBLAS the fat jar bundles
JVM_EXTRA="-Ddev.ludovic.netlib.lapack.nativeLib=libtiva-hidden.so.3 -Ddev.ludovic.netlib.blas.nativeLib=libtiva-hidden.so.3" \
  submit run --input "$WORK/store" --warehouse "$WORK/warehouse-nosys" \
  > "$WORK/nosys.txt" 2>&1 || { cat "$WORK/nosys.txt" >&2; exit 1; }
grep -E "year 200[12] computed in .*\(JNILAPACK/JNIBLAS \(bundled\)" "$WORK/nosys.txt" \
  || { echo "spark-submit-local: without a system OpenBLAS the years did not run on the bundled one" >&2; exit 1; }
# the interactive shell with piped input (no JLine, no DuckDB on this classpath: Spark answers)
out="$(printf 'SELECT count(*) AS n FROM runs;\n\\q\n' | submit sql --warehouse "$WORK/warehouse")"
echo "$out"
grep -qE '^1$' <<< "$out" || { echo "spark-submit-local: unexpected sql shell output" >&2; exit 1; }
# an Excel workbook (POI from the fat jar): the WIOD 2013 mock of ../shared/data
MOCK="$ROOT/../shared/data/pymrio-mocks/wiod_mock/wiot09_row_sep12.xlsx"
if [ -f "$MOCK" ]; then
  submit ingest --format wiod2016 --in "$MOCK" --out "$WORK/wiod-store"
  [ -f "$WORK/wiod-store/mrio.json" ] || { echo "spark-submit-local: ingest of $MOCK wrote no store" >&2; exit 1; }
elif [ "${TIVA_REQUIRE_SHARED:-0}" = "1" ]; then
  echo "spark-submit-local: $MOCK is missing and TIVA_REQUIRE_SHARED=1" >&2; exit 1
else
  echo "spark-submit-local: SKIPPED the Excel ingest: $MOCK is missing (../shared/data absent)" >&2
fi
set +e
submit run --input "$WORK/missing" --warehouse "$WORK/warehouse" 2>"$WORK/err.txt"
code=$?
set -e
[ "$code" = "2" ] || { echo "spark-submit-local: expected exit 2 for a missing input, got $code" >&2; cat "$WORK/err.txt" >&2; exit 1; }
echo "spark-submit local[2]: ok (fat jar $(basename "$FAT"))"
