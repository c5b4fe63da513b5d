"""Benchmark: seconds to execute each source notebook, and to autograde one reference submission.

    python scripts/bench_notebooks.py [ASSIGNMENT ...] [--no-execute] [--no-grade]

For every assignment (default: every folder of source/ holding its notebook) it prints
- the wall time of executing source/A/A.ipynb top to bottom with nbclient, in a temporary copy
  of its folder (all cells, including the long `skip-autograde` ones), and its slowest cells;
- for assignments with canned submissions (grader/samples/A.py), the wall time of grading the
  `reference` submission alone in a temporary course (grader.course.make_course)
  with `python -m grader.batch A --course DIR --samples reference`, nbgrader start-up included.

Prints figures; asserts nothing about time (a noisy machine must not fail a build).
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from grader.course import ASSIGNMENTS, ROOT, make_course, nbgrader
from grader.instructor import for_kernels


def _cell_seconds(cell):
    """Seconds a cell took, from the timestamps nbclient records, or None."""
    timing = cell.get("metadata", {}).get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not start or not end:
        return None
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return (parse(end) - parse(start)).total_seconds()


def execute(assignment):
    """(seconds, number of error outputs, [(seconds, cell name)] slowest first)."""
    src = ROOT / "source" / assignment
    with tempfile.TemporaryDirectory(prefix="nndl-bench-") as tmp:
        work = Path(tmp) / assignment
        shutil.copytree(src, work)
        nb = nbformat.read(work / f"{assignment}.ipynb", as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=1800, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(work)}}).execute()
        seconds = time.perf_counter() - start
    errors = sum(o.output_type == "error" for c in nb.cells if c.cell_type == "code"
                 for o in c.outputs)
    cells = [(_cell_seconds(c), c.metadata.get("nbgrader", {}).get("grade_id", f"cell {i}"))
             for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    return seconds, errors, sorted((s, n) for s, n in cells if s is not None)[::-1]


def grade_reference(assignment):
    """(seconds, return code, score table) of grading the reference submission alone."""
    with tempfile.TemporaryDirectory(prefix="nndl-bench-") as tmp:
        course = make_course(Path(tmp))
        nbgrader(course, "generate_assignment", assignment, "--force")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "grader.batch", assignment, "--course",
                               str(course), "--samples", "reference"], cwd=ROOT,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
    table = [line for line in done.stdout.splitlines() if line.startswith("reference")]
    return seconds, done.returncode, table


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("assignments", nargs="*", help="default: every assignment in source/")
    ap.add_argument("--no-execute", action="store_true", help="skip executing the notebooks")
    ap.add_argument("--no-grade", action="store_true", help="skip grading the references")
    args = ap.parse_args()
    for_kernels()          # the source notebooks run their hidden checks, as an instructor's do
    for a in args.assignments or ASSIGNMENTS:
        print(f"== {a}", flush=True)
        if not args.no_execute:
            seconds, errors, slowest = execute(a)
            print(f"execute source notebook:       {seconds:7.1f} s   ({errors} error outputs)")
            for s, name in slowest[:3]:
                print(f"    {s:7.1f} s  {name}")
        if not args.no_grade and (ROOT / "grader" / "samples" / f"{a}.py").exists():
            seconds, code, table = grade_reference(a)
            score = table[0].split(None, 1)[1] if table else "no score"
            print(f"grade the reference submission: {seconds:7.1f} s   (exit {code}, {score})")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
