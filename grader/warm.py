"""A warm sandboxed runner: imports once, runs many submissions, each in a fresh forked child.

Started by grader/sandbox.py (`WarmSandbox`) as `python warm.py serve JOBS_ROOT` inside
bubblewrap. It imports numpy, matplotlib, IPython and `utils` once, then forks a supervisor per
job, which reads one request line on stdin ({"job": folder name below JOBS_ROOT, "student",
"limits", "isolated"}), runs the job and answers one line on stdout ({"code", "err",
"cpu_seconds"}): the warm process itself never holds a job's data. Nothing runs submission
code but, for every attempt at a job, a child forked by the supervisor that

- enters new user, mount, PID, network and IPC namespaces (PID 1 of its own PID namespace, so
  it can neither see nor signal the warm process, and killing it ends everything it started),
- sees only its own job folder (at /job; the other jobs are under an empty tmpfs) and fresh
  tmpfs at /tmp, /run and /dev/shm, with / and /dev read-only and /proc hidden,
- gets the job's rlimits (memory, CPU, file size, open files, processes),
- executes cells in-process with IPython's InteractiveShell (magics, `?`, display hooks,
  optionally inline figures; no kernel, no ZMQ) on the warm process's orders over a pipe.

The supervisor keeps the semantics of grader/runner.py (the kernel runner): a cell that kills its process or runs
past its time limit (the supervisor kills it: a cell cannot dodge that) is marked, a new
child is forked and the good cells before it replayed (a cell killed mid-way keeps only the
grader's note, not what it printed before);
the cells have a time budget (`cells_seconds`, replays included) and a number of restarts; the
graded functions are then probed with `utils.grading.record_each` (one forked prober for all
of them, each function with its own budget; one that hangs or kills it costs only itself).
It writes JOB/executed.ipynb and JOB/log.json; everything there is untrusted for the caller.

`python warm.py serve JOBS_ROOT --figures` shows matplotlib figures as PNG images (0.2-1 s of
CPU per figure); without it figures are not drawn, as in the kernel runner (MPLBACKEND=Agg).
`python warm.py once JOB_DIR` runs one job without namespaces (the unsandboxed fallback).
"""
import base64
import ctypes
import gc
import importlib
import io
import json
import os
import re
import resource
import select
import shutil
import signal
import struct
import sys
import time
import traceback

MAX_STREAM_CHARS = 100_000    # kept of each cell's printed text (stdout + stderr)
MAX_OUTPUTS = 100             # kept of each cell's outputs (figures, results, streams)
MAX_OUTPUT_CHARS = 2_000_000  # one figure, result or error, as JSON
MAX_REPLY = MAX_OUTPUTS * MAX_OUTPUT_CHARS + 2 * MAX_STREAM_CHARS + 100_000  # one cell's message

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER = 0x00020000, 0x08000000, 0x10000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND = 1, 2, 4, 8, 32, 4096
MS_NOATIME, MS_NODIRATIME, MS_RELATIME, ST_RELATIME = 1024, 2048, 1 << 21, 4096
MS_REC, MS_PRIVATE = 0x4000, 1 << 18
PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 4, 36
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, MNT_DETACH = 24, 38, 2
FRESH_TMPFS = ("/run", "/tmp", "/dev/shm")  # writable places each job gets empty (/run first:
                                            # it holds what /tmp must keep while /tmp is covered)
READ_ONLY = ("/", "/dev")                   # read-only for a job (/ is for the warm process too)
LIBC = ctypes.CDLL(None, use_errno=True)


# --- messages between the warm process and a child: 8-byte length, then JSON ---------------

def send(fd, obj):
    data = json.dumps(obj).encode()
    data = struct.pack("<Q", len(data)) + data
    while data:
        data = data[os.write(fd, data):]


def _read_exact(fd, n, deadline):
    chunks, got = [], 0
    while got < n:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and (wait <= 0 or not select.select([fd], [], [], wait)[0]):
            raise TimeoutError
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def receive(fd, deadline, cap=MAX_REPLY):
    """One message; TimeoutError past `deadline`, EOFError if the other end is gone or lies."""
    (size,) = struct.unpack("<Q", _read_exact(fd, 8, deadline))
    if size > cap:
        raise EOFError
    try:
        return json.loads(_read_exact(fd, size, deadline))
    except ValueError:
        raise EOFError from None


# --- the child: one submission's interpreter ---------------------------------------------------

