"""The judge: decides the points of each graded function from plain data.

It runs in its own process, never imports or runs submission code, and reads only what the
sandboxed notebook recorded (`utils.plaindata`: JSON + npz without pickle). Inputs are chosen
here, seeded per submission; expected values come from `grader/reference/`. The checks are the
pytest tests in `grader/test_<assignment>.py`; a function's score is the fraction of its
checks that pass.

    python -m grader.judge ASSIGNMENT PROBE_DIR --seed N --report OUT.json [--only NAME]
    python -m grader.judge --serve [ASSIGNMENT ...]     (the warm judge, see serve())
"""
import argparse
import gc
import hashlib
import importlib
import json
import os
import select
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path

import numpy as np
import pytest

from utils import plaindata
from utils.cases import Case  # noqa: F401 (the judge's Case, used by grader/test_*.py)
from utils.checks import CheckError

GRADER_DIR = Path(__file__).resolve().parent
checks = pytest.mark.checks




def spec(assignment):
    """The module `grader/test_<assignment>.py`: cases(rng), DEPENDS, and the checks."""
    if not (GRADER_DIR / f"test_{assignment}.py").is_file():
        raise LookupError(f"no hidden checks for assignment '{assignment}' in {GRADER_DIR}")
    return importlib.import_module(f"grader.test_{assignment}")


def submission_seed(assignment, student, salt=""):
    """A seed of 31 bits from the assignment, the student and the course's salt."""
    digest = hashlib.sha256(f"{salt}/{assignment}/{student}".encode()).digest()
    return int.from_bytes(digest[:4], "little") >> 1


def make_cases(assignment, seed):
    """{function name: [Case, ...]} for this submission."""
    return spec(assignment).cases(np.random.default_rng(seed))


def write_inputs(assignment, probe_dir, seed, only=None):
    """Writes inputs/<name>/case<i>.{json,npz} for the sandboxed notebook to run."""
    for name, cases in make_cases(assignment, seed).items():
        if only and name not in only:
            continue
        folder = Path(probe_dir, "inputs", name)
        folder.mkdir(parents=True, exist_ok=True)
        for i, case in enumerate(cases):
            plaindata.save({"args": list(case.args), "kwargs": case.kwargs}, folder / f"case{i:02d}")


class Submission:
    """What one submission's functions returned, with the judge's own copy of the inputs."""

    def __init__(self, assignment, probe_dir, seed, absent=None, student=""):
        self.cases = make_cases(assignment, seed)
        self.student = student          # the quizzes draw each student's numbers from it
        self.out = Path(probe_dir, "outputs")
        self.absent = absent or {}

    def meta(self, name, file="meta.json"):
        """A small JSON dict the sandbox wrote about `name` ({} if missing or malformed)."""
        try:
            with open(self.out / name / file, "rb") as fh:
                meta = plaindata.loads_json(fh.read(10000))
            return meta if isinstance(meta, dict) else {}
        except (OSError, ValueError):
            return {}

    def results(self, name, tag=None):
        """[(case, value)] for `name`'s cases (those with `tag`, if given).

        Raises CheckError, failing the check, if the function is missing, was not written in
        the notebook, raised an exception, or did not finish.
        """
        if name in self.absent:
            raise CheckError(self.absent[name])
        meta = self.meta(name)
        if not meta.get("callable"):
            raise CheckError(f"{name} was not found as a function when the notebook ran: "
                             f"check that its cell runs without errors and keeps the name {name}")
        if meta.get("module") != "__main__":
            raise CheckError(f"{name} comes from the module '{meta.get('module')}', not from this "
                             "notebook: write it in its solution cell instead of importing it")
        return [(case, self._value(name, i, case)) for i, case in enumerate(self.cases[name])
                if tag is None or tag in case.tags]

    def _value(self, name, i, case):
        try:
            rec = plaindata.load(self.out / name / f"case{i:02d}")
        except plaindata.RecordError as e:
            raise CheckError(f"{name}({case.label}) returned a result the grader does not read: "
                             f"{e}; return plain numbers and numpy arrays of sensible size") from None
        except (OSError, ValueError):
            raise CheckError(self._unfinished(name, case)) from None
        if not isinstance(rec, dict) or "ok" not in rec:
            raise CheckError(f"{name}({case.label}): the grader could not read its result")
        if not rec["ok"]:
            raise CheckError(_raised(name, case, rec))
        return rec.get("value")

    def _unfinished(self, name, case):
        """Why `name` left no result for `case`, from how its probing process ended."""
        run = self.meta(name, "run.json")
        status = str(run.get("status", ""))
        if status == "timeout":
            return (f"{name}({case.label}) did not finish: {name} ran past its own time limit "
                    f"({run.get('limit')} s for all the grader's inputs); look for an endless "
                    "loop or a very slow step (a python loop over every entry)")
        if status.startswith(("exit", "signal")):
            return (f"{name}({case.label}) did not finish: the process running it ended "
                    f"({status}), e.g. it ran out of memory or called exit")
        return (f"{name}({case.label}) did not finish: it crashed the kernel or ran past the "
                "time limit")


