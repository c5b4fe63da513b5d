"""nbgrader autograde step that replaces `Execute`: sandboxed run + judge.

Configured in nbgrader_config.py as the first of `Autograde.autograde_preprocessors`. For each
submitted notebook it
1. makes a job of it (plain data: the notebook, its folder's files, the seed, the limits),
2. has grader.pool.grade_job write the judge's inputs (seeded per student), run the notebook
   in the sandbox (grader/sandbox.py, grader/runner.py), which records what each graded
   function returns, and run the judge (grader/judge.py, a separate process) on that data,
3. writes each grade cell's verdict as the cell's output, in the form nbgrader's
   SaveAutoGrades reads: no error = full points, a number = partial points, an error = 0.
Cells that are not grade cells get the outputs the sandboxed run produced.

In a batch (`batch_from`, set by grader.batch), the first notebook starts every submission's
job on the workers (grader.pool: local processes, or a dask cluster with `scheduler`), and
each notebook then takes its job's result, or runs again here if nbgrader's sanitize steps
handed in other code than the workers ran. The gradebook is only ever touched here.
"""
import ast
import dataclasses
import functools
import hashlib
import json
import os
import re
import sys
import types
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager
from nbgrader.api import BaseCell, Comment, Grade, Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor, OverwriteCells, SaveAutoGrades
from nbgrader.utils import is_grade
from traitlets import Bool, Float, HasTraits, Integer, Unicode

from grader import intake, judge, pool, sandbox
from grader.pool import MAX_NOTEBOOK_BYTES

SAFE_MIME = ("text/plain", "image/png", "image/jpeg")  # no HTML/JS/SVG from submissions
PROBE_RE = re.compile(r"""\bprobe\(\s*["'](\w+)["']""")
MAX_CELL_CHARS = 1_000_000          # of one cell's source, when reading it for names
_IPYTHON = TransformerManager()


class RepairCells(NbGraderPreprocessor):
    """Sanitize step in place of nbgrader's DeduplicateIds: a student's edits to cells never
    stop a batch. nbgrader empties the metadata of a duplicated cell, which then fails the
    schema check and aborts grading for everyone; here a duplicate, an unknown grade_id or
    damaged metadata loses its nbgrader metadata (the code still runs), a wrong schema version
    is reset, a retyped cell gets its type back, and a cell whose role was changed (a locked
    test cell made an answer cell, points or locks edited) gets the flags the gradebook
    records, so nbgrader's OverwriteCells restores its source and it is graded as released.
    Notes go to the notebook's metadata.
    """

    def preprocess(self, nb, resources):
        known = released(resources["nbgrader"])["known"]
        seen, notes = set(), []
        for i, cell in enumerate(nb.cells):
            nb.cells[i], note = self._repair(cell, known, seen)
            if note:
                notes.append(note)
        nb.metadata["nndl_repairs"] = notes
        return nb, resources

    def _repair(self, cell, known, seen):
        meta = cell.metadata.get("nbgrader")
        if meta is None:
            return cell, None
        gid = meta.get("grade_id") if isinstance(meta, dict) else None
        if not isinstance(gid, str) or gid not in known or gid in seen:
            del cell.metadata["nbgrader"]
            what = "a copy of" if gid in seen else "a cell with unknown or damaged metadata"
            return cell, f"{what} cell '{str(gid)[:100]}' was graded as ordinary code"
        seen.add(gid)
        cell_type, flags = known[gid]
        note = None
        if meta.get("schema_version") != 3:
            meta["schema_version"] = 3
            note = f"cell '{gid}' had its nbgrader metadata edited; it was reset"
        if _role_changed(meta, flags):
            meta.update(flags)
            if not flags["grade"]:
                meta.pop("points", None)
            note = f"cell '{gid}' had its role changed (grade, answer, lock or points); it was " \
                   "restored from the released notebook and graded"
        if cell.cell_type != cell_type:
            new = (nbformat.v4.new_code_cell if cell_type == "code" else nbformat.v4.new_markdown_cell)(
                cell.source, metadata=cell.metadata)
            new["id"] = cell.get("id", new.get("id"))
            cell, note = new, f"cell '{gid}' was changed to {cell.cell_type}; it was changed back"
        return cell, note


