"""n_x computed with np.prod and the result returned as a Fortran-ordered copy (another
memory layout, the same values)."""
import numpy as np


def flatten_images(X_orig):
    n_x = int(np.prod(X_orig.shape[1:]))
    return np.asfortranarray(np.reshape(X_orig, (X_orig.shape[0], n_x)).T)
