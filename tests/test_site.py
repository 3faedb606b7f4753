"""The built site: both languages complete, nothing leaked, nothing fetched from outside."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.site_html import parse, soup

FENCE = re.compile(r"(```|~~~)")


def html_pages(root: Path) -> set[Path]:
    """Pages of one language, relative to its root (the English tree is left out of the Japanese one)."""
    return {
        p.relative_to(root)
        for p in root.rglob("*.html")
        if not p.relative_to(root).parts[0] in ("en", "assets", "search")
    }


@pytest.fixture(scope="module")
def langs(built_site: Path) -> dict[str, Path]:
    return {"ja": built_site, "en": built_site / "en"}


def test_every_page_exists_in_both_languages(langs):
    ja, en = html_pages(langs["ja"]), html_pages(langs["en"])
    assert Path("index.html") in ja and Path("404.html") in ja
    assert ja == en


def test_each_language_has_its_own_sitemap_and_search_index(langs):
    for lang, root in langs.items():
        assert (root / "sitemap.xml").is_file()
        index = json.loads((root / "search" / "search_index.json").read_text("utf8"))
        assert index["config"]["lang"] == [lang]
        assert {doc["location"].split("#")[0] for doc in index["docs"]} >= {"", "forward/"}


def test_search_index_holds_only_its_own_language(langs):
    ja = json.loads((langs["ja"] / "search" / "search_index.json").read_text("utf8"))
    en = json.loads((langs["en"] / "search" / "search_index.json").read_text("utf8"))
    # The glossary names every term in both languages, on both sites: it is left out here.
    ja_text = " ".join(doc["title"] + doc["text"] for doc in ja["docs"] if not doc["location"].startswith("glossary/"))
    en_text = " ".join(doc["title"] + doc["text"] for doc in en["docs"] if not doc["location"].startswith("glossary/"))
    assert "順伝播" in ja_text and "順伝播" not in en_text
    assert "Forward propagation" in en_text and "Forward propagation" not in ja_text


def test_no_fence_leaked_into_the_text(langs):
    for root in langs.values():
        for page in html_pages(root):
            article = parse(root / page).find("article")  # its own copy: blocks are removed from it
            for block in article.find_all(["pre", "code"]):
                block.decompose()
            assert not FENCE.search(article.get_text()), f"a fence leaked into {root / page}"


def test_every_python_block_has_its_language_class_and_the_copy_button(langs):
    for root in langs.values():
        page = soup(root / "forward" / "index.html")
        assert len(page.select("div.language-python.highlight")) >= 5
        assert len(page.select("div.language-text.output")) >= 5
        config = json.loads(page.find(id="__config").string)
        assert "content.code.copy" in config["features"]


def test_math_is_typeset_at_build_time_with_katex_served_by_the_site(langs):
    """Every formula is KaTeX's HTML (with MathML) in the page itself: no TeX left, no script for it."""
    for root in langs.values():
        for name in html_pages(root):
            page = soup(root / name)
            for box in page.select(".arithmatex"):
                assert box.select_one(".katex > .katex-mathml math") and box.select_one(".katex-html"), (
                    f"{root / name}: untypeset math {box.get_text()[:60]!r}")
                beside = "".join(t for t in box.find_all(string=True) if not t.find_parent(class_="katex"))
                assert not beside.strip(), f"{root / name}: TeX left beside the formula: {beside[:60]!r}"
            scripts = [s["src"] for s in page.find_all("script", src=True)]
            assert not [src for src in scripts if "katex" in src], f"{root / name} loads KaTeX's script"
        forward = soup(root / "forward" / "index.html")
        assert len(forward.select(".arithmatex .katex")) >= 3
        styles = [link["href"] for link in forward.find_all("link", rel="stylesheet")]
        assert any(href.endswith("assets/katex/katex.min.css") for href in styles)
        assert (root / "assets" / "katex" / "katex.min.css").is_file()
        assert list((root / "assets" / "katex" / "fonts").glob("KaTeX_Main-Regular.woff2"))


EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)


