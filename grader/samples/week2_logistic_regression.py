"""Canned submissions of week 2 logistic regression, each with the exact score it must get.

Test cells: test_dataset_sizes (1), test_flatten_images (1), test_sigmoid (1),
test_initialize_with_zeros (1), test_propagate (3), test_optimize (2), test_predict (2),
test_model (3): 14 points (12 before dataset_sizes and flatten_images became exercises, issue 11). A wrong function also costs
the functions that call it (optimize calls propagate; model calls the rest), as in the course.

A function's points are split over the kinds of its table of cases by their explicit weights
(utils/public_tests/week2_logistic_regression.py TABLE), then equally over the parts checked
(dw, db, cost ...). Scores marked "(weights)" changed when the weights became explicit (issue 9);
the old number, from counting test functions, is given.
"""
import json

from grader.samples.build import Variant, with_reference

A = "week2_logistic_regression"
IDS = ["test_dataset_sizes", "test_flatten_images", "test_sigmoid", "test_initialize_with_zeros",
       "test_propagate", "test_optimize", "test_predict", "test_model"]
FULL = dict(zip(IDS, [1, 1, 1, 1, 3, 2, 2, 3]))
ZERO = dict.fromkeys(IDS, 0)


def scores(**changes):
    return {**FULL, **{f"test_{k}": v for k, v in changes.items()}}


def ref(**changes):
    return with_reference(A, **changes)


# --- correct but different: full marks ---------------------------------------------------

PROPAGATE_LOOPS = '''def propagate(w, b, X, Y):
    n_x, m = X.shape
    dw = np.zeros((n_x, 1))
    db = 0.0
    cost = 0.0
    for i in range(m):
        z = b
        for j in range(n_x):
            z += w[j, 0] * X[j, i]
        a = 1 / (1 + np.exp(-z))
        cost -= Y[0, i] * np.log(a) + (1 - Y[0, i]) * np.log(1 - a)
        for j in range(n_x):
            dw[j, 0] += X[j, i] * (a - Y[0, i]) / m
        db += (a - Y[0, i]) / m
    cost = cost / m
    grads = {"dw": dw, "db": db}
    return grads, cost
'''

PREDICT_LOOPS = '''def predict(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    for i in range(m):
        a = sigmoid(np.dot(w[:, 0], X[:, i]) + b)
        Y_prediction[0, i] = 1 if a > 0.5 else 0
    return Y_prediction
'''

PROPAGATE_FLOAT32_HELPERS = '''import warnings

def _forward(w, b, X):
    """A helper the student added."""
    return sigmoid(np.dot(w.T, X) + b)

def propagate(w, b, X, Y):
    print("computing propagate for", X.shape)
    warnings.warn("a harmless warning printed by student code")
    X32 = X.astype(np.float32)
    m = X.shape[1]
    A = _forward(w.astype(np.float32), np.float32(b), X32)
    cost = np.float64(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))  # numpy scalar
    dw = (X32 @ (A - Y).T) / m
    db = np.sum(A - Y) / m
    return {"dw": dw, "db": db}, cost
'''

SIGMOID_EXTRA = '''def sigmoid(z):
    import sys
    print("sigmoid called", file=sys.stderr)  # stderr from student code must not zero the cell
    return np.exp(-np.logaddexp(0, -z))  # a numerically stable form
'''

# --- typical mistakes ------------------------------------------------------------------------

SIZES_COLOUR_AXIS = ("def dataset_sizes(train_set_x_orig, test_set_x_orig):\n"
                     "    return train_set_x_orig.shape[0], test_set_x_orig.shape[0], "
                     "train_set_x_orig.shape[3]\n")
FLATTEN_TRAP = "def flatten_images(X_orig):\n    return X_orig.reshape(-1, X_orig.shape[0])\n"
FLATTEN_NO_T = "def flatten_images(X_orig):\n    return X_orig.reshape(X_orig.shape[0], -1)\n"

SIGMOID_NEG = "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"
SIGMOID_EXP = "def sigmoid(z):\n    return np.exp(-z)\n"
SIGMOID_MATH = "import math\n\ndef sigmoid(z):\n    return 1 / (1 + math.exp(-z))\n"
INIT_ROW = "def initialize_with_zeros(dim):\n    return np.zeros(dim), 0.0\n"
INIT_B_ARRAY = "def initialize_with_zeros(dim):\n    return np.zeros((dim, 1)), np.zeros((1, 1))\n"
INIT_TRANSPOSED = "def initialize_with_zeros(dim):\n    return np.zeros((1, dim)), 0.0\n"
PROPAGATE_TEMPLATE = '''def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid({z})
    cost = {cost}
    dw = {dw}
    db = {db}
    return {{"dw": dw, "db": db}}, cost
'''
GOOD = dict(z="np.dot(w.T, X) + b", cost="-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m",
            dw="np.dot(X, (A - Y).T) / m", db="np.sum(A - Y) / m")
