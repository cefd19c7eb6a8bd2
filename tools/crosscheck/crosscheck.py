"""Cross-check tiva-spark's tables against pymrio on the same canonical store.

For one year it rebuilds the table with pymrio (Z, Y and value added as an extension), lets
pymrio compute everything (``calc_all``), and compares, to a relative tolerance
|ours - pymrio| <= tol * max(1, |pymrio|):

1. gross output: our ``PROD`` indicator (country x industry) against pymrio's ``x``;
2. value added in final demand, by demand country: our ``va_final_demand`` summed over source
   against pymrio's ``D_cba`` of value added summed over the consuming region's columns;
3. the same with source detail: our ``va_final_demand`` against diag(v) L Y built from pymrio's
   own ``L`` (pymrio's name for the Leontief inverse; tiva-spark calls it B) and ``x``;
4. when the store has satellite accounts (``extensions``, ``extensions_final_demand``): our
   ``footprints`` accounts PBA, CBA, IMP, EXP per country and stressor against the row sums of
   pymrio's D_pba, D_cba, D_imp, D_exp over the region's columns, plus F_Y of the region for PBA
   and CBA (pymrio's D_pba_reg / D_cba_reg convention);
5. with satellite accounts too: our ``footprint_coefficients`` S, M (pymrio's S and M = S L), M_UP
   (M - S) and M_DOM (the producing region's rows of S L, from pymrio's S and L) per country and
   sector, and the country totals (industry ``_T``: S = F / x of the country, M weighted by the
   sectors' final demand).

The store must have no split entities (pymrio works on one list of regions).
Exit code 0 when every comparison holds, 1 otherwise.
"""
import argparse
import json
import os
import sys

import numpy as np
import pandas as pd
import pyarrow.dataset as ds
import pymrio
from deltalake import DeltaTable


def read_block(store, name, year):
    path = os.path.join(store, name, f"year={year}")
    return ds.dataset(path, format="parquet").to_table().to_pandas()


def read_satellite(store, year, idx, ycols):
    """F (stressors x country-industry) and F_Y (stressors x country-category), or None."""
    if not os.path.isdir(os.path.join(store, "extensions", f"year={year}")):
        return None
    e = read_block(store, "extensions", year)
    stressors = list(dict.fromkeys(e["stressor"]))
    F = (e.set_index(["stressor", "country", "industry"])["value"].unstack(["country", "industry"])
         .reindex(index=stressors, columns=idx).fillna(0.0))
    F.columns.names = ["region", "sector"]
    F.index.name = "stressor"
    FY = pd.DataFrame(0.0, index=pd.Index(stressors, name="stressor"), columns=ycols)
    if os.path.isdir(os.path.join(store, "extensions_final_demand", f"year={year}")):
        fy = read_block(store, "extensions_final_demand", year)
        if len(fy):
            FY = (fy.set_index(["stressor", "country", "category"])["value"].unstack(["country", "category"])
                  .reindex(index=stressors, columns=ycols).fillna(0.0))
    FY.columns.names = ["region", "category"]
    FY.index.name = "stressor"
    return F, FY


