"""tools/pets.py, the photo builder, on a small fake Oxford-IIIT Pet archive (the real one is
755 MB and needs the internet): class balance, layout, labels, checksum, cache, errors."""
import io
import tarfile

import h5py
import numpy as np
import pytest
from PIL import Image

from tools import pets
from utils import DatasetError, load_dataset

RED, BLUE = (220, 30, 30), (30, 30, 220)     # fake cats are red, fake dogs blue


def _jpeg(colour, size, fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def _add(tar, name, data):
    info = tarfile.TarInfo(f"images/{name}")
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def fake_archive(path, n_cats=130, n_dogs=180):
    """A tar.gz laid out like images.tar.gz: Breed_k.jpg cats, breed_k.jpg dogs, photos of
    several sizes, plus what the real archive also holds: a .mat file, a PNG named .jpg and a
    file that is not a picture."""
    with tarfile.open(path, "w:gz") as tar:
        for k in range(n_cats):
            _add(tar, f"Abyssinian_{k}.jpg", _jpeg(RED, (40 + k % 7, 30 + k % 5)))
        for k in range(n_dogs):
            _add(tar, f"beagle_{k}.jpg", _jpeg(BLUE, (30 + k % 3, 45)))
        _add(tar, "Abyssinian_100.mat", b"MATLAB 5.0")
        _add(tar, "Bengal_png.jpg", _jpeg(RED, (50, 50), "PNG"))
        _add(tar, "Bengal_broken.jpg", b"not a picture")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pets")
    archive = fake_archive(tmp / "images.tar.gz")
    return archive, pets.build(archive, tmp / "out", seed=3)


@pytest.mark.parametrize("prefix, m, cats", [("train", 209, 72), ("test", 50, 33)])
def test_layout_and_class_balance_of_the_original(built, prefix, m, cats):
    with h5py.File(built[1] / f"{prefix}_catvnoncat.h5", "r") as f:
        x, y = f[f"{prefix}_set_x"][:], f[f"{prefix}_set_y"][:]
        assert list(f["list_classes"][:]) == [b"non-cat", b"cat"]
    assert x.shape == (m, 64, 64, 3) and x.dtype == np.uint8
    assert y.shape == (m,) and int(y.sum()) == cats
    red = x[..., 0].mean(axis=(1, 2)) > x[..., 2].mean(axis=(1, 2))
    assert np.array_equal(red, y == 1), "a label does not match its photo (cats are red here)"
    steps = np.diff(y)
    assert (steps > 0).any() and (steps < 0).any(), "classes are not shuffled"


def test_the_course_loads_it(built, monkeypatch):
    monkeypatch.setenv("COURSE_DATA_DIR", str(built[1]))
    train_x, train_y, test_x, test_y, classes = load_dataset()
    assert train_x.shape == (209, 64, 64, 3) and test_y.shape == (1, 50)


def test_same_seed_same_data_and_no_photo_in_both_splits(built, tmp_path):
    again = pets.build(built[0], tmp_path / "again", seed=3)
    for name in ("train_catvnoncat.h5", "test_catvnoncat.h5"):
        with h5py.File(built[1] / name, "r") as a, h5py.File(again / name, "r") as b:
            assert all(np.array_equal(a[k][:], b[k][:]) for k in a)
    with tarfile.open(built[0]) as tar:
        members = pets._choose(pets._photos(tar), {0: 154, 1: 105}, np.random.default_rng(0))
    names = [m.name for group in members for m in group]
    assert len(names) == len(set(names))


def test_too_few_cats_is_said(tmp_path):
    archive = fake_archive(tmp_path / "small.tar.gz", n_cats=50)    # + 2 files named .jpg
    with pytest.raises(DatasetError, match="52 cat photos, 105 are needed"):
        pets.build(archive, tmp_path / "out")


def test_download_checks_the_checksum_and_caches(tmp_path):
    archive = fake_archive(tmp_path / "remote.tar.gz")
    url, digest = archive.as_uri(), pets.sha256_of(archive)
    dest = pets.download(tmp_path / "cache" / "images.tar.gz", url, digest)
    assert pets.sha256_of(dest) == digest
    archive.unlink()                                   # the cached copy is used from now on
    assert pets.download(dest, url, digest) == dest
    with pytest.raises(DatasetError, match="expected 0+"):
        pets.download(dest, url, "0" * 64)             # a damaged cache is named, not deleted
    assert dest.is_file()


def test_a_bad_download_leaves_nothing(tmp_path):
    archive = fake_archive(tmp_path / "remote.tar.gz")
    dest = tmp_path / "cache" / "images.tar.gz"
    with pytest.raises(DatasetError, match="SHA-256"):
        pets.download(dest, archive.as_uri(), "0" * 64)
    with pytest.raises(DatasetError, match="could not download"):
        pets.download(dest, (tmp_path / "missing.tar.gz").as_uri(), "0" * 64)
    assert not list(dest.parent.iterdir())


def test_command_downloads_once_then_builds(tmp_path, monkeypatch, capsys):
    archive = fake_archive(tmp_path / "remote.tar.gz")
    monkeypatch.setattr(pets, "URL", archive.as_uri())
    monkeypatch.setattr(pets, "SHA256", pets.sha256_of(archive))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    pets.main(["--out", str(tmp_path / "out")])
    assert (tmp_path / "xdg" / "nndl" / "images.tar.gz").is_file()
    assert "downloading" in capsys.readouterr().out
    pets.main(["--out", str(tmp_path / "out2")])
    assert "downloading" not in capsys.readouterr().out
    assert (tmp_path / "out2" / "test_catvnoncat.h5").is_file()
