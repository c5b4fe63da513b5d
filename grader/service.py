"""A warm grading service: one student's submission graded in about a second, not ten.

    python -m grader.service start [--course DIR] [--idle MINUTES] [--assignment A]
    python -m grader.service stop|status [--course DIR]

A one-student grade (`make grade A=x ARGS=--student=y`) pays for importing nbgrader, starting
a sandbox and a judge. The service pays that once: it stays up in the background, holding
nbgrader imported, and runs each `python -m grader.batch A --student=S` in process: the intake,
the grading through nbgrader's own API (`NbGraderAPI.autograde`, as formgrader does) with its
warm sandbox (a fresh sandboxed child per submission, grader/warm.py) and warm judge, the score
table. The gradebook, autograded notebooks and grading reports are written by nbgrader exactly
as by `nbgrader autograde A --student S --force`.

- It listens on a Unix socket in COURSE/.grader-service/ (mode 0700: only the instructor who
  started it can connect, and it checks the caller's uid too), one request at a time.
- It stops after `--idle` minutes without a request (default 30), when any file of grader/ or
  utils/ or the course's nbgrader_config.py changes (the code it holds would be stale), and on
  `stop`.
- grader.batch uses it for one student when it is up, and grades without it otherwise (or when
  it stops or dies mid-way: nbgrader's writes are per-submission transactions, and the grade is
  then simply made again without it, with a message saying so).
"""
import argparse
import contextlib
import io
import json
import logging
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import traceback
from pathlib import Path

from grader.course import ASSIGNMENTS, ROOT

FOLDER = ".grader-service"
IDLE_MINUTES = 30
MAX_MESSAGE = 10 * 1024 ** 2
WATCHED = ("grader", "utils")        # the code a running service holds, below ROOT


class Unavailable(Exception):
    """The service is not there, or stopped before answering: grade without it."""


def paths(course):
    folder = Path(course) / FOLDER
    return folder, folder / "socket", folder / "service.log"


# --- the client side (grader.batch) ---------------------------------------------------------

def running(course):
    """True if a service answers on this course's socket."""
    try:
        return request(course, {"op": "ping"}, timeout=5).get("ok", False)
    except Unavailable:
        return False


def request(course, message, timeout=None):
    """Sends one request, returns the service's answer; raises Unavailable if none came."""
    _, sock_path, _ = paths(course)
    if not sock_path.is_socket():
        raise Unavailable("no grading service is running for this course")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(str(sock_path))
            _send(sock, message)
            answer = _receive(sock)
        except (OSError, ValueError) as e:
            raise Unavailable(f"the grading service did not answer ({type(e).__name__}: {e})") from e
    if answer is None:
        raise Unavailable("the grading service stopped before answering")
    return answer


def run(course, argv):
    """Runs `python -m grader.batch ARGV` (one student) on the service: {"code", "printed":
    [(stdout or stderr, text)]}."""
    argv = [*argv, "--course", str(course)]
    assignment = next((a for a in argv if not a.startswith("-")), "")
    answer = request(course, {"op": "batch", "argv": argv, "assignment": assignment})
    if answer.get("stale"):
        raise Unavailable("the grading service held older code than grader/ or the "
                          "configuration now has; it stopped")
    return answer


