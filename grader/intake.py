"""The intake gate: the one step that reads what students hand in.

`python -m grader.batch` runs it before anything else, whatever filled `submitted/` (copied by
hand, `nbgrader collect`, `nbgrader zip_collect`). It copies each
`submitted/<student>/<assignment>/` into `intake/<folder>/<assignment>/`, a fresh folder owned
by the grader, and nbgrader autograde then reads from `intake/` only:

- only regular files are taken: no symbolic links, no hard links to other files, no pipes,
  sockets or devices, no folder posing as a notebook; with caps on the size of a file, the
  total size, the number of entries and the depth of folders. Files are opened without
  following links and checked again once open.
- the notebooks the assignment declares (and nbgrader's `timestamp.txt`) go where nbgrader
  expects them; the files the course ships with the assignment (`release/<a>/` besides the
  notebook) are copied from `release/`, never from the student; every other file handed in
  is put aside in `handed-in/`, which the sandbox never sees, so it cannot shadow a module.
- any student id is accepted: an id that is already a safe folder name keeps its name;
  another ("Doe, Jane [1024]", "*", "../x") gets a safe, deterministic one (slug + hash),
  recorded in `intake/ids.json`.
- one plain line per refusal ("helpers.py is a link: not taken").

`recover_damaged` then replaces a notebook that is not valid JSON by the code cells a linear,
JSON-aware scan can find in it, keeping the original as `handed-in/<name>.broken`. Every write
below `intake/` creates a new file and never follows a link.
"""
import errno
import hashlib
import json
import os
import re
import shutil
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


INTAKE = "intake"
EXTRAS = "handed-in"             # not a Python identifier: nothing can be imported from it
IDS_FILE = "ids.json"
TIMESTAMP = "timestamp.txt"      # written by nbgrader collect; read by autograde and feedback
SECRET = "submission_secret.txt"  # written by nbgrader submit; release_feedback needs it here
SAFE_ID = re.compile(r"(?!\.)[A-Za-z0-9_.-]{1,64}")
MiB = 1024 ** 2
MAX_LINES = 20                   # refusal lines kept per student


@dataclass(frozen=True)
class Caps:
    """What the gate takes from one submission at most."""
    file_bytes: int = 50 * MiB
    total_bytes: int = 200 * MiB
    entries: int = 1000          # files and folders seen, taken or not
    depth: int = 8               # folders below the submission's own
    salvage_chars: int = 16 * MiB


CAPS = Caps()


@dataclass
class Taken:
    """One student's submission after the gate."""
    student: str                 # the id as handed in (the folder name in submitted/)
    folder: str = None           # its folder in intake/ (nbgrader's student id), None if refused
    notebooks: list = field(default_factory=list)
    lines: list = field(default_factory=list)


class Refused(Exception):
    """A file the gate does not take; the message completes '<name> ...: not taken'."""


# --- reading without following links ----------------------------------------------------------

def _open_dir(name, dir_fd=None):
    return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_NONBLOCK,
                   dir_fd=dir_fd)


