"""Hostile input: every public function and layer agrees with torch or raises a clear error.

A clear error is a TypeError, ValueError or RuntimeError raised by zeronn's own
code (a ``raise`` line in zeronn/), whose message names the function or the
class. The rule: the wrong type is a TypeError; the right type with a wrong
shape, dtype, device or range is a ValueError; a call out of order is a
RuntimeError. A valid input must give a result: torch's, computed in float64
and rounded to the input's dtype, within a tolerance for that dtype.

Property tests first (random shapes, dtypes, label encodings and magnitudes),
then one plain test for each fix of "no raw tracebacks, no silent wrong answers".
``scripts/fuzz_api.py`` throws a fixed corpus of such calls at the whole API.
"""

from __future__ import annotations

import math
import re
import traceback
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

import zeronn
from zeronn import (
    SGD, Adam, Affine, InputAffine, Momentum, Network, Relu, Sigmoid, SoftmaxWithLoss, Tanh,
    mlp, numerical_gradient, relative_error,
)
from zeronn import functions as fn
from zeronn import init
from zeronn.perceptron import AND, NAND, OR, XOR

ZERONN_DIR = Path(zeronn.__file__).resolve().parent
FLOATS = [torch.float16, torch.bfloat16, torch.float32, torch.float64]
INTS = [torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8]
DTYPES = FLOATS + INTS + [torch.bool]
TOL = {  # (rtol, atol) of a result computed in the dtype against torch's in float64
    torch.float16: (1e-2, 1e-2), torch.bfloat16: (4e-2, 4e-2), torch.float32: (1e-5, 1e-5), torch.float64: (1e-10, 1e-12),
}
EXTREMES = [1e4, -1e4, 1e30, -1e30, math.inf, -math.inf, math.nan]
FAST = settings(max_examples=30, deadline=None)


# --- what a call may do ----------------------------------------------------------------


def clear_error(error: BaseException, names: str | tuple[str, ...]) -> bool:
    """Raised by a ``raise`` in zeronn/ with a message that names one of ``names``."""
    last = traceback.extract_tb(error.__traceback__)[-1]
    from_zeronn = Path(last.filename).resolve().is_relative_to(ZERONN_DIR) and (last.line or "").startswith("raise")
    names = (names,) if isinstance(names, str) else names
    named = any(re.search(rf"(?<![\w.]){re.escape(name)}\b", str(error)) for name in names)
    return isinstance(error, (TypeError, ValueError, RuntimeError)) and from_zeronn and named


def outcome(call: Callable[[], Any], name: str | tuple[str, ...], *, valid: bool | None = None) -> tuple[bool, Any]:
    """(True, result) or (False, the error); fail on an unclear error, or on a valid input refused or an invalid one taken."""
    try:
        result = call()
    except Exception as error:  # noqa: BLE001 — sorted below
        assert clear_error(error, name), f"not a clear error of {name}:\n{''.join(traceback.format_exception(error))}"
        assert valid is not True, f"{name} refused a valid input: {error}"
        return False, error
    assert valid is not False, f"{name} took an invalid input and returned {result!r}"
    return True, result


def assert_like_torch(got: Any, want: torch.Tensor) -> None:
    """got has want's shape and dtype, and its values within the dtype's tolerance (NaN where torch has NaN)."""
    assert isinstance(got, torch.Tensor), type(got)
    assert got.shape == want.shape and got.dtype == want.dtype, (got.shape, got.dtype, want.shape, want.dtype)
    rtol, atol = TOL.get(want.dtype, (0.0, 0.0))
    g, w = got.double(), want.double()
    assert not (~torch.isfinite(g) & torch.isfinite(w)).any(), f"non-finite where torch is finite: {g} vs {w}"
    torch.testing.assert_close(g, w, rtol=rtol, atol=atol, equal_nan=True)


def in_f64(f: Callable[..., torch.Tensor], *xs: torch.Tensor) -> torch.Tensor:
    """torch's answer: f on float64 copies, rounded to the first input's dtype."""
    return f(*(x.double() for x in xs)).to(xs[0].dtype)


# --- strategies -----------------------------------------------------------------------

values = st.one_of(st.floats(-6, 6, allow_nan=False, width=32), st.sampled_from(EXTREMES + [0.0, -0.0]))
moderate = st.floats(-4, 4, allow_nan=False, width=32)