class Outputs:
    """The outputs of the cell being run, capped as grader/runner.py caps them."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.outs, self.cut_chars, self.cut_outputs, self.streamed = [], 0, 0, 0

    def stream(self, name, text):
        keep = max(MAX_STREAM_CHARS - self.streamed, 0)
        if len(text) > keep:
            self.cut_chars += len(text) - keep
            text = text[:keep]
        if not text:
            return
        self.streamed += len(text)
        last = self.outs[-1] if self.outs else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        elif len(self.outs) >= MAX_OUTPUTS:
            self.cut_chars += len(text)
            self.cut_outputs += 1
        else:
            self.outs.append({"output_type": "stream", "name": name, "text": text})

    def add(self, out):
        out = _plain(out)
        if len(self.outs) >= MAX_OUTPUTS or len(json.dumps(out)) > MAX_OUTPUT_CHARS:
            self.cut_outputs += 1
        else:
            self.outs.append(out)

    def clear(self):
        self.outs = []

    def finish(self):
        """The outputs, with a note at the end saying how much was not kept."""
        if self.cut_chars or self.cut_outputs:
            what = f"{self.cut_chars} characters" + (
                f" and {self.cut_outputs} outputs" if self.cut_outputs else "")
            self.outs.append({"output_type": "stream", "name": "stdout",
                              "text": f"\n[output truncated: {what} not shown]\n"})
        return self.outs


def _plain(value):
    """JSON-able copy of a display message: bytes (PNG) as base64 text, the rest as str."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


OUT = Outputs()


class Stream(io.TextIOBase):
    """sys.stdout / sys.stderr of a child: what is printed becomes a stream output."""

    def __init__(self, name):
        self.name = name

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        OUT.stream(self.name, text)
        return len(text)


def make_shell(figures):
    """An InteractiveShell whose results, displays and errors become notebook outputs;
    with `figures`, matplotlib figures too (as PNG after each cell, as Jupyter's inline
    backend does), else matplotlib draws nothing (Agg, as the kernel runner had it)."""
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets import Type
    from traitlets.config import Config

    class ResultHook(DisplayHook):
        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            OUT.add({"output_type": "execute_result", "execution_count": self.prompt_count,
                     "data": format_dict, "metadata": md_dict or {}})

        def finish_displayhook(self):
            self._is_active = False

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False,
                    **kwargs):
            OUT.add({"output_type": "display_data", "data": data, "metadata": metadata or {}})

        def clear_output(self, wait=False):
            OUT.clear()

    class CellShell(InteractiveShell):
        displayhook_class = Type(ResultHook)
        display_pub_class = Type(Publisher)

        def _showtraceback(self, etype, evalue, stb):
            OUT.add({"output_type": "error", "ename": getattr(etype, "__name__", str(etype)),
                     "evalue": str(evalue)[:10_000], "traceback": list(stb)})

        def enable_gui(self, gui=None):
            pass  # no event loop: figures are shown inline, after each cell

        def _format_exception_for_storage(self, exception, filename=None,
                                          running_compiled_code=False):
            # for the history's record of errors, which nothing here reads: IPython would
            # format each traceback a second time for it (half a failing cell's cost)
            return {"ename": type(exception).__name__, "evalue": "", "traceback": []}

    config = Config()
    config.HistoryManager.enabled = False
    shell = CellShell.instance(config=config)
    shell.set_hook("show_in_pager", lambda *a, **k: None)  # `np.sum?`: Jupyter's pager, not an output
    shell.system = shell.system_piped                       # `!ls` prints into the cell
    if figures:
        shell.enable_matplotlib("inline")
    return shell


WARM_MODULES = ("numpy", "matplotlib.pyplot", "matplotlib.backends.backend_agg", "contourpy",
                "nbformat", "h5py", "PIL.Image", "PIL.features", "utils", "utils.data",
                "utils.checks", "utils.diagrams", "utils.grading", "utils.plaindata")


def warm_up(figures=False):
    """Imports what the notebooks import, once, before any submission is seen (matplotlib's
    font cache is built here, not per job). A module the sandbox withholds imports as its stub."""
    import importlib
    import pkgutil
    sys.modules.setdefault("rfc3987_syntax", None)  # see grader/runner.py: 1.3 s, never used
    for name in WARM_MODULES:
        importlib.import_module(name)
    import utils.public_tests
    for info in pkgutil.iter_modules(utils.public_tests.__path__, "utils.public_tests."):
        try:
            importlib.import_module(info.name)
        except Exception:  # a module of another week may need what this box withholds
            pass
    _lexer_made_once()
    _getmodule_without_rescans()
    shell = make_shell(figures)
    _warm_caches(shell)
    _freeze()
    return shell


