"""Figures of the activation-function chapter, drawn with zeronn's own functions."""

from __future__ import annotations

import torch
from matplotlib.figure import Figure

from figures import figure
from zeronn.functions import (
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    step_function,
    step_grad,
    tanh,
    tanh_grad,
)

# Colours that read on both Material's white page and its dark slate page.
CURVE = "#3f7fe0"
DERIVATIVE = "#e8730c"

# Text sizes in points, large enough to read when a phone shrinks the figure to its width.
TITLE, LABEL, TICK = 13, 12, 11

# (title ja, title en, function, derivative, y limits)
PANELS = [
    ("ステップ関数", "step function", step_function, step_grad, (-0.2, 1.2)),
    ("シグモイド関数", "sigmoid", sigmoid, sigmoid_grad, (-0.2, 1.2)),
    ("ReLU", "ReLU", relu, relu_grad, (-0.5, 3.2)),
    ("tanh", "tanh", tanh, tanh_grad, (-1.2, 1.2)),
]


@figure("activation-functions")
def activation_functions(lang: str) -> Figure:
    """Step, sigmoid, ReLU and tanh (solid) with their derivatives (dashed), x in [-3, 3]."""
    ja = lang == "ja"
    x = torch.linspace(-3, 3, 601, dtype=torch.float64)
    fig = Figure(figsize=(6, 4.8), layout="constrained")
    axes = fig.subplots(2, 2, sharex=True)
    for ax, (title_ja, title_en, f, df, ylim) in zip(axes.flat, PANELS):
        y, dy = f(x), df(x)
        ax.plot(x, y, color=CURVE, linewidth=2, label="関数" if ja else "function")
        ax.plot(x, dy, color=DERIVATIVE, linewidth=2, linestyle="--", label="導関数" if ja else "derivative")
        ax.set_title(title_ja if ja else title_en, fontsize=TITLE)
        ax.tick_params(labelsize=TICK)
        ax.set_ylim(*ylim)
        ax.axhline(0, color=ax.xaxis.label.get_color(), linewidth=0.6)
        ax.axvline(0, color=ax.xaxis.label.get_color(), linewidth=0.6)
    for ax in axes[1]:
        ax.set_xlabel("入力 x" if ja else "input x", fontsize=LABEL)
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=LABEL)
    return fig
