"""The benchmarked computations, each written four times on the same numbers.

- ``zeronn``: the package's layers, as a reader of the course uses them;
- ``torch``: the same computation with ``torch.nn.functional`` and autograd
  on the same tensors: ``F.linear(x, W.T, b)`` with zeronn's W of shape (D, H);
  parameters require grad, the data x does not; gradients set to None after
  each backward, as ``optimizer.zero_grad()`` does;
- ``torch_hd``: the same, with the weights stored as ``nn.Linear`` stores them,
  (H, D), and ``F.linear(x, W, b)``: the layout PyTorch itself chooses;
- ``numpy``: the book's NumPy layers (``np.dot``, boolean masks, ...), in float32.

Each case's ``run()`` returns what it computed, so that the three can be
checked against each other before they are timed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F

import zeronn


@dataclass(frozen=True)
class Size:
    name: str
    N: int  # batch size
    D: int  # input size
    H: int  # hidden units
    C: int  # classes

    @property
    def shape(self) -> str:
        return f"{self.N}×{self.D} → {self.H} → {self.C}"


SIZES = [
    Size("source", N=2, D=3, H=4, C=2),  # the forward-propagation experiment of the course
    Size("mnist", N=100, D=784, H=50, C=10),  # the book's two-layer MNIST network
    Size("large", N=256, D=1024, H=1024, C=10),
]

# (case, pass): Affine, Relu and Sigmoid work on the hidden layer (N, H) (Affine
# from x (N, D)); SoftmaxWithLoss on the scores (N, C); the training step is
# Affine → ReLU → Affine → SoftmaxWithLoss, forward and backward.
LAYERS = ["Affine", "Relu", "Sigmoid", "SoftmaxWithLoss"]
PASSES = ["forward", "forward+backward"]
CASES = [(layer, p) for layer in LAYERS for p in PASSES] + [("training step", "forward+backward")]
IMPLEMENTATIONS = ["zeronn", "torch", "torch_hd", "numpy"]

Run = Callable[[], object]


class Data:
    """Random float32 inputs for one size, the same numbers for every implementation."""

    def __init__(self, size: Size, device: str, seed: int = 0) -> None:
        g = torch.Generator().manual_seed(seed)
        N, D, H, C = size.N, size.D, size.H, size.C

        def randn(*shape, scale=1.0):
            return (torch.randn(*shape, generator=g) * scale).to(device)

        self.x = randn(N, D)  # the data: nothing asks for its gradient
        self.W1, self.b1 = randn(D, H, scale=(2 / D) ** 0.5), randn(H, scale=0.1)
        self.W2, self.b2 = randn(H, C, scale=(2 / H) ** 0.5), randn(C, scale=0.1)
        self.h, self.dh = randn(N, H), randn(N, H)  # a hidden layer's input and gradient
        self.s = randn(N, C, scale=3.0)  # scores
        self.t = torch.randint(0, C, (N,), generator=g).to(device)


# --- zeronn ---------------------------------------------------------------------


def zeronn_case(case: str, pass_: str, d: Data) -> Run:
    backward = pass_ == "forward+backward"
    if case == "Affine":
        layer = zeronn.Affine(d.W1, d.b1)
        if not backward:
            return lambda: layer.forward(d.x)

        def run():
            y = layer.forward(d.x)
            return y, layer.backward(d.dh), layer.dW, layer.db

        return run
    if case in ("Relu", "Sigmoid"):
        layer = getattr(zeronn, case)()
        if not backward:
            return lambda: layer.forward(d.h)
        return lambda: (layer.forward(d.h), layer.backward(d.dh))
    if case == "SoftmaxWithLoss":
        layer = zeronn.SoftmaxWithLoss()
        if not backward:
            return lambda: layer.forward(d.s, d.t)
        return lambda: (layer.forward(d.s, d.t), layer.backward())
    if case == "training step":
        layers = [zeronn.InputAffine(d.W1, d.b1), zeronn.Relu(), zeronn.Affine(d.W2, d.b2)]
        net = zeronn.Network(layers, zeronn.SoftmaxWithLoss())
        return lambda: (net.gradient(d.x, d.t), *net.grads())
    raise ValueError(case)


# --- torch.nn.functional + autograd ------------------------------------------


def _leaf(t: torch.Tensor) -> torch.Tensor:
    return t.detach().clone().requires_grad_()


def _grads(*leaves: torch.Tensor) -> list[torch.Tensor]:
    grads = [leaf.grad for leaf in leaves]
    for leaf in leaves:
        leaf.grad = None  # as optimizer.zero_grad() does
    return grads


def torch_case(case: str, pass_: str, d: Data, layout: str = "DH") -> Run:
    """layout "DH": zeronn's W (D, H), used as F.linear(x, W.T, b); "HD": nn.Linear's (H, D)."""
    backward = pass_ == "forward+backward"

    def weight(W: torch.Tensor) -> tuple[torch.Tensor, Callable[[torch.Tensor], torch.Tensor]]:
        """The leaf to differentiate, and how to pass it to F.linear (which wants (H, D))."""
        if layout == "HD":
            return _leaf(W.T.contiguous()), lambda leaf: leaf
        return _leaf(W), lambda leaf: leaf.T

    def as_DH(grad: torch.Tensor) -> torch.Tensor:  # to compare with zeronn's dW (D, H)
        return grad.T if layout == "HD" else grad

    if case == "Affine":
        # A hidden layer: its input comes from the layer below, so dx is needed (as in zeronn's backward).
        (W, view), x, b = weight(d.W1), _leaf(d.x), _leaf(d.b1)
        if not backward:
            return lambda: F.linear(x, view(W), b)

        def run():
            y = F.linear(x, view(W), b)
            y.backward(d.dh)
            dx, dW, db = _grads(x, W, b)
            return y, dx, as_DH(dW), db

        return run
    if case in ("Relu", "Sigmoid"):
        f = torch.relu if case == "Relu" else torch.sigmoid
        h = _leaf(d.h)
        if not backward:
            return lambda: f(h)

        def run():
            y = f(h)
            y.backward(d.dh)
            return y, *_grads(h)

        return run
    if case == "SoftmaxWithLoss":
        s = _leaf(d.s)
        if not backward:
            return lambda: F.cross_entropy(s, d.t)

        def run():
            loss = F.cross_entropy(s, d.t)
            loss.backward()
            return loss, *_grads(s)

        return run
    if case == "training step":
        (W1, view), (W2, _) = weight(d.W1), weight(d.W2)
        b1, b2 = _leaf(d.b1), _leaf(d.b2)

        def run():
            scores = F.linear(torch.relu(F.linear(d.x, view(W1), b1)), view(W2), b2)
            loss = F.cross_entropy(scores, d.t)
            loss.backward()
            dW1, db1, dW2, db2 = _grads(W1, b1, W2, b2)
            return loss, as_DH(dW1), db1, as_DH(dW2), db2

        return run
    raise ValueError(case)


def torch_hd_case(case: str, pass_: str, d: Data) -> Run:
    return torch_case(case, pass_, d, layout="HD")


# --- NumPy, the book's way --------------------------------------------------------


class NpAffine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx


class NpRelu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()  # the book writes into dout itself; we leave the caller's array alone
        dx[self.mask] = 0
        return dx


class NpSigmoid:
    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, dout):
        return dout * (1.0 - self.out) * self.out


class NpSoftmaxWithLoss:
    def forward(self, x, t):
        x = x - np.max(x, axis=-1, keepdims=True)
        self.y = np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)
        self.t = t
        N = x.shape[0]
        return -np.sum(np.log(self.y[np.arange(N), t] + 1e-7)) / N

    def backward(self, dout=1):
        N = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(N), self.t] -= 1
        return dx * dout / N


def numpy_case(case: str, pass_: str, d: Data) -> Run:
    backward = pass_ == "forward+backward"
    x, h, dh, s, t = (v.cpu().numpy() for v in (d.x, d.h, d.dh, d.s, d.t))
    W1, b1, W2, b2 = (v.cpu().numpy() for v in (d.W1, d.b1, d.W2, d.b2))
    if case == "Affine":
        layer = NpAffine(W1, b1)
        if not backward:
            return lambda: layer.forward(x)

        def run():
            y = layer.forward(x)
            return y, layer.backward(dh), layer.dW, layer.db

        return run
    if case in ("Relu", "Sigmoid"):
        layer = NpRelu() if case == "Relu" else NpSigmoid()
        if not backward:
            return lambda: layer.forward(h)
        return lambda: (layer.forward(h), layer.backward(dh))
    if case == "SoftmaxWithLoss":
        layer = NpSoftmaxWithLoss()
        if not backward:
            return lambda: layer.forward(s, t)
        return lambda: (layer.forward(s, t), layer.backward())
    if case == "training step":
        layers = [NpAffine(W1, b1), NpRelu(), NpAffine(W2, b2)]
        last = NpSoftmaxWithLoss()

        def run():
            y = x
            for layer in layers:
                y = layer.forward(y)
            loss = last.forward(y, t)
            dout = last.backward(1)
            for layer in reversed(layers):
                dout = layer.backward(dout)
            return loss, layers[0].dW, layers[0].db, layers[2].dW, layers[2].db

        return run
    raise ValueError(case)


BUILDERS = {"zeronn": zeronn_case, "torch": torch_case, "torch_hd": torch_hd_case, "numpy": numpy_case}


def build(case: str, pass_: str, d: Data, implementations: list[str]) -> dict[str, Run]:
    return {name: BUILDERS[name](case, pass_, d) for name in implementations}


def _as_arrays(value: object) -> list[np.ndarray]:
    values = value if isinstance(value, (tuple, list)) else [value]
    out = []
    for v in values:
        if isinstance(v, torch.Tensor):
            v = v.detach().cpu().numpy()
        out.append(np.asarray(v, dtype=np.float64))
    return out


def check_agree(runs: dict[str, Run], label: str) -> None:
    """Raise AssertionError unless every implementation computes the same values (float32 tolerance)."""
    results = {name: _as_arrays(run()) for name, run in runs.items()}
    reference_name = "torch" if "torch" in results else next(iter(results))
    reference = results[reference_name]
    for name, arrays in results.items():
        assert len(arrays) == len(reference), f"{label}: {name} returns {len(arrays)} values, {reference_name} {len(reference)}"
        for i, (a, b) in enumerate(zip(arrays, reference)):
            assert a.shape == b.shape, f"{label}: value {i} of {name} has shape {a.shape}, {reference_name} {b.shape}"
            if not np.allclose(a, b, rtol=1e-3, atol=1e-4):
                raise AssertionError(f"{label}: value {i} of {name} differs from {reference_name} by {np.abs(a - b).max()}")


# --- single operations -------------------------------------------------------------

# The operations behind the layers, timed one by one on the large size's
# tensors: x, dout (256×1024), out = relu(x), mask = (x <= 0), W (1024×1024),
# b (1024,); for the last layer W2 (1024×10), the same values stored as
# nn.Linear stores them, W2_HD (10×1024), b2 (10,) and dout2 (256×10); for
# the one-hot labels y (256×10) and t (256,). The code strings are what is
# timed, and what the performance page prints.
PRIMITIVES = [
    ("relu", ["x <= 0", "x.clamp(min=0)", "x.masked_fill(x <= 0, 0)", "torch.relu(x)"]),
    ("relu_backward", [
        "dout * ~mask",
        "dout.masked_fill(mask, 0)",
        "torch.where(mask, 0, dout)",
        "dout * torch.sign(out)",
        "torch.ops.aten.threshold_backward(dout, out, 0)",
    ]),
    ("sigmoid", ["sigmoid(x)", "1 / (1 + torch.exp(-x))", "torch.sigmoid(x)"]),
    ("affine", ["x @ W + b", "torch.addmm(b, x, W)", "x.T @ dout", "dout @ W.T"]),
    ("affine_10", ["torch.addmm(b2, x, W2)", "torch.addmm(b2, x, W2_HD.T)", "x.T @ dout2", "(dout2.T @ x).T"]),
    ("one_hot", ["(t[:, None] == torch.arange(10)).to(y.dtype)", "torch.zeros_like(y).scatter_(1, t[:, None], 1.0)"]),
]


def primitive_env(device: str, seed: int = 0) -> dict:
    from zeronn.functions import sigmoid

    g = torch.Generator().manual_seed(seed)
    x, dout = torch.randn(256, 1024, generator=g).to(device), torch.randn(256, 1024, generator=g).to(device)
    W, b = (torch.randn(1024, 1024, generator=g) / 32).to(device), torch.randn(1024, generator=g).to(device)
    y = torch.softmax(torch.randn(256, 10, generator=g), dim=1).to(device)
    t = torch.randint(0, 10, (256,), generator=g).to(device)
    W2, b2 = (torch.randn(1024, 10, generator=g) / 32).to(device), torch.randn(10, generator=g).to(device)
    dout2 = torch.randn(256, 10, generator=g).to(device)
    return {"torch": torch, "sigmoid": sigmoid, "x": x, "dout": dout, "out": torch.relu(x),
            "mask": x <= 0, "W": W, "b": b, "y": y, "t": t,
            "W2": W2, "W2_HD": W2.T.contiguous(), "b2": b2, "dout2": dout2}


def primitive_runs(codes: list[str], env: dict) -> dict[str, Run]:
    return {code: eval("lambda: " + code, env) for code in codes}  # noqa: S307 (our own strings)
