"""Canned submissions of the week 4 application, each with the exact score it must get.

Test cells: test_two_layer_model (4), test_L_layer_model (4): 8 points. Each model's hidden
checks come from the table of cases (utils.public_tests.week4_deep_nn_application.TABLE): a
main problem (weight 2), one example (two-layer) or another depth (L-layer) (weight 1) and a
print_cost=True call (weight 1), each checked in two parts, the trained parameters and the
recorded costs. So a model that trains wrongly loses everything (was 2.4: the old checks gave
0.8 each for returning a tuple and for the shapes), costs recorded wrongly cost half (was
0.8), and a print_cost that breaks costs a quarter (1 point, was 0.8). The building blocks
are given (dnn_blocks.py), so a mistake in one model never costs the other.
"""
from grader.samples.build import Variant, with_reference

A = "week4_deep_nn_application"
IDS = ["test_two_layer_model", "test_L_layer_model"]
FULL = dict(zip(IDS, [4, 4]))
ZERO = dict.fromkeys(IDS, 0)


def scores(**changes):
    return {**FULL, **{f"test_{k}": v for k, v in changes.items()}}


def ref(**changes):
    return with_reference(A, **changes)


# --- correct but different: full marks ----------------------------------------------------------

# No np.random.seed(1) of its own (initialize_parameters seeds itself), the L-layer blocks for a
# network of two layers, and costs returned as a numpy array.
TWO_VIA_L_BLOCKS = '''def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    costs = []
    for i in range(num_iterations):
        A2, caches = L_model_forward(X, parameters)
        cost = compute_cost(A2, Y)
        parameters = update_parameters(parameters, L_model_backward(A2, Y, caches), learning_rate)
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print("iteration", i, "cost", cost)
    return parameters, np.array(costs)
'''

# The seed after the initialization (harmless: nothing random happens after it), its own
# variables W1 ... b2, and a while loop.
TWO_SEED_AFTER_INIT = '''def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    parameters = initialize_parameters(*layers_dims)
    np.random.seed(1)
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    costs = []
    i = 0
    while i < num_iterations:
        A1, c1 = linear_activation_forward(X, W1, b1, activation="relu")
        A2, c2 = linear_activation_forward(A1, W2, b2, activation="sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = (1 - Y) / (1 - A2) - Y / A2
        dA1, dW2, db2 = linear_activation_backward(dA2, c2, activation="sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, c1, activation="relu")
        parameters = update_parameters({"W1": W1, "b1": b1, "W2": W2, "b2": b2},
                                       {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2},
                                       learning_rate)
        W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
        if not i % 100:
            costs.append(float(cost))
        if print_cost and (not i % 100 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {cost}")
        i += 1
    return parameters, costs
'''

# The forward and backward passes written out layer by layer, costs as numpy scalars.
L_WRITTEN_OUT = '''def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    parameters = initialize_parameters_deep(layers_dims)
    L = len(layers_dims) - 1
    costs = []
    for i in range(num_iterations):
        A, caches = X, []
        for l in range(1, L + 1):
            A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)],
                                                 "sigmoid" if l == L else "relu")
            caches.append(cache)
        cost = np.float64(compute_cost(A, Y))
        dA = -(Y / A - (1 - Y) / (1 - A))
        grads = {}
        for l in reversed(range(1, L + 1)):
            dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(
                dA, caches[l - 1], "sigmoid" if l == L else "relu")
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 100 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
        if i % 100 == 0:
            costs += [cost]
    return parameters, costs
'''

# --- typical mistakes: two_layer_model -------------------------------------------------------------

TWO_TEMPLATE = '''def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    n_x, n_h, n_y = layers_dims
    parameters = {init}
    costs = []
    for i in range(num_iterations):
        W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}}
        {update}
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {{i}}: {{cost:.6f}}")
        if {record}:
            costs.append(cost)
    return {ret}
'''
TWO_GOOD = dict(init="initialize_parameters(n_x, n_h, n_y)",
                update="parameters = update_parameters(parameters, grads, learning_rate)",
                record="i % 100 == 0", ret="parameters, costs")


def two(**changes):
    return TWO_TEMPLATE.format(**{**TWO_GOOD, **changes})


TWO_PLUS = two(update='parameters = {"W1": W1 + learning_rate * dW1, "b1": b1 + learning_rate * db1, '
                      '"W2": W2 + learning_rate * dW2, "b2": b2 + learning_rate * db2}')
TWO_DEEP_INIT = two(init="initialize_parameters_deep([n_x, n_h, n_y])")
TWO_EVERY_ITERATION = two(record="True")
TWO_FIXED_RATE = two(update="parameters = update_parameters(parameters, grads, 0.0075)")
TWO_NO_UPDATE = two(update="update_parameters(parameters, grads, learning_rate)")
TWO_SWAPPED_RETURN = two(ret="costs, parameters")