@st.composite
def tensors(draw: Any, dtypes: list[torch.dtype] = DTYPES, min_dims: int = 0, max_side: int = 4,
            elements: Any = values, min_side: int = 0) -> torch.Tensor:
    shape = draw(st.lists(st.integers(min_side, max_side), min_size=min_dims, max_size=3))
    numbers = draw(st.lists(elements, min_size=math.prod(shape), max_size=math.prod(shape)))
    x = torch.tensor(numbers, dtype=torch.float64).reshape(shape)
    dtype = draw(st.sampled_from(dtypes))
    if not dtype.is_floating_point:  # keep the cast defined: finite, within the integer range
        x = x.nan_to_num(0.0, 100.0, -100.0).clamp(-100, 100).round()
        if dtype == torch.uint8:
            x = x.abs()
    return x.to(dtype)


def not_a_tensor() -> Any:
    return st.sampled_from([None, "1.0", [[1.0, 2.0]], {"x": 1}, 3, 2.5, True, np.ones((2, 3), np.float32),
                            np.float64(1.0), np.int64(1)])


# --- functions ----------------------------------------------------------------------------

ELEMENTWISE = {  # function: (takes integers too, torch's answer)
    fn.step_function: (True, lambda x: (x > 0).double()),
    fn.relu: (True, torch.relu),
    fn.step_grad: (True, torch.zeros_like),
    fn.relu_grad: (True, lambda x: (x > 0).double()),
    fn.sigmoid: (False, torch.sigmoid),
    fn.tanh: (False, torch.tanh),
    fn.sigmoid_grad: (False, lambda x: torch.sigmoid(x) * (1 - torch.sigmoid(x))),
    fn.tanh_grad: (False, lambda x: 1 - torch.tanh(x) ** 2),
    fn.softmax: (False, lambda x: torch.softmax(x, dim=-1)),
    fn.log_softmax: (False, lambda x: torch.log_softmax(x, dim=-1)),
}


@pytest.mark.parametrize("f", ELEMENTWISE, ids=lambda f: f.__name__)
@FAST
@given(x=tensors())
def test_elementwise_functions_agree_with_torch_or_refuse_clearly(f, x):
    ints_too, theirs = ELEMENTWISE[f]
    takes = x.dtype.is_floating_point or (ints_too and x.dtype != torch.bool)
    before = x.clone()
    returned, y = outcome(lambda: f(x), f.__name__, valid=takes and x.numel() > 0)
    if returned:
        assert_like_torch(y, in_f64(theirs, x))
    assert torch.equal(x.nan_to_num(), before.nan_to_num()), "the input was changed"


@pytest.mark.parametrize("f", list(ELEMENTWISE) + [fn.cross_entropy_error, fn.mean_squared_error], ids=lambda f: f.__name__)
@settings(max_examples=10, deadline=None)
@given(bad=not_a_tensor())
def test_anything_but_a_tensor_is_a_type_error_naming_torch_tensor(f, bad):
    args = (bad,) if f in ELEMENTWISE else (bad, torch.zeros(1, 2))
    returned, error = outcome(lambda: f(*args), f.__name__, valid=False)
    assert isinstance(error, TypeError) and "torch.Tensor" in str(error)


@st.composite
def probabilities_and_answers(draw: Any) -> tuple[torch.Tensor, torch.Tensor, bool]:
    """(y, t, valid): y probabilities (N, C) of a float dtype, t indices of some integer dtype or one-hot; or broken."""
    N, C = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    dtype = draw(st.sampled_from(FLOATS))
    scores = torch.tensor(draw(st.lists(moderate, min_size=N * C, max_size=N * C)), dtype=torch.float64).reshape(N, C)
    y = torch.softmax(scores, dim=1).to(dtype)
    labels = torch.tensor(draw(st.lists(st.integers(-1, C), min_size=N, max_size=N)))
    in_range = bool(((labels >= 0) & (labels < C)).all())
    kind = draw(st.sampled_from(["indices", "one-hot", "(N, 1)"]))
    if kind == "one-hot":
        return y, F.one_hot(labels.clamp(0, C - 1), C).to(dtype), True
    t = labels.to(draw(st.sampled_from(INTS if in_range and labels.min() >= 0 else [torch.int64])))
    return y, (t[:, None] if kind == "(N, 1)" else t), in_range and kind == "indices"


