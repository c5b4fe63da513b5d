"""The sandbox limits live in one place (grader/sandbox.py `Limits`): each field is an nbgrader
setting of SandboxedJudge, no other file gives a limit a number of its own, and a value set in
the configuration is what the sandbox gets."""
import ast
import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from traitlets.config import Config

from conftest import ROOT
from grader import nbgrader_plugin, pool, sandbox
from grader.nbgrader_plugin import SandboxedJudge

FIELDS = {f.name: f for f in dataclasses.fields(sandbox.Limits)}
# job.json's name for wall_timeout (grader/runner.py and grader/warm.py read it)
NAMES = {**{name: name for name in FIELDS}, "cells_seconds": "wall_timeout"}


def _number(node):
    """The number a node writes literally (60, 4.0, Integer(60, ...).tag(...)), else None."""
    while isinstance(node, ast.Call) and not node.args and isinstance(node.func, ast.Attribute):
        node = node.func.value           # Integer(60).tag(config=True): the Integer(60)
    if isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    return None


def numbered_limits(source):
    """[(line, limit, number)]: where `source` gives a limit a literal number: a keyword
    (cell_timeout=60), a dict entry ("cell_timeout": 60) or an assignment (x.cell_timeout = 60,
    cell_timeout = Integer(60)); the body of `class Limits` does not count."""
    tree, found = ast.parse(source), []
    skip = {id(n) for c in ast.walk(tree) if isinstance(c, ast.ClassDef) and c.name == "Limits"
            for n in ast.walk(c)}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        pairs = []
        if isinstance(node, ast.keyword) and node.arg:
            pairs = [(node.arg, node.value)]
        elif isinstance(node, ast.Dict):
            pairs = [(k.value, v) for k, v in zip(node.keys, node.values)
                     if isinstance(k, ast.Constant) and isinstance(k.value, str)]
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            pairs = [(getattr(t, "attr", getattr(t, "id", None)), node.value) for t in targets]
        found += [(getattr(node, "lineno", getattr(value, "lineno", 0)), NAMES[name], _number(value))
                  for name, value in pairs if name in NAMES and _number(value) is not None]
    return found


def test_no_limit_is_given_a_number_outside_limits():
    """A limit's default is written once: no other grader module or script numbers one, and
    nbgrader_config.py sets only values that differ from the defaults."""
    files = sorted((ROOT / "grader").rglob("*.py")) + sorted((ROOT / "scripts").glob("*.py"))
    twice = {f"{p.relative_to(ROOT)}:{line}": name for p in files
             for line, name, _ in numbered_limits(p.read_text())}
    assert not twice, f"limits numbered outside grader/sandbox.py Limits: {twice}"
    same = [(line, name) for line, name, value in numbered_limits((ROOT / "nbgrader_config.py").read_text())
            if value == FIELDS[name].default]
    assert not same, f"nbgrader_config.py repeats these defaults (line, setting): {same}"


@pytest.mark.parametrize("source", ["Limits = None\nx = dict(cell_timeout=60)",
                                    "job = {'probe_timeout': 120}",
                                    "c.SandboxedJudge.wall_timeout = 900",
                                    "class J:\n    memory_gib = Float(4.0, help='GiB')",
                                    "class J:\n    pids = Integer(9).tag(config=True)",
                                    "settings = {'cells_seconds': 900}"])
def test_the_check_finds_a_second_default(source):
    assert len(numbered_limits(source)) == 1


def test_every_limit_is_a_documented_nbgrader_setting():
    """One configurable trait per field, with the field's default and help (what
    `--help-all` prints for SandboxedJudge), and no trait without a field."""
    traits = SandboxedJudge.class_traits(config=True)
    helped = SandboxedJudge.class_get_help()
    for name, f in FIELDS.items():
        assert traits[name].default_value == f.default and traits[name].help == f.metadata["help"]
        assert f"--SandboxedJudge.{name}=" in helped and f.metadata["help"][:30] in helped
    assert SandboxedJudge().limits == sandbox.Limits()


def _notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("def sigmoid(x):\n    return x")]
    cell = nbformat.v4.new_code_cell('probe("sigmoid", sigmoid)')
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "sigmoid_hidden", "points": 1,
                                 "solution": False, "locked": True, "schema_version": 3}
    nb.cells.append(cell)
    return nb


class Handed(Exception):
    """The job reached the sandbox."""


def test_a_configured_value_reaches_the_sandbox(tmp_path, monkeypatch):
    """c.SandboxedJudge.<field> = value in a config: the sandbox is handed a Limits with that
    value (the runner's job.json too), everything else at its default."""
    changed = {"cell_timeout": 17, "probe_timeout": 9, "wall_timeout": 33, "max_restarts": 2,
               "memory_gib": 1.5, "pids": 99, "file_mib": 7, "open_files": 77, "judge_timeout": 45}
    assert changed.keys() == FIELDS.keys() and all(v != FIELDS[k].default for k, v in changed.items())
    config = Config()
    for name, value in changed.items():
        setattr(config.SandboxedJudge, name, value)
    step = SandboxedJudge(config=config)
    nb = _notebook()
    job = nbgrader_plugin.with_notebook(
        step.job(nb, tmp_path, "week2_numpy_basics", "s1", sandboxed=True), nb)
    got = {}

    def fake_run_job(work, limits, **kwargs):
        got["limits"], got["job.json"] = limits, json.loads(Path(work, "job.json").read_text())
        raise Handed                 # far enough: the sandbox has what it was given

    monkeypatch.setattr(pool, "_can_sandbox", lambda: True)
    monkeypatch.setattr(sandbox, "run_job", fake_run_job)
    with pytest.raises(Handed):
        pool.grade_job({**job, "warm_judge": False}, warm=False)
    assert got["limits"] == sandbox.Limits(**changed)
    assert {k: got["job.json"][k] for k in ("cell_timeout", "probe_timeout", "max_restarts",
                                             "cells_seconds")} == {
        "cell_timeout": 17, "probe_timeout": 9, "max_restarts": 2, "cells_seconds": 33}
    rl = got["limits"].rlimits(got["limits"].job_seconds(1))
    assert rl["memory"] == int(1.5 * 1024 ** 3) and rl["pids"] == 99
    assert rl["file_bytes"] == 7 * 1024 ** 2 and rl["open_files"] == 77
    assert rl["wall_seconds"] == 2 * 33 + (9 + 30) + 60
    assert nbgrader_plugin.job_key(job)        # a Limits in the job still keys the batch


def test_autograde_help_lists_every_limit():
    """`python -m grader.nbgrader_main autograde --help-all` (nbgrader as the course runs it)
    lists each limit with its help and default. A bare `nbgrader` reads the configuration only
    after printing help, so it cannot know the course's step."""
    done = subprocess.run([sys.executable, "-m", "grader.nbgrader_main", "autograde", "--help-all"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    text = " ".join(done.stdout.split())
    for name, f in FIELDS.items():
        assert f"--SandboxedJudge.{name}=" in text, name
        assert f"{' '.join(f.metadata['help'].split())} Default: {f.default}" in text, name
