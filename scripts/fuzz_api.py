"""Throw a fixed corpus of careless and hostile calls at zeronn's public API and sort the outcomes.

Usage: .venv/bin/python scripts/fuzz_api.py [-v]

Every public name is called: zeronn.__all__, zeronn.functions.*, zeronn.init.*,
zeronn.perceptron.* and the methods forward, backward, update, gradient,
accuracy, loss and predict of the classes. Left out: zeronn.train,
zeronn.History and zeronn.load_digits (trainer.py and datasets.py have
another owner).

Each call ends in one of four outcomes:

- clear:  TypeError, ValueError or RuntimeError raised by a ``raise`` in
          zeronn's own code, whose message names the function or class
          (Python's own "f() missing 1 required argument" errors count too:
          they name the function and the argument);
- raw:    any other exception: one from inside torch, numpy or Python, or a
          zeronn error that does not name the function;
- silent: a result where an error was due (an invalid input accepted), a
          non-finite value where torch gives a finite one, a value that
          disagrees with torch (computed in float64, then rounded to the
          input's dtype), or an input changed that should not be;
- ok:     a correct result.

A clear error is also compared with the rule (a value of the wrong type:
TypeError; the right type with a wrong shape, dtype, device or range:
ValueError; a call out of order: RuntimeError); a clear error of the other
class, or one that refuses a valid input, is listed as "off the rule".

The corpus is deterministic: fixed values, fixed seeds, no random draws.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import re
import sys
import traceback
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
import torch
import torch.nn.functional as F

import zeronn
import zeronn.checker
from zeronn import (
    SGD, Adam, Affine, InputAffine, Momentum, Network, Relu, Sigmoid, SoftmaxWithLoss, Tanh,
    check, mlp, numerical_gradient, relative_error,
)
from zeronn import functions as zf
from zeronn import init as zi
from zeronn import perceptron as zp

ZERONN_DIR = Path(zeronn.__file__).resolve().parent
OK = object()  # the expectation "a correct result", with no oracle value to compare (checked by a judge)

FLOATS = [torch.float16, torch.bfloat16, torch.float32, torch.float64]
INTS = [torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8]
DTYPES = FLOATS + INTS + [torch.bool, torch.complex64]
TOL = {torch.float16: (1e-2, 1e-3), torch.bfloat16: (3e-2, 1e-2), torch.float32: (1e-5, 1e-6), torch.float64: (1e-9, 1e-12)}

# Values that are not tensors; (label, value).
NOT_TENSORS = [
    ("None", None), ("str", "1.0"), ("list", [[1.0, 2.0]]), ("dict", {"x": 1}), ("int", 3), ("float", 2.5),
    ("bool", True), ("np.ndarray float32", np.ones((2, 3), np.float32)),
    ("np.ndarray float64", np.ones((2, 3), np.float64)), ("np.float32", np.float32(1.0)),
    ("np.float64", np.float64(1.0)), ("np.int64", np.int64(1)),
]
EXTREMES = [1e4, -1e4, 1e30, -1e30, math.inf, -math.inf, math.nan]


@dataclass
class Case:
    target: str  # "Relu.forward", "softmax", ...
    what: str  # the input, in words
    call: Callable[[], Any]
    expect: Any  # an exception class (the rule's), OK, or a thunk returning torch's answer
    names: tuple[str, ...]  # a clear message names one of these
    keep: tuple[torch.Tensor, ...] = ()  # inputs that must come back unchanged
    judge: Callable[[Any], str | None] | None = None  # own verdict on a result: None = fine, else why not


@dataclass
class Outcome:
    kind: str  # clear, raw, silent, ok
    cause: str = ""
    note: str = ""  # for clear: off the rule


CASES: list[Case] = []


def case(target: str, what: str, call: Callable[[], Any], expect: Any, *, names: tuple[str, ...] | None = None,
         keep: tuple[torch.Tensor, ...] = (), judge: Callable[[Any], str | None] | None = None) -> None:
    CASES.append(Case(target, what, call, expect, names or (target.split(".")[0],), keep, judge))


def t(values: Any, dtype: torch.dtype = torch.float32, **kw: Any) -> torch.Tensor:
    """A tensor of ``values`` cast to dtype (complex and bool too)."""
    return torch.tensor(values, dtype=torch.float64, **kw).to(dtype)


def in_f64(f: Callable[..., torch.Tensor], *xs: torch.Tensor, dtype: torch.dtype | None = None) -> Callable[[], torch.Tensor]:
    """torch's answer: f on float64 copies of xs, rounded to the dtype of the first (or to dtype)."""
    return lambda: f(*(x.double() for x in xs)).to(dtype or xs[0].dtype)


# --- the corpus -------------------------------------------------------------------------

X24 = [[-2.0, -0.5, 0.0, 1.5], [3.0, -1.0, 0.25, 2.0]]
ELEMENTWISE = {  # name: (the dtypes it takes, torch's answer in float64)
    "step_function": ("real", lambda x: (x > 0).double()),
    "relu": ("real", torch.relu),
    "step_grad": ("real", torch.zeros_like),
    "relu_grad": ("real", lambda x: (x > 0).double()),
    "sigmoid": ("floating", torch.sigmoid),
    "tanh": ("floating", torch.tanh),
    "sigmoid_grad": ("floating", lambda x: torch.sigmoid(x) * (1 - torch.sigmoid(x))),
    "tanh_grad": ("floating", lambda x: 1 - torch.tanh(x) ** 2),
    "softmax": ("floating", lambda x: torch.softmax(x, dim=-1)),
    "log_softmax": ("floating", lambda x: torch.log_softmax(x, dim=-1)),
}


def takes(domain: str, dtype: torch.dtype) -> bool:
    if domain == "floating":
        return dtype.is_floating_point
    return dtype != torch.bool and not dtype.is_complex


def function_cases() -> None:
    for name, (domain, f) in ELEMENTWISE.items():
        fn = getattr(zf, name)
        for label, value in NOT_TENSORS:
            case(name, f"x = {label}", functools.partial(fn, value), TypeError)
        for dtype in DTYPES:
            x = t(X24, dtype)
            case(name, f"x of dtype {dtype}", functools.partial(fn, x),
                 in_f64(f, x) if takes(domain, dtype) else ValueError, keep=(x,))
        for shape in [(), (0,), (0, 3), (3, 0), (5,), (2, 3, 4)]:
            x = torch.linspace(-3, 3, math.prod(shape)).reshape(shape)
            valid = x.numel() > 0
            case(name, f"x of shape {shape}", functools.partial(fn, x), in_f64(f, x) if valid else ValueError)
        for dtype in (torch.float16, torch.float32, torch.float64):
            big = torch.finfo(dtype).max
            for v in EXTREMES + [big, -big]:
                x = t([[v, 0.0, -1.0], [1.0, v, 2.0]], dtype)
                case(name, f"x holding {v:g} ({dtype})", functools.partial(fn, x), in_f64(f, x), keep=(x,))
        x = torch.ones(2, 3, device="meta")
        case(name, "x on the meta device", functools.partial(fn, x), ValueError)
        x = t(X24).requires_grad_()
        case(name, "x that requires grad", functools.partial(fn, x), in_f64(lambda a, f=f: f(a.detach()), x))


