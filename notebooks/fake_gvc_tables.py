"""Made-up export_decomposition and gvc_measures tables, for testing 03_global_value_chains only.

The runner (run_all.py) executes 03 a second time on a view of the warehouse that has these tables
when the real warehouse has none, so that the notebook's GVC sections run in CI before the `gvc`
family writes real ones. The numbers are NOT a decomposition: the terms are fixed fractions of each
exporter's gross exports (EXGR) and the measures arbitrary values in plausible ranges. The layout
follows docs/data-dictionary.md §1 and the code's OutputTable (columns, WLD/_T conventions, method and term codes of
docs/methods.md §4–§6); every row has run_id "made-up-for-notebook-test".
"""
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

RUN_ID = "made-up-for-notebook-test"
TERMS = {
    "KWW": ["DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT", "DDC", "FVA_FIN", "FVA_INT", "FDC"],
    "WWZ": ["DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2", "RDV_FIN", "RDV_FIN2", "RDV_INT",
            "DDC_FIN", "DDC_INT", "MVA_FIN", "MVA_INT", "MDC", "OVA_FIN", "OVA_INT", "ODC"],
    "BM_SOURCE": ["DVA", "DDC", "FVA", "FDC"],
    "BM_SINK": ["DVA", "DDC", "FVA", "FDC"],
}


def _fractions(n, seed):
    w = np.random.default_rng(seed).dirichlet(np.ones(n) * 2)
    return w


def write(warehouse: Path, target: Path) -> None:
    ind = DeltaTable(str(warehouse / "indicators")).to_pandas(
        filters=[("indicator", "=", "EXGR")], columns=["year", "country", "partner", "industry", "value"])
    countries = sorted(DeltaTable(str(warehouse / "va_final_demand")).to_pandas(
        columns=["source_country"])["source_country"].unique())
    ind = ind[ind["country"].isin(countries)]
    rows = []
    for seed, (method, terms) in enumerate(TERMS.items()):
        w = _fractions(len(terms), seed)
        # WWZ by importer and exporting industry; the others at the exporter's total.
        base = ind[(ind["partner"] != "WLD")] if method == "WWZ" else ind[(ind["partner"] == "WLD") & (ind["industry"] == "_T")]
        for term, f in zip(terms, w):
            rows.append(pd.DataFrame({"year": base["year"].values, "method": method, "exporter": base["country"].values,
                                      "importer": base["partner"].values, "industry": base["industry"].values,
                                      "term": term, "value": base["value"].values * f}))
        if method.startswith("BM_"):
            tot = base.assign(method=method, exporter=base["country"], importer=base["partner"])
            for term, f in (("DAVAX", 0.55), ("GVCB", 0.25), ("GVCF", 0.20), ("GVC", 0.45)):
                rows.append(tot.assign(term=term, value=tot["value"] * f)[
                    ["year", "method", "exporter", "importer", "industry", "term", "value"]])
    dec = pd.concat(rows, ignore_index=True).assign(run_id=RUN_ID)
    dec["year"] = dec["year"].astype("int32")
    write_deltalake(str(target / "export_decomposition"), pa.Table.from_pandas(dec, preserve_index=False),
                    partition_by=["year"])

    rng = np.random.default_rng(42)
    keys = ind[ind["partner"] == "WLD"][["year", "country", "industry"]].drop_duplicates()
    measures = []
    for measure, lo, hi in (("GVCPT_F", 0.1, 0.4), ("GVCPT_B", 0.1, 0.4), ("UPSTREAMNESS", 1.0, 3.5),
                            ("DOWNSTREAMNESS", 1.0, 3.0)):
        measures.append(keys.assign(measure=measure, value=rng.uniform(lo, hi, len(keys))))
    gm = pd.concat(measures, ignore_index=True)[["year", "measure", "country", "industry", "value"]].assign(run_id=RUN_ID)
    gm["year"] = gm["year"].astype("int32")
    write_deltalake(str(target / "gvc_measures"), pa.Table.from_pandas(gm, preserve_index=False),
                    partition_by=["year"])
