#!/usr/bin/env bash
# A Spark standalone cluster on this machine (loopback only) from Maven's Spark jars, for trying
# spark-submit without a Spark distribution (docs/cluster.md). Processes are tracked by pid in
# DIR/pids and stopped by pid (never by name).
#   tools/cluster/standalone.sh start [--workers N] [--cores C] [--memory M] [--port P] [--dir DIR] [--rest]
#   tools/cluster/standalone.sh status [--dir DIR]
#   tools/cluster/standalone.sh stop [--dir DIR]
# Defaults: 2 workers of 1 core / 2g, master port 7077 (web UI 8080, workers 8081...),
# DIR target/standalone. `start` prints the master URL; then submit, e.g.
#   java $(cat conf/jvmflags.txt) -Xss16m -cp "target/standalone/spark-home/jars/*" \
#     org.apache.spark.deploy.SparkSubmit --master spark://127.0.0.1:7077 --conf spark.driver.host=127.0.0.1 \
#     --conf spark.executor.memory=1g --conf spark.executor.cores=1 --conf spark.executor.extraJavaOptions=-Xss16m \
#     --class io.tivaspark.jobs.Main jobs/target/tiva-jobs-0.1.0-SNAPSHOT-all.jar run --input ... --warehouse ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cmd="${1:-}"; shift || true
WORKERS=2; CORES=1; MEMORY=2g; PORT=7077; DIR="$ROOT/target/standalone"; REST=false
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) WORKERS="$2"; shift 2 ;;
    --cores) CORES="$2"; shift 2 ;;
    --memory) MEMORY="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    --rest) REST=true; shift ;;
    *) echo "standalone: unknown option $1" >&2; exit 2 ;;
  esac
done
PIDS="$DIR/pids"

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
stop_pid() {
  local p="$1" n=50
  alive "$p" || return 0
  kill "$p" 2>/dev/null || true
  while alive "$p" && [ $n -gt 0 ]; do sleep 0.2; n=$((n - 1)); done
  alive "$p" && kill -9 "$p" 2>/dev/null || true
}

case "$cmd" in
  start)
    if [ -f "$PIDS" ] && awk '{print $1}' "$PIDS" | while read -r p; do alive "$p" && echo x; done | grep -q x; then
      echo "standalone: already running (see $PIDS); stop it first" >&2; exit 1
    fi
    mkdir -p "$DIR"
    "$ROOT/tools/cluster/spark-home.sh" "$DIR/spark-home" >/dev/null
    export SPARK_HOME="$DIR/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
    FLAGS="$(cat "$ROOT/conf/jvmflags.txt")"
    : > "$PIDS"
    # shellcheck disable=SC2086
    # REST submission gateway off (unauthenticated; pass --rest to turn it on at port+1)
    java -Xmx512m $FLAGS -Dspark.master.rest.enabled="$REST" -Dspark.master.rest.port=$((PORT + 1)) \
      -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$PORT" --webui-port $((PORT + 1003)) > "$DIR/master.log" 2>&1 &
    echo "$! master" >> "$PIDS"
    for i in $(seq 1 "$WORKERS"); do
      mkdir -p "$DIR/work$i"
      # shellcheck disable=SC2086
      java -Xmx512m $FLAGS -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --webui-port $((PORT + 1003 + i)) --cores "$CORES" --memory "$MEMORY" \
        --work-dir "$DIR/work$i" "spark://127.0.0.1:$PORT" > "$DIR/worker$i.log" 2>&1 &
      echo "$! worker" >> "$PIDS"
    done
    deadline=$((SECONDS + 90))
    until [ "$(cat "$DIR"/worker*.log 2>/dev/null | grep -c 'Successfully registered with master')" = "$WORKERS" ]; do
      if [ $SECONDS -ge $deadline ]; then
        echo "standalone: workers not registered within 90 s (logs in $DIR); stopping" >&2
        "$0" stop --dir "$DIR"; exit 1
      fi
      sleep 0.5
    done
    echo "standalone: master + $WORKERS workers ($CORES cores, $MEMORY each) up; UI http://127.0.0.1:$((PORT + 1003)); logs in $DIR" >&2
    echo "spark://127.0.0.1:$PORT"
    ;;
  status)
    [ -f "$PIDS" ] || { echo "standalone: not started (no $PIDS)"; exit 1; }
    rc=0
    while read -r p role; do
      if alive "$p"; then echo "$role pid $p running"; else echo "$role pid $p gone"; rc=1; fi
    done < "$PIDS"
    exit $rc
    ;;
  stop)
    [ -f "$PIDS" ] || { echo "standalone: nothing to stop (no $PIDS)" >&2; exit 0; }
    # executors and drivers the workers forked, then workers, then the master
    while read -r p role; do
      [ "$role" = worker ] && alive "$p" && for c in $(pgrep -P "$p" || true); do stop_pid "$c"; done
    done < "$PIDS"
    while read -r p role; do [ "$role" = worker ] && stop_pid "$p"; done < "$PIDS"
    while read -r p role; do [ "$role" = master ] && stop_pid "$p"; done < "$PIDS"
    rm -f "$PIDS"
    echo "standalone: stopped" >&2
    ;;
  *)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
