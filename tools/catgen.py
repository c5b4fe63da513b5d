"""Procedural "cat / non-cat" pictures: the course's default data set, drawn with numpy.

Every picture is 64x64 RGB. It is painted shape by shape (ellipses, convex polygons, thick
curves, smooth noise) on a grid twice as fine (128x128) and then averaged 2x2 down, which
smooths the edges. Nothing is read from disk and every random choice comes from a
`numpy.random.Generator` handed in by the caller, so a seed always gives the same pictures:

    python -m tools.catgen                 # rewrites datasets/*_catvnoncat.h5
    python -m tools.catgen --out DIR --seed 7

Coordinates: x grows to the right, y grows downwards, both in [0, 1) across the picture.
A figure is drawn in a `Frame` (centre, scale, tilt, mirror), so that the same head can be
moved, resized and tilted; in its own frame a head is an object of radius about 1 around
(0, 0), with the ears up (negative v) and the chin down (positive v).
"""
import argparse
from pathlib import Path

import numpy as np

SIZE = 64                      # side of a finished picture, in pixels
SUPER = 2                      # drawing grid is SUPER times finer, then averaged down
N_FINE = SIZE * SUPER          # side of the drawing grid (128)
DEFAULT_SEED = 1
TRAIN_COUNTS = (209, 72)       # (examples, cats) of train_catvnoncat.h5
TEST_COUNTS = (50, 33)         # (examples, cats) of test_catvnoncat.h5
CLASSES = np.array([b"non-cat", b"cat"], dtype="S7")

_C = (np.arange(N_FINE) + 0.5) / N_FINE
_XS, _YS = np.meshgrid(_C, _C)   # (128, 128) picture coordinates of each fine pixel
_XS.flags.writeable = False
_YS.flags.writeable = False


# ------------------------------------------------------------------------------- geometry
class Frame:
    """Local coordinates of every fine pixel, for a figure placed somewhere in the picture.

    Args:
        cx, cy: centre of the figure, in picture units (0..1).
        scale: picture units per local unit (a head of local radius 1 is `scale` wide).
        angle: tilt in radians.
        mirror: if True, left and right are swapped (u -> -u).
    Attributes:
        u, v: (128, 128) local coordinates of each fine pixel.
        aa: width of one fine pixel in local units (the width of a soft edge).
    """

    def __init__(self, cx=0.0, cy=0.0, scale=1.0, angle=0.0, mirror=False):
        c, s = np.cos(angle), np.sin(angle)
        dx, dy = _XS - cx, _YS - cy
        self.u = (c * dx + s * dy) / scale * (-1.0 if mirror else 1.0)
        self.v = (-s * dx + c * dy) / scale
        self.aa = 1.0 / (N_FINE * scale)


SCREEN = Frame()    # local coordinates = picture coordinates


def _soft(dist, aa):
    """Coverage in [0, 1] from a signed distance (negative inside), with an edge `aa` wide.

    Args:
        dist: (128, 128) signed distance to the outline, in local units.
        aa: edge width in the same units.
    Returns:
        (128, 128) float coverage.
    """
    return np.clip(0.5 - dist / aa, 0.0, 1.0)


def ellipse(f, cx, cy, rx, ry, angle=0.0):
    """Coverage (128, 128) of an ellipse centred (cx, cy) with radii rx, ry in frame f."""
    du, dv = f.u - cx, f.v - cy
    if angle:
        c, s = np.cos(angle), np.sin(angle)
        du, dv = c * du + s * dv, -s * du + c * dv
    r = np.sqrt((du / rx) ** 2 + (dv / ry) ** 2)       # r = 1 on the outline
    return _soft((r - 1.0) * min(rx, ry), f.aa)


def polygon(f, pts):
    """Coverage (128, 128) of a convex polygon.

    Args:
        f: Frame.
        pts: (k, 2) corners (u, v), in either winding order.
    """
    pts = np.asarray(pts, dtype=float)
    nxt = np.roll(pts, -1, axis=0)
    winding = np.sign(np.sum(pts[:, 0] * nxt[:, 1] - nxt[:, 0] * pts[:, 1]))
    dist = np.full(f.u.shape, -np.inf)
    for (x0, y0), (x1, y1) in zip(pts, nxt):
        n = np.array([y1 - y0, x0 - x1]) * winding     # outward normal of this edge
        n /= np.hypot(n[0], n[1])
        dist = np.maximum(dist, (f.u - x0) * n[0] + (f.v - y0) * n[1])
    return _soft(dist, f.aa)


def rect(f, x0, y0, x1, y1):
    """Coverage (128, 128) of the axis-aligned (in frame f) rectangle [x0, x1] x [y0, y1]."""
    return polygon(f, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)])


def polyline(f, pts, width):
    """Coverage (128, 128) of a thick open path.

    Args:
        f: Frame.
        pts: (k, 2) points (u, v) along the path.
        width: stroke width in local units.
    """
    pts = np.asarray(pts, dtype=float)
    best = np.full(f.u.shape, np.inf)
    for p, q in zip(pts[:-1], pts[1:]):
        d = q - p
        t = ((f.u - p[0]) * d[0] + (f.v - p[1]) * d[1]) / max(float(d @ d), 1e-12)
        t = np.clip(t, 0.0, 1.0)                     # nearest point of the segment
        best = np.minimum(best, np.hypot(f.u - p[0] - t * d[0], f.v - p[1] - t * d[1]))
    return _soft(best - width / 2, f.aa)


def bezier(p0, p1, p2, k=5):
    """Points (k + 1, 2) along the quadratic Bezier curve from p0 to p2, pulled towards p1."""
    t = np.linspace(0.0, 1.0, k + 1)[:, None]
    p0, p1, p2 = (np.asarray(p, dtype=float) for p in (p0, p1, p2))
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t ** 2 * p2


def paint(img, mask, color, alpha=1.0):
    """Blend `color` into `img` where `mask` covers it (in place).

    Args:
        img: (128, 128, 3) float picture in [0, 1].
        mask: (128, 128) coverage in [0, 1].
        color: (3,) RGB or (128, 128, 3) colour field.
        alpha: opacity multiplier.
    """
    a = mask[..., None] * alpha
    img += a * (np.asarray(color, dtype=float) - img)


# ------------------------------------------------------------------------ noise and colour
def _blend_weights(cells):
    """Cell index (128,) and smooth weight (128,) of each fine pixel along one axis."""
    t = _C * cells
    i = np.minimum(t.astype(int), cells - 1)
    w = t - i
    return i, w * w * (3 - 2 * w)                      # smoothstep between grid values


def value_noise(rng, cells_y, cells_x=None):
    """Smooth random field (128, 128) in [0, 1]: random values on a coarse grid, blended.

    Args:
        rng: numpy Generator.
        cells_y, cells_x: number of grid cells down and across (cells_x defaults to cells_y).
    """
    cells_x = cells_y if cells_x is None else cells_x
    g = rng.random((cells_y + 1, cells_x + 1))
    iy, wy = _blend_weights(cells_y)
    ix, wx = _blend_weights(cells_x)
    rows = g[iy] * (1 - wy)[:, None] + g[iy + 1] * wy[:, None]    # (128, cells_x + 1)
    return rows[:, ix] * (1 - wx) + rows[:, ix + 1] * wx


