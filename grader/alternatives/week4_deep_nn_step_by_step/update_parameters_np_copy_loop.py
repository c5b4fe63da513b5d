"""np.copy of each array, a while loop over the layers."""
import numpy as np


def update_parameters(params, grads, learning_rate):
    parameters = {k: np.copy(v) for k, v in params.items()}
    l, L = 1, len(parameters) // 2
    while l <= L:
        for p in ("W", "b"):
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads["d" + p + str(l)]
        l += 1
    return parameters
