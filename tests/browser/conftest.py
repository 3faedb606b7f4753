"""The built site in a real browser: Chromium driven by Playwright, against a local server.

The site built by the ``built_site`` fixture is served as built (its sitemaps
name the host, not this server) from a thread on 127.0.0.1, under the path of
its ``site_url`` (``/zeronn/`` for the hosted site), so that what depends on
that path (the 404 pages' absolute links) works as on the host. One browser
serves the whole session; each page is visited once per viewport and what the
tests need is read from it in that one visit.

Pages are parametrized from the sources (``docs/<lang>/``) when the tests are
collected; ``test_every_built_page_is_checked`` makes sure that this list and
the built site's sitemap agree, so no built page escapes the checks.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.docs_tools import DOCS, LANGUAGES, ROOT

CHROMIUM = Path(os.environ.get("ZERONN_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
NOT_FOUND = "404.html"


def source_pages(lang: str) -> list[str]:
    """The pages of one language as paths below its root: "", "forward/", ..., "404.html"."""
    pages = []
    for path in sorted((DOCS / lang).rglob("*")):
        if path.suffix not in (".md", ".ipynb") or any(p.startswith((".", "_")) for p in path.parts):
            continue
        parts = path.relative_to(DOCS / lang).with_suffix("").parts
        if parts[-1] in ("index", "README"):
            parts = parts[:-1]
        pages.append("".join(f"{part}/" for part in parts))
    return pages + [NOT_FOUND]


def page_params() -> list:
    """(lang, page) pairs, named ``ja/forward/`` in the test ids."""
    return [
        pytest.param(lang, page, id=f"{lang}/{page}")
        for lang in LANGUAGES
        for page in source_pages(lang)
    ]


# ---------------------------------------------------------------- the server


def sitemap_urls(root: Path) -> list[str]:
    """The URLs listed in one language's sitemap.xml."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = ET.parse(root / "sitemap.xml")
    return [loc.text.strip() for loc in tree.getroot().iterfind("s:url/s:loc", ns)]


def sitemap_paths(root: Path) -> list[str]:
    """The URL paths listed in one language's sitemap.xml."""
    return [urlsplit(url).path for url in sitemap_urls(root)]


