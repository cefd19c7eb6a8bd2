"""Cross-check `--format gloria` against pymrio's parse_gloria on the same release files.

Usage:  gloria.py RELEASE_DIR CSV_DIR [--tol 1e-12]

RELEASE_DIR is a GLORIA release in pymrio's folder layout (GLORIA_MRIOs_<v>_<year>[.zip],
GLORIA_SatelliteAccounts_0<v>_<year>[.zip], GLORIA_ReadMe_0<v>.xlsx), e.g. pymrio's mock
../shared/data/pymrio-mocks/gloria_mock. CSV_DIR holds what tiva-spark read from it, written by
the common test GloriaCrosscheckDumpTest (-Dtiva.crosscheck.out=DIR: DIR/gloria/mock and, for its
balanced synthetic release DIR/gloria/synthetic-release, DIR/gloria/synthetic): Z, Y, x, VA, F, F_Y in long
form with the store's codes and names.csv (code -> the ReadMe label pymrio uses as index).

pymrio (construct "B", its default: product-by-product, industry-technology assumption) gives A,
Y, and the extensions VA and Q; calc_all then computes x = (I - A)^-1 y and Z = A diag(x).
Compared, cell by cell, relative difference |ours - pymrio| / max(|ours|, |pymrio|) (0 when both
are 0), one line per block, exit 1 when any exceeds --tol:

  Z, Y, x   as they are;
  VA        pymrio keeps one row per (paying region, component); tiva-spark's value_added is per
            component (summed over the regions' rows: GLORIA's V-Results is block diagonal, so the
            sum only collects each industry's own region) -> pymrio's rows summed by component;
  F, F_Y    pymrio's Q.F and Q.F_Y, stressor labels with GLORIA's quotes ('co2_...'); ours without.

Differences on purpose (documented in docs/sources/gloria.md): pymrio drops regions whose T
block is all zero (e.g. DYE in 2022); tiva-spark keeps them with zero output so that every year
of a store has one layout -> their rows/columns are checked to be zero here and left out of
the comparison.
"""
import argparse
import glob
import os
import re
import sys
import warnings

import numpy as np
import pandas as pd
import pymrio


def release_year_version(path):
    """Year and version from the T-Results file name (in a folder or a zip)."""
    pattern = re.compile(r"T-Results_(\d{4})_0?(\d+)_Markup001\(full\)\.csv$")
    candidates = glob.glob(os.path.join(path, "GLORIA_MRIOs_*", "*T-Results_*Markup001(full).csv"))
    for z in glob.glob(os.path.join(path, "GLORIA_MRIOs_*.zip")):
        import zipfile
        with zipfile.ZipFile(z) as zf:
            candidates += zf.namelist()
    for c in candidates:
        m = pattern.search(c)
        if m:
            return int(m.group(1)), int(m.group(2))
    sys.exit(f"gloria.py: no GLORIA_MRIOs_*/…T-Results_<year>_0<v>_Markup001(full).csv under {path}")


