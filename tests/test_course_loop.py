"""The course on one host: release, fetch, submit, collect, grade, feedback, fetch feedback.

Runs nbgrader's own apps on a throw-away course copy (grader.course.make_course) whose exchange
is in the same temporary folder. With root, the students are two real Unix accounts made for
the test, so nbgrader's exchange permissions are what keeps their work apart.
"""
import csv
import grp
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from nbgrader.server_extensions.assignment_list.handlers import AssignmentList

from conftest import make_course, nbgrader
from grader import batch, course_loop
from grader.samples.build import build
from grader.samples.week2_numpy_basics import VARIANTS
from utils.data import DatasetError, load_dataset

A = "week2_numpy_basics"
STUDENTS = ["nndlstudent1", "nndlstudent2"]
ABSENT = "nndlabsent"                     # on the roster, never submits


def new_course(folder):
    """A course copy in folder/course (its exchange: folder/course/exchange)."""
    (folder / "course").mkdir()
    return make_course(folder / "course")


def roster_csv(course, ids):
    """Writes the course's roster.csv for `ids`."""
    lines = ["id,first_name,last_name,email"]
    lines += [f"{s},First {s},Last {s},{s}@example.org" for s in ids]
    (course / "roster.csv").write_text("\n".join(lines) + "\n")


def read_grades(course):
    with (course / "grades.csv").open(newline="") as fh:
        return list(csv.DictReader(fh))


def gradebook_scores(course, assignment):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student_id: s.score for s in gb.assignment_submissions(assignment)}


@pytest.fixture
def shared_tmp():
    """A temporary folder every account can enter (pytest's own tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="nndl-loop-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


# --- the student side: what JupyterLab's Assignment List reads -------------------------------

def test_students_lab_finds_the_course_in_the_exchange(shared_tmp):
    """The lab extension, started in a folder holding the student config, lists the release
    (before: 'The exchange directory does not exist', it looked in /usr/local/share)."""
    course = new_course(shared_tmp)
    nbgrader(course, "generate_assignment", A, "--force")
    course_loop.release(course, [A])
    work = shared_tmp / "work"
    course_loop.write_student_config(work, course_loop.exchange_root(course))
    lister = AssignmentList()
    lister.root_dir = str(work)
    old = os.getcwd()
    os.chdir(work)                  # `make lab` starts JupyterLab in work/
    try:
        listed = lister.list_released_assignments()
    finally:
        os.chdir(old)
    assert listed["success"], listed["value"]
    assert [(a["course_id"], a["assignment_id"]) for a in listed["value"]] == [
        ("nndl-course", A)]


def test_exchange_can_be_moved_by_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(course_loop.EXCHANGE_ENV, str(tmp_path / "elsewhere"))
    assert course_loop.exchange_root(tmp_path / "course") == str(tmp_path / "elsewhere")
    monkeypatch.delenv(course_loop.EXCHANGE_ENV)
    assert course_loop.exchange_root(tmp_path / "course") == str(tmp_path / "course" / "exchange")


# --- clear words for bad input ------------------------------------------------------------

def test_data_folder_without_the_files_names_the_variable(monkeypatch, tmp_path):
    """COURSE_DATA_DIR at an empty folder: the message names the variable and the folder, and
    does not send the student to tools/catgen.py (which writes datasets/, not their folder)."""
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    with pytest.raises(DatasetError) as err:
        load_dataset()
    assert f"COURSE_DATA_DIR is set to {tmp_path}" in str(err.value)
    assert "catgen" not in str(err.value)


def test_answers_and_records_become_private_and_the_students_part_stays_readable(tmp_path):
    """On a shared machine source/, grader/, tests/ and .git hold answers: only the instructor
    may enter them; utils/ and datasets/ (what a student's kernel imports) stay readable."""
    for name in course_loop.ANSWERS + ["utils", "datasets", "submitted"]:
        (tmp_path / name).mkdir()
        (tmp_path / name).chmod(0o755)
    course_loop.protect_records(tmp_path)
    modes = {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()}
    assert modes == {**{n: 0o700 for n in course_loop.ANSWERS + ["submitted"]},
                     "utils": 0o755, "datasets": 0o755}


def test_collect_names_an_unknown_or_unreleased_assignment(shared_tmp):
    with pytest.raises(SystemExit) as err:
        course_loop.main(["collect", "week9_nothing"])
    assert "week9_nothing" in str(err.value) and A in str(err.value)
    with pytest.raises(SystemExit) as err:
        course_loop.collect(new_course(shared_tmp), A)
    assert "never released" in str(err.value) and f"make release A={A}" in str(err.value)


# --- grades.csv ---------------------------------------------------------------------------------

def test_export_marks_missing_and_skips_ungraded(shared_tmp):
    """Three enrolled students, one submission of one assignment: three rows, two "missing";
    the assignment nobody handed in has no rows (nbgrader's CSV gave 6 rows, 5 false zeros)."""
    course = new_course(shared_tmp)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "nndl-course") as gb:
        for a in ["w1", "w2"]:
            gb.add_assignment(a)
        for s in ["s1", "s2", "s3"]:
            gb.add_student(s, first_name=s.upper())
        gb.add_submission("w1", "s1")
    nbgrader(course, "export", "--to", str(course / "grades.csv"))
    rows = read_grades(course)
    assert [(r["assignment"], r["student_id"], r["status"], r["score"]) for r in rows] == [
        ("w1", "s1", "graded", "0.0"), ("w1", "s2", "missing", ""), ("w1", "s3", "missing", "")]