class _HostedHandler(SimpleHTTPRequestHandler):
    """Serves the built site as its host would, at the path of its ``site_url``;
    what lies outside ``prefix`` is 404."""

    prefix = "/"  # the path of site_url, e.g. /zeronn/

    def translate_path(self, path: str) -> str:
        if not urlsplit(path).path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-site")  # never built: 404
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # The browser drops connections it no longer needs when a test moves on.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class SiteServer:
    base: str  # http://127.0.0.1:PORT
    roots: dict[str, str]  # URL path of each language's root: {"ja": "/zeronn/", "en": "/zeronn/en/"}
    site: Path

    def url(self, lang: str, page: str) -> str:
        return self.base + self.roots[lang] + page

    def page_of(self, url: str) -> tuple[str, str] | None:
        """(lang, page) of a URL of this site; the longest matching root wins."""
        if not url.startswith(self.base):
            return None
        path = urlsplit(url).path
        for lang, root in sorted(self.roots.items(), key=lambda item: -len(item[1])):
            if path.startswith(root):
                return lang, path[len(root):]
        return None


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """The site built by ``built_site``, served from a thread on 127.0.0.1 as on its host."""
    hosted = urlsplit(min(sitemap_urls(built_site), key=len))  # the Japanese root
    roots = {
        "ja": hosted.path,
        "en": urlsplit(min(sitemap_urls(built_site / "en"), key=len)).path,
    }
    handler = type("Handler", (_HostedHandler,), {"prefix": hosted.path})
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield SiteServer(base, roots, built_site)
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: the browser tests need it. `make test` installs "
            "Debian's chromium and fonts-ipafont-gothic (as root); or run "
            "`apt-get install chromium fonts-ipafont-gothic` yourself.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Tab:
    """One browser page that records, per visit, what went wrong while loading."""

    def __init__(self, browser, server: SiteServer, viewport: dict, scheme: str = "light") -> None:
        self.browser, self.server, self.viewport, self.scheme = browser, server, viewport, scheme
        self.context = browser.new_context(viewport=viewport, color_scheme=scheme)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.reset()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.on("request", self._request)
        self.page.on("requestfailed", self._failed)
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url}: HTTP {r.status}"))

    def reset(self) -> None:
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []

    def record(self) -> tuple[list[str], list[str], list[str]]:
        """Copies of what the current visit recorded so far."""
        return list(self.errors), list(self.failed), list(self.outside)

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url', '?')})")

    def _failed(self, request) -> None:
        # ERR_ABORTED: a request still running when the test moved on to the next page
        # (the sitemap that instant navigation fetches, the search index once the search was
        # opened). A missing file answers 404 instead.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url}: {request.failure}")

    def _request(self, request) -> None:
        url = request.url
        if not url.startswith((self.server.base + "/", "data:", "blob:")):
            self.outside.append(url)

    def open(self, url: str) -> None:
        self.reset()
        self.page.goto(url, wait_until="load")
        self.settle()

    def settle(self) -> None:
        """Wait for what runs after the load event, as a reader who scrolls down the page sees it.

        Material mounts a code block (its copy button) when the block first comes into
        view (the feature content.lazy): every collapsible is opened, and the page is
        scrolled through, one screen at a time, and back to the top. Then zeronn-a11y.js must have checked the page since
        the last change (<html data-zeronn-a11y="done">), and the fonts must be in.

        The browser lays out only the blocks near the screen (content-visibility, zeronn.css).
        What the tests check is the whole page (axe's contrast of every text, the page's width,
        full-page screenshots), as a reader who scrolls sees each block: RENDER_ALL lays out
        and draws them all. tests/browser/test_accessibility.py checks what happens before.
        """
        self.page.evaluate(SCROLL_THROUGH)
        self.page.wait_for_function(A11Y_DONE, timeout=5_000)
        self.page.add_style_tag(content=RENDER_ALL)
        self.page.evaluate(TWO_FRAMES)
        self.page.evaluate("document.fonts.ready.then(() => true)")

    def close(self) -> None:
        self.context.close()


