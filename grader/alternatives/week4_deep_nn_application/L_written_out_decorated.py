"""The forward and backward passes written out layer by layer with linear_activation_forward /
_backward, np.dot for dA, the function wrapped by a decorator (functools.wraps), and keyword
arguments passed to the blocks."""
import functools

import numpy as np

# the notebook imports these from dnn_blocks.py; here they come from the reference's copy
from grader.reference.week4_deep_nn_application import blocks

initialize_parameters_deep = blocks.initialize_parameters_deep
linear_activation_forward = blocks.linear_activation_forward
linear_activation_backward = blocks.linear_activation_backward
compute_cost, update_parameters = blocks.compute_cost, blocks.update_parameters


def quiet_warnings(f):
    """Runs f with numpy's floating-point warnings off."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        with np.errstate(all="ignore"):
            return f(*args, **kwargs)
    return wrapper


@quiet_warnings
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    """[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID; returns parameters, costs."""
    np.random.seed(1)
    parameters = initialize_parameters_deep(layer_dims=layers_dims)
    L = len(layers_dims) - 1
    costs = []
    for i in range(num_iterations):
        A, caches = X, []
        for l in range(1, L + 1):
            A, cache = linear_activation_forward(A_prev=A, W=parameters["W%d" % l],
                                                 b=parameters["b%d" % l],
                                                 activation="relu" if l < L else "sigmoid")
            caches.append(cache)
        cost = compute_cost(AL=A, Y=Y)
        dA = np.divide(1 - Y, 1 - A) - np.divide(Y, A)
        grads = {}
        for l in range(L, 0, -1):
            dA, grads["dW%d" % l], grads["db%d" % l] = linear_activation_backward(
                dA, caches[l - 1], activation="relu" if l < L else "sigmoid")
        parameters = update_parameters(parameters, grads, learning_rate=learning_rate)
        if i % 100 == 0:
            costs.append(cost)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print("Cost after iteration %i: %f" % (i, cost))
    return parameters, costs
