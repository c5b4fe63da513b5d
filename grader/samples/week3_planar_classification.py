"""Canned submissions of week 3 planar classification, each with the exact score it must get.

Test cells: test_dataset_shapes (1), test_layer_sizes (1), test_initialize_parameters (1),
test_forward_propagation (2), test_compute_cost (1), test_backward_propagation (3),
test_update_parameters (1), test_nn_model (2), test_predict (1): 13 points. A function's points
are split over the kinds of its table of cases by their explicit weights
(utils/public_tests/week3_planar_classification.py TABLE), then equally over the parts checked:
dataset_shapes main 2, m1 1; layer_sizes main 1, rows 1; initialize_parameters main 3 (shapes,
biases, spread), outputs 1, twice 1; forward_propagation main 3 (A2, Z, A), m1 1; compute_cost
main 1, m1 1; backward_propagation main 5 (dW1, db1, dW2, db2, numerical), m1 1;
update_parameters main 1, default 1; nn_model main 2 (shapes, values); predict main 1, m1 1.
A wrong function also costs the functions that call it: nn_model calls all the others
(compute_cost only to print the cost, so a wrong cost costs nothing there); predict calls
forward_propagation. Scores marked "(weights)" changed when the table of cases came (issue 9);
the old number is given.
"""
from grader.samples.build import ROOT, Variant, with_reference

A = "week3_planar_classification"
IDS = ["test_dataset_shapes", "test_layer_sizes", "test_initialize_parameters",
       "test_forward_propagation", "test_compute_cost", "test_backward_propagation",
       "test_update_parameters", "test_nn_model", "test_predict"]
FULL = dict(zip(IDS, [1, 1, 1, 2, 1, 3, 1, 2, 1]))
ZERO = dict.fromkeys(IDS, 0)


def scores(**changes):
    return {**FULL, **{f"test_{k}": v for k, v in changes.items()}}


def ref(**changes):
    return with_reference(A, **changes)


# --- correct but different: full marks ---------------------------------------------------

# one example at a time (np.dot, np.power): the same file the alternatives check
BACKWARD_LOOPS = (ROOT / "grader" / "alternatives" / A /
                  "backward_propagation_loop_over_examples.py").read_text()

FORWARD_DOT = '''def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = (np.exp(Z1) - np.exp(-Z1)) / (np.exp(Z1) + np.exp(-Z1))    # tanh written out
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
'''

PREDICT_LOOP = '''def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = np.zeros(A2.shape)
    for i in range(A2.shape[1]):
        if A2[0, i] > 0.5:
            predictions[0, i] = 1
    return predictions
'''

LAYER_SIZES_LIST = '''def layer_sizes(X, Y):
    n_x, m = X.shape
    n_y, _ = Y.shape
    return [n_x, 4, n_y]
'''

FORWARD_HELPER_PRINTS = '''def _layer(W, b, A_prev, activation):
    """A helper the student added: one layer's forward step."""
    Z = W @ A_prev + b
    return Z, activation(Z)

def forward_propagation(X, parameters):
    Z1, A1 = _layer(parameters["W1"], parameters["b1"], X, np.tanh)
    Z2, A2 = _layer(parameters["W2"], parameters["b2"], A1, sigmoid)
    return A2, dict(Z1=Z1, A1=A1, Z2=Z2, A2=A2)
'''

COST_FLOAT32 = '''def compute_cost(A2, Y):
    m = Y.shape[1]
    A2, Y = A2.astype(np.float32), Y.astype(np.float32)
    cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return cost    # a numpy float32 scalar, in single precision
'''

UPDATE_IN_PLACE = '''import copy

def update_parameters(parameters, grads, learning_rate=1.2):
    parameters = copy.deepcopy(parameters)
    for name in ["W1", "b1", "W2", "b2"]:
        parameters[name] -= learning_rate * grads["d" + name]
    return parameters
'''

PREDICT_BOOL = '''def predict(parameters, X):
    print("predicting", X.shape[1], "examples")
    A2, _ = forward_propagation(X, parameters)
    return A2 > 0.5    # booleans are fine
'''

# --- typical mistakes ------------------------------------------------------------------------

SHAPES_M_ROWS = "def dataset_shapes(X, Y):\n    return X.shape, Y.shape, X.shape[0]\n"
# reads the notebook's own X and Y (the flower) instead of its arguments: right on the flower,
# wrong on every input of the judge, whose sizes the notebook never uses
SHAPES_GLOBALS = ("def dataset_shapes(X_train, Y_train):\n"
                  "    return X.shape, Y.shape, X.shape[1]\n")

