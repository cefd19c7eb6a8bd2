#!/usr/bin/env bash
# Integration test on a real Spark standalone cluster (docs/cluster.md): a master and two workers
# (1 core, 2 GB each) on 127.0.0.1, started from Maven's Spark jars (no Spark distribution), then
# `run` on a generated 4-year table submitted with the real SparkSubmit path, once in client and
# once in cluster deploy mode (legacy standalone submission, the driver runs on a worker), with
# conf/cluster.conf as the configuration file. Checks:
#   - both submissions exit 0;
#   - every table of each warehouse holds every year, written by one run id, the id of the one
#     SUCCEEDED row of `runs` (and of the driver's "run <id> SUCCEEDED" line);
#   - every year ran in an executor JVM, not in the driver: the driver's line "year Y computed in
#     S s on executor E pid P" names a pid P that is not the driver's, and the stderr of executor E
#     under a worker's work dir says "Started daemon with process name: P@..." and "year Y started
#     on executor E pid P"; in client mode the years spread over both executors.
# Every process it starts (master, workers, and the drivers/executors the workers fork) is
# stopped by pid on exit. Each step has a timeout; the whole test takes 2-4 minutes on 2 cores.
#   TIVA_IT_PORT_BASE   first of 4 loopback ports (default: the first free of 17077, 27077, ...)
#   TIVA_IT_KEEP=1      keep target/standalone-cluster-it (logs, warehouses) even on success
# Used by bin/test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
T0=$SECONDS
say() { printf '[standalone-it %3ds] %s\n' "$((SECONDS - T0))" "$*"; }
fail() { printf '[standalone-it %3ds] FAILED: %s\n' "$((SECONDS - T0))" "$*" >&2; exit 1; }

FAT="$(ls jobs/target/tiva-jobs-*-all.jar 2>/dev/null | head -n 1 || true)"
[ -n "$FAT" ] && [ -f jobs/target/launcher-classpath.txt ] || fail "build first: mvn -DskipTests package"
FAT="$ROOT/$FAT"
FLAGS="$(cat conf/jvmflags.txt)"
WORK="$ROOT/target/standalone-cluster-it"
rm -rf "$WORK"; mkdir -p "$WORK/spark-home/jars" "$WORK/work1" "$WORK/work2" "$WORK/local" "$WORK/tmp"

# A Spark home from Maven's Spark jars: Spark (and what Spark ships) only, no Delta, Unity
# Catalog, Config or tiva-common (the fat jar must bring those), no test jars.
tools/cluster/spark-home.sh "$WORK/spark-home" > /dev/null 2>&1 || fail "tools/cluster/spark-home.sh"
SPARK_CP="$WORK/spark-home/jars/*"
export SPARK_HOME="$WORK/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_DIRS="$WORK/local"
unset SPARK_CONF_DIR SPARK_MASTER_HOST SPARK_WORKER_DIR HADOOP_CONF_DIR YARN_CONF_DIR || true

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
BASE="${TIVA_IT_PORT_BASE:-}"
if [ -z "$BASE" ]; then
  for b in 17077 27077 37077 47077 57077; do
    if port_free "$b" && port_free $((b + 1)) && port_free $((b + 2)) && port_free $((b + 3)); then BASE=$b; break; fi
  done
fi
[ -n "$BASE" ] || fail "no free loopback ports (set TIVA_IT_PORT_BASE)"
MASTER_URL="spark://127.0.0.1:$BASE"
# Short-lived JVMs on 2 shared cores: C1 only and the serial collector cut JIT/GC CPU by about
# a third here (test tuning only; not for production runs).
JOPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
export TIVA_JAVA_OPTS="$JOPTS" TIVA_DRIVER_MEMORY=1g TIVA_NO_BUILD=1 # bin/tiva must use the jar we test

