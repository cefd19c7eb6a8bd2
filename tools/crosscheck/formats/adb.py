"""Cross-check `--format adb` against an independent, positional read of the same workbook.

Usage: adb.py WORKBOOK CSV_DIR

pymrio has no ADB MRIO parser and the shared data has no ADB mock, so the peer here is the way the
ADB MRIO's users read the Excel files (pandas, by position, as the public ADB MRIO processing
scripts do): the header rows 6-7 (economy, sector number), data from row 8 and column E, G·N rows
of the intermediate block, then the eight rows r60, r99, r61, r62, r63, r64, trs, r69, a note row;
columns: G·N intermediate, G·5 final demand, the total; blank cells (" ") are 0.

WORKBOOK  an ADB-layout workbook; AdbSourceTest writes its test workbook there:
          mvn -o -pl common test -Dtest=AdbSourceTest -Dtiva.crosscheck.out=DIR
          (WORKBOOK = DIR/adb/ADB-MRIO-2019.xlsx, CSV_DIR = DIR/adb).
CSV_DIR   the long CSVs tiva-spark's reader wrote for it (Z, Y, x, VA).

Compared cell by cell, relative difference |a - b| / max(|a|, |b|), limit 1e-12: Z, Y, x (the
total column), the six components (rows r99 ... trs, named TLS EXP_adj PURR PURNR VA IntTTM by
tiva-spark), and x against the r69 row (the table's own column balance). Exit status 1 beyond 1e-12.
"""
import sys

import numpy as np
import pandas as pd

LIMIT = 1e-12
COMPONENTS = ["TLS", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM"]


def rel_diff(ours, ref):
    a, b = np.asarray(ours, dtype=float), np.asarray(ref, dtype=float)
    if a.shape != b.shape or np.isnan(a).any() or np.isnan(b).any():
        return np.inf
    scale = np.maximum(np.abs(a), np.abs(b))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(scale > 0, np.abs(a - b) / scale, 0.0)
    return float(r.max()) if r.size else 0.0


def positional(workbook):
    raw = pd.read_excel(workbook, sheet_name=0, header=None, dtype=object, engine="openpyxl")
    body = raw.iloc[7:]
    industry_rows = body[body[2].notna() & (body[2] != "ToT")]
    countries = list(dict.fromkeys(industry_rows[2]))
    sectors = list(dict.fromkeys(industry_rows[3]))
    g, n = len(countries), len(sectors)
    gn = g * n
    vals = body.iloc[: gn + 8, 4 : 4 + gn + 5 * g + 1].replace(" ", 0).fillna(0).astype(float).values
    idx = pd.MultiIndex.from_product([countries, sectors])
    return {
        "Z": pd.DataFrame(vals[:gn, :gn], index=idx, columns=idx),
        "Y": vals[:gn, gn : gn + 5 * g],
        "x": vals[:gn, gn + 5 * g],
        "VA": vals[gn + 1 : gn + 7, :gn],
        "r69": vals[gn + 7, :gn],
        "idx": idx,
        "fd": pd.MultiIndex.from_product([countries, [f"F{k}" for k in range(1, 6)]]),
    }


def wide(csv, index, columns):
    df = pd.read_csv(csv, dtype={c: str for c in index + columns}, keep_default_na=False)
    return df.pivot_table(index=index, columns=columns, values="value", aggfunc="first", sort=False)


def main(workbook, out):
    p = positional(workbook)
    idx = p["idx"]
    results = []

    def report(name, ours, ref):
        d = rel_diff(ours, ref)
        results.append(d)
        print(f"{name:<24} max relative difference {d:.3e}  {'ok' if d <= LIMIT else 'FAIL'}")

    z = wide(f"{out}/Z.csv", ["row_region", "row_sector"], ["col_region", "col_sector"])
    report("Z", z.reindex(index=idx, columns=idx).values, p["Z"].values)
    y = wide(f"{out}/Y.csv", ["row_region", "row_sector"], ["col_region", "category"])
    report("Y", y.reindex(index=idx, columns=p["fd"]).values, p["Y"])
    x = pd.read_csv(f"{out}/x.csv", dtype={"region": str, "sector": str}).set_index(["region", "sector"])["value"]
    report("x (total column)", x.reindex(idx).values, p["x"])
    va = wide(f"{out}/VA.csv", ["component"], ["region", "sector"])
    report("VA (r99 ... trs)", va.reindex(index=COMPONENTS, columns=idx).values, p["VA"])
    report("x vs row r69", x.reindex(idx).values, p["r69"])
    return 0 if all(d <= LIMIT for d in results) else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
