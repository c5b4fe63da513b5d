"""Diagrams of the course's models, drawn with matplotlib so they render offline.

Each `draw_*` function returns a Figure; the notebooks call one where its idea is introduced:

    from utils.diagrams import draw_neuron
    draw_neuron();

    python -m utils.diagrams docs/images      # writes every diagram as docs/images/<name>.png

Notation as in the notebooks: one example per column, X is (n_x, m), W[l] is (n[l], n[l-1]),
b[l] is (n[l], 1).
"""
import argparse
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyBboxPatch, Rectangle

COLOURS = {"LINEAR": "#9ecae1", "RELU": "#a1d99b", "TANH": "#a1d99b", "SIGMOID": "#fdae6b",
           "cache": "#eeeeee", "input": "#ffffff", "unit": "#f2f2f2"}
FORWARD, BACKWARD, CACHE = "black", "firebrick", "dimgrey"
CHANNELS = (("R", "#f4a6a6"), ("G", "#a6dba0"), ("B", "#a6c8f0"))


# ----------------------------------------------------------------------------- primitives
def _canvas(width, height, xlim, ylim, title):
    """A figure of width x height inches with one axes spanning xlim, ylim, no frame."""
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")      # a diagram: positions carry no values
    ax.set_title(title, fontsize=11)
    return fig, ax


def _box(ax, x, y, text, colour, half_width=0.5, half_height=0.27, fontsize=9):
    """A rounded box centred at (x, y) with text inside."""
    ax.add_patch(FancyBboxPatch((x - half_width, y - half_height), 2 * half_width,
                                2 * half_height, boxstyle="round,pad=0.03", facecolor=colour,
                                edgecolor="black", linewidth=0.8))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize)


def _node(ax, x, y, text, radius=0.3, colour=COLOURS["unit"], fontsize=10):
    """A circle (one unit or one input) centred at (x, y) with text inside."""
    ax.add_patch(Circle((x, y), radius, facecolor=colour, edgecolor="black", linewidth=0.8))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize)


def _arrow(ax, start, end, colour=FORWARD, label=None, dashed=False, fontsize=9):
    """An arrow from start to end, with an optional label above its middle."""
    ax.annotate("", xy=end, xytext=start,
                arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.1, shrinkA=0, shrinkB=0,
                                linestyle="--" if dashed else "-"))
    if label:
        ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 0.1, label, ha="center",
                va="bottom", fontsize=fontsize, color=colour)


def _edge(ax, start, end, r_start, r_end, colour="grey"):
    """A line between two circles, from border to border."""
    (x0, y0), (x1, y1) = start, end
    d = np.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / d, (y1 - y0) / d
    ax.plot([x0 + r_start * ux, x1 - r_end * ux], [y0 + r_start * uy, y1 - r_end * uy],
            color=colour, lw=0.8, zorder=0)


def _column_of(n, top, bottom):
    """n heights evenly spaced from top to bottom (the middle one if n = 1)."""
    return np.linspace(top, bottom, n) if n > 1 else np.array([(top + bottom) / 2])


# ----------------------------------------------------------------------------- diagrams
def draw_neuron():
    """Logistic regression as one neuron (week 2): x -> z = w^T x + b -> a = sigmoid(z)."""
    fig, ax = _canvas(8.5, 4.0, (-1.0, 10.2), (-1.3, 4.0),
                      "Logistic regression is a network with one neuron")
    names = ["$x_1$", "$x_2$", "$\\vdots$", "$x_{n_x}$"]
    ys = _column_of(len(names), 3.3, 0.3)
    centre, radius = (4.8, 1.8), 1.55
    for i, (name, y) in enumerate(zip(names, ys)):
        if name == "$\\vdots$":
            ax.text(0, y, name, ha="center", va="center", fontsize=14)
            continue
        _node(ax, 0, y, name, colour=COLOURS["input"])
        _edge(ax, (0, y), centre, 0.3, radius)
        weight = "$w_{n_x}$" if i == len(names) - 1 else f"$w_{i + 1}$"
        ax.text(1.5, y + 0.3 * (centre[1] - y) + 0.12, weight, fontsize=10, ha="center",
                va="bottom", color="dimgrey")
    ax.add_patch(Circle(centre, radius, facecolor=COLOURS["unit"], edgecolor="black", lw=0.8))
    ax.plot([centre[0], centre[0]], [centre[1] - radius, centre[1] + radius], color="black",
            lw=0.6)
    ax.text(centre[0] - 0.76, centre[1], "$z = w^T x + b$", ha="center", va="center",
            fontsize=9)
    ax.text(centre[0] + 0.76, centre[1], "$a = \\sigma(z)$", ha="center", va="center",
            fontsize=9)
    _arrow(ax, (centre[0] + radius, centre[1]), (7.6, centre[1]))
    ax.text(7.7, centre[1], "$\\hat y = a$\n$= P(y = 1 \\mid x)$", ha="left", va="center",
            fontsize=10)
    ax.text(0, -0.5, "input $x$: $(n_x, 1)$", ha="center", va="top", fontsize=9)
    ax.text(centre[0], -0.5, "weights $w$: $(n_x, 1)$, bias $b$: a number", ha="center",
            va="top", fontsize=9)
    return fig


