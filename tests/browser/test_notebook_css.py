"""A notebook page links a stylesheet that keeps, of JupyterLab's, only the rules that can apply
to it (hooks/notebook_css.py). Every element of the page must look as it does with the whole
stylesheet, in both palettes: each element's computed style, and that of its ::before and
::after, with the page's stylesheet and then with the stylesheets that mkdocs-jupyter gave
(which the tests' build writes beside the site) in its place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, SiteServer

NOTEBOOKS = ["notebooks/activation/", "notebooks/forward/", "notebooks/backprop/", "notebooks/training/"]
PROPERTIES = [
    "display", "position", "float", "visibility", "opacity", "color", "background-color", "background-image",
    "font-family", "font-size", "font-style", "font-weight", "line-height", "white-space", "text-align",
    "text-decoration-line", "margin-top", "margin-right", "margin-bottom", "margin-left", "padding-top",
    "padding-right", "padding-bottom", "padding-left", "border-top-width", "border-top-style", "border-top-color",
    "border-left-width", "border-left-style", "border-left-color", "border-bottom-width", "border-bottom-color",
    "border-radius", "box-shadow", "overflow-x", "overflow-y", "max-width", "min-height", "filter", "content",
    "list-style-type", "cursor", "z-index", "flex-direction", "align-items", "vertical-align",
]
STYLES = """(properties) => [...document.querySelectorAll('article, article *')].map(element => {
  const describe = element.tagName.toLowerCase() + (element.className && typeof element.className === 'string'
    ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
  const styles = [null, '::before', '::after'].map(pseudo => {
    const style = getComputedStyle(element, pseudo);
    return properties.map(name => style.getPropertyValue(name)).join('|');
  });
  return [describe, ...styles];
})"""
SWAP = """(css) => {
  const link = document.querySelector('link[rel=stylesheet][href*="assets/notebooks/"]');
  const style = document.createElement('style');
  style.textContent = css;
  link.replaceWith(style);
}"""
SCHEME = "(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)"
# The theme eases colours in when the palette changes: a style read at once would be the old one.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.fixture(scope="module")
def unpruned(built_site: Path) -> Path:
    return built_site.parent / "notebook-css"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page", NOTEBOOKS)
def test_a_notebook_page_looks_the_same_with_the_whole_stylesheet(browser, site_server: SiteServer, unpruned: Path,
                                                                   lang: str, page: str):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    try:
        tab.goto(site_server.url(lang, page), wait_until="load")
        tab.add_style_tag(content=NO_TRANSITIONS)
        href = tab.evaluate("() => document.querySelector('link[rel=stylesheet][href*=\"assets/notebooks/\"]').href")
        whole = (unpruned / href.rsplit("/", 1)[1]).read_text("utf8")
        pruned = {}
        for scheme in ("default", "slate"):
            tab.evaluate(SCHEME, scheme)
            pruned[scheme] = tab.evaluate(STYLES, PROPERTIES)
        tab.evaluate(SWAP, whole)
        for scheme in ("default", "slate"):
            tab.evaluate(SCHEME, scheme)
            full = tab.evaluate(STYLES, PROPERTIES)
            assert len(full) == len(pruned[scheme]) > 100
            differ = []
            for mine, theirs in zip(pruned[scheme], full):
                for where, a, b in zip(("", "::before", "::after"), mine[1:], theirs[1:]):
                    if a != b:
                        changed = [f"{name}: {x!r} -> {y!r}" for name, x, y in zip(PROPERTIES, a.split("|"), b.split("|"))
                                   if x != y]
                        differ.append(f"{mine[0]}{where}: {'; '.join(changed)}")
            assert differ == [], f"{scheme}: {len(differ)} elements differ, e.g. {differ[:5]}"
    finally:
        context.close()
