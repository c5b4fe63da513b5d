"""The docs match the code: every assignment, script and Makefile target the README names exists,
and every assignment in source/ is in the README's table."""
import re

from conftest import ALL_ASSIGNMENTS, ROOT

README = (ROOT / "README.md").read_text()


def test_readme_lists_every_assignment():
    missing = [a for a in ALL_ASSIGNMENTS if f"| `{a}` |" not in README]
    assert not missing, f"README.md's Assignments table lacks {missing}"


def test_readme_names_only_things_that_exist():
    named = set(re.findall(r"`((?:scripts|docs|datasets|grader|utils)/[\w./]+\.(?:py|md))`", README))
    named |= {f"scripts/{s}" for s in re.findall(r"`((?:bench|check)_\w+\.py)`", README)}
    missing = sorted(p for p in named if not (ROOT / p).exists())
    assert named and not missing, f"README.md names files that do not exist: {missing}"


def test_readme_make_targets_exist():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z]+):", makefile, flags=re.M))
    used = set(re.findall(r"`make (\w+)", README))
    assert used and used <= targets, f"README.md uses make targets the Makefile lacks: {used - targets}"
