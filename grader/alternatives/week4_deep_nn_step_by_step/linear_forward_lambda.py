"""A lambda bound to the name, with np.matmul."""
import numpy as np

linear_forward = lambda A, W, b: (np.matmul(W, A) + b, (A, W, b))  # noqa: E731
