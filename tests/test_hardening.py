"""The judge and the sandbox's helpers against hostile or runaway submissions (issue 7, parts
3, 4, 7, 8b; issue 8, part 6): capped records, results that survive a flood of output, one
time budget per graded function, shipped helpers withheld, syntax errors named as such."""
import ast
import importlib
import importlib.util
import io
import json
import sys
import zipfile

import nbformat
import numpy as np
import pytest
from conftest import small_job

from grader import judge, nbgrader_plugin, sandbox
from grader.course import ASSIGNMENTS, ROOT
from utils import plaindata
from utils.checks import CheckError


# --- part 3: the judge bounds what it reads ---------------------------------------------------

def _npy_header(descr, shape):
    """The bytes of an .npy version 1.0 header (magic included) declaring `descr`, `shape`."""
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": descr, "fortran_order": False,
                                               "shape": shape})
    return buf.getvalue()


def _record(tmp_path, members, tree=None):
    """A record `r.json` + `r.npz` whose npz holds the raw `members` {name: bytes}."""
    with zipfile.ZipFile(tmp_path / "r.npz", "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    (tmp_path / "r.json").write_text(json.dumps(tree or {"t": "array", "k": "a0"}))
    return tmp_path / "r"


def test_an_array_declaring_16_gb_in_a_small_file_is_refused_before_loading(tmp_path, monkeypatch):
    stem = _record(tmp_path, {"a0.npy": _npy_header("<f8", (2 ** 31,)) + b"\0" * 4096})
    assert (tmp_path / "r.npz").stat().st_size < 10_000
    monkeypatch.setattr(np.lib.format, "read_array", pytest.fail)  # nothing may be loaded
    with pytest.raises(plaindata.RecordError, match="larger than"):
        plaindata.load(stem)


def test_arrays_over_the_total_cap_are_refused(tmp_path):
    """Five arrays of 60 MB of zeros: each under the cap per array, together over it."""
    one = _npy_header("<f8", (7_500_000,)) + bytes(60_000_000)
    stem = _record(tmp_path, {f"a{i}.npy": one for i in range(5)})
    assert (tmp_path / "r.npz").stat().st_size < 2_000_000
    with pytest.raises(plaindata.RecordError, match="more than"):
        plaindata.load(stem)


@pytest.mark.parametrize("descr", ["|O", [("x", "<f8"), ("y", "<i4")], "<U10"])
def test_object_structured_and_text_arrays_are_refused(tmp_path, descr):
    stem = _record(tmp_path, {"a0.npy": _npy_header(descr, (2,)) + b"\0" * 64})
    with pytest.raises(plaindata.RecordError, match="not accepted"):
        plaindata.load(stem)


def test_too_many_arrays_are_refused(tmp_path):
    small = _npy_header("<f8", (1,)) + bytes(8)
    stem = _record(tmp_path, {f"a{i}.npy": small for i in range(plaindata.MAX_ARRAYS + 1)})
    with pytest.raises(plaindata.RecordError, match="arrays"):
        plaindata.load(stem)


def test_deeply_nested_json_is_refused_not_a_crash(tmp_path):
    np.savez(tmp_path / "r.npz")
    (tmp_path / "r.json").write_text("[" * 1_000_000 + "]" * 1_000_000)
    with pytest.raises(plaindata.RecordError, match="nested too deeply"):
        plaindata.load(tmp_path / "r")


def test_a_refused_result_costs_its_check_with_a_clear_message(tmp_path):
    """The judge reads the record of one case, finds it over a cap, and fails that check."""
    name = "sigmoid"
    sub = judge.Submission("week2_logistic_regression", tmp_path, seed=1)
    out = tmp_path / "outputs" / name
    out.mkdir(parents=True)
    _record(out, {"a0.npy": _npy_header("<f8", (2 ** 31,))},
            tree={"t": "dict", "items": [["ok", {"t": "bool", "v": True}],
                                         ["value", {"t": "array", "k": "a0"}]]})
    (out / "r.json").rename(out / "case00.json")
    (out / "r.npz").rename(out / "case00.npz")
    with pytest.raises(CheckError, match="returned a result the grader does not read"):
        sub._value(name, 0, sub.cases[name][0])


# --- part 4: results survive a flood of output ------------------------------------------------

def test_results_are_copied_even_when_the_executed_notebook_is_over_the_budget(tmp_path):
    job, dest = tmp_path / "job", tmp_path / "dest"
    (job / "probe" / "outputs" / "f").mkdir(parents=True)
    (job / "executed.ipynb").write_bytes(b" " * 5000)         # a notebook that printed a lot
    (job / "log.json").write_text("{}")
    (job / "probe" / "outputs" / "f" / "case00.json").write_text("{}")
    lost = sandbox.copy_out(job, dest, ["executed.ipynb", "log.json", "probe/outputs"],
                            max_bytes=1000)
    assert (dest / "log.json").exists() and (dest / "probe/outputs/f/case00.json").exists()
    assert not (dest / "executed.ipynb").exists()
    assert len(lost) == 1 and "executed.ipynb (5000 bytes)" in lost[0]


def _job(tmp_path, cells, functions, **settings):
    """A job folder for the sandbox's runner, one kernel restart allowed."""
    return small_job(tmp_path, cells, functions, **{"max_restarts": 1, **settings})


def _run(job):
    """The warm runner (grader/warm.py) without bubblewrap; tests/test_warm.py runs it inside."""
    sandbox.run_job(job, sandboxed=False)
    return json.loads((job / "log.json").read_text())


def test_a_hanging_function_costs_only_itself_and_a_flood_is_truncated(tmp_path):
    """`slow` hangs in three cells (more than the one restart allowed) and when probed;
    a cell prints 3 MB. `fast` is still recorded, and the executed notebook stays small."""
    job = _job(tmp_path, ["import time\n\ndef slow(x):\n    time.sleep(1000)\n\n"
                          "def fast(x):\n    return x + 1\n",
                          "print('x' * 3_000_000)", "slow(0)", "slow(0)", "slow(0)"],
               ["slow", "fast"])
    log = _run(job)
    assert plaindata.load(job / "probe/outputs/fast/case00") ["value"] == 2
    run = json.loads((job / "probe/outputs/slow/run.json").read_text())
    assert run["status"] == "timeout" and log["probes"]["slow"]["status"] == "timeout"
    assert log["not_run"]["from"] == 4          # the third hanging cell was not run
    executed = (job / "executed.ipynb").read_text()
    assert len(executed) < 500_000 and "output truncated: 2900001 characters not shown" in executed
    assert "record_alone" not in executed       # the probes left the notebook's cells alone


def test_a_function_that_kills_its_process_leaves_the_kernel_to_the_others(tmp_path):
    job = _job(tmp_path, ["import os\n\ndef crash(x):\n    os._exit(3)\n\n"
                          "def fast(x):\n    return x * 10\n"], ["crash", "fast"])
    log = _run(job)
    assert log["probes"]["crash"]["status"] == "exit 3" and log["restarts"] == 0
    assert plaindata.load(job / "probe/outputs/fast/case00")["value"] == 10
    sub = judge.Submission.__new__(judge.Submission)
    sub.out = job / "probe" / "outputs"
    assert "the process running it ended (exit 3)" in sub._unfinished("crash", judge.Case((1,)))



SHARED_PROBE = """import os, random, signal, time
import numpy as np

def draw(x):
    return [float(np.random.rand()), random.random(), os.getpid()]

draw_again = draw

def hang(x):
    time.sleep(1000)

def crash(x):
    os._exit(3)

def killed(x):
    os.kill(os.getpid(), signal.SIGKILL)

def fast(x):
    return [x + 1, os.getpid()]

def log0(x):
    text = str(np.array([1 / 3]))
    np.set_printoptions(precision=2)
    np.log(np.zeros(1))                       # RuntimeWarning: divide by zero
    return text

log0_again = log0
"""


def test_functions_share_one_probe_fork_each_from_the_kernels_random_state(tmp_path):
    """The graded functions are recorded one after the other in one forked child; each
    starts from the random state, numpy settings and warnings shown the kernel had, as if it
    had a fork of its own."""
    job = _job(tmp_path, [SHARED_PROBE], ["draw", "draw_again", "fast", "log0", "log0_again"])
    log = _run(job)
    first, again, fast = (plaindata.load(job / f"probe/outputs/{f}/case00")["value"]
                          for f in ("draw", "draw_again", "fast"))
    assert first[0] == again[0]                          # numpy's draw: the kernel's state
    assert first[1] != again[1]                          # `random`: reseeded, as in a fork
    assert first[2] == again[2] == fast[1]               # in one process
    assert [log["probes"][f]["status"] for f in log["probes"]] == ["ok"] * 5
    for f in ("log0", "log0_again"):   # each prints the warning, from the kernel's settings
        record = plaindata.load(job / f"probe/outputs/{f}/case00")
        assert "divide by zero encountered in log" in record["stdout"]
        assert record["value"] == "[0.33333333]"


def test_in_a_shared_probe_fork_a_hang_or_a_kill_costs_only_that_function(tmp_path):
    """`hang` is stopped at its own time limit, `crash` and `killed` end the shared child:
    each is marked, and the functions after each are recorded in a new child."""
    job = _job(tmp_path, [SHARED_PROBE], ["fast", "hang", "draw", "crash", "killed", "draw_again"],
               probe_timeout=3)
    log = _run(job)
    status = {f: json.loads((job / f"probe/outputs/{f}/run.json").read_text())["status"]
              for f in log["probes"]}
    assert status == {"fast": "ok", "hang": "timeout", "draw": "ok", "crash": "exit 3",
                      "killed": "signal 9", "draw_again": "ok"}
    assert {f: p["status"] for f, p in log["probes"].items()} == status
    assert log["restarts"] == 0 and log["failed_cells"] == []
    assert plaindata.load(job / "probe/outputs/fast/case00")["value"][0] == 2
    draw, again = (plaindata.load(job / f"probe/outputs/{f}/case00")["value"]
                   for f in ("draw", "draw_again"))
    assert draw[0] == again[0] and draw[2] != again[2]   # the same state, another child


# --- part 7: shipped helpers give no credit ---------------------------------------------------

def _functions(paths):
    """{path relative to the repository: names of its top-level functions}."""
    return {str(p.relative_to(ROOT)): {n.name for n in ast.parse(p.read_text()).body
                                       if isinstance(n, ast.FunctionDef)} for p in paths}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_shipped_module_with_a_graded_function_is_withheld(assignment):
    """utils/ modules defining a graded function are masked; the files released with the
    assignment itself (week 4 application: dnn_blocks.py, the blocks) define none."""
    graded = set(judge.make_cases(assignment, 0))
    masked = set(getattr(judge.spec(assignment), "MASKED", []))
    for module, names in _functions(sorted((ROOT / "utils").glob("*.py"))).items():
        if names & graded:
            assert module in masked, f"{module} defines {names & graded}, graded in {assignment}"
    for module, names in _functions(sorted((ROOT / "release" / assignment).glob("*.py"))).items():
        assert not names & graded, f"{module} is released with {assignment} and answers it"


def test_week2_masks_the_module_that_computes_sigmoid_and_ships_no_logistic_regression():
    for assignment in ("week2_numpy_basics", "week2_logistic_regression"):
        masked = judge.spec(assignment).MASKED
        args = sandbox._bwrap_args(ROOT / "job", sys.prefix, [], masked)
        binds = {args[i + 2]: args[i + 1] for i, a in enumerate(args) if a == "--ro-bind"}
        assert binds[str(ROOT / "utils/activations.py")] == str(sandbox.WITHHELD)
    # week 2's graded answers reach students only with the later weeks, next to their notebooks
    assert not (ROOT / "utils" / "logreg.py").exists()
    assert (ROOT / "release" / "week3_planar_classification" / "logreg.py").exists()


def test_a_withheld_module_imports_but_says_why_when_called():
    spec = importlib.util.spec_from_file_location("utils.activations", sandbox.WITHHELD)
    stub = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stub)
    from_import = stub.sigmoid                       # `from utils.activations import sigmoid`
    with pytest.raises(RuntimeError, match="utils.activations.sigmoid is not available while "
                                           "this assignment is graded"):
        from_import(np.zeros(3))
    assert not hasattr(stub, "__path__")


