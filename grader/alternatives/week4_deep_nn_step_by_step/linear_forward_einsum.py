"""einsum for W A, and a cache built as a list turned into a tuple."""
import numpy as np


def linear_forward(A, W, b):
    Z = np.einsum("ij,jm->im", W, A) + b
    return Z, tuple([A, W, b])
