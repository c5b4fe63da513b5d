"""Hidden checks for the week 4 application: two_layer_model and L_layer_model. Run only by the
judge (grader/judge.py).

Both models train on small problems the judge picks (X of 5 or 6 features, 1 to 10 examples,
110 to 299 iterations): each call takes a few hundredths of a second. The blocks they call are
shipped with the notebook (dnn_blocks.py) and are the ones the reference uses, so a correct
model agrees with the reference to rounding. Five checks per model: what it returns, the keys and
shapes of `parameters`, their values, the recorded costs, and that print_cost=True changes
nothing but the printing. The np.random.seed(1) the course puts first in each model is
harmless but not checked: the initializers seed themselves, so leaving it out changes nothing.
"""
import numpy as np

from grader.judge import Case, checks
from grader.reference import week4_deep_nn_application as ref
from utils.checks import CheckError, check_array, check_tuple, hint_for
from utils.plaindata import MAX_ITEMS

blocks = ref.blocks
MODELS = {"two_layer_model": ref.two_layer_model, "L_layer_model": ref.L_layer_model}


def _problem(rng, n_x, m):
    X = rng.normal(0, 1, (n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    return X, Y


def _model_cases(rng, shapes):
    """One main case per (n_x, m, layers_dims, iterations) and a print_cost twin of the first."""
    out = []
    for n_x, m, dims, iters in shapes:
        X, Y = _problem(rng, n_x, m)
        lr = round(float(rng.uniform(0.02, 0.1)), 4)
        kwargs = {"learning_rate": lr, "num_iterations": iters}
        label = (f"X of shape ({n_x}, {m}), layers_dims={list(dims)}, {iters} iterations, "
                 f"learning_rate={lr}")
        out.append(Case((X, Y, dims), kwargs, label=label,
                        tags=frozenset({"main", "twin"} if not out else {"main"})))
    first = out[0]
    out.append(Case(first.args, {**first.kwargs, "print_cost": True},
                    label=first.label + ", print_cost=True", tags=frozenset({"print"})))
    return out


def cases(rng):
    """{function: [Case]}: two problems per model and a print_cost=True call.

    Non-square X everywhere, one example (m = 1) for the two-layer model, 4 and 3 layers for
    the L-layer model (with 3, a call of initialize_parameters runs, and gets its hint).
    Iteration counts avoid 100 k + 1, so that also recording the last iteration shows up.
    """
    it1, it2 = int(rng.integers(110, 200)), int(rng.integers(210, 300))
    return {
        "two_layer_model": _model_cases(rng, [(6, 10, (6, 4, 1), it2), (5, 1, (5, 3, 1), it1)]),
        "L_layer_model": _model_cases(rng, [(6, 10, [6, 5, 3, 1], it1), (5, 8, [5, 4, 1], it2)]),
    }


# --- known mistakes, computed once per case --------------------------------------------------

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
NO_UPDATE = ("the parameters never changed: keep what update_parameters returns, "
             "parameters = update_parameters(parameters, grads, learning_rate)")
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
    if id(case) not in _expected:
        X, Y, dims = case.args
        kwargs = {k: v for k, v in case.kwargs.items() if k != "print_cost"}
        _expected[id(case)] = MODELS[name](X, Y, dims, **kwargs)
    return _expected[id(case)]


def _expect(found, expected, name, alternatives, rtol=1e-5):
    """utils.checks.expect for arrays, where a known mistake may also be nan or inf.

    Gradient ascent (a + in the update) drives the cost to infinity within a few hundred
    iterations, so its parameters end up nan; matching those needs equal_nan.
    `alternatives` is a function returning [(hint, wrong value)], called only on failure.
    """
    def why():
        if not isinstance(found, np.ndarray):
            return None
        alts = alternatives()
        for text, wrong in alts:
            wrong = np.asarray(wrong, dtype=float)
            if (found.shape == wrong.shape and np.issubdtype(found.dtype, np.number)
                    and np.allclose(found, wrong, rtol=1e-4, atol=1e-9, equal_nan=True)):
                return text
        return hint_for(found, expected, alts)
    check_array(found, expected, name, rtol=rtol, hint=why, reveal=False)


# --- what the model returned -----------------------------------------------------------------

def _costs_array(costs, call):
    """costs as a 1-d float array, or a CheckError saying what it is instead."""
    if isinstance(costs, (list, tuple)) or (isinstance(costs, np.ndarray) and costs.ndim <= 1):
        try:
            arr = np.array([float(np.squeeze(c)) for c in costs])
            return arr
        except (TypeError, ValueError):
            pass
    raise CheckError(f"{call}: costs is a {type(costs).__name__}, expected a list of numbers "
                     "(append each recorded cost, a float, to the list costs)")


def _parts(name, case, out):
    """(parameters dict, costs 1-d array) of one call, or a CheckError."""
    call = f"{name}({case.label})"
    parameters, costs = check_tuple(out, 2, call)
    if not isinstance(parameters, dict):
        raise CheckError(f"{call} returned a {type(parameters).__name__} as parameters, expected "
                         "a dict: return parameters, costs (in that order)")
    return parameters, _costs_array(costs, call)


def _check_keys_and_shapes(parameters, expected, call):
    missing = [k for k in expected if k not in parameters]
    extra = sorted(str(k) for k in parameters if k not in expected)
    if missing or extra:
        raise CheckError(f"{call}: parameters has keys {sorted(map(str, parameters))}, expected "
                         f"{list(expected)}: return the dict of weights and biases that "
                         "update_parameters returned")
    for k, value in expected.items():
        shape = getattr(parameters[k], "shape", None)
        if not isinstance(parameters[k], np.ndarray) or shape != value.shape:
            found = shape if shape is not None else type(parameters[k]).__name__
            raise CheckError(f"{call}: parameters['{k}'] is {found}, expected shape "
                             f"{value.shape}: W[l] is (n[l], n[l-1]) and b[l] is (n[l], 1)")


def _length_hint(n, expected, iters):
    if n == iters or n == MAX_ITEMS < iters:     # longer lists are cut at MAX_ITEMS when saved
        return "you recorded the cost at every iteration: record it only when i % 100 == 0"
    if n == len(range(0, iters, 1000)):
        return "you recorded the cost every 1000 iterations: record it when i % 100 == 0"
    if n == expected + 1:
        return ("one entry too many: record the cost only when i % 100 == 0 (with print_cost "
                "the last iteration is also printed, but not recorded)")
    if n == 30:
        return "30 entries is what 3000 iterations give: use the argument num_iterations"
    return "record the cost when i % 100 == 0, that is at i = 0, 100, 200, ..."


# --- the checks, shared by both models ---------------------------------------------------------

def _check_returns(sub, name):
    for case, out in sub.results(name, tag="main"):
        _parts(name, case, out)


def _check_shapes(sub, name):
    for case, out in sub.results(name, tag="main"):
        parameters, _ = _parts(name, case, out)
        _check_keys_and_shapes(parameters, _reference(name, case)[0], f"{name}({case.label})")


def _check_values(sub, name):
    for case, out in sub.results(name, tag="main"):
        parameters, _ = _parts(name, case, out)
        expected = _reference(name, case)[0]
        _check_keys_and_shapes(parameters, expected, f"{name}({case.label})")
        for k in expected:
            _expect(parameters[k], expected[k], f"parameters['{k}'] after {case.label}",
                    lambda: [(hint, wrong[0][k]) for hint, wrong in _mistakes_of(name, case)])


def _check_costs(sub, name):
    for case, out in sub.results(name, tag="main"):
        _, costs = _parts(name, case, out)
        expected = np.array(_reference(name, case)[1])
        iters = case.kwargs["num_iterations"]
        if costs.size != expected.size:
            found = f"{costs.size}" if costs.size < MAX_ITEMS else f"{costs.size} or more"
            raise CheckError(f"costs for {case.label} has {found} entries, expected "
                             f"{expected.size}: {_length_hint(costs.size, expected.size, iters)}")
        _expect(costs, expected, f"costs for {case.label}",
                lambda: [(hint, np.array(wrong[1])) for hint, wrong in _mistakes_of(name, case)])


def _same(a, b):
    """True if a and b are numeric arrays of one shape with equal entries (nan equal to nan)."""
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-9, atol=0, equal_nan=True))


