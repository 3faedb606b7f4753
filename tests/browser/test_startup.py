"""The theme's start, at the end of the body, restyles nothing of the page, and adds no block.

When it starts, the theme's script sets classes on <html> ("js" for "no-js", the
focus-visible polyfill's class) and makes every relative address absolute, the
stylesheets' too. Done once the content exists, each of these made the browser style
the whole page again: a change to <html>'s class attribute restyles everything below it,
and a stylesheet whose address is written anew is applied again. The head of every page
(overrides/main.html, block extrahead) makes both changes before the content exists,
so that the theme finds nothing left to change.

The theme also wraps each table in a scroll box. A block that a script adds is laid out whole
in its first frame, even far below the screen: each table has a block of its own from the
start (hooks/tables.py), and the scroll box lies inside it.

A MutationObserver, installed before the page's first script, records every change of
<html>'s class and of a <link>'s address, and whether the body existed then (the
observer reports right after the script that made the change, before the parser goes on).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import A11Y_DONE, PHONE, SiteServer

RECORD = """window.zeronnChanges = [];
new MutationObserver(records => records.forEach(record => {
  const now = record.target.getAttribute(record.attributeName);
  if (now !== record.oldValue) window.zeronnChanges.push({
    element: record.target.tagName.toLowerCase(), attribute: record.attributeName,
    from: record.oldValue, to: now, body: document.body !== null,
  });
})).observe(document, {subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["class", "href"]});"""
# What counts: <html>'s classes, and the addresses of the <link>s in the head.
WATCHED = """() => window.zeronnChanges.filter(change => change.element === 'html' || change.element === 'link')"""


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page", ["", "loss/", "notebooks/training/", "reference/layers/"])
def test_the_theme_changes_no_class_of_html_and_no_stylesheet_address_after_the_content(
        browser, site_server: SiteServer, lang: str, page: str):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.add_init_script(RECORD)
    try:
        tab.goto(site_server.url(lang, page), wait_until="load")
        tab.wait_for_function(A11Y_DONE)  # the site's scripts, after the theme's, have run
        changes = tab.evaluate(WATCHED)
        classes = tab.evaluate("() => [...document.documentElement.classList]")
        stylesheets = tab.evaluate("() => [...document.querySelectorAll('link[rel=stylesheet]')]"
                                   ".map(link => link.getAttribute('href'))")
    finally:
        context.close()
    assert {"js", "js-focus-visible"} <= set(classes) and "no-js" not in classes
    assert stylesheets and all(href.startswith("http://") for href in stylesheets), stylesheets
    late = [change for change in changes if change["body"]]
    assert late == [], f"changed once the content existed: {late}"
    # The head made them: <html>'s classes, and each stylesheet's address.
    early = {(change["element"], change["attribute"]) for change in changes}
    assert {("html", "class"), ("link", "href")} <= early


# Scroll boxes that are blocks of the article or of an API entry's text themselves.
SCROLL_BOX_BLOCKS = """() => document.querySelectorAll(
  '.md-content__inner > .md-typeset__scrollwrap, .doc-contents > .md-typeset__scrollwrap').length"""


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("page", ["performance/", "reference/", "reference/layers/", "perceptron/"])
def test_the_theme_adds_no_block_to_the_article(browser, site_server: SiteServer, lang: str, page: str):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    try:
        tab.goto(site_server.url(lang, page), wait_until="load")
        assert tab.evaluate("() => document.querySelectorAll('.md-typeset__scrollwrap').length") > 0
        assert tab.evaluate(SCROLL_BOX_BLOCKS) == 0
    finally:
        context.close()
