"""zip over consecutive layer sizes, enumerate from 1, a print per layer."""
import numpy as np


def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1):
        print("layer", l, ":", n, "x", n_prev)
        parameters["W" + str(l)] = 0.01 * np.random.randn(n, n_prev)
        parameters["b" + str(l)] = np.zeros((n, 1), dtype=np.float64)
    return parameters
