"""Visible tests for week 4, building a deep network step by step (notebook
`week4_deep_nn_step_by_step`).

Each `<name>_test(target)` calls the student's function on small fixed inputs (not square, so
a swapped axis shows; one network with a single layer, so an off-by-one loop shows), checks
types, shapes, keys and known values with `utils.checks`, and prints "All tests passed." or
raises `CheckError` with what was expected, what was found and a hint. The known values were
computed once and are written out here; the backward functions are also compared with
central-difference derivatives. Then each test runs one visible draw of every other kind of
input in `TABLE` (m = 1, a network of one layer, sizes the notebook does not use, ...), checked
against an independent oracle (numpy's seeded draws, the given activations, a numerical
gradient); the judge draws the same kinds afresh (utils.cases), so no hidden input is of a kind
the student has not met. These tests only help the student: the points are decided by the judge.
"""
import numpy as np

from utils.activations import relu, sigmoid
from utils.cases import Case, Kind, visible_case
from utils.checks import (CheckError, check_array, check_keys, check_scalar, check_tuple, hint_for,
                          is_number, numerical_gradient, scale_hint)

# Known values, computed once with the reference solutions and written out here.
# initialize_parameters(2, 3, 1)
INIT2_W1 = np.array([[0.0162434536366, -0.0061175641365],
                     [-0.00528171752263, -0.0107296862216],
                     [0.00865407629325, -0.0230153869688]])
INIT2_W2 = np.array([[0.0174481176422, -0.00761206900895, 0.00319039096057]])
# initialize_parameters_deep([4, 3, 2]) and ([5, 1])
DEEP_W1 = np.array([[0.0178862847343, 0.00436509850512, 0.00096497468072, -0.0186349270336],
                    [-0.00277388202514, -0.00354758979269, -0.000827414814825,
                     -0.00627000676824],
                    [-0.000438181689759, -0.0047721803036, -0.0131386475336, 0.008846223805]])
DEEP_W2 = np.array([[0.00881318042208, 0.0170957306365, 0.000500336421769],
                    [-0.00404677414601, -0.0054535994762, -0.0154647731558]])
DEEP1_W1 = np.array([[0.0178862847343, 0.00436509850512, 0.00096497468072, -0.0186349270336,
                      -0.00277388202514]])
# the layer of _layer_inputs(): Z, and A with each activation
LF_Z = np.array([[-0.25, -0.37, 1.22],
                 [0.85, -1.67, 1.82],
                 [0.85, 0.53, -0.98],
                 [0.35, -1.05, 0.25]])
LAF_SIGMOID = np.array([[0.437823499114, 0.408541021567, 0.772063549427],
                        [0.700567142474, 0.158424178845, 0.860566127038],
                        [0.700567142474, 0.629483111967, 0.272891783659],
                        [0.586617578917, 0.259225100818, 0.562176500886]])
LAF_RELU = np.array([[0.0, 0.0, 1.22],
                     [0.85, 0.0, 1.82],
                     [0.85, 0.53, 0.0],
                     [0.35, 0.0, 0.25]])
# L_model_forward on _small_network(), and on a network of one layer
LMF_AL = np.array([[0.610258752341, 0.399295833117, 0.429056902643, 0.375029443532]])
LMF_Z2 = np.array([[0.428, 0.56, 0.183, 0.081],
                   [0.128, 1.256, 0.617, 0.731]])
LMF_AL1 = np.array([[0.808454651439, 0.363547459718, 0.50999866688, 0.717075285493]])
# compute_cost
COST = 0.492738650678
COST1 = 0.287682072452
# linear_backward on _layer_inputs()
LB_DA = np.array([[1.74, -0.15, -1.0],
                  [-0.07, 1.64, -1.15]])
LB_DW = np.array([[1.18333333333, -0.166666666667],
                  [-0.35, 0.51],
                  [-0.433333333333, -0.22],
                  [-0.716666666667, 0.496666666667]])
LB_DB = np.array([[-0.0333333333333],
                  [0.333333333333],
                  [0.133333333333],
                  [-0.266666666667]])
# linear_activation_backward on _layer_inputs()
LAB_SIG_DA = np.array([[-0.0555477377734, -0.0845890410048, 0.176043393852],
                       [0.0413670181409, 0.205302982104, -0.20734779239]])
LAB_SIG_DW = np.array([[0.186159174663, -0.00648359220121],
                       [-0.0104604171299, -0.0910490715218],
                       [-0.203787919264, 0.06501764902],
                       [0.130599898732, 0.0997412244963]])
LAB_SIG_DB = np.array([[0.0674647881122],
                       [-0.0395856917185],
                       [0.0310425963865],
                       [0.0829644308503]])
LAB_RELU_DA = np.array([[-0.55, -0.18, 1.01],
                        [0.44, 0.81, -0.31]])
LAB_RELU_DW = np.array([[0.666666666667, -0.233333333333],
                        [0.216666666667, -0.506666666667],
                        [-0.416666666667, 0.126666666667],
                        [0.3, 0.443333333333]])
LAB_RELU_DB = np.array([[0.333333333333],
                        [-0.166666666667],
                        [0.366666666667],
                        [0.5]])
# the forward pass of _small_caches() and the gradients L_model_backward returns
LMB_Z1 = np.array([[0.96, -0.39, 0.13],
                   [0.36, -0.44, 0.12],
                   [-1.38, 1.32, 0.48]])
LMB_A1 = np.array([[0.96, 0.0, 0.13],
                   [0.36, 0.0, 0.12],
                   [0.0, 1.32, 0.48]])
