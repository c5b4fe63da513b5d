"""Unpacks the shapes and returns a list, not a tuple."""


def layer_sizes(X, Y):
    n_x, m = X.shape
    n_y, _ = Y.shape
    return [n_x, 4, n_y]
