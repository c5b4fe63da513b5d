"""Makes a student's working copy of an assignment in work/ (for `make lab`).

JupyterLab's Validate button saves over the notebook it validates, so students never open
release/ itself: they work on a copy, which this never overwrites. The copy's folder also gets
an `nbgrader_config.py` for the Validate button: it runs every cell, including the long
training cells, so it needs more than nbgrader's default 30 s per cell on a slow laptop.
"""
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VALIDATE_TIMEOUT = 600      # seconds per cell when a student clicks Validate
STUDENT_CONFIG = f'''# Written by `make lab` for the Validate button in this folder (not used for grading).
c = get_config()  # noqa: F821
c.Execute.timeout = {VALIDATE_TIMEOUT}   # the training cells take a while on a laptop
'''


def main(assignment, work=ROOT / "work"):
    src, dest = ROOT / "release" / assignment, Path(work) / assignment
    if not src.is_dir():
        known = sorted(p.name for p in (ROOT / "release").iterdir() if p.is_dir())
        print(f"no assignment {assignment!r} in release/; choose one of: {', '.join(known)}",
              file=sys.stderr)
        return 2
    if dest.exists():
        print(f"{dest} exists already: keeping your work")
    else:
        shutil.copytree(src, dest)
        print(f"copied {src} -> {dest}")
    config = Path(work) / "nbgrader_config.py"
    if not config.exists():
        config.write_text(STUDENT_CONFIG)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
