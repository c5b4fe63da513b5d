"""np.where with integer labels 1 and 0."""
# ruff: noqa: F821 (the notebook's other functions are in scope)
import numpy as np


def predict(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    return np.where(A2 > 0.5, 1, 0)