def loss_cases() -> None:
    y = torch.softmax(t([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0]]), dim=1)
    labels, onehot = torch.tensor([1, 2]), torch.eye(3)[[1, 2]]
    tiny = torch.finfo(torch.float32).tiny

    def ce(y: torch.Tensor, t_: torch.Tensor) -> torch.Tensor:
        log_y = torch.log(y.double().clamp_min(torch.finfo(y.dtype).tiny))
        t1 = F.one_hot(t_.long(), y.shape[-1]).double() if not t_.is_floating_point() else t_.double()
        n = y.shape[0] if y.dim() == 2 else 1
        return (-(t1 * log_y).sum() / n).to(y.dtype)

    cee = zf.cross_entropy_error
    for label, value in NOT_TENSORS:
        case("cross_entropy_error", f"y = {label}", functools.partial(cee, value, labels), TypeError)
        case("cross_entropy_error", f"t = {label}", functools.partial(cee, y, value), TypeError)
        for fn in (zf.mean_squared_error, zf.sum_squared_error):
            case(fn.__name__, f"y = {label}", functools.partial(fn, value, y), TypeError)
            case(fn.__name__, f"t = {label}", functools.partial(fn, y, value), TypeError)
    for dtype in DTYPES:
        yd = y.to(dtype)
        valid = dtype.is_floating_point
        case("cross_entropy_error", f"y of dtype {dtype}", functools.partial(cee, yd, labels),
             (lambda yd=yd: ce(yd, labels)) if valid else ValueError)
        td = labels.to(dtype)
        ok_t = dtype in INTS
        case("cross_entropy_error", f"labels of dtype {dtype}", functools.partial(cee, y, td),
             (lambda td=td: ce(y, td)) if ok_t else ValueError)
        for fn, scale in ((zf.mean_squared_error, None), (zf.sum_squared_error, 0.5)):
            a, b = yd, onehot.to(dtype)
            want = (lambda a=a, b=b, s=scale: (((a.double() - b.double()) ** 2).mean() if s is None
                                               else 0.5 * ((a.double() - b.double()) ** 2).sum() / 2).to(a.dtype))
            case(fn.__name__, f"y and t of dtype {dtype}", functools.partial(fn, a, b), want if valid else ValueError)
    for what, t_ in [("labels (N, 1)", labels[:, None]), ("labels out of range (= C)", torch.tensor([1, 3])),
                     ("a negative label", torch.tensor([-1, 2])), ("3 labels for 2 rows", torch.tensor([0, 1, 2])),
                     ("one-hot of the wrong width", torch.eye(4)[[1, 2]]), ("bool one-hot", onehot.bool()),
                     ("float labels (N,)", labels.float()), ("labels on meta", labels.to("meta")),
                     ("one-hot float64 for y float32", onehot.double())]:
        case("cross_entropy_error", f"t = {what}", functools.partial(cee, y, t_), ValueError)
    for what, y_, t_ in [("one sample (C,), 0-dim label", y[0], labels[0]), ("one-hot", y, onehot),
                         ("y with a 0", t([[0.0, 1.0, 0.0]]), torch.tensor([0])),
                         ("labels uint8", y, labels.to(torch.uint8)), ("labels int16", y, labels.to(torch.int16))]:
        case("cross_entropy_error", what, functools.partial(cee, y_, t_), lambda y_=y_, t_=t_: ce(y_, t_), keep=(y_, t_))
    for what, y_ in [("y (0, 3)", torch.ones(0, 3)), ("y (2, 0)", torch.ones(2, 0)), ("y 3-d", torch.ones(2, 3, 1)),
                     ("y 0-dim", torch.tensor(0.5)), ("y negative", t([[-0.5, 1.5, 0.0], [0.2, 0.3, 0.5]])),
                     ("y above 1", t([[2.0, 0.0, 0.0], [0.2, 0.3, 0.5]])), ("y on meta", y.to("meta"))]:
        case("cross_entropy_error", what, functools.partial(cee, y_, labels), ValueError)
    for fn in (zf.mean_squared_error, zf.sum_squared_error):
        for what, a, b in [("shapes (2, 3) and (3, 2)", y, y.T), ("empty", torch.ones(0, 3), torch.ones(0, 3)),
                           ("t int64", y, onehot.long()), ("t float64", y, onehot.double()),
                           ("on meta", y.to("meta"), onehot.to("meta"))]:
            case(fn.__name__, what, functools.partial(fn, a, b), ValueError)
        for v in EXTREMES:
            a = t([[v, 0.0], [1.0, 2.0]])
            b = t([[-v if math.isfinite(v) else 0.0, 1.0], [1.0, 0.0]])
            s = fn is zf.sum_squared_error
            want = (lambda a=a, b=b, s=s: ((0.5 * ((a.double() - b.double()) ** 2).sum() / 2) if s
                                           else ((a.double() - b.double()) ** 2).mean()).float())
            case(fn.__name__, f"y holding {v:g}", functools.partial(fn, a, b), want, keep=(a, b))
    del tiny


def gradient_cases() -> None:
    x = t([3.0, 4.0], torch.float64)
    f = lambda: (x**2).sum()  # noqa: E731
    case("numerical_gradient", "x**2", functools.partial(numerical_gradient, f, x), lambda: 2 * x)
    for label, value in NOT_TENSORS:
        case("numerical_gradient", f"x = {label}", functools.partial(numerical_gradient, f, value), TypeError)
    for label, value in [("None", None), ("str", "f"), ("int", 3), ("tensor", x)]:
        case("numerical_gradient", f"f = {label}", functools.partial(numerical_gradient, value, x), TypeError)
    for label, h in [("str", "1e-5"), ("None", None), ("list", [1e-5]), ("bool", True)]:
        case("numerical_gradient", f"h = {label}", functools.partial(numerical_gradient, f, x, h), TypeError)
    for h in (0.0, -1e-5, math.inf, math.nan, 1e-30):
        case("numerical_gradient", f"h = {h}", functools.partial(numerical_gradient, f, x, h), ValueError)
    case("numerical_gradient", "h = np.float32(1e-3)", functools.partial(numerical_gradient, f, x, np.float32(1e-3)),
         lambda: 2 * x)
    for dtype in DTYPES:
        xd = x.to(dtype)
        g = lambda xd=xd: (xd.double() ** 2).sum()  # noqa: E731
        ok = dtype in (torch.float32, torch.float64)
        want = (lambda xd=xd: (2 * xd.double()).to(xd.dtype)) if ok else ValueError
        if dtype in (torch.float16, torch.bfloat16):  # 1e-5 cannot move x in these: a clear error is right
            want = ValueError
        case("numerical_gradient", f"x of dtype {dtype}", functools.partial(numerical_gradient, g, xd), want)
    for what, xs in [("x empty", torch.ones(0)), ("x on meta", x.to("meta"))]:
        case("numerical_gradient", what, functools.partial(numerical_gradient, lambda: 0.0, xs), ValueError)
    xr = x.clone().requires_grad_()
    case("numerical_gradient", "x a leaf that requires grad",
         functools.partial(numerical_gradient, lambda: (xr**2).sum(), xr), lambda: 2 * x)
    for label, out in [("None", None), ("str", "1.0"), ("a (2,) tensor", torch.ones(2)), ("a list", [1.0]),
                       ("complex", 1 + 2j), ("a complex tensor", torch.ones((), dtype=torch.complex64))]:
        expected = ValueError if isinstance(out, torch.Tensor) else TypeError
        case("numerical_gradient", f"f returning {label}", functools.partial(numerical_gradient, lambda o=out: o, x),
             expected)
    case("numerical_gradient", "f returning np.float32", functools.partial(  # f linear: exact in float32
        numerical_gradient, lambda: np.float32((3 * x).sum().item()), x, 0.5), lambda: torch.full_like(x, 3.0))
    # f raises: its error comes through, and x comes back as it was.
    x0 = x.clone()

    def boom() -> float:
        raise ZeroDivisionError("the learner's own bug")

    def restored(error: BaseException | None) -> str | None:
        if not torch.equal(x, x0):
            return f"x left at {x.tolist()} (was {x0.tolist()})"
        return None if isinstance(error, ZeroDivisionError) else f"expected f's own error, got {error!r}"

    case("numerical_gradient", "f raises", functools.partial(numerical_gradient, boom, x), "f-error", judge=restored)

    for label, value in NOT_TENSORS:
        case("relative_error", f"a = {label}", functools.partial(relative_error, value, x), TypeError)
    for dtype in DTYPES:
        a, b = t([1.0, 2.0], dtype), t([1.0, 2.2], dtype)
        want = (lambda a=a, b=b: float((a.double() - b.double()).abs().max() / (a.double().abs() + b.double().abs()).max()))
        case("relative_error", f"a, b of dtype {dtype}", functools.partial(relative_error, a, b),
             want if dtype.is_floating_point else ValueError)
    for dtype in (torch.float32, torch.float64):
        big = torch.finfo(dtype).max
        for what, a, b, want in [("huge opposite values", [big, 1.0], [-big, 1.0], 1.0),
                                 ("huge equal values", [big, big], [big, big], 0.0),
                                 ("both zero", [0.0, 0.0], [0.0, 0.0], 0.0),
                                 ("subnormal", [1e-45, 0.0], [-1e-45, 0.0], 1.0)]:
            if dtype == torch.float64 and what == "subnormal":
                a, b = [5e-324, 0.0], [-5e-324, 0.0]
            ta, tb = t(a, dtype), t(b, dtype)
            case("relative_error", f"{what} ({dtype})", functools.partial(relative_error, ta, tb), lambda w=want: w)
    for what, a, b in [("inf", [math.inf, 1.0], [1.0, 1.0]), ("nan", [math.nan, 1.0], [1.0, 1.0]),
                       ("shapes (2,) and (3,)", [1.0, 2.0], [1.0, 2.0, 3.0]), ("empty", [], [])]:
        case("relative_error", what, functools.partial(relative_error, t(a), t(b)), ValueError)
    case("relative_error", "a float32, b float64", functools.partial(relative_error, t([1.0, 2.0]), t([1.0, 2.2], torch.float64)),
         lambda: float(0.2 / 4.2))
    case("relative_error", "on meta", functools.partial(relative_error, torch.ones(2, device="meta"), torch.ones(2, device="meta")),
         ValueError)


