"""Input checks shared by the layers.

Each check raises a short error that names what was expected and what came,
so that a wrong call never ends in a traceback from deep inside torch.
"""

from __future__ import annotations

from typing import Any

import torch


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