def fractal_noise(rng, cells=4, octaves=3):
    """Sum of value noises at doubling frequencies and halving amplitude, (128, 128) in [0, 1]."""
    total, amp, norm = np.zeros((N_FINE, N_FINE)), 1.0, 0.0
    for k in range(octaves):
        total += amp * value_noise(rng, cells * 2 ** k)
        norm += amp
        amp *= 0.5
    return total / norm


def smoothstep(lo, hi, x):
    """0 below lo, 1 above hi, a smooth S in between; same shape as x."""
    t = np.clip((x - lo) / (hi - lo), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _u(rng, lo, hi):
    """One float drawn uniformly in [lo, hi)."""
    return float(rng.uniform(lo, hi))


def _pick(rng, options, p=None):
    """One element of the list `options` (probabilities p, uniform if None)."""
    return options[int(rng.choice(len(options), p=p))]


def _jitter(rng, rgb, amount=0.06):
    """The colour rgb (3,) moved by up to `amount` per channel, clipped to [0, 1]."""
    return np.clip(np.asarray(rgb, dtype=float) + rng.uniform(-amount, amount, 3), 0.0, 1.0)


def _shade(rgb, k):
    """The colour rgb (3,) darkened (k < 1) or lightened towards white (k > 1)."""
    rgb = np.asarray(rgb, dtype=float)
    return rgb * k if k <= 1 else rgb + (1 - rgb) * (k - 1)


def _blank(rgb):
    """A (128, 128, 3) picture filled with one colour."""
    img = np.empty((N_FINE, N_FINE, 3))
    img[:] = rgb
    return img


# ---------------------------------------------------------------------------- backgrounds
WALLS = [(0.86, 0.80, 0.70), (0.74, 0.80, 0.86), (0.70, 0.76, 0.64), (0.92, 0.88, 0.82),
         (0.60, 0.50, 0.44), (0.82, 0.70, 0.74), (0.50, 0.55, 0.60), (0.95, 0.93, 0.90),
         (0.35, 0.30, 0.32), (0.88, 0.78, 0.55)]
FLOORS = [(0.55, 0.38, 0.22), (0.70, 0.55, 0.38), (0.40, 0.28, 0.20), (0.60, 0.60, 0.62),
          (0.45, 0.25, 0.25), (0.30, 0.35, 0.50)]


def bg_indoor(rng):
    """A room: wall with uneven light, maybe a floor, sofa or window. Returns (128, 128, 3)."""
    img = _blank(_jitter(rng, _pick(rng, WALLS), 0.08))
    img *= (0.85 + 0.25 * value_noise(rng, 2))[..., None]
    if rng.random() < 0.3:                                    # window with sky
        x0, y0 = _u(rng, -0.2, 0.7), _u(rng, -0.2, 0.4)
        w, h = _u(rng, 0.25, 0.5), _u(rng, 0.25, 0.5)
        paint(img, rect(SCREEN, x0, y0, x0 + w, y0 + h), (0.95, 0.95, 0.93))
        paint(img, rect(SCREEN, x0 + 0.03, y0 + 0.03, x0 + w - 0.03, y0 + h - 0.03),
              _jitter(rng, (0.6, 0.78, 0.95), 0.1))
    if rng.random() < 0.65:                                   # floor, table or sofa
        top = _u(rng, 0.5, 0.85)
        floor = _jitter(rng, _pick(rng, FLOORS), 0.08)
        grain = 0.85 + 0.3 * value_noise(rng, 24, 3)
        paint(img, rect(SCREEN, -1, top, 2, 2), floor * grain[..., None])
    return img


def bg_grass(rng):
    """Lawn, with blades as vertical streaks and maybe a strip of sky. Returns (128, 128, 3)."""
    base = _jitter(rng, (0.32, 0.55, 0.20), 0.1)
    blades = value_noise(rng, 4, 48)                          # fine across, coarse down
    patches = value_noise(rng, 3)
    img = base * (0.55 + 0.45 * blades + 0.3 * patches)[..., None]
    if rng.random() < 0.4:
        horizon = _u(rng, 0.1, 0.4)
        sky = bg_sky(rng)
        m = _soft(_YS - horizon + 0.02 * value_noise(rng, 1, 12), 1.0 / N_FINE)
        paint(img, m, sky)
    return img


def bg_sky(rng):
    """Blue sky getting paler downwards, with clouds. Returns (128, 128, 3)."""
    top = _jitter(rng, (0.30, 0.52, 0.88), 0.1)
    low = _jitter(rng, (0.75, 0.85, 0.95), 0.05)
    img = top + (low - top) * _YS[..., None]
    clouds = smoothstep(0.5, 0.75, fractal_noise(rng, 3, 3)) * _u(rng, 0.0, 1.0)
    paint(img, clouds, (0.97, 0.97, 0.98))
    return img


def bg_gradient(rng):
    """A linear blend between two random colours in a random direction. (128, 128, 3)."""
    c0, c1 = rng.random(3), rng.random(3)
    a = _u(rng, 0.0, 2 * np.pi)
    t = np.clip(np.cos(a) * (_XS - 0.5) + np.sin(a) * (_YS - 0.5) + 0.5, 0.0, 1.0)
    return c0 + (c1 - c0) * t[..., None]


def bg_noise(rng):
    """A blotchy texture mixing two random colours (carpet, foliage, fabric). (128, 128, 3)."""
    c0, c1 = rng.random(3), rng.random(3)
    t = fractal_noise(rng, int(rng.integers(2, 9)), 3)
    return c0 + (c1 - c0) * t[..., None]


def bg_fabric(rng):
    """A striped or checked blanket. Returns (128, 128, 3)."""
    c0 = _jitter(rng, _pick(rng, WALLS), 0.15)
    c1 = rng.random(3)
    f = Frame(0.5, 0.5, 1.0, _u(rng, -0.6, 0.6))
    period = _u(rng, 0.08, 0.25)
    t = smoothstep(0.4, 0.6, 0.5 + 0.5 * np.sin(2 * np.pi * f.u / period))
    if rng.random() < 0.5:
        t = np.abs(t - smoothstep(0.4, 0.6, 0.5 + 0.5 * np.sin(2 * np.pi * f.v / period)))
    return c0 + (c1 - c0) * (0.6 * t)[..., None]


BACKGROUNDS = [bg_indoor, bg_grass, bg_sky, bg_gradient, bg_noise, bg_fabric]
# Like the course's photos, the two classes have different (overlapping) backgrounds: cats
# are mostly photographed indoors (rooms, blankets), other things more often outdoors.
BG_WEIGHTS = {"cat": [0.45, 0.1, 0.05, 0.08, 0.1, 0.22],
              "noncat": [0.2, 0.27, 0.23, 0.1, 0.1, 0.1]}


def background(rng, kind="noncat"):
    """A random background for a 'cat' or 'noncat' picture. Returns (128, 128, 3) in [0, 1]."""
    return _pick(rng, BACKGROUNDS, BG_WEIGHTS[kind])(rng)


# ----------------------------------------------------------------------------------- cats
FUR = {"orange": (0.88, 0.52, 0.20), "grey": (0.56, 0.56, 0.58), "black": (0.13, 0.12, 0.13),
       "white": (0.94, 0.93, 0.90), "brown": (0.48, 0.33, 0.20), "cream": (0.92, 0.82, 0.62),
       "bluegrey": (0.42, 0.45, 0.52)}
EYES = [(0.45, 0.70, 0.25), (0.85, 0.75, 0.20), (0.85, 0.55, 0.15), (0.40, 0.65, 0.90),
        (0.70, 0.75, 0.30)]
PATTERNS = ["solid", "tabby", "patches", "tuxedo", "pointed"]


def fur_field(rng, f, base, pattern):
    """Fur colour at every fine pixel for an animal drawn in frame f.

    Args:
        rng: numpy Generator.
        f: Frame of the head (radius ~1).
        base: (3,) main fur colour.
        pattern: one of PATTERNS.
    Returns:
        (128, 128, 3) colour field: base colour with soft noise, pattern and lighting.
    """
    col = base * (0.88 + 0.24 * fractal_noise(rng, 8, 2))[..., None]
    if pattern == "tabby":                  # chevron stripes, darker, wobbling
        warp = 2.5 * value_noise(rng, 5)
        s = np.sin(_u(rng, 7, 11) * (f.v - 0.6 * np.abs(f.u)) + warp + _u(rng, 0, 6.3))
        col *= (1 - _u(rng, 0.35, 0.6) * smoothstep(0.1, 0.6, s))[..., None]
    elif pattern == "patches":              # white (or black) blotches
        blot = smoothstep(0.5, 0.56, value_noise(rng, 3) + 0.15 * value_noise(rng, 9))
        paint(col, blot, _pick(rng, [FUR["white"], FUR["black"], FUR["orange"]]))
    elif pattern == "pointed":              # Siamese: dark face centre
        dark = np.exp(-((f.u / 0.6) ** 2 + ((f.v - 0.3) / 0.6) ** 2))
        paint(col, dark, (0.3, 0.22, 0.18), 0.9)
    light = np.array([_u(rng, -1, 1), _u(rng, -1, 0.3)])
    lit = 1 + 0.18 * np.clip(f.u * light[0] + f.v * light[1], -2, 2)
    return np.clip(col * lit[..., None], 0, 1)


def _ear(side, width, height, spread):
    """Corners (3, 2) of a pointed cat ear on side -1 (left) or +1 (right) of the head."""
    tip = (side * (0.55 + spread), -0.75 - height)
    return [(side * 0.15, -0.85), (side * (0.15 + width), -0.55 + 0.15 * width), tip]


def _shrink(pts, k, dv=0.0):
    """The polygon pts (k, 2) scaled by k towards its centroid, then moved down by dv."""
    pts = np.asarray(pts, dtype=float)
    c = pts.mean(axis=0)
    return c + k * (pts - c) + np.array([0.0, dv])


def cat_ears(img, rng, f, fur):
    """Two pointed triangular ears with pink (or dark) insides, painted in frame f."""
    width, height, spread = _u(rng, 0.6, 0.85), _u(rng, 0.45, 0.8), _u(rng, 0.1, 0.4)
    inner = _pick(rng, [(0.92, 0.62, 0.64), (0.80, 0.55, 0.55), (0.35, 0.28, 0.28)])
    for side in (-1, 1):
        outer = _ear(side, width, height + _u(rng, -0.05, 0.05), spread)
        paint(img, polygon(f, outer), fur)
        paint(img, polygon(f, _shrink(outer, 0.55, 0.06)), inner, _u(rng, 0.6, 1.0))


def cat_eyes(img, rng, f, dark_fur):
    """Almond eyes with vertical slit pupils (or, rarely, closed eyes) in frame f."""
    ex, ey = _u(rng, 0.34, 0.44), _u(rng, -0.12, 0.02)
    rx, ry = _u(rng, 0.16, 0.21), _u(rng, 0.11, 0.16)
    iris, slit = _jitter(rng, _pick(rng, EYES), 0.05), _u(rng, 0.12, 0.45)
    rim = (0.35, 0.35, 0.3) if dark_fur else (0.1, 0.08, 0.08)
    for side in (-1, 1):
        if rng.random() < 0.06:                                  # closed: a dark arc
            arc = bezier((side * ex - rx, ey), (side * ex, ey + ry), (side * ex + rx, ey))
            paint(img, polyline(f, arc, 0.05), rim)
            continue
        paint(img, ellipse(f, side * ex, ey, rx * 1.15, ry * 1.2, side * 0.25), rim)
        paint(img, ellipse(f, side * ex, ey, rx, ry, side * 0.25), iris)
        paint(img, ellipse(f, side * ex, ey, rx * slit, ry * 0.95), (0.02, 0.02, 0.02))
        paint(img, ellipse(f, side * ex - 0.05, ey - 0.04, 0.035, 0.035), (1, 1, 1), 0.8)


def cat_muzzle(img, rng, f, fur, muzzle, dark_fur):
    """Muzzle pads, nose, mouth and whiskers, painted in frame f."""
    for side in (-1, 1):
        paint(img, ellipse(f, side * 0.13, 0.37, 0.2, 0.14), muzzle)
    paint(img, ellipse(f, 0, 0.5, 0.16, 0.09), muzzle)
    nose = _pick(rng, [(0.88, 0.52, 0.56), (0.75, 0.45, 0.45), (0.25, 0.18, 0.18)])
    paint(img, polygon(f, [(-0.1, 0.18), (0.1, 0.18), (0, 0.3)]), nose)
    ink = (0.2, 0.15, 0.15) if not dark_fur else (0.05, 0.05, 0.05)
    paint(img, polyline(f, [(0, 0.3), (0, 0.38)], 0.035), ink)
    for side in (-1, 1):
        paint(img, polyline(f, bezier((0, 0.38), (side * 0.05, 0.47), (side * 0.15, 0.42)),
                            0.035), ink)
    cat_whiskers(img, rng, f, dark_fur)


def cat_whiskers(img, rng, f, dark_fur):
    """Three long thin whiskers on each side of the muzzle, painted in frame f."""
    color = (0.95, 0.95, 0.92) if dark_fur or rng.random() < 0.6 else (0.2, 0.2, 0.2)
    length, alpha = _u(rng, 1.15, 1.5), _u(rng, 0.6, 0.95)
    for side in (-1, 1):
        for k in range(3):
            start = (side * 0.22, 0.34 + 0.04 * k)
            end = (side * length, 0.18 + 0.17 * k + _u(rng, -0.05, 0.05))
            mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 - 0.05)
            paint(img, polyline(f, bezier(start, mid, end, 3), 0.035), color, alpha)


