"""Draw the course's figures during the build and add them to the site.

The figures are not files in docs/: they are drawn from code (figures/) in the
page language, once for the light colour scheme and recoloured for the dark one
(figures.render.render_svgs), and added to the build as generated files, so a
page can never show a figure that the code no longer makes. A drawn figure is
kept under build/cache/figures/, keyed by figures/ and zeronn/
(hooks/build_cache.py): an unchanged figure is not drawn again.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from mkdocs.structure.files import File

ROOT = str(Path(__file__).resolve().parent.parent)
sys.path.insert(0, ROOT)

from hooks import build_cache  # noqa: E402

THEMES = ("light", "dark")  # as figures.render.THEMES, which imports matplotlib and torch


def _figures():
    """The package figures/, imported only when something is drawn: it imports torch."""
    # MkDocs takes back what a hook adds to sys.path once the hook is loaded.
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    import figures
    import figures.render

    return figures


def all_figures():
    return _figures().all_figures()


def render_svgs(draw, lang: str) -> dict[str, bytes]:
    return _figures().render.render_svgs(draw, lang)


# What a figure can depend on: its drawing code, zeronn (trained or measured for some
# figures) and the recorded benchmark results, which live inside zeronn/.
SOURCES = ("figures", "zeronn")


def on_files(files, config, **kwargs):
    lang = config["theme"]["language"]
    start = time.perf_counter()
    cache = build_cache.directory("figures", build_cache.key(*SOURCES)) if build_cache.enabled() else None
    for uri, svg in (_cached(cache, lang) or _drawn(cache, lang)).items():
        files.append(File.generated(config, uri, content=svg))
    config["extra"]["figure_seconds"] = round(time.perf_counter() - start, 2)
    return files


def _cached(cache, lang: str) -> dict[str, bytes] | None:
    """Every figure from the cache, if a build with this key drew them all; else None.

    The list of names is kept beside the figures, so that a build that finds them all never
    imports figures/ (which imports torch: a second or more of a warm build).
    """
    names = None if cache is None else cache / f"names-{lang}.json"
    if names is None or not names.exists():
        return None
    paths = {f"assets/figures/{name}-{theme}.svg": cache / f"{name}-{lang}-{theme}.svg"
             for name in json.loads(names.read_text("utf8")) for theme in THEMES}
    if not all(path.exists() for path in paths.values()):
        return None
    return {uri: path.read_bytes() for uri, path in paths.items()}


def _drawn(cache, lang: str) -> dict[str, bytes]:
    figures = all_figures()
    drawn = {f"assets/figures/{name}-{theme}.svg": svg
             for name, draw in figures.items() for theme, svg in _svgs(cache, name, draw, lang).items()}
    if cache is not None:
        (cache / f"names-{lang}.json").write_text(json.dumps(list(figures)), "utf8")
    return drawn


def _svgs(cache, name, draw, lang: str) -> dict[str, bytes]:
    """The figure in every theme, as SVG: from the cache when its key matches, else drawn
    (once, and recoloured for the other themes) and stored."""
    paths = {theme: None if cache is None else cache / f"{name}-{lang}-{theme}.svg" for theme in THEMES}
    if all(path is not None and path.exists() for path in paths.values()):
        return {theme: path.read_bytes() for theme, path in paths.items()}
    svgs = render_svgs(draw, lang)
    for theme, path in paths.items():
        if path is not None:
            path.write_bytes(svgs[theme])
    return svgs
