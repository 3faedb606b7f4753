"""The ReLU activation layer: ``y = max(0, x)``."""

from __future__ import annotations

import torch

from zeronn._checks import check_dout, check_forward_done, check_tensor


class Relu:
    r"""ReLU layer, $y = \max(0, x)$, applied elementwise.

    ``forward(x)`` returns a new tensor of the shape of x and keeps ``mask``,
    a boolean tensor that is True where $x \le 0$. ``backward(dout)`` passes
    the gradient where $x > 0$ and blocks it (0) elsewhere, x = 0 included:

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

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return max(0, x) as a new tensor; keep ``mask = (x <= 0)``."""
        check_tensor("Relu", "x", x)
        self.mask = x <= 0
        # masked_fill writes +0.0, never -0.0, and leaves x untouched.
        return x.masked_fill(self.mask, 0)

    def backward(self, dout: torch.Tensor) -> torch.Tensor:
        """Return ``dout`` with the masked places set to 0 (a new tensor)."""
        check_forward_done("Relu", self.mask)
        check_dout("Relu", dout, self.mask.shape)
        return dout.masked_fill(self.mask, 0)
