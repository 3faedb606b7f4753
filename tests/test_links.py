"""Every internal link of the built site leads somewhere, and stays in its language.

`mkdocs build --strict` catches a link to a missing Markdown page; this looks at
what the reader gets: each ``<a href>`` and ``<img src>`` of every built page,
in both languages, resolved as the browser resolves it on the hosted site.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.site_html import soup

LANGS = ("ja", "en")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def site_url(lang_root: Path) -> str:
    """The URL of a language's root, as its sitemap gives it (the shortest URL listed)."""
    locs = ET.parse(lang_root / "sitemap.xml").getroot().iterfind("s:url/s:loc", SITEMAP_NS)
    return min((loc.text.strip() for loc in locs), key=len)


class Site:
    """The built site and the URLs it will have once hosted."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.urls = {"ja": site_url(root), "en": site_url(root / "en")}
        base = urlsplit(self.urls["ja"])
        self.host, self.prefix = base.netloc, base.path  # e.g. "zeronn.github.io", "/zeronn/"

    def pages(self, lang: str) -> list[Path]:
        top = self.root if lang == "ja" else self.root / "en"
        return sorted(
            p for p in top.rglob("*.html")
            if p.relative_to(top).parts[0] not in ("assets", "search") and (lang == "en" or p.relative_to(top).parts[0] != "en")
        )

    def url_of(self, path: Path) -> str:
        rel = path.relative_to(self.root).as_posix()
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return urljoin(self.urls["ja"], rel)

    def file_of(self, url: str) -> Path | None:
        """The built file that a URL of this site serves; None for another site."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            return None
        if not parts.path.startswith(self.prefix):
            return None
        target = self.root / unquote(parts.path[len(self.prefix):])
        if parts.path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target

    def lang_of(self, url: str) -> str:
        return "en" if urlsplit(url).path.startswith(urlsplit(self.urls["en"]).path) else "ja"

    @functools.cache
    def ids(self, target: Path) -> frozenset[str]:
        return frozenset(tag["id"] for tag in soup(target).find_all(id=True))


@pytest.fixture(scope="module")
def site(built_site: Path) -> Site:
    return Site(built_site)


def is_language_switch(tag) -> bool:
    """The header's switch, or the hidden list of the same links that it takes over after
    an instant navigation (overrides/main.html)."""
    if tag.name != "a" or not tag.has_attr("hreflang"):
        return False
    return "md-select__link" in tag.get("class", []) or tag.find_parent(attrs={"data-zeronn-languages": True}) is not None


@pytest.mark.parametrize("lang", LANGS)
def test_every_internal_link_and_anchor_exists(site: Site, lang: str):
    problems, checked = [], 0
    for page in site.pages(lang):
        page_url = site.url_of(page)
        for tag in soup(page).find_all(["a", "img"]):
            ref = tag.get("href") if tag.name == "a" else tag.get("src")
            if not ref or ref.startswith(("mailto:", "javascript:", "data:")):
                continue
            url = urljoin(page_url, ref)
            target = site.file_of(url)
            if target is None:
                continue  # another site
            checked += 1
            where = f"{page.relative_to(site.root)}: {tag.name} {ref!r}"
            if not target.is_file():
                problems.append(f"{where} → missing {target.relative_to(site.root)}")
                continue
            fragment = unquote(urlsplit(url).fragment)
            if fragment and target.suffix == ".html" and fragment not in site.ids(target):
                problems.append(f"{where} → no id {fragment!r} in {target.relative_to(site.root)}")
            if tag.name == "a" and not is_language_switch(tag) and target.suffix == ".html":
                if site.lang_of(url) != lang:
                    problems.append(f"{where} → leads into the {site.lang_of(url)} site")
    assert checked > 0, "no internal link found: the check itself is broken"
    assert not problems, "\n".join(problems)


def test_the_language_switch_is_the_only_way_across(site: Site):
    """Each page offers the switch to the other language, and it does lead there."""
    for lang in LANGS:
        other = "en" if lang == "ja" else "ja"
        for page in site.pages(lang):
            switch = soup(page).select_one(f'a.md-select__link[hreflang="{other}"]')
            assert switch is not None, f"{page.relative_to(site.root)} has no switch to {other}"
            url = urljoin(site.url_of(page), switch["href"])
            assert site.lang_of(url) == other, f"{page.relative_to(site.root)}: switch leads to {url}"
            if page.name == "404.html":
                continue  # its own content block; instant navigation never leads to it (not in the sitemap)
            header = {a["hreflang"]: a["href"] for a in soup(page).select("a.md-select__link[hreflang]")}
            hidden = {a["hreflang"]: a["href"] for a in soup(page).select("[data-zeronn-languages] a[hreflang]")}
            assert hidden == header, f"{page.relative_to(site.root)}: the list for instant navigation differs"


@pytest.mark.parametrize("lang", LANGS)
def test_the_404_page_speaks_its_language_and_leads_home(site: Site, lang: str):
    page = (site.root if lang == "ja" else site.root / "en") / "404.html"
    html = soup(page)
    assert html.html["lang"] == lang
    article = html.select_one("article")
    assert "404" in article.h1.get_text()
    homes = [urljoin(site.url_of(page), a["href"]) for a in article.find_all("a", href=True)]
    assert any(site.file_of(url) == site.file_of(site.urls[lang]) for url in homes), homes
