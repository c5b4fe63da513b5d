"""Hidden checks for week 4, building a deep network step by step. Run only by the judge.

The inputs are fresh draws of the kinds in the visible table
(`utils.public_tests.week4_deep_nn_step_by_step.TABLE`: networks of depth 1 to 5, m = 1, sizes
the notebook does not use, each activation), seeded per submission. Each (function, kind, part)
is one check (`grader.tables`): a function's points are split over its kinds by the table's
weights, and a kind's share equally over its parts (e.g. dA_prev, dW, db and the numerical
gradient). The backward functions are compared with the reference and, as an independent
oracle, with central-difference gradients (grader.gradcheck) of a scalar built from the
forward pass. On failure only, a check names the known mistake the wrong answer matches.
"""
import numpy as np

from grader.gradcheck import check_against_numerical, numerical_gradient
from grader.judge import checks
from grader.reference import week4_deep_nn_step_by_step as ref
from grader.tables import add_kind_checks, changed_inputs, table_cases, weight
from utils.checks import CheckError, check_tuple, expect, is_number
from utils.public_tests.week4_deep_nn_step_by_step import TABLE

cases = table_cases(TABLE)
DEPENDS = {"linear_activation_forward": ["linear_forward"],
           "L_model_forward": ["linear_activation_forward", "linear_forward"],
           "linear_activation_backward": ["linear_backward"],
           "L_model_backward": ["linear_activation_backward", "linear_backward"]}

RTOL, ATOL = 1e-4, 1e-7    # float32 arithmetic in a submission is accepted
GRAD_TOL = 1e-5            # see _against_numerical


# --- helpers -------------------------------------------------------------------------------

def _f64(x):
    return np.asarray(x, dtype=float)


def _check(found, expected, name, alternatives=(), m=None, default=None):
    """expect(), with the hint `default` when the value is wrong in no way we recognise."""
    expect(found, expected, name, alternatives, m=m, rtol=RTOL, atol=ATOL, hint=default)


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
SHAPE_HINT = "W[l] is (n[l], n[l-1]) and b[l] is the column (n[l], 1)"
SIZES_HINT = "take every size from the arguments, not from variables of the notebook"


def check_initialize_parameters(case, out, part):
    n_x, n_h, n_y = case.args
    _keys(out, ["W1", "b1", "W2", "b2"], f"initialize_parameters({case.label})",
          "return the dict of the template")
    if part == "shapes":
        shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}
        for k, shape in shapes.items():
            _shape(out[k], shape, f"{k} for {case.label}", f"{SHAPE_HINT}; {SIZES_HINT}")
        for k in ("b1", "b2"):
            _check(out[k], np.zeros_like(out[k]), f"{k} for {case.label}",
                   default="biases start at zero (np.zeros)")
        return
    expected = ref.initialize_parameters(*case.args)
    for k in ("W1", "W2"):
        _check(out[k], expected[k], f"{k} for {case.label}",
               alternatives=[("multiply the random values by 0.01", 100 * expected[k])],
               default=INIT2_HINT)


# --- initialize_parameters_deep ----------------------------------------------------------------

DEEP_HINT = ("call np.random.seed(3) once, before the loop (not in it), then for each layer "
             "l = 1..L draw np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01")


def _seeded_per_layer(dims):
    out = {}
    for l in range(1, len(dims)):
        np.random.seed(3)
        out[f"W{l}"] = np.random.randn(dims[l], dims[l - 1]) * 0.01
    return out


