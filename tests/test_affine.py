"""Affine against torch.nn.functional.linear (forward) and torch.autograd (backward)."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from zeronn import Affine, InputAffine

DTYPES = [torch.float32, torch.float64]
sizes = st.integers(min_value=1, max_value=7)
seeds = st.integers(min_value=0, max_value=2**31 - 1)


def random_layer(D: int, H: int, seed: int, dtype: torch.dtype = torch.float64) -> Affine:
    g = torch.Generator().manual_seed(seed)
    return Affine(torch.randn(D, H, generator=g, dtype=dtype), torch.randn(H, generator=g, dtype=dtype))


@pytest.mark.parametrize("dtype", DTYPES)
@settings(max_examples=20, deadline=None)
@given(N=sizes, D=sizes, H=sizes, seed=seeds)
def test_forward_matches_linear(dtype, N, D, H, seed):
    layer = random_layer(D, H, seed, dtype)
    x = torch.randn(N, D, generator=torch.Generator().manual_seed(seed + 1), dtype=dtype)
    y = layer.forward(x)
    assert y.dtype == dtype
    # linear computes x·Wᵀ + b with W of shape (H, D); ours is (D, H), hence W.T.
    torch.testing.assert_close(y, F.linear(x, layer.W.T, layer.b))


@settings(max_examples=20, deadline=None)
@given(shape=st.lists(sizes, min_size=2, max_size=4), H=sizes, seed=seeds)
def test_backward_matches_autograd(shape, H, seed):
    N, D = shape[0], torch.Size(shape[1:]).numel()
    layer = random_layer(D, H, seed)
    g = torch.Generator().manual_seed(seed + 1)
    x, dout = torch.randn(shape, generator=g, dtype=torch.float64), torch.randn(N, H, generator=g, dtype=torch.float64)
    y = layer.forward(x)
    dx = layer.backward(dout)

    x_, W_, b_ = (v.clone().requires_grad_() for v in (x, layer.W, layer.b))
    y_ = F.linear(x_.reshape(N, D), W_.T, b_)
    y_.backward(dout)
    torch.testing.assert_close(y, y_.detach())
    torch.testing.assert_close(dx, x_.grad, rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(layer.dW, W_.grad, rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(layer.db, b_.grad, rtol=1e-12, atol=1e-12)


def test_input_affine_returns_none_and_sets_the_same_dW_and_db():
    layer = random_layer(4, 3, seed=5)
    x, dout = torch.randn(6, 4, dtype=torch.float64), torch.randn(6, 3, dtype=torch.float64)
    layer.forward(x)
    layer.backward(dout)
    first = InputAffine(layer.W, layer.b)
    first.forward(x)
    assert first.backward(dout) is None
    assert torch.equal(first.dW, layer.dW) and torch.equal(first.db, layer.db)


def test_input_affine_checks_dout_as_affine_does():
    first = InputAffine(torch.ones(4, 3), torch.zeros(3))
    with pytest.raises(RuntimeError, match="InputAffine.backward was called before forward"):
        first.backward(torch.ones(2, 3))
    first.forward(torch.ones(2, 4))
    with pytest.raises(ValueError, match=r"InputAffine.backward expects dout of shape \(2, 3\)"):
        first.backward(torch.ones(2, 4))


def test_image_batch_is_flattened_and_dx_keeps_its_shape():
    layer = random_layer(6, 4, seed=0)
    x = torch.randn(5, 2, 3, dtype=torch.float64)
    y_flat = layer.forward(x.reshape(5, 6))
    y = layer.forward(x)
    assert y.shape == (5, 4)
    torch.testing.assert_close(y, y_flat)
    assert layer.backward(torch.ones(5, 4, dtype=torch.float64)).shape == (5, 2, 3)


def test_forward_keeps_input_and_does_not_change_it():
    layer = random_layer(3, 2, seed=0)
    x = torch.randn(4, 3, dtype=torch.float64)
    before = x.clone()
    layer.forward(x)
    assert torch.equal(layer.x, x) and layer.x.data_ptr() == x.data_ptr()  # kept, not copied
    assert torch.equal(x, before)


@pytest.mark.parametrize("bad", [[[1.0, 2.0, 3.0]], 1.5, None])
def test_non_tensor_x_is_a_type_error_naming_the_type(bad):
    with pytest.raises(TypeError, match=f"torch.Tensor, got {type(bad).__name__}"):
        random_layer(3, 4, seed=0).forward(bad)


def test_non_tensor_W_or_b_is_a_type_error():
    with pytest.raises(TypeError, match="W to be a torch.Tensor, got list"):
        Affine([[1.0]], torch.zeros(1))
    with pytest.raises(TypeError, match="b to be a torch.Tensor, got float"):
        Affine(torch.zeros(1, 1), 0.0)


def test_x_of_wrong_shape_names_both_shapes():
    layer = Affine(torch.randn(3, 4), torch.randn(4))
    with pytest.raises(ValueError) as error:
        layer.forward(torch.randn(2, 5))
    assert "Affine with W of shape (3, 4) got x of shape (2, 5)" in str(error.value)


@pytest.mark.parametrize("shape", [(3,), (2, 2, 2), (0, 3)])
def test_x_that_is_not_a_batch_of_D_values_is_a_value_error(shape):
    with pytest.raises(ValueError, match=r"x of shape \(" + ", ".join(map(str, shape))):
        Affine(torch.randn(3, 4), torch.randn(4)).forward(torch.zeros(shape))


def test_b_that_does_not_fit_W_names_both_shapes():
    with pytest.raises(ValueError, match=r"W of shape \(3, 4\) expects b of shape \(4,\), got b of shape \(3,\)"):
        Affine(torch.randn(3, 4), torch.randn(3))
    with pytest.raises(ValueError, match=r"W of shape \(D, H\), got W of shape \(4,\)"):
        Affine(torch.randn(4), torch.randn(4))


def test_dtype_mismatches_name_both_dtypes():
    with pytest.raises(ValueError, match="W of dtype torch.float32 got b of dtype torch.float64"):
        Affine(torch.randn(3, 4), torch.randn(4, dtype=torch.float64))
    layer = Affine(torch.randn(3, 4), torch.randn(4))
    with pytest.raises(ValueError, match="W of dtype torch.float32 got x of dtype torch.float64"):
        layer.forward(torch.randn(2, 3, dtype=torch.float64))
    layer.forward(torch.randn(2, 3))
    with pytest.raises(ValueError, match="Affine.backward with forward's output of dtype torch.float32 got dout of dtype torch.float64"):
        layer.backward(torch.randn(2, 4, dtype=torch.float64))


def test_integer_W_is_a_value_error():
    with pytest.raises(ValueError, match="Affine expects W of a floating-point dtype, got torch.int64"):
        Affine(torch.ones(3, 4, dtype=torch.int64), torch.ones(4, dtype=torch.int64))


def test_backward_before_forward_is_a_runtime_error():
    with pytest.raises(RuntimeError, match="forward"):
        random_layer(3, 2, seed=0).backward(torch.ones(1, 2, dtype=torch.float64))


def test_dout_of_wrong_shape_names_both_shapes():
    layer = random_layer(3, 2, seed=0)
    layer.forward(torch.ones(4, 3, dtype=torch.float64))
    with pytest.raises(ValueError, match=r"dout of shape \(4, 2\).*got dout of shape \(2, 4\)"):
        layer.backward(torch.ones(2, 4, dtype=torch.float64))
    with pytest.raises(TypeError, match="dout to be a torch.Tensor, got list"):
        layer.backward([[1.0, 1.0]])


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_cuda_stays_on_cuda():
    layer = Affine(torch.randn(3, 2, device="cuda"), torch.randn(2, device="cuda"))
    y = layer.forward(torch.randn(4, 3, device="cuda"))
    dx = layer.backward(torch.ones_like(y))
    assert y.device.type == dx.device.type == layer.dW.device.type == "cuda"
    with pytest.raises(ValueError, match="on cuda"):
        layer.forward(torch.randn(4, 3))
