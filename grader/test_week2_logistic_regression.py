"""Hidden checks for week 2, logistic regression. Run only by the judge (grader/judge.py).

The inputs are fresh draws of the kinds in the visible table
(`utils.public_tests.week2_logistic_regression.TABLE`), seeded per submission; each
(function, kind) is one check weighted as the table says (`grader.tables`). `check_<name>(case,
out)` compares what the submission returned with `grader/reference/` and, on failure only,
names the known mistake the wrong answer matches.
"""
from functools import lru_cache

import numpy as np

from grader.reference import week2_logistic_regression as ref
from grader.tables import add_kind_checks, table_cases
from utils.checks import CheckError, check_keys, check_tuple, expect, is_number
from utils.public_tests.week2_logistic_regression import (SIZES, TABLE, check_flatten,
                                                           check_sizes)

cases = table_cases(TABLE)
DEPENDS = {"optimize": ["propagate"],
           "model": ["initialize_with_zeros", "optimize", "predict"]}
# A shipped module holding an answer to this week's graded functions (utils.activations:
# sigmoid). Later weeks use it; while this week is graded the sandbox replaces it by
# grader/withheld.py, whose functions raise an error saying why, so a wrapper around it gets no
# credit. (Week 2's logistic regression ships only with the later weeks that use it, next to
# their notebooks: week 3's logreg.py, the week 4 application's dnn_blocks.py.)
MASKED = ["utils/activations.py"]


def _as64(args):
    return [np.asarray(a, dtype=float) if isinstance(a, np.ndarray) else a for a in args]


@lru_cache(maxsize=64)
def _expected(name, case):
    """The reference's answer for `case` (computed once per case; cases hash by identity)."""
    return getattr(ref, name)(*_as64(case.args), **case.kwargs)


def check_dataset_sizes(case, out, part):
    check_sizes(out, *case.args, f"dataset_sizes({case.label})", parts=[part], reveal=False)


def check_flatten_images(case, out):
    check_flatten(out, case.args[0], _expected("flatten_images", case),
                  f"X_flatten for {case.label}", reveal=False)


def check_sigmoid(case, out):
    (z,) = case.args
    expect(out, _expected("sigmoid", case), f"sigmoid({case.label})",
           alternatives=lambda: [
               ("you computed sigmoid(-z), 1 / (1 + e^z): the exponent is -z, e^(-z)",
                ref.sigmoid(-z)),
               ("the denominator is 1 + e^(-z), not 1 - e^(-z)", 1 / (1 - np.exp(-z))),
               ("that is 1 + e^(-z): put brackets around the denominator, 1 / (1 + e^(-z))",
                1 + np.exp(-z)),
               ("that is e^(-z): sigmoid is 1 / (1 + e^(-z))", np.exp(-z))])


def check_initialize_with_zeros(case, out, part):
    w, b = check_tuple(out, 2, f"initialize_with_zeros({case.label})")
    if part == "w":
        return expect(w, np.zeros((case.args[0], 1)), f"w for {case.label}")
    if not is_number(b):
        raise CheckError(f"b for {case.label} is a {type(b).__name__}, expected the number 0.0: "
                         "b is a single number shared by all examples, not an array")
    expect(b, 0.0, f"b for {case.label}")


def _propagate_mistakes(w, b, X, Y):
    """Known wrong versions of (dw, db, cost), for hints."""
    m = X.shape[1]
    A = ref.sigmoid(w.T @ X + b)
    A_nob = ref.sigmoid(w.T @ X)
    cost_nob = -np.sum(Y * np.log(A_nob) + (1 - Y) * np.log(1 - A_nob)) / m
    return {
        "dw": [("use A - Y, not Y - A: the gradient has the wrong sign", X @ (Y - A).T / m),
               ("did you forget + b in z = w^T X + b?", X @ (A_nob - Y).T / m)],
        "db": [("use A - Y, not Y - A: the gradient has the wrong sign", np.sum(Y - A) / m),
               ("did you forget + b in z = w^T X + b?", np.sum(A_nob - Y) / m)],
        "cost": [("the cost must be the mean over the m examples (divide the sum by m)",
                  -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))),
                 ("did you forget + b in z = w^T X + b?", cost_nob)],
    }


