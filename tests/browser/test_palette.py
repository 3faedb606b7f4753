"""The light/dark switch in the header (overrides/partials/palette.html and
overrides/assets/javascripts/zeronn-palette.js), as a reader uses it.

A page opens in the palette the system asks for, or in the one the reader chose
before; the switch shows one button, the one that leads to the other palette; a
click or Enter switches, and the choice holds on the next page and the next
visit. The theme's own palette component must not run (it restyles the whole
page several times on every load).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, SiteServer

STATE = """() => ({
  scheme: document.body.dataset.mdColorScheme,
  shown: [...document.querySelectorAll('[data-zeronn-palette] label')]
    .filter(label => !label.hidden).map(label => label.getAttribute('for')),
  checkedShowsItsButton: document.querySelector('[data-zeronn-palette] input:checked')?.nextElementSibling.hidden === false,
  themeColor: document.querySelector('meta[name=theme-color]')?.content,
  stored: __md_get('__palette')?.index ?? null,
  themeComponent: document.querySelectorAll('[data-md-component=palette]').length,
})"""
OTHER = {"default": "slate", "slate": "default"}
START = {"light": "default", "dark": "slate"}


def open_page(page, url: str) -> dict:
    page.goto(url, wait_until="load")
    page.wait_for_function("() => document.querySelector('meta[name=theme-color]')?.content")
    return page.evaluate(STATE)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_switch_follows_the_system_then_the_reader(browser, site_server: SiteServer, lang: str, system: str):
    context = browser.new_context(viewport=DESKTOP, color_scheme=system)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        state = open_page(page, site_server.url(lang, "loss/"))
        first = START[system]
        assert state["scheme"] == first and state["stored"] is None
        assert state["themeComponent"] == 0
        assert len(state["shown"]) == 1 and state["checkedShowsItsButton"], f"one button, for the other palette: {state}"
        assert state["themeColor"].startswith("#") and len(state["themeColor"]) == 7

        page.click("[data-zeronn-palette] label:not([hidden])")
        state = page.evaluate(STATE)
        assert state["scheme"] == OTHER[first] and state["stored"] is not None
        assert state["checkedShowsItsButton"] and len(state["shown"]) == 1

        # The choice holds on another page, and on the same page loaded again.
        for url in (site_server.url(lang, "forward/"), site_server.url(lang, "loss/")):
            assert open_page(page, url)["scheme"] == OTHER[first], url

        # Enter on the switch goes back.
        page.focus("[data-zeronn-palette] input:checked")
        page.keyboard.press("Enter")
        assert page.evaluate(STATE)["scheme"] == first
        assert open_page(page, site_server.url(lang, "forward/"))["scheme"] == first
        assert not errors
    finally:
        context.close()
