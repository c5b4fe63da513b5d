"""Canned submissions of the week 2 quiz, each with the exact score of every question.

Points: q3 and q12 (several choices, right a c d and a b d) 2 each, the ten others 1: 14.
Parametric: q4 to q8 and q10 (numbers drawn from the student's id, here the sample's name).
"""
from grader.samples.build import Variant, quiz_answers, quiz_scores
from utils.quiz import student_numbers

A = "week2_quiz"
POINTS = {f"test_q{i}": 2 if i in (3, 12) else 1 for i in range(1, 13)}
ZERO = dict.fromkeys(POINTS, 0)


def answers(**given):
    return quiz_answers(A, **given)


def scores(**changes):
    return quiz_scores(POINTS, **changes)


def _copied_from(student):
    """The right answers of the parametric questions for `student`, typed in as numbers."""
    t, = student_numbers(A, "q4", student, t=(1, 12))
    z = (2 * t - 13) / 4
    a, b, c = student_numbers(A, "q5", student, a=(1, 6), b=(2, 7), c=(1, 9))
    p, q = student_numbers(A, "q7", student, p=(2, 9), q=(2, 9))
    h, w, m = student_numbers(A, "q8", student, h=(8, 40), w=(8, 40), m=(10, 300))
    n, _, m10 = student_numbers(A, "q10", student, n=(1, 9), k=(2, 9), m=(10, 99))
    s = 1 / (1 + 2.718281828459045 ** -z)
    return answers(q4=f"{s * (1 - s):.4f}", q5=str(3 * (a * b + c)), q6=str(3 * a),
                   q7=str((p, q)), q8=str((h * w * 3, m)), q10=str((n, m10)))


VARIANTS = {
    "untouched": Variant(scores=ZERO, hints={"test_q1": "no answer yet", "test_q7": "no answer yet"}),
    "reference": Variant(cells=answers(), scores=POINTS,
                         hints={"test_q9": "why: broadcasting compares shapes"}),
    # the same answer cells graded for another student: computed from that student's numbers
    "reference_other_student": Variant(cells=answers(), scores=POINTS),
    # student "reference"'s right answers typed in by student "copied_numbers": wrong for
    # this student's own numbers, except q6 (3a), as both drew a = 2
    "copied_numbers": Variant(
        cells=_copied_from("reference"),
        scores=scores(q4=0, q5=0, q7=0, q8=0, q10=0),
        hints={"test_q8": "for your numbers"}),
    "partly_wrong": Variant(
        cells=answers(q1='"a"', q3='"ac"', q4="0.25", q7="(q, p)", q12='"abe"'),
        scores=scores(q1=0, q3=4 / 3, q4=0, q7=0, q12=2 / 3),
        hints={"test_q1": "is not the right choice", "test_q3": "missed d",
               "test_q7": "rows and columns are swapped", "test_q12": "e not right, one off each"}),
    "malformed": Variant(
        cells=answers(q1='"z"', q2='["c"]', q5='"33"', q7="7", q12='{"a", "b", "d"}'),
        scores=scores(q1=0, q2=0, q5=0, q7=0, q12=0),
        hints={"test_q1": "expected one letter among a, b, c, d", "test_q5": "expected a number",
               "test_q7": "found the number 7", "test_q12": "in a string such as"}),
}

# The few students `make demo` grades.
DEMO = ["reference", "partly_wrong", "malformed", "untouched"]
