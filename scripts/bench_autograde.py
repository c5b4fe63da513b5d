"""Benchmark: seconds to autograde one submission and a batch of generated submissions.

    python scripts/bench_autograde.py [--batch 50] [--assignment week2_logistic_regression]

Prints figures; asserts nothing about time (a noisy machine must not fail a build).
"""
import argparse
import importlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' course-copy helpers
from conftest import make_course, nbgrader  # noqa: E402

from grader.samples.build import build  # noqa: E402


def grade(course, assignment):
    """Seconds for `nbgrader autograde` of every submission in the course copy."""
    start = time.perf_counter()
    nbgrader(course, "autograde", assignment, "--force")
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--assignment", default="week2_logistic_regression")
    args = ap.parse_args()
    variants = importlib.import_module(f"grader.samples.{args.assignment}").VARIANTS
    pool = [v for n, v in variants.items() if not n.startswith(("attack", "crash"))]
    with tempfile.TemporaryDirectory() as tmp:
        course = make_course(Path(tmp))
        nbgrader(course, "generate_assignment", args.assignment, "--force")
        build(args.assignment, variants["reference"], course / "submitted" / "one" / args.assignment)
        one = grade(course, args.assignment)
        shutil.rmtree(course / "submitted")
        for i in range(args.batch):
            build(args.assignment, pool[i % len(pool)],
                  course / "submitted" / f"student{i:03d}" / args.assignment)
        batch = grade(course, args.assignment)
    print(f"assignment: {args.assignment}")
    print(f"one submission (reference):     {one:7.1f} s (includes nbgrader start-up)")
    print(f"batch of {args.batch} submissions:       {batch:7.1f} s")
    print(f"per submission in the batch:    {batch / args.batch:7.2f} s")


if __name__ == "__main__":
    main()
