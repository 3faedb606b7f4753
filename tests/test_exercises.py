"""The exercises of every chapter: they exist in both languages, the solutions pass
zeronn.check, and the typical wrong answers fail it with the message meant for them.

The solutions themselves run with the other blocks of the pages (their output fence
shows the checker's report). Here each typical mistake is made in the page's own
solution, by replacing one piece of its code, and run again.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from tests.docs_tools import DOCS, LANGUAGES, CodeBlock, code_blocks
from zeronn.checker import NAMES

CHAPTERS = [
    "perceptron", "layer", "activation", "forward", "loss",
    "backprop", "gradient-check", "training", "beyond",
]
ALL_PASS = {
    "en": re.compile(r'^check\("\w+", \w+(, forward_only=True)?\): all \d+ items pass$'),
    "ja": re.compile(r'^check\("\w+", \w+(, forward_only=True)?\): \d+ 項目すべて通りました$'),
}


def exercise_blocks(chapter: str, lang: str) -> list[CodeBlock]:
    """The Python blocks under the heading { #exercises }, up to the next ## heading."""
    path = DOCS / lang / f"{chapter}.md"
    lines = path.read_text("utf8").split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("## ") and "{ #exercises }" in line), None)
    assert start is not None, f"{path.relative_to(DOCS)} has no section {{ #exercises }}"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return [b for b in code_blocks(path) if start < b.fence.map[0] < end]


def _in_collapsible(block: CodeBlock) -> bool:
    """True when the block sits inside a ``???`` block (a solution the reader opens)."""
    lines = block.path.read_text("utf8").split("\n")
    i = block.fence.map[0]
    if not lines[i].startswith("    "):
        return False
    while i > 0 and (not lines[i].strip() or lines[i].startswith(" ")):
        i -= 1
    return lines[i].startswith("???")


def solutions(chapter: str, lang: str) -> list[CodeBlock]:
    return [b for b in exercise_blocks(chapter, lang) if "check(" in b.code and _in_collapsible(b)]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_a_graded_write_it_exercise(chapter, lang):
    found = solutions(chapter, lang)
    assert found, f"{lang}/{chapter}.md: no solution that calls check() inside a ??? block under #exercises"
    for block in found:
        assert block.expected_output, f"{lang}/{chapter}.md:{block.start_line}: the solution shows no report"
        heads = [line for line in block.expected_output.splitlines() if line.startswith("check(")]
        assert heads and all(ALL_PASS[lang].match(h) for h in heads), block.expected_output
        if lang == "ja":
            assert 'lang="ja"' in block.code, f"ja/{chapter}.md:{block.start_line}: the report is not in Japanese"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_a_predict_then_run_question(chapter, lang):
    """A block whose output is hidden in a collapsible answer right under it."""
    predict = [
        b for b in exercise_blocks(chapter, lang)
        if b.output is not None and not _in_collapsible(b) and b.output.map[0] > b.fence.map[1] + 1
    ]
    assert predict, f"{lang}/{chapter}.md: no predict-then-run question under #exercises"