@FAST
@given(case=probabilities_and_answers())
def test_cross_entropy_error_takes_any_integer_labels_and_refuses_the_rest_clearly(case):
    y, t, valid = case
    returned, loss = outcome(lambda: fn.cross_entropy_error(y, t), "cross_entropy_error", valid=valid)
    if returned:
        one_hot = t.double() if t.is_floating_point() else F.one_hot(t.long(), y.shape[1]).double()
        log_y = torch.log(y.double().clamp_min(torch.finfo(y.dtype).tiny))
        assert_like_torch(loss, (-(one_hot * log_y).sum() / y.shape[0]).to(y.dtype))


@FAST
@given(y=tensors(FLOATS + [torch.int64]), t=tensors(FLOATS + [torch.int64]))
def test_squared_errors_agree_with_torch_or_refuse_clearly(y, t):
    valid = y.shape == t.shape and y.numel() > 0 and y.dtype == t.dtype and y.is_floating_point()
    for f, theirs in ((fn.mean_squared_error, lambda a, b: ((a - b) ** 2).mean()),
                      (fn.sum_squared_error, lambda a, b: 0.5 * ((a - b) ** 2).sum() / (a.shape[0] if a.dim() > 1 else 1))):
        returned, loss = outcome(lambda: f(y, t), f.__name__, valid=valid)
        if returned:
            assert_like_torch(loss, in_f64(theirs, y, t))


# --- layers ------------------------------------------------------------------------------

ACTIVATIONS = {Relu: (True, torch.relu), Sigmoid: (False, torch.sigmoid), Tanh: (False, torch.tanh)}


@pytest.mark.parametrize("Layer", ACTIVATIONS, ids=lambda c: c.__name__)
@FAST
@given(x=tensors(), data=st.data())
def test_activation_layers_agree_with_torch_and_autograd_or_refuse_clearly(Layer, x, data):
    ints_too, theirs = ACTIVATIONS[Layer]
    layer, name = Layer(), Layer.__name__
    takes = x.dtype.is_floating_point or (ints_too and x.dtype != torch.bool)
    returned, y = outcome(lambda: layer.forward(x), name, valid=takes and x.numel() > 0)
    if not returned:
        return
    assert_like_torch(y, in_f64(theirs, x))
    dout = torch.full_like(x, 0.5) if x.is_floating_point() else torch.ones_like(x)
    if x.is_floating_point():
        xg = x.double().clone().requires_grad_()
        theirs(xg).backward(dout.double())
        assert_like_torch(layer.backward(dout), xg.grad.to(x.dtype))
    wrong = data.draw(st.sampled_from(["dtype", "shape", "type"]))
    bad = {"dtype": dout.to(torch.float64 if dout.dtype != torch.float64 else torch.float32),
           "shape": torch.ones(*x.shape, 2, dtype=dout.dtype), "type": dout.tolist()}[wrong]
    returned, error = outcome(lambda: layer.backward(bad), name, valid=False)
    assert isinstance(error, TypeError if wrong == "type" else ValueError)


@pytest.mark.parametrize("Layer", [Affine, InputAffine], ids=lambda c: c.__name__)
@FAST
@given(W=tensors(FLOATS + [torch.int64], min_dims=2, elements=moderate), data=st.data())
def test_affine_layers_agree_with_autograd_or_refuse_clearly(Layer, W, data):
    b = data.draw(st.sampled_from(["fits", "wrong shape", "other dtype"]))
    bias = {"fits": torch.ones(W.shape[1:2], dtype=W.dtype) * 0.25,
            "wrong shape": torch.ones(W.shape[-1] + 1, dtype=W.dtype),
            "other dtype": torch.ones(W.shape[1:2], dtype=torch.float64 if W.dtype != torch.float64 else torch.float32)}[b]
    valid = b == "fits" and W.is_floating_point() and W.dim() == 2 and W.numel() > 0
    returned, layer = outcome(lambda: Layer(W, bias), Layer.__name__, valid=valid)
    if not returned:
        return
    N = data.draw(st.integers(0, 3))
    x = data.draw(tensors([W.dtype, torch.float32], elements=moderate, min_dims=0, max_side=4))
    x = x.reshape(N, W.shape[0]) if x.numel() == N * W.shape[0] and data.draw(st.booleans()) else x
    fits = x.dim() >= 2 and math.prod(x.shape[1:]) == W.shape[0] and x.shape[0] > 0 and x.dtype == W.dtype
    returned, y = outcome(lambda: layer.forward(x), Layer.__name__, valid=fits)
    if not returned:
        return
    xg, Wg, bg = (v.double().clone().requires_grad_() for v in (x, W, bias))
    out = xg.reshape(len(x), -1) @ Wg + bg
    assert_like_torch(y, out.detach().to(W.dtype))
    dout = torch.ones_like(y) * 0.5
    out.backward(dout.double())
    dx = layer.backward(dout)
    assert_like_torch(layer.dW, Wg.grad.to(W.dtype))
    assert_like_torch(layer.db, bg.grad.to(W.dtype))
    if Layer is Affine:
        assert_like_torch(dx, xg.grad.to(W.dtype))
    else:
        assert dx is None


