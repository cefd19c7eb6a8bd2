#!/usr/bin/env bash
# Integration test on a real (in-process) YARN and HDFS (docs/cluster.md, "YARN"): Hadoop's
# MiniDFSCluster (1 NameNode, 1 DataNode) and MiniYARNCluster (ResourceManager + 2 NodeManagers of
# 2560 MB / 2 vcores) in one JVM (tools/it/YarnHdfsMiniCluster.java, run by the java source
# launcher on hadoop-client-minicluster), a generated 4-year store copied to hdfs://, then
# `spark-submit --master yarn` of the fat jar (Spark home from Maven's Spark jars + spark-yarn),
# warehouses on hdfs://. Runs and checks:
#   1. client deploy mode, all families: exit 0;
#   2. cluster deploy mode (driver in the ApplicationMaster container), all families: exit 0 and
#      "final status: SUCCEEDED";
#   3. cluster mode on a store with a stray file in a year directory (invalid input): the
#      application's final status is FAILED with "User application exited with status 3",
#      spark-submit exits non-zero;
#   4. cluster mode with tiva.run.fail-on-check = true and an impossible algebra tolerance (a
#      failed check, as PipelineTest does): FAILED with "User application exited with status 4";
#   5. client mode with the same failed check: spark-submit's exit code is tiva's, 4;
#   then: every year ran in a YARN executor container (the driver's "year Y computed ... on
#   executor E pid P" line; the container log of pid P, not the ApplicationMaster's, says
#   "year Y started on executor E pid P"), and every table of both warehouses holds every year
#   under the one SUCCEEDED run id (one query read from hdfs://).
# Every process it starts (the minicluster JVM, which forks the containers; spark-submit; helper
# JVMs) is stopped by pid on exit; each step has a timeout. Needs the jar (mvn -DskipTests package)
# and, once, the minicluster jars: mvn -B -ntp -Pyarn-it -pl common,jobs dependency:resolve.
#   TIVA_IT_EXIT_CODES=0  skip 3-5 (the failing runs, about 8 minutes under load)
#   TIVA_IT_KILL=1   also 6. (bin/test --slow sets it) client mode with one executor JVM killed (kill -9) while it computes a
#                    year: exit 0 and complete tables (Spark reruns the task; the warehouse is checked)
#   TIVA_IT_KEEP=1   keep target/yarn-hdfs-it (logs, container logs) even on success
# Used by bin/test --slow.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
T0=$SECONDS
say() { printf '[yarn-it %3ds] %s\n' "$((SECONDS - T0))" "$*"; }
fail() { printf '[yarn-it %3ds] FAILED: %s\n' "$((SECONDS - T0))" "$*" >&2; exit 1; }

FAT="$(ls jobs/target/tiva-jobs-*-all.jar 2>/dev/null | head -n 1 || true)"
[ -n "$FAT" ] && [ -f jobs/target/launcher-classpath.txt ] || fail "build first: mvn -DskipTests package"
FAT="$ROOT/$FAT"
FLAGS="$(cat conf/jvmflags.txt)"
WORK="$ROOT/target/yarn-hdfs-it"
rm -rf "$WORK"; mkdir -p "$WORK/mini" "$WORK/tmp"

# ---- jars: Spark home + spark-yarn; the minicluster's own jars from the local Maven repository
tools/cluster/spark-home.sh "$WORK/spark-home" --yarn > "$WORK/spark-home.log" 2>&1 \
  || { cat "$WORK/spark-home.log" >&2; fail "tools/cluster/spark-home.sh --yarn"; }
