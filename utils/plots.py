"""Pictures of two-dimensional classifiers, introduced in week 3 ("Planar data classification").

    from utils.plots import plot_decision_boundary
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

CLASS_COLOURS = ListedColormap(["#d62728", "#1f77b4"])     # label 0 red, label 1 blue
REGION_COLOURS = ListedColormap(["#f4b6b6", "#b7d3ee"])    # the same, pale, for the regions


def _grid(X, resolution, margin=0.5):
    """Grid covering the points of X (2, m): xx, yy of shape (resolution, resolution)."""
    lo = X.min(axis=1) - margin
    hi = X.max(axis=1) + margin
    xs = np.linspace(lo[0], hi[0], resolution)
    ys = np.linspace(lo[1], hi[1], resolution)
    return np.meshgrid(xs, ys)


def plot_decision_boundary(predict_fn, X, Y, ax=None, title="Decision boundary", resolution=300):
    """Colours the plane by the class a classifier predicts, and draws the points on top.

    Arguments:
    predict_fn -- function taking points of shape (2, k) and returning labels 0/1 of shape
                  (1, k) (or (k,))
    X -- the points, shape (2, m)
    Y -- their true labels 0 or 1, shape (1, m): red for 0, blue for 1
    ax -- matplotlib axes to draw on (a new figure if None)
    title -- title of the plot
    resolution -- number of grid points along each axis
    Returns:
    ax -- the axes drawn on
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    xx, yy = _grid(X, resolution)
    grid = np.stack([xx.ravel(), yy.ravel()])                   # (2, resolution**2)
    Z = np.asarray(predict_fn(grid), dtype=float).reshape(xx.shape)
    ax.contourf(xx, yy, Z, levels=[-0.5, 0.5, 1.5], cmap=REGION_COLOURS)
    ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=CLASS_COLOURS, vmin=0, vmax=1, s=12,
               edgecolors="k", linewidths=0.3)
    ax.set_title(title)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax
