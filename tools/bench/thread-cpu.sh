#!/usr/bin/env bash
# Where a command's CPU goes, by thread (issue 17, docs/performance.md "Tenth pass"): runs the
# command, reads /proc/PID/task/*/stat of every tiva JVM it starts (io.tivaspark.jobs.Main) once a
# second, and prints, per JVM, the CPU seconds (user + system) of each group of threads (thread
# names with their digits folded: "Executor task launch worker-#", "C# CompilerThre" = the JIT,
# "lapack" = the shared LAPACK thread and the native BLAS threads it starts, "tiva-staging-#" =
# the staging encoders, "GC Thread#" ...), with the load average.
# A thread that ends between two samples loses the CPU of its last second, and one that lives
# less than a second is missed: the figures are lower bounds, exact for long-lived threads.
# Usage: tools/bench/thread-cpu.sh COMMAND [ARGS...]   e.g. tools/bench/thread-cpu.sh bin/tiva run --input S --warehouse W
#   PATTERN=...   the command line of the JVMs to sample (default io.tivaspark.jobs.Main)
set -euo pipefail
[ $# -gt 0 ] || { sed -n 2,11p "$0" >&2; exit 2; }
PATTERN="${PATTERN:-io.tivaspark.jobs.Main}"
SAMPLES="$(mktemp)"
trap 'rm -f "$SAMPLES"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$@" &
CMD=$!
while kill -0 "$CMD" 2>/dev/null; do
  for pid in $(pgrep -f "$PATTERN" || true); do
    for t in /proc/"$pid"/task/*; do
      read -r st < "$t/stat" 2>/dev/null && echo "$pid $st" >> "$SAMPLES" || true
    done
  done
  sleep 1
done
rc=0
wait "$CMD" || rc=$?
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); exit $rc" >&2
python3 - "$SAMPLES" "$(getconf CLK_TCK)" <<'EOF'
import collections, re, sys
last = {}
for line in open(sys.argv[1]):
    pid, rest = line.split(" ", 1)
    m = re.match(r"(\d+) \((.*)\) (.*)", rest)
    if m:
        f = m.group(3).split()
        last[(pid, m.group(1))] = (m.group(2), (int(f[11]) + int(f[12])) / float(sys.argv[2]))  # utime + stime, in ticks
groups = collections.defaultdict(collections.Counter)
for (pid, _), (name, cpu) in last.items():
    groups[pid][re.sub(r"\d+", "#", name)] += cpu
for pid, g in groups.items():
    total = sum(g.values())
    if total == 0:
        continue
    print(f"JVM {pid}: {total:.1f} CPU seconds")
    for name, cpu in g.most_common(12):
        print(f"  {cpu:8.1f} s {100 * cpu / total:5.1f} %  {name}")
EOF
exit $rc
