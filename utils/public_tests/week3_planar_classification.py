"""Visible tests for week 3, planar data classification (notebook
`week3_planar_classification`).

Each `<name>_test(target)` calls the student's function on small fixed inputs (non-square ones,
so a swapped axis shows, and a single example where it matters), checks types, shapes, keys and
known values with `utils.checks`, and prints "All tests passed." or raises `CheckError` with a
hint. The known values were computed once and are written out here. Then it runs one visible
draw of every kind of input in `TABLE` (sizes the notebook never uses, m = 1, ...), checked
against an independent oracle (a numerical gradient, a column taken alone, the definition of
a label). The judge draws the same kinds afresh (utils.cases): no hidden surprise. These tests
only help the student: the points are decided by the judge.
"""
import contextlib
import io

import numpy as np

from utils.cases import Case, Kind, visible_case
from utils.checks import (CheckError, check_array, check_keys, check_scalar, check_tuple, is_number,
                          numerical_gradient, scale_hint)

PARAMS = ("W1", "b1", "W2", "b2")
GRADS = ("dW1", "db1", "dW2", "db2")
# Sizes the notebook itself uses: the flower (n_x = 2, m = 400, n_h = 4), the other data sets
# (m = 200) and the try-it cells (3, 5, 8 and n_y = 2). Every function also gets inputs of
# other sizes, so code reading the notebook's globals (X, m, n_x, n_h ...) fails.
NOTEBOOK_SIZES = {2, 3, 4, 5, 8, 200, 400}
M1 = "It must also work for a single example (m = 1)."
ROWS = "It must also work for a `Y` of several rows (`n_y > 1`)."
OUTPUTS = "It must also work for an output layer of several units (`n_y > 1`)."
RESEED = "do **not** call `np.random.seed` in this function"
DEFAULT_RATE = "It must also work when called without `learning_rate` (the default is 1.2)."


# --- inputs: the kinds of the table -----------------------------------------------------------

def _size(rng, low, high):
    """An int in [low, high] that is none of the notebook's sizes."""
    return int(rng.choice([n for n in range(low, high + 1) if n not in NOTEBOOK_SIZES]))


def _labels(rng, n_y, m):
    return (rng.random((n_y, m)) < 0.5).astype(float)


def _parameters(rng, n_x, n_h, n_y, scale=0.8):
    """Random parameters of moderate size, so that tanh is far from linear (Z1 of order 1)."""
    return {"W1": rng.normal(0, scale, (n_h, n_x)), "b1": rng.normal(0, 0.5, (n_h, 1)),
            "W2": rng.normal(0, scale, (n_y, n_h)), "b2": rng.normal(0, 0.5, (n_y, 1))}


def _forward(X, parameters):
    """The network's cache for X, from the formulas of the notebook's section 4."""
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": 1 / (1 + np.exp(-Z2))}


def _cost(parameters, X, Y):
    """The cross-entropy cost of the network on (X, Y)."""
    A2 = _forward(X, parameters)["A2"]
    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


def _numerical_grads(parameters, X, Y):
    """{dW1, db1, dW2, db2}: central differences of the cost (relative error about 1e-9)."""
    params = {k: np.array(v, dtype=float) for k, v in parameters.items()}
    return {"d" + k: numerical_gradient(lambda: _cost(params, X, Y), params[k]) for k in PARAMS}


def _sizes_label(n_x, n_h, n_y, m):
    return f"n_x={n_x}, n_h={n_h}, n_y={n_y}, m={m}"


def _data_case(rng, m=None, n_y=1):
    """X (n_x, m) and Y (n_y, m), n_x != m, of sizes the notebook does not use."""
    n_x = _size(rng, 6, 12)
    m = m or _size(rng, 9, 30)
    m = m + 1 if m == n_x else m
    return Case((rng.normal(0, 1, (n_x, m)), _labels(rng, n_y, m)),
                label=f"X of shape ({n_x}, {m}), Y of shape ({n_y}, {m})")


