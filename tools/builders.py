"""Builders of a cat / non-cat data set in the course's HDF5 layout from other sources.

    python -m tools.builders folders CATS_DIR NONCATS_DIR OUT_DIR
    python -m tools.builders cifar10 ARCHIVE OUT_DIR      (cifar-10-python.tar.gz; downloaded
                                                           to ARCHIVE and MD5-checked if missing)

Point COURSE_DATA_DIR at OUT_DIR to use the result in every notebook.
"""
import argparse
import hashlib
import pickle
import tarfile
import urllib.request
from pathlib import Path

import numpy as np

from tools.catgen import write_split
from utils.data import DatasetError

CIFAR10_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
CIFAR10_MD5 = "c58f30108f718f92721af3b95e74349a"
CIFAR10_CAT = 3
PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg"}


def _resize(pixels, num_px):
    """(h, w, 3) uint8 -> (num_px, num_px, 3) uint8."""
    from PIL import Image
    return np.asarray(Image.fromarray(pixels).resize((num_px, num_px), Image.LANCZOS))


def _pictures(folder, num_px):
    from PIL import Image
    files = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in PICTURE_SUFFIXES)
    if not files:
        raise DatasetError(f"{folder} holds no .png/.jpg/.jpeg pictures")
    return [_resize(np.asarray(Image.open(p).convert("RGB")), num_px) for p in files]


def write_sets(x, y, out_dir, test_fraction=0.2, seed=0):
    """Shuffles (x (m,h,w,3) uint8, y (m,)) and writes the train and test files to out_dir."""
    order = np.random.default_rng(seed).permutation(len(y))
    x, y = x[order], y[order].astype(np.int64)
    n_test = max(1, int(round(test_fraction * len(y))))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_split(out / "train_catvnoncat.h5", "train", x[n_test:], y[n_test:])
    write_split(out / "test_catvnoncat.h5", "test", x[:n_test], y[:n_test])
    return out


def build_from_folders(cats_dir, noncats_dir, out_dir, test_fraction=0.2, seed=0, num_px=64):
    """A data set from two folders of photos of any size (resized to num_px x num_px)."""
    cats, others = _pictures(cats_dir, num_px), _pictures(noncats_dir, num_px)
    x = np.stack(cats + others).astype(np.uint8)
    y = np.array([1] * len(cats) + [0] * len(others))
    return write_sets(x, y, out_dir, test_fraction, seed)


def _cifar_batches(archive):
    """Yields (data (N, 3072) uint8, labels (N,)) of every batch. Unpickles the archive's
    files: use only an archive you trust (the official one, checked by download_cifar10)."""
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            name = Path(member.name).name
            if name.startswith("data_batch_") or name == "test_batch":
                batch = pickle.load(tar.extractfile(member), encoding="bytes")
                yield np.asarray(batch[b"data"], dtype=np.uint8), np.asarray(batch[b"labels"])


def cifar_to_images(data):
    """(N, 3072) channel-major rows (1024 R, 1024 G, 1024 B) -> (N, 32, 32, 3)."""
    return data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)


def build_from_cifar10(archive, out_dir, n_cats=500, n_noncats=1000, test_fraction=0.2,
                       seed=0, num_px=64):
    """Cats vs a sample of the other nine CIFAR-10 classes, upsampled to num_px."""
    data, labels = zip(*_cifar_batches(archive))
    images, labels = cifar_to_images(np.concatenate(data)), np.concatenate(labels)
    rng = np.random.default_rng(seed)
    cats = rng.permutation(np.flatnonzero(labels == CIFAR10_CAT))[:n_cats]
    others = rng.permutation(np.flatnonzero(labels != CIFAR10_CAT))[:n_noncats]
    pick = np.concatenate([cats, others])
    x = np.stack([_resize(im, num_px) for im in images[pick]])
    y = np.array([1] * len(cats) + [0] * len(others))
    return write_sets(x, y, out_dir, test_fraction, seed)


def download_cifar10(dest):
    """Downloads the CIFAR-10 python archive to dest (cached) and checks its MD5."""
    dest = Path(dest)
    if not dest.is_file():
        try:
            urllib.request.urlretrieve(CIFAR10_URL, dest)
        except OSError as e:
            raise DatasetError(f"could not download {CIFAR10_URL} ({e}); download it by hand "
                               f"to {dest}") from None
    digest = hashlib.md5(dest.read_bytes()).hexdigest()
    if digest != CIFAR10_MD5:
        raise DatasetError(f"{dest} has MD5 {digest}, expected {CIFAR10_MD5}: delete it and "
                           "download again")
    return dest


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="source", required=True)
    f = sub.add_parser("folders")
    f.add_argument("cats")
    f.add_argument("noncats")
    f.add_argument("out")
    c = sub.add_parser("cifar10")
    c.add_argument("archive")
    c.add_argument("out")
    args = ap.parse_args(argv)
    if args.source == "folders":
        out = build_from_folders(args.cats, args.noncats, args.out)
    else:
        if not Path(args.archive).exists():
            print(f"{args.archive} not found: downloading {CIFAR10_URL} (about 163 MB)")
            download_cifar10(args.archive)
        out = build_from_cifar10(args.archive, args.out)
    print(f"wrote {out}; use it with COURSE_DATA_DIR={out}")


if __name__ == "__main__":
    main()
