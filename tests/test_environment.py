"""The pip spec and the conda environment list the same packages at the same versions."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pip_pins():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return dict(re.fullmatch(r"([A-Za-z0-9_.-]+)==([\w.]+)", d).groups() for d in deps)


def conda_pins():
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.fullmatch(r"\s*-\s*([A-Za-z0-9_.-]+)=([\w.]+)\s*", line)
        if m and m.group(1) != "python":
            pins[m.group(1)] = m.group(2)
    return pins


def test_every_dependency_is_pinned():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert len(pip_pins()) == len(deps) > 0


def test_pip_and_conda_agree():
    pip, conda = pip_pins(), conda_pins()
    assert set(pip) == set(conda), f"only in pip: {set(pip) - set(conda)}; only in conda: {set(conda) - set(pip)}"
    diff = {k: (pip[k], conda[k]) for k in pip if pip[k] != conda[k]}
    assert not diff, f"versions differ (pip, conda): {diff}"
