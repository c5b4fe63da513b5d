"""Loops over examples and features, Python floats for b, db and the cost."""
import math

import numpy as np


def propagate(w, b, X, Y):
    n_x, m = X.shape
    dw = np.zeros((n_x, 1), dtype=X.dtype)
    db, cost = 0.0, 0.0
    for i in range(m):
        z = float(b) + sum(float(w[j, 0]) * float(X[j, i]) for j in range(n_x))
        a = 1 / (1 + math.exp(-z))
        y = float(Y[0, i])
        cost -= y * math.log(a) + (1 - y) * math.log(1 - a)
        for j in range(n_x):
            dw[j, 0] += X[j, i] * (a - y) / m
        db += (a - y) / m
    return {"dw": dw, "db": db}, cost / m