def cat_face(img, rng, f, fur, look):
    """A whole cat head (ears, head, cheeks, eyes, muzzle, whiskers) in frame f.

    Args:
        img: (128, 128, 3) picture, changed in place.
        rng: numpy Generator.
        f: Frame of the head (head radius ~1).
        fur: (128, 128, 3) fur colour field.
        look: dict with 'muzzle' (3,) colour, 'dark' (bool), 'chubby' (head height ratio).
    """
    cat_ears(img, rng, f, fur)
    paint(img, ellipse(f, 0, 0, 1.0, look["chubby"]), fur)
    paint(img, ellipse(f, 0, 0.22, 1.05, 0.6), fur)               # cheeks
    if look["forehead"]:                                       # tabby "M" on the forehead
        for du in (-0.22, 0.0, 0.22):
            line = [(du, -0.75), (du * 1.2, -0.35)]
            paint(img, polyline(f, line, 0.07), _shade(look["base"], 0.45), 0.8)
    cat_eyes(img, rng, f, look["dark"])
    cat_muzzle(img, rng, f, fur, look["muzzle"], look["dark"])


def _tail(img, f, start, side, fur, width):
    """A thick curled tail from `start` (u, v) in frame f, curling towards `side`."""
    sx, sy = start
    pts = bezier((sx, sy), (sx + side * 1.2, sy + 0.4), (sx + side * 1.0, sy - 1.0), 8)
    paint(img, polyline(f, pts, width), fur)


