"""Grades a batch of submissions with nbgrader and prints a score table.

    python -m grader.batch ASSIGNMENT [--samples [NAME ...]] [--feedback] [--course DIR]
                                  [--SandboxedJudge.cell_timeout=N ...]

--samples  first puts the demo's sample submissions into submitted/ (grader/samples/)
--feedback also writes the feedback HTML (nbgrader generate_feedback) and grades.csv (export)
Other options (e.g. --SandboxedJudge.cell_timeout=10) are passed on to nbgrader autograde.

Every submission first goes through the intake gate (grader/intake.py): submitted/ is copied,
regular files only, into intake/, and nbgrader grades intake/, never submitted/. A notebook
that is not valid JSON is kept (intake/<student>/<a>/handed-in/<name>.broken) and replaced by
a notebook holding the code that could be recovered from it, so its student is graded on what
can be found and flagged for a look; nothing is lost and the batch goes on.

Everything printed that came from a submission (ids, file names, notes), and nbgrader's own
output, has its control characters escaped.
"""
import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

from grader import intake
from grader.course import ROOT, use_this_environment


def nbgrader(course, *args, total=None):
    """Runs `nbgrader ARGS` in `course`, its stderr shown escaped; returns the exit code."""
    use_this_environment()                       # nbgrader, jupyter and alembic from here
    env = {**os.environ, "NNDL_BATCH_TOTAL": str(total)} if total else None
    proc = subprocess.Popen(["nbgrader", *args], cwd=course, env=env, stderr=subprocess.PIPE)
    for line in iter(lambda: proc.stderr.readline(64 * 1024), b""):
        print(printable(line.decode("utf-8", "replace").rstrip("\n")), file=sys.stderr, flush=True)
    return proc.wait()


def printable(text, limit=2000):
    """`text` with every control or invisible character escaped (\\x1b, \\n, \\u202e), cut to
    `limit` characters: what a submission wrote cannot move the cursor or start a line."""
    text = str(text)
    cut = "..." if len(text) > limit else ""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text[:limit]) + cut


def who(student, folder):
    """A student as shown on the console: the id escaped, and its intake folder if renamed."""
    return printable(student) + (f" (as {folder})" if folder and folder != student else "")


def usage_error(course, assignment):
    """One line saying why `assignment` cannot be graded in `course` and what to do, or None."""
    known = sorted(p.parent.name for p in course.glob("source/*/*.ipynb")
                   if p.stem == p.parent.name)
    if assignment not in known:
        return (f"unknown assignment '{printable(assignment)}': this course has "
                f"{', '.join(known) or 'none'}; e.g. make grade A={(known or ['...'])[0]}")
    if not (course / "release" / assignment / f"{assignment}.ipynb").is_file() or \
            not (course / "gradebook.db").is_file():
        return f"{assignment} is not in the gradebook yet: run make release first"
    return None


def put_samples(course, assignment, names):
    """Writes the named canned submissions (grader/samples/) into course/submitted/."""
    from grader.samples.build import build
    variants = importlib.import_module(f"grader.samples.{assignment}").VARIANTS
    for name in names:
        build(assignment, variants[name], course / "submitted" / name / assignment)


def take_in(course, assignment):
    """Runs the intake gate, then the recovery of damaged notebooks; returns the Taken list."""
    taken = intake.take_in(course, assignment)
    for one in taken:
        for name in one.notebooks:
            line = intake.recover_damaged(course / intake.INTAKE / one.folder / assignment, name)
            if line:
                one.lines.append(line)
    return taken


def print_protections():
    """Says, before grading, which protections this machine gives, loudly if one is missing."""
    from grader.sandbox import protections
    for what, (ok, note) in protections().items():
        print(f"sandbox: {what}: {'ok' if ok else 'NOT AVAILABLE - ' + note}")
        if not ok:
            print(f"WARNING: grading without {what}", file=sys.stderr)


