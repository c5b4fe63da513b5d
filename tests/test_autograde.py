"""Canned batches, exact scores and hints (tests/autograde_suite.py, its SHARES) for week 2
logistic regression (with the checks that read its batch) and the week 1 and 4 quizzes."""
from autograde_suite import every_assignment_has_one_share, suite

globals().update(suite(__file__))


def test_every_assignment_with_canned_submissions_is_graded_by_one_file():
    every_assignment_has_one_share()
