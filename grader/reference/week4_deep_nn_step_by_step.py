"""Reference solutions for week 4, building a deep network step by step. Used only by the judge.

Shapes follow the course: X = A0 is (n_x, m), one example per column; W[l] is (n[l], n[l-1]),
b[l] is (n[l], 1), Z[l] and A[l] are (n[l], m). Caches, as in the notebook:
linear_cache = (A_prev, W, b), activation_cache = Z, layer cache = (linear_cache, Z).
The activations are the given helpers of utils.activations.

Gradients follow the course's convention: dA[l] and dZ[l] are derivatives of the *sum* of the
losses (dAL = -(Y/AL - (1-Y)/(1-AL))), while dW[l] and db[l] are derivatives of the cost J,
the *mean* of the losses (hence the 1/m in linear_backward).
"""
import numpy as np

from utils.activations import relu, relu_backward, sigmoid, sigmoid_backward

ACTIVATIONS = {"sigmoid": (sigmoid, sigmoid_backward), "relu": (relu, relu_backward)}


def initialize_parameters(n_x, n_h, n_y):
    """W1 (n_h, n_x), W2 (n_y, n_h) small random; b1 (n_h, 1), b2 (n_y, 1) zeros."""
    np.random.seed(1)  # the course's published numbers use this seed
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims):
    """{"W1".."WL", "b1".."bL"} for layer_dims = [n0, n1, ..., nL]; seeded once with 3."""
    np.random.seed(3)  # the course's published numbers use this seed, set once
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    """Z = W A + b, (n_l, m); cache = (A, W, b)."""
    Z = W @ A + b
    return Z, (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for g in {"sigmoid", "relu"}; cache = ((A_prev, W, b), Z)."""
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = ACTIVATIONS[activation][0](Z)
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    """[LINEAR->RELU] x (L-1) -> LINEAR->SIGMOID; returns AL (n_L, m) and the L caches."""
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    """Cross-entropy -(1/m) sum(Y log AL + (1-Y) log(1-AL)), as a number."""
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return np.squeeze(cost)


def linear_backward(dZ, cache):
    """dA_prev = W^T dZ, dW = dZ A_prev^T / m, db = row sums of dZ / m."""
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """dZ = g'(Z) * dA by the given helper, then linear_backward."""
    linear_cache, activation_cache = cache
    dZ = ACTIVATIONS[activation][1](dA, activation_cache)
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    """grads: dA0..dA{L-1} (dA{l} is the gradient w.r.t. A[l]), dW1..dWL, db1..dbL."""
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    dA = dAL
    for l in reversed(range(1, L + 1)):
        activation = "sigmoid" if l == L else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1],
                                                                          activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent on a copy: W[l] -= learning_rate dW[l], same for b."""
    parameters = {k: np.array(v, copy=True) for k, v in params.items()}
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters
