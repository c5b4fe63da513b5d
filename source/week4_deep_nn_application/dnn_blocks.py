"""Building blocks of a deep network, shipped with the week 4 application notebook.

These are the functions you wrote in "Building a deep network step by step", given here so
that this notebook can put them together. The application imports them with

    from dnn_blocks import initialize_parameters, L_model_forward, ...

Conventions (the course's): X is (n_x, m), one example per column; W[l] is (n[l], n[l-1]) and
b[l] is (n[l], 1), stored as parameters["W1"], parameters["b1"], ...; the network is
[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID. Every *_forward returns (output, cache) and
every *_backward takes the gradient of its output and that cache (the layer contract).

Caches: linear_forward keeps (A_prev, W, b); linear_activation_forward keeps
(linear_cache, activation_cache) with activation_cache = Z; L_model_forward keeps the list of
the L layer caches, layer 1 first.
"""
import numpy as np

from utils.activations import relu, relu_backward, sigmoid, sigmoid_backward


# --------------------------------------------------------------------- initialization

def initialize_parameters(n_x, n_h, n_y):
    """Small random weights and zero biases for LINEAR -> RELU -> LINEAR -> SIGMOID.

    Arguments:
    n_x -- size of the input layer
    n_h -- size of the hidden layer
    n_y -- size of the output layer

    Returns:
    parameters -- dict with W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)
    """
    np.random.seed(1)   # the course's seed: its published two-layer figures start here
    return {"W1": np.random.randn(n_h, n_x) * 0.01,
            "b1": np.zeros((n_h, 1)),
            "W2": np.random.randn(n_y, n_h) * 0.01,
            "b2": np.zeros((n_y, 1))}