LAYER_SIZES_TEMPLATE = "def layer_sizes(X, Y):\n    return ({n_x}, 4, {n_y})\n"
LAYER_SIZES_COLUMNS = LAYER_SIZES_TEMPLATE.format(n_x="X.shape[1]", n_y="Y.shape[0]")
LAYER_SIZES_NY_ONE = LAYER_SIZES_TEMPLATE.format(n_x="X.shape[0]", n_y="1")
LAYER_SIZES_NY_COLUMNS = LAYER_SIZES_TEMPLATE.format(n_x="X.shape[0]", n_y="Y.shape[1]")

INIT_TEMPLATE = '''def initialize_parameters(n_x, n_h, n_y):
    {seed}W1 = {draw}(n_h, n_x){scale}
    b1 = np.zeros((n_h, 1))
    W2 = {draw}(n_y, n_h){scale}
    b2 = np.zeros((n_y, 1))
    return {{"W1": W1, "b1": b1, "W2": W2, "b2": b2}}
'''
IGOOD = dict(seed="", draw="np.random.randn", scale=" * 0.01")
INIT_ZEROS = INIT_TEMPLATE.format(**{**IGOOD, "draw": "np.zeros", "scale": ""}).replace(
    "(n_h, n_x)", "((n_h, n_x))").replace("(n_y, n_h)", "((n_y, n_h))")
INIT_SEEDED = INIT_TEMPLATE.format(**{**IGOOD, "seed": "np.random.seed(2)\n    "})
INIT_UNIFORM = INIT_TEMPLATE.format(**{**IGOOD, "draw": "np.random.rand"})
INIT_NO_SCALE = INIT_TEMPLATE.format(**{**IGOOD, "scale": ""})

FORWARD_TEMPLATE = '''def forward_propagation(X, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = {hidden}
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = sigmoid(Z2)
    cache = {cache}
    return A2, cache
'''
FGOOD = dict(hidden="np.tanh(Z1)", cache='{"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}')
FORWARD_RELU = FORWARD_TEMPLATE.format(**{**FGOOD, "hidden": "np.maximum(0, Z1)"})
FORWARD_SIGMOID = FORWARD_TEMPLATE.format(**{**FGOOD, "hidden": "sigmoid(Z1)"})
FORWARD_SHORT_CACHE = FORWARD_TEMPLATE.format(**{**FGOOD, "cache": '{"A1": A1, "A2": A2}'})

COST_TEMPLATE = "def compute_cost(A2, Y):\n    m = Y.shape[1]\n    cost = {cost}\n    return cost\n"
COST_NO_MEAN = COST_TEMPLATE.format(cost="float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))")
COST_SIGN = COST_TEMPLATE.format(cost="float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)")
COST_DOT = COST_TEMPLATE.format(cost="-(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m")

BACKWARD_TEMPLATE = '''def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = {dZ2}
    dW2 = {per_m}np.dot(dZ2, A1.T)
    db2 = {per_m}np.sum(dZ2, axis=1{keep})
    dZ1 = np.dot(parameters["W2"].T, dZ2) * {slope}
    dW1 = {per_m}np.dot(dZ1, X.T)
    db1 = {per_m}np.sum(dZ1, axis=1{keep})
    return {{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}}
'''
BGOOD = dict(dZ2="A2 - Y", per_m="1 / m * ", keep=", keepdims=True", slope="(1 - np.power(A1, 2))")
BACKWARD_TANH_Z = BACKWARD_TEMPLATE.format(**{**BGOOD, "slope": "(1 - cache['Z1'] ** 2)"})
BACKWARD_SIGMOID_SLOPE = BACKWARD_TEMPLATE.format(**{**BGOOD, "slope": "A1 * (1 - A1)"})
BACKWARD_NO_MEAN = BACKWARD_TEMPLATE.format(**{**BGOOD, "per_m": ""})
BACKWARD_NO_KEEPDIMS = BACKWARD_TEMPLATE.format(**{**BGOOD, "keep": ""})
BACKWARD_SIGN = BACKWARD_TEMPLATE.format(**{**BGOOD, "dZ2": "Y - A2"})

UPDATE_TEMPLATE = '''def update_parameters(parameters, grads, learning_rate=1.2):
    new = {{}}
    for name in {names}:
        new[name] = parameters[name] {op} {rate} * grads["d" + name]
    for name in ["W1", "b1", "W2", "b2"]:
        new.setdefault(name, parameters[name])
    return new
'''
UGOOD = dict(names='["W1", "b1", "W2", "b2"]', op="-", rate="learning_rate")
UPDATE_PLUS = UPDATE_TEMPLATE.format(**{**UGOOD, "op": "+"})
UPDATE_FIXED_RATE = UPDATE_TEMPLATE.format(**{**UGOOD, "rate": "1.2"})
UPDATE_WEIGHTS_ONLY = UPDATE_TEMPLATE.format(**{**UGOOD, "names": '["W1", "W2"]'})

