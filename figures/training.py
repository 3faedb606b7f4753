"""Figures of the learning chapter: the digits, and the curves of the training run the page shows."""

from __future__ import annotations

from functools import lru_cache

from matplotlib.figure import Figure

from figures import figure
from zeronn import SGD, History, load_digits, mlp, train

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
