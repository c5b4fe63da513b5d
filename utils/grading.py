"""The notebook side of grading: `probe(name, func)` in each hidden test cell.

At grading time (the sandbox sets NNDL_PROBE_DIR) `probe` only remembers the function; the
sandbox runner later calls `record_each(names, seconds)` (grader/warm.py) or
`record_alone(name, seconds)` (grader/runner.py), which run the functions on the judge's
inputs in a forked copy of the kernel, each with its own time budget (so a function that hangs
or kills its process costs only its own points), and save what they returned as plain data. Points are decided by the judge in `grader/`, in another
process that never runs submission code, so nothing here needs to be tamper-proof.

Outside grading (no NNDL_PROBE_DIR) `probe` hands the function to the verdict function the
instructor's side registered (`set_verdict`, or a "module:function" named by $NNDL_VERDICT),
which runs the hidden checks at once; without one it says they run at grading time. This
module never imports the hidden checks itself.
"""
import contextlib
import copy
import importlib
import io
import json
import os
import random
import select
import signal
import sys
import time
import traceback
import warnings
from pathlib import Path

import numpy as np

from utils import plaindata

PROBE_DIR_ENV = "NNDL_PROBE_DIR"
VERDICT_ENV = "NNDL_VERDICT"      # "module:function", a verdict function to load on first use
_registered = {}
_verdict = []                     # the registered verdict function, if any


def probe(name, func):
    """Hands the graded function `func` (named `name` in the notebook) to the grader."""
    _registered[name] = func
    if os.environ.get(PROBE_DIR_ENV):
        return
    judge_now = _verdict_function()
    if judge_now is None:
        print(f"{name}: the hidden checks run when your work is graded.")
        return
    judge_now(name, func)


def set_verdict(func):
    """Registers `func(name, function)`, which checks a graded function at once, prints its
    verdict and raises AssertionError if a check fails (the instructor's side calls this)."""
    _verdict[:] = [func]


def _verdict_function():
    """The registered verdict function, else the one $NNDL_VERDICT names, else None."""
    if not _verdict and os.environ.get(VERDICT_ENV):
        module, _, attr = os.environ[VERDICT_ENV].partition(":")
        try:
            set_verdict(getattr(importlib.import_module(module), attr))
        except (ImportError, AttributeError, OSError, ValueError):  # not there: a student's copy
            return None
    return _verdict[0] if _verdict else None


def _find(name):
    """The function the notebook registered under `name`, else the global of that name."""
    if name in _registered:
        return _registered[name], "probe"
    main = sys.modules.get("__main__")
    return getattr(main, name, None), "global"


def _describe(func, how):
    code = getattr(func, "__code__", None)
    return {"found": func is not None, "callable": callable(func), "how": how,
            "type": type(func).__name__,
            "module": str(getattr(func, "__module__", "") or "")[:200],
            "filename": str(getattr(code, "co_filename", ""))[:300]}


def record(name, probe_dir=None):
    """Calls the function `name` on every input case in the probe folder, saving each result.

    Layout: inputs/<name>/case<i>.{json,npz} (a dict {"args": [...], "kwargs": {...}}) ->
    outputs/<name>/case<i>.{json,npz} (a dict {"ok", "value" | "error", "seconds", "stdout"}).
    """
    probe_dir = Path(probe_dir or os.environ[PROBE_DIR_ENV])
    func, how = _find(name)
    out_dir = probe_dir / "outputs" / name
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "meta.json").write_text(json.dumps(_describe(func, how)))
    if not callable(func):
        return
    for case_file in sorted((probe_dir / "inputs" / name).glob("case*.json")):
        case = plaindata.load(case_file.with_suffix(""))
        plaindata.save(_call(func, case), out_dir / case_file.stem)


def record_alone(name, seconds, probe_dir=None):
    """`record(name)` in a forked child of this kernel, killed after `seconds`.

    The kernel itself is never at risk: a hang, an endless loop or an `os._exit` in the
    function ends only the child. How the child ended goes to outputs/<name>/run.json
    ({"status": "ok" | "timeout" | "exit N" | "signal N", "seconds", "limit"}).
    """
    return dict(record_each([name], seconds, probe_dir))[name]


def record_each(names, seconds, probe_dir=None):
    """Yields (name, status) for each function of `names`, in order, as `record_alone` would,
    but forking once for all of them: a forked child records them one after the other, each
    from the state the kernel had (`_KernelState`: random state, warnings shown), and reports each one done over a pipe; each function
    has its own `seconds`. One that hangs or ends the child is marked ("timeout", "exit N",
    "signal N") and a new child takes the functions after it, so it costs only its own record.
    """
    probe_dir = Path(probe_dir or os.environ[PROBE_DIR_ENV])
    todo = list(names)
    while todo:
        prober = _Prober(todo, probe_dir)
        try:
            start = time.monotonic()
            while todo:
                status = prober.next(start + seconds)
                name, now = todo.pop(0), time.monotonic()
                out_dir = probe_dir / "outputs" / name
                out_dir.mkdir(parents=True, exist_ok=True)
                (out_dir / "run.json").write_text(json.dumps(
                    {"status": status, "seconds": round(now - start, 3), "limit": seconds}))
                yield name, status
                start = now
                if prober.ended:
                    break
        finally:
            prober.close(time.monotonic() + seconds)


