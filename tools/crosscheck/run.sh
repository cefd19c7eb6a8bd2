#!/usr/bin/env bash
# Peer cross-check against pymrio (bin/test step 2): a generated table (with its CO2 and EMP
# satellite accounts: footprints PBA/CBA/IMP/EXP vs pymrio D_pba/D_cba/D_imp/D_exp + F_Y, and
# footprint_coefficients S, M, M_UP, M_DOM vs pymrio S, M = S L) and, when
# the shared data is present, one WIOD 2013 year (no extensions: footprints not compared); then the
# publishers' formats (issue 16, docs/ingest.md §5): every tools/crosscheck/formats/<format>.py
# compares pymrio's parse of the format's mock in ../shared/data/pymrio-mocks with the blocks our
# reader parsed from the same file, dumped as CSV by the common test <Format>CrosscheckDumpTest
# (run with -Dtiva.crosscheck.out=DIR, it writes DIR/<format>/<block>.csv; skipped otherwise);
# the script takes (mock path, DIR/<format>) and exits non-zero beyond 1e-12 relative.
# Creates .venv with tools/crosscheck/requirements.txt if needed.
# Usage: tools/crosscheck/run.sh [--formats]   (--formats: only the publishers' formats step)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
REQ="$ROOT/tools/crosscheck/requirements.txt"
"$ROOT/tools/crosscheck/venv.sh" >/dev/null
WORK="$ROOT/target/crosscheck"
rm -rf "$WORK"; mkdir -p "$WORK"
# pymrio gives a zero-output sector v = 0; tiva-spark's default keeps v'B = 1' there (v = 1), which
# differs only for sectors that book sales without output (WIOD has a few): compare like with like.
printf 'tiva.run.zero-output-va = "zero"\n' > "$WORK/peer.conf"
export TIVA_NO_BUILD="${TIVA_NO_BUILD:-0}"
SHARED="${TIVA_SHARED_DIR:-$ROOT/../shared}"

# Shared data absent: say so loudly; under TIVA_REQUIRE_SHARED=1 (.ci/run) that is a failure.
shared_missing() {
  echo "crosscheck: SKIPPED (no ../shared data beside the repository): $*"
  if [ "${TIVA_REQUIRE_SHARED:-0}" = "1" ]; then
    echo "crosscheck: FAILED: TIVA_REQUIRE_SHARED=1 and $1 is missing" >&2
    exit 1
  fi
}

# The mock of a format in ../shared/data/pymrio-mocks (pymrio's test files, README there).
mock_of() {
  case "$1" in
    exiobase3) echo "$MOCKS/exio3_mock" ;;
    exiobase1) echo "$MOCKS/exio1_mock" ;;
    exiobase2) echo "$MOCKS/exio2_mock/mrIOT_PxP_ita_coefficient_version2.2.2.zip" ;;
    eora26) echo "$MOCKS/eora26_mock" ;;
    gloria) echo "$MOCKS/gloria_mock" ;;
    wiod2016|wiod2013|wiod) echo "$MOCKS/wiod_mock/wiot09_row_sep12.xlsx" ;;
    *) echo "$MOCKS/$1_mock" ;;
  esac
}

