"""Correct but different solutions get full marks from the real judge (issue 9): no false
losses. `scripts/grade_alternatives.py` probes each alternative in grader/alternatives/ and
judges it with `python -m grader.judge`, as a submission is; a notebook built from a canned
variant (grader/samples/build.py) goes the same way."""
import subprocess
import sys

import pytest

from conftest import ASSIGNMENTS, ROOT
from grader.samples.build import build, with_reference

SCRIPT = ROOT / "scripts" / "grade_alternatives.py"
FOLDERS = [a for a in ASSIGNMENTS if (ROOT / "grader" / "alternatives" / a).is_dir()]


def grade(assignment, folder):
    return subprocess.run([sys.executable, str(SCRIPT), assignment, str(folder)], cwd=ROOT,
                          capture_output=True, text=True)


@pytest.mark.parametrize("assignment", FOLDERS)
def test_no_correct_alternative_loses_points(assignment):
    done = grade(assignment, ROOT / "grader" / "alternatives" / assignment)
    assert done.returncode == 0 and "0 alternative(s) lost points" in done.stdout, \
        done.stdout + done.stderr[-2000:]


@pytest.mark.skipif("week2_logistic_regression" not in ASSIGNMENTS, reason="NNDL_ONLY")
def test_a_wrong_alternative_and_a_notebook_are_graded_too(tmp_path):
    """The script can fail: a wrong propagate is counted with its message. A notebook with a
    lambda and IPython-only lines is read from its solution cells and gets full marks."""
    (tmp_path / "propagate_no_mean.py").write_text(
        "def propagate(w, b, X, Y):\n"
        "    A = sigmoid(w.T @ X + b)\n"
        "    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n"
        "    return {'dw': X @ (A - Y).T, 'db': np.sum(A - Y)}, cost\n")
    from grader.samples.build import Variant
    cells = with_reference("week2_logistic_regression",
                           sigmoid="sigmoid = lambda z: 1 / (1 + np.exp(-z))\n",
                           initialize_with_zeros="np.zeros?\n%time _ = np.zeros(3)\n\n"
                           "def initialize_with_zeros(dim):\n    return np.zeros((dim, 1)), 0.0\n")
    build("week2_logistic_regression", Variant(cells=cells), tmp_path / "nb")
    (tmp_path / "nb" / "week2_logistic_regression.ipynb").rename(tmp_path / "lambda_ipython.ipynb")
    done = grade("week2_logistic_regression", tmp_path)
    assert done.returncode == 1 and "1 alternative(s) lost points" in done.stdout, done.stdout
    # for m = 1 (weight 1 of 5) a missing 1/m does no harm: 3 of 15 parts pass
    assert "propagate_no_mean.py: 3/15:" in done.stdout and "did you divide by m?" in done.stdout
    assert "sigmoid: 1 of 1 alternatives got full marks" in done.stdout, done.stdout
