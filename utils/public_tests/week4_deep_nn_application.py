"""Visible tests for the week 4 application (notebook `week4_deep_nn_application`).

Each `<name>_test(target)` trains the student's model on one small fixed problem (3 features,
5 examples, 250 iterations), checks what it returns against values computed once with the
blocks of dnn_blocks.py and written out here, and prints "All tests passed." or raises
`CheckError` with a hint. Then it runs one visible draw of every other kind of input in
`TABLE` (one example, another depth, print_cost=True): the first two against values of that
draw written out here (computed once with the blocks), the last against the same call without
print_cost. The judge draws the same kinds afresh, of sizes the notebook never uses, and
decides the points.
"""
import contextlib
import io

import numpy as np

from utils.cases import Case, Kind, visible_case
from utils.checks import CheckError, check_array, check_keys, check_scalar, check_tuple

# Sizes the notebook itself uses: 12288 features, 209 and 50 pictures of 64 pixels, hidden
# layers of 7, 20, 7, 5 units, and the try-it cells' 4 features, 8 examples, (4, 3, 1) and
# [4, 5, 3, 1]. The drawn problems avoid all of them, so code reading a notebook global fails.
NOTEBOOK_SIZES = {12288, 209, 50, 64, 20, 7, 5, 4, 3, 8}
FEATURES, EXAMPLES, UNITS = [6, 9, 10, 11], [11, 12, 13, 14, 15, 16], [6, 9, 10]
M1 = "It must also work for a single example (m = 1)."
PRINT = "`print_cost` only decides whether to print: with `print_cost=True` your function returns the same parameters and costs."
DEPTH = "the same function trains a network of 2 layers or of 10"