@st.composite
def scores_and_answers(draw: Any) -> tuple[torch.Tensor, torch.Tensor, bool]:
    """(x, t, valid): scores (N, C), extreme ones too, and answers in one encoding or another."""
    N, C = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    dtype = draw(st.sampled_from(FLOATS + [torch.int64]))
    x = torch.tensor(draw(st.lists(values, min_size=N * C, max_size=N * C)), dtype=torch.float64).reshape(N, C)
    x = x.nan_to_num(nan=0.0)  # NaN scores give NaN losses on both sides: not interesting here
    x = x.to(dtype) if dtype.is_floating_point else x.clamp(-9, 9).to(dtype)
    labels = torch.tensor(draw(st.lists(st.integers(-1, max(C, 1)), min_size=N, max_size=N)), dtype=torch.int64)
    in_range = bool(((labels >= 0) & (labels < C)).all())
    kind = draw(st.sampled_from(["indices", "one-hot", "(N, 1)", "bool", "float (N,)"]))
    valid_x = dtype.is_floating_point and N > 0 and C > 0
    if kind == "one-hot" and in_range and C > 0:
        return x, F.one_hot(labels, C).to(dtype if dtype.is_floating_point else torch.float32), valid_x
    if kind == "indices":
        int_dtype = draw(st.sampled_from(INTS)) if in_range and N > 0 else torch.int64
        return x, labels.to(int_dtype), valid_x and in_range
    t = {"(N, 1)": labels[:, None], "bool": labels.bool(), "float (N,)": labels.float(),
         "one-hot": torch.zeros(N, C + 1)}[kind]  # out of range, or no class: no one-hot fits
    return x, t, False


