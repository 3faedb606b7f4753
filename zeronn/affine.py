"""The fully connected (Affine) layer: ``Y = X·W + B``."""

from __future__ import annotations

import math

import torch

from zeronn._checks import (
    check_floating,
    check_not_empty,
    check_same_device,
    check_same_dtype,
    check_tensor,
    checks_dout,
    checks_input,
    shape_str,
)


def _check_params(owner: str, W: torch.Tensor, b: torch.Tensor) -> None:
    check_tensor(owner, "W", W)
    check_tensor(owner, "b", b)
    check_floating(owner, "W", W)
    if W.dim() != 2:
        raise ValueError(f"{owner} expects W of shape (D, H), got W of shape {shape_str(W.shape)}")
    check_not_empty(owner, "W", W)
    if b.shape != (W.shape[1],):
        raise ValueError(
            f"{owner} with W of shape {shape_str(W.shape)} expects b of shape "
            f"({W.shape[1]},), got b of shape {shape_str(b.shape)}"
        )
    check_same_dtype(owner, "W", W, "b", b)
    check_same_device(owner, "W", W, "b", b)


def _check_x(layer: Affine, x: torch.Tensor) -> None:
    owner, D = type(layer).__name__, layer.W.shape[0]
    if x.dim() < 2 or math.prod(x.shape[1:]) != D:
        raise ValueError(
            f"{owner} with W of shape {shape_str(layer.W.shape)} got x of shape "
            f"{shape_str(x.shape)}: expected (N, {D}) or (N, d1, d2, ...) with d1·d2·... = {D}"
        )
    check_same_dtype(owner, "W", layer.W, "x", x)
    check_same_device(owner, "W", layer.W, "x", x)


class Affine:
    r"""Fully connected layer, $Y = X W + B$.

    Args:
        W: weights, shape (D, H).
        b: bias, shape (H,); added to every row of $X W$ (broadcast).

    ``forward(x)`` takes x of shape (N, D), or (N, d1, d2, ...) with
    d1·d2·... = D (flattened to (N, D)), and returns shape (N, H). It keeps
    the flattened input as ``x`` and the input's shape as ``x_shape``.
    ``backward(dout)`` takes the gradient of shape (N, H), sets ``dW`` (D, H)
    and ``db`` (H,) and returns ``dx`` in the shape of the input:

    $$dX = dY\, W^\top, \quad dW = X^\top dY, \quad db = \textstyle\sum_n dY_n$$

    Example:
        >>> import torch
        >>> from zeronn import Affine
        >>> layer = Affine(torch.ones(3, 2), torch.tensor([0.5, -0.5]))
        >>> layer.forward(torch.tensor([[1.0, 2.0, 3.0]]))
        tensor([[6.5000, 5.5000]])
    """

    def __init__(self, W: torch.Tensor, b: torch.Tensor) -> None:
        _check_params(type(self).__name__, W, b)
        self.W = W
        self.b = b
        self.x: torch.Tensor | None = None  # the input, kept for backward
        self.x_shape: torch.Size | None = None
        self.dW: torch.Tensor | None = None
        self.db: torch.Tensor | None = None

    @checks_input(_check_x)
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)  # an image (N, d1, d2) becomes a row (N, D)
        return self.x @ self.W + self.b

    @checks_dout
    def backward(self, dout: torch.Tensor) -> torch.Tensor:
        self.dW = self.x.T @ dout
        self.db = dout.sum(dim=0)  # b was added to every row: its gradient sums them
        dx = dout @ self.W.T
        return dx.reshape(self.x_shape)