SPARK_CP="$WORK/spark-home/jars/*"
api="$(tr ':' '\n' < jobs/target/launcher-classpath.txt | grep -E '/hadoop-client-api-[^/]*\.jar$' | head -n 1)"
M2="${api%%/org/apache/hadoop/*}"; HV="$(basename "$(dirname "$api")")"
# MiniYARNCluster's constructor uses junit-jupiter-api (GenericTestUtils): the project's JUnit
newest() { ls "$M2/$1"/*/*.jar 2>/dev/null | grep -vE -- '-(sources|javadoc)\.jar$' | sort -V | tail -n 1; }
JV="$(sed -nE 's#.*<junit.version>([^<]+)</junit.version>.*#\1#p' pom.xml | head -n 1)"
junit="$M2/org/junit/jupiter/junit-jupiter-api/$JV/junit-jupiter-api-$JV.jar"
ot="$(newest org/opentest4j/opentest4j)"
MINI_CP="$M2/org/apache/hadoop/hadoop-client-minicluster/$HV/hadoop-client-minicluster-$HV.jar"
for a in bcprov bcpkix bcutil; do MINI_CP="$MINI_CP:$M2/org/bouncycastle/$a-jdk18on/1.82/$a-jdk18on-1.82.jar"; done
MINI_CP="$MINI_CP:$junit:$ot"
for j in $(echo "$MINI_CP" | tr ':' ' '); do
  [ -f "$j" ] || fail "$j missing; run once, online: mvn -B -ntp -Pyarn-it -pl common,jobs dependency:resolve"
done

export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
export SPARK_HOME="$WORK/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
export HADOOP_CONF_DIR="$WORK/conf" HADOOP_USER_NAME="${USER:-root}"
unset SPARK_CONF_DIR YARN_CONF_DIR || true
# Short-lived JVMs on 2 shared cores: C1 only and the serial collector (test tuning only).
JOPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
export TIVA_JAVA_OPTS="$JOPTS" TIVA_DRIVER_MEMORY=1g TIVA_NO_BUILD=1

# ---- process bookkeeping: everything we start is stopped by pid
MINI=""; SUBMIT=""; HELPER=""
STARTED="$WORK/pids.txt"; : > "$STARTED"
descendants() { local c; for c in $(pgrep -P "$1" 2>/dev/null || true); do echo "$c"; descendants "$c"; done; }
stop_pid() { # pid, seconds to wait after SIGTERM before SIGKILL
  local p="$1" n=$(($2 * 5))
  [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 0
  kill "$p" 2>/dev/null || true
  while kill -0 "$p" 2>/dev/null && [ $n -gt 0 ]; do sleep 0.2; n=$((n - 1)); done
  kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null || true
}
stop_cluster() { # the containers first (the minicluster's descendants), then the minicluster
  local c
  [ -n "$MINI" ] || return 0
  descendants "$MINI" >> "$STARTED"
  stop_pid "$MINI" 30
  # a container JVM that outlived its NodeManager: still ours if its command line names our work dir
  for c in $(sort -u "$STARTED"); do
    { tr '\0' ' ' < "/proc/$c/cmdline"; } 2>/dev/null | grep -qF "$WORK" && stop_pid "$c" 5
  done
  MINI=""
}
cleanup() {
  local code=$?
  set +e
  stop_pid "$SUBMIT" 5; stop_pid "$HELPER" 5
  stop_cluster
  if [ $code -ne 0 ]; then
    echo "yarn-it: logs in $WORK (mini.log, *-submit.log, container logs under mini/target/test/data)" >&2
  elif [ "${TIVA_IT_KEEP:-0}" != "1" ]; then
    rm -rf "$WORK/mini/target/dfs" "$WORK/tmp" "$WORK/store"
  fi
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. HDFS + YARN, and a small store generated meanwhile
say "starting MiniDFSCluster + MiniYARNCluster (2 NodeManagers, 2560 MB / 2 vcores each)"
# shellcheck disable=SC2086
(cd "$WORK/mini" && exec java -Xmx768m $FLAGS $JOPTS -Djava.io.tmpdir="$WORK/tmp" -cp "$MINI_CP:$SPARK_CP" \
  "$ROOT/tools/it/YarnHdfsMiniCluster.java" "$HADOOP_CONF_DIR" 2 2560 2 > "$WORK/mini.out" 2> "$WORK/mini.log") &
MINI=$!
disown "$MINI" # stopped by pid in stop_cluster; no "Killed" job report from bash when it needs kill -9
echo "$MINI" >> "$STARTED"
say "generating 5 regions x 4 industries, 2001-2004 (local mode, in parallel)"
timeout 200 "$ROOT/bin/tiva" generate --out "$WORK/store" --regions 5 --industries 4 --years 2001-2004 --seed 8 \
  > "$WORK/generate.log" 2>&1 &
HELPER=$!; echo "$HELPER" >> "$STARTED"
deadline=$((SECONDS + 240))
until grep -qx ready "$WORK/mini.out" 2>/dev/null; do
  kill -0 "$MINI" 2>/dev/null || { tail -n 20 "$WORK/mini.log" >&2; fail "the minicluster JVM died"; }
  [ $SECONDS -lt $deadline ] || fail "minicluster not ready within 240 s"
  sleep 1
done
NN="$(sed -n 's/^hdfs //p' "$WORK/mini.out")"
say "HDFS $NN, YARN ResourceManager $(sed -n 's/^yarn //p' "$WORK/mini.out"), minicluster pid $MINI"
wait "$HELPER" || { cat "$WORK/generate.log" >&2; fail "generate"; }
HELPER=""
say "$(grep -E '^generated .* rows in ' "$WORK/generate.log" | sed 's/ in .*//' || true)"

hdfs() { # FsShell with a timeout (hdfs dfs without a Hadoop distribution)
  # shellcheck disable=SC2086
  timeout 120 java -Xmx256m $FLAGS $JOPTS -cp "$HADOOP_CONF_DIR:$SPARK_CP" org.apache.hadoop.fs.FsShell "$@" 2>> "$WORK/fsshell.log"
}
# the bad store: one year of the good one plus a stray file in a year directory (exit 3)
mkdir -p "$WORK/store-bad"
for d in "$WORK"/store/*/; do
  t="$(basename "$d")"; mkdir -p "$WORK/store-bad/$t"; cp -r "$d/year=2001" "$WORK/store-bad/$t/"
done
cp "$WORK/store/mrio.json" "$WORK/store-bad/"
echo "not a table" > "$WORK/store-bad/intermediate/year=2001/notes.txt"
hdfs -put "$WORK/store" "$WORK/store-bad" / || fail "hdfs -put"
say "stores on HDFS: $NN/store ($(hdfs -count /store | awk '{print $2}') files), $NN/store-bad"

# ---- 2. submissions
# the project's logging plus Spark's YARN client at INFO: its application id, final status and
# diagnostics lines are what this test (and a scheduler) reads
cp "$ROOT/conf/log4j2.properties" "$WORK/log4j2-submit.properties"
printf '%s\n' 'logger.yarnclient.name = org.apache.spark.deploy.yarn.Client' 'logger.yarnclient.level = info' \
  >> "$WORK/log4j2-submit.properties"
CANARY="tiva-it-canary-$RANDOM$RANDOM"
printf 'tiva.run { fail-on-check = true, algebra-tolerance = 1e-300 }\n' > "$WORK/failcheck.conf"
COMMON=(--master yarn --class io.tivaspark.jobs.Main
  # Spark's jars from the NodeManagers' file system (one machine) instead of a 200 MB upload per run
  --conf "spark.yarn.jars=local:$WORK/spark-home/jars/*"
  --conf "spark.yarn.appMasterEnv.JAVA_HOME=$JAVA_HOME" --conf "spark.executorEnv.JAVA_HOME=$JAVA_HOME"
  --conf spark.yarn.maxAppAttempts=1 --conf spark.driver.host=127.0.0.1
  --num-executors 2 --executor-memory 1g --executor-cores 1 --conf spark.task.cpus=1
  --conf spark.executor.memoryOverhead=384m
  --conf spark.scheduler.minRegisteredResourcesRatio=1.0
  --conf spark.scheduler.maxRegisteredResourcesWaitingTime=90s
  --conf "spark.executor.extraJavaOptions=-Xss16m $JOPTS"
  --conf spark.databricks.delta.snapshotPartitions=2 --conf spark.sql.shuffle.partitions=4
  --conf spark.ui.enabled=false
  --conf "spark.hadoop.fs.s3a.secret.key=$CANARY")
# (no log4j2.properties in --files: the executors would read it too, and its warn root level hides
# the executor's "Started daemon with process name: PID@host" line the placement check reads)
CLUSTER=(--deploy-mode cluster --driver-memory 1g
  --conf "spark.driver.extraJavaOptions=-Xss16m $JOPTS"
  --files "$ROOT/conf/cluster.conf,$WORK/failcheck.conf")
CLIENT=(--deploy-mode client --conf spark.yarn.am.memory=512m)

submit() { # name limit args...: sets SUBMIT_CODE and APP (the YARN application id)
  local name="$1" limit="$2"; shift 2
  # shellcheck disable=SC2086
  timeout -k 10 "$limit" java $FLAGS $JOPTS -Xss16m -Xmx1g -Djava.io.tmpdir="$WORK/tmp" \
    -Dlog4j2.configurationFile="$WORK/log4j2-submit.properties" -cp "$HADOOP_CONF_DIR:$SPARK_CP" \
    org.apache.spark.deploy.SparkSubmit "$@" > "$WORK/$name-submit.out" 2> "$WORK/$name-submit.log" &
  SUBMIT=$!; echo "$SUBMIT" >> "$STARTED"
  set +e; wait "$SUBMIT"; SUBMIT_CODE=$?; set -e
  SUBMIT=""
  [ "$SUBMIT_CODE" != "124" ] || fail "$name: spark-submit did not finish within $limit s (see $WORK/$name-submit.log)"
  APP="$(grep -oE 'application_[0-9]+_[0-9]+' "$WORK/$name-submit.log" | head -n 1 || true)"
  [ -n "$APP" ] || { tail -n 30 "$WORK/$name-submit.log" >&2; fail "$name: no YARN application id in the log"; }
}
container_logs() { ls -d "$WORK"/mini/target/test/data/*/*/*logDir*/"$1"/container_* 2>/dev/null; }
am_log() { # the ApplicationMaster's (container 1) stderr
  local c; for c in $(container_logs "$1"); do case "$c" in *_01_000001) echo "$c/stderr" ;; esac; done
}
final_status() { sed -nE 's/.*final status: ([A-Z]+).*/\1/p' "$WORK/$1-submit.log" | tail -n 1; }

