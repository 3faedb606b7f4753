"""The language switch, clicked back and forth on every page as a reader clicks it.

Each page is opened in Japanese and its switch clicked three times (ja → en →
ja → en), each click once the page has fetched everything it fetches by itself,
as for a reader who reads a little before clicking. Every click must land on
the same page in the other language: the same path below the language's root
and the same heading ids. Only the 404 page, which has no counterpart, leads to
the other language's home page.

The theme's JavaScript can take such clicks over (see overrides/partials/alternate.html),
and whether it does depends on what the browser has fetched and cached, so this
runs twice: on a cold cache (a new browser context for each page) and on a warm
one (one context that has loaded every page of both languages before).
"""

from __future__ import annotations

import time

import pytest

from tests.browser.conftest import DESKTOP, NOT_FOUND, SiteServer, source_pages
from tests.docs_tools import LANGUAGES

CLICKS = ("en", "ja", "en")  # starting on the Japanese page
PAGES = source_pages("ja")  # the same paths as in English: tests/test_site.py checks it

HEADING_IDS = """() => [...document.querySelectorAll(
    'article h1[id], article h2[id], article h3[id], article h4[id], article h5[id], article h6[id]'
  )].map(h => h.id)"""


class Reader:
    """One browser page, and what it is still fetching.

    Waiting for the requests in flight to end, rather than for Playwright's
    "networkidle" (half a second without any), keeps this test at a fraction of
    the time while still letting the page's own scripts fetch what they fetch
    on load before each click.
    """

    def __init__(self, context) -> None:
        self.page = context.new_page()
        self.page.set_default_timeout(15_000)
        self.pending: set = set()
        self.page.on("request", lambda request: self.pending.add(request))
        self.page.on("requestfinished", lambda request: self.pending.discard(request))
        self.page.on("requestfailed", lambda request: self.pending.discard(request))

    def settle(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.pending and time.monotonic() < deadline:
            self.page.wait_for_timeout(20)  # lets Playwright deliver the events meanwhile

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load")
        self.settle()

    def switch_to(self, lang: str) -> None:
        """Open the language menu and pick ``lang``, as a reader does."""
        self.page.hover(".md-header__option .md-select")
        with self.page.expect_navigation(wait_until="load"):
            self.page.locator(f'a.md-select__link[hreflang="{lang}"]').click()
        self.settle()

    def heading_ids(self) -> set[str]:
        return set(self.page.evaluate(HEADING_IDS))

    def close(self) -> None:
        self.page.close()


def walk(reader: Reader, server: SiteServer, start: str) -> list[str]:
    """Click through CLICKS from the Japanese ``start``; what went wrong, one line a click."""
    reader.open(server.url("ja", start))
    here, ids = ("ja", start), reader.heading_ids()
    problems = []
    for lang in CLICKS:
        reader.switch_to(lang)
        landed, landed_ids = server.page_of(reader.page.url), reader.heading_ids()
        expected = (lang, "" if here[1] == NOT_FOUND else here[1])
        if landed != expected:
            problems.append(f"{here} → {landed or reader.page.url}, expected {expected}")
        elif here[1] != NOT_FOUND and landed_ids != ids:
            problems.append(f"{here} → {landed}: heading ids differ: {sorted(ids ^ landed_ids)}")
        here, ids = landed or ("?", reader.page.url), landed_ids
    return problems


@pytest.fixture(scope="module")
def warm_context(browser, site_server: SiteServer):
    """A browser context that has loaded every page of both languages once."""
    context = browser.new_context(viewport=DESKTOP)
    reader = Reader(context)
    for lang in LANGUAGES:
        for path in source_pages(lang):
            reader.open(site_server.url(lang, path))
    reader.close()
    yield context
    context.close()


@pytest.mark.parametrize("start", PAGES, ids=[f"ja/{p}" for p in PAGES])
def test_switch_keeps_the_page_on_a_cold_cache(browser, site_server, start):
    context = browser.new_context(viewport=DESKTOP)
    try:
        problems = walk(Reader(context), site_server, start)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("start", PAGES, ids=[f"ja/{p}" for p in PAGES])
def test_switch_keeps_the_page_on_a_warm_cache(warm_context, site_server, start):
    reader = Reader(warm_context)
    try:
        problems = walk(reader, site_server, start)
    finally:
        reader.close()
    assert not problems, "\n".join(problems)