def torch_loss(x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    labels = t.argmax(dim=1) if t.is_floating_point() else t.long()
    return F.cross_entropy(x.double(), labels).to(x.dtype)


@FAST
@given(case=scores_and_answers())
def test_softmax_with_loss_agrees_with_cross_entropy_in_every_encoding_or_refuses_clearly(case):
    x, t, valid = case
    layer = SoftmaxWithLoss()
    returned, loss = outcome(lambda: layer.forward(x, t), "SoftmaxWithLoss", valid=valid)
    if not returned:
        return
    assert_like_torch(loss, torch_loss(x, t))
    if torch.isfinite(x).all():
        xg = x.double().clone().requires_grad_()
        (2.0 * F.cross_entropy(xg, t.argmax(dim=1) if t.is_floating_point() else t.long())).backward()
        assert_like_torch(layer.backward(2.0), xg.grad.to(x.dtype))


@FAST
@given(case=scores_and_answers())
def test_accuracy_takes_exactly_the_answers_that_the_loss_takes(case):
    x, t, _ = case
    if x.dim() != 2 or x.shape[1] == 0 or not x.is_floating_point():
        return
    C, x = x.shape[1], x.nan_to_num(posinf=1e4, neginf=-1e4)  # inf · 0 in x @ I would be NaN
    # A network whose scores are its input: one Affine layer with the identity.
    net = Network([Affine(torch.eye(C, dtype=x.dtype), torch.zeros(C, dtype=x.dtype))], SoftmaxWithLoss())
    # an empty x is the first layer's to refuse; the answers are the loss's and accuracy's
    takes_loss, _ = outcome(lambda: net.loss(x, t), ("Affine", "SoftmaxWithLoss"))
    takes_accuracy, acc = outcome(lambda: net.accuracy(x, t), ("Affine", "Network.accuracy"))
    assert takes_loss == takes_accuracy
    if takes_accuracy:
        labels = t.argmax(dim=1) if t.is_floating_point() else t.long()
        assert acc == pytest.approx((x.double().argmax(dim=1) == labels).double().mean().item())


# --- gradients, optimizers, gates, builders -------------------------------------------


@FAST
@given(x=tensors(elements=moderate), h=st.sampled_from([1e-5, 1e-3, 0.0, -1.0, math.inf, "0.1", None]))
def test_numerical_gradient_agrees_with_the_derivative_or_refuses_clearly_and_restores_x(x, h):
    before = x.clone()
    valid = x.dtype in (torch.float32, torch.float64) and x.numel() > 0 and isinstance(h, float) and 0 < h < math.inf
    if x.dtype in (torch.float16, torch.bfloat16) and isinstance(h, float) and 0 < h < math.inf:
        valid = None  # a step this small may not move x in half precision: either outcome is right
    returned, grad = outcome(lambda: numerical_gradient(lambda: (x.double() ** 2).sum(), x, h), "numerical_gradient", valid=valid)
    assert torch.equal(x, before)
    if returned and x.dtype == torch.float64:
        torch.testing.assert_close(grad, 2 * x, rtol=1e-4, atol=1e-4)


def exact_relative_error(a: torch.Tensor, b: torch.Tensor) -> float:
    fa, fb = [Fraction(v) for v in a.double().flatten().tolist()], [Fraction(v) for v in b.double().flatten().tolist()]
    top = max(abs(p - q) for p, q in zip(fa, fb))
    bottom = max(abs(p) + abs(q) for p, q in zip(fa, fb))
    return float(top / bottom) if bottom else 0.0


@FAST
@given(a=tensors(FLOATS, elements=values), data=st.data())
def test_relative_error_is_exact_in_0_1_or_refuses_clearly(a, data):
    b = data.draw(st.one_of(st.just(-a), st.just(a * 0.5), tensors([a.dtype], elements=values)))
    valid = (a.shape == b.shape and a.numel() > 0 and bool(torch.isfinite(a).all()) and bool(torch.isfinite(b).all()))
    returned, err = outcome(lambda: relative_error(a, b), "relative_error", valid=valid)
    if returned:
        assert isinstance(err, float) and 0.0 <= err <= 1.0
        assert err == pytest.approx(exact_relative_error(a, b), rel=1e-12, abs=1e-300)


OPTIMIZERS = {
    SGD: (dict(lr=0.1), lambda p: torch.optim.SGD(p, lr=0.1)),
    Momentum: (dict(lr=0.1, momentum=0.9), lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9)),
    Adam: (dict(lr=0.1), lambda p: torch.optim.Adam(p, lr=0.1)),
}


@pytest.mark.parametrize("Opt", OPTIMIZERS, ids=lambda c: c.__name__)
@FAST
@given(p=tensors(DTYPES, min_dims=1, elements=moderate), g_dtype=st.sampled_from(DTYPES), requires_grad=st.booleans())
def test_optimizers_agree_with_torch_optim_or_refuse_clearly(Opt, p, g_dtype, requires_grad):
    kw, torch_opt = OPTIMIZERS[Opt]
    g = (torch.ones_like(p, dtype=torch.float64) * 0.3).to(g_dtype)
    param = p.clone().requires_grad_() if requires_grad and p.is_floating_point() else p.clone()
    valid = p.is_floating_point() and g_dtype == p.dtype
    returned, _ = outcome(lambda: Opt(**kw).update([param], [g]), Opt.__name__, valid=valid)
    if returned:
        q = p.double().clone().requires_grad_()
        q.grad = g.double()
        torch_opt([q]).step()
        assert_like_torch(param.detach(), q.detach().to(p.dtype))
    else:
        assert torch.equal(param.detach(), p), "a refused update changed the params"


numbers_or_not = st.one_of(st.sampled_from([0, 1, 0.0, 1.0, True, False, np.float32(1), np.int64(0)]),
                           st.sampled_from([None, "1", [1], 1 + 2j, torch.tensor(1.0), math.nan, math.inf, 10**400]))