PROPAGATE_NO_MEAN = PROPAGATE_TEMPLATE.format(**{**GOOD, "dw": "np.dot(X, (A - Y).T)",
                                                 "db": "np.sum(A - Y)",
                                                 "cost": "-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))"})
PROPAGATE_SIGN = PROPAGATE_TEMPLATE.format(**{**GOOD, "dw": "np.dot(X, (Y - A).T) / m",
                                              "db": "np.sum(Y - A) / m"})
PROPAGATE_NO_B = PROPAGATE_TEMPLATE.format(**{**GOOD, "z": "np.dot(w.T, X)"})
PROPAGATE_ROW_DW = PROPAGATE_TEMPLATE.format(**{**GOOD, "dw": "np.dot(X, (A - Y).T).ravel() / m"})
OPTIMIZE_TEMPLATE = '''def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range({range}):
        grads, cost = propagate(w, b, X, Y)
        dw, db = grads["dw"], grads["db"]
        w = w {op} learning_rate * dw
        b = b {op} learning_rate * db
        if i % {every} == 0:
            costs.append(cost)
    params = {{"w": w, "b": b}}
    return params, grads, costs
'''
OPTIMIZE_PLUS = OPTIMIZE_TEMPLATE.format(range="num_iterations", op="+", every=100)
OPTIMIZE_EVERY_10 = OPTIMIZE_TEMPLATE.format(range="num_iterations", op="-", every=10)
OPTIMIZE_ONE_SHORT = OPTIMIZE_TEMPLATE.format(range="num_iterations - 1", op="-", every=100)
PREDICT_TEMPLATE = "def predict(w, b, X):\n    A = sigmoid(np.dot(w.T, X) + b)\n    return {ret}\n"
PREDICT_INVERTED = PREDICT_TEMPLATE.format(ret="(A <= 0.5).astype(float)")
PREDICT_PROBS = PREDICT_TEMPLATE.format(ret="A")
PREDICT_FLAT = PREDICT_TEMPLATE.format(ret="(A > 0.5).astype(float).ravel()")
MODEL_TEMPLATE = '''def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, {iters}, learning_rate, print_cost)
    w, b = {wb}
    d = {{"costs": costs, "Y_prediction_test": predict(w, b, {xtest}),
         "Y_prediction_train": predict(w, b, X_train), "w": w, "b": b,
         "learning_rate": learning_rate, "num_iterations": num_iterations}}
    return d
'''
MGOOD = dict(iters="num_iterations", wb='params["w"], params["b"]', xtest="X_test")
MODEL_FIXED_ITERS = MODEL_TEMPLATE.format(**{**MGOOD, "iters": "2000"})
MODEL_NO_UPDATE = MODEL_TEMPLATE.format(**{**MGOOD, "wb": "w, b"})
MODEL_FIXED_RATE = MODEL_TEMPLATE.format(**MGOOD).replace("num_iterations, learning_rate, print_cost)",
                                                         "num_iterations, 0.005, print_cost)")

# --- attacks (on top of the untouched release: each must gain nothing) ---------------------

