"""`make lab`'s working copy: made once, never overwritten, with a Validate-friendly config."""
from traitlets.config import Config

from conftest import ASSIGNMENTS, ROOT
from grader import course_loop, workcopy


def test_copy_is_made_once_and_keeps_student_work(tmp_path):
    a = ASSIGNMENTS[0]
    assert workcopy.main(a, work=tmp_path) == 0
    nb = tmp_path / a / f"{a}.ipynb"
    assert nb.read_bytes() == (ROOT / "release" / a / f"{a}.ipynb").read_bytes()
    nb.write_text("my work")
    assert workcopy.main(a, work=tmp_path) == 0
    assert nb.read_text() == "my work"


def student_config(folder):
    config = Config()
    exec((folder / "nbgrader_config.py").read_text(), {"get_config": lambda: config})
    return config


def test_validate_gets_a_long_cell_timeout(tmp_path):
    workcopy.main(ASSIGNMENTS[0], work=tmp_path)
    assert student_config(tmp_path).Execute.timeout >= 300


def test_assignment_list_finds_the_course_exchange(tmp_path, monkeypatch):
    """The lab in work/ knows the course and its exchange (it looked in /usr/local/share)."""
    monkeypatch.delenv(course_loop.EXCHANGE_ENV, raising=False)
    workcopy.main(ASSIGNMENTS[0], work=tmp_path)
    config = student_config(tmp_path)
    assert config.CourseDirectory.course_id == "nndl-course"
    assert config.Exchange.root == str(ROOT / "exchange")
    monkeypatch.setenv(course_loop.EXCHANGE_ENV, "/srv/nbgrader/exchange")
    workcopy.main(ASSIGNMENTS[0], work=tmp_path)
    assert student_config(tmp_path).Exchange.root == "/srv/nbgrader/exchange"


def test_unknown_assignment_is_refused_with_the_choices(tmp_path, capsys):
    assert workcopy.main("week9_nothing", work=tmp_path) == 2
    assert ASSIGNMENTS[0] in capsys.readouterr().err
    assert not any(tmp_path.iterdir())