def check_initialize_parameters_deep(case, out, part):
    (dims,) = case.args
    L = len(dims) - 1
    _keys(out, _layer_keys(L), f"initialize_parameters_deep({case.label})",
          f"layer_dims has {len(dims)} entries n[0]..n[L], so the network has L = "
          f"len(layer_dims) - 1 = {L} layers: loop over l = 1..L")
    if part == "keys":
        return
    expected = ref.initialize_parameters_deep(dims)
    for l in range(1, L + 1):
        W, b = f"W{l}", f"b{l}"
        if part == "shapes":
            hint = ("W[l] is (layer_dims[l], layer_dims[l-1]) and b[l] is (layer_dims[l], 1), "
                    "with layer_dims the argument")
            _shape(out[W], (dims[l], dims[l - 1]), f"{W} for {case.label}", hint)
            _shape(out[b], (dims[l], 1), f"{b} for {case.label}", hint)
        elif part == "biases":
            _check(out[b], np.zeros((dims[l], 1)), f"{b} for {case.label}",
                   default="biases start at zero (np.zeros)")
        else:
            _check(out[W], expected[W], f"{W} for {case.label}",
                   alternatives=lambda W=W: [
                       ("multiply the random values by 0.01", 100 * expected[W]),
                       ("np.random.seed(3) is called once, before the loop: seeding again in "
                        "every layer repeats the same random numbers", _seeded_per_layer(dims)[W])],
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

def check_linear_forward(case, out, part):
    Z, cache = check_tuple(out, 2, f"linear_forward({case.label})", hint="return Z, cache")
    A, W, b = (_f64(x) for x in case.args)
    if part == "cache":
        return _check_linear_cache(cache, A, W, b, f"the cache for {case.label}")
    _check(Z, ref.linear_forward(A, W, b)[0], f"Z for {case.label}",
           alternatives=[("did you forget + b in Z = W A + b?", W @ A)],
           default="Z = np.dot(W, A) + b")


# --- linear_activation_forward -------------------------------------------------------------------

def check_linear_activation_forward(case, out, part):
    A, cache = check_tuple(out, 2, f"linear_activation_forward({case.label})",
                           hint="return A, cache")
    A_prev, W, b, activation = case.args
    if part == "cache":
        _, (linear_cache, Z) = ref.linear_activation_forward(A_prev, W, b, activation)
        return _check_layer_cache(cache, linear_cache, Z, f"the cache for {case.label}")
    Z = W @ A_prev + b
    other = "sigmoid" if activation == "relu" else "relu"
    if isinstance(A, tuple):
        raise CheckError(f"A for {case.label} is a tuple: {activation}(Z) returns the pair "
                         f"(A, activation_cache); unpack it: A, activation_cache = {activation}(Z)")
    _check(A, ref.linear_activation_forward(A_prev, W, b, activation)[0], f"A for {case.label}",
           alternatives=[(f'you applied {other} where activation == "{activation}"',
                          ref.ACTIVATIONS[other][0](Z)[0]),
                         ("return A = g(Z), not Z", Z)])


# --- L_model_forward -------------------------------------------------------------------------

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


def check_L_model_forward(case, out, part):
    AL, caches = check_tuple(out, 2, f"L_model_forward({case.label})", hint="return AL, caches")
    expected_AL, expected = ref.L_model_forward(*case.args)
    if part == "AL":
        return _check(AL, expected_AL, f"AL for {case.label}",
                      alternatives=lambda: _lmf_mistakes(*case.args),
                      default="[LINEAR -> RELU] for l = 1..L-1, then LINEAR -> SIGMOID for layer "
                              "L, with L = len(parameters) // 2")
    L = len(expected)
    if not isinstance(caches, (list, tuple)) or len(caches) != L:
        n = len(caches) if isinstance(caches, (list, tuple)) else type(caches).__name__
        raise CheckError(f"caches for {case.label} has {n} entries, expected L = {L}: append "
                         "one cache per layer, the output layer's too")
    for l, (found, (linear_cache, Z)) in enumerate(zip(caches, expected), start=1):
        _check_layer_cache(found, linear_cache, Z, f"caches[{l - 1}] (layer {l}) for {case.label}")


# --- compute_cost ------------------------------------------------------------------------------

def check_compute_cost(case, cost, part):
    AL, Y = (_f64(x) for x in case.args)
    if part == "number":
        if not is_number(cost):
            shape = getattr(cost, "shape", None)
            what = f"an array of shape {shape}" if shape is not None else f"a {type(cost).__name__}"
            raise CheckError(f"the cost for {case.label} is {what}, expected a number: "
                             "return np.squeeze(cost) (e.g. [[0.3]] becomes 0.3)")
        return
    if isinstance(cost, np.ndarray) and cost.size == 1:
        cost = cost.reshape(())                 # the type is checked on its own
    m = Y.shape[1]
    _check(cost, ref.compute_cost(AL, Y), f"the cost for {case.label}", m=m,
           alternatives=[("the cost is -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL)): "
                          "keep both terms", -np.sum(Y * np.log(AL)) / m),
                         ("the cost must be the mean over the m examples (divide the sum "
                          "by m, with m = Y.shape[1])",
                          -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))],
           default="J = -(1/m) sum(Y log(AL) + (1 - Y) log(1 - AL)), with m = Y.shape[1], the "
                   "number of examples of this call")


# --- linear_backward ---------------------------------------------------------------------------