def _init_case(rng, n_x, n_h, n_y):
    return Case((n_x, n_h, n_y), label=f"n_x={n_x}, n_h={n_h}, n_y={n_y}")


def _network_case(rng, m=None):
    """(X, parameters) of a network with n_y = 1, of sizes the notebook does not use."""
    n_x, n_h, m = _size(rng, 6, 9), _size(rng, 6, 11), m or _size(rng, 9, 14)
    parameters = _parameters(rng, n_x, n_h, 1)
    return Case((rng.normal(0, 1, (n_x, m)), parameters), label=_sizes_label(n_x, n_h, 1, m))


def _cost_case(rng, m=None):
    m = m or _size(rng, 9, 30)
    Y = _labels(rng, 1, m)
    return Case((rng.uniform(0.05, 0.95, (1, m)), Y), label=f"A2 and Y of shape (1, {m})")


def _backward_case(rng, m=None):
    """(parameters, cache, X, Y) whose every gradient entry is at least 1e-3 in size, so that
    a comparison with a numerical gradient is meaningful entry by entry."""
    n_x, n_h, m = _size(rng, 6, 9), _size(rng, 6, 11), m or _size(rng, 9, 14)
    while True:
        parameters = _parameters(rng, n_x, n_h, 1)
        X, Y = rng.normal(0, 1, (n_x, m)), _labels(rng, 1, m)
        grads = _numerical_grads(parameters, X, Y)
        if min(np.min(np.abs(g)) for g in grads.values()) > 1e-3:
            return Case((parameters, _forward(X, parameters), X, Y),
                        label=_sizes_label(n_x, n_h, 1, m))


def _update_case(rng, default=False):
    n_x, n_h = _size(rng, 6, 9), _size(rng, 6, 11)
    parameters = _parameters(rng, n_x, n_h, 1)
    grads = {"d" + k: rng.normal(0, 0.1, v.shape) for k, v in parameters.items()}
    if default:
        return Case((parameters, grads), label=f"n_x={n_x}, n_h={n_h}, default learning_rate")
    lr = float(rng.uniform(0.05, 0.9))
    return Case((parameters, grads), {"learning_rate": lr},
                label=f"n_x={n_x}, n_h={n_h}, learning_rate={lr:.3f}")


def _nn_model_case(rng):
    n_x, m, n_h = _size(rng, 6, 7), _size(rng, 12, 30), _size(rng, 6, 7)
    iters = int(rng.choice([50, 120, 200]))
    X = rng.normal(0, 1, (n_x, m))
    Y = (X[0:1] * X[1:2] > 0).astype(float)          # an XOR-like pattern
    return Case((X, Y, n_h), {"num_iterations": iters},
                label=f"X of shape ({n_x}, {m}), n_h={n_h}, {iters} iterations")


def _predict_case(rng, m=None):
    case = _network_case(rng, m or _size(rng, 30, 50))
    X, parameters = case.args
    return Case((parameters, X), label=f"X of shape {X.shape}")


# {function: [Kind]}: a function's points are split over its kinds by weight.
TABLE = {
    "dataset_shapes": [Kind("main", _data_case, weight=2),
                       Kind("m1", lambda rng: _data_case(rng, m=1), says=M1)],
    "layer_sizes": [Kind("main", _data_case),
                    Kind("rows", lambda rng: _data_case(rng, n_y=int(rng.integers(2, 4))),
                         says=ROWS)],
    "initialize_parameters": [
        # main: enough weights (at least 252 over the two draws) to measure their spread
        Kind("main", lambda rng: _init_case(rng, _size(rng, 20, 40), _size(rng, 6, 12), 1),
             weight=3, draws=2),
        Kind("outputs", lambda rng: _init_case(rng, _size(rng, 6, 12), _size(rng, 6, 12),
                                               int(rng.integers(2, 4))), says=OUTPUTS),
        # twice: the same sizes twice in a row, which must give different weights
        Kind("twice", lambda rng: _init_case(rng, 7, 6, 1), says=RESEED, draws=2)],
    "forward_propagation": [Kind("main", _network_case, weight=3, draws=2),
                            Kind("m1", lambda rng: _network_case(rng, m=1), says=M1)],
    "compute_cost": [Kind("main", _cost_case), Kind("m1", lambda rng: _cost_case(rng, 1), says=M1)],
    "backward_propagation": [Kind("main", _backward_case, weight=5, draws=2),
                             Kind("m1", lambda rng: _backward_case(rng, 1), says=M1)],
    "update_parameters": [Kind("main", _update_case),
                          Kind("default", lambda rng: _update_case(rng, default=True),
                               says=DEFAULT_RATE)],
    "nn_model": [Kind("main", _nn_model_case, weight=2, draws=2)],
    "predict": [Kind("main", _predict_case), Kind("m1", lambda rng: _predict_case(rng, 1), says=M1)],
}


