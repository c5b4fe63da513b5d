"""Hidden checks for week 2, numpy basics. Run only by the judge (grader/judge.py).

The inputs are fresh draws of the kinds in the visible table
(`utils.public_tests.week2_numpy_basics.TABLE`), seeded per submission; each test checks one
kind of one graded function (marker `checks(name, weight=...)`, the weight read from the
table); the `sub` fixture holds what the submission returned.
"""
import numpy as np

from grader.judge import checks
from grader.reference import week2_numpy_basics as ref
from grader.tables import table_cases, weight
from utils.checks import CheckError, expect
from utils.public_tests.week2_numpy_basics import TABLE

cases = table_cases(TABLE)
DEPENDS = {"sigmoid_derivative": ["sigmoid"]}
# A shipped module holding answers to this week's graded functions (utils.activations: sigmoid
# gives basic_sigmoid and sigmoid, sigmoid_backward gives sigmoid_derivative). Later weeks use
# it; while this week is graded the sandbox replaces it by grader/withheld.py, whose functions
# raise an error saying why.
MASKED = ["utils/activations.py"]


# --- helpers ------------------------------------------------------------------------------

def _results(sub, name, tag=None, error_hints=()):
    """sub.results(name, tag), adding a hint when the function raised a known error."""
    try:
        return sub.results(name, tag=tag)
    except CheckError as e:
        for words, hint in error_hints:
            if words in str(e):
                raise CheckError(f"{e}: {hint}") from None
        raise


def _check_same_shape(out, shape, call, what):
    """A CheckError unless `out` is an array of `shape` (the shape of x)."""
    if not isinstance(out, np.ndarray):
        raise CheckError(f"{call} is of type {type(out).__name__}, expected a numpy array of "
                         f"shape {shape}")
    if out.shape != shape:
        raise CheckError(f"{call} has shape {out.shape}, expected {shape}, the shape of x: keep "
                         f"the {what}s as an (m, 1) column (keepdims=True) so that broadcasting "
                         f"divides each row by its own {what}")


# --- basic_sigmoid, sigmoid, sigmoid_derivative --------------------------------------------

ELEMENTWISE_ERRORS = [
    ("converted to Python scalars",
     "math.exp takes a single number: use np.exp, which works on arrays of any shape"),
    ("tuple index out of range",
     "x may have any number of axes: apply numpy to the whole array instead of looping over "
     "x.shape[0] and x.shape[1]"),
    ("has no attribute 'shape'", "x may also be a plain number: np.exp works on numbers and "
                                 "arrays alike"),
]


def _sigmoid_mistakes(x):
    return [("you computed sigmoid(-x), 1 / (1 + e^x): the exponent is -x, as in e^(-x)",
             ref.sigmoid(-x)),
            ("the denominator is 1 + e^(-x), not 1 - e^(-x)", 1 / (1 - np.exp(-x))),
            ("that is 1 + e^(-x): put brackets around the denominator, 1 / (1 + e^(-x))",
             1 + np.exp(-x)),
            ("that is e^(-x) alone: the sigmoid is 1 / (1 + e^(-x))", np.exp(-x))]


def _derivative_mistakes(x):
    s = ref.sigmoid(x)
    return [("the derivative is s (1 - s), with a minus sign", s * (1 + s)),
            ("apply s (1 - s) to s = sigmoid(x), not to x itself", x * (1 - x)),
            ("that is sigmoid(x) itself: its derivative is s (1 - s)", s)]


def _check_elementwise(sub, name, tag=None):
    mistakes = _derivative_mistakes if name == "sigmoid_derivative" else _sigmoid_mistakes
    for case, out in _results(sub, name, tag, ELEMENTWISE_ERRORS):
        (x,) = case.args
        if isinstance(x, float) and isinstance(out, (list, tuple)):
            raise CheckError(f"{name}({case.label}) is a {type(out).__name__}, expected a "
                             "number: for one number x, return one number")
        expect(out, getattr(ref, name)(x), f"{name}({case.label})", alternatives=lambda: mistakes(x))


