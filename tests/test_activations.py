"""utils.activations: forward values and caches, and backward steps against numerical
derivatives (grader.gradcheck), the same oracle the judge uses for backward functions."""
import numpy as np
import pytest

from grader.gradcheck import check_against_numerical, numerical_gradient
from utils.activations import relu, relu_backward, sigmoid, sigmoid_backward


def _away_from_kinks(rng, shape):
    """Z with no entry within 1e-3 of 0, where relu has no derivative."""
    Z = rng.normal(0, 2, shape)
    return np.where(np.abs(Z) < 1e-3, 0.5, Z)


def test_forward_values_and_cache():
    Z = np.array([[-2.0, 0.0, 3.0], [1.0, -0.5, 40.0]])
    A, cache = sigmoid(Z)
    assert cache is Z
    np.testing.assert_allclose(A, 1 / (1 + np.exp(-Z)), rtol=1e-12)
    A, cache = relu(Z)
    assert cache is Z
    np.testing.assert_array_equal(A, [[0.0, 0.0, 3.0], [1.0, 0.0, 40.0]])


def test_sigmoid_is_finite_at_extremes():
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # underflow is fine
        A, _ = sigmoid(np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0]))
        dZ = sigmoid_backward(np.ones(5), np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0]))
    assert A[0] == 0.0 and A[2] == 0.5 and A[-1] == 1.0
    assert np.all(np.isfinite(dZ)) and dZ[2] == 0.25


@pytest.mark.parametrize("shape", [(3, 5), (1, 1), (4, 1), (2, 3, 2)])
@pytest.mark.parametrize("pair", [(sigmoid, sigmoid_backward), (relu, relu_backward)],
                         ids=["sigmoid", "relu"])
def test_backward_matches_numerical_derivative(pair, shape):
    forward, backward = pair
    rng = np.random.default_rng(sum(shape))
    Z = _away_from_kinks(rng, shape)
    dA = rng.normal(0, 1, shape)
    _, cache = forward(Z)
    dZ = backward(dA, cache)
    # scalar J = sum(dA * A(Z)) has dJ/dZ = the backward step's dZ; relative error ~1e-9
    numerical = numerical_gradient(lambda: float(np.sum(dA * forward(Z)[0])), Z)
    check_against_numerical(dZ, numerical, f"{forward.__name__}_backward", tol=1e-6)


def test_relu_backward_uses_z_not_da():
    Z = np.array([[1.0, -1.0, 2.0, -3.0]])
    dA = np.array([[-2.0, 5.0, 0.5, -1.0]])  # dA > 0 and Z > 0 disagree on every entry but one
    np.testing.assert_array_equal(relu_backward(dA, Z), [[-2.0, 0.0, 0.5, 0.0]])
    assert relu_backward(np.ones((1, 1)), np.zeros((1, 1)))[0, 0] == 0.0  # slope 0 at Z = 0


def test_backward_keeps_float32():
    Z = np.linspace(-2, 2, 6, dtype=np.float32).reshape(2, 3)
    dA = np.ones_like(Z)
    assert relu_backward(dA, relu(Z)[1]).dtype == np.float32
    assert sigmoid_backward(dA, sigmoid(Z)[1]).dtype == np.float32