# --- fixed inputs with known values -----------------------------------------------------------

def _small_network():
    """X (2, 3), Y (1, 3) and parameters of a network with n_x = 2, n_h = 3, n_y = 1."""
    X = np.array([[1.0, -0.5, 2.0],
                  [0.3, 1.5, -1.2]])
    Y = np.array([[1, 0, 1]])
    parameters = {"W1": np.array([[0.4, -0.6], [1.1, 0.2], [-0.8, 0.9]]),
                  "b1": np.array([[0.1], [-0.2], [0.05]]),
                  "W2": np.array([[1.5, -0.7, 0.9]]),
                  "b2": np.array([[-0.3]])}
    return X, Y, parameters


def _copy(parameters):
    return {k: np.array(v, copy=True) for k, v in parameters.items()}


def _small_cache():
    """The cache forward propagation gives for `_small_network`."""
    Z1 = np.array([[0.32, -1.0, 1.62], [0.96, -0.45, 1.76], [-0.48, 1.8, -2.63]])
    Z2 = np.array([[-0.7583526745582301, -0.29493651869700027, -0.4635125617741422]])
    return {"Z1": Z1, "A1": np.tanh(Z1), "Z2": Z2, "A2": 1 / (1 + np.exp(-Z2))}


def _check_number(x, name, hint):
    """Raises CheckError unless x is a single number (not a (1, 1) array)."""
    if not is_number(x):
        what = (f"an array of shape {x.shape}" if isinstance(x, np.ndarray)
                else f"of type {type(x).__name__}")
        raise CheckError(f"{name} is {what}, expected a number: {hint}")


def _drawn(name):
    """One visible draw of every kind of `name`'s table."""
    return [(kind.name, visible_case(TABLE, name, kind.name)) for kind in TABLE[name]]


def _seeded(call, seed=1):
    """call() after np.random.seed(seed); the caller's random state is restored."""
    state = np.random.get_state()
    try:
        np.random.seed(seed)
        return call()
    finally:
        np.random.set_state(state)


# --- the tests --------------------------------------------------------------------------------

def m_hint(m, shape_X):
    """What a wrong number of examples m most likely means (both sides use this wording)."""
    if is_number(m) and m == shape_X[0]:
        return "m is the number of columns of X, X.shape[1], not its number of rows"
    return "m is the number of examples, one per column of X: X.shape[1]"


def dataset_shapes_test(target):
    """X of shape (3, 7) with Y (1, 7), then one draw of each kind (other sizes, m = 1)."""
    cases = [Case((np.zeros((3, 7)), np.zeros((1, 7))), label="X of shape (3, 7), Y of shape (1, 7)")]
    for _, case in _drawn("dataset_shapes"):
        cases.append(case)
    for case in cases:
        X, Y = case.args
        out = target(X.copy(), Y.copy())
        name = f"dataset_shapes({case.label})"
        shape_X, shape_Y, m = check_tuple(out, 3, name, hint="return shape_X, shape_Y, m")
        for what, found, want in (("shape_X", shape_X, X.shape), ("shape_Y", shape_Y, Y.shape)):
            if not isinstance(found, (tuple, list, np.ndarray)) or tuple(np.ravel(found)) != want:
                raise CheckError(f"{what} of {name} is {found!r}, expected {want}: the shape of "
                                 "an array is its attribute .shape")
        if not (is_number(m) and m == X.shape[1]):
            raise CheckError(f"m of {name} is {m!r}, expected {X.shape[1]}: "
                             f"{m_hint(m, X.shape)}")
    print("All tests passed.")


