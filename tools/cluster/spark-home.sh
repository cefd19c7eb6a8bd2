#!/usr/bin/env bash
# Builds a Spark home (a directory with jars/) from the Spark jars Maven resolved for this project,
# for machines without a Spark distribution: standalone Workers need $SPARK_HOME/jars to build
# executor command lines (docs/cluster.md, docs/build.md §5). Only Spark and what Spark ships:
# no Delta, Unity Catalog, Typesafe Config, tiva or test jars (the fat jar brings its own).
#   tools/cluster/spark-home.sh DIR      -> DIR/jars/*.jar (symlinks into ~/.m2); prints DIR
#   tools/cluster/spark-home.sh DIR --yarn   the same plus spark-yarn (Spark's YARN backend, not a
#                                        dependency of the project: fetch it once with
#                                        mvn -B -ntp -Pyarn-it -pl common,jobs dependency:resolve)
# Then: export SPARK_HOME=DIR SPARK_SCALA_VERSION=2.13
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${1:?usage: spark-home.sh DIR [--yarn]}"
YARN="${2:-}"
CPFILE="$ROOT/jobs/target/launcher-classpath.txt"
[ -f "$CPFILE" ] || { echo "spark-home: $CPFILE missing; run: mvn -DskipTests package" >&2; exit 2; }
mkdir -p "$DIR/jars"
find "$DIR/jars" -maxdepth 1 -type l -delete
tr ':' '\n' < "$CPFILE" | grep -E '\.jar$' \
  | grep -vE '/io/delta/|/io/unitycatalog/|/com/typesafe/config/|tiva-common|/common/target/|/org/junit/|/org/opentest4j/|/org/apiguardian/' \
  | while read -r j; do ln -sf "$j" "$DIR/jars/"; done
if [ "$YARN" = "--yarn" ]; then
  core="$(tr ':' '\n' < "$CPFILE" | grep -E '/spark-core_2\.13-[^/]*\.jar$' | head -n 1)"
  yarn="$(echo "$core" | sed -E 's#/spark-core_2\.13/([^/]+)/spark-core_2\.13-#/spark-yarn_2.13/\1/spark-yarn_2.13-#')"
  [ -f "$yarn" ] || { echo "spark-home: $yarn missing; run once, online: mvn -B -ntp -Pyarn-it -pl common,jobs dependency:resolve" >&2; exit 2; }
  ln -sf "$yarn" "$DIR/jars/"
fi
n="$(find "$DIR/jars" -maxdepth 1 -name '*.jar' | wc -l)"
grep -q '^spark-core_2\.13-' <<< "$(ls "$DIR/jars")" || { echo "spark-home: no spark-core_2.13 jar in $CPFILE" >&2; exit 1; }
echo "spark-home: $n jars in $DIR/jars" >&2
echo "$DIR"
