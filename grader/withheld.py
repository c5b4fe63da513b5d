"""Stands in, inside the grading sandbox, for a shipped module that holds answers to the
assignment being graded (the module's path is in `MASKED` of grader/test_<assignment>.py).

Importing it still works, so the rest of a notebook's import cell runs; calling anything
taken from it raises `WithheldError` saying why, so a graded function that only calls a
shipped helper computing the same thing gets no credit, and its verdict tells the student.
"""


class WithheldError(RuntimeError):
    """A shipped helper was called while an assignment it answers is graded."""


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)

    def withheld(*args, **kwargs):
        raise WithheldError(
            f"{__name__}.{name} is not available while this assignment is graded: it computes "
            "what one of its graded functions must compute, so a function that calls it gets "
            "no credit; write the computation in your solution cell")
    withheld.__name__ = withheld.__qualname__ = name
    return withheld
