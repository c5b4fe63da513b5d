"""Plain data on disk: what a submission's functions returned, without pickle.

A value is stored as a JSON tree (`<stem>.json`) plus its arrays (`<stem>.npz`, loaded with
`allow_pickle=False`). Only numbers, strings, None, numeric arrays, and dicts/lists/tuples of
those survive; anything else is recorded by its type name, so an object with a forged `==`
cannot pass a check. Used by `utils.grading` (in the kernel) and by the judge (`grader/`).

`load` trusts nothing it reads: the JSON's size and nesting, and each array's declared shape
and dtype (read from its .npy header before anything is loaded) are checked against the caps
below, so a crafted record costs its function's points (`RecordError`), never the judge.
"""
import io
import json
import os
import zipfile
from pathlib import Path

import numpy as np

MAX_DEPTH = 8
MAX_ITEMS = 200
MAX_STR = 2000
MAX_JSON_BYTES = 2_000_000
MAX_ARRAY_BYTES = 64_000_000
MAX_TOTAL_BYTES = 256_000_000   # all arrays of one record
MAX_ARRAYS = 1000
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
    if len(arrays) >= MAX_ARRAYS or sum(a.nbytes for a in arrays.values()) + base.nbytes > MAX_TOTAL_BYTES:
        return {"t": "other", "type": f"ndarray beyond the {MAX_ARRAYS} arrays or "
                                      f"{MAX_TOTAL_BYTES} bytes one result may hold"}
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


class RecordError(ValueError):
    """A record that breaks a cap or is malformed; the message says which."""


def load(stem):
    """Reads a value written by `save`. Raises RecordError on anything malformed or too big;
    OSError if a file is missing."""
    stem = Path(stem)
    with open(stem.with_suffix(".json"), "rb") as fh:
        raw = fh.read(MAX_JSON_BYTES + 1)
    if len(raw) > MAX_JSON_BYTES:
        raise RecordError(f"the record is larger than {MAX_JSON_BYTES} bytes")
    tree = loads_json(raw)
    arrays = _load_arrays(stem.with_suffix(".npz"))
    try:
        return _decode(tree, arrays)
    except (KeyError, TypeError, AttributeError, OverflowError, ValueError) as e:
        raise RecordError(f"malformed record ({type(e).__name__})") from None


def loads_json(raw):
    """json.loads for untrusted text: nesting too deep for the parser is a RecordError."""
    try:
        return json.loads(raw)
    except RecursionError:
        raise RecordError("the record is nested too deeply") from None
    except ValueError as e:
        raise RecordError(f"the record is not valid JSON ({e})") from None


def _load_arrays(path):
    """{key: array} of an .npz, each array checked from its .npy header before it is read."""
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            if len(members) > MAX_ARRAYS:
                raise RecordError(f"the record holds {len(members)} arrays, more than {MAX_ARRAYS}")
            if sum(m.file_size for m in members) > MAX_TOTAL_BYTES + 1024 * len(members):
                raise RecordError(f"the record's arrays hold more than {MAX_TOTAL_BYTES} bytes")
            return {m.filename[:-4]: _read_member(z, m) for m in members}
    except (zipfile.BadZipFile, EOFError, NotImplementedError) as e:
        raise RecordError(f"the record's arrays are not a readable npz ({e})") from None


def _unknown_version(fh):
    raise ValueError("an .npy format version other than 1.0 and 2.0")


def _read_member(z, member):
    """One .npy member: dtype, shape and size checked against the caps, then read."""
    if not member.filename.endswith(".npy") or member.file_size > MAX_ARRAY_BYTES + 1024:
        raise RecordError(f"array '{member.filename[:100]}' is too large or not an array")
    with z.open(member) as fh:
        try:
            read_header = {(1, 0): np.lib.format.read_array_header_1_0,
                           (2, 0): np.lib.format.read_array_header_2_0}.get(
                               np.lib.format.read_magic(fh), _unknown_version)
            shape, fortran, dtype = read_header(fh)
        except (ValueError, SyntaxError, RecursionError, TypeError) as e:
            raise RecordError(f"array header is malformed ({e})"[:300]) from None
        if dtype.name not in _SCALAR_DTYPES or dtype.hasobject:
            raise RecordError(f"arrays of dtype {dtype.name} are not accepted")
        if any(n < 0 for n in shape) or int(np.prod(shape, dtype=object)) * dtype.itemsize > MAX_ARRAY_BYTES:
            raise RecordError(f"an array of shape {shape[:8]} and dtype {dtype.name} is larger "
                              f"than the {MAX_ARRAY_BYTES} bytes allowed")
        data = fh.read(MAX_ARRAY_BYTES + 1)
    count = int(np.prod(shape, dtype=object))
    if len(data) != count * dtype.itemsize:
        raise RecordError("an array holds fewer or more bytes than its header declares")
    flat = np.frombuffer(data, dtype=dtype, count=count)
    return flat.reshape(shape, order="F" if fortran else "C").copy()
