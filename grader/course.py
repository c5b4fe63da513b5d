"""Throw-away course copies, for the tests and the benchmark scripts.

A copy holds what nbgrader needs to build and grade an assignment (`nbgrader_config.py`,
`source/`, `release/`), so grading in it never touches the real course's gradebook.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS = sorted(p.parent.name for p in ROOT.glob("source/*/*.ipynb")
                     if p.stem == p.parent.name)


def use_this_environment():
    """Puts this interpreter's bin/ first on PATH: nbgrader runs `jupyter` and `alembic` from it."""
    bin_dir = str(Path(sys.executable).parent)
    if not os.environ.get("PATH", "").startswith(bin_dir + os.pathsep):
        os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"


def make_course(dest):
    """Copies what nbgrader needs (config, source/, release/) into the folder `dest`."""
    dest = Path(dest)
    for name in ["nbgrader_config.py", "source", "release"]:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    return dest


def nbgrader(course, *args, check=True):
    """Runs `nbgrader ARGS` in `course`; raises with its output if it fails and `check`."""
    use_this_environment()
    done = subprocess.run(["nbgrader", *args, "--log-level=WARN"], cwd=course,
                          capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done
