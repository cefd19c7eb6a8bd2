#!/usr/bin/env bash
# Peer cross-check against pymrio (bin/test step 2): a generated table (with its CO2 and EMP
# satellite accounts: footprints PBA/CBA/IMP/EXP vs pymrio D_pba/D_cba/D_imp/D_exp + F_Y, and
# footprint_coefficients S, M, M_UP, M_DOM vs pymrio S, M = S L) and, when
# the shared data is present, one WIOD 2013 year (no extensions: footprints not compared).
# Creates .venv with tools/crosscheck/requirements.txt if needed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
REQ="$ROOT/tools/crosscheck/requirements.txt"
if [ ! -x "$VENV/bin/python" ] || ! cmp -s "$REQ" "$VENV/.crosscheck-requirements" ; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQ"
  cp "$REQ" "$VENV/.crosscheck-requirements"
fi
WORK="$ROOT/target/crosscheck"
rm -rf "$WORK"; mkdir -p "$WORK"
# pymrio gives a zero-output sector v = 0; tiva-spark's default keeps v'B = 1' there (v = 1), which
# differs only for sectors that book sales without output (WIOD has a few): compare like with like.
printf 'tiva.run.zero-output-va = "zero"\n' > "$WORK/peer.conf"
export TIVA_NO_BUILD="${TIVA_NO_BUILD:-0}"

bin/tiva generate --out "$WORK/gen" --regions 7 --industries 5 --years 2014-2015 --seed 11 --no-splits
bin/tiva run --input "$WORK/gen" --warehouse "$WORK/gen-wh"   # default convention: no zero-output sales here
"$VENV/bin/python" tools/crosscheck/crosscheck.py --store "$WORK/gen" --warehouse "$WORK/gen-wh" --year 2015

SHARED="${TIVA_SHARED_DIR:-$ROOT/../shared}"
WIOD="$SHARED/data/wiod2013/wiot_2005.csv.gz"
if [ -f "$WIOD" ]; then
  bin/tiva ingest --format icio --in "$WIOD" --out "$WORK/wiod"
  bin/tiva run --conf "$WORK/peer.conf" --input "$WORK/wiod" --warehouse "$WORK/wiod-wh"
  "$VENV/bin/python" tools/crosscheck/crosscheck.py --store "$WORK/wiod" --warehouse "$WORK/wiod-wh" --year 2005
else
  echo "crosscheck: $WIOD not found; WIOD cross-check skipped"
fi
