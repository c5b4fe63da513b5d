"""A new dict from a comprehension (no deepcopy): the caller's dict is left as it was."""


def update_parameters(params, grads, learning_rate):
    return {k: v - learning_rate * grads["d" + k] for k, v in params.items()}
