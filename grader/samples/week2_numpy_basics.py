"""Canned submissions of week 2 numpy basics, each with the exact score it must get.

Test cells (points; hidden checks): test_basic_sigmoid (1; 1), test_sigmoid (1; 3: matrices,
a 1-D vector, a number), test_sigmoid_derivative (1; 3: the same), test_image2vector (1; 2:
shape, order), test_normalize_rows (1; 3: matrices, one row, one column), test_softmax (2; 5:
values, row sums, one row, one column, large values), test_L1 and test_L2 (1; 2: 1-D vectors,
(1, m) rows): 9 points. The functions are independent, except that sigmoid_derivative calls
sigmoid in the reference, so most mistake variants combine mistakes in several functions.
"""
from grader.samples.build import Variant, with_reference

A = "week2_numpy_basics"
IDS = ["test_basic_sigmoid", "test_sigmoid", "test_sigmoid_derivative", "test_image2vector",
       "test_normalize_rows", "test_softmax", "test_L1", "test_L2"]
FULL = dict(zip(IDS, [1, 1, 1, 1, 1, 2, 1, 1]))
ZERO = dict.fromkeys(IDS, 0)
THIRD = 1 / 3


def scores(**changes):
    return {**FULL, **{f"test_{k}": v for k, v in changes.items()}}


def ref(**changes):
    return with_reference(A, **changes)


# --- correct but different: full marks ------------------------------------------------------

LOOPS = {
    "sigmoid": '''def sigmoid(x):
    if np.isscalar(x):
        return 1 / (1 + math.exp(-x))
    s = np.zeros(np.shape(x))
    for index in np.ndindex(s.shape):      # every entry, whatever the number of axes
        s[index] = 1 / (1 + math.exp(-x[index]))
    return s
''',
    "image2vector": '''def image2vector(image):
    length, height, depth = image.shape
    v = np.zeros((length * height * depth, 1))
    k = 0
    for i in range(length):
        for j in range(height):
            for c in range(depth):
                v[k, 0] = image[i, j, c]
                k += 1
    return v
''',
    "normalize_rows": '''def normalize_rows(x):
    x_normalized = np.zeros(x.shape)
    for i in range(x.shape[0]):
        norm = math.sqrt(sum(value ** 2 for value in x[i]))
        x_normalized[i] = x[i] / norm
    return x_normalized
''',
    "softmax": '''def softmax(x):
    s = np.zeros(x.shape)
    for i in range(x.shape[0]):
        row = [value - max(x[i]) for value in x[i]]
        exps = [math.exp(value) for value in row]
        total = sum(exps)
        for j in range(x.shape[1]):
            s[i, j] = exps[j] / total
    return s
''',
    "L1": '''def L1(yhat, y):
    loss = 0.0
    for a, b in zip(np.ravel(yhat), np.ravel(y)):
        loss += abs(a - b)
    return loss
''',
    "L2": '''def L2(yhat, y):
    loss = 0
    for a, b in zip(np.ravel(yhat), np.ravel(y)):
        loss = loss + (a - b) * (a - b)
    return float(loss)
''',
}

MATMUL_EINSUM = {
    "basic_sigmoid": "def basic_sigmoid(x):\n    return math.exp(x) / (1 + math.exp(x))\n",
    "sigmoid_derivative": '''def sigmoid_derivative(x):
    e = np.exp(-x)
    return e / (1 + e) ** 2          # the derivative written out, without calling sigmoid
''',
    "image2vector": "def image2vector(image):\n    return image.reshape(-1, 1)\n",
    "normalize_rows": '''def normalize_rows(x):
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))   # (m,)
    return x / norms[:, np.newaxis]
''',
    "softmax": '''def softmax(x):
    e = np.exp(x - x.max(axis=1)[:, None])
    return e / (e @ np.ones((x.shape[1], 1)))      # (m, n) @ (n, 1): the row sums
''',
    "L1": "def L1(yhat, y):\n    return np.linalg.norm(np.ravel(yhat - y), ord=1)\n",
    "L2": "def L2(yhat, y):\n    d = np.ravel(yhat - y)\n    return d @ d\n",
}