# ---- process bookkeeping: everything we start is stopped by pid, children of the workers first
MASTER=""; W1=""; W2=""; SUBMIT=""; GEN=""
STARTED="$WORK/pids.txt"; : > "$STARTED"
worker_children() { # pid and kind (driver|executor) of every JVM our workers forked
  local w c
  for w in $W1 $W2; do
    for c in $(pgrep -P "$w" 2>/dev/null || true); do
      case "$(tr '\0' ' ' < "/proc/$c/cmdline" 2>/dev/null || true)" in
        *DriverWrapper*) echo "$c driver $w" ;;
        *CoarseGrainedExecutorBackend*) echo "$c executor $w" ;;
        *) echo "$c other $w" ;;
      esac
    done
  done
}
stop_pid() { # pid, seconds to wait after SIGTERM before SIGKILL
  local p="$1" n=$(($2 * 5))
  [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 0
  kill "$p" 2>/dev/null || true
  while kill -0 "$p" 2>/dev/null && [ $n -gt 0 ]; do sleep 0.2; n=$((n - 1)); done
  kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null || true
}
cleanup() {
  local code=$? c kind parent
  set +e
  stop_pid "$SUBMIT" 5; stop_pid "$GEN" 5
  worker_children >> "$STARTED"
  # forked drivers/executors we saw, if still alive and still our workers' children
  while read -r c kind parent; do
    [ "$(ps -o ppid= -p "$c" 2>/dev/null | tr -d ' ')" = "$parent" ] && stop_pid "$c" 5
  done < <(sort -u "$STARTED")
  stop_pid "$W1" 10; stop_pid "$W2" 10; stop_pid "$MASTER" 10
  if [ $code -ne 0 ]; then
    echo "standalone-it: logs in $WORK (master.log, worker*.log, work*/, *-driver.log)" >&2
  elif [ "${TIVA_IT_KEEP:-0}" != "1" ]; then
    rm -rf "$WORK/local" "$WORK/tmp" "$WORK/store" "$WORK"/wh-*
  fi
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. the cluster
say "starting master on $MASTER_URL and two workers (1 core, 2g each) from $(ls "$WORK/spark-home/jars" | wc -l) Maven Spark jars"
# shellcheck disable=SC2086
# (no REST submission gateway: it would bind port 6066 and is not used; submissions go over RPC)
java -Xmx512m $FLAGS $JOPTS -Djava.io.tmpdir="$WORK/tmp" -Dspark.master.rest.enabled=false -cp "$SPARK_CP" \
  org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$BASE" --webui-port $((BASE + 1)) > "$WORK/master.log" 2>&1 &
MASTER=$!
for i in 1 2; do
  # shellcheck disable=SC2086
  java -Xmx512m $FLAGS $JOPTS -Djava.io.tmpdir="$WORK/tmp" -cp "$SPARK_CP" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --webui-port $((BASE + 1 + i)) --cores 1 --memory 2g --work-dir "$WORK/work$i" \
    "$MASTER_URL" > "$WORK/worker$i.log" 2>&1 &
  eval "W$i=\$!"
done
echo "$MASTER master -" >> "$STARTED"; echo "$W1 worker -" >> "$STARTED"; echo "$W2 worker -" >> "$STARTED"
# ---- 2. a small multi-year table (local mode), generated while the cluster starts
say "generating 5 regions x 4 industries, 2001-2004 (local mode, in parallel)"
timeout 150 "$ROOT/bin/tiva" generate --out "$WORK/store" --regions 5 --industries 4 --years 2001-2004 --seed 8 \
  > "$WORK/generate.log" 2>&1 &
GEN=$!
echo "$GEN generate -" >> "$STARTED"
deadline=$((SECONDS + 90))
until [ "$(cat "$WORK/worker1.log" "$WORK/worker2.log" | grep -c 'Successfully registered with master')" = "2" ]; do
  for p in $MASTER $W1 $W2; do kill -0 "$p" 2>/dev/null || fail "cluster process $p died (see $WORK/*.log)"; done
  [ $SECONDS -lt $deadline ] || fail "workers not registered within 90 s"
  sleep 0.5
done
say "cluster up: master pid $MASTER, worker pids $W1 $W2"

wait "$GEN" || { cat "$WORK/generate.log" >&2; fail "generate"; }
say "$(grep -E '^generated .* rows in ' "$WORK/generate.log" | sed 's/ in .*//' || true)"

# ---- 3. submit run (client, then cluster deploy mode)
CANARY="tiva-it-canary-$RANDOM$RANDOM"
COMMON=(--master "$MASTER_URL" --class io.tivaspark.jobs.Main
  --conf spark.driver.host=127.0.0.1
  # the workers are small: these override conf/cluster.conf's sizes (spark-submit --conf wins)
  --conf spark.executor.memory=1g --conf spark.executor.cores=1 --conf spark.task.cpus=1
  --conf spark.scheduler.minRegisteredResourcesRatio=1.0
  --conf spark.scheduler.maxRegisteredResourcesWaitingTime=60s
  --conf "spark.executor.extraJavaOptions=-Xss16m $JOPTS -Djava.io.tmpdir=$WORK/tmp"
  --conf spark.databricks.delta.snapshotPartitions=2 --conf spark.sql.shuffle.partitions=4
  --conf spark.ui.enabled=false
  # a fake credential: it must not appear in any log (checked at the end)
  --conf "spark.hadoop.fs.s3a.secret.key=$CANARY")

# runs SparkSubmit in the background, polls the workers' children, enforces a timeout;
# sets SUBMIT_PID and SUBMIT_CODE
submit() {
  local name="$1" limit="$2"; shift 2
  # shellcheck disable=SC2086
  java $FLAGS $JOPTS -Xss16m -Xmx1g -Djava.io.tmpdir="$WORK/tmp" \
    -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$SPARK_CP" \
    org.apache.spark.deploy.SparkSubmit "$@" > "$WORK/$name-submit.out" 2> "$WORK/$name-submit.log" &
  SUBMIT=$!; SUBMIT_PID=$SUBMIT
  local deadline=$((SECONDS + limit))
  while kill -0 "$SUBMIT" 2>/dev/null; do
    worker_children | sed "s/\$/ $name/" >> "$WORK/children.txt"
    if [ $SECONDS -ge $deadline ]; then
      stop_pid "$SUBMIT" 5; fail "$name submission did not finish within $limit s (see $WORK/$name-submit.log)"
    fi
    sleep 1
  done
  set +e; wait "$SUBMIT"; SUBMIT_CODE=$?; set -e
  SUBMIT=""
  awk '{print $1, $2, $3}' "$WORK/children.txt" >> "$STARTED"
}

t=$SECONDS
say "client deploy mode: run --conf conf/cluster.conf"
submit client 150 "${COMMON[@]}" --deploy-mode client --conf spark.cores.max=2 \
  "$FAT" run --conf "$ROOT/conf/cluster.conf" --input "$WORK/store" --warehouse "$WORK/wh-client"
CLIENT_DRIVER=$SUBMIT_PID
cp "$WORK/client-submit.log" "$WORK/client-driver.log"
[ "$SUBMIT_CODE" = "0" ] || { tail -n 30 "$WORK/client-driver.log" >&2; fail "client mode exited $SUBMIT_CODE"; }
say "client deploy mode: exit 0 in $((SECONDS - t)) s, driver pid $CLIENT_DRIVER"

t=$SECONDS
say "cluster deploy mode: the jar and the config at paths the worker reads, driver on a worker"
ls -d "$WORK"/work*/driver-* > "$WORK/drivers-before.txt" 2>/dev/null || true
# the driver takes one worker's only core: one executor core is left (cores.max=1, so the
# minRegisteredResourcesRatio wait ends as soon as that executor registers)
submit cluster 180 "${COMMON[@]}" --deploy-mode cluster --conf spark.cores.max=1 \
  --conf spark.standalone.submit.waitAppCompletion=true \
  --conf spark.driver.memory=1g --conf spark.driver.cores=1 \
  --conf "spark.driver.extraJavaOptions=$FLAGS $JOPTS -Xss16m -Djava.io.tmpdir=$WORK/tmp -Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties" \
  --files "$ROOT/conf/cluster.conf" \
  "$FAT" run --conf "$ROOT/conf/cluster.conf" --input "$WORK/store" --warehouse "$WORK/wh-cluster"
DRIVER_DIR="$(ls -d "$WORK"/work*/driver-* 2>/dev/null | grep -vxF -f "$WORK/drivers-before.txt" | head -n 1 || true)"
[ -n "$DRIVER_DIR" ] || { tail -n 30 "$WORK/cluster-submit.log" >&2; fail "no driver directory under the workers' work dirs"; }
cp "$DRIVER_DIR/stderr" "$WORK/cluster-driver.log"
CLUSTER_DRIVER="$(awk '$2 == "driver" && $4 == "cluster" {print $1}' "$WORK/children.txt" | sort -u | head -n 1)"
[ -n "$CLUSTER_DRIVER" ] || fail "never saw the cluster-mode driver (DriverWrapper) among the workers' children"
[ "$SUBMIT_CODE" = "0" ] || { tail -n 30 "$WORK/cluster-submit.log" "$WORK/cluster-driver.log" >&2; fail "cluster mode submission exited $SUBMIT_CODE"; }
say "cluster deploy mode: exit 0 in $((SECONDS - t)) s, driver pid $CLUSTER_DRIVER on worker $(basename "$(dirname "$DRIVER_DIR")")"

if [ "${TIVA_IT_FAILING:-0}" = "1" ]; then
  # optional: what a scheduler sees when a cluster-mode driver fails (missing input: tiva exit 2).
  # Spark's standalone client exits 0 for FINISHED and FAILED alike; only the master knows.
  t=$SECONDS
  ls -d "$WORK"/work*/driver-* > "$WORK/drivers-before.txt" 2>/dev/null || true
  submit failing 120 "${COMMON[@]}" --deploy-mode cluster --conf spark.cores.max=1 \
    --conf spark.standalone.submit.waitAppCompletion=true \
    --conf "spark.driver.extraJavaOptions=$FLAGS $JOPTS -Djava.io.tmpdir=$WORK/tmp" \
    "$FAT" run --input "$WORK/missing" --warehouse "$WORK/wh-failing"
  d="$(ls -d "$WORK"/work*/driver-* 2>/dev/null | grep -vxF -f "$WORK/drivers-before.txt" | head -n 1 || true)"
  [ -n "$d" ] || fail "failing run: no driver directory"
  state="$(grep -oE "Removing driver: $(basename "$d") \([A-Z]+" "$WORK/master.log" | sed 's/.*(//' || true)"
  say "failing cluster-mode driver: '$(grep '^tiva:' "$d/stderr" || true)'; master: $state;" \
      "spark-submit exit $SUBMIT_CODE ($((SECONDS - t)) s)"
  [ "$state" = "FAILED" ] || fail "failing run: the master did not record the driver as FAILED"
fi

# ---- 4. the year tasks ran in executor JVMs
check_placement() { # mode driver-log driver-pid min-distinct-executors
  local mode="$1" log="$2" dpid="$3" min="$4" y line e p f seen=""
  for y in 2001 2002 2003 2004; do
    line="$(grep -E "year $y computed in [0-9.]+ s on " "$log" | tail -n 1 || true)"
    [ -n "$line" ] || fail "$mode: no 'year $y computed' line in the driver log"
    [[ "$line" =~ on\ executor\ ([0-9]+)\ pid\ ([0-9]+) ]] || fail "$mode: year $y did not run on an executor: $line"
    e="${BASH_REMATCH[1]}"; p="${BASH_REMATCH[2]}"
    [ "$p" != "$dpid" ] || fail "$mode: year $y ran in the driver JVM (pid $p)"
    for q in $MASTER $W1 $W2; do [ "$p" != "$q" ] || fail "$mode: year $y ran in a master/worker JVM (pid $p)"; done
    f="$(grep -l -E "year $y started on executor $e pid $p\b" "$WORK"/work*/app-*/"$e"/stderr 2>/dev/null | head -n 1 || true)"
    [ -n "$f" ] || fail "$mode: no executor log says 'year $y started on executor $e pid $p'"
    grep -q "Started daemon with process name: $p@" "$f" || fail "$mode: $f is not the log of pid $p"
    grep -qE "^$p executor " "$WORK/children.txt" || fail "$mode: pid $p was never seen as an executor forked by our workers"
    say "$mode: year $y on executor $e pid $p (driver pid $dpid) - $(echo "$f" | sed "s|$WORK/||")"
    seen="$seen $p"
  done
  grep -qE "placement: 4 year tasks .*years per executor at once: 1 " "$log" \
    || fail "$mode: no 'placement: 4 year tasks ... years per executor at once: 1' line in the driver log"
  local distinct; distinct="$(printf '%s\n' $seen | sort -u | wc -l)"
  [ "$distinct" -ge "$min" ] || fail "$mode: years ran on $distinct executor JVM(s), expected at least $min"
}
check_placement client "$WORK/client-driver.log" "$CLIENT_DRIVER" 2
check_placement cluster "$WORK/cluster-driver.log" "$CLUSTER_DRIVER" 1

# ---- 5. complete tables, one run id each (the cluster is no longer needed)
stop_pid "$W1" 10; stop_pid "$W2" 10; stop_pid "$MASTER" 10
RUN_CLIENT="$(sed -nE 's/.*run ([0-9TZ]+-[0-9a-f]+) SUCCEEDED.*/\1/p' "$WORK/client-driver.log" | tail -n 1)"
RUN_CLUSTER="$(sed -nE 's/.*run ([0-9TZ]+-[0-9a-f]+) SUCCEEDED.*/\1/p' "$WORK/cluster-driver.log" | tail -n 1)"
[ -n "$RUN_CLIENT" ] && [ -n "$RUN_CLUSTER" ] || fail "no 'run <id> SUCCEEDED' line in a driver log"
TABLES=(indicators va_final_demand va_origin_exports quality_checks)
for w in wh-client wh-cluster; do
  for tb in "${TABLES[@]}" runs; do
    [ -d "$WORK/$w/$tb/_delta_log" ] || fail "$w: table $tb missing"
  done
  [ ! -e "$WORK/$w/_staging" ] || fail "$w: staging left behind"
done
union=""; runs=""
for w in client cluster; do
  for tb in "${TABLES[@]}"; do
    union="$union${union:+ UNION ALL }SELECT '$w' AS w, '$tb' AS t, year, run_id FROM delta.\`$WORK/wh-$w/$tb\`"
  done
  runs="$runs${runs:+ UNION ALL }SELECT '$w' AS w, run_id, status FROM delta.\`$WORK/wh-$w/runs\`"
done
SQL="SELECT a.w, a.t, a.years, a.ids, a.rid, r.n AS runs, r.status, r.run_id = a.rid AS same FROM (
  SELECT w, t, concat_ws(' ', sort_array(collect_set(CAST(year AS STRING)))) AS years,
         count(DISTINCT run_id) AS ids, min(run_id) AS rid FROM ($union) GROUP BY w, t) a
  JOIN (SELECT w, count(*) AS n, max(status) AS status, max(run_id) AS run_id FROM ($runs) GROUP BY w) r ON a.w = r.w
  ORDER BY a.w, a.t"
say "checking the tables (one local sql query over both warehouses)"
out="$(timeout 120 "$ROOT/bin/tiva" sql --warehouse "$WORK/wh-client" "$SQL" 2> "$WORK/sql.log")" \
  || { cat "$WORK/sql.log" >&2; fail "sql"; }
echo "$out"
for w in client cluster; do
  rid=$RUN_CLIENT; [ $w = cluster ] && rid=$RUN_CLUSTER
  for tb in "${TABLES[@]}"; do
    # a here-string, not echo | grep -q: under pipefail grep's early exit can kill echo (SIGPIPE, 141)
    grep -qxF "$w,$tb,2001 2002 2003 2004,1,$rid,1,SUCCEEDED,true" <<< "$out" \
      || fail "$w: $tb is not complete for 2001-2004 under the one run $rid"
  done
done
say "tables complete: run $RUN_CLIENT (client), $RUN_CLUSTER (cluster): every table, every year, one run id"
# ---- 6. the fake credential is in no log, work dir or table
leaks="$(grep -rlF "$CANARY" "$WORK" 2>/dev/null || true)"
[ -z "$leaks" ] || fail "the credential passed as spark.hadoop.fs.s3a.secret.key appears in: $(echo $leaks | sed "s|$WORK/||g")"
say "no log, work dir or table holds the spark.hadoop.fs.s3a.secret.key value"
say "standalone cluster: ok in $((SECONDS - T0)) s"
