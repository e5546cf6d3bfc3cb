#!/usr/bin/env python3
"""Generates the inputs of docs/BENCHMARKS-verify.md (never commit them: they are large).

Usage: /usr/bin/python3 benchmarks/generate_big_cases.py OUT_DIR [--gb 1.0]

Writes, under OUT_DIR:
  relu-1e7.json     relu forward, float32, x and y with 10^7 elements each (~210 MB)
  relu-1gb.json     the same with enough elements for about --gb GB of JSON
  many.jsonl        100,000 small relu cases, one per line
  npy/relu-npy.json relu with x and y as .npy files: float32, 5*10^7 elements each (200 MB each)
Needs NumPy only.
"""
import os
import sys

import numpy as np


def write_relu(path, n, seed, chunk=1_000_000):
    """A relu case whose y = max(0, x) exactly (float32 values written with 9 significant digits)."""
    rng = np.random.default_rng(seed)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"format": "nncheck.case/1", "id": "%s", "component": "relu", "dtype": "float32", "inputs": {"x": {"shape": [%d], "data": ['
                % (os.path.basename(path), n))
        state = rng.bit_generator.state
        for section in ("x", "y"):
            if section == "y":
                f.write(']}}, "expected": {"y": {"shape": [%d], "data": [' % n)
                rng.bit_generator.state = state  # the same x again
            first = True
            for start in range(0, n, chunk):
                x = rng.standard_normal(min(chunk, n - start)).astype(np.float32)
                v = np.maximum(x, 0) if section == "y" else x
                text = ",".join("%.9g" % t for t in v.tolist())
                f.write(("" if first else ",") + text)
                first = False
        f.write("]}}}\n")


def main():
    out = sys.argv[1]
    gb = float(sys.argv[sys.argv.index("--gb") + 1]) if "--gb" in sys.argv else 1.0
    os.makedirs(os.path.join(out, "npy"), exist_ok=True)
    write_relu(os.path.join(out, "relu-1e7.json"), 10_000_000, 1)
    # about 19 bytes of JSON per element (x and y, ~9.5 bytes each)
    write_relu(os.path.join(out, "relu-1gb.json"), int(gb * 1e9 / 19), 2)
    rng = np.random.default_rng(3)
    with open(os.path.join(out, "many.jsonl"), "w", encoding="utf-8") as f:
        for k in range(100_000):
            x = rng.standard_normal(8).astype(np.float32)
            f.write('{"id": "c%d", "component": "relu", "dtype": "float32", "inputs": {"x": [%s]}, "expected": {"y": [%s]}}\n'
                    % (k, ",".join("%.9g" % t for t in x.tolist()), ",".join("%.9g" % t for t in np.maximum(x, 0).tolist())))
    x = rng.standard_normal(50_000_000).astype(np.float32)
    np.save(os.path.join(out, "npy", "x.npy"), x)
    np.save(os.path.join(out, "npy", "y.npy"), np.maximum(x, 0))
    with open(os.path.join(out, "npy", "relu-npy.json"), "w", encoding="utf-8") as f:
        f.write('{"component": "relu", "dtype": "float32", "inputs": {"x": {"npy": "x.npy"}}, "expected": {"y": {"npy": "y.npy"}}}\n')


if __name__ == "__main__":
    main()
