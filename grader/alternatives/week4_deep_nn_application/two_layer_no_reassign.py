"""The training loop calls update_parameters without re-assigning its result (the shipped
helper updates the dict in place and returns it), names imported from dnn_blocks as the
notebook does."""
import numpy as np

# the notebook imports these from dnn_blocks.py; here they come from the reference's copy
from grader.reference.week4_deep_nn_application import blocks

initialize_parameters = blocks.initialize_parameters
linear_activation_forward = blocks.linear_activation_forward
linear_activation_backward = blocks.linear_activation_backward
compute_cost = blocks.compute_cost
update_parameters = blocks.update_parameters


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    """LINEAR -> RELU -> LINEAR -> SIGMOID trained by batch gradient descent.

    X (n_x, m), Y (1, m), layers_dims (n_x, n_h, n_y).
    Returns parameters {W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)} and costs, the
    cost at every i with i % 100 == 0.
    """
    np.random.seed(1)
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    costs = []
    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"],
                                                      "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        update_parameters(parameters, grads, learning_rate)     # in place: no re-assignment
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost:.6f}")
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs

