"""Makes a student's working copy of an assignment in work/ (for `make lab`).

JupyterLab's Validate button saves over the notebook it validates, so students never open
release/ itself: they work on a copy, which this never overwrites.
"""
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(assignment):
    src, dest = ROOT / "release" / assignment, ROOT / "work" / assignment
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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