# Open every collapsible (an exercise's answer holds code blocks too), then two frames per
# screen: the theme's IntersectionObserver reports in the first, and the theme mounts.
SCROLL_THROUGH = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  document.querySelectorAll('details:not([open])').forEach(details => { details.open = true; });
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
    window.scrollTo(0, y);
    await frame(); await frame();
  }
  window.scrollTo(0, 0);
  await frame(); await frame();
}"""

A11Y_DONE = "() => document.documentElement.getAttribute('data-zeronn-a11y') === 'done'"
ZERONN_CSS = ROOT / "overrides" / "assets" / "stylesheets" / "zeronn.css"


def deferred_blocks() -> str:
    """The selectors of the blocks that zeronn.css lets the browser skip (content-visibility: auto)."""
    rules = [rule.split("{")[0].split("*/")[-1] for rule in ZERONN_CSS.read_text("utf8").split("}")
             if "content-visibility: auto" in rule]
    return ", ".join(" ".join(rule.split()) for rule in rules)


RENDER_ALL = f"{deferred_blocks()} {{ content-visibility: visible !important; }}"
# Elements that the browser still skips (inside a deferred block not laid out yet).
SKIPPED = """() => [...document.querySelectorAll('.md-content__inner *')]
  .filter(el => !el.checkVisibility({contentVisibilityAuto: true}) && el.checkVisibility()).length"""
# Boxes that may scroll sideways (zeronn-a11y.js), and those that scroll without taking the focus.
SCROLLING = (".highlight-ipynb, .md-typeset__scrollwrap, .md-typeset .katex-display, "
             ".md-typeset .arithmatex, .md-typeset pre > code")


def laid_out(expression: str) -> str:
    """A function that evaluates a JavaScript expression with every block laid out (a skipped
    block has no contents to measure: a table's scroll box would read as one that does not
    scroll), in one step, so that no script of the page runs in between."""
    return f"""() => {{
  const style = document.createElement('style');
  style.textContent = {json.dumps(RENDER_ALL)};
  document.head.append(style);
  try {{ return {expression}; }} finally {{ style.remove(); }}
}}"""


UNMARKED = laid_out(f"""[...document.querySelectorAll('{SCROLLING}')]
  .filter(box => box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute('tabindex')).length""")
TWO_FRAMES = """() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))"""

# Read everything the checks need in one round trip.
COLLECT = """() => {
  const article = document.querySelector('article.md-content__inner') || document.body;
  const math = [...article.querySelectorAll('.arithmatex')];
  const prose = article.cloneNode(true);
  prose.querySelectorAll('pre, code, .katex, script, style').forEach(e => e.remove());
  const blocks = [...article.querySelectorAll('pre > code')].map(code => {
    const pre = code.parentElement;
    const box = pre.closest('.highlight');
    // Material's copy button (button.md-code__button in 9.8, button.md-clipboard before)
    // names the element whose text it copies.
    const button = pre.querySelector('button[data-clipboard-target]');
    const selector = button && button.getAttribute('data-clipboard-target');
    const target = selector && document.querySelector(selector);
    return {
      classes: box ? box.className : '',
      api: !!pre.closest('.doc'),
      button: !!button,
      copied: target ? target.innerText : null,
    };
  });
  return {
    lang: document.documentElement.lang,
    math: math.length,
    unrendered: math.filter(e => !e.querySelector('.katex')).map(e => e.textContent.slice(0, 80)),
    katex_errors: [...article.querySelectorAll('.katex-error')].map(e => e.textContent.slice(0, 80)),
    prose: prose.innerText || prose.textContent,
    blocks: blocks,
    scroll_width: document.documentElement.scrollWidth,
  };
}"""


@dataclass
class Visit:
    lang: str
    page: str
    errors: list[str]
    failed: list[str]
    outside: list[str]
    data: dict
    switch_path: str | None = None
    switch_lang: str | None = None
    switch_error: str | None = None


def screenshot_name(lang: str, page: str, width: int, scheme: str) -> Path:
    name = page.strip("/").replace("/", "-").replace(".html", "") or "home"
    return SCREENSHOTS / f"{name}-{lang}-{width}-{scheme}.png"


SCREENSHOT_PAGES = ("forward/",)  # in both languages, both widths, both schemes
TAKEN: dict[Path, int] = {}  # the screenshots this session wrote, with their size in bytes


@pytest.fixture(scope="session")
def fresh_screenshots() -> None:
    """Remove the screenshots of an earlier run, so that only this run's are there."""
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()


@pytest.fixture(scope="session")
def desktop_visits(browser, site_server: SiteServer, fresh_screenshots) -> dict[tuple[str, str], Visit]:
    """Every page in both languages at 1280 px: what loading it did, and where its language switch leads.

    A page that exists in both languages is opened in the first; its switch is
    clicked, and the page it lands on is the visit of the second language (if
    it is the right page), whose own switch is clicked in turn.
    """
    tab = Tab(browser, site_server, DESKTOP)
    visits: dict[tuple[str, str], Visit] = {}
    pages = {lang: source_pages(lang) for lang in LANGUAGES}
    every_page = list(dict.fromkeys(page for lang in LANGUAGES for page in pages[lang]))
    try:
        for page in every_page:
            langs = [lang for lang in LANGUAGES if page in pages[lang]]
            landed = None
            for lang in langs:
                if landed != (lang, page):
                    tab.open(site_server.url(lang, page))
                visit = Visit(lang, page, *tab.record(), tab.page.evaluate(COLLECT))
                if page in SCREENSHOT_PAGES:
                    _screenshots(tab, site_server, lang, page, DESKTOP["width"])
                # The page the switch lands on is read only if it is the next visit.
                landed = _follow_switch(tab, site_server, visit, settle=lang != langs[-1])
                visits[lang, page] = visit
    finally:
        tab.close()
    return visits