def test_nothing_is_loaded_from_another_host(langs):
    for root in langs.values():
        for page in html_pages(root):
            html = soup(root / page)
            loads = [tag.get("src") for tag in html.find_all(["script", "img", "iframe"])]
            loads += [tag.get("href") for tag in html.find_all("link") if "stylesheet" in tag.get("rel", []) or tag.get("rel") == ["preconnect"]]
            outside = [url for url in loads if url and EXTERNAL.match(url)]
            assert not outside, f"{root / page} loads {outside}"
    css = (langs["ja"] / "assets" / "stylesheets").glob("*.css")
    for sheet in css:
        assert not re.search(r"url\((['\"]?)(https?:)?//", sheet.read_text("utf8")), sheet


def test_language_switch_leads_to_the_same_page(langs):
    for lang, root in langs.items():
        other = "en" if lang == "ja" else "ja"
        for page in html_pages(root):
            if page.name == "404.html":
                continue
            link = soup(root / page).select_one(f'a.md-select__link[hreflang="{other}"]')
            target = ((root / page).parent / link["href"]).resolve() / "index.html"
            assert target == (langs[other] / page).resolve(), f"{lang}/{page} → {link['href']}"


def test_headings_have_the_same_ids_in_both_languages(langs):
    for page in html_pages(langs["ja"]):
        ids = [
            [h.get("id") for h in soup(root / page).select("article h1, article h2, article h3")]
            for root in langs.values()
        ]
        assert ids[0] == ids[1], page


REPO = "https://github.com/zeronn/zeronn"


def _source_of(lang: str, page: Path) -> str:
    """The repository path that "edit this page" must open for a built page."""
    parts = page.parts[:-1]  # .../index.html
    if parts[:1] == ("notebooks",):
        return f"notebooks/{parts[1]}.py"  # a notebook page is generated from its source
    path = "/".join(parts)
    if path and (Path(__file__).resolve().parent.parent / "docs" / lang / path / "index.md").is_file():
        return f"docs/{lang}/{path}/index.md"  # a section's own page (reference/)
    return f"docs/{lang}/{path or 'index'}.md"


def test_every_page_links_the_repository_without_asking_github_for_anything(langs):
    for root in langs.values():
        for page in html_pages(root):
            source = soup(root / page).select("a.md-source")  # in the header, and in the drawer on phones
            assert source and {a["href"] for a in source} == {REPO}, page
            assert not soup(root / page).select('[data-md-component="source"]'), page  # would fetch stars


def test_edit_this_page_opens_the_pages_own_source(langs):
    root_dir = Path(__file__).resolve().parent.parent
    for lang, root in langs.items():
        for page in html_pages(root):
            if page.name == "404.html":
                continue
            edit = soup(root / page).select('a[rel="edit"]')
            source = _source_of(lang, page)
            assert [a["href"] for a in edit] == [f"{REPO}/edit/main/{source}"], page
            assert (root_dir / source).is_file(), source


def test_open_graph_metadata_in_the_pages_language(langs):
    for lang, root in langs.items():
        for page in html_pages(root):
            head = soup(root / page).head
            meta = {m.get("property") or m.get("name"): m.get("content") for m in head.find_all("meta")}
            assert meta["og:locale"] == {"ja": "ja_JP", "en": "en_US"}[lang], page
            assert meta["og:title"] and meta["og:description"] and meta["twitter:card"] == "summary", page
            if page.name != "404.html":
                assert meta["og:url"].startswith("https://zeronn.github.io/zeronn/"), page


def test_notebook_figures_follow_the_dark_theme(langs):
    css = (langs["ja"] / "assets" / "stylesheets" / "zeronn.css").read_text("utf8")
    rule = re.search(r'\[data-md-color-scheme="slate"\] \.jp-RenderedImage img \{([^}]*)\}', css)
    assert rule and "invert(" in rule.group(1)
    page = soup(langs["ja"] / "notebooks" / "training" / "index.html")
    assert page.select(".jp-RenderedImage img"), "the rule must match the notebook figures"
