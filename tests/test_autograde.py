"""Autogrades every canned submission (grader/samples/<assignment>.py) in one batch per
assignment, through `python -m grader.batch` (nbgrader autograde), and checks each test
cell's exact score and hint, and that attacks harmed nothing."""
import hashlib
import json
import importlib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from conftest import ASSIGNMENTS, ROOT, make_course, nbgrader
from grader.samples.build import build

GRADED = [a for a in ASSIGNMENTS if (ROOT / "grader" / "samples" / f"{a}.py").exists()]
DEMO = "week2_logistic_regression"      # the assignment whose batch the extra checks read
needs_demo = pytest.mark.skipif(DEMO not in GRADED, reason=f"NNDL_ONLY leaves out {DEMO}")


def variants(assignment):
    return importlib.import_module(f"grader.samples.{assignment}").VARIANTS


def digest(folder):
    h = hashlib.sha256()
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file():
            h.update(str(p).encode() + p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """{assignment: (course, scores {student: {grade_id: score}}, digests before, batch run)}.

    Each assignment is graded in its own course copy (its own gradebook), two at a time.
    """
    courses = {a: make_course(tmp_path_factory.mktemp(a)) for a in GRADED}
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(GRADED, pool.map(lambda a: _grade(courses[a], a), GRADED)))


def _grade(course, assignment):
    nbgrader(course, "generate_assignment", assignment, "--force")
    for name, variant in variants(assignment).items():
        build(assignment, variant, course / "submitted" / name / assignment)
    before = {"source": digest(ROOT / "source"), "release": digest(ROOT / "release"),
              "course_release": digest(course / "release")}
    # The course's own limits (nbgrader_config.py: 60 s a cell, 120 s a probe), far above what
    # a graded cell needs; only the canned infinite loop and hanging function reach one, and
    # they are meant to. Week 2 numpy basics' functions take microseconds on the judge's inputs,
    # so its probes get 20 s (still 10^4 times what they need), which spares CI the hanging
    # sigmoid's 2 x 120 s.
    guard = ["--SandboxedJudge.probe_timeout=20"] if assignment == "week2_numpy_basics" else []
    done = subprocess.run([sys.executable, "-m", "grader.batch", assignment, "--course",
                           str(course), *guard], capture_output=True, text=True)
    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for name in variants(assignment):
            nb = gb.find_submission_notebook(assignment, assignment, name)
            scores[name] = {g.name: g.score for g in nb.grades if g.name.startswith("test_")}
    return course, scores, before, done


CASES = [(a, n) for a in GRADED for n in variants(a)]


@pytest.mark.parametrize("assignment,name", CASES)
def test_exact_scores(graded, assignment, name):
    scores = graded[assignment][1]
    expected = variants(assignment)[name].scores
    got = {k: round(v, 2) for k, v in scores[name].items()}
    assert got == {k: round(v, 2) for k, v in expected.items()}, f"{name}: {got}"


@pytest.mark.parametrize("assignment,name", [(a, n) for a, n in CASES if variants(a)[n].hints])
def test_hints(graded, assignment, name):
    path = graded[assignment][0] / "autograded" / name / assignment / f"{assignment}.ipynb"
    nb = nbformat.read(path, as_version=4)
    outputs = {c.metadata.get("nbgrader", {}).get("grade_id"): nbformat.writes(c) for c in nb.cells}
    for grade_id, words in variants(assignment)[name].hints.items():
        assert words in outputs[grade_id], f"{name}/{grade_id} lacks the hint '{words}'"


@pytest.mark.parametrize("assignment", GRADED)
def test_batch_finished_and_nothing_was_harmed(graded, assignment):
    built_course, scores, before, done = graded[assignment]
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert len(scores) == len(variants(assignment))
    n = len(variants(assignment))
    assert f"[{n}/{n}] " in done.stderr, "the batch did not show its progress"
    assert digest(ROOT / "source") == before["source"]
    assert digest(ROOT / "release") == before["release"]
    assert digest(built_course / "release") == before["course_release"]
    for name in variants(assignment):
        text = (built_course / "submitted" / name / assignment / f"{assignment}.ipynb").read_text()
        assert not text.startswith("vandalised"), f"{name}: a submission overwrote {name}'s notebook"
        graded = nbformat.read(built_course / "autograded" / name / assignment /
                               f"{assignment}.ipynb", as_version=4)
        outputs = json.dumps([c.get("outputs", []) for c in graded.cells])
        assert "<script>" not in outputs, f"{name}: a script reached the graded outputs"
    assert subprocess.run(["pgrep", "-f", "sleep 987"], capture_output=True).returncode == 1, \
        "a process started by a submission outlived its grading"


@needs_demo
def test_damaged_notebooks_are_flagged_not_dropped(graded):
    done = graded["week2_logistic_regression"][3]
    assert "malformed_invalid_json: notebook was damaged" in done.stdout
    assert "malformed_deleted_test_cell: the test cell 'test_propagate' was missing" in done.stdout
    # week 2's first test cell is test_dataset_sizes since the sizes became an exercise (issue 11)
    assert "malformed_invalid_json: the test cells 'test_dataset_sizes', " in done.stdout


@needs_demo
def test_feedback_hides_hidden_tests(graded):
    built_course = graded["week2_logistic_regression"][0]
    nbgrader(built_course, "generate_feedback", "week2_logistic_regression", "--force",
             "--student", "propagate_sign")
    html = (built_course / "feedback" / "propagate_sign" / "week2_logistic_regression" /
            "week2_logistic_regression.html").read_text()
    assert "not Y - A" in html
    assert "probe(" not in html and "BEGIN HIDDEN TESTS" not in html


@needs_demo
def test_regrading_gives_the_same_scores_and_touches_no_one_else(graded):
    """Grading again (a re-run after a crash, or one student re-graded) changes nothing."""
    assignment = "week2_logistic_regression"
    course, scores = graded[assignment][0], graded[assignment][1]
    again = "propagate_sign"
    others = [n for n in variants(assignment) if n != again]
    stamp = {n: _graded_file(course, n, assignment).stat().st_mtime_ns for n in others}
    done = subprocess.run([sys.executable, "-m", "grader.batch", assignment, "--course",
                           str(course), f"--student={again}"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for name in variants(assignment):
            nb = gb.find_submission_notebook(assignment, assignment, name)
            now = {g.name: g.score for g in nb.grades if g.name.startswith("test_")}
            assert now == scores[name], f"{name}: {scores[name]} became {now}"
    assert all(_graded_file(course, n, assignment).stat().st_mtime_ns == stamp[n] for n in others)


def _graded_file(course, name, assignment):
    return course / "autograded" / name / assignment / f"{assignment}.ipynb"
