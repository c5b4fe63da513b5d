"""Hidden checks for week 2, numpy basics. Run only by the judge (grader/judge.py).

`cases(rng)` chooses the inputs for one submission; each test is one check of one graded
function (marker `checks(name)`); the `sub` fixture holds what the submission returned.
Checks per function (score = checks passed / checks x points): basic_sigmoid 1,
sigmoid 3, sigmoid_derivative 3, image2vector 2, normalize_rows 3, softmax 5, L1 2, L2 2.
"""
import numpy as np

from grader.judge import Case, checks
from grader.reference import week2_numpy_basics as ref
from utils.checks import CheckError, expect

DEPENDS = {"sigmoid_derivative": ["sigmoid"]}
# Shipped modules holding answers to this week's graded functions (utils.logreg.sigmoid:
# basic_sigmoid and sigmoid; utils.activations: sigmoid, and sigmoid_backward gives
# sigmoid_derivative). Later weeks use them; while this week is graded the sandbox replaces
# them by grader/withheld.py, whose functions raise an error saying why.
MASKED = ["utils/logreg.py", "utils/activations.py"]


# --- inputs -------------------------------------------------------------------------------

def _elementwise_cases(rng):
    """Matrices (non-square, one row, one column), a 1-D vector and a python float."""
    r, c = int(rng.integers(2, 5)), int(rng.integers(5, 8))
    shapes = [(r, c), (1, int(rng.integers(3, 7))), (int(rng.integers(3, 7)), 1)]
    out = [Case((rng.normal(0, 3, s),), label=f"x of shape {s}", tags={"matrix"}) for s in shapes]
    n = int(rng.integers(4, 9))
    out.append(Case((rng.normal(0, 3, n),), label=f"a 1-D vector x of shape ({n},)",
                    tags={"vector"}))
    v = float(rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 3.0))
    out.append(Case((v,), label=f"the python float x = {v:.4g}", tags={"number"}))
    return out


def _rowwise_cases(rng):
    """Three non-square matrices, one row, one column (tags main/row/column). No float32 inputs:
    no visible test has them (tests/test_cases_rule.py)."""
    r, c = int(rng.integers(2, 4)), int(rng.integers(4, 7))
    t = int(rng.integers(3, 6))
    out = [Case((rng.normal(0, 2, (r, c)),), label=f"x of shape ({r}, {c})", tags={"main"}),
           Case((rng.normal(0, 2, (t, 2)),), label=f"x of shape ({t}, 2)", tags={"main"}),
           Case((rng.normal(0, 2, (2, 3)),), label="x of shape (2, 3)", tags={"main"})]
    n, m = int(rng.integers(3, 7)), int(rng.integers(3, 6))
    out.append(Case((rng.normal(0, 2, (1, n)),), label=f"a single row, x of shape (1, {n})",
                    tags={"row"}))
    out.append(Case((rng.normal(0, 2, (m, 1)),), label=f"a single column, x of shape ({m}, 1)",
                    tags={"column"}))
    return out


def _large_softmax_case(rng):
    """Rows near 1000, near 0 and near -1000: e^x overflows or underflows without the shift."""
    x = rng.normal(0, 3, (3, 4)) + np.array([[1000.0], [0.0], [-1000.0]])
    return Case((x,), label="x of shape (3, 4) with rows near 1000, 0 and -1000", tags={"large"})


def _labels(rng, shape, dtype=float):
    """yhat in (0, 1) and labels y in {0, 1} with both labels present."""
    y = (rng.random(shape) < 0.5).astype(dtype)
    y.flat[0] = 1
    if y.size > 1:
        y.flat[1] = 0
    return rng.uniform(0.05, 0.95, shape), y


def _loss_cases(rng):
    n, k = int(rng.integers(6, 10)), int(rng.integers(4, 8))
    shapes = [((5,), "vector", int), ((n,), "vector", float), ((1, k), "row", float),
              ((1, 1), "row", float)]
    return [Case(_labels(rng, s, dt), label=f"yhat and y of shape {s}", tags={tag})
            for s, tag, dt in shapes]


def cases(rng):
    """{function: [Case]}: several shapes, non-square, single rows and columns, seeded."""
    lo, hi = -float(rng.uniform(0.5, 4.0)), float(rng.uniform(0.5, 4.0))
    big = float(rng.uniform(5.0, 9.0))
    images = [(3, 3, 2), (5, 3, 2), (2, 4, int(rng.integers(3, 5)))]
    return {
        "basic_sigmoid": [Case((v,), label=f"x = {v:.4g} (a python float)") for v in (lo, hi, big)],
        "sigmoid": _elementwise_cases(rng),
        "sigmoid_derivative": _elementwise_cases(rng),
        "image2vector": [Case((rng.uniform(0, 1, s),), label=f"an image of shape {s}")
                         for s in images],
        "normalize_rows": _rowwise_cases(rng),
        "softmax": _rowwise_cases(rng) + [_large_softmax_case(rng)],
        "L1": _loss_cases(rng),
        "L2": _loss_cases(rng),
    }


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


@checks("basic_sigmoid")
def test_basic_sigmoid_values(sub):
    _check_elementwise(sub, "basic_sigmoid")


@checks("sigmoid")
def test_sigmoid_matrices(sub):
    _check_elementwise(sub, "sigmoid", "matrix")


@checks("sigmoid")
def test_sigmoid_vector(sub):
    _check_elementwise(sub, "sigmoid", "vector")


@checks("sigmoid")
def test_sigmoid_number(sub):
    _check_elementwise(sub, "sigmoid", "number")


@checks("sigmoid_derivative")
def test_sigmoid_derivative_matrices(sub):
    _check_elementwise(sub, "sigmoid_derivative", "matrix")


@checks("sigmoid_derivative")
def test_sigmoid_derivative_vector(sub):
    _check_elementwise(sub, "sigmoid_derivative", "vector")


@checks("sigmoid_derivative")
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


@checks("image2vector")
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


@checks("image2vector")
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


@checks("normalize_rows")
def test_normalize_rows_values(sub):
    _check_normalize(sub, "main")


@checks("normalize_rows")
def test_normalize_rows_one_row(sub):
    _check_normalize(sub, "row")


@checks("normalize_rows")
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


@checks("softmax")
def test_softmax_values(sub):
    _check_softmax(sub, "main")


@checks("softmax")
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


@checks("softmax")
def test_softmax_one_row(sub):
    _check_softmax(sub, "row")


@checks("softmax")
def test_softmax_one_column(sub):
    _check_softmax(sub, "column")


@checks("softmax")
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


@checks("L1")
def test_L1_vectors(sub):
    _check_loss(sub, "L1", "vector")


@checks("L1")
def test_L1_rows(sub):
    _check_loss(sub, "L1", "row")


@checks("L2")
def test_L2_vectors(sub):
    _check_loss(sub, "L2", "vector")


@checks("L2")
def test_L2_rows(sub):
    _check_loss(sub, "L2", "row")
