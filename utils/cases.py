"""One table of cases per graded function, drawn by the visible tests and by the judge.

Each assignment's visible test module (`utils.public_tests.<assignment>`) holds `TABLE`:
{function name: [Kind, ...]}. A kind of input ("main", "m = 1", "float32", ...) has a
generator `make(rng) -> Case`, an explicit `weight` (its share of the function's points) and
`says`, the sentence of the exercise that names the requirement. The visible test draws every
kind once with the fixed seed VISIBLE_SEED (`visible_case`); the judge draws the same kinds
afresh, seeded per submission (`draw`), and computes expected values from `grader/reference/`.
So no kind of hidden input can cost points without the student having met it first.
"""
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

VISIBLE_SEED = 0
_drawn = []        # (function, kind) of every visible draw; tests/test_cases_rule.py reads it


@dataclass(eq=False)
class Case:
    """One call func(*args, **kwargs); `label` is shown to the student, `tags` name the kind."""
    args: tuple
    kwargs: dict = field(default_factory=dict)
    label: str = ""
    tags: frozenset = frozenset()


@dataclass(frozen=True)
class Kind:
    """A kind of input of one graded function.

    name -- the tag of its cases ("main", "m1", "float32", ...)
    make -- rng -> Case: a fresh draw of this kind
    weight -- its share of the function's points (the function's points split by weight)
    says -- words of the exercise's text naming the requirement ("" for the main kind: the
            task itself)
    draws -- how many cases of this kind the judge draws
    """
    name: str
    make: Callable
    weight: int = 1
    says: str = ""
    draws: int = 1


def draw(table, rng):
    """{function: [Case]}: every kind's `draws` fresh cases, tagged with the kind's name."""
    out = {}
    for name, kinds in table.items():
        out[name] = [_tagged(kind, kind.make(rng)) for kind in kinds for _ in range(kind.draws)]
    return out


def visible_case(table, name, kind):
    """The visible draw of `kind` for the function `name` (the same one every time)."""
    (k,) = [k for k in table[name] if k.name == kind]
    _drawn.append((name, kind))
    return _tagged(k, k.make(np.random.default_rng(VISIBLE_SEED)))


def _tagged(kind, case):
    case.tags = frozenset(case.tags) | {kind.name}
    return case
