"""Visible tests for week 3, planar data classification (notebook
`week3_planar_classification`).

Each `<name>_test(target)` calls the student's function on small fixed inputs (non-square ones,
so a swapped axis shows, and a single example where it matters), checks types, shapes, keys and
known values with `utils.checks`, and prints "All tests passed." or raises `CheckError` with a
hint. The known values were computed once and are written out here. These tests only help the
student: the points are decided by the judge.
"""
import contextlib
import io

import numpy as np

from utils.checks import CheckError, check_array, check_keys, check_scalar, check_tuple, is_number

PARAMS = ("W1", "b1", "W2", "b2")
GRADS = ("dW1", "db1", "dW2", "db2")


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


def layer_sizes_test(target):
    """One output row and two output rows, with X not square."""
    for X_shape, Y_shape in (((5, 3), (2, 3)), ((2, 7), (1, 7))):
        out = target(np.zeros(X_shape), np.zeros(Y_shape))
        name = f"layer_sizes(X of shape {X_shape}, Y of shape {Y_shape})"
        check_tuple(out, 3, name, hint="return n_x, n_h, n_y")
        expected = (X_shape[0], 4, Y_shape[0])
        if tuple(out) != expected:
            raise CheckError(f"{name} is {tuple(out)}, expected {expected}: n_x and n_y are the "
                             "numbers of rows of X and Y (shape[0], one example per column), "
                             "and n_h is 4")
    print("All tests passed.")


def initialize_parameters_test(target):
    """Shapes, zero biases, and the values after np.random.seed(1) (the RNG is then restored)."""
    state = np.random.get_state()
    try:
        np.random.seed(1)
        first = target(2, 4, 1)
        second = target(2, 4, 1)
    finally:
        np.random.set_state(state)
    check_keys(first, PARAMS, "parameters", hint='{"W1": W1, "b1": b1, "W2": W2, "b2": b2}')
    shape_hint = "W1 is (n_h, n_x), b1 is (n_h, 1), W2 is (n_y, n_h) and b2 is (n_y, 1)"
    check_array(first["b1"], np.zeros((4, 1)), "b1", hint="the biases start at zero",
                shape_hint=shape_hint)
    check_array(first["b2"], np.zeros((1, 1)), "b2", hint="the biases start at zero",
                shape_hint=shape_hint)
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
    check_array(first["W1"], W1, "W1", hint=hint, shape_hint=shape_hint)
    check_array(first["W2"], W2, "W2", hint=hint, shape_hint=shape_hint)
    print("All tests passed.")


def forward_propagation_test(target):
    """A network with n_x = 2, n_h = 3, n_y = 1 on 3 examples."""
    X, _, parameters = _small_network()
    out = target(X.copy(), _copy(parameters))
    check_tuple(out, 2, "forward_propagation(X, parameters)", hint="return A2, cache")
    A2, cache = out
    check_keys(cache, ["Z1", "A1", "Z2", "A2"], "cache",
               hint='cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}')
    expected = _small_cache()
    hints = {"Z1": "Z1 = W1 X + b1", "A1": "the hidden layer uses tanh: A1 = np.tanh(Z1)",
             "Z2": "Z2 = W2 A1 + b2, with A1 = np.tanh(Z1)", "A2": "A2 = sigmoid(Z2)"}
    for k in ("Z1", "A1", "Z2", "A2"):
        check_array(cache[k], expected[k], f'cache["{k}"]', hint=hints[k],
                    shape_hint="one column per example: Z1 and A1 are (n_h, m), Z2 and A2 (n_y, m)")
    check_array(A2, expected["A2"], "A2", hint="return the A2 of the cache")
    print("All tests passed.")


def compute_cost_test(target):
    """Three examples, then one example."""
    A2 = np.array([[0.31900402519288096, 0.4267957573862525, 0.3861528780829953]])
    Y = np.array([[1, 0, 1]])
    formula = "J = -(1/m) sum(Y log(A2) + (1 - Y) log(1 - A2))"
    for cols, expected in ((slice(0, 3), 0.8835288900871103), (slice(1, 2), 0.5565131814265039)):
        cost = target(A2[:, cols].copy(), Y[:, cols].copy())
        m = A2[:, cols].shape[1]
        _check_number(cost, f"the cost for m = {m}",
                      "np.sum(...) gives one; turn a (1, 1) array from np.dot into a number "
                      "with float() or np.squeeze")
        hint = formula
        if np.isclose(float(cost), m * expected) and m > 1:
            hint = f"it is m = {m} times too large: did you divide by m?"
        elif np.isclose(float(cost), -expected):
            hint = "it has the wrong sign: " + formula
        check_scalar(cost, expected, f"the cost for m = {m}", hint=hint)
    print("All tests passed.")


def backward_propagation_test(target):
    """Known gradients for 3 examples and for 1 example."""
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
    hints = {"dW1": "dZ1 = (W2.T @ dZ2) * (1 - A1**2) and dW1 = (1/m) dZ1 X.T",
             "db1": "db1 = (1/m) np.sum(dZ1, axis=1, keepdims=True)",
             "dW2": "dZ2 = A2 - Y and dW2 = (1/m) dZ2 A1.T",
             "db2": "db2 = (1/m) np.sum(dZ2, axis=1, keepdims=True)"}
    shape_hint = "a gradient has the shape of its parameter: keep the column shape (keepdims=True)"
    for cols, expected in ((slice(0, 3), expected_3), (slice(1, 2), expected_1)):
        cache_m = {k: v[:, cols].copy() for k, v in cache.items()}
        grads = target(_copy(parameters), cache_m, X[:, cols].copy(), Y[:, cols].copy())
        check_keys(grads, GRADS, "grads", hint='{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}')
        m = X[:, cols].shape[1]
        for k in GRADS:
            check_array(grads[k], expected[k], f"{k} for m = {m}", hint=hints[k],
                        shape_hint=shape_hint)
    print("All tests passed.")


def update_parameters_test(target):
    """One step with learning_rate=0.5, then one with the default learning rate 1.2."""
    _, _, parameters = _small_network()
    grads = {"dW1": np.array([[-0.4417417930024105, 0.0954989089789029],
                              [0.1438013990010439, -0.12072278626419457],
                              [-0.17782081042874007, -0.02465061362815077]]),
             "db1": np.array([[-0.26278392513246585], [0.00501488117134851],
                              [-0.15414409597036152]]),
             "dW2": np.array([[-0.3677986792700594, -0.42182233841691774, 0.43849491119852996]]),
             "db2": np.array([[-0.2893491131126238]])}
    for lr in (0.5, None):
        kwargs = {} if lr is None else {"learning_rate": lr}
        out = target(_copy(parameters), _copy(grads), **kwargs)
        rate = 1.2 if lr is None else lr
        check_keys(out, PARAMS, "parameters", hint="return all four updated parameters")
        for k in PARAMS:
            expected = parameters[k] - rate * grads["d" + k]
            check_array(out[k], expected, f"{k} with learning rate {rate}",
                        hint=f"{k} = {k} - learning_rate * d{k}, with the learning_rate argument")
    print("All tests passed.")


def nn_model_test(target):
    """100 iterations with n_h = 3 on 6 examples."""
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
    print("All tests passed.")


def predict_test(target):
    """Four examples, then one."""
    _, _, parameters = _small_network()
    X = np.array([[1.0, -2.0, 0.5, -0.3],
                  [-1.0, 0.4, 1.5, -2.0]])
    # A2 is 0.41, 0.54, 0.31, 0.65
    for cols, labels in ((slice(0, 4), [[0, 1, 0, 1]]), (slice(3, 4), [[1]])):
        pred = target(_copy(parameters), X[:, cols].copy())
        name = f"predict(parameters, X) for X of shape {X[:, cols].shape}"
        if isinstance(pred, np.ndarray) and pred.dtype != np.bool_ and \
                not np.all((pred == 0) | (pred == 1)):
            raise CheckError(f"{name} holds {pred}, expected only 0 and 1: turn the "
                             "probabilities A2 into labels with A2 > 0.5")
        check_array(pred, np.array(labels, dtype=float), name,
                    shape_hint="one label per column of X: shape (1, m)",
                    hint="label 1 where A2 > 0.5, else 0")
    print("All tests passed.")
