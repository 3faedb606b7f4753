"""Figure of the backpropagation chapter: a small computational graph, forward and backward."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from figures import figure

# The same blue and orange as the other figures: they read on white and on dark slate.
FORWARD = "#3f7fe0"
BACKWARD = "#e8730c"

# L = (x·w + b)², with x = 2, w = 3, b = 1: the numbers the page computes.
NODES = {"mul": (3.0, 2.2), "add": (6.0, 1.6), "square": (9.0, 1.6)}
LABELS = {"mul": r"$\times$", "add": r"$+$", "square": r"$(\cdot)^2$"}
# (start, end, name, forward value, gradient ∂L/∂name)
EDGES = [
    ((0.2, 4.0), "mul", "x", "2", "42"),
    ((0.2, 0.4), "mul", "w", "3", "28"),
    ("mul", "add", "a", "6", "14"),
    ((3.6, -0.6), "add", "b", "1", "14"),
    ("add", "square", "y", "7", "14"),
    ("square", (11.6, 1.6), "L", "49", "1"),
]
RADIUS = 0.42


def _point(p):
    return NODES[p] if isinstance(p, str) else p


def _shorten(start, end, at_start: bool, at_end: bool):
    """Pull the segment's ends back to the edge of the node circles."""
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    if at_start:
        x0, y0 = x0 + ux * RADIUS, y0 + uy * RADIUS
    if at_end:
        x1, y1 = x1 - ux * RADIUS, y1 - uy * RADIUS
    return (x0, y0), (x1, y1), (ux, uy)


@figure("computational-graph")
def computational_graph(lang: str) -> Figure:
    """L = (x·w + b)²: forward values in blue on each edge, gradients ∂L/∂· in orange."""
    ja = lang == "ja"
    fig = Figure(figsize=(7.2, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.set_xlim(-0.6, 12.4)
    ax.set_ylim(-1.0, 4.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ink = ax.xaxis.label.get_color()

    for name, (x, y) in NODES.items():
        ax.add_patch(Circle((x, y), RADIUS, facecolor="none", edgecolor=ink, linewidth=1.5))
        ax.text(x, y, LABELS[name], ha="center", va="center", fontsize=14)

    for start, end, name, value, grad in EDGES:
        (x0, y0), (x1, y1), (ux, uy) = _shorten(
            _point(start), _point(end), isinstance(start, str), isinstance(end, str)
        )
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": ink, "linewidth": 1.3})
        # Normal to the edge: forward value on one side, gradient on the other.
        nx, ny = -uy, ux
        if ny < 0:
            nx, ny = -nx, -ny
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        ax.text(mx + 0.6 * nx, my + 0.6 * ny, f"${name} = {value}$", color=FORWARD,
                ha="center", va="center", fontsize=12)
        ax.text(mx - 0.55 * nx, my - 0.55 * ny, f"${grad}$", color=BACKWARD,
                ha="center", va="center", fontsize=12)

    handles = [
        Line2D([], [], color=FORWARD, marker="s", linestyle="none"),
        Line2D([], [], color=BACKWARD, marker="s", linestyle="none"),
    ]
    labels = (
        ["順伝播：各辺の値", r"逆伝播：勾配 $\partial L / \partial (\cdot)$"]
        if ja
        else ["forward: the value on each edge", r"backward: the gradient $\partial L / \partial (\cdot)$"]
    )
    fig.legend(handles, labels, loc="outside lower center", ncols=2)
    return fig
