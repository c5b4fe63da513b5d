"""The hidden checks at once, for an instructor running a `source/` notebook.

A hidden test cell calls `utils.grading.probe("propagate", propagate)`. Shipped code never
imports `grader/`, so the instructor side hands `utils.grading` the function that judges on the
spot (`verdict`), in one of three ways:

- the environment: NNDL_VERDICT=grader.instructor:verdict (`for_kernels()` sets it for the
  tests and scripts/bench_notebooks.py; export it before starting JupyterLab on `source/`);
- as an IPython extension: `%load_ext grader.instructor` in the kernel, or
  `c.InteractiveShellApp.extensions = ["grader.instructor"]` in your IPython profile;
- from Python: `grader.instructor.install()`.

Without it, `probe` only says that the hidden checks run at grading time.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from utils import grading

HOOK = "grader.instructor:verdict"       # the value of NNDL_VERDICT that names `verdict`


def verdict(name, func):
    """Runs the hidden checks of `name` on `func` now (the notebook's folder names the
    assignment), prints the verdict, raises AssertionError with its messages if a check fails."""
    from grader import judge
    from utils.quiz import student_id     # the quizzes' numbers are drawn from it
    assignment = Path.cwd().name
    with tempfile.TemporaryDirectory(prefix="nndl-probe-") as tmp:
        judge.write_inputs(assignment, tmp, seed=0, only=[name])
        grading.record(name, tmp)
        cmd = [sys.executable, "-m", "grader.judge", assignment, tmp, "--seed", "0",
               "--only", name, "--report", os.path.join(tmp, "report.json"),
               "--student", student_id()]
        subprocess.run(cmd, check=True, capture_output=True, cwd=str(judge.GRADER_DIR.parent))
        report = json.loads(Path(tmp, "report.json").read_text())
    found = report["functions"][name]
    print(found["summary"])
    if found["passed"] < found["total"]:
        raise AssertionError("\n".join(found["messages"]))


def for_kernels():
    """Kernels this process starts from now on (nbclient, jupyter) judge at once."""
    os.environ.setdefault(grading.VERDICT_ENV, HOOK)


def install():
    """Makes `probe` in this process judge at once."""
    grading.set_verdict(verdict)


def load_ipython_extension(ipython):
    """`%load_ext grader.instructor`."""
    install()
