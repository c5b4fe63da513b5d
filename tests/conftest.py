"""Shared fixtures: a throw-away copy of the course, so tests never touch the real one."""
import json
import os

import nbformat
import pytest

from grader.course import ASSIGNMENTS as ALL_ASSIGNMENTS
from grader.course import ROOT, make_course, nbgrader, use_this_environment
from grader.instructor import for_kernels
from grader.samples.build import build

# NNDL_ONLY=week3_planar_classification,... runs the per-assignment tests for those only.
ONLY = [a for a in os.environ.get("NNDL_ONLY", "").split(",") if a]
assert set(ONLY) <= set(ALL_ASSIGNMENTS), f"NNDL_ONLY names unknown assignments: {ONLY}"
ASSIGNMENTS = [a for a in ALL_ASSIGNMENTS if a in ONLY] if ONLY else ALL_ASSIGNMENTS

__all__ = ["ALL_ASSIGNMENTS", "ASSIGNMENTS", "ROOT", "make_course", "nbgrader"]
# nbgrader, jupyter and alembic must come from this environment, however pytest was started.
use_this_environment()
# `make test` runs three test workers and the batches start grading workers of their own: a
# notebook kernel with a BLAS thread per core on top of that fights them for the cores (the
# week 4 application's run took 280 s instead of 181 s next to one other run). One thread each.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
# The source notebooks the tests run show each hidden check's verdict at once, as for an
# instructor; the sandbox gives submissions an environment of its own.
for_kernels()


def canned_course(folder, assignment, variants, names):
    """A course copy in `folder` with `assignment` generated and the canned submissions `names`
    (of `variants`, grader/samples/<assignment>.py) in submitted/, ready to grade."""
    course = make_course(folder)
    nbgrader(course, "generate_assignment", assignment, "--force")
    for name in names:
        build(assignment, variants[name], course / "submitted" / name / assignment)
    return course


@pytest.fixture(scope="session")
def built_course(tmp_path_factory):
    """A course copy with release/ regenerated from source/ (and the gradebook filled)."""
    course = make_course(tmp_path_factory.mktemp("course"))
    for a in ASSIGNMENTS:
        nbgrader(course, "generate_assignment", a, "--force")
    return course


def small_job(folder, cells, functions=(), **settings):
    """A job folder for the sandbox (grader/sandbox.py): notebook n.ipynb of code `cells`, one
    input case (x = 1) per function; `settings` override job.json's."""
    from grader.sandbox import Limits
    from utils import plaindata
    job = folder / "job"
    (job / "submission").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, job / "submission" / "n.ipynb")
    for name in functions:
        (job / "probe" / "inputs" / name).mkdir(parents=True)
        plaindata.save({"args": [1], "kwargs": {}}, job / "probe" / "inputs" / name / "case00")
    (job / "probe" / "outputs").mkdir(parents=True)
    # 10 s: a hang guard far above what these small cells and functions need
    limits = Limits(cell_timeout=10, probe_timeout=10, max_restarts=2, wall_timeout=300)
    (job / "job.json").write_text(json.dumps({
        "notebook": "n.ipynb", "skip_tag": "skip-autograde", "functions": list(functions),
        **limits.runner_settings(), **settings}))
    return job
