"""The ReLU activation layer: ``y = max(0, x)``."""

from __future__ import annotations

import torch

from zeronn._checks import real_tensor, checks_dout, checks_input


class Relu:
    r"""ReLU layer, $y = \max(0, x)$, applied elementwise.

    ``forward(x)`` returns a new tensor of the shape of x and keeps ``mask``,
    a boolean tensor that is True where $x \le 0$. ``backward(dout)`` passes
    the gradient where $x > 0$ and blocks it (0) where the mask is True,
    x = 0 included:

    $$\frac{\partial y}{\partial x} = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}$$

    Example:
        >>> import torch
        >>> from zeronn import Relu
        >>> relu = Relu()
        >>> relu.forward(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([0., 0., 2.])
        >>> relu.mask
        tensor([ True,  True, False])
    """

    def __init__(self) -> None:
        self.mask: torch.Tensor | None = None

    @checks_input(real_tensor)
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.mask = x <= 0
        return x.clamp(min=0)  # max(0, x), as a new tensor: x itself is left alone

    @checks_dout
    def backward(self, dout: torch.Tensor) -> torch.Tensor:
        return dout * ~self.mask  # dout where x > 0, 0 where x <= 0
