#!/usr/bin/env python3
"""Cross-check of tiva-spark's EXIOBASE 3 reader (--format exiobase3) against pymrio.

Usage: exiobase3.py RELEASE CSV_DIR [RELEASE CSV_DIR ...]

RELEASE is an EXIOBASE 3 year as published (a folder such as IOT_2011_pxp/ or pymrio's exio3_mock),
CSV_DIR what tiva-spark read from it, written by the common test ExiobaseCrosscheckDump
(mvn -o -q -pl common test -Dtest=ExiobaseCrosscheckDump -Dtiva.crosscheck.out=DIR: DIR/exiobase3/mock and
DIR/exiobase3/fixture/, the latter with its release in DIR/exiobase3/fixture/IOT_2011_pxp). pymrio parses RELEASE with
parse_exiobase3 and completes the system with calc_system (x = L·y with L = (I - A)^-1, Z = A·diag(x)).
Compared cell by cell, one line per block with the largest relative difference |a - b| / max(|a|, |b|):
Z, Y, x, VA, F, F_Y. Exit 1 when any block differs by more than 1e-12 or a label does not match.

Differences of convention, on purpose (docs/sources/exiobase3.md):
- regions: pymrio renames the three-letter labels of some files to EXIOBASE's two-letter codes;
  tiva-spark writes ISO alpha-3 codes to the store. The CSVs carry pymrio's two-letter names.
- final-demand categories: the store's codes (HFCE, NPISH, GGFC, GFCF, INVNT, VALUABLES, EXPORTS);
  mapped here from EXIOBASE's names by the same name prefixes the reader uses.
- value added: pymrio keeps the factor inputs as rows of the satellite (or factor_inputs) extension;
  tiva-spark moves them to the store's value-added components (TLS, OTXS, COMP_LS ... OS_NOS). VA is
  compared with those pymrio rows, F and F_Y with the other rows.
- a stressor name found in two extension folders is qualified by its folder in the store
  (impacts/Nitrogen); it is looked up in that folder here.
- x: pymrio solves x = L·y with numpy's inverse, tiva-spark with one LU solve: equal to round-off.
"""
import sys

import numpy as np
import pandas as pd
import pymrio

TOLERANCE = 1e-12

CATEGORIES = [
    ("final consumption expenditure by households", "HFCE"),
    ("final consumption expenditure by non-profit", "NPISH"),
    ("final consumption expenditure by government", "GGFC"),
    ("gross fixed capital formation", "GFCF"),
    ("changes in inventories", "INVNT"),
    ("changes in valuables", "VALUABLES"),
    ("export", "EXPORTS"),
]
VALUE_ADDED = [
    ("taxes less subsidies on products purchased", "TLS"),
    ("taxes on products purchased", "TXP"),
    ("subsidies on products purchased", "SBP"),
    ("other net taxes on production", "OTXS"),
    ("compensation of employees", "COMP"),
    ("operating surplus: consumption of fixed capital", "OS_CFC"),
    ("operating surplus: rents on land", "OS_RENT"),
    ("operating surplus: royalties on resources", "OS_ROY"),
    ("operating surplus: remaining net operating surplus", "OS_NOS"),
    ("operating surplus", "OS"),
]
SKILLS = [("low-skilled", "_LS"), ("medium-skilled", "_MS"), ("high-skilled", "_HS")]


def normal(name):
    return " ".join(str(name).strip().lower().split())


def category_code(name):
    n = normal(name)
    for prefix, code in CATEGORIES:
        if n.startswith(prefix):
            return code
    return name


def va_code(name):
    n = normal(name)
    for prefix, code in VALUE_ADDED:
        if n.startswith(prefix):
            if code == "COMP":
                return code + next((s for k, s in SKILLS if n.endswith(k)), "")
            return code
    return None


def max_rel(ours, theirs):
    a = np.asarray(ours, dtype=float)
    b = np.asarray(theirs, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} vs {b.shape}")
    if a.size == 0:
        return 0.0
    scale = np.maximum(np.abs(a), np.abs(b))
    diff = np.abs(a - b)
    rel = np.divide(diff, scale, out=np.zeros_like(diff), where=scale > 0)
    return float(np.nanmax(np.where(np.isnan(a) | np.isnan(b), np.inf, rel)))


def matrix(csv, rows, cols):
    df = pd.read_csv(csv, keep_default_na=False)
    wide = df.pivot_table(index=rows, columns=cols, values="value", aggfunc="first")
    return wide


def aligned(ours, theirs, what):
    """ours reindexed to pymrio's labels; a label of one side missing on the other is an error."""
    if set(ours.index) != set(theirs.index) or set(ours.columns) != set(theirs.columns):
        raise ValueError(f"{what}: labels differ (rows {len(ours.index)} vs {len(theirs.index)}, "
                         f"columns {len(ours.columns)} vs {len(theirs.columns)})")
    return ours.reindex(index=theirs.index, columns=theirs.columns)


def with_codes(df):
    """pymrio's Y / F_Y columns (region, category name) renamed to (region, store code)."""
    out = df.copy()
    out.columns = pd.MultiIndex.from_tuples([(r, category_code(c)) for r, c in df.columns])
    return out


def extensions(io):
    return {name: getattr(io, name) for name in io.get_extensions()}