t=$SECONDS
say "1. client deploy mode: run --conf conf/cluster.conf, warehouse $NN/wh-client"
submit client 420 "${COMMON[@]}" "${CLIENT[@]}" \
  "$FAT" run --conf "$ROOT/conf/cluster.conf" --input "$NN/store" --warehouse "$NN/wh-client"
[ "$SUBMIT_CODE" = "0" ] || { tail -n 30 "$WORK/client-submit.log" >&2; fail "client mode exited $SUBMIT_CODE"; }
cp "$WORK/client-submit.log" "$WORK/client-driver.log"; CLIENT_APP=$APP
say "   exit 0 in $((SECONDS - t)) s ($APP)"

t=$SECONDS
say "2. cluster deploy mode: the driver in the ApplicationMaster container, warehouse $NN/wh-cluster"
submit cluster 480 "${COMMON[@]}" "${CLUSTER[@]}" \
  "$FAT" run --conf cluster.conf --input "$NN/store" --warehouse "$NN/wh-cluster"
CLUSTER_APP=$APP; f="$(am_log "$APP")"
[ -n "$f" ] && cp "$f" "$WORK/cluster-driver.log" || fail "cluster: no ApplicationMaster container log for $APP"
[ "$SUBMIT_CODE" = "0" ] && [ "$(final_status cluster)" = "SUCCEEDED" ] \
  || { tail -n 30 "$WORK/cluster-submit.log" "$WORK/cluster-driver.log" >&2; fail "cluster mode: exit $SUBMIT_CODE, final status $(final_status cluster)"; }
