#!/usr/bin/python3
"""Trains small networks on Fashion-MNIST with PyTorch and writes their training logs.

The logs are the fixtures of the training-log diagnosis tests (SPEC section 4.2,
properties/src/test/resources/training-logs/). Each run is written in the three encodings
nncheck reads:

  <name>.keras.csv      epoch-level, as Keras' CSVLogger writes it: the column `epoch` (0-based)
                        then the logged keys in sorted order (`accuracy,loss,val_accuracy,val_loss`),
                        floats as Python writes them (`nan`, `inf`).
  <name>.lightning.csv  as Lightning's CSVLogger writes metrics.csv: sorted columns, `step` and
                        `epoch`, `train_loss_step`/`train_acc_step` every `log_every_n_steps` optimizer
                        steps (logged when (step + 1) % n == 0, at the step count before it is
                        incremented), and at the end of each epoch one row with `val_loss`/`val_acc`
                        and one with `train_loss_epoch`/`train_acc_epoch`, at the epoch's last step;
                        empty cells for what a row does not log.
  <name>.jsonl          nncheck's JSON Lines (SPEC 4.2): a `{"meta": ...}` line, then one record per
                        logged step (step 0 is the loss before the first update) with per-layer
                        statistics of the weights of every Linear layer (`fc1`, `fc2`, ... input side
                        first), and `val_loss`/`val_acc` at the end of each epoch.

Runs named `healthy_*` must get no diagnosis; the others carry the injected problem named in
RUNS (the ids the tests expect). Usage (Debian's python3-torch 1.13; CI does not need it):

    /usr/bin/python3 tools/make_training_logs.py [OUT_DIR] [--only NAME,...]

Data: /usr/share/datasets/fashion-mnist (Debian dataset-fashion-mnist), read with gzip + numpy,
pixels scaled to [0, 1] and standardized with the training subset's mean and std.
"""
import csv
import gzip
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

DATA = "/usr/share/datasets/fashion-mnist"
torch.set_num_threads(1)


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(n_train, n_val, seed):
    x = idx(os.path.join(DATA, "train-images-idx3-ubyte.gz")).reshape(-1, 784).astype(np.float32) / 255.0
    y = idx(os.path.join(DATA, "train-labels-idx1-ubyte.gz")).astype(np.int64)
    rng = np.random.default_rng(seed)
    perm = rng.permutation(len(x))
    tr, va = perm[:n_train], perm[n_train:n_train + n_val]
    mean, std = x[tr].mean(), x[tr].std()
    xs = (x - mean) / std
    return (torch.tensor(xs[tr]), torch.tensor(y[tr]), torch.tensor(xs[va]), torch.tensor(y[va]))


class Net(nn.Module):
    """An MLP: Linear layers fc1..fcK, an activation after each but the last."""

    def __init__(self, sizes, act, init_std=None, init_gain=None, bias=0.0):
        super().__init__()
        self.fcs = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
        self.act = act
        for i, fc in enumerate(self.fcs):
            if init_std is not None:
                nn.init.normal_(fc.weight, 0.0, init_std)
                nn.init.zeros_(fc.bias)
            elif init_gain is not None:  # He (relu) / Xavier (tanh, sigmoid) times a gain
                fan_in = fc.weight.shape[1]
                base = math.sqrt(2.0 / fan_in) if act == "relu" else math.sqrt(1.0 / fan_in)
                nn.init.normal_(fc.weight, 0.0, base * init_gain)
                nn.init.zeros_(fc.bias)
            if i < len(self.fcs) - 1 and bias != 0.0:
                nn.init.constant_(fc.bias, bias)
        self.outs = []

    def forward(self, x):
        self.outs = []
        for i, fc in enumerate(self.fcs):
            x = fc(x)
            if i < len(self.fcs) - 1:
                x = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}[self.act](x)
                self.outs.append(x)
        return x


def layer_stats(net, before):
    """Per-layer statistics (SPEC 4.2) of the Linear weights after an update; `before` holds the
    weights before it."""
    stats = {}
    for i, fc in enumerate(net.fcs):
        name = "fc%d" % (i + 1)
        w = fc.weight.detach()
        s = {"grad_norm": float(fc.weight.grad.norm()), "weight_norm": float(w.norm()),
             "update_norm": float((w - before[i]).norm())}
        if i < len(net.fcs) - 1:
            out = net.outs[i].detach()
            s["act_mean"] = float(out.mean())
            s["act_std"] = float(out.std())
            if net.act == "relu":
                s["dead_fraction"] = float((out <= 0).all(dim=0).float().mean())
            else:
                lo, hi = (-1.0, 1.0) if net.act == "tanh" else (0.0, 1.0)
                s["saturated_fraction"] = float(((out < lo + 0.01) | (out > hi - 0.01)).float().mean())
        stats[name] = s
    return stats


