"""@ for the products, np.mean for db, m read from dZ."""
import numpy as np


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = dZ.shape[1]
    dW = (dZ @ A_prev.T) / m
    db = np.mean(dZ, axis=1, keepdims=True)
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