def draw_two_layer(n_x=2, n_h=4, hidden="tanh"):
    """The network with one hidden layer (week 3: tanh; week 4 application: relu)."""
    fig, ax = _canvas(9.0, 4.4, (-1.8, 9.8), (-1.8, 4.1),
                      f"A 2-layer network: LINEAR -> {hidden.upper()} -> LINEAR -> SIGMOID")
    layers = [(0.0, [f"$x_{i}$" for i in range(1, n_x + 1)], COLOURS["input"]),
              (3.8, [f"$a^{{[1]}}_{j}$" for j in range(1, n_h + 1)], COLOURS[hidden.upper()]),
              (7.6, ["$a^{[2]}$"], COLOURS["SIGMOID"])]
    positions = [[(x, y) for y in _column_of(len(names), 3.6, 0.0)] for x, names, _ in layers]
    for left, right in zip(positions, positions[1:]):
        for p in left:
            for q in right:
                _edge(ax, p, q, 0.32, 0.32)
    for (x, names, colour), points in zip(layers, positions):
        for name, point in zip(names, points):
            _node(ax, *point, name, radius=0.32, colour=colour)
    _arrow(ax, (7.95, 1.8), (8.7, 1.8))
    ax.text(8.8, 1.8, "$\\hat y$", ha="left", va="center", fontsize=11)
    captions = ["input layer\n$X$: $(n_x, m)$",
                f"hidden layer, {hidden}\n$W^{{[1]}}$: $(n_h, n_x)$\n$b^{{[1]}}$: $(n_h, 1)$",
                "output layer, sigmoid\n$W^{[2]}$: $(n_y, n_h)$\n$b^{[2]}$: $(n_y, 1)$"]
    for (x, _, _), caption in zip(layers, captions):
        ax.text(x, -0.55, caption, ha="center", va="top", fontsize=9)
    return fig


def draw_l_layer():
    """The L-layer network of week 4: [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID."""
    fig, ax = _canvas(12.0, 3.4, (-1.4, 17.6), (-2.3, 1.9),
                      "An L-layer network: [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID")
    ax.text(-0.5, 0, "$X = A^{[0]}$", ha="center", va="center", fontsize=10)
    ax.text(4.4, 0, "...", ha="center", va="center", fontsize=14)
    starts = {"1": 0.25, "L-1": 4.85, "L": 9.65}     # where the arrow into each layer starts
    for x, l, act in [(1.0, "1", "RELU"), (6.2, "L-1", "RELU"), (11.0, "L", "SIGMOID")]:
        _arrow(ax, (starts[l], 0), (x - 0.65, 0),
               label=None if l == "1" else f"$A^{{[{_minus_one(l)}]}}$")
        _box(ax, x, 0, "LINEAR", COLOURS["LINEAR"], half_width=0.6)
        _arrow(ax, (x + 0.65, 0), (x + 1.55, 0), label=f"$Z^{{[{l}]}}$")
        _box(ax, x + 2.2, 0, act, COLOURS[act], half_width=0.6)
        ax.text(x + 1.1, -0.5, f"layer {l}\n$W^{{[{l}]}}$: $(n^{{[{l}]}}, n^{{[{_minus_one(l)}]}})$"
                f"\n$b^{{[{l}]}}$: $(n^{{[{l}]}}, 1)$", ha="center", va="top", fontsize=9)
    _arrow(ax, (3.85, 0), (4.05, 0))
    _arrow(ax, (13.85, 0), (14.8, 0))
    ax.text(14.9, 0, "$A^{[L]} = \\hat Y$\n$(1, m)$", ha="left", va="center", fontsize=10)
    ax.annotate("", xy=(0.35, 0.7), xytext=(9.05, 0.7),
                arrowprops=dict(arrowstyle="|-|", color="dimgrey", lw=0.9))
    ax.text(4.7, 0.85, "$L-1$ times: LINEAR -> RELU", ha="center", va="bottom", fontsize=9,
            color="dimgrey")
    return fig


