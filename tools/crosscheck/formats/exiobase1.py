#!/usr/bin/env python3
"""Cross-check of tiva-spark's EXIOBASE 1 reader (--format exiobase1) against pymrio.

Usage: exiobase1.py RELEASE CSV_DIR [RELEASE CSV_DIR ...]

RELEASE is an EXIOBASE 1 table as downloaded (a folder or zip, e.g. pymrio's exio1_mock), CSV_DIR what
tiva-spark read from it, written by the common test Exio12CrosscheckDump (mvn -o -q -pl common test
-Dtest=Exio12CrosscheckDump -Dtiva.crosscheck.out=DIR: DIR/exiobase1, DIR/exiobase1/ext with its release in
DIR/exiobase1/ext/release, DIR/exiobase2). pymrio parses RELEASE with parse_exiobase1 and completes it with
calc_all (x = L·y with L = (I - A)^-1, Z = A·diag(x), F = S·diag(x)); a release with a folder extensions/
also has each extensions/*.txt parsed by parse_exio12_ext (label columns counted from line 1,
drop_compartment=False, sep tab). Compared cell by cell, one line per block with the largest relative
difference |a - b| / max(|a|, |b|): Z, Y, x, VA, F, F_Y; labels and units must match. Exit 1 beyond 1e-12.

Differences of convention, on purpose (docs/sources/exiobase1-2.md):
- final-demand categories: the store's codes (HFCE ... EXPORTS), mapped from EXIOBASE's names as in exiobase3.py.
- value added: pymrio keeps the factor inputs as the extension factor_inputs; tiva-spark moves its rows to
  value-added components (EXIOBASE's names coded as for EXIOBASE 3, any other name made safe: Value_Added);
  without factor inputs the store has one component VA = x - Z'1.
- a stressor with a compartment is named 'stressor - compartment'; a name found in two extensions is
  qualified by the extension in the store (ext_1col/emission_type1).
- units: as pymrio's, the money part of a coefficient's unit dropped (kg/M.EUR -> kg); no unit column: ''.
"""
import os
import re
import sys

import numpy as np
import pandas as pd
import pymrio

from exiobase3 import aligned, category_code, matrix, max_rel, va_code, with_codes

TOLERANCE = 1e-12


def safe(label):
    if re.fullmatch(r"[A-Za-z0-9_.-]+", label):
        return label
    s = re.sub(r"^_+|_+$", "", re.sub(r"[^A-Za-z0-9_.-]+", "_", label.strip()))
    return s or "_"


def row_name(idx):
    return " - ".join(str(i) for i in idx) if isinstance(idx, tuple) else str(idx)


def parse(release, generation):
    if generation == 1:
        io = pymrio.parse_exiobase1(release)
    else:
        io = pymrio.parse_exiobase2(release, charact=False, popvector=None)
    io.calc_all()
    exts = {name: getattr(io, name) for name in io.get_extensions()}
    ext_dir = os.path.join(release, "extensions")
    if os.path.isdir(ext_dir):
        for f in sorted(os.listdir(ext_dir)):
            if f.endswith(".txt"):
                path = os.path.join(ext_dir, f)
                with open(path, encoding="utf-8") as h:
                    first = h.readline().rstrip("\n").split("\t")
                k = next(i for i, c in enumerate(first) if i > 0 and c != "")
                exts[f[:-4]] = pymrio.parse_exio12_ext(path, index_col=k, name=f[:-4], drop_compartment=False, sep="\t")
    return io, exts


def rows(exts, fd_columns):
    """Value added by code; stressors by (extension, name): (unit, F row, F_Y row)."""
    va, stressors = {}, {}
    for ext_name, ext in exts.items():
        fy = getattr(ext, "F_Y", None)
        for idx in ext.F.index:
            name = row_name(idx)
            if ext_name == "factor_inputs":
                va[va_code(name) or safe(name)] = ext.F.loc[idx]
                continue
            unit = "" if ext.unit is None else str(ext.unit.loc[idx].iloc[0])
            fyrow = fy.loc[idx] if fy is not None else pd.Series(0.0, index=fd_columns)
            stressors[(ext_name, name)] = (unit, ext.F.loc[idx], fyrow)
    return va, stressors


