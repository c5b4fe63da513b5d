"""Hidden checks for week 4, building a deep network step by step. Run only by the judge.

`cases(rng)` chooses the inputs for one submission: networks of depth L = 1, 2, 3 and 4 with
random widths, parameters of moderate scale, and m = 1 among the batch sizes. Each test is one
check of one graded function (marker `checks(name)`); a function's score is the fraction of
its checks that pass. The three backward functions are compared with the reference and, as an
independent oracle, with central-difference gradients (grader.gradcheck) of a scalar built
from the forward pass.
"""
import numpy as np

from grader.gradcheck import check_against_numerical, numerical_gradient
from grader.judge import Case, checks
from grader.tables import changed_inputs
from grader.reference import week4_deep_nn_step_by_step as ref
from utils.checks import CheckError, check_keys, check_tuple, expect, hint_for, is_number

DEPENDS = {"linear_activation_forward": ["linear_forward"],
           "L_model_forward": ["linear_activation_forward", "linear_forward"],
           "linear_activation_backward": ["linear_backward"],
           "L_model_backward": ["linear_activation_backward", "linear_backward"]}

RTOL, ATOL = 1e-4, 1e-7    # float32 arithmetic in a submission is accepted
GRAD_TOL = 1e-5            # see _against_numerical
KINK = 1e-3                # no relu input within this distance of 0 (no derivative there)


# --- inputs ------------------------------------------------------------------------------

def _layer(rng, n_prev, n, m, dtype=float):
    """A_prev (n_prev, m), W (n, n_prev), b (n, 1) of moderate scale, with |W A_prev + b| > KINK."""
    while True:
        A_prev = rng.normal(0, 1, (n_prev, m))
        W = rng.normal(0, 1, (n, n_prev)) / np.sqrt(n_prev)
        b = rng.normal(0, 0.5, (n, 1))
        if np.min(np.abs(W @ A_prev + b)) > KINK:
            return A_prev.astype(dtype), W.astype(dtype), b.astype(dtype)