def _role_changed(meta, flags):
    """True if the cell's flags (as nbgrader reads them: truthy, points as a number) differ."""
    try:
        points_differ = "points" in flags and float(meta.get("points")) != flags["points"]
    except (TypeError, ValueError):
        points_differ = True
    return points_differ or any(bool(meta.get(k, False)) != flags[k]
                                for k in ("grade", "solution", "locked", "task"))


def _flags(source_cell, grades, solutions, tasks):
    """The nbgrader flags the gradebook records for one cell."""
    name = source_cell.name
    flags = {"grade": name in grades, "solution": name in solutions,
             "locked": bool(source_cell.locked), "task": name in tasks}
    if name in grades:
        flags["points"] = grades[name]
    return flags


def _limit_trait(field):
    """The configurable trait of one sandbox.Limits field: its type, default and help."""
    kind = {int: Integer, float: Float}[field.type]
    return kind(field.default, help=field.metadata["help"]).tag(config=True)


# One trait per sandbox.Limits field (c.SandboxedJudge.cell_timeout = ...): the defaults and
# their help live in grader/sandbox.py only.
LimitTraits = type("LimitTraits", (HasTraits,), {
    f.name: _limit_trait(f) for f in dataclasses.fields(sandbox.Limits)})


def document_in(app_class):
    """Lists the course's autograde steps, with their settings, in `app_class`'s --help-all
    (nbgrader's AutogradeApp: grader/nbgrader_main.py asks for it when help is asked for)."""
    listed = app_class._classes_default
    app_class._classes_default = lambda app: [*listed(app), RepairCells, SandboxedJudge]


