"""Visible tests for the week 4 application (notebook `week4_deep_nn_application`).

Each `<name>_test(target)` trains the student's model on one small fixed problem (3 features,
5 examples, 250 iterations), checks what it returns against values computed once with the
blocks of dnn_blocks.py and written out here, and prints "All tests passed." or raises
`CheckError` with a hint. These tests only help the student: the points are decided by the
judge, on other problems.
"""
import contextlib
import io

import numpy as np

from utils.checks import CheckError, check_array, check_keys, check_scalar, check_tuple


def _small_problem():
    """X (3, 5) and Y (1, 5): the inputs of both tests."""
    X = np.array([[0.5, -1.2, 2.0, 0.3, -0.7],
                  [1.5, 0.4, -0.6, -2.1, 0.9],
                  [-0.3, 0.8, 1.1, 0.6, -1.4]])
    Y = np.array([[1, 0, 1, 0, 0]])
    return X, Y


def _costs_hint(n, num_iterations):
    if n == num_iterations:
        return "you recorded the cost at every iteration: record it only when i % 100 == 0"
    if n == 4:
        return ("one entry too many: record the cost only when i % 100 == 0 (the last "
                "iteration is printed, but not recorded)")
    return (f"with {num_iterations} iterations the cost is recorded at i = 0, 100 and 200 "
            "(when i % 100 == 0), using the argument num_iterations")


def _check_model(target, layers_dims, learning_rate, expected_costs, expected, start_W1, init):
    """Trains `target` for 250 iterations and compares costs and some parameters."""
    X, Y = _small_problem()
    call = (f"{target.__name__}(X, Y, {layers_dims}, learning_rate={learning_rate}, "
            "num_iterations=250)")
    out = target(X.copy(), Y.copy(), layers_dims, learning_rate=learning_rate, num_iterations=250)
    check_tuple(out, 2, call, hint="return parameters, costs")
    parameters, costs = out
    L = len(layers_dims) - 1
    keys = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    check_keys(parameters, keys, "parameters", hint="return the parameters update_parameters gave")
    if not isinstance(costs, (list, tuple, np.ndarray)):
        raise CheckError(f"costs is of type {type(costs).__name__}, expected a list of 3 numbers")
    if len(costs) != 3:
        raise CheckError(f"costs has {len(costs)} entries, expected 3: "
                         f"{_costs_hint(len(costs), 250)}")
    if isinstance(parameters["W1"], np.ndarray) and parameters["W1"].shape == start_W1.shape \
            and np.allclose(parameters["W1"], start_W1):
        raise CheckError("parameters['W1'] is still its starting value: keep what "
                         "update_parameters returns, parameters = update_parameters(...)")
    check_scalar(float(np.squeeze(costs[0])), expected_costs[0], "costs[0]",
                 hint=f"costs[0] is the cost at i = 0, before any update: start from {init}")
    hint = ("one iteration is forward, cost, backward, update, with the learning_rate and "
            "num_iterations passed in (not fixed numbers)")
    if not np.all(np.isfinite(np.asarray(costs, dtype=float))):
        raise CheckError(f"costs is {list(costs)}: the cost grew without bound, so the parameters "
                         "went up the gradient: update with W = W - learning_rate * dW "
                         "(update_parameters does it)")
    for i in (1, 2):
        check_scalar(float(np.squeeze(costs[i])), expected_costs[i], f"costs[{i}]", hint=hint)
    for k, value in expected.items():
        check_array(parameters[k], np.array(value), f"parameters['{k}']", hint=hint,
                    shape_hint="W[l] is (n[l], n[l-1]) and b[l] is (n[l], 1)")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        again = target(X.copy(), Y.copy(), layers_dims, learning_rate=learning_rate,
                       num_iterations=250, print_cost=True)
    if not printed.getvalue().strip():
        raise CheckError("with print_cost=True nothing was printed: print "
                         'f"Cost after iteration {i}: {cost:.6f}" when i % 100 == 0 and when '
                         "i == num_iterations - 1")
    check_array(np.asarray(again[1], dtype=float).ravel(), np.asarray(expected_costs),
                "costs with print_cost=True", hint="print_cost may only decide whether to print")
    print("All tests passed.")


def two_layer_model_test(target):
    """(3, 2, 1) network, learning_rate 0.5, 250 iterations."""
    start_W1 = np.random.RandomState(1).randn(2, 3) * 0.01   # initialize_parameters(3, 2, 1)
    _check_model(
        target, (3, 2, 1), 0.5,
        [0.693093586024605, 0.02579037964430405, 0.010628840831699413],
        {"W1": [[1.8304450149082794, 1.3097316533479517, 0.713184147593603],
                [-1.033168117368946, 0.1843597660891032, -0.2069444791457923]],
         "b1": [[1.0996230561263707], [0.642894225808855]],
         "W2": [[2.5966218440712465, -1.2476210983868514]],
         "b2": [[-3.434385326146537]]},
        start_W1, "initialize_parameters(n_x, n_h, n_y)")


def L_layer_model_test(target):
    """[3, 4, 2, 1] network, learning_rate 0.1, 250 iterations."""
    start_W1 = np.random.RandomState(1).randn(4, 3) / np.sqrt(3)   # initialize_parameters_deep
    _check_model(
        target, [3, 4, 2, 1], 0.1,
        [0.7501061937648906, 0.2933707285102363, 0.07036238552478905],
        {"W1": [[1.636650803318525, 0.23820641176376517, -0.10303054303277544],
                [-0.9338144401344401, 0.1279587427880564, -1.48679491309099],
                [0.7705204855613913, -0.8822383705116276, 0.16512900073035772],
                [0.2015079801729678, 1.3144360548093827, -1.0532425494477886]],
         "W3": [[-1.553691415488943, 1.7785572689087656]],
         "b3": [[-1.5468685560820086]]},
        start_W1, "initialize_parameters_deep(layers_dims)")
