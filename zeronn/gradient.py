r"""Numerical differentiation, the slow but simple check on backpropagation."""

from __future__ import annotations

import itertools
import math
import numbers
from typing import Any, Callable

import torch

from zeronn._checks import check_floating, check_not_empty, check_number, check_same_device, check_tensor, shape_str


@torch.no_grad()  # x may require grad (a reader's own tensor): only its values change here
def numerical_gradient(f: Callable[[], float | torch.Tensor], x: torch.Tensor, h: float = 1e-5) -> torch.Tensor:
    r"""Gradient of ``f()`` with respect to x by central differences, one element at a time.

    $$\frac{\partial f}{\partial x_i} \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}$$

    f: a function of no arguments that returns a scalar (float or 0-dim tensor)
    and reads x, e.g. ``lambda: net.loss(x_batch, t_batch)`` with x one of
    ``net.params()``. x: floating tensor of any shape, not empty; each element
    is changed in place for the two calls of f, then restored exactly, even
    when f raises. Returns a tensor of x's shape, dtype and device.

    Example:
        >>> import torch
        >>> from zeronn import numerical_gradient
        >>> x = torch.tensor([3.0, 4.0], dtype=torch.float64)
        >>> grad = numerical_gradient(lambda: (x**2).sum(), x)  # exact: 2x = [6, 8]
        >>> grad.round(decimals=6)
        tensor([6., 8.], dtype=torch.float64)
    """
    h = _check_args(f, x, h)
    grad = torch.zeros_like(x)
    for i in itertools.product(*(range(n) for n in x.shape)):
        grad[i] = _partial(f, x, i, h)
    return grad


def _partial(f: Callable[[], float | torch.Tensor], x: torch.Tensor, i: tuple[int, ...], h: float) -> float:
    """Central difference of f along element i of x."""
    old = x[i].clone()
    try:
        x[i] = old + h
        x_plus, f_plus = x[i].item(), _scalar(f())
        x[i] = old - h
        x_minus, f_minus = x[i].item(), _scalar(f())
    finally:  # whatever f does, even raise, x gets back the saved value itself (old + h - h may differ)
        x[i] = old
    if x_plus == x_minus:
        raise ValueError(f"numerical_gradient: h = {h} is too small to change x{list(i)} = {old.item()} in {x.dtype}")
    # Divide by the step really taken: in float32, (x + h) - (x - h) is not exactly 2h.
    return (f_plus - f_minus) / (x_plus - x_minus)


def _scalar(value: Any) -> float:
    """f's value as a float: a number, or a tensor of one real number."""
    if not isinstance(value, torch.Tensor):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(
                f"numerical_gradient expects f() to return a number or a one-element tensor, got {type(value).__name__}"
            )
        return check_number("numerical_gradient", "f()", value)
    if value.numel() != 1 or value.is_complex() or value.is_meta:
        raise ValueError(
            "numerical_gradient expects f() to return a scalar (a number or a one-element tensor), "
            f"got a tensor of shape {shape_str(value.shape)} and dtype {value.dtype} on {value.device}"
        )
    return float(value)


def _check_args(f: Callable[[], float | torch.Tensor], x: torch.Tensor, h: float) -> float:
    if not callable(f):
        raise TypeError(f"numerical_gradient expects f to be a function of no arguments, got {type(f).__name__}")
    check_floating("numerical_gradient", "x", check_tensor("numerical_gradient", "x", x))
    check_not_empty("numerical_gradient", "x", x)
    h = check_number("numerical_gradient", "h", h)
    if not 0 < h < math.inf:
        raise ValueError(f"numerical_gradient expects a step h with 0 < h < inf, got h = {h}")
    return h


def relative_error(a: torch.Tensor, b: torch.Tensor) -> float:
    r"""Max-norm relative error of two gradients, $\dfrac{\max_i |a_i - b_i|}{\max_i (|a_i| + |b_i|)}$.

    a, b: finite floating tensors of the same shape, not empty. Returns a Python
    float in [0, 1]: 0 when a and b are equal (both zero included), 1 when they
    have opposite signs. Dividing by the size of the values makes it
    scale-free. Backprop in float64 checked against numerical_gradient
    typically gives about 1e-10.

    Example:
        >>> import torch
        >>> from zeronn import relative_error
        >>> round(relative_error(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.2])), 4)
        0.0476
    """
    _check_pair(a, b)
    a, b = a.double(), b.double()
    scale = torch.maximum(a.abs().max(), b.abs().max())
    if scale == 0:
        return 0.0  # both zero: equal
    a, b = a / scale, b / scale  # now |a|, |b| <= 1: a - b and |a| + |b| cannot overflow
    return float((a - b).abs().max() / (a.abs() + b.abs()).max())


def _check_pair(a: torch.Tensor, b: torch.Tensor) -> None:
    for name, value in (("a", a), ("b", b)):
        check_floating("relative_error", name, check_tensor("relative_error", name, value))
    check_same_device("relative_error", "a", a, "b", b)
    if a.shape != b.shape or a.numel() == 0:
        raise ValueError(
            f"relative_error expects a and b of the same non-empty shape, "
            f"got a of shape {shape_str(a.shape)} and b of shape {shape_str(b.shape)}"
        )
    for name, value in (("a", a), ("b", b)):
        if not torch.isfinite(value).all():
            raise ValueError(f"relative_error expects finite {name}, got NaN or inf in {name}")
