"""Cross-check of `bin/tiva ingest --format eora26` against pymrio's `parse_eora26`.

Usage: eora26.py MOCK CSV_DIR [--year YEAR] [--price bp|pp] [--tol 1e-12]

MOCK is an Eora26 year as published (pymrio's mock `eora26_mock/`, or a directory of unpacked
files); CSV_DIR holds what our reader read from it, written by the common test
`EoraCrosscheckDumpTest` (-Dtiva.crosscheck.out=DIR writes DIR/eora26/): Z, Y, x, VA, F, F_Y as
wide CSVs (and units.csv) keyed `country|label` with Eora's own labels. pymrio parses MOCK; every block is compared
cell by cell, |ours - pymrio| <= tol * max(|ours|, |pymrio|), one line per block; exit 1 beyond tol
or when the labels differ.

A difference on purpose (docs/sources/eora26.md): pymrio drops Eora's ROW (statistical
discrepancy) rows and columns; we keep their cells in the store as the final-demand category DISC
(T column ROW + FD columns ROW, per producing row) and the value-added component DISC (T row ROW).
So DISC columns of Y and F_Y and the DISC row of VA are set aside (their totals printed), and our
x = Z1 + y (DISC included) is compared as x - y_DISC with pymrio's x = Z1 + Y1. The mock has no ROW;
when CSV_DIR has a sibling CSV_DIR-row with CSV_DIR-row-input (a year with ROW written by the same
test), that pair is checked too.
"""
import argparse
import os
import re
import sys

import numpy as np
import pandas as pd
import pymrio

DISC = "DISC"


def read_ours(d, name):
    return pd.read_csv(os.path.join(d, name + ".csv"), index_col=0)


def keys(index):
    """pymrio's (region, label) index as our `region|label` keys."""
    return ["|".join(str(p) for p in t) if isinstance(t, tuple) else str(t) for t in index]


def rel_diff(ours, peer):
    a = np.asarray(ours, dtype=float)
    b = np.asarray(peer, dtype=float)
    scale = np.maximum(np.abs(a), np.abs(b))
    d = np.abs(a - b)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(scale > 0, d / scale, 0.0)
    return float(r.max()) if r.size else 0.0


def compare(name, ours, peer_values, peer_rows, peer_cols, tol, note=""):
    """Aligns ours on pymrio's labels (both must have the same ones) and prints the largest difference."""
    rows, cols = list(peer_rows), list(peer_cols)
    if sorted(map(str, ours.index)) != sorted(rows) or sorted(map(str, ours.columns)) != sorted(cols):
        print(f"{name}: labels differ: ours {list(ours.index)[:3]}... x {list(ours.columns)[:3]}..., "
              f"pymrio {rows[:3]}... x {cols[:3]}...")
        return False
    a = ours.loc[rows, cols].to_numpy(dtype=float)
    r = rel_diff(a, peer_values)
    ok = r <= tol
    print(f"{name}: max relative difference {r:.3e} over {a.shape[0]}x{a.shape[1]} cells"
          f"{note} {'ok' if ok else 'FAIL'}")
    return ok


def without_disc_cols(df):
    disc = [c for c in df.columns if str(c).split("|")[-1] == DISC]
    return df.drop(columns=disc), df[disc]


def check(mock, csv_dir, year, price, tol):
    print(f"== eora26: {mock} vs {csv_dir} (pymrio {pymrio.__version__})")
    io = pymrio.parse_eora26(mock, year=year, price=price)
    zk = keys(io.Z.index)
    yk = keys(io.Y.columns)
    ok = compare("Z", read_ours(csv_dir, "Z"), io.Z.to_numpy(), zk, keys(io.Z.columns), tol)
    y, y_disc = without_disc_cols(read_ours(csv_dir, "Y"))
    disc_note = f" (DISC set aside: {y_disc.shape[1]} columns, total {y_disc.to_numpy().sum():.10g})" \
        if y_disc.shape[1] else ""
    ok &= compare("Y", y, io.Y.to_numpy(), zk, yk, tol, disc_note)
    x_peer = pymrio.calc_x(io.Z, io.Y)
    x = read_ours(csv_dir, "x")
    if y_disc.shape[1]:
        x = x.sub(y_disc.sum(axis=1), axis=0)
    ok &= compare("x", x, x_peer.to_numpy(), zk, ["x"], tol, " (ours minus DISC)" if y_disc.shape[1] else "")
    va = read_ours(csv_dir, "VA")
    va_disc = va.loc[[i for i in va.index if i == DISC]]
    va = va.drop(index=va_disc.index)
    va_rows = [t[-1] if isinstance(t, tuple) else t for t in io.VA.F.index]
    note = f" (DISC row set aside: total {va_disc.to_numpy().sum():.10g})" if len(va_disc) else ""
    ok &= compare("VA", va, io.VA.F.to_numpy(), va_rows, keys(io.VA.F.columns), tol, note)
    ok &= compare_satellite(io, csv_dir, zk, yk, tol)
    return ok


def compare_satellite(io, csv_dir, zk, yk, tol):
    """F and F_Y by position (stressors in the order of labels_Q: ours `name | source`, pymrio's (name, source))."""
    f = read_ours(csv_dir, "F")
    fy, fy_disc = without_disc_cols(read_ours(csv_dir, "F_Y"))
    peer_names = [" | ".join(str(p) for p in t) if isinstance(t, tuple) else str(t) for t in io.Q.F.index]
    ours_names = [re.sub(r"\s+", " ", s) for s in f.index]
    if ours_names != peer_names:
        print(f"F: stressors differ: ours {ours_names[:3]}, pymrio {peer_names[:3]}")
        return False
    f.index = fy.index = peer_names
    ok = compare("F", f, io.Q.F.to_numpy(), peer_names, keys(io.Q.F.columns), tol)
    note = f" (DISC columns set aside: total {fy_disc.to_numpy().sum():.10g})" if fy_disc.shape[1] else ""
    ok &= compare("F_Y", fy, io.Q.F_Y.to_numpy(), peer_names, keys(io.Q.F_Y.columns), tol, note)
    units_peer = [str(u) for u in io.Q.unit["unit"]]
    units = list(pd.read_csv(os.path.join(csv_dir, "units.csv"), index_col=0)["unit"])
    same = units == units_peer
    print(f"units: {len(units)} stressors, {'same' if same else 'DIFFERENT'} ({sorted(set(units))}) "
          f"{'ok' if same else 'FAIL'}")
    return ok and same


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mock")
    ap.add_argument("csv_dir")
    ap.add_argument("--year", type=int, default=None)
    ap.add_argument("--price", default="bp")
    ap.add_argument("--tol", type=float, default=1e-12)
    a = ap.parse_args()
    year = a.year
    if year is None:
        names = [n for n in os.listdir(a.mock) if re.match(r"Eora26_\d{4}_", n)]
        year = int(re.match(r"Eora26_(\d{4})_", sorted(names)[0]).group(1))
    ok = check(a.mock, a.csv_dir, year, a.price, a.tol)
    row_csv = a.csv_dir.rstrip("/") + "-row"
    if os.path.isdir(row_csv) and os.path.isdir(row_csv + "-input"):
        ok &= check(row_csv + "-input", row_csv, 2015, "bp", a.tol)
    print("eora26 cross-check:", "ok" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
