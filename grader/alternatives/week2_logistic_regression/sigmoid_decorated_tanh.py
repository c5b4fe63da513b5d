"""sigmoid through tanh, wrapped by a decorator of the student's own."""
import functools

import numpy as np


def as_array(func):
    @functools.wraps(func)
    def wrapper(z):
        return func(np.asarray(z, dtype=float)) if not isinstance(z, float) else float(func(z))
    return wrapper


@as_array
def sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))
