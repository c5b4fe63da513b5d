"""Small two-dimensional data sets for week 3 ("Planar data classification with one hidden layer").

Every data set is generated here with numpy, so nothing is downloaded. Arrays follow the
course: X is (2, m) with one point per column, Y is (1, m) with labels 0 or 1.

    from utils.planar import load_planar_dataset, load_extra_datasets
"""
import numpy as np

EXTRA_DATASETS = ("noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles", "no_structure")


def load_planar_dataset(seed=1):
    """The "flower": two classes of 200 points each, wound around each other in eight petals.

    Point i of class j has an angle t near j * 3.12 ... (j + 1) * 3.12 and a radius
    r = 4 sin(4 t) (plus noise), and sits at (r sin t, r cos t).

    Arguments:
    seed -- seed of numpy's global random generator (the course's figures use 1)
    Returns:
    X -- coordinates, shape (2, 400): class 0 in columns 0-199, class 1 in columns 200-399
    Y -- labels (0 or 1, dtype uint8), shape (1, 400)
    """
    # The course seeds numpy's *global* generator here, and its published figures and
    # accuracies depend on that exact stream of numbers: keep np.random.seed and the order
    # of the draws (angle noise before radius noise, class 0 before class 1).
    np.random.seed(seed)
    m, n_per_class, dim = 400, 200, 2
    X = np.zeros((m, dim))                      # one point per row while we build it
    Y = np.zeros((m, 1), dtype="uint8")
    for j in range(2):
        ix = range(n_per_class * j, n_per_class * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n_per_class) + np.random.randn(n_per_class) * 0.2
        r = 4 * np.sin(4 * t) + np.random.randn(n_per_class) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T                             # (2, m), (1, m)


def _balanced_labels(m):
    """Labels (m,) with m // 2 zeros followed by ones."""
    return (np.arange(m) >= m // 2).astype("uint8")


def _noisy_circles(rng, m, factor=0.5, noise=0.08):
    """Class 0 on the unit circle, class 1 on a circle of radius `factor`, with noise."""
    y = _balanced_labels(m)
    angle = rng.uniform(0, 2 * np.pi, m)
    radius = np.where(y == 0, 1.0, factor)
    X = np.stack([radius * np.cos(angle), radius * np.sin(angle)])     # (2, m)
    return X + rng.normal(0, noise, (2, m)), y


def _noisy_moons(rng, m, noise=0.2):
    """Two interleaved half circles: class 0 the upper one, class 1 the lower, shifted one."""
    y = _balanced_labels(m)
    angle = rng.uniform(0, np.pi, m)
    upper = np.stack([np.cos(angle), np.sin(angle)])                   # (2, m)
    lower = np.stack([1 - np.cos(angle), 0.5 - np.sin(angle)])
    X = np.where(y == 0, upper, lower)
    return X + rng.normal(0, noise, (2, m)), y


def _blobs(rng, m, n_blobs=6, spread=1.0):
    """Six round clouds with random centres; the classes alternate from one cloud to the next."""
    centres = rng.uniform(-8, 8, (2, n_blobs))
    blob = np.arange(m) % n_blobs                                      # which cloud
    X = centres[:, blob] + rng.normal(0, spread, (2, m))
    return X, (blob % 2).astype("uint8")


def _gaussian_quantiles(rng, m):
    """A round Gaussian cloud: class 0 is the inner half of the points, class 1 the outer half."""
    X = rng.normal(0, 1, (2, m))
    dist = np.sum(X ** 2, axis=0)
    y = (dist > np.median(dist)).astype("uint8")
    return X, y


def _no_structure(rng, m):
    """Points spread evenly over a square with labels shuffled at random: nothing to learn."""
    X = rng.uniform(-1, 1, (2, m))
    return X, rng.permutation(_balanced_labels(m))


def load_extra_datasets(seed=0, m=200):
    """More planar data sets to try the network on.

    Arguments:
    seed -- seed of a local random generator (the global one is left alone)
    m -- number of points in each data set (even)
    Returns:
    datasets -- dict name -> (X, Y), X of shape (2, m), Y of labels 0/1 (uint8), shape (1, m),
                for the names in EXTRA_DATASETS
    """
    rng = np.random.default_rng(seed)
    makers = {"noisy_circles": _noisy_circles, "noisy_moons": _noisy_moons, "blobs": _blobs,
              "gaussian_quantiles": _gaussian_quantiles, "no_structure": _no_structure}
    datasets = {}
    for name in EXTRA_DATASETS:
        X, y = makers[name](rng, m)
        datasets[name] = (X, y.reshape(1, m))
    return datasets
