r"""Loss functions: how far the network's output y is from the answer t.

Each loss returns a 0-dim tensor of y's dtype, averaged over the batch, so
that its size does not grow with the batch size (and the gradient of
``SoftmaxWithLoss``, divided by N, matches it). ``zeronn.functions``
re-exports them.
"""

from __future__ import annotations

import torch

from zeronn._checks import (
    check_floating,
    check_not_empty,
    check_same_device,
    check_same_dtype,
    check_tensor,
    shape_str,
)


def cross_entropy_error(y: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    r"""Cross-entropy error averaged over the batch, $E = -\frac{1}{N}\sum_n \sum_k t_{nk} \log y_{nk}$.

    y: probabilities in [0, 1], (N, C), or one sample (C,). t: class indices
    (N,) of any integer dtype (a 0-dim index for one sample), or one-hot (or
    soft) labels of y's shape and dtype. Returns a 0-dim tensor of y's dtype.

    Example:
        >>> import torch
        >>> from zeronn.functions import cross_entropy_error
        >>> y = torch.tensor([[0.1, 0.9], [0.8, 0.2]])
        >>> cross_entropy_error(y, torch.tensor([1, 0]))
        tensor(0.1643)
    """
    y, t = _as_batch(y, t)
    # log(0) = -inf. Clamping at tiny, the smallest normal number, keeps the
    # loss finite (at most -log(tiny): 87 in float32, 708 in float64) and
    # leaves every y >= tiny as it is, unlike the book's "+ 1e-7", which
    # shifts every log a little (and caps the loss at 16).
    log_y = torch.log(y.clamp_min(torch.finfo(y.dtype).tiny))
    if t.is_floating_point():
        return -(t * log_y).sum() / y.shape[0]
    return -log_y.gather(1, t.long().unsqueeze(1)).mean()  # gather takes int64 indices


def _as_batch(y: torch.Tensor, t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Check (y, t) and return them as a batch: y (N, C), t (N,) or (N, C)."""
    owner = "cross_entropy_error"
    check_floating(owner, "y", check_tensor(owner, "y", y))
    check_tensor(owner, "t", t)
    if y.dim() not in (1, 2) or y.numel() == 0:
        raise ValueError(f"{owner} expects y of shape (N, C) or (C,), not empty, got y of shape {shape_str(y.shape)}")
    if ((y < 0) | (y > 1)).any():
        raise ValueError(
            f"{owner} expects y as probabilities in [0, 1] (softmax's output), "
            f"got values from {y.min().item():.4g} to {y.max().item():.4g}"
        )
    if y.dim() == 1:  # one sample: make it a batch of one
        if t.dim() not in (0, 1):
            raise ValueError(f"{owner} with y of shape {shape_str(y.shape)} expects t of shape () or "
                             f"{shape_str(y.shape)}, got t of shape {shape_str(t.shape)}")
        y, t = y.unsqueeze(0), t.unsqueeze(0)
    check_targets(owner, "y", y, t)
    return y, t


def check_targets(owner: str, name: str, y: torch.Tensor, t: torch.Tensor) -> None:
    """Raise unless y is (N, C), N, C >= 1, and t its answers: class indices (N,) or one-hot labels (N, C).

    Indices: any integer dtype, each in [0, C). One-hot (or soft) labels: y's
    dtype. The loss layer and ``Network.accuracy`` check their answers with this.
    """
    if y.dim() != 2 or y.numel() == 0:
        raise ValueError(f"{owner} expects {name} of shape (N, C) with N, C >= 1, got {name} of shape {shape_str(y.shape)}")
    check_tensor(owner, "t", t)
    check_same_device(owner, name, y, "t", t)
    if not t.is_floating_point():
        check_labels(owner, t, *y.shape)
    elif t.shape != y.shape:
        raise ValueError(
            f"{owner} with {name} of shape {shape_str(y.shape)} expects t as labels of shape ({y.shape[0]},) "
            f"or one-hot of shape {shape_str(y.shape)}, got t of shape {shape_str(t.shape)} and dtype {t.dtype}"
        )
    else:
        check_same_dtype(owner, name, y, "t", t)


def check_labels(owner: str, t: torch.Tensor, N: int, C: int) -> None:
    """Raise ``ValueError`` unless t holds N class indices of an integer dtype, each in [0, C)."""
    if t.dtype == torch.bool or t.is_floating_point() or t.is_complex():
        raise ValueError(f"{owner} expects t as class indices of an integer dtype, got {t.dtype}")
    if t.shape != (N,):
        hint = " (t.reshape(-1) makes it (N,))" if t.shape == (N, 1) else ""
        raise ValueError(
            f"{owner} expects t of shape ({N},), one label for each of the {N} rows, "
            f"got t of shape {shape_str(t.shape)}{hint}"
        )
    if t.min() < 0 or t.max() >= C:
        raise ValueError(
            f"{owner} expects labels in [0, {C}) for {C} classes, "
            f"got labels from {int(t.min())} to {int(t.max())}"
        )


def _check_same_shape(owner: str, y: torch.Tensor, t: torch.Tensor) -> None:
    for name, value in (("y", y), ("t", t)):
        check_floating(owner, name, check_tensor(owner, name, value))
    if y.shape != t.shape:
        raise ValueError(
            f"{owner} expects y and t of the same shape, "
            f"got y of shape {shape_str(y.shape)} and t of shape {shape_str(t.shape)}"
        )
    check_not_empty(owner, "y", y)
    check_same_dtype(owner, "y", y, "t", t)
    check_same_device(owner, "y", y, "t", t)


def mean_squared_error(y: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    r"""Mean squared error, the mean over every element: $E = \frac{1}{NC}\sum_{n,k} (y_{nk} - t_{nk})^2$.

    y, t: floating tensors of the same shape, e.g. (N, C) or (C,). Returns a
    0-dim tensor. This is what the name says (and what ``torch.nn.MSELoss``
    computes); the book's function of this name is :func:`sum_squared_error`.

    Example:
        >>> import torch
        >>> from zeronn.functions import mean_squared_error
        >>> mean_squared_error(torch.tensor([0.5, 0.5]), torch.tensor([0.0, 1.0]))
        tensor(0.2500)
    """
    _check_same_shape("mean_squared_error", y, t)
    return ((y - t) ** 2).mean()


def sum_squared_error(y: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    r"""The book's sum of squared errors, averaged over the batch: $E = \frac{1}{N}\sum_n \frac{1}{2}\sum_k (y_{nk} - t_{nk})^2$.

    y, t: floating tensors of the same shape, (N, C), or one sample (C,), for
    which $E = \frac{1}{2}\sum_k (y_k - t_k)^2$. The $\frac{1}{2}$ makes the
    gradient simply $(y - t) / N$. Returns a 0-dim tensor.

    Example:
        >>> import torch
        >>> from zeronn.functions import sum_squared_error
        >>> sum_squared_error(torch.tensor([0.5, 0.5]), torch.tensor([0.0, 1.0]))
        tensor(0.2500)
    """
    _check_same_shape("sum_squared_error", y, t)
    N = y.shape[0] if y.dim() > 1 else 1  # (C,) is one sample
    return 0.5 * ((y - t) ** 2).sum() / N