def fnum(v):
    """A float as JSON Lines writes it (SPEC 4.2: non-finite as strings)."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def evaluate(net, x, y, lossf):
    with torch.no_grad():
        out = net(x)
        return float(lossf(out, y)), float((out.argmax(1) == y).float().mean())


def train(cfg, out_dir):
    seed = cfg.get("seed", 0)
    torch.manual_seed(seed)
    xtr, ytr, xva, yva = load(cfg.get("n_train", 10000), cfg.get("n_val", 2000), seed)
    sizes = [784] + cfg.get("hidden", [100]) + [10]
    net = Net(sizes, cfg.get("act", "relu"), cfg.get("init_std"), cfg.get("init_gain"), cfg.get("bias", 0.0))
    lr = cfg["lr"]
    opt = {"sgd": lambda: torch.optim.SGD(net.parameters(), lr=lr, momentum=cfg.get("momentum", 0.0)),
           "adam": lambda: torch.optim.Adam(net.parameters(), lr=lr),
           "rmsprop": lambda: torch.optim.RMSprop(net.parameters(), lr=lr)}[cfg.get("opt", "sgd")]()
    lossf = nn.CrossEntropyLoss()
    bs, epochs = cfg.get("batch", 64), cfg.get("epochs", 8)
    every = cfg.get("log_every", 10)
    n_every = cfg.get("lightning_every", 50)
    name = cfg["name"]
    layers = cfg.get("layers", True)
    gen = torch.Generator().manual_seed(seed)

    jl = open(os.path.join(out_dir, name + ".jsonl"), "w")
    meta = {"num_classes": 10, "loss": "softmax_cross_entropy", "batch_size": bs, "train_size": len(xtr),
            "framework": "pytorch %s (tools/make_training_logs.py, %s)" % (torch.__version__, cfg["why"])}
    jl.write(json.dumps({"meta": meta}) + "\n")
    keras_rows, light_rows = [], []
    step = 0
    first_loss, first_acc = evaluate(net, xtr[:bs], ytr[:bs], lossf)
    jl.write(json.dumps({"step": 0, "epoch": 0, "loss": fnum(first_loss), "lr": lr}) + "\n")
    for epoch in range(epochs):
        perm = torch.randperm(len(xtr), generator=gen)
        tot_loss, tot_acc, nb = 0.0, 0.0, 0
        for b in range(0, len(xtr), bs):
            ix = perm[b:b + bs]
            before = [fc.weight.detach().clone() for fc in net.fcs]
            out = net(xtr[ix])
            loss = lossf(out, ytr[ix])
            opt.zero_grad()
            loss.backward()
            opt.step()
            lv = float(loss)
            acc = float((out.argmax(1) == ytr[ix]).float().mean())
            tot_loss += lv
            tot_acc += acc
            nb += 1
            if (step + 1) % n_every == 0:
                light_rows.append({"epoch": epoch, "step": step, "train_loss_step": lv, "train_acc_step": acc})
            step += 1
            if step % every == 0:
                rec = {"step": step, "epoch": epoch, "loss": fnum(lv), "train_acc": acc, "lr": lr}
                if layers:
                    rec["layers"] = {k: {s: fnum(v) for s, v in d.items()} for k, d in layer_stats(net, before).items()}
                jl.write(json.dumps(rec) + "\n")
        vl, va = evaluate(net, xva, yva, lossf)
        rec = {"step": step, "epoch": epoch, "val_loss": fnum(vl), "val_acc": va}
        jl.write(json.dumps(rec) + "\n")
        keras_rows.append({"epoch": epoch, "accuracy": tot_acc / nb, "loss": tot_loss / nb, "val_accuracy": va,
                           "val_loss": vl})
        light_rows.append({"epoch": epoch, "step": step - 1, "val_loss": vl, "val_acc": va})
        light_rows.append({"epoch": epoch, "step": step - 1, "train_loss_epoch": tot_loss / nb,
                           "train_acc_epoch": tot_acc / nb})
    jl.close()
    with open(os.path.join(out_dir, name + ".keras.csv"), "w", newline="") as f:
        keys = ["epoch"] + sorted(k for k in keras_rows[0] if k != "epoch")
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(keras_rows)
    with open(os.path.join(out_dir, name + ".lightning.csv"), "w", newline="") as f:
        keys = sorted(set().union(*light_rows))
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(light_rows)
    return first_loss, keras_rows[-1]


# Each run: its name, why (what was injected), and what the diagnosis must say:
#   expect: {format: ids that must be found} for the formats "jsonl", "keras", "lightning"; a format
#           left out must get only ids in `allow` (its records cannot show the problem: an epoch-level
#           log has no step-0 loss and no per-layer statistics);
#   allow:  other ids that may be found because the injected problem causes them too (a learning rate
#           far too high diverges, saturates tanh units, and makes the update ratio high).
# Healthy runs expect nothing and allow nothing, in every format.
HIGH_LR = ["nan_or_inf", "diverging", "oscillating", "saturation", "dying_relu", "update_ratio_high",
           "exploding_gradients"]
RUNS = [
    dict(name="healthy_sgd_momentum", why="healthy", opt="sgd", lr=0.05, momentum=0.9, seed=0),
    dict(name="healthy_adam", why="healthy", opt="adam", lr=1e-3, batch=128, seed=1),
    dict(name="healthy_sgd_b32", why="healthy", opt="sgd", lr=0.1, batch=32, seed=2, layers=False),
    dict(name="healthy_adam_b16", why="healthy", opt="adam", lr=5e-4, batch=16, seed=3, epochs=4),
    dict(name="healthy_tanh_xavier", why="healthy", opt="sgd", lr=0.05, momentum=0.9, act="tanh",
         hidden=[128, 64], init_gain=1.0, seed=4),
    dict(name="healthy_deep_relu_he", why="healthy", opt="adam", lr=1e-3, hidden=[256, 128, 64, 32],
         init_gain=1.0, seed=5),
    dict(name="healthy_rmsprop", why="healthy", opt="rmsprop", lr=3e-4, batch=100, seed=6),
    dict(name="healthy_sgd_b4", why="healthy", opt="sgd", lr=0.01, batch=4, seed=20, epochs=1, n_train=4000,
         log_every=5),
    dict(name="healthy_short", why="healthy", opt="adam", lr=1e-3, seed=21, epochs=1, n_train=2000),
    dict(name="nan_lr_too_high", why="SGD learning rate 20: far too high", opt="sgd", lr=20.0, seed=7, epochs=3,
         expect={"jsonl": ["nan_or_inf"], "keras": ["nan_or_inf"], "lightning": ["nan_or_inf"]}, allow=HIGH_LR),
    dict(name="diverging_tanh_sgd", why="tanh net, SGD learning rate 3: too high", opt="sgd", lr=3.0, act="tanh",
         seed=8, epochs=3, n_train=4000, expect={"jsonl": ["diverging"]}, allow=HIGH_LR),
    dict(name="lr_too_low", why="SGD learning rate 1e-6: far too low", opt="sgd", lr=1e-6, seed=9, epochs=3,
         expect={"jsonl": ["lr_too_low", "update_ratio_low"], "keras": ["lr_too_low"], "lightning": ["lr_too_low"]}),
    dict(name="init_too_big", why="weights N(0, 1): initialization 30 times too large", opt="sgd", lr=0.01,
         init_std=1.0, seed=10, epochs=3, expect={"jsonl": ["initial_loss_off"]}, allow=["plateau_at_start"]),
    dict(name="plateau_tiny_init", why="5 tanh layers, weights N(0, 0.01): flat start", opt="sgd", lr=0.05,
         momentum=0.9, act="tanh", hidden=[100, 100, 100, 100], init_std=0.01, seed=11, epochs=6,
         expect={"jsonl": ["plateau_at_start"], "keras": ["plateau_at_start"], "lightning": ["plateau_at_start"]}),
    dict(name="saturated_tanh", why="10 tanh layers of 200, weights N(0, 1) (the lecture's example)", opt="sgd",
         lr=0.01, act="tanh", hidden=[200] * 10, init_std=1.0, seed=12, epochs=2,
         expect={"jsonl": ["saturation"]}, allow=["initial_loss_off", "underfitting"]),
    dict(name="vanishing_sigmoid", why="8 sigmoid layers of 100, Xavier init", opt="sgd", lr=0.05, act="sigmoid",
         hidden=[100] * 8, init_gain=1.0, seed=13, epochs=3, expect={"jsonl": ["vanishing_gradients"]},
         allow=["lr_too_low"]),
    dict(name="exploding_lr_high", why="6 ReLU layers, SGD momentum 0.9, learning rate 0.3", opt="sgd", lr=0.3,
         momentum=0.9, hidden=[100] * 6, init_gain=1.0, seed=14, epochs=1, n_train=2000, log_every=1,
         expect={"jsonl": ["exploding_gradients", "nan_or_inf"]}, allow=HIGH_LR),
    dict(name="dying_relu_bias", why="ReLU hidden layer with bias -6", opt="sgd", lr=0.05, bias=-6.0, seed=15,
         epochs=3, expect={"jsonl": ["dying_relu"]}, allow=["vanishing_gradients", "lr_too_low"]),
    dict(name="update_ratio_high", why="tanh net, SGD learning rate 1", opt="sgd", lr=1.0, act="tanh", seed=16,
         epochs=2, n_train=3000, expect={"jsonl": ["update_ratio_high"]}, allow=HIGH_LR),
    dict(name="overfit_tiny_train", why="200 training examples, 784-300-10, 60 epochs", opt="adam", lr=1e-3,
         hidden=[300], n_train=200, batch=20, epochs=60, seed=17, log_every=20, lightning_every=20,
         expect={"jsonl": ["overfitting"], "keras": ["overfitting"], "lightning": ["overfitting"]}),
    dict(name="underfit_two_units", why="784-2-10: under capacity", opt="adam", lr=1e-3, hidden=[2], seed=18,
         epochs=8, n_train=4000, expect={"jsonl": ["underfitting"], "keras": ["underfitting"],
                                         "lightning": ["underfitting"]}),
    dict(name="oscillating_tanh_b8", why="tanh net, SGD learning rate 1, batch 8", opt="sgd", lr=1.0, batch=8,
         act="tanh", seed=19, epochs=1, n_train=3000, expect={"jsonl": ["oscillating"]}, allow=HIGH_LR),
    # second variants: other optimizers, architectures and seeds for the same problems
    dict(name="diverging_adam_lr10", why="Adam learning rate 10: far too high", opt="adam", lr=10.0, seed=22,
         epochs=2, n_train=3000, log_every=2, expect={"jsonl": ["diverging"]}, allow=HIGH_LR),
    dict(name="lr_too_low_adam", why="Adam learning rate 1e-7: far too low", opt="adam", lr=1e-7, seed=23, epochs=3,
         n_train=4000, expect={"jsonl": ["lr_too_low", "update_ratio_low"], "keras": ["lr_too_low"]}),
    dict(name="init_too_big_tanh", why="tanh net, weights N(0, 0.5)", opt="sgd", lr=0.01, act="tanh", init_std=0.5,
         seed=24, epochs=2, n_train=3000, expect={"jsonl": ["initial_loss_off"]},
         allow=["plateau_at_start", "saturation"]),
    dict(name="saturated_sigmoid", why="5 sigmoid layers of 200, weights N(0, 1)", opt="sgd", lr=0.01,
         act="sigmoid", hidden=[200] * 5, init_std=1.0, seed=25, epochs=2, n_train=3000,
         expect={"jsonl": ["saturation"]}, allow=["initial_loss_off", "underfitting", "lr_too_low",
                                                  "vanishing_gradients", "plateau_at_start"]),
    dict(name="vanishing_tanh_tiny_init", why="10 tanh layers of 100, weights N(0, 0.01)", opt="sgd", lr=0.05,
         act="tanh", hidden=[100] * 10, init_std=0.01, seed=26, epochs=2, n_train=3000,
         expect={"jsonl": ["vanishing_gradients"]}, allow=["lr_too_low"]),
    dict(name="dying_relu_two_layers", why="784-200-100-10 ReLU, hidden biases -4", opt="adam", lr=1e-3,
         hidden=[200, 100], bias=-4.0, seed=27, epochs=3, n_train=4000, expect={"jsonl": ["dying_relu"]},
         allow=["vanishing_gradients", "lr_too_low", "plateau_at_start", "underfitting"]),
    dict(name="overfit_sgd_500", why="500 training examples, 784-500-500-10, SGD momentum, 80 epochs",
         opt="sgd", lr=0.05, momentum=0.9, hidden=[500, 500], n_train=500, batch=25, epochs=80, seed=28,
         log_every=20, lightning_every=20,
         expect={"jsonl": ["overfitting"], "keras": ["overfitting"], "lightning": ["overfitting"]}),
    # its 3 tanh units also saturate (80-98% of outputs at +-1): with per-layer statistics that cause is
    # reported, and underfitting is not (docs/TRAINING-LOGS.md, causes before symptoms)
    dict(name="underfit_linear_tanh3", why="784-3-10 tanh: under capacity", opt="sgd", lr=0.05, momentum=0.9,
         act="tanh", hidden=[3], seed=29, epochs=8, n_train=4000,
         expect={"jsonl": ["saturation"], "keras": ["underfitting"], "lightning": ["underfitting"]}),
]


def main():
    args = sys.argv[1:]
    only = None
    if "--only" in args:
        i = args.index("--only")
        only = set(args[i + 1].split(","))
        del args[i:i + 2]
    out_dir = args[0] if args else "properties/src/test/resources/training-logs"
    os.makedirs(out_dir, exist_ok=True)
    for cfg in RUNS:
        if only and cfg["name"] not in only:
            continue
        t = time.time()
        first, last = train(cfg, out_dir)
        print("%-24s first loss %.3f  last epoch %s  (%.1f s)" % (cfg["name"], first,
              {k: round(v, 4) for k, v in last.items()}, time.time() - t), flush=True)
    expected = {c["name"]: {"why": c["why"], "expect": c.get("expect", {}), "allow": c.get("allow", [])}
                for c in RUNS}
    with open(os.path.join(out_dir, "EXPECTED.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