@checks("basic_sigmoid", weight=weight(TABLE, "basic_sigmoid", "main"))
def test_basic_sigmoid_values(sub):
    _check_elementwise(sub, "basic_sigmoid")


@checks("sigmoid", weight=weight(TABLE, "sigmoid", "main"))
def test_sigmoid_matrices(sub):
    _check_elementwise(sub, "sigmoid", "main")


@checks("sigmoid", weight=weight(TABLE, "sigmoid", "vector"))
def test_sigmoid_vector(sub):
    _check_elementwise(sub, "sigmoid", "vector")


@checks("sigmoid", weight=weight(TABLE, "sigmoid", "number"))
def test_sigmoid_number(sub):
    _check_elementwise(sub, "sigmoid", "number")


@checks("sigmoid_derivative", weight=weight(TABLE, "sigmoid_derivative", "main"))
def test_sigmoid_derivative_matrices(sub):
    _check_elementwise(sub, "sigmoid_derivative", "main")


@checks("sigmoid_derivative", weight=weight(TABLE, "sigmoid_derivative", "vector"))
def test_sigmoid_derivative_vector(sub):
    _check_elementwise(sub, "sigmoid_derivative", "vector")


@checks("sigmoid_derivative", weight=weight(TABLE, "sigmoid_derivative", "number"))
def test_sigmoid_derivative_number(sub):
    _check_elementwise(sub, "sigmoid_derivative", "number")


# --- image2vector -------------------------------------------------------------------------

IMAGE_ERRORS = [("cannot reshape", "do not hard-code the sizes: read length, height and depth "
                                   "from image.shape")]


def _column_hint(shape, n):
    if shape == (n,):
        return f"that is a 1-D array; a column vector has two axes: reshape to ({n}, 1)"
    if shape == (1, n):
        return f"that is a row; the course's vectors are columns, shape ({n}, 1)"
    if int(np.prod(shape)) == n:
        return "every entry is there, but not in one column: length * height * depth rows, 1 column"
    return "the column must hold every entry of the image once"


@checks("image2vector", weight=weight(TABLE, "image2vector", "main", parts=2))
def test_image2vector_shape(sub):
    for case, out in _results(sub, "image2vector", error_hints=IMAGE_ERRORS):
        n = case.args[0].size
        call = f"image2vector({case.label})"
        if not isinstance(out, np.ndarray):
            raise CheckError(f"{call} is of type {type(out).__name__}, expected a numpy array "
                             f"of shape ({n}, 1)")
        if out.shape != (n, 1):
            raise CheckError(f"{call} has shape {out.shape}, expected ({n}, 1): "
                             + _column_hint(out.shape, n))


@checks("image2vector", weight=weight(TABLE, "image2vector", "main", parts=2))
def test_image2vector_order(sub):
    for case, out in _results(sub, "image2vector", error_hints=IMAGE_ERRORS):
        (image,) = case.args
        name = f"the column image2vector({case.label}), read from top to bottom,"
        if not isinstance(out, np.ndarray) or out.size != image.size:
            found = f"{out.size} entries" if isinstance(out, np.ndarray) else type(out).__name__
            raise CheckError(f"{name} holds {found}, expected the {image.size} entries of the "
                             "image")
        wrong_order = [
            ("the entries are in another order: reshape reads the image in numpy's standard "
             "order (last axis fastest); do not transpose it or pass order='F'",
             image.ravel(order="F")),
            ("the entries are in channel-first order: reshape the image as it is, without "
             "moving the depth axis", image.transpose(2, 0, 1).ravel())]
        expect(out.ravel(), image.ravel(), name, alternatives=wrong_order)


# --- normalize_rows -----------------------------------------------------------------------

NORMALIZE_ERRORS = [("could not be broadcast", "divide each row by its own norm: keep the norms "
                     "as a column of shape (m, 1), np.linalg.norm(x, axis=1, keepdims=True)")]