# --- layers ----------------------------------------------------------------------------

W0, B0 = t([[0.5, -1.0], [2.0, 0.25], [-0.5, 1.0]]), t([0.1, -0.2])
LAYERS: dict[str, tuple[Callable[[], Any], str, Callable[[torch.Tensor], torch.Tensor]]] = {
    # name: (make, the dtypes forward takes, torch's map in float64)
    "Affine": (lambda: Affine(W0.clone(), B0.clone()), "float32", lambda x: x.reshape(len(x), -1) @ W0.double() + B0.double()),
    "InputAffine": (lambda: InputAffine(W0.clone(), B0.clone()), "float32", lambda x: x.reshape(len(x), -1) @ W0.double() + B0.double()),
    "Relu": (Relu, "real", torch.relu),
    "Sigmoid": (Sigmoid, "floating", torch.sigmoid),
    "Tanh": (Tanh, "floating", torch.tanh),
}
XL = [[-2.0, 0.5, 1.5], [3.0, -1.0, 0.25]]  # (2, 3): fits every layer above


def takes_layer(domain: str, dtype: torch.dtype) -> bool:
    return dtype == torch.float32 if domain == "float32" else takes(domain, dtype)


def forward_then(layer: Any, x: torch.Tensor, method: str, *args: Any) -> Any:
    layer.forward(x)
    return getattr(layer, method)(*args)


def autograd_dx(f: Callable[[torch.Tensor], torch.Tensor], x: torch.Tensor, dout: torch.Tensor) -> torch.Tensor:
    xg = x.double().clone().requires_grad_()
    f(xg).backward(dout.double())
    return xg.grad.to(x.dtype)


def layer_cases() -> None:
    for name, (make, domain, f) in LAYERS.items():
        fwd, back = f"{name}.forward", f"{name}.backward"
        for label, value in NOT_TENSORS:
            case(fwd, f"x = {label}", lambda m=make, v=value: m().forward(v), TypeError, names=(name,))
            x = t(XL)
            case(back, f"dout = {label}", lambda m=make, x=x, v=value: forward_then(m(), x, "backward", v), TypeError,
                 names=(name,))
        for dtype in DTYPES:
            x = t(XL, dtype)
            valid = takes_layer(domain, dtype)
            case(fwd, f"x of dtype {dtype}", lambda m=make, x=x: m().forward(x), in_f64(f, x) if valid else ValueError,
                 names=(name,), keep=(x,))
            if valid:
                dout = t([[1.0, -2.0, 0.5], [0.5, 1.0, -1.0]] if name not in ("Affine", "InputAffine") else [[1.0, -2.0], [0.5, 1.0]], dtype)
                want = (lambda: None) if name == "InputAffine" else (lambda f=f, x=x, d=dout: autograd_dx(f, x, d))
                case(back, f"dout of dtype {dtype}", lambda m=make, x=x, d=dout: forward_then(m(), x, "backward", d),
                     want, names=(name,), keep=(x, dout))
        x = t(XL)
        out_shape = (2, 2) if "Affine" in name else (2, 3)
        for what, dout in [("dout of the wrong shape", torch.ones(3, 3)), ("dout float64", torch.ones(out_shape, dtype=torch.float64)),
                           ("dout int64", torch.ones(out_shape, dtype=torch.int64)), ("dout on meta", torch.ones(out_shape, device="meta")),
                           ("dout 0-dim", torch.tensor(1.0))]:
            case(back, what, lambda m=make, x=x, d=dout: forward_then(m(), x, "backward", d), ValueError, names=(name,))
        case(back, "backward before forward", lambda m=make: m().backward(torch.ones(out_shape)), RuntimeError, names=(name,))
        case(fwd, "x on meta", lambda m=make: m().forward(torch.ones(2, 3, device="meta")), ValueError, names=(name,))
        case(fwd, "x empty (0, 3)", lambda m=make: m().forward(torch.ones(0, 3)), ValueError, names=(name,))
        shapes = [(3,), (2, 4), (2, 1, 3), (2, 3, 1, 1), ()]
        for shape in shapes:
            x = torch.linspace(-2, 2, math.prod(shape)).reshape(shape)
            if "Affine" in name:
                valid = len(shape) >= 2 and math.prod(shape[1:]) == 3
            else:
                valid = True
            case(fwd, f"x of shape {shape}", lambda m=make, x=x: m().forward(x), in_f64(f, x) if valid else ValueError,
                 names=(name,))
        for v in EXTREMES + [3e38, -3e38]:
            x = t([[v, 0.5, -1.0], [1.0, v, 2.0]])
            case(fwd, f"x holding {v:g}", lambda m=make, x=x: m().forward(x), in_f64(f, x), names=(name,), keep=(x,))
            if name != "InputAffine":
                dout = torch.ones(out_shape)
                case(back, f"x holding {v:g}", lambda m=make, x=x, d=dout: forward_then(m(), x, "backward", d),
                     lambda f=f, x=x, d=dout: autograd_dx(f, x, d), names=(name,), keep=(x, dout))
        # Python's own error names the method that runs: InputAffine's forward is Affine.forward
        case(fwd, "forward() with no x", lambda m=make: m().forward(), TypeError, names=(name, f"{name}.forward", "Affine.forward"))
        case(fwd, "x that requires grad", lambda m=make: m().forward(t(XL).requires_grad_()),
             in_f64(lambda a, f=f: f(a.detach()), t(XL)), names=(name,))
    # the layers' own arguments
    for label, value in NOT_TENSORS:
        case("Affine", f"W = {label}", functools.partial(Affine, value, B0), TypeError)
        case("Affine", f"b = {label}", functools.partial(Affine, W0, value), TypeError)
    for dtype in DTYPES:
        ok = dtype.is_floating_point
        case("Affine", f"W and b of dtype {dtype}", functools.partial(Affine, W0.to(dtype), B0.to(dtype)),
             OK if ok else ValueError, judge=lambda layer: None)
        case("InputAffine", f"W and b of dtype {dtype}", functools.partial(InputAffine, W0.to(dtype), B0.to(dtype)),
             OK if ok else ValueError, judge=lambda layer: None)
    for what, W, b in [("W (3,), b (2,)", torch.ones(3), B0), ("b (3,)", W0, torch.ones(3)), ("b (1, 2)", W0, torch.ones(1, 2)),
                       ("W (0, 2)", torch.ones(0, 2), B0), ("W (3, 0), b (0,)", torch.ones(3, 0), torch.ones(0)),
                       ("b float64", W0, B0.double()), ("W, b on meta", W0.to("meta"), B0.to("meta")),
                       ("W on cpu, b on meta", W0, B0.to("meta")), ("W 3-d", torch.ones(3, 2, 1), B0)]:
        case("Affine", what, functools.partial(Affine, W, b), ValueError)
        case("InputAffine", what, functools.partial(InputAffine, W, b), ValueError)
    case("Affine.forward", "x float64, W float32", lambda: Affine(W0, B0).forward(t(XL, torch.float64)), ValueError)
    # Affine in float16 and bfloat16 with x of the same dtype
    for dtype in (torch.float16, torch.bfloat16, torch.float64):
        Wd, bd, x = W0.to(dtype), B0.to(dtype), t(XL, dtype)
        case("Affine.forward", f"W, b, x of dtype {dtype}", lambda Wd=Wd, bd=bd, x=x: Affine(Wd, bd).forward(x),
             lambda Wd=Wd, bd=bd, x=x: (x.double() @ Wd.double() + bd.double()).to(x.dtype), keep=(x,))


