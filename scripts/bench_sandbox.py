"""Seconds per job of the sandboxed run: a throw-away sandbox per job (`run_job`, with the
Jupyter-kernel runner or the warm runner) against one warm sandbox serving every job.

    .venv/bin/python scripts/bench_sandbox.py [--jobs 10] [--assignment week2_logistic_regression]

Every job runs the canned reference submission (grader/samples). Prints wall seconds per job,
for the warm sandbox also CPU seconds per job (the job's processes and its supervisor: what a
busy machine does not inflate), and whether every run
recorded the same probe results as the kernel runner. The warm sandbox runs twice: figures not
drawn (as the kernel runner, MPLBACKEND=Agg), figures as PNG outputs (`figures=True`), and
figures not drawn with the cells that only draw a diagram (`utils.diagrams`) tagged
skip-autograde, to show what they cost.
"""
import argparse
import importlib
import tempfile
import time
from pathlib import Path

import nbformat
import numpy as np

from grader import judge, sandbox
from grader.samples import build


def _jobs(assignment, root, n, skip_diagrams=False):
    variants = importlib.import_module(f"grader.samples.{assignment}").VARIANTS
    build.build(assignment, variants["reference"], root / "submission")
    if skip_diagrams:
        path = root / "submission" / f"{assignment}.ipynb"
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if "utils.diagrams" in cell.source:
                cell.metadata.setdefault("tags", []).append("skip-autograde")
        nbformat.write(nb, path)
    return [sandbox.make_job(assignment, root / "submission", root / f"job{i}") for i in range(n)]


def _same(a, b):
    try:
        np.testing.assert_equal(a, b)
        return bool(a)
    except AssertionError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10)
    parser.add_argument("--cold-jobs", type=int, default=3)
    parser.add_argument("--assignment", default="week2_logistic_regression")
    args = parser.parse_args()
    masked = getattr(judge.spec(args.assignment), "MASKED", [])
    rows = []
    with tempfile.TemporaryDirectory(prefix="nndl-bench-") as tmp:
        tmp = Path(tmp)
        for engine in ("kernel", "warm"):
            jobs = _jobs(args.assignment, tmp / f"cold-{engine}", args.cold_jobs)
            wall = time.perf_counter()
            for job in jobs:
                sandbox.run_job(job, masked=masked, engine=engine)
            rows.append((f"cold run_job, {engine} runner", jobs, time.perf_counter() - wall, None))
        for figures, skip in ((False, False), (True, False), (False, True)):
            jobs = _jobs(args.assignment, tmp / f"warm-{figures}-{skip}", args.jobs, skip)
            wall = time.perf_counter()
            box = sandbox.WarmSandbox(masked=masked, figures=figures)
            box.start()
            started, cpu = time.perf_counter(), 0
            for job in jobs:
                box.run(job)
                cpu += box.cpu_seconds
            rows.append((f"warm sandbox, figures {'as PNG' if figures else 'not drawn'}"
                         + (", diagram cells skipped" if skip else ""), jobs,
                         time.perf_counter() - started, cpu))
            box.close()
            print(f"warm sandbox start-up: {started - wall:.2f} s")
        reference = sandbox.recorded(rows[0][1][0])
        print(f"{args.assignment}, seconds per job:")
        for what, js, seconds, cpu in rows:
            same = all(_same(reference, sandbox.recorded(j)) for j in js)
            print(f"  {what:52s} {seconds / len(js):6.2f} s/job wall"
                  + (f", {cpu / len(js):5.2f} s/job CPU" if cpu is not None else "")
                  + f"  ({len(js)} jobs; probe results "
                  f"{'identical to' if same else 'DIFFERENT from'} the kernel runner's)")


if __name__ == "__main__":
    main()