def _check_print_cost(sub, name):
    (twin, plain), = sub.results(name, tag="twin")
    (case, printed), = sub.results(name, tag="print")
    p_params, p_costs = _parts(name, case, printed)
    params, costs = _parts(name, twin, plain)
    same = (sorted(map(str, p_params)) == sorted(map(str, params))
            and _same(p_costs, costs) and all(_same(p_params[k], params[k]) for k in params))
    if not same:
        raise CheckError(f"{name}({case.label}) returned other parameters or costs than the same "
                         "call without print_cost: print_cost may only decide whether to print")


# --- two_layer_model -----------------------------------------------------------------------------

@checks("two_layer_model")
def test_two_layer_model_returns(sub):
    _check_returns(sub, "two_layer_model")


@checks("two_layer_model")
def test_two_layer_model_parameter_shapes(sub):
    _check_shapes(sub, "two_layer_model")


@checks("two_layer_model")
def test_two_layer_model_parameter_values(sub):
    _check_values(sub, "two_layer_model")


@checks("two_layer_model")
def test_two_layer_model_costs(sub):
    _check_costs(sub, "two_layer_model")


@checks("two_layer_model")
def test_two_layer_model_print_cost(sub):
    _check_print_cost(sub, "two_layer_model")


# --- L_layer_model -------------------------------------------------------------------------------

@checks("L_layer_model")
def test_L_layer_model_returns(sub):
    _check_returns(sub, "L_layer_model")


@checks("L_layer_model")
def test_L_layer_model_parameter_shapes(sub):
    _check_shapes(sub, "L_layer_model")


@checks("L_layer_model")
def test_L_layer_model_parameter_values(sub):
    _check_values(sub, "L_layer_model")


@checks("L_layer_model")
def test_L_layer_model_costs(sub):
    _check_costs(sub, "L_layer_model")


@checks("L_layer_model")
def test_L_layer_model_print_cost(sub):
    _check_print_cost(sub, "L_layer_model")
