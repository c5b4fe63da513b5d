"""two_layer_model bound by assignment to a function made by a helper (no `def two_layer_model`),
its own W1 ... b2 variables rebuilt into a new dict every step, and the costs as a tuple."""

# the notebook imports these from dnn_blocks.py; here they come from the reference's copy
from grader.reference.week4_deep_nn_application import blocks

initialize_parameters = blocks.initialize_parameters
linear_activation_forward = blocks.linear_activation_forward
linear_activation_backward = blocks.linear_activation_backward
compute_cost, update_parameters = blocks.compute_cost, blocks.update_parameters


def make_trainer(hidden="relu"):
    """A two-layer trainer with the given hidden activation."""
    def train(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
        n_x, n_h, n_y = layers_dims
        p = initialize_parameters(n_x, n_h, n_y)
        W1, b1, W2, b2 = p["W1"], p["b1"], p["W2"], p["b2"]
        costs = ()
        for i in range(num_iterations):
            A1, c1 = linear_activation_forward(X, W1, b1, hidden)
            A2, c2 = linear_activation_forward(A1, W2, b2, "sigmoid")
            cost = compute_cost(A2, Y)
            dA1, dW2, db2 = linear_activation_backward((A2 - Y) / (A2 * (1 - A2)), c2, "sigmoid")
            _, dW1, db1 = linear_activation_backward(dA1, c1, hidden)
            p = update_parameters({"W1": W1, "b1": b1, "W2": W2, "b2": b2},
                                  {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}, learning_rate)
            W1, b1, W2, b2 = p["W1"], p["b1"], p["W2"], p["b2"]
            if i % 100 == 0:
                costs += (cost,)
                if print_cost:
                    print(i, cost)
        return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, costs
    return train


two_layer_model = make_trainer()
