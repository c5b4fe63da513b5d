"""The bundled cat data, its generator, the loaders and the builders."""
import io
import pickle
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import h5py
import numpy as np
import pytest
from PIL import Image

from tools.builders import build_from_cifar10, build_from_folders
from tools.catgen import make_dataset
from utils import DatasetError, load_dataset, load_image
from utils.data import data_dir

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_files_have_the_course_layout():
    for name, prefix, m, cats in [("train_catvnoncat.h5", "train", 209, 72),
                                  ("test_catvnoncat.h5", "test", 50, 33)]:
        with h5py.File(data_dir() / name, "r") as f:
            x, y = f[f"{prefix}_set_x"], f[f"{prefix}_set_y"]
            assert x.shape == (m, 64, 64, 3) and x.dtype == np.uint8
            assert y.shape == (m,) and y.dtype == np.int64 and int(y[:].sum()) == cats
            assert list(f["list_classes"][:]) == [b"non-cat", b"cat"]


def test_generator_reproduces_the_committed_files():
    # compared by content, not bytes: HDF5 files carry no data we rely on beyond the arrays
    made = make_dataset()
    train_x, train_y, test_x, test_y, _ = load_dataset()
    assert np.array_equal(made["train"][0], train_x) and np.array_equal(made["train"][1], train_y[0])
    assert np.array_equal(made["test"][0], test_x) and np.array_equal(made["test"][1], test_y[0])


def test_load_dataset_shapes():
    train_x, train_y, test_x, test_y, classes = load_dataset()
    assert train_y.shape == (1, 209) and test_y.shape == (1, 50) and classes.shape == (2,)


def test_students_utils_load_the_data_without_tools(tmp_path):
    """What students get (utils/ and datasets/, no tools/) loads the bundled set."""
    shutil.copytree(ROOT / "utils", tmp_path / "utils", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "datasets", tmp_path / "datasets")
    code = ("import sys, utils; from utils import load_dataset; x = load_dataset()[0]; "
            "print(utils.__file__, x.shape, 'tools' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, env={"PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == [str(tmp_path / "utils" / "__init__.py"), "(209,", "64,", "64,",
                                  "3)", "False"]


def _tiny_set(folder, m=6):
    x = np.random.default_rng(0).integers(0, 255, (m, 8, 8, 3), dtype=np.uint8)
    y = np.array([0, 1] * (m // 2))
    from tools.catgen import write_split
    write_split(folder / "train_catvnoncat.h5", "train", x, y)
    write_split(folder / "test_catvnoncat.h5", "test", x[:2], y[:2])


def test_course_data_dir_overrides(tmp_path, monkeypatch):
    _tiny_set(tmp_path)
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    train_x, train_y, *_ = load_dataset()
    assert train_x.shape == (6, 8, 8, 3) and train_y.shape == (1, 6)


@pytest.mark.parametrize("damage", ["missing", "truncated", "wrong_shape", "missing_key"])
def test_bad_files_give_one_clear_error(tmp_path, monkeypatch, damage):
    _tiny_set(tmp_path)
    path = tmp_path / "train_catvnoncat.h5"
    if damage == "missing":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        with h5py.File(path, "w") as f:
            if damage == "wrong_shape":
                f["train_set_x"] = np.zeros((6, 8, 8), dtype=np.uint8)
            f["train_set_y"] = np.zeros(6, dtype=np.int64)
            f["list_classes"] = np.array([b"non-cat", b"cat"])
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    with pytest.raises(DatasetError) as e:
        load_dataset()
    assert "train_catvnoncat.h5" in str(e.value) and "Fix:" in str(e.value)


def test_load_image_png_and_jpeg(tmp_path):
    rgba = np.random.default_rng(1).integers(0, 255, (30, 50, 4), dtype=np.uint8)
    Image.fromarray(rgba, "RGBA").save(tmp_path / "a.png")
    Image.fromarray(rgba[..., :3]).save(tmp_path / "b.jpg")
    for name in ("a.png", "b.jpg"):
        image, x = load_image(tmp_path / name)
        assert image.shape == (64, 64, 3) and image.dtype == np.uint8
        assert x.shape == (12288, 1) and 0 <= x.min() and x.max() <= 1
        assert np.allclose(x[:3, 0], image[0, 0] / 255)
    with pytest.raises(DatasetError):
        load_image(tmp_path / "none.png")


def test_build_from_folders(tmp_path, monkeypatch):
    for kind, n in (("cats", 4), ("others", 6)):
        (tmp_path / kind).mkdir()
        for i in range(n):
            Image.new("RGB", (40 + i, 30), (i * 20, 0, 0)).save(tmp_path / kind / f"{i}.PNG")
    out = build_from_folders(tmp_path / "cats", tmp_path / "others", tmp_path / "out",
                             test_fraction=0.2)
    monkeypatch.setenv("COURSE_DATA_DIR", str(out))
    train_x, train_y, test_x, test_y, _ = load_dataset()
    assert train_x.shape == (8, 64, 64, 3) and test_x.shape == (2, 64, 64, 3)
    assert train_y.sum() + test_y.sum() == 4
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetError):
        build_from_folders(tmp_path / "empty", tmp_path / "others", tmp_path / "out2")


def test_build_from_cifar10_decodes_channel_major(tmp_path, monkeypatch):
    data = np.zeros((4, 3072), dtype=np.uint8)
    data[:, 0] = 200          # red of pixel (0, 0)
    data[:, 1024 + 33] = 100  # green of pixel (1, 1)
    labels = [3, 3, 0, 5]
    archive = tmp_path / "cifar.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name in ("data_batch_1", "test_batch"):
            blob = pickle.dumps({b"data": data, b"labels": labels})
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
    out = build_from_cifar10(archive, tmp_path / "out", n_cats=4, n_noncats=4, num_px=32)
    monkeypatch.setenv("COURSE_DATA_DIR", str(out))
    train_x, train_y, test_x, test_y, _ = load_dataset()
    x = np.concatenate([train_x, test_x])
    assert x.shape[1:] == (32, 32, 3) and train_y.sum() + test_y.sum() == 4
    assert (x[:, 0, 0, 0] == 200).all() and (x[:, 1, 1, 1] == 100).all() and (x[:, 1, 1, 0] == 0).all()


def test_every_name_utils_exports_resolves():
    import utils
    missing = [n for n in utils.__all__ if not callable(getattr(utils, n, None))]
    assert not missing, f"utils.__all__ lists names that do not load: {missing}"


def test_cifar10_download_is_cached_and_hash_checked(tmp_path, monkeypatch):
    from tools import builders
    calls = []
    monkeypatch.setattr(builders.urllib.request, "urlretrieve",
                        lambda url, dest: calls.append(url) or Path(dest).write_bytes(b"not it"))
    dest = tmp_path / "cifar-10-python.tar.gz"
    with pytest.raises(DatasetError, match="MD5"):
        builders.download_cifar10(dest)          # downloaded, but the hash is wrong
    assert calls == [builders.CIFAR10_URL]
    with pytest.raises(DatasetError, match="MD5"):
        builders.download_cifar10(dest)          # cached: checked again, not downloaded again
    assert len(calls) == 1