class SandboxedJudge(NbGraderPreprocessor, LimitTraits):
    skip_tag = Unicode("skip-autograde", help="Cells with this tag are not run.").tag(config=True)
    seed_salt = Unicode("nndl-course", help="Mixed into each submission's input seed.").tag(config=True)
    require_sandbox = Bool(False, help="Refuse to grade where bubblewrap does not work "
                                       "(otherwise grade with a loud warning).").tag(config=True)
    batch_from = Unicode("", help="A folder of <student>/<assignment>/ submissions (set by "
                                  "grader.batch to intake/ for a whole batch): on the first "
                                  "notebook, every submission there starts grading on the "
                                  "workers; empty: one submission at a time.").tag(config=True)
    workers = Integer(0, help="Local worker processes for a batch (0: one per core).").tag(config=True)
    scheduler = Unicode("", help="Address of a dask.distributed scheduler whose workers grade "
                                 "the batch (e.g. tcp://10.0.0.5:8786); empty: local "
                                 "workers.").tag(config=True)
    warm_judge = Bool(True, help="Judge in a long-lived judge process per worker that forks "
                                 "for each submission (False: a new process each).").tag(config=True)

    _checked = None
    _graded = 0         # submissions graded by this process, for the progress line
    _batch = None       # the batch under way: grader.nbgrader_plugin.Batch
    warm_here = False   # set by grader.service: this process keeps a warm sandbox and judge

    def preprocess(self, nb, resources):
        sandboxed = self._check_protections()
        info = resources["nbgrader"]
        assignment, student = info["assignment"], info["student"]
        restored = restore_grade_cells(nb, resources)
        grade_fns = probe_map(nb)
        job = self.job(nb, Path(resources["metadata"]["path"]), assignment, student, sandboxed)
        result = self._batch_result(resources, job)
        if result is None:            # one submission, or code the workers did not run
            result = pool.grade_job(with_notebook(job, nb), warm=SandboxedJudge.warm_here)
        copy_outputs(nb, result["executed"])
        report = result["report"]
        write_verdicts(nb, grade_fns, report)
        broken = [f"cell {i} has a syntax error ({e}) and did not run"
                  for i, e in syntax_errors(parse_cells(nb)).items()]
        notes = (list(nb.metadata.pop("nndl_repairs", [])) + restored + broken + result["lost"]
                 + _notes(result["code"], result["err"], result["log"], report, grade_fns))
        self._save_notes(resources, notes, report, result["worker"])
        self._progress(student, report, notes)
        return nb, resources

    @property
    def limits(self):
        """The sandbox limits as configured (sandbox.Limits: one field per trait)."""
        return sandbox.Limits(**{f.name: getattr(self, f.name)
                                 for f in dataclasses.fields(sandbox.Limits)})

    def job(self, nb, folder, assignment, student, sandboxed):
        """One submission's work as plain data: its files from `folder` without the notebook
        (enough for job_key; grader.pool.grade_job runs `with_notebook(job, nb)`), the
        notebook's code cells, the judge's seed, the limits."""
        grade_fns = probe_map(nb)
        limits = self.limits
        return {"assignment": assignment, "student": student,
                "files": self._files(folder, student),
                "seed": judge.submission_seed(assignment, student, self.seed_salt),
                "functions": list(grade_fns.values()),
                "absent": not_written_in_notebook(nb, grade_fns.values()),
                "settings": {"notebook": f"{assignment}.ipynb", "skip_tag": self.skip_tag,
                             "functions": list(grade_fns.values()), **limits.runner_settings()},
                "limits": limits, "sandboxed": sandboxed,
                "masked": getattr(judge.spec(assignment), "MASKED", []),
                "warm_judge": self.warm_judge, "runs": code_cells(nb)}

    def _batch_result(self, resources, job):
        """The batch's result for this submission if the workers ran this very job, else None
        (no batch, or nbgrader's sanitize steps changed the code: restored test cells)."""
        if not self.batch_from:
            return None
        if SandboxedJudge._batch is None:
            SandboxedJudge._batch = Batch(self, resources)
        return SandboxedJudge._batch.result(resources["nbgrader"]["student"], job)

    def _progress(self, student, report, notes):
        """One line per graded submission, so a long batch shows where it is. With
        NNDL_BATCH_TOTAL set (by `python -m grader.batch`) it is printed as [k/n] on stderr."""
        SandboxedJudge._graded += 1
        funcs = report.get("functions", {}).values()
        checks = f"{sum(f['passed'] for f in funcs)}/{sum(f['total'] for f in funcs)} checks"
        took = sum(report["seconds"].values())
        line = f"{student}: {checks} passed, {took:.1f} s" + (", look at it" if notes else "")
        total = os.environ.get("NNDL_BATCH_TOTAL")
        if total:
            print(f"[{SandboxedJudge._graded}/{total}] {line}", file=sys.stderr, flush=True)
        else:
            self.log.info("graded %s", line)

    def _check_protections(self):
        """Once per run: says loudly what the machine cannot protect against."""
        if SandboxedJudge._checked is None:
            prot = sandbox.protections()
            for what, (ok, note) in prot.items():
                (self.log.info if ok else self.log.warning)(
                    "sandbox: %s: %s", what, "ok" if ok else f"NOT AVAILABLE ({note})")
            ok = prot["filesystem, network and process isolation (bubblewrap)"][0]
            if not ok:
                banner = ("!" * 70 + "\nGRADING WITHOUT A SANDBOX: submissions can read and write "
                          "this machine's files.\nInstall bubblewrap to grade safely.\n" + "!" * 70)
                self.log.error(banner)
                if self.require_sandbox:
                    raise RuntimeError("SandboxedJudge.require_sandbox is set and bubblewrap "
                                       "does not work here")
            SandboxedJudge._checked = ok
        return SandboxedJudge._checked

    def _files(self, src, student):
        """{relative path: bytes} of the submission's regular files (never a link, and not
        what the intake gate put aside in handed-in/), without its notebooks."""
        skip = [intake.EXTRAS] + [n for n in os.listdir(src) if n.endswith(".ipynb")]
        refused = []
        files = dict(intake.regular_files(src, intake.CAPS, refused, skip))
        for line in refused:
            self.log.warning("%s: %s", student, line)
        return files

    def _save_notes(self, resources, notes, report, worker):
        for note in notes:
            self.log.warning("%s: %s", resources["nbgrader"]["student"], note)
        out = Path(resources["metadata"]["path"]) / "grading_report.json"
        out.write_text(json.dumps({"notes": notes, "seconds": report["seconds"],
                                   "worker": worker, "functions": report["functions"]}, indent=1))


