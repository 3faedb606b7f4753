"""The notebook pages of the built site: executed, rendered as HTML in their own language,
free of error output and of MathJax, and offering their own language's .ipynb for download."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from notebooks import NOTEBOOKS
from notebooks.cells import SITE
from tests.docs_tools import DOCS, LANGUAGES
from tests.site_html import parse, soup

PLOTS = {"activation": 1, "forward": 1, "backprop": 1, "training": 3}  # cells that draw a figure


@pytest.fixture(scope="module")
def roots(built_site: Path) -> dict[str, Path]:
    return {"ja": built_site, "en": built_site / "en"}


def page(roots: dict[str, Path], lang: str, name: str) -> Path:
    return roots[lang] / "notebooks" / name / "index.html"


def source(lang: str, name: str) -> dict:
    return json.loads((DOCS / lang / "notebooks" / f"{name}.ipynb").read_text("utf8"))


def cell_text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


PAGES = [pytest.param(lang, name, id=f"{lang}/{name}") for lang in LANGUAGES for name in NOTEBOOKS]


@pytest.mark.parametrize(("lang", "name"), PAGES)
def test_page_is_the_rendered_notebook_in_its_language(roots, lang, name):
    path = page(roots, lang, name)
    assert path.is_file()
    text = path.read_text("utf8")
    assert text.lstrip().lower().startswith("<!doctype html>")
    html = soup(path)
    assert html.html["lang"] == lang
    article = html.select_one("article")
    assert article.select_one(".jupyter-wrapper .jp-Notebook"), "not rendered by mkdocs-jupyter"
    assert '"nbformat"' not in article.get_text() and '"cell_type"' not in article.get_text(), "raw notebook JSON"
    nb = source(lang, name)
    # Every cell, in order, with its cell id (mkdocs-jupyter wraps each code cell in a second .jp-CodeCell).
    shown = [(div["id"].removeprefix("cell-id="), "code" if "jp-CodeCell" in div["class"] else "markdown")
             for div in article.select('.jp-Cell[id^="cell-id="]')]
    assert shown == [(c["id"], c["cell_type"]) for c in nb["cells"]]
    # The title: the notebook's H1, in the page, its <title> and the nav.
    h1 = cell_text(nb["cells"][0]).splitlines()[0].removeprefix("# ")
    assert article.find("h1").get_text().replace("¶", "").strip() == h1
    assert html.title.get_text().startswith(h1)
    assert html.select_one(".md-nav__link--active").get_text(strip=True) == h1


@pytest.mark.parametrize(("lang", "name"), PAGES)
def test_page_shows_the_outputs_of_its_execution(roots, lang, name):
    article = soup(page(roots, lang, name)).select_one("article")
    outputs = article.select(".jp-OutputArea-output")
    assert outputs, "the notebook was not executed"
    texts = article.select('.jp-OutputArea-output[data-mime-type="text/plain"]')
    assert texts and all(t.get_text().strip() for t in texts)
    images = article.select('.jp-OutputArea-output img[src^="data:image/png;base64,"]')
    assert len(images) == PLOTS[name]
    prompts = [p.get_text().strip() for p in article.select(".jp-CodeCell .jp-InputPrompt")]
    assert prompts and all(re.fullmatch(r"In\s*\[\d+\]:", p) for p in prompts), "a cell was not run"


@pytest.mark.parametrize(("lang", "name"), PAGES)
def test_page_has_no_error_output(roots, lang, name):
    article = soup(page(roots, lang, name)).select_one("article")
    assert not article.select('[data-mime-type="application/vnd.jupyter.stderr"]'), "stderr or a traceback"
    assert not article.select(".jp-OutputArea-output.jp-mod-error, .ansi-red-fg")
    assert "Traceback" not in article.get_text()
    assert "Warning" not in " ".join(o.get_text() for o in article.select(".jp-OutputArea-output"))


@pytest.mark.parametrize(("lang", "name"), PAGES)
def test_page_loads_no_mathjax_and_nothing_from_outside(roots, lang, name):
    html = parse(page(roots, lang, name))  # its own copy: the formulas are taken out below
    for script in html.find_all("script"):
        text = (script.get("src") or "") + " " + (script.get("type") or "") + " " + script.get_text()
        assert "mathjax" not in text.lower(), "nbconvert's MathJax is still there"
        assert not re.search(r"(https?:)?//[\w.-]+\.\w+/", script.get("src") or ""), script.get("src")
        assert not re.search(r"import\(\s*['\"]https?:", script.get_text()), "a script imports from another host"
    assert not html.find("script", src="")
    for link in html.find_all("link", rel="stylesheet"):
        assert not re.match(r"(https?:)?//", link["href"]), link["href"]
    # The site's own KaTeX typesets the Markdown cells' math at build time: no $ is left.
    cells = html.select(".jp-RenderedMarkdown")
    assert any(cell.select_one(".katex .katex-mathml math") for cell in cells), "no typeset math"
    for cell in cells:
        for formula in cell.select(".katex"):
            formula.decompose()
        for code in cell.select("code, pre"):
            code.decompose()
        assert "$" not in cell.get_text(), f"untypeset math: {cell.get_text()[:80]!r}"


@pytest.mark.parametrize(("lang", "name"), PAGES)
def test_page_links_the_download_of_its_own_notebook(roots, lang, name):
    path = page(roots, lang, name)
    link = soup(path).select_one("a.md-content__button[download]")
    assert link is not None, "no download button"
    assert link["href"] == f"{name}.ipynb"
    assert link["title"] == ("このノートブックをダウンロード" if lang == "ja" else "Download this notebook")
    target = path.parent / link["href"]
    assert target.is_file()
    assert json.loads(target.read_text("utf8")) == source(lang, name)  # its own language's, without outputs


@pytest.mark.parametrize(("lang", "name"), PAGES)
def test_headings_links_and_styles_fit_the_site(roots, lang, name):
    path = page(roots, lang, name)
    html = soup(path)
    article = html.select_one("article")
    ids = [h["id"] for h in article.select(".jp-MarkdownCell :is(h1, h2, h3)")]
    expected = [c["id"] for c in source(lang, name)["cells"] if c["cell_type"] == "markdown" and cell_text(c).startswith("#")]
    assert ids == expected, "heading anchors are the cells' ids, the same in both languages"
    toc = [a["href"] for a in html.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc and all(href[1:] in ids for href in toc)
    for a in article.select(".jp-MarkdownCell a[href]"):
        assert not a["href"].startswith(SITE), f"a link left to the hosted site: {a['href']}"
        if not a["href"].startswith("#"):
            target, _, anchor = a["href"].partition("#")
            linked = (path.parent / target / "index.html").resolve()
            assert linked.is_file(), a["href"]
            assert not anchor or soup(linked).find(id=anchor), f"{a['href']}: no such anchor"
    shared = [link["href"] for link in html.find_all("link", rel="stylesheet") if "assets/notebooks/" in link["href"]]
    assert shared and all((path.parent / href).resolve().is_file() for href in shared)
    assert sum(len(s.get_text()) for s in html.find_all("style")) < 50_000, "JupyterLab's CSS is inline again"
