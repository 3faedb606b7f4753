"""Check a layer class of your own against torch, item by item."""

from __future__ import annotations

import signal
import threading
import time
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable

import torch

from zeronn import check_gates as gates
from zeronn import check_items as items
from zeronn import check_optimizers as optimizers
from zeronn.check_items import LAYERS, Text, Wrong

LAYER_KINDS = ("affine", "relu", "sigmoid", "tanh", "softmax_with_loss")
OPTIMIZER_KINDS = ("sgd", "momentum", "adam")
GATE_KINDS = ("and", "nand", "or", "xor")  # functions gate(x1, x2), not classes
KINDS = LAYER_KINDS + OPTIMIZER_KINDS + GATE_KINDS
LIMIT_S = 5.0  # per item: long enough for the numerical gradient, short enough to wait for


@dataclass(frozen=True)
class Item:
    """One item of a check: its name, whether it passed, and why not (empty when passed)."""

    name: str
    passed: bool
    message: str = ""


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` found: truthy only when every item passed."""

    kind: str
    cls_name: str
    items: list[Item]
    lang: str = "en"
    forward_only: bool = False

    def __bool__(self) -> bool:
        return all(item.passed for item in self.items)

    def __repr__(self) -> str:
        passed = sum(item.passed for item in self.items)
        return f"<CheckResult {self.kind} {self.cls_name}: {passed}/{len(self.items)} passed>"

    def __str__(self) -> str:
        passed, n = sum(item.passed for item in self.items), len(self.items)
        only = ", forward_only=True" if self.forward_only else ""
        head = f'check("{self.kind}", {self.cls_name}{only}): '
        if self.lang == "ja":
            head += f"{n} 項目すべて通りました" if passed == n else f"{n} 項目中 {passed} 項目が通りました"
        else:
            head += f"all {n} items pass" if passed == n else f"{passed} of {n} items pass"
        lines = [head]
        for item in self.items:
            lines.append(f"{'✓' if item.passed else '✗'} {item.name}")
            lines += [f"    {line}" for line in item.message.splitlines()]
        return "\n".join(lines)


def check(kind: str, cls: Any, *, lang: str = "en", forward_only: bool = False) -> CheckResult:
    """Run the items for ``kind`` on your class ``cls``, print a report and return it.

    kind and what cls must be, written as in the course:

    - "affine", "relu", "sigmoid", "tanh", "softmax_with_loss": a layer class
      (not an instance). ``cls(W, b)`` for "affine" and ``cls()`` for the
      others; ``forward(x)`` (``forward(x, t)`` with one-hot t for
      "softmax_with_loss") and ``backward(dout)`` returning dx
      (``backward(dout=1)`` for "softmax_with_loss"; "affine" also sets ``dW``
      and ``db``). With ``forward_only=True`` only the items of forward run,
      for a class that has no backward yet.
    - "sgd", "momentum", "adam": an optimizer class, built as
      ``cls(lr=0.1)``, ``cls(lr=0.1, momentum=0.9)`` or
      ``cls(lr=0.1, beta1=0.9, beta2=0.999)``, whose ``update(params, grads)``
      changes each parameter in place. torch.optim is the oracle.
    - "and", "nand", "or", "xor": a function ``gate(x1, x2)`` returning 1 or 0.

    lang: "en" or "ja", the language of the report.

    Each item runs with a time limit of 5 s; an error or an endless loop in
    the class becomes a failed item, never an error of ``check``.

    Example:
        >>> from zeronn import Relu
        >>> from zeronn import check
        >>> result = check("relu", Relu)
        check("relu", Relu): all 6 items pass
        ✓ forward: values and shape match torch
        ✓ forward leaves the input unchanged
        ✓ backward: dx matches torch.autograd
        ✓ backward leaves x and dout unchanged
        ✓ backward: dx matches the numerical gradient
        ✓ forward: 0.0, not -0.0, where x <= 0
        >>> class MyRelu:
        ...     def forward(self, x):
        ...         self.mask = x <= 0
        ...         return x * (x > 0)  # -0.0 for negative x
        ...     def backward(self, dout):
        ...         return dout * ~self.mask
        >>> result = check("relu", MyRelu)  # lang="ja" reports in Japanese
        check("relu", MyRelu): 5 of 6 items pass
        ✓ forward: values and shape match torch
        ✓ forward leaves the input unchanged
        ✓ backward: dx matches torch.autograd
        ✓ backward leaves x and dout unchanged
        ✓ backward: dx matches the numerical gradient
        ✗ forward: 0.0, not -0.0, where x <= 0
            expected: 0.0 where x <= 0
            got:      -0.0 at 2 entries (x * (x > 0) gives -0.0 for x < 0)
            see:      forward.md#relu
        >>> bool(result), result
        (False, <CheckResult relu MyRelu: 5/6 passed>)
    """
    _check_args(kind, cls, lang, forward_only)
    _load_oracles()
    chosen = specs(kind, forward_only=forward_only)
    found = [_run_item(name, section, test, cls, lang) for name, section, test in chosen]
    result = CheckResult(kind, getattr(cls, "__name__", type(cls).__name__), found, lang, forward_only)
    print(result)
    return result


def _load_oracles() -> None:
    """Use torch's autograd and build its optimizers once, outside the items' time limit.

    Their first use imports much (``backward(gradient)`` imports sympy, the first
    ``torch.optim`` optimizer ``torch._dynamo``): seconds on a busy machine. A limit that
    cut such an import short would leave the module half imported for the whole session.
    """
    x = torch.zeros(2, dtype=torch.float64, requires_grad=True)
    (x * 2).backward(torch.ones(2, dtype=torch.float64))
    optimizers.load_oracle()


# Item names (en, ja), one line each, so that both languages are read side by side.
NAMES: dict[str, Text] = {
    "forward": ("forward: values and shape match torch", "順伝播: 値と形が torch と一致します"),
    "forward_keeps": ("forward leaves the input unchanged", "順伝播で入力を変えません"),
    "dx": ("backward: dx matches torch.autograd", "逆伝播: dx が torch.autograd と一致します"),
    "backward_keeps": ("backward leaves x and dout unchanged", "逆伝播で入力 x と dout を変えません"),
    "numerical": ("backward: dx matches the numerical gradient", "逆伝播: dx が数値微分の勾配と一致します"),
    "dW": ("backward: dW matches torch.autograd", "逆伝播: dW が torch.autograd と一致します"),
    "db": ("backward: db matches torch.autograd", "逆伝播: db が torch.autograd と一致します"),
    "dx_shape": ("backward: dx has the shape of x (N, 1, 3)", "逆伝播: dx が入力 x (N, 1, 3) と同じ形です"),
    "negative_zero": ("forward: 0.0, not -0.0, where x <= 0", "順伝播: x <= 0 では -0.0 でなく 0.0 です"),
    "stable": ("forward: stable at x = ±1000", "順伝播: x = ±1000 でも安定しています"),
    "loss": ("forward: the loss matches torch's cross_entropy", "順伝播: 損失が torch の cross_entropy と一致します"),
    "large_scores": ("forward: finite loss for scores of 1000", "順伝播: スコア 1000 でも損失が有限です"),
    "average": ("forward: loss averaged over the batch", "順伝播: 損失をバッチで平均します"),
    "keeps_x_t": ("forward and backward leave x and t unchanged", "順伝播・逆伝播で x と t を変えません"),
    "uses_dout": ("backward: dx is multiplied by dout", "逆伝播: dx に dout を掛けます"),
    "in_place": ("update changes the params in place", "update が params をその場で書き換えます"),
    "first_step": ("update: 1 step matches torch.optim", "update: 1 ステップが torch.optim と一致します"),
    "five_steps": ("update: 5 steps match torch.optim", "update: 5 ステップが torch.optim と一致します"),
    "keeps_grads": ("update leaves grads unchanged", "update で grads を変えません"),
    "truth_table": ("the truth table, for inputs 0 and 1", "入力 0 と 1 で真理値表のとおりです"),
    "truth_table_float": ("the truth table, for inputs 0.0 and 1.0", "入力 0.0 と 1.0 で真理値表のとおりです"),
}

# Items that run forward only: with forward_only=True, the others are left out.
FORWARD_KEYS = {"forward", "forward_keeps", "negative_zero", "stable", "loss", "large_scores", "average"}

# The chapter sections that explain each kind: (forward, backward).
SECTIONS = {
    "affine": ("forward.md#affine", "backprop.md#affine-backward"),
    "relu": ("forward.md#relu", "backprop.md#relu-backward"),
    "sigmoid": ("activation.md#sigmoid", "backprop.md#sigmoid-backward"),
    "tanh": ("activation.md#tanh", "activation.md#tanh"),
    "softmax_with_loss": ("loss.md#cross-entropy", "backprop.md#softmax-with-loss-backward"),
    "sgd": "training.md#gradient-descent",
    "momentum": "beyond.md#momentum",
    "adam": "beyond.md#adam",
    "and": "perceptron.md#logic-gates",
    "nand": "perceptron.md#logic-gates",
    "or": "perceptron.md#logic-gates",
    "xor": "perceptron.md#multi-layer",
}


def _items(kind: str) -> list[tuple[str, str, Callable[[Any], None]]]:
    """(name key, section, test) for each item of ``kind``."""
    if kind in GATE_KINDS:
        section = SECTIONS[kind]
        return [
            ("truth_table", section, partial(gates.truth_table, kind)),
            ("truth_table_float", section, partial(gates.truth_table, kind, as_float=True)),
        ]
    if kind in OPTIMIZER_KINDS:
        O, section = optimizers.OPTIMIZERS[kind], SECTIONS[kind]
        tests = [optimizers.in_place, optimizers.first_step, optimizers.five_steps, optimizers.keeps_grads]
        return [(test.__name__, section, partial(test, O)) for test in tests]
    fwd, back = SECTIONS[kind]
    if kind == "softmax_with_loss":
        return [
            ("loss", fwd, items.softmax_loss_value),
            ("large_scores", "loss.md#overflow", items.softmax_large_scores),
            ("average", "loss.md#batch-average", items.softmax_batch_average),
            ("keeps_x_t", fwd, items.softmax_keeps_input),
            ("dx", back, items.softmax_backward),
            ("uses_dout", back, items.softmax_uses_dout),
            ("numerical", "loss.md#check-the-gradient", items.softmax_numerical),
        ]
    L = LAYERS[kind]
    common = [
        ("forward", fwd, items.forward_values),
        ("forward_keeps", fwd, items.forward_keeps_input),
        ("dx", back, items.backward_dx),
        ("backward_keeps", back, items.backward_keeps_input),
        ("numerical", "gradient-check.md#compare-with-backprop", items.numerical),
    ]
    chosen = [(key, section, partial(test, L)) for key, section, test in common]
    if kind == "affine":
        chosen += [
            ("dW", back, items.affine_dW),
            ("db", back, items.affine_db),
            ("dx_shape", back, items.affine_dx_shape),
        ]
    if kind == "relu":
        chosen.append(("negative_zero", fwd, partial(items.relu_no_negative_zero, L)))
    if kind in ("sigmoid", "tanh"):
        section = "activation.md#sigmoid-stability" if kind == "sigmoid" else fwd
        chosen.append(("stable", section, partial(items.stable_at_1000, L)))
    return chosen


def specs(kind: str, *, forward_only: bool = False) -> list[tuple[Text, str, Callable[[Any], None]]]:
    """(name, section, test) for each item of ``kind``, in the order they are reported."""
    chosen = [item for item in _items(kind) if not forward_only or item[0] in FORWARD_KEYS]
    return [(NAMES[key], section, test) for key, section, test in chosen]


def _check_args(kind: Any, cls: Any, lang: Any, forward_only: Any) -> None:
    if not isinstance(kind, str):
        raise TypeError(f"check expects kind as a str, one of {', '.join(map(repr, KINDS))}, got {type(kind).__name__}")
    if kind not in KINDS:
        raise ValueError(f"check expects kind to be one of {', '.join(map(repr, KINDS))}, got {kind!r}")
    if kind in GATE_KINDS:
        if isinstance(cls, type) or not callable(cls):
            raise TypeError(f"check({kind!r}, ...) expects a function gate(x1, x2), got {_what(cls)}")
    elif not isinstance(cls, type):
        raise TypeError(f"check expects cls to be a class (not an instance), got {_what(cls)}")
    if not isinstance(lang, str):
        raise TypeError(f"check expects lang as a str, 'en' or 'ja', got {type(lang).__name__}")
    if lang not in ("en", "ja"):
        raise ValueError(f"check expects lang to be 'en' or 'ja', got {lang!r}")
    if not isinstance(forward_only, bool):
        raise TypeError(f"check expects forward_only to be True or False, got {type(forward_only).__name__}")
    if forward_only and kind not in LAYER_KINDS:
        raise ValueError(f"check expects forward_only=True only for a layer kind ({', '.join(LAYER_KINDS)}), got kind {kind!r}")


def _what(cls: Any) -> str:
    return f"the class {cls.__name__}" if isinstance(cls, type) else type(cls).__name__


def _run_item(name: Text, section: str, test: Callable[[Any], None], cls: Any, lang: str) -> Item:
    """Run one item; turn its failure, error or timeout into the message of a failed item."""
    i = 0 if lang == "en" else 1
    labels = ("expected:", "got:     ", "see:     ") if lang == "en" else ("期待:", "結果:", "参照:")
    try:
        run_with_limit(lambda: test(cls), LIMIT_S)
    except Wrong as wrong:
        lines = [f"{labels[0]} {wrong.expected[i]}", f"{labels[1]} {wrong.got[i]}"]
    except TimeoutError:
        took = (f"took longer than {LIMIT_S:g} s", f"{LIMIT_S:g} 秒以内に終わりませんでした")
        lines = [f"{labels[1]} {took[i]}"]
    except (Exception, SystemExit) as error:  # the class's own error: its type and message, no traceback
        message = _message(error)
        raised = (f"raised {type(error).__name__}: {message}", f"{type(error).__name__} が起きました: {message}")
        lines = [f"{labels[1]} {raised[i]}"]
    else:
        return Item(name[i], True)
    lines.append(f"{labels[2]} {section}")
    return Item(name[i], False, "\n".join(lines))


def _message(error: BaseException) -> str:
    """The error's message; a learner's error class may fail even at that."""
    try:
        return str(error)
    except Exception:
        return "(its message could not be printed)"


class _TimeUp(BaseException):
    """Raised by the alarm; a BaseException, so that ``except Exception`` in a class cannot swallow it."""


def run_with_limit(f: Callable[[], Any], limit_s: float) -> Any:
    """Return f(), or raise TimeoutError when it runs longer than limit_s seconds."""
    # An alarm interrupts the loop itself; it works only on the main thread,
    # which is where scripts, notebooks and pytest run.
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        return _with_alarm(f, limit_s)
    return _with_thread(f, limit_s)


def _with_alarm(f: Callable[[], Any], limit_s: float) -> Any:
    def ring(signum: int, frame: Any) -> None:
        raise _TimeUp

    old = signal.signal(signal.SIGALRM, ring)
    old_delay, _ = signal.setitimer(signal.ITIMER_REAL, limit_s)
    start = time.monotonic()
    try:
        return f()
    except _TimeUp:
        raise TimeoutError(f"took longer than {limit_s:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if old_delay:  # someone else's alarm was set (pytest-timeout, say): set it again
            signal.setitimer(signal.ITIMER_REAL, max(old_delay - (time.monotonic() - start), 1e-3))


def _with_thread(f: Callable[[], Any], limit_s: float) -> Any:
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = f()
        except BaseException as error:  # handed to the caller below
            box["error"] = error

    # A thread cannot be stopped from outside: a daemon one at least ends with the program.
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(limit_s)
    if thread.is_alive():
        raise TimeoutError(f"took longer than {limit_s:g} s")
    if "error" in box:
        raise box["error"]
    return box.get("value")
