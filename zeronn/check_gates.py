"""The items that ``zeronn.check`` runs on a logic gate of the perceptron chapter.

A gate is a function ``gate(x1, x2)`` that returns 1 or 0. The expected
outputs are the truth tables themselves; the items raise :class:`Wrong`
with the first input whose output is wrong.
"""

from __future__ import annotations

from typing import Any, Callable

from zeronn.check_items import Wrong

INPUTS = ((0, 0), (1, 0), (0, 1), (1, 1))
TRUTH = {  # the outputs for INPUTS, in that order
    "and": (0, 0, 0, 1),
    "nand": (1, 1, 1, 0),
    "or": (0, 1, 1, 1),
    "xor": (0, 1, 1, 0),
}


def _output(out: Any) -> int | None:
    """The gate's output as 0 or 1, or None when it is not one of those two numbers."""
    if isinstance(out, (str, bytes)):  # float("1") is 1.0, but "1" is no number
        return None
    try:
        value = float(out)  # an int, a bool, a float or a one-element tensor
    except Exception:  # anything else, whatever float() raises for it
        return None
    return int(value) if value in (0.0, 1.0) else None


def _shown(out: Any) -> str:
    try:
        return repr(out)
    except Exception:
        return f"a {type(out).__name__}"


def truth_table(kind: str, gate: Callable[[Any, Any], Any], *, as_float: bool = False) -> None:
    name = kind.upper()
    for (x1, x2), want in zip(INPUTS, TRUTH[kind]):
        if as_float:
            x1, x2 = float(x1), float(x2)
        out = gate(x1, x2)
        got = _output(out)
        if got != want:
            shown = _shown(out) if got is None else str(got)
            raise Wrong(
                (f"{name}({x1}, {x2}) = {want}", f"{name}({x1}, {x2}) = {want}"),
                (f"{name}({x1}, {x2}) returned {shown}", f"{name}({x1}, {x2}) の戻り値は {shown}"),
            )
