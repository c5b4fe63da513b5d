"""The weekly quizzes' helpers (`week1_quiz` ... `week4_quiz`), run in the student's kernel.

`student_numbers(quiz, question, n_x=(2, 9), ...)` draws the numbers of a parametric question
from the student's id: each student gets their own, and the judge draws the same ones. They
are not secret: only the answers are graded.

`check_choice`, `check_choices`, `check_number` and `check_shape` say whether an answer is
well-formed (a letter among the choices, a shape tuple ...), never whether it is right. The
judge reads answers with the same `read_*` functions, so what passes here is what it grades.
"""
import getpass
import hashlib
import math
import numbers
import os

import numpy as np

STUDENT_ENV = "NNDL_STUDENT"   # set by the grader in its sandbox


class Malformed(ValueError):
    """An answer the grader cannot read; the message says what was expected and found."""


def student_id():
    """The student's id: $NNDL_STUDENT when grading, else the login name (the course's ids)."""
    return os.environ.get(STUDENT_ENV) or getpass.getuser()


def student_numbers(quiz, question, student=None, **ranges):
    """Distinct integers, one per range (lo, hi) (both included), drawn from the student's id.

    Returns a tuple in the order of `ranges`, e.g. `n_x, n_h = student_numbers("week3_quiz",
    "q2", n_x=(2, 9), n_h=(2, 9))`. The same student, quiz and question give the same numbers.
    """
    key = f"{quiz}/{question}/{student if student is not None else student_id()}"
    rng = np.random.default_rng(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little"))
    for _ in range(1000):  # distinct, so that a transposed shape is never right by chance
        values = tuple(int(rng.integers(lo, hi + 1)) for lo, hi in ranges.values())
        if len(set(values)) == len(values):
            return values
    raise ValueError(f"ranges too narrow for distinct numbers: {ranges}")


def _show(x):
    return repr(x)[:80]


def _given(ans):
    if ans is None:
        raise NotImplementedError("no answer yet: replace None by your answer")


def read_choice(ans, options):
    """One letter among `options` (e.g. "abcd"), lower case."""
    _given(ans)
    letter = ans.strip().lower() if isinstance(ans, str) else None
    if letter is None or len(letter) != 1 or letter not in options:
        raise Malformed(f"expected one letter among {', '.join(options)} (a string such as "
                        f"\"{options[0]}\"), found {_show(ans)}")
    return letter


def read_choices(ans, options):
    """A sorted string of distinct letters among `options`, from "ac", "a, c" or ["a", "c"]."""
    _given(ans)
    if isinstance(ans, str):
        letters = [c for c in ans.lower() if c not in " ,"]
    elif isinstance(ans, (list, tuple)) and all(isinstance(c, str) for c in ans):
        letters = [c.strip().lower() for c in ans]
    else:
        raise Malformed(f"expected your letters in a string such as \"ac\" (every right "
                        f"choice among {', '.join(options)}), found {_show(ans)}")
    wrong = [c for c in letters if len(c) != 1 or c not in options]
    if wrong or not letters:
        raise Malformed(f"expected letters among {', '.join(options)} (such as \"ac\"), found "
                        f"{_show(ans)}" + (f": {_show(wrong[0])} is not a choice" if wrong else ""))
    return "".join(sorted(set(letters)))


def read_number(ans):
    """A finite real number (int or float, not a string or a bool)."""
    _given(ans)
    if isinstance(ans, np.ndarray) and ans.shape == ():
        ans = ans.item()
    if isinstance(ans, bool) or not isinstance(ans, numbers.Real) or not math.isfinite(ans):
        raise Malformed(f"expected a number such as 0.25 (not in quotes), found {_show(ans)}")
    return float(ans)


def read_shape(ans):
    """A shape: a tuple of non-negative integers such as (4, 7) (a list is read as a tuple)."""
    _given(ans)
    if isinstance(ans, int) and not isinstance(ans, bool):
        raise Malformed(f"expected a shape tuple such as (4, 7) or ({ans},) for one axis, "
                        f"found the number {ans}")
    ok = isinstance(ans, (tuple, list)) and all(
        isinstance(n, numbers.Integral) and not isinstance(n, bool) and n >= 0 for n in ans)
    if not ok:
        raise Malformed(f"expected a shape tuple of whole numbers such as (4, 7), found {_show(ans)}")
    return tuple(int(n) for n in ans)


def _check(read, ans, *args, what):
    read(ans, *args)
    print(f"Well-formed: {what}. Whether it is right is checked when your quiz is graded.")


def check_choice(ans, options):
    """Visible check: `ans` is one letter among `options`."""
    _check(read_choice, ans, options, what="one letter among " + ", ".join(options))


def check_choices(ans, options):
    """Visible check: `ans` holds letters among `options` (several may be right)."""
    _check(read_choices, ans, options, what="letters among " + ", ".join(options))


def check_number(ans):
    """Visible check: `ans` is a number."""
    _check(read_number, ans, what="a number")


def check_shape(ans):
    """Visible check: `ans` is a shape tuple."""
    _check(read_shape, ans, what="a shape tuple")