class _Delegate:
    """Stands for `inner`: what is not defined here is `inner`'s."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)


class _NotebookCells(_Delegate):
    """The gradebook, for OverwriteCells: find_source_cell and find_graded_cell of the released
    notebook `info` names answered from `released(info)` (nbgrader: one or two queries per
    cell, 78 cells in week 2, and a lazy load per grade cell's points)."""

    def __init__(self, gradebook, info):
        super().__init__(gradebook)
        self._where = (info["notebook"], info["assignment"])
        known = released(info)
        self._source = {name: types.SimpleNamespace(name=name, **cell)
                        for name, cell in known["cells"].items()}
        self._graded = {name: types.SimpleNamespace(name=name, max_score=points)
                        for name, points in known["max_scores"].items()}

    def find_source_cell(self, name, notebook, assignment):
        return self._find(self._source, "find_source_cell", name, notebook, assignment)

    def find_graded_cell(self, name, notebook, assignment):
        return self._find(self._graded, "find_graded_cell", name, notebook, assignment)

    def _find(self, cells, method, name, notebook, assignment):
        if (notebook, assignment) != self._where or name not in cells:
            return getattr(self._inner, method)(name, notebook, assignment)  # as nbgrader
        return cells[name]


class OverwriteCellsAtOnce(OverwriteCells):
    """nbgrader's OverwriteCells (same checks, same cells put back) with the released
    notebook's cells read from the gradebook once per notebook (once per grader.batch run:
    `released`), not once per cell."""

    def preprocess_cell(self, cell, resources, cell_index):
        if not isinstance(self.gradebook, _NotebookCells):   # a new notebook's Gradebook
            self.gradebook = _NotebookCells(self.gradebook, resources["nbgrader"])
        return super().preprocess_cell(cell, resources, cell_index)


class _OneCommit(_Delegate):
    """A gradebook session whose commit() waits for SaveAutoGradesAtOnce's."""

    def commit(self):
        """Held back: the notebook's rows are committed together."""


class _SubmissionRows(_Delegate):
    """The gradebook, for SaveAutoGrades: find_grade and find_comment of one submitted
    notebook answered from its rows, read in two queries (nbgrader: a query and a commit per
    cell)."""

    def __init__(self, gradebook, notebook_id, assignment_id, student_id):
        super().__init__(gradebook)
        self.db = _OneCommit(gradebook.db)
        self._where = (notebook_id, assignment_id, student_id)
        submitted = gradebook.find_submission_notebook(notebook_id, assignment_id, student_id)
        # as find_grade: of a grade or task cell; find_comment: of a solution or task cell
        self._grades = self._rows(gradebook.db, Grade, submitted.id, ("TaskCell", "GradeCell"))
        self._comments = self._rows(gradebook.db, Comment, submitted.id,
                                    ("TaskCell", "SolutionCell"))

    @staticmethod
    def _rows(db, table, notebook_key, cell_types):
        """{cell name: row} of `table` for one submitted notebook, later cell types winning."""
        found = db.query(table, BaseCell.name, BaseCell.type).join(
            BaseCell, BaseCell.id == table.cell_id).filter(
            table.notebook_id == notebook_key, BaseCell.type.in_(cell_types)).all()
        rank = {kind: i for i, kind in enumerate(cell_types)}
        return {name: row for row, name, kind in sorted(found, key=lambda f: rank[f[2]])}

    def find_grade(self, name, notebook, assignment, student):
        return self._find(self._grades, "find_grade", name, notebook, assignment, student)

    def find_comment(self, name, notebook, assignment, student):
        return self._find(self._comments, "find_comment", name, notebook, assignment, student)

    def _find(self, rows, method, name, *where):
        if where != self._where or name not in rows:
            return getattr(self._inner, method)(name, *where)  # as nbgrader
        return rows[name]


class SaveAutoGradesAtOnce(SaveAutoGrades):
    """nbgrader's SaveAutoGrades (same scores, flags and comments) with the submission's
    grade and comment rows read in two queries and committed once per notebook."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        self.notebook_id, self.assignment_id = info["notebook"], info["assignment"]
        self.student_id, self.db_url = info["student"], info["db_url"]
        with Gradebook(self.db_url) as gradebook:
            self.gradebook = _SubmissionRows(gradebook, self.notebook_id, self.assignment_id,
                                             self.student_id)
            nb, resources = NbGraderPreprocessor.preprocess(self, nb, resources)
            gradebook.db.commit()
        return nb, resources


class Batch:
    """A whole batch started on the workers (grader.pool) at the first notebook nbgrader
    hands in: each submission's job is built from its folder in `batch_from`, in nbgrader's
    order, at most `ahead` jobs beyond the one nbgrader is at (memory stays bounded)."""

    def __init__(self, judge_step, resources):
        info = resources["nbgrader"]
        self.step, self.info = judge_step, dict(info)
        self.pool = pool.Pool(judge_step.workers, judge_step.scheduler)
        self.ahead = 2 * self.pool.size + 2
        name = f"{info['notebook']}.ipynb"
        self.folders = sorted(p.parent for p in Path(judge_step.batch_from).glob(
            f"*/{info['assignment']}/{name}") if p.is_file())
        self.order = {f.parent.name: i for i, f in enumerate(self.folders)}
        self.futures, self.started = {}, 0
        self.locked = released(info)["locked"]     # what nbgrader's OverwriteCells puts back

    def result(self, student, job):
        """grade_job's result for `student`, or None if the workers ran other code."""
        at = self.order.get(student)
        if at is None:
            return None
        while self.started < min(at + 1 + self.ahead, len(self.folders)):
            self._start(self.folders[self.started])
            self.started += 1
        ran, future = self.futures.pop(student, (None, None))
        if future is None:
            return None
        done = future.result()
        return done if ran == job_key(job) else None

    def _start(self, folder):
        """Starts one submission as nbgrader will most likely hand it in: locked cells (the
        test cells) as the gradebook has them, lost test cells put back. Anything else that
        nbgrader's sanitize steps repair shows as a different job_key and is run again."""
        student, path = folder.parent.name, folder / f"{self.info['notebook']}.ipynb"
        try:
            if path.stat().st_size > MAX_NOTEBOOK_BYTES:
                return
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                meta = cell.metadata.get("nbgrader")
                name = meta.get("grade_id") if isinstance(meta, dict) else None
                if cell.cell_type == "code":           # as nbgrader's ClearOutput
                    cell.outputs, cell.execution_count = [], None
                if cell.cell_type == "code" and isinstance(name, str) and name in self.locked:
                    cell.source = self.locked[name]
            restore_grade_cells(nb, {"nbgrader": {**self.info, "student": student}})
            job = with_notebook(self.step.job(nb, folder, self.info["assignment"], student,
                                              self.step._checked), nb)
        except Exception as e:  # noqa: BLE001 (nbgrader will hand it in and say what is wrong)
            self.step.log.debug("not started ahead: %s: %s", student, e)
            return
        self.futures[student] = (job_key(job), self.pool.submit(job))


def with_notebook(job, nb):
    """`job` with the notebook among its files, as nbformat.write would save it (not checked
    against nbformat's schema again: nbformat.read checked it, nbconvert checks the result)."""
    text = nbformat.v4.writes_json(nb)
    files = {**job["files"], job["settings"]["notebook"]: (text.rstrip("\n") + "\n").encode()}
    return {**job, "files": files}


def code_cells(nb):
    """What the sandboxed run depends on in a notebook: each code cell's id, source, tags and
    grade id."""
    return [[c.get("id"), c.source, c.metadata.get("tags", []),
             (c.metadata.get("nbgrader") or {}).get("grade_id") if is_grade(c) else None]
            for c in nb.cells if c.cell_type == "code"]


def job_key(job):
    """A digest of everything in a job that decides its result (the notebook by its code)."""
    h = hashlib.sha256()
    for name, data in sorted(job["files"].items()):
        if name != job["settings"]["notebook"]:
            h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    rest = {k: v for k, v in job.items() if k != "files"}
    h.update(json.dumps(rest, sort_keys=True, default=str).encode())
    return h.hexdigest()


def released(info):
    """What the gradebook records about the released notebook `info` names (nbgrader's
    resources["nbgrader"]), as plain data: {"known": {cell: (type, flags)}, "cells": {cell:
    its source cell's cell_type, locked, checksum, source}, "max_scores": {cell: max_score}
    of grade and task cells, "grade_cells": [(name, points, source)] of code grade cells,
    "locked": {name: source} of locked code cells}. Read once per process in a grader.batch
    run, where the released notebook cannot change; otherwise (formgrader, a bare nbgrader)
    at every call."""
    key = (info["db_url"], info["notebook"], info["assignment"])
    if os.environ.get("NNDL_BATCH_TOTAL"):
        return _released_once(key)
    return _read_released(key)


@functools.lru_cache(maxsize=16)
def _released_once(key):
    return _read_released(key)


def _read_released(key):
    db_url, notebook_id, assignment = key
    with Gradebook(db_url) as gb:
        notebook = gb.find_notebook(notebook_id, assignment)
        grades = {c.name: float(c.max_score) for c in notebook.grade_cells}
        solutions = {c.name for c in notebook.solution_cells}
        tasks = {c.name for c in notebook.task_cells}
        cells = notebook.source_cells
        plain = {c.name: {"cell_type": c.cell_type, "locked": c.locked,
                          "checksum": c.checksum, "source": c.source} for c in cells}
        graded = {c.name: c.max_score for c in [*notebook.task_cells, *notebook.grade_cells]}
        return {"known": {c.name: (c.cell_type, _flags(c, grades, solutions, tasks)) for c in cells},
                "cells": plain,
                "max_scores": graded,
                "grade_cells": [(c.name, float(c.max_score), plain[c.name]["source"])
                                for c in notebook.grade_cells if c.cell_type == "code"],
                "locked": {c.name: c.source for c in cells if c.locked and c.cell_type == "code"}}


def restore_grade_cells(nb, resources):
    """Appends, from the gradebook, any grade cell the submission lost; returns notes."""
    info = resources["nbgrader"]
    present = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    restored = []
    for name, points, source in released(info)["grade_cells"]:
        if name in present:
            continue
        cell = nbformat.v4.new_code_cell(source)
        cell["id"] = re.sub(r"[^A-Za-z0-9_-]", "-", f"restored-{name}")[:64]  # same each time
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": name, "locked": True,
                                     "points": points, "schema_version": 3,
                                     "solution": False, "task": False}
        nb.cells.append(cell)
        restored.append(f"'{name}'")
    if len(restored) == 1:
        return [f"the test cell {restored[0]} was missing from the notebook; it was put back "
                "at the end and graded"]
    if restored:
        return [f"the test cells {', '.join(restored)} were missing from the notebook; they "
                "were put back at the end and graded"]
    return []