@pytest.mark.parametrize("gate", [AND, NAND, OR, XOR], ids=lambda g: g.__name__)
@settings(max_examples=30, deadline=None)
@given(x1=numbers_or_not, x2=numbers_or_not)
def test_gates_give_their_truth_table_or_refuse_clearly(gate, x1, x2):
    def finite_number(x: Any) -> bool:
        if isinstance(x, (int, np.integer)):  # bool too
            return abs(int(x)) < 2**1000
        return isinstance(x, (float, np.floating)) and math.isfinite(x)

    valid = finite_number(x1) and finite_number(x2)
    returned, out = outcome(lambda: gate(x1, x2), gate.__name__, valid=valid)
    if returned:
        a, b = float(x1) > 0.5, float(x2) > 0.5
        assert out == int({"AND": a and b, "NAND": not (a and b), "OR": a or b, "XOR": a != b}[gate.__name__])


@settings(max_examples=40, deadline=None)
@given(sizes=st.one_of(st.lists(st.one_of(st.integers(-1, 4), st.sampled_from([2.5, True, "3", None, np.int64(2)])),
                                max_size=4),
                       st.sampled_from([5, None, "345", {3: 4}, torch.tensor([3, 4])])),
       activation=st.sampled_from(["relu", "tanh", "gelu", None]),
       dtype=st.sampled_from([torch.float32, torch.float64, torch.int64, "float32"]))
def test_mlp_builds_a_network_or_refuses_its_arguments_clearly(sizes, activation, dtype):
    ints = isinstance(sizes, list) and all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in sizes)
    valid = ints and len(sizes) >= 2 and min(sizes) >= 1 and activation in ("relu", "tanh") and dtype in (torch.float32, torch.float64)
    returned, net = outcome(lambda: mlp(sizes, activation=activation, dtype=dtype), "mlp", valid=valid)
    if returned:
        assert [tuple(p.shape) for p in net.params()[::2]] == list(zip(sizes[:-1], sizes[1:]))


@pytest.mark.parametrize("rule", [init.he_normal, init.xavier_normal, init.lecun_normal], ids=lambda f: f.__name__)
@settings(max_examples=20, deadline=None)
@given(fan_in=st.sampled_from([1, 3, 0, -2, 2.0, "3", None, True, np.int64(3)]),
       dtype=st.sampled_from([torch.float16, torch.float64, torch.int32, torch.bool, float]))
def test_init_draws_weights_or_refuses_its_arguments_clearly(rule, fan_in, dtype):
    valid = (isinstance(fan_in, (int, np.integer)) and not isinstance(fan_in, bool) and fan_in >= 1
             and isinstance(dtype, torch.dtype) and dtype.is_floating_point)
    returned, W = outcome(lambda: rule(fan_in, 2, dtype=dtype), rule.__name__, valid=valid)
    if returned:
        assert W.shape == (fan_in, 2) and W.dtype == dtype and torch.isfinite(W).all()


# --- one plain test per fix --------------------------------------------------------------


@pytest.mark.parametrize("dtype", INTS)
def test_labels_of_any_integer_dtype_give_the_int64_loss(dtype):
    x, t = torch.tensor([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0]]), torch.tensor([1, 2])
    for loss in (lambda t_: SoftmaxWithLoss().forward(x, t_), lambda t_: fn.cross_entropy_error(torch.softmax(x, 1), t_)):
        assert torch.equal(loss(t.to(dtype)), loss(t))
    layer = SoftmaxWithLoss()
    layer.forward(x, t.to(dtype))
    expected = SoftmaxWithLoss()
    expected.forward(x, t)
    assert torch.equal(layer.backward(), expected.backward())


def test_bool_labels_are_refused_naming_the_dtype():
    with pytest.raises(ValueError, match="SoftmaxWithLoss expects t as class indices of an integer dtype, got torch.bool"):
        SoftmaxWithLoss().forward(torch.zeros(2, 2), torch.tensor([True, False]))


@pytest.mark.parametrize("f", [fn.softmax, fn.log_softmax], ids=lambda f: f.__name__)
@pytest.mark.parametrize("shape", [(3, 0), (0,), (0, 3)])
def test_softmax_of_an_empty_tensor_is_a_value_error(f, shape):
    with pytest.raises(ValueError, match=rf"^{f.__name__} expects x with at least one element, got x of shape"):
        f(torch.zeros(shape))


@pytest.mark.parametrize("make", [Relu, Sigmoid, Tanh, lambda: Affine(torch.ones(3, 2), torch.zeros(2))])
def test_every_layer_refuses_bool_complex_empty_and_meta_input_with_a_value_error(make):
    layer = make()
    name = type(layer).__name__
    for x in (torch.ones(2, 3, dtype=torch.bool), torch.ones(2, 3, dtype=torch.complex64), torch.ones(0, 3),
              torch.ones(2, 3, device="meta")):
        with pytest.raises(ValueError, match=f"^{name} "):
            layer.forward(x)