def softmax_with_loss_cases() -> None:
    x = t([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0]])
    labels = torch.tensor([1, 2])

    def torch_loss(x: torch.Tensor, t_: torch.Tensor) -> torch.Tensor:
        # one-hot answers as class indices: torch's probability targets give 0 · -inf = NaN at ±1e308
        target = t_.argmax(dim=1) if t_.is_floating_point() else t_.long()
        return F.cross_entropy(x.double(), target).to(x.dtype)

    fwd = lambda x, t_: SoftmaxWithLoss().forward(x, t_)  # noqa: E731
    for label, value in NOT_TENSORS:
        case("SoftmaxWithLoss.forward", f"x = {label}", functools.partial(fwd, value, labels), TypeError, names=("SoftmaxWithLoss",))
        case("SoftmaxWithLoss.forward", f"t = {label}", functools.partial(fwd, x, value), TypeError, names=("SoftmaxWithLoss",))
    for dtype in DTYPES:
        xd = x.to(dtype)
        case("SoftmaxWithLoss.forward", f"x of dtype {dtype}", functools.partial(fwd, xd, labels),
             (lambda xd=xd: torch_loss(xd, labels)) if dtype.is_floating_point else ValueError, names=("SoftmaxWithLoss",))
        td = labels.to(dtype)
        if dtype in INTS:
            want: Any = lambda td=td: torch_loss(x, td)  # noqa: E731
        else:
            want = ValueError  # a float (2,) is no one-hot (2, 3); bool and complex are not labels
        case("SoftmaxWithLoss.forward", f"labels of dtype {dtype}", functools.partial(fwd, x, td), want, names=("SoftmaxWithLoss",))
    for what, t_ in [("labels (N, 1)", labels[:, None]), ("label = C", torch.tensor([1, 3])), ("label -1", torch.tensor([-1, 2])),
                     ("3 labels for 2 rows", torch.tensor([0, 1, 2])), ("one-hot (2, 4)", torch.eye(4)[[1, 2]]),
                     ("one-hot float64", torch.eye(3, dtype=torch.float64)[[1, 2]]), ("labels on meta", labels.to("meta"))]:
        case("SoftmaxWithLoss.forward", f"t = {what}", functools.partial(fwd, x, t_), ValueError, names=("SoftmaxWithLoss",))
    for what, x_ in [("x (3,)", torch.ones(3)), ("x (2, 3, 1)", torch.ones(2, 3, 1)), ("x (0, 3)", torch.ones(0, 3)),
                     ("x (2, 0)", torch.ones(2, 0)), ("x on meta", x.to("meta")), ("x 0-dim", torch.tensor(1.0))]:
        case("SoftmaxWithLoss.forward", what, functools.partial(fwd, x_, labels), ValueError, names=("SoftmaxWithLoss",))
    # extreme scores, with labels and with the same answers one-hot
    for dtype in (torch.float16, torch.float32, torch.float64):
        big = torch.finfo(dtype).max
        for v in EXTREMES + [big, big / 2]:
            xe = t([[v, 0.0, -v if math.isfinite(v) else 0.0], [1.0, 2.0, 3.0]], dtype)
            for kind, t_ in (("labels", torch.tensor([0, 2])), ("one-hot", torch.eye(3)[[0, 2]].to(dtype))):
                case("SoftmaxWithLoss.forward", f"x holding ±{v:g} ({dtype}), {kind}", functools.partial(fwd, xe, t_),
                     lambda xe=xe, t_=t_: torch_loss(xe, t_), names=("SoftmaxWithLoss",), keep=(xe, t_))
    # backward
    def back(dout: Any, t_: torch.Tensor = labels) -> Any:
        layer = SoftmaxWithLoss()
        layer.forward(x, t_)
        return layer.backward(dout)

    def torch_dx(dout: float, t_: torch.Tensor = labels) -> torch.Tensor:
        xg = x.double().clone().requires_grad_()
        target = t_.double() if t_.is_floating_point() else t_.long()
        (dout * F.cross_entropy(xg, target)).backward()
        return xg.grad.float()

    for label, value, want in [("None", None, TypeError), ("str", "1.0", TypeError), ("list", [1.0], TypeError),
                               ("bool", True, TypeError), ("np.ndarray", np.ones(1), TypeError),
                               ("np.float32", np.float32(2.0), 2.0), ("np.float64", np.float64(2.0), 2.0),
                               ("np.int64", np.int64(2), 2.0), ("int", 2, 2.0), ("float", 0.5, 0.5),
                               ("0-dim tensor", torch.tensor(2.0), 2.0), ("(1,) tensor", torch.ones(1), ValueError),
                               ("(2, 3) tensor", torch.ones(2, 3), ValueError), ("bool 0-dim tensor", torch.tensor(True), ValueError),
                               ("complex 0-dim tensor", torch.tensor(1 + 1j), ValueError),
                               ("0-dim tensor on meta", torch.tensor(1.0, device="meta"), ValueError)]:
        expect = want if isinstance(want, type) else (lambda w=want: torch_dx(w))
        case("SoftmaxWithLoss.backward", f"dout = {label}", functools.partial(back, value), expect, names=("SoftmaxWithLoss",))
    onehot = torch.eye(3)[[1, 2]]
    case("SoftmaxWithLoss.backward", "one-hot t", functools.partial(back, 1.0, onehot), lambda: torch_dx(1.0, onehot),
         names=("SoftmaxWithLoss",))
    case("SoftmaxWithLoss.backward", "uint8 labels", functools.partial(back, 1.0, labels.to(torch.uint8)),
         lambda: torch_dx(1.0), names=("SoftmaxWithLoss",))
    case("SoftmaxWithLoss.backward", "before forward", lambda: SoftmaxWithLoss().backward(), RuntimeError, names=("SoftmaxWithLoss",))


# --- networks, mlp, init ------------------------------------------------------------------

NET_NAMES = ("Network", "Affine", "InputAffine", "Relu", "Sigmoid", "Tanh", "SoftmaxWithLoss")
XN = t([[1.0, -2.0, 0.5], [0.3, 0.2, -1.0], [2.0, 1.0, 0.0], [-1.0, 0.5, 1.5]])


def small_net() -> Network:
    return mlp([3, 4, 3], seed=1)


def torch_scores(net: Network, x: torch.Tensor) -> torch.Tensor:
    W1, b1, W2, b2 = (p.double() for p in net.params())
    return torch.relu(x.double() @ W1 + b1) @ W2 + b2


