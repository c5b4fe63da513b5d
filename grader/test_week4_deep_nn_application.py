"""Hidden checks for the week 4 application: two_layer_model and L_layer_model. Run only by the
judge (grader/judge.py).

The inputs are fresh draws of the kinds in the visible table
(`utils.public_tests.week4_deep_nn_application.TABLE`: a main problem, one example or another
depth, and a print_cost=True call), seeded per submission, of sizes the notebook never uses;
each (function, kind) is checked in two parts, the trained parameters and the recorded costs,
weighted as the table says (`grader.tables`). The blocks the models call are shipped with the
notebook (dnn_blocks.py) and are the ones the reference uses, so a correct model agrees with
the reference to rounding. The np.random.seed(1) the course puts first in each model is
harmless but not checked: the initializers seed themselves, so leaving it out changes nothing.
"""
import numpy as np

from grader.reference import week4_deep_nn_application as ref
from grader.tables import add_kind_checks, table_cases
from utils.checks import CheckError, check_array, check_tuple, hint_for
from utils.plaindata import MAX_ITEMS
from utils.public_tests.week4_deep_nn_application import PRINT, TABLE, costs_length_hint

blocks = ref.blocks
MODELS = {"two_layer_model": ref.two_layer_model, "L_layer_model": ref.L_layer_model}
cases = table_cases(TABLE)


# --- known mistakes, computed only when a check fails, once per case ---------------------------

def _train(X, Y, parameters, learning_rate, num_iterations):
    """The reference loop from given starting parameters: (parameters, costs at i % 100 == 0).
    The caller's dict is left as it was (update_parameters updates in place)."""
    parameters, costs = dict(parameters), []
    for i in range(num_iterations):
        AL, caches = blocks.L_model_forward(X, parameters)
        if i % 100 == 0:
            costs.append(blocks.compute_cost(AL, Y))
        grads = blocks.L_model_backward(AL, Y, caches)
        parameters = blocks.update_parameters(parameters, grads, learning_rate)
    return parameters, costs


PLUS = ("the parameters went up the gradient: update with W = W - learning_rate * dW (use "
        "update_parameters), and start backpropagation from dA = -(Y / A - (1 - Y) / (1 - A))")
FIXED_RATE = ("these are the values for learning_rate = 0.0075: use the argument learning_rate, "
              "not a fixed number")
NO_UPDATE = ("the parameters never changed: update them at every iteration, "
             "update_parameters(parameters, grads, learning_rate)")
DEEP_INIT = ("the two-layer model starts from initialize_parameters(n_x, n_h, n_y) (weights times "
             "0.01), not from initialize_parameters_deep")
SMALL_INIT = ("the L-layer model starts from initialize_parameters_deep(layers_dims) (weights "
              "divided by sqrt(n[l-1])), not from initialize_parameters")

_mistakes = {}


def _mistakes_of(name, case):
    """[(hint, (parameters, costs))] of the typical wrong versions of `name` on `case`."""
    if id(case) not in _mistakes:
        X, Y, dims = case.args
        lr, iters = case.kwargs["learning_rate"], case.kwargs["num_iterations"]
        model = MODELS[name]
        out = [(PLUS, model(X, Y, dims, learning_rate=-lr, num_iterations=iters)),
               (FIXED_RATE, model(X, Y, dims, learning_rate=0.0075, num_iterations=iters))]
        if name == "two_layer_model":
            start = blocks.initialize_parameters(*dims)
            out.append((DEEP_INIT, _train(X, Y, blocks.initialize_parameters_deep(list(dims)),
                                          lr, iters)))
        else:
            start = blocks.initialize_parameters_deep(dims)
            if len(dims) == 3:
                small = blocks.initialize_parameters(*dims)
                out.append((SMALL_INIT, _train(X, Y, small, lr, iters)))
        out.append((NO_UPDATE, (start, [blocks.compute_cost(blocks.L_model_forward(X, start)[0], Y)]
                                * len(range(0, iters, 100)))))
        _mistakes[id(case)] = out
    return _mistakes[id(case)]


_expected = {}


def _reference(name, case):
    """The reference's (parameters, costs) for `case` (print_cost changes nothing)."""
    if id(case) not in _expected:
        X, Y, dims = case.args
        kwargs = {k: v for k, v in case.kwargs.items() if k != "print_cost"}
        _expected[id(case)] = MODELS[name](X, Y, dims, **kwargs)
    return _expected[id(case)]


