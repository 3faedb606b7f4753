"""The cells of a course notebook, written once for both languages.

A notebook source (``notebooks/<name>.py``) is a list of cells:

- ``md(ja=..., en=...)``: a Markdown cell, in Japanese and in English. A link
  ``[text](/forward/)`` leads to that page of the same language on the site. A cell that
  starts with a heading gives it an ``id``; the built page uses it as the
  heading's anchor in both languages (hooks/notebooks.py), as ``{ #id }`` does on
  a Markdown page. Only the first line of a cell may be a heading.
- ``code(...)``: a code cell. ``code(src)`` is the same in both languages;
  ``code(ja=..., en=...)`` when comments or string literals differ (the code
  itself must not: tests/test_notebooks.py compares the two token by token).
  ``id`` names a cell that the tests look for ("parameters", ...).

Every cell gets a stable nbformat cell id, so the .ipynb files only change
when their text does.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ja", "en")
# The hosted site, mkdocs.yml's site_url (English lies under en/). A link written
# ``[text](/forward/)`` in a Markdown cell leads to that page of the notebook's own
# language there: it works in a downloaded notebook, and the site build turns it
# into a relative link (hooks/notebooks.py).
SITE = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf8"), re.MULTILINE).group(1)
LANGUAGE_ROOT = {"ja": SITE, "en": SITE + "en/"}
SITE_LINK = re.compile(r"\]\(/")
HEADING = re.compile(r"^#{1,6} ", re.MULTILINE)
CELL_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _clean(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


@dataclass(frozen=True)
class Cell:
    kind: str  # "markdown" or "code"
    text: dict[str, str]  # language -> source
    id: str | None = None


# HTML shows a line break inside a paragraph as a space. Japanese puts no space between
# Japanese characters nor next to 、。（）「」, so there a line break of the source is
# taken out; next to a Latin word or `code` it stays a space, as the pages write it.
_NO_SPACE_AFTER = set("、。，．：；？！）」』】〕")
_NO_SPACE_BEFORE = set("、。，．：；？！）」』】〕（「『【〔")
_BLOCK_START = re.compile(r"([-*+] |\d+\. |#|\$\$|>|\||```|!!!)")


def _joins(before: str, after: str) -> bool:
    a, b = before.rstrip("*_")[-1:], after.lstrip("*_")[:1]
    if not a or not b:
        return False
    return (not a.isascii() and not b.isascii()) or a in _NO_SPACE_AFTER or b in _NO_SPACE_BEFORE


def _join_japanese_lines(text: str) -> str:
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        prev, nxt = out[-1].rstrip(), line.lstrip()
        if prev and nxt and not _BLOCK_START.match(nxt) and not prev.endswith("$$") and _joins(prev, nxt):
            out[-1] = prev + nxt
        else:
            out.append(line)
    return "\n".join(out)


def md(*, ja: str, en: str, id: str | None = None) -> Cell:
    """A Markdown cell in both languages."""
    return Cell("markdown", {"ja": _join_japanese_lines(_clean(ja)), "en": _clean(en)}, id)


def code(source: str | None = None, *, ja: str | None = None, en: str | None = None, id: str | None = None) -> Cell:
    """A code cell: one source for both languages, or one per language."""
    if (source is None) == (ja is None and en is None) or (source is None and (ja is None or en is None)):
        raise ValueError("code() takes either one source, or both ja= and en=")
    text = {"ja": source, "en": source} if source is not None else {"ja": ja, "en": en}
    return Cell("code", {lang: _clean(src) for lang, src in text.items()}, id)


def _check(name: str, cells: list[Cell]) -> None:
    for index, cell in enumerate(cells):
        where = f"{name}, cell {index}"
        if cell.id is not None and not CELL_ID.match(cell.id):
            raise ValueError(f"{where}: cell id {cell.id!r} is not of the form a-z0-9-")
        if cell.kind == "markdown":
            for lang, text in cell.text.items():
                headings = HEADING.findall(text)
                if headings and not HEADING.match(text):
                    raise ValueError(f"{where} ({lang}): a heading must be the cell's first line")
                if len(headings) > 1:
                    raise ValueError(f"{where} ({lang}): one heading per cell")
            starts = {lang: bool(HEADING.match(text)) for lang, text in cell.text.items()}
            if len(set(starts.values())) != 1:
                raise ValueError(f"{where}: a heading in one language only")
            if starts["ja"] and cell.id is None:
                raise ValueError(f"{where}: a heading cell needs an id (its anchor in both languages)")
    ids = [cell.id for cell in cells if cell.id is not None]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{name}: two cells have the same id")


def to_notebook(name: str, cells: list[Cell], lang: str) -> nbformat.NotebookNode:
    """The notebook of one language, without outputs (the build and the tests execute it)."""
    _check(name, cells)
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
        "language_info": {"name": "python"},
    }
    for index, cell in enumerate(cells):
        cell_id = cell.id or f"{cell.kind[:2]}-{index:02d}"
        if cell.kind == "markdown":
            text = SITE_LINK.sub(lambda _: "](" + LANGUAGE_ROOT[lang], cell.text[lang])
            nb.cells.append(nbformat.v4.new_markdown_cell(text, id=cell_id))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(cell.text[lang], id=cell_id))
    nbformat.validate(nb)
    return nb
