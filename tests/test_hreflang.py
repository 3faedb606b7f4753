"""The language versions of each page, as search engines are told about them.

Each language's sitemap.xml lists, for every page, the same page in every
language as absolute hreflang alternates (built from site_url), plus x-default,
the Japanese page (overrides/sitemap.xml). The pages' heads carry no
<link rel="alternate">: the theme's JavaScript takes every one of them for a
language's root and requests sitemap.xml next to it on each page load, which
for a same-page link is a file that does not exist (overrides/main.html).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.site_html import soup

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def roots(built_site: Path) -> dict[str, Path]:
    return {"ja": built_site, "en": built_site / "en"}


def sitemap(root: Path) -> dict[str, dict[str, str]]:
    """{page URL: {hreflang: href}} from one language's sitemap.xml."""
    entries = {}
    for url in ET.parse(root / "sitemap.xml").getroot().iterfind("s:url", NS):
        links = url.findall("xhtml:link[@rel='alternate']", NS)
        entries[url.find("s:loc", NS).text.strip()] = {link.get("hreflang"): link.get("href") for link in links}
    return entries


def site_urls(roots: dict[str, Path]) -> dict[str, str]:
    """Each language's root URL: site_url, as the canonical link of its home page gives it."""
    urls = {}
    for lang, root in roots.items():
        head = soup(root / "index.html").head
        urls[lang] = head.find("link", rel="canonical")["href"]
    return urls


def built_pages(root: Path) -> list[str]:
    """The pages of one language as paths below its root: "", "forward/", ... (no 404)."""
    pages = []
    for path in root.rglob("index.html"):
        parts = path.relative_to(root).parts[:-1]
        if not parts or parts[0] not in ("en", "assets", "search"):
            pages.append("".join(f"{part}/" for part in parts))
    return sorted(pages)


def file_of(url: str, urls: dict[str, str], roots: dict[str, Path]) -> Path | None:
    """The built file a URL of this site serves (the longest matching root wins)."""
    for lang in sorted(urls, key=lambda lang: -len(urls[lang])):
        if url.startswith(urls[lang]):
            return roots[lang] / url[len(urls[lang]):] / "index.html"
    return None


def test_every_page_lists_the_same_page_in_every_language(roots):
    urls = site_urls(roots)
    for lang, root in roots.items():
        entries = sitemap(root)
        pages = built_pages(root)
        assert sorted(entries) == sorted(urls[lang] + page for page in pages), f"{lang}: sitemap ≠ built pages"
        for page in pages:
            alternates = entries[urls[lang] + page]
            expected = {"ja": urls["ja"] + page, "en": urls["en"] + page, "x-default": urls["ja"] + page}
            assert alternates == expected, f"{lang}/{page}"
            for href in alternates.values():
                parts = urlsplit(href)
                assert parts.scheme in ("http", "https") and parts.netloc, f"{lang}/{page}: {href} is not absolute"
                target = file_of(href, urls, roots)
                assert target is not None and target.is_file(), f"{lang}/{page}: {href} is not built"


def test_no_head_has_an_alternate_link(roots):
    for root in roots.values():
        for page in [*(root / page / "index.html" for page in built_pages(root)), root / "404.html"]:
            head = soup(page).head
            alternates = [str(link) for link in head.find_all("link", rel="alternate")]
            assert not alternates, f"{page}: {alternates}"
