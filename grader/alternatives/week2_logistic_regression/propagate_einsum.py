"""einsum for the products, np.mean for the averages, db and cost as numpy scalars."""
# ruff: noqa: F821 (the notebook's other functions are in scope)
import numpy as np


def propagate(w, b, X, Y):
    A = sigmoid(np.einsum("ij,im->jm", w, X) + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = np.einsum("im,jm->ij", X, A - Y) / X.shape[1]
    db = np.mean(A - Y)
    return {"dw": dw, "db": db}, cost
