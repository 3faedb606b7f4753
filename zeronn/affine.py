"""The fully connected (Affine) layer: ``Y = X·W + B``."""

from __future__ import annotations

import math

import torch

from zeronn._checks import (
    check_dout,
    check_floating,
    check_forward_done,
    check_same_device,
    check_same_dtype,
    check_tensor,
    shape_str,
)


class Affine:
    r"""Fully connected layer, $Y = X W + B$.

    Args:
        W: weights, shape (D, H).
        b: bias, shape (H,); added to every row of $X W$ (broadcast).

    ``forward(x)`` takes x of shape (N, D), or (N, d1, d2, ...) with
    d1·d2·... = D (flattened to (N, D)), and returns shape (N, H).
    It keeps the input as ``x`` for backward. ``backward(dout)`` takes the
    gradient of shape (N, H), sets ``dW`` (D, H) and ``db`` (H,) and returns
    ``dx`` in the shape of the input:

    $$dX = dY\, W^\top, \quad dW = X^\top dY, \quad db = \textstyle\sum_n dY_n$$

    ``backward(dout, need_dx=False)`` sets ``dW`` and ``db``, skips the
    product for ``dx`` and returns None. It is meant for the first layer: its
    input is the data, and training never uses the gradient with respect to
    the data (``Network.gradient`` calls it so).

    Example:
        >>> import torch
        >>> from zeronn import Affine
        >>> layer = Affine(torch.ones(3, 2), torch.tensor([0.5, -0.5]))
        >>> layer.forward(torch.tensor([[1.0, 2.0, 3.0]]))
        tensor([[6.5000, 5.5000]])
    """

    def __init__(self, W: torch.Tensor, b: torch.Tensor) -> None:
        check_tensor("Affine", "W", W)
        check_tensor("Affine", "b", b)
        check_floating("Affine", "W", W)
        if W.dim() != 2:
            raise ValueError(f"Affine expects W of shape (D, H), got W of shape {shape_str(W.shape)}")
        if b.shape != (W.shape[1],):
            raise ValueError(
                f"Affine with W of shape {shape_str(W.shape)} expects b of shape "
                f"({W.shape[1]},), got b of shape {shape_str(b.shape)}"
            )
        check_same_dtype("Affine", "W", W, "b", b)
        check_same_device("Affine", "W", W, "b", b)
        self.W = W
        self.b = b
        self.x: torch.Tensor | None = None
        self.dW: torch.Tensor | None = None
        self.db: torch.Tensor | None = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Return ``x·W + b``, shape (N, H); keep ``x`` for backward."""
        self._check_input(x)
        self.x = x
        # addmm computes b + x·W in one fused call: faster than matmul, then add.
        return torch.addmm(self.b, x.reshape(x.shape[0], -1), self.W)

    def backward(self, dout: torch.Tensor, *, need_dx: bool = True) -> torch.Tensor | None:
        """Set ``dW`` and ``db``; return ``dx`` in the input's shape (None if not ``need_dx``)."""
        check_forward_done("Affine", self.x)
        x = self.x.reshape(self.x.shape[0], -1)
        check_dout("Affine", dout, torch.Size((x.shape[0], self.W.shape[1])))
        # Caught here, or the matrix product would fail deep inside torch.
        check_same_dtype("Affine", "W", self.W, "dout", dout)
        check_same_device("Affine", "W", self.W, "dout", dout)
        self.dW = x.T @ dout
        self.db = dout.sum(dim=0)
        if not need_dx:  # the input is the data: skip a product nobody would use
            return None
        dx = dout @ self.W.T
        return dx.reshape(self.x.shape)

    def _check_input(self, x: torch.Tensor) -> None:
        check_tensor("Affine", "x", x)
        D = self.W.shape[0]
        if x.dim() < 2 or math.prod(x.shape[1:]) != D:
            raise ValueError(
                f"Affine with W of shape {shape_str(self.W.shape)} got x of shape "
                f"{shape_str(x.shape)}: expected (N, {D}) or (N, d1, d2, ...) with d1·d2·... = {D}"
            )
        if x.shape[0] == 0:
            raise ValueError(f"Affine got an empty batch, x of shape {shape_str(x.shape)}: expected N >= 1")
        check_same_dtype("Affine", "W", self.W, "x", x)
        check_same_device("Affine", "W", self.W, "x", x)
