"""SoftmaxWithLoss against torch.nn.functional.cross_entropy and torch.autograd."""

from __future__ import annotations

import warnings

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from zeronn import SoftmaxWithLoss

DTYPES = [torch.float32, torch.float64]
seeds = st.integers(min_value=0, max_value=2**31 - 1)


def logits_and_labels(N: int, C: int, seed: int, dtype: torch.dtype, scale: float = 1.0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(N, C, generator=g, dtype=dtype) * scale, torch.randint(0, C, (N,), generator=g)


@pytest.mark.parametrize("dtype", DTYPES)
@settings(max_examples=20, deadline=None)
@given(N=st.integers(1, 8), C=st.integers(1, 8), seed=seeds, scale=st.sampled_from([1.0, 30.0, 1000.0]))
def test_forward_matches_cross_entropy(dtype, N, C, seed, scale):
    x, t = logits_and_labels(N, C, seed, dtype, scale)
    layer = SoftmaxWithLoss()
    loss = layer.forward(x, t)
    assert loss.shape == () and loss.dtype == dtype
    torch.testing.assert_close(loss, F.cross_entropy(x, t))
    torch.testing.assert_close(layer.y, torch.softmax(x, dim=1))


@settings(max_examples=20, deadline=None)
@given(N=st.integers(1, 8), C=st.integers(2, 8), seed=seeds, dout=st.sampled_from([1.0, 0.5, -3.0]))
def test_backward_matches_autograd_and_honours_dout(N, C, seed, dout):
    x, t = logits_and_labels(N, C, seed, torch.float64)
    layer = SoftmaxWithLoss()
    layer.forward(x, t)
    x_ = x.clone().requires_grad_()
    (dout * F.cross_entropy(x_, t)).backward()
    torch.testing.assert_close(layer.backward(dout), x_.grad, rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(layer.backward(torch.tensor(dout, dtype=torch.float64)), x_.grad, rtol=1e-12, atol=1e-12)


def test_backward_default_dout_is_one():
    x, t = logits_and_labels(4, 3, 0, torch.float64)
    layer = SoftmaxWithLoss()
    layer.forward(x, t)
    torch.testing.assert_close(layer.backward(), layer.backward(2.0) / 2)


@pytest.mark.parametrize("dtype", DTYPES)
def test_one_hot_labels_give_the_same_loss_and_gradient(dtype):
    x, t = logits_and_labels(5, 4, 1, dtype)
    by_index, by_one_hot = SoftmaxWithLoss(), SoftmaxWithLoss()
    loss = by_index.forward(x, t)
    one_hot = F.one_hot(t, 4).to(dtype)
    torch.testing.assert_close(by_one_hot.forward(x, one_hot), loss)
    torch.testing.assert_close(by_one_hot.backward(), by_index.backward())


def test_soft_labels_match_torch():
    x = torch.randn(3, 4, dtype=torch.float64)
    t = torch.softmax(torch.randn(3, 4, dtype=torch.float64), dim=1)
    torch.testing.assert_close(SoftmaxWithLoss().forward(x, t), F.cross_entropy(x, t))


@pytest.mark.parametrize("dtype", DTYPES)
def test_huge_logits_give_finite_loss_and_gradient(dtype):
    x = torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 1000.0]], dtype=dtype)
    t = torch.tensor([1, 0])  # both wrong by ~2000: a loss of about 2000, not inf
    layer = SoftmaxWithLoss()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = layer.forward(x, t)
        dx = layer.backward()
    assert torch.isfinite(loss) and torch.isfinite(dx).all()
    torch.testing.assert_close(loss, F.cross_entropy(x, t))
    assert loss.item() == pytest.approx(2000.0 + 0.5 * torch.log(torch.tensor(2.0)).item(), rel=1e-6)


