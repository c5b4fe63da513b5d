"""The course's faster nbgrader steps (grader/nbgrader_plugin.py) do what nbgrader's own do:
OverwriteCellsAtOnce puts back the same cells as OverwriteCells, reading the gradebook as it is
now (a test cell the instructor changed between two notebooks of one process), and
SaveAutoGradesAtOnce writes the same scores, review flags and comments as SaveAutoGrades;
grader/nbgrader_main.py's shortcuts refuse and make what nbgrader does."""
import copy
import shutil

import jsonschema
import nbformat
import pytest
from nbgrader import api
from nbgrader.api import Gradebook
from nbgrader.nbgraderformat import common
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3
from nbgrader.preprocessors import OverwriteCells, SaveAutoGrades
from nbgrader.utils import compute_checksum
from sqlalchemy import text

from grader import nbgrader_main
from grader.nbgrader_plugin import OverwriteCellsAtOnce, SaveAutoGradesAtOnce

STUDENTS = ("s1", "s2")


def _cell(kind, source, name, **flags):
    """A code or markdown cell with nbgrader metadata (schema 3) and its checksum."""
    new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = new(source)
    cell.metadata["nbgrader"] = {"grade_id": name, "grade": False, "solution": False,
                                 "locked": False, "task": False, "schema_version": 3, **flags}
    cell.metadata.nbgrader["checksum"] = compute_checksum(cell)
    return cell


def released():
    """The released notebook: an answer cell, two locked test cells, a locked intro, a task."""
    return nbformat.v4.new_notebook(cells=[
        _cell("markdown", "# Intro", "intro", locked=True),
        _cell("code", "def f(x):\n    raise NotImplementedError", "answer", solution=True),
        _cell("code", "assert f(1) == 2", "test_f", grade=True, locked=True, points=2),
        _cell("code", "assert f(2) == 4", "test_g", grade=True, locked=True, points=3),
        _cell("markdown", "Describe f.", "task_f", task=True, points=1),
        nbformat.v4.new_code_cell("print('plain cell')"),
    ])


