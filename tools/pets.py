"""The cat / non-cat data from real photos: the Oxford-IIIT Pet images (CC BY-SA 4.0).

    python -m tools.pets --out datasets/pets            # downloads the archive once (755 MB)
    python -m tools.pets --archive images.tar.gz --out datasets/pets

The archive is downloaded only on request, checked against a pinned SHA-256 and cached
(`$XDG_CACHE_HOME/nndl`, else `~/.cache/nndl`). Cats (file names starting with a capital, the
12 cat breeds) are the class 1, dogs (25 breeds) the class 0. Each photo is cropped to its
central square and resized to 64 x 64; the files are written in the layout of the bundled set
(train_catvnoncat.h5, test_catvnoncat.h5) with its class balance: 72 cats among 209 training
pictures, 33 among 50 test pictures. Point COURSE_DATA_DIR at the output folder to use it.

Photos: O. M. Parkhi, A. Vedaldi, A. Zisserman, C. V. Jawahar, "Cats and Dogs", CVPR 2012,
https://www.robots.ox.ac.uk/~vgg/data/pets/ (CC BY-SA 4.0).
"""
import argparse
import hashlib
import io
import os
import tarfile
import urllib.request
from pathlib import Path

import numpy as np

from tools.catgen import TEST_COUNTS, TRAIN_COUNTS, write_split
from utils.data import DatasetError

URL = "https://thor.robots.ox.ac.uk/~vgg/data/pets/images.tar.gz"
SHA256 = "67195c5e1c01f1ab5f9b6a5d22b8c27a580d896ece458917e61d459337fa318d"
SIZE = 791918971               # bytes of images.tar.gz
NUM_PX = 64


def cache_dir():
    """Where the downloaded archive is kept: $XDG_CACHE_HOME/nndl, else ~/.cache/nndl."""
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "nndl"


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check(path, sha256, fix):
    found = sha256_of(path)
    if found != sha256:
        raise DatasetError(f"{path} has SHA-256 {found}, expected {sha256}: it is damaged or "
                           f"another file. {fix}")


def download(dest, url=None, sha256=None):
    """The archive at dest, downloaded from url (default URL) if it is not there yet, with its
    SHA-256 checked (default SHA256). A download goes to dest.part, renamed once checked."""
    dest, url, sha256 = Path(dest), url or URL, sha256 or SHA256
    if dest.is_file():
        _check(dest, sha256, f"Delete it to download {url} again.")
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    try:
        urllib.request.urlretrieve(url, part)
        _check(part, sha256, "The download was deleted: run the command again.")
    except OSError as e:
        part.unlink(missing_ok=True)
        raise DatasetError(f"could not download {url} ({e}). Download it by hand and give "
                           f"it with --archive, or put it at {dest}") from None
    except DatasetError:
        part.unlink(missing_ok=True)
        raise
    part.replace(dest)
    return dest


def is_cat(name):
    """Oxford-IIIT Pet names cat photos with a capital (Abyssinian_1.jpg), dogs without."""
    return Path(name).name[:1].isupper()


def _square(picture, num_px):
    """The central square of a PIL picture, resized to (num_px, num_px, 3) uint8."""
    from PIL import Image
    picture = picture.convert("RGB")
    side = min(picture.size)
    left, top = (picture.width - side) // 2, (picture.height - side) // 2
    square = picture.crop((left, top, left + side, top + side))
    return np.asarray(square.resize((num_px, num_px), Image.LANCZOS), dtype=np.uint8)


def _photos(tar):
    """The .jpg members of the archive, in archive order."""
    return [m for m in tar.getmembers() if m.isfile() and m.name.lower().endswith(".jpg")]


def _read(tar, members, num_px):
    """{name: (num_px, num_px, 3) uint8} of the members that open as pictures (a few files of
    the archive do not); read in archive order, so a compressed archive is read once."""
    from PIL import Image, UnidentifiedImageError
    pictures = {}
    for member in sorted(members, key=lambda m: m.offset_data):
        try:
            data = tar.extractfile(member).read()
            pictures[member.name] = _square(Image.open(io.BytesIO(data)), num_px)
        except (OSError, UnidentifiedImageError, ValueError):
            continue
    return pictures


def _choose(members, wanted, rng, spare=1.2):
    """A random order of each class's members, cut at `spare` times what is wanted."""
    cats = [m for m in members if is_cat(m.name)]
    dogs = [m for m in members if not is_cat(m.name)]
    for name, group, n in (("cat", cats, wanted[1]), ("dog", dogs, wanted[0])):
        if len(group) < n:
            raise DatasetError(f"the archive holds {len(group)} {name} photos, {n} are needed")
    return [[group[i] for i in rng.permutation(len(group))[:int(spare * n) + 5]]
            for group, n in ((dogs, wanted[0]), (cats, wanted[1]))]


def build(archive, out_dir, seed=0, num_px=NUM_PX):
    """Writes train_catvnoncat.h5 and test_catvnoncat.h5 to out_dir from the photo archive."""
    (m_train, cats_train), (m_test, cats_test) = TRAIN_COUNTS, TEST_COUNTS
    wanted = {0: (m_train - cats_train) + (m_test - cats_test), 1: cats_train + cats_test}
    rng = np.random.default_rng(seed)
    with tarfile.open(archive, "r:*") as tar:
        candidates = _choose(_photos(tar), wanted, rng)
        pictures = _read(tar, candidates[0] + candidates[1], num_px)
    classes = []
    for label, group in enumerate(candidates):
        readable = [pictures[m.name] for m in group if m.name in pictures]
        if len(readable) < wanted[label]:
            raise DatasetError(f"only {len(readable)} readable {'cat' if label else 'dog'} "
                               f"photos among those picked, {wanted[label]} are needed")
        classes.append(readable[:wanted[label]])
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    splits = {"train": (classes[0][:m_train - cats_train], classes[1][:cats_train]),
              "test": (classes[0][m_train - cats_train:], classes[1][cats_train:])}
    for prefix, (dogs, cats) in splits.items():
        x = np.stack(dogs + cats)
        y = np.array([0] * len(dogs) + [1] * len(cats), dtype=np.int64)
        order = rng.permutation(len(y))
        write_split(out / f"{prefix}_catvnoncat.h5", prefix, x[order], y[order])
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="folder for the two .h5 files")
    ap.add_argument("--archive", default=None,
                    help=f"images.tar.gz (default: downloaded to {cache_dir()})")
    ap.add_argument("--seed", type=int, default=0, help="which photos are picked, and order")
    args = ap.parse_args(argv)
    archive = Path(args.archive) if args.archive else cache_dir() / "images.tar.gz"
    if not archive.is_file():
        print(f"downloading {URL} ({SIZE / 2**20:.0f} MB) to {archive}")
    download(archive)
    out = build(archive, args.out, seed=args.seed)
    print(f"wrote {out}; use it with COURSE_DATA_DIR={out.resolve()}")


if __name__ == "__main__":
    main()