def _getmodule_without_rescans():
    """inspect.getmodule, asked about code that is in no module's file (a notebook cell's, in
    every frame of a failing cell's traceback, several times per frame), rescans every loaded
    module (~3 ms: 800 modules) in case a new one holds it. Here a frame's, traceback's or
    code's module is looked up after a rescan only when sys.modules changed since the last;
    the answers are the same (such objects have no name to look up in __main__)."""
    import inspect
    import types
    original = inspect.getmodule
    scanned = {}
    nowhere = compile("", "<nowhere>", "exec")

    def getmodule(object, _filename=None):
        if not isinstance(object, (types.FrameType, types.TracebackType, types.CodeType)):
            return original(object, _filename)
        try:
            changed = sys.modules != scanned     # the same names for the same module objects?
        except Exception:                        # an odd object in sys.modules
            return original(object, _filename)
        if changed:
            scanned.clear()
            scanned.update(sys.modules)
            original(nowhere)                    # the rescan, once
        by_file = inspect.modulesbyfile
        if _filename is not None and _filename in by_file:
            return sys.modules.get(by_file[_filename])
        try:
            file = inspect.getabsfile(object, _filename)
        except (TypeError, FileNotFoundError):
            return None
        return sys.modules.get(by_file[file]) if file in by_file else None

    inspect.getmodule = getmodule


def _lexer_made_once():
    """IPython colours each traceback frame with stack_data, which derives a new pygments
    lexer class per frame, and pygments compiles every new lexer class's token tables: a third
    of a failing cell's cost. Here the derived class is made once (the ranges to mark are the
    lexer's, not its class's); the coloured text is the same."""
    import pygments
    import stack_data.core
    from pygments.lexers import get_lexer_by_name
    if not hasattr(stack_data.core, "_pygmented_with_ranges"):
        return

    class MarkingLexer(type(get_lexer_by_name("python3"))):
        ranges = ()

        def get_tokens(self, text):
            at = 0
            for kind, value in super().get_tokens(text):
                if any(start <= at < end for start, end in self.ranges):
                    kind = kind.ExecutingNode     # the node being run, highlighted
                at += len(value)
                yield kind, value

    def pygmented_with_ranges(formatter, code, ranges):
        lexer = MarkingLexer(stripnl=False)
        lexer.ranges = ranges
        try:
            return pygments.highlight(code, lexer, formatter).splitlines()
        except Exception:       # as stack_data: the code uncoloured rather than no traceback
            return code.splitlines()

    stack_data.core._pygmented_with_ranges = pygmented_with_ranges


WARM_CELL = """import numpy as _warm_np
import matplotlib.pyplot as _warm_plt
_warm_fig, _warm_ax = _warm_plt.subplots(1, 2)
_warm_ax[0].imshow(_warm_np.eye(2))
_warm_ax[0].plot([0, 1], label="a")
_warm_ax[1].scatter([0, 1], [1, 0], c=[0, 1])
_warm_ax[1].contourf(_warm_np.eye(3))
_warm_ax[0].legend(), _warm_ax[0].set_title("a")
_warm_plt.close("all")
def _warm_f():
    return _warm_np.reshape(_warm_np.ones(2), (3,))
_warm_f()"""


def _warm_caches(shell):
    """Fills, once, the caches every job would otherwise fill in its own child: pygments'
    lexer tables and stack_data's parsed sources (a failing cell's traceback), nbformat's
    compiled notebook schema (read, validate and write of a notebook), matplotlib's first
    figure (its backend, contour and layout modules; no figure is kept). The shell's state is
    left as it was: nothing run here is in its namespace, no execution count is used."""
    import nbformat
    names = set(shell.user_ns)
    shell.run_cell(WARM_CELL, store_history=False)
    for name in set(shell.user_ns) - names:
        del shell.user_ns[name]
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            delattr(sys, name)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "1", outputs=[nbformat.from_dict(o) for o in OUT.finish()])])
    OUT.reset()
    for minor in (4, nbformat.v4.nbformat_minor):
        nb.nbformat_minor = minor
        nbformat.reads(nbformat.writes(nb), as_version=4)


