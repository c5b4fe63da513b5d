"""Visible tests for week 2, numpy basics (notebook `week2_numpy_basics`).

Each `<name>_test(target)` calls the student's function on small fixed inputs (a non-square
matrix, a single row or column, a 1-D vector, a plain number where the function takes one),
checks types, shapes and known values with `utils.checks`, and prints "All tests passed." or
raises `CheckError` with a hint. The known values were computed once and are written out here.
Then it runs one visible draw of every other kind of input in `TABLE`, checked against an
independent oracle; the judge draws the same kinds afresh (utils.cases). These tests only help
the student: the points are decided by the judge.
"""
import numpy as np

from utils.cases import Case, Kind, visible_case
from utils.checks import CheckError, check_array, check_logistic, check_scalar, is_number

# Sizes the notebook's own examples use; every function also gets inputs of other sizes.
NOTEBOOK_SIZES = {2, 3, 4, 5, 6, 241, 1000, 100_000}
ROWS = "It must also work for a single row `(1, n)` and a single column `(m, 1)`."


def _size(rng, lo=2, hi=10):
    return int(rng.integers(lo, hi))


def _number(rng, lo=0.5, hi=3.0):
    v = float(rng.choice([-1.0, 1.0]) * rng.uniform(lo, hi))
    return Case((v,), label=f"the python float x = {v:.4g}")


def _matrix(rng, shape=None, label="x"):
    """x of `shape`, else of a random non-square shape."""
    if shape is None:                          # non-square, no size of the notebook
        r, c = _size(rng, 7, 10), _size(rng, 7, 10)
        shape = (r, c) if r != c else (r, c + 1)
    x = rng.normal(0, 2, shape)
    return Case((x,), label=f"{label} of shape {shape}")


def _vector(rng):
    n = _size(rng, 7, 10)
    return Case((rng.normal(0, 3, n),), label=f"a 1-D vector x of shape ({n},)")


def _image(rng):
    shape = (_size(rng, 7, 10), _size(rng, 7, 10), int(rng.choice([1, 7, 8])))
    return Case((rng.uniform(0, 1, shape),), label=f"an image of shape {shape}")


def _large(rng):
    """Rows near 1000, near 0 and near -1000: e^x overflows or underflows without the shift."""
    x = rng.normal(0, 3, (3, 7)) + np.array([[1000.0], [0.0], [-1000.0]])
    return Case((x,), label="x of shape (3, 7) with rows near 1000, 0 and -1000")


def _losses(rng, row):
    """yhat in (0, 1) and labels y in {0, 1} with both labels present, 1-D or one row."""
    n = _size(rng, 7, 12)
    shape = (1, n) if row else (n,)
    y = (rng.random(shape) < 0.5).astype(float)
    y.flat[0], y.flat[1] = 1, 0
    return Case((rng.uniform(0.05, 0.95, shape), y), label=f"yhat and y of shape {shape}")


def _elementwise(numbers):
    return [Kind("main", _matrix, draws=3), Kind("vector", _vector, says=numbers[0]),
            Kind("number", _number, says=numbers[1])]


# {function: [Kind]}: a function's points are split over its kinds by weight.
TABLE = {
    "basic_sigmoid": [Kind("main", lambda rng: _number(rng, 0.5, 9.0), draws=3)],
    "sigmoid": _elementwise(("for a vector", "for a plain number")),
    "sigmoid_derivative": _elementwise(("for an array of any shape", "must work for a number")),
    "image2vector": [Kind("main", _image, weight=2, draws=3)],
    "normalize_rows": [Kind("main", _matrix, draws=3),
                       Kind("row", lambda rng: _matrix(rng, (1, _size(rng, 7, 10)), "a single row, x"),
                            says=ROWS),
                       Kind("column", lambda rng: _matrix(rng, (_size(rng, 7, 10), 1),
                                                          "a single column, x"), says=ROWS)],
    "softmax": [Kind("main", _matrix, weight=2, draws=3),
                Kind("row", lambda rng: _matrix(rng, (1, _size(rng, 7, 10)), "a single row, x"),
                     says=ROWS),
                Kind("column", lambda rng: _matrix(rng, (_size(rng, 7, 10), 1), "a single column, x"),
                     says=ROWS),
                Kind("large", _large, says="without overflow")],
    "L1": [Kind("main", lambda rng: _losses(rng, False), draws=2),
           Kind("row", lambda rng: _losses(rng, True), draws=2, says="the sum over all entries")],
    "L2": [Kind("main", lambda rng: _losses(rng, False), draws=2),
           Kind("row", lambda rng: _losses(rng, True), draws=2, says="the sum over all entries")],
}