@pytest.fixture(scope="session")
def phone_visits(browser, site_server: SiteServer, fresh_screenshots) -> dict[tuple[str, str], Visit]:
    """Every page in both languages on a 390 px wide phone."""
    tab = Tab(browser, site_server, PHONE)
    visits = {}
    try:
        for lang in LANGUAGES:
            for page in source_pages(lang):
                tab.open(site_server.url(lang, page))
                visits[lang, page] = Visit(lang, page, *tab.record(), tab.page.evaluate(COLLECT))
                if page in SCREENSHOT_PAGES:
                    _screenshots(tab, site_server, lang, page, PHONE["width"])
    finally:
        tab.close()
    return visits


def _screenshots(tab: Tab, server: SiteServer, lang: str, page: str, width: int) -> None:
    """The page as it is now (light), then in dark mode in a fresh context: Material keeps
    the scheme it chose in the browser's storage, so the same context would stay light."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = screenshot_name(lang, page, width, "light")
    TAKEN[shot] = len(tab.page.screenshot(path=shot, full_page=True))
    dark = Tab(tab.browser, server, tab.viewport, scheme="dark")
    try:
        dark.open(server.url(lang, page))
        assert dark.page.evaluate("document.body.dataset.mdColorScheme") == "slate", "dark mode not applied"
        shot = screenshot_name(lang, page, width, "dark")
        TAKEN[shot] = len(dark.page.screenshot(path=shot, full_page=True))
    finally:
        dark.close()


def _follow_switch(tab: Tab, server: SiteServer, visit: Visit, *, settle: bool) -> tuple[str, str] | None:
    """Click the language switch as a reader does (open the menu, pick the other language);
    record where it led, and return that page as (lang, page), recorded afresh."""
    other = next(x for x in LANGUAGES if x != visit.lang)
    page = tab.page
    try:
        page.hover(".md-header__option .md-select")
        link = page.locator(f'a.md-select__link[hreflang="{other}"]')
        tab.reset()
        with page.expect_navigation(wait_until="load"):
            link.click()
        if settle:
            tab.settle()
    except Exception as error:  # noqa: BLE001 - reported by the switch test
        visit.switch_error = f"{type(error).__name__}: {error}"
        return None
    visit.switch_path = urlsplit(page.url).path
    visit.switch_lang = page.evaluate("document.documentElement.lang")
    return server.page_of(page.url)


# ------------------------------------------------------- running the code blocks

RUNNER = r"""
import contextlib, io, json, sys, traceback
results = []
for block in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    status = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            exec(compile(block, "<copied block>", "exec"), {"__name__": "__main__"})
    except SystemExit as stop:
        status = 0 if stop.code in (None, 0) else 1
        err.write(f"SystemExit({stop.code!r})")
    except BaseException:
        status = 1
        err.write(traceback.format_exc())
    results.append({"status": status, "stderr": err.getvalue()[-3000:]})
json.dump(results, sys.__stdout__)
"""


def is_course_python(block: dict) -> bool:
    """A Python block written on the page (not the source listings of the API reference)."""
    return "language-python" in block["classes"].split() and not block["api"]


@pytest.fixture(scope="session")
def python_block_runs(desktop_visits) -> dict[tuple[str, str], list[dict]]:
    """Run the text that each Python block's copy button copies, every block in a fresh
    namespace, all of them in one fresh interpreter; results per (lang, page).

    They run in the repository, where the home page tells readers to install
    zeronn and run its code, and where the page tests run them too."""
    keys, texts = [], []
    for key, visit in desktop_visits.items():
        for index, block in enumerate(visit.data["blocks"]):
            if is_course_python(block) and block["copied"] is not None:
                keys.append((key, index))
                texts.append(block["copied"])
    env = dict(os.environ, MPLBACKEND="Agg")
    result = subprocess.run(
        [sys.executable, "-c", RUNNER],
        input=json.dumps(texts), capture_output=True, text=True, timeout=600,
        cwd=ROOT, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr
    runs: dict[tuple[str, str], list[dict]] = {key: [] for key in desktop_visits}
    for (key, index), outcome in zip(keys, json.loads(result.stdout), strict=True):
        runs[key].append({"index": index, **outcome})
    return runs
