"""The items that ``zeronn.check`` runs: one small function per property of a layer.

Each item takes the learner's class, builds its own layer and inputs (float64,
fixed seeds), and raises :class:`Wrong` with what was expected and what came,
in English and Japanese, when the layer does not have the property. Their
names and the sections that explain them are listed in ``zeronn.checker``.
"""

from __future__ import annotations

import numbers
import warnings
from dataclasses import dataclass
from typing import Any, Callable

import torch
import torch.nn.functional as F

from zeronn.gradient import numerical_gradient, relative_error

Text = tuple[str, str]  # (en, ja)


class Wrong(Exception):
    """An item that failed: what was expected and what came, each as (en, ja)."""

    def __init__(self, expected: Text, got: Text) -> None:
        super().__init__(expected[0])
        self.expected, self.got = expected, got


def _randn(*shape: int, seed: int = 0, away_from_0: bool = False) -> torch.Tensor:
    x = torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    # Numerical differences across the kink of ReLU at 0 would be meaningless.
    return x + 0.2 * torch.sign(x) if away_from_0 else x


def _close(name: str, got: Any, expected: torch.Tensor, what: Text | str, *, atol: float = 1e-9) -> None:
    """Raise Wrong unless ``got`` is a tensor of expected's shape and values (float64, 1e-6).

    what: what was expected, in words, (en, ja) or one text for both.
    """
    what = (what, what) if isinstance(what, str) else what
    got = _tensor_like(name, got, expected, what)
    if not torch.allclose(got, expected, rtol=1e-6, atol=atol):
        raise Wrong(what, _difference(name, got, expected))


def _tensor_like(name: str, got: Any, expected: torch.Tensor, what: Text) -> torch.Tensor:
    """Return ``got`` if it is a finite tensor of expected's shape, dtype and device, else raise Wrong."""
    if not isinstance(got, torch.Tensor):
        raise Wrong((f"{what[0]}, a tensor", f"{what[1]} (テンソル)"), (type(got).__name__,) * 2)
    if got.shape != expected.shape:
        shape = str(tuple(expected.shape))
        raise Wrong(
            (f"{what[0]}, of shape {shape}", f"{what[1]}、形 {shape}"),
            (f"{name} of shape {tuple(got.shape)}", f"形 {tuple(got.shape)} の {name}"),
        )
    for form, want, came in (("dtype", expected.dtype, got.dtype), ("device", expected.device, got.device)):
        if came != want:  # float64 in, float64 out: a layer should not round to float32
            raise Wrong(
                (f"{what[0]}, of {form} {want} (the input's)", f"{what[1]}、{form} は入力と同じ {want}"),
                (f"{name} of {form} {came}", f"{form} が {came} の {name}"),
            )
    got = got.detach()
    if not torch.isfinite(got).all():
        raise Wrong(
            (f"{what[0]}, finite", f"{what[1]} (有限の値)"),
            (f"NaN or inf in {name}", f"{name} に NaN か inf があります"),
        )
    return got


def _near_numerical(dx: Any, dx_num: torch.Tensor) -> None:
    """Backprop and central differences in float64 agree to about 1e-10; 1e-6 leaves room."""
    what = ("dx = the numerical gradient", "dx = 数値微分による勾配")
    err = relative_error(_tensor_like("dx", dx, dx_num, what), dx_num)
    if err > 1e-6:
        raise Wrong(
            (f"{what[0]}, relative error below 1e-6", f"{what[1]} (相対誤差 1e-6 未満)"),
            (f"relative error {err:.3g}", f"相対誤差 {err:.3g}"),
        )


def _difference(name: str, got: torch.Tensor, expected: torch.Tensor) -> Text:
    """A single number is shown next to the right one; for a tensor, the largest difference."""
    if expected.numel() == 1:
        return (f"{name} = {got.item():.4g} (should be {expected.item():.4g})",
                f"{name} = {got.item():.4g} (正しくは {expected.item():.4g})")
    diff = f"{(got - expected).abs().max().item():.3g}"
    return (f"{name} differs by up to {diff}", f"{name} の差が最大 {diff} です")


def _unchanged(name: str, before: torch.Tensor, after: torch.Tensor) -> None:
    if not torch.equal(before, after):
        n, N = int((before != after).sum()), before.numel()
        raise Wrong(
            (f"{name} unchanged (compute into a new tensor)",
             f"{name} は変えずに新しいテンソルに計算すること"),
            (f"{n} of {N} entries of {name} changed", f"{name} の {N} 個中 {n} 個が変わりました"),
        )