def _minus_one(l):
    """The index of the layer before l, as written in the course: 1 -> 0, L -> L-1."""
    return {"1": "0", "L": "L-1", "L-1": "L-2"}[l]


def draw_forward_backward(L=3):
    """The forward pass (top), the caches it keeps (middle) and the backward pass (bottom)."""
    S, H = 3.6, 0.5                 # distance between layers, half width of a box
    x_out = S * (L - 1) + 1.8 + H + 0.08
    fig, ax = _canvas(0.85 * (S * L + 4.5), 5.0, (-2.0, x_out + 3.2), (-1.3, 2.9),
                      "Forward pass (top), caches (middle) and backward pass (bottom), "
                      f"L = {L}")
    y_f, y_c, y_b = 2.3, 1.15, 0.0          # rows: forward, caches, backward
    for l in range(1, L + 1):
        _forward_backward_layer(ax, l, L, S, H, (y_f, y_c, y_b))
    _arrow(ax, (x_out, y_f), (x_out + 1.3, y_f), FORWARD, f"AL = A[{L}]")
    ax.text(x_out + 1.4, y_f, "cost J(AL, Y)", ha="left", va="center", fontsize=9)
    _arrow(ax, (x_out + 1.3, y_b), (x_out, y_b), BACKWARD, "dAL")
    ax.text(x_out + 1.4, y_b, "dAL from\nAL and Y", ha="left", va="center", fontsize=9,
            color=BACKWARD)
    ax.text(x_out + 1.4, y_c, "caches: a list\nof L entries", ha="left", va="center",
            fontsize=9, color=CACHE)
    return fig


def _forward_backward_layer(ax, l, L, S, H, rows):
    """Layer l of draw_forward_backward: its boxes, its cache and the arrows between them."""
    y_f, y_c, y_b = rows
    act = "SIGMOID" if l == L else "RELU"
    g = H + 0.08                              # gap between a box centre and an arrow end
    x_lin, x_act = S * (l - 1), S * (l - 1) + 1.8
    x_prev = x_lin - S + 1.8 + g if l > 1 else x_lin - 1.5     # where A[l-1] comes from
    _arrow(ax, (x_prev, y_f), (x_lin - g, y_f), FORWARD, f"A[{l - 1}]" if l > 1 else "X = A[0]")
    _box(ax, x_lin, y_f, "LINEAR", COLOURS["LINEAR"])
    _arrow(ax, (x_lin + g, y_f), (x_act - g, y_f), FORWARD, f"Z[{l}]")
    _box(ax, x_act, y_f, act, COLOURS[act])
    x_c = (x_lin + x_act) / 2
    _box(ax, x_c, y_c, f"caches[{l - 1}]\n((A[{l - 1}], W[{l}], b[{l}]), Z[{l}])",
         COLOURS["cache"], half_width=1.25, fontsize=8.5)
    _arrow(ax, (x_c, y_f - 0.32), (x_c, y_c + 0.32), CACHE, dashed=True)
    _arrow(ax, (x_c, y_c - 0.32), (x_c, y_b + 0.32), CACHE, dashed=True)
    _box(ax, x_act, y_b, f"{act}\nbackward", COLOURS[act], fontsize=8.5)
    _arrow(ax, (x_act - g, y_b), (x_lin + g, y_b), BACKWARD, f"dZ[{l}]")
    _box(ax, x_lin, y_b, "LINEAR\nbackward", COLOURS["LINEAR"], fontsize=8.5)
    _arrow(ax, (x_lin - g, y_b), (x_prev, y_b), BACKWARD, f"dA[{l - 1}]")
    _arrow(ax, (x_lin, y_b - 0.32), (x_lin, y_b - 0.8), BACKWARD)
    ax.text(x_lin, y_b - 0.85, f"dW[{l}], db[{l}]", ha="center", va="top", fontsize=8.5,
            color=BACKWARD)