class _Prober:
    """A forked child of this kernel recording `names` in order; one byte on `progress` for
    each function done."""

    def __init__(self, names, probe_dir):
        progress, done = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(progress)
            _record_in_turn(names, probe_dir, done)
        os.close(done)
        self.progress, self.code, self.ended = progress, None, False
        try:
            self.pidfd = os.pidfd_open(self.pid)   # readable once the child has ended
        except (AttributeError, OSError):
            self.pidfd = None                      # then polled every 10 ms

    def next(self, deadline):
        """"ok" when the child says the next function is done, else how the child ended
        ("timeout": killed at `deadline`; `ended` is then True)."""
        while True:
            if self._done_one():
                return "ok"
            if self.code is not None:
                self.ended = True
                return _status(self.code)
            wait = deadline - time.monotonic()
            if wait <= 0:
                self.kill()
                self.ended = True
                return "timeout"
            fds = [fd for fd in (self.progress, self.pidfd) if fd is not None]
            select.select(fds, [], [], wait if self.pidfd is not None else min(wait, 0.01))
            self._reap()

    def _done_one(self):
        if self.progress is None or not select.select([self.progress], [], [], 0)[0]:
            return False
        if os.read(self.progress, 1):
            return True
        os.close(self.progress)       # the child closed its end (or ended)
        self.progress = None
        return False

    def _reap(self):
        if self.code is None:
            done, code = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.code = code

    def kill(self):
        """Ends the child and its process group."""
        for kill in (lambda: os.killpg(self.pid, signal.SIGKILL), lambda: os.kill(self.pid, signal.SIGKILL)):
            try:
                kill()
            except OSError:
                pass
        if self.code is None:
            self.code = os.waitpid(self.pid, 0)[1]

    def close(self, deadline):
        """Waits for the child to end (it does at once after its last function), killing
        it at `deadline`; closes the pipes."""
        while self.code is None and time.monotonic() < deadline:
            select.select([self.pidfd] if self.pidfd is not None else [], [], [],
                          max(0, min(deadline - time.monotonic(),
                                     0.01 if self.pidfd is None else 3600)))
            self._reap()
        if self.code is None:
            self.kill()
        for fd in (self.progress, self.pidfd):
            if fd is not None:
                os.close(fd)
        self.progress = self.pidfd = None


class _KernelState:
    """What a graded function may change in passing that the next function probed in the same
    child would otherwise inherit: numpy's random state, error and print settings, and which
    warnings were already shown (a warning is printed once per place: each function must
    print the ones the kernel had not shown yet, as in a fork of its own)."""

    def __init__(self):
        self.random = np.random.get_state()
        self.err, self.printing = np.geterr(), np.get_printoptions()
        self.filters = list(warnings.filters)
        self.registries = {name: dict(reg) for name, reg in _registries()}
        self.once = dict(getattr(warnings, "onceregistry", {}))

    def restore(self):
        np.random.set_state(self.random)
        np.seterr(**self.err)
        np.set_printoptions(**self.printing)
        random.seed()                      # as Python does in every forked child
        if warnings.filters != self.filters:
            warnings.filters[:] = self.filters
            getattr(warnings, "_filters_mutated", lambda: None)()
        for name, reg in _registries():
            reg.clear()
            reg.update(self.registries.get(name, {}))
        once = getattr(warnings, "onceregistry", None)
        if isinstance(once, dict):
            once.clear()
            once.update(self.once)


def _registries():
    """(module name, its `__warningregistry__`) for every loaded module that has one."""
    for name, module in list(sys.modules.items()):
        reg = getattr(module, "__dict__", {}).get("__warningregistry__")
        if isinstance(reg, dict):
            yield name, reg


def _record_in_turn(names, probe_dir, done):
    """The prober child: records each function from the kernel's state (`_KernelState`), one
    byte on `done` after each; leaves without running the kernel's exit handlers."""
    code = 1
    try:
        os.setpgid(0, 0)
        me, kernel = os.getpid(), _KernelState()
        for name in names:
            kernel.restore()
            record(name, probe_dir)
            if os.getpid() != me:     # a process the function forked came back here
                break
            os.write(done, b".")
        code = 0
    finally:
        os._exit(code)


def _status(code):
    if os.WIFEXITED(code):
        return "ok" if os.WEXITSTATUS(code) == 0 else f"exit {os.WEXITSTATUS(code)}"
    return f"signal {os.WTERMSIG(code)}"


def _call(func, case):
    """Runs func(*args, **kwargs) on copies of the inputs; captures prints and exceptions.

    The record also says which inputs the call changed in place ("changed": ["arg 0", ...]),
    for the functions whose template promises to leave them unchanged.
    """
    args, kwargs = copy.deepcopy(case["args"]), copy.deepcopy(case["kwargs"])
    captured = io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            value = func(*args, **kwargs)
        result = {"ok": True, "value": value}
    except Exception as e:  # the student's bug, reported by the judge with its line
        result = {"ok": False, "error": f"{type(e).__name__}: {e}"[:1000],
                  "error_type": type(e).__name__, **_where(e)}
    result["seconds"] = time.perf_counter() - start
    result["stdout"] = captured.getvalue()[:2000]
    result["changed"] = ([f"arg {i}" for i, a in enumerate(case["args"]) if not _same(a, args[i])]
                         + [k for k, v in case["kwargs"].items() if not _same(v, kwargs[k])])
    return result


def _where(error):
    """{"line", "lineno", "function"} of the innermost frame of the student's own code that
    `error` passed through (not numpy's, nor Python's, nor this course's utils), else the
    innermost frame."""
    frames = traceback.extract_tb(error.__traceback__)
    library = (sys.prefix, sys.base_prefix, str(Path(__file__).resolve().parent))
    own = [f for f in frames if not str(f.filename).startswith(library)] or frames
    if not own:
        return {"line": ""}
    frame = own[-1]
    return {"line": (frame.line or "")[:200], "lineno": frame.lineno,
            "function": str(frame.name)[:100]}


def _same(a, b):
    """True if a and b are equal plain data (arrays compared by shape, dtype and values)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    try:
        return bool(a == b)
    except Exception:  # an object whose == raises is not plain data: call it changed
        return False