@dataclass(frozen=True)
class Layer:
    """How to build and run one kind of layer, and the same map in torch (the oracle)."""

    make: Callable[[type], Any]
    torch_f: Callable[[torch.Tensor], torch.Tensor]
    x: torch.Tensor


W = _randn(3, 2, seed=1)
b = _randn(2, seed=2)
X = _randn(4, 3, seed=3, away_from_0=True)
LAYERS = {
    "affine": Layer(lambda cls: cls(W.clone(), b.clone()), lambda x: x.reshape(len(x), -1) @ W + b, X),
    "relu": Layer(lambda cls: cls(), torch.relu, X),
    "sigmoid": Layer(lambda cls: cls(), torch.sigmoid, X),
    "tanh": Layer(lambda cls: cls(), torch.tanh, X),
}


def forward_values(L: Layer, cls: type) -> None:
    x = L.x.clone()
    _close("y", L.make(cls).forward(x), L.torch_f(L.x), ("forward(x)", "順伝播の出力"))


def forward_keeps_input(L: Layer, cls: type) -> None:
    x = L.x.clone()
    L.make(cls).forward(x)
    _unchanged("x", L.x, x)


def _autograd_dx(L: Layer, x: torch.Tensor, dout: torch.Tensor) -> torch.Tensor:
    x = x.clone().requires_grad_()
    L.torch_f(x).backward(dout)
    return x.grad


def backward_dx(L: Layer, cls: type) -> None:
    dout = _randn(*L.torch_f(L.x).shape, seed=4)
    layer = L.make(cls)
    layer.forward(L.x.clone())
    _close("dx", layer.backward(dout.clone()), _autograd_dx(L, L.x, dout), "dx (torch.autograd)")


def backward_keeps_input(L: Layer, cls: type) -> None:
    x, dout = L.x.clone(), _randn(*L.torch_f(L.x).shape, seed=4)
    layer = L.make(cls)
    layer.forward(x)
    dout_given = dout.clone()
    layer.backward(dout_given)
    _unchanged("x", L.x, x)
    _unchanged("dout", dout, dout_given)


def numerical(L: Layer, cls: type) -> None:
    x, dout = L.x.clone(), _randn(*L.torch_f(L.x).shape, seed=4)
    layer = L.make(cls)
    y, what = L.torch_f(L.x), ("forward(x)", "順伝播の出力")
    # The scalar sum(y · dout) has gradient dx with respect to x: the chain rule.
    dx_num = numerical_gradient(lambda: (_tensor_like("y", layer.forward(x), y, what) * dout).sum(), x)
    layer.forward(x)
    _near_numerical(layer.backward(dout.clone()), dx_num)


def relu_no_negative_zero(L: Layer, cls: type) -> None:
    y = L.make(cls).forward(torch.tensor([-2.0, -0.5, 0.0, 1.5], dtype=torch.float64))
    n = int((torch.signbit(y) & (y == 0)).sum())
    if n:
        raise Wrong(
            ("0.0 where x <= 0", "x <= 0 のところは 0.0"),
            (f"-0.0 at {n} entries (x * (x > 0) gives -0.0 for x < 0)",
             f"{n} か所が -0.0 です (x < 0 で x * (x > 0) は -0.0)"),
        )


def stable_at_1000(L: Layer, cls: type) -> None:
    x = torch.tensor([-1000.0, -50.0, 0.0, 50.0, 1000.0], dtype=torch.float64)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y = L.make(cls).forward(x)
    _close("y", y, L.torch_f(x), ("forward(x) for x = ±1000", "x = ±1000 での順伝播の出力"))
    if caught:
        raise Wrong(("no warning", "警告なし"), (str(caught[0].message),) * 2)


def _affine_grads(cls: type) -> tuple[Any, torch.Tensor, torch.Tensor]:
    """The learner's layer after forward and backward, and dW, db from torch.autograd."""
    dout = _randn(4, 2, seed=4)
    layer = LAYERS["affine"].make(cls)
    layer.forward(X.clone())
    layer.backward(dout.clone())
    W_, b_ = W.clone().requires_grad_(), b.clone().requires_grad_()
    (X @ W_ + b_).backward(dout)
    return layer, W_.grad, b_.grad


def affine_dW(cls: type) -> None:
    layer, dW, _ = _affine_grads(cls)
    _close("dW", getattr(layer, "dW", None), dW, "dW = xᵀ · dout")


def affine_db(cls: type) -> None:
    layer, _, db = _affine_grads(cls)
    what = ("db = dout summed over the batch", "db = dout をバッチ方向に足したもの")
    _close("db", getattr(layer, "db", None), db, what)


