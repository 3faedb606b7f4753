"""Figure of the chapter "beyond": the paths of SGD, Momentum and Adam on an elongated bowl."""

from __future__ import annotations

import torch
from matplotlib import rcParams
from matplotlib.figure import Figure

from figures import figure
from zeronn import SGD, Adam, Momentum

# The run of docs/*/beyond.md, section "comparison": keep both in step.
START, STEPS = (-7.0, 2.0), 30
OPTIMIZERS = [  # name, optimizer, learning rate, colour
    ("SGD", lambda: SGD(lr=0.95), 0.95, "#3f7fe0"),
    ("Momentum", lambda: Momentum(lr=0.1, momentum=0.9), 0.1, "#e8730c"),
    ("Adam", lambda: Adam(lr=0.3), 0.3, "#2ea043"),
]


def bowl(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """f(x, y) = x²/20 + y²: twenty times steeper along y than along x."""
    return x**2 / 20 + y**2


def path(optimizer) -> torch.Tensor:
    """The points (STEPS + 1, 2) that ``optimizer`` visits from START, with the exact gradient (x/10, 2y)."""
    x, y = (torch.tensor([v], dtype=torch.float64) for v in START)
    points = [(x.item(), y.item())]
    for _ in range(STEPS):
        optimizer.update([x, y], [x / 10, 2 * y])
        points.append((x.item(), y.item()))
    return torch.tensor(points)


@figure("optimizer-paths")
def optimizer_paths(lang: str) -> Figure:
    """Contour lines of the bowl and the 30 steps of each optimizer, one panel each."""
    ja = lang == "ja"
    gx, gy = torch.meshgrid(torch.linspace(-8.5, 2.5, 221), torch.linspace(-2.5, 2.5, 101), indexing="xy")
    fig = Figure(figsize=(7.2, 3.0), layout="constrained")
    axes = fig.subplots(1, 3, sharey=True)
    for ax, (name, make, lr, colour) in zip(axes, OPTIMIZERS):
        ax.contour(gx, gy, bowl(gx, gy), levels=[0.25, 0.5, 1, 2, 3, 4], colors=[rcParams["text.color"]],
                   linewidths=0.7, alpha=0.35)
        points = path(make())
        ax.plot(points[:, 0], points[:, 1], color=colour, linewidth=1.5, marker="o", markersize=3)
        ax.plot(*START, marker="o", markersize=6, color=colour)
        ax.plot(0, 0, marker="+", markersize=10, markeredgewidth=2, color=rcParams["text.color"])
        ax.set_title(f"{name}（学習率 {lr}）" if ja else f"{name} (learning rate {lr})", fontsize=11)
        ax.set_xlim(-8.5, 2.5)
        ax.set_ylim(-2.5, 2.5)
        ax.set_xticks([-6, -3, 0])
        ax.set_xlabel("$x$")
        ax.grid(False)
    axes[0].set_ylabel("$y$")
    fig.suptitle("$f(x, y) = x^2/20 + y^2$ の最小値を (-7, 2) から 30 回の更新で探す" if ja
                 else "30 updates on $f(x, y) = x^2/20 + y^2$ from (-7, 2)", fontsize=11)
    return fig