def probe_map(nb):
    """{grade_id: function name} for the grade cells holding a probe(...) line."""
    out = {}
    for cell in nb.cells:
        if cell.cell_type == "code" and is_grade(cell):
            m = PROBE_RE.search(cell.source)
            if m:
                out[cell.metadata.nbgrader["grade_id"]] = m.group(1)
    return out


def parse_cells(nb):
    """[(cell index, source, ast tree or SyntaxError)] of the notebook's code cells, read as
    IPython reads them (`%magic`, `!shell` and `name?` lines become calls)."""
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        src = str(cell.source)[:MAX_CELL_CHARS]
        if src.lstrip().startswith("%%"):  # a cell magic (%%time ...): read the python below it
            src = src.lstrip().partition("\n")[2]
        out.append((i, src, _parse(src)))
    return out


def _parse(src):
    """The ast tree of one cell's source (read only by the callers), or its SyntaxError."""
    return _parse_remembered(src) if len(src) < 20_000 else _parse_source(src)


@functools.lru_cache(maxsize=2048)   # most cells are the same in every submission of a batch
def _parse_remembered(src):
    return _parse_source(src)


def _parse_source(src):
    try:
        return ast.parse(_IPYTHON.transform_cell(src))
    except (SyntaxError, ValueError) as e:  # ValueError: null bytes
        return e if isinstance(e, SyntaxError) else SyntaxError(str(e))
    except Exception as e:  # the transformer on odd input: read the cell as plain python
        return SyntaxError(f"unreadable cell ({type(e).__name__})")