def network_cases() -> None:
    net = small_net()
    scores = torch_scores(net, XN)
    right = scores.argmax(dim=1)
    for label, value in NOT_TENSORS:
        for method in ("predict", "accuracy", "loss", "gradient"):
            args = (value,) if method == "predict" else (value, right)
            case(f"Network.{method}", f"x = {label}", lambda m=method, a=args: getattr(small_net(), m)(*a), TypeError, names=NET_NAMES)
        for method in ("accuracy", "loss", "gradient"):
            case(f"Network.{method}", f"t = {label}", lambda m=method, v=value: getattr(small_net(), m)(XN, v), TypeError, names=NET_NAMES)
    wrong = (right + 1) % 3
    for what, t_, want in [("labels (N,), all right", right, 1.0), ("labels (N,), all wrong", wrong, 0.0),
                           ("one-hot, all right", torch.eye(3)[right], 1.0), ("labels uint8", right.to(torch.uint8), 1.0),
                           ("labels int16", right.to(torch.int16), 1.0)]:
        case("Network.accuracy", what, lambda t_=t_: small_net().accuracy(XN, t_), lambda w=want: w, names=NET_NAMES, keep=(t_,))
    for what, t_ in [("labels (N, 1), all right", right[:, None]), ("a label = C", torch.tensor([3, 0, 0, 0])),
                     ("a label -1", torch.tensor([-1, 0, 0, 0])), ("labels bool", right.bool()),
                     ("labels float (N,)", right.float()), ("one-hot float64", torch.eye(3, dtype=torch.float64)[right]),
                     ("3 labels for 4 rows", right[:3]), ("labels on meta", right.to("meta"))]:
        for method in ("accuracy", "loss", "gradient"):
            case(f"Network.{method}", f"t = {what}", lambda m=method, t_=t_: getattr(small_net(), m)(XN, t_), ValueError, names=NET_NAMES)
    loss_want = lambda: F.cross_entropy(torch_scores(net, XN), right).float()  # noqa: E731
    case("Network.loss", "labels", lambda: small_net().loss(XN, right), loss_want, names=NET_NAMES)
    case("Network.gradient", "labels", lambda: small_net().gradient(XN, right), loss_want, names=NET_NAMES)
    case("Network.gradient", "labels uint8", lambda: small_net().gradient(XN, right.to(torch.uint8)), loss_want, names=NET_NAMES)
    case("Network.predict", "x", lambda: small_net().predict(XN), lambda: scores.float(), names=NET_NAMES, keep=(XN,))
    for what, x_ in [("x (4, 5)", torch.ones(4, 5)), ("x float64", XN.double()), ("x int64", XN.long()), ("x (3,)", XN[0]),
                     ("x empty", torch.ones(0, 3)), ("x on meta", XN.to("meta"))]:
        for method in ("predict", "accuracy", "loss", "gradient"):
            args = (x_,) if method == "predict" else (x_, right)
            case(f"Network.{method}", what, lambda m=method, a=args: getattr(small_net(), m)(*a), ValueError, names=NET_NAMES)
    case("Network.backward", "before forward", lambda: small_net().backward(), RuntimeError, names=NET_NAMES)
    # building a network
    for what, layers, loss, want in [("no layers", [], SoftmaxWithLoss(), ValueError),
                                     ("layers = None", None, SoftmaxWithLoss(), TypeError),
                                     ("layers = a str", "abc", SoftmaxWithLoss(), TypeError),
                                     ("layers = one layer, not a list", Relu(), SoftmaxWithLoss(), TypeError),
                                     ("a layer without forward", [object()], SoftmaxWithLoss(), TypeError),
                                     ("loss_layer = None", [Relu()], None, TypeError),
                                     ("loss_layer = the class", [Relu()], SoftmaxWithLoss, TypeError)]:
        case("Network", what, functools.partial(Network, layers, loss), want)
    case("Network.gradient", "no layers", lambda: Network([], SoftmaxWithLoss()).gradient(XN, right), ValueError, names=NET_NAMES)


def mlp_cases() -> None:
    def shapes(net: Any) -> str | None:
        return None if isinstance(net, Network) else f"returned {type(net).__name__}"

    for what, args, kw, want in [
        ("sizes = 5", (5,), {}, TypeError), ("sizes = None", (None,), {}, TypeError), ("sizes = 'abc'", ("abc",), {}, TypeError),
        ("sizes = {3: 4}", ({3: 4},), {}, TypeError), ("sizes = []", ([],), {}, ValueError), ("sizes = [3]", ([3],), {}, ValueError),
        ("sizes = [3, 0]", ([3, 0],), {}, ValueError), ("sizes = [3, -1]", ([3, -1],), {}, ValueError),
        ("sizes = [3, 2.5]", ([3, 2.5],), {}, TypeError), ("sizes = [3, True]", ([3, True],), {}, TypeError),
        ("sizes = [3, '4']", ([3, "4"],), {}, TypeError), ("sizes = [3, None]", ([3, None],), {}, TypeError),
        ("sizes = [3, np.int64(4)]", ([3, np.int64(4)],), {}, OK), ("sizes = (3, 4)", ((3, 4),), {}, OK),
        ("sizes = torch.tensor([3, 4])", (torch.tensor([3, 4]),), {}, TypeError),
        ("activation = 'softmax'", ([3, 4],), {"activation": "softmax"}, ValueError),
        ("activation = None", ([3, 4],), {"activation": None}, TypeError),
        ("activation = []", ([3, 4],), {"activation": []}, TypeError),
        ("activation = Relu", ([3, 4],), {"activation": Relu}, TypeError),
        ("init = 'kaiming'", ([3, 4],), {"init": "kaiming"}, ValueError), ("init = None", ([3, 4],), {"init": None}, TypeError),
        ("seed = '0'", ([3, 4],), {"seed": "0"}, TypeError), ("seed = 1.5", ([3, 4],), {"seed": 1.5}, TypeError),
        ("seed = None", ([3, 4],), {"seed": None}, TypeError), ("seed = -1", ([3, 4],), {"seed": -1}, OK),
        ("seed = -2**70", ([3, 4],), {"seed": -2**70}, ValueError),
        ("seed = 2**70", ([3, 4],), {"seed": 2**70}, ValueError), ("seed = np.int64(3)", ([3, 4],), {"seed": np.int64(3)}, OK),
        ("dtype = torch.int64", ([3, 4],), {"dtype": torch.int64}, ValueError),
        ("dtype = torch.complex64", ([3, 4],), {"dtype": torch.complex64}, ValueError),
        ("dtype = torch.bool", ([3, 4],), {"dtype": torch.bool}, ValueError),
        ("dtype = 'float32'", ([3, 4],), {"dtype": "float32"}, TypeError), ("dtype = float", ([3, 4],), {"dtype": float}, TypeError),
        ("dtype = torch.float16", ([3, 4],), {"dtype": torch.float16}, OK), ("dtype = torch.bfloat16", ([3, 4],), {"dtype": torch.bfloat16}, OK),
        ("device = 'cuda' (none here)", ([3, 4],), {"device": "cuda"}, ValueError if not torch.cuda.is_available() else OK),
        ("device = 'meta'", ([3, 4],), {"device": "meta"}, ValueError), ("device = 'nonsense'", ([3, 4],), {"device": "nonsense"}, ValueError),
        ("device = 5", ([3, 4],), {"device": 5}, TypeError), ("device = None", ([3, 4],), {"device": None}, OK),
        ("device = torch.device('cpu')", ([3, 4],), {"device": torch.device("cpu")}, OK),
        ("an unknown keyword", ([3, 4],), {"lr": 0.1}, TypeError), ("activation given by position", ([3, 4], "relu"), {}, TypeError),
    ]:
        case("mlp", what, functools.partial(mlp, *args, **kw), want, judge=shapes if want is OK else None)


