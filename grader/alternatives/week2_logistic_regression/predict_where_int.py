"""np.where giving integer labels, and a loop-free comparison on z instead of A."""
import numpy as np


def predict(w, b, X):
    z = w.T @ X + b
    return np.where(z > 0, 1, 0)
