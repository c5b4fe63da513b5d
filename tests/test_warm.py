"""The warm sandbox (grader/sandbox.py WarmSandbox, grader/warm.py) in real bubblewrap: each job
sees only its own folder and a fresh interpreter, cannot reach the warm process or the next
job, and gets the same results as the kernel runner."""
import json
import re
import threading
import time

import nbformat
import numpy as np
import pytest
from conftest import small_job

from grader import judge, sandbox, warm
from grader.samples import build
from grader.samples.week2_logistic_regression import VARIANTS
from utils import plaindata

A = "week2_logistic_regression"
pytestmark = pytest.mark.skipif(not sandbox.bwrap_works(), reason="needs bubblewrap")


@pytest.fixture(scope="module")
def box():
    """One warm sandbox for the whole file, as a grading worker keeps one."""
    limits = sandbox.Limits(memory_gib=2, wall_timeout=120, pids=64)
    with sandbox.WarmSandbox(limits, masked=judge.spec(A).MASKED) as warm:
        yield warm


_job = small_job


def _run(box, folder, cells, functions=(), **settings):
    """Runs the cells in the box: (log, {cell index: printed text}, executed notebook)."""
    job = _job(folder, cells, functions, **settings)
    code, err = box.run(job, student="s1")
    assert code == 0, err
    nb = nbformat.read(job / "executed.ipynb", as_version=4)
    printed = {i: "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream")
               for i, c in enumerate(nb.cells)}
    return json.loads((job / "log.json").read_text()), printed, nb


def _answer(printed):
    """The JSON a cell printed on its last line."""
    return json.loads(printed.strip().splitlines()[-1])


LEAVE_TRACES = """
import os
for place in ("/tmp", "/run", "/dev/shm", "/job/submission"):
    open(os.path.join(place, "secret.txt"), "w").write("answers")
written = []
for place in ("/", "/dev", "/usr", "/jobs", "/opt/nndl"):
    try:
        open(os.path.join(place, "secret.txt"), "w").write("answers")
        written.append(place)
    except OSError:
        pass
print(json.dumps(written))
"""

LOOK_FOR_TRACES = """
import glob, os
found = [p for place in ("/tmp", "/run", "/dev/shm", "/jobs", "/job")
         for p in glob.glob(os.path.join(place, "**", "secret.txt"), recursive=True)]
found += [p for p in ["/secret.txt", "/dev/secret.txt"] + PATHS if os.path.exists(p)]
print(json.dumps({"found": found, "jobs": os.listdir("/jobs"), "job": sorted(os.listdir("/job"))}))
"""


def test_a_job_sees_nothing_of_an_earlier_or_a_concurrent_job(box, tmp_path):
    """Job 1 leaves files wherever it can write; job 2 (same box) and job 3 (another box,
    running at the same time) look for them, and for the other jobs' folders."""
    log, printed, _ = _run(box, tmp_path / "one", ["import json", LEAVE_TRACES])
    assert _answer(printed[1]) == [], "a job could write outside its own folder and /tmp"
    first = tmp_path / "one" / "job"
    assert (first / "submission" / "secret.txt").exists()   # its own folder it may write
    holder = _job(tmp_path / "three", ["import json, time", LEAVE_TRACES, "time.sleep(60)"],
                  cell_timeout=120)
    with sandbox.WarmSandbox(box.limits, masked=box.masked) as other:
        concurrent = threading.Thread(target=other.run, args=(holder,))
        concurrent.start()
        while not list(other.root.glob("*/submission/secret.txt")):
            time.sleep(0.1)
        paths = [str(first), str(holder), str(other.root), str(box.root)]
        _, printed, _ = _run(box, tmp_path / "two", [f"import json\nPATHS = {paths!r}",
                                                     LOOK_FOR_TRACES])
        other.close()        # ends the sleeping job
        concurrent.join()
    seen = _answer(printed[1])
    assert seen == {"found": [], "jobs": [], "job": ["job.json", "probe", "submission"]}


PROBE_THE_PARENT = """
import ctypes, json, os, signal
mine = os.getpid()
visible = [p for p in range(1, 4096) if p != mine and _alive(p)]
readable = []
for pid in range(1, 64):
    try:
        with open(f"/proc/{pid}/mem", "rb") as f:
            readable.append(pid)
    except OSError:
        pass
libc = ctypes.CDLL(None, use_errno=True)
attached = [p for p in range(1, 64) if p != mine and libc.ptrace(16, p, 0, 0) == 0]  # ATTACH
for p in visible:
    os.kill(p, signal.SIGKILL)
try:
    os.kill(-1, signal.SIGKILL)
except OSError:
    pass
print(json.dumps({"pid": mine, "visible": visible, "mem": readable, "attached": attached}))
"""

ALIVE = """
import os
def _alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
"""


def test_a_job_can_neither_signal_nor_read_the_warm_process(box, tmp_path):
    warm = box.proc.pid
    _, printed, _ = _run(box, tmp_path / "one", [ALIVE, PROBE_THE_PARENT])
    seen = _answer(printed[1])
    assert seen == {"pid": 1, "visible": [], "mem": [], "attached": []}
    log, printed, _ = _run(box, tmp_path / "two", ["print('still here')"])
    assert printed[0] == "still here\n" and box.proc.pid == warm  # the same warm process


PATCH_EVERYTHING = """
import builtins, os, sys
import numpy as np
import utils.data, utils.grading
np.dot = lambda *a, **k: 42
builtins.abs = lambda x: 42
utils.data.load_dataset = lambda *a, **k: 42
utils.grading.record = lambda *a, **k: None      # the recorder itself
os.environ["NNDL_SNEAKY"] = "1"
sys.path.insert(0, "/tmp/sneaky")
np.random.seed(0)
"""

CHECK_NOTHING_PATCHED = """
import builtins, json, os, sys
import numpy as np
import utils.data, utils.grading
print(json.dumps({"dot": int(np.dot(2, 3)), "abs": abs(-1),
                  "load_dataset": utils.data.load_dataset.__module__,
                  "record": utils.grading.record.__name__,
                  "env": os.environ.get("NNDL_SNEAKY"), "path": "/tmp/sneaky" in sys.path}))

def f(x):
    return x + 1
"""


def test_monkey_patches_and_random_state_do_not_reach_the_next_job(box, tmp_path):
    draws = []
    for i in range(2):
        _, printed, _ = _run(box, tmp_path / f"p{i}", ["import numpy as np\n"
                                                         "print(np.random.randint(10 ** 9))"])
        draws.append(printed[0])
        _run(box, tmp_path / f"patch{i}", [PATCH_EVERYTHING])
    assert draws[0] != draws[1], "every job drew the same 'random' numbers"
    _, printed, _ = _run(box, tmp_path / "check", [CHECK_NOTHING_PATCHED], ["f"])
    assert _answer(printed[0]) == {"dot": 6, "abs": 1, "load_dataset": "utils.data",
                                   "record": "record", "env": None, "path": False}
    assert plaindata.load(tmp_path / "check/job/probe/outputs/f/case00")["value"] == 2


SCAN_OWN_MEMORY = r"""
import ctypes, json, os
libc = ctypes.CDLL(None, use_errno=True)

class Span(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]

libc.sbrk.restype = ctypes.c_void_p
libc.process_vm_readv.restype = ctypes.c_ssize_t
libc.process_vm_readv.argtypes = [ctypes.c_int, ctypes.POINTER(Span), ctypes.c_ulong,
                                  ctypes.POINTER(Span), ctypes.c_ulong, ctypes.c_ulong]
MB = 1 << 20
buf = ctypes.create_string_buffer(MB)
needle = ("SECRET" + "_OF_THE_FIRST_JOB").encode()

def hits(start, end):
    # process_vm_readv on ourselves: unmapped addresses fail instead of crashing
    found = 0
    for at in range(start & ~(MB - 1), end, MB):
        got = libc.process_vm_readv(os.getpid(), ctypes.byref(Span(ctypes.addressof(buf), MB)),
                                    1, ctypes.byref(Span(at, MB)), 1, 0)
        found += got > 0 and needle in buf.raw[:got]
    return found

top = libc.sbrk(0)
found = hits(top - (1 << 30), top + MB)
found += sum(hits(id(o) - (1 << 28), id(o) + (1 << 28)) for o in (object(), "x" * 10, json, os))
print(json.dumps(found))
"""


def test_no_trace_of_an_earlier_job_in_the_memory_a_job_starts_with(box, tmp_path):
    """The same scan of the job's own memory finds the secret as often (in the scan's own
    variables) before and after a job that held it in its source and outputs: the warm
    process the jobs are forked from never had the first job's notebook in its memory."""
    _, before, _ = _run(box, tmp_path / "before", [SCAN_OWN_MEMORY])
    _run(box, tmp_path / "secret", ["# SECRET_OF_THE_FIRST_JOB\n"
                                    "print('SECRET_OF_THE_FIRST_JOB ' * 50)\n" + "x = 1\n" * 50])
    _, after, _ = _run(box, tmp_path / "after", [SCAN_OWN_MEMORY])
    assert json.loads(after[0]) == json.loads(before[0])


def test_a_cell_that_exits_or_hangs_costs_a_restart_and_the_rest_runs(box, tmp_path):
    cells = ["def f(x):\n    return x * 10\nprint('defined')",
             "import os\nos._exit(3)",
             "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass",
             "print('after', f(2))"]
    log, printed, nb = _run(box, tmp_path, cells, ["f"])
    assert log["failed_cells"] == [{"index": 1, "reason": "kernel died"},
                                   {"index": 2, "reason": "timeout"}]
    assert log["restarts"] == 2 and "not_run" not in log
    assert printed[0] == "defined\n" and printed[3] == "after 20\n"
    assert "stopped by the grader (timeout)" in nb.cells[2].outputs[0]["evalue"]
    assert log["probes"]["f"]["status"] == "ok"
    assert plaindata.load(tmp_path / "job/probe/outputs/f/case00")["value"] == 10


FORK_BOMB = """
import os, time
children = 0
try:
    while children < 2000:
        if os.fork() == 0:
            time.sleep(1000)
        children += 1
except OSError as e:
    print("stopped after", children, type(e).__name__)
"""

MEMORY_HOG = """
try:
    hog = bytearray(8 * 1024 ** 3)
    print("got 8 GiB")
except MemoryError:
    print("MemoryError")
"""


def test_a_fork_bomb_and_a_memory_hog_are_bounded(box, tmp_path):
    log, printed, _ = _run(box, tmp_path, [FORK_BOMB, MEMORY_HOG, "print('next')"],
                           cell_timeout=120)
    assert printed[0].startswith("stopped after") and "BlockingIOError" in printed[0]
    assert int(printed[0].split()[2]) <= 4 * box.limits.pids     # far below the 2000 tried
    assert printed[1] == "MemoryError\n" and printed[2] == "next\n"
    assert log["failed_cells"] == []
    _, printed, _ = _run(box, tmp_path / "after", ["import os\nprint(os.fork() > 0)"])
    assert printed[0] == "True\n"          # the next job may fork again: nothing left over


def test_outputs_are_capped_and_ipython_works(box, tmp_path):
    cells = ["print('x' * 3_000_000)",
             "from IPython.display import display\nfor i in range(150):\n    display(i)",
             "import numpy as np\nnp.sum?",
             "%time x = 1",
             "%%time\ny = 2",
             "!echo from the shell",
             "np.arange(3)",
             "1 / 0",
             "from utils.activations import sigmoid\nsigmoid(0)"]
    _, printed, nb = _run(box, tmp_path, cells)
    assert "output truncated: 2900001 characters not shown" in printed[0]
    assert len(printed[0]) < 200_000
    assert len(nb.cells[1].outputs) == warm.MAX_OUTPUTS + 1
    assert "50 outputs not shown" in printed[1]
    assert nb.cells[2].outputs == []                       # the pager, as in Jupyter
    assert "Wall time" in printed[3] and "Wall time" in printed[4]
    assert printed[5].strip() == "from the shell"
    assert nb.cells[6].outputs[0]["data"]["text/plain"] == "array([0, 1, 2])"
    assert nb.cells[7].outputs[0]["ename"] == "ZeroDivisionError"
    assert any("1 / 0" in re.sub(r"\x1b\[[0-9;]*m", "", line)
               for line in nb.cells[7].outputs[0]["traceback"])
    assert "is not available while this assignment is graded" in nb.cells[8].outputs[0]["evalue"]


def test_the_warm_up_cell_leaves_nothing_a_job_sees(box, tmp_path):
    """The warm process runs a failing cell that draws a figure before it forks (so pygments'
    tables, matplotlib's first figure and nbformat's schema are ready in every child): a job
    starts as in a fresh shell, its tracebacks coloured as IPython colours them."""
    cells = ["import sys\nimport matplotlib.pyplot as plt\n"
             "print(json.dumps([sorted(n for n in globals() if 'warm' in n), plt.get_fignums(),"
             " plt.figure().number, hasattr(sys, 'last_value')]))",
             "import numpy as np\nnp.reshape(np.ones(2), (3,))"]
    _, printed, nb = _run(box, tmp_path, ["import json"] + cells)
    assert _answer(printed[1]) == [[], [], 1, False]
    assert [c.execution_count for c in nb.cells] == [1, 2, 3]
    error = nb.cells[2].outputs[0]
    assert error["ename"] == "ValueError" and "\x1b[" in error["traceback"][-1]
    assert any("np.reshape(np.ones(2), (3,))" in re.sub(r"\x1b\[[0-9;]*m", "", line)
               for line in error["traceback"])