def init_cases() -> None:
    for fn in (zi.he_normal, zi.xavier_normal, zi.lecun_normal):
        name = fn.__name__
        gen = lambda: torch.Generator().manual_seed(0)  # noqa: E731

        def shape_34(W: Any) -> str | None:
            return None if isinstance(W, torch.Tensor) and W.shape == (3, 4) and torch.isfinite(W).all() else f"got {W!r}"

        for what, args, kw, want in [
            ("3, 4", (3, 4), {}, OK), ("np.int64 sizes", (np.int64(3), np.int64(4)), {}, OK),
            ("fan_in = None", (None, 4), {}, TypeError), ("fan_in = '3'", ("3", 4), {}, TypeError), ("fan_in = 2.5", (2.5, 4), {}, TypeError),
            ("fan_in = True", (True, 4), {}, TypeError), ("fan_in = 0", (0, 4), {}, ValueError), ("fan_out = -1", (3, -1), {}, ValueError),
            ("fan_in = 3.0", (3.0, 4), {}, TypeError),
            ("dtype = torch.int64", (3, 4), {"dtype": torch.int64}, ValueError), ("dtype = 'float32'", (3, 4), {"dtype": "float32"}, TypeError),
            ("dtype = torch.complex64", (3, 4), {"dtype": torch.complex64}, ValueError),
            ("dtype = torch.float16", (3, 4), {"dtype": torch.float16}, OK),
            ("generator = 0", (3, 4), {"generator": 0}, TypeError), ("generator = 'seed'", (3, 4), {"generator": "seed"}, TypeError),
            ("generator", (3, 4), {"generator": gen()}, OK),
            ("device = 'cuda' (none here)", (3, 4), {"device": "cuda"}, ValueError if not torch.cuda.is_available() else OK),
            ("device = 'meta'", (3, 4), {"device": "meta"}, ValueError), ("device = 'nonsense'", (3, 4), {"device": "nonsense"}, ValueError),
            ("device = 7", (3, 4), {"device": 7}, TypeError),
        ]:
            case(name, what, functools.partial(fn, *args, **kw), want, judge=shape_34 if want is OK else None)


# --- optimizers ---------------------------------------------------------------------------

OPT_ARGS = {"SGD": (SGD, {}), "Momentum": (Momentum, {"momentum": 0.9}), "Adam": (Adam, {})}


def torch_update(name: str, params: list[torch.Tensor], grads: list[torch.Tensor], lr: float) -> list[torch.Tensor]:
    ps = [p.double().clone().requires_grad_() for p in params]
    opt = {"SGD": lambda: torch.optim.SGD(ps, lr=lr), "Momentum": lambda: torch.optim.SGD(ps, lr=lr, momentum=0.9),
           "Adam": lambda: torch.optim.Adam(ps, lr=lr, eps=1e-8)}[name]()
    for p, g in zip(ps, grads):
        p.grad = g.double().clone()
    opt.step()
    return [p.detach().to(q.dtype) for p, q in zip(ps, params)]


def updated(cls: type, kw: dict[str, Any], params: list[torch.Tensor], grads: Any, lr: float = 0.1) -> list[torch.Tensor]:
    cls(lr=lr, **kw).update(params, grads)
    return params


def optimizer_cases() -> None:
    for name, (cls, kw) in OPT_ARGS.items():
        for label, lr, want in [("None", None, TypeError), ("str", "0.1", TypeError), ("list", [0.1], TypeError),
                                ("bool", True, TypeError), ("0-dim tensor", torch.tensor(0.1), TypeError),
                                ("complex", 0.1j, TypeError), ("0", 0, ValueError), ("-1", -1.0, ValueError),
                                ("inf", math.inf, ValueError), ("nan", math.nan, ValueError),
                                ("np.float32", np.float32(0.1), OK), ("np.float64", np.float64(0.1), OK), ("int 1", 1, OK)]:
            case(name, f"lr = {label}", functools.partial(cls, lr=lr, **kw), want, judge=(lambda o: None) if want is OK else None)
        case(name, "an unknown keyword", functools.partial(cls, lr=0.1, alpha=0.5), TypeError)
        target = f"{name}.update"
        P = lambda dtype=torch.float32: [t([[1.0, -2.0], [0.5, 3.0]], dtype), t([0.25, -0.75], dtype)]  # noqa: E731
        G = lambda dtype=torch.float32: [t([[0.1, -0.2], [0.3, 0.4]], dtype), t([-0.5, 0.5], dtype)]  # noqa: E731
        for dtype in DTYPES:
            ps, gs = P(dtype), G(dtype)
            want = (lambda ps=ps, gs=gs, n=name: torch_update(n, ps, gs, 0.1)) if dtype.is_floating_point else ValueError
            if dtype.is_floating_point:
                snapshot = [p.clone() for p in ps]
                want = (lambda s=snapshot, gs=gs, n=name: torch_update(n, s, gs, 0.1))
            case(target, f"params and grads of dtype {dtype}", functools.partial(updated, cls, kw, ps, gs), want,
                 names=(name,), keep=tuple(gs))
        for what, ps, gs, want in [
            ("params = None", None, G(), TypeError), ("grads = None", P(), None, TypeError),
            ("params = a tensor", P()[0], G()[0], TypeError), ("params = a list of lists", [[1.0, 2.0]], [[0.1, 0.2]], TypeError),
            ("params = a list of np arrays", [np.ones(2)], [np.ones(2)], TypeError), ("a str param", ["W"], G()[:1], TypeError),
            ("2 params, 1 grad", P(), G()[:1], ValueError), ("shapes differ", P(), G()[::-1], ValueError),
            ("grads float64", P(), G(torch.float64), ValueError), ("params int64, grads float32", P(torch.int64), G(), ValueError),
            ("params on meta", [p.to("meta") for p in P()], [g.to("meta") for g in G()], ValueError),
            ("grads on meta", P(), [g.to("meta") for g in G()], ValueError),
            ("params = []", [], [], OK), ("params a tuple", tuple(P()), tuple(G()), OK),
        ]:
            if want is OK:
                case(target, what, functools.partial(updated, cls, kw, ps, gs), lambda ps=ps: list(ps), names=(name,),
                     judge=lambda out: None)
            else:
                case(target, what, functools.partial(updated, cls, kw, ps, gs), want, names=(name,))
        # params that require grad, as a reader's torch tensors might
        ps, gs = [p.requires_grad_() for p in P()], G()
        snapshot = [p.detach().clone() for p in ps]
        case(target, "params that require grad", functools.partial(updated, cls, kw, ps, gs),
             lambda s=snapshot, gs=gs, n=name: torch_update(n, s, gs, 0.1), names=(name,))
        # nan in a gradient: the update is nan there, as in torch
        ps, gs = P(), G()
        gs[1][0] = math.nan
        snapshot = [p.clone() for p in ps]
        case(target, "a nan in grads", functools.partial(updated, cls, kw, ps, gs),
             lambda s=snapshot, gs=gs, n=name: torch_update(n, s, gs, 0.1), names=(name,))

        # one optimizer used on two networks of different shapes
        def two_nets(cls: type = cls, kw: dict[str, Any] = kw) -> Any:
            opt = cls(lr=0.1, **kw)
            opt.update(P(), G())
            opt.update([torch.ones(3)], [torch.ones(3)])

        case(target, "a second network of other shapes", two_nets, ValueError if name != "SGD" else OK,
             names=(name,), judge=(lambda out: None) if name == "SGD" else None)

        def two_dtypes(cls: type = cls, kw: dict[str, Any] = kw) -> Any:
            opt = cls(lr=0.1, **kw)
            opt.update(P(), G())
            opt.update(P(torch.float64), G(torch.float64))

        case(target, "a second network of another dtype", two_dtypes, ValueError if name != "SGD" else OK,
             names=(name,), judge=(lambda out: None) if name == "SGD" else None)


# --- logic gates and the checker --------------------------------------------------------

TRUTH = {"AND": (0, 0, 0, 1), "NAND": (1, 1, 1, 0), "OR": (0, 1, 1, 1), "XOR": (0, 1, 1, 0)}


