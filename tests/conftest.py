"""Shared fixtures: a throw-away copy of the course, so tests never touch the real one."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS = sorted(p.parent.name for p in ROOT.glob("source/*/*.ipynb")
                     if p.stem == p.parent.name)
# nbgrader, jupyter and alembic must come from this environment, however pytest was started.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


def make_course(dest):
    """Copies what nbgrader needs (config, source/, release/) into `dest`."""
    for name in ["nbgrader_config.py", "source", "release"]:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    return dest


def nbgrader(course, *args, check=True):
    done = subprocess.run(["nbgrader", *args, "--log-level=WARN"], cwd=course,
                          capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="session")
def built_course(tmp_path_factory):
    """A course copy with release/ regenerated from source/ (and the gradebook filled)."""
    course = make_course(tmp_path_factory.mktemp("course"))
    for a in ASSIGNMENTS:
        nbgrader(course, "generate_assignment", a, "--force")
    return course