def score_table(course, assignment):
    import warnings

    from nbgrader.api import Gradebook   # slow to import: not needed for a usage error
    warnings.filterwarnings("ignore", module="nbgrader.api")  # nbgrader's own SQLAlchemy noise
    ids, rows = intake.read_ids(course), []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(assignment):
            rows.append((who(ids.get(sub.student_id, sub.student_id), sub.student_id),
                         sub.score, sub.max_score))
    width = max([len(r[0]) for r in rows] + [7])
    lines = [f"{'student':<{width}}  score", "-" * (width + 14)]
    lines += [f"{s:<{width}}  {score:5.2f} / {mx:g}" for s, score, mx in sorted(rows)]
    return "\n".join(lines)


def notes(course, assignment):
    """'student: note' lines, escaped, from the grading reports of this assignment."""
    ids, out = intake.read_ids(course), []
    for report in sorted((course / "autograded").glob(f"*/{assignment}/grading_report.json")):
        folder = report.parts[-3]
        try:
            found = json.loads(intake.read_regular(str(report), limit=10 * 1024 ** 2))["notes"]
        except (intake.Refused, ValueError, KeyError, TypeError):
            found = ["its grading report is missing or damaged"]
        out += [f"{who(ids.get(folder, folder), folder)}: {printable(n)}" for n in found]
    return out


def student_args(nbgrader_args, taken):
    """nbgrader's options, with a --student=ID given as handed in turned into its folder."""
    folders = {one.student: one.folder for one in taken if one.folder}
    return [f"--student={folders.get(a[10:], a[10:])}" if a.startswith("--student=") else a
            for a in nbgrader_args]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("assignment")
    ap.add_argument("--samples", nargs="*", metavar="NAME",
                    help="put these canned submissions (default: the demo's) into submitted/")
    ap.add_argument("--feedback", action="store_true")
    ap.add_argument("--course", type=Path, default=ROOT, help="the course folder (default: this one)")
    args, nbgrader_args = ap.parse_known_args(argv)  # unknown options go to nbgrader autograde
    course, assignment = args.course.resolve(), args.assignment
    problem = usage_error(course, assignment)
    if problem:
        print(f"ERROR: {problem}", file=sys.stderr)
        return 2
    if args.samples is not None:
        module = importlib.import_module(f"grader.samples.{assignment}")
        put_samples(course, assignment, args.samples or module.DEMO)
    taken = take_in(course, assignment)
    gate = [f"{who(t.student, t.folder)}: {printable(line)}" for t in taken for line in t.lines]
    graded = [t for t in taken if t.notebooks]
    if not graded:
        print("".join(f"look at: {line}\n" for line in gate), end="")
        print(f"ERROR: no submissions of {assignment} to grade (expected submitted/<student>/"
              f"{assignment}/{assignment}.ipynb): collect them first (make collect "
              f"A={assignment}, or nbgrader zip_collect) or copy them there", file=sys.stderr)
        return 1
    print_protections()
    nbgrader_args = student_args(nbgrader_args, taken)
    total = None if any(a.startswith("--student") for a in nbgrader_args) else len(graded)
    # ERROR level: nbgrader warns about every hidden-test cell's checksum, which drowns the
    # rest; what an instructor must see is printed below from grading_report.json.
    code = nbgrader(course, "autograde", assignment, "--force", "--log-level=ERROR",
                    f"--CourseDirectory.submitted_directory={intake.INTAKE}",
                    *nbgrader_args, total=total)
    print("\n" + score_table(course, assignment))
    for line in gate + notes(course, assignment):
        print("look at:", line)
    if args.feedback:
        code = nbgrader(course, "generate_feedback", assignment, "--force",
                        "--log-level=WARN") or code
        code = nbgrader(course, "export", "--to", str(course / "grades.csv"),
                        "--assignment", assignment, "--log-level=WARN") or code
        print(f"\nfeedback: {course / 'feedback'}\ngrades:   {course / 'grades.csv'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
