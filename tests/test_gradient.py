"""Gradient check: backpropagation against numerical differentiation and torch.autograd.

Threshold: in float64 with h = 1e-5, the max-norm relative error between
backprop and central differences must stay below 1e-7 (it is about 1e-10).
"""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

from zeronn import Affine, Network, Relu, SoftmaxWithLoss, numerical_gradient, relative_error

THRESHOLD = 1e-7


def small_network(seed: int) -> tuple[Network, torch.Tensor, torch.Tensor]:
    """Affine(5→4) → Relu → Affine(4→3) → SoftmaxWithLoss, float64, and a batch of 6."""
    g = torch.Generator().manual_seed(seed)
    randn = lambda *shape: torch.randn(*shape, generator=g, dtype=torch.float64)  # noqa: E731
    layers = [Affine(randn(5, 4), randn(4)), Relu(), Affine(randn(4, 3), randn(3))]
    x, t = randn(6, 5), torch.randint(0, 3, (6,), generator=g)
    return Network(layers, SoftmaxWithLoss()), x, t


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backprop_matches_numerical_gradient(seed):
    net, x, t = small_network(seed)
    net.gradient(x, t)
    for param, grad in zip(net.params(), net.grads()):
        numerical = numerical_gradient(lambda: net.loss(x, t), param)
        assert relative_error(grad, numerical) < THRESHOLD


def test_backprop_matches_autograd():
    net, x, t = small_network(3)
    net.gradient(x, t)
    W1, b1, W2, b2 = (p.clone().requires_grad_() for p in net.params())
    x_ = x.clone().requires_grad_()
    F.cross_entropy(F.linear(torch.relu(F.linear(x_, W1.T, b1)), W2.T, b2), t).backward()
    for ours, theirs in zip(net.grads(), (W1.grad, b1.grad, W2.grad, b2.grad)):
        torch.testing.assert_close(ours, theirs, rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(net.backward(), x_.grad, rtol=1e-12, atol=1e-12)


def test_numerical_gradient_restores_x_exactly():
    x = torch.tensor([[0.1, 0.7], [1e-3, 3.3]], dtype=torch.float32)
    before = x.clone()
    numerical_gradient(lambda: (x**3).sum(), x, h=1e-2)
    assert torch.equal(x, before)


@pytest.mark.parametrize("shape", [(), (3,), (2, 3), (2, 1, 2)])
def test_numerical_gradient_of_a_known_function(shape):
    x = torch.randn(shape, dtype=torch.float64)
    grad = numerical_gradient(lambda: float((torch.sin(x) * x).sum()), x)
    assert grad.shape == x.shape and grad.dtype == x.dtype
    torch.testing.assert_close(grad, torch.cos(x) * x + torch.sin(x), rtol=1e-8, atol=1e-8)


def test_numerical_gradient_works_on_a_non_contiguous_view():
    base = torch.randn(3, 4, dtype=torch.float64)
    x = base.T
    grad = numerical_gradient(lambda: (x * torch.arange(12.0, dtype=torch.float64).reshape(4, 3)).sum(), x)
    torch.testing.assert_close(grad, torch.arange(12.0, dtype=torch.float64).reshape(4, 3))


def test_numerical_gradient_rejects_bad_arguments():
    x = torch.ones(2)
    with pytest.raises(TypeError, match="f to be a function of no arguments, got Tensor"):
        numerical_gradient(x, x)
    with pytest.raises(TypeError, match="x to be a torch.Tensor, got list"):
        numerical_gradient(lambda: 0.0, [1.0])
    with pytest.raises(ValueError, match="floating-point dtype, got torch.int64"):
        numerical_gradient(lambda: 0.0, torch.ones(2, dtype=torch.int64))
    with pytest.raises(ValueError, match="0 < h < inf, got h = 0.0"):
        numerical_gradient(lambda: 0.0, x, h=0)
    with pytest.raises(ValueError, match=r"return a scalar \(a number or a one-element tensor\), got a tensor of shape \(2,\)"):
        numerical_gradient(lambda: x * 2, x)
    with pytest.raises(ValueError, match="too small"):
        numerical_gradient(lambda: x.sum(), torch.full((1,), 1e8), h=1e-5)


def test_relative_error():
    a = torch.tensor([1.0, -2.0, 4.0], dtype=torch.float64)
    assert relative_error(a, a) == 0.0
    assert relative_error(a, -a) == 1.0
    assert relative_error(a, a + torch.tensor([0.0, 0.0, 0.08], dtype=torch.float64)) == pytest.approx(0.08 / (4 + 4.08))
    assert relative_error(torch.zeros(3), torch.zeros(3)) == 0.0
    with pytest.raises(ValueError, match=r"a of shape \(3,\) and b of shape \(2,\)"):
        relative_error(a, a[:2])
