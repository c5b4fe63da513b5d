"""The class report: what an instructor reads before the next lecture.

    python -m grader.report ASSIGNMENT [--course DIR] [--out DIR]

After grading (`python -m grader.batch`, which also writes it), writes `reports/<A>/index.html`
in the course (or in --out): the score histogram, each graded function's share of students with
full marks, the most frequent hints per function with how many students got each (messages
that differ only by their numbers count as one), and the students to look at. Its figures are
PNG files next to the page and inlined in it: the page alone opens offline, without JavaScript.

Read only: the gradebook, `autograded/<student>/<A>/grading_report.json` (written by
grader/nbgrader_plugin.py) and `intake/` (ids as handed in, damaged notebooks, extra files).
Everything that came from a submission is escaped (Jinja's autoescape) and capped.
The report is the instructor's record: its folders are 0700, its files 0600.
"""
import argparse
import base64
import io
import json
import os
import re
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from grader import intake
from grader.batch import notes, printable, usage_error, who
from grader.course import ROOT

TEMPLATES = Path(__file__).resolve().parent / "templates"
NUMBER = re.compile(r"(?<![A-Za-z_])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
MESSAGE_CHARS = 600        # of one hint shown in the page
NOTE_CHARS = 600           # of one note
TOP_HINTS = 5              # kinds of hint shown per function
EXPLANATION = "why: "      # how the judge starts a quiz answer's explanation: not a hint
REPORT_BYTES = 10 * intake.MiB


@dataclass
class Student:
    """One graded submission as the report shows it."""
    folder: str                              # nbgrader's student id (the intake folder)
    shown: str                               # the id as handed in, escaped (batch.who)
    score: float
    cells: dict                              # grade_id -> score
    verdicts: dict = field(default_factory=dict)   # function -> {passed, total, messages}
    notes: list = field(default_factory=list)


@dataclass
class Hint:
    """One kind of hint for one function: how many students got it, and one of them."""
    pattern: str
    example: str
    students: set = field(default_factory=set)


# --- reading what grading left ------------------------------------------------------------------

def normalise(message):
    """The message with every number replaced by '#': "relative error 37" and "relative error
    12", or shapes (5,) and (6,), fall into one group."""
    return NUMBER.sub("#", message)


def cell_functions(gb, assignment):
    """[(grade_id, function or question name, points)] of the assignment's test cells, in the
    gradebook's order; the name is the one its hidden `probe("name", ...)` line records."""
    from grader.nbgrader_plugin import PROBE_RE
    out = []
    for notebook in gb.find_assignment(assignment).notebooks:
        for cell in notebook.grade_cells:
            source = gb.find_source_cell(cell.name, notebook.name, assignment).source or ""
            found = PROBE_RE.search(source)
            out.append((cell.name, found.group(1) if found else cell.name, cell.max_score))
    return out


def grading_report(course, folder, assignment):
    """autograded/<folder>/<A>/grading_report.json as a dict, or None if missing or damaged."""
    path = Path(course, "autograded", folder, assignment, "grading_report.json")
    try:
        found = json.loads(intake.read_regular(str(path), limit=REPORT_BYTES))
    except (intake.Refused, ValueError):
        return None
    return found if isinstance(found, dict) else None


def verdicts(report):
    """{function: {"passed", "total", "messages"}} from a grading report, shapes checked."""
    out = {}
    functions = report.get("functions") if report else None
    for name, v in (functions if isinstance(functions, dict) else {}).items():
        if isinstance(v, dict):
            messages = v.get("messages") if isinstance(v.get("messages"), list) else []
            out[str(name)] = {"passed": v.get("passed"), "total": v.get("total"),
                              "messages": [str(m) for m in messages]}
    return out


def cell_scores(gb, assignment):
    """{student id: {grade_id: score}} of every submission of `assignment`, in two queries
    (one per submission and per grade would take minutes for a MOOC cohort)."""
    from nbgrader.api import Assignment, BaseCell, Grade, SubmittedAssignment, SubmittedNotebook
    subs = (gb.db.query(SubmittedAssignment.student_id)
            .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)
            .filter(Assignment.name == assignment))
    out = {student: {} for student, in subs}
    grades = (gb.db.query(SubmittedAssignment.student_id, BaseCell.name, Grade.score)
              .join(SubmittedNotebook, SubmittedNotebook.id == Grade.notebook_id)
              .join(SubmittedAssignment, SubmittedAssignment.id == SubmittedNotebook.assignment_id)
              .join(Assignment, Assignment.id == SubmittedAssignment.assignment_id)
              .join(BaseCell, BaseCell.id == Grade.cell_id)
              .filter(Assignment.name == assignment))
    for student, name, score in grades:
        out[student][name] = score or 0.0
    return out


def read_class(course, assignment):
    """(cells, students, missing): the test cells, every graded Student, and the escaped ids of
    the students with no graded submission (in the gradebook, or handed in but refused)."""
    import warnings

    from nbgrader.api import Gradebook, MissingEntry
    warnings.filterwarnings("ignore", module="nbgrader.api")
    ids, students = intake.read_ids(course), []
    with Gradebook(f"sqlite:///{Path(course) / 'gradebook.db'}") as gb:
        try:
            cells = cell_functions(gb, assignment)
        except MissingEntry:          # released here, but never graded
            return [], [], []
        scores = cell_scores(gb, assignment)
        enrolled = {s.id for s in gb.students} - set(scores)
    for folder, cell in scores.items():   # a total is its cells' sum, as nbgrader's score
        students.append(Student(folder, who(ids.get(folder, folder), folder), sum(cell.values()),
                                cell, verdicts(grading_report(course, folder, assignment))))
    refused = not_graded(course, assignment, set(scores) | enrolled)
    missing = sorted(who(ids.get(s, s), s) for s in enrolled) + refused
    return cells, sorted(students, key=lambda s: s.shown), missing


# --- what the page shows ------------------------------------------------------------------------

def score_bins(scores, max_score):
    """[(label, lo, hi, count)]: bins of one point (a tenth of the maximum above 20 points),
    [lo, hi) each, and full marks in a bin of their own."""
    width = 1.0 if max_score <= 20 else max_score / 10
    edges = [i * width for i in range(int(max_score / width + 1e-9) + 1)]
    if edges[-1] < max_score - 1e-9:
        edges.append(max_score)
    bins = []
    for lo, hi in zip(edges, edges[1:]):
        count = sum(lo - 1e-9 <= s < hi - 1e-9 for s in scores)
        bins.append((f"{lo:g} to {hi:g}", lo, hi, count))
    bins.append((f"{max_score:g} (full)", max_score, max_score,
                 sum(s >= max_score - 1e-9 for s in scores)))
    return bins


def function_rows(cells, students):
    """[{name, grade_id, points, full, share, mean}] per test cell: how many students got full
    marks (score equal to the points, as the gradebook has it)."""
    rows, n = [], len(students)
    for grade_id, name, points in cells:
        got = [s.cells.get(grade_id, 0.0) or 0.0 for s in students]
        full = sum(g >= points - 1e-9 for g in got)
        rows.append({"name": name, "grade_id": grade_id, "points": points, "full": full,
                     "share": full / n if n else 0.0,
                     "percent": percent(full, n), "mean": sum(got) / n if n else 0.0})
    return rows


def percent(part, whole):
    """part/whole as a whole percentage that says 100% or 0% only when it is exactly so."""
    shown = round(100 * part / whole) if whole else 0
    if shown == 100 and part < whole:
        return ">99%"
    return "<1%" if shown == 0 and part > 0 else f"{shown}%"


def graded_noun(assignment):
    """What a test cell grades: a quiz's question or an assignment's function."""
    return "question" if assignment.endswith("_quiz") else "function"


def hints(students, functions):
    """{function: [Hint]} most frequent first (by students), at most TOP_HINTS each, and
    {function: number of kinds left out}. Only what was said about a function that lost
    points counts, and not the explanation a quiz gives everyone (grader/judge.py, "why: ")."""
    groups = {f: {} for f in functions}
    for s in students:
        for name, verdict in s.verdicts.items():
            if verdict["passed"] == verdict["total"]:
                continue
            for message in (m for m in verdict["messages"] if not m.startswith(EXPLANATION)):
                key = normalise(message)
                hint = groups.setdefault(name, {}).setdefault(
                    key, Hint(printable(key, MESSAGE_CHARS), printable(message, MESSAGE_CHARS)))
                hint.students.add(s.folder)
    top, left = {}, {}
    for name, found in groups.items():
        ranked = sorted(found.values(), key=lambda h: (-len(h.students), h.pattern))
        top[name], left[name] = ranked[:TOP_HINTS], max(0, len(ranked) - TOP_HINTS)
    return top, left


def intake_notes(course, assignment, folder):
    """Notes read from intake/<folder>/<A>/handed-in/: a damaged notebook kept as <name>.broken
    (graded on the code recovered from it) and the other files the student handed in."""
    extras = Path(course, intake.INTAKE, folder, assignment, intake.EXTRAS)
    if extras.is_symlink() or not extras.is_dir():
        return []
    found = sorted(p.relative_to(extras).as_posix() for p in extras.rglob("*")
                   if p.is_file() and not p.is_symlink())
    broken = [f for f in found if f.endswith(".broken")]
    others = [f for f in found if f not in broken]
    out = [f"{name[:-7]} was damaged: graded on the code recovered from it (the original is "
           f"intake/{folder}/{assignment}/{intake.EXTRAS}/{name})" for name in broken]
    if others:
        listed = ", ".join(others[:10]) + (f" and {len(others) - 10} more" if len(others) > 10 else "")
        out.append(f"handed in {len(others)} extra file(s), put aside and not graded: {listed}")
    return out


def not_graded(course, assignment, graded):
    """Escaped ids of the students who handed `assignment` in (submitted/<id>/<A>) but have no
    graded submission: the intake gate refused it (`make grade` says why)."""
    submitted = Path(course, "submitted")
    names = sorted(os.listdir(submitted)) if submitted.is_dir() else []
    return [who(name, intake.safe_folder(name)) for name in names
            if os.path.lexists(submitted / name / assignment)
            and intake.safe_folder(name) not in graded]