def cat_body_sitting(img, rng, f, fur, look):
    """Body, front legs and tail of a sitting cat, below a head at the origin of f."""
    w, h = _u(rng, 1.0, 1.35), _u(rng, 1.2, 1.5)
    side = 1 if rng.random() < 0.5 else -1
    _tail(img, f, (side * w * 0.7, 1.0 + h), side, fur, 0.32)
    paint(img, ellipse(f, 0, 0.9 + h * 0.6, w, h), fur)
    if look["chest"] is not None:
        paint(img, ellipse(f, 0, 1.1, 0.55, 0.6), look["chest"])
    for s in (-1, 1):
        paint(img, ellipse(f, s * 0.4, 1.2 + h, 0.22, 0.75), fur)
        paint(img, ellipse(f, s * 0.42, 1.85 + h, 0.26, 0.15), _shade(look["base"], 1.1))


def cat_body_lying(img, rng, f, fur, look):
    """Long body, paws and tail of a lying cat stretching behind a head at the origin of f."""
    side = 1 if rng.random() < 0.5 else -1
    length = _u(rng, 1.6, 2.2)
    _tail(img, f, (side * length * 1.9, 1.0), side, fur, 0.3)
    paint(img, ellipse(f, side * length, 0.85, length * 1.05, 0.75), fur)
    for s in (-0.4, 0.3):
        paint(img, ellipse(f, s, 1.55, 0.4, 0.2), _shade(look["base"], 1.1))


def cat_look(rng):
    """Random coat: base colour, pattern, muzzle and chest colours.

    Returns:
        (pattern str, look dict with 'base' (3,), 'muzzle' (3,), 'chest' (3,) or None,
        'dark' bool, 'forehead' bool, 'chubby' float).
    """
    name = _pick(rng, list(FUR), [0.24, 0.2, 0.14, 0.1, 0.14, 0.1, 0.08])
    base = _jitter(rng, FUR[name], 0.06)
    pattern = _pick(rng, PATTERNS, [0.3, 0.35, 0.15, 0.1, 0.1])
    if pattern == "pointed":
        base = _jitter(rng, FUR["cream"], 0.04)
    white_face = pattern == "tuxedo" or rng.random() < 0.35
    muzzle = _jitter(rng, FUR["white"], 0.04) if white_face else _shade(base, 1.25)
    look = {"base": base, "muzzle": muzzle, "dark": bool(base.mean() < 0.3),
            "chest": muzzle if white_face else None, "chubby": _u(rng, 0.8, 0.95),
            "forehead": pattern == "tabby" and rng.random() < 0.7}
    return pattern, look


def cat_pose(rng):
    """Where the head goes: (pose name, Frame of the head).

    'face' is a close-up head, 'sitting' a smaller head over a body, 'lying' a head at one
    end of a long body. A few heads are partly out of the picture.
    """
    pose = _pick(rng, ["face", "sitting", "lying"], [0.8, 0.15, 0.05])
    scale = {"face": _u(rng, 0.27, 0.33), "sitting": _u(rng, 0.14, 0.17),
             "lying": _u(rng, 0.12, 0.14)}[pose]
    cx = _u(rng, 0.44, 0.56) if pose != "lying" else _u(rng, 0.3, 0.7)
    cy = {"face": _u(rng, 0.5, 0.6), "sitting": _u(rng, 0.3, 0.38),
          "lying": _u(rng, 0.4, 0.55)}[pose]
    if rng.random() < 0.04:                                     # partly out of frame
        cx += _pick(rng, [-1, 1]) * _u(rng, 0.1, 0.2)
    return pose, Frame(cx, cy, scale, _u(rng, -0.2, 0.2), rng.random() < 0.5)


def draw_cat(img, rng):
    """Paint one cat (head, maybe body) on the picture img (128, 128, 3), in place."""
    pattern, look = cat_look(rng)
    pose, f = cat_pose(rng)
    fur = fur_field(rng, f, look["base"], pattern)
    if pose == "sitting":
        cat_body_sitting(img, rng, f, fur, look)
    elif pose == "lying":
        cat_body_lying(img, rng, f, fur, look)
    cat_face(img, rng, f, fur, look)


# ------------------------------------------------------------------------ other animals
DOG_FUR = [(0.55, 0.38, 0.22), (0.85, 0.68, 0.40), (0.15, 0.12, 0.10), (0.92, 0.90, 0.85),
           (0.60, 0.60, 0.60), (0.70, 0.45, 0.20)]


def _head_frame(rng, lo=0.15, hi=0.3):
    """Frame of an animal head of random size (scale in [lo, hi)), place, tilt, side."""
    scale = _u(rng, lo * 0.85, hi * 0.9)
    cx, cy = _u(rng, 0.22, 0.78), _u(rng, 0.38, 0.7)
    return Frame(cx, cy, scale, _u(rng, -0.35, 0.35), rng.random() < 0.5)


def _round_eyes(img, rng, f, ex, ey, r):
    """Two round dark eyes with a round pupil and a highlight, at (+-ex, ey), radius r."""
    iris = _pick(rng, [(0.25, 0.15, 0.08), (0.1, 0.08, 0.06), (0.45, 0.3, 0.15)])
    for side in (-1, 1):
        paint(img, ellipse(f, side * ex, ey, r, r), iris)
        paint(img, ellipse(f, side * ex, ey, r * 0.6, r * 0.6), (0.02, 0.02, 0.02))
        paint(img, ellipse(f, side * ex - r * 0.3, ey - r * 0.3, r * 0.25, r * 0.25),
              (1, 1, 1), 0.9)


