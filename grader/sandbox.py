"""Runs submissions' job folders in a sandbox: many through one warm sandbox
(`WarmSandbox`, grader/warm.py), or one through a throw-away sandbox (`run_job`).

Protections (each reported by `protections()`, and loudly at the start of a grading run when
one is missing):
- bubblewrap: new user, PID, network, IPC and mount namespaces; the only writable place is the
  job folder; visible read-only are the system, Python, the virtual environment, `utils/` and
  the data; `source/`, `grader/`, the gradebook and other submissions do not exist inside.
  No capabilities; the sandbox dies with the grader, and every process it started with it.
- resource limits: address space, file size, open files, CPU time (setrlimit), and a pids
  and memory cgroup where the machine lets us make one.
- a wall-clock limit for the whole job, after which the sandbox is killed.

In a warm sandbox each job also runs in its own forked child with fresh user, mount, PID,
network and IPC namespaces, seeing only its own job folder (grader/warm.py says how).
"""
import dataclasses
import errno
import json
import os
import resource
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = Path(__file__).resolve().parent / "runner.py"
WITHHELD = Path(__file__).resolve().parent / "withheld.py"
WARM = Path(__file__).resolve().parent / "warm.py"
GiB = 1024 ** 3
CGROUP_V1 = Path("/sys/fs/cgroup")


def bwrap_works():
    """True if bubblewrap is installed and can make its namespaces here."""
    if not shutil.which("bwrap"):
        return False
    cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"]
    return subprocess.run(cmd, capture_output=True).returncode == 0


def protections():
    """{protection: (available, note)} for this machine."""
    bw = bwrap_works()
    cg = _cgroup_parent("pids") is not None and _cgroup_parent("memory") is not None
    return {
        "filesystem, network and process isolation (bubblewrap)":
            (bw, "ok" if bw else "install bubblewrap (apt-get install bubblewrap)"),
        "memory and process-count limits (cgroup)":
            (cg, "ok" if cg else "only per-process rlimits: a fork bomb is bounded by time"),
        "per-process limits (rlimit: memory, file size, CPU)": (True, "ok"),
    }


def _cgroup_parent(controller):
    """A writable cgroup-v1 folder for `controller` (ours, below where we run), or None."""
    base = CGROUP_V1 / controller
    try:
        rel = next(line.split(":", 2)[2].strip() for line in open("/proc/self/cgroup")
                   if controller in line.split(":", 2)[1].split(","))
    except (OSError, StopIteration):
        return None
    path = base / rel.lstrip("/")
    return path if path.is_dir() and os.access(path, os.W_OK) else None


def _setting(default, words):
    """A field of Limits: its default and the help nbgrader shows for it."""
    return dataclasses.field(default=default, metadata={"help": words})


@dataclasses.dataclass(frozen=True, kw_only=True)
class Limits:
    """Every limit of a submission's sandboxed run, and the only place their defaults live.

    Each field is an nbgrader setting of the autograde step: `c.SandboxedJudge.<field>` in
    nbgrader_config.py or `--SandboxedJudge.<field>=...` (grader/nbgrader_plugin.py makes its
    traits from these fields). The runner reads the cells' limits from the job's job.json
    (`runner_settings`); the sandbox applies the rest to the whole job.
    """
    cell_timeout: int = _setting(60, "Seconds one notebook cell may run.")
    probe_timeout: int = _setting(120, "Seconds for running one graded function on all the "
                                       "judge's inputs; each function has its own.")
    wall_timeout: int = _setting(900, "Seconds for running the notebook's cells (restarts and "
                                      "replays included); past it the remaining cells are not "
                                      "run, but every graded function is still probed with its "
                                      "own probe_timeout.")
    max_restarts: int = _setting(8, "Kernel restarts allowed per submission.")
    memory_gib: float = _setting(4.0, "Memory limit of the sandbox, GiB.")
    pids: int = _setting(256, "Processes and threads one submission may run at once.")
    file_mib: int = _setting(512, "Largest file a submission may write, MiB.")
    open_files: int = _setting(1024, "Files a submission's process may hold open at once.")
    judge_timeout: int = _setting(600, "Seconds the judge (a process of the grader's, never "
                                       "running submission code) may take on one submission.")

    @property
    def memory(self):
        """The memory limit in bytes."""
        return int(self.memory_gib * GiB)

    def job_seconds(self, n_functions):
        """Wall-clock and CPU seconds of one whole job with `n_functions` graded functions: the
        cells' budget twice (a last replay before probing may be needed), each function's own
        budget and 30 s of start-up each, and a minute for the rest."""
        return 2 * self.wall_timeout + n_functions * (self.probe_timeout + 30) + 60

    def runner_settings(self):
        """The limits the runner in the sandbox reads from job.json."""
        return {"cell_timeout": self.cell_timeout, "probe_timeout": self.probe_timeout,
                "max_restarts": self.max_restarts, "cells_seconds": self.wall_timeout}

    def rlimits(self, seconds):
        """What grader/warm.py applies to one job (plain data: it cannot import this module)."""
        return {"memory": self.memory, "cpu_seconds": seconds, "wall_seconds": seconds,
                "pids": self.pids, "file_bytes": self.file_mib * 1024 ** 2,
                "open_files": self.open_files}


