"""Relu against torch.relu (forward) and torch.autograd (backward)."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from zeronn import Relu

DTYPES = [torch.float32, torch.float64]
shapes = st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=4)
seeds = st.integers(min_value=0, max_value=2**31 - 1)


def randn(shape, seed: int, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@settings(max_examples=20, deadline=None)
@given(shape=shapes, seed=seeds)
def test_forward_matches_torch_relu(dtype, shape, seed):
    x = randn(shape, seed, dtype)
    y = Relu().forward(x)
    assert y.dtype == dtype
    assert torch.equal(y, torch.relu(x))


@settings(max_examples=20, deadline=None)
@given(shape=shapes, seed=seeds)
def test_backward_matches_autograd(shape, seed):
    x = randn(shape, seed)
    x.view(-1)[0] = 0.0  # the kink: torch's gradient there is 0
    dout = randn(shape, seed + 1)
    relu = Relu()
    relu.forward(x)
    x_ = x.clone().requires_grad_()
    torch.relu(x_).backward(dout)
    torch.testing.assert_close(relu.backward(dout), x_.grad, rtol=0, atol=0)


def test_mask_is_true_where_x_is_at_most_zero():
    relu = Relu()
    relu.forward(torch.tensor([-2.0, -0.0, 0.0, 1e-30, 3.0]))
    assert relu.mask.tolist() == [True, True, True, False, False]


def test_mask_is_read_from_the_kept_output():
    relu = Relu()
    assert relu.mask is None  # nothing kept before forward
    x = randn((4, 5), seed=3)
    relu.forward(x)
    assert relu.mask.dtype == torch.bool
    assert torch.equal(relu.mask, x <= 0)


def test_backward_blocks_the_gradient_where_x_is_at_most_zero():
    x = torch.tensor([-2.0, -0.0, 0.0, 1e-30, 3.0])
    dout = torch.tensor([-1.0, -2.0, -3.0, -4.0, -5.0])
    relu = Relu()
    relu.forward(x)
    dx = relu.backward(dout)
    x_ = x.clone().requires_grad_()
    torch.relu(x_).backward(dout)
    # A negative dout times 0 may be -0.0, which equals 0.0: the values are autograd's.
    assert dx.tolist() == [0.0, 0.0, 0.0, -4.0, -5.0] == x_.grad.tolist()


def test_input_is_not_modified_and_output_is_new():
    x = torch.tensor([-1.0, 2.0, -3.0])
    before = x.clone()
    y = Relu().forward(x)
    assert torch.equal(x, before)
    assert y.data_ptr() != x.data_ptr()


def test_negative_input_gives_positive_zero():
    # x * (x > 0) would give -0.0 here; max(0, x) gives 0.0 (for x = -0.0 either zero is max(0, x))
    y = Relu().forward(torch.tensor([-1.5, -1e-30, -1e30]))
    assert not torch.signbit(y).any()


def test_backward_never_writes_into_dout():
    relu = Relu()
    relu.forward(torch.tensor([-1.0, 2.0]))
    dout = torch.tensor([5.0, 7.0])
    dx = relu.backward(dout)
    assert dout.tolist() == [5.0, 7.0]
    assert dx.tolist() == [0.0, 7.0]


@pytest.mark.parametrize("bad", [[1.0, -1.0], 3, "x"])
def test_non_tensor_x_is_a_type_error_naming_the_type(bad):
    with pytest.raises(TypeError, match=f"Relu expects x to be a torch.Tensor, got {type(bad).__name__}"):
        Relu().forward(bad)


def test_backward_before_forward_is_a_runtime_error():
    with pytest.raises(RuntimeError, match="forward"):
        Relu().backward(torch.ones(2))


def test_dout_of_wrong_shape_names_both_shapes():
    relu = Relu()
    relu.forward(torch.ones(2, 3))
    with pytest.raises(ValueError, match=r"dout of shape \(2, 3\).*got dout of shape \(3, 2\)"):
        relu.backward(torch.ones(3, 2))


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_cuda_stays_on_cuda():
    relu = Relu()
    y = relu.forward(torch.randn(4, 3, device="cuda"))
    assert y.device.type == relu.backward(torch.ones_like(y)).device.type == "cuda"
