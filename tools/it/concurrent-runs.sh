#!/usr/bin/env bash
# Two `tiva run` processes on one warehouse at once (real JVMs, the real lock file), issue 6:
#  1. default tiva.run.lock-wait = 0s: the second fails at once, exit 1, one line naming the holder;
#  2. TIVA_LOCK_WAIT=10m for both, started together: one waits, both exit 0, one after the other;
#  3. an empty lock file (holder killed between creating and writing it) does not block forever.
# Afterwards every table-year holds exactly one run id, the one `runs` records last for the year
# (never interleaved rows), and no secret-looking configuration value reached the output.
# About 1.5 minutes on a quiet 2-core machine (4-6 under load); step 2 of bin/test. Exit code 0 = all passed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
exec mvn -B -ntp ${TIVA_MVN_OFFLINE:+-o} test -pl jobs -am -Dtest=ConcurrentRunTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dtiva.it.processes=true
