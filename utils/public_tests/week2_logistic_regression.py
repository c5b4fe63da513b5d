"""Visible tests for week 2, logistic regression (notebook `week2_logistic_regression`).

Each `<name>_test(target)` calls the student's function on small fixed inputs (one of them not
square, so a swapped axis shows), checks types, shapes, keys and known values with
`utils.checks`, and prints "All tests passed." or raises `CheckError` with a hint. Then it
runs one visible draw of every other kind of input in `TABLE` (m = 1, float32, ...), checked
against an independent oracle (a numerical gradient, the function's own float64 result, the
definition of a label). The judge draws the same kinds afresh: no hidden surprise. These
tests only help the student: the points are decided by the judge.
"""
import contextlib
import io

import numpy as np

from utils.cases import Case, Kind, visible_case
from utils.checks import (CheckError, check_array, check_keys, check_logistic, check_scalar,
                          check_tuple, hint_for, is_number, scale_hint)

# Sizes the notebook itself uses (n_x = 64 * 64 * 3, m_train, m_test, num_px): every function
# has cases of other sizes, so code reading the notebook's globals fails.
NOTEBOOK_SIZES = {12288, 209, 50, 64}
M1 = "It must also work for a single example (m = 1)."
FLOAT32 = "It must also work for float32 inputs (do not assert a dtype)."


def problem(rng, n_x, m, dtype=float):
    """w (n_x, 1), b (a float), X (n_x, m), Y (1, m) of 0/1 labels, drawn from `rng`."""
    w = rng.normal(0, 0.5, (n_x, 1)).astype(dtype)
    X = rng.normal(0, 1, (n_x, m)).astype(dtype)
    Y = (rng.random((1, m)) < 0.5).astype(dtype)
    return w, float(rng.normal(0, 0.5)), X, Y


def _non_square(rng):
    """(n_x, m) with n_x != m, neither a size of the notebook."""
    n_x = int(rng.integers(2, 7))
    return n_x, int(rng.choice([m for m in range(3, 13) if m != n_x]))


def pictures(rng, m, num_px):
    """m pictures of num_px x num_px pixels, 3 colours: uint8 (m, num_px, num_px, 3), as
    load_dataset gives them."""
    return rng.integers(0, 256, (m, num_px, num_px, 3), dtype=np.uint8)


def _picture_sizes(rng):
    """(m_train, m_test, num_px), all different and none 3 (the colour axis), so a wrong axis
    gives a wrong number."""
    num_px = int(rng.integers(4, 13))
    m_train = int(rng.choice([m for m in range(6, 21) if m != num_px]))     # 4 <= m_test < m_train
    m_test = int(rng.choice([m for m in range(4, m_train) if m != num_px]))
    return m_train, m_test, num_px


def _sizes_case(rng, m_test=None):
    m_train, m_test_, num_px = _picture_sizes(rng)
    train, test = pictures(rng, m_train, num_px), pictures(rng, m_test or m_test_, num_px)
    return Case((train, test), label=f"train_set_x_orig of shape {train.shape}, "
                                     f"test_set_x_orig of shape {test.shape}")


def _flatten_case(rng, m=None):
    m_, _, num_px = _picture_sizes(rng)
    X = pictures(rng, m or m_, num_px)
    return Case((X,), label=f"X_orig of shape {X.shape}")


def _sigmoid_matrix(rng):
    z = rng.normal(0, 3, _non_square(rng))
    return Case((z,), label=f"z of shape {z.shape}")


def _sigmoid_vector(rng):
    z = rng.permutation(np.concatenate([[-30.0, 0.0, 30.0], rng.normal(0, 3, 3)]))
    return Case((z,), label=f"a 1-D z of shape {z.shape}, from -30 to 30")


def _sigmoid_number(rng):
    return Case((float(rng.normal(0, 3)),), label="a python float")


