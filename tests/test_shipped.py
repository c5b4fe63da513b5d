"""What students get never reaches into the hidden grader, and instructors still see the
hidden checks' verdict when they run a source/ notebook (grader/instructor.py)."""
import ast
import json
import re

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from conftest import ROOT
from utils import grading

GRADER_MODULE = re.compile(r"^grader(\.\w+)*(:\w+)?$|(^|\s)-m\s+grader\b")


def _docstrings(tree):
    """The string constants that are docstrings (prose may name the grader/ folder)."""
    nodes = [tree] + [n for n in ast.walk(tree)
                      if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    return {id(n.body[0].value) for n in nodes
            if n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}


def grader_references(source):
    """Lines of `source` that import the grader package or name it as a module in a string."""
    tree = ast.parse(source)
    docs, found = _docstrings(tree), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""] if node.level == 0 else []
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            names = [node.value.strip()]
        else:
            continue
        if any(GRADER_MODULE.search(n) for n in names):
            found.append(node.lineno)
    return found


def shipped_sources():
    """{where: python source} of utils/ and of everything in release/ (modules, code cells)."""
    out = {str(p.relative_to(ROOT)): p.read_text() for p in (ROOT / "utils").rglob("*.py")}
    out.update({str(p.relative_to(ROOT)): p.read_text() for p in (ROOT / "release").rglob("*.py")})
    for nb in (ROOT / "release").rglob("*.ipynb"):
        cells = json.loads(nb.read_text())["cells"]
        code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        # IPython-only lines (%magic, !shell) are not Python: left out, imports are plain lines
        out[str(nb.relative_to(ROOT))] = "\n".join(
            line for cell in code for line in cell.splitlines() if not line.lstrip()[:1] in "%!")
    return out


def test_shipped_code_never_names_the_grader():
    found = {where: lines for where, src in shipped_sources().items()
             if (lines := grader_references(src))}
    assert not found, f"shipped code imports or names the grader package (file: lines): {found}"


@pytest.mark.parametrize("source", ["from grader import judge", "import grader.judge as j",
                                    "cmd = ['python', '-m', 'grader.judge']",
                                    "importlib.import_module('grader')"])
def test_the_check_would_catch_a_reference(source):
    assert grader_references(source) == [1]


def test_prose_may_name_the_grader_folder():
    assert grader_references('"""Points are decided by the judge in `grader/`."""\nx = "nbgrader"') == []


@pytest.fixture
def no_verdict(monkeypatch):
    """utils.grading outside grading, with no verdict function registered yet."""
    monkeypatch.delenv(grading.PROBE_DIR_ENV, raising=False)
    monkeypatch.delenv(grading.VERDICT_ENV, raising=False)
    monkeypatch.setattr(grading, "_verdict", [])


def test_without_a_verdict_function_probe_says_when_checks_run(no_verdict, capsys):
    grading.probe("sigmoid", lambda x: x)
    assert capsys.readouterr().out == "sigmoid: the hidden checks run when your work is graded.\n"


def test_a_verdict_variable_naming_nothing_importable_is_ignored(no_verdict, monkeypatch, capsys):
    monkeypatch.setenv(grading.VERDICT_ENV, "no_such_module_here:verdict")
    grading.probe("sigmoid", lambda x: x)
    assert "run when your work is graded" in capsys.readouterr().out


def notebook_function(source):
    """The function `source` defines, as a notebook cell defines it (module __main__)."""
    space = {"__name__": "__main__", "np": np}
    exec(source, space)   # noqa: S102 (the test's own code)
    return space[source.split()[1].split("(")[0]]


def test_instructor_sees_the_hidden_verdict(no_verdict, monkeypatch, tmp_path, capsys):
    """NNDL_VERDICT (set for the tests in conftest.py, exported by instructors) makes probe
    run the hidden checks at once: a right function passes, a wrong one raises with hints."""
    monkeypatch.setenv(grading.VERDICT_ENV, "grader.instructor:verdict")
    (tmp_path / "week2_numpy_basics").mkdir()
    monkeypatch.chdir(tmp_path / "week2_numpy_basics")      # the folder names the assignment
    grading.probe("sigmoid", notebook_function("def sigmoid(x):\n    return 1 / (1 + np.exp(-x))"))
    assert re.match(r"sigmoid: (\d+)/\1 hidden checks passed", capsys.readouterr().out)
    with pytest.raises(AssertionError):
        grading.probe("sigmoid", notebook_function("def sigmoid(x):\n    return 1 / (1 + np.exp(x))"))
    assert re.match(r"sigmoid: 0/\d+ hidden checks passed", capsys.readouterr().out)


def test_the_extension_registers_the_verdict(no_verdict):
    from grader import instructor
    instructor.load_ipython_extension(None)
    assert grading._verdict_function() is instructor.verdict


def test_a_source_notebook_run_shows_the_verdict(tmp_path):
    """A notebook run as the tests and an instructor's JupyterLab run them (a kernel started
    with NNDL_VERDICT in its environment, conftest.py) prints the verdict under the probe."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import numpy as np\nfrom utils.grading import probe"),
                nbformat.v4.new_code_cell("def sigmoid(x):\n    return 1 / (1 + np.exp(-x))"),
                nbformat.v4.new_code_cell('probe("sigmoid", sigmoid)')]
    folder = tmp_path / "week2_numpy_basics"
    folder.mkdir()
    NotebookClient(nb, timeout=None, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    printed = "".join(o.get("text", "") for o in nb.cells[2].outputs)
    assert re.match(r"sigmoid: (\d+)/\1 hidden checks passed", printed), printed