BLANK_LATER_CELLS = '''ip = get_ipython()
ip.input_transformers_post.append(lambda lines: [])
'''
FAKE_MODULES = '''import sys, types
fake = types.ModuleType("utils.grading")
fake.probe = lambda name, func: None
fake.record = lambda name, probe_dir=None: None
sys.modules["utils.grading"] = fake
import utils
utils.grading = fake
'''
ALWAYS_EQUAL = '''class AlwaysEqual:
    shape = property(lambda self: (1, 1))
    def __eq__(self, other): return True
    def __array__(self, *a, **k): raise TypeError
always = AlwaysEqual()
for _name in ["dataset_sizes", "flatten_images", "sigmoid", "initialize_with_zeros", "propagate",
              "optimize", "predict", "model"]:
    globals()[_name] = lambda *a, **k: always
import numpy as np
np.allclose = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
'''
FAKE_SCORE = '''print("12.0")
from IPython.display import HTML, display
display(12.0)
display(HTML("<script>alert('grade me 12')</script>"))  # would run in the instructor's browser
12.0
'''
READ_SOURCE = '''import json, pathlib
for root in ["/work/main", "../..", "../../..", "/"]:
    for p in pathlib.Path(root).glob("source/week2_logistic_regression/*.ipynb"):
        for c in json.loads(p.read_text())["cells"]:
            if "BEGIN SOLUTION" in "".join(c["source"]):
                exec("".join(c["source"]))
'''
VANDAL = '''import glob, os, subprocess
for pattern in ["/work/main/gradebook.db", "../../*/*/*.ipynb", "../../../gradebook.db",
                "/work/main/release/*/*.ipynb", "/work/main/source/*/*.ipynb"]:
    for path in glob.glob(pattern):
        try:
            open(path, "w").write("vandalised")
        except OSError as e:
            print("blocked:", e)
subprocess.Popen(["sleep", "987"], start_new_session=True)  # must not outlive grading
os.symlink("/etc/passwd", "/job/report.json") if os.path.isdir("/job") else None
'''
MEMORY_BOMB = "chunks = []\nwhile True:\n    chunks.append(bytearray(512 * 1024 ** 2))\n"
INFINITE_LOOP = "while True:\n    pass\n"
KILL_KERNEL = "import os\nos._exit(1)\n"
IMPORTED_PROPAGATE = '''import pathlib
pathlib.Path("my_helpers.py").write_text(
    "import numpy as np\\n"
    "def propagate(w, b, X, Y):\\n"
    "    m = X.shape[1]\\n"
    "    A = 1 / (1 + np.exp(-(w.T @ X + b)))\\n"
    "    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))\\n"
    "    return {'dw': X @ (A - Y).T / m, 'db': np.mean(A - Y)}, cost\\n")
from my_helpers import propagate
'''