def _bound_names(body):
    """Names a module body binds at its top level: def, class, `name = ...` (a lambda or any
    value), also inside top-level if/try/with blocks. Imports do not count."""
    names = set()
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
        if isinstance(node, (ast.If, ast.Try, ast.With, ast.ExceptHandler)):
            for block in ("body", "orelse", "finalbody", "handlers"):
                names |= _bound_names(getattr(node, block, []))
    return names


def syntax_errors(cells):
    """{cell index: "line n: message"} for the cells Python cannot read."""
    return {i: f"line {tree.lineno}: {tree.msg}"[:200] if tree.lineno else str(tree.msg)[:200]
            for i, _, tree in cells if isinstance(tree, SyntaxError)}


def not_written_in_notebook(nb, functions):
    """{name: message} for graded functions that no readable cell of the notebook defines;
    a function whose cell has a syntax error is told so, with the line."""
    cells = parse_cells(nb)
    defined = set().union(*[_bound_names(t.body) for _, _, t in cells if isinstance(t, ast.Module)])
    broken = syntax_errors(cells)
    out = {}
    for f in functions:
        if f in defined:
            continue
        where = [i for i, src, _ in cells if i in broken and
                 re.search(rf"^\s*(def\s+{re.escape(f)}\b|{re.escape(f)}\s*=)", src, re.M)]
        out[f] = (f"{f} could not be read: the cell that defines it has a syntax error "
                  f"({broken[where[0]]}), so the cell did not run; fix it and run the cell "
                  "before submitting") if where else (
                  f"{f} is not written in this notebook (no `def {f}(...)` cell was found): "
                  "graded functions must be written in their solution cell, not imported")
    return out