def layer_sizes_test(target):
    """One output row and two output rows, with X not square, then one draw of each kind."""
    cases = [Case((np.zeros(X_shape), np.zeros(Y_shape)),
                  label=f"X of shape {X_shape}, Y of shape {Y_shape}")
             for X_shape, Y_shape in (((5, 3), (2, 3)), ((2, 7), (1, 7)))]
    for case in cases + [case for _, case in _drawn("layer_sizes")]:
        X, Y = case.args
        out = target(X.copy(), Y.copy())
        name = f"layer_sizes({case.label})"
        check_tuple(out, 3, name, hint="return n_x, n_h, n_y")
        expected = (X.shape[0], 4, Y.shape[0])
        if tuple(out) != expected:
            raise CheckError(f"{name} is {tuple(out)}, expected {expected}: n_x and n_y are the "
                             "numbers of rows of X and Y (shape[0], one example per column), "
                             "and n_h is 4")
    print("All tests passed.")


def _check_initialized(params, n_x, n_h, n_y, name):
    """Keys, shapes and zero biases of initialize_parameters' result."""
    check_keys(params, PARAMS, name, hint='{"W1": W1, "b1": b1, "W2": W2, "b2": b2}')
    shape_hint = "W1 is (n_h, n_x), b1 is (n_h, 1), W2 is (n_y, n_h) and b2 is (n_y, 1)"
    for k, shape in (("W1", (n_h, n_x)), ("W2", (n_y, n_h))):
        if not isinstance(params[k], np.ndarray) or params[k].shape != shape:
            raise CheckError(f"{k} of {name} has shape {np.shape(params[k])}, expected {shape}: "
                             f"{shape_hint}")
    check_array(params["b1"], np.zeros((n_h, 1)), f"b1 of {name}", hint="the biases start at zero",
                shape_hint=shape_hint)
    check_array(params["b2"], np.zeros((n_y, 1)), f"b2 of {name}", hint="the biases start at zero",
                shape_hint=shape_hint)


def initialize_parameters_test(target):
    """Shapes, zero biases, and the values after np.random.seed(1) (the RNG is then restored);
    then one draw of each kind: other sizes (with the spread of the weights), n_y > 1, and the
    same sizes twice in a row."""
    first, second = _seeded(lambda: (target(2, 4, 1), target(2, 4, 1)))
    _check_initialized(first, 2, 4, 1, "initialize_parameters(2, 4, 1)")
    if np.array_equal(first["W1"], second["W1"]):
        raise CheckError("two calls returned the same W1: do not call np.random.seed inside "
                         "initialize_parameters (nn_model seeds once, before calling it)")
    W1 = np.array([[0.01624345363663242, -0.00611756413650075],
                   [-0.00528171752263456, -0.01072968622156171],
                   [0.00865407629324678, -0.02301538696880283],
                   [0.0174481176421648, -0.00761206900895103]])
    W2 = np.array([[0.00319039096057099, -0.0024937037547741, 0.01462107937044974,
                    -0.02060140709497654]])
    hint = ("after np.random.seed(1): W1 = np.random.randn(n_h, n_x) * 0.01 first, then "
            "W2 = np.random.randn(n_y, n_h) * 0.01")
    check_array(first["W1"], W1, "W1", hint=hint)
    check_array(first["W2"], W2, "W2", hint=hint)
    for kind, case in _drawn("initialize_parameters"):
        name = f"initialize_parameters({case.label})"
        params, again = _seeded(lambda: (target(*case.args), target(*case.args)))
        _check_initialized(params, *case.args, name)
        if kind == "main":
            std = float(np.std(np.concatenate([params["W1"].ravel(), params["W2"].ravel()])))
            if not 0.005 < std < 0.02:
                raise CheckError(f"the weights of {name} have a standard deviation of {std:.3g}, "
                                 "expected about 0.01: np.random.randn(...) * 0.01")
        if kind == "twice" and np.array_equal(params["W1"], again["W1"]):
            raise CheckError(f"two calls of {name} returned the same W1: do not call "
                             "np.random.seed inside initialize_parameters")
    print("All tests passed.")


