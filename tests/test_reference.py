"""The API reference (reference/ and its pages) documents the whole public API of zeronn, in both languages."""

from __future__ import annotations

import importlib
import re
import inspect
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import zeronn


def reference_pages(root: Path) -> list[Path]:
    pages = sorted((root / "reference").rglob("index.html"))
    assert len(pages) >= 2, f"no API reference pages under {root / 'reference'}"
    return pages


def reference_ids(root: Path) -> set[str]:
    """The ids of every reference page (an id is unique across them, as the links need)."""
    ids: list[str] = []
    for page in reference_pages(root):
        ids += [tag["id"] for tag in BeautifulSoup(page.read_text("utf8"), "html.parser").find_all(id=True)
                if tag["id"].startswith("zeronn.")]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicated, f"documented on two reference pages: {duplicated}"
    return set(ids)


def public_functions(module) -> list[str]:
    """A module's public names: its __all__, or what it defines without a leading underscore."""
    if hasattr(module, "__all__"):
        return list(module.__all__)
    return [
        name for name, value in vars(module).items()
        if not name.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == module.__name__
    ]


@pytest.fixture(scope="module")
def ids(built_site: Path) -> dict[str, set[str]]:
    return {"ja": reference_ids(built_site), "en": reference_ids(built_site / "en")}


def test_both_languages_document_the_same_objects(ids):
    assert {i for i in ids["ja"] if i.startswith("zeronn.")} == {i for i in ids["en"] if i.startswith("zeronn.")}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_name_zeronn_exports_is_documented(ids, lang):
    missing = [name for name in zeronn.__all__ if f"zeronn.{name}" not in ids[lang]]
    assert not missing, f"not in the API reference: {missing}"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_documented_module_is_documented_whole(ids, lang):
    """A module shown on the page (zeronn.functions, zeronn.init, ...) shows all its public functions."""
    modules = sorted(i for i in ids[lang] if i.count(".") == 1 and i.split(".")[1] not in zeronn.__all__)
    assert modules, "no module on the reference pages"
    missing = []
    for name in modules:
        module = importlib.import_module(name)
        missing += [f"{name}.{f}" for f in public_functions(module) if f"{name}.{f}" not in ids[lang]]
    assert not missing, f"not in the API reference: {missing}"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_docstrings_are_shown_as_written_to_be_read(built_site: Path, lang: str):
    """Examples appear as code (not as quoted text), Sphinx roles as the names they give."""
    root = built_site if lang == "ja" else built_site / "en"
    examples = 0
    for page in reference_pages(root):
        article = BeautifulSoup(page.read_text("utf8"), "html.parser").article
        examples += sum(">>>" in code.get_text() for code in article.select("pre code"))
        for block in article.find_all(["pre", "code"]):
            block.decompose()
        text = article.get_text()
        assert ">>>" not in text, f"{page}: a doctest example is shown as text"
        roles = sorted(set(re.findall(r":(?:class|func|meth|attr|mod):", text)))
        assert not roles, f"{page}: Sphinx roles shown as markup: {roles}"
    assert examples, "no doctest example shown as code"
