r"""Initial weights: normal draws whose spread depends on the layer's size.

Too small a spread and the activations shrink layer after layer; too large
and they blow up (or saturate sigmoid and tanh). Each rule below picks the
standard deviation that keeps their variance about the same from layer to
layer, for a given activation.
"""

from __future__ import annotations

import math

import torch

from zeronn._checks import check_device, check_dtype, check_int


def he_normal(
    fan_in: int, fan_out: int, *, generator: torch.Generator | None = None,
    dtype: torch.dtype = torch.float32, device: torch.device | str | None = None,
) -> torch.Tensor:
    r"""He initialisation for ReLU: weights of shape (fan_in, fan_out) drawn from $\mathcal{N}(0, \sigma^2)$, $\sigma = \sqrt{2 / \text{fan\_in}}$.

    The factor 2 makes up for ReLU setting about half of its inputs to 0.

    Example:
        >>> import torch
        >>> from zeronn.init import he_normal
        >>> he_normal(784, 100, generator=torch.Generator().manual_seed(0)).shape
        torch.Size([784, 100])
    """
    _check_args("he_normal", fan_in, fan_out, generator, dtype, device)
    return _normal(fan_in, fan_out, math.sqrt(2 / fan_in), generator, dtype, device)


def xavier_normal(
    fan_in: int, fan_out: int, *, generator: torch.Generator | None = None,
    dtype: torch.dtype = torch.float32, device: torch.device | str | None = None,
) -> torch.Tensor:
    r"""Glorot (Xavier) initialisation for sigmoid and tanh: shape (fan_in, fan_out), $\sigma = \sqrt{2 / (\text{fan\_in} + \text{fan\_out})}$.

    This is Glorot and Bengio's (2010) rule, which balances the forward pass
    (fan_in) and the backward pass (fan_out). The book's "Xavier" initial
    value, $\sqrt{1 / \text{fan\_in}}$, is a different rule, LeCun's: see
    :func:`lecun_normal`.

    Example:
        >>> import torch
        >>> from zeronn.init import xavier_normal
        >>> xavier_normal(3, 2, generator=torch.Generator().manual_seed(0), dtype=torch.float64).dtype
        torch.float64
    """
    _check_args("xavier_normal", fan_in, fan_out, generator, dtype, device)
    return _normal(fan_in, fan_out, math.sqrt(2 / (fan_in + fan_out)), generator, dtype, device)


def lecun_normal(
    fan_in: int, fan_out: int, *, generator: torch.Generator | None = None,
    dtype: torch.dtype = torch.float32, device: torch.device | str | None = None,
) -> torch.Tensor:
    r"""LeCun initialisation (the book's "Xavier"): shape (fan_in, fan_out), $\sigma = \sqrt{1 / \text{fan\_in}}$.

    Example:
        >>> import torch
        >>> from zeronn.init import lecun_normal
        >>> lecun_normal(100, 10, generator=torch.Generator().manual_seed(0)).shape
        torch.Size([100, 10])
    """
    _check_args("lecun_normal", fan_in, fan_out, generator, dtype, device)
    return _normal(fan_in, fan_out, math.sqrt(1 / fan_in), generator, dtype, device)


def _normal(
    fan_in: int, fan_out: int, std: float, generator: torch.Generator | None,
    dtype: torch.dtype, device: torch.device | str | None,
) -> torch.Tensor:
    """Draw (fan_in, fan_out) from N(0, std²) on the CPU, then move it to ``device``."""
    # Drawing on the CPU lets one CPU generator give the same weights on every device.
    W = torch.randn(fan_in, fan_out, generator=generator, dtype=dtype)
    return (W * std).to(device)


def _check_args(
    owner: str, fan_in: int, fan_out: int, generator: torch.Generator | None,
    dtype: torch.dtype, device: torch.device | str | None,
) -> None:
    for name, n in (("fan_in", fan_in), ("fan_out", fan_out)):
        if check_int(owner, name, n) < 1:
            raise ValueError(f"{owner} expects {name} >= 1, got {name} = {n}")
    if generator is not None and not isinstance(generator, torch.Generator):
        raise TypeError(f"{owner} expects generator as a torch.Generator or None, got {type(generator).__name__}")
    if generator is not None and generator.device.type != "cpu":
        raise ValueError(f"{owner} draws on the CPU and expects a CPU generator, got one on {generator.device}")
    check_dtype(owner, dtype)
    check_device(owner, device)