def start(course, idle=IDLE_MINUTES, assignment="", wait=120):
    """Starts the service in the background (nothing if one runs); True once it answers."""
    if running(course):
        return True
    folder, _, log = paths(course)
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    with open(log, "ab") as out:
        subprocess.Popen([sys.executable, "-m", "grader.service", "serve", "--course", str(course),
                          "--idle", str(idle), "--assignment", assignment],
                         stdin=subprocess.DEVNULL, stdout=out, stderr=out, cwd=str(course),
                         start_new_session=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if running(course):
            return True
        time.sleep(0.1)
    return False


def _send(sock, obj):
    data = json.dumps(obj).encode()
    sock.sendall(struct.pack("<Q", len(data)) + data)


def _receive(sock):
    """One message, or None if the other side closed first."""
    head = _exact(sock, 8)
    if head is None:
        return None
    n = struct.unpack("<Q", head)[0]
    if n > MAX_MESSAGE:
        raise ValueError(f"a message of {n} bytes")
    data = _exact(sock, n)
    return None if data is None else json.loads(data)


def _exact(sock, n):
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


# --- the service ----------------------------------------------------------------------------

class Service:
    """nbgrader's API for one course, kept warm between requests."""

    def __init__(self, course):
        from grader import nbgrader_main
        nbgrader_main.speed_up()
        from grader.course import use_this_environment
        use_this_environment()                       # alembic on PATH, as for nbgrader
        os.environ.pop("NNDL_BATCH_TOTAL", None)     # a batch's setting: read the gradebook anew
        self.course = Path(course).resolve()
        self.started = time.time()
        self.api = self._api()

    def _api(self):
        """nbgrader's API configured as `nbgrader autograde` in the course would be, grading
        intake/ (grader.intake) with this process's warm sandbox and judge."""
        from nbgrader.apps.api import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config.loader import PyFileConfigLoader

        from grader import intake
        from grader.nbgrader_plugin import SandboxedJudge
        os.chdir(self.course)
        config = PyFileConfigLoader("nbgrader_config.py", path=str(self.course)).load_config()
        config.CourseDirectory.submitted_directory = intake.INTAKE
        config.Exporter.optimistic_validation = True         # as grader.nbgrader_main
        SandboxedJudge.warm_here = True
        self.create_student = config.Autograde.get("create_student", True)
        return NbGraderAPI(CourseDirectory(config=config), config=config)

    def stale(self, assignment):
        """True if code or configuration grading `assignment` uses changed since this process
        started: the course's nbgrader_config.py, grader/ and utils/ (what only another
        assignment uses left out)."""
        others = [a for a in ASSIGNMENTS if a != assignment and a not in assignment]
        files = [self.course / "nbgrader_config.py"]
        for top in WATCHED:
            files += [f for f in (ROOT / top).rglob("*.py")
                      if not any(a in str(f.relative_to(ROOT)) for a in others)]
        return any(_mtime(f) > self.started for f in files)

    def run(self, argv):
        """grader.batch's main(argv) here, grading with `autograde`: {"code", "printed"}."""
        from grader import batch
        printed = []                         # [(stream, text)] in the order printed
        out, err = _Stream("stdout", printed), _Stream("stderr", printed)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = batch.main(argv, autograde=self.autograde)
            except SystemExit as e:          # argparse's usage errors
                code = e.code if isinstance(e.code, int) else 1
            except Exception:                # noqa: BLE001 (said to the caller, as a crash would)
                traceback.print_exc()
                code = 1
        return {"code": code, "printed": printed}

    def autograde(self, course, assignment, nbgrader_args, log):
        """`nbgrader autograde ASSIGNMENT --student=S --force` in this process, printing and
        logging what the fresh process would (grader.batch.autograde_here): its exit code."""
        from grader import batch
        student = next(a[10:] for a in nbgrader_args if a.startswith("--student="))
        lines = []
        with _captured(lines):
            result = self.api.autograde(assignment, student, force=True,
                                        create=self.create_student)
        if not result["success"]:
            lines.append(str(result.get("error", ""))[-3000:])
        for line in map(batch.printable, lines):
            if batch.PROGRESS_RE.fullmatch(line):
                log.write(line + "\n")
            print(line, file=sys.stderr, flush=True)
        return 0 if result["success"] else 1

    def warm_up(self, assignment):
        """Starts the judge for `assignment` now rather than at the first request."""
        from grader import pool
        if assignment:
            pool.warm_judge(assignment)


class _Stream(io.TextIOBase):
    """A stdout or stderr whose writes are kept, in order with the other's, in `printed`."""

    def __init__(self, name, printed):
        self.name, self.printed = name, printed

    def write(self, text):
        self.printed.append((self.name, text))
        return len(text)


class _KeepErrors(logging.Handler):
    """Keeps what `nbgrader autograde --log-level=ERROR` would print, and the graded line."""

    def __init__(self, lines):
        super().__init__(logging.INFO)
        self.lines = lines

    def emit(self, record):
        text = record.getMessage()
        if record.levelno >= logging.ERROR:
            self.lines.append(f"[{record.levelname}] {text}")
        elif text.startswith("graded "):        # SandboxedJudge's line for one submission
            self.lines.append("[1/1] " + text[len("graded "):])


@contextlib.contextmanager
def _captured(lines):
    """Collects nbgrader's log records of one request into `lines`."""
    from traitlets import log as tlog
    logger = tlog.get_logger()
    handler, level = _KeepErrors(lines), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    quiet = [h for h in logger.handlers if h is not handler]
    for h in quiet:
        logger.removeHandler(h)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        logger.removeHandler(handler)
        for h in quiet:
            logger.addHandler(h)
        logger.setLevel(level)


def _mtime(path):
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def serve(course, idle=IDLE_MINUTES, assignment=""):
    """Answers requests on the course's socket until idle, stale or told to stop."""
    folder, sock_path, _ = paths(course)
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    service = Service(course)
    service.warm_up(assignment)
    with contextlib.suppress(FileNotFoundError):
        sock_path.unlink()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(sock_path))
    os.chmod(sock_path, 0o600)
    server.listen(8)
    server.settimeout(idle * 60)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"{time.strftime('%H:%M:%S')} grading service {os.getpid()} up for {course}", flush=True)
    try:
        while True:
            try:
                conn, _ = server.accept()
            except socket.timeout:
                print(f"{time.strftime('%H:%M:%S')} idle for {idle} minutes: stopping", flush=True)
                return
            with conn:
                if not _answer(conn, service):
                    return
    finally:
        server.close()
        with contextlib.suppress(FileNotFoundError):
            sock_path.unlink()