def _init_case(rng, dim=None):
    dim = int(rng.integers(2, 13)) if dim is None else dim
    return Case((dim,), label=f"dim={dim}")


def _propagate_case(rng, shape=None, dtype=float):
    n_x, m = shape or _non_square(rng)
    kind = " float32" if dtype == np.float32 else ""
    return Case(problem(rng, n_x, m, dtype), label=f"{kind} X of shape ({n_x}, {m})".strip())


def _optimize_case(rng):
    n_x, m = _non_square(rng)
    iters, lr = int(rng.choice([101, 150])), float(rng.uniform(0.01, 0.2))
    return Case(problem(rng, n_x, m), {"num_iterations": iters, "learning_rate": lr},
                label=f"X ({n_x}, {m}), {iters} iterations, learning_rate={lr:.3f}")


def _predict_case(rng, m=None):
    n_x, m_ = _non_square(rng)
    m = m or m_
    return Case(problem(rng, n_x, m)[:3], label=f"X of shape ({n_x}, {m})")


def _model_case(rng, m_test=None):
    n_x, m_train = int(rng.integers(2, 7)), int(rng.integers(15, 31))   # labels rarely agree by chance
    m_test = m_test or int(rng.integers(5, 11))
    _, _, X_train, Y_train = problem(rng, n_x, m_train)
    _, _, X_test, Y_test = problem(rng, n_x, m_test)
    iters, lr = int(rng.choice([101, 150])), float(rng.uniform(0.05, 0.5))
    return Case((X_train, Y_train, X_test, Y_test), {"num_iterations": iters, "learning_rate": lr},
                label=f"train ({n_x}, {m_train}), test ({n_x}, {m_test}), {iters} iterations")


# {function: [Kind]}: a function's points are split over its kinds by weight.
TABLE = {
    "sigmoid": [Kind("main", _sigmoid_matrix, weight=2),
                Kind("vector", _sigmoid_vector, says="a numpy array of any shape"),
                Kind("number", _sigmoid_number, says="for a number")],
    "initialize_with_zeros": [Kind("main", _init_case, draws=2),
                              Kind("one", lambda rng: _init_case(rng, 1), says="It must also work for `dim = 1`.")],
    "propagate": [Kind("main", _propagate_case, weight=3, draws=2),
                  Kind("m1", lambda rng: _propagate_case(rng, (int(rng.integers(2, 6)), 1)),
                       says=M1),
                  Kind("float32", lambda rng: _propagate_case(rng, dtype=np.float32),
                       says=FLOAT32)],
    "optimize": [Kind("main", _optimize_case, weight=2, draws=2)],
    "predict": [Kind("main", _predict_case), Kind("m1", lambda rng: _predict_case(rng, 1), says=M1)],
    "model": [Kind("main", _model_case, weight=2), Kind("m1", lambda rng: _model_case(rng, 1),
                                                       says="It must also work for a test set of a single example.")],
    # Last, so that the draws of the functions above stay what they were before these two
    # became exercises (issue 11): the judge draws the kinds in this order from one generator.
    "dataset_sizes": [Kind("main", _sizes_case, weight=2, draws=2),
                      Kind("m1", lambda rng: _sizes_case(rng, 1),
                           says="It must also work for a test set of a single picture.")],
    "flatten_images": [Kind("main", _flatten_case, weight=2, draws=2),
                       Kind("m1", lambda rng: _flatten_case(rng, 1),
                            says="It must also work for a single picture (m = 1).")],
}


def _small_problem():
    """w (2, 1), b, X (2, 3), Y (1, 3): the inputs of the propagate and optimize tests."""
    w = np.array([[0.5], [-1.0]])
    b = 0.25
    X = np.array([[1.0, -2.0, 0.5],
                  [3.0, 0.5, -1.5]])
    Y = np.array([[1, 0, 1]])
    return w, b, X, Y


