#!/usr/bin/env python3
"""numpy baseline of the issue-7 benchmark suite (tools/bench/run.sh runs it beside IcioBench).

Reads the table dump written by IcioBench (table-<n>.bin: the same generated table the Java side
times) and times, min of --reps repetitions, what a pymrio / exvatools user does in numpy:

  leontief  A = Z x^-1 (1/0 := 0), B = inv(I - A)                       (pymrio calc_A + calc_L)
  core      Y by destination country; v = va/x; VBY = (v B) Y;
            exports e by row (Z and Y to other countries); VA origin of exports v_k B_kj e_j
            (n x n, broadcasting, no diag matrices); its origin-country sums (G x n) and
            DVA/FVA by exporting country (own block / the rest)
  kww       the 9 KWW (2014) terms of every country, block formulas with country local inverses
            L_ss = inv(I - A_ss) (G small inverses), B_s,not-s / A blocks by fancy indexing
  bm        the BM (Borin-Mancini) source-based extraction inverse B^(s) = inv(I - A^(s)), A^(s) =
            A with s's foreign sales removed, for --bm-sample exporters, extrapolated to every
            country (the literal formula needs one n^3 inverse per exporter)

Prints "RESULT numpy <n> <step> <seconds>" lines (bm: the extrapolated per-year figure, and
bm_per_exporter). OPENBLAS_NUM_THREADS is left to the caller (run.sh sets 2).
"""
import argparse
import sys
import time

import numpy as np


def load(path):
    with open(path, "rb") as fh:
        magic = fh.read(8)
        if magic != b"TIVABIN1":
            raise SystemExit(f"{path}: not a TIVABIN1 dump")
        n, g, nind, f = np.frombuffer(fh.read(16), dtype="<i4")
        cty = np.frombuffer(fh.read(4 * n), dtype="<i4").astype(np.int64)
        z = np.fromfile(fh, dtype="<f8", count=n * n).reshape((n, n), order="F")
        yf = np.fromfile(fh, dtype="<f8", count=n * g * f).reshape((n, g * f), order="F")
        x = np.fromfile(fh, dtype="<f8", count=n)
    # a pymrio user holds C-ordered DataFrames: convert once, outside the timings
    return int(n), int(g), int(nind), int(f), cty, np.ascontiguousarray(z), np.ascontiguousarray(yf), x


def leontief(z, x):
    n = z.shape[0]
    xinv = np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)
    a = z * xinv[None, :]
    b = np.linalg.inv(np.eye(n) - a)
    return a, b, xinv


def core(z, yf, x, xinv, b, cty, g, f):
    n = z.shape[0]
    y = yf.reshape(n, g, f).sum(axis=2)  # n x G, by destination country
    va = x - z.sum(axis=0)
    v = va * xinv
    vb = v[:, None] * b
    vby = vb @ y  # v^ B Y
    # exports of each row: Z and Y sold to other countries
    onehot = np.zeros((n, g))
    onehot[np.arange(n), cty] = 1.0
    zc = z @ onehot  # n x G
    sales = zc + y
    e = sales.sum(axis=1) - sales[np.arange(n), cty]
    vao = vb * e[None, :]  # v_k B_kj e_j, n x n
    by_origin = onehot.T @ vao  # G x n: VA of origin country t in each row's exports
    own = by_origin[cty, np.arange(n)]
    dva = np.bincount(cty, weights=own, minlength=g)
    fva = np.bincount(cty, weights=by_origin.sum(axis=0) - own, minlength=g)
    return vby, vao, dva, fva, y, v, e


def kww(a, b, y, v, e, cty, g):
    n = a.shape[0]
    rows = [np.flatnonzero(cty == c) for c in range(g)]
    ytot = y.sum(axis=1)
    yd = y[np.arange(n), cty]
    linv = []
    ly = np.zeros(n)
    le = np.zeros(n)
    for c, r in enumerate(rows):
        l = np.linalg.inv(np.eye(len(r)) - a[np.ix_(r, r)])
        linv.append(l)
        ly[r] = l @ yd[r]
        le[r] = l @ e[r]
    vb = v[:, None] * b
    out = np.zeros((g, 9))
    for s, S in enumerate(rows):
        N = np.flatnonzero(cty != s)
        vs = v[S]
        bss = b[np.ix_(S, S)]
        bsn = b[np.ix_(S, N)]
        y_exp = ytot[S] - y[S, s]
        vbss = vs @ bss
        vbsn = vs @ bsn
        t1 = vbss @ y_exp
        t2 = vbsn @ yd[N]
        t4 = vbsn @ y[N, s]
        t3 = vbsn @ (ytot[N] - yd[N] - y[N, s])
        lss = linv[s]
        w = vbsn @ a[np.ix_(N, S)]
        t5 = w @ (lss @ y[S, s])
        t6 = w @ (lss @ e[S])
        fm = vb[np.ix_(N, S)].sum(axis=0)
        t7 = fm @ y_exp
        asn = a[np.ix_(S, N)]
        t8 = fm @ (asn @ ly[N])
        t9 = fm @ (asn @ le[N])
        out[s] = (t1, t2, t3, t4, t5, t6, t7, t8, t9)
    return out


def bm_extraction(a, v, e, cty, s):
    """BM source DVA/FVA multipliers of exporter s from the literal extraction inverse."""
    n = a.shape[0]
    S = cty == s
    a_s = a.copy()
    a_s[np.ix_(S, ~S)] = 0.0  # s's foreign sales removed
    bs = np.linalg.inv(np.eye(n) - a_s)
    fva_mult = (v[~S] @ bs[np.ix_(~S, S)])  # sum over t != s of v_t B^(s)_ts
    return float(fva_mult @ e[S])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--bm-sample", type=int, default=2)
    args = ap.parse_args()
    n, g, nind, f, cty, z, yf, x = load(args.dump)
    print(f"numpy {np.__version__}, n = {n} (G = {g}, N = {nind}), reps = {args.reps}", file=sys.stderr)
    best = {}

    def keep(k, t):
        best[k] = min(best.get(k, float("inf")), t)

    for rep in range(-1, args.reps):  # -1 = warm-up
        t0 = time.perf_counter()
        a, b, xinv = leontief(z, x)
        t1 = time.perf_counter()
        vby, vao, dva, fva, y, v, e = core(z, yf, x, xinv, b, cty, g, f)
        del vao
        t2 = time.perf_counter()
        k = kww(a, b, y, v, e, cty, g)
        t3 = time.perf_counter()
        bm = 0.0
        ns = min(args.bm_sample, g)
        for s in range(ns):
            bm_extraction(a, v, e, cty, s)
        t4 = time.perf_counter()
        per = (t4 - t3) / max(1, ns)
        line = (f"leontief {t1 - t0:.2f}, core {t2 - t1:.2f}, kww {t3 - t2:.2f}, "
                f"bm {per:.2f} per exporter x {g} = {per * g:.1f}")
        print(f"n = {n} rep {'warm-up' if rep < 0 else rep + 1}: {line} s", file=sys.stderr)
        if rep < 0:
            continue
        keep("leontief", t1 - t0)
        keep("core", t2 - t1)
        keep("kww", t3 - t2)
        keep("bm_per_exporter", per)
        keep("bm", per * g)
        del a, b
    best["all_kww"] = best["leontief"] + best["core"] + best["kww"]
    best["all_kww_bm"] = best["all_kww"] + best["bm"]
    for key, val in best.items():
        print(f"RESULT numpy {n} {key} {val:.4f}")


if __name__ == "__main__":
    main()