FLOAT32_PRINTS_HELPERS = {
    "basic_sigmoid": '''import sys
import warnings

def basic_sigmoid(x):
    print("basic_sigmoid called with", x, file=sys.stderr)   # stderr must not zero the cell
    return np.float32(1 / (1 + math.exp(-x)))                # a numpy scalar, not a float
''',
    "normalize_rows": '''def _row_norms(x):
    """A helper the student added: the norms as an (m, 1) column, in x's dtype."""
    return np.sqrt(np.sum(x * x, axis=1, keepdims=True)).astype(x.dtype)

def normalize_rows(x):
    print("normalising a", x.dtype, "matrix of shape", x.shape)
    x32 = np.asarray(x, dtype=np.float32)
    return x32 / _row_norms(x32)
''',
    "softmax": '''def softmax(x):
    warnings.warn("a harmless warning printed by student code")
    shifted = x - np.max(x, axis=1, keepdims=True)
    return np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
''',
    "L2": ("def L2(yhat, y):\n    d = (yhat - y).astype(np.float32)\n"
           "    return float(np.sum(d * d))\n"),
}

# Other numpy forms, some working in place (the judge hands each call its own copy of x).
NUMPY_FORMS = {
    "basic_sigmoid": "def basic_sigmoid(x):\n    return 1 / (1 + np.exp(-x))    # numpy scalar\n",
    "sigmoid": "def sigmoid(x):\n    return (1 + np.tanh(x / 2)) / 2         # the same function\n",
    "image2vector": "def image2vector(image):\n    return np.reshape(image, (image.size, 1))\n",
    "normalize_rows": '''def normalize_rows(x):
    x /= np.linalg.norm(x, axis=1).reshape(-1, 1)      # changes the caller's array in place
    return x
''',
    "softmax": '''def softmax(x):
    x = x - np.amax(x, axis=-1, keepdims=True)        # a new array: the caller's x is kept
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x
''',
    "L1": "def L1(yhat, y):\n    return float(np.sum(np.abs(yhat - y)))\n",
    "L2": "def L2(yhat, y):\n    d = yhat - y\n    d **= 2\n    return d.sum().item()\n",
}

# --- typical mistakes -----------------------------------------------------------------------

BASIC = "def basic_sigmoid(x):\n    s = {}\n    return s\n"
SIG = "def sigmoid(x):\n    s = {}\n    return s\n"
DERIV = "def sigmoid_derivative(x):\n    s = {}\n    ds = {}\n    return ds\n"
I2V = "def image2vector(image):\n    v = {}\n    return v\n"
NORM = "def normalize_rows(x):\n    x_norm = {}\n    return x / x_norm\n"
SOFT = ("def softmax(x):\n    x_exp = {}\n    x_sum = {}\n    s = x_exp / x_sum\n    return s\n")
LOSS = "def {}(yhat, y):\n    loss = {}\n    return loss\n"

SIGMOID_LOOP_2D = '''def sigmoid(x):
    s = np.zeros((x.shape[0], x.shape[1]))
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            s[i, j] = 1 / (1 + np.exp(-x[i, j]))
    return s
'''
STABLE_EXP = "np.exp(x - np.max(x, axis=1, keepdims=True))"
ROW_SUM = "np.sum(x_exp, axis=1, keepdims=True)"

HALFWAY = ["basic_sigmoid", "sigmoid", "sigmoid_derivative", "image2vector"]