def test_relu_takes_integers_and_sigmoid_refuses_them():
    assert torch.equal(Relu().forward(torch.tensor([-2, 0, 3])), torch.tensor([0, 0, 3]))
    with pytest.raises(ValueError, match="Sigmoid expects x of a floating-point dtype, got torch.int64"):
        Sigmoid().forward(torch.tensor([-2, 0, 3]))


def test_one_rule_for_dtype_a_value_error_everywhere():
    x32, x64 = torch.zeros(2, 3), torch.zeros(2, 3, dtype=torch.float64)
    relu = Relu()
    relu.forward(x32)
    calls = [
        ("Affine", lambda: Affine(torch.ones(3, 2), torch.zeros(2)).forward(x64)),
        ("Relu", lambda: relu.backward(x64)),
        ("SoftmaxWithLoss", lambda: SoftmaxWithLoss().forward(x32, x64)),
        ("mean_squared_error", lambda: fn.mean_squared_error(x32, x64)),
        ("cross_entropy_error", lambda: fn.cross_entropy_error(x32 + 0.5, x64)),
        ("SGD.update", lambda: SGD().update([x32], [x64])),
        ("sigmoid", lambda: fn.sigmoid(torch.zeros(2, dtype=torch.int64))),
        ("he_normal", lambda: init.he_normal(2, 2, dtype=torch.int64)),
        ("mlp", lambda: mlp([2, 2], dtype=torch.int64)),
    ]
    for name, call in calls:
        with pytest.raises(ValueError, match=f"^{re.escape(name)}[ .]"):
            call()


def test_numpy_input_is_a_type_error_naming_torch_tensor_and_from_numpy():
    for call in (lambda a: fn.sigmoid(a), lambda a: Relu().forward(a), lambda a: SoftmaxWithLoss().forward(a, a)):
        with pytest.raises(TypeError, match=r"to be a torch.Tensor, got ndarray \(torch.from_numpy"):
            call(np.zeros((2, 3), np.float32))


def test_network_needs_layers_with_forward_and_backward():
    with pytest.raises(ValueError, match="Network expects at least one layer"):
        Network([], SoftmaxWithLoss())
    with pytest.raises(TypeError, match=r"Network expects layers\[0\] to be a layer with forward and backward methods, got str"):
        Network(["relu"], SoftmaxWithLoss())
    with pytest.raises(TypeError, match="Network expects loss_layer to be a layer, got the class SoftmaxWithLoss itself"):
        Network([Relu()], SoftmaxWithLoss)
    with pytest.raises(TypeError, match="Network expects layers as a list of layers, got Relu"):
        Network(Relu(), SoftmaxWithLoss())


@pytest.mark.parametrize("t", [torch.tensor([[0], [1]]), torch.tensor([0, 3]), torch.tensor([-1, 0])],
                         ids=["(N, 1)", "label = C", "label = -1"])
def test_accuracy_refuses_the_labels_that_the_loss_refuses(t):
    net = Network([Affine(torch.eye(3), torch.zeros(3))], SoftmaxWithLoss())
    x = torch.tensor([[1.0, 0.0, 0.0], [0.0, 2.0, 0.0]])
    with pytest.raises(ValueError, match="^SoftmaxWithLoss expects"):
        net.loss(x, t)
    with pytest.raises(ValueError, match="^Network.accuracy expects"):
        net.accuracy(x, t)
    assert net.accuracy(x, torch.tensor([0, 1])) == 1.0  # right labels of shape (N,): all right


def test_numerical_gradient_restores_x_when_f_raises():
    x = torch.tensor([3.0, 4.0], dtype=torch.float64)

    def f() -> float:
        raise ZeroDivisionError("the reader's own bug")

    with pytest.raises(ZeroDivisionError):
        numerical_gradient(f, x)
    assert x.tolist() == [3.0, 4.0]
    with pytest.raises(TypeError, match="numerical_gradient expects f\\(\\) to return a number or a one-element tensor, got str"):
        numerical_gradient(lambda: "1.0", x)
    assert x.tolist() == [3.0, 4.0]


