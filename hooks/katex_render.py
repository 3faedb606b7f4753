"""Typeset every formula at build time with KaTeX, so that no page needs JavaScript for math.

pymdownx.arithmatex (generic mode) leaves inline math as
``<span class="arithmatex">\\(…\\)</span>`` and display math as
``<div class="arithmatex">\\[…\\]</div>``; a notebook's Markdown cells keep ``$…$`` and
``$$…$$`` as text. This hook replaces each formula with KaTeX's HTML (with MathML
beside it for screen readers), keeping the arithmatex wrapper. KaTeX runs in one Node
process per build (hooks/katex_render.cjs), from node_modules, pinned by
package-lock.json. A page then needs only katex.min.css and KaTeX's fonts: no 270 KB
script to download and run, and nothing moves after the page has been drawn.

A formula that KaTeX cannot parse fails the build, with the page and the formula.
The search index is untouched: MkDocs builds it from the Markdown's HTML before this
hook runs, so search still finds the TeX source.
"""

from __future__ import annotations

import atexit
import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
NODE_SCRIPT = Path(__file__).with_name("katex_render.cjs")

# What pymdownx.arithmatex writes (generic mode): the TeX is HTML-escaped.
ARITHMATEX = re.compile(r'(<(span|div) class="arithmatex">)(.*?)(</\2>)', re.DOTALL)
DELIMITED = re.compile(r"\A\s*\\([(\[])(.*)\\[)\]]\s*\Z", re.DOTALL)
# A notebook's Markdown cell, as nbconvert writes it: its Markdown holds no <div>.
NOTEBOOK_MARKDOWN = re.compile(r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.DOTALL)
TAG = re.compile(r"(<[^>]+>)")
DOLLARS = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.DOTALL)


class KatexError(ValueError):
    """KaTeX could not parse a formula."""


class Katex:
    """One Node process running KaTeX; each formula is typeset once per build process."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._done: dict[tuple[str, bool], str] = {}

    def render(self, tex: str, display: bool) -> str:
        key = (tex, display)
        if key not in self._done:
            self._done[key] = self._ask(tex, display)
        return self._done[key]

    def _ask(self, tex: str, display: bool) -> str:
        if self._process is None or self._process.poll() is not None:
            if not (ROOT / "node_modules" / "katex").is_dir():
                raise PluginError(f"KaTeX not found in {ROOT / 'node_modules'}: run `make install` (npm ci)")
            self._process = subprocess.Popen(
                ["node", str(NODE_SCRIPT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                text=True, encoding="utf-8", bufsize=1,
            )
        self._process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        self._process.stdin.flush()
        reply = json.loads(self._process.stdout.readline())
        if "error" in reply:
            raise KatexError(f"{tex!r}: {reply['error']}")
        return reply["html"]

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=10)
            self._process = None


KATEX = Katex()
atexit.register(KATEX.close)


def typeset_arithmatex(text: str) -> str:
    """Replace the TeX inside each arithmatex element with KaTeX's HTML."""

    def replace(match: re.Match) -> str:
        opening, _, source, closing = match.groups()
        delimited = DELIMITED.match(html.unescape(source))
        if delimited is None:
            return match.group(0)  # not math that arithmatex wrapped: leave it
        bracket, tex = delimited.groups()
        return opening + KATEX.render(tex.strip(), display=bracket == "[") + closing

    return ARITHMATEX.sub(replace, text)


def typeset_notebook_markdown(text: str) -> str:
    """Replace $…$ and $$…$$ in the text of a notebook's Markdown cells (not in code)."""

    def in_cell(match: re.Match) -> str:
        opening, body, closing = match.groups()
        parts, code = [], 0
        for part in TAG.split(body):
            if TAG.fullmatch(part):
                name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
                if name in ("code", "pre"):
                    code += -1 if part.startswith("</") else 1
            elif not code:
                part = DOLLARS.sub(formula, part)
            parts.append(part)
        return opening + "".join(parts) + closing

    def formula(match: re.Match) -> str:
        display = match.group(1) is not None
        tex = html.unescape(match.group(1) if display else match.group(2))
        return KATEX.render(tex.strip(), display=display)

    return NOTEBOOK_MARKDOWN.sub(in_cell, text)


def on_post_page(output: str, page, config) -> str:
    try:
        return typeset_notebook_markdown(typeset_arithmatex(output))
    except KatexError as error:
        raise PluginError(f"KaTeX cannot typeset a formula on {page.file.src_uri}: {error}") from None