def _lb_mistakes(dZ, A_prev, W):
    m = A_prev.shape[1]
    out = {"dA_prev": [("dA_prev = W^T dZ has no 1/m (only dW and db are averaged)",
                        W.T @ dZ / m)],
           "dW": [("dW = (1/m) dZ A_prev^T: did you divide by m?", dZ @ A_prev.T)],
           "db": [("db = (1/m) times the sum of dZ over the examples (axis=1, keepdims=True)",
                   np.sum(dZ, axis=1, keepdims=True)),
                  ("db sums each row of dZ over the examples, np.sum(dZ, axis=1, keepdims=True) "
                   "/ m, not all its entries", np.sum(dZ) / m)]}
    if W.shape[0] == W.shape[1]:
        out["dA_prev"].append(("dA_prev = np.dot(W.T, dZ): the transpose of W", W @ dZ))
    return out


def _numerical_layer(J, inputs):
    """(dA_prev, dW, db) as central differences of J() over the float64 arrays `inputs`
    (A_prev, W, b), which J reads: dA_prev = dJ/dA_prev, dW = dJ/dW / m, db = dJ/db / m (the
    course averages only dW and db over the m examples)."""
    m = inputs[0].shape[1]
    return [numerical_gradient(J, x) / scale for x, scale in zip(inputs, (1, m, m))]


LB_PARTS = ("dA_prev", "dW", "db")
LB_FORMULAS = {"dA_prev": "dA_prev = np.dot(W.T, dZ), with no 1/m",
               "dW": "dW = np.dot(dZ, A_prev.T) / m, with m = A_prev.shape[1]",
               "db": "db = np.sum(dZ, axis=1, keepdims=True) / m"}


def check_linear_backward(case, out, part):
    found = dict(zip(LB_PARTS, check_tuple(out, 3, f"linear_backward({case.label})",
                                           hint="return dA_prev, dW, db")))
    dZ, cache = case.args
    A_prev, W, b = (np.array(x, dtype=float) for x in cache)
    if part == "numerical":     # J = sum(dZ * (W A_prev + b)) has dJ/dZ = dZ
        J = lambda: float(np.sum(dZ * (W @ A_prev + b)))  # noqa: E731
        for k, slope in zip(LB_PARTS, _numerical_layer(J, (A_prev, W, b))):
            _against_numerical(found[k], slope, f"{k} for {case.label}", LB_FORMULAS[k])
        return
    expected = dict(zip(LB_PARTS, ref.linear_backward(dZ, (A_prev, W, b))))
    _check(found[part], expected[part], f"{part} for {case.label}",
           lambda: _lb_mistakes(dZ, A_prev, W)[part], m=dZ.shape[1])


# --- linear_activation_backward ----------------------------------------------------------------

def _lab_mistakes(dA, linear_cache, Z, activation):
    """{part: [(hint, value)]} of known wrong dZ's pushed through linear_backward."""
    g = ref.ACTIVATIONS[activation][0]
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
    wrong.append((f"dZ = dA * g'(Z), the slope of {activation} at Z, not dA * {activation}(Z): "
                  f"use {activation}_backward(dA, activation_cache)", dA * g(Z)[0]))
    out = {"dA_prev": [], "dW": [], "db": []}
    for hint, dZ in wrong:
        for part, value in zip(out, ref.linear_backward(dZ, linear_cache)):
            out[part].append((hint, value))
    return out


def check_linear_activation_backward(case, out, part):
    found = dict(zip(LB_PARTS, check_tuple(out, 3, f"linear_activation_backward({case.label})",
                                           hint="return dA_prev, dW, db")))
    dA, (linear_cache, Z), activation = case.args
    if part == "numerical":     # J = sum(dA * g(W A_prev + b)) has dJ/dA = dA
        A_prev, W, b = (np.array(x, dtype=float) for x in linear_cache)
        g = ref.ACTIVATIONS[activation][0]
        J = lambda: float(np.sum(dA * g(W @ A_prev + b)[0]))  # noqa: E731
        for k, slope in zip(LB_PARTS, _numerical_layer(J, (A_prev, W, b))):
            _against_numerical(found[k], slope, f"{k} for {case.label}",
                               f"dZ = {activation}_backward(dA, activation_cache), then "
                               f"linear_backward(dZ, linear_cache): {LB_FORMULAS[k]}")
        return
    expected = dict(zip(LB_PARTS, ref.linear_activation_backward(dA, (linear_cache, Z),
                                                                 activation)))
    _check(found[part], expected[part], f"{part} for {case.label}",
           lambda: _lab_mistakes(dA, linear_cache, Z, activation)[part], m=dA.shape[1])


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


