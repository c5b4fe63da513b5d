"""The template's deepcopy, then -= on the copy's arrays (the caller's dict is untouched)."""
import copy


def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    for name in parameters:
        parameters[name] -= learning_rate * grads["d" + name]
    return parameters