def _freeze():
    """Moves every object made so far out of the garbage collector's sight: a forked child's
    collections then never touch (and so never copy) the pages the processes share, which
    made each child's first full collection cost 0.1 s of CPU."""
    gc.collect()
    gc.freeze()


def serve_child(shell, rfd, wfd):
    """The child's loop: run what the warm process asks for, answer with the outputs."""
    import utils.grading as grading
    me = os.getpid()
    while True:
        try:
            msg = receive(rfd, None, cap=50_000_000)
        except EOFError:
            os._exit(0)
        if "cell" in msg:
            OUT.reset()
            count = shell.execution_count
            shell.run_cell(msg["cell"], store_history=True)
            if os.getpid() != me:   # a process the cell forked came back here: not ours
                os._exit(0)
            send(wfd, {"outputs": OUT.finish(), "count": count})
        elif "probes" in msg:     # one answer per function, as each is done
            OUT.reset()
            for name, status in grading.record_each(msg["probes"], msg["seconds"]):
                send(wfd, {"probe": name, "status": str(status)})


def _check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(src, target, fstype, flags, data=None):
    _check(LIBC.mount(src and src.encode(), target.encode(), fstype and fstype.encode(),
                      flags, data and data.encode()), f"mount {target}")


def _remount_read_only(path):
    """Makes the mount at `path` read-only in this mount namespace, keeping its other flags
    (the kernel refuses to drop the ones inherited from the outer sandbox)."""
    flag = os.statvfs(path).f_flag
    kept = flag & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME)
    if flag & ST_RELATIME:
        kept |= MS_RELATIME
    _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | kept)


def isolate(job_dir):
    """New namespaces for this process; afterwards only `job_dir` is visible, at /job."""
    uid, gid = os.getuid(), os.getgid()
    _check(LIBC.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC),
           "unshare")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                       ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as f:
            f.write(text)
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount(job_dir, "/job", None, MS_BIND | MS_REC)
    jobs_root = os.path.dirname(job_dir)
    _mount("tmpfs", jobs_root, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")
    for path in READ_ONLY:
        _remount_read_only(path)
    kept = _mounts_below("/tmp")    # a course or data folder checked out under /tmp
    for path in FRESH_TMPFS:
        if os.path.isdir(path):
            _mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, "size=512m,mode=1777")
        if path == "/run" and kept:
            _hold(kept)
    if kept:
        _put_back(kept)
    _mount("tmpfs", "/proc", "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555")
    _drop_capabilities()


def _mounts_below(top):
    """The outermost mount points strictly below `top` (the read-only binds of the sandbox's
    view that live there), read from /proc/self/mountinfo."""
    with open("/proc/self/mountinfo") as f:
        points = sorted({re.sub(r"\\(\d{3})", lambda m: chr(int(m.group(1), 8)), line.split()[4])
                         for line in f})
    below = [p for p in points if p.startswith(top + "/")]
    return [p for p in below if not any(p.startswith(q + "/") for q in below)]


def _hold(paths):
    """Binds each path at /run/.kept/<i> (in the fresh /run) before /tmp is covered."""
    for i, path in enumerate(paths):
        os.makedirs(f"/run/.kept/{i}")
        _mount(path, f"/run/.kept/{i}", None, MS_BIND | MS_REC)


def _put_back(paths):
    """The held binds at their own paths in the fresh /tmp, read-only; the holds removed."""
    for i, path in enumerate(paths):
        os.makedirs(path, exist_ok=True)
        _mount(f"/run/.kept/{i}", path, None, MS_BIND | MS_REC)
        _remount_read_only(path)
        _check(LIBC.umount2(f"/run/.kept/{i}".encode(), MNT_DETACH), "umount hold")
    shutil.rmtree("/run/.kept")


