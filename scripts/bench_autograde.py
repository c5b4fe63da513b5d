"""Benchmark: seconds per submission, this project against stock `nbgrader autograde`.

    python scripts/bench_autograde.py [--batch 12] [--assignments a,b] [--workers N]
                                      [--no-cold-judge]

For each assignment, in the same run and on the same generated submissions (ordinary work,
right or wrong; no attacks, crashes or hanging functions):
- ours: `python -m grader.batch` on N workers (default: one per core) and on 1 worker (the
  speed-up), and on N workers with a new judge process per submission (the warm judge's gain);
- stock: `nbgrader autograde` in a course with nbgrader's default configuration (its Execute
  step, no sandbox, no judge: the hidden test cells check in the kernel), on the same
  notebooks without the cells the grader skips (`skip-autograde`: the training cells);
- one submission graded end to end (`make grade A=... --student=x`, i.e. grader.batch
  --student) on the warm grading service (started and warmed by one grade first) and without
  it, and `nbgrader autograde --student x`, in the courses graded just before.
Seconds per submission = the batch's wall time (nbgrader's start-up included) / its size;
CPU per submission = the CPU seconds of the batch's whole process tree (this process is their
subreaper, so even a warm judge or sandbox left to end on its own is waited for and counted;
kernel time included) / its size, which a busy machine does not inflate
as it does wall time. Prints figures; asserts nothing about time (a noisy machine must not fail a build).
"""
import argparse
import ctypes
import importlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from grader.course import ASSIGNMENTS, make_course, nbgrader, use_this_environment
from grader.samples.build import build

SKIP_TAG = "skip-autograde"
STOCK_CONFIG = "c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = 'nndl-course'\n"


def ordinary(assignment):
    """The canned submissions that are ordinary work (no attacks, crashes, hangs)."""
    variants = importlib.import_module(f"grader.samples.{assignment}").VARIANTS
    return [v for n, v in variants.items()
            if not n.startswith(("attack", "crash", "malformed")) and "sleep" not in n
            and "hang" not in n]


def generated(tmp, assignment):
    """A course in tmp with `assignment` generated (release/ and the gradebook), made once."""
    course = Path(tmp, f"{assignment}-generated")
    if not course.is_dir():
        course.mkdir(parents=True)
        make_course(course)
        nbgrader(course, "generate_assignment", assignment, "--force")
    return course


def prepare(folder, assignment, n, stock=False):
    """A course in `folder` with n submissions; stock: nbgrader's default configuration and
    the notebooks without their skip-autograde cells."""
    course = Path(shutil.copytree(generated(folder.parent, assignment), folder))
    if stock:
        (course / "nbgrader_config.py").write_text(STOCK_CONFIG)
    pool = ordinary(assignment)
    for i in range(n):
        dest = course / "submitted" / f"student{i:03d}" / assignment
        build(assignment, pool[i % len(pool)], dest)
        if stock:
            path = dest / f"{assignment}.ipynb"
            nb = nbformat.read(path, as_version=4)
            nb.cells = [c for c in nb.cells if SKIP_TAG not in c.metadata.get("tags", [])]
            nbformat.write(nb, path)
    return course


def adopt_orphans():
    """Makes this process the subreaper of its descendants (Linux): a process whose parent
    ended before it is reparented here, and its CPU counts in RUSAGE_CHILDREN once waited for."""
    ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)     # PR_SET_CHILD_SUBREAPER


def reap_orphans(quiet=1.0):
    """Waits for the adopted descendants that end within `quiet` seconds of the last one."""
    idle = time.monotonic() + quiet
    while time.monotonic() < idle:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid:
            idle = time.monotonic() + quiet
        else:
            time.sleep(0.05)


