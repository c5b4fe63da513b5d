"""One loop over all layers from L down to 1, a helper for the activation, prints."""
import numpy as np


def _activation_of(l, L):
    return "sigmoid" if l == L else "relu"


def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dA = np.divide(1 - Y, 1 - AL) - np.divide(Y, AL)
    for l in range(L, 0, -1):
        dA, dW, db = linear_activation_backward(dA, caches[l - 1], _activation_of(l, L))  # noqa: F821
        grads.update({f"dA{l - 1}": dA, f"dW{l}": dW, f"db{l}": db})
        print("layer", l, "dW shape", dW.shape)
    return grads
