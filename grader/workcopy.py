"""Makes a student's working copy of an assignment in work/ (for `make lab`).

JupyterLab's Validate button saves over the notebook it validates, so students never open
release/ itself: they work on a copy, which this never overwrites. The copy's folder also gets
the student-side `nbgrader_config.py` (grader.course_loop): the course id and exchange, so the
Assignment List can submit and fetch feedback, and a long cell time for Validate, which runs
every cell, training included.
"""
import shutil
import sys
from pathlib import Path

from grader.course_loop import COURSE_ID, exchange_root, write_student_config

ROOT = Path(__file__).resolve().parent.parent


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
    write_student_config(work)      # rewritten each time: the exchange may have moved
    if not (Path(exchange_root()) / COURSE_ID / "outbound" / assignment).is_dir():
        print(f"note: {assignment} is not in the exchange yet, so Nbgrader > Assignment List "
              f"cannot submit it: run `make release A={assignment}` first")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
