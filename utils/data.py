"""Loading the course's data. Introduced in week 2 (logistic regression), reused in week 4.

Files are read from `$COURSE_DATA_DIR` if set, else from the repository's `datasets/`,
resolved from this file (never from the working directory). Any problem with a file raises one
`DatasetError` that names the file, says what was expected and how to fix it.
"""
import os
from pathlib import Path

import numpy as np

SPLITS = {"train": "train_catvnoncat.h5", "test": "test_catvnoncat.h5"}


def _fix():
    """How to get good data files where they are looked for (depends on COURSE_DATA_DIR)."""
    env = os.environ.get("COURSE_DATA_DIR")
    if env:
        return (f"COURSE_DATA_DIR is set to {env}, so the data are read from that folder"
                f"{'' if Path(env).is_dir() else ', which does not exist'}. Fix: put "
                "train_catvnoncat.h5 and test_catvnoncat.h5 in the course's layout there (your "
                "instructor makes them with the course's tools/builders.py), or unset "
                "COURSE_DATA_DIR to use the course's bundled datasets/.")
    return (f"Fix: copy the course's train_catvnoncat.h5 and test_catvnoncat.h5 again into "
            f"{data_dir()} (instructors: `python -m tools.catgen` draws them again), or set "
            "COURSE_DATA_DIR to a folder holding them in the course's layout.")


class DatasetError(Exception):
    """A data file is missing, unreadable or not in the expected layout."""


def data_dir():
    """The folder data are read from: $COURSE_DATA_DIR, else the repository's datasets/."""
    env = os.environ.get("COURSE_DATA_DIR")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "datasets"


def _read_split(prefix):
    """(x (m, h, w, 3) uint8, y (m,) int64, classes (2,) bytes) of one split, checked."""
    import h5py
    path = data_dir() / SPLITS[prefix]
    if not path.is_file():
        raise DatasetError(f"{path} is missing. Expected the course's cat data here. {_fix()}")
    try:
        with h5py.File(path, "r") as f:
            missing = [k for k in (f"{prefix}_set_x", f"{prefix}_set_y", "list_classes") if k not in f]
            if missing:
                raise DatasetError(f"{path} has no dataset(s) {missing}; expected "
                                   f"{prefix}_set_x, {prefix}_set_y and list_classes. {_fix()}")
            x, y = f[f"{prefix}_set_x"][:], f[f"{prefix}_set_y"][:]
            classes = f["list_classes"][:]
    except DatasetError:
        raise
    except Exception as e:  # h5py raises OSError, KeyError, ... on a damaged file
        raise DatasetError(f"{path} could not be read as HDF5 ({type(e).__name__}: {e}); "
                           f"the file is damaged or truncated. {_fix()}") from None
    _check(path, prefix, x, y)
    return x, y.astype(np.int64), classes


def _check(path, prefix, x, y):
    if x.ndim != 4 or x.shape[-1] != 3 or x.dtype != np.uint8:
        raise DatasetError(f"{path}: {prefix}_set_x has shape {x.shape} and dtype {x.dtype}; "
                           f"expected (m, height, width, 3) uint8 pictures. {_fix()}")
    if y.shape != (x.shape[0],):
        raise DatasetError(f"{path}: {prefix}_set_y has shape {y.shape}; expected "
                           f"({x.shape[0]},), one label per picture. {_fix()}")
    if not np.isin(y, (0, 1)).all():
        raise DatasetError(f"{path}: {prefix}_set_y holds labels other than 0 and 1. {_fix()}")


def load_dataset():
    """The cat / non-cat data in the course's layout.

    Returns:
    train_set_x_orig -- (m_train, num_px, num_px, 3) uint8 pictures
    train_set_y -- (1, m_train) labels, 1 = cat
    test_set_x_orig -- (m_test, num_px, num_px, 3) uint8 pictures
    test_set_y -- (1, m_test) labels
    classes -- (2,) array of bytes, [b'non-cat', b'cat']
    """
    train_x, train_y, classes = _read_split("train")
    test_x, test_y, _ = _read_split("test")
    return train_x, train_y.reshape(1, -1), test_x, test_y.reshape(1, -1), classes


def load_image(path, num_px=64):
    """Any PNG or JPEG as the network's input.

    Arguments:
    path -- the picture's file
    num_px -- side of the square it is resized to
    Returns:
    image -- (num_px, num_px, 3) uint8, RGB
    x -- (num_px * num_px * 3, 1) float64 in [0, 1], flattened as the course flattens X
    """
    from PIL import Image, UnidentifiedImageError
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"{path} is missing: put your picture there or change the path")
    try:
        with Image.open(path) as im:
            image = np.asarray(im.convert("RGB").resize((num_px, num_px), Image.LANCZOS),
                               dtype=np.uint8)
    except (UnidentifiedImageError, OSError) as e:
        raise DatasetError(f"{path} could not be read as a picture ({e}); use a PNG or JPEG") from None
    return image, image.reshape(1, -1).T / 255.0
