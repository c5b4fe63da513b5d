"""Hidden checks of the week 1 quiz (introduction): the right answers and why.

Parametric questions draw the graded student's numbers as the notebook does
(`utils.quiz.student_numbers`, same quiz, question and ranges). Scoring: grader/quizzes.py.
"""
from grader.quizzes import Number, Several, Single, quiz_checks

NEURON = dict(w1=(-3, 3), w2=(-3, 3), x1=(1, 6), x2=(1, 6), b=(-6, 6))
NET = dict(n_x=(2, 12), n_h=(2, 9))
QUESTIONS = {
    "q1": Single("c", why="a neuron takes a weighted sum of its inputs plus a bias, then its "
                 "activation, here ReLU = max(0, .); the weights are learnt from examples."),
    "q2": Number(lambda w1, w2, x1, x2, b: max(0, w1 * x1 + w2 * x2 + b), tol=1e-6,
                 numbers=NEURON, why="z = w1 x1 + w2 x2 + b, then ReLU keeps z if it is "
                 "positive and gives 0 otherwise."),
    "q3": Several("acd", why="price, cat / not cat and transcripts are labels y given with each "
                  "x; clustering and finding unusual entries without labels are unsupervised."),
    "q4": Single("a", why="structured data has well-defined fields (columns) with a meaning; "
                 "audio, pictures and text are unstructured."),
    "q5": Several("abc", why="data, computation and algorithms drove it; the artificial "
                  "neuron dates from the 1940s-50s, and large networks, not small ones, gain "
                  "the most from large data."),
    "q6": Single("b", why="where the sigmoid is flat its gradient is close to 0 and gradient "
                 "descent crawls; ReLU's gradient is 1 for all positive inputs."),
    "q7": Number(lambda n_x, n_h: n_x * n_h + n_h, tol=1e-6, numbers=NET,
                 why="n_x weights into each of the n_h hidden units, and n_h weights into the "
                 "output unit: n_x n_h + n_h."),
    "q8": Number(lambda n_x, n_h: n_x * n_h + 2 * n_h + 1, tol=1e-6, numbers=NET, drawn_as="q7",
                 why="the weights n_x n_h + n_h, plus one bias per hidden unit (n_h) and one "
                 "for the output unit."),
    "q9": Single("a", why="you have an idea, code it, run an experiment, and what you learn "
                 "gives the next idea; faster computers make each turn shorter."),
    "q10": Several("abd", why="with little data skill in engineering decides; large networks "
                   "use large data best, so scale (data and network size) drives progress; "
                   "gains are not proportional and methods do not all end up equal."),
    "q11": Number(lambda h, w: h * w * 3, tol=1e-6, numbers=dict(h=(20, 80), w=(20, 80)),
                  why="one number per pixel and color: height x width x 3."),
}
cases, test_answer, EXPLAIN = quiz_checks("week1_quiz", QUESTIONS)
