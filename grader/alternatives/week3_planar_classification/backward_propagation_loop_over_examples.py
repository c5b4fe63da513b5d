"""One example at a time, accumulating the gradients (np.dot, np.power)."""
import numpy as np


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    grads = {"d" + k: np.zeros(v.shape) for k, v in parameters.items()}
    for i in range(m):
        x, a1 = X[:, i:i + 1], A1[:, i:i + 1]
        dz2 = A2[:, i:i + 1] - Y[:, i:i + 1]
        grads["dW2"] += np.dot(dz2, a1.T) / m
        grads["db2"] += dz2 / m
        dz1 = np.dot(W2.T, dz2) * (1 - np.power(a1, 2))
        grads["dW1"] += np.dot(dz1, x.T) / m
        grads["db1"] += dz1 / m
    return grads
