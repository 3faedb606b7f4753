"""Training by mini-batches: the loop of forward, backward and update."""

from __future__ import annotations

import math
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import torch
from tqdm import tqdm

from zeronn._checks import check_int, check_tensor, shape_str
from zeronn.network import Network


@dataclass
class History:
    """What ``train`` measured, one entry per epoch.

    loss: mean training loss over the epoch's samples; train_acc and test_acc:
    accuracy on the whole training and test sets after the epoch (test_acc
    stays empty when ``train`` got no test set); seconds: wall-clock time of
    the epoch, training and measuring together.

    Example:
        >>> from zeronn import History
        >>> History().loss
        []
    """

    loss: list[float] = field(default_factory=list)
    train_acc: list[float] = field(default_factory=list)
    test_acc: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


def train(
    network: Network, optimizer: Any,
    x_train: torch.Tensor, t_train: torch.Tensor, x_test: torch.Tensor | None = None, t_test: torch.Tensor | None = None,
    *, epochs: int, batch_size: int, seed: int = 0, progress: bool = True,
) -> History:
    """Train ``network`` with ``optimizer`` for ``epochs`` passes over the training data.

    x_train (N, D), t_train (N,) or (N, C); the same for the test set, whose
    accuracy is measured after every epoch. Each epoch shuffles the N samples
    with a ``torch.Generator`` seeded with ``seed`` (so a run is repeatable)
    and visits each sample once, in batches of ``batch_size`` (the last one
    may be smaller). A progress bar goes to stderr unless ``progress=False``.

    At the first batch whose loss is nan or inf, it stops and raises
    :class:`NonFiniteLossError` (a ``FloatingPointError``) naming the epoch,
    the batch and the usual causes: every later step would be nan too.

    x_test and t_test may be left out together: while choosing settings
    such as the learning rate, train without them, measure
    ``network.accuracy(x_val, t_val)`` on validation data, and keep the
    test set for one measurement at the end.

    Example:
        >>> import torch
        >>> from zeronn import SGD, mlp, train
        >>> x, t = torch.tensor([[0.0, 1.0], [1.0, 0.0]]), torch.tensor([1, 0])
        >>> history = train(mlp([2, 4, 2]), SGD(lr=0.5), x, t, x, t, epochs=3, batch_size=2, progress=False)
        >>> len(history.loss), history.test_acc[-1]
        (3, 1.0)
    """
    _check_args(network, optimizer, x_train, t_train, x_test, t_test, epochs, batch_size, seed)
    generator = torch.Generator().manual_seed(int(seed))
    history = History()
    for epoch in tqdm(range(1, int(epochs) + 1), desc="epochs", file=sys.stderr, disable=not progress):
        start = time.perf_counter()
        loss = _one_epoch(network, optimizer, x_train, t_train, int(batch_size), generator, epoch)
        history.loss.append(loss)
        history.train_acc.append(network.accuracy(x_train, t_train))
        if x_test is not None:
            history.test_acc.append(network.accuracy(x_test, t_test))
        history.seconds.append(time.perf_counter() - start)
    return history


def _one_epoch(
    network: Network, optimizer: Any, x: torch.Tensor, t: torch.Tensor, batch_size: int,
    generator: torch.Generator, epoch: int,
) -> float:
    """One pass over (x, t) in shuffled mini-batches; return the mean loss per sample."""
    N = x.shape[0]
    order = torch.randperm(N, generator=generator).to(x.device)
    total = 0.0
    for number, start in enumerate(range(0, N, batch_size), 1):
        batch = order[start : start + batch_size]
        loss = network.gradient(x[batch], t[batch]).item()
        if not math.isfinite(loss):
            raise NonFiniteLossError(epoch, number, loss, optimizer)
        optimizer.update(network.params(), network.grads())
        total += loss * len(batch)  # weighted, since the last batch may be smaller
    return total / N


class NonFiniteLossError(FloatingPointError):
    """``train`` stops here: a batch's loss was nan or inf, and every later step would be too."""

    def __init__(self, epoch: int, batch: int, loss: float, optimizer: Any) -> None:
        lr = getattr(optimizer, "lr", None)
        step = f" (lr={lr:g})" if isinstance(lr, (int, float)) else ""
        super().__init__(
            f"train stopped at epoch {epoch}, batch {batch}: the loss is {loss}. The usual causes: a learning "
            f"rate too large for this network{step}, or inputs on a large scale (divide them down, e.g. to [0, 1])"
        )
        self.epoch, self.batch, self.loss = epoch, batch, loss


def _check_args(
    network: Any, optimizer: Any, x_train: torch.Tensor, t_train: torch.Tensor,
    x_test: torch.Tensor | None, t_test: torch.Tensor | None, epochs: int, batch_size: int, seed: int,
) -> None:
    if not isinstance(network, Network):
        raise TypeError(f"train expects network to be a zeronn.Network (mlp builds one), got {type(network).__name__}")
    if not callable(getattr(optimizer, "update", None)):
        raise TypeError(f"train expects optimizer with an update(params, grads) method, such as SGD, got {type(optimizer).__name__}")
    for name, value in (("epochs", epochs), ("batch_size", batch_size)):
        if check_int("train", name, value) < 1:
            raise ValueError(f"train expects {name} >= 1, got {name} = {value!r}")
    if not 0 <= check_int("train", "seed", seed) < 2**63:
        raise ValueError(f"train expects seed >= 0, got seed = {seed!r}")
    if (x_test is None) != (t_test is None):
        given = "x_test" if t_test is None else "t_test"
        raise ValueError(f"train expects x_test and t_test together, or neither, got {given} only")
    pairs = [("x_train", x_train, "t_train", t_train)]
    if x_test is not None:
        pairs.append(("x_test", x_test, "t_test", t_test))
    for x_name, x, t_name, t in pairs:
        check_tensor("train", x_name, x)
        check_tensor("train", t_name, t)
        if x.dim() < 1 or t.dim() < 1 or x.shape[0] != t.shape[0] or x.shape[0] == 0:
            raise ValueError(
                f"train expects {x_name} and {t_name} with the same number (>= 1) of rows, "
                f"got {x_name} of shape {shape_str(x.shape)} and {t_name} of shape {shape_str(t.shape)}"
            )
