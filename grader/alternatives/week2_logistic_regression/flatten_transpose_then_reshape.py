"""Transpose first, done right: the picture axis moved last, then reshape(-1, m)."""
import numpy as np


def flatten_images(X_orig):
    m = X_orig.shape[0]
    return np.moveaxis(X_orig, 0, -1).reshape(-1, m)
