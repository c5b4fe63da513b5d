"""Grading many submissions at once: on worker processes of this machine (one per core) or on
the workers of a dask.distributed cluster.

A job is plain data: the submission's files, its seed, its settings. `grade_job` runs in a
worker: the sandboxed run, then the judge, and returns plain data (the run's exit code and log,
the judge's report, the executed notebook's text). The gradebook stays with the caller
(grader/nbgrader_plugin.py). Each worker process keeps one warm judge.
"""
import json
import os
import tempfile
import time
from pathlib import Path

from grader import judge, sandbox

RESULTS_BYTES = 200 * 1024 ** 2     # log.json and what the graded functions returned
MAX_NOTEBOOK_BYTES = 50 * 1024 ** 2
_WORKER = {}                         # this worker process's warm judge and sandbox check


def unpack(files, folder):
    for rel, data in files.items():
        target = Path(folder, rel)
        if ".." in Path(rel).parts or Path(rel).is_absolute():
            raise ValueError(f"bad path in a job: {rel!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _state():
    """This process's own worker state (a forked worker never shares its parent's judge)."""
    if _WORKER.get("pid") != os.getpid():
        _WORKER.clear()
        _WORKER["pid"] = os.getpid()
    return _WORKER


def warm_judge(assignment=None):
    """This process's warm judge (started now, importing while the caller goes on)."""
    state = _state()
    if "judge" not in state:
        state["judge"] = judge.WarmJudge([assignment] if assignment else [])
    return state["judge"].start()


def warm_box(job):
    """This process's warm sandbox for the job's assignment and limits (grader/sandbox.py's
    WarmSandbox: imports once, forks a fresh sandboxed child for each job)."""
    state = _state()
    key = (job["assignment"], tuple(job["masked"]), job["sandboxed"], job["limits"])
    boxes = state.setdefault("boxes", {})
    if key not in boxes:
        boxes[key] = sandbox.WarmSandbox(job["limits"], masked=job["masked"],
                                         sandboxed=job["sandboxed"])
        boxes[key].start()
    return boxes[key]


def _can_sandbox():
    state = _state()
    if "sandbox" not in state:
        state["sandbox"] = sandbox.bwrap_works()
    return state["sandbox"]


def grade_job(job, warm=True):
    """Runs one job (see SandboxedJudge.job): returns {"code", "err", "lost", "log",
    "executed", "report", "worker" (host:pid)}, plain data only. `warm`: in this process's warm sandbox (a worker
    grading many); otherwise a one-shot sandbox."""
    if job["sandboxed"] and not _can_sandbox():
        raise RuntimeError(f"worker {os.uname().nodename} cannot run the sandbox (bubblewrap); "
                           "the instructor's machine can: grade there or install bubblewrap")
    warm = warm_judge(job["assignment"]) if job.get("warm_judge", True) else None
    with tempfile.TemporaryDirectory(prefix="nndl-job-") as tmp, \
            tempfile.TemporaryDirectory(prefix="nndl-trusted-") as trusted:
        work, trusted = Path(tmp), Path(trusted)
        unpack(job["files"], work / "submission")
        judge.write_inputs(job["assignment"], work / "probe", job["seed"], only=job["functions"])
        (work / "probe" / "outputs").mkdir(parents=True, exist_ok=True)
        (work / "job.json").write_text(json.dumps(job["settings"]))
        t0 = time.perf_counter()
        if warm:
            code, err = warm_box(job).run(work, student=job["student"])
        else:
            code, err = sandbox.run_job(work, job["limits"], masked=job["masked"],
                                        sandboxed=job["sandboxed"], student=job["student"])
        t1 = time.perf_counter()
        # results first, each kind with its own budget: a flood of output costs only itself
        lost = sandbox.copy_out(work, trusted, ["log.json", "probe/outputs"], RESULTS_BYTES)
        lost += sandbox.copy_out(work, trusted, ["executed.ipynb"], MAX_NOTEBOOK_BYTES)
        executed = trusted / "executed.ipynb"
        report = run_judge(trusted, job, warm)
        report["seconds"] = {"sandboxed_run": round(t1 - t0, 2),
                             "judge": round(time.perf_counter() - t1, 2)}
        return {"code": code, "err": err, "lost": lost, "report": report,
                "worker": f"{os.uname().nodename}:{os.getpid()}",
                "log": _read_json(trusted / "log.json") or {},
                "executed": executed.read_text(errors="replace") if executed.is_file() else None}


def run_judge(trusted, job, warm=None):
    """The judge's report on what the sandboxed run recorded in trusted/probe."""
    argv = [job["assignment"], str(trusted / "probe"), "--seed", str(job["seed"]),
            "--report", str(trusted / "report.json"), "--absent", json.dumps(job["absent"]),
            "--student", job["student"]]
    err = trusted / "judge.err"
    seconds = job.get("limits", sandbox.Limits()).judge_timeout
    if warm is not None:
        code = warm.run(argv, err, seconds)
    else:   # a judge process of its own (slower: pytest and the checks imported each time)
        import subprocess
        import sys
        env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
        with open(err, "w") as fh:
            code = subprocess.run([sys.executable, "-m", "grader.judge", *argv], stdout=fh,
                                  stderr=fh, timeout=seconds, cwd=str(sandbox.ROOT), env=env).returncode
    report = _read_json(trusted / "report.json")
    if code != 0 or report is None:
        tail = err.read_text(errors="replace")[-2000:] if err.is_file() else ""
        raise RuntimeError(f"the judge failed (exit {code}): {tail}")
    return report


class Pool:
    """Where jobs run: `workers` local processes (0: one per core), or the dask cluster at
    `scheduler` (an address such as tcp://10.0.0.5:8786). submit(job) returns a future whose
    result() is grade_job's."""

    def __init__(self, workers=0, scheduler=""):
        self.scheduler = scheduler
        if scheduler:
            from distributed import Client
            self.client = Client(scheduler, timeout="30s")
            self.size = max(sum(self.client.nthreads().values()), 1)
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            self.size = workers or os.cpu_count() or 1
            # fork: a worker starts in milliseconds with grader/ already imported
            self.executor = ProcessPoolExecutor(self.size, multiprocessing.get_context("fork"))

    def submit(self, job):
        if self.scheduler:
            return self.client.submit(grade_job, job, pure=False)
        return self.executor.submit(grade_job, job)

    def close(self):
        if self.scheduler:
            self.client.close()
        else:
            self.executor.shutdown(wait=True, cancel_futures=True)


def _read_json(path):
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return None
