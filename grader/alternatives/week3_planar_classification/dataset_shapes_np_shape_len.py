"""np.shape and len: lists instead of tuples, m counted from the first row."""
import numpy as np


def dataset_shapes(X, Y):
    shape_X, shape_Y = list(np.shape(X)), list(np.shape(Y))
    m = len(X[0])
    return shape_X, shape_Y, m
