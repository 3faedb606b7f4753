"""Fixtures shared by the tests of the built site."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.docs_tools import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from site_builder import build_all  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once per test session with `mkdocs build --strict` for each language."""
    out = tmp_path_factory.mktemp("site")
    build_all(out)
    return out
