"""A while loop that updates the parameters in place (update_parameters without re-assigning)
and returns the costs as a numpy array; no np.random.seed of its own (the initializer seeds)."""
import numpy as np

# the notebook imports these from dnn_blocks.py; here they come from the reference's copy
from grader.reference.week4_deep_nn_application import blocks

initialize_parameters_deep = blocks.initialize_parameters_deep
L_model_forward, L_model_backward = blocks.L_model_forward, blocks.L_model_backward
compute_cost, update_parameters = blocks.compute_cost, blocks.update_parameters


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    """[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID; returns parameters, costs (an array)."""
    parameters = initialize_parameters_deep(layers_dims)
    costs = np.empty(0)
    i = 0
    while i < num_iterations:
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)
        if i % 100 == 0:
            costs = np.append(costs, cost)
            if print_cost:
                print("iteration", i, "cost", round(cost, 4))
        i += 1
    return parameters, costs