def rel_diff(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    scale = np.maximum(np.abs(a), np.abs(b))
    d = np.where(scale == 0, 0.0, np.abs(a - b) / np.where(scale == 0, 1.0, scale))
    return float(d.max()) if d.size else 0.0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("release")
    p.add_argument("csv_dir")
    p.add_argument("--tol", type=float, default=1e-12)
    a = p.parse_args()
    year, version = release_year_version(a.release)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        io = pymrio.parse_gloria(a.release, year=year, version=version)
        io.calc_all()

    names = pd.read_csv(os.path.join(a.csv_dir, "names.csv"), keep_default_na=False)
    code = {k: dict(zip(g["name"], g["code"])) for k, g in names.groupby("kind")}
    stressor_code = {(r.name, r.head): r.code for r in names[names.kind == "stressor"].itertuples()}
    failures = []

    def report(block, ours, ref):
        ours = ours.reindex(index=ref.index, columns=ref.columns)
        missing = int(ours.isna().sum().sum())
        d = rel_diff(ours.fillna(np.inf).values, ref.values) if missing == 0 else float("inf")
        ok = d <= a.tol
        print(f"gloria {block}: {ref.size} cells, max relative difference {d:.3g}"
              f"{'' if ok else '  FAIL'}{f' ({missing} cells missing in ours)' if missing else ''}")
        if not ok:
            failures.append(block)

    def read(name):
        return pd.read_csv(os.path.join(a.csv_dir, name), keep_default_na=False)

    # our labels -> pymrio's (region, sector name)
    sector_name = {v: k for k, v in code["industry"].items()}
    category_name = {v: k for k, v in code["category"].items()}
    component_name = {v: k for k, v in code["component"].items()}

    z = read("Z.csv")
    z["row"] = list(zip(z.row_country, z.row_industry.map(sector_name)))
    z["col"] = list(zip(z.col_country, z.col_industry.map(sector_name)))
    Z = z.pivot(index="row", columns="col", values="value")
    kept = set(io.get_regions())
    dropped = [r for r in {r for r, _ in Z.index} if r not in kept]
    for r in dropped:  # pymrio drops all-zero regions; ours keeps them at zero
        zero = Z.loc[[i for i in Z.index if i[0] == r]].abs().values.sum() + Z[[c for c in Z.columns if c[0] == r]].abs().values.sum()
        print(f"gloria region {r}: dropped by pymrio, all zero in ours: {zero == 0}")
        if zero != 0:
            failures.append(f"region {r}")
    Z.index = pd.MultiIndex.from_tuples(Z.index)
    Z.columns = pd.MultiIndex.from_tuples(Z.columns)
    report("Z", Z, io.Z.set_axis(io.Z.index.to_flat_index(), axis=0).set_axis(io.Z.columns.to_flat_index(), axis=1)
           .pipe(lambda d: d.set_axis(pd.MultiIndex.from_tuples(d.index), axis=0).set_axis(pd.MultiIndex.from_tuples(d.columns), axis=1)))

    y = read("Y.csv")
    y["row"] = list(zip(y.row_country, y.row_industry.map(sector_name)))
    y["col"] = list(zip(y.country, y.category.map(category_name)))
    Y = y.pivot(index="row", columns="col", values="value")
    Y.index = pd.MultiIndex.from_tuples(Y.index)
    Y.columns = pd.MultiIndex.from_tuples(Y.columns)
    ref_y = io.Y.copy()
    ref_y.index = pd.MultiIndex.from_tuples(ref_y.index.to_flat_index())
    ref_y.columns = pd.MultiIndex.from_tuples(ref_y.columns.to_flat_index())
    report("Y", Y, ref_y)

    x = read("x.csv")
    X = pd.DataFrame({"indout": x.value.values},
                     index=pd.MultiIndex.from_tuples(list(zip(x.country, x.industry.map(sector_name)))))
    ref_x = io.x.copy()
    ref_x.index = pd.MultiIndex.from_tuples(ref_x.index.to_flat_index())
    report("x", X, ref_x)

    va = read("VA.csv")
    va["col"] = list(zip(va.country, va.industry.map(sector_name)))
    VA = va.pivot(index="component", columns="col", values="value")
    VA.index = [component_name[c] for c in VA.index]
    VA.columns = pd.MultiIndex.from_tuples(VA.columns)
    ref_va = io.VA.F.groupby(level="inputtype").sum()
    ref_va.columns = pd.MultiIndex.from_tuples(ref_va.columns.to_flat_index())
    report("VA (summed over paying regions)", VA, ref_va)

    if os.path.exists(os.path.join(a.csv_dir, "F.csv")):
        ref_f = io.Q.F.copy()
        ref_f.index = [stressor_code[(s, h)] for s, h in ref_f.index]
        ref_f.columns = pd.MultiIndex.from_tuples(ref_f.columns.to_flat_index())
        f = read("F.csv")
        f["col"] = list(zip(f.country, f.industry.map(sector_name)))
        F = f.pivot(index="stressor", columns="col", values="value")
        F.columns = pd.MultiIndex.from_tuples(F.columns)
        report("F (satellite TQ)", F, ref_f)
        ref_fy = io.Q.F_Y.copy()
        ref_fy.index = [stressor_code[(s, h)] for s, h in ref_fy.index]
        ref_fy.columns = pd.MultiIndex.from_tuples(ref_fy.columns.to_flat_index())
        fy = read("F_Y.csv")
        fy["col"] = list(zip(fy.country, fy.category.map(category_name)))
        FY = fy.pivot(index="stressor", columns="col", values="value")
        FY.columns = pd.MultiIndex.from_tuples(FY.columns)
        report("F_Y (satellite YQ)", FY, ref_fy)

    if failures:
        print("gloria cross-check FAILED: " + ", ".join(failures))
        sys.exit(1)
    print(f"gloria cross-check ok ({a.release}, {year}, release {version:03d}, tol {a.tol:g})")


if __name__ == "__main__":
    main()