def va_folder(exts):
    return "factor_inputs" if "factor_inputs" in exts else "satellite" if "satellite" in exts else None


def split_rows(exts):
    """pymrio's extension rows as (value added by code, stressors by (folder, name))."""
    va, stressors = {}, {}
    vaf = va_folder(exts)
    for folder, ext in exts.items():
        fy = ext.F_Y if getattr(ext, "F_Y", None) is not None else None
        for name in ext.F.index:
            label = name if not isinstance(name, tuple) else " - ".join(name)
            code = va_code(label) if folder == vaf else None
            if folder == vaf and (code is not None or folder == "factor_inputs"):
                va[code or label] = ext.F.loc[name]
            else:
                fyrow = fy.loc[name] if fy is not None else pd.Series(0.0, index=io_fd_columns(ext))
                stressors[(folder, label)] = (unit_of(ext, label), ext.F.loc[name], fyrow)
    return va, stressors


def unit_of(ext, label):
    """The unit of a row: unit.txt read with one label column has a 'unit' column; read with two (as
    pymrio's mock file_parameters says) the unit is the index's last level."""
    u = ext.unit
    if u.shape[1] >= 1:
        return str(u.loc[label].iloc[0])
    return next(str(i[-1]) for i in u.index if i[0] == label)


def io_fd_columns(ext):
    raise ValueError(f"extension {ext.name} has no F_Y: compare it by hand")


def compare(release, csv_dir):
    io = pymrio.parse_exiobase3(release)
    io.calc_system()
    lines = []
    worst = 0.0

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
    x = x.reindex(io.x.index)
    report("x", max_rel(x.values, io.x.iloc[:, 0].values), f"  ({len(x)} cells)")

    va_theirs, st_theirs = split_rows(extensions(io))
    va = pd.read_csv(f"{csv_dir}/VA.csv", keep_default_na=False)
    if not va_theirs and set(va["component"].unique()) == {"VA"}:
        # no factor inputs: tiva-spark stores the column residual x - Z'1 as one component VA
        va_theirs = {"VA": (io.x.iloc[:, 0] - io.Z.sum(axis=0).values)}
    if set(va["component"].unique()) != set(va_theirs):
        raise ValueError(f"VA components differ: {sorted(va['component'].unique())} vs {sorted(va_theirs)}")
    va_max = 0.0
    for comp, theirs in va_theirs.items():
        ours = va[va["component"] == comp].set_index(["region", "sector"])["value"].reindex(theirs.index)
        va_max = max(va_max, max_rel(ours.values, theirs.values))
    report("VA", va_max, f"  ({len(va_theirs)} components)" if va_theirs else "  (no factor inputs in this release)")

    f = pd.read_csv(f"{csv_dir}/F.csv", keep_default_na=False)
    fy = pd.read_csv(f"{csv_dir}/F_Y.csv", keep_default_na=False)
    ours_names = list(dict.fromkeys(f["stressor"]))
    if len(ours_names) != len(st_theirs):
        raise ValueError(f"stressor count differs: {len(ours_names)} vs {len(st_theirs)}")
    f_max, fy_max = 0.0, 0.0
    for name in ours_names:
        key = find(name, st_theirs)
        unit, f_theirs, fy_theirs = st_theirs[key]
        rows = f[f["stressor"] == name]
        if rows["unit"].iloc[0] != unit:
            raise ValueError(f"unit of {name}: {rows['unit'].iloc[0]} vs {unit}")
        f_max = max(f_max, max_rel(rows.set_index(["region", "sector"])["value"].reindex(f_theirs.index).values,
                                   f_theirs.values))
        fy_codes = pd.Series(fy_theirs.values, index=pd.MultiIndex.from_tuples(
            [(r, category_code(c)) for r, c in fy_theirs.index]))
        ours_fy = fy[fy["stressor"] == name].set_index(["region", "category"])["value"].reindex(fy_codes.index)
        fy_max = max(fy_max, max_rel(ours_fy.values, fy_codes.values))
    report("F", f_max, f"  ({len(ours_names)} stressors)")
    report("F_Y", fy_max, f"  ({len(ours_names)} stressors)")
    return worst, lines


def find(name, stressors):
    """(folder, name) of a store stressor: 'folder/name' when qualified, else the one folder holding name."""
    if "/" in name and (name.split("/", 1)[0], name.split("/", 1)[1]) in stressors:
        return name.split("/", 1)[0], name.split("/", 1)[1]
    hits = [k for k in stressors if k[1] == name]
    if len(hits) != 1:
        raise ValueError(f"stressor {name}: found in {len(hits)} pymrio extensions")
    return hits[0]


def main(argv):
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    failed = False
    for release, csv_dir in zip(argv[0::2], argv[1::2]):
        print(f"exiobase3 {release} (pymrio {pymrio.__version__}):")
        try:
            worst, lines = compare(release, csv_dir)
        except (ValueError, KeyError, OSError) as e:
            print(f"  FAILED: {e}")
            failed = True
            continue
        for line in lines:
            print("  " + line)
        if worst > TOLERANCE:
            print(f"  FAILED: {worst:.3e} > {TOLERANCE}")
            failed = True
    print("exiobase3 cross-check: " + ("FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