# Publishers' formats: dump our parse of every mock (one mvn run of the dump tests), then one
# script per format; a failing script fails the step, a format without a script is skipped loudly.
formats_step() {
  MOCKS="$SHARED/data/pymrio-mocks"
  local scripts=() failed=() f fmt mock
  for f in "$ROOT"/tools/crosscheck/formats/*.py; do [ -f "$f" ] && scripts+=("$f"); done
  for fmt in oecd wiod2016 adb figaro eora26 exiobase3 exiobase1 exiobase2 gloria; do
    [ -f "$ROOT/tools/crosscheck/formats/$fmt.py" ] \
      || echo "crosscheck $fmt: SKIPPED (no tools/crosscheck/formats/$fmt.py: no pymrio parser, or not written yet)"
  done
  if [ ${#scripts[@]} -eq 0 ]; then
    echo "crosscheck: SKIPPED the publishers' formats: no tools/crosscheck/formats/*.py"
    return 0
  fi
  if [ ! -d "$MOCKS" ]; then
    shared_missing "$MOCKS" "(the publishers' formats step)"
    return 0
  fi
  local dump="$WORK/formats"
  rm -rf "$dump"; mkdir -p "$dump"
  # offline: bin/test step 1 (mvn verify) has fetched every plugin and dependency
  # (WiodMockTest and AdbSourceTest dump too: the WIOD mock's parse, and the ADB test workbook with ours)
  mvn -B -ntp -q -o -pl common test -Dtest='*CrosscheckDump*,WiodMockTest,AdbSourceTest' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtiva.crosscheck.out="$dump" -Dtiva.shared.dir="$SHARED"
  for f in "${scripts[@]}"; do
    fmt="$(basename "$f" .py)"
    mock="$(mock_of "$fmt")"
    # no ADB mock exists: adb.py reads the workbook AdbSourceTest wrote beside our parse of it
    [ "$fmt" = adb ] && mock="$dump/adb/ADB-MRIO-2019.xlsx"
    if [ ! -e "$mock" ] && [ "$fmt" = adb ]; then
      echo "crosscheck adb: FAILED: AdbSourceTest wrote no workbook at $mock"
      failed+=("$fmt")
      continue
    elif [ ! -e "$mock" ]; then
      shared_missing "$mock" "(crosscheck $fmt)"
      continue
    fi
    if [ ! -d "$dump/$fmt" ]; then
      echo "crosscheck $fmt: FAILED: no dump in $dump/$fmt (a common test such as ${fmt^}CrosscheckDumpTest must write <block>.csv there)"
      failed+=("$fmt")
      continue
    fi
    echo "== crosscheck $fmt: pymrio on $mock vs our parse ($dump/$fmt)"
    if [ "$fmt" = exiobase3 ]; then # the mock, and a synthetic release with factor inputs beside our parse
      "$VENV/bin/python" "$f" "$mock" "$dump/$fmt/mock" "$dump/$fmt/fixture/IOT_2011_pxp" "$dump/$fmt/fixture" \
        || failed+=("$fmt")
    elif [ "$fmt" = exiobase1 ]; then # the mock, and the mock with the generic extension files (exio_ext_mock)
      "$VENV/bin/python" "$f" "$mock" "$dump/$fmt" "$dump/$fmt/ext/release" "$dump/$fmt/ext" || failed+=("$fmt")
    elif [ "$fmt" = gloria ]; then # the mock, and a balanced synthetic release with a non-diagonal supply table
      { "$VENV/bin/python" "$f" "$mock" "$dump/$fmt/mock" \
        && "$VENV/bin/python" "$f" "$dump/$fmt/synthetic-release" "$dump/$fmt/synthetic"; } || failed+=("$fmt")
    else
      "$VENV/bin/python" "$f" "$mock" "$dump/$fmt" || failed+=("$fmt")
    fi
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "crosscheck: FAILED for the publishers' formats: ${failed[*]}"
    return 1
  fi
  echo "crosscheck: publishers' formats passed: ${#scripts[@]} script(s)"
}

if [ "${1:-}" = "--formats" ]; then
  formats_step
  exit $?
fi

bin/tiva generate --out "$WORK/gen" --regions 7 --industries 5 --years 2014-2015 --seed 11 --no-splits
bin/tiva run --input "$WORK/gen" --warehouse "$WORK/gen-wh"   # default convention: no zero-output sales here
"$VENV/bin/python" tools/crosscheck/crosscheck.py --store "$WORK/gen" --warehouse "$WORK/gen-wh" --year 2015

WIOD="$SHARED/data/wiod2013/wiot_2005.csv.gz"
if [ -f "$WIOD" ]; then
  bin/tiva ingest --format icio --in "$WIOD" --out "$WORK/wiod"
  bin/tiva run --conf "$WORK/peer.conf" --input "$WORK/wiod" --warehouse "$WORK/wiod-wh"
  "$VENV/bin/python" tools/crosscheck/crosscheck.py --store "$WORK/wiod" --warehouse "$WORK/wiod-wh" --year 2005
else
  shared_missing "$WIOD" "(the WIOD 2013 cross-check)"
fi

formats_step
