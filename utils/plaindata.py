"""Plain data on disk: what a submission's functions returned, without pickle.

A value is stored as a JSON tree (`<stem>.json`) plus its arrays (`<stem>.npz`, loaded with
`allow_pickle=False`). Only numbers, strings, None, numeric arrays, and dicts/lists/tuples of
those survive; anything else is recorded by its type name, so an object with a forged `==`
cannot pass a check. Used by `utils.grading` (in the kernel) and by the judge (`grader/`).
"""
import io
import json
import os
from pathlib import Path

import numpy as np

MAX_DEPTH = 8
MAX_ITEMS = 200
MAX_STR = 2000
MAX_JSON_BYTES = 2_000_000
MAX_ARRAY_BYTES = 64_000_000
_SCALAR_DTYPES = {"float16", "float32", "float64", "int8", "int16", "int32", "int64",
                  "uint8", "uint16", "uint32", "uint64", "bool"}


def _encode(x, arrays, depth):
    if depth > MAX_DEPTH:
        return {"t": "other", "type": "too deeply nested"}
    if x is None:
        return {"t": "none"}
    if isinstance(x, (bool, np.bool_)):
        return {"t": "bool", "v": bool(x)}
    if isinstance(x, np.generic) and x.dtype.name in _SCALAR_DTYPES:
        return {"t": "npscalar", "dtype": x.dtype.name, "v": x.item()}
    if isinstance(x, int):
        return {"t": "int", "v": int.__int__(x)} if abs(x) < 2**63 else {"t": "float", "v": float(x)}
    if isinstance(x, float):
        return {"t": "float", "v": float.__float__(x)}
    if isinstance(x, str):
        return {"t": "str", "v": str.__str__(x)[:MAX_STR]}
    if isinstance(x, np.ndarray):
        return _encode_array(x, arrays)
    if isinstance(x, dict):
        items = list(dict.items(x))[:MAX_ITEMS]
        return {"t": "dict", "items": [[str(k)[:MAX_STR], _encode(v, arrays, depth + 1)]
                                        for k, v in items if isinstance(k, str)]}
    if isinstance(x, (list, tuple)):
        kind = "tuple" if isinstance(x, tuple) else "list"
        return {"t": kind, "items": [_encode(v, arrays, depth + 1) for v in list(x)[:MAX_ITEMS]]}
    return {"t": "other", "type": type(x).__name__[:100]}


def _encode_array(x, arrays):
    base = np.asarray(x).view(np.ndarray)
    if base.dtype.name not in _SCALAR_DTYPES or base.nbytes > MAX_ARRAY_BYTES:
        return {"t": "other", "type": f"ndarray of dtype {base.dtype.name}, {base.nbytes} bytes"}
    key = f"a{len(arrays)}"
    arrays[key] = np.array(base, copy=True)
    return {"t": "array", "k": key}


def save(value, stem):
    """Writes `value` as `<stem>.json` + `<stem>.npz`, atomically (json written last)."""
    arrays = {}
    tree = _encode(value, arrays, 0)
    stem = Path(stem)
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    _atomic_write(stem.with_suffix(".npz"), buf.getvalue())
    _atomic_write(stem.with_suffix(".json"), json.dumps(tree).encode())


def _atomic_write(path, data):
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _decode(node, arrays, depth=0):
    if depth > MAX_DEPTH + 1 or not isinstance(node, dict):
        raise ValueError("malformed record")
    t = node.get("t")
    if t == "none":
        return None
    if t in ("bool", "int", "float", "str"):
        return {"bool": bool, "int": int, "float": float, "str": str}[t](node["v"])
    if t == "npscalar":
        if node["dtype"] not in _SCALAR_DTYPES:
            raise ValueError("malformed record")
        return np.dtype(node["dtype"]).type(node["v"])
    if t == "array":
        return arrays[str(node["k"])]
    if t == "dict":
        return {str(k): _decode(v, arrays, depth + 1) for k, v in node["items"]}
    if t in ("list", "tuple"):
        items = [_decode(v, arrays, depth + 1) for v in node["items"]]
        return tuple(items) if t == "tuple" else items
    if t == "other":
        return Opaque(str(node.get("type", "?")))
    raise ValueError("malformed record")


class Opaque:
    """A value that was not plain data (its type name only); equal to nothing."""

    def __init__(self, type_name):
        self.type_name = type_name

    def __repr__(self):
        return f"<{self.type_name}>"


def load(stem):
    """Reads a value written by `save`. Raises ValueError on anything malformed."""
    stem = Path(stem)
    raw = stem.with_suffix(".json").read_bytes()
    if len(raw) > MAX_JSON_BYTES:
        raise ValueError("record too large")
    with np.load(stem.with_suffix(".npz"), allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    try:
        return _decode(json.loads(raw), arrays)
    except (KeyError, TypeError, AttributeError, OverflowError) as e:
        raise ValueError(f"malformed record ({type(e).__name__})") from None
