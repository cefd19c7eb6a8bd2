#!/usr/bin/env bash
# IcioCsv.read speed, two builds side by side: the common module's classes at a git ref (the
# baseline, compiled into a temp dir) against this checkout's common/target/classes, alternating
# runs so that machine noise falls on both. Per build and round: one cold parse in a fresh JVM
# (ROUNDS fresh JVMs in all) and, in one more JVM, WARM parses in a row. Each figure is
# wall-ms/process-cpu-ms of one parse, with the 1/5/15-minute load average beside it (another
# benchmark running at the same time shows there). The result's bits are hashed: both builds
# must print the same hash. Not a unit test; run by hand:
#   tools/bench/icio-parse.sh [BASE_REF] [CSV]
#   (defaults: HEAD, target/bench-ingest/in/ICIO2023_2020.csv from tools/bench/ingest.sh;
#    ROUNDS=5 WARM=6 THREADS=<cores> in the environment)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REF="${1:-HEAD}"
CSV="${2:-$ROOT/target/bench-ingest/in/ICIO2023_2020.csv}"
ROUNDS="${ROUNDS:-5}"
WARM="${WARM:-6}"
THREADS="${THREADS:-$(nproc)}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT"
mvn -B -ntp -q -o -pl common compile >&2
mvn -B -ntp -q -o -pl common dependency:build-classpath -Dmdep.outputFile="$TMP/cp.txt" >&2
DEPS="$(cat "$TMP/cp.txt")"
mkdir -p "$TMP/base/src" "$TMP/base/classes" "$TMP/driver"
git archive "$REF" common/src/main | tar -x -C "$TMP/base/src"
find "$TMP/base/src" -name '*.java' > "$TMP/sources.txt"
javac -nowarn -encoding UTF-8 --release 17 -cp "$DEPS" -d "$TMP/base/classes" @"$TMP/sources.txt" 2>/dev/null
cp -r "$TMP/base/src/common/src/main/resources/." "$TMP/base/classes/" 2>/dev/null || true
cat > "$TMP/driver/Driver.java" <<'JAVA'
import io.tivaspark.common.io.IcioCsv;
import io.tivaspark.common.model.MrioYear;
import java.nio.file.Path;

/** Args: csv, parses, threads. Prints wall-ms/cpu-ms per parse and a hash of the result's bits. */
public class Driver {
  public static void main(String[] a) {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    StringBuilder sb = new StringBuilder();
    long h = 17;
    for (int i = 0; i < Integer.parseInt(a[1]); i++) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      MrioYear t = IcioCsv.read(IcioCsv.Source.of(Path.of(a[0])), 2020,
          new IcioCsv.Options(false, IcioCsv.DiscMode.DOMESTIC, Integer.parseInt(a[2]))).table();
      sb.append((System.nanoTime() - t0) / 1_000_000).append('/').append((os.getProcessCpuTime() - c0) / 1_000_000).append(' ');
      h = 17;
      for (double[] v : new double[][] {t.z(), t.finalDemand(), t.publishedOutput()}) {
        for (double d : v == null ? new double[0] : v) {
          h = h * 1_000_003 + Double.doubleToRawLongBits(d);
        }
      }
      for (var e : t.valueAdded().entrySet()) {
        h = h * 31 + e.getKey().hashCode();
        for (double d : e.getValue()) {
          h = h * 1_000_003 + Double.doubleToRawLongBits(d);
        }
      }
    }
    System.out.println(sb + "hash=" + Long.toHexString(h));
  }
}
JAVA
javac -cp "$TMP/base/classes:$DEPS" -d "$TMP/driver" "$TMP/driver/Driver.java"
run() { # label classes parses
  local out
  out="$(java -Xmx4g -Xss16m -cp "$TMP/driver:$2:$DEPS" Driver "$CSV" "$3" "$THREADS")"
  printf '%-5s %-4s %-60s load %s\n' "$1" "$4" "$out" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "file: $CSV; baseline: $REF ($(git rev-parse --short "$REF")); this build: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- common || echo '+changes'); threads $THREADS"
for r in $(seq "$ROUNDS"); do
  run base "$TMP/base/classes" 1 cold
  run new common/target/classes 1 cold
done
run base "$TMP/base/classes" "$WARM" warm
run new common/target/classes "$WARM" warm
