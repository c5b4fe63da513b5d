"""Benchmark: seconds to autograde one submission and a batch of generated submissions.

    python scripts/bench_autograde.py [--batch 50] [--assignment week2_logistic_regression]

Prints figures; asserts nothing about time (a noisy machine must not fail a build).
"""
import argparse
import importlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.course import make_course, nbgrader

from grader.samples.build import build


def grade(course, assignment):
    """Seconds to autograde every submission in the course copy (`python -m grader.batch`,
    which runs nbgrader autograde and prints the score table)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "grader.batch", assignment, "--course",
                           str(course)], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"grading failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--assignment", default="week2_logistic_regression")
    args = ap.parse_args()
    variants = importlib.import_module(f"grader.samples.{args.assignment}").VARIANTS
    # ordinary work, right or wrong: no attacks, crashes or damaged notebooks
    pool = [v for n, v in variants.items() if not n.startswith(("attack", "crash", "malformed"))]
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
