"""The tanh activation layer: ``y = tanh(x)``."""

from __future__ import annotations

import torch

from zeronn._checks import checks_dout, checks_input, floating_tensor


class Tanh:
    r"""Tanh layer, $y = \tanh(x) = \dfrac{e^{x} - e^{-x}}{e^{x} + e^{-x}}$, elementwise.

    ``forward(x)`` takes a floating-point tensor of any shape, returns a tensor
    of the same shape and keeps it as ``out``. ``backward(dout)`` (same shape)
    needs only that output, since

    $$\frac{\partial y}{\partial x} = 1 - y^2$$

    Example:
        >>> import torch
        >>> from zeronn import Tanh
        >>> layer = Tanh()
        >>> layer.forward(torch.tensor([-1000.0, 0.0, 1000.0]))
        tensor([-1.,  0.,  1.])
        >>> layer.backward(torch.ones(3))
        tensor([0., 1., 0.])
    """

    def __init__(self) -> None:
        self.out: torch.Tensor | None = None

    @checks_input(floating_tensor)
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # torch.tanh saturates to ±1 for large |x|; the exp formula would give inf/inf = NaN.
        self.out = torch.tanh(x)
        return self.out

    @checks_dout
    def backward(self, dout: torch.Tensor) -> torch.Tensor:
        return dout * (1 - self.out**2)
