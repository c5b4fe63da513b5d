"""Hidden checks for week 3, planar data classification with one hidden layer. Run only by the
judge (grader/judge.py).

`cases(rng)` chooses the inputs for one submission; each test is one check of one graded
function (marker `checks(name)`); the `sub` fixture holds what the submission returned.
"""
import numpy as np

from grader.gradcheck import check_against_numerical, numerical_gradient
from grader.judge import Case, checks
from grader.reference import week3_planar_classification as ref
from utils.checks import CheckError, check_keys, check_tuple, expect, hint_for, is_number

DEPENDS = {"nn_model": ["layer_sizes", "initialize_parameters", "forward_propagation",
                        "compute_cost", "backward_propagation", "update_parameters"],
           "predict": ["forward_propagation"]}
PARAMS = ("W1", "b1", "W2", "b2")


# --- inputs ---------------------------------------------------------------------------------

def _parameters(rng, n_x, n_h, n_y, scale=0.8):
    """Random parameters of moderate size, so that tanh is far from linear (Z1 of order 1)."""
    return {"W1": rng.normal(0, scale, (n_h, n_x)), "b1": rng.normal(0, 0.5, (n_h, 1)),
            "W2": rng.normal(0, scale, (n_y, n_h)), "b2": rng.normal(0, 0.5, (n_y, 1))}


def _labels(rng, n_y, m):
    return (rng.random((n_y, m)) < 0.5).astype(float)


def _network_problem(rng, n_x, n_h, n_y, m):
    """parameters, X (n_x, m), Y (n_y, m)."""
    return _parameters(rng, n_x, n_h, n_y), rng.normal(0, 1, (n_x, m)), _labels(rng, n_y, m)


def _backward_problem(rng, n_x, n_h, n_y, m):
    """(parameters, cache, X, Y) whose every gradient entry is at least 1e-3 in size.

    A correct gradient agrees with the numerical one to about 1e-10 in absolute terms, so the
    entrywise relative error of gradcheck is only meaningful for entries well above that.
    """
    while True:
        parameters, X, Y = _network_problem(rng, n_x, n_h, n_y, m)
        _, cache = ref.forward_propagation(X, parameters)
        grads = ref.backward_propagation(parameters, cache, X, Y)
        if min(np.min(np.abs(g)) for g in grads.values()) > 1e-3:
            return parameters, cache, X, Y


def _shape_label(n_x, n_h, n_y, m):
    return f"n_x={n_x}, n_h={n_h}, n_y={n_y}, m={m}"


def _layer_sizes_cases(rng):
    n_x, m = int(rng.integers(2, 6)), int(rng.integers(7, 12))
    return [Case((rng.normal(size=(n_x, m)), _labels(rng, 1, m)),
                 label=f"X of shape ({n_x}, {m}), Y of shape (1, {m})", tags={"main"}),
            Case((rng.normal(size=(2, 1)), _labels(rng, 1, 1)),
                 label="X of shape (2, 1), Y of shape (1, 1)", tags={"main"}),
            Case((rng.normal(size=(5, 3)), _labels(rng, 2, 3)),
                 label="X of shape (5, 3), Y of shape (2, 3)", tags={"rows"})]


def _initialize_cases():
    sizes = [(2, 4, 1), (5, 3, 2), (2, 4, 1), (30, 10, 1)]
    return [Case(s, label=f"n_x={s[0]}, n_h={s[1]}, n_y={s[2]}") for s in sizes]


def _forward_cases(rng):
    out = []
    for n_x, n_h, m, tag in ((2, 4, int(rng.integers(5, 9)), "main"), (3, 5, 4, "main"),
                             (2, 3, 1, "m1")):
        parameters, X, _ = _network_problem(rng, n_x, n_h, 1, m)
        out.append(Case((X, parameters), label=_shape_label(n_x, n_h, 1, m), tags={tag}))
    return out


def _cost_cases(rng):
    out = []
    for m, tag in ((int(rng.integers(5, 9)), "main"), (12, "main"), (1, "m1")):
        A2 = rng.uniform(0.05, 0.95, (1, m))
        out.append(Case((A2, _labels(rng, 1, m)), label=f"A2 and Y of shape (1, {m})", tags={tag}))
    return out


