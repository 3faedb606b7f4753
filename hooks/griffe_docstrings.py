"""Docstring conventions the API reference needs help with.

- ``Example:`` is read as the examples section. zeronn's docstrings follow the
  Google style, where ``Example:`` and ``Examples:`` are the same section; the
  reference generator only knows the plural and would show the singular as a
  note whose ``>>>`` lines become nested quotes.
- Sphinx roles such as ``:class:`Name``` and ``:func:`name``` are shown as the
  code they name, instead of the role's markup.

Both are rewritten before a docstring is parsed.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

SINGULAR = re.compile(r"^(\s*)Example:\s*$", re.MULTILINE)
ROLE = re.compile(r":(?:class|func|meth|attr|mod|data|obj|exc):`(~?)([^`]+)`")


def _code(match: re.Match) -> str:
    short, name = match.groups()  # ":class:`~a.B`" shows "B", as Sphinx does
    return f"`{name.rsplit('.', 1)[-1] if short else name}`"


class DocstringConventions(Extension):
    def on_object(self, *, obj: Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            text = SINGULAR.sub(r"\1Examples:", obj.docstring.value)
            obj.docstring.value = ROLE.sub(_code, text)