def test_numerical_gradient_and_optimizers_take_tensors_that_require_grad():
    x = torch.tensor([3.0, 4.0], dtype=torch.float64, requires_grad=True)
    torch.testing.assert_close(numerical_gradient(lambda: (x**2).sum(), x), torch.tensor([6.0, 8.0], dtype=torch.float64))
    SGD(lr=0.5).update([x], [torch.ones(2, dtype=torch.float64)])
    assert x.tolist() == [2.5, 3.5] and x.requires_grad


@pytest.mark.parametrize("dtype", [torch.float16, torch.float32, torch.float64])
def test_one_hot_and_labels_give_the_same_finite_loss_at_extreme_scores(dtype):
    big = torch.finfo(dtype).max
    x = torch.tensor([[big, 0.0, -big], [1.0, 2.0, 3.0]], dtype=dtype)
    labels = torch.tensor([0, 2])
    by_label = SoftmaxWithLoss().forward(x, labels)
    by_one_hot = SoftmaxWithLoss().forward(x, F.one_hot(labels, 3).to(dtype))
    assert torch.isfinite(by_label) and torch.equal(by_label, by_one_hot)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_relative_error_stays_in_0_1_for_huge_and_tiny_values(dtype):
    big, tiny = torch.finfo(dtype).max, torch.finfo(dtype).smallest_normal / 2**10  # a subnormal
    assert relative_error(torch.tensor([big, 1.0], dtype=dtype), torch.tensor([-big, 1.0], dtype=dtype)) == 1.0
    assert relative_error(torch.tensor([big], dtype=dtype), torch.tensor([big], dtype=dtype)) == 0.0
    assert relative_error(torch.tensor([tiny], dtype=dtype), torch.tensor([-tiny], dtype=dtype)) == 1.0
    assert relative_error(torch.zeros(2, dtype=dtype), torch.zeros(2, dtype=dtype)) == 0.0
    with pytest.raises(ValueError, match="relative_error expects finite a, got NaN or inf in a"):
        relative_error(torch.tensor([math.nan]), torch.tensor([1.0]))


def test_mlp_checks_its_arguments():
    with pytest.raises(TypeError, match="mlp expects sizes as a list of ints"):
        mlp(5)
    with pytest.raises(TypeError, match=r"mlp expects sizes\[1\] as an int, got float"):
        mlp([3, 2.5])
    with pytest.raises(ValueError, match="each >= 1, got \\[3, 0\\]"):
        mlp([3, 0])
    with pytest.raises(TypeError, match="mlp expects activation as a str"):
        mlp([3, 2], activation=None)
    with pytest.raises(ValueError, match="mlp expects a device with values, got 'meta'"):
        mlp([3, 2], device="meta")
    assert [tuple(p.shape) for p in mlp((3, np.int64(2)), seed=np.int64(1)).params()] == [(3, 2), (2,)]


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_an_unavailable_device_is_a_value_error_naming_the_function():
    with pytest.raises(ValueError, match="mlp expects a device that torch can use here, got 'cuda'"):
        mlp([3, 2], device="cuda")
    with pytest.raises(ValueError, match="he_normal expects a device that torch can use here, got 'cuda'"):
        init.he_normal(3, 2, device="cuda")


def test_gates_check_their_inputs_and_name_themselves():
    with pytest.raises(TypeError, match="AND expects x1 as a number, got NoneType"):
        AND(None, 1)
    with pytest.raises(ValueError, match="XOR expects x2 as a finite number, got x2 = nan"):
        XOR(1, math.nan)
    assert [XOR(a, b) for a, b in [(False, False), (True, False), (np.float32(0), 1), (1.0, 1.0)]] == [0, 1, 1, 0]


def test_numbers_of_numpy_are_numbers_everywhere():
    assert SGD(lr=np.float32(0.5)).lr == SGD(lr=np.float64(0.5)).lr == 0.5
    layer = SoftmaxWithLoss()
    layer.forward(torch.zeros(1, 2), torch.tensor([0]))
    torch.testing.assert_close(layer.backward(np.float32(2.0)), layer.backward(2.0))
    with pytest.raises(TypeError, match="SGD expects lr as a number, got str"):
        SGD(lr="0.1")
    with pytest.raises(TypeError, match="numerical_gradient expects h as a number, got str"):
        numerical_gradient(lambda: 0.0, torch.zeros(1), h="0.1")