def gate_cases() -> None:
    for name, table in TRUTH.items():
        gate = getattr(zp, name)
        for (a, b), want in zip(((0, 0), (1, 0), (0, 1), (1, 1)), table):
            case(name, f"({a}, {b})", functools.partial(gate, a, b), lambda w=want: w)
        for what, a, b, want in [("(True, True)", True, True, table[3]), ("(np.float32(1), 1)", np.float32(1), 1, table[3]),
                                 ("(np.int64(1), 0)", np.int64(1), 0, table[1]), ("(1.0, 0.0)", 1.0, 0.0, table[1])]:
            case(name, what, functools.partial(gate, a, b), lambda w=want: w)
        for what, a, b, want in [("(None, 1)", None, 1, TypeError), ("('1', 0)", "1", 0, TypeError), ("([1], 0)", [1], 0, TypeError),
                                 ("(1+2j, 0)", 1 + 2j, 0, TypeError), ("(torch.tensor(1.), 0)", torch.tensor(1.0), 0, TypeError),
                                 ("(np.ones(2), 0)", np.ones(2), 0, TypeError), ("(nan, 1)", math.nan, 1, ValueError),
                                 ("(inf, 0)", math.inf, 0, ValueError), ("(10**400, 0)", 10**400, 0, ValueError)]:
            case(name, what, functools.partial(gate, a, b), want)
        case(name, "one argument", functools.partial(gate, 1), TypeError)


class _Unprintable(Exception):
    def __str__(self) -> str:
        raise RuntimeError("no message")


def broken_classes() -> dict[str, tuple[str, Any]]:
    """Learners' broken classes: (kind, class or function). Each must give failed items, never an error of check."""
    def layer(**methods: Any) -> type:
        return type("Broken", (), methods)

    def hang(self: Any, *args: Any) -> Any:
        while True:
            pass

    def exit_(self: Any, *args: Any) -> Any:
        sys.exit(3)

    def raise_unprintable(self: Any, *args: Any) -> Any:
        raise _Unprintable

    def keep_x(self: Any, x: Any) -> Any:
        self.x = x
        return torch.relu(x)

    return {
        "__init__ raises": ("relu", layer(__init__=lambda self: 1 / 0)),
        "__init__ takes other arguments": ("affine", layer(__init__=lambda self: None)),
        "forward returns None": ("relu", layer(forward=lambda self, x: None, backward=lambda self, d: d)),
        "forward returns a list": ("sigmoid", layer(forward=lambda self, x: x.tolist(), backward=lambda self, d: d)),
        "forward returns a numpy array": ("tanh", layer(forward=lambda self, x: x.numpy(), backward=lambda self, d: d)),
        "forward returns float32": ("relu", layer(forward=lambda self, x: torch.relu(x).float(), backward=lambda self, d: d)),
        "forward returns int64": ("relu", layer(forward=lambda self, x: torch.relu(x).long(), backward=lambda self, d: d)),
        "forward returns complex": ("tanh", layer(forward=lambda self, x: torch.tanh(x).to(torch.complex128), backward=lambda self, d: d)),
        "forward returns meta": ("sigmoid", layer(forward=lambda self, x: x.to("meta"), backward=lambda self, d: d)),
        "forward returns a string": ("relu", layer(forward=lambda self, x: "y", backward=lambda self, d: d)),
        "backward returns a tuple": ("relu", layer(forward=keep_x, backward=lambda self, d: (d, d))),
        "backward returns None": ("sigmoid", layer(forward=keep_x, backward=lambda self, d: None)),
        "no methods at all": ("tanh", layer()),
        "forward hangs": ("relu", layer(forward=hang, backward=hang)),
        "forward calls sys.exit": ("relu", layer(forward=exit_, backward=exit_)),
        "an error whose message cannot be printed": ("relu", layer(forward=raise_unprintable, backward=raise_unprintable)),
        "loss returns None": ("softmax_with_loss", layer(forward=lambda self, x, t: None, backward=lambda self, dout=1: None)),
        "loss returns a list": ("softmax_with_loss", layer(forward=lambda self, x, t: [1.0], backward=lambda self, dout=1: [1.0])),
        "loss returns one loss per row": ("softmax_with_loss", layer(
            forward=lambda self, x, t: -(t * torch.log_softmax(x, 1)).sum(1), backward=lambda self, dout=1: None)),
        "loss returns a string": ("softmax_with_loss", layer(forward=lambda self, x, t: "0.5", backward=lambda self, dout=1: "0")),
        "loss writes into t": ("softmax_with_loss", layer(
            forward=lambda self, x, t: (t.mul_(2), F.cross_entropy(x, t / 2))[1], backward=lambda self, dout=1: None)),
        "optimizer update raises": ("sgd", layer(__init__=lambda self, lr: None, update=lambda self, p, g: 1 / 0)),
        "optimizer replaces the params": ("adam", layer(__init__=lambda self, **kw: None,
                                                        update=lambda self, p, g: p.clear())),
        "optimizer without update": ("momentum", layer(__init__=lambda self, **kw: None)),
        "gate returns a str": ("and", lambda a, b: "1"),
        "gate raises": ("or", lambda a, b: 1 / 0),
        "gate returns a tensor of 2": ("xor", lambda a, b: torch.tensor([1, 0])),
        "gate returns None": ("nand", lambda a, b: None),
        "gate is a functools.partial": ("and", functools.partial(lambda a, b, c: 1, c=0)),
        "gate returns an unprintable object": ("and", lambda a, b: type("U", (), {"__repr__": lambda self: 1 / 0,
                                                                               "__float__": lambda self: 1 / 0})()),
    }


def check_cases() -> None:
    def quiet_check(*args: Any, **kw: Any) -> Any:
        with contextlib.redirect_stdout(io.StringIO()):
            return check(*args, **kw)

    def all_fail_cleanly(result: Any) -> str | None:
        from zeronn.checker import CheckResult
        if not isinstance(result, CheckResult):
            return f"returned {type(result).__name__}"
        if bool(result):
            return "a broken class passed every item"
        text = str(result)
        return None if "✗" in text else "no failed item in the report"

    for what, (kind, cls) in broken_classes().items():
        for lang in ("en", "ja"):
            case("check", f"{kind}: {what} ({lang})", functools.partial(quiet_check, kind, cls, lang=lang), OK, judge=all_fail_cleanly)
    own = {"affine": Affine, "relu": Relu, "sigmoid": Sigmoid, "tanh": Tanh, "softmax_with_loss": SoftmaxWithLoss,
           "sgd": SGD, "momentum": Momentum, "adam": Adam, "and": zp.AND, "xor": zp.XOR}
    for kind, cls in own.items():
        case("check", f"zeronn's own {kind}", functools.partial(quiet_check, kind, cls), OK,
             judge=lambda r: None if bool(r) else f"zeronn's own class failed:\n{r}")
    for what, args, kw, want in [
        ("kind = 5", (5, Relu), {}, TypeError), ("kind = 'foo'", ("foo", Relu), {}, ValueError),
        ("kind = None", (None, Relu), {}, TypeError), ("kind = ['relu']", (["relu"], Relu), {}, TypeError),
        ("an instance", ("relu", Relu()), {}, TypeError), ("cls = None", ("relu", None), {}, TypeError),
        ("a class for a gate", ("and", Relu), {}, TypeError), ("lang = 'fr'", ("relu", Relu), {"lang": "fr"}, ValueError),
        ("lang = 5", ("relu", Relu), {"lang": 5}, TypeError), ("forward_only = 'yes'", ("relu", Relu), {"forward_only": "yes"}, TypeError),
        ("forward_only for an optimizer", ("sgd", SGD), {"forward_only": True}, ValueError),
        ("a gate function that is a number", ("and", 1), {}, TypeError),
    ]:
        case("check", what, functools.partial(quiet_check, *args, **kw), want)


# --- running and sorting ------------------------------------------------------------------


def names_it(message: str, names: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![\w.]){re.escape(n)}\b", message) for n in names)


