"""Optimizers against torch.optim on copies of the same parameters, several steps in a row."""

from __future__ import annotations

import pytest
import torch

from zeronn import SGD, Adam, Momentum

SHAPES = [(3, 4), (4,), (4, 2), (2,)]
STEPS = 5


def params_and_grads(seed: int) -> tuple[list[torch.Tensor], list[list[torch.Tensor]]]:
    """Parameters of SHAPES, and STEPS lists of gradients for them (float64)."""
    g = torch.Generator().manual_seed(seed)
    params = [torch.randn(shape, generator=g, dtype=torch.float64) for shape in SHAPES]
    grads = [[torch.randn(shape, generator=g, dtype=torch.float64) for shape in SHAPES] for _ in range(STEPS)]
    return params, grads


def run_torch(make_optimizer, params: list[torch.Tensor], grads: list[list[torch.Tensor]]) -> list[torch.Tensor]:
    copies = [p.clone().requires_grad_() for p in params]
    optimizer = make_optimizer(copies)
    for step in grads:
        for copy, grad in zip(copies, step):
            copy.grad = grad.clone()
        optimizer.step()
    return [c.detach() for c in copies]


CASES = [
    (lambda: SGD(lr=0.1), lambda ps: torch.optim.SGD(ps, lr=0.1)),
    (lambda: Momentum(lr=0.05, momentum=0.8), lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8)),
    (lambda: Momentum(lr=0.05, momentum=0.0), lambda ps: torch.optim.SGD(ps, lr=0.05)),
    (lambda: Adam(lr=0.01), lambda ps: torch.optim.Adam(ps, lr=0.01)),
    (lambda: Adam(lr=0.1, beta1=0.5, beta2=0.9, eps=1e-3), lambda ps: torch.optim.Adam(ps, lr=0.1, betas=(0.5, 0.9), eps=1e-3)),
]


@pytest.mark.parametrize("ours, theirs", CASES, ids=["sgd", "momentum", "momentum-0", "adam", "adam-custom"])
@pytest.mark.parametrize("seed", [0, 1])
def test_matches_torch_optim(ours, theirs, seed):
    params, grads = params_and_grads(seed)
    expected = run_torch(theirs, params, grads)
    before = [p.clone() for p in params]
    objects = [id(p) for p in params]
    optimizer = ours()
    for step in grads:
        optimizer.update(params, step)
    assert [id(p) for p in params] == objects  # the same tensors, changed in place
    for param, old, new in zip(params, before, expected):
        assert not torch.equal(param, old)
        torch.testing.assert_close(param, new, rtol=1e-12, atol=1e-12)


def test_sgd_by_hand():
    W = torch.tensor([[1.0, -2.0]])
    SGD(lr=0.5).update([W], [torch.tensor([[4.0, 2.0]])])
    assert W.tolist() == [[-1.0, -3.0]]


def test_momentum_by_hand():
    W, opt = torch.tensor([0.0], dtype=torch.float64), Momentum(lr=0.5, momentum=0.5)
    for _ in range(3):
        opt.update([W], [torch.tensor([1.0], dtype=torch.float64)])
    # v: -0.5, -0.75, -0.875; W is their sum
    assert W.item() == pytest.approx(-2.125)


def test_adam_first_step_is_lr_in_size():
    W = torch.zeros(3, dtype=torch.float64)
    Adam(lr=0.1, eps=1e-12).update([W], [torch.tensor([1e-3, -5.0, 200.0], dtype=torch.float64)])
    torch.testing.assert_close(W, torch.tensor([-0.1, 0.1, -0.1], dtype=torch.float64))


def test_updates_do_not_change_the_gradients():
    W, g = torch.ones(2), torch.tensor([1.0, 2.0])
    for opt in (SGD(), Momentum(), Adam()):
        opt.update([W], [g])
        opt.update([W], [g])
    assert g.tolist() == [1.0, 2.0]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: SGD(lr=0), "lr > 0, got lr = 0"),
        (lambda: SGD(lr=-0.1), "lr > 0, got lr = -0.1"),
        (lambda: SGD(lr=float("nan")), "lr > 0"),
        (lambda: Momentum(momentum=1.0), "0 <= momentum < 1, got momentum = 1.0"),
        (lambda: Momentum(lr=0.0), "lr > 0"),
        (lambda: Adam(beta1=-0.1), "0 <= beta1 < 1"),
        (lambda: Adam(beta2=1.0), "0 <= beta2 < 1"),
        (lambda: Adam(eps=0.0), "eps > 0"),
    ],
)
def test_bad_hyper_parameters_are_value_errors(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_non_number_hyper_parameter_is_a_type_error():
    with pytest.raises(TypeError, match="SGD expects lr as a number, got str"):
        SGD(lr="0.1")


def test_unknown_keyword_is_rejected():
    with pytest.raises(TypeError, match="learning_rate"):
        SGD(learning_rate=0.1)


@pytest.mark.parametrize("opt", [SGD(), Momentum(), Adam()], ids=["sgd", "momentum", "adam"])
def test_params_and_grads_must_pair_up(opt):
    W = torch.zeros(2, 3)
    with pytest.raises(ValueError, match="got 2 params but 1 grads"):
        opt.update([W, torch.zeros(3)], [torch.zeros(2, 3)])
    with pytest.raises(ValueError, match=r"params\[0\] of shape \(2, 3\) but grads\[0\] of shape \(3, 2\)"):
        opt.update([W], [torch.zeros(3, 2)])
    with pytest.raises(TypeError, match=r"grads\[0\] to be a torch.Tensor, got NoneType"):
        opt.update([W], [None])


@pytest.mark.parametrize("opt", [Momentum(), Adam()], ids=["momentum", "adam"])
def test_state_belongs_to_one_set_of_params(opt):
    opt.update([torch.zeros(2)], [torch.ones(2)])
    with pytest.raises(ValueError, match=r"params \[\(2,\) torch.float32, \(1,\) torch.float32\], but its state was made for \[\(2,\) torch.float32\]"):
        opt.update([torch.zeros(2), torch.zeros(1)], [torch.ones(2), torch.ones(1)])
    with pytest.raises(ValueError, match="one optimizer per network"):
        opt.update([torch.zeros(3)], [torch.ones(3)])
