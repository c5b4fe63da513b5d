"""The course's diagrams (utils/diagrams.py): the committed PNGs in docs/images/ are what the
code draws now, and every diagram is shown in a notebook where its idea is introduced."""
import json

import numpy as np
import pytest
from PIL import Image

from conftest import ALL_ASSIGNMENTS, ROOT
from utils.diagrams import DIAGRAMS, write_all

IMAGES = ROOT / "docs" / "images"


def pixels(path):
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)


def differences(made, committed):
    """Why two pictures differ ('' if they agree up to anti-aliasing noise)."""
    a, b = pixels(made), pixels(committed)
    if a.shape != b.shape:
        return f"size {b.shape[1]}x{b.shape[0]}, the code draws {a.shape[1]}x{a.shape[0]}"
    changed = float(np.mean(np.abs(a - b).max(axis=2) > 40))    # fraction of pixels
    return f"{changed:.2%} of the pixels differ" if changed > 0.002 else ""


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    out = tmp_path_factory.mktemp("diagrams")
    write_all(out)
    return out


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_committed_png_is_what_the_code_draws(name, drawn):
    committed = IMAGES / f"{name}.png"
    assert committed.is_file(), f"{committed} is missing: run `python -m utils.diagrams`"
    found = differences(drawn / f"{name}.png", committed)
    assert not found, f"docs/images/{name}.png is stale ({found}): run `python -m utils.diagrams`"


def test_a_changed_drawing_is_noticed(tmp_path, drawn):
    name = sorted(DIAGRAMS)[0]
    picture = Image.open(drawn / f"{name}.png").convert("RGB")
    picture.paste((255, 0, 0), (0, 0, picture.width // 4, picture.height // 4))
    picture.save(tmp_path / "changed.png")
    assert differences(tmp_path / "changed.png", drawn / f"{name}.png")
    picture.crop((0, 0, picture.width - 5, picture.height)).save(tmp_path / "cropped.png")
    assert "size" in differences(tmp_path / "cropped.png", drawn / f"{name}.png")


def code_cells():
    for a in ALL_ASSIGNMENTS:
        nb = json.loads((ROOT / "source" / a / f"{a}.ipynb").read_text())
        yield from ("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_every_diagram_is_shown_in_a_notebook(name):
    function = DIAGRAMS[name].__name__
    users = [s for s in code_cells() if f"from utils.diagrams import {function}" in s
             and f"{function}(" in s]
    assert users, f"no source notebook draws {function}: add a cell where its idea is introduced"


def test_each_diagram_has_a_title():
    import matplotlib.pyplot as plt
    for name, draw in DIAGRAMS.items():
        fig = draw()
        titles = [ax.get_title() for ax in fig.axes] + [fig._suptitle.get_text()
                                                         if fig._suptitle else ""]
        plt.close(fig)
        assert any(titles), f"{name} has no title"