def _expect(found, expected, name, alternatives, default=None, rtol=1e-5):
    """utils.checks.expect for arrays, where a known mistake may also be nan or inf.

    Gradient ascent (a + in the update) drives the cost to infinity within a few hundred
    iterations, so its parameters end up nan; matching those needs equal_nan.
    `alternatives` is a function returning [(hint, wrong value)], called only on failure;
    `default` is the hint when none matches.
    """
    def why():
        if not isinstance(found, np.ndarray):
            return default
        alts = alternatives()
        for text, wrong in alts:
            wrong = np.asarray(wrong, dtype=float)
            if (found.shape == wrong.shape and np.issubdtype(found.dtype, np.number)
                    and np.allclose(found, wrong, rtol=1e-4, atol=1e-9, equal_nan=True)):
                return text
        return hint_for(found, expected, alts, default=default)
    check_array(found, expected, name, rtol=rtol, hint=why, reveal=False)


# --- what the model returned -----------------------------------------------------------------

def _costs_array(costs, call):
    """costs as a 1-d float array, or a CheckError saying what it is instead."""
    if isinstance(costs, (list, tuple)) or (isinstance(costs, np.ndarray) and costs.ndim <= 1):
        try:
            return np.array([float(np.squeeze(c)) for c in costs])
        except (TypeError, ValueError):
            pass
    raise CheckError(f"{call}: costs is a {type(costs).__name__}, expected a list of numbers "
                     "(append each recorded cost, a float, to the list costs)")


def _parts(name, case, out):
    """(parameters dict, costs 1-d array) of one call, or a CheckError."""
    call = f"{name}({case.label})"
    parameters, costs = check_tuple(out, 2, call, hint="return parameters, costs")
    if not isinstance(parameters, dict):
        raise CheckError(f"{call} returned a {type(parameters).__name__} as parameters, expected "
                         "a dict: return parameters, costs (in that order)")
    return parameters, _costs_array(costs, call)


def _check_keys_and_shapes(parameters, expected, call):
    missing = [k for k in expected if k not in parameters]
    extra = sorted(str(k) for k in parameters if k not in expected)
    if missing or extra:
        raise CheckError(f"{call}: parameters has keys {sorted(map(str, parameters))[:12]}, "
                         f"expected {list(expected)}: return the dict of weights and biases of "
                         "the trained network, one W and b per layer of layers_dims")
    for k, value in expected.items():
        shape = getattr(parameters[k], "shape", None)
        if not isinstance(parameters[k], np.ndarray) or shape != value.shape:
            found = shape if shape is not None else type(parameters[k]).__name__
            raise CheckError(f"{call}: parameters['{k}'] is {found}, expected shape "
                             f"{value.shape}: W[l] is (n[l], n[l-1]) and b[l] is (n[l], 1), "
                             "with the sizes taken from layers_dims")


# --- one check per (function, kind, part) ----------------------------------------------------------

def _default_hint(case):
    """The hint when no known mistake matches: print_cost's rule for the print kind."""
    return PRINT.replace("`", "") if case.kwargs.get("print_cost") else None


def check_model(name, case, out, part):
    """The trained parameters (keys, shapes, values) or the recorded costs of one call."""
    parameters, costs = _parts(name, case, out)
    exp_parameters, exp_costs = _reference(name, case)
    wrong = lambda: _mistakes_of(name, case)        # noqa: E731 (computed only on failure)
    if part == "parameters":
        _check_keys_and_shapes(parameters, exp_parameters, f"{name}({case.label})")
        for k in exp_parameters:
            _expect(parameters[k], exp_parameters[k], f"parameters['{k}'] after {case.label}",
                    lambda: [(hint, w[0][k]) for hint, w in wrong()], _default_hint(case))
        return
    exp_costs, iters = np.array(exp_costs), case.kwargs["num_iterations"]
    if costs.size != exp_costs.size:
        cut = costs.size == MAX_ITEMS < iters       # longer lists are cut at MAX_ITEMS when saved
        raise CheckError(f"costs for {case.label} has {costs.size}{' or more' if cut else ''} "
                         f"entries, expected {exp_costs.size}: "
                         f"{costs_length_hint(iters if cut else costs.size, iters)}")
    _expect(costs, exp_costs, f"costs for {case.label}",
            lambda: [(hint, np.array(w[1])) for hint, w in wrong()], _default_hint(case))


add_kind_checks(globals(), TABLE, {
    name: (lambda case, out, part, name=name: check_model(name, case, out, part),
           ["parameters", "costs"]) for name in MODELS})
