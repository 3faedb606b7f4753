"""The sigmoid activation layer: ``y = 1 / (1 + exp(-x))``."""

from __future__ import annotations

import torch

from zeronn._checks import check_dout, check_floating, check_forward_done, check_tensor


def stable_sigmoid(x: torch.Tensor) -> torch.Tensor:
    r"""$\sigma(x) = 1 / (1 + e^{-x})$ without ever taking exp of a positive number.

    With $z = e^{-|x|} \in (0, 1]$: $\sigma(x) = 1/(1+z)$ for $x \ge 0$ and
    $z/(1+z)$ for $x < 0$. Both are exact rewrites, and neither overflows.
    """
    z = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + z), z / (1 + z))


class Sigmoid:
    r"""Sigmoid layer, $y = \dfrac{1}{1 + e^{-x}}$, applied elementwise.

    ``forward(x)`` takes a floating-point tensor of any shape and keeps the
    output ``out``; ``backward(dout)`` uses it, since
    $\dfrac{\partial y}{\partial x} = y\,(1 - y)$.

    Example:
        >>> import torch
        >>> from zeronn import Sigmoid
        >>> Sigmoid().forward(torch.tensor([-1000.0, 0.0, 1000.0]))
        tensor([0.0000, 0.5000, 1.0000])
    """

    def __init__(self) -> None:
        self.out: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return sigmoid(x); keep it as ``out``."""
        check_tensor("Sigmoid", "x", x)
        check_floating("Sigmoid", "x", x)
        # For x below about -88 (float32), exp(-x) overflows to inf, and
        # 1 / (1 + inf) = 0 is the right limit: no NaN, no warning in torch.
        # (stable_sigmoid never makes the inf, but its torch.where reads a
        # bool tensor, which is several times slower on CPU.)
        self.out = 1 / (1 + torch.exp(-x))
        return self.out

    def backward(self, dout: torch.Tensor) -> torch.Tensor:
        """Return ``dout * out * (1 - out)``."""
        check_forward_done("Sigmoid", self.out)
        check_dout("Sigmoid", dout, self.out.shape)
        return dout * self.out * (1 - self.out)
