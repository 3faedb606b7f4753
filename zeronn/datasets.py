"""Data sets for the experiments."""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch

if TYPE_CHECKING:
    import numpy


def load_digits(
    test_size: float = 0.2, seed: int = 0, dtype: torch.dtype = torch.float32
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    r"""The 8×8 handwritten digits of scikit-learn (1,797 images, 10 classes), split for training and testing.

    The data ships with scikit-learn, so nothing is downloaded. Pixels (0 to 16)
    are divided by 16 into [0, 1]. The split is stratified (each digit keeps
    its share in both parts) and fixed by ``seed``; ``test_size`` is the
    fraction held out for testing.

    Returns ``(x_train, t_train, x_test, t_test)``: x of shape (N, 64) and
    ``dtype``, t of shape (N,), int64 class indices 0 to 9.

    Example:
        >>> from zeronn import load_digits
        >>> x_train, t_train, x_test, t_test = load_digits()
        >>> x_train.shape, t_train.shape, x_test.shape, t_test.shape
        (torch.Size([1437, 64]), torch.Size([1437]), torch.Size([360, 64]), torch.Size([360]))
    """
    # Imported here, so that importing zeronn does not need scikit-learn.
    from sklearn.datasets import load_digits as sklearn_digits
    from sklearn.model_selection import train_test_split

    _check_args(test_size, dtype)
    x, t = sklearn_digits(return_X_y=True)
    x_train, x_test, t_train, t_test = train_test_split(x, t, test_size=test_size, random_state=seed, stratify=t)
    return _x(x_train, dtype), _t(t_train), _x(x_test, dtype), _t(t_test)


def _x(pixels: numpy.ndarray, dtype: torch.dtype) -> torch.Tensor:
    return torch.as_tensor(pixels, dtype=dtype) / 16  # pixels run from 0 to 16


def _t(labels: numpy.ndarray) -> torch.Tensor:
    return torch.as_tensor(labels, dtype=torch.int64)


def _check_args(test_size: float, dtype: torch.dtype) -> None:
    if isinstance(test_size, bool) or not isinstance(test_size, float) or not 0 < test_size < 1:
        raise ValueError(f"load_digits expects test_size as a fraction between 0 and 1, got {test_size!r}")
    if not dtype.is_floating_point:
        raise TypeError(f"load_digits expects a floating-point dtype, got {dtype}")
