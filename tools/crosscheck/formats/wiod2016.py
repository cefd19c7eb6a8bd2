"""Cross-check `--format wiod2016` against pymrio's own WIOD parser on the same files.

Usage: wiod2016.py MOCK CSV_DIR

MOCK     the WIOD workbook pymrio parses (pymrio's mock: .../wiod_mock/wiot09_row_sep12.xlsx; pymrio
         also reads the environmental accounts in the workbook's directory, AIR_may12/ and
         lan_may12.zip there).
CSV_DIR  the long CSVs tiva-spark's reader wrote for the same directory: run
         mvn -o -pl common test -Dtest=WiodMockTest -Dtiva.crosscheck.out=DIR  (CSV_DIR = DIR/wiod2016).

Compared cell by cell, relative difference |a - b| / max(|a|, |b|) (0 where both are 0), limit 1e-12:
  Z, Y              pymrio's Z and Y (its sector names are WIOD's codes, AtB ...; final demand c37 ...);
  x                 tiva-spark stores the published output column; pymrio has no output column and
                    computes x = Z1 + Y1 (calc_x): the two agree to rounding in a balanced row;
  VA                pymrio's factor_inputs extension (the rows under Z by description, without the
                    total intermediate row r60 and the output row r69) against tiva-spark's
                    components TLS, EXP_adj, PURR, PURNR, VA, IntTTM (the same rows, renamed);
  AIR, lan          the environmental accounts, F and F_Y (households' FC_HH in c37). tiva-spark
                    names AIR's gases as they are and prefixes other accounts (lan_Arable_Area).
Not compared, on purpose: pymrio's SEA extension (socio-economic accounts, not read by tiva-spark), the
units (pymrio writes CO2 in Gg, tiva-spark kt: the same quantity; pymrio's NOX/SOX units are a
column header by accident), and factor_inputs' F_Y (the rows under Z in final-demand columns, which
the store has no place for; empty in this mock).

Prints one line per block with the largest relative difference; exit status 1 beyond 1e-12.
"""
import sys
import warnings

import numpy as np
import pandas as pd
import pymrio

LIMIT = 1e-12
VA_ROWS = {
    "taxes less subsidies on products": "TLS",
    "Cif/ fob adjustments on exports": "EXP_adj",
    "Direct purchases abroad by residents": "PURR",
    "Purchases on the domestic territory by non-residents": "PURNR",
    "Value added at basic prices": "VA",
    "International Transport Margins": "IntTTM",
}
PREFIX = {"AIR": "", "lan": "lan_", "CO2": "CO2_", "EM": "EM_", "EU": "EU_", "mat": "mat_", "wat": "wat_"}


def rel_diff(ours, ref):
    a = np.asarray(ours, dtype=float)
    b = np.asarray(ref, dtype=float)
    if a.shape != b.shape:
        return np.inf
    if np.isnan(a).any() or np.isnan(b).any():
        return np.inf
    scale = np.maximum(np.abs(a), np.abs(b))
    d = np.abs(a - b)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(scale > 0, d / scale, 0.0)
    return float(r.max()) if r.size else 0.0


def wide(csv, index, columns):
    df = pd.read_csv(csv, dtype={c: str for c in index + columns}, keep_default_na=False)
    return df.pivot_table(index=index, columns=columns, values="value", aggfunc="first", sort=False)


def main(mock, out):
    warnings.filterwarnings("ignore")
    io = pymrio.parse_wiod(path=mock)
    results = []

    def report(name, ours, ref):
        d = rel_diff(ours, ref)
        results.append(d)
        print(f"{name:<28} max relative difference {d:.3e}  {'ok' if d <= LIMIT else 'FAIL'}")

    idx = io.Z.index
    z = wide(f"{out}/Z.csv", ["row_region", "row_sector"], ["col_region", "col_sector"])
    report("Z", z.reindex(index=idx, columns=idx).values, io.Z.values)
    y = wide(f"{out}/Y.csv", ["row_region", "row_sector"], ["col_region", "category"])
    report("Y", y.reindex(index=idx, columns=io.Y.columns).values, io.Y.values)
    x = pd.read_csv(f"{out}/x.csv", dtype={"region": str, "sector": str}).set_index(["region", "sector"])["value"]
    report("x (published vs Z1+Y1)", x.reindex(idx).values, pymrio.calc_x(io.Z, io.Y).values.ravel())
    va = wide(f"{out}/VA.csv", ["component"], ["region", "sector"])
    fac = io.factor_inputs.F.rename(index=lambda r: VA_ROWS[r.strip()] if r.strip() in VA_ROWS else r)
    report("VA (factor_inputs)", va.reindex(index=fac.index, columns=idx).values, fac.values)
    for ext_name in ("AIR", "lan", "CO2", "EM", "EU", "mat", "wat"):
        ext = getattr(io, ext_name, None)
        if ext is None:
            continue
        names = [PREFIX[ext_name] + s for s in ext.F.index]
        f = wide(f"{out}/F.csv", ["stressor"], ["region", "sector"])
        report(f"{ext_name} F", f.reindex(index=names, columns=ext.F.columns).values, ext.F.values)
        fy = wide(f"{out}/F_Y.csv", ["stressor"], ["region", "category"])
        report(f"{ext_name} F_Y", fy.reindex(index=names, columns=ext.F_Y.columns).values, ext.F_Y.values)
    print("SEA                          not compared (socio-economic accounts: not read by tiva-spark)")
    return 0 if all(d <= LIMIT for d in results) else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
