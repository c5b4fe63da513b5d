"""The intake gate (grader/intake.py) and what grader.batch does with it: a test per hole a
hostile submission opened before it existed, and a randomized intake fuzz.

Most tests call the gate directly on a course copy (no grading); one batch run through
`python -m grader.batch` proves the end-to-end effect on week 2 numpy basics.
"""
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from conftest import ROOT, make_course, nbgrader
from grader import batch, intake
from grader.samples.build import build
from grader.samples.week2_numpy_basics import VARIANTS

A = "week2_numpy_basics"
NB = f"{A}.ipynb"
# "source": [ then 80 strings with two spaces between them and no closing bracket: the old
# salvage expression tried about 3**80 ways to split the spaces (424 bytes in all).
HANG = '{"cells": [{"cell_type": "code", "source": [' + '"x"  ' * 80 + "\n"
HANG_GUARD = 1800   # seconds: only keeps a hanging grader from hanging the test run forever


def new_course(tmp_path):
    """A course copy (config, source/, release/), no gradebook: enough for the gate."""
    (tmp_path / "course").mkdir()
    return make_course(tmp_path / "course")


@pytest.fixture
def course(tmp_path):
    return new_course(tmp_path)


def submission(course, student, assignment=A):
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    return folder


def intake_bytes(course):
    """Every file the gate wrote, as one byte string (to look for leaked content)."""
    return b"".join(p.read_bytes() for p in sorted((course / "intake").rglob("*")) if p.is_file())


def by_student(taken):
    return {t.student: t for t in taken}


# --- links ------------------------------------------------------------------------------------------

def test_notebook_linked_to_source_or_classmate_is_not_taken(course):
    ok = submission(course, "alice")
    ok.joinpath(NB).write_bytes((course / "release" / A / NB).read_bytes())
    os.symlink(course / "source" / A / NB, submission(course, "mallory") / NB)
    os.symlink(ok / NB, submission(course, "eve") / NB)
    taken = by_student(intake.take_in(course, A))
    assert taken["alice"].notebooks == [NB] and taken["alice"].lines == []
    for who in ("mallory", "eve"):
        assert taken[who].notebooks == []
        assert f"{NB} is a link: not taken" in taken[who].lines
    assert b"BEGIN SOLUTION" not in intake_bytes(course)


def test_extra_files_linked_to_reference_or_gradebook_are_not_taken(course):
    (course / "gradebook.db").write_bytes(b"SCORES OF EVERY STUDENT")
    folder = submission(course, "mallory")
    folder.joinpath(NB).write_bytes((course / "release" / A / NB).read_bytes())
    os.symlink(ROOT / "grader" / "reference" / f"{A}.py", folder / "helpers.py")
    os.symlink(course / "gradebook.db", folder / "grades.db")
    os.link(course / "gradebook.db", folder / "hard.db")                 # a hard link too
    lines = by_student(intake.take_in(course, A))["mallory"].lines
    assert "helpers.py is a link: not taken" in lines
    assert "grades.db is a link: not taken" in lines
    assert "hard.db is a hard link to another file: not taken" in lines
    copied = intake_bytes(course)
    assert b"SCORES OF EVERY STUDENT" not in copied
    assert (ROOT / "grader" / "reference" / f"{A}.py").read_bytes()[:200] not in copied


def test_dev_zero_pipe_dangling_link_and_folder_posing_as_notebook_end(course):
    folder = submission(course, "mallory")
    folder.joinpath(NB).write_bytes((course / "release" / A / NB).read_bytes())
    os.symlink("/dev/zero", folder / "zeros.npy")
    os.mkfifo(folder / "pipe.txt")
    os.symlink(course / "nowhere", folder / "dangling.py")
    (folder / "old_version.ipynb").mkdir()
    (folder / "old_version.ipynb" / "notes.txt").write_text("draft")
    one = by_student(intake.take_in(course, A))["mallory"]
    assert one.notebooks == [NB]
    assert {"zeros.npy is a link: not taken", "pipe.txt is a named pipe: not taken",
            "dangling.py is a link: not taken"} <= set(one.lines)
    assert any(line.startswith("old_version.ipynb/notes.txt is not part") for line in one.lines)
    taken_dir = course / "intake" / "mallory" / A
    assert sorted(p.name for p in taken_dir.glob("*.ipynb")) == [NB]


