#!/usr/bin/env bash
# The fat jar under the real spark-submit path (org.apache.spark.deploy.SparkSubmit, --master
# local[2]) with only Spark's own jars on the classpath: proves the jar bundles everything else
# (Delta, Typesafe Config, tiva-common) and that generate + run + sql work as a data engineer
# would submit them. Used by bin/test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
FAT="$(ls jobs/target/tiva-jobs-*-all.jar | head -n 1)"
# Spark (and what Spark ships) only: drop our modules, Delta, Unity Catalog and Config
SPARK_CP="$(tr ':' '\n' < jobs/target/launcher-classpath.txt \
  | grep -vE '/io/delta/|/io/unitycatalog/|/com/typesafe/config/|tiva-common|/common/target/' | paste -sd: -)"
FLAGS="$(cat conf/jvmflags.txt)"
WORK="$ROOT/target/spark-submit-it"
rm -rf "$WORK"; mkdir -p "$WORK"
submit() {
  # shellcheck disable=SC2086
  java $FLAGS -Xss16m -Xmx2g -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$SPARK_CP" \
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
set +e
submit run --input "$WORK/missing" --warehouse "$WORK/warehouse" 2>"$WORK/err.txt"
code=$?
set -e
[ "$code" = "2" ] || { echo "spark-submit-local: expected exit 2 for a missing input, got $code" >&2; cat "$WORK/err.txt" >&2; exit 1; }
echo "spark-submit local[2]: ok (fat jar $(basename "$FAT"))"
