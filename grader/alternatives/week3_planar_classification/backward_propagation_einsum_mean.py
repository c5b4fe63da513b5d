"""einsum for the products, np.mean(..., keepdims=True) for the bias gradients."""
import numpy as np


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = np.einsum("im,jm->ij", dZ2, cache["A1"]) / m
    db2 = np.mean(dZ2, axis=1, keepdims=True)
    dZ1 = np.einsum("ji,jm->im", parameters["W2"], dZ2) * (1 - np.tanh(cache["Z1"]) ** 2)
    dW1 = np.einsum("im,jm->ij", dZ1, X) / m
    db1 = np.mean(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