def _backward_cases(rng):
    out = []
    for n_x, n_h, m, tag in ((2, 4, int(rng.integers(5, 9)), "main"), (3, 5, 4, "main"),
                             (2, 3, 1, "m1")):
        out.append(Case(_backward_problem(rng, n_x, n_h, 1, m),
                        label=_shape_label(n_x, n_h, 1, m), tags={tag}))
    return out


def _update_cases(rng):
    out = []
    for n_x, n_h, lr in ((2, 4, float(rng.uniform(0.05, 0.9))), (3, 5, None)):
        parameters = _parameters(rng, n_x, n_h, 1)
        grads = {"d" + k: rng.normal(0, 0.1, v.shape) for k, v in parameters.items()}
        if lr is None:
            out.append(Case((parameters, grads), label=f"n_x={n_x}, n_h={n_h}, default "
                            "learning_rate", tags={"default"}))
        else:
            out.append(Case((parameters, grads), {"learning_rate": lr}, tags={"given"},
                            label=f"n_x={n_x}, n_h={n_h}, learning_rate={lr:.3f}"))
    return out


def _nn_model_cases(rng):
    out = []
    for n_x, m, n_h, iters in ((2, 30, 3, 200), (3, 12, 5, 50)):
        X = rng.normal(0, 1, (n_x, m))
        Y = (X[0:1] * X[1:2] > 0).astype(float)          # an XOR-like pattern
        out.append(Case((X, Y, n_h), {"num_iterations": iters},
                        label=f"X of shape ({n_x}, {m}), n_h={n_h}, {iters} iterations"))
    return out


def _predict_cases(rng):
    out = []
    for m, tag in ((40, "main"), (1, "m1")):
        parameters, X, _ = _network_problem(rng, 2, 4, 1, m)
        out.append(Case((parameters, X), label=f"X of shape (2, {m})", tags={tag}))
    return out


def cases(rng):
    """{function: [Case]}: several shapes, non-square ones and m = 1, seeded per submission."""
    return {
        "layer_sizes": _layer_sizes_cases(rng),
        "initialize_parameters": _initialize_cases(),
        "forward_propagation": _forward_cases(rng),
        "compute_cost": _cost_cases(rng),
        "backward_propagation": _backward_cases(rng),
        "update_parameters": _update_cases(rng),
        "nn_model": _nn_model_cases(rng),
        "predict": _predict_cases(rng),
    }


# --- layer_sizes ------------------------------------------------------------------------------

def _check_layer_sizes(sub, tag):
    for case, out in sub.results("layer_sizes", tag=tag):
        X, Y = case.args
        n_x, n_h, n_y = check_tuple(out, 3, f"layer_sizes({case.label})")
        where = f"for {case.label}"
        expect(n_x, X.shape[0], f"n_x {where}", alternatives=[
            ("n_x is the number of rows of X, X.shape[0]: each column of X is one example",
             X.shape[1])])
        if not (is_number(n_h) and n_h == 4):
            raise CheckError(f"n_h {where} is {n_h!r}, expected 4: in this function the hidden "
                             "layer has 4 units, whatever X and Y are")
        expect(n_y, Y.shape[0], f"n_y {where}", alternatives=[
            ("n_y is the number of rows of Y, Y.shape[0] (not always 1)", 1),
            ("n_y is the number of rows of Y, Y.shape[0]: each column of Y is one example",
             Y.shape[1])])


@checks("layer_sizes")
def test_layer_sizes_one_output(sub):
    _check_layer_sizes(sub, "main")


@checks("layer_sizes")
def test_layer_sizes_two_outputs(sub):
    _check_layer_sizes(sub, "rows")


# --- initialize_parameters --------------------------------------------------------------------

def _param_shape(value, expected_shape, name):
    if not isinstance(value, np.ndarray):
        raise CheckError(f"{name} is of type {type(value).__name__}, expected a numpy array of "
                         f"shape {expected_shape}")
    if value.shape != tuple(expected_shape):
        hint = ("transposed: check the order of the sizes" if value.shape[::-1] == expected_shape
                else "W[l] is (n[l], n[l-1]) and b[l] is (n[l], 1)")
        raise CheckError(f"{name} has shape {value.shape}, expected {expected_shape}: {hint}")