def compare_coefficients(a, countries, idx, ext, io, Y, report):
    """footprint_coefficients against pymrio: S and M per country-sector (pymrio's S, M = S L),
    M_UP = M - S, M_DOM = the region's own rows of S L; the country totals (_T): S = F / x summed
    over the country, M weighted by final demand y (row totals of Y)."""
    co = DeltaTable(os.path.join(a.warehouse, "footprint_coefficients")).to_pandas(filters=[("year", "=", a.year)])
    co = co[co.country.isin(countries)]
    S, M = ext.S.reindex(columns=idx), ext.M.reindex(columns=idx)
    L = io.L.reindex(index=idx, columns=idx).values
    regions = np.asarray(idx.get_level_values(0), dtype=object)
    own = (regions[:, None] == regions[None, :]).astype(float)        # i and k in the same region
    M_dom = pd.DataFrame(S.values @ (L * own), index=S.index, columns=idx)
    stressors = list(S.index)
    detail = {"S": S, "M": M, "M_UP": M - S, "M_DOM": M_dom}
    for coef, ref in detail.items():
        ref = ref.stack(["region", "sector"], future_stack=True)
        ref.index.names = ["stressor", "country", "industry"]
        ours = (co[(co.coefficient == coef) & (co.industry != "_T")]
                .set_index(["stressor", "country", "industry"])["value"].reindex(ref.index))
        report(f"footprint_coefficients {coef} by country-sector vs pymrio", strict_rel_err(ours.fillna(np.inf).values,
               ref.values), int(ours.notna().sum()))
    x = io.x["indout"].reindex(idx).values
    y = Y.sum(axis=1).reindex(idx).values
    F = ext.F.reindex(columns=idx).values
    active = x != 0
    totals = {"S": [], "M": []}
    ours_t = {"S": [], "M": []}
    for st_i, st in enumerate(stressors):
        for c in countries:
            r = regions == c
            totals["S"].append(F[st_i, r & active].sum() / x[r].sum())
            totals["M"].append((M.values[st_i, r] * y[r]).sum() / y[r].sum())
            for coef in ("S", "M"):
                v = co[(co.coefficient == coef) & (co.industry == "_T") & (co.stressor == st) & (co.country == c)]
                ours_t[coef].append(v["value"].iloc[0] if len(v) == 1 else np.inf)
    report("footprint_coefficients S, _T: F / x of the country (pymrio F, x)",
           strict_rel_err(ours_t["S"], totals["S"]), len(totals["S"]))
    report("footprint_coefficients M, _T: y-weighted pymrio M", strict_rel_err(ours_t["M"], totals["M"]), len(totals["M"]))
    m0 = detail["M"].iloc[0]
    print(f"    {stressors[0]:<10} M: " + ", ".join(
        f"{c}/{i} {co[(co.coefficient == 'M') & (co.stressor == stressors[0]) & (co.country == c) & (co.industry == i)]['value'].iloc[0]:.6g}"
        f"/{m0[(c, i)]:.6g}" for c, i in list(idx)[:3]) + ", ...")


def strict_rel_err(ours, ref):
    """max |ours - ref| / |ref| (|ours| where ref = 0): for coefficients, which are often far below 1."""
    ours = np.asarray(ours, dtype=float)
    ref = np.asarray(ref, dtype=float)
    d = np.abs(ours - ref)
    return float(np.max(np.where(ref != 0, d / np.where(ref != 0, np.abs(ref), 1.0), d))) if ref.size else 0.0


