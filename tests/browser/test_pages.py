"""Every page of the built site, in both languages, as a reader's browser shows it."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import (
    NOT_FOUND,
    PHONE,
    SCREENSHOT_PAGES,
    SCREENSHOTS,
    TAKEN,
    is_course_python,
    page_params,
    screenshot_name,
    sitemap_paths,
    source_pages,
)
from tests.docs_tools import LANGUAGES

PAGES = page_params()

# TeX that KaTeX should have turned into math: a reader must never see it as text.
RAW_TEX = re.compile(
    r"\$\$|\\\(|\\\)|\\\[|\\\]|\\begin\{|\\end\{"
    r"|\\(frac|dfrac|cdot|sum|sqrt|partial|text|mathbf|mathcal|left|right|times|top)\b"
    r"|\$[^\s$][^$\n]*\$"
)


def test_every_built_page_is_checked(site_server):
    """The pages checked below are exactly the pages of the built site (its sitemaps, plus 404)."""
    for lang in LANGUAGES:
        root = site_server.roots[lang]
        site_dir = site_server.site if lang == "ja" else site_server.site / "en"
        built = {path[len(root):] for path in sitemap_paths(site_dir)} | {NOT_FOUND}
        assert built == set(source_pages(lang)), lang


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_page_loads_cleanly(desktop_visits, phone_visits, lang, page):
    """No console error, no failed request, nothing fetched from another host."""
    for visits in (desktop_visits, phone_visits):
        visit = visits[lang, page]
        assert not visit.errors, f"console errors: {visit.errors}"
        assert not visit.failed, f"failed requests: {visit.failed}"
        assert not visit.outside, f"requests to another host: {visit.outside}"
        assert visit.data["lang"] == lang


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_every_formula_is_rendered(desktop_visits, lang, page):
    data = desktop_visits[lang, page].data
    assert not data["unrendered"], f"{len(data['unrendered'])} of {data['math']} formulas not rendered"
    assert not data["katex_errors"], f"KaTeX could not render: {data['katex_errors']}"
    raw = sorted({m.group(0) for m in RAW_TEX.finditer(data["prose"])})
    assert not raw, f"TeX shown as text: {raw}"


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_language_switch_keeps_the_page(desktop_visits, site_server, lang, page):
    visit = desktop_visits[lang, page]
    other = next(x for x in LANGUAGES if x != lang)
    assert visit.switch_error is None, visit.switch_error
    # A 404 page has no counterpart to keep: its switch leads to the other language's home.
    expected = site_server.roots[other] + ("" if page == NOT_FOUND else page)
    assert visit.switch_path == expected
    assert visit.switch_lang == other


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_nothing_is_wider_than_a_phone(phone_visits, lang, page):
    width = phone_visits[lang, page].data["scroll_width"]
    assert width <= PHONE["width"], f"the page is {width} px wide on a {PHONE['width']} px screen"


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_every_code_block_has_a_copy_button(desktop_visits, lang, page):
    blocks = desktop_visits[lang, page].data["blocks"]
    missing = [b["classes"] for b in blocks if not b["button"] or b["copied"] is None]
    assert not missing, f"{len(missing)} of {len(blocks)} code blocks cannot be copied: {missing}"


@pytest.mark.parametrize(("lang", "page"), PAGES)
def test_copied_python_runs(desktop_visits, python_block_runs, lang, page):
    """What the copy button of each Python block copies runs as it stands, in a fresh namespace."""
    blocks = desktop_visits[lang, page].data["blocks"]
    runs = python_block_runs[lang, page]
    assert len(runs) == sum(1 for b in blocks if is_course_python(b))
    failures = [f"block {r['index']}:\n{blocks[r['index']]['copied']}\n{r['stderr']}" for r in runs if r["status"]]
    assert not failures, "\n\n".join(failures)


def test_the_forward_page_has_python_to_copy(desktop_visits):
    """The copy check above must have something to check on the page that has the most code."""
    for lang in LANGUAGES:
        blocks = desktop_visits[lang, "forward/"].data["blocks"]
        assert sum(1 for b in blocks if is_course_python(b) and b["copied"]) >= 5


def test_screenshots_were_taken(desktop_visits, phone_visits):
    """The forward page in both languages, at both widths, light and dark, in test-artifacts/."""
    for page in SCREENSHOT_PAGES:
        for lang in LANGUAGES:
            for width in (1280, PHONE["width"]):
                for scheme in ("light", "dark"):
                    shot = screenshot_name(lang, page, width, scheme)
                    assert TAKEN.get(shot, 0) > 10_000, f"{shot} was not taken"
                    assert shot.parent == SCREENSHOTS