say "   exit 0, final status SUCCEEDED in $((SECONDS - t)) s ($APP)"

expect_failed() { # name code: a cluster-mode application that must end FAILED with tiva's code
  local name="$1" code="$2" f
  f="$(am_log "$APP")"; [ -n "$f" ] && cp "$f" "$WORK/$name-driver.log"
  grep -qE "User application exited with status $code\b" "$WORK/$name-submit.log" "$WORK/$name-driver.log" 2>/dev/null \
    || { tail -n 30 "$WORK/$name-submit.log" >&2; fail "$name: no 'User application exited with status $code'"; }
  [ "$(final_status "$name")" = "FAILED" ] || fail "$name: final status $(final_status "$name"), expected FAILED"
  [ "$SUBMIT_CODE" != "0" ] || fail "$name: spark-submit exited 0"
  say "   final status FAILED, 'User application exited with status $code', spark-submit exit $SUBMIT_CODE," \
      "driver: '$(grep -m1 '^tiva:' "$WORK/$name-driver.log" 2>/dev/null || true)' ($((SECONDS - t)) s, $APP)"
}
if [ "${TIVA_IT_EXIT_CODES:-1}" = "1" ]; then
t=$SECONDS
say "3. cluster mode, invalid input (a stray file in $NN/store-bad/intermediate/year=2001): expect 3"
submit invalid 300 "${COMMON[@]}" "${CLUSTER[@]}" \
  "$FAT" run --conf cluster.conf --only core --input "$NN/store-bad" --warehouse "$NN/wh-invalid"