SIGMOID_HINT = "sigmoid(x) = 1 / (1 + e^(-x)): check the sign of the exponent and the brackets"
NP_EXP_HINT = "math.exp takes one number only: use np.exp, which works on whole arrays"


def _call(target, name, *args):
    """target(*args) on copies of the arrays; a TypeError from math.exp gets a hint."""
    args = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    try:
        return target(*args)
    except TypeError as e:
        if "converted to Python scalars" in str(e):
            raise CheckError(f"{name} raised TypeError ({e}): {NP_EXP_HINT}") from e
        raise


def basic_sigmoid_test(target):
    """basic_sigmoid on the numbers 0, 2 and -1.5."""
    for x, expected in ((0.0, 0.5), (2.0, 0.8807970779778823), (-1.5, 0.18242552380635635)):
        out = target(x)
        if not is_number(out):
            raise CheckError(f"basic_sigmoid({x}) is of type {type(out).__name__}, expected a "
                             "number: basic_sigmoid takes one number and returns one number")
        check_scalar(out, expected, f"basic_sigmoid({x})",
                     hint=SIGMOID_HINT.replace("e^(-x)", "math.exp(-x)"))
    print("All tests passed.")


def sigmoid_test(target):
    """sigmoid on a (2, 3) matrix, a 1-D vector of 4 entries and the number 1."""
    x = np.array([[-2.0, 0.0, 1.5],
                  [3.0, -0.5, 0.25]])
    expected = np.array([[0.11920292202211755, 0.5, 0.8175744761936437],
                         [0.9525741268224334, 0.3775406687981454, 0.5621765008857981]])
    shape_hint = "sigmoid acts on each entry: the result has the shape of x"
    check_array(_call(target, "sigmoid(x)", x), expected, "sigmoid(x) for x of shape (2, 3)",
                hint=SIGMOID_HINT, shape_hint=shape_hint)
    v = np.array([-4.0, -1.0, 0.5, 6.0])
    expected_v = np.array([0.01798620996209156, 0.2689414213699951, 0.6224593312018546,
                           0.9975273768433653])
    check_array(_call(target, "sigmoid(v)", v), expected_v, "sigmoid(v) for v of shape (4,)",
                hint=SIGMOID_HINT, shape_hint=shape_hint)
    check_scalar(_call(target, "sigmoid(1.0)", 1.0), 0.7310585786300049, "sigmoid(1.0)",
                 hint=SIGMOID_HINT)
    for kind in ("vector", "number"):
        case = visible_case(TABLE, "sigmoid", kind)
        check_logistic(_call(target, f"sigmoid({case.label})", *case.args), case.args[0],
                       f"sigmoid({case.label})", hint=SIGMOID_HINT)
    print("All tests passed.")


def sigmoid_derivative_test(target):
    """sigmoid_derivative on a (2, 3) matrix, a 1-D vector and the numbers 0 and 2."""
    x = np.array([[-2.0, 0.0, 1.5],
                  [3.0, -0.5, 0.25]])
    expected = np.array([[0.1049935854035065, 0.25, 0.14914645207033286],
                         [0.045176659730912, 0.2350037122015945, 0.24613408273759835]])
    out = _call(target, "sigmoid_derivative(x)", x)
    hint = "with s = sigmoid(x), the derivative is s * (1 - s)"
    if isinstance(out, np.ndarray) and out.shape == x.shape and np.allclose(out, x * (1 - x)):
        hint = "you applied the formula to x: first compute s = sigmoid(x), then s * (1 - s)"
    check_array(out, expected, "sigmoid_derivative(x) for x of shape (2, 3)", hint=hint,
                shape_hint="the derivative acts on each entry: the result has the shape of x")
    v = np.array([-4.0, -1.0, 0.5, 6.0])
    expected_v = np.array([0.017662706213291118, 0.19661193324148185, 0.2350037122015945,
                           0.002466509291359931])
    check_array(_call(target, "sigmoid_derivative(v)", v), expected_v,
                "sigmoid_derivative(v) for v of shape (4,)", hint=hint)
    check_scalar(_call(target, "sigmoid_derivative(0.0)", 0.0), 0.25, "sigmoid_derivative(0.0)",
                 hint="the slope at 0 is s (1 - s) = 0.5 * 0.5")
    check_scalar(_call(target, "sigmoid_derivative(2.0)", 2.0), 0.10499358540350662,
                 "sigmoid_derivative(2.0)", hint=hint)
    for kind in ("vector", "number"):
        case = visible_case(TABLE, "sigmoid_derivative", kind)
        (x,) = case.args
        # oracle: the central difference of the logistic written with tanh, 0.5 (1 + tanh(x/2))
        slope = (np.tanh((x + 1e-5) / 2) - np.tanh((x - 1e-5) / 2)) / 4e-5
        out = _call(target, f"sigmoid_derivative({case.label})", x)
        if kind == "number":
            check_scalar(out, float(slope), f"sigmoid_derivative({case.label})", rtol=1e-6,
                         hint=hint)
        else:
            check_array(out, slope, f"sigmoid_derivative({case.label})", rtol=1e-6, hint=hint)
    print("All tests passed.")


