"""Computes in float32 whatever it is given (results float32, within float32 precision)."""
import numpy as np


def propagate(w, b, X, Y):
    w, X, Y = w.astype(np.float32), X.astype(np.float32), Y.astype(np.float32)
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + np.float32(b))))
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": X @ (A - Y).T / m, "db": np.sum(A - Y) / m}, cost