def test_student_folder_that_is_a_link_is_not_taken(course):
    folder = submission(course, "alice")
    folder.joinpath(NB).write_bytes((course / "release" / A / NB).read_bytes())
    os.symlink(course / "submitted" / "alice", course / "submitted" / "mallory")
    taken = by_student(intake.take_in(course, A))
    assert taken["mallory"].folder is None
    assert taken["mallory"].lines == ["the folder submitted/mallory is a link: not taken"]


def test_timestamp_is_kept_only_when_nbgrader_can_read_it(course):
    """nbgrader collect writes timestamp.txt; a bad one would stop autograde for everyone."""
    for student, stamp in (("alice", "2026-11-20 10:00:00.000000 UTC"), ("mallory", "soon")):
        folder = submission(course, student)
        folder.joinpath(NB).write_bytes((course / "release" / A / NB).read_bytes())
        folder.joinpath("timestamp.txt").write_text(stamp)
    taken = by_student(intake.take_in(course, A))
    assert taken["alice"].lines == []
    assert (course / "intake" / "alice" / A / "timestamp.txt").read_text().startswith("2026")
    assert taken["mallory"].lines == ["timestamp.txt is not a time nbgrader can read: put aside "
                                      "in handed-in/, out of the notebook's reach"]


def test_sandbox_copy_takes_regular_files_and_leaves_out_handed_in(tmp_path):
    """SandboxedJudge._files reads the graded folder with intake.regular_files."""
    src = tmp_path / "graded"
    (src / "images").mkdir(parents=True)
    (src / "images" / "cat.png").write_bytes(b"png")
    (src / intake.EXTRAS).mkdir()
    (src / intake.EXTRAS / "utils.py").write_text("shadow")
    os.symlink("/etc/passwd", src / "passwd")
    os.mkfifo(src / "pipe")
    lines = []
    taken = dict(intake.regular_files(src, intake.CAPS, lines, [intake.EXTRAS]))
    assert taken == {"images/cat.png": b"png"}
    assert lines == ["passwd is a link: not taken", "pipe is a named pipe: not taken"]


# --- writes after the gate ----------------------------------------------------------------------------

def test_broken_copy_and_recovered_notebook_never_write_through_a_link(course):
    """Today's code wrote `A.ipynb.broken` and the recovered notebook through links placed
    under those names (nbgrader_config.py became the student's text)."""
    config = (course / "nbgrader_config.py").read_bytes()
    victim = course / "victim.txt"
    victim.write_text("{ not json")
    folder = submission(course, "mallory")
    folder.joinpath(NB).write_text('{"cells": [{"cell_type": "code", "source": ["x = 1"]}, oops')
    os.symlink(course / "nbgrader_config.py", folder / f"{NB}.broken")
    os.symlink(victim, submission(course, "trudy") / NB)
    batch.take_in(course, A)
    assert (course / "nbgrader_config.py").read_bytes() == config
    assert victim.read_text() == "{ not json"
    taken = course / "intake" / "mallory" / A
    assert (taken / intake.EXTRAS / f"{NB}.broken").read_text().endswith("oops")
    assert [c.source for c in nbformat.read(taken / NB, as_version=4).cells] == ["x = 1"]


def test_write_new_refuses_an_existing_link(tmp_path):
    target = tmp_path / "target"
    target.write_text("kept")
    os.symlink(target, tmp_path / "link")
    with pytest.raises(FileExistsError):
        intake.write_new(tmp_path / "link", b"overwritten")
    assert target.read_text() == "kept"


# --- damaged notebooks -----------------------------------------------------------------------------

