"""Cross-check of `bin/tiva ingest --format icio` on OECD ICIO files against pymrio's `parse_oecd`.

Usage: oecd.py MOCK_DIR CSV_DIR [--tol 1e-12]

MOCK_DIR holds OECD ICIO files as published (pymrio's mock `oecd_mock/`: ICIO2016_2003.csv,
ICIO2018_2010.CSV, ICIO2018_2010.zip); CSV_DIR/<file name>/ holds what our reader read from each,
written by the common test `IcioCrosscheckDumpTest` (-Dtiva.crosscheck.out=DIR writes DIR/oecd/):
Z, Y, x (= Z1 + y), VA as wide CSVs keyed `entity|industry` and `country|category`, and
entities.csv (entity -> country).

pymrio merges the split entities into their country before anything else (CN1, CN2 and the
parent's own CHN rows and columns summed into CHN; likewise MX1, MX2, MEX into MEX). We keep
them apart in the store (docs/methods.md §2.4) and merge only when reporting, so this script
sums our entities' rows and columns by entities.csv first, then compares every block cell by
cell, |ours - pymrio| <= tol * max(|ours|, |pymrio|), one line per block; exit 1 beyond tol or
when the labels differ. Mapped on purpose (docs/ingest.md §2.1, §2.2):
- the 2016 DISC column: pymrio keeps it as Y column ALL|DISC; we put each row's cell in the
  final-demand category DISC of the producing country: compared as the sum of our DISC columns;
- the per-country CCC_TAXSUB rows (2018): pymrio keeps one VA row each; we sum them into TLS:
  compared as pymrio's TAXSUB rows summed;
- pymrio's F_Y (taxes on final demand) and the published output row/column are not in the
  store's value_added / compared blocks (x is compared as Z1 + Y1 on both sides).
"""
import argparse
import os
import sys

import numpy as np
import pandas as pd
import pymrio

MOCKS = ["ICIO2016_2003.csv", "ICIO2018_2010.CSV", "ICIO2018_2010.zip"]


def rel_diff(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    scale = np.maximum(np.abs(a), np.abs(b))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(scale > 0, np.abs(a - b) / scale, 0.0)
    return float(r.max()) if r.size else 0.0


def keys(index):
    return ["|".join(str(p) for p in t) if isinstance(t, tuple) else str(t) for t in index]


def compare(name, ours, peer, tol, note=""):
    """ours, peer: DataFrames with string labels; both must have the same labels."""
    if sorted(ours.index) != sorted(peer.index) or sorted(ours.columns) != sorted(peer.columns):
        print(f"{name}: labels differ: ours {sorted(ours.index)[:4]} x {sorted(ours.columns)[:4]}, "
              f"pymrio {sorted(peer.index)[:4]} x {sorted(peer.columns)[:4]}")
        return False
    a = ours.loc[peer.index, peer.columns].to_numpy(dtype=float)
    r = rel_diff(a, peer.to_numpy(dtype=float))
    ok = r <= tol
    print(f"{name}: max relative difference {r:.3e} over {a.shape[0]}x{a.shape[1]} cells{note} "
          f"{'ok' if ok else 'FAIL'}")
    return ok


def merged(df, country_of, rows=True, cols=True):
    """Sums the entities of a split country (entity|industry -> country|industry), as pymrio does."""
    def key(k):
        e, rest = k.split("|", 1)
        return country_of.get(e, e) + "|" + rest
    if rows:  # a Series of keys, not a list: a list of strings would be taken for column names
        df = df.groupby(pd.Series([key(k) for k in df.index], index=df.index), sort=False).sum()
    if cols:
        t = df.T
        df = t.groupby(pd.Series([key(k) for k in t.index], index=t.index), sort=False).sum().T
    return df


def read(d, name):
    df = pd.read_csv(os.path.join(d, name + ".csv"), index_col=0)
    df.index = [str(i) for i in df.index]
    df.columns = [str(c) for c in df.columns]
    return df


def check(mock, csv_dir, tol):
    print(f"== oecd: {mock} vs {csv_dir} (pymrio {pymrio.__version__})")
    io = pymrio.parse_oecd(mock)
    ents = pd.read_csv(os.path.join(csv_dir, "entities.csv"))
    country_of = dict(zip(ents["entity"], ents["country"]))
    split = {e: c for e, c in country_of.items() if e != c}
    print(f"split entities merged as pymrio does: {split or 'none'}")
    zk = keys(io.Z.index)
    peer_z = pd.DataFrame(io.Z.to_numpy(), index=zk, columns=keys(io.Z.columns))
    ok = compare("Z", merged(read(csv_dir, "Z"), country_of), peer_z, tol)
    ok &= compare_y(io, merged(read(csv_dir, "Y"), country_of, cols=False), zk, tol)
    x_peer = pd.DataFrame(pymrio.calc_x(io.Z, io.Y).to_numpy(), index=zk, columns=["x"])
    ok &= compare("x", merged(read(csv_dir, "x"), country_of, cols=False), x_peer, tol, " (Z1 + Y1)")
    ok &= compare_va(io, merged(read(csv_dir, "VA"), country_of, rows=False), tol)
    return ok


def compare_y(io, y, zk, tol):
    """Y; pymrio's ALL|DISC column against the sum of our per-country DISC columns."""
    peer = pd.DataFrame(io.Y.to_numpy(), index=zk, columns=keys(io.Y.columns))
    note = ""
    if "ALL|DISC" in peer.columns:
        disc = [c for c in y.columns if c.endswith("|DISC")]
        y = y.drop(columns=disc).assign(**{"ALL|DISC": y[disc].sum(axis=1)})
        note = f" (DISC: pymrio's ALL|DISC vs the sum of our {len(disc)} per-country DISC columns)"
    return compare("Y", y, peer, tol, note)


def compare_va(io, va, tol):
    """VA rows; pymrio's per-country CCC_TAXSUB rows summed into our TLS."""
    f = io.factor_inputs.F
    peer = pd.DataFrame(f.to_numpy(), index=[str(i[-1] if isinstance(i, tuple) else i) for i in f.index],
                        columns=keys(f.columns))
    taxsub = [i for i in peer.index if i.upper().endswith("_TAXSUB")]
    note = ""
    if taxsub:
        peer = pd.concat([peer.drop(index=taxsub), peer.loc[taxsub].sum().to_frame("TLS").T])
        note = f" ({len(taxsub)} CCC_TAXSUB rows of pymrio summed into TLS)"
    return compare("VA", va, peer, tol, note)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mock_dir")
    ap.add_argument("csv_dir")
    ap.add_argument("--tol", type=float, default=1e-12)
    a = ap.parse_args()
    ok = True
    for name in MOCKS:
        mock = os.path.join(a.mock_dir, name)
        if not os.path.exists(mock):
            print(f"{name}: SKIPPED (not in {a.mock_dir})")
            continue
        ok &= check(mock, os.path.join(a.csv_dir, name), a.tol)
    print("oecd cross-check:", "ok" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