def _numerical_grads(target, w, b, X, Y, eps=1e-2):
    """Central differences of the cost returned by `target` with respect to w and b."""
    def cost(w_, b_):
        return float(np.squeeze(target(w_, b_, X.copy(), Y.copy())[1]))
    dw = np.zeros_like(w)
    for i in range(w.shape[0]):
        step = np.zeros_like(w)
        step[i, 0] = eps
        dw[i, 0] = (cost(w + step, b) - cost(w - step, b)) / (2 * eps)
    db = (cost(w, b + eps) - cost(w, b - eps)) / (2 * eps)
    return dw, db


SIZES = ("m_train", "m_test", "num_px")


def sizes_mistakes(train, test, part):
    """Known wrong values of the size `part`, [(hint, value)], for hints."""
    first_axis = "the first axis counts the pictures: shape[0]"
    num_px = train.shape[1]
    notebook = dict(zip(SIZES, (209, 50, 64)))
    globals_hint = ("that is the size of the notebook's own data: read it from the shape of the "
                    "argument, not from a variable or a fixed number")
    return [(globals_hint, notebook[part])] + {
        "m_train": [(first_axis, train.shape[1]),
                    ("m_train comes from train_set_x_orig, m_test from test_set_x_orig",
                     test.shape[0])],
        "m_test": [(first_axis, test.shape[1]),
                   ("m_test comes from test_set_x_orig, m_train from train_set_x_orig",
                    train.shape[0])],
        "num_px": [("num_px is the height of one picture, shape[1]; shape[0] counts the "
                    "pictures", train.shape[0]),
                   ("shape[3] is the 3 colours of a pixel; num_px is the height of a picture, "
                    "shape[1]", 3),
                   ("num_px is the height of a picture, not its number of pixels",
                    num_px * num_px),
                   ("that is n_x = num_px * num_px * 3, the length of an unrolled picture; "
                    "num_px is its height, shape[1]", num_px * num_px * 3)],
    }[part]


def check_sizes(out, train, test, name, parts=SIZES, reveal=True):
    """Checks the sizes `parts` of out = (m_train, m_test, num_px) for these two sets."""
    found = dict(zip(SIZES, check_tuple(out, 3, name, hint="return m_train, m_test, num_px")))
    expected = dict(zip(SIZES, (train.shape[0], test.shape[0], train.shape[1])))
    for part in parts:
        check_scalar(found[part], expected[part], f"{part} for {name}", reveal=reveal,
                     hint=lambda: hint_for(found[part], expected[part],
                                           sizes_mistakes(train, test, part)))


def flatten_mistakes(X):
    """Known wrong versions of X_flatten for the pictures X (m, num_px, num_px, 3)."""
    m = X.shape[0]
    return [("each column must be one whole picture: X.reshape(-1, m) has the right shape but "
             "reads the numbers in the order they are stored, so its columns mix pixels of "
             "several pictures; keep the pictures apart with X.reshape(m, -1), then transpose",
             X.reshape(-1, m)),
            ("each column holds the right picture but its pixels in another order (X.T reverses "
             "every axis): column i must be X_orig[i].ravel(), so reshape first, then transpose",
             X.T.reshape(-1, m)),
            ("do not divide by 255 here: flattening only moves the numbers, scaling is the next "
             "step", X.reshape(m, -1).T / 255)]


def flatten_shape_hint(found, X):
    """What a wrong shape of X_flatten most likely means, for the pictures X."""
    m, n_x = X.shape[0], X[0].size
    if isinstance(found, np.ndarray) and found.shape == (m, n_x) and m != n_x:
        return ("one picture per row: transpose it (.T) so that each picture is a column, "
                "shape (num_px * num_px * 3, m)")
    if isinstance(found, np.ndarray):
        return ("X_flatten has one column of num_px * num_px * 3 numbers per picture: "
                "X.reshape(m, -1) makes one row per picture, then .T makes the rows columns")
    return None