def draw_dog(img, rng):
    """A dog's head: long snout, big black nose, floppy (or round) ears, round eyes."""
    f = _head_frame(rng)
    base = _jitter(rng, _pick(rng, DOG_FUR), 0.06)
    fur = fur_field(rng, f, base, _pick(rng, ["solid", "patches"], [0.7, 0.3]))
    ear = _shade(base, _u(rng, 0.5, 0.8))
    floppy = rng.random() < 0.8
    paint(img, ellipse(f, 0, 0, 0.85, 1.0), fur)
    for side in (-1, 1):
        if floppy:
            paint(img, ellipse(f, side * 0.85, 0.1, 0.3, 0.7, side * 0.35), ear)
        else:
            paint(img, ellipse(f, side * 0.65, -0.8, 0.3, 0.3), ear)
    snout = _shade(base, _u(rng, 1.0, 1.5))
    paint(img, ellipse(f, 0, 0.5, 0.5, 0.42), snout)
    _round_eyes(img, rng, f, 0.36, -0.15, 0.13)
    paint(img, ellipse(f, 0, 0.32, 0.2, 0.13), (0.05, 0.04, 0.04))
    paint(img, polyline(f, [(0, 0.42), (0, 0.62)], 0.04), (0.1, 0.08, 0.08))
    if rng.random() < 0.4:                                       # tongue out
        paint(img, ellipse(f, 0.05, 0.82, 0.14, 0.2), (0.88, 0.42, 0.48))


def draw_fox(img, rng):
    """A fox's head (look-alike): big pointed ears, long pointed snout, white cheeks."""
    f = _head_frame(rng)
    base = _jitter(rng, _pick(rng, [(0.85, 0.42, 0.12), (0.75, 0.35, 0.1),
                                    (0.55, 0.55, 0.55)], [0.5, 0.35, 0.15]), 0.05)
    fur = fur_field(rng, f, base, "solid")
    for side in (-1, 1):
        ear = [(side * 0.1, -0.6), (side * 0.85, -0.35), (side * 0.65, -1.65)]
        paint(img, polygon(f, ear), fur)
        paint(img, polygon(f, _shrink(ear, 0.45, -0.3)), (0.12, 0.08, 0.06))
    paint(img, ellipse(f, 0, -0.15, 0.85, 0.6), fur)
    white = _jitter(rng, (0.95, 0.93, 0.88), 0.03)
    paint(img, polygon(f, [(-0.95, 0.0), (0.95, 0.0), (0.0, 1.05)]), white)
    paint(img, polygon(f, [(-0.4, -0.1), (0.4, -0.1), (0.0, 1.0)]), fur)
    paint(img, ellipse(f, 0, 0.98, 0.12, 0.09), (0.05, 0.04, 0.04))
    for side in (-1, 1):
        paint(img, ellipse(f, side * 0.35, -0.2, 0.13, 0.08, side * 0.4), (0.75, 0.5, 0.1))
        paint(img, ellipse(f, side * 0.35, -0.2, 0.05, 0.05), (0.02, 0.02, 0.02))


def draw_rabbit(img, rng):
    """A rabbit's head: two long upright ears, round side eyes, small pink nose."""
    f = _head_frame(rng, 0.13, 0.22)
    base = _jitter(rng, _pick(rng, [FUR["white"], FUR["grey"], FUR["brown"], FUR["cream"]]))
    fur = fur_field(rng, f, base, "solid")
    lean = _u(rng, 0.0, 0.3)
    for side in (-1, 1):
        paint(img, ellipse(f, side * 0.35, -1.35, 0.22, 0.85, side * lean), fur)
        paint(img, ellipse(f, side * 0.35, -1.3, 0.1, 0.65, side * lean), (0.9, 0.62, 0.65))
    paint(img, ellipse(f, 0, 0, 0.8, 0.75), fur)
    paint(img, ellipse(f, 0, 0.35, 0.35, 0.25), _shade(base, 1.2))
    _round_eyes(img, rng, f, 0.45, -0.1, 0.12)
    paint(img, ellipse(f, 0, 0.22, 0.08, 0.06), (0.9, 0.55, 0.6))
    paint(img, rect(f, -0.07, 0.45, 0.07, 0.6), (0.97, 0.97, 0.95))


def draw_owl(img, rng):
    """An owl (look-alike): ear tufts, huge round yellow eyes, hooked beak, folded wings."""
    f = _head_frame(rng, 0.14, 0.24)
    base = _jitter(rng, _pick(rng, [(0.55, 0.42, 0.30), (0.6, 0.6, 0.58), (0.75, 0.6, 0.4)]))
    fur = fur_field(rng, f, base, _pick(rng, ["solid", "tabby"]))
    paint(img, ellipse(f, 0, 1.1, 0.95, 1.2), fur)
    for side in (-1, 1):
        paint(img, polygon(f, [(side * 0.3, -0.7), (side * 0.8, -0.5), (side * 0.75, -1.2)]),
              fur)
        paint(img, ellipse(f, side * 0.85, 1.2, 0.3, 0.9, side * 0.15), _shade(base, 0.7))
    paint(img, ellipse(f, 0, 0, 0.9, 0.8), fur)
    for side in (-1, 1):
        paint(img, ellipse(f, side * 0.38, -0.05, 0.33, 0.33), _shade(base, 1.35))
        paint(img, ellipse(f, side * 0.38, -0.05, 0.2, 0.2), (0.95, 0.75, 0.1))
        paint(img, ellipse(f, side * 0.38, -0.05, 0.11, 0.11), (0.02, 0.02, 0.02))
    paint(img, polygon(f, [(-0.1, 0.15), (0.1, 0.15), (0, 0.45)]), (0.35, 0.3, 0.2))


def draw_bear(img, rng):
    """A bear or teddy: round head, round ears on top, pale snout, black nose."""
    f = _head_frame(rng)
    base = _jitter(rng, _pick(rng, [(0.45, 0.3, 0.18), (0.7, 0.52, 0.3), (0.15, 0.12, 0.1)]))
    fur = fur_field(rng, f, base, "solid")
    for side in (-1, 1):
        paint(img, ellipse(f, side * 0.7, -0.7, 0.32, 0.32), fur)
        paint(img, ellipse(f, side * 0.7, -0.7, 0.17, 0.17), _shade(base, 0.6))
    paint(img, ellipse(f, 0, 0, 0.95, 0.9), fur)
    paint(img, ellipse(f, 0, 0.35, 0.4, 0.3), _shade(base, 1.5))
    _round_eyes(img, rng, f, 0.38, -0.15, 0.1)
    paint(img, ellipse(f, 0, 0.25, 0.15, 0.1), (0.05, 0.04, 0.04))
    paint(img, polyline(f, bezier((-0.15, 0.48), (0, 0.55), (0.15, 0.48)), 0.04),
          (0.1, 0.08, 0.06))


