#!/usr/bin/env bash
# Nightly tiva-spark run for cron (docs/cluster.md §6). Client deploy mode, so this script gets
# tiva's own exit code from spark-submit:
#   0 ok | 1 failure (storage, cluster; retried here once) | 2 usage/configuration (fix the job)
#   3 invalid input (other years committed, runs.status = PARTIAL) | 4 quality check failed
#   (everything written; see table quality_checks)
# crontab:  15 2 * * *  /opt/tiva/examples/cron/tiva-nightly.sh >> /var/log/tiva/cron.log 2>&1
# Everything below can be overridden from the environment.
set -uo pipefail

SPARK_SUBMIT="${SPARK_SUBMIT:-${SPARK_HOME:-/opt/spark}/bin/spark-submit}"
TIVA_JAR="${TIVA_JAR:-/opt/tiva/tiva-jobs-0.1.0-SNAPSHOT-all.jar}"
TIVA_CONF="${TIVA_CONF:-/opt/tiva/conf/cluster.conf}"
MASTER="${MASTER:-yarn}"                      # or spark://master:7077, k8s://https://...
INPUT="${INPUT:-hdfs:///mrio/icio2023}"
WAREHOUSE="${WAREHOUSE:-hdfs:///tiva/warehouse}"
LOG_DIR="${LOG_DIR:-/var/log/tiva}"
ALERT="${ALERT:-logger -t tiva-nightly}"      # e.g. a mail or chat webhook command; gets one line
LOCK="${LOCK:-/tmp/tiva-nightly.lock}"

mkdir -p "$LOG_DIR"
log="$LOG_DIR/tiva-nightly-$(date +%Y%m%dT%H%M%S).log"

# one nightly at a time on this host (tiva also locks the warehouse itself)
exec 9> "$LOCK"
if ! flock -n 9; then
  $ALERT "tiva nightly: previous run still active, skipped"; exit 0
fi

submit() {
  # secrets: none on this command line (they would show in ps); use instance roles/workload
  # identity, or ${?ENV} references in the config file
  "$SPARK_SUBMIT" --master "$MASTER" --deploy-mode client \
    --name "tiva-nightly-$(date +%F)" \
    --driver-memory 2g --driver-java-options "-Xss16m" \
    --conf spark.executor.extraJavaOptions=-Xss16m \
    --class io.tivaspark.jobs.Main "$TIVA_JAR" \
    run --conf "$TIVA_CONF" --input "$INPUT" --warehouse "$WAREHOUSE" --incremental \
    >> "$log" 2>&1
}

for attempt in 1 2; do
  submit; code=$?
  [ $code -eq 1 ] && [ $attempt -eq 1 ] || break
  echo "exit 1 (failure): retrying once in 10 minutes" >> "$log"; sleep 600
done

last="$(grep '^tiva: ' "$log" | tail -n 1)"
case $code in
  0) echo "$(date -Is) tiva nightly ok: $(grep -oE 'run [0-9TZ]+-[0-9a-f]+ [A-Z]+.*' "$log" | tail -n 1)" ;;
  2) $ALERT "tiva nightly: configuration error (exit 2), fix the job: $last (log $log)" ;;
  3) $ALERT "tiva nightly: invalid input (exit 3), other years committed: $last (log $log)" ;;
  4) $ALERT "tiva nightly: quality check failed (exit 4), data written: $last (log $log)" ;;
  *) $ALERT "tiva nightly: failed (exit $code) after retry: $last (log $log)" ;;
esac
exit $code
