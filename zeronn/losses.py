r"""Loss functions: how far the network's output y is from the answer t.

Each loss returns a 0-dim tensor of y's dtype, averaged over the batch, so
that its size does not grow with the batch size (and the gradient of
``SoftmaxWithLoss``, divided by N, matches it). ``zeronn.functions``
re-exports them.
"""

from __future__ import annotations

import torch

from zeronn._checks import check_floating, check_same_device, check_same_dtype, check_tensor, shape_str


def cross_entropy_error(y: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    r"""Cross-entropy error averaged over the batch, $E = -\frac{1}{N}\sum_n \sum_k t_{nk} \log y_{nk}$.

    y: probabilities, (N, C), or one sample (C,). t: class indices (N,) of an
    integer dtype (a 0-dim index for one sample), or one-hot (or soft) labels
    of y's shape and dtype. Returns a 0-dim tensor of y's dtype.

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
    return -log_y.gather(1, t.unsqueeze(1)).mean()


def _as_batch(y: torch.Tensor, t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Check (y, t) and return them as a batch: y (N, C), t (N,) or (N, C)."""
    _check_y_t("cross_entropy_error", y, t)
    _check_shapes(y, t)
    if y.dim() == 1:  # one sample: make it a batch of one
        y, t = y.unsqueeze(0), t.unsqueeze(0)
    if not t.is_floating_point():
        check_labels("cross_entropy_error", t, y.shape[0], y.shape[1])
    return y, t


def _check_shapes(y: torch.Tensor, t: torch.Tensor) -> None:
    """y: (N, C) or (C,); t: indices y.shape[:-1], or labels of y's shape."""
    if y.dim() not in (1, 2) or y.numel() == 0:
        raise ValueError(
            "cross_entropy_error expects y of shape (N, C) or (C,), not empty, "
            f"got y of shape {shape_str(y.shape)}"
        )
    expected = y.shape if t.is_floating_point() else y.shape[:-1]
    if t.shape != expected:
        raise ValueError(
            f"cross_entropy_error with y of shape {shape_str(y.shape)} expects t of shape "
            f"{shape_str(expected)}, got t of shape {shape_str(t.shape)}"
        )


def check_labels(owner: str, t: torch.Tensor, N: int, C: int) -> None:
    """Raise unless t holds N class indices of an integer dtype, each in [0, C)."""
    if t.dtype == torch.bool or t.is_floating_point() or t.is_complex():
        raise TypeError(f"{owner} expects t as class indices of an integer dtype, got {t.dtype}")
    if t.shape != (N,):
        raise ValueError(
            f"{owner} expects t of shape ({N},), one label for each of the {N} rows, "
            f"got t of shape {shape_str(t.shape)}"
        )
    if N and (t.min() < 0 or t.max() >= C):
        raise ValueError(
            f"{owner} expects labels in [0, {C}) for {C} classes, "
            f"got labels from {int(t.min())} to {int(t.max())}"
        )


def _check_y_t(owner: str, y: torch.Tensor, t: torch.Tensor) -> None:
    check_tensor(owner, "y", y)
    check_tensor(owner, "t", t)
    check_floating(owner, "y", y)
    if t.dtype == torch.bool or t.is_complex():
        raise TypeError(f"{owner} expects t of an integer or floating-point dtype, got {t.dtype}")
    if t.is_floating_point():
        check_same_dtype(owner, "y", y, "t", t)
    check_same_device(owner, "y", y, "t", t)


def _check_same_shape(owner: str, y: torch.Tensor, t: torch.Tensor) -> None:
    _check_y_t(owner, y, t)
    check_floating(owner, "t", t)
    if y.shape != t.shape or y.numel() == 0:
        raise ValueError(
            f"{owner} expects y and t of the same non-empty shape, "
            f"got y of shape {shape_str(y.shape)} and t of shape {shape_str(t.shape)}"
        )


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
