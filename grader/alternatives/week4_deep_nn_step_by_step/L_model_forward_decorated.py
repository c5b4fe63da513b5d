"""A decorator of the student's own (functools.wraps) around a for loop over all L layers."""
import functools


def logged(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        out = func(*args, **kwargs)
        print(func.__name__, "done")
        return out
    return wrapper


@logged
def L_model_forward(X, parameters):
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(  # noqa: F821
            A, parameters[f"W{l}"], parameters[f"b{l}"], "sigmoid" if l == L else "relu")
        caches.append(cache)
    return A, caches