def image2vector_test(target):
    """A (2, 4, 3) image holding 0, 1, ..., 23, and a (3, 1, 2) one."""
    for shape in ((2, 4, 3), (3, 1, 2)):
        n = int(np.prod(shape))
        image = np.arange(n, dtype=float).reshape(shape) / 10
        out = target(image.copy())
        name = f"image2vector(image) for an image of shape {shape}"
        if isinstance(out, np.ndarray) and out.size == n and np.array_equal(
                out.ravel(), image.ravel(order="F")) and n > 2:
            raise CheckError(f"{name} holds the entries in another order: reshape the image "
                             "as it is (no transpose, no order='F') to keep numpy's order")
        check_array(out, image.reshape(n, 1), name,
                    hint="the column reads the image in numpy's order: image.reshape(n, 1)",
                    shape_hint=f"a column vector of length * height * depth = {n} entries has "
                               f"shape ({n}, 1); read the three sizes from image.shape")
    print("All tests passed.")


def normalize_rows_test(target):
    """A (2, 3) and a (3, 2) matrix, and a single column (3, 1)."""
    tests = [
        (np.array([[4.0, 0.0, -3.0], [2.0, -1.0, 2.0]]),                 # row norms 5 and 3
         np.array([[0.8, 0.0, -0.6], [2 / 3, -1 / 3, 2 / 3]])),
        (np.array([[1.0, 1.0], [3.0, 4.0], [-5.0, 12.0]]),               # sqrt(2), 5 and 13
         np.array([[0.7071067811865475, 0.7071067811865475], [0.6, 0.8],
                   [-0.38461538461538464, 0.9230769230769231]])),
        (np.array([[2.0], [-0.5], [3.0]]), np.array([[1.0], [-1.0], [1.0]])),
    ]
    for x, expected in tests:
        out = target(x.copy())
        name = f"normalize_rows(x) for x of shape {x.shape}"
        hint = "divide each row by its own norm, np.linalg.norm(x, axis=1, keepdims=True)"
        if isinstance(out, np.ndarray) and out.shape == x.shape and np.allclose(
                out, x / np.linalg.norm(x, axis=0, keepdims=True)):
            hint = "you divided by the norms of the columns: use axis=1 (one norm per row)"
        check_array(out, expected, name, hint=hint,
                    shape_hint="the result has the shape of x: keep the norms as an (m, 1) "
                               "column (keepdims=True) so that each row is divided by its own "
                               "norm")
    for kind in ("row", "column"):
        case = visible_case(TABLE, "normalize_rows", kind)
        (x,) = case.args
        out = target(x.copy())
        name = f"normalize_rows({case.label})"
        if not isinstance(out, np.ndarray) or out.shape != x.shape:
            raise CheckError(f"{name} has shape {np.shape(out)}, expected {x.shape}: the result "
                             "has the shape of x (keep the norms as a column, keepdims=True)")
        # oracle: every row of the result has norm 1 and points the way x's row does, so that
        # out * (out . x) gives x back
        hint = "divide each row by its own norm (axis=1, keepdims=True)"
        out = out.astype(float)
        check_array(np.sqrt(np.sum(out ** 2, axis=1)), np.ones(len(x)),
                    f"the norms of the rows of {name}", hint=hint)
        check_array(out * np.sum(out * x, axis=1, keepdims=True), x,
                    f"{name} times (its row . x's row)", hint=hint)
    print("All tests passed.")