def _initialized(sub):
    """[(case, {W1, b1, W2, b2})] after checking the keys."""
    out = []
    for case, value in sub.results("initialize_parameters"):
        call = f"initialize_parameters({case.label})"
        out.append((case, check_keys(value, PARAMS, call)))
    return out


@checks("initialize_parameters")
def test_initialize_shapes(sub):
    for case, params in _initialized(sub):
        n_x, n_h, n_y = case.args
        shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}
        for k in PARAMS:
            _param_shape(params[k], shapes[k], f"{k} for {case.label}")


@checks("initialize_parameters")
def test_initialize_biases_zero(sub):
    for case, params in _initialized(sub):
        n_x, n_h, n_y = case.args
        expect(params["b1"], np.zeros((n_h, 1)), f"b1 for {case.label}")
        expect(params["b2"], np.zeros((n_y, 1)), f"b2 for {case.label}")


@checks("initialize_parameters")
def test_initialize_weight_scale(sub):
    weights = []
    for case, params in _initialized(sub):
        n_x, n_h, n_y = case.args
        _param_shape(params["W1"], (n_h, n_x), f"W1 for {case.label}")
        _param_shape(params["W2"], (n_y, n_h), f"W2 for {case.label}")
        weights += [params["W1"].ravel(), params["W2"].ravel()]
    W = np.concatenate(weights).astype(float)           # 380 entries, std 0.01 expected
    if not np.all(np.isfinite(W)) or np.ptp(W) == 0:
        raise CheckError("the weights all have the same value: with equal weights every hidden "
                         "unit computes the same thing and they stay equal during training "
                         "(symmetry); draw them with np.random.randn(...) * 0.01")
    std, mean, top = float(np.std(W)), float(np.mean(W)), float(np.max(np.abs(W)))
    if abs(mean) > 0.25 * std:                           # 5 standard errors for ~380 draws
        raise CheckError(f"the weights average {mean:.3g}, expected about 0: draw them from a "
                         "standard normal, np.random.randn (np.random.rand is uniform on [0, 1))")
    if not 0.005 < std < 0.02 or top > 0.06:
        raise CheckError(f"the weights have a standard deviation of {std:.3g}, expected about "
                         "0.01: multiply the standard normal draws by 0.01")


@checks("initialize_parameters")
def test_initialize_not_reseeded(sub):
    same = [(c, p) for c, p in _initialized(sub) if c.args == (2, 4, 1)]
    (_, first), (_, second) = same[:2]
    for k in ("W1", "W2"):
        _param_shape(first[k], second[k].shape, k)
        if np.array_equal(first[k], second[k]):
            raise CheckError(f"two calls of initialize_parameters(2, 4, 1) returned the same {k}: "
                             "draw new random numbers at each call, and do not call "
                             "np.random.seed inside initialize_parameters (nn_model seeds once, "
                             "before calling it)")


# --- forward_propagation ----------------------------------------------------------------------

def _forward_variants(X, parameters):
    """Known wrong versions of A2, A1 and Z2, for hints."""
    Z1 = parameters["W1"] @ X + parameters["b1"]
    out = {}
    for hint, A1 in (("the hidden layer uses tanh (np.tanh), not relu", np.maximum(Z1, 0)),
                     ("the hidden layer uses tanh (np.tanh), not the sigmoid", ref.sigmoid(Z1))):
        Z2 = parameters["W2"] @ A1 + parameters["b2"]
        out.setdefault("A1", []).append((hint, A1))
        out.setdefault("Z2", []).append((hint, Z2))
        out.setdefault("A2", []).append((hint, ref.sigmoid(Z2)))
    _, cache = ref.forward_propagation(X, parameters)
    out["A2"].append(("apply the sigmoid to Z2: A2 = sigmoid(Z2)", cache["Z2"]))
    out["Z1"] = []
    return out


def _check_forward(sub, tag, parts):
    for case, out in sub.results("forward_propagation", tag=tag):
        X, parameters = case.args
        A2, cache = check_tuple(out, 2, f"forward_propagation({case.label})")
        exp_A2, exp_cache = ref.forward_propagation(X, parameters)
        for part in parts:
            if part == "A2":
                found, expected = A2, exp_A2
            else:
                found = check_keys(cache, [part],
                                   f"the cache of forward_propagation({case.label})")[part]
                expected = exp_cache[part]
            expect(found, expected, f"{part} for {case.label}",
                   alternatives=lambda: _forward_variants(X, parameters).get(part, []))