class JudgePlugin:
    """pytest plugin: gives tests the `sub` fixture and tallies checks per function."""

    def __init__(self, submission, only=None):
        self.submission = submission
        self.only = set(only or [])
        self.tally = {}

    @pytest.fixture
    def sub(self):
        return self.submission

    def pytest_configure(self, config):
        config.addinivalue_line("markers", "checks(name): the graded function a test checks")

    def pytest_collection_modifyitems(self, items):
        keep = [it for it in items if it.get_closest_marker("checks")
                and (not self.only or it.get_closest_marker("checks").args[0] in self.only)]
        items[:] = keep

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = (yield).get_result()
        if report.when == "call" or (report.when == "setup" and report.failed):
            marker = item.get_closest_marker("checks")   # checks(name, weight=w), w = 1 if unsaid
            name, weight = marker.args[0], marker.kwargs.get("weight", 1)
            entry = self.tally.setdefault(name, [0, [], 0])  # passed, messages, total (weights)
            entry[2] += weight
            if report.passed:
                entry[0] += weight
            else:
                entry[1].append(_message(call.excinfo))


def _raised(name, case, rec):
    """What to tell a student whose function raised: not written yet, or the error with the
    line and statement of their own code it came from (utils.grading records them)."""
    kind = str(rec.get("error_type") or "an exception")
    if kind == "NotImplementedError":
        return (f"{name} is not written yet: replace `raise NotImplementedError()` in its "
                "solution cell with your code")
    error = str(rec.get("error") or kind).strip().rstrip(":").strip() or kind
    line = str(rec.get("line") or "").strip()
    func, lineno = rec.get("function"), rec.get("lineno")
    where = f" at line {lineno} of {func}" if func and lineno and func != "<module>" else ""
    if line:
        where += f": `{line}`" if where else f" at `{line}`"
    said = f"{name}({case.label}) raised {error}{where}"
    if error == kind:       # an exception without a message, such as a bare assert
        said += (": an assert in your own code failed on these inputs; check what it assumes "
                 "(a dtype, a shape, a size taken from the notebook)"
                 if kind == "AssertionError" else ": it came without a message")
    return said


def _message(excinfo):
    """The student's message for a failed check; never empty."""
    if excinfo is not None and isinstance(excinfo.value, CheckError):
        return str(excinfo.value).strip() or "a check failed without saying why; please tell your instructor"
    if excinfo is not None:  # a bug in a check: say so rather than blame the student
        return f"the check itself failed ({excinfo.typename}); please tell your instructor"
    return "a check failed without saying why; please tell your instructor"


def verdicts(assignment, tally):
    """{name: {"passed", "total", "summary", "messages"}} with dependency hints added."""
    depends = getattr(spec(assignment), "DEPENDS", {})
    explain = getattr(spec(assignment), "EXPLAIN", {})   # quizzes: why the right answer is right
    out = {}
    for name, (passed, messages, total) in tally.items():
        failed_deps = [d for d in depends.get(name, []) if d in tally and tally[d][0] < tally[d][2]]
        if passed < total and failed_deps:
            messages = [f"{name} calls {', '.join(failed_deps)}, which failed its own checks: "
                        "fix that first, the messages below may follow from it"] + messages
        if name in explain:
            messages = messages + [f"why: {explain[name]}"]
        mark = "passed" if passed == total else "FAILED"
        out[name] = {"passed": passed, "total": total, "messages": _dedupe(messages),
                     "summary": f"{name}: {passed}/{total} hidden checks passed" +
                                ("" if passed == total else f" ({mark})")}
    return out


def _dedupe(messages):
    return list(dict.fromkeys(messages))


PYTEST_ARGS = ["-qq", "--tb=no", "-p", "no:cacheprovider", "--rootdir", str(GRADER_DIR),
               "-c", str(GRADER_DIR / "judge.ini")]


def _parser():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("assignment")
    ap.add_argument("probe_dir")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--only", action="append")
    ap.add_argument("--student", default="", help="the student's id (the quizzes' numbers)")
    ap.add_argument("--absent", default="{}", help="JSON {name: reason} of functions that get no credit")
    return ap


def main(argv=None, collected=None):
    """Judges one submission (the command line above); its exit code. `collected`: the
    assignment's checks already collected by the warm judge's session (serve()), run here
    without pytest's start-up and collection."""
    args = _parser().parse_args(argv)
    sub = Submission(args.assignment, args.probe_dir, args.seed, json.loads(args.absent),
                     args.student)
    if collected is None:
        plugin = JudgePlugin(sub, args.only)
        test_file = GRADER_DIR / f"test_{args.assignment}.py"
        code = pytest.main([str(test_file), *PYTEST_ARGS], plugins=[plugin])
    else:
        plugin, items = collected
        plugin.submission, plugin.tally = sub, {}
        code = _run_items([it for it in items if not args.only
                           or it.get_closest_marker("checks").args[0] in args.only])
    if code not in (0, 1):
        print(f"judge: pytest exited {code}", file=sys.stderr)
        return 2
    report = {"assignment": args.assignment, "functions": verdicts(args.assignment, plugin.tally)}
    Path(args.report).write_text(json.dumps(report, indent=1))
    return 0