def find(name, stressors):
    if "/" in name and tuple(name.split("/", 1)) in stressors:
        return tuple(name.split("/", 1))
    hits = [k for k in stressors if k[1] == name]
    if len(hits) != 1:
        raise ValueError(f"stressor {name}: found in {len(hits)} pymrio extensions")
    return hits[0]


def compare(release, csv_dir, generation):
    io, exts = parse(release, generation)
    lines, worst = [], 0.0

    def report(block, value, note=""):
        nonlocal worst
        worst = max(worst, value)
        lines.append(f"{block:4s} max relative difference {value:.3e}{note}")

    z = aligned(matrix(f"{csv_dir}/Z.csv", ["row_region", "row_sector"], ["col_region", "col_sector"]), io.Z, "Z")
    report("Z", max_rel(z.values, io.Z.values), f"  ({io.Z.size} cells)")
    y_theirs = with_codes(io.Y)
    y = aligned(matrix(f"{csv_dir}/Y.csv", ["row_region", "row_sector"], ["col_region", "category"]), y_theirs, "Y")
    report("Y", max_rel(y.values, y_theirs.values), f"  ({y_theirs.size} cells)")
    x = pd.read_csv(f"{csv_dir}/x.csv", keep_default_na=False).set_index(["region", "sector"])["value"]
    report("x", max_rel(x.reindex(io.x.index).values, io.x.iloc[:, 0].values), f"  ({len(x)} cells)")

    va_theirs, st_theirs = rows(exts, io.Y.columns)
    va = pd.read_csv(f"{csv_dir}/VA.csv", keep_default_na=False)
    if not va_theirs:
        va_theirs = {"VA": io.x.iloc[:, 0] - io.Z.sum(axis=0).values}
    if set(va["component"].unique()) != set(va_theirs):
        raise ValueError(f"VA components differ: {sorted(va['component'].unique())} vs {sorted(va_theirs)}")
    va_max = max(max_rel(va[va["component"] == c].set_index(["region", "sector"])["value"].reindex(t.index).values,
                         t.values) for c, t in va_theirs.items())
    report("VA", va_max, f"  ({len(va_theirs)} components)")

    f = pd.read_csv(f"{csv_dir}/F.csv", keep_default_na=False)
    fy = pd.read_csv(f"{csv_dir}/F_Y.csv", keep_default_na=False)
    names = list(dict.fromkeys(f["stressor"]))
    if len(names) != len(st_theirs):
        raise ValueError(f"stressor count differs: {len(names)} vs {len(st_theirs)}")
    f_max, fy_max = 0.0, 0.0
    for name in names:
        unit, f_theirs, fy_theirs = st_theirs[find(name, st_theirs)]
        ours = f[f["stressor"] == name]
        if ours["unit"].iloc[0] != unit:
            raise ValueError(f"unit of {name}: {ours['unit'].iloc[0]!r} vs {unit!r}")
        f_max = max(f_max, max_rel(ours.set_index(["region", "sector"])["value"].reindex(f_theirs.index).values,
                                   f_theirs.values))
        fy_codes = pd.Series(fy_theirs.values, index=pd.MultiIndex.from_tuples(
            [(r, category_code(c)) for r, c in fy_theirs.index]))
        ours_fy = fy[fy["stressor"] == name].set_index(["region", "category"])["value"].reindex(fy_codes.index)
        fy_max = max(fy_max, max_rel(ours_fy.values, fy_codes.values))
    report("F", f_max, f"  ({len(names)} stressors)")
    report("F_Y", fy_max, f"  ({len(names)} stressors)")
    return worst, lines


def main(argv, generation=1):
    fmt = f"exiobase{generation}"
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__.splitlines()[2].replace("exiobase1", fmt), file=sys.stderr)
        return 2
    failed = False
    for release, csv_dir in zip(argv[0::2], argv[1::2]):
        print(f"{fmt} {release} (pymrio {pymrio.__version__}):")
        try:
            worst, lines = compare(release, csv_dir, generation)
        except (ValueError, KeyError, OSError) as e:
            print(f"  FAILED: {e}")
            failed = True
            continue
        for line in lines:
            print("  " + line)
        if not worst <= TOLERANCE:
            print(f"  FAILED: {worst:.3e} > {TOLERANCE}")
            failed = True
    print(f"{fmt} cross-check: " + ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], 1))