def test_loss_is_averaged_over_the_batch():
    x, t = logits_and_labels(3, 4, 2, torch.float64)
    once = SoftmaxWithLoss().forward(x, t)
    twice = SoftmaxWithLoss().forward(torch.cat([x, x]), torch.cat([t, t]))
    torch.testing.assert_close(once, twice)


def test_inputs_are_not_modified():
    x, t = logits_and_labels(3, 4, 3, torch.float64)
    x0, t0 = x.clone(), t.clone()
    layer = SoftmaxWithLoss()
    layer.forward(x, t)
    layer.backward()
    assert torch.equal(x, x0) and torch.equal(t, t0)


@pytest.mark.parametrize("labels", [[0, 3, 1], [-1, 0, 1]])
def test_labels_out_of_range_are_a_value_error_with_the_numbers(labels):
    with pytest.raises(ValueError, match=rf"labels in \[0, 3\) for 3 classes, got labels from {min(labels)} to {max(labels)}"):
        SoftmaxWithLoss().forward(torch.zeros(3, 3), torch.tensor(labels))


def test_wrong_number_of_labels_is_a_value_error_with_the_numbers():
    with pytest.raises(ValueError, match=r"t of shape \(4,\), one label for each of the 4 rows, got t of shape \(3,\)"):
        SoftmaxWithLoss().forward(torch.zeros(4, 3), torch.tensor([0, 1, 2]))


def test_one_hot_of_wrong_shape_or_dtype_is_an_error():
    with pytest.raises(ValueError, match=r"x of shape \(2, 3\) expects t as labels of shape \(2,\) or one-hot of shape \(2, 3\), got t of shape \(2, 4\)"):
        SoftmaxWithLoss().forward(torch.zeros(2, 3), torch.zeros(2, 4))
    with pytest.raises(ValueError, match="x of dtype torch.float32 got t of dtype torch.float64"):
        SoftmaxWithLoss().forward(torch.zeros(2, 3), torch.zeros(2, 3, dtype=torch.float64))


@pytest.mark.parametrize("shape", [(3,), (2, 3, 4), (0, 3)])
def test_x_must_be_a_non_empty_batch(shape):
    with pytest.raises(ValueError, match=r"x of shape \(N, C\)"):
        SoftmaxWithLoss().forward(torch.zeros(shape), torch.zeros(shape[:1], dtype=torch.int64))


def test_bad_types_are_type_errors_and_bad_dtypes_value_errors():
    with pytest.raises(TypeError, match="x to be a torch.Tensor, got list"):
        SoftmaxWithLoss().forward([[0.0, 1.0]], torch.tensor([0]))
    with pytest.raises(TypeError, match="t to be a torch.Tensor, got list"):
        SoftmaxWithLoss().forward(torch.zeros(1, 2), [0])
    with pytest.raises(ValueError, match="floating-point dtype, got torch.int64"):
        SoftmaxWithLoss().forward(torch.zeros(1, 2, dtype=torch.int64), torch.tensor([0]))
    with pytest.raises(ValueError, match="integer dtype, got torch.bool"):
        SoftmaxWithLoss().forward(torch.zeros(1, 2), torch.tensor([True]))


def test_backward_before_forward_is_a_runtime_error():
    with pytest.raises(RuntimeError, match="forward"):
        SoftmaxWithLoss().backward()


def test_dout_must_be_a_scalar():
    layer = SoftmaxWithLoss()
    layer.forward(torch.zeros(2, 3), torch.tensor([0, 1]))
    with pytest.raises(ValueError, match=r"got dout of shape \(2, 3\)"):
        layer.backward(torch.ones(2, 3))
    with pytest.raises(TypeError, match="got str"):
        layer.backward("1")


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_cuda_stays_on_cuda():
    layer = SoftmaxWithLoss()
    loss = layer.forward(torch.randn(4, 3, device="cuda"), torch.tensor([0, 1, 2, 0], device="cuda"))
    assert loss.device.type == layer.backward().device.type == "cuda"
