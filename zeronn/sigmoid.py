"""The sigmoid activation layer: ``y = 1 / (1 + exp(-x))``."""

from __future__ import annotations

import torch

from zeronn._checks import checks_dout, checks_input, floating_tensor
from zeronn.functions import sigmoid


class Sigmoid:
    r"""Sigmoid layer, $y = \dfrac{1}{1 + e^{-x}}$, applied elementwise.

    ``forward(x)`` takes a floating-point tensor of any shape and keeps the
    output ``out``; ``backward(dout)`` uses it, since
    $\dfrac{\partial y}{\partial x} = y\,(1 - y)$. The forward pass is
    :func:`zeronn.functions.sigmoid`, which never overflows.

    Example:
        >>> import torch
        >>> from zeronn import Sigmoid
        >>> Sigmoid().forward(torch.tensor([-1000.0, 0.0, 1000.0]))
        tensor([0.0000, 0.5000, 1.0000])
    """

    def __init__(self) -> None:
        self.out: torch.Tensor | None = None

    @checks_input(floating_tensor)
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.out = sigmoid(x)
        return self.out

    @checks_dout
    def backward(self, dout: torch.Tensor) -> torch.Tensor:
        return dout * self.out * (1 - self.out)
