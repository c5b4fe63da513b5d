"""A loop over the two layers filling the dict with f-string keys; W drawn by np.random.normal."""
import numpy as np


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    parameters = {}
    for l, (rows, cols) in enumerate([(n_h, n_x), (n_y, n_h)], start=1):
        parameters[f"W{l}"] = np.random.normal(size=(rows, cols)) * 0.01  # same draws as randn
        parameters[f"b{l}"] = np.zeros(shape=(rows, 1))
    return parameters