def draw_bird(img, rng):
    """A small bird side-on: round body, head, pointed beak, darker wing, thin legs."""
    f = Frame(_u(rng, 0.3, 0.7), _u(rng, 0.35, 0.65), _u(rng, 0.12, 0.22),
              _u(rng, -0.3, 0.3), rng.random() < 0.5)
    base = rng.random(3) * 0.8 + 0.1
    paint(img, polygon(f, [(-0.8, 0.0), (-1.6, -0.3), (-1.6, 0.3)]), _shade(base, 0.6))
    for s in (-0.2, 0.2):
        paint(img, polyline(f, [(s, 0.5), (s, 1.1)], 0.06), (0.3, 0.25, 0.2))
    paint(img, ellipse(f, 0, 0, 1.0, 0.7), base)
    paint(img, ellipse(f, 0.1, 0.25, 0.6, 0.35), _shade(base, 1.4))
    paint(img, ellipse(f, 0.85, -0.55, 0.5, 0.45), base)
    paint(img, ellipse(f, -0.15, -0.05, 0.6, 0.35, 0.3), _shade(base, 0.65))
    paint(img, polygon(f, [(1.25, -0.65), (1.25, -0.45), (1.7, -0.52)]), (0.95, 0.65, 0.15))
    paint(img, ellipse(f, 1.0, -0.65, 0.09, 0.09), (0.02, 0.02, 0.02))


def draw_fish(img, rng):
    """A fish in water: oval body, tail fin, top fin, eye; water with bubbles behind."""
    img[:] = _jitter(rng, (0.15, 0.4, 0.65), 0.1) * (1.2 - 0.5 * _YS)[..., None]
    img *= (0.75 + 0.35 * value_noise(rng, 3))[..., None]
    f = Frame(_u(rng, 0.3, 0.7), _u(rng, 0.35, 0.65), _u(rng, 0.15, 0.25),
              _u(rng, -0.3, 0.3), rng.random() < 0.5)
    body = _jitter(rng, _pick(rng, [(0.95, 0.55, 0.1), (0.85, 0.85, 0.2), (0.7, 0.75, 0.8),
                                    (0.9, 0.3, 0.3)]), 0.06)
    paint(img, polygon(f, [(-0.8, 0.0), (-1.5, -0.55), (-1.5, 0.55)]), _shade(body, 0.8))
    paint(img, polygon(f, [(-0.3, -0.4), (0.3, -0.45), (-0.2, -0.85)]), _shade(body, 0.8))
    paint(img, ellipse(f, 0, 0, 1.0, 0.5), body)
    paint(img, ellipse(f, 0.6, -0.1, 0.1, 0.1), (0.02, 0.02, 0.05))
    for _ in range(int(rng.integers(1, 5))):
        x, y, r = _u(rng, 0, 1), _u(rng, 0, 1), _u(rng, 0.01, 0.03)
        paint(img, ellipse(SCREEN, x, y, r, r), (0.85, 0.92, 1.0), 0.6)


# -------------------------------------------------------------------------------- objects
def _object_frame(rng, lo=0.18, hi=0.32):
    """Frame of an upright object of random size, place and slight tilt."""
    return Frame(_u(rng, 0.3, 0.7), _u(rng, 0.4, 0.65), _u(rng, lo, hi),
                 _u(rng, -0.15, 0.15), rng.random() < 0.5)


def draw_cup(img, rng):
    """A mug: body, rim, handle ring, maybe a stripe, on the table."""
    f = _object_frame(rng)
    color = rng.random(3)
    ring = np.maximum(ellipse(f, 0.75, 0.1, 0.4, 0.45) - ellipse(f, 0.75, 0.1, 0.22, 0.27),
                      0)
    paint(img, ring, _shade(color, 0.8))
    paint(img, ellipse(f, 0, 0.8, 0.7, 0.15), _shade(color, 0.7))
    paint(img, rect(f, -0.7, -0.6, 0.7, 0.8), color)
    if rng.random() < 0.5:
        paint(img, rect(f, -0.7, 0.0, 0.7, 0.2), rng.random(3))
    paint(img, ellipse(f, 0, -0.6, 0.7, 0.15), _shade(color, 1.3))
    paint(img, ellipse(f, 0, -0.6, 0.6, 0.1), _pick(rng, [(0.3, 0.18, 0.1), (0.9, 0.85, 0.75)]))


def draw_ball(img, rng):
    """A ball with stripes or spots and a soft shadow."""
    f = _object_frame(rng, 0.14, 0.3)
    paint(img, ellipse(f, 0.1, 0.95, 0.9, 0.15), (0.0, 0.0, 0.0), 0.35)
    c0, c1 = rng.random(3), rng.random(3)
    paint(img, ellipse(f, 0, 0, 1, 1), c0)
    inside = ellipse(f, 0, 0, 0.98, 0.98)
    if rng.random() < 0.5:
        stripes = smoothstep(0.3, 0.5, np.sin(_u(rng, 4, 8) * (f.u + 0.3 * f.v ** 2)))
        paint(img, inside * stripes, c1)
    else:
        for _ in range(5):
            paint(img, ellipse(f, _u(rng, -0.7, 0.7), _u(rng, -0.7, 0.7), 0.25, 0.25) * inside,
                  c1)
    paint(img, ellipse(f, -0.35, -0.35, 0.25, 0.2), (1, 1, 1), 0.5)


def draw_car(img, rng):
    """A car side-on: body, cabin with windows, two wheels, on a road strip."""
    paint(img, rect(SCREEN, -1, _u(rng, 0.65, 0.8), 2, 2), _jitter(rng, (0.35, 0.35, 0.37)))
    f = Frame(_u(rng, 0.35, 0.65), _u(rng, 0.5, 0.65), _u(rng, 0.18, 0.3), 0.0,
              rng.random() < 0.5)
    color = rng.random(3)
    paint(img, polygon(f, [(-0.9, -0.3), (-0.55, -0.8), (0.4, -0.8), (0.8, -0.3)]),
          _shade(color, 0.85))
    paint(img, polygon(f, [(-0.75, -0.35), (-0.5, -0.7), (-0.1, -0.7), (-0.1, -0.35)]),
          (0.7, 0.85, 0.95))
    paint(img, polygon(f, [(0.0, -0.35), (0.0, -0.7), (0.35, -0.7), (0.65, -0.35)]),
          (0.7, 0.85, 0.95))
    paint(img, rect(f, -1.4, -0.35, 1.4, 0.25), color)
    for x in (-0.8, 0.8):
        paint(img, ellipse(f, x, 0.25, 0.3, 0.3), (0.08, 0.08, 0.08))
        paint(img, ellipse(f, x, 0.25, 0.13, 0.13), (0.7, 0.7, 0.72))
    paint(img, ellipse(f, 1.3, -0.15, 0.08, 0.06), (1.0, 0.95, 0.6))