NN_MODEL_TEMPLATE = '''def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    {seed}n_x, n_h_default, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, {n_h}, n_y)
    for i in range({iters}):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {{i}}: {{cost:.6f}}")
    return parameters
'''
NGOOD = dict(seed="np.random.seed(3)\n    ", n_h="n_h", iters="num_iterations")
NN_MODEL_NO_SEED = NN_MODEL_TEMPLATE.format(**{**NGOOD, "seed": ""})
NN_MODEL_FIXED_NH = NN_MODEL_TEMPLATE.format(**{**NGOOD, "n_h": "n_h_default"})
NN_MODEL_FIXED_ITERS = NN_MODEL_TEMPLATE.format(**{**NGOOD, "iters": "10000"})

PREDICT_TEMPLATE = "def predict(parameters, X):\n    A2, cache = forward_propagation(X, parameters)\n    return {ret}\n"
PREDICT_PROBS = PREDICT_TEMPLATE.format(ret="A2")
PREDICT_INVERTED = PREDICT_TEMPLATE.format(ret="(A2 < 0.5).astype(float)")
PREDICT_FLAT = PREDICT_TEMPLATE.format(ret="(A2 > 0.5).astype(float).ravel()")

# Mistakes in functions that nothing else depends on for its score (compute_cost only prints in
# nn_model; predict is called by no one; the cache keys Z1, Z2 and a non-default learning rate
# are unused by nn_model; n_y = 1 is right for every nn_model case) share a submission with
# another mistake, to keep the batch short. Each still has its own exact score and hint.

