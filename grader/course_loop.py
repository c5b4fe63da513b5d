"""The glue around nbgrader's exchange for a course on one host (`make release/collect/feedback`).

    python -m grader.course_loop release [ASSIGNMENT ...]   release_assignment (default: all)
    python -m grader.course_loop collect ASSIGNMENT          collect, then name ids not enrolled
    python -m grader.course_loop release-feedback ASSIGNMENT
    python -m grader.course_loop roster                      import roster.csv into the gradebook
    python -m grader.course_loop student-config FOLDER [--exchange DIR]
    python -m grader.course_loop protect                     records and answers private to the instructor

Everything here runs nbgrader's own apps (release_assignment, collect, release_feedback,
db student import); this module only decides what to run and says what happened.
"""
import argparse
import csv
import os
import stat
import sys
from pathlib import Path

from grader.course import ASSIGNMENTS, ROOT, nbgrader

COURSE_ID = "nndl-course"
EXCHANGE_ENV = "NNDL_EXCHANGE"
ROSTER = "roster.csv"
RECORDS = ["gradebook.db", "submitted", "intake", "autograded", "feedback", "reports", "grades.csv",
           ROSTER]
# What holds answers or hidden checks: the solutions (source/), the judge and its references
# (grader/), the tests' canned submissions and the history of all of them (.git). Students'
# kernels need only .venv, utils/ and datasets/, which stay readable.
ANSWERS = ["source", "grader", "tests", ".git"]
VALIDATE_TIMEOUT = 1800     # seconds a cell for Validate: week 4 training on a slow laptop
STUDENT_CONFIG = '''# The student side of nndl-course: where nbgrader's Assignment List finds the course.
# Written by `{made_by}`; not used for grading.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {exchange!r}
c.Execute.timeout = {timeout}   # Validate runs every cell, training included
'''


def exchange_root(course=ROOT):
    """The exchange folder: $NNDL_EXCHANGE when set, else `exchange/` in the course folder."""
    return os.environ.get(EXCHANGE_ENV) or str(Path(course) / "exchange")


def write_student_config(folder, exchange=None, made_by="make lab"):
    """Writes FOLDER/nbgrader_config.py, the config a student's JupyterLab needs; returns it."""
    path = Path(folder) / "nbgrader_config.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(STUDENT_CONFIG.format(made_by=made_by, course_id=COURSE_ID,
                                          exchange=str(exchange or exchange_root()),
                                          timeout=VALIDATE_TIMEOUT))
    return path


def blocked_for_others(path):
    """The first folder on the way to `path` that other accounts cannot enter, or None."""
    for folder in [*reversed(Path(path).resolve().parents), Path(path).resolve()]:
        if folder.exists() and not os.stat(folder).st_mode & stat.S_IXOTH:
            return folder
    return None


def roster_ids(course=ROOT):
    """Student ids in the course's roster.csv, or None when there is no roster."""
    path = Path(course) / ROSTER
    if not path.exists():
        return None
    with path.open(newline="") as fh:
        return {row["id"].strip() for row in csv.DictReader(fh) if row.get("id", "").strip()}


def import_roster(course=ROOT):
    """Imports roster.csv into the gradebook (nbgrader db student import); False if none."""
    path = Path(course) / ROSTER
    if not path.exists():
        return False
    ids = roster_ids(course)
    if not ids:
        raise SystemExit(f"{path} lists no students: it needs a header line "
                         "'id,first_name,last_name,email' and one line per student")
    nbgrader(course, "db", "student", "import", str(path))
    print(f"roster: {len(ids)} students enrolled from {path}")
    return True


def protect_records(course=ROOT):
    """Makes the instructor's records (grades, submissions, feedback, roster) and what holds
    answers (ANSWERS) private to them: on a shared machine the course folder is readable (its
    environment, utils/ and datasets/), the solutions and the students' records are not."""
    for name in RECORDS + ANSWERS:
        path = Path(course) / name
        if path.exists():
            path.chmod(0o700 if path.is_dir() else 0o600)