def test_a_dead_warm_process_is_replaced_and_the_job_retried(box, tmp_path):
    """The warm process is killed while a job runs; `run` starts a new one, runs the job
    again and answers as if nothing happened."""
    job = _job(tmp_path, ["import time\ntime.sleep(3)\nprint('done')"])
    old = box.proc.pid

    def kill_when_inside():
        while not list(box.root.glob("job-*/job.json")):
            time.sleep(0.05)
        box.proc.kill()

    killer = threading.Thread(target=kill_when_inside)
    killer.start()
    code, err = box.run(job)
    killer.join()
    assert code == 0, err
    assert box.proc.pid != old
    assert json.loads((job / "log.json").read_text())["failed_cells"] == []
    assert "done" in (job / "executed.ipynb").read_text()


def test_results_are_those_of_the_kernel_runner_on_the_reference(box, tmp_path):
    build.build(A, VARIANTS["reference"], tmp_path / "submission")
    kernel = sandbox.make_job(A, tmp_path / "submission", tmp_path / "kernel")
    warmed = sandbox.make_job(A, tmp_path / "submission", tmp_path / "warm")
    assert sandbox.run_job(kernel, masked=judge.spec(A).MASKED, engine="kernel")[0] == 0
    assert box.run(warmed)[0] == 0
    expected = sandbox.recorded(kernel)
    assert sorted({k.split("/")[0] for k in expected}) == sorted(judge.make_cases(A, 0))
    np.testing.assert_equal(sandbox.recorded(warmed), expected)
    log = json.loads((warmed / "log.json").read_text())
    assert {p["status"] for p in log["probes"].values()} == {"ok"}


def test_modules_handed_in_beside_the_notebook_are_importable(box, tmp_path):
    """As in a Jupyter kernel: the notebook's folder is on the import path (the week 4
    application imports dnn_blocks.py; a student may keep helpers in a .py of their own), in
    the cells and in the functions probed afterwards."""
    job = _job(tmp_path, ["from my_blocks import double\n"
                          "def f(x):\n    return double(x)\n", "print(f(21))"], functions=["f"])
    (job / "submission" / "my_blocks.py").write_text("def double(x):\n    return 2 * x\n")
    code, err = box.run(job, student="s1")
    assert code == 0, err
    nb = nbformat.read(job / "executed.ipynb", as_version=4)
    assert "42" in "".join(o.get("text", "") for o in nb.cells[1].outputs), nb.cells[0].outputs
    assert plaindata.load(job / "probe" / "outputs" / "f" / "case00")["value"] == 2


UNCOVER = """
import ctypes, json, os
libc = ctypes.CDLL(None, use_errno=True)
tried = {place: libc.umount2(place.encode(), 2) for place in ("/tmp", "/proc", "/jobs", "/dev/shm")}
tried["mount"] = libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 0, None)
print(json.dumps(tried))
"""


def test_a_job_can_neither_unmount_nor_mount(box, tmp_path):
    """The fresh tmpfs over /tmp, /proc and the other jobs' folder cannot be taken away to see
    what lies below (the warm process's shared /tmp, other jobs): the job holds no capability."""
    _, printed, _ = _run(box, tmp_path, [UNCOVER])
    assert set(_answer(printed[0]).values()) == {-1}, printed[0]


def test_a_data_folder_under_tmp_stays_visible(tmp_path, monkeypatch):
    """A course checked out, or a COURSE_DATA_DIR, under /tmp: the job's fresh /tmp keeps the
    sandbox's read-only view of it (a clean clone in /tmp graded every probe 0 before)."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "note.txt").write_text("kept")
    monkeypatch.setenv("COURSE_DATA_DIR", str(data))
    cells = ["import os\nprint(open(os.path.join(os.environ['COURSE_DATA_DIR'], 'note.txt')).read())",
             "open('/tmp/mine.txt', 'w').write('x')\n"
             "try:\n    open(os.environ['COURSE_DATA_DIR'] + '/new.txt', 'w')\n    print('written')\n"
             "except OSError:\n    print('read-only')"]
    with sandbox.WarmSandbox(sandbox.Limits(memory_gib=2, wall_timeout=120, pids=64)) as own:
        _, printed, _ = _run(own, tmp_path, cells)
    assert printed[0].strip() == "kept", printed
    assert printed[1].strip() == "read-only", printed
