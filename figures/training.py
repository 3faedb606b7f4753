"""Figures of the learning chapter: the digits, the curves of the training run the page shows,
and the regions a small trained network gives to the two classes of XOR."""

from __future__ import annotations

from functools import lru_cache

import torch
from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figures import figure
from figures.perceptron import ONE, ZERO
from zeronn import SGD, History, Network, load_digits, mlp, train

# The run of docs/*/training.md, section "train": keep both in step.
SIZES, SEED, LR, BATCH_SIZE, EPOCHS = [64, 50, 10], 0, 0.1, 32, 20

LOSS = "#3f7fe0"
TRAIN = "#3f7fe0"
TEST = "#e8730c"


@lru_cache(maxsize=1)
def _history() -> History:
    """Train once per process: both languages and both themes draw the same run."""
    x_train, t_train, x_test, t_test = load_digits()
    net = mlp(SIZES, seed=SEED)
    return train(net, SGD(lr=LR), x_train, t_train, x_test, t_test,
                 epochs=EPOCHS, batch_size=BATCH_SIZE, seed=SEED, progress=False)


@figure("training-curves")
def training_curves(lang: str) -> Figure:
    """Mean training loss (left) and train/test accuracy (right), epoch by epoch."""
    ja = lang == "ja"
    history = _history()
    epochs = range(1, len(history.loss) + 1)
    fig = Figure(figsize=(7.2, 3.2), layout="constrained")
    left, right = fig.subplots(1, 2)

    left.plot(epochs, history.loss, color=LOSS, linewidth=2, marker="o", markersize=3)
    left.set_title("損失（訓練データ）" if ja else "loss (training data)")
    left.set_ylim(bottom=0)

    right.plot(epochs, history.train_acc, color=TRAIN, linewidth=2, marker="o", markersize=3,
               label="訓練データ" if ja else "training data")
    right.plot(epochs, history.test_acc, color=TEST, linewidth=2, marker="s", markersize=3,
               linestyle="--", label="テストデータ" if ja else "test data")
    right.set_title("正解率" if ja else "accuracy")
    right.set_ylim(0.75, 1.0)
    right.legend(loc="lower right")

    for ax in (left, right):
        ax.set_xlabel("エポック" if ja else "epoch")
        ax.set_xticks([1, 5, 10, 15, 20])
    return fig


@figure("digits-samples")
def digits_samples(lang: str) -> Figure:
    """The first ten training images, 8×8 pixels, with their labels."""
    ja = lang == "ja"
    x_train, t_train, _, _ = load_digits()
    fig = Figure(figsize=(7.2, 1.25), layout="constrained")
    for i, ax in enumerate(fig.subplots(1, 10)):
        ax.imshow(x_train[i].reshape(8, 8).numpy(), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"{t_train[i].item()}", fontsize=11)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    fig.suptitle("訓練データの最初の 10 枚と正解" if ja else "the first ten training images and their labels",
                 fontsize=10)
    return fig


# The XOR run of docs/*/training.md, section "decision-boundary": keep both in step.
XOR_NETS = ([2, 2], [2, 8, 2])  # no hidden layer; a hidden layer of 8 ReLU units
XOR_LR, XOR_EPOCHS, XOR_BATCH_SIZE = 0.3, 50, 20


def xor_clouds(n: int = 50, noise: float = 0.15, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """n noisy points around each corner of the unit square, labelled with XOR of the corner."""
    g = torch.Generator().manual_seed(seed)
    corners = torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    labels = torch.tensor([0, 1, 1, 0])
    x = corners.repeat_interleave(n, dim=0) + noise * torch.randn(4 * n, 2, generator=g)
    return x, labels.repeat_interleave(n)


@lru_cache(maxsize=None)
def _xor_net(sizes: tuple[int, ...]) -> tuple[Network, float]:
    x, t = xor_clouds()
    net = mlp(list(sizes), seed=0)
    train(net, SGD(lr=XOR_LR), x, t, epochs=XOR_EPOCHS, batch_size=XOR_BATCH_SIZE, progress=False)
    return net, net.accuracy(x, t)


def _regions(ax: Axes, net: Network) -> None:
    """Shade the plane by the class the network picks, and draw the line where the two scores are equal."""
    side = torch.linspace(-0.6, 1.6, 221)
    gx, gy = torch.meshgrid(side, side, indexing="xy")
    scores = net.predict(torch.stack([gx.flatten(), gy.flatten()], dim=1))
    margin = (scores[:, 1] - scores[:, 0]).reshape(gx.shape)  # > 0 where class 1 wins
    ax.contourf(gx, gy, margin, levels=[-1e9, 0, 1e9], colors=[ZERO, ONE], alpha=0.22)
    ax.contour(gx, gy, margin, levels=[0], colors=[rcParams["text.color"]], linewidths=1.5)


@figure("xor-boundary")
def xor_boundary(lang: str) -> Figure:
    """The XOR clouds and the regions of two trained networks: without and with a hidden layer."""
    ja = lang == "ja"
    x, t = xor_clouds()
    fig = Figure(figsize=(7.2, 3.9), layout="constrained")
    for ax, sizes in zip(fig.subplots(1, 2), XOR_NETS):
        net, accuracy = _xor_net(tuple(sizes))
        _regions(ax, net)
        ones, zeros = x[t == 1], x[t == 0]
        ax.scatter(ones[:, 0], ones[:, 1], s=16, marker="o", color=ONE, label="XOR = 1")
        ax.scatter(zeros[:, 0], zeros[:, 1], s=16, marker="s", color=ZERO, label="XOR = 0")
        shape = "-".join(map(str, sizes))
        if len(sizes) == 2:
            title = f"隠れ層なし（{shape}）" if ja else f"no hidden layer ({shape})"
        else:
            title = f"隠れ層 {sizes[1]} ユニット（{shape}）" if ja else f"a hidden layer of {sizes[1]} ({shape})"
        ax.set_title(title, fontsize=12)
        ax.text(0.5, -0.2, f"訓練データの正解率 {accuracy:.2f}" if ja else f"training accuracy {accuracy:.2f}",
                transform=ax.transAxes, ha="center", va="top", fontsize=11)
        ax.set_xlim(-0.6, 1.6)
        ax.set_ylim(-0.6, 1.6)
        ax.set_aspect("equal")
        ax.set_xticks([0, 1])
        ax.set_yticks([0, 1])
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.grid(False)
    handles, labels = fig.axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=11, markerscale=1.6)
    return fig
