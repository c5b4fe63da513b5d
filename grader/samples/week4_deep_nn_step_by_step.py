"""Canned submissions of week 4, building a deep network step by step, each with the exact score
it must get.

Test cells (points): initialize_parameters (1), initialize_parameters_deep (2), linear_forward
(1), linear_activation_forward (2), L_model_forward (3), compute_cost (1), linear_backward (2),
linear_activation_backward (2), L_model_backward (3), update_parameters (1): 18 points.
Each typical mistake is alone in its variant. A wrong function also costs the functions that
call it, as in the course: L_model_forward calls linear_activation_forward, which calls
linear_forward, and the same for the backward pass. The judge hands the backward functions
caches of its own, so a wrong forward cache costs only the forward functions.
"""
from grader.samples.build import Variant, with_reference

A = "week4_deep_nn_step_by_step"
POINTS = {"initialize_parameters": 1, "initialize_parameters_deep": 2, "linear_forward": 1,
          "linear_activation_forward": 2, "L_model_forward": 3, "compute_cost": 1,
          "linear_backward": 2, "linear_activation_backward": 2, "L_model_backward": 3,
          "update_parameters": 1}
FULL = {f"test_{k}": v for k, v in POINTS.items()}
ZERO = dict.fromkeys(FULL, 0)


def scores(**changes):
    return {**FULL, **{f"test_{k}": v for k, v in changes.items()}}


def ref(**changes):
    return with_reference(A, **changes)


def mistake(function, source, hint, **score_changes):
    """A variant with one wrong function; the hint must appear in that function's test cell."""
    return Variant(cells=ref(**{function: source}), hints={f"test_{function}": hint},
                   scores=scores(**score_changes))


# --- correct but different: full marks ---------------------------------------------------------

# One other correct way of writing each function, all in one submission.
CORRECT_BUT_DIFFERENT = {
    "initialize_parameters": '''def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) / 100
    W2 = np.random.randn(n_y, n_h) / 100
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
''',
    "initialize_parameters_deep": '''def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    return {name: value
            for l in range(1, len(layer_dims))
            for name, value in (("W%d" % l, np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01),
                                ("b%d" % l, np.zeros((layer_dims[l], 1))))}
''',
    "linear_forward": '''def linear_forward(A, W, b):
    # float32 arithmetic, as on a GPU
    Z = W.astype(np.float32) @ A.astype(np.float32) + b.astype(np.float32)
    return Z, (A, W, b)
''',
    "linear_activation_forward": '''ACTIVATIONS = {"relu": relu, "sigmoid": sigmoid}

def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = ACTIVATIONS[activation](Z)
    return A, (linear_cache, activation_cache)
''',
    "L_model_forward": '''def _layer(A, parameters, l, activation):
    """A helper the student added."""
    return linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], activation)

def L_model_forward(X, parameters):
    L = len(parameters) // 2
    print("forward through", L, "layers")
    caches = []
    A = X
    for l in range(1, L + 1):
        A, cache = _layer(A, parameters, l, "relu" if l < L else "sigmoid")
        caches.append(cache)
    return A, caches
''',
    "compute_cost": '''def compute_cost(AL, Y):
    m = Y.shape[1]
    total = 0.0
    for i in range(m):                  # one example at a time
        total += Y[0, i] * np.log(AL[0, i]) + (1 - Y[0, i]) * np.log(1 - AL[0, i])
    return float(-total / m)            # a python float
''',
    "linear_backward": '''def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        dW += np.outer(dZ[:, i], A_prev[:, i]) / m
        db[:, 0] += dZ[:, i] / m
    dA_prev = np.einsum("ji,jm->im", W, dZ)
    return dA_prev, dW, db
''',
    "linear_activation_backward": '''BACKWARD = {"relu": relu_backward, "sigmoid": sigmoid_backward}

def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    return linear_backward(BACKWARD[activation](dA, activation_cache), linear_cache)
''',
    "L_model_backward": '''def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        print("layer", l)
        dA, grads["dW%d" % l], grads["db%d" % l] = linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else "relu")
        grads["dA%d" % (l - 1)] = dA
    return grads
''',
    "update_parameters": '''def update_parameters(params, grads, learning_rate):
    # a new dict without the template's deepcopy: the caller's dict is left as it was
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}
''',
}

