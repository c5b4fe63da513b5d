"""The warm grading service (grader/service.py) grades one student exactly as a fresh
`python -m grader.batch A --student=S` does (same gradebook scores, grading reports, autograded
notebooks, printed table), and a service that is killed, before or during a grade, costs
nothing but time: the grade is made without it, with a message saying so."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from nbgrader.api import Gradebook

from conftest import ASSIGNMENTS, canned_course
from grader import service
from grader.samples.week2_numpy_basics import VARIANTS

A = "week2_numpy_basics"
STUDENTS = ["reference", "signs", "untouched"]
pytestmark = pytest.mark.skipif(A not in ASSIGNMENTS, reason=f"NNDL_ONLY leaves out {A}")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return canned_course(tmp_path_factory.mktemp("template"), A, VARIANTS, STUDENTS)


@pytest.fixture
def course(template, tmp_path):
    """A fresh copy of the template; any service started in it is stopped afterwards."""
    dest = tmp_path / "course"
    shutil.copytree(template, dest)
    yield dest
    if service.running(dest):
        subprocess.run([sys.executable, "-m", "grader.service", "stop", "--course", str(dest)],
                       capture_output=True, timeout=600)


def grade_one(course, student, *options):
    done = subprocess.run([sys.executable, "-m", "grader.batch", A, "--course", str(course),
                           f"--student={student}", *options], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done


def start_service(course):
    done = subprocess.run([sys.executable, "-m", "grader.service", "start", "--course",
                           str(course), "--idle", "10"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return service.request(course, {"op": "ping"}, timeout=60)["pid"]


def served_runs(course):
    """How many grader.batch runs the service's log records."""
    log = service.paths(course)[2]
    return log.read_text().count(" ran [") if log.is_file() else 0


def results(course):
    """{student: (scores by test cell, grading report without timings, autograded cells)}."""
    out = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for name in STUDENTS:
            nb = gb.find_submission_notebook(A, A, name)
            scores = {g.name: g.score for g in nb.grades}
            folder = course / "autograded" / name / A
            report = json.loads((folder / "grading_report.json").read_text())
            report = {k: v for k, v in report.items() if k not in ("seconds", "worker")}
            cells = json.loads((folder / f"{A}.ipynb").read_text())["cells"]
            out[name] = (scores, report, [(c["source"], c.get("outputs")) for c in cells])
    return out


def table(done):
    """The score table as printed (between the protections and the timing line)."""
    return done.stdout.split("\n\n")[1]


def test_service_grades_like_a_fresh_process(template, course, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(template, plain)
    printed = [grade_one(plain, s) for s in STUDENTS]
    start_service(course)
    served = [grade_one(course, s) for s in STUDENTS]
    assert served_runs(course) == len(STUDENTS)            # the service did grade them
    assert served_runs(plain) == 0
    assert results(course) == results(plain)
    assert [table(d) for d in served] == [table(d) for d in printed]
    assert all("[1/1] " in d.stderr for d in served)
    assert results(course)["reference"][0] == VARIANTS["reference"].scores
    assert results(course)["signs"][0] == VARIANTS["signs"].scores
    lines = (course / "autograded" / f"{A}.log").read_text()
    assert all(f"[1/1] {s}: " in lines for s in STUDENTS)  # each student's line is logged


def test_killed_service_grades_without_it_then_starts_again(course):
    pid = start_service(course)
    os.kill(pid, signal.SIGKILL)
    done = grade_one(course, "reference")
    assert "not answering" in done.stderr and "grading without it" in done.stderr
    assert served_runs(course) == 0
    assert results_of(course, "reference") == VARIANTS["reference"].scores
    again = grade_one(course, "signs", "--service")     # make grade's way: start it again
    assert "starting the grading service" in again.stdout + again.stderr
    assert served_runs(course) == 1
    assert results_of(course, "signs") == VARIANTS["signs"].scores


def test_service_killed_while_grading_loses_no_grade(course):
    pid = start_service(course)
    run = subprocess.Popen([sys.executable, "-m", "grader.batch", A, "--course", str(course),
                            "--student=reference"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    started = course / "autograded" / "reference" / A       # nbgrader is at this student
    deadline = time.monotonic() + 600
    while not started.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    out, err = run.communicate(timeout=900)
    assert run.returncode == 0, out[-2000:] + err[-3000:]
    if "grading without it" not in err:
        pytest.skip("the service finished before it was killed (a fast machine)")
    assert "stopped before answering" in err or "did not answer" in err
    assert results_of(course, "reference") == VARIANTS["reference"].scores
    assert "reference" in out and "9.00 / 9" in out


def results_of(course, student):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(A, A, student)
        return {g.name: g.score for g in nb.grades}
