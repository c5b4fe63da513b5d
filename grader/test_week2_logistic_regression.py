"""Hidden checks for week 2, logistic regression. Run only by the judge (grader/judge.py).

`cases(rng)` chooses the inputs for one submission; each test is one check of one graded
function (marker `checks(name)`); the `sub` fixture holds what the submission returned.
"""
import numpy as np

from grader.judge import Case, checks
from grader.reference import week2_logistic_regression as ref
from utils.checks import CheckError, check_keys, check_tuple, expect, is_number

DEPENDS = {"optimize": ["propagate"],
           "model": ["initialize_with_zeros", "optimize", "predict"]}
# Shipped modules holding answers to this week's graded functions (utils.logreg: sigmoid,
# propagate/optimize, predict, model; utils.activations: sigmoid). Later weeks use them; while
# this week is graded the sandbox replaces them by grader/withheld.py, whose functions raise
# an error saying why, so a wrapper around them gets no credit.
MASKED = ["utils/logreg.py", "utils/activations.py"]


def _problem(rng, n_x, m, dtype=float):
    w = rng.normal(0, 0.5, (n_x, 1)).astype(dtype)
    X = rng.normal(0, 1, (n_x, m)).astype(dtype)
    Y = (rng.random((1, m)) < 0.5).astype(dtype)
    return w, float(rng.normal(0, 0.5)), X, Y


def _propagate_cases(rng):
    n1, m1 = int(rng.integers(2, 6)), int(rng.integers(6, 12))
    out = [Case(_problem(rng, n1, m1), label=f"X of shape ({n1}, {m1})", tags={"main"}),
           Case(_problem(rng, 5, 3), label="X of shape (5, 3)", tags={"main"}),
           Case(_problem(rng, 4, 1), label="one example (m = 1)", tags={"m1"}),
           Case(_problem(rng, 3, 6, np.float32), label="float32 inputs", tags={"float32"})]
    return out


def cases(rng):
    """{function: [Case]}: several shapes, a non-square X and m = 1, seeded per submission."""
    z = [rng.normal(0, 3, (3, 4)), rng.normal(0, 3, (1, 1)), np.array([-30.0, 0.0, 30.0])]
    opt = []
    for n_x, m, iters in ((3, 8, 150), (2, 5, 101)):
        w, b, X, Y = _problem(rng, n_x, m)
        lr = float(rng.uniform(0.01, 0.2))
        opt.append(Case((w, b, X, Y), {"num_iterations": iters, "learning_rate": lr},
                        label=f"X ({n_x}, {m}), {iters} iterations, learning_rate={lr:.3f}"))
    pred = [Case(_problem(rng, 4, 9)[:3], label="X of shape (4, 9)", tags={"main"}),
            Case(_problem(rng, 3, 1)[:3], label="one example (m = 1)", tags={"m1"})]
    mod = []
    for n_x, m_train, m_test, iters in ((4, 12, 5, 150), (3, 7, 1, 101)):
        w, b, X_train, Y_train = _problem(rng, n_x, m_train)
        _, _, X_test, Y_test = _problem(rng, n_x, m_test)
        lr = float(rng.uniform(0.05, 0.5))
        mod.append(Case((X_train, Y_train, X_test, Y_test),
                        {"num_iterations": iters, "learning_rate": lr},
                        label=f"train ({n_x}, {m_train}), test ({n_x}, {m_test}), {iters} iterations"))
    return {
        "sigmoid": [Case((v,), label=f"z of shape {v.shape}") for v in z]
                   + [Case((float(rng.normal()),), label="a python float", tags={"scalar"})],
        "initialize_with_zeros": [Case((d,), label=f"dim={d}") for d in (1, int(rng.integers(2, 9)), 12)],
        "propagate": _propagate_cases(rng),
        "optimize": opt,
        "predict": pred,
        "model": mod,
    }


# --- sigmoid ---------------------------------------------------------------------------

@checks("sigmoid")
def test_sigmoid_arrays(sub):
    for case, out in sub.results("sigmoid"):
        if "scalar" in case.tags:
            continue
        (z,) = case.args
        expect(out, ref.sigmoid(z), f"sigmoid({case.label})",
               alternatives=lambda: [("you computed sigmoid(-z): the exponent is -z, e^(-z)",
                              ref.sigmoid(-z)),
                             ("that is e^(-z): sigmoid is 1 / (1 + e^(-z))", np.exp(-z))])


@checks("sigmoid")
def test_sigmoid_scalar(sub):
    for case, out in sub.results("sigmoid", tag="scalar"):
        expect(out, ref.sigmoid(case.args[0]), f"sigmoid({case.label})")


# --- initialize_with_zeros ----------------------------------------------------------------

@checks("initialize_with_zeros")
def test_initialize_w(sub):
    for case, out in sub.results("initialize_with_zeros"):
        w, _ = check_tuple(out, 2, f"initialize_with_zeros({case.label})")
        expect(w, np.zeros((case.args[0], 1)), f"w for {case.label}")


@checks("initialize_with_zeros")
def test_initialize_b(sub):
    for case, out in sub.results("initialize_with_zeros"):
        _, b = check_tuple(out, 2, f"initialize_with_zeros({case.label})")
        if not is_number(b):
            raise CheckError(f"b is a {type(b).__name__}, expected the number 0.0: b is a "
                             "single number shared by all examples, not an array")
        expect(b, 0.0, f"b for {case.label}")


# --- propagate ----------------------------------------------------------------------------

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


def _propagate_outputs(case, out):
    grads, cost = check_tuple(out, 2, f"propagate({case.label})")
    call = f"propagate({case.label})"
    grads = check_keys(grads, ["dw", "db"], call)
    return grads["dw"], grads["db"], cost


