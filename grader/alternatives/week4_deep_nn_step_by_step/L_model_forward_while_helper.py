"""A while loop and a helper of the student's own for the layer keys."""


def _layer(parameters, l):
    return parameters["W%d" % l], parameters["b%d" % l]


def L_model_forward(X, parameters):
    L, l, A, caches = len(parameters) // 2, 1, X, []
    while l < L:
        A, cache = linear_activation_forward(A, *_layer(parameters, l), activation="relu")  # noqa: F821
        caches.append(cache)
        l += 1
    AL, cache = linear_activation_forward(A, *_layer(parameters, L), activation="sigmoid")  # noqa: F821
    return AL, caches + [cache]
