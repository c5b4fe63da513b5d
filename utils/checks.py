"""One vocabulary of checks and hints, so every failure message has the same form.

Used by the visible tests in `utils.public_tests` (run in the student's kernel) and by the
hidden checks in `grader/` (run by the judge, on plain data). A message always says what was
expected, what was found, and a hint:

    dw has shape (3,), expected (3, 1): keep the column shape (keepdims=True)

A hint may be a string or a function of no arguments returning one (or None): such a hint is
computed only when the check fails, so naming a known mistake (which may mean re-running a
reference on wrong settings) costs nothing on a right answer. `expect` is the judge's form: it
never reveals expected values and picks the hint of the known mistake the wrong answer matches.
"""
import numbers

import numpy as np


class CheckError(AssertionError):
    """A failed check; its message is written for the student."""


def hint_text(hint):
    """The hint's text: `hint` itself, or what it returns when it is a function."""
    return hint() if callable(hint) else hint


def _fail(name, found, expected, hint):
    msg = f"{name} is {found}, expected {expected}"
    hint = hint_text(hint)
    raise CheckError(msg + (f": {hint}" if hint else ""))


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


def close(a, b, rtol=1e-4):
    """True if a and b are numbers or arrays of one shape with close values (never raises)."""
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=1e-9))
    except (TypeError, ValueError):
        return False


def scale_hint(found, expected, m=None, default=None, too_small="divide by m only once"):
    """The hint naming a scaling mistake when `found` is r times `expected`, else `default`.

    r = m: "did you divide by m?"; r = 1/m: `too_small`; r = -1: the wrong sign; another r
    (arrays only): says the factor.
    """
    try:
        f = np.asarray(found, dtype=float).ravel()
        e = np.asarray(expected, dtype=float).ravel()
    except (TypeError, ValueError):
        return default
    if f.shape != e.shape or not np.any(e) or not np.all(np.isfinite(f)):
        return default
    r = float(f @ e / (e @ e))                       # least-squares factor: f ~ r e
    if not close(f, r * e) or np.isclose(r, 1) or abs(r) < 1e-9:
        return default
    if np.isclose(r, -1):
        return "it has the wrong sign" + (f": {default}" if default else "")
    if m and m > 1 and np.isclose(r, m):
        return f"it is m = {m} times too large: did you divide by m?"
    if m and m > 1 and np.isclose(r, 1 / m):
        return f"it is m = {m} times too small: {too_small}"
    if f.size == 1:
        return default
    return f"it is {r:.3g} times the expected value" + (f": {default}" if default else "")


def hint_for(found, expected, alternatives=(), m=None, default=None):
    """The hint of the first known mistake `found` matches, else a scale hint, else `default`.

    alternatives -- [(hint, wrong value)], or a function of no arguments returning that list
    """
    for hint, alt in hint_text(alternatives) or ():
        if close(found, alt):
            return hint
    return scale_hint(found, expected, m, default)


def shape_mistake(found, expected_shape):
    """What a wrong shape most likely means: a transpose, a lost column shape, a wrong axis."""
    if not isinstance(found, np.ndarray):
        return None
    if found.shape[::-1] == tuple(expected_shape) and found.ndim > 1:
        return "transposed: check the order of the operands and the shape you create"
    if found.size == int(np.prod(expected_shape)):
        return ("same number of entries in another shape: keep the column shape "
                "(keepdims=True or reshape) and check your transposes")
    return "check which axis you summed over and your transposes"