def _check_propagate(sub, part, tag):
    for case, out in sub.results("propagate", tag=tag):
        dw, db, cost = _propagate_outputs(case, out)
        args = [np.asarray(a, dtype=float) if isinstance(a, np.ndarray) else a for a in case.args]
        grads, exp_cost = ref.propagate(*args)
        found = {"dw": dw, "db": db, "cost": cost}[part]
        expected = {"dw": grads["dw"], "db": grads["db"], "cost": exp_cost}[part]
        rtol = 1e-4 if "float32" in case.tags else 1e-5
        expect(found, expected, f"{part} for {case.label}",
               alternatives=lambda: _propagate_mistakes(*args)[part], m=args[2].shape[1], rtol=rtol)


@checks("propagate")
def test_propagate_dw(sub):
    _check_propagate(sub, "dw", "main")


@checks("propagate")
def test_propagate_db(sub):
    _check_propagate(sub, "db", "main")


@checks("propagate")
def test_propagate_cost(sub):
    _check_propagate(sub, "cost", "main")


@checks("propagate")
def test_propagate_one_example(sub):
    for part in ("dw", "db", "cost"):
        _check_propagate(sub, part, "m1")


@checks("propagate")
def test_propagate_float32(sub):
    for part in ("dw", "db", "cost"):
        _check_propagate(sub, part, "float32")


# --- optimize -----------------------------------------------------------------------------

def _optimize_parts(case, out):
    params, grads, costs = check_tuple(out, 3, f"optimize({case.label})")
    call = f"optimize({case.label})"
    params = check_keys(params, ["w", "b"], call)
    return params["w"], params["b"], costs


def _optimize_mistakes(case):
    w, b, X, Y = case.args
    lr, n = case.kwargs["learning_rate"], case.kwargs["num_iterations"]
    up, _, _ = ref.optimize(w, b, X, Y, n, -lr)
    short, _, _ = ref.optimize(w, b, X, Y, n - 1, lr)
    loop = "run exactly num_iterations updates: for i in range(num_iterations)"
    return [("the update must go against the gradient: w = w - learning_rate * dw", up["w"]),
            ("the update must go against the gradient: b = b - learning_rate * db", up["b"]),
            (loop, short["w"]), (loop, short["b"])]


@checks("optimize")
def test_optimize_w(sub):
    for case, out in sub.results("optimize"):
        w, _, _ = _optimize_parts(case, out)
        params, _, _ = ref.optimize(*case.args, **case.kwargs)
        expect(w, params["w"], f"w after {case.label}", lambda: _optimize_mistakes(case),
               rtol=1e-4)


@checks("optimize")
def test_optimize_b(sub):
    for case, out in sub.results("optimize"):
        _, b, _ = _optimize_parts(case, out)
        params, _, _ = ref.optimize(*case.args, **case.kwargs)
        expect(b, params["b"], f"b after {case.label}", lambda: _optimize_mistakes(case),
               rtol=1e-4)


@checks("optimize")
def test_optimize_costs(sub):
    for case, out in sub.results("optimize"):
        _, _, costs = _optimize_parts(case, out)
        _, _, expected = ref.optimize(*case.args, **case.kwargs)
        if not isinstance(costs, (list, tuple, np.ndarray)) or len(costs) != len(expected):
            n = len(costs) if hasattr(costs, "__len__") else type(costs).__name__
            raise CheckError(f"costs for {case.label} has {n} entries, expected {len(expected)}: "
                             "record the cost when i % 100 == 0 (i = 0, 100, 200, ...)")
        expect(np.asarray(costs, dtype=float).ravel(), np.asarray(expected),
               f"costs for {case.label}", rtol=1e-4)


# --- predict ------------------------------------------------------------------------------

def _check_predict(sub, tag):
    for case, out in sub.results("predict", tag=tag):
        w, b, X = case.args
        A = ref.sigmoid(w.T @ X + b)
        expect(out, ref.predict(w, b, X), f"predictions for {case.label}",
               alternatives=lambda: [("predict 1 when the activation is > 0.5, else 0 (yours are "
                              "inverted)", (A <= 0.5).astype(float)),
                             ("return labels 0 or 1, not the activations A", A)])


@checks("predict")
def test_predict_labels(sub):
    _check_predict(sub, "main")


@checks("predict")
def test_predict_one_example(sub):
    _check_predict(sub, "m1")


# --- model --------------------------------------------------------------------------------

def _model_mistakes(case, k):
    """Known wrong versions of model's output `k`, for hints."""
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


def _check_model(sub, keys):
    for case, out in sub.results("model"):
        expected = ref.model(*case.args, **case.kwargs)
        for k in keys:
            found = check_keys(out, [k], f"model({case.label})")[k]
            if k == "costs":
                found = np.asarray(found, dtype=float).ravel() if isinstance(
                    found, (list, tuple, np.ndarray)) else found
                if getattr(found, "shape", None) != (len(expected[k]),):
                    raise CheckError(f"d['costs'] for {case.label} has {np.size(found)} entries, "
                                     f"expected {len(expected[k])} (one per 100 iterations): pass "
                                     "num_iterations on to optimize")
            exp = np.asarray(expected[k]) if k == "costs" else expected[k]
            expect(found, exp, f"d['{k}'] for {case.label}", lambda: _model_mistakes(case, k),
                   rtol=1e-4)


@checks("model")
def test_model_predictions(sub):
    _check_model(sub, ["Y_prediction_train", "Y_prediction_test"])


@checks("model")
def test_model_parameters(sub):
    _check_model(sub, ["w", "b"])


@checks("model")
def test_model_costs_and_settings(sub):
    _check_model(sub, ["costs", "learning_rate", "num_iterations"])