def _normalize_mistakes(x):
    if x.shape[1] == 1:   # the norms of the columns and of the whole matrix coincide here
        return [("each row holds one number, so its norm is its absolute value: divide each row "
                 "by its own norm (axis=1), not by the norm of the column",
                 x / np.linalg.norm(x))]
    return [("you divided by the norms of the columns (axis=0): divide each row by its own "
             "norm (axis=1)", x / np.linalg.norm(x, axis=0, keepdims=True)),
            ("you divided by the squared norm: the norm is the square root of the sum of squares",
             x / np.sum(x ** 2, axis=1, keepdims=True)),
            ("you divided by the norm of the whole matrix: divide each row by its own norm "
             "(axis=1)", x / np.linalg.norm(x)),
            ("you divided each entry by its own absolute value: add up the squares of each row "
             "(axis=1) before taking the square root", x / np.abs(x))]


def _check_normalize(sub, tag):
    for case, out in _results(sub, "normalize_rows", tag, NORMALIZE_ERRORS):
        x = np.asarray(case.args[0], dtype=float)
        call = f"normalize_rows({case.label})"
        _check_same_shape(out, x.shape, call, "norm")
        rtol = 1e-4 if "float32" in case.tags else 1e-5
        expect(out, ref.normalize_rows(x), call, alternatives=lambda: _normalize_mistakes(x),
               rtol=rtol)


@checks("normalize_rows", weight=weight(TABLE, "normalize_rows", "main"))
def test_normalize_rows_values(sub):
    _check_normalize(sub, "main")


@checks("normalize_rows", weight=weight(TABLE, "normalize_rows", "row"))
def test_normalize_rows_one_row(sub):
    _check_normalize(sub, "row")


@checks("normalize_rows", weight=weight(TABLE, "normalize_rows", "column"))
def test_normalize_rows_one_column(sub):
    _check_normalize(sub, "column")


# --- softmax ------------------------------------------------------------------------------

SOFTMAX_ERRORS = [("could not be broadcast", "keep each row's max and each row's sum as (m, 1) "
                   "columns with keepdims=True, so that broadcasting works row by row"),
                  ("cannot reshape", "do not type sizes in: keepdims=True keeps the sums as an "
                   "(m, 1) column whatever m is")]
OVERFLOW_HINT = ("e^x overflows to inf above x = 709 and becomes 0 below x = -745: subtract each "
                 "row's max before exp, x - np.max(x, axis=1, keepdims=True), which leaves the "
                 "softmax unchanged")


def _softmax_mistakes(x):
    if x.shape[1] == 1:   # softmax by column and over the whole matrix coincide here
        return [("each row holds one score, so its softmax is 1: divide each row by its own sum "
                 "(axis=1, keepdims=True), not by the sum of the column", ref.softmax(x.T).T)]
    with np.errstate(all="ignore"):
        by_column = np.exp(x - np.max(x, axis=0, keepdims=True))
        whole = np.exp(x - np.max(x))
        col_shift = x - np.max(x, axis=0, keepdims=True)
        return [("you normalised each column (axis=0): softmax works on each row, "
                 "np.sum(..., axis=1, keepdims=True)", by_column / by_column.sum(axis=0)),
                ("you divided by the sum of the whole matrix: divide each row by its own sum "
                 "(axis=1, keepdims=True)", whole / whole.sum()),
                ("you subtracted each column's max: subtract each row's own max (axis=1)",
                 ref.softmax(col_shift))]


def _check_finite(out, call):
    if np.issubdtype(out.dtype, np.number) and not np.all(np.isfinite(out.astype(float))):
        raise CheckError(f"{call} contains nan or inf: {OVERFLOW_HINT}")


def _check_softmax(sub, tag):
    for case, out in _results(sub, "softmax", tag, SOFTMAX_ERRORS):
        x = np.asarray(case.args[0], dtype=float)
        call = f"softmax({case.label})"
        _check_same_shape(out, x.shape, call, "sum")
        _check_finite(out, call)
        rtol = 1e-4 if "float32" in case.tags else 1e-5
        expect(out, ref.softmax(x), call, alternatives=lambda: _softmax_mistakes(x),
               rtol=rtol)


