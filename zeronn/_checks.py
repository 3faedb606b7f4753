"""Input checks shared by the layers.

Each check raises a short error that names what was expected and what came,
so that a wrong call never ends in a traceback from deep inside torch.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

import torch

F = TypeVar("F", bound=Callable[..., Any])


def shape_str(shape: torch.Size | tuple[int, ...]) -> str:
    """Format a shape as a plain tuple: ``(2, 3)``, ``(4,)``, ``()``."""
    return str(tuple(shape))


def check_tensor(owner: str, name: str, value: Any) -> torch.Tensor:
    """Return ``value`` if it is a tensor, else raise ``TypeError``."""
    if not isinstance(value, torch.Tensor):
        raise TypeError(
            f"{owner} expects {name} to be a torch.Tensor, got {type(value).__name__}"
        )
    return value


def check_floating(owner: str, name: str, value: torch.Tensor) -> torch.Tensor:
    """Return ``value`` if its dtype is a floating-point one, else raise ``TypeError``."""
    if not value.is_floating_point():
        raise TypeError(
            f"{owner} expects {name} of a floating-point dtype, got {value.dtype}"
        )
    return value


def check_same_dtype(owner: str, a: str, x: torch.Tensor, b: str, y: torch.Tensor) -> None:
    """Raise ``TypeError`` when ``x`` and ``y`` differ in dtype."""
    if x.dtype != y.dtype:
        raise TypeError(f"{owner} with {a} of dtype {x.dtype} got {b} of dtype {y.dtype}")


def check_same_device(owner: str, a: str, x: torch.Tensor, b: str, y: torch.Tensor) -> None:
    """Raise ``ValueError`` when ``x`` and ``y`` live on different devices."""
    if x.device != y.device:
        raise ValueError(f"{owner} with {a} on {x.device} got {b} on {y.device}")


def check_forward_done(owner: str, kept: Any) -> None:
    """Raise ``RuntimeError`` when backward is called before forward."""
    if kept is None:
        raise RuntimeError(f"{owner}.backward was called before forward: call forward first")


def check_dout(owner: str, dout: Any, expected: torch.Size) -> torch.Tensor:
    """Return ``dout`` if it is a tensor of the shape that forward returned."""
    check_tensor(owner, "dout", dout)
    if dout.shape != expected:
        raise ValueError(
            f"{owner}.backward expects dout of shape {shape_str(expected)} "
            f"(the shape forward returned), got dout of shape {shape_str(dout.shape)}"
        )
    return dout


# --- the checks around a layer's forward and backward ---------------------------
#
# A layer's forward and backward hold only the formula; these two decorators
# run the checks before them, so that the math is not crowded by them.


def checks_input(check: Callable[[Any, torch.Tensor], None]) -> Callable[[F], F]:
    """Decorate ``forward(self, x)``: run ``check(self, x)`` first; remember the output's form.

    What forward returned (its shape, dtype and device) is what backward's
    ``dout`` must be, and :func:`checks_dout` compares them.
    """

    def decorate(forward: F) -> F:
        @functools.wraps(forward)
        def checked(self: Any, x: Any, *args: Any) -> torch.Tensor:
            check_tensor(type(self).__name__, "x", x)
            check(self, x)
            out = forward(self, x, *args)
            self._dout_form = (out.shape, out.dtype, out.device)
            return out

        return checked  # type: ignore[return-value]

    return decorate


def checks_dout(backward: F) -> F:
    """Decorate ``backward(self, dout)``: forward came first, and dout has the form of its output."""

    @functools.wraps(backward)
    def checked(self: Any, dout: Any) -> Any:
        owner = type(self).__name__
        form = getattr(self, "_dout_form", None)
        if form is None:
            raise RuntimeError(f"{owner}.backward was called before forward: call forward first")
        check_dout(owner, dout, form[0])
        if dout.dtype != form[1]:
            raise TypeError(f"{owner}.backward with forward's output of dtype {form[1]} got dout of dtype {dout.dtype}")
        if dout.device != form[2]:
            raise ValueError(f"{owner}.backward with forward's output on {form[2]} got dout on {dout.device}")
        return backward(self, dout)

    return checked  # type: ignore[return-value]


def real_tensor(layer: Any, x: torch.Tensor) -> None:
    """The check of an elementwise layer that takes real numbers of any dtype (Relu)."""
    if x.dtype == torch.bool or x.is_complex():
        raise TypeError(f"{type(layer).__name__} expects x of a real number dtype, got {x.dtype}")


def floating_tensor(layer: Any, x: torch.Tensor) -> None:
    """The check of an elementwise layer whose formula needs floating-point numbers."""
    check_floating(type(layer).__name__, "x", x)