def _drop_capabilities():
    """The job keeps no capability in its user namespace, so it cannot unmount the fresh
    tmpfs laid over the shared places (nor mount anything) to reach what other jobs left."""
    for cap in range(64):
        LIBC.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)       # EINVAL past the last one: ignored
    _check(LIBC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    header = (ctypes.c_uint32 * 2)(0x20080522, 0)       # _LINUX_CAPABILITY_VERSION_3, this process
    data = (ctypes.c_uint32 * 6)()                      # effective, permitted, inheritable: none
    _check(LIBC.capset(header, data), "capset")


def set_limits(limits, isolated):
    """The job's rlimits (they bound every process it starts). The process count only in its
    own user namespace: outside, it would count every process of the grader's user."""
    for what, value in ((resource.RLIMIT_AS, limits["memory"]),
                        (resource.RLIMIT_FSIZE, limits["file_bytes"]),
                        (resource.RLIMIT_NOFILE, limits["open_files"]),
                        (resource.RLIMIT_CPU, limits["cpu_seconds"]),
                        (resource.RLIMIT_CORE, 0),
                        (resource.RLIMIT_NPROC, limits["pids"] if isolated else resource.RLIM_INFINITY)):
        hard = resource.getrlimit(what)[1]
        if hard != resource.RLIM_INFINITY:
            value = hard if value == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(what, (value, value))


def _reseed():
    """A fresh process would draw new random seeds: so does each child."""
    import random

    import numpy
    random.seed()
    numpy.random.seed()


def _quiet_fds(keep):
    """stdin, stdout and stderr on /dev/null (the warm process's pipes are not the child's);
    every other inherited descriptor closed but `keep`."""
    null = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    for fd in [int(f) for f in os.listdir("/proc/self/fd")]:
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass
    sys.stdin = open(os.devnull)
    sys.stdout, sys.stderr = Stream("stdout"), Stream("stderr")


class Child:
    """One attempt at a job: a forked, isolated interpreter taking cells over a pipe."""

    def __init__(self, shell, job_dir, student, limits, isolated):
        from_parent, to_child = os.pipe()
        from_child, to_parent = os.pipe()
        report_r, report_w = os.pipe()   # the child's PID, written by our own code only
        self.reason = None
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(to_child), os.close(from_child), os.close(report_r)
                _quiet_fds([from_parent, to_parent, report_w])
                if isolated:
                    isolate(job_dir)
                inner = os.fork()
                if inner:
                    os.write(report_w, struct.pack("<q", inner))
                    os._exit(0)
                os.close(report_w)
                report_w = None
                self._start(job_dir if not isolated else "/job", student, limits, isolated)
                serve_child(shell, from_parent, to_parent)
            except BaseException:
                if report_w is not None:  # the set-up failed (our code): say why
                    os.write(report_w, struct.pack("<q", -1) + traceback.format_exc()[-2000:].encode())
            finally:
                os._exit(70)
        for fd in (from_parent, to_parent, report_w):
            os.close(fd)
        os.waitpid(pid, 0)
        raw = os.read(report_r, 4000)
        os.close(report_r)
        self.wfd, self.rfd, self.isolated, self.pid = to_child, from_child, isolated, None
        if len(raw) < 8 or struct.unpack("<q", raw[:8])[0] <= 0:
            raise RuntimeError("the sandboxed child could not start: " + raw[8:].decode(errors="replace"))
        self.pid = struct.unpack("<q", raw[:8])[0]

    @staticmethod
    def _start(job_dir, student, limits, isolated):
        LIBC.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
        os.setsid()
        set_limits(limits, isolated)
        os.environ.update({"NNDL_STUDENT": student,
                           "NNDL_PROBE_DIR": os.path.join(job_dir, "probe")})
        os.chdir(os.path.join(job_dir, "submission"))
        # as in a Jupyter kernel: modules handed in beside the notebook are importable
        if "" not in sys.path:
            sys.path.insert(0, "")
        importlib.invalidate_caches()
        _reseed()

    def call(self, msg, seconds):
        """The child's answer to `msg`, or None (then `reason` says why and the child is gone)."""
        if self.pid is None:
            self.reason = "kernel died"
            return None
        try:
            send(self.wfd, msg)
        except OSError:
            self.reason = "kernel died"
            self.kill()
            return None
        return self.listen(seconds)

    def listen(self, seconds):
        """The child's next message, as `call`."""
        if self.pid is None:
            self.reason = "kernel died"
            return None
        try:
            return receive(self.rfd, time.monotonic() + seconds)
        except TimeoutError:
            self.reason = "timeout"
        except (EOFError, OSError):
            self.reason = "kernel died"
        self.kill()
        return None

    def kill(self):
        """Ends the child and everything it started (its whole PID namespace when isolated)."""
        for fd in (self.wfd, self.rfd):
            try:
                os.close(fd)
            except OSError:
                pass
        if self.pid is None:
            return
        for kill in ((lambda: os.killpg(self.pid, signal.SIGKILL)) if not self.isolated else None,
                     lambda: os.kill(self.pid, signal.SIGKILL)):
            try:
                kill and kill()
            except OSError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        self.pid = None


class Supervisor:
    """grader/runner.py's Runner, with a forked child in place of a kernel."""

    def __init__(self, shell, job_dir, student, limits, isolated):
        import nbformat
        self.nbformat = nbformat
        self.job_dir = job_dir
        self.job = json.loads(open(os.path.join(job_dir, "job.json")).read())
        self.nb = nbformat.read(os.path.join(job_dir, "submission", self.job["notebook"]),
                                as_version=4)
        self.log = {"skipped": [], "failed_cells": [], "restarts": 0, "probes": {}}
        self.spawn = lambda: Child(shell, job_dir, student, limits, isolated)
        self.child = None
        self.bad = set()
        self.deadline = time.monotonic() + self.job["cells_seconds"]
        self.wall = time.monotonic() + limits["wall_seconds"]
        self.resume_at = None

    def runnable(self, index, cell):
        tags = cell.get("metadata", {}).get("tags", [])
        return cell.cell_type == "code" and index not in self.bad and self.job["skip_tag"] not in tags

    def left(self):
        return self.deadline - time.monotonic()

    def start(self, replay_until):
        """A fresh child; the good cells before `replay_until` replayed in it."""
        if self.child is not None:
            self.child.kill()
        self.child = self.spawn()
        for i, cell in enumerate(self.nb.cells[:replay_until]):
            if self.runnable(i, cell) and self.left() > 0:
                self.execute(i, cell)

    def ask(self, msg, seconds):
        """The child's answer to `msg` (None: see child.reason); with `msg` None its next
        message. WallTime past the job's wall limit."""
        if time.monotonic() >= self.wall:
            raise WallTime
        seconds = min(seconds, self.wall - time.monotonic())
        return self.child.listen(seconds) if msg is None else self.child.call(msg, seconds)

    def execute(self, index, cell, logged_as=None):
        """Runs one cell; True if the child survived and answered in time."""
        timeout = max(1, min(self.job["cell_timeout"], int(self.left()) + 1))
        reply = self.ask({"cell": cell.source}, timeout)
        if reply is not None:
            cell.outputs = [self.nbformat.from_dict(o) for o in reply["outputs"]]
            cell.execution_count = reply["count"]
            return True
        if time.monotonic() >= self.wall:
            raise WallTime
        self.log["failed_cells"].append({"index": index if logged_as is None else logged_as,
                                         "reason": self.child.reason})
        cell.outputs = [self.nbformat.v4.new_output(
            "error", ename="GradingError", traceback=[],
            evalue=f"this cell was stopped by the grader ({self.child.reason})")]
        return False

    def run_cells(self):
        self.start(0)
        for i, cell in enumerate(self.nb.cells):
            if cell.cell_type == "code" and self.job["skip_tag"] in cell.get("metadata", {}).get("tags", []):
                self.log["skipped"].append(i)
            elif not self.runnable(i, cell):
                continue
            elif self.left() <= 0:
                return self.stop(i, False, "the notebook's cells used up their time")
            elif not self.execute(i, cell):
                self.bad.add(i)
                if self.left() <= 0:
                    return self.stop(i + 1, True, "the notebook's cells used up their time")
                if self.log["restarts"] >= self.job["max_restarts"]:
                    return self.stop(i + 1, True, f"the kernel was restarted "
                                                  f"{self.log['restarts']} times already")
                self.restart(i + 1)

    def stop(self, index, broken, reason):
        """Runs no more cells from `index` on; the functions are probed all the same."""
        self.log["not_run"] = {"from": index, "reason": reason}
        if broken:
            self.resume_at = index

    def restart(self, replay_until):
        self.log["restarts"] += 1
        self.start(replay_until)

    def fresh_child(self, replay_until):
        """A child for probing, its replay with a cell budget of its own."""
        self.deadline = time.monotonic() + self.job["cells_seconds"]
        self.restart(replay_until)

    def run_probes(self):
        if self.resume_at is not None:
            self.fresh_child(self.resume_at)
        todo, seconds, asked = list(self.job["functions"]), self.job["probe_timeout"], False
        while todo:
            name, start = todo.pop(0), time.monotonic()
            reply = self.ask(None if asked else {"probes": [name] + todo, "seconds": seconds},
                             seconds + 30)
            asked = reply is not None
            if reply is None and time.monotonic() >= self.wall:
                raise WallTime
            if reply is None:
                self.log["failed_cells"].append({"index": -1, "reason": self.child.reason})
            self.log["probes"][name] = {"ok": reply is not None,
                                        "seconds": round(time.monotonic() - start, 3),
                                        "status": self.probe_status(name)}
            if reply is None:  # the child itself died or hung, not only the function's fork
                self.fresh_child(self.resume_at or len(self.nb.cells))

    def probe_status(self, name):
        try:
            path = os.path.join(self.job_dir, "probe", "outputs", name, "run.json")
            with open(path) as f:
                return str(json.loads(f.read(1000)).get("status"))[:40]
        except (OSError, ValueError, AttributeError):
            return "no record"

    def write(self):
        if self.child is not None:
            self.child.kill()
        self.nbformat.write(self.nb, os.path.join(self.job_dir, "executed.ipynb"))
        with open(os.path.join(self.job_dir, "log.json"), "w") as f:
            json.dump(self.log, f)


class WallTime(Exception):
    """The job used up its wall-clock limit."""


def run_one(shell, job_dir, student, limits, isolated):
    """Runs one job folder; (exit code as runner.py's: 0 done, 1 failed, None killed, note)."""
    sup = None
    try:
        sup = Supervisor(shell, job_dir, student, limits, isolated)
        sup.run_cells()
        sup.run_probes()
        return 0, ""
    except WallTime:
        return None, "the job used up its wall-clock limit and was stopped"
    except Exception:
        return 1, traceback.format_exc()[-3000:]
    finally:
        if sup is not None:
            sup.write()


def _cpu_seconds():
    """CPU time of this process and of every process it has reaped."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def serve(jobs_root, figures):
    """The warm process: one request a line on stdin, one answer line each on stdout.

    It never reads a job itself: each request is read, run and answered by a supervisor
    forked for it, so no job's notebook, outputs or student id ever sits in the memory the
    next job's child is forked from (freed memory is not wiped).
    """
    sys.stdout = sys.stderr                         # stdout carries the answers only
    shell = warm_up(figures)
    LIBC.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)         # nothing can ptrace or read our memory
    _answer({"ready": True})
    while True:
        pid = os.fork()
        if pid == 0:
            os._exit(_supervise(shell, jobs_root))
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status) and os.WEXITSTATUS(status) == EXIT_NO_MORE_JOBS:
            return
        if status != 0:  # it died before answering (its own failure, not the submission's)
            _answer({"code": 1, "err": f"the job's supervisor ended ({status})"})


EXIT_NO_MORE_JOBS = 3


def _answer(obj):
    data = (json.dumps(obj) + "\n").encode()
    while data:
        data = data[os.write(1, data):]


def _read_request():
    """One line from stdin, read unbuffered (the host sends the next only after the answer)."""
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(0, 65536)
        if not chunk:
            return None
        line += chunk
    return json.loads(line)


def _supervise(shell, jobs_root):
    """A forked supervisor: reads one request, runs the job, answers; its exit status."""
    LIBC.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)  # the job children's PID 1 are reaped here
    req = _read_request()
    if req is None:
        return EXIT_NO_MORE_JOBS
    job_dir = os.path.join(jobs_root, os.path.basename(req["job"]))
    code, err = run_one(shell, job_dir, req["student"], req["limits"], req["isolated"])
    _answer({"code": code, "err": err, "cpu_seconds": round(_cpu_seconds(), 3)})
    return 0


def once(job_dir, limits):
    """One job without namespaces: `python warm.py once JOB_DIR` (NNDL_STUDENT from env)."""
    shell = warm_up()
    LIBC.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    code, err = run_one(shell, os.path.abspath(job_dir), os.environ.get("NNDL_STUDENT", ""),
                        limits, False)
    sys.stderr.write(err)
    return code


NO_LIMITS = {"memory": resource.RLIM_INFINITY, "cpu_seconds": resource.RLIM_INFINITY,
             "pids": resource.RLIM_INFINITY, "wall_seconds": 10 ** 9,
             "file_bytes": resource.RLIM_INFINITY, "open_files": resource.RLIM_INFINITY}

if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], "--figures" in sys.argv)
    else:
        sys.exit(once(sys.argv[2], NO_LIMITS) or 0)
