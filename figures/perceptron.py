"""Figures of the perceptron chapter: the four inputs of a logic gate in the (x1, x2) plane."""

from __future__ import annotations

import torch
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figures import figure
from zeronn.perceptron import OR, XOR

# Colours that read on both Material's white page and its dark slate page.
ONE = "#e8730c"  # output 1: filled circles, shaded region
ZERO = "#3f7fe0"  # output 0: squares
LINE = "#2ea043"

# Text sizes in points, large enough to read when a phone shrinks the figure to its width.
TITLE, LABEL, TICK = 13, 12, 11

INPUTS = [(0, 0), (1, 0), (0, 1), (1, 1)]
X1 = torch.linspace(-0.5, 1.5, 2)


def _points(ax: Axes, gate, ja: bool) -> None:
    """The four inputs, marked by the gate's output, on a square plane around them."""
    ones = [p for p in INPUTS if gate(*p) == 1]
    zeros = [p for p in INPUTS if gate(*p) == 0]
    ax.scatter(*zip(*ones), s=110, marker="o", color=ONE, zorder=3, label="出力 1" if ja else "output 1")
    ax.scatter(*zip(*zeros), s=110, marker="s", color=ZERO, zorder=3, label="出力 0" if ja else "output 0")
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_aspect("equal")
    ax.set_xticks([0, 1])
    ax.set_yticks([0, 1])
    ax.tick_params(labelsize=TICK)
    ax.set_xlabel("$x_1$", fontsize=LABEL)
    ax.set_ylabel("$x_2$", fontsize=LABEL)


def _line(ax: Axes, w1: float, w2: float, b: float, above: bool) -> None:
    """Draw w1·x1 + w2·x2 + b = 0 (w2 != 0) and shade the side where the sum is > 0."""
    x2 = -(w1 * X1 + b) / w2
    ax.plot(X1, x2, color=LINE, linewidth=2, zorder=2)
    edge = 1.5 if above else -0.5
    ax.fill_between(X1, x2, edge, color=ONE, alpha=0.15, linewidth=0, zorder=1)


@figure("perceptron-or-xor")
def or_and_xor(lang: str) -> Figure:
    """OR: one line separates the outputs. XOR: no single line can."""
    ja = lang == "ja"
    fig = Figure(figsize=(6, 3.5), layout="constrained")
    left, right = fig.subplots(1, 2)
    _points(left, OR, ja)
    _line(left, 0.5, 0.5, -0.2, above=True)  # OR's weights and bias
    left.set_title("OR：直線 1 本で分けられる" if ja else "OR: one line separates them", fontsize=TITLE)
    _points(right, XOR, ja)
    right.set_title("XOR：直線 1 本では分けられない" if ja else "XOR: no single line can", fontsize=TITLE)
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=LABEL)
    return fig


@figure("perceptron-xor-two-lines")
def xor_two_lines(lang: str) -> Figure:
    """XOR as the band between NAND's line and OR's line: two perceptrons, then AND."""
    ja = lang == "ja"
    fig = Figure(figsize=(4.2, 4.6), layout="constrained")
    ax = fig.add_subplot()
    _points(ax, XOR, ja)
    x2_or = -(0.5 * X1 - 0.2) / 0.5  # OR fires above this line
    x2_nand = -(-0.5 * X1 + 0.7) / -0.5  # NAND fires below this line
    ax.plot(X1, x2_or, color=LINE, linewidth=2, label="OR")
    ax.plot(X1, x2_nand, color=LINE, linewidth=2, linestyle="--", label="NAND")
    ax.fill_between(X1, x2_or, x2_nand, color=ONE, alpha=0.15, linewidth=0)
    ax.set_title("NAND と OR の両方が 1 の帯" if ja else "Where NAND and OR are both 1", fontsize=TITLE)
    fig.legend(loc="outside lower center", ncols=2, fontsize=LABEL)
    return fig