VARIANTS = {
    "untouched": Variant(scores=ZERO),
    "reference": Variant(cells=ref(), scores=FULL),
    "loops": Variant(cells=ref(**LOOPS), scores=FULL),
    "matmul_einsum": Variant(cells=ref(**MATMUL_EINSUM), scores=FULL),
    "float32_prints_helpers": Variant(cells=ref(**FLOAT32_PRINTS_HELPERS), scores=FULL),
    "numpy_forms": Variant(cells=ref(**NUMPY_FORMS), scores=FULL),
    "halfway": Variant(cells={k: v for k, v in ref().items() if k in HALFWAY},
                       scores=scores(normalize_rows=0, softmax=0, L1=0, L2=0),
                       hints={"test_softmax": "softmax is not written yet: replace `raise NotImplementedError()`"},
                       note="stopped after image2vector: the other stubs still raise"),
    # Partial scores: a third where only the number (or only one row / one column) is right,
    # a half where only the shape or only the order (or only 1-D vectors) is right; softmax
    # loses 0.4 a check (values, row sums, one row, one column, large values).
    # s(-x) (1 - s(-x)) = s(x) (1 - s(x)): sigmoid_derivative is right with sigmoid(-x).
    "signs": Variant(
        cells=ref(basic_sigmoid=BASIC.format("1 / (1 + math.exp(x))"),
                  sigmoid=SIG.format("1 / (1 + np.exp(x))"),
                  L1=LOSS.format("L1", "np.sum(yhat - y)")),
        scores=scores(basic_sigmoid=0, sigmoid=0, L1=0),
        hints={"test_basic_sigmoid": "sigmoid(-x)", "test_sigmoid": "sigmoid(-x)",
               "test_L1": "absolute value"}),
    "brackets": Variant(
        cells=ref(basic_sigmoid=BASIC.format("1 / 1 + math.exp(-x)"),
                  sigmoid=SIG.format("1 / 1 + np.exp(-x)"),
                  L2=LOSS.format("L2", "np.sum(np.abs(yhat - y))")),
        scores=scores(basic_sigmoid=0, sigmoid=0, sigmoid_derivative=0, L2=0),
        hints={"test_basic_sigmoid": "put brackets around the denominator",
               "test_sigmoid": "put brackets around the denominator",
               "test_sigmoid_derivative": "fix that first", "test_L2": "that is the L1 loss"}),
    "math_exp": Variant(
        cells=ref(basic_sigmoid=BASIC.format("math.exp(-x)"),
                  sigmoid=SIG.format("1 / (1 + math.exp(-x))"),  # numbers only
                  image2vector=I2V.format("image.reshape(-1)")),  # order right, shape (n,)
        scores=scores(basic_sigmoid=0, sigmoid=THIRD, sigmoid_derivative=THIRD, image2vector=0.5),
        hints={"test_basic_sigmoid": "e^(-x) alone", "test_sigmoid": "use np.exp",
               "test_sigmoid_derivative": "use np.exp", "test_image2vector": "1-D array"}),
    "loops_2d": Variant(
        cells=ref(sigmoid=SIGMOID_LOOP_2D,                          # matrices only
                  image2vector=I2V.format("image.reshape(1, -1)"),
                  softmax=SOFT.format("np.exp(x)", ROW_SUM)),     # all but the large values
        scores=scores(sigmoid=THIRD, sigmoid_derivative=THIRD, image2vector=0.5, softmax=1.6),
        hints={"test_sigmoid": "any number of axes",
               "test_sigmoid_derivative": "may also be a plain number",
               "test_image2vector": "that is a row",
               "test_softmax": "subtract each row's max before exp"}),
    "plus_order_columns_sqrt": Variant(
        cells=ref(sigmoid_derivative=DERIV.format("sigmoid(x)", "s * (1 + s)"),
                  image2vector=I2V.format("image.reshape(-1, 1, order='F')"),
                  normalize_rows=NORM.format("np.linalg.norm(x, axis=0, keepdims=True)"),
                  L2=LOSS.format("L2", "np.sqrt(np.sum((yhat - y) ** 2))")),
        scores=scores(sigmoid_derivative=0, image2vector=0.5, normalize_rows=0, L2=0),
        hints={"test_sigmoid_derivative": "with a minus sign", "test_image2vector": "order='F'",
               "test_normalize_rows": "norms of the columns",
               "test_L2": "without a square root"}),
    "of_x_hardcoded_keepdims_columns": Variant(
        cells=ref(sigmoid_derivative=DERIV.format("sigmoid(x)", "x * (1 - x)"),
                  image2vector=I2V.format("image.reshape(12, 1)    # the example image's size"),
                  normalize_rows=NORM.format("np.linalg.norm(x, axis=1)"),  # one row only
                  softmax=SOFT.format("np.exp(x - np.max(x, axis=0, keepdims=True))",
                                      "np.sum(x_exp, axis=0, keepdims=True)")),
        scores=scores(sigmoid_derivative=0, image2vector=0, normalize_rows=THIRD, softmax=0),
        hints={"test_sigmoid_derivative": "not to x itself",
               "test_image2vector": "do not hard-code the sizes",
               "test_normalize_rows": "keepdims=True", "test_softmax": "normalised each column"}),
    "s_squared_total_mean": Variant(
        cells=ref(sigmoid_derivative=DERIV.format("sigmoid(x)", "s"),
                  normalize_rows=NORM.format("np.sum(x ** 2, axis=1, keepdims=True)"),
                  softmax=SOFT.format("np.exp(x)", "np.sum(x_exp)"),   # one row only
                  L1=LOSS.format("L1", "np.mean(np.abs(yhat - y))")),
        scores=scores(sigmoid_derivative=0, normalize_rows=0, softmax=0.4, L1=0),
        hints={"test_sigmoid_derivative": "that is sigmoid(x) itself",
               "test_normalize_rows": "squared norm", "test_softmax": "the whole matrix",
               "test_L1": "do not average"}),
    "basic_whole_globalmax_mean": Variant(
        cells=ref(sigmoid_derivative=DERIV.format("basic_sigmoid(x)", "s * (1 - s)"),
                  normalize_rows=NORM.format("np.linalg.norm(x)"),        # one row only
                  softmax=SOFT.format("np.exp(x - np.max(x))", ROW_SUM),  # not large values
                  L2=LOSS.format("L2", "np.mean((yhat - y) ** 2)")),
        scores=scores(sigmoid_derivative=THIRD, normalize_rows=THIRD, softmax=1.6, L2=0),
        hints={"test_sigmoid_derivative": "use np.exp",
               "test_normalize_rows": "norm of the whole matrix",
               "test_softmax": "subtract each row's max before exp", "test_L2": "do not average"}),
    "no_keepdims_builtin_sum_dot_T": Variant(
        cells=ref(softmax=SOFT.format(STABLE_EXP, "np.sum(x_exp, axis=1)"),   # one row only
                  L1=LOSS.format("L1", "sum(abs(yhat - y))"),                 # 1-D only
                  L2=LOSS.format("L2", "np.dot(yhat - y, (yhat - y).T)")),    # 1-D only
        scores=scores(softmax=0.4, L1=0.5, L2=0.5),
        hints={"test_softmax": "keepdims=True", "test_L1": "built-in sum",
               "test_L2": "return a plain number"}),
    "forgot_the_sums": Variant(
        cells=ref(normalize_rows=NORM.format("np.sqrt(x ** 2)"),         # one column only
                  softmax=SOFT.format("np.exp(x)", "1"),
                  L1=LOSS.format("L1", "np.abs(yhat - y)"),
                  L2=LOSS.format("L2", "np.dot(yhat - y, yhat - y)")),  # 1-D only
        scores=scores(normalize_rows=THIRD, softmax=0, L1=0, L2=0.5),
        hints={"test_normalize_rows": "its own absolute value",
               "test_softmax": "divide each row's exponentials by that row's sum",
               "test_L1": "np.sum", "test_L2": "np.dot of two (1, m) rows"}),
    "channel_first_column_max_list": Variant(
        cells=ref(basic_sigmoid=BASIC.format("[1 / (1 + math.exp(-x))]"),
                  image2vector=I2V.format("image.transpose(2, 0, 1).reshape(-1, 1)"),
                  # rows still sum to 1, and a single column is still right
                  softmax=SOFT.format("np.exp(x - np.max(x, axis=0, keepdims=True))", ROW_SUM)),
        scores=scores(basic_sigmoid=0, image2vector=0.5, softmax=0.8),
        hints={"test_basic_sigmoid": "return one number",
               "test_image2vector": "channel-first order", "test_softmax": "each column's max"}),
    "max_without_keepdims_sum_first": Variant(
        cells=ref(softmax=SOFT.format("np.exp(x - np.max(x, axis=1))", ROW_SUM),  # one row only
                  L1=LOSS.format("L1", "np.abs(np.sum(yhat - y))"),
                  L2=LOSS.format("L2", "np.sum(yhat - y) ** 2")),
        scores=scores(softmax=0.4, L1=0, L2=0),
        hints={"test_softmax": "keepdims=True", "test_L1": "each difference",
               "test_L2": "square each difference first"}),
    "typed_in_sizes": Variant(
        cells=ref(image2vector=I2V.format("image.reshape(image.shape[0], -1)"),   # order right
                  softmax=SOFT.format(STABLE_EXP, "np.sum(x_exp, axis=1).reshape(2, 1)")),
        scores=scores(image2vector=0.5, softmax=0),
        hints={"test_image2vector": "not in one column", "test_softmax": "do not type sizes in"}),
}