# In place, as many students write it: the template promises the caller's dict stays as it was.
UPDATE_IN_PLACE = '''def update_parameters(params, grads, learning_rate):
    for name in params:
        params[name] -= learning_rate * grads["d" + name]
    return params
'''

# --- typical mistakes, one per variant -----------------------------------------------------------

INIT = '''def initialize_parameters(n_x, n_h, n_y):
    {seed}
    W1 = np.random.randn(n_h, n_x) * {scale}
    b1 = np.zeros({b1})
    W2 = np.random.randn(n_y, n_h) * {scale}
    b2 = np.zeros((n_y, 1))
    return {{"W1": W1, "b1": b1, "W2": W2, "b2": b2}}
'''
INIT_OK = dict(seed="np.random.seed(1)", scale="0.01", b1="(n_h, 1)")

DEEP = '''def initialize_parameters_deep(layer_dims):
    parameters = {{}}
    L = len(layer_dims) - 1
    {seed_once}
    for l in range({stop}):
        {seed_each}
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * {scale}
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
'''
DEEP_OK = dict(seed_once="np.random.seed(3)", stop="1, L + 1", seed_each="pass", scale="0.01")

LINEAR_FORWARD = '''def linear_forward(A, W, b):
    Z = {Z}
    cache = {cache}
    return Z, cache
'''
LF_OK = dict(Z="np.dot(W, A) + b", cache="(A, W, b)")

LAF = '''def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = {sigmoid}(Z)
    else:
        A, activation_cache = {relu}(Z)
    {keep_A}
    cache = {cache}
    return A, cache
'''
LAF_OK = dict(sigmoid="sigmoid", relu="relu", keep_A="pass",
              cache="(linear_cache, activation_cache)")

LMF = '''def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        W, b = parameters["W" + str(l)], parameters["b" + str(l)]
        A, cache = linear_activation_forward(A, W, b, "{hidden}")
        caches.append(cache)
    W, b = parameters["W" + str(L)], parameters["b" + str(L)]
    AL, cache = linear_activation_forward(A, W, b, "{output}")
    {append_last}
    return AL, caches
'''
LMF_OK = dict(hidden="relu", output="sigmoid", append_last="caches.append(cache)")

COST = '''def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = {cost}
    return {ret}
'''
SUM = "np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))"
DOT = "(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))"
COST_OK = dict(cost=f"-{SUM} / m", ret="np.squeeze(cost)")

LB = '''def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = {dW}
    db = {db}
    dA_prev = {dA_prev}
    return dA_prev, dW, db
'''
LB_OK = dict(dW="np.dot(dZ, A_prev.T) / m", db="np.sum(dZ, axis=1, keepdims=True) / m",
             dA_prev="np.dot(W.T, dZ)")

LAB = '''def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = {relu}
    elif activation == "sigmoid":
        dZ = {sigmoid}
    return linear_backward(dZ, linear_cache)
'''
LAB_OK = dict(relu="relu_backward(dA, activation_cache)",
              sigmoid="sigmoid_backward(dA, activation_cache)")

LMB = '''def L_model_backward(AL, Y, caches):
    grads = {{}}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = {dAL}
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], "{output}")
    grads["dA" + str(L - 1 + {shift})] = dA_prev
    grads["dW" + str(L)] = dW
    grads["db" + str(L)] = db
    for l in reversed(range(1, L)):
        dA = grads["dA" + str(l + {shift})]
        dA_prev, dW, db = linear_activation_backward(dA, caches[l - 1], "relu")
        grads["dA" + str(l - 1 + {shift})] = dA_prev
        grads["dW" + str(l)] = dW
        grads["db" + str(l)] = db
    return grads
'''
LMB_OK = dict(dAL="-(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))", output="sigmoid", shift=0)

UPDATE = '''def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range({stop}):
        parameters["W" + str(l)] = parameters["W" + str(l)] {op} learning_rate * grads["dW" + str(l)]
        {b_line}
    return parameters
'''
B_LINE = 'parameters["b" + str(l)] = parameters["b" + str(l)] {op} learning_rate * grads["db" + str(l)]'
UPDATE_OK = dict(stop="1, L + 1", op="-", b_line=B_LINE.format(op="-"))


