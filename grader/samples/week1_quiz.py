"""Canned submissions of the week 1 quiz, each with the exact score of every question.

Points: q3, q5, q10 (several choices, right a c d, a b c, a b d) 2 each, the eight others 1:
14. Parametric: q2, q7, q8, q11 (numbers drawn from the student's id, the sample's name).
"""
from grader.samples.build import Variant, quiz_answers, quiz_scores

A = "week1_quiz"
POINTS = {f"test_q{i}": 2 if i in (3, 5, 10) else 1 for i in range(1, 12)}


def answers(**given):
    return quiz_answers(A, **given)


def scores(**changes):
    return quiz_scores(POINTS, **changes)


VARIANTS = {
    "untouched": Variant(scores=dict.fromkeys(POINTS, 0), hints={"test_q2": "no answer yet"}),
    "reference": Variant(cells=answers(), scores=POINTS, hints={"test_q7": "why: n_x weights"}),
    # the same answer cells graded for another student: computed from that student's numbers
    "reference_other_student": Variant(cells=answers(), scores=POINTS),
    "partly_wrong": Variant(
        cells=answers(q1='"d"', q5='"ab"', q8="n_x * n_h + n_h", q10='"abde"'),
        scores=scores(q1=0, q5=4 / 3, q8=0, q10=4 / 3),
        hints={"test_q5": "missed c", "test_q8": "for your numbers"}),
    "malformed": Variant(
        cells=answers(q1='"e"', q4="1", q7='"12"'),
        scores=scores(q1=0, q4=0, q7=0),
        hints={"test_q1": "one letter among a, b, c, d", "test_q7": "not in quotes"}),
}

# The few students `make demo` would grade.
DEMO = ["reference", "partly_wrong", "malformed", "untouched"]