VARIANTS = {
    "untouched": Variant(scores=ZERO),
    "reference": Variant(cells=ref(), scores=FULL),
    "loops": Variant(cells=ref(propagate=PROPAGATE_LOOPS, predict=PREDICT_LOOPS), scores=FULL),
    "float32_prints_helpers": Variant(cells=ref(propagate=PROPAGATE_FLOAT32_HELPERS,
                                                sigmoid=SIGMOID_EXTRA), scores=FULL),
    # num_px read from the colour axis: m_train and m_test right in every kind, 2/3 (new)
    "sizes_colour_axis": Variant(cells=ref(dataset_sizes=SIZES_COLOUR_AXIS),
                                 hints={"test_dataset_sizes": "the 3 colours of a pixel"},
                                 scores=scores(dataset_sizes=0.6667)),
    # the reshape trap: right shape, pictures mixed; it is right only for a single picture
    # (the m = 1 kind, weight 1 of 3), so 1/3 of the point stays; nothing else is touched (new)
    "flatten_reshape_trap": Variant(cells=ref(flatten_images=FLATTEN_TRAP),
                                    hints={"test_flatten_images": "mix pixels of several pictures"},
                                    scores=scores(flatten_images=0.3333)),
    # no transpose: (m, n_x) in every kind, the shape hint says so (new)
    "flatten_no_transpose": Variant(cells=ref(flatten_images=FLATTEN_NO_T),
                                    hints={"test_flatten_images": "transpose it (.T)"},
                                    scores=scores(flatten_images=0)),
    "sigmoid_neg": Variant(cells=ref(sigmoid=SIGMOID_NEG), hints={"test_sigmoid": "sigmoid(-z)"},
                           scores=scores(sigmoid=0, propagate=0, optimize=0, predict=0, model=0)),
    "sigmoid_exp": Variant(cells=ref(sigmoid=SIGMOID_EXP), hints={"test_sigmoid": "1 / (1 + e^(-z))"},
                           scores=scores(sigmoid=0, propagate=0, optimize=0, predict=0, model=0)),
    "sigmoid_math": Variant(cells=ref(sigmoid=SIGMOID_MATH), hints={"test_sigmoid": "TypeError"},
                            # (weights) math.exp works for the number kind only: 1 of 4 (was 0.5)
                            scores=scores(sigmoid=0.25, propagate=0, optimize=0, predict=0, model=0)),
    "init_row": Variant(cells=ref(initialize_with_zeros=INIT_ROW),
                        hints={"test_initialize_with_zeros": "keep the column shape"},
                        scores=scores(initialize_with_zeros=0.5, model=0)),
    "init_b_array": Variant(cells=ref(initialize_with_zeros=INIT_B_ARRAY),
                            hints={"test_initialize_with_zeros": "b is a single number"},
                            scores=scores(initialize_with_zeros=0.5, model=2)),
    "init_transposed": Variant(cells=ref(initialize_with_zeros=INIT_TRANSPOSED),
                               hints={"test_initialize_with_zeros": "transposed"},
                               # (weights) for dim = 1 a transposed w is right: 3 of 4 (was 0.5)
                               scores=scores(initialize_with_zeros=0.75, model=0)),
    "propagate_no_mean": Variant(cells=ref(propagate=PROPAGATE_NO_MEAN),
                                 hints={"test_propagate": "did you divide by m?"},
                                 scores=scores(propagate=0.6, optimize=0, model=0)),
    "propagate_sign": Variant(cells=ref(propagate=PROPAGATE_SIGN),
                              hints={"test_propagate": "not Y - A"},
                              # (weights) its cost is right in every kind: 1/3 (was 0.6)
                              scores=scores(propagate=1, optimize=0, model=0)),
    "propagate_no_b": Variant(cells=ref(propagate=PROPAGATE_NO_B),
                              hints={"test_propagate": "forget + b"},
                              scores=scores(propagate=0, optimize=0, model=0)),
    "propagate_row_dw": Variant(cells=ref(propagate=PROPAGATE_ROW_DW),
                                hints={"test_propagate": "keep the column shape"},
                                # (weights) db and cost right in every kind: 2/3 (was 1.2)
                                scores=scores(propagate=2, optimize=0, model=0)),
    "optimize_plus": Variant(cells=ref(optimize=OPTIMIZE_PLUS),
                             hints={"test_optimize": "against the gradient"},
                             scores=scores(optimize=0, model=0)),
    "optimize_every_10": Variant(cells=ref(optimize=OPTIMIZE_EVERY_10),
                                 hints={"test_optimize": "i % 100 == 0"},
                                 scores=scores(optimize=1.3333, model=2)),
    "optimize_one_short": Variant(cells=ref(optimize=OPTIMIZE_ONE_SHORT),
                                  hints={"test_optimize": "range(num_iterations)"},
                                  # (weights) one update less changes no label and no setting:
                                  # model's predictions and settings pass, 2 of 3 (was 1)
                                  scores=scores(optimize=0, model=2)),
    "predict_inverted": Variant(cells=ref(predict=PREDICT_INVERTED),
                                hints={"test_predict": "inverted"}, scores=scores(predict=0, model=2)),
    "predict_probs": Variant(cells=ref(predict=PREDICT_PROBS),
                             hints={"test_predict": "not the activations"},
                             scores=scores(predict=0, model=2)),
    "predict_flat": Variant(cells=ref(predict=PREDICT_FLAT),
                            hints={"test_predict": "keep the column shape"},
                            scores=scores(predict=0, model=2)),
    "model_fixed_iters": Variant(cells=ref(model=MODEL_FIXED_ITERS),
                                 hints={"test_model": "pass num_iterations on to optimize"},
                                 # (weights) the parts that do not hang on the iteration count
                                 # (labels of these small sets) pass: 1 of 3 (was 0)
                                 scores=scores(model=1)),
    "model_no_update": Variant(cells=ref(model=MODEL_NO_UPDATE),
                               hints={"test_model": "use the trained parameters"},
                               scores=scores(model=1)),
    "model_fixed_rate": Variant(cells=ref(model=MODEL_FIXED_RATE),
                                hints={"test_model": "not fixed numbers"},
                                scores=scores(model=0)),
    "imported_propagate": Variant(cells=ref(propagate=IMPORTED_PROPAGATE),
                                  hints={"test_propagate": "not written in this notebook"},
                                  scores=scores(propagate=0)),  # its callers still work
    "attack_blank_later_cells": Variant(insert_after={"packages": [BLANK_LATER_CELLS]},
                                        cells=ref(), scores=ZERO),
    "attack_fake_modules": Variant(insert_after={"packages": [FAKE_MODULES]}, scores=ZERO),
    "attack_always_equal": Variant(insert_after={"test_model": [ALWAYS_EQUAL]}, scores=ZERO),
    "attack_fake_score": Variant(insert_after={"packages": [FAKE_SCORE]}, scores=ZERO),
    "attack_read_source": Variant(insert_after={"packages": [READ_SOURCE]}, scores=ZERO),
    "attack_vandal": Variant(insert_after={"packages": [VANDAL]}, cells=ref(), scores=FULL),
    "shipped_sigmoid_wrapper": Variant(
        cells=ref(sigmoid="from utils.activations import sigmoid as given\n\n"
                          "def sigmoid(z):\n    return given(z)[0]\n"),
        scores=scores(sigmoid=0, propagate=0, optimize=0, predict=0, model=0),
        hints={"test_sigmoid": "utils.activations.sigmoid is not available while this "
                               "assignment is graded"},
        note="a wrapper around a shipped helper; every function calling it fails with it"),
    "lambda_and_ipython_lines": Variant(
        cells=ref(sigmoid="sigmoid = lambda z: 1 / (1 + np.exp(-z))\n",
                  initialize_with_zeros="np.zeros?\n%time _ = np.zeros(3)\n!true\n\n"
                  "def initialize_with_zeros(dim):\n    return np.zeros((dim, 1)), 0.0\n"),
        scores=FULL),
    "syntax_error_propagate": Variant(
        cells=ref(propagate="def propagate(w, b, X, Y):\n    m = X.shape[1\n    return {}, 0\n"),
        scores=scores(propagate=0, optimize=0, model=0),
        hints={"test_propagate": "has a syntax error (line 2"}),
    "crash_cells_then_reference": Variant(
        insert_after={"packages": [KILL_KERNEL, INFINITE_LOOP, MEMORY_BOMB]}, cells=ref(),
        scores=FULL, note="a cell that kills the kernel, one that loops, one that eats memory"),
}


