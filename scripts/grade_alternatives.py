"""Grades a folder of alternative solutions with the real judge; prints, per function, how
many got full marks and the messages of the others.

    python scripts/grade_alternatives.py ASSIGNMENT FOLDER [--seed N]

FOLDER holds `.py` files, each defining one or more graded functions in its own way (loops,
einsum, float32, lambdas, decorators, helpers ...), and/or `.ipynb` notebooks of the
assignment (their solution cells are used; IPython-only lines such as `%time` or `np.sum?` are
left out). Each alternative runs on top of the reference solutions, so it is judged on its own
functions: they are probed in a forked child (utils.grading.record_alone, as in the sandbox)
and judged by `python -m grader.judge`, the same process and checks as a real submission.
A correct alternative that loses points is a false loss: a check to fix.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from grader import judge
from grader.samples.build import SOLUTION_RE
from utils import grading

ROOT = Path(__file__).resolve().parents[1]
PROBE_SECONDS = 60


def solution_source(path):
    """The Python source of an alternative: a .py file, or a notebook's solution cells."""
    path = Path(path)
    if path.suffix == ".py":
        return path.read_text()
    nb = nbformat.read(path, as_version=4)
    cells = [SOLUTION_RE.sub(lambda m: m.group(1), c.source) for c in nb.cells
             if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")]
    lines = "\n".join(cells).splitlines()
    return "\n".join(ln for ln in lines
                     if not ln.lstrip().startswith(("%", "!")) and not ln.rstrip().endswith("?"))


def namespace(assignment, source, filename):
    """The reference solutions, then the alternative on top, as a notebook's globals
    (__name__ == "__main__"); returns (globals, names the alternative bound anew)."""
    ref_file = ROOT / "grader" / "reference" / f"{assignment}.py"
    ns = {"__name__": "__main__", "__file__": str(ref_file)}
    exec(compile(ref_file.read_text(), str(ref_file), "exec"), ns)
    before = dict(ns)
    exec(compile(source, filename, "exec"), ns)
    return ns, {k for k, v in ns.items() if before.get(k) is not v}


def grade_one(assignment, path, seed=0):
    """{function: (passed, total, messages)} for the functions the alternative `path` defines."""
    ns, mine = namespace(assignment, solution_source(path), str(path))
    graded = sorted(mine & set(judge.make_cases(assignment, seed)))
    if not graded:
        return {}
    with tempfile.TemporaryDirectory(prefix="nndl-alt-") as tmp:
        judge.write_inputs(assignment, tmp, seed, only=graded)
        for name in graded:
            grading._registered[name] = ns[name]
            grading.record_alone(name, PROBE_SECONDS, tmp)
        report = Path(tmp, "report.json")
        cmd = [sys.executable, "-m", "grader.judge", assignment, tmp, "--seed", str(seed),
               "--report", str(report)] + [a for name in graded for a in ("--only", name)]
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        verdicts = json.loads(report.read_text())["functions"]
    return {n: (v["passed"], v["total"], v["messages"]) for n, v in verdicts.items()}


def grade_folder(assignment, folder, seed=0):
    """{function: [(file name, passed, total, messages)]} over every alternative in `folder`."""
    out = {}
    for path in sorted(Path(folder).iterdir()):
        if path.suffix not in (".py", ".ipynb") or path.name.startswith("_"):
            continue
        for name, (passed, total, messages) in grade_one(assignment, path, seed).items():
            out.setdefault(name, []).append((path.name, passed, total, messages))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("assignment")
    ap.add_argument("folder")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    results = grade_folder(args.assignment, args.folder, args.seed)
    losses = 0
    for name, rows in sorted(results.items()):
        full = [r for r in rows if r[1] == r[2]]
        print(f"{name}: {len(full)} of {len(rows)} alternatives got full marks")
        for file, passed, total, messages in rows:
            if passed < total:
                losses += 1
                print(f"  {file}: {passed}/{total}: " + " | ".join(messages))
    print(f"{losses} alternative(s) lost points")
    return 1 if losses else 0


if __name__ == "__main__":
    sys.exit(main())
