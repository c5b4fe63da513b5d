"""Reference solutions for the week 4 application (deep network for cat pictures). Used only by
the judge.

The two graded models put together building blocks that students receive, not write:
`source/week4_deep_nn_application/dnn_blocks.py`, shipped next to the notebook. The reference
loads that very file (as `blocks`), so a correct submission and the reference run the same
arithmetic and agree to the last bit. The blocks seed numpy's global generator inside the two
initializers (np.random.seed(1), as the course does), which makes every run deterministic.

Costs are recorded when i % 100 == 0 (iterations 0, 100, 200, ...): the course's convention.
"""
import importlib.util
import sys
from pathlib import Path

import numpy as np

_BLOCKS_PATH = (Path(__file__).resolve().parents[2] / "source" / "week4_deep_nn_application"
                / "dnn_blocks.py")


def _load_blocks():
    """The shipped dnn_blocks.py as a module of its own (a private name, not `dnn_blocks`)."""
    name = "grader_reference_dnn_blocks"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, _BLOCKS_PATH)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


blocks = _load_blocks()


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    """LINEAR -> RELU -> LINEAR -> SIGMOID trained by batch gradient descent.

    X (n_x, m), Y (1, m), layers_dims (n_x, n_h, n_y).
    Returns parameters {W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)} and costs, the
    cost at every i with i % 100 == 0.
    """
    np.random.seed(1)
    n_x, n_h, n_y = layers_dims
    parameters = blocks.initialize_parameters(n_x, n_h, n_y)
    costs = []
    for i in range(num_iterations):
        A1, cache1 = blocks.linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = blocks.linear_activation_forward(A1, parameters["W2"], parameters["b2"],
                                                      "sigmoid")
        cost = blocks.compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = blocks.linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = blocks.linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = blocks.update_parameters(parameters, grads, learning_rate)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost:.6f}")
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    """[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID trained by batch gradient descent.

    X (n_x, m), Y (1, m), layers_dims [n_x, n_1, ..., n_L].
    Returns parameters {W1, b1, ..., WL, bL} and costs, the cost at every i with i % 100 == 0.
    """
    np.random.seed(1)
    parameters = blocks.initialize_parameters_deep(layers_dims)
    costs = []
    for i in range(num_iterations):
        AL, caches = blocks.L_model_forward(X, parameters)
        cost = blocks.compute_cost(AL, Y)
        grads = blocks.L_model_backward(AL, Y, caches)
        parameters = blocks.update_parameters(parameters, grads, learning_rate)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost:.6f}")
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
