"""`nbgrader ARGS` as `python -m grader.nbgrader_main ARGS`, without the 1.3 s jsonschema spends
building the grammar of its optional IRI checker on `import nbformat` (nbformat never checks
IRIs; grader/runner.py does the same)."""
import sys

sys.modules.setdefault("rfc3987_syntax", None)

from nbgrader.apps.nbgraderapp import main  # noqa: E402 (after the line above, on purpose)

if __name__ == "__main__":
    sys.exit(main())