@checks("softmax", weight=weight(TABLE, "softmax", "main", parts=2))
def test_softmax_values(sub):
    _check_softmax(sub, "main")


@checks("softmax", weight=weight(TABLE, "softmax", "main", parts=2))
def test_softmax_rows_sum_to_one(sub):
    for case, out in _results(sub, "softmax", "main", SOFTMAX_ERRORS):
        call = f"softmax({case.label})"
        _check_same_shape(out, case.args[0].shape, call, "sum")
        _check_finite(out, call)
        p = out.astype(float)
        sums = p.sum(axis=1)
        if np.allclose(sums, 1.0, rtol=1e-4, atol=1e-6):
            continue
        if np.allclose(p.sum(axis=0), 1.0, rtol=1e-4, atol=1e-6):
            hint = "its columns sum to 1 instead: normalise each row (axis=1)"
        elif np.isclose(p.sum(), 1.0, rtol=1e-4, atol=1e-6):
            hint = "the whole matrix sums to 1 instead: divide each row by its own sum"
        else:
            hint = "divide each row's exponentials by that row's sum"
        shown = ", ".join(f"{v:.4g}" for v in sums[:4])
        raise CheckError(f"the rows of {call} sum to {shown}, expected 1 each: {hint}")


@checks("softmax", weight=weight(TABLE, "softmax", "row"))
def test_softmax_one_row(sub):
    _check_softmax(sub, "row")


@checks("softmax", weight=weight(TABLE, "softmax", "column"))
def test_softmax_one_column(sub):
    _check_softmax(sub, "column")


@checks("softmax", weight=weight(TABLE, "softmax", "large"))
def test_softmax_large_values(sub):
    _check_softmax(sub, "large")


# --- L1, L2 -------------------------------------------------------------------------------

LOSS_ERRORS = [("not aligned", "np.dot of two (1, m) rows is not defined: use np.sum of the "
                "squares, which works for any shape")]


def _loss_mistakes(name, yhat, y):
    d = yhat - y
    if name == "L1":
        return [("take the absolute value of each difference before adding them up (np.abs)",
                 np.sum(d)),
                ("add the absolute differences up (np.sum): do not average them (np.mean)",
                 np.mean(np.abs(d))),
                ("that is the L2 loss, a sum of squares: L1 adds absolute values", np.sum(d ** 2)),
                ("you took the absolute value of the sum: take it of each difference, then add "
                 "them up", np.abs(np.sum(d)))]
    return [("L2 here is the sum of the squares, without a square root", np.sqrt(np.sum(d ** 2))),
            ("that is the L1 loss: square each difference, (yhat - y) ** 2, before adding",
             np.sum(np.abs(d))),
            ("add the squares up (np.sum): do not average them (np.mean)", np.mean(d ** 2)),
            ("you squared the sum: square each difference first, then add them up",
             np.sum(d) ** 2)]


def _check_loss(sub, name, tag):
    for case, out in _results(sub, name, tag, LOSS_ERRORS):
        yhat, y = case.args
        call = f"{name}({case.label})"
        if isinstance(out, np.ndarray) and out.size > 1:
            builtin = (" (python's built-in sum only adds up the rows of a 2-D array)"
                       if yhat.ndim == 2 else "")
            raise CheckError(f"{call} is an array of shape {out.shape}, expected a number: add "
                             f"up all the entries with np.sum(...){builtin}")
        expect(out, float(getattr(ref, name)(yhat, y)), call,
               alternatives=lambda: _loss_mistakes(name, yhat, y))


@checks("L1", weight=weight(TABLE, "L1", "main"))
def test_L1_vectors(sub):
    _check_loss(sub, "L1", "main")


@checks("L1", weight=weight(TABLE, "L1", "row"))
def test_L1_rows(sub):
    _check_loss(sub, "L1", "row")


@checks("L2", weight=weight(TABLE, "L2", "main"))
def test_L2_vectors(sub):
    _check_loss(sub, "L2", "main")


@checks("L2", weight=weight(TABLE, "L2", "row"))
def test_L2_rows(sub):
    _check_loss(sub, "L2", "row")