def _run_items(items):
    """Runs collected checks as pytest's own test loop does; pytest's exit code (5: none)."""
    if not items:
        return pytest.ExitCode.NO_TESTS_COLLECTED
    session = items[0].session
    for i, item in enumerate(items):
        nextitem = items[i + 1] if i + 1 < len(items) else None
        item.config.hook.pytest_runtest_protocol(item=item, nextitem=nextitem)
    return pytest.ExitCode.TESTS_FAILED if session.testsfailed else pytest.ExitCode.OK


def serve(preload=(), requests=sys.stdin, answers=sys.stdout):
    """The warm judge: pytest, numpy and each assignment's checks are imported once, then
    every request (a JSON line {"argv": [...], "err": FILE, "timeout": S}) is judged by
    main(argv) in a forked child, so no state passes from one submission to the next. Answers
    a JSON line {"code": exit code, or null if the child ran past `timeout` and was killed}.
    The checks of the `preload` assignments are collected once, by one pytest session whose
    test loop is this server (ServeLoop): a child only runs them. Safe because the judge never
    runs submission code: it reads plain data only."""
    import _pytest.config
    for name in _pytest.config.default_plugins:     # what pytest.main would import each time
        importlib.import_module(f"_pytest.{name}")
    for name in ("numpy.random", "encodings.cp437"):  # imported on first use: by make_cases,
        importlib.import_module(name)                 # by zipfile reading an npz
    answers = os.fdopen(os.dup(answers.fileno()), "w")   # pytest's own output goes elsewhere
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    files = []
    for assignment in preload:
        spec(assignment)
        files.append(str(GRADER_DIR / f"test_{assignment}.py"))
    loop = ServeLoop(requests, answers)
    if files:    # -s: the children write their own output, see _judge_in_child
        pytest.main([*files, *PYTEST_ARGS, "-s"], plugins=[loop.plugin, loop])
    if not loop.served:     # nothing preloaded, or pytest stopped before its test loop
        loop.serve({})


class ServeLoop:
    """pytest plugin of serve(): replaces pytest's test loop by the warm judge's requests."""

    def __init__(self, requests, answers):
        self.requests, self.answers = requests, answers
        self.plugin, self.served = JudgePlugin(None), False

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        by_assignment = {}
        if not session.testsfailed:      # a collection error: each child collects again
            for item in session.items:
                by_assignment.setdefault(item.path.stem[len("test_"):], []).append(item)
        self.serve(by_assignment)
        return True

    def serve(self, by_assignment):
        """Answers every request; {assignment: its collected checks} run without pytest's
        start-up, any other assignment by pytest.main in the child."""
        self.served = True
        gc.freeze()      # the children's garbage collector leaves the parent's pages shared
        for line in self.requests:
            req = json.loads(line)
            try:
                spec(req["argv"][0])
            except Exception:  # noqa: BLE001 (the child reports it)
                pass
            items = by_assignment.get(req["argv"][0])
            code = _judge_in_child(req, (self.plugin, items) if items else None)
            self.answers.write(json.dumps({"code": code}) + "\n")
            self.answers.flush()


def _judge_in_child(req, collected=None):
    """Runs main(req["argv"]) in a fork with its output in req["err"]; its exit code."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            fd = os.open(req["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            code = main(req["argv"], collected)
        except BaseException:  # noqa: BLE001 (any failure is this child's exit code)
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + float(req["timeout"])
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return None
        time.sleep(0.002)


class WarmJudge:
    """Client of one warm judge process (`python -m grader.judge --serve`), started on first
    use and again if it died. One per grading worker; not shared between threads."""

    def __init__(self, preload=()):
        self.preload, self.proc = list(preload), None

    def start(self):
        """Starts the judge process (it imports while the caller does other work)."""
        if self.proc is None or self.proc.poll() is not None:
            env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "grader.judge", "--serve", *self.preload],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=str(GRADER_DIR.parent),
                env=env, text=True, start_new_session=True)
        return self

    def run(self, argv, err, timeout):
        """Judges one submission (main's argv) within `timeout` seconds (Limits.judge_timeout);
        returns its exit code (None: killed)."""
        self.start()
        self.proc.stdin.write(json.dumps({"argv": argv, "err": str(err), "timeout": timeout}) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout + 60)
        line = self.proc.stdout.readline() if ready else ""
        if not line:             # the judge process itself is stuck or gone: a fresh one next time
            self.close()
            return None
        return json.loads(line)["code"]

    def close(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2:])
    else:
        sys.exit(main())