# --- malformed notebooks: graded on what can be found, flagged, never stopping the batch ------

def _drop_cell(grade_id):
    def rewrite(nb):
        nb["cells"] = [c for c in nb["cells"]
                       if c["metadata"].get("nbgrader", {}).get("grade_id") != grade_id]
        return json.dumps(nb)
    return rewrite


def _duplicate_and_retype(nb):
    cells = []
    for c in nb["cells"]:
        gid = c["metadata"].get("nbgrader", {}).get("grade_id")
        cells.append(c)
        if gid == "propagate":
            cells.append(json.loads(json.dumps(c)))        # the solution cell twice
        if gid == "test_sigmoid":
            c["cell_type"] = "markdown"                      # a test cell retyped
            c.pop("outputs", None)
            c.pop("execution_count", None)
        c["metadata"]["unknown_tool"] = {"x": 1}            # metadata nobody knows
    nb["cells"] = cells
    return json.dumps(nb)


def _tamper_metadata(nb):
    for c in nb["cells"]:
        meta = c["metadata"].get("nbgrader", {})
        if meta.get("grade_id") == "sigmoid":
            meta["schema_version"] = 99          # nbgrader alone would abort the whole batch
        if meta.get("grade_id") == "propagate":
            meta["schema_version"] = 1
    bonus = {"cell_type": "code", "execution_count": None, "id": "bonus", "outputs": [],
             "source": "print('free points')",
             "metadata": {"nbgrader": {"grade": True, "grade_id": "test_bonus", "points": 100,
                                       "locked": True, "schema_version": 3, "solution": False,
                                       "task": False}}}
    nb["cells"].append(bonus)
    return json.dumps(nb)


def _break_json(nb):
    text = json.dumps(nb, indent=1)
    cut = text.index('"cell_type": "markdown"', len(text) // 3)
    return text[:cut] + '"cell_type": markdown, <<<' + text[cut + 23:]


def _tamper_test_cells(nb):
    """test_propagate made an answer cell (as the Create Assignment toolbar would), and the
    visible assertions of test_predict replaced by `pass`."""
    for c in nb["cells"]:
        meta = c["metadata"].get("nbgrader", {})
        if meta.get("grade_id") == "test_propagate":
            meta.update(grade=False, solution=True, locked=False)
            meta.pop("points", None)
        if meta.get("grade_id") == "test_predict":
            c["source"] = "pass\n"
    return json.dumps(nb)


VARIANTS.update({
    "malformed_tampered_test_cells": Variant(cells=ref(), rewrite=_tamper_test_cells, scores=FULL),
    "malformed_deleted_test_cell": Variant(cells=ref(), rewrite=_drop_cell("test_propagate"),
                                           scores=FULL),
    "malformed_duplicated_retyped": Variant(cells=ref(), rewrite=_duplicate_and_retype,
                                            scores=FULL),
    "malformed_invalid_json": Variant(cells=ref(), rewrite=_break_json, scores=FULL),
    "malformed_tampered_metadata": Variant(cells=ref(), rewrite=_tamper_metadata, scores=FULL),
})

# The few students `make demo` grades.
DEMO = ["reference", "loops", "propagate_sign", "optimize_every_10", "untouched",
        "attack_fake_modules", "malformed_invalid_json"]
