"""np.dot, a (1, 1) cost squeezed, prints while it works."""
# ruff: noqa: F821 (the notebook's other functions are in scope)
import numpy as np


def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    print("A has shape", A.shape)
    cost = np.squeeze(-(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m)
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y, axis=1, keepdims=True) / m
    return {"dw": dw, "db": db.item()}, cost