@checks("forward_propagation")
def test_forward_A2(sub):
    _check_forward(sub, "main", ["A2"])


@checks("forward_propagation")
def test_forward_cache_Z(sub):
    _check_forward(sub, "main", ["Z1", "Z2"])


@checks("forward_propagation")
def test_forward_cache_A(sub):
    _check_forward(sub, "main", ["A1", "A2"])


@checks("forward_propagation")
def test_forward_one_example(sub):
    _check_forward(sub, "m1", ["A2", "Z1", "A1", "Z2"])


# --- compute_cost -----------------------------------------------------------------------------

def _check_cost(sub, tag):
    for case, out in sub.results("compute_cost", tag=tag):
        A2, Y = case.args
        m = Y.shape[1]
        wrong = [("the cost has two terms: Y log(A2) + (1 - Y) log(1 - A2)",
                  float(-np.sum(Y * np.log(A2)) / m))]
        expect(out, ref.compute_cost(A2, Y), f"the cost for {case.label}", alternatives=wrong,
               m=m)


@checks("compute_cost")
def test_compute_cost_values(sub):
    _check_cost(sub, "main")


@checks("compute_cost")
def test_compute_cost_one_example(sub):
    _check_cost(sub, "m1")


# --- backward_propagation ---------------------------------------------------------------------

def _backward_variants(parameters, cache, X, Y):
    """Known wrong gradients, for hints: {name: [(hint, value)]}."""
    m = X.shape[1]
    A1, A2, W2 = cache["A1"], cache["A2"], parameters["W2"]
    dZ2 = A2 - Y
    out = {k: [] for k in ("dW1", "db1", "dW2", "db2")}
    slopes = [("tanh'(Z1) is 1 - A1**2 (A1 = tanh(Z1)), not 1 - Z1**2", 1 - cache["Z1"] ** 2),
              ("tanh'(Z1) is 1 - A1**2; A1 * (1 - A1) is the slope of the sigmoid", A1 * (1 - A1)),
              ("dZ1 needs the slope of tanh: multiply W2.T @ dZ2 by (1 - A1**2)", 1.0)]
    for hint, slope in slopes:
        dZ1 = (W2.T @ dZ2) * slope
        out["dW1"].append((hint, dZ1 @ X.T / m))
        out["db1"].append((hint, np.sum(dZ1, axis=1, keepdims=True) / m))
    sign = "dZ2 = A2 - Y, not Y - A2: the gradients have the wrong sign"
    for k, v in ref.backward_propagation(parameters, cache, X, Y).items():
        out[k].append((sign, -v))
    return out


def _backward_grads(case, out):
    call = f"backward_propagation({case.label})"
    return check_keys(out, ["dW1", "db1", "dW2", "db2"], call)


def _numerical_grads(parameters, X, Y):
    """Central differences of the reference cost with respect to each parameter."""
    params = {k: np.array(v, dtype=float) for k, v in parameters.items()}

    def cost():
        return ref.compute_cost(ref.forward_propagation(X, params)[0], Y)
    return {"d" + k: numerical_gradient(cost, params[k]) for k in PARAMS}


def _check_backward_reference(sub, tag, names):
    for case, out in sub.results("backward_propagation", tag=tag):
        grads = _backward_grads(case, out)
        expected = ref.backward_propagation(*case.args)
        m = case.args[2].shape[1]
        for k in names:
            expect(grads[k], expected[k], f"{k} for {case.label}",
                   alternatives=lambda: _backward_variants(*case.args)[k], m=m)


def _check_backward_numerical(sub, tag):
    # A correct gradient agrees with the central difference (h = 1e-5) to a relative error
    # of about 1e-8 here; the typical mistakes are off by 1e-1 or more.
    for case, out in sub.results("backward_propagation", tag=tag):
        grads = _backward_grads(case, out)
        parameters, cache, X, Y = case.args
        numerical = _numerical_grads(parameters, X, Y)
        for k, num in numerical.items():
            def hint(found=grads[k], num=num, k=k):
                return hint_for(found, num, _backward_variants(*case.args)[k], X.shape[1])
            check_against_numerical(grads[k], num, f"{k} for {case.label}", tol=1e-4, hint=hint)


