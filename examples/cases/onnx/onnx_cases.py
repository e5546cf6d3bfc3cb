#!/usr/bin/python3
"""Writes ONNX's own 2-D pooling node tests as nncheck cases (see README.md here).

The inputs and expected outputs are transcribed from onnx/backend/test/case/node/maxpool.py and
averagepool.py (github.com/onnx/onnx, Apache-2.0), the `export_*` functions named in each case's
`_source`. ONNX defaults differ from the SPEC's, so every parameter is written out: ONNX's
strides default to 1 (the SPEC's pooling stride to 2) and AveragePool's count_include_pad to 0
(the SPEC's to true). Plain Python, no dependencies:

    /usr/bin/python3 examples/cases/onnx/onnx_cases.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ONNX = "github.com/onnx/onnx onnx/backend/test/case/node/"


def one_to(n, h, w):
    return {"shape": [1, 1, h, w], "data": [float(v) for v in range(1, n + 1)]}


def t(shape, data):
    return {"shape": shape, "data": [float(v) for v in data]}


def write(cid, component, params, x, y, source, note=None, tolerance=None):
    case = {"format": "nncheck.case/1", "id": cid, "component": component, "params": params, "dtype": "float32",
            "inputs": {"x": x}, "expected": {"y": y}, "_source": ONNX + source}
    if tolerance:
        case["tolerance"] = tolerance
    if note:
        case["_note"] = note
    with open(os.path.join(HERE, cid + ".json"), "w") as f:
        json.dump(case, f, indent=1)
    print(cid)


def main():
    x5 = one_to(25, 5, 5)
    x4 = one_to(16, 4, 4)
    k5p2 = {"pool_height": 5, "pool_width": 5, "stride": 1, "pad": 2}
    k2s2 = {"pool_height": 2, "pool_width": 2, "stride": 2}
    k3s2p1 = {"pool_height": 3, "pool_width": 3, "stride": 2, "pad": 1}
    k3s2ceil = {"pool_height": 3, "pool_width": 3, "stride": 2, "ceil_mode": True}

    write("test_maxpool_2d_precomputed_pads", "max_pool2d", k5p2, x5,
          t([1, 1, 5, 5], [13, 14, 15, 15, 15, 18, 19, 20, 20, 20, 23, 24, 25, 25, 25, 23, 24, 25, 25, 25, 23, 24, 25, 25, 25]),
          "maxpool.py export_maxpool_2d_precomputed_pads (also the y of export_maxpool_with_argmax_2d_precomputed_pads)")
    write("test_maxpool_2d_precomputed_strides", "max_pool2d", k2s2, x5, t([1, 1, 2, 2], [7, 9, 17, 19]),
          "maxpool.py export_maxpool_2d_precomputed_strides (also the y of export_maxpool_with_argmax_2d_precomputed_strides)")
    write("test_maxpool_2d_precomputed_same_upper", "max_pool2d", k3s2p1, x5,
          t([1, 1, 3, 3], [7, 9, 10, 17, 19, 20, 22, 24, 25]),
          "maxpool.py export_maxpool_2d_precomputed_same_upper",
          "auto_pad SAME_UPPER on 5x5, kernel 3, stride 2 pads 1 on every side: written as the symmetric pad 1")
    write("test_maxpool_2d_ceil", "max_pool2d", k3s2ceil, x4, t([1, 1, 2, 2], [11, 12, 15, 16]),
          "maxpool.py export_maxpool_2d_ceil")

    write("test_averagepool_2d_precomputed_pads", "avg_pool2d", dict(k5p2, count_include_pad=False), x5,
          t([1, 1, 5, 5], [7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11, 11.5, 12, 12.5, 13, 13.5, 14, 14.5, 15, 15.5, 16, 16.5,
                           17, 17.5, 18, 18.5, 19]),
          "averagepool.py export_averagepool_2d_precomputed_pads (count_include_pad left at ONNX's default 0)")
    write("test_averagepool_2d_precomputed_pads_count_include_pad", "avg_pool2d", dict(k5p2, count_include_pad=True), x5,
          t([1, 1, 5, 5], [2.52, 3.6, 4.8, 4.08, 3.24, 4.56, 6.4, 8.4, 7.04, 5.52, 7.2, 10, 13, 10.8, 8.4,
                           6.96, 9.6, 12.4, 10.24, 7.92, 6.12, 8.4, 10.8, 8.88, 6.84]),
          "averagepool.py export_averagepool_2d_precomputed_pads_count_include_pad")
    write("test_averagepool_2d_precomputed_strides", "avg_pool2d", dict(k2s2, count_include_pad=False), x5,
          t([1, 1, 2, 2], [4, 6, 14, 16]), "averagepool.py export_averagepool_2d_precomputed_strides")
    write("test_averagepool_2d_precomputed_same_upper", "avg_pool2d", dict(k3s2p1, count_include_pad=False), x5,
          t([1, 1, 3, 3], [4, 5.5, 7, 11.5, 13, 14.5, 19, 20.5, 22]),
          "averagepool.py export_averagepool_2d_precomputed_same_upper",
          "auto_pad SAME_UPPER on 5x5, kernel 3, stride 2 pads 1 on every side: written as the symmetric pad 1;"
          " ONNX excludes auto padding from the divisor (count_include_pad 0)")
    write("test_averagepool_2d_ceil", "avg_pool2d", dict(k3s2ceil, count_include_pad=False), x4,
          t([1, 1, 2, 2], [6, 7.5, 12, 13.5]), "averagepool.py export_averagepool_2d_ceil")
    x = [0.8580, 0.0786, 0.2692, 0.1537, 0.8816, 0.4353, 0.5772, 0.6623, 0.9067, 0.9483, 0.5970, 0.7630]
    write("test_averagepool_2d_ceil_last_window_starts_on_pad", "avg_pool2d",
          {"pool_height": 3, "pool_width": 3, "stride": 3, "pad": 1, "ceil_mode": True, "count_include_pad": True},
          t([1, 3, 2, 2], x), t([1, 3, 1, 1], [0.1511, 0.2841, 0.3572]),
          "averagepool.py export_averagepool_2d_ceil_last_window_starts_on_pad",
          "ONNX's node leaves count_include_pad at its default 0, but its expected y is each channel's sum / 9, the"
          " divisor that counts the padding (PyTorch's count_include_pad = True); the window covers the 2x2 input,"
          " 5 padding elements and nothing past the padded input. ONNX prints y to 4 decimals, so the case sets"
          " a tolerance of 1e-4 absolute.", {"rtol": 0, "atol": 1e-4})


if __name__ == "__main__":
    main()