def draw_unrolling(num_px=3):
    """A (num_px, num_px, 3) picture unrolled into one column, and m columns side by side."""
    fig, ax = _canvas(10.0, 5.0, (-0.6, 14.6), (0.3, 8.0),
                      "Unrolling a picture: (num_px, num_px, 3) -> a column of "
                      "$n_x$ = num_px $\\cdot$ num_px $\\cdot$ 3 numbers")
    _draw_picture(ax, num_px)
    _arrow(ax, (4.5, 3.8), (6.6, 3.8), label="reshape", fontsize=10)
    _draw_column(ax, num_px, x=7.4)
    _arrow(ax, (8.2, 3.8), (10.0, 3.8), label="m pictures", fontsize=10)
    _draw_examples(ax, x=10.2)
    return fig


def _draw_picture(ax, num_px, size=0.8):
    """The three channels of a picture as stacked grids, the red one in front."""
    for k, (channel, colour) in reversed(list(enumerate(CHANNELS))):
        x0, y0 = 0.4 * k, 2.0 + 0.4 * k
        for i in range(num_px):             # row i, from the top
            for j in range(num_px):
                ax.add_patch(Rectangle((x0 + j * size, y0 + (num_px - 1 - i) * size), size,
                                       size, facecolor=colour, edgecolor="black", lw=0.6))
                if k == 0:
                    ax.text(x0 + (j + 0.5) * size, y0 + (num_px - 0.5 - i) * size,
                            f"r{i + 1}{j + 1}", ha="center", va="center", fontsize=8)
        ax.text(x0 + num_px * size + 0.08, y0 + num_px * size - 0.2, channel, fontsize=9)
    ax.text(1.6, 1.6, "a picture, shape (num_px, num_px, 3)\none array per colour",
            ha="center", va="top", fontsize=9)


def _draw_column(ax, num_px, x, size=0.5):
    """The column the picture becomes: the 3 colours of pixel (1,1), then of (1,2), ..."""
    last = f"{num_px}{num_px}"
    entries = ["r11", "g11", "b11", "r12", "g12", "b12", "...", f"r{last}", f"g{last}",
               f"b{last}"]
    colours = {"r": CHANNELS[0][1], "g": CHANNELS[1][1], "b": CHANNELS[2][1]}
    for k, entry in enumerate(entries):
        y = 7.0 - k * size
        colour = colours.get(entry[0], "white")
        ax.add_patch(Rectangle((x - size, y - size), 2 * size, size, facecolor=colour,
                               edgecolor="black", lw=0.6))
        ax.text(x, y - size / 2, entry, ha="center", va="center", fontsize=8)
    ax.text(x, 7.0 - len(entries) * size - 0.2, "$x$, shape $(n_x, 1)$\n"
            "image.reshape(-1, 1)", ha="center", va="top", fontsize=9)


def _draw_examples(ax, x, m_shown=4, width=0.7):
    """X: the m examples' columns side by side, shape (n_x, m)."""
    labels = ["$x^{(1)}$", "$x^{(2)}$", "...", "$x^{(m)}$"][:m_shown]
    for k, label in enumerate(labels):
        left = x + k * width
        if label != "...":
            ax.add_patch(Rectangle((left, 2.0), width, 5.0, facecolor="#f7f7f7",
                                   edgecolor="black", lw=0.6))
        ax.text(left + width / 2, 7.15, label, ha="center", va="bottom", fontsize=9)
    ax.text(x + m_shown * width / 2, 1.8, "$X$, shape $(n_x, m)$:\none example per column\n"
            "X_orig.reshape(m, -1).T", ha="center", va="top", fontsize=9)


