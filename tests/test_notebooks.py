"""The CI ladder for every notebook: no outputs in source/, source runs clean with every
hidden check passing, release/ is what nbgrader makes of source/, and the release notebook
raises nothing but NotImplementedError."""
import json
import re
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ASSIGNMENTS, ROOT


def execute(path, tmp_path, skip_tag=None):
    """Executes a copy of the notebook's folder (without cells tagged skip_tag)."""
    work = tmp_path / path.parent.name
    shutil.copytree(path.parent, work)
    nb = nbformat.read(work / path.name, as_version=4)
    nb.cells = [c for c in nb.cells if skip_tag not in c.metadata.get("tags", [])]
    # No time limit: a busy machine is slower, not wrong (scripts/bench_notebooks.py times them).
    NotebookClient(nb, timeout=None, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(work)}}).execute()
    return nb


def errors(nb):
    return [(i, o.ename, o.evalue) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for o in c.outputs if o.output_type == "error"]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_has_no_outputs(assignment):
    nb = json.loads((ROOT / "source" / assignment / f"{assignment}.ipynb").read_text())
    dirty = [i for i, c in enumerate(nb["cells"]) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"cells {dirty} of source/{assignment} carry outputs: clear them"


@pytest.fixture(scope="module")
def executed_source(tmp_path_factory):
    """Executes each source notebook once, on first use: {assignment: executed notebook}."""
    cache = {}

    def get(assignment):
        if assignment not in cache:
            cache[assignment] = execute(ROOT / "source" / assignment / f"{assignment}.ipynb",
                                        tmp_path_factory.mktemp(assignment))
        return cache[assignment]
    return get


def printed(nb, grade_id):
    """Everything the cell `grade_id` printed, as one string."""
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def number(text, pattern):
    found = re.search(pattern, text)
    assert found, f"no match for {pattern!r} in:\n{text[-1500:]}"
    return float(found.group(1))


def lesson_week2_logistic_regression(nb):
    out = printed(nb, "train")
    train, test = number(out, r"train accuracy: ([\d.]+)"), number(out, r"test accuracy: ([\d.]+)")
    assert train >= 95 and 66 < test < 100, f"logistic regression {train}/{test}: no overfitting"


def lesson_week3_planar_classification(nb):
    baseline = number(printed(nb, "baseline"), r"logistic regression: ([\d.]+)")
    network = number(printed(nb, "train"), r"Accuracy: ([\d.]+)")
    assert baseline < 60 and network >= 88, f"logistic regression {baseline} %, n_h = 4 {network} %"


def lesson_week4_deep_nn_application(nb):
    table = printed(nb, "compare")
    logreg = number(table, r"logistic regression.*?[\d.]+\s+([\d.]+)")
    two = number(table, r"two-layer network.*?\s[\d.]+\s+([\d.]+)")
    deep = number(table, r"L-layer network \S+\s+[\d.]+\s+([\d.]+)")
    assert deep >= logreg + 5, f"L-layer {deep} % vs logistic regression {logreg} % on test"
    assert two > logreg, f"two-layer {two} % vs logistic regression {logreg} % on test"


@pytest.mark.skipif("week4_deep_nn_application" not in ASSIGNMENTS, reason="NNDL_ONLY")
def test_week4_baseline_is_week2_logistic_regression():
    """The application's baseline (dnn_blocks.logistic_regression_model, the network with no
    hidden layer) takes week 2's gradient-descent steps: the same w and b, to rounding."""
    import numpy as np
    from grader.reference import week2_logistic_regression as week2
    from grader.reference.week4_deep_nn_application import blocks
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(7, 11)), (rng.random((1, 11)) < 0.5).astype(float)
    parameters = blocks.logistic_regression_model(X, Y, num_iterations=150, learning_rate=0.1)
    params, _, _ = week2.optimize(np.zeros((7, 1)), 0.0, X, Y, num_iterations=150,
                                  learning_rate=0.1)
    assert np.allclose(parameters["W1"], params["w"].T, rtol=1e-10, atol=1e-12)
    assert np.isclose(parameters["b1"].item(), params["b"], rtol=1e-10, atol=1e-12)


LESSONS = {"week2_logistic_regression": lesson_week2_logistic_regression,
           "week3_planar_classification": lesson_week3_planar_classification,
           "week4_deep_nn_application": lesson_week4_deep_nn_application}


@pytest.mark.parametrize("assignment", sorted(set(LESSONS) & set(ASSIGNMENTS)))
def test_source_shows_the_lesson_on_the_bundled_data(assignment, executed_source):
    """The figures the prose promises (overfitting, the flower, deeper is better) come out."""
    LESSONS[assignment](executed_source(assignment))


