"""Grades a batch of submissions with nbgrader and prints a score table.

    python -m grader.batch ASSIGNMENT [--samples [NAME ...]] [--feedback] [--course DIR]
                                  [--workers N | --scheduler ADDRESS] [--student=ID [--service]]
                                  [--SandboxedJudge.cell_timeout=N ...]

--samples  first puts the demo's sample submissions into submitted/ (grader/samples/)
--feedback also writes the feedback HTML (nbgrader generate_feedback) and grades.csv (export)
--workers  worker processes grading the batch on this machine (default: one per core)
--scheduler  grade on the workers of this dask.distributed scheduler instead (tcp://host:8786;
           docs/running_the_course.md, "Grading a big class")
--service  with --student=ID: grade on the course's warm grading service (grader/service.py),
           started if it is not up; a one-student grade uses it whenever it is up
Other options (e.g. --SandboxedJudge.cell_timeout=10) are passed on to nbgrader autograde.

A batch shows a progress bar (rate, time left); each student's line goes to the log file
autograded/<assignment>.log.

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
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

# nbformat's jsonschema would spend 1.3 s building an IRI grammar nbformat never uses
sys.modules.setdefault("rfc3987_syntax", None)

from grader import intake  # noqa: E402
from grader.course import ROOT, use_this_environment  # noqa: E402

PROGRESS_RE = re.compile(r"\[(\d+)/(\d+)\] (.*)")    # SandboxedJudge's line per student


def nbgrader(course, *args, total=None, log=None):
    """Runs `nbgrader ARGS` in `course`, its stderr shown escaped; returns the exit code.
    With `total`, each student's progress line goes to `log` and moves a progress bar."""
    use_this_environment()                       # nbgrader, jupyter and alembic from here
    env = {**os.environ, "NNDL_BATCH_TOTAL": str(total)} if total else None
    proc = subprocess.Popen([sys.executable, "-m", "grader.nbgrader_main", *args], cwd=course,
                            env=env, stderr=subprocess.PIPE)
    bar = progress_bar(total) if total and total > 1 else None
    for raw in iter(lambda: proc.stderr.readline(64 * 1024), b""):
        line = printable(raw.decode("utf-8", "replace").rstrip("\n"))
        step = PROGRESS_RE.fullmatch(line) if total else None
        if step and log is not None:
            log.write(line + "\n")
            log.flush()
        if step and bar is not None:
            bar.update(int(step.group(1)) - bar.n)
        elif bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)
    if bar is not None:
        bar.close()
    return proc.wait()


def progress_bar(total):
    """A tqdm bar on stderr: [k/n], rate and time left."""
    from tqdm import tqdm
    return tqdm(total=total, file=sys.stderr, unit=" submissions", mininterval=0.5,
                bar_format="[{n}/{total}] {bar:25} {rate_fmt}, {elapsed} elapsed, "
                           "{remaining} left")


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


def by_service(argv, course, nbgrader_args, start=False):
    """Runs this whole command (one student: intake, grading, score table) on the course's warm
    grading service (grader/service.py), printing what it printed: its exit code, or None to
    run it here (no service up and `start` not asked, nbgrader options beyond --student given,
    or the service failed or stopped: said why)."""
    from grader import service
    if len(nbgrader_args) != 1:
        return None               # options only a fresh nbgrader process takes
    for attempt in range(2 if start else 1):     # a stale or dead service: started again once
        if not service.running(course):
            if service.paths(course)[1].exists():      # its socket is there, nobody answers
                print("the grading service of this course is not answering (it was stopped "
                      f"or killed); {'starting it again' if start else 'grading without it'}",
                      file=sys.stderr, flush=True)
            if not start:
                return None
            print("starting the grading service (it keeps nbgrader, a sandbox and a judge warm "
                  f"for the next grades; it stops after {service.IDLE_MINUTES} idle minutes)",
                  flush=True)
            if not service.start(course):
                print(f"the grading service did not start (see {service.paths(course)[2]}); "
                      "grading without it", file=sys.stderr)
                return None
        try:
            answer = service.run(course, argv)
            break
        except service.Unavailable as e:
            print(f"{e}; grading {'without it' if attempt or not start else 'again'}",
                  file=sys.stderr, flush=True)
    else:
        return None
    for stream, text in answer["printed"]:
        print(text, end="", file=sys.stderr if stream == "stderr" else sys.stdout, flush=True)
    return answer["code"]


