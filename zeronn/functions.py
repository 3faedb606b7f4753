r"""Plain functions of the course: activations, their derivatives, softmax and losses.

Each function takes tensors and returns a new tensor of the input's dtype and
device; nothing is kept for backward (that is what the layer classes do).

Shapes: activations and their ``*_grad`` work elementwise on any shape;
``softmax`` and ``log_softmax`` work over the last axis; the losses take a
batch (N, C) or one sample (C,). None takes an empty tensor.

Dtypes: the step function and ReLU (and their ``*_grad``) take integers or
floating-point numbers, the others floating-point numbers only.

The losses live in ``zeronn/losses.py`` and are re-exported here, so that
``zeronn.functions`` holds every function of the course.
"""

from __future__ import annotations

import torch

from zeronn._checks import check_floating, check_not_empty, check_real, check_tensor
from zeronn.losses import cross_entropy_error, mean_squared_error, sum_squared_error

__all__ = [
    "step_function", "sigmoid", "relu", "tanh",
    "step_grad", "sigmoid_grad", "relu_grad", "tanh_grad",
    "softmax", "log_softmax",
    "cross_entropy_error", "mean_squared_error", "sum_squared_error",
]


def _floating(owner: str, x: torch.Tensor) -> torch.Tensor:
    """x: a tensor of a floating-point dtype, not empty."""
    return check_floating(owner, "x", check_not_empty(owner, "x", check_tensor(owner, "x", x)))


def _real(owner: str, x: torch.Tensor) -> torch.Tensor:
    """x: a tensor of an integer or floating-point dtype, not empty."""
    return check_real(owner, "x", check_not_empty(owner, "x", check_tensor(owner, "x", x)))


# --- activations -------------------------------------------------------------


def step_function(x: torch.Tensor) -> torch.Tensor:
    r"""Step function, $h(x) = 1$ for $x > 0$ and $0$ for $x \le 0$, elementwise.

    Returns a tensor of x's shape and dtype.

    Example:
        >>> import torch
        >>> from zeronn.functions import step_function
        >>> step_function(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([0., 0., 1.])
    """
    x = _real("step_function", x)
    return (x > 0).to(x.dtype)


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    r"""Sigmoid, $\sigma(x) = \dfrac{1}{1 + e^{-x}}$, elementwise; never overflows.

    Returns a tensor of x's shape; x must be floating-point. Computed as

    $$\sigma(x) = \frac{e^{\min(0,\,x)}}{1 + e^{-|x|}},$$

    an exact rewrite: for $x \ge 0$ it is the formula itself, and for $x < 0$
    it is the formula with numerator and denominator multiplied by $e^{x}$.
    Neither exponent is ever positive, so exp never overflows.

    Example:
        >>> import torch
        >>> from zeronn.functions import sigmoid
        >>> sigmoid(torch.tensor([-1000.0, 0.0, 1000.0]))
        tensor([0.0000, 0.5000, 1.0000])
    """
    x = _floating("sigmoid", x)
    return torch.exp(torch.clamp(x, max=0)) / (1 + torch.exp(-x.abs()))


def relu(x: torch.Tensor) -> torch.Tensor:
    r"""ReLU, $\max(0, x)$, elementwise. Returns a new tensor of x's shape.

    Example:
        >>> import torch
        >>> from zeronn.functions import relu
        >>> relu(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([0., 0., 2.])
    """
    x = _real("relu", x)
    # threshold(x, 0, 0) writes +0.0 where x <= 0 (x * (x > 0) would give -0.0),
    # without reading a bool mask, which is slow on CPU (see the performance page).
    return torch.threshold(x, 0, 0)


def tanh(x: torch.Tensor) -> torch.Tensor:
    r"""Hyperbolic tangent, $\tanh(x) = \dfrac{e^{x} - e^{-x}}{e^{x} + e^{-x}}$, elementwise.

    Returns a tensor of x's shape; x must be floating-point.

    Example:
        >>> import torch
        >>> from zeronn.functions import tanh
        >>> tanh(torch.tensor([-1000.0, 0.0, 1000.0]))
        tensor([-1.,  0.,  1.])
    """
    # torch.tanh saturates to ±1; the exp formula above would give inf/inf = NaN.
    return torch.tanh(_floating("tanh", x))


