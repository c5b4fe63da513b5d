"""The week 3 data sets (utils/planar.py), the logistic-regression baseline (logreg.py, released
next to the week 3 notebook) and the decision-boundary plot (utils/plots.py)."""
import importlib.util

import matplotlib
import numpy as np
import pytest

from conftest import ROOT
from utils.planar import EXTRA_DATASETS, load_extra_datasets, load_planar_dataset

matplotlib.use("Agg")
WEEK3 = "week3_planar_classification"


def _week3_logreg():
    """source/week3_planar_classification/logreg.py, as the notebook imports it (`from logreg
    import ...`, the notebook's folder being on the kernel's path)."""
    spec = importlib.util.spec_from_file_location("logreg", ROOT / "source" / WEEK3 / "logreg.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


logreg = _week3_logreg()
train_logistic_regression = logreg.train_logistic_regression
predict_logistic_regression = logreg.predict_logistic_regression


def test_flower_shapes_and_balance():
    X, Y = load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    assert set(np.unique(Y)) == {0, 1}
    assert np.sum(Y == 0) == np.sum(Y == 1) == 200
    assert np.all(Y[0, :200] == 0) and np.all(Y[0, 200:] == 1)   # class 0 first
    assert np.all(np.abs(X) < 5)                                  # radius 4 plus a little noise


def test_flower_is_the_course_flower():
    # The first point follows from np.random.seed(1) and the order of the draws; the network
    # of the notebook reaches 90.75 % on this data, as in the course.
    X, _ = load_planar_dataset()
    np.testing.assert_allclose(X[:, 0], [1.20444229, 3.57611415], rtol=1e-7)


def test_flower_is_deterministic():
    X1, Y1 = load_planar_dataset()
    X2, Y2 = load_planar_dataset()
    assert np.array_equal(X1, X2) and np.array_equal(Y1, Y2)
    X3, _ = load_planar_dataset(seed=2)
    assert not np.array_equal(X1, X3)


def test_flower_is_not_linearly_separable():
    X, Y = load_planar_dataset()
    w, b = train_logistic_regression(X, Y, num_iterations=2000, learning_rate=0.5)
    accuracy = np.mean(predict_logistic_regression(w, b, X) == Y)
    assert accuracy < 0.6


@pytest.mark.parametrize("name", EXTRA_DATASETS)
def test_extra_datasets_shapes_and_balance(name):
    X, Y = load_extra_datasets()[name]
    assert X.shape == (2, 200) and Y.shape == (1, 200)
    assert np.all(np.isfinite(X))
    assert set(np.unique(Y)) == {0, 1}
    assert np.sum(Y == 1) == 100


def test_extra_datasets_are_deterministic_and_leave_the_global_rng_alone():
    np.random.seed(123)
    state = np.random.get_state()[1].copy()
    a = load_extra_datasets(seed=4)
    assert np.array_equal(np.random.get_state()[1], state)
    b = load_extra_datasets(seed=4)
    c = load_extra_datasets(seed=5)
    for name in EXTRA_DATASETS:
        assert np.array_equal(a[name][0], b[name][0]) and np.array_equal(a[name][1], b[name][1])
        assert not np.array_equal(a[name][0], c[name][0])


def test_logistic_regression_learns_a_linear_problem():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 200))
    Y = (X[0:1] - 2 * X[1:2] > 0).astype(float)
    w, b = train_logistic_regression(X, Y, num_iterations=500, learning_rate=0.5)
    assert w.shape == (2, 1) and isinstance(b, float)
    assert np.mean(predict_logistic_regression(w, b, X) == Y) > 0.95


def test_plot_decision_boundary_labels_the_figure():
    import matplotlib.pyplot as plt
    from utils.plots import plot_decision_boundary
    X, Y = load_planar_dataset()
    calls = []

    def predict_fn(points):
        calls.append(points.shape)
        return (points[0:1] > 0).astype(float)
    ax = plot_decision_boundary(predict_fn, X, Y, title="a test", resolution=50)
    assert calls == [(2, 2500)]
    assert ax.get_title() == "a test" and ax.get_xlabel() and ax.get_ylabel()
    plt.close("all")


@pytest.mark.parametrize("folder", ["source", "release"])
def test_week3_imports_logreg_from_its_own_folder_not_from_utils(folder):
    """Week 2's graded answers (logistic regression) reach week 3 students in week 3's own
    folder only: its notebook imports `logreg`, shipped next to it, never utils.logreg."""
    import nbformat
    assert (ROOT / folder / WEEK3 / "logreg.py").is_file()
    nb = nbformat.read(ROOT / folder / WEEK3 / f"{WEEK3}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "from logreg import sigmoid" in code and "utils.logreg" not in code


def test_logreg_sigmoid_is_the_logistic_function():
    z = np.array([[-30.0, 0.0, 2.0]])
    np.testing.assert_allclose(logreg.sigmoid(z), 1 / (1 + np.exp(-z)))
    assert logreg.sigmoid(0.0) == 0.5


def test_week3_imports_its_logreg_in_the_warm_sandbox(tmp_path):
    """The released week 3 folder (notebook and logreg.py) runs in the warm sandbox a grading
    worker keeps: `from logreg import ...` finds the file next to the notebook, no cell
    raises, and forward_propagation (which calls logreg's sigmoid) returns on every input.
    The one-shot sandbox is covered by the canned submissions of tests/test_autograde.py."""
    import nbformat

    from grader import judge, sandbox
    from grader.samples.build import Variant, build, with_reference
    from utils import plaindata
    if not sandbox.bwrap_works():
        pytest.skip("needs bubblewrap")
    build(WEEK3, Variant(cells=with_reference(WEEK3)), tmp_path / "submission")
    job = sandbox.make_job(WEEK3, tmp_path / "submission", tmp_path / "job")
    with sandbox.WarmSandbox(sandbox.Limits(memory_gib=2, wall_timeout=300, pids=64)) as box:
        code, err = box.run(job)
    assert code == 0, err
    nb = nbformat.read(job / "executed.ipynb", as_version=4)
    raised = [(i, o.ename) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not raised, raised
    n = len(judge.make_cases(WEEK3, 0)["forward_propagation"])
    outputs = job / "probe" / "outputs" / "forward_propagation"
    assert all(plaindata.load(outputs / f"case{i:02d}")["ok"] for i in range(n))