def release(course=ROOT, assignments=ASSIGNMENTS):
    """Puts release/<a> of each assignment into the exchange; says where and for whom."""
    import_roster(course)
    protect_records(course)
    for a in assignments:
        nbgrader(course, "release_assignment", a, "--force")
    exchange = exchange_root(course)
    print(f"released {', '.join(assignments)} to the exchange {exchange} (course {COURSE_ID})")
    reach = [("exchange", exchange, f"{EXCHANGE_ENV}=/srv/nbgrader/exchange make release"),
             ("course environment", sys.prefix, "a clone in /srv"),
             ("Python the environment runs", sys.base_prefix,
              "rm -rf .venv && make setup PYTHON=/usr/bin/python3")]
    for what, path, fix in reach:
        blocked = blocked_for_others(path)
        if blocked:
            print(f"note: other accounts cannot enter {blocked}, so they cannot use the {what} "
                  f"at {path}: fine for one account; for several, {fix} "
                  "(docs/running_the_course.md)")


def collect(course=ROOT, assignment=None):
    """nbgrader collect; returns the collected ids that are not on the roster (reported)."""
    import_roster(course)
    exchange = Path(exchange_root(course))
    if not (exchange / COURSE_ID / "outbound" / assignment).is_dir():
        raise SystemExit(f"nothing to collect: {assignment} was never released to the exchange "
                         f"{exchange}; run `make release A={assignment}` first (or set "
                         f"{EXCHANGE_ENV} to the exchange you released it to)")
    done = nbgrader(course, "collect", "--update", assignment, check=False)
    if done.returncode != 0:
        raise SystemExit(f"nbgrader collect {assignment} failed:\n{done.stdout}{done.stderr}")
    protect_records(course)
    submitted = sorted(p.parent.name for p in (Path(course) / "submitted").glob(f"*/{assignment}"))
    print(f"collected: {len(submitted)} submissions of {assignment} in {course / 'submitted'}")
    enrolled = roster_ids(course)
    strangers = [s for s in submitted if enrolled is not None and s not in enrolled]
    for s in strangers:
        print(f"not enrolled: {s!r} submitted {assignment} but is not in {ROSTER}; the "
              f"submission is kept in submitted/{s}/ and will not be graded. If {s} belongs "
              f"to the course, add a line to {ROSTER}, then run make collect and make grade again")
    return strangers


def release_feedback(course=ROOT, assignment=None):
    """nbgrader release_feedback for the submissions that came through the exchange."""
    protect_records(course)
    feedback = sorted((Path(course) / "feedback").glob(f"*/{assignment}"))
    exchanged = [f.parent.name for f in feedback if (f / "submission_secret.txt").exists()]
    others = [f.parent.name for f in feedback if f.parent.name not in exchanged]
    if not exchanged:
        print(f"release_feedback: no feedback of {assignment} came through the exchange; "
              f"nothing to release (the HTML is in {course / 'feedback'})")
        return []
    args = ["release_feedback", assignment]
    if others:       # put in submitted/ by hand: no secret, so no way to give it back
        args.append(f"--CourseDirectory.student_id_exclude={','.join(others)}")
    nbgrader(course, *args)
    print(f"feedback released to {len(exchanged)} students: they click Fetch Feedback")
    return exchanged


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["release", "collect", "release-feedback", "roster",
                                        "student-config", "protect"])
    ap.add_argument("names", nargs="*", help="assignments (or the folder for student-config)")
    ap.add_argument("--exchange", help="student-config: the exchange folder to point at")
    args = ap.parse_args(argv)
    unknown = [a for a in args.names if a not in ASSIGNMENTS]
    if args.command in ("collect", "release-feedback", "release") and unknown:
        raise SystemExit(f"no assignment {unknown[0]!r}; choose one of: {', '.join(ASSIGNMENTS)}")
    if args.command == "release":
        release(ROOT, args.names or ASSIGNMENTS)
    elif args.command == "roster":
        if not import_roster(ROOT):
            raise SystemExit(f"no {ROOT / ROSTER}: copy roster.example.csv to {ROSTER} and put "
                             "one line per student (id = their login name)")
    elif args.command == "protect":
        protect_records(ROOT)
    elif args.command == "student-config":
        print(write_student_config(args.names[0], args.exchange, made_by="make release"))
    else:
        for a in args.names:
            (collect if args.command == "collect" else release_feedback)(ROOT, a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
