"""Fixtures shared by the tests of the built site.

The site is built once per test session, however many pytest-xdist workers run it
(pytest-xdist's recipe for a session fixture: a file lock in a directory that all the
workers share). The tests of the built site run last, so that while one worker builds
the site the other goes on with every other test.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from tests.docs_tools import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from site_builder import build_all  # noqa: E402


def _uses_site(item: pytest.Item) -> bool:
    return "built_site" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)  # after the other hooks have ordered and filtered the items
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A stable sort, the same on every worker (pytest-xdist requires one order).
    items.sort(key=_uses_site)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once per test session with `mkdocs build --strict` for each language."""
    shared = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        shared = shared.parent  # a worker's base is <session dir>/popen-gwN
    out = shared / "site"
    with FileLock(str(shared / "site.lock")):
        if not (out / ".built").is_file():  # build_all writes .built last
            build_all(out)
    return out
