"""Reference solutions for week 2, numpy basics. Used only by the judge.

The functions act on single numbers, vectors and matrices; matrices hold one item per row here
(rows are normalised, softmax works row by row), as in the notebook.
"""
import math

import numpy as np


def basic_sigmoid(x):
    """1 / (1 + e^-x) for one real number x, with math.exp; returns a float."""
    return 1.0 / (1.0 + math.exp(-x))


def sigmoid(x):
    """1 / (1 + e^-x), elementwise; x is a number or an array of any shape."""
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_derivative(x):
    """sigma'(x) = s (1 - s) with s = sigmoid(x), elementwise; same shape as x."""
    s = sigmoid(x)
    return s * (1 - s)


def image2vector(image):
    """(length, height, depth) -> column (length * height * depth, 1), in row-major order."""
    length, height, depth = image.shape
    return image.reshape(length * height * depth, 1)


def normalize_rows(x):
    """(m, n) -> (m, n): each row divided by its Euclidean (L2) norm."""
    x_norm = np.linalg.norm(x, axis=1, keepdims=True)     # (m, 1)
    return x / x_norm


def softmax(x):
    """(m, n) -> (m, n): softmax of each row; each row's max is subtracted first (stability)."""
    x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))   # (m, n), entries in (0, 1]
    return x_exp / np.sum(x_exp, axis=1, keepdims=True)


def L1(yhat, y):
    """sum_i |yhat_i - y_i| over every entry; a number."""
    return np.sum(np.abs(yhat - y))


def L2(yhat, y):
    """sum_i (yhat_i - y_i)^2 over every entry (no square root); a number."""
    return np.sum((yhat - y) ** 2)