FORWARD_HINTS = {"Z1": "Z1 = W1 X + b1", "A1": "the hidden layer uses tanh: A1 = np.tanh(Z1)",
                 "Z2": "Z2 = W2 A1 + b2, with A1 = np.tanh(Z1)", "A2": "A2 = sigmoid(Z2)"}


def _check_forward(out, expected, name):
    check_tuple(out, 2, name, hint="return A2, cache")
    A2, cache = out
    check_keys(cache, ["Z1", "A1", "Z2", "A2"], f"the cache of {name}",
               hint='cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}')
    for k in ("Z1", "A1", "Z2", "A2"):
        check_array(cache[k], expected[k], f'cache["{k}"] of {name}', hint=FORWARD_HINTS[k],
                    shape_hint="one column per example: Z1 and A1 are (n_h, m), Z2 and A2 "
                               "(n_y, m); take the sizes from X and the parameters")
    check_array(A2, expected["A2"], f"A2 of {name}", hint="return the A2 of the cache")


def forward_propagation_test(target):
    """A network with n_x = 2, n_h = 3, n_y = 1 on 3 examples; then one draw of each kind
    (other sizes, m = 1), checked against the formulas of section 4."""
    X, _, parameters = _small_network()
    _check_forward(target(X.copy(), _copy(parameters)), _small_cache(),
                   "forward_propagation(X, parameters)")
    for _, case in _drawn("forward_propagation"):
        X, parameters = case.args
        _check_forward(target(X.copy(), _copy(parameters)), _forward(X, parameters),
                       f"forward_propagation({case.label})")
    print("All tests passed.")


COST_FORMULA = "J = -(1/m) sum(Y log(A2) + (1 - Y) log(1 - A2))"


def _check_cost(cost, expected, m, name):
    _check_number(cost, name, "np.sum(...) gives one; turn a (1, 1) array from np.dot into a "
                              "number with float() or np.squeeze")
    hint = scale_hint(cost, expected, m, COST_FORMULA)
    check_scalar(cost, expected, name, hint=hint or COST_FORMULA)


def compute_cost_test(target):
    """Three examples, then one example; then one draw of each kind (other m, m = 1), checked
    against the definition: the mean of the examples' losses."""
    A2 = np.array([[0.31900402519288096, 0.4267957573862525, 0.3861528780829953]])
    Y = np.array([[1, 0, 1]])
    for cols, expected in ((slice(0, 3), 0.8835288900871103), (slice(1, 2), 0.5565131814265039)):
        m = A2[:, cols].shape[1]
        _check_cost(target(A2[:, cols].copy(), Y[:, cols].copy()), expected, m,
                    f"the cost for m = {m}")
    for _, case in _drawn("compute_cost"):
        A2_, Y_ = case.args
        losses = [-np.log(a) if y == 1 else -np.log(1 - a) for a, y in zip(A2_[0], Y_[0])]
        _check_cost(target(A2_.copy(), Y_.copy()), float(np.mean(losses)), Y_.shape[1],
                    f"the cost for {case.label}")
    print("All tests passed.")


BACKWARD_HINTS = {"dW1": "dZ1 = (W2.T @ dZ2) * (1 - A1**2) and dW1 = (1/m) dZ1 X.T",
                  "db1": "db1 = (1/m) np.sum(dZ1, axis=1, keepdims=True)",
                  "dW2": "dZ2 = A2 - Y and dW2 = (1/m) dZ2 A1.T",
                  "db2": "db2 = (1/m) np.sum(dZ2, axis=1, keepdims=True)"}
GRAD_SHAPE_HINT = "a gradient has the shape of its parameter: keep the column shape (keepdims=True)"


