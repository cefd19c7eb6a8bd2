#!/usr/bin/env bash
# Creates (or refreshes) the repository's .venv with tools/crosscheck/requirements.txt (pymrio,
# pyarrow, pandas, deltalake): used by the cross-check, the notebooks' checks and, when present,
# by PlainParquetStoreTest (a store year rewritten with pyarrow). Prints the venv's python.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
REQ="$ROOT/tools/crosscheck/requirements.txt"
if [ ! -x "$VENV/bin/python" ] || ! cmp -s "$REQ" "$VENV/.crosscheck-requirements" ; then
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQ" >&2
  cp "$REQ" "$VENV/.crosscheck-requirements"
fi
echo "$VENV/bin/python"