# --- the whole loop ---------------------------------------------------------------------------

def test_course_loop_with_real_accounts(shared_tmp):
    """Instructor releases; two students (real accounts when root) fetch and submit; a third
    id submits without being enrolled; the instructor collects, grades, releases feedback;
    each student fetches only their own feedback; grades.csv agrees with the gradebook."""
    accounts = StudentAccounts(shared_tmp) if os.geteuid() == 0 else None
    students = STUDENTS if accounts else [pwd.getpwuid(os.getuid()).pw_name]
    course = new_course(shared_tmp)
    roster_csv(course, students + [ABSENT])
    nbgrader(course, "generate_assignment", A, "--force")
    course_loop.release(course, [A])
    exchange = Path(course_loop.exchange_root(course))
    try:
        homes = {}
        for s, variant in zip(students, ["reference", "untouched"]):
            homes[s] = accounts.home(s) if accounts else shared_tmp / "home"
            give(course_loop.write_student_config(homes[s], exchange), s if accounts else None)
            run_as(accounts, s, homes[s], "fetch_assignment", A)
            hand_in(homes[s] / A, variant, s if accounts else None)
            run_as(accounts, s, homes[s], "submit", A)
        stranger_home = shared_tmp / "stranger"
        course_loop.write_student_config(stranger_home, exchange)
        (stranger_home / "nbgrader_config.py").open("a").write(
            'c.CourseDirectory.student_id = "notenrolled"\n')
        shutil.copytree(homes[students[0]] / A, stranger_home / A)
        subprocess.run(["nbgrader", "submit", A], cwd=stranger_home, check=True,
                       capture_output=True, env={**os.environ, "HOME": str(stranger_home)})

        if accounts:        # the exchange's inbound/ is writable, not listable
            assert accounts.cannot_read(STUDENTS[1], exchange / "nndl-course" / "inbound")

        assert course_loop.collect(course, A) == ["notenrolled"]
        assert batch.main([A, "--course", str(course), "--feedback"]) != 0   # the stranger
        released = course_loop.release_feedback(course, A)
        assert sorted(released) == sorted(students)
        if accounts:        # nor the instructor's records of the others, nor the solutions
            for record in course_loop.RECORDS + ["source"]:
                assert accounts.cannot_read(STUDENTS[1], course / record), record
            solution = next((course / "source" / A).glob("*.ipynb"))
            assert accounts.cannot_read(STUDENTS[1], solution)
        scores = gradebook_scores(course, A)
        assert scores == {students[0]: 9.0, **({STUDENTS[1]: 0.0} if accounts else {})}

        rows = read_grades(course)
        assert {r["student_id"]: (r["status"], r["score"]) for r in rows} == {
            **{s: ("graded", str(scores[s])) for s in students}, ABSENT: ("missing", "")}
        assert {r["assignment"] for r in rows} == {A}

        pages = {}
        for s in students:
            run_as(accounts, s, homes[s], "fetch_feedback", A)
            html = list((homes[s] / A / "feedback").glob(f"*/{A}.html"))
            assert len(html) == 1, f"{s} should get exactly their feedback, got {html}"
            pages[s] = html[0].read_bytes()
            assert pages[s] == (course / "feedback" / s / A / f"{A}.html").read_bytes()
        assert len(set(pages.values())) == len(students)     # full marks and zero differ
    finally:
        if accounts:
            accounts.remove()