expect_failed invalid 3
t=$SECONDS
say "4. cluster mode, a failed check (fail-on-check = true, algebra-tolerance = 1e-300): expect 4"
submit failcheck 300 "${COMMON[@]}" "${CLUSTER[@]}" \
  "$FAT" run --conf failcheck.conf --only core --years 2001 --input "$NN/store" --warehouse "$NN/wh-failcheck"
expect_failed failcheck 4
t=$SECONDS
say "5. client mode, the same failed check: spark-submit's exit code must be 4"
submit failclient 300 "${COMMON[@]}" "${CLIENT[@]}" \
  "$FAT" run --conf "$WORK/failcheck.conf" --only core --years 2001 --input "$NN/store" --warehouse "$NN/wh-failclient"
[ "$SUBMIT_CODE" = "4" ] || { tail -n 20 "$WORK/failclient-submit.log" >&2; fail "client mode failed check: exit $SUBMIT_CODE, expected 4"; }
say "   exit 4 in $((SECONDS - t)) s ($APP): '$(grep -m1 '^tiva:' "$WORK/failclient-submit.log" || true)'"
fi

if [ "${TIVA_IT_KILL:-0}" = "1" ]; then
  # 6. kill -9 one executor container's JVM while it computes a year: Spark must rerun the task
  # (a new executor from YARN or the other one) and the run must still commit complete tables
  t=$SECONDS
  say "6. client mode, one executor JVM killed (kill -9) while it computes a year: expect exit 0, complete tables"
  submit_bg() { # like submit, in the background: sets SUBMIT
    # shellcheck disable=SC2086
    timeout -k 10 480 java $FLAGS $JOPTS -Xss16m -Xmx1g -Djava.io.tmpdir="$WORK/tmp" \
      -Dlog4j2.configurationFile="$WORK/log4j2-submit.properties" -cp "$HADOOP_CONF_DIR:$SPARK_CP" \
      org.apache.spark.deploy.SparkSubmit "$@" > "$WORK/kill-submit.out" 2> "$WORK/kill-submit.log" &
    SUBMIT=$!; echo "$SUBMIT" >> "$STARTED"
  }
  submit_bg "${COMMON[@]}" "${CLIENT[@]}" --conf spark.task.maxFailures=4 \
    "$FAT" run --conf "$ROOT/conf/cluster.conf" --input "$NN/store" --warehouse "$NN/wh-kill"
  victim=""; deadline=$((SECONDS + 300))
  while [ -z "$victim" ] && kill -0 "$SUBMIT" 2>/dev/null && [ $SECONDS -lt $deadline ]; do
    app="$(grep -oE 'application_[0-9]+_[0-9]+' "$WORK/kill-submit.log" | head -n 1 || true)"
    if [ -n "$app" ]; then
      line="$(grep -hE 'year [0-9]{4} started on executor [0-9]+ pid [0-9]+' $(container_logs "$app" | sed 's|$|/stderr|') 2>/dev/null | head -n 1 || true)"
      [[ "$line" =~ year\ ([0-9]{4})\ started\ on\ executor\ ([0-9]+)\ pid\ ([0-9]+) ]] \
        && { KY="${BASH_REMATCH[1]}"; KE="${BASH_REMATCH[2]}"; victim="${BASH_REMATCH[3]}"; }
    fi
    sleep 0.5
  done
  [ -n "$victim" ] || fail "kill trial: no year started on an executor within 300 s"
  # ours: its command line names this application's container directories under our work dir
  tr '\0' ' ' < "/proc/$victim/cmdline" 2>/dev/null | grep -F "$WORK" | grep -qF "$app" \
    || fail "kill trial: pid $victim is not a container JVM of $app under $WORK"
  kill -9 "$victim"
  say "   killed executor $KE (pid $victim, YARN container of $app) while it computed year $KY"
  set +e; wait "$SUBMIT"; code=$?; set -e; SUBMIT=""
  [ "$code" = "0" ] || { tail -n 30 "$WORK/kill-submit.log" >&2; fail "kill trial: exit $code"; }
  lost="$(grep -cE 'Lost executor|ExecutorLostFailure|Lost task' "$WORK/kill-submit.log" || true)"
  [ "$lost" -gt 0 ] || fail "kill trial: the driver log shows no lost executor/task"
  RUN_KILL="$(sed -nE 's/.*run ([0-9TZ]+-[0-9a-f]+) SUCCEEDED.*/\1/p' "$WORK/kill-submit.log" | tail -n 1)"
  say "   exit 0 in $((SECONDS - t)) s, run $RUN_KILL; $lost lost-executor/task lines; year $KY: $(grep -E "year $KY computed" "$WORK/kill-submit.log" | tail -n 1 | sed 's/.*RunJob: //')"
