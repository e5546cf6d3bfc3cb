#!/usr/bin/python3
"""PyTorch's gradcheck (full and fast mode) on issue 13's shapes, beside nncheck's figures.

Runs torch.autograd.gradcheck in float64 on the same shapes as
benchmarks/src/main/java/org/nncheck/benchmarks/GradcheckShapes.java (every input tensor
requires grad, inputs N(0, 1)), times each call with time.perf_counter, and prints a table.
With --jmh FILE (a JMH JSON result file of GradcheckBench, -rf json -rff FILE) nncheck's
figures for the same shapes are printed in the same table (the median of a sample-mode run,
-bm sample; otherwise JMH's mean). torch's figures are medians of repeated calls.

The full gradcheck of the 49,280-input affine materializes two 49,280 x 8,192 float64
Jacobians (about 18 GB resident measured): --skip-full-large leaves it out.

Needs python3-torch (Debian: /usr/bin/python3); not part of CI. See BENCHMARKS.md.

    /usr/bin/python3 benchmarks/torch_gradcheck.py [--jmh FILE]... [--skip-full-large] [--threads N]
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn.functional as F

SHAPES = {
    # name in GradcheckShapes: (function, input shapes in the order of the function's arguments)
    "AFFINE_16x64x32": (lambda x, w, b: x @ w + b, [(16, 64), (64, 32), (32,)]),
    "AFFINE_64x256x128": (lambda x, w, b: x @ w + b, [(64, 256), (256, 128), (128,)]),
    "CONV_2x3x8x8_4x3x3x3": (lambda x, w, b: F.conv2d(x, w, b, stride=1, padding=1), [(2, 3, 8, 8), (4, 3, 3, 3), (4,)]),
    "BATCH_NORM_32x64": (lambda x, g, b: F.batch_norm(x, None, None, g, b, training=True, eps=1e-5),
                         [(32, 64), (64,), (64,)]),
}


def timed(fn, inputs, fast):
    t0 = time.perf_counter()
    ok = torch.autograd.gradcheck(fn, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, fast_mode=fast)
    t = time.perf_counter() - t0
    if not ok:
        raise SystemExit("gradcheck failed")
    return t


def jmh_figures(paths):
    """{(shape, benchmark method): seconds} from JMH JSON result files (AverageTime)."""
    out = {}
    for path in paths or []:
        with open(path) as f:
            results = json.load(f)
        for r in results:
            method = r["benchmark"].rsplit(".", 1)[1]
            shape = r["params"]["shape"]
            unit = r["primaryMetric"]["scoreUnit"]
            scale = {"ms/op": 1e-3, "s/op": 1.0, "us/op": 1e-6}[unit]
            pm = r["primaryMetric"]
            # sample mode (-bm sample): the median; otherwise JMH's score (mean)
            score = pm.get("scorePercentiles", {}).get("50.0") if r.get("mode") == "sample" else pm["score"]
            out[(shape, method)] = score * scale
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jmh", action="append", help="JMH JSON results of GradcheckBench (repeatable)")
    ap.add_argument("--skip-full-large", action="store_true", help="skip the full gradcheck of the 49,280-input affine (minutes)")
    ap.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: torch's default)")
    ap.add_argument("--repeats", type=int, default=3, help="full runs of the small shapes: median of this many (fast mode: at least 11)")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    nn = jmh_figures(args.jmh)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), float64, eps 1e-6")
    cols = ["shape", "inputs", "torch full", "torch fast", "nncheck colored", "colored plain", "nncheck dense",
            "dense plain", "directional (4)", "fast (1)", "fast plain", "torch full / colored", "fast / torch fast",
            "directional (4) / torch fast"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    gen = torch.Generator().manual_seed(2026)
    for name, (fn, shapes) in SHAPES.items():
        inputs = tuple(torch.randn(*s, dtype=torch.float64, generator=gen).requires_grad_() for s in shapes)
        n = sum(t.numel() for t in inputs)
        large = n > 10000
        if large and args.skip_full_large:
            full = float("nan")
        else:
            full = statistics.median(timed(fn, inputs, False) for _ in range(1 if large else args.repeats))
        fast = statistics.median(timed(fn, inputs, True) for _ in range(max(args.repeats, 11)))
        c = nn.get((name, "colored"), float("nan"))
        d = nn.get((name, "fast"), float("nan"))
        di = nn.get((name, "directional"), float("nan"))
        row = [name, str(n), f"{full:.3g} s", f"{fast:.3g} s", f"{c:.3g} s",
               f"{nn.get((name, 'coloredPlain'), float('nan')):.3g} s", f"{nn.get((name, 'uncolored'), float('nan')):.3g} s",
               f"{nn.get((name, 'uncoloredPlain'), float('nan')):.3g} s",
               f"{di:.3g} s", f"{d:.3g} s",
               f"{nn.get((name, 'fastPlain'), float('nan')):.3g} s",
               f"{full / c:.3g}x", f"{d / fast:.3g}x", f"{di / fast:.3g}x"]
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
