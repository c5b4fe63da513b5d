"""A loop filling a preallocated (n_x, m) array column by column, sizes from the shape."""
import numpy as np


def flatten_images(X_orig):
    m, height, width, colours = X_orig.shape
    X_flatten = np.zeros((height * width * colours, m), dtype=X_orig.dtype)
    for i in range(m):
        X_flatten[:, i] = X_orig[i].reshape(-1)
    return X_flatten
