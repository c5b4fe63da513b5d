"""Hidden checks of the week 3 quiz (shallow networks): the right answers and why.

Parametric questions draw the graded student's numbers as the notebook does
(`utils.quiz.student_numbers`, same quiz, question and ranges). Scoring: grader/quizzes.py.
"""
from grader.quizzes import Number, Several, Shape, Single, quiz_checks

NET = dict(n_x=(2, 12), n_h=(2, 9), m=(10, 400))   # drawn once, for q1 (q2-q4, q11 reuse it)
QUESTIONS = {
    "q1": Shape(lambda n_x, n_h, m: (n_h, n_x), numbers=NET,
                why="W[1] maps the n_x inputs to the n_h hidden units: one row per hidden "
                "unit, one column per input, (n[1], n[0])."),
    "q2": Shape(lambda n_x, n_h, m: (n_h, 1), numbers=NET, drawn_as="q1",
                why="one bias per hidden unit, kept as a column (n[1], 1) that broadcasts over "
                "the m examples."),
    "q3": Shape(lambda n_x, n_h, m: (n_h, m), numbers=NET, drawn_as="q1",
                why="(n_h, n_x) times (n_x, m) is (n_h, m): one column per example, one row per "
                "hidden unit; the activation keeps the shape."),
    "q4": Shape(lambda n_x, n_h, m: (1, n_h), numbers=NET, drawn_as="q1",
                why="W[2] is (n[2], n[1]) with one output unit and n_h hidden units."),
    "q5": Several("abd", why="tanh is a shifted sigmoid with outputs in (-1, 1) centered on 0; "
                  "both flatten for large |z| (tanh'(0) = 1 only at 0); the sigmoid's (0, 1) "
                  "suits a probability output."),
    "q6": Single("b", why="leaky ReLU keeps a slope of 0.01 for z < 0, so units with negative z "
                 "still get a (small) gradient."),
    "q7": Number(lambda t: 0.01 * (-t / 4), tol=1e-6, numbers=dict(t=(2, 60)),
                 why="for z < 0, 0.01 z > z, so the max is 0.01 z."),
    "q8": Single("a", why="with equal weights every hidden unit sees the same inputs, gives "
                 "the same output and gets the same gradient: symmetry is never broken, so "
                 "weights start random (biases may start at 0)."),
    "q9": Single("c", why="large weights give large |z|, where tanh and the sigmoid are flat: "
                 "their slopes are near 0 and gradient descent barely moves; hence * 0.01."),
    "q10": Several("abd", why="dZ2 = A2 - Y for sigmoid + cross-entropy; dW2 = dZ2 A1^T / m; "
                   "tanh' = 1 - A1^2; db1 sums over the examples (axis=1, rows are units) and "
                   "dW1 = dZ1 X^T / m."),
    "q11": Number(lambda n_x, n_h, m: 2 * n_h * m + 2 * m, tol=1e-6, numbers=NET, drawn_as="q1",
                  why="Z1 and A1 are (n_h, m), Z2 and A2 are (1, m): 2 n_h m + 2 m numbers."),
}
cases, test_answer, EXPLAIN = quiz_checks("week3_quiz", QUESTIONS)