# Typical mistakes: (chapter, kind, the solution's code, the mistake, the item that must fail,
# a piece of its message in en and ja). The piece of code must be in the solution in both languages.
MISTAKES: list[tuple[str, str, str, str, str, tuple[str, str]]] = [
    # perceptron
    ("perceptron", "xor", "return AND(s1, s2)", "return OR(x1, x2)", "truth_table",
     ("XOR(1, 1) returned 1", "XOR(1, 1) の戻り値は 1")),
    ("perceptron", "nand", "-0.5, -0.5, 0.7", "-0.5, -0.5, -0.7", "truth_table",
     ("NAND(0, 0) returned 0", "NAND(0, 0) の戻り値は 0")),
    ("perceptron", "nand", "-0.5, -0.5, 0.7", "0.5, 0.5, 0.7", "truth_table",
     ("NAND(1, 1) returned 1", "NAND(1, 1) の戻り値は 1")),
    # layer
    ("layer", "affine", "x @ self.W + self.b", "x @ self.W", "forward",
     ("y differs by up to", "y の差が最大")),
    ("layer", "affine", "x @ self.W + self.b", "self.W @ x + self.b", "forward",
     ("raised RuntimeError: mat1 and mat2 shapes cannot be multiplied",
      "RuntimeError が起きました: mat1 and mat2 shapes cannot be multiplied")),
    # activation
    ("activation", "sigmoid", "1 / (1 + torch.exp(-x))", "torch.exp(x) / (1 + torch.exp(x))", "stable",
     ("NaN or inf in y", "y に NaN か inf があります")),
    ("activation", "sigmoid", "1 / (1 + torch.exp(-x))", "1 / (1 + torch.exp(x))", "forward",
     ("y differs by up to", "y の差が最大")),
    # forward
    ("forward", "relu", "torch.where(x > 0, x, 0.0)", "x * (x > 0)", "negative_zero",
     ("-0.0 at 2 entries", "2 か所が -0.0 です")),
    ("forward", "relu", "torch.where(x > 0, x, 0.0)", "x.clamp_(min=0)", "forward_keeps",
     ("entries of x changed", "個が変わりました")),  # clamp_ writes into x
    # loss
    ("loss", "softmax_with_loss", "x - x.max(dim=1, keepdim=True).values", "x", "large_scores",
     ("NaN or inf in loss", "loss に NaN か inf があります")),  # no max shift: exp(1000) = inf
    ("loss", "softmax_with_loss", "-(t * log_y).sum() / N", "-(t * log_y).sum()", "average",
     ("for 1 row", "1 行で")),  # summed over the batch, not averaged
    ("loss", "softmax_with_loss", "dout * (self.y - self.t) / N", "(self.y - self.t) / N", "uses_dout",
     ("backward(2.0) = 2 · backward(1.0)", "backward(2.0) = 2 · backward(1.0)")),
    ("loss", "softmax_with_loss", "dout * (self.y - self.t) / N", "dout * (self.y - self.t)", "dx",
     ("dx = (y - t) / N", "dx = (y - t) / N")),  # not divided by N
    # backprop
    ("backprop", "affine", "self.db = dout.sum(dim=0)", "self.db = dout", "db",
     ("db of shape (4, 2)", "形 (4, 2) の db")),  # not summed over the batch
    ("backprop", "affine", "return dx.reshape(self.x_shape)", "return dx", "dx_shape",
     ("dx of shape (4, 3)", "形 (4, 3) の dx")),
    ("backprop", "relu", "out = x.clone()", "out = x", "forward_keeps",
     ("entries of x changed", "個が変わりました")),  # writes the zeros into x itself
    ("backprop", "relu", "out = x.clone()\n        out[self.mask] = 0", "out = x * (x > 0)", "negative_zero",
     ("-0.0 at 2 entries", "2 か所が -0.0 です")),
    ("backprop", "relu", "dx = dout.clone()", "dx = dout", "backward_keeps",
     ("of 12 entries of dout changed", "dout の 12 個中")),  # the book's dout[mask] = 0
    ("backprop", "sigmoid", "self.out = out", "self.out = x", "dx",
     ("dx differs by up to", "dx の差が最大")),  # backward then computes dout * x * (1 - x)
    # gradient-check
    ("gradient-check", "tanh", "1 - self.out**2", "1 - torch.atanh(self.out)**2", "dx",
     ("dx differs by up to", "dx の差が最大")),  # 1 - x**2: the input x instead of the output
    ("gradient-check", "tanh", "torch.tanh(x)",
     "(torch.exp(x) - torch.exp(-x)) / (torch.exp(x) + torch.exp(-x))", "stable",
     ("NaN or inf in y", "y に NaN か inf があります")),  # inf / inf at x = 1000
    # training
    ("training", "sgd", "param -= self.lr * grad", "param = param - self.lr * grad", "in_place",
     ("the params are unchanged after update", "update のあとも params が変わっていません")),
    # beyond
    ("beyond", "momentum", "param += self.v[i]", "param = param + self.v[i]", "in_place",
     ("the params are unchanged after update", "update のあとも params が変わっていません")),
    ("beyond", "adam", "m_hat = self.m[i] / (1 - self.beta1**self.t)", "m_hat = self.m[i]", "first_step",
     ("W after 1 step (torch.optim)", "1 ステップ後の W (torch.optim)")),
]


def _run(code: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<solution>", "exec"), {"__name__": "__exercise__"})
    return out.getvalue()


def _solution_for(chapter: str, kind: str, lang: str) -> CodeBlock:
    found = [b for b in solutions(chapter, lang) if f'check("{kind}"' in b.code]
    assert len(found) == 1, f"{lang}/{chapter}.md: {len(found)} solutions call check({kind!r}, ...)"
    return found[0]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("chapter", "kind", "right", "wrong", "key", "message"), MISTAKES,
    ids=[f"{m[0]}-{m[1]}-{m[4]}" for m in MISTAKES],
)
def test_a_typical_mistake_fails_with_its_message(chapter, kind, right, wrong, key, message, lang):
    block = _solution_for(chapter, kind, lang)
    assert right in block.code, f"{lang}/{chapter}.md:{block.start_line} no longer contains {right!r}"
    report = _run(block.code.replace(right, wrong, 1))
    i = 0 if lang == "en" else 1  # NAMES and message are (en, ja)
    assert f"✗ {NAMES[key][i]}" in report, report
    assert message[i] in report, report
    assert "Traceback" not in report


def test_mistakes_cover_every_write_it_exercise():
    for chapter in CHAPTERS:
        kinds = {m for b in solutions(chapter, "en") for m in re.findall(r'check\("(\w+)"', b.code)}
        covered = {m[1] for m in MISTAKES if m[0] == chapter}
        assert kinds <= covered, f"{chapter}.md: no typical mistake for {sorted(kinds - covered)}"


def test_the_pages_exist():
    for chapter in CHAPTERS:
        for lang in LANGUAGES:
            assert Path(DOCS / lang / f"{chapter}.md").exists()
