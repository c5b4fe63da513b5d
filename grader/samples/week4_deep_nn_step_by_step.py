"""Canned submissions of week 4, building a deep network step by step, each with the exact score
it must get.

Test cells (points): initialize_parameters (1), initialize_parameters_deep (2), linear_forward
(1), linear_activation_forward (2), L_model_forward (3), compute_cost (1), linear_backward (2),
linear_activation_backward (2), L_model_backward (3), update_parameters (1): 18 points.
Each typical mistake is alone in its variant. A wrong function also costs the functions that
call it, as in the course: L_model_forward calls linear_activation_forward, which calls
linear_forward, and the same for the backward pass. The judge hands the backward functions
caches of its own, so a wrong forward cache costs only the forward functions.

Since issue 9 the judge's checks come from the table of cases
(utils.public_tests.week4_deep_nn_step_by_step.TABLE): a function's points are split over its
kinds by the table's weights (main 2, each other kind 1; linear_activation_forward and
linear_activation_backward: relu, sigmoid, m = 1, sizes 1 each), and a kind's share equally
over its parts. A score below is (failed kind weights x parts) out of (total weights x parts);
a mistake that does no harm on one kind (no 1/m when m = 1, seeding per layer when L = 1,
sigmoid everywhere when L = 1) keeps that kind's share.
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


# Reading the notebook's own globals (layer_dims = [12288, 20, 7, 5, 1], m = 209) instead of
# the arguments (issue 9): the judge's cases of other sizes and depths show it.
LMF_GLOBAL = LMF.replace("L = len(parameters) // 2", "L = len(layer_dims) - 1").format(**LMF_OK)
COST_GLOBAL = '''def compute_cost(AL, Y):
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return np.squeeze(cost)
'''


def _f(template, ok, **wrong):
    return template.format(**{**ok, **wrong})


VARIANTS = {
    "untouched": Variant(scores=ZERO),
    "reference": Variant(cells=ref(), scores=FULL),
    "correct_but_different": Variant(cells=ref(**CORRECT_BUT_DIFFERENT), scores=FULL,
                                     note="loops, @, einsum, float32 arithmetic, helpers, prints, "
                                          "a python float, an in-place update"),
    # initialize_parameters: kinds main 1, sizes 1; parts shapes (and zero biases), values
    "init_no_seed": mistake("initialize_parameters", _f(INIT, INIT_OK, seed="pass"),
                            "np.random.seed(1)", initialize_parameters=0.5),
    "init_scale_one": mistake("initialize_parameters", _f(INIT, INIT_OK, scale="1"),
                              "by 0.01", initialize_parameters=0.5),
    "init_row_bias": mistake("initialize_parameters", _f(INIT, INIT_OK, b1="n_h"),
                             "the column (n[l], 1)", initialize_parameters=0.5),
    # initialize_parameters_deep: kinds main 2, L1 1, sizes 1; parts keys, shapes, zero biases,
    # weights
    "deep_no_seed": mistake("initialize_parameters_deep", _f(DEEP, DEEP_OK, seed_once="pass"),
                            "np.random.seed(3) once", initialize_parameters_deep=1.5),
    "deep_scale_one": mistake("initialize_parameters_deep", _f(DEEP, DEEP_OK, scale="1"),
                              "by 0.01", initialize_parameters_deep=1.5),
    "deep_seed_per_layer": mistake("initialize_parameters_deep",
                                   _f(DEEP, DEEP_OK, seed_once="pass", seed_each="np.random.seed(3)"),
                                   "seeding again in every layer",
                                   # weights wrong except for L = 1 (one layer, one seeding):
                                   # 2 x (1 - 3/16)
                                   initialize_parameters_deep=1.625),
    # linear_forward: kinds main 2, m1 1, sizes 1; parts Z, cache. Was 3 checks (Z, cache,
    # m = 1 Z): a wrong Z now costs half (not 2/3), a wrong cache half (not 1/3)
    "lf_no_b": mistake("linear_forward", _f(LINEAR_FORWARD, LF_OK, Z="np.dot(W, A)"),
                       "forget + b", linear_forward=0.5, linear_activation_forward=0,
                       # every layer's Z and so AL and every cache are wrong
                       L_model_forward=0),
    "lf_cache_order": mistake("linear_forward", _f(LINEAR_FORWARD, LF_OK, cache="(W, A, b)"),
                              "holds (W, A, b)", linear_forward=0.5,
                              # the cache part of every kind: half
                              linear_activation_forward=1, L_model_forward=1.5),
    "lf_cache_without_b": mistake("linear_forward", _f(LINEAR_FORWARD, LF_OK, cache="(A, W)"),
                                  "the linear cache (A, W, b)", linear_forward=0.5,
                                  linear_activation_forward=1, L_model_forward=1.5),
    # linear_activation_forward: kinds relu, sigmoid, m1, sizes (1 each); parts A, cache.
    # L_model_forward: kinds main 2, L1 1, m1 1, sizes 1; parts AL, caches. A wrong A costs
    # half of linear_activation_forward (was 3/4); a wrong cache half (was 1/4)
    "laf_swapped": mistake("linear_activation_forward",
                           _f(LAF, LAF_OK, sigmoid="relu", relu="sigmoid"),
                           "you applied sigmoid where activation",
                           # L_model_forward: only the caches of L = 1 (which hold no A of a
                           # hidden layer) are right: 3 x 1/10
                           linear_activation_forward=1, L_model_forward=0.3),
    "laf_cache_order": mistake("linear_activation_forward",
                               _f(LAF, LAF_OK, cache="(activation_cache, linear_cache)"),
                               "cache = (linear_cache, activation_cache)",
                               linear_activation_forward=1, L_model_forward=1.5),
    "laf_cache_holds_A": mistake("linear_activation_forward",
                                 _f(LAF, LAF_OK, keep_A="activation_cache = A"),
                                 "the activation cache is Z", linear_activation_forward=1,
                                 L_model_forward=1.5),
    # L_model_forward: was 5 checks (AL, one layer, number of caches, caches, m = 1)
    "lmf_sigmoid_everywhere": mistake("L_model_forward", _f(LMF, LMF_OK, hidden="sigmoid"),
                                      "only the output layer uses sigmoid",
                                      # AL and caches right only for L = 1: 2/10
                                      L_model_forward=0.6),
    "lmf_relu_output": mistake("L_model_forward", _f(LMF, LMF_OK, output="relu"),
                               "the output layer L uses sigmoid",
                               # AL wrong for every kind, caches (Z) right: half
                               L_model_forward=1.5),
    "lmf_last_cache_missing": mistake("L_model_forward", _f(LMF, LMF_OK, append_last="pass"),
                                      "one cache per layer", L_model_forward=1.5),  # caches: half
    "lmf_reads_notebook_L": mistake("L_model_forward", LMF_GLOBAL, "KeyError",
                                    # the notebook's layer_dims has L = 4: right only for
                                    # networks of depth 4 (this draw: the m = 1 one), 2/10
                                    L_model_forward=0.6),
    # compute_cost: kinds main 2, m1 1, sizes 1; parts value, number (was 3 checks: value,
    # m = 1, a number)
    "cost_no_mean": mistake("compute_cost",
                            _f(COST, COST_OK, cost=f"-{SUM}"),
                            # harmless for m = 1: 1 - 3/8
                            "divide the sum by m", compute_cost=0.625),
    "cost_not_squeezed": mistake("compute_cost",
                                 _f(COST, COST_OK, cost=f"-{DOT} / m", ret="cost"),
                                 "np.squeeze", compute_cost=0.5),
    "cost_sign": mistake("compute_cost",
                         _f(COST, COST_OK, cost=f"{SUM} / m"),
                         "wrong sign", compute_cost=0.5),
    "cost_reads_notebook_m": mistake("compute_cost", COST_GLOBAL, "m = Y.shape[1]",
                                     # the notebook's m = 209: every value wrong, half
                                     compute_cost=0.5),
    # linear_backward and linear_activation_backward: kinds main 2 (lab: relu 1, sigmoid 1),
    # m1 1, sizes 1; parts dA_prev, dW, db, numerical gradient. L_model_backward: kinds main 2,
    # L1 1, m1 1, sizes 1; parts keys, dW and db, dA, numerical gradient. Was 5, 4 and 6
    # checks; a slip harmless for m = 1 (no 1/m) keeps that kind's share
    "lb_no_mean": mistake("linear_backward",
                          _f(LB, LB_OK, dW="np.dot(dZ, A_prev.T)",
                             db="np.sum(dZ, axis=1, keepdims=True)"),
                          "did you divide by m?", linear_backward=0.875,     # 2 x (1 - 9/16)
                          linear_activation_backward=0.875, L_model_backward=1.8),
    "lb_db_no_keepdims": mistake("linear_backward", _f(LB, LB_OK, db="np.sum(dZ, axis=1) / m"),
                                 "keepdims=True", linear_backward=1,    # db and numerical: half
                                 linear_activation_backward=1, L_model_backward=1.5),
    "lb_dA_prev_mean": mistake("linear_backward", _f(LB, LB_OK, dA_prev="np.dot(W.T, dZ) / m"),
                               "has no 1/m", linear_backward=1.25,      # 2 x (1 - 6/16)
                               linear_activation_backward=1.25, L_model_backward=1.35),
    # a slip of one activation costs the kinds of that activation (relu: main and sizes; sigmoid:
    # sigmoid and m1): half
    "lab_relu_from_dA": mistake("linear_activation_backward",
                                _f(LAB, LAB_OK, relu="dA * (dA > 0)"),
                                "not on dA", linear_activation_backward=1, L_model_backward=1.2),
    "lab_sigmoid_at_Z": mistake("linear_activation_backward",
                                _f(LAB, LAB_OK,
                                   sigmoid="dA * activation_cache * (1 - activation_cache)"),
                                "not Z (1 - Z)", linear_activation_backward=1,
                                L_model_backward=0.75),     # keys right: 3 x 1/4
    "lab_swapped": mistake("linear_activation_backward",
                           _f(LAB, LAB_OK, relu="sigmoid_backward(dA, activation_cache)",
                              sigmoid="relu_backward(dA, activation_cache)"),
                           "you used sigmoid_backward where activation",
                           linear_activation_backward=0, L_model_backward=0.75),
    # L_model_backward: the keys part passes, every value is wrong: 3 x 1/4 (was 1/6)
    "lmb_dAL_sign": mistake("L_model_backward",
                            _f(LMB, LMB_OK, dAL="np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)"),
                            "wrong sign", L_model_backward=0.75),
    "lmb_relu_output": mistake("L_model_backward", _f(LMB, LMB_OK, output="relu"),
                               "goes back through sigmoid", L_model_backward=0.75),
    # dW and db right, keys, dA and the numerical gradient (which reads dA0) wrong
    "lmb_keys_shifted": mistake("L_model_backward", _f(LMB, LMB_OK, shift=1),
                                "gradient with respect to A[l]", L_model_backward=0.75),
    # update_parameters: kinds main 2, sizes 1; parts W, b, keys and shapes, the caller's dict
    # unchanged (the same scores as with one check of each)
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
