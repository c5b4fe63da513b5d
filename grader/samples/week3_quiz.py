"""Canned submissions of the week 3 quiz, each with the exact score of every question.

Points: q5 and q10 (several choices, right a b d each) 2 each, the nine others 1: 13.
Parametric: q1-q4 and q11 (one network drawn from the student's id), q7.
"""
from grader.samples.build import Variant, quiz_answers, quiz_scores

A = "week3_quiz"
POINTS = {f"test_q{i}": 2 if i in (5, 10) else 1 for i in range(1, 12)}


def answers(**given):
    return quiz_answers(A, **given)


def scores(**changes):
    return quiz_scores(POINTS, **changes)


VARIANTS = {
    "untouched": Variant(scores=dict.fromkeys(POINTS, 0), hints={"test_q1": "no answer yet"}),
    "reference": Variant(cells=answers(), scores=POINTS, hints={"test_q8": "why: with equal"}),
    # the same answer cells graded for another student: computed from that student's numbers
    "reference_other_student": Variant(cells=answers(), scores=POINTS),
    "partly_wrong": Variant(
        cells=answers(q1="(n_x, n_h)", q3="(n_h, n_x)", q7="0", q10='"abcd"'),
        scores=scores(q1=0, q3=0, q7=0, q10=4 / 3),
        hints={"test_q1": "rows and columns are swapped", "test_q10": "c not right"}),
    "malformed": Variant(
        cells=answers(q2="n_h", q6='"B)"', q10="2"),
        scores=scores(q2=0, q6=0, q10=0),
        hints={"test_q2": "expected a shape tuple", "test_q6": "one letter among a, b, c, d"}),
}

# The few students `make demo` would grade.
DEMO = ["reference", "partly_wrong", "malformed", "untouched"]
