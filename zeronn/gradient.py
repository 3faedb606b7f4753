r"""Numerical differentiation, the slow but simple check on backpropagation."""

from __future__ import annotations

import itertools
from typing import Callable

import torch

from zeronn._checks import check_floating, check_same_device, check_tensor, shape_str


def numerical_gradient(f: Callable[[], float | torch.Tensor], x: torch.Tensor, h: float = 1e-5) -> torch.Tensor:
    r"""Gradient of ``f()`` with respect to x by central differences, one element at a time.

    $$\frac{\partial f}{\partial x_i} \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}$$

    f: a function of no arguments that returns a scalar (float or 0-dim tensor)
    and reads x, e.g. ``lambda: net.loss(x_batch, t_batch)`` with x one of
    ``net.params()``. x: floating tensor of any shape; each element is changed
    in place for the two calls of f, then restored exactly. Returns a tensor of
    x's shape, dtype and device.

    Example:
        >>> import torch
        >>> from zeronn import numerical_gradient
        >>> x = torch.tensor([3.0, 4.0], dtype=torch.float64)
        >>> grad = numerical_gradient(lambda: (x**2).sum(), x)  # exact: 2x = [6, 8]
        >>> grad.round(decimals=6)
        tensor([6., 8.], dtype=torch.float64)
    """
    _check_args(f, x, h)
    grad = torch.zeros_like(x)
    for i in itertools.product(*(range(n) for n in x.shape)):
        grad[i] = _partial(f, x, i, h)
    return grad


def _partial(f: Callable[[], float | torch.Tensor], x: torch.Tensor, i: tuple[int, ...], h: float) -> float:
    """Central difference of f along element i of x."""
    old = x[i].clone()
    x[i] = old + h
    x_plus, f_plus = x[i].item(), _scalar(f())
    x[i] = old - h
    x_minus, f_minus = x[i].item(), _scalar(f())
    x[i] = old  # the saved value itself: old + h - h may differ from old by rounding
    if x_plus == x_minus:
        raise ValueError(f"numerical_gradient: h = {h} is too small to change x{list(i)} = {old.item()} in {x.dtype}")
    # Divide by the step really taken: in float32, (x + h) - (x - h) is not exactly 2h.
    return (f_plus - f_minus) / (x_plus - x_minus)


def _scalar(value: float | torch.Tensor) -> float:
    if isinstance(value, torch.Tensor) and value.numel() != 1:
        raise ValueError(
            f"numerical_gradient expects f() to return a scalar, got a tensor of shape {shape_str(value.shape)}"
        )
    return float(value)


def _check_args(f: Callable[[], float | torch.Tensor], x: torch.Tensor, h: float) -> None:
    if not callable(f):
        raise TypeError(f"numerical_gradient expects f to be a function of no arguments, got {type(f).__name__}")
    check_tensor("numerical_gradient", "x", x)
    check_floating("numerical_gradient", "x", x)
    if not h > 0:
        raise ValueError(f"numerical_gradient expects a step h > 0, got h = {h}")


def relative_error(a: torch.Tensor, b: torch.Tensor) -> float:
    r"""Max-norm relative error of two gradients, $\dfrac{\max_i |a_i - b_i|}{\max(\max_i (|a_i| + |b_i|),\ \text{tiny})}$.

    a, b: tensors of the same shape. Returns a Python float in [0, 1]: 0 when
    a and b are equal, 1 when they have opposite signs. Dividing by the size of
    the values makes it scale-free; ``tiny`` (the smallest normal number of the
    dtype) avoids 0/0 when both are zero. Backprop in float64 checked against
    numerical_gradient typically gives about 1e-10.

    Example:
        >>> import torch
        >>> from zeronn import relative_error
        >>> round(relative_error(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.2])), 4)
        0.0476
    """
    _check_pair(a, b)
    scale = (a.abs() + b.abs()).max().clamp_min(torch.finfo(a.dtype).tiny)
    return float((a - b).abs().max() / scale)


def _check_pair(a: torch.Tensor, b: torch.Tensor) -> None:
    for name, value in (("a", a), ("b", b)):
        check_tensor("relative_error", name, value)
        check_floating("relative_error", name, value)
    check_same_device("relative_error", "a", a, "b", b)
    if a.shape != b.shape or a.numel() == 0:
        raise ValueError(
            f"relative_error expects a and b of the same non-empty shape, "
            f"got a of shape {shape_str(a.shape)} and b of shape {shape_str(b.shape)}"
        )