def check_propagate(case, out, part):
    call = f"propagate({case.label})"
    grads, cost = check_tuple(out, 2, call)
    grads = check_keys(grads, ["dw", "db"], f"the grads of {call}")
    exp_grads, exp_cost = _expected("propagate", case)
    rtol = 1e-4 if "float32" in case.tags else 1e-5
    args = _as64(case.args)
    found, expected = {"dw": (grads["dw"], exp_grads["dw"]), "db": (grads["db"], exp_grads["db"]),
                       "cost": (cost, exp_cost)}[part]
    expect(found, expected, f"{part} for {case.label}", m=args[2].shape[1], rtol=rtol,
           alternatives=lambda: _propagate_mistakes(*args)[part])


def _optimize_mistakes(case, part):
    w, b, X, Y = case.args
    lr, n = case.kwargs["learning_rate"], case.kwargs["num_iterations"]
    up, _, _ = ref.optimize(w, b, X, Y, n, -lr)
    short, _, _ = ref.optimize(w, b, X, Y, n - 1, lr)
    return [(f"the update must go against the gradient: {part} = {part} - learning_rate * d{part}",
             up[part]),
            ("run exactly num_iterations updates: for i in range(num_iterations)", short[part])]


def check_optimize(case, out, part):
    call = f"optimize({case.label})"
    params, _, costs = check_tuple(out, 3, call)
    exp_params, _, exp_costs = _expected("optimize", case)
    if part != "costs":
        params = check_keys(params, ["w", "b"], f"the params of {call}")
        return expect(params[part], exp_params[part], f"{part} after {case.label}",
                      lambda: _optimize_mistakes(case, part), rtol=1e-4)
    if not isinstance(costs, (list, tuple, np.ndarray)) or len(costs) != len(exp_costs):
        n = len(costs) if hasattr(costs, "__len__") else type(costs).__name__
        raise CheckError(f"costs for {case.label} has {n} entries, expected {len(exp_costs)}: "
                         "record the cost when i % 100 == 0 (i = 0, 100, 200, ...)")
    expect(np.asarray(costs, dtype=float).ravel(), np.asarray(exp_costs),
           f"costs for {case.label}", rtol=1e-4)


def check_predict(case, out):
    w, b, X = case.args
    expect(out, _expected("predict", case), f"predictions for {case.label}",
           alternatives=lambda: [
               ("predict 1 when the activation is > 0.5, else 0 (yours are inverted)",
                (ref.sigmoid(w.T @ X + b) <= 0.5).astype(float)),
               ("return labels 0 or 1, not the activations A", ref.sigmoid(w.T @ X + b))])


def _model_mistakes(case, k):
    """Known wrong versions of model's output `k`, for hints (each reruns a training)."""
    n, lr = case.kwargs["num_iterations"], case.kwargs["learning_rate"]
    args_hint = ("pass model's own num_iterations and learning_rate on to optimize, not fixed "
                 "numbers")
    wrong = [(args_hint, ref.model(*case.args, num_iterations=n, learning_rate=0.005)[k]),
             (args_hint, ref.model(*case.args, num_iterations=2000, learning_rate=lr)[k])]
    if k != "costs":
        untrained = ref.model(*case.args, num_iterations=0, learning_rate=0.0)
        wrong.append(("use the trained parameters that optimize returns (params['w'], "
                      "params['b'])", untrained[k]))
    return wrong


MODEL_PARTS = {"predictions": ["Y_prediction_train", "Y_prediction_test"],
               "parameters": ["w", "b"], "settings": ["costs", "learning_rate", "num_iterations"]}


def check_model(case, out, part):
    expected = _expected("model", case)
    out = check_keys(out, MODEL_PARTS[part], f"the dict d of model({case.label})",
                     hint="return d with every key listed in the task")
    for k in MODEL_PARTS[part]:
        found, exp = out[k], expected[k]
        if k == "costs":
            found = np.asarray(found, dtype=float).ravel() if isinstance(
                found, (list, tuple, np.ndarray)) else found
            exp = np.asarray(exp)
            if getattr(found, "shape", None) != exp.shape:
                raise CheckError(f"d['costs'] for {case.label} has {np.size(found)} entries, "
                                 f"expected {exp.size} (one per 100 iterations): pass "
                                 "num_iterations on to optimize")
        expect(found, exp, f"d['{k}'] for {case.label}", lambda: _model_mistakes(case, k),
               rtol=1e-4)


add_kind_checks(globals(), TABLE, {
    "dataset_sizes": (check_dataset_sizes, list(SIZES)), "flatten_images": check_flatten_images,
    "sigmoid": check_sigmoid, "predict": check_predict,
    "initialize_with_zeros": (check_initialize_with_zeros, ["w", "b"]),
    "propagate": (check_propagate, ["dw", "db", "cost"]),
    "optimize": (check_optimize, ["w", "b", "costs"]),
    "model": (check_model, list(MODEL_PARTS))})
