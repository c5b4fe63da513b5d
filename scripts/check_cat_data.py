"""Check that the cat / non-cat data still makes the course's teaching point.

The course shows, on this data, that logistic regression memorises the training set but
generalises poorly, and that a deeper network generalises better. This script trains the
three models the course trains (plain numpy, full-batch gradient descent, the course's
initialisations and learning rates), prints their accuracies and a PASS/FAIL line per
criterion, and exits with status 1 if any criterion fails.

    python scripts/check_cat_data.py                       # the files in datasets/
    python scripts/check_cat_data.py --seed 7              # a freshly generated set
    python scripts/check_cat_data.py --grid preview.png    # also save a 6x8 preview
    python scripts/check_cat_data.py --seed 7 --fast       # quick screening only

--fast trains for fewer iterations (FAST_FRACTION of the course's); its figures are only
for screening generator changes, the criteria are meant for the full run.

These trainers only check the data; they are not the course's solutions.
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np

from tools import catgen


# --------------------------------------------------------------------------------- data
def load_split_arrays(seed):
    """Train and test pictures with labels, from datasets/ (seed None) or generated.

    Args:
        seed: None to read the files through utils.data.load_dataset, else an int seed.
    Returns:
        (train_x (m_train, 64, 64, 3) uint8, train_y (1, m_train),
         test_x (m_test, 64, 64, 3) uint8, test_y (1, m_test)).
    """
    if seed is None:
        from utils.data import load_dataset
        train_x, train_y, test_x, test_y, _ = load_dataset()
        return train_x, train_y, test_x, test_y
    d = catgen.make_dataset(seed)
    (train_x, train_y), (test_x, test_y) = d["train"], d["test"]
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1)


def flatten(x):
    """Pictures (m, h, w, 3) uint8 -> columns (h*w*3, m) float in [0, 1], as the course does."""
    return x.reshape(x.shape[0], -1).T / 255.0


# ------------------------------------------------------------------------------ helpers
def sigmoid(z):
    """1 / (1 + exp(-z)), elementwise, any shape."""
    return 1.0 / (1.0 + np.exp(-z))


def accuracy(p, y):
    """Percentage of columns where (p > 0.5) equals y; p, y of shape (1, m)."""
    return 100.0 * float(np.mean((p > 0.5) == (y == 1)))


# ------------------------------------------------------------------- logistic regression
def train_logreg(x, y, iters=2000, lr=0.005):
    """Logistic regression from zeros by batch gradient descent.

    Args:
        x: (n, m) inputs; y: (1, m) labels in {0, 1}.
    Returns:
        predict: function (n, k) -> (1, k) probabilities.
    """
    w, b = np.zeros((x.shape[0], 1)), 0.0
    m = x.shape[1]
    for _ in range(iters):
        a = sigmoid(w.T @ x + b)                  # (1, m)
        w -= lr * (x @ (a - y).T) / m             # dw = X (A - Y)^T / m, (n, 1)
        b -= lr * float(np.mean(a - y))           # db = mean(A - Y)
    return lambda xs: sigmoid(w.T @ xs + b)


# -------------------------------------------------------------------- multilayer network
def init_deep(dims, seed=1):
    """Course 'deep' init: W[l] = randn(n_l, n_{l-1}) / sqrt(n_{l-1}), b[l] = 0.

    Args:
        dims: layer sizes [n_0, ..., n_L].
        seed: seed of a legacy RandomState (same numbers as np.random.seed(seed)).
    Returns:
        list of (W (n_l, n_{l-1}), b (n_l, 1)) for l = 1..L.
    """
    rs = np.random.RandomState(seed)
    return [(rs.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1]), np.zeros((dims[l], 1)))
            for l in range(1, len(dims))]


def init_small(dims, seed=1):
    """Course two-layer init: W[l] = randn(n_l, n_{l-1}) * 0.01, b[l] = 0 (same layout)."""
    rs = np.random.RandomState(seed)
    return [(rs.randn(dims[l], dims[l - 1]) * 0.01, np.zeros((dims[l], 1)))
            for l in range(1, len(dims))]


def forward(params, x):
    """[LINEAR->RELU] x (L-1) -> LINEAR->SIGMOID.

    Args:
        params: list of (W, b); x: (n_0, m).
    Returns:
        (output (1, m), cache: list of the inputs A[l-1] (n_{l-1}, m) and Z[l] of each layer).
    """
    a, cache = x, []
    for l, (w, b) in enumerate(params):
        z = w @ a + b                                        # (n_l, m)
        cache.append((a, z))
        a = sigmoid(z) if l == len(params) - 1 else np.maximum(z, 0.0)
    return a, cache


def backward_step(params, cache, out, y, lr):
    """One gradient-descent update of every (W, b) in place, for mean cross-entropy.

    Args:
        params: list of (W, b); cache: from forward; out: (1, m) output; y: (1, m).
        lr: learning rate.
    """
    m = y.shape[1]
    dz = out - y                                  # dL/dZ[L] for sigmoid + cross-entropy
    for l in range(len(params) - 1, -1, -1):
        a_prev, _ = cache[l]
        w, b = params[l]
        dw, db = dz @ a_prev.T / m, dz.mean(axis=1, keepdims=True)
        if l > 0:
            dz = (w.T @ dz) * (cache[l - 1][1] > 0)          # through ReLU of layer l-1
        w -= lr * dw
        b -= lr * db


def train_net(params, x, y, iters=2500, lr=0.0075):
    """Batch gradient descent on a network built by init_deep / init_small.

    Returns:
        predict: function (n_0, k) -> (1, k) probabilities.
    """
    for _ in range(iters):
        out, cache = forward(params, x)
        backward_step(params, cache, out, y, lr)
    return lambda xs: forward(params, xs)[0]


# ------------------------------------------------------------------------------ report
FAST_FRACTION = 0.4     # share of the iterations used with --fast

MODELS = {   # name -> trainer(x, y, k), k = share of the course's iterations
    "logistic regression": lambda x, y, k=1.0: train_logreg(x, y, int(2000 * k)),
    "2-layer 12288-7-1":
        lambda x, y, k=1.0: train_net(init_small([x.shape[0], 7, 1]), x, y, int(2500 * k)),
    "4-layer 12288-20-7-5-1":
        lambda x, y, k=1.0: train_net(init_deep([x.shape[0], 20, 7, 5, 1]), x, y,
                                      int(2500 * k)),
}


def evaluate(train_x, train_y, test_x, test_y, fraction=1.0):
    """Train every model in MODELS; returns {name: (train %, test %)}.

    fraction scales the number of training iterations (1.0 = the course's).
    """
    xtr, xte = flatten(train_x), flatten(test_x)
    results = {}
    for name, train in MODELS.items():
        predict = train(xtr, train_y, fraction)
        results[name] = (accuracy(predict(xtr), train_y), accuracy(predict(xte), test_y))
    return results


def criteria(res, majority):
    """The teaching-point criteria as a list of (description, passed)."""
    lr_train, lr_test = res["logistic regression"]
    deep_test, two_test = res["4-layer 12288-20-7-5-1"][1], res["2-layer 12288-7-1"][1]
    return [
        ("logistic regression train >= 95%", lr_train >= 95.0),
        (f"logistic regression test > majority {majority:.0f}%", lr_test > majority),
        ("logistic regression test < 100% (ideally 68-80%)", lr_test < 100.0),
        ("4-layer test >= logistic regression test + 5", deep_test >= lr_test + 5.0),
        ("2-layer test >= logistic regression test", two_test >= lr_test),
    ]


def print_report(res, majority, label):
    """Print the accuracy table and the criteria; returns True if all criteria pass."""
    print(f"\n== {label}")
    print(f"{'model':26s} {'train %':>8s} {'test %':>8s}")
    for name, (tr, te) in res.items():
        print(f"{name:26s} {tr:8.1f} {te:8.1f}")
    print(f"{'majority class (test)':26s} {'':8s} {majority:8.1f}")
    checks = criteria(res, majority)
    for text, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")
    return all(ok for _, ok in checks)


def save_grid(x, y, path, rows=6, cols=8):
    """Save the first rows*cols pictures x (m, 64, 64, 3) with labels y (m,) as a PNG."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 1.5, rows * 1.65))
    for i, ax in enumerate(axes.ravel()):
        ax.imshow(x[i])
        ax.set_title("cat" if y[i] == 1 else "non-cat", fontsize=9,
                     color="tab:red" if y[i] == 1 else "black")
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def main(argv=None):
    """Command line; exits 1 if a criterion fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=None,
                        help="generate the set from this seed instead of reading datasets/")
    parser.add_argument("--grid", type=Path, default=None, help="save a 6x8 preview PNG here")
    parser.add_argument("--fast", action="store_true",
                        help=f"screening: train for {FAST_FRACTION:.0%}% of the iterations")  # %% for argparse
    args = parser.parse_args(argv)
    start = time.time()
    train_x, train_y, test_x, test_y = load_split_arrays(args.seed)
    majority = 100.0 * max(test_y.mean(), 1 - test_y.mean())
    res = evaluate(train_x, train_y, test_x, test_y, FAST_FRACTION if args.fast else 1.0)
    label = "datasets/" if args.seed is None else f"generated, seed {args.seed}"
    if args.fast:
        label += ", --fast (screening only)"
    ok = print_report(res, majority, f"{label} ({time.time() - start:.0f} s)")
    if args.grid:
        save_grid(train_x, train_y.ravel(), args.grid)
        print(f"saved preview grid to {args.grid}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