LMB_Z2 = np.array([[0.428, 0.56, 0.183]])
LMB_AL = np.array([[0.60539598591, 0.636452540282, 0.54562274932]])
LMB_GRADS = {"dA0": np.array([[-0.0118381204227, -0.190935762084, 0.122681857684],
                              [0.114435164086, 0.286403643127, -0.0727003601087]]),
             "dA1": np.array([[-0.276222809863, 0.445516778197, -0.318064075476],
                              [0.157841605636, -0.254581016113, 0.181750900272],
                              [-0.197302007045, 0.318226270141, -0.22718862534]]),
             "dW1": np.array([[-0.123880677502, 0.0680805805483],
                              [0.0707889585725, -0.0389031888848],
                              [-0.0757565742241, 0.0545685219922]]),
             "dW2": np.array([[-0.145962965371, -0.0655275717179, 0.207338757615]]),
             "db1": np.array([[-0.198095628446],
                              [0.113197501969],
                              [0.0303458816003]]),
             "db2": np.array([[-0.0708429081626]])}
LMB1_DW1 = np.array([[-0.203362364554, 0.209049732994]])


# --- the table of cases --------------------------------------------------------------------------

# Sizes the notebook itself uses (the cat pictures' [12288, 20, 7, 5, 1] and m = 209, the try-it
# cells' networks and batches, the toy problem's [2, 8, 4, 1] on 300 points): every function
# has a kind of other sizes (OTHER: widths and m; depth 5), so code reading the notebook's
# globals (layer_dims, m, X, parameters) fails.
NOTEBOOK_SIZES = {12288, 209, 20, 7, 5, 4, 3, 2, 6, 8, 16, 300}
OTHER = (9, 10, 11)
ANY_SIZE = ("It must work for any sizes: take every size from the arguments, not from variables "
            "of the notebook.")
M1 = "It must also work for a single example (m = 1)."
ONE_LAYER = "It must also work for a network of a single layer (L = 1)."
KINK = 1e-3         # no relu input within this distance of 0 (relu has no derivative there)


def _int(rng, low, high):
    """A python int in [low, high]."""
    return int(rng.integers(low, high + 1))


def _other(rng, k):
    """k sizes none of which the notebook uses."""
    return [int(v) for v in rng.choice(OTHER, k)]


def _layer(rng, n_prev, n, m):
    """A_prev (n_prev, m), W (n, n_prev), b (n, 1) of moderate scale; Z = W A_prev + b has
    entries of both signs (relu active and inactive) and none within KINK of 0."""
    while True:
        A_prev = rng.normal(0, 1, (n_prev, m))
        W = rng.normal(0, 1, (n, n_prev)) / np.sqrt(n_prev)
        b = rng.normal(0, 0.5, (n, 1))
        Z = W @ A_prev + b
        if np.min(np.abs(Z)) > KINK and np.any(Z > 0) and np.any(Z < 0):
            return A_prev, W, b


