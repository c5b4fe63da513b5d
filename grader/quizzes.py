"""The judge's side of the weekly quizzes: questions, their right answers, and the checks.

A quiz's hidden checks (`grader/test_weekN_quiz.py`) list its questions:

    QUESTIONS = {"q1": Single("b", why="..."),
                 "q3": Shape(lambda n_x, n_h: (n_h, n_x), numbers=dict(n_x=(2, 9), n_h=(2, 9)),
                             why="...")}
    cases, test_answer, EXPLAIN = quiz_checks("week3_quiz", QUESTIONS)

Each answer is recorded by `probe("q3", lambda: q3)` as plain data and read with the same
`utils.quiz.read_*` the student's visible check uses. A parametric question's right answer is
computed from the numbers `utils.quiz.student_numbers` draws for the graded student, exactly
as the notebook drew them. Points: a question's score is its checks passed / its checks; a
several-choice question has one check per right choice and passes max(0, right picked - wrong
picked) of them (each right choice +, each wrong choice -, floor 0).
"""
from dataclasses import dataclass, field

import pytest

from grader.judge import Case, checks
from utils import quiz
from utils.checks import CheckError


@dataclass
class Question:
    """A question: its right answer (a value, or a function of the student's numbers)."""
    right: object
    why: str
    numbers: dict = field(default_factory=dict)   # name -> (lo, hi): a parametric question
    drawn_as: str = ""                            # another question whose numbers it uses

    n_checks = 1

    def right_for(self, quiz_name, question, student):
        """(right answer, {name: number}) for this student."""
        if not self.numbers:
            return self.right, {}
        values = quiz.student_numbers(quiz_name, self.drawn_as or question, student, **self.numbers)
        return self.right(*values), dict(zip(self.numbers, values))

    def earned(self, found, right, question, drawn):
        """Checks earned (0 .. n_checks), or CheckError saying why the answer is wrong."""
        raise NotImplementedError


def _yours(drawn):
    return f" for your numbers ({', '.join(f'{k} = {v}' for k, v in drawn.items())})" if drawn else ""


@dataclass
class Single(Question):
    """One letter among `options`."""
    options: str = "abcd"

    def earned(self, found, right, question, drawn):
        letter = quiz.read_choice(found, self.options)
        if letter != right:
            raise CheckError(f"{question}: \"{letter}\" is not the right choice; the right one "
                             f"is \"{right}\"")
        return 1


@dataclass
class Several(Question):
    """Every right letter among `options`; partial credit, each wrong letter takes one off."""
    options: str = "abcde"

    @property
    def n_checks(self):
        return len(self.right)

    def earned(self, found, right, question, drawn):
        picked, right = set(quiz.read_choices(found, self.options)), set(right)
        units = max(0, len(picked & right) - len(picked - right))
        if units < len(right):
            missed, extra = sorted(right - picked), sorted(picked - right)
            raise CheckError(f"{question}: {units} of {len(right)} (" + "; ".join(
                [f"missed {', '.join(missed)}"] * bool(missed) +
                [f"{', '.join(extra)} not right, one off each"] * bool(extra)) +
                f"); the right choices are {', '.join(sorted(right))}", units)
        return units


@dataclass
class Number(Question):
    """A number, right within `tol` (absolute) of the answer."""
    tol: float = 1e-3

    def earned(self, found, right, question, drawn):
        x = quiz.read_number(found)
        if abs(x - right) > self.tol:
            raise CheckError(f"{question}: {x:g} is not right{_yours(drawn)}; the answer is "
                             f"{right:.6g} (within {self.tol:g})")
        return 1


@dataclass
class Shape(Question):
    """A shape tuple."""

    def earned(self, found, right, question, drawn):
        shape, right = quiz.read_shape(found), tuple(right)
        if shape != right:
            hint = ": rows and columns are swapped" if shape == right[::-1] else ""
            raise CheckError(f"{question}: {shape} is not the shape{_yours(drawn)}; it is "
                             f"{right}{hint}")
        return 1


def score(sub, quiz_name, question, spec):
    """(checks earned, message or None) for one answer of the submission `sub`."""
    value = sub.results(question)[0][1]      # raises CheckError if nothing was recorded
    right, drawn = spec.right_for(quiz_name, question, sub.student)
    try:
        return spec.earned(value, right, question, drawn), None
    except NotImplementedError:
        return 0, f"{question}: no answer yet (it is still None), so no points"
    except quiz.Malformed as e:
        return 0, f"{question}: the answer could not be read, so no points: {e}"
    except CheckError as e:
        return (e.args[1] if len(e.args) > 1 else 0), e.args[0]


def quiz_checks(quiz_name, questions):
    """(cases, the parametrized pytest test, {question: explanation}) for a quiz's module."""

    def cases(rng):
        return {q: [Case((), label="")] for q in questions}

    params = [pytest.param(q, i, marks=checks(q), id=f"{q}-{i}")
              for q, spec in questions.items() for i in range(spec.n_checks)]

    @pytest.mark.parametrize("question,unit", params)
    def test_answer(sub, question, unit):
        earned, message = score(sub, quiz_name, question, questions[question])
        if unit >= earned:
            raise CheckError(message or f"{question}: not right")

    return cases, test_answer, {q: spec.why for q, spec in questions.items()}
