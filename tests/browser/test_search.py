"""The search box of each language finds that language's pages, and only those; and every
term of the glossary (glossary.yml), searched in its own language, finds the chapter that
introduces it among the first three pages of results. The search index is fetched when the
reader opens the search, not with every page (assets/javascripts/zeronn-requests.js)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
import yaml

from tests.browser.conftest import DESKTOP, SiteServer, Tab
from tests.docs_tools import LANGUAGES, ROOT

GLOSSARY_TERMS = yaml.safe_load((ROOT / "glossary.yml").read_text("utf8"))["terms"]
TOP = 3  # pages (a page's sections count as the page)

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


# ------------------------------------------------------------------ the glossary


class SearchBox:
    """The search of one language's home page, opened once; each query replaces the last."""

    def __init__(self, tab: Tab, server: SiteServer, lang: str) -> None:
        self.tab, self.server, self.lang = tab, server, lang
        tab.open(server.url(lang, ""))
        self.box = tab.page.locator("input.md-search__input")
        self.box.click()
        config = json.loads(tab.page.locator("#__config").text_content())
        self.placeholder = config["translations"]["search.result.placeholder"]

    def _meta_is(self, equal: bool) -> None:
        self.tab.page.wait_for_function(
            """([text, equal]) => {
                const meta = document.querySelector('.md-search-result__meta');
                return meta && (meta.textContent.trim() === text) === equal;
            }""",
            arg=[self.placeholder, equal],
            timeout=15_000,
        )

    def pages(self, word: str) -> list[str]:
        """The pages of the results for ``word``, in order, each once (paths below the language root)."""
        self.tab.reset()
        self.box.fill("")
        self._meta_is(True)  # the list is empty again: what comes next answers this query
        self.box.fill(word)
        self.box.press("End")  # fill() alone starts no search
        self._meta_is(False)
        urls = self.tab.page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
        found = [self.server.page_of(url) for url in urls]
        assert None not in found, f"results outside the site: {urls}"
        assert {lang for lang, _ in found} <= {self.lang}, f"{word!r} found pages of another language: {urls}"
        return list(dict.fromkeys(urlsplit(page).path for _, page in found))


@pytest.fixture(scope="module")
def search_boxes(browser, site_server: SiteServer):
    tabs = {lang: Tab(browser, site_server, DESKTOP) for lang in LANGUAGES}
    try:
        yield {lang: SearchBox(tabs[lang], site_server, lang) for lang in LANGUAGES}
    finally:
        for tab in tabs.values():
            tab.close()


def chapter_page(chapter: str) -> str:
    """``perceptron.md#how-it-works`` -> ``perceptron/``, the page's path below its language root."""
    source = chapter.partition("#")[0].removesuffix(".md")
    return "" if source == "index" else f"{source}/"


@pytest.mark.parametrize(
    ("lang", "term"),
    [(lang, term) for lang in LANGUAGES for term in GLOSSARY_TERMS],
    ids=[f"{lang}-{term[lang]}" for lang in LANGUAGES for term in GLOSSARY_TERMS],
)
def test_a_glossary_term_finds_the_chapter_that_introduces_it(search_boxes, lang, term):
    word, wanted = term[lang], chapter_page(term["chapter"])
    box = search_boxes[lang]
    pages = box.pages(word)
    assert wanted in pages[:TOP], (
        f"searching {word!r} on the {lang} site: {wanted} (which introduces it) is "
        f"{'result ' + str(pages.index(wanted) + 1) if wanted in pages else 'not among the results'}; "
        f"the first pages: {pages[:5]}"
    )
    assert not box.tab.errors, box.tab.errors


# ------------------------------------------------------------------ when the index is fetched

INDEX = "search/search_index.json"
WORD = {"ja": "ソフトマックス", "en": "softmax"}  # in both loss chapters


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_is_fetched_when_the_search_opens_not_with_the_page(browser, site_server, lang):
    tab = Tab(browser, site_server, DESKTOP)
    fetched = []
    tab.page.on("request", lambda request: request.url.endswith(INDEX) and fetched.append(request.url))
    try:
        tab.open(site_server.url(lang, "glossary/"))  # loaded, scrolled through, the site's scripts done
        tab.page.wait_for_timeout(1_000)
        assert fetched == [], "the page fetched the search index before the search was opened"
        # The theme's shortcut opens the search without the pointer: only the switch says so.
        tab.page.keyboard.press("/")
        box = tab.page.locator("input.md-search__input")
        box.fill(WORD[lang])
        box.press("End")
        tab.page.wait_for_selector("li.md-search-result__item a.md-search-result__link", timeout=15_000)
        assert fetched == [site_server.url(lang, INDEX)]
        assert not tab.errors, tab.errors
    finally:
        tab.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_opened_from_a_search_result_highlights_the_words(browser, site_server, lang):
    """A result's link carries the words (?h=); the page marks them, which needs the index."""
    tab = Tab(browser, site_server, DESKTOP)
    word = WORD[lang]
    try:
        tab.page.goto(f"{site_server.url(lang, 'loss/')}?h={word}", wait_until="load")
        marks = tab.page.locator("article mark[data-md-highlight]")
        marks.first.wait_for(timeout=15_000)
        assert word.lower() in marks.first.text_content().lower()
        assert not tab.errors, tab.errors
    finally:
        tab.close()