fi

# ---- 3. the year tasks ran in YARN executor containers
check_placement() { # mode driver-log app
  local mode="$1" log="$2" app="$3" y line e p f
  for y in 2001 2002 2003 2004; do
    line="$(grep -E "year $y computed in [0-9.]+ s on " "$log" | tail -n 1 || true)"
    [ -n "$line" ] || fail "$mode: no 'year $y computed' line in the driver log"
    [[ "$line" =~ on\ executor\ ([0-9]+)\ pid\ ([0-9]+) ]] || fail "$mode: year $y did not run on an executor: $line"
    e="${BASH_REMATCH[1]}"; p="${BASH_REMATCH[2]}"
    f="$(grep -l -E "year $y started on executor $e pid $p\b" $(container_logs "$app" | sed 's|$|/stderr|') 2>/dev/null | head -n 1 || true)"
    [ -n "$f" ] || fail "$mode: no container log of $app says 'year $y started on executor $e pid $p'"
    case "$f" in *_01_000001/stderr) fail "$mode: year $y ran in the ApplicationMaster container" ;; esac
    grep -q "Started daemon with process name: $p@" "$f" || fail "$mode: $f is not the log of pid $p"
    say "$mode: year $y on executor $e pid $p - YARN $(basename "$(dirname "$f")")"
  done
}
check_placement client "$WORK/client-driver.log" "$CLIENT_APP"
check_placement cluster "$WORK/cluster-driver.log" "$CLUSTER_APP"

