"""The search box of each language finds that language's pages, and only those."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import DESKTOP, SiteServer, Tab

# (language, word typed, pages of which at least one must be among the results, or None
# for "whatever page", in which case the page named by `when` must not exist yet).
SEARCHES = [
    ("ja", "順伝播", {"forward/"}),
    ("ja", "全結合層", {"", "forward/"}),
    ("ja", "活性化関数", {"activation/"}),
    ("en", "forward", {"forward/"}),
    ("en", "affine", {"forward/"}),
    ("en", "sigmoid", {"activation/"}),
]


@pytest.fixture(scope="module")
def search_tab(browser, site_server: SiteServer):
    tab = Tab(browser, site_server, DESKTOP)
    yield tab
    tab.close()


def search(tab: Tab, server: SiteServer, lang: str, word: str) -> list[str]:
    """Type ``word`` into the search box of the ``lang`` home page; return the result URLs."""
    tab.open(server.url(lang, ""))
    box = tab.page.locator("input.md-search__input")
    box.click()  # at 1280 px the box itself, not the search icon, opens the search
    box.fill(word)
    box.press("End")  # fill() alone starts no search
    try:
        tab.page.wait_for_selector("li.md-search-result__item a.md-search-result__link", timeout=10_000)
    except Exception:  # noqa: BLE001 - an empty list is reported by the test
        return []
    return tab.page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")


@pytest.mark.parametrize(("lang", "word", "wanted"), SEARCHES, ids=[f"{s[0]}-{s[1]}" for s in SEARCHES])
def test_search_finds_the_page_in_its_own_language(search_tab, site_server, lang, word, wanted):
    built = {page for page in wanted if (site_server.site / (page if lang == "ja" else f"en/{page}") / "index.html").is_file()}
    urls = search(search_tab, site_server, lang, word)
    assert urls, f"searching {word!r} on the {lang} site found nothing"
    found = [site_server.page_of(url) for url in urls]
    assert None not in found, f"results outside the site: {urls}"
    languages = {page_lang for page_lang, _ in found}
    assert languages == {lang}, f"searching {word!r} on the {lang} site found pages in {languages}: {urls}"
    pages = {urlsplit(page).path for _, page in found}
    if built:
        assert pages & built, f"searching {word!r} found {sorted(pages)}, none of {sorted(built)}"
    else:
        # The page this word belongs to is not written yet: a page of this language is enough.
        assert pages
    assert not search_tab.errors, search_tab.errors