def check_scalar(found, expected, name, rtol=1e-5, atol=1e-8, hint=None, reveal=True):
    """Checks that `found` is a real number close to `expected`.

    With reveal=False (the judge, on hidden inputs) messages never show the expected value.
    """
    if isinstance(found, np.ndarray) and found.size == 1 and found.shape != ():
        _fail(f"{name}", f"an array of shape {found.shape}", "a number",
              hint_text(hint) or "return a plain number, e.g. float(x) or np.squeeze(x)")
    if not is_number(found):
        _fail(name, f"of type {type(found).__name__}", "a number", hint)
    want = f"{float(expected):.6g}" if reveal else "a finite number"
    if not np.isfinite(float(found)):
        _fail(name, str(float(found)), want, hint_text(hint) or "look for log(0) or overflow")
    if not np.isclose(float(found), float(expected), rtol=rtol, atol=atol):
        if not reveal:
            err = max_rel_error(float(found), float(expected))
            hint = hint_text(hint)
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
        why = hint_text(shape_hint) or hint_text(hint)
        raise CheckError(msg + (f": {why}" if why else ""))
    if not np.issubdtype(found.dtype, np.number) and found.dtype != np.bool_:
        _fail(f"{name}'s dtype", str(found.dtype), "a numeric dtype", hint)
    f64 = found.astype(float)
    if not np.all(np.isfinite(f64)) and np.all(np.isfinite(expected.astype(float))):
        _fail(name, "not finite (nan or inf)", "finite values",
              hint_text(hint) or "look for log(0) or overflow")
    if not np.allclose(f64, expected.astype(float), rtol=rtol, atol=atol):
        err = max_rel_error(f64, expected)
        first = np.argwhere(~np.isclose(f64, expected.astype(float), rtol=rtol, atol=atol))[0]
        idx = tuple(int(i) for i in first)
        want = f"expected {float(expected[idx]):.6g}" if reveal else "not the expected value"
        msg = (f"{name} has wrong values: at index {idx} found {f64[idx]:.6g}, {want} "
               f"(largest relative error {err:.2g})")
        hint = hint_text(hint)
        raise CheckError(msg + (f": {hint}" if hint else ""))


def expect(found, expected, name, alternatives=(), m=None, rtol=1e-5, atol=1e-8, hint=None):
    """The judge's comparison: `check_array` or `check_scalar` with reveal=False.

    On failure only, the hint names the known mistake (`alternatives`, see `hint_for`) or the
    scaling mistake `found` matches, else `hint`.
    """
    def why():
        return hint_for(found, expected, alternatives, m, hint_text(hint))
    if isinstance(expected, np.ndarray) and expected.shape != ():
        check_array(found, expected, name, rtol, atol, hint=why,
                    shape_hint=lambda: shape_mistake(found, expected.shape), reveal=False)
    else:
        check_scalar(found, expected, name, rtol, atol, hint=why, reveal=False)


def check_keys(found, keys, name, hint=None):
    """Checks that `found` is a dict holding every key in `keys`; returns it."""
    if not isinstance(found, dict):
        _fail(name, f"of type {type(found).__name__}", f"a dict with keys {sorted(keys)}", hint)
    missing = [k for k in keys if k not in found]
    if missing:
        hint = hint_text(hint)
        raise CheckError(f"{name} is missing the key(s) {missing}; it has "
                         f"{sorted(map(str, found))[:10]}" + (f": {hint}" if hint else ""))
    return found


def check_tuple(found, length, name, hint="keep the return line of the template"):
    """Checks that a function returned a tuple (or list) of `length` items; returns the tuple."""
    if not isinstance(found, (tuple, list)) or len(found) != length:
        what = (f"a {type(found).__name__} of length {len(found)}"
                if isinstance(found, (tuple, list)) else f"of type {type(found).__name__}")
        _fail(name, what, f"a tuple of {length} values", hint)
    return tuple(found)


def check_logistic(found, z, name, hint=None):
    """Checks that `found` is sigmoid(z), entry by entry, without computing sigmoid: its
    inverse, the logit log(s / (1 - s)), must give z back. An independent oracle for the
    visible tests' drawn inputs (z a number or an array of any shape)."""
    if isinstance(z, np.ndarray):
        if not isinstance(found, np.ndarray) or found.shape != z.shape:
            raise CheckError(f"{name} is {type(found).__name__} of shape {np.shape(found)}, "
                             f"expected an array of shape {z.shape}: apply np.exp to the whole "
                             "array, entry by entry")
    elif not is_number(found):
        _fail(name, f"of type {type(found).__name__}", "a number", "for a number, return a number")
    with np.errstate(all="ignore"):
        s = np.asarray(found, dtype=float)
        logit = np.log(s / (1 - s))
    check_array(np.atleast_1d(logit), np.atleast_1d(np.asarray(z, dtype=float)),
                f"log(s / (1 - s)) for s = {name}", rtol=1e-4, atol=1e-6, hint=hint)
