"""Visible tests for week 2, numpy basics (notebook `week2_numpy_basics`).

Each `<name>_test(target)` calls the student's function on small fixed inputs (a non-square
matrix, a single row or column, a 1-D vector, a plain number where the function takes one),
checks types, shapes and known values with `utils.checks`, and prints "All tests passed." or
raises `CheckError` with a hint. The known values were computed once and are written out here.
These tests only help the student: the points are decided by the judge.
"""
import numpy as np

from utils.checks import CheckError, check_array, check_scalar, is_number

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
    _check_loss(target, "L1", tests, "L1 = sum of |yhat - y| over all entries (np.abs, np.sum)")
    print("All tests passed.")


def L2_test(target):
    """A 1-D vector of 5 predictions and a (1, 4) row."""
    tests = [(np.array([0.8, 0.1, 0.3, 0.6, 0.95]), np.array([1, 0, 1, 1, 0]), 1.6025),
             (np.array([[0.7, 0.2, 0.5, 0.9]]), np.array([[1, 0, 0, 1]]), 0.39)]
    _check_loss(target, "L2", tests,
                "L2 = sum of (yhat - y) ** 2 over all entries, without a square root")
    print("All tests passed.")