def draw_house(img, rng):
    """A house: walls, pointed roof, door and windows, on grass under the sky."""
    img[:] = bg_sky(rng)
    paint(img, rect(SCREEN, -1, _u(rng, 0.7, 0.85), 2, 2), _jitter(rng, (0.3, 0.55, 0.2)))
    f = _object_frame(rng, 0.2, 0.3)
    wall, roof = rng.random(3) * 0.6 + 0.35, _jitter(rng, (0.55, 0.2, 0.15), 0.15)
    paint(img, rect(f, -0.9, -0.4, 0.9, 0.9), wall)
    paint(img, polygon(f, [(-1.15, -0.35), (1.15, -0.35), (0.0, -1.2)]), roof)
    paint(img, rect(f, -0.2, 0.3, 0.2, 0.9), _shade(roof, 0.6))
    for x in (-0.55, 0.55):
        paint(img, rect(f, x - 0.2, -0.15, x + 0.2, 0.2), (0.6, 0.8, 0.95))
        paint(img, polyline(f, [(x, -0.15), (x, 0.2)], 0.05), (0.95, 0.95, 0.95))


def draw_flower(img, rng):
    """A flower: ring of petals, round centre, stem and leaves."""
    f = _object_frame(rng, 0.12, 0.22)
    green = _jitter(rng, (0.2, 0.5, 0.15), 0.08)
    paint(img, polyline(f, [(0, 0), (0.1, 1.5), (0, 4)], 0.2), green)
    paint(img, ellipse(f, 0.45, 1.6, 0.45, 0.18, -0.5), green)
    petal = rng.random(3) * 0.5 + 0.5 * np.array([1, _u(rng, 0, 1), _u(rng, 0, 1)])
    n = int(rng.integers(5, 9))
    for k in range(n):
        a = 2 * np.pi * k / n
        paint(img, ellipse(f, 0.6 * np.cos(a), 0.6 * np.sin(a), 0.55, 0.25, a), petal)
    paint(img, ellipse(f, 0, 0, 0.35, 0.35), _pick(rng, [(0.95, 0.8, 0.1), (0.35, 0.2, 0.1)]))


def draw_tree(img, rng):
    """A tree: trunk and a crown of overlapping leafy blobs."""
    f = _object_frame(rng, 0.15, 0.25)
    paint(img, rect(f, -0.2, 0.0, 0.2, 2.5), _jitter(rng, (0.4, 0.27, 0.15)))
    leaf = _jitter(rng, (0.2, 0.5, 0.18), 0.1)
    texture = leaf * (0.7 + 0.6 * value_noise(rng, 16))[..., None]
    for _ in range(6):
        r = _u(rng, 0.5, 0.8)
        paint(img, ellipse(f, _u(rng, -0.7, 0.7), _u(rng, -1.2, -0.2), r, r), texture)


# --------------------------------------------------------------------------------- scenes
def draw_landscape(img, rng):
    """Sky, a row of mountains (maybe snowy), green hills in front."""
    img[:] = bg_sky(rng)
    rock = _jitter(rng, (0.45, 0.45, 0.5), 0.1)
    for _ in range(int(rng.integers(2, 5))):
        x, y, w = _u(rng, -0.1, 1.1), _u(rng, 0.15, 0.45), _u(rng, 0.25, 0.5)
        peak = [(x - w, 0.9), (x + w, 0.9), (x, y)]
        paint(img, polygon(SCREEN, peak), _shade(rock, _u(rng, 0.8, 1.1)))
        if rng.random() < 0.5:
            paint(img, polygon(SCREEN, [(x - w * 0.25, y + 0.12), (x + w * 0.25, y + 0.12),
                                        (x, y)]), (0.96, 0.96, 0.98))
    hill = 0.65 + 0.08 * np.sin(_u(rng, 4, 9) * _XS + _u(rng, 0, 6.3))
    paint(img, _soft(hill - _YS, 1.0 / N_FINE), _jitter(rng, (0.3, 0.55, 0.2), 0.1))


def draw_city(img, rng):
    """A skyline: buildings of random heights with grids of lit or dark windows."""
    night = rng.random() < 0.4
    img[:] = _blank((0.05, 0.07, 0.18)) if night else bg_sky(rng)
    x = _u(rng, -0.1, 0.05)
    while x < 1.0:
        w, top = _u(rng, 0.1, 0.25), _u(rng, 0.15, 0.7)
        paint(img, rect(SCREEN, x, top, x + w, 1.1), _jitter(rng, (0.4, 0.4, 0.45), 0.15))
        lit = np.array([0.95, 0.85, 0.4]) if night else np.array([0.2, 0.25, 0.35])
        for wy in np.arange(top + 0.04, 1.0, 0.07):
            for wx in np.arange(x + 0.025, x + w - 0.03, 0.05):
                if rng.random() < 0.6:
                    paint(img, rect(SCREEN, wx, wy, wx + 0.025, wy + 0.035), lit)
        x += w + _u(rng, 0.0, 0.04)


def draw_beach(img, rng):
    """Sky, sea with wave lines and a sandy shore, maybe the sun."""
    img[:] = bg_sky(rng)
    horizon, shore = _u(rng, 0.3, 0.55), _u(rng, 0.65, 0.9)
    sea = _jitter(rng, (0.1, 0.4, 0.6), 0.1) * (0.85 + 0.3 * value_noise(rng, 16, 3))[..., None]
    paint(img, rect(SCREEN, -1, horizon, 2, 2), sea)
    sand = _jitter(rng, (0.9, 0.8, 0.6), 0.06)
    paint(img, _soft(shore + 0.03 * np.sin(9 * _XS) - _YS, 1.0 / N_FINE), sand)
    if rng.random() < 0.5:
        r = _u(rng, 0.05, 0.1)
        paint(img, ellipse(SCREEN, _u(rng, 0.1, 0.9), horizon - r * 1.5, r, r), (1, 0.95, 0.6))


def draw_texture(img, rng):
    """A close-up texture filling the whole picture (bark, carpet, pebbles, leaves)."""
    img[:] = bg_noise(rng)
    for _ in range(int(rng.integers(0, 12))):
        c = rng.random(3)
        x, y, r = _u(rng, 0, 1), _u(rng, 0, 1), _u(rng, 0.03, 0.12)
        paint(img, ellipse(SCREEN, x, y, r, r * _u(rng, 0.5, 1)), c, 0.8)


# ----------------------------------------------------------------------------- whole picture
ANIMALS = [draw_dog, draw_fox, draw_rabbit, draw_owl, draw_bear, draw_bird, draw_fish]
OBJECTS = [draw_cup, draw_ball, draw_car, draw_house, draw_flower, draw_tree]
SCENES = [draw_landscape, draw_city, draw_beach, draw_texture]
NONCAT_GROUPS = [(ANIMALS, [0.22, 0.2, 0.14, 0.12, 0.12, 0.1, 0.1]),
                 (OBJECTS, None), (SCENES, None)]
NONCAT_GROUP_WEIGHTS = [0.4, 0.32, 0.28]

HARD = {"occlude": 0.06, "low_contrast": 0.05, "blur": 0.08}   # probability of each


