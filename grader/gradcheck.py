"""An independent oracle for backward functions: central-difference numerical gradients.

As in CS231n's gradient check: for a scalar function f and an array x,
df/dx[i] ~ (f(x + h e_i) - f(x - h e_i)) / 2h. With float64 and h = 1e-5 a correct analytic
gradient agrees to a relative error below 1e-6 (a wrong one is typically off by 1e-1 or more).
"""
import numpy as np

from utils.checks import CheckError, hint_text, max_rel_error, numerical_gradient


def check_against_numerical(found, numerical, name, tol=1e-5, hint=None):
    """Fails unless `found` matches the numerical gradient (relative error below `tol`).

    `hint` is a string or a function computing one on failure (see `utils.checks`).

    Each entry's error is relative to its own size, but never to less than 1e-4 of the largest
    entry: an entry a million times smaller than the rest carries the numerical gradient's
    rounding noise (about 1e-11 of the cost per step h), not information.
    """
    if not isinstance(found, np.ndarray) or found.shape != numerical.shape:
        shape = getattr(found, "shape", type(found).__name__)
        raise CheckError(f"{name} has shape {shape}, expected {numerical.shape}: a gradient has "
                         "the shape of what it differentiates")
    floor = max(1e-4 * float(np.max(np.abs(numerical), initial=0.0)), 1e-8)
    scale = np.maximum(np.abs(found) + np.abs(numerical), floor)
    err = float(np.max(np.abs(found - numerical) / scale))
    if err > tol:
        hint = hint_text(hint)
        raise CheckError(f"{name} disagrees with a numerical gradient of the cost (relative "
                         f"error {err:.2g}, expected < {tol:g})" + (f": {hint}" if hint else ""))


__all__ = ["numerical_gradient", "check_against_numerical", "max_rel_error"]