def initialize_parameters_deep(layer_dims):
    """Random weights scaled by 1 / sqrt(n[l-1]) and zero biases, for an L-layer network.

    The scale keeps the variance of Z[l] = W[l] A[l-1] + b[l] about the same from layer to
    layer; with a fixed 0.01 every layer would shrink the signal (and the gradients) further.

    Arguments:
    layer_dims -- list [n[0], n[1], ..., n[L]] of the sizes of the layers, input first

    Returns:
    parameters -- dict with W1 .. WL, W[l] of shape (n[l], n[l-1]), and b1 .. bL of shape (n[l], 1)
    """
    np.random.seed(1)   # the course's seed: its published L-layer figures start here
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                               / np.sqrt(layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


# ----------------------------------------------------------------------------- forward

def linear_forward(A_prev, W, b):
    """Z = W A_prev + b.

    Arguments:
    A_prev -- activations of the previous layer, (n[l-1], m)
    W -- weights, (n[l], n[l-1])
    b -- biases, (n[l], 1), broadcast over the m columns

    Returns:
    Z -- pre-activation, (n[l], m)
    cache -- (A_prev, W, b), for linear_backward
    """
    Z = W @ A_prev + b                                      # (n[l], m)
    return Z, (A_prev, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) with g = relu or sigmoid.

    Arguments:
    A_prev -- activations of the previous layer, (n[l-1], m)
    W -- weights, (n[l], n[l-1])
    b -- biases, (n[l], 1)
    activation -- "relu" or "sigmoid"

    Returns:
    A -- activations of this layer, (n[l], m)
    cache -- (linear_cache, activation_cache), for linear_activation_backward
    """
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A, activation_cache = relu(Z)
    elif activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    else:
        raise ValueError(f"activation must be 'relu' or 'sigmoid', not {activation!r}")
    return A, (linear_cache, activation_cache)


def L_model_forward(X, parameters):
    """Forward pass of [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID.

    Arguments:
    X -- inputs, (n[0], m)
    parameters -- dict W1, b1, ..., WL, bL as made by initialize_parameters_deep

    Returns:
    AL -- output of the sigmoid, the probabilities of label 1, (1, m)
    caches -- list of the L caches of linear_activation_forward, layer 1 first
    """
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    """Cross-entropy cost J = -(1/m) sum(Y log AL + (1 - Y) log(1 - AL)).

    Arguments:
    AL -- probabilities of label 1, (1, m)
    Y -- true labels 0 or 1, (1, m)

    Returns:
    cost -- a python float
    """
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return float(np.squeeze(cost))


# ---------------------------------------------------------------------------- backward

def linear_backward(dZ, cache):
    """Gradients of Z = W A_prev + b, given dZ.

    Arguments:
    dZ -- gradient of the cost with respect to Z, (n[l], m)
    cache -- (A_prev, W, b) from linear_forward

    Returns:
    dA_prev -- gradient with respect to A_prev, (n[l-1], m)
    dW -- gradient with respect to W, (n[l], n[l-1])
    db -- gradient with respect to b, (n[l], 1)
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m                                  # (n[l], n[l-1])
    db = np.sum(dZ, axis=1, keepdims=True) / m              # (n[l], 1)
    dA_prev = W.T @ dZ                                      # (n[l-1], m)
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """Gradients of A = g(W A_prev + b), given dA.

    Arguments:
    dA -- gradient of the cost with respect to A, (n[l], m)
    cache -- (linear_cache, activation_cache) from linear_activation_forward
    activation -- "relu" or "sigmoid", as in the forward pass

    Returns:
    dA_prev -- (n[l-1], m), dW -- (n[l], n[l-1]), db -- (n[l], 1)
    """
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        raise ValueError(f"activation must be 'relu' or 'sigmoid', not {activation!r}")
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    """Backward pass of [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID.

    Arguments:
    AL -- output of L_model_forward, (1, m)
    Y -- true labels 0 or 1, (1, m)
    caches -- the list of caches from L_model_forward

    Returns:
    grads -- dict with dA{l-1} (n[l-1], m), dW{l} (n[l], n[l-1]) and db{l} (n[l], 1), l = 1..L
    """
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))    # dJ/dAL times m, (1, m)
    grads = {}
    dA = dAL
    for l in range(L, 0, -1):
        activation = "sigmoid" if l == L else "relu"
        dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA, caches[l - 1], activation)
        grads[f"dA{l - 1}"] = dA
    return grads


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent: W[l] -= learning_rate dW[l], b[l] -= learning_rate db[l].

    The dict `parameters` is updated in place AND returned, so both styles of training loop
    work: `parameters = update_parameters(parameters, grads, learning_rate)` and a bare
    `update_parameters(parameters, grads, learning_rate)`. (The arrays themselves are replaced,
    not changed: an array you took out of the dict earlier keeps its old values.)

    Arguments:
    parameters -- dict W1, b1, ..., WL, bL, updated in place
    grads -- dict with dW1, db1, ..., dWL, dbL of the same shapes
    learning_rate -- step size alpha

    Returns:
    parameters -- the same dict, holding the updated W1, b1, ..., WL, bL
    """
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]   # (n_l, n_l-1)
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]   # (n_l, 1)
    return parameters


# ------------------------------------------------------------------ the baseline

def logistic_regression_model(X, Y, num_iterations=2000, learning_rate=0.005):
    """Week 2's logistic regression, trained as the network with no hidden layer.

    With layers_dims = [n_x, 1] the L-layer network is one LINEAR -> SIGMOID unit,
    AL = sigmoid(W1 X + b1): logistic regression, W1 (1, n_x) being week 2's w transposed.
    It starts from zeros as in week 2 (a single unit has no symmetry to break) and takes the
    same gradient-descent steps with the same blocks as the deep networks, except that the
    backward step stops at dW1 and db1: L_model_backward would also compute dA0, the
    gradient with respect to the pictures (n_x, m), which nothing uses.

    Arguments:
    X -- inputs, (n_x, m)
    Y -- true labels 0 or 1, (1, m)
    num_iterations -- number of gradient-descent steps
    learning_rate -- step size alpha

    Returns:
    parameters -- dict with the trained W1 (1, n_x) and b1 (1, 1), for predict
    """
    parameters = {"W1": np.zeros((1, X.shape[0])), "b1": np.zeros((1, 1))}
    m = X.shape[1]
    for _ in range(num_iterations):
        AL, _ = L_model_forward(X, parameters)                  # (1, m)
        dZ = AL - Y                                             # (1, m): sigmoid + cross-entropy
        grads = {"dW1": dZ @ X.T / m,                           # (1, n_x)
                 "db1": np.sum(dZ, axis=1, keepdims=True) / m}  # (1, 1)
        update_parameters(parameters, grads, learning_rate)
    return parameters


# ---------------------------------------------------------------------------- predict

def predict(X, y, parameters):
    """Labels of an L-layer network: 1 where AL > 0.5, else 0; prints the accuracy.

    Arguments:
    X -- inputs, (n[0], m)
    y -- true labels (1, m), or None to skip the accuracy
    parameters -- trained parameters W1, b1, ..., WL, bL

    Returns:
    p -- predicted labels 0.0 or 1.0, (1, m)
    """
    AL, _ = L_model_forward(X, parameters)
    p = (AL > 0.5).astype(float)                            # (1, m)
    if y is not None:
        print(f"Accuracy: {100 * np.mean(p == y):.1f} %")
    return p