def attach_notes(course, assignment, students):
    """Gives each Student the grading report's notes (batch.notes) and the intake's."""
    by_shown = {s.shown: s for s in students}
    for line in notes(course, assignment):          # "<batch.who(...)>: <note>"
        cuts = [m.start() for m in re.finditer(": ", line)]
        owner = next((cut for cut in reversed(cuts) if line[:cut] in by_shown), None)
        if owner is not None:                       # the longest id that fits: ids may hold ": "
            by_shown[line[:owner]].notes.append(line[owner + 2:])
    for s in students:
        s.notes = [printable(n, NOTE_CHARS) for n in intake_notes(course, assignment, s.folder) + s.notes]


# --- figures ------------------------------------------------------------------------------------

def png(fig):
    """The figure as PNG bytes (matplotlib's Agg canvas, no pyplot state)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=130, bbox_inches="tight")  # shown smaller: crisp
    return buf.getvalue()


def histogram_png(bins, assignment, max_score):
    from matplotlib.figure import Figure
    fig = Figure(figsize=(7, 3.2))
    ax = fig.add_subplot()
    labels, counts = [b[0] for b in bins], [b[3] for b in bins]
    ax.bar(range(len(bins)), counts, color=["#4c72b0"] * (len(bins) - 1) + ["#55a868"])
    ax.set_xticks(range(len(bins)), labels, rotation=30, ha="right", fontsize=8)
    ax.set_xlabel(f"score (of {max_score:g} points)")
    ax.set_ylabel("students")
    ax.set_title(f"{assignment}: scores of {sum(counts)} students")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return png(fig)


def full_marks_png(rows, assignment, n_students):
    from matplotlib.figure import Figure
    fig = Figure(figsize=(7, 0.45 * len(rows) + 1.2))
    ax = fig.add_subplot()
    rows = rows[::-1]                                  # the first function on top
    shares = [100 * r["share"] for r in rows]
    ax.barh(range(len(rows)), shares, color="#4c72b0")
    ax.set_yticks(range(len(rows)), [r["name"] for r in rows], fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_xlabel("students with full marks (%)")
    ax.set_title(f"{assignment}: full marks per graded {graded_noun(assignment)}")
    for y, (share, r) in enumerate(zip(shares, rows)):
        label = f"{r['percent']} ({r['full']}/{n_students})"
        inside = share > 75                             # no room right of a long bar
        ax.text(share - 1 if inside else share + 1, y, label, va="center", fontsize=8,
                ha="right" if inside else "left", color="white" if inside else "black")
    return png(fig)


# --- the page -----------------------------------------------------------------------------------

def render(context):
    from jinja2 import Environment, FileSystemLoader
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
    return env.get_template("report.html.j2").render(**context)


def private_folder(path):
    """Makes `path` (and reports/ above it, when inside a course) a folder only its owner reads."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    if path.parent.name == "reports":
        path.parent.chmod(0o700)


def write_private(path, data):
    """Writes bytes to `path` (replacing it, never through a link), readable by its owner only."""
    if path.is_symlink():
        path.unlink()
    path.write_bytes(data)
    path.chmod(0o600)


def write_report(course, assignment, out=None):
    """Writes the class report of `assignment`; returns the path of index.html, or None when
    nothing of it has been graded yet."""
    course = Path(course).resolve()
    cells, students, missing = read_class(course, assignment)
    if not students:
        return None
    attach_notes(course, assignment, students)
    max_score = sum(points for _, _, points in cells)
    scores = [s.score for s in students]
    bins, rows = score_bins(scores, max_score), function_rows(cells, students)
    top, left = hints(students, [r["name"] for r in rows])
    out = Path(out) if out else course / "reports" / assignment
    private_folder(out)
    figures = {"histogram.png": histogram_png(bins, assignment, max_score),
               "full_marks.png": full_marks_png(rows, assignment, len(students))}
    for name, data in figures.items():
        write_private(out / name, data)
    page = render({
        "assignment": assignment, "noun": graded_noun(assignment), "max_score": max_score, "bins": bins, "rows": rows,
        "hints": top, "left": left, "n": len(students),
        "mean": sum(scores) / len(scores), "median": statistics.median(scores),
        "look_at": [s for s in students if s.notes], "missing": missing,
        "figures": {k: base64.b64encode(v).decode("ascii") for k, v in figures.items()}})
    write_private(out / "index.html", page.encode("utf-8"))
    return out / "index.html"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("assignment")
    ap.add_argument("--course", type=Path, default=ROOT, help="the course folder (default: this one)")
    ap.add_argument("--out", type=Path, help="where to write it (default: reports/<A>/ in the course)")
    args = ap.parse_args(argv)
    problem = usage_error(args.course.resolve(), args.assignment)
    if problem:
        print(f"ERROR: {problem}", file=sys.stderr)
        return 2
    path = write_report(args.course, args.assignment, args.out)
    if path is None:
        print(f"ERROR: nothing of {printable(args.assignment)} is graded yet: run make grade "
              f"A={printable(args.assignment)} first", file=sys.stderr)
        return 1
    print(f"class report: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