def copy_outputs(nb, executed_text):
    """Gives nb's non-grade code cells the outputs of the sandboxed run (the executed
    notebook's text, at most MAX_NOTEBOOK_BYTES: grader.pool), matched by cell id."""
    try:
        if executed_text is None or len(executed_text) > MAX_NOTEBOOK_BYTES:
            return
        executed = nbformat.reads(executed_text, as_version=4)
        by_id = {c.get("id"): c for c in executed.cells if c.get("cell_type") == "code"}
    except Exception:  # untrusted file: any damage means no outputs, not a crash
        return
    for cell in nb.cells:
        ran = by_id.get(cell.get("id"))
        if cell.cell_type == "code" and ran is not None and not is_grade(cell):
            cell.outputs = [o for o in map(_safe_output, ran.get("outputs", [])) if o]
            cell.execution_count = None


def _safe_output(out):
    """An output of the sandboxed run, kept only in forms that cannot script a browser."""
    kind = out.get("output_type") if isinstance(out, dict) else None
    try:
        if kind == "stream":
            return nbformat.v4.new_output("stream", name=str(out.get("name", "stdout")),
                                          text=str(out.get("text", "")))
        if kind == "error":
            return nbformat.v4.new_output("error", ename=str(out.get("ename", "")),
                                          evalue=str(out.get("evalue", "")),
                                          traceback=[str(t) for t in out.get("traceback", [])])
        if kind in ("display_data", "execute_result"):
            data = {k: v for k, v in dict(out.get("data", {})).items() if k in SAFE_MIME}
            return nbformat.v4.new_output("display_data", data=data) if data else None
    except (TypeError, ValueError, AttributeError):
        return None
    return None