VARIANTS = {
    "untouched": Variant(scores=ZERO),
    "reference": Variant(cells=ref(), scores=FULL),
    "loops_and_dot": Variant(cells=ref(backward_propagation=BACKWARD_LOOPS,
                                       forward_propagation=FORWARD_DOT, predict=PREDICT_LOOP,
                                       layer_sizes=LAYER_SIZES_LIST), scores=FULL),
    "helpers_prints_float32": Variant(cells=ref(forward_propagation=FORWARD_HELPER_PRINTS,
                                                compute_cost=COST_FLOAT32,
                                                update_parameters=UPDATE_IN_PLACE,
                                                predict=PREDICT_BOOL), scores=FULL),
    # layer_sizes (a third mistake, n_y = 1, is in ny_one_and_fixed_iterations)
    "layer_sizes_columns": Variant(cells=ref(layer_sizes=LAYER_SIZES_COLUMNS,
                                             shapes=SHAPES_M_ROWS),
                                   hints={"test_layer_sizes": "number of rows of X",
                                          "test_dataset_shapes": "not its number of rows"},
                                   scores=scores(dataset_shapes=0, layer_sizes=0, nn_model=0)),
    "shapes_notebook_globals": Variant(cells=ref(shapes=SHAPES_GLOBALS),
                                       hints={"test_dataset_shapes": "is not the shape of X"},
                                       scores=scores(dataset_shapes=0)),
    "layer_sizes_ny_columns": Variant(cells=ref(layer_sizes=LAYER_SIZES_NY_COLUMNS),
                                      hints={"test_layer_sizes": "each column of Y is one example"},
                                      scores=scores(layer_sizes=0, nn_model=0)),
    # initialize_parameters
    "init_zeros": Variant(cells=ref(initialize_parameters=INIT_ZEROS),
                          hints={"test_initialize_parameters": "symmetry"},
                          # (weights) shapes, zero biases and the n_y > 1 kind pass: 3 of 5
                          # (was 0.5, 2 of 4)
                          scores=scores(initialize_parameters=0.6, nn_model=1)),
    "init_seeded_inside": Variant(cells=ref(initialize_parameters=INIT_SEEDED),
                                  hints={"test_initialize_parameters": "do not call np.random.seed"},
                                  # (weights) one check of 5 fails, not one of 4 (was 0.75)
                             scores=scores(initialize_parameters=0.8, nn_model=1)),
    "init_uniform": Variant(cells=ref(initialize_parameters=INIT_UNIFORM),
                            hints={"test_initialize_parameters": "np.random.rand is uniform"},
                            # (weights) one check of 5 fails, not one of 4 (was 0.75)
                            scores=scores(initialize_parameters=0.8, nn_model=1)),
    "init_no_scale": Variant(cells=ref(initialize_parameters=INIT_NO_SCALE),
                             hints={"test_initialize_parameters": "multiply the standard normal"},
                             # (weights) one check of 5 fails, not one of 4 (was 0.75)
                             scores=scores(initialize_parameters=0.8, nn_model=1)),
    # forward_propagation (the short cache is in short_cache_and_fixed_rate)
    "forward_relu": Variant(cells=ref(forward_propagation=FORWARD_RELU),
                            hints={"test_forward_propagation": "not relu",
                                   "test_nn_model": "fix that first"},
                            # (weights) predict's fresh m = 1 draw is now one whose label
                            # relu changes: both kinds fail (was 0.5, the old single example
                            # kept its label)
                            scores=scores(forward_propagation=0, nn_model=1, predict=0)),
    "forward_sigmoid_hidden": Variant(cells=ref(forward_propagation=FORWARD_SIGMOID),
                                      # (weights) predict's inputs are of other sizes now: its
                                      # labels are no longer all 0, the verdict points to the
                                      # failing forward_propagation
                                      hints={"test_forward_propagation": "not the sigmoid",
                                             "test_predict": "fix that first"},
                                      scores=scores(forward_propagation=0, nn_model=1, predict=0.5),
                                      note="the single example of predict's m = 1 case keeps "
                                           "its label"),
    # compute_cost and predict, in pairs
    "cost_no_mean_predict_probabilities": Variant(
        cells=ref(compute_cost=COST_NO_MEAN, predict=PREDICT_PROBS),
        hints={"test_compute_cost": "did you divide by m?", "test_predict": "not the probabilities"},
        scores=scores(compute_cost=0.5, predict=0)),
    "cost_sign_predict_inverted": Variant(
        cells=ref(compute_cost=COST_SIGN, predict=PREDICT_INVERTED),
        hints={"test_compute_cost": "wrong sign", "test_predict": "inverted"},
        scores=scores(compute_cost=0, predict=0)),
    "cost_dot_array_predict_flat": Variant(
        cells=ref(compute_cost=COST_DOT, predict=PREDICT_FLAT),
        hints={"test_compute_cost": "np.squeeze", "test_predict": "keep the column shape"},
        scores=scores(compute_cost=0, predict=0)),
    # backward_propagation
    "backward_tanh_of_z": Variant(cells=ref(backward_propagation=BACKWARD_TANH_Z),
                                  hints={"test_backward_propagation": "not 1 - Z1**2"},
                                  scores=scores(backward_propagation=1, nn_model=1)),
    "backward_sigmoid_slope": Variant(cells=ref(backward_propagation=BACKWARD_SIGMOID_SLOPE),
                                      hints={"test_backward_propagation": "slope of the sigmoid"},
                                      scores=scores(backward_propagation=1, nn_model=1)),
    "backward_no_mean": Variant(cells=ref(backward_propagation=BACKWARD_NO_MEAN),
                                hints={"test_backward_propagation": "did you divide by m?"},
                                scores=scores(backward_propagation=0.5, nn_model=1)),
    "backward_no_keepdims": Variant(cells=ref(backward_propagation=BACKWARD_NO_KEEPDIMS),
                                    hints={"test_backward_propagation": "keepdims"},
                                    scores=scores(backward_propagation=1, nn_model=0)),
    "backward_sign": Variant(cells=ref(backward_propagation=BACKWARD_SIGN),
                             hints={"test_backward_propagation": "not Y - A2"},
                             scores=scores(backward_propagation=0, nn_model=1)),
    # update_parameters
    "update_plus": Variant(cells=ref(update_parameters=UPDATE_PLUS),
                           hints={"test_update_parameters": "against the gradient"},
                           scores=scores(update_parameters=0, nn_model=1)),
    "update_weights_only": Variant(cells=ref(update_parameters=UPDATE_WEIGHTS_ONLY),
                                   hints={"test_update_parameters": "update the biases too"},
                                   scores=scores(update_parameters=0, nn_model=1)),
    "short_cache_and_fixed_rate": Variant(
        cells=ref(forward_propagation=FORWARD_SHORT_CACHE, update_parameters=UPDATE_FIXED_RATE),
        hints={"test_forward_propagation": "missing the key(s) ['Z1']",
               "test_update_parameters": "not a fixed 1.2"},
        scores=scores(forward_propagation=1, update_parameters=0.5)),
    # nn_model
    "nn_model_no_seed": Variant(cells=ref(nn_model=NN_MODEL_NO_SEED),
                                scores=scores(nn_model=1)),
    "nn_model_fixed_n_h": Variant(cells=ref(nn_model=NN_MODEL_FIXED_NH),
                                  hints={"test_nn_model": "use the argument n_h"},
                                  scores=scores(nn_model=0)),
    "ny_one_and_fixed_iterations": Variant(
        cells=ref(layer_sizes=LAYER_SIZES_NY_ONE, nn_model=NN_MODEL_FIXED_ITERS),
        hints={"test_layer_sizes": "not always 1"},
        scores=scores(layer_sizes=0.5, nn_model=1)),
}

# The few students `make demo` would grade for this assignment.
DEMO = ["reference", "loops_and_dot", "backward_tanh_of_z", "init_zeros", "untouched"]