def raised_by_zeronn(error: BaseException) -> bool:
    """Whether the innermost frame is a ``raise`` line in zeronn's own code."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return False
    last = frames[-1]
    return Path(last.filename).resolve().is_relative_to(ZERONN_DIR) and (last.line or "").lstrip().startswith("raise")


def python_argument_error(error: BaseException, names: tuple[str, ...]) -> bool:
    """Python's own 'f() got an unexpected keyword argument' / 'missing 1 required positional argument'."""
    message = str(error)
    return (isinstance(error, TypeError) and names_it(message, names)
            and re.search(r"\(\) (missing|got an unexpected|takes)", message) is not None)


def where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if not Path(f.filename).resolve().is_relative_to(Path(__file__).resolve().parent)]
    last = (inside or frames)[-1]
    path = Path(last.filename)
    short = f"zeronn/{path.name}" if path.resolve().is_relative_to(ZERONN_DIR) else path.name
    return f"{short}:{last.name}"


def safe_str(error: BaseException) -> str:
    try:
        return str(error)
    except Exception:
        return "<unprintable>"


def compare(got: Any, want: Any) -> str | None:
    """None when got agrees with torch's answer want, else what differs."""
    if isinstance(want, torch.Tensor):
        if not isinstance(got, torch.Tensor):
            return f"returned {type(got).__name__}, torch gives a tensor"
        if got.shape != want.shape or got.dtype != want.dtype:
            return f"returned {tuple(got.shape)} {got.dtype}, torch gives {tuple(want.shape)} {want.dtype}"
        if got.device.type == "meta":
            return "returned a meta tensor (no values)"
        g, w = got.detach().double(), want.detach().double()
        if (~torch.isfinite(g) & torch.isfinite(w)).any():
            return f"non-finite {g.flatten()[(~torch.isfinite(g) & torch.isfinite(w)).flatten()][:3].tolist()} where torch is finite"
        rtol, atol = TOL.get(want.dtype, (0.0, 0.0))
        if not torch.allclose(g, w, rtol=rtol, atol=atol, equal_nan=True):
            return f"differs from torch: got {g.flatten()[:4].tolist()}, torch {w.flatten()[:4].tolist()}"
        return None
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return f"returned {type(got).__name__}"
        return next((d for d in (compare(g, w) for g, w in zip(got, want)) if d), None)
    if want is None:
        return None if got is None else f"returned {type(got).__name__}, expected None"
    if isinstance(want, (int, float)):
        if isinstance(got, torch.Tensor) and got.numel() == 1:
            got = got.item()
        if not isinstance(got, (int, float)) or isinstance(got, bool) and not isinstance(want, bool):
            return f"returned {type(got).__name__} {got!r}, expected {want!r}"
        if math.isnan(got) and not math.isnan(want) or math.isinf(got) and not math.isinf(want):
            return f"non-finite {got} where {want} is right"
        if not math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-9) and not (math.isnan(got) and math.isnan(want)):
            return f"returned {got}, expected {want}"
        return None
    return f"no comparison for {type(want).__name__}"


def unchanged(before: list[tuple[torch.Tensor, torch.Tensor]]) -> str | None:
    for i, (tensor, copy) in enumerate(before):
        if tensor.device.type == "meta":
            continue
        same = (tensor == copy) | (tensor != tensor) & (copy != copy) if tensor.is_floating_point() else tensor == copy
        if tensor.shape != copy.shape or not bool(same.all()):
            return f"input {i} was changed"
    return None


def cause_key(cause: str) -> str:
    """One key for the calls that fail for one reason: the same error from the same place, values left out."""
    kind, _, rest = cause.partition(": ")
    message, _, place = rest.rpartition(" @ ")
    if "[zeronn, function not named]" in message:
        return f"{kind}: zeronn's own message, without the name of the function called @ {place}"
    message = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message)
    message = re.sub(r"torch\.\w+|\b(Float|Double|Long|Int|Short|Char|Byte|Bool|Half|BFloat16|ComplexFloat)\b", "DTYPE", message)
    message = re.sub(r"\b(got|not|of type|type object|but got) \w+", r"\1 …", message)
    message = re.sub(r"\d+", "N", message)
    return f"{kind}: {message} @ {place}"


def run(c: Case) -> Outcome:
    before = [(x, x.detach().clone()) for x in c.keep]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = c.call()
    except (Exception, SystemExit) as error:
        if c.judge is not None and c.expect == "f-error":
            why = c.judge(error)
            return Outcome("silent", why) if why else Outcome("ok")
        message = safe_str(error).splitlines()[0] if safe_str(error) else ""
        clear = isinstance(error, (TypeError, ValueError, RuntimeError)) and (
            (raised_by_zeronn(error) and names_it(message, c.names)) or python_argument_error(error, c.names))
        if not clear:
            unnamed = raised_by_zeronn(error) and isinstance(error, (TypeError, ValueError, RuntimeError))
            cause = f"{type(error).__name__}: {message[:90]}" + (" [zeronn, function not named]" if unnamed else "")
            return Outcome("raw", f"{cause} @ {where(error)}")
        note = ""
        if not isinstance(c.expect, type):
            note = f"refused a valid input: {type(error).__name__}: {message[:90]}"
        elif not isinstance(error, c.expect):
            note = f"{type(error).__name__} where the rule says {c.expect.__name__}: {message[:90]}"
        return Outcome("clear", note=note)
    if isinstance(c.expect, type):
        return Outcome("silent", f"accepted (should raise {c.expect.__name__}), returned {type(result).__name__}")
    if c.expect == "f-error":
        return Outcome("silent", "f raised, yet numerical_gradient returned")
    mutated = unchanged(before)
    if mutated:
        return Outcome("silent", mutated)
    if c.judge is not None:
        why = c.judge(result)
        return Outcome("silent", why) if why else Outcome("ok")
    try:
        want = c.expect()
    except Exception as error:  # torch itself refuses: the call should have too
        return Outcome("silent", f"accepted an input torch refuses ({type(error).__name__}: {safe_str(error)[:60]})")
    why = compare(result, want)
    return Outcome("silent", why) if why else Outcome("ok")


def build() -> list[Case]:
    CASES.clear()
    for make in (function_cases, loss_cases, gradient_cases, layer_cases, softmax_with_loss_cases,
                 network_cases, mlp_cases, init_cases, optimizer_cases, gate_cases, check_cases):
        make()
    return CASES


def main() -> int:
    verbose = "-v" in sys.argv
    zeronn.checker.LIMIT_S = 1.0  # the per-item limit, short here: the hanging classes time out quickly
    cases = build()
    outcomes = [(c, run(c)) for c in cases]
    counts = Counter(o.kind for _, o in outcomes)
    print(f"calls {len(cases)}: clear {counts['clear']}, raw {counts['raw']}, silent {counts['silent']}, ok {counts['ok']}")
    print(f"public names called: {len({c.target for c in cases})}")
    causes: dict[str, list[str]] = defaultdict(list)
    for c, o in outcomes:
        if o.kind == "raw":
            causes[cause_key(o.cause)].append(f"{c.target}({c.what})")
    print(f"\nraw: {counts['raw']} calls, {len(causes)} distinct causes")
    for cause, calls in sorted(causes.items(), key=lambda kv: -len(kv[1])):
        print(f"  [{len(calls)}] {cause}")
        for call in calls[: None if verbose else 4]:
            print(f"        {call}")
        if not verbose and len(calls) > 4:
            print(f"        ... and {len(calls) - 4} more")
    print(f"\nsilent: {counts['silent']}")
    for c, o in outcomes:
        if o.kind == "silent":
            print(f"  {c.target}({c.what}): {o.cause}")
    off = [(c, o) for c, o in outcomes if o.kind == "clear" and o.note]
    print(f"\nclear but off the rule: {len(off)}")
    for c, o in off:
        print(f"  {c.target}({c.what}): {o.note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
