r"""A network: a list of layers followed by a loss layer, and ``mlp`` to build one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import torch

from zeronn._checks import check_device, check_dtype, check_int, check_tensor
from zeronn.affine import Affine
from zeronn.input_affine import InputAffine
from zeronn.init import he_normal, lecun_normal, xavier_normal
from zeronn.losses import check_targets
from zeronn.relu import Relu
from zeronn.sigmoid import Sigmoid
from zeronn.softmax_with_loss import SoftmaxWithLoss
from zeronn.tanh import Tanh

ACTIVATIONS = {"relu": Relu, "sigmoid": Sigmoid, "tanh": Tanh}
INITS = {"he": he_normal, "xavier": xavier_normal, "lecun": lecun_normal}


class Network:
    r"""Layers applied in order, then a loss layer; backpropagation runs them in reverse.

    layers: objects with ``forward(x)`` and ``backward(dout)``; those that also
    have ``W`` and ``b`` (Affine) hold the parameters. loss_layer: an object
    with ``forward(y, t)`` returning a 0-dim loss and ``backward()`` returning
    $\partial L / \partial y$, e.g. :class:`SoftmaxWithLoss`.

    Example:
        >>> import torch
        >>> from zeronn import Affine, Network, Relu, SoftmaxWithLoss
        >>> W1, W2 = torch.ones(2, 3), torch.ones(3, 2)
        >>> net = Network([Affine(W1, torch.zeros(3)), Relu(), Affine(W2, torch.zeros(2))], SoftmaxWithLoss())
        >>> net.predict(torch.tensor([[1.0, 2.0]]))
        tensor([[9., 9.]])
        >>> net.gradient(torch.tensor([[1.0, 2.0]]), torch.tensor([0]))
        tensor(0.6931)
        >>> [tuple(g.shape) for g in net.grads()]
        [(2, 3), (3,), (3, 2), (2,)]
    """

    def __init__(self, layers: Sequence[Any], loss_layer: Any) -> None:
        _check_layers(layers, loss_layer)
        self.layers = list(layers)
        self.loss_layer = loss_layer

    def predict(self, x: torch.Tensor) -> torch.Tensor:
        """Forward x (N, D) through every layer; return the scores (N, C) before softmax."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def loss(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Return the loss (0-dim) of the scores for x against t (N,) or (N, C)."""
        return self.loss_layer.forward(self.predict(x), t)

    def backward(self, dout: float | torch.Tensor = 1.0) -> torch.Tensor | None:
        """Backpropagate from the loss through every layer, last to first; return what the first returns."""
        dout = self.loss_layer.backward(dout)
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        return dout

    def gradient(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """Run forward and backward: fill every layer's ``dW`` and ``db``; return the loss."""
        loss = self.loss(x, t)
        self.backward()
        return loss

    def params(self) -> list[torch.Tensor]:
        """The parameters, in order [W1, b1, W2, b2, ...]: the layers' own tensors, not copies."""
        return [p for layer in self._param_layers() for p in (layer.W, layer.b)]

    def grads(self) -> list[torch.Tensor]:
        """The gradients from the last backward, in the order of params(): [dW1, db1, ...]."""
        layers = self._param_layers()
        if any(layer.dW is None for layer in layers):
            raise RuntimeError("Network.grads() has no gradients yet: call gradient(x, t) or backward() first")
        return [g for layer in layers for g in (layer.dW, layer.db)]

    def accuracy(self, x: torch.Tensor, t: torch.Tensor) -> float:
        """Fraction of rows of x whose highest score is the answer; t as for the loss: indices (N,) or one-hot (N, C)."""
        check_tensor("Network.accuracy", "t", t)
        scores = self.predict(x)
        check_targets("Network.accuracy", "the scores predict(x)", scores, t)
        labels = t.argmax(dim=1) if t.is_floating_point() else t
        return (scores.argmax(dim=1) == labels).double().mean().item()

    def _param_layers(self) -> list[Any]:
        return [layer for layer in self.layers if hasattr(layer, "W") and hasattr(layer, "b")]


def mlp(
    sizes: Sequence[int], *, activation: str = "relu", init: str = "he", seed: int = 0,
    dtype: torch.dtype = torch.float32, device: torch.device | str = "cpu",
) -> Network:
    r"""Build a multilayer perceptron: InputAffine, activation, Affine, ..., Affine, then SoftmaxWithLoss.

    sizes: [D, H1, ..., C], input size, hidden sizes, number of classes.
    activation: "relu", "sigmoid" or "tanh". init: "he", "xavier" (Glorot) or
    "lecun", see ``zeronn.init``. Weights come from a ``torch.Generator``
    seeded with ``seed``, so the same seed gives the same network whatever the
    global random state; biases start at 0.

    Example:
        >>> from zeronn import mlp
        >>> net = mlp([64, 50, 10])
        >>> [type(layer).__name__ for layer in net.layers]
        ['InputAffine', 'Relu', 'Affine']
        >>> [tuple(p.shape) for p in net.params()]
        [(64, 50), (50,), (50, 10), (10,)]
    """
    sizes = _check_mlp_args(sizes, activation, init, seed, dtype, device)
    generator = torch.Generator().manual_seed(int(seed))
    layers: list[Any] = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        W = INITS[init](fan_in, fan_out, generator=generator, dtype=dtype, device=device)
        affine = InputAffine if i == 0 else Affine  # the first takes the data: no dx needed
        layers += [affine(W, torch.zeros(fan_out, dtype=dtype, device=device)), ACTIVATIONS[activation]()]
    return Network(layers[:-1], SoftmaxWithLoss())  # no activation after the last Affine


def _check_layers(layers: Any, loss_layer: Any) -> None:
    """layers: a non-empty list of layers; loss_layer: a layer."""
    if isinstance(layers, str) or not isinstance(layers, Sequence):
        raise TypeError(f"Network expects layers as a list of layers, got {type(layers).__name__}")
    if not layers:
        raise ValueError("Network expects at least one layer, got an empty list")
    for i, layer in enumerate(layers):
        _check_layer(f"layers[{i}]", layer)
    _check_layer("loss_layer", loss_layer)


def _check_layer(name: str, layer: Any) -> None:
    """A layer: an object (not a class) with forward and backward methods."""
    if isinstance(layer, type):
        raise TypeError(f"Network expects {name} to be a layer, got the class {layer.__name__} itself: call it")
    if not all(callable(getattr(layer, method, None)) for method in ("forward", "backward")):
        raise TypeError(
            f"Network expects {name} to be a layer with forward and backward methods, got {type(layer).__name__}"
        )


def _check_mlp_args(sizes: Any, activation: Any, init: Any, seed: Any, dtype: Any, device: Any) -> list[int]:
    """Raise on a wrong argument of mlp; return sizes as a list of ints."""
    if isinstance(sizes, str) or not isinstance(sizes, Sequence):
        raise TypeError(f"mlp expects sizes as a list of ints [D, H1, ..., C], got {type(sizes).__name__}")
    sizes = [check_int("mlp", f"sizes[{i}]", n) for i, n in enumerate(sizes)]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"mlp expects sizes [D, ..., C] of at least 2 numbers, each >= 1, got {sizes}")
    for name, value, allowed in (("activation", activation, ACTIVATIONS), ("init", init, INITS)):
        if not isinstance(value, str):
            raise TypeError(f"mlp expects {name} as a str, one of {sorted(allowed)}, got {type(value).__name__}")
        if value not in allowed:
            raise ValueError(f"mlp expects {name} to be one of {sorted(allowed)}, got {value!r}")
    if not -(2**63) <= check_int("mlp", "seed", seed) < 2**64:
        raise ValueError(f"mlp expects seed in [-2**63, 2**64), the range of torch.Generator.manual_seed, got {seed}")
    check_dtype("mlp", dtype)
    check_device("mlp", device)
    return sizes