def verdict_outputs(verdict, points):
    """Outputs in the form SaveAutoGrades reads: none = full, a number = partial, error = 0."""
    passed, total = verdict["passed"], verdict["total"]
    lines = [verdict["summary"]] + [f"  - {m}" for m in verdict["messages"]]
    if total and passed == total:
        return [nbformat.v4.new_output("stream", name="stdout", text="\n".join(lines) + "\n")]
    score = round(points * passed / total, 4) if total else 0.0
    if score <= 0:
        return [nbformat.v4.new_output("error", ename="HiddenChecksFailed",
                                       evalue="\n".join(lines), traceback=lines)]
    lines[0] += f": {score:g} of {points:g} points"
    return [nbformat.v4.new_output("stream", name="stdout", text="\n".join(lines) + "\n"),
            nbformat.v4.new_output("execute_result", data={"text/plain": f"{score:g}"},
                                   metadata={}, execution_count=None)]


def write_verdicts(nb, grade_fns, report):
    for cell in nb.cells:
        if cell.cell_type != "code" or not is_grade(cell):
            continue
        name = grade_fns.get(cell.metadata.nbgrader["grade_id"])
        verdict = report["functions"].get(name) if name else None
        if verdict is not None:
            cell.outputs = verdict_outputs(verdict, float(cell.metadata.nbgrader["points"]))
            cell.execution_count = None


def _notes(code, err, log, report, grade_fns):
    """Things an instructor should look at, in plain words."""
    notes = []
    if code is None:
        notes.append("the notebook ran past the time limit for a whole submission and was stopped")
    elif code != 0:
        notes.append(f"the sandboxed run ended with exit code {code}: {err.strip()[-300:]}")
    for f in log.get("failed_cells", []):
        if f.get("index") != -1:  # -1: a probe, reported below by function
            notes.append(f"cell {f['index']} was stopped ({f['reason']}); the rest of the notebook ran")
    if isinstance(log.get("not_run"), dict):
        notes.append(f"the cells from cell {log['not_run'].get('from')} on were not run "
                     f"({str(log['not_run'].get('reason'))[:200]}); the graded functions were "
                     "still checked")
    for name, probe in log.get("probes", {}).items():
        status = str(probe.get("status"))[:40] if isinstance(probe, dict) else "?"
        if status == "no record":
            notes.append(f"{str(name)[:100]} could not be probed (its probe left no record: "
                         "was utils.grading replaced?); only its own checks failed")
        elif status != "ok":
            notes.append(f"{str(name)[:100]} did not finish on the judge's inputs ({status}); "
                         "only its own checks failed")
    missing = [n for n in grade_fns.values() if n not in report["functions"]]
    if missing:
        notes.append(f"no checks were run for {missing}")
    return notes

