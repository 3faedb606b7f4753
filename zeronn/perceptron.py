r"""Perceptrons, the logic gates of chapter 2: a weighted sum, a bias and a threshold.

A perceptron with weights $w_1, w_2$ and bias $b$ fires (outputs 1) when
$w_1 x_1 + w_2 x_2 + b > 0$, and outputs 0 otherwise. AND, NAND and OR are the
same perceptron with different weights; XOR needs two layers of them.
"""

from __future__ import annotations

import functools
import math
from typing import Callable

import torch

from zeronn._checks import check_number

_Gate = Callable[[float, float], int]


def _perceptron(x1: float, x2: float, w: tuple[float, float], b: float) -> int:
    x = torch.tensor([x1, x2], dtype=torch.float64)
    tmp = torch.sum(torch.tensor(w, dtype=torch.float64) * x) + b
    return int(tmp > 0)


def _checks_inputs(gate: _Gate) -> _Gate:
    """Decorate gate(x1, x2): each input must be a finite number (0 or 1, True or False, 0.0 or 1.0, ...)."""

    @functools.wraps(gate)
    def checked(x1: float, x2: float) -> int:
        for name, x in (("x1", x1), ("x2", x2)):
            if not math.isfinite(check_number(gate.__name__, name, x, bool_ok=True)):
                raise ValueError(f"{gate.__name__} expects {name} as a finite number, got {name} = {x}")
        return gate(x1, x2)

    return checked


@_checks_inputs
def AND(x1: float, x2: float) -> int:
    """1 when both inputs are 1, else 0: weights (0.5, 0.5), bias -0.7.

    Example:
        >>> from zeronn.perceptron import AND
        >>> [AND(0, 0), AND(1, 0), AND(0, 1), AND(1, 1)]
        [0, 0, 0, 1]
    """
    return _perceptron(x1, x2, (0.5, 0.5), -0.7)


@_checks_inputs
def NAND(x1: float, x2: float) -> int:
    """NOT AND: 0 when both inputs are 1, else 1. AND with every sign flipped.

    Example:
        >>> from zeronn.perceptron import NAND
        >>> [NAND(0, 0), NAND(1, 0), NAND(0, 1), NAND(1, 1)]
        [1, 1, 1, 0]
    """
    return _perceptron(x1, x2, (-0.5, -0.5), 0.7)


@_checks_inputs
def OR(x1: float, x2: float) -> int:
    """1 when at least one input is 1: weights (0.5, 0.5), bias -0.2.

    Example:
        >>> from zeronn.perceptron import OR
        >>> [OR(0, 0), OR(1, 0), OR(0, 1), OR(1, 1)]
        [0, 1, 1, 1]
    """
    return _perceptron(x1, x2, (0.5, 0.5), -0.2)


@_checks_inputs
def XOR(x1: float, x2: float) -> int:
    """1 when exactly one input is 1. No single perceptron can draw this line,
    so XOR stacks two layers: AND(NAND(x1, x2), OR(x1, x2)).

    Example:
        >>> from zeronn.perceptron import XOR
        >>> [XOR(0, 0), XOR(1, 0), XOR(0, 1), XOR(1, 1)]
        [0, 1, 1, 0]
    """
    s1 = NAND(x1, x2)  # first layer
    s2 = OR(x1, x2)
    return AND(s1, s2)  # second layer
