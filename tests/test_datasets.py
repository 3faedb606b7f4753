"""load_digits: sizes, dtypes, scaling, stratified and repeatable split."""

from __future__ import annotations

import pytest
import torch

from zeronn import load_digits


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def test_shapes_and_dtypes(digits):
    x_train, t_train, x_test, t_test = digits
    assert x_train.shape == (1437, 64) and x_test.shape == (360, 64)
    assert t_train.shape == (1437,) and t_test.shape == (360,)
    assert x_train.dtype == x_test.dtype == torch.float32
    assert t_train.dtype == t_test.dtype == torch.int64


def test_pixels_are_scaled_to_unit_interval(digits):
    x = torch.cat([digits[0], digits[2]])
    assert x.min().item() == 0.0 and x.max().item() == 1.0
    assert torch.equal(x * 16, (x * 16).round())  # sixteenths: the 17 grey levels


def test_split_is_stratified(digits):
    _, t_train, _, t_test = digits
    train_share = torch.bincount(t_train, minlength=10) / len(t_train)
    test_share = torch.bincount(t_test, minlength=10) / len(t_test)
    assert set(t_train.tolist()) == set(t_test.tolist()) == set(range(10))
    torch.testing.assert_close(train_share, test_share, atol=0.01, rtol=0)


def test_seed_fixes_the_split(digits):
    again = load_digits(seed=0)
    other = load_digits(seed=1)
    assert all(torch.equal(a, b) for a, b in zip(digits, again))
    assert not torch.equal(digits[0], other[0])


def test_test_size_and_dtype():
    x_train, _, x_test, _ = load_digits(test_size=0.5, dtype=torch.float64)
    assert x_train.dtype == torch.float64
    assert abs(len(x_train) - len(x_test)) <= 1


@pytest.mark.parametrize("test_size", [0.0, 1.0, 360, -0.2])
def test_bad_test_size(test_size):
    with pytest.raises(ValueError, match="test_size as a fraction between 0 and 1"):
        load_digits(test_size=test_size)


def test_integer_dtype_is_rejected():
    with pytest.raises(TypeError, match="floating-point dtype, got torch.int64"):
        load_digits(dtype=torch.int64)