def _job_seconds(job_dir, limits):
    """The whole job's limit for the graded functions its job.json names (read before the job
    runs: the job may rewrite the file)."""
    functions = json.loads(Path(job_dir, "job.json").read_text()).get("functions", [])
    return limits.job_seconds(len(functions))


def _make_cgroups(limits):
    """Creates pids + memory cgroups for one job; returns their folders (maybe empty)."""
    made = []
    name = f"nndl-{uuid.uuid4().hex[:12]}"
    for controller, files in (("pids", {"pids.max": limits.pids}),
                              ("memory", {"memory.limit_in_bytes": limits.memory})):
        parent = _cgroup_parent(controller)
        if parent is None:
            continue
        try:
            path = parent / name
            path.mkdir()
            made.append(path)
            for f, v in files.items():
                (path / f).write_text(str(v))
        except OSError:
            continue
    return made


def _remove_cgroups(paths):
    for path in paths:
        try:
            for pid in (path / "cgroup.procs").read_text().split():
                os.kill(int(pid), signal.SIGKILL)
        except (OSError, ValueError):
            pass
        try:
            path.rmdir()
        except OSError:
            pass


def _bwrap_args(job_dir, venv, data_dirs, masked=()):
    """A throw-away sandbox for one job: `job_dir` at /job, writable."""
    return _bwrap_view(venv, data_dirs, masked) + [
        "--ro-bind", str(RUNNER), "/opt/nndl/runner.py", "--bind", str(job_dir), "/job",
        "--chdir", "/job/submission"]


def _warm_bwrap_args(jobs_root, venv, data_dirs, masked=()):
    """A warm sandbox: the jobs' folder at /jobs (each job sees only its own, at /job), and
    nothing else writable but the fresh tmpfs of /tmp, /run and /dev (made anew per job)."""
    return _bwrap_view(venv, data_dirs, masked) + [
        "--ro-bind", str(WARM), "/opt/nndl/warm.py", "--bind", str(jobs_root), "/jobs",
        "--dir", "/job", "--remount-ro", "/", "--chdir", "/"]


def _bwrap_view(venv, data_dirs, masked=()):
    """bubblewrap's namespaces and read-only view of the system, Python, `utils/`, the data."""
    args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session",
            "--cap-drop", "ALL", "--uid", "65534", "--gid", "65534", "--hostname", "sandbox",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/run"]
    for d in ("/usr", "/lib", "/lib64", "/bin", "/sbin", "/etc"):
        if os.path.exists(d):
            args += ["--ro-bind", d, d]
    real_python = Path(os.path.realpath(sys.executable)).parent.parent  # the base install
    for d in {str(real_python), str(Path(sys.prefix)), str(venv), str(ROOT / "utils"), *data_dirs}:
        if os.path.exists(d):
            args += ["--ro-bind", d, d]
    for rel in masked:  # a shipped module holding answers: its calls raise, saying why
        if (ROOT / rel).exists():
            args += ["--ro-bind", str(WITHHELD), str(ROOT / rel)]
    return args