def occlude(img, rng):
    """Hide part of the picture behind a foreground thing (leaves, a table edge, a blob)."""
    kind = _pick(rng, ["leaves", "edge", "blob"])
    if kind == "leaves":
        green = _jitter(rng, (0.2, 0.45, 0.15), 0.1)
        x0, y0 = _pick(rng, [0.0, 1.0]), _u(rng, 0.3, 1.0)
        for _ in range(5):
            a = _u(rng, 0, 6.3)
            paint(img, ellipse(SCREEN, x0 + _u(rng, -0.3, 0.3), y0 + _u(rng, -0.3, 0.3),
                               _u(rng, 0.15, 0.3), 0.07, a), _shade(green, _u(rng, 0.7, 1.2)))
    elif kind == "edge":
        f = Frame(0.5, 0.5, 1.0, _u(rng, -0.5, 0.5) + _pick(rng, [0, np.pi / 2, np.pi]))
        paint(img, rect(f, -2, _u(rng, 0.25, 0.4), 2, 2), rng.random(3))
    else:
        r = _u(rng, 0.15, 0.3)
        paint(img, ellipse(SCREEN, _pick(rng, [0.0, 1.0]), _u(rng, 0, 1), r, r), rng.random(3))


def _box_blur(img):
    """3x3 mean filter of img (128, 128, 3) with edge pixels repeated."""
    p = np.pad(img, ((1, 1), (1, 1), (0, 0)), mode="edge")
    return sum(p[i:i + N_FINE, j:j + N_FINE] for i in range(3) for j in range(3)) / 9.0


# Mean colour cast of the light: warm lamps indoors (most cat photos), cool daylight outside.
CASTS = {"cat": (1.04, 1.0, 0.94), "noncat": (0.97, 1.0, 1.03)}


def lighting(img, rng, kind="noncat"):
    """Random exposure, colour cast and gamma of a whole picture (128, 128, 3) in [0, 1].

    kind ('cat' or 'noncat') sets the average colour cast (CASTS), around which it varies.
    """
    cast = np.asarray(CASTS[kind]) + rng.uniform(-0.06, 0.06, 3)
    img = np.clip(img * _u(rng, 0.6, 0.85) * cast, 0.0, 1.0)
    return img ** _u(rng, 0.85, 1.2)


def finish(img, rng, kind="noncat"):
    """Hardness effects, camera lighting, 2x2 downsampling, sensor noise and 8-bit rounding.

    Args:
        img: (128, 128, 3) float picture.
        rng: numpy Generator.
        kind: 'cat' or 'noncat', passed to lighting.
    Returns:
        (64, 64, 3) uint8 picture.
    """
    if rng.random() < HARD["occlude"]:
        occlude(img, rng)
    for _ in range(int(rng.random() < HARD["blur"]) * int(rng.integers(1, 4))):
        img = _box_blur(img)
    if rng.random() < HARD["low_contrast"]:
        img = img + _u(rng, 0.3, 0.6) * (img.mean(axis=(0, 1)) - img)
    img = lighting(img, rng, kind)
    small = img.reshape(SIZE, SUPER, SIZE, SUPER, 3).mean(axis=(1, 3))     # (64, 64, 3)
    small = small + rng.uniform(-1.0, 1.0, small.shape) * _u(rng, 0.0, 0.05)
    return np.floor(np.clip(small, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def render_cat(rng):
    """One cat picture.

    Args:
        rng: numpy Generator (the only source of randomness).
    Returns:
        (64, 64, 3) uint8 RGB picture.
    """
    img = background(rng, "cat")
    draw_cat(img, rng)
    return finish(img, rng, "cat")


def render_noncat(rng):
    """One picture without a cat: another animal, an object or a scene.

    Args:
        rng: numpy Generator (the only source of randomness).
    Returns:
        (64, 64, 3) uint8 RGB picture.
    """
    group, weights = _pick(rng, NONCAT_GROUPS, NONCAT_GROUP_WEIGHTS)
    img = background(rng, "noncat")
    _pick(rng, group, weights)(img, rng)
    return finish(img, rng, "noncat")


# ------------------------------------------------------------------------------- data set
def make_split(n, n_cats, seed):
    """A shuffled set of n pictures of which n_cats are cats.

    Args:
        n: number of pictures.
        n_cats: how many of them are cats (0 <= n_cats <= n).
        seed: int or tuple of ints, entropy for numpy.random.SeedSequence.
    Returns:
        x: (n, 64, 64, 3) uint8 pictures.
        y: (n,) int64 labels, 1 = cat, 0 = non-cat.
    """
    if not 0 <= n_cats <= n:
        raise ValueError(f"n_cats must be in [0, n={n}], got {n_cats}")
    order_seed, *picture_seeds = np.random.SeedSequence(seed).spawn(n + 1)
    y = np.zeros(n, dtype=np.int64)
    y[:n_cats] = 1
    y = np.random.default_rng(order_seed).permutation(y)
    x = np.empty((n, SIZE, SIZE, 3), dtype=np.uint8)
    for i in range(n):
        rng = np.random.default_rng(picture_seeds[i])
        x[i] = render_cat(rng) if y[i] else render_noncat(rng)
    return x, y


def make_dataset(seed=DEFAULT_SEED):
    """Both splits of the course data set, from one seed.

    Returns:
        dict {'train': (x (209, 64, 64, 3) uint8, y (209,) int64),
              'test': (x (50, 64, 64, 3) uint8, y (50,) int64)}.
    """
    return {"train": make_split(*TRAIN_COUNTS, seed=(seed, 0)),
            "test": make_split(*TEST_COUNTS, seed=(seed, 1))}


def write_split(path, prefix, x, y):
    """Write one split as HDF5 in the course layout, with fixed settings (no timestamps).

    Args:
        path: file to (over)write.
        prefix: 'train' or 'test' (dataset names `<prefix>_set_x`, `<prefix>_set_y`).
        x: (m, h, w, 3) uint8 pictures; y: (m,) int64 labels.

    The file is written next to `path` under a temporary name and then renamed over it, so
    a reader that has the old file open (and locked) keeps a whole file and never sees a
    half-written one.
    """
    import os
    import h5py
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with h5py.File(tmp, "w", libver="earliest", track_order=False) as f:
            f.create_dataset(f"{prefix}_set_x", data=x, track_times=False)
            f.create_dataset(f"{prefix}_set_y", data=y, track_times=False)
            f.create_dataset("list_classes", data=CLASSES, track_times=False)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_dataset(out_dir, seed=DEFAULT_SEED):
    """Generate the data set and write train_catvnoncat.h5 and test_catvnoncat.h5.

    Args:
        out_dir: folder to write into (created if missing).
        seed: int, the data set's seed (DEFAULT_SEED gives the committed files).
    Returns:
        list of the two written paths.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for prefix, (x, y) in make_dataset(seed).items():
        paths.append(out_dir / f"{prefix}_catvnoncat.h5")
        write_split(paths[-1], prefix, x, y)
    return paths


def main(argv=None):
    """Command line: python -m tools.catgen [--out DIR] [--seed N]."""
    default_out = Path(__file__).resolve().parent.parent / "datasets"
    parser = argparse.ArgumentParser(description="Generate the course's cat / non-cat data.")
    parser.add_argument("--out", type=Path, default=default_out, help="output folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="data set seed")
    args = parser.parse_args(argv)
    for path in write_dataset(args.out, args.seed):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
