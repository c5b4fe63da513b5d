"""Hidden checks for week 3, planar data classification with one hidden layer. Run only by the
judge (grader/judge.py).

The inputs are fresh draws of the kinds in the visible table
(`utils.public_tests.week3_planar_classification.TABLE`), seeded per submission; each test
checks one kind (or one part of a kind) of one graded function, marked `checks(name,
weight=w)` with w read from the table (`grader.tables.weight`); the `sub` fixture holds what
the submission returned. Expected values come from `grader/reference/`; a known mistake is
named only when a check fails.
"""
import numpy as np

from grader.gradcheck import check_against_numerical, numerical_gradient
from grader.judge import checks
from grader.reference import week3_planar_classification as ref
from grader.tables import table_cases, weight
from utils.checks import CheckError, check_keys, check_tuple, close, expect, hint_for, is_number
from utils.public_tests.week3_planar_classification import TABLE, m_hint

cases = table_cases(TABLE)
DEPENDS = {"nn_model": ["layer_sizes", "initialize_parameters", "forward_propagation",
                        "compute_cost", "backward_propagation", "update_parameters"],
           "predict": ["forward_propagation"]}
PARAMS = ("W1", "b1", "W2", "b2")


def w(name, kind, parts=1):
    """The weight of one of the `parts` checks of `name`'s `kind` (from the table)."""
    return weight(TABLE, name, kind, parts)


# --- dataset_shapes ---------------------------------------------------------------------------

def _is_shape(found, want):
    """True if `found` is a tuple, list or 1-D array of the integers in `want`."""
    try:
        return (isinstance(found, (tuple, list, np.ndarray)) and np.ndim(found) == 1
                and len(found) == len(want) and tuple(int(n) for n in found) == want)
    except (TypeError, ValueError):
        return False


def _check_dataset_shapes(sub, tag):
    for case, out in sub.results("dataset_shapes", tag=tag):
        X, Y = case.args
        shape_X, shape_Y, m = check_tuple(out, 3, f"dataset_shapes({case.label})")
        for what, found, want in (("shape_X", shape_X, X.shape), ("shape_Y", shape_Y, Y.shape)):
            if not _is_shape(found, want):
                swapped = " (rows and columns swapped)" if _is_shape(found, want[::-1]) else ""
                raise CheckError(f"{what} for {case.label} is not the shape of {what[-1]}"
                                 f"{swapped}: use {what[-1]}.shape, the tuple (rows, columns)")
        if not (is_number(m) and m == X.shape[1]):
            raise CheckError(f"m for {case.label} is {str(m)[:40]}, which is not the number of "
                             f"examples: {m_hint(m, X.shape)}")


@checks("dataset_shapes", weight=w("dataset_shapes", "main"))
def test_dataset_shapes_main(sub):
    _check_dataset_shapes(sub, "main")


@checks("dataset_shapes", weight=w("dataset_shapes", "m1"))
def test_dataset_shapes_one_example(sub):
    _check_dataset_shapes(sub, "m1")


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


@checks("layer_sizes", weight=w("layer_sizes", "main"))
def test_layer_sizes_one_output(sub):
    _check_layer_sizes(sub, "main")


@checks("layer_sizes", weight=w("layer_sizes", "rows"))
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


def _initialized(sub, tag):
    """[(case, {W1, b1, W2, b2})] for the cases of `tag`, after checking the keys."""
    out = []
    for case, value in sub.results("initialize_parameters", tag=tag):
        call = f"initialize_parameters({case.label})"
        out.append((case, check_keys(value, PARAMS, call)))
    return out


def _check_init_shapes(case, params):
    n_x, n_h, n_y = case.args
    shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}
    for k in PARAMS:
        _param_shape(params[k], shapes[k], f"{k} for {case.label}")


def _check_init_biases(case, params):
    n_x, n_h, n_y = case.args
    expect(params["b1"], np.zeros((n_h, 1)), f"b1 for {case.label}")
    expect(params["b2"], np.zeros((n_y, 1)), f"b2 for {case.label}")


@checks("initialize_parameters", weight=w("initialize_parameters", "main", 3))
def test_initialize_shapes(sub):
    for case, params in _initialized(sub, "main"):
        _check_init_shapes(case, params)


@checks("initialize_parameters", weight=w("initialize_parameters", "main", 3))
def test_initialize_biases_zero(sub):
    for case, params in _initialized(sub, "main"):
        _check_init_biases(case, params)


@checks("initialize_parameters", weight=w("initialize_parameters", "main", 3))
def test_initialize_weight_scale(sub):
    weights = []
    for case, params in _initialized(sub, "main"):
        n_x, n_h, n_y = case.args
        _param_shape(params["W1"], (n_h, n_x), f"W1 for {case.label}")
        _param_shape(params["W2"], (n_y, n_h), f"W2 for {case.label}")
        weights += [params["W1"].ravel(), params["W2"].ravel()]
    W = np.concatenate(weights).astype(float)           # at least 252 entries, std 0.01 expected
    if not np.all(np.isfinite(W)) or np.ptp(W) == 0:
        raise CheckError("the weights all have the same value: with equal weights every hidden "
                         "unit computes the same thing and they stay equal during training "
                         "(symmetry); draw them with np.random.randn(...) * 0.01")
    std, mean, top = float(np.std(W)), float(np.mean(W)), float(np.max(np.abs(W)))
    if abs(mean) > 0.25 * std:                           # 4 standard errors for 252 draws
        raise CheckError(f"the weights average {mean:.3g}, expected about 0: draw them from a "
                         "standard normal, np.random.randn (np.random.rand is uniform on [0, 1))")
    if not 0.005 < std < 0.02 or top > 0.06:
        raise CheckError(f"the weights have a standard deviation of {std:.3g}, expected about "
                         "0.01: multiply the standard normal draws by 0.01")


