"""Instant navigation (the theme's navigation.instant), as a reader uses it.

A link inside the site swaps in the next page without loading the document again, and
the header stays. What the header and the site's scripts hold about the page must follow
each swap: the language switch leads to the new page in the other language
(zeronn-languages.js), its boxes that scroll sideways take the keyboard's focus
(zeronn-a11y.js), and a notebook page brings its own stylesheets. Each page reached this
way must look, to these checks, as it does when loaded on its own.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import A11Y_DONE, DESKTOP, TWO_FRAMES, UNMARKED, SiteServer, sitemap_urls
from tests.docs_tools import LANGUAGES

# The footer's "next" link, followed from the last chapter: the notebooks (each with
# stylesheets of its own), a chapter, the glossary and the API reference.
START, STEPS = "beyond/", 8
STATE = f"""() => ({{
  stamp: window.zeronnStamp ?? null,
  languages: Object.fromEntries([...document.querySelectorAll('.md-select__link[hreflang]')]
    .map(link => [link.getAttribute('hreflang'), link.href])),
  headings: [...document.querySelectorAll('article [id]:is(h1, h2, h3, h4)')].map(h => h.id),
  stylesheets: [...new Set([...document.querySelectorAll('link[rel=stylesheet]')].map(link => link.href))].sort(),
  title: document.title,
  scrollingWithoutFocus: ({UNMARKED})(),
}})"""


def as_hosted(context, server: SiteServer) -> None:
    """Serve sitemap.xml as the host at the site's address would serve it.

    The theme navigates instantly only to the pages its sitemap lists. It reads each
    address there with this page's scheme and host name but keeps the sitemap's port
    (none, on the hosted site), so on a local server with a port no address matches
    and every link loads its page as usual. Here the sitemap names this server
    instead of the hosted address, as it does for the hosted site itself."""
    root = urlsplit(min(sitemap_urls(server.site), key=len))  # the hosted site's root
    hosted = f"{root.scheme}://{root.netloc}"

    def handle(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(hosted, server.base))

    context.route("**/sitemap.xml", handle)


def open_with_sitemap(page, url: str) -> None:
    """Load ``url``, then wait until the sitemap that the page requests has come in whole."""
    with page.expect_response(lambda response: response.url.endswith("/sitemap.xml")) as sitemap:
        page.goto(url, wait_until="load")
    sitemap.value.finished()


def settled_state(page) -> dict:
    """The page's state once every box near the screen is measured. The first Tab measures
    the rest (zeronn-a11y.js), as for a reader who uses the keyboard."""
    page.wait_for_function(A11Y_DONE, timeout=15_000)
    page.keyboard.press("Tab")
    # A stylesheet or a font that comes in after the Tab changes the boxes' widths, and
    # zeronn-a11y.js measures them again.
    page.wait_for_function("() => [...document.querySelectorAll('link[rel=stylesheet]')].every(link => link.sheet)")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.evaluate(TWO_FRAMES)
    page.wait_for_function(A11Y_DONE, timeout=15_000)
    return page.evaluate(STATE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_instant_navigation_brings_each_page_whole(browser, site_server: SiteServer, lang: str):
    other = next(x for x in LANGUAGES if x != lang)
    alone = browser.new_context(viewport=DESKTOP)
    context = browser.new_context(viewport=DESKTOP)
    as_hosted(context, site_server)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        # The theme navigates instantly once it has the sitemap, which is sent after the load.
        open_with_sitemap(page, site_server.url(lang, START))
        page.evaluate(TWO_FRAMES)
        page.evaluate("window.zeronnStamp = 1")  # gone if the browser loads a document again
        visited = []
        for _ in range(STEPS):
            link = page.locator("a.md-footer__link--next")
            _, target = site_server.page_of(link.evaluate("link => link.href"))
            # Marks of the page being left: the new page's scripts must set them again.
            page.evaluate("""() => {
              document.documentElement.removeAttribute('data-zeronn-a11y');
              document.querySelector('article').dataset.zeronnLeft = '';
            }""")
            link.click()
            page.wait_for_function("url => location.href === url", arg=site_server.url(lang, target))
            # The address changes before the theme swaps the page in: wait for the new article,
            # and for the scripts that the swap wakes, so that no mark of the page left counts.
            page.wait_for_function("() => !document.querySelector('article[data-zeronn-left]')")
            page.evaluate(TWO_FRAMES)
            visited.append(target)
            state = settled_state(page)

            reference = alone.new_page()
            reference.goto(site_server.url(lang, target), wait_until="load")
            expected = settled_state(reference)
            reference.close()

            assert state["stamp"] == 1, f"{target}: the browser loaded the page instead"
            assert state["languages"][other] == site_server.url(other, target)
            assert state["languages"][lang] == site_server.url(lang, target)
            for key in ("headings", "stylesheets", "title"):
                assert state[key] == expected[key], f"{target}: {key}"
            assert state["scrollingWithoutFocus"] == 0, f"{target}: a box scrolls without keyboard access"

        # The switch, followed, lands on the last page in the other language.
        page.hover(".md-header__option .md-select")
        with page.expect_navigation(wait_until="load"):
            page.locator(f'a.md-select__link[hreflang="{other}"]').click()
        assert site_server.page_of(page.url) == (other, visited[-1])
        assert {"notebooks/training/", "glossary/", "reference/"} <= set(visited)
        assert errors == []
    finally:
        # The sitemap of the last page loaded may still be on its way through the route.
        context.unroute_all(behavior="ignoreErrors")
        context.close()
        alone.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_sitemap_is_fetched_after_the_page_has_loaded(browser, site_server: SiteServer, lang: str):
    """The theme asks for the sitemap as it starts; zeronn-requests.js sends that request
    when the page has loaded, so that it does not compete with the page while it loads."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        open_with_sitemap(page, site_server.url(lang, "forward/"))
        times = page.evaluate("""() => ({
          load: performance.getEntriesByType("navigation")[0].loadEventStart,
          sitemap: performance.getEntriesByType("resource").filter(r => r.name.endsWith("/sitemap.xml")).map(r => r.startTime),
        })""")
        assert len(times["sitemap"]) == 1, times
        assert times["sitemap"][0] >= times["load"], f"the sitemap was requested before the load: {times}"
    finally:
        context.close()
