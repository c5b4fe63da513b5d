"""The numerical-gradient oracle the hidden checks of backward functions rely on."""
import numpy as np
import pytest

from grader.gradcheck import check_against_numerical, numerical_gradient
from utils.checks import CheckError


def quadratic_problem(rng):
    """J(W) = 0.5 * sum((W X)^2) / m, whose gradient is (W X) X^T / m."""
    W, X = rng.normal(size=(3, 4)), rng.normal(size=(4, 5))
    return W, X, lambda: 0.5 * float(np.sum((W @ X) ** 2)) / X.shape[1]


def test_a_correct_gradient_passes_even_with_tiny_entries():
    rng = np.random.default_rng(0)
    W, X, J = quadratic_problem(rng)
    X[:, 0] *= 1e-7                     # some entries of the gradient become tiny
    W[0] *= 1e-6
    exact = (W @ X) @ X.T / X.shape[1]
    check_against_numerical(exact, numerical_gradient(J, W), "dW", tol=1e-5)


@pytest.mark.parametrize("mistake,scale", [("1/m forgotten", 5.0), ("sign", -1.0),
                                           ("half", 0.5)])
def test_a_wrong_gradient_fails_with_the_hint(mistake, scale):
    rng = np.random.default_rng(1)
    W, X, J = quadratic_problem(rng)
    wrong = scale * (W @ X) @ X.T / X.shape[1]
    with pytest.raises(CheckError, match=mistake):
        check_against_numerical(wrong, numerical_gradient(J, W), "dW", hint=mistake)


def test_one_wrong_entry_among_many_is_caught():
    rng = np.random.default_rng(2)
    W, X, J = quadratic_problem(rng)
    almost = (W @ X) @ X.T / X.shape[1]
    almost[2, 3] += 0.01 * np.max(np.abs(almost))
    with pytest.raises(CheckError, match="numerical gradient"):
        check_against_numerical(almost, numerical_gradient(J, W), "dW")


def test_a_flat_bias_gradient_is_told_to_keep_its_shape():
    with pytest.raises(CheckError, match=r"shape \(3,\), expected \(3, 1\)"):
        check_against_numerical(np.zeros(3), np.zeros((3, 1)), "db")


@pytest.mark.parametrize("factor,words", [(3.0, "3 times too large"), (1 / 3, "3 times too small"),
                                          (-1.0, "wrong sign"), (2.0, "the formula")])
def test_scale_hint_names_the_mistake(factor, words):
    from utils.checks import scale_hint
    expected = np.array([[0.5], [-1.25]])
    assert words in scale_hint(factor * expected, expected, 3, "the formula")
