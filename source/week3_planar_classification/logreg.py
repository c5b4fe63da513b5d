"""Logistic regression, as built in week 2, given ready-made to week 3 as a baseline.

This file is released with week 3 only ("Planar data classification"), next to its notebook,
which imports it as

    from logreg import sigmoid, train_logistic_regression, predict_logistic_regression

It holds week 2's graded answers, so it is never shipped with week 2. Shapes: X is (n_x, m),
Y is (1, m), w is (n_x, 1), b is a float.
"""
import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + e^-z), elementwise.

    Arguments:
    z -- a number or a numpy array of any shape
    Returns:
    s -- sigmoid(z), same shape as z, entries in (0, 1)
    """
    return 1 / (1 + np.exp(-z))


def train_logistic_regression(X, Y, num_iterations=2000, learning_rate=0.5):
    """Fits w and b by batch gradient descent on the cross-entropy cost, starting from zeros.

    Arguments:
    X -- inputs, shape (n_x, m)
    Y -- labels 0 or 1, shape (1, m)
    num_iterations -- number of gradient-descent steps
    learning_rate -- step size
    Returns:
    w -- weights, shape (n_x, 1)
    b -- bias, a float
    """
    n_x, m = X.shape
    w, b = np.zeros((n_x, 1)), 0.0
    for _ in range(num_iterations):
        A = sigmoid(w.T @ X + b)          # (1, m)
        dZ = A - Y                        # dJ/dZ, (1, m)
        w = w - learning_rate * (X @ dZ.T) / m
        b = b - learning_rate * float(np.sum(dZ)) / m
    return w, b


def predict_logistic_regression(w, b, X):
    """Labels 1 where sigmoid(w^T x + b) > 0.5, else 0.

    Arguments:
    w -- weights, shape (n_x, 1)
    b -- bias, a float
    X -- inputs, shape (n_x, m)
    Returns:
    predictions -- 0.0 or 1.0, shape (1, m)
    """
    return (sigmoid(w.T @ X + b) > 0.5).astype(float)
