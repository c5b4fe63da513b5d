"""A dict of activations looked up by name; the cache built as a list turned into a tuple."""
ACTIVATION_OF = {"sigmoid": sigmoid, "relu": relu}  # noqa: F821


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)  # noqa: F821
    A, activation_cache = ACTIVATION_OF[activation](Z)
    return A, tuple([linear_cache, activation_cache])
