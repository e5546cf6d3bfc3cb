#!/usr/bin/env python3
"""Write nncheck case files (SPEC.md section 2) from NumPy arrays or a PyTorch module or function.

Single file, NumPy only; PyTorch is used only when you pass torch tensors or a torch callable.
Copy it next to your tests or put the nncheck ``tools`` folder on ``sys.path``.

NumPy only (you computed the expected values yourself)::

    import nncheck_case as nc
    nc.write_case("cases/relu.json", "relu", inputs={"x": x, "dy": dy},
                  expected={"y": y, "dx": dx}, dtype="float32")

PyTorch (outputs from the call, gradients from autograd)::

    conv = torch.nn.Conv2d(3, 5, 3, padding=1)
    nc.torch_case("cases/conv.json", "conv2d", conv, {"x": torch.randn(2, 3, 8, 8)},
                  params={"stride": 1, "pad": 1}, module_params={"w": "weight", "b": "bias"})

then ``./nncheck verify cases/``. Tensors with at least ``npy_threshold`` elements are written
as ``.npy`` files beside the case (``{"npy": "<case>.<section>.<name>.npy"}``, SPEC v1.1); smaller
ones inline as ``{"shape": [...], "data": [...]}`` with non-finite values as "NaN", "Infinity",
"-Infinity". Input names, output names and parameters are the catalogue's (``nncheck describe ID``).
"""
import json
import math
import os

import numpy as np

FORMAT = "nncheck.case/1"
_DTYPES = {"float64": "float64", "float32": "float32", "float16": "float16", "bfloat16": "bfloat16"}


def _to_numpy(t):
    """A NumPy array from a NumPy array, a number, a list or a torch tensor (detached, on the CPU)."""
    if hasattr(t, "detach") and hasattr(t, "cpu"):  # a torch tensor, without importing torch
        t = t.detach().cpu()
        if str(t.dtype) == "torch.bfloat16":
            t = t.float()  # every bfloat16 value is exactly a float32 value
        return t.numpy()
    return np.asarray(t)


def _json_tensor(a):
    a = np.asarray(a, order="C")  # (np.ascontiguousarray would make a scalar 1-d)
    if a.dtype == np.bool_:
        a = a.astype(np.int64)
    if np.issubdtype(a.dtype, np.integer):
        data = [int(v) for v in a.ravel()]
    else:
        data = [float(v) if math.isfinite(v) else ("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity"))
                for v in a.astype(np.float64).ravel().tolist()]
    return {"shape": list(a.shape), "data": data}


def _npy_dtype(a):
    """A dtype the reader takes (float16/32/64, int32/64, bool); other integers become int64, other floats float64."""
    if a.dtype in (np.float16, np.float32, np.float64, np.int32, np.int64, np.bool_):
        return a
    return a.astype(np.int64 if np.issubdtype(a.dtype, np.integer) else np.float64)


def write_case(path, component, inputs, expected, params=None, dtype="float64", id=None, tolerance=None,
               npy_threshold=4096, comment=None):
    """Writes one case to ``path`` (a ``.json`` file); returns the case as a dict.

    inputs and expected map catalogue names (``x``, ``dy``, ``y``, ``dx``...) to arrays or torch tensors.
    """
    if dtype not in _DTYPES:
        raise ValueError("dtype must be one of %s, got %r" % (sorted(_DTYPES), dtype))
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    stem = os.path.splitext(os.path.basename(path))[0]
    case = {"format": FORMAT, "id": id or stem, "component": component, "params": dict(params or {}), "dtype": dtype}
    if comment:
        case["_source"] = comment
    for section, tensors in (("inputs", inputs), ("expected", expected)):
        out = {}
        for name, t in tensors.items():
            a = _to_numpy(t)
            if a.size >= npy_threshold:
                rel = "%s.%s.%s.npy" % (stem, section, name)
                np.save(os.path.join(folder, rel), _npy_dtype(np.asarray(a)))
                out[name] = {"npy": rel}
            else:
                out[name] = _json_tensor(a)
        case[section] = out
    if tolerance is not None:
        case["tolerance"] = dict(tolerance)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(case, f, allow_nan=False)
        f.write("\n")
    return case


def torch_case(path, component, fn, inputs, params=None, outputs=("y",), module_params=None, seed=0, id=None,
               tolerance=None, npy_threshold=4096):
    """Runs ``fn`` (a torch module or function) and writes its outputs and autograd gradients as a case.

    fn is called with the inputs as keyword arguments (a module: positionally, in the order given).
    outputs names fn's results (a tensor, a tuple, or a dict). module_params maps catalogue input
    names to parameter attributes of the module (e.g. {"w": "weight", "b": "bias"}): their values
    are written as inputs and their gradients as d<name>. Every floating-point input gets a gradient
    d<name>; every output an upstream gradient d<output> drawn from a standard normal (seeded),
    except a one-element "loss", whose upstream gradient is the default 1.
    """
    import torch

    gen = torch.Generator().manual_seed(seed)
    leaves = {}
    for name, t in inputs.items():
        t = torch.as_tensor(t)
        if t.is_floating_point():
            t = t.detach().clone().requires_grad_(True)
        leaves[name] = t
    mod = {}
    for name, attr in (module_params or {}).items():
        p = getattr(fn, attr)
        p.grad = None
        mod[name] = p
    if isinstance(fn, torch.nn.Module):
        result = fn(*leaves.values())
    else:
        result = fn(**leaves)
    if isinstance(result, dict):
        outs = dict(result)
    elif isinstance(result, (tuple, list)):
        outs = dict(zip(outputs, result))
    else:
        outs = {outputs[0]: result}
    floats = [t for t in list(leaves.values()) + list(mod.values()) if t.is_floating_point()]
    dtype = str(floats[0].dtype).replace("torch.", "") if floats else "float64"
    written_inputs = dict(leaves)
    written_inputs.update({k: v for k, v in mod.items()})
    roots, grads = [], []
    for name, y in outs.items():
        if not (torch.is_tensor(y) and y.requires_grad):
            continue
        if name == "loss" and y.numel() == 1:
            g = torch.ones_like(y)
        else:
            g = torch.randn(y.shape, generator=gen, dtype=torch.float64).to(y.dtype)
            written_inputs["d" + name] = g
        roots.append(y)
        grads.append(g)
    expected = {name: y for name, y in outs.items()}
    if roots:
        torch.autograd.backward(roots, grads)
        for name, t in list(leaves.items()) + list(mod.items()):
            if t.is_floating_point() and t.grad is not None:
                expected["d" + name] = t.grad
    return write_case(path, component, written_inputs, expected, params=params, dtype=dtype if dtype in _DTYPES else "float64",
                      id=id, tolerance=tolerance, npy_threshold=npy_threshold,
                      comment="PyTorch %s, nncheck_case.torch_case" % torch.__version__)


if __name__ == "__main__":
    import sys
    sys.stderr.write(__doc__)
    sys.exit(2)
