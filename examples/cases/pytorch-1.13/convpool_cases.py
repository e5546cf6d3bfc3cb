#!/usr/bin/python3
"""Writes the PyTorch 1.13 conv2d / pooling cases of SPEC v1.1's new parameters (conv2d's
floor output size, dilation, groups; max/avg pooling's pad, ceil_mode, count_include_pad)
into pass/ and two injected-bug cases into fail/ (each with a `_bug` field saying what is
wrong). Outputs and gradients come from torch.nn.functional and autograd, on the CPU, in the
case's dtype.

Run from anywhere (needs Debian's python3-torch, i.e. /usr/bin/python3):

    /usr/bin/python3 examples/cases/pytorch-1.13/convpool_cases.py

then `./nncheck verify examples/cases` (pass/ all PASS, fail/ all FAIL).
"""
import json
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = ("examples/cases/pytorch-1.13/convpool_cases.py: torch.nn.functional.conv2d/max_pool2d/avg_pool2d "
          "and autograd, PyTorch " + torch.__version__ + ", CPU")


def tensor(t):
    return {"shape": list(t.shape), "data": t.detach().double().flatten().tolist()}


def write(folder, case):
    path = os.path.join(HERE, folder, case["id"] + ".json")
    with open(path, "w") as f:
        json.dump(case, f)
    print(path)


def case(cid, component, params, dtype, inputs, expected, **extra):
    c = {"format": "nncheck.case/1", "id": cid, "component": component, "params": params, "dtype": dtype,
         "inputs": {k: tensor(v) for k, v in inputs.items()},
         "expected": {k: tensor(v) for k, v in expected.items()}, "_source": SOURCE}
    c.update(extra)
    return c


def conv(cid, dtype, xs, ws, params, seed):
    g = torch.Generator().manual_seed(seed)
    dt = torch.float64 if dtype == "float64" else torch.float32
    x = torch.randn(xs, generator=g, dtype=dt, requires_grad=True)
    w = (torch.randn(ws, generator=g, dtype=dt) / (ws[1] * ws[2] * ws[3]) ** 0.5).requires_grad_()
    b = torch.randn(ws[0], generator=g, dtype=dt, requires_grad=True)
    y = F.conv2d(x, w, b, stride=params.get("stride", 1), padding=params.get("pad", 0),
                 dilation=params.get("dilation", 1), groups=params.get("groups", 1))
    dy = torch.randn(y.shape, generator=g, dtype=dt)
    y.backward(dy)
    return case(cid, "conv2d", params, dtype, {"x": x, "w": w, "b": b, "dy": dy},
                {"y": y, "dx": x.grad, "dw": w.grad, "db": b.grad})


def pool_output(kind, x, params, ceil=None, include=None):
    kw = dict(kernel_size=(params.get("pool_height", 2), params.get("pool_width", 2)), stride=params.get("stride", 2),
              padding=params.get("pad", 0), ceil_mode=params.get("ceil_mode", False) if ceil is None else ceil)
    if kind == "max_pool2d":
        return F.max_pool2d(x, **kw)
    return F.avg_pool2d(x, count_include_pad=params.get("count_include_pad", True) if include is None else include, **kw)


def pool(cid, kind, dtype, xs, params, seed, backward=True, **bug):
    g = torch.Generator().manual_seed(seed)
    dt = torch.float64 if dtype == "float64" else torch.float32
    x = torch.randn(xs, generator=g, dtype=dt, requires_grad=True)
    y = pool_output(kind, x, params, bug.get("ceil"), bug.get("include"))
    if not backward:
        return case(cid, kind, params, dtype, {"x": x}, {"y": y}, **bug.get("extra", {}))
    dy = torch.randn(y.shape, generator=g, dtype=dt)
    y.backward(dy)
    return case(cid, kind, params, dtype, {"x": x, "dy": dy}, {"y": y, "dx": x.grad}, **bug.get("extra", {}))


def main():
    torch.set_num_threads(1)
    for dtype in ("float64", "float32"):
        write("pass", conv("conv-dilation2-" + dtype, dtype, (2, 3, 9, 9), (4, 3, 3, 3),
                           {"stride": 1, "pad": 1, "dilation": 2}, 11))
        write("pass", conv("conv-groups2-floor-" + dtype, dtype, (2, 4, 8, 8), (6, 2, 3, 3),
                           {"stride": 2, "pad": 1, "groups": 2}, 12))
        write("pass", conv("conv-depthwise-" + dtype, dtype, (2, 3, 6, 7), (3, 1, 3, 3),
                           {"stride": 2, "pad": 1, "groups": 3}, 13))
        write("pass", conv("conv-floor-s2-" + dtype, dtype, (1, 2, 8, 9), (3, 2, 3, 2), {"stride": 2}, 14))
        write("pass", conv("conv-mixed-" + dtype, dtype, (1, 6, 11, 10), (9, 2, 2, 3),
                           {"stride": 3, "pad": 2, "dilation": 2, "groups": 3}, 15))
        write("pass", pool("maxpool-floor-" + dtype, "max_pool2d", dtype, (2, 3, 5, 5), {}, 21))
        write("pass", pool("maxpool-pad-ceil-" + dtype, "max_pool2d", dtype, (2, 3, 7, 8),
                           {"pool_height": 3, "pool_width": 3, "stride": 2, "pad": 1, "ceil_mode": True}, 22))
        write("pass", pool("maxpool-ceil-" + dtype, "max_pool2d", dtype, (2, 2, 6, 6),
                           {"pool_height": 3, "pool_width": 3, "stride": 2, "ceil_mode": True}, 23))
        for include in (True, False):
            tag = "incl" if include else "excl"
            write("pass", pool("avgpool-pad-" + tag + "-" + dtype, "avg_pool2d", dtype, (2, 3, 7, 7),
                               {"pool_height": 3, "pool_width": 3, "stride": 2, "pad": 1, "count_include_pad": include}, 31))
            write("pass", pool("avgpool-pad-ceil-" + tag + "-" + dtype, "avg_pool2d", dtype, (2, 2, 6, 7),
                               {"pool_height": 3, "pool_width": 2, "stride": 2, "pad": 1, "ceil_mode": True,
                                "count_include_pad": include}, 32))
            write("pass", pool("avgpool-last-window-on-pad-" + tag + "-" + dtype, "avg_pool2d", dtype, (1, 3, 2, 2),
                               {"pool_height": 3, "pool_width": 3, "stride": 3, "pad": 1, "ceil_mode": True,
                                "count_include_pad": include}, 33))
    write("fail", pool("maxpool-ceil-bug", "max_pool2d", "float64", (2, 3, 7, 8),
                       {"pool_height": 3, "pool_width": 3, "stride": 2, "pad": 1, "ceil_mode": True}, 41, backward=False,
                       ceil=False, extra={"_bug": "the output size was floored although the case says ceil_mode = true"}))
    write("fail", pool("avgpool-count-include-pad-bug", "avg_pool2d", "float64", (2, 3, 7, 7),
                       {"pool_height": 3, "pool_width": 3, "stride": 2, "pad": 1, "count_include_pad": True}, 42,
                       include=False, extra={"_bug": "the average divided by the input elements only although the case"
                                                     " says count_include_pad = true"}))


if __name__ == "__main__":
    main()
