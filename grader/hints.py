"""Hints for the judge's messages: name the likely mistake, never show hidden expected values.

`expect` is the one comparison the hidden checks use: it calls `utils.checks` with
reveal=False and picks a hint by comparing the wrong answer with known mistakes.
"""
import numpy as np

from utils.checks import CheckError, check_array, check_scalar, is_number


def _close(a, b, rtol=1e-4):
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=1e-9))
    except (TypeError, ValueError):
        return False


def scale_hint(found, expected, m=None):
    """'3.0x too large: did you divide by m?' when found is a multiple of expected."""
    f = np.asarray(found, dtype=float).ravel()
    e = np.asarray(expected, dtype=float).ravel()
    if f.shape != e.shape or not np.any(e) or not np.all(np.isfinite(f)):
        return None
    r = float(f @ e / (e @ e))
    if not _close(f, r * e) or np.isclose(r, 1) or abs(r) < 1e-9:
        return None
    if np.isclose(r, -1):
        return "it has the wrong sign"
    if m and m > 1 and np.isclose(r, m):
        return f"it is {m}x too large (m = {m}): did you divide by m?"
    if m and m > 1 and np.isclose(r, 1 / m):
        return f"it is {m}x too small (m = {m}): divide by m only once"
    return f"it is {r:.3g} times the expected value" if f.size > 1 else None


def hint_for(found, expected, alternatives=(), m=None):
    """The hint of the first known mistake `found` matches, else a scale hint, else None."""
    for hint, alt in alternatives:
        if _close(found, alt):
            return hint
    return scale_hint(found, expected, m)


def expect(found, expected, name, alternatives=(), m=None, rtol=1e-5, atol=1e-8):
    """Checks `found` against `expected` (an array or a number) with a helpful message."""
    if isinstance(expected, np.ndarray) and expected.shape != ():
        hint = hint_for(found, expected, alternatives, m) if isinstance(found, np.ndarray) else None
        check_array(found, expected, name, rtol, atol, hint=hint,
                    shape_hint=_shape_hint(found, expected), reveal=False)
    else:
        hint = hint_for(found, expected, alternatives, m) if is_number(found) else None
        check_scalar(found, expected, name, rtol, atol, hint=hint, reveal=False)


def _shape_hint(found, expected):
    if not isinstance(found, np.ndarray):
        return None
    if found.shape[::-1] == expected.shape and found.ndim > 1:
        return "transposed: check the order of the operands and the shape you create"
    if found.size == expected.size:
        return ("same number of entries in another shape: keep the column shape "
                "(keepdims=True or reshape) and check your transposes")
    return "check which axis you summed over and your transposes"


def unpack(value, n, call):
    """value as a tuple of n items, or a CheckError naming `call`."""
    if not isinstance(value, (tuple, list)) or len(value) != n:
        kind = type(value).__name__
        got = f"a {kind} of {len(value)} items" if isinstance(value, (tuple, list)) else f"a {kind}"
        raise CheckError(f"{call} returned {got}, expected a tuple of {n} values "
                         "(keep the return line of the template)")
    return tuple(value)


def key(d, k, call):
    """d[k], or a CheckError naming `call` if d is not a dict holding k."""
    if not isinstance(d, dict):
        raise CheckError(f"{call} returned a {type(d).__name__} where a dict was expected")
    if k not in d:
        raise CheckError(f"{call}: the dict has no key '{k}' (it has {sorted(d)[:10]})")
    return d[k]