def _network(rng, dims, m):
    """X (dims[0], m), parameters {"W1".."WL", "b1".."bL"}, labels Y (1, m).

    Redrawn until no Z[l] of any layer is within KINK of 0, so that the numerical gradients
    never step across a kink of relu.
    """
    while True:
        X = rng.normal(0, 1, (dims[0], m))
        parameters = {}
        for l in range(1, len(dims)):
            parameters[f"W{l}"] = rng.normal(0, 1, (dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
            parameters[f"b{l}"] = rng.normal(0, 0.5, (dims[l], 1))
        _, caches = ref.L_model_forward(X, parameters)
        if min(np.min(np.abs(Z)) for _, Z in caches) > KINK:
            return X, parameters, (rng.random((1, m)) < 0.5).astype(float)


def _network_specs(rng):
    """(layer dims, m, label, tags): depths 1 to 4, one network with m = 1."""
    def w(low, high):
        return _int(rng, low, high)
    specs = [([w(2, 5), 1], 4, {"L1"}),
             ([w(3, 5), w(2, 4), 1], w(3, 6), {"main"}),
             ([w(2, 4), w(3, 5), w(2, 4), 1], w(4, 7), {"main"}),
             ([w(3, 5), 5, w(2, 4), 2, 1], w(3, 6), {"main"}),
             ([w(2, 4), w(2, 4), 3, 1], 1, {"m1"})]
    return [(dims, m, f"a network with layer_dims {dims} and m = {m}", tags)
            for dims, m, tags in specs]


def _first_layer_dW(AL, Y, caches, slope_from):
    """dW1 of a backward pass whose relu slope is read from Z (right) or from dA (a mistake)."""
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    L = len(caches)
    for l in reversed(range(1, L + 1)):
        linear_cache, Z = caches[l - 1]
        if l == L:
            dZ = ref.sigmoid_backward(dA, Z)
        else:
            dZ = np.where((Z if slope_from == "Z" else dA) > 0, dA, 0.0)
        dA, dW, _ = ref.linear_backward(dZ, linear_cache)
    return dW


def _int(rng, low, high):
    """A python int in [low, high]."""
    return int(rng.integers(low, high + 1))


def _init_cases(rng):
    two = [Case(dims, label=f"n_x={dims[0]}, n_h={dims[1]}, n_y={dims[2]}")
           for dims in ((3, 2, 1), (_int(rng, 2, 6), _int(rng, 3, 6), 2), (1, 1, 1))]
    deep = [Case((dims,), label=f"layer_dims={dims}")
            for dims in ([5, 4, 3], [_int(rng, 3, 7), 6, _int(rng, 2, 4), 3, 1], [4, 1])]
    return {"initialize_parameters": two, "initialize_parameters_deep": deep}


def _linear_cases(rng):
    forward, backward = [], []
    for n_prev, n, m, dtype, tags in ((_int(rng, 2, 5), 3, _int(rng, 4, 7), float, {"main"}),
                                      (4, 2, 6, float, {"main"}),   # no float32: none is visible
                                      (3, 4, 1, float, {"m1"})):
        kind = " float32" if dtype is np.float32 else ""
        forward.append(Case(_layer(rng, n_prev, n, m, dtype), tags=tags,
                            label=f"A ({n_prev}, {m}), W ({n}, {n_prev}){kind}"))
    for n_prev, n, m, tags in ((_int(rng, 2, 5), 3, _int(rng, 4, 7), {"main"}),
                               (5, _int(rng, 2, 4), 7, {"main"}), (2, 3, 1, {"m1"})):
        cache = _layer(rng, n_prev, n, m)
        backward.append(Case((rng.normal(0, 1, (n, m)), cache), tags=tags,
                             label=f"dZ ({n}, {m}), A_prev ({n_prev}, {m})"))
    return {"linear_forward": forward, "linear_backward": backward}


def _activation_cases(rng):
    forward, backward = [], []
    for activation in ("relu", "sigmoid"):
        for n_prev, n, m, tags in ((_int(rng, 2, 5), 3, _int(rng, 4, 7), {"main"}),
                                   (3, 2, 1, {"m1"})):
            A_prev, W, b = _layer(rng, n_prev, n, m)
            while not (np.any(W @ A_prev + b > 0) and np.any(W @ A_prev + b < 0)):
                A_prev, W, b = _layer(rng, n_prev, n, m)    # relu active and inactive somewhere
            label = f'A_prev ({n_prev}, {m}), W ({n}, {n_prev}), activation="{activation}"'
            tags = tags | {activation}
            forward.append(Case((A_prev, W, b, activation), label=label, tags=tags))
            Z, linear_cache = ref.linear_forward(A_prev, W, b)
            dA = rng.normal(0, 1, (n, m))
            while activation == "relu" and np.array_equal(dA > 0, Z > 0):
                dA = rng.normal(0, 1, (n, m))    # so that a slope taken from dA shows
            backward.append(Case((dA, (linear_cache, Z), activation), label=label, tags=tags))
    return {"linear_activation_forward": forward, "linear_activation_backward": backward}


def _cost_cases(rng):
    out = []
    for m, tags in ((_int(rng, 5, 9), {"main"}), (6, {"main"}), (1, {"m1"})):   # no float32: none is visible
        AL = rng.uniform(0.05, 0.95, (1, m))
        Y = (rng.random((1, m)) < 0.5).astype(float)
        if m == 1:
            Y[0, 0] = 0.0    # so that forgetting the (1 - Y) term shows even for one example
        kind = ""
        if "float32" in tags:
            AL, Y, kind = AL.astype(np.float32), Y.astype(np.float32), " float32"
        out.append(Case((AL, Y), label=f"AL and Y of shape (1, {m}){kind}", tags=tags))
    return {"compute_cost": out}


def _model_cases(rng):
    forward, backward, update = [], [], []
    for dims, m, label, tags in _network_specs(rng):
        X, parameters, Y = _network(rng, dims, m)
        forward.append(Case((X, parameters), label=label, tags=tags))
        while True:     # a network on which reading relu's slope from dA changes dW1
            X, parameters, Y = _network(rng, dims, m)
            AL, caches = ref.L_model_forward(X, parameters)
            if len(dims) == 2 or not np.allclose(_first_layer_dW(AL, Y, caches, "Z"),
                                                 _first_layer_dW(AL, Y, caches, "dA"), rtol=1e-3):
                break
        backward.append(Case((AL, Y, caches), label=label, tags=tags))
    for dims in ([4, 3, 1], [3, 1], [_int(rng, 2, 5), 4, 3, 1]):
        X, parameters, Y = _network(rng, dims, 3)
        AL, caches = ref.L_model_forward(X, parameters)
        grads = ref.L_model_backward(AL, Y, caches)
        lr = float(rng.uniform(0.05, 0.5))
        update.append(Case((parameters, grads, lr),
                           label=f"layer_dims {dims}, learning_rate={lr:.3f}"))
    return {"L_model_forward": forward, "L_model_backward": backward, "update_parameters": update}


def cases(rng):
    """{function: [Case]}: several shapes and depths, m = 1 and float32 inputs among them."""
    out = {}
    for make in (_init_cases, _linear_cases, _activation_cases, _cost_cases, _model_cases):
        out.update(make(rng))
    return out


# --- helpers -------------------------------------------------------------------------------

def _f64(x):
    return np.asarray(x, dtype=float)


def _check(found, expected, name, alternatives=(), m=None, default=None):
    """expect(), plus a `default` hint when the value is wrong in no way we recognise."""
    try:
        expect(found, expected, name, alternatives, m=m, rtol=RTOL, atol=ATOL)
    except CheckError as e:
        if (default and isinstance(found, np.ndarray) and found.shape == np.shape(expected)
                and hint_for(found, expected, alternatives, m) is None):
            raise CheckError(f"{e}: {default}") from None
        raise


def _shape(found, shape, name, hint):
    if not isinstance(found, np.ndarray):
        raise CheckError(f"{name} is of type {type(found).__name__}, expected a numpy array of "
                         f"shape {shape}: {hint}")
    if found.shape != tuple(shape):
        raise CheckError(f"{name} has shape {found.shape}, expected {tuple(shape)}: {hint}")


def _against_numerical(found, numerical, name, hint=None):
    """Compares a gradient with a numerical one by ||found - num|| / (||found|| + ||num||).

    On these inputs (float64, |Z| > 1e-3, h = 1e-5) a correct gradient gives a relative error
    of about 1e-10 (float32 arithmetic about 1e-7); a wrong one is off by 1e-2 or more. The norm
    is used rather than the largest entry-wise error, which is noisy on tiny entries.
    """
    check_against_numerical(found, numerical, name, tol=np.inf)    # type and shape only
    f = _f64(found)
    err = float(np.linalg.norm(f - numerical) /
                max(np.linalg.norm(f) + np.linalg.norm(numerical), 1e-12))
    if not err < GRAD_TOL:
        raise CheckError(f"{name} disagrees with a numerical gradient of the cost (relative "
                         f"error {err:.2g}, expected < {GRAD_TOL:g})"
                         + (f": {hint}" if hint else ""))


def _keys(d, expected, call, hint):
    if not isinstance(d, dict):
        raise CheckError(f"{call} returned a {type(d).__name__}, expected a dict")
    missing = [k for k in expected if k not in d]
    extra = sorted(k for k in d if k not in expected)
    if missing or extra:
        raise CheckError(f"{call}: the dict lacks {missing} and has the extra keys {extra} "
                         f"(expected exactly {expected}): {hint}")


def _layer_keys(L, prefixes=("W", "b")):
    return [f"{p}{l}" for l in range(1, L + 1) for p in prefixes]


# --- initialize_parameters -------------------------------------------------------------------

INIT2_HINT = ("call np.random.seed(1) once at the start, then draw W1 before W2 with "
              "np.random.randn(rows, columns) * 0.01")


@checks("initialize_parameters")
def test_initialize_parameters_shapes(sub):
    for case, out in sub.results("initialize_parameters"):
        n_x, n_h, n_y = case.args
        call = f"initialize_parameters({case.label})"
        _keys(out, ["W1", "b1", "W2", "b2"], call, "return the dict of the template")
        shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}
        for k, shape in shapes.items():
            _shape(out[k], shape, f"{k} for {case.label}",
                   "W[l] is (n[l], n[l-1]) and b[l] is the column (n[l], 1)")
        for k in ("b1", "b2"):
            _check(out[k], np.zeros_like(out[k]), f"{k} for {case.label}",
                   default="biases start at zero (np.zeros)")


@checks("initialize_parameters")
def test_initialize_parameters_values(sub):
    for case, out in sub.results("initialize_parameters"):
        expected = ref.initialize_parameters(*case.args)
        for k in ("W1", "W2"):
            found = check_keys(out, [k], f"initialize_parameters({case.label})")[k]
            _check(found, expected[k], f"{k} for {case.label}",
                   alternatives=[("multiply the random values by 0.01", 100 * expected[k])],
                   default=INIT2_HINT)


# --- initialize_parameters_deep ----------------------------------------------------------------

DEEP_HINT = ("call np.random.seed(3) once, before the loop (not in it), then for each layer "
             "l = 1..L draw np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01")


def _deep_outputs(sub):
    for case, out in sub.results("initialize_parameters_deep"):
        (dims,) = case.args
        L = len(dims) - 1
        _keys(out, _layer_keys(L), f"initialize_parameters_deep({case.label})",
              f"layer_dims has {len(dims)} entries n[0]..n[L], so the network has L = "
              f"len(layer_dims) - 1 = {L} layers: loop over l = 1..L")
        yield case, dims, out


def _seeded_per_layer(dims):
    out = {}
    for l in range(1, len(dims)):
        np.random.seed(3)
        out[f"W{l}"] = np.random.randn(dims[l], dims[l - 1]) * 0.01
    return out


@checks("initialize_parameters_deep")
def test_initialize_parameters_deep_keys(sub):
    for _ in _deep_outputs(sub):
        pass


@checks("initialize_parameters_deep")
def test_initialize_parameters_deep_shapes(sub):
    for case, dims, out in _deep_outputs(sub):
        for l in range(1, len(dims)):
            hint = "W[l] is (layer_dims[l], layer_dims[l-1]) and b[l] is (layer_dims[l], 1)"
            _shape(out[f"W{l}"], (dims[l], dims[l - 1]), f"W{l} for {case.label}", hint)
            _shape(out[f"b{l}"], (dims[l], 1), f"b{l} for {case.label}", hint)


@checks("initialize_parameters_deep")
def test_initialize_parameters_deep_biases(sub):
    for case, dims, out in _deep_outputs(sub):
        for l in range(1, len(dims)):
            _check(out[f"b{l}"], np.zeros((dims[l], 1)), f"b{l} for {case.label}",
                   default="biases start at zero (np.zeros)")


@checks("initialize_parameters_deep")
def test_initialize_parameters_deep_weights(sub):
    for case, dims, out in _deep_outputs(sub):
        expected = ref.initialize_parameters_deep(dims)
        per_layer = _seeded_per_layer(dims)
        for l in range(1, len(dims)):
            k = f"W{l}"
            _check(out[k], expected[k], f"{k} for {case.label}",
                   alternatives=[("multiply the random values by 0.01", 100 * expected[k]),
                                 ("np.random.seed(3) is called once, before the loop: seeding "
                                  "again in every layer repeats the same random numbers",
                                  per_layer[k])],
                   default=DEEP_HINT)


# --- forward: caches -------------------------------------------------------------------------

def _check_linear_cache(found, A, W, b, name):
    """found must be the tuple (A, W, b)."""
    if isinstance(found, (tuple, list)) and len(found) == 3 and all(
            isinstance(x, np.ndarray) and x.shape == y.shape for x, y in zip(found, (W, A, b))) \
            and W.shape != A.shape:
        raise CheckError(f"{name} holds (W, A, b): keep the order cache = (A, W, b), which "
                         "linear_backward unpacks as A_prev, W, b = cache")
    found = check_tuple(found, 3, name + " (the linear cache (A, W, b))")
    for part, value, label in zip(found, (A, W, b), ("A", "W", "b")):
        _check(part, value, f"{label} in {name}",
               alternatives=[("the cache is (A, W, b), in this order", W),
                             ("the cache is (A, W, b), in this order", A)])


def _check_layer_cache(found, linear_cache, Z, name):
    """found must be ((A_prev, W, b), Z)."""
    if isinstance(found, (tuple, list)) and len(found) == 2 and isinstance(found[0], np.ndarray) \
            and isinstance(found[1], (tuple, list)):
        raise CheckError(f"{name} is (activation_cache, linear_cache): the order is "
                         "cache = (linear_cache, activation_cache)")
    linear, activation = check_tuple(found, 2, name + " ((linear_cache, activation_cache))")
    _check_linear_cache(linear, *linear_cache, name=f"the linear cache of {name}")
    _check(activation, Z, f"the activation cache (Z) of {name}",
           alternatives=[("the activation cache is Z, the input of the activation (what relu "
                          "and sigmoid return as their cache), not A",
                          ref.relu(Z)[0]),
                         ("the activation cache is Z, the input of the activation (what relu "
                          "and sigmoid return as their cache), not A",
                          ref.sigmoid(Z)[0])])


# --- linear_forward --------------------------------------------------------------------------

def _linear_forward_outputs(sub, tag):
    for case, out in sub.results("linear_forward", tag=tag):
        Z, cache = check_tuple(out, 2, f"linear_forward({case.label})")
        yield case, Z, cache, [_f64(x) for x in case.args]


@checks("linear_forward")
def test_linear_forward_Z(sub):
    for case, Z, _, (A, W, b) in _linear_forward_outputs(sub, "main"):
        _check(Z, ref.linear_forward(A, W, b)[0], f"Z for {case.label}",
               alternatives=[("did you forget + b in Z = W A + b?", W @ A)],
               default="Z = np.dot(W, A) + b")


@checks("linear_forward")
def test_linear_forward_cache(sub):
    for case, _, cache, (A, W, b) in _linear_forward_outputs(sub, "main"):
        _check_linear_cache(cache, A, W, b, f"the cache for {case.label}")


@checks("linear_forward")
def test_linear_forward_one_example(sub):
    for case, Z, _, (A, W, b) in _linear_forward_outputs(sub, "m1"):
        _check(Z, ref.linear_forward(A, W, b)[0], f"Z for {case.label}",
               alternatives=[("did you forget + b in Z = W A + b?", W @ A)])


# --- linear_activation_forward -------------------------------------------------------------------

def _laf_outputs(sub, tag):
    for case, out in sub.results("linear_activation_forward", tag=tag):
        A, cache = check_tuple(out, 2, f"linear_activation_forward({case.label})")
        A_prev, W, b, activation = case.args
        yield case, A, cache, A_prev, W, b, activation


def _check_laf_A(sub, tag):
    for case, A, _, A_prev, W, b, activation in _laf_outputs(sub, tag):
        Z = W @ A_prev + b
        other = "sigmoid" if activation == "relu" else "relu"
        if isinstance(A, tuple):
            raise CheckError(f"A for {case.label} is a tuple: {activation}(Z) returns the pair "
                             f"(A, activation_cache); unpack it: "
                             f"A, activation_cache = {activation}(Z)")
        _check(A, ref.linear_activation_forward(A_prev, W, b, activation)[0], f"A for {case.label}",
               alternatives=[(f'you applied {other} where activation == "{activation}"',
                              ref.ACTIVATIONS[other][0](Z)[0]),
                             ("return A = g(Z), not Z", Z)])


@checks("linear_activation_forward")
def test_linear_activation_forward_relu(sub):
    _check_laf_A(sub, "relu")


@checks("linear_activation_forward")
def test_linear_activation_forward_sigmoid(sub):
    _check_laf_A(sub, "sigmoid")


@checks("linear_activation_forward")
def test_linear_activation_forward_cache(sub):
    for case, _, cache, A_prev, W, b, activation in _laf_outputs(sub, "main"):
        _, (linear_cache, Z) = ref.linear_activation_forward(A_prev, W, b, activation)
        _check_layer_cache(cache, linear_cache, Z, f"the cache for {case.label}")


@checks("linear_activation_forward")
def test_linear_activation_forward_one_example(sub):
    _check_laf_A(sub, "m1")


# --- L_model_forward -------------------------------------------------------------------------

def _lmf_outputs(sub, tag):
    for case, out in sub.results("L_model_forward", tag=tag):
        AL, caches = check_tuple(out, 2, f"L_model_forward({case.label})")
        yield case, AL, caches, ref.L_model_forward(*case.args)


def _lmf_mistakes(X, parameters):
    """AL of two known wrong networks, for hints."""
    L = len(parameters) // 2
    A_sig, A_relu = X, X
    for l in range(1, L + 1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        A_sig = ref.sigmoid(W @ A_sig + b)[0]
        A_relu = ref.relu(W @ A_relu + b)[0]
    return [("the hidden layers 1..L-1 use relu; only the output layer uses sigmoid", A_sig),
            ("the output layer L uses sigmoid (AL is a probability); relu is for layers 1..L-1",
             A_relu)]


def _check_AL(sub, tag):
    for case, AL, _, (expected, _) in _lmf_outputs(sub, tag):
        _check(AL, expected, f"AL for {case.label}", alternatives=lambda: _lmf_mistakes(*case.args),
               default="[LINEAR -> RELU] for l = 1..L-1, then LINEAR -> SIGMOID for layer L")


def _check_caches(case, caches, expected, name):
    L = len(expected)
    if not isinstance(caches, (list, tuple)) or len(caches) != L:
        n = len(caches) if isinstance(caches, (list, tuple)) else type(caches).__name__
        raise CheckError(f"caches for {case.label} has {n} entries, expected L = {L}: append "
                         "one cache per layer, the output layer's too")
    for l, (found, (linear_cache, Z)) in enumerate(zip(caches, expected), start=1):
        _check_layer_cache(found, linear_cache, Z, f"caches[{l - 1}] (layer {l}) for {case.label}")


@checks("L_model_forward")
def test_L_model_forward_AL(sub):
    _check_AL(sub, "main")


@checks("L_model_forward")
def test_L_model_forward_one_layer(sub):
    _check_AL(sub, "L1")


@checks("L_model_forward")
def test_L_model_forward_number_of_caches(sub):
    for case, _, caches, (_, expected) in _lmf_outputs(sub, None):
        if not isinstance(caches, (list, tuple)) or len(caches) != len(expected):
            _check_caches(case, caches, expected, "caches")


@checks("L_model_forward")
def test_L_model_forward_caches(sub):
    for case, _, caches, (_, expected) in _lmf_outputs(sub, None):
        _check_caches(case, caches, expected, "caches")


@checks("L_model_forward")
def test_L_model_forward_one_example(sub):
    _check_AL(sub, "m1")
    for case, _, caches, (_, expected) in _lmf_outputs(sub, "m1"):
        _check_caches(case, caches, expected, "caches")


# --- compute_cost ------------------------------------------------------------------------------

def _cost_value(sub, tag):
    for case, cost in sub.results("compute_cost", tag=tag):
        AL, Y = (_f64(x) for x in case.args)
        found = cost
        if isinstance(cost, np.ndarray) and cost.size == 1:
            found = cost.reshape(())            # the shape is checked on its own
        m = Y.shape[1]
        _check(found, ref.compute_cost(AL, Y), f"the cost for {case.label}", m=m,
               alternatives=[("the cost is -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL)): "
                              "keep both terms", -np.sum(Y * np.log(AL)) / m),
                             ("the cost must be the mean over the m examples (divide the sum "
                              "by m)", -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))])


@checks("compute_cost")
def test_compute_cost_value(sub):
    _cost_value(sub, "main")


@checks("compute_cost")
def test_compute_cost_one_example(sub):
    _cost_value(sub, "m1")


@checks("compute_cost")
def test_compute_cost_is_a_number(sub):
    for case, cost in sub.results("compute_cost"):
        if not is_number(cost):
            shape = getattr(cost, "shape", None)
            what = f"an array of shape {shape}" if shape is not None else f"a {type(cost).__name__}"
            raise CheckError(f"the cost for {case.label} is {what}, expected a number: "
                             "return np.squeeze(cost) (e.g. [[0.3]] becomes 0.3)")


# --- linear_backward ---------------------------------------------------------------------------

def _lb_mistakes(dZ, A_prev, W):
    m = A_prev.shape[1]
    return {"dA_prev": [("dA_prev = W^T dZ has no 1/m (only dW and db are averaged)",
                         W.T @ dZ / m)],
            "dW": [("dW = (1/m) dZ A_prev^T: did you divide by m?", dZ @ A_prev.T)],
            "db": [("db = (1/m) times the sum of dZ over the examples (axis=1, keepdims=True)",
                    np.sum(dZ, axis=1, keepdims=True))]}


def _lb_outputs(sub, tag):
    for case, out in sub.results("linear_backward", tag=tag):
        found = check_tuple(out, 3, f"linear_backward({case.label})")
        dZ, (A_prev, W, b) = case.args
        yield case, dict(zip(("dA_prev", "dW", "db"), found)), dZ, A_prev, W, b


def _check_lb(sub, parts, tag):
    for case, found, dZ, A_prev, W, b in _lb_outputs(sub, tag):
        expected = dict(zip(("dA_prev", "dW", "db"), ref.linear_backward(dZ, (A_prev, W, b))))
        for part in parts:
            _check(found[part], expected[part], f"{part} for {case.label}",
                   lambda: _lb_mistakes(dZ, A_prev, W)[part],
                   m=dZ.shape[1])


@checks("linear_backward")
def test_linear_backward_dA_prev(sub):
    _check_lb(sub, ["dA_prev"], "main")


@checks("linear_backward")
def test_linear_backward_dW(sub):
    _check_lb(sub, ["dW"], "main")


@checks("linear_backward")
def test_linear_backward_db(sub):
    _check_lb(sub, ["db"], "main")


@checks("linear_backward")
def test_linear_backward_numerical(sub):
    """J = sum(dZ * (W A_prev + b)) has dJ/dZ = dZ: dA_prev = dJ/dA_prev, dW = dJ/dW / m,
    db = dJ/db / m (the course averages only dW and db)."""
    for case, found, dZ, A_prev, W, b in _lb_outputs(sub, "main"):
        A_prev, W, b = (np.array(x, dtype=float) for x in (A_prev, W, b))
        J = lambda: float(np.sum(dZ * (W @ A_prev + b)))  # noqa: E731
        m = dZ.shape[1]
        _against_numerical(found["dA_prev"], numerical_gradient(J, A_prev),
                           f"dA_prev for {case.label}")
        _against_numerical(found["dW"], numerical_gradient(J, W) / m, f"dW for {case.label}")
        _against_numerical(found["db"], numerical_gradient(J, b) / m, f"db for {case.label}")


@checks("linear_backward")
def test_linear_backward_one_example(sub):
    _check_lb(sub, ["dA_prev", "dW", "db"], "m1")


# --- linear_activation_backward ----------------------------------------------------------------

def _lab_outputs(sub, tag):
    for case, out in sub.results("linear_activation_backward", tag=tag):
        found = check_tuple(out, 3, f"linear_activation_backward({case.label})")
        dA, (linear_cache, Z), activation = case.args
        yield case, dict(zip(("dA_prev", "dW", "db"), found)), dA, linear_cache, Z, activation


def _lab_mistakes(dA, linear_cache, Z, activation):
    """{part: [(hint, value)]} of known wrong dZ's pushed through linear_backward."""
    if activation == "relu":
        wrong = [("the slope of relu is 1 where Z > 0 and 0 elsewhere: it depends on Z (the "
                  "activation cache), not on dA; use relu_backward(dA, activation_cache)",
                  np.where(dA > 0, dA, 0.0)),
                 ("first turn dA into dZ = relu_backward(dA, activation_cache), then call "
                  "linear_backward(dZ, linear_cache)", dA),
                 ('you used sigmoid_backward where activation == "relu"',
                  ref.sigmoid_backward(dA, Z))]
    else:
        wrong = [("sigmoid'(Z) = s (1 - s) with s = sigmoid(Z), not Z (1 - Z): use "
                  "sigmoid_backward(dA, activation_cache)", dA * Z * (1 - Z)),
                 ("first turn dA into dZ = sigmoid_backward(dA, activation_cache), then call "
                  "linear_backward(dZ, linear_cache)", dA),
                 ('you used relu_backward where activation == "sigmoid"',
                  ref.relu_backward(dA, Z))]
    out = {"dA_prev": [], "dW": [], "db": []}
    for hint, dZ in wrong:
        for part, value in zip(out, ref.linear_backward(dZ, linear_cache)):
            out[part].append((hint, value))
    return out


def _check_lab(sub, tag):
    for case, found, dA, linear_cache, Z, activation in _lab_outputs(sub, tag):
        expected = ref.linear_activation_backward(dA, (linear_cache, Z), activation)
        for part, value in zip(("dA_prev", "dW", "db"), expected):
            _check(found[part], value, f"{part} for {case.label}",
                   lambda: _lab_mistakes(dA, linear_cache, Z, activation)[part], m=dA.shape[1])


@checks("linear_activation_backward")
def test_linear_activation_backward_relu(sub):
    _check_lab(sub, "relu")


@checks("linear_activation_backward")
def test_linear_activation_backward_sigmoid(sub):
    _check_lab(sub, "sigmoid")


@checks("linear_activation_backward")
def test_linear_activation_backward_numerical(sub):
    """J = sum(dA * g(W A_prev + b)): dA_prev = dJ/dA_prev, dW = dJ/dW / m, db = dJ/db / m."""
    for case, found, dA, linear_cache, Z, activation in _lab_outputs(sub, "main"):
        A_prev, W, b = (np.array(x, dtype=float) for x in linear_cache)
        g = ref.ACTIVATIONS[activation][0]
        J = lambda: float(np.sum(dA * g(W @ A_prev + b)[0]))  # noqa: E731
        m = dA.shape[1]
        _against_numerical(found["dA_prev"], numerical_gradient(J, A_prev),
                           f"dA_prev for {case.label}")
        _against_numerical(found["dW"], numerical_gradient(J, W) / m, f"dW for {case.label}")
        _against_numerical(found["db"], numerical_gradient(J, b) / m, f"db for {case.label}")


@checks("linear_activation_backward")
def test_linear_activation_backward_one_example(sub):
    _check_lab(sub, "m1")


# --- L_model_backward ----------------------------------------------------------------------------

def _network_of(caches):
    """X and the parameters back from the caches of a forward pass."""
    X = np.array(caches[0][0][0], dtype=float)
    parameters = {}
    for l, ((_, W, b), _) in enumerate(caches, start=1):
        parameters[f"W{l}"] = np.array(W, dtype=float)
        parameters[f"b{l}"] = np.array(b, dtype=float)
    return X, parameters


def _forward_from(l, A, parameters):
    """AL computed from A[l] (the output of layer l; A[0] = X) through layers l+1..L."""
    L = len(parameters) // 2
    for k in range(l + 1, L + 1):
        A = ref.linear_activation_forward(A, parameters[f"W{k}"], parameters[f"b{k}"],
                                          "sigmoid" if k == L else "relu")[0]
    return A


def _lmb_expected_keys(L):
    return [f"dA{l}" for l in range(L)] + [f"{p}{l}" for l in range(1, L + 1) for p in ("dW", "db")]


def _lmb_outputs(sub, tag):
    for case, grads in sub.results("L_model_backward", tag=tag):
        AL, Y, caches = case.args
        if not isinstance(grads, dict):
            raise CheckError(f"L_model_backward({case.label}) returned a "
                             f"{type(grads).__name__}, expected the dict grads")
        yield case, grads, AL, Y, caches, ref.L_model_backward(AL, Y, caches)


def _grad(grads, k, case, L):
    """grads[k], or a CheckError that explains the numbering of the keys."""
    if k not in grads:
        raise CheckError(f"grads for {case.label} has no key '{k}' (it has {sorted(grads)[:12]}): "
                         f"{KEYS_HINT} (here L = {L})")
    return grads[k]


KEYS_HINT = ("grads['dA' + str(l)] is the gradient with respect to A[l], the output of layer l, "
             "for l = 0..L-1 (dA0 is for the input X); dW and db are numbered 1..L")


def _lmb_mistakes(AL, Y, caches):
    """{key: [(hint, value)]} of known wrong backward passes."""
    def run(dAL, output="sigmoid"):
        grads, dA, L = {}, dAL, len(caches)
        for l in reversed(range(1, L + 1)):
            act = output if l == L else "relu"
            dA, grads[f"dW{l}"], grads[f"db{l}"] = ref.linear_activation_backward(
                dA, caches[l - 1], act)
            grads[f"dA{l - 1}"] = dA
        return grads
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    wrong = [("dAL = -(Y/AL - (1 - Y)/(1 - AL)): yours has the wrong sign", run(-dAL)),
             ("AL - Y is dZ of the output layer, not dAL; start from "
              "dAL = -(Y/AL - (1 - Y)/(1 - AL)) and let sigmoid_backward do the rest",
              run(AL - Y)),
             ("the output layer L goes back through sigmoid, layers L-1..1 through relu",
              run(dAL, output="relu"))]
    return {k: [(hint, g[k]) for hint, g in wrong] for k in wrong[0][1]}


def _check_lmb(sub, tag, prefixes):
    for case, grads, AL, Y, caches, expected in _lmb_outputs(sub, tag):
        for k in expected:
            if k.rstrip("0123456789") in prefixes:
                _check(_grad(grads, k, case, len(caches)), expected[k],
                       f"grads['{k}'] for {case.label}",
                       lambda: _lmb_mistakes(AL, Y, caches)[k], m=AL.shape[1])


@checks("L_model_backward")
def test_L_model_backward_keys(sub):
    for case, grads, AL, Y, caches, _ in _lmb_outputs(sub, None):
        L = len(caches)
        _keys(grads, _lmb_expected_keys(L), f"L_model_backward({case.label})",
              f"{KEYS_HINT} (here L = {L})")


@checks("L_model_backward")
def test_L_model_backward_dW_db(sub):
    _check_lmb(sub, "main", ("dW", "db"))


@checks("L_model_backward")
def test_L_model_backward_dA(sub):
    _check_lmb(sub, "main", ("dA",))


@checks("L_model_backward")
def test_L_model_backward_one_layer(sub):
    _check_lmb(sub, "L1", ("dA", "dW", "db"))


@checks("L_model_backward")
def test_L_model_backward_numerical(sub):
    """dW[l], db[l] = dJ/dW[l], dJ/db[l] for the cost J = compute_cost(AL, Y); the course's
    grads['dA' + str(l)] is m dJ/dA[l] (its dAL differentiates the sum of the losses)."""
    for case, grads, AL, Y, caches, _ in _lmb_outputs(sub, None):
        X, parameters = _network_of(caches)
        L, m = len(caches), X.shape[1]
        cost = lambda: float(ref.compute_cost(_forward_from(0, X, parameters), Y))  # noqa: E731
        for l in range(1, L + 1):
            for p in ("W", "b"):
                _against_numerical(_grad(grads, f"d{p}{l}", case, L),
                                   numerical_gradient(cost, parameters[f"{p}{l}"]),
                                   f"grads['d{p}{l}'] for {case.label}")
        for l in range(L):
            A = X if l == 0 else np.array(caches[l][0][0], dtype=float)      # A[l]
            J = lambda: float(ref.compute_cost(_forward_from(l, A, parameters), Y))  # noqa: E731
            _against_numerical(_grad(grads, f"dA{l}", case, L), m * numerical_gradient(J, A),
                               f"grads['dA{l}'] for {case.label}")


@checks("L_model_backward")
def test_L_model_backward_one_example(sub):
    _check_lmb(sub, "m1", ("dA", "dW", "db"))


# --- update_parameters ---------------------------------------------------------------------------

def _update_outputs(sub):
    for case, out in sub.results("update_parameters"):
        params, grads, lr = case.args
        L = len(params) // 2
        _keys(out, _layer_keys(L), f"update_parameters({case.label})",
              "return the parameters of every layer, with the same keys")
        yield case, out, params, grads, lr, L


def _update_mistakes(params, grads, lr, L):
    plus = {k: v + lr * grads["d" + k] for k, v in params.items()}
    skip_last = {k: (v if k in (f"W{L}", f"b{L}") else v - lr * grads["d" + k])
                 for k, v in params.items()}
    return lambda k: [("gradient descent goes against the gradient: W = W - learning_rate * dW",
                       plus[k]),
                      (f"update every layer, l = 1..L (here L = {L}), the last one too",
                       skip_last[k]),
                      ("this parameter did not change: update it with learning_rate times its "
                       "gradient", params[k])]


def _check_update(sub, prefix):
    for case, out, params, grads, lr, L in _update_outputs(sub):
        expected = ref.update_parameters(params, grads, lr)
        for l in range(1, L + 1):
            k = f"{prefix}{l}"
            _check(out[k], expected[k], f"{k} for {case.label}",
                   lambda: _update_mistakes(params, grads, lr, L)(k))


@checks("update_parameters")
def test_update_parameters_W(sub):
    _check_update(sub, "W")


@checks("update_parameters")
def test_update_parameters_b(sub):
    _check_update(sub, "b")


@checks("update_parameters")
def test_update_parameters_keys_and_shapes(sub):
    for case, out, params, _, _, _ in _update_outputs(sub):
        for k, v in params.items():
            _shape(out[k], v.shape, f"{k} for {case.label}", "a parameter keeps its shape")


@checks("update_parameters")
def test_update_parameters_leaves_the_callers_dict_unchanged(sub):
    for case, changed in changed_inputs(sub, "update_parameters"):
        if "arg 0" in changed:
            raise CheckError(f"update_parameters({case.label}) changed the caller's params in "
                             "place, expected it to stay as it was (the task says so): keep the "
                             "template's parameters = copy.deepcopy(params) and update the copy")
