"""Canned submissions of the week 4 quiz, each with the exact score of every question.

Points: q6 and q10 (several choices, right a b d each) 2 each, the nine others 1: 13.
Parametric: q1-q4 and q8 (one network drawn from the student's id), q7.
"""
from grader.samples.build import Variant, quiz_answers, quiz_scores

A = "week4_quiz"
POINTS = {f"test_q{i}": 2 if i in (6, 10) else 1 for i in range(1, 12)}


def answers(**given):
    return quiz_answers(A, **given)


def scores(**changes):
    return quiz_scores(POINTS, **changes)


VARIANTS = {
    "untouched": Variant(scores=dict.fromkeys(POINTS, 0), hints={"test_q1": "no answer yet"}),
    "reference": Variant(cells=answers(), scores=POINTS, hints={"test_q7": "why: L counts"}),
    # the same answer cells graded for another student: computed from that student's numbers
    "reference_other_student": Variant(cells=answers(), scores=POINTS),
    "partly_wrong": Variant(
        cells=answers(q1="(n1, n2)", q7="len(layer_dims)", q6='"ad"', q10='"bcd"'),
        scores=scores(q1=0, q7=0, q6=4 / 3, q10=2 / 3),
        hints={"test_q1": "rows and columns are swapped", "test_q7": "for your numbers"}),
    "malformed": Variant(
        cells=answers(q3="[n1, 2.5]", q5='"f"', q8="None"),
        scores=scores(q3=0, q5=0, q8=0),
        hints={"test_q3": "whole numbers", "test_q8": "no answer yet"}),
}

# The few students `make demo` would grade.
DEMO = ["reference", "partly_wrong", "malformed", "untouched"]
