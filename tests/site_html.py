"""The built site's pages, each parsed once per test process and shared by the tests of the site.

Parsing is most of what those tests cost. A shared tree is for reading only: a test that
changes a page's tree (``decompose()``...) parses its own copy with :func:`parse`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf8"), "html.parser")


@lru_cache(maxsize=None)
def soup(path: Path) -> BeautifulSoup:
    """The page's tree, shared: do not change it."""
    return parse(path)
