"""The items that ``zeronn.check`` runs on an optimizer class: SGD, Momentum or Adam.

The learner's class is built as the course builds zeronn's own
(``cls(lr=...)``, plus ``momentum`` or ``beta1``/``beta2``) and must change
the parameters in place in ``update(params, grads)``. ``torch.optim`` is the
oracle: it runs the same steps on copies of the same parameters, in float64.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import torch

from zeronn.check_items import Wrong, _close, _randn, _unchanged


@dataclass(frozen=True)
class Optimizer:
    """How to build the learner's optimizer, and torch's same rule."""

    make: Callable[[type], Any]
    torch_make: Callable[[list[torch.Tensor]], torch.optim.Optimizer]


LR = 0.1
OPTIMIZERS = {
    "sgd": Optimizer(lambda cls: cls(lr=LR), lambda p: torch.optim.SGD(p, lr=LR)),
    # torch keeps v' = μv' + g and steps by -lr·v'; the course's v = μv - lr·g is -lr·v': the same steps.
    "momentum": Optimizer(lambda cls: cls(lr=LR, momentum=0.9), lambda p: torch.optim.SGD(p, lr=LR, momentum=0.9)),
    "adam": Optimizer(
        lambda cls: cls(lr=LR, beta1=0.9, beta2=0.999),
        lambda p: torch.optim.Adam(p, lr=LR, betas=(0.9, 0.999), eps=1e-8),
    ),
}

def load_oracle() -> None:
    """Build torch's optimizers and take a step with each, once: their first use imports much
    (``torch._dynamo``: 1.5 s on a quiet machine, more than the items' 5 s limit on a busy one).
    ``check`` calls it before any limit starts."""
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    p.grad = torch.ones(1, dtype=torch.float64)
    for optimizer in OPTIMIZERS.values():
        optimizer.torch_make([p]).step()


# The book's Adam adds its epsilon (1e-7) to sqrt(v) before the bias correction, torch adds
# 1e-8 after it: a difference of about 1e-5 in the steps here. A wrong rule misses by 0.1 or more.
ATOL = 1e-4

# Two parameters of different shapes, as a network's W and b, and the gradients of 5 steps.
PARAMS = [_randn(3, 2, seed=11), _randn(2, seed=12)]
GRADS = [[_randn(3, 2, seed=20 + i), _randn(2, seed=40 + i)] for i in range(5)]


def _torch_steps(O: Optimizer, steps: int) -> list[torch.Tensor]:
    params = [p.clone().requires_grad_() for p in PARAMS]
    opt = O.torch_make(params)
    for grads in GRADS[:steps]:
        for p, g in zip(params, grads):
            p.grad = g.clone()
        opt.step()
    return [p.detach() for p in params]


def _learner_steps(O: Optimizer, cls: type, steps: int) -> list[torch.Tensor]:
    """The learner's steps on copies of PARAMS: the tensors themselves, as a layer holds them."""
    params = [p.clone() for p in PARAMS]
    opt = O.make(cls)
    for grads in GRADS[:steps]:
        opt.update(list(params), [g.clone() for g in grads])
    return params


def in_place(O: Optimizer, cls: type) -> None:
    params = _learner_steps(O, cls, 1)
    if all(torch.equal(p, q) for p, q in zip(params, PARAMS)):
        raise Wrong(
            ("the params changed in place (param -= ..., not param = param - ...)",
             "params をその場で書き換えること (param = param - ... でなく param -= ...)"),
            ("the params are unchanged after update", "update のあとも params が変わっていません"),
        )


def first_step(O: Optimizer, cls: type) -> None:
    W, b = _learner_steps(O, cls, 1)
    W_, b_ = _torch_steps(O, 1)
    _close("W", W, W_, ("W after 1 step (torch.optim)", "1 ステップ後の W (torch.optim)"), atol=ATOL)
    _close("b", b, b_, ("b after 1 step (torch.optim)", "1 ステップ後の b (torch.optim)"), atol=ATOL)


def five_steps(O: Optimizer, cls: type) -> None:
    W, b = _learner_steps(O, cls, 5)
    W_, b_ = _torch_steps(O, 5)
    _close("W", W, W_, ("W after 5 steps (torch.optim)", "5 ステップ後の W (torch.optim)"), atol=ATOL)
    _close("b", b, b_, ("b after 5 steps (torch.optim)", "5 ステップ後の b (torch.optim)"), atol=ATOL)


def keeps_grads(O: Optimizer, cls: type) -> None:
    grads = [g.clone() for g in GRADS[0]]
    O.make(cls).update([p.clone() for p in PARAMS], grads)
    _unchanged("grads[0]", GRADS[0][0], grads[0])
    _unchanged("grads[1]", GRADS[0][1], grads[1])