def backward_propagation_test(target):
    """Known gradients for 3 examples and for 1 example; then one draw of each kind (other
    sizes, m = 1), checked against a numerical gradient of the cost. A correct gradient agrees
    with it to a relative error of about 1e-9; the usual mistakes are off by 1e-1 or more."""
    X, Y, parameters = _small_network()
    cache = _small_cache()
    expected_3 = {
        "dW1": np.array([[-0.4417417930024105, 0.0954989089789029],
                         [0.1438013990010439, -0.12072278626419457],
                         [-0.17782081042874007, -0.02465061362815077]]),
        "db1": np.array([[-0.26278392513246585], [0.00501488117134851], [-0.15414409597036152]]),
        "dW2": np.array([[-0.3677986792700594, -0.42182233841691774, 0.43849491119852996]]),
        "db2": np.array([[-0.2893491131126238]])}
    expected_1 = {
        "dW1": np.array([[-0.13443245040896326, 0.4032973512268898],
                         [0.12278932304134857, -0.3683679691240457],
                         [-0.01988922360658587, 0.0596676708197576]]),
        "db1": np.array([[0.2688649008179265], [-0.24557864608269714], [0.03977844721317173]]),
        "dW2": np.array([[-0.32504515461208433, -0.18006470548618364, 0.40409278935058096]]),
        "db2": np.array([[0.4267957573862525]])}
    for cols, expected in ((slice(0, 3), expected_3), (slice(1, 2), expected_1)):
        cache_m = {k: v[:, cols].copy() for k, v in cache.items()}
        grads = target(_copy(parameters), cache_m, X[:, cols].copy(), Y[:, cols].copy())
        check_keys(grads, GRADS, "grads", hint='{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}')
        m = X[:, cols].shape[1]
        for k in GRADS:
            check_array(grads[k], expected[k], f"{k} for m = {m}", hint=BACKWARD_HINTS[k],
                        shape_hint=GRAD_SHAPE_HINT)
    for _, case in _drawn("backward_propagation"):
        parameters, cache, X, Y = case.args
        grads = target(_copy(parameters), _copy(cache), X.copy(), Y.copy())
        check_keys(grads, GRADS, f"grads for {case.label}",
                   hint='{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}')
        numerical = _numerical_grads(parameters, X, Y)
        for k in GRADS:
            hint = f"it does not match the slope of the cost: {BACKWARD_HINTS[k]}"
            check_array(grads[k], numerical[k], f"{k} for {case.label}", rtol=1e-4, atol=1e-7,
                        hint=scale_hint(grads[k], numerical[k], X.shape[1], hint) or hint,
                        shape_hint=GRAD_SHAPE_HINT)
    print("All tests passed.")


def update_parameters_test(target):
    """One step with learning_rate=0.5, then one with the default learning rate 1.2; then one
    draw of each kind (other sizes, a given and the default learning rate)."""
    _, _, parameters = _small_network()
    grads = {"dW1": np.array([[-0.4417417930024105, 0.0954989089789029],
                              [0.1438013990010439, -0.12072278626419457],
                              [-0.17782081042874007, -0.02465061362815077]]),
             "db1": np.array([[-0.26278392513246585], [0.00501488117134851],
                              [-0.15414409597036152]]),
             "dW2": np.array([[-0.3677986792700594, -0.42182233841691774, 0.43849491119852996]]),
             "db2": np.array([[-0.2893491131126238]])}
    cases = [Case((parameters, grads), {"learning_rate": 0.5}, label="learning rate 0.5"),
             Case((parameters, grads), label="the default learning rate")]
    for case in cases + [case for _, case in _drawn("update_parameters")]:
        params, grads_ = case.args
        out = target(_copy(params), _copy(grads_), **case.kwargs)
        rate = case.kwargs.get("learning_rate", 1.2)
        check_keys(out, PARAMS, f"parameters for {case.label}",
                   hint="return all four updated parameters")
        for k in PARAMS:
            check_array(out[k], params[k] - rate * grads_["d" + k], f"{k} for {case.label}",
                        hint=f"{k} = {k} - learning_rate * d{k}, with the learning_rate argument "
                             "(1.2 when it is not given)")
    print("All tests passed.")


