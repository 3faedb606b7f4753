"""Data sets for the experiments."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import torch

from zeronn._checks import check_dtype, check_int, check_number

if TYPE_CHECKING:
    import numpy


def load_digits(
    test_size: float = 0.2, seed: int = 0, dtype: torch.dtype = torch.float32, *, val_size: float = 0.0
) -> tuple[torch.Tensor, ...]:
    r"""The 8×8 handwritten digits of scikit-learn (1,797 images, 10 classes), split for training and testing.

    The data ships with scikit-learn, so nothing is downloaded. Pixels (0 to 16)
    are divided by 16 into [0, 1]. The split is stratified (each digit keeps
    its share in every part) and fixed by ``seed``; ``test_size`` is the
    fraction of all images held out for testing.

    Returns ``(x_train, t_train, x_test, t_test)``: x of shape (N, 64) and
    ``dtype``, t of shape (N,), int64 class indices 0 to 9.

    With ``val_size`` > 0, that fraction of all images is split off the
    training part as validation data, for choosing settings such as the
    learning rate, and it returns ``(x_train, t_train, x_val, t_val, x_test,
    t_test)``. The test part is the same as without ``val_size``, and
    ``test_size + val_size`` must stay below 1.

    Example:
        >>> from zeronn import load_digits
        >>> x_train, t_train, x_test, t_test = load_digits()
        >>> x_train.shape, t_train.shape, x_test.shape, t_test.shape
        (torch.Size([1437, 64]), torch.Size([1437]), torch.Size([360, 64]), torch.Size([360]))
        >>> x_train, t_train, x_val, t_val, x_test, t_test = load_digits(val_size=0.2)
        >>> len(x_train), len(x_val), len(x_test)
        (1077, 360, 360)
    """
    # Imported here, so that importing zeronn does not need scikit-learn.
    from sklearn.datasets import load_digits as sklearn_digits
    from sklearn.model_selection import train_test_split

    _check_args(test_size, val_size, seed, dtype)
    test_size, val_size, seed = float(test_size), float(val_size), int(seed)
    x, t = sklearn_digits(return_X_y=True)
    x_train, x_test, t_train, t_test = train_test_split(x, t, test_size=test_size, random_state=seed, stratify=t)
    if not val_size:
        return _x(x_train, dtype), _t(t_train), _x(x_test, dtype), _t(t_test)
    n_val = math.ceil(val_size * len(x))  # a fraction of all images, rounded up as for test_size
    n_classes, n_train = len(set(t.tolist())), len(x_train) - n_val
    if min(n_val, n_train) < n_classes:
        raise ValueError(
            f"load_digits expects val_size to leave at least one image per digit ({n_classes}) in the training "
            f"and the validation data, got val_size={val_size!r}: {n_train} training and {n_val} validation images"
        )
    x_train, x_val, t_train, t_val = train_test_split(
        x_train, t_train, test_size=n_val, random_state=seed, stratify=t_train
    )
    return _x(x_train, dtype), _t(t_train), _x(x_val, dtype), _t(t_val), _x(x_test, dtype), _t(t_test)


def _x(pixels: numpy.ndarray, dtype: torch.dtype) -> torch.Tensor:
    return torch.as_tensor(pixels, dtype=dtype) / 16  # pixels run from 0 to 16


def _t(labels: numpy.ndarray) -> torch.Tensor:
    return torch.as_tensor(labels, dtype=torch.int64)


def _check_args(test_size: float, val_size: float, seed: int, dtype: torch.dtype) -> None:
    owner = "load_digits"
    test_size = check_number(owner, "test_size", test_size)
    val_size = check_number(owner, "val_size", val_size)
    if not 0 < test_size < 1:
        raise ValueError(f"load_digits expects test_size as a fraction between 0 and 1, got {test_size!r}")
    if not 0 <= val_size < 1:
        raise ValueError(
            f"load_digits expects val_size as a fraction between 0 and 1 (0 for no validation data), got {val_size!r}"
        )
    if test_size + val_size >= 1:
        raise ValueError(
            f"load_digits expects test_size + val_size < 1, so that training data is left, "
            f"got test_size={test_size!r} and val_size={val_size!r}"
        )
    if not 0 <= check_int(owner, "seed", seed) < 2**32:
        raise ValueError(f"load_digits expects seed in [0, 2**32), got {seed!r}")
    check_dtype(owner, dtype)