def hand_in(folder, variant, owner):
    """The student's work: the canned submission `variant` written over the fetched notebook."""
    build(A, VARIANTS[variant], folder)
    give(folder, owner)


def give(path, owner):
    """Makes `path` (and what is in it) belong to the account `owner`, when there is one."""
    if owner:
        group = grp.getgrgid(pwd.getpwnam(owner).pw_gid).gr_name
        for p in [path, *(path.rglob("*") if path.is_dir() else [])]:
            shutil.chown(p, owner, group)


def run_as(accounts, student, home, command, assignment):
    """Runs `nbgrader COMMAND ASSIGNMENT` in the student's home, as them when there are accounts."""
    args = [str(Path(sys.executable).parent / "nbgrader"), command, assignment]
    if accounts:
        done = accounts.run(student, home, args)
    else:
        done = subprocess.run(args, cwd=home, capture_output=True, text=True,
                              env={**os.environ, "HOME": str(home)})
    assert done.returncode == 0, f"{student}: {' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done


class StudentAccounts:
    """Real Unix accounts for the test's students, removed afterwards (root only)."""

    def __init__(self, tmp):
        if not shutil.which("useradd") or not shutil.which("setpriv"):
            pytest.skip("needs useradd and setpriv (util-linux) to make student accounts")
        self.made = []
        for s in STUDENTS:
            try:
                pwd.getpwnam(s)
            except KeyError:
                subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", s], check=True)
                self.made.append(s)

    def home(self, student):
        return Path(pwd.getpwnam(student).pw_dir)

    def run(self, student, cwd, args):
        """`args` as `student` (real uid/gid, their HOME and USER), in `cwd`."""
        drop = ["setpriv", f"--reuid={student}", f"--regid={student}", "--init-groups",
                "--reset-env", "--"]
        return subprocess.run(reachable_python() + drop + list(args), cwd=cwd,
                              capture_output=True, text=True)

    def cannot_read(self, student, path):
        """True if `student` gets "permission denied" listing the folder or reading the file."""
        peek = (f"import os; p = {str(path)!r}; "
                "os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read()")
        done = self.run(student, "/", [sys.executable, "-c", peek])
        return done.returncode != 0 and "PermissionError" in done.stderr

    def remove(self):
        for s in self.made:
            subprocess.run(["userdel", "--remove", s], capture_output=True)


def reachable_python():
    """A prefix that lets other accounts run this Python: nothing when they can already reach
    it; else (e.g. a pyenv Python under /root, 0700) a bubblewrap mount namespace in which the
    folder they cannot enter is an empty tmpfs holding only the interpreter and the venv."""
    needed = [Path(sys.base_prefix), Path(sys.prefix)]
    blocked = {course_loop.blocked_for_others(p): p for p in needed}
    blocked.pop(None, None)
    if not blocked:
        return []
    if not shutil.which("bwrap"):
        pytest.skip(f"other accounts cannot reach this Python ({list(blocked)}) and "
                    "bubblewrap is missing to lend it to them")
    wrap = ["bwrap", "--bind", "/", "/", "--dev-bind", "/dev", "/dev", "--proc", "/proc",
            "--cap-add", "ALL"]
    for folder in blocked:
        wrap += ["--tmpfs", str(folder)]
    for path in needed:
        if course_loop.blocked_for_others(path):
            wrap += ["--ro-bind", str(path), str(path)]
    return wrap + ["--"]