@checks("backward_propagation")
def test_backward_dW1(sub):
    _check_backward_reference(sub, "main", ["dW1"])


@checks("backward_propagation")
def test_backward_db1(sub):
    _check_backward_reference(sub, "main", ["db1"])


@checks("backward_propagation")
def test_backward_dW2(sub):
    _check_backward_reference(sub, "main", ["dW2"])


@checks("backward_propagation")
def test_backward_db2(sub):
    _check_backward_reference(sub, "main", ["db2"])


@checks("backward_propagation")
def test_backward_numerical_gradient(sub):
    _check_backward_numerical(sub, "main")


@checks("backward_propagation")
def test_backward_one_example(sub):
    _check_backward_reference(sub, "m1", ["dW1", "db1", "dW2", "db2"])
    _check_backward_numerical(sub, "m1")


# --- update_parameters ------------------------------------------------------------------------

def _check_update(sub, tag):
    for case, out in sub.results("update_parameters", tag=tag):
        parameters, grads = case.args
        lr = case.kwargs.get("learning_rate", 1.2)
        expected = ref.update_parameters(parameters, grads, lr)
        plus = ref.update_parameters(parameters, grads, -lr)
        fixed = ref.update_parameters(parameters, grads, 1.2)
        call = f"update_parameters({case.label})"
        for k in PARAMS:
            wrong = [("go against the gradient: W1 = W1 - learning_rate * dW1", plus[k]),
                     (f"{k} was not changed: update the {'weights' if k[0] == 'W' else 'biases'}"
                      f" too, {k} = {k} - learning_rate * d{k}", parameters[k])]
            if lr != 1.2:
                wrong.append(("use the learning_rate argument, not a fixed 1.2", fixed[k]))
            expect(check_keys(out, [k], call)[k], expected[k], f"{k} for {case.label}",
                   alternatives=wrong)


@checks("update_parameters")
def test_update_given_rate(sub):
    _check_update(sub, "given")


@checks("update_parameters")
def test_update_default_rate(sub):
    _check_update(sub, "default")


# --- nn_model ---------------------------------------------------------------------------------

def _trained(sub):
    """[(case, {W1, b1, W2, b2}, expected)] for nn_model."""
    out = []
    for case, value in sub.results("nn_model"):
        call = f"nn_model({case.label})"
        found = check_keys(value, PARAMS, call)
        out.append((case, found, ref.nn_model(*case.args, **case.kwargs)))
    return out


def _check_trained_shapes(case, found, expected):
    W1 = found["W1"]
    if isinstance(W1, np.ndarray) and W1.shape[0] == 4 != case.args[2]:
        raise CheckError(f"the trained W1 for {case.label} has shape {W1.shape}, expected "
                         f"{expected['W1'].shape}: use the argument n_h, not the 4 of layer_sizes")
    for k in PARAMS:
        _param_shape(found[k], expected[k].shape, f"the trained {k} for {case.label}")


@checks("nn_model")
def test_nn_model_shapes(sub):
    for case, found, expected in _trained(sub):
        _check_trained_shapes(case, found, expected)


@checks("nn_model")
def test_nn_model_parameters(sub):
    for case, found, expected in _trained(sub):
        _check_trained_shapes(case, found, expected)
        for k in PARAMS:
            expect(found[k], expected[k], f"the trained {k} for {case.label}", rtol=1e-4,
                   atol=1e-7)


# --- predict ----------------------------------------------------------------------------------

def _check_predict(sub, tag):
    for case, out in sub.results("predict", tag=tag):
        parameters, X = case.args
        A2, _ = ref.forward_propagation(X, parameters)
        if isinstance(out, np.ndarray) and out.dtype == np.bool_:
            out = out.astype(float)                   # A2 > 0.5 itself is fine
        expect(out, ref.predict(parameters, X), f"predict's output for {case.label}",
               alternatives=[("predict 1 where A2 > 0.5, else 0 (yours are inverted)",
                              (A2 <= 0.5).astype(float)),
                             ("return labels 0 or 1, not the probabilities A2", A2),
                             ("every prediction is 0: check forward_propagation and the test "
                              "A2 > 0.5", np.zeros_like(A2))])


@checks("predict")
def test_predict_labels(sub):
    _check_predict(sub, "main")


@checks("predict")
def test_predict_one_example(sub):
    _check_predict(sub, "m1")