def _env(venv):
    return {"PATH": f"{venv}/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8",
            "MPLBACKEND": "Agg", "NNDL_PROBE_DIR": "/job/probe", "NBGRADER_EXECUTION": "autograde",
            "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "JUPYTER_PLATFORM_DIRS": "1", "PYTHONDONTWRITEBYTECODE": "1",
            **({"COURSE_DATA_DIR": os.environ["COURSE_DATA_DIR"]}
               if os.environ.get("COURSE_DATA_DIR") else {})}


def _set_rlimits(limits, seconds):
    def apply():
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_mib * 1024 ** 2,) * 2)
        resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files,) * 2)
        resource.setrlimit(resource.RLIMIT_CPU, (seconds,) * 2)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def _data_dirs():
    return [str(ROOT / "datasets")] + ([os.environ["COURSE_DATA_DIR"]]
                                       if os.environ.get("COURSE_DATA_DIR") else [])


def run_job(job_dir, limits=None, sandboxed=True, masked=(), student="", engine="warm"):
    """Runs one job folder; returns (exit code or None if killed, stderr tail).

    `masked`: paths relative to the repository that the sandbox sees as grader/withheld.py
    (importable; every function taken from it raises an error saying why).
    `student`: the student's id, as $NNDL_STUDENT (the quizzes draw each student's numbers).
    `engine`: "warm" (a one-shot `WarmSandbox`) or "kernel" (grader/runner.py driving a
    Jupyter kernel through nbclient, in its own throw-away sandbox: the reference path).
    """
    if engine == "warm":
        with WarmSandbox(limits, masked=masked, sandboxed=sandboxed) as box:
            return box.run(job_dir, student=student)
    limits = limits or Limits()
    seconds = _job_seconds(job_dir, limits)
    venv = Path(sys.prefix)
    data_dirs = _data_dirs()
    python = str(venv / "bin" / "python")
    if sandboxed:
        cmd = _bwrap_args(job_dir, venv, data_dirs, masked) + [python, "/opt/nndl/runner.py", "/job"]
    else:
        cmd = [python, str(RUNNER), str(job_dir)]
    cgroups = _make_cgroups(limits)
    env = _env(venv) if sandboxed else {**_env(venv), "NNDL_PROBE_DIR": str(Path(job_dir, "probe"))}
    env["NNDL_STUDENT"] = student

    def prepare():
        _set_rlimits(limits, seconds)()
        for path in cgroups:
            (path / "cgroup.procs").write_text(str(os.getpid()))

    proc = subprocess.Popen(cmd, env=env, preexec_fn=prepare, start_new_session=True,
                            cwd=str(Path(job_dir, "submission")),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, err = proc.communicate(timeout=seconds)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
        code = None
    finally:
        _remove_cgroups(cgroups)
    return code, err.decode(errors="replace")[-3000:]


class WarmSandbox:
    """One warm sandboxed interpreter (grader/warm.py) that runs job folders one at a time.

        with WarmSandbox(limits, masked=masked) as box:
            code, err = box.run(job_dir, student="s1")     # as run_job, much faster

    One box per worker and assignment (`masked` is the assignment's). `figures`: matplotlib
    figures become PNG outputs, as in Jupyter (costs 0.2-1 s of CPU per figure; without it
    figures are not drawn, as with the kernel runner's Agg backend). `run` is serialised by a
    lock: use one box per thread or process for parallel work; a box cannot be pickled. If the
    warm process dies or stops answering, it is started again and the job retried once.
    """

    START_SECONDS = 300     # for imports on a busy machine
    GRACE_SECONDS = 60      # past a job's own wall limit before the whole box is given up

    def __init__(self, limits=None, masked=(), sandboxed=True, figures=False):
        self.limits = limits or Limits()
        self.masked, self.sandboxed, self.figures = tuple(masked), sandboxed, figures
        self.proc = self.root = self.errors = self.ender = None
        self.cgroups = []
        self.hung = self.closed = False
        self.cpu_seconds = None     # CPU time of the last job (its processes and the supervisor)
        self.lock = threading.Lock()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        """Starts the warm process and waits until it has imported everything."""
        self.closed = False
        self.root = Path(tempfile.mkdtemp(prefix="nndl-warm-"))
        venv = Path(sys.prefix)
        python = str(venv / "bin" / "python")
        if self.sandboxed:
            cmd = _warm_bwrap_args(self.root, venv, _data_dirs(), self.masked) + [
                python, "/opt/nndl/warm.py", "serve", "/jobs"]
        else:
            cmd = [python, str(WARM), "serve", str(self.root)]
        cmd += ["--figures"] if self.figures else []
        self.cgroups = _make_cgroups(dataclasses.replace(    # the warm process's own share on top
            self.limits, memory_gib=self.limits.memory_gib + 2, pids=self.limits.pids + 64))
        self.errors = tempfile.TemporaryFile()

        def prepare():
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            for path in self.cgroups:
                (path / "cgroup.procs").write_text(str(os.getpid()))

        self.proc = subprocess.Popen(cmd, env=_env(venv), preexec_fn=prepare,
                                     start_new_session=True, cwd=str(self.root),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.errors)
        self.ender = weakref.finalize(self, _end_box, self.proc, self.cgroups, self.errors, self.root)
        if self._answer(self.START_SECONDS) != {"ready": True}:
            err = self._error_tail()
            self._stop()
            raise RuntimeError(f"the warm sandbox did not start: {err}")

    def close(self):
        """Ends the warm process (and every job it runs: their `run` returns (None, ...)
        without a retry) and removes its folders. Done at interpreter exit too, for a box
        nobody closed."""
        self.closed = True
        self._stop()

    def _stop(self):
        if self.ender is not None:
            self.ender()
        self.proc = self.root = self.errors = self.ender = None
        self.cgroups = []

    def run(self, job_dir, student="", limits=None):
        """Runs one job folder; returns (exit code, or None if killed at the wall limit,
        stderr tail), as `run_job`."""
        limits = limits or self.limits
        seconds = _job_seconds(job_dir, limits)
        with self.lock:
            for attempt in (1, 2):
                if self.proc is None or self.proc.poll() is not None:
                    self._stop()
                    self.start()
                answer = self._run_once(Path(job_dir), student, limits.rlimits(seconds))
                if answer is not None:
                    self.cpu_seconds = answer.get("cpu_seconds")
                    return answer["code"], str(answer.get("err", ""))[-3000:]
                err = self._error_tail()
                if self.closed:
                    return None, "the warm sandbox was closed while the job ran"
                self._stop()        # it died or hung: a new one for the retry and the next job
                if self.hung:
                    return None, "the job used up its wall-clock limit and the sandbox was stopped"
                _clear_results(Path(job_dir))
            return None, f"the warm sandbox died twice on this job: {err}"

    def _run_once(self, job_dir, student, rlimits):
        """Moves the job into the box, runs it with `rlimits` (Limits.rlimits), moves it back;
        the answer or None."""
        root = self.root
        inside = root / f"job-{uuid.uuid4().hex[:12]}"
        moved = _move(job_dir, inside)
        try:
            request = {"job": inside.name, "student": student, "isolated": self.sandboxed,
                       "limits": rlimits}
            self.hung = False
            try:
                self.proc.stdin.write((json.dumps(request) + "\n").encode())
                self.proc.stdin.flush()
            except OSError:
                return None
            answer = self._answer(rlimits["wall_seconds"] + self.GRACE_SECONDS)
            return answer if isinstance(answer, dict) and "code" in answer else None
        finally:
            _move_back(inside, job_dir, moved)
            if self.root != root:
                _remove_if_empty(root)

    def _answer(self, seconds):
        """One line from the warm process as JSON; None if it died, hung or said nonsense."""
        fd, line, deadline = self.proc.stdout.fileno(), b"", time.monotonic() + seconds
        while not line.endswith(b"\n") and len(line) < 1_000_000:
            wait = deadline - time.monotonic()
            try:
                if wait <= 0 or not select.select([fd], [], [], wait)[0]:
                    self.hung = True
                    return None
                chunk = os.read(fd, 65536)
            except (OSError, ValueError):     # closed by `close` from another thread
                return None
            if not chunk:
                return None
            line += chunk
        try:
            return json.loads(line)
        except ValueError:
            return None

    def _error_tail(self):
        if self.errors is None:
            return ""
        self.errors.seek(0, os.SEEK_END)
        self.errors.seek(max(0, self.errors.tell() - 3000))
        return self.errors.read().decode(errors="replace")


def _end_box(proc, cgroups, errors, root):
    """Kills a warm sandbox's process group and removes its cgroups and folders."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.wait()
    for f in (proc.stdin, proc.stdout, errors):
        f.close()
    _remove_cgroups(cgroups)
    _remove_if_empty(root)


def _remove_if_empty(root):
    """Removes the box's folder unless a job is still in it (`run` moves it out, then
    removes the folder of a box that was stopped meanwhile)."""
    for _ in range(100):      # the sandbox's mount of it may take a moment to go away
        try:
            os.rmdir(root)
            return
        except OSError as e:
            if e.errno != errno.EBUSY:
                return
            time.sleep(0.02)


def _move(job_dir, inside):
    """Puts the job folder at `inside` (a rename, or a copy from another filesystem);
    True if it was renamed."""
    try:
        os.rename(job_dir, inside)
        return True
    except OSError:
        shutil.copytree(job_dir, inside, symlinks=True)
        return False


def _move_back(inside, job_dir, moved):
    if moved:
        os.rename(inside, job_dir)
    else:
        shutil.copytree(inside, job_dir, symlinks=True, dirs_exist_ok=True)
        shutil.rmtree(inside, ignore_errors=True)


def _clear_results(job_dir):
    """Before a retry: nothing of the failed attempt's results is kept."""
    for name in ("executed.ipynb", "log.json"):
        Path(job_dir, name).unlink(missing_ok=True)
    outputs = Path(job_dir, "probe", "outputs")
    shutil.rmtree(outputs, ignore_errors=True)
    outputs.mkdir(parents=True, exist_ok=True)


