r"""The output layer for classification: softmax followed by cross-entropy error."""

from __future__ import annotations

import torch

from zeronn._checks import check_floating, check_forward_done, check_number, check_real, check_tensor, shape_str
from zeronn.functions import log_softmax
from zeronn.losses import check_targets


class SoftmaxWithLoss:
    r"""Softmax and cross-entropy error in one layer, averaged over the batch.

    ``forward(x, t)`` takes scores x (N, C) and answers t: class indices (N,)
    of any integer dtype, or one-hot labels (N, C) of x's dtype. It returns
    the loss as a 0-dim tensor,

    $$L = -\frac{1}{N}\sum_n \sum_k t_{nk} \log y_{nk}, \qquad y = \mathrm{softmax}(x),$$

    computed as $\log y = x - \log\sum e^{x}$ (log-sum-exp), so that it stays
    finite even for scores of ±1000, and with $0 \cdot \log y = 0$, so that
    one-hot labels give the same loss as class indices. It keeps ``y`` (N, C) and ``t``.
    ``backward(dout=1.0)`` returns the gradient with respect to x, shape (N, C):

    $$\frac{\partial L}{\partial x} = \mathrm{dout}\cdot\frac{y - t}{N}$$

    Example:
        >>> import torch
        >>> from zeronn import SoftmaxWithLoss
        >>> layer = SoftmaxWithLoss()
        >>> layer.forward(torch.tensor([[0.0, 0.0], [1000.0, -1000.0]]), torch.tensor([0, 0]))
        tensor(0.3466)
        >>> layer.backward()
        tensor([[-0.2500,  0.2500],
                [ 0.0000,  0.0000]])
    """

    def __init__(self) -> None:
        self.y: torch.Tensor | None = None
        self.t: torch.Tensor | None = None
        self.loss: torch.Tensor | None = None

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Return the mean cross-entropy of softmax(x) against t; keep ``y`` and ``t``."""
        _check_input(x, t)
        log_y = log_softmax(x)
        self.y, self.t = torch.exp(log_y), t
        if t.is_floating_point():
            # where t = 0 the term is 0, even where log y underflowed to -inf (0 · -inf is NaN)
            self.loss = -(t * log_y.masked_fill(t == 0, 0)).sum() / x.shape[0]
        else:
            self.loss = -log_y.gather(1, t.long().unsqueeze(1)).mean()  # gather takes int64 indices
        return self.loss

    def backward(self, dout: float | torch.Tensor = 1.0) -> torch.Tensor:
        """Return ``dout * (y - t) / N``, shape (N, C), with t as one-hot."""
        check_forward_done("SoftmaxWithLoss", self.y)
        _check_scalar_dout(dout)
        N = self.y.shape[0]
        return dout * (self.y - self._one_hot()) / N

    def _one_hot(self) -> torch.Tensor:
        if self.t.is_floating_point():
            return self.t
        # A row of zeros with 1 written at column t[n]: no bool tensor on the way.
        return torch.zeros_like(self.y).scatter_(1, self.t.long().unsqueeze(1), 1.0)


def _check_input(x: torch.Tensor, t: torch.Tensor) -> None:
    """x: scores (N, C) of a floating-point dtype; t: indices (N,) in [0, C) or one-hot (N, C)."""
    check_floating("SoftmaxWithLoss", "x", check_tensor("SoftmaxWithLoss", "x", x))
    check_targets("SoftmaxWithLoss", "x", x, t)


def _check_scalar_dout(dout: float | torch.Tensor) -> None:
    """dout is the gradient of the loss, a scalar: a number or a 0-dim tensor of real numbers."""
    owner = "SoftmaxWithLoss.backward"
    if not isinstance(dout, torch.Tensor):
        check_number(owner, "dout", dout)
        return
    check_real(owner, "dout", check_tensor(owner, "dout", dout))
    if dout.dim() != 0:
        raise ValueError(
            f"{owner} expects dout as a number or a 0-dim tensor "
            f"(the shape of the loss), got dout of shape {shape_str(dout.shape)}"
        )