def test_damaged_notebook_cannot_hang_the_salvage():
    """The 424-byte notebook on which the old expression backtracks exponentially. Run in a
    subprocess with a very generous guard: the assertion is that it ends at all."""
    code = ("import sys; from grader.intake import salvage_code; "
            "print(salvage_code(sys.stdin.read()))")
    done = subprocess.run([sys.executable, "-c", code], input=HANG, capture_output=True,
                          text=True, timeout=HANG_GUARD, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "['x']", done.stderr


def test_salvage_finds_code_cells_in_a_damaged_notebook():
    nb = nbformat.read(ROOT / "release" / A / NB, as_version=4)
    text = nbformat.writes(nb)
    expected = [c.source for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert intake.salvage_code(text) == expected                  # no markdown, all code
    half = intake.salvage_code(text[: len(text) // 2])            # cut inside a cell
    assert len(half) > 3 and half[:-1] == expected[: len(half) - 1]
    assert intake.salvage_code('{"source": "a\\"b", "source": ["c", "d"') == ['a"b', "cd"]


# --- ids ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("student", ["Doe, Jane [1024]", "*", "..x", "a b\nlook at: c", "ünï"])
def test_any_student_id_gets_a_safe_folder(course, student):
    folder = submission(course, student)
    folder.joinpath(NB).write_bytes((course / "release" / A / NB).read_bytes())
    build(A, VARIANTS["untouched"], course / "submitted" / "alice" / A)
    taken = by_student(intake.take_in(course, A))
    safe = taken[student].folder
    assert intake.SAFE_ID.fullmatch(safe) and safe != student
    assert taken["alice"].folder == "alice"                      # safe ids keep their name
    assert intake.read_ids(course) == {safe: student}
    assert sorted(p.parent.name for p in (course / "intake").glob(f"*/{A}")) == sorted(
        ["alice", safe])                                           # "*" matched nothing else


# --- shipped files and shadowing ----------------------------------------------------------------------

def test_shipped_files_come_from_release_and_extras_are_out_of_import_reach(tmp_path):
    course = new_course(tmp_path)
    a = "week4_deep_nn_application"
    folder = submission(course, "mallory", a)
    folder.joinpath(f"{a}.ipynb").write_bytes((course / "release" / a / f"{a}.ipynb").read_bytes())
    (folder / "dnn_blocks.py").write_text("def L_model_forward(*a): return 'cheat'\n")
    (folder / "utils.py").write_text("raise ImportError('shadowed')\n")
    one = by_student(intake.take_in(course, a))["mallory"]
    taken = course / "intake" / "mallory" / a
    assert (taken / "dnn_blocks.py").read_bytes() == (course / "release" / a / "dnn_blocks.py").read_bytes()
    assert not (taken / "utils.py").exists()
    assert (taken / intake.EXTRAS / "utils.py").exists()          # kept for a person to look at
    assert len(one.lines) == 2 and all("put aside in handed-in/" in x for x in one.lines)


# --- the console ---------------------------------------------------------------------------------------

def test_notes_are_printed_without_control_characters(tmp_path):
    report = tmp_path / "autograded" / "mallory" / A / "grading_report.json"
    report.parent.mkdir(parents=True)
    forged = "ok\x1b[2K\r\nlook at: bob: full marks\u202e"
    report.write_text(json.dumps({"notes": [forged]}))
    shown = batch.notes(tmp_path, A)
    assert len(shown) == 1 and shown[0].startswith("mallory: ok")
    assert all(c.isprintable() for c in shown[0]), shown
    assert "\\x1b[2K\\r\\nlook at" in shown[0]


# --- end to end through python -m grader.batch ---------------------------------------------------------

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One batch over hostile and ordinary submissions, after one with none:
    (course, run, scores by student id as handed in, the run with no submissions)."""
    course = make_course(tmp_path_factory.mktemp("intake-batch"))
    nbgrader(course, "generate_assignment", A, "--force")
    run = [sys.executable, "-m", "grader.batch", A, "--course", str(course)]
    empty = subprocess.run(run, capture_output=True, text=True, timeout=HANG_GUARD)
    sub = course / "submitted"
    for student in ("Doe, Jane [1024]", "odd_files"):
        build(A, VARIANTS["reference"], sub / student / A)
    build(A, VARIANTS["untouched"], sub / "*" / A)
    odd = sub / "odd_files" / A
    (odd / "utils.py").write_text("raise ImportError('shadowed')\n")   # shadows the package
    os.mkfifo(odd / "pipe")
    os.symlink(course / "nowhere", odd / "dangling")
    (odd / "old_version.ipynb").mkdir()
    (odd / "old_version.ipynb" / NB).write_text("{}")
    os.symlink(course / "source" / A / NB, submission(course, "linked_source") / NB)
    os.symlink(sub / "Doe, Jane [1024]" / A / NB, submission(course, "linked_classmate") / NB)
    damaged = submission(course, "damaged")
    damaged.joinpath(NB).write_text(HANG)
    os.symlink(course / "nbgrader_config.py", damaged / f"{NB}.broken")
    submission(course, "forger\x1b[2K\rlook at: bob")                 # nothing handed in
    config = (course / "nbgrader_config.py").read_bytes()
    done = subprocess.run(run, capture_output=True, text=True, timeout=HANG_GUARD)
    assert (course / "nbgrader_config.py").read_bytes() == config
    ids = intake.read_ids(course)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {ids.get(s.student_id, s.student_id): s.score
                  for s in gb.assignment_submissions(A)}
    return course, done, scores, empty


def test_batch_grades_everyone_it_can_and_nothing_else(graded):
    course, done, scores, _ = graded
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert scores == {"Doe, Jane [1024]": 9, "odd_files": 9, "*": 0, "damaged": 0}, scores
    out = done.stdout
    for line in (f"linked_source: {NB} is a link: not taken",
                 f"linked_classmate: {NB} is a link: not taken",
                 "odd_files: pipe is a named pipe: not taken",
                 "odd_files: utils.py is not part of the assignment",
                 "damaged: notebook was damaged"):
        assert f"look at: {line}" in out, line
    assert f"Doe, Jane [1024] (as {intake.safe_folder('Doe, Jane [1024]')})" in out


def test_batch_console_shows_only_printable_text(graded):
    out = graded[1].stdout + graded[1].stderr
    assert "\x1b" not in out and "\r" not in out
    assert not any(line.startswith("look at: bob") for line in out.splitlines())
    assert "look at: forger\\x1b[2K\\rlook at: bob (as " in out


def test_batch_says_in_one_line_what_is_wrong(graded, tmp_path):
    unknown = subprocess.run([sys.executable, "-m", "grader.batch", "week9_nope", "--course",
                              str(new_course(tmp_path))], capture_output=True, text=True)
    for done, words in ((unknown, "unknown assignment 'week9_nope'"),
                        (graded[3], f"no submissions of {A} to grade")):
        assert done.returncode != 0
        assert done.stderr.count("\n") == 1 and words in done.stderr, done.stderr
        assert "Did you mean" not in done.stdout + done.stderr


# --- randomized intake fuzz ----------------------------------------------------------------------------

FUZZ_CAPS = intake.Caps(file_bytes=256 * 1024, total_bytes=512 * 1024, entries=30, depth=3)
ODD_NAMES = ["Doe, Jane [1024]", "*", "?", "[ab]", "..", ".hidden", "new\nline", "tab\there",
             "ünïcödé", "日本", "a" * 200, "-rf", "x y", "esc\x1b[2J", "back\\slash", "$HOME"]


def _fuzz_tree(rng, folder, outside, canary, notebook):
    """Fills one submission folder at random; returns True if it is well formed (only a
    readable notebook in it)."""
    odd = False
    kind = rng.choice(["notebook"] * 5 + ["link", "broken", "pipe", "folder", "huge", "missing"])
    if kind == "notebook":
        folder.joinpath(NB).write_bytes(notebook)
    elif kind == "link":
        os.symlink(rng.choice([canary, outside, "/dev/zero", outside / "nowhere"]), folder / NB)
    elif kind == "broken":
        folder.joinpath(NB).write_bytes(notebook[: rng.randrange(len(notebook))])
    elif kind == "pipe":
        os.mkfifo(folder / NB)
    elif kind == "folder":
        (folder / NB).mkdir()
    elif kind == "huge":
        with open(folder / NB, "wb") as fh:
            fh.truncate(10 * 1024 ** 3)                       # sparse: 10 GB declared
    odd = kind != "notebook"
    for i in range(rng.choice([0, 0, 0, 1, 3, 40])):
        _fuzz_extra(rng, folder, outside, canary, i)
        odd = True                                    # every extra is worth a line
    return not odd


def _fuzz_extra(rng, folder, outside, canary, i):
    """Adds the extra entry number i, maybe in nested folders."""
    depth = rng.choice([0, 0, 1, 5])
    where = folder.joinpath(*[f"d{rng.randrange(3)}" for _ in range(depth)])
    where.mkdir(parents=True, exist_ok=True)
    target = where / (rng.choice(ODD_NAMES)[:100] + str(i) + rng.choice(["", ".py", ".ipynb"]))
    kind = rng.choice(["empty", "file", "link", "hardlink", "pipe", "dirlink"])
    if kind == "empty":
        target.touch()
    elif kind == "file":
        target.write_bytes(os.urandom(rng.randrange(1, 4096)))
    elif kind == "link":
        os.symlink(rng.choice([canary, "/dev/zero", "/etc/passwd", outside / "nowhere"]), target)
    elif kind == "hardlink":
        os.link(canary, target)
    elif kind == "pipe":
        os.mkfifo(target)
    else:
        os.symlink(outside, target)


def _snapshot(*folders, skip=None):
    """{path: (kind, size, bytes or None)} of everything below `folders`, links not followed."""
    out = {}
    for top in folders:
        for dirpath, dirs, files in os.walk(top):
            if skip and Path(dirpath) == skip.parent:
                dirs[:] = [d for d in dirs if d != skip.name]
            for name in dirs + files:
                p = Path(dirpath, name)
                st = p.lstat()
                small = p.is_file() and not p.is_symlink() and st.st_size < 1024 ** 2
                out[str(p)] = (st.st_mode, st.st_size, st.st_mtime_ns,
                               p.read_bytes() if small else None)
    return out


@pytest.mark.parametrize("seed", range(3))
def test_intake_fuzz(tmp_path, seed):
    rng = random.Random(seed)
    course = new_course(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    marker = f"CANARY-{seed}-{rng.random()}".encode()
    canary = outside / "canary.py"
    canary.write_bytes(marker)
    notebook = (course / "release" / A / NB).read_bytes()
    expected = {}
    for k in range(15):
        student = rng.choice(ODD_NAMES + ["alice", "bob", "s_1.x"]) + f"{k}"
        folder = submission(course, student)
        expected[student] = _fuzz_tree(rng, folder, outside, canary, notebook)
    before = _snapshot(course, outside, skip=course / "intake")
    taken = intake.take_in(course, A, FUZZ_CAPS)
    for one in taken:
        if one.notebooks:
            line = intake.recover_damaged(course / "intake" / one.folder / A, NB, FUZZ_CAPS)
            one.lines += [line] if line else []
    assert _snapshot(course, outside, skip=course / "intake") == before    # nothing else written
    got = by_student(taken)
    assert set(got) == set(expected)
    for student, well_formed in expected.items():
        one = got[student]
        assert intake.SAFE_ID.fullmatch(one.folder)
        if well_formed:
            assert one.notebooks == [NB] and one.lines == [], (student, one.lines)
            assert (course / "intake" / one.folder / A / NB).read_bytes() == notebook
        else:
            assert one.lines, f"{student!r} was not flagged"
    assert len({one.folder for one in taken}) == len(taken)
    assert marker not in intake_bytes(course)
    for p in (course / "intake").rglob("*"):
        assert not p.is_symlink() and (p.is_dir() or p.is_file()), p