def check_flatten(out, X, expected, name, reveal=True):
    """Checks that out is X_flatten, column i the picture X[i] unrolled. Numbers in the wrong
    places are counted (a relative error means little for pixels, many of them 0)."""
    def hint():
        return hint_for(out, expected, flatten_mistakes(X),
                        default="column i must be X_orig[i].ravel(), picture i's numbers in the "
                                "order numpy stores them")
    if (isinstance(out, np.ndarray) and out.shape == expected.shape
            and np.issubdtype(out.dtype, np.number)):
        wrong = int(np.sum(~np.isclose(out.astype(float), expected.astype(float))))
        if wrong:
            raise CheckError(f"{name} has the right shape, but {wrong} of its {out.size} numbers "
                             f"are not the expected ones: {hint()}")
    check_array(out, expected, name, reveal=reveal, hint=hint,
                shape_hint=lambda: flatten_shape_hint(out, X))


def dataset_sizes_test(target):
    """Sizes of 6 training and 2 test pictures of 4 x 4 pixels, then the drawn kinds."""
    rng = np.random.default_rng(1)
    train, test = pictures(rng, 6, 4), pictures(rng, 2, 4)
    name = f"dataset_sizes on sets of shapes {train.shape} and {test.shape}"
    check_sizes(target(train.copy(), test.copy()), train, test, name)
    for kind in ("main", "m1"):
        case = visible_case(TABLE, "dataset_sizes", kind)
        check_sizes(target(*[a.copy() for a in case.args]), *case.args,
                    f"dataset_sizes({case.label})")
    print("All tests passed.")


def flatten_images_test(target):
    """3 pictures of 2 x 2 pixels holding 0, 1, ..., 35 in numpy's order, then the drawn kinds:
    column i must be picture i read pixel by pixel, X_orig[i].ravel()."""
    X = np.arange(36, dtype=np.uint8).reshape(3, 2, 2, 3)
    expected = np.array([np.arange(12), np.arange(12, 24), np.arange(24, 36)]).T   # (12, 3)
    check_flatten(target(X.copy()), X, expected, "flatten_images(X_orig of shape (3, 2, 2, 3))")
    for kind in ("main", "m1"):
        case = visible_case(TABLE, "flatten_images", kind)
        (X,) = case.args
        columns = np.stack([X[i].ravel() for i in range(X.shape[0])], axis=1)   # (n_x, m)
        check_flatten(target(X.copy()), X, columns, f"flatten_images({case.label})")
    print("All tests passed.")


def sigmoid_test(target):
    """sigmoid on a (2, 3) array and on the number 0."""
    z = np.array([[-3.0, 0.0, 1.0],
                  [2.0, -0.5, 10.0]])
    expected = np.array([[0.04742587317756678, 0.5, 0.7310585786300049],
                         [0.8807970779778823, 0.3775406687981454, 0.9999546021312976]])
    hint = "sigmoid(z) = 1 / (1 + np.exp(-z)), applied to every entry (check the sign of z)"
    check_array(target(z.copy()), expected, "sigmoid(z)", hint=hint,
                shape_hint="the output must have the shape of z: use np.exp, not a loop or sum")
    check_scalar(target(0.0), 0.5, "sigmoid(0)", hint=hint)
    for kind in ("vector", "number"):
        case = visible_case(TABLE, "sigmoid", kind)
        (z,) = case.args
        check_logistic(target(z.copy() if kind == "vector" else z), z, f"sigmoid({case.label})",
                       hint=hint)
    print("All tests passed.")


def initialize_with_zeros_test(target):
    """initialize_with_zeros(3) and initialize_with_zeros(1)."""
    for dim in (3, visible_case(TABLE, "initialize_with_zeros", "one").args[0]):
        out = target(dim)
        check_tuple(out, 2, f"initialize_with_zeros({dim})", hint="return w, b")
        w, b = out
        check_array(w, np.zeros((dim, 1)), "w", hint="w holds zeros",
                    shape_hint=f"w is a column: np.zeros((dim, 1)), here ({dim}, 1)")
        check_scalar(b, 0.0, "b", hint="b is one number shared by all examples: b = 0.0")
    print("All tests passed.")


