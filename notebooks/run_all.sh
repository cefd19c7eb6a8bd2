#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless (nbclient) and checks them (run_all.py): no cell
# error, the charts saved and non-empty, no outputs committed. Creates a virtual environment with
# notebooks/requirements.txt if needed (default target/notebooks-venv; TIVA_NB_VENV to change).
#
#   notebooks/run_all.sh                       the warehouse: $TIVA_WAREHOUSE, else ./warehouse (bin/tiva demo),
#                                              else runs the demo into target/notebooks/demo/warehouse
#   notebooks/run_all.sh --warehouse DIR       a given warehouse (bin/test: the demo's)
#   notebooks/run_all.sh --check-only          only: are the committed notebooks free of outputs?
#   notebooks/run_all.sh --strip               strip outputs from the notebooks in place (before committing)
#   notebooks/run_all.sh 02                    only the notebooks whose names start so
#   TIVA_TEST_SKIP_NOTEBOOKS=1                 skip (exit 0), e.g. for bin/test without Python
# Charts go to target/notebooks/output, executed copies (with outputs) to target/notebooks/executed.
set -euo pipefail
if [ "${TIVA_TEST_SKIP_NOTEBOOKS:-0}" = "1" ]; then
  echo "== notebooks: skipped (TIVA_TEST_SKIP_NOTEBOOKS=1)"
  exit 0
fi
# (no cd: a relative --warehouse is taken from the caller's directory)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${TIVA_NB_VENV:-$ROOT/target/notebooks-venv}"
REQ="$ROOT/notebooks/requirements.txt"
if [ ! -x "$VENV/bin/python" ] || ! cmp -s "$REQ" "$VENV/.notebooks-requirements"; then
  if [ -e "$VENV" ] && [ ! -f "$VENV/pyvenv.cfg" ]; then
    echo "run_all: $VENV exists and is not a virtual environment; not touching it" >&2
    exit 2
  fi
  echo "run_all: creating $VENV from notebooks/requirements.txt"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQ"
  cp "$REQ" "$VENV/.notebooks-requirements"
fi

args=("$@")
needs_warehouse=1
for a in "$@"; do
  case "$a" in
    --warehouse|--warehouse=*|--check-only|--strip|-h|--help) needs_warehouse=0 ;;
  esac
done
if [ "$needs_warehouse" = 1 ]; then
  WH="${TIVA_WAREHOUSE:-}"
  if [ -z "$WH" ] && [ -d "$ROOT/warehouse/indicators/_delta_log" ]; then
    WH="$ROOT/warehouse"
  fi
  if [ -z "$WH" ]; then
    WH="$ROOT/target/notebooks/demo/warehouse"
    if [ ! -d "$WH/indicators/_delta_log" ]; then
      "$ROOT/bin/tiva" demo --input "$ROOT/target/notebooks/demo/data" --warehouse "$WH"
    fi
  fi
  args=(--warehouse "$WH" "${args[@]}")
fi
echo "== notebooks (notebooks/*.ipynb, Python of $VENV)"
# The kernel is the venv's Python (nbclient starts "python3" as the Python that runs it).
exec "$VENV/bin/python" "$ROOT/notebooks/run_all.py" "${args[@]}"
