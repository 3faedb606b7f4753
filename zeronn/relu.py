"""The ReLU activation layer: ``y = max(0, x)``."""

from __future__ import annotations

import torch

from zeronn._checks import check_dout, check_forward_done, check_tensor


class Relu:
    r"""ReLU layer, $y = \max(0, x)$, applied elementwise.

    ``forward(x)`` returns a new tensor of the shape of x and keeps it as
    ``out``. ``mask`` is a boolean tensor that is True where $x \le 0$, read
    from ``out`` when asked for (out is 0 exactly there). ``backward(dout)``
    passes the gradient where $x > 0$ and blocks it (0) elsewhere, x = 0 included:

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
        self.out: torch.Tensor | None = None

    @property
    def mask(self) -> torch.Tensor | None:
        """True where the input was <= 0, the places where backward blocks the gradient."""
        return None if self.out is None else self.out <= 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return max(0, x) as a new tensor; keep it as ``out``."""
        check_tensor("Relu", "x", x)
        # threshold(x, 0, 0): x where x > 0, else 0 (+0.0, even for x = -0.0).
        self.out = torch.threshold(x, 0, 0)
        return self.out

    def backward(self, dout: torch.Tensor) -> torch.Tensor:
        """Return ``dout`` where the input was > 0 and 0 elsewhere (a new tensor)."""
        check_forward_done("Relu", self.out)
        check_dout("Relu", dout, self.out.shape)
        # out >= 0, so sign(out) is 1 where x > 0 and 0 where x <= 0: the
        # derivative, as numbers. "+ 0" turns the -0.0 of a negative dout
        # times 0 into 0.0. (Reading a bool mask is many times slower on CPU.)
        return dout * torch.sign(self.out) + 0