def _grads_and_cost(out, name):
    """Unpacks (grads, cost) after checking the tuple and the keys; returns dw, db, cost."""
    check_tuple(out, 2, name, hint="return grads, cost")
    grads, cost = out
    check_keys(grads, ["dw", "db"], "grads", hint='grads = {"dw": dw, "db": db}')
    return grads["dw"], grads["db"], cost


def _check_number(x, name, hint):
    """Raises CheckError unless x is a single number (not a (1, 1) array)."""
    if not is_number(x):
        what = (f"an array of shape {x.shape}" if isinstance(x, np.ndarray)
                else f"of type {type(x).__name__}")
        raise CheckError(f"{name} is {what}, expected a number: {hint}")


def _check_costs(costs, length, name, hint):
    """Raises CheckError unless costs is a list (or tuple, or 1-d array) of `length` entries."""
    if not isinstance(costs, (list, tuple, np.ndarray)) or (isinstance(costs, np.ndarray)
                                                           and costs.ndim != 1):
        raise CheckError(f"{name} is of type {type(costs).__name__}, expected a list of "
                         f"{length} costs: {hint}")
    if len(costs) != length:
        raise CheckError(f"{name} has {len(costs)} entries, expected {length}: {hint}")


DW_SHAPE_HINT = "dw has the shape of w: X @ (A - Y).T / m keeps the column shape (n_x, 1)"


def propagate_test(target):
    """Known values on a (2, 3) problem, then numerical gradients on an m = 1 and a (4, 5) one."""
    w, b, X, Y = _small_problem()
    out = target(w.copy(), b, X.copy(), Y.copy())
    dw, db, cost = _grads_and_cost(out, "propagate(w, b, X, Y)")
    _check_number(cost, "cost", "np.sum(...) / m gives one; for a (1, 1) array use np.squeeze")
    _check_number(db, "db", "np.sum(A - Y) / m gives one")
    exp_cost = 0.9096878837683642
    exp_dw = np.array([[-0.46988409125418906], [-0.8079323842856135]])
    exp_db = -0.26705110609923316
    cost_formula = "J = -(1/m) sum(Y log A + (1 - Y) log(1 - A)), with A = sigmoid(w^T X + b)"
    check_scalar(cost, exp_cost, "cost", hint=scale_hint(cost, exp_cost, 3, cost_formula))
    check_array(dw, exp_dw, "dw", hint=scale_hint(dw, exp_dw, 3, "dw = (1/m) X (A - Y)^T"),
                shape_hint=DW_SHAPE_HINT)
    check_scalar(db, exp_db, "db", hint=scale_hint(db, exp_db, 3, "db = (1/m) sum(A - Y)"))
    # Independent oracle: the gradients must be the slope of the cost. With eps = 1e-2 the
    # central difference agrees with a correct dw to a relative error of about 1e-5 (2e-4 if
    # the student computes in float32); a wrong gradient is off by far more than rtol = 1e-3.
    rng = np.random.default_rng(2)
    cases = [visible_case(TABLE, "propagate", "m1").args,                        # m = 1
             (rng.normal(size=(4, 1)), -0.3, rng.normal(size=(4, 5)), np.array([[0, 1, 1, 0, 1]]))]
    for w_, b_, X_, Y_ in cases:
        dw, db, _ = _grads_and_cost(target(w_.copy(), b_, X_.copy(), Y_.copy()),
                                    f"propagate on X of shape {X_.shape}")
        num_dw, num_db = _numerical_grads(target, w_, b_, X_, Y_)
        hint = f"on X of shape {X_.shape} it does not match the slope of your cost"
        check_array(dw, num_dw, "dw", rtol=1e-3, atol=1e-6, hint=hint, shape_hint=DW_SHAPE_HINT)
        check_scalar(db, num_db, "db", rtol=1e-3, atol=1e-6, hint=hint)
    _check_float32(target, visible_case(TABLE, "propagate", "float32").args)
    print("All tests passed.")