def autograde_here(course, assignment, nbgrader_args, log):
    """`nbgrader autograde` of one student in a fresh process: its exit code."""
    # the score table's gradebook module (SQLAlchemy: 0.5 s) imports while nbgrader runs
    threading.Thread(target=importlib.import_module, args=("nbgrader.api",), daemon=True).start()
    # ERROR level: nbgrader warns about every hidden-test cell's checksum, which drowns
    # the rest; what an instructor must see is printed below from grading_report.json.
    return nbgrader(course, "autograde", assignment, "--force", "--log-level=ERROR",
                    f"--CourseDirectory.submitted_directory={intake.INTAKE}", *nbgrader_args,
                    total=1, log=log)


def main(argv=None, autograde=None):
    """The command; `autograde(course, assignment, nbgrader_args, log)` grades one student
    (default: autograde_here; grader.service passes its warm one)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("assignment")
    ap.add_argument("--samples", nargs="*", metavar="NAME",
                    help="put these canned submissions (default: the demo's) into submitted/")
    ap.add_argument("--feedback", action="store_true")
    ap.add_argument("--course", type=Path, default=ROOT, help="the course folder (default: this one)")
    ap.add_argument("--workers", type=int, default=0,
                    help="worker processes on this machine (default: one per core)")
    ap.add_argument("--scheduler", default="",
                    help="address of a dask.distributed scheduler whose workers grade the batch")
    ap.add_argument("--service", action="store_true",
                    help="one student (--student=ID): grade on the course's warm grading "
                         "service, starting it if it is not up (grader/service.py)")
    args, nbgrader_args = ap.parse_known_args(argv)  # unknown options go to nbgrader autograde
    course, assignment = args.course.resolve(), args.assignment
    one = any(a.startswith("--student") for a in nbgrader_args)
    if one and autograde is None:
        code = by_service(sys.argv[1:] if argv is None else argv, course, nbgrader_args,
                          args.service)
        if code is not None:
            return code
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
    spread = [] if one else [f"--SandboxedJudge.batch_from={course / intake.INTAKE}",
                             f"--SandboxedJudge.workers={args.workers}",
                             f"--SandboxedJudge.scheduler={args.scheduler}"]
    log_path = course / "autograded" / f"{assignment}.log"
    log_path.parent.mkdir(exist_ok=True)
    start = time.perf_counter()
    with open(log_path, "a") as log:
        log.write(f"# {time.strftime('%Y-%m-%d %H:%M:%S')} autograde {assignment}\n")
        if one:
            code = (autograde or autograde_here)(course, assignment, nbgrader_args, log)
        else:
            code = nbgrader(course, "autograde", assignment, "--force", "--log-level=ERROR",
                            f"--CourseDirectory.submitted_directory={intake.INTAKE}", *spread,
                            *nbgrader_args, total=len(graded), log=log)
    took = time.perf_counter() - start
    print("\n" + score_table(course, assignment))
    for line in gate + notes(course, assignment):
        print("look at:", line)
    print(f"\ngraded in {took:.1f} s; each student's line: {log_path}")
    if not one:  # the class report (a one-student regrade stays quick: make report redraws it)
        importlib.import_module("grader.report").main([assignment, f"--course={course}"])
    if args.feedback:
        code = nbgrader(course, "generate_feedback", assignment, "--force",
                        "--log-level=WARN") or code
        code = nbgrader(course, "export", "--to", str(course / "grades.csv"),
                        "--assignment", assignment, "--log-level=WARN") or code
        print(f"\nfeedback: {course / 'feedback'}\ngrades:   {course / 'grades.csv'}")
    return code


if __name__ == "__main__":
    sys.exit(main())