def _model_case(rng, depth, m=None, print_cost=False):
    """X (n_x, m), Y (1, m) of 0/1 labels, layers_dims with `depth` layers, and a short run.

    Iteration counts avoid 100 k + 1, so that also recording the last iteration shows up.
    """
    n_x, m = int(rng.choice(FEATURES)), m or int(rng.choice(EXAMPLES))
    X = rng.normal(0, 1, (n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    hidden = [int(n) for n in rng.choice(UNITS, depth - 1)]
    dims = (n_x, *hidden, 1) if depth == 2 else [n_x, *hidden, 1]   # as each exercise shows
    iters = int(rng.integers(110, 300))
    iters += iters % 100 == 1
    lr = round(float(rng.uniform(0.02, 0.1)), 4)
    kwargs = {"learning_rate": lr, "num_iterations": iters}
    label = f"X of shape ({n_x}, {m}), layers_dims={list(dims)}, {iters} iterations, learning_rate={lr}"
    if print_cost:
        kwargs["print_cost"], label = True, label + ", print_cost=True"
    return Case((X, Y, dims), kwargs, label=label)


# {function: [Kind]}: a function's points are split over its kinds by weight, and each kind's
# share equally over its two parts (parameters, costs).
TABLE = {
    "two_layer_model": [Kind("main", lambda rng: _model_case(rng, 2), weight=2),
                        Kind("m1", lambda rng: _model_case(rng, 2, m=1), says=M1),
                        Kind("print", lambda rng: _model_case(rng, 2, print_cost=True),
                             says=PRINT)],
    "L_layer_model": [Kind("main", lambda rng: _model_case(rng, 3), weight=2),
                      Kind("depth", lambda rng: _model_case(rng, int(rng.choice([2, 5]))),
                           says=DEPTH),
                      Kind("print", lambda rng: _model_case(rng, 3, print_cost=True),
                           says=PRINT)],
}


def _small_problem():
    """X (3, 5) and Y (1, 5): the inputs of both fixed tests."""
    X = np.array([[0.5, -1.2, 2.0, 0.3, -0.7],
                  [1.5, 0.4, -0.6, -2.1, 0.9],
                  [-0.3, 0.8, 1.1, 0.6, -1.4]])
    Y = np.array([[1, 0, 1, 0, 0]])
    return X, Y


def costs_length_hint(n, num_iterations):
    """What n recorded costs after num_iterations iterations most likely mean (the judge says
    it in the same words)."""
    expected = len(range(0, num_iterations, 100))
    if n == num_iterations:
        return "you recorded the cost at every iteration: record it only when i % 100 == 0"
    if n == len(range(0, num_iterations, 1000)):
        return "you recorded the cost every 1000 iterations: record it when i % 100 == 0"
    if n == expected + 1:
        return ("one entry too many: record the cost only when i % 100 == 0 (the last "
                "iteration is printed, but not recorded)")
    if n == 30:
        return "30 entries is what 3000 iterations give: use the argument num_iterations"
    return (f"with {num_iterations} iterations the cost is recorded at i = 0, 100, ... (when "
            "i % 100 == 0), using the argument num_iterations")


def _run(target, case):
    """target(*case) with its printing captured: (parameters, costs as a 1-d array, printed
    text), after checking their form: a dict with W1, b1, ..., WL, bL of the shapes
    layers_dims gives, and len(range(0, num_iterations, 100)) costs."""
    X, Y, dims = case.args
    call = f"{target.__name__}({case.label})"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        result = target(X.copy(), Y.copy(), dims, **case.kwargs)
    parameters, costs = check_tuple(result, 2, call, hint="return parameters, costs")
    keys = [f"{p}{l}" for l in range(1, len(dims)) for p in ("W", "b")]
    check_keys(parameters, keys, f"the parameters of {call}",
               hint="return the dict of weights and biases of the trained network")
    iters = case.kwargs["num_iterations"]
    if not isinstance(costs, (list, tuple, np.ndarray)):
        raise CheckError(f"the costs of {call} are of type {type(costs).__name__}, expected a "
                         "list of numbers: append each recorded cost to the list costs")
    if len(costs) != len(range(0, iters, 100)):
        raise CheckError(f"the costs of {call} have {len(costs)} entries, expected "
                         f"{len(range(0, iters, 100))}: {costs_length_hint(len(costs), iters)}")
    for l in range(1, len(dims)):
        for p, shape in (("W", (dims[l], dims[l - 1])), ("b", (dims[l], 1))):
            got = getattr(parameters[f"{p}{l}"], "shape", type(parameters[f"{p}{l}"]).__name__)
            if got != shape:
                raise CheckError(f"parameters['{p}{l}'] of {call} is {got}, expected shape "
                                 f"{shape}: W[l] is (n[l], n[l-1]) and b[l] is (n[l], 1), "
                                 "with the sizes taken from layers_dims")
    return parameters, np.array([float(np.squeeze(c)) for c in costs]), out.getvalue()


# Values of the visible draws of the kinds "m1" and "depth" (computed once with the blocks of
# dnn_blocks.py): the costs and the last layer after training.
M1_EXPECTED = (
    [0.6932784518010989, 0.03946684245744083, 0.00743720169613837],
    {"W2": [[0.006980320340722189, -0.004471285647859982, 0.012245077048054989,
             -0.7204437321665367, 0.0013381704131694217, -0.6403265304767886,
             -0.10150288164513419, 0.006317770478434901, -0.5468692419550056]],
     "b2": [[-1.7798887399966976]]},
    np.random.RandomState(1).randn(9, 11) * 0.01)              # its starting W1
DEPTH_EXPECTED = (
    [0.6926050833148238, 0.6559050612022806],
    {"W5": [[0.8498260840413312, 0.08193777902262224, -0.43579571602681183, 0.8860991138880039,
             -0.14671170382718982, -0.15009602684927065, -0.2624265970373412,
             -0.07490773121237812, 0.17770089848733045]],
     "b5": [[-0.09221740362379478]]},
    np.random.RandomState(1).randn(6, 10) / np.sqrt(10))        # its starting W1

TRAIN_HINT = ("one iteration is forward, cost, backward, update, with the learning_rate and "
              "num_iterations passed in (not fixed numbers)")


def _check_values(case, parameters, costs, expected_costs, expected, start_W1, init):
    """Costs and some trained parameters of one run against the values written out."""
    if isinstance(parameters["W1"], np.ndarray) and parameters["W1"].shape == start_W1.shape \
            and np.allclose(parameters["W1"], start_W1):
        raise CheckError(f"parameters['W1'] after {case.label} is still its starting value, "
                         "expected trained weights: update the parameters at every iteration, "
                         "update_parameters(parameters, grads, learning_rate)")
    check_scalar(costs[0], expected_costs[0], f"costs[0] for {case.label}",
                 hint=f"costs[0] is the cost at i = 0, before any update: start from {init}")
    if not np.all(np.isfinite(costs)):
        raise CheckError(f"costs for {case.label} are {np.array2string(costs, precision=6)}, "
                         "expected finite numbers: "
                         "the cost grew without bound, so the parameters went up the gradient: "
                         "update with W = W - learning_rate * dW (update_parameters does it)")
    check_array(costs, np.array(expected_costs), f"costs for {case.label}", hint=TRAIN_HINT)
    for k, value in expected.items():
        check_array(parameters[k], np.array(value), f"parameters['{k}'] after {case.label}",
                    hint=TRAIN_HINT)


def _check_print(target, name):
    """The visible print_cost=True draw prints, and returns what the same call without it does."""
    case = visible_case(TABLE, name, "print")
    parameters, costs, printed = _run(target, case)
    if not printed.strip():
        raise CheckError(f"{name}({case.label}) printed nothing, expected a line every 100 "
                         'iterations: print f"Cost after iteration {i}: {cost:.6f}" when '
                         "i % 100 == 0 and when i == num_iterations - 1")
    plain = Case(case.args, {k: v for k, v in case.kwargs.items() if k != "print_cost"},
                 label=case.label.replace(", print_cost=True", ""))
    p_parameters, p_costs, _ = _run(target, plain)
    hint = PRINT.replace("`", "")
    check_array(costs, p_costs, f"costs with print_cost=True for {plain.label}", hint=hint)
    for k in p_parameters:
        check_array(parameters[k], p_parameters[k], f"parameters['{k}'] with print_cost=True",
                    hint=hint)


def two_layer_model_test(target):
    """(3, 2, 1) network, learning_rate 0.5, 250 iterations; one example; print_cost."""
    X, Y = _small_problem()
    init = "initialize_parameters(n_x, n_h, n_y)"
    case = Case((X, Y, (3, 2, 1)), {"learning_rate": 0.5, "num_iterations": 250},
                label="X of shape (3, 5), layers_dims=(3, 2, 1), 250 iterations, learning_rate=0.5")
    parameters, costs, _ = _run(target, case)
    _check_values(
        case, parameters, costs,
        [0.693093586024605, 0.02579037964430405, 0.010628840831699413],
        {"W1": [[1.8304450149082794, 1.3097316533479517, 0.713184147593603],
                [-1.033168117368946, 0.1843597660891032, -0.2069444791457923]],
         "b1": [[1.0996230561263707], [0.642894225808855]],
         "W2": [[2.5966218440712465, -1.2476210983868514]],
         "b2": [[-3.434385326146537]]},
        np.random.RandomState(1).randn(2, 3) * 0.01, init)
    case = visible_case(TABLE, "two_layer_model", "m1")
    parameters, costs, _ = _run(target, case)
    _check_values(case, parameters, costs, *M1_EXPECTED, init)
    _check_print(target, "two_layer_model")
    print("All tests passed.")


def L_layer_model_test(target):
    """[3, 4, 2, 1] network, learning_rate 0.1, 250 iterations; another depth; print_cost."""
    X, Y = _small_problem()
    init = "initialize_parameters_deep(layers_dims)"
    case = Case((X, Y, [3, 4, 2, 1]), {"learning_rate": 0.1, "num_iterations": 250},
                label="X of shape (3, 5), layers_dims=[3, 4, 2, 1], 250 iterations, learning_rate=0.1")
    parameters, costs, _ = _run(target, case)
    _check_values(
        case, parameters, costs,
        [0.7501061937648906, 0.2933707285102363, 0.07036238552478905],
        {"W1": [[1.636650803318525, 0.23820641176376517, -0.10303054303277544],
                [-0.9338144401344401, 0.1279587427880564, -1.48679491309099],
                [0.7705204855613913, -0.8822383705116276, 0.16512900073035772],
                [0.2015079801729678, 1.3144360548093827, -1.0532425494477886]],
         "W3": [[-1.553691415488943, 1.7785572689087656]],
         "b3": [[-1.5468685560820086]]},
        np.random.RandomState(1).randn(4, 3) / np.sqrt(3), init)
    case = visible_case(TABLE, "L_layer_model", "depth")
    parameters, costs, _ = _run(target, case)
    _check_values(case, parameters, costs, *DEPTH_EXPECTED, init)
    _check_print(target, "L_layer_model")
    print("All tests passed.")