def _check_softmax(out, x, expected, name):
    """Shape, finiteness, row sums, then the known values."""
    if isinstance(out, np.ndarray) and out.shape == x.shape:
        if not np.all(np.isfinite(out)):
            raise CheckError(f"{name} contains nan or inf: e^1000 overflows; subtract each row's "
                             "max before exp, x - np.max(x, axis=1, keepdims=True)")
        sums = out.sum(axis=1)
        if not np.allclose(sums, 1.0):
            raise CheckError(f"the rows of {name} sum to {np.round(sums, 4)}, expected 1 each: "
                             "divide each row by its own sum (axis=1, keepdims=True)")
    check_array(out, expected, name, hint="softmax(x)[i, j] = e^x[i, j] / sum_k e^x[i, k]",
                shape_hint="softmax keeps the shape of x: keep the row sums as an (m, 1) column "
                           "with keepdims=True")


def softmax_test(target):
    """A (2, 3) matrix, rows near 1000, a single row (1, 4) and a single column (3, 1)."""
    tests = [
        (np.array([[1.0, 2.0, 0.0], [-1.0, 0.0, 3.0]]),
         np.array([[0.24472847105479764, 0.6652409557748218, 0.09003057317038046],
                   [0.01714782554552039, 0.0466126225779739, 0.9362395518765058]])),
        (np.array([[1000.0, 1001.0, 1002.0], [-3.0, 0.0, 3.0]]),
         np.array([[0.09003057317038046, 0.24472847105479764, 0.6652409557748218],
                   [0.00235563308079668, 0.047314155221824035, 0.9503302116973793]])),
        (np.array([[0.5, -1.0, 2.0, 0.0]]),
         np.array([[0.15844470951497971, 0.03535379340874887, 0.7100999228861743,
                    0.09610157419009724]])),
        (np.array([[2.0], [-1.0], [0.5]]), np.ones((3, 1))),
    ]
    for x, expected in tests:
        with np.errstate(all="ignore"):        # a naive e^1000 warns; the check says why
            out = target(x.copy())
        _check_softmax(out, x, expected, f"softmax(x) for x = {x.tolist()}")
    for kind in ("row", "column", "large"):
        case = visible_case(TABLE, "softmax", kind)
        (x,) = case.args
        with np.errstate(all="ignore"):
            out = target(x.copy())
        name = f"softmax({case.label})"
        # oracle: rows sum to 1, and log s[i, j] - log s[i, 0] = x[i, j] - x[i, 0]
        _check_softmax(out, x, out, name)
        with np.errstate(all="ignore"):
            logs = np.log(out.astype(float))
        check_array(logs - logs[:, :1], x - x[:, :1], f"the log-ratios of {name}", atol=1e-6,
                    hint="softmax(x)[i, j] = e^x[i, j] / sum_k e^x[i, k], row by row")
    print("All tests passed.")


def _check_loss(target, name, tests, hint):
    for yhat, y, expected in tests:
        out = target(yhat.copy(), y.copy())
        call = f"{name}(yhat, y) for shape {yhat.shape}"
        if isinstance(out, np.ndarray) and out.size > 1:
            raise CheckError(f"{call} is an array of shape {out.shape}, expected a number: add up "
                             "every entry with np.sum (python's sum only adds the rows of a "
                             "2-D array)")
        check_scalar(out, expected, call, hint=hint)


def L1_test(target):
    """A 1-D vector of 5 predictions and a (1, 4) row."""
    tests = [(np.array([0.8, 0.1, 0.3, 0.6, 0.95]), np.array([1, 0, 1, 1, 0]), 2.35),
             (np.array([[0.7, 0.2, 0.5, 0.9]]), np.array([[1, 0, 0, 1]]), 1.1)]
    tests += [_drawn_loss("L1", lambda d: abs(d))]
    _check_loss(target, "L1", tests, "L1 = sum of |yhat - y| over all entries (np.abs, np.sum)")
    print("All tests passed.")


def L2_test(target):
    """A 1-D vector of 5 predictions and a (1, 4) row."""
    tests = [(np.array([0.8, 0.1, 0.3, 0.6, 0.95]), np.array([1, 0, 1, 1, 0]), 1.6025),
             (np.array([[0.7, 0.2, 0.5, 0.9]]), np.array([[1, 0, 0, 1]]), 0.39)]
    tests += [_drawn_loss("L2", lambda d: d * d)]
    _check_loss(target, "L2", tests,
                "L2 = sum of (yhat - y) ** 2 over all entries, without a square root")
    print("All tests passed.")


def _drawn_loss(name, term):
    """The visible (1, m) row of the table, with its loss added up by a plain loop (oracle)."""
    yhat, y = visible_case(TABLE, name, "row").args
    return yhat, y, sum(term(float(a) - float(b)) for a, b in zip(yhat.ravel(), y.ravel()))