# --- issue 8 part 6: syntax errors, lambdas and IPython lines ----------------------------------

def _nb(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def test_a_syntax_error_is_named_with_its_line():
    nb = _nb("import numpy as np\n",
             "def softmax(x):\n    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True)\n"
             "    return x_exp\n")
    absent = nbgrader_plugin.not_written_in_notebook(nb, ["softmax"])
    assert "syntax error (line 2: '(' was never closed)" in absent["softmax"]
    assert "not written" not in absent["softmax"]
    assert nbgrader_plugin.syntax_errors(nbgrader_plugin.parse_cells(nb)) == {1: "line 2: '(' was never closed"}


def test_lambdas_assignments_and_ipython_lines_count_as_written():
    nb = _nb("np.sum?\n%timeit np.zeros(3)\n!ls\n\ndef softmax(x):\n    return x\n",
             "L1 = lambda yhat, y: abs(yhat - y).sum()\n",
             "try:\n    def L2(yhat, y):\n        return 0\nexcept ImportError:\n    pass\n",
             "from utils.activations import sigmoid\n",
             "%%time\ndef normalize_rows(x):\n    return x\n")
    absent = nbgrader_plugin.not_written_in_notebook(nb, ["softmax", "L1", "L2", "sigmoid",
                                                          "normalize_rows"])
    assert list(absent) == ["sigmoid"] and "not written in this notebook" in absent["sigmoid"]
    assert nbgrader_plugin.syntax_errors(nbgrader_plugin.parse_cells(nb)) == {}
