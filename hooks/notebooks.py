"""Fit the notebook pages (rendered by mkdocs-jupyter) to the rest of the site.

- Heading anchors: nbconvert derives a heading's id from its text, so the Japanese
  and English pages of a notebook would get different anchors (and a Japanese
  heading a useless one). notebooks/cells.py gives each heading cell a cell id,
  the same in both languages; here it becomes the heading's id, and the page's
  table of contents is rebuilt from the headings.
- Links: a notebook links to the hosted site (so that a downloaded notebook's links
  work); on the site those links become relative ones, checked to lead to a page.
- Scripts: nbconvert's template adds a MathJax loader and a Mermaid loader that
  imports from a CDN. The site typesets math with its own KaTeX at build time
  (hooks/katex_render.py, the notebooks' Markdown cells too) and has no
  diagrams, so both go: nothing on a page may ask
  another host for anything.
- Styles: each page carries ~600 kB of JupyterLab CSS inline. It is moved into
  files under assets/notebooks/, linked from the page's head, and each page's file
  keeps only the rules that can apply to it (hooks/notebook_css.py).
- Before the build: the notebooks are executed with the kernel "python3"; make
  sure it is this Python (the environment that has zeronn), and that matplotlib's
  font cache exists, or its first use writes "building the font cache" to stderr,
  and that would show as a red cell on the page. nbconvert also reads
  hooks/jupyter/ (encrypted kernel sockets, no warning about them in the log).
"""

from __future__ import annotations

import copy
import hashlib
import html
import os
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hooks import build_cache, notebook_css  # noqa: E402
from notebooks.cells import LANGUAGE_ROOT  # noqa: E402

CELL_ID_PREFIX = "cell-id="
KERNEL = "python3"
STYLE_DIR = "assets/notebooks"
JUPYTER_CONFIG = Path(__file__).resolve().parent / "jupyter"  # nbconvert's configuration
SHARED_STYLE_MIN = 2000  # characters: smaller <style> blocks stay in the page

_styles: dict[str, str] = {}  # file name -> CSS as mkdocs-jupyter gives it
_pruned: dict[str, str] = {}  # file name -> the rules that a page uses, written after the build
_read_elsewhere: set[str] | None = None  # custom properties that the site's own stylesheets read
_PRUNE_KEY = build_cache.key("hooks/notebook_css.py")  # the pruning code, with the packages it uses


def on_config(config, **kwargs):
    """mkdocs-jupyter's own cache, in a directory keyed by everything the notebooks import.

    Its cache key covers the notebook and the conversion options, not zeronn/ or
    the installed packages; build_cache.key() covers those. (Turned off by
    ZERONN_BUILD_CACHE=0.)
    """
    plugin = config["plugins"]["mkdocs-jupyter"]
    plugin.config["cache"] = build_cache.enabled()
    if plugin.config["cache"]:
        digest = build_cache.key("zeronn", "hooks/jupyter", "hooks/notebooks.py")
        plugin.config["cache_dir"] = str(build_cache.directory("notebooks", digest) / config["theme"]["language"])
    return config


def on_pre_build(config, **kwargs) -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    global _read_elsewhere
    _styles.clear()
    _pruned.clear()
    _read_elsewhere = None
    if str(JUPYTER_CONFIG) not in os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep):
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            filter(None, [str(JUPYTER_CONFIG), os.environ.get("JUPYTER_CONFIG_PATH")])
        )
    try:
        argv = KernelSpecManager().get_kernel_spec(KERNEL).argv
    except NoSuchKernel as error:
        raise PluginError(f"no Jupyter kernel {KERNEL!r} to execute the notebooks: install ipykernel") from error
    # jupyter_client starts a kernel whose command is "python" with the running interpreter.
    python = argv[0] if argv else ""
    short = ("python", f"python{sys.version_info[0]}", f"python{sys.version_info[0]}.{sys.version_info[1]}")
    if python not in short and Path(python).resolve() != Path(sys.executable).resolve():
        raise PluginError(f"the Jupyter kernel {KERNEL!r} runs {python}, not this environment's {sys.executable}")
    import matplotlib.font_manager  # noqa: F401 - builds the font cache here, not in a notebook


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def on_page_content(content: str, page, config, files, **kwargs) -> str:
    if not is_notebook(page):
        return content
    soup = BeautifulSoup(content, "html.parser")
    _remove_outside_scripts(soup)
    _anchor_headings(soup, page)
    _relative_links(soup, page, config, files)
    _share_styles(soup, page)
    page.toc = get_toc(_toc_tokens(soup))
    return str(soup)


def on_post_page(output: str, page, config, **kwargs) -> str:
    """Link the page to its own stylesheets: of each, the rules that can apply to it
    (hooks/notebook_css.py), in a file named after its contents."""
    global _read_elsewhere
    if not is_notebook(page):
        return output
    if _read_elsewhere is None:  # the theme's and the site's stylesheets are in the site by now
        _read_elsewhere = set()
        for path in Path(config["site_dir"]).glob("assets/**/*.css"):
            if STYLE_DIR not in path.as_posix():
                _read_elsewhere |= notebook_css.properties_read(path.read_text("utf8"))
    paths = page.meta.get("stylesheets", [])
    if not paths:
        return output
    # One file for all of them, in their order: a custom property that one sets, another reads.
    whole = "\n".join(_styles[path.rsplit("/", 1)[1]] for path in paths)
    css = _pruned_css(whole, output, _read_elsewhere)
    name = hashlib.sha256(css.encode()).hexdigest()[:16] + ".css"
    _pruned[name] = css
    unpruned = os.environ.get("ZERONN_UNPRUNED_NOTEBOOK_CSS")  # a directory: for the tests' comparison
    if unpruned:
        Path(unpruned).mkdir(parents=True, exist_ok=True)
        (Path(unpruned) / name).write_text(whole, "utf8")
    output = output.replace(f"{paths[0]}\"", f"{STYLE_DIR}/{name}\"", 1)
    for path in paths[1:]:
        output, found = re.subn(rf'\s*<link rel="stylesheet" href="[^"]*{re.escape(path)}">', "", output, count=1)
        if not found:
            raise PluginError(f"{page.file.src_uri}: no link to {path} in the page")
    return output