def record(gb, nb, assignment="a1", notebook="nb"):
    """Writes nb's nbgrader cells into the gradebook, as generate_assignment would."""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if not meta:
            continue
        name = meta["grade_id"]
        gb.update_or_create_source_cell(name, notebook, assignment, cell_type=cell.cell_type,
                                        locked=meta["locked"], source=cell.source,
                                        checksum=meta["checksum"])
        if meta["grade"]:
            gb.update_or_create_grade_cell(name, notebook, assignment, max_score=meta["points"],
                                           cell_type=cell.cell_type)
        if meta["solution"]:
            gb.update_or_create_solution_cell(name, notebook, assignment)
        if meta["task"]:
            gb.update_or_create_task_cell(name, notebook, assignment, max_score=meta["points"],
                                          cell_type=cell.cell_type)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A gradebook holding assignment a1 (notebook nb) and a submission of each student (made
    once: a new gradebook runs `alembic` in a process of its own)."""
    path = tmp_path_factory.mktemp("template") / "gradebook.db"
    with Gradebook(f"sqlite:///{path}") as gb:
        gb.add_assignment("a1")
        gb.add_notebook("nb", "a1")
        record(gb, released())
        for student in STUDENTS:
            gb.add_student(student)
            gb.add_submission("a1", student)
    return path


@pytest.fixture
def gradebook(template, tmp_path):
    """The URL of a copy of the template gradebook."""
    shutil.copy(template, tmp_path / "gradebook.db")
    return f"sqlite:///{tmp_path / 'gradebook.db'}"


def resources(url, student="s1"):
    return {"nbgrader": {"notebook": "nb", "assignment": "a1", "student": student,
                         "db_url": url}}


def tampered():
    """A submission whose test cells were edited (source, points, lock), the intro made a code
    cell, and a cell with a grade id the gradebook does not know."""
    nb = released()
    nb.cells[1].source = "def f(x):\n    return 2 * x"
    nb.cells[2].source = "pass  # the test was deleted"
    nb.cells[3].metadata.nbgrader.update(points=30, locked=False)
    nb.cells[0] = nbformat.v4.new_code_cell(nb.cells[0].source, metadata=nb.cells[0].metadata)
    nb.cells.append(_cell("code", "x = 1", "not_released"))
    return nb


def test_overwrite_cells_as_nbgrader(gradebook):
    """The same notebook comes out of nbgrader's OverwriteCells and the course's step."""
    nb = tampered()
    theirs, _ = OverwriteCells().preprocess(copy.deepcopy(nb), resources(gradebook))
    ours, _ = OverwriteCellsAtOnce().preprocess(copy.deepcopy(nb), resources(gradebook))
    assert ours == theirs
    assert ours.cells[2].source == "assert f(1) == 2" and ours.cells[0].cell_type == "markdown"
    assert ours.cells[3].metadata.nbgrader["points"] == 3.0
    assert "grade_id" not in ours.cells[-1].metadata.nbgrader


def test_overwrite_cells_reads_the_gradebook_of_now(gradebook):
    """A regrade in the same process after the instructor changed a test cell in the gradebook
    puts back the new test, not the one read for the notebook before."""
    step = OverwriteCellsAtOnce()
    first, _ = step.preprocess(tampered(), resources(gradebook, "s1"))
    assert first.cells[2].source == "assert f(1) == 2"
    changed = released()
    changed.cells[2] = _cell("code", "assert f(1) == 2 and f(0) == 0", "test_f", grade=True,
                             locked=True, points=5)
    with Gradebook(gradebook) as gb:
        record(gb, changed)
    again, _ = step.preprocess(tampered(), resources(gradebook, "s2"))
    assert again.cells[2].source == "assert f(1) == 2 and f(0) == 0"
    assert again.cells[2].metadata.nbgrader["points"] == 5.0


def graded():
    """A graded submission: one test passed, one failed, the task and answer as handed in."""
    nb = released()
    nb.cells[1].source = "def f(x):\n    return 2 * x"
    nb.cells[3].outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="",
                                                  traceback=[])]
    return nb


def rows(url):
    """Every grade and comment of every submission, as plain values."""
    with Gradebook(url) as gb:
        out = []
        for student in STUDENTS:
            sub = gb.find_submission_notebook("nb", "a1", student)
            out += sorted((student, g.cell.name, g.auto_score, g.manual_score,
                           g.needs_manual_grade) for g in sub.grades)
            out += sorted((student, c.cell.name, c.auto_comment) for c in sub.comments)
        return out


def test_save_auto_grades_as_nbgrader(gradebook, tmp_path):
    """The course's step leaves the gradebook as nbgrader's SaveAutoGrades does, including a
    grade an instructor had already given by hand (flagged for review)."""
    with Gradebook(gradebook) as gb:
        gb.find_grade("test_g", "nb", "a1", "s2").manual_score = 1.0
        gb.db.commit()
    copy_url = f"sqlite:///{tmp_path / 'copy.db'}"
    shutil.copy(tmp_path / "gradebook.db", tmp_path / "copy.db")
    before = rows(gradebook)
    nb = graded()
    for student in STUDENTS:
        SaveAutoGrades().preprocess(copy.deepcopy(nb), resources(gradebook, student))
        SaveAutoGradesAtOnce().preprocess(copy.deepcopy(nb), resources(copy_url, student))
    after = rows(copy_url)
    assert after == rows(gradebook) and after != before
    assert ("s2", "test_g", 0.0, 1.0, True) in after and ("s1", "test_f", 2.0, None, False) in after


def test_save_auto_grades_leaves_the_notebook_alone(gradebook):
    """The notebook nbgrader goes on with is the one handed in."""
    nb = graded()
    out, _ = SaveAutoGradesAtOnce().preprocess(copy.deepcopy(nb), resources(gradebook))
    assert out == nb


def test_metadata_found_valid_once_still_checks_the_next(monkeypatch):
    """nbgrader_main remembers cell metadata found valid; metadata that differs, even only in a
    value's type, is still checked and refused as nbgrader refuses it."""
    monkeypatch.setattr(common, "jsonschema", common.jsonschema)     # put back after the test
    nbgrader_main.validate_with_checked_schemas()
    checker = MetadataValidatorV3()
    cell = released().cells[2]
    for _ in range(2):
        checker.validate_cell(cell)
    for points in ("2", None):
        cell.metadata.nbgrader["points"] = points
        with pytest.raises(jsonschema.ValidationError):
            checker.validate_cell(cell)


def test_tables_made_once_per_database(monkeypatch, tmp_path, gradebook):
    """In a batch the gradebook's tables and course row are made once per database: a second
    database opened by the same process still gets its own."""
    with Gradebook(gradebook) as gb:      # the version `alembic heads` gives, without running it
        version = gb.db.execute(text("select version_num from alembic_version")).scalar()
    monkeypatch.setattr(api, "get_alembic_version", lambda: version)
    monkeypatch.setattr(api, "create_engine", api.create_engine)      # put back after the test
    monkeypatch.setattr(api, "inspect", api.inspect)
    monkeypatch.setattr(api.Base.metadata, "create_all", api.Base.metadata.create_all)
    monkeypatch.setattr(api.Gradebook, "check_course", api.Gradebook.check_course)
    nbgrader_main.one_engine_per_database()
    nbgrader_main.tables_checked_once()
    for name in ("one", "two"):
        url = f"sqlite:///{tmp_path / name}.db"
        for _ in range(2):
            with Gradebook(url) as gb:
                gb.add_assignment(f"a{_}")
        with Gradebook(url) as gb:
            assert [a.name for a in gb.assignments] == ["a0", "a1"]
            assert gb.db.execute(text("select count(*) from alembic_version")).scalar() == 1
            assert [c.id for c in gb.db.query(api.Course)] == ["default_course"]