# --- attacks and damaged work: each costs only its own function -------------------------------

# sigmoid never ends on matrices of 5 columns or more: the notebook's own cells (at most 3
# columns) run, the judge's wider inputs hang it. sigmoid and sigmoid_derivative (which calls
# it) each run out of their own probe time; the other six are graded normally. (Hanging in
# cells, and in more cells than the kernel may be restarted, is tested on the runner alone,
# tests/test_hardening.py: here each hanging cell would cost a minute.)
SLEEPING_SIGMOID = ("def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n"
                    "    while x.ndim == 2 and x.shape[1] >= 5:   # a loop that never ends\n"
                    "        pass\n    return 1 / (1 + np.exp(-x))\n")
# Wrappers around shipped helpers that compute the same thing: withheld while week 2 is graded.
SHIPPED_WRAPPERS = {
    "basic_sigmoid": ("from utils.activations import sigmoid as given_sigmoid\n\n"
                      "def basic_sigmoid(x):\n    return float(given_sigmoid(x)[0])\n"),
    "sigmoid": ("from utils import activations\n\n"
                "def sigmoid(x):\n    return activations.sigmoid(np.asarray(x, dtype=float))[0]\n"),
}
SOFTMAX_UNCLOSED = ("def softmax(x):\n    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True)\n"
                    "    return x_exp / np.sum(x_exp, axis=1, keepdims=True)\n")
WITHHELD = "utils.activations.sigmoid is not available while this assignment is graded"

VARIANTS.update({
    "sleeping_sigmoid": Variant(
        cells=ref(sigmoid=SLEEPING_SIGMOID),
        scores=scores(sigmoid=0, sigmoid_derivative=0),
        hints={"test_sigmoid": "ran past its own time limit"},
        note="sigmoid hangs; sigmoid_derivative calls it; the other six are graded normally"),
    "shipped_helper_wrappers": Variant(
        cells=ref(**SHIPPED_WRAPPERS), scores=scores(basic_sigmoid=0, sigmoid=0, sigmoid_derivative=0),
        hints={"test_basic_sigmoid": WITHHELD, "test_sigmoid": WITHHELD},
        note="one-line wrappers around utils.activations.sigmoid (from-import and module)"),
    "syntax_error_softmax": Variant(
        cells=ref(softmax=SOFTMAX_UNCLOSED), scores=scores(softmax=0),
        hints={"test_softmax": "syntax error (line 2: '(' was never closed)"}),
})

# The few students `make demo` would grade.
DEMO = ["reference", "loops", "loops_2d", "s_squared_total_mean", "untouched"]