def _lmb_numerical(case, grads):
    """dW[l], db[l] = dJ/dW[l], dJ/db[l] for the cost J = compute_cost(AL, Y); the course's
    grads['dA' + str(l)] is m dJ/dA[l] (its dAL differentiates the sum of the losses)."""
    _, Y, caches = case.args
    X, parameters = _network_of(caches)
    L, m = len(caches), X.shape[1]
    cost = lambda: float(ref.compute_cost(_forward_from(0, X, parameters), Y))  # noqa: E731
    for l in range(1, L + 1):
        for p in ("W", "b"):
            _against_numerical(_grad(grads, f"d{p}{l}", case, L),
                               numerical_gradient(cost, parameters[f"{p}{l}"]),
                               f"grads['d{p}{l}'] for {case.label}", LMB_HINT)
    for l in range(L):
        A = X if l == 0 else np.array(caches[l][0][0], dtype=float)      # A[l]
        J = lambda: float(ref.compute_cost(_forward_from(l, A, parameters), Y))  # noqa: E731
        _against_numerical(_grad(grads, f"dA{l}", case, L), m * numerical_gradient(J, A),
                           f"grads['dA{l}'] for {case.label}", LMB_HINT)


LMB_PARTS = {"dW_db": ("dW", "db"), "dA": ("dA",)}
LMB_HINT = ("start from dAL = -(Y/AL - (1 - Y)/(1 - AL)); layer L goes back through sigmoid, "
            "layers L-1..1 through relu, each with its own cache caches[l - 1]")


def check_L_model_backward(case, grads, part):
    AL, Y, caches = case.args
    L = len(caches)
    if not isinstance(grads, dict):
        raise CheckError(f"L_model_backward({case.label}) returned a {type(grads).__name__}, "
                         "expected the dict grads")
    if part == "keys":
        return _keys(grads, _lmb_expected_keys(L), f"L_model_backward({case.label})",
                     f"{KEYS_HINT} (here L = {L})")
    if part == "numerical":
        return _lmb_numerical(case, grads)
    expected = ref.L_model_backward(AL, Y, caches)
    for k in expected:
        if k.rstrip("0123456789") in LMB_PARTS[part]:
            _check(_grad(grads, k, case, L), expected[k], f"grads['{k}'] for {case.label}",
                   lambda k=k: _lmb_mistakes(AL, Y, caches)[k], m=AL.shape[1])


# --- update_parameters ---------------------------------------------------------------------------

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


def check_update_parameters(case, out, part):
    params, grads, lr = case.args
    L = len(params) // 2
    _keys(out, _layer_keys(L), f"update_parameters({case.label})",
          "return the parameters of every layer, with the same keys")
    if part == "shapes":
        for k, v in params.items():
            _shape(out[k], v.shape, f"{k} for {case.label}", "a parameter keeps its shape")
        return
    expected = ref.update_parameters(params, grads, lr)
    for l in range(1, L + 1):
        k = f"{part}{l}"
        _check(out[k], expected[k], f"{k} for {case.label}",
               lambda k=k: _update_mistakes(params, grads, lr, L)(k))


def _unchanged_check(kind):
    """The template promises that the caller's params stay as they were (issue 9)."""
    def test(sub):
        for case, changed in changed_inputs(sub, "update_parameters"):
            if kind in case.tags and "arg 0" in changed:
                raise CheckError(f"update_parameters({case.label}) changed the caller's params "
                                 "in place, expected it to stay as it was (the task says so): "
                                 "keep the template's parameters = copy.deepcopy(params) and "
                                 "update the copy")
    test.__name__ = f"test_update_parameters_{kind}_unchanged"
    return checks("update_parameters", weight=weight(TABLE, "update_parameters", kind))(test)


PARTS = {"initialize_parameters": ["shapes", "values"],
         "initialize_parameters_deep": ["keys", "shapes", "biases", "weights"],
         "linear_forward": ["Z", "cache"], "linear_activation_forward": ["A", "cache"],
         "L_model_forward": ["AL", "caches"], "compute_cost": ["value", "number"],
         "linear_backward": [*LB_PARTS, "numerical"],
         "linear_activation_backward": [*LB_PARTS, "numerical"],
         "L_model_backward": ["keys", "dW_db", "dA", "numerical"],
         "update_parameters": ["W", "b", "shapes"]}
add_kind_checks(globals(), TABLE,
                {name: (globals()[f"check_{name}"], parts) for name, parts in PARTS.items()})
# update_parameters' fourth part, the caller's dict left unchanged, reads what the sandbox
# recorded about its inputs rather than the output: one check per kind, weighted like the others.
for _kind in TABLE["update_parameters"]:
    globals()[f"test_update_parameters_{_kind.name}_unchanged"] = _unchanged_check(_kind.name)