def _f(template, ok, **wrong):
    return template.format(**{**ok, **wrong})


VARIANTS = {
    "untouched": Variant(scores=ZERO),
    "reference": Variant(cells=ref(), scores=FULL),
    "correct_but_different": Variant(cells=ref(**CORRECT_BUT_DIFFERENT), scores=FULL,
                                     note="loops, @, einsum, float32 arithmetic, helpers, prints, "
                                          "a python float, an in-place update"),
    # initialize_parameters: 2 checks (shapes and zeros, values)
    "init_no_seed": mistake("initialize_parameters", _f(INIT, INIT_OK, seed="pass"),
                            "np.random.seed(1)", initialize_parameters=0.5),
    "init_scale_one": mistake("initialize_parameters", _f(INIT, INIT_OK, scale="1"),
                              "by 0.01", initialize_parameters=0.5),
    "init_row_bias": mistake("initialize_parameters", _f(INIT, INIT_OK, b1="n_h"),
                             "the column (n[l], 1)", initialize_parameters=0.5),
    # initialize_parameters_deep: 4 checks (keys, shapes, zero biases, weights)
    "deep_no_seed": mistake("initialize_parameters_deep", _f(DEEP, DEEP_OK, seed_once="pass"),
                            "np.random.seed(3) once", initialize_parameters_deep=1.5),
    "deep_scale_one": mistake("initialize_parameters_deep", _f(DEEP, DEEP_OK, scale="1"),
                              "by 0.01", initialize_parameters_deep=1.5),
    "deep_seed_per_layer": mistake("initialize_parameters_deep",
                                   _f(DEEP, DEEP_OK, seed_once="pass", seed_each="np.random.seed(3)"),
                                   "seeding again in every layer", initialize_parameters_deep=1.5),
    # linear_forward: 3 checks (Z, cache, m = 1)
    "lf_no_b": mistake("linear_forward", _f(LINEAR_FORWARD, LF_OK, Z="np.dot(W, A)"),
                       "forget + b", linear_forward=0.33, linear_activation_forward=0,
                       L_model_forward=0.6),
    "lf_cache_order": mistake("linear_forward", _f(LINEAR_FORWARD, LF_OK, cache="(W, A, b)"),
                              "holds (W, A, b)", linear_forward=0.67,
                              linear_activation_forward=1.5, L_model_forward=1.8),
    "lf_cache_without_b": mistake("linear_forward", _f(LINEAR_FORWARD, LF_OK, cache="(A, W)"),
                                  "the linear cache (A, W, b)", linear_forward=0.67,
                                  linear_activation_forward=1.5, L_model_forward=1.8),
    # linear_activation_forward: 4 checks (relu, sigmoid, cache, m = 1)
    "laf_swapped": mistake("linear_activation_forward",
                           _f(LAF, LAF_OK, sigmoid="relu", relu="sigmoid"),
                           "you applied sigmoid where activation",
                           linear_activation_forward=0.5, L_model_forward=0.6),
    "laf_cache_order": mistake("linear_activation_forward",
                               _f(LAF, LAF_OK, cache="(activation_cache, linear_cache)"),
                               "cache = (linear_cache, activation_cache)",
                               linear_activation_forward=1.5, L_model_forward=1.8),
    "laf_cache_holds_A": mistake("linear_activation_forward",
                                 _f(LAF, LAF_OK, keep_A="activation_cache = A"),
                                 "the activation cache is Z", linear_activation_forward=1.5,
                                 L_model_forward=1.8),
    # L_model_forward: 5 checks (AL, one layer, number of caches, caches, m = 1)
    "lmf_sigmoid_everywhere": mistake("L_model_forward", _f(LMF, LMF_OK, hidden="sigmoid"),
                                      "only the output layer uses sigmoid", L_model_forward=1.2),
    "lmf_relu_output": mistake("L_model_forward", _f(LMF, LMF_OK, output="relu"),
                               "the output layer L uses sigmoid", L_model_forward=1.2),
    "lmf_last_cache_missing": mistake("L_model_forward", _f(LMF, LMF_OK, append_last="pass"),
                                      "one cache per layer", L_model_forward=1.2),
    # compute_cost: 3 checks (value, m = 1, a number)
    "cost_no_mean": mistake("compute_cost",
                            _f(COST, COST_OK, cost=f"-{SUM}"),
                            "divide the sum by m", compute_cost=0.67),
    "cost_not_squeezed": mistake("compute_cost",
                                 _f(COST, COST_OK, cost=f"-{DOT} / m", ret="cost"),
                                 "np.squeeze", compute_cost=0.67),
    "cost_sign": mistake("compute_cost",
                         _f(COST, COST_OK, cost=f"{SUM} / m"),
                         "wrong sign", compute_cost=0.33),
    # linear_backward: 5 checks (dA_prev, dW, db, numerical gradient, m = 1)
    "lb_no_mean": mistake("linear_backward",
                          _f(LB, LB_OK, dW="np.dot(dZ, A_prev.T)",
                             db="np.sum(dZ, axis=1, keepdims=True)"),
                          "did you divide by m?", linear_backward=0.8,
                          linear_activation_backward=0.5, L_model_backward=1.5),
    "lb_db_no_keepdims": mistake("linear_backward", _f(LB, LB_OK, db="np.sum(dZ, axis=1) / m"),
                                 "keepdims=True", linear_backward=0.8,
                                 linear_activation_backward=0, L_model_backward=1),
    "lb_dA_prev_mean": mistake("linear_backward", _f(LB, LB_OK, dA_prev="np.dot(W.T, dZ) / m"),
                               "has no 1/m", linear_backward=1.2,
                               linear_activation_backward=0.5, L_model_backward=1),
    # linear_activation_backward: 4 checks (relu, sigmoid, numerical gradient, m = 1)
    "lab_relu_from_dA": mistake("linear_activation_backward",
                                _f(LAB, LAB_OK, relu="dA * (dA > 0)"),
                                "not on dA", linear_activation_backward=0.5, L_model_backward=1),
    "lab_sigmoid_at_Z": mistake("linear_activation_backward",
                                _f(LAB, LAB_OK,
                                   sigmoid="dA * activation_cache * (1 - activation_cache)"),
                                "not Z (1 - Z)", linear_activation_backward=0.5,
                                L_model_backward=0.5),
    "lab_swapped": mistake("linear_activation_backward",
                           _f(LAB, LAB_OK, relu="sigmoid_backward(dA, activation_cache)",
                              sigmoid="relu_backward(dA, activation_cache)"),
                           "you used sigmoid_backward where activation",
                           linear_activation_backward=0, L_model_backward=0.5),
    # L_model_backward: 6 checks (keys, dW and db, dA, one layer, numerical gradient, m = 1)
    "lmb_dAL_sign": mistake("L_model_backward",
                            _f(LMB, LMB_OK, dAL="np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)"),
                            "wrong sign", L_model_backward=0.5),
    "lmb_relu_output": mistake("L_model_backward", _f(LMB, LMB_OK, output="relu"),
                               "goes back through sigmoid", L_model_backward=0.5),
    "lmb_keys_shifted": mistake("L_model_backward", _f(LMB, LMB_OK, shift=1),
                                "gradient with respect to A[l]", L_model_backward=0.5),
    # update_parameters: 4 checks (W, b, keys and shapes, the caller's dict unchanged); the
    # fourth is new (issue 9), so 1/3 -> 2/4 and 2/3 -> 3/4
    "update_plus": mistake("update_parameters",
                           _f(UPDATE, UPDATE_OK, op="+", b_line=B_LINE.format(op="+")),
                           "against the gradient", update_parameters=0.5),
    "update_skip_last": mistake("update_parameters", _f(UPDATE, UPDATE_OK, stop="1, L"),
                                "the last one too", update_parameters=0.5),
    "update_only_W": mistake("update_parameters", _f(UPDATE, UPDATE_OK, b_line="pass"),
                             "did not change", update_parameters=0.75),
    "update_in_place": mistake("update_parameters", UPDATE_IN_PLACE, "changed the caller's",
                               update_parameters=0.75),
}

# The few students `make demo` grades.
DEMO = ["reference", "correct_but_different", "lb_no_mean", "lmf_relu_output", "untouched"]