# ---- 4. complete tables on hdfs://, one run id each
RUN_CLIENT="$(sed -nE 's/.*run ([0-9TZ]+-[0-9a-f]+) SUCCEEDED.*/\1/p' "$WORK/client-driver.log" | tail -n 1)"
RUN_CLUSTER="$(sed -nE 's/.*run ([0-9TZ]+-[0-9a-f]+) SUCCEEDED.*/\1/p' "$WORK/cluster-driver.log" | tail -n 1)"
[ -n "$RUN_CLIENT" ] && [ -n "$RUN_CLUSTER" ] || fail "no 'run <id> SUCCEEDED' line in a driver log"
TABLES=(indicators va_final_demand va_origin_exports quality_checks)
union=""; runs=""
WHS=(client cluster); [ -n "${RUN_KILL:-}" ] && WHS+=(kill)
for w in "${WHS[@]}"; do
  for tb in "${TABLES[@]}"; do
    union="$union${union:+ UNION ALL }SELECT '$w' AS w, '$tb' AS t, year, run_id FROM delta.\`$NN/wh-$w/$tb\`"
  done
  runs="$runs${runs:+ UNION ALL }SELECT '$w' AS w, run_id, status FROM delta.\`$NN/wh-$w/runs\`"
done
SQL="SELECT a.w, a.t, a.years, a.ids, a.rid, r.n AS runs, r.status, r.run_id = a.rid AS same FROM (
  SELECT w, t, concat_ws(' ', sort_array(collect_set(CAST(year AS STRING)))) AS years,
         count(DISTINCT run_id) AS ids, min(run_id) AS rid FROM ($union) GROUP BY w, t) a
  JOIN (SELECT w, count(*) AS n, max(status) AS status, max(run_id) AS run_id FROM ($runs) GROUP BY w) r ON a.w = r.w
  ORDER BY a.w, a.t"
say "checking the tables (one local-mode Spark query reading both warehouses from hdfs://)"
printf '%s\n' "$SQL" > "$WORK/check.sql"
# shellcheck disable=SC2086
out="$(timeout 240 java $FLAGS $JOPTS -Xss16m -Xmx1g -Djava.io.tmpdir="$WORK/tmp" \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -cp "$HADOOP_CONF_DIR:$SPARK_CP" \
  org.apache.spark.deploy.SparkSubmit --master 'local[2]' --class io.tivaspark.jobs.Main \
  --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=2 \
  "$FAT" sql --warehouse "$NN/wh-client" "$SQL" 2> "$WORK/sql.log")" \
  || { tail -n 30 "$WORK/sql.log" >&2; fail "sql"; }
echo "$out"
for w in "${WHS[@]}"; do
  rid=$RUN_CLIENT; [ $w = cluster ] && rid=$RUN_CLUSTER; [ $w = kill ] && rid=$RUN_KILL
  for tb in "${TABLES[@]}"; do
    # a here-string, not echo | grep -q: under pipefail grep's early exit can kill echo (SIGPIPE, 141)
    grep -qxF "$w,$tb,2001 2002 2003 2004,1,$rid,1,SUCCEEDED,true" <<< "$out" \
      || fail "$w: $tb is not complete for 2001-2004 under the one run $rid"
  done
done
say "tables complete on HDFS: run $RUN_CLIENT (client), $RUN_CLUSTER (cluster): every table, every year, one run id"

# ---- 5. the fake credential is in no log
# logs only: Spark ships its configuration, the secret included, to the containers by design
# (__spark_conf__.zip in the HDFS staging dir and the NodeManagers' file cache; docs/cluster.md §8)
leaks="$(grep -rlF "$CANARY" "$WORK"/*.log "$WORK"/mini/target/test/data/*/*/*logDir* 2>/dev/null || true)"
[ -z "$leaks" ] || fail "the credential passed as spark.hadoop.fs.s3a.secret.key appears in: $(echo $leaks | sed "s|$WORK/||g")"
say "no driver, submit or container log holds the spark.hadoop.fs.s3a.secret.key value"
stop_cluster
say "YARN + HDFS: ok in $((SECONDS - T0)) s"
