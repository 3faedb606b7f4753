"""code_shape: what the two languages of a page or notebook must share.

The expected shapes are written out so that the same test holds on every Python version:
Python 3.12 tokenizes f-strings into many tokens where 3.11 gives one.
"""

from __future__ import annotations

import pytest

from tests.docs_tools import code_shape

END = ["\n", ""]  # NEWLINE and ENDMARKER, which every line of code below ends with


@pytest.mark.parametrize(
    ("code", "shape"),
    [
        # A format spec inside the replacement field.
        ('print(f"loss {loss:.3f}")\n', ["print", "(", "<str>", ")", *END]),
        # Quotes of the other kind inside, a conversion, a nested format spec, a comment.
        ("x = f'{d[\"k\"]!r:>{width}}'  # 注釈\n", ["x", "=", "<str>", *END]),
        # Raw f-string with escaped braces, implicitly joined to a plain literal.
        ('y = rf"\\d{{n}} {a}" "tail"\n', ["y", "=", "<str>", *END]),
        # Triple-quoted, over several lines.
        ('z = f"""first\n{x}\nlast"""\n', ["z", "=", "<str>", *END]),
        # An f-string inside an f-string, and the self-documenting `=`.
        ("w = f\"{f'{x}'} {y=}\"\n", ["w", "=", "<str>", *END]),
        # Separate literals stay separate.
        ('print("a", f"{b}")\n', ["print", "(", "<str>", ",", "<str>", ")", *END]),
        # Indentation is code; the last line without a newline still ends the statement.
        ("if x:\n    pass", ["if", "x", ":", "\n", "    ", "pass", "", "", ""]),
    ],
)
def test_each_literal_is_one_token(code: str, shape: list[str]):
    assert code_shape(code) == shape


def test_translated_texts_and_comments_give_the_same_shape():
    ja = 'print(f"損失: {loss:.4f}", "（学習後）")  # 学習後の損失\n'
    en = 'print(f"loss: {loss:.4f}", "(after training)")  # the loss after training\n'
    assert code_shape(ja) == code_shape(en)


@pytest.mark.parametrize(
    ("ja", "en"),
    [
        ('print(f"{loss:.4f}")\n', 'print(f"{loss:.4f}", end="")\n'),
        ("y = x * 2\n", "y = x * 3\n"),
        ("if x:\n    y = 1\n", "if x:\n  y = 1\n"),
    ],
)
def test_different_code_gives_different_shapes(ja: str, en: str):
    assert code_shape(ja) != code_shape(en)