def _check_float32(target, args):
    """propagate on float32 inputs gives (to float32 precision) its result on float64 ones."""
    name = f"propagate on float32 X of shape {args[2].shape}"
    try:
        out = target(*[a.copy() if isinstance(a, np.ndarray) else a for a in args])
    except Exception as e:
        raise CheckError(f"{name} raised {type(e).__name__}: {e}: it must also work for "
                         "float32 inputs (do not assert a dtype; numpy keeps float32 in float32)"
                         ) from None
    dw, db, cost = _grads_and_cost(out, name)
    dw64, db64, cost64 = _grads_and_cost(
        target(*[a.astype(float) if isinstance(a, np.ndarray) else a for a in args]), name)
    hint = "float32 inputs must give the float64 result to about 1e-4"
    check_array(dw, np.asarray(dw64), f"dw of {name}", rtol=1e-3, atol=1e-5, hint=hint,
                shape_hint=DW_SHAPE_HINT)
    for part, got, want in (("db", db, db64), ("cost", cost, cost64)):
        _check_number(got, f"{part} of {name}", "a number, also for float32 inputs")
        check_scalar(got, float(want), f"{part} of {name}", rtol=1e-3, atol=1e-5, hint=hint)


def optimize_test(target):
    """101 steps of gradient descent on the (2, 3) problem: two recorded costs."""
    w, b, X, Y = _small_problem()
    out = target(w.copy(), b, X.copy(), Y.copy(), num_iterations=101, learning_rate=0.05)
    check_tuple(out, 3, "optimize(...)", hint="return params, grads, costs")
    params, grads, costs = out
    check_keys(params, ["w", "b"], "params", hint='params = {"w": w, "b": b}')
    check_keys(grads, ["dw", "db"], "grads", hint="return the grads of the last iteration")
    _check_costs(costs, 2, "costs", "with 101 iterations the cost is recorded at i = 0 and "
                 "i = 100 (if i % 100 == 0)")
    hint = ("w = w - learning_rate * dw at every iteration, with the learning_rate and "
            "num_iterations passed in (not fixed numbers)")
    check_scalar(costs[0], 0.9096878837683642, "costs[0]",
                 hint="costs[0] is the cost from propagate at i = 0, before the first update")
    check_scalar(costs[1], 0.1192647137389663, "costs[1]", hint=hint)
    check_array(params["w"], np.array([[1.601187763621722], [-0.06319053764342297]]),
                'params["w"]', hint=hint, shape_hint="w keeps its shape (2, 1)")
    check_scalar(params["b"], 0.8064588970158111, 'params["b"]',
                 hint="b = b - learning_rate * db at every iteration")
    check_array(grads["dw"], np.array([[-0.11329413015540497], [-0.00793744903128496]]),
                'grads["dw"]', hint="grads are those of the last iteration (before its update)")
    check_scalar(grads["db"], -0.057393086695780915, 'grads["db"]',
                 hint="grads are those of the last iteration (before its update)")
    print("All tests passed.")


