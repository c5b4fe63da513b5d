"""A batch graded on several workers gives the same gradebook and grading reports as one
worker, whether the workers are local processes or a real dask cluster (a `dask scheduler`
and two `dask worker` processes on localhost)."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from conftest import ASSIGNMENTS, canned_course
from grader.samples.week2_logistic_regression import VARIANTS

A = "week2_logistic_regression"
# right, wrong, not written, and two that nbgrader's sanitize steps repair before grading (the
# workers start the tampered one before nbgrader repairs its metadata, so it is run again)
ORDINARY = ["reference", "propagate_sign", "untouched"]
BATCH = ORDINARY + ["malformed_tampered_test_cells", "malformed_deleted_test_cell"]
pytestmark = pytest.mark.skipif(A not in ASSIGNMENTS, reason=f"NNDL_ONLY leaves out {A}")
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A course copy with the assignment generated and the canned batch in submitted/."""
    return canned_course(tmp_path_factory.mktemp("template"), A, VARIANTS, BATCH)


def grade(template, dest, *options):
    """Grades a copy of `template` with grader.batch OPTIONS; returns (scores, reports, run)."""
    shutil.copytree(template, dest)
    done = subprocess.run([sys.executable, "-m", "grader.batch", A, "--course", str(dest),
                           *options], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    scores, reports = {}, {}
    with Gradebook(f"sqlite:///{dest / 'gradebook.db'}") as gb:
        for name in BATCH:
            nb = gb.find_submission_notebook(A, A, name)
            scores[name] = {g.name: g.score for g in nb.grades}
    for name in BATCH:
        reports[name] = json.loads((dest / "autograded" / name / A / "grading_report.json").read_text())
    return scores, reports, done


def same_report(report):
    """A grading report without what may differ between runs: timings and the worker."""
    return {k: v for k, v in report.items() if k not in ("seconds", "worker")}


@pytest.fixture(scope="module")
def two_workers(template, tmp_path_factory):
    return grade(template, tmp_path_factory.mktemp("two") / "course", "--workers", "2")


def test_two_local_workers_grade_like_one(template, two_workers, tmp_path):
    one = grade(template, tmp_path / "course", "--workers", "1")
    assert two_workers[0] == one[0]
    assert {n: same_report(r) for n, r in two_workers[1].items()} == \
           {n: same_report(r) for n, r in one[1].items()}
    assert len({one[1][n]["worker"] for n in ORDINARY}) == 1
    # the batch really graded: right and wrong submissions, repaired notebooks included
    # full marks: 14 points (12 until dataset_sizes and flatten_images became exercises, issue 11)
    assert sum(two_workers[0]["reference"].values()) == 14
    assert sum(two_workers[0]["untouched"].values()) == 0
    assert two_workers[0]["malformed_tampered_test_cells"] == two_workers[0]["reference"]


def test_batch_shows_progress_and_logs_each_student(two_workers):
    done = two_workers[2]
    n = len(BATCH)
    assert f"[{n}/{n}] " in done.stderr                       # the progress bar's last state
    log = done.stdout.split("each student's line: ")[1].split()[0]
    lines = Path(log).read_text().splitlines()
    assert {line.split("] ")[1].split(":")[0] for line in lines if line.startswith("[")} == set(BATCH)


@pytest.fixture
def dask_cluster(tmp_path):
    """A `dask scheduler` and two `dask worker` processes (no nanny: the worker is the
    process we start) on localhost, random ports; yields (address, worker pids)."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    info = tmp_path / "scheduler.json"
    common = ["--no-dashboard", "--host", "127.0.0.1"]
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--port", "0", "--scheduler-file",
                               str(info), *common], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)]
    try:
        for i in range(2):
            procs.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", "--scheduler-file", str(info), "--nthreads", "1",
                 "--no-nanny", "--local-directory", str(tmp_path / f"w{i}"), *common],
                env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True))
        from distributed import Client
        deadline = time.monotonic() + 300
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        with Client(scheduler_file=str(info), timeout="120s") as client:
            client.wait_for_workers(2, timeout=300)
            address = client.scheduler.address
        yield address, {p.pid for p in procs[1:]}
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20      # one grace period for all, not one each
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


def test_dask_workers_grade_like_local_workers(template, two_workers, dask_cluster, tmp_path):
    address, worker_pids = dask_cluster
    scores, reports, _ = grade(template, tmp_path / "course", "--scheduler", address)
    assert scores == two_workers[0]
    assert {n: same_report(r) for n, r in reports.items()} == \
           {n: same_report(r) for n, r in two_workers[1].items()}
    # ordinary submissions were graded in the dask workers, not in the instructor's process
    used = {int(reports[n]["worker"].rsplit(":", 1)[1]) for n in ORDINARY}
    assert used <= worker_pids, f"graded by {used}, dask workers are {worker_pids}"


def test_a_sanitized_notebook_that_differs_from_the_started_job_is_run_again():
    """The job key covers the code that runs: a test cell restored by nbgrader's sanitize
    steps after the workers started changes the key, so that submission is run again."""
    import nbformat

    from grader.nbgrader_plugin import code_cells, job_key
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    job = {"files": {"a.ipynb": b"{}", "data.txt": b"1"}, "settings": {"notebook": "a.ipynb"},
           "runs": code_cells(nb)}
    same = {**job, "files": {**job["files"], "a.ipynb": b"{ }"}}   # notebook text only
    nb.cells[0].source = "x = 2"
    changed_code = {**job, "runs": code_cells(nb)}
    changed_file = {**job, "files": {**job["files"], "data.txt": b"2"}}
    assert job_key(same) == job_key(job)
    assert job_key(changed_code) != job_key(job)
    assert job_key(changed_file) != job_key(job)


def test_warm_judge_reports_like_a_judge_process_of_its_own(template, tmp_path):
    """The warm judge (one process, a fork per submission) gives the same report as
    `python -m grader.judge` started for the submission, twice in a row (nothing carried)."""
    from grader import judge, pool, sandbox
    job = sandbox.make_job(A, template / "submitted" / "propagate_sign" / A, tmp_path / "job", seed=7)
    code, err = sandbox.run_job(job, sandbox.Limits(), student="propagate_sign",
                                masked=getattr(judge.spec(A), "MASKED", []))
    assert code == 0, err
    sandbox.copy_out(job, tmp_path / "trusted", ["log.json", "probe/outputs"])
    asked = {"assignment": A, "seed": 7, "absent": {}, "student": "propagate_sign"}
    cold = pool.run_judge(tmp_path / "trusted", asked)
    warm = judge.WarmJudge([A])
    try:
        reports = [pool.run_judge(tmp_path / "trusted", asked, warm) for _ in range(2)]
    finally:
        warm.close()
    assert reports == [cold, cold]
    assert cold["functions"]["propagate"]["passed"] < cold["functions"]["propagate"]["total"]
