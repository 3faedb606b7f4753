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
    with pytest.raises(ValueError, match="floating-point dtype, got torch.int64"):
        load_digits(dtype=torch.int64)


@pytest.fixture(scope="module")
def digits_with_validation():
    return load_digits(val_size=0.2)


def test_val_size_splits_validation_off_the_training_part(digits, digits_with_validation):
    x_train, t_train, x_val, t_val, x_test, t_test = digits_with_validation
    assert (len(x_train), len(x_val), len(x_test)) == (1077, 360, 360)
    assert t_train.shape == (1077,) and t_val.shape == (360,)
    assert torch.equal(x_test, digits[2]) and torch.equal(t_test, digits[3])  # the same test set as without it
    # Training and validation together are the training part of the plain split, reordered.
    together = torch.cat([x_train, x_val])
    assert sorted(map(tuple, together.tolist())) == sorted(map(tuple, digits[0].tolist()))


def test_validation_split_is_stratified_and_repeatable(digits_with_validation):
    _, t_train, _, t_val, _, _ = digits_with_validation
    train_share = torch.bincount(t_train, minlength=10) / len(t_train)
    val_share = torch.bincount(t_val, minlength=10) / len(t_val)
    torch.testing.assert_close(train_share, val_share, atol=0.01, rtol=0)
    again = load_digits(val_size=0.2)
    assert all(torch.equal(a, b) for a, b in zip(digits_with_validation, again))


def test_val_size_zero_is_the_plain_split(digits):
    plain = load_digits(val_size=0)
    assert len(plain) == 4
    assert all(torch.equal(a, b) for a, b in zip(digits, plain))


@pytest.mark.parametrize("val_size", [-0.1, 1.0])
def test_bad_val_size(val_size):
    with pytest.raises(ValueError, match=r"load_digits expects val_size as a fraction between 0 and 1 .*, got "):
        load_digits(val_size=val_size)


@pytest.mark.parametrize("val_size", ["0.2", True, None])
def test_val_size_that_is_no_number(val_size):
    with pytest.raises(TypeError, match="load_digits expects val_size as a number, got "):
        load_digits(val_size=val_size)


def test_test_and_validation_must_leave_training_data():
    with pytest.raises(ValueError, match=r"test_size \+ val_size < 1.*got test_size=0.5 and val_size=0.5"):
        load_digits(test_size=0.5, val_size=0.5)


def test_validation_needs_every_digit_in_each_part():
    with pytest.raises(ValueError, match=r"at least one image per digit \(10\).*1435 training and 2 validation"):
        load_digits(val_size=0.001)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"dtype": torch.int64}, ValueError, "load_digits expects a floating-point dtype, got torch.int64"),
        ({"dtype": "float32"}, TypeError, "load_digits expects dtype to be a torch.dtype"),
        ({"test_size": "0.2"}, TypeError, "load_digits expects test_size as a number, got str"),
        ({"seed": "a"}, TypeError, "load_digits expects seed as an int, got str"),
        ({"seed": -1}, ValueError, r"load_digits expects seed in \[0, 2\*\*32\)"),
    ],
)
def test_bad_arguments_follow_the_error_rule(kwargs, error, message):
    with pytest.raises(error, match=message):
        load_digits(**kwargs)


def test_numpy_numbers_are_numbers():
    import numpy as np

    x_train, *_ = load_digits(test_size=np.float32(0.25), seed=np.int64(1))
    assert len(x_train) == 1347