# The long runs and the markdown cells stating what a correct implementation prints for them.
STATED = {"week2_logistic_regression": [("train", "train_expected")],
          "week4_deep_nn_application": [("train_two", "train_two_expected"),
                                        ("train_L", "train_L_expected")]}
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def stated_lines(nb, grade_id):
    """The lines of the first code block (```) of the markdown cell grade_id, without '...'."""
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    block = re.search(r"```\n(.*?)```", cell.source, re.S)
    assert block, f"{grade_id} states no output in a ``` block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip() not in ("", "...")]


def same_line(stated, printed):
    """Same words, same integers, and numbers with decimals equal up to printing and BLAS noise."""
    if NUMBER.sub("#", " ".join(stated.split())) != NUMBER.sub("#", " ".join(printed.split())):
        return False
    pairs = zip(NUMBER.findall(stated), NUMBER.findall(printed))
    return all(a == b if "." not in a + b else
               abs(float(a) - float(b)) <= 2e-6 + 1e-6 * abs(float(a)) for a, b in pairs)


def unprinted(stated, printed_text):
    """The stated lines not found, in their order, among the printed lines."""
    printed = [line.strip() for line in printed_text.splitlines()]
    missing, k = [], 0
    for line in stated:
        match = next((j for j in range(k, len(printed)) if same_line(line, printed[j])), None)
        if match is None:
            missing.append(line)
        else:
            k = match + 1
    return missing


def test_stated_output_comparison_notices_a_changed_number():
    printed = ("Cost after iteration 0: 0.693147\nCost after iteration 100: 0.410222\n"
               "Accuracy: 76.0 %\n")
    assert unprinted(["Cost after iteration 100: 0.410222", "Accuracy: 76.0 %"], printed) == []
    assert unprinted(["Cost after iteration 100: 0.410232"], printed)
    assert unprinted(["Cost after iteration 200: 0.410222"], printed)
    assert unprinted(["Accuracy: 78.0 %"], printed)
    assert unprinted(["Accuracy: 76.0 %", "Cost after iteration 0: 0.693147"], printed), "order"


@pytest.mark.parametrize("assignment", sorted(set(STATED) & set(ASSIGNMENTS)))
def test_source_prints_the_numbers_its_markdown_states(assignment, executed_source):
    """Each long run prints what the notebook says a correct implementation prints."""
    nb = executed_source(assignment)
    for run, expected in STATED[assignment]:
        missing = unprinted(stated_lines(nb, expected), printed(nb, run))
        assert not missing, (f"{assignment}: cell {run} did not print {missing} as {expected} "
                             f"states; it printed:\n{printed(nb, run)[-1500:]}")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_runs_and_passes_every_check(assignment, executed_source):
    nb = executed_source(assignment)
    assert not errors(nb), f"source/{assignment} raised: {errors(nb)}"
    verdicts = [o.text for c in nb.cells if c.cell_type == "code" for o in c.outputs
                if o.output_type == "stream" and "hidden checks passed" in o.text]
    n_probes = sum("probe(" in c.source for c in nb.cells if c.cell_type == "code")
    assert len(verdicts) == n_probes > 0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_is_regenerated_from_source(assignment, built_course):
    def cells(path):
        nb = json.loads(path.read_text())
        return [(c["cell_type"], "".join(c["source"]), c["metadata"]) for c in nb["cells"]]
    made = built_course / "release" / assignment / f"{assignment}.ipynb"
    committed = ROOT / "release" / assignment / f"{assignment}.ipynb"
    assert cells(made) == cells(committed), "release/ is stale: run `make release` and commit it"
    made_files = sorted(p.relative_to(made.parent) for p in made.parent.rglob("*") if p.is_file())
    committed_files = sorted(p.relative_to(committed.parent) for p in committed.parent.rglob("*")
                             if p.is_file())
    assert made_files == committed_files


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_raises_only_not_implemented(assignment, tmp_path):
    # cells the grader skips use trained models, which the untouched release cannot make
    nb = execute(ROOT / "release" / assignment / f"{assignment}.ipynb", tmp_path,
                 skip_tag="skip-autograde")
    others = [e for e in errors(nb) if e[1] != "NotImplementedError"]
    assert not others, f"release/{assignment} raised more than NotImplementedError: {others}"
    assert errors(nb), "the untouched release raised nothing: are the solutions stripped?"
    text = json.dumps(nbformat.writes(nb))
    assert "BEGIN HIDDEN TESTS" not in text and "probe(" not in text
