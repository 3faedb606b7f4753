"""zeronn.functions against torch's own functions, with float64 autograd for the derivatives."""

from __future__ import annotations

import warnings

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from zeronn import functions as fn

DTYPES = [torch.float32, torch.float64]
shapes = st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=3)
seeds = st.integers(min_value=0, max_value=2**31 - 1)
scales = st.sampled_from([1.0, 30.0, 1000.0])


def randn(shape, seed: int, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


ORACLES = [
    (fn.sigmoid, torch.sigmoid),
    (fn.relu, torch.relu),
    (fn.tanh, torch.tanh),
    (fn.softmax, lambda x: torch.softmax(x, dim=-1)),
    (fn.log_softmax, lambda x: torch.log_softmax(x, dim=-1)),
]
DERIVATIVES = [
    (fn.sigmoid_grad, torch.sigmoid),
    (fn.relu_grad, torch.relu),
    (fn.tanh_grad, torch.tanh),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("ours, theirs", ORACLES, ids=lambda f: getattr(f, "__name__", ""))
@settings(max_examples=15, deadline=None)
@given(shape=shapes, seed=seeds, scale=scales)
def test_function_matches_torch(dtype, ours, theirs, shape, seed, scale):
    x = randn(shape, seed, dtype) * scale
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = ours(x)
    assert y.dtype == dtype and y.shape == x.shape
    assert torch.isfinite(y).all()
    torch.testing.assert_close(y, theirs(x))


@pytest.mark.parametrize("grad, f", DERIVATIVES, ids=lambda f: getattr(f, "__name__", ""))
@settings(max_examples=15, deadline=None)
@given(shape=shapes, seed=seeds, scale=st.sampled_from([1.0, 10.0]))
def test_derivative_matches_autograd(grad, f, shape, seed, scale):
    x = randn(shape, seed) * scale
    x_ = x.clone().requires_grad_()
    f(x_).sum().backward()
    torch.testing.assert_close(grad(x), x_.grad, rtol=1e-12, atol=1e-12)


def test_relu_grad_is_zero_at_zero_like_torch():
    x = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
    torch.relu(x).sum().backward()
    assert torch.equal(fn.relu_grad(x.detach()), x.grad)


def test_step_function_and_its_derivative():
    x = torch.tensor([-2.0, -0.0, 0.0, 1e-30, 3.0], dtype=torch.float64)
    y = fn.step_function(x)
    assert y.dtype == torch.float64
    assert y.tolist() == [0.0, 0.0, 0.0, 1.0, 1.0]
    assert fn.step_grad(x).tolist() == [0.0] * 5
    assert fn.step_function(torch.tensor([-3, 0, 5])).tolist() == [0, 0, 1]


@pytest.mark.parametrize("dtype", DTYPES)
def test_sigmoid_saturates_exactly(dtype):
    y = fn.sigmoid(torch.tensor([-1000.0, 1000.0], dtype=dtype))
    assert y.tolist() == [0.0, 1.0]


def test_relu_never_gives_negative_zero_nor_changes_its_input():
    x = torch.tensor([-1.0, -0.0, 2.0])
    y = fn.relu(x)
    assert not torch.signbit(y).any()
    assert x.tolist() == [-1.0, -0.0, 2.0]


@pytest.mark.parametrize("dtype", DTYPES)
def test_softmax_of_huge_logits_is_finite_and_sums_to_one(dtype):
    x = torch.tensor([[1000.0, 1000.0, -1000.0], [-1000.0, -1000.0, -1000.0]], dtype=dtype)
    y = fn.softmax(x)
    assert torch.isfinite(y).all()
    torch.testing.assert_close(y.sum(dim=-1), torch.ones(2, dtype=dtype))
    assert torch.isfinite(fn.log_softmax(x)).all()


# --- losses ---


@pytest.mark.parametrize("dtype", DTYPES)
@settings(max_examples=15, deadline=None)
@given(N=st.integers(1, 6), C=st.integers(1, 6), seed=seeds)
def test_cross_entropy_error_matches_nll_loss(dtype, N, C, seed):
    g = torch.Generator().manual_seed(seed)
    y = torch.softmax(torch.randn(N, C, generator=g, dtype=dtype), dim=1)
    t = torch.randint(0, C, (N,), generator=g)
    expected = F.nll_loss(torch.log(y), t)
    torch.testing.assert_close(fn.cross_entropy_error(y, t), expected)
    torch.testing.assert_close(fn.cross_entropy_error(y, F.one_hot(t, C).to(dtype)), expected)


def test_cross_entropy_error_of_one_sample():
    y = torch.tensor([0.1, 0.05, 0.6, 0.0, 0.25], dtype=torch.float64)
    expected = -torch.log(torch.tensor(0.6, dtype=torch.float64))
    torch.testing.assert_close(fn.cross_entropy_error(y, torch.tensor(2)), expected)
    torch.testing.assert_close(fn.cross_entropy_error(y, torch.tensor([0.0, 0.0, 1.0, 0.0, 0.0], dtype=torch.float64)), expected)


@pytest.mark.parametrize("dtype", DTYPES)
def test_cross_entropy_error_of_zero_probability_is_finite_and_exact_elsewhere(dtype):
    y = torch.tensor([[0.0, 1.0], [0.5, 0.5]], dtype=dtype)
    loss = fn.cross_entropy_error(y, torch.tensor([0, 0]))
    tiny = torch.finfo(dtype).tiny
    expected = -(torch.log(torch.tensor(tiny, dtype=dtype)) + torch.log(torch.tensor(0.5, dtype=dtype))) / 2
    assert torch.isfinite(loss)
    torch.testing.assert_close(loss, expected)
    # No "+ 1e-7": a perfect prediction costs exactly 0.
    assert fn.cross_entropy_error(torch.tensor([[0.0, 1.0]], dtype=dtype), torch.tensor([1])).item() == 0.0


def test_cross_entropy_error_rejects_bad_labels():
    y = torch.full((2, 3), 1 / 3)
    with pytest.raises(ValueError, match=r"labels in \[0, 3\) for 3 classes, got labels from 0 to 3"):
        fn.cross_entropy_error(y, torch.tensor([0, 3]))
    with pytest.raises(ValueError, match=r"expects t of shape \(2,\), one label for each of the 2 rows, got t of shape \(3,\)"):
        fn.cross_entropy_error(y, torch.tensor([0, 1, 2]))
    with pytest.raises(ValueError, match=r"y of shape \(2, 3\) expects t as labels of shape \(2,\) or one-hot of shape \(2, 3\), got t of shape \(2, 2\)"):
        fn.cross_entropy_error(y, torch.zeros(2, 2))
    with pytest.raises(TypeError, match="t to be a torch.Tensor, got list"):
        fn.cross_entropy_error(y, [0, 1])
    with pytest.raises(ValueError, match=r"not empty, got y of shape \(0, 3\)"):
        fn.cross_entropy_error(torch.zeros(0, 3), torch.zeros(0, dtype=torch.int64))


@settings(max_examples=15, deadline=None)
@given(shape=st.lists(st.integers(1, 5), min_size=1, max_size=2), seed=seeds)
def test_mean_squared_error_matches_mse_loss(shape, seed):
    y, t = randn(shape, seed), randn(shape, seed + 1)
    torch.testing.assert_close(fn.mean_squared_error(y, t), F.mse_loss(y, t))


def test_sum_squared_error_is_half_the_sum_per_sample_averaged_over_the_batch():
    y = torch.tensor([[0.1, 0.05, 0.6, 0.0, 0.1, 0.1, 0.0, 0.1, 0.0, 0.0]], dtype=torch.float64)
    t = torch.zeros_like(y)
    t[0, 2] = 1.0
    single = 0.5 * ((y - t) ** 2).sum()  # the book's example: 0.0975
    torch.testing.assert_close(fn.sum_squared_error(y[0], t[0]), single)
    torch.testing.assert_close(fn.sum_squared_error(y, t), single)
    batch_y, batch_t = torch.cat([y, torch.zeros_like(y)]), torch.cat([t, torch.zeros_like(t)])
    torch.testing.assert_close(fn.sum_squared_error(batch_y, batch_t), single / 2)


def test_squared_errors_reject_shape_mismatch_naming_both_shapes():
    for f in (fn.mean_squared_error, fn.sum_squared_error):
        with pytest.raises(ValueError, match=r"y of shape \(2, 3\) and t of shape \(3, 2\)"):
            f(torch.zeros(2, 3), torch.zeros(3, 2))
        with pytest.raises(ValueError, match=r"y with at least one element, got y of shape \(0, 3\)"):
            f(torch.zeros(0, 3), torch.zeros(0, 3))


@pytest.mark.parametrize("f", [fn.sigmoid, fn.tanh, fn.softmax, fn.log_softmax, fn.relu, fn.step_function])
def test_non_tensor_input_is_a_type_error_naming_the_type(f):
    with pytest.raises(TypeError, match="got list"):
        f([1.0, 2.0])


@pytest.mark.parametrize("f", [fn.sigmoid, fn.tanh, fn.softmax, fn.log_softmax, fn.sigmoid_grad, fn.tanh_grad])
def test_integer_input_is_a_value_error_naming_the_function_and_the_dtype(f):
    with pytest.raises(ValueError, match=f"^{f.__name__} expects x of a floating-point dtype, got torch.int64"):
        f(torch.tensor([1, 2]))


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
@pytest.mark.parametrize("f", [fn.sigmoid, fn.relu, fn.tanh, fn.softmax, fn.log_softmax, fn.step_function, fn.step_grad])
def test_cuda_stays_on_cuda(f):
    assert f(torch.randn(2, 3, device="cuda")).device.type == "cuda"