def rel_err(ours, ref):
    ours = np.asarray(ours, dtype=float)
    ref = np.asarray(ref, dtype=float)
    return float(np.max(np.abs(ours - ref) / np.maximum(1.0, np.abs(ref)))) if ref.size else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--warehouse", required=True)
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--tolerance", type=float, default=1e-9)
    a = ap.parse_args()

    meta = json.load(open(os.path.join(a.store, "mrio.json")))
    code = lambda e: e["code"] if isinstance(e, dict) else e
    countries = [code(c) for c in meta["countries"]]
    industries = [code(i) for i in meta["industries"]]
    categories = [code(c) for c in meta.get("categories") or ["HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR"]]
    if meta.get("splits"):
        sys.exit("crosscheck: the store has split entities; pymrio needs a table without splits")

    idx = pd.MultiIndex.from_product([countries, industries], names=["region", "sector"])
    ycols = pd.MultiIndex.from_product([countries, categories], names=["region", "category"])

    z = read_block(a.store, "intermediate", a.year)
    Z = pd.DataFrame(0.0, index=idx, columns=idx)
    Zs = z.set_index(["from_country", "from_industry", "to_country", "to_industry"])["value"]
    Z = Zs.unstack(["to_country", "to_industry"]).reindex(index=idx, columns=idx).fillna(0.0)
    Z.index.names = ["region", "sector"]
    Z.columns.names = ["region", "sector"]

    y = read_block(a.store, "final_demand", a.year)
    Y = (y.set_index(["from_country", "from_industry", "to_country", "category"])["value"]
         .unstack(["to_country", "category"]).reindex(index=idx, columns=ycols).fillna(0.0))
    Y.index.names = ["region", "sector"]
    Y.columns.names = ["region", "category"]

    # value added as tiva-spark's default defines it (row-sum output, residual value added)
    x_rows = Z.sum(axis=1) + Y.sum(axis=1)
    va = x_rows - Z.sum(axis=0)
    F = pd.DataFrame([va.values], index=pd.Index(["VA"], name="stressor"), columns=idx)

    io = pymrio.IOSystem(Z=Z, Y=Y, name=f"store {a.year}")
    io.factor_inputs = pymrio.Extension(name="factor_inputs", F=F)
    io.calc_all()

    ind = DeltaTable(os.path.join(a.warehouse, "indicators")).to_pandas(
        filters=[("year", "=", a.year), ("indicator", "=", "PROD")])
    ind = ind[(ind.partner == "WLD") & (ind.industry != "_T") & ind.country.isin(countries)]
    prod = ind.set_index(["country", "industry"])["value"].reindex(idx)
    failures = []

    def report(name, err, count):
        ok = err <= a.tolerance and count > 0
        print(f"  {name:<58} {count:>7} values  max rel error {err:.2e}  {'ok' if ok else 'FAILED'}")
        if not ok:
            failures.append(name)

    print(f"crosscheck year {a.year}: {len(countries)} regions x {len(industries)} industries, pymrio {pymrio.__version__}")
    report("gross output: PROD vs pymrio x", rel_err(prod.values, io.x["indout"].values), int(prod.notna().sum()))

    vfd = DeltaTable(os.path.join(a.warehouse, "va_final_demand")).to_pandas(filters=[("year", "=", a.year)])
    vfd = vfd[vfd.demand_country.isin(countries)]
    by_demand = vfd.groupby("demand_country")["value"].sum().reindex(countries)
    dcba = io.factor_inputs.D_cba.T.groupby(level=0).sum().T.loc["VA"].reindex(countries)
    report("VA in final demand by country: va_final_demand vs D_cba", rel_err(by_demand.values, dcba.values),
           len(countries))

    L = io.L.values
    x = io.x["indout"].values
    v = np.divide(va.values, x, out=np.zeros_like(x), where=x != 0)
    Yr = Y.T.groupby(level=0).sum().T.reindex(columns=countries).values
    vby = (v[:, None] * (L @ Yr))
    ref = pd.DataFrame(vby, index=idx, columns=countries).stack()
    ref.index.names = ["source_country", "source_industry", "demand_country"]
    ours = vfd.set_index(["source_country", "source_industry", "demand_country"])["value"].reindex(ref.index).fillna(0.0)
    report("VA origin x demand: va_final_demand vs diag(v) L Y (pymrio L)", rel_err(ours.values, ref.values), len(ref))

    sat = read_satellite(a.store, a.year, idx, ycols)
    if sat is not None:
        F_sat, FY_sat = sat
        io.satellite = pymrio.Extension(name="satellite", F=F_sat, F_Y=FY_sat)
        io.calc_all()
        ext = io.satellite
        fp = DeltaTable(os.path.join(a.warehouse, "footprints")).to_pandas(
            filters=[("year", "=", a.year), ("partner", "=", "WLD")])
        fp = fp[fp.country.isin(countries)]
        fy_reg = FY_sat.T.groupby(level="region", sort=False).sum().T.reindex(columns=countries)
        for account, D, with_fy in (("PBA", ext.D_pba, True), ("CBA", ext.D_cba, True),
                                    ("IMP", ext.D_imp, False), ("EXP", ext.D_exp, False)):
            ref = D.T.groupby(level=0, sort=False).sum().T.reindex(columns=countries)
            if with_fy:
                ref = ref + fy_reg
            ref = ref.stack()
            ref.index.names = ["stressor", "country"]
            ours = (fp[fp.account == account].set_index(["stressor", "country"])["value"].reindex(ref.index))
            report(f"footprints {account}: ours vs pymrio D_{account.lower()} (+F_Y)" if with_fy
                   else f"footprints {account}: ours vs pymrio D_{account.lower()}",
                   rel_err(ours.fillna(np.inf).values, ref.values), int(ours.notna().sum()))
            for st in ref.index.get_level_values(0).unique():
                print(f"    {st:<10} {account}: " + ", ".join(
                    f"{c} {ours.loc[(st, c)]:.6g}/{ref.loc[(st, c)]:.6g}" for c in countries[:3]) + ", ...")
        compare_coefficients(a, countries, idx, ext, io, Y, report)
    else:
        print("  (no extensions in the store: footprints not compared)")

    if failures:
        print("crosscheck FAILED: " + ", ".join(failures))
        return 1
    print("crosscheck ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