# --- derivatives of the activations -----------------------------------------


def step_grad(x: torch.Tensor) -> torch.Tensor:
    r"""Derivative of the step function: $h'(x) = 0$ for every $x$.

    At $x = 0$ the step has no derivative; we define it as 0 there too. A
    gradient that is 0 everywhere is why a network of step functions cannot learn.

    Example:
        >>> import torch
        >>> from zeronn.functions import step_grad
        >>> step_grad(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([0., 0., 0.])
    """
    return torch.zeros_like(_real("step_grad", x))


def sigmoid_grad(x: torch.Tensor) -> torch.Tensor:
    r"""Derivative of the sigmoid, $\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$, elementwise.

    Example:
        >>> import torch
        >>> from zeronn.functions import sigmoid_grad
        >>> sigmoid_grad(torch.tensor([0.0, 1000.0]))
        tensor([0.2500, 0.0000])
    """
    y = sigmoid(_floating("sigmoid_grad", x))
    return y * (1 - y)


def relu_grad(x: torch.Tensor) -> torch.Tensor:
    r"""Derivative of ReLU: 1 where $x > 0$, 0 where $x \le 0$ (0 at $x = 0$, as in torch).

    Example:
        >>> import torch
        >>> from zeronn.functions import relu_grad
        >>> relu_grad(torch.tensor([-1.0, 0.0, 2.0]))
        tensor([0., 0., 1.])
    """
    x = _real("relu_grad", x)
    # ReLU's slope is 1 where x > 0 and 0 elsewhere: the step function itself.
    return step_function(x)


def tanh_grad(x: torch.Tensor) -> torch.Tensor:
    r"""Derivative of tanh, $\tanh'(x) = 1 - \tanh^2(x)$, elementwise.

    Example:
        >>> import torch
        >>> from zeronn.functions import tanh_grad
        >>> tanh_grad(torch.tensor([0.0, 1000.0]))
        tensor([1., 0.])
    """
    y = tanh(_floating("tanh_grad", x))
    return 1 - y**2


# --- softmax -------------------------------------------------------------------


def softmax(x: torch.Tensor) -> torch.Tensor:
    r"""Softmax over the last axis, $y_k = \dfrac{e^{x_k}}{\sum_i e^{x_i}}$.

    x: (C,) or (N, C), or any shape; returns probabilities of the same shape
    that sum to 1 along the last axis.

    Example:
        >>> import torch
        >>> from zeronn.functions import softmax
        >>> softmax(torch.tensor([1000.0, 1000.0]))
        tensor([0.5000, 0.5000])
    """
    x = _floating("softmax", x)
    # Subtracting the row max does not change the result (it cancels between
    # numerator and denominator), but makes every exponent <= 0: exp never
    # overflows to inf, and the largest term is exactly 1, so the sum is >= 1.
    e = torch.exp(x - x.amax(dim=-1, keepdim=True))
    return e / e.sum(dim=-1, keepdim=True)


def log_softmax(x: torch.Tensor) -> torch.Tensor:
    r"""Log of softmax over the last axis, $x_k - \log \sum_i e^{x_i}$ (log-sum-exp).

    x: any shape; returns the same shape. Finite for any finite x, where
    ``torch.log(softmax(x))`` would give $-\infty$ once a probability underflows to 0.

    Example:
        >>> import torch
        >>> from zeronn.functions import log_softmax
        >>> log_softmax(torch.tensor([0.0, 1000.0]))
        tensor([-1000.,     0.])
    """
    x = _floating("log_softmax", x)
    shifted = x - x.amax(dim=-1, keepdim=True)  # <= 0, so exp cannot overflow
    return shifted - torch.log(torch.exp(shifted).sum(dim=-1, keepdim=True))