def draw_gradient_descent(learning_rate=1.0, num_steps=15):
    """Gradient descent on a real cost: logistic regression with one weight w and a bias b."""
    X, Y = np.array([[-2.0, -1.0, -0.5, 0.5, 1.0, 2.5]]), np.array([[0, 0, 1, 0, 1, 1]])
    ws, bs = np.meshgrid(np.linspace(-1.5, 4.0, 80), np.linspace(-3.0, 3.0, 80))
    J = np.vectorize(lambda w, b: _logistic_cost(w, b, X, Y))(ws, bs)
    path = _descend(np.array([-1.0, -2.5]), X, Y, learning_rate, num_steps)
    fig = plt.figure(figsize=(11.0, 4.6))
    fig.suptitle("Gradient descent: each step goes a little way against the gradient, "
                 "down the cost $J(w, b)$", fontsize=11)
    surface = fig.add_subplot(1, 2, 1, projection="3d")
    surface.plot_surface(ws, bs, J, cmap="viridis", alpha=0.6, linewidth=0)
    costs = [_logistic_cost(w, b, X, Y) for w, b in path]
    surface.plot(path[:, 0], path[:, 1], np.array(costs) + 0.03, "o-", color="firebrick", ms=3,
                 lw=1.2, zorder=10)      # lifted a little so that the surface does not hide it
    surface.set(xlabel="weight $w$", ylabel="bias $b$", zlabel="cost $J$",
                title="the cost surface")
    surface.view_init(elev=40, azim=-60)
    _draw_contours(fig.add_subplot(1, 2, 2), ws, bs, J, path, learning_rate)
    fig.tight_layout()
    return fig


def _logistic_cost(w, b, X, Y):
    """Cross-entropy cost of sigmoid(w X + b) against the labels Y, both (1, m)."""
    A = 1 / (1 + np.exp(-(w * X + b)))
    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


def _descend(start, X, Y, learning_rate, num_steps):
    """The points (w, b) gradient descent visits from start: shape (num_steps + 1, 2)."""
    points = [start]
    for _ in range(num_steps):
        w, b = points[-1]
        A = 1 / (1 + np.exp(-(w * X + b)))
        dw, db = float(np.mean((A - Y) * X)), float(np.mean(A - Y))
        points.append(np.array([w - learning_rate * dw, b - learning_rate * db]))
    return np.array(points)


def _draw_contours(ax, ws, bs, J, path, learning_rate):
    """The same cost seen from above, with every step of the descent as an arrow."""
    lines = ax.contour(ws, bs, J, levels=14, cmap="viridis", linewidths=0.8)
    ax.clabel(lines, fontsize=7, fmt="%.2f")
    for p, q in zip(path, path[1:]):
        ax.annotate("", xy=q, xytext=p,
                    arrowprops=dict(arrowstyle="-|>", color="firebrick", lw=1.1))
    ax.plot(*path[0], "o", color="firebrick")
    ax.text(path[0][0] + 0.1, path[0][1] - 0.1, "start", color="firebrick", fontsize=9,
            va="top")
    ax.set(xlabel="weight $w$", ylabel="bias $b$",
           title=f"seen from above: {len(path) - 1} steps, learning rate {learning_rate}")


DIAGRAMS = {"logistic_regression_neuron": draw_neuron,
            "two_layer_network": draw_two_layer,
            "l_layer_network": draw_l_layer,
            "forward_backward_caches": draw_forward_backward,
            "image_to_vector": draw_unrolling,
            "gradient_descent": draw_gradient_descent}


def write_all(out_dir, dpi=100):
    """Writes every diagram to out_dir/<name>.png; returns the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, draw in DIAGRAMS.items():
        fig = draw()
        fig.savefig(out / f"{name}.png", dpi=dpi, metadata={"Software": None},
                    bbox_inches="tight", pad_inches=0.15)
        plt.close(fig)
        paths.append(out / f"{name}.png")
    return paths


def main(argv=None):
    ap = argparse.ArgumentParser(description="Writes the course's diagrams as PNG files.")
    ap.add_argument("out", nargs="?", default=str(Path(__file__).resolve().parent.parent /
                                                  "docs" / "images"))
    for path in write_all(ap.parse_args(argv).out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
