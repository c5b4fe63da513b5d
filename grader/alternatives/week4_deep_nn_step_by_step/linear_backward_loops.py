"""Plain loops over the examples (np.outer per column), einsum for dA_prev."""
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        dW += np.outer(dZ[:, i], A_prev[:, i])
        db[:, 0] += dZ[:, i]
    dA_prev = np.einsum("ji,jm->im", W, dZ)
    return dA_prev, dW / m, db / m
