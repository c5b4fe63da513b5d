"""Reference solutions for week 2, logistic regression. Used only by the judge.

Shapes follow the course: X is (n_x, m), Y is (1, m), w is (n_x, 1), b is a float.
"""
import numpy as np


def dataset_sizes(train_set_x_orig, test_set_x_orig):
    """(m_train, m_test, num_px) of pictures of shape (m, num_px, num_px, 3)."""
    return train_set_x_orig.shape[0], test_set_x_orig.shape[0], train_set_x_orig.shape[1]


def flatten_images(X_orig):
    """(m, num_px, num_px, 3) -> (num_px * num_px * 3, m): column i is X_orig[i].ravel()."""
    return X_orig.reshape(X_orig.shape[0], -1).T


def sigmoid(z):
    """Logistic function 1 / (1 + e^-z), elementwise; z is a scalar or an array of any shape."""
    return 1.0 / (1.0 + np.exp(-z))


def initialize_with_zeros(dim):
    """Returns w (dim, 1) of zeros and b = 0.0."""
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    """One forward and backward pass.

    Returns grads {"dw": (n_x, 1), "db": float} and the cross-entropy cost (float).
    """
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)                                       # (1, m)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = X @ (A - Y).T / m                                         # (n_x, 1)
    db = np.sum(A - Y) / m
    return {"dw": dw, "db": float(db)}, float(cost)


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent; records the cost every 100 iterations (i % 100 == 0)."""
    w = np.array(w, dtype=float, copy=True)
    costs = []
    grads = {}
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    """Labels (1, m) of 0.0/1.0: 1 where sigmoid(w^T x + b) > 0.5."""
    A = sigmoid(w.T @ X + b)
    return (A > 0.5).astype(float)


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
          print_cost=False):
    """Zeros initialisation, gradient descent, predictions on both sets."""
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    return {"costs": costs,
            "Y_prediction_test": predict(w, b, X_test),
            "Y_prediction_train": predict(w, b, X_train),
            "w": w, "b": b,
            "learning_rate": learning_rate,
            "num_iterations": num_iterations}
