#!/usr/bin/env python3
"""Executes every notebook of notebooks/ headless and checks what they produce (run by run_all.sh).

For each notebooks/NN_*.ipynb, in order:
  - the committed file must have no outputs and no execution counts (stripped before commit:
    `run_all.sh --strip`);
  - it is executed top to bottom with nbclient in the kernel of this Python (the venv's), with
    TIVA_WAREHOUSE and TIVA_NB_OUTPUT set; any cell error fails the run;
  - the charts it saved (OUTPUT/NN_*.png) must exist, be valid PNG files of at least MIN_PNG_BYTES,
    and not be blank (more than a handful of colours).
03_global_value_chains is executed a second time on a variant of the warehouse (with the GVC tables
when the warehouse has none, made up for the test, or without them when it has them), so that both
of its paths run in CI. The executed notebooks (with outputs) are written to OUT/executed/.
Exit code 0 when every notebook ran and every check held, 1 otherwise, 2 on usage errors.
"""
import argparse
import json
import os
import shutil
import struct
import sys
import time
import zlib
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent
MIN_PNG_BYTES = 5_000
# Charts every run must produce, by notebook (more are allowed: 03 draws more when the GVC tables exist).
REQUIRED_CHARTS = {
    "01_quickstart": ["01_dva_share.png"],
    "02_value_added_trade": ["02_balances.png", "02_dva_share.png", "02_fd_va_origin.png",
                             "02_dva_share_by_industry.png"],
    "03_global_value_chains": ["03_tiva_decomposition.png", "03_participation.png",
                               "03_participation_partners.png", "03_participation_by_industry.png"],
}
# ... and from the GVC tables, when 03 runs on the made-up ones (the names it recognises).
REQUIRED_GVC_CHARTS = ["03_kww_terms.png", "03_bm_participation.png", "03_gvc_measures_participation.png",
                       "03_upstreamness.png"]
GVC_TABLES = ("export_decomposition", "gvc_measures")


def notebooks():
    return sorted(p for p in HERE.glob("[0-9][0-9]_*.ipynb"))


def committed_outputs(path):
    """Problems that make a notebook unfit to commit: outputs, execution counts."""
    nb = nbformat.read(path, as_version=4)
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    with_outputs = [i for i, c in code if c.get("outputs")]
    with_counts = [i for i, c in code if c.get("execution_count") is not None]
    problems = []
    if with_outputs:
        problems.append(f"{len(with_outputs)} cell(s) with outputs (cells {', '.join(map(str, with_outputs[:8]))}"
                        f"{', ...' if len(with_outputs) > 8 else ''})")
    if with_counts:
        problems.append(f"{len(with_counts)} cell(s) with execution counts")
    return problems