def affine_dx_shape(cls: type) -> None:
    x, dout = _randn(4, 1, 3, seed=5), _randn(4, 2, seed=4)
    layer = LAYERS["affine"].make(cls)
    layer.forward(x.clone())
    dx = layer.backward(dout)
    _close("dx", dx, _autograd_dx(LAYERS["affine"], x, dout), ("dx in the shape of x", "入力 x と同じ形の dx"))


# softmax_with_loss: scores x (N, C) and one-hot answers t, as in the course.
XS = _randn(4, 3, seed=6)
T = torch.eye(3, dtype=torch.float64)[torch.tensor([0, 2, 1, 2])]


def _loss(cls: type, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """The learner's loss for (x, t), from a new layer: see :func:`_as_loss`."""
    return _as_loss(cls().forward(x.clone(), t.clone()))


def _as_loss(loss: Any) -> torch.Tensor:
    """A loss that forward returned, as a float64 tensor; of shape () when it holds one number."""
    if isinstance(loss, bool) or not isinstance(loss, (torch.Tensor, numbers.Real)) or _no_real_values(loss):
        raise Wrong(("the loss, a number or a 0-dim tensor", "損失 (数か 0 次元テンソル)"), (type(loss).__name__,) * 2)
    loss = torch.as_tensor(loss).detach().to(device="cpu", dtype=torch.float64)
    # A loss of shape (1,) is still one number; a loss per row (N,) is not.
    return loss.reshape(()) if loss.numel() == 1 else loss


def _no_real_values(value: Any) -> bool:
    return isinstance(value, torch.Tensor) and (value.is_complex() or value.is_meta)


def _one_number(loss: torch.Tensor) -> float:
    if loss.numel() != 1:
        raise Wrong(
            ("the loss, one number (the mean over the batch)", "損失 (バッチで平均した 1 つの数)"),
            (f"loss of shape {tuple(loss.shape)}", f"形 {tuple(loss.shape)} の損失"),
        )
    return float(loss)


def softmax_loss_value(cls: type) -> None:
    what = ("the mean cross-entropy error", "交差エントロピー誤差の平均")
    _close("loss", _loss(cls, XS, T), F.cross_entropy(XS, T), what)


def softmax_large_scores(cls: type) -> None:
    x = torch.tensor([[1000.0, 0.0, -1000.0], [1000.0, 1000.0, 0.0]], dtype=torch.float64)
    t = torch.eye(3, dtype=torch.float64)[torch.tensor([0, 1])]
    what = ("the loss for scores of 1000", "スコア 1000 での損失")
    _close("loss", _loss(cls, x, t), F.cross_entropy(x, t), what)


def softmax_batch_average(cls: type) -> None:
    one = _one_number(_loss(cls, XS[:1], T[:1]))
    five = _one_number(_loss(cls, XS[:1].repeat(5, 1), T[:1].repeat(5, 1)))
    if not abs(one - five) <= 1e-9 * abs(one):
        raise Wrong(
            ("the same loss for 1 row and for 5 equal rows (the mean)",
             "1 行でも同じ 5 行でも同じ損失 (平均)"),
            (f"{one:.4g} for 1 row, {five:.4g} for 5 rows", f"1 行で {one:.4g}、5 行で {five:.4g}"),
        )


def softmax_keeps_input(cls: type) -> None:
    x, t = XS.clone(), T.clone()
    layer = cls()
    layer.forward(x, t)
    layer.backward()
    _unchanged("x", XS, x)
    _unchanged("t", T, t)


def _softmax_dx(dout: float) -> torch.Tensor:
    x = XS.clone().requires_grad_()
    (dout * F.cross_entropy(x, T)).backward()
    return x.grad


def softmax_backward(cls: type) -> None:
    layer = cls()
    layer.forward(XS.clone(), T.clone())
    _close("dx", layer.backward(), _softmax_dx(1.0), "dx = (y - t) / N")


def softmax_uses_dout(cls: type) -> None:
    layer = cls()
    layer.forward(XS.clone(), T.clone())
    _close("dx", layer.backward(2.0), _softmax_dx(2.0), "backward(2.0) = 2 · backward(1.0)")


def softmax_numerical(cls: type) -> None:
    x, layer = XS.clone(), cls()
    dx_num = numerical_gradient(lambda: _one_number(_as_loss(layer.forward(x, T.clone()))), x)
    layer.forward(x, T.clone())
    _near_numerical(layer.backward(), dx_num)
