"""Input checks shared by zeronn's functions and layers.

One rule everywhere, so that a wrong call never ends in a traceback from deep
inside torch:

- a value of the wrong type (not a tensor, not a number, not a list) raises ``TypeError``;
- a value of the right type with a wrong shape, dtype, device or range raises ``ValueError``;
- a call out of order (backward before forward) raises ``RuntimeError``.

Each message names the function (or the class), the argument, what was
expected and what came.
"""

from __future__ import annotations

import functools
import math
import numbers
from typing import Any, Callable, TypeVar

import torch

F = TypeVar("F", bound=Callable[..., Any])


def shape_str(shape: torch.Size | tuple[int, ...]) -> str:
    """Format a shape as a plain tuple: ``(2, 3)``, ``(4,)``, ``()``."""
    return str(tuple(shape))


# --- tensors ----------------------------------------------------------------------


def check_tensor(owner: str, name: str, value: Any) -> torch.Tensor:
    """Return ``value`` if it is a tensor with values: ``TypeError`` if no tensor, ``ValueError`` if on "meta"."""
    if not isinstance(value, torch.Tensor):
        hint = " (torch.from_numpy(a) makes one from a NumPy array)" if type(value).__module__ == "numpy" else ""
        raise TypeError(f"{owner} expects {name} to be a torch.Tensor, got {type(value).__name__}{hint}")
    if value.is_meta:
        raise ValueError(f"{owner} expects {name} with values, got a tensor on the meta device, which has none")
    return value


def check_floating(owner: str, name: str, value: torch.Tensor) -> torch.Tensor:
    """Return ``value`` if its dtype is a floating-point one, else raise ``ValueError``."""
    if not value.is_floating_point():
        raise ValueError(f"{owner} expects {name} of a floating-point dtype, got {value.dtype}")
    return value


def check_real(owner: str, name: str, value: torch.Tensor) -> torch.Tensor:
    """Return ``value`` if it holds real numbers (an integer or floating-point dtype), else raise ``ValueError``."""
    if value.dtype == torch.bool or value.is_complex():
        raise ValueError(f"{owner} expects {name} of a real number dtype (integer or floating-point), got {value.dtype}")
    return value


def check_not_empty(owner: str, name: str, value: torch.Tensor) -> torch.Tensor:
    """Return ``value`` if it has at least one element, else raise ``ValueError``."""
    if value.numel() == 0:
        raise ValueError(f"{owner} expects {name} with at least one element, got {name} of shape {shape_str(value.shape)}")
    return value


def check_same_dtype(owner: str, a: str, x: torch.Tensor, b: str, y: torch.Tensor) -> None:
    """Raise ``ValueError`` when ``x`` and ``y`` differ in dtype."""
    if x.dtype != y.dtype:
        raise ValueError(f"{owner} with {a} of dtype {x.dtype} got {b} of dtype {y.dtype}")


def check_same_device(owner: str, a: str, x: torch.Tensor, b: str, y: torch.Tensor) -> None:
    """Raise ``ValueError`` when ``x`` and ``y`` live on different devices."""
    if x.device != y.device:
        raise ValueError(f"{owner} with {a} on {x.device} got {b} on {y.device}")


# --- numbers, dtypes and devices --------------------------------------------------------


def check_number(owner: str, name: str, value: Any, *, bool_ok: bool = False) -> float:
    """Return ``value`` as a float if it is a real number (Python's or NumPy's), else raise ``TypeError``.

    A bool is refused (``lr=True`` is a slip), unless ``bool_ok``; an int too
    large for a float becomes ±inf, for the range checks that follow.
    """
    if not isinstance(value, numbers.Real) or (isinstance(value, bool) and not bool_ok):
        raise TypeError(f"{owner} expects {name} as a number, got {type(value).__name__}")
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def check_int(owner: str, name: str, value: Any) -> int:
    """Return ``value`` as an int if it is an integer (Python's or NumPy's, not a bool), else raise ``TypeError``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{owner} expects {name} as an int, got {type(value).__name__}")
    return int(value)


def check_dtype(owner: str, dtype: Any) -> torch.dtype:
    """Return ``dtype`` if it is a floating-point torch.dtype: ``TypeError`` if no dtype, ``ValueError`` if not floating."""
    if not isinstance(dtype, torch.dtype):
        raise TypeError(f"{owner} expects dtype to be a torch.dtype such as torch.float32, got {type(dtype).__name__}")
    if not dtype.is_floating_point:
        raise ValueError(f"{owner} expects a floating-point dtype, got {dtype}")
    return dtype


def check_device(owner: str, device: Any) -> None:
    """Raise unless ``device`` (None, a str or a torch.device) names a device that torch can use here."""
    if device is not None and not isinstance(device, (str, torch.device)):
        raise TypeError(f"{owner} expects device as a str or a torch.device, got {type(device).__name__}")
    try:  # the one sure test: make a tensor there ("cuda" without CUDA fails here, not later)
        made = torch.empty(0, device=device)
    except Exception as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ValueError(f"{owner} expects a device that torch can use here, got {device!r}: {reason}") from None
    if made.is_meta:
        raise ValueError(f"{owner} expects a device with values, got {device!r}: meta tensors have none")


# --- layers -------------------------------------------------------------------------


def check_forward_done(owner: str, kept: Any) -> None:
    """Raise ``RuntimeError`` when backward is called before forward."""
    if kept is None:
        raise RuntimeError(f"{owner}.backward was called before forward: call forward first")


def check_dout(owner: str, dout: Any, expected: torch.Size) -> torch.Tensor:
    """Return ``dout`` if it is a tensor of the shape that forward returned."""
    check_tensor(f"{owner}.backward", "dout", dout)
    if dout.shape != expected:
        raise ValueError(
            f"{owner}.backward expects dout of shape {shape_str(expected)} "
            f"(the shape forward returned), got dout of shape {shape_str(dout.shape)}"
        )
    return dout


# A layer's forward and backward hold only the formula; these two decorators
# run the checks before them, so that the math is not crowded by them.


def checks_input(check: Callable[[Any, torch.Tensor], None]) -> Callable[[F], F]:
    """Decorate ``forward(self, x)``: check x, run forward, remember the form of its output.

    x must be a tensor with values, not empty, and pass ``check(self, x)``.
    What forward returned (its shape, dtype and device) is what backward's
    ``dout`` must be, and :func:`checks_dout` compares them.
    """

    def decorate(forward: F) -> F:
        @functools.wraps(forward)
        def checked(self: Any, x: Any, *args: Any) -> torch.Tensor:
            owner = type(self).__name__
            check_not_empty(owner, "x", check_tensor(owner, "x", x))
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
        check_forward_done(owner, form)
        check_dout(owner, dout, form[0])
        if dout.dtype != form[1]:
            raise ValueError(f"{owner}.backward with forward's output of dtype {form[1]} got dout of dtype {dout.dtype}")
        if dout.device != form[2]:
            raise ValueError(f"{owner}.backward with forward's output on {form[2]} got dout on {dout.device}")
        return backward(self, dout)

    return checked  # type: ignore[return-value]


def real_tensor(layer: Any, x: torch.Tensor) -> None:
    """The check of an elementwise layer that takes real numbers of any dtype (Relu)."""
    check_real(type(layer).__name__, "x", x)


def floating_tensor(layer: Any, x: torch.Tensor) -> None:
    """The check of an elementwise layer whose formula needs floating-point numbers."""
    check_floating(type(layer).__name__, "x", x)