def children_cpu():
    """CPU seconds (user + system) of this process's children waited for so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(cmd, course, cpu=None):
    """Wall seconds of `cmd` run in `course` (its process tree's CPU seconds added to
    cpu[0], if given); stops the benchmark if it fails."""
    start, used = time.perf_counter(), children_cpu()
    done = subprocess.run(cmd, cwd=course, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if cpu is not None:
        reap_orphans()
        cpu[0] += children_cpu() - used
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds


def ours(course, assignment, *options, cpu=None):
    return timed([sys.executable, "-m", "grader.batch", assignment, "--course", str(course),
                  *options], course, cpu)


def stock(course, assignment, *options, cpu=None):
    return timed(["nbgrader", "autograde", assignment, "--force", "--log-level=ERROR",
                  *options], course, cpu)


def served_single(course, assignment, n):
    """Seconds of one submission graded end to end on the warm grading service
    (grader/service.py): started, warmed by a first grade, then a second student timed."""
    timed([sys.executable, "-m", "grader.service", "start", "--course", str(course),
           "--assignment", assignment], course)
    log = course / ".grader-service" / "service.log"
    try:
        ours(course, assignment, "--student=student000")
        seconds = ours(course, assignment, f"--student=student{min(1, n - 1):03d}")
        # nan if the service stopped (grader/ or utils/ edited meanwhile) and it ran without
        return seconds if log.read_text().count(" ran [") == 2 else float("nan")
    finally:
        timed([sys.executable, "-m", "grader.service", "stop", "--course", str(course)], course)


def judge_seconds(course, assignment):
    """Mean seconds the judge took per submission, from the grading reports."""
    reports = (course / "autograded").glob(f"*/{assignment}/grading_report.json")
    return statistics.mean(json.loads(p.read_text())["seconds"]["judge"] for p in reports)


def bench(assignment, n, workers, tmp, cold=True):
    """The figures of one assignment (cold: also with a new judge process per submission)."""
    fig = {"cold": float("nan"), "judge_cold": float("nan")}
    runs = [("many", ["--workers", str(workers)]), ("one", ["--workers", "1"])]
    runs += [("cold", ["--workers", str(workers), "--SandboxedJudge.warm_judge=False"])] if cold else []
    for name, options in runs:
        course = prepare(Path(tmp, f"{assignment}-{name}"), assignment, n)
        cpu = [0.0]
        fig[name] = ours(course, assignment, *options, cpu=cpu) / n
        fig[f"cpu_{name}"] = cpu[0] / n
        fig[f"judge_{name}"] = judge_seconds(course, assignment)
        if name == "many":
            fig["single"] = ours(course, assignment, "--student=student000")
            fig["served"] = served_single(course, assignment, n)
    course = prepare(Path(tmp, f"{assignment}-stock"), assignment, n, stock=True)
    cpu = [0.0]
    fig["stock"] = stock(course, assignment, cpu=cpu) / n
    fig["cpu_stock"] = cpu[0] / n
    fig["stock_single"] = stock(course, assignment, "--student=student000")
    return fig


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=12)
    ap.add_argument("--assignments", default=",".join(ASSIGNMENTS))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-cold-judge", action="store_true",
                    help="skip the batch with a new judge process per submission")
    args = ap.parse_args()
    use_this_environment()
    adopt_orphans()
    n, w = args.batch, args.workers
    print(f"batch of {n} submissions, {w} workers, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}; seconds per submission (nbgrader start-up included)")
    head = (f"{'assignment':<28} {'ours':>6} {'stock':>6} {'x stock':>7} | {'1 worker':>8} "
            f"{'speed-up':>8} | {'CPU ours':>8} {'stock':>6} | {'one: service':>12} {'ours':>6} {'stock':>6} | "
            f"{'judge warm':>10} {'cold':>5}")
    print(head + "\n" + "-" * len(head), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for a in args.assignments.split(","):
            f = bench(a, n, w, tmp, cold=not args.no_cold_judge)
            print(f"{a:<28} {f['many']:6.2f} {f['stock']:6.2f} {f['stock'] / f['many']:6.1f}x | "
                  f"{f['one']:8.2f} {f['one'] / f['many']:7.1f}x | {f['cpu_many']:8.2f} "
                  f"{f['cpu_stock']:6.2f} | {f['served']:11.1f}s "
                  f"{f['single']:5.1f}s {f['stock_single']:5.1f}s | {f['judge_many']:9.2f}s "
                  f"{f['judge_cold']:4.2f}s  (load {os.getloadavg()[0]:.1f})", flush=True)
    print(f"(ours: grader.batch on {w} workers; 1 worker: the same on one; x stock and speed-up: "
          "ratios of seconds per submission; CPU: CPU seconds per submission of the whole batch, "
          "all its processes; one: a single submission end to end, --student, on "
          "the warm grading service (grader/service.py), without it, and stock; "
          "judge: mean seconds per submission, warm judge and a new judge process each)")


if __name__ == "__main__":
    main()
