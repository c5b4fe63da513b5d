"""Hidden checks of the week 2 quiz (neural network basics): the right answers and why.

Parametric questions draw the graded student's numbers as the notebook does
(`utils.quiz.student_numbers`, same quiz, question and ranges). Scoring: grader/quizzes.py.
"""
import math

from grader.quizzes import Number, Several, Shape, Single, quiz_checks


def _sigmoid_slope(t):
    z = (2 * t - 13) / 4
    s = 1 / (1 + math.exp(-z))
    return s * (1 - s)


GRAPH = dict(a=(1, 6), b=(2, 7), c=(1, 9))
QUESTIONS = {
    "q1": Single("b", why="y-hat must be a probability in (0, 1): the sigmoid squashes the "
                 "linear score w^T x + b into that interval."),
    "q2": Single("c", why="the cross-entropy loss is large when the network is confident and "
                 "wrong, and with the sigmoid it makes the cost convex in w and b; the squared "
                 "error would not."),
    "q3": Several("acd", why="the loss is for one example and the cost averages it over m; "
                  "sigma' = sigma (1 - sigma) peaks at z = 0 with 0.5 x 0.5 = 0.25; gradient "
                  "descent steps against the gradient, w := w - alpha dw."),
    "q4": Number(_sigmoid_slope, tol=1e-3, numbers=dict(t=(1, 12)),
                 why="sigma'(z) = sigma(z) (1 - sigma(z)): compute s = 1 / (1 + e^-z), then "
                 "s (1 - s)."),
    "q5": Number(lambda a, b, c: 3 * (a * b + c), tol=1e-6, numbers=GRAPH,
                 why="left to right: u = ab, v = u + c, J = 3v = 3(ab + c)."),
    "q6": Number(lambda a, b, c: 3 * a, tol=1e-6, numbers=GRAPH, drawn_as="q5",
                 why="right to left by the chain rule: dJ/dv = 3, dv/du = 1, du/db = a, so "
                 "dJ/db = 3a."),
    "q7": Shape(lambda p, q: (p, q), numbers=dict(p=(2, 9), q=(2, 9)),
                why="broadcasting stretches every axis of length 1 to the other array's "
                "length: (p, 1) + (1, q) gives (p, q)."),
    "q8": Shape(lambda h, w, m: (h * w * 3, m), numbers=dict(h=(8, 40), w=(8, 40), m=(10, 300)),
                why="each picture becomes a column of h x w x 3 numbers, and there are m "
                "columns: X is (n_x, m) with n_x = h w 3."),
    "q9": Single("b", why="broadcasting compares shapes from the last axis: 3 and 1 fit, but "
                 "4 and 3 are different and neither is 1, so numpy raises an error."),
    "q10": Shape(lambda n, k, m: (n, m), numbers=dict(n=(1, 9), k=(2, 9), m=(10, 99)),
                 why="the matrix product of (n, k) and (k, m) is (n, m): the inner sizes "
                 "must agree and disappear."),
    "q11": Single("b", why="without keepdims the norms have shape (n,), which broadcasts "
                  "along the last axis (across columns), not down the rows."),
    "q12": Several("abd", why="np.dot(w.T, X) and w.T @ X are the same (1, m) product, and "
                   "the loop computes the same numbers one column at a time (slowly); "
                   "np.dot(X, w) has mismatched shapes and w * X is entry by entry, (n_x, m)."),
}
cases, test_answer, EXPLAIN = quiz_checks("week2_quiz", QUESTIONS)