def copy_out(job_dir, dest, names, max_bytes=200 * 1024 ** 2):
    """Copies what the sandbox wrote (`names`, files or folders below job_dir) into `dest`;
    returns notes on what was left behind.

    Only regular files are copied, never followed links, fifos or devices, and at most
    `max_bytes` in all: a file larger than what is left of that is skipped (with a note) and
    the rest still copied. Everything read afterwards comes from `dest`, which the sandbox
    never saw. Copy results and bulky files in separate calls, each with its own budget.
    """
    budget, skipped = max_bytes, []
    job_dir, dest = Path(job_dir), Path(dest)
    for name in names:
        src = job_dir / name
        for f in [src] if _is_regular(src) else _regular_files_below(src):
            size = os.lstat(f).st_size
            if size > budget:
                skipped.append(f"{f.relative_to(job_dir)} ({size} bytes)")
                continue
            budget -= size
            target = dest / f.relative_to(job_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(f, os.O_RDONLY | os.O_NOFOLLOW)
            with os.fdopen(fd, "rb") as fh:
                target.write_bytes(fh.read(size))
    if not skipped:
        return []
    return [f"not read back from the sandbox, over the {max_bytes // 1024 ** 2} MB allowed: "
            + ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")]


def _is_regular(path):
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _regular_files_below(folder):
    if not os.path.isdir(folder) or os.path.islink(folder):
        return []
    out = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(top, d))]
        out += [Path(top, f) for f in files if _is_regular(Path(top, f))]
    return out