def strip(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


def png_problem(path):
    """None if path is a non-blank PNG of at least MIN_PNG_BYTES, else what is wrong."""
    if not path.is_file():
        return "missing"
    data = path.read_bytes()
    if len(data) < MIN_PNG_BYTES:
        return f"only {len(data)} bytes"
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    if width < 200 or height < 150:
        return f"only {width}x{height} pixels"
    try:
        import matplotlib.image as mpimg
        import numpy as np
        img = mpimg.imread(path)
        pixels = img.reshape(-1, img.shape[-1]) if img.ndim == 3 else img.reshape(-1, 1)
        colours = len(np.unique(pixels[:: max(1, len(pixels) // 200_000)], axis=0))
    except Exception as e:  # noqa: BLE001 - report, do not crash the runner
        return f"unreadable: {e}"
    if colours < 8:
        return f"blank ({colours} colours)"
    return None


def execute(path, warehouse, output_dir, executed_dir, label, timeout):
    """Runs one notebook; returns (ok, seconds, message)."""
    nb = nbformat.read(path, as_version=4)
    env = {"TIVA_WAREHOUSE": str(warehouse), "TIVA_NB_OUTPUT": str(output_dir)}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits the runner's environment
    started = time.monotonic()
    try:
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(HERE)}})
        client.execute()
        ok, message = True, ""
    except CellExecutionError as e:
        ok, message = False, str(e)
    except Exception as e:  # noqa: BLE001 - a kernel that dies or times out is a failure too
        ok, message = False, f"{type(e).__name__}: {e}"
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    seconds = time.monotonic() - started
    executed_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, executed_dir / f"{label}.ipynb")
    return ok, seconds, message


def gvc_variant(warehouse, work):
    """A warehouse view that flips the presence of the GVC tables: symlinks to the real tables, plus
    made-up GVC tables when the warehouse has none (or without them when it has them)."""
    view = work / "warehouse-gvc-variant"
    if view.exists():
        shutil.rmtree(view)
    view.mkdir(parents=True)
    has_gvc = all((warehouse / t / "_delta_log").is_dir() for t in GVC_TABLES)
    for table in sorted(p for p in warehouse.iterdir() if (p / "_delta_log").is_dir()):
        if has_gvc and table.name in GVC_TABLES:
            continue
        (view / table.name).symlink_to(table.resolve(), target_is_directory=True)
    if not has_gvc:
        import fake_gvc_tables  # noqa: PLC0415 - beside this file, only needed here
        fake_gvc_tables.write(warehouse, view)
    return view, not has_gvc


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warehouse", required=False, help="the warehouse the notebooks read")
    ap.add_argument("--out", default=str(HERE.parent / "target" / "notebooks"),
                    help="where charts (OUT/output) and executed notebooks (OUT/executed) go")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    ap.add_argument("--no-gvc-variant", action="store_true", help="run 03 only on the given warehouse")
    ap.add_argument("--check-only", action="store_true", help="only check that no outputs are committed")
    ap.add_argument("--strip", action="store_true", help="strip outputs from notebooks/*.ipynb in place")
    ap.add_argument("only", nargs="*", help="notebook names or prefixes to run (default: all)")
    args = ap.parse_args()

    nbs = notebooks()
    if args.only:
        nbs = [p for p in nbs if any(p.stem.startswith(o) or p.name == o for o in args.only)]
    if not nbs:
        print("run_all: no notebook matched", file=sys.stderr)
        return 2
    if args.strip:
        for p in nbs:
            strip(p)
            print(f"stripped {p.name}")
        return 0

    failures = []
    for p in nbs:
        for problem in committed_outputs(p):
            failures.append(f"{p.name}: committed with outputs: {problem} (run notebooks/run_all.sh --strip)")
    if failures or args.check_only:
        print("\n".join(failures) or f"no outputs in {len(nbs)} notebook(s)")
        return 1 if failures else 0

    if not args.warehouse:
        print("run_all: --warehouse is required", file=sys.stderr)
        return 2
    warehouse = Path(args.warehouse).resolve()
    if not (warehouse / "indicators" / "_delta_log").is_dir():
        print(f"run_all: no Delta table 'indicators' in {warehouse}", file=sys.stderr)
        return 2
    out = Path(args.out).resolve()
    output_dir, executed_dir = out / "output", out / "executed"
    if executed_dir.exists():
        shutil.rmtree(executed_dir)
    executed_dir.mkdir(parents=True)

    runs = [(p, warehouse, output_dir, p.stem, []) for p in nbs]
    if not args.no_gvc_variant and any(p.stem.startswith("03_") for p in nbs):
        view, made_up = gvc_variant(warehouse, out)
        p = next(p for p in nbs if p.stem.startswith("03_"))
        runs.append((p, view, out / "output-gvc-variant", f"{p.stem}.gvc-variant",
                     REQUIRED_GVC_CHARTS if made_up else []))
        print(f"03 also runs on {view}: "
              + ("the warehouse with made-up GVC tables (test data)" if made_up else "the warehouse without its GVC tables"))
    results = []
    total_started = time.monotonic()
    for charts in {r[2] for r in runs}:  # once: the notebooks of one warehouse share a chart directory
        if charts.exists():
            shutil.rmtree(charts)
        charts.mkdir(parents=True)
    for p, wh, charts, label, extra in runs:
        ok, seconds, message = execute(p, wh, charts, executed_dir, label, args.timeout)
        problems = [] if ok else [f"cell error:\n{message}"]
        if ok:
            prefix = p.stem[:3]
            required = {charts / n for n in REQUIRED_CHARTS.get(p.stem, []) + extra}
            produced = set(charts.glob(f"{prefix}*.png"))
            if not produced:
                problems.append(f"no chart {prefix}*.png in {charts}")
            for png in sorted(required | produced):
                why = png_problem(png)
                if why:
                    problems.append(f"chart {png.name}: {why}")
            sizes = ", ".join(f"{png.name} {png.stat().st_size // 1024} KB" for png in sorted(produced))
        else:
            sizes = ""
        status = "ok" if not problems else "FAILED"
        print(f"{label:<40} {status:<7} {seconds:6.1f} s  {sizes}", flush=True)
        for problem in problems:
            failures.append(f"{label}: {problem}")
        results.append({"notebook": label, "ok": not problems, "seconds": round(seconds, 1)})
    total = time.monotonic() - total_started
    (out / "summary.json").write_text(json.dumps({"results": results, "seconds": round(total, 1)}, indent=1))
    if failures:
        print("\n".join(failures), file=sys.stderr)
    print(f"executed copies in {executed_dir}, charts in {output_dir}; {total:.0f} s")
    print(f"notebooks: {sum(r['ok'] for r in results)} passed, {sum(not r['ok'] for r in results)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
