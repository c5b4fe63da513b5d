"""A while loop, keyword arguments, and a cost printed whether or not print_cost is set."""
# ruff: noqa: F821 (the notebook's other functions are in scope)
import numpy as np


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x, n_y = X.shape[0], Y.shape[0]
    parameters = initialize_parameters(n_x=n_x, n_h=n_h, n_y=n_y)
    i = 0
    while i < num_iterations:
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate=1.2)
        if i % 1000 == 0:
            print(f"iteration {i}: cost {cost}")
        i += 1
    return parameters
