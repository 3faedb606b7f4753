"""Reading the code blocks of the Markdown pages.

Shared by the root conftest.py (which runs each Python block through
pytest-markdown-docs and checks what it prints) and by the tests on the pages.

Conventions on a page:
- A Python block is a fence with the language ``python``.
- What a block prints is shown in the fence right after it, marked as output:
  ```` ```{.text .output} ````. A block that prints nothing has no output fence.
- For a "predict, then run" question the output may instead be the first thing
  inside a collapsible block (``??? success "Answer"``) that follows the code
  directly, so that the reader sees the output only on asking for it.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from pytest_markdown_docs.plugin import parse_superfences_block_info

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES = ("ja", "en")
PYTHON = {"python", "py", "python3"}

# Content tabs (`=== "Title"`) indent their content like admonitions do;
# rewriting the marker in place keeps every line number unchanged.
_TAB = re.compile(r'^(\s*)===\+?( +".*")\s*$', re.MULTILINE)


class PageParser(MarkdownIt):
    """CommonMark plus Material's admonitions and content tabs, so that fences
    indented inside them are fences and not indented code."""

    def __init__(self) -> None:
        super().__init__("commonmark")
        self.use(admon_plugin)

    def parse(self, src: str, env=None) -> list[Token]:
        return super().parse(_TAB.sub(r"\1!!! tab\2", src), env)


def fence_info(token: Token) -> list[str]:
    """The fence's language first, then its options: ``{.python notest}`` → ['python', 'notest']."""
    return parse_superfences_block_info(token.info)


def is_output(token: Token | None) -> bool:
    """True for an output fence: ```` ```{.text .output} ````."""
    return token is not None and token.type == "fence" and ".output" in fence_info(token)[1:]


@dataclass(frozen=True)
class CodeBlock:
    """A Python block of a page and the output fence under it, if any."""

    path: Path
    start_line: int  # 0-based index of the first code line, as pytest-markdown-docs counts
    code: str
    options: tuple[str, ...]
    fence: Token
    output: Token | None

    @property
    def expected_output(self) -> str | None:
        return None if self.output is None else self.output.content


def code_blocks(path: Path) -> list[CodeBlock]:
    """Every Python fence of the page at ``path``, with its output fence."""
    tokens = PageParser().parse(path.read_text("utf8"))
    blocks = []
    for i, token in enumerate(tokens):
        info = fence_info(token) if token.type == "fence" else []
        if info and info[0] in PYTHON:
            output = _output_after(token, tokens[i + 1:])
            blocks.append(
                CodeBlock(path, token.map[0] + 1, token.content, tuple(info[1:]), token, output)
            )
    return blocks


def _output_after(fence: Token, rest: list[Token]) -> Token | None:
    """The output fence right under ``fence``, or first inside a collapsible block right under it."""
    following = rest[0] if rest else None
    if following is not None and following.type == "admonition_open" and following.markup.startswith("???"):
        if not _adjacent(fence, following):
            return None
        title_end = next(i for i, t in enumerate(rest) if t.type == "admonition_title_close")
        first = rest[title_end + 1] if title_end + 1 < len(rest) else None
        return first if is_output(first) else None
    return following if is_output(following) and _adjacent(fence, following) else None


def _adjacent(fence: Token, following: Token) -> bool:
    """True when only blank lines separate the fence from what follows."""
    return following.map[0] - fence.map[1] <= 1


_FENCE_LINE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")


def count_python_fences(path: Path) -> int:
    """Count Python fences by reading lines, independently of any Markdown parser.

    Tracks which fence is open so that a fence shown inside another one (a
    Markdown example, say) is not counted.
    """
    count, open_fence = 0, None
    for line in path.read_text("utf8").splitlines():
        match = _FENCE_LINE.match(line)
        if not match:
            continue
        marker, info = match.group(2), match.group(3).strip()
        if open_fence is None:
            open_fence = marker
            lang = parse_superfences_block_info(info)[:1] if info else []
            count += bool(lang) and lang[0] in PYTHON
        elif marker[0] == open_fence[0] and len(marker) >= len(open_fence) and not info:
            open_fence = None
    return count


def pages(lang: str) -> list[Path]:
    return sorted((DOCS / lang).rglob("*.md"))


# Python 3.12 (PEP 701) splits an f-string into FSTRING_START, its literal parts, the tokens of each
# replacement field and FSTRING_END, where 3.11 gives one STRING token; 3.14 does the same with
# t-strings. Everything between a start and its matching end is folded back into one literal.
_TEMPLATE_START = {getattr(tokenize, n) for n in ("FSTRING_START", "TSTRING_START") if hasattr(tokenize, n)}
_TEMPLATE_END = {getattr(tokenize, n) for n in ("FSTRING_END", "TSTRING_END") if hasattr(tokenize, n)}


def code_shape(code: str) -> list[str]:
    """The tokens of ``code`` without comments and with every string literal as ``"<str>"``.

    This is what the two languages of a page or notebook must share: comments and texts are
    translated, code is not. An f-string is one literal, its replacement fields and format specs
    included, so the result is the same on Python 3.11 and on 3.12+. Adjacent literals
    (``"a" "b"``) count as one, since a translation may split a long text differently.
    """
    shape: list[str] = []
    depth = 0  # how many f-strings the current token lies in

    def literal() -> None:
        if not shape or shape[-1] != "<str>":
            shape.append("<str>")

    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type in _TEMPLATE_START:
            depth += 1
        elif depth:
            if tok.type in _TEMPLATE_END:
                depth -= 1
                if not depth:
                    literal()
        elif tok.type == tokenize.STRING:
            literal()
        elif tok.type not in (tokenize.COMMENT, tokenize.NL):
            shape.append(tok.string)
    return shape