def nn_model_test(target):
    """100 iterations with n_h = 3 on 6 examples; then one draw of each kind (other sizes):
    the shapes of the trained parameters, and the same result twice (nn_model seeds itself)."""
    X = np.array([[1.0, -1.0, 0.5, 2.0, -1.5, 0.2],
                  [1.0, 1.0, -0.7, -1.5, -1.0, 0.3]])
    Y = np.array([[1, 0, 0, 0, 1, 1]])
    with contextlib.redirect_stdout(io.StringIO()):
        parameters = target(X, Y, 3, num_iterations=100, print_cost=False)
    check_keys(parameters, PARAMS, "parameters", hint="return the trained parameters")
    expected = {"W1": np.array([[0.8657092479062257, -1.0930525637257713],
                                [2.0754349886563634, -2.610219372850831],
                                [-0.7697686514979032, 0.9194074608183285]]),
                "b1": np.array([[0.7789996059170934], [-1.4870378322649525],
                                [-0.5934349462852005]]),
                "W2": np.array([[1.6506000246378685, -3.2984995964052395, -1.3176965422466669]]),
                "b2": np.array([[-2.0174022335994826]])}
    hint = ("np.random.seed(3), then initialize_parameters(n_x, n_h, n_y) with the argument n_h, "
            "then num_iterations steps of forward, cost, backward, update (default learning rate)")
    for k in PARAMS:
        check_array(parameters[k], expected[k], f'parameters["{k}"]', rtol=1e-4, hint=hint,
                    shape_hint="use the argument n_h for the hidden layer (here 3)")
    for _, case in _drawn("nn_model"):
        (X, Y, n_h), name = case.args, f"nn_model({case.label})"
        with contextlib.redirect_stdout(io.StringIO()):
            first = target(X.copy(), Y.copy(), n_h, **case.kwargs)
            second = target(X.copy(), Y.copy(), n_h, **case.kwargs)
        check_keys(first, PARAMS, name, hint="return the trained parameters")
        shapes = {"W1": (n_h, X.shape[0]), "b1": (n_h, 1), "W2": (1, n_h), "b2": (1, 1)}
        for k in PARAMS:
            if np.shape(first[k]) != shapes[k]:
                raise CheckError(f'parameters["{k}"] of {name} has shape {np.shape(first[k])}, '
                                 f"expected {shapes[k]}: take n_x from X and use the argument n_h")
            check_array(second[k], first[k], f'parameters["{k}"] of a second {name}',
                        hint="two runs must give the same parameters: keep np.random.seed(3) "
                             "first, before initialize_parameters")
    print("All tests passed.")


def predict_test(target):
    """Four examples, then one; then one draw of each kind (other sizes, m = 1), checked against
    the definition: label 1 where A2 > 0.5, that is where Z2 > 0."""
    _, _, parameters = _small_network()
    X = np.array([[1.0, -2.0, 0.5, -0.3],
                  [-1.0, 0.4, 1.5, -2.0]])
    # A2 is 0.41, 0.54, 0.31, 0.65
    cases = [(parameters, X, [[0, 1, 0, 1]]), (parameters, X[:, 3:4], [[1]])]
    for _, case in _drawn("predict"):
        params, X_ = case.args
        cases.append((params, X_, (_forward(X_, params)["Z2"] > 0).astype(float)))
    for params, X_, labels in cases:
        pred = target(_copy(params), X_.copy())
        name = f"predict(parameters, X) for X of shape {X_.shape}"
        if isinstance(pred, np.ndarray) and pred.dtype != np.bool_ and \
                not np.all((pred == 0) | (pred == 1)):
            raise CheckError(f"{name} holds {pred}, expected only 0 and 1: turn the "
                             "probabilities A2 into labels with A2 > 0.5")
        check_array(pred, np.array(labels, dtype=float), name,
                    shape_hint="one label per column of X: shape (1, m)",
                    hint="label 1 where A2 > 0.5, else 0")
    print("All tests passed.")
