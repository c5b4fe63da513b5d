"""Sums with np.dot (a (1, 1) array), turned into a number with float(np.squeeze(...))."""
import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
    return float(np.squeeze(cost))
