"""Builds canned submissions from release/ (and source/ for the reference solutions).

A variant is a `Variant`: replacement sources for solution cells (by grade_id), extra cells to
insert after a cell, or a function that rewrites the notebook JSON (for malformed notebooks),
plus the score each test cell must get and words its feedback must contain.
"""
import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
SOLUTION_RE = re.compile(r"^[ \t]*### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION[^\n]*\n?",
                         re.S | re.M)


@dataclass
class Variant:
    """A canned submission and what grading it must give."""
    cells: dict = field(default_factory=dict)        # solution grade_id -> new source
    insert_after: dict = field(default_factory=dict)  # grade_id -> [sources of new code cells]
    rewrite: object = None                            # function(nb_dict) -> str (raw file text)
    scores: dict = field(default_factory=dict)        # test grade_id -> exact expected score
    hints: dict = field(default_factory=dict)         # test grade_id -> words its verdict holds
    note: str = ""


def reference_sources(assignment):
    """{grade_id: source} of the source notebook's solution cells, markers removed."""
    nb = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            out[meta["grade_id"]] = SOLUTION_RE.sub(lambda m: m.group(1), cell.source)
    return out


def _grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def build(assignment, variant, dest_dir):
    """Writes the variant's notebook (and the release folder's other files) into dest_dir."""
    release = ROOT / "release" / assignment
    nb = nbformat.read(release / f"{assignment}.ipynb", as_version=4)
    cells = []
    for cell in nb.cells:
        gid = _grade_id(cell)
        if gid in variant.cells:
            cell.source = variant.cells[gid]
        cells.append(cell)
        for src in variant.insert_after.get(gid, []):
            cells.append(nbformat.v4.new_code_cell(src))
    nb.cells = cells
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    for extra in release.iterdir():
        if extra.suffix != ".ipynb" and extra.is_file():
            (dest_dir / extra.name).write_bytes(extra.read_bytes())
        elif extra.is_dir():
            _copy_tree(extra, dest_dir / extra.name)
    text = nbformat.writes(nb)
    if variant.rewrite is not None:
        text = variant.rewrite(json.loads(text))
    (dest_dir / f"{assignment}.ipynb").write_text(text)


def _copy_tree(src, dest):
    dest.mkdir(parents=True, exist_ok=True)
    for p in src.rglob("*"):
        if p.is_file():
            target = dest / p.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(p.read_bytes())


def with_reference(assignment, **changes):
    """A Variant whose every solution is the reference, except the ones in `changes`."""
    cells = dict(reference_sources(assignment))
    cells.update(changes)
    return cells


def quiz_answers(assignment, **given):
    """A quiz's reference answer cells with some answers replaced: quiz_answers(A, q1='"a"')."""
    return with_reference(assignment, **{q: f"{q} = {src}\n" for q, src in given.items()})


def quiz_scores(points, **changes):
    """{test_q<i>: score}: full `points` except the questions in `changes` (q3=0.5)."""
    return {**points, **{f"test_{q}": v for q, v in changes.items()}}


def deepcopy_nb(nb_dict):
    return copy.deepcopy(nb_dict)