def predict_test(target):
    """Labels for a (3, 4) X and for a single example (m = 1)."""
    w = np.array([[0.3], [-0.7], [1.2]])
    b = -0.1
    X = np.array([[1.0, -1.0, 2.0, 0.0],
                  [0.5, 1.5, -1.0, 2.0],
                  [-0.5, 0.8, 0.2, 1.5]])
    # activations are 0.32, 0.38, 0.81, 0.57
    w1, b1, X1 = visible_case(TABLE, "predict", "m1").args
    for w, b, X_, labels in ((w, b, X, [[0.0, 0.0, 1.0, 1.0]]), (w, b, X[:, 2:3], [[1.0]]),
                             (w1, b1, X1, (w1.T @ X1 + b1 > 0).astype(float))):
        pred = target(w.copy(), b, X_.copy())
        name = f"predict(w, b, X) for X of shape {X_.shape}"
        if isinstance(pred, np.ndarray) and pred.shape == (1, X_.shape[1]):
            if not np.all((pred == 0) | (pred == 1)):
                raise CheckError(f"{name} holds {pred}, expected only 0 and 1: "
                                 "turn the probabilities into labels with A > 0.5")
            if np.array_equal(pred, 1 - np.array(labels)):
                raise CheckError(f"{name} is {pred}, expected {np.array(labels)}: yours are "
                                 "inverted, the label is 1 where A > 0.5")
        check_array(pred, np.array(labels), name,
                    shape_hint="one label per column of X: shape (1, m)",
                    hint="label 1 where sigmoid(w^T x + b) > 0.5, else 0")
    print("All tests passed.")


def model_test(target):
    """150 iterations on a 5-example training set and a 3-example test set."""
    X_train = np.array([[1.0, 2.0, -1.0, -2.0, 0.5],
                        [0.5, -1.0, 1.5, -0.5, 2.0]])
    Y_train = np.array([[1, 1, 0, 0, 1]])
    X_test = np.array([[1.5, -1.5, 0.2],
                       [0.0, 1.0, -2.0]])
    Y_test = np.array([[1, 0, 1]])
    with contextlib.redirect_stdout(io.StringIO()):    # the accuracies it prints are not checked
        d = target(X_train, Y_train, X_test, Y_test, num_iterations=150, learning_rate=0.1)
    keys = ["costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate",
            "num_iterations"]
    check_keys(d, keys, "d", hint="return the dict d with every key listed in the task")
    hint = "pass num_iterations and learning_rate on to optimize (not fixed numbers)"
    _check_costs(d["costs"], 2, 'd["costs"]', f"150 iterations, one cost every 100: {hint}")
    check_scalar(d["costs"][0], 0.6931471805599453, 'd["costs"][0]',
                 hint="start from zeros (initialize_with_zeros): the first cost is log(2)")
    check_array(d["w"], np.array([[2.3812540436742533], [0.2598713782085305]]), 'd["w"]',
                hint=hint, shape_hint="w has one row per feature: (n_x, 1)")
    check_scalar(d["b"], 0.2958515143645272, 'd["b"]', hint=hint)
    check_array(d["Y_prediction_train"], np.array([[1.0, 1.0, 0.0, 0.0, 1.0]]),
                'd["Y_prediction_train"]', hint="predict with the trained w and b on X_train")
    check_array(d["Y_prediction_test"], np.array([[1.0, 0.0, 1.0]]),
                'd["Y_prediction_test"]', hint="predict with the trained w and b on X_test")
    check_scalar(d["learning_rate"], 0.1, 'd["learning_rate"]', hint="store the argument")
    check_scalar(d["num_iterations"], 150, 'd["num_iterations"]', hint="store the argument")
    case = visible_case(TABLE, "model", "m1")
    with contextlib.redirect_stdout(io.StringIO()):
        d = target(*case.args, **case.kwargs)
    X_test = case.args[2]
    check_keys(d, keys, "d", hint="return the dict d with every key listed in the task")
    if not isinstance(d["w"], np.ndarray) or d["w"].shape != (X_test.shape[0], 1):
        raise CheckError(f'd["w"] for {case.label} is not of shape ({X_test.shape[0]}, 1): '
                         "take the number of features from X_train.shape[0]")
    labels = (d["w"].T @ X_test + d["b"] > 0).astype(float)
    check_array(d["Y_prediction_test"], labels, f'd["Y_prediction_test"] for {case.label}',
                hint="predict with the trained w and b on X_test",
                shape_hint="one label per test example: shape (1, m_test)")
    print("All tests passed.")
