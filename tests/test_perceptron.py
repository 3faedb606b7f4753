"""The logic gates of chapter 2: truth tables."""

from __future__ import annotations

import pytest

from zeronn.perceptron import AND, NAND, OR, XOR

INPUTS = [(0, 0), (1, 0), (0, 1), (1, 1)]
TABLES = {
    AND: lambda a, b: a and b,
    NAND: lambda a, b: not (a and b),
    OR: lambda a, b: a or b,
    XOR: lambda a, b: a != b,
}


@pytest.mark.parametrize("gate", list(TABLES), ids=lambda g: g.__name__)
@pytest.mark.parametrize("x1, x2", INPUTS)
def test_truth_table(gate, x1, x2):
    out = gate(x1, x2)
    assert type(out) is int
    assert out == int(bool(TABLES[gate](x1, x2)))


def test_xor_is_built_from_the_other_gates():
    assert [XOR(a, b) for a, b in INPUTS] == [AND(NAND(a, b), OR(a, b)) for a, b in INPUTS]
