"""Hidden checks of the week 4 quiz (deep networks): the right answers and why.

Parametric questions draw the graded student's numbers as the notebook does
(`utils.quiz.student_numbers`, same quiz, question and ranges). Scoring: grader/quizzes.py.
"""
from grader.quizzes import Number, Several, Shape, Single, quiz_checks

NET = dict(n0=(5, 30), n1=(2, 12), n2=(2, 12), m=(40, 500))   # q1's; q2-q4 and q8 reuse it
QUESTIONS = {
    "q1": Shape(lambda n0, n1, n2, m: (n2, n1), numbers=NET,
                why="W[l] is (n[l], n[l-1]): one row per unit of layer l, one column per unit "
                "of the layer before."),
    "q2": Shape(lambda n0, n1, n2, m: (n2, 1), numbers=NET, drawn_as="q1",
                why="one bias per unit of layer l, as a column (n[l], 1)."),
    "q3": Shape(lambda n0, n1, n2, m: (n1, m), numbers=NET, drawn_as="q1",
                why="Z[1] = W[1] A[0] + b[1]: (n[1], n[0]) times (n[0], m) is (n[1], m)."),
    "q4": Shape(lambda n0, n1, n2, m: (n0, m), numbers=NET, drawn_as="q1",
                why="A[0] is X: n[0] features per example, one column per example."),
    "q5": Single("a", why="backward at layer l needs A[l-1] (for dW), W (for dA[l-1]) and Z[l] "
                 "(for g'); the cache hands them over instead of recomputing them."),
    "q6": Several("abd", why="W and b are parameters, learnt by gradient descent; the learning "
                  "rate, iterations, layers and units are hyperparameters that you tune."),
    "q7": Number(lambda k: k + 1, tol=1e-6, numbers=dict(k=(2, 7)),
                 why="L counts the layers with parameters: the hidden layers and the output "
                 "layer, not the input layer: len(layer_dims) - 1."),
    "q8": Number(lambda n0, n1, n2, m: n1 * n0 + n1 + n2 * n1 + n2 + n2 + 1, tol=1e-6,
                 numbers=NET, drawn_as="q1",
                 why="each layer has n[l] n[l-1] weights and n[l] biases; add them over l = 1, "
                 "2, 3 (the output layer has n[3] = 1)."),
    "q9": Single("a", why="a deep network can compute XOR of n inputs with a tree of O(log n) "
                 "layers of few units, while one hidden layer needs about 2^n units."),
    "q10": Several("abd", why="forward runs from layer 1 to L and keeps caches; backward runs "
                   "from L to 1, from dA[L], using the caches; the loop is over layers, the "
                   "examples stay vectorized."),
    "q11": Single("b", why="features are built on features: edges, then parts made of edges, "
                  "then whole objects made of parts."),
}
cases, test_answer, EXPLAIN = quiz_checks("week4_quiz", QUESTIONS)
