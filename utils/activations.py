"""Activation functions and their backward steps, as forward/backward pairs.

Introduced in week 4 ("Building a deep network step by step") and used again by the week 4
application. They are given, not graded: the notebooks import them with

    from utils.activations import sigmoid, relu, sigmoid_backward, relu_backward

Each forward function returns `(A, cache)` with `cache = Z`, the input it was given; the
matching backward function takes `dA` (the gradient of the cost with respect to `A`) and that
cache, and returns `dZ`, the gradient with respect to `Z` (chain rule, elementwise). All
arrays keep one example per column, e.g. Z is (n_l, m); any shape works.
"""
import numpy as np


def sigmoid(Z):
    """Logistic function sigma(Z) = 1 / (1 + e^-Z), elementwise.

    Arguments:
    Z -- pre-activation, numpy array of any shape, e.g. (n_l, m)
    Returns:
    A -- sigma(Z), same shape as Z, every entry in (0, 1)
    cache -- Z itself, kept for sigmoid_backward
    """
    # e^(-log(1 + e^-Z)) equals 1 / (1 + e^-Z) and never overflows for very negative Z
    A = np.exp(-np.logaddexp(0.0, -Z))
    return A, Z


def relu(Z):
    """Rectified linear unit max(0, Z), elementwise.

    Arguments:
    Z -- pre-activation, numpy array of any shape, e.g. (n_l, m)
    Returns:
    A -- max(0, Z), same shape as Z
    cache -- Z itself, kept for relu_backward
    """
    A = np.maximum(0, Z)
    return A, Z


def sigmoid_backward(dA, cache):
    """Backward step of sigmoid: dZ = dA * sigma(Z) * (1 - sigma(Z)).

    Arguments:
    dA -- gradient of the cost with respect to A = sigma(Z), shape of Z
    cache -- Z, as returned by sigmoid
    Returns:
    dZ -- gradient of the cost with respect to Z, shape of Z
    """
    Z = cache
    s = np.exp(-np.logaddexp(0.0, -Z))  # sigma(Z)
    dZ = dA * s * (1 - s)               # d sigma / dZ = sigma (1 - sigma)
    return dZ


def relu_backward(dA, cache):
    """Backward step of relu: dZ = dA where Z > 0, else 0.

    The slope of max(0, Z) is 1 for Z > 0 and 0 for Z < 0; at Z = 0 we take 0.

    Arguments:
    dA -- gradient of the cost with respect to A = relu(Z), shape of Z
    cache -- Z, as returned by relu
    Returns:
    dZ -- gradient of the cost with respect to Z, shape of Z
    """
    Z = cache
    dZ = np.where(Z > 0, dA, 0.0)
    return dZ