def _answer(conn, service):
    """Answers one request; False if the service must stop."""
    uid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12))[1]
    if uid != os.getuid():
        return True
    conn.settimeout(30)
    try:
        message = _receive(conn) or {}
    except (OSError, ValueError):
        return True
    op = message.get("op")
    if op == "ping":
        _send(conn, {"ok": True, "pid": os.getpid()})
    elif op == "stop":
        _send(conn, {"ok": True})
        return False
    elif op == "batch":
        if service.stale(str(message["assignment"])):
            _send(conn, {"stale": True})
            print("code or configuration changed: stopping", flush=True)
            return False
        t0 = time.perf_counter()
        answer = service.run([str(a) for a in message["argv"]])
        conn.settimeout(None)
        _send(conn, answer)
        print(f"{time.strftime('%H:%M:%S')} ran {message['argv']!r} in "
              f"{time.perf_counter() - t0:.1f} s", flush=True)
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["start", "stop", "status", "serve"])
    ap.add_argument("--course", type=Path, default=ROOT)
    ap.add_argument("--idle", type=float, default=IDLE_MINUTES, help="minutes before it stops")
    ap.add_argument("--assignment", default="", help="start this assignment's judge at once")
    args = ap.parse_args(argv)
    course = args.course.resolve()
    if args.command == "serve":
        serve(course, args.idle, args.assignment)
    elif args.command == "start":
        if not start(course, args.idle, args.assignment):
            print(f"ERROR: the grading service did not start; see {paths(course)[2]}",
                  file=sys.stderr)
            return 1
        print(f"grading service up for {course} (stops after {args.idle:g} idle minutes)")
    elif args.command == "stop":
        with contextlib.suppress(Unavailable):
            request(course, {"op": "stop"}, timeout=600)
        print("grading service stopped")
    else:
        up = running(course)
        print(f"grading service for {course}: {'up' if up else 'not running'}")
        return 0 if up else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