def _problem(st):
    """Why a file with this (l)stat is not taken, or None for a plain regular file."""
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return "a hard link to another file" if st.st_nlink > 1 else None
    for test, what in ((stat.S_ISLNK, "a link"), (stat.S_ISDIR, "a folder"),
                       (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return what
    return "not a regular file"


def read_regular(name, dir_fd=None, limit=CAPS.file_bytes):
    """The bytes of the regular file `name` (at most `limit`), opened without following a link;
    raises Refused for anything else."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY,
                     dir_fd=dir_fd)
    except OSError as e:
        raise Refused("is a link" if e.errno == errno.ELOOP else
                      f"is unreadable ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        problem = _problem(st)
        if problem:
            raise Refused(f"is {problem}")
        if st.st_size > limit:
            raise Refused(f"is {st.st_size} bytes, over the limit of {limit}")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, MiB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise Refused(f"grew past the limit of {limit} bytes while being read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def regular_files(folder, caps=CAPS, lines=None, skip=(), dir_fd=None):
    """Yields (relative path, bytes) of the regular files below `folder`, in name order.

    Nothing is followed: a link, pipe, device, socket or hard link gets a line in `lines`
    ("x is a link: not taken") and is skipped, as are folders deeper than `caps.depth`, files
    past the byte caps and entries past `caps.entries`. Top-level names in `skip` are not
    entered. Raises OSError if `folder` (relative to `dir_fd` if given) is a link or not a
    folder.
    """
    lines = [] if lines is None else lines
    budget = {"bytes": caps.total_bytes, "entries": caps.entries}
    fd = _open_dir(str(folder), dir_fd)
    try:
        yield from _walk(fd, "", 0, caps, budget, lines, set(skip))
    finally:
        os.close(fd)


def _walk(dfd, prefix, depth, caps, budget, lines, skip):
    for name in sorted(os.listdir(dfd)):
        rel = prefix + name
        if rel in skip:
            continue
        budget["entries"] -= 1
        if budget["entries"] < 0:
            lines.append(f"more than {caps.entries} files and folders: the rest was not taken")
            return
        try:
            st = os.stat(name, dir_fd=dfd, follow_symlinks=False)
        except OSError as e:
            lines.append(f"{rel} is unreadable ({e.strerror}): not taken")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_folder(dfd, name, rel, depth, caps, budget, lines, skip)
            continue
        try:
            if _problem(st):
                raise Refused(f"is {_problem(st)}")
            data = read_regular(name, dfd, min(caps.file_bytes, budget["bytes"]))
        except Refused as e:
            lines.append(f"{rel} {e}: not taken")
            continue
        budget["bytes"] -= len(data)
        yield rel, data


def _walk_folder(dfd, name, rel, depth, caps, budget, lines, skip):
    if depth >= caps.depth:
        lines.append(f"{rel}/ is more than {caps.depth} folders deep: not taken")
        return
    try:
        sub = _open_dir(name, dfd)
    except OSError as e:
        lines.append(f"{rel}/ cannot be opened ({e.strerror}): not taken")
        return
    try:
        if budget["entries"] >= 0:
            yield from _walk(sub, rel + "/", depth + 1, caps, budget, lines, skip)
    finally:
        os.close(sub)


# --- writing: new files only, never through a link ----------------------------------------------

def write_new(path, data):
    """Creates the file `path` holding `data`; fails if anything (a link too) is there."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


# --- student ids ----------------------------------------------------------------------------------

def safe_folder(student):
    """The intake folder name of a student id: the id itself when it is a safe name, else a
    slug of it plus a hash of the whole id ("Doe, Jane [1024]" -> "Doe_Jane_1024-<8 hex>")."""
    if SAFE_ID.fullmatch(student):
        return student
    ascii_ = unicodedata.normalize("NFKD", student).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "_", ascii_).strip("_")[:40] or "student"
    digest = hashlib.sha256(student.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{slug}-{digest}"


def read_ids(course):
    """{intake folder: student id as handed in} for the ids that were renamed."""
    try:
        ids = json.loads(read_regular(str(Path(course, INTAKE, IDS_FILE)), limit=10 * MiB))
        return {str(k): str(v) for k, v in ids.items()} if isinstance(ids, dict) else {}
    except (Refused, ValueError, AttributeError):
        return {}


def _write_ids(course, ids):
    tmp = Path(course, INTAKE, f".{IDS_FILE}.{os.getpid()}")
    write_new(tmp, json.dumps(ids, indent=1, sort_keys=True).encode())
    os.replace(tmp, Path(course, INTAKE, IDS_FILE))     # replaces a name, follows nothing


# --- the gate -------------------------------------------------------------------------------------

def take_in(course, assignment, caps=CAPS):
    """Copies every submission of `assignment` from course/submitted/ into course/intake/;
    returns a Taken per student folder that holds the assignment (or a link posing as it)."""
    course = Path(course)
    shipped, notebooks = _shipped(course, assignment, caps)
    intake = _fresh_intake(course, assignment)
    ids, claimed, taken = read_ids(course), {}, []
    try:
        top = os.open(course / "submitted", os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return []
    try:
        for student in sorted(os.listdir(top)):
            one = _take_student(top, student, assignment, intake, (shipped, notebooks),
                                caps, (ids, claimed))
            if one is not None:
                taken.append(one)
    finally:
        os.close(top)
    _write_ids(course, ids)
    return taken


def _shipped(course, assignment, caps):
    """({relative path: bytes} of release/<a>/ besides notebooks, [declared notebook names])."""
    release = course / "release" / assignment
    files = dict(regular_files(release, caps))
    notebooks = sorted(r for r in files if r.endswith(".ipynb") and "/" not in r)
    return {r: d for r, d in files.items() if r not in notebooks}, notebooks


def _fresh_intake(course, assignment):
    """course/intake/ (made if missing; refused if a link), without this assignment's folders."""
    intake = course / INTAKE
    if intake.is_symlink() or (intake.exists() and not intake.is_dir()):
        raise RuntimeError(f"{intake} is not a folder of the grader's: remove it and run again")
    intake.mkdir(exist_ok=True)
    for student in intake.iterdir():
        old = student / assignment
        if student.is_dir() and not student.is_symlink() and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
    return intake


def _take_student(top, student, assignment, intake, release, caps, names):
    """Takes submitted/<student>/<assignment>/ through the gate; None if there is none.
    `release`: (shipped files, declared notebooks); `names`: (ids.json, folders given now)."""
    one, (ids, claimed) = Taken(student), names
    try:
        sfd = _open_dir(student, top)
    except OSError:
        if stat.S_ISLNK(os.stat(student, dir_fd=top, follow_symlinks=False).st_mode):
            one.lines.append(f"the folder submitted/{student} is a link: not taken")
            return one
        return None                       # a stray file in submitted/: not a student
    try:
        try:
            st = os.stat(assignment, dir_fd=sfd, follow_symlinks=False)
        except OSError:
            return None                   # this student handed in other assignments only
        folder = safe_folder(student)
        if claimed.get(folder, student) != student or ids.get(folder, student) != student:
            one.lines.append(f"its folder name {folder} is another student's: not taken")
            return one
        claimed[folder] = one.folder = folder
        if folder != student:
            ids[folder] = student
        if not stat.S_ISDIR(st.st_mode):
            one.lines.append(f"{assignment} is {_problem(st) or 'a file'}, not a folder: not taken")
        else:
            _take_files(assignment, sfd, intake / folder / assignment, one, release, caps)
    finally:
        os.close(sfd)
    if not one.notebooks:
        shutil.rmtree(intake / one.folder / assignment, ignore_errors=True)
        one.lines.append(f"no readable {' or '.join(release[1])} was handed in: nothing to grade")
    return one


def _take_files(name, dir_fd, dest, one, release, caps):
    """Sorts one submission's files: declared notebooks and timestamp.txt in place, shipped
    files from release/, anything else put aside in handed-in/."""
    shipped, notebooks = release
    dest.mkdir(parents=True)
    for rel, data in shipped.items():
        write_new(dest / rel, data)
    refused = []
    for rel, data in regular_files(name, caps, refused, dir_fd=dir_fd):
        if (rel in notebooks or (rel == TIMESTAMP and _is_timestamp(data))
                or (rel == SECRET and len(data) <= 256 and data.isascii())):
            write_new(dest / rel, data)
            one.notebooks += [rel] if rel in notebooks else []
        elif shipped.get(rel) != data:
            write_new(dest / EXTRAS / rel, data)
            why = ("is not a time nbgrader can read" if rel == TIMESTAMP else
                   "differs from the course's copy, which is graded instead" if rel in shipped
                   else "is not part of the assignment")
            refused.append(f"{rel} {why}: put aside in {EXTRAS}/, out of the notebook's reach")
    one.lines += refused[:MAX_LINES] + (
        [f"... and {len(refused) - MAX_LINES} more"] if len(refused) > MAX_LINES else [])


def _is_timestamp(data):
    """True if nbgrader can read `data` as a submission time (a bad one stops its autograde)."""
    from nbgrader.utils import parse_utc
    try:
        return len(data) < 100 and parse_utc(data.decode("ascii").strip()) is not None
    except (ValueError, OverflowError, UnicodeDecodeError, TypeError):
        return False


# --- damaged notebooks ------------------------------------------------------------------------------

def recover_damaged(folder, name, caps=CAPS):
    """If folder/name (in intake/) is not a readable notebook, keeps it as
    handed-in/<name>.broken and writes in its place a notebook of the code cells found in it.
    Returns a line for the instructor, or None if the notebook was fine."""
    import nbformat          # slow to import: the gate alone does not need it
    folder = Path(folder)
    try:
        raw = read_regular(str(folder / name), limit=caps.file_bytes)
    except Refused as e:
        return f"{name} {e}: not graded"
    try:
        nbformat.reads(raw.decode("utf-8"), as_version=4)
        return None
    except Exception as e:   # any damage (JSON, encoding, structure) means: recover
        why = type(e).__name__
    write_new(folder / EXTRAS / f"{name}.broken", raw)
    os.unlink(folder / name)
    text = raw.decode("utf-8", "replace")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in salvage_code(text, caps.salvage_chars)]
    write_new(folder / name, nbformat.writes(nb).encode())
    cut = f", of its first {caps.salvage_chars} characters" if len(text) > caps.salvage_chars else ""
    return (f"notebook was damaged ({why}): graded on the {len(nb.cells)} code cells recovered "
            f"from it{cut}; the original is kept as {EXTRAS}/{name}.broken")


def salvage_code(text, cap=CAPS.salvage_chars):
    """Sources of the code cells in a damaged .ipynb text, found in one left-to-right pass.

    The text is read as a sequence of JSON string tokens; the gap between two tokens tells
    their role: `"source": "..."` or `"source": ["...", "..."]` gives a cell's source, and
    `"cell_type": "markdown"` (or "raw") before it leaves that cell out. Linear in the text.
    """
    text = text[:cap]
    found, parts, prev, cell_type, prev_end = [], None, None, "code", 0
    for start, end in _json_strings(text):
        gap = "".join(text[prev_end:start].split())
        if parts is not None and gap == ",":
            parts.append(_decode(text, start))
        else:
            if parts is not None:
                found.append((cell_type, "".join(parts)))
            parts = None
            if prev == "source" and gap == ":":
                found.append((cell_type, _decode(text, start)))
            elif prev == "source" and gap == ":[":
                parts = [_decode(text, start)]
            elif prev == "cell_type":
                cell_type = _decode(text, start) if gap == ":" else None
        prev, prev_end = text[start + 1:end - 1], end    # keys hold no escapes
    if parts is not None:
        found.append((cell_type, "".join(parts)))
    return [src for kind, src in found if kind not in ("markdown", "raw") and src.strip()]


def _json_strings(text):
    """(start, end) of each complete JSON string token, left to right. Every position of the
    text is looked at a bounded number of times: str.find never goes back."""
    i = text.find('"')
    while i >= 0:
        j, q = i + 1, text.find('"', i + 1)
        while q >= 0:
            b = text.find("\\", j, q)
            if b < 0:
                break
            j = b + 2                        # skip the escaped character
            if j > q:
                q = text.find('"', j)
        if q < 0:
            return                           # unterminated: no string can start after it
        yield i, q + 1
        i = text.find('"', q + 1)


def _decode(text, start):
    """The value of the JSON string token at `start` ("" if its escapes are broken)."""
    try:
        return json.decoder.scanstring(text, start + 1, False)[0]
    except ValueError:
        return ""
