r"""Optimizers: rules that update the parameters from their gradients.

Each has ``update(params, grads)``: two lists of the same length, in the
order of ``Network.params()`` and ``Network.grads()``. The parameters are
changed in place, so the layers see the new values. State (velocities,
moments) is kept per parameter by its position in the list.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import torch

from zeronn._checks import check_floating, check_number, check_same_device, check_same_dtype, check_tensor, shape_str


def _positive(owner: str, name: str, value: float) -> float:
    """Return value as a float if 0 < value < inf, else raise ValueError."""
    if not 0 < check_number(owner, name, value) < math.inf:
        raise ValueError(f"{owner} expects {name} > 0, got {name} = {value}")
    return float(value)


def _fraction(owner: str, name: str, value: float) -> float:
    """Return value as a float if 0 <= value < 1 (a decay rate), else raise ValueError."""
    if not 0 <= check_number(owner, name, value) < 1:
        raise ValueError(f"{owner} expects 0 <= {name} < 1, got {name} = {value}")
    return float(value)


def _check_update(owner: str, params: Any, grads: Any) -> None:
    """params and grads: lists of tensors, pairwise of one shape, dtype and device; params floating."""
    owner = f"{owner}.update"
    for name, tensors in (("params", params), ("grads", grads)):
        if not isinstance(tensors, (list, tuple)):
            raise TypeError(f"{owner} expects {name} as a list of tensors, got {type(tensors).__name__}")
    if len(params) != len(grads):
        raise ValueError(f"{owner} got {len(params)} params but {len(grads)} grads")
    for i, (param, grad) in enumerate(zip(params, grads)):
        check_floating(owner, f"params[{i}]", check_tensor(owner, f"params[{i}]", param))
        check_tensor(owner, f"grads[{i}]", grad)
        if param.shape != grad.shape:
            raise ValueError(
                f"{owner} got params[{i}] of shape {shape_str(param.shape)} "
                f"but grads[{i}] of shape {shape_str(grad.shape)}"
            )
        check_same_dtype(owner, f"params[{i}]", param, f"grads[{i}]", grad)
        check_same_device(owner, f"params[{i}]", param, f"grads[{i}]", grad)


def _check_state(owner: str, state: list[torch.Tensor], params: Sequence[torch.Tensor]) -> None:
    """The state made at the first update must fit these params: one optimizer per network."""
    if [_form(s) for s in state] != [_form(p) for p in params]:
        raise ValueError(
            f"{owner}.update got params {_forms(params)}, but its state "
            f"was made for {_forms(state)}: use one optimizer per network"
        )


def _form(x: torch.Tensor) -> tuple[Any, ...]:
    return x.shape, x.dtype, x.device


def _forms(tensors: Sequence[torch.Tensor]) -> str:
    return "[" + ", ".join(f"{shape_str(x.shape)} {x.dtype}" for x in tensors) + "]"


class SGD:
    r"""Stochastic gradient descent, $W \leftarrow W - \eta \dfrac{\partial L}{\partial W}$.

    Example:
        >>> import torch
        >>> from zeronn import SGD
        >>> W = torch.tensor([1.0, 2.0])
        >>> SGD(lr=0.5).update([W], [torch.tensor([2.0, -2.0])])
        >>> W
        tensor([0., 3.])
    """

    def __init__(self, lr: float = 0.01) -> None:
        self.lr = _positive("SGD", "lr", lr)

    @torch.no_grad()  # a param may require grad (a reader's own tensor): update its values only
    def update(self, params: Sequence[torch.Tensor], grads: Sequence[torch.Tensor]) -> None:
        """Change every param in place: param -= lr * grad."""
        _check_update("SGD", params, grads)
        for param, grad in zip(params, grads):
            param.sub_(grad, alpha=self.lr)


class Momentum:
    r"""SGD with momentum: $v \leftarrow \alpha v - \eta \dfrac{\partial L}{\partial W}$, then $W \leftarrow W + v$.

    v, the velocity, starts at 0 and keeps moving in the direction the
    gradients have pointed to lately; $\alpha$ is ``momentum``.

    Example:
        >>> import torch
        >>> from zeronn import Momentum
        >>> W, opt = torch.tensor([0.0]), Momentum(lr=0.1, momentum=0.9)
        >>> opt.update([W], [torch.tensor([1.0])])
        >>> opt.update([W], [torch.tensor([1.0])])
        >>> W  # -0.1, then -(0.9 * 0.1 + 0.1)
        tensor([-0.2900])
    """

    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        self.lr = _positive("Momentum", "lr", lr)
        self.momentum = _fraction("Momentum", "momentum", momentum)
        self.v: list[torch.Tensor] | None = None

    @torch.no_grad()  # a param may require grad (a reader's own tensor): update its values only
    def update(self, params: Sequence[torch.Tensor], grads: Sequence[torch.Tensor]) -> None:
        """Change every param in place by its velocity."""
        _check_update("Momentum", params, grads)
        if self.v is None:
            self.v = [torch.zeros_like(param) for param in params]
        _check_state("Momentum", self.v, params)
        for param, grad, v in zip(params, grads, self.v):
            v.mul_(self.momentum).sub_(grad, alpha=self.lr)
            param.add_(v)


class Adam:
    r"""Adam: momentum ($m$) and a per-parameter step size ($v$), with bias correction.

    At step $t = 1, 2, \dots$, with $g = \partial L / \partial W$:

    $$m \leftarrow \beta_1 m + (1 - \beta_1)\, g, \qquad v \leftarrow \beta_2 v + (1 - \beta_2)\, g^2$$

    $$W \leftarrow W - \eta\, \frac{\hat m}{\sqrt{\hat v} + \epsilon}, \qquad \hat m = \frac{m}{1 - \beta_1^t},\ \hat v = \frac{v}{1 - \beta_2^t}$$

    m and v start at 0; the corrections $\hat m, \hat v$ undo the pull towards 0
    that this start gives the first steps.

    Example:
        >>> import torch
        >>> from zeronn import Adam
        >>> W = torch.tensor([1.0, 1.0])
        >>> Adam(lr=0.1).update([W], [torch.tensor([5.0, -0.01])])
        >>> W  # the first step is about lr in size, whatever the gradient's size
        tensor([0.9000, 1.1000])
    """

    def __init__(self, lr: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8) -> None:
        self.lr = _positive("Adam", "lr", lr)
        self.beta1 = _fraction("Adam", "beta1", beta1)
        self.beta2 = _fraction("Adam", "beta2", beta2)
        self.eps = _positive("Adam", "eps", eps)
        self.t = 0
        self.m: list[torch.Tensor] | None = None
        self.v: list[torch.Tensor] | None = None

    @torch.no_grad()  # a param may require grad (a reader's own tensor): update its values only
    def update(self, params: Sequence[torch.Tensor], grads: Sequence[torch.Tensor]) -> None:
        """Change every param in place by one Adam step."""
        _check_update("Adam", params, grads)
        if self.m is None:
            self.m = [torch.zeros_like(param) for param in params]
            self.v = [torch.zeros_like(param) for param in params]
        _check_state("Adam", self.m, params)
        self.t += 1
        for param, grad, m, v in zip(params, grads, self.m, self.v):
            m.mul_(self.beta1).add_(grad, alpha=1 - self.beta1)
            v.mul_(self.beta2).addcmul_(grad, grad, value=1 - self.beta2)
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            param.sub_(self.lr * m_hat / (v_hat.sqrt() + self.eps))
