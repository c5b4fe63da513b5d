"""One comparison helper, so every failure message has the same form.

Used by the visible tests in `utils.public_tests` (run in the student's kernel) and by the
hidden checks in `grader/` (run by the judge, on plain data). A message always says what was
expected, what was found, and a hint:

    dw has shape (3,), expected (3, 1): keep the column shape (keepdims=True)
"""
import numbers

import numpy as np


class CheckError(AssertionError):
    """A failed check; its message is written for the student."""


def _fail(name, found, expected, hint):
    msg = f"{name} is {found}, expected {expected}"
    if hint:
        msg += f": {hint}"
    raise CheckError(msg)


def is_number(x):
    """True for python and numpy real scalars and 0-d arrays (not bool)."""
    if isinstance(x, (bool, np.bool_)):
        return False
    if isinstance(x, np.ndarray):
        return x.shape == () and np.issubdtype(x.dtype, np.number)
    return isinstance(x, numbers.Real)


def max_rel_error(found, expected):
    """Largest |found - expected| / max(|expected|, 1e-12), over all entries."""
    found = np.asarray(found, dtype=float)
    expected = np.asarray(expected, dtype=float)
    return float(np.max(np.abs(found - expected) / np.maximum(np.abs(expected), 1e-12)))


def numerical_gradient(f, x, h=1e-5):
    """Central differences of the scalar f() with respect to the array x, which f reads.

    df/dx[i] ~ (f(x + h e_i) - f(x - h e_i)) / 2h; x is changed in place and restored.

    Arguments:
    f -- function of no arguments returning a float
    x -- float64 array of any shape
    Returns:
    grad -- array of x's shape
    """
    grad = np.zeros_like(x, dtype=float)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = f()
        x[i] = old - h
        minus = f()
        x[i] = old
        grad[i] = (plus - minus) / (2 * h)
    return grad


def scale_hint(found, expected, m, default, too_small="divide by m only once"):
    """A hint naming the typical mistake when `found` is m times `expected`, 1/m of it (then
    `too_small` says what to do), or `expected` with the wrong sign; `default` otherwise (or
    when the shapes do not match)."""
    try:
        f = np.asarray(found, dtype=float).reshape(np.shape(expected))
    except (TypeError, ValueError):
        return default
    expected = np.asarray(expected, dtype=float)
    if np.allclose(f, m * expected):
        return f"it is m = {m} times too large: did you divide by m?"
    if np.allclose(f, expected / m):
        return f"it is m = {m} times too small: {too_small}"
    if np.allclose(f, -expected):
        return "it has the wrong sign: " + default
    return default


def check_scalar(found, expected, name, rtol=1e-5, atol=1e-8, hint=None, reveal=True):
    """Checks that `found` is a real number close to `expected`.

    With reveal=False (the judge, on hidden inputs) messages never show the expected value.
    """
    if isinstance(found, np.ndarray) and found.size == 1 and found.shape != ():
        _fail(f"{name}", f"an array of shape {found.shape}", "a number",
              hint or "return a plain number, e.g. float(x) or np.squeeze(x)")
    if not is_number(found):
        _fail(name, f"of type {type(found).__name__}", "a number", hint)
    if not np.isfinite(float(found)):
        _fail(name, str(float(found)), f"{float(expected):.6g}", hint or "look for log(0) or overflow")
    if not np.isclose(float(found), float(expected), rtol=rtol, atol=atol):
        if not reveal:
            err = max_rel_error(float(found), float(expected))
            raise CheckError(f"{name} is {float(found):.6g}, which is not the expected value "
                             f"(relative error {err:.2g})" + (f": {hint}" if hint else ""))
        _fail(name, f"{float(found):.6g}", f"{float(expected):.6g}", hint)


def check_array(found, expected, name, rtol=1e-5, atol=1e-8, hint=None, shape_hint=None,
                reveal=True):
    """Checks type, shape and values of an array against `expected`.

    With reveal=False (the judge, on hidden inputs) messages never show expected values.
    """
    expected = np.asarray(expected)
    if not isinstance(found, np.ndarray):
        _fail(name, f"of type {type(found).__name__}", f"a numpy array of shape {expected.shape}",
              hint)
    if found.shape != expected.shape:
        msg = f"{name} has shape {found.shape}, expected {expected.shape}"
        if shape_hint or hint:
            msg += f": {shape_hint or hint}"
        raise CheckError(msg)
    if not np.issubdtype(found.dtype, np.number) and found.dtype != np.bool_:
        _fail(f"{name}'s dtype", str(found.dtype), "a numeric dtype", hint)
    f64 = found.astype(float)
    if not np.all(np.isfinite(f64)) and np.all(np.isfinite(expected.astype(float))):
        _fail(name, "not finite (nan or inf)", "finite values", hint or "look for log(0) or overflow")
    if not np.allclose(f64, expected.astype(float), rtol=rtol, atol=atol):
        err = max_rel_error(f64, expected)
        first = np.argwhere(~np.isclose(f64, expected.astype(float), rtol=rtol, atol=atol))[0]
        idx = tuple(int(i) for i in first)
        want = f"expected {float(expected[idx]):.6g}" if reveal else "not the expected value"
        msg = (f"{name} has wrong values: at index {idx} found {f64[idx]:.6g}, {want} "
               f"(largest relative error {err:.2g})")
        if hint:
            msg += f": {hint}"
        raise CheckError(msg)


def check_keys(found, keys, name, hint=None):
    """Checks that `found` is a dict holding every key in `keys`."""
    if not isinstance(found, dict):
        _fail(name, f"of type {type(found).__name__}", f"a dict with keys {sorted(keys)}", hint)
    missing = [k for k in keys if k not in found]
    if missing:
        raise CheckError(f"{name} is missing the key(s) {missing}; it has {sorted(map(str, found))}"
                         + (f": {hint}" if hint else ""))


def check_tuple(found, length, name, hint=None):
    """Checks that a function returned a tuple (or list) of `length` items."""
    if not isinstance(found, (tuple, list)) or len(found) != length:
        what = (f"a {type(found).__name__} of length {len(found)}"
                if isinstance(found, (tuple, list)) else f"of type {type(found).__name__}")
        _fail(name, what, f"a tuple of {length} values", hint)
