"""np.dot for the sums, a Python float returned."""
import numpy as np


def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
    return float(cost.item())