# --- typical mistakes: L_layer_model ---------------------------------------------------------------

L_TEMPLATE = '''def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    parameters = initialize_parameters_deep(layers_dims)
    costs = []
    for i in range({iters}):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        {update}
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            {show}
        if {record}:
            costs.append(cost)
    return parameters, costs
'''
L_GOOD = dict(iters="num_iterations",
              update="parameters = update_parameters(parameters, grads, learning_rate)",
              show='print(f"Cost after iteration {i}: {cost:.6f}")', record="i % 100 == 0")


def deep(**changes):
    return L_TEMPLATE.format(**{**L_GOOD, **changes})


L_PLUS = deep(update="parameters = update_parameters(parameters, grads, -learning_rate)")
L_EVERY_1000 = deep(record="i % 1000 == 0")
L_EXTRA_LAST = deep(record="i % 100 == 0 or i == num_iterations - 1")
L_NO_UPDATE = deep(update="update_parameters(parameters, grads, learning_rate)")
L_FIXED_ITERATIONS = deep(iters="3000")
L_FIXED_RATE = deep(update="parameters = update_parameters(parameters, grads, 0.0075)")
L_PRINT_BREAKS = deep(show='print("Cost after iteration %i: %f" % (i, costs))')

VARIANTS = {
    "untouched": Variant(scores=ZERO),
    "reference": Variant(cells=ref(), scores=FULL),
    "two_via_L_blocks": Variant(cells=ref(two_layer_model=TWO_VIA_L_BLOCKS), scores=FULL,
                                note="no seed of its own; L_model_forward for two layers; "
                                     "costs as a numpy array"),
    "two_seed_after_init": Variant(cells=ref(two_layer_model=TWO_SEED_AFTER_INIT), scores=FULL),
    "L_written_out": Variant(cells=ref(L_layer_model=L_WRITTEN_OUT), scores=FULL),
    "two_plus": Variant(cells=ref(two_layer_model=TWO_PLUS), scores=scores(two_layer_model=0),
                        hints={"test_two_layer_model": "went up the gradient"}),
    "two_deep_init": Variant(cells=ref(two_layer_model=TWO_DEEP_INIT),
                             scores=scores(two_layer_model=0),
                             hints={"test_two_layer_model": "starts from initialize_parameters("}),
    "two_every_iteration": Variant(cells=ref(two_layer_model=TWO_EVERY_ITERATION),
                                   scores=scores(two_layer_model=2),
                                   hints={"test_two_layer_model": "at every iteration"}),
    "two_fixed_rate": Variant(cells=ref(two_layer_model=TWO_FIXED_RATE),
                              scores=scores(two_layer_model=0),
                              hints={"test_two_layer_model": "learning_rate = 0.0075"}),
    # update_parameters of dnn_blocks.py updates the dict in place and returns it (issue 9),
    # so a loop that does not re-assign its result trains too: full marks (was 2.4).
    "two_no_update": Variant(cells=ref(two_layer_model=TWO_NO_UPDATE), scores=scores()),
    "two_swapped_return": Variant(cells=ref(two_layer_model=TWO_SWAPPED_RETURN),
                                  scores=scores(two_layer_model=0),
                                  hints={"test_two_layer_model": "return parameters, costs"}),
    "L_plus": Variant(cells=ref(L_layer_model=L_PLUS), scores=scores(L_layer_model=0),
                      hints={"test_L_layer_model": "went up the gradient"}),
    "L_every_1000": Variant(cells=ref(L_layer_model=L_EVERY_1000), scores=scores(L_layer_model=2),
                            hints={"test_L_layer_model": "every 1000 iterations"}),
    "L_extra_last": Variant(cells=ref(L_layer_model=L_EXTRA_LAST), scores=scores(L_layer_model=2),
                            hints={"test_L_layer_model": "one entry too many"}),
    "L_no_update": Variant(cells=ref(L_layer_model=L_NO_UPDATE), scores=scores()),  # as two_no_update
    "L_fixed_iterations": Variant(cells=ref(L_layer_model=L_FIXED_ITERATIONS),
                                  scores=scores(L_layer_model=0),
                                  hints={"test_L_layer_model": "3000 iterations"}),
    "L_fixed_rate": Variant(cells=ref(L_layer_model=L_FIXED_RATE), scores=scores(L_layer_model=0),
                            hints={"test_L_layer_model": "learning_rate = 0.0075"}),
    "L_print_breaks": Variant(cells=ref(L_layer_model=L_PRINT_BREAKS),
                              scores=scores(L_layer_model=3),
                              hints={"test_L_layer_model": "print_cost=True) raised TypeError"}),
}

# The few students `make demo` would grade for this assignment.
DEMO = ["reference", "two_via_L_blocks", "two_plus", "L_every_1000", "untouched"]