def _forward(A, parameters, start=1):
    """AL and the caches ((A_prev, W, b), Z) of layers start..L of the course's network, with
    the given activations: builds inputs of L_model_backward and is the visible tests' oracle."""
    L = len(parameters) // 2
    caches = []
    for l in range(start, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b                                       # (n[l], m)
        caches.append(((A, W, b), Z))
        A = (sigmoid if l == L else relu)(Z)[0]
    return A, caches


def _network(rng, dims, m):
    """X (dims[0], m), parameters W1..WL, b1..bL, labels Y (1, m) of both kinds where m > 1;
    redrawn until no Z of any layer is within KINK of 0 (numerical gradients stay smooth)."""
    while True:
        X = rng.normal(0, 1, (dims[0], m))
        parameters = {}
        for l in range(1, len(dims)):
            parameters[f"W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
            parameters[f"b{l}"] = rng.normal(0, 0.5, (dims[l], 1))
        Y = (rng.random((1, m)) < 0.5).astype(float)
        if m > 1:
            Y[0, :2] = (1.0, 0.0)
        if min(np.min(np.abs(Z)) for _, Z in _forward(X, parameters)[1]) > KINK:
            return X, parameters, Y


def _dims(rng, kind):
    """layer_dims and m of a network of this kind."""
    if kind == "sizes":                     # depth 5, widths and m the notebook does not use
        return _other(rng, 5) + [1], _other(rng, 1)[0]
    if kind == "L1":
        return [_int(rng, 2, 5), 1], _int(rng, 2, 6)
    depth = _int(rng, 2, 4)
    dims = [_int(rng, 2, 5) for _ in range(depth)] + [1]
    return dims, (1 if kind == "m1" else _int(rng, 3, 7))


def _net_label(dims, m):
    return f"a network with layer_dims {dims} and m = {m}"


def _init_case(rng, kind):
    dims = _other(rng, 3) if kind == "sizes" else [_int(rng, 1, 6) for _ in range(3)]
    return Case(tuple(dims), label="n_x={}, n_h={}, n_y={}".format(*dims))


def _deep_case(rng, kind):
    if kind == "main":
        dims = [_int(rng, 1, 6) for _ in range(_int(rng, 3, 5))]
    else:
        dims = _dims(rng, kind)[0]
    return Case((dims,), label=f"layer_dims={dims}")


def _linear_sizes(rng, kind):
    """(n_prev, n, m) of a layer of this kind."""
    if kind == "sizes":
        return tuple(_other(rng, 3))
    return _int(rng, 2, 6), _int(rng, 2, 6), (1 if kind == "m1" else _int(rng, 3, 7))


def _lf_case(rng, kind):
    n_prev, n, m = _linear_sizes(rng, kind)
    return Case(_layer(rng, n_prev, n, m), label=f"A ({n_prev}, {m}), W ({n}, {n_prev})")


def _laf_case(rng, kind, activation):
    n_prev, n, m = _linear_sizes(rng, kind)
    return Case((*_layer(rng, n_prev, n, m), activation),
                label=f'A_prev ({n_prev}, {m}), W ({n}, {n_prev}), activation="{activation}"')


def _lmf_case(rng, kind):
    dims, m = _dims(rng, kind)
    X, parameters, _ = _network(rng, dims, m)
    return Case((X, parameters), label=_net_label(dims, m))


def _cost_case(rng, kind):
    m = {"m1": 1, "sizes": _other(rng, 1)[0]}.get(kind) or _int(rng, 3, 8)
    AL = rng.uniform(0.05, 0.95, (1, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    Y[0, 0] = 0.0    # so that forgetting the (1 - Y) term shows, even for one example
    return Case((AL, Y), label=f"AL and Y of shape (1, {m})")


def _lb_case(rng, kind):
    n_prev, n, m = _linear_sizes(rng, kind)
    cache = _layer(rng, n_prev, n, m)
    return Case((rng.normal(0, 1, (n, m)), cache), label=f"dZ ({n}, {m}), A_prev ({n_prev}, {m})")


def _lab_case(rng, kind, activation):
    n_prev, n, m = _linear_sizes(rng, kind)
    A_prev, W, b = _layer(rng, n_prev, n, m)
    Z = W @ A_prev + b
    dA = rng.normal(0, 1, (n, m))
    while activation == "relu" and np.array_equal(dA > 0, Z > 0):
        dA = rng.normal(0, 1, (n, m))       # so that a relu slope taken from dA shows
    return Case((dA, ((A_prev, W, b), Z), activation),
                label=f'dA ({n}, {m}), A_prev ({n_prev}, {m}), activation="{activation}"')


def _lmb_case(rng, kind):
    dims, m = _dims(rng, kind)
    X, parameters, Y = _network(rng, dims, m)
    AL, caches = _forward(X, parameters)
    return Case((AL, Y, caches), label=_net_label(dims, m))


def _update_case(rng, kind):
    if kind == "sizes":
        dims, m = _other(rng, 5) + [1], _other(rng, 1)[0]
    else:
        dims, m = [_int(rng, 2, 5) for _ in range(_int(rng, 2, 4))] + [1], 3
    X, parameters, _ = _network(rng, dims, m)
    grads = {}
    for l in range(1, len(dims)):
        grads[f"dA{l - 1}"] = rng.normal(0, 1, (dims[l - 1], m))
        grads[f"dW{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1]))
        grads[f"db{l}"] = rng.normal(0, 1, (dims[l], 1))
    lr = float(rng.uniform(0.05, 0.5))
    return Case((parameters, grads, lr), label=f"layer_dims {dims}, learning_rate={lr:.3f}")


def _kinds(make, *others, main_weight=2, draws=2):
    """Kind "main" (weight main_weight, `draws` fresh cases), then one Kind per (name, says)."""
    return ([Kind("main", lambda rng: make(rng, "main"), weight=main_weight, draws=draws)]
            + [Kind(name, lambda rng, name=name: make(rng, name), says=says)
               for name, says in others])


ACTIVATION_LAF = 'depending on the argument `activation` (the string `"sigmoid"` or `"relu"`)'
ACTIVATION_LAB = ("compute `dZ` with `relu_backward` or `sigmoid_backward`, according to "
                  "`activation`")

# {function: [Kind]}: a function's points are split over its kinds by weight, and a kind's share
# equally over the parts the judge checks (grader/test_week4_deep_nn_step_by_step.py).
TABLE = {
    "initialize_parameters": _kinds(_init_case, ("sizes", ANY_SIZE), main_weight=1),
    "initialize_parameters_deep": _kinds(_deep_case, ("L1", ONE_LAYER), ("sizes", ANY_SIZE)),
    "linear_forward": _kinds(_lf_case, ("m1", M1), ("sizes", ANY_SIZE)),
    "linear_activation_forward": [
        Kind("main", lambda rng: _laf_case(rng, "main", "relu")),
        Kind("sigmoid", lambda rng: _laf_case(rng, "main", "sigmoid"), says=ACTIVATION_LAF),
        Kind("m1", lambda rng: _laf_case(rng, "m1", "relu"), says=M1),
        Kind("sizes", lambda rng: _laf_case(rng, "sizes", "sigmoid"), says=ANY_SIZE)],
    "L_model_forward": _kinds(_lmf_case, ("L1", ONE_LAYER), ("m1", M1), ("sizes", ANY_SIZE)),
    "compute_cost": _kinds(_cost_case, ("m1", M1), ("sizes", ANY_SIZE)),
    "linear_backward": _kinds(_lb_case, ("m1", M1), ("sizes", ANY_SIZE)),
    "linear_activation_backward": [
        Kind("main", lambda rng: _lab_case(rng, "main", "relu")),
        Kind("sigmoid", lambda rng: _lab_case(rng, "main", "sigmoid"), says=ACTIVATION_LAB),
        Kind("m1", lambda rng: _lab_case(rng, "m1", "sigmoid"), says=M1),
        Kind("sizes", lambda rng: _lab_case(rng, "sizes", "relu"), says=ANY_SIZE)],
    "L_model_backward": _kinds(_lmb_case, ("L1", ONE_LAYER), ("m1", M1), ("sizes", ANY_SIZE)),
    "update_parameters": _kinds(_update_case, ("sizes", ANY_SIZE)),
}


def _drawn(name, kind):
    """The visible draw of `kind` for `name`, with fresh copies of its arrays, and its label."""
    case = visible_case(TABLE, name, kind)
    return _copied(case.args), case.label


def _copied(value):
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_copied(v) for v in value)
    return value



def _layer_inputs():
    """A_prev (2, 3), W (4, 2), b (4, 1): a layer of 4 units after a layer of 2, m = 3."""
    A_prev = np.array([[0.5, -1.5, 2.0],
                       [1.0, 0.2, -0.7]])
    W = np.array([[0.3, -0.6],
                  [1.1, 0.4],
                  [-0.2, 0.9],
                  [0.5, 0.5]])
    b = np.array([[0.2], [-0.1], [0.05], [-0.4]])
    return A_prev, W, b


def _scale_hint(found, expected, m, default):
    return scale_hint(found, expected, m, default, too_small="divide by m only in dW and db")


SHAPE_HINT = "W[l] is (n[l], n[l-1]) and b[l] is the column (n[l], 1)"


def initialize_parameters_test(target):
    """initialize_parameters(2, 3, 1): shapes, zero biases and the values of seed 1; then the
    drawn kind "sizes"."""
    parameters = target(2, 3, 1)
    check_keys(parameters, ["W1", "b1", "W2", "b2"], "parameters",
               hint="return the dict of the template")
    hint = ("call np.random.seed(1) once, then W1 = np.random.randn(n_h, n_x) * 0.01, then W2 "
            "the same way")
    check_array(parameters["W1"], INIT2_W1, "W1", hint=hint, shape_hint=SHAPE_HINT)
    check_array(parameters["b1"], np.zeros((3, 1)), "b1", hint="biases start at zero",
                shape_hint=SHAPE_HINT)
    check_array(parameters["W2"], INIT2_W2, "W2", hint=hint, shape_hint=SHAPE_HINT)
    check_array(parameters["b2"], np.zeros((1, 1)), "b2", hint="biases start at zero",
                shape_hint=SHAPE_HINT)
    (n_x, n_h, n_y), label = _drawn("initialize_parameters", "sizes")
    parameters = target(n_x, n_h, n_y)
    check_keys(parameters, ["W1", "b1", "W2", "b2"], f"parameters for {label}",
               hint="return the dict of the template")
    draws = np.random.RandomState(1)        # numpy's draws after np.random.seed(1)
    expected = {"W1": draws.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
                "W2": draws.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}
    for name, value in expected.items():
        check_array(parameters[name], value, f"{name} for {label}", shape_hint=SHAPE_HINT,
                    hint=f"take n_x, n_h, n_y from the arguments: {hint}")
    print("All tests passed.")


def initialize_parameters_deep_test(target):
    """initialize_parameters_deep([4, 3, 2]) with the values of seed 3, then [5, 1] (L = 1);
    then the drawn kinds "L1" and "sizes" (depth 5)."""
    parameters = target([4, 3, 2])
    check_keys(parameters, ["W1", "b1", "W2", "b2"], "parameters",
               hint="one W and one b for each layer l = 1..L, with L = len(layer_dims) - 1")
    if "W0" in parameters or "W3" in parameters:
        raise CheckError("parameters has a key W0 or W3, expected only W1, b1, W2, b2: "
                         "loop over l = 1..L, with L = len(layer_dims) - 1")
    hint = ("call np.random.seed(3) once, before the loop, then "
            "np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01 for l = 1, 2, ...")
    check_array(parameters["W1"], DEEP_W1, "W1", hint=hint, shape_hint=SHAPE_HINT)
    check_array(parameters["W2"], DEEP_W2, "W2", hint=hint, shape_hint=SHAPE_HINT)
    for name, rows in (("b1", 3), ("b2", 2)):
        check_array(parameters[name], np.zeros((rows, 1)), name, hint="biases start at zero",
                    shape_hint=SHAPE_HINT)
    one_layer = target([5, 1])
    check_keys(one_layer, ["W1", "b1"], "initialize_parameters_deep([5, 1])",
               hint="layer_dims = [5, 1] is a network of one layer")
    if len(one_layer) != 2:
        raise CheckError(f"initialize_parameters_deep([5, 1]) has the keys {sorted(one_layer)}, "
                         "expected only W1 and b1: a network of one layer")
    check_array(one_layer["W1"], DEEP1_W1, "W1 of [5, 1]", hint=hint, shape_hint=SHAPE_HINT)
    for kind in ("L1", "sizes"):
        (dims,), label = _drawn("initialize_parameters_deep", kind)
        parameters = target(list(dims))
        keys = [f"{p}{l}" for l in range(1, len(dims)) for p in "Wb"]
        check_keys(parameters, keys, f"parameters for {label}",
                   hint="one W and one b for each layer l = 1..L, with L = len(layer_dims) - 1")
        if len(parameters) != len(keys):
            raise CheckError(f"parameters for {label} has the keys {sorted(parameters)}, "
                             f"expected exactly {sorted(keys)}")
        draws = np.random.RandomState(3)    # numpy's draws after np.random.seed(3)
        for l in range(1, len(dims)):
            check_array(parameters[f"W{l}"], draws.randn(dims[l], dims[l - 1]) * 0.01,
                        f"W{l} for {label}", hint=hint, shape_hint=SHAPE_HINT)
            check_array(parameters[f"b{l}"], np.zeros((dims[l], 1)), f"b{l} for {label}",
                        hint="biases start at zero", shape_hint=SHAPE_HINT)
    print("All tests passed.")


def _check_linear_cache(cache, A_prev, W, b, name):
    check_tuple(cache, 3, name, hint="the linear cache is the tuple (A, W, b)")
    for found, expected, part in zip(cache, (A_prev, W, b), ("A", "W", "b")):
        check_array(found, expected, f"{part} in {name}",
                    hint="the linear cache is (A, W, b), in this order")


def linear_forward_test(target):
    """Z and the cache for a layer of 4 units after a layer of 2, m = 3; then the drawn kinds
    "m1" and "sizes"."""
    A_prev, W, b = _layer_inputs()
    out = target(A_prev.copy(), W.copy(), b.copy())
    check_tuple(out, 2, "linear_forward(A, W, b)", hint="return Z, cache")
    Z, cache = out
    check_array(Z, LF_Z, "Z", hint="Z = np.dot(W, A) + b",
                shape_hint="Z has one row per unit and one column per example: (4, 3)")
    _check_linear_cache(cache, A_prev, W, b, "cache")
    for kind in ("m1", "sizes"):
        (A_prev, W, b), label = _drawn("linear_forward", kind)
        out = target(A_prev.copy(), W.copy(), b.copy())
        check_tuple(out, 2, f"linear_forward({label})", hint="return Z, cache")
        Z, cache = out
        expected = sum(W[:, [j]] * A_prev[j] for j in range(W.shape[1])) + b   # one term per unit
        check_array(Z, expected, f"Z for {label}",
                    hint="Z = np.dot(W, A) + b, with the sizes of the arguments",
                    shape_hint=f"Z is (rows of W, columns of A): {expected.shape}")
        _check_linear_cache(cache, A_prev, W, b, f"the cache for {label}")
    print("All tests passed.")


def linear_activation_forward_test(target):
    """A and the cache with each activation, on the inputs of linear_forward_test; then the
    drawn kinds "sigmoid", "m1" and "sizes"."""
    A_prev, W, b = _layer_inputs()
    expected = {"sigmoid": LAF_SIGMOID,
                "relu": LAF_RELU}
    for activation, other in (("sigmoid", "relu"), ("relu", "sigmoid")):
        out = target(A_prev.copy(), W.copy(), b.copy(), activation)
        check_tuple(out, 2, f'linear_activation_forward(..., "{activation}")',
                    hint="return A, cache")
        A, cache = out
        if isinstance(A, tuple):
            raise CheckError(f"A is a tuple, expected an array: {activation}(Z) returns the pair "
                             f"(A, activation_cache); unpack it")
        check_array(A, expected[activation], f'A with activation="{activation}"',
                    hint=f'A = {activation}(Z) when activation == "{activation}", not {other}')
        check_tuple(cache, 2, "cache", hint="cache = (linear_cache, activation_cache)")
        linear_cache, activation_cache = cache
        if isinstance(linear_cache, np.ndarray):
            raise CheckError("cache is (activation_cache, linear_cache), expected "
                             "(linear_cache, activation_cache)")
        _check_linear_cache(linear_cache, A_prev, W, b, "the linear cache")
        check_array(activation_cache, LF_Z, "the activation cache",
                    hint="the activation cache is Z, the second value returned by "
                         f"{activation}(Z)")
    for kind in ("sigmoid", "m1", "sizes"):
        (A_prev, W, b, activation), label = _drawn("linear_activation_forward", kind)
        out = target(A_prev.copy(), W.copy(), b.copy(), activation)
        check_tuple(out, 2, f"linear_activation_forward({label})", hint="return A, cache")
        A, cache = out
        Z = W @ A_prev + b
        g = {"sigmoid": sigmoid, "relu": relu}[activation]
        check_array(A, g(Z)[0], f"A for {label}", hint=f'A = {activation}(Z) when activation == '
                    f'"{activation}", with Z from linear_forward')
        check_tuple(cache, 2, f"the cache for {label}",
                    hint="cache = (linear_cache, activation_cache)")
        _check_linear_cache(cache[0], A_prev, W, b, f"the linear cache for {label}")
        check_array(cache[1], Z, f"the activation cache for {label}",
                    hint=f"the activation cache is Z, the second value returned by {activation}(Z)")
    print("All tests passed.")


def _small_network():
    """X (2, 4) and the parameters of the network [2, 3, 2, 1]."""
    X = np.array([[1.0, -0.5, 0.3, 2.0],
                  [-1.2, 0.8, 0.4, 0.1]])
    parameters = {"W1": np.array([[0.5, -0.3], [0.8, 0.2], [-0.6, 0.9]]),
                  "b1": np.array([[0.1], [-0.2], [0.3]]),
                  "W2": np.array([[0.7, -0.4, 0.5], [-0.3, 0.6, 0.8]]),
                  "b2": np.array([[-0.1], [0.2]]),
                  "W3": np.array([[1.2, -0.9]]),
                  "b3": np.array([[0.05]])}
    return X, parameters


def L_model_forward_test(target):
    """The network [2, 3, 2, 1] on 4 examples, then a network of one layer; then the drawn
    kinds "L1", "m1" and "sizes" (depth 5), against the given activations."""
    X, parameters = _small_network()
    out = target(X.copy(), {k: v.copy() for k, v in parameters.items()})
    check_tuple(out, 2, "L_model_forward(X, parameters)", hint="return AL, caches")
    AL, caches = out
    hint = "[LINEAR -> RELU] for layers 1..L-1, then LINEAR -> SIGMOID for layer L"
    check_array(AL, LMF_AL, "AL", hint=hint,
                shape_hint="AL is the output of the last layer: (1, m)")
    if not isinstance(caches, (list, tuple)) or len(caches) != 3:
        n = len(caches) if isinstance(caches, (list, tuple)) else type(caches).__name__
        raise CheckError(f"caches has {n} entries, expected 3 (one per layer, the output "
                         "layer's too)")
    check_tuple(caches[0], 2, "caches[0]", hint="each cache is (linear_cache, activation_cache)")
    _check_linear_cache(caches[0][0], X, parameters["W1"], parameters["b1"],
                        "the linear cache of layer 1")
    check_array(caches[1][1], LMF_Z2, "Z of layer 2 (caches[1][1])", hint=hint)
    # one layer: no hidden layer at all, only LINEAR -> SIGMOID
    one = {"W1": np.array([[0.4, -0.7]]), "b1": np.array([[0.2]])}
    out = target(X.copy(), one)
    check_tuple(out, 2, "L_model_forward(X, parameters) with one layer", hint="return AL, caches")
    AL, caches = out
    check_array(AL, LMF_AL1, "AL of a network with one layer",
                hint="with L = 1 there is no relu layer: only the sigmoid output layer")
    if len(caches) != 1:
        raise CheckError(f"caches of a network with one layer has {len(caches)} entries, "
                         "expected 1")
    for kind in ("L1", "m1", "sizes"):
        (X, parameters), label = _drawn("L_model_forward", kind)
        out = target(X.copy(), _copied(parameters))
        check_tuple(out, 2, f"L_model_forward({label})", hint="return AL, caches")
        AL, caches = out
        expected_AL, expected = _forward(X, parameters)
        check_array(AL, expected_AL, f"AL for {label}", hint=hint,
                    shape_hint="AL is the output of the last layer: (1, m)")
        if not isinstance(caches, (list, tuple)) or len(caches) != len(expected):
            raise CheckError(f"caches for {label} is not a list of L = {len(expected)} caches: "
                             "append one cache per layer, the output layer's too")
        for l, (found, ((A_prev, W, b), Z)) in enumerate(zip(caches, expected), start=1):
            check_tuple(found, 2, f"caches[{l - 1}] for {label}",
                        hint="each cache is (linear_cache, activation_cache)")
            _check_linear_cache(found[0], A_prev, W, b,
                                f"the linear cache of layer {l} for {label}")
            check_array(found[1], Z, f"Z of layer {l} (caches[{l - 1}][1]) for {label}", hint=hint)
    print("All tests passed.")


def compute_cost_test(target):
    """The cost of 5 predictions, then of a single one; then the drawn kinds "m1" and "sizes"."""
    AL = np.array([[0.7, 0.2, 0.95, 0.4, 0.6]])
    Y = np.array([[1.0, 0.0, 1.0, 1.0, 0.0]])
    cost = target(AL.copy(), Y.copy())
    if not is_number(cost):
        what = (f"an array of shape {cost.shape}" if isinstance(cost, np.ndarray)
                else f"of type {type(cost).__name__}")
        raise CheckError(f"cost is {what}, expected a number: use np.squeeze(cost)")
    formula = "J = -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL))"
    check_scalar(cost, COST, "cost", hint=_scale_hint(cost, COST, 5, formula))
    check_scalar(target(np.array([[0.25]]), np.array([[0.0]])), COST1,
                 "the cost of AL = [[0.25]], Y = [[0]]", hint="keep the (1 - Y) log(1 - AL) term")
    for kind in ("m1", "sizes"):
        (AL, Y), label = _drawn("compute_cost", kind)
        cost = target(AL.copy(), Y.copy())
        # the loss of an example is -log of the probability given to its true label
        expected = float(np.mean(-np.log(np.where(Y == 1, AL, 1 - AL))))
        if not is_number(cost):
            raise CheckError(f"the cost for {label} is {type(cost).__name__} of shape "
                             f"{np.shape(cost)}, expected a number: use np.squeeze(cost)")
        check_scalar(cost, expected, f"the cost for {label}",
                     hint=_scale_hint(cost, expected, Y.shape[1], "take m from Y.shape[1]: "
                                      + formula))
    print("All tests passed.")


def _gradients(out, name):
    check_tuple(out, 3, name, hint="return dA_prev, dW, db")
    return out


def linear_backward_test(target):
    """Known values, then the slope of J = sum(dZ * (W A_prev + b)), on the inputs above and
    on the drawn kinds "m1" and "sizes"."""
    A_prev, W, b = _layer_inputs()
    dZ = np.array([[0.3, -1.2, 0.8],
                   [1.1, 0.4, -0.5],
                   [-0.7, 0.9, 0.2],
                   [0.6, -0.1, -1.3]])
    dA_prev, dW, db = _gradients(target(dZ.copy(), (A_prev.copy(), W.copy(), b.copy())),
                                 "linear_backward(dZ, cache)")
    check_array(dA_prev, LB_DA, "dA_prev",
                hint=_scale_hint(dA_prev, LB_DA, 3, "dA_prev = np.dot(W.T, dZ)"),
                shape_hint="dA_prev has the shape of A_prev: (2, 3)")
    check_array(dW, LB_DW, "dW", hint=_scale_hint(dW, LB_DW, 3,
                                                        "dW = np.dot(dZ, A_prev.T) / m"),
                shape_hint="dW has the shape of W: (4, 2)")
    check_array(db, LB_DB, "db",
                hint=_scale_hint(db, LB_DB, 3, "db = np.sum(dZ, axis=1, keepdims=True) / m"),
                shape_hint="db has the shape of b, (4, 1): use keepdims=True")
    # J = sum(dZ * Z) has dJ/dZ = dZ; the course averages dW and db over the m = 3 examples
    J = lambda: float(np.sum(dZ * (np.dot(W, A_prev) + b)))  # noqa: E731
    check_array(dA_prev, numerical_gradient(J, A_prev, h=1e-6), "dA_prev", rtol=1e-5,
                atol=1e-7,
                hint="it is not the derivative of sum(dZ * Z) with respect to A_prev")
    check_array(dW, numerical_gradient(J, W, h=1e-6) / 3, "dW", rtol=1e-5, atol=1e-7,
                hint="it is not (1/m) times the derivative of sum(dZ * Z) with respect to W")
    for kind in ("m1", "sizes"):
        (dZ, (A_prev, W, b)), label = _drawn("linear_backward", kind)
        out = _gradients(target(dZ.copy(), (A_prev.copy(), W.copy(), b.copy())),
                         f"linear_backward({label})")
        _check_slopes(out, lambda A_, W_, b_: np.sum(dZ * (W_ @ A_ + b_)), (A_prev, W, b), label,
                      "of sum(dZ * Z)")
    print("All tests passed.")


def _check_slopes(grads, J, inputs, label, what):
    """(dA_prev, dW, db) against central differences of J(A_prev, W, b): dA_prev = dJ/dA_prev,
    dW = dJ/dW / m, db = dJ/db / m (the course averages only dW and db over the m examples).
    With h = 1e-6 a right gradient agrees to about 1e-9; a wrong one is off by far more."""
    inputs = [np.array(x, dtype=float) for x in inputs]
    m = inputs[0].shape[1]
    hints = {"dA_prev": "dA_prev = np.dot(W.T, dZ), with no 1/m",
             "dW": "dW = np.dot(dZ, A_prev.T) / m, with m = A_prev.shape[1]",
             "db": "db = np.sum(dZ, axis=1, keepdims=True) / m"}
    for (part, hint), found, x, scale in zip(hints.items(), grads, inputs, (1, m, m)):
        slope = numerical_gradient(lambda: float(J(*inputs)), x, h=1e-6) / scale
        check_array(found, slope, f"{part} for {label}", rtol=1e-5, atol=1e-7,
                    hint=f"it is not the slope {what}: {hint}",
                    shape_hint=f"{part} has the shape of {part[1:].split('_')[0]}: {slope.shape}")


def linear_activation_backward_test(target):
    """Known values with each activation, and the slope of J = sum(dA * g(W A_prev + b)), also
    on the drawn kinds "sigmoid", "m1" and "sizes"."""
    A_prev, W, b = _layer_inputs()
    Z = LF_Z
    dA = np.array([[0.5, -0.4, 1.0],
                   [-1.1, 0.3, 0.6],
                   [0.2, 0.9, -0.8],
                   [1.4, -0.6, 0.1]])
    expected = {"sigmoid": (LAB_SIG_DA, LAB_SIG_DW, LAB_SIG_DB),
                "relu": (LAB_RELU_DA, LAB_RELU_DW, LAB_RELU_DB)}
    functions = {"sigmoid": sigmoid, "relu": relu}
    for activation, (exp_dA_prev, exp_dW, exp_db) in expected.items():
        cache = ((A_prev.copy(), W.copy(), b.copy()), Z.copy())
        dA_prev, dW, db = _gradients(target(dA.copy(), cache, activation),
                                     f'linear_activation_backward(dA, cache, "{activation}")')
        hint = (f"dZ = {activation}_backward(dA, activation_cache), then "
                "linear_backward(dZ, linear_cache)")
        slip = (f"dZ = dA * g'(Z), the slope of {activation} at Z, not dA * {activation}(Z): "
                f"use {activation}_backward(dA, activation_cache)")
        wrong_dZ = dA * functions[activation](Z)[0]                     # dA * g(Z)
        check_array(dA_prev, exp_dA_prev, f"dA_prev with {activation}", hint=lambda: hint_for(
            dA_prev, exp_dA_prev, [(slip, W.T @ wrong_dZ)], default=hint))
        check_array(dW, exp_dW, f"dW with {activation}", hint=lambda: hint_for(
            dW, exp_dW, [(slip, wrong_dZ @ A_prev.T / 3)], default=hint))
        check_array(db, exp_db, f"db with {activation}", hint=hint,
                    shape_hint="db has the shape of b: (4, 1)")
        g = functions[activation]
        A_num = A_prev.copy()
        J = lambda: float(np.sum(dA * g(np.dot(W, A_num) + b)[0]))  # noqa: E731
        check_array(dA_prev, numerical_gradient(J, A_num, h=1e-6), f"dA_prev with {activation}",
                    rtol=1e-5, atol=1e-7,
                    hint="it is not the derivative of sum(dA * A) with respect to A_prev")
    for kind in ("sigmoid", "m1", "sizes"):
        (dA, ((A_prev, W, b), Z), activation), label = _drawn("linear_activation_backward", kind)
        out = _gradients(target(dA.copy(), ((A_prev.copy(), W.copy(), b.copy()), Z.copy()),
                                activation), f"linear_activation_backward({label})")
        g = functions[activation]
        _check_slopes(out, lambda A_, W_, b_: np.sum(dA * g(W_ @ A_ + b_)[0]), (A_prev, W, b),
                      label, f"of sum(dA * {activation}(Z)): dZ = {activation}_backward(dA, "
                      "activation_cache), then linear_backward")
    print("All tests passed.")


def _small_caches():
    """AL (1, 3), Y (1, 3) and the caches of a forward pass through the network [2, 3, 1]."""
    X = np.array([[1.0, -0.5, 0.3],
                  [-1.2, 0.8, 0.4]])
    W1 = np.array([[0.5, -0.3], [0.8, 0.2], [-0.6, 0.9]])
    b1 = np.array([[0.1], [-0.2], [0.3]])
    Z1 = LMB_Z1
    A1 = LMB_A1
    W2 = np.array([[0.7, -0.4, 0.5]])
    b2 = np.array([[-0.1]])
    Z2 = LMB_Z2
    AL = LMB_AL
    Y = np.array([[1.0, 0.0, 1.0]])
    return AL, Y, [((X, W1, b1), Z1), ((A1, W2, b2), Z2)]


def L_model_backward_test(target):
    """The gradients of the network [2, 3, 1] on 3 examples, then of a network of one layer;
    then the slopes of the cost on the drawn kinds "L1", "m1" and "sizes"."""
    AL, Y, caches = _small_caches()
    grads = target(AL.copy(), Y.copy(), caches)
    keys = ["dA0", "dA1", "dW1", "db1", "dW2", "db2"]
    check_keys(grads, keys, "grads", hint="grads['dA' + str(l)] is the gradient with respect "
               "to A[l], l = 0..L-1; dW and db are numbered 1..L")
    if len(grads) != len(keys):
        raise CheckError(f"grads has the keys {sorted(grads)}, expected exactly {sorted(keys)}")
    expected = LMB_GRADS
    hint = ("start from dAL = -(Y/AL - (1 - Y)/(1 - AL)); layer L goes back through sigmoid, "
            "layers L-1..1 through relu")
    for name in keys:
        check_array(grads[name], expected[name], f"grads['{name}']", hint=hint)
    # one layer: only the sigmoid output layer
    X, W1, b1 = caches[0][0]
    Z = np.array([[0.4, -0.9, 1.3]])
    AL1 = sigmoid(Z)[0]
    grads = target(AL1, Y.copy(), [((X.copy(), np.array([[0.3, -0.5]]), np.array([[0.1]])), Z)])
    check_keys(grads, ["dA0", "dW1", "db1"], "grads of a network with one layer",
               hint="with L = 1 the loop over the relu layers does nothing")
    check_array(grads["dW1"], LMB1_DW1, "grads['dW1'] of a network with one layer", hint=hint)
    for kind in ("L1", "m1", "sizes"):
        (AL, Y, caches), label = _drawn("L_model_backward", kind)
        grads = target(AL.copy(), Y.copy(), _copied(caches))
        _check_cost_slopes(grads, Y, caches, label, hint)
    print("All tests passed.")


def _cross_entropy(AL, Y):
    return float(np.mean(-np.log(np.where(Y == 1, AL, 1 - AL))))


def _check_cost_slopes(grads, Y, caches, label, hint):
    """grads against central differences of the cost J: dW[l] = dJ/dW[l], db[l] = dJ/db[l],
    and grads["dA" + str(l)] = m dJ/dA[l] (the course's dA differentiates the sum of the
    losses). With h = 1e-5 a right gradient agrees to about 1e-9."""
    L, m = len(caches), Y.shape[1]
    keys = [f"dA{l}" for l in range(L)] + [f"d{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    check_keys(grads, keys, f"grads for {label}", hint="grads['dA' + str(l)] for l = 0..L-1, "
               "dW and db numbered 1..L")
    parameters = {}
    for l, ((_, W, b), _) in enumerate(caches, start=1):
        parameters[f"W{l}"] = np.array(W, dtype=float)
        parameters[f"b{l}"] = np.array(b, dtype=float)
    for l in range(L):
        A = np.array(caches[l][0][0], dtype=float)              # A[l], the input of layer l + 1
        J = lambda: _cross_entropy(_forward(A, parameters, l + 1)[0], Y)  # noqa: E731
        slope = m * numerical_gradient(J, A)
        check_array(grads[f"dA{l}"], slope, f"grads['dA{l}'] for {label}", rtol=1e-4, atol=1e-7,
                    hint=f"it is not m times the slope of the cost: {hint}")
    X = np.array(caches[0][0][0], dtype=float)
    for k, x in parameters.items():
        slope = numerical_gradient(lambda: _cross_entropy(_forward(X, parameters)[0], Y), x)
        check_array(grads["d" + k], slope, f"grads['d{k}'] for {label}", rtol=1e-4, atol=1e-7,
                    hint=f"it is not the slope of the cost: {hint}")


def update_parameters_test(target):
    """One step with learning_rate = 0.1 on a network of two layers, then on the drawn kind
    "sizes"; the caller's dict must stay as it was."""
    parameters = {"W1": np.array([[0.5, -0.3], [0.8, 0.2], [-0.6, 0.9]]),
                  "b1": np.array([[0.1], [-0.2], [0.3]]),
                  "W2": np.array([[0.7, -0.4, 0.5]]),
                  "b2": np.array([[-0.1]])}
    grads = {"dW1": np.array([[1.0, -2.0], [0.5, 0.0], [-1.5, 3.0]]),
             "db1": np.array([[0.2], [0.4], [-0.6]]),
             "dW2": np.array([[-1.0, 2.5, 0.3]]),
             "db2": np.array([[0.8]]),
             "dA0": np.ones((2, 3)), "dA1": np.ones((3, 3))}
    mine = {k: v.copy() for k, v in parameters.items()}
    new = target(mine, grads, 0.1)
    check_keys(new, list(parameters), "the updated parameters",
               hint="return every parameter, with the same keys")
    for name, value in parameters.items():
        if not np.array_equal(mine[name], value):
            raise CheckError(f"update_parameters changed the caller's {name} in place, expected "
                             "the dict passed in to stay as it was: keep the template's "
                             "parameters = copy.deepcopy(params) and update the copy")
    for name, value in parameters.items():
        expected = value - 0.1 * grads["d" + name]
        check_array(new[name], expected, name,
                    hint=f"{name} = {name} - learning_rate * d{name}, for every layer l = 1..L")
    (parameters, grads, learning_rate), label = _drawn("update_parameters", "sizes")
    mine = _copied(parameters)
    new = target(mine, grads, learning_rate)
    check_keys(new, list(parameters), f"the updated parameters for {label}",
               hint="return every parameter, with the same keys")
    for name, value in parameters.items():
        if not np.array_equal(mine[name], value):
            raise CheckError(f"update_parameters({label}) changed the caller's {name} in place, "
                             "expected the dict passed in to stay as it was: keep the template's "
                             "parameters = copy.deepcopy(params) and update the copy")
        check_array(new[name], value - learning_rate * grads["d" + name], f"{name} for {label}",
                    hint=f"{name} = {name} - learning_rate * d{name}, for every layer l = 1..L "
                    "(L = len(parameters) // 2)")
    print("All tests passed.")
