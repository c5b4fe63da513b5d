"""Shared fixtures: a throw-away copy of the course, so tests never touch the real one."""
import pytest

from grader.course import ASSIGNMENTS, ROOT, make_course, nbgrader, use_this_environment

__all__ = ["ASSIGNMENTS", "ROOT", "make_course", "nbgrader"]
# nbgrader, jupyter and alembic must come from this environment, however pytest was started.
use_this_environment()


@pytest.fixture(scope="session")
def built_course(tmp_path_factory):
    """A course copy with release/ regenerated from source/ (and the gradebook filled)."""
    course = make_course(tmp_path_factory.mktemp("course"))
    for a in ASSIGNMENTS:
        nbgrader(course, "generate_assignment", a, "--force")
    return course