def make_job(assignment, submission_dir, dest, seed=0, limits=None, **settings):
    """A job folder for `run_job` / `WarmSandbox.run` from a submission folder, as the nbgrader
    plugin makes one (without its gradebook steps): for tests and benchmarks."""
    from grader import judge
    dest = Path(dest)
    shutil.copytree(submission_dir, dest / "submission")
    functions = list(judge.make_cases(assignment, seed))
    judge.write_inputs(assignment, dest / "probe", seed, only=functions)
    (dest / "probe" / "outputs").mkdir(parents=True, exist_ok=True)
    (dest / "job.json").write_text(json.dumps({
        "notebook": f"{assignment}.ipynb", "skip_tag": "skip-autograde", "functions": functions,
        **(limits or Limits()).runner_settings(), **settings}))
    return dest


def recorded(job_dir):
    """{"<function>/case<i>": what the function returned, its time left out}: the probe
    results of a job, to compare two runs of the same submission (tests and benchmarks)."""
    from utils import plaindata
    out = Path(job_dir, "probe", "outputs")
    results = {}
    for case in sorted(out.glob("*/case*.json")):
        value = plaindata.load(case.with_suffix(""))
        value.pop("seconds", None)
        results[f"{case.parent.name}/{case.stem}"] = value
    return results
