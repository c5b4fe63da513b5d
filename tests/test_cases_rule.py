"""No hidden surprises (issue 9): the judge's inputs are drawn from the same table of cases
as the visible tests, and every kind of hidden input that can cost points is one the student
has already met in a visible test and read about in the exercise.

For an assignment whose visible tests hold a `TABLE` (utils.cases): every kind of every graded
function with a weight is drawn by the visible test (checked by running the visible tests on
the reference solutions, which must pass), its sentence (`Kind.says`) is in the exercise's
markdown in source/, the judge's cases are exactly the table's kinds, and at least one case
of each function avoids every size the notebook itself uses. For every assignment: hidden
float32 inputs only where a visible float32 case exists.
"""
import importlib
import re

import nbformat
import numpy as np
import pytest

from conftest import ASSIGNMENTS, ROOT
from grader import judge
from utils import cases as cases_module

GRADED = [a for a in ASSIGNMENTS if (ROOT / "grader" / "reference" / f"{a}.py").exists()]


def visible(assignment):
    return importlib.import_module(f"utils.public_tests.{assignment}")


TABLED = [a for a in GRADED if hasattr(visible(a), "TABLE")]


def exercise_text(assignment, name):
    """The markdown from the exercise header of `name` up to its solution cell, one spaced line."""
    nb = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    header = re.compile(rf"^#+ *Exercise \d+ *- *`?{re.escape(name)}`? *\(", re.M)
    text, inside = [], False
    for cell in nb.cells:
        if cell.cell_type == "markdown" and header.search(cell.source):
            inside = True
        elif inside and cell.cell_type == "code":
            break
        if inside and cell.cell_type == "markdown":
            text.append(cell.source)
    return " ".join(" ".join(text).split())


def visible_draws(assignment):
    """{(function, kind)} the visible tests draw when run on the reference solutions."""
    module, ref = visible(assignment), importlib.import_module(f"grader.reference.{assignment}")
    cases_module._drawn.clear()
    for name in module.TABLE:
        getattr(module, f"{name}_test")(getattr(ref, name))
    return set(cases_module._drawn)


@pytest.mark.parametrize("assignment", TABLED)
def test_every_hidden_kind_that_costs_points_is_drawn_by_a_visible_test(assignment):
    drawn = visible_draws(assignment)
    missing = [(name, kind.name) for name, kinds in visible(assignment).TABLE.items()
               for kind in kinds if kind.weight > 0 and kind.name != "main"
               and (name, kind.name) not in drawn]
    assert not missing, f"hidden kinds no visible test draws: {missing}"


@pytest.mark.parametrize("assignment", TABLED)
def test_every_exercise_names_its_requirements(assignment):
    missing = []
    for name, kinds in visible(assignment).TABLE.items():
        text = exercise_text(assignment, name)
        assert text, f"no exercise markdown for {name} in source/{assignment}"
        for kind in kinds:
            if kind.name == "main":
                continue
            if not kind.says or " ".join(kind.says.split()) not in text:
                missing.append((name, kind.name, kind.says))
    assert not missing, ("exercise text lacks the sentence of a kind (see "
                         f"/work/brief/requirement_text.md): {missing}")


@pytest.mark.parametrize("assignment", TABLED)
def test_the_judge_draws_exactly_the_tables_kinds_with_fresh_values(assignment):
    table = visible(assignment).TABLE
    hidden = judge.make_cases(assignment, 12345)
    assert set(hidden) == set(table)
    for name, kinds in table.items():
        tags = [set(c.tags) & {k.name for k in kinds} for c in hidden[name]]
        assert all(len(t) == 1 for t in tags), f"{name}: a hidden case of no (or two) kinds"
        assert sorted(t.pop() for t in tags) == sorted(k.name for k in kinds for _ in range(k.draws))
        shown = cases_module.visible_case(table, name, kinds[0].name)
        fresh = [c for c in hidden[name] if kinds[0].name in c.tags][0]
        if list(_arrays(shown.args)):       # (a size alone, like dim=3, may recur by chance)
            assert not _same(shown.args, fresh.args), f"{name}: the judge reuses the visible draw"


@pytest.mark.parametrize("assignment", TABLED)
def test_every_function_has_a_case_of_sizes_the_notebook_does_not_use(assignment):
    module = visible(assignment)
    hidden = judge.make_cases(assignment, 7)
    for name, cases in hidden.items():
        assert any(not (_sizes(c) & module.NOTEBOOK_SIZES) for c in cases), \
            f"{name}: every case uses a size of the notebook {module.NOTEBOOK_SIZES}"


@pytest.mark.parametrize("assignment", GRADED)
def test_float32_hidden_cases_only_where_a_visible_one_exists(assignment):
    module = visible(assignment)
    drawn = visible_draws(assignment) if hasattr(module, "TABLE") else set()
    for name, cases in judge.make_cases(assignment, 3).items():
        if any(_has_float32(c) for c in cases):
            assert any(d == name and "float32" in k for d, k in drawn), \
                f"{assignment}: {name} gets hidden float32 inputs, but no visible test has one"


def _arrays(value):
    if isinstance(value, np.ndarray):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _arrays(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _arrays(v)


def _sizes(case):
    """Every axis length (> 1) of the case's arrays, and its integer arguments."""
    out = {n for a in _arrays([case.args, case.kwargs]) for n in a.shape if n > 1}
    return out | {v for v in case.args if isinstance(v, int) and v > 1}


def _has_float32(case):
    return any(a.dtype == np.float32 for a in _arrays([case.args, case.kwargs]))


def _same(a, b):
    a, b = list(_arrays(a)), list(_arrays(b))
    return len(a) == len(b) and all(x.shape == y.shape and np.array_equal(x, y) for x, y in zip(a, b))