def _pruned_css(whole: str, output: str, read_elsewhere: set[str]) -> str:
    """notebook_css.prune, kept in the build cache under a hash of its three inputs (in a directory
    keyed by the pruning code): a build in which a notebook page has not changed reads it back
    instead of pruning again (about 2 s of a language's build here)."""
    if not build_cache.enabled():
        return notebook_css.prune(whole, output, read_elsewhere)
    inputs = hashlib.sha256("\0".join([whole, output, *sorted(read_elsewhere)]).encode()).hexdigest()[:16]
    entry = build_cache.directory("notebook-css", _PRUNE_KEY) / f"{inputs}.css"
    if entry.is_file():
        return entry.read_text("utf8")
    css = notebook_css.prune(whole, output, read_elsewhere)
    partial = entry.with_name(f"{entry.name}.{os.getpid()}")  # the other language's build may read
    partial.write_text(css, "utf8")
    partial.replace(entry)
    return css


@event_priority(100)  # before mkdocs-jupyter's on_post_build (priority 0)
def on_post_build(config, **kwargs) -> None:
    target = Path(config["site_dir"]) / STYLE_DIR
    for name, css in _pruned.items():
        target.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(css, "utf8")
    # mkdocs-jupyter deletes every cached page that this build did not render, and a dirty
    # build (make serve) renders only the edited pages. Stale entries cannot be read (their
    # directory's key has changed), and build_cache prunes old keys: keep every entry here.
    plugin = config["plugins"]["mkdocs-jupyter"]
    if plugin.config["cache"]:
        plugin._used_cache_paths.update(Path(plugin.config["cache_dir"]).glob("*.json"))


def _remove_outside_scripts(soup: BeautifulSoup) -> None:
    for script in soup.find_all("script"):
        src = script.get("src")
        text = (script.get("type", "") + " " + (src or "") + " " + script.get_text()).lower()
        if src == "" or "mathjax" in text or "mermaid" in text:
            script.decompose()
    for comment in soup.find_all(string=lambda s: s.__class__.__name__ == "Comment"):
        if "mathjax" in comment.lower():
            comment.extract()


def _anchor_headings(soup: BeautifulSoup, page) -> None:
    for cell in soup.select("div.jp-MarkdownCell"):
        heading = cell.find(["h1", "h2", "h3", "h4", "h5", "h6"])
        if heading is None:
            continue
        cell_id = cell.get("id", "")
        if not cell_id.startswith(CELL_ID_PREFIX):
            raise PluginError(f"{page.file.src_uri}: a heading cell without a cell id (run python -m notebooks.build)")
        anchor = cell_id[len(CELL_ID_PREFIX):]
        heading["id"] = anchor
        for link in heading.select("a.anchor-link"):
            link["href"] = f"#{anchor}"


def _relative_links(soup: BeautifulSoup, page, config, files) -> None:
    """Links to this language's pages on the hosted site become relative links, to pages that exist."""
    root = LANGUAGE_ROOT[config["theme"]["language"]]
    pages = {file.url for file in files.documentation_pages()}
    up = "../" * page.url.count("/")
    for link in soup.select("div.jp-MarkdownCell a[href]"):
        href = link["href"]
        if not href.startswith(root) or href.startswith(root + "en/"):
            continue
        path, _, fragment = href[len(root):].partition("#")
        if path not in pages:
            raise PluginError(f"{page.file.src_uri}: a link to {href}, a page that this site does not have")
        link["href"] = (up + path or "./") + (f"#{fragment}" if fragment else "")


def _share_styles(soup: BeautifulSoup, page) -> None:
    """Each large <style> becomes a file; the page's head links to it (page.meta["stylesheets"],
    overrides/main.html). In the head, the link is there before the content: a stylesheet
    link further down, in the content, would have its address written anew by the theme's
    script when it starts, and the whole page would be styled again."""
    page.meta["stylesheets"] = []
    for style in soup.find_all("style"):
        css = style.get_text()
        if len(css) < SHARED_STYLE_MIN:
            continue
        if css.lstrip().startswith("['"):
            # mkdocs-jupyter 0.26 appends the list of inlined styles as its Python repr: not CSS.
            style.decompose()
            continue
        name = hashlib.sha256(css.encode()).hexdigest()[:16] + ".css"
        _styles[name] = css
        page.meta["stylesheets"].append(f"{STYLE_DIR}/{name}")
        style.decompose()


def _toc_tokens(soup: BeautifulSoup) -> list[dict]:
    """Nested TOC tokens from the headings of the Markdown cells, as Python-Markdown's toc makes them."""
    root: list[dict] = []
    stack: list[dict] = []
    for heading in soup.select("div.jp-MarkdownCell :is(h1, h2, h3, h4, h5, h6)"):
        level = int(heading.name[1])
        plain = copy.copy(heading)
        for link in plain.select("a.anchor-link"):
            link.decompose()
        token = {"level": level, "id": heading["id"], "name": html.escape(plain.get_text().strip(), quote=False), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
