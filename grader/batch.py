"""Grades a batch of submissions with nbgrader and prints a score table.

    python -m grader.batch ASSIGNMENT [--samples [NAME ...]] [--feedback] [--course DIR]
                                  [--SandboxedJudge.cell_timeout=N ...]

--samples  first puts the demo's sample submissions into submitted/ (grader/samples/)
--feedback also writes the feedback HTML (nbgrader generate_feedback) and grades.csv (export)
Other options (e.g. --SandboxedJudge.cell_timeout=10) are passed on to nbgrader autograde.

A notebook that is not valid JSON is kept as it was (renamed *.ipynb.broken) and replaced by a
notebook holding the code that could be recovered from it, so its student is graded on what
can be found and flagged for a look; nothing is lost and the batch goes on.
"""
import argparse
import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from grader.course import ROOT, use_this_environment


def nbgrader(course, *args, total=None):
    """Runs `nbgrader ARGS` in `course` with its output shown; returns the exit code."""
    use_this_environment()                       # nbgrader, jupyter and alembic from here
    env = {**os.environ, "NNDL_BATCH_TOTAL": str(total)} if total else None
    return subprocess.run(["nbgrader", *args], cwd=course, env=env).returncode


def count_submissions(course, assignment, nbgrader_args):
    """How many submissions autograde will see (None when --student narrows it down)."""
    if any(a.startswith("--student") for a in nbgrader_args):
        return None
    return len([p for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir()])


def put_samples(course, assignment, names):
    """Writes the named canned submissions (grader/samples/) into course/submitted/."""
    from grader.samples.build import build
    variants = importlib.import_module(f"grader.samples.{assignment}").VARIANTS
    for name in names:
        build(assignment, variants[name], course / "submitted" / name / assignment)


def recover_broken(course, assignment):
    """Replaces unreadable submitted notebooks by what can be recovered; returns the students."""
    flagged = []
    for path in sorted((course / "submitted").glob(f"*/{assignment}/*.ipynb")):
        try:
            nbformat.read(path, as_version=4)
            continue
        except Exception:
            pass
        raw = path.read_bytes()
        path.with_suffix(".ipynb.broken").write_bytes(raw)
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(src) for src in _salvage_code(raw.decode("utf-8", "replace"))]
        nbformat.write(nb, path)
        flagged.append(path.parts[-3])
        print(f"WARNING: {path} is not a readable notebook; graded on the code recovered from it "
              f"(the original is kept as {path.name}.broken)", file=sys.stderr)
    return flagged


def _salvage_code(text):
    """Sources of code cells found in a damaged .ipynb text (JSON string arrays)."""
    sources = []
    for m in re.finditer(r'"source"\s*:\s*(\[(?:\s*"(?:[^"\\]|\\.)*"\s*,?)*\s*\])', text):
        try:
            sources.append("".join(json.loads(m.group(1))))
        except ValueError:
            continue
    return [s for s in sources if s.strip()]


def print_protections():
    """Says, before grading, which protections this machine gives, loudly if one is missing."""
    from grader.sandbox import protections
    for what, (ok, note) in protections().items():
        print(f"sandbox: {what}: {'ok' if ok else 'NOT AVAILABLE - ' + note}")
        if not ok:
            print(f"WARNING: grading without {what}", file=sys.stderr)


def score_table(course, assignment):
    import warnings
    warnings.filterwarnings("ignore", module="nbgrader.api")  # nbgrader's own SQLAlchemy noise
    rows = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(assignment):
            rows.append((sub.student_id, sub.score, sub.max_score))
    width = max([len(r[0]) for r in rows] + [7])
    lines = [f"{'student':<{width}}  score", "-" * (width + 14)]
    lines += [f"{s:<{width}}  {score:5.2f} / {mx:g}" for s, score, mx in sorted(rows)]
    return "\n".join(lines)


def notes(course, assignment):
    out = []
    for report in sorted((course / "autograded").glob(f"*/{assignment}/grading_report.json")):
        for note in json.loads(report.read_text()).get("notes", []):
            out.append(f"{report.parts[-3]}: {note}")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("assignment")
    ap.add_argument("--samples", nargs="*", metavar="NAME",
                    help="put these canned submissions (default: the demo's) into submitted/")
    ap.add_argument("--feedback", action="store_true")
    ap.add_argument("--course", type=Path, default=ROOT, help="the course folder (default: this one)")
    args, nbgrader_args = ap.parse_known_args(argv)  # unknown options go to nbgrader autograde
    course = args.course.resolve()
    if args.samples is not None:
        module = importlib.import_module(f"grader.samples.{args.assignment}")
        put_samples(course, args.assignment, args.samples or module.DEMO)
    print_protections()
    flagged = recover_broken(course, args.assignment)
    # ERROR level: nbgrader warns about every hidden-test cell's checksum, which drowns the
    # rest; what an instructor must see is printed below from grading_report.json.
    code = nbgrader(course, "autograde", args.assignment, "--force", "--log-level=ERROR",
                    *nbgrader_args, total=count_submissions(course, args.assignment, nbgrader_args))
    print("\n" + score_table(course, args.assignment))
    for line in notes(course, args.assignment) + [f"{s}: notebook was damaged; look at it"
                                                   for s in flagged]:
        print("look at:", line)
    if args.feedback:
        code = nbgrader(course, "generate_feedback", args.assignment, "--force",
                        "--log-level=WARN") or code
        code = nbgrader(course, "export", "--to", str(course / "grades.csv"),
                        "--log-level=WARN") or code
        print(f"\nfeedback: {course / 'feedback'}\ngrades:   {course / 'grades.csv'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