@checks("initialize_parameters", weight=w("initialize_parameters", "outputs"))
def test_initialize_several_outputs(sub):
    for case, params in _initialized(sub, "outputs"):
        _check_init_shapes(case, params)
        _check_init_biases(case, params)


@checks("initialize_parameters", weight=w("initialize_parameters", "twice"))
def test_initialize_not_reseeded(sub):
    (case, first), (_, second) = _initialized(sub, "twice")[:2]
    for k in ("W1", "W2"):
        _param_shape(first[k], second[k].shape, k)
        if np.array_equal(first[k], second[k]):
            raise CheckError(f"two calls of initialize_parameters({case.label}) returned the same "
                             f"{k}: draw new random numbers at each call, and do not call "
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


@checks("forward_propagation", weight=w("forward_propagation", "main", 3))
def test_forward_A2(sub):
    _check_forward(sub, "main", ["A2"])


@checks("forward_propagation", weight=w("forward_propagation", "main", 3))
def test_forward_cache_Z(sub):
    _check_forward(sub, "main", ["Z1", "Z2"])


@checks("forward_propagation", weight=w("forward_propagation", "main", 3))
def test_forward_cache_A(sub):
    _check_forward(sub, "main", ["A1", "A2"])


@checks("forward_propagation", weight=w("forward_propagation", "m1"))
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


@checks("compute_cost", weight=w("compute_cost", "main"))
def test_compute_cost_values(sub):
    _check_cost(sub, "main")


@checks("compute_cost", weight=w("compute_cost", "m1"))
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


@checks("backward_propagation", weight=w("backward_propagation", "main", 5))
def test_backward_dW1(sub):
    _check_backward_reference(sub, "main", ["dW1"])


@checks("backward_propagation", weight=w("backward_propagation", "main", 5))
def test_backward_db1(sub):
    _check_backward_reference(sub, "main", ["db1"])


@checks("backward_propagation", weight=w("backward_propagation", "main", 5))
def test_backward_dW2(sub):
    _check_backward_reference(sub, "main", ["dW2"])


@checks("backward_propagation", weight=w("backward_propagation", "main", 5))
def test_backward_db2(sub):
    _check_backward_reference(sub, "main", ["db2"])


@checks("backward_propagation", weight=w("backward_propagation", "main", 5))
def test_backward_numerical_gradient(sub):
    _check_backward_numerical(sub, "main")


@checks("backward_propagation", weight=w("backward_propagation", "m1"))
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


@checks("update_parameters", weight=w("update_parameters", "main"))
def test_update_given_rate(sub):
    _check_update(sub, "main")


@checks("update_parameters", weight=w("update_parameters", "default"))
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


@checks("nn_model", weight=w("nn_model", "main", 2))
def test_nn_model_shapes(sub):
    for case, found, expected in _trained(sub):
        _check_trained_shapes(case, found, expected)


@checks("nn_model", weight=w("nn_model", "main", 2))
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
        expected = ref.predict(parameters, X)
        if isinstance(out, np.ndarray) and out.dtype == np.bool_:
            out = out.astype(float)                   # A2 > 0.5 itself is fine
        mistakes = [("predict 1 where A2 > 0.5, else 0 (yours are inverted)",
                     (A2 <= 0.5).astype(float)),
                    ("return labels 0 or 1, not the probabilities A2", A2),
                    ("every prediction is 0: check forward_propagation and the test A2 > 0.5",
                     np.zeros_like(A2))]
        if _labels_of_shape(out, expected.shape) and not np.array_equal(out, expected):
            # one wrong label is also the inverted one: name a mistake only from two labels on
            hint = next((h for h, wrong in mistakes if out.size > 1 and close(out, wrong)),
                        "label 1 where A2 > 0.5, else 0, with A2 from forward_propagation")
            raise CheckError(f"predict's output for {case.label} has {int(np.sum(out != expected))}"
                             f" of {out.size} labels wrong: {hint}")
        expect(out, expected, f"predict's output for {case.label}", alternatives=mistakes)


def _labels_of_shape(out, shape):
    """True if `out` is an array of `shape` holding only 0 and 1."""
    return isinstance(out, np.ndarray) and out.shape == shape and bool(np.all((out == 0) | (out == 1)))


@checks("predict", weight=w("predict", "main"))
def test_predict_labels(sub):
    _check_predict(sub, "main")


@checks("predict", weight=w("predict", "m1"))
def test_predict_one_example(sub):
    _check_predict(sub, "m1")
