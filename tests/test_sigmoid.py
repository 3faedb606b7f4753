"""Sigmoid against torch.sigmoid (forward) and torch.autograd (backward)."""

from __future__ import annotations

import warnings

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from zeronn import Sigmoid

DTYPES = [torch.float32, torch.float64]
shapes = st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=4)
seeds = st.integers(min_value=0, max_value=2**31 - 1)
scales = st.sampled_from([1.0, 10.0, 100.0])


def randn(shape, seed: int, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@settings(max_examples=20, deadline=None)
@given(shape=shapes, seed=seeds, scale=scales)
def test_forward_matches_torch_sigmoid(dtype, shape, seed, scale):
    x = randn(shape, seed, dtype) * scale
    y = Sigmoid().forward(x)
    assert y.dtype == dtype
    torch.testing.assert_close(y, torch.sigmoid(x))


@settings(max_examples=20, deadline=None)
@given(shape=shapes, seed=seeds, scale=scales)
def test_backward_matches_autograd(shape, seed, scale):
    x, dout = randn(shape, seed) * scale, randn(shape, seed + 1)
    layer = Sigmoid()
    layer.forward(x)
    x_ = x.clone().requires_grad_()
    torch.sigmoid(x_).backward(dout)
    torch.testing.assert_close(layer.backward(dout), x_.grad, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("dtype", DTYPES)
def test_extreme_inputs_saturate_without_nan_or_warning(dtype):
    x = torch.tensor([-1000.0, -100.0, 0.0, 100.0, 1000.0], dtype=dtype)
    layer = Sigmoid()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = layer.forward(x)
        dx = layer.backward(torch.ones_like(x))
    assert y[0].item() == 0.0 and y[-1].item() == 1.0
    assert torch.isfinite(y).all() and torch.isfinite(dx).all()
    assert dx[0].item() == dx[-1].item() == 0.0


def test_input_is_not_modified():
    x = torch.tensor([-1.0, 2.0])
    before = x.clone()
    Sigmoid().forward(x)
    assert torch.equal(x, before)


@pytest.mark.parametrize("bad", [[1.0, -1.0], 3.0, None])
def test_non_tensor_x_is_a_type_error_naming_the_type(bad):
    with pytest.raises(TypeError, match=f"Sigmoid expects x to be a torch.Tensor, got {type(bad).__name__}"):
        Sigmoid().forward(bad)


def test_integer_x_is_a_value_error_naming_the_dtype():
    with pytest.raises(ValueError, match="Sigmoid expects x of a floating-point dtype, got torch.int64"):
        Sigmoid().forward(torch.tensor([1, 2]))


def test_backward_before_forward_is_a_runtime_error():
    with pytest.raises(RuntimeError, match="forward"):
        Sigmoid().backward(torch.ones(2))


def test_dout_of_wrong_shape_names_both_shapes():
    layer = Sigmoid()
    layer.forward(torch.ones(2, 3))
    with pytest.raises(ValueError, match=r"dout of shape \(2, 3\).*got dout of shape \(6,\)"):
        layer.backward(torch.ones(6))


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_cuda_stays_on_cuda():
    layer = Sigmoid()
    y = layer.forward(torch.randn(4, 3, device="cuda"))
    assert y.device.type == layer.backward(torch.ones_like(y)).device.type == "cuda"
