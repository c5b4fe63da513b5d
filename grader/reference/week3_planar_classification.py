"""Reference solutions for week 3, a network with one hidden layer. Used only by the judge.

Shapes follow the course: X is (n_x, m), Y is (1, m) (n_y rows in general), W1 is (n_h, n_x),
b1 is (n_h, 1), W2 is (n_y, n_h), b2 is (n_y, 1).
"""
import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + e^-z), elementwise."""
    return 1.0 / (1.0 + np.exp(-z))


def dataset_shapes(X, Y):
    """(shape of X, shape of Y, m = number of examples, one per column of X)."""
    return X.shape, Y.shape, X.shape[1]


def layer_sizes(X, Y):
    """(n_x, n_h, n_y) = (rows of X, 4, rows of Y)."""
    return X.shape[0], 4, Y.shape[0]


def initialize_parameters(n_x, n_h, n_y):
    """Small random weights (0.01 * standard normal), zero biases; draws W1 then W2."""
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X, parameters):
    """tanh hidden layer, sigmoid output. Returns A2 (n_y, m) and the cache Z1, A1, Z2, A2."""
    Z1 = parameters["W1"] @ X + parameters["b1"]        # (n_h, m)
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]       # (n_y, m)
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    """Cross-entropy cost, a python float."""
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs) / m)


def backward_propagation(parameters, cache, X, Y):
    """Gradients dW1, db1, dW2, db2 of the cost, each of its parameter's shape."""
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y                                                    # (n_y, m)
    dW2 = dZ2 @ A1.T / m                                            # (n_y, n_h)
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m                    # (n_y, 1)
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)                # (n_h, m), tanh' = 1 - tanh^2
    dW1 = dZ1 @ X.T / m                                             # (n_h, n_x)
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m                    # (n_h, 1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step on a copy: theta - learning_rate * dtheta."""
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "b1", "W2", "b2")}


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """np.random.seed(3), initialise, then num_iterations steps of gradient descent."""
    np.random.seed(3)
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters


def predict(parameters, X):
    """Labels (n_y, m): 1.0 where A2 > 0.5, else 0.0."""
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(float)
