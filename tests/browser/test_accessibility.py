"""axe-core on every page of the built site, both languages: no violations (desktop in light
and dark mode, and a phone, where the theme hides and shows other things).

axe-core is installed from npm (package.json pins it) and injected into each page as
it is served (tests/browser/conftest.py), after the page has settled (scrolled through, so
that the theme has mounted every code block, and checked by zeronn-a11y.js);
``axe.run()`` runs with its default rules (WCAG 2.x A/AA and best practices).
The fixes live in overrides/ (zeronn-a11y.css, zeronn-a11y.js, partials/).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, NOT_FOUND, PHONE, SiteServer, Tab, page_params, source_pages
from tests.docs_tools import LANGUAGES, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VIEWS = {  # name -> (viewport, colour scheme)
    "desktop-light": (DESKTOP, "light"),
    "desktop-dark": (DESKTOP, "dark"),
    "phone-light": (PHONE, "light"),
}

# Violations that only an edit of the page itself can remove (overrides/ and hooks cannot):
# (lang, page) -> rule ids. Each is reported, and a warning says when it is gone.
NEEDS_A_PAGE_EDIT: dict[tuple[str, str], set[str]] = {}  # known violations that wait for a page edit: none

RUN_AXE = """async () => {
  const result = await axe.run(document);
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ')),
  }));
}"""


@pytest.fixture(scope="module")
def axe_tabs(browser, site_server: SiteServer):
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run `make install` (npm ci)", pytrace=False)
    tabs = {name: Tab(browser, site_server, viewport, scheme=scheme) for name, (viewport, scheme) in VIEWS.items()}
    yield tabs
    for tab in tabs.values():
        tab.close()


def violations(tab: Tab, url: str) -> list[dict]:
    tab.open(url)
    tab.page.add_script_tag(path=str(AXE))
    return tab.page.evaluate(RUN_AXE)


def describe(found: list[dict]) -> str:
    lines = []
    for v in found:
        nodes = ", ".join(v["nodes"][:5]) + (f" (+{len(v['nodes']) - 5})" if len(v["nodes"]) > 5 else "")
        lines.append(f"  {v['id']} [{v['impact']}] {v['help']}: {len(v['nodes'])} × {nodes}")
    return "\n".join(lines)


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize(("lang", "page"), page_params())
def test_axe_finds_no_violation(axe_tabs, site_server: SiteServer, lang: str, page: str, view: str):
    found = violations(axe_tabs[view], site_server.url(lang, page))
    known = NEEDS_A_PAGE_EDIT.get((lang, page), set())
    if known:
        gone = known - {v["id"] for v in found}
        if gone:
            warnings.warn(f"{lang}/{page}: {sorted(gone)} no longer found: remove it from NEEDS_A_PAGE_EDIT",
                          stacklevel=1)
    rest = [v for v in found if v["id"] not in known]
    assert not rest, f"axe-core on {lang}/{page} ({view}):\n{describe(rest)}"


def built_pages(site: Path) -> set[tuple[str, str]]:
    """(lang, page) of every index.html of the built site (and each language's 404 page)."""
    pages = set()
    for index in site.rglob("index.html"):
        path = index.parent.relative_to(site).as_posix()
        path = "" if path == "." else f"{path}/"
        lang = "en" if path == "en/" or path.startswith("en/") else "ja"
        pages.add((lang, path.removeprefix("en/") if lang == "en" else path))
    return pages | {(lang, NOT_FOUND) for lang in LANGUAGES}


def test_every_built_page_is_checked(site_server: SiteServer):
    checked = {(lang, page) for lang in LANGUAGES for page in source_pages(lang)}
    assert built_pages(site_server.site) == checked
